/* test-diff.c: comparing two versions of a table, next year's table, the comments report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-diff"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "jx-diff.h"
#include "jx-edit.h"
#include "jx-import.h"
#include "jx-init.h"
#include "jx-money.h"
#include "jx-json.h"
#include "jx-new-year.h"
#include "jx-previous.h"
#include "jx-review.h"
#include "jx-snapshot.h"
#include "jx-xml.h"

static JxDocument *
load_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "data", "examples",
                                            "guangzhou-organization-dept-2024.jixiao", NULL);
  g_autoptr(GError) error = NULL;
  JxDocument *doc = jx_xml_load_file (path, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static JxDocument *
load_text (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  JxDocument *doc = jx_xml_load_bytes (bytes, "test", NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
write_text (JxDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = jx_xml_write (doc, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static JxNode *
lookup (JxDocument *doc,
        const char *id)
{
  JxNode *node = jx_document_lookup (doc, id);

  g_assert_nonnull (node);
  return node;
}

/* Every change as "change kind id field", one per line. */
static char *
summary (JxDiff *diff)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < jx_diff_get_n_changes (diff); i++)
    {
      const JxChange *c = jx_diff_get_change (diff, i);

      g_string_append_printf (out, "%s %s %s %s\n", jx_change_type_to_string (c->change),
                              jx_diff_kind_to_string (c->kind), jx_change_get_id (c) ? jx_change_get_id (c) : "-",
                              c->field ? c->field : "-");
    }
  for (guint i = 0; i < jx_diff_get_n_comments (diff); i++)
    {
      const JxChange *c = jx_diff_get_comment (diff, i);

      g_string_append_printf (out, "%s %s %s %s\n", jx_change_type_to_string (c->change),
                              jx_diff_kind_to_string (c->kind), jx_change_get_id (c), c->field ? c->field : "-");
    }
  return g_string_free (out, FALSE);
}

static void
test_same (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  g_autoptr(JxDiff) diff = jx_diff_documents (a, b);
  g_autofree char *text = summary (diff);

  g_assert_cmpstr (text, ==, "");
  g_assert_true (jx_diff_is_empty (diff));
}

#define TABLE_PLAIN(decimals, fiscal, other) \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<table xmlns=\"urn:jixiao:targets:1\" format=\"2\" year=\"2024\" unit=\"万元\" taxonomy=\"guangdong-2020\" " \
  "template=\"plain\"" decimals ">\n  <department>部门</department>\n  <title>标题</title>\n" \
  "  <funding-unit id=\"u1\" name=\"单位\">\n" \
  "    <project id=\"p1\" fiscal=\"" fiscal "\" other=\"" other "\">\n" \
  "      <name>一</name><goal></goal>\n    </project>\n  </funding-unit>\n</table>\n"

/* A table kept to two decimals against the same kept to four: equal
 * amounts are no change, a real one is shown with its decimals and the
 * difference exactly, at the finer precision. */
static void
test_amount_other_precision (void)
{
  g_autoptr(JxDocument) a = load_text (TABLE_PLAIN ("", "6923.35", "0.05"));
  g_autoptr(JxDocument) b = load_text (TABLE_PLAIN (" decimals=\"4\"", "6923.3500", "0.0600"));
  g_autoptr(JxDiff) diff = jx_diff_documents (a, b);
  g_autofree char *line = NULL;
  const JxChange *change;

  g_assert_cmpuint (jx_diff_get_n_changes (diff), ==, 1);
  change = jx_diff_get_change (diff, 0);
  g_assert_cmpstr (change->field, ==, "other");
  g_assert_true (change->has_delta);
  g_assert_cmpint (change->delta, ==, 100);   /* ten-thousandths: 0.0100 */
  line = jx_change_describe (change);
  g_assert_nonnull (strstr (line, "0.05 → 0.0600 (+0.0100)"));
}

static void
test_amount (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  JxProject *project = JX_PROJECT (lookup (b, "p3"));
  const JxField *source = jx_document_get_source (b, 0);
  JxMoney before = jx_project_get_source (project, 0);
  g_autoptr(JxDiff) diff = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *old_value = jx_money_to_decimal (before);
  g_autofree char *new_value = jx_money_to_decimal (before + 3520);
  g_autofree char *line = NULL;
  const JxChange *change;

  g_assert_true (jx_edit_set_money (b, project, source->id, before + 3520, NULL));
  diff = jx_diff_documents (a, b);
  text = summary (diff);
  expected = g_strdup_printf ("changed project p3 %s\n", source->id);
  g_assert_cmpstr (text, ==, expected);

  change = jx_diff_get_change (diff, 0);
  g_assert_true (change->info == source);
  g_assert_cmpstr (change->old_value, ==, old_value);
  g_assert_cmpstr (change->new_value, ==, new_value);
  g_assert_true (change->has_delta);
  g_assert_cmpint (change->delta, ==, 3520);
  g_assert_cmpstr (jx_change_get_name (change), ==, jx_project_get_name (project));

  line = jx_change_describe (change);
  g_assert_nonnull (strstr (line, "(+35.20)"));
  g_assert_nonnull (strstr (line, jx_field_get_label (source)));

  /* And back: the delta has its sign. */
  {
    g_autoptr(JxDiff) back = jx_diff_documents (b, a);
    g_assert_cmpint (jx_diff_get_change (back, 0)->delta, ==, -3520);
  }
}

