/* test-import.c: published tables (OCR text) into documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "jx-annotation.h"
#include "jx-funding-unit.h"
#include "jx-gen.h"
#include "jx-import.h"
#include "jx-validator.h"
#include "jx-template.h"
#include "jx-init.h"
#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-xml.h"

#define SAMPLE_NAME "guangzhou-organization-dept-2024.txt"

/* The 35 projects of the sample and their 总计, typed from the PDF. */
static const struct { const char *name; JxMoney total; } sample_projects[] = {
  { "社区党员活动经费", 1046480 },
  { "社区办公经费补助", 847500 },
  { "社区党组织服务群众经费", 847500 },
  { "街道党组织工作经费", 715000 },
  { "村办公经费补助", 572500 },
  { "村党组织服务群众经费", 572500 },
  { "村党员活动经费", 397965 },
  { "两新组织党员活动经费", 335230 },
  { "镇(街)党建工作指导员工资补助经费", 172390 },
  { "广州市干部教育培训工作经费", 29940 },
  { "两新组织区域党委工作经费", 16500 },
  { "GZIT2023-SM-W-A-003031", 14000 },
  { "三同实践锻炼工作经费", 14000 },
  { "GZIT2023-SM-N-C-003012", 10500 },
  { "高层次人才工作经费", 9645 },
  { "部机关综合保障工作经费", 6660 },
  { "统计工作经费", 5935 },
  { "人才工程项目及服务工作经费", 5800 },
  { "购置经费", 5422 },
  { "两新组织党务工作者补贴", 5385 },
  { "干部人事档案数字化工作经费", 3130 },
  { "村两委正职政府奖励津贴", 3120 },
  { "公务员考试录用工作经费", 2576 },
  { "公务员考核奖惩、工资福利工作经费", 2451 },
  { "社区两委正职政府奖励津贴", 2040 },
  { "援派干部工作经费", 2000 },
  { "市管优秀专家离退休后补贴", 1740 },
  { "因公出国(境)经费", 1670 },
  { "公务员管理工作经费", 1320 },
  { "主题教育工作经费", 1050 },
  { "农村基层办工作经费", 800 },
  { "部机关干部人事档案数字化工作经费", 400 },
  { "干部监督工作经费", 400 },
  { "内部审计工作经费", 250 },
  { "工作经费", 200 },
};

/* The real published table (samples/ in the project's shared folder),
 * byte for byte. */
static char *
read_sample (gsize *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", SAMPLE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

typedef struct
{
  JxDocument *doc;
  GPtrArray  *warnings;
  char       *text;
  gsize       len;
} Sample;

static void
sample_clear (Sample *s)
{
  g_clear_object (&s->doc);
  g_clear_pointer (&s->warnings, g_ptr_array_unref);
  g_clear_pointer (&s->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sample, sample_clear)

static void
import_sample (Sample *s)
{
  g_autoptr(GError) error = NULL;

  s->text = read_sample (&s->len);
  s->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  s->doc = jx_import_text (s->text, s->len, SAMPLE_NAME, s->warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s->doc);
}

static GPtrArray *
all_projects (JxDocument *doc)
{
  GPtrArray *projects = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *units = jx_document_get_units (doc);

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *list = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (list); p++)
        g_ptr_array_add (projects, g_list_model_get_item (list, p));
    }
  return projects;
}

static JxProject *
find_project (JxDocument *doc,
              const char *name)
{
  g_autoptr(GPtrArray) projects = all_projects (doc);

  for (guint i = 0; i < projects->len; i++)
    if (g_str_equal (jx_project_get_name (g_ptr_array_index (projects, i)), name))
      return g_ptr_array_index (projects, i);   /* the document holds it */
  return NULL;
}

static JxIndicator *
nth_indicator (JxProject *project,
               guint      n)
{
  g_autoptr(JxIndicator) indicator = g_list_model_get_item (jx_project_get_indicators (project), n);

  return indicator;   /* the project holds it */
}

static void
assert_indicator (JxIndicator *indicator,
                  const char  *category,
                  const char  *subcategory,
                  const char  *name,
                  const char  *cycle,
                  const char  *annual)
{
  g_assert_nonnull (indicator);
  g_assert_cmpstr (jx_indicator_get_category (indicator), ==, category);
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, subcategory);
  g_assert_cmpstr (jx_indicator_get_name (indicator), ==, name);
  g_assert_cmpstr (jx_indicator_get_cycle_value (indicator), ==, cycle);
  g_assert_cmpstr (jx_indicator_get_annual_value (indicator), ==, annual);
}

static guint
count_rule (GPtrArray  *warnings,
            const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (((JxProblem *) g_ptr_array_index (warnings, i))->rule, rule))
      n++;
  return n;
}

static const JxProblem *
find_warning (GPtrArray  *warnings,
              const char *rule,
              guint       line)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const JxProblem *p = g_ptr_array_index (warnings, i);
      if (g_str_equal (p->rule, rule) && p->line == line)
        return p;
    }
  return NULL;
}

/* The annotation whose text holds @needle, or NULL. */
static JxAnnotation *
find_annotation (JxDocument *doc,
                 const char *needle)
{
  GListModel *notes = jx_document_get_annotations (doc);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(JxAnnotation) note = g_list_model_get_item (notes, i);
      if (strstr (jx_annotation_get_text (note), needle) != NULL)
        return note;
    }
  return NULL;
}

/* --- the sample ---------------------------------------------------------- */

static void
test_sample_projects (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) projects = NULL;
  GListModel *units;
  g_autoptr(JxFundingUnit) unit = NULL;

  import_sample (&s);
  g_assert_cmpuint (jx_document_get_n_projects (s.doc), ==, 35);
  g_assert_cmpint (jx_document_get_total (s.doc), ==, 5653999);

  projects = all_projects (s.doc);
  g_assert_cmpuint (projects->len, ==, G_N_ELEMENTS (sample_projects));
  for (guint i = 0; i < projects->len; i++)
    {
      JxProject *project = g_ptr_array_index (projects, i);
      g_autofree char *id = g_strdup_printf ("p%u", i + 1);

      g_assert_cmpstr (jx_project_get_name (project), ==, sample_projects[i].name);
      g_assert_cmpint (jx_project_get_total (project), ==, sample_projects[i].total);
      g_assert_cmpstr (jx_node_get_id (JX_NODE (project)), ==, id);
    }

  /* One funding unit, the department itself, whose printed total checks. */
  units = jx_document_get_units (s.doc);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 1);
  unit = g_list_model_get_item (units, 0);
  g_assert_cmpstr (jx_funding_unit_get_name (unit), ==, "中国共产党广州市委员会组织部");
  g_assert_cmpstr (jx_node_get_id (JX_NODE (unit)), ==, "u1");
  g_assert_cmpint (jx_funding_unit_get_total (unit), ==, 5653999);
  g_assert_cmpuint (count_rule (s.warnings, "import-total-mismatch"), ==, 0);
  g_assert_cmpuint (count_rule (s.warnings, "import-default-unit"), ==, 0);
}

static void
test_sample_document (void)
{
  g_auto(Sample) s = { 0 };

  import_sample (&s);
  g_assert_cmpint (jx_document_get_year (s.doc), ==, 2024);
  g_assert_cmpstr (jx_document_get_department (s.doc), ==, "中国共产党广州市委员会组织部");
  g_assert_cmpstr (jx_document_get_title (s.doc), ==,
                   "中国共产党广州市委员会组织部2024年项目支出绩效目标表(含转移支付项目)");
  g_assert_cmpstr (jx_document_get_unit (s.doc), ==, "万元");
  g_assert_cmpstr (jx_document_get_taxonomy (s.doc), ==, "guangdong-2020");
  /* The garbled header of the first page is skipped, and said so. */
  g_assert_nonnull (find_warning (s.warnings, "import-header-garbled", 5));
}

