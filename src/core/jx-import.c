/* jx-import.c: published tables (text pulled out of a PDF) → documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three passes over the text, each linear:
 *
 *  1. lines → rows: the title, 部门名称 and 单位 lines before the table;
 *     page headers skipped; the 合计 row; data rows split at tabs into the
 *     seven columns; rows and lines that continue the row before them (a
 *     cell cut at a page break) joined to it; anything else kept as text
 *     that could not be placed.
 *  2. rows → funding units and projects: a data row without goal and
 *     indicators is a funding unit when it is named like the department or
 *     when its total is exactly that of the rows up to the next such row.
 *  3. each project: amounts (recovered from the 总计 when one is misread),
 *     name and goal (rejoined where the PDF wrapped them), indicators (split
 *     on item numbers, fields found by their labels rather than by their
 *     separators), the 涉密 flag.
 *
 * Every repair and everything that could not be placed becomes a finding:
 * a warning for the caller and, when text would otherwise be lost, an open
 * annotation quoting it. Findings are sorted by line at the end, so that
 * annotation ids follow the text.
 */
#define G_LOG_DOMAIN "jx-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-import.h"
#include "jx-import-private.h"
#include "jx-rows.h"
#include "jx-history.h"
#include "jx-limits.h"
#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-taxonomy.h"
#include "jx-text-private.h"

G_DEFINE_QUARK (jx-import-error-quark, jx_import_error)

/* Characters of imported text that go into one field: what a document can
 * hold (jx-limits.h), less room for what a comment adds around a quote. */
#define MAX_FIELD_CHARS (JX_TEXT_MAX_CHARS - 1000)
/* Past this many, warnings are counted but not listed. */
#define MAX_WARNINGS 10000
/* A title is a line, not a page. */
#define MAX_TITLE_CHARS 300
/* Header cells are short; longer cells are not searched for header words. */
#define MAX_HEADER_CELL_BYTES 160

#define LABEL_CYCLE  "实施周期指标值"
#define LABEL_ANNUAL "年度指标值"
#define ITEM_MARK    "、"   /* U+3001, after an item number */
#define FULL_STOP    "。"   /* U+3002 */

static const JxRule rules[] = {
  { "import-encoding", JX_SEVERITY_WARNING,
    N_("The text is not UTF-8 and was read as GB18030"),
    N_("Text saved on Chinese Windows is often GB18030; if it was something else, the Chinese reads wrong.") },
  { "import-truncated-input", JX_SEVERITY_WARNING,
    N_("The text ends in the middle of a character"),
    N_("The input was probably cut off; the end of the table may be missing.") },
  { "import-control-character", JX_SEVERITY_WARNING,
    N_("Control characters were replaced by “�”"),
    N_("They are not text and a document cannot hold them.") },
  { "import-header-garbled", JX_SEVERITY_WARNING,
    N_("A page header holds other text; it was skipped with the header"),
    N_("OCR often merges the lines above a page's header into it; check that nothing of the table was there.") },
  { "import-unplaced-text", JX_SEVERITY_WARNING,
    N_("Text that fits no column was kept as a comment"),
    N_("Nothing is dropped: the text is quoted in an open comment where it was found.") },
  { "import-cell-joined", JX_SEVERITY_WARNING,
    N_("A row continued after a page or line break and was joined"),
    N_("Cells cut at a page break are put back together; check the place of the join.") },
  { "import-cut-cell", JX_SEVERITY_WARNING,
    N_("A cell ends with an incomplete fragment"),
    N_("The rest was probably lost at a page break; the fragment is kept as a comment.") },
  { "import-duplicate-fragment", JX_SEVERITY_WARNING,
    N_("An indicator repeats a value; the first was kept, the repeats as a comment"),
    N_("OCR often repeats fragments such as 年度指标值; an indicator has one value of each kind.") },
  { "import-amount-recovered", JX_SEVERITY_WARNING,
    N_("A misread amount was recovered from the 总计 and the columns that agree"),
    N_("The recovered figure is proven by the printed total; check it against the published table.") },
  { "import-amount-unreadable", JX_SEVERITY_WARNING,
    N_("An amount could not be read nor recovered"),
    N_("It was set to 0 and the printed text is kept as a comment; enter the amount by hand.") },
  { "import-total-mismatch", JX_SEVERITY_WARNING,
    N_("A printed total differs from the sum of what it totals"),
    N_("Totals are derived from the funding columns; a difference means a misread or a wrong published figure.") },
  { "import-category-name", JX_SEVERITY_WARNING,
    N_("A printed category name does not match its code"),
    N_("The code is authoritative and was kept; the printed name is kept as a comment.") },
  { "import-missing-name", JX_SEVERITY_WARNING,
    N_("A project row has no name"),
    N_("A project needs a name; fill it in from the published table.") },
  { "import-default-unit", JX_SEVERITY_WARNING,
    N_("Projects without a funding-unit row were put in a funding unit named after the department"),
    N_("Every project belongs to a funding unit (资金使用单位).") },
  { "import-no-year", JX_SEVERITY_WARNING,
    N_("The title names no year"),
    N_("The year is read from the title (“2024年”); set it by hand.") },
  { "import-text-too-long", JX_SEVERITY_WARNING,
    N_("A text longer than any table cell was shortened"),
    N_("A text of hundreds of thousands of characters is not part of a table; only its beginning was kept.") },
  { "import-too-many-warnings", JX_SEVERITY_WARNING,
    N_("More warnings were found than are listed"),
    N_("The text is probably not a published table.") },
  { "import-template", JX_SEVERITY_WARNING,
    N_("A table of one indicator per row was read with the template its columns fit"),
    N_("Its columns (指标性质, 度量单位, 权重…) say which kind of table it is; the document keeps them, "
       "and the checks that apply to that kind.") },
  { "import-form", JX_SEVERITY_WARNING,
    N_("Single-project forms were read, one project each, with the template their indicator columns fit"),
    N_("Label/value pairs (项目名称, 主管部门, 实施单位, 年度资金总额, 其中：财政拨款, 其他资金, 中长期目标, "
       "年度目标) give the project; the rows under the header naming 三级指标 its indicators.") },
  { "import-form-field", JX_SEVERITY_WARNING,
    N_("A field of a form was put elsewhere or kept as a comment"),
    N_("项目属性, 实施期 and other labels a table does not hold are quoted in an open comment on the project; "
       "an amount of a source the table lacks goes to 其他资金.") },
};

