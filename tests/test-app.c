/* test-app.c: the editor's real widgets, driven as a person would
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (build-aux/jx-dev.sh test wraps meson test in xvfb-run);
 * without a display every test is skipped.
 */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "jx-amount-entry.h"
#include "jx-changes-window.h"
#include "jx-comments-panel.h"
#include "jx-dialogs.h"
#include "jx-application.h"
#include "jx-clipboard.h"
#include "jx-edit.h"
#include "jx-indicator-form.h"
#include "jx-init.h"
#include "jx-money.h"
#include "jx-project-form.h"
#include "jx-review.h"
#include "jx-rows.h"
#include "jx-storage.h"
#include "jx-window.h"
#include "jx-test-util.h"
#include "jx-window-private.h"
#include "jx-xml.h"

static JxApplication *app;

/* Runs the main loop until @done says so (or 10 s pass): layout, frames
 * and idle work all happen, without sleeping. */
static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (5, tick_cb, NULL);

  while ((done == NULL || !done (data)) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (done == NULL)
        break;
    }
  g_source_remove (tick);
  if (done != NULL)
    g_assert_true (done (data));
}

/* Until nothing is pending: the idle callbacks GTK queues have run. */
static void
iterate (void)
{
  for (int round = 0; round < 3; round++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      wait_until (NULL, NULL);
    }
}

static JxWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  JxWindow *window = jx_window_new (GTK_APPLICATION (app));

  g_assert_true (jx_window_load_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

static void
close_window (JxWindow *window)
{
  /* Tests discard their changes; no dialog. */
  JxDocument *document = jx_window_get_document (window);

  jx_history_set_save_point (jx_document_get_history (document));
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
}

static JxNode *
lookup (JxWindow   *window,
        const char *id)
{
  JxNode *node = jx_document_lookup (jx_window_get_document (window), id);

  g_assert_nonnull (node);
  return node;
}

typedef struct { JxWindow *window; JxNode *node; } RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;
  g_autofree char *text = jx_window_describe_row (wait->window, wait->node);

  return text != NULL;
}

static char *
row_text (JxWindow *window,
          JxNode   *node)
{
  RowWait wait = { window, node };

  wait_until (row_shown, &wait);
  return jx_window_describe_row (window, node);
}

static void
type_into (GtkEditable *editable,
           const char  *text)
{
  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_set_text (editable, text);
  iterate ();
}

/* ---------------------------------------------------------------- tests */

static void
test_totals_live_and_undo (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxNode *project = lookup (window, "p1");
  JxNode *unit = lookup (window, "u1");
  JxDocument *document = jx_window_get_document (window);
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  GtkWidget *fiscal;
  char *text;

  jx_window_select_node (window, project);
  iterate ();
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "project");
  g_assert_true (jx_window_get_shown_node (window) == project);
  g_assert_cmpstr (jx_project_form_get_total_text (form), ==, "10,464.80");

  text = row_text (window, unit);
  g_assert_cmpstr (text, ==, "中国共产党广州市委员会组织部|56,539.99");
  g_free (text);

  /* Typing into 财政拨款 changes 总计, the unit's subtotal and 合计 at once. */
  fiscal = jx_project_form_get_amount_entry (form, "fiscal");
  type_into (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (fiscal)), "10000");
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 1000000);
  g_assert_cmpstr (jx_project_form_get_total_text (form), ==, "10,000.00");
  g_assert_true (strstr (jx_window_get_status_total (window), "56,075.19") != NULL);
  iterate ();
  text = row_text (window, unit);
  g_assert_cmpstr (text, ==, "中国共产党广州市委员会组织部|56,075.19");
  g_free (text);
  text = row_text (window, project);
  g_assert_cmpstr (text, ==, "社区党员活动经费|10,000.00");
  g_free (text);
  text = row_text (window, JX_NODE (document));
  g_assert_true (g_str_has_suffix (text, "|56,075.19"));
  g_free (text);
  g_assert_true (jx_history_get_modified (jx_document_get_history (document)));

  /* Undo (Ctrl+Z's action) restores the amount, the entry and every label. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 1046480);
  g_assert_cmpstr (gtk_editable_get_text (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (fiscal))), ==,
                   "10,464.80");
  g_assert_cmpstr (jx_project_form_get_total_text (form), ==, "10,464.80");
  g_assert_true (strstr (jx_window_get_status_total (window), "56,539.99") != NULL);
  text = row_text (window, unit);
  g_assert_cmpstr (text, ==, "中国共产党广州市委员会组织部|56,539.99");
  g_free (text);
  g_assert_false (jx_history_get_modified (jx_document_get_history (document)));

  close_window (window);
}

static void
test_invalid_amount_keeps_model (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxNode *project = lookup (window, "p2");
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxAmountEntry *entry;
  GtkEditable *editable;

  jx_window_select_node (window, project);
  iterate ();
  entry = JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (form, "other"));
  editable = jx_amount_entry_get_editable (entry);

  type_into (editable, "25. 7€");
  g_assert_false (jx_amount_entry_get_valid (entry));
  g_assert_nonnull (jx_amount_entry_get_error_text (entry));
  g_assert_true (strstr (jx_amount_entry_get_error_text (entry), "4") != NULL);   /* the column */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "25. 7€");   /* kept to fix */
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 2), ==, 0);
  g_assert_false (jx_history_can_undo (jx_document_get_history (jx_window_get_document (window))));

  type_into (editable, "25.76");
  g_assert_true (jx_amount_entry_get_valid (entry));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editable), "error"));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 2), ==, 2576);
  g_assert_cmpstr (jx_project_form_get_total_text (form), ==, "8,500.76");

  close_window (window);
}

static void
test_category_limits_subcategories (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxIndicator *indicator = JX_INDICATOR (lookup (window, "i1"));
  JxIndicatorForm *form = JX_INDICATOR_FORM (jx_window_get_indicator_form (window));
  GtkDropDown *category = jx_indicator_form_get_category_dropdown (form);
  GtkDropDown *subcategory = jx_indicator_form_get_subcategory_dropdown (form);
  g_autofree char *offered = NULL;
  g_autofree char *row = NULL;

  jx_window_select_node (window, JX_NODE (indicator));
  iterate ();
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "indicator");
  row = row_text (window, JX_NODE (indicator));
  g_assert_cmpstr (row, ==, "11 足额发放率");
  offered = jx_indicator_form_describe_subcategories (form);
  g_assert_cmpstr (offered, ==, "11 12 13 14");
  g_clear_pointer (&offered, g_free);

  /* Choosing category 2 offers 21–24 only, and takes 21 in one step. */
  gtk_drop_down_set_selected (category, 1);
  iterate ();
  g_assert_cmpstr (jx_indicator_get_category (indicator), ==, "2");
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "21");
  offered = jx_indicator_form_describe_subcategories (form);
  g_assert_cmpstr (offered, ==, "21 22 23 24");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (subcategory)), ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (subcategory), ==, 0);

  gtk_drop_down_set_selected (subcategory, 2);
  iterate ();
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "23");

  /* Two steps back: first the sub-category, then the category pair. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  iterate ();
  g_assert_cmpstr (jx_indicator_get_category (indicator), ==, "1");
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "11");
  g_clear_pointer (&offered, g_free);
  offered = jx_indicator_form_describe_subcategories (form);
  g_assert_cmpstr (offered, ==, "11 12 13 14");

  close_window (window);
}

static void
test_invalid_pair_shown_as_is (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxIndicator *indicator = JX_INDICATOR (lookup (window, "i1"));
  JxIndicatorForm *form = JX_INDICATOR_FORM (jx_window_get_indicator_form (window));
  g_autofree char *offered = NULL;

  /* As a loader would keep it: 22 under 1. */
  jx_indicator_set_subcategory (indicator, "22");
  jx_window_select_node (window, JX_NODE (indicator));
  iterate ();
  offered = jx_indicator_form_describe_subcategories (form);
  g_assert_cmpstr (offered, ==, "11 12 13 14 22");
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "22");
  g_assert_false (jx_history_can_undo (jx_document_get_history (jx_window_get_document (window))));

  jx_indicator_set_subcategory (indicator, "11");
  close_window (window);
}

