/* jx-previous.h: last year's values, carried by next year's table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-fields.h"
#include "jx-node.h"

G_BEGIN_DECLS

/*
 * A table made by `new-year` (jx-new-year.h) carries, on the document and
 * on each funding unit, project and indicator it took over, the values its
 * fields had the year before ("上年"), so the form can show them beside
 * each field and exports can add a 上年 column. An item added this year has
 * none. Last year's values are data, not edits: nothing but the loaders and
 * new-year set them, and they take no undo step.
 *
 * Every stored field of the table of fields (jx-fields.h) except the year
 * has a previous value once a node has a previous year: an amount as its
 * exact decimal string ("10464.80"), a flag "true" or "false", a text as
 * written ("" when it was empty).
 */

/* The owner in the table of fields of @node's kind of node. */
JxFieldOwner  jx_node_get_field_owner    (JxNode        *node);

/* The value of @field of @node as text, as described above; for an
 * amount, also in *@amount if not NULL. Transfer full. */
char         *jx_node_dup_field_text     (JxNode        *node,
                                          const JxField *field,
                                          JxMoney       *amount);

/* The same without a copy, for loops over large tables: the text stays
 * valid until jx_field_text_clear (@scratch), which must be called. */
typedef struct
{
  GValue  value;
  char    buf[32];
  JxMoney amount;
} JxFieldText;

#define JX_FIELD_TEXT_INIT { G_VALUE_INIT, { 0 }, 0 }

const char   *jx_node_peek_field_text    (JxNode        *node,
                                          const JxField *field,
                                          JxFieldText   *scratch);
void          jx_field_text_clear        (JxFieldText   *scratch);

/* The year of @node's previous values, or 0 when it has none. */
int           jx_node_get_previous_year  (JxNode        *node);
/* Last year's value of @field, or NULL when @node has no previous values
 * (or @field is derived or the year). Transfer none. */
const char   *jx_node_get_previous       (JxNode        *node,
                                          const JxField *field);
/* Last year's 总计 of @project: the sum of last year's values of the
 * document's funding sources. FALSE when it has no previous values, or one
 * of its sources has none (a source of a template that new-year does not
 * record), or the sum overflows: never a partial total. */
gboolean      jx_project_get_previous_total (JxProject   *project,
                                             JxMoney     *total);
/* Whether @field can have a previous value (stored, not the year). */
gboolean      jx_field_has_previous      (const JxField *field);
/* The fields whose last year's values @node keeps, in the order the file
 * writes them: those of its owner, and for a project also the funding
 * sources only some templates have (单位资金, 上年结转 …), so that every
 * template's sources have last year's amounts. Transfer none. */
const JxField * const *jx_node_get_previous_fields (JxNode *node,
                                                    guint  *n_fields);

/* Raw changes, for the loaders and new-year. Setting a year creates the
 * record with every value empty (0.00, false); year 0 removes it. */
void          jx_node_set_previous_year  (JxNode        *node,
                                          int            year);
void          jx_node_set_previous       (JxNode        *node,
                                          const JxField *field,
                                          const char    *value);
/* Gives @to (a copy of @from) @from's previous year and values, or none. */
void          jx_node_copy_previous      (JxNode        *from,
                                          JxNode        *to);
/* Whether @document or any node in it has previous values (such a table
 * is written as format 2). */
gboolean      jx_document_has_previous   (JxDocument    *document);
/* Whether @project or one of its indicators has previous values. */
gboolean      jx_project_has_previous    (JxProject     *project);

/* Records the current values of @node as those of @year. */
void          jx_node_record_previous    (JxNode        *node,
                                          int            year);

G_END_DECLS
