/* jx-validator.c: what a finance-bureau reviewer would send back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-validator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-model-private.h"
#include "jx-taxonomy.h"
#include "jx-validator.h"

static const JxRule rules[] = {
  /* Found while reading a file (jx-xml.c). */
  { "io", JX_SEVERITY_ERROR,
    N_("The file cannot be read"),
    N_("Nothing can be checked in a file that cannot be opened.") },
  { "xml-syntax", JX_SEVERITY_ERROR,
    N_("The file is not well-formed XML (truncated, not XML, invalid UTF-8, too deep or too large)"),
    N_("A damaged file must not be half-read: what is missing would be lost on the next save.") },
  { "doctype", JX_SEVERITY_ERROR,
    N_("The file has a DOCTYPE"),
    N_("The format has none; a DOCTYPE can hide entity tricks that read other files or exhaust memory.") },
  { "namespace", JX_SEVERITY_ERROR,
    N_("The root element or namespace is not that of a Jixiao document"),
    N_("Another kind of XML file is not a performance target table.") },
  { "format", JX_SEVERITY_ERROR,
    N_("The format version is missing, invalid or newer than this version can write"),
    N_("A newer document opens read-only so that nothing it holds is lost.") },
  { "schema", JX_SEVERITY_ERROR,
    N_("The document does not follow the RelaxNG schema data/jixiao.rng"),
    N_("Elements or attributes that are missing, misplaced or unknown mean the file was damaged or edited by hand.") },
  { "amount", JX_SEVERITY_ERROR,
    N_("An amount is not an exact number with two decimals, or is too large"),
    N_("Money is kept exact to the fen of a 万元; a misread amount would falsify every total.") },
  { "duplicate-id", JX_SEVERITY_ERROR,
    N_("Two nodes share one id"),
    N_("Comments are attached by id; a shared id attaches them to the wrong entry.") },
  /* Checked on a loaded document. */
  { "taxonomy-unknown", JX_SEVERITY_ERROR,
    N_("The document names a category scheme that is not known"),
    N_("Without its scheme, no category code can be checked.") },
  { "category-unknown", JX_SEVERITY_ERROR,
    N_("An indicator's category (一级指标) code is missing or not in the scheme"),
    N_("The category code is authoritative; reviewers reject codes that do not exist.") },
  { "subcategory-unknown", JX_SEVERITY_ERROR,
    N_("An indicator's sub-category (二级指标) code is missing or not in the scheme"),
    N_("The sub-category code is authoritative; reviewers reject codes that do not exist.") },
  { "subcategory-mismatch", JX_SEVERITY_ERROR,
    N_("A sub-category is not under its category (its first digit must be the category)"),
    N_("An indicator filed under the wrong category distorts the table; 21-经济效益 belongs under 2-效益指标.") },
  { "amount-negative", JX_SEVERITY_ERROR,
    N_("A funding amount is negative"),
    N_("Budgeted funding cannot be below zero; a minus sign is a typing or reading error.") },
};

const JxRule *
jx_validator_get_rules (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const JxRule *
jx_validator_lookup_rule (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].id, id) == 0)
      return &rules[i];
  return NULL;
}

static void
add_problem (GPtrArray  *problems,
             const char *rule_id,
             JxNode     *node,
             const char *field,
             char       *message)   /* taken */
{
  const JxRule *rule = jx_validator_lookup_rule (rule_id);

  g_assert (rule != NULL);
  g_ptr_array_add (problems,
                   jx_problem_new (rule->severity, rule->id,
                                   node ? jx_node_get_line (node) : 0, 0,
                                   node ? jx_node_get_id (node) : NULL,
                                   field, message));
  g_free (message);
}

