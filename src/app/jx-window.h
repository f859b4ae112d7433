/* jx-window.h: a document window: tree, forms, problems, status
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-comparison.h"
#include "jx-node.h"
#include "jx-template.h"

G_BEGIN_DECLS

#define JX_TYPE_WINDOW (jx_window_get_type ())
G_DECLARE_FINAL_TYPE (JxWindow, jx_window, JX, WINDOW, GtkApplicationWindow)

/* Properties: document (JxDocument), file (GFile, NULL while untitled). */
JxWindow   *jx_window_new              (GtkApplication *application);
JxDocument *jx_window_get_document     (JxWindow       *self);
GFile      *jx_window_get_file         (JxWindow       *self);
/* A fresh document with one funding unit, untitled. */
void        jx_window_new_document     (JxWindow       *self);
/* A new, empty document of @template replaces the window's. */
void        jx_window_new_document_for_template (JxWindow   *self,
                                                 JxTemplate *template);
/* The template File → New offers first (the default-template setting). */
JxTemplate *jx_window_get_default_template (void);
/* Loads @file into this window; FALSE with a message a person can act on. */
gboolean    jx_window_load_file        (JxWindow       *self,
                                        GFile          *file,
                                        GError        **error);
/* The same in a worker thread: the file is parsed into a new document
 * there and handed to the window here; meanwhile the window shows a
 * progress message with the file's name and stays usable. */
void        jx_window_load_file_async  (JxWindow       *self,
                                        GFile          *file,
                                        GAsyncReadyCallback callback,
                                        gpointer        user_data);
gboolean    jx_window_load_file_finish (JxWindow       *self,
                                        GAsyncResult   *result,
                                        GError        **error);
gboolean    jx_window_is_loading       (JxWindow       *self);
/* Saves to @file (NULL: the window's file): serialized here, written by a
 * worker thread. A restored draft is checked against its file as it was
 * when the draft was written (JX_XML_ERROR_CHANGED_ON_DISK). */
void        jx_window_save_to_async    (JxWindow       *self,
                                        GFile          *file,
                                        guint           flags,
                                        GAsyncReadyCallback callback,
                                        gpointer        user_data);
gboolean    jx_window_save_to_finish   (JxWindow       *self,
                                        GAsyncResult   *result,
                                        GError        **error);
/* The same, waiting for the worker (tests, the CLI-like paths). */
gboolean    jx_window_save_to          (JxWindow       *self,
                                        GFile          *file,
                                        guint           flags,
                                        GError        **error);
/* Opens @draft (a recovery draft) as an unsaved document with the path and
 * name of the file it was a draft of ("name.jixiao — recovered"). */
gboolean    jx_window_restore_draft    (JxWindow       *self,
                                        const char     *draft,
                                        GError        **error);
gboolean    jx_window_is_unsaved       (JxWindow       *self);
/* Reads @file (another version of the table) and compares it with this
 * window's table off the main thread (a progress message meanwhile; edits
 * made meanwhile are in the result), then marks the changes in the tree
 * and lists them in a window of their own (its object data
 * "jx-changes-window"), or says why it cannot be read. */
void        jx_window_compare_with     (JxWindow       *self,
                                        GFile          *file);
/* Where a Compare With… being made is (tests): none, reading the other
 * version while copying the table, or a worker diffing the two. */
enum { JX_COMPARE_STATE_NONE, JX_COMPARE_STATE_READING, JX_COMPARE_STATE_DIFFING };
int         jx_window_get_compare_state (JxWindow      *self);
/* Shows @comparison (of this window's document) in the tree: added and
 * changed rows marked, removed items as struck-through ghost rows that
 * cannot be edited nor count in totals; each changed field of the forms
 * shows the other version's value beside it. NULL clears all of it
 * (win.clear-comparison). */
void        jx_window_set_comparison   (JxWindow       *self,
                                        JxComparison   *comparison);
JxComparison *jx_window_get_comparison (JxWindow       *self);
/* Writes the comments report (the open comments with their replies, or
 * all) to @file as PDF or CSV by its extension, off the main thread; the
 * window's object data "jx-comments-exported" becomes 1 when done, -1
 * after an error (which is shown). */
void        jx_window_export_comments  (JxWindow       *self,
                                        GFile          *file,
                                        gboolean        open_only);
/* Shows @document, made in the program (next year's table), as an unsaved
 * document without a file, with @message (or nothing) in the banner. */
void        jx_window_show_made_document (JxWindow     *self,
                                          JxDocument   *document,
                                          const char   *message);
/* Whether this window shows nothing worth keeping (untitled, unchanged). */
gboolean    jx_window_is_blank         (JxWindow       *self);

/* Selects @node in the tree (expanding its parents, clearing the search)
 * and shows its form. */
void        jx_window_select_node      (JxWindow       *self,
                                        JxNode         *node);
