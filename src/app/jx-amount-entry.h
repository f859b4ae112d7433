/* jx-amount-entry.h: an entry for one funding amount of a project
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-problem-set.h"
#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_AMOUNT_ENTRY (jx_amount_entry_get_type ())
G_DECLARE_FINAL_TYPE (JxAmountEntry, jx_amount_entry, JX, AMOUNT_ENTRY, GtkWidget)

/*
 * Shows the amount @property (a funding source's id, see jx-fields.h) of @project and
 * changes it through jx_edit_set_money() as soon as the text is a valid
 * amount (totals follow every keystroke). Text that is not an amount (or
 * is beyond 999,999,999,999.99) is kept as typed, the entry is styled
 * "error", and the line beneath (always reserved, so nothing moves) says
 * "not saved: the table keeps 53.85" and why; the document goes back to
 * the value it had when the edit began, and the finding is filed in the
 * problem set given with jx_amount_entry_set_problems() (which also keeps
 * the text while another project is shown). Properties: valid
 * (read-only), error-text (read-only).
 */
GtkWidget  *jx_amount_entry_new            (void);
void        jx_amount_entry_bind           (JxAmountEntry *self,
                                            JxDocument    *document,
                                            JxProject     *project,
                                            const char    *property);
void        jx_amount_entry_set_problems   (JxAmountEntry *self,
                                            JxProblemSet  *problems);
GtkEditable *jx_amount_entry_get_editable  (JxAmountEntry *self);
/* The funding source (field id) the entry is bound to, or NULL. */
const char *jx_amount_entry_get_field      (JxAmountEntry *self);
gboolean    jx_amount_entry_get_valid      (JxAmountEntry *self);
const char *jx_amount_entry_get_error_text (JxAmountEntry *self);
void        jx_amount_entry_set_accessible_label (JxAmountEntry *self,
                                                  const char    *label);

G_END_DECLS
