/* jx-fields.c: the one table of fields
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-fields"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-fields.h"
#include "jx-document.h"
#include "jx-template.h"

#define DOC  JX_FIELD_OWNER_DOCUMENT
#define UNIT JX_FIELD_OWNER_UNIT
#define PROJ JX_FIELD_OWNER_PROJECT
#define IND  JX_FIELD_OWNER_INDICATOR
#define ANN  JX_FIELD_OWNER_ANNOTATION
#define SRC  JX_FIELD_OWNER_SOURCE

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
  /* Only in templates with two goals (central: 中长期目标 + 年度目标). */
  { "cycle-goal", PROJ, JX_FIELD_LONG_TEXT, "cycle-goal", TRUE, "cycle_goal",
    "中长期目标", NC_("field", "medium-term goal"), N_("Change Medium-Term Goal"), NULL },
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
  /* The fields below are kept only in templates that have them (format 2):
   * 指标性质, 指标值 and 度量单位 as their own columns, as Sichuan's 申报表
   * prints them, 权重 / 分值, 指标方向 and 指标解释 / 评分标准. */
  { "comparator", IND, JX_FIELD_TEXT, "comparator", FALSE, "comparator",
    "指标性质", NC_("field", "comparator"), N_("Change Comparator"), NULL },
  { "number", IND, JX_FIELD_TEXT, "number", FALSE, "number",
    "指标值", NC_("field", "target number"), N_("Change Target Number"), NULL },
  { "measure-unit", IND, JX_FIELD_TEXT, "measure-unit", FALSE, "measure_unit",
    "度量单位", NC_("field", "unit of measure"), N_("Change Unit of Measure"), NULL },
  { "weight", IND, JX_FIELD_TEXT, "weight", FALSE, "weight",
    "权重", NC_("field", "weight"), N_("Change Weight"), NULL },
  { "direction", IND, JX_FIELD_TEXT, "direction", FALSE, "direction",
    "指标方向", NC_("field", "direction"), N_("Change Direction"), NULL },
  { "explanation", IND, JX_FIELD_LONG_TEXT, "explanation", TRUE, "explanation",
    "指标解释", NC_("field", "explanation"), N_("Change Explanation"), NULL },

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

  /* Funding sources beyond the project's own three, for templates to
   * choose from (data/templates/). The file attribute is the id. */
  { "unit-funds", SRC, JX_FIELD_MONEY, "unit-funds", FALSE, "unit_funds",
    "单位资金", NC_("field", "unit's own funds"), N_("Change Unit Funds"), N_("Unit funds") },
  { "carryover", SRC, JX_FIELD_MONEY, "carryover", FALSE, "carryover",
    "上年结转", NC_("field", "carry-over from last year"), N_("Change Carry-over"), N_("Carry-over") },
  { "superior", SRC, JX_FIELD_MONEY, "superior", FALSE, "superior",
    "上级资金", NC_("field", "funds from higher levels"), N_("Change Higher-Level Funds"), N_("Higher level") },
  { "local", SRC, JX_FIELD_MONEY, "local", FALSE, "local",
    "本级资金", NC_("field", "funds of this level"), N_("Change Own-Level Funds"), N_("This level") },
  { "self-raised", SRC, JX_FIELD_MONEY, "self-raised", FALSE, "self_raised",
    "自有资金", NC_("field", "self-raised funds"), N_("Change Self-Raised Funds"), N_("Self-raised") },
};

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
jx_field_lookup_source (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].kind == JX_FIELD_MONEY && (fields[i].owner == PROJ || fields[i].owner == SRC) &&
        g_str_equal (fields[i].id, id))
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

/* A document's template; NULL (a document being built) is the default. */
static JxTemplate *
template_of (JxDocument *document)
{
  return document != NULL ? jx_document_get_template (document) : jx_template_get_default ();
}

guint
jx_document_get_n_sources (JxDocument *document)
{
  return jx_template_get_n_sources (template_of (document));
}

const JxField *
jx_document_get_source (JxDocument *document,
                        guint       index)
{
  return jx_template_get_source (template_of (document), index);
}

int
jx_document_find_source (JxDocument *document,
                         const char *id)
{
  return jx_template_find_source (template_of (document), id);
}