/* Drag and drop in the tree: @node dropped on the row of @target. A
 * project on a funding unit goes to the end of it (as Move to Unit…), an
 * indicator on a project to the end of its indicators; on a row of its own
 * kind it goes just before it (reordering, or into that row's parent). One
 * undo step; the moved item is then selected. FALSE, changing nothing,
 * when that is no move (see jx_window_can_drop()): other kinds, ghost rows
 * of a comparison, a read-only table, review mode. */
gboolean    jx_window_drop_node        (JxWindow       *self,
                                        JxNode         *node,
                                        JxNode         *target);
gboolean    jx_window_can_drop         (JxWindow       *self,
                                        JxNode         *node,
                                        JxNode         *target);
/* The node whose form is shown, or NULL ("nothing selected"). */
JxNode     *jx_window_get_shown_node   (JxWindow       *self);
void        jx_window_focus_field      (JxWindow       *self,
                                        const char     *field);
/* Writes the recovery draft now if the document is modified. Otherwise it
 * is written by a worker @delay_ms after the last change, and never later
 * than @max_ms after the first unsaved one (defaults: 3 s and the
 * autosave-interval setting); back at the saved state it is removed. */
void        jx_window_autosave_now     (JxWindow       *self);
void        jx_window_set_draft_delays (JxWindow       *self,
                                        guint           delay_ms,
                                        guint           max_ms);
/* Whether another program changed the file since it was loaded or saved
 * (the banner says so). */
gboolean    jx_window_get_disk_changed (JxWindow       *self);
const char *jx_window_get_draft_path   (JxWindow       *self);
/* How many main-loop slices the last recovery draft's serialization took
 * (a large table is serialized a few milliseconds at a time). */
guint       jx_window_get_draft_slices (JxWindow       *self);
/* How many main-loop slices the last whole check took, and whether one is
 * under way (a table of more than 2,000 projects is checked a few
 * milliseconds at a time, between frames). */
guint       jx_window_get_validation_slices (JxWindow  *self);
gboolean    jx_window_is_validating    (JxWindow       *self);
/* Runs validation now instead of after the pause. */
void        jx_window_validate_now     (JxWindow       *self);

/* For tests and the benchmark. */
GtkWidget  *jx_window_get_tree_view    (JxWindow       *self);
GtkWidget  *jx_window_get_project_form (JxWindow       *self);
GtkWidget  *jx_window_get_document_form (JxWindow      *self);
GtkWidget  *jx_window_get_indicator_form (JxWindow     *self);
GtkWidget  *jx_window_get_problems_panel (JxWindow     *self);
GtkWidget  *jx_window_get_comments_panel (JxWindow     *self);
GtkWidget  *jx_window_get_search_entry (JxWindow       *self);
const char *jx_window_get_status_total (JxWindow       *self);
const char *jx_window_get_visible_page (JxWindow       *self);
GtkWidget  *jx_window_get_toast        (JxWindow       *self);
GtkWidget  *jx_window_get_progress     (JxWindow       *self);
const char *jx_window_get_banner_text  (JxWindow       *self);
/* The text of the tree row showing @node, if it is realized: "name|amount". */
char       *jx_window_describe_row     (JxWindow       *self,
                                        JxNode         *node);
/* The problems marked on @node's row (if realized and marked), or NULL. */
/* The drop target of the tree row showing @node (what a drop on it runs),
 * or NULL when no row shows it. */
GtkDropTarget *jx_window_get_row_drop_target (JxWindow *self,
                                              JxNode   *node);
/* The comparison mark of the tree row showing @node (a JxCompareMark), or
 * -1 when no row shows it. */
int         jx_window_get_row_compare_mark (JxWindow   *self,
                                            JxNode     *node);
/* The grey text beside @field of the shown form ("上年：…", the other
 * version's value), or NULL when there is none. */
const char *jx_window_get_field_hint   (JxWindow       *self,
                                        const char     *field);
char       *jx_window_get_row_mark     (JxWindow       *self,
                                        JxNode         *node);
/* The open-comment badge of that row (0: none), or -1 if it is not realized. */
int         jx_window_get_row_comments (JxWindow       *self,
                                        JxNode         *node);

/* Review mode (property "review-mode", action win.review-mode): figures
 * and texts read-only, comments editable. */
gboolean    jx_window_get_review_mode    (JxWindow       *self);
void        jx_window_set_review_mode    (JxWindow       *self,
                                          gboolean        review_mode);
/* The open comments the shown form's @field is marked with (0: no mark);
 * *@entry receives the widget that carries the mark. For tests. */
guint       jx_window_get_field_mark     (JxWindow       *self,
                                          const char     *field,
                                          GtkWidget     **entry);
/* The tree's row filter: 0 all rows, 1 rows with open comments, 2 rows
 * with problems (the dropdown beside the search field). */
void        jx_window_set_row_filter     (JxWindow       *self,
                                          guint           filter);

G_END_DECLS