const JxRule *
jx_import_get_rules (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

/* ------------------------------------------------------------------------
 * Characters
 * ------------------------------------------------------------------------ */

/* Han, CJK punctuation, kana, Hangul, full-width forms. */
static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x2E80 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

/* The same, for the blank that ends just before @end. */
static gsize
space_before (const char *start,
              const char *end)
{
  if (end <= start)
    return 0;
  if (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\v' || end[-1] == '\f' ||
      end[-1] == '\r' || end[-1] == '\n')
    return 1;
  if (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
    return 2;
  if (end - start >= 3 && (guchar) end[-3] == 0xE3 && (guchar) end[-2] == 0x80 &&
      (guchar) end[-1] == 0x80)
    return 3;
  return 0;
}

static gsize
separator_before (const char *start,
                  const char *end)
{
  if (end <= start)
    return 0;
  if (end[-1] == ';' || end[-1] == ':' || end[-1] == ',')
    return 1;
  if (end - start >= 3 && (guchar) end[-3] == 0xEF && (guchar) end[-2] == 0xBC &&
      ((guchar) end[-1] == 0x9B || (guchar) end[-1] == 0x9A || (guchar) end[-1] == 0x8C))
    return 3;
  return 0;
}

static gboolean
literal_at (const char *p,
            const char *end,
            const char *literal)
{
  gsize n = strlen (literal);

  return (gsize) (end - p) >= n && memcmp (p, literal, n) == 0;
}

static gboolean
literal_before (const char *start,
                const char *end,
                const char *literal)
{
  gsize n = strlen (literal);

  return (gsize) (end - start) >= n && memcmp (end - n, literal, n) == 0;
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  gsize n;

  while ((n = jx_text_space_at (p, end)) > 0 || (n = jx_text_separator_at (p, end)) > 0)
    p += n;
  return p;
}

/* Moves *@end back over blanks, and separators too if @separators. */
static void
trim_end (const char  *start,
          const char **end,
          gboolean     separators)
{
  gsize n;

  while ((n = space_before (start, *end)) > 0 ||
         (separators && (n = separator_before (start, *end)) > 0))
    *end -= n;
}

static void
trim (const char **start,
      const char **end,
      gboolean     separators)
{
  *start = separators ? skip_blanks (*start, *end) : jx_text_skip_spaces (*start, *end);
  trim_end (*start, end, separators);
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  return jx_text_skip_spaces (p, end) == end;
}

/* [s, e) without surrounding blanks, and without each run of blanks that
 * stands between two CJK characters: a PDF breaks a cell's lines with a
 * space, and Chinese text has none there (“工作经 费”). Blanks between
 * other characters (“GB/T 33870”, “, 切实”) are kept as they are. */
typedef struct
{
  gsize out;   /* from this byte of the result on… */
  gsize in;    /* …it is this byte of the input */
} Shift;

/* collapse_wraps(), recording in @shifts where the result's bytes come
 * from in [s, e), so that a place in it can be shown in the text. */
static char *
collapse_wraps_mapped (const char *s,
                       const char *e,
                       GArray     *shifts)
{
  const char *origin = s;
  const char *span, *p;
  char *out, *o;

  trim (&s, &e, FALSE);
  if (shifts != NULL)
    {
      Shift first = { 0, s - origin };
      g_array_append_val (shifts, first);
    }
  /* Only ever shorter than the input. */
  o = out = g_malloc (e - s + 1);
  span = p = s;
  while (p < e)
    {
      guchar c = (guchar) *p;
      gsize n;

      if ((c <= ' ' || c == 0xC2 || c == 0xE3) && (n = jx_text_space_at (p, e)) > 0)
        {
          const char *q = p + n;
          gunichar before, after;

          while ((n = jx_text_space_at (q, e)) > 0)
            q += n;
          /* Trimmed: there is a character on either side. */
          before = g_utf8_get_char (g_utf8_find_prev_char (s, p));
          after = g_utf8_get_char (q);
          memcpy (o, span, p - span);
          o += p - span;
          if (!(is_cjk (before) && is_cjk (after)))
            {
              memcpy (o, p, q - p);
              o += q - p;
            }
          else if (shifts != NULL)
            {
              Shift shift = { o - out, q - origin };
              g_array_append_val (shifts, shift);
            }
          span = p = q;
          continue;
        }
      p++;
    }
  memcpy (o, span, p - span);
  o += p - span;
  *o = '\0';
  return out;
}

static char *
collapse_wraps (const char *s,
                const char *e)
{
  return collapse_wraps_mapped (s, e, NULL);
}

/* ------------------------------------------------------------------------
 * Amounts
 * ------------------------------------------------------------------------ */

typedef enum
{
  AMOUNT_EMPTY,
  AMOUNT_OK,
  AMOUNT_BAD,
} AmountState;

/* OCR puts spaces into amounts (“56, 539. 99”); tables print a dash for
 * nothing. The rest is jx_money_parse()'s strict reading. */
static AmountState
read_amount (const char *cell,
             JxMoney    *out)
{
  char buf[64];
  gsize n = 0;
  const char *end = cell + strlen (cell);

  *out = 0;
  for (const char *p = cell; p < end;)
    {
      gsize sp = jx_text_space_at (p, end);

      if (sp > 0)
        {
          p += sp;
          continue;
        }
      if (n + 1 >= sizeof buf)
        return AMOUNT_BAD;
      buf[n++] = *p++;
    }
  buf[n] = '\0';
  if (n == 0 || g_str_equal (buf, "-") || g_str_equal (buf, "/") || g_str_equal (buf, "－") ||
      g_str_equal (buf, "—") || g_str_equal (buf, "——"))
    return AMOUNT_EMPTY;
  return jx_money_parse (buf, JX_MONEY_PARSE_ALLOW_NEGATIVE, out, NULL, NULL) ? AMOUNT_OK : AMOUNT_BAD;
}

/* A cell that can stand in an amount column: blank, or short and mostly
 * digits (“25. 7€” is a misread amount, a sentence is not). */
static gboolean
looks_like_amount (const char *cell)
{
  const char *end = cell + strlen (cell);
  guint digits = 0, others = 0;

  if (end - cell > 48)
    return FALSE;
  for (const char *p = cell; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      if (g_unichar_isdigit (c))
        digits++;
      else
        others++;
    }
  return digits + others == 0 || (digits > 0 && digits >= others);
}

/* The digits of @cell as ASCII (full-width ones too). */
static GString *
digits_of (const char *cell)
{
  GString *s = g_string_new (NULL);

  for (const char *p = cell; *p; p = g_utf8_next_char (p))
    {
      int d = g_unichar_digit_value (g_utf8_get_char (p));
      if (d >= 0)
        g_string_append_c (s, '0' + d);
    }
  return s;
}

/* Whether the digits that could be read in a misread @cell fit @amount:
 * they appear in it in order, and are at least half of its digits. */
static gboolean
digits_fit (const char *cell,
            JxMoney     amount)
{
  g_autoptr(GString) have = digits_of (cell);
  char want[32];
  gsize i = 0;

  if (amount < 0 || have->len == 0)
    return FALSE;
  g_snprintf (want, sizeof want, "%03" G_GINT64_FORMAT, amount);
  for (const char *w = want; *w && i < have->len; w++)
    if (*w == have->str[i])
      i++;
  return i == have->len && have->len * 2 >= strlen (want);
}

/* ------------------------------------------------------------------------
 * The importer
 * ------------------------------------------------------------------------ */

/* The columns of the published table: 项目名称, 总计, one column per funding
 * source of the table of fields (jx-fields.h) in its order, 绩效目标,
 * 绩效指标. Room is kept for JX_MAX_SOURCES sources; the columns of sources
 * the table does not have stay empty. */
enum
{
  COL_NAME,
  COL_TOTAL,
  COL_SOURCE,                                /* the first funding source */
  COL_GOAL = COL_SOURCE + JX_MAX_SOURCES,
  COL_INDICATORS,
  N_COLS
};

/* One past the column of the last funding source. */
static guint
sources_end (void)
{
  return COL_SOURCE + jx_document_get_n_sources (NULL);
}

typedef enum
{
  ROW_PROJECT,
  ROW_UNIT,
} RowKind;

typedef struct
{
  guint        line;
  guint        column[N_COLS];   /* 1-based, in characters; 0 when unknown */
  gsize        on_line[N_COLS];  /* bytes of the cell that stand at that column of the line */
  /* The cells as in the text, trimmed, never NULL: in the importer's
   * string chunk, or in grown[] once a later line continued them. */
  const char  *cell[N_COLS];
  GString     *grown[N_COLS];
  GString     *extra;            /* cells beyond the layout's, or NULL */
  gboolean     mid_item;         /* the indicator list stops inside an item */
  AmountState  state[N_COLS];    /* COL_TOTAL and the sources' columns */
  JxMoney      amount[N_COLS];
  gboolean     before_page_break;
  RowKind      kind;
  JxNode      *node;             /* the unit or project made of it */
} Row;

/* A warning, an annotation, or both, resolved when the tree is built. */
typedef struct
{
  guint       line;
  guint       column;
  guint       seq;      /* keeps the sort stable */
  const char *rule;     /* static */
  int         row;      /* index in rows, or -1 */
  JxNode     *node;     /* borrowed; when NULL, the row's node (or the table) */
  const char *field;    /* static, or NULL */
  char       *message;  /* the warning */
  char       *note;     /* text of an annotation to add, or NULL */
} Finding;

typedef struct
{
  const char *origin;
  const char *text;        /* UTF-8, self.len bytes, not NUL-terminated */
  gsize       len;
  JxTaxonomy *taxonomy;    /* built in: not owned */
  char       *now;

  char       *title;
  char       *department;
  char       *unit;
  guint       title_line;
  gboolean    table_started;
  gboolean    page_break;    /* a header or form feed since the last row */

  GArray     *rows;          /* Row */
  GStringChunk *chunk;       /* the rows' cells */
  int         last_row;      /* index of the row text can continue, or -1 */
  gboolean    have_grand;
  guint       grand_line;
  AmountState grand_state;
  JxMoney     grand_total;
  char       *grand_text;

  GString    *unplaced;      /* consecutive lines that fit nowhere, or NULL */
  int         unplaced_row;
  gsize       unplaced_dropped;   /* characters beyond the comment's room */
  guint       unplaced_first;
  guint       unplaced_last;

  GArray     *findings;      /* Finding */
  guint       n_findings;
  guint       n_indicators;
  guint       n_lines;
  GString    *scratch;       /* see scratch_text() */
} Importer;

static void
row_clear (Row *row)
{
  for (guint i = 0; i < N_COLS; i++)
    if (row->grown[i] != NULL)
      g_string_free (row->grown[i], TRUE);
  if (row->extra != NULL)
    g_string_free (row->extra, TRUE);
}

static void
finding_clear (Finding *f)
{
  g_free (f->message);
  g_free (f->note);
}

/* Quotes @text for a message: at most @max characters, with “…” when cut. */
static char *
excerpt (const char *text,
         guint       max)
{
  const char *end = text;
  guint n = 0;

  while (*end && n < max)
    {
      end = g_utf8_next_char (end);
      n++;
    }
  if (*end == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* Records a finding; @message and @note are taken. */
static void
add_finding (Importer   *self,
             const char *rule,
             guint       line,
             guint       column,
             int         row,
             JxNode     *node,
             const char *field,
             char       *message,
             char       *note)
{
  Finding f = { line, column, self->n_findings++, rule, row, node, field, message, note };

  g_array_append_val (self->findings, f);
}

/* The annotation text for a finding: where it came from, and the message
 * (which quotes the text). */
static char *
note_for (guint       line,
          const char *message)
{
  /* Translators: the text of a comment the importer adds; %u is a line of
   * the imported text, %s the warning (which quotes the text concerned). */
  return g_strdup_printf (_("Imported from line %u: %s"), line, message);
}

/* Shortens a text destined for a field to MAX_FIELD_CHARS, with a warning. */
static char *
cap_text_full (Importer   *self,
               char       *text,
               gsize       dropped,
               guint       line,
               int         row,
               JxNode     *node,
               const char *field)
{
  gsize len = strlen (text);
  const char *cut;
  char *message;

  if (len <= MAX_FIELD_CHARS && dropped == 0)
    return text;
  cut = (glong) len <= MAX_FIELD_CHARS || g_utf8_strlen (text, len) <= MAX_FIELD_CHARS
        ? text + len : g_utf8_offset_to_pointer (text, MAX_FIELD_CHARS);
  /* Translators: %lu is a count of characters */
  message = g_strdup_printf (_("A text of %lu characters is longer than any table cell; only its first %lu "
                               "characters were kept."),
                             (gulong) (g_utf8_strlen (text, len) + dropped), (gulong) g_utf8_strlen (text, cut - text));
  add_finding (self, "import-text-too-long", line, 0, row, node, field, message, NULL);
  text[cut - text] = '\0';
  return text;
}

static char *
cap_text (Importer   *self,
          char       *text,
          guint       line,
          int         row,
          JxNode     *node,
          const char *field)
{
  return cap_text_full (self, text, 0, line, row, node, field);
}

/* Turns the block of unplaced lines gathered so far into a finding. */
static void
flush_unplaced (Importer *self)
{
  g_autofree char *text = NULL;
  g_autofree char *quoted = NULL;
  char *message, *note;
  guint first = self->unplaced_first, last = self->unplaced_last;
  int row = self->unplaced_row;

  if (self->unplaced == NULL)
    return;
  text = cap_text_full (self, g_string_free (g_steal_pointer (&self->unplaced), FALSE), self->unplaced_dropped,
                        first, row, NULL, NULL);
  self->unplaced_dropped = 0;
  quoted = excerpt (text, 60);
  message = row >= 0
    ? g_strdup_printf (_("Text that fits no column was kept as a comment on the row above it: “%s”"), quoted)
    : g_strdup_printf (_("Text that fits no column was kept as a comment on the table: “%s”"), quoted);
  note = first == last
    /* Translators: a comment the importer adds; %u is a line of the
     * imported text, %s the text found there */
    ? g_strdup_printf (_("Text from line %u that could not be placed in the table: “%s”"), first, text)
    /* Translators: a comment the importer adds; %u–%u are lines of the
     * imported text, %s the text found there */
    : g_strdup_printf (_("Text from lines %u–%u that could not be placed in the table: “%s”"), first, last, text);
  add_finding (self, "import-unplaced-text", first, 0, row, NULL, NULL, message, note);
}

/* Keeps [start, end), which could not be placed, as a comment on @row's
 * node (or on the table when @row is -1). Consecutive lines for the same
 * place make one comment. */
static void
keep_unplaced (Importer   *self,
               guint       line,
               int         row,
               const char *start,
               const char *end)
{
  trim (&start, &end, FALSE);
  if (start == end)
    return;
  if (self->unplaced != NULL && (self->unplaced_row != row || line > self->unplaced_last + 1))
    flush_unplaced (self);
  if (self->unplaced == NULL)
    {
      self->unplaced = g_string_new (NULL);
      self->unplaced_row = row;
      self->unplaced_first = line;
    }
  else
    g_string_append_c (self->unplaced, '\n');
  /* Past what a comment can hold, only the length counts (a warning says
   * how much was left out). */
  if (self->unplaced->len <= MAX_FIELD_CHARS)
    g_string_append_len (self->unplaced, start, end - start);
  else
    self->unplaced_dropped += g_utf8_strlen (start, end - start);
  self->unplaced_last = line;
}

/* ------------------------------------------------------------------------
 * Pass 0: bytes → UTF-8 text
 * ------------------------------------------------------------------------ */

/* 1-based line and character column of byte @at of @text. */
static void
locate (const char *text,
        gsize       at,
        guint      *line,
        guint      *column)
{
  const char *line_start = text;

  *line = 1;
  for (gsize i = 0; i < at; i++)
    if (text[i] == '\n')
      {
        (*line)++;
        line_start = text + i + 1;
      }
  /* Count characters leniently: the bytes may not be UTF-8. */
  *column = 1;
  for (const char *p = line_start; p < text + at; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      (*column)++;
}

/* The input as UTF-8 text without control characters: @text itself when
 * it is (nothing is copied), else a new buffer in *@owned. NULL on error. */
static const char *
decode (Importer    *self,
        const char  *text,
        gsize        len,
        gsize       *out_len,
        char       **owned,
        GError     **error)
{
  const char *nul = memchr (text, '\0', len);
  const char *bad = NULL;
  g_autofree char *converted = NULL;
  GString *out;
  gsize n_controls = 0;
  guint line = 1, line_controls = 0, line_vtabs = 0;
  gunichar first_control = 0;

  if (nul != NULL)
    {
      guint l, c;

      locate (text, nul - text, &l, &c);
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_BINARY,
                   _("Line %u, column %u: this is not text but a binary file (it holds a NUL byte). "
                     "Extract the table from the PDF as text first (for example with pdftotext) and import that."),
                   l, c);
      return NULL;
    }

  if (!g_utf8_validate_len (text, len, &bad))
    {
      gsize rest = len - (bad - text);
      gsize written = 0;

      if (rest < 4 && g_utf8_get_char_validated (bad, rest) == (gunichar) -2)
        {
          /* Only the last character is cut off: the input was truncated. */
          guint l, c;

          locate (text, bad - text, &l, &c);
          len = bad - text;
          add_finding (self, "import-truncated-input", l, c, -1, NULL, NULL,
                       g_strdup (_("The text ends in the middle of a character: it seems cut off. "
                                   "The incomplete character was left out; check that the table is complete.")),
                       NULL);
        }
      else if ((converted = g_convert (text, len, "UTF-8", "GB18030", NULL, &written, NULL)) != NULL)
        {
          text = converted;
          len = written;
          add_finding (self, "import-encoding", 0, 0, -1, NULL, NULL,
                       g_strdup (_("The text is not UTF-8; it was read as GB18030 (the encoding of Chinese "
                                   "Windows). Check that the Chinese reads right.")),
                       NULL);
        }
      else
        {
          guint l, c;

          locate (text, bad - text, &l, &c);
          g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_ENCODING,
                       _("Line %u, column %u: the text is neither UTF-8 nor GB18030. "
                         "Save it as UTF-8 text and import it again."), l, c);
          return NULL;
        }
    }

  /* Control characters other than tab, line and page breaks, and U+FFFE and
   * U+FFFF: no document can hold them. A few are OCR noise and are replaced;
   * many mean this is not text at all. */
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
          (c == 0xEF && i + 2 < len && (guchar) text[i + 1] == 0xBF &&
           ((guchar) text[i + 2] == 0xBE || (guchar) text[i + 2] == 0xBF)))
        n_controls++;
    }
  if (n_controls == 0)
    {
      *out_len = len;
      if (converted != NULL)
        return *owned = g_steal_pointer (&converted);
      return text;
    }
  if (n_controls * 8 > len)
    {
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_BINARY,
                   _("This is not text: %lu of its %lu bytes are control characters. "
                     "Import the text extracted from the published table instead."),
                   (gulong) n_controls, (gulong) len);
      return NULL;
    }

  out = g_string_sized_new (len + 2 * n_controls);
  for (gsize i = 0; i <= len; i++)
    {
      guchar c = i < len ? (guchar) text[i] : '\n';
      gboolean is_control = FALSE;
      gunichar u = c;

      if (c == '\v')
        {
          /* A blank to the importer, but not a character XML can hold. */
          line_vtabs++;
          g_string_append_c (out, ' ');
          continue;
        }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        is_control = TRUE;
      else if (c == 0xEF && i + 2 < len && (guchar) text[i + 1] == 0xBF &&
               ((guchar) text[i + 2] == 0xBE || (guchar) text[i + 2] == 0xBF))
        {
          is_control = TRUE;
          u = 0xFFFE + ((guchar) text[i + 2] - 0xBE);
          i += 2;
        }

      if (is_control)
        {
          if (line_controls++ == 0)
            first_control = u;
          g_string_append (out, "\xEF\xBF\xBD");
          continue;
        }
      if (c == '\n')
        {
          if (line_controls > 0)
            add_finding (self, "import-control-character", line, 0, -1, NULL, NULL,
                         /* Translators: %u is a count, U+%04X the first character replaced */
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%u control character (U+%04X) was replaced by “�”: "
                                                       "it is not text.",
                                                       "%u control characters (the first U+%04X) were replaced "
                                                       "by “�”: they are not text.",
                                                       line_controls),
                                          line_controls, first_control),
                         NULL);
          if (line_vtabs > 0)
            add_finding (self, "import-control-character", line, 0, -1, NULL, NULL,
                         /* Translators: %u is a count */
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "%u vertical tab (U+000B) was read as a space: "
                                                       "a table cannot hold it.",
                                                       "%u vertical tabs (U+000B) were read as spaces: "
                                                       "a table cannot hold them.",
                                                       line_vtabs),
                                          line_vtabs),
                         NULL);
          line++;
          line_controls = 0;
          line_vtabs = 0;
        }
      if (i < len)
        g_string_append_c (out, c);
    }
  *out_len = out->len;
  return *owned = g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
 * Pass 1: lines → rows
 * ------------------------------------------------------------------------ */

