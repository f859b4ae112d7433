/* jx-history.c: the undo history of a document
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-history.h"
#include "jx-model-private.h"

typedef enum
{
  OP_SET,
  OP_INSERT,
  OP_REMOVE,
  OP_GROUP,
} OpKind;

typedef struct
{
  OpKind      kind;
  char       *label;
  /* OP_SET */
  GObject    *object;
  GParamSpec *pspec;
  GValue      old_value;
  GValue      new_value;
  /* OP_INSERT, OP_REMOVE */
  JxNode     *parent;
  JxNode     *child;
  guint       position;
  /* OP_GROUP */
  GPtrArray  *ops;
  /* The document owns its history: ops that touch the document itself
   * hold it weakly, or the two would keep each other alive. */
  gboolean    object_is_document;
  gboolean    parent_is_document;
} Op;

struct _JxHistory
{
  GObject     parent_instance;

  JxDocument *document;     /* weak: the document owns its history */
  GPtrArray  *steps;        /* of Op */
  guint       position;     /* steps[0..position) are applied */
  gint64      save_point;   /* position of the saved state; -1 if unreachable */
  gboolean    merge_ok;
  guint64     serial;       /* counts changes of the document through here */
  GPtrArray  *open_groups;  /* of Op, innermost last */

  /* Last notified state, so each property notifies only on a real change. */
  gboolean    can_undo;
  gboolean    can_redo;
  gboolean    modified;
  char       *undo_label;
  char       *redo_label;
};

G_DEFINE_FINAL_TYPE (JxHistory, jx_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->label);
  if (op->object_is_document)
    op->object = NULL;
  if (op->parent_is_document)
    op->parent = NULL;
  g_clear_object (&op->object);
  if (op->pspec != NULL)
    {
      g_param_spec_unref (op->pspec);
      g_value_unset (&op->old_value);
      g_value_unset (&op->new_value);
    }
  g_clear_object (&op->parent);
  g_clear_object (&op->child);
  g_clear_pointer (&op->ops, g_ptr_array_unref);
  g_free (op);
}

static Op *
op_new (OpKind      kind,
        const char *label)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->label = g_strdup (label);
  if (kind == OP_GROUP)
    op->ops = g_ptr_array_new_with_free_func (op_free);
  return op;
}

