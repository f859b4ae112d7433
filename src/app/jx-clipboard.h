/* jx-clipboard.h: Copy Rows and Paste Rows in the document tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-window.h"

G_BEGIN_DECLS

/*
 * win.copy-rows puts the selected unit, project or indicator (with its
 * subtree; the document: everything) on the clipboard twice: as TSV in the
 * 指标明细 shape for spreadsheets, and in Jixiao's own format
 * (JX_ROWS_MIME_TYPE) for pasting back losslessly. win.paste-rows creates
 * what the clipboard holds at the selected node — Jixiao's own format if it
 * is there, else text read by the row reader — as one undo step, and says
 * in a bar above the tree what was added and what could not be read.
 *
 * Ctrl+C and Ctrl+V do this only while the tree has the focus: in an entry
 * they copy and paste text.
 */
void        jx_clipboard_install_actions (GtkWidgetClass *widget_class);
void        jx_clipboard_attach          (JxWindow       *window);
void        jx_clipboard_update_actions  (JxWindow       *window);
/* The message of the last copy or paste while it is shown, else NULL. */
const char *jx_clipboard_get_message     (JxWindow       *window);

G_END_DECLS
