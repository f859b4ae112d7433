/* jx-diff.c: what changed between two versions of a table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-diff"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-diff.h"
#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-previous.h"

struct _JxDiff
{
  GPtrArray  *changes;    /* JxChange */
  GPtrArray  *comments;   /* JxChange of kind JX_DIFF_COMMENT */
  GHashTable *pairs;      /* node of A → its match in B; only while comparing */
};

/* The precision of @node's amounts: its document's. */
static guint
decimals_of (JxNode *node)
{
  JxDocument *document = node != NULL ? jx_node_get_document (node) : NULL;

  return document != NULL ? jx_document_get_decimals (document) : JX_MONEY_DEFAULT_DECIMALS;
}

/* The precision of a change's delta: that of the newer document. */
static guint
change_decimals (const JxChange *change)
{
  return decimals_of (change->new_node != NULL ? change->new_node : change->old_node);
}

static void
change_free (JxChange *change)
{
  g_clear_object (&change->old_node);
  g_clear_object (&change->new_node);
  g_clear_object (&change->new_parent);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

static JxChange *
add_change (GPtrArray    *list,
            JxChangeType  type,
            JxDiffKind    kind,
            JxNode       *old_node,
            JxNode       *new_node)
{
  JxChange *change = g_new0 (JxChange, 1);

  change->change = type;
  change->kind = kind;
  change->old_node = old_node ? g_object_ref (old_node) : NULL;
  change->new_node = new_node ? g_object_ref (new_node) : NULL;
  g_ptr_array_add (list, change);
  return change;
}

/* --- reading nodes -------------------------------------------------------- */

static JxFieldOwner
owner_of_kind (JxDiffKind kind)
{
  switch (kind)
    {
    case JX_DIFF_DOCUMENT: return JX_FIELD_OWNER_DOCUMENT;
    case JX_DIFF_FUNDING_UNIT: return JX_FIELD_OWNER_UNIT;
    case JX_DIFF_PROJECT: return JX_FIELD_OWNER_PROJECT;
    case JX_DIFF_INDICATOR: return JX_FIELD_OWNER_INDICATOR;
    case JX_DIFF_COMMENT:
    default: g_assert_not_reached ();
    }
}

static const char *
node_name (JxNode *node)
{
  if (JX_IS_PROJECT (node))
    return jx_project_get_name (JX_PROJECT (node));
  if (JX_IS_INDICATOR (node))
    return jx_indicator_get_name (JX_INDICATOR (node));
  if (JX_IS_FUNDING_UNIT (node))
    return jx_funding_unit_get_name (JX_FUNDING_UNIT (node));
  if (JX_IS_DOCUMENT (node))
    return jx_document_get_title (JX_DOCUMENT (node));
  if (JX_IS_ANNOTATION (node))
    return jx_annotation_get_text (JX_ANNOTATION (node));
  return "";
}

/* The items of a list model as a C array of borrowed pointers (the model
 * holds them while the diff runs). */
static GPtrArray *
items_of (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      gpointer item = g_list_model_get_item (model, i);

      g_ptr_array_add (items, item);
      g_object_unref (item);
    }
  return items;
}

/* One change per stored field of @kind whose value differs. */
static void
compare_fields (JxDiff     *diff,
                JxDiffKind  kind,
                JxNode     *a,
                JxNode     *b)
{
  guint n_fields;
  const JxField *fields = jx_fields_of (owner_of_kind (kind), &n_fields);

  for (guint f = 0; f < n_fields; f++)
    {
      const JxField *field = &fields[f];
      JxFieldText old_text = JX_FIELD_TEXT_INIT, new_text = JX_FIELD_TEXT_INIT;
      const char *x, *y;

      /* Derived fields (总计) follow from the others. */
      if (field->kind == JX_FIELD_TOTAL || field->xml_name == NULL)
        continue;
      x = jx_node_peek_field_text (a, field, &old_text);
      y = jx_node_peek_field_text (b, field, &new_text);
      /* Amounts of tables kept to different decimals compare at the finer. */
      if (field->kind == JX_FIELD_MONEY && decimals_of (a) != decimals_of (b) &&
          !jx_money_rescale (old_text.amount, decimals_of (a), decimals_of (b), &old_text.amount))
        old_text.amount = G_MAXINT64;
      if (field->kind == JX_FIELD_MONEY ? old_text.amount != new_text.amount : !g_str_equal (x, y))
        {
          JxChange *change = add_change (diff->changes, JX_CHANGE_CHANGED, kind, a, b);

          change->field = field->id;
          change->info = field;
          change->old_value = g_strdup (x);
          change->new_value = g_strdup (y);
          if (field->kind == JX_FIELD_MONEY)
            change->has_delta = jx_money_sub (new_text.amount, old_text.amount, &change->delta);
        }
      jx_field_text_clear (&old_text);
      jx_field_text_clear (&new_text);
    }
}

/* --- matching ------------------------------------------------------------- */

