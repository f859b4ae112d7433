/* jx-file-dialogs.c: choosing a document to open or a place to save it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-file-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-file-dialogs.h"

typedef struct
{
  JxFileChosenFunc func;
  gpointer         user_data;
} Request;

static Request *
request_new (JxFileChosenFunc func,
             gpointer         user_data)
{
  Request *request = g_new (Request, 1);

  request->func = func;
  request->user_data = user_data;
  return request;
}

static GtkFileFilter *
jixiao_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Performance target tables (*.jixiao)"));
  gtk_file_filter_add_pattern (filter, "*.jixiao");
  gtk_file_filter_add_mime_type (filter, "application/x-jixiao");
  return filter;
}

/* The filter of an export: "PDF documents (*.pdf)". */
static GtkFileFilter *
export_filter (const char *name,
               const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)

static GtkFileDialog *
new_dialog (const char    *title,
            GtkFileFilter *filter_in)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = filter_in ? filter_in : jixiao_filter ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  return dialog;
}

static void
on_open_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  Request *request = data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  request->func (file, request->user_data);
  g_free (request);
}

static void
on_save_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  Request *request = data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  request->func (file, request->user_data);
  g_free (request);
}

void
jx_file_dialog_open (GtkWindow        *parent,
                     JxFileChosenFunc  func,
                     gpointer          user_data)
{
  g_autoptr(GtkFileDialog) dialog = new_dialog (_("Open Document"), NULL);

  gtk_file_dialog_open (dialog, parent, NULL, on_open_finished_cb, request_new (func, user_data));
}

void
jx_file_dialog_save (GtkWindow        *parent,
                     GFile            *initial_file,
                     const char       *initial_name,
                     JxFileChosenFunc  func,
                     gpointer          user_data)
{
  g_autoptr(GtkFileDialog) dialog = new_dialog (_("Save As"), NULL);

  if (initial_file != NULL)
    gtk_file_dialog_set_initial_file (dialog, initial_file);
  else
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, NULL, on_save_finished_cb, request_new (func, user_data));
}

void
jx_file_dialog_export (GtkWindow        *parent,
                       const char       *title,
                       const char       *filter_name,
                       const char       *pattern,
                       const char       *initial_name,
                       JxFileChosenFunc  func,
                       gpointer          user_data)
{
  g_autoptr(GtkFileDialog) dialog = new_dialog (title, export_filter (filter_name, pattern));

  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, NULL, on_save_finished_cb, request_new (func, user_data));
}

#else /* GTK 4.8 */

static void
on_response_cb (GtkNativeDialog *native,
                int              response,
                gpointer         data)
{
  Request *request = data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  request->func (file, request->user_data);
  g_free (request);
  g_object_unref (native);
}

static GtkFileChooserNative *
new_chooser (GtkWindow            *parent,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             GtkFileFilter        *filter_in)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = filter_in ? filter_in : jixiao_filter ();

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  return native;
}

void
jx_file_dialog_open (GtkWindow        *parent,
                     JxFileChosenFunc  func,
                     gpointer          user_data)
{
  GtkFileChooserNative *native = new_chooser (parent, _("Open Document"),
                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);

  g_signal_connect (native, "response", G_CALLBACK (on_response_cb), request_new (func, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
jx_file_dialog_save (GtkWindow        *parent,
                     GFile            *initial_file,
                     const char       *initial_name,
                     JxFileChosenFunc  func,
                     gpointer          user_data)
{
  GtkFileChooserNative *native = new_chooser (parent, _("Save As"),
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);

  if (initial_file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), initial_file, NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  g_signal_connect (native, "response", G_CALLBACK (on_response_cb), request_new (func, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
jx_file_dialog_export (GtkWindow        *parent,
                       const char       *title,
                       const char       *filter_name,
                       const char       *pattern,
                       const char       *initial_name,
                       JxFileChosenFunc  func,
                       gpointer          user_data)
{
  GtkFileChooserNative *native = new_chooser (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                              export_filter (filter_name, pattern));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  g_signal_connect (native, "response", G_CALLBACK (on_response_cb), request_new (func, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif
