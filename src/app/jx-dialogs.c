/* jx-dialogs.c: the app's message dialogs: GtkAlertDialog or GtkMessageDialog
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-dialogs.h"

/* One question on screen. Pending requests are kept (newest last) so that
 * jx_dialog_respond() can answer them on either GTK version. */
typedef struct
{
  GtkWindow      *parent;          /* weak */
  char           *heading;
  char           *body;
  int            *responses;       /* of the buttons, in order */
  char          **labels;
  guint           n_buttons;
  int             cancel_response;
  JxDialogFunc    func;
  gpointer        user_data;
  GDestroyNotify  destroy;
  gboolean        answered;
#if GTK_CHECK_VERSION (4, 10, 0)
  GCancellable   *cancellable;
  GtkWindow      *window;          /* the alert's own toplevel, held */
#else
  GtkWidget      *dialog;
  int             chosen;          /* the response, until the dialog is gone */
#endif
} Request;

static GQueue pending = G_QUEUE_INIT;

static Request *
request_new (GtkWindow            *parent,
             const char           *heading,
             const char           *body,
             const JxDialogButton *buttons,
             guint                 n_buttons,
             int                   cancel_response,
             JxDialogFunc          func,
             gpointer              user_data,
             GDestroyNotify        destroy)
{
  Request *request = g_new0 (Request, 1);

  request->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &request->parent);
  request->heading = g_strdup (heading);
  request->body = g_strdup (body);
  request->responses = g_new (int, MAX (n_buttons, 1));
  request->labels = g_new0 (char *, n_buttons + 1);
  for (guint i = 0; i < n_buttons; i++)
    {
      request->responses[i] = buttons[i].response;
      request->labels[i] = g_strdup (buttons[i].label);
    }
  request->n_buttons = n_buttons;
  request->cancel_response = cancel_response;
  request->func = func;
  request->user_data = user_data;
  request->destroy = destroy;
  g_queue_push_tail (&pending, request);
  return request;
}

static void
request_free (Request *request)
{
  g_assert (request->answered);
  if (request->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (request->parent), (gpointer *) &request->parent);
  g_free (request->heading);
  g_free (request->body);
  g_free (request->responses);
  g_strfreev (request->labels);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_clear_object (&request->cancellable);
  g_clear_object (&request->window);
#endif
  g_free (request);
}

/* Runs the callback once; the request stays until its dialog is gone. */
static void
request_answer (Request *request,
                int      response)
{
  if (request->answered)
    return;
  request->answered = TRUE;
  g_queue_remove (&pending, request);
  if (request->func != NULL)
    request->func (response, request->user_data);
  if (request->destroy != NULL)
    request->destroy (request->user_data);
}

static int
button_of_response (const JxDialogButton *buttons,
                    guint                 n_buttons,
                    int                   response)
{
  for (guint i = 0; i < n_buttons; i++)
    if (buttons[i].response == response)
      return (int) i;
  return -1;
}

static Request *
find_pending (GtkWindow *parent)
{
  for (GList *l = pending.tail; l != NULL; l = l->prev)
    {
      Request *request = l->data;

      if (request->parent == parent)
        return request;
    }
  return NULL;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static int
response_of_button (Request *request,
                    int      index)
{
  if (index >= 0 && (guint) index < request->n_buttons)
    return request->responses[index];
  return request->cancel_response;
}

static void
on_choose_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  Request *request = data;
  g_autoptr(GError) error = NULL;
  int index = gtk_alert_dialog_choose_finish (GTK_ALERT_DIALOG (source), result, &error);

  /* Cancelled by jx_dialog_respond(): already answered. */
  request_answer (request, response_of_button (request, index));
  /* The task destroys the alert's window when it is finalized, just
   * after this returns; our reference keeps that window a valid (if
   * already destroyed) object until then, and is dropped afterwards. */
  if (request->window != NULL)
    g_idle_add_once ((GSourceOnceFunc) g_object_unref, g_steal_pointer (&request->window));
  request_free (request);
}

/* GtkAlertDialog keeps its toplevel only as its task's data, without a
 * reference, and destroys it when the task ends.  An answer that closes
 * the parent window destroys the alert with it (destroy-with-parent), so
 * the task would then destroy a freed window.  The alert just presented is
 * the newest toplevel transient for the parent: hold a reference to it. */
static GtkWindow *
hold_newest_alert (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != parent && gtk_window_get_transient_for (window) == parent)
        return g_steal_pointer (&window);
    }
  return NULL;
}

static void
show_request (Request              *request,
              const JxDialogButton *buttons,
              guint                 n_buttons,
              int                   default_response)
{
  g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", request->heading);

  if (request->body != NULL)
    gtk_alert_dialog_set_detail (dialog, request->body);
  gtk_alert_dialog_set_buttons (dialog, (const char * const *) request->labels);
  gtk_alert_dialog_set_default_button (dialog, button_of_response (buttons, n_buttons, default_response));
  gtk_alert_dialog_set_cancel_button (dialog, button_of_response (buttons, n_buttons, request->cancel_response));
  gtk_alert_dialog_set_modal (dialog, TRUE);
  request->cancellable = g_cancellable_new ();
  gtk_alert_dialog_choose (dialog, request->parent, request->cancellable, on_choose_finished_cb, request);
  request->window = hold_newest_alert (request->parent);
}

static void
close_request (Request *request)
{
  /* on_choose_finished_cb() frees it once the dialog is gone. */
  g_cancellable_cancel (request->cancellable);
}

#else /* GTK 4.8 */

static void
on_response_cb (GtkDialog *dialog,
                int        response,
                Request   *request)
{
  gboolean known = FALSE;

  for (guint i = 0; i < request->n_buttons; i++)
    known |= request->responses[i] == response;
  /* Escape and the window's close button come as GTK's own responses.
   * The dialog goes first, then on_destroy_cb() answers. */
  request->chosen = known ? response : request->cancel_response;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_destroy_cb (GtkWidget *dialog,
               Request   *request)
{
  /* Closed with its parent before any response: nobody chose. */
  request_answer (request, request->chosen);
  request_free (request);
}

static void
show_request (Request              *request,
              const JxDialogButton *buttons,
              guint                 n_buttons,
              int                   default_response)
{
  GtkWidget *dialog = gtk_message_dialog_new (request->parent,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_OTHER, GTK_BUTTONS_NONE,
                                              "%s", request->heading);

  if (request->body != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", request->body);
  for (guint i = 0; i < n_buttons; i++)
    {
      GtkWidget *button = gtk_dialog_add_button (GTK_DIALOG (dialog), buttons[i].label, buttons[i].response);

      if (buttons[i].style == JX_DIALOG_BUTTON_SUGGESTED)
        gtk_widget_add_css_class (button, "suggested-action");
      else if (buttons[i].style == JX_DIALOG_BUTTON_DESTRUCTIVE)
        gtk_widget_add_css_class (button, "destructive-action");
    }
  if (button_of_response (buttons, n_buttons, default_response) >= 0)
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), default_response);
  request->dialog = dialog;
  request->chosen = request->cancel_response;
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), request);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_destroy_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_request (Request *request)
{
  /* on_destroy_cb() frees it. */
  gtk_window_destroy (GTK_WINDOW (request->dialog));
}

#endif

void
jx_dialog_ask (GtkWindow            *parent,
               const char           *heading,
               const char           *body,
               const JxDialogButton *buttons,
               guint                 n_buttons,
               int                   default_response,
               int                   cancel_response,
               JxDialogFunc          func,
               gpointer              user_data,
               GDestroyNotify        destroy)
{
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (n_buttons > 0 && buttons != NULL);

  request = request_new (parent, heading, body, buttons, n_buttons, cancel_response,
                         func, user_data, destroy);
  show_request (request, buttons, n_buttons, default_response);
}

enum { ERROR_CLOSE = 1 };

void
jx_dialog_error (GtkWindow  *parent,
                 const char *heading,
                 const char *detail)
{
  const JxDialogButton close[] = { { ERROR_CLOSE, _("_Close"), JX_DIALOG_BUTTON_NORMAL } };

  jx_dialog_ask (parent, heading, detail, close, G_N_ELEMENTS (close),
                 ERROR_CLOSE, ERROR_CLOSE, NULL, NULL, NULL);
}

gboolean
jx_dialog_get_pending (GtkWindow   *parent,
                       const char **heading,
                       const char **body)
{
  Request *request = find_pending (parent);

  if (heading != NULL)
    *heading = request ? request->heading : NULL;
  if (body != NULL)
    *body = request ? request->body : NULL;
  return request != NULL;
}

gboolean
jx_dialog_respond (GtkWindow  *parent,
                   const char *label)
{
  Request *request = find_pending (parent);
  int response;

  if (request == NULL)
    return FALSE;
  if (label == NULL)
    response = request->cancel_response;
  else
    {
      guint i = 0;

      while (request->labels[i] != NULL && !g_str_equal (request->labels[i], label))
        i++;
      if (request->labels[i] == NULL)
        return FALSE;
      response = request->responses[i];
    }
  request_answer (request, response);
  close_request (request);
  return TRUE;
}
