/* test-validator.c: each rule fires where it should and nowhere else
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-validator"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "jx-edit.h"
#include "jx-gen.h"
#include "jx-validator.h"
#include "jx-xml.h"

/* --- fixtures built in code ------------------------------------------------- */

typedef struct
{
  const char *category, *subcategory, *name, *cycle, *annual;
} Ind;

#define CLEAN_GOAL "按标准安排给社区党组织用于保障党建工作需要的补助经费，推动社区基层党建全面进步、全面过硬。"

/* One indicator in each of the three categories of the Guangdong scheme,
 * named and valued the way the sample does it right. */
static const Ind clean[] = {
  { "1", "11", "足额发放率", "100%", "100%" },
  { "2", "22", "社会效益", "社区党组织积极履职尽责，担当作为日益增强", "社区党组织积极履职尽责，担当作为日益增强" },
  { "3", "31", "工作满意率", "大于等于90%", "大于等于90%" },
};

/* A one-project document (unit u1, project p2, indicators i3, i4…). */
static JxDocument *
build (const char *goal,
       gboolean    confidential,
       const Ind  *inds,
       guint       n,
       JxProject **project_out)
{
  JxDocument *doc = jx_document_new ();
  JxFundingUnit *unit = jx_edit_add_unit (doc, 0, "组织部");
  JxProject *project = jx_edit_add_project (doc, unit, 0, "社区党员活动经费");

  jx_edit_set_money (doc, project, "fiscal", 1046480, NULL);
  jx_project_set_goal (project, goal);
  jx_project_set_confidential (project, confidential);
  for (guint i = 0; i < n; i++)
    {
      JxIndicator *indicator = jx_edit_add_indicator (doc, project, i, inds[i].category, inds[i].subcategory);

      jx_indicator_set_name (indicator, inds[i].name);
      jx_indicator_set_cycle_value (indicator, inds[i].cycle);
      jx_indicator_set_annual_value (indicator, inds[i].annual);
    }
  if (project_out != NULL)
    *project_out = project;
  return doc;
}

/* The clean document with indicator @index replaced by @ind (or appended
 * when @index is the number of clean indicators). */
static JxDocument *
clean_with (guint      index,
            const Ind *ind)
{
  Ind inds[G_N_ELEMENTS (clean) + 1];
  guint n = G_N_ELEMENTS (clean);

  memcpy (inds, clean, sizeof clean);
  inds[index] = *ind;
  if (index == n)
    n++;
  return build (CLEAN_GOAL, FALSE, inds, n, NULL);
}

static JxDocument *
make_document (JxProject **project_out)
{
  return build (CLEAN_GOAL, FALSE, clean, G_N_ELEMENTS (clean), project_out);
}

/* "rule@target.field" for each problem, in order. */
static char *
summarize (GPtrArray *problems)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      JxProblem *p = g_ptr_array_index (problems, i);
      g_string_append_printf (s, "%s%s@%s.%s", i ? " " : "", p->rule,
                              p->target ? p->target : "-", p->field ? p->field : "-");
    }
  return g_string_free (s, FALSE);
}

/* Only the problems of @rule, summarized. */
static char *
summarize_rule (GPtrArray  *problems,
                const char *rule)
{
  g_autoptr(GPtrArray) some = g_ptr_array_new ();

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((JxProblem *) g_ptr_array_index (problems, i))->rule, rule))
      g_ptr_array_add (some, g_ptr_array_index (problems, i));
  return summarize (some);
}

static JxProblem *
find_problem (GPtrArray  *problems,
              const char *rule)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((JxProblem *) g_ptr_array_index (problems, i))->rule, rule))
      return g_ptr_array_index (problems, i);
  return NULL;
}

/* Validates @doc (taking it) and checks that @rule gives exactly @expected
 * ("" for nothing). */
static void
assert_rule (JxDocument *doc,
             const char *rule,
             const char *expected)
{
  g_autoptr(JxDocument) owned = doc;
  g_autoptr(GPtrArray) problems = jx_validate_document (owned);
  g_autofree char *summary = summarize_rule (problems, rule);

  if (g_strcmp0 (summary, expected) != 0)
    {
      g_autofree char *all = summarize (problems);
      g_test_message ("all problems: %s", all);
    }
  g_assert_cmpstr (summary, ==, expected);
}

static JxIndicator *
indicator_at (JxProject *project,
              guint      i)
{
  g_autoptr(JxIndicator) indicator = g_list_model_get_item (jx_project_get_indicators (project), i);
  return indicator;   /* the project keeps it alive */
}

/* --- the rules of the first version ---------------------------------------- */

static void
test_clean_document (void)
{
  JxProject *project;
  g_autoptr(JxDocument) doc = make_document (&project);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  g_autofree char *summary = summarize (problems);

  g_assert_cmpstr (summary, ==, "");
}

static void
test_subcategory_mismatch (void)
{
  JxProject *project;
  g_autoptr(JxDocument) doc = make_document (&project);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *summary = NULL;
  JxIndicator *indicator = indicator_at (project, 0);
  JxProblem *problem;

  jx_indicator_set_subcategory (indicator, "21");
  problems = jx_validate_document (doc);
  summary = summarize (problems);
  /* Only the mismatch: not a category-missing for outputs, not a naming rule. */
  g_assert_cmpstr (summary, ==, "subcategory-mismatch@i3.subcategory");
  problem = find_problem (problems, "subcategory-mismatch");
  g_assert_cmpint (problem->severity, ==, JX_SEVERITY_ERROR);
  /* The message names both codes so a person knows what to change. */
  g_assert_nonnull (strstr (problem->message, "21"));
  g_assert_nonnull (strstr (problem->message, "1-产出指标"));
  g_assert_nonnull (strstr (problem->message, "2-效益指标"));
}

static void
test_unknown_codes (void)
{
  JxProject *project;
  g_autoptr(JxDocument) doc = make_document (&project);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *summary = NULL;

  jx_indicator_set_category (indicator_at (project, 0), "9");
  jx_indicator_set_subcategory (indicator_at (project, 1), "");
  problems = jx_validate_document (doc);
  summary = summarize (problems);
  /* The broken codes are reported, not their consequences: 11 still
   * counts as an output, so no category-missing. */
  g_assert_cmpstr (summary, ==, "category-unknown@i3.category subcategory-unknown@i4.subcategory");
}