/*
 * Pairs the nodes of two lists: first those with the same id and a @strong
 * match, then those with the same key (in order of appearance), then, if
 * @by_id, those left with the same id that are @similar. Short lists are searched in place,
 * long ones through hash tables, so a table of 20,000 projects is matched
 * in linear time.
 */
typedef struct
{
  GPtrArray   *a, *b;
  const char **a_keys, **b_keys;
  gboolean   (*strong) (JxNode *a, JxNode *b);
  gboolean     by_id;
  gboolean   (*similar) (JxNode *a, JxNode *b);   /* for the last pass; NULL: any */
  int         *a_pair;   /* index in b, or -1 */
  int         *b_pair;
} Matching;

#define SMALL_LIST 12

static void
pair_up (Matching *m,
      guint     i,
      guint     j)
{
  m->a_pair[i] = j;
  m->b_pair[j] = i;
}

static int
find_id (Matching   *m,
         GHashTable *b_by_id,
         const char *id)
{
  if (id == NULL)
    return -1;
  if (b_by_id != NULL)
    return GPOINTER_TO_INT (g_hash_table_lookup (b_by_id, id)) - 1;
  for (guint j = 0; j < m->b->len; j++)
    if (g_strcmp0 (jx_node_get_id (g_ptr_array_index (m->b, j)), id) == 0)
      return j;
  return -1;
}

static void
matching_run (Matching *m)
{
  guint na = m->a->len, nb = m->b->len;
  g_autoptr(GHashTable) b_by_id = NULL;
  g_autoptr(GHashTable) b_by_key = NULL;   /* key → first index + 1 not yet used */
  g_autofree int *next_same_key = NULL;

  m->a_pair = g_new (int, na);
  m->b_pair = g_new (int, nb);
  /* g_new() gives NULL for none, and memset() must not be given NULL. */
  if (na > 0)
    memset (m->a_pair, 0xff, na * sizeof (int));
  if (nb > 0)
    memset (m->b_pair, 0xff, nb * sizeof (int));
  if (na == 0 || nb == 0)
    return;

  if (nb > SMALL_LIST)
    {
      b_by_id = g_hash_table_new (g_str_hash, g_str_equal);
      b_by_key = g_hash_table_new (g_str_hash, g_str_equal);
      next_same_key = g_new (int, nb);
      for (guint j = 0; j < nb; j++)
        {
          const char *id = jx_node_get_id (g_ptr_array_index (m->b, j));

          if (id != NULL)
            g_hash_table_insert (b_by_id, (gpointer) id, GINT_TO_POINTER (j + 1));
        }
      for (guint j = nb; j-- > 0;)
        {
          next_same_key[j] = GPOINTER_TO_INT (g_hash_table_lookup (b_by_key, m->b_keys[j])) - 1;
          g_hash_table_insert (b_by_key, (gpointer) m->b_keys[j], GINT_TO_POINTER (j + 1));
        }
    }

  /* Same id and a strong match: the same item. */
  for (guint i = 0; i < na; i++)
    {
      int j = find_id (m, b_by_id, jx_node_get_id (g_ptr_array_index (m->a, i)));

      if (j >= 0 && m->b_pair[j] < 0
          && m->strong (g_ptr_array_index (m->a, i), g_ptr_array_index (m->b, j)))
        pair_up (m, i, j);
    }

  /* Same key: the first one left, in order. */
  for (guint i = 0; i < na; i++)
    {
      if (m->a_pair[i] >= 0)
        continue;
      if (b_by_key != NULL)
        {
          int j = GPOINTER_TO_INT (g_hash_table_lookup (b_by_key, m->a_keys[i])) - 1;

          /* Those skipped are matched for good: start past them next time. */
          while (j >= 0 && m->b_pair[j] >= 0)
            j = next_same_key[j];
          if (j >= 0)
            {
              pair_up (m, i, j);
              g_hash_table_insert (b_by_key, (gpointer) m->a_keys[i],
                                   GINT_TO_POINTER (next_same_key[j] + 1));
            }
          else if (g_hash_table_contains (b_by_key, m->a_keys[i]))
            g_hash_table_insert (b_by_key, (gpointer) m->a_keys[i], GINT_TO_POINTER (0));
        }
      else
        for (guint j = 0; j < nb; j++)
          if (m->b_pair[j] < 0 && g_str_equal (m->a_keys[i], m->b_keys[j]))
            {
              pair_up (m, i, j);
              break;
            }
    }

  /* Same id, renamed. */
  if (m->by_id)
    for (guint i = 0; i < na; i++)
      if (m->a_pair[i] < 0)
        {
          int j = find_id (m, b_by_id, jx_node_get_id (g_ptr_array_index (m->a, i)));

          if (j >= 0 && m->b_pair[j] < 0
              && (m->similar == NULL
                  || m->similar (g_ptr_array_index (m->a, i), g_ptr_array_index (m->b, j))))
            pair_up (m, i, j);
        }
}

