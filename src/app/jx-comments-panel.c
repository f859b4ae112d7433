/* jx-comments-panel.c: reviewers' comments, their replies, and resolving them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-comments-panel"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "jx-application.h"
#include "jx-comments-panel.h"
#include "jx-edit.h"
#include "jx-model-private.h"
#include "jx-window-private.h"

struct _JxCommentsPanel
{
  GtkWidget           parent_instance;

  GtkLabel           *summary_label;
  GtkEntry           *comment_entry;
  GtkButton          *add_button;
  GtkLabel           *target_label;
  GtkDropDown        *state_dropdown;
  GtkDropDown        *author_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkScrolledWindow  *scrolled;
  GtkListBox         *list_box;
  GtkWidget          *empty_label;

  JxDocument         *document;
  JxNode             *target;
  char               *field;          /* the field new comments go on, or NULL */
  gulong              changed_id;

  /* annotations → filter (state, author) → sort (place or time) → rows */
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkStringList      *authors;        /* "All authors", then each author */
  gboolean            filling_authors;
  GtkWidget          *name_dialog;    /* asking for the reviewer's name, or NULL */
};

G_DEFINE_FINAL_TYPE (JxCommentsPanel, jx_comments_panel, GTK_TYPE_WIDGET)

enum { COMMENT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { STATE_ALL, STATE_OPEN, STATE_RESOLVED };
enum { SORT_PLACE, SORT_NEWEST };

static char *
item_name (JxNode *node)
{
  if (JX_IS_INDICATOR (node))
    {
      const char *indicator = jx_indicator_get_name (JX_INDICATOR (node));
      JxProject *project = jx_indicator_get_project (JX_INDICATOR (node));

      /* An indicator's name alone does not say which project it is in. */
      return g_strdup_printf ("%s / %s", project ? jx_project_get_name (project) : "",
                              *indicator ? indicator : _("(unnamed indicator)"));
    }
  if (JX_IS_PROJECT (node))
    return g_strdup (jx_project_get_name (JX_PROJECT (node)));
  if (JX_IS_FUNDING_UNIT (node))
    return g_strdup (jx_funding_unit_get_name (JX_FUNDING_UNIT (node)));
  return g_strdup (_("Document"));
}

static char *
describe_target (JxDocument   *document,
                 JxAnnotation *annotation)
{
  const char *field = jx_annotation_get_field (annotation);
  JxNode *node = NULL;
  g_autofree char *name = NULL;

  switch (jx_annotation_locate (annotation, document, &node, NULL))
    {
    case JX_ANNOTATION_PLACE_REMOVED_ITEM:
      return g_strdup (_("(removed)"));
    case JX_ANNOTATION_PLACE_REMOVED_FIELD:
      name = item_name (node);
      /* Translators: a comment whose field a later edit took away */
      return g_strdup_printf (_("%s · on a removed field (%s)"), name, field);
    case JX_ANNOTATION_PLACE_DOCUMENT:
    case JX_ANNOTATION_PLACE_FOUND:
    default:
      name = item_name (node);
      break;
    }
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
  JxNode          *target;     /* a new comment on it (on its field, if any), or */
  char            *field;
  JxAnnotation    *reply_to;   /* a reply to it */
  char            *text;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->target);
  g_clear_object (&pending->reply_to);
  g_free (pending->field);
  g_free (pending->text);
  g_free (pending);
}

static void scroll_to_annotation (JxCommentsPanel *self, JxAnnotation *annotation);
static int  position_of          (JxCommentsPanel *self, JxAnnotation *annotation);
static gboolean check_text (JxCommentsPanel *self, const char *text);

