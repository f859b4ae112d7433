/* jx-funding-unit.c: a funding unit (资金使用单位) and its projects
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-funding-unit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-model-private.h"
#include "jx-money.h"

struct _JxFundingUnit
{
  JxNode      parent_instance;

  char       *name;
  JxMoney     total;
  GListStore *projects;
};

G_DEFINE_FINAL_TYPE (JxFundingUnit, jx_funding_unit, JX_TYPE_NODE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListStore *
jx_funding_unit_get_store (JxNode *node,
                           GType   child_type)
{
  return child_type == JX_TYPE_PROJECT ? JX_FUNDING_UNIT (node)->projects : NULL;
}

static void
jx_funding_unit_child_added (JxNode *node,
                             JxNode *child)
{
  JxFundingUnit *self = JX_FUNDING_UNIT (node);
  JxProject *project = JX_PROJECT (child);
  JxDocument *document = jx_node_get_document (node);
  JxMoney delta = jx_project_get_total (project);
  guint n_indicators = g_list_model_get_n_items (jx_project_get_indicators (project));

  if (delta != 0)
    {
      self->total += delta;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (document != NULL)
    jx_document_apply_delta (document, delta, 1, n_indicators);
}

static void
jx_funding_unit_child_removed (JxNode *node,
                               JxNode *child)
{
  JxFundingUnit *self = JX_FUNDING_UNIT (node);
  JxProject *project = JX_PROJECT (child);
  JxDocument *document = jx_node_get_document (node);
  JxMoney delta = -jx_project_get_total (project);
  guint n_indicators = g_list_model_get_n_items (jx_project_get_indicators (project));

  if (delta != 0)
    {
      self->total += delta;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (document != NULL)
    jx_document_apply_delta (document, delta, -1, -(int) n_indicators);
}

static JxNode *
jx_funding_unit_copy (JxNode *node)
{
  return JX_NODE (jx_funding_unit_new (JX_FUNDING_UNIT (node)->name));
}

static void
jx_funding_unit_finalize (GObject *object)
{
  JxFundingUnit *self = JX_FUNDING_UNIT (object);

  jx_clear_string (&self->name);
  g_clear_object (&self->projects);
  G_OBJECT_CLASS (jx_funding_unit_parent_class)->finalize (object);
}

static void
jx_funding_unit_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JxFundingUnit *self = JX_FUNDING_UNIT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_funding_unit_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_NAME:
      jx_funding_unit_set_name (JX_FUNDING_UNIT (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_funding_unit_class_init (JxFundingUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JxNodeClass *node_class = JX_NODE_CLASS (klass);

  object_class->finalize = jx_funding_unit_finalize;
  object_class->get_property = jx_funding_unit_get_property;
  object_class->set_property = jx_funding_unit_set_property;

  node_class->get_store = jx_funding_unit_get_store;
  node_class->child_added = jx_funding_unit_child_added;
  node_class->child_removed = jx_funding_unit_child_removed;
  node_class->copy = jx_funding_unit_copy;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jx_funding_unit_init (JxFundingUnit *self)
{
  self->name = jx_empty_string;
  self->projects = g_list_store_new (JX_TYPE_PROJECT);
}

JxFundingUnit *
jx_funding_unit_new (const char *name)
{
  return g_object_new (JX_TYPE_FUNDING_UNIT, "name", name, NULL);
}

const char *
jx_funding_unit_get_name (JxFundingUnit *self)
{
  g_return_val_if_fail (JX_IS_FUNDING_UNIT (self), NULL);
  return self->name;
}

void
jx_funding_unit_set_name (JxFundingUnit *self,
                          const char    *name)
{
  g_return_if_fail (JX_IS_FUNDING_UNIT (self));
  if (jx_replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

JxMoney
jx_funding_unit_get_total (JxFundingUnit *self)
{
  g_return_val_if_fail (JX_IS_FUNDING_UNIT (self), 0);
  return self->total;
}

GListModel *
jx_funding_unit_get_projects (JxFundingUnit *self)
{
  g_return_val_if_fail (JX_IS_FUNDING_UNIT (self), NULL);
  return G_LIST_MODEL (self->projects);
}

gboolean
jx_funding_unit_sum_sources (JxFundingUnit *self,
                             JxMoney        sources[JX_MAX_SOURCES])
{
  GListModel *projects;
  guint n_sources;
  gboolean ok = TRUE;

  g_return_val_if_fail (JX_IS_FUNDING_UNIT (self), FALSE);

  n_sources = jx_document_get_n_sources (jx_node_get_document (JX_NODE (self)));
  for (guint k = 0; k < n_sources; k++)
    sources[k] = 0;
  projects = G_LIST_MODEL (self->projects);
  for (guint i = 0; i < g_list_model_get_n_items (projects); i++)
    {
      g_autoptr(JxProject) project = g_list_model_get_item (projects, i);

      for (guint k = 0; k < n_sources; k++)
        ok = ok && jx_money_add (sources[k], jx_project_get_source (project, k), &sources[k]);
    }
  return ok;
}

void
jx_funding_unit_apply_delta (JxFundingUnit *self,
                             JxMoney        delta,
                             int            indicators)
{
  JxDocument *document;

  g_return_if_fail (JX_IS_FUNDING_UNIT (self));

  if (delta != 0)
    {
      self->total += delta;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  document = jx_node_get_document (JX_NODE (self));
  if (document != NULL)
    jx_document_apply_delta (document, delta, 0, indicators);
}