static void
matching_clear (Matching *m)
{
  g_clear_pointer (&m->a_pair, g_free);
  g_clear_pointer (&m->b_pair, g_free);
  g_clear_pointer (&m->a_keys, g_free);
  g_clear_pointer (&m->b_keys, g_free);
}

static gboolean
same_name (JxNode *a,
           JxNode *b)
{
  return g_str_equal (node_name (a), node_name (b));
}

static const char **
names_of (GPtrArray *nodes)
{
  const char **names = g_new (const char *, MAX (nodes->len, 1));

  for (guint i = 0; i < nodes->len; i++)
    names[i] = node_name (g_ptr_array_index (nodes, i));
  return names;
}

/* Whether a field other than the name holds the same value, not empty nor
 * zero, in both. */
static gboolean
share_a_value (JxNode       *a,
               JxNode       *b,
               JxFieldOwner  owner)
{
  guint n_fields;
  const JxField *fields = jx_fields_of (owner, &n_fields);

  for (guint f = 0; f < n_fields; f++)
    {
      const JxField *field = &fields[f];
      JxFieldText x = JX_FIELD_TEXT_INIT, y = JX_FIELD_TEXT_INIT;
      const char *text;
      gboolean same;

      if (g_str_equal (field->id, "name")
          || (field->kind != JX_FIELD_TEXT && field->kind != JX_FIELD_LONG_TEXT && field->kind != JX_FIELD_MONEY))
        continue;
      text = jx_node_peek_field_text (a, field, &x);
      same = g_str_equal (text, jx_node_peek_field_text (b, field, &y))
             && (field->kind == JX_FIELD_MONEY ? x.amount != 0 : *text != '\0');
      jx_field_text_clear (&x);
      jx_field_text_clear (&y);
      if (same)
        return TRUE;
    }
  return FALSE;
}

/*
 * Ids of removed items are given again to new ones, so an item of the same
 * id but another name is taken for the same item renamed only when
 * something else shows it: a value in common, or for a project an
 * indicator's name.
 */
static gboolean
similar_indicators (JxNode *a,
                    JxNode *b)
{
  return share_a_value (a, b, JX_FIELD_OWNER_INDICATOR);
}

static gboolean
similar_projects (JxNode *a,
                  JxNode *b)
{
  g_autoptr(GPtrArray) ia = NULL;
  g_autoptr(GPtrArray) ib = NULL;

  if (share_a_value (a, b, JX_FIELD_OWNER_PROJECT))
    return TRUE;
  ia = items_of (jx_project_get_indicators (JX_PROJECT (a)));
  ib = items_of (jx_project_get_indicators (JX_PROJECT (b)));
  for (guint i = 0; i < ia->len; i++)
    for (guint j = 0; j < ib->len; j++)
      if (*node_name (g_ptr_array_index (ia, i)) != '\0'
          && g_str_equal (node_name (g_ptr_array_index (ia, i)), node_name (g_ptr_array_index (ib, j))))
        return TRUE;
  return FALSE;
}

/* Matches two lists of units, projects or indicators by id and name, and
 * remembers the pairs when comments need them. */
static void
match_nodes (JxDiff    *diff,
             Matching  *m,
             GPtrArray *a,
             GPtrArray *b)
{
  gboolean (*similar) (JxNode *, JxNode *) = NULL;

  if (a->len > 0 && JX_IS_PROJECT (g_ptr_array_index (a, 0)))
    similar = similar_projects;
  else if (a->len > 0 && JX_IS_INDICATOR (g_ptr_array_index (a, 0)))
    similar = similar_indicators;
  *m = (Matching) { a, b, names_of (a), names_of (b), same_name, TRUE, similar, NULL, NULL };
  matching_run (m);
  if (diff->pairs != NULL)
    for (guint i = 0; i < a->len; i++)
      if (m->a_pair[i] >= 0)
        g_hash_table_insert (diff->pairs, g_ptr_array_index (a, i), g_ptr_array_index (b, m->a_pair[i]));
}

/* --- the table ------------------------------------------------------------ */

static void
compare_projects (JxDiff    *diff,
                  JxProject *a,
                  JxProject *b,
                  gboolean   moved)
{
  g_autoptr(GPtrArray) ia = items_of (jx_project_get_indicators (a));
  g_autoptr(GPtrArray) ib = items_of (jx_project_get_indicators (b));
  Matching m;

  compare_fields (diff, JX_DIFF_PROJECT, JX_NODE (a), JX_NODE (b));
  if (moved)
    {
      JxChange *change = add_change (diff->changes, JX_CHANGE_CHANGED, JX_DIFF_PROJECT,
                                     JX_NODE (a), JX_NODE (b));

      change->field = JX_DIFF_FIELD_FUNDING_UNIT;
      change->old_value = g_strdup (jx_funding_unit_get_name (jx_project_get_unit (a)));
      change->new_value = g_strdup (jx_funding_unit_get_name (jx_project_get_unit (b)));
    }

  match_nodes (diff, &m, ia, ib);
  for (guint j = 0; j < ib->len; j++)
    if (m.b_pair[j] < 0)
      add_change (diff->changes, JX_CHANGE_ADDED, JX_DIFF_INDICATOR, NULL, g_ptr_array_index (ib, j));
    else
      compare_fields (diff, JX_DIFF_INDICATOR, g_ptr_array_index (ia, m.b_pair[j]),
                      g_ptr_array_index (ib, j));
  for (guint i = 0; i < ia->len; i++)
    if (m.a_pair[i] < 0)
      add_change (diff->changes, JX_CHANGE_REMOVED, JX_DIFF_INDICATOR, g_ptr_array_index (ia, i),
                  NULL)->new_parent = g_object_ref (JX_NODE (b));
  matching_clear (&m);
}