static void
check_indicator (JxTaxonomy  *taxonomy,
                 JxIndicator *indicator,
                 GPtrArray   *problems)
{
  const char *category = jx_indicator_get_category (indicator);
  const char *subcategory = jx_indicator_get_subcategory (indicator);
  gboolean category_ok, subcategory_ok;

  category_ok = *category != '\0' && jx_taxonomy_has_category (taxonomy, category);
  subcategory_ok = *subcategory != '\0' && jx_taxonomy_has_subcategory (taxonomy, subcategory);

  if (!category_ok)
    add_problem (problems, "category-unknown", JX_NODE (indicator), "category",
                 *category == '\0'
                 ? g_strdup (_("The indicator has no category; choose one of the scheme’s categories"))
                 : g_strdup_printf (_("Category “%s” does not exist in the scheme “%s”; choose one of its categories"),
                                    category, jx_taxonomy_get_name (taxonomy)));
  if (!subcategory_ok)
    add_problem (problems, "subcategory-unknown", JX_NODE (indicator), "subcategory",
                 *subcategory == '\0'
                 ? g_strdup (_("The indicator has no sub-category; choose one under its category"))
                 : g_strdup_printf (_("Sub-category “%s” does not exist in the scheme “%s”; choose one under its category"),
                                    subcategory, jx_taxonomy_get_name (taxonomy)));
  if (category_ok && subcategory_ok &&
      !jx_taxonomy_is_valid_pair (taxonomy, category, subcategory))
    {
      g_autofree char *sub_label = jx_taxonomy_format_label (taxonomy, subcategory);
      g_autofree char *cat_label = jx_taxonomy_format_label (taxonomy, category);
      g_autofree char *right_label =
        jx_taxonomy_format_label (taxonomy, jx_taxonomy_get_parent (taxonomy, subcategory));

      add_problem (problems, "subcategory-mismatch", JX_NODE (indicator), "subcategory",
                   g_strdup_printf (_("Sub-category %s is not under category %s but under %s; "
                                      "change the category or choose a sub-category of %s"),
                                    sub_label, cat_label, right_label, cat_label));
    }
}

static void
check_amounts (JxProject *project,
               GPtrArray *problems)
{
  static const struct { const char *property; const char *label; } amounts[] = {
    { "fiscal", N_("Fiscal funding (财政拨款)") },
    { "special", N_("Special account funding (财政专户拨款)") },
    { "other", N_("Other funding (其他资金)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      JxMoney value;

      g_object_get (project, amounts[i].property, &value, NULL);
      if (value < 0)
        add_problem (problems, "amount-negative", JX_NODE (project), amounts[i].property,
                     g_strdup_printf (_("%s of “%s” is negative; enter the amount without a minus sign"),
                                      _(amounts[i].label), jx_project_get_name (project)));
    }
}

static JxTaxonomy *
document_taxonomy (JxDocument *document)
{
  return jx_taxonomy_get_builtin (jx_document_get_taxonomy (document), NULL);
}

static void
validate_project (JxTaxonomy *taxonomy,
                  JxProject  *project,
                  GPtrArray  *problems)
{
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);

  check_amounts (project, problems);
  if (taxonomy == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);
      check_indicator (taxonomy, indicator, problems);
    }
}

void
jx_validate_project (JxDocument *document,
                     JxProject  *project,
                     GPtrArray  *problems)
{
  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (JX_IS_PROJECT (project));
  g_return_if_fail (problems != NULL);

  validate_project (document_taxonomy (document), project, problems);
}

typedef struct
{
  JxTaxonomy *taxonomy;
  GPtrArray  *problems;
} ValidateData;

static void
validate_one (gpointer project,
              gpointer user_data)
{
  ValidateData *data = user_data;

  validate_project (data->taxonomy, project, data->problems);
}

GPtrArray *
jx_validate_document (JxDocument *document)
{
  GPtrArray *problems;
  ValidateData data;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  data.taxonomy = document_taxonomy (document);
  data.problems = problems;
  if (data.taxonomy == NULL)
    add_problem (problems, "taxonomy-unknown", NULL, NULL,
                 g_strdup_printf (_("The category scheme “%s” is not known; use guangdong-2020 or mof-2021"),
                                  jx_document_get_taxonomy (document)));
  jx_document_foreach_project (document, validate_one, &data);
  return problems;
}

guint
jx_problems_count (GPtrArray  *problems,
                   JxSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (problems != NULL, 0);

  for (guint i = 0; i < problems->len; i++)
    if (((JxProblem *) g_ptr_array_index (problems, i))->severity == severity)
      n++;
  return n;
}
