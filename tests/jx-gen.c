/* jx-gen.c: generated tables for tests and benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-gen"

#include "config.h"

#include <string.h>

#include "jx-gen.h"
#include "jx-model-private.h"
#include "jx-money.h"

static const char *project_words[] = {
  "社区党员活动", "社区办公", "街道党组织工作", "村党组织服务群众", "两新组织党员活动",
  "干部教育培训", "高层次人才工作", "统计工作", "人才工程项目及服务", "档案数字化",
  "公务员考试录用", "援派干部工作", "主题教育工作", "内部审计工作", "干部监督工作",
};
static const char *project_suffixes[] = { "经费", "补助经费", "工作经费", "专项经费" };
static const char *goals[] = {
  "按标准安排给社区党组织用于保障党建工作需要的补助经费，推动社区基层党建全面进步、全面过硬。",
  "通过开展公务员考试录用项目，坚持公开、平等、竞争、择优的原则，及时补充市区机关公务员。",
  "建立以财政拨款为主、其他来源为辅的经费保障机制，推动党建工作顺利开展。",
};
static const struct { const char *cat, *sub, *name, *cycle, *annual; } indicators[] = {
  { "1", "11", "足额发放率", "100%", "100%" },
  { "1", "11", "项目完成率", "大于等于98%", "大于等于98%" },
  { "1", "12", "设备验收达标率", "设备验收达标率95%以上", "95%以上" },
  { "1", "13", "发放及时率", "大于等于90%", "大于等于90%" },
  { "1", "14", "成本控制率", "≤100%", "≤100%" },
  { "2", "21", "经济效益", "带动相关产业发展", "带动相关产业发展" },
  { "2", "22", "社会效益", "社区党组织积极履职尽责，担当作为日益增强。", "担当作为日益增强" },
  { "2", "24", "可持续影响", "党员队伍日益壮大", "党员队伍日益壮大" },
  { "3", "31", "工作满意率", "大于等于90%", "大于等于90%" },
};

JxDocument *
jx_gen_document (guint n_projects,
                 guint seed)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  JxFundingUnit *unit = NULL;
  guint serial = 1;

  jx_document_set_year (doc, 2025);
  jx_document_set_department (doc, "某市某部门");
  jx_document_set_title (doc, "某市某部门2025年项目支出绩效目标表(含转移支付项目)");

  for (guint p = 0; p < n_projects; p++)
    {
      g_autoptr(JxProject) project = NULL;
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;
      gint n_indicators;

      /* A new funding unit every 1,000 projects. */
      if (p % 1000 == 0)
        {
          g_autofree char *unit_name = g_strdup_printf ("某市某部门下属单位%u", p / 1000 + 1);
          g_autofree char *unit_id = g_strdup_printf ("u%u", serial++);
          g_autoptr(JxFundingUnit) new_unit = jx_funding_unit_new (unit_name);

          jx_node_set_id (JX_NODE (new_unit), unit_id);
          jx_node_append_child (JX_NODE (doc), JX_NODE (new_unit));
          unit = new_unit;
        }

      name = g_strdup_printf ("%s%s%u",
                              project_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (project_words))],
                              project_suffixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (project_suffixes))],
                              p + 1);
      project = jx_project_new (name);
      id = g_strdup_printf ("p%u", serial++);
      jx_node_set_id (JX_NODE (project), id);
      jx_project_set_source (project, 0, g_rand_int_range (rand, 100, 100000000));
      if (g_rand_int_range (rand, 0, 5) == 0)
        jx_project_set_source (project, 1, g_rand_int_range (rand, 0, 1000000));
      if (g_rand_int_range (rand, 0, 7) == 0)
        jx_project_set_source (project, 2, g_rand_int_range (rand, 0, 1000000));
      jx_project_set_goal (project, goals[g_rand_int_range (rand, 0, G_N_ELEMENTS (goals))]);
      jx_node_append_child (JX_NODE (unit), JX_NODE (project));

      /* A realistic table: no duplicate indicators, and every project has
       * outputs, effects and satisfaction, as reviewers require. So a shuffled
       * pick of distinct templates, the first three one of each category. */
      {
        guint order[G_N_ELEMENTS (indicators)];

        for (guint k = 0; k < G_N_ELEMENTS (order); k++)
          order[k] = k;
        for (guint k = G_N_ELEMENTS (order) - 1; k > 0; k--)
          {
            guint j = g_rand_int_range (rand, 0, k + 1), t = order[k];
            order[k] = order[j];
            order[j] = t;
          }
        /* Move the first template of categories 1, 2, 3 to the front. */
        for (guint c = 0; c < 3; c++)
          for (guint k = c; k < G_N_ELEMENTS (order); k++)
            if (indicators[order[k]].cat[0] == (char) ('1' + c))
              {
                guint t = order[c];
                order[c] = order[k];
                order[k] = t;
                break;
              }

        n_indicators = g_rand_int_range (rand, 3, 10);
        for (gint i = 0; i < n_indicators; i++)
          {
            guint k = order[i];
            g_autoptr(JxIndicator) indicator = jx_indicator_new (indicators[k].cat, indicators[k].sub,
                                                                 indicators[k].name);
            g_autofree char *indicator_id = g_strdup_printf ("i%u", serial++);

            jx_node_set_id (JX_NODE (indicator), indicator_id);
            jx_indicator_set_cycle_value (indicator, indicators[k].cycle);
            jx_indicator_set_annual_value (indicator, indicators[k].annual);
            jx_node_append_child (JX_NODE (project), JX_NODE (indicator));
          }
      }
    }
  return g_steal_pointer (&doc);
}

