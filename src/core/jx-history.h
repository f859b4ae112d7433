/* jx-history.h: the undo history of a document
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-node.h"

G_BEGIN_DECLS

#define JX_TYPE_HISTORY (jx_history_get_type ())
G_DECLARE_FINAL_TYPE (JxHistory, jx_history, JX, HISTORY, GObject)

/*
 * Every change to a document is an operation recorded here (jx-edit.h makes
 * them): set a property, insert or remove a node. Undo and redo go to any
 * depth. Consecutive sets of the same property of the same node merge into
 * one step (typing in a field) until jx_history_break_merge() is called, a
 * different change comes, or the save point sits between them.
 *
 * Properties (read-only): can-undo, can-redo, modified (the document differs
 * from the last save point), undo-label, redo-label.
 */

JxHistory  *jx_history_new             (JxDocument *document);

gboolean    jx_history_can_undo        (JxHistory  *self);
gboolean    jx_history_can_redo        (JxHistory  *self);
gboolean    jx_history_undo            (JxHistory  *self);
gboolean    jx_history_redo            (JxHistory  *self);
/* Translated description of the step undo/redo would take, or NULL. */
const char *jx_history_get_undo_label  (JxHistory  *self);
const char *jx_history_get_redo_label  (JxHistory  *self);

gboolean    jx_history_get_modified    (JxHistory  *self);
/* The document as it is now is what is saved. */
void        jx_history_set_save_point  (JxHistory  *self);
/* The next set starts a new step even on the same field (focus left it). */
void        jx_history_break_merge     (JxHistory  *self);
/* A number that changes with every change of the document made, undone or
 * redone through the history: equal serials mean the same content (a save
 * that ran while nothing changed may set the save point). */
guint64     jx_history_get_serial      (JxHistory  *self);
/* Operations between begin and end form one step. Groups nest. */
void        jx_history_begin_group     (JxHistory  *self,
                                        const char *label);
void        jx_history_end_group       (JxHistory  *self);
guint       jx_history_get_n_steps     (JxHistory  *self);
void        jx_history_clear           (JxHistory  *self);

/* Record and apply operations; jx-edit.h wraps these for each kind of change. */
void        jx_history_set_property    (JxHistory    *self,
                                        GObject      *object,
                                        const char   *property,
                                        const GValue *value,
                                        const char   *label);
void        jx_history_insert          (JxHistory  *self,
                                        JxNode     *parent,
                                        guint       position,
                                        JxNode     *child,
                                        const char *label);
void        jx_history_remove          (JxHistory  *self,
                                        JxNode     *child,
                                        const char *label);

G_END_DECLS