static void
test_project_added_removed (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  JxProject *gone = JX_PROJECT (lookup (b, "p2"));
  JxFundingUnit *unit = jx_project_get_unit (gone);
  JxProject *added;
  g_autoptr(JxDiff) diff = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (gone)), >, 1);
  jx_edit_remove (b, JX_NODE (gone));
  added = jx_edit_add_project (b, unit, 0, "新增项目");
  jx_edit_add_indicator (b, added, 0, "1", "11");
  jx_edit_add_indicator (b, added, 1, "2", "21");

  diff = jx_diff_documents (a, b);
  text = summary (diff);
  /* One change each: their indicators go with them. */
  expected = g_strdup_printf ("added project %s -\nremoved project p2 -\n", jx_node_get_id (JX_NODE (added)));
  g_assert_cmpstr (text, ==, expected);
  /* The removed project is shown in its unit of B; nothing else has a place. */
  g_assert_true (jx_diff_get_change (diff, 1)->new_parent == JX_NODE (unit));
  g_assert_null (jx_diff_get_change (diff, 0)->new_parent);
}

/* Where a view shows what was removed: an indicator under its project of B,
 * a unit under B, each found through the match (not the id: two imports
 * give other ids). */
static void
test_removed_place (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  JxProject *project = JX_PROJECT (lookup (b, "p3"));
  g_autoptr(JxIndicator) indicator = g_list_model_get_item (jx_project_get_indicators (project), 0);
  JxFundingUnit *unit = jx_edit_add_unit (b, 0, "临时单位");
  g_autoptr(JxDiff) forward = NULL;
  g_autoptr(JxDiff) back = NULL;
  const JxChange *change;

  jx_edit_remove (b, JX_NODE (indicator));
  forward = jx_diff_documents (a, b);
  change = NULL;
  for (guint i = 0; i < jx_diff_get_n_changes (forward); i++)
    if (jx_diff_get_change (forward, i)->change == JX_CHANGE_REMOVED)
      change = jx_diff_get_change (forward, i);
  g_assert_nonnull (change);
  g_assert_cmpint (change->kind, ==, JX_DIFF_INDICATOR);
  g_assert_true (change->new_parent == JX_NODE (project));

  /* From B to A the unit added in B is removed: its place is A itself. */
  back = jx_diff_documents (b, a);
  change = NULL;
  for (guint i = 0; i < jx_diff_get_n_changes (back); i++)
    if (jx_diff_get_change (back, i)->kind == JX_DIFF_FUNDING_UNIT
        && jx_diff_get_change (back, i)->change == JX_CHANGE_REMOVED)
      change = jx_diff_get_change (back, i);
  g_assert_nonnull (change);
  g_assert_true (change->old_node == JX_NODE (unit));
  g_assert_true (change->new_parent == JX_NODE (a));
}

static void
test_indicator_field (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  JxIndicator *indicator = JX_INDICATOR (lookup (b, "i12"));
  const JxField *field = jx_field_lookup (JX_FIELD_OWNER_INDICATOR, "annual-value");
  g_autofree char *old_value = g_strdup (jx_indicator_get_annual_value (indicator));
  g_autoptr(JxDiff) diff = NULL;
  g_autofree char *text = NULL;
  const JxChange *change;

  g_assert_nonnull (field);
  jx_edit_set_string (b, indicator, field->id, "≥95%");
  diff = jx_diff_documents (a, b);
  text = summary (diff);
  g_assert_cmpstr (text, ==, "changed indicator i12 annual-value\n");
  change = jx_diff_get_change (diff, 0);
  g_assert_cmpstr (change->old_value, ==, old_value);
  g_assert_cmpstr (change->new_value, ==, "≥95%");
  g_assert_false (change->has_delta);
}

static void
test_moved_project (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  JxFundingUnit *unit = jx_edit_add_unit (b, 1, "下属单位");
  JxNode *project = lookup (b, "p5");
  g_autoptr(JxDiff) diff = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  const JxChange *moved;

  jx_edit_move (b, project, JX_NODE (unit), 0);
  diff = jx_diff_documents (a, b);
  text = summary (diff);
  expected = g_strdup_printf ("added funding-unit %s -\nchanged project p5 %s\n",
                              jx_node_get_id (JX_NODE (unit)), JX_DIFF_FIELD_FUNDING_UNIT);
  g_assert_cmpstr (text, ==, expected);
  moved = jx_diff_get_change (diff, 1);
  g_assert_cmpstr (moved->new_value, ==, "下属单位");
}

