/* jx-export.c: a document written as PDF, xlsx or csv
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-export"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "jx-atomic-file.h"
#include "jx-detail.h"
#include "jx-document.h"
#include "jx-export.h"
#include "jx-previous.h"
#include "jx-fields.h"
#include "jx-funding-unit.h"
#include "jx-indicator.h"
#include "jx-money.h"
#include "jx-project.h"

G_DEFINE_QUARK (jx-export-error-quark, jx_export_error)

gboolean
jx_export_format_for_path (const char     *path,
                           JxExportFormat *format)
{
  static const struct { const char *ext; JxExportFormat format; } formats[] = {
    { ".pdf", JX_EXPORT_PDF }, { ".xlsx", JX_EXPORT_XLSX }, { ".csv", JX_EXPORT_CSV },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].ext))
      {
        if (format)
          *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

/* --- writing through a temporary file ------------------------------------ */

/* Exports go through jx-atomic-file.h, as saves do: written beside @path
 * under a temporary name, renamed over it when complete. */
static gboolean
target_open (JxAtomicFile *target,
             const char   *path,
             GError      **error)
{
  g_autoptr(GError) local = NULL;

  if (!jx_atomic_file_open (target, path, -1, &local))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_WRITE,
                   /* TRANSLATORS: %s: a folder; then the system's reason */
                   _("cannot write in the folder “%s”: %s; nothing was written"),
                   dir, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
target_commit (JxAtomicFile *target,
               GError      **error)
{
  g_autoptr(GError) local = NULL;

  if (!jx_atomic_file_commit (target, NULL, NULL, NULL, &local))
    {
      g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s; nothing was written"),
                   target->target, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_failed (const char *path,
              GError    **error)
{
  int saved = errno;

  g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_WRITE,
               _("cannot write “%s”: %s; nothing was written"),
               path, g_strerror (saved ? saved : EIO));
  return FALSE;
}

static JxDetailFlags
detail_flags (const JxReportOptions *options)
{
  return options != NULL && options->last_year ? JX_DETAIL_LAST_YEAR : JX_DETAIL_DEFAULT;
}

/* --- PDF ----------------------------------------------------------------- */

gboolean
jx_export_pdf (JxDocument            *document,
               const char            *path,
               const JxReportOptions *options,
               JxProgressFunc         progress,
               gpointer               user_data,
               GCancellable          *cancellable,
               GError               **error)
{
  g_auto(JxAtomicFile) target = JX_ATOMIC_FILE_INIT;
  g_autoptr(JxReportLayout) layout = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!target_open (&target, path, error))
    return FALSE;
  layout = jx_report_layout_new (document, options, JX_REPORT_A4_LONG, JX_REPORT_A4_SHORT);
  if (!jx_report_layout_write_pdf (layout, target.temp, cancellable, progress, user_data, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_WRITE,
                     _("cannot write “%s”: %s; nothing was written"), path, local->message);
      return FALSE;
    }
  return target_commit (&target, error);
}

/* --- csv ----------------------------------------------------------------- */

static void
csv_field (GString    *line,
           const char *text,
           gboolean    first)
{
  if (!first)
    g_string_append_c (line, ',');
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

typedef struct {
  FILE    *file;
  GString *line;
} Csv;

static gboolean
csv_flush (Csv *csv)
{
  /* RFC 4180: CRLF after every record. */
  g_string_append (csv->line, "\r\n");
  if (fwrite (csv->line->str, 1, csv->line->len, csv->file) != csv->line->len)
    return FALSE;
  g_string_truncate (csv->line, 0);
  return TRUE;
}

static gboolean
csv_row (const JxDetailRow *row,
         gpointer           data,
         GError           **error)
{
  Csv *csv = data;

  for (guint i = 0; i < row->n_cells; i++)
    csv_field (csv->line, row->cells[i], i == 0);
  if (!csv_flush (csv))
    {
      g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_WRITE, "%s", g_strerror (errno ? errno : EIO));
      return FALSE;
    }
  return TRUE;
}

gboolean
jx_export_csv (JxDocument            *document,
               const char            *path,
               const JxReportOptions *options,
               JxProgressFunc         progress,
               gpointer               user_data,
               GCancellable          *cancellable,
               GError               **error)
{
  g_auto(JxAtomicFile) target = JX_ATOMIC_FILE_INIT;
  g_auto(GStrv) header = NULL;
  g_autoptr(GString) line = g_string_new ("\xEF\xBB\xBF");  /* the BOM: Excel reads UTF-8 */
  g_autoptr(GError) local = NULL;
  Csv csv = { NULL, line };
  gboolean ok;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!target_open (&target, path, error))
    return FALSE;
  if (!(csv.file = g_fopen (target.temp, "wb")))
    return write_failed (path, error);

  header = jx_detail_header (document, detail_flags (options));
  for (guint i = 0; header[i]; i++)
    csv_field (line, header[i], i == 0);
  ok = csv_flush (&csv)
       && jx_detail_foreach (document, detail_flags (options), (JxNode *[]) { JX_NODE (document) }, 1, csv_row, &csv,
                             progress, user_data, cancellable, &local);
  errno = 0;
  if (fclose (csv.file) != 0 || !ok)
    {
      /* A cancellation as it is; a failed write names the file. */
      if (local && local->domain != JX_EXPORT_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return write_failed (path, error);
    }
  return target_commit (&target, error);
}

/* --- xlsx ---------------------------------------------------------------- */

#define SHEET_TABLE  "绩效目标表"
#define SHEET_DETAIL "指标明细"

typedef struct {
  JxDocument    *document;
  const char    *path;
  lxw_workbook  *workbook;
  lxw_worksheet *sheet;
  lxw_format    *title;
  lxw_format    *line;
  lxw_format    *line_right;
  lxw_format    *header;
  lxw_format    *text;
  lxw_format    *money;
  lxw_format    *bold_text;
  lxw_format    *bold_money;
  guint          n_sources;
  lxw_row_t      row;
  JxDetailFlags  detail_flags;
  gboolean       last_year;      /* the 上年总计 column of the official sheet */
} Xlsx;

/* What a too-long cell is called in the message. */
static gboolean
xlsx_check (Xlsx       *x,
            lxw_error   status,
            JxProject  *project,
            const char *what,
            GError    **error)
{
  if (status == LXW_NO_ERROR)
    return TRUE;
  if (status == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_TOO_LONG,
                 /* TRANSLATORS: %s: a project's name; %s: 绩效目标 or another column */
                 _("project “%s”: its %s is longer than the 32,767 characters a spreadsheet cell "
                   "holds; shorten it, or export to PDF or CSV; nothing was written"),
                 project ? jx_project_get_name (project) : "", what);
  else
    g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_WRITE,
                 _("cannot write “%s”: %s; nothing was written"), x->path, lxw_strerror (status));
  return FALSE;
}

