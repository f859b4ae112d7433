/* test-history.c: undo and redo of every edit, typing merges, the modified flag
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <libglib-testing/signal-logger.h>

#include "jx-edit.h"
#include "jx-money.h"

/* Everything a person could see of a document, as text, so that "undo
 * restores the document" can be asserted as one string comparison. */
static void
dump_node (GString *s,
           JxNode  *node,
           int      depth)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;
  static const char *child_types[] = { "JxFundingUnit", "JxProject", "JxIndicator", "JxAnnotation" };

  g_string_append_printf (s, "%*s%s", depth * 2, "", G_OBJECT_TYPE_NAME (node));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (node), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (node), pspecs[i]->name, &value);
      text = g_strdup_value_contents (&value);
      g_string_append_printf (s, " %s=%s", pspecs[i]->name, text);
    }
  g_string_append_c (s, '\n');

  for (guint t = 0; t < G_N_ELEMENTS (child_types); t++)
    {
      GListModel *children = jx_node_get_children (node, g_type_from_name (child_types[t]));

      for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
        {
          g_autoptr(JxNode) child = g_list_model_get_item (children, i);
          g_assert_true (jx_node_get_parent (child) == node);
          dump_node (s, child, depth + 1);
        }
    }
}

static char *
dump (JxDocument *doc)
{
  GString *s = g_string_new (NULL);

  dump_node (s, JX_NODE (doc), 0);
  return g_string_free (s, FALSE);
}

typedef struct
{
  JxDocument    *doc;
  JxHistory     *history;
  JxFundingUnit *unit;
  JxFundingUnit *unit2;
  JxProject     *a;
  JxProject     *b;
  JxIndicator   *ia;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->doc = jx_document_new ();
  f->history = jx_document_get_history (f->doc);
  f->unit = jx_edit_add_unit (f->doc, 0, "组织部");
  f->unit2 = jx_edit_add_unit (f->doc, 1, "党校");
  f->a = jx_edit_add_project (f->doc, f->unit, 0, "社区党员活动经费");
  jx_edit_set_money (f->doc, f->a, "fiscal", 1046480, NULL);
  f->b = jx_edit_add_project (f->doc, f->unit, 1, "村办公经费补助");
  jx_edit_set_money (f->doc, f->b, "fiscal", 572500, NULL);
  f->ia = jx_edit_add_indicator (f->doc, f->a, 0, "1", "11");
  jx_edit_set_string (f->doc, f->ia, "name", "足额发放率");
  jx_edit_add_indicator (f->doc, f->a, 1, "3", "31");
  jx_history_clear (f->history);
  jx_history_set_save_point (f->history);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->doc);
}

typedef void (*EditFunc) (Fixture *f);

/* Applies @edit, then checks that undo gives back the document exactly as it
 * was, that redo gives back exactly the edited one, and the flags follow. */
static void
check_undo_redo (Fixture *f,
                 EditFunc edit)
{
  g_autofree char *before = dump (f->doc);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  JxMoney total_before = jx_document_get_total (f->doc);
  JxMoney total_after;

  g_assert_false (jx_history_get_modified (f->history));
  edit (f);
  after = dump (f->doc);
  total_after = jx_document_get_total (f->doc);
  g_assert_cmpstr (before, !=, after);
  g_assert_true (jx_history_get_modified (f->history));
  g_assert_cmpuint (jx_history_get_n_steps (f->history), ==, 1);
  g_assert_nonnull (jx_history_get_undo_label (f->history));

  g_assert_true (jx_history_undo (f->history));
  undone = dump (f->doc);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, total_before);
  g_assert_false (jx_history_get_modified (f->history));
  g_assert_true (jx_history_can_redo (f->history));

  g_assert_true (jx_history_redo (f->history));
  redone = dump (f->doc);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, total_after);
  g_assert_true (jx_history_get_modified (f->history));
}