/* 14-成本指标 exists in the Guangdong scheme but not in the MOF 2021 one. */
static void
test_scheme_matters (void)
{
  JxProject *project;
  g_autoptr(JxDocument) doc = make_document (&project);
  g_autoptr(GPtrArray) gd = NULL;
  g_autoptr(GPtrArray) mof = NULL;
  g_autofree char *gd_summary = NULL;
  g_autofree char *mof_summary = NULL;

  jx_indicator_set_subcategory (indicator_at (project, 0), "14");
  gd = jx_validate_document (doc);
  gd_summary = summarize (gd);
  g_assert_cmpstr (gd_summary, ==, "");

  jx_document_set_taxonomy (doc, "mof-2021");
  mof = jx_validate_document (doc);
  mof_summary = summarize (mof);
  g_assert_cmpstr (mof_summary, ==, "subcategory-unknown@i3.subcategory");
}

static void
test_unknown_taxonomy (void)
{
  JxProject *project;
  g_autoptr(JxDocument) doc = make_document (&project);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *summary = NULL;

  jx_document_set_taxonomy (doc, "atlantis-1999");
  problems = jx_validate_document (doc);
  summary = summarize (problems);
  /* Without a scheme only what needs none is checked. */
  g_assert_cmpstr (summary, ==, "taxonomy-unknown@-.-");
}

static void
test_negative_amount (void)
{
  JxProject *project;
  g_autoptr(JxDocument) doc = make_document (&project);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *summary = NULL;

  jx_project_set_source (project, 2, -1);
  problems = jx_validate_document (doc);
  summary = summarize (problems);
  g_assert_cmpstr (summary, ==, "amount-negative@p2.other");
  g_assert_cmpuint (jx_problems_count (problems, JX_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (jx_problems_count (problems, JX_SEVERITY_WARNING), ==, 0);
}

/* --- completeness ------------------------------------------------------------ */

static void
test_project_no_indicators (void)
{
  assert_rule (build (CLEAN_GOAL, FALSE, NULL, 0, NULL), "project-no-indicators", "project-no-indicators@p2.-");
  /* …and not three category-missing warnings on top of it. */
  assert_rule (build (CLEAN_GOAL, FALSE, NULL, 0, NULL), "category-missing", "");
  assert_rule (make_document (NULL), "project-no-indicators", "");
}

static void
test_category_missing (void)
{
  g_autoptr(JxDocument) doc = build (CLEAN_GOAL, FALSE, clean, 1, NULL);   /* outputs only */
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  g_autofree char *summary = summarize (problems);
  JxProblem *first = g_ptr_array_index (problems, 0);

  /* One problem per missing category, each naming it. */
  g_assert_cmpstr (summary, ==, "category-missing@p2.- category-missing@p2.-");
  g_assert_cmpint (first->severity, ==, JX_SEVERITY_WARNING);
  g_assert_nonnull (strstr (first->message, "2-效益指标"));
  g_assert_nonnull (strstr (((JxProblem *) g_ptr_array_index (problems, 1))->message, "3-满意度指标"));

  assert_rule (build (CLEAN_GOAL, FALSE, clean, 2, NULL), "category-missing", "category-missing@p2.-");
  assert_rule (make_document (NULL), "category-missing", "");
}

/* The MOF 2021 scheme adds 成本指标 but requires the same three. */
static void
test_category_missing_mof (void)
{
  JxDocument *doc = make_document (NULL);

  jx_document_set_taxonomy (doc, "mof-2021");
  assert_rule (doc, "category-missing", "");
}

static void
test_goal_missing (void)
{
  assert_rule (build ("", FALSE, clean, G_N_ELEMENTS (clean), NULL), "goal-missing", "goal-missing@p2.goal");
  assert_rule (build (" \u3000\n", FALSE, clean, G_N_ELEMENTS (clean), NULL), "goal-missing", "goal-missing@p2.goal");
  assert_rule (make_document (NULL), "goal-missing", "");
}

static void
test_goal_not_sentence (void)
{
  static const char *lists[] = {
    /* From the sample: a list of indicator names. */
    "1、专家满意度。2、发放人数。3、及时发放 。4、足额发放。5、按政策发放。",
    "入选中央、省人才工程人数;服务专家人次; 市高层次人才对我市人才工作满意度。",
    "（1）发放及时；（2）足额发放",
    "①覆盖率；②满意度",
    /* Cut at a page break. */
    "加强农村基层组织建设,充分调动村干部的工 作积极性,不断增强农村基层组织的创造力、",
  };
  static const char *sentences[] = {
    CLEAN_GOAL,
    "根据(穗组字(2018)37号)文件精神,及时 向每个街道党工委划拨党组织工作经费。",
    "按照中共中央组织部办公厅《干部人事档案数字化技术规范》,2024年对新增市管干部档案进行数字化;"
    "编排、上传到广州组工平台档案管理模块,并录入相关信息;对在库市管干部信息进行维护和及时更新。",
    "通过公务员考核、奖励、处分处罚、工资福利等方面的管理,起到奖优罚劣的作用。通过公务员申诉,保障公务员的正当权益。",
    "1. 完成全市干部教育培训调研，形成调研报告，为下一年度培训计划提供依据。",
    "此为涉密信息化项目,不能列出总体绩效目 标,不能列出年度绩效目标。",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    assert_rule (build (lists[i], FALSE, clean, G_N_ELEMENTS (clean), NULL),
                 "goal-not-sentence", "goal-not-sentence@p2.goal");
  for (guint i = 0; i < G_N_ELEMENTS (sentences); i++)
    assert_rule (build (sentences[i], FALSE, clean, G_N_ELEMENTS (clean), NULL), "goal-not-sentence", "");
}

static void
test_indicator_name_missing (void)
{
  const Ind nameless = { "1", "11", " ", "100%", "100%" };
  JxDocument *doc = clean_with (0, &nameless);

  assert_rule (doc, "indicator-name-missing", "indicator-name-missing@i3.name");
  assert_rule (make_document (NULL), "indicator-name-missing", "");
}

static void
test_values_missing (void)
{
  const Ind no_cycle = { "1", "11", "足额发放率", "", "100%" };
  const Ind no_annual = { "1", "11", "足额发放率", "100%", "　" };
  const Ind none = { "1", "11", "足额发放率", "", "" };

  assert_rule (clean_with (0, &no_cycle), "cycle-value-missing", "cycle-value-missing@i3.cycle-value");
  assert_rule (clean_with (0, &no_cycle), "annual-value-missing", "");
  assert_rule (clean_with (0, &no_annual), "annual-value-missing", "annual-value-missing@i3.annual-value");
  assert_rule (clean_with (0, &no_annual), "cycle-value-missing", "");
  assert_rule (clean_with (0, &none), "cycle-value-missing", "cycle-value-missing@i3.cycle-value");
  assert_rule (clean_with (0, &none), "annual-value-missing", "annual-value-missing@i3.annual-value");
  /* A missing value is only missing: no value rule on top. */
  assert_rule (clean_with (0, &none), "value-not-quantified", "");
  assert_rule (make_document (NULL), "cycle-value-missing", "");
  assert_rule (make_document (NULL), "annual-value-missing", "");
}

/* --- naming ------------------------------------------------------------------ */

static void
test_name_code_mismatch (void)
{
  static const Ind wrong[] = {
    /* docs/domain.md: 政治效益 is not an 经济效益. */
    { "2", "21", "政治效益", "提升党员干部政治站位", "提升党员干部政治站位" },
    /* The name of another sub-category, with or without 指标. */
    { "2", "22", "经济效益", "带动相关产业发展", "带动相关产业发展" },
    { "2", "21", "社会效益指标", "社会影响良好", "社会影响良好" },
    { "2", "22", "可持续影响", "党员队伍日益壮大", "党员队伍日益壮大" },
    /* A failure rate is 质量, not 数量; a timeliness rate is 时效. */
    { "1", "11", "网站运行故障率", "小于等于5%", "小于等于5%" },
    { "1", "11", "设备验收合格率", "≥95%", "≥95%" },
    { "1", "11", "发放及时率", "大于等于90%", "大于等于90%" },
  };
  static const Ind right[] = {
    { "2", "22", "政治效益", "农村党组织组织力日益增强", "农村党组织组织力日益增强" },
    { "2", "21", "经济效益", "带动相关产业发展", "带动相关产业发展" },
    { "2", "24", "可持续影响", "党员队伍日益壮大", "党员队伍日益壮大" },
    { "1", "12", "设备故障率", "≤10%", "≤10%" },
    { "1", "13", "及时处理设备故障", "一小时内有反馈", "一小时内有反馈" },
    { "1", "13", "发放及时率", "大于等于90%", "大于等于90%" },
    { "2", "21", "支出相关率", "100%", "100%" },
    { "1", "11", "项目完成率", "大于等于98%", "大于等于98%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &wrong[i]), "name-code-mismatch",
                 "name-code-mismatch@i6.subcategory");
  for (guint i = 0; i < G_N_ELEMENTS (right); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &right[i]), "name-code-mismatch", "");
}

static void
test_name_code_mismatch_message (void)
{
  const Ind political = { "2", "21", "政治效益", "提升党员干部政治站位", "提升党员干部政治站位" };
  g_autoptr(JxDocument) doc = clean_with (G_N_ELEMENTS (clean), &political);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  JxProblem *problem = find_problem (problems, "name-code-mismatch");

  g_assert_nonnull (problem);
  g_assert_cmpint (problem->severity, ==, JX_SEVERITY_WARNING);
  g_assert_nonnull (strstr (problem->message, "政治效益"));
  g_assert_nonnull (strstr (problem->message, "22-社会效益指标"));
  g_assert_nonnull (strstr (problem->message, "21-经济效益指标"));
}

static void
test_satisfaction_misfiled (void)
{
  static const Ind wrong[] = {
    { "2", "22", "满意率", "≥90%", "≥90%" },
    { "1", "12", "工作满意率", "服务满意率95%以上", "95%以上" },
    { "2", "22", "招录单位满意度", "95%以上", "95%以上" },
  };
  const Ind right = { "3", "31", "农村基层党员对我市基层党建工作满意度", "≥90%", "大于等于90%" };
  g_autoptr(JxDocument) doc = clean_with (G_N_ELEMENTS (clean), &wrong[0]);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  JxProblem *problem = find_problem (problems, "satisfaction-misfiled");

  g_assert_nonnull (strstr (problem->message, "31-服务对象满意度指标"));
  /* One naming problem per indicator: not also name-code-mismatch. */
  g_assert_null (find_problem (problems, "name-code-mismatch"));

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &wrong[i]), "satisfaction-misfiled",
                 "satisfaction-misfiled@i6.subcategory");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &right), "satisfaction-misfiled", "");
  assert_rule (make_document (NULL), "satisfaction-misfiled", "");
}

