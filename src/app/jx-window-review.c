/* jx-window-review.c: the reviewer's side of the window: review mode, comments on fields and their marks, the tree's row filter, funding units, exporting the comments
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-window-review"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-amount-entry.h"
#include "jx-dialogs.h"
#include "jx-edit.h"
#include "jx-field.h"
#include "jx-file-dialogs.h"
#include "jx-review.h"
#include "jx-window-private.h"

/* The icon of a field's comment mark: the one of the comments panel's button. */
#define MARK_ICON "user-available-symbolic"

/* ----------------------------------------------------- fields of widgets */

const char *
jx_window_field_of_widget (GtkWidget *widget)
{
  if (JX_IS_AMOUNT_ENTRY (widget))
    return jx_amount_entry_get_field (JX_AMOUNT_ENTRY (widget));
  return jx_field_get_bound_property (widget);
}

/* The field of the form widget that has the focus (or holds it), or NULL. */
static const char *
focused_field (JxWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->stack); w = gtk_widget_get_parent (w))
    {
      const char *field = jx_window_field_of_widget (w);

      if (field != NULL)
        return gtk_widget_is_ancestor (w, GTK_WIDGET (self->stack)) ? field : NULL;
    }
  return NULL;
}

/* ------------------------------------------------------------ review mode */

/* Figures and texts are read-only: entries stop taking text (they still
 * take the focus, so a field can be commented on), switches, dropdowns and
 * spin buttons stop taking clicks. Buttons bound to actions follow their
 * actions (jx_window_update_actions()). What a widget was before it was
 * locked (a derived total is never editable) is kept and given back. */
static gboolean
widget_enabled (GtkWidget *widget)
{
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_SPIN_BUTTON (widget))
    return gtk_editable_get_editable (GTK_EDITABLE (widget));
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
  return gtk_widget_get_sensitive (widget);
}

static void
widget_set_enabled (GtkWidget *widget,
                    gboolean   enabled)
{
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_SPIN_BUTTON (widget))
    gtk_editable_set_editable (GTK_EDITABLE (widget), enabled);
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), enabled);
  else
    gtk_widget_set_sensitive (widget, enabled);
}

static void
lock_widgets (GtkWidget *widget,
              gboolean   locked)
{
  if (GTK_IS_ACTIONABLE (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL)
    return;
  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget)
      || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_BUTTON (widget)
      || GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget))
    {
      gpointer saved = g_object_get_data (G_OBJECT (widget), "jx-review-saved");

      if (locked)
        {
          /* Saved once; locked again if a form enabled it meanwhile. */
          if (saved == NULL)
            g_object_set_data (G_OBJECT (widget), "jx-review-saved", GINT_TO_POINTER (1 + widget_enabled (widget)));
          if (widget_enabled (widget))
            widget_set_enabled (widget, FALSE);
        }
      else if (saved != NULL)
        {
          widget_set_enabled (widget, GPOINTER_TO_INT (saved) - 1);
          g_object_set_data (G_OBJECT (widget), "jx-review-saved", NULL);
        }
      return;
    }
  /* The project form's list of indicators is for going to them. */
  if (GTK_IS_LIST_VIEW (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lock_widgets (child, locked);
}

gboolean
jx_window_get_review_mode (JxWindow *self)
{
  g_return_val_if_fail (JX_IS_WINDOW (self), FALSE);
  return self->review_mode;
}

void
jx_window_set_review_mode (JxWindow *self,
                           gboolean  review_mode)
{
  g_return_if_fail (JX_IS_WINDOW (self));

  review_mode = !!review_mode;
  if (self->review_mode == review_mode)
    return;
  self->review_mode = review_mode;
  if (!review_mode)
    lock_widgets (GTK_WIDGET (self->stack), FALSE);
  jx_window_review_update (self);
  jx_window_update_actions (self);
  jx_window_set_banner (self, review_mode
                              ? _("Review mode: figures and texts are read-only; comments can be added, "
                                  "answered and resolved (Ctrl+Alt+M comments on the field being edited).")
                              : NULL);
  g_object_notify (G_OBJECT (self), "review-mode");
}

/* -------------------------------------------------------- field marks */

static char *
place_key (const char *target,
           const char *field)
{
  return g_strconcat (target, "\x1f", field, NULL);
}

/* target id + field → number of open comments there. */
static GHashTable *
count_open_comments (JxDocument *document)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *annotations = jx_document_get_annotations (document);

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);
      char *key;

      if (jx_annotation_get_resolved (annotation))
        continue;
      key = place_key (jx_annotation_get_target (annotation), jx_annotation_get_field (annotation));
      g_hash_table_insert (counts, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }
  return counts;
}

