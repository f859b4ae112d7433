/* jx-node.c: base class of everything in a document tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-node"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-model-private.h"
#include "jx-previous.h"

typedef struct
{
  char   *id;
  JxNode *parent;   /* weak: the parent owns its children */
  guint   line;
} JxNodePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (JxNode, jx_node, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListStore *get_store (JxNode *self, GType child_type);
static const GType *get_child_types (guint *n_types);

/* Children must not keep a pointer to a parent that is going away. The
 * stores themselves are dropped in the subclasses' finalize, which releases
 * the children far faster than emptying each store here (a GSequence
 * removal per child). */
static void
jx_node_dispose (GObject *object)
{
  JxNode *self = JX_NODE (object);
  guint n_types;
  const GType *types = get_child_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    {
      GListStore *store = get_store (self, types[t]);
      guint n;

      if (store == NULL)
        continue;
      n = g_list_model_get_n_items (G_LIST_MODEL (store));
      for (guint i = 0; i < n; i++)
        {
          JxNode *child = g_list_model_get_item (G_LIST_MODEL (store), i);
          JxNodePrivate *child_priv = jx_node_get_instance_private (child);

          child_priv->parent = NULL;
          g_object_unref (child);
        }
    }
  G_OBJECT_CLASS (jx_node_parent_class)->dispose (object);
}

static void
jx_node_finalize (GObject *object)
{
  JxNodePrivate *priv = jx_node_get_instance_private (JX_NODE (object));

  g_free (priv->id);
  G_OBJECT_CLASS (jx_node_parent_class)->finalize (object);
}

static void
jx_node_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JxNode *self = JX_NODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, jx_node_get_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_node_class_init (JxNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jx_node_dispose;
  object_class->finalize = jx_node_finalize;
  object_class->get_property = jx_node_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jx_node_init (JxNode *self)
{
}

const char *
jx_node_get_id (JxNode *self)
{
  JxNodePrivate *priv = jx_node_get_instance_private (self);

  g_return_val_if_fail (JX_IS_NODE (self), NULL);
  return priv->id;
}

void
jx_node_set_id (JxNode     *self,
                const char *id)
{
  JxNodePrivate *priv = jx_node_get_instance_private (self);
  JxDocument *document;

  g_return_if_fail (JX_IS_NODE (self));

  if (g_strcmp0 (priv->id, id) == 0)
    return;

  /* Keep the document's index right when a node that is in it is renamed. */
  document = jx_node_get_document (self);
  if (document != NULL && priv->id != NULL)
    jx_document_unregister_id (document, self);
  g_free (priv->id);
  priv->id = g_strdup (id);
  if (document != NULL && priv->id != NULL)
    jx_document_register_id (document, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

JxNode *
jx_node_get_parent (JxNode *self)
{
  JxNodePrivate *priv = jx_node_get_instance_private (self);

  g_return_val_if_fail (JX_IS_NODE (self), NULL);
  return priv->parent;
}

JxDocument *
jx_node_get_document (JxNode *self)
{
  g_return_val_if_fail (JX_IS_NODE (self), NULL);

  /* The tree is at most five levels deep, so walking up is cheap; only
   * the root can be the document, so only the root's type is checked
   * (a type check of a subclass of JxNode costs as much as the walk). */
  for (;;)
    {
      JxNodePrivate *priv = jx_node_get_instance_private (self);

      if (priv->parent == NULL)
        break;
      self = priv->parent;
    }
  return JX_IS_DOCUMENT (self) ? (JxDocument *) self : NULL;
}

guint
jx_node_get_line (JxNode *self)
{
  JxNodePrivate *priv = jx_node_get_instance_private (self);

  g_return_val_if_fail (JX_IS_NODE (self), 0);
  return priv->line;
}

void
jx_node_set_line (JxNode *self,
                  guint   line)
{
  JxNodePrivate *priv = jx_node_get_instance_private (self);

  g_return_if_fail (JX_IS_NODE (self));
  priv->line = line;
}

static GListStore *
get_store (JxNode *self,
           GType   child_type)
{
  JxNodeClass *klass = JX_NODE_GET_CLASS (self);

  if (klass->get_store == NULL)
    return NULL;
  return klass->get_store (self, child_type);
}

GListModel *
jx_node_get_children (JxNode *self,
                      GType   child_type)
{
  g_return_val_if_fail (JX_IS_NODE (self), NULL);
  return (GListModel *) get_store (self, child_type);
}

gboolean
jx_node_get_position (JxNode *self,
                      guint  *position)
{
  JxNodePrivate *priv = jx_node_get_instance_private (self);
  GListStore *store;

  g_return_val_if_fail (JX_IS_NODE (self), FALSE);

  if (priv->parent == NULL)
    return FALSE;
  store = get_store (priv->parent, G_OBJECT_TYPE (self));
  g_assert (store != NULL);
  return g_list_store_find (store, self, position);
}

/* Every type of node that can be a child, in the order the file has them. */
static const GType *
get_child_types (guint *n_types)
{
  static GType types[4];

  if (types[0] == 0)
    {
      types[1] = JX_TYPE_PROJECT;
      types[2] = JX_TYPE_INDICATOR;
      types[3] = JX_TYPE_ANNOTATION;
      types[0] = JX_TYPE_FUNDING_UNIT;
    }
  *n_types = G_N_ELEMENTS (types);
  return types;
}

/* Calls @func on @self and every node below it, parents first. */
static void
foreach_in_subtree (JxNode *self,
                    void  (*func) (JxNode *node, gpointer data),
                    gpointer data)
{
  guint n_types;
  const GType *types = get_child_types (&n_types);

  func (self, data);
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *children = (GListModel *) get_store (self, types[t]);
      guint n;

      if (children == NULL)
        continue;
      n = g_list_model_get_n_items (children);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JxNode) child = g_list_model_get_item (children, i);
          foreach_in_subtree (child, func, data);
        }
    }
}

static void
register_one (JxNode  *node,
              gpointer data)
{
  if (jx_node_get_id (node) != NULL)
    jx_document_register_id (data, node);
}

static void
unregister_one (JxNode  *node,
                gpointer data)
{
  if (jx_node_get_id (node) != NULL)
    jx_document_unregister_id (data, node);
}

/* Everything inserting @child into @parent does but the list's own insert:
 * the parent, the ids of its subtree, and (unless @batched and the parent
 * counts a batch at once) the totals and counts. */
static void
adopt (JxNode   *parent,
       JxNode   *child,
       gboolean  batched)
{
  JxNodePrivate *child_priv = jx_node_get_instance_private (child);
  JxNodeClass *klass = JX_NODE_GET_CLASS (parent);
  JxDocument *document;

  child_priv->parent = parent;
  document = jx_node_get_document (parent);
  if (document != NULL)
    foreach_in_subtree (child, register_one, document);
  if (batched && klass->children_added != NULL)
    return;
  if (klass->child_added != NULL)
    klass->child_added (parent, child);
}

void
jx_node_insert_child (JxNode *parent,
                      guint   position,
                      JxNode *child)
{
  JxNodePrivate *child_priv = jx_node_get_instance_private (child);
  GListStore *store;

  g_return_if_fail (JX_IS_NODE (parent));
  g_return_if_fail (JX_IS_NODE (child));
  g_return_if_fail (child_priv->parent == NULL);

  store = get_store (parent, G_OBJECT_TYPE (child));
  g_return_if_fail (store != NULL);
  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (store)));

  /* Bookkeeping first, so that when the list announces the new item every
   * total already includes it. */
  adopt (parent, child, FALSE);
  g_list_store_insert (store, position, child);
}

