/* jx-indicator-form.c: the form of one indicator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-indicator-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-edit.h"
#include "jx-field.h"
#include "jx-indicator-form.h"
#include <string.h>

#include "jx-taxonomy.h"
#include "jx-template.h"
#include "jx-value.h"

struct _JxIndicatorForm
{
  GtkWidget    parent_instance;

  GtkDropDown *category_dropdown;
  GtkDropDown *subcategory_dropdown;
  GtkLabel    *pair_warning;
  GtkEntry    *name_entry;
  GtkEntry    *cycle_entry;
  GtkEntry    *annual_entry;
  GtkLabel    *cycle_parsed;
  GtkLabel    *annual_parsed;
  GtkLabel    *project_label;
  GtkLabel    *cycle_caption;
  GtkLabel    *annual_caption;
  /* The fields only some templates have (jx-template.h). */
  GtkLabel    *comparator_caption;
  GtkDropDown *comparator_dropdown;
  GtkLabel    *number_caption;
  GtkEntry    *number_entry;
  GtkLabel    *measure_caption;
  GtkEntry    *measure_entry;
  GtkLabel    *weight_caption;
  GtkSpinButton *weight_spin;
  GtkLabel    *direction_caption;
  GtkDropDown *direction_dropdown;
  GtkLabel    *explanation_caption;
  GtkEntry    *explanation_entry;
  GPtrArray   *comparator_choices;  /* what the dropdowns offer, by position */
  GPtrArray   *direction_choices;

  JxDocument  *document;
  JxIndicator *indicator;
  JxTaxonomy  *taxonomy;
  GPtrArray   *category_codes;     /* what the dropdowns offer, by position */
  GPtrArray   *subcategory_codes;
  gulong       notify_id;
  guint        sync_id;
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (JxIndicatorForm, jx_indicator_form, GTK_TYPE_WIDGET)

/* 指标性质 as the tables print it; "" is none chosen. */
static const char * const comparators[] = { "", "≥", "≤", "=", "＞", "＜", "定性", NULL };
static const char * const directions[] = { "", "正向指标", "反向指标", NULL };
/* 度量单位 offered while typing; any other is kept as typed. */
static const char * const measure_units[] = {
  "%", "人", "人次", "个", "次", "项", "家", "户", "元", "万元", "元/人", "天", "个工作日", "月", "年",
  "平方米", "公里", "亩", "份", "场", "期", "篇", "件", "台", "套", "分", NULL
};

/* Fills a dropdown of fixed texts, with @current added when it is not one
 * of them (nothing typed elsewhere is lost), and selects it. */
static void
fill_choices (GtkDropDown        *dropdown,
              GPtrArray          *store,
              const char * const *choices,
              const char         *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (store, 0);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (g_strcmp0 (choices[i], current) == 0)
        selected = store->len;
      g_ptr_array_add (store, g_strdup (choices[i]));
      /* TRANSLATORS: a dropdown entry for no choice made */
      gtk_string_list_append (labels, *choices[i] != '\0' ? choices[i] : _("(none)"));
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      selected = store->len;
      g_ptr_array_add (store, g_strdup (current));
      gtk_string_list_append (labels, current);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, selected);
}

/* Shows the caption and widget of @id when the template has the field,
 * captioned as it prints it. */
static void
show_field (JxTemplate *template,
            const char *id,
            GtkLabel   *caption,
            GtkWidget  *widget)
{
  const JxField *field = template != NULL ? jx_template_get_field (template, id) : NULL;
  const JxField *own = jx_field_lookup (JX_FIELD_OWNER_INDICATOR, id);

  gtk_widget_set_visible (GTK_WIDGET (caption), field != NULL);
  gtk_widget_set_visible (widget, field != NULL);
  /* The .ui's caption (with its mnemonic) where the template prints the
   * field as the table of fields does; else the template's term. */
  if (field != NULL && (field != own || *gtk_label_get_label (caption) == '\0'))
    {
      g_autofree char *text = jx_field_caption (field);

      gtk_label_set_text (caption, text);
    }
}