static void
collect_projects (gpointer project,
                  gpointer projects)
{
  g_ptr_array_add (projects, project);
}

static void
compare_tables (JxDiff     *diff,
                JxDocument *a,
                JxDocument *b)
{
  g_autoptr(GPtrArray) ua = items_of (jx_document_get_units (a));
  g_autoptr(GPtrArray) ub = items_of (jx_document_get_units (b));
  g_autoptr(GPtrArray) pa = g_ptr_array_sized_new (jx_document_get_n_projects (a));
  g_autoptr(GPtrArray) pb = g_ptr_array_sized_new (jx_document_get_n_projects (b));
  g_autoptr(GHashTable) pa_index = g_hash_table_new (NULL, NULL);   /* project of A → index + 1 */
  g_autoptr(GHashTable) pb_index = g_hash_table_new (NULL, NULL);
  Matching units, projects;

  compare_fields (diff, JX_DIFF_DOCUMENT, JX_NODE (a), JX_NODE (b));

  /* Projects are matched over the whole table, so one that moved to
   * another unit is found. */
  jx_document_foreach_project (a, collect_projects, pa);
  jx_document_foreach_project (b, collect_projects, pb);
  for (guint i = 0; i < pa->len; i++)
    g_hash_table_insert (pa_index, g_ptr_array_index (pa, i), GUINT_TO_POINTER (i + 1));
  for (guint j = 0; j < pb->len; j++)
    g_hash_table_insert (pb_index, g_ptr_array_index (pb, j), GUINT_TO_POINTER (j + 1));
  match_nodes (diff, &units, ua, ub);
  match_nodes (diff, &projects, pa, pb);

  for (guint u = 0; u < ub->len; u++)
    {
      JxFundingUnit *unit_b = g_ptr_array_index (ub, u);
      JxFundingUnit *unit_a = units.b_pair[u] >= 0 ? g_ptr_array_index (ua, units.b_pair[u]) : NULL;
      g_autoptr(GPtrArray) in_b = items_of (jx_funding_unit_get_projects (unit_b));

      if (unit_a == NULL)
        add_change (diff->changes, JX_CHANGE_ADDED, JX_DIFF_FUNDING_UNIT, NULL, JX_NODE (unit_b));
      else
        compare_fields (diff, JX_DIFF_FUNDING_UNIT, JX_NODE (unit_a), JX_NODE (unit_b));

      for (guint p = 0; p < in_b->len; p++)
        {
          JxProject *project_b = g_ptr_array_index (in_b, p);
          guint j = GPOINTER_TO_UINT (g_hash_table_lookup (pb_index, project_b)) - 1;
          int i = projects.b_pair[j];

          if (i >= 0)
            {
              JxProject *project_a = g_ptr_array_index (pa, i);
              JxFundingUnit *was = jx_project_get_unit (project_a);

              compare_projects (diff, project_a, project_b, was != unit_a);
            }
          else if (unit_a != NULL)
            /* In a new unit, it goes with the unit. */
            add_change (diff->changes, JX_CHANGE_ADDED, JX_DIFF_PROJECT, NULL, JX_NODE (project_b));
        }

      if (unit_a != NULL)
        {
          g_autoptr(GPtrArray) in_a = items_of (jx_funding_unit_get_projects (unit_a));

          for (guint p = 0; p < in_a->len; p++)
            {
              JxProject *project_a = g_ptr_array_index (in_a, p);
              guint i = GPOINTER_TO_UINT (g_hash_table_lookup (pa_index, project_a)) - 1;

              if (projects.a_pair[i] < 0)
                add_change (diff->changes, JX_CHANGE_REMOVED, JX_DIFF_PROJECT, JX_NODE (project_a),
                            NULL)->new_parent = g_object_ref (JX_NODE (unit_b));
            }
        }
    }
  for (guint u = 0; u < ua->len; u++)
    if (units.a_pair[u] < 0)
      add_change (diff->changes, JX_CHANGE_REMOVED, JX_DIFF_FUNDING_UNIT,
                  g_ptr_array_index (ua, u), NULL)->new_parent = g_object_ref (JX_NODE (b));

  matching_clear (&units);
  matching_clear (&projects);
}

/* --- comments ------------------------------------------------------------- */