static void
test_remove_shows_parent (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxNode *project = lookup (window, "p2");
  JxNode *unit = lookup (window, "u1");
  JxDocument *document = jx_window_get_document (window);

  jx_window_select_node (window, project);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove", NULL));
  iterate ();
  /* Never silently another project: the unit it was in. */
  g_assert_true (jx_window_get_shown_node (window) == unit);
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, 34);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, 35);

  /* Undo of an insertion while its form is shown: nothing selected. */
  jx_window_select_node (window, project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-indicator", NULL));
  iterate ();
  g_assert_true (JX_IS_INDICATOR (jx_window_get_shown_node (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_null (jx_window_get_shown_node (window));
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "empty");

  close_window (window);
}

static void
test_add_duplicate_move (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *p1 = lookup (window, "p1");
  JxNode *copy;
  guint position;

  jx_window_select_node (window, p1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate", NULL));
  iterate ();
  copy = jx_window_get_shown_node (window);
  g_assert_true (JX_IS_PROJECT (copy) && copy != p1);
  g_assert_true (jx_node_get_position (copy, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (strstr (jx_window_get_status_total (window), "67,004.79") != NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL));
  iterate ();
  g_assert_true (jx_node_get_position (copy, &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_true (jx_window_get_shown_node (window) == copy);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-project", NULL));
  iterate ();
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, 37);
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "project");

  close_window (window);
}

static void
test_save_reopen_equal (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *saved = g_build_filename (dir, "saved.jixiao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  JxWindow *window = open_window (path);
  JxWindow *again;
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  GtkWidget *special;
  const char *title;

  jx_window_select_node (window, lookup (window, "p3"));
  iterate ();
  special = jx_project_form_get_amount_entry (form, "special");
  type_into (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (special)), "1,234.56");
  g_assert_true (jx_window_is_unsaved (window));
  title = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_true (g_str_has_suffix (title, "•"));

  g_assert_true (jx_window_save_to (window, file, 0, &error));
  g_assert_no_error (error);
  g_assert_false (jx_window_is_unsaved (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "saved.jixiao");

  again = open_window (saved);
  before = jx_xml_write (jx_window_get_document (window), &error);
  g_assert_no_error (error);
  after = jx_xml_write (jx_window_get_document (again), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (lookup (again, "p3")), 1), ==, 123456);
  g_assert_cmpstr (jx_window_get_status_total (window), ==, jx_window_get_status_total (again));

  close_window (again);
  close_window (window);
  g_unlink (saved);
  g_rmdir (dir);
}

static void
test_autosave_draft (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  g_autofree char *draft = NULL;
  g_auto(GStrv) drafts = NULL;
  g_autoptr(GError) error = NULL;

  jx_window_autosave_now (window);
  g_assert_null (jx_window_get_draft_path (window));   /* nothing to keep */

  jx_edit_set_string (jx_window_get_document (window), lookup (window, "p1"), "name", "改名");
  jx_window_autosave_now (window);
  draft = g_strdup (jx_window_get_draft_path (window));
  g_assert_nonnull (draft);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));
  drafts = jx_application_list_drafts ();
  g_assert_cmpuint (g_strv_length (drafts), ==, 1);
  /* The draft is a copy: the document still counts as unsaved. */
  g_assert_true (jx_window_is_unsaved (window));

  close_window (window);   /* a discard */
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* A draft left by a crash opens as an unsaved, untitled document. */
  {
    g_autoptr(JxDocument) document = jx_storage_load (path, NULL, &error);
    JxWindow *restored;

    g_assert_no_error (error);
    jx_project_set_name (JX_PROJECT (jx_document_lookup (document, "p1")), "草稿");
    g_assert_true (jx_storage_save (document, draft, JX_SAVE_COPY, &error));
    g_assert_no_error (error);
    restored = jx_window_new (GTK_APPLICATION (app));
    g_assert_true (jx_window_restore_draft (restored, draft, &error));
    g_assert_no_error (error);
    g_assert_true (jx_window_is_unsaved (restored));
    g_assert_null (jx_window_get_file (restored));
    g_assert_cmpstr (jx_project_get_name (JX_PROJECT (jx_document_lookup (jx_window_get_document (restored), "p1"))),
                     ==, "草稿");
    gtk_window_destroy (GTK_WINDOW (restored));
    iterate ();
    g_unlink (draft);
  }
}

static void
test_accessible_labels (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  GtkWidget *fiscal = jx_project_form_get_amount_entry (form, "fiscal");

  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "test") != 0)
    {
      close_window (window);
      g_test_skip ("needs GTK_A11Y=test");
      return;
    }
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (fiscal))),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (jx_window_get_tree_view (window)),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  close_window (window);
}

static void
test_search_filters (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  GtkListView *tree = GTK_LIST_VIEW (jx_window_get_tree_view (window));
  GListModel *model;

  gtk_editable_set_text (GTK_EDITABLE (jx_window_get_search_entry (window)), "满意");
  g_signal_emit_by_name (jx_window_get_search_entry (window), "search-changed");
  iterate ();
  model = G_LIST_MODEL (gtk_list_view_get_model (tree));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(JxNode) node = gtk_tree_list_row_get_item (row);

      g_assert_true (JX_IS_INDICATOR (node) || JX_IS_PROJECT (node));
    }
  gtk_editable_set_text (GTK_EDITABLE (jx_window_get_search_entry (window)), "");
  g_signal_emit_by_name (jx_window_get_search_entry (window), "search-changed");
  iterate ();
  close_window (window);
}

static gboolean
last_rows_shown (gpointer data)
{
  gpointer *pair = data;
  g_autofree char *text = jx_window_describe_row (pair[0], pair[1]);

  return text != NULL;
}

static void
test_large_document_scrolls (void)
{
  const char *generator = g_getenv ("JX_GENERATE");
  g_autofree char *dir = g_dir_make_tmp ("jx-app-large-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.jixiao", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { generator, "--projects", "20000", big, NULL };
  int status = 0;
  JxWindow *window;
  JxDocument *document;
  GListModel *units, *projects;
  g_autoptr(JxFundingUnit) unit = NULL;
  g_autoptr(JxProject) last = NULL;
  g_autoptr(JxIndicator) indicator = NULL;
  gpointer pair[2];

  if (generator == NULL)
    {
      g_test_skip ("JX_GENERATE is not set");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  window = open_window (big);
  document = jx_window_get_document (window);
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, 20000);

  units = jx_document_get_units (document);
  unit = g_list_model_get_item (units, g_list_model_get_n_items (units) - 1);
  projects = jx_funding_unit_get_projects (unit);
  last = g_list_model_get_item (projects, g_list_model_get_n_items (projects) - 1);

  /* Scroll to the very end; the last project's row gets realized. */
  jx_window_select_node (window, JX_NODE (last));
  pair[0] = window;
  pair[1] = last;
  wait_until (last_rows_shown, pair);

  /* Selecting its last indicator expands it, and that row shows too. */
  indicator = g_list_model_get_item (jx_project_get_indicators (last),
                                     g_list_model_get_n_items (jx_project_get_indicators (last)) - 1);
  jx_window_select_node (window, JX_NODE (indicator));
  pair[1] = indicator;
  wait_until (last_rows_shown, pair);
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "indicator");

  close_window (window);
  g_unlink (big);
  g_rmdir (dir);
}

static void
test_chinese_labels (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window;

  if (g_getenv ("JX_EXPECT_ZH") == NULL)
    {
      g_test_skip ("runs in the zh_CN test only");
      return;
    }
  window = open_window (path);
  g_assert_cmpstr (jx_window_get_status_total (window), ==, "合计：56,539.99 万元");
  jx_window_select_node (window, lookup (window, "p1"));
  iterate ();
  {
    g_autofree char *text = row_text (window, JX_NODE (jx_window_get_document (window)));

    g_assert_cmpstr (text, ==, "合计|56,539.99");
  }
  close_window (window);
}

/* Beside each value, how the core reads it; typing updates the reading and
 * the indicator at once. */
static void
test_value_reading (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxIndicator *indicator = JX_INDICATOR (lookup (window, "i2"));
  JxIndicatorForm *form = JX_INDICATOR_FORM (jx_window_get_indicator_form (window));
  GtkEditable *cycle = jx_indicator_form_get_value_entry (form, FALSE);

  jx_window_select_node (window, JX_NODE (indicator));
  iterate ();
  /* 项目完成率: 大于等于98% in the sample. */
  g_assert_cmpstr (gtk_editable_get_text (cycle), ==, "大于等于98%");
  g_assert_cmpstr (gtk_label_get_text (jx_indicator_form_get_value_reading (form, FALSE)), ==, "≥ 98 %");

  gtk_editable_set_text (cycle, "95%以上");
  iterate ();
  g_assert_cmpstr (jx_indicator_get_cycle_value (indicator), ==, "95%以上");
  g_assert_cmpstr (gtk_label_get_text (jx_indicator_form_get_value_reading (form, FALSE)), ==, "≥ 95 %");

  gtk_editable_set_text (cycle, "按实际数量");
  iterate ();
  g_assert_cmpstr (gtk_label_get_text (jx_indicator_form_get_value_reading (form, FALSE)), ==, "定性");

  close_window (window);
}

/* Open and Save As bring up a file chooser offering .jixiao documents; both
 * go through the one shared helper. */
static GtkWindow *
find_toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static void
test_file_dialogs (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  GtkWindow *chooser;

  g_action_group_activate_action (G_ACTION_GROUP (app), "open", NULL);
  iterate ();
  chooser = find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Open Document"));
  g_assert_nonnull (chooser);
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Performance target tables (*.jixiao)"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  iterate ();
  g_assert_null (find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Open Document")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  iterate ();
  chooser = find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Save As"));
  g_assert_nonnull (chooser);
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  iterate ();
  g_assert_null (find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Save As")));

  close_window (window);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Waits (up to a minute: the machine may be busy) for an export to land. */
static void
wait_for_file (const char *path)
{
  for (int i = 0; i < 6 && !file_exists ((gpointer) path); i++)
    {
      gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      while (!file_exists ((gpointer) path) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE) || (g_usleep (5000), TRUE);
    }
  if (!file_exists ((gpointer) path))
    {
      /* Say why: an error dialog's title says what went wrong. */
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          g_printerr ("# window: %s\n", gtk_window_get_title (w));
        }
      g_error ("%s was not written", path);
    }
  iterate ();
}

/* pdfinfo's "Pages:" and "Page size:" lines of @pdf. */
static char *
pdf_info (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GString *info = g_string_new (NULL);
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "Pages:") || g_str_has_prefix (lines[i], "Page size:"))
      g_string_append_printf (info, "%s\n", lines[i]);
  return g_string_free (info, FALSE);
}

/* File → Export → PDF… asks where, then writes the official table in the
 * background; Excel and CSV likewise; File → Print… lays out the same
 * pages, so printing to a file gives the PDF's pages. */
