/* jx-report.c: a document as the official table: its text, sums and pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-report"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-annotation.h"
#include "jx-document.h"
#include "jx-fields.h"
#include "jx-funding-unit.h"
#include "jx-indicator.h"
#include "jx-money.h"
#include "jx-project.h"
#include "jx-detail.h"
#include "jx-previous.h"
#include "jx-report.h"
#include "jx-taxonomy.h"

static const char *
official (JxFieldOwner owner,
          const char  *id)
{
  const JxField *field = jx_field_lookup (owner, id);

  g_return_val_if_fail (field != NULL, id);
  return field->official;
}

char *
jx_report_get_title (JxDocument *document)
{
  const char *title = jx_document_get_title (document);

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  return g_strdup_printf ("%s%d年项目支出绩效目标表(含转移支付项目)",
                          jx_document_get_department (document),
                          jx_document_get_year (document));
}

char *
jx_report_get_name_header (void)
{
  return g_strdup_printf ("%s(%s)", official (JX_FIELD_OWNER_PROJECT, "name"),
                          official (JX_FIELD_OWNER_UNIT, "name"));
}

const char *
jx_report_get_goal (JxProject *project)
{
  if (jx_project_get_confidential (project))
    return JX_REPORT_CONFIDENTIAL;
  return jx_project_get_goal (project);
}

const char *
jx_report_goal_header (JxDocument *document)
{
  JxTemplate *template = jx_document_get_template (document);

  /* The table's goal label where it has one goal (年度目标), else 绩效目标. */
  if (jx_template_get_n_goals (template) == 1)
    return jx_template_get_goal (template, 0)->official;
  return official (JX_FIELD_OWNER_PROJECT, "goal");
}

char *
jx_report_format_goal (JxDocument *document,
                       JxProject  *project)
{
  JxTemplate *template = jx_document_get_template (document);
  const JxField *cycle = jx_template_get_field (template, "cycle-goal");
  const JxField *annual = jx_template_get_field (template, "goal");

  if (jx_project_get_confidential (project))
    return g_strdup (JX_REPORT_CONFIDENTIAL);
  /* 中长期目标 above 年度目标, each named, where the table has both. */
  if (cycle != NULL && annual != NULL && *jx_project_get_cycle_goal (project) != '\0')
    return g_strdup_printf ("%s：%s\n%s：%s", cycle->official, jx_project_get_cycle_goal (project),
                            annual->official, jx_project_get_goal (project));
  return g_strdup (jx_project_get_goal (project));
}

char *
jx_report_format_indicators (JxDocument *document,
                             JxProject  *project,
                             gboolean    last_year)
{
  const JxField *annual_field = jx_field_lookup (JX_FIELD_OWNER_INDICATOR, "annual-value");
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);
  GString *text = g_string_new (NULL);
  /* "1-产出指标": codes with their names from the document's scheme. */
  JxTaxonomy *taxonomy = jx_taxonomy_get_builtin (jx_document_get_taxonomy (document), NULL);

  if (jx_project_get_confidential (project))
    return g_string_free (g_string_append (text, JX_REPORT_CONFIDENTIAL), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);
      g_autofree char *category = jx_taxonomy_format_code (taxonomy, jx_indicator_get_category (indicator));
      g_autofree char *subcategory = jx_taxonomy_format_code (taxonomy, jx_indicator_get_subcategory (indicator));
      const char *parts[] = { category, subcategory, jx_indicator_get_name (indicator) };
      JxTemplate *template = jx_document_get_template (document);
      const char *previous = last_year ? jx_node_get_previous (JX_NODE (indicator), annual_field) : NULL;
      gboolean first = TRUE;

      g_string_append_printf (text, "%u、", i + 1);
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        if (parts[p] != NULL && *parts[p] != '\0')
          {
            g_string_append_printf (text, "%s%s", first ? "" : "；", parts[p]);
            first = FALSE;
          }
      /* The template's fields, each as its table names it. */
      for (guint v = 0; v < jx_template_get_n_indicator_fields (template); v++)
        {
          const JxField *field = jx_template_get_indicator_field (template, v);
          const char *value = jx_indicator_get_field (indicator, field->id);

          if (value != NULL && *value != '\0')
            {
              g_string_append_printf (text, "%s%s：%s", first ? "" : "；", field->official, value);
              first = FALSE;
            }
        }
      if (previous != NULL && *previous != '\0')
        g_string_append_printf (text, "（%s：%s）", JX_DETAIL_LAST_YEAR_PREFIX, previous);
      /* One full stop, even after a value that ends with its own. */
      if (!g_str_has_suffix (text->str, "。"))
        g_string_append (text, "。");
    }
  return g_string_free (text, FALSE);
}