static gboolean
same_stamp (JxNode *a,
            JxNode *b)
{
  JxAnnotation *x = JX_ANNOTATION (a), *y = JX_ANNOTATION (b);

  return g_str_equal (jx_annotation_get_author (x), jx_annotation_get_author (y))
         && g_str_equal (jx_annotation_get_time (x), jx_annotation_get_time (y));
}

/* What identifies a comment apart from its id: the item it is on (as an id
 * of B), its field, its author and its text. */
static const char **
comment_keys (JxDiff     *diff,
              GPtrArray  *comments,
              JxDocument *doc,
              gboolean    in_a,
              GPtrArray  *owned)
{
  const char **keys = g_new (const char *, MAX (comments->len, 1));

  for (guint i = 0; i < comments->len; i++)
    {
      JxAnnotation *c = g_ptr_array_index (comments, i);
      const char *target = jx_annotation_get_target (c);
      char *key;

      if (in_a && *target != '\0')
        {
          JxNode *b_node = diff->pairs != NULL
                           ? g_hash_table_lookup (diff->pairs, jx_document_lookup (doc, target)) : NULL;
          /* An item that is gone matches nothing in B. */
          target = b_node != NULL ? jx_node_get_id (b_node) : NULL;
        }
      if (target == NULL)
        key = g_strdup_printf ("\x01gone-%u", i);
      else
        key = g_strjoin ("\x1f", target, jx_annotation_get_field (c), jx_annotation_get_author (c),
                         jx_annotation_get_text (c), NULL);
      g_ptr_array_add (owned, key);
      keys[i] = key;
    }
  return keys;
}

/* A reply is told apart by its author and text. */
static const char **
reply_keys (GPtrArray *replies,
            GPtrArray *owned)
{
  const char **keys = g_new (const char *, MAX (replies->len, 1));

  for (guint i = 0; i < replies->len; i++)
    {
      JxAnnotation *r = g_ptr_array_index (replies, i);
      char *key = g_strconcat (jx_annotation_get_author (r), "\x1f", jx_annotation_get_text (r), NULL);

      g_ptr_array_add (owned, key);
      keys[i] = key;
    }
  return keys;
}

static void
compare_comment_lists (JxDiff     *diff,
                       GPtrArray  *a,
                       GPtrArray  *b,
                       JxDocument *doc_a,
                       gboolean    top_level);

static void
compare_comments (JxDiff       *diff,
                  JxAnnotation *a,
                  JxAnnotation *b,
                  JxDocument   *doc_a)
{
  g_autoptr(GPtrArray) ra = items_of (jx_annotation_get_replies (a));
  g_autoptr(GPtrArray) rb = items_of (jx_annotation_get_replies (b));

  if (!g_str_equal (jx_annotation_get_text (a), jx_annotation_get_text (b)))
    {
      JxChange *change = add_change (diff->comments, JX_CHANGE_CHANGED, JX_DIFF_COMMENT,
                                     JX_NODE (a), JX_NODE (b));

      change->field = "text";
      change->old_value = g_strdup (jx_annotation_get_text (a));
      change->new_value = g_strdup (jx_annotation_get_text (b));
    }
  if (jx_annotation_get_resolved (a) != jx_annotation_get_resolved (b))
    {
      JxChange *change = add_change (diff->comments, JX_CHANGE_CHANGED, JX_DIFF_COMMENT,
                                     JX_NODE (a), JX_NODE (b));

      change->field = "resolved";
      change->old_value = g_strdup (jx_annotation_get_resolved (a) ? "true" : "false");
      change->new_value = g_strdup (jx_annotation_get_resolved (b) ? "true" : "false");
    }
  compare_comment_lists (diff, ra, rb, doc_a, FALSE);
}

static void
compare_comment_lists (JxDiff     *diff,
                       GPtrArray  *a,
                       GPtrArray  *b,
                       JxDocument *doc_a,
                       gboolean    top_level)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  Matching m = { a, b, NULL, NULL, same_stamp, FALSE, NULL, NULL, NULL };

  if (top_level)
    {
      m.a_keys = comment_keys (diff, a, doc_a, TRUE, owned);
      m.b_keys = comment_keys (diff, b, NULL, FALSE, owned);
    }
  else
    {
      /* Replies: the comment they answer is matched already. */
      m.a_keys = reply_keys (a, owned);
      m.b_keys = reply_keys (b, owned);
    }
  matching_run (&m);

  for (guint j = 0; j < b->len; j++)
    if (m.b_pair[j] < 0)
      add_change (diff->comments, JX_CHANGE_ADDED, JX_DIFF_COMMENT, NULL, g_ptr_array_index (b, j));
    else
      compare_comments (diff, g_ptr_array_index (a, m.b_pair[j]), g_ptr_array_index (b, j), doc_a);
  for (guint i = 0; i < a->len; i++)
    if (m.a_pair[i] < 0)
      add_change (diff->comments, JX_CHANGE_REMOVED, JX_DIFF_COMMENT, g_ptr_array_index (a, i), NULL);
  matching_clear (&m);
}