/* “25. 7€” beside a 总计 of 25.76 and a stray “5”: recovered and flagged. */
static void
test_sample_recovered_amount (void)
{
  g_auto(Sample) s = { 0 };
  JxProject *project;
  const JxProblem *warning;
  JxAnnotation *note;

  import_sample (&s);
  project = find_project (s.doc, "公务员考试录用工作经费");
  g_assert_nonnull (project);
  g_assert_cmpint (jx_project_get_total (project), ==, 2576);
  g_assert_cmpint (jx_project_get_source (project, 0), ==, 2576);
  g_assert_cmpint (jx_project_get_source (project, 1), ==, 0);
  g_assert_cmpint (jx_project_get_source (project, 2), ==, 0);

  warning = find_warning (s.warnings, "import-amount-recovered", 38);
  g_assert_nonnull (warning);
  g_assert_cmpint (warning->severity, ==, JX_SEVERITY_WARNING);
  g_assert_cmpstr (warning->target, ==, jx_node_get_id (JX_NODE (project)));
  g_assert_cmpstr (warning->field, ==, "fiscal");
  g_assert_cmpuint (warning->column, >, 1);
  g_assert_nonnull (strstr (warning->message, "25. 7€"));
  g_assert_nonnull (strstr (warning->message, "“5”"));
  g_assert_cmpuint (count_rule (s.warnings, "import-amount-recovered"), ==, 1);
  g_assert_cmpuint (count_rule (s.warnings, "import-amount-unreadable"), ==, 0);

  /* The printed cells are kept where a reviewer sees them. */
  note = find_annotation (s.doc, "25. 7€");
  g_assert_nonnull (note);
  g_assert_cmpstr (jx_annotation_get_target (note), ==, jx_node_get_id (JX_NODE (project)));
  g_assert_cmpstr (jx_annotation_get_field (note), ==, "fiscal");
  g_assert_cmpstr (jx_annotation_get_author (note), ==, JX_IMPORT_AUTHOR);
  g_assert_false (jx_annotation_get_resolved (note));
}

static void
test_sample_indicators (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) projects = NULL;
  guint n = 0, with_codes = 0;
  JxProject *project;

  import_sample (&s);
  projects = all_projects (s.doc);
  for (guint i = 0; i < projects->len; i++)
    {
      GListModel *list = jx_project_get_indicators (g_ptr_array_index (projects, i));
      for (guint k = 0; k < g_list_model_get_n_items (list); k++)
        {
          g_autoptr(JxIndicator) indicator = g_list_model_get_item (list, k);
          g_autofree char *id = g_strdup_printf ("i%u", n + 1);

          g_assert_cmpstr (jx_node_get_id (JX_NODE (indicator)), ==, id);
          if (*jx_indicator_get_category (indicator) && *jx_indicator_get_subcategory (indicator))
            with_codes++;
          n++;
        }
    }
  g_assert_cmpuint (n, >=, 150);
  g_assert_cmpuint (n, ==, jx_document_get_n_indicators (s.doc));
  g_assert_cmpuint (with_codes, ==, n);

  project = find_project (s.doc, "社区党员活动经费");
  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (project)), ==, 8);
  assert_indicator (nth_indicator (project, 0), "1", "11", "足额发放率", "100%", "100%");
  /* The 。 that ends an item is punctuation; one inside a value is not. */
  assert_indicator (nth_indicator (project, 4), "2", "21", "政治效益",
                    "提升党员干部政治站位,切实保障选准用好管好领导干部,为党和人民事业提供组织保障。",
                    "提升党员干部政治站位,切实保障选准用好管好领导干部,为党和人民事业提供组织保障");
  /* No annual value printed: empty, for the validator to report. */
  assert_indicator (nth_indicator (project, 5), "2", "22", "社会效益",
                    "社区党组织积极履职尽责,担当作为日益增强", "");
  /* Repeated 年度指标值: the first is kept. */
  assert_indicator (nth_indicator (project, 6), "2", "24", "可持续影响",
                    "党员群众投入社区工作的积极性进一步提高", "党员群众投入社区工作的积极性进一步提高");
  assert_indicator (nth_indicator (project, 7), "3", "31", "工作满意率", "大于等于90%", "大于等于90%");

  /* Colons for separators everywhere. */
  project = find_project (s.doc, "两新组织党员活动经费");
  assert_indicator (nth_indicator (project, 0), "1", "11", "足额发放率", "100%", "100%");
  /* A comma after the sub-category. */
  project = find_project (s.doc, "广州市干部教育培训工作经费");
  g_assert_cmpstr (jx_indicator_get_name (nth_indicator (project, 2)), ==, "课程设置质量");
  g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (project, 2)), ==, "不断提高和优化");
  /* A missing 三级 name stays empty; the item is still there. */
  project = find_project (s.doc, "社区党组织服务群众经费");
  assert_indicator (nth_indicator (project, 5), "2", "22", "",
                    "社区党组织积极履职尽责, 担当作为日益增强", "");
  /* A name holding commas, and a value holding a space between Latin text. */
  project = find_project (s.doc, "农村基层办工作经费");
  assert_indicator (nth_indicator (project, 0), "2", "22", "加强农村党组织建设,为党和人民事业提供基层组织保障。",
                    "选准管好农村党组织干部对人民事业和社会发展带来的影响和效果。",
                    "选任的农村党组织干部积极履职尽责,担当作为日益增强");
  project = find_project (s.doc, "干部人事档案数字化工作经费");
  g_assert_cmpstr (jx_indicator_get_cycle_value (nth_indicator (project, 3)), ==,
                   "扫描的原始图像符合干部人事档案数字化技术规范(GB/T 33870-2017)要求。");
  /* Item numbers repeat in 村党组织服务群众经费 (two 5、): both items are read. */
  project = find_project (s.doc, "村党组织服务群众经费");
  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (project)), ==, 7);
  /* No indicators printed at all. */
  project = find_project (s.doc, "公务员管理工作经费");
  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (project)), ==, 0);
}

static void
test_sample_wrapped_names (void)
{
  g_auto(Sample) s = { 0 };
  JxProject *project;

  import_sample (&s);
  g_assert_nonnull (find_project (s.doc, "广州市干部教育培训工作经费"));
  g_assert_nonnull (find_project (s.doc, "镇(街)党建工作指导员工资补助经费"));
  g_assert_nonnull (find_project (s.doc, "公务员考核奖惩、工资福利工作经费"));
  g_assert_nonnull (find_project (s.doc, "部机关干部人事档案数字化工作经费"));
  g_assert_null (find_project (s.doc, "广州市干部教育培训工作经 费"));

  /* Goals too; spaces that are not between two CJK characters stay. */
  project = find_project (s.doc, "街道党组织工作经费");
  g_assert_cmpstr (jx_project_get_goal (project), ==,
                   "根据(穗组字(2018)37号)文件精神,及时向每个街道党工委划拨党组织工作经费。");
  project = find_project (s.doc, "人才工程项目及服务工作经费");
  g_assert_cmpstr (jx_project_get_goal (project), ==, "入选中央、省人才工程人数;服务专家人次; 市高层次人才对我市人才工作满意度。");
  project = find_project (s.doc, "市管优秀专家离退休后补贴");
  g_assert_cmpstr (jx_project_get_goal (project), ==, "1、专家满意度。2、发放人数。3、及时发放。4、足额发放。5、按政策发放。");
  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (project)), ==, 4);
}

