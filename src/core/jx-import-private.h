/* jx-import-private.h: what the importer's layouts share
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"
#include "jx-rows.h"

G_BEGIN_DECLS

/* The id of the template whose columns @table's fit: 指标性质, 度量单位,
 * 权重 or 指标方向 → sichuan; 中长期… → central; 实施周期指标值 →
 * guangdong-2020; else plain. In jx-import.c. */
const char *jx_import_template_for_columns (const JxRowsTable *table);

/* The time import comments are stamped with: $SOURCE_DATE_EPOCH when set,
 * else now. In jx-import.c. */
char       *jx_import_annotation_time      (void);

/* Sorts @warnings (JxProblem) by line. In jx-import.c. */
void        jx_import_sort_warnings        (GPtrArray  *warnings);

/*
 * Single-project forms (jx-import-form.c): label/value pairs (项目名称,
 * 主管部门, 实施单位, 年度资金总额, 其中：财政拨款, 其他资金, 实施期, 中长期目标,
 * 年度目标 …), then the indicator rows under a header naming 三级指标, then
 * sign-off blocks; one or several in a text. FALSE when @utf8 holds no such
 * form (another layout reads it). TRUE when it does: *@out is the document,
 * or NULL with @error set (a form without indicator rows is refused).
 */
gboolean    jx_import_forms                (const char  *utf8,
                                            gsize        len,
                                            GPtrArray   *warnings,
                                            JxDocument **out,
                                            GError     **error);

G_END_DECLS
