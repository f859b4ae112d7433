/* jx-snapshot.h: a copy of a table made a little at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"

G_BEGIN_DECLS

/*
 * A copy of @document with the same ids, values, last year's values and
 * comments (jx_xml_write() of the copy gives the same bytes), made in
 * steps so that a thread with a user interface can take it between frames,
 * and then hand it to a worker that reads it while the original is edited
 * (Compare With…: the diff runs on the copy, its changes are mapped back to
 * the original's items by id). Several times faster than writing the table
 * out and loading it back: nothing is parsed.
 *
 * jx_snapshot_step() copies projects until the monotonic time @deadline
 * (g_get_monotonic_time(); at least one project a step; -1: to the end),
 * returns FALSE while there is more and TRUE once the copy is complete,
 * then in *@copy (transfer full). @document must not change between
 * jx_snapshot_new() and the last step: the caller checks (e.g. with
 * jx_history_get_serial()) and starts again if it did. The snapshot holds
 * a reference to @document.
 */
typedef struct _JxSnapshot JxSnapshot;

JxSnapshot *jx_snapshot_new      (JxDocument  *document);
gboolean    jx_snapshot_step     (JxSnapshot  *snapshot,
                                  gint64       deadline,
                                  JxDocument **copy);
void        jx_snapshot_free     (JxSnapshot  *snapshot);
/* The whole copy at once. Transfer full. */
JxDocument *jx_document_snapshot (JxDocument  *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxSnapshot, jx_snapshot_free)

G_END_DECLS
