/* test-cli.c: jixiao-cli as scripts and people use it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jx-money.h"
#include "jx-test-util.h"

/* Runs jixiao-cli with the arguments (NULL-terminated) in the C locale,
 * unless @lang is given. */
static void
run_cli_lang (JxTestRun  *run,
              const char *lang,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("JX_CLI"));
  va_start (ap, lang);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  jx_test_run (run, lang, (const char * const *) argv->pdata);
}

#define run_cli(run, ...) run_cli_lang (run, NULL, __VA_ARGS__)

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "cli", name, NULL);
}

static void
test_version (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("jixiao-cli %s\n", PACKAGE_VERSION);

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
}

static void
test_help_and_usage (void)
{
  g_auto(JxTestRun) help = { 0 };
  g_auto(JxTestRun) none = { 0 };
  g_auto(JxTestRun) unknown = { 0 };

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "validate [--json]"));
  g_assert_nonnull (strstr (help.out, "totals [--json]"));
  g_assert_nonnull (strstr (help.out, "convert INPUT OUTPUT"));
  g_assert_nonnull (strstr (help.out, "import INPUT -o OUTPUT [--force]"));
  g_assert_nonnull (strstr (help.out, "new-year INPUT -o OUTPUT [--force]"));
  g_assert_nonnull (strstr (help.out, "diff [--json] OLD NEW"));
  g_assert_nonnull (strstr (help.out, "comments [--open] FILE [-o OUTPUT.pdf|.csv]"));

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 64);

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 64);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
}

static void
test_validate_clean (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *path = fixture ("clean.jixiao");

  run_cli (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "0 errors"));
}

/* Each problem on its own line, with the line of the file it is on. */
static void
test_validate_problems (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *path = fixture ("problems.jixiao");
  g_autofree char *mismatch = NULL;
  g_autofree char *negative = NULL;

  run_cli (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  mismatch = g_strdup_printf ("%s:9: error: [subcategory-mismatch] ", path);
  negative = g_strdup_printf ("%s:20: error: [amount-negative] ", path);
  g_assert_nonnull (strstr (run.err, mismatch));
  g_assert_nonnull (strstr (run.err, negative));
  g_assert_nonnull (strstr (run.out, "2 errors"));
}

static void
test_validate_json (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *path = fixture ("problems.jixiao");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *file;
  JsonArray *problems;
  JsonObject *first;

  run_cli (&run, "validate", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  file = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "files"), 0);
  g_assert_cmpstr (json_object_get_string_member (file, "file"), ==, path);
  g_assert_cmpint (json_object_get_int_member (file, "errors"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (file, "warnings"), ==, 0);
  problems = json_object_get_array_member (file, "problems");
  first = json_array_get_object_element (problems, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (first, "rule"), ==, "subcategory-mismatch");
  g_assert_cmpint (json_object_get_int_member (first, "line"), ==, 9);
  g_assert_cmpstr (json_object_get_string_member (first, "target"), ==, "i1");
}

static void
test_validate_unreadable (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *truncated = fixture ("truncated.jixiao");
  g_autofree char *clean = fixture ("clean.jixiao");
  g_autofree char *prefix = g_strdup_printf ("%s:", truncated);

  /* The worst file decides the status: one unreadable file makes it 2. */
  run_cli (&run, "validate", clean, truncated, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_nonnull (strstr (run.err, "error: [xml-syntax]"));
}

static void
test_validate_xxe (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *path = fixture ("xxe.jixiao");

  run_cli (&run, "validate", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, ":2:"));
  g_assert_nonnull (strstr (run.err, "[doctype]"));
  g_assert_null (strstr (run.out, "root:"));
  g_assert_null (strstr (run.err, "root:"));
}

static void
test_validate_bad_amount (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *path = fixture ("bad-amount.jixiao");
  g_autofree char *prefix = g_strdup_printf ("%s:6:", path);

  run_cli (&run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, prefix));
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_totals_json (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *path = fixture ("clean.jixiao");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *unit, *project;

  run_cli (&run, "totals", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "total"), ==, "105.50");
  unit = json_array_get_object_element (json_object_get_array_member (root, "units"), 0);
  g_assert_cmpstr (json_object_get_string_member (unit, "name"), ==, "测试部门");
  g_assert_cmpstr (json_object_get_string_member (unit, "total"), ==, "105.50");
  project = json_array_get_object_element (json_object_get_array_member (unit, "projects"), 0);
  g_assert_cmpstr (json_object_get_string_member (project, "id"), ==, "p1");
  g_assert_cmpstr (json_object_get_string_member (project, "fiscal"), ==, "100.00");
  g_assert_cmpstr (json_object_get_string_member (project, "special"), ==, "0.50");
  g_assert_cmpstr (json_object_get_string_member (project, "total"), ==, "100.50");
  g_assert_cmpint (json_object_get_int_member (project, "indicators"), ==, 3);
}

