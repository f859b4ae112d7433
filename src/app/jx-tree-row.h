/* jx-tree-row.h: one row of the document tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-comparison.h"
#include "jx-problem-set.h"
#include "jx-node.h"

G_BEGIN_DECLS

#define JX_TYPE_TREE_ROW (jx_tree_row_get_type ())
G_DECLARE_FINAL_TYPE (JxTreeRow, jx_tree_row, JX, TREE_ROW, GtkWidget)

/* Shows @item (document, funding unit, project or indicator): its name, its
 * live total or its category codes, a mark when @problems has findings
 * about it, and a badge with the number of open comments on it and under
 * it. Properties: item, problems. */
GtkWidget  *jx_tree_row_new          (JxProblemSet *problems);
JxNode     *jx_tree_row_get_item     (JxTreeRow    *self);
void        jx_tree_row_set_item     (JxTreeRow    *self,
                                      JxNode       *item);
/* The open comments its badge shows (0: no badge). */
guint       jx_tree_row_get_open_comments (JxTreeRow *self);
/* What the row shows, for tests: "name|amount". */
char       *jx_tree_row_describe     (JxTreeRow    *self);

/* A mark for a comparison with another version (@other_name): a badge
 * "new", "changed", a dot for an item holding changes, or for an item of
 * the other version that this one no longer has, its name and amount
 * struck through (no comment badge: it is not in this table). */
void        jx_tree_row_set_compare_mark (JxTreeRow    *self,
                                          JxCompareMark mark,
                                          const char   *other_name);
JxCompareMark jx_tree_row_get_compare_mark (JxTreeRow  *self);

/* The problems the row's mark stands for (its tooltip), or NULL. */
const char  *jx_tree_row_get_mark (JxTreeRow *self);

G_END_DECLS
