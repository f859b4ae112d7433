/* test-template.c: templates as data, documents of each template, format 2
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jx-document.h"
#include "jx-convert.h"
#include "jx-edit.h"
#include "jx-funding-unit.h"
#include "jx-indicator.h"
#include "jx-history.h"
#include "jx-json.h"
#include "jx-money.h"
#include "jx-previous.h"
#include "jx-rows.h"
#include "jx-validator.h"
#include "jx-problem.h"
#include "jx-project.h"
#include "jx-template.h"
#include "jx-xml.h"

static JxTemplate *
builtin (const char *id)
{
  g_autoptr(GError) error = NULL;
  JxTemplate *template = jx_template_get_builtin (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (template);
  return template;
}

/* The four shipped templates load and say what their tables hold. */
static void
test_builtins (void)
{
  const char * const *ids = jx_template_list_builtin ();
  JxTemplate *guangdong, *central, *sichuan, *plain;

  g_assert_true (g_strv_contains (ids, "guangdong-2020"));
  g_assert_true (g_strv_contains (ids, "central"));
  g_assert_true (g_strv_contains (ids, "sichuan"));
  g_assert_true (g_strv_contains (ids, "plain"));

  /* guangdong-2020 is today's table: the built-in sources, the same rows. */
  guangdong = builtin ("guangdong-2020");
  g_assert_true (guangdong == jx_template_get_default ());
  g_assert_cmpuint (jx_template_get_n_sources (guangdong), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (jx_template_get_source (guangdong, i) == jx_document_get_source (NULL, i));
  g_assert_cmpstr (jx_template_get_source (guangdong, 1)->official, ==, "财政专户拨款");
  g_assert_true (jx_template_has_field (guangdong, "cycle-value"));
  g_assert_false (jx_template_has_field (guangdong, "weight"));
  g_assert_cmpuint (jx_template_get_decimals (guangdong), ==, 2);
  g_assert_cmpstr (jx_template_get_unit (guangdong), ==, "万元");

  central = builtin ("central");
  g_assert_cmpstr (jx_template_get_taxonomy (central), ==, "mof-2021");
  g_assert_cmpuint (jx_template_get_n_goals (central), ==, 2);
  g_assert_cmpstr (jx_template_get_goal (central, 0)->id, ==, "cycle-goal");
  g_assert_cmpstr (jx_template_get_goal (central, 1)->official, ==, "年度目标");
  g_assert_cmpstr (jx_template_get_field (central, "cycle-value")->official, ==, "中长期指标值");

  sichuan = builtin ("sichuan");
  g_assert_cmpstr (jx_template_get_unit (sichuan), ==, "元");
  g_assert_cmpuint (jx_template_get_n_sources (sichuan), ==, 4);
  g_assert_cmpstr (jx_template_get_source (sichuan, 1)->id, ==, "unit-funds");
  g_assert_cmpstr (jx_template_get_source (sichuan, 1)->official, ==, "单位资金");
  g_assert_cmpint (jx_template_find_source (sichuan, "special"), ==, -1);
  g_assert_false (jx_template_has_field (sichuan, "cycle-value"));
  g_assert_cmpstr (jx_template_get_field (sichuan, "direction")->official, ==, "指标方向性");
  g_assert_cmpuint (jx_template_get_n_indicator_fields (sichuan), ==, 5);
  g_assert_cmpuint (jx_template_get_weights_total (sichuan), ==, 100);

  plain = builtin ("plain");
  g_assert_cmpuint (jx_template_get_n_indicator_fields (plain), ==, 1);
  g_assert_cmpstr (jx_template_get_indicator_field (plain, 0)->official, ==, "指标值");
  g_assert_cmpuint (jx_template_get_weights_total (plain), ==, 0);
}

static void
assert_template_fails (const char *json,
                       const char *expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTemplate) template = jx_template_new_from_bytes (bytes, "mine.json", &error);

  g_assert_null (template);
  g_assert_error (error, JX_TEMPLATE_ERROR, JX_TEMPLATE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Template “mine.json”: "));
  g_assert_nonnull (strstr (error->message, expected));
}

#define GOOD_START "{\"id\": \"mine\", \"name\": \"表\", \"name_en\": \"Mine\", \"taxonomy\": \"guangdong-2020\", "
#define GOOD_LISTS "\"sources\": [{\"id\": \"fiscal\"}], \"goals\": [{\"id\": \"goal\"}], " \
                   "\"indicator_fields\": [{\"id\": \"annual-value\"}]"

/* Each mistake is named with where it is and how to correct it. */
static void
test_load_errors (void)
{
  g_autoptr(GBytes) good = g_bytes_new_static (GOOD_START "\"unit\": \"元\", \"decimals\": 4, " GOOD_LISTS "}",
                                               strlen (GOOD_START "\"unit\": \"元\", \"decimals\": 4, " GOOD_LISTS "}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTemplate) template = jx_template_new_from_bytes (good, "mine.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (jx_template_get_decimals (template), ==, 4);
  /* No official label given: the table of fields' own. */
  g_assert_cmpstr (jx_template_get_source (template, 0)->official, ==, "财政拨款");

  assert_template_fails ("{\"id\": \"mine\",\n  \"name\": }", "2:");
  assert_template_fails ("[1]", "one JSON object");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": 2, \"colour\": 1, " GOOD_LISTS "}",
                         "unknown member “colour”");
  assert_template_fails (GOOD_START "\"unit\": \"美元\", \"decimals\": 2, " GOOD_LISTS "}", "“美元”");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": 3, " GOOD_LISTS "}", "Write 2 or 4");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": \"2\", " GOOD_LISTS "}", "whole number");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": 2, "
                         "\"sources\": [{\"id\": \"fiscal\"}, {\"id\": \"grant\"}], \"goals\": [{\"id\": \"goal\"}], "
                         "\"indicator_fields\": [{\"id\": \"annual-value\"}]}",
                         "source 2 of “sources” names “grant”");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": 2, "
                         "\"sources\": [{\"id\": \"fiscal\"}, {\"id\": \"fiscal\"}], \"goals\": [{\"id\": \"goal\"}], "
                         "\"indicator_fields\": [{\"id\": \"annual-value\"}]}",
                         "a second time");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": 2, "
                         "\"sources\": [], \"goals\": [{\"id\": \"goal\"}], "
                         "\"indicator_fields\": [{\"id\": \"annual-value\"}]}",
                         "non-empty list “sources”");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": 2, " GOOD_LISTS
                         ", \"checks\": {\"weights_total\": 100}}",
                         "has no “weight”");
  assert_template_fails (GOOD_START "\"unit\": \"元\", \"decimals\": 2, "
                         "\"sources\": [{\"id\": \"fiscal\"}], \"goals\": [{\"id\": \"goal\"}], "
                         "\"indicator_fields\": [{\"id\": \"name\"}]}",
                         "field 1 of “indicator_fields” names “name”");

  g_clear_error (&error);
  g_assert_null (jx_template_get_builtin ("hunan", &error));
  g_assert_error (error, JX_TEMPLATE_ERROR, JX_TEMPLATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "sichuan"));
}

