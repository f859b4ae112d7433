/* jx-window-export.c: File → Print… and File → Export (PDF, Excel, CSV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-document.h"
#include "jx-export.h"
#include "jx-file-dialogs.h"
#include "jx-problem.h"
#include "jx-window-private.h"
#include "jx-xml.h"

/* The progress window appears only when an export takes longer than this:
 * small tables are done before anyone could read it. */
#define PROGRESS_DELAY_MS 300

/* ------------------------------------------------------------- export */

typedef struct
{
  JxWindow        *window;
  GBytes          *snapshot;   /* the document as saved, made on the main thread */
  char            *path;
  char            *display_name;
  JxReportOptions  options;
  GCancellable    *cancellable;
  int              permille;   /* progress, written by the worker */
  GtkWindow       *progress_window;
  GtkProgressBar  *progress_bar;
  guint            show_id;
  guint            poll_id;
} ExportJob;

/* The window's part of the job: on the main thread, when the export is
 * done. The GTask may drop its task data on the worker thread, where no
 * widget or main-loop source may be touched. */
static void
export_job_finish_ui (ExportJob *job)
{
  g_clear_handle_id (&job->show_id, g_source_remove);
  g_clear_handle_id (&job->poll_id, g_source_remove);
  if (job->progress_window)
    gtk_window_destroy (g_steal_pointer (&job->progress_window));
  job->progress_bar = NULL;
}

static void
export_job_free (ExportJob *job)
{
  /* Only plain data is left by now (export_job_finish_ui ran). */
  g_assert (job->show_id == 0 && job->poll_id == 0 && job->progress_window == NULL);
  g_clear_pointer (&job->snapshot, g_bytes_unref);
  g_clear_object (&job->cancellable);
  g_free (job->path);
  g_free (job->display_name);
  g_free (job);
}

static void
on_export_progress (double   fraction,
                    gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) (fraction * 1000));
}

/* In the worker: a document of its own, loaded from the snapshot, so the
 * live document is never touched off the main thread. */
static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) copy = jx_xml_load_bytes (job->snapshot, NULL, &problem, &error);

  if (copy == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!jx_export (copy, job->path, &job->options, on_export_progress, job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
poll_progress_cb (gpointer data)
{
  ExportJob *job = data;

  gtk_progress_bar_set_fraction (job->progress_bar, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
on_progress_cancel_cb (GtkButton *button,
                       gpointer   data)
{
  ExportJob *job = data;

  g_cancellable_cancel (job->cancellable);
}

static gboolean
show_progress_cb (gpointer data)
{
  ExportJob *job = data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), job->display_name);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  job->show_id = 0;
  job->progress_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (job->progress_window, _("Exporting"));
  gtk_window_set_transient_for (job->progress_window, GTK_WINDOW (job->window));
  gtk_window_set_modal (job->progress_window, TRUE);
  gtk_window_set_deletable (job->progress_window, FALSE);
  gtk_window_set_default_size (job->progress_window, 360, -1);
  job->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_progress_cancel_cb), job);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (job->progress_bar));
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_window_set_child (job->progress_window, box);
  gtk_window_present (job->progress_window);
  job->poll_id = g_timeout_add (100, poll_progress_cb, job);
  return G_SOURCE_REMOVE;
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  JxWindow *self = JX_WINDOW (source);
  g_autoptr(GError) error = NULL;

  export_job_finish_ui (job);

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = g_strdup_printf (_("Could not export to “%s”"), job->display_name);

      jx_window_show_error (self, title, error->message);
    }
}

/* Writes the document to @file, in the format its name ends in; a progress
 * window appears on large tables. */
