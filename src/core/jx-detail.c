/* jx-detail.c: the 指标明细 shape, one row per indicator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Jixiao"

#include "config.h"

#include "jx-detail.h"
#include "jx-fields.h"
#include "jx-funding-unit.h"
#include "jx-indicator.h"
#include "jx-money.h"
#include "jx-previous.h"
#include "jx-project.h"
#include "jx-taxonomy.h"
#include "jx-template.h"

/* After 资金使用单位, 项目名称, 总计 and the sources: the template's goals
 * (中长期目标, 年度目标 …), 一级, 二级 and 三级指标, then the template's
 * indicator fields (实施周期指标值, 年度指标值; 指标性质, 指标值 … ), each
 * headed by the template's official label. */
#define MAX_TEXTS 16

typedef struct {
  const JxField *fields[MAX_TEXTS];   /* the template's copy of each field */
  guint          n_goals;
  guint          n_texts;
} Texts;

static void
texts_of (JxDocument *document,
          Texts      *t)
{
  JxTemplate *template = jx_document_get_template (document);
  static const char * const names[] = { "category", "subcategory", "name" };

  t->n_texts = 0;
  t->n_goals = jx_template_get_n_goals (template);
  for (guint g = 0; g < t->n_goals && t->n_texts < MAX_TEXTS; g++)
    t->fields[t->n_texts++] = jx_template_get_goal (template, g);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    t->fields[t->n_texts++] = jx_field_lookup (JX_FIELD_OWNER_INDICATOR, names[i]);
  for (guint f = 0; f < jx_template_get_n_indicator_fields (template) && t->n_texts < MAX_TEXTS; f++)
    t->fields[t->n_texts++] = jx_template_get_indicator_field (template, f);
}

gboolean
jx_detail_foreach_project (JxNode * const     *nodes,
                           guint               n_nodes,
                           JxDetailProjectFunc func,
                           gpointer            data,
                           GError            **error)
{
  for (guint i = 0; i < n_nodes; i++)
    {
      JxNode *node = nodes[i];

      if (JX_IS_DOCUMENT (node) || JX_IS_FUNDING_UNIT (node))
        {
          GListModel *units = JX_IS_DOCUMENT (node) ? jx_document_get_units (JX_DOCUMENT (node)) : NULL;
          guint n_units = units ? g_list_model_get_n_items (units) : 1;

          for (guint u = 0; u < n_units; u++)
            {
              g_autoptr(JxFundingUnit) unit = units ? g_list_model_get_item (units, u)
                                                    : g_object_ref (JX_FUNDING_UNIT (node));
              GListModel *projects = jx_funding_unit_get_projects (unit);

              for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
                {
                  g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

                  if (!func (project, NULL, data, error))
                    return FALSE;
                }
            }
        }
      else if (JX_IS_PROJECT (node))
        {
          if (!func (JX_PROJECT (node), NULL, data, error))
            return FALSE;
        }
      else if (JX_IS_INDICATOR (node) && jx_indicator_get_project (JX_INDICATOR (node)) != NULL)
        {
          if (!func (jx_indicator_get_project (JX_INDICATOR (node)), JX_INDICATOR (node), data, error))
            return FALSE;
        }
    }
  return TRUE;
}

char **
jx_detail_header (JxDocument    *document,
                  JxDetailFlags  flags)
{
  Texts texts;
  guint n_sources;
  GStrvBuilder *builder;
  char **header;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  n_sources = jx_document_get_n_sources (document);
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, jx_field_lookup (JX_FIELD_OWNER_UNIT, "name")->official);
  g_strv_builder_add (builder, jx_field_lookup (JX_FIELD_OWNER_PROJECT, "name")->official);
  g_strv_builder_add (builder, jx_field_lookup (JX_FIELD_OWNER_PROJECT, "total")->official);
  for (guint s = 0; s < n_sources; s++)
    g_strv_builder_add (builder, jx_document_get_source (document, s)->official);
  texts_of (document, &texts);
  for (guint t = 0; t < texts.n_texts; t++)
    g_strv_builder_add (builder, texts.fields[t]->official);
  if (flags & JX_DETAIL_LAST_YEAR)
    {
      g_autofree char *total = g_strconcat (JX_DETAIL_LAST_YEAR_PREFIX,
                                            jx_field_lookup (JX_FIELD_OWNER_PROJECT, "total")->official, NULL);
      g_autofree char *annual = g_strconcat (JX_DETAIL_LAST_YEAR_PREFIX,
                                             jx_field_lookup (JX_FIELD_OWNER_INDICATOR, "annual-value")->official,
                                             NULL);

      g_strv_builder_add (builder, total);
      g_strv_builder_add (builder, annual);
    }
  header = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return header;
}

typedef struct {
  JxDocument    *document;
  JxDetailFlags  flags;
  JxTaxonomy    *taxonomy;
  guint          n_sources;
  JxDetailFunc   func;
  gpointer       data;
  JxProgressFunc progress;
  gpointer       user_data;
  GCancellable  *cancellable;
  guint          n_projects;
  guint          project_index;
  /* The row's storage: amounts[] and the texts cells[] points into. */
  JxMoney       *amounts;
  char         (*buf)[JX_MONEY_BUF_SIZE];
  Texts          columns;
  char          *texts[MAX_TEXTS];
  const char   **cells;
  char           last_total[JX_MONEY_BUF_SIZE];
} Walk;

