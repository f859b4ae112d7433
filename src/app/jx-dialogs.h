/* jx-dialogs.h: the app's message dialogs (questions with buttons, errors)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * EVERY message dialog of the app goes through here: never create a
 * GtkMessageDialog, GtkDialog, GtkAlertDialog or GtkInfoBar elsewhere.
 *
 *   GTK ≥ 4.10 (Debian 13, the GNOME Flatpak runtime): GtkAlertDialog,
 *              asked with gtk_alert_dialog_choose() (asynchronous).
 *   GTK 4.8 (Debian 12): a modal GtkMessageDialog, as before.
 *
 * Either way the answer arrives later through a JxDialogFunc with the
 * response of the button chosen (the JxDialogButton's @response), or with
 * @cancel_response when the person pressed Escape or closed the dialog.
 *
 * Tests answer a pending dialog the same way on both GTK versions with
 * jx_dialog_get_pending() and jx_dialog_respond() (see the end of this file).
 *
 * For a message inside the window (read-only document, …) there is no
 * GtkInfoBar either: see jx_window_set_banner() in jx-window-private.h.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  JX_DIALOG_BUTTON_NORMAL,
  JX_DIALOG_BUTTON_SUGGESTED,    /* "suggested-action" on GTK 4.8 */
  JX_DIALOG_BUTTON_DESTRUCTIVE,  /* "destructive-action" on GTK 4.8 */
} JxDialogButtonStyle;

typedef struct
{
  int                  response;  /* > 0: what the JxDialogFunc receives */
  const char          *label;     /* translated, with a mnemonic ("_Save") */
  JxDialogButtonStyle  style;
} JxDialogButton;

/* @response: a JxDialogButton's response, or the @cancel_response given to
 * jx_dialog_ask(). Runs once per dialog. */
typedef void (*JxDialogFunc) (int      response,
                              gpointer user_data);

/* Asks @heading (bold, one line) with @body below it and the @buttons in
 * order, left to right. @default_response is the button Enter chooses;
 * @cancel_response is passed to @func on Escape or when the dialog is closed
 * (use a value none of the buttons has, e.g. 0, unless one of them means
 * cancel). @destroy frees @user_data after @func ran. Modal on @parent. */
void jx_dialog_ask   (GtkWindow            *parent,
                      const char           *heading,
                      const char           *body,
                      const JxDialogButton *buttons,
                      guint                 n_buttons,
                      int                   default_response,
                      int                   cancel_response,
                      JxDialogFunc          func,
                      gpointer              user_data,
                      GDestroyNotify        destroy);

/* An error: @heading says what failed, @detail where and what to do.
 * One "Close" button; nothing to answer. */
void jx_dialog_error (GtkWindow            *parent,
                      const char           *heading,
                      const char           *detail);

/* For tests (and accessibility tools): the dialog waiting on @parent, if
 * any — its heading and body (either may be NULL when there is no dialog).
 * Returns FALSE when no dialog of this helper is open on @parent. */
gboolean jx_dialog_get_pending (GtkWindow   *parent,
                                const char **heading,
                                const char **body);
/* Answers the dialog waiting on @parent as a person would: chooses the
 * button labelled @label (translated, with its mnemonic underscore, as given
 * to jx_dialog_ask()), or presses Escape when @label is NULL; the dialog
 * closes. Returns FALSE when there is no dialog or no such button. */
gboolean jx_dialog_respond     (GtkWindow   *parent,
                                const char  *label);

G_END_DECLS
