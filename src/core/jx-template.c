/* jx-template.c: what a table of one kind holds, read from JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "jx-core-resources.h"
#include "jx-init.h"
#include "jx-limits.h"
#include "jx-template.h"

/*
 * A template file looks like this (data/templates/sichuan.json):
 *
 *   { "id": "sichuan", "name": "部门预算项目绩效目标申报表（四川）",
 *     "name_en": "Sichuan departmental budget project target form",
 *     "note": "…", "taxonomy": "guangdong-2020", "unit": "元", "decimals": 2,
 *     "sources": [ { "id": "fiscal", "official": "财政拨款" }, … ],
 *     "goals": [ { "id": "goal", "official": "年度目标" } ],
 *     "indicator_fields": [ { "id": "comparator", "official": "指标性质" }, … ],
 *     "checks": { "weights_total": 100 } }
 *
 * Every id names a row of the table of fields (jx-fields.c): sources a
 * money field of the project or a JX_FIELD_OWNER_SOURCE row, goals a
 * long-text field of the project, indicator fields a value field of the
 * indicator. The row gives the translated label, the undo label and the
 * file names; "official" is how this kind of table prints it (optional:
 * the row's own by default). "note" and "checks" are optional; any other
 * unknown member is an error, so that a typo is reported, not ignored.
 *
 * "name_en" is the msgid of the translated name: the built-in ones are
 * listed below for xgettext.
 */

#define BUILTIN_DIR "/org/jixiao/Jixiao/core/templates/"

/* The built-in templates' names, for xgettext (context "template"). */
static const char * const builtin_labels[] G_GNUC_UNUSED = {
  NC_("template", "Guangdong project expenditure performance targets"),
  NC_("template", "Ministry of Finance project performance target form"),
  NC_("template", "Sichuan departmental budget project target form"),
  NC_("template", "Plain project performance targets"),
  NC_("template", "Single-project performance target form"),
};

/* The indicator fields a template may choose from. */
static const char * const indicator_field_ids[] = {
  "cycle-value", "annual-value", "comparator", "number", "measure-unit", "weight",
  "direction", "explanation", NULL
};

/* The goal fields a template may choose from. */
static const char * const goal_ids[] = { "cycle-goal", "goal", NULL };

struct _JxTemplate
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *name_en;
  char    *taxonomy;
  char    *unit;
  guint    decimals;
  guint    weights_total;
  /* Rows of the table of fields, or the template's copies of them where
   * its official label differs (guangdong-2020's are the table's own). */
  const JxField *sources[JX_MAX_SOURCES];
  guint    n_sources;
  const JxField *goals[G_N_ELEMENTS (goal_ids)];
  guint    n_goals;
  const JxField *indicator_fields[G_N_ELEMENTS (indicator_field_ids)];
  guint    n_indicator_fields;
  GPtrArray *owned;     /* the copies and their official labels */
};

G_DEFINE_FINAL_TYPE (JxTemplate, jx_template, G_TYPE_OBJECT)

G_DEFINE_QUARK (jx-template-error-quark, jx_template_error)

static void
jx_template_finalize (GObject *object)
{
  JxTemplate *self = JX_TEMPLATE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->name_en);
  g_free (self->taxonomy);
  g_free (self->unit);
  g_ptr_array_unref (self->owned);
  G_OBJECT_CLASS (jx_template_parent_class)->finalize (object);
}

static void
jx_template_class_init (JxTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jx_template_finalize;
}

static void
jx_template_init (JxTemplate *self)
{
  self->owned = g_ptr_array_new_with_free_func (g_free);
}

/* Loading */

G_GNUC_PRINTF (3, 4)
static void
invalid (GError    **error,
         const char *origin,
         const char *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "%s" is a file name, then what is wrong and how to correct it. */
  g_set_error (error, JX_TEMPLATE_ERROR, JX_TEMPLATE_ERROR_INVALID,
               _("Template “%s”: %s"), origin, detail);
}

static gboolean
check_members (JsonObject         *object,
               const char * const *allowed,
               const char         *origin,
               const char         *where,
               GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        g_autofree char *list = g_strjoinv (", ", (char **) allowed);

        invalid (error, origin, _("%s has an unknown member “%s”. Remove it or correct its "
                                  "spelling; allowed here are: %s."),
                 where, (const char *) l->data, list);
        return FALSE;
      }
  return TRUE;
}

