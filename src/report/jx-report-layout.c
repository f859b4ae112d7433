/* jx-report-layout.c: a small paginated layout engine for reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-report"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "jx-pdf-writer.h"
#include "jx-report-canvas.h"
#include "jx-report-layout.h"

/* Fontconfig family list: Noto CJK first, then whatever the system has; a
 * character none of them holds still falls back through fontconfig. */
#define FONT_FAMILY "Noto Sans CJK SC,Noto Sans CJK,Noto Sans,sans-serif"

#define MARGIN_X      28.0
#define MARGIN_TOP    28.0
#define MARGIN_BOTTOM 22.0
#define FOOTER_GAP    8.0
#define CELL_PAD_X    3.0
#define CELL_PAD_Y    2.5
#define BORDER        0.5

#define HEADER_ROW G_MAXUINT

/* Below this share of a page left, a row that would fit on the next page
 * starts there instead of breaking. */
#define KEEP_ROOM 0.3

/* A cell's text laid out as pieces: one PangoLayout per paragraph, and
 * one per line for a paragraph longer than LONG_PARAGRAPH bytes. Pango
 * wraps a long paragraph in time quadratic in its length (it shapes the
 * rest of the paragraph again for every line) and measures in int units
 * of 1/1024 pt, which a 1 MB paragraph overflows; such a paragraph is
 * measured in segments of at most SEGMENT bytes and broken into lines
 * here, at the break opportunities Pango reports. */
#define LONG_PARAGRAPH 3000
#define SEGMENT        3000

/* Paginating lays out every row to measure it; drawing needs the same
 * layouts (shaping and line breaking are a third of a PDF's time), so the
 * measured layouts are kept for drawing, up to this many bytes of text:
 * they hold about 17 bytes per byte of text (the example's 40 KB keep
 * 0.7 MB). Rows past it are laid out again when drawn, one at a time. */
#define KEPT_BUDGET (512 * 1024)

typedef struct _Cell {
  GPtrArray *pieces;         /* of PangoLayout */
  guint     *first_line;     /* per piece: the index of its first line in the cell */
  double    *top;            /* per piece: its top in points from the cell's top */
} Cell;

typedef struct {
  JxReportStyle     style;
  JxReportRowFlags  flags;
  char            **cells;   /* n_cells, NULL: merged into the left cell */
  guint             n_cells;
  gsize             bytes;   /* of text in the cells */
  /* The layouts measured by paginate, kept to draw with (within
   * KEPT_BUDGET): n_kept cells, or NULL. */
  struct _Cell     *kept;
  guint             n_kept;
} Row;

typedef struct {
  guint           n_columns;
  double         *weights;
  PangoAlignment *aligns;
  gboolean        bordered;
  double          space_before;
  Row            *header;    /* nullable */
  GPtrArray      *rows;      /* of Row */
  double         *x;         /* n_columns + 1 column edges, set by paginate */
} Block;

/* A piece of a row placed on a page: whole, or lines [start, end) of each
 * cell when the row breaks across pages. */
typedef struct {
  guint   block;
  guint   row;               /* HEADER_ROW for the repeated header */
  double  y;
  double  height;
  guint  *lines;             /* NULL: the whole row; else 2 × n_columns: start, end */
} Slice;

typedef struct {
  GArray *slices;            /* of Slice */
} Page;

/* Drawing cache: the layouts of the last row drawn, so that a row broken
 * across many pages (a 1 MB goal) is laid out once, not once per page; the
 * repeated header has a slot of its own so it does not evict the row. */
typedef struct {
  guint  block;
  guint  row;
  Cell  *cells;
  guint  n_cells;
} RowCache;

struct _JxReportLayout
{
  GObject       parent_instance;

  double        width;
  double        height;
  char         *footer;
  GPtrArray    *blocks;      /* of Block */
  double        pending_space;

  PangoContext *context;
  GPtrArray    *pages;       /* of Page */

  /* What sync_context() last gave the context (see there). */
  PangoContext         *synced_context;   /* not a reference */
  cairo_font_options_t *synced_options;
  cairo_matrix_t        synced_matrix;

  RowCache      cache[2];    /* [0]: body rows, [1]: header rows */
};

G_DEFINE_FINAL_TYPE (JxReportLayout, jx_report_layout, G_TYPE_OBJECT)

static void free_cells (Cell *cells, guint n);

static void
row_forget (Row *row)
{
  if (row->kept)
    free_cells (g_steal_pointer (&row->kept), row->n_kept);
  row->n_kept = 0;
}

static void
row_free (Row *row)
{
  if (row == NULL)
    return;
  row_forget (row);
  /* cells may hold NULLs (merged cells) before its end: not a GStrv. */
  for (guint i = 0; i < row->n_cells; i++)
    g_free (row->cells[i]);
  g_free (row->cells);
  g_free (row);
}

