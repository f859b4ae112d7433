/* test-taxonomy.c: tests of JxTaxonomy, the built-in schemes and the loader's checks
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "jx-taxonomy.h"

static char *tmp_dir;

static char *
join (const char * const *strv)
{
  g_assert_nonnull (strv);

  return g_strjoinv (",", (char **) strv);
}

static JxTaxonomy *
builtin (const char *id)
{
  g_autoptr(GError) error = NULL;
  JxTaxonomy *taxonomy = jx_taxonomy_get_builtin (id, &error);

  g_assert_no_error (error);
  g_assert_true (JX_IS_TAXONOMY (taxonomy));

  return taxonomy;
}

static JxTaxonomy *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));

  return jx_taxonomy_new_from_bytes (bytes, "test.json", error);
}

#define assert_joined(strv, expected) \
  G_STMT_START { \
    g_autofree char *joined__ = join (strv); \
    g_assert_cmpstr (joined__, ==, (expected)); \
  } G_STMT_END

/* Built-in schemes */

static void
test_builtin_lists_both_sorted (void)
{
  const char * const *ids = jx_taxonomy_list_builtin ();

  assert_joined (ids, "guangdong-2020,mof-2021");
  g_assert_true (g_strv_contains (ids, JX_TAXONOMY_DEFAULT_ID));
  g_assert_true (ids == jx_taxonomy_list_builtin ());
}

static void
test_builtin_loads_once (void)
{
  JxTaxonomy *guangdong = builtin ("guangdong-2020");
  JxTaxonomy *mof = builtin ("mof-2021");
  g_autofree char *id = NULL;

  g_assert_true (guangdong == builtin (JX_TAXONOMY_DEFAULT_ID));
  g_assert_true (mof != guangdong);

  g_assert_cmpstr (jx_taxonomy_get_id (guangdong), ==, "guangdong-2020");
  g_assert_cmpstr (jx_taxonomy_get_id (mof), ==, "mof-2021");
  g_assert_nonnull (strstr (jx_taxonomy_get_name (guangdong), "财预〔2020〕10号"));
  g_assert_nonnull (strstr (jx_taxonomy_get_name (mof), "财预〔2021〕101号"));
  g_assert_nonnull (jx_taxonomy_get_english_name (mof));

  g_object_get (mof, "id", &id, NULL);
  g_assert_cmpstr (id, ==, "mof-2021");
}

static void
test_builtin_unknown_id_is_not_found (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (jx_taxonomy_get_builtin ("hunan-2019", &error));
  g_assert_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "hunan-2019"));
  g_assert_nonnull (strstr (error->message, "guangdong-2020, mof-2021"));
}

static gpointer
get_both (gpointer data)
{
  JxTaxonomy **out = data;

  out[0] = jx_taxonomy_get_builtin ("mof-2021", NULL);
  out[1] = jx_taxonomy_get_builtin ("guangdong-2020", NULL);

  return NULL;
}

static void
test_builtin_is_thread_safe (void)
{
  GThread *threads[8];
  JxTaxonomy *seen[G_N_ELEMENTS (threads)][2];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("taxonomy", get_both, seen[i]);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      g_assert_true (seen[i][0] == builtin ("mof-2021"));
      g_assert_true (seen[i][1] == builtin ("guangdong-2020"));
    }
}

static void
test_builtin_matches_shipped_files (void)
{
  const char * const *ids = jx_taxonomy_list_builtin ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *basename = g_strconcat (ids[i], ".json", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "taxonomies", basename, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JxTaxonomy) from_file = jx_taxonomy_new_from_file (path, &error);
      JxTaxonomy *compiled = builtin (ids[i]);
      g_autofree char *expected_categories = join (jx_taxonomy_get_categories (compiled));
      const char * const *categories;

      g_assert_no_error (error);
      g_assert_cmpstr (jx_taxonomy_get_id (from_file), ==, ids[i]);

      categories = jx_taxonomy_get_categories (from_file);
      assert_joined (categories, expected_categories);
      for (guint j = 0; categories[j] != NULL; j++)
        {
          g_autofree char *expected = join (jx_taxonomy_get_subcategories (compiled, categories[j]));
          assert_joined (jx_taxonomy_get_subcategories (from_file, categories[j]), expected);
        }
    }
}

