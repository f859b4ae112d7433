/* jx-rows.c: rows to and from spreadsheets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader works in two passes, each linear: text → records of cells
 * (with the place of each cell), then the header row found by its column
 * names, the columns mapped, blank (merged) cells carried down. The builder
 * then makes projects and indicators of the rows.
 */
#define G_LOG_DOMAIN "jx-rows"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-detail.h"
#include "jx-edit.h"
#include "jx-fields.h"
#include "jx-money.h"
#include "jx-limits.h"
#include "jx-rows.h"
#include "jx-template.h"
#include "jx-taxonomy.h"
#include "jx-text-private.h"
#include "jx-xml.h"

G_DEFINE_QUARK (jx-rows-error-quark, jx_rows_error)

#define NODES_PROJECTS   "jixiao-nodes:projects"
#define NODES_INDICATORS "jixiao-nodes:indicators"
/* The header is looked for among the first rows only. */
#define MAX_HEADER_RECORD 30

/* ------------------------------------------------------------------------
 * Column names
 * ------------------------------------------------------------------------ */

/* Header names of the columns, after normalize_header(). The funding
 * sources are not here: they are found by their official labels. */
static const struct { const char *name; JxRowsColumnKind kind; } synonyms[] = {
  { "资金使用单位", JX_ROWS_COLUMN_UNIT },
  { "单位名称", JX_ROWS_COLUMN_UNIT },
  { "预算单位", JX_ROWS_COLUMN_UNIT },
  { "单位", JX_ROWS_COLUMN_UNIT },
  { "项目名称", JX_ROWS_COLUMN_PROJECT },
  { "项目", JX_ROWS_COLUMN_PROJECT },
  { "总计", JX_ROWS_COLUMN_TOTAL },
  { "预算数", JX_ROWS_COLUMN_TOTAL },
  { "资金总额", JX_ROWS_COLUMN_TOTAL },
  { "年度资金总额", JX_ROWS_COLUMN_TOTAL },
  { "项目资金", JX_ROWS_COLUMN_TOTAL },
  { "绩效目标", JX_ROWS_COLUMN_GOAL },
  { "年度目标", JX_ROWS_COLUMN_GOAL },
  { "年度绩效目标", JX_ROWS_COLUMN_GOAL },
  { "项目绩效目标", JX_ROWS_COLUMN_GOAL },
  { "一级指标", JX_ROWS_COLUMN_CATEGORY },
  { "二级指标", JX_ROWS_COLUMN_SUBCATEGORY },
  { "三级指标", JX_ROWS_COLUMN_INDICATOR },
  { "指标名称", JX_ROWS_COLUMN_INDICATOR },
  { "实施周期指标值", JX_ROWS_COLUMN_CYCLE_VALUE },
  { "实施期指标值", JX_ROWS_COLUMN_CYCLE_VALUE },
  { "年度指标值", JX_ROWS_COLUMN_ANNUAL_VALUE },
  { "指标性质", JX_ROWS_COLUMN_COMPARATOR },
  { "计算符号", JX_ROWS_COLUMN_COMPARATOR },
  { "指标值", JX_ROWS_COLUMN_NUMBER },
  { "度量单位", JX_ROWS_COLUMN_MEASURE },
  { "计量单位", JX_ROWS_COLUMN_MEASURE },
  { "权重", JX_ROWS_COLUMN_WEIGHT },
  { "分值", JX_ROWS_COLUMN_WEIGHT },
  { "权重分值", JX_ROWS_COLUMN_WEIGHT },
  { "指标权重", JX_ROWS_COLUMN_WEIGHT },
  { "指标方向", JX_ROWS_COLUMN_DIRECTION },
  { "指标方向性", JX_ROWS_COLUMN_DIRECTION },
  { "指标解释", JX_ROWS_COLUMN_EXPLANATION },
  { "评分标准", JX_ROWS_COLUMN_EXPLANATION },
  { "中长期目标", JX_ROWS_COLUMN_LONG_TERM },
  { "实施期目标", JX_ROWS_COLUMN_LONG_TERM },
  { "中长期绩效目标", JX_ROWS_COLUMN_LONG_TERM },
  { "总体目标", JX_ROWS_COLUMN_LONG_TERM },
  { "中长期指标值", JX_ROWS_COLUMN_CYCLE_VALUE },
  { "年度", JX_ROWS_COLUMN_YEAR },
  { "年份", JX_ROWS_COLUMN_YEAR },
};

/* The column of each field a template may name, so that a table's header
 * is found by the labels its template prints (plain's 指标值 is its annual
 * value, Sichuan's its number). */
static const struct { const char *id; JxRowsColumnKind kind; } field_columns[] = {
  { "goal", JX_ROWS_COLUMN_GOAL },
  { "cycle-goal", JX_ROWS_COLUMN_LONG_TERM },
  { "cycle-value", JX_ROWS_COLUMN_CYCLE_VALUE },
  { "annual-value", JX_ROWS_COLUMN_ANNUAL_VALUE },
  { "comparator", JX_ROWS_COLUMN_COMPARATOR },
  { "number", JX_ROWS_COLUMN_NUMBER },
  { "measure-unit", JX_ROWS_COLUMN_MEASURE },
  { "weight", JX_ROWS_COLUMN_WEIGHT },
  { "direction", JX_ROWS_COLUMN_DIRECTION },
  { "explanation", JX_ROWS_COLUMN_EXPLANATION },
};

static JxRowsColumnKind
template_column (JxTemplate *template,
                 const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_columns); i++)
    {
      const JxField *field = jx_template_get_field (template, field_columns[i].id);

      if (field != NULL && field->official != NULL && g_str_equal (name, field->official))
        return field_columns[i].kind;
    }
  return JX_ROWS_COLUMN_NONE;
}

/* The indicator field a column of the kinds only some templates hold
 * fills, or NULL. */
static const char *
column_field (JxRowsColumnKind kind)
{
  switch (kind)
    {
    case JX_ROWS_COLUMN_COMPARATOR:
      return "comparator";
    case JX_ROWS_COLUMN_NUMBER:
      return "number";
    case JX_ROWS_COLUMN_MEASURE:
      return "measure-unit";
    case JX_ROWS_COLUMN_WEIGHT:
      return "weight";
    case JX_ROWS_COLUMN_DIRECTION:
      return "direction";
    case JX_ROWS_COLUMN_EXPLANATION:
      return "explanation";
    default:
      return NULL;
    }
}

/* Whether @document holds what a column of @kind says: always for the
 * columns every table has, by its template for 指标性质, 指标值, 度量单位,
 * 权重, 指标方向 and 指标解释. */
static gboolean
is_held (JxDocument       *document,
         JxRowsColumnKind  kind)
{
  const char *field = column_field (kind);

  if (field != NULL)
    return jx_template_has_field (jx_document_get_template (document), field);
  if (kind == JX_ROWS_COLUMN_LONG_TERM)
    return jx_template_has_field (jx_document_get_template (document), "cycle-goal");
  return kind > JX_ROWS_COLUMN_NONE && kind < JX_ROWS_COLUMN_COMPARATOR;
}

/* Blanks out, a leading 其中： and a trailing bracketed unit away:
 * “其中：财政拨款（万元）” → “财政拨款”. */
char *
jx_text_normalize_label (const char *text)
{
  GString *s = g_string_new (NULL);
  const char *e = text + strlen (text), *p = text;
  gsize n;

  while (p < e)
    {
      if ((n = jx_text_space_at (p, e)) > 0)
        p += n;
      else
        {
          const char *next = g_utf8_next_char (p);
          g_string_append_len (s, p, next - p);
          p = next;
        }
    }
  if (g_str_has_prefix (s->str, "其中：") || g_str_has_prefix (s->str, "其中:"))
    g_string_erase (s, 0, g_str_has_prefix (s->str, "其中：") ? strlen ("其中：") : strlen ("其中:"));
  if (s->len > 0 && (g_str_has_suffix (s->str, "）") || g_str_has_suffix (s->str, ")")))
    {
      const char *open = g_strrstr (s->str, "（");
      const char *ascii = strrchr (s->str, '(');

      if (ascii != NULL && (open == NULL || ascii > open))
        open = ascii;
      if (open != NULL && open > s->str)
        g_string_truncate (s, open - s->str);
    }
  return g_string_free (s, FALSE);
}

/* "万元" or "元" when @text says amounts are in it: “金额单位:元”,
 * “单位：万元”, “（万元）”. */
static const char *
unit_named_in (const char *text)
{
  const char *at = strstr (text, "单位");

  if (at != NULL)
    {
      at += strlen ("单位");
      if (g_str_has_prefix (at, "："))
        at += strlen ("：");
      else if (*at == ':')
        at++;
      at = jx_text_skip_spaces (at, at + strlen (at));
    }
  else if ((at = strstr (text, "（")) != NULL)
    at += strlen ("（");
  else if ((at = strchr (text, '(')) != NULL)
    at++;
  if (at == NULL)
    return NULL;
  if (g_str_has_prefix (at, "万元"))
    return "万元";
  if (g_str_has_prefix (at, "元"))
    return "元";
  return NULL;
}

static JxRowsColumnKind
classify_header (JxDocument *document,
                 const char *text,
                 guint      *source)
{
  g_autofree char *name = jx_text_normalize_label (text);
  guint n_sources = jx_document_get_n_sources (document);
  JxRowsColumnKind kind;

  *source = 0;
  if (*name == '\0')
    return JX_ROWS_COLUMN_NONE;
  for (guint i = 0; i < n_sources; i++)
    if (g_str_equal (name, jx_document_get_source (document, i)->official))
      {
        *source = i;
        return JX_ROWS_COLUMN_SOURCE;
      }
  kind = template_column (jx_document_get_template (document), name);
  if (kind != JX_ROWS_COLUMN_NONE)
    return kind;
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (g_str_equal (name, synonyms[i].name))
      return synonyms[i].kind;
  return JX_ROWS_COLUMN_NONE;
}

