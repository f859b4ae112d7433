/* jx-funding-unit.h: a funding unit (资金使用单位) and its projects
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-fields.h"
#include "jx-node.h"

G_BEGIN_DECLS

#define JX_TYPE_FUNDING_UNIT (jx_funding_unit_get_type ())
G_DECLARE_FINAL_TYPE (JxFundingUnit, jx_funding_unit, JX, FUNDING_UNIT, JxNode)

/* Properties: name, total (read-only: the sum of its projects). */
JxFundingUnit *jx_funding_unit_new          (const char    *name);
const char    *jx_funding_unit_get_name     (JxFundingUnit *self);
void           jx_funding_unit_set_name     (JxFundingUnit *self,
                                             const char    *name);
JxMoney        jx_funding_unit_get_total    (JxFundingUnit *self);
/* List of JxProject. Transfer none. */
GListModel    *jx_funding_unit_get_projects (JxFundingUnit *self);
/* The unit's funding-source columns, summed over its projects: fills
 * @sources[0 … jx_document_get_n_sources () - 1] (for reports; the live
 * total is "total"). FALSE if a sum would overflow, which only negative
 * amounts can cause. */
gboolean       jx_funding_unit_sum_sources  (JxFundingUnit *self,
                                             JxMoney        sources[JX_MAX_SOURCES]);

G_END_DECLS
