/* jx-model-private.h: raw changes to the tree, for the history and the loaders
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"
#include "jx-funding-unit.h"
#include "jx-project.h"
#include "jx-indicator.h"
#include "jx-annotation.h"

G_BEGIN_DECLS

/* Nothing here records an undo step: the history (jx-history.c) calls these
 * to apply and revert its operations, and the loaders to build a document. */

void     jx_node_set_id            (JxNode     *self,
                                    const char *id);
void     jx_node_set_line          (JxNode     *self,
                                    guint       line);
/* Inserts @child (which must be detached) into the store of @parent that
 * holds its type, registers the ids of its subtree with the document and
 * updates totals and counts. */
void     jx_node_insert_child      (JxNode     *parent,
                                    guint       position,
                                    JxNode     *child);
void     jx_node_append_child      (JxNode     *parent,
                                    JxNode     *child);
/* For the loaders: children appended through a batch are attached and
 * their ids registered at once, as by jx_node_append_child(), but they reach
 * their parent's list only at jx_node_batch_flush(), all in one splice (one
 * items-changed instead of one per node; a city's table has 140,000 nodes).
 * The totals and counts are updated at once too, except a parent's count of
 * the children themselves where its class counts a batch
 * (JxNodeClass.children_added: a project's indicators), which is carried up
 * once, at the flush. Appending to another list flushes the batch first.
 * Until then the list does not show them, nor that count: only a loader that
 * reads no list or count while it builds may use this. */
typedef struct
{
  GListStore *store;   /* where the pending children go */
  JxNode     *parent;  /* whose store it is */
  GPtrArray  *items;   /* the pending children (references) */
} JxNodeBatch;

void     jx_node_batch_append      (JxNodeBatch *batch,
                                    JxNode      *parent,
                                    JxNode      *child);
void     jx_node_batch_flush       (JxNodeBatch *batch);
/* Flushes, then frees what the batch holds. */
void     jx_node_batch_clear       (JxNodeBatch *batch);
/* Detaches @child from its parent; the caller must hold a reference. */
void     jx_node_remove_child      (JxNode     *parent,
                                    JxNode     *child);
/* Gives every node in the subtree of @self without an id a new one from
 * @document (used after copying). */
void     jx_node_assign_ids        (JxNode     *self,
                                    JxDocument *document);
JxNode  *jx_node_copy              (JxNode     *self);
/* A deep copy that keeps the ids and last year's values: the same item,
 * for a snapshot of the table (jx-snapshot.h). Detached: its ids are
 * registered where it is inserted. */
JxNode  *jx_node_copy_exact        (JxNode     *self);

/* Re-indexes @self's amounts from the sources of @from to those of @to,
 * by id; an amount of a source @to lacks is dropped (the totals follow). */
void     jx_project_remap_sources  (JxProject  *self,
                                    JxTemplate *from,
                                    JxTemplate *to);
/* Changes the template of a document that has projects: their amounts are
 * re-indexed to the new template's sources by id (an amount of a source it
 * lacks must be 0 by then); the decimals stay. What the "template"
 * property's setter does, so the history can undo it. */
void     jx_document_change_template (JxDocument *self,
                                      JxTemplate *template);

/* The one empty string of the model: most fields of a loaded table are
 * empty, and a large table has hundreds of thousands of fields. */
extern char jx_empty_string[1];

/* Stores a copy of @value (NULL becomes "") in *@field; TRUE if it changed.
 * Strings in the model are never NULL, so widgets can bind to them; empty
 * ones share jx_empty_string and short ones (codes, 100%, units) one
 * program-wide copy, so fields are freed with jx_clear_string() and never
 * written to in place. */
gboolean jx_replace_string         (char      **field,
                                    const char *value);
void     jx_clear_string           (char      **field);

/* The getter and setter of a string property kept in slot @PROP of the
 * instance's array @slots and set through @set_slot (self, PROP, value),
 * which notifies on a real change. */
#define JX_DEFINE_STRING_ACCESSORS(Type, prefix, IS_TYPE, slots, set_slot, field, PROP) \
const char *                                                                          \
prefix##_get_##field (Type *self)                                                      \
{                                                                                     \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                        \
  return self->slots[PROP];                                                           \
}                                                                                     \
                                                                                      \
void                                                                                  \
prefix##_set_##field (Type       *self,                                               \
                      const char *value)                                              \
{                                                                                     \
  g_return_if_fail (IS_TYPE (self));                                                  \
  set_slot (self, PROP, value);                                                       \
}

/* The document is going away: its history forgets every step (some hold the
 * document weakly) and the document itself, so a history someone still
 * holds can no longer reach it. */
void     jx_history_detach         (JxHistory  *self);

void     jx_document_set_format    (JxDocument *self,
                                    guint       format);
void     jx_document_register_id   (JxDocument *self,
                                    JxNode     *node);
void     jx_document_unregister_id (JxDocument *self,
                                    JxNode     *node);
void     jx_document_emit_changed  (JxDocument *self);
/* Incremental bookkeeping, called by the children's setters. */
void     jx_document_apply_delta   (JxDocument *self,
                                    JxMoney     delta,
                                    int         projects,
                                    int         indicators);
void     jx_funding_unit_apply_delta (JxFundingUnit *self,
                                      JxMoney        delta,
                                      int            indicators);

G_END_DECLS
