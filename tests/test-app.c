/* test-app.c: the editor's real widgets, driven as a person would
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (build-aux/jx-dev.sh test wraps meson test in xvfb-run);
 * without a display every test is skipped.
 */
#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <unistd.h>

#include <fcntl.h>


#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
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
#include "jx-new-year.h"
#include "jx-indicator-form.h"
#include "jx-init.h"
#include "jx-money.h"
#include "jx-preferences.h"
#include "jx-problems-panel.h"
#include "jx-project-form.h"
#include "jx-review.h"
#include "jx-taxonomy.h"
#include "jx-toast.h"
#include "jx-rows.h"
#include "jx-storage.h"
#include "jx-window.h"
#include "jx-test-util.h"
#include "jx-window-private.h"
#include "jx-xml.h"

static JxApplication *app;

/* Every wait is for a condition, with a generous deadline that fails the
 * test (and names the condition) instead of hanging or passing. */
#define WAIT_SECONDS 30

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for_impl (gboolean  (*done) (gpointer),
               gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (5, tick_cb, NULL);   /* wakes the loop to look again */
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

/* WAIT_FOR (expression): runs the main loop until the expression holds. */
#define WAIT_FOR(cond) G_STMT_START {                                          \
    gint64 wait_deadline_ = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC; \
    guint wait_tick_ = g_timeout_add (5, tick_cb, NULL);                        \
    while (!(cond) && g_get_monotonic_time () < wait_deadline_)                 \
      g_main_context_iteration (NULL, TRUE);                                    \
    g_source_remove (wait_tick_);                                               \
    if (!(cond))                                                                \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,         \
                           "timed out after " G_STRINGIFY (WAIT_SECONDS)        \
                           " s waiting for: " #cond);                          \
  } G_STMT_END

static void
wait_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  if (!wait_for_impl (done, data))
    g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, "timed out waiting for a condition");
}

typedef struct { GtkWidget *window; GdkFrameClock *clock; gint64 after; } FrameWait;

static gboolean
frame_painted (gpointer data)
{
  FrameWait *wait = data;

  /* A window closed meanwhile paints nothing more: nothing to wait for. */
  return !gtk_widget_get_mapped (wait->window)
         || gdk_frame_clock_get_frame_counter (wait->clock) > wait->after;
}

/* Until every window has laid out and painted a frame requested now, and
 * the idle work that queued has run: what a person would see. */
static void
settle (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      g_autoptr(GdkFrameClock) clock = NULL;
      FrameWait wait;

      if (!gtk_widget_get_mapped (window) || gtk_widget_get_frame_clock (window) == NULL)
        continue;
      clock = g_object_ref (gtk_widget_get_frame_clock (window));
      wait.window = window;
      wait.clock = clock;
      wait.after = gdk_frame_clock_get_frame_counter (clock);
      gtk_widget_queue_draw (window);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      wait_until (frame_painted, &wait);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The 20,000-project document of jx-generate, made once per run (in the
 * run's private home, removed with it). */
static char *large_path;

static const char *
large_document (void)
{
  const char *generator = g_getenv ("JX_GENERATE");
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (large_path == NULL)
    {
      const char *argv[] = { generator, "--projects", "20000", NULL, NULL };

      g_assert_nonnull (generator);
      large_path = g_build_filename (g_get_user_cache_dir (), "big.jixiao", NULL);
      argv[3] = large_path;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                                   NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  return large_path;
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
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  settle ();
  return window;
}

static void
close_window (JxWindow *window)
{
  /* Tests discard their changes; no dialog. */
  JxDocument *document = jx_window_get_document (window);

  jx_history_set_save_point (jx_document_get_history (document));
  gtk_window_close (GTK_WINDOW (window));
  WAIT_FOR (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), window) == NULL);
  settle ();
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
  settle ();
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
  settle ();
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
  settle ();
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
  settle ();
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
  settle ();
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
  settle ();
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "indicator");
  row = row_text (window, JX_NODE (indicator));
  g_assert_cmpstr (row, ==, "11 足额发放率");
  offered = jx_indicator_form_describe_subcategories (form);
  g_assert_cmpstr (offered, ==, "11 12 13 14");
  g_clear_pointer (&offered, g_free);

  /* Choosing category 2 offers 21–24 only, and takes 21 in one step. */
  gtk_drop_down_set_selected (category, 1);
  settle ();
  g_assert_cmpstr (jx_indicator_get_category (indicator), ==, "2");
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "21");
  offered = jx_indicator_form_describe_subcategories (form);
  g_assert_cmpstr (offered, ==, "21 22 23 24");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (subcategory)), ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (subcategory), ==, 0);

  gtk_drop_down_set_selected (subcategory, 2);
  settle ();
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "23");

  /* Two steps back: first the sub-category, then the category pair. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  settle ();
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
  settle ();
  offered = jx_indicator_form_describe_subcategories (form);
  g_assert_cmpstr (offered, ==, "11 12 13 14 22");
  g_assert_cmpstr (jx_indicator_get_subcategory (indicator), ==, "22");
  /* The form says what is wrong, naming both codes. */
  g_assert_nonnull (jx_indicator_form_get_pair_warning (form));
  g_assert_nonnull (strstr (jx_indicator_form_get_pair_warning (form), "22"));
  g_assert_nonnull (strstr (jx_indicator_form_get_pair_warning (form), "1"));
  g_assert_false (jx_history_can_undo (jx_document_get_history (jx_window_get_document (window))));

  jx_indicator_set_subcategory (indicator, "11");
  WAIT_FOR (jx_indicator_form_get_pair_warning (form) == NULL);
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
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove", NULL));
  settle ();
  /* Never silently another project: the unit it was in. */
  g_assert_true (jx_window_get_shown_node (window) == unit);
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, 34);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, 35);

  /* Undo of an insertion while its form is shown: nothing selected. */
  jx_window_select_node (window, project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-indicator", NULL));
  settle ();
  g_assert_true (JX_IS_INDICATOR (jx_window_get_shown_node (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
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
  settle ();
  copy = jx_window_get_shown_node (window);
  g_assert_true (JX_IS_PROJECT (copy) && copy != p1);
  g_assert_true (jx_node_get_position (copy, &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (strstr (jx_window_get_status_total (window), "67,004.79") != NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-down", NULL));
  settle ();
  g_assert_true (jx_node_get_position (copy, &position));
  g_assert_cmpuint (position, ==, 2);
  g_assert_true (jx_window_get_shown_node (window) == copy);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-project", NULL));
  settle ();
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
  settle ();
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
    settle ();
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
  settle ();
  model = G_LIST_MODEL (gtk_list_view_get_model (tree));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(JxNode) node = gtk_tree_list_row_get_item (row);

      const char *name = JX_IS_PROJECT (node) ? jx_project_get_name (JX_PROJECT (node))
                                              : jx_indicator_get_name (JX_INDICATOR (node));

      g_assert_true (JX_IS_INDICATOR (node) || JX_IS_PROJECT (node));
      g_assert_nonnull (strstr (name, "满意"));
    }
  /* Every match is listed: as many as a plain count over the document. */
  {
    guint expected = 0;
    GListModel *units = jx_document_get_units (jx_window_get_document (window));

    for (guint u = 0; u < g_list_model_get_n_items (units); u++)
      {
        g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
        GListModel *projects = jx_funding_unit_get_projects (unit);

        for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
          {
            g_autoptr(JxProject) project = g_list_model_get_item (projects, i);
            GListModel *indicators = jx_project_get_indicators (project);

            expected += strstr (jx_project_get_name (project), "满意") != NULL;
            for (guint k = 0; k < g_list_model_get_n_items (indicators); k++)
              {
                g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, k);

                expected += strstr (jx_indicator_get_name (indicator), "满意") != NULL;
              }
          }
      }
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
  }
  gtk_editable_set_text (GTK_EDITABLE (jx_window_get_search_entry (window)), "");
  g_signal_emit_by_name (jx_window_get_search_entry (window), "search-changed");
  settle ();
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
  JxWindow *window;
  JxDocument *document;
  GListModel *units, *projects;
  g_autoptr(JxFundingUnit) unit = NULL;
  g_autoptr(JxProject) last = NULL;
  g_autoptr(JxIndicator) indicator = NULL;
  gpointer pair[2];

  window = open_window (large_document ());
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
  settle ();
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
  settle ();
  /* 项目完成率: 大于等于98% in the sample. */
  g_assert_cmpstr (gtk_editable_get_text (cycle), ==, "大于等于98%");
  g_assert_cmpstr (gtk_label_get_text (jx_indicator_form_get_value_reading (form, FALSE)), ==, "≥ 98 %");

  gtk_editable_set_text (cycle, "95%以上");
  settle ();
  g_assert_cmpstr (jx_indicator_get_cycle_value (indicator), ==, "95%以上");
  g_assert_cmpstr (gtk_label_get_text (jx_indicator_form_get_value_reading (form, FALSE)), ==, "≥ 95 %");

  gtk_editable_set_text (cycle, "按实际数量");
  settle ();
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
  settle ();
  chooser = find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Open Document"));
  g_assert_nonnull (chooser);
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Performance target tables (*.jixiao)"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  settle ();
  g_assert_null (find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Open Document")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  settle ();
  chooser = find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Save As"));
  g_assert_nonnull (chooser);
  g_assert_true (GTK_IS_FILE_CHOOSER (chooser));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  settle ();
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
  settle ();
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

/* The text pdftotext reads from @pdf, without white space (a name wrapped
 * in its cell reads whole). */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_auto(JxTestRun) run = { 0 };

  jx_test_run (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 0);
  return jx_test_squeeze (run.out, TRUE);
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
  settle ();
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
  settle ();
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

/* The label of the button that has the keyboard focus in the dialog
 * modal on @parent (what Enter presses), or NULL. */
static const char *
focused_button_of_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkWidget *focus;

      if (gtk_window_get_transient_for (window) != parent || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      focus = gtk_root_get_focus (GTK_ROOT (window));
      return GTK_IS_BUTTON (focus) ? gtk_button_get_label (GTK_BUTTON (focus)) : NULL;
    }
  return NULL;
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
  /* Enter presses the default, Save; not the first button, Close without Saving. */
  g_assert_cmpstr (focused_button_of_dialog (GTK_WINDOW (window)), ==, g_dgettext (GETTEXT_PACKAGE, "_Save"));
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
  settle ();
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
          settle ();
          wait_until (allocated_size, &size);
          settle ();

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
  settle ();
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
  settle ();
  g_assert_true (jx_window_get_shown_node (window) == JX_NODE (project));
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "project");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-comments", NULL));
  settle ();
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
  settle ();
  /* Signed with the reviewer's name (asking for it is tested apart). */
  g_settings_set_string (jx_application_get_settings (NULL), "reviewer-name", "财政局 测试");
  /* Nothing selected: nowhere to comment. */
  jx_window_select_node (window, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "请补充绩效目标的量化指标。");
  g_assert_false (gtk_widget_get_sensitive (add));

  jx_window_select_node (window, JX_NODE (p2));
  settle ();
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  settle ();
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
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (jx_annotation_get_replies (added)), ==, 1);
  g_assert_cmpint (comment_row (panel, id), ==, row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (jx_comments_panel_get_reply_entry (panel, row))), ==, "");

  /* Resolve: the row stays where it is, says so, and leaves "open". */
  row = comment_row (panel, "a1");
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, row, "resolve"), "clicked");
  settle ();
  g_assert_true (jx_annotation_get_resolved (JX_ANNOTATION (lookup (window, "a1"))));
  g_assert_cmpint (comment_row (panel, "a1"), ==, row);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (jx_comments_panel_get_row_button (panel, row, "resolve"))),
                   ==, _("Reopen"));
  jx_comments_panel_set_filter (panel, 1, NULL);
  settle ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 14);
  g_assert_cmpint (comment_row (panel, "a1"), ==, -1);
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, comment_row (panel, id), "resolve"), "clicked");
  settle ();
  g_assert_true (jx_annotation_get_resolved (added));
  g_assert_cmpint (comment_row (panel, id), ==, -1);
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 13);

  /* Undo reopens it (back in the open list), undo twice more removes the
   * reply and the comment. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_false (jx_annotation_get_resolved (added));
  g_assert_cmpint (comment_row (panel, id), >=, 0);
  jx_comments_panel_set_filter (panel, 0, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (jx_annotation_get_replies (added)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
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
  settle ();
  row = comment_row (panel, "a14");
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, row, "reply"), "clicked");
  reply_entry = jx_comments_panel_get_reply_entry (panel, row);
  gtk_editable_set_text (GTK_EDITABLE (reply_entry), "测算表见附件三，");
  settle ();

  g_assert_true (jx_edit_set_money (document, p1, "fiscal", 123456, NULL));
  jx_edit_set_string (document, p1, "name", "改名后的项目");
  jx_edit_add_annotation (document, "p1", "goal", "财政局 王审核", "目标请量化。");
  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a2")), TRUE);
  jx_edit_reply (document, JX_ANNOTATION (lookup (window, "a3")), "组织部 张起草", "已修改。");
  settle ();
  jx_history_undo (jx_document_get_history (document));
  settle ();

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
  settle ();

  /* Authors: 导入 wrote 13, 李审核 one (a14), 张起草 only a reply to it. */
  jx_comments_panel_set_filter (panel, 0, "财政局 李审核");
  settle ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 1);
  g_assert_cmpint (comment_row (panel, "a14"), ==, 0);
  jx_comments_panel_set_filter (panel, 0, "组织部 张起草");
  settle ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 1);
  jx_comments_panel_set_filter (panel, 0, "导入");
  settle ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 13);
  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a5")), TRUE);
  jx_comments_panel_set_filter (panel, 2, NULL);
  settle ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 1);
  g_assert_cmpint (comment_row (panel, "a5"), ==, 0);
  jx_comments_panel_set_filter (panel, 0, NULL);
  settle ();
  g_assert_cmpuint (jx_comments_panel_get_n_rows (panel), ==, 14);

  /* Newest first: a14 (10:00) before the 09:00 ones. */
  jx_comments_panel_set_newest_first (panel, TRUE);
  settle ();
  g_assert_cmpint (comment_row (panel, "a14"), ==, 0);
  jx_comments_panel_set_newest_first (panel, FALSE);
  settle ();

  /* An indicator's comment names its project. */
  text = jx_comments_panel_describe_row (panel, comment_row (panel, "a1"));
  expected = g_strdup_printf ("%s / %s · %s|", jx_project_get_name (jx_indicator_get_project (i7)),
                              jx_indicator_get_name (i7), jx_field_label_for_id ("annual-value"));
  g_assert_true (g_str_has_prefix (text, expected));

  /* A field the item does not have, and a removed project: still listed. */
  odd = jx_edit_add_annotation (document, "p1", "no-such-field", "财政局 李审核", "？");
  g_assert_cmpint (jx_annotation_locate (odd, document, NULL, NULL), ==, JX_ANNOTATION_PLACE_REMOVED_FIELD);
  settle ();
  g_clear_pointer (&text, g_free);
  text = jx_comments_panel_describe_row (panel, comment_row (panel, jx_node_get_id (JX_NODE (odd))));
  g_assert_nonnull (strstr (text, "no-such-field"));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (_("%s · on a removed field (%s)"), jx_project_get_name (JX_PROJECT (lookup (window, "p1"))),
                              "no-such-field");
  g_assert_true (g_str_has_prefix (text, expected));

  jx_edit_remove (document, JX_NODE (p23));
  settle ();
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
  settle ();
  for (int i = 0; i < 12; i++)
    jx_edit_add_annotation (document, "p1", NULL, "财政局 李审核", "请核对。");
  settle ();
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
  settle ();
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
  settle ();
  fiscal = jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (form, "fiscal")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-mode", NULL));
  settle ();
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
        settle ();
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
  settle ();
  gtk_editable_set_text (GTK_EDITABLE (jx_comments_panel_get_entry (panel)), "请说明增减原因。");
  g_assert_true (gtk_widget_get_sensitive (jx_comments_panel_get_add_button (panel)));
  g_signal_emit_by_name (jx_comments_panel_get_add_button (panel), "clicked");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (jx_document_get_annotations (document)), ==, n_annotations + 1);
  g_signal_emit_by_name (jx_comments_panel_get_row_button (panel, comment_row (panel, "a14"), "resolve"), "clicked");
  settle ();
  g_assert_true (jx_annotation_get_resolved (JX_ANNOTATION (lookup (window, "a14"))));

  /* The same typing goes through once review mode is off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.review-mode", NULL));
  settle ();
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
  settle ();
  /* a1 is open on i7's annual value: one comment, marked. */
  g_assert_cmpuint (jx_window_get_field_mark (window, "annual-value", &entry), ==, 1);
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_cmpstr (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY), !=, NULL);
  g_assert_cmpuint (jx_window_get_field_mark (window, "cycle-value", NULL), ==, 0);

  jx_window_focus_field (window, "annual-value");
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.comment-field", NULL));
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpstr (jx_comments_panel_get_field (panel), ==, "annual-value");
  gtk_editable_set_text (GTK_EDITABLE (jx_comments_panel_get_entry (panel)), "目标值偏低。");
  g_signal_emit_by_name (jx_comments_panel_get_entry (panel), "activate");
  settle ();
  added = g_list_model_get_item (annotations, g_list_model_get_n_items (annotations) - 1);
  g_assert_cmpstr (jx_annotation_get_target (added), ==, "i7");
  g_assert_cmpstr (jx_annotation_get_field (added), ==, "annual-value");
  g_assert_cmpuint (jx_window_get_field_mark (window, "annual-value", &entry), ==, 2);
  tooltip = gtk_entry_get_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY);
  g_assert_nonnull (strstr (tooltip, "2"));

  /* Clicking the mark: the panel shows the field's open comments. */
  jx_comments_panel_set_filter (panel, 2, NULL);
  g_signal_emit_by_name (entry, "icon-press", GTK_ENTRY_ICON_SECONDARY);
  settle ();
  g_assert_cmpint (comment_row (panel, "a1"), >=, 0);
  g_assert_cmpint (comment_row (panel, jx_node_get_id (JX_NODE (added))), >=, 0);

  jx_edit_set_resolved (document, added, TRUE);
  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a1")), TRUE);
  settle ();
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
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units + 1);
  added = jx_window_get_shown_node (window);
  g_assert_true (JX_IS_FUNDING_UNIT (added));
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "unit");
  /* An empty unit goes without a question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-unit", NULL));
  settle ();
  g_assert_false (jx_dialog_get_pending (GTK_WINDOW (window), NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);

  jx_window_select_node (window, u1);
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove", NULL));
  settle ();
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), &heading, NULL));
  g_assert_nonnull (strstr (heading, jx_funding_unit_get_name (JX_FUNDING_UNIT (u1))));
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "_Cancel")));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, n_projects);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-unit", NULL));
  settle ();
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "_Remove Unit and Projects")));
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units - 1);
  g_assert_null (jx_document_lookup (document, "u1"));
  g_assert_cmpuint (jx_document_get_n_projects (document), <, n_projects);

  /* One undo brings back the unit, its projects and the 合计. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
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
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-unit", NULL));
  settle ();
  second = JX_FUNDING_UNIT (jx_window_get_shown_node (window));
  jx_edit_set_string (document, second, "name", "广州市委党校");
  settle ();

  jx_window_select_node (window, JX_NODE (p1));
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-to-unit", NULL));
  settle ();
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), NULL, NULL));
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), "广州市委党校"));
  settle ();
  g_assert_true (jx_project_get_unit (p1) == second);
  g_assert_cmpint (jx_funding_unit_get_total (second), ==, jx_project_get_total (p1));
  g_assert_cmpint (jx_funding_unit_get_total (u1), ==, u1_total - jx_project_get_total (p1));
  g_assert_true (jx_window_get_shown_node (window) == JX_NODE (p1));
  g_assert_cmpint (jx_annotation_locate (JX_ANNOTATION (lookup (window, "a14")), document, NULL, NULL),
                   ==, JX_ANNOTATION_PLACE_FOUND);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_true (jx_project_get_unit (p1) == u1);
  g_assert_cmpint (jx_funding_unit_get_total (u1), ==, u1_total);

  jx_window_select_node (window, JX_NODE (second));
  settle ();
  g_assert_true (jx_node_get_position (JX_NODE (second), &position));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-unit-up", NULL));
  settle ();
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
  settle ();
  nodes = tree_nodes (window);
  g_assert_cmpuint (nodes->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < nodes->len; i++)
    g_assert_true (g_hash_table_contains (expected, jx_node_get_id (g_ptr_array_index (nodes, i))));

  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a14")), TRUE);
  jx_window_set_row_filter (window, 0);
  jx_window_set_row_filter (window, 1);
  settle ();
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
  settle ();
  g_clear_pointer (&nodes, g_ptr_array_unref);
  nodes = tree_nodes (window);
  g_assert_true (JX_IS_DOCUMENT (g_ptr_array_index (nodes, 0)));
  close_window (window);
}

static gboolean
node_listed (JxWindow *window,
             JxNode   *node)
{
  g_autoptr(GPtrArray) nodes = tree_nodes (window);

  for (guint i = 0; i < nodes->len; i++)
    if (g_ptr_array_index (nodes, i) == (gpointer) node)
      return TRUE;
  return FALSE;
}

static GListModel *
tree_model_of (JxWindow *window)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (jx_window_get_tree_view (window))));

  return gtk_single_selection_get_model (selection);
}

typedef struct { JxWindow *window; JxNode *node; gboolean listed; } ListedWait;

static gboolean
listed_as (gpointer data)
{
  ListedWait *wait = data;

  return node_listed (wait->window, wait->node) == wait->listed;
}

/* The row filter is live: rows come and go as comments are resolved or
 * added and as problems appear or are fixed, without choosing the filter
 * again and without making the list again (the same model throughout). */
