/* jx-toast.c: a short message over the window, with one button or a spinner
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-toast"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-toast.h"

/* Long enough to read a sentence and reach for the button. */
#define TOAST_SECONDS 8

struct _JxToast
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkSpinner  *spinner;
  GtkLabel    *label;
  GtkButton   *button;
  GtkButton   *close_button;
  guint        timeout_id;
};

G_DEFINE_FINAL_TYPE (JxToast, jx_toast, GTK_TYPE_WIDGET)

static gboolean
timeout_cb (gpointer data)
{
  JxToast *self = data;

  self->timeout_id = 0;
  jx_toast_dismiss (self);
  return G_SOURCE_REMOVE;
}

static void
on_button_clicked_cb (GtkButton *button,
                      JxToast   *self)
{
  /* The button's action runs too (it is the button's action-name). */
  jx_toast_dismiss (self);
}

static void
on_child_revealed_cb (GtkRevealer *revealer,
                      GParamSpec  *pspec,
                      JxToast     *self)
{
  /* Hidden, it takes no clicks meant for what is beneath. */
  if (!gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
jx_toast_dismiss (JxToast *self)
{
  g_return_if_fail (JX_IS_TOAST (self));
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

static void
show (JxToast    *self,
      const char *message)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  gtk_label_set_text (self->label, message);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  /* Screen readers announce it like a status message. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
}

void
jx_toast_show (JxToast    *self,
               const char *message,
               const char *button_label,
               const char *action_name)
{
  g_return_if_fail (JX_IS_TOAST (self));

  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->button), button_label != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), TRUE);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
    }
  show (self, message);
  self->timeout_id = g_timeout_add_seconds (TOAST_SECONDS, timeout_cb, self);
}

void
jx_toast_show_progress (JxToast    *self,
                        const char *message)
{
  g_return_if_fail (JX_IS_TOAST (self));

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), FALSE);
  show (self, message);
}

gboolean
jx_toast_is_shown (JxToast *self)
{
  g_return_val_if_fail (JX_IS_TOAST (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self)) && gtk_revealer_get_reveal_child (self->revealer);
}

const char *
jx_toast_get_message (JxToast *self)
{
  g_return_val_if_fail (JX_IS_TOAST (self), NULL);
  return gtk_label_get_text (self->label);
}

GtkWidget *
jx_toast_get_button (JxToast *self)
{
  g_return_val_if_fail (JX_IS_TOAST (self), NULL);
  return GTK_WIDGET (self->button);
}

static void
jx_toast_dispose (GObject *object)
{
  JxToast *self = JX_TOAST (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }
  G_OBJECT_CLASS (jx_toast_parent_class)->dispose (object);
}

static void
jx_toast_class_init (JxToastClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_toast_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jx-toast");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
jx_toast_init (JxToast *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  g_signal_connect (self->revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed_cb), self);

  gtk_widget_add_css_class (box, "app-notification");
  gtk_widget_add_css_class (box, "jx-toast");
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_max_width_chars (self->label, 50);
  gtk_label_set_xalign (self->label, 0);
  self->button = GTK_BUTTON (gtk_button_new_with_mnemonic (""));
  gtk_button_set_use_underline (self->button, TRUE);
  g_signal_connect (self->button, "clicked", G_CALLBACK (on_button_clicked_cb), self);
  self->close_button = GTK_BUTTON (gtk_button_new_from_icon_name ("window-close-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->close_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_button), _("Close"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->close_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Close"), -1);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (jx_toast_dismiss), self);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->close_button), GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->close_button));
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
jx_toast_new (void)
{
  return g_object_new (JX_TYPE_TOAST, NULL);
}
