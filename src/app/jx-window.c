/* jx-window.c: a document window: tree, forms, problems, status
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "jx-application.h"
#include "jx-clipboard.h"
#include "jx-edit.h"
#include "jx-field.h"
#include "jx-money.h"
#include "jx-storage.h"
#include "jx-taxonomy.h"
#include "jx-tree-row.h"
#include "jx-window-private.h"
#include "jx-xml.h"

G_DEFINE_FINAL_TYPE (JxWindow, jx_window, GTK_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_DOCUMENT, PROP_FILE, PROP_REVIEW_MODE, PROP_EXPORT_LAST_YEAR, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Above this many projects, a change inside the shown project is checked
 * alone at once and the whole document only when typing pauses. */
#define LOCAL_VALIDATION_THRESHOLD 2000
#define VALIDATE_DELAY_MS 300
#define FULL_VALIDATE_DELAY_MS 3000
/* A shown table is checked after its first frame, or after this at the
 * latest. */
#define OPEN_VALIDATE_LATEST_MS 1000

static void show_node (JxWindow *self, JxNode *node);
static void show_ghost (JxWindow *self, JxNode *node);
static void schedule_draft (JxWindow *self);

/* ---------------------------------------------------------------- tree */

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  JxWindow *self = user_data;
  GListModel *children = NULL;
  GListModel *removed;

  /* An item of the other version (a ghost row) shows no children. */
  if (jx_node_get_document (item) != self->document)
    return NULL;
  if (JX_IS_DOCUMENT (item))
    children = jx_document_get_units (item);
  else if (JX_IS_FUNDING_UNIT (item))
    children = jx_funding_unit_get_projects (item);
  else if (JX_IS_PROJECT (item))
    children = jx_project_get_indicators (item);

  /* The node's own persistent store, so rows follow every insertion;
   * while comparing, the items of the other version removed from it
   * follow as ghost rows (jx-comparison.h). */
  removed = self->comparison != NULL ? jx_comparison_get_removed (self->comparison, item) : NULL;
  if (children != NULL && removed != NULL)
    {
      GListStore *both = g_list_store_new (G_TYPE_LIST_MODEL);

      g_list_store_append (both, children);
      g_list_store_append (both, removed);
      return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (both)));
    }
  return children ? g_object_ref (children) : NULL;
}

static GListModel *
create_no_children (gpointer item,
                    gpointer user_data)
{
  return NULL;
}

/* ------------------------------------------------------ drag and drop */

/* The item a tree row's expander shows. */
static JxNode *
expander_item (GtkEventController *controller)
{
  GtkWidget *expander = gtk_event_controller_get_widget (controller);
  GtkWidget *row = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));

  return JX_IS_TREE_ROW (row) ? jx_tree_row_get_item (JX_TREE_ROW (row)) : NULL;
}

/* A project, indicator or funding unit of the table can be dragged (not
 * the 合计 row, a ghost row, nor anything in review mode or read-only). */
static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    JxWindow      *self)
{
  JxNode *node = expander_item (GTK_EVENT_CONTROLLER (source));

  if (node == NULL || JX_IS_DOCUMENT (node) || jx_node_get_document (node) != self->document
      || self->review_mode || jx_document_is_read_only (self->document))
    return NULL;
  return gdk_content_provider_new_typed (JX_TYPE_NODE, node);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  JxWindow      *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget *target,
                   double         x,
                   double         y,
                   JxWindow      *self)
{
  const GValue *value = gtk_drop_target_get_value (target);

  /* Until the dragged item is known, say yes; then only where it can go. */
  if (value == NULL || !G_VALUE_HOLDS (value, JX_TYPE_NODE))
    return GDK_ACTION_MOVE;
  return jx_window_can_drop (self, g_value_get_object (value), expander_item (GTK_EVENT_CONTROLLER (target)))
         ? GDK_ACTION_MOVE : 0;
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            JxWindow      *self)
{
  if (!G_VALUE_HOLDS (value, JX_TYPE_NODE))
    return FALSE;
  return jx_window_drop_node (self, g_value_get_object (value), expander_item (GTK_EVENT_CONTROLLER (target)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              JxWindow                 *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (JX_TYPE_NODE, GDK_ACTION_MOVE);

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), jx_tree_row_new (self->problems));
  gtk_list_item_set_child (list_item, expander);

  /* Drag a project onto another unit (Move to Unit…), or a row onto one
   * of its kind to put it before it: jx_window_drop_node(). */
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (source));
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (target));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             JxWindow                 *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *child = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr(JxNode) node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_hash_table_add (self->bound_rows, child);
  jx_tree_row_set_compare_mark (JX_TREE_ROW (child),
                                self->comparison ? jx_comparison_get_mark (self->comparison, node) : JX_COMPARE_NONE,
                                self->comparison ? jx_comparison_get_other_name (self->comparison) : NULL);
  jx_tree_row_set_item (JX_TREE_ROW (child), node);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               JxWindow                 *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  g_hash_table_remove (self->bound_rows, gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander)));
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
  jx_tree_row_set_compare_mark (JX_TREE_ROW (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander))),
                                JX_COMPARE_NONE, NULL);
  jx_tree_row_set_item (JX_TREE_ROW (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander))), NULL);
}

static JxNode *
selected_node (JxWindow *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
on_selection_changed_cb (GtkSingleSelection *selection,
                         GParamSpec         *pspec,
                         JxWindow           *self)
{
  g_autoptr(JxNode) node = selected_node (self);

  if (node != NULL && jx_node_get_document (node) != self->document)
    show_ghost (self, node);
  else if (node != NULL)
    show_node (self, node);
  else if (self->shown != NULL && jx_node_get_document (self->shown) != self->document)
    /* The row went with its node: say so rather than show another one. */
    show_node (self, NULL);
  jx_window_update_actions (self);
}

/* The row of @node in the tree model, expanding its ancestors. */
static guint
find_tree_position (JxWindow *self,
                    JxNode   *node)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  GtkTreeListRow *row;
  guint position;
  JxNode *ghost_parent = NULL;
  guint ghost_index = 0;

  /* A ghost row comes after the live children of the item it is under. */
  if (jx_node_get_document (node) != self->document)
    {
      ghost_parent = self->comparison ? jx_comparison_get_removed_place (self->comparison, node, &ghost_index) : NULL;
      if (ghost_parent == NULL)
        return GTK_INVALID_LIST_POSITION;
      node = ghost_parent;
    }
  for (JxNode *n = node; n != NULL && !JX_IS_DOCUMENT (n); n = jx_node_get_parent (n))
    g_ptr_array_insert (path, 0, n);

  row = gtk_tree_list_model_get_row (self->tree_model, 0);
  for (guint i = 0; row != NULL && i < path->len; i++)
    {
      GtkTreeListRow *child;
      guint index;

      gtk_tree_list_row_set_expanded (row, TRUE);
      if (!jx_node_get_position (g_ptr_array_index (path, i), &index))
        {
          g_clear_object (&row);
          break;
        }
      child = gtk_tree_list_row_get_child_row (row, index);
      g_object_unref (row);
      row = child;
    }
  if (row != NULL && ghost_parent != NULL)
    {
      GListModel *live = jx_node_get_children (ghost_parent, JX_IS_DOCUMENT (ghost_parent) ? JX_TYPE_FUNDING_UNIT
                                                             : JX_IS_FUNDING_UNIT (ghost_parent) ? JX_TYPE_PROJECT
                                                             : JX_TYPE_INDICATOR);
      GtkTreeListRow *child;

      gtk_tree_list_row_set_expanded (row, TRUE);
      child = gtk_tree_list_row_get_child_row (row, g_list_model_get_n_items (live) + ghost_index);
      g_object_unref (row);
      row = child;
    }
  if (row == NULL)
    return GTK_INVALID_LIST_POSITION;
  position = gtk_tree_list_row_get_position (row);
  g_object_unref (row);
  return position;
}

void
jx_window_select_node (JxWindow *self,
                       JxNode   *node)
{
  guint position;

  g_return_if_fail (JX_IS_WINDOW (self));

  if (node == NULL || (jx_node_get_document (node) != self->document
                       && (self->comparison == NULL
                           || jx_comparison_get_removed_place (self->comparison, node, NULL) == NULL)))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      show_node (self, NULL);
      return;
    }

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (gtk_single_selection_get_model (self->selection) != G_LIST_MODEL (self->tree_model))
    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));

  position = find_tree_position (self, node);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", position);
  if (jx_node_get_document (node) != self->document)
    show_ghost (self, node);
  else
    show_node (self, node);
}

/* -------------------------------------------------------------- search */

static gboolean
name_matches (const char *name,
              const char *folded_query)
{
  g_autofree char *folded = NULL;

  if (strstr (name, folded_query) != NULL)
    return TRUE;
  folded = g_utf8_casefold (name, -1);
  return strstr (folded, folded_query) != NULL;
}