/* The words of the column header besides the funding sources' (which come
 * from the table of fields). */
static const char *header_words[] = {
  "项目名称", "资金使用单位", "总计", "绩效目标", "绩效指标",
};

static guint
count_header_words (const char *s,
                    const char *e)
{
  guint hits = 0;

  for (guint i = 0; i < G_N_ELEMENTS (header_words); i++)
    if (g_strstr_len (s, e - s, header_words[i]) != NULL)
      hits++;
  for (guint i = 0; i < jx_document_get_n_sources (NULL); i++)
    if (g_strstr_len (s, e - s, jx_document_get_source (NULL, i)->official) != NULL)
      hits++;
  return hits;
}

/* “单位: 万元” (or what OCR left of it, “サ位: 万元”) anywhere in [s, e). */
static char *
find_unit (const char *s,
           const char *e)
{
  static const char *units[] = { "万元", "千元", "亿元", "元" };
  const char *p = s;

  while ((p = g_strstr_len (p, e - p, "位")) != NULL)
    {
      const char *q = jx_text_skip_spaces (p + strlen ("位"), e);

      p += strlen ("位");
      if (!literal_at (q, e, ":") && !literal_at (q, e, "："))
        continue;
      q = jx_text_skip_spaces (q + (*q == ':' ? 1 : 3), e);
      for (guint i = 0; i < G_N_ELEMENTS (units); i++)
        if (literal_at (q, e, units[i]))
          return g_strdup (units[i]);
    }
  return NULL;
}

/* Removes every header word, the brackets and blanks around them, from a
 * header cell; what is left is text that does not belong to the header. */
static void
header_leftover (GString    *garbage,
                 const char *s,
                 const char *e)
{
  static const char *words[] = {
    "项目名称", "(资金使用单位)", "（资金使用单位）", "资金使用单位", "绩效目标", "绩效指标", "总计",
  };
  g_autoptr(GString) cell = g_string_new_len (s, e - s);
  const char *a, *b;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    g_string_replace (cell, words[i], " ", 0);
  for (guint i = 0; i < jx_document_get_n_sources (NULL); i++)
    g_string_replace (cell, jx_document_get_source (NULL, i)->official, " ", 0);
  a = cell->str;
  b = cell->str + cell->len;
  for (;;)
    {
      const char *before = a, *after = b;

      trim (&a, &b, FALSE);
      while (a < b && (*a == '(' || *a == ')'))
        a++;
      while (b > a && (b[-1] == '(' || b[-1] == ')'))
        b--;
      if (literal_at (a, b, "（") || literal_at (a, b, "）"))
        a += 3;
      if (literal_before (a, b, "（") || literal_before (a, b, "）"))
        b -= 3;
      if (a == before && b == after)
        break;
    }
  if (a < b)
    {
      if (garbage->len > 0)
        g_string_append (garbage, " / ");
      g_string_append_len (garbage, a, b - a);
    }
}

static void
header_row (Importer   *self,
            guint       line,
            const char *s,
            const char *e)
{
  g_autoptr(GString) garbage = g_string_new (NULL);
  const char *cell = s;

  self->table_started = TRUE;
  self->page_break = TRUE;
  if (self->last_row >= 0)
    g_array_index (self->rows, Row, self->last_row).before_page_break = TRUE;

  if (self->unit == NULL)
    self->unit = find_unit (s, e);

  while (cell <= e)
    {
      const char *tab = memchr (cell, '\t', e - cell);
      const char *cell_end = tab ? tab : e;

      header_leftover (garbage, cell, cell_end);
      if (tab == NULL)
        break;
      cell = tab + 1;
    }
  if (garbage->len > 0)
    {
      g_autofree char *quoted = excerpt (garbage->str, 80);
      add_finding (self, "import-header-garbled", line, 0, -1, NULL, NULL,
                   g_strdup_printf (_("A page header holds text that is not part of it and was skipped with it: "
                                      "“%s”"), quoted),
                   NULL);
    }
}

/* Text before the table: the title, 部门名称, 单位. */
static void
preamble_line (Importer   *self,
               guint       line,
               const char *s,
               const char *e)
{
  const char *name = NULL;
  char *unit;

  trim (&s, &e, FALSE);
  if (e - s < 4096)
    name = g_strstr_len (s, e - s, "部门名称");
  if (name != NULL)
    {
      const char *v = jx_text_skip_spaces (name + strlen ("部门名称"), e);
      const char *ve;

      if (jx_text_separator_at (v, e) > 0)
        v = jx_text_skip_spaces (v + jx_text_separator_at (v, e), e);
      /* “部门名称:XXX  单位: 万元” on one line */
      ve = g_strstr_len (v, e - v, "单位");
      ve = ve ? ve : e;
      trim_end (v, &ve, TRUE);
      if (self->department == NULL && ve > v)
        self->department = collapse_wraps (v, ve);
      if (self->unit == NULL)
        self->unit = find_unit (s, e);
      return;
    }
  if (e - s < 64 && g_strstr_len (s, e - s, "单位") != NULL && (unit = find_unit (s, e)) != NULL)
    {
      if (self->unit == NULL)
        self->unit = unit;
      else
        g_free (unit);
      return;
    }
  if (self->title == NULL && g_utf8_strlen (s, MIN (e - s, MAX_TITLE_CHARS * 4 + 4)) <= MAX_TITLE_CHARS)
    {
      while (s < e && *s == '#')
        s++;
      self->title = collapse_wraps (s, e);
      self->title_line = line;
      return;
    }
  keep_unplaced (self, line, -1, s, e);
}

/* Whether @s starts an indicator list: “1、1-…” or “1-产出指标…”. */
static gboolean
looks_like_items (const char *s)
{
  const char *end = s + strlen (s);
  const char *p = jx_text_skip_spaces (s, end);
  const char *q = p;

  while (q < end && g_ascii_isdigit (*q))
    q++;
  if (q == p || q - p > 3)
    return FALSE;
  q = jx_text_skip_spaces (q, end);
  if (literal_at (q, end, ITEM_MARK))
    return TRUE;
  return jx_text_dash_at (q, end) > 0;
}

typedef struct
{
  const char *start;
  const char *end;
} Slice;

static char *
slice_dup (Slice s)
{
  const char *a = s.start, *b = s.end;

  trim (&a, &b, FALSE);
  return g_strndup (a, b - a);
}

static GString *
slices_join (const Slice *cells,
             guint        from,
             guint        to,
             const char  *with)
{
  GString *out = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      g_autofree char *text = slice_dup (cells[i]);

      if (*text == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, with);
      g_string_append (out, text);
    }
  return out;
}

/* Whether [s, e) leaves an indicator list inside an item (after an item
 * number, before the item's 年度指标值), given that it was already inside
 * one before @s if @inside. Linear, so that a cell growing line by line
 * is checked in linear time. */
static const char *find_label (const char *p, const char *e, const char *label);

static gboolean
scan_mid_item (const char *s,
               const char *e,
               gboolean    inside)
{
  const char *mark = find_label (s, e, ITEM_MARK);
  const char *annual = find_label (s, e, LABEL_ANNUAL);

  while (mark < e || annual < e)
    {
      if (mark < annual)
        {
          inside = TRUE;
          mark = find_label (mark + strlen (ITEM_MARK), e, ITEM_MARK);
        }
      else
        {
          inside = FALSE;
          annual = find_label (annual + strlen (LABEL_ANNUAL), e, LABEL_ANNUAL);
        }
    }
  return inside;
}

static void
set_cell_text (Row        *row,
               guint       column,
               const char *text)
{
  row->cell[column] = text;
  if (column == COL_INDICATORS)
    row->mid_item = scan_mid_item (text, text + strlen (text), FALSE);
}

static void
set_cell (Row          *row,
          guint         column,
          Slice         cell,
          const char   *line_start,
          GStringChunk *chunk)
{
  const char *a = cell.start, *b = cell.end;

  trim (&a, &b, FALSE);
  set_cell_text (row, column, g_string_chunk_insert_len (chunk, a, b - a));
  row->column[column] = g_utf8_strlen (line_start, a - line_start) + 1;
  row->on_line[column] = b - a;
}

/* Continues a cell with @text from a later line. A space joins the two:
 * collapse_wraps() drops it between CJK characters. Amortised linear. */
static void
append_to_cell (Row        *row,
                guint       column,
                const char *text)
{
  const char *end = text + strlen (text);

  if (*text == '\0')
    return;
  if (row->grown[column] == NULL)
    row->grown[column] = g_string_new (row->cell[column]);
  if (row->grown[column]->len > 0)
    g_string_append_c (row->grown[column], ' ');
  g_string_append_len (row->grown[column], text, end - text);
  row->cell[column] = row->grown[column]->str;
  if (column == COL_INDICATORS)
    row->mid_item = scan_mid_item (text, end, row->mid_item);
}

/* Puts the cells of a data row in the columns. Usually there are exactly
 * as many as the layout has (seven with three funding sources); OCR drops or adds tabs, so otherwise amounts are taken
 * while cells look like amounts and the text cells are told apart by the
 * item numbers that open an indicator list. */