/* ------------------------------------------------------------------------
 * Text → records
 * ------------------------------------------------------------------------ */

typedef struct
{
  char  *text;    /* in the table's string chunk, trimmed */
  guint  line;
  guint  column;
  guint  x;       /* columns of text aligned by spaces: display position */
} RawCell;

typedef struct
{
  guint   line;
  GArray *cells;  /* RawCell */
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_array_unref (record->cells);
  g_free (record);
}

typedef struct
{
  JxRowsTable *table;
  GPtrArray   *records;   /* Record */
  GString     *cell;
  guint        cell_line, cell_column, cell_x;
  GPtrArray   *problems;
} Reader;

static Record *
new_record (Reader *r,
            guint   line)
{
  Record *record = g_new0 (Record, 1);

  record->line = line;
  record->cells = g_array_new (FALSE, FALSE, sizeof (RawCell));
  g_ptr_array_add (r->records, record);
  return record;
}

/* Past the blanks at @p, counting them in *@column. */
static const char *
skip_blanks (const char *p,
             const char *e,
             guint      *column)
{
  gsize n;

  while ((n = jx_text_space_at (p, e)) > 0)
    {
      p += n;
      (*column)++;
    }
  return p;
}

/* The end of [s, e) without the blanks that end it. */
static const char *
trim_blanks_end (const char *s,
                 const char *e)
{
  while (e > s)
    {
      const char *prev = g_utf8_find_prev_char (s, e);

      if (prev == NULL || jx_text_space_at (prev, e) != (gsize) (e - prev))
        break;
      e = prev;
    }
  return e;
}

static void add_problem (GPtrArray *problems, const char *rule, guint line, guint column, char *message);

/* [s, e) as a document can hold it (jx-limits.h): a control character XML
 * cannot hold becomes a space, a text too long is shortened; both are
 * reported. NULL when [s, e) is fine as it is. */
static char *
fit_cell (Reader     *r,
          const char *s,
          const char *e,
          guint       line,
          guint       column)
{
  GString *out = NULL;
  guint n_controls = 0;
  glong n_chars;

  for (const char *p = s; p < e; p++)
    {
      guchar c = (guchar) *p;
      gboolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
      gboolean nonchar = c == 0xEF && e - p >= 3 && (guchar) p[1] == 0xBF &&
                         ((guchar) p[2] == 0xBE || (guchar) p[2] == 0xBF);

      if ((control || nonchar) && out == NULL)
        out = g_string_new_len (s, p - s);
      if (control || nonchar)
        {
          n_controls++;
          g_string_append_c (out, ' ');
          p += nonchar ? 2 : 0;
        }
      else if (out != NULL)
        g_string_append_c (out, *p);
    }
  if (n_controls > 0)
    add_problem (r->problems, "rows-control-character", line, column,
                 /* Translators: %u is a count */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u invisible control character was read as a space: "
                                               "a table cannot hold it.",
                                               "%u invisible control characters were read as spaces: "
                                               "a table cannot hold them.",
                                               n_controls),
                                  n_controls));
  if (out == NULL && e - s > JX_TEXT_MAX_CHARS)
    out = g_string_new_len (s, e - s);
  if (out != NULL && jx_text_is_too_long (out->str, &n_chars))
    {
      g_string_truncate (out, g_utf8_offset_to_pointer (out->str, JX_TEXT_MAX_CHARS) - out->str);
      add_problem (r->problems, "rows-text-too-long", line, column,
                   /* Translators: the numbers are counts of characters */
                   g_strdup_printf (_("A cell of %ld characters is longer than a table can hold; only its "
                                      "first %d characters were kept."),
                                    n_chars, JX_TEXT_MAX_CHARS));
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* Adds the collected cell, trimmed, to @record. */
static void
end_cell (Reader *r,
          Record *record)
{
  const char *s = r->cell->str, *e = s + r->cell->len;
  guint column = r->cell_column;
  g_autofree char *fitted = NULL;
  RawCell cell;

  s = skip_blanks (s, e, &column);
  e = trim_blanks_end (s, e);
  if ((fitted = fit_cell (r, s, e, r->cell_line, s < e ? column : 0)) != NULL)
    {
      s = fitted;
      e = s + strlen (s);
    }
  cell.text = g_string_chunk_insert_len (r->table->strings, s, e - s);
  cell.line = r->cell_line;
  cell.column = s < e ? column : 0;
  cell.x = r->cell_x;
  g_array_append_val (record->cells, cell);
  g_string_truncate (r->cell, 0);
}

/* Appends the text from @p up to a line break or @stop (or @end) to the
 * cell, counting its characters in *@column; returns where it stopped. */
static const char *
append_span (Reader     *r,
             const char *p,
             const char *end,
             char        stop,
             guint      *column)
{
  const char *q = p;

  while (q < end && *q != stop && *q != '\r' && *q != '\n')
    {
      /* Characters are counted by their first bytes. */
      *column += ((guchar) *q & 0xC0) != 0x80;
      q++;
    }
  g_string_append_len (r->cell, p, q - p);
  return q;
}

/* TSV as spreadsheets copy it: a cell that starts with a quote runs to the
 * quote that is not doubled, holding tabs and line breaks; CRLF, CR or LF
 * end a row. */
static void
split_tsv (Reader     *r,
           const char *p,
           const char *end)
{
  guint line = 1, column = 1;
  Record *record = NULL;

  while (p < end)
    {
      if (record == NULL)
        record = new_record (r, line);
      r->cell_line = line;
      r->cell_column = column;
      if (*p == '"')
        {
          p++;
          column++;
          while (p < end)
            {
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (r->cell, '"');
                      p += 2;
                      column += 2;
                      continue;
                    }
                  p++;
                  column++;
                  break;
                }
              if (*p == '\r' || *p == '\n')
                {
                  p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
                  g_string_append_c (r->cell, '\n');
                  line++;
                  column = 1;
                  continue;
                }
              p = append_span (r, p, end, '"', &column);
            }
        }
      /* Unquoted text, or what follows a closing quote. */
      p = append_span (r, p, end, '\t', &column);
      end_cell (r, record);
      if (p >= end)
        break;
      if (*p == '\t')
        {
          p++;
          column++;
          if (p >= end)
            {
              r->cell_line = line;
              r->cell_column = column;
              end_cell (r, record);
            }
          continue;
        }
      p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;
      line++;
      column = 1;
      record = NULL;
    }
}

static gboolean
is_rule_cell (const char *s)
{
  if (*s == ':')
    s++;
  if (*s != '-')
    return FALSE;
  while (*s == '-')
    s++;
  if (*s == ':')
    s++;
  return *s == '\0';
}