static gboolean
row_filter_cb (gpointer item,
               gpointer data)
{
  JxWindow *self = data;

  return self->filter_ids == NULL || g_hash_table_contains (self->filter_ids, jx_node_get_id (item));
}

/* Keeps the row filter live: the ids it lets through are taken again (one
 * pass over the comments, or over the problems) and only the candidates
 * whose state changed are filtered again, by replacing each with itself in
 * the list (items-changed of one item), never the whole tree. */
static void
update_row_filter (JxWindow *self)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  GHashTableIter iter;
  gpointer key;

  if (self->search_candidates == NULL || self->filter_ids == NULL)
    return;
  before = g_steal_pointer (&self->filter_ids);
  self->filter_ids = jx_window_row_filter_ids (self);
  if (self->filter_ids == NULL)
    return;
  changed = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->filter_ids, key))
      g_ptr_array_add (changed, key);
  g_hash_table_iter_init (&iter, self->filter_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (before, key))
      g_ptr_array_add (changed, key);
  for (guint i = 0; i < changed->len; i++)
    {
      JxNode *node = jx_document_lookup (self->document, g_ptr_array_index (changed, i));
      guint position = node ? GPOINTER_TO_UINT (g_hash_table_lookup (self->search_index, node)) : 0;

      /* Positions are kept + 1; the list holds the node itself. */
      if (position > 0)
        g_list_store_splice (self->search_candidates, position - 1, 1, (gpointer *) &node, 1);
    }
}

static void
clear_search (JxWindow *self)
{
  g_clear_object (&self->search_model);
  g_clear_object (&self->search_candidates);
  g_clear_pointer (&self->search_index, g_hash_table_unref);
  g_clear_pointer (&self->filter_ids, g_hash_table_unref);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      JxWindow       *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  GtkFilterListModel *filtered;
  GListModel *units;

  if (self->document == NULL)
    return;

  if (*text == '\0' && gtk_drop_down_get_selected (self->row_filter_dropdown) == JX_ROW_FILTER_ALL)
    {
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));
      clear_search (self);
      if (self->shown != NULL)
        jx_window_select_node (self, self->shown);
      return;
    }

  /* A flat list of the projects and indicators whose names match, in
   * document order: one pass over the names, fast on 20,000 projects;
   * the row filter over it follows comments and problems as they change
   * (update_row_filter()). */
  stripped = g_strstrip (g_strdup (text));
  query = g_utf8_casefold (stripped, -1);
  matches = g_ptr_array_new ();
  units = jx_document_get_units (self->document);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          GListModel *indicators = jx_project_get_indicators (project);

          if (name_matches (jx_project_get_name (project), query))
            g_ptr_array_add (matches, project);
          for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
            {
              g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);

              if (name_matches (jx_indicator_get_name (indicator), query))
                g_ptr_array_add (matches, indicator);
            }
        }
    }

  clear_search (self);
  self->search_candidates = g_list_store_new (JX_TYPE_NODE);
  g_list_store_splice (self->search_candidates, 0, 0, matches->pdata, matches->len);
  self->search_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < matches->len; i++)
    g_hash_table_insert (self->search_index, g_ptr_array_index (matches, i), GUINT_TO_POINTER (i + 1));
  self->filter_ids = jx_window_row_filter_ids (self);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->search_candidates)),
                                        GTK_FILTER (gtk_custom_filter_new (row_filter_cb, self, NULL)));
  self->search_model = gtk_tree_list_model_new (G_LIST_MODEL (filtered), FALSE, FALSE,
                                                create_no_children, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->search_model));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
on_row_filter_changed_cb (GtkDropDown *dropdown,
                          GParamSpec  *pspec,
                          JxWindow    *self)
{
  on_search_changed_cb (self->search_entry, self);
}

static void
on_search_stop_cb (GtkSearchEntry *entry,
                   JxWindow       *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

/* --------------------------------------------------------------- forms */

static void
on_shown_notify_cb (GObject    *object,
                    GParamSpec *pspec,
                    JxWindow   *self)
{
  self->shown_touched = TRUE;
  /* An amount's change against last year follows it. */
  jx_window_hints_update (self);
}

static void
show_node (JxWindow *self,
           JxNode   *node)
{
  const char *page = "empty";

  if (node != NULL && jx_node_get_document (node) != self->document)
    node = NULL;

  if (self->shown != node)
    {
      if (self->shown != NULL)
        g_clear_signal_handler (&self->shown_notify_id, self->shown);
      g_set_object (&self->shown, node);
      if (node != NULL)
        self->shown_notify_id = g_signal_connect (node, "notify", G_CALLBACK (on_shown_notify_cb), self);
    }

  if (JX_IS_DOCUMENT (node))
    page = "document";
  else if (JX_IS_FUNDING_UNIT (node))
    page = "unit";
  else if (JX_IS_PROJECT (node))
    page = "project";
  else if (JX_IS_INDICATOR (node))
    page = "indicator";

  jx_field_bind_editable (GTK_EDITABLE (self->unit_name_entry), self->document,
                          JX_IS_FUNDING_UNIT (node) ? node : NULL, "name");
  jx_project_form_bind (self->project_form, self->document,
                        JX_IS_PROJECT (node) ? JX_PROJECT (node) : NULL);
  jx_indicator_form_bind (self->indicator_form, self->document,
                          JX_IS_INDICATOR (node) ? JX_INDICATOR (node) : NULL);
  gtk_stack_set_visible_child_name (self->stack, page);
  g_clear_object (&self->shown_ghost);
  gtk_label_set_text (self->empty_label,
                      _("Nothing is selected. Choose a project or an indicator in the tree on the left."));
  jx_comments_panel_set_target (self->comments_panel, node);
  jx_window_review_update (self);
  jx_window_hints_update (self);
  jx_window_update_actions (self);
}

/* A ghost row: an item of the compared version this table no longer has.
 * Nothing to edit; the empty page says what it is. */
static void
show_ghost (JxWindow *self,
            JxNode   *node)
{
  g_autofree char *text = NULL;
  const char *name = "";

  show_node (self, NULL);
  if (self->comparison == NULL)
    return;
  g_set_object (&self->shown_ghost, node);
  if (JX_IS_PROJECT (node))
    name = jx_project_get_name (JX_PROJECT (node));
  else if (JX_IS_INDICATOR (node))
    name = jx_indicator_get_name (JX_INDICATOR (node));
  else if (JX_IS_FUNDING_UNIT (node))
    name = jx_funding_unit_get_name (JX_FUNDING_UNIT (node));
  /* TRANSLATORS: the page shown for a struck-through row of Compare With…;
   * the first %s is the item's name, the second the file compared with */
  text = g_strdup_printf (_("“%s” was removed since %s.\nIt is shown struck through for the comparison; "
                            "it is not part of this table and cannot be edited."),
                          name, jx_comparison_get_other_name (self->comparison));
  gtk_label_set_text (self->empty_label, text);
}

JxNode *
jx_window_get_shown_node (JxWindow *self)
{
  return self->shown;
}

void
jx_window_focus_field (JxWindow   *self,
                       const char *field)
{
  if (JX_IS_PROJECT (self->shown))
    jx_project_form_focus_field (self->project_form, field);
  else if (JX_IS_INDICATOR (self->shown))
    jx_indicator_form_focus_field (self->indicator_form, field);
  else if (JX_IS_DOCUMENT (self->shown))
    jx_document_form_focus_field (self->document_form, field);
  else if (JX_IS_FUNDING_UNIT (self->shown))
    gtk_widget_grab_focus (GTK_WIDGET (self->unit_name_entry));
}

static void
on_node_activated_cb (JxProjectForm *form,
                      JxNode        *node,
                      JxWindow      *self)
{
  jx_window_select_node (self, node);
}

static void
on_problem_activated_cb (JxProblemsPanel *panel,
                         const char      *target,
                         const char      *field,
                         JxWindow        *self)
{
  JxNode *node = target && *target ? jx_document_lookup (self->document, target) : NULL;

  jx_window_select_node (self, node ? node : JX_NODE (self->document));
  jx_window_focus_field (self, field);
}

/* ---------------------------------------------------------- validation */

static void
update_status (JxWindow *self)
{
  g_autofree char *amount = NULL;
  g_autofree char *total = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *problems = NULL;
  guint errors = jx_problem_set_get_n_errors (self->problems);
  guint warnings = jx_problem_set_get_n_warnings (self->problems);

  if (self->document == NULL)
    return;
  amount = jx_document_format_amount (self->document, jx_document_get_total (self->document));
  /* Translators: the grand total and the document's unit, e.g. 万元 */
  total = g_strdup_printf (_("Grand total (合计): %s %s"), amount, jx_document_get_unit (self->document));
  gtk_label_set_text (self->total_status, total);
  counts = g_strdup_printf (_("%u projects · %u indicators"),
                            jx_document_get_n_projects (self->document),
                            jx_document_get_n_indicators (self->document));
  gtk_label_set_text (self->counts_status, counts);
  if (errors == 0 && warnings == 0)
    problems = g_strdup (_("No problems"));
  else
    problems = g_strdup_printf (_("%u errors · %u warnings"), errors, warnings);
  gtk_label_set_text (self->problems_status, problems);
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_status), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->problems_status), "warning");
  if (errors > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->problems_status), "error");
  else if (warnings > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->problems_status), "warning");
}

