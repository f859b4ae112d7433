/* jx-application.h: the Jixiao application: windows, files, drafts
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-window.h"

G_BEGIN_DECLS

#define JX_TYPE_APPLICATION (jx_application_get_type ())
G_DECLARE_FINAL_TYPE (JxApplication, jx_application, JX, APPLICATION, GtkApplication)

JxApplication *jx_application_new              (GApplicationFlags extra_flags);
/* The application's settings, or NULL when the schema is not installed
 * (an uninstalled run without GSETTINGS_SCHEMA_DIR). @self may be NULL for
 * the default application. Transfer none. */
GSettings     *jx_application_get_settings     (JxApplication *self);
/* Opens @file in a window (reusing a blank one, else a new one): the file
 * is read by a worker while the window shows a progress message. A file
 * that cannot be read leaves no empty window behind: its message goes to a
 * window already open, or to a dialog of its own (the application ends
 * when it is closed and nothing else is open). Returns the window that
 * will show @file; it may be gone by the time the reading failed.
 * @select_id: a node to select once loaded, or NULL. */
JxWindow      *jx_application_open_file        (JxApplication *self,
                                                GFile         *file,
                                                const char    *select_id);
/* Offers the recovery drafts found (the first start after a crash does
 * this by itself) in a dialog on the active window; FALSE when there are
 * none. */
gboolean       jx_application_offer_drafts     (JxApplication *self);
/* $XDG_DATA_HOME/jixiao/drafts. Free with g_free(). */
char          *jx_application_get_drafts_dir   (void);
/* Recovery drafts left by a session that ended without closing them. */
char         **jx_application_list_drafts      (void);
/* Asks whether to save @window's changes, then closes it (or not). */
void           jx_application_ask_unsaved      (JxApplication *self,
                                                JxWindow      *window);
void           jx_application_save_window_state (JxApplication *self,
                                                 JxWindow      *window);

G_END_DECLS