/* --- the published layout ------------------------------------------------ */

/* Names as tables print them: categories with 指标, 2x/3x without. */
static const char *
printed_name (const char *code)
{
  static const struct { const char *code, *name; } names[] = {
    { "1", "产出指标" }, { "2", "效益指标" }, { "3", "满意度指标" },
    { "11", "数量指标" }, { "12", "质量指标" }, { "13", "时效指标" }, { "14", "成本指标" },
    { "21", "经济效益" }, { "22", "社会效益" }, { "23", "生态效益" }, { "24", "可持续影响" },
    { "31", "服务对象满意度" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (code, names[i].code))
      return names[i].name;
  return "";
}

static const char *headers[] = {
  "项目名称(资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
  "项目名称 (资金使用单位)\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标",
};

/* Between the fields of an item, and between a label and its value. */
static const char *separators[] = { "; ", ";", "；", "； ", ", ", "，", ": ", "：" };
static const char *colons[] = { ":", "：", ": ", "： " };

static gboolean
is_han (gunichar c)
{
  return c >= 0x4E00 && c <= 0x9FFF;
}

/* @text, wrapped once (as a PDF cell wraps) with a space between two Han
 * characters, when @rand says so. */
static void
append_wrapped (GString    *out,
                const char *text,
                GRand      *rand,
                int         one_in)
{
  glong n = g_utf8_strlen (text, -1);
  glong at;
  const char *p;

  if (n < 2 || g_rand_int_range (rand, 0, one_in) != 0)
    {
      g_string_append (out, text);
      return;
    }
  at = g_rand_int_range (rand, 1, n);
  p = g_utf8_offset_to_pointer (text, at);
  if (is_han (g_utf8_get_char (g_utf8_prev_char (p))) && is_han (g_utf8_get_char (p)))
    {
      g_string_append_len (out, text, p - text);
      g_string_append_c (out, ' ');
      g_string_append (out, p);
    }
  else
    g_string_append (out, text);
}

/* An amount as OCR reads it: blank for zero, “10464.80”, “10,464.80” or
 * “10, 464. 80”. */
static void
append_amount (GString *out,
               JxMoney  value,
               GRand   *rand)
{
  g_autofree char *text = NULL;
  int style;

  if (value == 0)
    return;
  style = g_rand_int_range (rand, 0, 3);
  text = style == 0 ? jx_money_to_decimal (value) : jx_money_format (value);
  for (const char *p = text; *p; p++)
    {
      g_string_append_c (out, *p);
      if (style == 2 && (*p == ',' || *p == '.'))
        g_string_append_c (out, ' ');
    }
}

static void
append_row (GString    *out,
            const char *name,
            JxMoney     total,
            JxMoney     fiscal,
            JxMoney     special,
            JxMoney     other,
            GRand      *rand)
{
  g_string_append (out, name);
  g_string_append_c (out, '\t');
  append_amount (out, total, rand);
  g_string_append_c (out, '\t');
  append_amount (out, fiscal, rand);
  g_string_append_c (out, '\t');
  append_amount (out, special, rand);
  g_string_append_c (out, '\t');
  append_amount (out, other, rand);
  g_string_append_c (out, '\t');
}

static void
append_indicators (GString   *out,
                   JxProject *project,
                   GRand     *rand)
{
  GListModel *list = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (list);
  guint number = 1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (list, i);
      const char *sep = separators[g_rand_int_range (rand, 0, G_N_ELEMENTS (separators))];
      const char *colon = colons[g_rand_int_range (rand, 0, G_N_ELEMENTS (colons))];
      int noise = g_rand_int_range (rand, 0, 20);

      /* Printed numbers repeat (1 in 20) or skip (1 in 20). */
      if (noise == 0 && number > 1)
        number--;
      else if (noise == 1)
        number++;
      g_string_append_printf (out, "%u、%s-%s%s%s-%s%s%s%s实施周期指标值%s%s%s年度指标值%s%s。",
                              number++,
                              jx_indicator_get_category (indicator),
                              printed_name (jx_indicator_get_category (indicator)), sep,
                              jx_indicator_get_subcategory (indicator),
                              printed_name (jx_indicator_get_subcategory (indicator)), sep,
                              jx_indicator_get_name (indicator), sep,
                              colon, jx_indicator_get_cycle_value (indicator), sep,
                              colon, jx_indicator_get_annual_value (indicator));
    }
}