/* The Guangdong scheme */

static void
test_guangdong_categories_in_order (void)
{
  assert_joined (jx_taxonomy_get_categories (builtin ("guangdong-2020")), "1,2,3");
}

static void
test_guangdong_subcategories_in_order (void)
{
  JxTaxonomy *t = builtin ("guangdong-2020");

  assert_joined (jx_taxonomy_get_subcategories (t, "1"), "11,12,13,14");
  assert_joined (jx_taxonomy_get_subcategories (t, "2"), "21,22,23,24");
  assert_joined (jx_taxonomy_get_subcategories (t, "3"), "31");

  /* Not a category: an empty array, never NULL. */
  assert_joined (jx_taxonomy_get_subcategories (t, "4"), "");
  assert_joined (jx_taxonomy_get_subcategories (t, "21"), "");
  assert_joined (jx_taxonomy_get_subcategories (t, ""), "");
}

static void
test_guangdong_knows_its_codes (void)
{
  JxTaxonomy *t = builtin ("guangdong-2020");

  g_assert_true (jx_taxonomy_has_category (t, "1"));
  g_assert_true (jx_taxonomy_has_category (t, "3"));
  g_assert_false (jx_taxonomy_has_category (t, "4"));
  g_assert_false (jx_taxonomy_has_category (t, "11"));
  g_assert_false (jx_taxonomy_has_category (t, ""));

  g_assert_true (jx_taxonomy_has_subcategory (t, "11"));
  g_assert_true (jx_taxonomy_has_subcategory (t, "14"));
  g_assert_true (jx_taxonomy_has_subcategory (t, "31"));
  g_assert_false (jx_taxonomy_has_subcategory (t, "1"));
  g_assert_false (jx_taxonomy_has_subcategory (t, "32"));
  g_assert_false (jx_taxonomy_has_subcategory (t, "41"));
}

static void
test_guangdong_valid_pairs (void)
{
  JxTaxonomy *t = builtin ("guangdong-2020");

  g_assert_true (jx_taxonomy_is_valid_pair (t, "1", "11"));
  g_assert_true (jx_taxonomy_is_valid_pair (t, "1", "14"));
  g_assert_true (jx_taxonomy_is_valid_pair (t, "2", "24"));
  g_assert_true (jx_taxonomy_is_valid_pair (t, "3", "31"));

  g_assert_false (jx_taxonomy_is_valid_pair (t, "1", "21"));
  g_assert_false (jx_taxonomy_is_valid_pair (t, "2", "11"));
  g_assert_false (jx_taxonomy_is_valid_pair (t, "1", "1"));
  g_assert_false (jx_taxonomy_is_valid_pair (t, "11", "11"));
  g_assert_false (jx_taxonomy_is_valid_pair (t, "4", "41"));
  g_assert_false (jx_taxonomy_is_valid_pair (t, "", ""));
}

static void
test_guangdong_parent_of_subcategory (void)
{
  JxTaxonomy *t = builtin ("guangdong-2020");

  g_assert_cmpstr (jx_taxonomy_get_parent (t, "11"), ==, "1");
  g_assert_cmpstr (jx_taxonomy_get_parent (t, "14"), ==, "1");
  g_assert_cmpstr (jx_taxonomy_get_parent (t, "21"), ==, "2");
  g_assert_cmpstr (jx_taxonomy_get_parent (t, "31"), ==, "3");
  g_assert_null (jx_taxonomy_get_parent (t, "1"));
  g_assert_null (jx_taxonomy_get_parent (t, "41"));
  g_assert_null (jx_taxonomy_get_parent (t, "99"));
}