static void
post (JxCommentsPanel *self,
      JxNode          *target,
      const char      *field,
      JxAnnotation    *reply_to,
      const char      *text,
      const char      *author)
{
  g_autofree char *typed = NULL;
  JxAnnotation *added;

  if (self->document == NULL || jx_document_is_read_only (self->document))
    return;
  /* A text or name longer than a document holds: said, and kept typed. */
  if (!check_text (self, text) || !check_text (self, author))
    return;
  if (reply_to != NULL)
    {
      if (jx_node_get_document (JX_NODE (reply_to)) == self->document)
        jx_edit_reply (self->document, reply_to, author, text);
      return;
    }
  if (target == NULL || jx_node_get_document (target) != self->document)
    return;
  added = jx_edit_add_annotation (self->document, JX_IS_DOCUMENT (target) ? "" : jx_node_get_id (target),
                                  field, author, text);
  /* Cleared only if it still holds what was sent. */
  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_entry))));
  if (g_str_equal (typed, text))
    gtk_editable_set_text (GTK_EDITABLE (self->comment_entry), "");
  /* A filter that hides it would make the comment look lost. */
  if (added != NULL && position_of (self, added) < 0)
    {
      gtk_drop_down_set_selected (self->state_dropdown, 0);
      gtk_drop_down_set_selected (self->author_dropdown, 0);
    }
  if (added != NULL)
    scroll_to_annotation (self, added);
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
  post (self, pending->target, pending->field, pending->reply_to, pending->text, name);
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
                    const char      *field,
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
  pending->field = g_strdup (field);
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
               const char      *field,
               JxAnnotation    *reply_to,
               const char      *text)
{
  g_autofree char *author = author_name ();

  if (author != NULL)
    post (self, target, field, reply_to, text, author);
  else
    ask_name_then_post (self, target, field, reply_to, text);
}

static gboolean
writable (JxCommentsPanel *self)
{
  return self->document != NULL && !jx_document_is_read_only (self->document);
}

static void
update_add (JxCommentsPanel *self)
{
  gboolean can = writable (self) && self->target != NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->comment_entry));
  g_autofree char *on = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), can && *text != '\0');
  if (can)
    {
      g_autofree char *where = item_name (self->target);

      if (self->field != NULL)
        {
          g_autofree char *item = g_steal_pointer (&where);

          where = g_strdup_printf ("%s · %s", item, jx_field_label_for_id (self->field));
        }
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

/* ---------------------------------------------------------- scrolling */

static gboolean
scroll_tick_cb (GtkWidget     *row,
                GdkFrameClock *clock,
                gpointer       data)
{
  JxCommentsPanel *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  graphene_rect_t bounds;
  double value, page;
  guint tries;

  /* Wait for the row's first allocation. */
  if (gtk_widget_get_height (row) <= 0
      || !gtk_widget_compute_bounds (row, GTK_WIDGET (self->list_box), &bounds))
    return G_SOURCE_CONTINUE;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y >= value - 0.5 && bounds.origin.y + bounds.size.height <= value + page + 0.5)
    return G_SOURCE_REMOVE;
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
  /* The adjustment may not have grown to the new row yet (the value is
   * clamped to the old end): look again next frame, for a few frames. */
  tries = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "jx-scroll-tries")) + 1;
  g_object_set_data (G_OBJECT (row), "jx-scroll-tries", GUINT_TO_POINTER (tries));
  return tries < 30 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static int
position_of (JxCommentsPanel *self,
             JxAnnotation    *annotation)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JxAnnotation) item = g_list_model_get_item (model, i);

      if (item == annotation)
        return (int) i;
    }
  return -1;
}