static void
test_indicator_duplicate (void)
{
  const Ind again = { "1", "11", "足额发放率", "100%", "100%" };
  const Ind spaced = { "1", "11", "足额 发放率", "100%", "100%" };
  const Ind elsewhere = { "1", "12", "足额发放率", "100%", "100%" };
  const Ind other = { "1", "11", "项目完成率", "大于等于98%", "大于等于98%" };
  /* Blanks (full-width, no-break, tab) and trailing punctuation do not make
   * a name another; a 、 (U+3001, a byte away from U+3000) or a ° (U+00B0,
   * a byte away from U+00A0) does. */
  const Ind blanks[] = {
    { "1", "11", "足额\u3000发放率", "100%", "100%" },
    { "1", "11", "足额\u00a0发放率\t", "100%", "100%" },
    { "1", "11", "足额发放率。", "100%", "100%" },
    { "1", "11", " 足额发放率;！", "100%", "100%" },
  };
  const Ind others[] = {
    { "1", "11", "足额\u3001发放率", "100%", "100%" },
    { "1", "11", "足额\u00b0发放率", "100%", "100%" },
  };
  Ind many[80];
  char names[80][32];

  /* The repetition is reported, not the first one. */
  assert_rule (clean_with (G_N_ELEMENTS (clean), &again), "indicator-duplicate", "indicator-duplicate@i6.name");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &spaced), "indicator-duplicate", "indicator-duplicate@i6.name");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &elsewhere), "indicator-duplicate", "");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &other), "indicator-duplicate", "");
  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &blanks[i]), "indicator-duplicate", "indicator-duplicate@i6.name");
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &others[i]), "indicator-duplicate", "");

  /* A big project takes the other path: the same answer. */
  for (guint i = 0; i < G_N_ELEMENTS (many); i++)
    {
      many[i] = clean[i % G_N_ELEMENTS (clean)];
      if (i >= G_N_ELEMENTS (clean) && i != 70)
        {
          g_snprintf (names[i], sizeof names[i], "指标%u完成率", i);
          many[i].name = names[i];
        }
    }
  {
    g_autoptr(JxDocument) doc = build (CLEAN_GOAL, FALSE, many, G_N_ELEMENTS (many), NULL);
    g_autoptr(GPtrArray) problems = jx_validate_document (doc);
    g_autofree char *summary = summarize_rule (problems, "indicator-duplicate");
    g_autofree char *expected = g_strdup_printf ("indicator-duplicate@i%u.name", 70 + 3);

    g_assert_cmpstr (summary, ==, expected);
  }
}

/* --- values ------------------------------------------------------------------ */