static void
test_tree_filter_live (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *p1 = lookup (window, "p1"), *p4 = lookup (window, "p4"), *i7 = lookup (window, "i7");
  g_autoptr(GPtrArray) nodes = NULL;
  g_autofree char *i7_name = g_strdup (jx_indicator_get_name (JX_INDICATOR (i7)));
  GListModel *model;
  ListedWait wait = { window, i7, TRUE };
  guint p4_at = G_MAXUINT;

  jx_window_set_row_filter (window, 1);
  settle ();
  model = tree_model_of (window);
  g_assert_true (node_listed (window, p1));
  g_assert_false (node_listed (window, p4));

  /* Resolved: p1 goes; a new comment on p4: it comes, in table order. */
  jx_edit_set_resolved (document, JX_ANNOTATION (lookup (window, "a14")), TRUE);
  settle ();
  g_assert_false (node_listed (window, p1));
  jx_edit_add_annotation (document, "p4", NULL, "财政局 测试", "请补充测算依据。");
  settle ();
  g_assert_true (node_listed (window, p4));
  nodes = tree_nodes (window);
  for (guint i = 0; i < nodes->len; i++)
    if (g_ptr_array_index (nodes, i) == (gpointer) p4)
      p4_at = i;
  for (guint i = 0; i < nodes->len; i++)
    {
      JxNode *node = g_ptr_array_index (nodes, i);
      JxProject *project = JX_IS_PROJECT (node) ? JX_PROJECT (node) : jx_indicator_get_project (JX_INDICATOR (node));
      guint position, p4_position;

      g_assert_true (jx_node_get_position (JX_NODE (project), &position));
      g_assert_true (jx_node_get_position (p4, &p4_position));
      if (position < p4_position)
        g_assert_cmpuint (i, <, p4_at);
      else if (position > p4_position)
        g_assert_cmpuint (i, >, p4_at);
    }
  /* Undone: gone again. */
  jx_history_undo (jx_document_get_history (document));
  settle ();
  g_assert_false (node_listed (window, p4));
  g_assert_true (tree_model_of (window) == model);

  /* Problems: i7 comes when its name is emptied, goes when it is back. */
  jx_window_set_row_filter (window, 2);
  settle ();
  model = tree_model_of (window);
  g_assert_false (node_listed (window, i7));
  jx_edit_set_string (document, i7, "name", "");
  wait_until (listed_as, &wait);
  jx_edit_set_string (document, i7, "name", i7_name);
  wait.listed = FALSE;
  wait_until (listed_as, &wait);
  g_assert_true (tree_model_of (window) == model);
  jx_window_set_row_filter (window, 0);
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
  settle ();
  chooser = find_toplevel_titled (g_dgettext (GETTEXT_PACKAGE, "Export Comments"));
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Comma-separated values (*.csv)"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  settle ();
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
  settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-rows", NULL));
  settle ();
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
  settle ();
  jx_window_select_node (window, JX_NODE (unit));
  settle ();
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
  settle ();
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
  settle ();
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
  settle ();
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
  settle ();
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 3), ==, 0);

  jx_window_select_node (window, indicator);
  settle ();
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
  /* Shown as kept, not as 70.00. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (weight)), ==, "70");

  /* ≥ is shown; choosing ≤ changes the model, undo brings ≥ back. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (comparator)), ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (comparator), 2);
  settle ();
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "comparator"), ==, "≤");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight), 12.5);
  settle ();
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "weight"), ==, "12.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (weight)), ==, "12.5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "weight"), ==, "70");
  g_assert_cmpstr (jx_indicator_get_field (JX_INDICATOR (indicator), "comparator"), ==, "≥");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (comparator)), ==, 1);
  g_assert_false (jx_history_get_modified (jx_document_get_history (document)));

  close_window (window);
}

/* A 万元 table kept to the 元: the amount entries show and take four
 * decimals, the totals follow exactly, a fifth decimal is refused. */
