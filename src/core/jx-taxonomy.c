/* jx-taxonomy.c: an indicator category scheme (一级/二级指标) read from JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-taxonomy"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "jx-core-resources.h"
#include "jx-init.h"
#include "jx-limits.h"
#include "jx-taxonomy.h"

/*
 * A taxonomy file looks like this (data/taxonomies/guangdong-2020.json):
 *
 *   { "id": "guangdong-2020", "name": "…", "name_en": "…", "note": "…",
 *     "categories": [
 *       { "code": "1", "name": "产出指标", "name_en": "Outputs",
 *         "subcategories": [
 *           { "code": "11", "name": "数量指标", "name_en": "Quantity" }, … ] }, … ] }
 *
 * An entry may list "aliases": other names published tables give it
 * ("社会公众或服务对象满意度指标" for 31, "产出目标" for 产出指标); a name
 * matches its entry by any of them (jx_taxonomy_name_matches()).
 *
 * "name_en", "aliases" and the top-level "note" are optional; everything else is
 * required. Any other member is an error rather than ignored, so that a typo
 * such as "subcategory" is reported instead of silently losing data.
 *
 * Names are stored as the scheme spells them, normally with the 指标 suffix
 * ("经济效益指标"). Published tables print sub-category names without it
 * ("21-经济效益") and category names with it ("1-产出指标"); that printed form
 * is what jx_taxonomy_get_name_for_code (…, FALSE) returns.
 */

#define BUILTIN_DIR "/org/jixiao/Jixiao/core/taxonomies/"
#define NAME_SUFFIX "指标"
#define NAME_SUFFIX_LEN (sizeof NAME_SUFFIX - 1)

typedef struct _Entry Entry;

struct _Entry
{
  char      *code;
  char      *name;        /* canonical, as in the file: "经济效益指标" */
  char      *short_name;  /* as tables print it: "经济效益", but "产出指标" */
  char      *name_en;     /* nullable */
  char     **aliases;     /* other names tables use: 社会公众或服务对象满意度指标, 产出目标; nullable */
  gsize      base_len;    /* bytes of name without a trailing 指标 */
  Entry     *parent;      /* NULL for a category */
  GPtrArray *children;    /* categories only: sub-category codes, NULL-terminated */
  guint      cat_pos;     /* 1-based position in the file, for messages */
  guint      sub_pos;     /* 1-based; 0 for a category */
};

struct _JxTaxonomy
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *name_en;
  GPtrArray  *entries;     /* Entry *, owned, in file order */
  GHashTable *by_code;     /* code → Entry *, borrowed from entries */
  GPtrArray  *categories;  /* category codes, NULL-terminated, borrowed */
};

G_DEFINE_FINAL_TYPE (JxTaxonomy, jx_taxonomy, G_TYPE_OBJECT)

G_DEFINE_QUARK (jx-taxonomy-error-quark, jx_taxonomy_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NAME_EN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->code);
  g_free (entry->name);
  g_free (entry->short_name);
  g_free (entry->name_en);
  g_strfreev (entry->aliases);
  g_clear_pointer (&entry->children, g_ptr_array_unref);
  g_free (entry);
}

static void
jx_taxonomy_finalize (GObject *object)
{
  JxTaxonomy *self = (JxTaxonomy *)object;

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->name_en, g_free);

  G_OBJECT_CLASS (jx_taxonomy_parent_class)->finalize (object);
}

