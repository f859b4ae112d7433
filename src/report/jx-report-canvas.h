/* jx-report-canvas.h: what the report layout draws on
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/*
 * The few operations jx-report-layout.c draws a page with, so that one
 * layout serves two back ends: a cairo context (GtkPrintOperation's, for
 * Print and its preview; or any surface) and the PDF writer of
 * jx-pdf-writer.h, which writes the exports directly. Coordinates are
 * points from the page's top left corner, y downwards.
 */
typedef struct _JxReportCanvas JxReportCanvas;

typedef struct {
  /* The colour of what follows: fills, strokes and text. */
  void (*set_color)   (JxReportCanvas  *canvas,
                       double           red,
                       double           green,
                       double           blue);
  void (*fill_rect)   (JxReportCanvas  *canvas,
                       double           x,
                       double           y,
                       double           width,
                       double           height);
  void (*stroke_rect) (JxReportCanvas  *canvas,
                       double           x,
                       double           y,
                       double           width,
                       double           height,
                       double           line_width);
  /* @line's glyphs with its left end at @x and its baseline at @baseline. */
  void (*show_line)   (JxReportCanvas  *canvas,
                       PangoLayoutLine *line,
                       double           x,
                       double           baseline);
} JxReportCanvasOps;

struct _JxReportCanvas {
  const JxReportCanvasOps *ops;
};

/* A canvas drawing on @cr (not a reference: @cr must outlive it); free
 * with g_free(). */
JxReportCanvas *jx_report_canvas_new_cairo (cairo_t *cr);

static inline void
jx_report_canvas_set_color (JxReportCanvas *canvas, double r, double g, double b)
{
  canvas->ops->set_color (canvas, r, g, b);
}

static inline void
jx_report_canvas_fill_rect (JxReportCanvas *canvas, double x, double y, double w, double h)
{
  canvas->ops->fill_rect (canvas, x, y, w, h);
}

static inline void
jx_report_canvas_stroke_rect (JxReportCanvas *canvas, double x, double y, double w, double h,
                              double line_width)
{
  canvas->ops->stroke_rect (canvas, x, y, w, h, line_width);
}

static inline void
jx_report_canvas_show_line (JxReportCanvas *canvas, PangoLayoutLine *line, double x, double baseline)
{
  canvas->ops->show_line (canvas, line, x, baseline);
}

G_END_DECLS