static void
test_guangdong_names_with_and_without_suffix (void)
{
  JxTaxonomy *t = builtin ("guangdong-2020");
  g_autofree char *label = jx_taxonomy_format_label (t, "21");
  g_autofree char *category_label = jx_taxonomy_format_label (t, "1");

  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "21", TRUE), ==, "经济效益指标");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "21", FALSE), ==, "经济效益");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "24", FALSE), ==, "可持续影响");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "31", TRUE), ==, "服务对象满意度指标");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "31", FALSE), ==, "服务对象满意度");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "11", FALSE), ==, "数量");

  /* Categories keep the suffix: tables print "1-产出指标". */
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "1", TRUE), ==, "产出指标");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "1", FALSE), ==, "产出指标");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "3", FALSE), ==, "满意度指标");

  g_assert_null (jx_taxonomy_get_name_for_code (t, "41", TRUE));
  g_assert_null (jx_taxonomy_get_name_for_code (t, "", FALSE));

  g_assert_cmpstr (jx_taxonomy_get_english_name_for_code (t, "1"), ==, "Outputs");
  g_assert_cmpstr (jx_taxonomy_get_english_name_for_code (t, "21"), ==, "Economic effects");
  g_assert_null (jx_taxonomy_get_english_name_for_code (t, "41"));

  g_assert_cmpstr (label, ==, "21-经济效益指标");
  g_assert_cmpstr (category_label, ==, "1-产出指标");
  g_assert_null (jx_taxonomy_format_label (t, "5"));
}

static void
test_guangdong_name_matches (void)
{
  JxTaxonomy *t = builtin ("guangdong-2020");

  g_assert_true (jx_taxonomy_name_matches (t, "21", "经济效益"));
  g_assert_true (jx_taxonomy_name_matches (t, "21", "经济效益指标"));
  g_assert_true (jx_taxonomy_name_matches (t, "21", " 经济效益 "));
  g_assert_true (jx_taxonomy_name_matches (t, "21", "\u3000经济效益指标\t\n"));
  g_assert_true (jx_taxonomy_name_matches (t, "11", "数量指标"));
  g_assert_true (jx_taxonomy_name_matches (t, "1", "产出指标"));
  g_assert_true (jx_taxonomy_name_matches (t, "1", "产出"));

  g_assert_false (jx_taxonomy_name_matches (t, "21", "社会效益"));
  g_assert_false (jx_taxonomy_name_matches (t, "21", "社会效益指标"));
  g_assert_false (jx_taxonomy_name_matches (t, "21", "经济"));
  g_assert_false (jx_taxonomy_name_matches (t, "21", "经济效益指标指标"));
  g_assert_false (jx_taxonomy_name_matches (t, "21", "经济 效益"));
  g_assert_false (jx_taxonomy_name_matches (t, "21", "指标"));
  g_assert_false (jx_taxonomy_name_matches (t, "21", ""));
  g_assert_false (jx_taxonomy_name_matches (t, "22", "经济效益"));
  g_assert_false (jx_taxonomy_name_matches (t, "41", "经济成本"));
}

/* The Ministry of Finance 2021 scheme */

static void
test_mof_cost_is_a_category (void)
{
  JxTaxonomy *t = builtin ("mof-2021");

  assert_joined (jx_taxonomy_get_categories (t), "1,2,3,4");
  assert_joined (jx_taxonomy_get_subcategories (t, "1"), "11,12,13");
  assert_joined (jx_taxonomy_get_subcategories (t, "2"), "21,22,23,24");
  assert_joined (jx_taxonomy_get_subcategories (t, "3"), "31");
  assert_joined (jx_taxonomy_get_subcategories (t, "4"), "41,42,43");

  g_assert_false (jx_taxonomy_has_subcategory (t, "14"));
  g_assert_false (jx_taxonomy_is_valid_pair (t, "1", "14"));
  g_assert_true (jx_taxonomy_is_valid_pair (t, "4", "41"));
  g_assert_true (jx_taxonomy_is_valid_pair (t, "4", "43"));
  g_assert_false (jx_taxonomy_is_valid_pair (t, "1", "41"));
  g_assert_cmpstr (jx_taxonomy_get_parent (t, "42"), ==, "4");

  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "4", FALSE), ==, "成本指标");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "43", TRUE), ==, "生态环境成本指标");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "43", FALSE), ==, "生态环境成本");
  g_assert_true (jx_taxonomy_name_matches (t, "41", "经济成本"));
}