static void
jx_taxonomy_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JxTaxonomy *self = JX_TAXONOMY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NAME_EN:
      g_value_set_string (value, self->name_en);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_taxonomy_class_init (JxTaxonomyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jx_taxonomy_finalize;
  object_class->get_property = jx_taxonomy_get_property;

  /* All read-only: a taxonomy never changes after it is loaded. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAME_EN] =
    g_param_spec_string ("name-en", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jx_taxonomy_init (JxTaxonomy *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->categories = g_ptr_array_new ();
}

/* Loading */

/* Narrows [*start, *start + *len) to leave out surrounding Unicode white
 * space (which includes U+3000, the ideographic space of Chinese text).
 */
static void
trim_span (const char **start,
           gsize       *len)
{
  const char *s = *start;
  const char *end = s + *len;

  while (s < end)
    {
      gunichar c = g_utf8_get_char_validated (s, end - s);

      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        break;
      s = g_utf8_next_char (s);
    }

  while (end > s)
    {
      const char *prev = g_utf8_find_prev_char (s, end);
      gunichar c;

      if (prev == NULL)
        break;
      c = g_utf8_get_char_validated (prev, end - prev);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        break;
      end = prev;
    }

  *start = s;
  *len = end - s;
}

/* Length of a name once a trailing 指标 is dropped, if anything remains. */
static gsize
base_length (const char *name,
             gsize       len)
{
  if (len > NAME_SUFFIX_LEN &&
      memcmp (name + len - NAME_SUFFIX_LEN, NAME_SUFFIX, NAME_SUFFIX_LEN) == 0)
    return len - NAME_SUFFIX_LEN;

  return len;
}

static gboolean
is_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;

  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;

  return TRUE;
}

static gboolean
is_valid_id (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_' && *s != '.')
      return FALSE;

  return TRUE;
}

/* Where an entry is, in words: "category 2" or "sub-category 3 of category “2”". */
static char *
describe_position (const char *category_code,
                   guint       cat_pos,
                   guint       sub_pos)
{
  if (sub_pos == 0)
    return g_strdup_printf (_("category %u"), cat_pos);

  /* TRANSLATORS: "%u" is a position in a list (1, 2, 3…), "%s" a category code. */
  return g_strdup_printf (_("sub-category %u of category “%s”"), sub_pos, category_code);
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
    {
      const char *member = l->data;

      if (!g_strv_contains (allowed, member))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) allowed);

          g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                       _("Taxonomy “%s”: %s has an unknown member “%s”. "
                         "Remove it or correct its spelling; allowed here are: %s."),
                       origin, where, member, list);
          return FALSE;
        }
    }

  return TRUE;
}

/* Reads the string member @key, trimmed, into @out (newly allocated). A
 * missing @optional member leaves @out NULL and is not an error; a missing
 * required one, a value that is not a string, or an empty string is.
 */
static gboolean
get_string_member (JsonObject  *object,
                   const char  *key,
                   gboolean     optional,
                   const char  *origin,
                   const char  *where,
                   char       **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  const char *value;
  gsize len;

  *out = NULL;

  if (node == NULL)
    {
      if (optional)
        return TRUE;

      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: %s has no “%s”. Add it."),
                   origin, where, key);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: in %s, “%s” must be text in double quotes, "
                     "such as \"21\"."),
                   origin, where, key);
      return FALSE;
    }

  value = json_node_get_string (node);
  len = strlen (value);
  trim_span (&value, &len);

  if (len == 0)
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: in %s, “%s” is empty. Fill it in."),
                   origin, where, key);
      return FALSE;
    }

  *out = g_strndup (value, len);

  return TRUE;
}

/* The member @key as a non-empty array, or NULL with @error set. */
static JsonArray *
get_array_member (JsonObject  *object,
                  const char  *key,
                  const char  *origin,
                  const char  *where,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: %s needs a non-empty list “%s”. "
                     "Add at least one entry between square brackets."),
                   origin, where, key);
      return NULL;
    }

  return json_node_get_array (node);
}

/* The optional list "aliases" of non-empty texts into *@out (NULL if absent). */
static gboolean
get_aliases (JsonObject  *object,
             const char  *origin,
             const char  *where,
             char      ***out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, "aliases");
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  builder = g_strv_builder_new ();
  array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *text;
      gsize len;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        break;
      text = json_node_get_string (element);
      len = strlen (text);
      trim_span (&text, &len);
      if (len == 0)
        break;
      {
        g_autofree char *alias = g_strndup (text, len);

        g_strv_builder_add (builder, alias);
      }
      if (i + 1 == json_array_get_length (array))
        {
          *out = g_strv_builder_end (builder);
          return TRUE;
        }
    }
  g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
               _("Taxonomy “%s”: in %s, “aliases” must be a non-empty list of names in double "
                 "quotes, such as [\"产出目标\"]."),
               origin, where);
  return FALSE;
}

