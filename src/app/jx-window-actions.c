/* jx-window-actions.c: the window's actions (files, editing, tree, panels)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-window-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jx-dialogs.h"
#include "jx-file-dialogs.h"
#include "jx-application.h"
#include "jx-clipboard.h"
#include "jx-changes-window.h"
#include "jx-edit.h"
#include "jx-new-year.h"
#include "jx-review.h"
#include "jx-review-pdf.h"
#include "jx-snapshot.h"
#include "jx-storage.h"
#include "jx-taxonomy.h"
#include "jx-window-private.h"
#include "jx-xml.h"

/* ------------------------------------------------------------ dialogs */

void
jx_window_show_error (JxWindow   *self,
                      const char *title,
                      const char *detail)
{
  jx_dialog_error (GTK_WINDOW (self), title, detail);
}

typedef struct
{
  JxWindow     *window;
  GFile        *file;
  JxWindowThen  then;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_object_unref (job->window);
  g_clear_object (&job->file);
  g_free (job);
}

static void do_save (JxWindow *self, GFile *file, JxSaveFlags flags, JxWindowThen then);

enum { CHANGED_CANCEL = 1, CHANGED_SAVE_AS = 2, CHANGED_OVERWRITE = 3 };

static void
on_changed_on_disk_response_cb (int      response,
                                gpointer data)
{
  SaveJob *job = data;

  if (response == CHANGED_OVERWRITE)
    do_save (job->window, job->file, JX_SAVE_OVERWRITE, job->then);
  else if (response == CHANGED_SAVE_AS)
    jx_window_save_as (job->window, job->then);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JxWindow *self = JX_WINDOW (source);
  SaveJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (job->file);

  if (jx_window_save_to_finish (self, result, &error))
    {
      if (job->then != NULL)
        job->then (self);
      save_job_free (job);
      return;
    }

  if (g_error_matches (error, JX_XML_ERROR, JX_XML_ERROR_CHANGED_ON_DISK))
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” was changed by another program"), name);
      const JxDialogButton buttons[] = {
        { CHANGED_CANCEL, _("_Cancel"), JX_DIALOG_BUTTON_NORMAL },
        { CHANGED_SAVE_AS, _("Save _As…"), JX_DIALOG_BUTTON_SUGGESTED },
        { CHANGED_OVERWRITE, _("_Overwrite"), JX_DIALOG_BUTTON_DESTRUCTIVE },
      };

      jx_dialog_ask (GTK_WINDOW (self), heading,
                     _("Since you opened it, the file on disk was changed. Overwriting it loses those changes "
                       "(a backup of them is kept); saving under another name keeps both."),
                     buttons, G_N_ELEMENTS (buttons), CHANGED_SAVE_AS, CHANGED_CANCEL,
                     on_changed_on_disk_response_cb, job, (GDestroyNotify) save_job_free);
      return;
    }

  {
    g_autofree char *title = g_strdup_printf (_("“%s” could not be saved"), name);

    jx_window_show_error (self, title, error->message);
  }
  save_job_free (job);
}

/* The file is written by a worker; @then runs after it is saved. */
static void
do_save (JxWindow     *self,
         GFile        *file,
         JxSaveFlags   flags,
         JxWindowThen  then)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  job->window = g_object_ref (self);
  job->file = g_object_ref (file);
  job->then = then;
  jx_window_save_to_async (self, file, flags, on_saved_cb, job);
}

static void
on_save_as_chosen_cb (GFile    *chosen,
                      gpointer  data)
{
  SaveJob *job = data;

  if (chosen != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (chosen);
      g_autofree char *name = g_file_get_basename (file);

      /* A name typed without the extension gets it, so the file opens later. */
      if (!g_str_has_suffix (name, ".jixiao"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *fixed = g_strconcat (name, ".jixiao", NULL);

          g_set_object (&file, g_file_get_child (parent, fixed));
        }
      do_save (job->window, file, JX_SAVE_DEFAULT, job->then);
    }
  save_job_free (job);
}

void
jx_window_save_as (JxWindow     *self,
                   JxWindowThen  then)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  const char *title = jx_document_get_title (self->document);
  g_autofree char *name = g_strconcat (*title ? title : _("Untitled document"), ".jixiao", NULL);

  job->window = g_object_ref (self);
  job->then = then;
  jx_file_dialog_save (GTK_WINDOW (self), self->file, name, on_save_as_chosen_cb, job);
}

