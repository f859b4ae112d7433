/* jx-cli.c: jixiao-cli, the core on the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interface is stable (docs/design.md, README.md): scripts and tests rely on
 * the commands, the one-line problem format and these exit codes.
 */
#define G_LOG_DOMAIN "jx-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gmodule.h>

#include "jx-diff.h"
#include "jx-convert.h"
#include "jx-export.h"
#include "jx-import.h"
#include "jx-init.h"
#include "jx-json.h"
#include "jx-limits.h"
#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-new-year.h"
#include "jx-review.h"
#include "jx-review-pdf.h"
#include "jx-storage.h"
#include "jx-validator.h"
#include "jx-xml.h"

enum {
  EXIT_OK = 0,          /* done; for validate: no errors */
  EXIT_ERRORS = 1,      /* validate found errors */
  EXIT_UNREADABLE = 2,  /* an input could not be read as a document */
  EXIT_UNWRITABLE = 3,  /* the output could not be written */
  EXIT_USAGE = 64,      /* wrong arguments, or a command not available yet */
};

/* --- the export libraries, loaded by the commands that export ----------
 *
 * libjixiao-report (the PDF, xlsx and csv writers) and what it links — Pango,
 * Cairo, FreeType, fontconfig, HarfBuzz, libxlsxwriter, some 30 shared
 * objects — are built into a module of their own (jixiao-cli-export.so, see
 * src/cli/meson.build) that convert and comments load when they write an
 * export, so validate, totals, diff and import start without them. The
 * module takes the core from this program (linked whole and exported), never
 * a copy of its own: one set of GTypes. It is looked for beside the program
 * (the build tree), then in JX_CLI_MODULEDIR (where it is installed). */
static struct {
  __typeof__ (jx_export_format_for_path) *format_for_path;
  __typeof__ (jx_export) *export;
  __typeof__ (jx_export_error_quark) *error_quark;
  __typeof__ (jx_review_write_pdf) *review_write_pdf;
} exporter;

static gboolean
load_exporter (GError **error)
{
  static GModule *module;
  static char *failure;
  g_autofree char *self = NULL;
  g_autoptr(GPtrArray) tried = g_ptr_array_new_with_free_func (g_free);

  if (module == NULL && failure == NULL)
    {
      self = g_file_read_link ("/proc/self/exe", NULL);
      if (self != NULL)
        {
          g_autofree char *dir = g_path_get_dirname (self);
          g_ptr_array_add (tried, g_build_filename (dir, "jixiao-cli-export.so", NULL));
        }
      g_ptr_array_add (tried, g_build_filename (JX_CLI_MODULEDIR, "jixiao-cli-export.so", NULL));
      for (guint i = 0; i < tried->len && module == NULL; i++)
        if (g_file_test (g_ptr_array_index (tried, i), G_FILE_TEST_EXISTS) || i + 1 == tried->len)
          module = g_module_open (g_ptr_array_index (tried, i), G_MODULE_BIND_LOCAL);
      if (module == NULL
          || !g_module_symbol (module, "jx_export_format_for_path", (gpointer *) &exporter.format_for_path)
          || !g_module_symbol (module, "jx_export", (gpointer *) &exporter.export)
          || !g_module_symbol (module, "jx_export_error_quark", (gpointer *) &exporter.error_quark)
          || !g_module_symbol (module, "jx_review_write_pdf", (gpointer *) &exporter.review_write_pdf))
        /* TRANSLATORS: %s: the loader's reason, naming the file */
        failure = g_strdup_printf (_("the export module of this installation could not be loaded (%s); "
                                     "reinstall Jixiao"), g_module_error ());
    }
  if (failure != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, failure);
      return FALSE;
    }
  return TRUE;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n%s\n\n%s\n",
           _("Usage: jixiao-cli COMMAND [OPTION…] FILE…"),
           _("Commands:"),
           _("  validate [--json] FILE…     check documents the way a reviewer does"),
           _("  totals [--json] FILE        every project, funding unit and the grand total (合计)"),
           _("  convert INPUT OUTPUT [--force] [--comments] [--last-year] [--template ID]\n"
             "                              convert by extension: .jixiao, .json, or export the official\n"
             "                              table: .pdf, .xlsx, .csv; --force replaces OUTPUT; --comments\n"
             "                              appends the open comments to a PDF; --last-year adds last\n"
             "                              year’s values (上年) of a table made by new-year; --template\n"
             "                              converts the table to another kind first"),
           _("  import INPUT -o OUTPUT [--force]\n"
             "                              read a published table (text extracted from its PDF) into a\n"
             "                              document; warnings name the line; --force replaces OUTPUT"),
           _("  new-year INPUT -o OUTPUT [--force]\n"
             "                              next year’s draft: year + 1, same ids and amounts, no comments\n"
             "                              (says how many it left behind); INPUT is never changed"),
           _("  diff [--json] OLD NEW       what changed between two versions: exit 0 same, 1 different"),
           _("  comments [--open] FILE [-o OUTPUT.pdf|.csv]\n"
             "                              the comments with their replies, grouped by project and field"),
           _("  --version | --help"),
           _("Exit status: 0 success (validate: no errors; diff: the same), 1 errors found (diff: "
             "different), 2 an input is unreadable, 3 the output could not be written (or exists), "
             "64 usage error."));
}