static void
test_totals_text (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) zh = { 0 };
  g_autofree char *path = fixture ("clean.jixiao");

  run_cli (&run, "totals", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "有问题的项目"));
  g_assert_nonnull (strstr (run.out, "100.50"));
  g_assert_nonnull (strstr (run.out, "105.50"));
  g_assert_nonnull (strstr (run.out, "2 projects, 3 indicators"));

  /* Chinese first: the same report in Chinese when the locale says so. */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("zh_CN.UTF-8 locale missing (generate it with locale-gen): Chinese output not checked");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");
  run_cli_lang (&zh, "zh_CN.UTF-8", "totals", path, NULL);
  g_assert_cmpint (zh.status, ==, 0);
  g_assert_nonnull (strstr (zh.out, "项目名称(资金使用单位)"));
  g_assert_nonnull (strstr (zh.out, "合计"));
  g_assert_nonnull (strstr (zh.out, "共 2 个项目"));
}

/* The example's 合计 is the exact sum of its projects' totals. */
static void
test_totals_example (void)
{
  g_auto(JxTestRun) run = { 0 };
  g_autofree char *path = jx_test_example_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *units;
  JxMoney sum = 0, total;

  run_cli (&run, "totals", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (parser, run.out);
  units = json_object_get_array_member (root, "units");
  for (guint u = 0; u < json_array_get_length (units); u++)
    {
      JsonArray *projects = json_object_get_array_member (json_array_get_object_element (units, u), "projects");
      for (guint p = 0; p < json_array_get_length (projects); p++)
        {
          JsonObject *project = json_array_get_object_element (projects, p);
          const char *text = json_object_get_string_member (project, "total");
          JxMoney value, fiscal, special, other;

          g_assert_true (jx_money_from_decimal (text, strlen (text), &value));
          text = json_object_get_string_member (project, "fiscal");
          g_assert_true (jx_money_from_decimal (text, strlen (text), &fiscal));
          text = json_object_get_string_member (project, "special");
          g_assert_true (jx_money_from_decimal (text, strlen (text), &special));
          text = json_object_get_string_member (project, "other");
          g_assert_true (jx_money_from_decimal (text, strlen (text), &other));
          g_assert_cmpint (value, ==, fiscal + special + other);
          sum += value;
        }
    }
  g_assert_true (jx_money_from_decimal (json_object_get_string_member (root, "total"),
                                        strlen (json_object_get_string_member (root, "total")), &total));
  g_assert_cmpint (total, ==, sum);
  /* The whole sample, imported: 35 projects adding up to 56,539.99 万元. */
  g_assert_cmpint (total, ==, 5653999);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (units, 0), "projects")), ==, 35);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* .jixiao → .jixiao → .jixiao is stable, and .json carries everything back. */
static void
test_convert_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *a = g_build_filename (dir, "a.jixiao", NULL);
  g_autofree char *b = g_build_filename (dir, "b.jixiao", NULL);
  g_autofree char *j = g_build_filename (dir, "c.json", NULL);
  g_autofree char *c = g_build_filename (dir, "c.jixiao", NULL);
  g_autofree char *text_a = NULL, *text_b = NULL, *text_c = NULL;
  g_auto(JxTestRun) r1 = { 0 };
  g_auto(JxTestRun) r2 = { 0 };
  g_auto(JxTestRun) r3 = { 0 };
  g_auto(JxTestRun) r4 = { 0 };

  run_cli (&r1, "convert", example, a, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  run_cli (&r2, "convert", a, b, NULL);
  g_assert_cmpint (r2.status, ==, 0);
  run_cli (&r3, "convert", b, j, NULL);
  g_assert_cmpint (r3.status, ==, 0);
  run_cli (&r4, "convert", j, c, NULL);
  g_assert_cmpint (r4.status, ==, 0);

  text_a = read_file (a);
  text_b = read_file (b);
  text_c = read_file (c);
  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_cmpstr (text_a, ==, text_c);
  g_assert_nonnull (strstr (text_a, "urn:jixiao:targets:1"));
}

/* A format Jixiao does not write is a usage error, and writes nothing.
 * (.pdf, .xlsx and .csv: tests/test-export.c.) */
/* convert --template: the table converted, what has no place listed on
 * stderr and kept as comments, every total the same; an unknown template
 * is a usage error that writes nothing. */
