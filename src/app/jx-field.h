/* jx-field.h: two-way bindings of form widgets to model properties
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-fields.h"

G_BEGIN_DECLS

/*
 * A form widget shows one string property of a model object. Typing goes
 * through jx_edit_set_string() (so the history records and merges it), a
 * change of the model (undo, another view) is shown in the widget, and
 * leaving the widget ends the merge of typing into one undo step. The
 * binding guards against feedback: a change the widget made is not written
 * back into it.
 *
 * Call again with another object to rebind; with @object NULL to unbind.
 */
void jx_field_bind_editable  (GtkEditable *editable,
                              JxDocument  *document,
                              gpointer     object,
                              const char  *property);
void jx_field_bind_text_view (GtkTextView *view,
                              JxDocument  *document,
                              gpointer     object,
                              const char  *property);

/* The property @widget is bound to by the functions above (the field id,
 * see jx-fields.h), or NULL. */
const char *jx_field_get_bound_property (GtkWidget *widget);
/* A form's caption for @field: “Fiscal appropriation (财政拨款)”, the
 * translated label with the official term as the table prints it, or only
 * the term where the translation is Chinese (指标方向性, not 指标方向). */
char *jx_field_caption       (const JxField *field);

G_END_DECLS
