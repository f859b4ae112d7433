/* jx-application.c: the Jixiao application: windows, files, drafts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jx-dialogs.h"
#include "jx-file-dialogs.h"
#include "jx-application.h"
#include "jx-document.h"
#include "jx-preferences.h"
#include "jx-window-private.h"

struct _JxApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  char           *select_id;      /* --select: the node to show first */
  char           *compare_path;   /* --compare-with: the version to compare with */
  gboolean        drafts_checked;
};

G_DEFINE_FINAL_TYPE (JxApplication, jx_application, GTK_TYPE_APPLICATION)

char *
jx_application_get_drafts_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "jixiao", "drafts", NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

char **
jx_application_list_drafts (void)
{
  g_autofree char *dir_path = jx_application_get_drafts_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *drafts = g_ptr_array_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".jixiao"))
      g_ptr_array_add (drafts, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (drafts, compare_strings);
  g_ptr_array_add (drafts, NULL);
  return (char **) g_ptr_array_free (drafts, FALSE);
}

GSettings *
jx_application_get_settings (JxApplication *self)
{
  if (self == NULL)
    {
      GApplication *app = g_application_get_default ();

      if (!JX_IS_APPLICATION (app))
        return NULL;
      self = JX_APPLICATION (app);
    }
  return self->settings;
}

/* ------------------------------------------------------------ windows */

static JxWindow *
find_window (JxApplication *self,
             GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (JX_IS_WINDOW (l->data))
      {
        GFile *shown = jx_window_get_file (l->data);

        if (file == NULL ? jx_window_is_blank (l->data) : (shown && g_file_equal (shown, file)))
          return l->data;
      }
  return NULL;
}

typedef struct
{
  JxApplication *app;
  gboolean       fresh;      /* the window was made for this file */
  char          *select_id;
  char          *compare_path;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_object_unref (data->app);
  g_free (data->select_id);
  g_free (data->compare_path);
  g_free (data);
}

static void
on_open_error_closed_cb (int      response,
                         gpointer data)
{
  g_application_release (G_APPLICATION (data));
}

/* A message about a file that could not be opened, in a window already
 * open, or in a dialog of its own that ends the application when closed
 * (started from the command line with a broken file: no empty window). */
static void
report_open_error (JxApplication *self,
                   JxWindow      *except,
                   const char    *title,
                   const char    *detail)
{
  const JxDialogButton close[] = { { 1, _("_Close"), JX_DIALOG_BUTTON_NORMAL } };

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (JX_IS_WINDOW (l->data) && l->data != except)
      {
        jx_window_show_error (l->data, title, detail);
        return;
      }

  /* No window holds the application meanwhile: the dialog does. */
  g_application_hold (G_APPLICATION (self));
  jx_dialog_ask (NULL, title, detail, close, G_N_ELEMENTS (close), 1, 1,
                 on_open_error_closed_cb, g_object_ref (self), g_object_unref);
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  JxWindow *window = JX_WINDOW (source);
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!jx_window_load_file_finish (window, result, &error))
    {
      GFile *file = g_object_get_data (G_OBJECT (result), "jx-file");
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *title = g_strdup_printf (_("“%s” could not be opened"), name);

      if (data->fresh && jx_window_is_blank (window))
        {
          /* The message first, so the application is never without a window. */
          report_open_error (data->app, window, title, error->message);
          gtk_window_destroy (GTK_WINDOW (window));
        }
      else
        jx_window_show_error (window, title, error->message);
    }
  else if (data->select_id != NULL)
    {
      JxNode *node = jx_document_lookup (jx_window_get_document (window), data->select_id);

      if (node != NULL)
        jx_window_select_node (window, node);
    }
  if (data->compare_path != NULL && jx_window_get_document (window) != NULL)
    {
      g_autoptr(GFile) other = g_file_new_for_path (data->compare_path);

      jx_window_compare_with (window, other);
    }
  open_data_free (data);
}

