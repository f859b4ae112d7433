/* test-json.c: documents to JSON and back, and the totals report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "jx-history.h"
#include "jx-json.h"
#include "jx-model-private.h"
#include "jx-money.h"

/* Building blocks, attached the way a loader attaches them. */

static JxFundingUnit *
add_unit (JxDocument *doc,
          const char *id,
          const char *name)
{
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new (name);

  jx_node_set_id (JX_NODE (unit), id);
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  return unit;  /* borrowed: the document holds it */
}

static JxProject *
add_project (JxFundingUnit *unit,
             const char    *id,
             const char    *name,
             JxMoney        fiscal,
             JxMoney        special,
             JxMoney        other)
{
  g_autoptr(JxProject) project = jx_project_new (name);

  jx_node_set_id (JX_NODE (project), id);
  jx_node_append_child (JX_NODE (unit), JX_NODE (project));
  jx_project_set_source (project, 0, fiscal);
  jx_project_set_source (project, 1, special);
  jx_project_set_source (project, 2, other);
  return project;
}

static JxIndicator *
add_indicator (JxProject  *project,
               const char *id,
               const char *category,
               const char *subcategory,
               const char *name,
               const char *cycle_value,
               const char *annual_value)
{
  g_autoptr(JxIndicator) indicator = jx_indicator_new (category, subcategory, name);

  jx_node_set_id (JX_NODE (indicator), id);
  jx_indicator_set_cycle_value (indicator, cycle_value);
  jx_indicator_set_annual_value (indicator, annual_value);
  jx_node_append_child (JX_NODE (project), JX_NODE (indicator));
  return indicator;
}

/* Two units, a confidential project, Chinese text throughout, characters
 * JSON must escape, and an annotation with a reply. */
static JxDocument *
make_document (void)
{
  JxDocument *doc = jx_document_new ();
  JxFundingUnit *unit;
  JxProject *project;
  g_autoptr(JxAnnotation) annotation = NULL;
  g_autoptr(JxAnnotation) reply = NULL;

  jx_document_set_year (doc, 2024);
  jx_document_set_department (doc, "中国共产党广州市委员会组织部");
  jx_document_set_title (doc, "中国共产党广州市委员会组织部2024年项目支出绩效目标表(含转移支付项目)");

  unit = add_unit (doc, "u1", "中国共产党广州市委员会组织部");
  project = add_project (unit, "p1", "社区党员活动经费", 1046480, 0, 0);
  jx_project_set_goal (project, "按标准安排给社区党组织,推动\"基层党建\"全面进步。\n第二行\t制表");
  add_indicator (project, "i1", "1", "11", "足额发放率", "100%", "100%");
  add_indicator (project, "i2", "2", "22", "社会效益", "社区党组织积极履职尽责,担当作为日益增强。", "");
  add_indicator (project, "i3", "3", "31", "工作满意率", "大于等于90%", "≥90%");
  project = add_project (unit, "p2", "公务员考试录用工作经费", 2576, 0, 0);

  unit = add_unit (doc, "u2", "广州市委党校");
  project = add_project (unit, "p3", "GZIT2023-SM-W-A-003031", 12345, 100, 1);
  jx_project_set_goal (project, "此为涉密信息化项目,不能列出");
  jx_project_set_confidential (project, TRUE);
  add_indicator (project, "i4", "1", "11", "涉密项目", "涉密项目", "涉密项目");

  annotation = jx_annotation_new ("p1", "fiscal", "财政局 李审核",
                                  "2024-03-01T10:00:00+08:00",
                                  "请说明社区党员活动经费的测算依据。");
  jx_node_set_id (JX_NODE (annotation), "a1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (annotation));
  reply = jx_annotation_new (NULL, NULL, "组织部 张起草",
                             "2024-03-02T09:30:00+08:00",
                             "按每个社区党组织标准测算，已附测算表。");
  jx_node_set_id (JX_NODE (reply), "a2");
  jx_annotation_set_resolved (reply, TRUE);
  jx_node_append_child (JX_NODE (annotation), JX_NODE (reply));

  return doc;
}

static char *
document_to_string (JxDocument *doc)
{
  g_autoptr(JsonNode) node = jx_json_from_document (doc);

  return jx_json_to_string (node, TRUE);
}

static JxDocument *
document_from_string (const char  *text,
                      GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &parse_error);

  g_assert_no_error (parse_error);
  g_assert_nonnull (node);
  return jx_json_to_document (node, error);
}

