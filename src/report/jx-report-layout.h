/* jx-report-layout.h: a small paginated layout engine for reports
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include <pango/pango.h>

#include "jx-types.h"

G_BEGIN_DECLS

/*
 * A report is a list of blocks, each a table of rows of text cells: a
 * bordered table with a header row repeated on every page it spans, or a
 * borderless one for titles and paragraphs. jx_report_layout_paginate()
 * measures every row with Pango and cuts the blocks into pages; a row that
 * fits on a page is kept together, a taller one breaks between lines of its
 * cells and continues under the repeated header. A line is never cut. Then
 * jx_report_layout_draw_page() draws a page on any cairo context (the one
 * GtkPrintOperation gives), and jx_report_layout_write_pdf() writes the
 * pages with the PDF writer of jx-pdf-writer.h: both draw through the
 * canvas of jx-report-canvas.h with the same code, so "Print to File"
 * gives the same pages as an export.
 *
 * The layout keeps its own copies of all text: once built, it does not
 * touch the document it was made from, so it may be paginated and drawn in
 * a worker thread (with a PangoContext made in that thread).
 *
 * Units are PostScript points (1/72 inch); A4 landscape is 842 × 595.
 */

/* 297 × 210 mm, exactly as GTK's A4 paper size. */
#define JX_REPORT_A4_LONG  (297.0 / 25.4 * 72.0)
#define JX_REPORT_A4_SHORT (210.0 / 25.4 * 72.0)

typedef enum {
  JX_REPORT_STYLE_BODY,     /* table cells, paragraphs */
  JX_REPORT_STYLE_HEADER,   /* a table's header row: bold, shaded */
  JX_REPORT_STYLE_TITLE,    /* the report's title: large, bold, centred */
  JX_REPORT_STYLE_HEADING,  /* a section heading: bold */
  JX_REPORT_STYLE_LINE,     /* the lines under the title (部门名称, 单位) */
} JxReportStyle;

typedef enum {
  JX_REPORT_ROW_DEFAULT = 0,
  JX_REPORT_ROW_BOLD    = 1 << 0,
} JxReportRowFlags;

#define JX_TYPE_REPORT_LAYOUT (jx_report_layout_get_type ())
G_DECLARE_FINAL_TYPE (JxReportLayout, jx_report_layout, JX, REPORT_LAYOUT, GObject)

/* An empty report on pages of @width × @height points. */
JxReportLayout *jx_report_layout_new_blank         (double            width_pt,
                                                    double            height_pt);
double          jx_report_layout_get_page_width    (JxReportLayout   *self);
double          jx_report_layout_get_page_height   (JxReportLayout   *self);

/* The footer under every page; %u and %u: the page number and the page
 * count ("第 %u 页 共 %u 页"). NULL: no footer. */
void            jx_report_layout_set_footer        (JxReportLayout   *self,
                                                    const char       *format);

/* A borderless paragraph of @text (newlines kept). */
void            jx_report_layout_add_paragraph     (JxReportLayout   *self,
                                                    JxReportStyle     style,
                                                    PangoAlignment    align,
                                                    const char       *text);
/* One line with @left at the left and @right at the right margin. */
void            jx_report_layout_add_pair          (JxReportLayout   *self,
                                                    JxReportStyle     style,
                                                    const char       *left,
                                                    const char       *right);
/* Vertical space before the next block. */
void            jx_report_layout_add_space         (JxReportLayout   *self,
                                                    double            points);

/* Starts a bordered table of @n_columns. @weights: the share of the width
 * each column gets (any positive numbers); @aligns: each column's
 * alignment; @header: @n_columns labels repeated at the top of every page
 * the table spans, or NULL for none. Rows follow with add_row(). */
void            jx_report_layout_begin_table       (JxReportLayout   *self,
                                                    guint             n_columns,
                                                    const double     *weights,
                                                    const PangoAlignment *aligns,
                                                    const char * const *header);
/* A row of the current table: @cells holds n_columns strings; a NULL cell
 * is merged into the cell on its left (which then spans both). */
void            jx_report_layout_add_row           (JxReportLayout   *self,
                                                    JxReportRowFlags  flags,
                                                    const char * const *cells);

/* Measures every row with @context (transfer none; kept for drawing) and
 * cuts the report into pages. FALSE only when cancelled. */
gboolean        jx_report_layout_paginate          (JxReportLayout   *self,
                                                    PangoContext     *context,
                                                    GCancellable     *cancellable,
                                                    JxProgressFunc    progress,
                                                    gpointer          user_data,
                                                    GError          **error);
guint           jx_report_layout_get_n_pages       (JxReportLayout   *self);
/* Draws page @page (0-based) at the origin of @cr, in points. */
void            jx_report_layout_draw_page         (JxReportLayout   *self,
                                                    cairo_t          *cr,
                                                    guint             page);

/* Writes the paginated report as a PDF to @path with the PDF writer of
 * jx-pdf-writer.h (directly: callers wanting an atomic file write a
 * temporary one). Paginates first if needed, in a context of its own. */
gboolean        jx_report_layout_write_pdf         (JxReportLayout   *self,
                                                    const char       *path,
                                                    GCancellable     *cancellable,
                                                    JxProgressFunc    progress,
                                                    gpointer          user_data,
                                                    GError          **error);

/* The same through cairo's PDF surface, as Print to File draws it (the
 * same layout and drawing code; several times slower, for its fonts):
 * kept to compare the two back ends' pages. */
gboolean        jx_report_layout_write_cairo_pdf   (JxReportLayout   *self,
                                                    const char       *path,
                                                    GError          **error);

G_END_DECLS