static void
save_now (JxWindow     *self,
          JxWindowThen  then)
{
  if (self->file == NULL)
    jx_window_save_as (self, then);
  else
    do_save (self, self->file, JX_SAVE_DEFAULT, then);
}

enum { INPUTS_CANCEL = 1, INPUTS_SHOW = 2, INPUTS_SAVE = 3 };

static void
on_inputs_response_cb (int      response,
                       gpointer data)
{
  SaveJob *job = data;

  if (response == INPUTS_SAVE)
    save_now (job->window, job->then);
  else if (response == INPUTS_SHOW && jx_problem_set_get_n_inputs (job->window->problems) > 0)
    {
      const JxProblem *first = jx_problem_set_get_input (job->window->problems, 0);
      JxNode *node = jx_document_lookup (job->window->document, first->target);

      if (node != NULL)
        jx_window_select_node (job->window, node);
      jx_window_focus_field (job->window, first->field);
    }
}

/* Text typed into a field that the document did not take (an amount that
 * is not one) is not saved: say so before saving, never silently. */
static void
ask_about_inputs (JxWindow     *self,
                  JxWindowThen  then)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = jx_problem_set_get_n_inputs (self->problems);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const JxDialogButton buttons[] = {
    { INPUTS_CANCEL, _("_Cancel"), JX_DIALOG_BUTTON_NORMAL },
    { INPUTS_SHOW, _("Show the _Field"), JX_DIALOG_BUTTON_SUGGESTED },
    { INPUTS_SAVE, _("Save _Anyway"), JX_DIALOG_BUTTON_DESTRUCTIVE },
  };

  job->window = g_object_ref (self);
  job->then = then;
  for (guint i = 0; i < n && i < 6; i++)
    {
      const JxProblem *problem = jx_problem_set_get_input (self->problems, i);
      JxNode *node = jx_document_lookup (self->document, problem->target);

      g_string_append_printf (list, "• %s — %s\n",
                              JX_IS_PROJECT (node) ? jx_project_get_name (JX_PROJECT (node)) : "",
                              problem->message);
    }
  heading = g_strdup_printf (ngettext ("One field holds text that is not saved",
                                       "%u fields hold text that is not saved", n), n);
  body = g_strdup_printf (_("%s\nThe file gets the amounts the table keeps, not the text typed. Correct the text "
                            "first, or save the table as it is."), list->str);
  jx_dialog_ask (GTK_WINDOW (self), heading, body, buttons, G_N_ELEMENTS (buttons), INPUTS_SHOW, INPUTS_CANCEL,
                 on_inputs_response_cb, job, (GDestroyNotify) save_job_free);
}

void
jx_window_save (JxWindow     *self,
                JxWindowThen  then)
{
  if (jx_problem_set_get_n_inputs (self->problems) > 0)
    ask_about_inputs (self, then);
  else
    save_now (self, then);
}

/* -------------------------------------------------------------- files */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  jx_window_save (JX_WINDOW (widget), NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  jx_window_save_as (JX_WINDOW (widget), NULL);
}

/* File → New Year from This Table: next year's draft in a new window,
 * made from what this window shows (saved or not); this one is untouched. */
static void
new_year_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxDocument *document = jx_window_get_document (self);
  g_autoptr(JxDocument) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  JxNewYearInfo info;
  JxWindow *window;

  if (document == NULL)
    return;
  next = jx_new_year_copy (document, &info, &error);
  if (next == NULL)
    {
      jx_window_show_error (self, _("Next year’s table cannot be made"), error->message);
      return;
    }

  if (info.n_comments > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The table for %d, made from this year’s: the same projects, "
                                            "indicators and amounts, keeping last year’s values. "
                                            "%u comment of last year’s review stays in last year’s table. "
                                            "Save this one under a new name.",
                                            "The table for %d, made from this year’s: the same projects, "
                                            "indicators and amounts, keeping last year’s values. "
                                            "%u comments of last year’s review stay in last year’s table. "
                                            "Save this one under a new name.",
                                            info.n_comments),
                               jx_document_get_year (next), info.n_comments);
  else
    message = g_strdup_printf (_("The table for %d, made from this year’s: the same projects, indicators and "
                                 "amounts, keeping last year’s values. Save it under a new name."),
                               jx_document_get_year (next));
  window = jx_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  jx_window_show_made_document (window, next, message);
  gtk_window_present (GTK_WINDOW (window));
}