/* Reads a category (@parent NULL) with its sub-categories, or a sub-category,
 * and adds it to @self. Returns the new entry, or NULL with @error set.
 */
static Entry *
parse_entry (JxTaxonomy  *self,
             JsonNode    *node,
             Entry       *parent,
             guint        cat_pos,
             guint        sub_pos,
             const char  *origin,
             GError     **error)
{
  static const char * const category_keys[] = { "code", "name", "name_en", "aliases", "subcategories", NULL };
  static const char * const subcategory_keys[] = { "code", "name", "name_en", "aliases", NULL };
  g_autofree char *where = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_en = NULL;
  g_auto(GStrv) aliases = NULL;
  JsonObject *object;
  JsonArray *subcategories = NULL;
  Entry *other;
  Entry *entry;

  g_assert (JX_IS_TAXONOMY (self));
  g_assert (parent == NULL || sub_pos > 0);

  where = describe_position (parent != NULL ? parent->code : NULL, cat_pos, sub_pos);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: %s is not a JSON object. "
                     "Write each entry as {\"code\": \"…\", \"name\": \"…\"}."),
                   origin, where);
      return NULL;
    }

  object = json_node_get_object (node);

  if (!check_members (object, parent == NULL ? category_keys : subcategory_keys,
                      origin, where, error) ||
      !get_string_member (object, "code", FALSE, origin, where, &code, error))
    return NULL;

  if (!is_digits (code))
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: the code “%s” (%s) is not a number. "
                     "Write codes with the digits 0–9 only, such as “2” or “21”."),
                   origin, code, where);
      return NULL;
    }

  if (parent != NULL &&
      (!g_str_has_prefix (code, parent->code) || strlen (code) <= strlen (parent->code)))
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: sub-category “%s” is listed under category “%s”, "
                     "but its code is not “%s” followed by more digits, as “21” is "
                     "under “2”. Correct the code or move the entry."),
                   origin, code, parent->code, parent->code);
      return NULL;
    }

  if ((other = g_hash_table_lookup (self->by_code, code)) != NULL)
    {
      g_autofree char *first = describe_position (other->parent != NULL ? other->parent->code : NULL,
                                                  other->cat_pos, other->sub_pos);

      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: the code “%s” is used twice, by %s and by %s. "
                     "Give every category and sub-category its own code."),
                   origin, code, first, where);
      return NULL;
    }

  if (!get_string_member (object, "name", FALSE, origin, where, &name, error) ||
      !get_string_member (object, "name_en", TRUE, origin, where, &name_en, error))
    return NULL;

  if (parent == NULL &&
      !(subcategories = get_array_member (object, "subcategories", origin, where, error)))
    return NULL;
  if (!get_aliases (object, origin, where, &aliases, error))
    return NULL;

  entry = g_new0 (Entry, 1);
  entry->code = g_steal_pointer (&code);
  entry->name = g_steal_pointer (&name);
  entry->name_en = g_steal_pointer (&name_en);
  entry->aliases = g_steal_pointer (&aliases);
  entry->base_len = base_length (entry->name, strlen (entry->name));
  entry->parent = parent;
  entry->cat_pos = cat_pos;
  entry->sub_pos = sub_pos;

  /* Only sub-categories drop the suffix when printed: "1-产出指标", "21-经济效益". */
  if (parent != NULL)
    entry->short_name = g_strndup (entry->name, entry->base_len);
  else
    entry->short_name = g_strdup (entry->name);

  g_ptr_array_add (self->entries, entry);
  g_hash_table_insert (self->by_code, entry->code, entry);

  if (parent == NULL)
    {
      guint n = json_array_get_length (subcategories);

      entry->children = g_ptr_array_sized_new (n + 1);

      for (guint i = 0; i < n; i++)
        {
          Entry *child = parse_entry (self, json_array_get_element (subcategories, i),
                                      entry, cat_pos, i + 1, origin, error);

          if (child == NULL)
            return NULL;

          g_ptr_array_add (entry->children, child->code);
        }

      g_ptr_array_add (entry->children, NULL);
    }

  return entry;
}