static void
test_convert_template (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *sichuan = g_test_build_filename (G_TEST_DIST, "fixtures", "sichuan.jixiao", NULL);
  g_autofree char *out = g_build_filename (dir, "plain.jixiao", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.jixiao", NULL);
  g_autofree char *text = NULL;
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) before = { 0 };
  g_auto(JxTestRun) after = { 0 };
  g_auto(JxTestRun) unknown = { 0 };

  run_cli (&run, "convert", "--template", "plain", sichuan, out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "基层组织活动经费: 单位资金 50,000.00"));
  g_assert_nonnull (strstr (run.err, "维持时效: 指标解释 当年内发放完毕"));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "template=\"plain\""));
  g_assert_nonnull (strstr (text, "author=\"模板转换\""));
  run_cli (&before, "totals", "--json", sichuan, NULL);
  run_cli (&after, "totals", "--json", out, NULL);
  g_assert_nonnull (strstr (before.out, "\"total\" : \"3969840.00\""));
  g_assert_nonnull (strstr (after.out, "\"total\" : \"3969840.00\""));

  run_cli (&unknown, "convert", "--template", "hunan", sichuan, bad, NULL);
  g_assert_cmpint (unknown.status, ==, 64);
  g_assert_nonnull (strstr (unknown.err, "hunan"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
}

static void
test_convert_unknown_format (void)
{
  static const char *unknown[] = { "docx", "txt", "" };
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *clean = fixture ("clean.jixiao");

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autofree char *name = g_strdup_printf ("out.%s", unknown[i]);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      g_auto(JxTestRun) run = { 0 };

      run_cli (&run, "convert", clean, out, NULL);
      g_assert_cmpint (run.status, ==, 64);
      g_assert_nonnull (strstr (run.err, ".pdf, .xlsx or .csv"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

/* The export writers are a module (jixiao-cli-export.so) the program loads
 * only to export: without it, everything but exporting still works, and an
 * export fails with a message that names the module and writes nothing. */
static void
test_convert_without_export_module (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *lonely = g_build_filename (dir, "jixiao-cli", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *json = g_build_filename (dir, "out.json", NULL);
  g_autofree char *clean = fixture ("clean.jixiao");
  g_autoptr(GFile) from = g_file_new_for_path (g_getenv ("JX_CLI"));
  g_autoptr(GFile) to = g_file_new_for_path (lonely);
  g_autoptr(GError) error = NULL;
  g_auto(JxTestRun) validate = { 0 };
  g_auto(JxTestRun) export = { 0 };
  g_auto(JxTestRun) convert = { 0 };
  const char *validate_argv[] = { lonely, "validate", clean, NULL };
  const char *export_argv[] = { lonely, "convert", clean, pdf, NULL };
  const char *convert_argv[] = { lonely, "convert", clean, json, NULL };

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (lonely, 0755), ==, 0);

  jx_test_run (&export, NULL, export_argv);
  if (export.status == 0)
    {
      g_test_skip ("an installed export module was found (JX_CLI_MODULEDIR)");
      return;
    }
  g_assert_cmpint (export.status, ==, 3);
  g_assert_nonnull (strstr (export.err, "out.pdf: error: [io] the export module"));
  g_assert_nonnull (strstr (export.err, "jixiao-cli-export.so"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  jx_test_run (&validate, NULL, validate_argv);
  g_assert_cmpint (validate.status, ==, 0);
  jx_test_run (&convert, NULL, convert_argv);
  g_assert_cmpint (convert.status, ==, 0);
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
}

static void
test_convert_unreadable_writes_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jixiao", NULL);
  g_autofree char *json = g_build_filename (dir, "out.json", NULL);
  g_autofree char *truncated = fixture ("truncated.jixiao");
  g_autofree char *xxe = fixture ("xxe.jixiao");
  g_auto(JxTestRun) r1 = { 0 };
  g_auto(JxTestRun) r2 = { 0 };

  run_cli (&r1, "convert", truncated, out, NULL);
  g_assert_cmpint (r1.status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run_cli (&r2, "convert", xxe, json, NULL);
  g_assert_cmpint (r2.status, ==, 2);
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  g_assert_null (strstr (r2.err, "root:"));
}

/* --- import ---------------------------------------------------------------- */

static char *
sample (void)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "import", "guangzhou-organization-dept-2024.txt", NULL);
}

/* Warnings as FILE:LINE: warning: [rule] message, each followed by the
 * source line, indented; the document written; exit 0. */
static void
test_import_sample (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *input = sample ();
  g_autofree char *out = g_build_filename (dir, "imported.jixiao", NULL);
  g_autofree char *head = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) lines = NULL;
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) totals = { 0 };
  JsonObject *root;
  gboolean seen = FALSE;

  run_cli (&run, "import", input, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "35 projects"));
  g_assert_nonnull (strstr (run.out, "56,539.99"));

  head = g_strdup_printf ("%s:38: warning: [import-amount-recovered] ", input);
  lines = g_strsplit (run.err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*lines[i] == '\0')
        continue;
      /* Every line is a warning or the source line under one. */
      if (g_str_has_prefix (lines[i], "    "))
        continue;
      g_assert_true (g_str_has_prefix (lines[i], input));
      g_assert_nonnull (strstr (lines[i], ": warning: [import-"));
      if (g_str_has_prefix (lines[i], head))
        {
          g_assert_nonnull (lines[i + 1]);
          g_assert_true (g_str_has_prefix (lines[i + 1], "    公务员考试录用工作经费"));
          g_assert_nonnull (strstr (lines[i + 1], "25. 7€"));
          seen = TRUE;
        }
    }
  g_assert_true (seen);

  run_cli (&totals, "totals", "--json", out, NULL);
  g_assert_cmpint (totals.status, ==, 0);
  root = parse_object (parser, totals.out);
  g_assert_cmpstr (json_object_get_string_member (root, "total"), ==, "56539.99");
}