static void
assert_error_names_path (GError     *error,
                         int         code,
                         const char *path)
{
  g_assert_error (error, JX_JSON_ERROR, code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, path) == NULL)
    g_error ("“%s” does not name the path “%s”", error->message, path);
}

static void
test_document_round_trip (void)
{
  g_autoptr(JxDocument) doc = make_document ();
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = document_to_string (doc);
  g_autofree char *second = NULL;
  JxNode *node;

  back = document_from_string (first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  second = document_to_string (back);
  g_assert_cmpstr (first, ==, second);

  /* Ids are kept, so the annotation still points at its project … */
  node = jx_document_lookup (back, "p1");
  g_assert_true (JX_IS_PROJECT (node));
  g_assert_cmpstr (jx_project_get_name (JX_PROJECT (node)), ==, "社区党员活动经费");
  g_assert_true (JX_IS_ANNOTATION (jx_document_lookup (back, "a2")));
  node = jx_document_lookup (back, "p3");
  g_assert_true (jx_project_get_confidential (JX_PROJECT (node)));
  g_assert_cmpint (jx_project_get_total (JX_PROJECT (node)), ==, 12446);

  /* … the totals are rebuilt from the amounts … */
  g_assert_cmpint (jx_document_get_total (back), ==, jx_document_get_total (doc));
  g_assert_cmpuint (jx_document_get_n_projects (back), ==, 3);
  g_assert_cmpuint (jx_document_get_n_indicators (back), ==, 4);

  /* … and a freshly read document has nothing to save. */
  g_assert_false (jx_history_get_modified (jx_document_get_history (back)));
  g_assert_false (jx_history_can_undo (jx_document_get_history (back)));
}

/* The member names and their order are an interface: pin them. */
static void
test_document_writes_the_documented_shape (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JxAnnotation) annotation = NULL;
  g_autoptr(JxAnnotation) reply = NULL;
  JxProject *project;

  jx_document_set_year (doc, 2024);
  jx_document_set_department (doc, "部门");
  jx_document_set_title (doc, "标题");
  project = add_project (add_unit (doc, "u1", "单位"), "p1", "项目", 1046480, 0, -5);
  add_indicator (project, "i1", "1", "11", "足额发放率", "100%", "100%");
  annotation = jx_annotation_new ("p1", "fiscal", "甲", "2024-03-01T10:00:00+08:00", "问");
  jx_node_set_id (JX_NODE (annotation), "a1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (annotation));
  reply = jx_annotation_new (NULL, NULL, "乙", "2024-03-02T09:30:00+08:00", "答");
  jx_node_set_id (JX_NODE (reply), "a2");
  jx_node_append_child (JX_NODE (annotation), JX_NODE (reply));

  node = jx_json_from_document (doc);
  text = jx_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
    "{\"format\":1,\"year\":2024,\"unit\":\"万元\",\"taxonomy\":\"guangdong-2020\","
    "\"department\":\"部门\",\"title\":\"标题\",\"total\":\"10464.75\","
    "\"units\":[{\"id\":\"u1\",\"name\":\"单位\",\"total\":\"10464.75\","
    "\"projects\":[{\"id\":\"p1\",\"name\":\"项目\",\"fiscal\":\"10464.80\","
    "\"special\":\"0.00\",\"other\":\"-0.05\",\"total\":\"10464.75\",\"goal\":\"\","
    "\"confidential\":false,\"indicators\":[{\"id\":\"i1\",\"category\":\"1\","
    "\"subcategory\":\"11\",\"name\":\"足额发放率\",\"cycle_value\":\"100%\","
    "\"annual_value\":\"100%\"}]}]}],"
    "\"annotations\":[{\"id\":\"a1\",\"target\":\"p1\",\"field\":\"fiscal\","
    "\"author\":\"甲\",\"time\":\"2024-03-01T10:00:00+08:00\",\"text\":\"问\","
    "\"resolved\":false,\"replies\":[{\"id\":\"a2\",\"author\":\"乙\","
    "\"time\":\"2024-03-02T09:30:00+08:00\",\"text\":\"答\",\"resolved\":false,"
    "\"replies\":[]}]}]}");
}

