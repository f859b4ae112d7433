/* jx-amount-entry.h: an entry for one funding amount of a project
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_AMOUNT_ENTRY (jx_amount_entry_get_type ())
G_DECLARE_FINAL_TYPE (JxAmountEntry, jx_amount_entry, JX, AMOUNT_ENTRY, GtkWidget)

/*
 * Shows the amount @property (a funding source's id, see jx-fields.h) of @project and
 * changes it through jx_edit_set_money() as soon as the text is a valid
 * amount. Invalid text is kept as typed, the entry is styled "error" and the
 * reason (with its column) shows beneath; the model keeps its last valid
 * value. Properties: valid (read-only), error-text (read-only).
 */
GtkWidget  *jx_amount_entry_new            (void);
void        jx_amount_entry_bind           (JxAmountEntry *self,
                                            JxDocument    *document,
                                            JxProject     *project,
                                            const char    *property);
GtkEditable *jx_amount_entry_get_editable  (JxAmountEntry *self);
gboolean    jx_amount_entry_get_valid      (JxAmountEntry *self);
const char *jx_amount_entry_get_error_text (JxAmountEntry *self);
void        jx_amount_entry_set_accessible_label (JxAmountEntry *self,
                                                  const char    *label);

G_END_DECLS
