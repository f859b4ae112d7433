/* jx-project-form.h: the form of one project
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-problem-set.h"
#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_PROJECT_FORM (jx_project_form_get_type ())
G_DECLARE_FINAL_TYPE (JxProjectForm, jx_project_form, JX, PROJECT_FORM, GtkWidget)

/* Signal "node-activated" (JxNode): an indicator of the list was activated. */
void       jx_project_form_set_problems (JxProjectForm *self,
                                         JxProblemSet  *problems);
void       jx_project_form_bind         (JxProjectForm *self,
                                         JxDocument    *document,
                                         JxProject     *project);
JxProject *jx_project_form_get_project  (JxProjectForm *self);
void       jx_project_form_focus_field  (JxProjectForm *self,
                                         const char    *field);
/* The amount entry of the funding source with id @property (for tests). */
GtkWidget *jx_project_form_get_amount_entry (JxProjectForm *self,
                                             const char    *property);
/* "Indicators (4)" */
const char *jx_project_form_get_indicators_caption (JxProjectForm *self);
const char *jx_project_form_get_total_text  (JxProjectForm *self);

G_END_DECLS