/* How wide [s, e) shows in a fixed-width font: CJK characters count two. */
static guint
display_width (const char *s,
               const char *e)
{
  guint width = 0;

  for (const char *p = s; p < e; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* One line of a pipe table or of columns separated by runs of spaces. */
static void
split_line (Reader      *r,
            const char  *p,
            const char  *e,
            guint        line,
            JxRowsLayout layout)
{
  const char *line_start = p;
  guint column = 1;
  Record *record;
  gboolean rule = TRUE;
  gsize n;

  p = skip_blanks (p, e, &column);
  if (p == e)
    return;
  if (layout == JX_ROWS_LAYOUT_PIPE)
    {
      if (*p != '|')
        return;   /* a line around the table (a link, a note) */
      p++;
      column++;
      /* The last pipe closes the row. */
      e = trim_blanks_end (p, e);
      if (e > p && e[-1] == '|')
        e--;
    }
  record = new_record (r, line);
  r->cell_line = line;
  r->cell_column = column;
  r->cell_x = display_width (line_start, p);
  while (p <= e)
    {
      gboolean boundary = FALSE;
      gsize skip = 0;

      if (p == e)
        boundary = TRUE;
      else if (layout == JX_ROWS_LAYOUT_PIPE && *p == '|')
        boundary = TRUE, skip = 1;
      else if (layout == JX_ROWS_LAYOUT_SPACES)
        {
          /* Two blanks, a tab or an ideographic space separate columns. */
          const char *q = p;
          guint blanks = 0;
          gboolean wide = FALSE;

          while ((n = jx_text_space_at (q, e)) > 0)
            {
              wide |= n == 3 || *q == '\t';
              q += n;
              blanks++;
            }
          if (blanks >= 2 || (blanks == 1 && wide))
            boundary = TRUE, skip = q - p;
        }
      if (boundary)
        {
          guint chars = g_utf8_strlen (p, skip);

          end_cell (r, record);
          rule &= is_rule_cell (g_array_index (record->cells, RawCell, record->cells->len - 1).text);
          if (p == e)
            break;
          p += skip;
          column += chars;
          r->cell_line = line;
          r->cell_column = column;
          r->cell_x = display_width (line_start, p);
          continue;
        }
      {
        const char *next = g_utf8_next_char (p);
        g_string_append_len (r->cell, p, MIN (next, e) - p);
        p = next;
        column++;
      }
    }
  if (layout == JX_ROWS_LAYOUT_PIPE && rule)
    g_ptr_array_remove_index (r->records, r->records->len - 1);
}

static JxRowsLayout
guess_layout (const char *p,
              const char *end)
{
  guint lines = 0, pipes = 0;
  gboolean tabs = memchr (p, '\t', end - p) != NULL;

  while (p < end && lines < 200)
    {
      const char *e = memchr (p, '\n', end - p);
      const char *q;

      if (e == NULL)
        e = end;
      q = jx_text_skip_spaces (p, e);
      if (q < e)
        {
          lines++;
          if (*q == '|')
            pipes++;
        }
      p = e + 1;
    }
  if (lines > 0 && pipes * 2 >= lines)
    return JX_ROWS_LAYOUT_PIPE;
  return tabs ? JX_ROWS_LAYOUT_TSV : JX_ROWS_LAYOUT_SPACES;
}

/* ------------------------------------------------------------------------
 * Records → rows
 * ------------------------------------------------------------------------ */

static void
add_problem (GPtrArray  *problems,
             const char *rule,
             guint       line,
             guint       column,
             char       *message)
{
  if (problems != NULL)
    g_ptr_array_add (problems, jx_problem_new (JX_SEVERITY_WARNING, rule, line, column, NULL, NULL, message));
  g_free (message);
}

/* “甲”, “乙”: names for a message. */
static void
append_name (GString    **list,
             const char  *name)
{
  if (*list == NULL)
    *list = g_string_new (NULL);
  else
    /* Translators: between the quoted names of a list of columns */
    g_string_append (*list, _("”, “"));
  g_string_append (*list, name);
}

static guint
n_filled (const Record *record)
{
  guint n = 0;

  for (guint i = 0; i < record->cells->len; i++)
    if (*g_array_index (record->cells, RawCell, i).text != '\0')
      n = i + 1;
  return n;
}

static guint
n_recognised (JxDocument   *document,
              const Record *record,
              gboolean     *names_rows)
{
  guint n = 0, source;

  *names_rows = FALSE;
  for (guint i = 0; i < record->cells->len; i++)
    {
      const RawCell *cell = &g_array_index (record->cells, RawCell, i);
      JxRowsColumnKind kind;

      if (strlen (cell->text) > 64)
        continue;
      kind = classify_header (document, cell->text, &source);
      if (kind != JX_ROWS_COLUMN_NONE)
        n++;
      if (kind == JX_ROWS_COLUMN_PROJECT || kind == JX_ROWS_COLUMN_INDICATOR ||
          kind == JX_ROWS_COLUMN_CATEGORY)
        *names_rows = TRUE;
    }
  return n;
}

/* The 指标明细 columns, in order, for text without a header row. */
static guint
detail_columns (JxDocument   *document,
                JxRowsColumn *columns)
{
  static const JxRowsColumnKind before[] = { JX_ROWS_COLUMN_UNIT, JX_ROWS_COLUMN_PROJECT, JX_ROWS_COLUMN_TOTAL };
  static const JxRowsColumnKind after[] = {
    JX_ROWS_COLUMN_GOAL, JX_ROWS_COLUMN_CATEGORY, JX_ROWS_COLUMN_SUBCATEGORY, JX_ROWS_COLUMN_INDICATOR,
    JX_ROWS_COLUMN_CYCLE_VALUE, JX_ROWS_COLUMN_ANNUAL_VALUE,
  };
  guint n = 0, n_sources = jx_document_get_n_sources (document);

  for (guint i = 0; i < G_N_ELEMENTS (before); i++, n++)
    if (columns != NULL)
      columns[n] = (JxRowsColumn) { before[i], 0, "" };
  for (guint i = 0; i < n_sources; i++, n++)
    if (columns != NULL)
      columns[n] = (JxRowsColumn) { JX_ROWS_COLUMN_SOURCE, i, "" };
  for (guint i = 0; i < G_N_ELEMENTS (after); i++, n++)
    if (columns != NULL)
      columns[n] = (JxRowsColumn) { after[i], 0, "" };
  return n;
}

int
jx_rows_table_find (const JxRowsTable *table,
                    JxRowsColumnKind   kind,
                    guint              source)
{
  g_return_val_if_fail (table != NULL, -1);

  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].kind == kind && (kind != JX_ROWS_COLUMN_SOURCE || table->columns[i].source == source))
      return i;
  return -1;
}

static gboolean looks_like_amount (const char *text);

guint
jx_rows_table_amount_decimals (const JxRowsTable *table)
{
  guint most = 0;

  g_return_val_if_fail (table != NULL, 0);

  for (guint r = 0; r < table->rows->len; r++)
    {
      const JxRowsRow *row = g_ptr_array_index (table->rows, r);

      for (guint i = 0; i < table->n_columns; i++)
        {
          const char *text = row->cells[i].text;
          const char *point;
          guint n = 0;

          if ((table->columns[i].kind != JX_ROWS_COLUMN_TOTAL && table->columns[i].kind != JX_ROWS_COLUMN_SOURCE) ||
              row->cells[i].carried || !looks_like_amount (text) || (point = strpbrk (text, ".")) == NULL)
            continue;
          for (const char *p = point + 1; g_ascii_isdigit (*p); p++)
            n++;
          most = MAX (most, n);
        }
    }
  return most;
}

const JxRowsCell *
jx_rows_row_get (const JxRowsTable *table,
                 const JxRowsRow   *row,
                 JxRowsColumnKind   kind,
                 guint              source)
{
  int i = jx_rows_table_find (table, kind, source);

  return i < 0 ? NULL : &row->cells[i];
}

static gboolean
column_is (const JxRowsTable *table,
           guint              i,
           JxRowsColumnKind   kind)
{
  return table->columns[i].kind == kind;
}

static gboolean
cell_filled (const JxRowsTable *table,
             const JxRowsRow   *row,
             JxRowsColumnKind   kind)
{
  const JxRowsCell *cell = jx_rows_row_get (table, row, kind, 0);

  return cell != NULL && *cell->text != '\0' && !cell->carried;
}

/* Blank (merged) cells take the value of the row above: the unit always;
 * project, amounts and goal while the project continues; 一级 and 二级
 * while the project continues and the row has an indicator. */
static void
carry_down (JxRowsTable     *table,
            JxRowsRow       *row,
            const JxRowsRow *above)
{
  gboolean has_project = jx_rows_table_find (table, JX_ROWS_COLUMN_PROJECT, 0) >= 0;
  gboolean same_project = !has_project || !cell_filled (table, row, JX_ROWS_COLUMN_PROJECT);
  gboolean has_indicator = cell_filled (table, row, JX_ROWS_COLUMN_INDICATOR) ||
                           cell_filled (table, row, JX_ROWS_COLUMN_SUBCATEGORY);
  gboolean category_carried = FALSE;

  if (above == NULL)
    return;
  for (guint i = 0; i < table->n_columns; i++)
    {
      JxRowsCell *cell = &row->cells[i];
      gboolean carry;

      if (*cell->text != '\0')
        continue;
      switch (table->columns[i].kind)
        {
        case JX_ROWS_COLUMN_UNIT:
          carry = TRUE;
          break;
        case JX_ROWS_COLUMN_PROJECT:
        case JX_ROWS_COLUMN_TOTAL:
        case JX_ROWS_COLUMN_SOURCE:
        case JX_ROWS_COLUMN_GOAL:
        case JX_ROWS_COLUMN_LONG_TERM:
          carry = same_project;
          break;
        case JX_ROWS_COLUMN_CATEGORY:
          carry = category_carried = same_project && has_indicator;
          break;
        default:
          carry = FALSE;
          break;
        }
      if (carry)
        {
          *cell = above->cells[i];
          cell->carried = TRUE;
        }
    }
  /* 二级 after 一级: it is carried only under a carried 一级. */
  for (guint i = 0; i < table->n_columns; i++)
    if (column_is (table, i, JX_ROWS_COLUMN_SUBCATEGORY) && *row->cells[i].text == '\0' && category_carried &&
        cell_filled (table, row, JX_ROWS_COLUMN_INDICATOR))
      {
        row->cells[i] = above->cells[i];
        row->cells[i].carried = TRUE;
      }
}

static gboolean
looks_like_amount (const char *text)
{
  /* At the finest precision: a 万元 table kept to the 元 prints 6923.3552. */
  return *text != '\0' && jx_money_parse_at (text, JX_MONEY_MAX_DECIMALS, JX_MONEY_PARSE_DEFAULT, NULL, NULL, NULL);
}

static const char *find_code_by_name (JxTaxonomy *taxonomy, const char *name, const char *category);

/* The number a person sees for record @i: its row in the spreadsheet range
 * copied (TSV), or its line in a text file (pipe and space tables, whose
 * lines around the table are no records). */
static guint
record_number (const JxRowsTable *table,
               GPtrArray         *records,
               guint              i)
{
  if (table->layout == JX_ROWS_LAYOUT_TSV)
    return i + 1;
  return ((const Record *) records->pdata[i])->line;
}

static void
place_cell (JxRowsRow     *row,
            guint          column,
            const RawCell *cell)
{
  row->cells[column].text = cell->text;
  row->cells[column].line = cell->line;
  row->cells[column].column = cell->column;
}

/* How well @text fits a column of @kind: a category name under 一级指标,
 * an amount under 总计, a comparator under 指标性质. */
static guint
fit (JxTaxonomy       *taxonomy,
     JxRowsColumnKind  kind,
     const char       *text)
{
  static const char *comparators[] = { "≥", "≤", "=", "＝", ">", "<", "＞", "＜", "定性" };
  JxCode code;
  const char *p = text;

  switch (kind)
    {
    case JX_ROWS_COLUMN_CATEGORY:
    case JX_ROWS_COLUMN_SUBCATEGORY:
      if (taxonomy == NULL)
        return 0;
      if (jx_text_read_code (&p, text + strlen (text), &code))
        return 2;
      return find_code_by_name (taxonomy, text, kind == JX_ROWS_COLUMN_CATEGORY ? NULL : "") != NULL ? 2 : 0;
    case JX_ROWS_COLUMN_TOTAL:
    case JX_ROWS_COLUMN_SOURCE:
      return looks_like_amount (text) ? 1 : 0;
    case JX_ROWS_COLUMN_COMPARATOR:
      for (guint i = 0; i < G_N_ELEMENTS (comparators); i++)
        if (g_str_equal (text, comparators[i]))
          return 1;
      return 0;
    default:
      return 0;
    }
}

