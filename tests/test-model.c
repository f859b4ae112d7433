/* test-model.c: the document tree, its totals and their notifications
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-model"

#include "config.h"

#include <libglib-testing/signal-logger.h>

#include "jx-edit.h"
#include "jx-model-private.h"
#include "jx-money.h"

/* A document with one unit holding two projects, built as a loader would. */
typedef struct
{
  JxDocument    *doc;
  JxFundingUnit *unit;
  JxProject     *a;
  JxProject     *b;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->doc = jx_document_new ();
  f->unit = jx_funding_unit_new ("组织部");
  jx_node_set_id (JX_NODE (f->unit), "u1");
  jx_node_append_child (JX_NODE (f->doc), JX_NODE (f->unit));
  g_object_unref (f->unit);

  f->a = jx_project_new ("社区党员活动经费");
  jx_node_set_id (JX_NODE (f->a), "p1");
  jx_project_set_source (f->a, 0, 1046480);
  jx_node_append_child (JX_NODE (f->unit), JX_NODE (f->a));
  g_object_unref (f->a);

  f->b = jx_project_new ("公务员考试录用工作经费");
  jx_node_set_id (JX_NODE (f->b), "p2");
  jx_project_set_source (f->b, 0, 2576);
  jx_node_append_child (JX_NODE (f->unit), JX_NODE (f->b));
  g_object_unref (f->b);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->doc);
}

static void
test_totals_after_building (Fixture       *f,
                            gconstpointer  data)
{
  g_assert_cmpint (jx_project_get_total (f->a), ==, 1046480);
  g_assert_cmpint (jx_funding_unit_get_total (f->unit), ==, 1049056);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1049056);
  g_assert_cmpuint (jx_document_get_n_projects (f->doc), ==, 2);
  g_assert_true (jx_node_get_document (JX_NODE (f->a)) == f->doc);
  g_assert_true (jx_project_get_unit (f->b) == f->unit);
}

/* An amount edit notifies "total" exactly once at each of the three levels,
 * and nothing else but the amount itself. */
static void
test_total_notifies_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, f->a, "notify");
  gt_signal_logger_connect (logger, f->unit, "notify");
  gt_signal_logger_connect (logger, f->doc, "notify");

  jx_project_set_source (f->a, 1, 100);

  gt_signal_logger_assert_notify_emission_pop (logger, f->a, "special");
  gt_signal_logger_assert_notify_emission_pop (logger, f->a, "total");
  gt_signal_logger_assert_notify_emission_pop (logger, f->unit, "total");
  gt_signal_logger_assert_notify_emission_pop (logger, f->doc, "total");
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_cmpint (jx_project_get_total (f->a), ==, 1046580);
  g_assert_cmpint (jx_funding_unit_get_total (f->unit), ==, 1049156);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1049156);
}

static void
test_same_value_notifies_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, f->a, "notify");
  gt_signal_logger_connect (logger, f->unit, "notify");
  gt_signal_logger_connect (logger, f->doc, "notify");

  jx_project_set_source (f->a, 0, 1046480);
  jx_project_set_name (f->a, "社区党员活动经费");
  jx_project_set_confidential (f->a, FALSE);
  gt_signal_logger_assert_no_emissions (logger);
}

/* Through the history the property is set with g_object_set_property(),
 * which holds back the project's own notifications until it returns, so the
 * order across objects differs; each level must still hear exactly once. */
static void
assert_total_notified_once_each (GtSignalLogger **loggers,
                                 gpointer        *objects)
{
  for (guint i = 0; i < 3; i++)
    {
      gt_signal_logger_assert_notify_emission_pop (loggers[i], objects[i], "total");
      gt_signal_logger_assert_no_emissions (loggers[i]);
    }
}

static void
test_edit_notifies_once (Fixture       *f,
                         gconstpointer  data)
{
  GtSignalLogger *loggers[3];
  gpointer objects[3] = { f->b, f->unit, f->doc };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      loggers[i] = gt_signal_logger_new ();
      gt_signal_logger_connect (loggers[i], objects[i], "notify::total");
    }

  g_assert_true (jx_edit_set_money (f->doc, f->b, "other", 1, &error));
  g_assert_no_error (error);
  assert_total_notified_once_each (loggers, objects);

  /* Undo is a change too: once more each, back to the old figures. */
  g_assert_true (jx_history_undo (jx_document_get_history (f->doc)));
  assert_total_notified_once_each (loggers, objects);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1049056);

  for (guint i = 0; i < 3; i++)
    gt_signal_logger_free (loggers[i]);
}