/* File → Compare With: another version (the one sent, the one returned,
 * last year's) compared with this window's table, the changes listed in a
 * window of their own and marked in the tree.
 *
 * The window stays responsive throughout: a worker reads the other version
 * while the main thread copies the table a slice at a time (jx-snapshot.h:
 * the same ids, never holding up a frame); then a worker diffs the two, and
 * the main thread maps the changes back to the table's own items by id
 * (jx_diff_remap()). An edit made meanwhile leaves the copy behind: it is
 * made again, and the diff with it (the other version stays read), so the
 * marks are always those of the table on screen, never of a state it had.
 * After COMPARE_MAX_COPIES copies overtaken by edits (someone typing all
 * along), the diff is made on the main thread: a short wait rather than
 * none ever finishing. A progress message shows all the while. */
#define COMPARE_SLICE_US   12000
#define COMPARE_MAX_COPIES 3

struct _JxCompareJob
{
  JxWindow     *window;    /* not a reference: the window holds the job */
  char         *name;      /* the other file's name, for people */
  JxDocument   *document;  /* the window's table when asked */
  JxDocument   *other;     /* read by the worker */
  JxSnapshot   *snapshot;  /* the copy being made */
  guint         slice_id;
  JxDocument   *copy;      /* the copy made */
  guint64       serial;    /* the table's history serial the copy is of */
  guint         n_copies;
  gboolean      diffing;
  gboolean      cancelled;
};

static void
compare_job_clear (JxCompareJob *job)
{
  g_clear_handle_id (&job->slice_id, g_source_remove);
  g_clear_pointer (&job->snapshot, jx_snapshot_free);
  g_clear_object (&job->copy);
  g_clear_object (&job->other);
  g_clear_object (&job->document);
  g_free (job->name);
}

static JxCompareJob *
compare_job_ref (JxCompareJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
compare_job_unref (JxCompareJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) compare_job_clear);
}

static guint64
document_serial (JxDocument *document)
{
  return jx_history_get_serial (jx_document_get_history (document));
}

/* Whatever the job still has to do is dropped; its workers' results are
 * ignored when they come. */
void
jx_window_cancel_compare (JxWindow *self)
{
  JxCompareJob *job = self->compare_job;

  if (job == NULL)
    return;
  job->cancelled = TRUE;
  g_clear_handle_id (&job->slice_id, g_source_remove);
  g_clear_pointer (&job->snapshot, jx_snapshot_free);
  self->compare_job = NULL;
  compare_job_unref (job);
  jx_toast_dismiss (self->progress);
}

int
jx_window_get_compare_state (JxWindow *self)
{
  g_return_val_if_fail (JX_IS_WINDOW (self), JX_COMPARE_STATE_NONE);
  if (self->compare_job == NULL)
    return JX_COMPARE_STATE_NONE;
  return self->compare_job->diffing ? JX_COMPARE_STATE_DIFFING : JX_COMPARE_STATE_READING;
}

static void
on_changes_destroyed_cb (GtkWidget *changes,
                         JxWindow  *self)
{
  if (g_object_get_data (G_OBJECT (self), "jx-changes-window") == changes)
    g_object_set_data (G_OBJECT (self), "jx-changes-window", NULL);
}

/* Destroys the list of changes of @self, if there is one, forgetting it
 * first. */
void
jx_window_destroy_changes_window (JxWindow *self)
{
  GtkWidget *changes = g_object_steal_data (G_OBJECT (self), "jx-changes-window");

  if (changes != NULL)
    gtk_window_destroy (GTK_WINDOW (changes));
}