static void
scroll_to_annotation (JxCommentsPanel *self,
                      JxAnnotation    *annotation)
{
  int position = position_of (self, annotation);
  GtkListBoxRow *row = position >= 0 ? gtk_list_box_get_row_at_index (self->list_box, position) : NULL;

  if (row != NULL)
    {
      g_object_set_data (G_OBJECT (row), "jx-scroll-tries", NULL);
      gtk_widget_add_tick_callback (GTK_WIDGET (row), scroll_tick_cb, self, NULL);
    }
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

  if (*text == '\0' || !writable (self) || self->target == NULL)
    return;
  sign_and_post (self, self->target, self->field, NULL, text);
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
  guint n_before;

  if (*text == '\0' || !writable (self))
    return;
  n_before = g_list_model_get_n_items (jx_annotation_get_replies (annotation));
  sign_and_post (self, NULL, NULL, annotation, text);
  /* Posted (not waiting for the reviewer's name): the row stays, as the
   * list is bound to the model; what was sent is cleared. */
  if (g_list_model_get_n_items (jx_annotation_get_replies (annotation)) > n_before)
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
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
create_reply_row (gpointer item,
                  gpointer data)
{
  JxAnnotation *answer = item;
  g_autofree char *answer_when = describe_time (jx_annotation_get_time (answer));
  g_autofree char *answer_by = g_strdup_printf ("%s · %s", jx_annotation_get_author (answer), answer_when);
  GtkWidget *reply_content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (reply_content, "jx-comment-reply");
  gtk_widget_set_margin_start (reply_content, 12);
  gtk_box_append (GTK_BOX (reply_content), small_label (answer_by, "caption"));
  gtk_box_append (GTK_BOX (reply_content), small_label (jx_annotation_get_text (answer), NULL));
  return reply_content;
}

/* What of a row changes with its comment: where it is (names change), its
 * state and text. The reply entry is left alone. */
static void
update_row (JxCommentsPanel *self,
            GtkWidget       *row)
{
  JxAnnotation *annotation = g_object_get_data (G_OBJECT (row), "annotation");
  GtkLabel *where_label = g_object_get_data (G_OBJECT (row), "where-label");
  GtkLabel *by_label = g_object_get_data (G_OBJECT (row), "by-label");
  GtkLabel *text_label = g_object_get_data (G_OBJECT (row), "text-label");
  GtkWidget *content = g_object_get_data (G_OBJECT (row), "content");
  GtkButton *resolve = g_object_get_data (G_OBJECT (row), "resolve-button");
  GtkWidget *reply = g_object_get_data (G_OBJECT (row), "reply-button");
  gboolean resolved = jx_annotation_get_resolved (annotation);
  g_autofree char *where = describe_target (self->document, annotation);
  g_autofree char *when = describe_time (jx_annotation_get_time (annotation));
  g_autofree char *byline = NULL;

  if (resolved)
    byline = g_strdup_printf (_("%s · %s · resolved"), jx_annotation_get_author (annotation), when);
  else
    byline = g_strdup_printf ("%s · %s", jx_annotation_get_author (annotation), when);
  gtk_label_set_text (where_label, where);
  gtk_widget_set_tooltip_text (GTK_WIDGET (where_label), where);
  gtk_label_set_text (by_label, byline);
  gtk_label_set_text (text_label, jx_annotation_get_text (annotation));
  if (resolved)
    gtk_widget_add_css_class (content, "dim-label");
  else
    gtk_widget_remove_css_class (content, "dim-label");
  gtk_button_set_label (resolve, resolved ? _("Reopen") : _("Resolve"));
  gtk_widget_set_sensitive (reply, writable (self));
  gtk_widget_set_sensitive (GTK_WIDGET (resolve), writable (self));
}

static GtkWidget *
create_row (gpointer item,
            gpointer data)
{
  JxCommentsPanel *self = data;
  JxAnnotation *annotation = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reply_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *reply_entry = gtk_entry_new ();
  GtkWidget *send = gtk_button_new_with_label (_("Add reply"));
  GtkWidget *reply = gtk_button_new_with_label (_("Reply"));
  GtkWidget *resolve = gtk_button_new_with_label (_("Resolve"));
  GtkWidget *replies = gtk_list_box_new ();
  GtkWidget *where_label = small_label ("", "heading");
  GtkWidget *by_label = small_label ("", "caption");
  GtkWidget *text_label = small_label ("", NULL);

  gtk_label_set_wrap (GTK_LABEL (where_label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (where_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (content), where_label);
  gtk_box_append (GTK_BOX (content), by_label);
  gtk_box_append (GTK_BOX (content), text_label);

  /* Replies are a list of their own, bound to the comment's replies. */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (replies), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (replies, "jx-comment-replies");
  gtk_list_box_bind_model (GTK_LIST_BOX (replies), jx_annotation_get_replies (annotation),
                           create_reply_row, self, NULL);
  gtk_box_append (GTK_BOX (content), replies);
  gtk_box_append (GTK_BOX (box), content);

  gtk_widget_add_css_class (reply, "flat");
  gtk_widget_add_css_class (resolve, "flat");
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
  g_object_set_data (G_OBJECT (row), "content", content);
  g_object_set_data (G_OBJECT (row), "where-label", where_label);
  g_object_set_data (G_OBJECT (row), "by-label", by_label);
  g_object_set_data (G_OBJECT (row), "text-label", text_label);
  g_object_set_data (G_OBJECT (row), "reply-button", reply);
  g_object_set_data (G_OBJECT (row), "resolve-button", resolve);
  g_object_set_data (G_OBJECT (row), "reply-entry", reply_entry);
  update_row (self, row);
  return row;
}

/* ---------------------------------------------------- filter and order */

static gboolean
written_by (JxAnnotation *annotation,
            const char   *author)
{
  GListModel *replies = jx_annotation_get_replies (annotation);

  if (g_str_equal (jx_annotation_get_author (annotation), author))
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (replies); i++)
    {
      g_autoptr(JxAnnotation) reply = g_list_model_get_item (replies, i);

      if (written_by (reply, author))
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  JxCommentsPanel *self = data;
  JxAnnotation *annotation = item;
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint author = gtk_drop_down_get_selected (self->author_dropdown);

  if (state == STATE_OPEN && jx_annotation_get_resolved (annotation))
    return FALSE;
  if (state == STATE_RESOLVED && !jx_annotation_get_resolved (annotation))
    return FALSE;
  if (author != GTK_INVALID_LIST_POSITION && author > 0
      && !written_by (annotation, gtk_string_list_get_string (self->authors, author)))
    return FALSE;
  return TRUE;
}

/* Place in the table as a path of positions: the whole table first, then
 * units, projects and indicators in table order, a field after its item
 * in the order of the field table; removed items last. */
static void
place_key (JxCommentsPanel *self,
           JxAnnotation    *annotation,
           guint            key[5])
{
  JxNode *node = NULL;
  const JxField *field = NULL;
  JxAnnotationPlace place = jx_annotation_locate (annotation, self->document, &node, &field);
  guint depth = 0, positions[3] = { 0, };

  memset (key, 0, 5 * sizeof (guint));
  if (place == JX_ANNOTATION_PLACE_REMOVED_ITEM)
    {
      key[0] = G_MAXUINT;
      return;
    }
  for (JxNode *n = node; n != NULL && !JX_IS_DOCUMENT (n) && depth < 3; n = jx_node_get_parent (n))
    {
      guint position = 0;

      jx_node_get_position (n, &position);
      positions[depth++] = position + 1;
    }
  for (guint i = 0; i < depth; i++)
    key[i] = positions[depth - 1 - i];
  if (field != NULL)
    {
      guint n_fields;

      key[3] = 1 + (guint) (field - jx_fields_of (field->owner, &n_fields));
    }
  else if (place == JX_ANNOTATION_PLACE_REMOVED_FIELD)
    key[3] = G_MAXUINT;
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  JxCommentsPanel *self = data;
  JxAnnotation *first = (JxAnnotation *) a, *second = (JxAnnotation *) b;
  guint pa = 0, pb = 0;

  if (self->document == NULL)
    return 0;
  if (gtk_drop_down_get_selected (self->sort_dropdown) == SORT_NEWEST)
    {
      g_autoptr(GDateTime) ta = g_date_time_new_from_iso8601 (jx_annotation_get_time (first), NULL);
      g_autoptr(GDateTime) tb = g_date_time_new_from_iso8601 (jx_annotation_get_time (second), NULL);

      if (ta != NULL && tb != NULL && g_date_time_compare (ta, tb) != 0)
        return -g_date_time_compare (ta, tb);
      if ((ta == NULL) != (tb == NULL))
        return ta == NULL ? 1 : -1;
    }
  else
    {
      guint ka[5], kb[5];

      place_key (self, first, ka);
      place_key (self, second, kb);
      for (guint i = 0; i < 5; i++)
        if (ka[i] != kb[i])
          return ka[i] < kb[i] ? -1 : 1;
    }
  /* Same place or time: the order of the file (the newer one later, or
   * first when newest come first). */
  jx_node_get_position (JX_NODE (first), &pa);
  jx_node_get_position (JX_NODE (second), &pb);
  if (pa == pb)
    return 0;
  if (gtk_drop_down_get_selected (self->sort_dropdown) == SORT_NEWEST)
    return pa < pb ? 1 : -1;
  return pa < pb ? -1 : 1;
}

static void
on_filter_changed_cb (GObject         *object,
                      GParamSpec      *pspec,
                      JxCommentsPanel *self)
{
  if (!self->filling_authors && self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_sort_changed_cb (GObject         *object,
                    GParamSpec      *pspec,
                    JxCommentsPanel *self)
{
  if (self->sorter != NULL)
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

static void
collect_authors (JxAnnotation *annotation,
                 GHashTable   *seen,
                 GPtrArray    *names)
{
  GListModel *replies = jx_annotation_get_replies (annotation);
  const char *author = jx_annotation_get_author (annotation);

  if (*author != '\0' && g_hash_table_add (seen, (gpointer) author))
    g_ptr_array_add (names, (gpointer) author);
  for (guint i = 0; i < g_list_model_get_n_items (replies); i++)
    {
      g_autoptr(JxAnnotation) reply = g_list_model_get_item (replies, i);

      collect_authors (reply, seen, names);
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The author list follows the document; the chosen author stays chosen. */
static void
update_authors (JxCommentsPanel *self)
{
  GListModel *annotations = self->document ? jx_document_get_annotations (self->document) : NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->author_dropdown);
  g_autofree char *chosen = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->authors));
  gboolean same;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    chosen = g_strdup (gtk_string_list_get_string (self->authors, selected));
  for (guint i = 0; annotations != NULL && i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);

      collect_authors (annotation, seen, names);
    }
  g_ptr_array_sort (names, compare_names);
  same = n_old == names->len + 1;
  for (guint i = 0; same && i < names->len; i++)
    same = g_str_equal (gtk_string_list_get_string (self->authors, i + 1), g_ptr_array_index (names, i));
  if (same)
    return;

  /* A chosen author no longer in the list stays offered, so the filter
   * does not change behind the user's back. */
  if (chosen != NULL && !g_hash_table_contains (seen, chosen))
    {
      g_ptr_array_add (names, chosen);
      g_ptr_array_sort (names, compare_names);
    }
  g_ptr_array_add (names, NULL);
  self->filling_authors = TRUE;
  gtk_string_list_splice (self->authors, 1, n_old - 1, (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->author_dropdown, 0);
  for (guint i = 0; chosen != NULL && i + 1 < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), chosen))
      gtk_drop_down_set_selected (self->author_dropdown, i + 1);
  self->filling_authors = FALSE;
}

static void
refresh (JxCommentsPanel *self)
{
  GListModel *annotations;
  guint n, open = 0;
  g_autofree char *summary = NULL;

  update_add (self);
  if (self->document == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_visible (self->empty_label, TRUE);
      return;
    }

  annotations = jx_document_get_annotations (self->document);
  n = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);

      open += !jx_annotation_get_resolved (annotation);
    }
  update_authors (self);

  /* Rows are updated in place, never rebuilt: a reply being typed stays. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "annotation") != NULL)
      update_row (self, row);
  /* A comment resolved or reopened may leave or enter a state filter. */
  if (gtk_drop_down_get_selected (self->state_dropdown) != STATE_ALL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

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
  g_clear_pointer (&self->field, g_free);
  if (document != NULL)
    self->changed_id = g_signal_connect (document, "changed", G_CALLBACK (on_document_changed_cb), self);
  update_authors (self);
  gtk_filter_list_model_set_model (self->filter_model,
                                   document ? jx_document_get_annotations (document) : NULL);
  refresh (self);
}

void
jx_comments_panel_set_target (JxCommentsPanel *self,
                              JxNode          *node)
{
  g_return_if_fail (JX_IS_COMMENTS_PANEL (self));

  if (node != self->target)
    g_clear_pointer (&self->field, g_free);
  g_set_object (&self->target, node);
  update_add (self);
}

void
jx_comments_panel_comment_on (JxCommentsPanel *self,
                              JxNode          *node,
                              const char      *field)
{
  g_return_if_fail (JX_IS_COMMENTS_PANEL (self));

  g_set_object (&self->target, node);
  g_free (self->field);
  self->field = field && *field ? g_strdup (field) : NULL;
  update_add (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_entry));
}

const char *
jx_comments_panel_get_field (JxCommentsPanel *self)
{
  g_return_val_if_fail (JX_IS_COMMENTS_PANEL (self), NULL);
  return self->field;
}

void
jx_comments_panel_show_comments_on (JxCommentsPanel *self,
                                    JxNode          *node,
                                    const char      *field)
{
  JxAnnotation *first = NULL;
  GListModel *model;

  g_return_if_fail (JX_IS_COMMENTS_PANEL (self));

  jx_comments_panel_comment_on (self, node, field);
  /* Open comments in table order, so the field's own come together. */
  gtk_drop_down_set_selected (self->state_dropdown, STATE_OPEN);
  gtk_drop_down_set_selected (self->author_dropdown, 0);
  gtk_drop_down_set_selected (self->sort_dropdown, SORT_PLACE);
  model = G_LIST_MODEL (self->sort_model);
  for (guint i = 0; first == NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (model, i);

      if (g_strcmp0 (jx_annotation_get_target (annotation), jx_node_get_id (node)) == 0
          && g_strcmp0 (jx_annotation_get_field (annotation), field ? field : "") == 0)
        first = annotation;
    }
  if (first != NULL)
    scroll_to_annotation (self, first);
}

void
jx_comments_panel_set_filter (JxCommentsPanel *self,
                              guint            state,
                              const char      *author)
{
  g_return_if_fail (JX_IS_COMMENTS_PANEL (self));

  gtk_drop_down_set_selected (self->state_dropdown, state);
  gtk_drop_down_set_selected (self->author_dropdown, 0);
  for (guint i = 1; author != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->authors)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->authors, i), author))
      gtk_drop_down_set_selected (self->author_dropdown, i);
}

