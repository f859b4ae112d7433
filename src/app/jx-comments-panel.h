/* jx-comments-panel.h: reviewers' comments, their replies, and resolving them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-annotation.h"
#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_COMMENTS_PANEL (jx_comments_panel_get_type ())
G_DECLARE_FINAL_TYPE (JxCommentsPanel, jx_comments_panel, JX, COMMENTS_PANEL, GtkWidget)

/* Lists the annotations of @document (open ones first), refreshed on its
 * "changed" signal. Signal "comment-activated" (target id, field or NULL)
 * when a row is activated. Every change goes through jx_edit_*. */
void          jx_comments_panel_bind           (JxCommentsPanel *self,
                                                JxDocument      *document);
/* The node new comments are added to: a project or an indicator, else the
 * "Add comment" button is insensitive. */
void          jx_comments_panel_set_target     (JxCommentsPanel *self,
                                                JxNode          *node);

/* For tests. */
guint         jx_comments_panel_get_n_rows     (JxCommentsPanel *self);
/* The annotation shown in row @position. Transfer none. */
JxAnnotation *jx_comments_panel_get_annotation (JxCommentsPanel *self,
                                                guint            position);
/* "target|author|text|reply author: reply text|..." of row @position. */
char         *jx_comments_panel_describe_row   (JxCommentsPanel *self,
                                                guint            position);
void          jx_comments_panel_activate_row   (JxCommentsPanel *self,
                                                guint            position);
GtkWidget    *jx_comments_panel_get_entry      (JxCommentsPanel *self);
/* The window asking for the reviewer's name (when the `reviewer-name`
 * setting is empty, on the first comment or reply), or NULL. Its data
 * "entry" and "sign" are the name entry and the button that signs. */
GtkWidget    *jx_comments_panel_get_name_dialog (JxCommentsPanel *self);
GtkWidget    *jx_comments_panel_get_add_button (JxCommentsPanel *self);
/* @which: "reply" or "resolve". */
GtkWidget    *jx_comments_panel_get_row_button (JxCommentsPanel *self,
                                                guint            position,
                                                const char      *which);
/* The entry of the reply popover of row @position. */
GtkWidget    *jx_comments_panel_get_reply_entry (JxCommentsPanel *self,
                                                 guint            position);

G_END_DECLS
