/* jx-indicator-form.h: the form of one indicator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_INDICATOR_FORM (jx_indicator_form_get_type ())
G_DECLARE_FINAL_TYPE (JxIndicatorForm, jx_indicator_form, JX, INDICATOR_FORM, GtkWidget)

/*
 * The category dropdown offers the scheme's categories; the sub-category
 * dropdown only the chosen category's sub-categories, so the form never
 * produces an invalid pair (changing the category takes its first
 * sub-category, in one undo step). A loaded invalid pair is shown as it is,
 * with a warning, until the person picks a valid one.
 */
void         jx_indicator_form_bind        (JxIndicatorForm *self,
                                            JxDocument      *document,
                                            JxIndicator     *indicator);
JxIndicator *jx_indicator_form_get_indicator (JxIndicatorForm *self);
void         jx_indicator_form_focus_field (JxIndicatorForm *self,
                                            const char      *field);
GtkDropDown *jx_indicator_form_get_category_dropdown    (JxIndicatorForm *self);
GtkDropDown *jx_indicator_form_get_subcategory_dropdown (JxIndicatorForm *self);
/* The value entries and, beside each, how the core reads it. */
GtkEditable *jx_indicator_form_get_value_entry          (JxIndicatorForm *self,
                                                         gboolean         annual);
GtkLabel    *jx_indicator_form_get_value_reading        (JxIndicatorForm *self,
                                                         gboolean         annual);
/* The codes the sub-category dropdown offers now, e.g. "21 22 23 24". */
char        *jx_indicator_form_describe_subcategories   (JxIndicatorForm *self);
/* The warning shown under the categories (a pair the scheme lacks), or NULL. */
const char  *jx_indicator_form_get_pair_warning         (JxIndicatorForm *self);

/* The widget of the field @id ("name", "category", "weight"…), the name's
 * entry for an id the form does not show. Transfer none. */
GtkWidget   *jx_indicator_form_get_field_widget (JxIndicatorForm *self,
                                                 const char      *field);

G_END_DECLS