static void
test_four_decimal_amounts (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "tests", "fixtures",
                                            "central-4-decimals.jixiao", NULL);
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *project = lookup (window, "p1");
  JxProjectForm *pform = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxAmountEntry *fiscal, *other;

  jx_window_select_node (window, project);
  settle ();
  fiscal = JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (pform, "fiscal"));
  other = JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (pform, "other"));
  g_assert_cmpstr (gtk_editable_get_text (jx_amount_entry_get_editable (fiscal)), ==, "6,923.3552");
  g_assert_cmpstr (gtk_editable_get_text (jx_amount_entry_get_editable (other)), ==, "0.0448");

  type_into (jx_amount_entry_get_editable (other), "1.0001");
  g_assert_true (jx_amount_entry_get_valid (other));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 1), ==, 10001);
  g_assert_cmpint (jx_document_get_total (document), ==, 69233552 + 10001 + 1200001);

  /* A new edit of the field begins with 1.0001 in it (focus leaves and comes
   * back, as when the person switches windows; the suites share one X
   * display, where another test's window can take the focus at any time,
   * so the test makes the edit's start certain). */
  gtk_widget_grab_focus (GTK_WIDGET (jx_amount_entry_get_editable (fiscal)));
  settle ();
  type_into (jx_amount_entry_get_editable (other), "1.00012");
  g_assert_false (jx_amount_entry_get_valid (other));
  g_assert_nonnull (strstr (jx_amount_entry_get_error_text (other), "4"));   /* at most 4 decimals */
  /* Nothing half-typed reaches the table: it keeps 1.0001. */
  g_assert_cmpint (jx_document_get_total (document), ==, 69233552 + 10001 + 1200001);
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 1), ==, 10001);
  type_into (jx_amount_entry_get_editable (other), "0.0448");
  g_assert_true (jx_amount_entry_get_valid (other));
  g_assert_cmpint (jx_document_get_total (document), ==, 70434001);

  close_window (window);
}

/* The document form shows the table's kind; choosing another asks, listing
 * what will be kept as comments, converts as one undo step (Cancel changes
 * nothing), and undo brings the kind and every field back. */
static void
test_change_template (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "tests", "fixtures",
                                            "sichuan.jixiao", NULL);
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxDocumentForm *dform = JX_DOCUMENT_FORM (jx_window_get_document_form (window));
  GtkDropDown *kind = GTK_DROP_DOWN (jx_document_form_get_template_dropdown (dform));
  const char * const *ids = jx_template_list_builtin ();
  guint sichuan = G_MAXUINT, plain = G_MAXUINT;
  const char *heading = NULL, *body = NULL;
  JxMoney total = jx_document_get_total (document);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_str_equal (ids[i], "sichuan"))
        sichuan = i;
      if (g_str_equal (ids[i], "plain"))
        plain = i;
    }
  jx_window_select_node (window, JX_NODE (document));
  settle ();
  g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, sichuan);

  /* Cancel: nothing changes, the dropdown shows Sichuan again. */
  gtk_drop_down_set_selected (kind, plain);
  settle ();
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), &heading, &body));
  g_assert_nonnull (strstr (body, "单位资金"));
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), _("_Cancel")));
  settle ();
  g_assert_true (jx_document_get_template (document) == jx_template_get_builtin ("sichuan", NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, sichuan);
  g_assert_false (jx_history_get_modified (jx_document_get_history (document)));

  gtk_drop_down_set_selected (kind, plain);
  settle ();
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), _("C_hange Kind")));
  settle ();
  g_assert_true (jx_document_get_template (document) == jx_template_get_builtin ("plain", NULL));
  g_assert_cmpint (jx_document_get_total (document), ==, total);
  g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, plain);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_true (jx_document_get_template (document) == jx_template_get_builtin ("sichuan", NULL));
  g_assert_cmpuint (gtk_drop_down_get_selected (kind), ==, sichuan);
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
  settle ();
  g_assert_true (jx_dialog_get_pending (GTK_WINDOW (window), &heading, &body));
  g_assert_nonnull (heading);
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), jx_template_get_label (sichuan)));
  settle ();
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
  settle ();
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), NULL));
  settle ();
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
  settle ();
  gtk_editable_set_text (GTK_EDITABLE (entry), "请说明测算依据。");
  g_signal_emit_by_name (add, "clicked");
  settle ();

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
  settle ();
  g_assert_null (jx_comments_panel_get_name_dialog (panel));
  g_assert_cmpuint (g_list_model_get_n_items (annotations), ==, 14);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "请说明测算依据。");

  /* Asked again; a blank name cannot sign; a real one signs and is kept. */
  g_signal_emit_by_name (add, "clicked");
  settle ();
  dialog = jx_comments_panel_get_name_dialog (panel);
  name = g_object_get_data (G_OBJECT (dialog), "entry");
  sign = g_object_get_data (G_OBJECT (dialog), "sign");
  gtk_editable_set_text (GTK_EDITABLE (name), "   ");
  g_assert_false (gtk_widget_get_sensitive (sign));
  gtk_editable_set_text (GTK_EDITABLE (name), " 财政局 李审核 ");
  g_assert_true (gtk_widget_get_sensitive (sign));
  g_signal_emit_by_name (sign, "clicked");
  settle ();
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
  settle ();
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
  settle ();
  g_assert_cmpint (jx_window_get_row_comments (window, p1), ==, 1);
  g_assert_cmpint (jx_window_get_row_comments (window, JX_NODE (document)), ==, 13);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_cmpint (jx_window_get_row_comments (window, p1), ==, 2);
  jx_edit_add_annotation (document, "p2", NULL, "审核人", "请补充。");
  settle ();
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
  settle ();
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

/* The version sent, as the tests of Compare With… have it: the example
 * table with 8,450.00 for p3 (8,475.00 now), written to @sent_path. */
static void
write_sent_version (const char *path,
                    const char *sent_path)
{
  g_autofree char *text = NULL;
  g_autofree char *edited = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  parts = g_strsplit (text, "<project id=\"p3\" fiscal=\"8475.00\"", 2);
  g_assert_nonnull (parts[1]);
  edited = g_strjoin ("<project id=\"p3\" fiscal=\"8450.00\"", parts[0], parts[1], NULL);
  g_assert_true (g_file_set_contents (sent_path, edited, -1, NULL));
}

/* File → Compare With lists what changed since the other version, in the
 * user's language, and each change leads to its item. */
static void
test_compare_with (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *sent_path = g_build_filename (dir, "sent.jixiao", NULL);
  g_autoptr(GFile) sent = g_file_new_for_path (sent_path);
  JxWindow *window = open_window (path);
  JxChangesWindow *changes;
  int amount_row = -1;

  /* The version sent had another amount for p3. */
  write_sent_version (path, sent_path);

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
  settle ();
  g_assert_true (jx_window_get_shown_node (window) == lookup (window, "p3"));
  gtk_window_destroy (GTK_WINDOW (changes));

  /* A long list: every change comes into it once it is on screen. */
  {
    g_autofree char *text = NULL;
    g_autoptr(GRegex) amounts = g_regex_new ("fiscal=\"[0-9.]+\"", 0, 0, NULL);
    g_autofree char *all = NULL;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    all = g_regex_replace_literal (amounts, text, -1, 0, "fiscal=\"1.00\"", 0, NULL);
    g_assert_true (g_file_set_contents (sent_path, all, -1, NULL));
    jx_window_compare_with (window, sent);
    wait_until (changes_shown, window);
    changes = g_object_get_data (G_OBJECT (window), "jx-changes-window");
    g_assert_cmpuint (jx_changes_window_get_n_rows (changes), >, 30);
    WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (changes)));
    WAIT_FOR (jx_changes_window_get_n_shown (changes) == jx_changes_window_get_n_rows (changes));
    gtk_window_destroy (GTK_WINDOW (changes));
  }
  close_window (window);
}

typedef struct { JxWindow *window; JxNode *node; int mark; } MarkWait;

static gboolean
row_marked (gpointer data)
{
  MarkWait *wait = data;

  return jx_window_get_row_compare_mark (wait->window, wait->node) == wait->mark;
}

/* The tree row of @node shows @mark (it is made when scrolled to). */
static void
assert_row_mark (JxWindow      *window,
                 JxNode        *node,
                 JxCompareMark  mark)
{
  MarkWait wait = { window, node, mark };

  jx_window_select_node (window, node);
  if (!wait_for_impl (row_marked, &wait))
    g_error ("row of %s: compare mark %d, expected %d", jx_node_get_id (node),
             jx_window_get_row_compare_mark (window, node), mark);
}

/* Compare With… marks the tree: added and changed rows, removed items as
 * struck-through ghost rows (not editable, not in the totals), the other
 * version's value beside each changed field; clearing removes all of it. */
static void
test_compare_marks_tree (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *sent_path = g_build_filename (dir, "sent.jixiao", NULL);
  g_autofree char *total_before = NULL;
  g_autofree char *unit_before = NULL;
  g_autofree char *unit_after = NULL;
  g_autoptr(GFile) sent = g_file_new_for_path (sent_path);
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *unit = JX_NODE (jx_project_get_unit (JX_PROJECT (lookup (window, "p2"))));
  JxNode *p1 = lookup (window, "p1");
  g_autoptr(JxIndicator) first = g_list_model_get_item (jx_project_get_indicators (JX_PROJECT (p1)), 0);
  g_autofree char *first_id = g_strdup (jx_node_get_id (JX_NODE (first)));
  JxComparison *comparison;
  JxProject *added;
  GListModel *ghosts;
  g_autoptr(JxNode) ghost = NULL;
  g_autoptr(JxNode) ghost_indicator = NULL;
  guint n_projects;
  const char *hint;

  /* The version sent had 8,450.00 for p3; since then p2 and an indicator
   * of p1 were removed and a project added. */
  write_sent_version (path, sent_path);
  jx_edit_remove (document, lookup (window, "p2"));
  jx_edit_remove (document, JX_NODE (first));
  added = jx_edit_add_project (document, JX_FUNDING_UNIT (unit), 0, "新增的项目");
  n_projects = jx_document_get_n_projects (document);
  settle ();
  total_before = g_strdup (jx_window_get_status_total (window));
  unit_before = row_text (window, unit);

  jx_window_compare_with (window, sent);
  wait_until (changes_shown, window);
  comparison = jx_window_get_comparison (window);
  g_assert_nonnull (comparison);
  settle ();

  assert_row_mark (window, lookup (window, "p3"), JX_COMPARE_CHANGED);
  assert_row_mark (window, JX_NODE (added), JX_COMPARE_ADDED);
  assert_row_mark (window, p1, JX_COMPARE_INSIDE);
  assert_row_mark (window, lookup (window, "p4"), JX_COMPARE_NONE);

  /* The changed field shows the other version's value beside it. */
  jx_window_select_node (window, lookup (window, "p3"));
  settle ();
  hint = jx_window_get_field_hint (window, "fiscal");
  g_assert_nonnull (hint);
  g_assert_nonnull (strstr (hint, "8,450.00"));
  g_assert_nonnull (strstr (hint, g_getenv ("JX_EXPECT_ZH") ? "对方" : "Other version"));
  g_assert_null (jx_window_get_field_hint (window, "name"));

  /* p2 is a ghost row at the end of its unit; the indicator one under p1. */
  ghosts = jx_comparison_get_removed (comparison, unit);
  g_assert_nonnull (ghosts);
  g_assert_cmpuint (g_list_model_get_n_items (ghosts), ==, 1);
  ghost = g_list_model_get_item (ghosts, 0);
  g_assert_cmpstr (jx_node_get_id (ghost), ==, "p2");
  g_assert_true (jx_node_get_document (ghost) != document);
  ghost_indicator = g_list_model_get_item (jx_comparison_get_removed (comparison, p1), 0);
  g_assert_cmpstr (jx_node_get_id (ghost_indicator), ==, first_id);
  assert_row_mark (window, ghost_indicator, JX_COMPARE_REMOVED);
  assert_row_mark (window, ghost, JX_COMPARE_REMOVED);
  g_assert_cmpstr (jx_window_get_visible_page (window), ==, "empty");
  g_assert_null (jx_window_get_shown_node (window));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), jx_project_get_name (JX_PROJECT (ghost))));
  /* Not editable: removing it does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.remove", NULL);
  settle ();
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, n_projects);
  /* Not in the totals. */
  g_assert_cmpstr (jx_window_get_status_total (window), ==, total_before);
  jx_window_select_node (window, unit);
  unit_after = row_text (window, unit);
  g_assert_cmpstr (unit_after, ==, unit_before);

  /* Clearing the comparison removes all of it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-comparison", NULL));
  settle ();
  g_assert_null (jx_window_get_comparison (window));
  g_assert_null (g_object_get_data (G_OBJECT (window), "jx-changes-window"));
  assert_row_mark (window, lookup (window, "p3"), JX_COMPARE_NONE);
  assert_row_mark (window, JX_NODE (added), JX_COMPARE_NONE);
  g_assert_null (jx_window_get_field_hint (window, "fiscal"));
  jx_window_select_node (window, ghost);
  settle ();
  g_assert_cmpint (jx_window_get_row_compare_mark (window, ghost), ==, -1);
  g_assert_null (jx_window_get_shown_node (window));
  close_window (window);
}

static gboolean
compare_done (gpointer data)
{
  return jx_window_get_compare_state (data) == JX_COMPARE_STATE_NONE && jx_window_get_comparison (data) != NULL;
}

/* Every item of the window's table (and each ghost row under it) has the
 * mark a comparison made now, on the main thread, gives it; the lists of
 * changes are the same. */