/* Replaces every id="x…" and target="x…" by one with @prefix before it. */
static char *
rename_ids (const char *xml,
            const char *prefix)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\b(id|target)=\"([a-z])", 0, 0, NULL);
  g_autofree char *replacement = g_strdup_printf ("\\1=\"%s\\2", prefix);

  return g_regex_replace (regex, xml, -1, 0, replacement, 0, NULL);
}

static JxDocument *
import_sample (const char *epoch)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "import",
                                                 "guangzhou-organization-dept-2024.txt", NULL);
  g_autoptr(GError) error = NULL;
  JxDocument *doc;

  g_setenv ("SOURCE_DATE_EPOCH", epoch, TRUE);
  doc = jx_import_file (path, NULL, &error);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_no_error (error);
  return doc;
}

static void
test_match_by_name (void)
{
  /* Two imports of one table, on two days: the same ids, other times. */
  g_autoptr(JxDocument) a = import_sample ("1700000000");
  g_autoptr(JxDocument) b = import_sample ("1700100000");
  g_autoptr(JxDiff) same = jx_diff_documents (a, b);
  g_autofree char *xml = write_text (b);
  g_autofree char *renamed_xml = rename_ids (xml, "z");
  g_autoptr(JxDocument) renamed = load_text (renamed_xml);
  g_autoptr(JxDiff) by_name = NULL;
  g_autoptr(JxDiff) one = NULL;
  g_autofree char *text = NULL;
  JxProject *project;
  const JxField *source = jx_document_get_source (renamed, 0);
  const JxChange *change;

  g_assert_nonnull (jx_document_lookup (a, "p7"));
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_annotations (a)), >, 0);
  g_assert_true (jx_diff_is_empty (same));

  /* No id in common: everything is found by its name, comments too. */
  g_assert_null (jx_document_lookup (renamed, "p7"));
  by_name = jx_diff_documents (a, renamed);
  text = summary (by_name);
  g_assert_cmpstr (text, ==, "");

  /* One amount changed: one change, naming both ids. */
  project = JX_PROJECT (lookup (renamed, "zp7"));
  g_assert_true (jx_edit_set_money (renamed, project, source->id, jx_project_get_source (project, 0) + 100, NULL));
  one = jx_diff_documents (a, renamed);
  g_assert_cmpuint (jx_diff_get_n_changes (one), ==, 1);
  change = jx_diff_get_change (one, 0);
  g_assert_cmpstr (jx_change_get_id (change), ==, "zp7");
  g_assert_cmpstr (jx_change_get_old_id (change), ==, "p7");
  g_assert_cmpint (change->delta, ==, 100);
}

static void
test_renamed_keeps_id (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  const JxField *name = jx_field_lookup (JX_FIELD_OWNER_PROJECT, "name");
  g_autoptr(JxDiff) diff = NULL;
  g_autofree char *text = NULL;

  jx_edit_set_string (b, lookup (b, "p4"), name->id, "改了名的项目");
  diff = jx_diff_documents (a, b);
  text = summary (diff);
  g_assert_cmpstr (text, ==, "changed project p4 name\n");
}

static void
test_comments_apart (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  GListModel *comments = jx_document_get_annotations (b);
  g_autoptr(JxAnnotation) first = g_list_model_get_item (comments, 0);
  JxAnnotation *added, *reply;
  g_autoptr(JxDiff) diff = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *root;

  jx_edit_set_resolved (b, first, TRUE);
  reply = jx_edit_reply (b, first, "审核人", "已核实。");
  added = jx_edit_add_annotation (b, "p2", "goal", "审核人", "请细化目标。");
  diff = jx_diff_documents (a, b);
  text = summary (diff);
  expected = g_strdup_printf ("changed comment %s resolved\nadded comment %s -\nadded comment %s -\n",
                              jx_node_get_id (JX_NODE (first)), jx_node_get_id (JX_NODE (reply)),
                              jx_node_get_id (JX_NODE (added)));
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (jx_diff_get_n_changes (diff), ==, 0);
  g_assert_false (jx_diff_is_empty (diff));

  json = jx_diff_to_json (diff);
  root = json_node_get_object (json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "changes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "comments")), ==, 3);
}

static void
test_json (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  JxProject *project = JX_PROJECT (lookup (b, "p3"));
  const JxField *source = jx_document_get_source (b, 0);
  g_autoptr(JxDiff) diff = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *old_value = jx_money_to_decimal (jx_project_get_source (project, 0));
  g_autofree char *new_value = jx_money_to_decimal (jx_project_get_source (project, 0) - 1);
  JsonObject *change;

  g_assert_true (jx_edit_set_money (b, project, source->id, jx_project_get_source (project, 0) - 1, NULL));
  diff = jx_diff_documents (a, b);
  json = jx_diff_to_json (diff);
  change = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json), "changes"), 0);
  g_assert_cmpstr (json_object_get_string_member (change, "change"), ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (change, "kind"), ==, "project");
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, "p3");
  g_assert_cmpstr (json_object_get_string_member (change, "name"), ==, jx_project_get_name (project));
  g_assert_cmpstr (json_object_get_string_member (change, "field"), ==, source->id);
  g_assert_cmpstr (json_object_get_string_member (change, "old"), ==, old_value);
  g_assert_cmpstr (json_object_get_string_member (change, "new"), ==, new_value);
  g_assert_cmpstr (json_object_get_string_member (change, "delta"), ==, "-0.01");
}