static void
show_template_fields (JxIndicatorForm *self)
{
  JxTemplate *template = self->document != NULL ? jx_document_get_template (self->document)
                                                : jx_template_get_default ();

  show_field (template, "cycle-value", self->cycle_caption, GTK_WIDGET (self->cycle_entry));
  gtk_widget_set_visible (GTK_WIDGET (self->cycle_parsed), jx_template_has_field (template, "cycle-value"));
  show_field (template, "annual-value", self->annual_caption, GTK_WIDGET (self->annual_entry));
  gtk_widget_set_visible (GTK_WIDGET (self->annual_parsed), jx_template_has_field (template, "annual-value"));
  show_field (template, "comparator", self->comparator_caption, GTK_WIDGET (self->comparator_dropdown));
  show_field (template, "number", self->number_caption, GTK_WIDGET (self->number_entry));
  show_field (template, "measure-unit", self->measure_caption, GTK_WIDGET (self->measure_entry));
  show_field (template, "weight", self->weight_caption, GTK_WIDGET (self->weight_spin));
  show_field (template, "direction", self->direction_caption, GTK_WIDGET (self->direction_dropdown));
  show_field (template, "explanation", self->explanation_caption, GTK_WIDGET (self->explanation_entry));
}

/* The weight as the model keeps it: "10", "12.5". */
static char *
weight_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.2f", value);
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
  return g_strdup (buf);
}

/* The weight shown as it is kept ("10", "12.5"), not with the spin
 * button's two decimals ("10.00"). */
static gboolean
on_weight_output_cb (GtkSpinButton *spin,
                     gpointer       user_data)
{
  g_autofree char *shown = weight_text (gtk_spin_button_get_value (spin));

  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (spin)), shown))
    gtk_editable_set_text (GTK_EDITABLE (spin), shown);
  return TRUE;
}

static void
sync_extra_fields (JxIndicatorForm *self)
{
  const char *weight = jx_indicator_get_field (self->indicator, "weight");

  fill_choices (self->comparator_dropdown, self->comparator_choices, comparators,
                jx_indicator_get_field (self->indicator, "comparator"));
  fill_choices (self->direction_dropdown, self->direction_choices, directions,
                jx_indicator_get_field (self->indicator, "direction"));
  if (*weight != '\0')
    {
      g_autofree char *shown = weight_text (gtk_spin_button_get_value (self->weight_spin));

      /* Not while it says the same: that would move the cursor. */
      if (!g_str_equal (shown, weight))
        gtk_spin_button_set_value (self->weight_spin, g_ascii_strtod (weight, NULL));
    }
  else
    gtk_spin_button_set_value (self->weight_spin, 0);
}

static void
on_choice_selected (JxIndicatorForm *self,
                    GtkDropDown     *dropdown,
                    GPtrArray       *store,
                    const char      *property)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *value;

  if (self->syncing || self->indicator == NULL || selected >= store->len)
    return;
  value = g_ptr_array_index (store, selected);
  if (g_strcmp0 (value, jx_indicator_get_field (self->indicator, property)) != 0)
    jx_edit_set_string (self->document, self->indicator, property, value);
}

static void
on_comparator_selected_cb (GtkDropDown     *dropdown,
                           GParamSpec      *pspec,
                           JxIndicatorForm *self)
{
  on_choice_selected (self, dropdown, self->comparator_choices, "comparator");
}

static void
on_direction_selected_cb (GtkDropDown     *dropdown,
                          GParamSpec      *pspec,
                          JxIndicatorForm *self)
{
  on_choice_selected (self, dropdown, self->direction_choices, "direction");
}

static void
on_weight_changed_cb (GtkSpinButton   *spin,
                      JxIndicatorForm *self)
{
  g_autofree char *text = NULL;
  const char *current;

  if (self->syncing || self->indicator == NULL)
    return;
  text = weight_text (gtk_spin_button_get_value (spin));
  current = jx_indicator_get_field (self->indicator, "weight");
  /* An empty weight shows as 0: leave it empty until one is typed. */
  if (g_str_equal (text, "0") && *current == '\0')
    return;
  if (!g_str_equal (text, current))
    jx_edit_set_string (self->document, self->indicator, "weight", text);
}

