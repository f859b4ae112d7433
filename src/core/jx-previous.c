/* jx-previous.c: last year's values, carried by next year's table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-previous"

#include "config.h"

#include <string.h>

#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-previous.h"

/* Kept on the node as object data: most nodes of most tables have none. */
typedef struct
{
  int   year;
  guint n_values;
  char *values[];   /* by the field's place among its owner's fields */
} Previous;

static void
previous_free (Previous *previous)
{
  for (guint i = 0; i < previous->n_values; i++)
    jx_clear_string (&previous->values[i]);
  g_free (previous);
}

static GQuark
previous_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("jx-previous");
  return quark;
}

JxFieldOwner
jx_node_get_field_owner (JxNode *node)
{
  if (JX_IS_PROJECT (node))
    return JX_FIELD_OWNER_PROJECT;
  if (JX_IS_INDICATOR (node))
    return JX_FIELD_OWNER_INDICATOR;
  if (JX_IS_FUNDING_UNIT (node))
    return JX_FIELD_OWNER_UNIT;
  return JX_FIELD_OWNER_DOCUMENT;
}

/* The precision of @node's amounts: its document's. */
static guint
node_decimals (JxNode *node)
{
  JxDocument *document = jx_node_get_document (node);

  return document != NULL ? jx_document_get_decimals (document) : JX_MONEY_DEFAULT_DECIMALS;
}

/* The property ids of the fields of one owner in the class of its nodes,
 * looked up once (the loaders of a diff run in two threads: g_once). */
typedef struct
{
  GType          type;
  const JxField *fields;
  guint          n_fields;
  guint          ids[];
} PropIds;

/* The property id of @field in @node's class, or 0 (then the property is
 * read through GObject). Cheap: no lookup by name, no type check. */
static guint
field_prop_id (JxNode        *node,
               const JxField *field)
{
  static PropIds *cache[JX_FIELD_OWNER_SOURCE + 1];
  PropIds *ids;

  if ((guint) field->owner > JX_FIELD_OWNER_SOURCE)
    return 0;
  if (g_once_init_enter (&cache[field->owner]))
    {
      guint n_fields;
      const JxField *fields = jx_fields_of (field->owner, &n_fields);
      PropIds *found = g_malloc0 (sizeof (PropIds) + n_fields * sizeof (guint));

      found->type = G_OBJECT_TYPE (node);
      found->fields = fields;
      found->n_fields = n_fields;
      for (guint f = 0; f < n_fields; f++)
        {
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (node), fields[f].id);

          found->ids[f] = pspec != NULL && G_IS_PARAM_SPEC_STRING (pspec) ? pspec->param_id : 0;
        }
      g_once_init_leave (&cache[field->owner], found);
    }
  ids = cache[field->owner];
  /* A field another kind of node also has (an id): through GObject. */
  if (G_OBJECT_TYPE (node) != ids->type || field < ids->fields || field >= ids->fields + ids->n_fields)
    return 0;
  return ids->ids[field - ids->fields];
}