static GMenuModel *
field_menu (void)
{
  static GMenu *menu;

  if (menu == NULL)
    {
      menu = g_menu_new ();
      g_menu_append (menu, _("Comment on This Field"), "win.comment-field");
    }
  return G_MENU_MODEL (menu);
}

static void
on_mark_pressed_cb (GtkEntry             *entry,
                    GtkEntryIconPosition  position,
                    JxWindow             *self)
{
  GtkWidget *owner = g_object_get_data (G_OBJECT (entry), "jx-mark-owner");
  const char *field = jx_window_field_of_widget (owner);

  if (position != GTK_ENTRY_ICON_SECONDARY || field == NULL || self->shown == NULL)
    return;
  gtk_toggle_button_set_active (self->comments_button, TRUE);
  jx_comments_panel_show_comments_on (self->comments_panel, self->shown, field);
}

static void
mark_widget (JxWindow   *self,
             GtkWidget  *widget,
             const char *field,
             guint       count)
{
  GtkWidget *target = widget;
  g_autofree char *tooltip = count > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open comment on this field (click to show)",
                                    "%u open comments on this field (click to show)", count), count)
    : NULL;

  if (JX_IS_AMOUNT_ENTRY (widget))
    target = GTK_WIDGET (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (widget)));

  if (GTK_IS_ENTRY (target))
    {
      if (g_object_get_data (G_OBJECT (target), "jx-mark-owner") == NULL)
        {
          g_object_set_data (G_OBJECT (target), "jx-mark-owner", widget);
          g_signal_connect_object (target, "icon-press", G_CALLBACK (on_mark_pressed_cb), self, 0);
          gtk_entry_set_extra_menu (GTK_ENTRY (target), field_menu ());
        }
      gtk_entry_set_icon_from_icon_name (GTK_ENTRY (target), GTK_ENTRY_ICON_SECONDARY,
                                         count > 0 ? MARK_ICON : NULL);
      if (count > 0)
        {
          gtk_entry_set_icon_tooltip_text (GTK_ENTRY (target), GTK_ENTRY_ICON_SECONDARY, tooltip);
          gtk_entry_set_icon_activatable (GTK_ENTRY (target), GTK_ENTRY_ICON_SECONDARY, TRUE);
        }
    }
  else if (GTK_IS_TEXT_VIEW (target))
    {
      gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (target), field_menu ());
      /* No room for an icon in a text view: its frame is marked instead. */
      if (count > 0)
        gtk_widget_add_css_class (target, "jx-commented");
      else
        gtk_widget_remove_css_class (target, "jx-commented");
      gtk_widget_set_tooltip_text (target, tooltip);
    }
  g_object_set_data (G_OBJECT (widget), "jx-open-comments", GUINT_TO_POINTER (count));
}

