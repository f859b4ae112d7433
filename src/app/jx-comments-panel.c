/* jx-comments-panel.c: reviewers' comments, their replies, and resolving them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-comments-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-application.h"
#include "jx-comments-panel.h"
#include "jx-edit.h"
#include "jx-model-private.h"
#include "jx-window-private.h"

struct _JxCommentsPanel
{
  GtkWidget     parent_instance;

  GtkLabel     *summary_label;
  GtkEntry     *comment_entry;
  GtkButton    *add_button;
  GtkLabel     *target_label;
  GtkListBox   *list_box;
  GtkWidget    *empty_label;

  JxDocument   *document;
  JxNode       *target;
  GPtrArray    *rows;          /* GtkListBoxRow, in display order */
  gulong        changed_id;
  GtkWidget    *name_dialog;   /* asking for the reviewer's name, or NULL */
};

G_DEFINE_FINAL_TYPE (JxCommentsPanel, jx_comments_panel, GTK_TYPE_WIDGET)

enum { COMMENT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
describe_target (JxDocument   *document,
                 JxAnnotation *annotation)
{
  const char *target = jx_annotation_get_target (annotation);
  const char *field = jx_annotation_get_field (annotation);
  JxNode *node = target && *target ? jx_document_lookup (document, target) : NULL;
  g_autofree char *name = NULL;

  if (JX_IS_INDICATOR (node))
    {
      const char *indicator = jx_indicator_get_name (JX_INDICATOR (node));

      name = g_strdup (*indicator ? indicator : _("(unnamed indicator)"));
    }
  else if (JX_IS_PROJECT (node))
    name = g_strdup (jx_project_get_name (JX_PROJECT (node)));
  else if (JX_IS_FUNDING_UNIT (node))
    name = g_strdup (jx_funding_unit_get_name (JX_FUNDING_UNIT (node)));
  else if (node == NULL && target && *target)
    name = g_strdup (_("(removed)"));
  else
    name = g_strdup (_("Document"));

  if (field && *field)
    return g_strdup_printf ("%s · %s", name, jx_field_label_for_id (field));
  return g_steal_pointer (&name);
}

/* "2024-03-01 10:00", in the time zone it was written in. */
static char *
describe_time (const char *time)
{
  g_autoptr(GDateTime) when = time && *time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;

  if (when == NULL)
    return g_strdup (time ? time : "");
  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

/* Without an installed schema the name lasts as long as the program. */
static char *session_name;

/* The `reviewer-name` setting, or NULL when it is empty: comments are then
 * signed only once the reviewer has said their name (never the login name
 * behind their back). */
static char *
author_name (void)
{
  GSettings *settings = jx_application_get_settings (NULL);
  g_autofree char *name = settings ? g_settings_get_string (settings, "reviewer-name")
                                   : g_strdup (session_name);

  if (name != NULL && *g_strstrip (name) != '\0')
    return g_steal_pointer (&name);
  return NULL;
}

/* A comment or reply waiting for the reviewer's name. */
typedef struct
{
  JxCommentsPanel *self;
  JxNode          *target;     /* a new comment on it, or */
  JxAnnotation    *reply_to;   /* a reply to it */
  char            *text;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->target);
  g_clear_object (&pending->reply_to);
  g_free (pending->text);
  g_free (pending);
}

static gboolean check_text (JxCommentsPanel *self, const char *text);

static void
post (JxCommentsPanel *self,
      JxNode          *target,
      JxAnnotation    *reply_to,
      const char      *text,
      const char      *author)
{
  g_autofree char *typed = NULL;

  if (self->document == NULL || jx_document_is_read_only (self->document))
    return;
  /* A text or name longer than a document holds: said, and kept typed. */
  if (!check_text (self, text) || !check_text (self, author))
    return;
  if (reply_to != NULL)
    {
      if (jx_node_get_document (JX_NODE (reply_to)) == self->document)
        /* The reply changes the document, which rebuilds the rows. */
        jx_edit_reply (self->document, reply_to, author, text);
      return;
    }
  if (target == NULL || jx_node_get_document (target) != self->document)
    return;
  jx_edit_add_annotation (self->document, jx_node_get_id (target), NULL, author, text);
  /* Cleared only if it still holds what was sent. */
  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry))));
  if (g_str_equal (typed, text))
    gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
}

