/* jx-fields.c: the one table of fields
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-fields"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-fields.h"
#include "jx-document.h"
#include "jx-project.h"

#define DOC  JX_FIELD_OWNER_DOCUMENT
#define UNIT JX_FIELD_OWNER_UNIT
#define PROJ JX_FIELD_OWNER_PROJECT
#define IND  JX_FIELD_OWNER_INDICATOR

/* Grouped by owner, each group in the order the official table prints its
 * columns. Adding a funding source: a JX_FIELD_MONEY row among the project's
 * (after the others, so older files keep their meaning), its attribute in
 * data/jixiao.rng, its row in the project form's template, its translation. */
static const JxField fields[] = {
  { "year", DOC, JX_FIELD_INT, "year", FALSE, "year",
    "年度", NC_("field", "year"), N_("Change Year") },
  { "unit", DOC, JX_FIELD_TEXT, "unit", FALSE, "unit",
    "单位", NC_("field", "unit"), N_("Change Unit") },
  { "taxonomy", DOC, JX_FIELD_TEXT, "taxonomy", FALSE, "taxonomy",
    "指标体系", NC_("field", "category scheme"), N_("Change Category Scheme") },
  { "department", DOC, JX_FIELD_TEXT, "department", TRUE, "department",
    "部门名称", NC_("field", "department"), N_("Change Department") },
  { "title", DOC, JX_FIELD_TEXT, "title", TRUE, "title",
    "标题", NC_("field", "title"), N_("Change Title") },

  { "name", UNIT, JX_FIELD_TEXT, "name", FALSE, "name",
    "资金使用单位", NC_("field", "name"), N_("Change Name") },

  { "name", PROJ, JX_FIELD_TEXT, "name", TRUE, "name",
    "项目名称", NC_("field", "name"), N_("Change Name") },
  { "total", PROJ, JX_FIELD_TOTAL, NULL, FALSE, "total",
    "总计", NC_("field", "total"), NULL },
  { "fiscal", PROJ, JX_FIELD_MONEY, "fiscal", FALSE, "fiscal",
    "财政拨款", NC_("field", "fiscal appropriation"), N_("Change Fiscal Funding") },
  { "special", PROJ, JX_FIELD_MONEY, "special", FALSE, "special",
    "财政专户拨款", NC_("field", "special-account appropriation"), N_("Change Special Account Funding") },
  { "other", PROJ, JX_FIELD_MONEY, "other", FALSE, "other",
    "其他资金", NC_("field", "other funds"), N_("Change Other Funding") },
  { "goal", PROJ, JX_FIELD_LONG_TEXT, "goal", TRUE, "goal",
    "绩效目标", NC_("field", "performance goal"), N_("Change Goal") },
  { "confidential", PROJ, JX_FIELD_BOOLEAN, "confidential", FALSE, "confidential",
    "涉密", NC_("field", "confidential"), N_("Change Confidential") },

  { "category", IND, JX_FIELD_CODE, "category", FALSE, "category",
    "一级指标", NC_("field", "category"), N_("Change Category") },
  { "subcategory", IND, JX_FIELD_CODE, "subcategory", FALSE, "subcategory",
    "二级指标", NC_("field", "sub-category"), N_("Change Sub-category") },
  { "name", IND, JX_FIELD_TEXT, "name", TRUE, "name",
    "三级指标", NC_("field", "name"), N_("Change Name") },
  { "cycle-value", IND, JX_FIELD_TEXT, "cycle-value", TRUE, "cycle-value",
    "实施周期指标值", NC_("field", "implementation-period value"), N_("Change Cycle Value") },
  { "annual-value", IND, JX_FIELD_TEXT, "annual-value", TRUE, "annual-value",
    "年度指标值", NC_("field", "annual value"), N_("Change Annual Value") },
};

/* The project's funding sources, indexes into fields[], found once. */
static guint source_index[8];
static guint n_sources;

static void
init_sources (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (fields[i].owner == PROJ && fields[i].kind == JX_FIELD_MONEY)
          {
            g_assert (n_sources < G_N_ELEMENTS (source_index));
            source_index[n_sources++] = i;
          }
      g_once_init_leave (&done, 1);
    }
}

const JxField *
jx_fields_of (JxFieldOwner  owner,
              guint        *n_fields)
{
  const JxField *first = NULL;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].owner == owner)
      {
        if (first == NULL)
          first = &fields[i];
        n++;
      }
  if (n_fields != NULL)
    *n_fields = n;
  return first;
}

const JxField *
jx_field_lookup (JxFieldOwner  owner,
                 const char   *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].owner == owner && g_str_equal (fields[i].id, id))
      return &fields[i];
  return NULL;
}

const JxField *
jx_field_find (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].id, id))
      return &fields[i];
  return NULL;
}

const char *
jx_field_get_label (const JxField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "field", field->label);
}

const char *
jx_field_get_undo_label (const JxField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->undo_label != NULL ? g_dgettext (GETTEXT_PACKAGE, field->undo_label) : NULL;
}

const char *
jx_field_label_for_id (const char *id)
{
  const JxField *field;

  g_return_val_if_fail (id != NULL, NULL);
  field = jx_field_find (id);
  return field != NULL ? jx_field_get_label (field) : id;
}

guint
jx_document_get_n_sources (JxDocument *document)
{
  init_sources ();
  return n_sources;
}

const JxField *
jx_document_get_source (JxDocument *document,
                        guint       index)
{
  init_sources ();
  g_return_val_if_fail (index < n_sources, NULL);
  return &fields[source_index[index]];
}

int
jx_document_find_source (JxDocument *document,
                         const char *id)
{
  init_sources ();
  g_return_val_if_fail (id != NULL, -1);
  for (guint i = 0; i < n_sources; i++)
    if (g_str_equal (fields[source_index[i]].id, id))
      return (int) i;
  return -1;
}

/* Until the project keeps its sources in an array (the refactor of the
 * output issue's step 0), the three accessors stand behind the index. */
JxMoney
jx_project_get_source (JxProject *project,
                       guint      index)
{
  g_return_val_if_fail (JX_IS_PROJECT (project), 0);
  init_sources ();
  g_return_val_if_fail (index < n_sources, 0);

  switch (index)
    {
    case 0: return jx_project_get_fiscal (project);
    case 1: return jx_project_get_special (project);
    case 2: return jx_project_get_other (project);
    default: g_assert_not_reached ();
    }
}

void
jx_project_set_source (JxProject *project,
                       guint      index,
                       JxMoney    amount)
{
  g_return_if_fail (JX_IS_PROJECT (project));
  init_sources ();
  g_return_if_fail (index < n_sources);

  switch (index)
    {
    case 0: jx_project_set_fiscal (project, amount); break;
    case 1: jx_project_set_special (project, amount); break;
    case 2: jx_project_set_other (project, amount); break;
    default: g_assert_not_reached ();
    }
}