/* Drops the last reference to @document in a worker: freeing a table of
 * 140,000 items took the main thread a sixth of a second. */
static void
unref_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  g_object_unref (data);
  g_task_return_boolean (task, TRUE);
}

static void
unref_in_worker (JxDocument *document)
{
  g_autoptr(GTask) task = NULL;

  if (document == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, document, NULL);
  g_task_run_in_thread (task, unref_thread);
}

typedef struct
{
  JxWindow   *window;
  GtkWindow  *changes;
  JxDocument *copy;
} AfterFrame;

/* After the window's next frame (the marks drawn): the list of changes
 * shown (not if it or the window was closed or replaced meanwhile), the copy of the
 * table freed. Neither adds to the wait for the marks. */
static gboolean
after_frame_cb (gpointer data)
{
  AfterFrame *after = data;

  /* Not once the list was destroyed (the comparison cleared or replaced:
   * jx_window_destroy_changes_window() forgets it first, as the reference held here
   * keeps its "destroy" from coming) or its window closed: GTK >= 4.10
   * warns of a window shown after its destruction, and the list would
   * float alone. */
  if (gtk_widget_get_visible (GTK_WIDGET (after->window)) &&
      g_object_get_data (G_OBJECT (after->window), "jx-changes-window") == after->changes)
    gtk_window_present (after->changes);
  unref_in_worker (g_steal_pointer (&after->copy));
  g_object_unref (after->changes);
  g_object_unref (after->window);
  g_free (after);
  return G_SOURCE_REMOVE;
}

static void
compare_finish (JxCompareJob *job,
                JxComparison *comparison)
{
  JxWindow *self = job->window;
  AfterFrame *after = g_new0 (AfterFrame, 1);
  GtkWidget *changes;

  after->copy = g_steal_pointer (&job->copy);
  jx_window_cancel_compare (self);
  /* One comparison at a time: a new one replaces the list and the marks. */
  jx_window_destroy_changes_window (self);
  jx_window_set_comparison (self, comparison);
  changes = jx_changes_window_new (self, comparison);
  g_object_set_data (G_OBJECT (self), "jx-changes-window", changes);
  g_signal_connect_object (changes, "destroy", G_CALLBACK (on_changes_destroyed_cb), self, 0);
  after->window = g_object_ref (self);
  after->changes = GTK_WINDOW (g_object_ref (changes));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_frame_cb, after, NULL);
}

static void compare_start_copy (JxCompareJob *job);

static void
compare_diff_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  JxCompareJob *job = data;

  /* The worker's own documents: the other version and the copy, which the
   * main thread no longer touches (it waits for this task to end). */
  g_task_return_pointer (task, jx_diff_documents (job->other, job->copy), (GDestroyNotify) jx_diff_free);
}

static void
on_compare_diffed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  JxCompareJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(JxDiff) diff = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(JxComparison) comparison = NULL;

  job->diffing = FALSE;
  if (job->cancelled)
    return;
  /* Made on the copy of the table as it is still: the changes are the
   * table's own; else on a state it no longer has: made again. */
  if (document_serial (job->document) == job->serial && jx_diff_remap (diff, job->copy, job->document))
    comparison = jx_comparison_new_for_diff (job->other, job->document, g_steal_pointer (&diff), job->name);
  else if (job->n_copies >= COMPARE_MAX_COPIES)
    comparison = jx_comparison_new (job->other, job->document, job->name);
  else
    {
      compare_start_copy (job);
      return;
    }
  compare_finish (job, comparison);
}

/* Once both the other version and a copy of the table as it still is are
 * there, a worker diffs them. */
static void
compare_maybe_diff (JxCompareJob *job)
{
  g_autoptr(GTask) task = NULL;

  if (job->cancelled || job->diffing || job->other == NULL || job->copy == NULL)
    return;
  if (document_serial (job->document) != job->serial)
    {
      compare_start_copy (job);
      return;
    }
  job->diffing = TRUE;
  task = g_task_new (job->window, NULL, on_compare_diffed_cb, NULL);
  g_task_set_task_data (task, compare_job_ref (job), (GDestroyNotify) compare_job_unref);
  g_task_run_in_thread (task, compare_diff_thread);
}


