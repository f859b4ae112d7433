/* test-fields.c: the one table of fields drives the model, the file
 * formats, the validator, the undo labels and the translations
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>
#include <glib/gi18n-lib.h>

#include "jx-edit.h"
#include "jx-fields.h"
#include "jx-init.h"
#include "jx-json.h"
#include "jx-money.h"
#include "jx-validator.h"
#include "jx-xml.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static JxDocument *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  JxDocument *document = jx_xml_load_file (path, NULL, &error);

  g_assert_no_error (error);
  return document;
}

/* The table is grouped by owner, ids are unique per owner, and every
 * stored field has a name in both file formats. */
static void
test_table_shape (void)
{
  const JxFieldOwner owners[] = {
    JX_FIELD_OWNER_DOCUMENT, JX_FIELD_OWNER_UNIT, JX_FIELD_OWNER_PROJECT,
    JX_FIELD_OWNER_INDICATOR, JX_FIELD_OWNER_ANNOTATION,
  };

  for (guint o = 0; o < G_N_ELEMENTS (owners); o++)
    {
      guint n = 0;
      const JxField *fields = jx_fields_of (owners[o], &n);

      g_assert_nonnull (fields);
      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (fields[i].owner, ==, owners[o]);
          g_assert_true (jx_field_lookup (owners[o], fields[i].id) == &fields[i]);
          g_assert_nonnull (fields[i].label);
          /* Only the derived total is neither stored nor read. */
          if (fields[i].kind != JX_FIELD_TOTAL)
            g_assert_nonnull (fields[i].xml_name);
          g_assert_nonnull (fields[i].json_member);
          if (owners[o] != JX_FIELD_OWNER_ANNOTATION)
            g_assert_nonnull (fields[i].official);
        }
    }
  /* An id the table does not know is shown as it is. */
  g_assert_cmpstr (jx_field_label_for_id ("from-a-newer-version"), ==, "from-a-newer-version");
}

/* The sources are the project's money fields in table order, each a
 * complete row. */
static void
test_sources_complete (void)
{
  guint n_sources = jx_document_get_n_sources (NULL);
  guint n_fields, money = 0;
  const JxField *fields = jx_fields_of (JX_FIELD_OWNER_PROJECT, &n_fields);
  GObjectClass *project_class = g_type_class_ref (JX_TYPE_PROJECT);

  g_assert_cmpuint (n_sources, >=, 1);
  g_assert_cmpuint (n_sources, <=, JX_MAX_SOURCES);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == JX_FIELD_MONEY)
      {
        g_assert_true (jx_document_get_source (NULL, money) == &fields[i]);
        money++;
      }
  g_assert_cmpuint (money, ==, n_sources);

  for (guint i = 0; i < n_sources; i++)
    {
      const JxField *source = jx_document_get_source (NULL, i);

      g_assert_cmpint (jx_document_find_source (NULL, source->id), ==, (int) i);
      g_assert_nonnull (source->xml_name);
      g_assert_false (source->xml_element);
      g_assert_nonnull (source->json_member);
      g_assert_nonnull (source->official);
      g_assert_nonnull (source->undo_label);
      g_assert_nonnull (source->short_label);
      /* A GObject property of the project, so bindings find it. */
      g_assert_nonnull (g_object_class_find_property (project_class, source->id));
    }
  g_assert_cmpint (jx_document_find_source (NULL, "total"), ==, -1);
  g_type_class_unref (project_class);
}

/* After loading full.jixiao, each source of each project is the attribute
 * of that name in the file (read here with a regex, not the loader), and
 * the project's total is their sum. */
