/* jx-json.c: a document as JSON, and the totals report of jixiao-cli
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "jx-history.h"
#include "jx-json.h"
#include "jx-limits.h"
#include "jx-previous.h"
#include "jx-model-private.h"
#include "jx-money.h"

/* Nothing here goes through a double: amounts are written and read as
 * decimal strings by jx-money, and json-glib only sees strings, booleans and
 * the integers year, format and indicator counts. */

G_DEFINE_QUARK (jx-json-error-quark, jx_json_error)

/* Writing ---------------------------------------------------------------- */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* The precision of @node's amounts: its document's (jx-money.h). */
static guint
decimals_of (gpointer node)
{
  JxDocument *document = jx_node_get_document (JX_NODE (node));

  return document != NULL ? jx_document_get_decimals (document) : JX_MONEY_DEFAULT_DECIMALS;
}

static void
add_amount (JsonBuilder *builder,
            const char  *member,
            JxMoney      value,
            guint        decimals)
{
  char buf[JX_MONEY_BUF_SIZE];

  jx_money_to_decimal_buf_at (value, decimals, buf);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, buf);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* The project's amounts, one member per funding source of the table. */
static void
add_sources (JsonBuilder *builder,
             JxProject   *project)
{
  JxDocument *document = jx_node_get_document (JX_NODE (project));
  guint n = jx_document_get_n_sources (document);

  for (guint k = 0; k < n; k++)
    add_amount (builder, jx_document_get_source (document, k)->json_member,
                jx_project_get_source (project, k), jx_document_get_decimals (document));
}

/* "previous": last year's values of @node (jx-previous.h), when it has
 * them: {"year":2024, then a member per field whose value differs from
 * this year's, named as the node's own}. */
static void
add_previous (JsonBuilder *builder,
              JxNode      *node)
{
  int year = jx_node_get_previous_year (node);
  guint n_fields;
  const JxField * const *fields;

  if (year <= 0)
    return;
  fields = jx_node_get_previous_fields (node, &n_fields);
  json_builder_set_member_name (builder, "previous");
  json_builder_begin_object (builder);
  add_int (builder, "year", year);
  for (guint f = 0; f < n_fields; f++)
    {
      const JxField *field = fields[f];
      const char *value;

      JxFieldText now = JX_FIELD_TEXT_INIT;
      gboolean same;

      if (!jx_field_has_previous (field) || field->json_member == NULL)
        continue;
      /* As in the file: a member left out is the same as this year's. */
      value = jx_node_get_previous (node, field);
      same = value == NULL || g_str_equal (value, jx_node_peek_field_text (node, field, &now));
      jx_field_text_clear (&now);
      if (same)
        continue;
      if (field->kind == JX_FIELD_BOOLEAN)
        add_boolean (builder, field->json_member, g_strcmp0 (value, "true") == 0);
      else
        add_string (builder, field->json_member, value);
    }
  json_builder_end_object (builder);
}

static void
add_indicator (JsonBuilder *builder,
               JxIndicator *indicator,
               gboolean     format_2)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", jx_node_get_id (JX_NODE (indicator)));
  add_string (builder, "category", jx_indicator_get_category (indicator));
  add_string (builder, "subcategory", jx_indicator_get_subcategory (indicator));
  add_string (builder, "name", jx_indicator_get_name (indicator));
  add_string (builder, "cycle_value", jx_indicator_get_cycle_value (indicator));
  add_string (builder, "annual_value", jx_indicator_get_annual_value (indicator));
  /* Format 2: the fields only some templates have, when filled in. */
  for (const char * const *id = jx_indicator_extra_field_ids (); format_2 && *id != NULL; id++)
    {
      const char *value = jx_indicator_get_field (indicator, *id);

      if (*value != '\0')
        add_string (builder, jx_field_lookup (JX_FIELD_OWNER_INDICATOR, *id)->json_member, value);
    }
  add_previous (builder, JX_NODE (indicator));
  json_builder_end_object (builder);
}