static void
assert_marks_of_table (JxWindow *window)
{
  JxComparison *shown = jx_window_get_comparison (window);
  JxDocument *document = jx_window_get_document (window);
  g_autoptr(JxComparison) now = jx_comparison_new (jx_comparison_get_other (shown), document, "now");
  JxDiff *a = jx_comparison_get_diff (shown);
  JxDiff *b = jx_comparison_get_diff (now);
  GPtrArray *nodes = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *units = jx_document_get_units (document);

  g_ptr_array_add (nodes, g_object_ref (document));
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      JxFundingUnit *unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      g_ptr_array_add (nodes, unit);
      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          JxProject *project = g_list_model_get_item (projects, p);
          GListModel *indicators = jx_project_get_indicators (project);

          g_ptr_array_add (nodes, project);
          for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
            g_ptr_array_add (nodes, g_list_model_get_item (indicators, i));
        }
    }
  for (guint n = 0; n < nodes->len; n++)
    {
      JxNode *node = g_ptr_array_index (nodes, n);
      GListModel *ghosts_shown = jx_comparison_get_removed (shown, node);
      GListModel *ghosts_now = jx_comparison_get_removed (now, node);

      if (jx_comparison_get_mark (shown, node) != jx_comparison_get_mark (now, node))
        g_error ("%s: marked %d, the table now gives %d", jx_node_get_id (node) ? jx_node_get_id (node) : "table",
                 jx_comparison_get_mark (shown, node), jx_comparison_get_mark (now, node));
      g_assert_cmpuint (ghosts_shown ? g_list_model_get_n_items (ghosts_shown) : 0, ==,
                        ghosts_now ? g_list_model_get_n_items (ghosts_now) : 0);
      g_assert_cmpstr (jx_comparison_get_old_value (shown, node, "fiscal"), ==,
                       jx_comparison_get_old_value (now, node, "fiscal"));
    }
  g_assert_cmpuint (jx_diff_get_n_changes (a), ==, jx_diff_get_n_changes (b));
  for (guint i = 0; i < jx_diff_get_n_changes (a); i++)
    {
      g_autofree char *one = jx_change_describe (jx_diff_get_change (a, i));
      g_autofree char *two = jx_change_describe (jx_diff_get_change (b, i));

      g_assert_cmpstr (one, ==, two);
      g_assert_true (jx_diff_get_change (a, i)->new_node == jx_diff_get_change (b, i)->new_node);
    }
  g_assert_cmpuint (jx_comparison_get_n_marked (shown), ==, jx_comparison_get_n_marked (now));
  g_ptr_array_unref (nodes);
}

/* Compare With… is made off the main thread on a copy of the table; the
 * table may be edited meanwhile. Edited while the copy is being made, or
 * while a worker diffs it, the comparison shown is the one of the table as
 * edited: every mark on the row it belongs to, the edited values in it. */