static void
on_name_sign_cb (GtkWidget *widget,
                 Pending   *pending)
{
  JxCommentsPanel *self = pending->self;
  GtkWidget *dialog = self->name_dialog;
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  GSettings *settings = jx_application_get_settings (NULL);

  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return;
    }
  if (settings != NULL)
    g_settings_set_string (settings, "reviewer-name", name);
  else
    {
      g_free (session_name);
      session_name = g_strdup (name);
    }
  post (self, pending->target, pending->reply_to, pending->text, name);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_name_cancel_cb (GtkWidget *widget,
                   GtkWindow *dialog)
{
  /* The comment stays where it was typed. */
  gtk_window_destroy (dialog);
}

static void
on_name_dialog_destroy_cb (GtkWidget       *dialog,
                           JxCommentsPanel *self)
{
  if (self->name_dialog == dialog)
    self->name_dialog = NULL;
}

static void
on_name_changed_cb (GtkEditable *entry,
                    GtkWidget   *sign)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gtk_widget_set_sensitive (sign, *name != '\0');
}

/* Asks once for the name comments are signed with, then posts. */
static void
ask_name_then_post (JxCommentsPanel *self,
                    JxNode          *target,
                    JxAnnotation    *reply_to,
                    const char      *text)
{
  Pending *pending = g_new0 (Pending, 1);
  GtkWidget *dialog = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Your Name as Reviewer"));
  GtkWidget *explain = gtk_label_new (_("Comments are signed with your name, so that the department knows "
                                        "who asked. It is kept in Preferences (reviewer name), where you can "
                                        "change it."));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *sign = gtk_button_new_with_mnemonic (_("_Sign and Add"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *real = g_get_real_name ();

  pending->self = self;
  pending->target = target ? g_object_ref (target) : NULL;
  pending->reply_to = reply_to ? g_object_ref (reply_to) : NULL;
  pending->text = g_strdup (text);

  if (self->name_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->name_dialog));
  self->name_dialog = dialog;

  gtk_window_set_title (GTK_WINDOW (dialog), _("Your Name as Reviewer"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 420, -1);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  gtk_widget_add_css_class (title, "title-3");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (explain), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explain), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (explain), 50);
  /* The account's full name, if it has one, as a suggestion to confirm. */
  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown") && !g_str_equal (real, g_get_user_name ()))
    gtk_editable_set_text (GTK_EDITABLE (entry), real);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. 财政局 李审核"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reviewer name"), -1);
  gtk_widget_add_css_class (sign, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);

  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), sign);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), explain);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_window_set_child (GTK_WINDOW (dialog), box);
  gtk_window_set_default_widget (GTK_WINDOW (dialog), sign);

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "sign", sign);
  g_object_set_data_full (G_OBJECT (dialog), "pending", pending, (GDestroyNotify) pending_free);
  g_signal_connect (sign, "clicked", G_CALLBACK (on_name_sign_cb), pending);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_name_cancel_cb), dialog);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), sign);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_name_dialog_destroy_cb), self);
  on_name_changed_cb (GTK_EDITABLE (entry), sign);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Posts with the reviewer's name, asking for it first when it is not set. */
static void
sign_and_post (JxCommentsPanel *self,
               JxNode          *target,
               JxAnnotation    *reply_to,
               const char      *text)
{
  g_autofree char *author = author_name ();

  if (author != NULL)
    post (self, target, reply_to, text, author);
  else
    ask_name_then_post (self, target, reply_to, text);
}

static gboolean
writable (JxCommentsPanel *self)
{
  return self->document != NULL && !jx_document_is_read_only (self->document);
}