/* A web page's table drops the cells a merged cell covers, so a row is
 * short of the header and its cells are the header's last ones — unless
 * the row is cut short too. The shift where the cells fit their columns
 * best; the rightmost of equals. */
static guint
best_shift (const JxRowsTable *table,
            JxTaxonomy        *taxonomy,
            const Record      *record,
            guint              filled,
            guint              width)
{
  guint best = width - filled, best_score = 0;

  for (guint shift = width - filled + 1; shift-- > 0;)
    {
      guint score = 0;

      for (guint c = 0; c < filled && shift + c < table->n_columns; c++)
        score += fit (taxonomy, table->columns[shift + c].kind,
                      g_array_index (record->cells, RawCell, c).text);
      if (score > best_score)
        {
          best = shift;
          best_score = score;
        }
    }
  return best;
}

JxRowsTable *
jx_rows_read (const char  *text,
              gsize        len,
              JxDocument  *document,
              GPtrArray   *problems,
              GError     **error)
{
  g_autoptr(JxRowsTable) table = g_new0 (JxRowsTable, 1);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GString) unknown = NULL, not_held = NULL;
  Reader r = { table, records, g_string_new (NULL), 0, 0, 0, problems };
  const char *p = text, *end = text + len;
  const Record *header = NULL;
  guint header_index = 0, header_width = 0, first_data = 0;
  JxRowsRow *above = NULL;
  JxTaxonomy *taxonomy;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  taxonomy = jx_taxonomy_get_builtin (jx_document_get_taxonomy (document), NULL);

  table->strings = g_string_chunk_new (4096);
  table->rows = g_ptr_array_new_with_free_func (g_free);
  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (!g_utf8_validate_len (p, end - p, NULL))
    {
      const char *bad = NULL;
      guint line = 1;

      g_utf8_validate_len (p, end - p, &bad);
      for (const char *q = p; q < bad; q++)
        line += *q == '\n';
      g_string_free (r.cell, TRUE);
      g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_ENCODING,
                   _("Line %u: the text is not UTF-8. Save or copy it as Unicode (UTF-8) text."), line);
      return NULL;
    }
  if (jx_text_skip_spaces (p, end) == end)
    {
      g_string_free (r.cell, TRUE);
      g_set_error_literal (error, JX_ROWS_ERROR, JX_ROWS_ERROR_EMPTY, _("There are no rows to read: the text is empty."));
      return NULL;
    }

  table->layout = guess_layout (p, end);
  if (table->layout == JX_ROWS_LAYOUT_TSV)
    split_tsv (&r, p, end);
  else
    {
      guint line = 1;

      while (p < end)
        {
          const char *e = memchr (p, '\n', end - p);
          const char *le;

          if (e == NULL)
            e = end;
          le = e;
          if (le > p && le[-1] == '\r')
            le--;
          split_line (&r, p, le, line++, table->layout);
          p = e + 1;
        }
    }
  g_string_free (r.cell, TRUE);

  /* Blank records out, except that their numbers stay the text's. */
  for (guint i = 0; i < records->len && i < MAX_HEADER_RECORD && header == NULL; i++)
    {
      const Record *record = records->pdata[i];
      gboolean names_rows;

      if (n_recognised (document, record, &names_rows) >= 2 && names_rows)
        {
          header = record;
          header_index = i;
        }
    }

  if (header != NULL)
    {
      header_width = n_filled (header);
      table->header_record = record_number (table, records, header_index);
      table->n_columns = header->cells->len;
      table->columns = g_new0 (JxRowsColumn, table->n_columns);
      for (guint i = 0; i < table->n_columns; i++)
        {
          const RawCell *cell = &g_array_index (header->cells, RawCell, i);
          g_autofree char *name = jx_text_normalize_label (cell->text);
          JxRowsColumn *column = &table->columns[i];

          column->kind = classify_header (document, cell->text, &column->source);
          column->header = g_string_chunk_insert (table->strings, name);
          /* A second column of a kind is not read. */
          if (column->kind != JX_ROWS_COLUMN_NONE &&
              jx_rows_table_find (table, column->kind, column->source) != (int) i)
            column->kind = JX_ROWS_COLUMN_NONE;
          if (column->kind == JX_ROWS_COLUMN_NONE && *name != '\0')
            append_name (&unknown, name);
          else if (column->kind != JX_ROWS_COLUMN_NONE && !is_held (document, column->kind))
            append_name (&not_held, name);
        }
      if (not_held != NULL)
        add_problem (problems, "rows-not-held", header->line, 0,
                     g_strdup_printf (_("Row %u: the columns “%s” are not held by this document and were not "
                                        "read."), table->header_record, not_held->str));
      if (unknown != NULL)
        add_problem (problems, "rows-unknown-column", header->line, 0,
                     g_strdup_printf (_("Row %u: the columns “%s” are not columns of a target table and were "
                                        "not read."), table->header_record, unknown->str));
      first_data = header_index + 1;

      /* The unit of amounts: a line above, or an amount column's header. */
      for (guint i = 0; i <= header_index && table->amount_unit == NULL; i++)
        {
          const Record *record = records->pdata[i];

          for (guint c = 0; c < record->cells->len && table->amount_unit == NULL; c++)
            {
              const RawCell *cell = &g_array_index (record->cells, RawCell, c);
              JxRowsColumnKind kind = i == header_index && c < table->n_columns ? table->columns[c].kind
                                                                                 : JX_ROWS_COLUMN_NONE;

              if (i < header_index || kind == JX_ROWS_COLUMN_TOTAL || kind == JX_ROWS_COLUMN_SOURCE)
                {
                  table->amount_unit = unit_named_in (cell->text);
                  table->amount_unit_line = record->line;
                }
            }
        }
    }
  else
    {
      guint width = detail_columns (document, NULL);
      const Record *first = NULL;

      for (guint i = 0; i < records->len && first == NULL; i++)
        if (n_filled (records->pdata[i]) > 0)
          first = records->pdata[i];
      if (first == NULL || first->cells->len != width)
        {
          g_autoptr(GString) seen = g_string_new (NULL);

          for (guint i = 0; first != NULL && i < first->cells->len && seen->len < 120; i++)
            {
              if (i > 0)
                g_string_append (seen, " | ");
              g_string_append (seen, g_array_index (first->cells, RawCell, i).text);
            }
          g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NO_HEADER,
                       _("Line %u: no row names the columns (项目名称, 一级指标, 三级指标 …), and the rows are not "
                         "the %u columns of the 指标明细 layout. Copy the header row with the rows. The first row "
                         "reads: %s"),
                       first != NULL ? first->line : 1, width, seen->str);
          return NULL;
        }
      table->n_columns = width;
      table->columns = g_new0 (JxRowsColumn, width);
      detail_columns (document, table->columns);
      add_problem (problems, "rows-no-header", first->line, 0,
                   g_strdup (_("No row names the columns: the rows were read in the order of the 指标明细 layout.")));
    }

  for (guint i = first_data; i < records->len; i++)
    {
      const Record *record = records->pdata[i];
      guint filled = n_filled (record), shift = 0;
      JxRowsRow *row;

      if (filled == 0)
        continue;
      /* A row of a web page's table short of the header (see best_shift()). */
      if (table->layout == JX_ROWS_LAYOUT_PIPE && header != NULL && filled < header_width)
        {
          if (filled <= 2 && looks_like_amount (g_array_index (record->cells, RawCell, filled - 1).text))
            {
              add_problem (problems, "rows-skipped", record->line, g_array_index (record->cells, RawCell, 0).column,
                           g_strdup_printf (_("Row %u: “%s” with only an amount is a subtotal, not a project; it "
                                              "was not read."),
                                            record_number (table, records, i),
                                            g_array_index (record->cells, RawCell, 0).text));
              continue;
            }
          shift = best_shift (table, taxonomy, record, filled, header_width);
        }
      row = g_malloc0 (sizeof (JxRowsRow) + table->n_columns * sizeof (JxRowsCell));
      row->cells = (JxRowsCell *) (row + 1);
      row->record = record_number (table, records, i);
      row->line = record->line;
      for (guint c = 0; c < table->n_columns; c++)
        {
          row->cells[c].text = "";
          if (c >= shift && c - shift < record->cells->len && table->layout != JX_ROWS_LAYOUT_SPACES)
            place_cell (row, c, &g_array_index (record->cells, RawCell, c - shift));
        }
      /* Columns aligned by spaces: each cell under the nearest header. */
      for (guint c = 0; header != NULL && table->layout == JX_ROWS_LAYOUT_SPACES && c < record->cells->len; c++)
        {
          const RawCell *cell = &g_array_index (record->cells, RawCell, c);
          guint best = 0, best_distance = G_MAXUINT;

          for (guint h = 0; h < table->n_columns && h < header->cells->len; h++)
            {
              guint hx = g_array_index (header->cells, RawCell, h).x;
              guint distance = hx > cell->x ? hx - cell->x : cell->x - hx;

              if (distance < best_distance)
                {
                  best = h;
                  best_distance = distance;
                }
            }
          if (*row->cells[best].text == '\0')
            place_cell (row, best, cell);
        }
      if (record->cells->len > table->n_columns + shift)
        {
          for (guint c = table->n_columns + shift; c < record->cells->len; c++)
            {
              const RawCell *cell = &g_array_index (record->cells, RawCell, c);

              if (*cell->text != '\0')
                {
                  add_problem (problems, "rows-unknown-column", cell->line, cell->column,
                               g_strdup_printf (_("Row %u: “%s” stands right of the last column and was not "
                                                  "read."), row->record, cell->text));
                  break;
                }
            }
        }
      carry_down (table, row, above);
      g_ptr_array_add (table->rows, row);
      above = row;
    }
  return g_steal_pointer (&table);
}