static void
test_document_pretty_output_indents_by_two (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  jx_document_set_year (doc, 2024);
  node = jx_json_from_document (doc);
  text = jx_json_to_string (node, TRUE);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"format\" : 1,\n"
                   "  \"year\" : 2024,\n"
                   "  \"unit\" : \"万元\",\n"
                   "  \"taxonomy\" : \"guangdong-2020\",\n"
                   "  \"department\" : \"\",\n"
                   "  \"title\" : \"\",\n"
                   "  \"total\" : \"0.00\",\n"
                   "  \"units\" : [],\n"
                   "  \"annotations\" : []\n"
                   "}");
}

static void
test_totals_exact_strings (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JxFundingUnit *unit = add_unit (doc, "u1", "中国共产党广州市委员会组织部");
  JxProject *project;

  project = add_project (unit, "p1", "社区党员活动经费", 1046480, 0, 0);
  add_indicator (project, "i1", "1", "11", "足额发放率", "100%", "100%");
  add_indicator (project, "i2", "1", "13", "发放及时率", "大于等于90%", "大于等于90%");
  add_project (unit, "p2", "公务员考试录用工作经费", 2576, 0, 0);

  node = jx_json_totals (doc);
  text = jx_json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
    "{\"total\":\"10490.56\",\"units\":[{\"name\":\"中国共产党广州市委员会组织部\","
    "\"total\":\"10490.56\",\"projects\":["
    "{\"id\":\"p1\",\"name\":\"社区党员活动经费\",\"fiscal\":\"10464.80\","
    "\"special\":\"0.00\",\"other\":\"0.00\",\"total\":\"10464.80\",\"indicators\":2},"
    "{\"id\":\"p2\",\"name\":\"公务员考试录用工作经费\",\"fiscal\":\"25.76\","
    "\"special\":\"0.00\",\"other\":\"0.00\",\"total\":\"25.76\",\"indicators\":0}]}]}");
}

static void
test_totals_of_an_empty_document (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JsonNode) node = jx_json_totals (doc);
  g_autofree char *text = jx_json_to_string (node, FALSE);

  g_assert_cmpstr (text, ==, "{\"total\":\"0.00\",\"units\":[]}");
}

/* Amounts never pass through a double: the extremes of gint64 survive. */
static void
test_amounts_negative_and_huge_stay_exact (void)
{
  static const struct {
    JxMoney     fiscal;
    JxMoney     special;
    JxMoney     other;
    const char *texts[4];   /* fiscal, special, other, total */
  } cases[] = {
    { -1, 0, 0, { "-0.01", "0.00", "0.00", "-0.01" } },
    { -123456, 1, 0, { "-1234.56", "0.01", "0.00", "-1234.55" } },
    { G_MAXINT64 / 100, 0, 0, { "922337203685477.58", "0.00", "0.00", "922337203685477.58" } },
    { G_MAXINT64, 0, 0, { "92233720368547758.07", "0.00", "0.00", "92233720368547758.07" } },
    { G_MININT64, 0, 0, { "-92233720368547758.08", "0.00", "0.00", "-92233720368547758.08" } },
    /* 2^53 + 1 hundredths: the first integer a double cannot hold. */
    { G_GINT64_CONSTANT (9007199254740993), 0, 0,
      { "90071992547409.93", "0.00", "0.00", "90071992547409.93" } },
    { G_MAXINT64 - 2, 1, 1, { "92233720368547758.05", "0.01", "0.01", "92233720368547758.07" } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(JxDocument) doc = jx_document_new ();
      g_autoptr(JxDocument) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      JsonObject *project;
      JxProject *read;

      add_project (add_unit (doc, "u1", "单位"), "p1", "项目",
                   cases[c].fiscal, cases[c].special, cases[c].other);
      node = jx_json_from_document (doc);
      project = json_array_get_object_element (
        json_object_get_array_member (
          json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (node), "units"), 0),
          "projects"), 0);
      g_assert_cmpstr (json_object_get_string_member (project, "fiscal"), ==, cases[c].texts[0]);
      g_assert_cmpstr (json_object_get_string_member (project, "special"), ==, cases[c].texts[1]);
      g_assert_cmpstr (json_object_get_string_member (project, "other"), ==, cases[c].texts[2]);
      g_assert_cmpstr (json_object_get_string_member (project, "total"), ==, cases[c].texts[3]);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "total"),
                       ==, cases[c].texts[3]);

      first = jx_json_to_string (node, TRUE);
      back = document_from_string (first, &error);
      g_assert_no_error (error);
      read = JX_PROJECT (jx_document_lookup (back, "p1"));
      g_assert_cmpint (jx_project_get_source (read, 0), ==, cases[c].fiscal);
      g_assert_cmpint (jx_project_get_source (read, 1), ==, cases[c].special);
      g_assert_cmpint (jx_project_get_source (read, 2), ==, cases[c].other);
      second = document_to_string (back);
      g_assert_cmpstr (first, ==, second);
    }
}

