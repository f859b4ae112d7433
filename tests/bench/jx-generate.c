/* jx-generate.c: large, realistic documents for benchmarks and scale tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * jx-generate [--projects N] [--seed S] OUTPUT.jixiao
 *
 * Deterministic for a given seed: the same N and S give the same bytes.
 * About 6 indicators per project on average (20,000 projects ≈ 120,000
 * indicators), names and values drawn from the shapes of the sample table.
 */
#define G_LOG_DOMAIN "jx-generate"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "jx-init.h"
#include "jx-model-private.h"
#include "jx-xml.h"

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

int
main (int argc, char **argv)
{
  gint projects = 20000;
  gint seed = 2024;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "projects", 'n', 0, G_OPTION_ARG_INT, &projects, "Number of projects", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "OUTPUT.jixiao" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JxFundingUnit *unit = NULL;
  guint serial = 1;

  setlocale (LC_ALL, "");
  jx_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest == NULL || rest[0] == NULL)
    {
      fprintf (stderr, "usage: jx-generate [--projects N] [--seed S] OUTPUT.jixiao\n");
      return 64;
    }

  rand = g_rand_new_with_seed (seed);
  jx_document_set_year (doc, 2025);
  jx_document_set_department (doc, "某市某部门");
  jx_document_set_title (doc, "某市某部门2025年项目支出绩效目标表(含转移支付项目)");

  for (gint p = 0; p < projects; p++)
    {
      g_autoptr(JxProject) project = NULL;
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;
      gint n_indicators;

      /* A new funding unit every 1,000 projects. */
      if (p % 1000 == 0)
        {
          g_autofree char *unit_name = g_strdup_printf ("某市某部门下属单位%d", p / 1000 + 1);
          g_autofree char *unit_id = g_strdup_printf ("u%u", serial++);
          g_autoptr(JxFundingUnit) new_unit = jx_funding_unit_new (unit_name);

          jx_node_set_id (JX_NODE (new_unit), unit_id);
          jx_node_append_child (JX_NODE (doc), JX_NODE (new_unit));
          unit = new_unit;
        }

      name = g_strdup_printf ("%s%s%d",
                              project_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (project_words))],
                              project_suffixes[g_rand_int_range (rand, 0, G_N_ELEMENTS (project_suffixes))],
                              p + 1);
      project = jx_project_new (name);
      id = g_strdup_printf ("p%u", serial++);
      jx_node_set_id (JX_NODE (project), id);
      jx_project_set_fiscal (project, g_rand_int_range (rand, 100, 100000000));
      if (g_rand_int_range (rand, 0, 5) == 0)
        jx_project_set_special (project, g_rand_int_range (rand, 0, 1000000));
      if (g_rand_int_range (rand, 0, 7) == 0)
        jx_project_set_other (project, g_rand_int_range (rand, 0, 1000000));
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

  /* Written directly, not through jx_storage_save(): regenerating a bench
   * file must not fill the user's backup folder with 30 MB copies. */
  bytes = jx_xml_write (doc, &error);
  if (bytes == NULL ||
      !g_file_set_contents (rest[0], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      fprintf (stderr, "jx-generate: %s\n", error->message);
      return 3;
    }
  fprintf (stderr, "jx-generate: %u projects, %u indicators, total %" G_GINT64_FORMAT " hundredths\n",
           jx_document_get_n_projects (doc), jx_document_get_n_indicators (doc),
           jx_document_get_total (doc));
  return 0;
}
