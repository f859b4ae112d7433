/* jx-detail.h: the 指标明细 shape, one row per indicator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"

G_BEGIN_DECLS

/*
 * The 指标明细 shape, written by the clipboard copy (jx_rows_copy_tsv()),
 * the csv export and the xlsx sheet 指标明细 alike: one row per indicator
 * with the columns
 *
 *   资金使用单位, 项目名称, 总计, one per funding source, the template's
 *   goals (绩效目标; 中长期目标 and 年度目标 …), 一级指标, 二级指标, 三级指标,
 *   the template's indicator fields (实施周期指标值, 年度指标值; 指标性质,
 *   指标值, 度量单位, 权重, 指标方向性 …)
 *
 * (labels as the document's template prints them, jx-template.h; for
 * guangdong-2020 the shape of format 1, unchanged), and with
 * JX_DETAIL_LAST_YEAR two more, last year's values (jx-previous.h) of a
 * table made by new-year:
 *
 *   … 年度指标值, 上年总计, 上年年度指标值
 *
 * empty where there is no such value (an item added this year). A project
 * without indicators gives one row with the indicator cells empty; a
 * confidential (涉密) project one row with JX_PROJECT_CONFIDENTIAL_TEXT as its
 * goal and no indicator. Codes read "21-经济效益指标" where the document's
 * taxonomy knows them.
 */

/* cells[JX_DETAIL_FIRST_AMOUNT + i] is amounts[i]: 总计, then each source. */
#define JX_DETAIL_FIRST_AMOUNT 2

/* The headers of last year's columns: this word before the field's
 * official label ("上年总计"). Never translated, as the labels. */
#define JX_DETAIL_LAST_YEAR_PREFIX "上年"

typedef enum {
  JX_DETAIL_DEFAULT   = 0,
  JX_DETAIL_LAST_YEAR = 1 << 0,   /* the two 上年 columns at the end */
} JxDetailFlags;

typedef struct {
  JxFundingUnit       *unit;       /* NULL for a project outside any unit */
  JxProject           *project;
  JxIndicator         *indicator;  /* NULL: a project without indicators, or confidential */
  guint                n_cells;    /* as many as the header has */
  const char * const  *cells;      /* every cell as text, amounts formatted exactly */
  guint                n_amounts;  /* 1 + the document's number of sources */
  const JxMoney       *amounts;
  /* With JX_DETAIL_LAST_YEAR: cells[n_cells - 2] is last year's total, as
   * @last_total when @has_last_total; else the cell is empty. */
  gboolean             has_last_total;
  JxMoney              last_total;
} JxDetailRow;

/* Returns FALSE with @error set to stop. */
typedef gboolean (*JxDetailFunc) (const JxDetailRow *row,
                                  gpointer           data,
                                  GError           **error);

/* Calls @func for each project of @nodes: the document gives all of its
 * projects, a unit its projects, a project itself, an indicator its project
 * with @indicator set (otherwise NULL). Stops at the first FALSE. */
typedef gboolean (*JxDetailProjectFunc) (JxProject   *project,
                                         JxIndicator *indicator,
                                         gpointer     data,
                                         GError     **error);

gboolean jx_detail_foreach_project (JxNode * const     *nodes,
                                    guint               n_nodes,
                                    JxDetailProjectFunc func,
                                    gpointer            data,
                                    GError            **error);

/* The header row: a NULL-terminated array of the official labels. */
char   **jx_detail_header          (JxDocument         *document,
                                    JxDetailFlags       flags);

/*
 * Calls @func for every row of @nodes (as jx_detail_foreach_project() walks
 * them; an indicator gives only its own row). @progress, if set, hears the
 * fraction of the document's projects done every 256 projects and at the
 * end; @cancellable is checked before each project. Returns FALSE when
 * @func did, or with G_IO_ERROR_CANCELLED.
 */
gboolean jx_detail_foreach         (JxDocument         *document,
                                    JxDetailFlags       flags,
                                    JxNode * const     *nodes,
                                    guint               n_nodes,
                                    JxDetailFunc        func,
                                    gpointer            data,
                                    JxProgressFunc      progress,
                                    gpointer            user_data,
                                    GCancellable       *cancellable,
                                    GError            **error);

G_END_DECLS
