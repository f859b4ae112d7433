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

/* Lists the annotations of @document: a list bound to a filter (open or
 * resolved, author) and a sort (place in the table, or newest first) over
 * the document's annotations, so rows are made only for comments that come
 * or go and a reply being typed survives any edit of the document. Signal "comment-activated" (target id, field or NULL)
 * when a row is activated. Every change goes through jx_edit_*. */
void          jx_comments_panel_bind           (JxCommentsPanel *self,
                                                JxDocument      *document);
/* The node new comments are added to: a project or an indicator, else the
 * "Add comment" button is insensitive. */
void          jx_comments_panel_set_target     (JxCommentsPanel *self,
                                                JxNode          *node);

/* Where the next comment goes: @node (the document, a unit, a project or
 * an indicator) and @field (an id of jx-fields.h, or NULL for the whole
 * item); focuses the comment entry. */
void          jx_comments_panel_comment_on     (JxCommentsPanel *self,
                                                JxNode          *node,
                                                const char      *field);
const char   *jx_comments_panel_get_field      (JxCommentsPanel *self);
/* Shows the open comments on @node's @field (a field's mark was clicked):
 * filter "open", table order, the first of them scrolled into view; new
 * comments go there too. */
void          jx_comments_panel_show_comments_on (JxCommentsPanel *self,
                                                  JxNode          *node,
                                                  const char      *field);
/* @state: 0 all, 1 open, 2 resolved; @author NULL for every author. */
void          jx_comments_panel_set_filter     (JxCommentsPanel *self,
                                                guint            state,
                                                const char      *author);
void          jx_comments_panel_set_newest_first (JxCommentsPanel *self,
                                                  gboolean         newest_first);

/* For tests. */
/* Whether row @position is allocated and wholly inside the scrolled view. */
gboolean      jx_comments_panel_row_in_view    (JxCommentsPanel *self,
                                                guint            position);
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