JxWindow *
jx_application_open_file (JxApplication *self,
                          GFile         *file,
                          const char    *select_id)
{
  JxWindow *window;
  OpenData *data;

  if ((window = find_window (self, file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  data = g_new0 (OpenData, 1);
  data->app = g_object_ref (self);
  data->select_id = g_strdup (select_id);
  data->compare_path = g_strdup (self->compare_path);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (JX_IS_WINDOW (l->data) && jx_window_is_blank (l->data) && !jx_window_is_loading (l->data))
      {
        window = l->data;
        break;
      }
  if (window == NULL)
    {
      window = jx_window_new (GTK_APPLICATION (self));
      data->fresh = TRUE;
    }
  gtk_window_present (GTK_WINDOW (window));
  jx_window_load_file_async (window, file, on_file_loaded_cb, data);
  return window;
}

void
jx_application_save_window_state (JxApplication *self,
                                  JxWindow      *window)
{
  int width, height;

  if (self == NULL || self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (window)));
  if (!gtk_window_is_maximized (GTK_WINDOW (window)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

/* ------------------------------------------------- unsaved changes */

enum { UNSAVED_DISCARD = 1, UNSAVED_CANCEL = 2, UNSAVED_SAVE = 3 };

static void
close_after_save (JxWindow *window)
{
  window->closing = TRUE;
  gtk_window_close (GTK_WINDOW (window));
}

static void
on_unsaved_response_cb (int      response,
                        gpointer data)
{
  JxWindow *window = data;

  if (response == UNSAVED_SAVE)
    jx_window_save (window, close_after_save);
  else if (response == UNSAVED_DISCARD)
    close_after_save (window);
}

void
jx_application_ask_unsaved (JxApplication *self,
                            JxWindow      *window)
{
  GFile *file = jx_window_get_file (window);
  g_autofree char *name = file ? g_file_get_basename (file) : g_strdup (_("Untitled document"));
  g_autofree char *heading = g_strdup_printf (_("Save the changes to “%s” before closing?"), name);
  const JxDialogButton buttons[] = {
    { UNSAVED_DISCARD, _("Close _without Saving"), JX_DIALOG_BUTTON_DESTRUCTIVE },
    { UNSAVED_CANCEL, _("_Cancel"), JX_DIALOG_BUTTON_NORMAL },
    { UNSAVED_SAVE, _("_Save"), JX_DIALOG_BUTTON_SUGGESTED },
  };

  gtk_window_present (GTK_WINDOW (window));
  jx_dialog_ask (GTK_WINDOW (window), heading,
                 _("If you don’t save, the changes since the last save are lost."),
                 buttons, G_N_ELEMENTS (buttons), UNSAVED_SAVE, UNSAVED_CANCEL,
                 on_unsaved_response_cb, g_object_ref (window), g_object_unref);
}

/* ------------------------------------------------------------ drafts */

enum { DRAFTS_DELETE = 1, DRAFTS_LATER = 2, DRAFTS_RESTORE = 3 };

static void
delete_draft_file (const char *draft)
{
  g_autofree char *info = g_strconcat (draft, ".info", NULL);

  g_unlink (draft);
  g_unlink (info);
}

static void
on_drafts_response_cb (int      response,
                       gpointer data)
{
  JxApplication *self = JX_APPLICATION (g_application_get_default ());
  char **drafts = data;

  for (guint i = 0; drafts[i] != NULL; i++)
    {
      if (response == DRAFTS_RESTORE)
        {
          g_autoptr(GError) error = NULL;
          JxWindow *window = find_window (self, NULL);

          if (window == NULL)
            window = jx_window_new (GTK_APPLICATION (self));
          if (!jx_window_restore_draft (window, drafts[i], &error))
            jx_window_show_error (window, _("A recovery draft could not be opened"), error->message);
          gtk_window_present (GTK_WINDOW (window));
        }
      else if (response == DRAFTS_DELETE)
        delete_draft_file (drafts[i]);
    }
}

static char *
describe_draft (const char *draft)
{
  g_autofree char *info_path = g_strconcat (draft, ".info", NULL);
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *original = NULL;
  g_autofree char *when = NULL;
  gint64 time = 0;

  if (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL))
    {
      original = g_key_file_get_string (info, "draft", "original", NULL);
      time = g_key_file_get_int64 (info, "draft", "time", NULL);
    }
  if (time > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (time);

      when = g_date_time_format (dt, "%Y-%m-%d %H:%M");
    }
  return g_strdup_printf ("• %s%s%s", original ? original : _("Untitled document"),
                          when ? "  " : "", when ? when : "");
}

gboolean
jx_application_offer_drafts (JxApplication *self)
{
  char **drafts;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autofree char *body = NULL;
  const JxDialogButton buttons[] = {
    { DRAFTS_DELETE, _("_Delete Drafts"), JX_DIALOG_BUTTON_DESTRUCTIVE },
    { DRAFTS_LATER, _("_Later"), JX_DIALOG_BUTTON_NORMAL },
    { DRAFTS_RESTORE, _("_Restore"), JX_DIALOG_BUTTON_SUGGESTED },
  };

  self->drafts_checked = TRUE;
  drafts = jx_application_list_drafts ();
  if (drafts[0] == NULL)
    {
      g_strfreev (drafts);
      return FALSE;
    }
  for (guint i = 0; drafts[i] != NULL; i++)
    {
      g_autofree char *line = describe_draft (drafts[i]);

      g_string_append_printf (list, "%s\n", line);
    }

  body = g_strdup_printf (_("Jixiao was closed without saving these documents. Their last automatic drafts can be restored:\n\n%s"),
                          list->str);
  jx_dialog_ask (gtk_application_get_active_window (GTK_APPLICATION (self)),
                 _("Restore unsaved work?"), body,
                 buttons, G_N_ELEMENTS (buttons), DRAFTS_RESTORE, DRAFTS_LATER,
                 on_drafts_response_cb, drafts, (GDestroyNotify) g_strfreev);
  return TRUE;
}

static gboolean
offer_drafts_idle (gpointer data)
{
  JxApplication *self = data;

  if (!self->drafts_checked)
    jx_application_offer_drafts (self);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------ actions */

typedef struct
{
  JxApplication *app;
  GStrv          ids;   /* the templates, by response - 1 */
} NewChoice;

static void
new_choice_free (gpointer data)
{
  NewChoice *choice = data;

  g_object_unref (choice->app);
  g_strfreev (choice->ids);
  g_free (choice);
}

static void
on_template_chosen_cb (int      response,
                       gpointer data)
{
  NewChoice *choice = data;
  JxWindow *window;
  JxTemplate *template;

  if (response <= 0 || (guint) response > g_strv_length (choice->ids))
    return;   /* Cancel or Escape */
  template = jx_template_get_builtin (choice->ids[response - 1], NULL);
  g_return_if_fail (template != NULL);
  window = jx_window_new (GTK_APPLICATION (choice->app));
  jx_window_new_document_for_template (window, template);
  gtk_window_present (GTK_WINDOW (window));
}

/* File → New: which kind of table? One button per template, the
 * default-template setting's first and chosen by Enter. */
static void
new_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  JxApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char * const *builtin = jx_template_list_builtin ();
  JxTemplate *first = jx_window_get_default_template ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autofree JxDialogButton *buttons = NULL;
  NewChoice *choice;
  guint n;

  if (parent == NULL)
    {
      gtk_window_present (GTK_WINDOW (jx_window_new (GTK_APPLICATION (self))));
      return;
    }
  g_ptr_array_add (ids, g_strdup (jx_template_get_id (first)));
  for (guint i = 0; builtin[i] != NULL; i++)
    if (!g_str_equal (builtin[i], jx_template_get_id (first)))
      g_ptr_array_add (ids, g_strdup (builtin[i]));
  n = ids->len;
  g_ptr_array_add (ids, NULL);
  buttons = g_new0 (JxDialogButton, n + 1);
  buttons[0] = (JxDialogButton) { n + 1, _("_Cancel"), JX_DIALOG_BUTTON_NORMAL };
  for (guint i = 0; i < n; i++)
    buttons[i + 1] = (JxDialogButton) {
      (int) i + 1, jx_template_get_label (jx_template_get_builtin (g_ptr_array_index (ids, i), NULL)),
      i == 0 ? JX_DIALOG_BUTTON_SUGGESTED : JX_DIALOG_BUTTON_NORMAL
    };
  choice = g_new0 (NewChoice, 1);
  choice->app = g_object_ref (self);
  choice->ids = (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
  jx_dialog_ask (parent, _("New Table"),
                 _("Which kind of table? It decides the funding sources, the goals and the indicator "
                   "columns (指标值, 度量单位, 权重…) the table has."),
                 buttons, n + 1, 1, 0, on_template_chosen_cb, choice, new_choice_free);
}

static void
on_open_chosen_cb (GFile    *file,
                   gpointer  data)
{
  if (file != NULL)
    jx_application_open_file (data, file, NULL);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  JxApplication *self = user_data;

  jx_file_dialog_open (gtk_application_get_active_window (GTK_APPLICATION (self)),
                       on_open_chosen_cb, self);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  /* Each window asks about its own unsaved changes; the application ends
   * when the last one has closed. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  const char *authors[] = { _("The Jixiao developers"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (user_data)),
                         "program-name", _("Jixiao"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Editor for project-expenditure performance target tables (项目支出绩效目标表)"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  JxApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    {
      if (JX_IS_WINDOW (parent))
        jx_window_show_error (JX_WINDOW (parent), _("Preferences cannot be kept"),
                              _("The settings schema org.jixiao.Jixiao is not installed. Install Jixiao "
                                "(or set GSETTINGS_SCHEMA_DIR for a run from the build folder)."));
      return;
    }
  gtk_window_present (GTK_WINDOW (jx_preferences_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_activated },
  { "new", new_activated },
  { "open", open_activated },
  { "quit", quit_activated },
  { "about", about_activated },
};

/* Every accelerator of the application, in one place (the shortcuts
 * window, ui/jx-shortcuts-window.ui, lists the same). */
static const struct { const char *action; const char *accels[3]; } accels[] = {
  { "app.new", { "<Control>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.cycle-area", { "F6", NULL } },
  { "win.cycle-area-back", { "<Shift>F6", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.add-project", { "<Control><Shift>n", NULL } },
  { "win.add-indicator", { "<Control>i", NULL } },
  { "win.duplicate", { "<Control>d", NULL } },
  { "win.move-up", { "<Alt>Up", NULL } },
  { "win.move-down", { "<Alt>Down", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.focus-tree", { "<Control>l", NULL } },
  { "win.review-mode", { "<Control><Shift>r", NULL } },
  { "win.comment-field", { "<Control><Alt>m", NULL } },
  { "win.toggle-problems", { "F9", NULL } },
  { "win.show-comments", { "F8", NULL } },
};

/* --------------------------------------------------------- lifecycle */

static void
jx_application_startup (GApplication *application)
{
  JxApplication *self = JX_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (jx_application_parent_class)->startup (application);

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_message ("The settings schema %s is not installed: preferences are not kept", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  gtk_css_provider_load_from_resource (css, "/org/jixiao/Jixiao/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
jx_application_activate (GApplication *application)
{
  JxApplication *self = JX_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (jx_window_new (GTK_APPLICATION (self)));
  gtk_window_present (window);
  g_idle_add_full (G_PRIORITY_LOW, offer_drafts_idle, g_object_ref (self), g_object_unref);
}

static void
jx_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  JxApplication *self = JX_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    jx_application_open_file (self, files[i], self->select_id);
  g_idle_add_full (G_PRIORITY_LOW, offer_drafts_idle, g_object_ref (self), g_object_unref);
}

static int
jx_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  JxApplication *self = JX_APPLICATION (application);

  g_clear_pointer (&self->select_id, g_free);
  g_variant_dict_lookup (options, "select", "s", &self->select_id);
  g_clear_pointer (&self->compare_path, g_free);
  if (g_variant_dict_lookup (options, "compare-with", "^ay", &self->compare_path))
    {
      /* Relative to where the program was started. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->compare_path);

      g_free (self->compare_path);
      self->compare_path = g_file_get_path (file);
    }
  return -1;
}

static void
jx_application_dispose (GObject *object)
{
  JxApplication *self = JX_APPLICATION (object);

  g_clear_pointer (&self->select_id, g_free);
  g_clear_pointer (&self->compare_path, g_free);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jx_application_parent_class)->dispose (object);
}

static void
jx_application_class_init (JxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = jx_application_dispose;
  app_class->startup = jx_application_startup;
  app_class->activate = jx_application_activate;
  app_class->open = jx_application_open;
  app_class->handle_local_options = jx_application_handle_local_options;
}

static const GOptionEntry options[] = {
  { "select", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the project or indicator with this id in the opened document"), N_("ID") },
  { "compare-with", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Compare the opened document with another version of it (as File → Compare With…)"), N_("FILE") },
  { NULL }
};

static void
jx_application_init (JxApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

JxApplication *
jx_application_new (GApplicationFlags extra_flags)
{
  return g_object_new (JX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | extra_flags,
                       "resource-base-path", "/org/jixiao/Jixiao",
                       NULL);
}