/* Names other provinces' tables give a category (docs/domain.md). */
static void
test_aliases (void)
{
  JxTaxonomy *g = jx_taxonomy_get_builtin ("guangdong-2020", NULL);
  JxTaxonomy *m = jx_taxonomy_get_builtin ("mof-2021", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTaxonomy) bad = NULL;

  g_assert_true (jx_taxonomy_name_matches (g, "31", "社会公众或服务对象满意度指标"));
  g_assert_true (jx_taxonomy_name_matches (g, "31", "满意度指标"));
  g_assert_true (jx_taxonomy_name_matches (g, "1", "产出目标"));
  g_assert_true (jx_taxonomy_name_matches (g, "11", " 数量目标 "));
  g_assert_true (jx_taxonomy_name_matches (g, "14", "经济成本指标"));
  g_assert_true (jx_taxonomy_name_matches (m, "31", "社会公众或服务对象满意度指标"));
  g_assert_true (jx_taxonomy_name_matches (m, "2", "效益目标"));
  /* An alias belongs to its entry only. */
  g_assert_false (jx_taxonomy_name_matches (g, "11", "产出目标"));
  g_assert_false (jx_taxonomy_name_matches (g, "3", "社会公众或服务对象满意度指标"));

  bad = load_string ("{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
                     "  {\"code\": \"1\", \"name\": \"产出\", \"aliases\": [\"\"], \"subcategories\": ["
                     "    {\"code\": \"11\", \"name\": \"数量\"}]}]}", &error);
  g_assert_null (bad);
  g_assert_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“aliases”"));
  g_assert_nonnull (strstr (error->message, "category 1"));
}

/* Loading */

static void
test_load_accepts_minimal_scheme (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTaxonomy) t = load_string (
    "{\"id\": \"mini\", \"name\": \"最小\", \"categories\": ["
    "  {\"code\": \"7\", \"name\": \"其他\", \"subcategories\": ["
    "    {\"code\": \"701\", \"name\": \"杂项\"}]}]}",
    &error);

  g_assert_no_error (error);
  g_assert_cmpstr (jx_taxonomy_get_id (t), ==, "mini");
  g_assert_null (jx_taxonomy_get_english_name (t));
  assert_joined (jx_taxonomy_get_categories (t), "7");
  assert_joined (jx_taxonomy_get_subcategories (t, "7"), "701");
  g_assert_true (jx_taxonomy_is_valid_pair (t, "7", "701"));
  g_assert_null (jx_taxonomy_get_english_name_for_code (t, "701"));

  /* No suffix to drop: both forms are the name as written. */
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "701", FALSE), ==, "杂项");
  g_assert_cmpstr (jx_taxonomy_get_name_for_code (t, "701", TRUE), ==, "杂项");
  g_assert_true (jx_taxonomy_name_matches (t, "701", "杂项指标"));
}

typedef struct
{
  const char *path;        /* test path, and the fixture's file name */
  const char *json;
  const char *fragments[3]; /* each must appear in the message */
} BadFile;

#define CATEGORY_1 "{\"code\": \"1\", \"name\": \"产出指标\", \"subcategories\": [{\"code\": \"11\", \"name\": \"数量指标\"}]}"