/* A Sichuan document: four sources, the project's properties by id, the
 * indicator's fields of that table. */
static JxDocument *
make_sichuan (void)
{
  JxDocument *document = jx_document_new_for_template (builtin ("sichuan"));
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new ("820001-井研县马踏镇人民政府");
  g_autoptr(JxProject) project = jx_project_new ("村组干部报酬");
  g_autoptr(JxIndicator) indicator = jx_indicator_new ("2", "22", "维护社会稳定");

  jx_document_set_year (document, 2023);
  jx_node_set_id (JX_NODE (unit), "u1");
  jx_node_set_id (JX_NODE (project), "p1");
  jx_node_set_id (JX_NODE (indicator), "i1");
  jx_node_append_child (JX_NODE (document), JX_NODE (unit));
  jx_node_append_child (JX_NODE (unit), JX_NODE (project));
  jx_project_set_goal (project, "按时发放村组干部报酬");
  jx_node_append_child (JX_NODE (project), JX_NODE (indicator));
  jx_indicator_set_annual_value (indicator, "≥95%");
  jx_indicator_set_field (indicator, "comparator", "≥");
  jx_indicator_set_field (indicator, "number", "95");
  jx_indicator_set_field (indicator, "measure-unit", "%");
  jx_indicator_set_field (indicator, "weight", "10");
  jx_indicator_set_field (indicator, "direction", "正向指标");
  jx_indicator_set_field (indicator, "explanation", "群众满意度调查");
  jx_node_assign_ids (JX_NODE (document), document);
  g_assert_true (jx_edit_set_money (document, project, "fiscal", 330984000, NULL));
  g_assert_true (jx_edit_set_money (document, project, "unit-funds", 1250, NULL));
  g_assert_true (jx_edit_set_money (document, project, "carryover", 5, NULL));
  return document;
}