void
jx_comments_panel_set_newest_first (JxCommentsPanel *self,
                                    gboolean         newest_first)
{
  g_return_if_fail (JX_IS_COMMENTS_PANEL (self));
  gtk_drop_down_set_selected (self->sort_dropdown, newest_first ? SORT_NEWEST : SORT_PLACE);
}

guint
jx_comments_panel_get_n_rows (JxCommentsPanel *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

static GtkWidget *
row_at (JxCommentsPanel *self,
        guint            position)
{
  g_return_val_if_fail (position < jx_comments_panel_get_n_rows (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, (int) position));
}

JxAnnotation *
jx_comments_panel_get_annotation (JxCommentsPanel *self,
                                  guint            position)
{
  GtkWidget *row = row_at (self, position);

  return row ? g_object_get_data (G_OBJECT (row), "annotation") : NULL;
}

gboolean
jx_comments_panel_row_in_view (JxCommentsPanel *self,
                               guint            position)
{
  GtkWidget *row = row_at (self, position);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  graphene_rect_t bounds;
  double value = gtk_adjustment_get_value (adjustment);

  if (row == NULL || gtk_widget_get_height (row) <= 0
      || !gtk_widget_compute_bounds (row, GTK_WIDGET (self->list_box), &bounds))
    return FALSE;
  return bounds.origin.y >= value - 0.5
         && bounds.origin.y + bounds.size.height <= value + gtk_adjustment_get_page_size (adjustment) + 0.5;
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
  int position = gtk_list_box_row_get_index (row);

  if (position >= 0)
    jx_comments_panel_activate_row (self, (guint) position);
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
  g_clear_pointer (&self->field, g_free);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_COMMENTS_PANEL);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->authors);
  if (self->name_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->name_dialog));
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
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, author_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, scrolled);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, JxCommentsPanel, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jx-comments-panel");
}

static void
jx_comments_panel_init (JxCommentsPanel *self)
{
  const char *all[] = { _("All authors"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->authors = gtk_string_list_new (all);
  gtk_drop_down_set_model (self->author_dropdown, G_LIST_MODEL (self->authors));
  /* The models own the filter and sorter; the panel keeps borrowed pointers. */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model), GTK_SORTER (self->sorter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sort_model), create_row, self, NULL);
  update_add (self);
}