static const BadFile bad_files[] = {
  { "/taxonomy/file/rejects-not-json",
    "{\"id\": \"x\", \"name\": \"x\",\n \"categories\": [,]}",
    { "not valid JSON", "2:" } },
  { "/taxonomy/file/rejects-non-object",
    "[\"1\", \"2\"]",
    { "one JSON object" } },
  { "/taxonomy/file/rejects-missing-code",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": [" CATEGORY_1 ","
    " {\"name\": \"效益指标\", \"subcategories\": []}]}",
    { "category 2 has no “code”" } },
  { "/taxonomy/file/rejects-subcategory-of-another-category",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": \"1\", \"name\": \"产出指标\", \"subcategories\": ["
    "  {\"code\": \"11\", \"name\": \"数量指标\"}, {\"code\": \"21\", \"name\": \"经济效益指标\"}]}]}",
    { "sub-category “21” is listed under category “1”", "is not “1” followed by more digits" } },
  { "/taxonomy/file/rejects-duplicate-code",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": \"1\", \"name\": \"产出指标\", \"subcategories\": ["
    "  {\"code\": \"11\", \"name\": \"数量指标\"}, {\"code\": \"11\", \"name\": \"质量指标\"}]}]}",
    { "code “11” is used twice", "by sub-category 1 of category “1” and by sub-category 2 of category “1”" } },
  { "/taxonomy/file/rejects-duplicate-category",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": [" CATEGORY_1 "," CATEGORY_1 "]}",
    { "code “1” is used twice", "category 1 and by category 2" } },
  { "/taxonomy/file/rejects-empty-name",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": \"1\", \"name\": \"产出指标\", \"subcategories\": [{\"code\": \"11\", \"name\": \" \"}]}]}",
    { "in sub-category 1 of category “1”, “name” is empty" } },
  { "/taxonomy/file/rejects-numeric-code",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": 1, \"name\": \"产出指标\", \"subcategories\": []}]}",
    { "in category 1, “code” must be text" } },
  { "/taxonomy/file/rejects-code-with-letters",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": \"A\", \"name\": \"产出指标\", \"subcategories\": []}]}",
    { "code “A” (category 1) is not a number" } },
  { "/taxonomy/file/rejects-subcategory-code-equal-to-category",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": \"1\", \"name\": \"产出指标\", \"subcategories\": [{\"code\": \"1\", \"name\": \"数量指标\"}]}]}",
    { "sub-category “1” is listed under category “1”", "is not “1” followed by more digits" } },
  { "/taxonomy/file/rejects-unknown-member",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": \"1\", \"name\": \"产出指标\", \"subcategory\": []}]}",
    { "category 1 has an unknown member “subcategory”", "subcategories" } },
  { "/taxonomy/file/rejects-category-without-subcategories",
    "{\"id\": \"x\", \"name\": \"x\", \"categories\": ["
    " {\"code\": \"1\", \"name\": \"产出指标\", \"subcategories\": []}]}",
    { "category 1 needs a non-empty list “subcategories”" } },
  { "/taxonomy/file/rejects-missing-categories",
    "{\"id\": \"x\", \"name\": \"x\"}",
    { "the top level needs a non-empty list “categories”" } },
  { "/taxonomy/file/rejects-missing-id",
    "{\"name\": \"x\", \"categories\": [" CATEGORY_1 "]}",
    { "the top level has no “id”" } },
  { "/taxonomy/file/rejects-bad-id",
    "{\"id\": \"a/b\", \"name\": \"x\", \"categories\": [" CATEGORY_1 "]}",
    { "id “a/b”" } },
};

static void
test_file_rejects (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *basename = g_strconcat (strrchr (bad->path, '/') + 1, ".json", NULL);
  g_autofree char *path = g_build_filename (tmp_dir, basename, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTaxonomy) t = NULL;

  g_assert_true (g_file_set_contents (path, bad->json, -1, NULL));

  t = jx_taxonomy_new_from_file (path, &error);
  g_assert_null (t);
  g_assert_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID);
  g_test_message ("%s", error->message);

  g_assert_nonnull (strstr (error->message, path));
  for (guint i = 0; i < G_N_ELEMENTS (bad->fragments) && bad->fragments[i] != NULL; i++)
    {
      if (strstr (error->message, bad->fragments[i]) == NULL)
        g_error ("“%s” not in “%s”", bad->fragments[i], error->message);
    }

  g_unlink (path);
}