static void
test_document_of_template (void)
{
  g_autoptr(JxDocument) document = make_sichuan ();
  JxProject *project = JX_PROJECT (jx_document_lookup (document, "p1"));
  gint64 amount = -1;

  g_assert_cmpstr (jx_document_get_unit (document), ==, "元");
  g_assert_cmpuint (jx_document_get_n_sources (document), ==, 4);
  g_assert_cmpstr (jx_document_get_source (document, 3)->official, ==, "其他资金");
  g_assert_cmpint (jx_document_find_source (document, "other"), ==, 3);
  g_assert_cmpint (jx_project_get_source (project, 1), ==, 1250);
  g_assert_cmpint (jx_project_get_total (project), ==, 330984000 + 1250 + 5);
  g_assert_cmpint (jx_document_get_total (document), ==, 330984000 + 1250 + 5);
  g_object_get (project, "unit-funds", &amount, NULL);
  g_assert_cmpint (amount, ==, 1250);
  /* A source the template does not have holds nothing. */
  g_object_get (project, "special", &amount, NULL);
  g_assert_cmpint (amount, ==, 0);
  /* Undo takes the amount back by its id. */
  jx_history_undo (jx_document_get_history (document));
  g_assert_cmpint (jx_project_get_source (project, 2), ==, 0);
  g_assert_cmpint (jx_project_get_total (project), ==, 330984000 + 1250);
  g_assert_cmpuint (jx_document_get_save_format (document), ==, 2);
}

/* Format 2: the template and every field through save and load, and a
 * second save gives the same bytes. */
static void
test_format_2_round_trip (void)
{
  g_autoptr(JxDocument) document = make_sichuan ();
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  JxProject *project;
  JxIndicator *indicator;
  const char *text;

  saved = jx_xml_write (document, &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (saved, NULL);
  g_assert_nonnull (strstr (text, "format=\"2\""));
  g_assert_nonnull (strstr (text, "template=\"sichuan\""));
  g_assert_nonnull (strstr (text, "unit-funds=\"12.50\""));
  g_assert_null (strstr (text, "special="));
  g_assert_nonnull (strstr (text, "weight=\"10\""));
  g_assert_nonnull (strstr (text, "<explanation>群众满意度调查</explanation>"));

  back = jx_xml_load_bytes (saved, "saved", &problem, &error);
  g_assert_no_error (error);
  g_assert_null (problem);
  g_assert_true (jx_document_get_template (back) == builtin ("sichuan"));
  project = JX_PROJECT (jx_document_lookup (back, "p1"));
  g_assert_cmpint (jx_project_get_source (project, 0), ==, 330984000);
  g_assert_cmpint (jx_project_get_source (project, 1), ==, 1250);
  g_assert_cmpint (jx_project_get_source (project, 2), ==, 5);
  indicator = JX_INDICATOR (jx_document_lookup (back, "i1"));
  g_assert_cmpstr (jx_indicator_get_field (indicator, "comparator"), ==, "≥");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "number"), ==, "95");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "measure-unit"), ==, "%");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "direction"), ==, "正向指标");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "explanation"), ==, "群众满意度调查");

  again = jx_xml_write (back, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (saved, again));
}