static void
update_add (JxCommentsPanel *self)
{
  gboolean can = writable (self) && (JX_IS_PROJECT (self->target) || JX_IS_INDICATOR (self->target));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
  g_autofree char *on = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), can && *text != '\0');
  if (can)
    {
      g_autofree char *where = NULL;

      if (JX_IS_INDICATOR (self->target))
        {
          const char *name = jx_indicator_get_name (JX_INDICATOR (self->target));

          where = g_strdup (*name ? name : _("(unnamed indicator)"));
        }
      else
        where = g_strdup (jx_project_get_name (JX_PROJECT (self->target)));
      on = g_strdup_printf (_("On: %s"), where);
    }
  else
    on = g_strdup (_("Select a project or an indicator to comment on it."));
  gtk_label_set_text (self->target_label, on);
}

static void
on_entry_changed_cb (GtkEditable     *editable,
                     JxCommentsPanel *self)
{
  update_add (self);
}

/* Whether @text fits in a document; if not, the window says so and the
 * entry keeps what was typed. */
static gboolean
check_text (JxCommentsPanel *self,
            const char      *text)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (jx_edit_check_text (C_("field", "text"), text, &error))
    return TRUE;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_widget_error_bell (GTK_WIDGET (self));
  if (JX_IS_WINDOW (root))
    jx_window_show_error (JX_WINDOW (root), _("The comment is too long"), error->message);
  return FALSE;
}

static void
on_add_cb (GtkWidget       *widget,
           JxCommentsPanel *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry))));

  if (*text == '\0' || !writable (self) || !(JX_IS_PROJECT (self->target) || JX_IS_INDICATOR (self->target)))
    return;
  sign_and_post (self, self->target, NULL, text);
}

static void
on_resolve_cb (GtkButton       *button,
               JxCommentsPanel *self)
{
  JxAnnotation *annotation = g_object_get_data (G_OBJECT (button), "annotation");

  if (writable (self))
    jx_edit_set_resolved (self->document, annotation, !jx_annotation_get_resolved (annotation));
}

static void
on_reply_toggled_cb (GtkButton       *button,
                     JxCommentsPanel *self)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (button), "reply-box");
  GtkWidget *entry = g_object_get_data (G_OBJECT (button), "reply-entry");
  gboolean show = !gtk_widget_get_visible (box);

  gtk_widget_set_visible (box, show);
  if (show)
    gtk_widget_grab_focus (entry);
}

static void
on_reply_send_cb (GtkWidget       *widget,
                  JxCommentsPanel *self)
{
  GtkEntry *entry = g_object_get_data (G_OBJECT (widget), "reply-entry");
  JxAnnotation *annotation = g_object_get_data (G_OBJECT (widget), "annotation");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0' || !writable (self))
    return;
  sign_and_post (self, NULL, annotation, text);
}