static void
usage_error (const char *message)
{
  fprintf (stderr, "jixiao-cli: %s\n", message);
  fprintf (stderr, "%s\n", _("Run “jixiao-cli --help” for usage."));
}

/* Rules whose failure means the file is not a readable document at all, as
 * opposed to a document with errors in it. */
static gboolean
is_unreadable (const JxProblem *problem)
{
  static const char *unreadable[] = { "io", "xml-syntax", "doctype", "namespace" };

  if (problem == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (unreadable); i++)
    if (g_str_equal (problem->rule, unreadable[i]))
      return TRUE;
  return FALSE;
}

/* The program ends right after its last document: handing that one to the
 * end of the process instead of freeing 100,000 objects one by one saves a
 * tenth of the time of validating a large table. */
static void
drop_last_document (JxDocument **doc)
{
  static JxDocument *kept;

  kept = g_steal_pointer (doc);
  (void) kept;
}

static JxDocument *
load_document (const char  *path,
               JxProblem  **problem,
               GError     **error)
{
  if (g_str_has_suffix (path, ".json"))
    {
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
      g_autoptr(JsonNode) root = NULL;
      guint line = 0, column = 0;

      if (file != NULL)
        root = jx_json_parse_limited (g_mapped_file_get_contents (file),
                                      g_mapped_file_get_length (file),
                                      &line, &column, error);
      if (root == NULL)
        {
          if (problem != NULL)
            *problem = jx_problem_new (JX_SEVERITY_ERROR, "io", line, column, NULL, NULL,
                                       (*error)->message);
          return NULL;
        }
      return jx_json_to_document (root, error);
    }
  return jx_storage_load (path, problem, error);
}

/* --- validate ------------------------------------------------------------ */

static JsonNode *
problem_to_json (const JxProblem *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, jx_severity_to_string (p->severity));
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, p->rule);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, p->line);
  json_builder_set_member_name (b, "column");
  json_builder_add_int_value (b, p->column);
  json_builder_set_member_name (b, "target");
  if (p->target != NULL)
    json_builder_add_string_value (b, p->target);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "field");
  if (p->field != NULL)
    json_builder_add_string_value (b, p->field);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "message");
  json_builder_add_string_value (b, p->message);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The rule table as the Markdown page docs/rules.md (a test keeps the two
 * equal): in the C locale that page, in Chinese its translation. */
static int
print_rules (void)
{
  guint n;
  const JxRule *rules = jx_validator_get_rules (&n);
  g_autoptr(GString) exempt = NULL;

  printf ("# %s\n\n%s\n\n", _("Validation rules"),
          _("What “jixiao-cli validate” and the editor check, rule by rule. Generated by "
            "“jixiao-cli validate --list-rules”: do not edit by hand."));
  printf ("| %s | %s | %s | %s |\n|---|---|---|---|\n",
          _("rule"), _("severity"), _("what"), _("why"));
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) what = g_strsplit (_(rules[i].what), "|", -1);
      g_auto(GStrv) why = g_strsplit (_(rules[i].why), "|", -1);
      g_autofree char *what_md = g_strjoinv ("\\|", what);
      g_autofree char *why_md = g_strjoinv ("\\|", why);

      printf ("| `%s` | %s | %s | %s |\n", rules[i].id, jx_severity_to_string (rules[i].severity),
              what_md, why_md);
    }

  exempt = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    if (rules[i].confidential_exempt)
      /* TRANSLATORS: between the items of a list */
      g_string_append_printf (exempt, "%s`%s`", exempt->len ? C_("list", ", ") : "", rules[i].id);
  printf ("\n");
  /* TRANSLATORS: %s is a list of rule ids */
  printf (_("Confidential (涉密) projects are published without their goal and values, so they are "
            "exempt from the completeness and quantification rules: %s. Their codes, amounts and "
            "indicator names are still checked.\n"), exempt->str);
  return EXIT_OK;
}

/* Where validate's findings go: each printed as found, counted, and kept
 * only for --json. */
typedef struct
{
  const char *path;
  GString    *line;
  GPtrArray  *kept;     /* NULL: freed once printed */
  guint       n_errors;
  guint       n_warnings;
} Printer;

static void
print_problem (JxProblem *problem,
               gpointer   user_data)
{
  Printer *printer = user_data;

  if (problem->severity == JX_SEVERITY_ERROR)
    printer->n_errors++;
  else
    printer->n_warnings++;
  g_string_truncate (printer->line, 0);
  jx_problem_append (problem, printer->path, printer->line);
  g_string_append_c (printer->line, '\n');
  fwrite (printer->line->str, 1, printer->line->len, stderr);
  if (printer->kept != NULL)
    g_ptr_array_add (printer->kept, problem);
  else
    jx_problem_free (problem);
}

