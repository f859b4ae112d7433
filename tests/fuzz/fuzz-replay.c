/* fuzz-replay.c: runs a fuzz target's entry point over files, without libFuzzer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-replay-TARGET FILE-OR-FOLDER...: every file given, and every file in
 * every folder given, goes through LLVMFuzzerTestOneInput() once (a folder
 * that does not exist is skipped; nothing at all to replay is a failure). An
 * oracle that fails aborts (the test fails, naming the file on stderr).
 * Prints one TAP line per file.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"

static guint n_run;

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      printf ("not ok %u %s: %s\n", ++n_run, path, error->message);
      exit (1);
    }
  fprintf (stderr, "# %s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  printf ("ok %u %s\n", ++n_run, path);
  fflush (stdout);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          /* tests/fixtures/fuzz-regressions/TARGET until something is found */
          fprintf (stderr, "# %s: no such folder, nothing to replay there\n", argv[i]);
          continue;
        }
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          replay_file (argv[i]);
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      names = g_ptr_array_new_with_free_func (g_free);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint k = 0; k < names->len; k++)
        replay_file (g_ptr_array_index (names, k));
    }
  if (n_run == 0)
    {
      printf ("1..0 # SKIP nothing to replay\n");
      return 1;   /* a replay of nothing is a mistake, not a pass */
    }
  printf ("1..%u\n", n_run);
  return 0;
}