static void
test_format_2_json (void)
{
  g_autoptr(JxDocument) document = make_sichuan ();
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(JsonNode) node = jx_json_from_document (document);
  g_autoptr(GError) error = NULL;
  JsonObject *root = json_node_get_object (node);
  JxIndicator *indicator;

  g_assert_cmpint (json_object_get_int_member (root, "format"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "template"), ==, "sichuan");
  back = jx_json_to_document (node, &error);
  g_assert_no_error (error);
  g_assert_true (jx_document_get_template (back) == builtin ("sichuan"));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (jx_document_lookup (back, "p1")), 1), ==, 1250);
  indicator = JX_INDICATOR (jx_document_lookup (back, "i1"));
  g_assert_cmpstr (jx_indicator_get_field (indicator, "weight"), ==, "10");
}

/* A format-1 document stays format 1; one that gains a format-2 field says 2. */
static void
test_format_1_stays (void)
{
  g_autoptr(JxDocument) document = jx_document_new ();
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new ("单位");
  g_autoptr(JxProject) project = jx_project_new ("项目");
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;

  jx_node_append_child (JX_NODE (document), JX_NODE (unit));
  jx_node_append_child (JX_NODE (unit), JX_NODE (project));
  jx_node_assign_ids (JX_NODE (document), document);
  saved = jx_xml_write (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "format=\"1\""));
  g_assert_null (strstr (g_bytes_get_data (saved, NULL), "template="));

  jx_project_set_cycle_goal (project, "三年内完成");
  g_assert_cmpuint (jx_document_get_save_format (document), ==, 2);
  g_clear_pointer (&saved, g_bytes_unref);
  saved = jx_xml_write (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "<cycle-goal>三年内完成</cycle-goal>"));
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "template=\"guangdong-2020\""));
}

static void
assert_xml_fails_with (const char *xml,
                       int         code,
                       const char *expected,
                       guint       line)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(JxDocument) document = jx_xml_load_bytes (bytes, "test", &problem, &error);
  g_autofree char *place = g_strdup_printf ("Line %u, column ", line);

  g_assert_null (document);
  g_assert_error (error, JX_XML_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, place));
  g_assert_nonnull (strstr (error->message, expected));
}

static void
assert_xml_fails (const char *xml,
                  const char *expected,
                  guint       line)
{
  assert_xml_fails_with (xml, JX_XML_ERROR_INVALID, expected, line);
}

#define TABLE_2(template) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<table xmlns=\"urn:jixiao:targets:1\" format=\"2\" year=\"2024\" unit=\"元\" taxonomy=\"guangdong-2020\" " \
  "template=\"" template "\">\n  <department>部门</department>\n  <title>标题</title>\n"

/* The fixture validates and loads; a template this build lacks, a source of
 * another template and a missing source are located errors. */
static void
test_format_2_load (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sichuan.jixiao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(JxDocument) document = jx_xml_load_file (path, &problem, &error);
  JxIndicator *indicator;

  g_assert_no_error (error);
  g_assert_cmpstr (jx_template_get_id (jx_document_get_template (document)), ==, "sichuan");
  g_assert_cmpint (jx_document_get_total (document), ==, 396984000);
  indicator = JX_INDICATOR (jx_document_lookup (document, "i2"));
  g_assert_cmpstr (jx_indicator_get_field (indicator, "measure-unit"), ==, "年");
  g_assert_cmpstr (jx_indicator_get_field (indicator, "explanation"), ==, "当年内发放完毕");

  assert_xml_fails (TABLE_2 ("hunan") "</table>\n", "no template “hunan”", 2);
  assert_xml_fails (TABLE_2 ("plain")
                    "  <funding-unit id=\"u1\" name=\"单位\">\n"
                    "    <project id=\"p1\" fiscal=\"1.00\" other=\"0.00\" carryover=\"2.00\">\n"
                    "      <name>一</name><goal></goal>\n    </project>\n  </funding-unit>\n</table>\n",
                    "“carryover”", 6);
  assert_xml_fails (TABLE_2 ("plain")
                    "  <funding-unit id=\"u1\" name=\"单位\">\n"
                    "    <project id=\"p1\" fiscal=\"1.00\">\n"
                    "      <name>一</name><goal></goal>\n    </project>\n  </funding-unit>\n</table>\n",
                    "no amount “other”", 6);
}