static void
test_export_and_print (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "table.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "table.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "table.csv", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *pdf_pages = NULL;
  g_autofree char *printed_pages = NULL;
  JxWindow *window = open_window (path);
  GtkWindow *chooser;
  const char *title = g_dgettext (GETTEXT_PACKAGE, "Export as PDF");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "pdf"));
  iterate ();
  chooser = find_toplevel_titled (title);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "PDF documents (*.pdf)"));
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    /* Named after the document. */
    g_assert_cmpstr (name, ==, "guangzhou-organization-dept-2024.pdf");
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  iterate ();
  g_assert_null (find_toplevel_titled (title));

  /* What the chooser's "Export" starts. */
  jx_window_export_to (window, pdf_file, FALSE);
  wait_for_file (pdf);
  g_assert_true (g_file_get_contents (pdf, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "%PDF-"));

  jx_window_export_to (window, xlsx_file, FALSE);
  jx_window_export_to (window, csv_file, FALSE);
  wait_for_file (xlsx);
  wait_for_file (csv);
  g_clear_pointer (&head, g_free);
  g_assert_true (g_file_get_contents (xlsx, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "PK"));
  g_clear_pointer (&head, g_free);
  g_assert_true (g_file_get_contents (csv, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "\xEF\xBB\xBF资金使用单位,项目名称,总计,"));

  /* Print to a file: the same pages as the export. */
  operation = jx_window_new_print_operation (window);
  gtk_print_operation_set_export_filename (operation, printed);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (window), &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  pdf_pages = pdf_info (pdf);
  printed_pages = pdf_info (printed);
  g_assert_nonnull (strstr (pdf_pages, "841.89 x 595.276"));
  g_assert_cmpstr (printed_pages, ==, pdf_pages);

  /* The document itself is untouched by exporting. */
  g_assert_false (jx_window_is_unsaved (window));
  close_window (window);
  g_unlink (pdf);
  g_unlink (xlsx);
  g_unlink (csv);
  g_unlink (printed);
  g_rmdir (dir);
}

/* The visible windows (dialogs) modal on @parent. */
static guint
count_dialogs_on (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == parent && gtk_window_get_modal (window)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }
  return n;
}

static gboolean
no_dialog_on (gpointer parent)
{
  return count_dialogs_on (parent) == 0;
}

static gboolean
dialog_on (gpointer parent)
{
  return count_dialogs_on (parent) == 1;
}

/* Closing an edited document asks through the one dialog helper (GtkAlertDialog
 * on GTK >= 4.10, GtkMessageDialog on 4.8): Cancel keeps the window and its
 * edit, "Close without Saving" closes it; an error has one Close button. */
static void
test_dialog_helper (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *heading = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Save the changes to “%s” before closing?"),
                                              name);
  JxWindow *window = open_window (path);
  g_autoptr(JxWindow) keep = g_object_ref (window);
  const char *shown = NULL;
  const char *body = NULL;

  g_assert_false (jx_dialog_get_pending (GTK_WINDOW (window), &shown, &body));
  g_assert_null (shown);

  jx_edit_set_string (jx_window_get_document (window), lookup (window, "p1"), "name", "改名");
  gtk_window_close (GTK_WINDOW (window));
  wait_until (dialog_on, window);
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), &shown, &body));
  g_assert_cmpstr (shown, ==, heading);
  g_assert_cmpstr (body, ==, g_dgettext (GETTEXT_PACKAGE, "If you don’t save, the changes since the last save are lost."));
  g_assert_false (jx_dialog_respond (GTK_WINDOW (window), "no such button"));

  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "_Cancel")));
  wait_until (no_dialog_on, window);
  g_assert_false (jx_dialog_get_pending (GTK_WINDOW (window), NULL, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (jx_window_is_unsaved (window));
  g_assert_cmpstr (jx_project_get_name (JX_PROJECT (lookup (window, "p1"))), ==, "改名");

  /* Escape is Cancel too. */
  gtk_window_close (GTK_WINDOW (window));
  wait_until (dialog_on, window);
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), NULL));
  wait_until (no_dialog_on, window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* An error: one Close button. */
  jx_dialog_error (GTK_WINDOW (window), "heading", "detail");
  wait_until (dialog_on, window);
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), &shown, &body));
  g_assert_cmpstr (shown, ==, "heading");
  g_assert_cmpstr (body, ==, "detail");
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "_Close")));
  wait_until (no_dialog_on, window);

  gtk_window_close (GTK_WINDOW (window));
  wait_until (dialog_on, window);
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "Close _without Saving")));
  iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_false (jx_dialog_get_pending (GTK_WINDOW (window), NULL, NULL));
}

/* ------------------------------------------------------------ layout */

typedef struct { GtkWidget *widget; int width; int height; } SizeWait;

/* The window (its surface, with the frame GTK draws around it) has the size
 * asked: it would be larger if its minimum did not fit. */
static gboolean
allocated_size (gpointer data)
{
  SizeWait *wait = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (wait->widget));

  return surface != NULL && gdk_surface_get_width (surface) == wait->width
         && gdk_surface_get_height (surface) == wait->height;
}

static graphene_rect_t
bounds_in (GtkWidget *widget,
           GtkWidget *window)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &rect));
  return rect;
}

static void
assert_apart (const char            *what,
              const graphene_rect_t *a,
              const char            *other,
              const graphene_rect_t *b)
{
  graphene_rect_t overlap;

  /* Touching edges are fine; a pixel more is not. */
  if (graphene_rect_intersection (a, b, &overlap) && overlap.size.width > 0.5 && overlap.size.height > 0.5)
    g_error ("%s (%g,%g %g×%g) and %s (%g,%g %g×%g) overlap", what,
             a->origin.x, a->origin.y, a->size.width, a->size.height, other,
             b->origin.x, b->origin.y, b->size.width, b->size.height);
}

/* Every label shown in @form is allocated, lies inside the form's width and
 * is not under the tree or a panel. */
static void
assert_labels_visible (GtkWidget             *widget,
                       const graphene_rect_t *form,
                       const graphene_rect_t *others,
                       guint                  n_others,
                       GtkWidget             *window,
                       guint                 *n_labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0'
          && gtk_widget_get_ancestor (child, GTK_TYPE_LIST_VIEW) == NULL)
        {
          graphene_rect_t rect = bounds_in (child, window);

          if (gtk_widget_get_width (child) <= 0
              || rect.origin.x < form->origin.x - 0.5
              || rect.origin.x + rect.size.width > form->origin.x + form->size.width + 0.5)
            g_error ("the form's label “%s” (x %g, width %g) is not inside the form (x %g, width %g)",
                     gtk_label_get_text (GTK_LABEL (child)), rect.origin.x, rect.size.width,
                     form->origin.x, form->size.width);
          for (guint i = 0; i < n_others; i++)
            assert_apart (gtk_label_get_text (GTK_LABEL (child)), &rect, "a pane", &others[i]);
          (*n_labels)++;
        }
      assert_labels_visible (child, form, others, n_others, window, n_labels);
    }
}

/* At 1024×768, 1280×800 and 1920×1080, with no side panel, either or both:
 * the window is the size asked (its minimum fits), and the tree, the project
 * form and the open panels lie side by side or stacked, never on top of one
 * another, with every label of the form visible. */
static void
test_layout_sizes (void)
{
  static const int sizes[][2] = { { 1024, 768 }, { 1280, 800 }, { 1920, 1080 } };
  g_autofree char *path = jx_test_example_path ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      JxWindow *window = jx_window_new (GTK_APPLICATION (app));
      GtkWidget *w = GTK_WIDGET (window);
      GtkWidget *tree = gtk_widget_get_parent (gtk_widget_get_parent (jx_window_get_tree_view (window)));
      GtkWidget *form = jx_window_get_project_form (window);
      GtkWidget *problems_panel = jx_window_get_problems_panel (window);
      GtkWidget *comments_panel = jx_window_get_comments_panel (window);
      SizeWait size = { w, sizes[s][0], sizes[s][1] };
      GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
      GdkRectangle area;

      /* GTK fits a new window into the monitor. */
      gdk_monitor_get_geometry (monitor, &area);
      if (area.width < sizes[s][0] || area.height < sizes[s][1])
        g_error ("the screen is %d×%d, too small for a %d×%d window: run the tests under "
                 "Xvfb with build-aux/jx-dev.sh test (a 1920×1200 screen)",
                 area.width, area.height, sizes[s][0], sizes[s][1]);

      g_assert_true (jx_window_load_file (window, file, &error));
      g_assert_no_error (error);
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s][0], sizes[s][1]);
      gtk_window_present (GTK_WINDOW (window));
      jx_window_select_node (window, lookup (window, "p1"));

      for (guint panels = 0; panels < 4; panels++)
        {
          gboolean problems = (panels & 1) != 0, comments = (panels & 2) != 0;
          graphene_rect_t rects[4];
          guint n = 0, n_labels = 0;
          int minimum;

          g_test_message ("%d×%d, problems %s, comments %s", sizes[s][0], sizes[s][1],
                          problems ? "open" : "closed", comments ? "open" : "closed");
          if (gtk_widget_get_visible (problems_panel) != problems)
            g_assert_true (gtk_widget_activate_action (w, "win.toggle-problems", NULL));
          if (gtk_widget_get_visible (comments_panel) != comments)
            g_assert_true (gtk_widget_activate_action (w, "win.show-comments", NULL));
          iterate ();
          wait_until (allocated_size, &size);
          iterate ();

          g_assert_true (gtk_widget_get_mapped (form));
          g_assert_cmpint (gtk_widget_get_mapped (problems_panel), ==, problems);
          g_assert_cmpint (gtk_widget_get_mapped (comments_panel), ==, comments);

          rects[n++] = bounds_in (tree, w);
          rects[n++] = bounds_in (form, w);
          if (problems)
            rects[n++] = bounds_in (problems_panel, w);
          if (comments)
            rects[n++] = bounds_in (comments_panel, w);
          for (guint i = 0; i < n; i++)
            {
              g_assert_cmpfloat (rects[i].size.width, >, 0);
              g_assert_cmpfloat (rects[i].origin.x, >=, 0);
              g_assert_cmpfloat (rects[i].origin.x + rects[i].size.width, <=, gtk_widget_get_width (w));
              for (guint j = i + 1; j < n; j++)
                assert_apart ("a pane", &rects[i], "another pane", &rects[j]);
            }
          /* The form is not squeezed below what it needs. */
          gtk_widget_measure (form, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
          g_assert_cmpint (gtk_widget_get_width (form), >=, minimum);
          {
            graphene_rect_t others[3] = { rects[0] };
            guint n_others = 1;

            for (guint i = 2; i < n; i++)
              others[n_others++] = rects[i];
            assert_labels_visible (form, &rects[1], others, n_others, w, &n_labels);
          }
          g_assert_cmpuint (n_labels, >=, 8);   /* captions: name, unit, amounts, total, goal… */
        }
      close_window (window);
    }
}

