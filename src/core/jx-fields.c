/* jx-fields.c: the one table of fields
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-fields"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-fields.h"
#include "jx-document.h"

#define DOC  JX_FIELD_OWNER_DOCUMENT
#define UNIT JX_FIELD_OWNER_UNIT
#define PROJ JX_FIELD_OWNER_PROJECT
#define IND  JX_FIELD_OWNER_INDICATOR
#define ANN  JX_FIELD_OWNER_ANNOTATION

/* Grouped by owner (jx_fields_of() relies on it), each group in the order
 * the official table prints its columns. Adding a funding source: a
 * JX_FIELD_MONEY row among the project's (after the others, so older files
 * keep their meaning), its attribute in data/jixiao.rng, its row in the
 * project form's template (ui/jx-project-form.ui), its translation
 * (po/zh_CN.po), and the README's format section. */
static const JxField fields[] = {
  { "year", DOC, JX_FIELD_INT, "year", FALSE, "year",
    "年度", NC_("field", "year"), N_("Change Year"), NULL },
  { "unit", DOC, JX_FIELD_TEXT, "unit", FALSE, "unit",
    "单位", NC_("field", "unit"), N_("Change Unit"), NULL },
  { "taxonomy", DOC, JX_FIELD_TEXT, "taxonomy", FALSE, "taxonomy",
    "指标体系", NC_("field", "category scheme"), N_("Change Category Scheme"), NULL },
  { "department", DOC, JX_FIELD_TEXT, "department", TRUE, "department",
    "部门名称", NC_("field", "department"), N_("Change Department"), NULL },
  { "title", DOC, JX_FIELD_TEXT, "title", TRUE, "title",
    "标题", NC_("field", "title"), N_("Change Title"), NULL },

  { "name", UNIT, JX_FIELD_TEXT, "name", FALSE, "name",
    "资金使用单位", NC_("field", "name"), N_("Change Name"), NULL },

  { "name", PROJ, JX_FIELD_TEXT, "name", TRUE, "name",
    "项目名称", NC_("field", "name"), N_("Change Name"), NULL },
  { "total", PROJ, JX_FIELD_TOTAL, NULL, FALSE, "total",
    "总计", NC_("field", "total"), NULL, N_("Total") },
  { "fiscal", PROJ, JX_FIELD_MONEY, "fiscal", FALSE, "fiscal",
    "财政拨款", NC_("field", "fiscal appropriation"), N_("Change Fiscal Funding"), N_("Fiscal") },
  { "special", PROJ, JX_FIELD_MONEY, "special", FALSE, "special",
    "财政专户拨款", NC_("field", "special-account appropriation"), N_("Change Special Account Funding"),
    N_("Special") },
  { "other", PROJ, JX_FIELD_MONEY, "other", FALSE, "other",
    "其他资金", NC_("field", "other funds"), N_("Change Other Funding"), N_("Other") },
  { "goal", PROJ, JX_FIELD_LONG_TEXT, "goal", TRUE, "goal",
    "绩效目标", NC_("field", "performance goal"), N_("Change Goal"), NULL },
  { "confidential", PROJ, JX_FIELD_BOOLEAN, "confidential", FALSE, "confidential",
    "涉密", NC_("field", "confidential"), N_("Change Confidential"), NULL },

  { "category", IND, JX_FIELD_CODE, "category", FALSE, "category",
    "一级指标", NC_("field", "category"), N_("Change Category"), NULL },
  { "subcategory", IND, JX_FIELD_CODE, "subcategory", FALSE, "subcategory",
    "二级指标", NC_("field", "sub-category"), N_("Change Sub-category"), NULL },
  { "name", IND, JX_FIELD_TEXT, "name", TRUE, "name",
    "三级指标", NC_("field", "name"), N_("Change Name"), NULL },
  { "cycle-value", IND, JX_FIELD_TEXT, "cycle-value", TRUE, "cycle_value",
    "实施周期指标值", NC_("field", "implementation-period value"), N_("Change Cycle Value"), NULL },
  { "annual-value", IND, JX_FIELD_TEXT, "annual-value", TRUE, "annual_value",
    "年度指标值", NC_("field", "annual value"), N_("Change Annual Value"), NULL },

  /* Comments are not printed in the official table: no official label. */
  { "id", ANN, JX_FIELD_TEXT, "id", FALSE, "id",
    NULL, NC_("field", "id"), NULL, NULL },
  { "target", ANN, JX_FIELD_TEXT, "target", FALSE, "target",
    NULL, NC_("field", "target"), NULL, NULL },
  { "field", ANN, JX_FIELD_TEXT, "field", FALSE, "field",
    NULL, NC_("field", "field"), NULL, NULL },
  { "author", ANN, JX_FIELD_TEXT, "author", FALSE, "author",
    NULL, NC_("field", "author"), NULL, NULL },
  { "time", ANN, JX_FIELD_TEXT, "time", FALSE, "time",
    NULL, NC_("field", "time"), NULL, NULL },
  { "resolved", ANN, JX_FIELD_BOOLEAN, "resolved", FALSE, "resolved",
    NULL, NC_("field", "resolved"), N_("Resolve Comment"), NULL },
  { "text", ANN, JX_FIELD_LONG_TEXT, "text", TRUE, "text",
    NULL, NC_("field", "text"), N_("Edit Comment"), NULL },
};

/* The project's funding sources, indexes into fields[], found once. */
static guint source_index[JX_MAX_SOURCES];
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
jx_field_get_short_label (const JxField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return field->short_label != NULL ? g_dgettext (GETTEXT_PACKAGE, field->short_label)
                                    : jx_field_get_label (field);
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
