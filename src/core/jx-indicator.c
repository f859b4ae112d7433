/* jx-indicator.c: a performance indicator of a project
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-indicator"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-model-private.h"

enum {
  PROP_0,
  PROP_CATEGORY,
  PROP_SUBCATEGORY,
  PROP_NAME,
  PROP_CYCLE_VALUE,
  PROP_ANNUAL_VALUE,
  PROP_COMPARATOR,
  PROP_NUMBER,
  PROP_MEASURE_UNIT,
  PROP_WEIGHT,
  PROP_DIRECTION,
  PROP_EXPLANATION,
  N_PROPS
};

struct _JxIndicator
{
  JxNode  parent_instance;

  /* All properties are strings: one slot each, indexed by property id. */
  char   *fields[N_PROPS];
};

G_DEFINE_FINAL_TYPE (JxIndicator, jx_indicator, JX_TYPE_NODE)

static GParamSpec *properties[N_PROPS];

static void
set_field (JxIndicator *self,
           guint        prop_id,
           const char  *value)
{
  if (jx_replace_string (&self->fields[prop_id], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static JxNode *
jx_indicator_copy (JxNode *node)
{
  JxIndicator *self = JX_INDICATOR (node);
  JxIndicator *copy = g_object_new (JX_TYPE_INDICATOR, NULL);

  for (guint i = 1; i < N_PROPS; i++)
    jx_replace_string (&copy->fields[i], self->fields[i]);
  return JX_NODE (copy);
}

static void
jx_indicator_finalize (GObject *object)
{
  JxIndicator *self = JX_INDICATOR (object);

  for (guint i = 1; i < N_PROPS; i++)
    jx_clear_string (&self->fields[i]);
  G_OBJECT_CLASS (jx_indicator_parent_class)->finalize (object);
}

static void
jx_indicator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JxIndicator *self = JX_INDICATOR (object);

  if (prop_id > 0 && prop_id < N_PROPS)
    g_value_set_string (value, self->fields[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jx_indicator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JxIndicator *self = JX_INDICATOR (object);

  if (prop_id > 0 && prop_id < N_PROPS)
    set_field (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* Every property of an indicator is a string in its slots. */
static const char *
jx_indicator_peek_string (JxNode *node,
                          guint   prop_id)
{
  /* Called through the class: @node is an indicator, no check needed. */
  return prop_id > PROP_0 && prop_id < N_PROPS ? ((JxIndicator *) node)->fields[prop_id] : NULL;
}

static void
jx_indicator_class_init (JxIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = jx_indicator_finalize;
  object_class->get_property = jx_indicator_get_property;
  object_class->set_property = jx_indicator_set_property;
  JX_NODE_CLASS (klass)->copy = jx_indicator_copy;
  JX_NODE_CLASS (klass)->peek_string = jx_indicator_peek_string;

  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, "", rw);
  properties[PROP_SUBCATEGORY] = g_param_spec_string ("subcategory", NULL, NULL, "", rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_CYCLE_VALUE] = g_param_spec_string ("cycle-value", NULL, NULL, "", rw);
  properties[PROP_ANNUAL_VALUE] = g_param_spec_string ("annual-value", NULL, NULL, "", rw);
  properties[PROP_COMPARATOR] = g_param_spec_string ("comparator", NULL, NULL, "", rw);
  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, "", rw);
  properties[PROP_MEASURE_UNIT] = g_param_spec_string ("measure-unit", NULL, NULL, "", rw);
  properties[PROP_WEIGHT] = g_param_spec_string ("weight", NULL, NULL, "", rw);
  properties[PROP_DIRECTION] = g_param_spec_string ("direction", NULL, NULL, "", rw);
  properties[PROP_EXPLANATION] = g_param_spec_string ("explanation", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jx_indicator_init (JxIndicator *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    self->fields[i] = jx_empty_string;
}

JxIndicator *
jx_indicator_new (const char *category,
                  const char *subcategory,
                  const char *name)
{
  JxIndicator *self = g_object_new (JX_TYPE_INDICATOR, NULL);

  jx_replace_string (&self->fields[PROP_CATEGORY], category);
  jx_replace_string (&self->fields[PROP_SUBCATEGORY], subcategory);
  jx_replace_string (&self->fields[PROP_NAME], name);
  return self;
}

JX_DEFINE_STRING_ACCESSORS (JxIndicator, jx_indicator, JX_IS_INDICATOR, fields, set_field, category, PROP_CATEGORY)
JX_DEFINE_STRING_ACCESSORS (JxIndicator, jx_indicator, JX_IS_INDICATOR, fields, set_field, subcategory, PROP_SUBCATEGORY)
JX_DEFINE_STRING_ACCESSORS (JxIndicator, jx_indicator, JX_IS_INDICATOR, fields, set_field, name, PROP_NAME)
JX_DEFINE_STRING_ACCESSORS (JxIndicator, jx_indicator, JX_IS_INDICATOR, fields, set_field, cycle_value, PROP_CYCLE_VALUE)
JX_DEFINE_STRING_ACCESSORS (JxIndicator, jx_indicator, JX_IS_INDICATOR, fields, set_field, annual_value, PROP_ANNUAL_VALUE)

/* The fields only some templates have, by their id in the table of fields. */
static guint
extra_prop (const char *id)
{
  /* The two values too, so that a template's fields are all reached by id. */
  for (guint i = PROP_CYCLE_VALUE; i < N_PROPS; i++)
    if (strcmp (properties[i]->name, id) == 0)
      return i;
  return 0;
}

const char *
jx_indicator_get_field (JxIndicator *self,
                        const char  *id)
{
  guint prop;

  g_return_val_if_fail (JX_IS_INDICATOR (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  prop = extra_prop (id);
  g_return_val_if_fail (prop != 0, NULL);
  return self->fields[prop];
}

void
jx_indicator_set_field (JxIndicator *self,
                        const char  *id,
                        const char  *value)
{
  guint prop;

  g_return_if_fail (JX_IS_INDICATOR (self));
  g_return_if_fail (id != NULL);
  prop = extra_prop (id);
  g_return_if_fail (prop != 0);
  set_field (self, prop, value);
}

gboolean
jx_indicator_has_extra_fields (JxIndicator *self)
{
  g_return_val_if_fail (JX_IS_INDICATOR (self), FALSE);
  for (guint i = PROP_COMPARATOR; i < N_PROPS; i++)
    if (*self->fields[i] != '\0')
      return TRUE;
  return FALSE;
}

const char * const *
jx_indicator_extra_field_ids (void)
{
  static const char * const ids[] = {
    "comparator", "number", "measure-unit", "weight", "direction", "explanation", NULL
  };
  return ids;
}

JxProject *
jx_indicator_get_project (JxIndicator *self)
{
  g_return_val_if_fail (JX_IS_INDICATOR (self), NULL);
  return (JxProject *) jx_node_get_parent (JX_NODE (self));
}
