/* test-rows.c: rows to and from spreadsheets (jx-rows.h)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-rows"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "jx-edit.h"
#include "jx-fields.h"
#include "jx-init.h"
#include "jx-money.h"
#include "jx-rows.h"
#include "jx-template.h"
#include "jx-xml.h"

/* The 指标明细 header of a default document, built from the field table. */
static char *
detail_header (JxDocument *doc)
{
  GString *s = g_string_new ("资金使用单位\t项目名称\t总计");

  for (guint i = 0; i < jx_document_get_n_sources (doc); i++)
    g_string_append_printf (s, "\t%s", jx_document_get_source (doc, i)->official);
  g_string_append (s, "\t绩效目标\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值");
  return g_string_free (s, FALSE);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
}

static const JxProblem *
find_problem (GPtrArray  *problems,
              const char *rule)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((JxProblem *) problems->pdata[i])->rule, rule))
      return problems->pdata[i];
  return NULL;
}

static guint
count_problems (GPtrArray  *problems,
                const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    n += g_str_equal (((JxProblem *) problems->pdata[i])->rule, rule);
  return n;
}

static JxProject *
nth_project (JxDocument *doc,
             guint       n)
{
  GListModel *units = jx_document_get_units (doc);

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);
      guint count = g_list_model_get_n_items (projects);

      if (n < count)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, n);
          return project;   /* the unit holds it */
        }
      n -= count;
    }
  return NULL;
}

static JxIndicator *
nth_indicator (JxProject *project,
               guint      n)
{
  g_autoptr(JxIndicator) indicator = g_list_model_get_item (jx_project_get_indicators (project), n);

  return indicator;
}

static guint
n_indicators_of (JxProject *project)
{
  return g_list_model_get_n_items (jx_project_get_indicators (project));
}

static JxMoney
money (const char *text)
{
  JxMoney value = 0;

  g_assert_true (jx_money_parse (text, JX_MONEY_PARSE_DEFAULT, &value, NULL, NULL));
  return value;
}

static char *
read_fixture (const char *name,
              gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "rows", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

static JxDocument *
load_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "data", "examples",
                                            "guangzhou-organization-dept-2024.jixiao", NULL);
  g_autoptr(GError) error = NULL;
  JxDocument *doc = jx_xml_load_file (path, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* ------------------------------------------------------------ reading */

static void
test_tsv_quoted_crlf (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autofree char *header = detail_header (doc);
  /* As Excel copies: CRLF, a goal with a line break, a tab and doubled
   * quotes is quoted; empty trailing cells. */
  g_autofree char *text = g_strconcat (header, "\r\n",
    "单位甲\t项目一\t30\t10\t20\t0\t\"目标“一”\r\n第二行\t有\"\"引号\"\"\"\t1-产出指标\t11-数量指标\t人数\t100人\t\r\n",
    "\t\t\t\t\t\t\t\t\t质量\t\t\r\n", NULL);
  g_autoptr(JxRowsTable) table = jx_rows_read (text, strlen (text), doc, problems, &error);
  const JxRowsRow *row;
  const JxRowsCell *goal, *annual;

  g_assert_no_error (error);
  g_assert_cmpint (table->layout, ==, JX_ROWS_LAYOUT_TSV);
  g_assert_cmpuint (table->header_record, ==, 1);
  g_assert_cmpuint (table->rows->len, ==, 2);
  row = table->rows->pdata[0];
  goal = jx_rows_row_get (table, row, JX_ROWS_COLUMN_GOAL, 0);
  g_assert_cmpstr (goal->text, ==, "目标“一”\n第二行\t有\"引号\"");
  g_assert_cmpuint (goal->line, ==, 2);
  annual = jx_rows_row_get (table, row, JX_ROWS_COLUMN_ANNUAL_VALUE, 0);
  g_assert_cmpstr (annual->text, ==, "");
  /* The row after the quoted line break starts on line 4. */
  row = table->rows->pdata[1];
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpuint (row->record, ==, 3);
  g_assert_cmpstr (jx_rows_row_get (table, row, JX_ROWS_COLUMN_INDICATOR, 0)->text, ==, "质量");
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_header_reordered_extra (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  const JxField *first = jx_document_get_source (doc, 0);
  const JxField *last = jx_document_get_source (doc, jx_document_get_n_sources (doc) - 1);
  /* A title line, then columns in another order, an unknown 序号, a 权重
   * not held, a bracketed unit and a 其中： prefix. */
  g_autofree char *text = g_strdup_printf (
    "2024年项目绩效目标表\n"
    "序号\t三级指标\t项目名称\t其中：%s\t%s（万元）\t权重\t一级指标\t二级指标\n"
    "1\t覆盖人数\t项目甲\t12.5\t3\t10\t产出指标\t数量指标\n",
    last->official, first->official);
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  JxProject *project;
  JxIndicator *indicator;

  g_assert_no_error (error);
  project = nth_project (fragment, 0);
  g_assert_cmpstr (jx_project_get_name (project), ==, "项目甲");
  g_assert_cmpint (jx_project_get_source (project, 0), ==, money ("3"));
  g_assert_cmpint (jx_project_get_source (project, jx_document_get_n_sources (doc) - 1), ==, money ("12.5"));
  /* “（万元）” is the document's unit: nothing to say. */
  g_assert_null (find_problem (problems, "rows-unit"));
  g_assert_cmpuint (n_indicators_of (project), ==, 1);
  indicator = nth_indicator (project, 0);
  g_assert_cmpstr (jx_indicator_get_name (indicator), ==, "覆盖人数");
  /* Names resolved to codes with the taxonomy. */
  g_assert_cmpstr (jx_indicator_get_category (indicator), ==, "1");
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "11");
  g_assert_nonnull (find_problem (problems, "rows-not-held"));
  g_assert_nonnull (strstr (find_problem (problems, "rows-not-held")->message, "权重"));
  g_assert_nonnull (strstr (find_problem (problems, "rows-unknown-column")->message, "序号"));
  g_assert_cmpuint (count_problems (problems, "rows-amount"), ==, 0);
}

static void
test_carry_down_merged (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autofree char *header = detail_header (doc);
  /* Merged cells copy as blanks under their first row. */
  g_autofree char *text = g_strconcat (header, "\n",
    "单位甲\t项目一\t5\t5\t0\t0\t目标一\t1\t11\t指标A\t1\t1\n",
    "\t\t\t\t\t\t\t\t\t指标B\t2\t2\n",
    "\t\t\t\t\t\t\t\t12\t指标C\t3\t3\n",
    "\t项目二\t7\t7\t0\t0\t目标二\t2\t21\t指标D\t4\t4\n",
    "\t\t\t\t\t\t\t\t\t指标E\t5\t5\n", NULL);
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  JxProject *one, *two;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_units (fragment)), ==, 1);
  one = nth_project (fragment, 0);
  two = nth_project (fragment, 1);
  g_assert_nonnull (two);
  g_assert_null (nth_project (fragment, 2));
  g_assert_cmpstr (jx_project_get_name (two), ==, "项目二");
  /* The amount is the project's once, not once per row. */
  g_assert_cmpint (jx_project_get_total (one), ==, money ("5"));
  g_assert_cmpint (jx_project_get_total (two), ==, money ("7"));
  g_assert_cmpuint (n_indicators_of (one), ==, 3);
  g_assert_cmpuint (n_indicators_of (two), ==, 2);
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (one, 1)), ==, "1");
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (one, 1)), ==, "11");
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (one, 2)), ==, "12");
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (two, 1)), ==, "2");
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (two, 1)), ==, "21");
  g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (two, 1)), ==, "5");
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_bad_code_kept (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (
    "项目名称\t一级指标\t二级指标\t三级指标\n"
    "项目甲\t9-产出指标\t11-数量指标\t甲\n"
    "项目甲\t1-效益指标\t11\t乙\n"
    "项目甲\t其他指标\t99\t丙\n"
    /* Names other provinces print (jx-taxonomy's aliases) are codes. */
    "项目甲\t产出目标\t数量目标\t丁\n");
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  JxProject *project;
  const JxProblem *problem;

  g_assert_no_error (error);
  project = nth_project (fragment, 0);
  g_assert_cmpuint (n_indicators_of (project), ==, 4);
  /* Kept as written, never changed to what the label says. */
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (project, 0)), ==, "9");
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (project, 1)), ==, "1");
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (project, 2)), ==, "其他指标");
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (project, 2)), ==, "99");
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (project, 3)), ==, "1");
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (project, 3)), ==, "11");
  g_assert_cmpuint (count_problems (problems, "rows-code"), ==, 4);
  problem = find_problem (problems, "rows-code");
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_cmpuint (problem->column, ==, strlen ("项目甲") / 3 + 2);
  g_assert_nonnull (strstr (problem->message, "Row 2"));
  g_assert_nonnull (strstr (problem->message, "9-产出指标"));
}

