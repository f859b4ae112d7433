/* jx-problem.c: one finding about a document, from the loader or the validator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-problem"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-problem.h"

G_DEFINE_BOXED_TYPE (JxProblem, jx_problem, jx_problem_copy, jx_problem_free)

JxProblem *
jx_problem_new (JxSeverity  severity,
                const char *rule,
                guint       line,
                guint       column,
                const char *target,
                const char *field,
                const char *message)
{
  JxProblem *self = g_new0 (JxProblem, 1);

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self->severity = severity;
  self->rule = g_strdup (rule);
  self->line = line;
  self->column = column;
  self->target = g_strdup (target);
  self->field = g_strdup (field);
  self->message = g_strdup (message);
  return self;
}

JxProblem *
jx_problem_copy (const JxProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return jx_problem_new (self->severity, self->rule, self->line, self->column,
                         self->target, self->field, self->message);
}

void
jx_problem_free (JxProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->rule);
  g_free (self->target);
  g_free (self->field);
  g_free (self->message);
  g_free (self);
}

/* The words "error" and "warning" in the one-line format are part of the
 * machine-readable CLI contract and are not translated. */
const char *
jx_severity_to_string (JxSeverity severity)
{
  return severity == JX_SEVERITY_ERROR ? "error" : "warning";
}

char *
jx_problem_format (const JxProblem *self,
                   const char      *file)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (file ? file : "-");
  if (self->line > 0)
    {
      g_string_append_printf (s, ":%u", self->line);
      if (self->column > 0)
        g_string_append_printf (s, ":%u", self->column);
    }
  g_string_append_printf (s, ": %s: [%s] %s",
                          jx_severity_to_string (self->severity),
                          self->rule, self->message);
  return g_string_free (s, FALSE);
}
