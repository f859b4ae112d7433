/* jx-project.c: a project, its funding and its indicators
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-project"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-fields.h"
#include "jx-model-private.h"
#include "jx-money.h"

struct _JxProject
{
  JxNode      parent_instance;

  char       *name;
  JxMoney     sources[JX_MAX_SOURCES];   /* indexed as jx_document_get_source() */
  JxMoney     total;   /* the sum of the sources, kept in step by jx_project_set_source() */
  char       *goal;
  char       *cycle_goal;   /* 中长期目标, in templates that have it */
  gboolean    confidential;
  GListStore *indicators;
  guint       n_indicators;   /* kept by child_added/removed, cheaper than a signal */
};

G_DEFINE_FINAL_TYPE (JxProject, jx_project, JX_TYPE_NODE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TOTAL,
  PROP_GOAL,
  PROP_CONFIDENTIAL,
  PROP_N_INDICATORS,
  PROP_CYCLE_GOAL,
  /* From here one property per funding source any template may have (the
   * money fields of the table of fields), named by its id. */
  PROP_SOURCE,
  N_PROPS = PROP_SOURCE + 2 * JX_MAX_SOURCES
};

static GParamSpec *properties[N_PROPS];
static guint n_source_props;

/* The template of the project's document (the default while detached). */
static JxTemplate *
template_of (JxProject *self)
{
  JxDocument *document = jx_node_get_document (JX_NODE (self));

  return document != NULL ? jx_document_get_template (document) : jx_template_get_default ();
}

/* The index of the source property @prop_id in the project's template, or -1. */
static int
source_of_property (JxProject *self,
                    guint      prop_id)
{
  if (prop_id < PROP_SOURCE || prop_id >= PROP_SOURCE + n_source_props)
    return -1;
  return jx_template_find_source (template_of (self), properties[prop_id]->name);
}

static GParamSpec *
property_of_source (JxProject *self,
                    guint      index)
{
  const char *id = jx_template_get_source (template_of (self), index)->id;

  for (guint k = 0; k < n_source_props; k++)
    if (strcmp (properties[PROP_SOURCE + k]->name, id) == 0)
      return properties[PROP_SOURCE + k];
  g_return_val_if_reached (NULL);
}

static GListStore *
jx_project_get_store (JxNode *node,
                      GType   child_type)
{
  return child_type == JX_TYPE_INDICATOR ? JX_PROJECT (node)->indicators : NULL;
}

static void
update_indicator_count (JxProject *self,
                        int        change)
{
  JxNode *unit = jx_node_get_parent (JX_NODE (self));

  if (unit != NULL)
    jx_funding_unit_apply_delta (JX_FUNDING_UNIT (unit), 0, change);
}

static void
jx_project_child_added (JxNode *node,
                        JxNode *child)
{
  JxProject *self = JX_PROJECT (node);

  self->n_indicators++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INDICATORS]);
  update_indicator_count (self, 1);
}

/* A loader's batch of indicators: counted and carried up to the funding
 * unit and the document once. */
static void
jx_project_children_added (JxNode  *node,
                           JxNode **children,
                           guint    n)
{
  JxProject *self = (JxProject *) node;

  self->n_indicators += n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INDICATORS]);
  update_indicator_count (self, (int) n);
}

static void
jx_project_child_removed (JxNode *node,
                          JxNode *child)
{
  JxProject *self = JX_PROJECT (node);

  self->n_indicators--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INDICATORS]);
  update_indicator_count (self, -1);
}

static JxNode *
jx_project_copy (JxNode *node)
{
  JxProject *self = JX_PROJECT (node);
  JxProject *copy = jx_project_new (self->name);

  memcpy (copy->sources, self->sources, sizeof self->sources);
  copy->total = self->total;
  jx_replace_string (&copy->goal, self->goal);
  jx_replace_string (&copy->cycle_goal, self->cycle_goal);
  copy->confidential = self->confidential;
  return JX_NODE (copy);
}

static void
jx_project_finalize (GObject *object)
{
  JxProject *self = JX_PROJECT (object);

  jx_clear_string (&self->name);
  jx_clear_string (&self->goal);
  jx_clear_string (&self->cycle_goal);
  g_clear_object (&self->indicators);
  G_OBJECT_CLASS (jx_project_parent_class)->finalize (object);
}