/* The whole check of a large table runs a slice of ~4 ms at a time on a
 * short timer of default priority, taking turns with frames and input as
 * the recovery draft does: at 20,000 projects it held the window for a
 * fifth of a second 3 s after each pause in typing. Any change of the table
 * stops it; the check after that change starts it again. */
#define VALIDATION_SLICE_US 4000

/* The next slice of a long piece of work (the whole check, the recovery
 * draft, Compare With…'s copy), SLICE_GAP_MS after the end of this one, in
 * which the frames due are drawn and the input is read. A timeout, not an
 * idle: above redrawing, so that frames that come late under load never
 * starve the work. Not a repeating timeout: GLib counts its interval from
 * the start of the main-loop iteration that ran it, so a slice longer than
 * the gap made the next one due at once, and no frame (of lower priority
 * than a timeout) was drawn until the work was done. */
#define SLICE_GAP_MS 4

guint
jx_window_add_slice_timer (GSourceFunc func,
                           gpointer    data)
{
  return g_timeout_add (SLICE_GAP_MS, func, data);
}

static void
validation_cancel (JxWindow *self)
{
  g_clear_handle_id (&self->validation_slice_id, g_source_remove);
  g_clear_pointer (&self->validation, jx_validation_free);
  g_clear_pointer (&self->validation_found, g_ptr_array_unref);
}

static gboolean
validation_slice_cb (gpointer data)
{
  JxWindow *self = data;

  self->validation_slices++;
  /* Changes stop the check (on_document_changed_cb()); should one come
   * by another way, what was found is not of this table. */
  if (jx_history_get_serial (jx_document_get_history (self->document)) != self->validation_serial)
    {
      g_clear_pointer (&self->validation, jx_validation_free);
      g_ptr_array_set_size (self->validation_found, 0);
      self->validation = jx_validation_new (self->document);
      self->validation_serial = jx_history_get_serial (jx_document_get_history (self->document));
    }
  self->validation_slice_id = 0;
  if (!jx_validation_step (self->validation, g_get_monotonic_time () + VALIDATION_SLICE_US,
                           self->validation_found))
    {
      self->validation_slice_id = jx_window_add_slice_timer (validation_slice_cb, self);
      return G_SOURCE_REMOVE;
    }
  g_clear_pointer (&self->validation, jx_validation_free);
  jx_problem_set_take_found (self->problems, self->document, g_steal_pointer (&self->validation_found));
  return G_SOURCE_REMOVE;
}

static void
validation_start (JxWindow *self)
{
  validation_cancel (self);
  self->validation = jx_validation_new (self->document);
  self->validation_found = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  self->validation_serial = jx_history_get_serial (jx_document_get_history (self->document));
  self->validation_slices = 0;
  self->validation_slice_id = jx_window_add_slice_timer (validation_slice_cb, self);
}

/* The whole table checked: at once when @now or when it is small, else a
 * slice at a time (the project shown first, at once). */
static void
full_validate (JxWindow *self,
               gboolean  now)
{
  self->need_full = FALSE;
  self->shown_touched = FALSE;
  if (self->document == NULL)
    return;
  if (now || jx_document_get_n_projects (self->document) <= LOCAL_VALIDATION_THRESHOLD)
    {
      validation_cancel (self);
      jx_problem_set_validate (self->problems, self->document);
      return;
    }
  if (JX_IS_PROJECT (self->shown) || JX_IS_INDICATOR (self->shown))
    jx_problem_set_validate_project (self->problems, self->document,
                                     JX_IS_PROJECT (self->shown) ? JX_PROJECT (self->shown)
                                     : jx_indicator_get_project (JX_INDICATOR (self->shown)));
  validation_start (self);
}

static gboolean
full_validate_cb (gpointer data)
{
  JxWindow *self = data;

  self->full_validate_id = 0;
  full_validate (self, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
validate_cb (gpointer data)
{
  JxWindow *self = data;
  JxProject *project = NULL;

  self->validate_id = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;

  if (JX_IS_PROJECT (self->shown))
    project = JX_PROJECT (self->shown);
  else if (JX_IS_INDICATOR (self->shown))
    project = jx_indicator_get_project (JX_INDICATOR (self->shown));

  if (jx_document_get_n_projects (self->document) > LOCAL_VALIDATION_THRESHOLD
      && !self->need_full && self->shown_touched && project != NULL)
    {
      /* Only the project being typed in changed: check it now, and the
       * whole document once typing pauses. */
      self->shown_touched = FALSE;
      jx_problem_set_validate_project (self->problems, self->document, project);
      g_clear_handle_id (&self->full_validate_id, g_source_remove);
      self->full_validate_id = g_timeout_add (FULL_VALIDATE_DELAY_MS, full_validate_cb, self);
      return G_SOURCE_REMOVE;
    }

  g_clear_handle_id (&self->full_validate_id, g_source_remove);
  full_validate_cb (self);
  return G_SOURCE_REMOVE;
}

/* The check after a table is shown, when the idle meant to run it after
 * the first frame has not run by now. */
static gboolean
opening_validate_cb (gpointer data)
{
  JxWindow *self = data;

  self->full_validate_id = 0;
  g_clear_handle_id (&self->validate_id, g_source_remove);
  return full_validate_cb (self);
}

void
jx_window_validate_now (JxWindow *self)
{
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->full_validate_id, g_source_remove);
  full_validate (self, TRUE);
}

guint
jx_window_get_validation_slices (JxWindow *self)
{
  g_return_val_if_fail (JX_IS_WINDOW (self), 0);
  return self->validation_slices;
}

gboolean
jx_window_is_validating (JxWindow *self)
{
  g_return_val_if_fail (JX_IS_WINDOW (self), FALSE);
  return self->validation != NULL;
}

static void
on_document_changed_cb (JxDocument *document,
                        JxWindow   *self)
{
  /* A change that did not touch the shown node (undo elsewhere, a move,
   * an insertion) needs the whole document checked. */
  if (!self->shown_touched)
    self->need_full = TRUE;
  /* A whole check under way is of the table before: the next one after
   * this change checks it all again. */
  if (self->validation != NULL)
    {
      validation_cancel (self);
      self->need_full = TRUE;
    }
  self->draft_stale = TRUE;
  schedule_draft (self);
  jx_problem_set_prune_inputs (self->problems, document);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_timeout_add (VALIDATE_DELAY_MS, validate_cb, self);

  /* Removing the shown node (or undoing its insertion) leaves the form
   * empty instead of moving it to a neighbour. */
  if (self->shown != NULL && jx_node_get_document (self->shown) != self->document)
    show_node (self, NULL);
  jx_window_review_update (self);
  jx_window_update_actions (self);
  if (gtk_drop_down_get_selected (self->row_filter_dropdown) == JX_ROW_FILTER_OPEN_COMMENTS)
    update_row_filter (self);
}

static void
on_document_notify_cb (GObject    *object,
                       GParamSpec *pspec,
                       JxWindow   *self)
{
  update_status (self);
}

static void
on_problems_changed_cb (JxProblemSet *problems,
                        JxWindow     *self)
{
  update_status (self);
  if (gtk_drop_down_get_selected (self->row_filter_dropdown) == JX_ROW_FILTER_PROBLEMS)
    update_row_filter (self);
}

static void
on_history_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      JxWindow   *self)
{
  /* The draft mirrors the document: back at the saved state (by undo or
   * a save), there is nothing to recover. */
  if (!jx_window_is_unsaved (self))
    jx_window_delete_draft (self);
  jx_window_update_title (self);
  jx_window_update_actions (self);
}

/* ------------------------------------------------------------ document */

void
jx_window_set_banner (JxWindow   *self,
                      const char *text)
{
  if (text != NULL)
    gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner, text != NULL);
}

void
jx_window_update_title (JxWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *title = NULL;
  gboolean unsaved = jx_window_is_unsaved (self);

  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      name = g_file_get_basename (self->file);
      folder = parent ? g_file_get_parse_name (parent) : NULL;
    }
  else
    name = g_strdup (self->recovered ? _("Recovered document") : _("Untitled document"));
  if (self->recovered && self->file != NULL)
    {
      /* Translators: a document restored from its recovery draft, e.g.
       * “budget.jixiao — recovered” */
      char *recovered = g_strdup_printf (_("%s — recovered"), name);

      g_free (name);
      name = recovered;
    }

  /* The mark says "not saved yet", as in every editor. */
  title = unsaved ? g_strdup_printf ("%s •", name) : g_strdup (name);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, folder ? folder : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), folder != NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