void
jx_rows_table_free (JxRowsTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->strings, g_string_chunk_free);
  g_free (table->columns);
  g_free (table);
}

/* ------------------------------------------------------------------------
 * Rows → projects and indicators
 * ------------------------------------------------------------------------ */

typedef struct
{
  const JxRowsTable *table;
  JxDocument        *document;
  JxDocument        *fragment;
  JxTaxonomy        *taxonomy;
  GPtrArray         *problems;
  GError            *error;      /* a row that cannot be held: the build stops */
} Builder;

static const char *
cell_text (const Builder   *b,
           const JxRowsRow *row,
           JxRowsColumnKind kind)
{
  const JxRowsCell *cell = jx_rows_row_get (b->table, row, kind, 0);

  return cell != NULL ? cell->text : "";
}

static const char *
column_name (const Builder    *b,
             JxRowsColumnKind  kind,
             guint             source)
{
  int i = jx_rows_table_find (b->table, kind, source);
  const JxField *field;

  if (i >= 0 && *b->table->columns[i].header != '\0')
    return b->table->columns[i].header;
  if (kind == JX_ROWS_COLUMN_SOURCE)
    return jx_document_get_source (b->document, source)->official;
  field = kind == JX_ROWS_COLUMN_TOTAL ? jx_field_lookup (JX_FIELD_OWNER_PROJECT, "total")
        : kind == JX_ROWS_COLUMN_CATEGORY ? jx_field_lookup (JX_FIELD_OWNER_INDICATOR, "category")
        : jx_field_lookup (JX_FIELD_OWNER_INDICATOR, "subcategory");
  return field->official;
}

/* The amount of @cell (0 when empty); FALSE, reported, when it is none. */
static gboolean
read_money (Builder          *b,
            const JxRowsRow  *row,
            const JxRowsCell *cell,
            const char       *column,
            JxMoney          *out)
{
  g_autoptr(GError) error = NULL;
  guint at = 0;

  *out = 0;
  if (cell == NULL || cell->carried)
    return TRUE;
  if (jx_money_parse_at (cell->text, jx_document_get_decimals (b->document), JX_MONEY_PARSE_ALLOW_EMPTY,
                         out, &at, &error))
    return TRUE;
  add_problem (b->problems, "rows-amount", cell->line, cell->column + (at > 0 ? at - 1 : 0),
               g_strdup_printf (/* Translators: the last %s is the amount parser's reason, whose
                                  * column counts characters of the cell */
                                _("Row %u, %s: “%s” is not an amount (in the cell: %s); it was left at 0."),
                                row->record, column, cell->text, error->message));
  *out = 0;
  return FALSE;
}

static const char *
find_code_by_name (JxTaxonomy *taxonomy,
                   const char *name,
                   const char *category)
{
  const char * const *categories = jx_taxonomy_get_categories (taxonomy);

  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      const char * const *subs;

      if (category == NULL)
        {
          if (jx_taxonomy_name_matches (taxonomy, categories[i], name))
            return categories[i];
          continue;
        }
      if (*category != '\0' && !g_str_equal (category, categories[i]))
        continue;
      subs = jx_taxonomy_get_subcategories (taxonomy, categories[i]);
      for (guint j = 0; subs != NULL && subs[j] != NULL; j++)
        if (jx_taxonomy_name_matches (taxonomy, subs[j], name))
          return subs[j];
    }
  /* A sub-category named under another category is still found. */
  if (category != NULL && *category != '\0')
    return find_code_by_name (taxonomy, name, "");
  return NULL;
}

/* “1-产出指标”, “1” or “产出指标” as a code. What does not fit the scheme
 * is kept as written and reported. */
static char *
resolve_code (Builder          *b,
              const JxRowsRow  *row,
              const JxRowsCell *cell,
              const char       *category,
              const char       *column)
{
  const char *text = cell->text, *e = text + strlen (text), *p = text;
  gboolean is_sub = category != NULL;
  JxCode code;

  if (*text == '\0')
    return g_strdup ("");
  if (jx_text_read_code (&p, e, &code) && jx_text_skip_spaces (p, e) == e)
    {
      g_autofree char *digits = g_strndup (code.code_start, code.code_end - code.code_start);
      g_autofree char *label = g_strndup (code.label_start, code.label_end - code.label_start);

      if (b->taxonomy != NULL && !cell->carried && *label != '\0' &&
          !jx_text_label_matches (b->taxonomy, digits, code.label_start, code.label_end))
        {
          const char *expected = jx_taxonomy_get_name_for_code (b->taxonomy, digits, FALSE);

          add_problem (b->problems, "rows-code", cell->line, cell->column,
                       expected != NULL
                       ? g_strdup_printf (_("Row %u, %s: “%s” names %s, but %s is “%s” in the scheme; the code "
                                            "was kept."), row->record, column, text, label, digits, expected)
                       : g_strdup_printf (_("Row %u, %s: “%s” is a code the scheme does not have; it was kept."),
                                          row->record, column, text));
        }
      return g_steal_pointer (&digits);
    }
  p = text;
  while (p < e && g_ascii_isdigit (*p))
    p++;
  if (p == e)
    {
      if (b->taxonomy != NULL && !cell->carried &&
          !(is_sub ? jx_taxonomy_has_subcategory (b->taxonomy, text) : jx_taxonomy_has_category (b->taxonomy, text)))
        add_problem (b->problems, "rows-code", cell->line, cell->column,
                     g_strdup_printf (_("Row %u, %s: “%s” is a code the scheme does not have; it was kept."),
                                      row->record, column, text));
      return g_strdup (text);
    }
  if (b->taxonomy != NULL)
    {
      const char *found = find_code_by_name (b->taxonomy, text, category);

      if (found != NULL)
        return g_strdup (found);
    }
  if (!cell->carried)
    add_problem (b->problems, "rows-code", cell->line, cell->column,
                 g_strdup_printf (_("Row %u, %s: “%s” is no category of the scheme; it was kept as written."),
                                  row->record, column, text));
  return g_strdup (text);
}

/* The last unit of @fragment if it has @name, else a new one. */
static JxFundingUnit *
fragment_unit (JxDocument *fragment,
               const char *name)
{
  GListModel *units = jx_document_get_units (fragment);
  guint n = g_list_model_get_n_items (units);
  JxFundingUnit *unit;

  if (n > 0)
    {
      g_autoptr(JxFundingUnit) last = g_list_model_get_item (units, n - 1);

      if (g_str_equal (jx_funding_unit_get_name (last), name))
        return last;
    }
  unit = jx_funding_unit_new (name);
  jx_node_append_child (JX_NODE (fragment), JX_NODE (unit));
  g_object_unref (unit);
  return unit;
}

/* Amounts whose total no figure can hold (digits run together): the
 * rows are refused, nothing is invented or wrapped. */
static JxProject *
too_large (Builder         *b,
           const JxRowsRow *row)
{
  if (b->error == NULL)
    g_set_error (&b->error, JX_ROWS_ERROR, JX_ROWS_ERROR_TOO_LARGE,
                 _("Row %u: its amounts make a total too large to hold; check the number of digits."),
                 row->record);
  return NULL;
}

static JxProject *
new_project (Builder         *b,
             const JxRowsRow *row,
             const char      *name)
{
  guint n_sources = jx_document_get_n_sources (b->document);
  g_autoptr(JxProject) project = jx_project_new (name);
  const JxRowsCell *total_cell = jx_rows_row_get (b->table, row, JX_ROWS_COLUMN_TOTAL, 0);
  const char *goal = cell_text (b, row, JX_ROWS_COLUMN_GOAL);
  JxMoney sum = 0, total = 0;
  gboolean any_source = FALSE, sum_ok = TRUE, all_read = TRUE;
  JxFundingUnit *unit = fragment_unit (b->fragment, cell_text (b, row, JX_ROWS_COLUMN_UNIT));

  jx_node_set_line (JX_NODE (project), row->line);
  for (guint i = 0; i < n_sources; i++)
    {
      const JxRowsCell *cell = jx_rows_row_get (b->table, row, JX_ROWS_COLUMN_SOURCE, i);
      JxMoney amount;

      if (cell == NULL)
        continue;
      any_source = TRUE;
      all_read &= read_money (b, row, cell, column_name (b, JX_ROWS_COLUMN_SOURCE, i), &amount);
      if (!jx_project_check_source (project, i, amount, NULL))
        return too_large (b, row);
      jx_project_set_source (project, i, amount);
      sum_ok = sum_ok && jx_money_add (sum, amount, &sum);
    }
  if (total_cell != NULL && *total_cell->text != '\0' &&
      read_money (b, row, total_cell, column_name (b, JX_ROWS_COLUMN_TOTAL, 0), &total))
    {
      g_autofree char *typed = jx_document_format_amount (b->document, total);

      if (!any_source && n_sources > 0)
        {
          jx_project_set_source (project, 0, total);
          add_problem (b->problems, "rows-total-only", total_cell->line, total_cell->column,
                       g_strdup_printf (_("Row %u: only the total %s is given, without its funding sources; it "
                                          "was put in %s. Check the split."),
                                        row->record, typed, jx_document_get_source (b->document, 0)->official));
        }
      else if (all_read && (!sum_ok || sum != total))
        {
          g_autofree char *summed = sum_ok ? jx_document_format_amount (b->document, sum) : g_strdup ("—");

          add_problem (b->problems, "rows-total", total_cell->line, total_cell->column,
                       g_strdup_printf (_("Row %u, %s: %s is not the sum of the funding sources (%s); the "
                                          "sources were kept."),
                                        row->record, column_name (b, JX_ROWS_COLUMN_TOTAL, 0), typed, summed));
        }
    }
  if (g_str_equal (goal, JX_PROJECT_CONFIDENTIAL_TEXT))
    jx_project_set_confidential (project, TRUE);
  else
    jx_project_set_goal (project, goal);
  if (is_held (b->document, JX_ROWS_COLUMN_LONG_TERM))
    jx_project_set_cycle_goal (project, cell_text (b, row, JX_ROWS_COLUMN_LONG_TERM));
  /* The unit's and the whole table's totals must hold it too. */
  {
    JxMoney unit_sum, table_sum;

    if (!jx_money_add (jx_funding_unit_get_total (unit), jx_project_get_total (project), &unit_sum) ||
        !jx_money_add (jx_document_get_total (b->fragment), jx_project_get_total (project), &table_sum))
      return too_large (b, row);
  }
  jx_node_append_child (JX_NODE (unit), JX_NODE (project));
  return project;
}