/* An import never replaces a file silently. */
static void
test_import_refuses_to_overwrite (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *input = sample ();
  g_autofree char *out = g_build_filename (dir, "draft.jixiao", NULL);
  g_autofree char *after = NULL;
  g_auto(JxTestRun) refused = { 0 };
  g_auto(JxTestRun) forced = { 0 };

  g_assert_true (g_file_set_contents (out, "a day of work\n", -1, NULL));
  run_cli (&refused, "import", input, "-o", out, NULL);
  g_assert_cmpint (refused.status, ==, 3);
  g_assert_nonnull (strstr (refused.err, "--force"));
  after = read_file (out);
  g_assert_cmpstr (after, ==, "a day of work\n");

  run_cli (&forced, "import", "--force", input, "-o", out, NULL);
  g_assert_cmpint (forced.status, ==, 0);
  g_clear_pointer (&after, g_free);
  after = read_file (out);
  g_assert_nonnull (strstr (after, "urn:jixiao:targets:1"));
}

static void
test_import_unreadable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jixiao", NULL);
  g_autofree char *binary = g_build_filename (dir, "table.pdf", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *prefix = g_strdup_printf ("%s: error: [import] Line 1, column 9:", binary);
  g_auto(JxTestRun) r1 = { 0 };
  g_auto(JxTestRun) r2 = { 0 };
  g_auto(JxTestRun) r3 = { 0 };

  g_assert_true (g_file_set_contents (binary, "%PDF-1.7\0\x01\x02" "binary", 18, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  run_cli (&r1, "import", binary, "-o", out, NULL);
  g_assert_cmpint (r1.status, ==, 2);
  g_assert_true (g_str_has_prefix (r1.err, prefix));
  run_cli (&r2, "import", empty, "-o", out, NULL);
  g_assert_cmpint (r2.status, ==, 2);
  run_cli (&r3, "import", missing, "-o", out, NULL);
  g_assert_cmpint (r3.status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_import_usage (void)
{
  g_autofree char *input = sample ();
  g_auto(JxTestRun) no_output = { 0 };
  g_auto(JxTestRun) two = { 0 };
  g_auto(JxTestRun) ext = { 0 };

  run_cli (&no_output, "import", input, NULL);
  g_assert_cmpint (no_output.status, ==, 64);
  g_assert_nonnull (strstr (no_output.err, "-o"));
  run_cli (&two, "import", input, input, "-o", "x.jixiao", NULL);
  g_assert_cmpint (two.status, ==, 64);
  run_cli (&ext, "import", input, "-o", "x.pdf", NULL);
  g_assert_cmpint (ext.status, ==, 64);
}

static void
test_import_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *input = sample ();
  g_autofree char *out = g_build_filename (dir, "imported.json", NULL);
  g_autofree char *back = g_build_filename (dir, "back.jixiao", NULL);
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) convert = { 0 };

  run_cli (&run, "import", input, "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&convert, "convert", out, back, NULL);
  g_assert_cmpint (convert.status, ==, 0);
}

/* The example is canonical: converting it gives the same bytes. */
static void
test_example_is_canonical (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *copy = g_build_filename (dir, "copy.jixiao", NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_auto(JxTestRun) run = { 0 };

  run_cli (&run, "convert", example, copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  a = read_file (example);
  b = read_file (copy);
  g_assert_cmpstr (a, ==, b);
  /* It shows what a table under review holds: the importer's comments and
   * a reviewer's, with a reply. */
  g_assert_nonnull (strstr (a, "author=\"导入\""));
  g_assert_nonnull (strstr (a, "请说明社区党员活动经费的测算依据。"));
}

/* --- hostile input (issue 12) --------------------------------------------- */

/* Writes @contents to a new file @name in a new folder; returns its path. */
static char *
temp_file (const char *name,
           const char *contents,
           gssize      length)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

/* JSON nested 100,000 levels deep crashed json-glib's recursive parser:
 * each command refuses it as unreadable, at the bracket one level too deep. */
static void
test_json_too_deep (void)
{
  static const char *commands[] = { "validate", "totals", "convert" };
  GString *deep = g_string_new ("{\"units\":");
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  path = temp_file ("deep.json", deep->str, deep->len);
  g_string_free (deep, TRUE);
  dir = g_path_get_dirname (path);
  out = g_build_filename (dir, "out.jixiao", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(JxTestRun) run = { 0 };
      g_autofree char *place = g_strdup_printf ("%s:1:73:", path);

      if (g_str_equal (commands[i], "convert"))
        run_cli (&run, commands[i], path, out, NULL);
      else
        run_cli (&run, commands[i], path, NULL);
      g_assert_cmpint (run.status, ==, 2);
      /* {"units": is 9 characters; the 65th '[' is one level too deep. */
      g_assert_nonnull (strstr (run.err, place));
      g_assert_nonnull (strstr (run.err, "levels deep"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

/* A document of a newer format opens read-only: validate says so. */
static void
test_validate_newer_format (void)
{
  g_autofree char *clean = fixture ("clean.jixiao");
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) newer = NULL;
  g_auto(JxTestRun) run = { 0 };

  g_assert_true (g_file_get_contents (clean, &contents, NULL, NULL));
  newer = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (newer, "format=\"1\"", "format=\"7\"", 1), ==, 1);
  path = temp_file ("newer.jixiao", newer->str, newer->len);

  run_cli (&run, "validate", path, NULL);
  g_assert_nonnull (strstr (run.err, "[format]"));
  g_assert_nonnull (strstr (run.err, "warning"));
  g_assert_nonnull (strstr (run.out, "0 errors, 1 warnings"));
}

/* An id XML cannot hold is refused where it is read, with its JSON path,
 * not at save time as "a bug in Jixiao". */
static void
test_json_bad_id (void)
{
  g_autofree char *path = temp_file ("bad-id.json",
                                     "{\"format\":1,\"year\":2024,\"units\":[{\"id\":\"u 1\",\"name\":\"x\"}]}", -1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *out = g_build_filename (dir, "out.jixiao", NULL);
  g_auto(JxTestRun) run = { 0 };

  run_cli (&run, "convert", path, out, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "units[0].id"));
  g_assert_null (strstr (run.err, "bug"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* A text too long for a table is refused as the JSON is read; the longest
 * one allowed converts and reads back. */
static void
test_json_text_limits (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jixiao", NULL);

  for (guint over = 0; over <= 1; over++)
    {
      GString *json = g_string_new ("{\"format\":1,\"year\":2024,\"units\":[{\"name\":\"u\",\"projects\":[{\"name\":\"p\",\"goal\":\"");
      g_autofree char *path = NULL;
      g_auto(JxTestRun) run = { 0 };
      g_auto(JxTestRun) back = { 0 };

      /* 50,000 characters, each of which the writer escapes to 5 bytes. */
      for (guint i = 0; i < 50000 + over; i++)
        g_string_append_c (json, '&');
      g_string_append (json, "\"}]}]}");
      path = g_build_filename (dir, over ? "long.json" : "longest.json", NULL);
      g_assert_true (g_file_set_contents (path, json->str, json->len, NULL));
      g_string_free (json, TRUE);
      g_unlink (out);

      run_cli (&run, "convert", path, out, NULL);
      if (over)
        {
          g_assert_cmpint (run.status, !=, 0);
          g_assert_nonnull (strstr (run.err, "units[0].projects[0].goal"));
          g_assert_nonnull (strstr (run.err, "50001"));
          g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
        }
      else
        {
          g_assert_cmpint (run.status, ==, 0);
          run_cli (&back, "validate", out, NULL);
          g_assert_cmpint (back.status, !=, 2);
          g_assert_null (strstr (back.err, "xml-syntax"));
        }
    }
}

/* --- the yearly cycle: new-year, diff, comments ---------------------------- */

/* The example with @from replaced by @to (which must be there), in @dir. */
static char *
edited_example (const char *dir,
                const char *name,
                const char *from,
                const char *to)
{
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *text = read_file (example);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_auto(GStrv) parts = g_strsplit (text, from, 2);
  g_autofree char *edited = NULL;

  g_assert_nonnull (parts[1]);
  edited = g_strconcat (parts[0], to, parts[1], NULL);
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  return g_steal_pointer (&path);
}

static void
test_diff_same (void)
{
  g_autofree char *example = jx_test_example_path ();
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) json = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  run_cli (&run, "diff", example, example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "are the same table"));
  g_assert_cmpstr (run.err, ==, "");

  run_cli (&json, "diff", "--json", example, example, NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_object (parser, json.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "changes")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "comments")), ==, 0);
}

static void
test_diff_amount (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *changed = edited_example (dir, "returned.jixiao", "<project id=\"p3\" fiscal=\"8475.00\"",
                                             "<project id=\"p3\" fiscal=\"8500.50\"");
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) text = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *changes;
  JsonObject *change;

  run_cli (&run, "diff", "--json", example, changed, NULL);
  g_assert_cmpint (run.status, ==, 1);
  changes = json_object_get_array_member (parse_object (parser, run.out), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 1);
  change = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "change"), ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (change, "kind"), ==, "project");
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, "p3");
  g_assert_cmpstr (json_object_get_string_member (change, "field"), ==, "fiscal");
  g_assert_cmpstr (json_object_get_string_member (change, "old"), ==, "8475.00");
  g_assert_cmpstr (json_object_get_string_member (change, "new"), ==, "8500.50");
  g_assert_cmpstr (json_object_get_string_member (change, "delta"), ==, "25.50");

  run_cli (&text, "diff", example, changed, NULL);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_nonnull (strstr (text.out, "(p3): fiscal appropriation: 8,475.00 → 8,500.50 (+25.50)"));
  g_assert_nonnull (strstr (text.out, "1 change in the table, 0 in the comments."));

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("zh_CN.UTF-8 locale missing (generate it with locale-gen): Chinese output not checked");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");
  {
    g_auto(JxTestRun) zh = { 0 };

    run_cli_lang (&zh, "zh_CN.UTF-8", "diff", example, changed, NULL);
    g_assert_cmpint (zh.status, ==, 1);
    g_assert_nonnull (strstr (zh.out, "（p3）：财政拨款：8,475.00 → 8,500.50（+25.50）"));
    g_assert_nonnull (strstr (zh.out, "表格中 1 处变化"));
  }
}

static void
test_diff_unreadable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.jixiao", NULL);
  g_autofree char *prefix = g_strdup_printf ("%s:1:1: error: [xml-syntax] ", notes);
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) gone = { 0 };
  g_auto(JxTestRun) usage = { 0 };

  g_assert_true (g_file_set_contents (notes, "会议纪要\n", -1, NULL));
  run_cli (&run, "diff", example, notes, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_cmpstr (run.out, ==, "");

  run_cli (&gone, "diff", missing, example, NULL);
  g_assert_cmpint (gone.status, ==, 2);
  g_assert_nonnull (strstr (gone.err, missing));

  run_cli (&usage, "diff", example, NULL);
  g_assert_cmpint (usage.status, ==, 64);
}

static void
test_new_year (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *input = edited_example (dir, "2024.jixiao", "<table ", "<table ");
  g_autofree char *output = g_build_filename (dir, "2025.jixiao", NULL);
  g_autofree char *before = read_file (input);
  g_autofree char *after = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_auto(JxTestRun) run = { 0 };
  g_auto(JxTestRun) diff = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *changes;

  run_cli (&run, "new-year", input, "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("Left behind: 14 comments and 1 reply of last year’s review (they stay in %s).", input);
  g_assert_nonnull (strstr (run.out, expected));
  g_assert_nonnull (strstr (run.out, ": 2025, 35 projects"));

  after = read_file (input);
  g_assert_cmpstr (after, ==, before);
  written = read_file (output);
  g_assert_nonnull (strstr (written, "year=\"2025\""));
  g_assert_nonnull (strstr (written, "2025年项目支出绩效目标表"));
  g_assert_null (strstr (written, "<annotation"));
  g_assert_nonnull (strstr (written, "<project id=\"p3\" fiscal=\"8475.00\""));
  /* Last year's values travel with it (format 2). */
  g_assert_nonnull (strstr (written, " format=\"2\" year=\"2025\""));
  g_assert_nonnull (strstr (written, "<goal></goal>\n      <previous year=\"2024\"/>"));

  /* Compared by id: only the year and the title changed; the comments went. */
  run_cli (&diff, "diff", "--json", input, output, NULL);
  g_assert_cmpint (diff.status, ==, 1);
  changes = json_object_get_array_member (parse_object (parser, diff.out), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "field"), ==, "year");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (parse_object (parser, diff.out), "comments")),
                    ==, 14);
}