typedef struct {
  JxDocument *document;
  JxMoney    *sums;
  gboolean    any;
} Sums;

static gboolean
add_project_sources (JxProject   *project,
                     JxIndicator *indicator,
                     gpointer     data,
                     GError     **error)
{
  Sums *sums = data;
  guint n_sources = jx_document_get_n_sources (sums->document);

  for (guint s = 0; s < n_sources; s++)
    if (!jx_money_add (sums->sums[s], jx_project_get_source (project, s), &sums->sums[s]))
      return FALSE;
  return TRUE;
}

/* The projects of @unit, or of the whole document with @unit NULL. */
static gboolean
foreach_project (JxDocument          *document,
                 JxFundingUnit       *unit,
                 JxDetailProjectFunc  func,
                 Sums                *sums)
{
  JxNode *where = unit != NULL ? JX_NODE (unit) : JX_NODE (document);

  return jx_detail_foreach_project (&where, 1, func, sums, NULL);
}

gboolean
jx_report_sum_sources (JxDocument    *document,
                       JxFundingUnit *unit,
                       JxMoney       *sums)
{
  Sums each = { document, sums, FALSE };

  memset (sums, 0, jx_document_get_n_sources (document) * sizeof (JxMoney));
  return foreach_project (document, unit, add_project_sources, &each);
}

char *
jx_report_get_last_year_header (void)
{
  return g_strconcat (JX_DETAIL_LAST_YEAR_PREFIX, official (JX_FIELD_OWNER_PROJECT, "total"), NULL);
}

static gboolean
add_previous_total (JxProject   *project,
                    JxIndicator *indicator,
                    gpointer     data,
                    GError     **error)
{
  Sums *sums = data;
  JxMoney total;

  if (!jx_project_get_previous_total (project, &total))
    return TRUE;
  sums->any = TRUE;
  return jx_money_add (sums->sums[0], total, &sums->sums[0]);
}

gboolean
jx_report_sum_previous (JxDocument    *document,
                        JxFundingUnit *unit,
                        JxMoney       *sum)
{
  Sums each = { document, sum, FALSE };

  *sum = 0;
  return foreach_project (document, unit, add_previous_total, &each) && each.any;
}

/* --- the table ----------------------------------------------------------- */

/* Cells of a money row: name, total, one per source, with @last_year
 * last year's total (@previous, or empty when NULL), goal, indicators. */
static void
add_money_row (JxReportLayout   *layout,
               JxDocument       *document,
               JxReportRowFlags  flags,
               guint             n_sources,
               const char       *name,
               JxMoney           total,
               const JxMoney    *sums,
               gboolean          last_year,
               const JxMoney    *previous,
               const char       *goal,
               const char       *indicators)
{
  guint n = n_sources + 4 + (last_year ? 1 : 0);
  g_autofree char *previous_text = previous ? jx_document_format_amount (document, *previous) : NULL;
  g_autofree const char **cells = g_new0 (const char *, n);
  g_autofree char **money = g_new0 (char *, n_sources + 1);

  cells[0] = name;
  money[0] = jx_document_format_amount (document, total);
  cells[1] = money[0];
  for (guint s = 0; s < n_sources; s++)
    {
      /* A dash where a sum overflowed (only negative amounts can do that). */
      money[s + 1] = sums ? jx_document_format_amount (document, sums[s]) : g_strdup ("—");
      cells[2 + s] = money[s + 1];
    }
  if (last_year)
    cells[2 + n_sources] = previous_text ? previous_text : "";
  cells[n - 2] = goal ? goal : "";
  cells[n - 1] = indicators;
  jx_report_layout_add_row (layout, flags, cells);
  for (guint i = 0; i <= n_sources; i++)
    g_free (money[i]);
}

