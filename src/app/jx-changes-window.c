/* jx-changes-window.c: what changed between another version and a window's table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-changes-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-changes-window.h"
#include "jx-diff.h"
#include "jx-model-private.h"

struct _JxChangesWindow
{
  GtkWindow      parent_instance;

  JxWindow      *parent;      /* weak */
  JxComparison  *comparison;
  JxDiff        *diff;        /* the comparison's */
  GPtrArray     *rows;        /* const JxChange *, in display order */
  GPtrArray     *lines;       /* their texts */
  GtkStringList *texts;       /* the lines the list shows so far */
  guint          fill_id;
  GtkLabel      *summary;
};

/* The list gets its lines a few at a time: each line is a wrapped label
 * the list measures as it makes its row (GTK 4.8 makes up to 200 at once),
 * a tenth of a second of text shaping for a long list, in one go. */
#define LINES_AT_ONCE 24
#define LINES_GAP_MS  10

G_DEFINE_FINAL_TYPE (JxChangesWindow, jx_changes_window, GTK_TYPE_WINDOW)

/* Where to go for @change in the window's table: the item, or for one that
 * was removed the item that held it, if it is still there. */
static JxNode *
place_of (JxChangesWindow *self,
          const JxChange  *change)
{
  JxDocument *document = self->parent ? jx_window_get_document (self->parent) : NULL;
  JxNode *node;

  if (document == NULL)
    return NULL;
  if (change->new_node != NULL)
    node = change->new_node;
  else if (change->kind != JX_DIFF_COMMENT)
    /* Its ghost row, while the window shows this comparison. */
    return jx_window_get_comparison (self->parent) == self->comparison ? change->old_node : NULL;
  else
    {
      JxNode *parent = jx_node_get_parent (change->old_node);
      node = parent && jx_node_get_id (parent) ? jx_document_lookup (document, jx_node_get_id (parent)) : NULL;
    }
  /* A comment is shown where it is. */
  if (node != NULL && JX_IS_ANNOTATION (node))
    {
      while (JX_IS_ANNOTATION (jx_node_get_parent (node)))
        node = jx_node_get_parent (node);
      node = jx_document_lookup (document, jx_annotation_get_target (JX_ANNOTATION (node)));
    }
  if (node != NULL && jx_node_get_document (node) != document)
    return NULL;
  return node;
}

void
jx_changes_window_activate_row (JxChangesWindow *self,
                                guint            position)
{
  JxNode *node;

  g_return_if_fail (JX_IS_CHANGES_WINDOW (self));
  g_return_if_fail (position < self->rows->len);

  node = place_of (self, g_ptr_array_index (self->rows, position));
  if (self->parent != NULL && node != NULL)
    jx_window_select_node (self->parent, node);
}

static void
on_activate_cb (GtkListView     *view,
                guint            position,
                JxChangesWindow *self)
{
  jx_changes_window_activate_row (self, position);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  GtkStringObject *text = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (text));
}

static void
add_rows (JxChangesWindow *self,
          gboolean         comments)
{
  guint n = comments ? jx_diff_get_n_comments (self->diff) : jx_diff_get_n_changes (self->diff);

  for (guint i = 0; i < n; i++)
    {
      const JxChange *change = comments ? jx_diff_get_comment (self->diff, i) : jx_diff_get_change (self->diff, i);
      g_autofree char *text = jx_change_describe (change);

      g_ptr_array_add (self->rows, (gpointer) change);
      g_ptr_array_add (self->lines, g_steal_pointer (&text));
    }
}

/* The next lines into the list; until all are there. */
static gboolean
fill_cb (gpointer data)
{
  JxChangesWindow *self = data;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->texts));
  guint n = MIN (LINES_AT_ONCE, self->lines->len - shown);
  g_autofree const char **more = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    more[i] = g_ptr_array_index (self->lines, shown + i);
  gtk_string_list_splice (self->texts, shown, 0, more);
  if (shown + n < self->lines->len)
    return G_SOURCE_CONTINUE;
  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

static void
jx_changes_window_map (GtkWidget *widget)
{
  JxChangesWindow *self = JX_CHANGES_WINDOW (widget);

  GTK_WIDGET_CLASS (jx_changes_window_parent_class)->map (widget);
  if (self->fill_id == 0 && g_list_model_get_n_items (G_LIST_MODEL (self->texts)) < self->lines->len)
    self->fill_id = g_timeout_add (LINES_GAP_MS, fill_cb, self);
}