gboolean
jx_window_is_unsaved (JxWindow *self)
{
  g_return_val_if_fail (JX_IS_WINDOW (self), FALSE);
  if (self->document == NULL)
    return FALSE;
  return self->recovered || self->made || jx_history_get_modified (jx_document_get_history (self->document));
}

gboolean
jx_window_is_blank (JxWindow *self)
{
  return self->file == NULL && !jx_window_is_unsaved (self)
         && (self->document == NULL || jx_document_get_n_projects (self->document) == 0);
}

static void
disconnect_document (JxWindow *self)
{
  if (self->document == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->document_ids); i++)
    g_clear_signal_handler (&self->document_ids[i], self->document);
  for (guint i = 0; i < G_N_ELEMENTS (self->history_ids); i++)
    g_clear_signal_handler (&self->history_ids[i], jx_document_get_history (self->document));
}

/* Opens the document and its funding units; projects stay closed. */
static void
expand_top (JxWindow *self)
{
  GtkTreeListRow *row = gtk_tree_list_model_get_row (self->tree_model, 0);

  if (row != NULL)
    {
      guint n_units = g_list_model_get_n_items (jx_document_get_units (self->document));

      gtk_tree_list_row_set_expanded (row, TRUE);
      for (guint i = 0; i < n_units && i < 8; i++)
        {
          g_autoptr(GtkTreeListRow) unit_row = gtk_tree_list_row_get_child_row (row, i);

          if (unit_row != NULL)
            gtk_tree_list_row_set_expanded (unit_row, TRUE);
        }
      g_object_unref (row);
    }
}

/* A new tree over the same root, so every row is made again (with the
 * comparison's marks and ghost rows, or without them). Rows are made
 * lazily: cheap on 20,000 projects. What was shown stays shown. */
static void
rebuild_tree (JxWindow *self)
{
  g_autoptr(GtkTreeListModel) old = self->tree_model;
  g_autoptr(JxNode) shown = self->shown ? g_object_ref (self->shown) : NULL;
  gboolean searching = gtk_single_selection_get_model (self->selection) != G_LIST_MODEL (old);

  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root)),
                                              FALSE, FALSE, create_child_model, self, NULL);
  if (self->document == NULL)
    return;
  /* Opened before the list sees it: one change for the view, not one per
   * unit opened (each made it bind its rows again). */
  expand_top (self);
  if (!searching)
    gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));
  if (shown != NULL && !searching)
    jx_window_select_node (self, shown);
}

/* The marks of the rows bound now, again; the others get theirs when
 * bound. */
static void
update_row_marks (JxWindow *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    {
      JxNode *node = jx_tree_row_get_item (row);

      jx_tree_row_set_compare_mark (row, self->comparison && node ? jx_comparison_get_mark (self->comparison, node)
                                                                  : JX_COMPARE_NONE,
                                    self->comparison ? jx_comparison_get_other_name (self->comparison) : NULL);
    }
}

void
jx_window_set_comparison (JxWindow     *self,
                          JxComparison *comparison)
{
  g_autoptr(JxComparison) old = NULL;

  g_return_if_fail (JX_IS_WINDOW (self));
  g_return_if_fail (comparison == NULL || JX_IS_COMPARISON (comparison));
  g_return_if_fail (comparison == NULL || jx_comparison_get_document (comparison) == self->document);

  if (self->comparison == comparison)
    return;
  old = g_steal_pointer (&self->comparison);
  self->comparison = comparison ? g_object_ref (comparison) : NULL;
  g_clear_object (&self->shown_ghost);
  /* Without ghost rows, before or after, the tree keeps its rows: only the
   * marks of those bound change (a new tree made every row again, a tenth
   * of a second on a loaded machine). Ghost rows change the tree itself. */
  if ((old == NULL || !jx_comparison_has_removed (old))
      && (comparison == NULL || !jx_comparison_has_removed (comparison)))
    update_row_marks (self);
  else
    rebuild_tree (self);
  jx_window_hints_update (self);
  jx_window_update_actions (self);
}

JxComparison *
jx_window_get_comparison (JxWindow *self)
{
  g_return_val_if_fail (JX_IS_WINDOW (self), NULL);
  return self->comparison;
}

static void
set_document (JxWindow   *self,
              JxDocument *document,
              GFile      *file)
{
  JxHistory *history;

  show_node (self, NULL);
  /* A comparison is of the table it was made for. */
  jx_window_cancel_compare (self);
  if (self->comparison != NULL)
    {
      g_clear_object (&self->comparison);
      jx_window_destroy_changes_window (self);
    }
  disconnect_document (self);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->full_validate_id, g_source_remove);
  validation_cancel (self);

  g_set_object (&self->document, document);
  g_set_object (&self->file, file);
  self->recovered = FALSE;
  self->made = FALSE;
  self->draft_stale = FALSE;

  jx_problem_set_clear (self->problems);
  g_list_store_remove_all (self->root);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->tree_model));
  g_list_store_append (self->root, document);

  history = jx_document_get_history (document);
  self->document_ids[0] = g_signal_connect (document, "changed", G_CALLBACK (on_document_changed_cb), self);
  self->document_ids[1] = g_signal_connect (document, "notify::total", G_CALLBACK (on_document_notify_cb), self);
  self->document_ids[2] = g_signal_connect (document, "notify::n-projects", G_CALLBACK (on_document_notify_cb), self);
  self->document_ids[3] = g_signal_connect (document, "notify::n-indicators", G_CALLBACK (on_document_notify_cb), self);
  self->history_ids[0] = g_signal_connect (history, "notify::modified", G_CALLBACK (on_history_notify_cb), self);
  self->history_ids[1] = g_signal_connect (history, "notify::can-undo", G_CALLBACK (on_history_notify_cb), self);
  self->history_ids[2] = g_signal_connect (history, "notify::can-redo", G_CALLBACK (on_history_notify_cb), self);

  jx_document_form_bind (self->document_form, document);
  jx_problems_panel_bind (self->problems_panel, self->problems, document);
  jx_comments_panel_bind (self->comments_panel, document);

  expand_top (self);

  g_clear_object (&self->monitor);
  self->has_disk_stamp = FALSE;
  self->disk_changed = FALSE;
  jx_window_update_banner (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !jx_document_is_read_only (document));

  show_node (self, JX_NODE (document));
  gtk_single_selection_set_selected (self->selection, 0);
  update_status (self);
  jx_window_update_title (self);
  jx_window_update_actions (self);
  /* Validate as soon as the window is drawn (not before: a large document
   * should show at once, its marks a moment later). */
  self->need_full = TRUE;
  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_idle_add_full (G_PRIORITY_LOW, validate_cb, self, NULL);
  /* ...and a moment later at the latest: that idle never runs while every
   * frame runs late (a loaded machine, an animation). */
  g_clear_handle_id (&self->full_validate_id, g_source_remove);
  self->full_validate_id = g_timeout_add (OPEN_VALIDATE_LATEST_MS, opening_validate_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/* The template of new documents: the default-template setting, when it
 * names one this build has. */
JxTemplate *
jx_window_get_default_template (void)
{
  GSettings *settings = jx_application_get_settings (NULL);
  g_autofree char *id = settings != NULL ? g_settings_get_string (settings, "default-template") : NULL;
  JxTemplate *template = id != NULL ? jx_template_get_builtin (id, NULL) : NULL;

  return template != NULL ? template : jx_template_get_default ();
}

void
jx_window_new_document (JxWindow *self)
{
  jx_window_new_document_for_template (self, jx_window_get_default_template ());
}

void
jx_window_new_document_for_template (JxWindow   *self,
                                     JxTemplate *template)
{
  g_autoptr(JxDocument) document = jx_document_new_for_template (template);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new (_("Funding unit"));

  /* Built like a loader builds, so a new document starts unmodified. The
   * template names its taxonomy. */
  jx_document_set_year (document, g_date_time_get_year (now) + 1);
  jx_node_append_child (JX_NODE (document), JX_NODE (unit));
  jx_node_assign_ids (JX_NODE (unit), document);
  jx_history_set_save_point (jx_document_get_history (document));
  jx_window_delete_draft (self);
  set_document (self, document, NULL);
}

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) "application/x-jixiao",
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "jixiao %u",
  };

  /* With the type given, GTK does not query it in the background (which,
   * racing a write of the list, trips a GLib 2.74 critical). */
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* ---------------------------------------------------------- disk state */