static void
assign_cells (Row          *row,
              const Slice  *cells,
              guint         n,
              const char   *line_start,
              GStringChunk *chunk)
{
  guint i = 1, amounts = 0;
  guint first_text;
  guint end = sources_end ();

  for (guint c = 0; c < N_COLS; c++)
    row->cell[c] = NULL;

  set_cell (row, COL_NAME, cells[0], line_start, chunk);
  if (n == end + 2)
    {
      for (guint c = 1; c < end; c++)
        set_cell (row, c, cells[c], line_start, chunk);
      set_cell (row, COL_GOAL, cells[end], line_start, chunk);
      set_cell (row, COL_INDICATORS, cells[end + 1], line_start, chunk);
    }
  else
    {
      while (i < n && amounts < end - COL_TOTAL)
        {
          g_autofree char *text = slice_dup (cells[i]);

          if (!looks_like_amount (text))
            break;
          set_cell (row, COL_TOTAL + amounts++, cells[i], line_start, chunk);
          i++;
        }
      first_text = i;
      if (n - first_text == 1)
        {
          g_autofree char *text = slice_dup (cells[first_text]);
          set_cell (row, looks_like_items (text) ? COL_INDICATORS : COL_GOAL, cells[first_text], line_start,
                    chunk);
        }
      else if (n - first_text == 2)
        {
          set_cell (row, COL_GOAL, cells[first_text], line_start, chunk);
          set_cell (row, COL_INDICATORS, cells[first_text + 1], line_start, chunk);
        }
      else if (n - first_text > 2)
        {
          guint k;

          for (k = first_text + 1; k < n; k++)
            {
              g_autofree char *text = slice_dup (cells[k]);
              if (looks_like_items (text))
                break;
            }
          if (k < n)
            {
              /* A tab inside the goal: the goal is everything before the list. */
              g_autoptr(GString) goal = slices_join (cells, first_text, k, " ");
              g_autoptr(GString) list = slices_join (cells, k, n, " ");

              set_cell_text (row, COL_GOAL, g_string_chunk_insert_len (chunk, goal->str, goal->len));
              set_cell_text (row, COL_INDICATORS, g_string_chunk_insert_len (chunk, list->str, list->len));
            }
          else
            {
              set_cell (row, COL_GOAL, cells[first_text], line_start, chunk);
              set_cell (row, COL_INDICATORS, cells[first_text + 1], line_start, chunk);
              row->extra = slices_join (cells, first_text + 2, n, " | ");
              if (row->extra->len == 0)
                {
                  g_string_free (row->extra, TRUE);
                  row->extra = NULL;
                }
            }
        }
    }
  for (guint c = 0; c < N_COLS; c++)
    if (row->cell[c] == NULL)
      row->cell[c] = "";
  for (guint c = COL_TOTAL; c < COL_GOAL; c++)
    row->state[c] = read_amount (row->cell[c], &row->amount[c]);
}

static gboolean
is_grand_total_name (const char *name)
{
  g_autofree char *compact = NULL;
  const char *end = name + strlen (name);
  GString *s = g_string_new (NULL);

  for (const char *p = name; p < end;)
    {
      gsize n = jx_text_space_at (p, end);
      if (n > 0)
        p += n;
      else
        g_string_append_c (s, *p++);
    }
  compact = g_string_free (s, FALSE);
  return g_str_equal (compact, "合计") || g_str_equal (compact, "总计");
}

static void
text_line (Importer   *self,
           guint       line,
           const char *s,
           const char *e)
{
  Row *last;
  g_autofree char *text = NULL;

  trim (&s, &e, FALSE);
  if (self->last_row < 0)
    {
      keep_unplaced (self, line, -1, s, e);
      return;
    }
  last = &g_array_index (self->rows, Row, self->last_row);
  text = g_strndup (s, e - s);
  if (!looks_like_items (text) && !last->mid_item)
    {
      keep_unplaced (self, line, self->last_row, s, e);
      return;
    }
  append_to_cell (last, COL_INDICATORS, text);
  {
    g_autofree char *name = excerpt (last->cell[COL_NAME], 40);
    g_autofree char *quoted = excerpt (text, 40);
    add_finding (self, "import-cell-joined", line, 0, self->last_row, NULL, NULL,
                 g_strdup_printf (_("The indicators of “%s” continue on this line; it was joined to them: “%s”"),
                                  name, quoted),
                 NULL);
  }
}

static void
table_row (Importer   *self,
           guint       line,
           const char *line_start,
           const char *s,
           const char *e)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Slice));
  const char *cell = s;
  Row row = { 0 };
  gboolean any_amount = FALSE, any_text = FALSE;

  while (TRUE)
    {
      const char *tab = memchr (cell, '\t', e - cell);
      Slice slice = { cell, tab ? tab : e };

      g_array_append_val (cells, slice);
      if (tab == NULL)
        break;
      cell = tab + 1;
    }

  row.line = line;
  assign_cells (&row, (Slice *) cells->data, cells->len, line_start, self->chunk);

  for (guint c = COL_TOTAL; c < COL_GOAL; c++)
    any_amount |= row.state[c] != AMOUNT_EMPTY;
  any_text = *row.cell[COL_GOAL] != '\0' || *row.cell[COL_INDICATORS] != '\0' || row.extra != NULL;

  /* A page header: header words in short cells, no amount. */
  if (!any_amount || row.state[COL_TOTAL] == AMOUNT_BAD)
    {
      guint hits = 0;

      for (guint i = 0; i < cells->len; i++)
        {
          Slice c = g_array_index (cells, Slice, i);
          if (c.end - c.start <= MAX_HEADER_CELL_BYTES)
            hits += count_header_words (c.start, c.end);
        }
      if (hits >= 3 && row.state[COL_SOURCE] != AMOUNT_OK)
        {
          row_clear (&row);
          header_row (self, line, s, e);
          return;
        }
    }

  if (!self->table_started && !any_amount)
    {
      /* Before the table, a line with a tab is still the title or 部门名称. */
      row_clear (&row);
      preamble_line (self, line, s, e);
      return;
    }
  self->table_started = TRUE;

  if (is_grand_total_name (row.cell[COL_NAME]) && !any_text)
    {
      if (!self->have_grand)
        {
          self->have_grand = TRUE;
          self->grand_line = line;
          if (row.state[COL_TOTAL] != AMOUNT_EMPTY)
            {
              self->grand_state = row.state[COL_TOTAL];
              self->grand_total = row.amount[COL_TOTAL];
              self->grand_text = g_strdup (row.cell[COL_TOTAL]);
            }
          else
            {
              self->grand_state = row.state[COL_SOURCE];
              self->grand_total = row.amount[COL_SOURCE];
              self->grand_text = g_strdup (row.cell[COL_SOURCE]);
            }
        }
      else
        keep_unplaced (self, line, -1, s, e);
      row_clear (&row);
      self->page_break = FALSE;
      return;
    }

  if (*row.cell[COL_NAME] == '\0' && !any_amount)
    {
      /* No name, no amount: the row above continues (a cell cut at a page
       * break, or a wrapped line). */
      if (any_text && self->last_row >= 0)
        {
          Row *last = &g_array_index (self->rows, Row, self->last_row);
          g_autofree char *name = excerpt (last->cell[COL_NAME], 40);
          g_autoptr(GString) added = g_string_new (NULL);

          for (guint c = COL_GOAL; c <= COL_INDICATORS; c++)
            if (*row.cell[c] != '\0')
              {
                append_to_cell (last, c, row.cell[c]);
                if (added->len > 0)
                  g_string_append (added, " | ");
                g_string_append (added, row.cell[c]);
              }
          if (row.extra != NULL)
            {
              if (last->extra == NULL)
                last->extra = g_string_new (NULL);
              else
                g_string_append (last->extra, " | ");
              g_string_append_len (last->extra, row.extra->str, row.extra->len);
            }
          {
            g_autofree char *quoted = excerpt (added->str, 40);
            add_finding (self, "import-cell-joined", line, 0, self->last_row, NULL, NULL,
                         self->page_break
                         ? g_strdup_printf (_("The row of “%s” continues after the page break; this text was "
                                              "joined to it: “%s”"), name, quoted)
                         : g_strdup_printf (_("The row of “%s” continues on this line; this text was joined "
                                              "to it: “%s”"), name, quoted),
                         NULL);
          }
        }
      else if (any_text)
        keep_unplaced (self, line, -1, s, e);
      row_clear (&row);
      self->page_break = FALSE;
      return;
    }

  if (!any_amount && !any_text)
    {
      /* A name alone: not enough to be a project. */
      row_clear (&row);
      keep_unplaced (self, line, self->last_row, s, e);
      return;
    }

  g_array_append_val (self->rows, row);
  self->last_row = self->rows->len - 1;
  self->page_break = FALSE;
}

static void
handle_row (Importer   *self,
            guint       line,
            const char *line_start,
            const char *s,
            const char *e)
{
  if (is_blank (s, e))
    return;

  if (memchr (s, '\t', e - s) == NULL)
    {
      if (e - s <= 400 && count_header_words (s, e) >= 3)
        {
          header_row (self, line, s, e);
          return;
        }
      if (!self->table_started)
        preamble_line (self, line, s, e);
      else
        text_line (self, line, s, e);
      return;
    }
  table_row (self, line, line_start, s, e);
}

static void
read_rows (Importer *self)
{
  const char *p = self->text;
  const char *end = self->text + self->len;
  guint line = 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *le = nl ? nl : end;
      const char *row = p;

      /* A form feed (pdftotext's page break) or a lone carriage return
       * also ends a row, within the same numbered line. */
      for (const char *q = p; q < le; q++)
        if (*q == '\f' || *q == '\r')
          {
            handle_row (self, line, p, row, q);
            if (*q == '\f')
              self->page_break = TRUE;
            row = q + 1;
          }
      handle_row (self, line, p, row, le);
      line++;
      p = le + 1;
    }
  self->n_lines = line - 1;
  flush_unplaced (self);
}

/* ------------------------------------------------------------------------
 * Pass 2: rows → funding units and projects
 * ------------------------------------------------------------------------ */

/* The total a row prints, or the sum of its columns; FALSE if unknown. */
static gboolean
row_total (const Row *row,
           JxMoney   *out)
{
  JxMoney sum = 0;
  gboolean any = FALSE;

  if (row->state[COL_TOTAL] == AMOUNT_OK)
    {
      *out = row->amount[COL_TOTAL];
      return TRUE;
    }
  if (row->state[COL_TOTAL] == AMOUNT_BAD)
    return FALSE;
  for (guint c = COL_SOURCE; c < COL_GOAL; c++)
    {
      if (row->state[c] == AMOUNT_BAD)
        return FALSE;
      if (row->state[c] == AMOUNT_OK)
        {
          if (!jx_money_add (sum, row->amount[c], &sum))
            return FALSE;
          any = TRUE;
        }
    }
  *out = sum;
  return any;
}

static gboolean
is_unit_candidate (const Row *row)
{
  JxMoney total;

  return *row->cell[COL_GOAL] == '\0' && *row->cell[COL_INDICATORS] == '\0' && row->extra == NULL &&
         *row->cell[COL_NAME] != '\0' && row_total (row, &total);
}

static gboolean
names_equal (const char *raw,
             const char *name)
{
  g_autofree char *collapsed = collapse_wraps (raw, raw + strlen (raw));

  return name != NULL && *name != '\0' && g_str_equal (collapsed, name);
}

/* Decides which rows are funding units. A candidate (no goal, no
 * indicators) is one when it is named like the department, or when the
 * rows after it up to a later candidate (or the end) add up exactly to its
 * total; the sums are looked up in a table of prefix sums, so this takes
 * linear time however many candidates there are. */
static void
classify_rows (Importer *self)
{
  guint n = self->rows->len;
  g_autofree JxMoney *prefix = g_new (JxMoney, n + 1);
  g_autoptr(GHashTable) boundaries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                             (GDestroyNotify) g_array_unref);
  guint valid = n;   /* prefix[0..valid] are exact */
  int open_unit = -1;
  gboolean open_by_name = FALSE;

  prefix[0] = 0;
  for (guint i = 0; i < n; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      JxMoney total = 0;

      row->kind = ROW_PROJECT;
      row_total (row, &total);
      if (i < valid && !jx_money_add (prefix[i], total, &prefix[i + 1]))
        valid = i;
      if (i >= valid)
        prefix[i + 1] = 0;
    }
  for (guint b = 1; b <= n && b <= valid; b++)
    if (b == n || is_unit_candidate (&g_array_index (self->rows, Row, b)))
      {
        GArray *at = g_hash_table_lookup (boundaries, &prefix[b]);

        if (at == NULL)
          {
            at = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (boundaries, g_memdup2 (&prefix[b], sizeof (JxMoney)), at);
          }
        g_array_append_val (at, b);
      }

  for (guint i = 0; i < n; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      JxMoney total = 0, want;
      GArray *at;

      if (!is_unit_candidate (row))
        continue;
      row_total (row, &total);

      if (names_equal (row->cell[COL_NAME], self->department))
        {
          row->kind = ROW_UNIT;
          open_unit = i;
          open_by_name = TRUE;
          continue;
        }

      /* Inside a unit named like the department whose projects do not add
       * up to its total yet, a candidate is one of its projects. */
      if (open_unit >= 0 && open_by_name && (guint) open_unit + 1 <= valid && i <= valid)
        {
          Row *unit = &g_array_index (self->rows, Row, open_unit);
          JxMoney unit_total;

          if (row_total (unit, &unit_total) && prefix[i] - prefix[open_unit + 1] != unit_total)
            continue;
        }

      if (i + 1 > valid || !jx_money_add (prefix[i + 1], total, &want))
        continue;
      at = g_hash_table_lookup (boundaries, &want);
      if (at == NULL)
        continue;
      /* The first boundary after at least one project. */
      {
        guint lo = 0, hi = at->len;

        while (lo < hi)
          {
            guint mid = (lo + hi) / 2;
            if (g_array_index (at, guint, mid) < i + 2)
              lo = mid + 1;
            else
              hi = mid;
          }
        if (lo == at->len)
          continue;
        row->kind = ROW_UNIT;
        open_unit = i;
        open_by_name = FALSE;
        /* Its projects are the rows up to that boundary, whatever they look like. */
        i = g_array_index (at, guint, lo) - 1;
      }
    }
}

