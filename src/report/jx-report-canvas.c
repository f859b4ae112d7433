/* jx-report-canvas.c: the report layout's cairo back end
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-report"

#include "config.h"

#include <pango/pangocairo.h>

#include "jx-report-canvas.h"

typedef struct {
  JxReportCanvas  parent;
  cairo_t        *cr;
} CairoCanvas;

static void
canvas_cairo_set_color (JxReportCanvas *canvas,
                 double          red,
                 double          green,
                 double          blue)
{
  cairo_set_source_rgb (((CairoCanvas *) canvas)->cr, red, green, blue);
}

static void
canvas_cairo_fill_rect (JxReportCanvas *canvas,
                 double          x,
                 double          y,
                 double          width,
                 double          height)
{
  cairo_t *cr = ((CairoCanvas *) canvas)->cr;

  cairo_rectangle (cr, x, y, width, height);
  cairo_fill (cr);
}

static void
canvas_cairo_stroke_rect (JxReportCanvas *canvas,
                   double          x,
                   double          y,
                   double          width,
                   double          height,
                   double          line_width)
{
  cairo_t *cr = ((CairoCanvas *) canvas)->cr;

  cairo_set_line_width (cr, line_width);
  cairo_rectangle (cr, x, y, width, height);
  cairo_stroke (cr);
}

static void
canvas_cairo_show_line (JxReportCanvas  *canvas,
                 PangoLayoutLine *line,
                 double           x,
                 double           baseline)
{
  cairo_t *cr = ((CairoCanvas *) canvas)->cr;

  cairo_move_to (cr, x, baseline);
  pango_cairo_show_layout_line (cr, line);
}

static const JxReportCanvasOps cairo_ops = {
  canvas_cairo_set_color,
  canvas_cairo_fill_rect,
  canvas_cairo_stroke_rect,
  canvas_cairo_show_line,
};

JxReportCanvas *
jx_report_canvas_new_cairo (cairo_t *cr)
{
  CairoCanvas *canvas = g_new0 (CairoCanvas, 1);

  canvas->parent.ops = &cairo_ops;
  canvas->cr = cr;
  return &canvas->parent;
}