static void
mark_fields (JxWindow   *self,
             GtkWidget  *widget,
             const char *target,
             GHashTable *counts)
{
  const char *field = jx_window_field_of_widget (widget);

  if (field != NULL)
    {
      g_autofree char *key = place_key (target, field);

      mark_widget (self, widget, field, GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    mark_fields (self, child, target, counts);
}

void
jx_window_review_update (JxWindow *self)
{
  g_autoptr(GHashTable) counts = NULL;
  GtkWidget *page;

  if (self->document == NULL)
    return;
  if (self->review_mode)
    lock_widgets (GTK_WIDGET (self->stack), TRUE);
  page = gtk_stack_get_visible_child (self->stack);
  if (page == NULL || self->shown == NULL)
    return;
  counts = count_open_comments (self->document);
  mark_fields (self, page, JX_IS_DOCUMENT (self->shown) ? "" : jx_node_get_id (self->shown), counts);
}

GtkWidget *
jx_window_find_field_widget (JxWindow   *self,
                             const char *field)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  GtkWidget *w = page;

  /* Depth-first, the same walk as mark_fields(). */
  while (w != NULL)
    {
      const char *here = jx_window_field_of_widget (w);

      if (here != NULL && g_str_equal (here, field))
        return w;
      if (here == NULL && gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != page && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == page) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

guint
jx_window_get_field_mark (JxWindow   *self,
                          const char *field,
                          GtkWidget **entry)
{
  GtkWidget *w = jx_window_find_field_widget (self, field);

  if (entry != NULL)
    *entry = w == NULL ? NULL
             : JX_IS_AMOUNT_ENTRY (w) ? GTK_WIDGET (jx_amount_entry_get_editable (JX_AMOUNT_ENTRY (w))) : w;
  return w != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "jx-open-comments")) : 0;
}

static void
comment_field_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  const char *field = focused_field (self);
  JxNode *node = self->shown ? self->shown : JX_NODE (self->document);

  if (node == NULL)
    return;
  gtk_toggle_button_set_active (self->comments_button, TRUE);
  jx_comments_panel_comment_on (self->comments_panel, node, field);
}

/* ---------------------------------------------------------- row filter */

GHashTable *
jx_window_open_comment_targets (JxWindow *self)
{
  GHashTable *targets = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *annotations = jx_document_get_annotations (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);

      /* The strings belong to the annotations, which the document keeps. */
      if (!jx_annotation_get_resolved (annotation))
        g_hash_table_add (targets, (gpointer) jx_annotation_get_target (annotation));
    }
  return targets;
}

GHashTable *
jx_window_row_filter_ids (JxWindow *self)
{
  switch (gtk_drop_down_get_selected (self->row_filter_dropdown))
    {
    case JX_ROW_FILTER_OPEN_COMMENTS:
      {
        g_autoptr(GHashTable) open = jx_window_open_comment_targets (self);
        GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        GHashTableIter iter;
        gpointer key;

        /* Copies: the annotations may go before the next comparison. */
        g_hash_table_iter_init (&iter, open);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          g_hash_table_add (ids, g_strdup (key));
        return ids;
      }
    case JX_ROW_FILTER_PROBLEMS:
      return jx_problem_set_dup_targets (self->problems);
    default:
      return NULL;
    }
}

void
jx_window_set_row_filter (JxWindow *self,
                          guint     filter)
{
  g_return_if_fail (JX_IS_WINDOW (self));
  gtk_drop_down_set_selected (self->row_filter_dropdown, filter);
}

/* ------------------------------------------------------- funding units */

static JxFundingUnit *
current_unit (JxWindow *self)
{
  if (JX_IS_FUNDING_UNIT (self->shown))
    return JX_FUNDING_UNIT (self->shown);
  if (JX_IS_PROJECT (self->shown))
    return jx_project_get_unit (JX_PROJECT (self->shown));
  if (JX_IS_INDICATOR (self->shown))
    return jx_project_get_unit (jx_indicator_get_project (JX_INDICATOR (self->shown)));
  return NULL;
}

static void
add_unit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxFundingUnit *after = current_unit (self);
  guint position = g_list_model_get_n_items (jx_document_get_units (self->document));
  JxFundingUnit *unit;

  if (after != NULL && jx_node_get_position (JX_NODE (after), &position))
    position++;
  self->need_full = TRUE;
  unit = jx_edit_add_unit (self->document, position, _("New funding unit"));
  jx_window_select_node (self, JX_NODE (unit));
  jx_window_focus_field (self, "name");
}