const char *
jx_node_peek_field_text (JxNode        *node,
                         const JxField *field,
                         JxFieldText   *scratch)
{
  g_return_val_if_fail (JX_IS_NODE (node), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (scratch != NULL, NULL);

  switch (field->kind)
    {
    case JX_FIELD_MONEY:
      {
        JxDocument *document = jx_node_get_document (node);
        int index = jx_document_find_source (document, field->id);

        /* A source the document's template does not have holds nothing. */
        scratch->amount = index >= 0 ? jx_project_get_source (JX_PROJECT (node), index) : 0;
        jx_money_to_decimal_buf_at (scratch->amount, node_decimals (node), scratch->buf);
        return scratch->buf;
      }
    case JX_FIELD_TOTAL:
      g_object_get_property (G_OBJECT (node), field->id, &scratch->value);
      scratch->amount = g_value_get_int64 (&scratch->value);
      jx_money_to_decimal_buf_at (scratch->amount, node_decimals (node), scratch->buf);
      return scratch->buf;
    case JX_FIELD_INT:
      g_object_get_property (G_OBJECT (node), field->id, &scratch->value);
      g_snprintf (scratch->buf, sizeof scratch->buf, "%d", g_value_get_int (&scratch->value));
      return scratch->buf;
    case JX_FIELD_BOOLEAN:
      g_object_get_property (G_OBJECT (node), field->id, &scratch->value);
      return g_value_get_boolean (&scratch->value) ? "true" : "false";
    case JX_FIELD_TEXT:
    case JX_FIELD_LONG_TEXT:
    case JX_FIELD_CODE:
    default:
      {
        JxNodeClass *klass = JX_NODE_GET_CLASS (node);
        const char *text = NULL;

        /* The model's own string where the class lends it: no copy, no
         * property lookup (a diff of 20,000 projects reads millions). */
        if (klass->peek_string != NULL)
          {
            guint prop_id = field_prop_id (node, field);

            text = prop_id > 0 ? klass->peek_string (node, prop_id) : NULL;
            if (text != NULL)
              return text;
          }
        /* One copy (the property's), not the two of g_object_get(). */
        g_object_get_property (G_OBJECT (node), field->id, &scratch->value);
        text = g_value_get_string (&scratch->value);
        return text != NULL ? text : "";
      }
    }
}

void
jx_field_text_clear (JxFieldText *scratch)
{
  /* Most peeks (text of the model, amounts) leave the value unset. */
  if (G_VALUE_TYPE (&scratch->value) != G_TYPE_INVALID)
    g_value_unset (&scratch->value);
}

char *
jx_node_dup_field_text (JxNode        *node,
                        const JxField *field,
                        JxMoney       *amount)
{
  JxFieldText scratch = JX_FIELD_TEXT_INIT;
  char *text = g_strdup (jx_node_peek_field_text (node, field, &scratch));

  if (amount != NULL)
    *amount = scratch.amount;
  jx_field_text_clear (&scratch);
  return text;
}

typedef struct
{
  const JxField **fields;
  guint           n_fields;
} FieldList;

static gpointer
build_field_lists (gpointer data)
{
  static FieldList lists[JX_FIELD_OWNER_SOURCE + 1];

  for (guint o = 0; o <= JX_FIELD_OWNER_SOURCE; o++)
    {
      guint n, n_sources = 0;
      const JxField *fields = jx_fields_of ((JxFieldOwner) o, &n);
      const JxField *sources = o == JX_FIELD_OWNER_PROJECT ? jx_fields_of (JX_FIELD_OWNER_SOURCE, &n_sources) : NULL;

      lists[o].fields = g_new (const JxField *, n + n_sources);
      for (guint i = 0; i < n; i++)
        lists[o].fields[lists[o].n_fields++] = &fields[i];
      for (guint i = 0; i < n_sources; i++)
        lists[o].fields[lists[o].n_fields++] = &sources[i];
    }
  return lists;
}

const JxField * const *
jx_node_get_previous_fields (JxNode *node,
                             guint  *n_fields)
{
  static GOnce once = G_ONCE_INIT;
  FieldList *lists = g_once (&once, build_field_lists, NULL);
  JxFieldOwner owner = jx_node_get_field_owner (node);

  *n_fields = lists[owner].n_fields;
  return lists[owner].fields;
}

/* The precision of @node's amounts: its document's. */
static guint
decimals_of_node (JxNode *node)
{
  JxDocument *document = jx_node_get_document (node);

  return document != NULL ? jx_document_get_decimals (document) : JX_MONEY_DEFAULT_DECIMALS;
}

gboolean
jx_field_has_previous (const JxField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->xml_name != NULL && field->kind != JX_FIELD_TOTAL && field->kind != JX_FIELD_INT;
}

/* The place of @field among the fields of @node's owner, or -1. */
static int
field_index (JxNode        *node,
             const JxField *field)
{
  guint n_fields;
  const JxField * const *fields = jx_node_get_previous_fields (node, &n_fields);

  if (!jx_field_has_previous (field))
    return -1;
  for (guint i = 0; i < n_fields; i++)
    if (fields[i] == field)
      return (int) i;
  /* A template's copy of the field, with its own label (中长期指标值). */
  for (guint i = 0; i < n_fields; i++)
    if (fields[i]->owner == field->owner && g_str_equal (fields[i]->id, field->id))
      return (int) i;
  return -1;
}

int
jx_node_get_previous_year (JxNode *node)
{
  Previous *previous;

  g_return_val_if_fail (JX_IS_NODE (node), 0);
  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  return previous != NULL ? previous->year : 0;
}

const char *
jx_node_get_previous (JxNode        *node,
                      const JxField *field)
{
  Previous *previous;
  int index;

  g_return_val_if_fail (JX_IS_NODE (node), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  index = field_index (node, field);
  if (previous == NULL || index < 0)
    return NULL;
  return previous->values[index];
}

gboolean
jx_project_get_previous_total (JxProject *project,
                               JxMoney   *total)
{
  JxDocument *document;
  JxMoney sum = 0;
  guint n_sources;

  g_return_val_if_fail (JX_IS_PROJECT (project), FALSE);

  if (jx_node_get_previous_year (JX_NODE (project)) == 0)
    return FALSE;
  document = jx_node_get_document (JX_NODE (project));
  n_sources = jx_document_get_n_sources (document);
  for (guint s = 0; s < n_sources; s++)
    {
      const char *value = jx_node_get_previous (JX_NODE (project), jx_document_get_source (document, s));
      JxMoney amount;

      if (value == NULL ||
          !jx_money_from_decimal_at (value, strlen (value), jx_document_get_decimals (document), &amount)
          || !jx_money_add (sum, amount, &sum))
        return FALSE;
    }
  if (total != NULL)
    *total = sum;
  return TRUE;
}

void
jx_node_set_previous_year (JxNode *node,
                           int     year)
{
  Previous *previous;
  guint n_fields;
  const JxField * const *fields;
  g_autofree char *zero = NULL;

  g_return_if_fail (JX_IS_NODE (node));

  if (year <= 0)
    {
      g_object_set_qdata (G_OBJECT (node), previous_quark (), NULL);
      return;
    }
  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  if (previous != NULL)
    {
      previous->year = year;
      return;
    }

  fields = jx_node_get_previous_fields (node, &n_fields);
  zero = jx_money_to_decimal_at (0, decimals_of_node (node));
  previous = g_malloc0 (sizeof (Previous) + n_fields * sizeof (char *));
  previous->year = year;
  previous->n_values = n_fields;
  for (guint i = 0; i < n_fields; i++)
    {
      const char *empty = "";

      if (fields[i]->kind == JX_FIELD_MONEY)
        empty = zero;
      else if (fields[i]->kind == JX_FIELD_BOOLEAN)
        empty = "false";
      jx_replace_string (&previous->values[i], empty);
    }
  g_object_set_qdata_full (G_OBJECT (node), previous_quark (), previous, (GDestroyNotify) previous_free);
}

void
jx_node_set_previous (JxNode        *node,
                      const JxField *field,
                      const char    *value)
{
  Previous *previous;
  int index;

  g_return_if_fail (JX_IS_NODE (node));
  g_return_if_fail (field != NULL);

  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  index = field_index (node, field);
  g_return_if_fail (previous != NULL);
  g_return_if_fail (index >= 0);
  jx_replace_string (&previous->values[index], value);
}

void
jx_node_record_previous (JxNode *node,
                         int     year)
{
  guint n_fields;
  const JxField * const *fields;
  Previous *previous;

  g_return_if_fail (JX_IS_NODE (node));
  g_return_if_fail (year > 0);

  /* Built in one go: a large table records hundreds of thousands. */
  fields = jx_node_get_previous_fields (node, &n_fields);
  previous = g_malloc0 (sizeof (Previous) + n_fields * sizeof (char *));
  previous->year = year;
  previous->n_values = n_fields;
  for (guint i = 0; i < n_fields; i++)
    {
      JxFieldText scratch = JX_FIELD_TEXT_INIT;

      jx_replace_string (&previous->values[i],
                         jx_field_has_previous (fields[i])
                         ? jx_node_peek_field_text (node, fields[i], &scratch) : "");
      jx_field_text_clear (&scratch);
    }
  g_object_set_qdata_full (G_OBJECT (node), previous_quark (), previous, (GDestroyNotify) previous_free);
}

void
jx_node_copy_previous (JxNode *from,
                       JxNode *to)
{
  Previous *previous;
  Previous *copy;

  g_return_if_fail (JX_IS_NODE (from));
  g_return_if_fail (JX_IS_NODE (to));

  previous = g_object_get_qdata (G_OBJECT (from), previous_quark ());
  if (previous == NULL)
    {
      g_object_set_qdata (G_OBJECT (to), previous_quark (), NULL);
      return;
    }
  copy = g_malloc0 (sizeof (Previous) + previous->n_values * sizeof (char *));
  copy->year = previous->year;
  copy->n_values = previous->n_values;
  for (guint i = 0; i < previous->n_values; i++)
    jx_replace_string (&copy->values[i], previous->values[i]);
  g_object_set_qdata_full (G_OBJECT (to), previous_quark (), copy, (GDestroyNotify) previous_free);
}

gboolean
jx_project_has_previous (JxProject *project)
{
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);

  if (jx_node_get_previous_year (JX_NODE (project)) > 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxNode) indicator = g_list_model_get_item (indicators, i);

      if (jx_node_get_previous_year (indicator) > 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
jx_document_has_previous (JxDocument *document)
{
  GListModel *units;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);

  if (jx_node_get_previous_year (JX_NODE (document)) > 0)
    return TRUE;
  units = jx_document_get_units (document);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      if (jx_node_get_previous_year (JX_NODE (unit)) > 0)
        return TRUE;
      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          if (jx_project_has_previous (project))
            return TRUE;
        }
    }
  return FALSE;
}