void
jx_node_batch_append (JxNodeBatch *batch,
                      JxNode      *parent,
                      JxNode      *child)
{
  JxNodePrivate *child_priv = jx_node_get_instance_private (child);
  GListStore *store;

  g_return_if_fail (batch != NULL);
  g_return_if_fail (JX_IS_NODE (parent));
  g_return_if_fail (JX_IS_NODE (child));
  g_return_if_fail (child_priv->parent == NULL);

  store = get_store (parent, G_OBJECT_TYPE (child));
  g_return_if_fail (store != NULL);
  if (store != batch->store)
    {
      jx_node_batch_flush (batch);
      batch->store = store;
      batch->parent = parent;
    }
  if (batch->items == NULL)
    batch->items = g_ptr_array_new_with_free_func (g_object_unref);

  adopt (parent, child, TRUE);
  g_ptr_array_add (batch->items, g_object_ref (child));
}

void
jx_node_batch_flush (JxNodeBatch *batch)
{
  g_return_if_fail (batch != NULL);

  if (batch->store != NULL && batch->items != NULL && batch->items->len > 0)
    {
      JxNodeClass *klass = JX_NODE_GET_CLASS (batch->parent);

      /* The counts first, so that the list announces the new items with
       * every count already including them. */
      if (klass->children_added != NULL)
        klass->children_added (batch->parent, (JxNode **) batch->items->pdata, batch->items->len);
      g_list_store_splice (batch->store, g_list_model_get_n_items (G_LIST_MODEL (batch->store)),
                           0, batch->items->pdata, batch->items->len);
      g_ptr_array_set_size (batch->items, 0);
    }
  batch->store = NULL;
  batch->parent = NULL;
}