/* A 万元 table kept to the 元 (decimals="4"): loads exactly, totals add up
 * to the 元, saves back byte for byte, survives JSON, takes a typed amount
 * of four decimals as one undo step, and copies to the 元. */
static void
test_four_decimals (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "central-4-decimals.jixiao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(JxDocument) document = jx_xml_load_file (path, &problem, &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(JxDocument) from_json = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *file = NULL;
  g_autofree char *tsv = NULL;
  g_autofree char *shown = NULL;
  JxNode *whole[1];
  JxProject *project;
  JxMoney typed = 0;
  gsize file_len = 0;

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (jx_document_get_decimals (document), ==, 4);
  project = JX_PROJECT (jx_document_lookup (document, "p1"));
  g_assert_cmpint (jx_project_get_source (project, 0), ==, 69233552);
  g_assert_cmpint (jx_project_get_source (project, 1), ==, 448);
  g_assert_cmpint (jx_project_get_total (project), ==, 69234000);
  /* 6923.3552 + 0.0448 + 120.0001 */
  g_assert_cmpint (jx_document_get_total (document), ==, 70434001);
  shown = jx_document_format_amount (document, jx_document_get_total (document));
  g_assert_cmpstr (shown, ==, "7,043.4001");

  /* Byte for byte. */
  g_assert_true (g_file_get_contents (path, &file, &file_len, NULL));
  saved = jx_xml_write (document, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), file, file_len);

  /* JSON keeps the precision and every figure. */
  json = jx_json_from_document (document);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (json), "decimals"), ==, 4);
  from_json = jx_json_to_document (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_decimals (from_json), ==, 4);
  g_assert_cmpint (jx_document_get_total (from_json), ==, 70434001);

  /* The checks find nothing wrong with the amounts. */
  problems = jx_validate_document (document);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpint (((JxProblem *) g_ptr_array_index (problems, i))->severity, !=, JX_SEVERITY_ERROR);

  /* Typed to the 元, one undo step, the 合计 exact. */
  g_assert_true (jx_money_parse_at ("1,000.0001", jx_document_get_decimals (document), 0, &typed, NULL, NULL));
  g_assert_true (jx_edit_set_money (document, project, "other", typed, NULL));
  g_assert_cmpint (jx_document_get_total (document), ==, 69233552 + 10000001 + 1200001);
  jx_history_undo (jx_document_get_history (document));
  g_assert_cmpint (jx_document_get_total (document), ==, 70434001);

  /* Rows copied for a spreadsheet carry the four decimals. */
  whole[0] = JX_NODE (document);
  tsv = jx_rows_copy_tsv (document, whole, 1);
  g_assert_nonnull (strstr (tsv, "\t6923.3552\t"));
  g_assert_nonnull (strstr (tsv, "\t0.0448\t"));
}

/* The precision is the file's: two decimals in a 4-decimal table, four in a
 * 2-decimal one, or another value are located errors, never rounded. */
