/* jx-file-dialogs.h: choosing a document to open or a place to save it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the chosen file, or NULL when the person cancelled. */
typedef void (*JxFileChosenFunc) (GFile    *file,
                                  gpointer  user_data);

/* Both use GtkFileDialog where GTK ≥ 4.10 (the Flatpak runtime) and
 * GtkFileChooserNative on GTK 4.8 (Debian 12); either goes through the
 * file-chooser portal under Flatpak. Both offer *.jixiao documents. */
void jx_file_dialog_open (GtkWindow        *parent,
                          JxFileChosenFunc  func,
                          gpointer          user_data);
/* @initial_file: the document's current file, or NULL; then @initial_name
 * is proposed. */
void jx_file_dialog_save (GtkWindow        *parent,
                          GFile            *initial_file,
                          const char       *initial_name,
                          JxFileChosenFunc  func,
                          gpointer          user_data);

/* A place to export to: @title, one filter (@filter_name, @pattern such
 * as "*.pdf"), @initial_name proposed. The dialog asks before replacing a
 * file. */
void jx_file_dialog_export (GtkWindow        *parent,
                            const char       *title,
                            const char       *filter_name,
                            const char       *pattern,
                            const char       *initial_name,
                            JxFileChosenFunc  func,
                            gpointer          user_data);

G_END_DECLS
