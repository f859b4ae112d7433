/* jx-field.c: two-way bindings of form widgets to model properties
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-field"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-edit.h"
#include "jx-field.h"
#include "jx-window-private.h"

typedef struct
{
  GtkWidget  *widget;     /* unowned: the binding lives in its data */
  JxDocument *document;
  GObject    *object;
  char       *property;
  gulong      notify_id;
  gboolean    syncing;
} Field;

static void
field_unbind (Field *field)
{
  if (field->object != NULL)
    g_clear_signal_handler (&field->notify_id, field->object);
  g_clear_object (&field->object);
  g_clear_object (&field->document);
  g_clear_pointer (&field->property, g_free);
}

static void
field_free (gpointer data)
{
  Field *field = data;

  field_unbind (field);
  g_free (field);
}

static char *
field_get_model_text (Field *field)
{
  char *value = NULL;

  g_object_get (field->object, field->property, &value, NULL);
  return value;
}

static char *
field_get_widget_text (Field *field)
{
  if (GTK_IS_EDITABLE (field->widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
}

static void
field_set_widget_text (Field      *field,
                       const char *text)
{
  field->syncing = TRUE;
  if (GTK_IS_EDITABLE (field->widget))
    gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget)), text, -1);
  field->syncing = FALSE;
}

static void
field_model_to_widget (Field *field)
{
  g_autofree char *model = NULL;
  g_autofree char *shown = NULL;

  if (field->object == NULL)
    {
      field_set_widget_text (field, "");
      return;
    }
  model = field_get_model_text (field);
  shown = field_get_widget_text (field);
  if (g_strcmp0 (model, shown) != 0)
    field_set_widget_text (field, model ? model : "");
}

static void
on_model_notify_cb (GObject    *object,
                    GParamSpec *pspec,
                    Field      *field)
{
  if (!field->syncing)
    field_model_to_widget (field);
}

static gboolean
restore_widget_cb (gpointer data)
{
  g_autoptr(GtkWidget) widget = data;
  Field *field = g_object_get_data (G_OBJECT (widget), "jx-field");

  if (field != NULL)
    field_model_to_widget (field);
  return G_SOURCE_REMOVE;
}

/* A text longer than a document can hold (a paste of a whole book): the
 * field goes back to what the document holds, and the window says why;
 * what was pasted is still on the clipboard. */
static void
refuse_text (Field      *field,
             const char *message)
{
  GtkRoot *root = gtk_widget_get_root (field->widget);

  /* Not while the widget is telling of its change. */
  g_idle_add (restore_widget_cb, g_object_ref (field->widget));
  gtk_widget_error_bell (field->widget);
  if (JX_IS_WINDOW (root))
    jx_window_show_error (JX_WINDOW (root), _("The text is too long"), message);
}

static void
on_widget_changed_cb (gpointer  instance,
                      Field    *field)
{
  g_autofree char *model = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;

  if (field->syncing || field->object == NULL || field->document == NULL)
    return;
  /* A node removed from the document (undo of its insertion) is no longer
   * edited: the window rebinds the form, this only guards the gap. */
  if (jx_node_get_document (JX_NODE (field->object)) == NULL && !JX_IS_DOCUMENT (field->object))
    return;

  model = field_get_model_text (field);
  shown = field_get_widget_text (field);
  if (g_strcmp0 (model, shown) == 0)
    return;

  field->syncing = TRUE;
  if (!jx_edit_set_text (field->document, field->object, field->property, shown, &error))
    refuse_text (field, error->message);
  field->syncing = FALSE;
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   Field                   *field)
{
  if (field->document != NULL)
    jx_history_break_merge (jx_document_get_history (field->document));
}

static Field *
field_get (GtkWidget *widget)
{
  Field *field = g_object_get_data (G_OBJECT (widget), "jx-field");
  GtkEventController *focus;

  if (field != NULL)
    return field;

  field = g_new0 (Field, 1);
  field->widget = widget;
  g_object_set_data_full (G_OBJECT (widget), "jx-field", field, field_free);

  if (GTK_IS_EDITABLE (widget))
    {
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
      g_signal_connect (widget, "changed", G_CALLBACK (on_widget_changed_cb), field);
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));

      gtk_text_buffer_set_enable_undo (buffer, FALSE);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_widget_changed_cb), field);
    }

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), field);
  gtk_widget_add_controller (widget, focus);
  return field;
}

static void
field_bind (GtkWidget  *widget,
            JxDocument *document,
            gpointer    object,
            const char *property)
{
  Field *field = field_get (widget);
  g_autofree char *signal = NULL;

  if (field->object == object && field->document == document
      && g_strcmp0 (field->property, property) == 0)
    {
      field_model_to_widget (field);
      return;
    }

  /* Leaving one node for another ends the merge of typing. */
  if (field->document != NULL)
    jx_history_break_merge (jx_document_get_history (field->document));

  field_unbind (field);
  if (object != NULL && document != NULL)
    {
      field->document = g_object_ref (document);
      field->object = g_object_ref (object);
      field->property = g_strdup (property);
      signal = g_strconcat ("notify::", property, NULL);
      field->notify_id = g_signal_connect (object, signal, G_CALLBACK (on_model_notify_cb), field);
    }
  field_model_to_widget (field);
}

void
jx_field_bind_editable (GtkEditable *editable,
                        JxDocument  *document,
                        gpointer     object,
                        const char  *property)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  field_bind (GTK_WIDGET (editable), document, object, property);
}

void
jx_field_bind_text_view (GtkTextView *view,
                         JxDocument  *document,
                         gpointer     object,
                         const char  *property)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  field_bind (GTK_WIDGET (view), document, object, property);
}