/* --- the diff ------------------------------------------------------------- */

JxDiff *
jx_diff_documents (JxDocument *a,
                   JxDocument *b)
{
  JxDiff *diff;
  GListModel *ca, *cb;

  g_return_val_if_fail (JX_IS_DOCUMENT (a), NULL);
  g_return_val_if_fail (JX_IS_DOCUMENT (b), NULL);

  diff = g_new0 (JxDiff, 1);
  diff->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  diff->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);

  ca = jx_document_get_annotations (a);
  cb = jx_document_get_annotations (b);
  /* The pairs of items are only needed to place comments. */
  if (g_list_model_get_n_items (ca) > 0 && g_list_model_get_n_items (cb) > 0)
    {
      diff->pairs = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (diff->pairs, a, b);
    }

  compare_tables (diff, a, b);
  {
    g_autoptr(GPtrArray) la = items_of (ca);
    g_autoptr(GPtrArray) lb = items_of (cb);

    compare_comment_lists (diff, la, lb, a, TRUE);
  }
  g_clear_pointer (&diff->pairs, g_hash_table_unref);
  return diff;
}

void
jx_diff_free (JxDiff *diff)
{
  if (diff == NULL)
    return;
  g_ptr_array_unref (diff->changes);
  g_ptr_array_unref (diff->comments);
  g_clear_pointer (&diff->pairs, g_hash_table_unref);
  g_free (diff);
}

/* The item of @to that is @node of @from (the same id), @node itself when
 * it is not of @from, or NULL when @to has no such item. */
static JxNode *
remapped (JxNode     *node,
          JxDocument *from,
          JxDocument *to)
{
  JxNode *match;

  if (node == NULL || jx_node_get_document (node) != from)
    return node;
  if (node == JX_NODE (from))
    return JX_NODE (to);
  match = jx_node_get_id (node) != NULL ? jx_document_lookup (to, jx_node_get_id (node)) : NULL;
  return match != NULL && G_OBJECT_TYPE (match) == G_OBJECT_TYPE (node) ? match : NULL;
}

static gboolean
remap_changes (GPtrArray  *changes,
               JxDocument *from,
               JxDocument *to,
               gboolean    apply)
{
  for (guint i = 0; i < changes->len; i++)
    {
      JxChange *change = g_ptr_array_index (changes, i);
      JxNode **nodes[] = { &change->old_node, &change->new_node, &change->new_parent };

      for (guint k = 0; k < G_N_ELEMENTS (nodes); k++)
        {
          JxNode *match = remapped (*nodes[k], from, to);

          if (*nodes[k] != NULL && match == NULL)
            return FALSE;
          if (apply && match != *nodes[k])
            g_set_object (nodes[k], match);
        }
    }
  return TRUE;
}

gboolean
jx_diff_remap (JxDiff     *diff,
               JxDocument *from,
               JxDocument *to)
{
  g_return_val_if_fail (diff != NULL, FALSE);
  g_return_val_if_fail (JX_IS_DOCUMENT (from), FALSE);
  g_return_val_if_fail (JX_IS_DOCUMENT (to), FALSE);

  /* All or nothing: look every item up before changing any. */
  if (!remap_changes (diff->changes, from, to, FALSE) || !remap_changes (diff->comments, from, to, FALSE))
    return FALSE;
  remap_changes (diff->changes, from, to, TRUE);
  remap_changes (diff->comments, from, to, TRUE);
  return TRUE;
}

gboolean
jx_diff_is_empty (JxDiff *diff)
{
  g_return_val_if_fail (diff != NULL, TRUE);
  return diff->changes->len == 0 && diff->comments->len == 0;
}

guint
jx_diff_get_n_changes (JxDiff *diff)
{
  g_return_val_if_fail (diff != NULL, 0);
  return diff->changes->len;
}

const JxChange *
jx_diff_get_change (JxDiff *diff,
                    guint   index)
{
  g_return_val_if_fail (diff != NULL, NULL);
  g_return_val_if_fail (index < diff->changes->len, NULL);
  return g_ptr_array_index (diff->changes, index);
}

guint
jx_diff_get_n_comments (JxDiff *diff)
{
  g_return_val_if_fail (diff != NULL, 0);
  return diff->comments->len;
}

const JxChange *
jx_diff_get_comment (JxDiff *diff,
                     guint   index)
{
  g_return_val_if_fail (diff != NULL, NULL);
  g_return_val_if_fail (index < diff->comments->len, NULL);
  return g_ptr_array_index (diff->comments, index);
}

/* --- describing changes --------------------------------------------------- */

static JxNode *
change_node (const JxChange *change)
{
  return change->new_node != NULL ? change->new_node : change->old_node;
}

const char *
jx_change_get_id (const JxChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  if (change->kind == JX_DIFF_DOCUMENT)
    return NULL;
  return jx_node_get_id (change_node (change));
}