/* ------------------------------------------------------------------------
 * Pass 3: projects and indicators
 * ------------------------------------------------------------------------ */

/* A funding source's column as the published table heads it: 财政拨款. */
static const char *
column_label (guint column)
{
  return jx_document_get_source (NULL, column - COL_SOURCE)->official;
}

/* The property (the source's id) of a funding source's column. */
static const char *
column_property (guint column)
{
  return jx_document_get_source (NULL, column - COL_SOURCE)->id;
}

/* A finding about @project with the same text as its comment. */
static void
project_finding (Importer   *self,
                 const char *rule,
                 const Row  *row,
                 guint       column,
                 JxNode     *node,
                 const char *field,
                 char       *message,
                 gboolean    keep_as_note)
{
  add_finding (self, rule, row->line, column, -1, node, field, message,
               keep_as_note ? note_for (row->line, message) : NULL);
}

static void
fill_amounts (Importer  *self,
              Row       *row,
              JxProject *project)
{
  g_autofree char *name = excerpt (jx_project_get_name (project), 40);
  JxMoney value[N_COLS];
  guint bad[JX_MAX_SOURCES], n_bad = 0;
  guint end = sources_end ();
  gboolean total_known = row->state[COL_TOTAL] == AMOUNT_OK;
  JxMoney total = row->amount[COL_TOTAL];

  for (guint c = COL_SOURCE; c < end; c++)
    {
      value[c] = row->state[c] == AMOUNT_OK ? row->amount[c] : 0;
      if (row->state[c] == AMOUNT_BAD)
        bad[n_bad++] = c;
    }

  if (row->state[COL_TOTAL] == AMOUNT_BAD)
    project_finding (self, "import-amount-unreadable", row, row->column[COL_TOTAL], JX_NODE (project), NULL,
                     g_strdup_printf (_("“%s”: the 总计 “%s” could not be read; the total is the sum of the "
                                        "funding columns."), name, row->cell[COL_TOTAL]),
                     TRUE);

  if (n_bad == 0)
    {
      JxMoney sum = 0;
      gboolean sum_ok = TRUE, all_empty = TRUE;

      for (guint c = COL_SOURCE; c < end; c++)
        {
          sum_ok = sum_ok && jx_money_add (sum, value[c], &sum);
          all_empty = all_empty && row->state[c] == AMOUNT_EMPTY;
        }

      if (total_known && total != 0 && all_empty)
        {
          g_autofree char *t = jx_money_format (total);
          value[COL_SOURCE] = total;
          project_finding (self, "import-amount-recovered", row, row->column[COL_TOTAL], JX_NODE (project),
                           column_property (COL_SOURCE),
                           /* Translators: the second %s is an amount, the third the
                            * first funding source's column as printed (财政拨款) */
                           g_strdup_printf (_("“%s”: only the 总计 %s is printed; the %s was set to it."),
                                            name, t, column_label (COL_SOURCE)),
                           TRUE);
        }
      else if (total_known && (!sum_ok || sum != total))
        {
          g_autofree char *t = jx_money_format (total);
          g_autofree char *s = sum_ok ? jx_money_format (sum) : g_strdup ("∞");
          project_finding (self, "import-total-mismatch", row, row->column[COL_TOTAL], JX_NODE (project), NULL,
                           g_strdup_printf (_("“%s”: the published 总计 is %s, but its funding columns add up to "
                                              "%s; the columns were kept."), name, t, s),
                           TRUE);
        }
    }
  else if (n_bad == 1 && total_known)
    {
      guint b = bad[0];
      JxMoney others = 0, guess = -1;
      int stray = -1;
      gboolean fits = FALSE, others_ok = TRUE;

      for (guint c = COL_SOURCE; c < end; c++)
        if (c != b && !jx_money_add (others, value[c], &others))
          others_ok = FALSE;
      if (!others_ok)
        others = G_MAXINT64;   /* nothing fits; the cell is set to 0 below */

      /* The other columns agree with the total: the misread cell is what is
       * left. Else a small cell beside it may be part of the misreading (a
       * digit that slid over, “25. 7€ | 5”): try without each. */
      if (jx_money_sub (total, others, &guess) && guess >= 0 && digits_fit (row->cell[b], guess))
        fits = TRUE;
      for (guint k = 0; !fits && k < 2; k++)
        {
          guint j = k == 0 ? b + 1 : b - 1;
          JxMoney g;

          if (j < COL_SOURCE || j >= end || value[j] == 0)
            continue;
          if (jx_money_sub (total, others - value[j], &g) && g >= 0 && digits_fit (row->cell[b], g))
            {
              guess = g;
              stray = j;
              fits = TRUE;
            }
        }
      if (!fits && !(jx_money_sub (total, others, &guess) && guess >= 0))
        guess = -1;

      if (guess >= 0)
        {
          g_autofree char *g = jx_money_format (guess);
          g_autofree char *t = jx_money_format (total);
          char *message;

          value[b] = guess;
          if (stray >= 0)
            {
              message = g_strdup_printf (_("“%s”: the %s “%s” could not be read; it was recovered as %s from the 总计 %s "
                                           "and the columns that agree, taking the “%s” under %s, for which the 总计 "
                                           "leaves no room, as part of the misreading."),
                                         name, column_label (b), row->cell[b], g, t, row->cell[stray],
                                         column_label (stray));
              value[stray] = 0;
            }
          else if (fits)
            message = g_strdup_printf (_("“%s”: the %s “%s” could not be read; it was recovered as %s from the 总计 %s "
                                         "and the columns that agree."),
                                       name, column_label (b), row->cell[b], g, t);
          else
            message = g_strdup_printf (_("“%s”: the %s “%s” could not be read; it was set to %s so that the row adds "
                                         "up to its 总计 %s, but its digits do not confirm it: check it."),
                                       name, column_label (b), row->cell[b], g, t);
          project_finding (self, "import-amount-recovered", row, row->column[b], JX_NODE (project),
                           column_property (b), message, TRUE);
        }
      else
        {
          value[b] = 0;
          project_finding (self, "import-amount-unreadable", row, row->column[b], JX_NODE (project),
                           column_property (b),
                           g_strdup_printf (_("“%s”: the %s “%s” could not be read nor recovered from the 总计; it "
                                              "was set to 0. Enter it from the published table."),
                                            name, column_label (b), row->cell[b]),
                           TRUE);
        }
    }
  else
    {
      for (guint i = 0; i < n_bad; i++)
        project_finding (self, "import-amount-unreadable", row, row->column[bad[i]], JX_NODE (project),
                         column_property (bad[i]),
                         g_strdup_printf (_("“%s”: the %s “%s” could not be read nor recovered from the 总计; it "
                                            "was set to 0. Enter it from the published table."),
                                          name, column_label (bad[i]), row->cell[bad[i]]),
                         TRUE);
    }

  for (guint c = COL_SOURCE; c < end; c++)
    {
      g_autoptr(GError) error = NULL;

      if (value[c] == 0)
        continue;
      if (!jx_project_check_source (project, c - COL_SOURCE, value[c], &error))
        {
          project_finding (self, "import-amount-unreadable", row, row->column[c], JX_NODE (project),
                           column_property (c),
                           g_strdup_printf (_("“%s”: the %s “%s” is too large for the table's totals; it was set "
                                              "to 0."), name, column_label (c), row->cell[c]),
                           TRUE);
          continue;
        }
      jx_project_set_source (project, c - COL_SOURCE, value[c]);
    }
}

typedef struct
{
  const char *start;   /* the item number, or the body for an item without one */
  const char *body;    /* the first code */
} Item;

/* Whether the character before @p ends a field, so that a number there is
 * a number in full, not the tail of a value (“…98%2、”). */
static gboolean
boundary_before (const char *start,
                 const char *p)
{
  if (p == start)
    return TRUE;
  if (strchr (" \t;:,.()", p[-1]) != NULL)
    return TRUE;
  return literal_before (start, p, FULL_STOP) || literal_before (start, p, "；") ||
         literal_before (start, p, "，") || literal_before (start, p, "：") ||
         literal_before (start, p, "）") || literal_before (start, p, "\xe3\x80\x80");
}

/* Splits an indicator list at its items: “N、” before a category code.
 * The printed numbers repeat and skip, so they only mark where items start;
 * an item whose number OCR lost is found by its code after a 。. */
static void
split_items (const char *s,
             const char *e,
             GArray     *items)
{
  guint expected = 1;
  const char *p = s;
  const char *after_stop = jx_text_skip_spaces (s, e);   /* where an item may start without a number */

  while (p < e)
    {
      if (g_ascii_isdigit (*p) && (p == s || !g_ascii_isdigit (p[-1])))
        {
          const char *q = p, *r, *t;

          while (q < e && g_ascii_isdigit (*q))
            q++;
          r = jx_text_skip_spaces (q, e);
          if (q - p <= 4 && literal_at (r, e, ITEM_MARK))
            {
              r = jx_text_skip_spaces (r + strlen (ITEM_MARK), e);
              t = r;
              while (t < e && g_ascii_isdigit (*t))
                t++;
              if (t > r && t - r <= 3 && jx_text_dash_at (jx_text_skip_spaces (t, e), e) > 0)
                {
                  Item item = { p, r };

                  if (!boundary_before (s, p) && q - p > 1)
                    {
                      /* “…大于等于982、” is 98 and item 2: take the shortest
                       * tail that is the number expected. */
                      for (const char *tail = q - 1; tail > p; tail--)
                        if (strtoul (tail, NULL, 10) == expected)
                          {
                            item.start = tail;
                            break;
                          }
                    }
                  g_array_append_val (items, item);
                  expected = strtoul (item.start, NULL, 10) + 1;
                  p = r;
                  continue;
                }
            }
          else if (p == after_stop && q - p == 1 && jx_text_dash_at (jx_text_skip_spaces (q, e), e) > 0)
            {
              /* “。1-产出指标; …” without its number. */
              const char *look = jx_text_skip_spaces (q, e);
              const char *limit;

              look += jx_text_dash_at (look, e);
              limit = look + MIN ((gsize) (e - look), 24);
              if (g_strstr_len (look, limit - look, "指标") != NULL &&
                  (items->len == 0 || g_array_index (items, Item, items->len - 1).body != p))
                {
                  Item item = { p, p };
                  g_array_append_val (items, item);
                  expected++;
                }
            }
          p = q;
          continue;
        }
      if (literal_at (p, e, FULL_STOP))
        {
          p += strlen (FULL_STOP);
          after_stop = jx_text_skip_spaces (p, e);
          continue;
        }
      p++;
    }
}

/* When a separator is missing (“11-数量指标足额发放率”) the printed name
 * runs into the indicator's; cut it after the scheme's name of the code. */
static void
split_label (JxTaxonomy  *taxonomy,
             const char  *code,
             JxCode        *c,
             const char **p)
{
  const char *names[2];

  if (taxonomy == NULL || jx_text_label_matches (taxonomy, code, c->label_start, c->label_end))
    return;
  names[0] = jx_taxonomy_get_name_for_code (taxonomy, code, TRUE);
  names[1] = jx_taxonomy_get_name_for_code (taxonomy, code, FALSE);
  for (guint i = 0; i < 2; i++)
    if (names[i] != NULL && (gsize) (c->label_end - c->label_start) > strlen (names[i]) &&
        memcmp (c->label_start, names[i], strlen (names[i])) == 0)
      {
        c->label_end = c->label_start + strlen (names[i]);
        *p = c->label_end;
        return;
      }
}

