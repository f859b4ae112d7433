/* jx-comparison.c: a window's table compared with another version of it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-comparison"

#include "config.h"

#include "jx-comparison.h"
#include "jx-model-private.h"

struct _JxComparison
{
  GObject     parent_instance;

  JxDocument *other;
  JxDocument *document;
  char       *other_name;
  JxDiff     *diff;
  GHashTable *marks;       /* JxNode (of either table) → JxCompareMark */
  GHashTable *removed;     /* JxNode of the document → GListStore of JxNode of other */
  GHashTable *places;      /* JxNode of other (removed) → its JxChange */
  GHashTable *old_values;  /* JxNode → GHashTable field id → old value (the diff's) */
  guint       n_marked;
};

G_DEFINE_FINAL_TYPE (JxComparison, jx_comparison, G_TYPE_OBJECT)

static void
set_mark (JxComparison  *self,
          JxNode        *node,
          JxCompareMark  mark)
{
  JxCompareMark was = GPOINTER_TO_INT (g_hash_table_lookup (self->marks, node));

  /* Added wins over changed, both over "inside". */
  if (was == JX_COMPARE_NONE || was == JX_COMPARE_INSIDE
      || (was == JX_COMPARE_CHANGED && mark == JX_COMPARE_ADDED))
    g_hash_table_insert (self->marks, node, GINT_TO_POINTER (mark));
}

/* Marks @node and the items that hold it, up to the document, as holding
 * a change; stops at one already so marked (its holders are), so the
 * whole indexing is linear. */
static void
mark_holders (JxComparison *self,
              JxNode       *node)
{
  for (JxNode *up = node; up != NULL; up = jx_node_get_parent (up))
    {
      JxCompareMark mark = GPOINTER_TO_INT (g_hash_table_lookup (self->marks, up));

      if (mark == JX_COMPARE_INSIDE)
        return;
      if (mark == JX_COMPARE_NONE)
        g_hash_table_insert (self->marks, up, GINT_TO_POINTER (JX_COMPARE_INSIDE));
    }
}

/* An added unit or project: what it holds is added with it. */
static void
mark_added_subtree (JxComparison *self,
                    JxNode       *node)
{
  GListModel *children = NULL;

  if (JX_IS_FUNDING_UNIT (node))
    children = jx_funding_unit_get_projects (JX_FUNDING_UNIT (node));
  else if (JX_IS_PROJECT (node))
    children = jx_project_get_indicators (JX_PROJECT (node));
  if (children == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(JxNode) child = g_list_model_get_item (children, i);

      g_hash_table_insert (self->marks, child, GINT_TO_POINTER (JX_COMPARE_ADDED));
      mark_added_subtree (self, child);
    }
}

static void
index_change (JxComparison   *self,
              const JxChange *change)
{
  switch (change->change)
    {
    case JX_CHANGE_ADDED:
      set_mark (self, change->new_node, JX_COMPARE_ADDED);
      mark_added_subtree (self, change->new_node);
      mark_holders (self, jx_node_get_parent (change->new_node));
      break;
    case JX_CHANGE_CHANGED:
      {
        GHashTable *fields = g_hash_table_lookup (self->old_values, change->new_node);

        set_mark (self, change->new_node, JX_COMPARE_CHANGED);
        mark_holders (self, jx_node_get_parent (change->new_node));
        if (fields == NULL)
          {
            fields = g_hash_table_new (g_str_hash, g_str_equal);
            g_hash_table_insert (self->old_values, change->new_node, fields);
          }
        g_hash_table_insert (fields, (gpointer) change->field, change->old_value);
      }
      break;
    case JX_CHANGE_REMOVED:
      {
        GListStore *store;

        if (change->new_parent == NULL)
          break;
        store = g_hash_table_lookup (self->removed, change->new_parent);
        if (store == NULL)
          {
            store = g_list_store_new (JX_TYPE_NODE);
            g_hash_table_insert (self->removed, change->new_parent, store);
          }
        g_list_store_append (store, change->old_node);
        g_hash_table_insert (self->places, change->old_node, (gpointer) change);
        g_hash_table_insert (self->marks, change->old_node, GINT_TO_POINTER (JX_COMPARE_REMOVED));
        mark_holders (self, change->new_parent);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

JxComparison *
jx_comparison_new (JxDocument *other,
                   JxDocument *document,
                   const char *other_name)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (other), NULL);
  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  return jx_comparison_new_for_diff (other, document, jx_diff_documents (other, document), other_name);
}

JxComparison *
jx_comparison_new_for_diff (JxDocument *other,
                            JxDocument *document,
                            JxDiff     *diff,
                            const char *other_name)
{
  JxComparison *self;

  g_return_val_if_fail (JX_IS_DOCUMENT (other), NULL);
  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (diff != NULL, NULL);

  self = g_object_new (JX_TYPE_COMPARISON, NULL);
  self->other = g_object_ref (other);
  self->document = g_object_ref (document);
  self->other_name = g_strdup (other_name);
  self->diff = diff;
  for (guint i = 0; i < jx_diff_get_n_changes (self->diff); i++)
    {
      const JxChange *change = jx_diff_get_change (self->diff, i);

      /* A change of fields counts once per item (the document's: its
       * row, 合计). */
      if (change->change != JX_CHANGE_CHANGED || g_hash_table_lookup (self->old_values, change->new_node) == NULL)
        self->n_marked++;
      index_change (self, change);
    }
  return self;
}

JxDiff *
jx_comparison_get_diff (JxComparison *self)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), NULL);
  return self->diff;
}