static char *
label_for_code (JxTaxonomy *taxonomy,
                const char *code)
{
  char *label = taxonomy && *code ? jx_taxonomy_format_label (taxonomy, code) : NULL;

  if (label != NULL)
    return label;
  if (*code == '\0')
    return g_strdup (_("(none)"));
  /* Translators: a category code that the document's scheme does not have */
  return g_strdup_printf (_("%s (not in this scheme)"), code);
}

/* Fills @dropdown with @codes (plus @current when it is not among them)
 * and selects @current. */
static void
fill_dropdown (JxIndicatorForm    *self,
               GtkDropDown        *dropdown,
               GPtrArray          *store,
               const char * const *codes,
               const char         *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (store, 0);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *label = label_for_code (self->taxonomy, codes[i]);

      if (g_strcmp0 (codes[i], current) == 0)
        selected = store->len;
      g_ptr_array_add (store, g_strdup (codes[i]));
      gtk_string_list_append (labels, label);
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *label = label_for_code (self->taxonomy, current);
      g_autofree char *shown = g_strdup_printf ("⚠ %s", label);

      selected = store->len;
      g_ptr_array_add (store, g_strdup (current));
      gtk_string_list_append (labels, shown);
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, selected);
}

/* 度量单位: the usual units offered as one types (GtkEntryCompletion is
 * what GTK 4.8 has for this). */
static void
add_unit_suggestions (GtkEntry *entry)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkListStore) store = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  for (guint i = 0; measure_units[i] != NULL; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, measure_units[i], -1);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, FALSE);
  gtk_entry_set_completion (entry, completion);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
sync_from_model (JxIndicatorForm *self)
{
  const char *category, *subcategory;
  JxProject *project;
  gboolean valid;

  if (self->indicator == NULL)
    return;

  category = jx_indicator_get_category (self->indicator);
  subcategory = jx_indicator_get_subcategory (self->indicator);
  project = jx_indicator_get_project (self->indicator);

  self->syncing = TRUE;
  sync_extra_fields (self);
  fill_dropdown (self, self->category_dropdown, self->category_codes,
                 self->taxonomy ? jx_taxonomy_get_categories (self->taxonomy) : NULL, category);
  fill_dropdown (self, self->subcategory_dropdown, self->subcategory_codes,
                 self->taxonomy && jx_taxonomy_has_category (self->taxonomy, category)
                   ? jx_taxonomy_get_subcategories (self->taxonomy, category) : NULL,
                 subcategory);
  self->syncing = FALSE;

  valid = self->taxonomy != NULL && jx_taxonomy_is_valid_pair (self->taxonomy, category, subcategory);
  gtk_widget_set_visible (GTK_WIDGET (self->pair_warning), !valid);
  if (!valid)
    {
      g_autofree char *text =
        g_strdup_printf (_("The sub-category %s does not belong to the category %s in this scheme. "
                           "Choose a category and one of its sub-categories."),
                         *subcategory ? subcategory : "—", *category ? category : "—");

      gtk_label_set_text (self->pair_warning, text);
    }
  gtk_label_set_text (self->project_label, project ? jx_project_get_name (project) : "");
}

static gboolean
sync_idle_cb (gpointer data)
{
  JxIndicatorForm *self = data;

  self->sync_id = 0;
  sync_from_model (self);
  return G_SOURCE_REMOVE;
}

static void
on_indicator_notify_cb (GObject         *object,
                        GParamSpec      *pspec,
                        JxIndicatorForm *self)
{
  const char *name = g_param_spec_get_name (pspec);

  /* Later, not now: the change may come from a dropdown's own "selected"
   * handler, and replacing its model there frees the selection in use. */
  if ((g_str_equal (name, "category") || g_str_equal (name, "subcategory") ||
       g_str_equal (name, "comparator") || g_str_equal (name, "direction") ||
       g_str_equal (name, "weight")) && self->sync_id == 0)
    self->sync_id = g_idle_add (sync_idle_cb, self);
}