typedef struct
{
  Importer   *self;
  Row        *row;
  JxProject  *project;
  const char *project_name;   /* excerpt for messages */
  guint       serial;         /* 1-based number of the indicator in the project */

  /* Where a place in the collapsed cell is in the line, for columns. */
  const char *cell;           /* the collapsed cell */
  GArray     *shifts;         /* Shift */
  guint       shift_index;
  gsize       raw_at;         /* a cursor in the row's cell: byte… */
  guint       column_at;      /* …and its character count */
  /* The project's indicators reach its list in one splice, once the cell
   * is read (nothing reads the list before: is_confidential() comes after). */
  JxNodeBatch indicators;
} ItemContext;

/* The column in the text of @pos, a place in the collapsed cell; 0 when it
 * is not on the row's line. Moving forward is linear over a whole cell. */
static guint
item_column (ItemContext *ctx,
             const char  *pos)
{
  const char *raw = ctx->row->cell[COL_INDICATORS];
  gsize x = pos - ctx->cell, at;
  const Shift *shift;

  if (ctx->row->column[COL_INDICATORS] == 0 || ctx->shifts->len == 0)
    return 0;
  if (g_array_index (ctx->shifts, Shift, ctx->shift_index).out > x)
    ctx->shift_index = 0;
  while (ctx->shift_index + 1 < ctx->shifts->len &&
         g_array_index (ctx->shifts, Shift, ctx->shift_index + 1).out <= x)
    ctx->shift_index++;
  shift = &g_array_index (ctx->shifts, Shift, ctx->shift_index);
  at = shift->in + (x - shift->out);
  if (at > ctx->row->on_line[COL_INDICATORS])
    return 0;
  if (at < ctx->raw_at)
    {
      ctx->raw_at = 0;
      ctx->column_at = 0;
    }
  ctx->column_at += g_utf8_strlen (raw + ctx->raw_at, at - ctx->raw_at);
  ctx->raw_at = at;
  return ctx->row->column[COL_INDICATORS] + ctx->column_at;
}

static void
check_label (ItemContext *ctx,
             JxIndicator *indicator,
             const char  *code,
             const JxCode  *c,
             const char  *field)
{
  Importer *self = ctx->self;
  g_autofree char *label = NULL;
  const char *expected;

  if (self->taxonomy == NULL || c->label_start == c->label_end ||
      jx_text_label_matches (self->taxonomy, code, c->label_start, c->label_end))
    return;
  label = g_strndup (c->label_start, c->label_end - c->label_start);
  expected = jx_taxonomy_get_name_for_code (self->taxonomy, code, FALSE);
  project_finding (self, "import-category-name", ctx->row, item_column (ctx, c->code_start), JX_NODE (indicator),
                   field,
                   expected != NULL
                   ? g_strdup_printf (_("“%s”, indicator %u: the table prints “%s-%s”, but %s is “%s” in the "
                                        "scheme; the code was kept."),
                                      ctx->project_name, ctx->serial, code, label, code, expected)
                   : g_strdup_printf (_("“%s”, indicator %u: the table prints “%s-%s”, a code the scheme does "
                                        "not have; it was kept."),
                                      ctx->project_name, ctx->serial, code, label),
                   TRUE);
}

/* Proper prefix of a value label, at least two characters: what is left of
 * “年度指标值” when a page break cuts it. */
static gboolean
is_label_prefix (const char *s,
                 const char *e)
{
  static const char *labels[] = { LABEL_CYCLE, LABEL_ANNUAL };
  gsize n = e - s;

  if (g_utf8_strlen (s, n) < 2)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (n < strlen (labels[i]) && memcmp (labels[i], s, n) == 0)
      return TRUE;
  return FALSE;
}

/* Strips blanks, separators and one closing 。 from the end of an item. */
static void
trim_item_end (const char  *s,
               const char **e)
{
  trim_end (s, e, TRUE);
  if (literal_before (s, *e, FULL_STOP))
    *e -= strlen (FULL_STOP);
  trim_end (s, e, TRUE);
}

/* The first @label in [p, e), or @e. */
static const char *
find_label (const char  *p,
            const char  *e,
            const char  *label)
{
  gsize n = strlen (label);

  while ((gsize) (e - p) >= n)
    {
      /* The labels' second bytes are rare: look for them, not for the
       * lead byte most CJK characters share. */
      const char *hit = memchr (p + 1, label[1], (e - p) - n + 1);

      if (hit == NULL)
        break;
      if (memcmp (hit - 1, label, n) == 0)
        return hit - 1;
      p = hit;
    }
  return e;
}

/* A code (at most three digits, see jx_text_read_code()) into @buf. Not
 * g_strlcpy(): that measures the whole rest of the cell. */
static void
copy_code (char        buf[8],
           const JxCode *c)
{
  gsize n = MIN ((gsize) (c->code_end - c->code_start), 7);

  memcpy (buf, c->code_start, n);
  buf[n] = '\0';
}

/* [s, e) as a string for a setter (which copies it), shortened if it is
 * longer than a field can be; valid until the next call. */
static const char *
scratch_text (Importer   *self,
              const char *s,
              const char *e,
              guint       line)
{
  g_string_truncate (self->scratch, 0);
  g_string_append_len (self->scratch, s, e - s);
  return cap_text (self, self->scratch->str, line, -1, NULL, NULL);
}

static void
parse_item (ItemContext *ctx,
            const char  *b,
            const char  *e,
            gboolean     last)
{
  Importer *self = ctx->self;
  g_autoptr(JxIndicator) indicator = NULL;
  g_autoptr(GString) repeats = NULL;
  g_autofree char *cut = NULL;
  const char *cut_at = NULL;
  char cat[8] = "", sub[8] = "", id[24];
  const char *name_start, *name_end;
  const char *cycle_start = NULL, *cycle_end = NULL, *annual_start = NULL, *annual_end = NULL;
  JxCode codes[2];
  guint n_codes = 0;
  const char *first_repeat = NULL;
  guint repeat_kinds = 0;   /* 1: cycle, 2: annual */
  const char *p, *head_end, *next_cycle, *next_annual;
  guint n_labels = 0;
  gboolean has_values;

  trim_item_end (b, &e);

  if (last)
    {
      /* “…; 年度” at the very end of the list: the rest of the label and its
       * value were lost at a page break. */
      const char *t = e, *stop = e - MIN ((gsize) (e - b), 64);

      while (t > stop && separator_before (b, t) == 0 && !literal_before (b, t, FULL_STOP))
        t--;
      if (t > stop)
        {
          const char *fs = jx_text_skip_spaces (t, e);
          if (is_label_prefix (fs, e))
            {
              cut = g_strndup (fs, e - fs);
              cut_at = fs;
              e = t - (separator_before (b, t) ? separator_before (b, t) : strlen (FULL_STOP));
              trim_item_end (b, &e);
            }
        }
    }

  next_cycle = find_label (b, e, LABEL_CYCLE);
  next_annual = find_label (b, e, LABEL_ANNUAL);
  head_end = MIN (next_cycle, next_annual);
  has_values = head_end < e;

  /* The head: “1-产出指标; 11-数量指标; 足额发放率” */
  p = skip_blanks (b, head_end);
  while (n_codes < 2 && p < head_end)
    {
      const char *q = p;
      JxCode c;

      if (!jx_text_read_code (&q, head_end, &c))
        break;
      /* A second code is a sub-category: more digits than the first. */
      if (n_codes == 1 && (c.code_end - c.code_start) <= (codes[0].code_end - codes[0].code_start))
        break;
      codes[n_codes++] = c;
      p = q;
      if (n_codes == 1 && self->taxonomy != NULL)
        {
          /* “1-产出指标11-…” is cut by read_code; “11-数量指标足额发放率” here. */
          char code[8];

          copy_code (code, &c);
          split_label (self->taxonomy, code, &codes[0], &p);
        }
      p = skip_blanks (p, head_end);
    }
  /* Codes have at most three digits (read_code). */
  if (n_codes == 2 || (n_codes == 1 && codes[0].code_end - codes[0].code_start == 1))
    copy_code (cat, &codes[0]);
  if (n_codes == 2)
    copy_code (sub, &codes[1]);
  else if (n_codes == 1 && *cat == '\0')
    copy_code (sub, &codes[0]);
  if (n_codes == 2)
    {
      const char *q = codes[1].label_end;

      split_label (self->taxonomy, sub, &codes[1], &q);
      p = skip_blanks (q, head_end);
    }
  /* The cell is collapsed already: parts of it only need trimming. */
  name_start = p;
  name_end = head_end;
  trim (&name_start, &name_end, TRUE);

  if (*cat == '\0' && *sub == '\0' && name_start == name_end && !has_values)
    return;   /* nothing but a number */

  /* The values, found by their labels: separators vary, and a value may
   * hold any of them (“…站位,切实保障…”). */
  p = head_end;
  while (p < e)
    {
      gboolean is_cycle = next_cycle <= next_annual;
      const char *label = is_cycle ? LABEL_CYCLE : LABEL_ANNUAL;
      const char *v = p + strlen (label), *ve;

      if (is_cycle)
        next_cycle = find_label (v, e, LABEL_CYCLE);
      else
        next_annual = find_label (v, e, LABEL_ANNUAL);
      ve = MIN (next_cycle, next_annual);
      v = jx_text_skip_spaces (v, ve);
      if (jx_text_separator_at (v, ve) > 0)
        v = jx_text_skip_spaces (v + jx_text_separator_at (v, ve), ve);
      trim_end (v, &ve, TRUE);
      n_labels++;

      if (is_cycle && cycle_start == NULL)
        {
          cycle_start = v;
          cycle_end = ve;
        }
      else if (!is_cycle && annual_start == NULL)
        {
          annual_start = v;
          annual_end = ve;
        }
      else
        {
          if (first_repeat == NULL)
            first_repeat = p;
          repeat_kinds |= is_cycle ? 1 : 2;
          if (repeats == NULL)
            repeats = g_string_new (NULL);
          else
            g_string_append (repeats, "; ");
          g_string_append (repeats, label);
          g_string_append_c (repeats, ':');
          g_string_append_len (repeats, v, ve - v);
        }
      p = MIN (next_cycle, next_annual);
    }

  indicator = jx_indicator_new (cat, sub, scratch_text (self, name_start, name_end, ctx->row->line));
  g_snprintf (id, sizeof id, "i%u", ++self->n_indicators);
  jx_node_set_id (JX_NODE (indicator), id);
  jx_node_set_line (JX_NODE (indicator), ctx->row->line);
  if (cycle_start != NULL)
    jx_indicator_set_cycle_value (indicator, scratch_text (self, cycle_start, cycle_end, ctx->row->line));
  if (annual_start != NULL)
    jx_indicator_set_annual_value (indicator, scratch_text (self, annual_start, annual_end, ctx->row->line));
  jx_node_batch_append (&ctx->indicators, JX_NODE (ctx->project), JX_NODE (indicator));

  if (*cat != '\0' && n_codes > 0)
    check_label (ctx, indicator, cat, &codes[0], "category");
  if (*sub != '\0' && n_codes > 0)
    check_label (ctx, indicator, sub, &codes[n_codes - 1], "subcategory");

  if (repeats != NULL)
    {
      g_autofree char *quoted = excerpt (repeats->str, 50);
      g_autofree char *text = excerpt (repeats->str, MAX_FIELD_CHARS / 4);
      const char *field = repeat_kinds == 1 ? "cycle-value" : repeat_kinds == 2 ? "annual-value" : NULL;

      add_finding (self, "import-duplicate-fragment", ctx->row->line, item_column (ctx, first_repeat), -1,
                   JX_NODE (indicator), field,
                   g_strdup_printf (_("“%s”, indicator %u: a value is repeated; the first was kept, the repeats "
                                      "are kept as a comment: %s"),
                                    ctx->project_name, ctx->serial, quoted),
                   /* Translators: a comment the importer adds to an indicator */
                   g_strdup_printf (_("The published table (line %u) repeats values of this indicator; the first "
                                      "of each was kept. The repeats: %s"),
                                    ctx->row->line, text));
    }
  if (cut != NULL)
    add_finding (self, "import-cut-cell", ctx->row->line, item_column (ctx, cut_at), -1, JX_NODE (indicator),
                 NULL,
                 g_strdup_printf (_("“%s”, indicator %u: the indicators end with an incomplete fragment, probably "
                                    "cut at a page break: “%s”"),
                                  ctx->project_name, ctx->serial, cut),
                 /* Translators: a comment the importer adds to an indicator */
                 g_strdup_printf (_("In the published table (line %u) this cell ends with an incomplete fragment, "
                                    "probably cut at a page break: “%s”"),
                                  ctx->row->line, cut));
  else if (last && n_labels == 0 && ctx->row->before_page_break)
    project_finding (self, "import-cut-cell", ctx->row, item_column (ctx, b), JX_NODE (indicator), NULL,
                     g_strdup_printf (_("“%s”, indicator %u: the indicators stop before its values, probably cut "
                                        "at a page break."),
                                      ctx->project_name, ctx->serial),
                     FALSE);
  ctx->serial++;
}