GString *
jx_gen_published_text (JxDocument *document,
                       guint       seed)
{
  GString *out = g_string_sized_new (1024 * jx_document_get_n_projects (document) + 1024);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GListModel *units = jx_document_get_units (document);
  JxMoney fiscal = 0, special = 0, other = 0;
  guint until_header = 0;

  g_string_append_printf (out, "## %s\n\n部门名称:%s\n\n单位: %s\n\n%s\n",
                          jx_document_get_title (document), jx_document_get_department (document),
                          jx_document_get_unit (document), headers[0]);

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          jx_money_add (fiscal, jx_project_get_source (project, 0), &fiscal);
          jx_money_add (special, jx_project_get_source (project, 1), &special);
          jx_money_add (other, jx_project_get_source (project, 2), &other);
        }
    }
  append_row (out, "合计", jx_document_get_total (document), fiscal, special, other, rand);
  g_string_append (out, "\t\n");

  until_header = g_rand_int_range (rand, 3, 9);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);
      JxMoney uf = 0, us = 0, uo = 0;

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          jx_money_add (uf, jx_project_get_source (project, 0), &uf);
          jx_money_add (us, jx_project_get_source (project, 1), &us);
          jx_money_add (uo, jx_project_get_source (project, 2), &uo);
        }
      append_row (out, jx_funding_unit_get_name (unit), jx_funding_unit_get_total (unit), uf, us, uo, rand);
      g_string_append (out, "\t\n");

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          g_autoptr(GString) name = g_string_new (NULL);

          /* A page break every few rows: a blank line and the header again. */
          if (until_header-- == 0)
            {
              g_string_append_printf (out, "\n%s\n", headers[g_rand_int_range (rand, 0, G_N_ELEMENTS (headers))]);
              until_header = g_rand_int_range (rand, 3, 9);
            }
          append_wrapped (name, jx_project_get_name (project), rand, 3);
          append_row (out, name->str, jx_project_get_total (project), jx_project_get_source (project, 0),
                      jx_project_get_source (project, 1), jx_project_get_source (project, 2), rand);
          append_wrapped (out, jx_project_get_goal (project), rand, 2);
          g_string_append_c (out, '\t');
          append_indicators (out, project, rand);
          g_string_append_c (out, '\n');
        }
    }
  return out;
}

/* --- row tables of other provinces ---------------------------------------- */

void
jx_gen_answer_clear (JxGenAnswer *answer)
{
  g_clear_pointer (&answer->name, g_free);
  g_clear_pointer (&answer->cycle_goal, g_free);
}

typedef struct { const char *cat, *cat_name, *sub_name, *name, *cmp, *number, *unit; } RowIndicator;