static void
test_file_missing_is_file_error (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "does-not-exist.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (jx_taxonomy_new_from_file (path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* JSON nested 100,000 levels deep crashed json-glib's recursive parser: it
 * is refused before, at the bracket one level too deep (issue 12). */
static void
test_load_refuses_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"categories\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JxTaxonomy) taxonomy = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  bytes = g_bytes_new (deep->str, deep->len);
  taxonomy = jx_taxonomy_new_from_bytes (bytes, "deep.json", &error);
  g_assert_null (taxonomy);
  g_assert_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID);
  /* {"categories": is 14 characters; the 64th '[' is too deep. */
  g_assert_nonnull (strstr (error->message, "1:78"));
  g_assert_nonnull (strstr (error->message, "deep.json"));
}

/* An escape JSON does not have, such as "\242", was read by json-glib as
 * the octal byte 0xA2, so the message quoting the code was not UTF-8.
 * Refused before, at the backslash, in valid UTF-8. Found by fuzz-taxonomy. */
static void
test_load_refuses_unknown_escape (void)
{
  const char *json = "{\"id\": \"x\", \"name\": \"x\", \"categories\": [\n"
                     "  {\"code\": \"1\", \"name\": \"a\", \"subcategories\": [{\"code\": \"g\\242\"}]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTaxonomy) taxonomy = jx_taxonomy_new_from_bytes (bytes, "octal.json", &error);

  g_assert_null (taxonomy);
  g_assert_error (error, JX_TAXONOMY_ERROR, JX_TAXONOMY_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  /* The backslash: line 2, after  {"code": "1", "name": "a", "subcategories": [{"code": "g */
  g_assert_nonnull (strstr (error->message, "2:59"));
  g_assert_nonnull (strstr (error->message, "octal.json"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("test-taxonomy-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/taxonomy/builtin/lists-both-sorted", test_builtin_lists_both_sorted);
  g_test_add_func ("/taxonomy/aliases", test_aliases);
  g_test_add_func ("/taxonomy/builtin/loads-once", test_builtin_loads_once);
  g_test_add_func ("/taxonomy/builtin/unknown-id-is-not-found", test_builtin_unknown_id_is_not_found);
  g_test_add_func ("/taxonomy/builtin/is-thread-safe", test_builtin_is_thread_safe);
  g_test_add_func ("/taxonomy/builtin/matches-shipped-files", test_builtin_matches_shipped_files);
  g_test_add_func ("/taxonomy/guangdong/categories-in-order", test_guangdong_categories_in_order);
  g_test_add_func ("/taxonomy/guangdong/subcategories-in-order", test_guangdong_subcategories_in_order);
  g_test_add_func ("/taxonomy/guangdong/knows-its-codes", test_guangdong_knows_its_codes);
  g_test_add_func ("/taxonomy/guangdong/valid-pairs", test_guangdong_valid_pairs);
  g_test_add_func ("/taxonomy/guangdong/parent-of-subcategory", test_guangdong_parent_of_subcategory);
  g_test_add_func ("/taxonomy/guangdong/names-with-and-without-suffix", test_guangdong_names_with_and_without_suffix);
  g_test_add_func ("/taxonomy/guangdong/name-matches", test_guangdong_name_matches);
  g_test_add_func ("/taxonomy/mof/cost-is-a-category", test_mof_cost_is_a_category);
  g_test_add_func ("/taxonomy/load/accepts-minimal-scheme", test_load_accepts_minimal_scheme);
  g_test_add_func ("/taxonomy/file/missing-is-file-error", test_file_missing_is_file_error);
  g_test_add_func ("/taxonomy/load/refuses-deep-nesting", test_load_refuses_deep_nesting);
  g_test_add_func ("/taxonomy/load/refuses-unknown-escape", test_load_refuses_unknown_escape);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    g_test_add_data_func (bad_files[i].path, &bad_files[i], test_file_rejects);

  ret = g_test_run ();

  g_rmdir (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