static void
test_value_not_target (void)
{
  static const Ind wrong[] = {
    { "1", "11", "处理信访举报数量", "按实际数量", "≥100个" },                          /* placeholder */
    { "1", "11", "国家重大人才工程入选人数", "达到计划人数", "≥2人" },
    { "1", "11", "设备的采购率", "实际采购设备数量÷计划采购设备数量×100%", "95%以上" }, /* formula */
    { "1", "11", "援派干部体检标准", "援派干部体检标准", "≥20人" },                    /* repeats */
    { "1", "11", "国家重大人才工程入选人数", "入选人数", "≥2人" },
    { "1", "12", "党员基础信息准确率", "党员基础信息准确率。", "大于等于95%" },
    { "1", "11", "足额发放率", "足额发放率", "100%" },
    { "1", "13", "资金支出进度(%)", "资金支出进度", "95%以上" },                       /* a measure */
    { "1", "11", "项目完成率", "涉密项目", "100%" },                                  /* not marked 涉密 */
  };
  static const Ind right[] = {
    { "1", "11", "项目完成率", "大于等于98%", "大于等于98%" },
    { "1", "12", "项目质量", "街道运作效率进一步提升", "街道运作效率进一步提升" },
    { "2", "22", "社会效益", "社区党组织积极履职尽责", "社区党组织积极履职尽责" },
    { "1", "12", "设备故障率", "设备故障率≤10%", "≤10%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &wrong[i]), "value-not-target",
                 "value-not-target@i6.cycle-value");
  for (guint i = 0; i < G_N_ELEMENTS (right); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &right[i]), "value-not-target", "");
}

static void
test_value_not_quantified (void)
{
  static const Ind wrong[] = {
    { "1", "13", "项目完成率", "工作顺利完成", "100%" },             /* a rate by its name */
    { "1", "11", "规范审计材料", "规范财务资料", "大于等于100份" },   /* a 数量 indicator */
    { "3", "31", "服务对象满意度", "群众普遍满意", "≥90%" },          /* satisfaction */
    { "1", "14", "成本控制", "严格控制成本", "≤100%" },              /* a 成本 indicator */
  };
  static const Ind right[] = {
    { "1", "12", "项目质量", "街道运作效率进一步提升", "街道运作效率进一步提升" },
    { "2", "24", "可持续影响", "党员队伍日益壮大", "党员队伍日益壮大" },
    { "1", "11", "党建指导员的配备率", "每个街(镇)配备4名党建工作指导员。", "每个街(镇)配备4名党建工作指导员。" },
    { "1", "12", "工作效率", "明显提高", "明显提高" },
  };
  g_autoptr(JxDocument) doc = clean_with (G_N_ELEMENTS (clean), &wrong[0]);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  JxProblem *problem = find_problem (problems, "value-not-quantified");

  g_assert_cmpint (problem->severity, ==, JX_SEVERITY_WARNING);
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &wrong[i]), "value-not-quantified",
                 "value-not-quantified@i6.cycle-value");
  for (guint i = 0; i < G_N_ELEMENTS (right); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &right[i]), "value-not-quantified", "");
}

static void
test_value_approximate (void)
{
  const Ind about = { "2", "22", "社会满意率", "市高层次人才对我市人才工作满意度较高", "约90%" };
  const Ind around = { "1", "11", "培训人数", "500人左右", "≥100人" };
  const Ind exact = { "1", "12", "经费节约率", "节约10%", "节约10%" };

  assert_rule (clean_with (G_N_ELEMENTS (clean), &about), "value-approximate", "value-approximate@i6.annual-value");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &around), "value-approximate", "value-approximate@i6.cycle-value");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &exact), "value-approximate", "");
  assert_rule (make_document (NULL), "value-approximate", "");
}

static void
test_percent_over_100 (void)
{
  static const Ind wrong[] = {
    { "1", "11", "设备的采购率", "≥120%", "100%" },
    { "1", "11", "项目完成率", "100%", "120%" },
    { "3", "31", "服务对象满意度", "大于100%", "95%" },
  };
  static const Ind right[] = {
    { "1", "12", "人事档案便利性", "可用性100%", "可用性100%" },
    { "2", "21", "经费增长率", "120%", "≥120%" },           /* growth may pass 100% */
    { "1", "14", "成本控制率", "≤120%", "≤110%" },           /* an upper bound */
    { "1", "11", "项目完成情况", "≥120%", "≥120%" },         /* not a share */
    { "1", "11", "项目完成率", "100.00%", "100%" },
  };
  g_autoptr(JxDocument) doc = clean_with (G_N_ELEMENTS (clean), &wrong[0]);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);

  g_assert_cmpint (find_problem (problems, "percent-over-100")->severity, ==, JX_SEVERITY_ERROR);
  assert_rule (clean_with (G_N_ELEMENTS (clean), &wrong[0]), "percent-over-100", "percent-over-100@i6.cycle-value");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &wrong[1]), "percent-over-100", "percent-over-100@i6.annual-value");
  assert_rule (clean_with (G_N_ELEMENTS (clean), &wrong[2]), "percent-over-100", "percent-over-100@i6.cycle-value");
  for (guint i = 0; i < G_N_ELEMENTS (right); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &right[i]), "percent-over-100", "");
}

static void
test_annual_looser_than_cycle (void)
{
  static const Ind looser[] = {
    { "1", "11", "项目完成率", "≥98%", "≥90%" },
    { "1", "11", "项目完成率", "大于等于98%", "95%以上" },
    { "1", "12", "设备故障率", "≤5%", "≤10%" },
    { "1", "11", "足额发放率", "100%", "≥98%" },
  };
  static const Ind fine[] = {
    { "1", "13", "支出相关率", "大于等于90%", "大于等于98%" },   /* stricter (the sample's p4) */
    { "1", "11", "项目完成率", "≥98%", "≥98%" },
    { "1", "11", "培训人数", "≥500人", "≥200人" },              /* counts add up over the years */
    { "1", "11", "项目完成率", "约98%", "≥90%" },               /* approximate: value-approximate says it */
    { "1", "11", "足额发放率", "100%", "98%" },                 /* both ＝: no direction */
    { "1", "12", "设备故障率", "≤5%", "≥10%" },                 /* contradictory directions */
  };

  for (guint i = 0; i < G_N_ELEMENTS (looser); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &looser[i]), "annual-looser-than-cycle",
                 "annual-looser-than-cycle@i6.annual-value");
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    assert_rule (clean_with (G_N_ELEMENTS (clean), &fine[i]), "annual-looser-than-cycle", "");
}

/* --- confidential projects ------------------------------------------------------ */

