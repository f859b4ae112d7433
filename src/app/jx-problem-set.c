/* jx-problem-set.c: the validator's findings about one document, by node
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-problem-set"

#include "config.h"

#include <glib/gi18n.h>

#include "jx-model-private.h"
#include "jx-problem-set.h"
#include "jx-validator.h"

struct _JxProblemSet
{
  GObject     parent_instance;

  GPtrArray  *general;      /* JxProblem not about one project */
  GHashTable *by_project;   /* project id → GPtrArray of JxProblem */
  GPtrArray  *inputs;       /* of Input: typed text the document did not take */
  guint       n_errors;
  guint       n_warnings;
};

typedef struct
{
  JxProblem *problem;
  char      *text;
} Input;

static void
input_free (Input *input)
{
  jx_problem_free (input->problem);
  g_free (input->text);
  g_free (input);
}

G_DEFINE_FINAL_TYPE (JxProblemSet, jx_problem_set, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_N_ERRORS, PROP_N_WARNINGS, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* The project a problem is about, or NULL. */
static JxProject *
problem_project (JxDocument *document,
                 JxProblem  *problem)
{
  JxNode *node;

  if (problem->target == NULL || *problem->target == '\0')
    return NULL;
  node = jx_document_lookup (document, problem->target);
  if (JX_IS_INDICATOR (node))
    return jx_indicator_get_project (JX_INDICATOR (node));
  if (JX_IS_PROJECT (node))
    return JX_PROJECT (node);
  return NULL;
}

static void
recount (JxProblemSet *self)
{
  GHashTableIter iter;
  gpointer value;
  guint errors, warnings;

  errors = jx_problems_count (self->general, JX_SEVERITY_ERROR) + self->inputs->len;
  warnings = jx_problems_count (self->general, JX_SEVERITY_WARNING);
  g_hash_table_iter_init (&iter, self->by_project);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      errors += jx_problems_count (value, JX_SEVERITY_ERROR);
      warnings += jx_problems_count (value, JX_SEVERITY_WARNING);
    }

  if (errors != self->n_errors)
    {
      self->n_errors = errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (warnings != self->n_warnings)
    {
      self->n_warnings = warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
file_problems (JxProblemSet *self,
               JxDocument   *document,
               GPtrArray    *problems,   /* taken */
               JxProject    *only)
{
  /* Each problem filed is moved, not copied (a messy city table has over
   * 100,000); the array gives up its hold on them. */
  g_ptr_array_set_free_func (problems, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      JxProblem *problem = g_ptr_array_index (problems, i);
      JxProject *project = problem_project (document, problem);
      GPtrArray *list;

      if (only != NULL && project != only)
        {
          jx_problem_free (problem);
          continue;
        }
      if (project == NULL)
        {
          g_ptr_array_add (self->general, problem);
          continue;
        }
      list = g_hash_table_lookup (self->by_project, jx_node_get_id (JX_NODE (project)));
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
          g_hash_table_insert (self->by_project, g_strdup (jx_node_get_id (JX_NODE (project))), list);
        }
      g_ptr_array_add (list, problem);
    }
  g_ptr_array_unref (problems);
}

void
jx_problem_set_take_found (JxProblemSet *self,
                           JxDocument   *document,
                           GPtrArray    *problems)
{
  g_return_if_fail (JX_IS_PROBLEM_SET (self));
  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (problems != NULL);

  g_ptr_array_set_size (self->general, 0);
  g_hash_table_remove_all (self->by_project);
  file_problems (self, document, problems, NULL);
  recount (self);
}

void
jx_problem_set_validate (JxProblemSet *self,
                         JxDocument   *document)
{
  g_return_if_fail (JX_IS_PROBLEM_SET (self));
  g_return_if_fail (JX_IS_DOCUMENT (document));

  jx_problem_set_take_found (self, document, jx_validate_document (document));
}

void
jx_problem_set_validate_project (JxProblemSet *self,
                                 JxDocument   *document,
                                 JxProject    *project)
{
  GPtrArray *problems;

  g_return_if_fail (JX_IS_PROBLEM_SET (self));
  g_return_if_fail (JX_IS_PROJECT (project));

  g_hash_table_remove (self->by_project, jx_node_get_id (JX_NODE (project)));
  if (jx_node_get_document (JX_NODE (project)) == document)
    {
      problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
      jx_validate_project (document, project, problems);
      file_problems (self, document, problems, project);
    }
  recount (self);
}

void
jx_problem_set_clear (JxProblemSet *self)
{
  g_return_if_fail (JX_IS_PROBLEM_SET (self));
  g_ptr_array_set_size (self->general, 0);
  g_hash_table_remove_all (self->by_project);
  g_ptr_array_set_size (self->inputs, 0);
  recount (self);
}

void
jx_problem_set_prune_inputs (JxProblemSet *self,
                             JxDocument   *document)
{
  guint before;

  g_return_if_fail (JX_IS_PROBLEM_SET (self));
  before = self->inputs->len;
  for (guint i = self->inputs->len; i > 0; i--)
    {
      Input *input = g_ptr_array_index (self->inputs, i - 1);

      if (jx_document_lookup (document, input->problem->target) == NULL)
        g_ptr_array_remove_index (self->inputs, i - 1);
    }
  if (self->inputs->len != before)
    recount (self);
}

guint
jx_problem_set_get_n_errors (JxProblemSet *self)
{
  return self->n_errors;
}

guint
jx_problem_set_get_n_warnings (JxProblemSet *self)
{
  return self->n_warnings;
}

static void
collect_project (gpointer item,
                 gpointer user_data)
{
  gpointer *data = user_data;
  JxProblemSet *self = data[0];
  GPtrArray *out = data[1];
  GPtrArray *list = g_hash_table_lookup (self->by_project, jx_node_get_id (item));

  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (list, i));
}

GPtrArray *
jx_problem_set_list (JxProblemSet *self,
                     JxDocument   *document)
{
  GPtrArray *out = g_ptr_array_new ();
  gpointer data[2] = { self, out };

  g_return_val_if_fail (JX_IS_PROBLEM_SET (self), out);

  for (guint i = 0; i < self->inputs->len; i++)
    g_ptr_array_add (out, ((Input *) g_ptr_array_index (self->inputs, i))->problem);
  for (guint i = 0; i < self->general->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (self->general, i));
  if (document != NULL && g_hash_table_size (self->by_project) > 0)
    jx_document_foreach_project (document, collect_project, data);
  return out;
}

gboolean
jx_problem_set_lookup (JxProblemSet *self,
                       JxNode       *node,
                       JxSeverity   *severity,
                       char        **tooltip)
{
  JxProject *project = NULL;
  GPtrArray *list;
  GPtrArray *candidates = NULL;
  g_autoptr(GString) text = NULL;
  gboolean found = FALSE;
  JxSeverity worst = JX_SEVERITY_WARNING;

  g_return_val_if_fail (JX_IS_PROBLEM_SET (self), FALSE);

  if (JX_IS_PROJECT (node))
    project = JX_PROJECT (node);
  else if (JX_IS_INDICATOR (node))
    project = jx_indicator_get_project (JX_INDICATOR (node));

  if (project != NULL)
    candidates = g_hash_table_lookup (self->by_project, jx_node_get_id (JX_NODE (project)));
  else if (JX_IS_DOCUMENT (node))
    candidates = self->general;

  list = g_ptr_array_new ();
  for (guint i = 0; i < self->inputs->len; i++)
    {
      JxProblem *problem = ((Input *) g_ptr_array_index (self->inputs, i))->problem;

      if (g_strcmp0 (problem->target, jx_node_get_id (node)) == 0)
        g_ptr_array_add (list, problem);
    }
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    g_ptr_array_add (list, g_ptr_array_index (candidates, i));
  if (list->len == 0)
    {
      g_ptr_array_unref (list);
      return FALSE;
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < list->len; i++)
    {
      JxProblem *problem = g_ptr_array_index (list, i);

      if (JX_IS_INDICATOR (node) && g_strcmp0 (problem->target, jx_node_get_id (node)) != 0)
        continue;
      if (!found || problem->severity == JX_SEVERITY_ERROR)
        worst = problem->severity == JX_SEVERITY_ERROR ? JX_SEVERITY_ERROR : worst;
      found = TRUE;
      if (i < 8)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, "• %s", problem->message);
        }
      else if (i == 8)
        g_string_append (text, "\n…");
    }
  g_ptr_array_unref (list);

  if (found)
    {
      if (severity != NULL)
        *severity = worst;
      if (tooltip != NULL)
        *tooltip = g_string_free (g_steal_pointer (&text), FALSE);
    }
  return found;
}