static gboolean
emit_row (Walk        *w,
          JxProject   *project,
          JxIndicator *indicator,
          GError     **error)
{
  JxFundingUnit *unit = jx_project_get_unit (project);
  guint n_amounts = 1 + w->n_sources;
  guint n_texts = w->columns.n_texts;
  guint c = 0;
  gboolean last_year = (w->flags & JX_DETAIL_LAST_YEAR) != 0;
  JxDetailRow row = { unit, project, indicator, JX_DETAIL_FIRST_AMOUNT + n_amounts + n_texts + (last_year ? 2 : 0),
                      w->cells, n_amounts, w->amounts, FALSE, 0 };

  for (guint t = 0; t < n_texts; t++)
    {
      const JxField *field = w->columns.fields[t];

      g_clear_pointer (&w->texts[t], g_free);
      if (t < w->columns.n_goals)
        w->texts[t] = g_strdup (jx_project_get_confidential (project)
                                ? (g_str_equal (field->id, "goal") ? JX_PROJECT_CONFIDENTIAL_TEXT : "")
                                : g_str_equal (field->id, "goal") ? jx_project_get_goal (project)
                                                                  : jx_project_get_cycle_goal (project));
      else if (indicator == NULL)
        w->texts[t] = g_strdup ("");
      else if (g_str_equal (field->id, "category"))
        w->texts[t] = jx_taxonomy_format_code (w->taxonomy, jx_indicator_get_category (indicator));
      else if (g_str_equal (field->id, "subcategory"))
        w->texts[t] = jx_taxonomy_format_code (w->taxonomy, jx_indicator_get_subcategory (indicator));
      else if (g_str_equal (field->id, "name"))
        w->texts[t] = g_strdup (jx_indicator_get_name (indicator));
      else
        w->texts[t] = g_strdup (jx_indicator_get_field (indicator, field->id));
    }

  w->cells[c++] = unit ? jx_funding_unit_get_name (unit) : "";
  w->cells[c++] = jx_project_get_name (project);
  for (guint a = 0; a < n_amounts; a++)
    {
      w->amounts[a] = a == 0 ? jx_project_get_total (project) : jx_project_get_source (project, a - 1);
      jx_money_to_decimal_buf_at (w->amounts[a], jx_document_get_decimals (w->document), w->buf[a]);
      w->cells[c++] = w->buf[a];
    }
  for (guint t = 0; t < n_texts; t++)
    w->cells[c++] = w->texts[t];
  if (last_year)
    {
      const char *annual = NULL;

      row.has_last_total = !jx_project_get_confidential (project)
                           && jx_project_get_previous_total (project, &row.last_total);
      w->last_total[0] = '\0';
      if (row.has_last_total)
        jx_money_to_decimal_buf_at (row.last_total, jx_document_get_decimals (w->document), w->last_total);
      w->cells[c++] = w->last_total;
      if (indicator != NULL && !jx_project_get_confidential (project))
        annual = jx_node_get_previous (JX_NODE (indicator),
                                       jx_field_lookup (JX_FIELD_OWNER_INDICATOR, "annual-value"));
      w->cells[c++] = annual != NULL ? annual : "";
    }
  g_assert (c == row.n_cells);
  return w->func (&row, w->data, error);
}

static gboolean
walk_project (JxProject   *project,
              JxIndicator *indicator,
              gpointer     data,
              GError     **error)
{
  Walk *w = data;
  GListModel *indicators = jx_project_get_indicators (project);
  gboolean secret = jx_project_get_confidential (project);
  guint n = secret ? 0 : g_list_model_get_n_items (indicators);
  gboolean ok = TRUE;

  if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
    return FALSE;
  if (indicator != NULL || n == 0)
    ok = emit_row (w, project, secret ? NULL : indicator, error);
  for (guint i = 0; ok && indicator == NULL && i < n; i++)
    {
      g_autoptr(JxIndicator) item = g_list_model_get_item (indicators, i);

      ok = emit_row (w, project, item, error);
    }
  w->project_index++;
  if (ok && w->progress && (w->project_index % 256 == 0 || w->project_index == w->n_projects))
    w->progress ((double) w->project_index / w->n_projects, w->user_data);
  return ok;
}

gboolean
jx_detail_foreach (JxDocument    *document,
                   JxDetailFlags  flags,
                   JxNode * const *nodes,
                   guint          n_nodes,
                   JxDetailFunc   func,
                   gpointer       data,
                   JxProgressFunc progress,
                   gpointer       user_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Walk w = { document, flags, NULL, 0, func, data, progress, user_data, cancellable };
  gboolean ok;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  w.taxonomy = jx_taxonomy_get_builtin (jx_document_get_taxonomy (document), NULL);
  w.n_sources = jx_document_get_n_sources (document);
  w.n_projects = MAX (jx_document_get_n_projects (document), 1);
  w.amounts = g_new0 (JxMoney, 1 + w.n_sources);
  w.buf = g_malloc0 (sizeof *w.buf * (1 + w.n_sources));
  texts_of (document, &w.columns);
  w.cells = g_new0 (const char *, JX_DETAIL_FIRST_AMOUNT + 1 + w.n_sources + w.columns.n_texts + 2);
  ok = jx_detail_foreach_project (nodes, n_nodes, walk_project, &w, error);
  for (guint t = 0; t < w.columns.n_texts; t++)
    g_free (w.texts[t]);
  g_free (w.cells);
  g_free (w.buf);
  g_free (w.amounts);
  return ok;
}
