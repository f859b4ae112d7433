/* jx-problem-set.h: the validator's findings about one document, by node
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jx-problem.h"
#include "jx-node.h"

G_BEGIN_DECLS

#define JX_TYPE_PROBLEM_SET (jx_problem_set_get_type ())
G_DECLARE_FINAL_TYPE (JxProblemSet, jx_problem_set, JX, PROBLEM_SET, GObject)

/*
 * Runs the validator (jx_validate_document, or jx_validate_project for a
 * change inside one project) and keeps its findings by project, so that a
 * local change of a large document is re-checked in O(project). Signal
 * "changed" after every update; properties n-errors, n-warnings.
 */
JxProblemSet *jx_problem_set_new             (void);
void          jx_problem_set_validate        (JxProblemSet *self,
                                              JxDocument   *document);
void          jx_problem_set_validate_project (JxProblemSet *self,
                                               JxDocument   *document,
                                               JxProject    *project);
void          jx_problem_set_clear           (JxProblemSet *self);
guint         jx_problem_set_get_n_errors    (JxProblemSet *self);
guint         jx_problem_set_get_n_warnings  (JxProblemSet *self);
/* All problems in document order (transfer container). */
GPtrArray    *jx_problem_set_list            (JxProblemSet *self,
                                              JxDocument   *document);
/* The worst severity of the problems of @node (a project includes its
 * indicators'); FALSE if it has none. @tooltip gets their messages. */
gboolean      jx_problem_set_lookup          (JxProblemSet *self,
                                              JxNode       *node,
                                              JxSeverity   *severity,
                                              char        **tooltip);

G_END_DECLS
