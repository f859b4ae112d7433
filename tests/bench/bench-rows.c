/* bench-rows.c: copying a large document as rows and reading them back,
 * against the .jixiao loader on the same document in the same run
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-rows [PROJECTS] [RUNS]   (default 20000 projects, 3 runs)
 *
 * Prints the median seconds of each step and the ratio of reading the
 * rows (jx_rows_parse: TSV → projects and indicators) to loading the same
 * document from its .jixiao bytes (jx_xml_load_bytes). The machines are
 * shared and noisy: the ratio says more than the seconds.
 */
#define G_LOG_DOMAIN "bench-rows"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "jx-gen.h"
#include "jx-init.h"
#include "jx-rows.h"
#include "jx-xml.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int argc, char **argv)
{
  guint projects = argc > 1 ? (guint) atoi (argv[1]) : 20000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 3;
  g_autoptr(JxDocument) document = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GArray) copy_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tsv = NULL;
  JxNode *all;
  double copy, read, load;

  setlocale (LC_ALL, "C.UTF-8");
  jx_init ();
  document = jx_gen_document (projects, 1);
  all = JX_NODE (document);
  xml = jx_xml_write (document, NULL);
  g_assert_nonnull (xml);

  for (guint run = 0; run < MAX (runs, 1); run++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
      g_autoptr(JxDocument) fragment = NULL;
      g_autoptr(JxDocument) loaded = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;
      double t;

      /* Alternate the steps so that all of them see the same machine load. */
      start = g_get_monotonic_time ();
      g_free (tsv);
      tsv = jx_rows_copy_tsv (document, &all, 1);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (copy_times, t);

      start = g_get_monotonic_time ();
      fragment = jx_rows_parse (tsv, strlen (tsv), document, NULL, problems, &error);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      g_assert_cmpuint (jx_document_get_n_indicators (fragment), ==, jx_document_get_n_indicators (document));
      g_assert_cmpint (jx_document_get_total (fragment), ==, jx_document_get_total (document));
      g_array_append_val (read_times, t);

      start = g_get_monotonic_time ();
      loaded = jx_xml_load_bytes (xml, NULL, NULL, &error);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      g_array_append_val (load_times, t);
    }

  copy = median (copy_times);
  read = median (read_times);
  load = median (load_times);
  g_print ("rows: %u projects, %u indicators; TSV %.1f MB, .jixiao %.1f MB; median of %u runs\n",
           jx_document_get_n_projects (document), jx_document_get_n_indicators (document),
           strlen (tsv) / 1e6, g_bytes_get_size (xml) / 1e6, MAX (runs, 1));
  g_print ("  copy as TSV (jx_rows_copy_tsv)        %.3f s  %.2f × the load\n", copy, copy / load);
  g_print ("  read the rows (jx_rows_parse)         %.3f s  %.2f × the load\n", read, read / load);
  g_print ("  load the .jixiao (jx_xml_load_bytes)  %.3f s  1\n", load);
  return 0;
}
