/* test-cli.c: jixiao-cli as scripts and people use it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "jx-money.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs jixiao-cli with the arguments (NULL-terminated) in the C locale,
 * unless @lang is given. */
static void
run_cli_lang (Run        *run,
              const char *lang,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("JX_CLI"));
  va_start (ap, lang);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", lang ? lang : "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", lang ? "zh_CN" : "", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
}

#define run_cli(run, ...) run_cli_lang (run, NULL, __VA_ARGS__)

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "cli", name, NULL);
}

static char *
example_path (void)
{
  return g_build_filename (g_getenv ("JX_SOURCE_ROOT"), "data", "examples",
                           "guangzhou-organization-dept-2024.jixiao", NULL);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("jixiao-cli %s\n", PACKAGE_VERSION);

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
}

static void
test_help_and_usage (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "validate [--json]"));
  g_assert_nonnull (strstr (help.out, "totals [--json]"));
  g_assert_nonnull (strstr (help.out, "convert INPUT OUTPUT"));

  run_cli (&none, NULL);
  g_assert_cmpint (none.status, ==, 64);

  run_cli (&unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 64);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
}

static void
test_validate_clean (void)
{
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
  g_auto(Run) zh = { 0 };
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
      g_test_message ("zh_CN.UTF-8 locale missing; Chinese output not checked");
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
  g_auto(Run) run = { 0 };
  g_autofree char *path = example_path ();
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
  /* The six projects typed from the sample: 10,464.80 + 2 × 8,475.00 +
   * 7,150.00 + 2 × 5,725.00. */
  g_assert_cmpint (total, ==, 4601480);
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
  g_autofree char *example = example_path ();
  g_autofree char *a = g_build_filename (dir, "a.jixiao", NULL);
  g_autofree char *b = g_build_filename (dir, "b.jixiao", NULL);
  g_autofree char *j = g_build_filename (dir, "c.json", NULL);
  g_autofree char *c = g_build_filename (dir, "c.jixiao", NULL);
  g_autofree char *text_a = NULL, *text_b = NULL, *text_c = NULL;
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_auto(Run) r4 = { 0 };

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

/* Exports that come later say so, and write nothing. */
static void
test_convert_later_formats (void)
{
  static const char *later[] = { "csv", "xlsx", "pdf" };
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *clean = fixture ("clean.jixiao");

  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      g_autofree char *name = g_strdup_printf ("out.%s", later[i]);
      g_autofree char *out = g_build_filename (dir, name, NULL);
      g_autofree char *ext = g_strdup_printf (".%s", later[i]);
      g_auto(Run) run = { 0 };

      run_cli (&run, "convert", clean, out, NULL);
      g_assert_cmpint (run.status, ==, 64);
      g_assert_nonnull (strstr (run.err, ext));
      g_assert_nonnull (strstr (run.err, "not available"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

static void
test_convert_unreadable_writes_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jixiao", NULL);
  g_autofree char *json = g_build_filename (dir, "out.json", NULL);
  g_autofree char *truncated = fixture ("truncated.jixiao");
  g_autofree char *xxe = fixture ("xxe.jixiao");
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };

  run_cli (&r1, "convert", truncated, out, NULL);
  g_assert_cmpint (r1.status, ==, 2);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  run_cli (&r2, "convert", xxe, json, NULL);
  g_assert_cmpint (r2.status, ==, 2);
  g_assert_false (g_file_test (json, G_FILE_TEST_EXISTS));
  g_assert_null (strstr (r2.err, "root:"));
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
  g_test_add_func ("/cli/convert/later-formats-say-so", test_convert_later_formats);
  g_test_add_func ("/cli/convert/unreadable-input-writes-nothing", test_convert_unreadable_writes_nothing);

  return g_test_run ();
}
