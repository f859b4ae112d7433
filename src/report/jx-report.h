/* jx-report.h: a document as the official table: its text, sums and pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-project.h"
#include "jx-report-layout.h"

G_BEGIN_DECLS

/* What the official table prints that is no field of a document (the
 * fields' own labels come from jx-fields.h, ->official). Never translated:
 * the table is the same in every language of the user interface. */
#define JX_REPORT_TOTAL_ROW     "合计"
#define JX_REPORT_INDICATORS    "绩效指标"
#define JX_REPORT_CONFIDENTIAL  JX_PROJECT_CONFIDENTIAL_TEXT
#define JX_REPORT_PAGE_FOOTER   "第 %u 页 共 %u 页"
#define JX_REPORT_COMMENTS      "审核意见"

typedef struct {
  /* Append the open (unresolved) comments, grouped by project. */
  gboolean comments;
  /* Last year's values (jx-previous.h) of a table made by new-year: in the
   * official table a column 上年总计 after the funding sources (units and
   * 合计 sum it) and "（上年：…）" after each annual value that has one; in
   * the 指标明细 shape its two 上年 columns (jx-detail.h). */
  gboolean last_year;
} JxReportOptions;

/* The title as printed: the document's, or "<部门><年>年项目支出绩效目标表(含转移支付项目)". */
char           *jx_report_get_title          (JxDocument     *document);
/* "项目名称(资金使用单位)": the first column's header. */
char           *jx_report_get_name_header    (void);

/* @project's indicators as the official table's one cell:
 * "1、1-产出指标；11-数量指标；足额发放率；实施周期指标值：100%；年度指标值：100%。"
 * (empty values left out); with @last_year, "（上年：≥95%）" after each
 * annual value that has last year's value. For a confidential project:
 * JX_REPORT_CONFIDENTIAL. */
char           *jx_report_format_indicators  (JxDocument     *document,
                                              JxProject      *project,
                                              gboolean        last_year);
/* The header of the official table's last-year column: "上年总计". */
char           *jx_report_get_last_year_header (void);
/* The sum of last year's totals (jx_project_get_previous_total()) of
 * @unit's projects (the whole document's with @unit NULL) that have one.
 * FALSE if none has one or the sum would overflow. */
gboolean        jx_report_sum_previous       (JxDocument     *document,
                                              JxFundingUnit  *unit,
                                              JxMoney        *sum);
/* The goal as printed: JX_REPORT_CONFIDENTIAL for a confidential project,
 * whatever its goal holds. Transfer none. */
const char     *jx_report_get_goal           (JxProject      *project);
/* The goal cell: the notice for a confidential project; "中长期目标：…\n
 * 年度目标：…" where the template has both goals and the cycle goal is
 * filled in; else the goal. */
char           *jx_report_format_goal        (JxDocument     *document,
                                              JxProject      *project);
/* The goal column's header: the template's goal label (年度目标) when it
 * has one goal, else 绩效目标. */
const char     *jx_report_goal_header        (JxDocument     *document);

/* The sum of each funding source over @unit's projects (or over the whole
 * document with @unit NULL) into @sums (jx_document_get_n_sources() of
 * them). FALSE if a sum would overflow. */
gboolean        jx_report_sum_sources        (JxDocument     *document,
                                              JxFundingUnit  *unit,
                                              JxMoney        *sums);

/* The official table of @document (and the comments, per @options) on
 * pages of @width × @height points; paginate before drawing. */
JxReportLayout *jx_report_layout_new         (JxDocument            *document,
                                              const JxReportOptions *options,
                                              double                 width_pt,
                                              double                 height_pt);

G_END_DECLS
