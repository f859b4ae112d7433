/* jx-review-pdf.c: the comments report as PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-review-pdf"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jx-atomic-file.h"
#include "jx-document.h"
#include "jx-annotation.h"
#include "jx-indicator.h"
#include "jx-report.h"
#include "jx-review.h"
#include "jx-review-pdf.h"

/* "2024-03-01 10:00" in the time zone it was written in; as written if
 * it is not ISO 8601. */
static char *
format_time (const char *time)
{
  g_autoptr(GDateTime) when = *time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;

  return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup (time);
}

gboolean
jx_review_write_pdf (JxDocument  *document,
                     gboolean     open_only,
                     const char  *path,
                     guint       *n_entries,
                     GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JxReportLayout) layout = NULL;
  g_auto(JxAtomicFile) file = JX_ATOMIC_FILE_INIT;
  g_autoptr(GError) local = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const double weights[] = { 3, 2, 1.6, 1.6, 1.8, 0.9, 6 };
  const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT,
                                    PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT };
  const char *header[] = {
    /* TRANSLATORS: the columns of the comments report (PDF) */
    _("Place"), _("Indicator"), _("Field"), _("Author"), _("Time"), _("Status"), _("Text"),
  };

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  entries = jx_review_entries (document, open_only);
  if (n_entries != NULL)
    *n_entries = entries->len;

  layout = jx_report_layout_new_blank (JX_REPORT_A4_LONG, JX_REPORT_A4_SHORT);
  jx_report_layout_set_footer (layout, JX_REPORT_PAGE_FOOTER);
  /* TRANSLATORS: the title of the comments report; %s is the table's title */
  title = g_strdup_printf (_("Comments on %s"), *jx_document_get_title (document)
                                                 ? jx_document_get_title (document) : _("the table"));
  jx_report_layout_add_paragraph (layout, JX_REPORT_STYLE_TITLE, PANGO_ALIGN_CENTER, title);
  subtitle = g_strdup_printf ("%s%s%s", jx_document_get_department (document),
                              *jx_document_get_department (document) ? " · " : "",
                              open_only ? _("open comments, with their replies")
                                        : _("all comments, with their replies"));
  jx_report_layout_add_paragraph (layout, JX_REPORT_STYLE_LINE, PANGO_ALIGN_CENTER, subtitle);
  jx_report_layout_add_space (layout, 8);

  if (entries->len == 0)
    jx_report_layout_add_paragraph (layout, JX_REPORT_STYLE_BODY, PANGO_ALIGN_LEFT,
                                    open_only ? _("There are no open comments.") : _("There are no comments."));
  else
    {
      jx_report_layout_begin_table (layout, G_N_ELEMENTS (header), weights, aligns, header);
      for (guint i = 0; i < entries->len; i++)
        {
          const JxReviewEntry *e = g_ptr_array_index (entries, i);
          g_autofree char *place = jx_review_entry_place (e);
          g_autofree char *field = jx_review_entry_field (e);
          g_autofree char *when = format_time (jx_annotation_get_time (e->comment));
          g_autofree char *text = e->depth > 0
                                  ? g_strdup_printf ("%*s↳ %s", (int) (2 * (e->depth - 1)), "",
                                                     jx_annotation_get_text (e->comment))
                                  : g_strdup (jx_annotation_get_text (e->comment));
          const char *cells[] = {
            e->depth > 0 ? "" : place,
            e->depth > 0 || e->indicator == NULL ? "" : jx_indicator_get_name (e->indicator),
            e->depth > 0 ? "" : field,
            jx_annotation_get_author (e->comment),
            when,
            jx_annotation_get_resolved (e->comment) ? _("resolved") : _("open"),
            text,
          };

          jx_report_layout_add_row (layout, JX_REPORT_ROW_DEFAULT, cells);
        }
    }

  /* Beside the target, renamed over it once complete (jx-atomic-file.h). */
  if (!jx_atomic_file_open (&file, path, -1, &local) ||
      !jx_report_layout_write_pdf (layout, file.temp, NULL, NULL, NULL, &local) ||
      !jx_atomic_file_commit (&file, NULL, NULL, NULL, &local))
    {
      g_set_error (error, G_IO_ERROR, local->domain == G_IO_ERROR ? local->code : G_IO_ERROR_FAILED,
                   _("cannot write “%s”: %s; nothing was written"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