static GtkWidget *
small_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
make_row (JxCommentsPanel *self,
          JxAnnotation    *annotation)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reply_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reply_entry = gtk_entry_new ();
  GtkWidget *send = gtk_button_new_with_label (_("Add reply"));
  GtkWidget *reply = gtk_button_new_with_label (_("Reply"));
  GtkWidget *resolve;
  GListModel *replies = jx_annotation_get_replies (annotation);
  gboolean resolved = jx_annotation_get_resolved (annotation);
  g_autofree char *where = describe_target (self->document, annotation);
  g_autofree char *when = describe_time (jx_annotation_get_time (annotation));
  g_autofree char *byline = NULL;
  GtkWidget *label;

  if (resolved)
    byline = g_strdup_printf (_("%s · %s · resolved"), jx_annotation_get_author (annotation), when);
  else
    byline = g_strdup_printf ("%s · %s", jx_annotation_get_author (annotation), when);

  label = small_label (where, "heading");
  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, where);
  gtk_box_append (GTK_BOX (content), label);
  gtk_box_append (GTK_BOX (content), small_label (byline, "caption"));
  gtk_box_append (GTK_BOX (content), small_label (jx_annotation_get_text (annotation), NULL));

  for (guint i = 0; i < g_list_model_get_n_items (replies); i++)
    {
      g_autoptr(JxAnnotation) answer = g_list_model_get_item (replies, i);
      g_autofree char *answer_when = describe_time (jx_annotation_get_time (answer));
      g_autofree char *answer_by = g_strdup_printf ("%s · %s", jx_annotation_get_author (answer), answer_when);
      GtkWidget *reply_content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_add_css_class (reply_content, "jx-comment-reply");
      gtk_widget_set_margin_start (reply_content, 12);
      gtk_box_append (GTK_BOX (reply_content), small_label (answer_by, "caption"));
      gtk_box_append (GTK_BOX (reply_content), small_label (jx_annotation_get_text (answer), NULL));
      gtk_box_append (GTK_BOX (content), reply_content);
    }
  if (resolved)
    gtk_widget_add_css_class (content, "dim-label");
  gtk_box_append (GTK_BOX (box), content);

  resolve = gtk_button_new_with_label (resolved ? _("Reopen") : _("Resolve"));
  gtk_widget_add_css_class (reply, "flat");
  gtk_widget_add_css_class (resolve, "flat");
  gtk_widget_set_sensitive (reply, writable (self));
  gtk_widget_set_sensitive (resolve, writable (self));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), reply);
  gtk_box_append (GTK_BOX (buttons), resolve);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_widget_set_hexpand (reply_entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (reply_entry), _("Write a reply"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reply_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reply"), -1);
  gtk_box_append (GTK_BOX (reply_box), reply_entry);
  gtk_box_append (GTK_BOX (reply_box), send);
  gtk_widget_set_visible (reply_box, FALSE);
  gtk_box_append (GTK_BOX (box), reply_box);

  g_object_set_data (G_OBJECT (reply), "reply-box", reply_box);
  g_object_set_data (G_OBJECT (reply), "reply-entry", reply_entry);
  g_object_set_data (G_OBJECT (resolve), "annotation", annotation);
  g_object_set_data (G_OBJECT (send), "annotation", annotation);
  g_object_set_data (G_OBJECT (send), "reply-entry", reply_entry);
  g_object_set_data (G_OBJECT (reply_entry), "annotation", annotation);
  g_object_set_data (G_OBJECT (reply_entry), "reply-entry", reply_entry);
  g_signal_connect (reply, "clicked", G_CALLBACK (on_reply_toggled_cb), self);
  g_signal_connect (resolve, "clicked", G_CALLBACK (on_resolve_cb), self);
  g_signal_connect (send, "clicked", G_CALLBACK (on_reply_send_cb), self);
  g_signal_connect (reply_entry, "activate", G_CALLBACK (on_reply_send_cb), self);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "annotation", g_object_ref (annotation), g_object_unref);
  g_object_set_data (G_OBJECT (row), "reply-button", reply);
  g_object_set_data (G_OBJECT (row), "resolve-button", resolve);
  g_object_set_data (G_OBJECT (row), "reply-entry", reply_entry);
  return row;
}

static void
refresh (JxCommentsPanel *self)
{
  GListModel *annotations;
  guint n, open = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list_box, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  update_add (self);

  if (self->document == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_visible (self->empty_label, TRUE);
      return;
    }

  /* Open ones first, then resolved ones, each in document order. */
  annotations = jx_document_get_annotations (self->document);
  n = g_list_model_get_n_items (annotations);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);
        gboolean resolved = jx_annotation_get_resolved (annotation);
        GtkWidget *row;

        if (resolved != (pass == 1))
          continue;
        open += !resolved;
        row = make_row (self, annotation);
        gtk_list_box_append (self->list_box, row);
        g_ptr_array_add (self->rows, row);
      }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open", open), open);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (self->empty_label, n == 0);
}

static void
on_document_changed_cb (JxDocument      *document,
                        JxCommentsPanel *self)
{
  /* A removed target leaves the panel pointing at nothing. */
  if (self->target != NULL && jx_node_get_document (self->target) != self->document)
    g_clear_object (&self->target);
  refresh (self);
}

void
jx_comments_panel_bind (JxCommentsPanel *self,
                        JxDocument      *document)
{
  g_return_if_fail (JX_IS_COMMENTS_PANEL (self));

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  g_clear_object (&self->target);
  if (document != NULL)
    self->changed_id = g_signal_connect (document, "changed", G_CALLBACK (on_document_changed_cb), self);
  refresh (self);
}