static void
test_bad_amount_located (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  const char *label = jx_document_get_source (doc, 0)->official;
  g_autofree char *text = g_strdup_printf ("项目名称\t%s\t三级指标\n"
                                           "项目甲\t12,34\t甲\n"
                                           "项目乙\t1.234\t乙\n", label);
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  const JxProblem *problem;

  g_assert_no_error (error);
  /* Nothing invented: the projects are there, the amounts not read are 0. */
  g_assert_cmpstr (jx_project_get_name (nth_project (fragment, 0)), ==, "项目甲");
  g_assert_cmpint (jx_project_get_total (nth_project (fragment, 0)), ==, 0);
  g_assert_cmpint (jx_project_get_total (nth_project (fragment, 1)), ==, 0);
  g_assert_cmpuint (count_problems (problems, "rows-amount"), ==, 2);
  problem = find_problem (problems, "rows-amount");
  /* “12,34”: the misplaced separator is the 3rd character of the cell,
   * which starts at column 5 of line 2. */
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_cmpuint (problem->column, ==, 5 + 2);
  g_assert_nonnull (strstr (problem->message, "Row 2"));
  g_assert_nonnull (strstr (problem->message, label));
  g_assert_nonnull (strstr (problem->message, "12,34"));
}

static void
test_repeated_amount_differs (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  const char *label = jx_document_get_source (doc, 0)->official;
  /* One row per indicator, the project's cells repeated; row 3 disagrees. */
  g_autofree char *text = g_strdup_printf ("项目名称\t%s\t三级指标\n"
                                           "项目甲\t5.00\t甲\n"
                                           "项目甲\t6.00\t乙\n"
                                           "项目甲\t5\t丙\n", label);
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  const JxProblem *problem;

  g_assert_no_error (error);
  g_assert_null (nth_project (fragment, 1));
  g_assert_cmpuint (n_indicators_of (nth_project (fragment, 0)), ==, 3);
  g_assert_cmpint (jx_project_get_total (nth_project (fragment, 0)), ==, money ("5"));
  g_assert_cmpuint (count_problems (problems, "rows-amount"), ==, 1);
  problem = find_problem (problems, "rows-amount");
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_nonnull (strstr (problem->message, "6.00"));
}

static void
test_year_never_money (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  const char *label = jx_document_get_source (doc, 0)->official;
  g_autofree char *text = g_strdup_printf ("年度\t项目名称\t%s\t三级指标\t指标值\t权重\n"
                                           "2020\t项目甲\t8.00\t甲\t11\t100\n", label);
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  JxProject *project;

  g_assert_no_error (error);
  project = nth_project (fragment, 0);
  g_assert_cmpint (jx_project_get_total (project), ==, money ("8"));
  for (guint i = 0; i < jx_document_get_n_sources (doc); i++)
    g_assert_cmpint (jx_project_get_source (project, i), ==, i == 0 ? money ("8") : 0);
  g_assert_cmpint (jx_document_get_total (fragment), ==, money ("8"));
  g_assert_nonnull (strstr (find_problem (problems, "rows-not-held")->message, "年度"));
}