static int
cmd_validate (int argc, char **argv)
{
  gboolean json = FALSE;
  gboolean list_rules = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON on standard output"), NULL },
    { "list-rules", 0, 0, G_OPTION_ARG_NONE, &list_rules,
      N_("Print every rule (id, severity, what, why) as a Markdown table, and check nothing"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) out = json_builder_new ();
  int status = EXIT_OK;

  g_option_context_set_summary (context, _("Check documents the way a reviewer does."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message), EXIT_USAGE;
  if (list_rules)
    return print_rules ();
  if (files == NULL || files[0] == NULL)
    return usage_error (_("validate needs at least one FILE")), EXIT_USAGE;

  json_builder_begin_object (out);
  json_builder_set_member_name (out, "files");
  json_builder_begin_array (out);

  /* stderr is unbuffered: one write for each of 120,000 findings took
   * longer than the check itself. */
  setvbuf (stderr, NULL, _IOFBF, 64 * 1024);
  for (guint f = 0; files[f] != NULL; f++)
    {
      const char *path = files[f];
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
      g_autoptr(JxDocument) doc = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GString) line = g_string_new (NULL);
      JxProblem *load_problem = NULL;
      Printer printer = { path, line, json ? problems : NULL, 0, 0 };
      guint n_errors, n_warnings;

      doc = load_document (path, &load_problem, &load_error);
      if (doc == NULL)
        {
          if (load_problem == NULL)
            load_problem = jx_problem_new (JX_SEVERITY_ERROR, "io", 0, 0, NULL, NULL,
                                           load_error->message);
          status = MAX (status, is_unreadable (load_problem) ? EXIT_UNREADABLE : EXIT_ERRORS);
          print_problem (load_problem, &printer);
        }
      else
        {
          /* A warning of the loader (a newer format) comes first; the
           * findings are printed as they are found, not held. */
          if (load_problem != NULL)
            print_problem (load_problem, &printer);
          jx_validate_document_foreach (doc, print_problem, &printer);
          if (files[f + 1] == NULL)
            drop_last_document (&doc);
        }
      fflush (stderr);

      n_errors = printer.n_errors;
      n_warnings = printer.n_warnings;
      if (n_errors > 0)
        status = MAX (status, EXIT_ERRORS);

      if (json)
        {
          /* Built only when asked for: a JSON tree of 120,000 findings
           * cost more memory than the document itself. */
          json_builder_begin_object (out);
          json_builder_set_member_name (out, "file");
          json_builder_add_string_value (out, path);
          json_builder_set_member_name (out, "errors");
          json_builder_add_int_value (out, n_errors);
          json_builder_set_member_name (out, "warnings");
          json_builder_add_int_value (out, n_warnings);
          json_builder_set_member_name (out, "problems");
          json_builder_begin_array (out);
          for (guint i = 0; i < problems->len; i++)
            json_builder_add_value (out, problem_to_json (g_ptr_array_index (problems, i)));
          json_builder_end_array (out);
          json_builder_end_object (out);
        }
      else
        /* TRANSLATORS: FILE: N errors, N warnings */
        printf (_("%s: %u errors, %u warnings\n"), path, n_errors, n_warnings);
    }

  setvbuf (stderr, NULL, _IONBF, 0);
  json_builder_end_array (out);
  json_builder_end_object (out);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (out);
      g_autofree char *text = jx_json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  return status;
}

/* --- totals -------------------------------------------------------------- */

/* Display width on a terminal: CJK characters take two columns. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      width += g_unichar_iswide (c) ? 2 : (g_unichar_iszerowidth (c) ? 0 : 1);
    }
  return width;
}

static void
print_padded (const char *text,
              guint       width,
              gboolean    right)
{
  guint w = display_width (text);
  guint pad = w < width ? width - w : 0;

  if (right)
    printf ("%*s%s", pad, "", text);
  else
    printf ("%s%*s", text, pad, "");
}

/* A row of the totals table: @name, @total, then the @n_sources amounts of
 * the funding sources. */
static void
print_amount_row (JxDocument    *doc,
                  const char    *name,
                  int            indent,
                  JxMoney        total,
                  const JxMoney *sources,
                  guint          n_sources)
{
  printf ("%*s", indent, "");
  print_padded (name, 44 - indent, FALSE);
  for (guint i = 0; i <= n_sources; i++)
    {
      g_autofree char *text = jx_document_format_amount (doc, i == 0 ? total : sources[i - 1]);
      printf (" ");
      print_padded (text, 14, TRUE);
    }
  printf ("\n");
}

static int
cmd_totals (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the totals as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxProblem) problem = NULL;
  GListModel *units;
  guint n_sources;

  g_option_context_set_summary (context, _("Print every project, funding unit and the grand total (合计)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message), EXIT_USAGE;
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return usage_error (_("totals needs exactly one FILE")), EXIT_USAGE;

  doc = load_document (files[0], &problem, &error);
  if (doc == NULL)
    {
      g_autofree char *line = problem ? jx_problem_format (problem, files[0]) : NULL;
      fprintf (stderr, "%s\n", line ? line : error->message);
      return EXIT_UNREADABLE;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = jx_json_totals (doc);
      g_autofree char *text = jx_json_to_string (root, TRUE);
      printf ("%s\n", text);
      return EXIT_OK;
    }

  /* The columns: 总计, then the funding sources of the table of fields, in
   * the document's unit, usually 万元. */
  n_sources = jx_document_get_n_sources (doc);
  print_padded (_("Project (funding unit)"), 44, FALSE);
  for (guint i = 0; i <= n_sources; i++)
    {
      const JxField *column = i == 0 ? jx_field_lookup (JX_FIELD_OWNER_PROJECT, "total")
                                     : jx_document_get_source (doc, i - 1);
      printf (" ");
      print_padded (jx_field_get_short_label (column), 14, TRUE);
    }
  printf ("\n");

  units = jx_document_get_units (doc);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);
      JxMoney sources[JX_MAX_SOURCES];

      jx_funding_unit_sum_sources (unit, sources);
      print_amount_row (doc, jx_funding_unit_get_name (unit), 0, jx_funding_unit_get_total (unit),
                        sources, n_sources);
      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          for (guint k = 0; k < n_sources; k++)
            sources[k] = jx_project_get_source (project, k);
          print_amount_row (doc, jx_project_get_name (project), 2, jx_project_get_total (project),
                            sources, n_sources);
        }
    }
  {
    JxMoney sources[JX_MAX_SOURCES];

    jx_document_sum_sources (doc, sources);
    /* TRANSLATORS: the grand total row of a table */
    print_amount_row (doc, _("合计 (grand total)"), 0, jx_document_get_total (doc), sources, n_sources);
  }
  /* TRANSLATORS: %s is the unit of amounts, usually 万元 */
  printf (_("Amounts in %s; %u projects, %u indicators.\n"), jx_document_get_unit (doc),
          jx_document_get_n_projects (doc), jx_document_get_n_indicators (doc));
  return EXIT_OK;
}