/* A project's later rows repeat its amounts (the 指标明细 shape): one that
 * says otherwise is reported, the first row's kept. */
static void
check_repeated_amounts (Builder         *b,
                        const JxRowsRow *row,
                        JxProject       *project)
{
  for (guint i = 0; i < jx_document_get_n_sources (b->document); i++)
    {
      const JxRowsCell *cell = jx_rows_row_get (b->table, row, JX_ROWS_COLUMN_SOURCE, i);
      JxMoney amount;

      if (cell != NULL && *cell->text != '\0' && !cell->carried &&
          jx_money_parse_at (cell->text, jx_document_get_decimals (b->document), JX_MONEY_PARSE_DEFAULT,
                             &amount, NULL, NULL) &&
          amount != jx_project_get_source (project, i))
        {
          g_autofree char *kept = jx_document_format_amount (b->document, jx_project_get_source (project, i));

          add_problem (b->problems, "rows-amount", cell->line, cell->column,
                       g_strdup_printf (_("Row %u, %s: “%s” differs from the project's first row (%s); the "
                                          "first was kept."),
                                        row->record, column_name (b, JX_ROWS_COLUMN_SOURCE, i), cell->text, kept));
        }
    }
}

static gboolean
has_indicator (const Builder   *b,
               const JxRowsRow *row)
{
  static const JxRowsColumnKind kinds[] = {
    JX_ROWS_COLUMN_CATEGORY, JX_ROWS_COLUMN_SUBCATEGORY, JX_ROWS_COLUMN_INDICATOR,
    JX_ROWS_COLUMN_CYCLE_VALUE, JX_ROWS_COLUMN_ANNUAL_VALUE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (cell_filled (b->table, row, kinds[i]))
      return TRUE;
  return FALSE;
}

static void
add_indicator (Builder         *b,
               const JxRowsRow *row,
               JxProject       *project)
{
  static const JxRowsCell empty = { "", 0, 0, FALSE };
  const JxRowsCell *cat_cell = jx_rows_row_get (b->table, row, JX_ROWS_COLUMN_CATEGORY, 0);
  const JxRowsCell *sub_cell = jx_rows_row_get (b->table, row, JX_ROWS_COLUMN_SUBCATEGORY, 0);
  g_autofree char *category = resolve_code (b, row, cat_cell ? cat_cell : &empty, NULL,
                                            column_name (b, JX_ROWS_COLUMN_CATEGORY, 0));
  g_autofree char *subcategory = resolve_code (b, row, sub_cell ? sub_cell : &empty, category,
                                               column_name (b, JX_ROWS_COLUMN_SUBCATEGORY, 0));
  g_autoptr(JxIndicator) indicator = NULL;

  if (b->taxonomy != NULL && *category == '\0' && jx_taxonomy_has_subcategory (b->taxonomy, subcategory))
    {
      g_free (category);
      category = g_strdup (jx_taxonomy_get_parent (b->taxonomy, subcategory));
    }
  else if (b->taxonomy != NULL && jx_taxonomy_has_category (b->taxonomy, category) &&
           jx_taxonomy_has_subcategory (b->taxonomy, subcategory) &&
           !jx_taxonomy_is_valid_pair (b->taxonomy, category, subcategory) && sub_cell != NULL)
    add_problem (b->problems, "rows-code", sub_cell->line, sub_cell->column,
                 g_strdup_printf (_("Row %u: %s is not a sub-category of %s in the scheme; both were kept."),
                                  row->record, subcategory, category));

  indicator = jx_indicator_new (category, subcategory, cell_text (b, row, JX_ROWS_COLUMN_INDICATOR));
  jx_indicator_set_cycle_value (indicator, cell_text (b, row, JX_ROWS_COLUMN_CYCLE_VALUE));
  jx_indicator_set_annual_value (indicator, cell_text (b, row, JX_ROWS_COLUMN_ANNUAL_VALUE));
  for (JxRowsColumnKind kind = JX_ROWS_COLUMN_COMPARATOR; kind <= JX_ROWS_COLUMN_EXPLANATION; kind++)
    if (is_held (b->document, kind))
      jx_indicator_set_field (indicator, column_field (kind), cell_text (b, row, kind));
  jx_node_set_line (JX_NODE (indicator), row->line);
  jx_node_append_child (JX_NODE (project), JX_NODE (indicator));
}

static gboolean
is_total_row (const char *name)
{
  g_autofree char *n = jx_text_normalize_label (name);

  return g_str_equal (n, "合计") || g_str_equal (n, "总计") || g_str_equal (n, "小计");
}

JxDocument *
jx_rows_build (const JxRowsTable *table,
               JxDocument        *document,
               JxRowsContent     *content,
               GPtrArray         *problems,
               GError           **error)
{
  g_autoptr(JxDocument) fragment = jx_document_new ();
  Builder b = { table, document, fragment, NULL, problems, NULL };
  gboolean by_project = FALSE;
  JxProject *project = NULL;
  const char *project_unit = NULL;
  guint n_rows = 0;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  b.taxonomy = jx_taxonomy_get_builtin (jx_document_get_taxonomy (document), NULL);
  jx_document_set_template (fragment, jx_document_get_template (document));
  jx_document_set_decimals (fragment, jx_document_get_decimals (document));
  jx_document_set_taxonomy (fragment, jx_document_get_taxonomy (document));
  jx_document_set_unit (fragment, jx_document_get_unit (document));
  jx_document_set_year (fragment, jx_document_get_year (document));

  if (table->amount_unit != NULL && !g_str_equal (table->amount_unit, jx_document_get_unit (document)))
    add_problem (problems, "rows-unit", table->amount_unit_line, 0,
                 g_strdup_printf (_("The table's amounts are in %s, this document's in %s: they were read as "
                                    "written, not converted. Check them."),
                                  table->amount_unit, jx_document_get_unit (document)));
  if (jx_rows_table_find (table, JX_ROWS_COLUMN_PROJECT, 0) >= 0)
    for (guint i = 0; i < table->rows->len && !by_project; i++)
      by_project = *cell_text (&b, table->rows->pdata[i], JX_ROWS_COLUMN_PROJECT) != '\0';

  for (guint i = 0; i < table->rows->len; i++)
    {
      const JxRowsRow *row = table->rows->pdata[i];
      const char *unit = cell_text (&b, row, JX_ROWS_COLUMN_UNIT);
      const char *name = cell_text (&b, row, JX_ROWS_COLUMN_PROJECT);

      if (is_total_row (*name != '\0' ? name : unit) ||
          (!by_project && is_total_row (cell_text (&b, row, JX_ROWS_COLUMN_INDICATOR))))
        {
          add_problem (problems, "rows-skipped", row->line, 0,
                       g_strdup_printf (_("Row %u is a total (合计/小计), not a project; it was not read."),
                                        row->record));
          continue;
        }
      if (by_project)
        {
          const JxRowsCell *cell = jx_rows_row_get (table, row, JX_ROWS_COLUMN_PROJECT, 0);

          if (*name != '\0' && !cell->carried &&
              (project == NULL || !g_str_equal (name, jx_project_get_name (project)) ||
               !g_str_equal (unit, project_unit)))
            {
              project = new_project (&b, row, name);
              if (project == NULL)
                break;
              project_unit = unit;
              n_rows++;
            }
          else if (*name == '\0' || (project == NULL && !has_indicator (&b, row)))
            {
              g_autoptr(GString) seen = g_string_new (NULL);

              for (guint c = 0; c < table->n_columns && seen->len < 80; c++)
                if (*row->cells[c].text != '\0' && !row->cells[c].carried)
                  {
                    if (seen->len > 0)
                      g_string_append (seen, " | ");
                    g_string_append (seen, row->cells[c].text);
                  }
              add_problem (problems, "rows-skipped", row->line, 0,
                           g_strdup_printf (_("Row %u names no project and was not read: %s"),
                                            row->record, seen->str));
              continue;
            }
          else if (!cell->carried)
            check_repeated_amounts (&b, row, project);
        }
      else if (has_indicator (&b, row) && project == NULL)
        {
          project = new_project (&b, row, "");
          if (project == NULL)
            break;
        }
      if (has_indicator (&b, row) && project != NULL && !jx_project_get_confidential (project))
        {
          add_indicator (&b, row, project);
          n_rows++;
        }
    }

  if (b.error != NULL)
    {
      g_propagate_error (error, b.error);
      return NULL;
    }
  if (n_rows == 0)
    {
      g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NO_ROWS,
                   _("The table has a header row but no project or indicator under it: the rows need a "
                     "项目名称 or a 三级指标."));
      return NULL;
    }
  jx_node_assign_ids (JX_NODE (fragment), fragment);
  if (content != NULL)
    *content = by_project ? JX_ROWS_CONTENT_PROJECTS : JX_ROWS_CONTENT_INDICATORS;
  return g_steal_pointer (&fragment);
}