/* The string member @key, trimmed, or NULL (not an error when @optional). */
static gboolean
get_string (JsonObject  *object,
            const char  *key,
            gboolean     optional,
            const char  *origin,
            const char  *where,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *value = NULL;

  *out = NULL;
  if (node == NULL)
    {
      if (optional)
        return TRUE;
      invalid (error, origin, _("%s has no “%s”. Add it."), where, key);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      invalid (error, origin, _("in %s, “%s” must be text in double quotes."), where, key);
      return FALSE;
    }
  value = g_strstrip (g_strdup (json_node_get_string (node)));
  if (*value == '\0')
    {
      invalid (error, origin, _("in %s, “%s” is empty. Fill it in."), where, key);
      return FALSE;
    }
  *out = g_steal_pointer (&value);
  return TRUE;
}

/* The whole-number member @key between @min and @max, or @fallback when absent
 * and @optional. */
static gboolean
get_uint (JsonObject  *object,
          const char  *key,
          gboolean     optional,
          guint        fallback,
          guint        min,
          guint        max,
          const char  *origin,
          const char  *where,
          guint       *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  gint64 value;

  if (node == NULL && optional)
    {
      *out = fallback;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      (value = json_node_get_int (node)) < min || value > max)
    {
      invalid (error, origin, _("in %s, “%s” must be a whole number from %u to %u, without quotes."),
               where, key, min, max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

typedef const JxField *(*FieldLookup) (const char *id);

static const JxField *
lookup_goal (const char *id)
{
  return g_strv_contains (goal_ids, id) ? jx_field_lookup (JX_FIELD_OWNER_PROJECT, id) : NULL;
}

static const JxField *
lookup_indicator_field (const char *id)
{
  return g_strv_contains (indicator_field_ids, id) ? jx_field_lookup (JX_FIELD_OWNER_INDICATOR, id) : NULL;
}

/* Reads the list @key of { "id", "official" } into @out (room for @max),
 * each id found by @lookup among @known. */
static gboolean
parse_field_list (JxTemplate         *self,
                  JsonObject         *object,
                  const char         *key,
                  const char         *what,
                  FieldLookup         lookup,
                  const char         *known,
                  const JxField     **out,
                  guint               max,
                  guint              *n_out,
                  const char         *origin,
                  GError            **error)
{
  static const char * const keys[] = { "id", "official", NULL };
  JsonNode *node = json_object_get_member (object, key);
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (n = json_array_get_length (array = json_node_get_array (node))) == 0)
    {
      invalid (error, origin, _("the top level needs a non-empty list “%s”. "
                                "Add at least one entry between square brackets."), key);
      return FALSE;
    }
  if (n > max)
    {
      invalid (error, origin, _("the list “%s” has %u entries; a template can have at most %u."),
               key, n, max);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      /* TRANSLATORS: "%s" is what the list holds ("source", "goal"), "%u" its position. */
      g_autofree char *where = g_strdup_printf (_("%s %u of “%s”"), what, i + 1, key);
      g_autofree char *id = NULL;
      g_autofree char *official = NULL;
      const JxField *field;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          invalid (error, origin, _("%s is not a JSON object. Write it as "
                                    "{\"id\": \"…\", \"official\": \"…\"}."), where);
          return FALSE;
        }
      if (!check_members (json_node_get_object (element), keys, origin, where, error) ||
          !get_string (json_node_get_object (element), "id", FALSE, origin, where, &id, error) ||
          !get_string (json_node_get_object (element), "official", TRUE, origin, where, &official, error))
        return FALSE;
      if ((field = lookup (id)) == NULL)
        {
          invalid (error, origin, _("%s names “%s”, which Jixiao does not know. Choose one of: %s."),
                   where, id, known);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (out[j]->id, id))
          {
            invalid (error, origin, _("%s names “%s” a second time. List each once."), where, id);
            return FALSE;
          }
      out[i] = field;
      if (official != NULL && g_strcmp0 (official, field->official) != 0)
        {
          JxField *copy = g_memdup2 (field, sizeof *field);

          copy->official = official;
          g_ptr_array_add (self->owned, g_steal_pointer (&official));
          g_ptr_array_add (self->owned, copy);
          out[i] = copy;
        }
    }
  *n_out = n;
  return TRUE;
}

/* The ids of the funding sources any template may name, for messages. */
static char *
known_sources (void)
{
  GString *known = g_string_new (NULL);
  const JxFieldOwner owners[] = { JX_FIELD_OWNER_PROJECT, JX_FIELD_OWNER_SOURCE };

  for (guint o = 0; o < G_N_ELEMENTS (owners); o++)
    {
      guint n;
      const JxField *fields = jx_fields_of (owners[o], &n);

      for (guint i = 0; i < n; i++)
        if (fields[i].kind == JX_FIELD_MONEY)
          g_string_append_printf (known, "%s%s", known->len > 0 ? ", " : "", fields[i].id);
    }
  return g_string_free (known, FALSE);
}

/**
 * jx_template_new_from_bytes:
 * @json: the contents of a template file
 * @origin: (nullable): where @json comes from, for messages
 * @error: return location for a #GError
 *
 * Reads a template. Anything not of the shape described at the top of this
 * file is %JX_TEMPLATE_ERROR_INVALID with a message naming @origin, the
 * member (or the line and column of a JSON syntax error) and the fix.
 *
 * Returns: (transfer full) (nullable): the template, or %NULL on error
 */
JxTemplate *
jx_template_new_from_bytes (GBytes      *json,
                            const char  *origin,
                            GError     **error)
{
  static const char * const root_keys[] = {
    "id", "name", "name_en", "note", "taxonomy", "unit", "decimals", "sources", "goals",
    "indicator_fields", "checks", NULL
  };
  static const char * const check_keys[] = { "weights_total", NULL };
  g_autoptr(JsonNode) owned_root = NULL;
  g_autoptr(JxTemplate) self = g_object_new (JX_TYPE_TEMPLATE, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *goals = NULL;
  g_autofree char *fields = NULL;
  const char *top;
  JsonObject *object;
  JsonNode *root, *checks;
  const char *data;
  gsize len;
  guint line, column;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (origin == NULL)
    origin = "<data>";
  data = g_bytes_get_data (json, &len);
  /* Refuses deep nesting before json-glib, which recurses, sees it. */
  root = owned_root = jx_json_parse_limited (data, len, &line, &column, &local_error);
  if (root == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("%u:%u: %s", line, column, local_error->message);

      invalid (error, origin, _("not valid JSON: %s. Correct the file at the line and column shown."),
               detail);
      return NULL;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, origin, _("the file must hold one JSON object with the members “id”, “name”, "
                                "“taxonomy”, “sources”… Compare it with a template that comes with Jixiao."));
      return NULL;
    }
  object = json_node_get_object (root);
  top = _("the top level");

  if (!check_members (object, root_keys, origin, top, error) ||
      !get_string (object, "id", FALSE, origin, top, &self->id, error) ||
      !get_string (object, "name", FALSE, origin, top, &self->name, error) ||
      !get_string (object, "name_en", FALSE, origin, top, &self->name_en, error) ||
      !get_string (object, "note", TRUE, origin, top, &note, error) ||
      !get_string (object, "taxonomy", FALSE, origin, top, &self->taxonomy, error) ||
      !get_string (object, "unit", FALSE, origin, top, &self->unit, error) ||
      !get_uint (object, "decimals", FALSE, 2, 2, 4, origin, top, &self->decimals, error))
    return NULL;

  for (const char *p = self->id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        invalid (error, origin, _("the id “%s” may contain only ASCII letters, digits, “-”, “_” "
                                  "and “.”. Rename it, for example to “sichuan”."), self->id);
        return NULL;
      }
  if (!g_str_equal (self->unit, "元") && !g_str_equal (self->unit, "万元"))
    {
      invalid (error, origin, _("the unit “%s” is neither “元” nor “万元”. Write one of them."), self->unit);
      return NULL;
    }
  if (self->decimals != 2 && self->decimals != 4)
    {
      invalid (error, origin, _("“decimals” is %u; amounts carry 2 decimals, or 4 for a 万元 table "
                                "kept to the 元. Write 2 or 4."), self->decimals);
      return NULL;
    }

  sources = known_sources ();
  goals = g_strjoinv (", ", (char **) goal_ids);
  fields = g_strjoinv (", ", (char **) indicator_field_ids);
  if (!parse_field_list (self, object, "sources", _("source"), jx_field_lookup_source, sources,
                         self->sources, JX_MAX_SOURCES, &self->n_sources, origin, error) ||
      !parse_field_list (self, object, "goals", _("goal"), lookup_goal, goals,
                         self->goals, G_N_ELEMENTS (goal_ids) - 1, &self->n_goals, origin, error) ||
      !parse_field_list (self, object, "indicator_fields", _("field"), lookup_indicator_field, fields,
                         self->indicator_fields, G_N_ELEMENTS (indicator_field_ids) - 1,
                         &self->n_indicator_fields, origin, error))
    return NULL;

  if ((checks = json_object_get_member (object, "checks")) != NULL)
    {
      const char *where = _("“checks”");

      if (!JSON_NODE_HOLDS_OBJECT (checks))
        {
          invalid (error, origin, _("“checks” must be a JSON object such as {\"weights_total\": 100}."));
          return NULL;
        }
      if (!check_members (json_node_get_object (checks), check_keys, origin, where, error) ||
          !get_uint (json_node_get_object (checks), "weights_total", TRUE, 0, 1, 1000, origin, where,
                     &self->weights_total, error))
        return NULL;
      if (self->weights_total > 0 && !jx_template_has_field (self, "weight"))
        {
          invalid (error, origin, _("“checks” asks for weights summing to %u, but “indicator_fields” "
                                    "has no “weight”. Add the field or remove the check."),
                   self->weights_total);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

JxTemplate *
jx_template_new_from_file (const char  *path,
                           GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(bytes = jx_core_read_file (path, &display, error)))
    return NULL;
  return jx_template_new_from_bytes (bytes, display, error);
}

/* The built-in templates, read through jx-init's shared loader. */

static gpointer
builtin_new_from_bytes (GBytes      *json,
                        const char  *origin,
                        GError     **error)
{
  return jx_template_new_from_bytes (json, origin, error);
}

static const char *
builtin_get_id (gpointer object)
{
  return JX_TEMPLATE (object)->id;
}

static void
builtin_set_not_found (GError    **error,
                       const char *id,
                       const char *known)
{
  g_set_error (error, JX_TEMPLATE_ERROR, JX_TEMPLATE_ERROR_NOT_FOUND,
               _("There is no template “%s” in this version of Jixiao. Choose one of: %s."),
               id, known);
}

static void
builtin_set_id_mismatch (GError    **error,
                         const char *origin,
                         const char *declared)
{
  invalid (error, origin, _("the id “%s” does not match the file name. Make the two the same."),
           declared);
}

static JxCoreBuiltin builtin = {
  .dir = BUILTIN_DIR,
  .new_from_bytes = builtin_new_from_bytes,
  .get_id = builtin_get_id,
  .set_not_found = builtin_set_not_found,
  .set_id_mismatch = builtin_set_id_mismatch,
};

const char * const *
jx_template_list_builtin (void)
{
  return jx_core_builtin_list (&builtin);
}

JxTemplate *
jx_template_get_builtin (const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return jx_core_builtin_get (&builtin, id, error);
}

JxTemplate *
jx_template_get_default (void)
{
  /* Kept once found (the built-in cache holds it for the program): the
   * fields of every project built without a document ask for it, 30,000
   * times in a city's import. */
  static JxTemplate *found;

  if (g_once_init_enter (&found))
    {
      g_autoptr(GError) error = NULL;
      JxTemplate *self = jx_template_get_builtin (JX_TEMPLATE_DEFAULT_ID, &error);

      /* Compiled in and tested: failing here is a broken build. */
      if (self == NULL)
        g_error ("%s", error->message);
      g_once_init_leave (&found, self);
    }
  return found;
}

/* Queries */

const char *
jx_template_get_id (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  return self->id;
}

const char *
jx_template_get_name (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  return self->name;
}

const char *
jx_template_get_label (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "template", self->name_en);
}

const char *
jx_template_get_taxonomy (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  return self->taxonomy;
}

const char *
jx_template_get_unit (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  return self->unit;
}

guint
jx_template_get_decimals (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), 2);
  return self->decimals;
}