GHashTable *
jx_problem_set_dup_targets (JxProblemSet *self)
{
  GHashTable *targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (JX_IS_PROBLEM_SET (self), targets);

  g_hash_table_iter_init (&iter, self->by_project);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *list = value;

      if (list->len > 0)
        g_hash_table_add (targets, g_strdup (key));
      for (guint i = 0; i < list->len; i++)
        {
          JxProblem *problem = g_ptr_array_index (list, i);

          if (problem->target != NULL)
            g_hash_table_add (targets, g_strdup (problem->target));
        }
    }
  for (guint i = 0; i < self->inputs->len; i++)
    {
      JxProblem *problem = ((Input *) g_ptr_array_index (self->inputs, i))->problem;

      if (problem->target != NULL)
        g_hash_table_add (targets, g_strdup (problem->target));
    }
  return targets;
}

static Input *
find_input (JxProblemSet *self,
            const char   *target,
            const char   *field,
            guint        *index)
{
  for (guint i = 0; i < self->inputs->len; i++)
    {
      Input *input = g_ptr_array_index (self->inputs, i);

      if (g_strcmp0 (input->problem->target, target) == 0 && g_strcmp0 (input->problem->field, field) == 0)
        {
          if (index != NULL)
            *index = i;
          return input;
        }
    }
  return NULL;
}