static void
test_sample_confidential (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GPtrArray) projects = NULL;
  guint n = 0;

  import_sample (&s);
  g_assert_true (jx_project_get_confidential (find_project (s.doc, "GZIT2023-SM-W-A-003031")));
  g_assert_true (jx_project_get_confidential (find_project (s.doc, "GZIT2023-SM-N-C-003012")));
  g_assert_cmpstr (jx_project_get_goal (find_project (s.doc, "GZIT2023-SM-N-C-003012")), ==,
                   "此为涉密信息化项目,不能列出总体绩效目标,不能列出年度绩效目标。");
  projects = all_projects (s.doc);
  for (guint i = 0; i < projects->len; i++)
    n += jx_project_get_confidential (g_ptr_array_index (projects, i));
  g_assert_cmpuint (n, ==, 2);
}

/* Repeated fragments and a cell cut at a page break: kept, and said. */
static void
test_sample_fragments_kept (void)
{
  g_auto(Sample) s = { 0 };
  JxProject *project;
  JxIndicator *indicator;
  JxAnnotation *note;
  const JxProblem *cut;
  GListModel *notes;

  import_sample (&s);
  project = find_project (s.doc, "社区党员活动经费");
  indicator = nth_indicator (project, 6);
  note = find_annotation (s.doc, "党员群众投入社区工作的积极性得到提高");
  g_assert_nonnull (note);
  g_assert_cmpstr (jx_annotation_get_target (note), ==, jx_node_get_id (JX_NODE (indicator)));
  g_assert_cmpstr (jx_annotation_get_field (note), ==, "annual-value");
  g_assert_nonnull (find_warning (s.warnings, "import-duplicate-fragment", 8));

  /* Line 10 ends “…; 年度” before the page header. */
  project = find_project (s.doc, "社区党组织服务群众经费");
  indicator = nth_indicator (project, 6);
  g_assert_cmpstr (jx_indicator_get_annual_value (indicator), ==, "党员群众投入社区工作的积极性进一步提高");
  cut = find_warning (s.warnings, "import-cut-cell", 10);
  g_assert_nonnull (cut);
  g_assert_nonnull (strstr (cut->message, "“年度”"));
  g_assert_cmpstr (cut->target, ==, jx_node_get_id (JX_NODE (indicator)));
  note = find_annotation (s.doc, "“年度”");
  g_assert_nonnull (note);
  g_assert_cmpstr (jx_annotation_get_target (note), ==, jx_node_get_id (JX_NODE (indicator)));

  /* 街道党组织工作经费 repeats with a comma: “…98%,年度指标值:大于等于98%” */
  g_assert_nonnull (find_warning (s.warnings, "import-duplicate-fragment", 13));
  /* …and 农村基层办工作经费 a 实施周期指标值. */
  g_assert_nonnull (find_warning (s.warnings, "import-duplicate-fragment", 48));

  /* Every import annotation: open, by the importer, on a node that exists. */
  notes = jx_document_get_annotations (s.doc);
  g_assert_cmpuint (g_list_model_get_n_items (notes), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(JxAnnotation) a = g_list_model_get_item (notes, i);
      g_autofree char *id = g_strdup_printf ("a%u", i + 1);

      g_assert_cmpstr (jx_node_get_id (JX_NODE (a)), ==, id);
      g_assert_cmpstr (jx_annotation_get_author (a), ==, JX_IMPORT_AUTHOR);
      g_assert_false (jx_annotation_get_resolved (a));
      if (*jx_annotation_get_target (a) != '\0')
        g_assert_nonnull (jx_document_lookup (s.doc, jx_annotation_get_target (a)));
    }

  /* Warnings are in the order of the text, and name existing nodes. */
  for (guint i = 0; i < s.warnings->len; i++)
    {
      const JxProblem *p = g_ptr_array_index (s.warnings, i);

      g_assert_cmpint (p->severity, ==, JX_SEVERITY_WARNING);
      g_assert_true (g_str_has_prefix (p->rule, "import-"));
      if (i > 0)
        g_assert_cmpuint (p->line, >=, ((JxProblem *) g_ptr_array_index (s.warnings, i - 1))->line);
      if (p->target != NULL)
        g_assert_nonnull (jx_document_lookup (s.doc, p->target));
    }
}

/* Removes blanks, separators and 。 so that text can be compared whatever
 * the importer did with them. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == 0x3000 || strchr (";:,", (int) c) != NULL ||
          c == 0xFF1B || c == 0xFF1A || c == 0xFF0C || c == 0x3002)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Nothing dropped silently: every piece of text of every table row (names,
 * goals, indicator names and values) is somewhere in the document, in a
 * field or in an annotation. */
static void
test_sample_nothing_dropped (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GRegex) structure = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *corpus = NULL;
  GListModel *notes, *units;
  gsize total = 0, found = 0;

  import_sample (&s);
  projects = all_projects (s.doc);
  for (guint i = 0; i < projects->len; i++)
    {
      JxProject *project = g_ptr_array_index (projects, i);
      GListModel *list = jx_project_get_indicators (project);

      g_string_append_printf (kept, "%s\n%s\n", jx_project_get_name (project), jx_project_get_goal (project));
      for (guint k = 0; k < g_list_model_get_n_items (list); k++)
        {
          g_autoptr(JxIndicator) indicator = g_list_model_get_item (list, k);
          g_string_append_printf (kept, "%s\n%s\n%s\n", jx_indicator_get_name (indicator),
                                  jx_indicator_get_cycle_value (indicator),
                                  jx_indicator_get_annual_value (indicator));
        }
    }
  units = jx_document_get_units (s.doc);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      g_string_append_printf (kept, "%s\n", jx_funding_unit_get_name (unit));
    }
  notes = jx_document_get_annotations (s.doc);
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(JxAnnotation) note = g_list_model_get_item (notes, i);
      g_string_append_printf (kept, "%s\n", jx_annotation_get_text (note));
    }
  corpus = squeeze (kept->str);

  /* The structure the document holds otherwise: item numbers, codes with
   * their printed names, value labels. */
  structure = g_regex_new ("[0-9]+、|[0-9]+ ?- ?[^;；:：,，\\s0-9]*|实施周期指标值|年度指标值|[;；:：,，。]",
                           0, 0, NULL);
  lines = g_strsplit (s.text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cells = NULL;
      static const guint text_cells[] = { 0, 5, 6 };

      if (strchr (lines[l], '\t') == NULL || strstr (lines[l], "项目名称") != NULL)
        continue;   /* title, 部门名称, blank lines, page headers */
      cells = g_strsplit (lines[l], "\t", -1);
      for (guint c = 0; c < G_N_ELEMENTS (text_cells); c++)
        {
          g_autofree char *plain = NULL;
          g_auto(GStrv) pieces = NULL;

          if (text_cells[c] >= g_strv_length (cells))
            continue;
          plain = g_regex_replace (structure, cells[text_cells[c]], -1, 0, "\x1f", 0, NULL);
          pieces = g_strsplit (plain, "\x1f", -1);
          for (guint k = 0; pieces[k] != NULL; k++)
            {
              g_autofree char *piece = squeeze (pieces[k]);
              glong n = g_utf8_strlen (piece, -1);

              if (n == 0 || g_str_equal (piece, "合计"))
                continue;
              total += n;
              if (strstr (corpus, piece) != NULL)
                found += n;
              else
                g_test_message ("line %u: not found: %s", l + 1, piece);
            }
        }
    }
  g_test_message ("kept %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " characters", found, total);
  g_assert_cmpuint (total, >, 5000);
  g_assert_cmpuint (found * 100, >=, total * 95);
}

