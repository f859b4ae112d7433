/* jx-window-private.h: what jx-window.c shares with jx-window-actions.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-comments-panel.h"
#include "jx-comparison.h"
#include "jx-document-form.h"
#include "jx-indicator-form.h"
#include "jx-problem-set.h"
#include "jx-problems-panel.h"
#include "jx-project-form.h"
#include "jx-toast.h"
#include "jx-validator.h"
#include "jx-window.h"
#include "jx-xml.h"

G_BEGIN_DECLS

typedef struct _JxCompareJob JxCompareJob;

struct _JxWindow
{
  GtkApplicationWindow parent_instance;

  /* Template children */
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkRevealer        *banner;
  GtkLabel           *banner_label;
  GtkPaned           *outer_paned;
  GtkPaned           *inner_paned;
  GtkSearchEntry     *search_entry;
  GtkListView        *tree_view;
  GtkStack           *stack;
  JxDocumentForm     *document_form;
  GtkEntry           *unit_name_entry;
  JxProjectForm      *project_form;
  JxIndicatorForm    *indicator_form;
  JxProblemsPanel    *problems_panel;
  GtkToggleButton    *problems_button;
  JxCommentsPanel    *comments_panel;
  GtkToggleButton    *comments_button;
  GtkWidget          *side_box;
  GtkWidget          *side_separator;
  gboolean            side_by_side;   /* side panels in a row, not stacked */
  guint               side_layout_id;
  GtkLabel           *total_status;
  GtkLabel           *counts_status;
  GtkLabel           *problems_status;
  GtkMenuButton      *menu_button;
  GtkPopoverMenu     *context_menu;
  GtkDropDown        *row_filter_dropdown;
  GtkLabel           *empty_label;

  /* State */
  JxDocument         *document;
  GFile              *file;
  GListStore         *root;
  GtkTreeListModel   *tree_model;
  GtkTreeListModel   *search_model;
  /* The search's flat list: the name-matching projects and indicators in
   * document order (made when the text changes), each node's position in
   * it, and the ids the row filter lets through, kept live (comments,
   * problems) by refiltering only the nodes whose state changed. */
  GListStore         *search_candidates;
  GHashTable         *search_index;
  GHashTable         *filter_ids;
  GtkSingleSelection *selection;
  JxProblemSet       *problems;
  JxNode             *shown;          /* the node whose form is shown */
  gulong              shown_notify_id;
  gboolean            shown_touched;  /* the shown node changed since validation */
  gboolean            need_full;      /* something else changed */
  gulong              document_ids[4];
  gulong              history_ids[4];
  guint               validate_id;
  guint               full_validate_id;
  /* The whole check of a large table, a slice at a time between frames. */
  JxValidation       *validation;
  GPtrArray          *validation_found;
  guint64             validation_serial;
  guint               validation_slice_id;
  guint               validation_slices;  /* slices the last whole check took (tests) */
  gboolean            draft_stale;    /* changed since the draft was written */
  char               *draft_path;
  gboolean            recovered;      /* restored from a draft: unsaved */
  gboolean            made;           /* made here (next year's table): unsaved */
  gboolean            closing;        /* the unsaved-changes dialog said go */
  gboolean            review_mode;    /* figures read-only, comments editable */
  JxComparison       *comparison;     /* Compare With…: marks, ghost rows, old values */
  JxCompareJob       *compare_job;    /* a Compare With… being made */
  GHashTable         *bound_rows;     /* the JxTreeRows bound to a tree item now */
  gboolean            export_last_year; /* exports add the 上年 columns */
  JxNode             *shown_ghost;    /* a removed item of the comparison, selected */

  /* Recovery drafts: written DRAFT_DELAY after the last change, never
   * later than draft_max_ms after the first unsaved one. */
  guint               draft_timer_id;
  /* The draft being serialized on the main thread, a slice per idle, so
   * that a large table never holds up a keystroke; any change drops it. */
  JxXmlWriter        *draft_writer;
  guint               draft_slice_id;
  guint               draft_slices;   /* slices the last draft took (tests) */
  gint64              draft_since;    /* its first_unsaved */
  gint64              first_unsaved;  /* monotonic µs; 0: none pending */
  guint               draft_delay_ms;
  guint               draft_max_ms;
  guint               draft_epoch;    /* bumped when the draft is deleted */

  /* The file on disk as last loaded or saved, watched for other programs. */
  gboolean            has_disk_stamp;
  goffset             disk_size;
  gint64              disk_mtime;     /* µs */
  GFileMonitor       *monitor;
  gboolean            disk_changed;   /* another program changed the file */
  guint               saving;         /* saves running in a worker */
  GCancellable       *loading;        /* an open running in a worker */

  GtkOverlay         *overlay;
  JxToast            *toast;          /* "已删除 … 撤销" */
  JxToast            *progress;       /* "正在打开 …" */
};

