/* jx-preferences.c: the Preferences window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-preferences.h"
#include "jx-template.h"

struct _JxPreferences
{
  GtkWindow      parent_instance;

  GSettings     *settings;
  GtkEntry      *reviewer;
  GtkSpinButton *interval;
  GtkDropDown   *template;
  GtkSwitch     *last_year;
  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (JxPreferences, jx_preferences, GTK_TYPE_WINDOW)

/* The template shown for @id: its name, then its id. */
static char *
template_title (const char *id)
{
  JxTemplate *template = jx_template_get_builtin (id, NULL);
  const char *name = template ? jx_template_get_label (template) : NULL;

  return name && *name ? g_strdup_printf ("%s (%s)", name, id) : g_strdup (id);
}

static void
sync_template (JxPreferences *self)
{
  g_autofree char *current = g_settings_get_string (self->settings, "default-template");
  const char * const *ids = jx_template_list_builtin ();

  self->syncing = TRUE;
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], current))
      gtk_drop_down_set_selected (self->template, i);
  self->syncing = FALSE;
}

static void
on_template_selected_cb (GtkDropDown   *dropdown,
                         GParamSpec    *pspec,
                         JxPreferences *self)
{
  const char * const *ids = jx_template_list_builtin ();
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || selected >= g_strv_length ((char **) ids))
    return;
  g_settings_set_string (self->settings, "default-template", ids[selected]);
}

GtkEditable *
jx_preferences_get_reviewer (JxPreferences *self)
{
  return GTK_EDITABLE (self->reviewer);
}

GtkSpinButton *
jx_preferences_get_interval (JxPreferences *self)
{
  return self->interval;
}

GtkDropDown *
jx_preferences_get_template (JxPreferences *self)
{
  return self->template;
}

GtkSwitch *
jx_preferences_get_last_year (JxPreferences *self)
{
  return self->last_year;
}

static void
jx_preferences_dispose (GObject *object)
{
  JxPreferences *self = JX_PREFERENCES (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jx_preferences_parent_class)->dispose (object);
}

static void
jx_preferences_class_init (JxPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = jx_preferences_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jx_preferences_init (JxPreferences *self)
{
}

/* A caption for @widget in @grid's @row, with its explanation below. */
static void
add_row (GtkGrid    *grid,
         int         row,
         const char *caption,
         const char *explanation,
         GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (caption);
  GtkWidget *note = gtk_label_new (explanation);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 48);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, note, NULL,
                                  -1);
  gtk_grid_attach (grid, label, 0, row * 2, 1, 1);
  gtk_grid_attach (grid, widget, 1, row * 2, 1, 1);
  gtk_grid_attach (grid, note, 1, row * 2 + 1, 1, 1);
}

GtkWidget *
jx_preferences_new (GtkWindow *parent,
                    GSettings *settings)
{
  JxPreferences *self = g_object_new (JX_TYPE_PREFERENCES,
                                      "title", _("Preferences"),
                                      "transient-for", parent,
                                      "modal", TRUE,
                                      "destroy-with-parent", TRUE,
                                      "resizable", FALSE,
                                      NULL);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  const char * const *ids = jx_template_list_builtin ();
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  self->settings = g_object_ref (settings);

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 24);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 24);

  self->reviewer = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->reviewer), TRUE);
  g_settings_bind (settings, "reviewer-name", self->reviewer, "text", G_SETTINGS_BIND_DEFAULT);
  add_row (grid, 0, _("_Reviewer name"),
           _("Written as the author of your comments and replies. Empty: asked for at your first comment."),
           GTK_WIDGET (self->reviewer));

  self->interval = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (5, 3600, 5));
  gtk_widget_set_halign (GTK_WIDGET (self->interval), GTK_ALIGN_START);
  g_settings_bind (settings, "autosave-interval", self->interval, "value", G_SETTINGS_BIND_DEFAULT);
  add_row (grid, 1, _("_Autosave within (seconds)"),
           _("Unsaved work goes into a recovery draft a few seconds after you stop typing, and never later "
             "than this after the first change."),
           GTK_WIDGET (self->interval));

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (titles, template_title (ids[i]));
  g_ptr_array_add (titles, NULL);
  self->template = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char * const *) titles->pdata));
  gtk_widget_set_halign (GTK_WIDGET (self->template), GTK_ALIGN_START);
  add_row (grid, 2, _("Default _template"),
           _("The kind of table (columns, funding sources, categories) that File → New offers first."),
           GTK_WIDGET (self->template));
  sync_template (self);
  g_signal_connect (self->template, "notify::selected", G_CALLBACK (on_template_selected_cb), self);
  g_signal_connect_object (settings, "changed::default-template", G_CALLBACK (sync_template), self,
                           G_CONNECT_SWAPPED);

  self->last_year = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->last_year), GTK_ALIGN_START);
  g_settings_bind (settings, "show-last-year", self->last_year, "active", G_SETTINGS_BIND_DEFAULT);
  add_row (grid, 3, _("Show _last year’s values"),
           _("Beside each value, in grey, what last year’s table said (上年)."),
           GTK_WIDGET (self->last_year));

  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (grid));
  return GTK_WIDGET (self);
}