/* The row of the comments panel showing the annotation @id, or -1. */
static int
comment_row (JxCommentsPanel *panel,
             const char      *id)
{
  for (guint i = 0; i < jx_comments_panel_get_n_rows (panel); i++)
    if (g_str_equal (jx_node_get_id (JX_NODE (jx_comments_panel_get_annotation (panel, i))), id))
      return (int) i;
  return -1;
}

/* F8's action shows the comments panel: the example's reviewer comment is
 * listed with its reply, and activating it selects the project. */
static void
test_comments_listed (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  JxProject *project = JX_PROJECT (lookup (window, "p1"));
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  int row;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_true (gtk_widget_get_mapped (jx_window_get_problems_panel (window)));
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 14);

  row = comment_row (panel, "a14");
  g_assert_cmpint (row, >=, 0);
  text = jx_comments_panel_describe_row (panel, row);
  expected = g_strdup_printf ("%s · %s|财政局 李审核|请说明社区党员活动经费的测算依据。"
                              "|组织部 张起草: 按每个社区党组织标准测算，已附测算表。",
                              jx_project_get_name (project), g_dpgettext2 (NULL, "field", "fiscal appropriation"));
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (gtk_widget_get_mapped (jx_comments_panel_get_row_button (panel, row, "reply")));

  jx_comments_panel_activate_row (panel, row);
  iterate ();
  g_assert_true (jx_window_get_shown_node (window) == JX_NODE (project));
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "project");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  close_window (window);
}

/* The project a comment is on (its own, or its indicator's), or NULL. */
static JxProject *
comment_project (JxWindow     *window,
                 JxAnnotation *annotation)
{
  JxNode *node = jx_document_lookup (jx_window_get_document (window), jx_annotation_get_target (annotation));

  if (JX_IS_INDICATOR (node))
    return jx_indicator_get_project (JX_INDICATOR (node));
  return JX_IS_PROJECT (node) ? JX_PROJECT (node) : NULL;
}

/* A comment added on the selected project is listed at its place in the
 * table and is in the document; a reply is added; resolving it keeps its
 * row (dimmed) unless "open" is chosen; undo reopens it. */
static void
test_comments_add_resolve_undo (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  GListModel *annotations = jx_document_get_annotations (document);
  GtkWidget *entry = jx_comments_panel_get_entry (panel);
  GtkWidget *add = jx_comments_panel_get_add_button (panel);
  JxProject *p1 = JX_PROJECT (lookup (window, "p1"));
  JxProject *p2 = JX_PROJECT (lookup (window, "p2"));
  g_autoptr(JxAnnotation) added = NULL;
  const char *id;
  int row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  iterate ();
  /* Signed with the reviewer's name (asking for it is tested apart). */
  g_settings_set_string (jx_application_get_settings (NULL), "reviewer-name", "财政局 测试");
  /* Nothing selected: nowhere to comment. */
  jx_window_select_node (window, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "请补充绩效目标的量化指标。");
  g_assert_false (gtk_widget_get_sensitive (add));

  jx_window_select_node (window, JX_NODE (p2));
  iterate ();
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 15);
  added = g_list_model_get_item (annotations, 14);
  id = jx_node_get_id (JX_NODE (added));
  g_assert_cmpstr (jx_annotation_get_target (added), ==, "p2");
  g_assert_cmpstr (jx_annotation_get_text (added), ==, "请补充绩效目标的量化指标。");
  g_assert_cmpstr (jx_annotation_get_author (added), ==, "财政局 测试");
  g_assert_false (jx_annotation_get_resolved (added));
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 15);
  /* By place in the table: after the comments on p1, before the rest. */
  row = comment_row (panel, id);
  g_assert_cmpint (row, >, 0);
  g_assert_true (comment_project (window, jx_comments_panel_get_annotation (panel, row - 1)) == p1);
  g_assert_true (comment_project (window, jx_comments_panel_get_annotation (panel, row + 1)) != p1);
  g_assert_true (comment_project (window, jx_comments_panel_get_annotation (panel, row + 1)) != p2);
  g_assert_cmpint (comment_row (panel, "a14"), ==, 0);

  /* Reply through the row's own entry: the row stays, its entry empties. */
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, row, "reply"), "clicked");
  gtk_editable_set_text (GTK_EDITABLE (jx_comments_panel_get_reply_entry (panel, row)), "已补充。");
  g_signal_emit_by_name (jx_comments_panel_get_reply_entry (panel, row), "activate");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (jx_annotation_get_replies (added)), ==, 1);
  g_assert_cmpint (comment_row (panel, id), ==, row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jx_comments_panel_get_reply_entry (panel, row))), ==, "");

  /* Resolve: the row stays where it is, says so, and leaves "open". */
  row = comment_row (panel, "a1");
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, row, "resolve"), "clicked");
  iterate ();
  g_assert_true (jx_annotation_get_resolved (JX_ANNOTATION (lookup (window, "a1"))));
  g_assert_cmpint (comment_row (panel, "a1"), ==, row);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (jx_comments_panel_get_row_button (panel, row, "resolve"))),
                   ==, _("Reopen"));
  jx_comments_panel_set_filter (panel, 1, NULL);
  iterate ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 14);
  g_assert_cmpint (comment_row (panel, "a1"), ==, -1);
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, comment_row (panel, id), "resolve"), "clicked");
  iterate ();
  g_assert_true (jx_annotation_get_resolved (added));
  g_assert_cmpint (comment_row (panel, id), ==, -1);
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 13);

  /* Undo reopens it (back in the open list), undo twice more removes the
   * reply and the comment. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_false (jx_annotation_get_resolved (added));
  g_assert_cmpint (comment_row (panel, id), >=, 0);
  jx_comments_panel_set_filter (panel, 0, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (jx_annotation_get_replies (added)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 14);
  g_assert_cmpint (comment_row (panel, id), ==, -1);
  close_window (window);
}

/* A reply half typed in a row survives every kind of change to the
 * document: an edit of a figure, a new comment, a comment resolved, a reply
 * to another comment, undo. The row is the same widget all along. */
static void
test_comments_reply_survives_changes (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  JxProject *p1 = JX_PROJECT (lookup (window, "p1"));
  GtkWidget *reply_entry;
  int row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  iterate ();
  row = comment_row (panel, "a14");
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, row, "reply"), "clicked");
  reply_entry = jx_comments_panel_get_reply_entry (panel, row);
  gtk_editable_set_text (GTK_EDITABLE (reply_entry), "测算表见附件三，");
  iterate ();

  g_assert_true (jx_edit_set_money (document, p1, "fiscal", 123456, NULL));
  jx_edit_set_string (document, p1, "name", "改名后的项目");
  jx_edit_add_annotation (document, "p1", "goal", "财政局 王审核", "目标请量化。");
  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a2")), TRUE);
  jx_edit_reply (document, JX_ANNOTATION (lookup (window, "a3")), "组织部 张起草", "已修改。");
  iterate ();
  jx_history_undo (jx_document_get_history (document));
  iterate ();

  row = comment_row (panel, "a14");
  g_assert_true (jx_comments_panel_get_reply_entry (panel, row) == reply_entry);
  g_assert_true (gtk_widget_get_mapped (reply_entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reply_entry)), ==, "测算表见附件三，");
  /* The row shows the project's new name. */
  {
    g_autofree char *text = jx_comments_panel_describe_row (panel, row);

    g_assert_true (g_str_has_prefix (text, "改名后的项目"));
  }
  close_window (window);
}

/* Filter by author and by state, newest first, an indicator's comment
 * named with its project, and comments whose place is gone still listed. */
static void
test_comments_filter_order_places (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  JxIndicator *i7 = JX_INDICATOR (lookup (window, "i7"));
  JxProject *p23 = JX_PROJECT (lookup (window, "p23"));
  JxAnnotation *odd;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  iterate ();

  /* Authors: 导入 wrote 13, 李审核 one (a14), 张起草 only a reply to it. */
  jx_comments_panel_set_filter (panel, 0, "财政局 李审核");
  iterate ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 1);
  g_assert_cmpint (comment_row (panel, "a14"), ==, 0);
  jx_comments_panel_set_filter (panel, 0, "组织部 张起草");
  iterate ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 1);
  jx_comments_panel_set_filter (panel, 0, "导入");
  iterate ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 13);
  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a5")), TRUE);
  jx_comments_panel_set_filter (panel, 2, NULL);
  iterate ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 1);
  g_assert_cmpint (comment_row (panel, "a5"), ==, 0);
  jx_comments_panel_set_filter (panel, 0, NULL);
  iterate ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 14);

  /* Newest first: a14 (10:00) before the 09:00 ones. */
  jx_comments_panel_set_newest_first (panel, TRUE);
  iterate ();
  g_assert_cmpint (comment_row (panel, "a14"), ==, 0);
  jx_comments_panel_set_newest_first (panel, FALSE);
  iterate ();

  /* An indicator's comment names its project. */
  text = jx_comments_panel_describe_row (panel, comment_row (panel, "a1"));
  expected = g_strdup_printf ("%s / %s · %s|", jx_project_get_name (jx_indicator_get_project (i7)),
                              jx_indicator_get_name (i7), jx_field_label_for_id ("annual-value"));
  g_assert_true (g_str_has_prefix (text, expected));

  /* A field the item does not have, and a removed project: still listed. */
  odd = jx_edit_add_annotation (document, "p1", "no-such-field", "财政局 李审核", "？");
  g_assert_cmpint (jx_annotation_locate (odd, document, NULL, NULL), ==, JX_ANNOTATION_PLACE_REMOVED_FIELD);
  iterate ();
  g_clear_pointer (&text, g_free);
  text = jx_comments_panel_describe_row (panel, comment_row (panel, jx_node_get_id (JX_NODE (odd))));
  g_assert_nonnull (strstr (text, "no-such-field"));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("%s · on a removed field (%s)"), jx_project_get_name (JX_PROJECT (lookup (window, "p1"))),
                              "no-such-field");
  g_assert_true (g_str_has_prefix (text, expected));

  jx_edit_remove (document, JX_NODE (p23));
  iterate ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 15);
  g_assert_cmpint (jx_annotation_locate (JX_ANNOTATION (lookup (window, "a10")), document, NULL, NULL),
                   ==, JX_ANNOTATION_PLACE_REMOVED_ITEM);
  g_clear_pointer (&text, g_free);
  text = jx_comments_panel_describe_row (panel, comment_row (panel, "a10"));
  g_assert_true (g_str_has_prefix (text, _("(removed)")));
  close_window (window);
}