/* --- new year ------------------------------------------------------------- */

static void
count_nodes (gpointer item,
             gpointer data)
{
  JxProject *project = item;
  GString *ids = data;
  GListModel *indicators = jx_project_get_indicators (project);
  char amount[JX_MONEY_BUF_SIZE];

  jx_money_to_decimal_buf (jx_project_get_total (project), amount);
  g_string_append_printf (ids, "%s=%s:", jx_node_get_id (JX_NODE (project)), amount);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(JxNode) indicator = g_list_model_get_item (indicators, i);
      g_string_append_printf (ids, "%s,", jx_node_get_id (indicator));
    }
}

static char *
ids_and_amounts (JxDocument *doc)
{
  GString *ids = g_string_new (NULL);

  jx_document_foreach_project (doc, count_nodes, ids);
  return g_string_free (ids, FALSE);
}

static void
test_new_year (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) next = NULL;
  g_autofree char *before = write_text (doc);
  g_autofree char *ids = ids_and_amounts (doc);
  g_autofree char *next_ids = NULL;
  g_autofree char *after = NULL;
  guint n_comments = g_list_model_get_n_items (jx_document_get_annotations (doc));
  JxNewYearInfo info = { 99, 99 };
  g_autoptr(JxDiff) diff = NULL;

  g_assert_cmpint (jx_document_get_year (doc), ==, 2024);
  g_assert_nonnull (strstr (jx_document_get_title (doc), "2024年"));
  g_assert_cmpuint (n_comments, >, 0);

  next = jx_new_year_copy (doc, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jx_document_get_year (next), ==, 2025);
  g_assert_nonnull (strstr (jx_document_get_title (next), "2025年"));
  g_assert_null (strstr (jx_document_get_title (next), "2024"));
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_annotations (next)), ==, 0);
  g_assert_cmpuint (info.n_comments, ==, n_comments);
  g_assert_cmpuint (info.n_replies, ==, 1);
  g_assert_cmpint (jx_document_get_total (next), ==, jx_document_get_total (doc));
  next_ids = ids_and_amounts (next);
  g_assert_cmpstr (next_ids, ==, ids);

  /* The original is as it was. */
  after = write_text (doc);
  g_assert_cmpstr (after, ==, before);

  /* Compared by id, only the year and the title differ. */
  diff = jx_diff_documents (doc, next);
  g_assert_cmpuint (jx_diff_get_n_changes (diff), ==, 2);
  g_assert_cmpstr (jx_diff_get_change (diff, 0)->field, ==, "year");
  g_assert_cmpstr (jx_diff_get_change (diff, 1)->field, ==, "title");
  g_assert_cmpuint (jx_diff_get_n_comments (diff), ==, n_comments);
}