JxDocument *
jx_rows_parse (const char     *text,
               gsize           len,
               JxDocument     *document,
               JxRowsContent  *content,
               GPtrArray      *problems,
               GError        **error)
{
  g_autoptr(JxRowsTable) table = jx_rows_read (text, len, document, problems, error);

  return table != NULL ? jx_rows_build (table, document, content, problems, error) : NULL;
}

/* ------------------------------------------------------------------------
 * Copy
 * ------------------------------------------------------------------------ */

static void
append_tsv_cell (GString    *out,
                 const char *text,
                 gboolean    first)
{
  if (!first)
    g_string_append_c (out, '\t');
  if (strpbrk (text, "\t\r\n\"") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
tsv_row (const JxDetailRow *row,
         gpointer           data,
         GError           **error)
{
  GString *out = data;

  for (guint i = 0; i < row->n_cells; i++)
    append_tsv_cell (out, row->cells[i], i == 0);
  g_string_append (out, "\r\n");
  return TRUE;
}

char *
jx_rows_copy_tsv (JxDocument     *document,
                  JxNode * const *nodes,
                  guint           n_nodes)
{
  GString *out;
  g_auto(GStrv) header = NULL;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  out = g_string_new (NULL);
  header = jx_detail_header (document, JX_DETAIL_DEFAULT);
  for (guint i = 0; header[i] != NULL; i++)
    append_tsv_cell (out, header[i], i == 0);
  g_string_append (out, "\r\n");
  jx_detail_foreach (document, JX_DETAIL_DEFAULT, nodes, n_nodes, tsv_row, out, NULL, NULL, NULL, NULL);
  return g_string_free (out, FALSE);
}

typedef struct
{
  JxDocument *fragment;
  JxProject  *last_source;   /* the project of the indicators copied so far */
  JxProject  *holder;        /* their copy's project */
  gboolean    indicators;
} NodesWriter;

static gboolean
nodes_project (JxProject   *project,
               JxIndicator *indicator,
               gpointer     data,
               GError     **error)
{
  NodesWriter *w = data;
  JxFundingUnit *unit = jx_project_get_unit (project);
  JxFundingUnit *copy_unit = fragment_unit (w->fragment, w->indicators ? "" : jx_funding_unit_get_name (unit));
  g_autoptr(JxNode) copy = NULL;

  if (w->indicators)
    {
      if (w->holder == NULL)
        {
          w->holder = jx_project_new (jx_project_get_name (project));
          jx_node_append_child (JX_NODE (copy_unit), JX_NODE (w->holder));
          g_object_unref (w->holder);
        }
      copy = jx_node_copy (JX_NODE (indicator));
      jx_node_append_child (JX_NODE (w->holder), copy);
      return TRUE;
    }
  copy = jx_node_copy (JX_NODE (project));
  jx_node_append_child (JX_NODE (copy_unit), copy);
  return TRUE;
}

GBytes *
jx_rows_copy_nodes (JxDocument     *document,
                    JxNode * const *nodes,
                    guint           n_nodes,
                    GError        **error)
{
  g_autoptr(JxDocument) fragment = jx_document_new ();
  NodesWriter w = { fragment, NULL, NULL, n_nodes > 0 };

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  for (guint i = 0; i < n_nodes; i++)
    w.indicators &= JX_IS_INDICATOR (nodes[i]);
  jx_document_set_template (fragment, jx_document_get_template (document));
  jx_document_set_decimals (fragment, jx_document_get_decimals (document));
  jx_document_set_taxonomy (fragment, jx_document_get_taxonomy (document));
  jx_document_set_unit (fragment, jx_document_get_unit (document));
  jx_document_set_year (fragment, jx_document_get_year (document));
  jx_document_set_title (fragment, w.indicators ? NODES_INDICATORS : NODES_PROJECTS);
  jx_detail_foreach_project (nodes, n_nodes, nodes_project, &w, NULL);
  jx_node_assign_ids (JX_NODE (fragment), fragment);
  return jx_xml_write (fragment, error);
}

JxDocument *
jx_rows_read_nodes (GBytes         *bytes,
                    JxRowsContent  *content,
                    GError        **error)
{
  g_autoptr(GError) local = NULL;
  JxDocument *fragment = jx_xml_load_bytes (bytes, NULL, NULL, &local);

  if (fragment == NULL)
    {
      g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NODES,
                   _("The copied rows could not be read: %s"), local->message);
      return NULL;
    }
  /* A newer Jixiao's rows may hold what this one cannot keep: pasted, it
   * would be dropped without a word (a document of a newer format opens
   * read-only for the same reason). */
  if (jx_document_is_read_only (fragment))
    {
      g_set_error_literal (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NODES,
                           _("The copied rows come from a newer version of Jixiao and may hold what this "
                             "one cannot keep. Paste them in that version, or update Jixiao."));
      g_object_unref (fragment);
      return NULL;
    }
  if (content != NULL)
    *content = g_str_equal (jx_document_get_title (fragment), NODES_INDICATORS)
               ? JX_ROWS_CONTENT_INDICATORS : JX_ROWS_CONTENT_PROJECTS;
  return fragment;
}

/* ------------------------------------------------------------------------
 * Paste
 * ------------------------------------------------------------------------ */

typedef struct
{
  JxDocument *document;
  JxNode     *first;
  guint       n_projects, n_indicators;
  JxTemplate *from;   /* the fragment's template, when not the document's */
  guint       from_decimals, to_decimals;   /* the fragment's and the document's precision */
  int         scale;  /* the units: 万元 → 元 1 (× 10000), 元 → 万元 -1 (÷ 10000), else 0 */
} Paste;

/* @amount of the fragment (its unit and decimals) in the document's unit
 * and decimals; FALSE when it has no exact value there or is out of range.
 * Multiplies before it divides, so 1.2345 万元 is 12,345.00 元. */
static gboolean
convert_amount (const Paste *paste,
                JxMoney      amount,
                JxMoney     *out)
{
  int exponent = (int) paste->to_decimals - (int) paste->from_decimals + 4 * paste->scale;
  JxMoney power = 1;

  for (int i = 0; i < ABS (exponent); i++)
    power *= 10;
  if (exponent >= 0)
    return !__builtin_mul_overflow (amount, power, out);
  if (amount % power != 0)
    return FALSE;
  *out = amount / power;
  return TRUE;
}

/* @project's amounts in the document's unit and decimals (never rounded:
 * FALSE, nothing changed, when one has no exact value there). */
static gboolean
rescale_sources (JxProject   *project,
                 const Paste *paste,
                 gboolean     apply)
{
  JxMoney amounts[JX_MAX_SOURCES] = { 0, };

  if (paste->from_decimals == paste->to_decimals && paste->scale == 0)
    return TRUE;
  for (guint k = 0; k < JX_MAX_SOURCES; k++)
    if (!convert_amount (paste, jx_project_get_source (project, k), &amounts[k]))
      return FALSE;
  for (guint k = 0; apply && k < JX_MAX_SOURCES; k++)
    jx_project_set_source (project, k, amounts[k]);
  return TRUE;
}

/* Pasting projects of a table in another unit: amounts 万元 → 元 are
 * multiplied, 元 → 万元 divided, by 10000 — never pasted as written, which
 * would change what every figure means. Sets @paste->scale; FALSE with a
 * message naming the first amount that has no exact value in the
 * document's unit and decimals (10,464.80 元 in 万元 to two decimals),
 * or when the fragment's unit is neither. */
static gboolean
check_units (Paste       *paste,
             JxDocument  *fragment,
             GError     **error)
{
  const char *from = jx_document_get_unit (fragment);
  const char *to = jx_document_get_unit (paste->document);
  JxTemplate *template = jx_document_get_template (fragment);
  GListModel *units = jx_document_get_units (fragment);

  paste->scale = 0;
  if (g_str_equal (from, to))
    return TRUE;
  if (g_str_equal (from, "万元") && g_str_equal (to, "元"))
    paste->scale = 1;
  else if (g_str_equal (from, "元") && g_str_equal (to, "万元"))
    paste->scale = -1;

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          for (guint k = 0; k < jx_template_get_n_sources (template); k++)
            {
              JxMoney amount = jx_project_get_source (project, k), converted;
              g_autofree char *text = NULL;

              if (amount == 0 || (paste->scale != 0 && convert_amount (paste, amount, &converted)))
                continue;
              text = jx_money_format (amount);
              if (paste->scale == 0)
                g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TARGET,
                             _("These rows were not pasted: their amounts are in %s and this table’s in %s, "
                               "which Jixiao cannot convert. Paste them into a table in %s."),
                             from, to, from);
              else
                /* TRANSLATORS: the first %s is a field label (财政拨款), the second a project name,
                 * the third an amount, the last two units (元, 万元). */
                g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TOO_LARGE,
                             _("These rows were not pasted: their amounts are in %s and this table’s in %s, "
                               "and %s of “%s”, %s %s, has no exact value in %s. Paste them into a table "
                               "in %s, or correct the amount first."),
                             from, to, jx_field_get_label (jx_template_get_source (template, k)),
                             jx_project_get_name (project), text, from, to, from);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The first funding source of @from, with an amount in @fragment, that
 * @to does not have; NULL when none would be lost. */
static const JxField *
lost_source (JxDocument *fragment,
             JxTemplate *to)
{
  JxTemplate *from = jx_document_get_template (fragment);
  GListModel *units = jx_document_get_units (fragment);

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          for (guint k = 0; k < jx_template_get_n_sources (from); k++)
            if (jx_project_get_source (project, k) != 0 &&
                jx_template_find_source (to, jx_template_get_source (from, k)->id) < 0)
              return jx_template_get_source (from, k);
        }
    }
  return NULL;
}

