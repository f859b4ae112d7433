/* jx-document.h: a performance target table, the root of the tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-fields.h"
#include "jx-node.h"
#include "jx-template.h"

G_BEGIN_DECLS

#define JX_TYPE_DOCUMENT (jx_document_get_type ())
G_DECLARE_FINAL_TYPE (JxDocument, jx_document, JX, DOCUMENT, JxNode)

/* Default unit of amounts. */
#define JX_DOCUMENT_DEFAULT_UNIT "万元"

/*
 * Properties: year, department, title, unit, taxonomy (an id, see
 * jx-taxonomy.h), template (read-only: the JxTemplate that says which
 * funding sources, goals and indicator fields the document has), total (read-only: 合计, the sum of the funding units),
 * n-projects and n-indicators (read-only counts), format (the format
 * version of the file it was read from; a newer one than this build
 * writes makes the document read-only).
 *
 * Children: funding units (JX_TYPE_FUNDING_UNIT) and top-level annotations
 * (JX_TYPE_ANNOTATION), each in their own list.
 *
 * The setters below change the document directly, without recording an undo
 * step; editors go through jx-edit.h instead.
 */
JxDocument  *jx_document_new                 (void);

int          jx_document_get_year            (JxDocument *self);
void         jx_document_set_year            (JxDocument *self,
                                              int         year);
const char  *jx_document_get_department      (JxDocument *self);
void         jx_document_set_department      (JxDocument *self,
                                              const char *department);
const char  *jx_document_get_title           (JxDocument *self);
void         jx_document_set_title           (JxDocument *self,
                                              const char *title);
const char  *jx_document_get_unit            (JxDocument *self);
void         jx_document_set_unit            (JxDocument *self,
                                              const char *unit);
const char  *jx_document_get_taxonomy        (JxDocument *self);
void         jx_document_set_taxonomy        (JxDocument *self,
                                              const char *taxonomy);
/* A new document of @template, with its unit and taxonomy. */
JxDocument  *jx_document_new_for_template    (JxTemplate *template);
/* Transfer none. Never NULL: guangdong-2020 unless set. */
JxTemplate  *jx_document_get_template        (JxDocument *self);
/* Only on a document without projects (being built or loaded): a
 * project's amounts are indexed by the template's sources. */
void         jx_document_set_template        (JxDocument *self,
                                              JxTemplate *template);
/* The precision of the document's amounts: every JxMoney of it counts
 * 10^-decimals of its unit (jx-money.h). 2, or 4 for a 万元 table kept to
 * the 元. Set to the template's by jx_document_set_template(); a file or an
 * import may set another (format 2 `decimals` attribute) on a document
 * without projects (amounts are never rescaled behind anyone's back). */
guint        jx_document_get_decimals        (JxDocument *self);
void         jx_document_set_decimals        (JxDocument *self,
                                              guint       decimals);
/* @amount of @self for people, with its decimals: "6,923.3552" at 4,
 * "56,539.99" at 2 (jx_money_format_at()). @self may be NULL: 2 decimals. */
char        *jx_document_format_amount       (JxDocument *self,
                                              JxMoney     amount);
guint        jx_document_get_format          (JxDocument *self);
/* The format a save writes: 1 (JX_FORMAT_VERSION) while the document is
 * what format 1 holds (template guangdong-2020, no field only format 2 has,
 * no previous values), so that format-1 files save back byte for byte; 2
 * otherwise. */
guint        jx_document_get_save_format     (JxDocument *self);
/* The same, a few projects at a time (the recovery draft is written
 * between frames): scans from *@scan (zeroed to begin) until the
 * monotonic time @deadline (-1: to the end), and returns TRUE once the
 * format is known, in *@format. */
typedef struct
{
  guint unit;
  guint project;
} JxFormatScan;
gboolean     jx_document_scan_save_format    (JxDocument   *self,
                                              JxFormatScan *scan,
                                              gint64        deadline,
                                              guint        *format);
gboolean     jx_document_is_read_only        (JxDocument *self);

JxMoney      jx_document_get_total           (JxDocument *self);
guint        jx_document_get_n_projects      (JxDocument *self);
guint        jx_document_get_n_indicators    (JxDocument *self);

/* Lists of JxFundingUnit and JxAnnotation. Transfer none. */
GListModel  *jx_document_get_units           (JxDocument *self);
GListModel  *jx_document_get_annotations     (JxDocument *self);

/* The undo history of this document. Transfer none. */
JxHistory   *jx_document_get_history         (JxDocument *self);

/* The node with this id (unit, project, indicator or annotation), or NULL.
 * Transfer none. */
JxNode      *jx_document_lookup              (JxDocument *self,
                                              const char *id);
/* A new id, unique in this document, such as "p12". */
char        *jx_document_make_id             (JxDocument *self,
                                              const char *prefix);

/* The funding-source columns of 合计, one per jx_document_get_source()
 * (see jx_funding_unit_sum_sources()). */
gboolean     jx_document_sum_sources         (JxDocument *self,
                                              JxMoney     sources[JX_MAX_SOURCES]);

/* Calls @func for every project in document order. */
void         jx_document_foreach_project     (JxDocument *self,
                                              GFunc       func,
                                              gpointer    user_data);

G_END_DECLS
