/* jx-generate.c: large, realistic documents for benchmarks and scale tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * jx-generate [--projects N] [--seed S] [--format jixiao|text] OUTPUT
 *
 * Deterministic for a given seed: the same N and S give the same bytes.
 * About 6 indicators per project on average (20,000 projects ≈ 120,000
 * indicators), names and values drawn from the shapes of the sample table.
 * --format text writes the same table in the published layout, as text
 * pulled out of a PDF with the noise of OCR (see tests/jx-gen.h), for
 * `jixiao-cli import`.
 */
#define G_LOG_DOMAIN "jx-generate"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "jx-gen.h"
#include "jx-init.h"
#include "jx-xml.h"

int
main (int argc, char **argv)
{
  gint projects = 20000;
  gint seed = 2024;
  g_autofree char *format = NULL;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "projects", 'n', 0, G_OPTION_ARG_INT, &projects, "Number of projects", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed", "S" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "jixiao (default) or text (the published layout)", "FORMAT" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, "OUTPUT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean text;

  setlocale (LC_ALL, "");
  jx_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rest == NULL || rest[0] == NULL ||
      projects < 0 || (format != NULL && !g_str_equal (format, "jixiao") && !g_str_equal (format, "text")))
    {
      fprintf (stderr, "usage: jx-generate [--projects N] [--seed S] [--format jixiao|text] OUTPUT\n");
      return 64;
    }
  text = format != NULL && g_str_equal (format, "text");

  doc = jx_gen_document (projects, seed);
  if (text)
    {
      g_autoptr(GString) published = jx_gen_published_text (doc, seed);
      bytes = g_bytes_new (published->str, published->len);
    }
  else
    bytes = jx_xml_write (doc, &error);

  /* Written directly, not through jx_storage_save(): regenerating a bench
   * file must not fill the user's backup folder with 30 MB copies. */
  if (bytes == NULL ||
      !g_file_set_contents (rest[0], g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      fprintf (stderr, "jx-generate: %s\n", error->message);
      return 3;
    }
  fprintf (stderr, "jx-generate: %u projects, %u indicators, total %" G_GINT64_FORMAT " hundredths\n",
           jx_document_get_n_projects (doc), jx_document_get_n_indicators (doc),
           jx_document_get_total (doc));
  return 0;
}