static double
money_value (Xlsx    *x,
             JxMoney  amount)
{
  double scale = 1;

  /* The only place money becomes a double: the spreadsheet's number, at
   * the document's precision (4 decimals for a 万元 table kept to the 元). */
  for (guint i = 0; i < jx_document_get_decimals (x->document); i++)
    scale *= 10;
  return (double) amount / scale;
}

static char *
cell_name (lxw_row_t row,
           guint     col)
{
  char name[32];

  lxw_rowcol_to_cell (name, row, (lxw_col_t) col);
  return g_strdup (name);
}

/* "=SUM(C7:E7)" */
static char *
sum_formula (lxw_row_t first_row,
             guint     first_col,
             lxw_row_t last_row,
             guint     last_col)
{
  g_autofree char *a = cell_name (first_row, first_col);
  g_autofree char *b = cell_name (last_row, last_col);

  return g_strdup_printf ("=SUM(%s:%s)", a, b);
}

static lxw_format *
add_format (lxw_workbook *workbook,
            gboolean      bold,
            gboolean      border,
            const char   *number,
            uint8_t       align)
{
  lxw_format *format = workbook_add_format (workbook);

  format_set_font_name (format, "Noto Sans CJK SC");
  format_set_font_size (format, 10);
  if (bold)
    format_set_bold (format);
  if (border)
    format_set_border (format, LXW_BORDER_THIN);
  if (number)
    format_set_num_format (format, number);
  format_set_text_wrap (format);
  format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  if (align)
    format_set_align (format, align);
  return format;
}

