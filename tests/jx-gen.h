/* jx-gen.h: generated tables for tests and benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"

G_BEGIN_DECLS

/* A document of @n_projects projects drawn from the shapes of the sample
 * table, about 6 indicators each, a new funding unit every 1,000 projects.
 * Deterministic: the same @n_projects and @seed give the same document. */
JxDocument *jx_gen_document       (guint       n_projects,
                                   guint       seed);

/* @document in the published layout, as text pulled out of a PDF: title,
 * 部门名称, the header repeated every few rows, 合计, unit and project rows
 * separated by tabs, with the noise of real OCR text that loses nothing:
 * separators that vary (; ； : ： , ，, with or without spaces), amounts
 * with and without thousands separators and with spaces (“56, 539. 99”),
 * names and goals wrapped with a space between two CJK characters, item
 * numbers that repeat or skip. Deterministic for a given @seed. */
GString    *jx_gen_published_text (JxDocument *document,
                                   guint       seed);

G_END_DECLS
