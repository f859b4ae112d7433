/* jx-changes-window.h: what changed between another version and a window's table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-window.h"

G_BEGIN_DECLS

#define JX_TYPE_CHANGES_WINDOW (jx_changes_window_get_type ())
G_DECLARE_FINAL_TYPE (JxChangesWindow, jx_changes_window, JX, CHANGES_WINDOW, GtkWindow)

/* Lists the changes of @comparison (from another version of the table,
 * the one sent, last year's, to the document of @parent), one row per
 * change (jx-diff.h), the comments' after; activating a row shows the item
 * in @parent (a removed one: its ghost row). Its Clear button ends the
 * comparison (jx_window_set_comparison (@parent, NULL)). */
GtkWidget  *jx_changes_window_new            (JxWindow        *parent,
                                              JxComparison    *comparison);

/* For tests. */
guint       jx_changes_window_get_n_rows     (JxChangesWindow *self);
/* How many of them the list shows so far: it gets them a few at a time
 * once on screen, so that a long list never holds the window up. */
guint             jx_changes_window_get_n_shown   (JxChangesWindow *self);
const char *jx_changes_window_get_row_text   (JxChangesWindow *self,
                                              guint            position);
void        jx_changes_window_activate_row   (JxChangesWindow *self,
                                              guint            position);
const char *jx_changes_window_get_summary    (JxChangesWindow *self);

G_END_DECLS