typedef void (*JxWindowThen) (JxWindow *self);

/* jx-window-actions.c: drops a Compare With… being made (another document,
 * another comparison, the window going). */
void jx_window_cancel_compare        (JxWindow      *self);
/* Destroys the list of changes, if one is shown, forgetting it first. */
void jx_window_destroy_changes_window (JxWindow     *self);

void jx_window_class_install_actions (JxWindowClass *klass);
void jx_window_update_actions        (JxWindow      *self);
/* Shows a modal message with one button. */
void jx_window_show_error            (JxWindow      *self,
                                      const char    *title,
                                      const char    *detail);
void jx_window_update_title          (JxWindow      *self);
/* Shows @text in the strip below the header bar (a warning, not a dialog:
 * e.g. "open read-only"), or hides it when @text is NULL. The app has no
 * GtkInfoBar (deprecated in GTK 4.10); dialogs are in jx-dialogs.h. */
void jx_window_set_banner            (JxWindow      *self,
                                      const char    *text);
void jx_window_delete_draft          (JxWindow      *self);
/* The file chooser, then jx_window_save_to(); @then runs after a save. */
void jx_window_save_as               (JxWindow      *self,
                                      JxWindowThen   then);
void jx_window_save                  (JxWindow      *self,
                                      JxWindowThen   then);
/* F6 (@step 1) and Shift+F6 (-1): the next area of tree, form, panels. */
void jx_window_cycle_area            (JxWindow      *self,
                                      int            step);
/* The banner under the header bar: read-only, changed on disk. */
void jx_window_update_banner         (JxWindow      *self);
void jx_window_show_toast            (JxWindow      *self,
                                      const char    *message,
                                      const char    *button_label,
                                      const char    *action_name);

/* jx-window-review.c: review mode, field comments and their marks, the
 * tree's row filter, funding units, exporting the comments. */
enum { JX_ROW_FILTER_ALL, JX_ROW_FILTER_OPEN_COMMENTS, JX_ROW_FILTER_PROBLEMS };

void        jx_window_class_install_review_actions (JxWindowClass *klass);
/* Review mode's locks and the field marks of the shown form, again. */
void        jx_window_review_update          (JxWindow      *self);
void        jx_window_review_update_actions  (JxWindow      *self);
/* Ids of the items with open comments (borrowed strings). */
GHashTable *jx_window_open_comment_targets   (JxWindow      *self);
/* The ids the tree's row filter lets through now (owned strings), or NULL
 * for all rows. */
GHashTable *jx_window_row_filter_ids         (JxWindow      *self);
/* Removes @unit with its projects as one step, after asking when it has any. */
void        jx_window_remove_unit            (JxWindow      *self,
                                              JxFundingUnit *unit);
/* The field id a form widget shows (a bound entry or text view, an amount
 * entry), or NULL. */
const char *jx_window_field_of_widget        (GtkWidget     *widget);
/* The widget of the shown form showing @field, or NULL. */
GtkWidget  *jx_window_find_field_widget      (JxWindow      *self,
                                              const char    *field);
/* jx-window-hints.c: beside each field of the shown form, in grey, the
 * other version's value (Compare With…) and last year's (show-last-year). */
void        jx_window_hints_update           (JxWindow      *self);
/* jx-window-export.c: File → Print… and File → Export. */
void jx_window_class_install_export_actions (JxWindowClass *klass);
/* Exports to @file (format by its name) in a worker thread, from a
 * snapshot; a progress window on large tables; errors in a dialog. */
void jx_window_export_to             (JxWindow      *self,
                                      GFile         *file,
                                      gboolean       comments);
/* The print operation of the window's document (A4 landscape, the same
 * layout as the PDF export). */
GtkPrintOperation *jx_window_new_print_operation (JxWindow *self);

/* A one-shot timer for the next slice of long work on the main thread,
 * a short gap after this one ends, in which frames are drawn. */
guint jx_window_add_slice_timer (GSourceFunc func,
                                 gpointer    data);

G_END_DECLS
