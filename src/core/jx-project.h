/* jx-project.h: a project, its funding and its indicators
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-fields.h"
#include "jx-node.h"

G_BEGIN_DECLS

#define JX_TYPE_PROJECT (jx_project_get_type ())
G_DECLARE_FINAL_TYPE (JxProject, jx_project, JX, PROJECT, JxNode)

/*
 * Properties: name, one gint64 property per funding source named by the
 * source's id in jx-fields.h (the amounts, read and written by index with
 * jx_project_get_source() / jx_project_set_source()), total (read-only
 * 总计 = the sum of the sources), goal (绩效目标), confidential (涉密),
 * n-indicators (read-only).
 *
 * Amounts are JxMoney (gint64 hundredths of the document unit). A change of
 * an amount applies its difference to the project, its funding unit and the
 * document (never a re-sum); each notifies "total" once. A change that would
 * overflow any of those totals is refused: see jx_project_check_source().
 */
/* What the official table, every export and a copy print in place of the
 * goal and indicators of a confidential (涉密) project, whatever its goal
 * field holds. Never translated: it is part of the official layout. */
#define JX_PROJECT_CONFIDENTIAL_TEXT "此为涉密项目，不公开绩效目标和指标"

JxProject   *jx_project_new               (const char *name);

const char  *jx_project_get_name          (JxProject  *self);
void         jx_project_set_name          (JxProject  *self,
                                           const char *name);
JxMoney      jx_project_get_total         (JxProject  *self);
const char  *jx_project_get_goal          (JxProject  *self);
void         jx_project_set_goal          (JxProject  *self,
                                           const char *goal);
gboolean     jx_project_get_confidential  (JxProject  *self);
void         jx_project_set_confidential  (JxProject  *self,
                                           gboolean    confidential);
/* List of JxIndicator. Transfer none. */
GListModel  *jx_project_get_indicators    (JxProject  *self);
JxFundingUnit *jx_project_get_unit        (JxProject  *self);

G_END_DECLS