const char *
jx_change_get_old_id (const JxChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  if (change->kind == JX_DIFF_DOCUMENT || change->old_node == NULL || change->new_node == NULL)
    return NULL;
  if (g_strcmp0 (jx_node_get_id (change->old_node), jx_node_get_id (change->new_node)) == 0)
    return NULL;
  return jx_node_get_id (change->old_node);
}

const char *
jx_change_get_name (const JxChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  return node_name (change_node (change));
}

const char *
jx_change_type_to_string (JxChangeType change)
{
  static const char *names[] = { "added", "removed", "changed" };

  g_return_val_if_fail (change <= JX_CHANGE_CHANGED, NULL);
  return names[change];
}

const char *
jx_diff_kind_to_string (JxDiffKind kind)
{
  static const char *names[] = { "document", "funding-unit", "project", "indicator", "comment" };

  g_return_val_if_fail (kind <= JX_DIFF_COMMENT, NULL);
  return names[kind];
}

/* A value on one line and at most 60 characters, for people. */
static char *
shorten (const char *text)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 60)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* "project “X” (p3)", "indicator “Y” (i9) of project “X”", "the document". */
static char *
describe_item (JxNode *node)
{
  g_autofree char *name = shorten (node_name (node));
  const char *id = jx_node_get_id (node);

  if (JX_IS_DOCUMENT (node))
    return g_strdup (_("the document"));
  if (JX_IS_FUNDING_UNIT (node))
    /* TRANSLATORS: a funding unit (资金使用单位): name, id */
    return g_strdup_printf (_("funding unit “%s” (%s)"), name, id);
  if (JX_IS_PROJECT (node))
    /* TRANSLATORS: name, id */
    return g_strdup_printf (_("project “%s” (%s)"), name, id);
  if (JX_IS_INDICATOR (node))
    {
      JxProject *project = jx_indicator_get_project (JX_INDICATOR (node));
      g_autofree char *project_name = shorten (project ? jx_project_get_name (project) : "");

      /* TRANSLATORS: indicator name, its id, the name of its project */
      return g_strdup_printf (_("indicator “%s” (%s) of project “%s”"), name, id, project_name);
    }
  return g_strdup (id);
}

static char *
format_value (const JxChange *change,
              const char     *value)
{
  if (change->info != NULL && change->info->kind == JX_FIELD_MONEY)
    {
      const char *point = strchr (value, '.');
      guint decimals = point != NULL ? (guint) strlen (point + 1) : 0;
      JxMoney amount;

      /* As written, with its own decimals. */
      if (decimals >= JX_MONEY_MIN_DECIMALS && decimals <= JX_MONEY_MAX_DECIMALS &&
          jx_money_from_decimal_at (value, strlen (value), decimals, &amount))
        return jx_money_format_at (amount, decimals);
    }
  if (change->info != NULL && change->info->kind == JX_FIELD_INT)
    return g_strdup (value);
  if (change->info != NULL && change->info->kind == JX_FIELD_BOOLEAN)
    return g_strdup (g_str_equal (value, "true") ? _("yes") : _("no"));
  {
    g_autofree char *short_value = shorten (value);
    /* TRANSLATORS: a text value quoted in a list of changes */
    return g_strdup_printf (_("“%s”"), short_value);
  }
}

static char *
describe_comment (const JxChange *change)
{
  JxAnnotation *c = JX_ANNOTATION (change_node (change));
  JxDocument *doc = jx_node_get_document (JX_NODE (c));
  JxNode *parent = jx_node_get_parent (JX_NODE (c));
  g_autofree char *text = shorten (jx_annotation_get_text (c));
  g_autofree char *place = NULL;
  const char *author = jx_annotation_get_author (c);

  if (JX_IS_ANNOTATION (parent))
    {
      g_autofree char *answered = shorten (jx_annotation_get_text (JX_ANNOTATION (parent)));
      /* TRANSLATORS: where a reply is: the text of the comment it answers */
      place = g_strdup_printf (_("reply to “%s”"), answered);
    }
  else
    {
      const char *target = jx_annotation_get_target (c);
      const char *field = jx_annotation_get_field (c);
      JxNode *node = *target != '\0' && doc != NULL ? jx_document_lookup (doc, target) : NULL;
      g_autofree char *item = node != NULL ? describe_item (node)
                                           : (*target != '\0' ? g_strdup (target) : g_strdup (_("the document")));

      if (*field != '\0')
        /* TRANSLATORS: where a comment is: the item, the field */
        place = g_strdup_printf (_("on %s, %s"), item, jx_field_label_for_id (field));
      else
        /* TRANSLATORS: where a comment is: the item */
        place = g_strdup_printf (_("on %s"), item);
    }

  switch (change->change)
    {
    case JX_CHANGE_ADDED:
      /* TRANSLATORS: comment added: author, place, text */
      return g_strdup_printf (_("comment added by %s %s: “%s”"), author, place, text);
    case JX_CHANGE_REMOVED:
      /* TRANSLATORS: comment removed: author, place, text */
      return g_strdup_printf (_("comment removed (by %s %s): “%s”"), author, place, text);
    case JX_CHANGE_CHANGED:
    default:
      if (g_str_equal (change->field, "resolved"))
        return g_strdup_printf (g_str_equal (change->new_value, "true")
                                /* TRANSLATORS: author, place, text */
                                ? _("comment resolved (by %s %s): “%s”")
                                /* TRANSLATORS: author, place, text */
                                : _("comment reopened (by %s %s): “%s”"),
                                author, place, text);
      {
        g_autofree char *old_text = shorten (change->old_value);
        /* TRANSLATORS: comment edited: author, place, old text, new text */
        return g_strdup_printf (_("comment edited (by %s %s): “%s” → “%s”"), author, place, old_text, text);
      }
    }
}