static gboolean
stat_file (GFile   *file,
           goffset *size,
           gint64  *mtime)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    return FALSE;
  *size = g_file_info_get_size (info);
  *mtime = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
           + g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  return TRUE;
}

void
jx_window_update_banner (JxWindow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->document != NULL && jx_document_is_read_only (self->document))
    g_string_append (text, _("This document was written by a newer version of Jixiao. It is open read-only "
                             "so that nothing it holds is lost; use a newer version to change it."));
  if (self->disk_changed && self->file != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->file);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("“%s” was changed by another program. Saving asks before replacing "
                                      "those changes; Save As keeps both."), name);
    }
  jx_window_set_banner (self, text->len > 0 ? text->str : NULL);
}

static void
check_disk (JxWindow *self)
{
  goffset size = 0;
  gint64 mtime = 0;
  gboolean changed;

  if (self->file == NULL || !self->has_disk_stamp || self->saving > 0)
    return;
  changed = !stat_file (self->file, &size, &mtime) || size != self->disk_size || mtime != self->disk_mtime;
  if (changed != self->disk_changed)
    {
      self->disk_changed = changed;
      jx_window_update_banner (self);
    }
}

static void
on_monitor_changed_cb (GFileMonitor      *monitor,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event,
                       JxWindow          *self)
{
  check_disk (self);
}

/* Notes what the window's file looks like now (just loaded or saved) and
 * watches it, so a change by another program shows at once. */
static void
remember_disk_state (JxWindow *self)
{
  g_clear_object (&self->monitor);
  self->has_disk_stamp = self->file != NULL && stat_file (self->file, &self->disk_size, &self->disk_mtime);
  self->disk_changed = FALSE;
  if (self->file != NULL)
    {
      self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_NONE, NULL, NULL);
      if (self->monitor != NULL)
        {
          g_file_monitor_set_rate_limit (self->monitor, 100);
          g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed_cb), self, 0);
        }
    }
  jx_window_update_banner (self);
}

gboolean
jx_window_get_disk_changed (JxWindow *self)
{
  return self->disk_changed;
}

/* ------------------------------------------------------------- loading */

static gboolean
local_path (GFile   *file,
            char   **path,
            GError **error)
{
  *path = g_file_get_path (file);
  if (*path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file. Copy it to a folder on this computer and open it there."), uri);
      return FALSE;
    }
  return TRUE;
}

static void
install_loaded (JxWindow   *self,
                JxDocument *document,
                GFile      *file)
{
  jx_window_delete_draft (self);
  set_document (self, document, file);
  remember_disk_state (self);
  add_recent (file);
}