static void
add_project (JsonBuilder *builder,
             JxProject   *project,
             gboolean     format_2)
{
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);

  json_builder_begin_object (builder);
  add_string (builder, "id", jx_node_get_id (JX_NODE (project)));
  add_string (builder, "name", jx_project_get_name (project));
  add_sources (builder, project);
  add_amount (builder, "total", jx_project_get_total (project), decimals_of (project));
  add_string (builder, "goal", jx_project_get_goal (project));
  if (format_2 && *jx_project_get_cycle_goal (project) != '\0')
    add_string (builder, "cycle_goal", jx_project_get_cycle_goal (project));
  add_boolean (builder, "confidential", jx_project_get_confidential (project));
  add_previous (builder, JX_NODE (project));
  json_builder_set_member_name (builder, "indicators");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);
      add_indicator (builder, indicator, format_2);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_unit (JsonBuilder   *builder,
          JxFundingUnit *unit,
          gboolean       format_2)
{
  GListModel *projects = jx_funding_unit_get_projects (unit);
  guint n = g_list_model_get_n_items (projects);

  json_builder_begin_object (builder);
  add_string (builder, "id", jx_node_get_id (JX_NODE (unit)));
  add_string (builder, "name", jx_funding_unit_get_name (unit));
  add_amount (builder, "total", jx_funding_unit_get_total (unit), decimals_of (unit));
  add_previous (builder, JX_NODE (unit));
  json_builder_set_member_name (builder, "projects");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxProject) project = g_list_model_get_item (projects, i);
      add_project (builder, project, format_2);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_annotation (JsonBuilder  *builder,
                JxAnnotation *annotation,
                gboolean      is_reply)
{
  GListModel *replies = jx_annotation_get_replies (annotation);
  guint n = g_list_model_get_n_items (replies);
  const char *target = jx_annotation_get_target (annotation);
  const char *field = jx_annotation_get_field (annotation);

  json_builder_begin_object (builder);
  add_string (builder, "id", jx_node_get_id (JX_NODE (annotation)));
  /* Like the file, a reply has no target of its own; but nothing the model
   * holds is dropped, so a non-empty one is still written. */
  if (!is_reply || *target != '\0')
    add_string (builder, "target", target);
  if (!is_reply || *field != '\0')
    add_string (builder, "field", field);
  add_string (builder, "author", jx_annotation_get_author (annotation));
  add_string (builder, "time", jx_annotation_get_time (annotation));
  add_string (builder, "text", jx_annotation_get_text (annotation));
  add_boolean (builder, "resolved", jx_annotation_get_resolved (annotation));
  json_builder_set_member_name (builder, "replies");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxAnnotation) reply = g_list_model_get_item (replies, i);
      add_annotation (builder, reply, TRUE);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/**
 * jx_json_from_document:
 * @doc: a document
 *
 * Returns: (transfer full): the whole document as JSON, totals included.
 */
JsonNode *
jx_json_from_document (JxDocument *doc)
{
  g_autoptr(JsonBuilder) builder = NULL;
  GListModel *units;
  GListModel *annotations;
  guint format;

  g_return_val_if_fail (JX_IS_DOCUMENT (doc), NULL);

  builder = json_builder_new ();
  units = jx_document_get_units (doc);
  annotations = jx_document_get_annotations (doc);

  json_builder_begin_object (builder);
  /* A newer format is kept as read (such a document is read-only). */
  format = jx_document_get_format (doc) > JX_FORMAT_NEWEST ? jx_document_get_format (doc)
                                                           : jx_document_get_save_format (doc);
  add_int (builder, "format", format);
  add_int (builder, "year", jx_document_get_year (doc));
  add_string (builder, "unit", jx_document_get_unit (doc));
  add_string (builder, "taxonomy", jx_document_get_taxonomy (doc));
  if (format >= 2)
    add_string (builder, "template", jx_template_get_id (jx_document_get_template (doc)));
  if (format >= 2 && jx_document_get_decimals (doc) != jx_template_get_decimals (jx_document_get_template (doc)))
    add_int (builder, "decimals", jx_document_get_decimals (doc));
  add_string (builder, "department", jx_document_get_department (doc));
  add_string (builder, "title", jx_document_get_title (doc));
  add_amount (builder, "total", jx_document_get_total (doc), jx_document_get_decimals (doc));
  add_previous (builder, JX_NODE (doc));

  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, i);
      add_unit (builder, unit, format >= 2);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "annotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);
      add_annotation (builder, annotation, FALSE);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * jx_json_totals:
 * @doc: a document
 *
 * Returns: (transfer full): the report `jixiao-cli totals --json` prints.
 */