/**
 * jx_taxonomy_new_from_bytes:
 * @json: the contents of a taxonomy file
 * @origin: (nullable): where @json comes from, a file name or URI, for messages
 * @error: return location for a #GError
 *
 * Reads a taxonomy. A file that is not JSON or does not have the shape
 * described at the top of this file gives %JX_TAXONOMY_ERROR_INVALID with a
 * message that names @origin, the entry and the problem.
 *
 * Returns: (transfer full) (nullable): the taxonomy, or %NULL on error
 */
JxTaxonomy *
jx_taxonomy_new_from_bytes (GBytes      *json,
                            const char  *origin,
                            GError     **error)
{
  static const char * const root_keys[] = { "id", "name", "name_en", "note", "categories", NULL };
  g_autoptr(JsonNode) owned_root = NULL;
  g_autoptr(JxTaxonomy) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *name_en = NULL;
  g_autofree char *note = NULL;
  const char *where;
  const char *data;
  JsonObject *object;
  JsonArray *categories;
  JsonNode *root;
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

      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s” is not valid JSON: %s. "
                     "Correct the file at the line and column shown."),
                   origin, detail);
      return NULL;
    }

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s” must hold one JSON object with the members "
                     "“id”, “name” and “categories”. Compare it with a taxonomy "
                     "that comes with Jixiao."),
                   origin);
      return NULL;
    }

  object = json_node_get_object (root);
  where = _("the top level");

  if (!check_members (object, root_keys, origin, where, error) ||
      !get_string_member (object, "id", FALSE, origin, where, &id, error) ||
      !get_string_member (object, "name", FALSE, origin, where, &name, error) ||
      !get_string_member (object, "name_en", TRUE, origin, where, &name_en, error) ||
      !get_string_member (object, "note", TRUE, origin, where, &note, error))
    return NULL;

  if (!is_valid_id (id))
    {
      g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
                   _("Taxonomy “%s”: the id “%s” may contain only ASCII letters, "
                     "digits, “-”, “_” and “.”. Rename it, for example to “guangdong-2020”."),
                   origin, id);
      return NULL;
    }

  if (!(categories = get_array_member (object, "categories", origin, where, error)))
    return NULL;

  self = g_object_new (JX_TYPE_TAXONOMY, NULL);
  self->id = g_steal_pointer (&id);
  self->name = g_steal_pointer (&name);
  self->name_en = g_steal_pointer (&name_en);

  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      Entry *entry = parse_entry (self, json_array_get_element (categories, i),
                                  NULL, i + 1, 0, origin, error);

      if (entry == NULL)
        return NULL;

      g_ptr_array_add (self->categories, entry->code);
    }

  g_ptr_array_add (self->categories, NULL);

  return g_steal_pointer (&self);
}

/**
 * jx_taxonomy_new_from_file:
 * @path: a file name in the GLib file name encoding
 * @error: return location for a #GError
 *
 * Reads a taxonomy file. Errors are %G_FILE_ERROR when the file cannot be
 * read, %JX_TAXONOMY_ERROR otherwise.
 *
 * Returns: (transfer full) (nullable): the taxonomy, or %NULL on error
 */
JxTaxonomy *
jx_taxonomy_new_from_file (const char  *path,
                           GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(bytes = jx_core_read_file (path, &display, error)))
    return NULL;

  return jx_taxonomy_new_from_bytes (bytes, display, error);
}

/* The built-in taxonomies, read through jx-init's shared loader. */

static gpointer
builtin_new_from_bytes (GBytes      *json,
                        const char  *origin,
                        GError     **error)
{
  return jx_taxonomy_new_from_bytes (json, origin, error);
}

static const char *
builtin_get_id (gpointer object)
{
  return JX_TAXONOMY (object)->id;
}

static void
builtin_set_not_found (GError    **error,
                       const char *id,
                       const char *known)
{
  g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_NOT_FOUND,
               _("There is no built-in taxonomy “%s”. Choose one of: %s."),
               id, known);
}

static void
builtin_set_id_mismatch (GError    **error,
                         const char *origin,
                         const char *declared)
{
  g_set_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID,
               _("Taxonomy “%s” declares the id “%s”, which does not match "
                 "its file name. Make the two the same."),
               origin, declared);
}

