/* jx-review.h: the comments of a table as a report, grouped by place
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-fields.h"
#include "jx-node.h"

G_BEGIN_DECLS

/*
 * The comments report a reviewer sends back: every comment (or only the
 * open ones) with its replies, grouped by place in the table — comments on
 * the whole table first, then each funding unit, each project with its own
 * fields in the order of the field table and each of its indicators, in
 * table order — and, last, comments whose item is gone ("on a removed
 * item"). Comments at one place keep the order of the file.
 */
typedef struct
{
  JxAnnotation  *comment;    /* a comment or a reply */
  guint          depth;      /* 0: a comment, 1: a reply, 2: a reply to it… */
  JxAnnotation  *thread;     /* the comment of depth 0 it belongs to */
  JxNode        *target;     /* the item, or NULL (the whole table, or a removed item) */
  JxProject     *project;    /* the project of the item (the item itself), or NULL */
  JxIndicator   *indicator;  /* the indicator, or NULL */
  const JxField *field;      /* the field, or NULL (the whole item, or a removed field) */
} JxReviewEntry;

/* The entries in report order; borrowed pointers into @document. Free the
 * array with g_ptr_array_unref(). */
GPtrArray *jx_review_entries      (JxDocument          *document,
                                   gboolean             open_only);

/* Where an entry is, for people: "项目名称 / 足额发放率 / 年度指标值"
 * parts: the place (project or unit, "whole table", "removed item p3"),
 * the indicator ("" for none) and the field ("" for the whole item; "on a
 * removed field (x)" for a field the table no longer has). Transfer full. */
char      *jx_review_entry_place  (const JxReviewEntry *entry);
char      *jx_review_entry_field  (const JxReviewEntry *entry);

/* The open comments (replies not counted) on @node and on everything
 * under it: a project counts its indicators', the document all. Kept up to
 * date through the document's "changed" signal; a handler connected to it
 * with G_CONNECT_AFTER reads the new count. */
guint      jx_review_count_open   (JxDocument          *document,
                                   JxNode              *node);

/* The report as CSV: UTF-8 with a byte-order mark (so spreadsheets read
 * it as UTF-8), RFC 4180 (CRLF, quotes doubled, fields with commas, quotes
 * or line breaks quoted), a header row of translated column names, then
 * one row per comment and per reply. */
GBytes    *jx_review_to_csv       (JxDocument          *document,
                                   gboolean             open_only);

G_END_DECLS
