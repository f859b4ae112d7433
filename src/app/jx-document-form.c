/* jx-document-form.c: the form of a document's own properties
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-document-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-convert.h"
#include "jx-dialogs.h"
#include "jx-document-form.h"
#include "jx-edit.h"
#include "jx-field.h"
#include "jx-money.h"
#include "jx-taxonomy.h"

struct _JxDocumentForm
{
  GtkWidget      parent_instance;

  GtkSpinButton *year_spin;
  GtkEntry      *department_entry;
  GtkEntry      *title_entry;
  GtkEntry      *unit_entry;
  GtkDropDown   *taxonomy_dropdown;
  GtkDropDown   *template_dropdown;
  GtkLabel      *total_label;
  GtkLabel      *counts_label;

  JxDocument    *document;
  gulong         notify_id;
  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (JxDocumentForm, jx_document_form, GTK_TYPE_WIDGET)

/* The place of @document's template in the dropdown. */
static guint
template_position (JxDocument *document)
{
  const char * const *ids = jx_template_list_builtin ();
  const char *id = jx_template_get_id (jx_document_get_template (document));

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
sync_from_model (JxDocumentForm *self)
{
  const char * const *ids = jx_taxonomy_list_builtin ();
  g_autofree char *total = NULL;
  g_autofree char *counts = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  if (self->document == NULL)
    return;

  self->syncing = TRUE;
  if (gtk_spin_button_get_value_as_int (self->year_spin) != jx_document_get_year (self->document))
    gtk_spin_button_set_value (self->year_spin, jx_document_get_year (self->document));
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], jx_document_get_taxonomy (self->document)) == 0)
      selected = i;
  gtk_drop_down_set_selected (self->taxonomy_dropdown, selected);
  gtk_drop_down_set_selected (self->template_dropdown, template_position (self->document));
  self->syncing = FALSE;

  total = jx_document_format_amount (self->document, jx_document_get_total (self->document));
  gtk_label_set_text (self->total_label, total);
  counts = g_strdup_printf (_("%u projects, %u indicators"),
                            jx_document_get_n_projects (self->document),
                            jx_document_get_n_indicators (self->document));
  gtk_label_set_text (self->counts_label, counts);
}

static void
on_document_notify_cb (GObject        *object,
                       GParamSpec     *pspec,
                       JxDocumentForm *self)
{
  sync_from_model (self);
}

static void
on_year_changed_cb (GtkSpinButton  *spin,
                    JxDocumentForm *self)
{
  if (self->syncing || self->document == NULL)
    return;
  jx_edit_set_int (self->document, self->document, "year",
                   gtk_spin_button_get_value_as_int (spin));
}

/* Like every field: leaving the year ends its undo step, so a later change
 * of the year is a step of its own. */
static void
on_year_focus_leave_cb (GtkEventControllerFocus *controller,
                        JxDocumentForm          *self)
{
  if (self->document != NULL)
    jx_history_break_merge (jx_document_get_history (self->document));
}

static void
on_taxonomy_selected_cb (GtkDropDown    *dropdown,
                         GParamSpec     *pspec,
                         JxDocumentForm *self)
{
  const char * const *ids = jx_taxonomy_list_builtin ();
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || self->document == NULL || selected >= g_strv_length ((char **) ids))
    return;
  jx_edit_set_string (self->document, self->document, "taxonomy", ids[selected]);
}

typedef struct
{
  JxDocumentForm *form;
  JxDocument     *document;
  JxTemplate     *template;
} TemplateChange;

static void
template_change_free (TemplateChange *change)
{
  g_object_unref (change->form);
  g_object_unref (change->document);
  g_free (change);
}

enum { RESPONSE_CANCEL = 1, RESPONSE_CHANGE };

static void
on_template_answer (int      response,
                    gpointer user_data)
{
  TemplateChange *change = user_data;

  if (response == RESPONSE_CHANGE && change->form->document == change->document)
    jx_edit_set_template (change->document, change->template);
  /* Cancelled: the dropdown shows the table's template again. */
  sync_from_model (change->form);
}

/* The template chosen in the dropdown: converts the table as one undo
 * step, after saying what will be kept as comments, if anything. */