static void
paste_node (Paste  *paste,
            JxNode *parent,
            guint   position,
            JxNode *node)
{
  g_autoptr(JxNode) copy = jx_node_copy (node);

  if (paste->from != NULL && JX_IS_PROJECT (copy))
    /* By source id; jx_rows_paste() has checked that none is lost. */
    jx_project_remap_sources (JX_PROJECT (copy), paste->from, jx_document_get_template (paste->document));
  if (JX_IS_PROJECT (copy))
    rescale_sources (JX_PROJECT (copy), paste, TRUE);
  jx_edit_insert (paste->document, parent, position, copy, _("Paste Rows"));
  if (paste->first == NULL)
    paste->first = copy;
  if (JX_IS_PROJECT (copy))
    {
      paste->n_projects++;
      paste->n_indicators += g_list_model_get_n_items (jx_project_get_indicators (JX_PROJECT (copy)));
    }
  else
    paste->n_indicators++;
}

static guint
count_projects (JxDocument  *fragment,
                JxProject  **only)
{
  GListModel *units = jx_document_get_units (fragment);
  guint n = 0;

  *only = NULL;
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      n += g_list_model_get_n_items (projects);
      if (g_list_model_get_n_items (projects) > 0 && *only == NULL)
        {
          g_autoptr(JxProject) first = g_list_model_get_item (projects, 0);
          *only = first;
        }
    }
  if (n != 1)
    *only = NULL;
  return n;
}

static JxFundingUnit *
document_unit (Paste      *paste,
               const char *name)
{
  GListModel *units = jx_document_get_units (paste->document);
  guint n = g_list_model_get_n_items (units);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, i);

      if (*name == '\0' || g_str_equal (jx_funding_unit_get_name (unit), name))
        return unit;
    }
  return jx_edit_add_unit (paste->document, n, *name != '\0' ? name : _("Funding unit"));
}

static gboolean
project_fits_precision (JxProject   *project,
                        JxIndicator *indicator,
                        gpointer     data,
                        GError     **error)
{
  return rescale_sources (project, data, FALSE);
}

/* Whether every amount of @fragment can be kept in the document's unit
 * and decimals (@paste). */
static gboolean
fits_precision (JxDocument  *fragment,
                const Paste *paste)
{
  JxNode *root = JX_NODE (fragment);

  return jx_detail_foreach_project (&root, 1, project_fits_precision, (gpointer) paste, NULL);
}

/* Whether the 合计 of @document stays in range with @fragment's amounts
 * (in the document's unit and decimals, @paste). */
static gboolean
fits (JxDocument  *document,
      JxDocument  *fragment,
      const Paste *paste)
{
  GListModel *units = jx_document_get_units (fragment);
  JxMoney total = jx_document_get_total (document);

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          JxMoney amount;

          /* The total, not source by source: the fragment may be of
           * another template, or kept to other decimals. */
          if (!convert_amount (paste, jx_project_get_total (project), &amount) ||
              !jx_money_add (total, amount, &total))
            return FALSE;
        }
    }
  return TRUE;
}

JxNode *
jx_rows_paste (JxDocument     *document,
               JxNode         *at,
               JxDocument     *fragment,
               JxRowsContent   content,
               guint          *n_projects,
               guint          *n_indicators,
               GError        **error)
{
  JxHistory *history;
  GListModel *units;
  JxProject *target = NULL, *only = NULL;
  JxFundingUnit *into = NULL;
  guint position = G_MAXUINT, n;
  Paste paste = { document, NULL, 0, 0, NULL, 0, 0, 0 };
  const JxField *lost;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (JX_IS_DOCUMENT (fragment), NULL);
  if (at == NULL)
    at = JX_NODE (document);
  g_return_val_if_fail (jx_node_get_document (at) == document, NULL);

  if (JX_IS_PROJECT (at))
    target = JX_PROJECT (at);
  else if (JX_IS_INDICATOR (at))
    target = jx_indicator_get_project (JX_INDICATOR (at));

  n = count_projects (fragment, &only);
  if (n == 0)
    {
      g_set_error_literal (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NO_ROWS, _("There is nothing to paste."));
      return NULL;
    }
  /* One project named like the target, or unnamed: its indicators. */
  if (content == JX_ROWS_CONTENT_PROJECTS && target != NULL && only != NULL &&
      (*jx_project_get_name (only) == '\0' || g_str_equal (jx_project_get_name (only), jx_project_get_name (target))))
    content = JX_ROWS_CONTENT_INDICATORS;

  if (content == JX_ROWS_CONTENT_INDICATORS && target == NULL)
    {
      g_set_error_literal (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TARGET,
                           _("These rows are indicators: select the project they belong to, then paste."));
      return NULL;
    }

  if (jx_document_get_template (fragment) != jx_document_get_template (document))
    {
      paste.from = jx_document_get_template (fragment);
      if (content == JX_ROWS_CONTENT_PROJECTS &&
          (lost = lost_source (fragment, jx_document_get_template (document))) != NULL)
        {
          g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TARGET,
                       _("These rows were not pasted: they have amounts of %s, a funding source this "
                         "table (%s) does not have. Paste them into a table of their kind, or move "
                         "those amounts to another source first."),
                       jx_field_get_label (lost), jx_template_get_label (jx_document_get_template (document)));
          return NULL;
        }
    }

  paste.from_decimals = jx_document_get_decimals (fragment);
  paste.to_decimals = jx_document_get_decimals (document);
  if (content == JX_ROWS_CONTENT_PROJECTS && !check_units (&paste, fragment, error))
    return NULL;
  if (content == JX_ROWS_CONTENT_PROJECTS && !fits_precision (fragment, &paste))
    {
      g_set_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TARGET,
                   _("These rows were not pasted: their amounts are kept to %u decimals and this table "
                     "keeps %u; they would be rounded. Paste them into a table kept to %u decimals."),
                   paste.from_decimals, paste.to_decimals, paste.from_decimals);
      return NULL;
    }
  if (content == JX_ROWS_CONTENT_PROJECTS && !fits (document, fragment, &paste))
    {
      g_set_error_literal (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TOO_LARGE,
                           _("These rows were not pasted: with their amounts the 合计 would be larger than "
                             "Jixiao can hold. Check the amounts."));
      return NULL;
    }

  history = jx_document_get_history (document);
  jx_history_begin_group (history, _("Paste Rows"));
  units = jx_document_get_units (fragment);
  if (content == JX_ROWS_CONTENT_INDICATORS)
    {
      if (JX_IS_INDICATOR (at) && jx_node_get_position (at, &position))
        position++;
      else
        position = g_list_model_get_n_items (jx_project_get_indicators (target));
    }
  else if (target != NULL)
    {
      into = jx_project_get_unit (target);
      if (jx_node_get_position (JX_NODE (target), &position))
        position++;
    }
  else if (JX_IS_FUNDING_UNIT (at))
    into = JX_FUNDING_UNIT (at);

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);
      JxFundingUnit *dest = into;

      if (content == JX_ROWS_CONTENT_PROJECTS && dest == NULL && g_list_model_get_n_items (projects) > 0)
        dest = document_unit (&paste, jx_funding_unit_get_name (unit));
      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          if (content == JX_ROWS_CONTENT_PROJECTS)
            {
              guint at_position = position != G_MAXUINT && dest == into
                                  ? position++ : g_list_model_get_n_items (jx_funding_unit_get_projects (dest));

              paste_node (&paste, JX_NODE (dest), at_position, JX_NODE (project));
              continue;
            }
          {
            GListModel *indicators = jx_project_get_indicators (project);

            for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
              {
                g_autoptr(JxNode) indicator = g_list_model_get_item (indicators, i);
                paste_node (&paste, JX_NODE (target), position++, indicator);
              }
          }
        }
    }
  jx_history_end_group (history);

  if (n_projects != NULL)
    *n_projects = paste.n_projects;
  if (n_indicators != NULL)
    *n_indicators = paste.n_indicators;
  if (paste.first == NULL)
    {
      g_set_error_literal (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NO_ROWS, _("There is nothing to paste."));
      return NULL;
    }
  return paste.first;
}

char *
jx_rows_describe (guint      n_projects,
                  guint      n_indicators,
                  GPtrArray *problems,
                  guint      max_problems)
{
  GString *s = g_string_new (NULL);
  g_autofree char *projects = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects",
                                                            n_projects), n_projects);
  g_autofree char *indicators = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u indicator", "%u indicators",
                                                              n_indicators), n_indicators);
  guint n = problems != NULL ? problems->len : 0;

  if (n_projects > 0)
    /* Translators: "Added 2 projects and 7 indicators." */
    g_string_append_printf (s, _("Added %s and %s."), projects, indicators);
  else
    g_string_append_printf (s, _("Added %s."), indicators);
  for (guint i = 0; i < n && i < max_problems; i++)
    {
      const JxProblem *problem = problems->pdata[i];

      g_string_append_c (s, '\n');
      g_string_append (s, problem->message);
    }
  if (n > max_problems)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "… and %u more finding.",
                                              "… and %u more findings.", n - max_problems),
                              n - max_problems);
    }
  return g_string_free (s, FALSE);
}