static void
test_new_year_title (void)
{
  const struct { const char *title; const char *expected; } cases[] = {
    { "某部门2024年项目支出绩效目标表", "某部门2025年项目支出绩效目标表" },
    { "2024年度", "2025年度" },
    { "2024—2026年规划（2024年）", "2025—2026年规划（2025年）" },
    { "编号12024与20245", "编号12024与20245" },
    { "某部门项目支出绩效目标表", "某部门项目支出绩效目标表" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = jx_new_year_title (cases[i].title, 2024, 2025);
      g_assert_cmpstr (title, ==, cases[i].expected);
    }
}

static void
test_new_year_no_year (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(GError) error = NULL;

  jx_document_set_title (doc, "标题");
  g_assert_false (jx_new_year_apply (doc, NULL, &error));
  g_assert_error (error, JX_NEW_YEAR_ERROR, JX_NEW_YEAR_ERROR_NO_YEAR);
  g_assert_cmpint (jx_document_get_year (doc), ==, 0);
  g_clear_error (&error);

  jx_document_set_year (doc, 9999);
  g_assert_false (jx_new_year_apply (doc, NULL, &error));
  g_assert_error (error, JX_NEW_YEAR_ERROR, JX_NEW_YEAR_ERROR_LAST_YEAR);
  g_assert_cmpint (jx_document_get_year (doc), ==, 9999);
}

/* --- the comments report -------------------------------------------------- */

static void
test_review_order (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open = NULL;
  GListModel *comments = jx_document_get_annotations (doc);
  guint n_comments = g_list_model_get_n_items (comments);
  JxAnnotation *on_goal, *on_table, *on_removed, *on_gone_field;
  const JxReviewEntry *first, *last;
  int last_project = -1;
  GString *places = g_string_new (NULL);

  /* A comment on the whole table, one on a project's goal (after its
   * amounts in the field table), one whose indicator is then removed, one
   * on a field the table does not have. */
  on_goal = jx_edit_add_annotation (doc, "p1", "goal", "审核人", "目标不够具体。");
  on_table = jx_edit_add_annotation (doc, "", NULL, "审核人", "整体意见。");
  on_removed = jx_edit_add_annotation (doc, "i3", NULL, "审核人", "这个指标要删掉。");
  on_gone_field = jx_edit_add_annotation (doc, "p2", "weight", "审核人", "权重？");
  jx_edit_remove (doc, lookup (doc, "i3"));
  jx_edit_set_resolved (doc, on_goal, TRUE);

  all = jx_review_entries (doc, FALSE);
  open = jx_review_entries (doc, TRUE);
  /* The comments, the 4 new ones and the one reply; --open leaves out the resolved one only. */
  g_assert_cmpuint (all->len, ==, n_comments + 5);
  g_assert_cmpuint (open->len, ==, n_comments + 4);

  first = g_ptr_array_index (all, 0);
  g_assert_true (first->comment == on_table);
  {
    g_autofree char *place = jx_review_entry_place (first);
    g_assert_cmpstr (place, ==, "(the whole table)");
  }
  last = g_ptr_array_index (all, all->len - 1);
  g_assert_true (last->comment == on_removed);
  {
    g_autofree char *place = jx_review_entry_place (last);
    g_assert_cmpstr (place, ==, "(a removed item, i3)");
  }

  for (guint i = 0; i < all->len; i++)
    {
      const JxReviewEntry *e = g_ptr_array_index (all, i);

      if (e->comment == on_gone_field)
        {
          g_autofree char *field = jx_review_entry_field (e);
          g_assert_cmpstr (field, ==, "(on a removed field: weight)");
        }
      if (e->project != NULL)
        {
          /* Projects in table order: p1 before p2 before … */
          int number = atoi (jx_node_get_id (JX_NODE (e->project)) + 1);
          g_assert_cmpint (number, >=, last_project);
          last_project = number;
        }
      if (e->depth > 0)
        g_assert_true (((JxReviewEntry *) g_ptr_array_index (all, i - 1))->thread == e->thread);
      g_string_append_printf (places, "%s;", jx_node_get_id (JX_NODE (e->comment)));
    }
  /* On p1: the comment on 财政拨款 (with its reply) before the one on the goal. */
  g_assert_nonnull (strstr (places->str, "a14;a15;"));
  {
    g_autofree char *goal = g_strdup_printf ("a15;%s;", jx_node_get_id (JX_NODE (on_goal)));
    g_assert_nonnull (strstr (places->str, goal));
  }
  g_string_free (places, TRUE);
}

static void
test_review_open_counts (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  JxAnnotation *a14 = JX_ANNOTATION (lookup (doc, "a14"));

  /* a14 on p1's 财政拨款, a1 on its indicator i7; all 14 under u1. */
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "p1")), ==, 2);
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "i7")), ==, 1);
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "p2")), ==, 0);
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "u1")), ==, 14);
  g_assert_cmpuint (jx_review_count_open (doc, JX_NODE (doc)), ==, 14);

  /* Resolved, and a reply (replies are not counted), through the history. */
  jx_edit_set_resolved (doc, a14, TRUE);
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "p1")), ==, 1);
  jx_edit_reply (doc, JX_ANNOTATION (lookup (doc, "a1")), "组织部", "已修改。");
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "p1")), ==, 1);
  jx_history_undo (jx_document_get_history (doc));
  jx_history_undo (jx_document_get_history (doc));
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "p1")), ==, 2);
  /* A comment whose item is removed no longer counts anywhere. */
  jx_edit_remove (doc, lookup (doc, "i7"));
  g_assert_cmpuint (jx_review_count_open (doc, lookup (doc, "p1")), ==, 1);
  g_assert_cmpuint (jx_review_count_open (doc, JX_NODE (doc)), ==, 13);
}

/* --- last year's values ------------------------------------------------- */

static JxDocument *
next_year_of_example (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(GError) error = NULL;
  JxDocument *next = jx_new_year_copy (doc, NULL, &error);

  g_assert_no_error (error);
  return next;
}

