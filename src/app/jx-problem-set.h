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
/* Files @problems (transfer full), the findings of checking all of
 * @document (jx_validate_document(), or jx_validation_step() to the end),
 * in place of what was kept. */
void          jx_problem_set_take_found      (JxProblemSet *self,
                                              JxDocument   *document,
                                              GPtrArray    *problems);
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

/* The ids of the projects and indicators jx_problem_set_lookup() finds
 * problems for, as a set of strings (owned by the table): one pass over the
 * problems, not over the document. */
GHashTable   *jx_problem_set_dup_targets     (JxProblemSet *self);

/*
 * Input findings: text a person typed into a field that the document did
 * not take (an amount that is not an amount). They are listed before the
 * validator's findings, counted as errors, marked in the tree, and kept
 * while the form shows another node, so nothing typed is lost: the form
 * puts @text back when it shows the field again. One per target and field;
 * @message NULL removes it.
 */
void          jx_problem_set_set_input       (JxProblemSet *self,
                                              const char   *target,
                                              const char   *field,
                                              const char   *text,
                                              const char   *message);
/* The text kept for @target's @field, or NULL. */
const char   *jx_problem_set_get_input_text  (JxProblemSet *self,
                                              const char   *target,
                                              const char   *field);
/* Drops the input findings of nodes no longer in @document (removed). */
void          jx_problem_set_prune_inputs    (JxProblemSet *self,
                                              JxDocument   *document);
guint         jx_problem_set_get_n_inputs    (JxProblemSet *self);
/* The @index-th input finding (transfer none). */
const JxProblem *jx_problem_set_get_input    (JxProblemSet *self,
                                              guint         index);

G_END_DECLS
