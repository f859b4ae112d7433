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
 * name (三级指标), cycle-value (实施周期指标值), annual-value (年度指标值).
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
JxProject   *jx_indicator_get_project        (JxIndicator *self);

G_END_DECLS