static void
jx_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JxProject *self = JX_PROJECT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_GOAL:
      g_value_set_string (value, self->goal);
      break;
    case PROP_CONFIDENTIAL:
      g_value_set_boolean (value, self->confidential);
      break;
    case PROP_N_INDICATORS:
      g_value_set_uint (value, self->n_indicators);
      break;
    case PROP_CYCLE_GOAL:
      g_value_set_string (value, self->cycle_goal);
      break;
    default:
      {
        int index = source_of_property (self, prop_id);

        /* A source the template does not have holds nothing. */
        if (index >= 0)
          g_value_set_int64 (value, self->sources[index]);
        else if (prop_id < PROP_SOURCE || prop_id >= PROP_SOURCE + n_source_props)
          G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      }
    }
}

static void
jx_project_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  JxProject *self = JX_PROJECT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      jx_project_set_name (self, g_value_get_string (value));
      break;
    case PROP_GOAL:
      jx_project_set_goal (self, g_value_get_string (value));
      break;
    case PROP_CONFIDENTIAL:
      jx_project_set_confidential (self, g_value_get_boolean (value));
      break;
    case PROP_CYCLE_GOAL:
      jx_project_set_cycle_goal (self, g_value_get_string (value));
      break;
    default:
      {
        int index = source_of_property (self, prop_id);

        if (index >= 0)
          jx_project_set_source (self, index, g_value_get_int64 (value));
        else if (prop_id < PROP_SOURCE || prop_id >= PROP_SOURCE + n_source_props)
          G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
        else
          g_critical ("The template “%s” has no funding source “%s”",
                      jx_template_get_id (template_of (self)), pspec->name);
      }
    }
}

static const char *
jx_project_peek_string (JxNode *node,
                        guint   prop_id)
{
  /* Called through the class: @node is a project, no check needed. */
  JxProject *self = (JxProject *) node;

  switch (prop_id)
    {
    case PROP_NAME: return self->name;
    case PROP_GOAL: return self->goal;
    case PROP_CYCLE_GOAL: return self->cycle_goal;
    default: return NULL;
    }
}

static void
jx_project_class_init (JxProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JxNodeClass *node_class = JX_NODE_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const JxFieldOwner owners[] = { JX_FIELD_OWNER_PROJECT, JX_FIELD_OWNER_SOURCE };

  object_class->finalize = jx_project_finalize;
  object_class->get_property = jx_project_get_property;
  object_class->set_property = jx_project_set_property;

  node_class->get_store = jx_project_get_store;
  node_class->child_added = jx_project_child_added;
  node_class->child_removed = jx_project_child_removed;
  node_class->children_added = jx_project_children_added;
  node_class->copy = jx_project_copy;
  node_class->peek_string = jx_project_peek_string;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_TOTAL] = g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_GOAL] = g_param_spec_string ("goal", NULL, NULL, "", rw);
  properties[PROP_CONFIDENTIAL] = g_param_spec_boolean ("confidential", NULL, NULL, FALSE, rw);
  properties[PROP_N_INDICATORS] = g_param_spec_uint ("n-indicators", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CYCLE_GOAL] = g_param_spec_string ("cycle-goal", NULL, NULL, "", rw);
  /* The amounts: a property per funding source of the table of fields,
   * named by its id (fiscal), so that bindings and jx_edit_set_money()
   * find them; each maps to its index in the document's template. */
  for (guint o = 0; o < G_N_ELEMENTS (owners); o++)
    {
      guint n;
      const JxField *fields = jx_fields_of (owners[o], &n);

      for (guint i = 0; i < n; i++)
        if (fields[i].kind == JX_FIELD_MONEY)
          {
            g_assert (n_source_props < 2 * JX_MAX_SOURCES);
            properties[PROP_SOURCE + n_source_props++] =
              g_param_spec_int64 (fields[i].id, NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
          }
    }
  g_object_class_install_properties (object_class, PROP_SOURCE + n_source_props, properties);
}

static void
jx_project_init (JxProject *self)
{
  self->name = jx_empty_string;
  self->goal = jx_empty_string;
  self->cycle_goal = jx_empty_string;
  self->indicators = g_list_store_new (JX_TYPE_INDICATOR);
}

JxProject *
jx_project_new (const char *name)
{
  return g_object_new (JX_TYPE_PROJECT, "name", name, NULL);
}

const char *
jx_project_get_name (JxProject *self)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), NULL);
  return self->name;
}