static void
fill_indicators (Importer  *self,
                 Row       *row,
                 JxProject *project)
{
  g_autoptr(GArray) shifts = g_array_new (FALSE, FALSE, sizeof (Shift));
  g_autofree char *cell = collapse_wraps_mapped (row->cell[COL_INDICATORS],
                                                 row->cell[COL_INDICATORS] + strlen (row->cell[COL_INDICATORS]),
                                                 shifts);
  g_autofree char *name = excerpt (jx_project_get_name (project), 40);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  const char *e = cell + strlen (cell);
  ItemContext ctx = { self, row, project, name, 1, cell, shifts, 0, 0, 0 };

  if (*cell == '\0')
    return;
  split_items (cell, e, items);
  {
    const char *first = items->len > 0 ? g_array_index (items, Item, 0).start : e;
    const char *a = cell, *b = first;

    trim (&a, &b, TRUE);
    if (a < b)
      {
        /* Text before the first item, or a list without items. */
        g_autofree char *text = cap_text (self, g_strndup (a, b - a), row->line, -1, JX_NODE (project), NULL);
        g_autofree char *quoted = excerpt (text, 60);
        char *message = g_strdup_printf (_("“%s”: text in the 绩效指标 column that is no indicator was kept as a "
                                           "comment: “%s”"), name, quoted);
        add_finding (self, "import-unplaced-text", row->line, item_column (&ctx, a), -1, JX_NODE (project), NULL,
                     message,
                     g_strdup_printf (_("Text from line %u that could not be placed in the table: “%s”"),
                                      row->line, text));
      }
  }
  for (guint i = 0; i < items->len; i++)
    {
      const char *b = g_array_index (items, Item, i).body;
      const char *end = i + 1 < items->len ? g_array_index (items, Item, i + 1).start : e;

      parse_item (&ctx, b, end, i + 1 == items->len);
    }
  jx_node_batch_clear (&ctx.indicators);
}

static gboolean
is_confidential (JxProject *project)
{
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);
  gboolean all_secret = n > 0;

  if (strstr (jx_project_get_name (project), "-SM-") != NULL ||
      g_str_has_prefix (jx_project_get_goal (project), "此为涉密"))
    return TRUE;
  for (guint i = 0; i < n && all_secret; i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);
      const char *values[] = { jx_indicator_get_cycle_value (indicator), jx_indicator_get_annual_value (indicator) };

      for (guint k = 0; k < 2; k++)
        if (*values[k] != '\0' && !g_str_equal (values[k], "涉密项目"))
          all_secret = FALSE;
    }
  return all_secret;
}

static void
fill_project (Importer  *self,
              Row       *row,
              JxProject *project)
{
  char *goal;

  if (*jx_project_get_name (project) == '\0')
    project_finding (self, "import-missing-name", row, 1, JX_NODE (project), "name",
                     g_strdup (_("A project row has no name; the project was imported without one. Fill it in "
                                 "from the published table.")),
                     FALSE);
  fill_amounts (self, row, project);
  goal = collapse_wraps (row->cell[COL_GOAL], row->cell[COL_GOAL] + strlen (row->cell[COL_GOAL]));
  jx_project_set_goal (project, cap_text (self, goal, row->line, -1, JX_NODE (project), "goal"));
  g_free (goal);
  fill_indicators (self, row, project);
  if (row->extra != NULL)
    {
      g_autofree char *text = cap_text (self, g_strndup (row->extra->str, row->extra->len), row->line, -1,
                                        JX_NODE (project), NULL);
      g_autofree char *quoted = excerpt (text, 60);
      g_autofree char *name = excerpt (jx_project_get_name (project), 40);
      add_finding (self, "import-unplaced-text", row->line, 0, -1, JX_NODE (project), NULL,
                   g_strdup_printf (_("“%s”: cells beyond the 绩效指标 column were kept as a comment: “%s”"),
                                    name, quoted),
                   g_strdup_printf (_("Text from line %u that could not be placed in the table: “%s”"),
                                    row->line, text));
    }
  jx_project_set_confidential (project, is_confidential (project));
}

/* ------------------------------------------------------------------------
 * Building the document
 * ------------------------------------------------------------------------ */

char *
jx_import_annotation_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64 / 2, &seconds, NULL))
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc ((gint64) seconds);
      g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
      g_autoptr(GDateTime) local = t ? g_date_time_to_timezone (t, tz) : NULL;

      if (local != NULL)
        return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
    }
  return jx_annotation_now ();
}

static void
check_unit_totals (Importer      *self,
                   JxDocument    *doc,
                   Row           *row,
                   JxFundingUnit *unit)
{
  JxMoney printed;
  g_autofree char *name = excerpt (jx_funding_unit_get_name (unit), 40);

  if (row == NULL)
    return;
  if (!row_total (row, &printed))
    {
      const char *text = row->state[COL_TOTAL] == AMOUNT_BAD ? row->cell[COL_TOTAL] : "";
      add_finding (self, "import-amount-unreadable", row->line, row->column[COL_TOTAL], -1, NULL, NULL,
                   g_strdup_printf (_("The total “%s” of the funding unit “%s” could not be read; it is the sum "
                                      "of its projects."), text, name),
                   NULL);
      return;
    }
  if (printed != jx_funding_unit_get_total (unit))
    {
      g_autofree char *p = jx_money_format (printed);
      g_autofree char *s = jx_money_format (jx_funding_unit_get_total (unit));
      char *message = g_strdup_printf (_("The published total of the funding unit “%s” is %s, but its projects "
                                         "add up to %s."), name, p, s);
      add_finding (self, "import-total-mismatch", row->line, row->column[COL_TOTAL], -1, NULL, NULL, message,
                   note_for (row->line, message));
    }
}

static JxFundingUnit *
new_unit (JxDocument *doc,
          const char *name,
          guint       line,
          guint      *n_units)
{
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new (name);
  g_autofree char *id = g_strdup_printf ("u%u", ++*n_units);

  jx_node_set_id (JX_NODE (unit), id);
  jx_node_set_line (JX_NODE (unit), line);
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  return unit;   /* the document holds it */
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const Finding *fa = a, *fb = b;

  if (fa->line != fb->line)
    return fa->line < fb->line ? -1 : 1;
  return fa->seq < fb->seq ? -1 : (fa->seq > fb->seq);
}

static JxDocument *
build_document (Importer  *self,
                GPtrArray *warnings)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  JxFundingUnit *unit = NULL;
  Row *unit_row = NULL;
  guint n_units = 0, n_projects = 0, n_notes = 0, n_listed = 0;
  int year = 0;

  /* The title: “<部门>2024年项目支出绩效目标表…”. */
  if (self->title != NULL)
    {
      for (const char *p = self->title; *p; p++)
        if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
            g_ascii_isdigit (p[3]) && (p == self->title || !g_ascii_isdigit (p[-1])) &&
            !g_ascii_isdigit (p[4]) && literal_at (jx_text_skip_spaces (p + 4, p + strlen (p)), p + strlen (p), "年"))
          {
            year = (int) g_ascii_strtoll (p, NULL, 10);
            if (self->department == NULL && p > self->title)
              self->department = g_strndup (self->title, p - self->title);
            break;
          }
    }
  if (year == 0)
    add_finding (self, "import-no-year", self->title_line, 0, -1, NULL, NULL,
                 g_strdup (_("The title names no year (such as “2024年”); set the year by hand.")), NULL);

  jx_document_set_year (doc, year);
  jx_document_set_title (doc, self->title);
  jx_document_set_department (doc, self->department);
  jx_document_set_unit (doc, self->unit ? self->unit : JX_DOCUMENT_DEFAULT_UNIT);
  jx_document_set_taxonomy (doc, JX_TAXONOMY_DEFAULT_ID);

  classify_rows (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      g_autoptr(JxProject) project = NULL;
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;

      if (row->kind == ROW_UNIT)
        {
          if (unit != NULL)
            check_unit_totals (self, doc, unit_row, unit);
          name = collapse_wraps (row->cell[COL_NAME], row->cell[COL_NAME] + strlen (row->cell[COL_NAME]));
          unit = new_unit (doc, cap_text (self, name, row->line, -1, NULL, NULL), row->line, &n_units);
          unit_row = row;
          row->node = JX_NODE (unit);
          continue;
        }

      if (unit == NULL)
        {
          const char *dept = self->department ? self->department : "";
          unit = new_unit (doc, dept, row->line, &n_units);
          unit_row = NULL;
          add_finding (self, "import-default-unit", row->line, 0, -1, NULL, NULL,
                       g_strdup_printf (_("No funding-unit row comes before this project; the projects up to the "
                                          "next one were put in a funding unit named “%s”."), dept),
                       NULL);
        }

      name = collapse_wraps (row->cell[COL_NAME], row->cell[COL_NAME] + strlen (row->cell[COL_NAME]));
      project = jx_project_new (cap_text (self, name, row->line, -1, NULL, NULL));
      id = g_strdup_printf ("p%u", ++n_projects);
      jx_node_set_id (JX_NODE (project), id);
      jx_node_set_line (JX_NODE (project), row->line);
      jx_node_append_child (JX_NODE (unit), JX_NODE (project));
      row->node = JX_NODE (project);
      fill_project (self, row, project);
    }
  if (unit != NULL)
    check_unit_totals (self, doc, unit_row, unit);

  if (self->have_grand)
    {
      if (self->grand_state == AMOUNT_OK && self->grand_total != jx_document_get_total (doc))
        {
          g_autofree char *p = jx_money_format (self->grand_total);
          g_autofree char *s = jx_money_format (jx_document_get_total (doc));
          char *message = g_strdup_printf (_("The published 合计 is %s, but the projects add up to %s."), p, s);
          add_finding (self, "import-total-mismatch", self->grand_line, 0, -1, NULL, NULL, message,
                       note_for (self->grand_line, message));
        }
      else if (self->grand_state == AMOUNT_BAD)
        add_finding (self, "import-amount-unreadable", self->grand_line, 0, -1, NULL, NULL,
                     g_strdup_printf (_("The 合计 “%s” could not be read; it is the sum of the projects."),
                                      self->grand_text),
                     NULL);
    }

  /* Findings in the order of the text: annotations, then warnings. */
  g_array_sort (self->findings, compare_findings);
  for (guint i = 0; i < self->findings->len; i++)
    {
      Finding *f = &g_array_index (self->findings, Finding, i);
      JxNode *target = f->node;

      if (target == NULL && f->row >= 0)
        {
          Row *row = &g_array_index (self->rows, Row, f->row);
          /* Comments go on projects and indicators; a unit's on the table. */
          target = row->kind == ROW_PROJECT ? row->node : NULL;
        }

      if (f->note != NULL)
        {
          g_autoptr(JxAnnotation) note = NULL;
          g_autofree char *id = g_strdup_printf ("a%u", ++n_notes);

          note = jx_annotation_new (target ? jx_node_get_id (target) : "", target ? f->field : NULL,
                                    JX_IMPORT_AUTHOR, self->now, f->note);
          jx_node_set_id (JX_NODE (note), id);
          jx_node_set_line (JX_NODE (note), f->line);
          jx_node_append_child (JX_NODE (doc), JX_NODE (note));
        }

      if (warnings != NULL && n_listed < MAX_WARNINGS)
        {
          JxNode *about = target ? target : (f->row >= 0 ? g_array_index (self->rows, Row, f->row).node : NULL);

          g_ptr_array_add (warnings, jx_problem_new (JX_SEVERITY_WARNING, f->rule, f->line, f->column,
                                                     about ? jx_node_get_id (about) : NULL,
                                                     f->field, f->message));
          n_listed++;
        }
    }
  if (warnings != NULL && self->findings->len > n_listed)
    {
      guint more = self->findings->len - n_listed;
      /* Translators: %u is a count of warnings */
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u more warning was not listed.",
                                                               "%u more warnings were not listed.",
                                                               more), more);

      g_ptr_array_add (warnings, jx_problem_new (JX_SEVERITY_WARNING, "import-too-many-warnings", 0, 0, NULL, NULL,
                                                 message));
    }

  return g_steal_pointer (&doc);
}

