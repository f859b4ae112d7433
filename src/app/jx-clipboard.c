/* jx-clipboard.c: Copy Rows and Paste Rows in the document tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-clipboard"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-clipboard.h"
#include "jx-rows.h"
#include "jx-window-private.h"

/* Paste findings listed in the bar; the rest are counted. */
#define MAX_LISTED 8

#define BAR_KEY "jx-clipboard-bar"

/* The message bar is a box styled like the window's banner (GtkInfoBar is
 * deprecated in GTK 4.10): the text, and a button that hides it. */
static GtkWidget *
message_bar (JxWindow *self)
{
  return g_object_get_data (G_OBJECT (self), BAR_KEY);
}

static void
on_bar_close_cb (GtkWidget *bar)
{
  gtk_widget_set_visible (bar, FALSE);
}

/* The message is about the paste: the next change (an undo of it, an
 * edit, another document) makes it stale. */
static void
on_document_changed_cb (GtkWidget *bar)
{
  JxDocument *document = g_object_get_data (G_OBJECT (bar), "document");

  if (document != NULL)
    g_signal_handlers_disconnect_by_func (document, on_document_changed_cb, bar);
  g_object_set_data (G_OBJECT (bar), "document", NULL);
  gtk_widget_set_visible (GTK_WIDGET (bar), FALSE);
}

static void
show_message (JxWindow       *self,
              GtkMessageType  type,
              const char     *text)
{
  GtkWidget *bar = message_bar (self);
  GtkLabel *label = g_object_get_data (G_OBJECT (bar), "label");
  JxDocument *document = g_object_get_data (G_OBJECT (bar), "document");
  const char *style = type == GTK_MESSAGE_ERROR ? "error" : type == GTK_MESSAGE_WARNING ? "warning" : "info";

  if (document != NULL)
    g_signal_handlers_disconnect_by_func (document, on_document_changed_cb, bar);
  g_object_set_data_full (G_OBJECT (bar), "document", g_object_ref (self->document), g_object_unref);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (on_document_changed_cb), bar,
                           G_CONNECT_SWAPPED);
  gtk_widget_remove_css_class (bar, "error");
  gtk_widget_remove_css_class (bar, "warning");
  gtk_widget_remove_css_class (bar, "info");
  gtk_widget_add_css_class (bar, style);
  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text);
  gtk_widget_set_visible (bar, TRUE);
}

const char *
jx_clipboard_get_message (JxWindow *self)
{
  GtkWidget *bar = message_bar (self);

  if (bar == NULL || !gtk_widget_get_visible (bar))
    return NULL;
  return gtk_label_get_text (g_object_get_data (G_OBJECT (bar), "label"));
}

/* ------------------------------------------------------------------ copy */

static void
copy_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxNode *node = self->shown;
  g_autoptr(GError) error = NULL;
  g_autofree char *tsv = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) own = NULL;
  GdkContentProvider *providers[3];
  guint n = 0;
  g_autoptr(GdkContentProvider) provider = NULL;

  if (node == NULL)
    return;
  tsv = jx_rows_copy_tsv (self->document, &node, 1);
  text = g_bytes_new (tsv, strlen (tsv));
  providers[n++] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text);
  providers[n++] = gdk_content_provider_new_typed (G_TYPE_STRING, tsv);
  own = jx_rows_copy_nodes (self->document, &node, 1, &error);
  if (own != NULL)
    providers[n++] = gdk_content_provider_new_for_bytes (JX_ROWS_MIME_TYPE, own);
  else
    {
      /* Text that XML cannot hold (a control character): the spreadsheet
       * rows still go, and the reason is said. */
      g_autofree char *message = g_strdup_printf (_("Copied as spreadsheet rows only: %s"), error->message);
      show_message (self, GTK_MESSAGE_WARNING, message);
    }
  provider = gdk_content_provider_new_union (providers, n);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

/* ----------------------------------------------------------------- paste */

typedef struct
{
  JxWindow *window;
  JxNode   *at;        /* where the paste goes, weak: it may go meanwhile */
} PasteJob;

static void
paste_job_free (PasteJob *job)
{
  g_clear_weak_pointer (&job->at);
  g_object_unref (job->window);
  g_free (job);
}