gboolean
jx_window_load_file (JxWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(JxDocument) document = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (JX_IS_WINDOW (self), FALSE);

  if (!local_path (file, &path, error))
    return FALSE;
  document = jx_storage_load (path, &problem, error);
  if (document == NULL)
    return FALSE;
  install_loaded (self, document, file);
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(JxProblem) problem = NULL;
  GError *error = NULL;
  JxDocument *document;

  /* The loader touches only the document it builds: libxml2's error
   * handlers are per thread, and the shared tables it reads (fields,
   * rules, built-in taxonomies) are built under g_once or a lock. */
  document = jx_storage_load (task_data, &problem, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

void
jx_window_load_file_async (JxWindow            *self,
                           GFile               *file,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  char *path = NULL;

  g_task_set_source_tag (task, jx_window_load_file_async);
  g_object_set_data_full (G_OBJECT (task), "jx-file", g_object_ref (file), g_object_unref);
  if (!local_path (file, &path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, path, g_free);

  /* Translators: %s is the file name */
  message = g_strdup_printf (_("Opening “%s”…"), name);
  jx_toast_show_progress (self->progress, message);
  if (self->loading == NULL)
    self->loading = g_cancellable_new ();
  g_task_run_in_thread (task, load_thread);
}

gboolean
jx_window_load_file_finish (JxWindow      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(JxDocument) document = NULL;
  GFile *file;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  g_clear_object (&self->loading);
  jx_toast_dismiss (self->progress);
  document = g_task_propagate_pointer (G_TASK (result), error);
  if (document == NULL)
    return FALSE;
  file = g_object_get_data (G_OBJECT (result), "jx-file");
  install_loaded (self, document, file);
  return TRUE;
}

gboolean
jx_window_is_loading (JxWindow *self)
{
  return self->loading != NULL;
}

/* -------------------------------------------------------------- saving */

typedef struct
{
  JxSaveJob *job;
  GFile     *file;
  guint      flags;
  guint64    serial;
} SaveData;

static void
save_data_free (SaveData *data)
{
  jx_save_job_free (data->job);
  g_clear_object (&data->file);
  g_free (data);
}

/* On the main thread: what can fail before the disk is touched, and the
 * document serialized as it is now. */
static SaveData *
save_prepare (JxWindow  *self,
              GFile     *file,
              guint      flags,
              GError   **error)
{
  g_autofree char *path = NULL;
  SaveData *data;
  JxHistory *history = jx_document_get_history (self->document);

  if (file == NULL)
    file = self->file;
  g_return_val_if_fail (file != NULL, NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Documents can only be saved to a folder on this computer."));
      return NULL;
    }

  /* A restored draft does not know its file's disk stamp from the loader:
   * the window checks against what the file was when the draft was made. */
  if (!(flags & (JX_SAVE_OVERWRITE | JX_SAVE_COPY)) && self->file != NULL && g_file_equal (file, self->file)
      && self->has_disk_stamp)
    {
      goffset size;
      gint64 mtime;

      if (stat_file (file, &size, &mtime) && (size != self->disk_size || mtime != self->disk_mtime))
        {
          g_autofree char *display = g_file_get_basename (file);

          g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_CHANGED_ON_DISK,
                       _("“%s” was changed by another program since it was opened or last saved. "
                         "Saving would replace those changes: reload the file to see them, "
                         "or save anyway to replace them."),
                       display);
          return NULL;
        }
    }

  /* Typing in progress ends here: undo after a save does not merge with it,
   * and what is typed while the worker writes is a new step. */
  jx_history_break_merge (history);
  data = g_new0 (SaveData, 1);
  data->job = jx_storage_save_prepare (self->document, path, flags, error);
  if (data->job == NULL)
    {
      save_data_free (data);
      return NULL;
    }
  data->file = g_object_ref (file);
  data->flags = flags;
  data->serial = jx_history_get_serial (history);
  return data;
}

/* On the main thread, after the worker wrote the file. */
static void
save_commit (JxWindow *self,
             SaveData *data)
{
  JxHistory *history = jx_document_get_history (self->document);

  jx_storage_save_commit (data->job, self->document);
  if (data->flags & JX_SAVE_COPY)
    return;

  self->recovered = FALSE;
  self->made = FALSE;
  if (data->file != self->file && (self->file == NULL || !g_file_equal (data->file, self->file)))
    {
      g_set_object (&self->file, data->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  /* Only what was serialized is saved: a change made meanwhile keeps the
   * document unsaved (and its draft). */
  if (jx_history_get_serial (history) == data->serial)
    jx_history_set_save_point (history);
  if (!jx_window_is_unsaved (self))
    jx_window_delete_draft (self);
  remember_disk_state (self);
  add_recent (data->file);
  jx_window_update_title (self);
  jx_window_update_actions (self);
}

/* The file may have been replaced all the same (the disk did not confirm
 * it): it is ours now, for the changed-on-disk checks. */
static void
save_failed (JxWindow *self,
             SaveData *data)
{
  if (!jx_save_job_get_replaced (data->job) || (data->flags & JX_SAVE_COPY))
    return;
  jx_storage_save_commit (data->job, self->document);
  if (self->file != NULL && g_file_equal (data->file, self->file))
    remember_disk_state (self);
}

gboolean
jx_window_save_to (JxWindow  *self,
                   GFile     *file,
                   guint      flags,
                   GError   **error)
{
  SaveData *data;
  gboolean ok;

  g_return_val_if_fail (JX_IS_WINDOW (self), FALSE);

  data = save_prepare (self, file, flags, error);
  if (data == NULL)
    return FALSE;
  self->saving++;
  ok = jx_storage_save_write (data->job, error);
  self->saving--;
  if (ok)
    save_commit (self, data);
  else
    save_failed (self, data);
  save_data_free (data);
  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (jx_storage_save_write (data->job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
jx_window_save_to_async (JxWindow            *self,
                         GFile               *file,
                         guint                flags,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GError) error = NULL;
  SaveData *data;

  g_task_set_source_tag (task, jx_window_save_to_async);
  data = save_prepare (self, file, flags, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  self->saving++;
  g_task_run_in_thread (task, save_thread);
}

gboolean
jx_window_save_to_finish (JxWindow      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* No task data: nothing was written (the save failed before the worker). */
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    self->saving--;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      if (g_task_get_task_data (G_TASK (result)) != NULL)
        save_failed (self, g_task_get_task_data (G_TASK (result)));
      return FALSE;
    }
  save_commit (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

/* -------------------------------------------------------------- drafts */

/* A draft is written 3 s after the last change: late enough not to
 * compete with typing, early enough that a crash loses little. */
#define DRAFT_DELAY_MS 3000

static void
draft_cancel_slices (JxWindow *self)
{
  g_clear_handle_id (&self->draft_slice_id, g_source_remove);
  g_clear_pointer (&self->draft_writer, jx_xml_writer_free);
}

void
jx_window_delete_draft (JxWindow *self)
{
  draft_cancel_slices (self);
  g_clear_handle_id (&self->draft_timer_id, g_source_remove);
  self->first_unsaved = 0;
  /* A draft being written now is removed when its worker is done. */
  self->draft_epoch++;
  if (self->draft_path != NULL)
    {
      g_autofree char *info = g_strconcat (self->draft_path, ".info", NULL);

      g_unlink (self->draft_path);
      g_unlink (info);
      g_clear_pointer (&self->draft_path, g_free);
    }
  self->draft_stale = FALSE;
}

guint
jx_window_get_draft_slices (JxWindow *self)
{
  g_return_val_if_fail (JX_IS_WINDOW (self), 0);
  return self->draft_slices;
}

const char *
jx_window_get_draft_path (JxWindow *self)
{
  return self->draft_path;
}

void
jx_window_set_draft_delays (JxWindow *self,
                            guint     delay_ms,
                            guint     max_ms)
{
  self->draft_delay_ms = delay_ms;
  self->draft_max_ms = MAX (max_ms, delay_ms);
}

typedef struct
{
  JxSaveJob *job;
  char      *draft_path;
  char      *info_path;
  char      *info;
  guint      epoch;
} DraftData;

static void
draft_data_free (DraftData *data)
{
  jx_save_job_free (data->job);
  g_free (data->draft_path);
  g_free (data->info_path);
  g_free (data->info);
  g_free (data);
}

/* Whether a draft is due, and where it goes (self->draft_path, made on
 * the first one). */
static gboolean
draft_due (JxWindow *self)
{
  g_autofree char *dir = NULL;

  if (self->document == NULL || !jx_window_is_unsaved (self)
      || jx_document_is_read_only (self->document))
    return FALSE;
  if (self->draft_path != NULL && !self->draft_stale)
    return FALSE;

  dir = jx_application_get_drafts_dir ();
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_warning ("Cannot create the drafts folder %s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  if (self->draft_path == NULL)
    {
      g_autofree char *stem = self->file ? g_file_get_basename (self->file) : g_strdup ("untitled");
      g_autofree char *name = NULL;

      if (g_str_has_suffix (stem, ".jixiao"))
        stem[strlen (stem) - strlen (".jixiao")] = '\0';
      name = g_strdup_printf ("%s-%08x.jixiao", stem, g_random_int ());
      self->draft_path = g_build_filename (dir, name, NULL);
    }
  return TRUE;
}

/* On the main thread: the draft of the document serialized as @bytes
 * (the document as it is now), and the note beside it. */
static DraftData *
draft_data_new (JxWindow *self,
                GBytes   *bytes)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  DraftData *data = g_new0 (DraftData, 1);

  /* A copy: the document's save point and disk stamp stay as they are. */
  data->job = jx_storage_save_prepare_bytes (self->document, bytes, self->draft_path, JX_SAVE_COPY);
  data->draft_path = g_strdup (self->draft_path);
  data->info_path = g_strconcat (self->draft_path, ".info", NULL);
  data->epoch = self->draft_epoch;

  /* Where the draft belongs, and what that file looked like then, so a
   * restored draft saves to its file with the changed-on-disk check. */
  if (self->file != NULL)
    {
      g_autofree char *original = g_file_get_path (self->file);

      if (original != NULL)
        g_key_file_set_string (info, "draft", "original", original);
      if (self->has_disk_stamp)
        {
          g_key_file_set_int64 (info, "draft", "original-size", self->disk_size);
          g_key_file_set_int64 (info, "draft", "original-mtime", self->disk_mtime);
        }
    }
  g_key_file_set_int64 (info, "draft", "time", g_get_real_time () / G_USEC_PER_SEC);
  data->info = g_key_file_to_data (info, NULL, NULL);
  self->draft_stale = FALSE;
  return data;
}

/* The same at once (closing, tests). */
static DraftData *
draft_prepare (JxWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!draft_due (self))
    return NULL;
  bytes = jx_xml_write (self->document, &error);
  if (bytes == NULL)
    {
      g_warning ("Cannot write the recovery draft %s: %s", self->draft_path, error->message);
      return NULL;
    }
  return draft_data_new (self, bytes);
}

/* On any thread. */
static gboolean
draft_write (DraftData  *data,
             GError    **error)
{
  return jx_storage_save_write (data->job, error)
         && g_file_set_contents_full (data->info_path, data->info, -1,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
jx_window_autosave_now (JxWindow *self)
{
  g_autoptr(GError) error = NULL;
  DraftData *data;

  draft_cancel_slices (self);
  g_clear_handle_id (&self->draft_timer_id, g_source_remove);
  self->first_unsaved = 0;
  data = draft_prepare (self);
  if (data == NULL)
    return;
  if (!draft_write (data, &error))
    g_warning ("Cannot write the recovery draft %s: %s", data->draft_path, error->message);
  draft_data_free (data);
}

static void
draft_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (draft_write (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_draft_written_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  JxWindow *self = JX_WINDOW (source);
  DraftData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot write the recovery draft %s: %s", data->draft_path, error->message);
  /* Saved or undone to the saved state while it was written: it goes. */
  if (data->epoch != self->draft_epoch)
    {
      g_unlink (data->draft_path);
      g_unlink (data->info_path);
    }
}

/* A slice of serialization, between the frames and keystrokes: ~4 ms of
 * projects (jx_window_add_slice_timer()). The document cannot change
 * meanwhile (any change cancels). */
#define DRAFT_SLICE_US 4000

static void
draft_start_write (JxWindow *self,
                   GBytes   *bytes)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_draft_written_cb, NULL);

  g_task_set_task_data (task, draft_data_new (self, bytes), (GDestroyNotify) draft_data_free);
  g_task_run_in_thread (task, draft_thread);
}

static gboolean
draft_slice_cb (gpointer user_data)
{
  JxWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  self->draft_slices++;
  self->draft_slice_id = 0;
  if (!jx_xml_writer_step (self->draft_writer, g_get_monotonic_time () + DRAFT_SLICE_US, &bytes, &error))
    {
      self->draft_slice_id = jx_window_add_slice_timer (draft_slice_cb, self);
      return G_SOURCE_REMOVE;
    }
  g_clear_pointer (&self->draft_writer, jx_xml_writer_free);
  if (bytes == NULL)
    g_warning ("Cannot write the recovery draft %s: %s", self->draft_path, error->message);
  else
    draft_start_write (self, bytes);
  return G_SOURCE_REMOVE;
}

static gboolean
draft_timer_cb (gpointer user_data)
{
  JxWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->draft_timer_id = 0;
  self->draft_since = self->first_unsaved;
  self->first_unsaved = 0;
  draft_cancel_slices (self);
  if (!draft_due (self))
    return G_SOURCE_REMOVE;
  self->draft_writer = jx_xml_writer_new (self->document, &error);
  if (self->draft_writer == NULL)
    {
      g_warning ("Cannot write the recovery draft %s: %s", self->draft_path, error->message);
      return G_SOURCE_REMOVE;
    }
  self->draft_slices = 0;
  self->draft_slice_id = jx_window_add_slice_timer (draft_slice_cb, self);
  return G_SOURCE_REMOVE;
}

/* After each change: the draft comes a moment after typing stops, and
 * never later than draft_max_ms after the first change it would hold. */
static void
schedule_draft (JxWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wait_ms;

  /* A draft being serialized is of the state before this change: it
   * starts again, still due by the first unsaved change it was for. */
  if (self->draft_writer != NULL)
    {
      draft_cancel_slices (self);
      self->first_unsaved = self->draft_since;
    }
  if (self->document == NULL || !jx_window_is_unsaved (self) || jx_document_is_read_only (self->document))
    return;
  if (self->first_unsaved == 0)
    self->first_unsaved = now;
  wait_ms = MIN ((gint64) self->draft_delay_ms,
                 (self->first_unsaved + (gint64) self->draft_max_ms * 1000 - now) / 1000);
  g_clear_handle_id (&self->draft_timer_id, g_source_remove);
  self->draft_timer_id = g_timeout_add ((guint) MAX (wait_ms, 0), draft_timer_cb, self);
}

gboolean
jx_window_restore_draft (JxWindow    *self,
                         const char  *draft,
                         GError     **error)
{
  g_autoptr(JxDocument) document = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *info_path = g_strconcat (draft, ".info", NULL);
  g_autofree char *original = NULL;
  g_autoptr(GFile) file = NULL;

  document = jx_storage_load (draft, &problem, error);
  if (document == NULL)
    return FALSE;
  if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
    original = g_key_file_get_string (info, "draft", "original", NULL);
  if (original != NULL && *original != '\0')
    file = g_file_new_for_path (original);

  jx_window_delete_draft (self);
  set_document (self, document, file);
  /* Saving goes to the original file, checked against what it was when
   * the draft was written: a change by another program since is asked
   * about, never silently replaced. */
  g_clear_object (&self->monitor);
  self->has_disk_stamp = file != NULL && g_key_file_has_key (info, "draft", "original-mtime", NULL);
  if (self->has_disk_stamp)
    {
      self->disk_size = g_key_file_get_int64 (info, "draft", "original-size", NULL);
      self->disk_mtime = g_key_file_get_int64 (info, "draft", "original-mtime", NULL);
    }
  if (file != NULL)
    {
      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, NULL);
      if (self->monitor != NULL)
        g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed_cb), self, 0);
      check_disk (self);
    }
  /* Keep the draft until the document is saved or discarded. */
  self->draft_path = g_strdup (draft);
  self->recovered = TRUE;
  jx_window_update_title (self);
  return TRUE;
}

void
jx_window_show_made_document (JxWindow   *self,
                              JxDocument *document,
                              const char *message)
{
  g_return_if_fail (JX_IS_WINDOW (self));
  g_return_if_fail (JX_IS_DOCUMENT (document));

  set_document (self, document, NULL);
  /* Not on disk yet: closing asks to save it. */
  self->made = TRUE;
  jx_window_update_title (self);
  if (message != NULL && !jx_document_is_read_only (document))
    jx_window_set_banner (self, message);
}

/* --------------------------------------------------------------- misc */

JxDocument *
jx_window_get_document (JxWindow *self)
{
  return self->document;
}

GFile *
jx_window_get_file (JxWindow *self)
{
  return self->file;
}

GtkWidget *
jx_window_get_tree_view (JxWindow *self)
{
  return GTK_WIDGET (self->tree_view);
}

GtkWidget *
jx_window_get_project_form (JxWindow *self)
{
  return GTK_WIDGET (self->project_form);
}

GtkWidget *
jx_window_get_document_form (JxWindow *self)
{
  return GTK_WIDGET (self->document_form);
}

GtkWidget *
jx_window_get_indicator_form (JxWindow *self)
{
  return GTK_WIDGET (self->indicator_form);
}

GtkWidget *
jx_window_get_problems_panel (JxWindow *self)
{
  return GTK_WIDGET (self->problems_panel);
}

GtkWidget *
jx_window_get_comments_panel (JxWindow *self)
{
  return GTK_WIDGET (self->comments_panel);
}

GtkWidget *
jx_window_get_search_entry (JxWindow *self)
{
  return GTK_WIDGET (self->search_entry);
}

const char *
jx_window_get_status_total (JxWindow *self)
{
  return gtk_label_get_text (self->total_status);
}

const char *
jx_window_get_visible_page (JxWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static JxTreeRow *
find_row_widget (GtkWidget *widget,
                 JxNode    *node)
{
  if (JX_IS_TREE_ROW (widget) && jx_tree_row_get_item (JX_TREE_ROW (widget)) == node
      && gtk_widget_get_mapped (widget))
    return JX_TREE_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      JxTreeRow *found = find_row_widget (child, node);

      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
jx_window_get_row_mark (JxWindow *self,
                        JxNode   *node)
{
  JxTreeRow *row = find_row_widget (GTK_WIDGET (self->tree_view), node);

  return row ? g_strdup (jx_tree_row_get_mark (row)) : NULL;
}

char *
jx_window_describe_row (JxWindow *self,
                        JxNode   *node)
{
  JxTreeRow *row = find_row_widget (GTK_WIDGET (self->tree_view), node);

  return row ? jx_tree_row_describe (row) : NULL;
}

GtkDropTarget *
jx_window_get_row_drop_target (JxWindow *self,
                               JxNode   *node)
{
  JxTreeRow *row = find_row_widget (GTK_WIDGET (self->tree_view), node);
  GtkWidget *expander = row ? gtk_widget_get_parent (GTK_WIDGET (row)) : NULL;
  g_autoptr(GListModel) controllers = expander ? gtk_widget_observe_controllers (expander) : NULL;

  for (guint i = 0; controllers != NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

int
jx_window_get_row_compare_mark (JxWindow *self,
                                JxNode   *node)
{
  JxTreeRow *row = find_row_widget (GTK_WIDGET (self->tree_view), node);

  return row ? (int) jx_tree_row_get_compare_mark (row) : -1;
}

int
jx_window_get_row_comments (JxWindow *self,
                            JxNode   *node)
{
  JxTreeRow *row = find_row_widget (GTK_WIDGET (self->tree_view), node);

  return row ? (int) jx_tree_row_get_open_comments (row) : -1;
}

/* ------------------------------------------------------ context menu */

static GtkTreeListRow *
row_at (JxWindow *self,
        double    x,
        double    y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->tree_view), x, y, GTK_PICK_DEFAULT);

  for (; picked != NULL && picked != GTK_WIDGET (self->tree_view); picked = gtk_widget_get_parent (picked))
    if (GTK_IS_TREE_EXPANDER (picked))
      return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (picked));
  return NULL;
}

static void
on_tree_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    JxWindow        *self)
{
  GtkTreeListRow *row = row_at (self, x, y);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (row != NULL)
    gtk_single_selection_set_selected (self->selection, gtk_tree_list_row_get_position (row));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* ------------------------------------------------------------ keyboard */

/* The window's three areas, in Tab and F6 order. */
enum { AREA_TREE, AREA_FORM, AREA_PANELS, N_AREAS };

static int
focused_area (JxWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *tree_box = gtk_paned_get_start_child (self->outer_paned);

  if (focus == NULL)
    return -1;
  if (gtk_widget_is_ancestor (focus, tree_box) || focus == tree_box)
    return AREA_TREE;
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    return AREA_FORM;
  if (gtk_widget_is_ancestor (focus, self->side_box))
    return AREA_PANELS;
  return -1;
}

static gboolean
focus_area (JxWindow         *self,
            int               area,
            GtkDirectionType  direction)
{
  switch (area)
    {
    case AREA_TREE:
      return gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
    case AREA_FORM:
      return gtk_widget_child_focus (GTK_WIDGET (self->stack), direction);
    case AREA_PANELS:
      return gtk_widget_get_visible (self->side_box)
             && gtk_widget_child_focus (self->side_box, direction);
    default:
      return FALSE;
    }
}

/* F6 and Shift+F6: tree → form → panels → tree, as in GNOME applications;
 * an area that takes no focus (no panel open) is passed over. */
void
jx_window_cycle_area (JxWindow *self,
                      int       step)
{
  int area = focused_area (self);

  if (area < 0)
    area = step > 0 ? N_AREAS - 1 : 0;
  for (int i = 1; i <= N_AREAS; i++)
    {
      int next = ((area + step * i) % N_AREAS + N_AREAS) % N_AREAS;

      if (focus_area (self, next, GTK_DIR_TAB_FORWARD))
        return;
    }
}

/* The tree is one Tab stop: Tab leaves it for the form (the list view
 * would walk its rows), Shift+Tab for the search entry. */
static gboolean
on_tree_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        JxWindow              *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      if (!focus_area (self, AREA_FORM, GTK_DIR_TAB_FORWARD))
        focus_area (self, AREA_PANELS, GTK_DIR_TAB_FORWARD);
      return TRUE;
    }
  if (keyval == GDK_KEY_ISO_Left_Tab)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ GObject */

static gboolean
jx_window_close_request (GtkWindow *window)
{
  JxWindow *self = JX_WINDOW (window);
  JxApplication *app = JX_APPLICATION (gtk_window_get_application (window));

  if (!self->closing && jx_window_is_unsaved (self))
    {
      jx_application_ask_unsaved (app, self);
      return TRUE;
    }

  jx_application_save_window_state (app, self);
  /* Closing unsaved means discarding: the draft goes too. */
  jx_window_delete_draft (self);
  return GTK_WINDOW_CLASS (jx_window_parent_class)->close_request (window);
}

static void
jx_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  JxWindow *self = JX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_REVIEW_MODE:
      g_value_set_boolean (value, self->review_mode);
      break;
    case PROP_EXPORT_LAST_YEAR:
      g_value_set_boolean (value, self->export_last_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  JxWindow *self = JX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REVIEW_MODE:
      /* jx-window-review.c */
      jx_window_set_review_mode (self, g_value_get_boolean (value));
      break;
    case PROP_EXPORT_LAST_YEAR:
      if (self->export_last_year != g_value_get_boolean (value))
        {
          self->export_last_year = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_window_dispose (GObject *object)
{
  JxWindow *self = JX_WINDOW (object);

  jx_window_cancel_compare (self);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_handle_id (&self->full_validate_id, g_source_remove);
  validation_cancel (self);
  g_clear_handle_id (&self->draft_timer_id, g_source_remove);
  draft_cancel_slices (self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->loading);
  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_notify_id, self->shown);
  g_clear_object (&self->shown);
  disconnect_document (self);
  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->context_menu));
      self->context_menu = NULL;
    }
  g_clear_handle_id (&self->side_layout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  clear_search (self);
  g_clear_object (&self->comparison);
  g_clear_object (&self->shown_ghost);
  g_clear_object (&self->root);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->problems);
  G_OBJECT_CLASS (jx_window_parent_class)->dispose (object);
}

static void
jx_window_finalize (GObject *object)
{
  JxWindow *self = JX_WINDOW (object);

  g_free (self->draft_path);
  g_hash_table_unref (self->bound_rows);
  G_OBJECT_CLASS (jx_window_parent_class)->finalize (object);
}

static void
on_autosave_setting_cb (JxWindow *self)
{
  GSettings *settings = jx_application_get_settings (NULL);

  if (settings != NULL)
    jx_window_set_draft_delays (self, MIN (DRAFT_DELAY_MS, g_settings_get_uint (settings, "autosave-interval") * 1000),
                                g_settings_get_uint (settings, "autosave-interval") * 1000);
}

/* The notifications float over the content: the window's child goes into
 * an overlay (built here, so the layout in jx-window.ui stays as it is). */
static void
add_overlay (JxWindow *self)
{
  GtkWidget *content = g_object_ref (gtk_window_get_child (GTK_WINDOW (self)));

  gtk_window_set_child (GTK_WINDOW (self), NULL);
  self->overlay = GTK_OVERLAY (gtk_overlay_new ());
  gtk_overlay_set_child (self->overlay, content);
  g_object_unref (content);

  self->toast = JX_TOAST (jx_toast_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->toast), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->toast), GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->toast), 32);   /* above the status bar */
  gtk_overlay_add_overlay (self->overlay, GTK_WIDGET (self->toast));

  self->progress = JX_TOAST (jx_toast_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_START);
  gtk_overlay_add_overlay (self->overlay, GTK_WIDGET (self->progress));

  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->overlay));
}