void
jx_window_export_to (JxWindow *self,
                     GFile    *file,
                     gboolean  comments)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  ExportJob *job;
  GBytes *snapshot;

  if (path == NULL || !jx_export_format_for_path (path, NULL))
    {
      jx_window_show_error (self, _("Could not export"),
                            path ? _("The file name must end in .pdf, .xlsx or .csv.")
                                 : _("Exports are written to local files only."));
      return;
    }
  /* The snapshot on the main thread: the worker reads its own copy. */
  if (!(snapshot = jx_xml_write (self->document, &error)))
    {
      jx_window_show_error (self, _("Could not export"), error->message);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->window = self;   /* the GTask holds the window (its source object) */
  job->snapshot = snapshot;
  job->path = g_steal_pointer (&path);
  job->display_name = g_file_get_basename (file);
  job->options.comments = comments;
  job->options.last_year = self->export_last_year;
  job->cancellable = g_cancellable_new ();
  job->show_id = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, job);

  task = g_task_new (self, job->cancellable, on_export_done_cb, NULL);
  g_task_set_source_tag (task, jx_window_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

typedef struct
{
  JxWindow *window;
  gboolean  comments;
} ChooseJob;

static void
on_export_chosen_cb (GFile    *file,
                     gpointer  data)
{
  ChooseJob *choose = data;

  if (file != NULL)
    jx_window_export_to (choose->window, file, choose->comments);
  g_object_unref (choose->window);
  g_free (choose);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const struct {
    const char *id;
    const char *ext;
    const char *title;
    const char *filter;
    gboolean    comments;
  } kinds[] = {
    { "pdf", "pdf", N_("Export as PDF"), N_("PDF documents (*.pdf)"), FALSE },
    { "pdf-comments", "pdf", N_("Export as PDF with Open Comments"), N_("PDF documents (*.pdf)"), TRUE },
    { "xlsx", "xlsx", N_("Export as Excel Workbook"), N_("Excel workbooks (*.xlsx)"), FALSE },
    { "csv", "csv", N_("Export as CSV"), N_("CSV files (*.csv)"), FALSE },
  };
  JxWindow *self = JX_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (id, kinds[i].id))
      {
        g_autofree char *base = self->file ? g_file_get_basename (self->file) : NULL;
        g_autofree char *stem = NULL;
        g_autofree char *name = NULL;
        g_autofree char *pattern = g_strdup_printf ("*.%s", kinds[i].ext);
        ChooseJob *choose = g_new0 (ChooseJob, 1);

        if (base && g_str_has_suffix (base, ".jixiao"))
          stem = g_strndup (base, strlen (base) - strlen (".jixiao"));
        else
          {
            const char *title = jx_document_get_title (self->document);

            stem = g_strdup (title && *title ? title : _("Untitled"));
          }
        name = g_strdup_printf ("%s.%s", stem, kinds[i].ext);
        choose->window = g_object_ref (self);
        choose->comments = kinds[i].comments;
        jx_file_dialog_export (GTK_WINDOW (self), _(kinds[i].title), _(kinds[i].filter), pattern, name,
                               on_export_chosen_cb, choose);
        return;
      }
  g_warning ("unknown export “%s”", id);
}

/* -------------------------------------------------------------- print */

typedef struct
{
  JxReportLayout  *layout;
  JxDocument      *document;
  JxReportOptions  options;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->layout);
  g_clear_object (&job->document);
  g_free (job);
}

/* Lays the table out for the paper chosen in the dialog: the same code and
 * options as the PDF export, so "Print to File" gives the same pages. */
static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           data)
{
  PrintJob *job = data;
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  g_clear_object (&job->layout);
  job->layout = jx_report_layout_new (job->document, &job->options,
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context));
  jx_report_layout_paginate (job->layout, pango, NULL, NULL, NULL, NULL);
  gtk_print_operation_set_n_pages (operation, (int) MAX (jx_report_layout_get_n_pages (job->layout), 1));
  g_object_unref (pango);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           data)
{
  PrintJob *job = data;

  if (job->layout && (guint) page < jx_report_layout_get_n_pages (job->layout))
    jx_report_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 data)
{
  JxWindow *self = JX_WINDOW (data);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      jx_window_show_error (self, _("Could not print"), error ? error->message : _("The printer reported an error."));
    }
}

/* A print operation on A4 landscape, in points, drawing the whole paper
 * (the report keeps its own margins), with last year's values when the
 * Export submenu's switch (win.export-last-year) is on, as the exports. */
GtkPrintOperation *
jx_window_new_print_operation (JxWindow *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PrintJob *job = g_new0 (PrintJob, 1);

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, jx_document_get_title (self->document)
                                               ? jx_document_get_title (self->document) : "");
  job->document = g_object_ref (self->document);
  job->options.last_year = self->export_last_year;
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
  g_object_set_data_full (G_OBJECT (operation), "jx-print-job", job, (GDestroyNotify) print_job_free);
  return operation;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  g_autoptr(GtkPrintOperation) operation = jx_window_new_print_operation (self);
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    jx_window_show_error (self, _("Could not print"), error->message);
}

void
jx_window_class_install_export_actions (JxWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_property_action (widget_class, "win.export-last-year", "export-last-year");
}