/* The 合计 row's formulas: the sum of the unit rows, which are interleaved
 * with their projects. */
static char *
units_formula (GArray *unit_rows,
               guint   col,
               lxw_row_t first,
               lxw_row_t last)
{
  GString *formula;

  /* Excel limits a formula to 8,192 characters and SUM to 255 arguments:
   * with many units, every unit row plus every project row is twice 合计. */
  if (unit_rows->len == 0)
    return g_strdup ("=0");
  if (unit_rows->len > 250)
    {
      g_autofree char *range = sum_formula (first, col, last, col);

      return g_strdup_printf ("%s/2", range);
    }
  formula = g_string_new ("=SUM(");
  for (guint i = 0; i < unit_rows->len; i++)
    {
      g_autofree char *name = cell_name (g_array_index (unit_rows, lxw_row_t, i), col);

      g_string_append_printf (formula, "%s%s", i ? "," : "", name);
    }
  g_string_append_c (formula, ')');
  return g_string_free (formula, FALSE);
}

/* Spreadsheets do not grow a row to fit wrapped text written by a program:
 * the row's height is set from the lines its longest cell needs, counting a
 * wide (CJK) character as two column-width units. Excel caps a row at 409 pt. */
static double
wrapped_lines (const char *text,
               double      column_width)
{
  double units = 0, lines = 1;

  for (const char *c = text; c != NULL && *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (ch == '\n')
        {
          lines += units > 0 ? (double) (guint) ((units - 1) / column_width) + 1 : 1;
          units = 0;
          continue;
        }
      units += g_unichar_iswide (ch) ? 2 : 1.1;
    }
  if (units > 0)
    lines += (double) (guint) ((units - 1) / column_width);
  return lines;
}

static double
row_height (const char *name,
            const char *goal,
            const char *indicators)
{
  double lines = MAX (wrapped_lines (name, 28), MAX (wrapped_lines (goal, 40), wrapped_lines (indicators, 70)));

  return MIN (409, 13.5 * lines + 3);
}