static void edit_string (Fixture *f) { jx_edit_set_string (f->doc, f->a, "goal", "按标准安排给社区党组织"); }
static void edit_money (Fixture *f) { g_assert_true (jx_edit_set_money (f->doc, f->b, "special", 12345, NULL)); }
static void edit_boolean (Fixture *f) { jx_edit_set_boolean (f->doc, f->a, "confidential", TRUE); }
static void edit_year (Fixture *f) { jx_edit_set_int (f->doc, f->doc, "year", 2025); }
static void edit_department (Fixture *f) { jx_edit_set_string (f->doc, f->doc, "department", "组织部"); }
static void edit_unit_name (Fixture *f) { jx_edit_set_string (f->doc, f->unit, "name", "新单位"); }
static void edit_category (Fixture *f) { jx_edit_set_category (f->doc, f->ia, "2", "22"); }
static void edit_indicator_values (Fixture *f) { jx_edit_set_string (f->doc, f->ia, "annual-value", "≥98%"); }
static void edit_add_unit (Fixture *f) { jx_edit_add_unit (f->doc, 0, "另一单位"); }
static void edit_add_project (Fixture *f) { jx_edit_add_project (f->doc, f->unit, 1, "新项目"); }
static void edit_add_indicator (Fixture *f) { jx_edit_add_indicator (f->doc, f->b, 0, "2", "21"); }
static void edit_remove_project (Fixture *f) { jx_edit_remove (f->doc, JX_NODE (f->a)); }
static void edit_remove_indicator (Fixture *f) { jx_edit_remove (f->doc, JX_NODE (f->ia)); }
static void edit_remove_unit (Fixture *f) { jx_edit_remove (f->doc, JX_NODE (f->unit)); }
static void edit_move_project_down (Fixture *f) { jx_edit_move (f->doc, JX_NODE (f->a), JX_NODE (f->unit), 1); }
static void edit_move_project_to_unit (Fixture *f) { jx_edit_move (f->doc, JX_NODE (f->a), JX_NODE (f->unit2), 0); }
static void edit_move_indicator_to_project (Fixture *f) { jx_edit_move (f->doc, JX_NODE (f->ia), JX_NODE (f->b), 0); }
static void edit_duplicate_project (Fixture *f) { jx_edit_duplicate (f->doc, JX_NODE (f->a)); }
static void edit_duplicate_indicator (Fixture *f) { jx_edit_duplicate (f->doc, JX_NODE (f->ia)); }
static void edit_add_annotation (Fixture *f) { jx_edit_add_annotation (f->doc, "p1", "fiscal", "李审核", "金额偏高"); }

static void
edit_reply_and_resolve_setup (Fixture *f)
{
  JxAnnotation *a = jx_edit_add_annotation (f->doc, jx_node_get_id (JX_NODE (f->a)), NULL, "李审核", "请补充目标");
  jx_history_clear (f->history);
  jx_history_set_save_point (f->history);
  g_object_set_data (G_OBJECT (f->doc), "annotation", a);
}

static void
edit_reply (Fixture *f)
{
  jx_edit_reply (f->doc, g_object_get_data (G_OBJECT (f->doc), "annotation"), "张起草", "已补充");
}

static void
edit_resolve (Fixture *f)
{
  jx_edit_set_resolved (f->doc, g_object_get_data (G_OBJECT (f->doc), "annotation"), TRUE);
}

static void
edit_remove_annotation (Fixture *f)
{
  jx_edit_remove (f->doc, g_object_get_data (G_OBJECT (f->doc), "annotation"));
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  check_undo_redo (f, (EditFunc) data);
}

static void
test_undo_redo_annotation (Fixture       *f,
                           gconstpointer  data)
{
  edit_reply_and_resolve_setup (f);
  check_undo_redo (f, (EditFunc) data);
}