/* docs/domain.md: 涉密 projects are never reported as missing data. */
static void
test_confidential_exempt (void)
{
  static const Ind secret[] = {
    { "1", "11", "项目完成率", "涉密项目", "涉密项目" },
    { "1", "11", "", "", "" },
  };
  g_autoptr(JxDocument) doc = build ("", TRUE, secret, G_N_ELEMENTS (secret), NULL);
  g_autoptr(JxDocument) empty = build ("此为涉密信息化项目,不能列出总体绩效目 标,不能列出年度绩效目标。", TRUE,
                                       NULL, 0, NULL);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  g_autoptr(GPtrArray) empty_problems = jx_validate_document (empty);
  g_autofree char *summary = summarize (problems);
  g_autofree char *empty_summary = summarize (empty_problems);

  g_assert_cmpstr (summary, ==, "");
  g_assert_cmpstr (empty_summary, ==, "");
}

/* Codes, amounts and names are still checked. */
static void
test_confidential_codes_checked (void)
{
  static const Ind secret[] = {
    { "1", "21", "项目完成率", "涉密项目", "涉密项目" },
    { "2", "21", "政治效益", "涉密项目", "涉密项目" },
    { "2", "21", "政治效益", "涉密项目", "涉密项目" },
  };
  JxProject *project;
  g_autoptr(JxDocument) doc = build ("", TRUE, secret, G_N_ELEMENTS (secret), &project);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *summary = NULL;

  jx_project_set_source (project, 1, -100);
  problems = jx_validate_document (doc);
  summary = summarize (problems);
  g_assert_cmpstr (summary, ==,
                   "amount-negative@p2.special subcategory-mismatch@i3.subcategory "
                   "name-code-mismatch@i4.subcategory name-code-mismatch@i5.subcategory "
                   "indicator-duplicate@i5.name");
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "rules", name, NULL);
}

static JxDocument *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  JxDocument *doc = jx_xml_load_file (path, &problem, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* As published: the goal replaced, values "涉密项目". Only the codes speak;
 * the same table without the confidential mark is reported. */
static void
test_confidential_fixture (void)
{
  g_autofree char *path = fixture ("confidential.jixiao");
  g_autoptr(JxDocument) doc = load (path);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  g_autofree char *summary = summarize (problems);
  JxProblem *first = g_ptr_array_index (problems, 0);

  g_assert_cmpstr (summary, ==,
                   "subcategory-mismatch@i2.subcategory "
                   "category-missing@p4.- category-missing@p4.- "
                   "value-not-target@i3.cycle-value value-not-target@i3.annual-value");
  g_assert_cmpuint (first->line, ==, 18);
}

/* --- the sample's own mistakes ------------------------------------------------------ */

/* Four projects of the Guangzhou sample as published, with every problem a
 * reviewer would raise, at its line. */
static void
test_sample_fixture (void)
{
  static const char *expected[] = {
    "6 category-missing p1 -",
    "6 goal-missing p1 goal",
    "9 value-not-target i1 cycle-value",          /* 每年培训期数 */
    "14 satisfaction-misfiled i2 subcategory",    /* 满意率 under 22 */
    "14 value-not-target i2 cycle-value",         /* …满意度 */
    "14 value-approximate i2 annual-value",       /* 约90% */
    "20 category-missing p2 -",
    "20 category-missing p2 -",
    "23 value-not-target i3 cycle-value",         /* a formula */
    "39 category-missing p3 -",
    "39 goal-not-sentence p3 goal",               /* 1、专家满意度。2、发放人数。… */
    "42 value-not-target i6 cycle-value",         /* 发放人数 */
    "42 value-not-target i6 annual-value",        /* 按规定人数 */
    "47 satisfaction-misfiled i7 subcategory",
    "47 value-not-target i7 cycle-value",
    "53 category-missing p4 -",
    "53 category-missing p4 -",
    "56 name-code-mismatch i8 subcategory",       /* 网站运行故障率 under 11 */
    "56 value-not-target i8 cycle-value",
  };
  g_autofree char *path = fixture ("sample.jixiao");
  g_autoptr(JxDocument) doc = load (path);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);

  for (guint i = 0; i < problems->len; i++)
    {
      JxProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *got = g_strdup_printf ("%u %s %s %s", p->line, p->rule, p->target,
                                              p->field ? p->field : "-");

      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (got, ==, expected[i]);
    }
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (jx_problems_count (problems, JX_SEVERITY_ERROR), ==, 0);
}

static void
collect_indicators (gpointer project,
                    gpointer user_data)
{
  GPtrArray *all = user_data;
  GListModel *indicators = jx_project_get_indicators (project);

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    g_ptr_array_add (all, g_list_model_get_item (indicators, i));
}

static void
collect_projects (gpointer project,
                  gpointer user_data)
{
  g_ptr_array_add (user_data, g_object_ref (project));
}

/* The example (typed from the sample now, the whole imported sample later):
 * only what holds for the sample as a whole. */
static void
test_example_document (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "data", "examples",
                                            "guangzhou-organization-dept-2024.jixiao", NULL);
  g_autoptr(JxDocument) doc = load (path);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) flagged = g_hash_table_new (g_str_hash, g_str_equal);
  guint last_line = 0, n_political = 0;

  jx_document_foreach_project (doc, collect_indicators, indicators);
  jx_document_foreach_project (doc, collect_projects, projects);

  for (guint i = 0; i < problems->len; i++)
    {
      JxProblem *p = g_ptr_array_index (problems, i);

      /* Known rules, real places, document order. */
      g_assert_nonnull (jx_validator_lookup_rule (p->rule));
      g_assert_nonnull (p->target);
      g_assert_nonnull (jx_document_lookup (doc, p->target));
      g_assert_cmpuint (p->line, >=, last_line);
      last_line = p->line;
      if (g_str_equal (p->rule, "name-code-mismatch"))
        g_hash_table_add (flagged, p->target);
      /* The sample's codes all exist and its amounts are positive. */
      g_assert_cmpstr (p->rule, !=, "category-unknown");
      g_assert_cmpstr (p->rule, !=, "subcategory-unknown");
      g_assert_cmpstr (p->rule, !=, "amount-negative");
      g_assert_cmpstr (p->rule, !=, "percent-over-100");
    }

  /* 政治效益 is flagged under 21-经济效益 and only there. */
  for (guint i = 0; i < indicators->len; i++)
    {
      JxIndicator *indicator = g_ptr_array_index (indicators, i);
      const char *id = jx_node_get_id (JX_NODE (indicator));

      if (!g_str_equal (jx_indicator_get_name (indicator), "政治效益"))
        continue;
      n_political++;
      g_assert_true (g_hash_table_contains (flagged, id) ==
                     g_str_equal (jx_indicator_get_subcategory (indicator), "21"));
    }
  g_assert_cmpuint (n_political, >, 0);

  /* Confidential projects: never a completeness or value problem. */
  for (guint i = 0; i < projects->len; i++)
    {
      JxProject *project = g_ptr_array_index (projects, i);
      g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);

      jx_validate_project (doc, project, own);
      if (!jx_project_get_confidential (project))
        continue;
      for (guint k = 0; k < own->len; k++)
        {
          JxProblem *p = g_ptr_array_index (own, k);
          g_assert_false (g_str_has_suffix (p->rule, "-missing"));
          g_assert_false (g_str_has_prefix (p->rule, "value-"));
          g_assert_false (g_str_has_prefix (p->rule, "goal-"));
        }
    }
}