static void
test_previous_recorded (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(JxDocument) next = next_year_of_example ();
  JxProject *project = JX_PROJECT (lookup (next, "p3"));
  JxIndicator *indicator = JX_INDICATOR (lookup (next, "i12"));
  const JxField *source = jx_document_get_source (next, 0);
  const JxField *annual = jx_field_lookup (JX_FIELD_OWNER_INDICATOR, "annual-value");
  const JxField *title = jx_field_lookup (JX_FIELD_OWNER_DOCUMENT, "title");
  const JxField *year = jx_field_lookup (JX_FIELD_OWNER_DOCUMENT, "year");
  const JxField *total = jx_field_lookup (JX_FIELD_OWNER_PROJECT, "total");
  g_autofree char *amount = jx_money_to_decimal (jx_project_get_source (project, 0));
  g_autofree char *was = g_strdup (jx_indicator_get_annual_value (indicator));
  JxProject *added;

  /* The document, each unit, project and indicator: the year and values before. */
  g_assert_cmpint (jx_node_get_previous_year (JX_NODE (next)), ==, 2024);
  g_assert_cmpstr (jx_node_get_previous (JX_NODE (next), title), ==, jx_document_get_title (doc));
  g_assert_null (jx_node_get_previous (JX_NODE (next), year));
  g_assert_cmpint (jx_node_get_previous_year (lookup (next, "u1")), ==, 2024);
  g_assert_cmpint (jx_node_get_previous_year (JX_NODE (project)), ==, 2024);
  g_assert_cmpstr (jx_node_get_previous (JX_NODE (project), source), ==, amount);
  g_assert_null (jx_node_get_previous (JX_NODE (project), total));
  g_assert_cmpstr (jx_node_get_previous (JX_NODE (indicator), annual), ==, was);

  /* An edit changes this year's value only; a new project has no last year. */
  jx_edit_set_string (next, indicator, annual->id, "≥99%");
  g_assert_cmpstr (jx_node_get_previous (JX_NODE (indicator), annual), ==, was);
  added = jx_edit_add_project (next, jx_project_get_unit (project), 0, "新项目");
  g_assert_cmpint (jx_node_get_previous_year (JX_NODE (added)), ==, 0);
  g_assert_null (jx_node_get_previous (JX_NODE (added), source));

  /* The original table has none. */
  g_assert_cmpint (jx_node_get_previous_year (lookup (doc, "p3")), ==, 0);
  g_assert_false (jx_document_has_previous (doc));
  g_assert_true (jx_document_has_previous (next));
}

static void
test_previous_xml (void)
{
  g_autoptr(JxDocument) plain = load_example ();
  g_autoptr(JxDocument) next = next_year_of_example ();
  g_autofree char *plain_xml = write_text (plain);
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JxDocument) back = NULL;
  const JxField *source = jx_document_get_source (next, 0);
  const JxField *goal = jx_field_lookup (JX_FIELD_OWNER_PROJECT, "goal");
  JxNode *project;

  /* Without last year's values a table stays format 1, byte for byte. */
  g_assert_nonnull (strstr (plain_xml, " format=\"1\" "));
  g_assert_null (strstr (plain_xml, "<previous"));

  jx_project_set_goal (JX_PROJECT (lookup (next, "p3")), "今年的目标");
  xml = write_text (next);
  g_assert_nonnull (strstr (xml, " format=\"2\" year=\"2025\""));
  /* Only what differs from this year is written: p3's goal, the title. */
  g_assert_nonnull (strstr (xml, "<goal>今年的目标</goal>\n      <previous year=\"2024\">\n        <goal>"));
  g_assert_nonnull (strstr (xml, "<previous year=\"2024\">\n    <title>"));
  g_assert_nonnull (strstr (xml, "<annual-value>100%</annual-value>\n        <previous year=\"2024\"/>"));

  /* Loaded (through the schema) and written again: the same bytes and values. */
  back = load_text (xml);
  again = write_text (back);
  g_assert_cmpstr (again, ==, xml);
  project = lookup (back, "p3");
  g_assert_cmpint (jx_node_get_previous_year (project), ==, 2024);
  g_assert_cmpstr (jx_node_get_previous (project, source), ==, jx_node_get_previous (lookup (next, "p3"), source));
  g_assert_cmpstr (jx_node_get_previous (project, goal), ==, jx_project_get_goal (JX_PROJECT (lookup (plain, "p3"))));
  g_assert_cmpstr (jx_project_get_goal (JX_PROJECT (project)), ==, "今年的目标");
  g_assert_true (jx_document_has_previous (back));
}

static void
test_previous_json (void)
{
  g_autoptr(JxDocument) next = next_year_of_example ();
  JxProject *p1 = JX_PROJECT (lookup (next, "p1"));
  const JxField *source = jx_document_get_source (next, 0);
  const JxField *goal = jx_field_lookup (JX_FIELD_OWNER_PROJECT, "goal");
  g_autofree char *last_year = jx_money_to_decimal (jx_project_get_source (p1, 0));
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *back_xml = NULL;
  JsonObject *project;
  JsonObject *previous;

  /* This year's amount and goal differ from last year's. */
  g_assert_true (jx_edit_set_money (next, p1, source->id, jx_project_get_source (p1, 0) + 100, NULL));
  jx_edit_set_string (next, p1, goal->id, "新目标");
  json = jx_json_from_document (next);
  back = jx_json_to_document (json, &error);
  g_assert_no_error (error);
  xml = write_text (next);
  back_xml = write_text (back);
  g_assert_cmpstr (back_xml, ==, xml);
  g_assert_cmpstr (jx_node_get_previous (lookup (back, "p1"), source), ==, last_year);
  g_assert_cmpstr (jx_node_get_previous (lookup (back, "p1"), goal), ==, "");

  project = json_array_get_object_element (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (json), "units"), 0),
    "projects"), 0);
  previous = json_object_get_object_member (project, "previous");
  g_assert_cmpint (json_object_get_int_member (previous, "year"), ==, 2024);
  g_assert_cmpstr (json_object_get_string_member (previous, source->json_member), ==, last_year);
  g_assert_cmpstr (json_object_get_string_member (previous, goal->json_member), ==, "");
  /* What did not change is left out. */
  g_assert_false (json_object_has_member (previous, jx_field_lookup (JX_FIELD_OWNER_PROJECT, "name")->json_member));
}