static void
block_free (Block *block)
{
  g_free (block->weights);
  g_free (block->aligns);
  g_free (block->x);
  row_free (block->header);
  g_ptr_array_unref (block->rows);
  g_free (block);
}

static void
slice_clear (Slice *slice)
{
  g_free (slice->lines);
}

static void
page_free (Page *page)
{
  g_array_unref (page->slices);
  g_free (page);
}

static void
clear_cache (JxReportLayout *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->cache); i++)
    {
      RowCache *cache = &self->cache[i];

      if (cache->cells)
        free_cells (g_steal_pointer (&cache->cells), cache->n_cells);
      cache->n_cells = 0;
      cache->block = G_MAXUINT;
      cache->row = G_MAXUINT;
    }
}

static void
jx_report_layout_finalize (GObject *object)
{
  JxReportLayout *self = JX_REPORT_LAYOUT (object);

  clear_cache (self);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->context);
  g_clear_pointer (&self->synced_options, cairo_font_options_destroy);
  g_ptr_array_unref (self->blocks);
  g_free (self->footer);

  G_OBJECT_CLASS (jx_report_layout_parent_class)->finalize (object);
}

static void
jx_report_layout_class_init (JxReportLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jx_report_layout_finalize;
}

static void
jx_report_layout_init (JxReportLayout *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  clear_cache (self);
}

JxReportLayout *
jx_report_layout_new_blank (double width_pt,
                            double height_pt)
{
  JxReportLayout *self;

  g_return_val_if_fail (width_pt > 4 * MARGIN_X && height_pt > 4 * MARGIN_TOP, NULL);

  self = g_object_new (JX_TYPE_REPORT_LAYOUT, NULL);
  self->width = width_pt;
  self->height = height_pt;
  return self;
}

double
jx_report_layout_get_page_width (JxReportLayout *self)
{
  g_return_val_if_fail (JX_IS_REPORT_LAYOUT (self), 0);
  return self->width;
}

double
jx_report_layout_get_page_height (JxReportLayout *self)
{
  g_return_val_if_fail (JX_IS_REPORT_LAYOUT (self), 0);
  return self->height;
}

void
jx_report_layout_set_footer (JxReportLayout *self,
                             const char     *format)
{
  g_return_if_fail (JX_IS_REPORT_LAYOUT (self));
  g_free (self->footer);
  self->footer = g_strdup (format);
}

static Row *
row_new (JxReportStyle       style,
         JxReportRowFlags    flags,
         guint               n_columns,
         const char * const *cells)
{
  Row *row = g_new0 (Row, 1);

  row->style = style;
  row->flags = flags;
  row->cells = g_new0 (char *, n_columns + 1);
  row->n_cells = n_columns;
  for (guint i = 0; i < n_columns; i++)
    {
      /* The first cell is never merged: there is nothing on its left. */
      row->cells[i] = cells[i] ? g_strdup (cells[i]) : (i == 0 ? g_strdup ("") : NULL);
      row->bytes += row->cells[i] ? strlen (row->cells[i]) : 0;
    }
  return row;
}

/* NULL cells end a GStrv early; keep a separate count. */
static Block *
add_block (JxReportLayout       *self,
           guint                 n_columns,
           const double         *weights,
           const PangoAlignment *aligns,
           gboolean              bordered)
{
  Block *block = g_new0 (Block, 1);

  block->n_columns = n_columns;
  block->weights = g_memdup2 (weights, n_columns * sizeof (double));
  block->aligns = g_memdup2 (aligns, n_columns * sizeof (PangoAlignment));
  block->bordered = bordered;
  block->space_before = self->pending_space;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->pending_space = 0;
  g_ptr_array_add (self->blocks, block);

  /* A changed report needs paginating again. */
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  clear_cache (self);
  return block;
}

void
jx_report_layout_add_paragraph (JxReportLayout *self,
                                JxReportStyle   style,
                                PangoAlignment  align,
                                const char     *text)
{
  static const double weight = 1;
  const char *cells[] = { text ? text : "" };
  Block *block;

  g_return_if_fail (JX_IS_REPORT_LAYOUT (self));

  block = add_block (self, 1, &weight, &align, FALSE);
  g_ptr_array_add (block->rows, row_new (style, 0, 1, cells));
}

void
jx_report_layout_add_pair (JxReportLayout *self,
                           JxReportStyle   style,
                           const char     *left,
                           const char     *right)
{
  static const double weights[] = { 1, 1 };
  static const PangoAlignment aligns[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT };
  const char *cells[] = { left ? left : "", right ? right : "" };
  Block *block;

  g_return_if_fail (JX_IS_REPORT_LAYOUT (self));

  block = add_block (self, 2, weights, aligns, FALSE);
  g_ptr_array_add (block->rows, row_new (style, 0, 2, cells));
}

void
jx_report_layout_add_space (JxReportLayout *self,
                            double          points)
{
  g_return_if_fail (JX_IS_REPORT_LAYOUT (self));
  self->pending_space += MAX (points, 0);
}

