/* jx-document-form.h: the form of a document's own properties
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_DOCUMENT_FORM (jx_document_form_get_type ())
G_DECLARE_FINAL_TYPE (JxDocumentForm, jx_document_form, JX, DOCUMENT_FORM, GtkWidget)

void jx_document_form_bind        (JxDocumentForm *self,
                                   JxDocument     *document);
/* The dropdown of the table's kind (its template), for tests. */
GtkWidget *jx_document_form_get_template_dropdown (JxDocumentForm *self);
void jx_document_form_focus_field (JxDocumentForm *self,
                                   const char     *field);

G_END_DECLS