static void
test_previous_bad (void)
{
  g_autoptr(JxDocument) next = next_year_of_example ();
  JxProject *p1 = JX_PROJECT (lookup (next, "p1"));
  g_autofree char *xml = NULL;
  const char *from = "<previous year=\"2024\" fiscal=\"10464.80\"";
  const struct { const char *to, *rule; } cases[] = {
    /* An amount that is not one, a previous without its year, a year that is none. */
    { "<previous year=\"2024\" fiscal=\"10464.8x\"", "amount" },
    { "<previous fiscal=\"10464.80\"", "schema" },
    { "<previous year=\"去年\" fiscal=\"10464.80\"", "schema" },
  };
  guint line = 1;

  g_assert_true (jx_edit_set_money (next, p1, jx_document_get_source (next, 0)->id, 1, NULL));
  xml = write_text (next);
  g_assert_nonnull (strstr (xml, from));
  for (const char *p = xml; p < strstr (xml, from); p++)
    line += *p == '\n';

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = g_strsplit (xml, from, 2);
      g_autofree char *bad = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JxProblem) problem = NULL;
      g_autoptr(JxDocument) doc = NULL;

      bad = g_strjoin (cases[i].to, parts[0], parts[1], NULL);
      bytes = g_bytes_new (bad, strlen (bad));
      doc = jx_xml_load_bytes (bytes, "bad", &problem, &error);
      g_assert_null (doc);
      g_assert_nonnull (problem);
      g_assert_cmpstr (problem->rule, ==, cases[i].rule);
      g_assert_cmpuint (problem->line, ==, line);
    }
}

static void
test_previous_not_compared (void)
{
  g_autoptr(JxDocument) a = next_year_of_example ();
  g_autoptr(JxDocument) b = load_example ();
  g_autoptr(JxDiff) diff = NULL;

  /* Last year's values are not part of the table: only year and title differ
   * (and the comments b still has). */
  diff = jx_diff_documents (a, b);
  g_assert_cmpuint (jx_diff_get_n_changes (diff), ==, 2);
}

/* A snapshot is the same table: the same bytes when written, whether
 * copied at once or one project a step; with last year's values, comments
 * and replies, four decimals and a template's own sources. */
static void
test_snapshot_same_bytes (void)
{
  g_autoptr(JxDocument) doc = load_example ();
  g_autoptr(GError) error = NULL;
  JxNewYearInfo info = { 0, 0 };
  g_autoptr(JxDocument) next = NULL;
  g_autoptr(JxDocument) plain = load_text (TABLE_PLAIN (" decimals=\"4\"", "1.2345", "2.0000"));
  GListModel *comments = jx_document_get_annotations (doc);
  g_autoptr(JxAnnotation) first = g_list_model_get_item (comments, 0);

  jx_edit_reply (doc, first, "审核人", "已核实。");
  next = jx_new_year_copy (doc, &info, &error);
  g_assert_no_error (error);
  jx_edit_add_annotation (next, "p2", "goal", "审核人", "请细化目标。");
  g_assert_true (jx_document_has_previous (next));

  JxDocument *docs[] = { doc, next, plain };
  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      g_autofree char *bytes = write_text (docs[d]);
      g_autoptr(JxDocument) whole = jx_document_snapshot (docs[d]);
      g_autofree char *whole_bytes = write_text (whole);
      g_autoptr(JxSnapshot) snapshot = jx_snapshot_new (docs[d]);
      g_autoptr(JxDocument) sliced = NULL;
      g_autofree char *sliced_bytes = NULL;
      guint steps = 1;

      /* A deadline already past: one project a step. */
      while (!jx_snapshot_step (snapshot, 0, &sliced))
        steps++;
      sliced_bytes = write_text (sliced);
      g_assert_cmpstr (whole_bytes, ==, bytes);
      g_assert_cmpstr (sliced_bytes, ==, bytes);
      g_assert_cmpuint (steps, >=, jx_document_get_n_projects (docs[d]));
      g_assert_cmpint (jx_document_get_total (sliced), ==, jx_document_get_total (docs[d]));
      g_assert_cmpuint (jx_document_get_n_indicators (sliced), ==, jx_document_get_n_indicators (docs[d]));
      /* Its own items: an edit of the copy leaves the table alone. */
      {
        g_autoptr(JxFundingUnit) unit = g_list_model_get_item (jx_document_get_units (sliced), 0);
        g_autoptr(JxProject) project = g_list_model_get_item (jx_funding_unit_get_projects (unit), 0);
        JxNode *original = lookup (docs[d], jx_node_get_id (JX_NODE (project)));

        g_assert_true (original != JX_NODE (project));
        g_assert_true (jx_edit_set_text (sliced, project, "name", "改过的名称", NULL));
        g_assert_cmpstr (jx_project_get_name (JX_PROJECT (original)), !=, "改过的名称");
      }
    }
}