static void
test_four_decimals_refused (void)
{
  assert_xml_fails_with ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<table xmlns=\"urn:jixiao:targets:1\" format=\"2\" year=\"2024\" unit=\"万元\" "
                    "taxonomy=\"guangdong-2020\" template=\"plain\" decimals=\"4\">\n"
                    "  <department>部门</department>\n  <title>标题</title>\n"
                    "  <funding-unit id=\"u1\" name=\"单位\">\n"
                    "    <project id=\"p1\" fiscal=\"6923.35\" other=\"0.0000\">\n"
                    "      <name>一</name><goal></goal>\n    </project>\n  </funding-unit>\n</table>\n",
                    JX_XML_ERROR_AMOUNT, "“6923.35”", 6);
  assert_xml_fails_with (TABLE_2 ("plain")
                    "  <funding-unit id=\"u1\" name=\"单位\">\n"
                    "    <project id=\"p1\" fiscal=\"6923.3552\" other=\"0.00\">\n"
                    "      <name>一</name><goal></goal>\n    </project>\n  </funding-unit>\n</table>\n",
                    JX_XML_ERROR_AMOUNT, "“6923.3552”", 6);
  assert_xml_fails ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<table xmlns=\"urn:jixiao:targets:1\" format=\"2\" year=\"2024\" unit=\"万元\" "
                    "taxonomy=\"guangdong-2020\" template=\"plain\" decimals=\"3\">\n"
                    "  <department>部门</department>\n  <title>标题</title>\n</table>\n",
                    "decimals", 2);
}

static guint
count_comments_by (JxDocument *document,
                   const char *author)
{
  GListModel *notes = jx_document_get_annotations (document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(JxAnnotation) note = g_list_model_get_item (notes, i);

      n += g_str_equal (jx_annotation_get_author (note), author);
    }
  return n;
}

/* Changing the template of a table with projects: sources by id (one the
 * new template lacks into 其他资金, so no 总计 changes), indicator fields
 * by id, the rest kept as comments, all ONE undo step that gives back the
 * very same file. */
static void
test_change_template (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sichuan.jixiao", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) document = jx_xml_load_file (path, NULL, &error);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after_undo = NULL;
  g_autoptr(GBytes) converted = NULL;
  g_autoptr(GBytes) after_redo = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  JxHistory *history;
  JxProject *p2;
  JxIndicator *i2;
  JxMoney total;
  guint steps, kept;

  g_assert_no_error (error);
  history = jx_document_get_history (document);
  before = jx_xml_write (document, &error);
  g_assert_no_error (error);
  total = jx_document_get_total (document);
  steps = jx_history_get_n_steps (history);

  preview = jx_convert_preview (document, builtin ("plain"));
  kept = jx_edit_set_template (document, builtin ("plain"));
  g_assert_cmpuint (kept, ==, preview->len);
  /* 2 weights and directions, 1 explanation, 单位资金 and 上年结转. */
  g_assert_cmpuint (kept, ==, 3 * 2 + 1 + 2);
  g_assert_cmpuint (jx_history_get_n_steps (history), ==, steps + 1);
  g_assert_cmpstr (jx_history_get_undo_label (history), ==, "Change Template");
  g_assert_true (jx_document_get_template (document) == builtin ("plain"));
  g_assert_cmpint (jx_document_get_total (document), ==, total);
  p2 = JX_PROJECT (jx_document_lookup (document, "p2"));
  g_assert_cmpint (jx_project_get_source (p2, 0), ==, 60000000);
  g_assert_cmpint (jx_project_get_source (p2, 1), ==, 6000000);   /* 50,000 + 10,000 into 其他资金 */
  i2 = JX_INDICATOR (jx_document_lookup (document, "i2"));
  g_assert_cmpstr (jx_indicator_get_annual_value (i2), ==, "≥1年");
  g_assert_cmpstr (jx_indicator_get_field (i2, "weight"), ==, "");
  g_assert_cmpuint (count_comments_by (document, JX_CONVERT_AUTHOR), ==, kept);
  converted = jx_xml_write (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (converted, NULL), "template=\"plain\""));

  /* One undo: the same bytes as before. */
  g_assert_true (jx_history_undo (history));
  g_assert_true (jx_document_get_template (document) == builtin ("sichuan"));
  after_undo = jx_xml_write (document, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after_undo));
  g_assert_true (jx_history_redo (history));
  after_redo = jx_xml_write (document, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (converted, after_redo));

  /* Back to Sichuan: the one value read into 指标性质, 指标值, 度量单位. */
  kept = jx_edit_set_template (document, builtin ("sichuan"));
  g_assert_cmpuint (kept, ==, 0);
  g_assert_cmpstr (jx_indicator_get_field (i2, "comparator"), ==, "≥");
  g_assert_cmpstr (jx_indicator_get_field (i2, "number"), ==, "1");
  g_assert_cmpstr (jx_indicator_get_field (i2, "measure-unit"), ==, "年");
  g_assert_cmpint (jx_document_get_total (document), ==, total);
}