static void
test_total_checked (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  g_autofree char *header = detail_header (doc);
  g_autofree char *text = g_strconcat (header, "\n单位\t项目甲\t99\t10\t20\t0\t\t\t\t\t\t\n", NULL);
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  const JxProblem *problem;

  g_assert_no_error (error);
  /* The sources win. */
  g_assert_cmpint (jx_project_get_total (nth_project (fragment, 0)), ==, money ("30"));
  problem = find_problem (problems, "rows-total");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "99.00"));
  g_assert_nonnull (strstr (problem->message, "30.00"));
}

static void
test_no_header (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  const char *text = "甲\t乙\t丙\n1\t2\t3\n";
  g_autoptr(JxRowsTable) table = jx_rows_read (text, strlen (text), doc, problems, &error);

  g_assert_null (table);
  g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NO_HEADER);
  g_assert_nonnull (strstr (error->message, "甲 | 乙 | 丙"));
  g_clear_error (&error);
  g_assert_null (jx_rows_read ("  \r\n\t\n", 6, doc, problems, &error));
  g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_EMPTY);
}

static void
test_pipe_table (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  const char *text =
    "| 项目名称 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 |\n"
    "|---|:---:|---|---|---|\n"
    "| 项目甲 | 1 | 11 | 人数 | 10人 |\n"
    "| | | 12 | 合格率 | 100% |\n";
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, NULL, problems, &error);
  JxProject *project;

  g_assert_no_error (error);
  project = nth_project (fragment, 0);
  g_assert_cmpuint (n_indicators_of (project), ==, 2);
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (project, 1)), ==, "1");
  g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (project, 1)), ==, "100%");
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Amounts that each fit but whose total no figure can hold (a row of
 * digits run together), in one project or across two: the rows are
 * refused with the row named, never wrapped into a wrong total (found by
 * fuzz-rows: a signed overflow in the unit's total). */
static void
test_total_too_large (void)
{
  const char *texts[] = {
    "项目名称\t财政拨款\t其他资金\t三级指标\n"
    "项目甲\t50000000000000000.00\t50000000000000000.00\t人数\n",
    "项目名称\t财政拨款\t三级指标\n"
    "项目甲\t80000000000000000.00\t人数\n"
    "项目乙\t80000000000000000.00\t人数\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JxDocument) doc = jx_document_new ();
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JxDocument) fragment = jx_rows_parse (texts[i], strlen (texts[i]), doc, NULL, problems, &error);

      g_assert_null (fragment);
      g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TOO_LARGE);
      /* Rows are counted as a spreadsheet does, the header being row 1. */
      g_assert_nonnull (strstr (error->message, i == 0 ? "2:" : "3:"));
    }
}

/* A table saved by LibreOffice Calc as text (tab, quote, UTF-8:
 * “csv:Text - txt - csv (StarCalc):9,34,76”) from an xlsx: reordered
 * columns, 序号 and 权重, merged cells blank, a goal with a line break and
 * quotes, a value with a tab, 100% shown as 100.00%. */
static void
test_libreoffice_fixture (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *text = read_fixture ("libreoffice-calc.tsv", &len);
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, len, doc, NULL, problems, &error);
  JxProject *one, *two;
  int other = jx_document_find_source (doc, "other");

  g_assert_no_error (error);
  one = nth_project (fragment, 0);
  two = nth_project (fragment, 1);
  g_assert_cmpstr (jx_project_get_name (one), ==, "村组干部报酬");
  g_assert_cmpstr (jx_project_get_goal (one), ==, "按时发放\"村组干部\"报酬；\n保障基层运转");
  g_assert_cmpint (jx_project_get_source (one, 0), ==, money ("1234.50"));
  g_assert_cmpint (jx_project_get_total (one), ==, money ("1244.50"));
  g_assert_cmpint (other, >=, 0);
  g_assert_cmpint (jx_project_get_source (one, other), ==, money ("10"));
  g_assert_cmpuint (n_indicators_of (one), ==, 3);
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (one, 1)), ==, "12");
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (one, 1)), ==, "1");
  g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (one, 1)), ==, "100.00%");
  g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (one, 2)), ==, "有效\t保障");
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (one, 2)), ==, "2");
  g_assert_cmpstr (jx_project_get_name (two), ==, "基层组织活动经费");
  g_assert_cmpuint (n_indicators_of (two), ==, 1);
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (two, 0)), ==, "31");
  g_assert_cmpuint (count_problems (problems, "rows-amount"), ==, 0);
  g_assert_cmpuint (count_problems (problems, "rows-total"), ==, 0);
  g_assert_cmpuint (count_problems (problems, "rows-code"), ==, 0);
}

/* The Sichuan 申报表 as a web page shows it (a pipe table whose merged
 * cells were dropped): one indicator per row. */
