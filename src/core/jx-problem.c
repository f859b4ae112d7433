/* jx-problem.c: one finding about a document, from the loader or the validator
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-problem"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "jx-problem.h"

G_DEFINE_BOXED_TYPE (JxProblem, jx_problem, jx_problem_copy, jx_problem_free)

/* One block: the struct, then its strings. A messy table has 100,000
 * findings or more; five allocations each cost more memory (headers,
 * rounding) and time than the findings' text. */
static char *
put_string (char      **cursor,
            const char *text,
            gsize       size)
{
  char *start = *cursor;

  if (text == NULL)
    return NULL;
  memcpy (start, text, size);
  *cursor += size;
  return start;
}

JxProblem *
jx_problem_new (JxSeverity  severity,
                const char *rule,
                guint       line,
                guint       column,
                const char *target,
                const char *field,
                const char *message)
{
  JxProblem *self;
  gsize rule_size, target_size, field_size, message_size;
  char *cursor;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  rule_size = strlen (rule) + 1;
  target_size = target != NULL ? strlen (target) + 1 : 0;
  field_size = field != NULL ? strlen (field) + 1 : 0;
  message_size = strlen (message) + 1;
  self = g_malloc (sizeof *self + rule_size + target_size + field_size + message_size);
  cursor = (char *) (self + 1);
  self->severity = severity;
  self->line = line;
  self->column = column;
  self->rule = put_string (&cursor, rule, rule_size);
  self->target = put_string (&cursor, target, target_size);
  self->field = put_string (&cursor, field, field_size);
  self->message = put_string (&cursor, message, message_size);
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
  g_free (self);
}

/* The words "error" and "warning" in the one-line format are part of the
 * machine-readable CLI contract and are not translated. */
const char *
jx_severity_to_string (JxSeverity severity)
{
  return severity == JX_SEVERITY_ERROR ? "error" : "warning";
}

void
jx_problem_append (const JxProblem *self,
                   const char      *file,
                   GString         *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  g_string_append (out, file ? file : "-");
  if (self->line > 0)
    {
      g_string_append_printf (out, ":%u", self->line);
      if (self->column > 0)
        g_string_append_printf (out, ":%u", self->column);
    }
  g_string_append (out, ": ");
  g_string_append (out, jx_severity_to_string (self->severity));
  g_string_append (out, ": [");
  g_string_append (out, self->rule);
  g_string_append (out, "] ");
  g_string_append (out, self->message);
}

char *
jx_problem_format (const JxProblem *self,
                   const char      *file)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  jx_problem_append (self, file, s);
  return g_string_free (s, FALSE);
}
