/* jx-project-form.c: the form of one project
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-project-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-amount-entry.h"
#include "jx-edit.h"
#include "jx-field.h"
#include "jx-money.h"
#include "jx-project-form.h"
#include "jx-tree-row.h"

struct _JxProjectForm
{
  GtkWidget      parent_instance;

  GtkEntry      *name_entry;
  GtkLabel      *unit_label;
  GtkGrid       *fields_grid;
  /* One row per funding source of the document's template, in its order,
   * from row SOURCE_ROW of the grid (build_source_rows()). */
  JxTemplate    *built_for;
  JxAmountEntry *source_entries[JX_MAX_SOURCES];
  guint          n_sources;
  GtkLabel      *total_label;
  GtkLabel      *goal_caption;
  GtkTextView   *goal_view;
  GtkLabel      *cycle_goal_caption;
  GtkWidget     *cycle_goal_frame;
  GtkTextView   *cycle_goal_view;
  GtkSwitch     *confidential_switch;
  GtkListView   *indicator_list;
  GtkLabel      *indicators_caption;

  JxProblemSet  *problems;
  JxDocument    *document;
  JxProject     *project;
  gulong         notify_id;
  gulong         items_id;
  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (JxProjectForm, jx_project_form, GTK_TYPE_WIDGET)

/* The grid row of the first funding source: after the name and the unit. */
#define SOURCE_ROW 2

/* The rows of @template's funding sources replace those of the template the
 * form was built for: a caption and an amount entry each. */
static void
build_source_rows (JxProjectForm *self,
                   JxTemplate    *template)
{
  if (self->built_for == template)
    return;
  for (guint k = 0; k < self->n_sources; k++)
    {
      jx_amount_entry_bind (self->source_entries[k], NULL, NULL, NULL);
      gtk_grid_remove_row (self->fields_grid, SOURCE_ROW);
    }
  self->n_sources = jx_template_get_n_sources (template);
  for (guint k = 0; k < self->n_sources; k++)
    {
      const JxField *source = jx_template_get_source (template, k);
      g_autofree char *caption = jx_field_caption (source);
      GtkWidget *label = gtk_label_new (caption);
      GtkWidget *entry = jx_amount_entry_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
      /* “Special-account appropriation (财政专户拨款)” on two lines rather
       * than a form too wide for a 1024-pixel window with its panels. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_halign (entry, GTK_ALIGN_START);
      gtk_widget_set_name (entry, source->id);
      gtk_grid_insert_row (self->fields_grid, SOURCE_ROW + k);
      gtk_grid_attach (self->fields_grid, label, 0, SOURCE_ROW + k, 1, 1);
      gtk_grid_attach (self->fields_grid, entry, 1, SOURCE_ROW + k, 1, 1);
      self->source_entries[k] = JX_AMOUNT_ENTRY (entry);
      jx_amount_entry_set_accessible_label (self->source_entries[k], caption);
    }
  self->built_for = template;
}

/* The goals as the template names them: 绩效目标, or 中长期目标 + 年度目标. */
static void
show_goals (JxProjectForm *self,
            JxTemplate    *template)
{
  const JxField *goal = jx_template_get_field (template, "goal");
  const JxField *cycle_goal = jx_template_get_field (template, "cycle-goal");
  g_autofree char *goal_text = NULL;

  /* TRANSLATORS: %s is the goal's name as the official table prints it, such as 年度目标. */
  goal_text = g_strdup_printf (_("Performance _goal (%s)"), goal != NULL ? goal->official : "绩效目标");
  gtk_label_set_text_with_mnemonic (self->goal_caption, goal_text);
  gtk_widget_set_visible (GTK_WIDGET (self->cycle_goal_caption), cycle_goal != NULL);
  gtk_widget_set_visible (self->cycle_goal_frame, cycle_goal != NULL);
  if (cycle_goal != NULL)
    {
      /* TRANSLATORS: %s is the goal's name as the official table prints it, such as 中长期目标. */
      g_autofree char *text = g_strdup_printf (_("_Medium-term goal (%s)"), cycle_goal->official);
      gtk_label_set_text_with_mnemonic (self->cycle_goal_caption, text);
    }
}

enum { NODE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
sync_from_model (JxProjectForm *self)
{
  g_autofree char *total = NULL;
  g_autofree char *caption = NULL;
  JxFundingUnit *unit;

  if (self->project == NULL)
    {
      gtk_label_set_text (self->total_label, "");
      gtk_label_set_text (self->unit_label, "");
      return;
    }

  total = jx_document_format_amount (jx_node_get_document (JX_NODE (self->project)),
                                     jx_project_get_total (self->project));
  gtk_label_set_text (self->total_label, total);
  unit = jx_project_get_unit (self->project);
  gtk_label_set_text (self->unit_label, unit ? jx_funding_unit_get_name (unit) : "");
  caption = g_strdup_printf (_("Indicators (%u)"),
                             g_list_model_get_n_items (jx_project_get_indicators (self->project)));
  gtk_label_set_text (self->indicators_caption, caption);

  self->syncing = TRUE;
  if (gtk_switch_get_active (self->confidential_switch) != jx_project_get_confidential (self->project))
    gtk_switch_set_active (self->confidential_switch, jx_project_get_confidential (self->project));
  self->syncing = FALSE;
}

static void
on_project_notify_cb (GObject       *object,
                      GParamSpec    *pspec,
                      JxProjectForm *self)
{
  sync_from_model (self);
}

static void
on_confidential_cb (GtkSwitch     *sw,
                    GParamSpec    *pspec,
                    JxProjectForm *self)
{
  if (self->syncing || self->project == NULL)
    return;
  jx_edit_set_boolean (self->document, self->project, "confidential", gtk_switch_get_active (sw));
}

static void
on_indicator_activate_cb (GtkListView   *list,
                          guint          position,
                          JxProjectForm *self)
{
  g_autoptr(JxNode) node = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);

  if (node != NULL)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, node);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              JxProjectForm            *self)
{
  gtk_list_item_set_child (item, jx_tree_row_new (self->problems));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             JxProjectForm            *self)
{
  jx_tree_row_set_item (JX_TREE_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               JxProjectForm            *self)
{
  jx_tree_row_set_item (JX_TREE_ROW (gtk_list_item_get_child (item)), NULL);
}

void
jx_project_form_set_problems (JxProjectForm *self,
                              JxProblemSet  *problems)
{
  g_set_object (&self->problems, problems);
  for (guint k = 0; k < self->n_sources; k++)
    jx_amount_entry_set_problems (self->source_entries[k], problems);
}

void
jx_project_form_bind (JxProjectForm *self,
                      JxDocument    *document,
                      JxProject     *project)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (JX_IS_PROJECT_FORM (self));

  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->project);
      g_clear_signal_handler (&self->items_id, jx_project_get_indicators (self->project));
    }
  g_set_object (&self->project, project);
  g_set_object (&self->document, document);
  if (project != NULL)
    {
      self->notify_id = g_signal_connect (project, "notify", G_CALLBACK (on_project_notify_cb), self);
      /* The count follows the list itself: an undone or redone insertion
       * changes the list after the project's own notifications. */
      self->items_id = g_signal_connect_swapped (jx_project_get_indicators (project), "items-changed",
                                                 G_CALLBACK (sync_from_model), self);
    }

  if (document != NULL)
    {
      build_source_rows (self, jx_document_get_template (document));
      show_goals (self, jx_document_get_template (document));
    }
  jx_field_bind_editable (GTK_EDITABLE (self->name_entry), document, project, "name");
  jx_field_bind_text_view (self->goal_view, document, project, "goal");
  jx_field_bind_text_view (self->cycle_goal_view, document, project, "cycle-goal");
  for (guint k = 0; k < self->n_sources; k++)
    jx_amount_entry_bind (self->source_entries[k], document, project,
                          jx_document_get_source (document, k)->id);

  if (project != NULL)
    selection = gtk_no_selection_new (g_object_ref (jx_project_get_indicators (project)));
  gtk_list_view_set_model (self->indicator_list, GTK_SELECTION_MODEL (selection));
  sync_from_model (self);
}