JxDocument *
jx_comparison_get_other (JxComparison *self)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), NULL);
  return self->other;
}

JxDocument *
jx_comparison_get_document (JxComparison *self)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), NULL);
  return self->document;
}

const char *
jx_comparison_get_other_name (JxComparison *self)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), NULL);
  return self->other_name;
}

JxCompareMark
jx_comparison_get_mark (JxComparison *self,
                        JxNode       *node)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), JX_COMPARE_NONE);
  return node != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (self->marks, node)) : JX_COMPARE_NONE;
}

GListModel *
jx_comparison_get_removed (JxComparison *self,
                           JxNode       *parent)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), NULL);
  return parent != NULL ? g_hash_table_lookup (self->removed, parent) : NULL;
}

JxNode *
jx_comparison_get_removed_place (JxComparison *self,
                                 JxNode       *removed,
                                 guint        *position)
{
  const JxChange *change;

  g_return_val_if_fail (JX_IS_COMPARISON (self), NULL);
  change = removed != NULL ? g_hash_table_lookup (self->places, removed) : NULL;
  if (change == NULL)
    return NULL;
  if (position != NULL
      && !g_list_store_find (g_hash_table_lookup (self->removed, change->new_parent), removed, position))
    g_return_val_if_reached (NULL);
  return change->new_parent;
}

const char *
jx_comparison_get_old_value (JxComparison *self,
                             JxNode       *node,
                             const char   *field)
{
  GHashTable *fields;

  g_return_val_if_fail (JX_IS_COMPARISON (self), NULL);
  fields = node != NULL && field != NULL ? g_hash_table_lookup (self->old_values, node) : NULL;
  return fields != NULL ? g_hash_table_lookup (fields, field) : NULL;
}

gboolean
jx_comparison_has_removed (JxComparison *self)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), FALSE);
  return g_hash_table_size (self->removed) > 0;
}

guint
jx_comparison_get_n_marked (JxComparison *self)
{
  g_return_val_if_fail (JX_IS_COMPARISON (self), 0);
  return self->n_marked;
}

static void
jx_comparison_finalize (GObject *object)
{
  JxComparison *self = JX_COMPARISON (object);

  g_hash_table_unref (self->marks);
  g_hash_table_unref (self->removed);
  g_hash_table_unref (self->places);
  g_hash_table_unref (self->old_values);
  /* The tables borrow the diff's nodes and values: it goes last. */
  g_clear_pointer (&self->diff, jx_diff_free);
  g_clear_object (&self->other);
  g_clear_object (&self->document);
  g_free (self->other_name);
  G_OBJECT_CLASS (jx_comparison_parent_class)->finalize (object);
}

static void
jx_comparison_class_init (JxComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jx_comparison_finalize;
}

static void
jx_comparison_init (JxComparison *self)
{
  self->marks = g_hash_table_new (NULL, NULL);
  self->removed = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->places = g_hash_table_new (NULL, NULL);
  self->old_values = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
}