void
jx_report_layout_begin_table (JxReportLayout       *self,
                              guint                 n_columns,
                              const double         *weights,
                              const PangoAlignment *aligns,
                              const char * const   *header)
{
  Block *block;

  g_return_if_fail (JX_IS_REPORT_LAYOUT (self));
  g_return_if_fail (n_columns > 0 && weights != NULL && aligns != NULL);

  block = add_block (self, n_columns, weights, aligns, TRUE);
  if (header != NULL)
    block->header = row_new (JX_REPORT_STYLE_HEADER, JX_REPORT_ROW_BOLD, n_columns, header);
}

void
jx_report_layout_add_row (JxReportLayout     *self,
                          JxReportRowFlags    flags,
                          const char * const *cells)
{
  Block *block;

  g_return_if_fail (JX_IS_REPORT_LAYOUT (self));
  g_return_if_fail (self->blocks->len > 0);
  g_return_if_fail (cells != NULL);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->bordered);
  g_ptr_array_add (block->rows, row_new (JX_REPORT_STYLE_BODY, flags, block->n_columns, cells));
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  clear_cache (self);
}

/* --- measuring ----------------------------------------------------------- */

static PangoFontDescription *
font_for (JxReportStyle    style,
          JxReportRowFlags flags)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  double size = 9;
  gboolean bold = (flags & JX_REPORT_ROW_BOLD) != 0;

  switch (style)
    {
    case JX_REPORT_STYLE_TITLE:   size = 18; bold = TRUE; break;
    case JX_REPORT_STYLE_HEADING: size = 13; bold = TRUE; break;
    case JX_REPORT_STYLE_LINE:    size = 11; break;
    case JX_REPORT_STYLE_HEADER:  size = 8.5; bold = TRUE; break;
    case JX_REPORT_STYLE_BODY:
    default:                      break;
    }
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return font;
}

static double
pad_x (const Block *block)
{
  return block->bordered ? CELL_PAD_X : 0;
}

static double
pad_y (const Block *block)
{
  return block->bordered ? CELL_PAD_Y : 1;
}

/* The right edge column of the cell starting at @col (merged cells follow). */
static guint
cell_end (const Block *block,
          const Row   *row,
          guint        col)
{
  guint end = col + 1;

  while (end < block->n_columns && row->cells[end] == NULL)
    end++;
  return end;
}

static PangoLayout *
new_piece (JxReportLayout             *self,
           const PangoFontDescription *font,
           double                      width,
           PangoAlignment              align,
           const char                 *text,
           int                         len)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width < 0 ? -1 : (int) (MAX (width, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, len);
  return layout;
}

/* The end of a segment starting at @p: the last character boundary at
 * most SEGMENT bytes on, or @end. */
static const char *
segment_end (const char *p,
             const char *end)
{
  if (end - p <= SEGMENT)
    return end;
  return g_utf8_find_prev_char (p, p + SEGMENT + 1);
}

/* Lines of a long paragraph per piece: a layout costs a fixed time to
 * make (font selection, itemizing), so not one per line. */
#define LINES_PER_PIECE 40

typedef struct {
  GString *text;
  guint    n_lines;
} Group;

static void
group_flush (JxReportLayout             *self,
             GPtrArray                  *pieces,
             Group                      *group,
             const PangoFontDescription *font,
             double                      width,
             PangoAlignment              align)
{
  if (group->n_lines == 0)
    return;
  g_ptr_array_add (pieces, new_piece (self, font, width, align, group->text->str, (int) group->text->len));
  g_string_truncate (group->text, 0);
  group->n_lines = 0;
}

static void
group_add (JxReportLayout             *self,
           GPtrArray                  *pieces,
           Group                      *group,
           const PangoFontDescription *font,
           double                      width,
           PangoAlignment              align,
           const char                 *line,
           gsize                       len)
{
  if (group->n_lines > 0)
    g_string_append_c (group->text, '\n');
  g_string_append_len (group->text, line, (gssize) len);
  if (++group->n_lines == LINES_PER_PIECE)
    group_flush (self, pieces, group, font, width, align);
}

/* Adds the lines of the long paragraph [@p, @end) to @pieces: broken here,
 * then joined by newlines in pieces of LINES_PER_PIECE lines, which Pango
 * lays out in linear time since each of its paragraphs is one line. */
