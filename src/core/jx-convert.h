/* jx-convert.h: changing the template of a document that holds projects
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"

G_BEGIN_DECLS

/* The author of the comments a conversion leaves. */
#define JX_CONVERT_AUTHOR "模板转换"

/*
 * Converting a table to another template (jx-template.h) keeps every
 * figure and every text it can place:
 *  - funding sources by id (财政拨款 is `fiscal` in every template); the
 *    amount of a source the new template lacks is added to 其他资金, so
 *    that no 总计 changes, and a comment on the project says so (where a
 *    table had no 其他资金 it is set to 0, kept only in the comment);
 *  - goals: a 中长期目标 where the new template has none is kept in a
 *    comment;
 *  - indicator fields by id; a value the new template has no field for is
 *    kept in a comment on the indicator — except that a 年度指标值 such as
 *    "≥95%" fills 指标性质, 指标值 and 度量单位 where the new template has
 *    them (and is kept too unless they say exactly the same), and those
 *    three fill an empty 指标值 / 年度指标值 where it has one value.
 * The unit, the taxonomy (codes keep their meaning) and the decimals stay.
 */

/* What a conversion of @document to @template would keep as comments, one
 * line each ("村组干部报酬: 单位资金 1,250.00"); empty when everything maps.
 * Transfer full (of char *). */
GPtrArray *jx_convert_preview      (JxDocument *document,
                                    JxTemplate *template);

/* Converts @document to @template as ONE undo step ("Change Template").
 * Returns how many values were kept as comments. */
guint      jx_edit_set_template    (JxDocument *document,
                                    JxTemplate *template);

G_END_DECLS
