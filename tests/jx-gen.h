/* jx-gen.h: generated tables for tests and benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"

G_BEGIN_DECLS

/* A document of @n_projects projects drawn from the shapes of the sample
 * table, about 6 indicators each, a new funding unit every 1,000 projects.
 * Deterministic: the same @n_projects and @seed give the same document. */
JxDocument *jx_gen_document       (guint       n_projects,
                                   guint       seed);

/* @document in the published layout, as text pulled out of a PDF: title,
 * 部门名称, the header repeated every few rows, 合计, unit and project rows
 * separated by tabs, with the noise of real OCR text that loses nothing:
 * separators that vary (; ； : ： , ，, with or without spaces), amounts
 * with and without thousands separators and with spaces (“56, 539. 99”),
 * names and goals wrapped with a space between two CJK characters, item
 * numbers that repeat or skip. Deterministic for a given @seed. */
GString    *jx_gen_published_text (JxDocument *document,
                                   guint       seed);

/* Row tables of other provinces: one indicator per row. */
typedef enum
{
  JX_GEN_SICHUAN,   /* 单位名称 · 项目名称 · 预算数 · 年度目标 · 一级 · 二级 · 三级 · 指标性质 ·
                     * 指标值 · 度量单位 · 权重 · 指标方向性; amounts in 元, 2 decimals */
  JX_GEN_CENTRAL,   /* 项目名称 · 资金总额 · 财政拨款 · 其他资金 · 中长期目标 · 年度目标 · 一级 ·
                     * 二级 · 三级 · 中长期指标值 · 年度指标值; 万元 kept to the 元, 4 decimals */
  JX_GEN_PLAIN,     /* 项目名称 · 资金总额 · 年度目标 · 一级 · 二级 · 三级 · 指标值; 万元, 2 decimals */
} JxGenLayout;

/* What a correct import of a generated row table gives for one project,
 * computed by the generator from what it printed. */
typedef struct
{
  char   *name;
  gint64  amount;        /* the 总计 printed, in units of 10^-decimals */
  guint   decimals;      /* as printed */
  guint   n_indicators;
  char   *cycle_goal;    /* JX_GEN_CENTRAL: 中长期目标, else NULL */
} JxGenAnswer;

void        jx_gen_answer_clear   (JxGenAnswer *answer);

/* A row table of @layout with @n_projects projects (3 to 8 indicators
 * each; unit, project, amounts and goals only on a project's first row,
 * 一级 and 二级 left blank where they repeat, as merged cells copy), as a
 * pipe table (`| a | b |` with a `|---|` rule, as web pages show them) or
 * TSV (as spreadsheets copy), with a title and a 金额单位 line above.
 * Amounts are printed with and without thousands separators. @answers
 * (of JxGenAnswer, with its clear function set) receives the expected
 * answer of each project, in order. Deterministic for a given @seed. */
GString    *jx_gen_row_table      (JxGenLayout  layout,
                                   gboolean     pipes,
                                   guint        n_projects,
                                   guint        seed,
                                   GArray      *answers);

G_END_DECLS