JsonNode *
jx_json_totals (JxDocument *doc)
{
  g_autoptr(JsonBuilder) builder = NULL;
  GListModel *units;

  g_return_val_if_fail (JX_IS_DOCUMENT (doc), NULL);

  builder = json_builder_new ();
  units = jx_document_get_units (doc);

  json_builder_begin_object (builder);
  add_amount (builder, "total", jx_document_get_total (doc), jx_document_get_decimals (doc));
  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, i);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      json_builder_begin_object (builder);
      add_string (builder, "name", jx_funding_unit_get_name (unit));
      add_amount (builder, "total", jx_funding_unit_get_total (unit), decimals_of (unit));
      json_builder_set_member_name (builder, "projects");
      json_builder_begin_array (builder);
      for (guint j = 0; j < g_list_model_get_n_items (projects); j++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, j);

          json_builder_begin_object (builder);
          add_string (builder, "id", jx_node_get_id (JX_NODE (project)));
          add_string (builder, "name", jx_project_get_name (project));
          add_sources (builder, project);
          add_amount (builder, "total", jx_project_get_total (project), decimals_of (project));
          add_int (builder, "indicators",
                   g_list_model_get_n_items (jx_project_get_indicators (project)));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * jx_json_to_string:
 * @node: a JSON node
 * @pretty: whether to indent (two spaces) or write it compact
 *
 * Returns: (transfer full): @node as UTF-8 text without a trailing newline.
 */
char *
jx_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = NULL;

  g_return_val_if_fail (node != NULL, NULL);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_indent_char (generator, ' ');
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* Reading ---------------------------------------------------------------- */

/*
 * Paths name members the way a script would reach them:
 * "units[0].projects[3].fiscal". They are only put together when there is
 * something to report, so reading a large document allocates none.
 */

typedef struct _Path Path;

struct _Path
{
  const Path *parent;
  const char *member;  /* the member of parent's object … */
  int         index;   /* … and, if >= 0, the element of that array */
};

static void
path_append (GString    *out,
             const Path *path)
{
  if (path == NULL)
    return;
  path_append (out, path->parent);
  if (path->member != NULL)
    {
      if (out->len > 0)
        g_string_append_c (out, '.');
      g_string_append (out, path->member);
    }
  if (path->index >= 0)
    g_string_append_printf (out, "[%d]", path->index);
}

static char *
path_to_string (const Path *path,
                const char *member)
{
  GString *out = g_string_new (NULL);
  Path last = { path, member, -1 };

  path_append (out, &last);
  return g_string_free (out, FALSE);
}

/* The member @member of @object, or NULL when it is missing or null (both
 * mean "take the default"). */
static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

/* Refuses a text no file can hold (jx-limits.h): too long, or with a
 * character XML cannot hold. */
static gboolean
check_text (const Path  *path,
              const char  *member,
              const char  *text,
              GError     **error)
{
  g_autofree char *where = NULL;
  glong n_chars;
  guint32 c;

  if ((c = jx_text_find_unsavable (text)) != 0)
    {
      where = path_to_string (path, member);
      /* Translators: %s is a JSON path such as “units[0].projects[3].goal”;
       * %04X the code of the character */
      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s holds the invisible control character U+%04X, which a table cannot hold; "
                     "remove it"),
                   where, c);
      return FALSE;
    }
  if (!jx_text_is_too_long (text, &n_chars))
    return TRUE;
  where = path_to_string (path, member);
  /* Translators: %s is a JSON path such as “units[0].projects[3].goal” */
  g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
               _("%s has %ld characters, more than the %d a text can have; shorten it"),
               where, n_chars, JX_TEXT_MAX_CHARS);
  return FALSE;
}