static gboolean
compare_slice_cb (gpointer data)
{
  JxCompareJob *job = data;
  g_autoptr(JxDocument) copy = NULL;

  job->slice_id = 0;
  /* An edit since the copy began: it begins again. */
  if (document_serial (job->document) != job->serial)
    {
      compare_start_copy (job);
      return G_SOURCE_REMOVE;
    }
  if (!jx_snapshot_step (job->snapshot, g_get_monotonic_time () + COMPARE_SLICE_US, &copy))
    {
      job->slice_id = jx_window_add_slice_timer (compare_slice_cb, job);
      return G_SOURCE_REMOVE;
    }
  g_clear_pointer (&job->snapshot, jx_snapshot_free);
  g_set_object (&job->copy, copy);
  compare_maybe_diff (job);
  return G_SOURCE_REMOVE;
}

static void
compare_start_copy (JxCompareJob *job)
{
  g_clear_handle_id (&job->slice_id, g_source_remove);
  g_clear_pointer (&job->snapshot, jx_snapshot_free);
  g_clear_object (&job->copy);
  /* Overtaken too often by edits: the diff on the main thread, once the
   * other version is read. */
  if (job->n_copies >= COMPARE_MAX_COPIES)
    {
      if (job->other != NULL)
        {
          g_autoptr(JxComparison) comparison = jx_comparison_new (job->other, job->document, job->name);

          compare_finish (job, comparison);
        }
      return;
    }
  job->n_copies++;
  job->serial = document_serial (job->document);
  job->snapshot = jx_snapshot_new (job->document);
  job->slice_id = jx_window_add_slice_timer (compare_slice_cb, job);
}

static void
compare_load_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (g_object_get_data (G_OBJECT (task), "jx-file"));
  GError *error = NULL;
  JxDocument *other = NULL;

  if (path == NULL)
    error = g_error_new (JX_XML_ERROR, JX_XML_ERROR_IO, _("Only files on this computer can be compared."));
  else
    other = jx_storage_load (path, NULL, &error);
  if (other == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, other, g_object_unref);
}

static void
on_compare_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  JxWindow *self = JX_WINDOW (source);
  JxCompareJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) other = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->cancelled)
    return;
  if (other == NULL)
    {
      jx_window_cancel_compare (self);
      jx_window_show_error (self, _("The other version cannot be read"), error->message);
      return;
    }
  job->other = g_steal_pointer (&other);
  if (job->n_copies >= COMPARE_MAX_COPIES && job->snapshot == NULL && job->copy == NULL)
    compare_start_copy (job);
  else
    compare_maybe_diff (job);
}

static void
clear_comparison_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);

  jx_window_cancel_compare (self);
  jx_window_set_comparison (self, NULL);
  jx_window_destroy_changes_window (self);
}

void
jx_window_compare_with (JxWindow *self,
                        GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *message = NULL;
  JxCompareJob *job;

  g_return_if_fail (JX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->document == NULL)
    return;
  /* A new comparison replaces one being made. */
  jx_window_cancel_compare (self);
  job = g_atomic_rc_box_new0 (JxCompareJob);
  job->window = self;
  job->name = g_file_get_basename (file);
  job->document = g_object_ref (self->document);
  self->compare_job = job;

  /* TRANSLATORS: shown with a spinner while Compare With… reads the other
   * version and compares; %s is its file name */
  message = g_strdup_printf (_("Comparing with “%s”…"), job->name);
  jx_toast_show_progress (self->progress, message);

  task = g_task_new (self, NULL, on_compare_loaded_cb, NULL);
  g_object_set_data_full (G_OBJECT (task), "jx-file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, compare_job_ref (job), (GDestroyNotify) compare_job_unref);
  g_task_run_in_thread (task, compare_load_thread);
  compare_start_copy (job);
}

static void
on_compare_chosen_cb (GFile    *file,
                      gpointer  data)
{
  if (file != NULL)
    jx_window_compare_with (data, file);
  g_object_unref (data);
}

static void
compare_with_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  if (jx_window_get_document (JX_WINDOW (widget)) != NULL)
    jx_file_dialog_open (GTK_WINDOW (widget), on_compare_chosen_cb, g_object_ref (widget));
}