static JxCoreBuiltin builtin = {
  .dir = BUILTIN_DIR,
  .new_from_bytes = builtin_new_from_bytes,
  .get_id = builtin_get_id,
  .set_not_found = builtin_set_not_found,
  .set_id_mismatch = builtin_set_id_mismatch,
};

/**
 * jx_taxonomy_list_builtin:
 *
 * The ids of the taxonomies compiled into libjixiao: one per
 * `data/taxonomies/<id>.json` listed in the core GResource, sorted.
 *
 * Returns: (transfer none): a %NULL-terminated array of ids
 */
const char * const *
jx_taxonomy_list_builtin (void)
{
  return jx_core_builtin_list (&builtin);
}

/**
 * jx_taxonomy_get_builtin:
 * @id: a taxonomy id such as %JX_TAXONOMY_DEFAULT_ID
 * @error: return location for a #GError
 *
 * Looks up a taxonomy compiled into libjixiao. Each is read once, on first
 * use, and kept for the life of the program. Safe to call from any thread.
 *
 * Returns: (transfer none) (nullable): the taxonomy, or %NULL with
 *   %JX_TAXONOMY_ERROR_NOT_FOUND when there is none called @id
 */
JxTaxonomy *
jx_taxonomy_get_builtin (const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return jx_core_builtin_get (&builtin, id, error);
}

/* Queries */

const char *
jx_taxonomy_get_id (JxTaxonomy *self)
{
  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);

  return self->id;
}

/**
 * jx_taxonomy_get_name:
 * @self: a #JxTaxonomy
 *
 * Returns: the scheme's title for people, in Chinese
 */
const char *
jx_taxonomy_get_name (JxTaxonomy *self)
{
  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);

  return self->name;
}

/**
 * jx_taxonomy_get_english_name:
 * @self: a #JxTaxonomy
 *
 * Returns: (nullable): the scheme's title in English, if the file gives one
 */
const char *
jx_taxonomy_get_english_name (JxTaxonomy *self)
{
  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);

  return self->name_en;
}

/**
 * jx_taxonomy_get_categories:
 * @self: a #JxTaxonomy
 *
 * Returns: (transfer none): the category codes in the file's order
 *   ("1", "2", "3"), %NULL-terminated, valid as long as @self
 */
const char * const *
jx_taxonomy_get_categories (JxTaxonomy *self)
{
  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);

  return (const char * const *) self->categories->pdata;
}

/**
 * jx_taxonomy_get_subcategories:
 * @self: a #JxTaxonomy
 * @category: a category code
 *
 * Returns: (transfer none): the sub-category codes of @category in the
 *   file's order, %NULL-terminated; an empty array when @category is not a
 *   category of @self
 */
const char * const *
jx_taxonomy_get_subcategories (JxTaxonomy *self,
                               const char *category)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (category != NULL, NULL);

  entry = g_hash_table_lookup (self->by_code, category);

  if (entry == NULL || entry->children == NULL)
    return empty_strv;

  return (const char * const *) entry->children->pdata;
}

gboolean
jx_taxonomy_has_category (JxTaxonomy *self,
                          const char *code)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  entry = g_hash_table_lookup (self->by_code, code);

  return entry != NULL && entry->parent == NULL;
}

gboolean
jx_taxonomy_has_subcategory (JxTaxonomy *self,
                             const char *code)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  entry = g_hash_table_lookup (self->by_code, code);

  return entry != NULL && entry->parent != NULL;
}

/**
 * jx_taxonomy_is_valid_pair:
 * @self: a #JxTaxonomy
 * @category: a category code
 * @subcategory: a sub-category code
 *
 * Returns: %TRUE when @subcategory is a sub-category of @category in @self
 */
gboolean
jx_taxonomy_is_valid_pair (JxTaxonomy *self,
                           const char *category,
                           const char *subcategory)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), FALSE);
  g_return_val_if_fail (category != NULL, FALSE);
  g_return_val_if_fail (subcategory != NULL, FALSE);

  entry = g_hash_table_lookup (self->by_code, subcategory);

  return entry != NULL && entry->parent != NULL && strcmp (entry->parent->code, category) == 0;
}