static gboolean
read_string (JsonObject  *object,
             const Path  *path,
             const char  *member,
             const char **out,
             GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *where = path_to_string (path, member);

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s must be text (a JSON string)"), where);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return check_text (path, member, *out, error);
}

static gboolean
read_boolean (JsonObject  *object,
              const Path  *path,
              const char  *member,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *where = path_to_string (path, member);

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s must be true or false"), where);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const Path  *path,
          const char  *member,
          int          min,
          int          max,
          int         *out,
          GError     **error)
{
  JsonNode *node = get_member (object, member);
  gint64 value;

  if (node == NULL)
    return TRUE;
  /* A JSON number with a fraction or an exponent comes as a double: refused,
   * like anything but a whole number in range. */
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      (value = json_node_get_int (node)) < min || value > max)
    {
      g_autofree char *where = path_to_string (path, member);

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s must be a whole number from %d to %d"), where, min, max);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
read_amount (JsonObject  *object,
             const Path  *path,
             const char  *member,
             guint        decimals,
             JxMoney     *out,
             GError     **error)
{
  JsonNode *node = get_member (object, member);
  const char *text;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *where = path_to_string (path, member);

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_AMOUNT,
                   _("%s must be an amount written as text, such as “10464.80”; "
                     "JSON numbers are not accepted because they are not exact"),
                   where);
      return FALSE;
    }
  text = json_node_get_string (node);
  if (!jx_money_from_decimal_at (text, strlen (text), decimals, out))
    {
      g_autofree char *where = path_to_string (path, member);

      /* Translators: the first %s is a JSON path such as
       * units[0].projects[3].fiscal, the second the text found there */
      if (decimals != JX_MONEY_DEFAULT_DECIMALS)
        g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_AMOUNT,
                     /* Translators: as above; %u is the table's decimals (4) */
                     _("%s: “%s” is not an amount; write an optional minus sign, "
                       "digits, a point and exactly %u decimals, such as “6923.3552”"),
                     where, text, decimals);
      else
        g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_AMOUNT,
                     _("%s: “%s” is not an amount; write an optional minus sign, "
                       "digits, a point and exactly two decimals, such as “10464.80”"),
                     where, text);
      return FALSE;
    }
  return TRUE;
}

/* The array @member, or NULL (with no error) when it is missing. */
static gboolean
read_array (JsonObject  *object,
            const Path  *path,
            const char  *member,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *where = path_to_string (path, member);

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s must be a list (a JSON array)"), where);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static JsonObject *
element_object (JsonArray   *array,
                const Path  *path,
                GError     **error)
{
  JsonNode *node = json_array_get_element (array, path->index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *where = path_to_string (path, NULL);

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s must be an object (in braces)"), where);
      return NULL;
    }
  return json_node_get_object (node);
}

/* Gives @node the id in @object, if any, refusing one the document already
 * has. @node must not be in the document yet. */
static gboolean
read_id (JxDocument  *doc,
         JxNode      *node,
         JsonObject  *object,
         const Path  *path,
         GError     **error)
{
  const char *id = NULL;

  if (!read_string (object, path, "id", &id, error))
    return FALSE;
  if (id == NULL)
    return TRUE;  /* a new one is made at the end */
  if (*id == '\0')
    {
      g_autofree char *where = path_to_string (path, "id");

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s must not be empty; leave the member out to get a new id"),
                   where);
      return FALSE;
    }
  if (!jx_id_is_valid (id))
    {
      g_autofree char *where = path_to_string (path, "id");
      g_autofree char *shown = g_utf8_make_valid (id, MIN (strlen (id), 40));

      /* Translators: %s is a JSON path such as “units[0].id”, then the id */
      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s: the id “%s” cannot be used: an id is made of letters, digits and "
                     ". - _ : only (no spaces), at most %d characters; change it or leave the "
                     "member out to get a new id"),
                   where, shown, JX_ID_MAX_BYTES);
      return FALSE;
    }
  if (jx_document_lookup (doc, id) != NULL)
    {
      g_autofree char *where = path_to_string (path, "id");

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_DUPLICATE_ID,
                   _("%s: the id “%s” is already used; every unit, project, "
                     "indicator and annotation needs an id of its own"),
                   where, id);
      return FALSE;
    }
  jx_node_set_id (node, id);
  return TRUE;
}