/* Adding or removing a whole project moves its total in and out of the unit
 * and the document in one notification each. */
static void
test_insert_remove_adjusts_totals (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(JxProject) c = jx_project_new ("购置经费");
  g_autoptr(JxIndicator) indicator = jx_indicator_new ("1", "11", "设备的采购率");

  jx_project_set_source (c, 0, 5422);
  jx_project_set_source (c, 2, 78);
  jx_node_append_child (JX_NODE (c), JX_NODE (indicator));

  gt_signal_logger_connect (logger, f->unit, "notify::total");
  gt_signal_logger_connect (logger, f->doc, "notify::total");

  jx_node_insert_child (JX_NODE (f->unit), 1, JX_NODE (c));
  gt_signal_logger_assert_notify_emission_pop (logger, f->unit, "total");
  gt_signal_logger_assert_notify_emission_pop (logger, f->doc, "total");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1049056 + 5500);
  g_assert_cmpuint (jx_document_get_n_projects (f->doc), ==, 3);
  g_assert_cmpuint (jx_document_get_n_indicators (f->doc), ==, 1);

  jx_node_remove_child (JX_NODE (f->unit), JX_NODE (c));
  gt_signal_logger_assert_notify_emission_pop (logger, f->unit, "total");
  gt_signal_logger_assert_notify_emission_pop (logger, f->doc, "total");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1049056);
  g_assert_cmpuint (jx_document_get_n_projects (f->doc), ==, 2);
  g_assert_cmpuint (jx_document_get_n_indicators (f->doc), ==, 0);
  g_assert_null (jx_node_get_parent (JX_NODE (c)));
}

/* The funding columns of a unit and of 合计 add up its projects' columns,
 * and together they make the live total. */
static void
test_sum_sources (Fixture       *f,
                  gconstpointer  data)
{
  JxMoney unit[JX_MAX_SOURCES], all[JX_MAX_SOURCES];

  jx_project_set_source (f->b, 1, 50);
  jx_project_set_source (f->a, 2, 7);
  g_assert_true (jx_funding_unit_sum_sources (f->unit, unit));
  g_assert_cmpint (unit[0], ==, 1046480 + 2576);
  g_assert_cmpint (unit[1], ==, 50);
  g_assert_cmpint (unit[2], ==, 7);
  g_assert_cmpint (unit[0] + unit[1] + unit[2], ==, jx_funding_unit_get_total (f->unit));
  g_assert_true (jx_document_sum_sources (f->doc, all));
  g_assert_cmpint (all[0] + all[1] + all[2], ==, jx_document_get_total (f->doc));
}

static void
test_overflow_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Fits the project alone, but not the unit's total. */
  g_assert_false (jx_edit_set_money (f->doc, f->a, "special", G_MAXINT64 - 1046480, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_OVERFLOW);
  g_assert_cmpint (jx_project_get_source (f->a, 1), ==, 0);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1049056);
  g_assert_false (jx_history_can_undo (jx_document_get_history (f->doc)));
}

static void
test_lookup_and_ids (Fixture       *f,
                     gconstpointer  data)
{
  JxIndicator *indicator = jx_edit_add_indicator (f->doc, f->a, 0, "1", "11");
  const char *id = jx_node_get_id (JX_NODE (indicator));

  g_assert_nonnull (id);
  g_assert_true (jx_document_lookup (f->doc, "p1") == JX_NODE (f->a));
  g_assert_true (jx_document_lookup (f->doc, id) == JX_NODE (indicator));
  g_assert_null (jx_document_lookup (f->doc, "nope"));

  /* Removing a project takes its indicators out of the index too. */
  jx_edit_remove (f->doc, JX_NODE (f->a));
  g_assert_null (jx_document_lookup (f->doc, "p1"));
  g_assert_null (jx_document_lookup (f->doc, id));
  jx_history_undo (jx_document_get_history (f->doc));
  g_assert_true (jx_document_lookup (f->doc, id) == JX_NODE (indicator));
}