static void
test_sichuan_sample (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *text = read_fixture ("sichuan-matazhen-2023.txt", &len);
  g_autoptr(JxRowsTable) table = jx_rows_read (text, len, doc, problems, &error);
  g_autoptr(JxDocument) fragment = NULL;
  const JxProblem *not_held;
  JxProject *one, *two;

  g_assert_no_error (error);
  g_assert_cmpint (table->layout, ==, JX_ROWS_LAYOUT_PIPE);
  /* Its line: in a text file rows are counted as lines. */
  g_assert_cmpuint (table->header_record, ==, 4);
  g_assert_cmpint (jx_rows_table_find (table, JX_ROWS_COLUMN_UNIT, 0), ==, 0);
  g_assert_cmpint (jx_rows_table_find (table, JX_ROWS_COLUMN_TOTAL, 0), ==, 2);
  g_assert_cmpint (jx_rows_table_find (table, JX_ROWS_COLUMN_GOAL, 0), ==, 3);
  g_assert_cmpint (jx_rows_table_find (table, JX_ROWS_COLUMN_WEIGHT, 0), ==, 10);
  g_assert_cmpint (jx_rows_table_find (table, JX_ROWS_COLUMN_DIRECTION, 0), ==, 11);
  not_held = find_problem (problems, "rows-not-held");
  g_assert_nonnull (not_held);
  g_assert_nonnull (strstr (not_held->message, "指标性质"));
  g_assert_nonnull (strstr (not_held->message, "度量单位"));
  /* The department's subtotal row is no project. */
  g_assert_nonnull (find_problem (problems, "rows-skipped"));
  g_assert_cmpuint (find_problem (problems, "rows-skipped")->line, ==, 5);
  g_assert_nonnull (strstr (find_problem (problems, "rows-skipped")->message, "Row 5:"));
  g_assert_cmpuint (table->rows->len, ==, 13);

  fragment = jx_rows_build (table, doc, NULL, problems, &error);
  g_assert_no_error (error);
  one = nth_project (fragment, 0);
  two = nth_project (fragment, 1);
  g_assert_null (nth_project (fragment, 2));
  g_assert_cmpstr (jx_project_get_name (one), ==, "村组干部报酬");
  g_assert_cmpstr (jx_project_get_name (two), ==, "基层组织活动经费");
  g_assert_cmpuint (n_indicators_of (one), ==, 8);
  g_assert_cmpuint (n_indicators_of (two), ==, 5);
  /* 预算数 only: read exactly, reported as put in the first source. */
  g_assert_cmpint (jx_project_get_total (one), ==, money ("3,309,840.00"));
  g_assert_cmpint (jx_project_get_total (two), ==, money ("660,000.00"));
  g_assert_nonnull (find_problem (problems, "rows-total-only"));
  /* “金额单位:元” in a 万元 document: said, never converted silently. */
  g_assert_cmpstr (table->amount_unit, ==, "元");
  g_assert_nonnull (find_problem (problems, "rows-unit"));
  g_assert_cmpuint (find_problem (problems, "rows-unit")->line, ==, 3);
  g_assert_cmpstr (jx_indicator_get_name (nth_indicator (two, 4)), ==, "行政村数量");
  g_assert_cmpstr (jx_indicator_get_category (nth_indicator (two, 4)), ==, "1");
  g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (two, 4)), ==, "11");
  /* The weight 10 and the value 11 are no money anywhere. */
  g_assert_cmpint (jx_document_get_total (fragment), ==, money ("3,969,840.00"));
}

/* -------------------------------------------------------------- copy */

static void
assert_same_projects (JxDocument *a,
                      JxDocument *b)
{
  for (guint p = 0;; p++)
    {
      JxProject *x = nth_project (a, p), *y = nth_project (b, p);

      if (x == NULL || y == NULL)
        {
          g_assert_true (x == y);
          break;
        }
      g_assert_cmpstr (jx_project_get_name (x), ==, jx_project_get_name (y));
      g_assert_cmpstr (jx_funding_unit_get_name (jx_project_get_unit (x)), ==,
                       jx_funding_unit_get_name (jx_project_get_unit (y)));
      for (guint s = 0; s < jx_document_get_n_sources (a); s++)
        g_assert_cmpint (jx_project_get_source (x, s), ==, jx_project_get_source (y, s));
      g_assert_cmpint (jx_project_get_confidential (x), ==, jx_project_get_confidential (y));
      if (jx_project_get_confidential (x))
        continue;
      g_assert_cmpstr (jx_project_get_goal (x), ==, jx_project_get_goal (y));
      g_assert_cmpuint (n_indicators_of (x), ==, n_indicators_of (y));
      for (guint i = 0; i < n_indicators_of (x); i++)
        {
          JxIndicator *u = nth_indicator (x, i), *v = nth_indicator (y, i);

          g_assert_cmpstr (jx_indicator_get_category (u), ==, jx_indicator_get_category (v));
          g_assert_cmpstr (jx_indicator_get_subcategory (u), ==, jx_indicator_get_subcategory (v));
          g_assert_cmpstr (jx_indicator_get_name (u), ==, jx_indicator_get_name (v));
          g_assert_cmpstr (jx_indicator_get_cycle_value (u), ==, jx_indicator_get_cycle_value (v));
          g_assert_cmpstr (jx_indicator_get_annual_value (u), ==, jx_indicator_get_annual_value (v));
        }
    }
}

static void
test_copy_tsv_round_trip (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  JxNode *all = JX_NODE (doc);
  g_autofree char *tsv = jx_rows_copy_tsv (doc, &all, 1);
  g_autofree char *header = detail_header (doc);
  g_autoptr(JxDocument) fragment = NULL;
  guint secret = 0;

  g_assert_true (g_str_has_prefix (tsv, header));
  /* Plain decimals, no thousands separators. */
  g_assert_null (strstr (tsv, ",000.00"));
  fragment = jx_rows_parse (tsv, strlen (tsv), doc, NULL, problems, &error);
  g_assert_no_error (error);
  assert_same_projects (doc, fragment);
  g_assert_cmpint (jx_document_get_total (fragment), ==, jx_document_get_total (doc));
  g_assert_cmpuint (problems->len, ==, 0);

  /* Confidential goals and indicators never go out. */
  for (guint p = 0; nth_project (doc, p) != NULL; p++)
    {
      JxProject *project = nth_project (doc, p);

      if (!jx_project_get_confidential (project))
        continue;
      g_autofree char *key = g_strdup_printf ("\t%s\t", jx_project_get_name (project));
      g_auto(GStrv) lines = g_strsplit (tsv, "\r\n", -1);
      guint n_lines = 0;

      secret++;
      g_assert_cmpuint (n_indicators_of (project), >, 0);
      g_assert_cmpstr (jx_project_get_goal (project), !=, "");
      g_assert_null (strstr (tsv, jx_project_get_goal (project)));
      /* One row: name, amounts, the sentence, no indicator. */
      for (guint l = 0; lines[l] != NULL; l++)
        if (strstr (lines[l], key) != NULL)
          {
            n_lines++;
            g_assert_true (g_str_has_suffix (lines[l], JX_PROJECT_CONFIDENTIAL_TEXT "\t\t\t\t\t"));
          }
      g_assert_cmpuint (n_lines, ==, 1);
    }
  g_assert_cmpuint (secret, >, 0);
  g_assert_nonnull (strstr (tsv, JX_PROJECT_CONFIDENTIAL_TEXT));
}