/**
 * jx_taxonomy_get_parent:
 * @self: a #JxTaxonomy
 * @subcategory: a sub-category code
 *
 * Returns: (nullable): the code of the category @subcategory belongs to, or
 *   %NULL when @subcategory is not a sub-category of @self
 */
const char *
jx_taxonomy_get_parent (JxTaxonomy *self,
                        const char *subcategory)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (subcategory != NULL, NULL);

  entry = g_hash_table_lookup (self->by_code, subcategory);

  if (entry == NULL || entry->parent == NULL)
    return NULL;

  return entry->parent->code;
}

/**
 * jx_taxonomy_get_name_for_code:
 * @self: a #JxTaxonomy
 * @code: a category or sub-category code
 * @with_suffix: whether to give the canonical name
 *
 * With @with_suffix, the canonical name as the scheme spells it:
 * "产出指标", "经济效益指标". Without, the name as published tables print it:
 * a sub-category loses a trailing 指标 ("经济效益", "数量"), while a category
 * keeps it ("产出指标"), since tables print "1-产出指标" but "21-经济效益".
 *
 * Returns: (nullable): the name, or %NULL for an unknown @code
 */
const char *
jx_taxonomy_get_name_for_code (JxTaxonomy *self,
                               const char *code,
                               gboolean    with_suffix)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!(entry = g_hash_table_lookup (self->by_code, code)))
    return NULL;

  return with_suffix ? entry->name : entry->short_name;
}

/**
 * jx_taxonomy_get_english_name_for_code:
 * @self: a #JxTaxonomy
 * @code: a category or sub-category code
 *
 * Returns: (nullable): the English name ("Economic effects"), or %NULL for
 *   an unknown @code or when the scheme gives none
 */
const char *
jx_taxonomy_get_english_name_for_code (JxTaxonomy *self,
                                       const char *code)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!(entry = g_hash_table_lookup (self->by_code, code)))
    return NULL;

  return entry->name_en;
}

/**
 * jx_taxonomy_name_matches:
 * @self: a #JxTaxonomy
 * @code: a category or sub-category code
 * @name: a name as written in a document or table
 *
 * Whether @name is the name of @code, ignoring surrounding white space
 * (full-width too) and a trailing 指标 on either side: "经济效益",
 * "经济效益指标" and " 经济效益 " all match 21; so do "产出" and "产出指标" 1.
 * Does not allocate.
 *
 * Returns: %TRUE when @name matches; %FALSE also for an unknown @code
 */
gboolean
jx_taxonomy_name_matches (JxTaxonomy *self,
                          const char *code,
                          const char *name)
{
  Entry *entry;
  gsize len;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!(entry = g_hash_table_lookup (self->by_code, code)))
    return FALSE;

  len = strlen (name);
  trim_span (&name, &len);
  len = base_length (name, len);

  if (len == entry->base_len && memcmp (name, entry->name, len) == 0)
    return TRUE;
  for (guint i = 0; entry->aliases != NULL && entry->aliases[i] != NULL; i++)
    {
      const char *alias = entry->aliases[i];

      if (len == base_length (alias, strlen (alias)) && memcmp (name, alias, len) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * jx_taxonomy_format_label:
 * @self: a #JxTaxonomy
 * @code: a category or sub-category code
 *
 * Returns: (transfer full) (nullable): "21-经济效益指标", code and canonical
 *   name, for menus; %NULL for an unknown @code
 */
char *
jx_taxonomy_format_label (JxTaxonomy *self,
                          const char *code)
{
  Entry *entry;

  g_return_val_if_fail (JX_IS_TAXONOMY (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!(entry = g_hash_table_lookup (self->by_code, code)))
    return NULL;

  return g_strconcat (entry->code, "-", entry->name, NULL);
}

char *
jx_taxonomy_format_code (JxTaxonomy *self,
                         const char *code)
{
  char *label;

  g_return_val_if_fail (self == NULL || JX_IS_TAXONOMY (self), NULL);

  if (code == NULL || *code == '\0')
    return g_strdup ("");
  label = self != NULL ? jx_taxonomy_format_label (self, code) : NULL;
  return label != NULL ? label : g_strdup (code);
}