static gboolean
xlsx_table_sheet (Xlsx          *x,
                  JxProgressFunc progress,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  JxDocument *document = x->document;
  lxw_worksheet *ws = workbook_add_worksheet (x->workbook, SHEET_TABLE);
  /* With last year's values, 上年总计 after the sources: the units' and
   * 合计's SUM formulas cover it as every money column. */
  guint n = x->n_sources + 4 + (x->last_year ? 1 : 0), goal_col = n - 2, last_col = n - 1;
  guint previous_col = 2 + x->n_sources;
  g_autofree char *last_year_header = jx_report_get_last_year_header ();
  JxMoney previous;
  GListModel *units = jx_document_get_units (document);
  guint n_units = g_list_model_get_n_items (units);
  guint n_projects = MAX (jx_document_get_n_projects (document), 1), done = 0;
  g_autofree char *title = jx_report_get_title (document);
  g_autofree char *name_header = jx_report_get_name_header ();
  g_autofree char *department = NULL;
  g_autofree char *unit_line = NULL;
  g_autofree JxMoney *sums = g_new0 (JxMoney, x->n_sources);
  g_autoptr(GArray) unit_rows = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  lxw_row_t total_row, row;

  department = g_strdup_printf ("%s：%s", jx_field_lookup (JX_FIELD_OWNER_DOCUMENT, "department")->official,
                                jx_document_get_department (document));
  unit_line = g_strdup_printf ("%s：%s", jx_field_lookup (JX_FIELD_OWNER_DOCUMENT, "unit")->official,
                               jx_document_get_unit (document));

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);           /* A4 */
  worksheet_set_margins (ws, 0.4, 0.4, 0.5, 0.5);
  worksheet_repeat_rows (ws, 2, 2);      /* the header on every page */
  worksheet_fit_to_pages (ws, 1, 0);     /* all columns on the page's width */
  worksheet_set_footer (ws, "&C第 &P 页 共 &N 页");
  worksheet_set_column (ws, 0, 0, 28, NULL);
  worksheet_set_column (ws, 1, (lxw_col_t) (goal_col - 1), 13, NULL);
  worksheet_set_column (ws, (lxw_col_t) goal_col, (lxw_col_t) goal_col, 40, NULL);
  worksheet_set_column (ws, (lxw_col_t) last_col, (lxw_col_t) last_col, 70, NULL);

  /* Rows are written in order: the workbook keeps only one in memory. */
  if (!xlsx_check (x, worksheet_merge_range (ws, 0, 0, 0, (lxw_col_t) last_col, title, x->title), NULL, "", error))
    return FALSE;
  worksheet_merge_range (ws, 1, 0, 1, (lxw_col_t) goal_col, department, x->line);
  worksheet_write_string (ws, 1, (lxw_col_t) last_col, unit_line, x->line_right);

  worksheet_write_string (ws, 2, 0, name_header, x->header);
  worksheet_write_string (ws, 2, 1, jx_field_lookup (JX_FIELD_OWNER_PROJECT, "total")->official, x->header);
  for (guint s = 0; s < x->n_sources; s++)
    worksheet_write_string (ws, 2, (lxw_col_t) (2 + s), jx_document_get_source (document, s)->official, x->header);
  if (x->last_year)
    worksheet_write_string (ws, 2, (lxw_col_t) previous_col, last_year_header, x->header);
  worksheet_write_string (ws, 2, (lxw_col_t) goal_col, jx_report_goal_header (x->document), x->header);
  worksheet_write_string (ws, 2, (lxw_col_t) last_col, JX_REPORT_INDICATORS, x->header);

  /* 合计 needs the unit rows' places: count them first. */
  total_row = 3;
  row = total_row + 1;
  for (guint u = 0; u < n_units; u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);

      g_array_append_val (unit_rows, row);
      row += 1 + g_list_model_get_n_items (jx_funding_unit_get_projects (unit));
    }

  worksheet_write_string (ws, total_row, 0, JX_REPORT_TOTAL_ROW, x->bold_text);
  jx_report_sum_sources (document, NULL, sums);
  for (guint c = 1; c < goal_col; c++)
    {
      g_autofree char *formula = units_formula (unit_rows, c, total_row + 1, row - 1);
      JxMoney value = c == 1 ? jx_document_get_total (document)
                      : c == previous_col ? (jx_report_sum_previous (document, NULL, &previous) ? previous : 0)
                      : sums[c - 2];

      worksheet_write_formula_num (ws, total_row, (lxw_col_t) c, formula, x->bold_money, money_value (x, value));
    }
  worksheet_write_blank (ws, total_row, (lxw_col_t) goal_col, x->bold_text);
  worksheet_write_blank (ws, total_row, (lxw_col_t) last_col, x->bold_text);

  row = total_row + 1;
  for (guint u = 0; u < n_units; u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);
      guint np = g_list_model_get_n_items (projects);
      lxw_row_t unit_row = row;

      worksheet_write_string (ws, unit_row, 0, jx_funding_unit_get_name (unit), x->bold_text);
      jx_report_sum_sources (document, unit, sums);
      for (guint c = 1; c < goal_col; c++)
        {
          g_autofree char *formula = np ? sum_formula (unit_row + 1, c, unit_row + np, c) : g_strdup ("=0");
          JxMoney value = c == 1 ? jx_funding_unit_get_total (unit)
                          : c == previous_col ? (jx_report_sum_previous (document, unit, &previous) ? previous : 0)
                          : sums[c - 2];

          worksheet_write_formula_num (ws, unit_row, (lxw_col_t) c, formula, x->bold_money, money_value (x, value));
        }
      worksheet_write_blank (ws, unit_row, (lxw_col_t) goal_col, x->bold_text);
      worksheet_write_blank (ws, unit_row, (lxw_col_t) last_col, x->bold_text);
      row++;

      for (guint p = 0; p < np; p++, row++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          g_autofree char *formula = sum_formula (row, 2, row, 1 + x->n_sources);
          g_autofree char *indicators = NULL;
          g_autofree char *goal = jx_report_format_goal (document, project);
          const char *goal_label = jx_report_goal_header (document);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          if (!jx_project_get_confidential (project))
            indicators = jx_report_format_indicators (document, project, x->last_year);
          worksheet_set_row (ws, row, row_height (jx_project_get_name (project),
                                                  indicators ? goal : NULL,
                                                  indicators), NULL);
          if (!xlsx_check (x, worksheet_write_string (ws, row, 0, jx_project_get_name (project), x->text),
                           project, jx_field_lookup (JX_FIELD_OWNER_PROJECT, "name")->official, error))
            return FALSE;
          worksheet_write_formula_num (ws, row, 1, formula, x->money, money_value (x, jx_project_get_total (project)));
          for (guint s = 0; s < x->n_sources; s++)
            worksheet_write_number (ws, row, (lxw_col_t) (2 + s), money_value (x, jx_project_get_source (project, s)), x->money);
          if (x->last_year)
            {
              if (!jx_project_get_confidential (project) && jx_project_get_previous_total (project, &previous))
                worksheet_write_number (ws, row, (lxw_col_t) previous_col, money_value (x, previous), x->money);
              else
                worksheet_write_blank (ws, row, (lxw_col_t) previous_col, x->money);
            }
          if (jx_project_get_confidential (project))
            {
              /* One notice across goal and indicators, as published. */
              worksheet_merge_range (ws, row, (lxw_col_t) goal_col, row, (lxw_col_t) last_col,
                                     JX_REPORT_CONFIDENTIAL, x->text);
              continue;
            }
          if (!xlsx_check (x, worksheet_write_string (ws, row, (lxw_col_t) goal_col, goal, x->text),
                           project, goal_label, error) ||
              !xlsx_check (x, worksheet_write_string (ws, row, (lxw_col_t) last_col, indicators, x->text),
                           project, JX_REPORT_INDICATORS, error))
            return FALSE;
          done++;
          if (progress && done % 256 == 0)
            progress (0.5 * done / n_projects, user_data);
        }
    }
  return TRUE;
}