static void
on_clear_cb (GtkButton       *button,
             JxChangesWindow *self)
{
  if (self->parent != NULL && jx_window_get_comparison (self->parent) == self->comparison)
    jx_window_set_comparison (self->parent, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

GtkWidget *
jx_changes_window_new (JxWindow     *parent,
                       JxComparison *comparison)
{
  JxChangesWindow *self;
  GtkWidget *box, *scrolled, *view, *header, *clear, *bar;
  const char *other_name;
  GtkListItemFactory *factory;
  g_autofree char *title = NULL;
  g_autofree char *in_table = NULL;
  g_autofree char *in_comments = NULL;
  g_autofree char *summary = NULL;
  guint n_changes, n_comments;

  g_return_val_if_fail (JX_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (JX_IS_COMPARISON (comparison), NULL);

  self = g_object_new (JX_TYPE_CHANGES_WINDOW, NULL);
  self->parent = parent;
  g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &self->parent);
  self->comparison = g_object_ref (comparison);
  self->diff = jx_comparison_get_diff (comparison);
  other_name = jx_comparison_get_other_name (comparison);
  self->rows = g_ptr_array_new ();
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->texts = gtk_string_list_new (NULL);
  add_rows (self, FALSE);
  add_rows (self, TRUE);
  /* The first lines now, the others once the window is on screen. */
  fill_cb (self);

  n_changes = jx_diff_get_n_changes (self->diff);
  n_comments = jx_diff_get_n_comments (self->diff);
  /* TRANSLATORS: the title of the list of changes; %s is the other file */
  title = g_strdup_printf (_("Changes since %s"), other_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (parent));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 480);

  if (jx_diff_is_empty (self->diff))
    summary = g_strdup_printf (_("No changes: this table is the same as %s."), other_name);
  else
    {
      in_table = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change in the table", "%u changes in the table",
                                               n_changes), n_changes);
      in_comments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in the comments", "%u in the comments",
                                                  n_comments), n_comments);
      /* TRANSLATORS: "From FILE to this window: 3 changes in the table, 1 in the comments." */
      summary = g_strdup_printf (_("From %s to this window: %s, %s. Activate a change to show it."),
                                 other_name, in_table, in_comments);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  header = gtk_label_new (summary);
  self->summary = GTK_LABEL (header);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->texts)))),
                            factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Changes"), -1);
  g_signal_connect (view, "activate", G_CALLBACK (on_activate_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  /* TRANSLATORS: the button that ends Compare With…: marks, struck-through rows and values beside fields go */
  clear = gtk_button_new_with_mnemonic (_("_Clear Comparison"));
  gtk_widget_set_tooltip_text (clear, _("Remove the marks, the removed rows and the other version’s values "
                                        "from the window"));
  g_signal_connect (clear, "clicked", G_CALLBACK (on_clear_cb), self);
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_bottom (bar, 12);
  gtk_box_append (GTK_BOX (bar), clear);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_window_set_child (GTK_WINDOW (self), box);
  return GTK_WIDGET (self);
}

guint
jx_changes_window_get_n_rows (JxChangesWindow *self)
{
  g_return_val_if_fail (JX_IS_CHANGES_WINDOW (self), 0);
  return self->rows->len;
}

guint
jx_changes_window_get_n_shown (JxChangesWindow *self)
{
  g_return_val_if_fail (JX_IS_CHANGES_WINDOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->texts));
}

const char *
jx_changes_window_get_row_text (JxChangesWindow *self,
                                guint            position)
{
  g_return_val_if_fail (JX_IS_CHANGES_WINDOW (self), NULL);
  g_return_val_if_fail (position < self->lines->len, NULL);
  return g_ptr_array_index (self->lines, position);
}

const char *
jx_changes_window_get_summary (JxChangesWindow *self)
{
  g_return_val_if_fail (JX_IS_CHANGES_WINDOW (self), NULL);
  return gtk_label_get_text (self->summary);
}

static void
jx_changes_window_dispose (GObject *object)
{
  JxChangesWindow *self = JX_CHANGES_WINDOW (object);

  if (self->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->parent), (gpointer *) &self->parent);
  self->parent = NULL;
  g_clear_handle_id (&self->fill_id, g_source_remove);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  self->diff = NULL;
  g_clear_object (&self->texts);
  g_clear_object (&self->comparison);
  G_OBJECT_CLASS (jx_changes_window_parent_class)->dispose (object);
}

static void
jx_changes_window_class_init (JxChangesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = jx_changes_window_dispose;
  GTK_WIDGET_CLASS (klass)->map = jx_changes_window_map;
}

static void
jx_changes_window_init (JxChangesWindow *self)
{
}