/* File → Export Comments: the comments report (jx-review.h) as PDF or CSV,
 * by the extension chosen, written off the main thread from a copy of the
 * table. */
typedef struct
{
  GBytes   *table;      /* the table in the file form */
  char     *path;
  gboolean  open_only;
} CommentsJob;

static void
comments_job_free (CommentsJob *job)
{
  g_bytes_unref (job->table);
  g_free (job->path);
  g_free (job);
}

static void
export_comments_thread (GTask        *task,
                        gpointer      source,
                        gpointer      data,
                        GCancellable *cancellable)
{
  CommentsJob *job = data;
  g_autoptr(JxDocument) copy = NULL;
  g_autoptr(GBytes) csv = NULL;
  GError *error = NULL;
  gboolean ok;

  copy = jx_xml_load_bytes (job->table, NULL, NULL, &error);
  if (copy == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_str_has_suffix (job->path, ".pdf") || g_str_has_suffix (job->path, ".PDF"))
    ok = jx_review_write_pdf (copy, job->open_only, job->path, NULL, &error);
  else
    {
      csv = jx_review_to_csv (copy, job->open_only);
      ok = g_file_set_contents_full (job->path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, &error);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_comments_exported_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  JxWindow *self = JX_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    jx_window_show_error (self, _("The comments could not be exported"), error->message);
  g_object_set_data (G_OBJECT (self), "jx-comments-exported", GINT_TO_POINTER (error == NULL ? 1 : -1));
}

void
jx_window_export_comments (JxWindow *self,
                           GFile    *file,
                           gboolean  open_only)
{
  JxDocument *document = jx_window_get_document (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  CommentsJob *job;
  g_autofree char *path = g_file_get_path (file);

  if (document == NULL)
    return;
  g_object_set_data (G_OBJECT (self), "jx-comments-exported", NULL);
  job = g_new0 (CommentsJob, 1);
  job->table = jx_xml_write (document, &error);
  job->path = g_steal_pointer (&path);
  job->open_only = open_only;
  if (job->table == NULL || job->path == NULL)
    {
      jx_window_show_error (self, _("The comments could not be exported"),
                            error ? error->message : _("Only files on this computer can be written."));
      comments_job_free (job);
      return;
    }
  task = g_task_new (self, NULL, on_comments_exported_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) comments_job_free);
  g_task_run_in_thread (task, export_comments_thread);
}

static void
on_export_comments_chosen_cb (GFile    *file,
                              gpointer  data)
{
  if (file != NULL)
    jx_window_export_comments (data, file, TRUE);
  g_object_unref (data);
}

/* Parameter "pdf" or "csv": the chooser proposes "<title> 批注.pdf|csv". */
static void
export_comments_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxDocument *document = jx_window_get_document (self);
  gboolean pdf = g_str_equal (g_variant_get_string (parameter, NULL), "pdf");
  const char *title;
  g_autofree char *csv_name = NULL;
  g_autofree char *name = NULL;

  if (document == NULL)
    return;
  title = jx_document_get_title (document);
  /* Translators: the file name of the comments report: "<table title> 批注.csv" */
  csv_name = g_strdup_printf (_("%s comments.csv"), *title ? title : _("Untitled document"));
  if (pdf && g_str_has_suffix (csv_name, ".csv"))
    {
      csv_name[strlen (csv_name) - 4] = '\0';
      name = g_strconcat (csv_name, ".pdf", NULL);
    }
  else
    name = g_steal_pointer (&csv_name);
  jx_file_dialog_export (GTK_WINDOW (self), _("Export Comments"),
                         pdf ? _("PDF documents (*.pdf)") : _("Comma-separated values (*.csv)"),
                         pdf ? "*.pdf" : "*.csv", name,
                         on_export_comments_chosen_cb, g_object_ref (self));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ------------------------------------------------------------ editing */

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);

  jx_history_undo (jx_document_get_history (self->document));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);

  jx_history_redo (jx_document_get_history (self->document));
}