static void
break_long_paragraph (JxReportLayout             *self,
                      GPtrArray                  *pieces,
                      const PangoFontDescription *font,
                      double                      width,
                      PangoAlignment              align,
                      const char                 *p,
                      const char                 *end)
{
  const int max = (int) (MAX (width, 1) * PANGO_SCALE);
  const char *line_start = p, *last_break = NULL;
  int line_width = 0, width_at_break = 0;
  Group group = { g_string_new (NULL), 0 };

  while (p < end)
    {
      const char *seg_end = segment_end (p, end);
      g_autoptr(PangoLayout) layout = new_piece (self, font, -1, align, p, (int) (seg_end - p));
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
      int n_attrs = 0, n_chars = (int) g_utf8_strlen (p, seg_end - p);
      const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
      g_autofree int *widths = g_new0 (int, n_chars + 1);
      const char *q = p;

      for (GSList *l = line ? line->runs : NULL; l; l = l->next)
        {
          PangoGlyphItem *run = l->data;
          glong first = g_utf8_pointer_to_offset (p, p + run->item->offset);

          if (first + run->item->num_chars <= n_chars)
            pango_glyph_string_get_logical_widths (run->glyphs, p + run->item->offset, run->item->length,
                                                   run->item->analysis.level, widths + first);
        }

      for (int i = 0; i < n_chars; i++, q = g_utf8_next_char (q))
        {
          if (i > 0 && i < n_attrs && attrs[i].is_line_break && q > line_start)
            {
              last_break = q;
              width_at_break = line_width;
            }
          if (line_width + widths[i] > max && q > line_start)
            {
              const char *cut = last_break ? last_break : q;

              group_add (self, pieces, &group, font, width, align, line_start, (gsize) (cut - line_start));
              line_width = last_break ? line_width - width_at_break : 0;
              line_start = cut;
              last_break = NULL;
            }
          line_width += widths[i];
        }
      p = seg_end;
    }
  if (line_start < end)
    group_add (self, pieces, &group, font, width, align, line_start, (gsize) (end - line_start));
  group_flush (self, pieces, &group, font, width, align);
  g_string_free (group.text, TRUE);
}

static GPtrArray *
layout_cell (JxReportLayout             *self,
             const PangoFontDescription *font,
             double                      width,
             PangoAlignment              align,
             const char                 *text)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_object_unref);
  const char *p = text;

  while (TRUE)
    {
      const char *nl = strchr (p, '\n');
      const char *para_end = nl ? nl : p + strlen (p);

      if (para_end - p > LONG_PARAGRAPH)
        break_long_paragraph (self, pieces, font, width, align, p, para_end);
      else
        g_ptr_array_add (pieces, new_piece (self, font, width, align, p, (int) (para_end - p)));
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  return pieces;
}

/* Layouts of @row's cells (no pieces for merged ones), n_columns of them. */
static Cell *
layout_row (JxReportLayout *self,
            const Block    *block,
            const Row      *row)
{
  g_autoptr(PangoFontDescription) font = font_for (row->style, row->flags);
  Cell *cells = g_new0 (Cell, block->n_columns);

  for (guint col = 0; col < block->n_columns; col++)
    {
      guint end;

      if (row->cells[col] == NULL)
        continue;
      end = cell_end (block, row, col);
      cells[col].pieces = layout_cell (self, font, block->x[end] - block->x[col] - 2 * pad_x (block),
                                       block->aligns[col], row->cells[col]);
    }
  return cells;
}

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->pieces, g_ptr_array_unref);
  g_clear_pointer (&cell->first_line, g_free);
  g_clear_pointer (&cell->top, g_free);
}

static void
free_cells (Cell  *cells,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    cell_clear (&cells[i]);
  g_free (cells);
}

/* Where each piece starts, so drawing the lines on page 300 of a long
 * cell does not walk the 299 pages before. */
static void
index_pieces (Cell *cell)
{
  guint line = 0;
  double top = 0;

  cell->first_line = g_new (guint, cell->pieces->len);
  cell->top = g_new (double, cell->pieces->len);
  for (guint p = 0; p < cell->pieces->len; p++)
    {
      PangoLayout *layout = g_ptr_array_index (cell->pieces, p);
      int height;

      cell->first_line[p] = line;
      cell->top[p] = top;
      pango_layout_get_size (layout, NULL, &height);
      line += pango_layout_get_line_count (layout);
      top += (double) height / PANGO_SCALE;
    }
}

