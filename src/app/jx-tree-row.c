/* jx-tree-row.c: one row of the document tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-tree-row"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-review.h"
#include "jx-tree-row.h"

struct _JxTreeRow
{
  GtkWidget     parent_instance;

  GtkImage     *mark;
  GtkLabel     *compare_label;
  GtkLabel     *code_label;
  GtkLabel     *name_label;
  GtkImage     *lock;
  GtkWidget    *comments_badge;
  GtkLabel     *comments_label;
  GtkLabel     *amount_label;

  JxNode       *item;
  JxProblemSet *problems;
  gulong        notify_id;
  gulong        problems_id;
  JxDocument   *document;      /* of the item, watched for comment changes */
  gulong        changed_id;
  guint         open_comments;
  JxCompareMark compare_mark;
};

G_DEFINE_FINAL_TYPE (JxTreeRow, jx_tree_row, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_ITEM, PROP_PROBLEMS, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Tooltips are kept here and handed over when asked for (query-tooltip):
 * GTK 4.8's gtk_widget_set_tooltip_text() asks the display where the
 * pointer is, a round trip to the X server, on every call, and the rows a
 * tree rebuilt for Compare With… binds set several each (a third of the
 * time the comparison held up the window). */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  g_object_set_data_full (G_OBJECT (widget), "jx-tooltip", g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL && *text != '\0');
}

