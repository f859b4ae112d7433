/* jx-edit.h: the changes a person makes to a document, each an undo step
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-model-private.h"
#include "jx-history.h"

G_BEGIN_DECLS

/*
 * These are the only way an editor changes a document: each records its
 * operation in the document's history (so undo/redo, the modified flag,
 * autosave and validation see every change the same way) and applies it.
 * A set to the value a property already has records nothing.
 */

#define JX_EDIT_ERROR (jx_edit_error_quark ())

typedef enum
{
  JX_EDIT_ERROR_TOO_LONG,   /* a text longer than JX_TEXT_MAX_CHARS (jx-limits.h) */
} JxEditError;

GQuark         jx_edit_error_quark       (void);

/* FALSE with JX_EDIT_ERROR_TOO_LONG and a translated message naming @what
 * ("performance goal") when @text is longer than a document can hold.
 * Editors check what a person typed or pasted with it before they call the
 * functions below, which refuse such a text as a programming error. */
gboolean       jx_edit_check_text        (const char    *what,
                                          const char    *text,
                                          GError       **error);
/* jx_edit_set_string() after jx_edit_check_text(): FALSE (nothing changed)
 * when @value is too long. */
gboolean       jx_edit_set_text          (JxDocument    *document,
                                          gpointer       object,
                                          const char    *property,
                                          const char    *value,
                                          GError       **error);
void           jx_edit_set_string        (JxDocument    *document,
                                          gpointer       object,
                                          const char    *property,
                                          const char    *value);
void           jx_edit_set_int           (JxDocument    *document,
                                          gpointer       object,
                                          const char    *property,
                                          int            value);
void           jx_edit_set_boolean       (JxDocument    *document,
                                          gpointer       object,
                                          const char    *property,
                                          gboolean       value);
/* FALSE with JX_MONEY_ERROR_OVERFLOW (nothing changed) when a total would
 * leave the range of JxMoney. */
gboolean       jx_edit_set_money         (JxDocument    *document,
                                          JxProject     *project,
                                          const char    *property,
                                          JxMoney        amount,
                                          GError       **error);
/* Sets both codes in one step, so no invalid pair is ever recorded. */
void           jx_edit_set_category      (JxDocument    *document,
                                          JxIndicator   *indicator,
                                          const char    *category,
                                          const char    *subcategory);

JxFundingUnit *jx_edit_add_unit          (JxDocument    *document,
                                          guint          position,
                                          const char    *name);
JxProject     *jx_edit_add_project       (JxDocument    *document,
                                          JxFundingUnit *unit,
                                          guint          position,
                                          const char    *name);
JxIndicator   *jx_edit_add_indicator     (JxDocument    *document,
                                          JxProject     *project,
                                          guint          position,
                                          const char    *category,
                                          const char    *subcategory);
/* Removes a unit, project, indicator or annotation (with its subtree). */
void           jx_edit_remove            (JxDocument    *document,
                                          JxNode        *node);
/* Moves a project to @position in @unit, or an indicator to @position in
 * @project (which may be its own): @parent must hold the node's type. */
void           jx_edit_move              (JxDocument    *document,
                                          JxNode        *node,
                                          JxNode        *parent,
                                          guint          position);
/* Inserts @child, a detached node (a copy) whose subtree gets new ids, at
 * @position in @parent, as one step named @label. */
void           jx_edit_insert            (JxDocument    *document,
                                          JxNode        *parent,
                                          guint          position,
                                          JxNode        *child,
                                          const char    *label);
/* Inserts a deep copy with new ids just after @node. Transfer none. */
JxNode        *jx_edit_duplicate         (JxDocument    *document,
                                          JxNode        *node);

JxAnnotation  *jx_edit_add_annotation    (JxDocument    *document,
                                          const char    *target,
                                          const char    *field,
                                          const char    *author,
                                          const char    *text);
JxAnnotation  *jx_edit_reply             (JxDocument    *document,
                                          JxAnnotation  *annotation,
                                          const char    *author,
                                          const char    *text);
void           jx_edit_set_resolved      (JxDocument    *document,
                                          JxAnnotation  *annotation,
                                          gboolean       resolved);

G_END_DECLS