static void
op_apply (Op *op)
{
  switch (op->kind)
    {
    case OP_SET:
      g_object_set_property (op->object, op->pspec->name, &op->new_value);
      break;
    case OP_INSERT:
      jx_node_insert_child (op->parent, op->position, op->child);
      break;
    case OP_REMOVE:
      jx_node_remove_child (op->parent, op->child);
      break;
    case OP_GROUP:
      for (guint i = 0; i < op->ops->len; i++)
        op_apply (g_ptr_array_index (op->ops, i));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
op_revert (Op *op)
{
  switch (op->kind)
    {
    case OP_SET:
      g_object_set_property (op->object, op->pspec->name, &op->old_value);
      break;
    case OP_INSERT:
      jx_node_remove_child (op->parent, op->child);
      break;
    case OP_REMOVE:
      jx_node_insert_child (op->parent, op->position, op->child);
      break;
    case OP_GROUP:
      for (guint i = op->ops->len; i > 0; i--)
        op_revert (g_ptr_array_index (op->ops, i - 1));
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *
step_label (JxHistory *self,
            guint      index)
{
  Op *op;

  if (index >= self->steps->len)
    return NULL;
  op = g_ptr_array_index (self->steps, index);
  return op->label;
}

/* Notifies whatever changed since the last call, then tells the document. */
static void
update_state (JxHistory *self,
              gboolean   document_changed)
{
  gboolean can_undo = self->position > 0;
  gboolean can_redo = self->position < self->steps->len;
  gboolean modified = self->save_point != (gint64) self->position;
  const char *undo_label = can_undo ? step_label (self, self->position - 1) : NULL;
  const char *redo_label = can_redo ? step_label (self, self->position) : NULL;

  if (document_changed)
    self->serial++;
  g_object_freeze_notify (G_OBJECT (self));
  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_strdup (undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_strdup (redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (document_changed && self->document != NULL)
    jx_document_emit_changed (self->document);
}

/* Takes @op, which is already applied, into the open group or as a new step. */
static void
record (JxHistory *self,
        Op        *op)
{
  if (self->open_groups->len > 0)
    {
      Op *group = g_ptr_array_index (self->open_groups, self->open_groups->len - 1);
      g_ptr_array_add (group->ops, op);
      return;
    }

  /* A new step makes the undone ones unreachable, the save point with them. */
  if (self->save_point > (gint64) self->position)
    self->save_point = -1;
  g_ptr_array_set_size (self->steps, self->position);
  g_ptr_array_add (self->steps, op);
  self->position++;
  self->merge_ok = TRUE;
  update_state (self, TRUE);
}

static void
jx_history_finalize (GObject *object)
{
  JxHistory *self = JX_HISTORY (object);

  g_clear_pointer (&self->open_groups, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_free (self->undo_label);
  g_free (self->redo_label);
  G_OBJECT_CLASS (jx_history_parent_class)->finalize (object);
}

static void
jx_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  JxHistory *self = JX_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, self->can_undo);
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, self->can_redo);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_history_class_init (JxHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = jx_history_finalize;
  object_class->get_property = jx_history_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jx_history_init (JxHistory *self)
{
  self->steps = g_ptr_array_new_with_free_func (op_free);
  self->open_groups = g_ptr_array_new ();
}

JxHistory *
jx_history_new (JxDocument *document)
{
  JxHistory *self = g_object_new (JX_TYPE_HISTORY, NULL);

  self->document = document;
  return self;
}

gboolean
jx_history_can_undo (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), FALSE);
  return self->position > 0;
}

gboolean
jx_history_can_redo (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), FALSE);
  return self->position < self->steps->len;
}

gboolean
jx_history_undo (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->open_groups->len == 0, FALSE);

  if (self->position == 0)
    return FALSE;
  self->position--;
  op_revert (g_ptr_array_index (self->steps, self->position));
  self->merge_ok = FALSE;
  update_state (self, TRUE);
  return TRUE;
}

gboolean
jx_history_redo (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->open_groups->len == 0, FALSE);

  if (self->position >= self->steps->len)
    return FALSE;
  op_apply (g_ptr_array_index (self->steps, self->position));
  self->position++;
  self->merge_ok = FALSE;
  update_state (self, TRUE);
  return TRUE;
}

const char *
jx_history_get_undo_label (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), NULL);
  return self->undo_label;
}

const char *
jx_history_get_redo_label (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), NULL);
  return self->redo_label;
}

gboolean
jx_history_get_modified (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), FALSE);
  return self->save_point != (gint64) self->position;
}

void
jx_history_set_save_point (JxHistory *self)
{
  g_return_if_fail (JX_IS_HISTORY (self));

  self->save_point = self->position;
  self->merge_ok = FALSE;
  update_state (self, FALSE);
}

void
jx_history_detach (JxHistory *self)
{
  g_return_if_fail (JX_IS_HISTORY (self));

  while (self->open_groups->len > 0)
    op_free (g_ptr_array_steal_index (self->open_groups, self->open_groups->len - 1));
  jx_history_clear (self);
  self->document = NULL;
}

guint64
jx_history_get_serial (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), 0);
  return self->serial;
}

void
jx_history_break_merge (JxHistory *self)
{
  g_return_if_fail (JX_IS_HISTORY (self));
  self->merge_ok = FALSE;
}

void
jx_history_begin_group (JxHistory  *self,
                        const char *label)
{
  g_return_if_fail (JX_IS_HISTORY (self));
  g_ptr_array_add (self->open_groups, op_new (OP_GROUP, label));
}

void
jx_history_end_group (JxHistory *self)
{
  Op *group;

  g_return_if_fail (JX_IS_HISTORY (self));
  g_return_if_fail (self->open_groups->len > 0);

  group = g_ptr_array_steal_index (self->open_groups, self->open_groups->len - 1);
  if (group->ops->len == 0)
    {
      op_free (group);
      return;
    }
  record (self, group);
  /* A group is never the target of typing merges. */
  self->merge_ok = FALSE;
}

guint
jx_history_get_n_steps (JxHistory *self)
{
  g_return_val_if_fail (JX_IS_HISTORY (self), 0);
  return self->steps->len;
}

void
jx_history_clear (JxHistory *self)
{
  g_return_if_fail (JX_IS_HISTORY (self));
  g_return_if_fail (self->open_groups->len == 0);

  g_ptr_array_set_size (self->steps, 0);
  self->serial++;
  self->save_point = self->save_point == (gint64) self->position ? 0 : -1;
  self->position = 0;
  self->merge_ok = FALSE;
  update_state (self, FALSE);
}