static const char *
get_tooltip (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "jx-tooltip");
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    data)
{
  const char *text = get_tooltip (widget);

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_mark (JxTreeRow *self)
{
  g_autofree char *tooltip = NULL;
  JxSeverity severity;

  /* An item of a compared version has no findings here (the problems are
   * this table's, found by id, which a new item may have taken). */
  if (self->item != NULL && self->problems != NULL && self->compare_mark != JX_COMPARE_REMOVED
      && jx_problem_set_lookup (self->problems, self->item, &severity, &tooltip))
    {
      gboolean error = severity == JX_SEVERITY_ERROR;

      gtk_image_set_from_icon_name (self->mark, error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      set_tooltip (GTK_WIDGET (self->mark), tooltip);
      gtk_widget_remove_css_class (GTK_WIDGET (self->mark), error ? "warning" : "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->mark), error ? "error" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      error ? _("Has errors") : _("Has warnings"), -1);
      gtk_widget_set_opacity (GTK_WIDGET (self->mark), 1.0);
    }
  else
    {
      /* Keep the space, so names line up whether or not a row is marked. */
      gtk_image_clear (self->mark);
      set_tooltip (GTK_WIDGET (self->mark), NULL);
      gtk_widget_set_opacity (GTK_WIDGET (self->mark), 0.0);
    }
}

/* The number of open comments on the item and under it, as a badge. */
static void
update_comments (JxTreeRow *self)
{
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;

  /* An item of the other version has no place in this table's review. */
  self->open_comments = self->document != NULL && self->item != NULL && self->compare_mark != JX_COMPARE_REMOVED
                        ? jx_review_count_open (self->document, self->item) : 0;
  gtk_widget_set_visible (self->comments_badge, self->open_comments > 0);
  if (self->open_comments == 0)
    return;
  count = g_strdup_printf ("%u", self->open_comments);
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open comment", "%u open comments",
                                          self->open_comments),
                             self->open_comments);
  gtk_label_set_text (self->comments_label, count);
  set_tooltip (self->comments_badge, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comments_badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
}

static void
on_document_changed_cb (JxDocument *document,
                        JxTreeRow  *self)
{
  update_comments (self);
}

static void
watch_document (JxTreeRow  *self,
                JxDocument *document)
{
  if (self->document == document)
    return;
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  /* After the counts' own handler, which marks them out of date. */
  if (document != NULL)
    self->changed_id = g_signal_connect_after (document, "changed", G_CALLBACK (on_document_changed_cb), self);
}

static void
update (JxTreeRow *self)
{
  JxNode *item = self->item;
  g_autofree char *amount = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->code_label), JX_IS_INDICATOR (item));
  gtk_widget_set_visible (GTK_WIDGET (self->lock), JX_IS_PROJECT (item)
                          && jx_project_get_confidential (JX_PROJECT (item)));
  gtk_widget_set_visible (GTK_WIDGET (self->amount_label), !JX_IS_INDICATOR (item) && item != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "heading");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");

  if (item == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      return;
    }

  if (JX_IS_DOCUMENT (item))
    {
      gtk_label_set_text (self->name_label, _("Grand total (合计)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
      amount = jx_document_format_amount (JX_DOCUMENT (item), jx_document_get_total (JX_DOCUMENT (item)));
    }
  else if (JX_IS_FUNDING_UNIT (item))
    {
      const char *name = jx_funding_unit_get_name (JX_FUNDING_UNIT (item));

      gtk_label_set_text (self->name_label, *name ? name : _("(unnamed funding unit)"));
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
      amount = jx_document_format_amount (jx_node_get_document (JX_NODE (item)),
                                           jx_funding_unit_get_total (JX_FUNDING_UNIT (item)));
    }
  else if (JX_IS_PROJECT (item))
    {
      const char *name = jx_project_get_name (JX_PROJECT (item));

      gtk_label_set_text (self->name_label, *name ? name : _("(unnamed project)"));
      if (!*name)
        gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
      amount = jx_document_format_amount (jx_node_get_document (JX_NODE (item)),
                                           jx_project_get_total (JX_PROJECT (item)));
    }
  else if (JX_IS_INDICATOR (item))
    {
      JxIndicator *indicator = JX_INDICATOR (item);
      const char *name = jx_indicator_get_name (indicator);
      const char *code = jx_indicator_get_subcategory (indicator);

      gtk_label_set_text (self->code_label, *code ? code : jx_indicator_get_category (indicator));
      gtk_label_set_text (self->name_label, *name ? name : _("(unnamed indicator)"));
      if (!*name)
        gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
    }

  gtk_label_set_text (self->amount_label, amount ? amount : "");
  set_tooltip (GTK_WIDGET (self->name_label), gtk_label_get_text (self->name_label));
}

static void
on_item_notify_cb (GObject    *object,
                   GParamSpec *pspec,
                   JxTreeRow  *self)
{
  update (self);
}

static void
on_problems_changed_cb (JxProblemSet *problems,
                        JxTreeRow    *self)
{
  update_mark (self);
}

void
jx_tree_row_set_compare_mark (JxTreeRow     *self,
                              JxCompareMark  mark,
                              const char    *other_name)
{
  static const char *const classes[] = { NULL, "added", "changed", "removed", "inside" };
  g_autofree char *tooltip = NULL;
  const char *text = NULL;

  g_return_if_fail (JX_IS_TREE_ROW (self));

  for (guint i = 1; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->compare_label), classes[i]);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "jx-removed");
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount_label), "jx-removed");
  self->compare_mark = mark;
  switch (mark)
    {
    case JX_COMPARE_ADDED:
      /* TRANSLATORS: a tree row's badge: the item is not in the version compared with */
      text = C_("compare mark", "new");
      /* TRANSLATORS: %s is the file compared with */
      tooltip = g_strdup_printf (_("Added since %s"), other_name);
      break;
    case JX_COMPARE_CHANGED:
      /* TRANSLATORS: a tree row's badge: a value differs from the version compared with */
      text = C_("compare mark", "changed");
      tooltip = g_strdup_printf (_("Changed since %s: the form shows the values it had there"), other_name);
      break;
    case JX_COMPARE_REMOVED:
      /* TRANSLATORS: a tree row's badge: the item is only in the version compared with */
      text = C_("compare mark", "removed");
      tooltip = g_strdup_printf (_("Removed since %s: shown for the comparison, not part of this table"),
                                 other_name);
      gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "jx-removed");
      gtk_widget_add_css_class (GTK_WIDGET (self->amount_label), "jx-removed");
      break;
    case JX_COMPARE_INSIDE:
      text = "•";
      tooltip = g_strdup_printf (_("Holds changes since %s"), other_name);
      break;
    case JX_COMPARE_NONE:
    default:
      break;
    }
  if (text != NULL)
    {
      gtk_label_set_text (self->compare_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->compare_label), classes[mark]);
      set_tooltip (GTK_WIDGET (self->compare_label), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->compare_label), text != NULL);
  update_mark (self);
  update_comments (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A line through the text of @label, in its colour. Drawn here rather than
 * by Pango: its strikethrough skips runs in fonts without strikeout metrics
 * (the CJK fonts), and so does CSS text-decoration, which uses it. */
static void
strike_through (JxTreeRow   *self,
                GtkSnapshot *snapshot,
                GtkLabel    *label)
{
  graphene_rect_t bounds;
  int x, y, width, height;
  GdkRGBA color;

  if (!gtk_widget_get_visible (GTK_WIDGET (label)) || *gtk_label_get_text (label) == '\0'
      || !gtk_widget_compute_bounds (GTK_WIDGET (label), GTK_WIDGET (self), &bounds))
    return;
  gtk_label_get_layout_offsets (label, &x, &y);
  pango_layout_get_pixel_size (gtk_label_get_layout (label), &width, &height);
  width = MIN (width, (int) bounds.size.width);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (label)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= gtk_widget_get_opacity (GTK_WIDGET (label));
  /* The layout offsets are in the label's coordinates. */
  gtk_snapshot_append_color (snapshot, &color,
                             &GRAPHENE_RECT_INIT (bounds.origin.x + MAX (x, 0) - 1, bounds.origin.y + y + height / 2.0f,
                                                  width + 2, 1));
}

static void
jx_tree_row_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  JxTreeRow *self = JX_TREE_ROW (widget);

  GTK_WIDGET_CLASS (jx_tree_row_parent_class)->snapshot (widget, snapshot);
  if (self->compare_mark == JX_COMPARE_REMOVED)
    {
      strike_through (self, snapshot, self->name_label);
      strike_through (self, snapshot, self->amount_label);
    }
}

