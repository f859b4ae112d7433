/* jx-review.c: the comments of a table as a report, grouped by place
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-review"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-model-private.h"
#include "jx-previous.h"
#include "jx-review.h"

typedef struct
{
  JxDocument *document;
  gboolean    open_only;
  GHashTable *by_target;   /* target id → GPtrArray of top-level comments */
  GHashTable *placed;      /* comments placed so far */
  GPtrArray  *entries;
} Collect;

static void
add_thread (Collect       *c,
            JxAnnotation  *comment,
            JxAnnotation  *thread,
            guint          depth,
            JxNode        *target,
            const JxField *field)
{
  JxReviewEntry *entry = g_new0 (JxReviewEntry, 1);
  GListModel *replies = jx_annotation_get_replies (comment);

  entry->comment = comment;
  entry->depth = depth;
  entry->thread = thread;
  entry->target = target;
  entry->field = field;
  if (JX_IS_PROJECT (target))
    entry->project = JX_PROJECT (target);
  else if (JX_IS_INDICATOR (target))
    {
      entry->indicator = JX_INDICATOR (target);
      entry->project = jx_indicator_get_project (entry->indicator);
    }
  g_ptr_array_add (c->entries, entry);

  for (guint i = 0; i < g_list_model_get_n_items (replies); i++)
    {
      g_autoptr(JxAnnotation) reply = g_list_model_get_item (replies, i);
      add_thread (c, reply, thread, depth + 1, target, field);
    }
}

/* The comments on @node: on the whole item, then field by field in the
 * order of the field table, then on fields the table does not have. */
static void
place_comments_on (Collect *c,
                   JxNode  *node,
                   const char *id)
{
  GPtrArray *comments = g_hash_table_lookup (c->by_target, id);
  guint n_fields;
  const JxField *fields;

  if (comments == NULL)
    return;
  fields = jx_fields_of (jx_node_get_field_owner (node), &n_fields);

  for (int f = -1; f <= (int) n_fields; f++)
    for (guint i = 0; i < comments->len; i++)
      {
        JxAnnotation *comment = g_ptr_array_index (comments, i);
        const char *field_id = jx_annotation_get_field (comment);
        const JxField *field = *field_id != '\0' ? jx_field_lookup (jx_node_get_field_owner (node), field_id) : NULL;
        gboolean here;

        if (f < 0)
          here = *field_id == '\0';
        else if (f < (int) n_fields)
          here = field == &fields[f];
        else
          here = *field_id != '\0' && field == NULL;
        if (here)
          {
            add_thread (c, comment, comment, 0, node, field);
            g_hash_table_add (c->placed, comment);
          }
      }
}

static void
place_project (gpointer item,
               gpointer data)
{
  Collect *c = data;
  JxProject *project = item;
  GListModel *indicators = jx_project_get_indicators (project);

  place_comments_on (c, JX_NODE (project), jx_node_get_id (JX_NODE (project)));
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(JxNode) indicator = g_list_model_get_item (indicators, i);
      place_comments_on (c, indicator, jx_node_get_id (indicator));
    }
}

GPtrArray *
jx_review_entries (JxDocument *document,
                   gboolean    open_only)
{
  Collect c = { document, open_only, NULL, NULL, NULL };
  GListModel *annotations, *units;
  guint n;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  c.entries = g_ptr_array_new_with_free_func (g_free);
  c.by_target = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  c.placed = g_hash_table_new (NULL, NULL);

  annotations = jx_document_get_annotations (document);
  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxAnnotation) comment = g_list_model_get_item (annotations, i);
      const char *target = jx_annotation_get_target (comment);
      GPtrArray *list;

      if (open_only && jx_annotation_get_resolved (comment))
        continue;
      list = g_hash_table_lookup (c.by_target, target);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (c.by_target, (gpointer) target, list);
        }
      g_ptr_array_add (list, comment);
    }

  if (g_hash_table_size (c.by_target) > 0)
    {
      place_comments_on (&c, JX_NODE (document), "");
      units = jx_document_get_units (document);
      for (guint u = 0; u < g_list_model_get_n_items (units); u++)
        {
          g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
          GListModel *projects = jx_funding_unit_get_projects (unit);

          place_comments_on (&c, JX_NODE (unit), jx_node_get_id (JX_NODE (unit)));
          for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
            {
              g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
              place_project (project, &c);
            }
        }

      /* What is left is on items that are gone: kept, never dropped. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JxAnnotation) comment = g_list_model_get_item (annotations, i);

          if ((open_only && jx_annotation_get_resolved (comment))
              || g_hash_table_contains (c.placed, comment))
            continue;
          add_thread (&c, comment, comment, 0, NULL, NULL);
        }
    }

  g_hash_table_unref (c.by_target);
  g_hash_table_unref (c.placed);
  return c.entries;
}

char *
jx_review_entry_place (const JxReviewEntry *entry)
{
  const char *target;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->project != NULL)
    return g_strdup (jx_project_get_name (entry->project));
  if (JX_IS_FUNDING_UNIT (entry->target))
    /* TRANSLATORS: the place of a comment on a funding unit (资金使用单位) */
    return g_strdup_printf (_("funding unit: %s"), jx_funding_unit_get_name (JX_FUNDING_UNIT (entry->target)));
  target = jx_annotation_get_target (entry->thread);
  if (entry->target == NULL && *target != '\0')
    /* TRANSLATORS: the place of a comment whose project or indicator was removed; %s is its id */
    return g_strdup_printf (_("(a removed item, %s)"), target);
  return g_strdup (_("(the whole table)"));
}