char *
jx_change_describe (const JxChange *change)
{
  g_autofree char *item = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  const char *label;

  g_return_val_if_fail (change != NULL, NULL);

  if (change->kind == JX_DIFF_COMMENT)
    return describe_comment (change);

  item = describe_item (change_node (change));
  if (change->change == JX_CHANGE_ADDED)
    /* TRANSLATORS: an item added, e.g. "project “X” (p3): added" */
    return g_strdup_printf (_("%s: added"), item);
  if (change->change == JX_CHANGE_REMOVED)
    /* TRANSLATORS: an item removed, e.g. "project “X” (p3): removed" */
    return g_strdup_printf (_("%s: removed"), item);

  if (change->info != NULL)
    label = jx_field_get_label (change->info);
  else if (g_strcmp0 (change->field, JX_DIFF_FIELD_FUNDING_UNIT) == 0)
    label = C_("field", "funding unit");
  else
    label = change->field;
  old_value = format_value (change, change->old_value);
  new_value = format_value (change, change->new_value);
  if (change->has_delta)
    {
      g_autofree char *delta = jx_money_format_at (change->delta, change_decimals (change));

      /* TRANSLATORS: item: field: old → new (difference, with its sign) */
      return g_strdup_printf (_("%s: %s: %s → %s (%s%s)"), item, label, old_value, new_value,
                              change->delta >= 0 ? "+" : "", delta);
    }
  /* TRANSLATORS: item: field: old → new */
  return g_strdup_printf (_("%s: %s: %s → %s"), item, label, old_value, new_value);
}

/* --- JSON ----------------------------------------------------------------- */

static void
add_string_member (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
change_to_json (JsonBuilder    *b,
                const JxChange *change)
{
  JxNode *node = change_node (change);

  json_builder_begin_object (b);
  add_string_member (b, "change", jx_change_type_to_string (change->change));
  add_string_member (b, "kind", jx_diff_kind_to_string (change->kind));
  add_string_member (b, "id", jx_change_get_id (change));
  if (jx_change_get_old_id (change) != NULL)
    add_string_member (b, "old-id", jx_change_get_old_id (change));

  if (change->kind == JX_DIFF_COMMENT)
    {
      JxAnnotation *c = JX_ANNOTATION (node);
      JxNode *parent = jx_node_get_parent (node);

      if (JX_IS_ANNOTATION (parent))
        add_string_member (b, "reply-to", jx_node_get_id (parent));
      else
        {
          add_string_member (b, "target", jx_annotation_get_target (c));
          add_string_member (b, "field", *jx_annotation_get_field (c) ? jx_annotation_get_field (c) : NULL);
        }
      add_string_member (b, "author", jx_annotation_get_author (c));
      add_string_member (b, "time", jx_annotation_get_time (c));
      add_string_member (b, "text", jx_annotation_get_text (c));
      json_builder_set_member_name (b, "resolved");
      json_builder_add_boolean_value (b, jx_annotation_get_resolved (c));
      if (change->change == JX_CHANGE_CHANGED)
        {
          add_string_member (b, "property", change->field);
          add_string_member (b, "old", change->old_value);
          add_string_member (b, "new", change->new_value);
        }
      json_builder_end_object (b);
      return;
    }

  add_string_member (b, "name", node_name (node));
  if (change->kind == JX_DIFF_INDICATOR)
    {
      JxProject *project = jx_indicator_get_project (JX_INDICATOR (node));
      add_string_member (b, "project", project ? jx_node_get_id (JX_NODE (project)) : NULL);
    }
  add_string_member (b, "field", change->field);
  add_string_member (b, "old", change->old_value);
  add_string_member (b, "new", change->new_value);
  if (change->has_delta)
    {
      char delta[JX_MONEY_BUF_SIZE];

      jx_money_to_decimal_buf_at (change->delta, change_decimals (change), delta);
      add_string_member (b, "delta", delta);
    }
  json_builder_end_object (b);
}

JsonNode *
jx_diff_to_json (JxDiff *diff)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (diff != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < diff->changes->len; i++)
    change_to_json (b, g_ptr_array_index (diff->changes, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "comments");
  json_builder_begin_array (b);
  for (guint i = 0; i < diff->comments->len; i++)
    change_to_json (b, g_ptr_array_index (diff->comments, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