static void
test_new_year_refuses (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *input = edited_example (dir, "2024.jixiao", "<table ", "<table ");
  g_autofree char *output = g_build_filename (dir, "2025.jixiao", NULL);
  g_autofree char *link = g_build_filename (dir, "link.jixiao", NULL);
  g_autofree char *before = read_file (input);
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_auto(JxTestRun) refused = { 0 };
  g_auto(JxTestRun) forced = { 0 };
  g_auto(JxTestRun) onto_input = { 0 };
  g_auto(JxTestRun) via_link = { 0 };

  g_assert_true (g_file_set_contents (output, "next year's work\n", -1, NULL));
  run_cli (&refused, "new-year", input, "-o", output, NULL);
  g_assert_cmpint (refused.status, ==, 3);
  g_assert_nonnull (strstr (refused.err, "--force"));
  kept = read_file (output);
  g_assert_cmpstr (kept, ==, "next year's work\n");

  run_cli (&forced, "new-year", "--force", input, "-o", output, NULL);
  g_assert_cmpint (forced.status, ==, 0);

  /* Not even --force writes next year over this year. */
  g_assert_cmpint (symlink (input, link), ==, 0);
  run_cli (&onto_input, "new-year", "--force", input, "-o", input, NULL);
  g_assert_cmpint (onto_input.status, ==, 3);
  run_cli (&via_link, "new-year", "--force", input, "-o", link, NULL);
  g_assert_cmpint (via_link.status, ==, 3);
  after = read_file (input);
  g_assert_cmpstr (after, ==, before);
}

