/* jx-node.h: base class of everything in a document tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_NODE (jx_node_get_type ())
G_DECLARE_DERIVABLE_TYPE (JxNode, jx_node, JX, NODE, GObject)

/*
 * A node has a stable string id (written to the file, so annotations stay
 * attached across saves), a weak pointer to its parent, and the line of the
 * file it was loaded from (0 when it was made in memory), which problems
 * report. Children live in the parent's own GListStores, which GTK list
 * models use directly.
 */
struct _JxNodeClass
{
  GObjectClass parent_class;

  /* The store that holds children of @child_type, or NULL if this node
   * cannot hold such children. Transfer none; the same store every time. */
  GListStore *(*get_store)     (JxNode *self,
                                GType   child_type);
  /* Called after @child was inserted into / before it is removed from one
   * of this node's stores; used to keep totals and counts incremental. */
  void        (*child_added)   (JxNode *self,
                                JxNode *child);
  void        (*child_removed) (JxNode *self,
                                JxNode *child);
  /* Optional: called once for the @n children a loader's batch hands to
   * one of this node's stores (jx_node_batch_flush()), instead of
   * child_added for each, so that a count is carried up and announced once
   * per list rather than once per node. */
  void        (*children_added) (JxNode  *self,
                                 JxNode **children,
                                 guint    n);
  /* A deep copy without ids (the caller assigns new ones), or NULL. */
  JxNode     *(*copy)          (JxNode *self);
  /* The string property @prop_id without a copy (for loops over large
   * tables: jx_node_peek_field_text()), or NULL when the class does not
   * keep it as a plain string; NULL in the class: use the property. */
  const char *(*peek_string)   (JxNode *self,
                                guint   prop_id);

  gpointer padding[6];
};

const char *jx_node_get_id          (JxNode     *self);
JxNode     *jx_node_get_parent      (JxNode     *self);
/* The document this node belongs to, or NULL while it is detached. */
JxDocument *jx_node_get_document    (JxNode     *self);
guint       jx_node_get_line        (JxNode     *self);
/* The children of @child_type, or NULL. Transfer none. */
GListModel *jx_node_get_children    (JxNode     *self,
                                     GType       child_type);
/* Position of @child in its parent's store; FALSE if detached. */
gboolean    jx_node_get_position    (JxNode     *self,
                                     guint      *position);

G_END_DECLS
