/* jx-pdf-writer.h: the report's pages written as PDF directly
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jx-report-canvas.h"

G_BEGIN_DECLS

/*
 * A PDF writer for the report layout's canvas (jx-report-canvas.h): the
 * exports' back end. cairo's PDF surface spends most of an export's time on
 * fonts (per glyph it loads the outline through FreeType and scans the
 * cmap; it copies the CJK font's 16 MB CFF table to subset it); this writer
 * takes Pango's glyph runs as they are, collects the glyphs of each font
 * face and their text, and subsets each face once at the end with
 * HarfBuzz. Fonts are embedded as Type0 (Identity-H) fonts: CFF-based
 * faces (Noto CJK) as CIDFontType0C, TrueType ones (fallback fonts) as
 * CIDFontType2; each with its glyphs' widths and a ToUnicode CMap, so text
 * can be searched and copied. Content streams are deflated.
 *
 * Pages are written as they end; a failure to write (a full disk) is
 * reported by jx_pdf_writer_finish(), which also closes the file.
 */
typedef struct _JxPdfWriter JxPdfWriter;

/* Creates (or truncates) @path for pages of @width × @height points. */
JxPdfWriter    *jx_pdf_writer_new        (const char   *path,
                                          double        width_pt,
                                          double        height_pt,
                                          GError      **error);
/* The document's title, shown by PDF viewers (Info /Title); optional. */
void            jx_pdf_writer_set_title  (JxPdfWriter  *self,
                                          const char   *title);
/* The canvas the current page is drawn on; valid until the writer is freed. */
JxReportCanvas *jx_pdf_writer_get_canvas (JxPdfWriter  *self);
/* Whether a page drew text in a font this writer cannot embed (a variable
 * font — Fedora's Noto CJK is one —, CFF2, a bitmap-only font; a font
 * emboldened or slanted by FreeType, as fontconfig asks for a bold face a
 * font lacks) or a character no font has (Pango draws a box with its code). Those glyphs
 * are left out: the caller should write the pages another way (cairo). */
gboolean        jx_pdf_writer_get_unsupported (JxPdfWriter *self);
void            jx_pdf_writer_begin_page (JxPdfWriter  *self);
void            jx_pdf_writer_end_page   (JxPdfWriter  *self);
/* Writes the fonts, the page tree and the cross-reference table, and
 * closes the file. */
gboolean        jx_pdf_writer_finish     (JxPdfWriter  *self,
                                          GError      **error);
/* Frees @self (closing the file if finish was not called). */
void            jx_pdf_writer_free       (JxPdfWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxPdfWriter, jx_pdf_writer_free)

G_END_DECLS