static void
test_copy_confidential_goal (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  JxFundingUnit *unit = jx_edit_add_unit (doc, 0, "单位");
  JxProject *project = jx_edit_add_project (doc, unit, 0, "代号甲");
  JxNode *node = JX_NODE (project);
  g_autofree char *tsv = NULL;

  jx_edit_set_string (doc, project, "goal", "绝密目标文字");
  jx_edit_add_indicator (doc, project, 0, "1", "11");
  jx_edit_set_string (doc, nth_indicator (project, 0), "name", "绝密指标");
  jx_edit_set_boolean (doc, project, "confidential", TRUE);
  tsv = jx_rows_copy_tsv (doc, &node, 1);
  g_assert_null (strstr (tsv, "绝密"));
  g_assert_nonnull (strstr (tsv, "代号甲"));
  g_assert_nonnull (strstr (tsv, JX_PROJECT_CONFIDENTIAL_TEXT));
}

static void
test_copy_nodes_round_trip (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(JxDocument) target = load_example ();
  g_autoptr(GError) error = NULL;
  JxNode *all = JX_NODE (doc);
  g_autoptr(GBytes) bytes = jx_rows_copy_nodes (doc, &all, 1, &error);
  g_autoptr(JxDocument) fragment = NULL;
  JxRowsContent content = JX_ROWS_CONTENT_INDICATORS;
  JxNode *indicator;

  g_assert_no_error (error);
  fragment = jx_rows_read_nodes (bytes, &content, &error);
  g_assert_no_error (error);
  g_assert_cmpint (content, ==, JX_ROWS_CONTENT_PROJECTS);
  /* Lossless: even the confidential goals are there. */
  assert_same_projects (doc, fragment);
  for (guint p = 0; nth_project (doc, p) != NULL; p++)
    g_assert_cmpstr (jx_project_get_goal (nth_project (doc, p)), ==, jx_project_get_goal (nth_project (fragment, p)));

  /* One indicator copied is pasted as an indicator. */
  indicator = JX_NODE (nth_indicator (nth_project (doc, 0), 1));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&fragment);
  bytes = jx_rows_copy_nodes (doc, &indicator, 1, &error);
  g_assert_no_error (error);
  fragment = jx_rows_read_nodes (bytes, &content, &error);
  g_assert_no_error (error);
  g_assert_cmpint (content, ==, JX_ROWS_CONTENT_INDICATORS);
  {
    JxProject *into = nth_project (target, 3);
    guint before = n_indicators_of (into), n_projects = 9, n_indicators = 0;
    JxNode *first = jx_rows_paste (target, JX_NODE (into), fragment, content, &n_projects, &n_indicators, &error);

    g_assert_no_error (error);
    g_assert_true (JX_IS_INDICATOR (first));
    g_assert_cmpuint (n_projects, ==, 0);
    g_assert_cmpuint (n_indicators, ==, 1);
    g_assert_cmpuint (n_indicators_of (into), ==, before + 1);
    g_assert_cmpstr (jx_indicator_get_name (nth_indicator (into, before)), ==,
                     jx_indicator_get_name (JX_INDICATOR (indicator)));
    /* A new id, not the copied one. */
    g_assert_cmpstr (jx_node_get_id (first), !=, jx_node_get_id (indicator));
  }
  /* Damaged: a clear error. */
  {
    g_autoptr(GBytes) bad = g_bytes_new_static ("<jixiao", 7);
    g_assert_null (jx_rows_read_nodes (bad, &content, &error));
    g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NODES);
    g_clear_error (&error);
  }
  /* Rows of a newer Jixiao (format 99): refused, not pasted without what
   * this version cannot keep. Found by fuzz-nodes. */
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autoptr(GRegex) format = g_regex_new (" format=\"[0-9]+\"", 0, 0, NULL);
    char *newer = g_regex_replace_literal (format, text, -1, 0, " format=\"99\"", 0, NULL);
    g_autoptr(GBytes) newer_bytes = g_bytes_new_take (newer, strlen (newer));

    g_assert_nonnull (strstr (newer, " format=\"99\""));
    g_assert_null (jx_rows_read_nodes (newer_bytes, &content, &error));
    g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_NODES);
    g_assert_nonnull (strstr (error->message, "newer"));
  }
}