static void
test_children_are_list_models (Fixture       *f,
                               gconstpointer  data)
{
  GListModel *projects = jx_funding_unit_get_projects (f->unit);
  g_autoptr(JxProject) first = g_list_model_get_item (projects, 0);

  g_assert_true (g_list_model_get_item_type (projects) == JX_TYPE_PROJECT);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 2);
  g_assert_true (first == f->a);
  g_assert_true (jx_node_get_children (JX_NODE (f->a), JX_TYPE_INDICATOR) == jx_project_get_indicators (f->a));
  g_assert_null (jx_node_get_children (JX_NODE (f->a), JX_TYPE_PROJECT));
}

/* Dropping the document must not leave projects pointing at it. */
static void
test_detached_on_dispose (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new ("u");
  g_autoptr(JxProject) project = jx_project_new ("p");

  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  jx_node_append_child (JX_NODE (unit), JX_NODE (project));
  g_clear_object (&doc);
  g_assert_null (jx_node_get_parent (JX_NODE (unit)));
  g_assert_null (jx_node_get_document (JX_NODE (project)));
  jx_project_set_source (project, 0, 100);
  g_assert_cmpint (jx_funding_unit_get_total (unit), ==, 100);
}

/* A comment whose item was removed (and the table saved) keeps its target
 * id: a project added later must not take that id and inherit the comment. */
static void
test_new_id_skips_comment_targets (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  JxFundingUnit *unit = jx_funding_unit_new ("组织部");
  g_autoptr(JxAnnotation) orphan = jx_annotation_new ("p1", NULL, "审核人", "2026-11-28T10:00:00+08:00",
                                                      "项目已删除，但意见仍在");
  JxProject *added;

  jx_node_set_id (JX_NODE (unit), "u1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  g_object_unref (unit);
  jx_node_set_id (JX_NODE (orphan), "a1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (orphan));

  for (int i = 0; i < 3; i++)
    {
      added = jx_edit_add_project (doc, unit, 0, "新项目");
      g_assert_cmpstr (jx_node_get_id (JX_NODE (added)), !=, "p1");
      g_assert_cmpstr (jx_node_get_id (JX_NODE (added)), !=, "a1");
    }
}

static void
count_changes (GListModel *list,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  guint *log = user_data;

  log[0]++;           /* signals */
  log[1] += added;    /* items */
}

/* What the loader builds with: the totals and ids are right as each project
 * comes, and the list announces them all at once, in the order they came. */
static void
test_batch_append (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new ("组织部");
  GListModel *projects = jx_funding_unit_get_projects (unit);
  JxNodeBatch batch = { NULL, };
  guint log[2] = { 0, 0 };

  jx_node_set_id (JX_NODE (unit), "u1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  g_signal_connect (projects, "items-changed", G_CALLBACK (count_changes), log);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JxProject) project = jx_project_new ("项目");
      g_autofree char *id = g_strdup_printf ("p%u", i);

      jx_node_set_id (JX_NODE (project), id);
      jx_project_set_source (project, 0, 100);
      jx_node_batch_append (&batch, JX_NODE (unit), JX_NODE (project));
    }
  g_assert_cmpuint (jx_document_get_n_projects (doc), ==, 50);
  g_assert_cmpint (jx_document_get_total (doc), ==, 5000);
  g_assert_nonnull (jx_document_lookup (doc, "p49"));
  g_assert_cmpuint (log[0], ==, 0);

  jx_node_batch_clear (&batch);
  g_assert_cmpuint (log[0], ==, 1);
  g_assert_cmpuint (log[1], ==, 50);
  g_assert_cmpuint (g_list_model_get_n_items (projects), ==, 50);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JxNode) project = g_list_model_get_item (projects, i);
      g_autofree char *id = g_strdup_printf ("p%u", i);

      g_assert_cmpstr (jx_node_get_id (project), ==, id);
      g_assert_true (jx_node_get_parent (project) == JX_NODE (unit));
    }
  g_signal_handlers_disconnect_by_func (projects, count_changes, log);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
check_counted (GListModel *list,
               guint       position,
               guint       removed,
               guint       added,
               gpointer    user_data)
{
  JxDocument *doc = user_data;

  /* When the list announces them, every count includes them. */
  g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, position + added);
}

/* A project's indicators through a batch (the loaders): counted in the
 * project, its unit and the document, and announced once for the batch,
 * not once per indicator (a city's table has 120,000). */