static void
test_compare_edit_while_comparing (void)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
  g_autofree char *sent_path = g_build_filename (dir, "sent.jixiao", NULL);
  g_autoptr(GFile) sent = g_file_new_for_path (sent_path);
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxComparison *comparison;
  JxNode *unit = JX_NODE (jx_project_get_unit (JX_PROJECT (lookup (window, "p3"))));
  GListModel *ghosts;
  gboolean seen_diffing = FALSE;

  /* The version sent had 8,450.00 for p3. */
  write_sent_version (path, sent_path);

  /* Edited while the copy is being made: p4's amount. */
  jx_window_compare_with (window, sent);
  g_assert_cmpint (jx_window_get_compare_state (window), ==, JX_COMPARE_STATE_READING);
  g_assert_true (jx_edit_set_money (document, JX_PROJECT (lookup (window, "p4")), "fiscal", 123456, NULL));
  wait_until (compare_done, window);
  comparison = jx_window_get_comparison (window);
  g_assert_cmpint (jx_comparison_get_mark (comparison, lookup (window, "p4")), ==, JX_COMPARE_CHANGED);
  g_assert_cmpint (jx_comparison_get_mark (comparison, lookup (window, "p3")), ==, JX_COMPARE_CHANGED);
  assert_marks_of_table (window);
  assert_row_mark (window, lookup (window, "p4"), JX_COMPARE_CHANGED);

  /* Edited while a worker diffs the copy: p3 back to the amount it had in
   * the version sent, p5's changed. Mapped back as it was, the diff would
   * mark p3 (the same again) and not p5. */
  jx_window_compare_with (window, sent);
  while (jx_window_get_compare_state (window) != JX_COMPARE_STATE_NONE)
    {
      if (jx_window_get_compare_state (window) == JX_COMPARE_STATE_DIFFING && !seen_diffing)
        {
          seen_diffing = TRUE;
          g_assert_true (jx_edit_set_money (document, JX_PROJECT (lookup (window, "p3")), "fiscal", 845000, NULL));
          g_assert_true (jx_edit_set_money (document, JX_PROJECT (lookup (window, "p5")), "fiscal", 654321, NULL));
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (seen_diffing);
  wait_until (compare_done, window);
  comparison = jx_window_get_comparison (window);
  g_assert_cmpint (jx_comparison_get_mark (comparison, lookup (window, "p3")), ==, JX_COMPARE_NONE);
  g_assert_cmpint (jx_comparison_get_mark (comparison, lookup (window, "p5")), ==, JX_COMPARE_CHANGED);
  assert_marks_of_table (window);
  assert_row_mark (window, lookup (window, "p3"), JX_COMPARE_NONE);
  assert_row_mark (window, lookup (window, "p5"), JX_COMPARE_CHANGED);

  /* Removed while a worker diffs the copy: p3 is a ghost row. */
  jx_window_compare_with (window, sent);
  seen_diffing = FALSE;
  while (jx_window_get_compare_state (window) != JX_COMPARE_STATE_NONE)
    {
      if (jx_window_get_compare_state (window) == JX_COMPARE_STATE_DIFFING && !seen_diffing)
        {
          seen_diffing = TRUE;
          jx_edit_remove (document, lookup (window, "p3"));
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (seen_diffing);
  wait_until (compare_done, window);
  comparison = jx_window_get_comparison (window);
  g_assert_null (jx_document_lookup (document, "p3"));
  ghosts = jx_comparison_get_removed (comparison, unit);
  g_assert_nonnull (ghosts);
  g_assert_cmpuint (g_list_model_get_n_items (ghosts), ==, 1);
  {
    g_autoptr(JxNode) ghost = g_list_model_get_item (ghosts, 0);

    g_assert_cmpstr (jx_node_get_id (ghost), ==, "p3");
    g_assert_true (jx_node_get_document (ghost) != document);
    assert_row_mark (window, ghost, JX_COMPARE_REMOVED);
  }
  assert_marks_of_table (window);

  /* Undone while comparing: the marks follow the table back. */
  jx_window_compare_with (window, sent);
  jx_history_undo (jx_document_get_history (document));
  jx_history_undo (jx_document_get_history (document));
  jx_history_undo (jx_document_get_history (document));
  wait_until (compare_done, window);
  g_assert_nonnull (jx_document_lookup (document, "p3"));
  assert_marks_of_table (window);
  assert_row_mark (window, lookup (window, "p3"), JX_COMPARE_CHANGED);

  /* Cleared (no ghost rows: the rows stay, their marks go). */
  g_assert_false (jx_comparison_has_removed (jx_window_get_comparison (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-comparison", NULL));
  settle ();
  g_assert_cmpint (jx_window_get_row_compare_mark (window, lookup (window, "p3")), ==, JX_COMPARE_NONE);
  assert_row_mark (window, lookup (window, "p3"), JX_COMPARE_NONE);
  assert_row_mark (window, lookup (window, "p1"), JX_COMPARE_NONE);

  close_window (window);
  g_unlink (sent_path);
  g_rmdir (dir);
}

/* Next year's table shows last year's value beside each field (上年), in
 * grey, and an amount its change against it, while show-last-year is on. */
static void
test_last_year_beside_fields (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  GSettings *settings = jx_application_get_settings (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) next = jx_new_year_copy (jx_window_get_document (window), NULL, &error);
  JxWindow *next_window = jx_window_new (GTK_APPLICATION (app));
  gboolean zh = g_getenv ("JX_EXPECT_ZH") != NULL;
  JxProject *p1;
  JxMoney before;
  const char *hint;

  g_assert_no_error (error);
  g_settings_set_boolean (settings, "show-last-year", TRUE);
  jx_window_show_made_document (next_window, next, NULL);
  gtk_window_set_default_size (GTK_WINDOW (next_window), 1280, 800);
  gtk_window_present (GTK_WINDOW (next_window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (next_window)));
  p1 = JX_PROJECT (lookup (next_window, "p1"));
  before = jx_project_get_source (p1, 0);
  jx_window_select_node (next_window, JX_NODE (p1));
  settle ();

  hint = jx_window_get_field_hint (next_window, "fiscal");
  g_assert_cmpstr (hint, ==, zh ? "上年：10,464.80（持平）" : "Last year: 10,464.80 (unchanged)");
  hint = jx_window_get_field_hint (next_window, "name");
  g_assert_nonnull (hint);
  g_assert_nonnull (strstr (hint, jx_project_get_name (p1)));
  /* Nothing beside a field the template hides (its 中长期目标). */
  g_assert_null (jx_window_get_field_hint (next_window, "cycle-goal"));

  /* The change against last year follows the amount as it is typed. */
  type_into (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (jx_window_find_field_widget (next_window, "fiscal"))),
             "10564.80");
  g_assert_cmpint (jx_project_get_source (p1, 0), ==, before + 10000);
  hint = jx_window_get_field_hint (next_window, "fiscal");
  g_assert_cmpstr (hint, ==, zh ? "上年：10,464.80（+100.00）" : "Last year: 10,464.80 (+100.00)");

  /* An indicator's values too. */
  {
    g_autoptr(JxIndicator) indicator = g_list_model_get_item (jx_project_get_indicators (p1), 0);
    g_autofree char *expected = g_strdup_printf (zh ? "上年：%s" : "Last year: %s",
                                                 jx_indicator_get_annual_value (indicator));

    jx_window_select_node (next_window, JX_NODE (indicator));
    settle ();
    g_assert_cmpstr (jx_window_get_field_hint (next_window, "annual-value"), ==, expected);
  }

  /* Off in Preferences: gone at once. */
  g_settings_set_boolean (settings, "show-last-year", FALSE);
  settle ();
  g_assert_null (jx_window_get_field_hint (next_window, "annual-value"));
  g_settings_set_boolean (settings, "show-last-year", TRUE);
  settle ();
  g_assert_nonnull (jx_window_get_field_hint (next_window, "annual-value"));

  /* Export → With Last Year's Values: the csv gains the 上年 columns. */
  {
    g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
    g_autofree char *csv = g_build_filename (dir, "next.csv", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
    g_autofree char *written = NULL;
    gboolean on = FALSE;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (next_window), "win.export-last-year", NULL));
    g_object_get (next_window, "export-last-year", &on, NULL);
    g_assert_true (on);
    jx_window_export_to (next_window, csv_file, FALSE);
    wait_for_file (csv);
    g_assert_true (g_file_get_contents (csv, &written, NULL, NULL));
    g_assert_nonnull (strstr (written, ",上年总计,上年年度指标值\r\n"));
    g_assert_nonnull (strstr (written, ",10564.80,10564.80,"));
    g_assert_nonnull (strstr (written, ",10464.80,"));
    g_unlink (csv);

    /* Print (Ctrl+P) follows the same switch: its pages gain the 上年
     * column and the "（上年：…）" after the annual values; off, neither. */
    for (int with = 1; with >= 0; with--)
      {
        g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
        g_autoptr(GtkPrintOperation) operation = NULL;
        g_autofree char *flat = NULL;

        g_object_set (next_window, "export-last-year", with, NULL);
        operation = jx_window_new_print_operation (next_window);
        gtk_print_operation_set_export_filename (operation, printed);
        g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                                  GTK_WINDOW (next_window), &error),
                         ==, GTK_PRINT_OPERATION_RESULT_APPLY);
        g_assert_no_error (error);
        flat = pdf_text (printed);
        g_assert_true ((strstr (flat, "上年总计") != NULL) == with);
        g_assert_true ((strstr (flat, "（上年：") != NULL) == with);
        g_unlink (printed);
      }
    g_rmdir (dir);
  }

  /* This year's table has no last year: nothing beside its fields. */
  jx_window_select_node (window, lookup (window, "p1"));
  settle ();
  g_assert_null (jx_window_get_field_hint (window, "fiscal"));
  g_settings_reset (settings, "show-last-year");
  /* Made here, it is unsaved until saved: saved, it closes without asking. */
  {
    g_autofree char *dir = g_dir_make_tmp ("jx-app-XXXXXX", NULL);
    g_autofree char *saved = g_build_filename (dir, "2025.jixiao", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (saved);

    g_assert_true (jx_window_save_to (next_window, file, 0, &error));
    g_assert_no_error (error);
    close_window (next_window);
    g_unlink (saved);
    g_rmdir (dir);
  }
  close_window (window);
}

typedef struct { JxWindow *window; JxNode *node; } DropWait;

static gboolean
drop_target_shown (gpointer data)
{
  DropWait *wait = data;

  return jx_window_get_row_drop_target (wait->window, wait->node) != NULL;
}

/* What dropping @node on the tree row of @target does: the row's own drop
 * target handles it, as when a person lets go of the mouse there. */
static gboolean
drop_on_row (JxWindow *window,
             JxNode   *node,
             JxNode   *target)
{
  DropWait wait = { window, target };
  GValue value = G_VALUE_INIT;
  gboolean done = FALSE;

  jx_window_select_node (window, target);
  wait_until (drop_target_shown, &wait);
  g_value_init (&value, JX_TYPE_NODE);
  g_value_set_object (&value, node);
  g_signal_emit_by_name (jx_window_get_row_drop_target (window, target), "drop", &value, 4.0, 4.0, &done);
  g_value_unset (&value);
  settle ();
  return done;
}

static guint
position_of (JxNode *node)
{
  guint position = G_MAXUINT;

  g_assert_true (jx_node_get_position (node, &position));
  return position;
}

/* Drag and drop in the tree: a project onto another funding unit moves it
 * there (one undo step, as Move to Unit…); a row onto one of its kind puts
 * it before it; what cannot move is refused and nothing changes. */
static void
test_tree_drag_and_drop (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxHistory *history = jx_document_get_history (document);
  JxNode *p1 = lookup (window, "p1"), *p2 = lookup (window, "p2"), *p3 = lookup (window, "p3");
  JxNode *p5 = lookup (window, "p5");
  JxNode *u1 = jx_node_get_parent (p2);
  JxNode *u2;
  g_autoptr(JxIndicator) first = g_list_model_get_item (jx_project_get_indicators (JX_PROJECT (p1)), 0);
  g_autoptr(JxDocument) other = jx_storage_load (path, NULL, NULL);
  guint n_p3;

  g_assert_nonnull (other);
  u2 = JX_NODE (jx_edit_add_unit (document, 1, "区委组织部"));
  settle ();

  /* p2 onto the other unit: at its end, selected; undone in one step. */
  g_assert_true (drop_on_row (window, p2, u2));
  g_assert_true (jx_node_get_parent (p2) == u2);
  g_assert_true (jx_window_get_shown_node (window) == p2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  settle ();
  g_assert_true (jx_node_get_parent (p2) == u1);
  g_assert_cmpuint (position_of (p2), ==, 1);
  g_assert_cmpuint (jx_node_get_parent (u2) == JX_NODE (document), ==, TRUE);

  /* The same move as the menu item's. */
  jx_window_select_node (window, p3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-project-to", "s",
                                             jx_node_get_id (u2)));
  g_assert_true (jx_node_get_parent (p3) == u2);
  jx_history_undo (history);
  g_assert_true (jx_node_get_parent (p3) == u1);

  /* Reordering: p5 onto p1 goes before it; p1 onto p5 just before p5. */
  g_assert_true (drop_on_row (window, p5, p1));
  g_assert_cmpuint (position_of (p5), ==, 0);
  g_assert_cmpuint (position_of (p1), ==, 1);
  g_assert_true (drop_on_row (window, p1, p3));
  g_assert_cmpuint (position_of (p1), ==, position_of (p3) - 1);

  /* An indicator onto another project: at the end of its indicators. */
  n_p3 = g_list_model_get_n_items (jx_project_get_indicators (JX_PROJECT (p3)));
  g_assert_true (drop_on_row (window, JX_NODE (first), p3));
  g_assert_true (jx_indicator_get_project (first) == JX_PROJECT (p3));
  g_assert_cmpuint (position_of (JX_NODE (first)), ==, n_p3);

  /* Refused: onto itself, the wrong kind, the 合计 row, an item of another
   * table (a ghost row), and anything in review mode. */
  {
    g_autoptr(JxNode) foreign = g_object_ref (jx_document_lookup (other, "p4"));

    /* Each drop was one step: three undos give the table back. */
    for (guint i = 0; i < 3; i++)
      jx_history_undo (history);
    g_assert_cmpuint (position_of (p1), ==, 0);
    g_assert_cmpuint (position_of (p5), ==, 4);
    g_assert_true (jx_indicator_get_project (first) == JX_PROJECT (p1));
    g_assert_cmpuint (position_of (JX_NODE (first)), ==, 0);
    g_assert_true (jx_node_get_parent (p2) == u1);
    g_assert_false (drop_on_row (window, p2, p2));
    g_assert_false (drop_on_row (window, p3, JX_NODE (first)));
    g_assert_false (drop_on_row (window, p3, JX_NODE (document)));
    g_assert_false (drop_on_row (window, foreign, u1));
    g_assert_false (jx_window_can_drop (window, p2, foreign));
    jx_window_set_review_mode (window, TRUE);
    g_assert_false (drop_on_row (window, p2, u2));
    jx_window_set_review_mode (window, FALSE);
    g_assert_true (jx_node_get_parent (p2) == u1);
    g_assert_cmpuint (position_of (p2), ==, 1);
  }
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

static void
test_no_display_in_ci (void)
{
  g_test_fail_printf ("CI=true but no display could be opened: run the app suite under xvfb-run "
                      "(build-aux/jx-dev.sh test)");
}

/* ------------------------------------------- amounts that are not amounts */

/* The heading and body of the dialog waiting on @parent, or NULL. */
static char *
pending_dialog (GtkWindow *parent)
{
  const char *heading = NULL, *body = NULL;

  if (!jx_dialog_get_pending (parent, &heading, &body))
    return NULL;
  return g_strdup_printf ("%s\n%s", heading ? heading : "", body ? body : "");
}

static gboolean
has_dialog (GtkWindow *parent)
{
  return jx_dialog_get_pending (parent, NULL, NULL);
}

static double
widget_y (GtkWidget *widget,
          GtkWidget *relative_to)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, relative_to, &bounds));
  return bounds.origin.y;
}

static double
widget_width (GtkWidget *widget)
{
  return gtk_widget_get_width (widget);
}

/* Full-width digits, as a Chinese input method in full-width mode commits
 * them, reach an amount field (its input purpose is a hint, not a filter
 * of what is committed) and are taken as the amount. */
static void
test_amount_full_width_digits (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxNode *project = lookup (window, "p1");
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxAmountEntry *fiscal;
  GtkEditable *editable;

  jx_window_select_node (window, project);
  settle ();
  fiscal = JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (form, "fiscal"));
  editable = jx_amount_entry_get_editable (fiscal);
  gtk_editable_set_text (editable, "");
  key_in (editable, "３４．５");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "３４．５");
  g_assert_true (jx_amount_entry_get_valid (fiscal));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 3450);
  g_assert_cmpstr (jx_project_form_get_total_text (form), ==, "34.50");
  close_window (window);
}

/* "12a" typed over 53.85: the document keeps 53.85 (not the 12.00 of the
 * last keystroke that parsed), the field says so, the Problems panel lists
 * it, another project and back keeps the text, Save asks, and nothing below
 * the field moves. */
static void
test_amount_half_typed_keeps_value (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxNode *project = lookup (window, "p1");
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxProblemsPanel *panel = JX_PROBLEMS_PANEL (jx_window_get_problems_panel (window));
  JxAmountEntry *fiscal;
  GtkEditable *editable;
  GtkWidget *special;
  g_autofree char *kept = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "not saved: the table keeps %s"),
                                           "10,464.80");
  double special_y, fiscal_width;
  guint rows_before;

  jx_window_select_node (window, project);
  jx_window_validate_now (window);
  settle ();
  fiscal = JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (form, "fiscal"));
  editable = jx_amount_entry_get_editable (fiscal);
  special = jx_project_form_get_amount_entry (form, "special");
  special_y = widget_y (special, GTK_WIDGET (form));
  fiscal_width = widget_width (GTK_WIDGET (editable));
  rows_before = jx_problems_panel_get_n_rows (panel);

  /* Keystroke by keystroke: valid amounts update the totals at once. */
  gtk_widget_grab_focus (GTK_WIDGET (editable));
  gtk_editable_set_text (editable, "1");
  gtk_editable_set_text (editable, "12");
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 1200);
  g_assert_cmpstr (jx_project_form_get_total_text (form), ==, "12.00");
  gtk_editable_set_text (editable, "12a");
  settle ();

  g_assert_false (jx_amount_entry_get_valid (fiscal));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 1046480);
  g_assert_cmpstr (jx_project_form_get_total_text (form), ==, "10,464.80");
  g_assert_nonnull (strstr (jx_window_get_status_total (window), "56,539.99"));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "12a");
  g_assert_nonnull (strstr (jx_amount_entry_get_error_text (fiscal), kept));
  /* Nothing moved or widened. */
  g_assert_cmpfloat (widget_y (special, GTK_WIDGET (form)), ==, special_y);
  g_assert_cmpfloat (widget_width (GTK_WIDGET (editable)), ==, fiscal_width);

  /* Listed first in the Problems panel, marked in the tree; the row leads
   * back to the field. */
  WAIT_FOR (jx_problems_panel_get_n_rows (panel) == rows_before + 1);
  g_assert_nonnull (strstr (jx_problems_panel_get_row_message (panel, 0), "12a"));
  g_assert_nonnull (strstr (jx_problems_panel_get_row_message (panel, 0), kept));
  {
    g_autofree char *mark = NULL;
    RowWait wait = { window, project };

    wait_until (row_shown, &wait);
    mark = jx_window_get_row_mark (window, project);
    g_assert_nonnull (mark);
    g_assert_nonnull (strstr (mark, "12a"));
  }
  jx_window_select_node (window, lookup (window, "p2"));
  settle ();
  jx_problems_panel_activate_row (panel, 0);
  settle ();
  g_assert_true (jx_window_get_shown_node (window) == project);
  /* The typed text came back with the form. */
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "12a");
  g_assert_false (jx_amount_entry_get_valid (fiscal));
  WAIT_FOR (gtk_root_get_focus (GTK_ROOT (window)) != NULL
            && gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (editable)));

  /* Save asks first; cancelling writes nothing. */
  g_assert_false (has_dialog (GTK_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  WAIT_FOR (has_dialog (GTK_WINDOW (window)));
  {
    g_autofree char *text = pending_dialog (GTK_WINDOW (window));

    g_assert_nonnull (strstr (text, "12a"));
  }
  g_assert_true (jx_dialog_respond (GTK_WINDOW (window), g_dgettext (GETTEXT_PACKAGE, "_Cancel")));
  WAIT_FOR (!has_dialog (GTK_WINDOW (window)));

  /* Corrected, the document takes it and the finding goes. */
  gtk_editable_set_text (editable, "53.85");
  g_assert_true (jx_amount_entry_get_valid (fiscal));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 5385);
  WAIT_FOR (jx_problems_panel_get_n_rows (panel) == rows_before);
  g_assert_cmpfloat (widget_y (special, GTK_WIDGET (form)), ==, special_y);

  close_window (window);
}