static void
test_paste_one_undo_step (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  JxHistory *history = jx_document_get_history (doc);
  JxProject *source = nth_project (doc, 0);
  JxNode *node = JX_NODE (source);
  g_autofree char *tsv = jx_rows_copy_tsv (doc, &node, 1);
  g_autoptr(JxDocument) fragment = NULL;
  JxFundingUnit *unit = jx_edit_add_unit (doc, 1, "另一单位");
  guint projects_before = jx_document_get_n_projects (doc);
  guint indicators_before = jx_document_get_n_indicators (doc);
  JxMoney total_before = jx_document_get_total (doc);
  guint steps = jx_history_get_n_steps (history);
  guint in_unit = g_list_model_get_n_items (jx_funding_unit_get_projects (unit));
  guint n_projects = 0, n_indicators = 0;
  JxRowsContent content;
  JxNode *first;
  g_autofree char *message = NULL;

  fragment = jx_rows_parse (tsv, strlen (tsv), doc, &content, problems, &error);
  g_assert_no_error (error);
  first = jx_rows_paste (doc, JX_NODE (unit), fragment, content, &n_projects, &n_indicators, &error);
  g_assert_no_error (error);
  g_assert_true (JX_IS_PROJECT (first));
  g_assert_true (jx_project_get_unit (JX_PROJECT (first)) == unit);
  g_assert_cmpuint (n_projects, ==, 1);
  g_assert_cmpuint (n_indicators, ==, n_indicators_of (source));
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, projects_before + 1);
  g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, indicators_before + n_indicators_of (source));
  g_assert_cmpuint (g_list_model_get_n_items (jx_funding_unit_get_projects (unit)), ==, in_unit + 1);
  g_assert_cmpint (jx_project_get_total (JX_PROJECT (first)), ==, jx_project_get_total (source));
  g_assert_cmpuint (jx_history_get_n_steps (history), ==, steps + 1);
  g_assert_cmpstr (jx_history_get_undo_label (history), ==, "Paste Rows");
  message = jx_rows_describe (n_projects, n_indicators, problems, 5);
  g_assert_true (g_str_has_prefix (message, "Added 1 project and "));

  g_assert_true (jx_history_undo (history));
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, projects_before);
  g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, indicators_before);
  g_assert_cmpint (jx_document_get_total (doc), ==, total_before);
  g_assert_cmpuint (g_list_model_get_n_items (jx_funding_unit_get_projects (unit)), ==, in_unit);
  /* What is left to undo is what came before the paste. */
  g_assert_cmpstr (jx_history_get_undo_label (history), ==, "Add Funding Unit");

  /* Rows of the target project pasted onto it add indicators. */
  first = jx_rows_paste (doc, JX_NODE (source), fragment, content, &n_projects, &n_indicators, &error);
  g_assert_no_error (error);
  g_assert_true (JX_IS_INDICATOR (first));
  g_assert_cmpuint (n_projects, ==, 0);
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, projects_before);

  /* Amounts that would overflow the 合计: refused, nothing changed. */
  {
    g_autoptr(JxDocument) huge = NULL;
    g_autofree char *text = g_strdup_printf ("项目名称\t%s\n巨额\t92,233,720,368,547,758.07\n",
                                             jx_document_get_source (doc, 0)->official);
    guint n_steps = jx_history_get_n_steps (history);

    huge = jx_rows_parse (text, strlen (text), doc, &content, problems, &error);
    g_assert_no_error (error);
    g_assert_null (jx_rows_paste (doc, JX_NODE (unit), huge, content, NULL, NULL, &error));
    g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TOO_LARGE);
    g_clear_error (&error);
    g_assert_cmpuint (jx_history_get_n_steps (history), ==, n_steps);
    g_assert_cmpuint (jx_document_get_n_projects (doc), ==, projects_before);
  }

  /* Indicators need a project. */
  g_clear_object (&fragment);
  fragment = jx_rows_parse ("三级指标\t年度指标值\n甲\t1\n", strlen ("三级指标\t年度指标值\n甲\t1\n"), doc, &content,
                            problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (content, ==, JX_ROWS_CONTENT_INDICATORS);
  g_assert_null (jx_rows_paste (doc, JX_NODE (unit), fragment, content, NULL, NULL, &error));
  g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TARGET);
}

static void
test_space_columns (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  /* Columns of text aligned with runs of spaces; one space stays inside a cell. */
  const char *text =
    "项目名称        一级指标    二级指标    三级指标          年度指标值\n"
    "项目甲          1           11          GB/T 3387 达标    100%\n"
    "                            12          合格率            ≥95%\n";
  g_autoptr(JxRowsTable) table = jx_rows_read (text, strlen (text), doc, problems, &error);
  g_autoptr(JxDocument) fragment = NULL;
  JxProject *project;

  g_assert_no_error (error);
  g_assert_cmpint (table->layout, ==, JX_ROWS_LAYOUT_SPACES);
  fragment = jx_rows_build (table, doc, NULL, problems, &error);
  g_assert_no_error (error);
  project = nth_project (fragment, 0);
  g_assert_cmpuint (n_indicators_of (project), ==, 2);
  g_assert_cmpstr (jx_indicator_get_name (nth_indicator (project, 0)), ==, "GB/T 3387 达标");
}

static void
test_paste_onto_document (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  JxFundingUnit *existing = jx_edit_add_unit (doc, 0, "单位甲");
  g_autofree char *header = detail_header (doc);
  g_autofree char *text = g_strconcat (header, "\n",
    "单位甲\t项目一\t1\t1\t0\t0\t\t\t\t\t\t\n",
    "单位乙\t项目二\t2\t2\t0\t0\t\t\t\t\t\t\n", NULL);
  JxRowsContent content;
  g_autoptr(JxDocument) fragment = jx_rows_parse (text, strlen (text), doc, &content, problems, &error);
  guint n_projects = 0, n_indicators = 9;
  GListModel *units = jx_document_get_units (doc);
  g_autoptr(JxFundingUnit) second = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (jx_rows_paste (doc, JX_NODE (doc), fragment, content, &n_projects, &n_indicators, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_projects, ==, 2);
  g_assert_cmpuint (n_indicators, ==, 0);
  /* Each unit's projects into the unit of that name; a new one for 单位乙. */
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (jx_funding_unit_get_projects (existing)), ==, 1);
  second = g_list_model_get_item (units, 1);
  g_assert_cmpstr (jx_funding_unit_get_name (second), ==, "单位乙");
  g_assert_cmpint (jx_funding_unit_get_total (second), ==, money ("2"));
  /* One step, the new unit included. */
  g_assert_true (jx_history_undo (jx_document_get_history (doc)));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 1);
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 0);
}

/* Cut anywhere, or with a byte changed anywhere: a table or a clear
 * error, never a crash or a read outside the text. */