static void
test_sources_loaded (void)
{
  g_autofree char *path = fixture_path ("full.jixiao");
  g_autofree char *text = NULL;
  g_autoptr(JxDocument) document = load_fixture ("full.jixiao");
  g_autoptr(GRegex) project_re = g_regex_new ("<project id=\"([^\"]+)\"([^>]*)>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n_sources = jx_document_get_n_sources (document);
  guint projects = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  for (g_regex_match (project_re, text, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *id = g_match_info_fetch (match, 1);
      g_autofree char *attributes = g_match_info_fetch (match, 2);
      JxNode *node = jx_document_lookup (document, id);
      JxMoney sum = 0;

      g_assert_true (JX_IS_PROJECT (node));
      for (guint k = 0; k < n_sources; k++)
        {
          const JxField *source = jx_document_get_source (document, k);
          g_autofree char *pattern = g_strdup_printf ("\\b%s=\"([-0-9.]+)\"", source->xml_name);
          g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
          g_autoptr(GMatchInfo) m = NULL;
          JxMoney expected = 0;

          if (g_regex_match (re, attributes, 0, &m))
            {
              g_autofree char *value = g_match_info_fetch (m, 1);
              g_assert_true (jx_money_from_decimal (value, strlen (value), &expected));
            }
          g_assert_cmpint (jx_project_get_source (JX_PROJECT (node), k), ==, expected);
          sum += expected;
        }
      g_assert_cmpint (jx_project_get_total (JX_PROJECT (node)), ==, sum);
      projects++;
    }
  g_assert_cmpuint (projects, ==, jx_document_get_n_projects (document));
  g_assert_cmpuint (projects, >, 1);
}

/* Setting a source by index moves the project's, the unit's and the
 * document's totals; the property of the same id reads the same value,
 * and an edit by id is undone under the table's undo label. */
static void
test_sources_edit (void)
{
  g_autoptr(JxDocument) document = load_fixture ("full.jixiao");
  JxProject *project = JX_PROJECT (jx_document_lookup (document, "p7"));
  JxFundingUnit *unit = jx_project_get_unit (project);
  guint n_sources = jx_document_get_n_sources (document);

  for (guint k = 0; k < n_sources; k++)
    {
      const JxField *source = jx_document_get_source (document, k);
      JxMoney before = jx_project_get_source (project, k);
      JxMoney project_total = jx_project_get_total (project);
      JxMoney unit_total = jx_funding_unit_get_total (unit);
      JxMoney document_total = jx_document_get_total (document);
      JxMoney sums[JX_MAX_SOURCES];
      gint64 value = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (jx_edit_set_money (document, project, source->id, before + 1000, &error));
      g_assert_no_error (error);
      g_assert_cmpint (jx_project_get_source (project, k), ==, before + 1000);
      g_object_get (project, source->id, &value, NULL);
      g_assert_cmpint (value, ==, before + 1000);
      g_assert_cmpint (jx_project_get_total (project), ==, project_total + 1000);
      g_assert_cmpint (jx_funding_unit_get_total (unit), ==, unit_total + 1000);
      g_assert_cmpint (jx_document_get_total (document), ==, document_total + 1000);
      g_assert_true (jx_document_sum_sources (document, sums));
      g_assert_cmpstr (jx_history_get_undo_label (jx_document_get_history (document)), ==,
                       jx_field_get_undo_label (source));

      jx_history_undo (jx_document_get_history (document));
      g_assert_cmpint (jx_project_get_source (project, k), ==, before);
      g_assert_cmpint (jx_document_get_total (document), ==, document_total);
    }
}

/* Each source is written under its XML attribute and its JSON member. */
static void
test_sources_written (void)
{
  g_autoptr(JxDocument) document = load_fixture ("full.jixiao");
  JxProject *project = JX_PROJECT (jx_document_lookup (document, "p1"));
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *json_text = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sources = jx_document_get_n_sources (document);

  /* Amounts no other project of the fixture has. */
  for (guint k = 0; k < n_sources; k++)
    jx_project_set_source (project, k, 987601 + k);

  xml = jx_xml_write (document, &error);
  g_assert_no_error (error);
  json = jx_json_from_document (document);
  json_text = jx_json_to_string (json, FALSE);
  for (guint k = 0; k < n_sources; k++)
    {
      const JxField *source = jx_document_get_source (document, k);
      g_autofree char *amount = jx_money_to_decimal (987601 + k);
      g_autofree char *attribute = g_strdup_printf (" %s=\"%s\"", source->xml_name, amount);
      g_autofree char *member = g_strdup_printf ("\"%s\":\"%s\"", source->json_member, amount);

      g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), attribute));
      g_assert_nonnull (strstr (json_text, member));
    }
}

/* The validator names a negative source by its label in the table and
 * puts the source's id in the problem's field. */
static void
test_validator_labels (void)
{
  g_autoptr(JxDocument) document = load_fixture ("full.jixiao");
  JxProject *project = JX_PROJECT (jx_document_lookup (document, "p1"));
  guint n_sources = jx_document_get_n_sources (document);

  for (guint k = 0; k < n_sources; k++)
    {
      const JxField *source = jx_document_get_source (document, k);
      g_autoptr(GPtrArray) problems = NULL;
      gboolean found = FALSE;

      for (guint j = 0; j < n_sources; j++)
        jx_project_set_source (project, j, j == k ? -100 : 100);
      problems = jx_validate_document (document);
      for (guint i = 0; i < problems->len; i++)
        {
          JxProblem *problem = g_ptr_array_index (problems, i);

          if (!g_str_equal (problem->rule, "amount-negative"))
            continue;
          g_assert_false (found);
          found = TRUE;
          g_assert_cmpstr (problem->target, ==, "p1");
          g_assert_cmpstr (problem->field, ==, source->id);
          g_assert_nonnull (strstr (problem->message, jx_field_get_label (source)));
        }
      g_assert_true (found);
    }
}

/* In zh_CN every field's label is translated; a source's label and its
 * column header are the words the official table prints. */
static void
test_translated (void)
{
  const char *localedir = g_getenv ("JX_LOCALEDIR");
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  const JxFieldOwner owners[] = {
    JX_FIELD_OWNER_DOCUMENT, JX_FIELD_OWNER_UNIT, JX_FIELD_OWNER_PROJECT,
    JX_FIELD_OWNER_INDICATOR, JX_FIELD_OWNER_ANNOTATION,
  };

  if (localedir == NULL || setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("zh_CN.UTF-8 locale or JX_LOCALEDIR missing: run build-aux/jx-dev.sh deps");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  for (guint o = 0; o < G_N_ELEMENTS (owners); o++)
    {
      guint n;
      const JxField *fields = jx_fields_of (owners[o], &n);

      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpstr (jx_field_get_label (&fields[i]), !=, fields[i].label);
          if (fields[i].undo_label != NULL)
            g_assert_cmpstr (jx_field_get_undo_label (&fields[i]), !=, fields[i].undo_label);
        }
    }
  for (guint k = 0; k < jx_document_get_n_sources (NULL); k++)
    {
      const JxField *source = jx_document_get_source (NULL, k);

      g_assert_cmpstr (jx_field_get_label (source), ==, source->official);
      g_assert_cmpstr (jx_field_get_short_label (source), ==, source->official);
    }

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  jx_init ();

  g_test_add_func ("/fields/table/shape", test_table_shape);
  g_test_add_func ("/fields/sources/complete", test_sources_complete);
  g_test_add_func ("/fields/sources/loaded", test_sources_loaded);
  g_test_add_func ("/fields/sources/edit", test_sources_edit);
  g_test_add_func ("/fields/sources/written", test_sources_written);
  g_test_add_func ("/fields/validator/labels", test_validator_labels);
  g_test_add_func ("/fields/translated", test_translated);
  return g_test_run ();
}