char *
jx_review_entry_field (const JxReviewEntry *entry)
{
  const char *field_id;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->field != NULL)
    return g_strdup (jx_field_get_label (entry->field));
  field_id = jx_annotation_get_field (entry->thread);
  if (*field_id == '\0')
    return g_strdup ("");
  /* TRANSLATORS: a comment on a field the table no longer has; %s is its name */
  return g_strdup_printf (_("(on a removed field: %s)"), jx_field_label_for_id (field_id));
}

/* The counts of jx_review_count_open(), on the document as object data:
 * made at the first question after a change. */
typedef struct
{
  GHashTable *counts;   /* JxNode → open comments on it and under it */
  gboolean    valid;
} OpenCounts;

static void
open_counts_free (OpenCounts *counts)
{
  g_hash_table_unref (counts->counts);
  g_free (counts);
}

static void
on_document_changed_cb (JxDocument *document,
                        OpenCounts *counts)
{
  counts->valid = FALSE;
}

guint
jx_review_count_open (JxDocument *document,
                      JxNode     *node)
{
  OpenCounts *counts;
  GListModel *annotations;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (JX_IS_NODE (node), 0);

  counts = g_object_get_data (G_OBJECT (document), "jx-review-open-counts");
  if (counts == NULL)
    {
      counts = g_new0 (OpenCounts, 1);
      counts->counts = g_hash_table_new (NULL, NULL);
      g_object_set_data_full (G_OBJECT (document), "jx-review-open-counts", counts,
                              (GDestroyNotify) open_counts_free);
      g_signal_connect (document, "changed", G_CALLBACK (on_document_changed_cb), counts);
    }
  if (!counts->valid)
    {
      g_hash_table_remove_all (counts->counts);
      annotations = jx_document_get_annotations (document);
      for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
        {
          g_autoptr(JxAnnotation) comment = g_list_model_get_item (annotations, i);
          const char *target = jx_annotation_get_target (comment);
          JxNode *on;

          if (jx_annotation_get_resolved (comment))
            continue;
          on = *target != '\0' ? jx_document_lookup (document, target) : JX_NODE (document);
          /* The item and everything above it, up to the document. */
          for (; on != NULL && !JX_IS_ANNOTATION (on); on = jx_node_get_parent (on))
            g_hash_table_insert (counts->counts, on,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts->counts, on)) + 1));
        }
      counts->valid = TRUE;
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts->counts, node));
}

/* One CSV field, RFC 4180: quoted when it holds a comma, a quote or a line
 * break, quotes doubled. Line breaks inside are kept (as CRLF). */
static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append (out, "\"\"");
          else if (*p == '\n' && (p == text || p[-1] != '\r'))
            g_string_append (out, "\r\n");
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

GBytes *
jx_review_to_csv (JxDocument *document,
                  gboolean    open_only)
{
  g_autoptr(GPtrArray) entries = NULL;
  GString *out;
  const char *headers[] = {
    /* TRANSLATORS: the columns of the comments report (CSV) */
    N_("Place"), N_("Indicator"), N_("Field"), N_("Comment or reply"), N_("Author"),
    N_("Time"), N_("Status"), N_("Text"), N_("Comment id"), N_("Item id"),
  };

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  entries = jx_review_entries (document, open_only);
  out = g_string_new ("\xEF\xBB\xBF");
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    csv_field (out, g_dgettext (GETTEXT_PACKAGE, headers[i]), i + 1 == G_N_ELEMENTS (headers));

  for (guint i = 0; i < entries->len; i++)
    {
      const JxReviewEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *place = jx_review_entry_place (e);
      g_autofree char *field = jx_review_entry_field (e);
      const char *kind = e->depth == 0 ? _("comment") : _("reply");
      const char *status = jx_annotation_get_resolved (e->comment) ? _("resolved") : _("open");

      csv_field (out, place, FALSE);
      csv_field (out, e->indicator != NULL ? jx_indicator_get_name (e->indicator) : "", FALSE);
      csv_field (out, field, FALSE);
      csv_field (out, kind, FALSE);
      csv_field (out, jx_annotation_get_author (e->comment), FALSE);
      csv_field (out, jx_annotation_get_time (e->comment), FALSE);
      csv_field (out, status, FALSE);
      csv_field (out, jx_annotation_get_text (e->comment), FALSE);
      csv_field (out, jx_node_get_id (JX_NODE (e->comment)), FALSE);
      csv_field (out, jx_annotation_get_target (e->thread), TRUE);
    }
  return g_string_free_to_bytes (out);
}
