/* jx-amount-entry.c: an entry for one funding amount of a project
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-amount-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-amount-entry.h"
#include "jx-edit.h"
#include "jx-fields.h"
#include "jx-money.h"
#include "jx-problem-set.h"

/* The largest amount a person may type: 999,999,999,999.99 in the document's
 * unit (a trillion 万元 is beyond any budget), 999,999,999,999.9999 in a
 * table kept to four decimals. Beyond it is a typo — a key held down — and
 * the sums of tens of thousands of projects stay far inside the JxMoney
 * range. */
#define AMOUNT_MAX_WHOLE ((JxMoney) 1000000000000)

struct _JxAmountEntry
{
  GtkWidget   parent_instance;

  GtkEntry   *entry;
  GtkLabel   *error_label;

  JxDocument *document;
  JxProject  *project;
  char       *property;
  JxProblemSet *problems;
  gulong      notify_id;
  gboolean    syncing;
  gboolean    valid;
  JxMoney     begin_value;   /* the model's value when this edit began */
};

G_DEFINE_FINAL_TYPE (JxAmountEntry, jx_amount_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALID,
  PROP_ERROR_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_error (JxAmountEntry *self,
           const char    *message)
{
  gboolean valid = message == NULL;
  g_autofree char *line = message ? g_strdelimit (g_strdup (message), "\n", ' ') : NULL;

  /* One line under the entry, there (empty) when all is well, so an error
   * never moves the fields below; the whole message is its tooltip, and in
   * the Problems panel. */
  gtk_label_set_text (self->error_label, line ? line : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), message);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_TEXT]);
}

/* The finding in the problems panel (and the tree mark) for text the
 * document did not take; NULL @message removes it. */
static void
set_input_problem (JxAmountEntry *self,
                   const char    *text,
                   const char    *message)
{
  if (self->problems == NULL || self->project == NULL)
    return;
  jx_problem_set_set_input (self->problems, jx_node_get_id (JX_NODE (self->project)),
                            self->property, text, message);
}

/* The precision of the document's amounts (jx-money.h). */
static guint
decimals (JxAmountEntry *self)
{
  return self->document != NULL ? jx_document_get_decimals (self->document) : JX_MONEY_DEFAULT_DECIMALS;
}

static JxMoney
amount_max (JxAmountEntry *self)
{
  JxMoney scale = 1;

  for (guint i = 0; i < decimals (self); i++)
    scale *= 10;
  return AMOUNT_MAX_WHOLE * scale - 1;
}

static JxMoney
model_value (JxAmountEntry *self)
{
  gint64 value = 0;

  g_object_get (self->project, self->property, &value, NULL);
  return value;
}

static void
show_model (JxAmountEntry *self,
            gboolean       reformat)
{
  g_autofree char *text = NULL;
  JxMoney shown;

  if (self->project == NULL)
    {
      self->syncing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      self->syncing = FALSE;
      set_error (self, NULL);
      return;
    }

  /* While a person types "1234" the model holds 1234.00: leave the text
   * alone unless it says another amount (undo) or must be tidied. */
  if (!reformat
      && jx_money_parse_at (gtk_editable_get_text (GTK_EDITABLE (self->entry)), decimals (self),
                            JX_MONEY_PARSE_ALLOW_EMPTY, &shown, NULL, NULL)
      && shown == model_value (self))
    {
      self->begin_value = shown;
      return;
    }

  text = jx_money_format_at (model_value (self), decimals (self));
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->syncing = FALSE;
  self->begin_value = model_value (self);
  set_error (self, NULL);
  set_input_problem (self, NULL, NULL);
}

static void
on_model_notify_cb (GObject       *object,
                    GParamSpec    *pspec,
                    JxAmountEntry *self)
{
  if (!self->syncing)
    show_model (self, FALSE);
}

/* Parses @text as an amount this field takes; FALSE with a message saying
 * why not, in words (never the limits of the number type). */