typedef struct {
  Xlsx          *x;
  lxw_worksheet *ws;
  lxw_row_t      row;
} DetailSheet;

static gboolean
xlsx_detail_row (const JxDetailRow *row,
                 gpointer           data,
                 GError           **error)
{
  DetailSheet *d = data;
  Xlsx *x = d->x;

  for (guint c = 0; c < row->n_cells; c++)
    {
      guint amount = c - JX_DETAIL_FIRST_AMOUNT;
      lxw_error status;
      g_auto(GStrv) header = NULL;

      /* Amounts as numbers, everything else as text. */
      if (c >= JX_DETAIL_FIRST_AMOUNT && amount < row->n_amounts)
        {
          worksheet_write_number (d->ws, d->row, (lxw_col_t) c, money_value (x, row->amounts[amount]), x->money);
          continue;
        }
      if ((x->detail_flags & JX_DETAIL_LAST_YEAR) && c == row->n_cells - 2)
        {
          if (row->has_last_total)
            worksheet_write_number (d->ws, d->row, (lxw_col_t) c, money_value (x, row->last_total), x->money);
          else
            worksheet_write_blank (d->ws, d->row, (lxw_col_t) c, x->money);
          continue;
        }
      status = worksheet_write_string (d->ws, d->row, (lxw_col_t) c, row->cells[c], x->text);
      if (status == LXW_NO_ERROR)
        continue;
      /* Name the column in the message. */
      header = jx_detail_header (x->document, x->detail_flags);
      return xlsx_check (x, status, row->project, header[c], error);
    }
  d->row++;
  return TRUE;
}

typedef struct {
  JxProgressFunc func;
  gpointer       data;
} Chain;

/* The second sheet: the second half of the progress. */
static void
half_progress (double   fraction,
               gpointer user_data)
{
  Chain *chain = user_data;

  chain->func (0.5 + 0.5 * fraction, chain->data);
}