void
jx_comments_panel_set_target (JxCommentsPanel *self,
                              JxNode          *node)
{
  g_return_if_fail (JX_IS_COMMENTS_PANEL (self));

  g_set_object (&self->target, node);
  update_add (self);
}

guint
jx_comments_panel_get_n_rows (JxCommentsPanel *self)
{
  return self->rows->len;
}

static GtkWidget *
row_at (JxCommentsPanel *self,
        guint            position)
{
  g_return_val_if_fail (position < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, position);
}

JxAnnotation *
jx_comments_panel_get_annotation (JxCommentsPanel *self,
                                  guint            position)
{
  GtkWidget *row = row_at (self, position);

  return row ? g_object_get_data (G_OBJECT (row), "annotation") : NULL;
}

char *
jx_comments_panel_describe_row (JxCommentsPanel *self,
                                guint            position)
{
  JxAnnotation *annotation = jx_comments_panel_get_annotation (self, position);
  g_autofree char *where = NULL;
  GListModel *replies;
  GString *text;

  if (annotation == NULL)
    return NULL;
  where = describe_target (self->document, annotation);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s|%s|%s", where, jx_annotation_get_author (annotation),
                          jx_annotation_get_text (annotation));
  replies = jx_annotation_get_replies (annotation);
  for (guint i = 0; i < g_list_model_get_n_items (replies); i++)
    {
      g_autoptr(JxAnnotation) answer = g_list_model_get_item (replies, i);

      g_string_append_printf (text, "|%s: %s", jx_annotation_get_author (answer),
                              jx_annotation_get_text (answer));
    }
  return g_string_free (text, FALSE);
}

void
jx_comments_panel_activate_row (JxCommentsPanel *self,
                                guint            position)
{
  JxAnnotation *annotation = jx_comments_panel_get_annotation (self, position);
  const char *field;

  if (annotation == NULL)
    return;
  field = jx_annotation_get_field (annotation);
  g_signal_emit (self, signals[COMMENT_ACTIVATED], 0, jx_annotation_get_target (annotation),
                 field && *field ? field : NULL);
}

GtkWidget *
jx_comments_panel_get_name_dialog (JxCommentsPanel *self)
{
  g_return_val_if_fail (JX_IS_COMMENTS_PANEL (self), NULL);
  return self->name_dialog;
}

GtkWidget *
jx_comments_panel_get_entry (JxCommentsPanel *self)
{
  return GTK_WIDGET (self->comment_entry);
}

GtkWidget *
jx_comments_panel_get_add_button (JxCommentsPanel *self)
{
  return GTK_WIDGET (self->add_button);
}

GtkWidget *
jx_comments_panel_get_row_button (JxCommentsPanel *self,
                                  guint            position,
                                  const char      *which)
{
  GtkWidget *row = row_at (self, position);
  g_autofree char *key = g_strconcat (which, "-button", NULL);

  return row ? g_object_get_data (G_OBJECT (row), key) : NULL;
}

GtkWidget *
jx_comments_panel_get_reply_entry (JxCommentsPanel *self,
                                   guint            position)
{
  GtkWidget *row = row_at (self, position);

  return row ? g_object_get_data (G_OBJECT (row), "reply-entry") : NULL;
}

static void
on_row_activated_cb (GtkListBox      *list,
                     GtkListBoxRow   *row,
                     JxCommentsPanel *self)
{
  guint position;

  if (g_ptr_array_find (self->rows, row, &position))
    jx_comments_panel_activate_row (self, position);
}

static void
jx_comments_panel_dispose (GObject *object)
{
  JxCommentsPanel *self = JX_COMMENTS_PANEL (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_object (&self->document);
  g_clear_object (&self->target);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_COMMENTS_PANEL);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->name_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->name_dialog));
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (jx_comments_panel_parent_class)->dispose (object);
}

static void
jx_comments_panel_class_init (JxCommentsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_comments_panel_dispose;

  /**
   * JxCommentsPanel::comment-activated:
   * A row was activated: the window shows the node (target id) and field.
   */
  signals[COMMENT_ACTIVATED] = g_signal_new ("comment-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-comments-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, add_button);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, target_label);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jx-comments-panel");
}

static void
jx_comments_panel_init (JxCommentsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  update_add (self);
}
