/* jx-indicator.h: a performance indicator of a project
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-node.h"

G_BEGIN_DECLS

#define JX_TYPE_INDICATOR (jx_indicator_get_type ())
G_DECLARE_FINAL_TYPE (JxIndicator, jx_indicator, JX, INDICATOR, JxNode)

/*
 * Properties: category (一级, a code such as "1"), subcategory (二级, "11"),
 * name (三级指标), cycle-value (实施周期指标值), annual-value (年度指标值),
 * and the fields only some templates have (jx-template.h), all text as
 * typed: comparator (指标性质: ≥ ≤ ＝ ＞ ＜ 定性), number (指标值, "95"),
 * measure-unit (度量单位, "%"), weight (权重 / 分值, "10"), direction
 * (指标方向, 正向 / 反向), explanation (指标解释 / 评分标准).
 * Codes are kept as given, even when they do not fit the taxonomy: the
 * validator reports such a pair, nothing is lost.
 */
JxIndicator *jx_indicator_new                (const char  *category,
                                              const char  *subcategory,
                                              const char  *name);
const char  *jx_indicator_get_category       (JxIndicator *self);
void         jx_indicator_set_category       (JxIndicator *self,
                                              const char  *category);
const char  *jx_indicator_get_subcategory    (JxIndicator *self);
void         jx_indicator_set_subcategory    (JxIndicator *self,
                                              const char  *subcategory);
const char  *jx_indicator_get_name           (JxIndicator *self);
void         jx_indicator_set_name           (JxIndicator *self,
                                              const char  *name);
const char  *jx_indicator_get_cycle_value    (JxIndicator *self);
void         jx_indicator_set_cycle_value    (JxIndicator *self,
                                              const char  *value);
const char  *jx_indicator_get_annual_value   (JxIndicator *self);
void         jx_indicator_set_annual_value   (JxIndicator *self,
                                              const char  *value);
/* The fields only some templates have, by id ("comparator" …, see
 * jx_indicator_extra_field_ids()), and the two values ("cycle-value",
 * "annual-value"): every indicator field a template may name. Transfer none. */
const char  *jx_indicator_get_field          (JxIndicator *self,
                                              const char  *id);
void         jx_indicator_set_field          (JxIndicator *self,
                                              const char  *id,
                                              const char  *value);
/* Whether any of them is filled in (the file then needs format 2). */
gboolean     jx_indicator_has_extra_fields   (JxIndicator *self);
/* Their ids, NULL-terminated, in the order the file writes them. */
const char * const *jx_indicator_extra_field_ids (void);
JxProject   *jx_indicator_get_project        (JxIndicator *self);

G_END_DECLS