/* --- order, live checking, the table ------------------------------------------------ */

/* The whole project, then its fields, then its indicators in order, each
 * with its fields in file order. */
static void
test_document_order (void)
{
  static const Ind inds[] = {
    { "1", "11", "项目完成率", "按实际数量", "约90%" },
    { "1", "11", "项目完成率", "", "≥98%" },
  };
  JxProject *project;
  g_autoptr(JxDocument) doc = build ("", FALSE, inds, G_N_ELEMENTS (inds), &project);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *summary = NULL;

  jx_project_set_source (project, 2, -1);
  problems = jx_validate_document (doc);
  summary = summarize (problems);
  g_assert_cmpstr (summary, ==,
                   "category-missing@p2.- category-missing@p2.- amount-negative@p2.other goal-missing@p2.goal "
                   "value-not-target@i3.cycle-value value-approximate@i3.annual-value "
                   "indicator-duplicate@i4.name cycle-value-missing@i4.cycle-value");
}

/* What the editor calls while a person types: one project, the same
 * problems as the whole document gives for it, appended. */
static void
test_validate_project_live (void)
{
  const Ind placeholder = { "1", "11", "处理信访举报数量", "按实际数量", "≥100个" };
  g_autoptr(JxDocument) doc = clean_with (0, &placeholder);
  g_autoptr(GPtrArray) whole = jx_validate_document (doc);
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autofree char *whole_summary = summarize (whole);
  g_autofree char *live_summary = NULL;
  JxProject *project = JX_PROJECT (jx_document_lookup (doc, "p2"));

  g_ptr_array_add (live, jx_problem_new (JX_SEVERITY_WARNING, "goal-missing", 0, 0, "x", NULL, "kept"));
  jx_validate_project (doc, project, live);
  g_ptr_array_remove_index (live, 0);
  live_summary = summarize (live);
  g_assert_cmpstr (live_summary, ==, whole_summary);
  g_assert_cmpstr (live_summary, ==, "value-not-target@i3.cycle-value");
}

/* Every placeholder mark a copied template leaves is found wherever it sits
 * in the value, and what only looks like one is not. */
static void
test_placeholder_marks (void)
{
  static const char *marked[] = {
    "≥**%", "＊＊万元", "≥*%", "＊%", "ＸＸ个", "××人", "约××个", "※※", "XX人",
  };
  static const char *plain[] = { "≥95%", "5*3", "×2人", "※", "XXL", "≥100个" };

  for (guint i = 0; i < G_N_ELEMENTS (marked) + G_N_ELEMENTS (plain); i++)
    {
      gboolean is_marked = i < G_N_ELEMENTS (marked);
      const char *value = is_marked ? marked[i] : plain[i - G_N_ELEMENTS (marked)];
      const Ind ind = { "1", "11", "处理信访举报数量", "≥100个", value };
      g_autoptr(JxDocument) doc = clean_with (0, &ind);
      g_autoptr(GPtrArray) problems = jx_validate_document (doc);

      if (is_marked)
        g_assert_nonnull (find_problem (problems, "placeholder-left"));
      else
        g_assert_null (find_problem (problems, "placeholder-left"));
    }
}

/* Chinese first: messages come translated. */
static void
test_messages_translated (void)
{
  const Ind placeholder = { "1", "11", "处理信访举报数量", "按实际数量", "≥100个" };
  g_autoptr(JxDocument) doc = clean_with (0, &placeholder);
  g_autoptr(GPtrArray) problems = NULL;
  const char *old_language = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (old_language);
  JxProblem *problem;

  if (g_getenv ("JX_LOCALEDIR") == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("zh_CN.UTF-8 locale or JX_LOCALEDIR missing");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("JX_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  problems = jx_validate_document (doc);
  problem = find_problem (problems, "value-not-target");
  g_assert_cmpstr (problem->message, ==,
                   "实施周期指标值“按实际数量”（指标“处理信访举报数量”）是占位说法，不是目标；"
                   "请填写要达到的数值或结果");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
}

/* docs/domain.md: a broken code or a wrong total is an error; a missing
 * satisfaction indicator or an unquantified value is a warning. */
static void
test_severities (void)
{
  static const struct { const char *id; JxSeverity severity; } expected[] = {
    { "category-unknown", JX_SEVERITY_ERROR },
    { "subcategory-unknown", JX_SEVERITY_ERROR },
    { "subcategory-mismatch", JX_SEVERITY_ERROR },
    { "amount-negative", JX_SEVERITY_ERROR },
    { "total-mismatch", JX_SEVERITY_ERROR },
    { "percent-over-100", JX_SEVERITY_ERROR },
    { "project-no-indicators", JX_SEVERITY_ERROR },
    { "indicator-name-missing", JX_SEVERITY_ERROR },
    { "category-missing", JX_SEVERITY_WARNING },
    { "goal-missing", JX_SEVERITY_WARNING },
    { "goal-not-sentence", JX_SEVERITY_WARNING },
    { "name-code-mismatch", JX_SEVERITY_WARNING },
    { "satisfaction-misfiled", JX_SEVERITY_WARNING },
    { "indicator-duplicate", JX_SEVERITY_WARNING },
    { "cycle-value-missing", JX_SEVERITY_WARNING },
    { "annual-value-missing", JX_SEVERITY_WARNING },
    { "value-not-target", JX_SEVERITY_WARNING },
    { "value-not-quantified", JX_SEVERITY_WARNING },
    { "value-approximate", JX_SEVERITY_WARNING },
    { "annual-looser-than-cycle", JX_SEVERITY_WARNING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const JxRule *rule = jx_validator_lookup_rule (expected[i].id);

      g_assert_nonnull (rule);
      g_assert_cmpint (rule->severity, ==, expected[i].severity);
    }
}

static void
test_rules_have_ids_and_texts (void)
{
  guint n;
  const JxRule *all = jx_validator_get_rules (&n);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (g_hash_table_add (seen, (gpointer) all[i].id));
      g_assert_cmpuint (strlen (all[i].what), >, 10);
      g_assert_cmpuint (strlen (all[i].why), >, 10);
      g_assert_true (jx_validator_lookup_rule (all[i].id) == &all[i]);
    }
  g_assert_null (jx_validator_lookup_rule ("no-such-rule"));
}

/* A large table is checked on two threads; the findings must be exactly
 * those of checking each project in turn, in document order. */
static void
test_large_document_in_order (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new ("单位");
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GPtrArray) found = NULL;
  GListModel *projects;

  jx_node_set_id (JX_NODE (unit), "u1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  for (guint p = 0; p < 2500; p++)
    {
      g_autoptr(JxProject) project = jx_project_new ("项目");
      g_autofree char *id = g_strdup_printf ("p%u", p);
      static const char *codes[][2] = { { "1", "11" }, { "2", "22" }, { "3", "31" } };

      jx_node_set_id (JX_NODE (project), id);
      jx_project_set_source (project, 0, p % 97 == 0 ? -100 : 100);
      jx_project_set_goal (project, p % 13 == 0 ? "" : "保障工作正常开展，提升服务质量。");
      jx_node_append_child (JX_NODE (unit), JX_NODE (project));
      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(JxIndicator) indicator =
            jx_indicator_new (codes[i][0], p % 31 == 0 && i == 0 ? "21" : codes[i][1], "完成率");
          g_autofree char *iid = g_strdup_printf ("i%u-%u", p, i);

          jx_node_set_id (JX_NODE (indicator), iid);
          jx_indicator_set_cycle_value (indicator, "≥95%");
          jx_indicator_set_annual_value (indicator, p % 7 == 0 ? "" : "≥95%");
          jx_node_append_child (JX_NODE (project), JX_NODE (indicator));
        }
    }

  projects = jx_funding_unit_get_projects (unit);
  for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
    {
      g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
      jx_validate_project (doc, project, expected);
    }
  found = jx_validate_document (doc);

  g_assert_cmpuint (expected->len, >, 500);
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < found->len; i++)
    {
      JxProblem *a = g_ptr_array_index (found, i), *b = g_ptr_array_index (expected, i);

      g_assert_cmpstr (a->rule, ==, b->rule);
      g_assert_cmpstr (a->target, ==, b->target);
      g_assert_cmpstr (a->field, ==, b->field);
      g_assert_cmpstr (a->message, ==, b->message);
      g_assert_cmpuint (a->line, ==, b->line);
    }
}

