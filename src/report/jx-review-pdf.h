/* jx-review-pdf.h: the comments report as PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-report-layout.h"
#include "jx-types.h"

G_BEGIN_DECLS

/*
 * The comments report of jx-review.h (every comment, or the open ones,
 * with their replies, grouped by place in table order) on A4 landscape
 * pages through the report renderer: a title naming the table, then one
 * table row per comment and reply (place, indicator, field, author, time,
 * status, text). Written to a temporary file in the folder of @path and
 * renamed over it when complete: a failure leaves @path as it was.
 * @n_entries (nullable) receives the number of comments and replies.
 */
gboolean jx_review_write_pdf (JxDocument    *document,
                              gboolean       open_only,
                              const char    *path,
                              guint         *n_entries,
                              GError       **error);

G_END_DECLS