/* "previous", if there: last year's values of @node, whose own fields are
 * read already (a member left out is the same as this year's). */
static gboolean
read_previous (JxNode      *node,
               JsonObject  *object,
               const Path  *path,
               GError     **error)
{
  JsonNode *member = get_member (object, "previous");
  Path here = { path, "previous", -1 };
  JsonObject *previous;
  guint n_fields;
  const JxField * const *fields;
  int year = 0;

  if (member == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (member))
    {
      g_autofree char *where = path_to_string (path, "previous");

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s must be an object (in braces)"), where);
      return FALSE;
    }
  previous = json_node_get_object (member);
  if (!read_int (previous, &here, "year", 1, 9999, &year, error))
    return FALSE;
  if (year == 0)
    {
      g_autofree char *where = path_to_string (&here, "year");

      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("%s is missing: last year’s values need their year"), where);
      return FALSE;
    }
  jx_node_record_previous (node, year);

  fields = jx_node_get_previous_fields (node, &n_fields);
  for (guint f = 0; f < n_fields; f++)
    {
      const JxField *field = fields[f];

      if (!jx_field_has_previous (field) || field->json_member == NULL)
        continue;
      if (get_member (previous, field->json_member) == NULL)
        continue;
      if (field->kind == JX_FIELD_MONEY)
        {
          JxMoney amount = 0;
          char buf[JX_MONEY_BUF_SIZE];

          if (!read_amount (previous, &here, field->json_member, decimals_of (node), &amount, error))
            return FALSE;
          jx_money_to_decimal_buf_at (amount, decimals_of (node), buf);
          jx_node_set_previous (node, field, buf);
        }
      else if (field->kind == JX_FIELD_BOOLEAN)
        {
          gboolean value = FALSE;

          if (!read_boolean (previous, &here, field->json_member, &value, error))
            return FALSE;
          jx_node_set_previous (node, field, value ? "true" : "false");
        }
      else
        {
          const char *value = NULL;

          if (!read_string (previous, &here, field->json_member, &value, error))
            return FALSE;
          jx_node_set_previous (node, field, value);
        }
    }
  return TRUE;
}

static gboolean
read_indicator (JxDocument  *doc,
                JxProject   *project,
                JsonObject  *object,
                const Path  *path,
                GError     **error)
{
  g_autoptr(JxIndicator) indicator = jx_indicator_new (NULL, NULL, NULL);
  const char *category = NULL, *subcategory = NULL, *name = NULL;
  const char *cycle_value = NULL, *annual_value = NULL;

  if (!read_id (doc, JX_NODE (indicator), object, path, error) ||
      !read_string (object, path, "category", &category, error) ||
      !read_string (object, path, "subcategory", &subcategory, error) ||
      !read_string (object, path, "name", &name, error) ||
      !read_string (object, path, "cycle_value", &cycle_value, error) ||
      !read_string (object, path, "annual_value", &annual_value, error))
    return FALSE;

  jx_indicator_set_category (indicator, category);
  jx_indicator_set_subcategory (indicator, subcategory);
  jx_indicator_set_name (indicator, name);
  jx_indicator_set_cycle_value (indicator, cycle_value);
  jx_indicator_set_annual_value (indicator, annual_value);
  for (const char * const *id = jx_indicator_extra_field_ids (); *id != NULL; id++)
    {
      const char *value = NULL;

      if (!read_string (object, path, jx_field_lookup (JX_FIELD_OWNER_INDICATOR, *id)->json_member,
                        &value, error))
        return FALSE;
      if (value != NULL)
        jx_indicator_set_field (indicator, *id, value);
    }
  if (!read_previous (JX_NODE (indicator), object, path, error))
    return FALSE;
  jx_node_append_child (JX_NODE (project), JX_NODE (indicator));
  return TRUE;
}