/* The bottom of each line of @cell, in points from its top. */
static GArray *
line_bottoms (const Cell *cell)
{
  GArray *bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  double offset = 0;

  for (guint i = 0; i < cell->pieces->len; i++)
    {
      PangoLayoutIter *iter = pango_layout_get_iter (g_ptr_array_index (cell->pieces, i));
      double bottom = offset;

      do
        {
          int y0, y1;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          bottom = offset + (double) y1 / PANGO_SCALE;
          g_array_append_val (bottoms, bottom);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      offset = bottom;
    }
  return bottoms;
}

typedef struct {
  GArray **bottoms;          /* per cell, NULL for merged cells */
  guint    n;
} Measure;

static void
measure_clear (Measure *m)
{
  for (guint i = 0; i < m->n; i++)
    if (m->bottoms[i])
      g_array_unref (m->bottoms[i]);
  g_free (m->bottoms);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Measure, measure_clear)

/* Lays out @row and measures its lines into @m; keeps the layouts in the
 * row for drawing while @budget (bytes of text) lasts. */
static void
measure_row (JxReportLayout *self,
             const Block    *block,
             Row            *row,
             Measure        *m,
             gsize          *budget)
{
  Cell *cells = layout_row (self, block, row);

  m->n = block->n_columns;
  m->bottoms = g_new0 (GArray *, m->n);
  for (guint col = 0; col < m->n; col++)
    if (cells[col].pieces)
      m->bottoms[col] = line_bottoms (&cells[col]);
  row_forget (row);
  if (row->bytes > *budget)
    {
      free_cells (cells, block->n_columns);
      return;
    }
  *budget -= row->bytes;
  for (guint col = 0; col < block->n_columns; col++)
    if (cells[col].pieces)
      index_pieces (&cells[col]);
  row->kept = cells;
  row->n_kept = block->n_columns;
}

static double
line_top (GArray *bottoms,
          guint   i)
{
  return i == 0 ? 0 : g_array_index (bottoms, double, i - 1);
}

/* Height of lines [starts[c], n) of every cell, with padding. */
static double
rest_height (const Block   *block,
             const Measure *m,
             const guint   *starts)
{
  double h = 0;

  for (guint c = 0; c < m->n; c++)
    if (m->bottoms[c] && starts[c] < m->bottoms[c]->len)
      h = MAX (h, g_array_index (m->bottoms[c], double, m->bottoms[c]->len - 1)
                  - line_top (m->bottoms[c], starts[c]));
  return h + 2 * pad_y (block);
}

static gboolean
row_done (const Measure *m,
          const guint   *starts)
{
  for (guint c = 0; c < m->n; c++)
    if (m->bottoms[c] && starts[c] < m->bottoms[c]->len)
      return FALSE;
  return TRUE;
}

/* --- paginating ---------------------------------------------------------- */

typedef struct {
  JxReportLayout *self;
  Page           *page;
  double          y;
  double          top;
  double          bottom;
} Cursor;

static void
new_page (Cursor *cur)
{
  cur->page = g_new0 (Page, 1);
  cur->page->slices = g_array_new (FALSE, TRUE, sizeof (Slice));
  g_array_set_clear_func (cur->page->slices, (GDestroyNotify) slice_clear);
  g_ptr_array_add (cur->self->pages, cur->page);
  cur->y = cur->top;
}

static void
place (Cursor *cur,
       guint   block,
       guint   row,
       double  height,
       guint  *lines)
{
  Slice slice = { block, row, cur->y, height, lines };

  g_array_append_val (cur->page->slices, slice);
  cur->y += height;
}

static double
footer_height (JxReportLayout *self)
{
  return self->footer ? 11 + FOOTER_GAP : 0;
}

gboolean
jx_report_layout_paginate (JxReportLayout *self,
                           PangoContext   *context,
                           GCancellable   *cancellable,
                           JxProgressFunc  progress,
                           gpointer        user_data,
                           GError        **error)
{
  Cursor cur = { self };
  guint total_rows = 0, done_rows = 0;
  gsize budget = KEPT_BUDGET;
  double content_width = self->width - 2 * MARGIN_X;

  g_return_val_if_fail (JX_IS_REPORT_LAYOUT (self), FALSE);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), FALSE);

  if (context != self->synced_context)
    {
      self->synced_context = NULL;
      g_clear_pointer (&self->synced_options, cairo_font_options_destroy);
    }
  g_set_object (&self->context, context);
  /* The official table is Chinese (the PRC's): the same fonts and glyph
   * forms whatever the user's locale, and one font set per style rather
   * than one per language Pango would guess for each run of text. */
  if (!pango_language_matches (pango_context_get_language (context), "zh-cn"))
    pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  clear_cache (self);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);

  cur.top = MARGIN_TOP;
  cur.bottom = self->height - MARGIN_BOTTOM - footer_height (self);
  new_page (&cur);

  for (guint b = 0; b < self->blocks->len; b++)
    total_rows += ((Block *) g_ptr_array_index (self->blocks, b))->rows->len;

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (self->blocks, b);
      double sum = 0, x = MARGIN_X, header_h = 0;
      g_auto(Measure) header = { 0 };
      gboolean need_header = block->header != NULL;

      for (guint c = 0; c < block->n_columns; c++)
        sum += block->weights[c] > 0 ? block->weights[c] : 0;
      g_free (block->x);
      block->x = g_new (double, block->n_columns + 1);
      for (guint c = 0; c < block->n_columns; c++)
        {
          block->x[c] = x;
          x += sum > 0 ? content_width * MAX (block->weights[c], 0) / sum : 0;
        }
      block->x[block->n_columns] = MARGIN_X + content_width;

      if (block->header)
        {
          g_autofree guint *zero = g_new0 (guint, block->n_columns);

          measure_row (self, block, block->header, &header, &budget);
          header_h = rest_height (block, &header, zero);
        }
      if (cur.y > cur.top)
        cur.y += block->space_before;

      for (guint r = 0; r < block->rows->len; r++)
        {
          Row *row = g_ptr_array_index (block->rows, r);
          g_auto(Measure) m = { 0 };
          g_autofree guint *starts = g_new0 (guint, block->n_columns);
          gboolean broken = FALSE;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          measure_row (self, block, row, &m, &budget);
          while (!row_done (&m, starts))
            {
              double head = need_header ? header_h : 0;
              double avail = cur.bottom - cur.y - head;
              double full = cur.bottom - cur.top - header_h;
              double rest = rest_height (block, &m, starts);
              gboolean at_top = cur.y <= cur.top;
              g_autofree guint *lines = NULL;
              double used = 0;
              gboolean progress_made = FALSE;

              if (rest <= avail)
                {
                  if (need_header)
                    place (&cur, b, HEADER_ROW, header_h, NULL), need_header = FALSE;
                  if (broken)
                    {
                      lines = g_new (guint, 2 * block->n_columns);
                      for (guint c = 0; c < block->n_columns; c++)
                        {
                          lines[2 * c] = starts[c];
                          lines[2 * c + 1] = m.bottoms[c] ? m.bottoms[c]->len : 0;
                        }
                    }
                  place (&cur, b, r, rest, g_steal_pointer (&lines));
                  break;
                }
              /* A row that fits on a page goes to the next one when
               * little room is left here; otherwise it breaks here and
               * continues under the repeated header, as published
               * tables do, rather than leaving half a page empty. */
              if (!at_top && rest <= full && avail < KEEP_ROOM * full)
                {
                  new_page (&cur);
                  need_header = block->header != NULL;
                  continue;
                }

              /* Break the row: in each cell, the lines that fit. */
              lines = g_new (guint, 2 * block->n_columns);
              for (guint c = 0; c < block->n_columns; c++)
                {
                  guint end = starts[c];

                  if (m.bottoms[c])
                    {
                      double base = line_top (m.bottoms[c], starts[c]);

                      while (end < m.bottoms[c]->len &&
                             g_array_index (m.bottoms[c], double, end) - base + 2 * pad_y (block) <= avail)
                        end++;
                      /* On an empty page at least one line goes, so a line
                       * taller than a page cannot stall the loop. */
                      if (end == starts[c] && at_top && end < m.bottoms[c]->len)
                        end++;
                      if (end > starts[c])
                        used = MAX (used, g_array_index (m.bottoms[c], double, end - 1) - base);
                    }
                  progress_made |= end > starts[c];
                  lines[2 * c] = starts[c];
                  lines[2 * c + 1] = end;
                }
              if (!progress_made)
                {
                  new_page (&cur);
                  need_header = block->header != NULL;
                  continue;
                }
              if (need_header)
                place (&cur, b, HEADER_ROW, header_h, NULL), need_header = FALSE;
              for (guint c = 0; c < block->n_columns; c++)
                starts[c] = lines[2 * c + 1];
              /* The piece fills the page down to its bottom, so the cell
               * borders run to the page's end like a cut table. */
              place (&cur, b, r, MAX (used + 2 * pad_y (block), cur.bottom - cur.y),
                     g_steal_pointer (&lines));
              broken = TRUE;
              new_page (&cur);
              need_header = block->header != NULL;
            }

          done_rows++;
          if (progress && (done_rows % 64 == 0 || done_rows == total_rows))
            progress ((double) done_rows / MAX (total_rows, 1), user_data);
        }
    }

  /* A report that ends exactly at a page break leaves an empty last page. */
  if (self->pages->len > 1 && cur.page->slices->len == 0)
    g_ptr_array_remove_index (self->pages, self->pages->len - 1);
  return TRUE;
}