/* A third decimal and a run of 9s: refused in words, the old value kept. */
static void
test_amount_precision_and_range (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxNode *project = lookup (window, "p1");
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxAmountEntry *fiscal;
  GtkEditable *editable;

  jx_window_select_node (window, project);
  settle ();
  fiscal = JX_AMOUNT_ENTRY (jx_project_form_get_amount_entry (form, "fiscal"));
  editable = jx_amount_entry_get_editable (fiscal);
  gtk_widget_grab_focus (GTK_WIDGET (editable));

  gtk_editable_set_text (editable, "0.33");
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 33);
  gtk_editable_set_text (editable, "0.333");
  g_assert_false (jx_amount_entry_get_valid (fiscal));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 1046480);

  gtk_editable_set_text (editable, "99999999999999999999999");
  g_assert_false (jx_amount_entry_get_valid (fiscal));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 1046480);
  g_assert_nonnull (strstr (jx_amount_entry_get_error_text (fiscal), "999,999,999,999.99"));
  g_assert_null (strstr (jx_amount_entry_get_error_text (fiscal), "92,233"));

  /* Within the number type, still far beyond any budget: refused too. */
  gtk_editable_set_text (editable, "99999999999999999");
  g_assert_false (jx_amount_entry_get_valid (fiscal));
  g_assert_cmpint (jx_project_get_source (JX_PROJECT (project), 0), ==, 1046480);
  g_assert_nonnull (strstr (jx_window_get_status_total (window), "56,539.99"));

  gtk_editable_set_text (editable, "999,999,999,999.99");
  g_assert_true (jx_amount_entry_get_valid (fiscal));
  close_window (window);
}

/* ------------------------------------------------------------- drafts */

static gboolean
path_exists (const char *path)
{
  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The draft comes a moment after typing stops, never later than the
 * limit after the first change, and goes when undo reaches the saved state. */
static void
test_draft_debounced_and_mirrors (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *p1 = lookup (window, "p1");
  g_autofree char *draft = NULL;
  gint64 start;
  gboolean written_while_typing = FALSE;

  jx_window_set_draft_delays (window, 300, 1500);
  jx_edit_set_string (document, p1, "name", "改名");
  g_assert_null (jx_window_get_draft_path (window));   /* not at once: typing goes on */
  WAIT_FOR (path_exists (jx_window_get_draft_path (window)));
  draft = g_strdup (jx_window_get_draft_path (window));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JxDocument) saved = NULL;

    WAIT_FOR (g_file_test (draft, G_FILE_TEST_EXISTS));
    saved = jx_storage_load (draft, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (jx_project_get_name (JX_PROJECT (jx_document_lookup (saved, "p1"))), ==, "改名");
  }

  /* Undo back to the saved state: the draft is gone (the crash that
   * follows offers nothing). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (jx_window_is_unsaved (window));
  g_assert_null (jx_window_get_draft_path (window));
  WAIT_FOR (!g_file_test (draft, G_FILE_TEST_EXISTS));

  /* Typing without a pause (a change every 100 ms, the pause it waits
   * for being 300 ms): a draft comes within the limit all the same. */
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < WAIT_SECONDS * G_USEC_PER_SEC && !written_while_typing)
    {
      g_autofree char *name = g_strdup_printf ("名称%" G_GINT64_FORMAT, g_get_monotonic_time ());
      gint64 pause = g_get_monotonic_time () + 100 * 1000;

      jx_edit_set_string (document, p1, "name", name);
      WAIT_FOR (g_get_monotonic_time () >= pause);
      written_while_typing = path_exists (jx_window_get_draft_path (window));
    }
  g_assert_true (written_while_typing);

  /* A save removes it too. */
  g_clear_pointer (&draft, g_free);
  draft = g_strdup (jx_window_get_draft_path (window));
  {
    g_autofree char *dir = g_dir_make_tmp ("jx-app-draft-XXXXXX", NULL);
    g_autofree char *target = g_build_filename (dir, "saved.jixiao", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (target);
    g_autoptr(GError) error = NULL;

    g_assert_true (jx_window_save_to (window, file, 0, &error));
    g_assert_no_error (error);
    g_assert_null (jx_window_get_draft_path (window));
    WAIT_FOR (!g_file_test (draft, G_FILE_TEST_EXISTS));
    close_window (window);
    g_unlink (target);
    g_rmdir (dir);
  }
}

/* The first project of @document. */
static JxProject *
first_project (JxDocument *document)
{
  g_autoptr(JxFundingUnit) unit = g_list_model_get_item (jx_document_get_units (document), 0);
  g_autoptr(JxProject) project = g_list_model_get_item (jx_funding_unit_get_projects (unit), 0);

  return project;   /* the unit's list holds it */
}

/* A draft of the 20,000-project table is serialized a few milliseconds at
 * a time between keystrokes (not in one stall of the main loop), and a
 * change made while it is under way restarts it: the draft that reaches
 * the disk holds that change, never a mix of before and after. */
static void
test_draft_large_sliced (void)
{
  JxWindow *window = open_window (large_document ());
  JxDocument *document = jx_window_get_document (window);
  JxNode *first = JX_NODE (first_project (document));
  g_autofree char *id = g_strdup (jx_node_get_id (first));
  g_autoptr(JxDocument) draft = NULL;
  g_autoptr(GError) error = NULL;

  jx_window_set_draft_delays (window, 50, 1500);
  jx_edit_set_string (document, first, "name", "草稿一");
  /* Serializing has begun (its first slice ran) but not finished. */
  WAIT_FOR (jx_window_get_draft_slices (window) >= 1);
  g_assert_false (path_exists (jx_window_get_draft_path (window)));
  /* The next draft waits a while: what reaches the disk before it would be
   * the one under way, had the change not stopped it. */
  jx_window_set_draft_delays (window, 2000, 2000);
  jx_edit_set_string (document, first, "name", "草稿二");

  WAIT_FOR (path_exists (jx_window_get_draft_path (window)));
  draft = jx_storage_load (jx_window_get_draft_path (window), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jx_project_get_name (JX_PROJECT (jx_document_lookup (draft, id))), ==, "草稿二");
  g_assert_cmpuint (jx_document_get_n_projects (draft), ==, jx_document_get_n_projects (document));
  g_assert_cmpuint (jx_window_get_draft_slices (window), >, 1);
  close_window (window);
}

static JxProject *
nth_project (JxDocument *document,
             guint       n)
{
  g_autoptr(JxFundingUnit) unit = g_list_model_get_item (jx_document_get_units (document), 0);
  g_autoptr(JxProject) project = g_list_model_get_item (jx_funding_unit_get_projects (unit), n);

  return project;   /* the unit's list holds it */
}

/* Counts the frames drawn while the window checks the whole table. */
static gboolean
count_frames_validating_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       data)
{
  if (jx_window_is_validating (JX_WINDOW (widget)))
    (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* The whole check of the 20,000-project table runs a slice at a time
 * with frames drawn between them (it held the window a fifth of a second
 * 3 s after every pause in typing), and finds what checking it at once
 * finds; a change made while it is under way is in what it finally lists. */
static void
test_validate_large_sliced (void)
{
  JxWindow *window = open_window (large_document ());
  JxDocument *document = jx_window_get_document (window);
  JxProblemsPanel *panel = JX_PROBLEMS_PANEL (jx_window_get_problems_panel (window));
  JxProject *far = nth_project (document, 100);
  JxProject *farther = nth_project (document, 200);
  g_autoptr(GPtrArray) expected = NULL;
  guint frames = 0;
  guint tick;

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frames_validating_cb, &frames, NULL);

  /* The check after opening: in slices, with frames drawn between them
   * (slices due back to back drew none until the end). */
  WAIT_FOR (jx_window_get_validation_slices (window) > 1 && !jx_window_is_validating (window));
  g_assert_cmpuint (frames, >=, 2);
  expected = jx_validate_document (document);
  g_assert_cmpuint (jx_problems_panel_get_n_rows (panel), ==, expected->len);

  /* A change elsewhere than the shown node: the whole table again... */
  jx_edit_set_string (document, far, "goal", "");
  WAIT_FOR (jx_window_is_validating (window));
  /* ...and another while that check is under way. */
  jx_edit_set_string (document, farther, "goal", "");
  g_assert_false (jx_window_is_validating (window));
  WAIT_FOR (jx_window_get_validation_slices (window) > 1 && !jx_window_is_validating (window) &&
            jx_problems_panel_get_n_rows (panel) == expected->len + 2);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = jx_validate_document (document);
  g_assert_cmpuint (jx_problems_panel_get_n_rows (panel), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (jx_problems_panel_get_row_message (panel, i), ==,
                     ((JxProblem *) g_ptr_array_index (expected, i))->message);

  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  jx_history_set_save_point (jx_document_get_history (document));
  close_window (window);
}

/* A frame that takes longer than the frame interval, as on a loaded
 * machine or beside an animation: the frame clock has the next frame due
 * at once, all the time. */
static gboolean
slow_frame_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  gint64 until = g_get_monotonic_time () + 25 * 1000;

  while (g_get_monotonic_time () < until)
    ;
  return G_SOURCE_CONTINUE;
}

/* The draft still reaches the disk while every frame runs late: its slices
 * take turns with the frames, never wait for a moment when nothing else is
 * due (an idle of lower priority than drawing never ran, and the edit was
 * never kept). */
static void
test_draft_busy_frames (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *first = JX_NODE (first_project (document));
  g_autofree char *id = g_strdup (jx_node_get_id (first));
  g_autoptr(JxDocument) draft = NULL;
  g_autoptr(GError) error = NULL;
  guint tick;

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), slow_frame_cb, NULL, NULL);
  jx_window_set_draft_delays (window, 50, 1500);
  jx_edit_set_string (document, first, "name", "忙时草稿");
  WAIT_FOR (path_exists (jx_window_get_draft_path (window)));
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  draft = jx_storage_load (jx_window_get_draft_path (window), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jx_project_get_name (JX_PROJECT (jx_document_lookup (draft, id))), ==, "忙时草稿");
  close_window (window);
}

/* A table shown in a window while every frame runs late still gets its
 * problems listed: the check that follows the first frame does not wait
 * for a moment when nothing else is due (it never came). */
static void
test_validate_busy_frames (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxProblemsPanel *panel = JX_PROBLEMS_PANEL (jx_window_get_problems_panel (window));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint tick;

  jx_window_validate_now (window);
  settle ();
  g_assert_cmpuint (jx_problems_panel_get_n_rows (panel), >, 0);

  /* The table opened again, into the same window. */
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), slow_frame_cb, NULL, NULL);
  g_assert_true (jx_window_load_file (window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jx_problems_panel_get_n_rows (panel), ==, 0);
  WAIT_FOR (jx_problems_panel_get_n_rows (panel) > 0);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  close_window (window);
}

static char *
copy_example (const char *dir,
              const char *name)
{
  g_autofree char *path = jx_test_example_path ();
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, length, NULL));
  return g_steal_pointer (&target);
}

/* A draft left behind keeps its document's file: restored, the title names
 * it, Save goes there, and a change by another program since is asked
 * about (the changed-on-disk dialog, driven here). */