JxProject *
jx_project_form_get_project (JxProjectForm *self)
{
  return self->project;
}

/* The entry of the source @property; the first source's for anything else
 * (the total, which is not typed). */
GtkWidget *
jx_project_form_get_amount_entry (JxProjectForm *self,
                                  const char    *property)
{
  int k = property != NULL ? jx_document_find_source (self->document, property) : -1;

  return GTK_WIDGET (self->source_entries[MAX (k, 0)]);
}

const char *
jx_project_form_get_indicators_caption (JxProjectForm *self)
{
  return gtk_label_get_text (self->indicators_caption);
}

const char *
jx_project_form_get_total_text (JxProjectForm *self)
{
  return gtk_label_get_text (self->total_label);
}

void
jx_project_form_focus_field (JxProjectForm *self,
                             const char    *field)
{
  GtkWidget *widget = GTK_WIDGET (self->name_entry);

  if (field != NULL && (jx_document_find_source (self->document, field) >= 0 || g_str_equal (field, "total")))
    widget = jx_project_form_get_amount_entry (self, field);
  else if (g_strcmp0 (field, "goal") == 0)
    widget = GTK_WIDGET (self->goal_view);
  else if (g_strcmp0 (field, "cycle-goal") == 0)
    widget = GTK_WIDGET (self->cycle_goal_view);
  else if (g_strcmp0 (field, "confidential") == 0)
    widget = GTK_WIDGET (self->confidential_switch);
  else if (g_strcmp0 (field, "indicators") == 0)
    widget = GTK_WIDGET (self->indicator_list);
  gtk_widget_grab_focus (widget);
}

static void
jx_project_form_dispose (GObject *object)
{
  JxProjectForm *self = JX_PROJECT_FORM (object);
  GtkWidget *child;

  if (self->project != NULL)
    jx_project_form_bind (self, NULL, NULL);
  g_clear_object (&self->document);
  g_clear_object (&self->problems);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_PROJECT_FORM);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (jx_project_form_parent_class)->dispose (object);
}

static void
jx_project_form_class_init (JxProjectFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_project_form_dispose;

  /**
   * JxProjectForm::node-activated:
   * An indicator in the form's list was activated: the window selects it.
   */
  signals[NODE_ACTIVATED] = g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, JX_TYPE_NODE);

  g_type_ensure (JX_TYPE_AMOUNT_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-project-form.ui");
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, unit_label);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, total_label);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, goal_caption);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, goal_view);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, cycle_goal_caption);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, cycle_goal_frame);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, cycle_goal_view);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, confidential_switch);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, indicator_list);
  gtk_widget_class_bind_template_child (widget_class, JxProjectForm, indicators_caption);
  gtk_widget_class_bind_template_callback (widget_class, on_confidential_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_indicator_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
jx_project_form_init (JxProjectForm *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Values to read, not to type into: no Tab stops. (A selectable label
   * takes Tab even when not focusable, and keeps the focus where it was.) */
  gtk_label_set_selectable (self->unit_label, FALSE);
  gtk_label_set_selectable (self->total_label, FALSE);

  /* The default template's rows until a document says otherwise. */
  build_source_rows (self, jx_template_get_default ());
  show_goals (self, jx_template_get_default ());

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->indicator_list, factory);
  g_object_unref (factory);
}