/* Last year's amounts of the sources only some templates have (单位资金,
 * 上年结转) are kept like 财政拨款's, through XML and JSON, and a 4-decimal
 * table's last-year amounts keep its four decimals. */
static void
test_previous_template_sources (void)
{
  g_autoptr(JxDocument) document = make_sichuan ();
  JxProject *project = JX_PROJECT (jx_document_lookup (document, "p1"));
  const JxField *unit_funds = jx_field_lookup_source ("unit-funds");
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(JxDocument) from_json = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "central-4-decimals.jixiao", NULL);
  g_autoptr(JxDocument) c4 = NULL;
  JxProject *c4p;

  jx_node_record_previous (JX_NODE (project), 2022);
  g_assert_cmpstr (jx_node_get_previous (JX_NODE (project), unit_funds), ==, "12.50");
  g_assert_true (jx_edit_set_money (document, project, "unit-funds", 99900, NULL));
  saved = jx_xml_write (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (saved, NULL), "<previous year=\"2022\" unit-funds=\"12.50\"/>"));
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jx_node_get_previous (jx_document_lookup (back, "p1"), unit_funds), ==, "12.50");
  json = jx_json_from_document (document);
  from_json = jx_json_to_document (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jx_node_get_previous (jx_document_lookup (from_json, "p1"), unit_funds), ==, "12.50");

  c4 = jx_xml_load_file (path, NULL, &error);
  g_assert_no_error (error);
  c4p = JX_PROJECT (jx_document_lookup (c4, "p1"));
  jx_node_record_previous (JX_NODE (c4p), 2023);
  g_assert_cmpstr (jx_node_get_previous (JX_NODE (c4p), jx_field_lookup_source ("fiscal")), ==, "6923.3552");
  jx_node_set_previous_year (JX_NODE (jx_document_lookup (c4, "p2")), 2023);
  g_clear_pointer (&saved, g_bytes_unref);
  saved = jx_xml_write (c4, &error);
  g_assert_no_error (error);
  g_clear_object (&back);
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  g_assert_no_error (error);
}

/* JSON nested 100,000 levels deep would crash json-glib's recursive parser:
 * a template is refused before, at the bracket one level too deep. */
static void
test_refuses_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"sources\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JxTemplate) template = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  bytes = g_bytes_new (deep->str, deep->len);
  template = jx_template_new_from_bytes (bytes, "deep.json", &error);
  g_assert_null (template);
  g_assert_nonnull (error);
  /* {"sources": is 11 characters; the 64th '[' is too deep. */
  g_assert_nonnull (strstr (error->message, "1:75"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/builtins", test_builtins);
  g_test_add_func ("/template/load-errors", test_load_errors);
  g_test_add_func ("/template/document", test_document_of_template);
  g_test_add_func ("/template/format-2-round-trip", test_format_2_round_trip);
  g_test_add_func ("/template/format-2-json", test_format_2_json);
  g_test_add_func ("/template/format-1-stays", test_format_1_stays);
  g_test_add_func ("/template/format-2-load", test_format_2_load);
  g_test_add_func ("/template/refuses-deep-nesting", test_refuses_deep_nesting);
  g_test_add_func ("/template/four-decimals/round-trip-edit-copy", test_four_decimals);
  g_test_add_func ("/template/four-decimals/refused-elsewhere", test_four_decimals_refused);
  g_test_add_func ("/template/change/one-undo-step", test_change_template);
  g_test_add_func ("/template/previous/template-sources", test_previous_template_sources);

  return g_test_run ();
}