static void
test_restored_keeps_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-app-restore-XXXXXX", NULL);
  g_autofree char *original = copy_example (dir, "budget.jixiao");
  g_autofree char *left = NULL;
  g_autofree char *left_info = NULL;
  g_autofree char *title_start = NULL;
  g_autoptr(GError) error = NULL;
  JxWindow *window = open_window (original);
  JxWindow *restored;

  jx_edit_set_string (jx_window_get_document (window), lookup (window, "p1"), "name", "恢复的名称");
  jx_window_autosave_now (window);
  g_assert_true (path_exists (jx_window_get_draft_path (window)));
  /* What a crash leaves: the draft and its note, under another name. */
  left = g_strconcat (jx_window_get_draft_path (window), "-left.jixiao", NULL);
  left_info = g_strconcat (left, ".info", NULL);
  {
    g_autofree char *info = g_strconcat (jx_window_get_draft_path (window), ".info", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (jx_window_get_draft_path (window), &contents, &length, NULL));
    g_assert_true (g_file_set_contents (left, contents, length, NULL));
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (info, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (left_info, contents, length, NULL));
  }
  close_window (window);

  /* Offered at the next start; Restore opens it. */
  {
    g_autofree char *text = NULL;

    g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
    g_assert_true (jx_application_offer_drafts (app));
    WAIT_FOR (has_dialog (NULL));
    text = pending_dialog (NULL);
    g_assert_nonnull (strstr (text, "budget.jixiao"));
    /* Enter restores; the first button (Delete Drafts) never has the focus. */
    g_assert_cmpstr (focused_button_of_dialog (NULL), ==, g_dgettext (GETTEXT_PACKAGE, "_Restore"));
    g_assert_true (jx_dialog_respond (NULL, g_dgettext (GETTEXT_PACKAGE, "_Restore")));
  }
  restored = NULL;
  WAIT_FOR ((restored = JX_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)))) != NULL
            && jx_window_get_file (restored) != NULL);
  {
    g_autofree char *shown = g_file_get_path (jx_window_get_file (restored));

    g_assert_cmpstr (shown, ==, original);
  }
  title_start = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s — recovered"), "budget.jixiao");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (restored)), title_start));
  g_assert_true (jx_window_is_unsaved (restored));
  g_assert_cmpstr (jx_project_get_name (JX_PROJECT (lookup (restored, "p1"))), ==, "恢复的名称");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (restored)));

  /* Another program changes the file: the banner says so at once... */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (original, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (original, contents, length - 1, NULL));
  }
  WAIT_FOR (jx_window_get_disk_changed (restored));
  g_assert_nonnull (jx_window_get_banner_text (restored));
  g_assert_nonnull (strstr (jx_window_get_banner_text (restored), "budget.jixiao"));

  /* ...and Save asks before replacing it: Overwrite writes the restored
   * document to its own file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (restored), "win.save", NULL));
  WAIT_FOR (has_dialog (GTK_WINDOW (restored)));
  g_assert_true (jx_dialog_respond (GTK_WINDOW (restored), g_dgettext (GETTEXT_PACKAGE, "_Overwrite")));
  WAIT_FOR (!jx_window_is_unsaved (restored));
  {
    g_autoptr(JxDocument) saved = jx_storage_load (original, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (jx_project_get_name (JX_PROJECT (jx_document_lookup (saved, "p1"))), ==, "恢复的名称");
  }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (restored)), ==, "budget.jixiao");
  g_assert_false (g_file_test (left, G_FILE_TEST_EXISTS));
  g_assert_false (jx_window_get_disk_changed (restored));
  close_window (restored);

  {
    g_auto(GStrv) backups = jx_storage_list_backups (original);

    for (guint i = 0; backups[i] != NULL; i++)
      g_unlink (backups[i]);
  }
  g_unlink (original);
  g_rmdir (dir);
}

/* ----------------------------------------------------------- keyboard */

static GtkEventController *
capture_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  return NULL;
}

static gboolean
focus_within (JxWindow  *window,
              GtkWidget *area)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == area || gtk_widget_is_ancestor (focus, area));
}

/* Tab leaves the tree for the form (not the next row), F6 cycles tree →
 * form → panels, and read-only values are no Tab stops. */
static void
test_keyboard_areas (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  GtkWidget *tree = jx_window_get_tree_view (window);
  GtkEventController *keys = capture_key_controller (tree);
  gboolean handled = FALSE;

  jx_window_select_node (window, lookup (window, "p1"));
  settle ();
  gtk_widget_grab_focus (tree);
  WAIT_FOR (focus_within (window, tree));

  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Tab, 0, (GdkModifierType) 0, &handled);
  g_assert_true (handled);
  WAIT_FOR (focus_within (window, GTK_WIDGET (form)));

  /* Tab from the name goes past the 资金使用单位 value to 财政拨款, and from
   * 其他资金 past 总计 to the goal: read-only values are no Tab stops. */
  jx_window_focus_field (window, "name");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_within (window, jx_project_form_get_amount_entry (form, "fiscal")));
  jx_window_focus_field (window, "other");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window))));

  /* F6: form → panels → tree → form. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-area", NULL));
  g_assert_true (focus_within (window, jx_window_get_problems_panel (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-area", NULL));
  g_assert_true (focus_within (window, tree));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-area", NULL));
  g_assert_true (focus_within (window, GTK_WIDGET (form)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cycle-area-back", NULL));
  g_assert_true (focus_within (window, tree));

  /* Shift+Tab from the tree: the search entry. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_ISO_Left_Tab, 0, GDK_SHIFT_MASK, &handled);
  g_assert_true (focus_within (window, jx_window_get_search_entry (window)));
  close_window (window);
}

/* The project form's indicator count follows undo and redo at once. */
static void
test_count_follows_undo (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxProject *project = JX_PROJECT (lookup (window, "p1"));
  JxProjectForm *form = JX_PROJECT_FORM (jx_window_get_project_form (window));
  JxDocument *document = jx_window_get_document (window);
  guint n = g_list_model_get_n_items (jx_project_get_indicators (project));
  g_autofree char *before = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Indicators (%u)"), n);
  g_autofree char *after = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Indicators (%u)"), n + 1);

  jx_window_select_node (window, JX_NODE (project));
  g_assert_cmpstr (jx_project_form_get_indicators_caption (form), ==, before);
  jx_edit_add_indicator (document, project, n, "1", "11");
  g_assert_cmpstr (jx_project_form_get_indicators_caption (form), ==, after);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (jx_project_form_get_indicators_caption (form), ==, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (jx_project_form_get_indicators_caption (form), ==, after);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (jx_project_form_get_indicators_caption (form), ==, before);
  close_window (window);
}

/* Removing shows "已删除 …" with Undo; Undo brings it back. */
static void
test_toast_undo_after_remove (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxDocument *document = jx_window_get_document (window);
  JxNode *project = lookup (window, "p2");
  JxToast *toast = JX_TOAST (jx_window_get_toast (window));
  g_autofree char *name = g_strdup (jx_project_get_name (JX_PROJECT (project)));

  g_assert_false (jx_toast_is_shown (toast));
  jx_window_select_node (window, project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove", NULL));
  g_assert_cmpuint (jx_document_get_n_projects (document), ==, 34);
  WAIT_FOR (jx_toast_is_shown (toast) && gtk_widget_get_mapped (jx_toast_get_button (toast)));
  g_assert_nonnull (strstr (jx_toast_get_message (toast), name));

  g_signal_emit_by_name (jx_toast_get_button (toast), "clicked");
  WAIT_FOR (jx_document_get_n_projects (document) == 35);
  g_assert_true (jx_document_lookup (document, "p2") == project);
  WAIT_FOR (!jx_toast_is_shown (toast));
  close_window (window);
}

/* ----------------------------------------------------------- async open */

static guint
n_jx_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    n += JX_IS_WINDOW (l->data);
  return n;
}

/* A large file opens in a worker: the window shows a progress message
 * with the name and keeps drawing and taking actions meanwhile. */
static void
test_async_open_progress (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (large_document ());
  JxWindow *window;
  JxToast *progress;
  GdkFrameClock *clock;
  gint64 frames_at_start;
  gboolean painted_while_loading = FALSE, toggled_while_loading = FALSE;
  GtkWidget *problems;

  window = jx_application_open_file (app, file, NULL);
  g_assert_true (jx_window_is_loading (window));
  progress = JX_TOAST (jx_window_get_progress (window));
  g_assert_true (jx_toast_is_shown (progress));
  g_assert_nonnull (strstr (jx_toast_get_message (progress), "big.jixiao"));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)) || !jx_window_is_loading (window));

  problems = jx_window_get_problems_panel (window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  frames_at_start = clock ? gdk_frame_clock_get_frame_counter (clock) : 0;
  while (jx_window_is_loading (window))
    {
      gboolean visible = gtk_widget_get_visible (problems);

      g_main_context_iteration (NULL, TRUE);
      if (!jx_window_is_loading (window))
        break;
      if (clock != NULL && gdk_frame_clock_get_frame_counter (clock) > frames_at_start)
        painted_while_loading = TRUE;
      if (!toggled_while_loading)
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-problems", NULL);
          toggled_while_loading = gtk_widget_get_visible (problems) != visible;
        }
    }
  g_assert_true (painted_while_loading);
  g_assert_true (toggled_while_loading);
  g_assert_cmpuint (jx_document_get_n_projects (jx_window_get_document (window)), ==, 20000);
  WAIT_FOR (!jx_toast_is_shown (progress));
  {
    g_autofree char *title = g_file_get_basename (file);

    g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), title));
  }
  close_window (window);
}

/* A broken file leaves no empty window: with nothing else open, its
 * message is a dialog of its own. */
static void
test_broken_file_no_empty_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-app-broken-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.jixiao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (broken);

  g_assert_true (g_file_set_contents (broken, "<jixiao><unit", -1, NULL));
  g_assert_cmpuint (n_jx_windows (), ==, 0);
  jx_application_open_file (app, file, NULL);
  WAIT_FOR (has_dialog (NULL) && n_jx_windows () == 0);
  {
    g_autofree char *text = pending_dialog (NULL);

    g_assert_nonnull (strstr (text, "broken.jixiao"));
  }
  g_assert_true (jx_dialog_respond (NULL, g_dgettext (GETTEXT_PACKAGE, "_Close")));
  WAIT_FOR (!has_dialog (NULL));
  g_unlink (broken);
  g_rmdir (dir);
}

/* ----------------------------------------------------- live validation */

/* An empty project name is found after the pause, marked in the tree and
 * listed; its row leads to the name field. */
static void
test_live_validation (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  JxNode *project = lookup (window, "p3");
  JxProblemsPanel *panel = JX_PROBLEMS_PANEL (jx_window_get_problems_panel (window));
  GtkTextView *goal;
  RowWait wait = { window, project };
  guint rows;
  g_autofree char *mark = NULL;
  g_autofree char *before = NULL;

  jx_window_validate_now (window);
  rows = jx_problems_panel_get_n_rows (panel);
  jx_window_select_node (window, project);
  wait_until (row_shown, &wait);
  before = jx_window_get_row_mark (window, project);

  /* Clearing the goal (绩效目标) through its field. */
  g_assert_cmpstr (jx_project_get_goal (JX_PROJECT (project)), !=, "");
  jx_window_focus_field (window, "goal");
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window))));
  goal = GTK_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (goal), "", -1);
  g_assert_cmpstr (jx_project_get_goal (JX_PROJECT (project)), ==, "");
  gtk_widget_grab_focus (jx_window_get_tree_view (window));
  /* Debounced: not on the keystroke itself. */
  g_assert_cmpuint (jx_problems_panel_get_n_rows (panel), ==, rows);
  WAIT_FOR (jx_problems_panel_get_n_rows (panel) > rows);
  WAIT_FOR ((g_free (mark), mark = jx_window_get_row_mark (window, project)) != NULL
            && g_strcmp0 (mark, before) != 0);

  /* Its row leads to the goal field. */
  for (guint i = 0; i < jx_problems_panel_get_n_rows (panel); i++)
    {
      jx_problems_panel_activate_row (panel, i);
      if (jx_window_get_shown_node (window) == project && gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (goal))
        break;
    }
  g_assert_true (jx_window_get_shown_node (window) == project);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (goal));
  close_window (window);
}

/* --------------------------------------------------------- preferences */

static JxPreferences *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (JX_IS_PREFERENCES (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return JX_PREFERENCES (window);
    }
  return NULL;
}

/* Ctrl+,'s action opens it; each control writes its setting at once; the
 * default template is what a new document gets. */
