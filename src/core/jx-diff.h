/* jx-diff.h: what changed between two versions of a table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jx-fields.h"
#include "jx-node.h"

G_BEGIN_DECLS

/*
 * Compares an older version A of a table with a newer one B (the one sent
 * and the one returned; last year's and this year's).
 *
 * Matching. Funding units, projects (over the whole table, so a project
 * moved to another unit is one change) and the indicators of each matched
 * project are paired in three passes: same id and same name; then same name
 * (in order of appearance, for two imports of one table whose ids differ);
 * then same id, when a value in common shows it is the same item renamed
 * (the id of a removed item may be given to a new one).
 *
 * Changes, in table order: the document's fields; then for each unit of B
 * its own changes, its projects' and their indicators'; what was removed
 * comes after the items of its parent that are still there. An added or
 * removed unit or project is one change: what it holds goes with it. Each
 * changed field is one change with the old and new value as text (amounts
 * as exact decimal strings, "10464.80", with their delta); derived fields
 * (总计) are not compared. A project that moved to another funding unit is
 * a change of field "funding-unit" whose values are the units' names.
 *
 * Comments (annotations and their replies) are listed apart: they are the
 * review, not the table. A comment is matched by id when author and time
 * agree, else by author, text and the (matched) item it is on. Its changes
 * are "added", "removed", and "changed" of field "text" or "resolved".
 */

typedef enum
{
  JX_CHANGE_ADDED,
  JX_CHANGE_REMOVED,
  JX_CHANGE_CHANGED,
} JxChangeType;

typedef enum
{
  JX_DIFF_DOCUMENT,
  JX_DIFF_FUNDING_UNIT,
  JX_DIFF_PROJECT,
  JX_DIFF_INDICATOR,
  JX_DIFF_COMMENT,
} JxDiffKind;

/* The field of a project that moved from one funding unit to another. */
#define JX_DIFF_FIELD_FUNDING_UNIT "funding-unit"

typedef struct _JxChange JxChange;

struct _JxChange
{
  JxChangeType   change;
  JxDiffKind     kind;
  JxNode        *old_node;   /* in A; NULL when added. A ref */
  JxNode        *new_node;   /* in B; NULL when removed. A ref */
  JxNode        *new_parent; /* removed: the item of B that holds what
                              * held it (its parent's match: the project
                              * of a removed indicator, the unit of a
                              * removed project, B for a removed unit),
                              * where a view shows it as removed. A ref;
                              * NULL otherwise and for comments */
  const char    *field;      /* id of the changed field ("fiscal", "text",
                              * JX_DIFF_FIELD_FUNDING_UNIT); NULL when added
                              * or removed */
  const JxField *info;       /* its row in the field table, or NULL */
  char          *old_value;  /* NULL when added or removed */
  char          *new_value;
  gboolean       has_delta;  /* an amount: @delta is new − old */
  JxMoney        delta;
};

typedef struct _JxDiff JxDiff;

/* Compares @a (older) with @b (newer). Never fails. Free with jx_diff_free(). */
JxDiff         *jx_diff_documents        (JxDocument     *a,
                                          JxDocument     *b);
void            jx_diff_free             (JxDiff         *diff);

/* A diff made with a copy of a table (jx-snapshot.h) in place of @to, the
 * table itself, made its own: every item of @from the changes name becomes
 * the item of @to with the same id. All or nothing: FALSE, with @diff
 * untouched, when @to lacks one of them. Only right while @to is what
 * @from copied (the caller checks that it did not change meanwhile). */
gboolean        jx_diff_remap            (JxDiff         *diff,
                                          JxDocument     *from,
                                          JxDocument     *to);

/* TRUE when the tables are the same: no change and no comment change. */
gboolean        jx_diff_is_empty         (JxDiff         *diff);
guint           jx_diff_get_n_changes    (JxDiff         *diff);
const JxChange *jx_diff_get_change       (JxDiff         *diff,
                                          guint           index);
guint           jx_diff_get_n_comments   (JxDiff         *diff);
const JxChange *jx_diff_get_comment      (JxDiff         *diff,
                                          guint           index);

/* The id of the item in B, or in A when it was removed. */
const char     *jx_change_get_id         (const JxChange *change);
/* The id in A when it differs from jx_change_get_id() (matched by name),
 * else NULL. */
const char     *jx_change_get_old_id     (const JxChange *change);
/* The item's name (a document's title; a comment's text), as in B, or in
 * A when it was removed. */
const char     *jx_change_get_name       (const JxChange *change);
/* One line for people, translated: "project “X” (p3): fiscal
 * appropriation: 10464.80 → 10500.00 (+35.20)". Transfer full. */
char           *jx_change_describe       (const JxChange *change);

/* {"changes":[{"change":"added"|"removed"|"changed","kind":"document"|
 * "funding-unit"|"project"|"indicator","id":…,"name":…,"field":…,"old":…,
 * "new":…,"delta":…}],"comments":[…]}: see README.md. Transfer full. */
JsonNode       *jx_diff_to_json          (JxDiff         *diff);

const char     *jx_change_type_to_string (JxChangeType    change);
const char     *jx_diff_kind_to_string   (JxDiffKind      kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxDiff, jx_diff_free)

G_END_DECLS