/* --- convert ------------------------------------------------------------- */

static const char *
extension_of (const char *path)
{
  const char *base = strrchr (path, '/');
  const char *dot = strrchr (base ? base : path, '.');

  return dot ? dot + 1 : "";
}

static int
cmd_convert (int argc, char **argv)
{
  g_auto(GStrv) files = NULL;
  gboolean force = FALSE;
  gboolean comments = FALSE;
  gboolean last_year = FALSE;
  g_autofree char *template_id = NULL;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUTPUT if it exists"), NULL },
    { "comments", 0, 0, G_OPTION_ARG_NONE, &comments, N_("Append the open comments, grouped by project (PDF)"), NULL },
    { "last-year", 0, 0, G_OPTION_ARG_NONE, &last_year,
      N_("Add last year’s values (上年) of a table made by new-year: a 上年总计 column and each annual value’s "
         "last-year value (PDF, xlsx, csv)"), NULL },
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id,
      N_("Convert the table to template ID first (what has no place is kept as comments)"), N_("ID") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("INPUT OUTPUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autofree char *out_ext = NULL;
  JxReportOptions options = { 0 };
  const char *in_ext;
  gboolean export;

  g_option_context_set_summary (context, _("Convert a document; the formats follow from the extensions "
                                           "(.jixiao, .json; exports: .pdf, .xlsx, .csv). "
                                           "An existing OUTPUT is replaced only with --force."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message), EXIT_USAGE;
  if (files == NULL || g_strv_length (files) != 2)
    return usage_error (_("convert needs INPUT and OUTPUT")), EXIT_USAGE;

  in_ext = extension_of (files[0]);
  out_ext = g_ascii_strdown (extension_of (files[1]), -1);
  if (!g_str_equal (in_ext, "jixiao") && !g_str_equal (in_ext, "json"))
    {
      g_autofree char *msg = g_strdup_printf (_("cannot read “%s”: the input must be a .jixiao or .json document "
                                                "(published tables are read with “jixiao-cli import”)"), files[0]);
      return usage_error (msg), EXIT_USAGE;
    }
  /* Only an export needs the export module. */
  export = FALSE;
  if (!g_str_equal (out_ext, "jixiao") && !g_str_equal (out_ext, "json"))
    {
      if (!load_exporter (&error))
        {
          fprintf (stderr, "%s: error: [io] %s\n", files[1], error->message);
          return EXIT_UNWRITABLE;
        }
      export = exporter.format_for_path (files[1], NULL);
    }
  if (!export && !g_str_equal (out_ext, "jixiao") && !g_str_equal (out_ext, "json"))
    {
      g_autofree char *msg = g_strdup_printf (_("unknown output format “.%s”; use .jixiao, .json, .pdf, .xlsx or .csv"),
                                              out_ext);
      return usage_error (msg), EXIT_USAGE;
    }
  if (!export && (comments || last_year))
    return usage_error (_("--comments and --last-year are for exports (.pdf, .xlsx, .csv)")), EXIT_USAGE;
  /* As import: an existing file is never replaced by accident. */
  if (!force && g_file_test (files[1], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "%s: error: [io] %s\n", files[1],
               _("the file exists; nothing was written. Choose another name, or add --force to replace it"));
      return EXIT_UNWRITABLE;
    }

  /* Read everything first: an unreadable input never produces an output. */
  doc = load_document (files[0], &problem, &error);
  if (doc == NULL)
    {
      g_autofree char *line = problem ? jx_problem_format (problem, files[0]) : NULL;
      fprintf (stderr, "%s\n", line ? line : error->message);
      return EXIT_UNREADABLE;
    }
  if (template_id != NULL)
    {
      JxTemplate *template = jx_template_get_builtin (template_id, &error);
      g_autoptr(GPtrArray) kept = NULL;

      if (template == NULL)
        return usage_error (error->message), EXIT_USAGE;
      kept = jx_convert_preview (doc, template);
      for (guint i = 0; i < kept->len; i++)
        /* TRANSLATORS: a value a template change keeps as a comment */
        fprintf (stderr, _("%s: kept as a comment: %s\n"), files[0], (const char *) g_ptr_array_index (kept, i));
      jx_edit_set_template (doc, template);
    }

  options.comments = comments;
  options.last_year = last_year;
  if (export)
    {
      if (!exporter.export (doc, files[1], &options, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "%s: error: [%s] %s\n", files[1],
                   g_error_matches (error, exporter.error_quark (), JX_EXPORT_ERROR_TOO_LONG) ? "too-long" : "io",
                   error->message);
          return EXIT_UNWRITABLE;
        }
    }
  else if (g_str_equal (out_ext, "json"))
    {
      g_autoptr(JsonNode) root = jx_json_from_document (doc);
      g_autofree char *text = jx_json_to_string (root, TRUE);
      g_autofree char *with_newline = g_strconcat (text, "\n", NULL);

      if (!g_file_set_contents_full (files[1], with_newline, -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0644, &error))
        {
          fprintf (stderr, "%s: error: [io] %s\n", files[1], error->message);
          return EXIT_UNWRITABLE;
        }
    }
  else if (!jx_storage_save (doc, files[1], JX_SAVE_OVERWRITE, &error))
    {
      fprintf (stderr, "%s: error: [io] %s\n", files[1], error->message);
      return EXIT_UNWRITABLE;
    }
  return EXIT_OK;
}

/* --- import -------------------------------------------------------------- */

/* Writes @doc to @output by its extension (.json, else .jixiao), saying on
 * stderr why it could not. */
static gboolean
write_document (JxDocument *doc,
                const char *output,
                gboolean    replace)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ext = g_ascii_strdown (extension_of (output), -1);

  if (g_str_equal (ext, "json"))
    {
      g_autoptr(JsonNode) root = jx_json_from_document (doc);
      g_autofree char *json = jx_json_to_string (root, TRUE);
      g_autofree char *with_newline = g_strconcat (json, "\n", NULL);

      if (!g_file_set_contents_full (output, with_newline, -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0644, &error))
        {
          fprintf (stderr, "%s: error: [io] %s\n", output, error->message);
          return FALSE;
        }
    }
  else if (!jx_storage_save (doc, output, replace ? JX_SAVE_OVERWRITE : JX_SAVE_DEFAULT, &error))
    {
      fprintf (stderr, "%s: error: [io] %s\n", output, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_output_extension (const char *output)
{
  g_autofree char *ext = g_ascii_strdown (extension_of (output), -1);

  if (g_str_equal (ext, "jixiao") || g_str_equal (ext, "json"))
    return TRUE;
  {
    g_autofree char *msg = g_strdup_printf (_("unknown output format “.%s”; use .jixiao or .json"), ext);
    usage_error (msg);
  }
  return FALSE;
}

/* The arguments of a command that reads one INPUT into -o OUTPUT (a
 * document): parses @context, then says on stderr what is missing, with the
 * command's own (translated) @one_input and @needs_output messages. */
static gboolean
parse_input_output (GOptionContext *context,
                    int            *argc,
                    char         ***argv,
                    GStrv          *files,
                    char          **output,
                    const char     *one_input,
                    const char     *needs_output)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (error->message), FALSE;
  if (*files == NULL || (*files)[0] == NULL || (*files)[1] != NULL)
    return usage_error (one_input), FALSE;
  if (*output == NULL)
    return usage_error (needs_output), FALSE;
  return check_output_extension (*output);
}

/* Refuses, on stderr, to write onto an existing file without --force. */
static gboolean
refuse_existing (const char *output,
                 gboolean    force)
{
  if (force || !g_file_test (output, G_FILE_TEST_EXISTS))
    return FALSE;
  fprintf (stderr, "%s: error: [io] %s\n", output,
           _("the file exists; nothing was written. Choose another name, or add --force to replace it"));
  return TRUE;
}

/* Line @line of @text (1-based), or NULL. @starts caches where the lines
 * start, so that many warnings cost one pass over the text. */
static char *
source_line (const char *text,
             gsize       len,
             GArray     *starts,
             guint       line)
{
  const char *end = text + len, *p, *nl;

  if (starts->len == 0)
    {
      gsize zero = 0;

      g_array_append_val (starts, zero);
      for (p = text; (nl = memchr (p, '\n', end - p)) != NULL; p = nl + 1)
        {
          gsize at = nl + 1 - text;
          g_array_append_val (starts, at);
        }
    }
  if (line == 0 || line > starts->len)
    return NULL;
  p = text + g_array_index (starts, gsize, line - 1);
  nl = memchr (p, '\n', end - p);
  /* Enough to show any warning's place in a real table; a line of
   * megabytes is not quoted whole for each of its warnings. */
  return g_strndup (p, MIN ((gsize) ((nl ? nl : end) - p), 16 * 1024));
}

/* The source line under a warning: tabs shown as " | ", at most about 120
 * characters, around @column when it is known. */
static char *
quote_line (const char *raw,
            guint       column)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *out = g_string_new ("    ");
  glong n = g_utf8_strlen (valid, -1);
  glong from = 0, to;
  const char *p;

  if (column > 60 && n > 120)
    from = MIN ((glong) column - 60, n - 120);
  to = MIN (n, from + 120);
  if (from > 0)
    g_string_append (out, "…");
  p = g_utf8_offset_to_pointer (valid, from);
  for (glong i = from; i < to; i++, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        g_string_append (out, " | ");
      else if (c == '\r' || c == '\f' || c < 0x20)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (to < n)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static int
cmd_import (int argc, char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the document to OUTPUT (.jixiao or .json)"), N_("OUTPUT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUTPUT if it exists (a backup of it is kept)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("INPUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) input = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autofree char *total = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *text;
  gsize len;

  g_option_context_set_summary (context,
                                _("Read a published table (the text extracted from its PDF) into a document.\n"
                                  "Misread amounts, wrapped names and cut cells are repaired where the table "
                                  "proves it, and reported as warnings on standard error, each with its line; "
                                  "text that cannot be placed is kept as a comment in the document."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_input_output (context, &argc, &argv, &files, &output, _("import needs exactly one INPUT"),
                           _("import needs the output document: -o OUTPUT.jixiao")))
    return EXIT_USAGE;
  /* An import never replaces a document silently: it may hold a day of work. */
  if (refuse_existing (output, force))
    return EXIT_UNWRITABLE;

  input = g_mapped_file_new (files[0], FALSE, &error);
  if (input == NULL)
    {
      fprintf (stderr, "%s: error: [io] %s\n", files[0], error->message);
      return EXIT_UNREADABLE;
    }
  text = g_mapped_file_get_contents (input);
  len = g_mapped_file_get_length (input);
  doc = jx_import_text (text ? text : "", text ? len : 0, files[0], warnings, &error);
  if (doc == NULL)
    {
      fprintf (stderr, "%s: error: [import] %s\n", files[0], error->message);
      return EXIT_UNREADABLE;
    }

  for (guint i = 0; i < warnings->len; i++)
    {
      const JxProblem *p = g_ptr_array_index (warnings, i);
      g_autofree char *raw = source_line (text, len, starts, p->line);

      /* FILE:LINE: warning: [rule] message, then the line it is about. */
      if (p->line > 0)
        fprintf (stderr, "%s:%u: %s: [%s] %s\n", files[0], p->line, jx_severity_to_string (p->severity),
                 p->rule, p->message);
      else
        fprintf (stderr, "%s: %s: [%s] %s\n", files[0], jx_severity_to_string (p->severity), p->rule,
                 p->message);
      if (raw != NULL)
        {
          g_autofree char *quoted = quote_line (raw, p->column);
          fprintf (stderr, "%s\n", quoted);
        }
    }

  if (!write_document (doc, output, force))
    return EXIT_UNWRITABLE;

  total = jx_document_format_amount (doc, jx_document_get_total (doc));
  /* TRANSLATORS: the summary of an import: output file, counts, the grand
   * total and its unit (usually 万元), number of warnings */
  printf (_("%s: %u projects, %u indicators, 合计 %s %s; %u warnings\n"), output,
          jx_document_get_n_projects (doc), jx_document_get_n_indicators (doc), total,
          jx_document_get_unit (doc), warnings->len);
  drop_last_document (&doc);
  return EXIT_OK;
}

/* --- new-year ------------------------------------------------------------ */

static void
print_load_error (const char      *path,
                  const JxProblem *problem,
                  const GError    *error)
{
  g_autofree char *line = problem ? jx_problem_format (problem, path) : NULL;

  if (line != NULL)
    fprintf (stderr, "%s\n", line);
  else
    fprintf (stderr, "%s: error: [io] %s\n", path, error->message);
}

/* Whether two paths name one file (a link, "./a" and "a"). */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int
cmd_new_year (int argc, char **argv)
{
  g_auto(GStrv) files = NULL;
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write next year’s document to OUTPUT (.jixiao or .json)"), N_("OUTPUT") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUTPUT if it exists (a backup of it is kept)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("INPUT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autofree char *old_title = NULL;
  JxNewYearInfo info;
  int old_year;

  g_option_context_set_summary (context,
                                _("Make next year’s draft from this year’s table: the year + 1 (also in the title), "
                                  "the same funding units, projects and indicators with the same ids and amounts, "
                                  "and no comments (they stay with this year’s table). INPUT is never changed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_input_output (context, &argc, &argv, &files, &output, _("new-year needs exactly one INPUT"),
                           _("new-year needs the output document: -o OUTPUT.jixiao")))
    return EXIT_USAGE;
  /* Not even --force replaces this year's table with next year's. */
  if (same_file (files[0], output))
    {
      fprintf (stderr, "%s: error: [io] %s\n", output,
               _("this is the input document; nothing was written. Choose another name for next year’s table"));
      return EXIT_UNWRITABLE;
    }
  if (refuse_existing (output, force))
    return EXIT_UNWRITABLE;

  doc = load_document (files[0], &problem, &error);
  if (doc == NULL)
    return print_load_error (files[0], problem, error), EXIT_UNREADABLE;

  old_year = jx_document_get_year (doc);
  old_title = g_strdup (jx_document_get_title (doc));
  if (!jx_new_year_apply (doc, &info, &error))
    {
      fprintf (stderr, "%s: error: [new-year] %s\n", files[0], error->message);
      return EXIT_ERRORS;
    }
  if (*old_title != '\0' && g_str_equal (old_title, jx_document_get_title (doc)))
    {
      /* TRANSLATORS: the title, then the year it does not name */
      g_autofree char *msg = g_strdup_printf (_("the title “%s” does not name the year %d: set next year’s title by hand"),
                                              old_title, old_year);
      fprintf (stderr, "%s: warning: [new-year-title] %s\n", output, msg);
    }

  if (!write_document (doc, output, force))
    return EXIT_UNWRITABLE;

  /* TRANSLATORS: OUTPUT: year, N projects, N indicators */
  printf (_("%s: %d, %u projects, %u indicators\n"), output, jx_document_get_year (doc),
          jx_document_get_n_projects (doc), jx_document_get_n_indicators (doc));
  if (info.n_comments == 0)
    printf ("%s\n", _("No comments were left behind: the table had none."));
  else
    {
      g_autofree char *comments = g_strdup_printf (ngettext ("%u comment", "%u comments", info.n_comments),
                                                   info.n_comments);
      g_autofree char *replies = g_strdup_printf (ngettext ("%u reply", "%u replies", info.n_replies),
                                                  info.n_replies);

      /* TRANSLATORS: "14 comments", "1 reply", the input file: last year's
       * review is not carried into next year's table */
      printf (_("Left behind: %s and %s of last year’s review (they stay in %s).\n"),
              comments, replies, files[0]);
    }
  drop_last_document (&doc);
  return EXIT_OK;
}

/* --- diff ---------------------------------------------------------------- */

typedef struct
{
  const char *path;
  JxDocument *doc;
  JxProblem  *problem;
  GError     *error;
} Load;

static gpointer
load_in_thread (gpointer data)
{
  Load *load = data;

  load->doc = load_document (load->path, &load->problem, &load->error);
  return NULL;
}

static int
cmd_diff (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the changes as JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("OLD NEW") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  JxDocument *docs[2] = { NULL, NULL };
  g_autoptr(JxDiff) diff = NULL;
  guint n_changes, n_comments;

  g_option_context_set_summary (context,
                                _("Compare two versions of a table: what was added, removed or changed, with the old "
                                  "and new value of each field and the difference of each amount; comments apart.\n"
                                  "Exit status: 0 the same, 1 different, 2 a file cannot be read."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message), EXIT_USAGE;
  if (files == NULL || g_strv_length (files) != 2)
    return usage_error (_("diff needs two documents: OLD NEW")), EXIT_USAGE;

  /* The second version loads on a thread of its own while the first loads
   * here: a diff then takes about as long as reading one table. */
  {
    Load loads[2] = { { files[0], NULL, NULL, NULL }, { files[1], NULL, NULL, NULL } };
    GThread *thread = g_thread_new ("jx-load", load_in_thread, &loads[1]);

    load_in_thread (&loads[0]);
    g_thread_join (thread);
    for (guint i = 0; i < 2; i++)
      docs[i] = loads[i].doc;
    for (guint i = 0; i < 2; i++)
      if (docs[i] == NULL)
        print_load_error (files[i], loads[i].problem, loads[i].error);
    for (guint i = 0; i < 2; i++)
      {
        g_clear_pointer (&loads[i].problem, jx_problem_free);
        g_clear_error (&loads[i].error);
      }
    if (docs[0] == NULL || docs[1] == NULL)
      {
        g_clear_object (&docs[0]);
        g_clear_object (&docs[1]);
        return EXIT_UNREADABLE;
      }
  }

  diff = jx_diff_documents (docs[0], docs[1]);
  n_changes = jx_diff_get_n_changes (diff);
  n_comments = jx_diff_get_n_comments (diff);

  if (json)
    {
      g_autoptr(JsonNode) root = jx_diff_to_json (diff);
      g_autofree char *text = jx_json_to_string (root, TRUE);
      printf ("%s\n", text);
    }
  else if (jx_diff_is_empty (diff))
    /* TRANSLATORS: OLD, NEW */
    printf (_("%s and %s are the same table.\n"), files[0], files[1]);
  else
    {
      /* TRANSLATORS: OLD, NEW */
      printf (_("From %s to %s:\n"), files[0], files[1]);
      for (guint i = 0; i < n_changes; i++)
        {
          g_autofree char *line = jx_change_describe (jx_diff_get_change (diff, i));
          printf ("  %s\n", line);
        }
      if (n_comments > 0)
        {
          printf ("%s\n", _("Comments:"));
          for (guint i = 0; i < n_comments; i++)
            {
              g_autofree char *line = jx_change_describe (jx_diff_get_comment (diff, i));
              printf ("  %s\n", line);
            }
        }
      {
        g_autofree char *in_table = g_strdup_printf (ngettext ("%u change in the table", "%u changes in the table",
                                                               n_changes), n_changes);
        g_autofree char *in_comments = g_strdup_printf (ngettext ("%u in the comments", "%u in the comments",
                                                                  n_comments), n_comments);

        /* TRANSLATORS: the last line of "jixiao-cli diff": "3 changes in
         * the table", "1 in the comments" */
        printf (_("%s, %s.\n"), in_table, in_comments);
      }
    }

  /* Both documents go with the process (see drop_last_document()). */
  drop_last_document (&docs[0]);
  drop_last_document (&docs[1]);
  return n_changes + n_comments == 0 ? EXIT_OK : EXIT_ERRORS;
}

/* --- comments ------------------------------------------------------------ */

static void
print_review (GPtrArray *entries)
{
  g_autofree char *heading = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const JxReviewEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *place = jx_review_entry_place (e);
      g_autofree char *field = jx_review_entry_field (e);
      g_autoptr(GString) here = g_string_new (place);
      const char *status;

      if (e->indicator != NULL)
        g_string_append_printf (here, " / %s", jx_indicator_get_name (e->indicator));
      if (*field != '\0')
        g_string_append_printf (here, " / %s", field);
      if (g_strcmp0 (heading, here->str) != 0)
        {
          printf ("%s%s\n", i > 0 ? "\n" : "", here->str);
          g_free (heading);
          heading = g_strdup (here->str);
        }
      status = jx_annotation_get_resolved (e->comment) ? _("resolved") : _("open");
      printf ("%*s%s", 2 * (e->depth + 1), "", e->depth > 0 ? "↳ " : "");
      /* TRANSLATORS: author, time, open/resolved, text of a comment */
      printf (_("%s · %s · %s: %s\n"),
              jx_annotation_get_author (e->comment), jx_annotation_get_time (e->comment), status,
              jx_annotation_get_text (e->comment));
    }
}

static int
cmd_comments (int argc, char **argv)
{
  gboolean open_only = FALSE;
  g_autofree char *output = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only the open comments (with their replies)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report to OUTPUT (.pdf or .csv)"), N_("OUTPUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(GPtrArray) review = NULL;
  g_autofree char *ext = NULL;
  guint n_comments = 0;

  g_option_context_set_summary (context,
                                _("The reviewers’ comments with their replies, grouped by project and field in "
                                  "table order: on standard output, or as a report (.pdf, .csv)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (error->message), EXIT_USAGE;
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return usage_error (_("comments needs exactly one FILE")), EXIT_USAGE;
  if (output != NULL)
    {
      ext = g_ascii_strdown (extension_of (output), -1);
      if (!g_str_equal (ext, "csv") && !g_str_equal (ext, "pdf"))
        {
          g_autofree char *msg = g_strdup_printf (_("unknown report format “.%s”; use .pdf or .csv"), ext);
          return usage_error (msg), EXIT_USAGE;
        }
    }

  doc = load_document (files[0], &problem, &error);
  if (doc == NULL)
    return print_load_error (files[0], problem, error), EXIT_UNREADABLE;

  review = jx_review_entries (doc, open_only);
  for (guint i = 0; i < review->len; i++)
    if (((JxReviewEntry *) g_ptr_array_index (review, i))->depth == 0)
      n_comments++;

  if (output == NULL)
    {
      print_review (review);
      return EXIT_OK;
    }

  if (g_str_equal (ext, "pdf"))
    {
      if (!load_exporter (&error) || !exporter.review_write_pdf (doc, open_only, output, NULL, &error))
        {
          fprintf (stderr, "%s: error: [io] %s\n", output, error->message);
          return EXIT_UNWRITABLE;
        }
    }
  else
    {
      g_autoptr(GBytes) csv = jx_review_to_csv (doc, open_only);
      gsize len;
      const char *data = g_bytes_get_data (csv, &len);

      if (!g_file_set_contents_full (output, data, len,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0644, &error))
        {
          fprintf (stderr, "%s: error: [io] %s\n", output, error->message);
          return EXIT_UNWRITABLE;
        }
    }
  {
    guint n_replies = review->len - n_comments;
    g_autofree char *comments = g_strdup_printf (ngettext ("%u comment", "%u comments", n_comments), n_comments);
    g_autofree char *replies = g_strdup_printf (ngettext ("%u reply", "%u replies", n_replies), n_replies);

    /* TRANSLATORS: OUTPUT: "3 comments", "1 reply" */
    printf (_("%s: %s, %s\n"), output, comments, replies);
  }
  return EXIT_OK;
}

int
main (int argc, char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } commands[] = {
    { "validate", cmd_validate },
    { "totals", cmd_totals },
    { "convert", cmd_convert },
    { "import", cmd_import },
    { "new-year", cmd_new_year },
    { "diff", cmd_diff },
    { "comments", cmd_comments },
  };

  setlocale (LC_ALL, "");
  jx_init ();
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--version") || g_str_equal (argv[1], "-V"))
    {
      printf ("jixiao-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* The command sees itself as argv[0], so its --help reads right. */
        g_autofree char *prgname = g_strdup_printf ("jixiao-cli %s", argv[1]);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  {
    g_autofree char *msg = g_strdup_printf (_("unknown command “%s”"), argv[1]);
    usage_error (msg);
  }
  return EXIT_USAGE;
}