typedef struct
{
  GThread   *thread;
  GPtrArray *handed;
} Handed;

static void
take_problem (JxProblem *problem,
              gpointer   user_data)
{
  Handed *handed = user_data;

  /* The CLI prints from here: only ever on the calling thread. */
  g_assert_true (g_thread_self () == handed->thread);
  g_ptr_array_add (handed->handed, problem);
}

/* What `jixiao-cli validate` prints as it goes: the problems handed on one
 * at a time, on the calling thread, are those of checking each project in
 * turn, in the same order. */
static void
test_large_document_streamed (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new ("单位");
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GPtrArray) handed_on = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  Handed handed = { g_thread_self (), handed_on };
  GListModel *projects;

  jx_node_set_id (JX_NODE (unit), "u1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  for (guint p = 0; p < 3000; p++)
    {
      g_autoptr(JxProject) project = jx_project_new (p % 5 == 0 ? "项目XX" : "项目");
      g_autofree char *id = g_strdup_printf ("p%u", p);

      jx_node_set_id (JX_NODE (project), id);
      jx_project_set_goal (project, p % 3 == 0 ? "" : "保障工作正常开展，提升服务质量。");
      jx_node_append_child (JX_NODE (unit), JX_NODE (project));
    }
  projects = jx_funding_unit_get_projects (unit);
  for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
    {
      g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
      jx_validate_project (doc, project, expected);
    }
  jx_validate_document_foreach (doc, take_problem, &handed);

  g_assert_cmpuint (expected->len, >, 3000);
  g_assert_cmpuint (handed_on->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autofree char *want = jx_problem_format (g_ptr_array_index (expected, i), "f");
      g_autofree char *got = jx_problem_format (g_ptr_array_index (handed_on, i), "f");

      g_assert_cmpstr (got, ==, want);
    }
}

static void
collect_project (gpointer project,
                 gpointer user_data)
{
  g_ptr_array_add (user_data, project);
}

/* The editor's check of a large table, a slice at a time: the same problems
 * in the same order as the whole check, the unknown scheme first, and more
 * than one slice when the deadline is always past. */
static void
test_validation_in_slices (void)
{
  g_autoptr(JxDocument) doc = jx_gen_document (300, 7);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) sliced = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(JxValidation) validation = NULL;
  g_autoptr(GPtrArray) projects = g_ptr_array_new ();
  guint steps = 0;

  /* A goal missing in every other project, and more. */
  jx_document_foreach_project (doc, collect_project, projects);
  g_assert_cmpuint (projects->len, ==, 300);
  for (guint p = 0; p < projects->len; p += 2)
    jx_project_set_goal (g_ptr_array_index (projects, p), "");
  expected = jx_validate_document (doc);
  validation = jx_validation_new (doc);
  while (!jx_validation_step (validation, 0, sliced))
    steps++;
  g_assert_cmpuint (steps, >=, 299);
  g_assert_cmpuint (expected->len, >=, 150);
  g_assert_cmpuint (sliced->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autofree char *want = jx_problem_format (g_ptr_array_index (expected, i), "f");
      g_autofree char *got = jx_problem_format (g_ptr_array_index (sliced, i), "f");

      g_assert_cmpstr (got, ==, want);
    }
  /* A step after the end adds nothing. */
  g_assert_true (jx_validation_step (validation, -1, sliced));
  g_assert_cmpuint (sliced->len, ==, expected->len);

  /* An unknown scheme is said first, as by the whole check. */
  jx_document_set_taxonomy (doc, "no-such-scheme");
  g_clear_pointer (&expected, g_ptr_array_unref);
  g_clear_pointer (&validation, jx_validation_free);
  g_ptr_array_set_size (sliced, 0);
  expected = jx_validate_document (doc);
  validation = jx_validation_new (doc);
  g_assert_false (jx_validation_step (validation, 0, sliced));
  g_assert_cmpuint (sliced->len, >=, 1);
  g_assert_cmpstr (((JxProblem *) g_ptr_array_index (sliced, 0))->rule, ==, "taxonomy-unknown");
  g_assert_cmpstr (((JxProblem *) g_ptr_array_index (expected, 0))->rule, ==, "taxonomy-unknown");
  while (!jx_validation_step (validation, -1, sliced))
    ;
  g_assert_cmpuint (sliced->len, ==, expected->len);
}