static void
test_preferences (void)
{
  g_autofree char *path = jx_test_example_path ();
  JxWindow *window = open_window (path);
  GSettings *settings = jx_application_get_settings (app);
  JxPreferences *prefs;
  JxWindow *fresh;

  g_assert_nonnull (settings);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_FOR ((prefs = find_preferences ()) != NULL);

  gtk_editable_set_text (jx_preferences_get_reviewer (prefs), "财政局 王审核");
  {
    g_autofree char *name = g_settings_get_string (settings, "reviewer-name");

    g_assert_cmpstr (name, ==, "财政局 王审核");
  }
  gtk_spin_button_set_value (jx_preferences_get_interval (prefs), 120);
  g_assert_cmpuint (g_settings_get_uint (settings, "autosave-interval"), ==, 120);
  gtk_switch_set_active (jx_preferences_get_last_year (prefs), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "show-last-year"));
  gtk_drop_down_set_selected (jx_preferences_get_template (prefs), 1);
  {
    g_autofree char *id = g_settings_get_string (settings, "default-template");

    g_assert_cmpstr (id, ==, jx_template_list_builtin ()[1]);
    fresh = jx_window_new (GTK_APPLICATION (app));
    g_assert_cmpstr (jx_template_get_id (jx_document_get_template (jx_window_get_document (fresh))), ==, id);
    gtk_window_destroy (GTK_WINDOW (fresh));
  }

  gtk_window_close (GTK_WINDOW (prefs));
  WAIT_FOR (find_preferences () == NULL);
  g_settings_reset (settings, "reviewer-name");
  g_settings_reset (settings, "autosave-interval");
  g_settings_reset (settings, "show-last-year");
  g_settings_reset (settings, "default-template");
  close_window (window);
}

/* ------------------------------------------------------- crash recovery */

/* Runs xdotool with @args; its output (first line) or NULL. */
static char *xdotool_all (const char * const *args);

/* The X display that xdotool and xprop work on; NULL: this process's own. */
static const char *x_display;

static char **
x_environ (void)
{
  char **envp = g_get_environ ();

  return x_display != NULL ? g_environ_setenv (envp, "DISPLAY", x_display, TRUE) : envp;
}

static char *
xdotool (const char * const *args)
{
  char *out = xdotool_all (args);

  if (out != NULL)
    out[strcspn (out, "\n")] = '\0';
  return out;
}

/* The same, all of its output. */
static char *
xdotool_all (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = x_environ ();
  g_autofree char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL) || out == NULL || *out == '\0')
    return NULL;
  return g_steal_pointer (&out);
}

/* The X window of the other process whose title matches @pattern. */
static char *
find_x_window (const char *pattern)
{
  const char *args[] = { "search", "--onlyvisible", "--name", pattern, NULL };

  return xdotool (args);
}

/* Whether a window of the other process has a title matching @pattern. */
static gboolean
x_window_shown (const char *pattern)
{
  g_autofree char *window = find_x_window (pattern);

  return window != NULL;
}

/* A visible dialog window (_NET_WM_WINDOW_TYPE_DIALOG, as xprop of
 * x11-utils reads it) of process @pid. */
static char *
find_dialog_of (GPid pid)
{
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) pid);
  const char *search[] = { "search", "--onlyvisible", "--pid", pid_text, "", NULL };
  g_autofree char *ids = xdotool_all (search);
  g_auto(GStrv) lines = ids ? g_strsplit (ids, "\n", -1) : NULL;

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      {
        const char *argv[] = { "xprop", "-id", lines[i], "_NET_WM_WINDOW_TYPE", NULL };
        g_auto(GStrv) envp = x_environ ();
        g_autofree char *out = NULL;

        if (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                          NULL, NULL, &out, NULL, NULL, NULL)
            && out != NULL && strstr (out, "_NET_WM_WINDOW_TYPE_DIALOG") != NULL)
          return g_strdup (lines[i]);
      }
  return NULL;
}

/* An Xvfb server of the test's own; its display name (":N") in @display. */
static GPid
start_private_x (char **display)
{
  const char *argv[] = { "Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                         "-nolisten", "tcp", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) number = g_string_new (NULL);
  GPid pid = 0;
  int out = -1;
  char c;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &pid, NULL, &out, NULL, &error))
    g_error ("Cannot start Xvfb (Debian package xvfb): %s", error->message);
  /* Xvfb writes the display number once it accepts connections. */
  while (read (out, &c, 1) == 1 && c != '\n')
    g_string_append_c (number, c);
  close (out);
  g_assert_cmpuint (number->len, >, 0);
  *display = g_strdup_printf (":%s", number->str);
  return pid;
}

static void
stop_private_x (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

static GPid
spawn_editor (char       **envp,
              const char  *file)
{
  const char *argv[] = { g_getenv ("JX_APP"), "--select", "p1", file, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  if (file == NULL)
    argv[1] = NULL;
  g_assert_true (g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static void
kill_editor (GPid pid)
{
  int status;

  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

/* The draft in @drafts_dir holding an edit of p1's name, or NULL. */
static char *
draft_with_edit (const char *drafts_dir)
{
  g_autoptr(GDir) dir = g_dir_open (drafts_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".jixiao"))
      {
        g_autofree char *path = g_build_filename (drafts_dir, name, NULL);
        g_autofree char *info = g_strconcat (path, ".info", NULL);
        g_autoptr(JxDocument) draft = g_file_test (info, G_FILE_TEST_EXISTS)
                                      ? jx_storage_load (path, NULL, NULL) : NULL;
        JxNode *p1 = draft ? jx_document_lookup (draft, "p1") : NULL;

        if (JX_IS_PROJECT (p1) && strstr (jx_project_get_name (JX_PROJECT (p1)), "XYZ") != NULL)
          return g_steal_pointer (&path);
      }
  return NULL;
}

/* The real editor, a typed edit, SIGKILL: the draft holds the edit, and
 * the next start offers it and restores it under the document's name. */
static void
test_crash_recovery (void)
{
  g_autofree char *home = g_dir_make_tmp ("jx-app-crash-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *drafts = g_build_filename (data, "jixiao", "drafts", NULL);
  g_autofree char *file = NULL;
  g_autofree char *window = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *title = NULL;
  g_autofree char *restored_title = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *name = g_strdup_printf ("crash%d.jixiao", (int) getpid ());
  g_autofree char *name_re = g_strdup_printf ("crash%d\\.jixiao", (int) getpid ());
  g_autofree char *display = NULL;
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");
  GPid x_pid;
  GPid pid;

  if (xdotool_path == NULL)
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("xdotool is missing: install the Debian package xdotool (build-aux/jx-dev.sh deps)");
      else
        g_test_skip ("xdotool is missing: install the Debian package xdotool");
      return;
    }
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (config, 0700);
  /* The keystrokes below go to whichever window has the focus, and the
   * other tests (and the other language's suite) open windows on the
   * shared display at any moment: the editor gets an X server of its own.
   * xdotool and xprop, spawned by this process, go there too. */
  x_pid = start_private_x (&display);
  x_display = display;
  file = copy_example (home, name);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  envp = g_environ_setenv (envp, "DISPLAY", display, TRUE);

  /* Started on the document; once it shows (its name is the title), the
   * tree gets the keyboard, Tab goes to the form's first field, and typing
   * changes the project's name. */
  pid = spawn_editor (envp, file);
  title = g_strdup_printf ("^%s$", name_re);
  WAIT_FOR ((g_free (window), window = find_x_window (title)) != NULL);
  g_clear_pointer (&title, g_free);
  {
    const char *focus[] = { "windowfocus", "--sync", window, NULL };
    const char *keys[] = { "key", "--delay", "100", "ctrl+l", "Tab", NULL };
    const char *type[] = { "type", "--delay", "60", "XYZ", NULL };

    g_free (xdotool (focus));
    g_free (xdotool (keys));
    g_free (xdotool (type));
  }
  /* Unsaved now; the draft follows a moment after typing stops. */
  title = g_strdup_printf ("^%s •$", name_re);
  WAIT_FOR (x_window_shown (title));
  WAIT_FOR ((g_free (draft), draft = draft_with_edit (drafts)) != NULL);
  kill_editor (pid);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* The next start offers it; Alt+R chooses Restore. */
  pid = spawn_editor (envp, NULL);
  {
    g_autofree char *dialog = NULL;

    WAIT_FOR ((g_free (dialog), dialog = find_dialog_of (pid)) != NULL);
    {
      const char *focus[] = { "windowfocus", "--sync", dialog, NULL };
      const char *enter[] = { "key", "alt+r", NULL };   /* _Restore */

      g_free (xdotool (focus));
      g_free (xdotool (enter));
    }
  }
  /* Restored under its own name and path: "crash.jixiao — recovered •". */
  restored_title = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s — recovered"), name_re);
  WAIT_FOR (x_window_shown (restored_title));
  kill_editor (pid);

  {
    g_autofree char *leftover = draft_with_edit (drafts);

    if (leftover != NULL)
      g_unlink (leftover);
    g_clear_pointer (&leftover, g_free);
  }
  g_unlink (file);
  x_display = NULL;
  stop_private_x (x_pid);
}

static void
add_editor_tests (void)
{
  g_test_add_func ("/app/amount/half-typed-keeps-value", test_amount_half_typed_keeps_value);
  g_test_add_func ("/app/amount/full-width-digits", test_amount_full_width_digits);
  g_test_add_func ("/app/amount/precision-and-range", test_amount_precision_and_range);
  g_test_add_func ("/app/drafts/debounced-and-mirror-saved-state", test_draft_debounced_and_mirrors);
  g_test_add_func ("/app/drafts/restored-keeps-path", test_restored_keeps_path);
  g_test_add_func ("/app/keyboard/tab-and-f6-areas", test_keyboard_areas);
  g_test_add_func ("/app/keyboard/count-follows-undo", test_count_follows_undo);
  g_test_add_func ("/app/toast/undo-after-remove", test_toast_undo_after_remove);
  g_test_add_func ("/app/files/broken-no-empty-window", test_broken_file_no_empty_window);
  g_test_add_func ("/app/files/async-open-progress", test_async_open_progress);
  g_test_add_func ("/app/validation/live", test_live_validation);
  g_test_add_func ("/app/preferences", test_preferences);
  g_test_add_func ("/app/recovery/crash-sigkill", test_crash_recovery);
  g_test_add_func ("/app/drafts/large-sliced", test_draft_large_sliced);
  g_test_add_func ("/app/drafts/busy-frames", test_draft_busy_frames);
  g_test_add_func ("/app/problems/busy-frames", test_validate_busy_frames);
  g_test_add_func ("/app/problems/large-in-slices", test_validate_large_sliced);
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
      /* In CI a missing display is a broken setup, never a pass. */
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_add_func ("/app/display", test_no_display_in_ci);
      else
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
  g_test_add_func ("/app/file-dialogs/open-and-save-as", test_file_dialogs);
  g_test_add_func ("/app/file-dialogs/export-and-print", test_export_and_print);
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
  g_test_add_func ("/app/file-dialogs/export-comments-csv", test_export_comments_csv);
  add_editor_tests ();
  g_test_add_func ("/app/comments/asks-for-the-reviewer-name", test_comments_ask_reviewer_name);
  g_test_add_func ("/app/tree/open-comment-counts", test_tree_open_comment_counts);
  g_test_add_func ("/app/files/new-year-window", test_new_year_window);
  g_test_add_func ("/app/files/compare-with-lists-changes", test_compare_with);
  g_test_add_func ("/app/files/compare-marks-tree-and-fields", test_compare_marks_tree);
  g_test_add_func ("/app/files/compare-edit-while-comparing", test_compare_edit_while_comparing);
  g_test_add_func ("/app/cycle/last-year-beside-fields", test_last_year_beside_fields);
  g_test_add_func ("/app/tree/drag-and-drop", test_tree_drag_and_drop);
  g_test_add_func ("/app/tree/filter-live", test_tree_filter_live);
  g_test_add_func ("/app/files/export-comments-csv-and-pdf", test_export_comments);
  g_test_add_func ("/app/rows/copy-paste-undo", test_rows_copy_paste_undo);
  g_test_add_func ("/app/rows/paste-spreadsheet-text", test_rows_paste_spreadsheet_text);
  g_test_add_func ("/app/template/forms", test_template_forms);
  g_test_add_func ("/app/template/four-decimal-amounts", test_four_decimal_amounts);
  g_test_add_func ("/app/template/change-kind", test_change_template);
  g_test_add_func ("/app/template/new-asks", test_new_asks_template);

  status = g_test_run ();
  g_object_unref (app);
  if (large_path != NULL)
    g_unlink (large_path);
  g_free (large_path);
  return status;
}