static void
paste_fragment (PasteJob      *job,
                JxDocument    *fragment,
                JxRowsContent  content,
                GPtrArray     *problems)
{
  JxWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_projects = 0, n_indicators = 0;
  JxNode *at = job->at != NULL && jx_node_get_document (job->at) == self->document
               ? job->at : JX_NODE (self->document);
  JxNode *first;

  if (jx_document_is_read_only (self->document))
    return;
  self->need_full = TRUE;
  first = jx_rows_paste (self->document, at, fragment, content, &n_projects, &n_indicators, &error);
  if (first == NULL)
    {
      show_message (self, GTK_MESSAGE_WARNING, error->message);
      return;
    }
  jx_window_select_node (self, first);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
  message = jx_rows_describe (n_projects, n_indicators, problems, MAX_LISTED);
  show_message (self, problems != NULL && problems->len > 0 ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO, message);
}

/* Pastes @fragment, or says why there is none (@error); ends @job. */
static void
finish_paste (PasteJob      *job,
              JxDocument    *fragment,
              JxRowsContent  content,
              GPtrArray     *problems,
              const GError  *error)
{
  if (fragment != NULL)
    paste_fragment (job, fragment, content, problems);
  else
    show_message (job->window, GTK_MESSAGE_WARNING, error->message);
  paste_job_free (job);
}

static void
on_text_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  PasteJob *job = data;
  JxWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(JxDocument) fragment = NULL;
  JxRowsContent content = JX_ROWS_CONTENT_PROJECTS;

  if (text == NULL && error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The clipboard holds no rows to paste."));
  if (text != NULL)
    fragment = jx_rows_parse (text, strlen (text), self->document, &content, problems, &error);
  finish_paste (job, fragment, content, problems, error);
}

static void
on_own_spliced_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  PasteJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JxDocument) fragment = NULL;
  JxRowsContent content = JX_ROWS_CONTENT_PROJECTS;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) >= 0)
    {
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
      fragment = jx_rows_read_nodes (bytes, &content, &error);
    }
  finish_paste (job, fragment, content, NULL, error);
}

static void
on_own_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  PasteJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr(GOutputStream) memory = NULL;

  if (stream == NULL)
    {
      /* Not readable after all: take the text. */
      gdk_clipboard_read_text_async (GDK_CLIPBOARD (source), NULL, on_text_read_cb, job);
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_own_spliced_cb, job);
}

static void
paste_rows_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  static const char *own[] = { JX_ROWS_MIME_TYPE, NULL };
  JxWindow *self = JX_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  PasteJob *job;

  if (jx_document_is_read_only (self->document))
    return;
  job = g_new0 (PasteJob, 1);
  job->window = g_object_ref (self);
  g_set_weak_pointer (&job->at, self->shown);
  if (gdk_content_formats_contain_mime_type (formats, JX_ROWS_MIME_TYPE))
    gdk_clipboard_read_async (clipboard, own, G_PRIORITY_DEFAULT, NULL, on_own_read_cb, job);
  else
    gdk_clipboard_read_text_async (clipboard, NULL, on_text_read_cb, job);
}

/* --------------------------------------------------------------- set-up */

void
jx_clipboard_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.copy-rows", NULL, copy_rows_action);
  gtk_widget_class_install_action (widget_class, "win.paste-rows", NULL, paste_rows_action);
}

void
jx_clipboard_update_actions (JxWindow *self)
{
  gboolean writable = self->document != NULL && !jx_document_is_read_only (self->document);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-rows", self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste-rows", writable);
}

void
jx_clipboard_attach (JxWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkWidget *banner = GTK_WIDGET (self->banner);

  /* Ctrl+C / Ctrl+V act on rows only in the tree: entries keep them. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.copy-rows")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.paste-rows")));
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), shortcuts);

  /* The message bar, under the window's own banner. */
  /* One line per finding, cut at the window's edge (the whole text is the
   * tooltip): a wrapping label of mixed CJK and Latin text measures its
   * height inconsistently in GTK 4.8. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (bar, "jx-banner");
  gtk_box_append (GTK_BOX (bar), label);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, _("Hide this message"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hide this message"), -1);
  gtk_box_append (GTK_BOX (bar), close);
  gtk_widget_set_visible (bar, FALSE);
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (on_bar_close_cb), bar);
  g_object_set_data (G_OBJECT (bar), "label", label);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (banner)), bar, banner);
  g_object_set_data (G_OBJECT (self), BAR_KEY, bar);
}