/* Row-per-indicator tables (Sichuan's 申报表, the central and plain
 * layouts; pipe, TSV or space-run columns) have a header naming 三级指标:
 * they are read by the row reader (jx-rows.h), the one the app pastes with,
 * into a document of the template their columns fit. FALSE when the text is
 * not such a table (the published Guangdong layout is read below). */
/* Refuse rather than invent: rows of another layout (a single-project
 * form's label/value pairs, another province's columns) read as this one
 * give projects named after labels ("主管部门", "产出指标"). */
static gboolean
layout_recognised (JxDocument  *doc,
                   GError     **error)
{
  static const char * const labels[] = {
    "项目名称", "主管部门", "实施单位", "单位名称", "项目属性", "实施期", "年度资金总额", "资金总额",
    "其中", "财政拨款", "其他资金", "绩效目标", "年度目标", "总体目标", "中长期目标", "一级指标",
    "二级指标", "三级指标", "产出指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标",
    "成本指标", "指标值", "指标性质", "度量单位", "权重", "分值", "合计", "年度",
  };
  GListModel *units = jx_document_get_units (doc);

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          g_autofree char *name = g_strstrip (g_strdup (jx_project_get_name (project)));

          if (g_str_has_suffix (name, "：") || g_str_has_suffix (name, ":"))
            name[strlen (name) - (g_str_has_suffix (name, ":") ? 1 : strlen ("："))] = '\0';
          for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
            if (g_str_equal (name, labels[k]))
              {
                g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE,
                             _("Line %u: a project would be named “%s”, which is a column or field "
                               "label: the text is not laid out as a published 项目支出绩效目标表 (项目名称, "
                               "总计, the funding sources, 绩效目标, 绩效指标), nor as a table of one "
                               "indicator per row with a header naming 三级指标. Nothing was imported."),
                             jx_node_get_line (JX_NODE (project)), labels[k]);
                return FALSE;
              }
        }
    }
  return TRUE;
}

static int
compare_problem_lines (gconstpointer a,
                       gconstpointer b)
{
  const JxProblem *pa = *(const JxProblem * const *) a;
  const JxProblem *pb = *(const JxProblem * const *) b;

  return (pa->line > pb->line) - (pa->line < pb->line);
}

void
jx_import_sort_warnings (GPtrArray *warnings)
{
  g_ptr_array_sort (warnings, compare_problem_lines);
}

const char *
jx_import_template_for_columns (const JxRowsTable *table)
{
  static const JxRowsColumnKind structured[] = {
    JX_ROWS_COLUMN_COMPARATOR, JX_ROWS_COLUMN_MEASURE, JX_ROWS_COLUMN_WEIGHT, JX_ROWS_COLUMN_DIRECTION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (structured); i++)
    if (jx_rows_table_find (table, structured[i], 0) >= 0)
      return "sichuan";
  int cycle = jx_rows_table_find (table, JX_ROWS_COLUMN_CYCLE_VALUE, 0);

  if (jx_rows_table_find (table, JX_ROWS_COLUMN_LONG_TERM, 0) >= 0 ||
      (cycle >= 0 && g_str_has_prefix (table->columns[cycle].header, "中长期")))
    return "central";
  if (cycle >= 0)
    return JX_TEMPLATE_DEFAULT_ID;
  return "plain";
}

/* The title above a row table ("| 部门预算项目绩效目标申报表(2023年度) | |"):
 * the first line before the header with text in one cell only, not the
 * unit's line; and the year it names. */
static void
read_title (JxDocument *doc,
            const char *utf8,
            gsize       len,
            guint       header_line)
{
  const char *p = utf8, *end = utf8 + len;

  for (guint line = 1; line < header_line && p < end; line++)
    {
      const char *eol = memchr (p, '\n', end - p);
      /* A form feed (a page break, kept by the control-character pass) is no
       * character XML can hold: within a title, a space. */
      g_autofree char *raw = g_strdelimit (g_strndup (p, (eol ? eol : end) - p), "\f", ' ');
      g_auto(GStrv) cells = g_regex_split_simple ("[|\t]", raw, 0, 0);
      const char *text = NULL;
      guint filled = 0;

      p = eol ? eol + 1 : end;
      for (guint i = 0; cells[i] != NULL; i++)
        if (*g_strstrip (cells[i]) != '\0')
          {
            filled++;
            text = cells[i];
          }
      if (filled != 1 || strstr (text, "单位") != NULL || !g_utf8_validate (text, -1, NULL) ||
          g_utf8_strlen (text, -1) < 6 || strstr (text, "://") != NULL)
        continue;
      jx_document_set_title (doc, text);
      for (const char *q = text; *q != '\0'; q++)
        if (g_ascii_isdigit (q[0]) && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) &&
            g_ascii_isdigit (q[3]) && !g_ascii_isdigit (q[4]) && g_str_has_prefix (q + 4, "年") &&
            (q == text || !g_ascii_isdigit (q[-1])))
          {
            jx_document_set_year (doc, (int) g_ascii_strtoll (q, NULL, 10));
            break;
          }
      return;
    }
}

/* How far into the text the header of a row table may start. */
#define ROWS_HEADER_WINDOW (64 * 1024)

static gboolean
import_rows_layout (const char  *utf8,
                    gsize        len,
                    GPtrArray   *warnings,
                    JxDocument **out,
                    GError     **error)
{
  g_autoptr(JxDocument) probe = NULL;
  g_autoptr(JxRowsTable) table = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxDocument) fragment = NULL;
  JxRowsContent content = JX_ROWS_CONTENT_PROJECTS;
  JxTemplate *template;
  guint decimals;

  *out = NULL;
  /* The header comes first: a text without 三级指标 near its start is not
   * such a table, and is not read twice (the published layout can be
   * tens of megabytes). */
  if (g_strstr_len (utf8, MIN (len, ROWS_HEADER_WINDOW), "三级指标") == NULL)
    return FALSE;
  probe = jx_document_new_for_template (jx_template_get_builtin ("sichuan", NULL));
  table = jx_rows_read (utf8, len, probe, NULL, NULL);
  if (table == NULL || table->header_record == 0 ||
      jx_rows_table_find (table, JX_ROWS_COLUMN_INDICATOR, 0) < 0)
    return FALSE;

  template = jx_template_get_builtin (jx_import_template_for_columns (table), NULL);
  doc = jx_document_new_for_template (template);
  if (table->amount_unit != NULL)
    jx_document_set_unit (doc, table->amount_unit);
  /* Amounts to the 元 in a 万元 table ("6923.3552"): kept exactly, to four
   * decimals, never rounded. */
  decimals = jx_rows_table_amount_decimals (table);
  if (decimals > jx_document_get_decimals (doc) && decimals <= JX_MONEY_MAX_DECIMALS)
    jx_document_set_decimals (doc, JX_MONEY_MAX_DECIMALS);
  /* Again with the template's sources, and the findings kept this time. */
  g_clear_pointer (&table, jx_rows_table_free);
  table = jx_rows_read (utf8, len, doc, warnings, &local);
  if (table != NULL)
    fragment = jx_rows_build (table, doc, &content, warnings, &local);
  if (fragment == NULL || content != JX_ROWS_CONTENT_PROJECTS)
    {
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE,
                   _("The text is a table of one indicator per row (its header names 三级指标), but %s "
                     "Nothing was imported."),
                   local != NULL ? local->message : _("no row names a project (项目名称)."));
      return TRUE;
    }
  if (jx_document_get_n_indicators (fragment) == 0)
    {
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE,
                   _("The table has a column of indicators (三级指标), but no row under it gives one: "
                     "%u projects and no indicator. Nothing was imported; check the text."),
                   jx_document_get_n_projects (fragment));
      return TRUE;
    }
  if (table->layout != JX_ROWS_LAYOUT_TSV)
    read_title (fragment, utf8, len, table->header_record);
  jx_node_assign_ids (JX_NODE (fragment), fragment);
  jx_history_set_save_point (jx_document_get_history (fragment));
  if (warnings != NULL)
    {
      /* In a text file a row's number is its line. */
      g_autofree char *message = g_strdup_printf (_("A table of one indicator per row: read as a “%s” (%s) "
                                                    "table, by its columns."),
                                                  jx_template_get_label (template), jx_template_get_id (template));

      if (jx_document_get_decimals (fragment) != jx_template_get_decimals (template))
        {
          g_autofree char *with = g_strdup_printf (_("%s Its amounts are kept to %u decimals, as printed."),
                                                   message, jx_document_get_decimals (fragment));

          g_free (message);
          message = g_steal_pointer (&with);
        }

      g_ptr_array_add (warnings, jx_problem_new (JX_SEVERITY_WARNING, "import-template", table->header_record,
                                                 0, NULL, NULL, message));
      g_ptr_array_sort (warnings, compare_problem_lines);
    }
  *out = g_steal_pointer (&fragment);
  return TRUE;
}

JxDocument *
jx_import_text (const char  *text,
                gsize        len,
                const char  *origin,
                GPtrArray   *warnings,
                GError     **error)
{
  Importer self = { 0 };
  g_autofree char *decoded = NULL;
  const char *utf8;
  JxDocument *doc = NULL;
  g_autoptr(GError) tax_error = NULL;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self.origin = origin;
  self.rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self.rows, (GDestroyNotify) row_clear);
  self.findings = g_array_new (FALSE, TRUE, sizeof (Finding));
  g_array_set_clear_func (self.findings, (GDestroyNotify) finding_clear);
  self.last_row = -1;
  self.chunk = g_string_chunk_new (1024 * 1024);
  self.scratch = g_string_new (NULL);

  if (len == 0 || is_blank (text, text + len))
    {
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_EMPTY,
                   _("The text is empty: there is no table to import. Choose the text extracted from the "
                     "published table."));
      goto out;
    }

  utf8 = decode (&self, text, len, &self.len, &decoded, error);
  if (utf8 == NULL)
    goto out;
  self.text = utf8;
  self.taxonomy = jx_taxonomy_get_builtin (JX_TAXONOMY_DEFAULT_ID, &tax_error);
  if (self.taxonomy == NULL)
    g_warning ("The built-in taxonomy is missing: %s", tax_error->message);
  self.now = jx_import_annotation_time ();

  if (jx_import_forms (utf8, self.len, warnings, &doc, error))
    goto out;
  if (import_rows_layout (utf8, self.len, warnings, &doc, error))
    goto out;

  read_rows (&self);

  if (self.rows->len == 0 && !self.have_grand && !self.table_started)
    {
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Line %u is no row of a published table: no header (项目名称 … 绩效指标), no 合计 row "
                                "and no project row with amounts between tabs. Is this the text of a 项目支出绩效目标表?",
                                "None of the %u lines is a row of a published table: no header (项目名称 … 绩效指标), "
                                "no 合计 row and no project row with amounts between tabs. Is this the text of a "
                                "项目支出绩效目标表?",
                                self.n_lines),
                   self.n_lines);
      goto out;
    }

  doc = build_document (&self, warnings);
  if (doc != NULL && !layout_recognised (doc, error))
    g_clear_object (&doc);
  /* Refuse rather than invent: a header and nothing under it that is a
   * project (a comma-separated file, another layout) is no table. */
  if (doc != NULL && jx_document_get_n_projects (doc) == 0)
    {
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE,
                   _("No project row was found: the text has a header or a 合计 but no row with a project "
                     "name and amounts between tabs under it (a comma-separated file is not read: open it in "
                     "a spreadsheet and copy the rows, or save it as tab-separated text). Nothing was "
                     "imported."));
      g_clear_object (&doc);
    }

out:
  g_array_unref (self.rows);
  g_string_chunk_free (self.chunk);
  g_string_free (self.scratch, TRUE);
  g_array_unref (self.findings);
  g_free (self.now);
  g_free (self.title);
  g_free (self.department);
  g_free (self.unit);
  g_free (self.grand_text);
  return doc;
}

JxDocument *
jx_import_file (const char  *path,
                GPtrArray   *warnings,
                GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local = NULL;
  const char *contents;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_IO, _("Cannot read “%s”: %s"), path, local->message);
      return NULL;
    }
  contents = g_mapped_file_get_contents (file);
  return jx_import_text (contents ? contents : "", contents ? g_mapped_file_get_length (file) : 0, path,
                         warnings, error);
}