/* Typing in one field: fold this set into the previous step if that step set
 * the same property of the same object, nothing else happened since and the
 * save point is not between them. */
static gboolean
try_merge (JxHistory    *self,
           GObject      *object,
           GParamSpec   *pspec,
           const GValue *value)
{
  Op *last;

  if (!self->merge_ok || self->open_groups->len > 0 ||
      self->position == 0 || self->position != self->steps->len ||
      self->save_point == (gint64) self->position)
    return FALSE;

  last = g_ptr_array_index (self->steps, self->position - 1);
  if (last->kind != OP_SET || last->object != object || last->pspec != pspec)
    return FALSE;

  g_value_copy (value, &last->new_value);
  g_object_set_property (object, pspec->name, value);

  /* Typed back to where the step started: the step is gone. */
  if (g_param_values_cmp (pspec, &last->old_value, &last->new_value) == 0)
    {
      self->position--;
      g_ptr_array_set_size (self->steps, self->position);
      self->merge_ok = FALSE;
    }
  update_state (self, TRUE);
  return TRUE;
}

void
jx_history_set_property (JxHistory    *self,
                         GObject      *object,
                         const char   *property,
                         const GValue *value,
                         const char   *label)
{
  GParamSpec *pspec;
  Op *op;
  g_auto(GValue) current = G_VALUE_INIT;
  g_auto(GValue) converted = G_VALUE_INIT;

  g_return_if_fail (JX_IS_HISTORY (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);
  g_return_if_fail (G_IS_VALUE (value));

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (pspec != NULL && (pspec->flags & G_PARAM_WRITABLE));

  g_value_init (&converted, pspec->value_type);
  if (!g_value_transform (value, &converted))
    g_return_if_reached ();

  g_value_init (&current, pspec->value_type);
  g_object_get_property (object, property, &current);
  if (g_param_values_cmp (pspec, &current, &converted) == 0)
    return;

  if (try_merge (self, object, pspec, &converted))
    return;

  op = op_new (OP_SET, label);
  op->object_is_document = object == (GObject *) self->document;
  op->object = op->object_is_document ? object : g_object_ref (object);
  op->pspec = g_param_spec_ref (pspec);
  g_value_init (&op->old_value, pspec->value_type);
  g_value_copy (&current, &op->old_value);
  g_value_init (&op->new_value, pspec->value_type);
  g_value_copy (&converted, &op->new_value);
  op_apply (op);
  record (self, op);
}

void
jx_history_insert (JxHistory  *self,
                   JxNode     *parent,
                   guint       position,
                   JxNode     *child,
                   const char *label)
{
  Op *op;
  guint n;

  g_return_if_fail (JX_IS_HISTORY (self));
  g_return_if_fail (JX_IS_NODE (parent));
  g_return_if_fail (JX_IS_NODE (child));
  g_return_if_fail (jx_node_get_parent (child) == NULL);
  g_return_if_fail (jx_node_get_children (parent, G_OBJECT_TYPE (child)) != NULL);

  n = g_list_model_get_n_items (jx_node_get_children (parent, G_OBJECT_TYPE (child)));
  op = op_new (OP_INSERT, label);
  op->parent_is_document = parent == (JxNode *) self->document;
  op->parent = op->parent_is_document ? parent : g_object_ref (parent);
  op->child = g_object_ref (child);
  op->position = MIN (position, n);
  op_apply (op);
  record (self, op);
}

void
jx_history_remove (JxHistory  *self,
                   JxNode     *child,
                   const char *label)
{
  Op *op;
  guint position;

  g_return_if_fail (JX_IS_HISTORY (self));
  g_return_if_fail (JX_IS_NODE (child));
  g_return_if_fail (jx_node_get_parent (child) != NULL);

  if (!jx_node_get_position (child, &position))
    g_return_if_reached ();
  op = op_new (OP_REMOVE, label);
  op->parent = jx_node_get_parent (child);
  op->parent_is_document = op->parent == (JxNode *) self->document;
  if (!op->parent_is_document)
    g_object_ref (op->parent);
  op->child = g_object_ref (child);
  op->position = position;
  op_apply (op);
  record (self, op);
}