/* What the importer makes is a document like any other: it saves, loads
 * back the same, and the loaded one saves to the same bytes. */
static void
test_sample_saves (void)
{
  g_auto(Sample) s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL, second = NULL;
  g_autoptr(JxDocument) loaded = NULL;

  import_sample (&s);
  first = jx_xml_write (s.doc, &error);
  g_assert_no_error (error);
  loaded = jx_xml_load_bytes (first, "imported", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_n_projects (loaded), ==, 35);
  g_assert_cmpuint (jx_document_get_n_indicators (loaded), ==, jx_document_get_n_indicators (s.doc));
  g_assert_cmpint (jx_document_get_total (loaded), ==, 5653999);
  second = jx_xml_write (loaded, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
}

/* --- generated tables ---------------------------------------------------- */

static void
assert_same_table (JxDocument *want,
                   JxDocument *have)
{
  GListModel *wu = jx_document_get_units (want), *hu = jx_document_get_units (have);

  g_assert_cmpint (jx_document_get_year (have), ==, jx_document_get_year (want));
  g_assert_cmpstr (jx_document_get_department (have), ==, jx_document_get_department (want));
  g_assert_cmpstr (jx_document_get_title (have), ==, jx_document_get_title (want));
  g_assert_cmpint (jx_document_get_total (have), ==, jx_document_get_total (want));
  g_assert_cmpuint (jx_document_get_n_projects (have), ==, jx_document_get_n_projects (want));
  g_assert_cmpuint (jx_document_get_n_indicators (have), ==, jx_document_get_n_indicators (want));
  g_assert_cmpuint (g_list_model_get_n_items (hu), ==, g_list_model_get_n_items (wu));

  for (guint u = 0; u < g_list_model_get_n_items (wu); u++)
    {
      g_autoptr(JxFundingUnit) a = g_list_model_get_item (wu, u);
      g_autoptr(JxFundingUnit) b = g_list_model_get_item (hu, u);
      GListModel *ap = jx_funding_unit_get_projects (a), *bp = jx_funding_unit_get_projects (b);

      g_assert_cmpstr (jx_funding_unit_get_name (b), ==, jx_funding_unit_get_name (a));
      g_assert_cmpuint (g_list_model_get_n_items (bp), ==, g_list_model_get_n_items (ap));
      for (guint p = 0; p < g_list_model_get_n_items (ap); p++)
        {
          g_autoptr(JxProject) x = g_list_model_get_item (ap, p);
          g_autoptr(JxProject) y = g_list_model_get_item (bp, p);
          GListModel *xi = jx_project_get_indicators (x), *yi = jx_project_get_indicators (y);

          g_assert_cmpstr (jx_project_get_name (y), ==, jx_project_get_name (x));
          g_assert_cmpstr (jx_project_get_goal (y), ==, jx_project_get_goal (x));
          g_assert_cmpint (jx_project_get_source (y, 0), ==, jx_project_get_source (x, 0));
          g_assert_cmpint (jx_project_get_source (y, 1), ==, jx_project_get_source (x, 1));
          g_assert_cmpint (jx_project_get_source (y, 2), ==, jx_project_get_source (x, 2));
          g_assert_cmpuint (g_list_model_get_n_items (yi), ==, g_list_model_get_n_items (xi));
          for (guint i = 0; i < g_list_model_get_n_items (xi); i++)
            {
              g_autoptr(JxIndicator) m = g_list_model_get_item (xi, i);
              g_autoptr(JxIndicator) n = g_list_model_get_item (yi, i);

              assert_indicator (n, jx_indicator_get_category (m), jx_indicator_get_subcategory (m),
                                jx_indicator_get_name (m), jx_indicator_get_cycle_value (m),
                                jx_indicator_get_annual_value (m));
            }
        }
    }
}

static void
check_generated (guint n_projects,
                 guint seed)
{
  g_autoptr(JxDocument) want = jx_gen_document (n_projects, seed);
  g_autoptr(GString) text = jx_gen_published_text (want, seed);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(JxDocument) have = NULL;
  g_autoptr(GError) error = NULL;

  /* The noise is there: spaced amounts, wrapped names, repeated headers. */
  g_assert_nonnull (strstr (text->str, ". "));
  g_assert_nonnull (strstr (text->str, "\n\n项目名称"));

  have = jx_import_text (text->str, text->len, "generated", warnings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *line = jx_problem_format (g_ptr_array_index (warnings, i), "generated");
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_annotations (have)), ==, 0);
  assert_same_table (want, have);
}

static void
test_generated_exact (void)
{
  check_generated (300, 1);
  check_generated (300, 2);
}

/* Held-out row tables: the Sichuan, central and plain layouts, as pipe
 * tables and TSV, 120 projects each, against the answers the generator
 * computed from what it printed: every project's name, amount (to the
 * decimals printed) and number of indicators, in order. */
static void
test_generated_row_tables (void)
{
  static const struct { JxGenLayout layout; const char *template; } layouts[] = {
    { JX_GEN_SICHUAN, "sichuan" }, { JX_GEN_CENTRAL, "central" }, { JX_GEN_PLAIN, "plain" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    for (guint pipes = 0; pipes < 2; pipes++)
      {
        g_autoptr(GArray) answers = g_array_new (FALSE, TRUE, sizeof (JxGenAnswer));
        g_autoptr(GString) text = NULL;
        g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
        g_autoptr(GError) error = NULL;
        g_autoptr(JxDocument) doc = NULL;
        GListModel *units;
        guint k = 0;

        g_array_set_clear_func (answers, (GDestroyNotify) jx_gen_answer_clear);
        text = jx_gen_row_table (layouts[l].layout, pipes, 120, 11 + l * 2 + pipes, answers);
        g_test_message ("%s, %s", layouts[l].template, pipes ? "pipes" : "TSV");
        doc = jx_import_text (text->str, text->len, "generated", warnings, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < warnings->len; i++)
          {
            g_autofree char *line = jx_problem_format (g_ptr_array_index (warnings, i), "generated");
            g_test_message ("%s", line);
          }
        g_assert_cmpstr (jx_template_get_id (jx_document_get_template (doc)), ==, layouts[l].template);
        g_assert_cmpuint (answers->len, ==, 120);
        g_assert_cmpuint (jx_document_get_n_projects (doc), ==, answers->len);
        units = jx_document_get_units (doc);
        for (guint u = 0; u < g_list_model_get_n_items (units); u++)
          {
            g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
            GListModel *projects = jx_funding_unit_get_projects (unit);

            for (guint p = 0; p < g_list_model_get_n_items (projects); p++, k++)
              {
                g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
                const JxGenAnswer *want = &g_array_index (answers, JxGenAnswer, k);
                JxMoney amount = 0;

                g_assert_cmpstr (jx_project_get_name (project), ==, want->name);
                g_assert_cmpuint (jx_document_get_decimals (doc), >=, want->decimals);
                g_assert_true (jx_money_rescale (jx_project_get_total (project), jx_document_get_decimals (doc),
                                                 want->decimals, &amount));
                g_assert_cmpint (amount, ==, want->amount);
                g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (project)), ==,
                                  want->n_indicators);
                if (want->cycle_goal != NULL)
                  g_assert_cmpstr (jx_project_get_cycle_goal (project), ==, want->cycle_goal);
              }
          }
        g_assert_cmpuint (k, ==, answers->len);
      }
}