/* A strict RFC 4180 reader: a UTF-8 BOM first, CRLF after every record,
 * quotes only around whole fields, doubled inside. Fails the test on
 * anything else. */
static GPtrArray *
read_csv_strictly (const char *data,
                   gsize       len)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = data, *end = data + len;

  g_assert_cmpuint (len, >=, 3);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (g_utf8_validate (data, len, NULL));
  p += 3;
  while (p < end)
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (p < end);   /* a quote left open */
              if (*p == '"' && p + 1 < end && p[1] == '"')
                g_string_append_c (field, '"'), p++;
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
        }
      else
        for (; p < end && *p != ',' && *p != '\r' && *p != '\n'; p++)
          {
            g_assert_cmpint (*p, !=, '"');
            g_string_append_c (field, *p);
          }
      g_ptr_array_add (row, g_string_free (field, FALSE));
      field = g_string_new (NULL);
      g_assert_true (p < end);   /* every record ends with CRLF */
      if (*p == ',')
        p++;
      else
        {
          g_assert_cmpint (*p, ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
          if (rows->len > 1)
            g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, rows->len - 1)), ==,
                              g_strv_length (g_ptr_array_index (rows, 0)));
        }
    }
  g_string_free (field, TRUE);
  return rows;
}

static void
test_comments_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  /* A comment whose text holds what CSV must quote, on the table itself. */
  g_autofree char *input = edited_example (dir, "reviewed.jixiao", "  </annotations>",
                                           "    <annotation id=\"a99\" target=\"\" author=\"审核, 二处\" "
                                           "time=\"2024-03-05T09:00:00+08:00\" resolved=\"false\">\n"
                                           "      <text>第一行, 有逗号\n第二行 \"引号\"</text>\n"
                                           "    </annotation>\n  </annotations>");
  g_autofree char *csv = g_build_filename (dir, "comments.csv", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(JxTestRun) run = { 0 };
  gsize len;
  char **header, **first, **second, **third;

  run_cli (&run, "comments", input, "-o", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "15 comments, 1 reply"));
  g_assert_true (g_file_get_contents (csv, &data, &len, NULL));
  rows = read_csv_strictly (data, len);

  /* A header, then 15 comments and 1 reply. */
  g_assert_cmpuint (rows->len, ==, 1 + 16);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "Place");
  g_assert_cmpstr (header[7], ==, "Text");

  /* The comment on the whole table first, as it was typed. */
  first = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (first[0], ==, "(the whole table)");
  g_assert_cmpstr (first[4], ==, "审核, 二处");
  g_assert_cmpstr (first[7], ==, "第一行, 有逗号\r\n第二行 \"引号\"");
  g_assert_cmpstr (first[8], ==, "a99");

  /* Then project p1's comment on 财政拨款 and its reply under it. */
  second = g_ptr_array_index (rows, 2);
  third = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (second[0], ==, "社区党员活动经费");
  g_assert_cmpstr (second[2], ==, "fiscal appropriation");
  g_assert_cmpstr (second[3], ==, "comment");
  g_assert_cmpstr (second[7], ==, "请说明社区党员活动经费的测算依据。");
  g_assert_cmpstr (third[3], ==, "reply");
  g_assert_cmpstr (third[4], ==, "组织部 张起草");
  g_assert_cmpstr (third[9], ==, "p1");
}