static const RowIndicator row_indicators[] = {
  { "1", "产出指标", "数量指标", "培训人次", "≥", "1200", "人次" },
  { "1", "产出指标", "数量指标", "新建村道里程", "≥", "15", "公里" },
  { "1", "产出指标", "质量指标", "工程验收合格率", "=", "100", "%" },
  { "1", "产出指标", "时效指标", "资金拨付及时率", "≥", "95", "%" },
  { "1", "产出指标", "成本指标", "人均培训成本", "≤", "800", "元" },
  { "2", "效益指标", "经济效益指标", "带动农户增收", "≥", "5", "%" },
  { "2", "效益指标", "社会效益指标", "受益群众人数", "≥", "3000", "人" },
  { "2", "效益指标", "生态效益指标", "垃圾无害化处理率", "≥", "90", "%" },
  { "2", "效益指标", "可持续影响指标", "设施使用年限", "≥", "10", "年" },
  { "3", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%" },
};
static const char *row_units[] = { "某县人民政府办公室", "某县教育局", "某县农业农村局", "某县交通运输局" };
static const char *row_words[] = { "乡村道路养护", "农村人居环境整治", "职业技能培训", "义务教育营养改善",
                                   "高标准农田建设", "基层医疗卫生服务", "公共文化服务" };
static const char *row_goals[] = { "按时完成年度建设任务，资金使用规范。", "提升服务水平，群众满意度达到90%以上。",
                                   "保障项目顺利实施，带动群众增收。" };

/* @value (units of 10^-@decimals) as a table prints it: "3309840.00",
 * or "3,309,840.00" with @grouped. Written here, not with jx-money.h, so
 * that the answer does not come from the code under test. */
static void
append_printed (GString *out,
                gint64   value,
                guint    decimals,
                gboolean grouped)
{
  gint64 scale = 1;
  char whole[32];
  gsize n;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  n = (gsize) g_snprintf (whole, sizeof whole, "%" G_GINT64_FORMAT, value / scale);
  for (gsize i = 0; i < n; i++)
    {
      g_string_append_c (out, whole[i]);
      if (grouped && (n - i - 1) % 3 == 0 && i + 1 < n)
        g_string_append_c (out, ',');
    }
  g_string_append_printf (out, ".%0*" G_GINT64_FORMAT, (int) decimals, value % scale);
}

static void
end_row (GString   *out,
         GPtrArray *cells,
         gboolean   pipes)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);

      if (pipes)
        g_string_append_printf (out, "%s %s", i == 0 ? "|" : " |", cell);
      else
        g_string_append_printf (out, "%s%s", i == 0 ? "" : "\t", cell);
    }
  g_string_append (out, pipes ? " |\n" : "\n");
  g_ptr_array_set_size (cells, 0);
}