static gboolean
read_project (JxDocument    *doc,
              JxFundingUnit *unit,
              JsonObject    *object,
              const Path    *path,
              GError       **error)
{
  g_autoptr(JxProject) project = jx_project_new (NULL);
  const char *name = NULL, *goal = NULL, *cycle_goal = NULL;
  gboolean confidential = FALSE;
  JsonArray *indicators;

  if (!read_id (doc, JX_NODE (project), object, path, error) ||
      !read_string (object, path, "name", &name, error) ||
      !read_string (object, path, "goal", &goal, error) ||
      !read_string (object, path, "cycle_goal", &cycle_goal, error) ||
      !read_boolean (object, path, "confidential", &confidential, error) ||
      !read_array (object, path, "indicators", &indicators, error))
    return FALSE;

  jx_project_set_name (project, name);
  jx_project_set_goal (project, goal);
  jx_project_set_cycle_goal (project, cycle_goal);
  jx_project_set_confidential (project, confidential);

  /* Attached before the amounts, so that the overflow check covers the
   * unit's and the document's totals too. */
  jx_node_append_child (JX_NODE (unit), JX_NODE (project));

  for (guint i = 0; i < jx_document_get_n_sources (doc); i++)
    {
      const char *member = jx_document_get_source (doc, i)->json_member;
      JxMoney amount = 0;

      if (!read_amount (object, path, member, jx_document_get_decimals (doc), &amount, error))
        return FALSE;
      if (!jx_project_check_source (project, i, amount, NULL))
        {
          g_autofree char *where = path_to_string (path, member);

          g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_OVERFLOW,
                       _("%s: this amount would make a total too large to hold; "
                         "check the number of digits"), where);
          return FALSE;
        }
      jx_project_set_source (project, i, amount);
    }
  if (!read_previous (JX_NODE (project), object, path, error))
    return FALSE;

  for (guint i = 0; indicators != NULL && i < json_array_get_length (indicators); i++)
    {
      Path here = { path, "indicators", (int) i };
      JsonObject *element = element_object (indicators, &here, error);

      if (element == NULL || !read_indicator (doc, project, element, &here, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_unit (JxDocument  *doc,
           JsonObject  *object,
           const Path  *path,
           GError     **error)
{
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new (NULL);
  const char *name = NULL;
  JsonArray *projects;

  if (!read_id (doc, JX_NODE (unit), object, path, error) ||
      !read_string (object, path, "name", &name, error) ||
      !read_array (object, path, "projects", &projects, error))
    return FALSE;

  jx_funding_unit_set_name (unit, name);
  if (!read_previous (JX_NODE (unit), object, path, error))
    return FALSE;
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));

  for (guint i = 0; projects != NULL && i < json_array_get_length (projects); i++)
    {
      Path here = { path, "projects", (int) i };
      JsonObject *element = element_object (projects, &here, error);

      if (element == NULL || !read_project (doc, unit, element, &here, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_annotation (JxDocument  *doc,
                 JxNode      *parent,
                 JsonObject  *object,
                 const Path  *path,
                 GError     **error)
{
  g_autoptr(JxAnnotation) annotation = jx_annotation_new (NULL, NULL, NULL, NULL, NULL);
  const char *target = NULL, *field = NULL, *author = NULL, *time = NULL, *text = NULL;
  gboolean resolved = FALSE;
  JsonArray *replies;

  if (!read_id (doc, JX_NODE (annotation), object, path, error) ||
      !read_string (object, path, "target", &target, error) ||
      !read_string (object, path, "field", &field, error) ||
      !read_string (object, path, "author", &author, error) ||
      !read_string (object, path, "time", &time, error) ||
      !read_string (object, path, "text", &text, error) ||
      !read_boolean (object, path, "resolved", &resolved, error) ||
      !read_array (object, path, "replies", &replies, error))
    return FALSE;

  /* Whether the target exists is the validator's business: a dangling
   * comment is reported there, not lost here. */
  jx_annotation_set_target (annotation, target);
  jx_annotation_set_field (annotation, field);
  jx_annotation_set_author (annotation, author);
  jx_annotation_set_time (annotation, time);
  jx_annotation_set_text (annotation, text);
  jx_annotation_set_resolved (annotation, resolved);
  jx_node_append_child (parent, JX_NODE (annotation));

  for (guint i = 0; replies != NULL && i < json_array_get_length (replies); i++)
    {
      Path here = { path, "replies", (int) i };
      JsonObject *element = element_object (replies, &here, error);

      if (element == NULL ||
          !read_annotation (doc, JX_NODE (annotation), element, &here, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * jx_json_to_document:
 * @root: a JSON document as jx_json_from_document() makes it
 * @error: return location for a #JX_JSON_ERROR
 *
 * Returns: (transfer full) (nullable): a new document, unmodified in its
 *   history, or %NULL with @error naming the JSON path of the problem.
 */
JxDocument *
jx_json_to_document (JsonNode  *root,
                     GError   **error)
{
  g_autoptr(JxDocument) doc = NULL;
  JsonObject *object;
  const char *unit = NULL, *taxonomy = NULL, *department = NULL, *title = NULL, *template_id = NULL;
  int format = JX_FORMAT_VERSION;
  int year = 0;
  int decimals = 0;
  JsonArray *units, *annotations;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   _("The top level of a Jixiao JSON document must be an object (in braces)"));
      return NULL;
    }
  object = json_node_get_object (root);
  doc = jx_document_new ();

  if (!read_int (object, NULL, "format", 1, G_MAXINT, &format, error) ||
      !read_int (object, NULL, "year", 0, 9999, &year, error) ||
      !read_string (object, NULL, "unit", &unit, error) ||
      !read_string (object, NULL, "taxonomy", &taxonomy, error) ||
      !read_string (object, NULL, "template", &template_id, error) ||
      !read_int (object, NULL, "decimals", 2, 4, &decimals, error) ||
      !read_string (object, NULL, "department", &department, error) ||
      !read_string (object, NULL, "title", &title, error) ||
      !read_array (object, NULL, "units", &units, error) ||
      !read_array (object, NULL, "annotations", &annotations, error))
    return NULL;

  if (template_id != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      JxTemplate *template = jx_template_get_builtin (template_id, &local_error);

      if (template == NULL)
        {
          g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                       /* TRANSLATORS: "template" is the JSON member; keep it as it is. */
                       _("template: %s"), local_error->message);
          return NULL;
        }
      jx_document_set_template (doc, template);
    }
  if (decimals == 3)
    {
      g_set_error (error, JX_JSON_ERROR, JX_JSON_ERROR_INVALID,
                   /* TRANSLATORS: "decimals" is the JSON member; keep it as it is. */
                   _("decimals: a table’s amounts carry 2 decimals, or 4 for a 万元 table kept to the 元"));
      return NULL;
    }
  if (decimals != 0)
    jx_document_set_decimals (doc, (guint) decimals);
  jx_document_set_format (doc, format);
  jx_document_set_year (doc, year);
  if (unit != NULL)
    jx_document_set_unit (doc, unit);
  if (taxonomy != NULL)
    jx_document_set_taxonomy (doc, taxonomy);
  jx_document_set_department (doc, department);
  jx_document_set_title (doc, title);
  if (!read_previous (JX_NODE (doc), object, NULL, error))
    return NULL;

  for (guint i = 0; units != NULL && i < json_array_get_length (units); i++)
    {
      Path here = { NULL, "units", (int) i };
      JsonObject *element = element_object (units, &here, error);

      if (element == NULL || !read_unit (doc, element, &here, error))
        return NULL;
    }

  for (guint i = 0; annotations != NULL && i < json_array_get_length (annotations); i++)
    {
      Path here = { NULL, "annotations", (int) i };
      JsonObject *element = element_object (annotations, &here, error);

      if (element == NULL || !read_annotation (doc, JX_NODE (doc), element, &here, error))
        return NULL;
    }

  /* Only now, so that a made-up id never takes one that comes later. */
  jx_node_assign_ids (JX_NODE (doc), doc);
  jx_history_set_save_point (jx_document_get_history (doc));

  return g_steal_pointer (&doc);
}
