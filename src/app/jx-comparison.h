/* jx-comparison.h: a window's table compared with another version of it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jx-diff.h"

G_BEGIN_DECLS

#define JX_TYPE_COMPARISON (jx_comparison_get_type ())
G_DECLARE_FINAL_TYPE (JxComparison, jx_comparison, JX, COMPARISON, GObject)

/*
 * File → Compare With: the changes from @other (the version sent, the one
 * returned, last year's) to @document (the window's), indexed for the
 * views, so each tree row and each field finds its mark in constant time
 * (a table of 20,000 projects is indexed once, in the time of the diff):
 *
 * - each item of @document that was added or changed, and each one that
 *   holds such an item (JX_COMPARE_INSIDE, so a collapsed unit shows it);
 * - for each item of @document, the items of @other removed from it (its
 *   indicators, projects, units), shown as ghost rows;
 * - for each changed field, the value it had in @other.
 *
 * The comparison is a snapshot: later edits do not change it.
 */

typedef enum
{
  JX_COMPARE_NONE,
  JX_COMPARE_ADDED,     /* not in the other version */
  JX_COMPARE_CHANGED,   /* a field differs (or it moved to another unit) */
  JX_COMPARE_REMOVED,   /* an item of the other version, not in this one */
  JX_COMPARE_INSIDE,    /* unchanged itself, something under it changed */
} JxCompareMark;

JxComparison  *jx_comparison_new            (JxDocument    *other,
                                             JxDocument    *document,
                                             const char    *other_name);
/* The same from a diff already made from @other to @document (in a
 * worker, on a snapshot, then mapped back: jx_diff_remap()). Takes @diff. */
JxComparison  *jx_comparison_new_for_diff   (JxDocument    *other,
                                             JxDocument    *document,
                                             JxDiff        *diff,
                                             const char    *other_name);
JxDiff        *jx_comparison_get_diff       (JxComparison  *self);
JxDocument    *jx_comparison_get_other      (JxComparison  *self);
JxDocument    *jx_comparison_get_document   (JxComparison  *self);
/* The other version's file name, for people ("sent.jixiao"). */
const char    *jx_comparison_get_other_name (JxComparison  *self);
JxCompareMark  jx_comparison_get_mark       (JxComparison  *self,
                                             JxNode        *node);
/* The items of the other version removed from @parent (a node of the
 * document: the document, a unit, a project), in their order there, or
 * NULL when none. Transfer none. */
GListModel    *jx_comparison_get_removed    (JxComparison  *self,
                                             JxNode        *parent);
/* For an item of the other version removed from this one: the item of the
 * document it is shown under and its position among the removed items
 * there; else NULL. */
JxNode        *jx_comparison_get_removed_place (JxComparison *self,
                                                JxNode       *removed,
                                                guint        *position);
/* The other version's value of @field (an id of jx-fields.h, or
 * JX_DIFF_FIELD_FUNDING_UNIT) of @node, when it differs; else NULL. */
const char    *jx_comparison_get_old_value  (JxComparison  *self,
                                             JxNode        *node,
                                             const char    *field);
/* Whether any item of the other version is shown as removed (ghost rows). */
gboolean       jx_comparison_has_removed    (JxComparison  *self);
/* The number of changes marked in the tree (added, changed, removed). */
guint          jx_comparison_get_n_marked   (JxComparison  *self);

G_END_DECLS