void
jx_window_show_toast (JxWindow   *self,
                      const char *message,
                      const char *button_label,
                      const char *action_name)
{
  jx_toast_show (self->toast, message, button_label, action_name);
}

GtkWidget *
jx_window_get_toast (JxWindow *self)
{
  return GTK_WIDGET (self->toast);
}

GtkWidget *
jx_window_get_progress (JxWindow *self)
{
  return GTK_WIDGET (self->progress);
}

const char *
jx_window_get_banner_text (JxWindow *self)
{
  return gtk_revealer_get_reveal_child (self->banner) ? gtk_label_get_text (self->banner_label) : NULL;
}

/* The side panels: problems, comments, either or both. Both open: side by
 * side when the window is at least this wide, else one above the other, so
 * that the tree (260 px at least), the form (420) and a side column (280)
 * fit from 1024 px up. The side-by-side minimum (260 + 420 + 2 × 280) stays
 * below this width, so a window shrinking past it can always switch. */
#define SIDE_BY_SIDE_WIDTH 1500

static void
update_side_box (JxWindow *self)
{
  gboolean problems = gtk_toggle_button_get_active (self->problems_button);
  gboolean comments = gtk_toggle_button_get_active (self->comments_button);
  GtkOrientation orientation = self->side_by_side ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->side_box), orientation);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->side_separator),
                                  self->side_by_side ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_visible (self->side_separator, problems && comments);
  gtk_widget_set_visible (self->side_box, problems || comments);
}