/* The project the selection is in (the shown project or the indicator's). */
static JxProject *
current_project (JxWindow *self)
{
  if (JX_IS_PROJECT (self->shown))
    return JX_PROJECT (self->shown);
  if (JX_IS_INDICATOR (self->shown))
    return jx_indicator_get_project (JX_INDICATOR (self->shown));
  return NULL;
}

static void
add_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxProject *after = current_project (self);
  JxFundingUnit *unit = NULL;
  JxProject *project;
  guint position = G_MAXUINT;

  if (after != NULL)
    {
      unit = jx_project_get_unit (after);
      if (jx_node_get_position (JX_NODE (after), &position))
        position++;
    }
  else if (JX_IS_FUNDING_UNIT (self->shown))
    unit = JX_FUNDING_UNIT (self->shown);
  else
    {
      GListModel *units = jx_document_get_units (self->document);
      g_autoptr(JxFundingUnit) first = g_list_model_get_item (units, 0);

      if (first == NULL)
        first = g_object_ref (jx_edit_add_unit (self->document, 0, _("Funding unit")));
      unit = first;
    }
  if (position == G_MAXUINT)
    position = g_list_model_get_n_items (jx_funding_unit_get_projects (unit));

  self->need_full = TRUE;
  project = jx_edit_add_project (self->document, unit, position, "");
  jx_window_select_node (self, JX_NODE (project));
  jx_window_focus_field (self, "name");
}

static void
add_indicator_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxProject *project = current_project (self);
  JxTaxonomy *taxonomy = jx_taxonomy_get_builtin (jx_document_get_taxonomy (self->document), NULL);
  const char *category = "", *subcategory = "";
  JxIndicator *indicator;
  guint position;

  if (project == NULL)
    return;
  if (JX_IS_INDICATOR (self->shown) && jx_node_get_position (self->shown, &position))
    {
      /* Same category as the indicator it follows: the usual way to add. */
      category = jx_indicator_get_category (JX_INDICATOR (self->shown));
      subcategory = jx_indicator_get_subcategory (JX_INDICATOR (self->shown));
      position++;
    }
  else
    position = g_list_model_get_n_items (jx_project_get_indicators (project));

  if (taxonomy != NULL && !jx_taxonomy_is_valid_pair (taxonomy, category, subcategory))
    {
      const char * const *categories = jx_taxonomy_get_categories (taxonomy);
      const char * const *subs = categories && categories[0]
                                 ? jx_taxonomy_get_subcategories (taxonomy, categories[0]) : NULL;

      category = categories && categories[0] ? categories[0] : "";
      subcategory = subs && subs[0] ? subs[0] : "";
    }

  self->need_full = TRUE;
  indicator = jx_edit_add_indicator (self->document, project, position, category, subcategory);
  jx_window_select_node (self, JX_NODE (indicator));
  jx_window_focus_field (self, "name");
}

static gboolean
is_editable_node (JxNode *node)
{
  return JX_IS_PROJECT (node) || JX_IS_INDICATOR (node);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  g_autoptr(JxNode) node = self->shown ? g_object_ref (self->shown) : NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  JxNode *parent;

  if (JX_IS_FUNDING_UNIT (node) && !self->review_mode)
    {
      jx_window_remove_unit (self, JX_FUNDING_UNIT (node));
      return;
    }
  if (!is_editable_node (node))
    return;
  parent = jx_node_get_parent (node);
  self->need_full = TRUE;
  name = g_strdup (JX_IS_PROJECT (node) ? jx_project_get_name (JX_PROJECT (node))
                                        : jx_indicator_get_name (JX_INDICATOR (node)));
  jx_edit_remove (self->document, node);
  /* Show where the node was, never a neighbour that was not chosen. */
  jx_window_select_node (self, parent);

  /* Translators: %s is the name of the project or indicator removed */
  message = g_strdup_printf (JX_IS_PROJECT (node) ? _("Removed the project “%s”") : _("Removed the indicator “%s”"),
                             *name ? name : _("(unnamed)"));
  jx_window_show_toast (self, message, _("_Undo"), "win.undo");
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  JxNode *copy;

  if (!is_editable_node (self->shown))
    return;
  self->need_full = TRUE;
  copy = jx_edit_duplicate (self->document, self->shown);
  if (copy != NULL)
    jx_window_select_node (self, copy);
}