static void
test_batch_indicator_counts (void)
{
  g_autoptr(JxDocument) doc = jx_document_new ();
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new ("组织部");
  g_autoptr(JxProject) project = jx_project_new ("项目");
  g_autoptr(JxIndicator) last = NULL;
  GListModel *indicators = jx_project_get_indicators (project);
  JxNodeBatch batch = { NULL, };
  guint notified = 0, n = 0;

  jx_node_set_id (JX_NODE (unit), "u1");
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  jx_node_set_id (JX_NODE (project), "p1");
  jx_node_append_child (JX_NODE (unit), JX_NODE (project));
  g_signal_connect (project, "notify::n-indicators", G_CALLBACK (count_notify), &notified);
  g_signal_connect (indicators, "items-changed", G_CALLBACK (check_counted), doc);
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(JxIndicator) indicator = jx_indicator_new ("01", "011", "指标");
      g_autofree char *id = g_strdup_printf ("i%u", i);

      jx_node_set_id (JX_NODE (indicator), id);
      jx_node_batch_append (&batch, JX_NODE (project), JX_NODE (indicator));
      g_set_object (&last, indicator);
    }
  g_assert_nonnull (jx_document_lookup (doc, "i29"));
  jx_node_batch_clear (&batch);

  g_assert_cmpuint (notified, ==, 1);
  g_object_get (project, "n-indicators", &n, NULL);
  g_assert_cmpuint (n, ==, 30);
  g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, 30);

  /* Removing one still counts it out everywhere. */
  g_signal_handlers_disconnect_by_func (indicators, check_counted, doc);
  jx_node_remove_child (JX_NODE (project), JX_NODE (last));
  g_object_get (project, "n-indicators", &n, NULL);
  g_assert_cmpuint (n, ==, 29);
  g_assert_cmpuint (jx_document_get_n_indicators (doc), ==, 29);
  g_signal_handlers_disconnect_by_func (project, count_notify, &notified);
}

/* Short values are kept once for the whole program (codes, 100%, units);
 * each field still behaves as its own: changing or freeing one leaves the
 * others as they were. */
static void
test_shared_short_values (void)
{
  g_autoptr(JxIndicator) a = jx_indicator_new ("1", "11", "发放人数");
  g_autoptr(JxIndicator) b = jx_indicator_new ("1", "11", "发放人数");
  g_autofree char *long_value = g_strnfill (200, 'x');

  jx_indicator_set_annual_value (a, "≥95%");
  jx_indicator_set_annual_value (b, "≥95%");
  jx_indicator_set_field (a, "measure-unit", "人");
  jx_indicator_set_field (b, "measure-unit", "人");
  jx_indicator_set_annual_value (a, "100%");
  g_assert_cmpstr (jx_indicator_get_annual_value (b), ==, "≥95%");
  jx_indicator_set_annual_value (a, long_value);
  g_assert_cmpstr (jx_indicator_get_annual_value (a), ==, long_value);
  g_clear_object (&a);
  g_assert_cmpstr (jx_indicator_get_annual_value (b), ==, "≥95%");
  g_assert_cmpstr (jx_indicator_get_field (b, "measure-unit"), ==, "人");
  g_assert_cmpstr (jx_indicator_get_category (b), ==, "1");
  g_assert_cmpstr (jx_indicator_get_subcategory (b), ==, "11");
  jx_indicator_set_annual_value (b, "");
  g_assert_cmpstr (jx_indicator_get_annual_value (b), ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/totals/after-building", test_totals_after_building);
  ADD ("/model/totals/notify-once-per-level", test_total_notifies_once);
  ADD ("/model/totals/same-value-notifies-nothing", test_same_value_notifies_nothing);
  ADD ("/model/totals/edit-and-undo-notify-once", test_edit_notifies_once);
  ADD ("/model/totals/insert-remove-project", test_insert_remove_adjusts_totals);
  ADD ("/model/totals/overflow-refused", test_overflow_refused);
  ADD ("/model/totals/funding-columns", test_sum_sources);
  ADD ("/model/ids/lookup-follows-tree", test_lookup_and_ids);
  ADD ("/model/children/are-list-models", test_children_are_list_models);
#undef ADD
  g_test_add_func ("/model/dispose/detaches-children", test_detached_on_dispose);
  g_test_add_func ("/model/ids/new-id-skips-comment-targets", test_new_id_skips_comment_targets);
  g_test_add_func ("/model/batch/one-splice-totals-at-once", test_batch_append);
  g_test_add_func ("/model/batch/indicators-counted-once", test_batch_indicator_counts);
  g_test_add_func ("/model/strings/shared-short-values", test_shared_short_values);

  return g_test_run ();
}