static void
test_read_overflow_names_the_path (void)
{
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* Each project alone is fine; the unit's total would not be. */
  doc = document_from_string (
    "{\"units\":[{\"id\":\"u1\",\"projects\":["
    "{\"id\":\"p1\",\"fiscal\":\"92233720368547758.07\"},"
    "{\"id\":\"p2\",\"fiscal\":\"0.00\",\"special\":\"0.01\"}]}]}", &error);
  g_assert_null (doc);
  assert_error_names_path (error, JX_JSON_ERROR_OVERFLOW, "units[0].projects[1].special");
}

static void
test_read_bad_amount_names_the_path (void)
{
  static const struct {
    const char *amount;
    int         code;
  } cases[] = {
    { "\"25. 7€\"", JX_JSON_ERROR_AMOUNT },
    { "\"10,464.80\"", JX_JSON_ERROR_AMOUNT },
    { "\"10464.8\"", JX_JSON_ERROR_AMOUNT },
    { "\"\"", JX_JSON_ERROR_AMOUNT },
    { "\"92233720368547758.08\"", JX_JSON_ERROR_AMOUNT },
    { "10464.80", JX_JSON_ERROR_AMOUNT },
    { "1046480", JX_JSON_ERROR_AMOUNT },
    { "true", JX_JSON_ERROR_AMOUNT },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(JxDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf (
        "{\"units\":[{\"id\":\"u1\",\"projects\":["
        "{\"id\":\"p1\",\"fiscal\":\"1.00\"},{\"id\":\"p2\"},{\"id\":\"p3\"},"
        "{\"id\":\"p4\",\"special\":\"2.00\",\"fiscal\":%s}]}]}", cases[c].amount);

      doc = document_from_string (text, &error);
      g_assert_null (doc);
      assert_error_names_path (error, cases[c].code, "units[0].projects[3].fiscal");
    }
}

static void
test_read_duplicate_id_names_the_path (void)
{
  static const struct {
    const char *json;
    const char *path;
  } cases[] = {
    { "{\"units\":[{\"id\":\"u1\",\"projects\":[{\"id\":\"p1\"},{\"id\":\"p1\"}]}]}",
      "units[0].projects[1].id" },
    /* Ids are unique across kinds, not only among siblings. */
    { "{\"units\":[{\"id\":\"u1\",\"projects\":[{\"id\":\"p1\",\"indicators\":"
      "[{\"id\":\"i1\"},{\"id\":\"i2\"}]}]},{\"id\":\"u2\",\"projects\":"
      "[{\"id\":\"p2\",\"indicators\":[{\"id\":\"i3\"},{\"id\":\"u1\"}]}]}]}",
      "units[1].projects[0].indicators[1].id" },
    { "{\"units\":[{\"id\":\"u1\"}],\"annotations\":[{\"id\":\"a1\",\"target\":\"u1\","
      "\"replies\":[{\"id\":\"a2\",\"replies\":[{\"id\":\"a1\"}]}]}]}",
      "annotations[0].replies[0].replies[0].id" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(JxDocument) doc = NULL;
      g_autoptr(GError) error = NULL;

      doc = document_from_string (cases[c].json, &error);
      g_assert_null (doc);
      assert_error_names_path (error, JX_JSON_ERROR_DUPLICATE_ID, cases[c].path);
    }
}

static void
test_read_wrong_types_name_the_path (void)
{
  static const struct {
    const char *json;
    const char *path;
  } cases[] = {
    { "{\"year\":\"2024\"}", "year" },
    { "{\"year\":2024.0}", "year" },
    { "{\"year\":10000}", "year" },
    { "{\"format\":0}", "format" },
    { "{\"title\":[]}", "title" },
    { "{\"units\":{}}", "units" },
    { "{\"units\":[{\"id\":\"u1\"},42]}", "units[1]" },
    { "{\"units\":[{\"id\":\"u1\",\"projects\":[{\"id\":\"p1\",\"confidential\":\"yes\"}]}]}",
      "units[0].projects[0].confidential" },
    { "{\"units\":[{\"id\":\"u1\",\"projects\":[{\"id\":\"p1\",\"indicators\":"
      "[{\"id\":\"i1\",\"cycle_value\":100}]}]}]}",
      "units[0].projects[0].indicators[0].cycle_value" },
    { "{\"units\":[{\"id\":\"\"}]}", "units[0].id" },
    { "{\"annotations\":[{\"id\":\"a1\",\"resolved\":0}]}", "annotations[0].resolved" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(JxDocument) doc = NULL;
      g_autoptr(GError) error = NULL;

      doc = document_from_string (cases[c].json, &error);
      g_assert_null (doc);
      assert_error_names_path (error, JX_JSON_ERROR_INVALID, cases[c].path);
    }
}

static void
test_read_refuses_a_top_level_that_is_not_an_object (void)
{
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = document_from_string ("[1,2,3]", &error);
  g_assert_null (doc);
  g_assert_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID);
}

/* Totals in the input are for consumers; the document derives its own. */
static void
test_read_ignores_totals_and_unknown_members (void)
{
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  JxProject *project;

  doc = document_from_string (
    "{\"format\":1,\"year\":2024,\"total\":\"999.99\",\"generator\":\"other tool\","
    "\"units\":[{\"id\":\"u1\",\"name\":\"单位\",\"total\":\"garbage\",\"colour\":[1],"
    "\"projects\":[{\"id\":\"p1\",\"fiscal\":\"10464.80\",\"total\":\"1.00\","
    "\"remark\":{\"x\":null}}]}]}", &error);
  g_assert_no_error (error);
  project = JX_PROJECT (jx_document_lookup (doc, "p1"));
  g_assert_cmpint (jx_project_get_total (project), ==, 1046480);
  g_assert_cmpint (jx_document_get_total (doc), ==, 1046480);
}

static void
test_read_missing_members_take_defaults (void)
{
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProject) first = NULL;
  g_autoptr(JxIndicator) indicator = NULL;
  g_autoptr(JxFundingUnit) unit = NULL;
  JxProject *second;

  doc = document_from_string (
    "{\"title\":null,\"units\":[{\"projects\":[{\"name\":\"无编号\",\"indicators\":[{}]},"
    "{\"id\":\"p1\",\"goal\":null}]}]}", &error);
  g_assert_no_error (error);

  g_assert_cmpint (jx_document_get_year (doc), ==, 0);
  g_assert_cmpstr (jx_document_get_unit (doc), ==, JX_DOCUMENT_DEFAULT_UNIT);
  g_assert_cmpstr (jx_document_get_taxonomy (doc), ==, "guangdong-2020");
  g_assert_cmpstr (jx_document_get_title (doc), ==, "");
  g_assert_cmpuint (jx_document_get_format (doc), ==, JX_FORMAT_VERSION);
  g_assert_false (jx_document_is_read_only (doc));

  unit = g_list_model_get_item (jx_document_get_units (doc), 0);
  first = g_list_model_get_item (jx_funding_unit_get_projects (unit), 0);
  indicator = g_list_model_get_item (jx_project_get_indicators (first), 0);
  second = JX_PROJECT (jx_document_lookup (doc, "p1"));

  /* Nodes without an id get a new one that clashes with none given. */
  g_assert_nonnull (jx_node_get_id (JX_NODE (unit)));
  g_assert_nonnull (jx_node_get_id (JX_NODE (first)));
  g_assert_nonnull (jx_node_get_id (JX_NODE (indicator)));
  g_assert_true (second != first);
  g_assert_cmpstr (jx_project_get_name (first), ==, "无编号");
  g_assert_cmpstr (jx_project_get_goal (second), ==, "");
  g_assert_false (jx_project_get_confidential (second));
  g_assert_cmpint (jx_project_get_total (second), ==, 0);
  g_assert_cmpstr (jx_indicator_get_category (indicator), ==, "");
  g_assert_false (jx_history_get_modified (jx_document_get_history (doc)));
}

/* A text XML cannot hold is refused where it is read, at its path, so that
 * what the reader accepts can always be saved (issue 12). */
static void
test_read_refuses_unsavable_text (void)
{
  static const char *cases[] = {
    "{\"units\":[{\"name\":\"a\\u000bb\"}]}",
    "{\"title\":\"bell\\u0007\"}",
    "{\"units\":[{\"projects\":[{\"goal\":\"\\uffff\"}]}]}",
  };
  static const char *paths[] = { "units[0].name", "title", "units[0].projects[0].goal" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JxDocument) doc = document_from_string (cases[i], &error);

      g_assert_null (doc);
      g_assert_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, paths[i]));
      g_assert_nonnull (strstr (error->message, "U+"));
    }
}