void
jx_node_batch_clear (JxNodeBatch *batch)
{
  g_return_if_fail (batch != NULL);

  jx_node_batch_flush (batch);
  g_clear_pointer (&batch->items, g_ptr_array_unref);
}

void
jx_node_append_child (JxNode *parent,
                      JxNode *child)
{
  jx_node_insert_child (parent, G_MAXUINT, child);
}

void
jx_node_remove_child (JxNode *parent,
                      JxNode *child)
{
  JxNodePrivate *child_priv = jx_node_get_instance_private (child);
  GListStore *store;
  JxDocument *document;
  guint position;

  g_return_if_fail (JX_IS_NODE (parent));
  g_return_if_fail (JX_IS_NODE (child));
  g_return_if_fail (child_priv->parent == parent);

  store = get_store (parent, G_OBJECT_TYPE (child));
  if (!g_list_store_find (store, child, &position))
    g_return_if_reached ();

  g_object_ref (child);
  if (JX_NODE_GET_CLASS (parent)->child_removed != NULL)
    JX_NODE_GET_CLASS (parent)->child_removed (parent, child);
  document = jx_node_get_document (parent);
  if (document != NULL)
    foreach_in_subtree (child, unregister_one, document);
  child_priv->parent = NULL;
  g_list_store_remove (store, position);
  g_object_unref (child);
}

/* A deep copy; with @exact, keeping the ids and last year's values. */
static JxNode *
copy_tree (JxNode   *self,
           gboolean  exact)
{
  JxNodeClass *klass;
  JxNode *copy;
  guint n_types;
  const GType *types = get_child_types (&n_types);

  g_return_val_if_fail (JX_IS_NODE (self), NULL);

  klass = JX_NODE_GET_CLASS (self);
  g_return_val_if_fail (klass->copy != NULL, NULL);
  copy = klass->copy (self);
  if (exact && jx_node_get_id (self) != NULL)
    jx_node_set_id (copy, jx_node_get_id (self));
  if (exact)
    jx_node_copy_previous (self, copy);

  /* Copy the children too, through the same insert path as everything else. */
  for (guint t = 0; t < n_types; t++)
    {
      GListModel *children = (GListModel *) get_store (self, types[t]);

      if (children == NULL || get_store (copy, types[t]) == NULL)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (children); k++)
        {
          g_autoptr(JxNode) child = g_list_model_get_item (children, k);
          g_autoptr(JxNode) child_copy = copy_tree (child, exact);

          jx_node_append_child (copy, child_copy);
        }
    }
  return copy;
}

JxNode *
jx_node_copy (JxNode *self)
{
  return copy_tree (self, FALSE);
}

JxNode *
jx_node_copy_exact (JxNode *self)
{
  return copy_tree (self, TRUE);
}

static void
assign_one (JxNode  *node,
            gpointer data)
{
  static const struct { GType (*get_type) (void); const char *prefix; } prefixes[] = {
    { jx_funding_unit_get_type, "u" },
    { jx_project_get_type, "p" },
    { jx_indicator_get_type, "i" },
    { jx_annotation_get_type, "a" },
  };

  if (jx_node_get_id (node) != NULL || JX_IS_DOCUMENT (node))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (node, prefixes[i].get_type ()))
      {
        g_autofree char *id = jx_document_make_id (data, prefixes[i].prefix);
        jx_node_set_id (node, id);
        return;
      }
}

void
jx_node_assign_ids (JxNode     *self,
                    JxDocument *document)
{
  g_return_if_fail (JX_IS_NODE (self));
  g_return_if_fail (JX_IS_DOCUMENT (document));

  foreach_in_subtree (self, assign_one, document);
}