/* The diff against a snapshot, mapped back to the table by id, is the diff
 * against the table: the same changes, naming the table's own items. One
 * that names an item the table no longer has is refused whole. */
static void
test_diff_remap (void)
{
  g_autoptr(JxDocument) a = load_example ();
  g_autoptr(JxDocument) b = load_example ();
  g_autoptr(JxDocument) copy = NULL;
  g_autoptr(JxDiff) direct = NULL;
  g_autoptr(JxDiff) diff = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GListModel *comments = jx_document_get_annotations (b);
  g_autoptr(JxAnnotation) first = g_list_model_get_item (comments, 0);
  JxProject *p2 = JX_PROJECT (lookup (b, "p2"));
  JxProject *added;

  g_assert_true (jx_edit_set_money (b, p2, "fiscal", jx_project_get_source (p2, 0) + 100, NULL));
  jx_edit_remove (b, lookup (b, "p3"));
  added = jx_edit_add_project (b, jx_project_get_unit (p2), 0, "新增项目");
  jx_edit_set_resolved (b, first, TRUE);

  direct = jx_diff_documents (a, b);
  expected = summary (direct);
  copy = jx_document_snapshot (b);
  diff = jx_diff_documents (a, copy);
  g_assert_true (jx_diff_remap (diff, copy, b));
  text = summary (diff);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (jx_diff_get_n_changes (diff), >=, 3);
  for (guint i = 0; i < jx_diff_get_n_changes (diff); i++)
    {
      const JxChange *change = jx_diff_get_change (diff, i);
      const JxChange *want = jx_diff_get_change (direct, i);

      g_assert_true (change->new_node == want->new_node);
      g_assert_true (change->new_parent == want->new_parent);
      g_assert_true (change->old_node == want->old_node);
    }
  g_assert_true (jx_diff_get_comment (diff, 0)->new_node == JX_NODE (first));
  g_assert_true (jx_diff_get_change (diff, 0)->new_node == JX_NODE (added)
                 || jx_diff_get_change (diff, 1)->new_node == JX_NODE (added));

  /* The table lost an item the changes name: nothing is mapped. */
  diff = (jx_diff_free (diff), jx_diff_documents (a, copy));
  before = summary (diff);
  jx_edit_remove (b, JX_NODE (added));
  g_assert_false (jx_diff_remap (diff, copy, b));
  after = summary (diff);
  g_assert_cmpstr (after, ==, before);
  for (guint i = 0; i < jx_diff_get_n_changes (diff); i++)
    {
      const JxChange *change = jx_diff_get_change (diff, i);

      g_assert_true (change->new_node == NULL || jx_node_get_document (change->new_node) == copy);
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  jx_init ();

  g_test_add_func ("/diff/same-table-has-no-changes", test_same);
  g_test_add_func ("/diff/amount-old-new-and-delta", test_amount);
  g_test_add_func ("/diff/amount-at-another-precision", test_amount_other_precision);
  g_test_add_func ("/diff/project-added-and-removed-one-change-each", test_project_added_removed);
  g_test_add_func ("/diff/indicator-field", test_indicator_field);
  g_test_add_func ("/diff/removed-items-placed-in-b", test_removed_place);
  g_test_add_func ("/diff/project-moved-to-another-unit", test_moved_project);
  g_test_add_func ("/diff/two-imports-match-by-name", test_match_by_name);
  g_test_add_func ("/diff/renamed-project-matched-by-id", test_renamed_keeps_id);
  g_test_add_func ("/diff/comments-listed-apart", test_comments_apart);
  g_test_add_func ("/diff/json", test_json);
  g_test_add_func ("/diff/snapshot-same-bytes", test_snapshot_same_bytes);
  g_test_add_func ("/diff/remap-snapshot-to-table", test_diff_remap);
  g_test_add_func ("/new-year/year-title-ids-amounts-no-comments", test_new_year);
  g_test_add_func ("/new-year/title-year-standing-alone", test_new_year_title);
  g_test_add_func ("/new-year/refuses-without-a-year", test_new_year_no_year);
  g_test_add_func ("/review/grouped-in-table-order", test_review_order);
  g_test_add_func ("/review/open-counts-follow-edits", test_review_open_counts);
  g_test_add_func ("/previous/recorded-by-new-year", test_previous_recorded);
  g_test_add_func ("/previous/xml-format-2-round-trip", test_previous_xml);
  g_test_add_func ("/previous/json-round-trip", test_previous_json);
  g_test_add_func ("/previous/bad-values-located", test_previous_bad);
  g_test_add_func ("/previous/not-compared-by-diff", test_previous_not_compared);

  return g_test_run ();
}
