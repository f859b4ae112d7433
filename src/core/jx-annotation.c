/* jx-annotation.c: a reviewer's comment on a project, an indicator or a field
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-annotation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-model-private.h"
#include "jx-previous.h"

enum {
  PROP_0,
  PROP_TARGET,
  PROP_FIELD,
  PROP_AUTHOR,
  PROP_TIME,
  PROP_TEXT,
  N_STRING_PROPS,
  PROP_RESOLVED = N_STRING_PROPS,
  N_PROPS
};

struct _JxAnnotation
{
  JxNode      parent_instance;

  char       *strings[N_STRING_PROPS];   /* indexed by property id */
  gboolean    resolved;
  GListStore *replies;
};

G_DEFINE_FINAL_TYPE (JxAnnotation, jx_annotation, JX_TYPE_NODE)

static GParamSpec *properties[N_PROPS];

static void
set_string (JxAnnotation *self,
            guint         prop_id,
            const char   *value)
{
  if (jx_replace_string (&self->strings[prop_id], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static GListStore *
jx_annotation_get_store (JxNode *node,
                         GType   child_type)
{
  return child_type == JX_TYPE_ANNOTATION ? JX_ANNOTATION (node)->replies : NULL;
}

static JxNode *
jx_annotation_copy (JxNode *node)
{
  JxAnnotation *self = JX_ANNOTATION (node);
  JxAnnotation *copy = g_object_new (JX_TYPE_ANNOTATION, NULL);

  for (guint i = 1; i < N_STRING_PROPS; i++)
    jx_replace_string (&copy->strings[i], self->strings[i]);
  copy->resolved = self->resolved;
  return JX_NODE (copy);
}

static void
jx_annotation_finalize (GObject *object)
{
  JxAnnotation *self = JX_ANNOTATION (object);

  for (guint i = 1; i < N_STRING_PROPS; i++)
    jx_clear_string (&self->strings[i]);
  g_clear_object (&self->replies);
  G_OBJECT_CLASS (jx_annotation_parent_class)->finalize (object);
}

static void
jx_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JxAnnotation *self = JX_ANNOTATION (object);

  if (prop_id > 0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, self->strings[prop_id]);
  else if (prop_id == PROP_RESOLVED)
    g_value_set_boolean (value, self->resolved);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jx_annotation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  JxAnnotation *self = JX_ANNOTATION (object);

  if (prop_id > 0 && prop_id < N_STRING_PROPS)
    set_string (self, prop_id, g_value_get_string (value));
  else if (prop_id == PROP_RESOLVED)
    jx_annotation_set_resolved (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
jx_annotation_class_init (JxAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JxNodeClass *node_class = JX_NODE_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = jx_annotation_finalize;
  object_class->get_property = jx_annotation_get_property;
  object_class->set_property = jx_annotation_set_property;
  node_class->get_store = jx_annotation_get_store;
  node_class->copy = jx_annotation_copy;

  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, "", rw);
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, "", rw);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, "", rw);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, "", rw);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", rw);
  properties[PROP_RESOLVED] = g_param_spec_boolean ("resolved", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jx_annotation_init (JxAnnotation *self)
{
  for (guint i = 1; i < N_STRING_PROPS; i++)
    self->strings[i] = jx_empty_string;
  self->replies = g_list_store_new (JX_TYPE_ANNOTATION);
}

JxAnnotation *
jx_annotation_new (const char *target,
                   const char *field,
                   const char *author,
                   const char *time,
                   const char *text)
{
  JxAnnotation *self = g_object_new (JX_TYPE_ANNOTATION, NULL);

  jx_replace_string (&self->strings[PROP_TARGET], target);
  jx_replace_string (&self->strings[PROP_FIELD], field);
  jx_replace_string (&self->strings[PROP_AUTHOR], author);
  jx_replace_string (&self->strings[PROP_TIME], time);
  jx_replace_string (&self->strings[PROP_TEXT], text);
  return self;
}

JX_DEFINE_STRING_ACCESSORS (JxAnnotation, jx_annotation, JX_IS_ANNOTATION, strings, set_string, target, PROP_TARGET)
JX_DEFINE_STRING_ACCESSORS (JxAnnotation, jx_annotation, JX_IS_ANNOTATION, strings, set_string, field, PROP_FIELD)
JX_DEFINE_STRING_ACCESSORS (JxAnnotation, jx_annotation, JX_IS_ANNOTATION, strings, set_string, author, PROP_AUTHOR)
JX_DEFINE_STRING_ACCESSORS (JxAnnotation, jx_annotation, JX_IS_ANNOTATION, strings, set_string, time, PROP_TIME)
JX_DEFINE_STRING_ACCESSORS (JxAnnotation, jx_annotation, JX_IS_ANNOTATION, strings, set_string, text, PROP_TEXT)

gboolean
jx_annotation_get_resolved (JxAnnotation *self)
{
  g_return_val_if_fail (JX_IS_ANNOTATION (self), FALSE);
  return self->resolved;
}

void
jx_annotation_set_resolved (JxAnnotation *self,
                            gboolean      resolved)
{
  g_return_if_fail (JX_IS_ANNOTATION (self));

  resolved = !!resolved;
  if (self->resolved == resolved)
    return;
  self->resolved = resolved;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
}

GListModel *
jx_annotation_get_replies (JxAnnotation *self)
{
  g_return_val_if_fail (JX_IS_ANNOTATION (self), NULL);
  return G_LIST_MODEL (self->replies);
}

char *
jx_annotation_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

JxAnnotationPlace
jx_annotation_locate (JxAnnotation   *self,
                      JxDocument     *document,
                      JxNode        **node,
                      const JxField **field)
{
  const char *target, *field_id;
  JxNode *found = NULL;
  const JxField *found_field = NULL;
  JxAnnotationPlace place = JX_ANNOTATION_PLACE_FOUND;

  g_return_val_if_fail (JX_IS_ANNOTATION (self), JX_ANNOTATION_PLACE_REMOVED_ITEM);
  g_return_val_if_fail (JX_IS_DOCUMENT (document), JX_ANNOTATION_PLACE_REMOVED_ITEM);

  target = jx_annotation_get_target (self);
  field_id = jx_annotation_get_field (self);
  if (*target == '\0')
    {
      found = JX_NODE (document);
      place = JX_ANNOTATION_PLACE_DOCUMENT;
    }
  else
    {
      found = jx_document_lookup (document, target);
      /* An id can name another annotation: that is no place in the table. */
      if (found == NULL || JX_IS_ANNOTATION (found))
        {
          found = NULL;
          place = JX_ANNOTATION_PLACE_REMOVED_ITEM;
        }
    }

  if (found != NULL && *field_id != '\0')
    {
      found_field = jx_field_lookup (jx_node_get_field_owner (found), field_id);
      /* A funding source the document's template does not have is gone too. */
      if (found_field != NULL && found_field->kind == JX_FIELD_MONEY
          && jx_document_find_source (document, field_id) < 0)
        found_field = NULL;
      if (found_field == NULL)
        place = JX_ANNOTATION_PLACE_REMOVED_FIELD;
    }

  if (node != NULL)
    *node = place == JX_ANNOTATION_PLACE_DOCUMENT ? NULL : found;
  if (field != NULL)
    *field = found_field;
  return place;
}