/* Three funding units not named like the department: found by their sums. */
static void
test_generated_units (void)
{
  check_generated (2500, 7);
}

/* --- robustness ---------------------------------------------------------- */

static JxDocument *
import_string (const char  *text,
               gssize       len,
               GPtrArray   *warnings,
               GError     **error)
{
  return jx_import_text (text, len < 0 ? strlen (text) : (gsize) len, "test", warnings, error);
}

static void
test_robust_empty (void)
{
  static const char *empty[] = { "", "   ", "\n\n\n", " \t \r\n\f" };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JxDocument) doc = import_string (empty[i], -1, NULL, &error);

      g_assert_null (doc);
      g_assert_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_EMPTY);
    }
}

static void
test_robust_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (97);

  doc = import_string (png, sizeof png - 1, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_BINARY);
  /* The place of the first NUL byte. */
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column 1:"));

  /* Random bytes: an error or a document, never a crash. */
  for (guint round = 0; round < 200; round++)
    {
      gsize len = g_rand_int_range (rand, 1, 4096);
      g_autofree char *bytes = g_malloc (len);
      g_autoptr(GError) e = NULL;
      g_autoptr(JxDocument) d = NULL;
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);

      for (gsize i = 0; i < len; i++)
        bytes[i] = (char) g_rand_int_range (rand, round % 2 ? 1 : 0, 256);
      d = import_string (bytes, len, warnings, &e);
      g_assert_true ((d == NULL) != (e == NULL));
    }
}

/* Cut anywhere, the sample imports or fails with a message; never crashes. */
static void
test_robust_truncated (void)
{
  g_autofree char *text = NULL;
  gsize len;
  guint documents = 0;

  text = read_sample (&len);
  for (gsize at = 0; at < len; at += 97)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
      g_autoptr(JxDocument) doc = import_string (text, at, warnings, &error);

      if (doc == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == JX_IMPORT_ERROR);
          continue;
        }
      g_assert_no_error (error);
      documents++;
      g_assert_cmpuint (jx_document_get_n_projects (doc), <=, 35);
      for (guint i = 0; i < warnings->len; i++)
        g_assert_cmpuint (((JxProblem *) g_ptr_array_index (warnings, i))->line, <=, 54);
      /* Whatever was read saves. */
      {
        g_autoptr(GBytes) bytes = jx_xml_write (doc, &error);
        g_assert_no_error (error);
      }
    }
  g_assert_cmpuint (documents, >, 300);
}

/* The sample damaged at random (bytes changed, cut, repeated; tabs, line
 * breaks, labels and codes inserted): an error or a document that saves
 * and loads back, never a crash. */
static void
test_robust_mutated (void)
{
  static const char *tokens[] = {
    "\t", "\n", "、", "1、", "1-", "11-", "实施周期指标值", "年度指标值", ":", "；", "。", " ", "合计",
    "项目名称", "总计\t财政拨款\t财政专户拨款", "\f", "\r", "25. 7€", "9", "-", "\xe5", "\xe3\x80",
    "部门名称:", "位: 万元", "2024年",
  };
  g_autofree char *text = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  gsize len;

  text = read_sample (&len);
  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) s = g_string_new_len (text, len);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(JxDocument) doc = NULL;
      guint mutations = g_rand_int_range (rand, 1, 40);

      for (guint m = 0; m < mutations; m++)
        {
          gsize at = g_rand_int_range (rand, 0, s->len + 1);
          gsize n = g_rand_int_range (rand, 1, 400);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              g_string_insert (s, at, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
              break;
            case 1:
              g_string_erase (s, at, MIN (n, s->len - at));
              break;
            case 2:
              if (at < s->len)
                s->str[at] = (char) g_rand_int_range (rand, 1, 256);
              break;
            default:
              {
                gsize from = g_rand_int_range (rand, 0, s->len + 1);
                g_autofree char *copy = g_strndup (s->str + from, MIN (n, s->len - from));
                g_string_insert (s, at, copy);
              }
            }
        }

      doc = import_string (s->str, s->len, warnings, &error);
      if (doc == NULL)
        {
          g_assert_true (error != NULL && error->domain == JX_IMPORT_ERROR);
          continue;
        }
      {
        g_autoptr(GBytes) bytes = jx_xml_write (doc, &error);
        g_autoptr(JxDocument) back = NULL;

        g_assert_no_error (error);
        back = jx_xml_load_bytes (bytes, "mutated", NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (jx_document_get_n_projects (back), ==, jx_document_get_n_projects (doc));
      }
    }
}

/* 10 MB without a separator: an error with a message, in linear time. */
static void
test_robust_huge_line (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *text = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;

  for (gsize i = 0; i < size; i++)
    text[i] = "经费abc 123"[i % 13];
  doc = import_string (text, size, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE);
}

/* The sample with a 10 MB line after a project: the line is kept as a
 * comment, shortened to what a document can hold, and both are said. */
static void
test_robust_huge_line_in_table (void)
{
  g_autofree char *sample = NULL;
  gsize len, size = 10 * 1024 * 1024;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GBytes) bytes = NULL;
  JxAnnotation *note;

  sample = read_sample (&len);
  text = g_string_new_len (sample, len);
  g_string_append_c (text, '\n');
  for (gsize i = 0; i < size / 3; i++)
    g_string_append (text, "废");
  g_string_append_c (text, '\n');

  doc = import_string (text->str, text->len, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 35);
  g_assert_nonnull (find_warning (warnings, "import-unplaced-text", 55));
  g_assert_nonnull (find_warning (warnings, "import-text-too-long", 55));
  note = find_annotation (doc, "废废废废");
  g_assert_nonnull (note);
  g_assert_cmpstr (jx_annotation_get_target (note), ==, jx_node_get_id (JX_NODE (find_project (doc, "工作经费"))));
  g_assert_cmpuint (strlen (jx_annotation_get_text (note)), <, 1024 * 1024);
  /* …and the document still loads back. */
  bytes = jx_xml_write (doc, &error);
  g_assert_no_error (error);
  g_clear_object (&doc);
  doc = jx_xml_load_bytes (bytes, "huge", NULL, &error);
  g_assert_no_error (error);
}

static void
test_robust_encodings (void)
{
  g_autofree char *sample = NULL;
  g_autofree char *gb = NULL;
  g_autoptr(GString) controls = NULL;
  gsize len, gb_len;
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxDocument) doc2 = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GPtrArray) warnings2 = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);

  sample = read_sample (&len);

  /* Saved on Chinese Windows. */
  gb = g_convert (sample, len, "GB18030", "UTF-8", NULL, &gb_len, &error);
  g_assert_no_error (error);
  doc = import_string (gb, gb_len, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 35);
  g_assert_cmpint (jx_document_get_total (doc), ==, 5653999);
  g_assert_cmpuint (count_rule (warnings, "import-encoding"), ==, 1);

  /* A stray control character: replaced, located, and the rest read. */
  controls = g_string_new_len (sample, len);
  g_string_insert_c (controls, strstr (controls->str, "村办公经费补助") - controls->str, '\x01');
  doc2 = import_string (controls->str, controls->len, warnings2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_n_projects (doc2), ==, 35);
  g_assert_nonnull (find_warning (warnings2, "import-control-character", 14));
  g_assert_nonnull (find_project (doc2, "\xEF\xBF\xBD村办公经费补助"));
}

/* A vertical tab between two letters passed through into the name, and the
 * document then could not be saved (issue 12): every control character XML
 * cannot hold is replaced and reported, so an import always saves. */