static void
test_truncated_anywhere (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  gsize len;
  g_autofree char *text = read_fixture ("libreoffice-calc.tsv", &len);
  guint n_tables = 0, n_errors = 0;

  for (gsize cut = 0; cut <= len; cut++)
    {
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) error = NULL;
      g_autofree char *piece = g_memdup2 (text, cut);   /* exactly @cut bytes: no NUL after */
      g_autoptr(JxDocument) fragment = jx_rows_parse (piece, cut, doc, NULL, problems, &error);

      g_assert_true ((fragment == NULL) == (error != NULL));
      /* Cut at a line end after the first project's row: its rows read. */
      if (cut > 0 && text[cut - 1] == '\n' && cut > (gsize) (strstr (text, "村组干部报酬") - text))
        g_assert_nonnull (fragment);
      if (fragment != NULL)
        n_tables++;
      else
        {
          g_assert_error (error, JX_ROWS_ERROR, error->code);
          g_assert_cmpstr (error->message, !=, "");
          n_errors++;
        }
    }
  for (gsize at = 0; at < len; at += 3)
    {
      static const char bytes[] = { '\t', '"', '\n', '\r', '|', 'x', '\xE4' };
      g_autoptr(GPtrArray) problems = new_problems ();
      g_autoptr(GError) error = NULL;
      g_autofree char *changed = g_memdup2 (text, len);
      g_autoptr(JxDocument) fragment = NULL;

      changed[at] = bytes[at % G_N_ELEMENTS (bytes)];
      fragment = jx_rows_parse (changed, len, doc, NULL, problems, &error);
      g_assert_true ((fragment == NULL) == (error != NULL));
    }
  g_assert_cmpuint (n_tables, >, 0);
  g_assert_cmpuint (n_errors, >, 0);
}

/* Into a Sichuan document the sample's 指标性质, 指标值, 度量单位, 权重 and
 * 指标方向性 are held, kept as printed, and the check of weights applies. */
static void
test_sichuan_sample_held (void)
{
  g_autoptr(JxDocument) doc = jx_document_new_for_template (jx_template_get_builtin ("sichuan", NULL));
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *text = read_fixture ("sichuan-matazhen-2023.txt", &len);
  g_autoptr(JxRowsTable) table = jx_rows_read (text, len, doc, problems, &error);
  g_autoptr(JxDocument) fragment = NULL;
  JxIndicator *first;

  g_assert_no_error (error);
  g_assert_null (find_problem (problems, "rows-not-held"));
  g_assert_null (find_problem (problems, "rows-unit"));
  fragment = jx_rows_build (table, doc, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_true (jx_document_get_template (fragment) == jx_document_get_template (doc));
  first = nth_indicator (nth_project (fragment, 0), 0);
  g_assert_cmpstr (jx_indicator_get_name (first), ==, "维护社会稳定");
  g_assert_cmpstr (jx_indicator_get_field (first, "comparator"), ==, "≥");
  g_assert_cmpstr (jx_indicator_get_field (first, "number"), ==, "95");
  g_assert_cmpstr (jx_indicator_get_field (first, "measure-unit"), ==, "%");
  g_assert_cmpstr (jx_indicator_get_field (first, "weight"), ==, "10");
  g_assert_cmpstr (jx_indicator_get_field (first, "direction"), ==, "正向指标");
  g_assert_cmpint (jx_project_get_total (nth_project (fragment, 0)), ==, money ("3,309,840.00"));
}

/* Projects copied from a Sichuan table (元) paste into a Guangdong one (万元)
 * by source id (其他资金 stays 其他资金), amounts converted; one with 上年结转,
 * which Guangdong has not, is refused rather than moved to another source. */
static void
test_paste_across_templates (void)
{
  g_autoptr(JxDocument) sichuan = jx_document_new_for_template (jx_template_get_builtin ("sichuan", NULL));
  g_autoptr(JxDocument) target = load_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JxDocument) fragment = NULL;
  JxRowsContent content = JX_ROWS_CONTENT_INDICATORS;
  JxFundingUnit *unit = jx_edit_add_unit (sichuan, 0, "单位");
  JxProject *project = jx_edit_add_project (sichuan, unit, 0, "新项目");
  JxNode *node = JX_NODE (project);
  JxNode *pasted;
  JxMoney before = jx_document_get_total (target);

  /* 10,000.00 元 and 700.00 元: 1.00 万元 and 0.07 万元 in the Guangdong table. */
  g_assert_true (jx_edit_set_money (sichuan, project, "fiscal", 1000000, NULL));
  g_assert_true (jx_edit_set_money (sichuan, project, "other", 70000, NULL));
  bytes = jx_rows_copy_nodes (sichuan, &node, 1, &error);
  g_assert_no_error (error);
  fragment = jx_rows_read_nodes (bytes, &content, &error);
  g_assert_no_error (error);
  g_assert_true (jx_document_get_template (fragment) == jx_document_get_template (sichuan));
  pasted = jx_rows_paste (target, JX_NODE (jx_document_lookup (target, "u1")), fragment, content, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (pasted), 0), ==, 100);
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (pasted), 1), ==, 0);
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (pasted), 2), ==, 7);
  g_assert_cmpint (jx_document_get_total (target), ==, before + 107);

  g_assert_true (jx_edit_set_money (sichuan, project, "carryover", 5, NULL));
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&fragment);
  bytes = jx_rows_copy_nodes (sichuan, &node, 1, &error);
  fragment = jx_rows_read_nodes (bytes, &content, &error);
  g_assert_no_error (error);
  g_assert_null (jx_rows_paste (target, JX_NODE (jx_document_lookup (target, "u1")), fragment, content,
                                NULL, NULL, &error));
  g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TARGET);
  g_assert_nonnull (strstr (error->message, jx_field_label_for_id ("carryover")));
  g_assert_cmpint (jx_document_get_total (target), ==, before + 107);
}