static gboolean
parse_amount (JxAmountEntry *self,
              const char    *text,
              JxMoney       *amount,
              GError       **error)
{
  g_autoptr(GError) local = NULL;
  guint column = 0;

  /* An empty field means 0 (the published tables leave blanks for none). */
  if (jx_money_parse_at (text, decimals (self), JX_MONEY_PARSE_ALLOW_EMPTY, amount, &column, &local)
      && *amount <= amount_max (self))
    return TRUE;
  if (local == NULL || g_error_matches (local, JX_MONEY_ERROR, JX_MONEY_ERROR_OVERFLOW))
    {
      g_autofree char *max = jx_money_format_at (amount_max (self), decimals (self));

      g_set_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_OVERFLOW,
                   /* Translators: %s is the largest amount, 999,999,999,999.99 */
                   _("Far too large: an amount is at most %s. Check for extra digits."), max);
      return FALSE;
    }
  /* The core's message names the column already. */
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static void
on_entry_changed_cb (GtkEditable   *editable,
                     JxAmountEntry *self)
{
  g_autoptr(GError) error = NULL;
  const char *text;
  JxMoney amount = 0;

  if (self->syncing || self->project == NULL)
    return;
  if (jx_node_get_document (JX_NODE (self->project)) != self->document)
    return;

  text = gtk_editable_get_text (editable);
  if (!parse_amount (self, text, &amount, &error))
    {
      g_autofree char *kept = jx_money_format_at (self->begin_value, decimals (self));
      g_autofree char *not_saved = g_strdup_printf (_("not saved: the table keeps %s"), kept);
      /* Translators: "not saved: the table keeps 53.85" and why */
      g_autofree char *shown = g_strdup_printf (_("%s — %s"), not_saved, error->message);
      g_autofree char *finding = NULL;

      /* Half-typed text never stays in the document: the amount goes back
       * to what it was when this edit began, and the totals with it. */
      if (model_value (self) != self->begin_value)
        {
          self->syncing = TRUE;
          jx_edit_set_money (self->document, self->project, self->property, self->begin_value, NULL);
          self->syncing = FALSE;
        }
      /* Translators: field label, the text typed, why it is not an amount,
       * then "not saved: the table keeps 53.85" */
      finding = g_strdup_printf (_("%s: “%s” is not an amount (%s); %s"),
                                 jx_field_label_for_id (self->property), text, error->message, not_saved);
      set_error (self, shown);
      set_input_problem (self, text, finding);
      return;
    }

  if (amount != model_value (self))
    {
      self->syncing = TRUE;
      if (!jx_edit_set_money (self->document, self->project, self->property, amount, &error))
        {
          self->syncing = FALSE;
          set_error (self, error->message);
          return;
        }
      self->syncing = FALSE;
    }
  set_error (self, NULL);
  set_input_problem (self, NULL, NULL);
}

static void
on_focus_enter_cb (GtkEventControllerFocus *controller,
                   JxAmountEntry           *self)
{
  if (self->project != NULL && self->valid)
    self->begin_value = model_value (self);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   JxAmountEntry           *self)
{
  if (self->document == NULL)
    return;
  jx_history_break_merge (jx_document_get_history (self->document));
  /* Tidy a valid amount ("1234.5" → "1,234.50"); keep invalid text to fix. */
  if (self->valid && self->project != NULL)
    show_model (self, TRUE);
}

void
jx_amount_entry_set_problems (JxAmountEntry *self,
                              JxProblemSet  *problems)
{
  g_return_if_fail (JX_IS_AMOUNT_ENTRY (self));
  g_set_object (&self->problems, problems);
}

static void
on_entry_activate_cb (GtkEntry      *entry,
                      JxAmountEntry *self)
{
  if (self->valid && self->project != NULL)
    show_model (self, TRUE);
}