static void
test_move_keeps_totals (Fixture       *f,
                        gconstpointer  data)
{
  jx_edit_move (f->doc, JX_NODE (f->a), JX_NODE (f->unit2), 0);
  g_assert_cmpint (jx_funding_unit_get_total (f->unit), ==, 572500);
  g_assert_cmpint (jx_funding_unit_get_total (f->unit2), ==, 1046480);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1618980);
  g_assert_cmpstr (jx_node_get_id (JX_NODE (f->a)), ==, "p3");
}

static void
test_duplicate_gets_new_ids (Fixture       *f,
                             gconstpointer  data)
{
  JxNode *copy = jx_edit_duplicate (f->doc, JX_NODE (f->a));
  GListModel *indicators = jx_project_get_indicators (JX_PROJECT (copy));
  g_autoptr(JxIndicator) first = g_list_model_get_item (indicators, 0);
  guint position;

  g_assert_cmpstr (jx_node_get_id (copy), !=, jx_node_get_id (JX_NODE (f->a)));
  g_assert_cmpstr (jx_node_get_id (JX_NODE (first)), !=, jx_node_get_id (JX_NODE (f->ia)));
  g_assert_cmpstr (jx_indicator_get_name (first), ==, "足额发放率");
  g_assert_true (jx_document_lookup (f->doc, jx_node_get_id (JX_NODE (first))) == JX_NODE (first));
  g_assert_true (jx_node_get_position (copy, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1046480 * 2 + 572500);
  g_assert_cmpuint (jx_document_get_n_indicators (f->doc), ==, 4);
}

/* Typing "123" into an amount is one undo step, not three. */
static void
test_typing_merges (Fixture       *f,
                    gconstpointer  data)
{
  jx_edit_set_money (f->doc, f->b, "other", 100, NULL);
  jx_edit_set_money (f->doc, f->b, "other", 1200, NULL);
  jx_edit_set_money (f->doc, f->b, "other", 12300, NULL);
  g_assert_cmpuint (jx_history_get_n_steps (f->history), ==, 1);
  jx_history_undo (f->history);
  g_assert_cmpint (jx_project_get_source (f->b, 2), ==, 0);
  g_assert_cmpint (jx_document_get_total (f->doc), ==, 1618980);
  jx_history_redo (f->history);
  g_assert_cmpint (jx_project_get_source (f->b, 2), ==, 12300);
}

static void
test_break_merge (Fixture       *f,
                  gconstpointer  data)
{
  jx_edit_set_string (f->doc, f->a, "name", "甲");
  jx_history_break_merge (f->history);
  jx_edit_set_string (f->doc, f->a, "name", "甲乙");
  g_assert_cmpuint (jx_history_get_n_steps (f->history), ==, 2);
  jx_history_undo (f->history);
  g_assert_cmpstr (jx_project_get_name (f->a), ==, "甲");
}

static void
test_other_field_does_not_merge (Fixture       *f,
                                 gconstpointer  data)
{
  jx_edit_set_string (f->doc, f->a, "name", "甲");
  jx_edit_set_string (f->doc, f->a, "goal", "乙");
  jx_edit_set_string (f->doc, f->b, "goal", "丙");
  g_assert_cmpuint (jx_history_get_n_steps (f->history), ==, 3);
}

/* Typing back to what was there leaves nothing to undo and nothing modified. */
static void
test_typing_back_is_no_step (Fixture       *f,
                             gconstpointer  data)
{
  jx_edit_set_string (f->doc, f->a, "goal", "x");
  jx_edit_set_string (f->doc, f->a, "goal", "");
  g_assert_cmpuint (jx_history_get_n_steps (f->history), ==, 0);
  g_assert_false (jx_history_get_modified (f->history));
}

static void
test_undo_to_any_depth (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *start = dump (f->doc);
  g_autofree char *end = NULL;
  g_autofree char *back = NULL;

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("项目 %d", i);
      JxProject *p = jx_edit_add_project (f->doc, f->unit2, 0, name);
      jx_edit_set_money (f->doc, p, "fiscal", i * 100 + 1, NULL);
      if (i % 3 == 0)
        jx_edit_remove (f->doc, JX_NODE (p));
    }
  end = dump (f->doc);
  g_assert_cmpuint (jx_history_get_n_steps (f->history), ==, 200 * 2 + 67);
  while (jx_history_undo (f->history))
    ;
  back = dump (f->doc);
  g_assert_cmpstr (back, ==, start);
  g_assert_false (jx_history_get_modified (f->history));
  while (jx_history_redo (f->history))
    ;
  g_free (back);
  back = dump (f->doc);
  g_assert_cmpstr (back, ==, end);
}

