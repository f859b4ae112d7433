/* jx-problems-panel.c: the validator's findings, each row leading to its place
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-problems-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-model-private.h"
#include "jx-problems-panel.h"

/* A list row needs a GObject; JxProblem is a boxed struct. This private
 * wrapper lives here because nothing else needs it. */
#define JX_TYPE_PROBLEM_ITEM (jx_problem_item_get_type ())
G_DECLARE_FINAL_TYPE (JxProblemItem, jx_problem_item, JX, PROBLEM_ITEM, GObject)

struct _JxProblemItem
{
  GObject    parent_instance;
  JxProblem *problem;
  char      *where;
};

G_DEFINE_FINAL_TYPE (JxProblemItem, jx_problem_item, G_TYPE_OBJECT)

static void
jx_problem_item_finalize (GObject *object)
{
  JxProblemItem *self = JX_PROBLEM_ITEM (object);

  g_clear_pointer (&self->problem, jx_problem_free);
  g_free (self->where);
  G_OBJECT_CLASS (jx_problem_item_parent_class)->finalize (object);
}

static void
jx_problem_item_class_init (JxProblemItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jx_problem_item_finalize;
}

static void
jx_problem_item_init (JxProblemItem *self)
{
}

static char *
describe_place (JxDocument *document,
                JxProblem  *problem)
{
  JxNode *node = problem->target ? jx_document_lookup (document, problem->target) : NULL;

  if (JX_IS_INDICATOR (node))
    {
      JxProject *project = jx_indicator_get_project (JX_INDICATOR (node));
      const char *name = jx_indicator_get_name (JX_INDICATOR (node));

      return g_strdup_printf ("%s › %s", project ? jx_project_get_name (project) : "",
                              *name ? name : _("(unnamed indicator)"));
    }
  if (JX_IS_PROJECT (node))
    return g_strdup (jx_project_get_name (JX_PROJECT (node)));
  if (JX_IS_FUNDING_UNIT (node))
    return g_strdup (jx_funding_unit_get_name (JX_FUNDING_UNIT (node)));
  return g_strdup (_("Document"));
}

struct _JxProblemsPanel
{
  GtkWidget     parent_instance;

  GtkListView  *list_view;
  GtkLabel     *summary_label;
  GtkWidget    *empty_label;

  GListStore   *store;
  JxProblemSet *problems;
  JxDocument   *document;
  gulong        changed_id;
};

G_DEFINE_FINAL_TYPE (JxProblemsPanel, jx_problems_panel, GTK_TYPE_WIDGET)

enum { PROBLEM_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
refresh (JxProblemsPanel *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *summary = NULL;
  guint errors, warnings;

  if (self->problems == NULL)
    {
      g_list_store_remove_all (self->store);
      return;
    }

  list = jx_problem_set_list (self->problems, self->document);
  for (guint i = 0; i < list->len; i++)
    {
      JxProblemItem *item = g_object_new (JX_TYPE_PROBLEM_ITEM, NULL);

      item->problem = jx_problem_copy (g_ptr_array_index (list, i));
      item->where = describe_place (self->document, item->problem);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  errors = jx_problem_set_get_n_errors (self->problems);
  warnings = jx_problem_set_get_n_warnings (self->problems);
  summary = g_strdup_printf (_("%u errors, %u warnings"), errors, warnings);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_visible (self->empty_label, list->len == 0);
}

static void
on_problems_changed_cb (JxProblemSet    *problems,
                        JxProblemsPanel *self)
{
  refresh (self);
}

void
jx_problems_panel_bind (JxProblemsPanel *self,
                        JxProblemSet    *problems,
                        JxDocument      *document)
{
  g_return_if_fail (JX_IS_PROBLEMS_PANEL (self));

  if (self->problems != NULL)
    g_clear_signal_handler (&self->changed_id, self->problems);
  g_set_object (&self->problems, problems);
  g_set_object (&self->document, document);
  if (problems != NULL)
    self->changed_id = g_signal_connect (problems, "changed", G_CALLBACK (on_problems_changed_cb), self);
  refresh (self);
}

guint
jx_problems_panel_get_n_rows (JxProblemsPanel *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

const char *
jx_problems_panel_get_row_message (JxProblemsPanel *self,
                                   guint            position)
{
  g_autoptr(JxProblemItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  return item ? item->problem->message : NULL;   /* the store keeps the item */
}

void
jx_problems_panel_activate_row (JxProblemsPanel *self,
                                guint            position)
{
  g_autoptr(JxProblemItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (item != NULL)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, item->problem->target, item->problem->field);
}

static void
on_activate_cb (GtkListView     *list,
                guint            position,
                JxProblemsPanel *self)
{
  jx_problems_panel_activate_row (self, position);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *where = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (text), where);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  data)
{
  JxProblemItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *message = gtk_widget_get_first_child (text);
  GtkWidget *where = gtk_widget_get_next_sibling (message);
  gboolean error = item->problem->severity == JX_SEVERITY_ERROR;

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (icon, error ? "warning" : "error");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"), -1);
  gtk_label_set_text (GTK_LABEL (message), item->problem->message);
  gtk_label_set_text (GTK_LABEL (where), item->where);
}

static void
jx_problems_panel_dispose (GObject *object)
{
  JxProblemsPanel *self = JX_PROBLEMS_PANEL (object);
  GtkWidget *child;

  if (self->problems != NULL)
    g_clear_signal_handler (&self->changed_id, self->problems);
  g_clear_object (&self->problems);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_PROBLEMS_PANEL);
  /* The template's top box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (jx_problems_panel_parent_class)->dispose (object);
}

static void
jx_problems_panel_class_init (JxProblemsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_problems_panel_dispose;

  /**
   * JxProblemsPanel::problem-activated:
   * A row was activated: the window shows the node (target id) and field.
   */
  signals[PROBLEM_ACTIVATED] = g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-problems-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, JxProblemsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, JxProblemsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JxProblemsPanel, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jx-problems-panel");
}

static void
jx_problems_panel_init (JxProblemsPanel *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (JX_TYPE_PROBLEM_ITEM);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}