static gboolean
in_view_last (JxCommentsPanel *panel)
{
  return jx_comments_panel_row_in_view (panel, jx_comments_panel_get_n_rows (panel) - 1);
}

/* A comment added from the panel is scrolled into view, even when its
 * place is at the end of a long list. */
static void
test_comments_new_scrolled_into_view (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  GListModel *units = jx_document_get_units (document);
  g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, g_list_model_get_n_items (units) - 1);
  GListModel *projects = jx_funding_unit_get_projects (unit);
  g_autoptr(JxProject) last = g_list_model_get_item (projects, g_list_model_get_n_items (projects) - 1);
  JxAnnotation *added;
  int row;

  /* Comments are signed without asking (asking is tested apart). */
  g_settings_set_string (jx_application_get_settings (NULL), "reviewer-name", "财政局 测试");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  iterate ();
  for (int i = 0; i < 12; i++)
    jx_edit_add_annotation (document, "p1", NULL, "财政局 李审核", "请核对。");
  iterate ();
  g_assert_false (jx_comments_panel_row_in_view (panel, jx_comments_panel_get_n_rows (panel) - 1));

  jx_window_select_node (window, JX_NODE (last));
  gtk_editable_set_text (GTK_EDITABLE (jx_comments_panel_get_entry (panel)), "末项请补充说明。");
  g_signal_emit_by_name (jx_comments_panel_get_add_button (panel), "clicked");
  added = JX_ANNOTATION (g_list_model_get_item (jx_document_get_annotations (document),
                                                g_list_model_get_n_items (jx_document_get_annotations (document)) - 1));
  g_object_unref (added);
  row = comment_row (panel, jx_node_get_id (JX_NODE (added)));
  g_assert_cmpint (row, ==, (int) jx_comments_panel_get_n_rows (panel) - 1);
  wait_until ((gboolean (*) (gpointer)) in_view_last, panel);
  close_window (window);
}


/* ------------------------------------------------------------- review */

/* Types @text at the start as the keyboard does (a non-editable entry
 * refuses it, unlike gtk_editable_set_text()). */
static void
key_in (GtkEditable *editable,
        const char  *text)
{
  GtkEditable *delegate = gtk_editable_get_delegate (editable);

  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_set_position (editable, 0);
  g_signal_emit_by_name (delegate ? delegate : editable, "insert-at-cursor", text);
  iterate ();
}

/* Review mode (the header's toggle, its action): an amount typed is
 * refused and no row can be added, removed or moved, while comments can be
 * added, answered and resolved; off again, typing works. */
static void
test_review_mode_blocks_figures (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxProject *p1 = JX_PROJECT (lookup (window, "p1"));
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  GtkEditable *fiscal;
  JxMoney before = jx_project_get_source (p1, 0);
  guint n_annotations = g_list_model_get_n_items (jx_document_get_annotations (document));

  /* Comments are signed without asking (asking is tested apart). */
  g_settings_set_string (jx_application_get_settings (NULL), "reviewer-name", "财政局 测试");

  jx_window_select_node (window, JX_NODE (p1));
  iterate ();
  fiscal = jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (form, "fiscal")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-mode", NULL));
  iterate ();
  g_assert_true (jx_window_get_review_mode (window));
  key_in (fiscal, "9");
  g_assert_cmpint (jx_project_get_source (p1, 0), ==, before);
  g_assert_false (jx_history_can_undo (jx_document_get_history (document)));
  g_assert_false (gtk_editable_get_editable (fiscal));
  /* Rows cannot be added, copied, moved or removed either. */
  {
    guint n_projects = jx_document_get_n_projects (document);
    guint n_indicators = jx_document_get_n_indicators (document);
    guint n_units = g_list_model_get_n_items (jx_document_get_units (document));
    guint position;

    for (const char * const *name = (const char * const[]) { "win.add-project", "win.add-indicator",
                                                            "win.duplicate", "win.move-down", "win.remove",
                                                            "win.add-unit", NULL };
         *name != NULL; name++)
      {
        gtk_widget_activate_action (GTK_WIDGET (window), *name, NULL);
        iterate ();
      }
    g_assert_false (jx_dialog_get_pending (GTK_WINDOW (window), NULL, NULL));
    g_assert_cmpuint (jx_document_get_n_projects (document), ==, n_projects);
    g_assert_cmpuint (jx_document_get_n_indicators (document), ==, n_indicators);
    g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_units (document)), ==, n_units);
    g_assert_true (jx_node_get_position (JX_NODE (p1), &position));
    g_assert_cmpuint (position, ==, 0);
    g_assert_false (jx_history_can_undo (jx_document_get_history (document)));
  }

  /* Comments stay editable. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  iterate ();
  gtk_editable_set_text (GTK_EDITABLE (jx_comments_panel_get_entry (panel)), "请说明增减原因。");
  g_assert_true (gtk_widget_get_sensitive (jx_comments_panel_get_add_button (panel)));
  g_signal_emit_by_name (jx_comments_panel_get_add_button (panel), "clicked");
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_annotations (document)), ==, n_annotations + 1);
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, comment_row (panel, "a14"), "resolve"), "clicked");
  iterate ();
  g_assert_true (jx_annotation_get_resolved (JX_ANNOTATION (lookup (window, "a14"))));

  /* The same typing goes through once review mode is off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-mode", NULL));
  iterate ();
  g_assert_false (jx_window_get_review_mode (window));
  g_assert_true (gtk_editable_get_editable (fiscal));
  key_in (fiscal, "9");
  g_assert_cmpstr (gtk_editable_get_text (fiscal), ==, "910,464.80");
  g_assert_cmpint (jx_project_get_source (p1, 0), ==, 91046480);
  close_window (window);
}

/* Ctrl+Alt+M's action in the focused 年度指标值 entry comments on that
 * field; the entry then shows a mark counting the open comments, and
 * clicking the mark lists them in the panel. Resolving takes the mark away. */
static void
test_review_field_comment_mark (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxIndicator *i7 = JX_INDICATOR (lookup (window, "i7"));
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  GtkWidget *entry = NULL;
  GListModel *annotations = jx_document_get_annotations (document);
  g_autoptr(JxAnnotation) added = NULL;
  g_autofree char *tooltip = NULL;

  /* Comments are signed without asking (asking is tested apart). */
  g_settings_set_string (jx_application_get_settings (NULL), "reviewer-name", "财政局 测试");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-mode", NULL));
  jx_window_select_node (window, JX_NODE (i7));
  iterate ();
  /* a1 is open on i7's annual value: one comment, marked. */
  g_assert_cmpuint (jx_window_get_field_mark (window, "annual-value", &entry), ==, 1);
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_cmpstr (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY), !=, NULL);
  g_assert_cmpuint (jx_window_get_field_mark (window, "cycle-value", NULL), ==, 0);

  jx_window_focus_field (window, "annual-value");
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.comment-field", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpstr (jx_comments_panel_get_field (panel), ==, "annual-value");
  gtk_editable_set_text (GTK_EDITABLE (jx_comments_panel_get_entry (panel)), "目标值偏低。");
  g_signal_emit_by_name (jx_comments_panel_get_entry (panel), "activate");
  iterate ();
  added = g_list_model_get_item (annotations, g_list_model_get_n_items (annotations) - 1);
  g_assert_cmpstr (jx_annotation_get_target (added), ==, "i7");
  g_assert_cmpstr (jx_annotation_get_field (added), ==, "annual-value");
  g_assert_cmpuint (jx_window_get_field_mark (window, "annual-value", &entry), ==, 2);
  tooltip = gtk_entry_get_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY);
  g_assert_nonnull (strstr (tooltip, "2"));

  /* Clicking the mark: the panel shows the field's open comments. */
  jx_comments_panel_set_filter (panel, 2, NULL);
  g_signal_emit_by_name (entry, "icon-press", GTK_ENTRY_ICON_SECONDARY);
  iterate ();
  g_assert_cmpint (comment_row (panel, "a1"), >=, 0);
  g_assert_cmpint (comment_row (panel, jx_node_get_id (JX_NODE (added))), >=, 0);

  jx_edit_set_resolved (document, added, TRUE);
  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a1")), TRUE);
  iterate ();
  g_assert_cmpuint (jx_window_get_field_mark (window, "annual-value", &entry), ==, 0);
  g_assert_null (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY));
  close_window (window);
}

/* ------------------------------------------------------------- units */

/* Add a funding unit (selected, its name to type); removing a unit with
 * projects asks first: Cancel keeps it, the destructive answer removes it
 * with its projects as one undo step. */
static void
test_units_add_remove_undo (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  GListModel *units = jx_document_get_units (document);
  guint n_units = g_list_model_get_n_items (units);
  guint n_projects = jx_document_get_n_projects (document);
  JxMoney total = jx_document_get_total (document);
  JxNode *u1 = lookup (window, "u1");
  JxNode *added;
  const char *heading = NULL;

  jx_window_select_node (window, u1);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units + 1);
  added = jx_window_get_shown_node (window);
  g_assert_true (JX_IS_FUNDING_UNIT (added));
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "unit");
  /* An empty unit goes without a question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-unit", NULL));
  iterate ();
  g_assert_false (jx_dialog_get_pending (GTK_WINDOW (window), NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);

  jx_window_select_node (window, u1);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove", NULL));
  iterate ();
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), &heading, NULL));
  g_assert_nonnull (strstr (heading, jx_funding_unit_get_name (JX_FUNDING_UNIT (u1))));
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "_Cancel")));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, n_projects);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-unit", NULL));
  iterate ();
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "_Remove Unit and Projects")));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units - 1);
  g_assert_null (jx_document_lookup (document, "u1"));
  g_assert_cmpuint (jx_document_get_n_projects (document), <, n_projects);

  /* One undo brings back the unit, its projects and the 合计. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  g_assert_nonnull (jx_document_lookup (document, "u1"));
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, n_projects);
  g_assert_cmpint (jx_document_get_total (document), ==, total);
  close_window (window);
}

/* "Move to Unit…" on a project: a button per other unit; the project goes
 * to the end of the chosen one with its comments, one undo step; a unit
 * moves up and down. */