static void
move (JxWindow *self,
      int       delta)
{
  g_autoptr(JxNode) node = self->shown ? g_object_ref (self->shown) : NULL;
  JxNode *parent;
  GListModel *siblings;
  guint position;

  if (!is_editable_node (node) || !jx_node_get_position (node, &position))
    return;
  parent = jx_node_get_parent (node);
  siblings = jx_node_get_children (parent, G_OBJECT_TYPE (node));
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= g_list_model_get_n_items (siblings)))
    return;
  self->need_full = TRUE;
  jx_edit_move (self->document, node, parent, position + delta);
  jx_window_select_node (self, node);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move (JX_WINDOW (widget), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move (JX_WINDOW (widget), +1);
}

/* ------------------------------------------------------------- panels */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (JX_WINDOW (widget)->search_entry));
}

static void
toggle_problems_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);

  gtk_toggle_button_set_active (self->problems_button, !gtk_toggle_button_get_active (self->problems_button));
}

static void
show_comments_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);

  gtk_toggle_button_set_active (self->comments_button, !gtk_toggle_button_get_active (self->comments_button));
}

static void
context_menu_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JxWindow *self = JX_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  graphene_rect_t bounds;

  if (focus != NULL && gtk_widget_compute_bounds (focus, GTK_WIDGET (self->tree_view), &bounds))
    {
      GdkRectangle rect = { (int) bounds.origin.x + 24, (int) (bounds.origin.y + bounds.size.height), 1, 1 };

      gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &rect);
    }
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
focus_tree_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (JX_WINDOW (widget)->tree_view));
}

static void
cycle_area_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  jx_window_cycle_area (JX_WINDOW (widget), g_str_equal (action_name, "win.cycle-area") ? 1 : -1);
}

void
jx_window_update_actions (JxWindow *self)
{
  JxHistory *history;
  gboolean writable, editable_node, can_up = FALSE, can_down = FALSE;
  guint position;

  if (self->document == NULL)
    return;
  history = jx_document_get_history (self->document);
  writable = !jx_document_is_read_only (self->document);
  editable_node = writable && is_editable_node (self->shown);
  if (editable_node && jx_node_get_position (self->shown, &position))
    {
      GListModel *siblings = jx_node_get_children (jx_node_get_parent (self->shown),
                                                   G_OBJECT_TYPE (self->shown));

      can_up = position > 0;
      can_down = position + 1 < g_list_model_get_n_items (siblings);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", writable && jx_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", writable && jx_history_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-project", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-indicator", writable && current_project (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove",
                                 editable_node || (writable && JX_IS_FUNDING_UNIT (self->shown)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate", editable_node);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-up", can_up);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-down", can_down);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-comparison", self->comparison != NULL);
  jx_clipboard_update_actions (self);
  jx_window_review_update_actions (self);
}

void
jx_window_class_install_actions (JxWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Accelerators are set in one place: jx-application.c. */
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.new-year", NULL, new_year_action);
  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL, compare_with_action);
  gtk_widget_class_install_action (widget_class, "win.clear-comparison", NULL, clear_comparison_action);
  gtk_widget_class_install_action (widget_class, "win.export-comments", "s", export_comments_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.add-project", NULL, add_project_action);
  gtk_widget_class_install_action (widget_class, "win.add-indicator", NULL, add_indicator_action);
  gtk_widget_class_install_action (widget_class, "win.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "win.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-problems", NULL, toggle_problems_action);
  gtk_widget_class_install_action (widget_class, "win.show-comments", NULL, show_comments_action);
  gtk_widget_class_install_action (widget_class, "win.context-menu", NULL, context_menu_action);
  gtk_widget_class_install_action (widget_class, "win.focus-tree", NULL, focus_tree_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-area", NULL, cycle_area_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-area-back", NULL, cycle_area_action);
  jx_window_class_install_export_actions (klass);
}