void
jx_project_set_name (JxProject  *self,
                     const char *name)
{
  g_return_if_fail (JX_IS_PROJECT (self));
  if (jx_replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gboolean
jx_project_check_source (JxProject *self,
                         guint      index,
                         JxMoney    amount,
                         GError   **error)
{
  JxNode *unit;
  JxDocument *document;
  JxMoney delta, sum;

  g_return_val_if_fail (JX_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (index < JX_MAX_SOURCES, FALSE);

  unit = jx_node_get_parent (JX_NODE (self));
  document = jx_node_get_document (JX_NODE (self));
  if (!jx_money_sub (amount, self->sources[index], &delta) ||
      !jx_money_add (self->total, delta, &sum) ||
      (unit != NULL && !jx_money_add (jx_funding_unit_get_total (JX_FUNDING_UNIT (unit)), delta, &sum)) ||
      (document != NULL && !jx_money_add (jx_document_get_total (document), delta, &sum)))
    {
      g_set_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_OVERFLOW,
                   _("This amount would make a total too large to hold; check the number of digits"));
      return FALSE;
    }
  return TRUE;
}

JxMoney
jx_project_get_source (JxProject *self,
                       guint      index)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), 0);
  g_return_val_if_fail (index < JX_MAX_SOURCES, 0);
  return self->sources[index];
}

/* Applies the difference upwards: the project, its unit and the document
 * each change their total once, without re-summing anything. */
void
jx_project_set_source (JxProject *self,
                       guint      index,
                       JxMoney    amount)
{
  JxNode *unit;
  JxMoney delta;

  g_return_if_fail (JX_IS_PROJECT (self));
  g_return_if_fail (index < JX_MAX_SOURCES);

  if (self->sources[index] == amount)
    return;
  if (!jx_project_check_source (self, index, amount, NULL))
    {
      g_critical ("Refusing an amount that would overflow a total");
      return;
    }

  delta = amount - self->sources[index];
  self->sources[index] = amount;
  self->total += delta;
  if (index < jx_template_get_n_sources (template_of (self)))
    g_object_notify_by_pspec (G_OBJECT (self), property_of_source (self, index));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);

  unit = jx_node_get_parent (JX_NODE (self));
  if (unit != NULL)
    jx_funding_unit_apply_delta (JX_FUNDING_UNIT (unit), delta, 0);
}

void
jx_project_remap_sources (JxProject  *self,
                          JxTemplate *from,
                          JxTemplate *to)
{
  JxMoney amounts[JX_MAX_SOURCES] = { 0, };
  JxMoney total = 0;
  JxNode *unit;

  g_return_if_fail (JX_IS_PROJECT (self));

  for (guint k = 0; k < jx_template_get_n_sources (to); k++)
    {
      int i = jx_template_find_source (from, jx_template_get_source (to, k)->id);

      amounts[k] = i >= 0 ? self->sources[i] : 0;
      if (!jx_money_add (total, amounts[k], &total))
        {
          g_critical ("Refusing amounts that would overflow a total");
          return;
        }
    }
  memcpy (self->sources, amounts, sizeof amounts);
  if (total != self->total)
    {
      JxMoney delta = total - self->total;

      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
      unit = jx_node_get_parent (JX_NODE (self));
      if (unit != NULL)
        jx_funding_unit_apply_delta (JX_FUNDING_UNIT (unit), delta, 0);
    }
  for (guint k = 0; k < n_source_props; k++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE + k]);
}

JxMoney
jx_project_get_total (JxProject *self)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), 0);
  return self->total;
}

const char *
jx_project_get_goal (JxProject *self)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), NULL);
  return self->goal;
}

void
jx_project_set_goal (JxProject  *self,
                     const char *goal)
{
  g_return_if_fail (JX_IS_PROJECT (self));
  if (jx_replace_string (&self->goal, goal))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOAL]);
}

const char *
jx_project_get_cycle_goal (JxProject *self)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), NULL);
  return self->cycle_goal;
}

void
jx_project_set_cycle_goal (JxProject  *self,
                           const char *goal)
{
  g_return_if_fail (JX_IS_PROJECT (self));
  if (jx_replace_string (&self->cycle_goal, goal))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CYCLE_GOAL]);
}

gboolean
jx_project_get_confidential (JxProject *self)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), FALSE);
  return self->confidential;
}

void
jx_project_set_confidential (JxProject *self,
                             gboolean   confidential)
{
  g_return_if_fail (JX_IS_PROJECT (self));

  confidential = !!confidential;
  if (self->confidential == confidential)
    return;
  self->confidential = confidential;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENTIAL]);
}

GListModel *
jx_project_get_indicators (JxProject *self)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->indicators);
}

JxFundingUnit *
jx_project_get_unit (JxProject *self)
{
  g_return_val_if_fail (JX_IS_PROJECT (self), NULL);
  return (JxFundingUnit *) jx_node_get_parent (JX_NODE (self));
}