static void
add_table (JxReportLayout *layout,
           JxDocument     *document,
           gboolean        last_year)
{
  guint n_sources = jx_document_get_n_sources (document);
  guint n = n_sources + 4 + (last_year ? 1 : 0);
  g_autofree char *last_year_header = jx_report_get_last_year_header ();
  JxMoney previous;
  g_autofree double *weights = g_new (double, n);
  g_autofree PangoAlignment *aligns = g_new (PangoAlignment, n);
  g_autofree const char **header = g_new0 (const char *, n);
  g_autofree char *name_header = jx_report_get_name_header ();
  g_autofree JxMoney *sums = g_new0 (JxMoney, n_sources);
  GListModel *units = jx_document_get_units (document);
  guint n_units = g_list_model_get_n_items (units);

  /* Widths as the published tables have them: text columns wide, amounts
   * narrow; the indicators take what is left. */
  weights[0] = 130;
  aligns[0] = PANGO_ALIGN_LEFT;
  header[0] = name_header;
  weights[1] = 64;
  aligns[1] = PANGO_ALIGN_RIGHT;
  header[1] = official (JX_FIELD_OWNER_PROJECT, "total");
  for (guint s = 0; s < n_sources; s++)
    {
      weights[2 + s] = 64;
      aligns[2 + s] = PANGO_ALIGN_RIGHT;
      header[2 + s] = jx_document_get_source (document, s)->official;
    }
  if (last_year)
    {
      weights[2 + n_sources] = 64;
      aligns[2 + n_sources] = PANGO_ALIGN_RIGHT;
      header[2 + n_sources] = last_year_header;
    }
  weights[n - 2] = 140;
  aligns[n - 2] = PANGO_ALIGN_LEFT;
  header[n - 2] = jx_report_goal_header (document);
  weights[n - 1] = MAX (170, 492 - 64.0 * (n_sources + (last_year ? 1 : 0)));
  aligns[n - 1] = PANGO_ALIGN_LEFT;
  header[n - 1] = JX_REPORT_INDICATORS;

  jx_report_layout_begin_table (layout, n, weights, aligns, header);

  add_money_row (layout, document, JX_REPORT_ROW_BOLD, n_sources, JX_REPORT_TOTAL_ROW,
                 jx_document_get_total (document),
                 jx_report_sum_sources (document, NULL, sums) ? sums : NULL,
                 last_year, last_year && jx_report_sum_previous (document, NULL, &previous) ? &previous : NULL,
                 "", "");

  for (guint u = 0; u < n_units; u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);
      guint n_projects = g_list_model_get_n_items (projects);

      add_money_row (layout, document, JX_REPORT_ROW_BOLD, n_sources, jx_funding_unit_get_name (unit),
                     jx_funding_unit_get_total (unit),
                     jx_report_sum_sources (document, unit, sums) ? sums : NULL,
                     last_year, last_year && jx_report_sum_previous (document, unit, &previous) ? &previous : NULL,
                     "", "");

      for (guint p = 0; p < n_projects; p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          g_autofree char *indicators = NULL;
          g_autofree char *goal = jx_report_format_goal (document, project);

          for (guint s = 0; s < n_sources; s++)
            sums[s] = jx_project_get_source (project, s);
          /* A confidential project: one notice across goal and indicators. */
          if (!jx_project_get_confidential (project))
            indicators = jx_report_format_indicators (document, project, last_year);
          add_money_row (layout, document, JX_REPORT_ROW_DEFAULT, n_sources, jx_project_get_name (project),
                         jx_project_get_total (project), sums,
                         last_year, last_year && !jx_project_get_confidential (project)
                                    && jx_project_get_previous_total (project, &previous) ? &previous : NULL,
                         goal, indicators);
        }
    }
}

/* --- the comments appendix ----------------------------------------------- */

static JxProject *
project_of (JxNode *node)
{
  if (JX_IS_PROJECT (node))
    return JX_PROJECT (node);
  if (JX_IS_INDICATOR (node))
    return jx_indicator_get_project (JX_INDICATOR (node));
  return NULL;
}