static void
test_modified_follows_save_point (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, f->history, "notify::modified");

  jx_edit_set_string (f->doc, f->a, "name", "甲");
  gt_signal_logger_assert_notify_emission_pop (logger, f->history, "modified");
  jx_edit_set_string (f->doc, f->a, "name", "甲乙");   /* merged: still modified */
  gt_signal_logger_assert_no_emissions (logger);

  jx_history_set_save_point (f->history);              /* saved */
  gt_signal_logger_assert_notify_emission_pop (logger, f->history, "modified");
  g_assert_false (jx_history_get_modified (f->history));

  /* Typing after the save starts a new step, so undo reaches the saved text. */
  jx_edit_set_string (f->doc, f->a, "name", "甲乙丙");
  g_assert_true (jx_history_get_modified (f->history));
  g_assert_cmpuint (jx_history_get_n_steps (f->history), ==, 2);
  jx_history_undo (f->history);
  g_assert_false (jx_history_get_modified (f->history));
  g_assert_cmpstr (jx_project_get_name (f->a), ==, "甲乙");
  jx_history_undo (f->history);
  g_assert_true (jx_history_get_modified (f->history));

  /* A new change after undoing past the save point makes it unreachable. */
  jx_edit_set_string (f->doc, f->b, "goal", "新");
  g_assert_false (jx_history_can_redo (f->history));
  while (jx_history_undo (f->history))
    g_assert_true (jx_history_get_modified (f->history));
  g_assert_true (jx_history_get_modified (f->history));
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();

  gt_signal_logger_connect (logger, f->doc, "changed");
  jx_edit_set_category (f->doc, f->ia, "1", "12");
  gt_signal_logger_assert_emission_pop (logger, f->doc, "changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  jx_history_undo (f->history);
  gt_signal_logger_assert_emission_pop (logger, f->doc, "changed", NULL);
  gt_signal_logger_assert_no_emissions (logger);
  /* Setting what is already there records and announces nothing. */
  jx_edit_set_string (f->doc, f->ia, "subcategory", "11");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (jx_history_can_redo (f->history));
}

/* Edits that touch the document itself must not keep it alive: closing a
 * table frees it, whatever its history holds. */
static void
test_document_freed_after_edits (void)
{
  JxDocument *doc = jx_document_new ();
  JxFundingUnit *unit;

  g_object_add_weak_pointer (G_OBJECT (doc), (gpointer *) &doc);
  unit = jx_edit_add_unit (doc, 0, "组织部");
  jx_edit_add_project (doc, unit, 0, "项目");
  jx_edit_set_int (doc, doc, "year", 2025);
  jx_edit_add_annotation (doc, "p1", NULL, "审核", "意见");
  jx_history_undo (jx_document_get_history (doc));
  jx_edit_remove (doc, JX_NODE (unit));
  g_object_unref (doc);
  g_assert_null (doc);
}

/* A history someone still holds after its document is gone can do nothing
 * harmful: it forgot its steps, and the document with them. */