guint
jx_report_layout_get_n_pages (JxReportLayout *self)
{
  g_return_val_if_fail (JX_IS_REPORT_LAYOUT (self), 0);
  return self->pages ? self->pages->len : 0;
}

/* --- drawing ------------------------------------------------------------- */

/* pango_cairo_update_context() for @cr, when it matters. Pango (1.50)
 * marks the context changed on every call, even with nothing new, and
 * every layout made in it is then laid out again when next used: called
 * once per page, it laid the whole report out a second time. The layout
 * depends on the surface's font options and the matrix (the translation
 * aside), so the context is updated only when one of those differs from
 * what it was last given. */
static void
sync_context (JxReportLayout *self,
              cairo_t        *cr,
              PangoContext   *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_matrix_t matrix;

  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_get_matrix (cr, &matrix);
  if (context == self->synced_context && self->synced_options != NULL &&
      cairo_font_options_equal (options, self->synced_options) &&
      matrix.xx == self->synced_matrix.xx && matrix.yx == self->synced_matrix.yx &&
      matrix.xy == self->synced_matrix.xy && matrix.yy == self->synced_matrix.yy)
    {
      cairo_font_options_destroy (options);
      return;
    }
  pango_cairo_update_context (cr, context);
  self->synced_context = context;
  g_clear_pointer (&self->synced_options, cairo_font_options_destroy);
  self->synced_options = options;
  self->synced_matrix = matrix;
}