static void
append_comment (GString      *text,
                JxAnnotation *annotation,
                const char   *indent)
{
  const char *field = jx_annotation_get_field (annotation);
  const JxField *descriptor = field && *field ? jx_field_find (field) : NULL;
  GListModel *replies = jx_annotation_get_replies (annotation);
  guint n = g_list_model_get_n_items (replies);

  g_string_append_printf (text, "%s%s %s", indent, jx_annotation_get_author (annotation),
                          jx_annotation_get_time (annotation));
  if (descriptor)
    g_string_append_printf (text, "（%s）", descriptor->official);
  else if (field && *field)
    g_string_append_printf (text, "（%s）", field);
  g_string_append_printf (text, "：%s\n", jx_annotation_get_text (annotation));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxAnnotation) reply = g_list_model_get_item (replies, i);
      g_autofree char *deeper = g_strconcat (indent, "　　", NULL);

      append_comment (text, reply, deeper);
    }
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
add_comments (JxReportLayout *layout,
              JxDocument     *document)
{
  GListModel *annotations = jx_document_get_annotations (document);
  guint n = g_list_model_get_n_items (annotations);
  /* Project (or other target node) → its comments' text, in document order. */
  g_autoptr(GHashTable) texts = g_hash_table_new_full (NULL, NULL, NULL, string_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GListModel *units = jx_document_get_units (document);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);
      JxNode *target = jx_document_lookup (document, jx_annotation_get_target (annotation));
      JxProject *project = target ? project_of (target) : NULL;
      gpointer key = project ? (gpointer) project : (gpointer) target;
      GString *text;

      if (jx_annotation_get_resolved (annotation))
        continue;
      if (!(text = g_hash_table_lookup (texts, key)))
        {
          text = g_string_new (NULL);
          g_hash_table_insert (texts, key, text);
        }
      append_comment (text, annotation, "");
    }
  if (g_hash_table_size (texts) == 0)
    return;

  /* Document order: units, their projects, then comments on nothing known. */
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      g_ptr_array_add (order, unit);
      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          g_ptr_array_add (order, project);
        }
    }
  g_ptr_array_add (order, NULL);

  jx_report_layout_add_space (layout, 18);
  jx_report_layout_add_paragraph (layout, JX_REPORT_STYLE_HEADING, PANGO_ALIGN_LEFT, JX_REPORT_COMMENTS);
  for (guint i = 0; i < order->len; i++)
    {
      gpointer key = g_ptr_array_index (order, i);
      GString *text = g_hash_table_lookup (texts, key);
      const char *heading;

      if (text == NULL)
        continue;
      if (key == NULL)
        heading = NULL;
      else if (JX_IS_PROJECT (key))
        heading = jx_project_get_name (key);
      else
        heading = jx_funding_unit_get_name (key);

      jx_report_layout_add_space (layout, 6);
      if (heading != NULL)
        jx_report_layout_add_paragraph (layout, JX_REPORT_STYLE_LINE, PANGO_ALIGN_LEFT, heading);
      g_strchomp (text->str);
      /* A confidential project's comments may quote what may not be shown. */
      jx_report_layout_add_paragraph (layout, JX_REPORT_STYLE_BODY, PANGO_ALIGN_LEFT,
                                      key && JX_IS_PROJECT (key) && jx_project_get_confidential (key)
                                      ? JX_REPORT_CONFIDENTIAL : text->str);
    }
}

JxReportLayout *
jx_report_layout_new (JxDocument            *document,
                      const JxReportOptions *options,
                      double                 width_pt,
                      double                 height_pt)
{
  JxReportLayout *layout;
  g_autofree char *title = NULL;
  g_autofree char *department = NULL;
  g_autofree char *unit = NULL;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  layout = jx_report_layout_new_blank (width_pt, height_pt);
  title = jx_report_get_title (document);
  department = g_strdup_printf ("%s：%s", official (JX_FIELD_OWNER_DOCUMENT, "department"),
                                jx_document_get_department (document));
  unit = g_strdup_printf ("%s：%s", official (JX_FIELD_OWNER_DOCUMENT, "unit"),
                          jx_document_get_unit (document));

  jx_report_layout_set_footer (layout, JX_REPORT_PAGE_FOOTER);
  jx_report_layout_add_paragraph (layout, JX_REPORT_STYLE_TITLE, PANGO_ALIGN_CENTER, title);
  jx_report_layout_add_space (layout, 8);
  jx_report_layout_add_pair (layout, JX_REPORT_STYLE_LINE, department, unit);
  jx_report_layout_add_space (layout, 4);
  add_table (layout, document, options != NULL && options->last_year);

  if (options && options->comments)
    add_comments (layout, document);
  return layout;
}