static void
test_history_outlives_document (void)
{
  JxDocument *doc = jx_document_new ();
  g_autoptr(JxHistory) history = g_object_ref (jx_document_get_history (doc));

  jx_edit_set_string (doc, doc, "title", "标题");
  jx_edit_add_unit (doc, 0, "组织部");
  g_assert_true (jx_history_can_undo (history));
  g_object_unref (doc);
  g_assert_false (jx_history_can_undo (history));
  g_assert_false (jx_history_undo (history));
  g_assert_false (jx_history_redo (history));
}

/* Setting a field from its own text (a part of it) must read it before
 * freeing it. */
static void
test_set_from_own_text (void)
{
  g_autoptr(JxProject) project = jx_project_new ("社区党员活动经费");

  jx_project_set_name (project, jx_project_get_name (project) + strlen ("社区"));
  g_assert_cmpstr (jx_project_get_name (project), ==, "党员活动经费");
}

int
main (int argc, char **argv)
{
  static const struct { const char *path; EditFunc func; } edits[] = {
    { "/history/undo-redo/set-goal", edit_string },
    { "/history/undo-redo/set-amount", edit_money },
    { "/history/undo-redo/set-confidential", edit_boolean },
    { "/history/undo-redo/set-year", edit_year },
    { "/history/undo-redo/set-department", edit_department },
    { "/history/undo-redo/set-unit-name", edit_unit_name },
    { "/history/undo-redo/set-category-pair", edit_category },
    { "/history/undo-redo/set-annual-value", edit_indicator_values },
    { "/history/undo-redo/add-unit", edit_add_unit },
    { "/history/undo-redo/add-project", edit_add_project },
    { "/history/undo-redo/add-indicator", edit_add_indicator },
    { "/history/undo-redo/remove-project", edit_remove_project },
    { "/history/undo-redo/remove-indicator", edit_remove_indicator },
    { "/history/undo-redo/remove-unit", edit_remove_unit },
    { "/history/undo-redo/move-project", edit_move_project_down },
    { "/history/undo-redo/move-project-to-other-unit", edit_move_project_to_unit },
    { "/history/undo-redo/move-indicator-to-other-project", edit_move_indicator_to_project },
    { "/history/undo-redo/duplicate-project", edit_duplicate_project },
    { "/history/undo-redo/duplicate-indicator", edit_duplicate_indicator },
    { "/history/undo-redo/add-annotation", edit_add_annotation },
  };
  static const struct { const char *path; EditFunc func; } annotation_edits[] = {
    { "/history/undo-redo/reply-to-annotation", edit_reply },
    { "/history/undo-redo/resolve-annotation", edit_resolve },
    { "/history/undo-redo/remove-annotation", edit_remove_annotation },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    g_test_add (edits[i].path, Fixture, edits[i].func, fixture_set_up, test_undo_redo, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (annotation_edits); i++)
    g_test_add (annotation_edits[i].path, Fixture, annotation_edits[i].func, fixture_set_up,
                test_undo_redo_annotation, fixture_tear_down);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/move/keeps-totals-and-id", test_move_keeps_totals);
  ADD ("/history/duplicate/gets-new-ids", test_duplicate_gets_new_ids);
  ADD ("/history/merge/typing-is-one-step", test_typing_merges);
  ADD ("/history/merge/break-starts-new-step", test_break_merge);
  ADD ("/history/merge/other-field-new-step", test_other_field_does_not_merge);
  ADD ("/history/merge/typing-back-is-no-step", test_typing_back_is_no_step);
  ADD ("/history/depth/undo-everything-and-redo", test_undo_to_any_depth);
  ADD ("/history/modified/follows-save-point", test_modified_follows_save_point);
  ADD ("/history/changed/emitted-once-per-step", test_changed_signal);
#undef ADD
  g_test_add_func ("/history/lifetime/document-freed-after-edits", test_document_freed_after_edits);
  g_test_add_func ("/history/lifetime/history-outlives-document", test_history_outlives_document);
  g_test_add_func ("/history/strings/set-from-own-text", test_set_from_own_text);

  return g_test_run ();
}