static void
test_units_move_project (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxProject *p1 = JX_PROJECT (lookup (window, "p1"));
  JxFundingUnit *u1 = jx_project_get_unit (p1);
  JxFundingUnit *second;
  GListModel *units = jx_document_get_units (document);
  JxMoney u1_total = jx_funding_unit_get_total (u1);
  guint position;

  jx_window_select_node (window, JX_NODE (u1));
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  iterate ();
  second = JX_FUNDING_UNIT (jx_window_get_shown_node (window));
  jx_edit_set_string (document, second, "name", "广州市委党校");
  iterate ();

  jx_window_select_node (window, JX_NODE (p1));
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-to-unit", NULL));
  iterate ();
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), NULL, NULL));
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), "广州市委党校"));
  iterate ();
  g_assert_true (jx_project_get_unit (p1) == second);
  g_assert_cmpint (jx_funding_unit_get_total (second), ==, jx_project_get_total (p1));
  g_assert_cmpint (jx_funding_unit_get_total (u1), ==, u1_total - jx_project_get_total (p1));
  g_assert_true (jx_window_get_shown_node (window) == JX_NODE (p1));
  g_assert_cmpint (jx_annotation_locate (JX_ANNOTATION (lookup (window, "a14")), document, NULL, NULL),
                   ==, JX_ANNOTATION_PLACE_FOUND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_true (jx_project_get_unit (p1) == u1);
  g_assert_cmpint (jx_funding_unit_get_total (u1), ==, u1_total);

  jx_window_select_node (window, JX_NODE (second));
  iterate ();
  g_assert_true (jx_node_get_position (JX_NODE (second), &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-unit-up", NULL));
  iterate ();
  g_assert_true (jx_node_get_position (JX_NODE (second), &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpstr (jx_history_get_undo_label (jx_document_get_history (document)), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Move Funding Unit"));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 2);
  close_window (window);
}

/* ---------------------------------------------------------- row filter */

static GPtrArray *
tree_nodes (JxWindow *window)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (jx_window_get_tree_view (window))));
  GPtrArray *nodes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);

      g_ptr_array_add (nodes, gtk_tree_list_row_get_item (row));
    }
  return nodes;
}

/* Filters the tree to rows with problems again: is i7 listed? */
static gboolean
problem_row_listed (gpointer data)
{
  JxWindow *window = data;
  g_autoptr(GPtrArray) nodes = NULL;

  jx_window_set_row_filter (window, 0);
  jx_window_set_row_filter (window, 2);
  nodes = tree_nodes (window);
  for (guint i = 0; i < nodes->len; i++)
    if (g_ptr_array_index (nodes, i) == (gpointer) lookup (window, "i7"))
      return TRUE;
  return FALSE;
}

/* The tree filtered to rows with open comments lists exactly the projects
 * and indicators open comments are on; resolving one and filtering again
 * drops it; "problems" lists only rows with problems. */
static void
test_tree_filter_comments_problems (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *annotations = jx_document_get_annotations (document);

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (!jx_annotation_get_resolved (annotation))
        g_hash_table_add (expected, (gpointer) jx_annotation_get_target (annotation));
    }
  jx_window_set_row_filter (window, 1);
  iterate ();
  nodes = tree_nodes (window);
  g_assert_cmpuint (nodes->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < nodes->len; i++)
    g_assert_true (g_hash_table_contains (expected, jx_node_get_id (g_ptr_array_index (nodes, i))));

  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a14")), TRUE);
  jx_window_set_row_filter (window, 0);
  jx_window_set_row_filter (window, 1);
  iterate ();
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = tree_nodes (window);
  for (guint i = 0; i < nodes->len; i++)
    g_assert_cmpstr (jx_node_get_id (g_ptr_array_index (nodes, i)), !=, "p1");

  /* Problems: an indicator with no name is one, once validation ran. */
  jx_edit_set_string (document, lookup (window, "i7"), "name", "");
  wait_until (problem_row_listed, window);
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = tree_nodes (window);
  /* Only some rows: the filter filters. */
  g_assert_cmpuint (nodes->len, <, jx_document_get_n_projects (document) + jx_document_get_n_indicators (document));
  jx_window_set_row_filter (window, 0);
  iterate ();
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = tree_nodes (window);
  g_assert_true (JX_IS_DOCUMENT (g_ptr_array_index (nodes, 0)));
  close_window (window);
}

/* File → Export Comments…: a chooser for .csv; the file written holds the
 * open comments with their replies, the same bytes as jixiao-cli comments
 * --open. */
static gboolean comments_exported (gpointer data);

static void
test_export_comments_csv (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "comments.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GtkWindow *chooser;

  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a2")), TRUE);
  jx_window_export_comments (window, file, TRUE);
  wait_until (comments_exported, window);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "jx-comments-exported")), ==, 1);
  g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
  expected = jx_review_to_csv (document, TRUE);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (contents, "组织部 张起草"));          /* a reply */
  g_assert_nonnull (strstr (contents, "请说明社区党员活动经费的测算依据。"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-comments", "s", "csv");
  iterate ();
  chooser = find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Export Comments"));
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Comma-separated values (*.csv)"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  iterate ();
  g_unlink (out);
  g_rmdir (dir);
  close_window (window);
}

/* ------------------------------------------------------- rows clipboard */

typedef struct { char *text; gboolean done; } TextRead;

static void
on_text_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  TextRead *read = data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
text_read (gpointer data)
{
  return ((TextRead *) data)->done;
}

static char *
clipboard_text (GtkWidget *widget)
{
  TextRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_text_cb, &read);
  wait_until (text_read, &read);
  return read.text;
}

typedef struct
{
  JxWindow *window;
  char     *before;
} MessageWait;

static gboolean
message_changed (gpointer data)
{
  MessageWait *w = data;

  return g_strcmp0 (jx_clipboard_get_message (w->window), w->before) != 0;
}

/* Runs @action and waits for the message it shows: not for any message, as
 * the one of the last action may still be shown while a paste, which reads
 * the clipboard asynchronously, is under way (slow under the sanitizers). */
static void
activate_and_wait_for_message (JxWindow   *window,
                               const char *action)
{
  MessageWait w = { window, g_strdup (jx_clipboard_get_message (window)) };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  wait_until (message_changed, &w);
  g_free (w.before);
}

/* Ctrl+C / Ctrl+V belong to the tree only, so entries keep text copy. */
static gboolean
tree_has_shortcut (GtkWidget  *tree,
                   guint       keyval,
                   const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (tree);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK &&
              GTK_IS_NAMED_ACTION (named) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_rows_copy_paste_undo (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxHistory *history = jx_document_get_history (document);
  GtkWidget *tree = jx_window_get_tree_view (window);
  JxProject *p1 = JX_PROJECT (lookup (window, "p1"));
  guint n_own = g_list_model_get_n_items (jx_project_get_indicators (p1));
  g_autofree char *text = NULL;
  g_auto(GStrv) accels = NULL;
  JxFundingUnit *unit;
  guint projects, indicators, steps;
  JxNode *pasted;
  g_autoptr(JxProject) copy = NULL;
  g_autofree char *row = NULL;

  g_assert_true (tree_has_shortcut (tree, GDK_KEY_c, "win.copy-rows"));
  g_assert_true (tree_has_shortcut (tree, GDK_KEY_v, "win.paste-rows"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.copy-rows");
  g_assert_cmpuint (g_strv_length (accels), ==, 0);

  /* Copy a project: the 指标明细 rows, one per indicator, and the own format. */
  jx_window_select_node (window, JX_NODE (p1));
  gtk_widget_grab_focus (tree);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-rows", NULL));
  iterate ();
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (gtk_widget_get_clipboard (tree)),
                                                        JX_ROWS_MIME_TYPE));
  text = clipboard_text (tree);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "资金使用单位\t项目名称\t总计\t"));
  g_assert_nonnull (strstr (text, jx_project_get_name (p1)));
  {
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
    /* Header, one row per indicator, the final line end. */
    g_assert_cmpuint (g_strv_length (lines), ==, n_own + 2);
  }

  /* Paste onto another unit: exactly that project and its indicators,
   * one undo step. */
  unit = jx_edit_add_unit (document, 1, "另一单位");
  iterate ();
  jx_window_select_node (window, JX_NODE (unit));
  iterate ();
  projects = jx_document_get_n_projects (document);
  indicators = jx_document_get_n_indicators (document);
  steps = jx_history_get_n_steps (history);
  activate_and_wait_for_message (window, "win.paste-rows");
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, projects + 1);
  g_assert_cmpuint (jx_document_get_n_indicators (document), ==, indicators + n_own);
  g_assert_cmpuint (g_list_model_get_n_items (jx_funding_unit_get_projects (unit)), ==, 1);
  g_assert_cmpuint (jx_history_get_n_steps (history), ==, steps + 1);
  copy = g_list_model_get_item (jx_funding_unit_get_projects (unit), 0);
  g_assert_cmpstr (jx_project_get_name (copy), ==, jx_project_get_name (p1));
  g_assert_cmpint (jx_project_get_total (copy), ==, jx_project_get_total (p1));
  g_assert_cmpstr (jx_project_get_goal (copy), ==, jx_project_get_goal (p1));
  g_assert_cmpstr (jx_node_get_id (JX_NODE (copy)), !=, "p1");
  /* The new project is selected and shown in the tree. */
  pasted = jx_window_get_shown_node (window);
  g_assert_true (pasted == JX_NODE (copy));
  row = row_text (window, pasted);
  g_assert_nonnull (strstr (row, jx_project_get_name (p1)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, projects);
  g_assert_cmpuint (jx_document_get_n_indicators (document), ==, indicators);
  g_assert_cmpuint (g_list_model_get_n_items (jx_funding_unit_get_projects (unit)), ==, 0);
  /* “Added …” would now be wrong: the bar is gone. */
  g_assert_null (jx_clipboard_get_message (window));

  close_window (window);
}