guint
jx_template_get_n_sources (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), 0);
  return self->n_sources;
}

const JxField *
jx_template_get_source (JxTemplate *self,
                        guint       index)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->n_sources, NULL);
  return self->sources[index];
}

int
jx_template_find_source (JxTemplate *self,
                         const char *id)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), -1);
  g_return_val_if_fail (id != NULL, -1);
  for (guint i = 0; i < self->n_sources; i++)
    if (g_str_equal (self->sources[i]->id, id))
      return (int) i;
  return -1;
}

guint
jx_template_get_n_goals (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), 0);
  return self->n_goals;
}

const JxField *
jx_template_get_goal (JxTemplate *self,
                      guint       index)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->n_goals, NULL);
  return self->goals[index];
}

guint
jx_template_get_n_indicator_fields (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), 0);
  return self->n_indicator_fields;
}

const JxField *
jx_template_get_indicator_field (JxTemplate *self,
                                 guint       index)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (index < self->n_indicator_fields, NULL);
  return self->indicator_fields[index];
}

const JxField *
jx_template_get_field (JxTemplate *self,
                       const char *id)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  for (guint i = 0; i < self->n_goals; i++)
    if (g_str_equal (self->goals[i]->id, id))
      return self->goals[i];
  for (guint i = 0; i < self->n_indicator_fields; i++)
    if (g_str_equal (self->indicator_fields[i]->id, id))
      return self->indicator_fields[i];
  return NULL;
}

gboolean
jx_template_has_field (JxTemplate *self,
                       const char *id)
{
  return jx_template_get_field (self, id) != NULL;
}

guint
jx_template_get_weights_total (JxTemplate *self)
{
  g_return_val_if_fail (JX_IS_TEMPLATE (self), 0);
  return self->weights_total;
}
