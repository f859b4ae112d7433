/* jx-problems-panel.h: the validator's findings, each row leading to its place
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jx-problem-set.h"
#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TYPE_PROBLEMS_PANEL (jx_problems_panel_get_type ())
G_DECLARE_FINAL_TYPE (JxProblemsPanel, jx_problems_panel, JX, PROBLEMS_PANEL, GtkWidget)

/* Shows the findings of @problems about @document, refreshed on its
 * "changed" signal. Signal "problem-activated" (target id or NULL, field or
 * NULL) when a row is activated. */
void        jx_problems_panel_bind        (JxProblemsPanel *self,
                                           JxProblemSet    *problems,
                                           JxDocument      *document);
guint       jx_problems_panel_get_n_rows  (JxProblemsPanel *self);
const char *jx_problems_panel_get_row_message (JxProblemsPanel *self,
                                               guint            position);
void        jx_problems_panel_activate_row (JxProblemsPanel *self,
                                            guint            position);

G_END_DECLS