gboolean
jx_export_xlsx (JxDocument            *document,
                const char            *path,
                const JxReportOptions *options,
                JxProgressFunc         progress,
                gpointer               user_data,
                GCancellable          *cancellable,
                GError               **error)
{
  g_auto(JxAtomicFile) target = JX_ATOMIC_FILE_INIT;
  g_auto(GStrv) header = NULL;
  g_autofree char *dir = NULL;
  lxw_workbook_options wb_options = { .constant_memory = LXW_TRUE };
  Xlsx x = { document, path };
  DetailSheet detail = { &x };
  const char *money_format;
  Chain chain = { progress, user_data };
  guint n_columns;
  gboolean ok;
  lxw_error status;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!target_open (&target, path, error))
    return FALSE;
  /* The workbook's scratch files go beside the output, not into a /tmp
   * that may be memory. */
  dir = g_path_get_dirname (target.temp);
  wb_options.tmpdir = dir;
  x.workbook = workbook_new_opt (target.temp, &wb_options);
  if (x.workbook == NULL)
    return write_failed (path, error);
  x.n_sources = jx_document_get_n_sources (document);
  x.detail_flags = detail_flags (options);
  x.last_year = options != NULL && options->last_year;

  x.title = add_format (x.workbook, TRUE, FALSE, NULL, LXW_ALIGN_CENTER);
  format_set_font_size (x.title, 16);
  x.line = add_format (x.workbook, FALSE, FALSE, NULL, LXW_ALIGN_LEFT);
  x.line_right = add_format (x.workbook, FALSE, FALSE, NULL, LXW_ALIGN_RIGHT);
  x.header = add_format (x.workbook, TRUE, TRUE, NULL, LXW_ALIGN_CENTER);
  format_set_bg_color (x.header, 0xEBEBEB);
  x.text = add_format (x.workbook, FALSE, TRUE, NULL, 0);
  money_format = jx_document_get_decimals (document) == 4 ? "#,##0.0000" : "#,##0.00";
  x.money = add_format (x.workbook, FALSE, TRUE, money_format, LXW_ALIGN_RIGHT);
  x.bold_text = add_format (x.workbook, TRUE, TRUE, NULL, 0);
  x.bold_money = add_format (x.workbook, TRUE, TRUE, money_format, LXW_ALIGN_RIGHT);

  ok = xlsx_table_sheet (&x, progress, user_data, cancellable, error);

  if (ok)
    {
      detail.ws = workbook_add_worksheet (x.workbook, SHEET_DETAIL);
      header = jx_detail_header (document, x.detail_flags);
      n_columns = g_strv_length (header);
      for (guint c = 0; c < n_columns; c++)
        {
          /* Widths: names and goal wide, amounts and codes narrow. */
          double width = c < 2 ? 24 : c < 3 + x.n_sources ? 13 : c == 3 + x.n_sources ? 40 : 18;

          worksheet_set_column (detail.ws, (lxw_col_t) c, (lxw_col_t) c, width, NULL);
          worksheet_write_string (detail.ws, 0, (lxw_col_t) c, header[c], x.header);
        }
      worksheet_freeze_panes (detail.ws, 1, 0);
      detail.row = 1;
      ok = jx_detail_foreach (document, x.detail_flags, (JxNode *[]) { JX_NODE (document) }, 1, xlsx_detail_row, &detail,
                              progress ? half_progress : NULL, &chain, cancellable, error);
      worksheet_autofilter (detail.ws, 0, 0, detail.row - 1, (lxw_col_t) (n_columns - 1));
      worksheet_set_landscape (detail.ws);
      worksheet_set_paper (detail.ws, 9);
      worksheet_repeat_rows (detail.ws, 0, 0);
    }

  status = workbook_close (x.workbook);
  if (!ok)
    return FALSE;
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_WRITE,
                   _("cannot write “%s”: %s; nothing was written"), path, lxw_strerror (status));
      return FALSE;
    }
  return target_commit (&target, error);
}

/* --- by extension -------------------------------------------------------- */

gboolean
jx_export (JxDocument            *document,
           const char            *path,
           const JxReportOptions *options,
           JxProgressFunc         progress,
           gpointer               user_data,
           GCancellable          *cancellable,
           GError               **error)
{
  JxExportFormat format;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!jx_export_format_for_path (path, &format))
    {
      g_set_error (error, JX_EXPORT_ERROR, JX_EXPORT_ERROR_FORMAT,
                   _("cannot export to “%s”: the name must end in .pdf, .xlsx or .csv"), path);
      return FALSE;
    }
  switch (format)
    {
    case JX_EXPORT_PDF:
      return jx_export_pdf (document, path, options, progress, user_data, cancellable, error);
    case JX_EXPORT_XLSX:
      return jx_export_xlsx (document, path, options, progress, user_data, cancellable, error);
    case JX_EXPORT_CSV:
    default:
      return jx_export_csv (document, path, options, progress, user_data, cancellable, error);
    }
}