/* The copied rows of @doc's first project, read back as the clipboard gives them. */
static JxDocument *
copy_first_project (JxDocument    *doc,
                    JxRowsContent *content)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxFundingUnit) unit = g_list_model_get_item (jx_document_get_units (doc), 0);
  g_autoptr(JxNode) node = g_list_model_get_item (jx_funding_unit_get_projects (unit), 0);
  g_autoptr(GBytes) bytes = jx_rows_copy_nodes (doc, &node, 1, &error);
  JxDocument *fragment;

  g_assert_no_error (error);
  fragment = jx_rows_read_nodes (bytes, content, &error);
  g_assert_no_error (error);
  return fragment;
}

/* A project copied from a table in 万元 into one in 元 (or back) keeps what
 * its amounts mean: 1.23 万元 is pasted as 12,300.00 元, never as 1.23 元.
 * An amount in 元 with no exact value in 0.01 万元, or of another unit, is
 * refused with nothing changed. */
static void
test_paste_converts_units (void)
{
  g_autoptr(JxDocument) wan = jx_document_new_for_template (jx_template_get_builtin ("guangdong-2020", NULL));
  g_autoptr(JxDocument) yuan = jx_document_new_for_template (jx_template_get_builtin ("sichuan", NULL));
  g_autoptr(JxDocument) fragment = NULL;
  g_autoptr(GError) error = NULL;
  JxRowsContent content = JX_ROWS_CONTENT_PROJECTS;
  JxProject *in_wan, *in_yuan;
  JxNode *pasted;

  g_assert_cmpstr (jx_document_get_unit (wan), ==, "万元");
  g_assert_cmpstr (jx_document_get_unit (yuan), ==, "元");
  in_wan = jx_edit_add_project (wan, jx_edit_add_unit (wan, 0, "单位"), 0, "万元项目");
  in_yuan = jx_edit_add_project (yuan, jx_edit_add_unit (yuan, 0, "单位"), 0, "元项目");
  g_assert_true (jx_edit_set_money (wan, in_wan, "fiscal", 123, NULL));          /* 1.23 万元 */
  g_assert_true (jx_edit_set_money (yuan, in_yuan, "fiscal", 1046480, NULL));    /* 10,464.80 元 */

  /* 万元 → 元: 1.23 万元 = 12,300.00 元. */
  fragment = copy_first_project (wan, &content);
  pasted = jx_rows_paste (yuan, JX_NODE (yuan), fragment, content, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (pasted), 0), ==, 1230000);
  g_assert_cmpint (jx_document_get_total (yuan), ==, 1046480 + 1230000);

  /* 元 → 万元: 10,464.80 元 is 1.04648 万元, which two decimals cannot hold. */
  g_clear_object (&fragment);
  fragment = copy_first_project (yuan, &content);
  g_assert_null (jx_rows_paste (wan, JX_NODE (wan), fragment, content, NULL, NULL, &error));
  g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10,464.80"));
  g_assert_nonnull (strstr (error->message, "元项目"));
  g_assert_cmpint (jx_document_get_total (wan), ==, 123);
  g_assert_cmpuint (jx_document_get_n_projects (wan), ==, 1);
  g_clear_error (&error);

  /* … and 12,300.00 元 is exactly 1.23 万元. */
  g_assert_true (jx_edit_set_money (yuan, in_yuan, "fiscal", 1230000, NULL));
  g_clear_object (&fragment);
  fragment = copy_first_project (yuan, &content);
  pasted = jx_rows_paste (wan, JX_NODE (wan), fragment, content, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (pasted), 0), ==, 123);
  g_assert_cmpint (jx_document_get_total (wan), ==, 246);

  /* A unit Jixiao cannot convert from. */
  jx_document_set_unit (fragment, "美元");
  g_assert_null (jx_rows_paste (wan, JX_NODE (wan), fragment, content, NULL, NULL, &error));
  g_assert_error (error, JX_ROWS_ERROR, JX_ROWS_ERROR_TARGET);
  g_assert_nonnull (strstr (error->message, "美元"));
  g_assert_cmpint (jx_document_get_total (wan), ==, 246);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  jx_init ();

  g_test_add_func ("/rows/read/tsv-quoted-crlf", test_tsv_quoted_crlf);
  g_test_add_func ("/rows/read/header-reordered-extra", test_header_reordered_extra);
  g_test_add_func ("/rows/read/carry-down-merged", test_carry_down_merged);
  g_test_add_func ("/rows/read/no-header", test_no_header);
  g_test_add_func ("/rows/read/pipe-table", test_pipe_table);
  g_test_add_func ("/rows/read/total-too-large", test_total_too_large);
  g_test_add_func ("/rows/read/space-columns", test_space_columns);
  g_test_add_func ("/rows/read/truncated-or-changed-anywhere", test_truncated_anywhere);
  g_test_add_func ("/rows/read/libreoffice-fixture", test_libreoffice_fixture);
  g_test_add_func ("/rows/read/sichuan-sample", test_sichuan_sample);
  g_test_add_func ("/rows/build/bad-code-kept", test_bad_code_kept);
  g_test_add_func ("/rows/build/bad-amount-located", test_bad_amount_located);
  g_test_add_func ("/rows/build/year-never-money", test_year_never_money);
  g_test_add_func ("/rows/build/repeated-amount-differs", test_repeated_amount_differs);
  g_test_add_func ("/rows/build/total-checked", test_total_checked);
  g_test_add_func ("/rows/copy/tsv-round-trip", test_copy_tsv_round_trip);
  g_test_add_func ("/rows/copy/confidential", test_copy_confidential_goal);
  g_test_add_func ("/rows/copy/nodes-round-trip", test_copy_nodes_round_trip);
  g_test_add_func ("/rows/paste/one-undo-step", test_paste_one_undo_step);
  g_test_add_func ("/rows/paste/onto-document-by-unit", test_paste_onto_document);
  g_test_add_func ("/rows/template/sichuan-sample-held", test_sichuan_sample_held);
  g_test_add_func ("/rows/template/paste-across-templates", test_paste_across_templates);
  g_test_add_func ("/rows/paste/converts-units", test_paste_converts_units);

  return g_test_run ();
}
