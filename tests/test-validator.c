/* test-validator.c: each rule fires where it should and nowhere else
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-validator"

#include "config.h"

#include "jx-edit.h"
#include "jx-validator.h"

/* A clean one-project document: one indicator in each of the three
 * categories of the Guangdong scheme. */
static JxDocument *
make_document (JxProject **project_out)
{
  JxDocument *doc = jx_document_new ();
  JxFundingUnit *unit = jx_edit_add_unit (doc, 0, "组织部");
  JxProject *project = jx_edit_add_project (doc, unit, 0, "社区党员活动经费");

  jx_edit_set_money (doc, project, "fiscal", 1046480, NULL);
  jx_edit_add_indicator (doc, project, 0, "1", "11");
  jx_edit_add_indicator (doc, project, 1, "2", "22");
  jx_edit_add_indicator (doc, project, 2, "3", "31");
  *project_out = project;
  return doc;
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

static JxIndicator *
indicator_at (JxProject *project,
              guint      i)
{
  g_autoptr(JxIndicator) indicator = g_list_model_get_item (jx_project_get_indicators (project), i);
  return indicator;   /* the project keeps it alive */
}

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
  g_assert_cmpstr (summary, ==, "subcategory-mismatch@i3.subcategory");
  problem = g_ptr_array_index (problems, 0);
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
  g_assert_cmpstr (summary, ==, "taxonomy-unknown@-.-");
}

static void
test_negative_amount (void)
{
  JxProject *project;
  g_autoptr(JxDocument) doc = make_document (&project);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *summary = NULL;

  jx_project_set_other (project, -1);
  problems = jx_validate_document (doc);
  summary = summarize (problems);
  g_assert_cmpstr (summary, ==, "amount-negative@p2.other");
  g_assert_cmpuint (jx_problems_count (problems, JX_SEVERITY_ERROR), ==, 1);
  g_assert_cmpuint (jx_problems_count (problems, JX_SEVERITY_WARNING), ==, 0);
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
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validator/clean-document-has-no-problems", test_clean_document);
  g_test_add_func ("/validator/subcategory-mismatch", test_subcategory_mismatch);
  g_test_add_func ("/validator/unknown-codes", test_unknown_codes);
  g_test_add_func ("/validator/scheme-decides-valid-codes", test_scheme_matters);
  g_test_add_func ("/validator/unknown-taxonomy", test_unknown_taxonomy);
  g_test_add_func ("/validator/negative-amount", test_negative_amount);
  g_test_add_func ("/validator/rules-have-unique-ids-and-texts", test_rules_have_ids_and_texts);

  return g_test_run ();
}