static void
test_robust_vertical_tab (void)
{
  g_autofree char *sample = NULL;
  gsize len;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);

  sample = read_sample (&len);
  text = g_string_new_len (sample, len);
  g_string_insert (text, strstr (text->str, "村办公经费补助") - text->str, "AB\vCD");
  doc = import_string (text->str, text->len, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 35);
  g_assert_nonnull (find_warning (warnings, "import-control-character", 14));
  g_assert_nonnull (find_project (doc, "AB CD村办公经费补助"));

  bytes = jx_xml_write (doc, &error);
  g_assert_no_error (error);
  back = jx_xml_load_bytes (bytes, "vt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jx_document_get_total (back), ==, jx_document_get_total (doc));
}

static void
test_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = jx_import_file ("/nonexistent/table.txt", NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/table.txt"));
}

/* --- small tables for one repair each ------------------------------------ */

#define HEAD \
  "某部门2025年项目支出绩效目标表\n" \
  "部门名称:某部门\n" \
  "项目名称(资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"

/* A row cut at a page break continues after the repeated header with an
 * empty name and empty amounts: the halves are joined. */
static void
test_page_break_join (void)
{
  static const char text[] =
    HEAD
    "合计\t30.00\t30.00\t\t\t\t\n"
    "某部门\t30.00\t30.00\t\t\t\t\n"
    "项目甲\t10.00\t10.00\t\t\t目标甲。\t1、1-产出指标; 11-数量指标; 足额发放率; 实施周期指标值:100%; 年度指\n"
    "\n"
    "项目名称(资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标\n"
    "\t\t\t\t\t\t标值:100%。2、3-满意度指标; 31-服务对象满意度; 满意率; 实施周期指标值:90%; 年度指标值:90%。\n"
    "项目乙\t20.00\t20.00\t\t\t\t1、1-产出指标; 13-时效指标; 及时率; 实施周期指标值:100%; 年度指标值:100%。\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = import_string (text, -1, warnings, &error);
  JxProject *project;

  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 2);
  project = find_project (doc, "项目甲");
  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (project)), ==, 2);
  assert_indicator (nth_indicator (project, 0), "1", "11", "足额发放率", "100%", "100%");
  assert_indicator (nth_indicator (project, 1), "3", "31", "满意率", "90%", "90%");
  g_assert_nonnull (find_warning (warnings, "import-cell-joined", 9));
  g_assert_cmpuint (count_rule (warnings, "import-cut-cell"), ==, 0);
}

/* Two unreadable cells: nothing proves a value, so 0 and the text kept. */
static void
test_amount_unreadable (void)
{
  static const char text[] =
    HEAD
    "项目甲\t1O.00\tl0.0O\t?\t\t目标。\t\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = import_string (text, -1, warnings, &error);
  JxProject *project;

  g_assert_no_error (error);
  project = find_project (doc, "项目甲");
  g_assert_cmpint (jx_project_get_total (project), ==, 0);
  g_assert_cmpuint (count_rule (warnings, "import-amount-unreadable"), ==, 3);
  g_assert_nonnull (find_annotation (doc, "l0.0O"));
  /* No funding-unit row: one named after the department, said so. */
  g_assert_cmpuint (count_rule (warnings, "import-default-unit"), ==, 1);
}

/* Printed totals that do not add up are reported with both figures. */
static void
test_total_mismatch (void)
{
  static const char text[] =
    HEAD
    "合计\t40.00\t40.00\t\t\t\t\n"
    "某部门\t30.00\t30.00\t\t\t\t\n"
    "项目甲\t12.00\t10.00\t1.00\t\t目标。\t\n"
    "项目乙\t20.00\t20.00\t\t\t目标。\t\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = import_string (text, -1, warnings, &error);
  const JxProblem *p;

  g_assert_no_error (error);
  g_assert_cmpint (jx_document_get_total (doc), ==, 3100);
  p = find_warning (warnings, "import-total-mismatch", 4);
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->message, "40.00"));
  g_assert_nonnull (strstr (p->message, "31.00"));
  p = find_warning (warnings, "import-total-mismatch", 5);
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->message, "30.00"));
  p = find_warning (warnings, "import-total-mismatch", 6);
  g_assert_nonnull (p);
  g_assert_nonnull (strstr (p->message, "12.00"));
  g_assert_nonnull (strstr (p->message, "11.00"));
}

/* Separators missing and full-width, item numbers skipped, codes that do
 * not fit the scheme (kept: the validator reports them), a name that does
 * not match its code, text before the first item. */
static void
test_indicator_noise (void)
{
  static const char text[] =
    HEAD
    "项目甲\t10.00\t10.00\t\t\t\t"
    "说明文字 1、1-产出指标11-数量指标足额发放率；实施周期指标值：100%；年度指标值：100%。"
    "5、2-效益指标，31-社会效益，社会效益，实施周期指标值，好，年度指标值，好。"
    "5、3 - 满意度 ; 31 - 经济效益 ; 满意率 ; 实施周期指标值 : ≥90% ; 年度指标值 : ≥90% 。\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = import_string (text, -1, warnings, &error);
  JxProject *project;

  g_assert_no_error (error);
  project = find_project (doc, "项目甲");
  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (project)), ==, 3);
  assert_indicator (nth_indicator (project, 0), "1", "11", "足额发放率", "100%", "100%");
  assert_indicator (nth_indicator (project, 1), "2", "31", "社会效益", "好", "好");
  assert_indicator (nth_indicator (project, 2), "3", "31", "满意率", "≥90%", "≥90%");
  g_assert_nonnull (find_annotation (doc, "说明文字"));
  g_assert_cmpuint (count_rule (warnings, "import-unplaced-text"), ==, 1);
  /* “31-社会效益” and “31-经济效益”: the printed names do not match 31. */
  g_assert_cmpuint (count_rule (warnings, "import-category-name"), ==, 2);
}

/* --- tables of one indicator per row, and refusals ---------------------------- */

/* Sichuan's 申报表 as a web page shows it: read by its columns as a sichuan
 * table, every project, amount (元) and indicator, with 指标性质, 指标值,
 * 度量单位, 权重 and 指标方向 kept through save and load, and no
 * cycle-value-missing. */
/* A form feed inside the title line of a row table (a page break to the
 * importer) became part of the title, and the import could not be saved
 * (U+000C). Found by fuzz-import. */
static void
test_rows_layout_title_form_feed (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "rows", "sichuan-matazhen-2023.txt", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fed = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GBytes) saved = NULL;
  char *at;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  at = strstr (text, "绩效目标申报表(2023年度)");
  g_assert_nonnull (at);
  fed = g_strdup_printf ("%.*s\f%s", (int) (at - text), text, at);
  doc = jx_import_text (fed, strlen (fed), "fed.txt", warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jx_document_get_title (doc), ==, "部门预算项目 绩效目标申报表(2023年度)");
  saved = jx_xml_write (doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
}

