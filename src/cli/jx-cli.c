/* jx-cli.c: jixiao-cli, the core on the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The interface is stable (DESIGN.md, README.md): scripts and tests rely on
 * the commands, the one-line problem format and these exit codes.
 */
#define G_LOG_DOMAIN "jx-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "jx-init.h"
#include "jx-json.h"
#include "jx-model-private.h"
#include "jx-money.h"
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

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n%s\n%s\n%s\n%s\n%s\n\n%s\n",
           _("Usage: jixiao-cli COMMAND [OPTION…] FILE…"),
           _("Commands:"),
           _("  validate [--json] FILE…     check documents the way a reviewer does"),
           _("  totals [--json] FILE        every project, funding unit and the grand total (合计)"),
           _("  convert INPUT OUTPUT        convert by extension: .jixiao, .json"),
           _("  import INPUT -o OUTPUT      read a published table (arrives with the importer)"),
           _("  --version | --help"),
           _("Exit status: 0 success (validate: no errors), 1 errors found, 2 an input is unreadable, "
             "3 the output could not be written, 64 usage error."));
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
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_mapped_file (parser, path, error))
        {
          if (problem != NULL)
            *problem = jx_problem_new (JX_SEVERITY_ERROR, "io", 0, 0, NULL, NULL,
                                       (*error)->message);
          return NULL;
        }
      return jx_json_to_document (json_parser_get_root (parser), error);
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

static int
cmd_validate (int argc, char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON on standard output"), NULL },
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
  if (files == NULL || files[0] == NULL)
    return usage_error (_("validate needs at least one FILE")), EXIT_USAGE;

  json_builder_begin_object (out);
  json_builder_set_member_name (out, "files");
  json_builder_begin_array (out);

  for (guint f = 0; files[f] != NULL; f++)
    {
      const char *path = files[f];
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
      g_autoptr(JxDocument) doc = NULL;
      g_autoptr(GError) load_error = NULL;
      JxProblem *load_problem = NULL;
      guint n_errors, n_warnings;

      doc = load_document (path, &load_problem, &load_error);
      if (doc == NULL)
        {
          if (load_problem == NULL)
            load_problem = jx_problem_new (JX_SEVERITY_ERROR, "io", 0, 0, NULL, NULL,
                                           load_error->message);
          status = MAX (status, is_unreadable (load_problem) ? EXIT_UNREADABLE : EXIT_ERRORS);
          g_ptr_array_add (problems, load_problem);
        }
      else
        {
          g_autoptr(GPtrArray) found = jx_validate_document (doc);
          g_ptr_array_extend_and_steal (problems, g_steal_pointer (&found));
          if (files[f + 1] == NULL)
            drop_last_document (&doc);
        }

      n_errors = jx_problems_count (problems, JX_SEVERITY_ERROR);
      n_warnings = jx_problems_count (problems, JX_SEVERITY_WARNING);
      if (n_errors > 0)
        status = MAX (status, EXIT_ERRORS);

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = jx_problem_format (g_ptr_array_index (problems, i), path);
          fprintf (stderr, "%s\n", line);
        }

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

      if (!json)
        /* TRANSLATORS: FILE: N errors, N warnings */
        printf (_("%s: %u errors, %u warnings\n"), path, n_errors, n_warnings);
    }

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

static void
print_amount_row (const char *name,
                  int         indent,
                  JxMoney     fiscal,
                  JxMoney     special,
                  JxMoney     other,
                  JxMoney     total)
{
  JxMoney values[4] = { total, fiscal, special, other };

  printf ("%*s", indent, "");
  print_padded (name, 44 - indent, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = jx_money_format (values[i]);
      printf (" ");
      print_padded (text, 14, TRUE);
    }
  printf ("\n");
}

typedef struct
{
  JxMoney fiscal, special, other;
} Sums;

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
  const char *headers[4];

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

  /* TRANSLATORS: column headers of "jixiao-cli totals"; the amounts are in
   * the document's unit, usually 万元. */
  headers[0] = _("Total");
  headers[1] = _("Fiscal");
  headers[2] = _("Special");
  headers[3] = _("Other");
  print_padded (_("Project (funding unit)"), 44, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      printf (" ");
      print_padded (headers[i], 14, TRUE);
    }
  printf ("\n");

  units = jx_document_get_units (doc);
  {
    Sums all = { 0, 0, 0 };

    for (guint u = 0; u < g_list_model_get_n_items (units); u++)
      {
        g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
        GListModel *projects = jx_funding_unit_get_projects (unit);
        Sums sums = { 0, 0, 0 };

        /* The per-source columns of a unit are summed here for display only;
         * the totals themselves come from the model. Overflow is impossible:
         * the model refuses any amount that would overflow a total, and a
         * source never exceeds the total it is part of unless another is
         * negative, which validate reports. */
        for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
          {
            g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
            jx_money_add (sums.fiscal, jx_project_get_fiscal (project), &sums.fiscal);
            jx_money_add (sums.special, jx_project_get_special (project), &sums.special);
            jx_money_add (sums.other, jx_project_get_other (project), &sums.other);
          }
        print_amount_row (jx_funding_unit_get_name (unit), 0, sums.fiscal, sums.special,
                          sums.other, jx_funding_unit_get_total (unit));
        for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
          {
            g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
            print_amount_row (jx_project_get_name (project), 2,
                              jx_project_get_fiscal (project), jx_project_get_special (project),
                              jx_project_get_other (project), jx_project_get_total (project));
          }
        jx_money_add (all.fiscal, sums.fiscal, &all.fiscal);
        jx_money_add (all.special, sums.special, &all.special);
        jx_money_add (all.other, sums.other, &all.other);
      }
    /* TRANSLATORS: the grand total row of a table */
    print_amount_row (_("合计 (grand total)"), 0, all.fiscal, all.special, all.other,
                      jx_document_get_total (doc));
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
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("INPUT OUTPUT") },
    { NULL }
  };
  static const char *later[] = { "csv", "xlsx", "pdf" };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autofree char *out_ext = NULL;
  const char *in_ext;

  g_option_context_set_summary (context, _("Convert a document; the formats follow from the extensions (.jixiao, .json)."));
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
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    if (g_str_equal (out_ext, later[i]))
      {
        g_autofree char *msg = g_strdup_printf (_("exporting to .%s is not available in this version yet; "
                                                  "nothing was written. Use .jixiao or .json"), out_ext);
        return usage_error (msg), EXIT_USAGE;
      }
  if (!g_str_equal (out_ext, "jixiao") && !g_str_equal (out_ext, "json"))
    {
      g_autofree char *msg = g_strdup_printf (_("unknown output format “.%s”; use .jixiao or .json"), out_ext);
      return usage_error (msg), EXIT_USAGE;
    }

  /* Read everything first: an unreadable input never produces an output. */
  doc = load_document (files[0], &problem, &error);
  if (doc == NULL)
    {
      g_autofree char *line = problem ? jx_problem_format (problem, files[0]) : NULL;
      fprintf (stderr, "%s\n", line ? line : error->message);
      return EXIT_UNREADABLE;
    }

  if (g_str_equal (out_ext, "json"))
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

static int
cmd_import (int argc, char **argv)
{
  usage_error (_("import is not available in this version yet: the importer of published tables "
                 "arrives with the next release. Nothing was written."));
  return EXIT_USAGE;
}

int
main (int argc, char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } commands[] = {
    { "validate", cmd_validate },
    { "totals", cmd_totals },
    { "convert", cmd_convert },
    { "import", cmd_import },
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