static void
test_read_newer_format_is_read_only (void)
{
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* Format 2 (last year's values) is this build's own; 3 is newer. */
  doc = document_from_string ("{\"format\":3,\"year\":2030,\"future\":{}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jx_document_get_format (doc), ==, 3);
  g_assert_true (jx_document_is_read_only (doc));
}

/* Nothing may depend on the locale: a comma-decimal one gives the same
 * bytes, and reads them back the same (GnuCash's test-save-in-lang). */
static void
test_locale_same_output_in_german (void)
{
  g_autoptr(JxDocument) doc = make_document ();
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_c = document_to_string (doc);
  g_autofree char *totals_in_c = NULL;
  g_autofree char *in_german = NULL;
  g_autofree char *totals_in_german = NULL;
  g_autofree char *round_trip = NULL;
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(JsonNode) totals = jx_json_totals (doc);

  totals_in_c = jx_json_to_string (totals, FALSE);
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("The de_DE.UTF-8 locale is not installed; generate it with "
                   "“sed -i 's/^# *de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen && locale-gen”");
      return;
    }
  g_test_message ("LC_NUMERIC is now %s", setlocale (LC_NUMERIC, NULL));

  {
    g_autoptr(JsonNode) totals_again = jx_json_totals (doc);

    in_german = document_to_string (doc);
    totals_in_german = jx_json_to_string (totals_again, FALSE);
    back = document_from_string (in_german, &error);
    g_assert_no_error (error);
    round_trip = document_to_string (back);
  }
  setlocale (LC_ALL, old_locale);

  g_assert_cmpstr (in_german, ==, in_c);
  g_assert_cmpstr (totals_in_german, ==, totals_in_c);
  g_assert_cmpstr (round_trip, ==, in_c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/document/round-trip", test_document_round_trip);
  g_test_add_func ("/json/document/writes-the-documented-shape",
                   test_document_writes_the_documented_shape);
  g_test_add_func ("/json/document/pretty-output-indents-by-two",
                   test_document_pretty_output_indents_by_two);
  g_test_add_func ("/json/totals/exact-strings", test_totals_exact_strings);
  g_test_add_func ("/json/totals/of-an-empty-document", test_totals_of_an_empty_document);
  g_test_add_func ("/json/amounts/negative-and-huge-stay-exact",
                   test_amounts_negative_and_huge_stay_exact);
  g_test_add_func ("/json/read/overflow-names-the-path", test_read_overflow_names_the_path);
  g_test_add_func ("/json/read/bad-amount-names-the-path", test_read_bad_amount_names_the_path);
  g_test_add_func ("/json/read/duplicate-id-names-the-path",
                   test_read_duplicate_id_names_the_path);
  g_test_add_func ("/json/read/wrong-types-name-the-path", test_read_wrong_types_name_the_path);
  g_test_add_func ("/json/read/refuses-a-top-level-that-is-not-an-object",
                   test_read_refuses_a_top_level_that_is_not_an_object);
  g_test_add_func ("/json/read/ignores-totals-and-unknown-members",
                   test_read_ignores_totals_and_unknown_members);
  g_test_add_func ("/json/read/missing-members-take-defaults",
                   test_read_missing_members_take_defaults);
  g_test_add_func ("/json/read/newer-format-is-read-only", test_read_newer_format_is_read_only);
  g_test_add_func ("/json/read/refuses-unsavable-text", test_read_refuses_unsavable_text);
  g_test_add_func ("/json/locale/same-output-in-german", test_locale_same_output_in_german);

  return g_test_run ();
}