static void
test_rows_layout_sichuan (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "rows", "sichuan-matazhen-2023.txt", NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = jx_import_file (path, warnings, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  JxProject *first;
  JxIndicator *indicator;

  g_assert_no_error (error);
  g_assert_cmpstr (jx_template_get_id (jx_document_get_template (doc)), ==, "sichuan");
  g_assert_nonnull (find_warning (warnings, "import-template", 4));
  g_assert_cmpstr (jx_document_get_unit (doc), ==, "元");
  g_assert_cmpint (jx_document_get_year (doc), ==, 2023);
  g_assert_cmpstr (jx_document_get_title (doc), ==, "部门预算项目绩效目标申报表(2023年度)");
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 2);
  g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, 13);
  g_assert_cmpint (jx_document_get_total (doc), ==, 396984000);
  first = find_project (doc, "村组干部报酬");
  g_assert_cmpint (jx_project_get_total (first), ==, 330984000);
  indicator = nth_indicator (first, 4);
  g_assert_cmpstr (jx_indicator_get_name (indicator), ==, "村组干部230人");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "comparator"), ==, "≥");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "number"), ==, "230");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "measure-unit"), ==, "个");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "weight"), ==, "10");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "direction"), ==, "正向指标");

  saved = jx_xml_write (doc, &error);
  g_assert_no_error (error);
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  g_assert_no_error (error);
  indicator = nth_indicator (find_project (back, "村组干部报酬"), 4);
  g_assert_cmpstr (jx_indicator_get_field (indicator, "measure-unit"), ==, "个");
  problems = jx_validate_document (back);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpstr (((JxProblem *) g_ptr_array_index (problems, i))->rule, !=, "cycle-value-missing");
}

/* A 万元 table kept to the 元: every amount exactly as printed, four
 * decimals, never rounded to two, and said so. */
static void
test_rows_layout_four_decimals (void)
{
  static const char text[] =
    "| 2024年度项目支出绩效目标申报表 | | | | | | | | |\n"
    "| 金额单位：万元 | | | | | | | | |\n"
    "| 项目名称 | 资金总额 | 财政拨款 | 其他资金 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    "|---|---|---|---|---|---|---|---|---|\n"
    "| 农村公路养护补助 | 6923.4000 | 6923.3552 | 0.0448 | 完成养护任务 | 产出指标 | 数量指标 | 养护里程 | ≥1000公里 |\n"
    "| | | | | | 效益指标 | 社会效益指标 | 通行条件 | 明显改善 |\n"
    "| 安全设施改造 | 120.0001 | 120.0001 | | 完成改造 | 产出指标 | 质量指标 | 验收合格率 | 100% |\n";
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = import_string (text, -1, warnings, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(JxDocument) back = NULL;
  const JxProblem *said;

  g_assert_no_error (error);
  g_assert_cmpstr (jx_document_get_unit (doc), ==, "万元");
  g_assert_cmpuint (jx_document_get_decimals (doc), ==, 4);
  g_assert_cmpint (jx_project_get_source (find_project (doc, "农村公路养护补助"), 0), ==, 69233552);
  g_assert_cmpint (jx_project_get_source (find_project (doc, "农村公路养护补助"), 1), ==, 448);
  g_assert_cmpint (jx_project_get_total (find_project (doc, "安全设施改造")), ==, 1200001);
  g_assert_cmpint (jx_document_get_total (doc), ==, 70434001);
  g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, 3);
  /* No total differs from its sources: they were read exactly. */
  for (guint i = 0; i < warnings->len; i++)
    {
      const JxProblem *p = g_ptr_array_index (warnings, i);

      g_assert_cmpstr (p->rule, !=, "rows-total");
      g_assert_cmpstr (p->rule, !=, "rows-amount");
    }
  said = find_warning (warnings, "import-template", 3);
  g_assert_nonnull (said);
  g_assert_nonnull (strstr (said->message, "4 decimals"));

  saved = jx_xml_write (doc, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "fiscal=\"6923.3552\" other=\"0.0448\""));
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jx_document_get_total (back), ==, 70434001);
}

/* The central layout: 中长期目标 carried down like the goal, 中长期指标值
 * read as the indicator's 中长期 value; the plain layout's 指标值 is its
 * one value. */
static void
test_rows_layout_central_and_plain (void)
{
  static const char central[] =
    "项目名称\t资金总额\t财政拨款\t其他资金\t中长期目标\t年度目标\t一级指标\t二级指标\t三级指标\t中长期指标值\t年度指标值\n"
    "农村公路养护\t100.00\t100.00\t\t三年内优良路率达到85%\t完成年度养护\t产出指标\t数量指标\t养护里程\t≥3000公里\t≥1000公里\n"
    "\t\t\t\t\t\t效益指标\t社会效益指标\t通行条件\t明显改善\t有所改善\n"
    "安全设施\t20.00\t20.00\t\t\t完成改造\t满意度指标\t服务对象满意度指标\t群众满意度\t≥95%\t≥90%\n";
  static const char plain[] =
    "| 项目名称 | 资金总额 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
    "|---|---|---|---|---|---|---|\n"
    "| 图书购置 | 12.00 | 购置图书 | 产出指标 | 数量指标 | 图书册数 | ≥2000册 |\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = import_string (central, -1, NULL, &error);
  g_autoptr(JxDocument) doc2 = NULL;
  JxProject *first, *second;

  g_assert_no_error (error);
  g_assert_cmpstr (jx_template_get_id (jx_document_get_template (doc)), ==, "central");
  first = find_project (doc, "农村公路养护");
  second = find_project (doc, "安全设施");
  g_assert_cmpstr (jx_project_get_cycle_goal (first), ==, "三年内优良路率达到85%");
  g_assert_cmpstr (jx_project_get_goal (first), ==, "完成年度养护");
  /* A blank 中长期目标 of the next project is not the one above. */
  g_assert_cmpstr (jx_project_get_cycle_goal (second), ==, "");
  g_assert_cmpstr (jx_indicator_get_cycle_value (nth_indicator (first, 0)), ==, "≥3000公里");
  g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (first, 0)), ==, "≥1000公里");
  g_assert_cmpstr (jx_indicator_get_cycle_value (nth_indicator (first, 1)), ==, "明显改善");
  g_assert_cmpstr (jx_indicator_get_cycle_value (nth_indicator (second, 0)), ==, "≥95%");

  doc2 = import_string (plain, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jx_template_get_id (jx_document_get_template (doc2)), ==, "plain");
  g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (find_project (doc2, "图书购置"), 0)), ==, "≥2000册");
}

/* @text with each tab-separated line as a pipe-table row (as web pages
 * show forms) or as columns of spaces (as a PDF's text gives them). */
static char *
form_as (const char *text,
         gboolean    pipes)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      if (*lines[i] == '\0')
        continue;
      if (pipes)
        g_string_append (out, "|");
      for (guint c = 0; cells[c] != NULL; c++)
        g_string_append_printf (out, pipes ? " %s |" : "%s    ", cells[c]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static JxAnnotation *
comment_on (JxDocument *doc,
            JxProject  *project)
{
  GListModel *notes = jx_document_get_annotations (doc);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(JxAnnotation) note = g_list_model_get_item (notes, i);

      if (g_strcmp0 (jx_annotation_get_target (note), jx_node_get_id (JX_NODE (project))) == 0)
        return note;
    }
  return NULL;
}

/* Single-project forms (label/value pairs, goals under their labels, the
 * indicator rows, sign-off blocks), three in one file, as TSV, as a pipe
 * table and as columns of spaces: each form one project, nothing read as
 * a project that is a label. */