JxCompareMark
jx_tree_row_get_compare_mark (JxTreeRow *self)
{
  g_return_val_if_fail (JX_IS_TREE_ROW (self), JX_COMPARE_NONE);
  return gtk_widget_get_visible (GTK_WIDGET (self->compare_label)) ? self->compare_mark : JX_COMPARE_NONE;
}

JxNode *
jx_tree_row_get_item (JxTreeRow *self)
{
  g_return_val_if_fail (JX_IS_TREE_ROW (self), NULL);
  return self->item;
}

void
jx_tree_row_set_item (JxTreeRow *self,
                      JxNode    *item)
{
  g_return_if_fail (JX_IS_TREE_ROW (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_set_object (&self->item, item);
  /* One handler for everything a row shows: name, total, codes, flag. */
  if (item != NULL)
    self->notify_id = g_signal_connect (item, "notify", G_CALLBACK (on_item_notify_cb), self);
  watch_document (self, item != NULL ? jx_node_get_document (item) : NULL);
  update (self);
  update_mark (self);
  update_comments (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
set_problems (JxTreeRow    *self,
              JxProblemSet *problems)
{
  if (self->problems != NULL)
    g_clear_signal_handler (&self->problems_id, self->problems);
  g_set_object (&self->problems, problems);
  if (problems != NULL)
    self->problems_id = g_signal_connect (problems, "changed", G_CALLBACK (on_problems_changed_cb), self);
  update_mark (self);
}

guint
jx_tree_row_get_open_comments (JxTreeRow *self)
{
  g_return_val_if_fail (JX_IS_TREE_ROW (self), 0);
  return gtk_widget_get_visible (self->comments_badge) ? self->open_comments : 0;
}

char *
jx_tree_row_describe (JxTreeRow *self)
{
  g_return_val_if_fail (JX_IS_TREE_ROW (self), NULL);
  if (gtk_widget_get_visible (GTK_WIDGET (self->code_label)))
    return g_strdup_printf ("%s %s", gtk_label_get_text (self->code_label),
                            gtk_label_get_text (self->name_label));
  return g_strdup_printf ("%s|%s", gtk_label_get_text (self->name_label),
                          gtk_label_get_text (self->amount_label));
}

const char *
jx_tree_row_get_mark (JxTreeRow *self)
{
  g_return_val_if_fail (JX_IS_TREE_ROW (self), NULL);
  return get_tooltip (GTK_WIDGET (self->mark));
}

static void
jx_tree_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JxTreeRow *self = JX_TREE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_PROBLEMS:
      g_value_set_object (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_tree_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  JxTreeRow *self = JX_TREE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      jx_tree_row_set_item (self, g_value_get_object (value));
      break;
    case PROP_PROBLEMS:
      set_problems (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_tree_row_dispose (GObject *object)
{
  JxTreeRow *self = JX_TREE_ROW (object);

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  g_clear_object (&self->item);
  watch_document (self, NULL);
  if (self->problems != NULL)
    g_clear_signal_handler (&self->problems_id, self->problems);
  g_clear_object (&self->problems);
  gtk_widget_dispose_template (GTK_WIDGET (self), JX_TYPE_TREE_ROW);
  G_OBJECT_CLASS (jx_tree_row_parent_class)->dispose (object);
}

static void
jx_tree_row_class_init (JxTreeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jx_tree_row_dispose;
  object_class->get_property = jx_tree_row_get_property;
  object_class->set_property = jx_tree_row_set_property;
  widget_class->snapshot = jx_tree_row_snapshot;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, JX_TYPE_NODE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBLEMS] =
    g_param_spec_object ("problems", NULL, NULL, JX_TYPE_PROBLEM_SET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/jixiao/Jixiao/ui/jx-tree-row.ui");
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, mark);
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, compare_label);
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, lock);
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, comments_badge);
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, comments_label);
  gtk_widget_class_bind_template_child (widget_class, JxTreeRow, amount_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "jx-tree-row");
}

static void
jx_tree_row_init (JxTreeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->mark, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  g_signal_connect (self->compare_label, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  g_signal_connect (self->name_label, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  g_signal_connect (self->comments_badge, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
jx_tree_row_new (JxProblemSet *problems)
{
  return g_object_new (JX_TYPE_TREE_ROW, "problems", problems, NULL);
}
