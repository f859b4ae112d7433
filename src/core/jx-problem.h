/* jx-problem.h: one finding about a document, from the loader or the validator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-types.h"

G_BEGIN_DECLS

typedef enum
{
  JX_SEVERITY_WARNING,
  JX_SEVERITY_ERROR,
} JxSeverity;

#define JX_TYPE_PROBLEM (jx_problem_get_type ())

/*
 * rule: a stable id such as "subcategory-mismatch" (listed in the README);
 * line/column: 1-based place in the file, 0 when unknown; target: id of the
 * node concerned (NULL for the whole document); field: its property name
 * (NULL for the whole node); message: a translated sentence without the
 * place, which callers add ("FILE:LINE:COL: error: [rule] message").
 * The strings live in the problem's own block (jx_problem_new() allocates
 * one): read them, never replace or free them.
 */
struct _JxProblem
{
  JxSeverity  severity;
  char       *rule;
  guint       line;
  guint       column;
  char       *target;
  char       *field;
  char       *message;
};

GType       jx_problem_get_type      (void) G_GNUC_CONST;
JxProblem  *jx_problem_new           (JxSeverity       severity,
                                      const char      *rule,
                                      guint            line,
                                      guint            column,
                                      const char      *target,
                                      const char      *field,
                                      const char      *message);
JxProblem  *jx_problem_copy          (const JxProblem *self);
void        jx_problem_free          (JxProblem       *self);
const char *jx_severity_to_string    (JxSeverity       severity);
/* "FILE:LINE:COL: error: [rule] message", leaving out what is unknown. */
char       *jx_problem_format        (const JxProblem *self,
                                      const char      *file);
/* The same line appended to @out (no newline). */
void        jx_problem_append        (const JxProblem *self,
                                      const char      *file,
                                      GString         *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxProblem, jx_problem_free)

G_END_DECLS