static void
test_single_project_forms (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import", "forms-county-2024.txt", NULL);
  g_autofree char *tsv = NULL;
  g_autofree char *pipes = NULL;
  g_autofree char *spaces = NULL;

  g_assert_true (g_file_get_contents (path, &tsv, NULL, NULL));
  pipes = form_as (tsv, TRUE);
  spaces = form_as (tsv, FALSE);
  for (guint layout = 0; layout < 3; layout++)
    {
      const char *text = layout == 0 ? tsv : layout == 1 ? pipes : spaces;
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(JxDocument) doc = import_string (text, -1, warnings, &error);
      g_autoptr(GPtrArray) problems = NULL;
      JxProject *village, *subsidy, *vaccine;
      JxAnnotation *note;

      g_test_message ("layout %u", layout);
      g_assert_no_error (error);
      g_assert_nonnull (find_warning (warnings, "import-form", 4));
      g_assert_cmpstr (jx_template_get_id (jx_document_get_template (doc)), ==, "project-form");
      g_assert_cmpint (jx_document_get_year (doc), ==, 2024);
      g_assert_cmpstr (jx_document_get_unit (doc), ==, "万元");
      g_assert_cmpstr (jx_document_get_department (doc), ==, "[126]某县农业农村局");
      g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 3);
      g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, 17);
      g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_units (doc)), ==, 3);

      village = find_project (doc, "乡村振兴示范村建设");
      g_assert_cmpstr (jx_funding_unit_get_name (jx_project_get_unit (village)), ==, "某县乡村振兴服务中心");
      g_assert_cmpint (jx_project_get_source (village, 0), ==, 10000);
      g_assert_cmpint (jx_project_get_source (village, 1), ==, 2000);
      g_assert_cmpstr (jx_project_get_cycle_goal (village), ==,
                       "三年内建成省级乡村振兴示范村10个，带动周边村集体经济年均增收5%以上。");
      g_assert_cmpstr (jx_project_get_goal (village), ==, "2024年建成示范村3个，完成村庄道路硬化12公里。");
      g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (village)), ==, 9);
      /* 一级 and 二级 carried down over merged cells. */
      g_assert_cmpstr (jx_indicator_get_name (nth_indicator (village, 1)), ==, "村庄道路硬化里程");
      g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (village, 1)), ==, "11");
      g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (village, 1)), ==, "≥12公里");
      g_assert_cmpstr (jx_indicator_get_subcategory (nth_indicator (village, 4)), ==, "14");
      g_assert_cmpstr (jx_indicator_get_category (nth_indicator (village, 8)), ==, "3");
      /* What the table does not hold is kept, quoted. */
      note = comment_on (doc, village);
      g_assert_nonnull (note);
      g_assert_nonnull (strstr (jx_annotation_get_text (note), "项目属性：延续项目；实施期：3年"));

      subsidy = find_project (doc, "耕地地力保护补贴");
      g_assert_cmpint (jx_project_get_total (subsidy), ==, 231645);
      g_assert_cmpint (jx_project_get_source (subsidy, 1), ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (subsidy)), ==, 4);
      /* The sign-off lines are no indicators. */
      g_assert_cmpstr (jx_indicator_get_name (nth_indicator (subsidy, 3)), ==, "种粮农户满意度");

      vaccine = find_project (doc, "动物疫病强制免疫");
      g_assert_cmpint (jx_project_get_source (vaccine, 0), ==, 8000);
      g_assert_cmpint (jx_project_get_source (vaccine, 1), ==, 635);
      g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (vaccine)), ==, 4);
      g_assert_cmpstr (jx_indicator_get_annual_value (nth_indicator (vaccine, 2)), ==, "0次");
      g_assert_cmpint (jx_document_get_total (doc), ==, 12000 + 231645 + 8635);

      /* Read right: the checks find nothing. */
      problems = jx_validate_document (doc);
      g_assert_cmpuint (problems->len, ==, 0);
    }
}

static void
assert_refused (const char *text,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = import_string (text, -1, NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

/* Refuse rather than invent: a form's label/value pairs are no projects,
 * and indicator rows without a project are no table. */
static void
test_unrecognised_layouts_refused (void)
{
  assert_refused ("项目支出绩效目标申报表\n项目名称\t乡村振兴示范项目\n主管部门\t某县农业农村局\n"
                  "年度资金总额\t120.00\n其中：财政拨款\t100.00\n其他资金\t20.00\n",
                  "has no indicator rows");
  assert_refused ("项目名称\t乡村振兴示范项目\n年度资金总额\t120.00\n"
                  "一级指标\t二级指标\t三级指标\t指标值\n主管部门审核意见\t同意\n",
                  "no indicator under it");
  assert_refused ("一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t示范村数量\t≥3个\n",
                  "no row names a project");
  /* The 指标明细 csv Jixiao exports: commas are no columns of a table. */
  assert_refused ("\xEF\xBB\xBF资金使用单位,项目名称,总计,财政拨款,其他资金,中长期目标,年度目标,一级指标,二级指标,"
                  "三级指标,中长期指标值,年度指标值\r\n某厅,农村公路养护,100.00,100.00,0.00,,完成养护,1-产出指标,"
                  "11-数量指标,养护里程,≥30公里,≥10公里\r\n",
                  "No project row was found");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  jx_init ();

  g_test_add_func ("/import/sample/projects-and-totals", test_sample_projects);
  g_test_add_func ("/import/rows-layout/sichuan", test_rows_layout_sichuan);
  g_test_add_func ("/import/rows-layout/title-form-feed", test_rows_layout_title_form_feed);
  g_test_add_func ("/import/rows-layout/four-decimals", test_rows_layout_four_decimals);
  g_test_add_func ("/import/rows-layout/central-and-plain", test_rows_layout_central_and_plain);
  g_test_add_func ("/import/forms/three-forms-three-layouts", test_single_project_forms);
  g_test_add_func ("/import/refused/unrecognised-layouts", test_unrecognised_layouts_refused);
  g_test_add_func ("/import/sample/title-department-year-unit", test_sample_document);
  g_test_add_func ("/import/sample/misread-amount-recovered", test_sample_recovered_amount);
  g_test_add_func ("/import/sample/indicators", test_sample_indicators);
  g_test_add_func ("/import/sample/wrapped-names-rejoined", test_sample_wrapped_names);
  g_test_add_func ("/import/sample/confidential", test_sample_confidential);
  g_test_add_func ("/import/sample/fragments-kept-as-annotations", test_sample_fragments_kept);
  g_test_add_func ("/import/sample/nothing-dropped", test_sample_nothing_dropped);
  g_test_add_func ("/import/sample/saves-and-loads", test_sample_saves);
  g_test_add_func ("/import/generated/imports-exactly", test_generated_exact);
  g_test_add_func ("/import/generated/units-found-by-their-sums", test_generated_units);
  g_test_add_func ("/import/generated/row-tables-held-out", test_generated_row_tables);
  g_test_add_func ("/import/robust/empty", test_robust_empty);
  g_test_add_func ("/import/robust/binary", test_robust_binary);
  g_test_add_func ("/import/robust/truncated-anywhere", test_robust_truncated);
  g_test_add_func ("/import/robust/mutated-sample", test_robust_mutated);
  g_test_add_func ("/import/robust/huge-line", test_robust_huge_line);
  g_test_add_func ("/import/robust/huge-line-in-table", test_robust_huge_line_in_table);
  g_test_add_func ("/import/robust/encodings-and-control-characters", test_robust_encodings);
  g_test_add_func ("/import/robust/vertical-tab-is-replaced", test_robust_vertical_tab);
  g_test_add_func ("/import/file/unreadable", test_file_errors);
  g_test_add_func ("/import/repair/page-break-joined", test_page_break_join);
  g_test_add_func ("/import/repair/unreadable-amounts", test_amount_unreadable);
  g_test_add_func ("/import/repair/total-mismatch", test_total_mismatch);
  g_test_add_func ("/import/repair/indicator-noise", test_indicator_noise);

  return g_test_run ();
}