static void
test_comments_open_and_formats (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *input = edited_example (dir, "reviewed.jixiao",
                                           "author=\"财政局 李审核\" time=\"2024-03-01T10:00:00+08:00\" resolved=\"false\"",
                                           "author=\"财政局 李审核\" time=\"2024-03-01T10:00:00+08:00\" resolved=\"true\"");
  g_autofree char *csv = g_build_filename (dir, "open.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "open.pdf", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(JxTestRun) open = { 0 };
  g_auto(JxTestRun) text = { 0 };
  g_auto(JxTestRun) later = { 0 };
  gsize len;

  run_cli (&open, "comments", "--open", input, "-o", csv, NULL);
  g_assert_cmpint (open.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &data, &len, NULL));
  rows = read_csv_strictly (data, len);
  /* The resolved comment and its reply are left out. */
  g_assert_cmpuint (rows->len, ==, 1 + 13);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpstr (((char **) g_ptr_array_index (rows, i))[6], ==, "open");

  run_cli (&text, "comments", input, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "社区党员活动经费 / fiscal appropriation\n"
                                      "  财政局 李审核 · 2024-03-01T10:00:00+08:00 · resolved: "));
  g_assert_nonnull (strstr (text.out, "\n    ↳ 组织部 张起草 · "));

  /* The same report as PDF (the report renderer), read back with pdftotext. */
  run_cli (&later, "comments", "--open", input, "-o", pdf, NULL);
  g_assert_cmpint (later.status, ==, 0);
  g_assert_nonnull (strstr (later.out, "13 comments, 0 replies"));
  {
    g_autofree char *pdf_text = NULL;
    g_autofree char *pdf_err = NULL;
    g_autoptr(GError) error = NULL;
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                       &pdf_text, &pdf_err, &status, &error))
      {
        g_test_skip ("pdftotext (poppler-utils) is missing: the PDF comments report was written but not read back");
        return;
      }
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (pdf_text, "Comments on"));
    g_assert_nonnull (strstr (pdf_text, "公开的原表（第 8 行）"));
    /* --open: the resolved comment and its reply are not in it. */
    g_assert_null (strstr (pdf_text, "请说明社区党员活动经费的测算依据"));
    g_assert_null (strstr (pdf_text, "按每个社区党组织标准测算"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help-and-usage-errors", test_help_and_usage);
  g_test_add_func ("/cli/validate/clean-file-exits-0", test_validate_clean);
  g_test_add_func ("/cli/validate/problems-with-lines-exit-1", test_validate_problems);
  g_test_add_func ("/cli/validate/json", test_validate_json);
  g_test_add_func ("/cli/validate/unreadable-exits-2", test_validate_unreadable);
  g_test_add_func ("/cli/validate/refuses-xxe", test_validate_xxe);
  g_test_add_func ("/cli/validate/garbage-amount-located", test_validate_bad_amount);
  g_test_add_func ("/cli/totals/json", test_totals_json);
  g_test_add_func ("/cli/totals/text-in-english-and-chinese", test_totals_text);
  g_test_add_func ("/cli/totals/example-adds-up", test_totals_example);
  g_test_add_func ("/cli/convert/round-trip-is-stable", test_convert_round_trip);
  g_test_add_func ("/cli/convert/template", test_convert_template);
  g_test_add_func ("/cli/convert/unknown-format-is-refused", test_convert_unknown_format);
  g_test_add_func ("/cli/convert/without-export-module", test_convert_without_export_module);
  g_test_add_func ("/cli/convert/unreadable-input-writes-nothing", test_convert_unreadable_writes_nothing);
  g_test_add_func ("/cli/convert/example-is-canonical", test_example_is_canonical);
  g_test_add_func ("/cli/import/sample-with-located-warnings", test_import_sample);
  g_test_add_func ("/cli/import/refuses-to-overwrite-without-force", test_import_refuses_to_overwrite);
  g_test_add_func ("/cli/import/unreadable-input-exits-2", test_import_unreadable);
  g_test_add_func ("/cli/import/usage-errors", test_import_usage);
  g_test_add_func ("/cli/import/json-output", test_import_json);
  g_test_add_func ("/cli/hostile/json-too-deep", test_json_too_deep);
  g_test_add_func ("/cli/hostile/json-bad-id", test_json_bad_id);
  g_test_add_func ("/cli/hostile/json-text-limits", test_json_text_limits);
  g_test_add_func ("/cli/validate/newer-format-says-so", test_validate_newer_format);
  g_test_add_func ("/cli/diff/same-table-exits-0", test_diff_same);
  g_test_add_func ("/cli/diff/changed-amount-exits-1-with-delta", test_diff_amount);
  g_test_add_func ("/cli/diff/non-document-exits-2-naming-it", test_diff_unreadable);
  g_test_add_func ("/cli/new-year/next-year-same-ids-no-comments", test_new_year);
  g_test_add_func ("/cli/new-year/refuses-existing-output-and-input", test_new_year_refuses);
  g_test_add_func ("/cli/comments/csv-grouped-rfc4180", test_comments_csv);
  g_test_add_func ("/cli/comments/open-text-and-pdf", test_comments_open_and_formats);

  return g_test_run ();
}