static void
rename_unit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxFundingUnit *unit = current_unit (self);

  if (unit == NULL)
    return;
  jx_window_select_node (self, JX_NODE (unit));
  jx_window_focus_field (self, "name");
  gtk_editable_select_region (GTK_EDITABLE (self->unit_name_entry), 0, -1);
}

typedef struct
{
  JxWindow      *window;
  JxFundingUnit *unit;
} UnitJob;

static void
unit_job_free (gpointer data)
{
  UnitJob *job = data;

  g_object_unref (job->window);
  g_object_unref (job->unit);
  g_free (job);
}

enum { REMOVE_CANCEL = 1, REMOVE_UNIT = 2 };

static void
remove_unit_now (JxWindow      *self,
                 JxFundingUnit *unit)
{
  if (jx_node_get_document (JX_NODE (unit)) != self->document)
    return;
  self->need_full = TRUE;
  /* One undo step: the unit with its projects and their indicators. */
  jx_edit_remove (self->document, JX_NODE (unit));
  jx_window_select_node (self, JX_NODE (self->document));
}

static void
on_remove_unit_response_cb (int      response,
                            gpointer data)
{
  UnitJob *job = data;

  if (response == REMOVE_UNIT)
    remove_unit_now (job->window, job->unit);
}

void
jx_window_remove_unit (JxWindow      *self,
                       JxFundingUnit *unit)
{
  guint n_projects = g_list_model_get_n_items (jx_funding_unit_get_projects (unit));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  UnitJob *job;
  const JxDialogButton buttons[] = {
    { REMOVE_CANCEL, _("_Cancel"), JX_DIALOG_BUTTON_NORMAL },
    { REMOVE_UNIT, _("_Remove Unit and Projects"), JX_DIALOG_BUTTON_DESTRUCTIVE },
  };

  if (n_projects == 0)
    {
      remove_unit_now (self, unit);
      return;
    }
  heading = g_strdup_printf (_("Remove “%s” and its projects?"), jx_funding_unit_get_name (unit));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The funding unit holds %u project, which is removed with it "
                                       "(with its indicators and amounts). Undo brings all of it back.",
                                       "The funding unit holds %u projects, which are removed with it "
                                       "(with their indicators and amounts). Undo brings all of it back.",
                                       n_projects), n_projects);
  job = g_new0 (UnitJob, 1);
  job->window = g_object_ref (self);
  job->unit = g_object_ref (unit);
  jx_dialog_ask (GTK_WINDOW (self), heading, body, buttons, G_N_ELEMENTS (buttons),
                 REMOVE_CANCEL, REMOVE_CANCEL, on_remove_unit_response_cb, job, unit_job_free);
}

static void
remove_unit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);

  if (JX_IS_FUNDING_UNIT (self->shown))
    jx_window_remove_unit (self, JX_FUNDING_UNIT (self->shown));
}

static void
move_unit (JxWindow *self,
           int       delta)
{
  JxFundingUnit *unit = JX_IS_FUNDING_UNIT (self->shown) ? JX_FUNDING_UNIT (self->shown) : NULL;
  guint position, n = g_list_model_get_n_items (jx_document_get_units (self->document));

  if (unit == NULL || !jx_node_get_position (JX_NODE (unit), &position)
      || (delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;
  self->need_full = TRUE;
  jx_edit_move (self->document, JX_NODE (unit), JX_NODE (self->document), position + delta);
  jx_window_select_node (self, JX_NODE (unit));
}

static void
move_unit_up_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  move_unit (JX_WINDOW (widget), -1);
}

static void
move_unit_down_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  move_unit (JX_WINDOW (widget), +1);
}

/* Where dropping @node on @target puts it: a project on a funding unit
 * goes to the end of it, an indicator on a project to the end of its
 * indicators; on an item of its own kind (a project, an indicator, a
 * unit), just before it, in that item's parent. FALSE when that is no
 * move: another kind, itself, the place it is in, an item of a compared
 * version (a ghost row), a read-only table or review mode. */