static Cell *
cached_layouts (JxReportLayout *self,
                guint           b,
                guint           r)
{
  Block *block = g_ptr_array_index (self->blocks, b);
  const Row *row = r == HEADER_ROW ? block->header : g_ptr_array_index (block->rows, r);

  RowCache *cache = &self->cache[r == HEADER_ROW ? 1 : 0];

  if (row->kept)
    return row->kept;
  if (cache->block == b && cache->row == r)
    return cache->cells;
  if (cache->cells)
    free_cells (g_steal_pointer (&cache->cells), cache->n_cells);
  cache->cells = layout_row (self, block, row);
  cache->n_cells = block->n_columns;
  for (guint c = 0; c < block->n_columns; c++)
    if (cache->cells[c].pieces)
      index_pieces (&cache->cells[c]);
  cache->block = b;
  cache->row = r;
  return cache->cells;
}

/* Draws lines [start, end) of @cell (counted over all its pieces) with
 * the top of line @start at @y. */
static void
draw_lines (JxReportCanvas *canvas,
            const Cell     *cell,
            double          x,
            double          y,
            guint           start,
            guint           end)
{
  double offset = 0, base = 0;
  guint i = 0, first = 0;

  /* Skip the pieces wholly above line @start. */
  while (first + 1 < cell->pieces->len && cell->first_line[first + 1] <= start)
    first++;
  i = cell->first_line[first];
  offset = cell->top[first];

  for (guint p = first; p < cell->pieces->len && i < end; p++)
    {
      PangoLayout *layout = g_ptr_array_index (cell->pieces, p);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      int height = 0;

      do
        {
          int y0, y1;

          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          height = y1;
          if (i == start)
            base = offset + (double) y0 / PANGO_SCALE;
          if (i >= start && i < end)
            {
              PangoRectangle logical;
              double baseline = offset + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

              pango_layout_iter_get_line_extents (iter, NULL, &logical);
              jx_report_canvas_show_line (canvas, pango_layout_iter_get_line_readonly (iter),
                                          x + (double) logical.x / PANGO_SCALE, y + baseline - base);
            }
          i++;
        }
      while (i < end && pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      offset += (double) height / PANGO_SCALE;
    }
}

static void
draw_slice (JxReportLayout *self,
            JxReportCanvas *canvas,
            const Slice    *slice)
{
  Block *block = g_ptr_array_index (self->blocks, slice->block);
  const Row *row = slice->row == HEADER_ROW ? block->header
                                            : g_ptr_array_index (block->rows, slice->row);
  Cell *cells = cached_layouts (self, slice->block, slice->row);

  if (block->bordered && row == block->header)
    {
      jx_report_canvas_set_color (canvas, 0.92, 0.92, 0.92);
      jx_report_canvas_fill_rect (canvas, block->x[0], slice->y,
                                  block->x[block->n_columns] - block->x[0], slice->height);
    }
  jx_report_canvas_set_color (canvas, 0, 0, 0);

  for (guint c = 0; c < block->n_columns; c++)
    {
      guint end_col, start = 0, end = G_MAXUINT;

      if (row->cells[c] == NULL)
        continue;
      end_col = cell_end (block, row, c);
      if (block->bordered)
        jx_report_canvas_stroke_rect (canvas, block->x[c], slice->y,
                                      block->x[end_col] - block->x[c], slice->height, BORDER);
      if (slice->lines)
        {
          start = slice->lines[2 * c];
          end = slice->lines[2 * c + 1];
        }
      if (start < end)
        draw_lines (canvas, &cells[c], block->x[c] + pad_x (block), slice->y + pad_y (block), start, end);
    }
}

/* Page @page on @canvas, at its origin. */
static void
draw_page_on (JxReportLayout *self,
              JxReportCanvas *canvas,
              guint           page)
{
  Page *p = g_ptr_array_index (self->pages, page);

  for (guint i = 0; i < p->slices->len; i++)
    draw_slice (self, canvas, &g_array_index (p->slices, Slice, i));

  if (self->footer)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (self->context);
      g_autoptr(PangoFontDescription) font = font_for (JX_REPORT_STYLE_BODY, 0);
      g_autofree char *text = NULL;
      PangoLayoutIter *iter;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      text = g_strdup_printf (self->footer, page + 1, self->pages->len);
#pragma GCC diagnostic pop
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) ((self->width - 2 * MARGIN_X) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_text (layout, text, -1);
      jx_report_canvas_set_color (canvas, 0, 0, 0);
      iter = pango_layout_get_iter (layout);
      do
        {
          PangoRectangle logical;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          jx_report_canvas_show_line (canvas, pango_layout_iter_get_line_readonly (iter),
                                      MARGIN_X + (double) logical.x / PANGO_SCALE,
                                      self->height - MARGIN_BOTTOM - 11
                                      + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
}

void
jx_report_layout_draw_page (JxReportLayout *self,
                            cairo_t        *cr,
                            guint           page)
{
  g_autofree JxReportCanvas *canvas = NULL;

  g_return_if_fail (JX_IS_REPORT_LAYOUT (self));
  g_return_if_fail (self->pages != NULL && page < self->pages->len);

  canvas = jx_report_canvas_new_cairo (cr);
  cairo_save (cr);
  sync_context (self, cr, self->context);
  draw_page_on (self, canvas, page);
  cairo_restore (cr);
}

typedef struct {
  JxProgressFunc func;
  gpointer       data;
  double         from;
  double         span;
} Scaled;

static void
scaled_progress (double   fraction,
                 gpointer user_data)
{
  Scaled *scaled = user_data;

  scaled->func (scaled->from + fraction * scaled->span, scaled->data);
}

/* A context for pages in points: font sizes in points of the page (a
 * resolution of 72, as GtkPrintContext's context has them, not the
 * screen's 96 dpi), metrics as designed, not snapped to a screen's pixels,
 * so the pages are the same on paper, in a PDF and in the print preview. */
static PangoContext *
new_page_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_destroy (options);
  return context;
}

/* Paginates in a new page context unless done already; @cr (nullable):
 * the context the pages will be drawn on, synced before any row is laid
 * out, as drawing will. */
static gboolean
paginate_for_pdf (JxReportLayout *self,
                  cairo_t        *cr,
                  GCancellable   *cancellable,
                  Scaled         *measuring,
                  GError        **error)
{
  PangoContext *context;
  gboolean ok;

  if (self->pages != NULL)
    return TRUE;
  context = new_page_context ();
  if (cr != NULL)
    sync_context (self, cr, context);
  ok = jx_report_layout_paginate (self, context, cancellable,
                                  measuring->func ? scaled_progress : NULL, measuring, error);
  g_object_unref (context);
  return ok;
}

/* The text of the first title paragraph, for the PDF's metadata; or NULL. */
static const char *
find_title (JxReportLayout *self)
{
  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = g_ptr_array_index (self->blocks, b);

      for (guint r = 0; r < block->rows->len; r++)
        {
          Row *row = g_ptr_array_index (block->rows, r);

          if (row->style == JX_REPORT_STYLE_TITLE && row->n_cells > 0 && row->cells[0] != NULL)
            return row->cells[0];
        }
    }
  return NULL;
}

gboolean
jx_report_layout_write_pdf (JxReportLayout *self,
                            const char     *path,
                            GCancellable   *cancellable,
                            JxProgressFunc  progress,
                            gpointer        user_data,
                            GError        **error)
{
  g_autoptr(JxPdfWriter) writer = NULL;
  /* Measuring takes most of the time; drawing the rest. */
  Scaled measuring = { progress, user_data, 0, 0.7 };
  Scaled drawing = { progress, user_data, 0.7, 0.3 };

  g_return_val_if_fail (JX_IS_REPORT_LAYOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer = jx_pdf_writer_new (path, self->width, self->height, error);
  if (writer != NULL)
    jx_pdf_writer_set_title (writer, find_title (self));
  if (writer == NULL || !paginate_for_pdf (self, NULL, cancellable, &measuring, error))
    return FALSE;
  for (guint i = 0; i < self->pages->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      jx_pdf_writer_begin_page (writer);
      draw_page_on (self, jx_pdf_writer_get_canvas (writer), i);
      jx_pdf_writer_end_page (writer);
      /* A font the writer cannot embed (a variable one): cairo's PDF
       * surface, slower, writes the same pages with every glyph. */
      if (jx_pdf_writer_get_unsupported (writer))
        {
          g_debug ("a font the PDF writer cannot embed: the pages go through cairo");
          g_clear_pointer (&writer, jx_pdf_writer_free);
          return jx_report_layout_write_cairo_pdf (self, path, error);
        }
      if (progress)
        scaled_progress ((double) (i + 1) / self->pages->len, &drawing);
    }
  return jx_pdf_writer_finish (writer, error);
}

gboolean
jx_report_layout_write_cairo_pdf (JxReportLayout *self,
                                  const char     *path,
                                  GError        **error)
{
  const char *title;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Scaled measuring = { NULL, NULL, 0, 1 };
  gboolean ok;

  g_return_val_if_fail (JX_IS_REPORT_LAYOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  title = find_title (self);
  surface = cairo_pdf_surface_create (path, self->width, self->height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cr = cairo_create (surface);
  ok = paginate_for_pdf (self, cr, NULL, &measuring, error);
  for (guint i = 0; ok && i < self->pages->len; i++)
    {
      jx_report_layout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* TRANSLATORS: %s: the reason, from the PDF library */
                   _("could not write the PDF: %s"), cairo_status_to_string (status));
      ok = FALSE;
    }
  return ok;
}