/* --- checks per template ----------------------------------------------------- */

/* A Sichuan table as it should be: no cycle value anywhere, and nothing to
 * say (cycle-value-missing is Guangdong's). */
static void
test_template_clean (void)
{
  g_autofree char *path = fixture ("sichuan-clean.jixiao");
  g_autoptr(JxDocument) doc = load (path);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  g_autofree char *summary = summarize (problems);

  g_assert_cmpstr (summary, ==, "");
}

/* Each new check once, where its fixture puts it; a placeholder in a value
 * is not also reported as a formula. */
static void
test_template_problems (void)
{
  g_autofree char *path = fixture ("sichuan-problems.jixiao");
  g_autoptr(JxDocument) doc = load (path);
  g_autoptr(GPtrArray) problems = jx_validate_document (doc);
  g_autofree char *summary = summarize (problems);

  g_assert_cmpstr (summary, ==,
                   "weights-total@p1.- weight-missing@i1.weight unit-missing@i3.measure-unit "
                   "placeholder-left@i4.name percent-over-100@i5.number "
                   "name-value-mismatch@i6.name");
}

/* The same indicators in a Guangdong document are missing their values. */
static void
test_template_decides_values (void)
{
  g_autofree char *path = fixture ("sichuan-clean.jixiao");
  g_autoptr(JxDocument) sichuan = load (path);
  JxProject *project = JX_PROJECT (jx_document_lookup (sichuan, "p1"));
  JxDocument *guangdong = jx_document_new ();
  JxFundingUnit *unit = jx_edit_add_unit (guangdong, 0, "单位");
  JxProject *copy = jx_edit_add_project (guangdong, unit, 0, jx_project_get_name (project));
  GListModel *indicators = jx_project_get_indicators (project);

  jx_project_set_goal (copy, jx_project_get_goal (project));
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(JxIndicator) from = g_list_model_get_item (indicators, i);
      JxIndicator *to = jx_edit_add_indicator (guangdong, copy, i, jx_indicator_get_category (from),
                                               jx_indicator_get_subcategory (from));

      jx_indicator_set_name (to, jx_indicator_get_name (from));
      jx_indicator_set_annual_value (to, "≥95%");
    }
  assert_rule (guangdong, "cycle-value-missing",
               "cycle-value-missing@i3.cycle-value cycle-value-missing@i4.cycle-value "
               "cycle-value-missing@i5.cycle-value");
}

/* 百分比 is read as %: a rate over 100 is impossible either way; weights
 * given as decimals add up exactly. */
static void
test_template_weights_exact (void)
{
  g_autofree char *path = fixture ("sichuan-clean.jixiao");
  g_autoptr(JxDocument) doc = load (path);
  JxIndicator *i1 = JX_INDICATOR (jx_document_lookup (doc, "i1"));
  JxIndicator *i2 = JX_INDICATOR (jx_document_lookup (doc, "i2"));

  jx_indicator_set_field (i1, "weight", "33.33");
  jx_indicator_set_field (i2, "weight", "36.67");
  assert_rule (g_object_ref (doc), "weights-total", "");
  jx_indicator_set_field (i2, "weight", "36.66");
  assert_rule (g_object_ref (doc), "weights-total", "weights-total@p1.-");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validator/clean-document-has-no-problems", test_clean_document);
  g_test_add_func ("/validator/template/clean", test_template_clean);
  g_test_add_func ("/validator/template/problems", test_template_problems);
  g_test_add_func ("/validator/template/decides-values", test_template_decides_values);
  g_test_add_func ("/validator/template/weights-exact", test_template_weights_exact);
  g_test_add_func ("/validator/subcategory-mismatch", test_subcategory_mismatch);
  g_test_add_func ("/validator/unknown-codes", test_unknown_codes);
  g_test_add_func ("/validator/scheme-decides-valid-codes", test_scheme_matters);
  g_test_add_func ("/validator/unknown-taxonomy", test_unknown_taxonomy);
  g_test_add_func ("/validator/negative-amount", test_negative_amount);
  g_test_add_func ("/validator/project-no-indicators", test_project_no_indicators);
  g_test_add_func ("/validator/category-missing", test_category_missing);
  g_test_add_func ("/validator/category-missing/mof-2021", test_category_missing_mof);
  g_test_add_func ("/validator/goal-missing", test_goal_missing);
  g_test_add_func ("/validator/goal-not-sentence", test_goal_not_sentence);
  g_test_add_func ("/validator/indicator-name-missing", test_indicator_name_missing);
  g_test_add_func ("/validator/values-missing", test_values_missing);
  g_test_add_func ("/validator/name-code-mismatch", test_name_code_mismatch);
  g_test_add_func ("/validator/name-code-mismatch/message", test_name_code_mismatch_message);
  g_test_add_func ("/validator/satisfaction-misfiled", test_satisfaction_misfiled);
  g_test_add_func ("/validator/indicator-duplicate", test_indicator_duplicate);
  g_test_add_func ("/validator/value-not-target", test_value_not_target);
  g_test_add_func ("/validator/value-not-quantified", test_value_not_quantified);
  g_test_add_func ("/validator/value-approximate", test_value_approximate);
  g_test_add_func ("/validator/percent-over-100", test_percent_over_100);
  g_test_add_func ("/validator/annual-looser-than-cycle", test_annual_looser_than_cycle);
  g_test_add_func ("/validator/confidential/exempt", test_confidential_exempt);
  g_test_add_func ("/validator/confidential/codes-still-checked", test_confidential_codes_checked);
  g_test_add_func ("/validator/confidential/fixture", test_confidential_fixture);
  g_test_add_func ("/validator/sample-fixture", test_sample_fixture);
  g_test_add_func ("/validator/example-document", test_example_document);
  g_test_add_func ("/validator/document-order", test_document_order);
  g_test_add_func ("/validator/validate-project-live", test_validate_project_live);
  g_test_add_func ("/validator/messages-translated", test_messages_translated);
  g_test_add_func ("/validator/severities", test_severities);
  g_test_add_func ("/validator/rules-have-unique-ids-and-texts", test_rules_have_ids_and_texts);
  g_test_add_func ("/validator/large-document-in-document-order", test_large_document_in_order);
  g_test_add_func ("/validator/large-document-streamed", test_large_document_streamed);
  g_test_add_func ("/validator/in-slices", test_validation_in_slices);
  g_test_add_func ("/validator/placeholder-marks", test_placeholder_marks);

  return g_test_run ();
}