static gboolean
drop_place (JxWindow *self,
            JxNode   *node,
            JxNode   *target,
            JxNode  **parent,
            guint    *position)
{
  guint old_position = 0, n;

  if (self->document == NULL || jx_document_is_read_only (self->document) || self->review_mode
      || node == NULL || target == NULL || node == target
      || jx_node_get_document (node) != self->document || jx_node_get_document (target) != self->document
      || !jx_node_get_position (node, &old_position))
    return FALSE;
  if ((JX_IS_PROJECT (node) && JX_IS_FUNDING_UNIT (target)) || (JX_IS_INDICATOR (node) && JX_IS_PROJECT (target)))
    {
      *parent = target;
      n = g_list_model_get_n_items (jx_node_get_children (target, G_OBJECT_TYPE (node)));
      *position = jx_node_get_parent (node) == target ? n - 1 : n;
    }
  else if (G_OBJECT_TYPE (node) == G_OBJECT_TYPE (target) && !JX_IS_DOCUMENT (node)
           && jx_node_get_position (target, position))
    {
      *parent = jx_node_get_parent (target);
      /* Positions count without the node: one less when it was before. */
      if (jx_node_get_parent (node) == *parent && old_position < *position)
        (*position)--;
    }
  else
    return FALSE;
  return jx_node_get_parent (node) != *parent || old_position != *position;
}

gboolean
jx_window_can_drop (JxWindow *self,
                    JxNode   *node,
                    JxNode   *target)
{
  JxNode *parent;
  guint position;

  g_return_val_if_fail (JX_IS_WINDOW (self), FALSE);
  return drop_place (self, node, target, &parent, &position);
}

gboolean
jx_window_drop_node (JxWindow *self,
                     JxNode   *node,
                     JxNode   *target)
{
  g_autoptr(JxNode) moved = NULL;
  JxNode *parent;
  guint position;

  g_return_val_if_fail (JX_IS_WINDOW (self), FALSE);
  if (!drop_place (self, node, target, &parent, &position))
    return FALSE;
  moved = g_object_ref (node);
  self->need_full = TRUE;
  /* One undo step, with the node's id (its comments stay attached). */
  jx_edit_move (self->document, moved, parent, position);
  jx_window_select_node (self, moved);
  return TRUE;
}

/* Moves the shown project to the end of the unit with id @parameter: the
 * same move as dropping it on the unit in the tree. */
static void
move_to_unit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxNode *unit = jx_document_lookup (self->document, g_variant_get_string (parameter, NULL));

  if (JX_IS_FUNDING_UNIT (unit) && JX_IS_PROJECT (self->shown) && jx_node_get_parent (self->shown) != unit)
    jx_window_drop_node (self, self->shown, unit);
}

typedef struct
{
  JxWindow  *window;
  JxProject *project;
  GPtrArray *units;     /* JxFundingUnit i answers MOVE_CANCEL + i + 1 */
} MoveJob;

enum { MOVE_CANCEL = 1 };

static void
move_job_free (gpointer data)
{
  MoveJob *job = data;

  g_object_unref (job->window);
  g_object_unref (job->project);
  g_ptr_array_unref (job->units);
  g_free (job);
}

static void
on_move_to_unit_response_cb (int      response,
                             gpointer data)
{
  MoveJob *job = data;
  JxFundingUnit *unit;

  if (response <= MOVE_CANCEL || (guint) (response - MOVE_CANCEL) > job->units->len
      || jx_node_get_document (JX_NODE (job->project)) != job->window->document)
    return;
  unit = g_ptr_array_index (job->units, response - MOVE_CANCEL - 1);
  jx_window_select_node (job->window, JX_NODE (job->project));
  gtk_widget_activate_action (GTK_WIDGET (job->window), "win.move-project-to",
                              "s", jx_node_get_id (JX_NODE (unit)));
}