static gboolean
update_side_layout_cb (gpointer data)
{
  JxWindow *self = data;

  self->side_layout_id = 0;
  self->side_by_side = gtk_widget_get_width (GTK_WIDGET (self)) >= SIDE_BY_SIDE_WIDTH;
  update_side_box (self);
  return G_SOURCE_REMOVE;
}

static void
jx_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  JxWindow *self = JX_WINDOW (widget);

  GTK_WIDGET_CLASS (jx_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* Not while allocating: switching changes the minimum size. */
  if ((width >= SIDE_BY_SIDE_WIDTH) != self->side_by_side && self->side_layout_id == 0)
    self->side_layout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_side_layout_cb, self, NULL);
}

static void
jx_window_class_init (JxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jx_window_dispose;
  object_class->finalize = jx_window_finalize;
  object_class->get_property = jx_window_get_property;
  object_class->set_property = jx_window_set_property;
  window_class->close_request = jx_window_close_request;
  widget_class->size_allocate = jx_window_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, JX_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVIEW_MODE] =
    g_param_spec_boolean ("review-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Exports (File → Export) add last year's values: the Export submenu's
   * check item, win.export-last-year. */
  properties[PROP_EXPORT_LAST_YEAR] =
    g_param_spec_boolean ("export-last-year", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JX_TYPE_DOCUMENT_FORM);
  g_type_ensure (JX_TYPE_PROJECT_FORM);
  g_type_ensure (JX_TYPE_INDICATOR_FORM);
  g_type_ensure (JX_TYPE_PROBLEMS_PANEL);
  g_type_ensure (JX_TYPE_COMMENTS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JxWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, row_filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, tree_view);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, document_form);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, unit_name_entry);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, project_form);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, indicator_form);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, problems_panel);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, comments_panel);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, comments_button);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, side_box);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, side_separator);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, total_status);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, counts_status);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, problems_status);
  gtk_widget_class_bind_template_child (widget_class, JxWindow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated_cb);

  jx_window_class_install_actions (klass);
  jx_window_class_install_review_actions (klass);
  jx_clipboard_install_actions (widget_class);
}

static void
jx_window_init (JxWindow *self)
{
  GtkListItemFactory *factory;
  GtkGesture *gesture;
  GtkEventController *shortcuts;
  GtkEventController *keys;
  GtkBuilder *builder;
  GSettings *settings;

  /* Before any row is bound (the tree view is in the template). */
  self->bound_rows = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->problems = jx_problem_set_new ();
  g_signal_connect_object (self->problems, "changed", G_CALLBACK (on_problems_changed_cb), self, 0);
  jx_project_form_set_problems (self->project_form, self->problems);

  self->root = g_list_store_new (JX_TYPE_DOCUMENT);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->root)),
                                              FALSE, FALSE, create_child_model, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));

  /* The context menu: right click on a row, or Menu / Shift+F10. */
  builder = gtk_builder_new_from_resource ("/org/jixiao/Jixiao/ui/jx-menus.ui");
  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (
    G_MENU_MODEL (gtk_builder_get_object (builder, "context_menu"))));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self->tree_view));
  gtk_menu_button_set_menu_model (self->menu_button,
                                  G_MENU_MODEL (gtk_builder_get_object (builder, "primary_menu")));
  g_object_unref (builder);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_tree_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), GTK_EVENT_CONTROLLER (gesture));

  /* Delete removes a row only from the tree; in an entry it deletes text. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                      gtk_named_action_new ("win.remove")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                      gtk_named_action_new ("win.context-menu")));
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), shortcuts);
  jx_clipboard_attach (self);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_tree_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), keys);
  /* A value to read, not to type into: no Tab stop. */
  gtk_label_set_selectable (self->total_status, FALSE);

  gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tree_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Document tree"), -1);

  settings = jx_application_get_settings (NULL);
  self->draft_delay_ms = DRAFT_DELAY_MS;
  self->draft_max_ms = 30 * 1000;
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      /* The preference is read at each change, so a new value counts at once. */
      g_signal_connect_object (settings, "changed::autosave-interval", G_CALLBACK (on_autosave_setting_cb),
                               self, G_CONNECT_SWAPPED);
      on_autosave_setting_cb (self);
      g_signal_connect_object (settings, "changed::show-last-year", G_CALLBACK (jx_window_hints_update),
                               self, G_CONNECT_SWAPPED);
    }

  add_overlay (self);

  g_object_bind_property (self->problems_button, "active", self->problems_panel, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->comments_button, "active", self->comments_panel, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->problems_button, "notify::active", G_CALLBACK (update_side_box), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comments_button, "notify::active", G_CALLBACK (update_side_box), self,
                           G_CONNECT_SWAPPED);
  update_side_box (self);
}

JxWindow *
jx_window_new (GtkApplication *application)
{
  JxWindow *self = g_object_new (JX_TYPE_WINDOW, "application", application, NULL);

  jx_window_new_document (self);
  return self;
}