void
jx_problem_set_set_input (JxProblemSet *self,
                          const char   *target,
                          const char   *field,
                          const char   *text,
                          const char   *message)
{
  guint index;
  Input *input;

  g_return_if_fail (JX_IS_PROBLEM_SET (self));

  input = find_input (self, target, field, &index);
  if (message == NULL)
    {
      if (input == NULL)
        return;
      g_ptr_array_remove_index (self->inputs, index);
    }
  else if (input != NULL && g_strcmp0 (input->text, text) == 0
           && g_strcmp0 (input->problem->message, message) == 0)
    return;
  else
    {
      if (input == NULL)
        {
          input = g_new0 (Input, 1);
          g_ptr_array_add (self->inputs, input);
        }
      g_clear_pointer (&input->problem, jx_problem_free);
      g_free (input->text);
      input->problem = jx_problem_new (JX_SEVERITY_ERROR, "input-not-taken", 0, 0, target, field, message);
      input->text = g_strdup (text);
    }
  recount (self);
}

const char *
jx_problem_set_get_input_text (JxProblemSet *self,
                               const char   *target,
                               const char   *field)
{
  Input *input;

  g_return_val_if_fail (JX_IS_PROBLEM_SET (self), NULL);
  input = find_input (self, target, field, NULL);
  return input ? input->text : NULL;
}

guint
jx_problem_set_get_n_inputs (JxProblemSet *self)
{
  g_return_val_if_fail (JX_IS_PROBLEM_SET (self), 0);
  return self->inputs->len;
}

const JxProblem *
jx_problem_set_get_input (JxProblemSet *self,
                          guint         index)
{
  g_return_val_if_fail (JX_IS_PROBLEM_SET (self), NULL);
  g_return_val_if_fail (index < self->inputs->len, NULL);
  return ((Input *) g_ptr_array_index (self->inputs, index))->problem;
}

static void
jx_problem_set_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JxProblemSet *self = JX_PROBLEM_SET (object);

  switch (prop_id)
    {
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_problem_set_finalize (GObject *object)
{
  JxProblemSet *self = JX_PROBLEM_SET (object);

  g_clear_pointer (&self->general, g_ptr_array_unref);
  g_clear_pointer (&self->by_project, g_hash_table_unref);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  G_OBJECT_CLASS (jx_problem_set_parent_class)->finalize (object);
}

static void
jx_problem_set_class_init (JxProblemSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jx_problem_set_finalize;
  object_class->get_property = jx_problem_set_get_property;

  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JxProblemSet::changed:
   * Emitted after every validation, when rows and counts should be redrawn.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
jx_problem_set_init (JxProblemSet *self)
{
  self->general = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  self->by_project = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  self->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) input_free);
}

JxProblemSet *
jx_problem_set_new (void)
{
  return g_object_new (JX_TYPE_PROBLEM_SET, NULL);
}