/* "Move to Unit…": one button per other funding unit. */
static void
move_to_unit_ask_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  GListModel *units = jx_document_get_units (self->document);
  g_autoptr(GArray) buttons = g_array_new (FALSE, TRUE, sizeof (JxDialogButton));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *heading = NULL;
  JxDialogButton cancel = { MOVE_CANCEL, _("_Cancel"), JX_DIALOG_BUTTON_NORMAL };
  MoveJob *job;

  if (!JX_IS_PROJECT (self->shown))
    return;
  job = g_new0 (MoveJob, 1);
  job->window = g_object_ref (self);
  job->project = g_object_ref (JX_PROJECT (self->shown));
  job->units = g_ptr_array_new_with_free_func (g_object_unref);
  g_array_append_val (buttons, cancel);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      JxFundingUnit *unit = g_list_model_get_item (units, i);
      JxDialogButton button = { 0, NULL, JX_DIALOG_BUTTON_NORMAL };

      if (unit == jx_project_get_unit (job->project))
        {
          g_object_unref (unit);
          continue;
        }
      g_ptr_array_add (job->units, unit);
      /* Names are data: no mnemonic underscore taken from them. */
      g_ptr_array_add (labels, g_strdup (jx_funding_unit_get_name (unit)));
      button.response = MOVE_CANCEL + (int) job->units->len;
      g_array_append_val (buttons, button);
    }
  for (guint i = 1; i < buttons->len; i++)
    g_array_index (buttons, JxDialogButton, i).label = g_ptr_array_index (labels, i - 1);
  heading = g_strdup_printf (_("Move “%s” to which funding unit?"), jx_project_get_name (job->project));
  jx_dialog_ask (GTK_WINDOW (self), heading,
                 job->units->len > 0
                 ? _("The project goes to the end of the unit you choose, with its indicators and comments.")
                 : _("The table has no other funding unit. Add one first (Add Funding Unit)."),
                 (const JxDialogButton *) buttons->data, buttons->len, MOVE_CANCEL, MOVE_CANCEL,
                 on_move_to_unit_response_cb, job, move_job_free);
}

void
jx_window_review_update_actions (JxWindow *self)
{
  gboolean editable = !jx_document_is_read_only (self->document) && !self->review_mode;
  JxFundingUnit *unit = JX_IS_FUNDING_UNIT (self->shown) ? JX_FUNDING_UNIT (self->shown) : NULL;
  guint position = 0, n_units = g_list_model_get_n_items (jx_document_get_units (self->document));
  gboolean placed = unit != NULL && jx_node_get_position (JX_NODE (unit), &position);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-unit", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-unit", editable && current_unit (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-unit", editable && placed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-unit-up", editable && placed && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-unit-down",
                                 editable && placed && position + 1 < n_units);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-to-unit",
                                 editable && JX_IS_PROJECT (self->shown) && n_units > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-project-to", editable && JX_IS_PROJECT (self->shown));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.comment-field",
                                 !jx_document_is_read_only (self->document));
  if (self->review_mode)
    {
      /* Comments only: nothing that adds, removes, moves or pastes rows. */
      static const char * const blocked[] = {
        "win.add-project", "win.add-indicator", "win.remove", "win.duplicate",
        "win.move-up", "win.move-down", "win.paste-rows",
      };

      for (guint i = 0; i < G_N_ELEMENTS (blocked); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), blocked[i], FALSE);
    }
}

/* --------------------------------------------------------------- setup */

void
jx_window_class_install_review_actions (JxWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_property_action (widget_class, "win.review-mode", "review-mode");
  gtk_widget_class_install_action (widget_class, "win.comment-field", NULL, comment_field_action);
  gtk_widget_class_install_action (widget_class, "win.add-unit", NULL, add_unit_action);
  gtk_widget_class_install_action (widget_class, "win.rename-unit", NULL, rename_unit_action);
  gtk_widget_class_install_action (widget_class, "win.remove-unit", NULL, remove_unit_action);
  gtk_widget_class_install_action (widget_class, "win.move-unit-up", NULL, move_unit_up_action);
  gtk_widget_class_install_action (widget_class, "win.move-unit-down", NULL, move_unit_down_action);
  gtk_widget_class_install_action (widget_class, "win.move-to-unit", NULL, move_to_unit_ask_action);
  gtk_widget_class_install_action (widget_class, "win.move-project-to", "s", move_to_unit_action);
}