GString *
jx_gen_row_table (JxGenLayout  layout,
                  gboolean     pipes,
                  guint        n_projects,
                  guint        seed,
                  GArray      *answers)
{
  static const char * const header_sichuan[] = { "单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标",
                                                 "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性" };
  static const char * const header_central[] = { "项目名称", "资金总额", "财政拨款", "其他资金", "中长期目标",
                                                 "年度目标", "一级指标", "二级指标", "三级指标", "中长期指标值",
                                                 "年度指标值" };
  static const char * const header_plain[] = { "项目名称", "资金总额", "年度目标", "一级指标", "二级指标", "三级指标",
                                               "指标值" };
  const char * const *header = layout == JX_GEN_SICHUAN ? header_sichuan
                             : layout == JX_GEN_CENTRAL ? header_central : header_plain;
  guint width = layout == JX_GEN_SICHUAN ? G_N_ELEMENTS (header_sichuan)
              : layout == JX_GEN_CENTRAL ? G_N_ELEMENTS (header_central) : G_N_ELEMENTS (header_plain);
  guint decimals = layout == JX_GEN_CENTRAL ? 4 : 2;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, pipes ? "| %s |\n| 金额单位：%s |\n" : "%s\n金额单位：%s\n",
                          layout == JX_GEN_SICHUAN ? "部门预算项目绩效目标申报表(2024年度)"
                          : layout == JX_GEN_CENTRAL ? "2024年度项目支出绩效目标申报表" : "2024年项目绩效目标表",
                          layout == JX_GEN_SICHUAN ? "元" : "万元");
  for (guint c = 0; c < width; c++)
    g_ptr_array_add (cells, g_strdup (header[c]));
  end_row (out, cells, pipes);
  if (pipes)
    {
      for (guint c = 0; c < width; c++)
        g_ptr_array_add (cells, g_strdup ("---"));
      end_row (out, cells, pipes);
    }

  for (guint p = 0; p < n_projects; p++)
    {
      JxGenAnswer answer = { 0 };
      const char *unit = row_units[(p / 30) % G_N_ELEMENTS (row_units)];
      const char *goal = row_goals[g_rand_int_range (rand, 0, G_N_ELEMENTS (row_goals))];
      g_autofree char *cycle_goal = g_strdup_printf ("三年内完成第%u期建设目标。", p % 7 + 1);
      gint64 fiscal = (gint64) g_rand_int_range (rand, 1, 500000000);
      gint64 other = g_rand_int_range (rand, 0, 3) == 0 ? (gint64) g_rand_int_range (rand, 0, 90000000) : 0;
      guint n = (guint) g_rand_int_range (rand, 3, 9);
      guint order[G_N_ELEMENTS (row_indicators)];
      guint weight_left = 100;
      const char *last_cat = NULL, *last_sub = NULL;

      answer.name = g_strdup_printf ("%s项目%u", row_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (row_words))],
                                     p + 1);
      answer.amount = fiscal + other;
      answer.decimals = decimals;
      answer.n_indicators = n;
      answer.cycle_goal = layout == JX_GEN_CENTRAL ? g_strdup (cycle_goal) : NULL;

      /* Distinct indicators, grouped by category as tables list them. */
      for (guint k = 0; k < G_N_ELEMENTS (order); k++)
        order[k] = k;
      for (guint k = G_N_ELEMENTS (order) - 1; k > 0; k--)
        {
          guint j = (guint) g_rand_int_range (rand, 0, (gint32) k + 1), t = order[k];
          order[k] = order[j];
          order[j] = t;
        }
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          if (order[b] < order[a])
            {
              guint t = order[a];
              order[a] = order[b];
              order[b] = t;
            }

      for (guint i = 0; i < n; i++)
        {
          const RowIndicator *ind = &row_indicators[order[i]];
          gboolean first = i == 0;
          GString *amount = g_string_new (NULL);
          guint weight = i + 1 == n ? weight_left : 100 / n;

          weight_left -= weight;
          append_printed (amount, answer.amount, decimals, g_rand_boolean (rand));
          switch (layout)
            {
            case JX_GEN_SICHUAN:
              g_ptr_array_add (cells, g_strdup (first ? unit : ""));
              g_ptr_array_add (cells, g_strdup (first ? answer.name : ""));
              g_ptr_array_add (cells, g_strdup (first ? amount->str : ""));
              g_ptr_array_add (cells, g_strdup (first ? goal : ""));
              break;
            case JX_GEN_CENTRAL:
              {
                GString *f = g_string_new (NULL), *o = g_string_new (NULL);

                append_printed (f, fiscal, decimals, g_rand_boolean (rand));
                if (other != 0)
                  append_printed (o, other, decimals, FALSE);
                g_ptr_array_add (cells, g_strdup (first ? answer.name : ""));
                g_ptr_array_add (cells, g_strdup (first ? amount->str : ""));
                g_ptr_array_add (cells, first ? g_string_free (f, FALSE) : (g_string_free (f, TRUE), g_strdup ("")));
                g_ptr_array_add (cells, first ? g_string_free (o, FALSE) : (g_string_free (o, TRUE), g_strdup ("")));
                g_ptr_array_add (cells, g_strdup (first ? cycle_goal : ""));
                g_ptr_array_add (cells, g_strdup (first ? goal : ""));
              }
              break;
            case JX_GEN_PLAIN:
            default:
              g_ptr_array_add (cells, g_strdup (first ? answer.name : ""));
              g_ptr_array_add (cells, g_strdup (first ? amount->str : ""));
              g_ptr_array_add (cells, g_strdup (first ? goal : ""));
              break;
            }
          g_string_free (amount, TRUE);
          /* 一级 and 二级 blank where they repeat (merged cells). */
          g_ptr_array_add (cells, g_strdup (last_cat != NULL && g_str_equal (last_cat, ind->cat_name) ? "" : ind->cat_name));
          g_ptr_array_add (cells, g_strdup (last_sub != NULL && g_str_equal (last_sub, ind->sub_name) ? "" : ind->sub_name));
          last_cat = ind->cat_name;
          last_sub = ind->sub_name;
          g_ptr_array_add (cells, g_strdup (ind->name));
          switch (layout)
            {
            case JX_GEN_SICHUAN:
              g_ptr_array_add (cells, g_strdup (ind->cmp));
              g_ptr_array_add (cells, g_strdup (ind->number));
              g_ptr_array_add (cells, g_strdup (ind->unit));
              g_ptr_array_add (cells, g_strdup_printf ("%u", weight));
              g_ptr_array_add (cells, g_strdup (g_str_equal (ind->cmp, "≤") ? "反向指标" : "正向指标"));
              break;
            case JX_GEN_CENTRAL:
              g_ptr_array_add (cells, g_strdup_printf ("%s%s%s", ind->cmp, ind->number, ind->unit));
              g_ptr_array_add (cells, g_strdup_printf ("%s%s%s", ind->cmp, ind->number, ind->unit));
              break;
            case JX_GEN_PLAIN:
            default:
              g_ptr_array_add (cells, g_strdup_printf ("%s%s%s", ind->cmp, ind->number, ind->unit));
              break;
            }
          end_row (out, cells, pipes);
        }
      g_array_append_val (answers, answer);
    }
  return out;
}