static void
on_category_selected_cb (GtkDropDown     *dropdown,
                         GParamSpec      *pspec,
                         JxIndicatorForm *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *code;
  const char * const *subs;

  if (self->syncing || self->indicator == NULL || self->taxonomy == NULL
      || selected >= self->category_codes->len)
    return;
  code = g_ptr_array_index (self->category_codes, selected);
  if (!jx_taxonomy_has_category (self->taxonomy, code))
    return;   /* the invalid code shown as it was loaded */
  if (g_strcmp0 (code, jx_indicator_get_category (self->indicator)) == 0)
    return;
  subs = jx_taxonomy_get_subcategories (self->taxonomy, code);
  /* One step, never an invalid pair: the category and its first sub-category. */
  jx_edit_set_category (self->document, self->indicator, code,
                        subs != NULL && subs[0] != NULL ? subs[0] : "");
}

static void
on_subcategory_selected_cb (GtkDropDown     *dropdown,
                            GParamSpec      *pspec,
                            JxIndicatorForm *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  const char *category, *code;

  if (self->syncing || self->indicator == NULL || self->taxonomy == NULL
      || selected >= self->subcategory_codes->len)
    return;
  code = g_ptr_array_index (self->subcategory_codes, selected);
  category = jx_indicator_get_category (self->indicator);
  if (!jx_taxonomy_is_valid_pair (self->taxonomy, category, code))
    return;
  if (g_strcmp0 (code, jx_indicator_get_subcategory (self->indicator)) == 0)
    return;
  jx_edit_set_category (self->document, self->indicator, category, code);
}

/* Beside each value, how the core reads it ("≥ 98 %", "定性"), so a person
 * sees at once whether "95%以上" was understood as a target. */
static void
on_value_changed_cb (GtkEditable *entry,
                     GtkLabel    *parsed)
{
  JxValue value;
  g_autofree char *text = NULL;

  jx_value_init (&value, gtk_editable_get_text (entry));
  text = jx_value_format (&value);
  gtk_label_set_text (parsed, text);
}

void
jx_indicator_form_bind (JxIndicatorForm *self,
                        JxDocument      *document,
                        JxIndicator     *indicator)
{
  g_return_if_fail (JX_IS_INDICATOR_FORM (self));

  if (self->indicator != NULL)
    g_clear_signal_handler (&self->notify_id, self->indicator);
  g_clear_handle_id (&self->sync_id, g_source_remove);
  g_set_object (&self->indicator, indicator);
  g_set_object (&self->document, document);
  self->taxonomy = document ? jx_taxonomy_get_builtin (jx_document_get_taxonomy (document), NULL) : NULL;
  if (indicator != NULL)
    self->notify_id = g_signal_connect (indicator, "notify", G_CALLBACK (on_indicator_notify_cb), self);

  jx_field_bind_editable (GTK_EDITABLE (self->name_entry), document, indicator, "name");
  jx_field_bind_editable (GTK_EDITABLE (self->cycle_entry), document, indicator, "cycle-value");
  jx_field_bind_editable (GTK_EDITABLE (self->annual_entry), document, indicator, "annual-value");
  jx_field_bind_editable (GTK_EDITABLE (self->number_entry), document, indicator, "number");
  jx_field_bind_editable (GTK_EDITABLE (self->measure_entry), document, indicator, "measure-unit");
  jx_field_bind_editable (GTK_EDITABLE (self->explanation_entry), document, indicator, "explanation");
  show_template_fields (self);
  sync_from_model (self);
}

JxIndicator *
jx_indicator_form_get_indicator (JxIndicatorForm *self)
{
  return self->indicator;
}

GtkDropDown *
jx_indicator_form_get_category_dropdown (JxIndicatorForm *self)
{
  return self->category_dropdown;
}

GtkDropDown *
jx_indicator_form_get_subcategory_dropdown (JxIndicatorForm *self)
{
  return self->subcategory_dropdown;
}

GtkEditable *
jx_indicator_form_get_value_entry (JxIndicatorForm *self,
                                   gboolean         annual)
{
  return GTK_EDITABLE (annual ? self->annual_entry : self->cycle_entry);
}

GtkLabel *
jx_indicator_form_get_value_reading (JxIndicatorForm *self,
                                     gboolean         annual)
{
  return annual ? self->annual_parsed : self->cycle_parsed;
}