/* Text from a spreadsheet with a mistake: what was read is added, what
 * was not is named with its row. */
static void
test_rows_paste_spreadsheet_text (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  GtkWidget *tree = jx_window_get_tree_view (window);
  JxProject *p2 = JX_PROJECT (lookup (window, "p2"));
  guint before = g_list_model_get_n_items (jx_project_get_indicators (p2));
  guint projects = jx_document_get_n_projects (document);
  g_autofree char *tsv = g_strdup_printf ("项目名称\t一级指标\t二级指标\t三级指标\t年度指标值\r\n"
                                          "%s\t1-产出指标\t11-数量指标\t新指标甲\t10人\r\n"
                                          "\t9-乱码指标\t11\t新指标乙\t20人\r\n",
                                          jx_project_get_name (p2));
  const char *message;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (tree), tsv);
  jx_window_select_node (window, JX_NODE (p2));
  iterate ();
  activate_and_wait_for_message (window, "win.paste-rows");
  /* Rows of this project pasted onto it: its indicators, no new project. */
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, projects);
  g_assert_cmpuint (g_list_model_get_n_items (jx_project_get_indicators (p2)), ==, before + 2);
  message = jx_clipboard_get_message (window);
  if (g_getenv ("JX_EXPECT_ZH") == NULL)
    {
      g_assert_nonnull (strstr (message, "Added 2 indicators."));
      g_assert_nonnull (strstr (message, "Row 3"));
    }
  else
    {
      g_assert_nonnull (strstr (message, "已添加 2 个指标。"));
      g_assert_nonnull (strstr (message, "第 3 行"));
    }
  g_assert_nonnull (strstr (message, "9-乱码指标"));
  close_window (window);
}

/* A Sichuan table: its four sources in the project form, its 指标性质,
 * 指标值, 度量单位, 权重 and 指标方向 in the indicator form and no cycle value;
 * each edits the model as one undo step. */
static void
test_template_forms (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "tests", "fixtures",
                                            "sichuan.jixiao", NULL);
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *project = lookup (window, "p2");
  JxNode *indicator = lookup (window, "i3");
  JxProjectForm *pform = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxIndicatorForm *iform = JX_INDICATOR_FORM (jx_window_get_indicator_form (window));
  GtkWidget *carryover, *other, *comparator, *weight;

  jx_window_select_node (window, project);
  iterate ();
  carryover = jx_project_form_get_amount_entry (pform, "carryover");
  other = jx_project_form_get_amount_entry (pform, "other");
  g_assert_true (carryover != jx_project_form_get_amount_entry (pform, "fiscal"));
  g_assert_true (other != carryover);
  g_assert_cmpstr (gtk_editable_get_text (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (carryover))), ==,
                   "10,000.00");
  type_into (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (other)), "25");
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 3), ==, 2500);
  g_assert_cmpint (jx_project_get_total (JX_PROJECT (project)), ==, 66000000 + 2500);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 3), ==, 0);

  jx_window_select_node (window, indicator);
  iterate ();
  g_assert_false (gtk_widget_get_visible (jx_indicator_form_get_field_widget (iform, "cycle-value")));
  comparator = jx_indicator_form_get_field_widget (iform, "comparator");
  weight = jx_indicator_form_get_field_widget (iform, "weight");
  g_assert_true (gtk_widget_get_visible (comparator));
  g_assert_true (gtk_widget_get_visible (weight));
  g_assert_true (gtk_widget_get_visible (jx_indicator_form_get_field_widget (iform, "direction")));
  g_assert_false (gtk_widget_get_visible (jx_indicator_form_get_field_widget (iform, "explanation")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jx_indicator_form_get_field_widget (iform, "measure-unit"))),
                   ==, "%");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (weight)), ==, 70);

  /* ≥ is shown; choosing ≤ changes the model, undo brings ≥ back. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (comparator)), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (comparator), 2);
  iterate ();
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "comparator"), ==, "≤");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 12.5);
  iterate ();
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "weight"), ==, "12.5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "weight"), ==, "70");
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "comparator"), ==, "≥");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (comparator)), ==, 1);
  g_assert_false (jx_history_get_modified (jx_document_get_history (document)));

  close_window (window);
}

/* File → New asks which template, the default-template setting's first;
 * the new window's document has the chosen one's sources and unit. */
static void
test_new_asks_template (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  GSettings *settings = jx_application_get_settings (app);
  const char *heading = NULL, *body = NULL;
  JxTemplate *sichuan = jx_template_get_builtin ("sichuan", NULL);
  JxWindow *created = NULL;
  JxDocument *document;
  GList *windows;

  g_settings_set_string (settings, "default-template", "plain");
  g_assert_true (jx_window_get_default_template () == jx_template_get_builtin ("plain", NULL));
  g_action_group_activate_action (G_ACTION_GROUP (app), "new", NULL);
  iterate ();
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), &heading, &body));
  g_assert_nonnull (heading);
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), jx_template_get_label (sichuan)));
  iterate ();
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    if (JX_IS_WINDOW (l->data) && l->data != window)
      created = l->data;
  g_assert_nonnull (created);
  document = jx_window_get_document (created);
  g_assert_true (jx_document_get_template (document) == sichuan);
  g_assert_cmpstr (jx_document_get_unit (document), ==, "元");
  g_assert_cmpuint (jx_document_get_n_sources (document), ==, 4);
  g_assert_false (jx_history_get_modified (jx_document_get_history (document)));
  close_window (created);

  /* Escape creates nothing. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new", NULL);
  iterate ();
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), NULL));
  iterate ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_settings_reset (settings, "default-template");
  close_window (window);
}

/* With no reviewer name set, the first comment asks for one instead of
 * signing with the login name; cancelling keeps the comment typed, and the
 * name given is kept in the settings for the next ones. */
static void
test_comments_ask_reviewer_name (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxCommentsPanel *panel = JX_COMMENTS_PANEL (jx_window_get_comments_panel (window));
  GListModel *annotations = jx_document_get_annotations (document);
  GtkWidget *entry = jx_comments_panel_get_entry (panel);
  GtkWidget *add = jx_comments_panel_get_add_button (panel);
  GSettings *settings = jx_application_get_settings (NULL);
  GtkWidget *dialog, *name, *sign;
  g_autoptr(JxAnnotation) added = NULL;
  g_autofree char *kept = NULL;

  g_settings_set_string (settings, "reviewer-name", "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  jx_window_select_node (window, lookup (window, "p2"));
  iterate ();
  gtk_editable_set_text (GTK_EDITABLE (entry), "请说明测算依据。");
  g_signal_emit_by_name (add, "clicked");
  iterate ();

  /* Asked, nothing added yet; cancel keeps the text. */
  dialog = jx_comments_panel_get_name_dialog (panel);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 14);
  name = g_object_get_data (G_OBJECT (dialog), "entry");
  sign = g_object_get_data (G_OBJECT (dialog), "sign");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), !=, g_get_user_name ());
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
  g_assert_null (jx_comments_panel_get_name_dialog (panel));
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 14);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "请说明测算依据。");

  /* Asked again; a blank name cannot sign; a real one signs and is kept. */
  g_signal_emit_by_name (add, "clicked");
  iterate ();
  dialog = jx_comments_panel_get_name_dialog (panel);
  name = g_object_get_data (G_OBJECT (dialog), "entry");
  sign = g_object_get_data (G_OBJECT (dialog), "sign");
  gtk_editable_set_text (GTK_EDITABLE (name), "   ");
  g_assert_false (gtk_widget_get_sensitive (sign));
  gtk_editable_set_text (GTK_EDITABLE (name), " 财政局 李审核 ");
  g_assert_true (gtk_widget_get_sensitive (sign));
  g_signal_emit_by_name (sign, "clicked");
  iterate ();
  g_assert_null (jx_comments_panel_get_name_dialog (panel));
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 15);
  added = g_list_model_get_item (annotations, 14);
  g_assert_cmpstr (jx_annotation_get_author (added), ==, "财政局 李审核");
  g_assert_cmpstr (jx_annotation_get_text (added), ==, "请说明测算依据。");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  kept = g_settings_get_string (settings, "reviewer-name");
  g_assert_cmpstr (kept, ==, "财政局 李审核");

  /* The next comment is signed without asking. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "另一条意见。");
  g_signal_emit_by_name (add, "clicked");
  iterate ();
  g_assert_null (jx_comments_panel_get_name_dialog (panel));
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 16);
  close_window (window);
}

/* Tree rows show how many open comments are on them and under them, and
 * follow resolving and undo. */
static void
test_tree_open_comment_counts (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *p1 = lookup (window, "p1");
  JxNode *p2 = lookup (window, "p2");
  JxAnnotation *a14 = JX_ANNOTATION (lookup (window, "a14"));
  g_autofree char *shown = row_text (window, p1);

  /* p1: the reviewer's comment on 财政拨款 and the importer's on its indicator i7. */
  g_assert_nonnull (shown);
  g_assert_cmpint (jx_window_get_row_comments (window, p1), ==, 2);
  g_assert_cmpint (jx_window_get_row_comments (window, p2), ==, 0);
  g_assert_cmpint (jx_window_get_row_comments (window, JX_NODE (document)), ==, 14);

  jx_edit_set_resolved (document, a14, TRUE);
  iterate ();
  g_assert_cmpint (jx_window_get_row_comments (window, p1), ==, 1);
  g_assert_cmpint (jx_window_get_row_comments (window, JX_NODE (document)), ==, 13);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  iterate ();
  g_assert_cmpint (jx_window_get_row_comments (window, p1), ==, 2);
  jx_edit_add_annotation (document, "p2", NULL, "审核人", "请补充。");
  iterate ();
  g_assert_cmpint (jx_window_get_row_comments (window, p2), ==, 1);
  close_window (window);
}