void
jx_amount_entry_bind (JxAmountEntry *self,
                      JxDocument    *document,
                      JxProject     *project,
                      const char    *property)
{
  g_autofree char *kept = NULL;

  g_return_if_fail (JX_IS_AMOUNT_ENTRY (self));

  if (self->document != NULL && (self->project != project || self->document != document))
    jx_history_break_merge (jx_document_get_history (self->document));

  if (self->project != NULL)
    g_clear_signal_handler (&self->notify_id, self->project);
  g_clear_object (&self->project);
  g_clear_object (&self->document);
  g_clear_pointer (&self->property, g_free);

  if (project != NULL && document != NULL)
    {
      g_autofree char *signal = g_strconcat ("notify::", property, NULL);

      self->document = g_object_ref (document);
      self->project = g_object_ref (project);
      self->property = g_strdup (property);
      self->notify_id = g_signal_connect (project, signal, G_CALLBACK (on_model_notify_cb), self);
      /* Text typed earlier that the document did not take comes back, with
       * its message, so nothing typed is lost by looking at another project. */
      if (self->problems != NULL)
        kept = g_strdup (jx_problem_set_get_input_text (self->problems, jx_node_get_id (JX_NODE (project)),
                                                        property));
    }
  show_model (self, TRUE);
  if (kept != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), kept);
}

GtkEditable *
jx_amount_entry_get_editable (JxAmountEntry *self)
{
  g_return_val_if_fail (JX_IS_AMOUNT_ENTRY (self), NULL);
  return GTK_EDITABLE (self->entry);
}

const char *
jx_amount_entry_get_field (JxAmountEntry *self)
{
  g_return_val_if_fail (JX_IS_AMOUNT_ENTRY (self), NULL);
  return self->project != NULL ? self->property : NULL;
}

gboolean
jx_amount_entry_get_valid (JxAmountEntry *self)
{
  g_return_val_if_fail (JX_IS_AMOUNT_ENTRY (self), FALSE);
  return self->valid;
}

const char *
jx_amount_entry_get_error_text (JxAmountEntry *self)
{
  g_return_val_if_fail (JX_IS_AMOUNT_ENTRY (self), NULL);
  return self->valid ? NULL : gtk_widget_get_tooltip_text (GTK_WIDGET (self->error_label));
}

void
jx_amount_entry_set_accessible_label (JxAmountEntry *self,
                                      const char    *label)
{
  g_return_if_fail (JX_IS_AMOUNT_ENTRY (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
jx_amount_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (JX_AMOUNT_ENTRY (widget)->entry));
}

static gboolean
jx_amount_entry_mnemonic_activate (GtkWidget *widget,
                                   gboolean   group_cycling)
{
  return gtk_widget_grab_focus (GTK_WIDGET (JX_AMOUNT_ENTRY (widget)->entry));
}

static void
jx_amount_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JxAmountEntry *self = JX_AMOUNT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_ERROR_TEXT:
      g_value_set_string (value, jx_amount_entry_get_error_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_amount_entry_dispose (GObject *object)
{
  JxAmountEntry *self = JX_AMOUNT_ENTRY (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->notify_id, self->project);
  g_clear_object (&self->project);
  g_clear_object (&self->document);
  g_clear_object (&self->problems);
  g_clear_pointer (&self->property, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_AMOUNT_ENTRY);

  G_OBJECT_CLASS (jx_amount_entry_parent_class)->dispose (object);
}

static void
jx_amount_entry_class_init (JxAmountEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_amount_entry_dispose;
  object_class->get_property = jx_amount_entry_get_property;
  widget_class->grab_focus = jx_amount_entry_grab_focus;
  widget_class->mnemonic_activate = jx_amount_entry_mnemonic_activate;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_TEXT] =
    g_param_spec_string ("error-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-amount-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, JxAmountEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, JxAmountEntry, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jx-amount-entry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jx_amount_entry_init (JxAmountEntry *self)
{
  GtkEventController *focus;

  self->valid = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry), FALSE);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);
}

GtkWidget *
jx_amount_entry_new (void)
{
  return g_object_new (JX_TYPE_AMOUNT_ENTRY, NULL);
}