const char *
jx_indicator_form_get_pair_warning (JxIndicatorForm *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->pair_warning)) ? gtk_label_get_text (self->pair_warning) : NULL;
}

char *
jx_indicator_form_describe_subcategories (JxIndicatorForm *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->subcategory_codes->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (self->subcategory_codes, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GtkWidget *
jx_indicator_form_get_field_widget (JxIndicatorForm *self,
                                    const char      *field)
{
  const struct { const char *id; gsize offset; } widgets[] = {
    { "category", G_STRUCT_OFFSET (JxIndicatorForm, category_dropdown) },
    { "subcategory", G_STRUCT_OFFSET (JxIndicatorForm, subcategory_dropdown) },
    { "cycle-value", G_STRUCT_OFFSET (JxIndicatorForm, cycle_entry) },
    { "annual-value", G_STRUCT_OFFSET (JxIndicatorForm, annual_entry) },
    { "comparator", G_STRUCT_OFFSET (JxIndicatorForm, comparator_dropdown) },
    { "number", G_STRUCT_OFFSET (JxIndicatorForm, number_entry) },
    { "measure-unit", G_STRUCT_OFFSET (JxIndicatorForm, measure_entry) },
    { "weight", G_STRUCT_OFFSET (JxIndicatorForm, weight_spin) },
    { "direction", G_STRUCT_OFFSET (JxIndicatorForm, direction_dropdown) },
    { "explanation", G_STRUCT_OFFSET (JxIndicatorForm, explanation_entry) },
  };

  g_return_val_if_fail (JX_IS_INDICATOR_FORM (self), NULL);
  for (guint k = 0; field != NULL && k < G_N_ELEMENTS (widgets); k++)
    if (g_str_equal (field, widgets[k].id))
      return G_STRUCT_MEMBER (GtkWidget *, self, widgets[k].offset);
  return GTK_WIDGET (self->name_entry);
}

void
jx_indicator_form_focus_field (JxIndicatorForm *self,
                               const char      *field)
{
  gtk_widget_grab_focus (jx_indicator_form_get_field_widget (self, field));
}

static void
jx_indicator_form_dispose (GObject *object)
{
  JxIndicatorForm *self = JX_INDICATOR_FORM (object);
  GtkWidget *child;

  if (self->indicator != NULL)
    jx_indicator_form_bind (self, NULL, NULL);
  g_clear_handle_id (&self->sync_id, g_source_remove);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_INDICATOR_FORM);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jx_indicator_form_parent_class)->dispose (object);
}

static void
jx_indicator_form_finalize (GObject *object)
{
  JxIndicatorForm *self = JX_INDICATOR_FORM (object);

  g_ptr_array_unref (self->category_codes);
  g_ptr_array_unref (self->subcategory_codes);
  g_ptr_array_unref (self->comparator_choices);
  g_ptr_array_unref (self->direction_choices);
  G_OBJECT_CLASS (jx_indicator_form_parent_class)->finalize (object);
}

static void
jx_indicator_form_class_init (JxIndicatorFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_indicator_form_dispose;
  object_class->finalize = jx_indicator_form_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-indicator-form.ui");
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, subcategory_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, pair_warning);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, cycle_entry);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, annual_entry);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, cycle_parsed);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, annual_parsed);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, project_label);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, cycle_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, annual_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, comparator_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, comparator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, number_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, number_entry);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, measure_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, measure_entry);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, weight_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, weight_spin);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, direction_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, direction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, explanation_caption);
  gtk_widget_class_bind_template_child (widget_class, JxIndicatorForm, explanation_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_comparator_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_direction_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_weight_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_category_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_subcategory_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
jx_indicator_form_init (JxIndicatorForm *self)
{
  self->category_codes = g_ptr_array_new_with_free_func (g_free);
  self->subcategory_codes = g_ptr_array_new_with_free_func (g_free);
  self->comparator_choices = g_ptr_array_new_with_free_func (g_free);
  self->direction_choices = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->weight_spin, "output", G_CALLBACK (on_weight_output_cb), NULL);
  add_unit_suggestions (self->measure_entry);
  show_template_fields (self);
}