/* A mapped label under @widget whose text holds @needle, or NULL. */
static GtkLabel *
find_label_with (GtkWidget  *widget,
                 const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_with (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* File → New Year from This Table: next year's draft opens in a new,
 * unsaved window; this year's window and document are as they were. */
static void
test_new_year_window (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *saved_path = g_build_filename (dir, "2025.jixiao", NULL);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxWindow *next_window = NULL;
  JxDocument *next;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-year", NULL));
  iterate ();
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (JX_IS_WINDOW (l->data) && l->data != (gpointer) window)
      next_window = l->data;
  g_assert_nonnull (next_window);
  next = jx_window_get_document (next_window);
  g_assert_true (next != document);

  /* Next year: the same table with its ids, no comments, not saved anywhere. */
  g_assert_cmpint (jx_document_get_year (next), ==, 2025);
  g_assert_nonnull (strstr (jx_document_get_title (next), "2025年"));
  g_assert_cmpuint (jx_document_get_n_projects (next), ==, 35);
  g_assert_cmpint (jx_document_get_total (next), ==, jx_document_get_total (document));
  g_assert_nonnull (jx_document_lookup (next, "p1"));
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_annotations (next)), ==, 0);
  g_assert_null (jx_window_get_file (next_window));
  g_assert_true (jx_window_is_unsaved (next_window));
  /* The banner says where last year's comments went, in the user's language. */
  g_assert_nonnull (find_label_with (GTK_WIDGET (next_window),
                                     g_getenv ("JX_EXPECT_ZH") ? "上年审核的 14 条批注留在上年的表中"
                                                               : "14 comments of last year’s review"));

  /* This year's window is untouched. */
  g_assert_cmpint (jx_document_get_year (document), ==, 2024);
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_annotations (document)), ==, 14);
  g_assert_false (jx_window_is_unsaved (window));

  /* Saved, it is next year's file with last year's values. */
  g_assert_true (jx_window_save_to (next_window, saved, 0, &error));
  g_assert_no_error (error);
  g_assert_false (jx_window_is_unsaved (next_window));
  g_assert_true (g_file_get_contents (saved_path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, " format=\"2\" year=\"2025\""));
  g_assert_nonnull (strstr (written, "<previous year=\"2024\""));
  close_window (next_window);
  close_window (window);
}

static gboolean
changes_shown (gpointer data)
{
  return g_object_get_data (G_OBJECT (data), "jx-changes-window") != NULL;
}

/* File → Compare With lists what changed since the other version, in the
 * user's language, and each change leads to its item. */
static void
test_compare_with (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *sent_path = g_build_filename (dir, "sent.jixiao", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) sent = g_file_new_for_path (sent_path);
  JxWindow *window = open_window (path);
  JxChangesWindow *changes;
  g_auto(GStrv) parts = NULL;
  g_autofree char *edited = NULL;
  int amount_row = -1;

  /* The version sent had another amount for p3. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  parts = g_strsplit (text, "<project id=\"p3\" fiscal=\"8475.00\"", 2);
  g_assert_nonnull (parts[1]);
  edited = g_strjoin ("<project id=\"p3\" fiscal=\"8450.00\"", parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (sent_path, edited, -1, NULL));

  jx_window_compare_with (window, sent);
  wait_until (changes_shown, window);
  changes = g_object_get_data (G_OBJECT (window), "jx-changes-window");
  g_assert_true (JX_IS_CHANGES_WINDOW (changes));
  g_assert_cmpuint (jx_changes_window_get_n_rows (changes), ==, 1);
  for (guint i = 0; i < jx_changes_window_get_n_rows (changes); i++)
    if (strstr (jx_changes_window_get_row_text (changes, i), "+25.00") != NULL)
      amount_row = i;
  g_assert_cmpint (amount_row, ==, 0);
  g_assert_nonnull (strstr (jx_changes_window_get_row_text (changes, 0),
                            g_getenv ("JX_EXPECT_ZH") ? "财政拨款：8,450.00 → 8,475.00（+25.00）"
                                                      : "fiscal appropriation: 8,450.00 → 8,475.00 (+25.00)"));
  g_assert_nonnull (strstr (jx_changes_window_get_summary (changes), "sent.jixiao"));

  /* Activating the change shows p3. */
  jx_window_select_node (window, NULL);
  jx_changes_window_activate_row (changes, 0);
  iterate ();
  g_assert_true (jx_window_get_shown_node (window) == lookup (window, "p3"));
  gtk_window_destroy (GTK_WINDOW (changes));
  close_window (window);
}

static gboolean
comments_exported (gpointer data)
{
  return g_object_get_data (G_OBJECT (data), "jx-comments-exported") != NULL;
}

/* File → Export Comments writes the open comments with their replies as
 * CSV or PDF, by the extension chosen. */
static void
test_export_comments (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "批注.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "批注.pdf", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autofree char *text = NULL;
  g_autofree char *pdf_bytes = NULL;
  g_auto(GStrv) lines = NULL;
  JxWindow *window = open_window (path);

  jx_edit_set_resolved (jx_window_get_document (window), JX_ANNOTATION (lookup (window, "a1")), TRUE);
  jx_window_export_comments (window, csv, TRUE);
  wait_until (comments_exported, window);
  g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (window), "jx-comments-exported")), ==, 1);
  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF"));
  lines = g_strsplit (text, "\r\n", -1);
  /* A header, 13 open comments and the one reply, and the final CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 14 + 1);
  g_assert_nonnull (strstr (text, "请说明社区党员活动经费的测算依据。"));
  g_assert_null (strstr (text, ",a1,"));

  jx_window_export_comments (window, pdf, TRUE);
  wait_until (comments_exported, window);
  g_assert_true (g_file_get_contents (pdf_path, &pdf_bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf_bytes, "%PDF-"));
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("jx-app-home-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  int status;

  /* One private home for the whole run: GTK's recent-files manager is a
   * singleton that keeps the data folder it started with. */
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (cache, 0700);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  jx_init ();
  textdomain (GETTEXT_PACKAGE);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run under xvfb-run (build-aux/jx-dev.sh test)");
      return g_test_run ();   /* the home folder is left: nothing was written */
    }

  app = jx_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/app/totals/live-and-undo", test_totals_live_and_undo);
  g_test_add_func ("/app/amount/invalid-keeps-model", test_invalid_amount_keeps_model);
  g_test_add_func ("/app/indicator/category-limits-subcategories", test_category_limits_subcategories);
  g_test_add_func ("/app/indicator/invalid-pair-shown-as-is", test_invalid_pair_shown_as_is);
  g_test_add_func ("/app/indicator/value-reading-beside-entry", test_value_reading);
  g_test_add_func ("/app/files/open-and-save-as-choosers", test_file_dialogs);
  g_test_add_func ("/app/files/export-and-print", test_export_and_print);
  g_test_add_func ("/app/dialogs/unsaved-cancel-discard-error", test_dialog_helper);
  g_test_add_func ("/app/layout/sizes-and-panels", test_layout_sizes);
  g_test_add_func ("/app/tree/remove-shows-parent", test_remove_shows_parent);
  g_test_add_func ("/app/tree/add-duplicate-move", test_add_duplicate_move);
  g_test_add_func ("/app/tree/search-filters", test_search_filters);
  g_test_add_func ("/app/files/save-reopen-equal", test_save_reopen_equal);
  g_test_add_func ("/app/files/autosave-draft", test_autosave_draft);
  g_test_add_func ("/app/a11y/labels", test_accessible_labels);
  g_test_add_func ("/app/large/scroll-to-end", test_large_document_scrolls);
  g_test_add_func ("/app/zh-CN/labels", test_chinese_labels);
  g_test_add_func ("/app/comments/listed-with-replies", test_comments_listed);
  g_test_add_func ("/app/comments/add-resolve-undo", test_comments_add_resolve_undo);
  g_test_add_func ("/app/comments/reply-survives-document-changes", test_comments_reply_survives_changes);
  g_test_add_func ("/app/comments/filter-order-places", test_comments_filter_order_places);
  g_test_add_func ("/app/comments/new-scrolled-into-view", test_comments_new_scrolled_into_view);
  g_test_add_func ("/app/review/blocks-figures-keeps-comments", test_review_mode_blocks_figures);
  g_test_add_func ("/app/review/field-comment-and-mark", test_review_field_comment_mark);
  g_test_add_func ("/app/units/add-remove-undo", test_units_add_remove_undo);
  g_test_add_func ("/app/units/move-project-to-unit", test_units_move_project);
  g_test_add_func ("/app/tree/filter-comments-problems", test_tree_filter_comments_problems);
  g_test_add_func ("/app/comments/export-csv", test_export_comments_csv);
  g_test_add_func ("/app/comments/asks-for-the-reviewer-name", test_comments_ask_reviewer_name);
  g_test_add_func ("/app/tree/open-comment-counts", test_tree_open_comment_counts);
  g_test_add_func ("/app/files/new-year-window", test_new_year_window);
  g_test_add_func ("/app/files/compare-with-lists-changes", test_compare_with);
  g_test_add_func ("/app/files/export-comments-csv-and-pdf", test_export_comments);
  g_test_add_func ("/app/rows/copy-paste-undo", test_rows_copy_paste_undo);
  g_test_add_func ("/app/rows/paste-spreadsheet-text", test_rows_paste_spreadsheet_text);
  g_test_add_func ("/app/template/forms", test_template_forms);
  g_test_add_func ("/app/template/new-asks", test_new_asks_template);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
