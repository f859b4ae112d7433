/* jx-toast.h: a short message over the window, with one button or a spinner
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JX_TYPE_TOAST (jx_toast_get_type ())
G_DECLARE_FINAL_TYPE (JxToast, jx_toast, JX, TOAST, GtkWidget)

/*
 * The one notification piece of the editor (GTK 4.8 has no AdwToast): a
 * revealer that slides in over the content (put it in a GtkOverlay), with a
 * message, and either a button that activates an action ("已删除 … 撤销")
 * and a close button, or a spinner (opening a large file). A message with
 * a button hides itself after a few seconds, or when the button is used.
 */
GtkWidget  *jx_toast_new           (void);
/* @button_label and @action_name may be NULL (no button). */
void        jx_toast_show          (JxToast    *self,
                                    const char *message,
                                    const char *button_label,
                                    const char *action_name);
/* A message with a spinner, shown until jx_toast_dismiss(). */
void        jx_toast_show_progress (JxToast    *self,
                                    const char *message);
void        jx_toast_dismiss       (JxToast    *self);
gboolean    jx_toast_is_shown      (JxToast    *self);
const char *jx_toast_get_message   (JxToast    *self);
GtkWidget  *jx_toast_get_button    (JxToast    *self);

G_END_DECLS
