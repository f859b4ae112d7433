/* jx-new-year.c: next year's table from this year's
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-new-year"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-model-private.h"
#include "jx-new-year.h"
#include "jx-previous.h"
#include "jx-xml.h"

G_DEFINE_QUARK (jx-new-year-error-quark, jx_new_year_error)

char *
jx_new_year_title (const char *title,
                   int         old_year,
                   int         new_year)
{
  char old_text[16], new_text[16];
  GString *out;
  gsize len;
  const char *p;

  g_return_val_if_fail (title != NULL, NULL);

  g_snprintf (old_text, sizeof old_text, "%d", old_year);
  g_snprintf (new_text, sizeof new_text, "%d", new_year);
  len = strlen (old_text);
  out = g_string_sized_new (strlen (title) + 4);
  for (p = title; *p != '\0';)
    {
      /* "2024" in "2024年", never in "12024" or "20245". */
      if (strncmp (p, old_text, len) == 0
          && (p == title || !g_ascii_isdigit (p[-1]))
          && !g_ascii_isdigit (p[len]))
        {
          g_string_append (out, new_text);
          p += len;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static guint
count_replies (JxAnnotation *annotation)
{
  GListModel *replies = jx_annotation_get_replies (annotation);
  guint n = g_list_model_get_n_items (replies);
  guint count = n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxAnnotation) reply = g_list_model_get_item (replies, i);
      count += count_replies (reply);
    }
  return count;
}

static void
record_project (gpointer item,
                gpointer year)
{
  GListModel *indicators = jx_project_get_indicators (item);
  guint n = g_list_model_get_n_items (indicators);

  jx_node_record_previous (item, GPOINTER_TO_INT (year));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxNode) indicator = g_list_model_get_item (indicators, i);
      jx_node_record_previous (indicator, GPOINTER_TO_INT (year));
    }
}

gboolean
jx_new_year_apply (JxDocument     *document,
                   JxNewYearInfo  *info,
                   GError        **error)
{
  GListModel *annotations, *units;
  JxNewYearInfo found = { 0, 0 };
  g_autofree char *title = NULL;
  int year;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  year = jx_document_get_year (document);
  if (year <= 0)
    {
      g_set_error (error, JX_NEW_YEAR_ERROR, JX_NEW_YEAR_ERROR_NO_YEAR,
                   _("The table has no year: set its year first, then make next year’s table from it."));
      return FALSE;
    }
  if (year >= 9999)
    {
      g_set_error (error, JX_NEW_YEAR_ERROR, JX_NEW_YEAR_ERROR_LAST_YEAR,
                   _("The table is for the year %d: there is no next year to make."), year);
      return FALSE;
    }

  /* Last year's values travel with the table, for the form's "上年". */
  jx_node_record_previous (JX_NODE (document), year);
  jx_document_foreach_project (document, record_project, GINT_TO_POINTER (year));
  units = jx_document_get_units (document);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxNode) unit = g_list_model_get_item (units, u);
      jx_node_record_previous (unit, year);
    }

  title = jx_new_year_title (jx_document_get_title (document), year, year + 1);
  jx_document_set_year (document, year + 1);
  jx_document_set_title (document, title);

  /* Last year's review stays with last year's table. */
  annotations = jx_document_get_annotations (document);
  while (g_list_model_get_n_items (annotations) > 0)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, 0);

      found.n_comments++;
      found.n_replies += count_replies (annotation);
      jx_node_remove_child (JX_NODE (document), JX_NODE (annotation));
    }

  if (info != NULL)
    *info = found;
  return TRUE;
}

JxDocument *
jx_new_year_copy (JxDocument     *document,
                  JxNewYearInfo  *info,
                  GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JxDocument) copy = NULL;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The file form is the one copy that keeps every id and value exactly. */
  bytes = jx_xml_write (document, error);
  if (bytes == NULL)
    return NULL;
  copy = jx_xml_load_bytes (bytes, NULL, NULL, error);
  if (copy == NULL)
    return NULL;
  if (!jx_new_year_apply (copy, info, error))
    return NULL;
  return g_steal_pointer (&copy);
}