static void
on_template_selected_cb (GtkDropDown    *dropdown,
                         GParamSpec     *pspec,
                         JxDocumentForm *self)
{
  const char * const *ids = jx_template_list_builtin ();
  guint selected = gtk_drop_down_get_selected (dropdown);
  JxTemplate *template;
  g_autoptr(GPtrArray) kept = NULL;
  TemplateChange *change;
  g_autoptr(GString) body = NULL;
  const JxDialogButton buttons[] = {
    { RESPONSE_CANCEL, _("_Cancel"), JX_DIALOG_BUTTON_NORMAL },
    { RESPONSE_CHANGE, _("C_hange Kind"), JX_DIALOG_BUTTON_SUGGESTED },
  };
  const guint max_listed = 8;

  if (self->syncing || self->document == NULL || selected >= g_strv_length ((char **) ids))
    return;
  template = jx_template_get_builtin (ids[selected], NULL);
  if (template == NULL || template == jx_document_get_template (self->document) ||
      jx_document_is_read_only (self->document))
    {
      sync_from_model (self);
      return;
    }
  kept = jx_convert_preview (self->document, template);
  if (kept->len == 0)
    {
      jx_edit_set_template (self->document, template);
      return;
    }

  body = g_string_new (NULL);
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "%u value has no place in a “%s” table and will be kept as a "
                                             "comment on its item:",
                                             "%u values have no place in a “%s” table and will be kept as "
                                             "comments on their items:",
                                             kept->len),
                          kept->len, jx_template_get_label (template));
  for (guint i = 0; i < kept->len && i < max_listed; i++)
    g_string_append_printf (body, "\n• %s", (const char *) g_ptr_array_index (kept, i));
  if (kept->len > max_listed)
    g_string_append_printf (body, "\n• ");
  if (kept->len > max_listed)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more",
                                               kept->len - max_listed),
                            kept->len - max_listed);
  g_string_append_printf (body, "\n\n%s",
                          _("Amounts of funding sources it lacks go to 其他资金, so no total changes. "
                            "Edit → Undo takes the whole change back."));
  change = g_new0 (TemplateChange, 1);
  change->form = g_object_ref (self);
  change->document = g_object_ref (self->document);
  change->template = template;
  {
    g_autofree char *heading = g_strdup_printf (_("Change the table to “%s”?"), jx_template_get_label (template));
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

    jx_dialog_ask (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body->str, buttons,
                   G_N_ELEMENTS (buttons), RESPONSE_CHANGE, RESPONSE_CANCEL, on_template_answer, change,
                   (GDestroyNotify) template_change_free);
  }
}

void
jx_document_form_bind (JxDocumentForm *self,
                       JxDocument     *document)
{
  g_return_if_fail (JX_IS_DOCUMENT_FORM (self));

  if (self->document != NULL)
    g_clear_signal_handler (&self->notify_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->notify_id = g_signal_connect (document, "notify", G_CALLBACK (on_document_notify_cb), self);

  jx_field_bind_editable (GTK_EDITABLE (self->department_entry), document, document, "department");
  jx_field_bind_editable (GTK_EDITABLE (self->title_entry), document, document, "title");
  jx_field_bind_editable (GTK_EDITABLE (self->unit_entry), document, document, "unit");
  sync_from_model (self);
}

GtkWidget *
jx_document_form_get_template_dropdown (JxDocumentForm *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT_FORM (self), NULL);
  return GTK_WIDGET (self->template_dropdown);
}

void
jx_document_form_focus_field (JxDocumentForm *self,
                              const char     *field)
{
  GtkWidget *widget = GTK_WIDGET (self->title_entry);

  if (g_strcmp0 (field, "year") == 0)
    widget = GTK_WIDGET (self->year_spin);
  else if (g_strcmp0 (field, "department") == 0)
    widget = GTK_WIDGET (self->department_entry);
  else if (g_strcmp0 (field, "unit") == 0)
    widget = GTK_WIDGET (self->unit_entry);
  else if (g_strcmp0 (field, "taxonomy") == 0)
    widget = GTK_WIDGET (self->taxonomy_dropdown);
  else if (g_strcmp0 (field, "template") == 0)
    widget = GTK_WIDGET (self->template_dropdown);
  gtk_widget_grab_focus (widget);
}

static void
jx_document_form_dispose (GObject *object)
{
  JxDocumentForm *self = JX_DOCUMENT_FORM (object);
  GtkWidget *child;

  if (self->document != NULL)
    jx_document_form_bind (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_DOCUMENT_FORM);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jx_document_form_parent_class)->dispose (object);
}

static void
jx_document_form_class_init (JxDocumentFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_document_form_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-document-form.ui");
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, year_spin);
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, department_entry);
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, title_entry);
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, taxonomy_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, template_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, total_label);
  gtk_widget_class_bind_template_child (widget_class, JxDocumentForm, counts_label);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_taxonomy_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
jx_document_form_init (JxDocumentForm *self)
{
  const char * const *ids = jx_taxonomy_list_builtin ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* A value to read, not to type into: no Tab stop. */
  gtk_label_set_selectable (self->total_label, FALSE);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_year_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->year_spin), focus);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      JxTaxonomy *taxonomy = jx_taxonomy_get_builtin (ids[i], NULL);

      gtk_string_list_append (names, taxonomy ? jx_taxonomy_get_name (taxonomy) : ids[i]);
    }
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->taxonomy_dropdown, G_LIST_MODEL (names));
  {
    const char * const *template_ids = jx_template_list_builtin ();
    g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

    for (guint i = 0; template_ids[i] != NULL; i++)
      {
        JxTemplate *template = jx_template_get_builtin (template_ids[i], NULL);

        gtk_string_list_append (labels, template ? jx_template_get_label (template) : template_ids[i]);
      }
    gtk_drop_down_set_model (self->template_dropdown, G_LIST_MODEL (labels));
    /* Long names too: shortened in the button, whole in the list, as the
     * schemes' (the form must fit a 1024-pixel window). */
    gtk_drop_down_set_factory (self->template_dropdown, gtk_drop_down_get_factory (self->taxonomy_dropdown));
    gtk_drop_down_set_list_factory (self->template_dropdown,
                                    gtk_drop_down_get_list_factory (self->taxonomy_dropdown));
  }
  self->syncing = FALSE;
}
