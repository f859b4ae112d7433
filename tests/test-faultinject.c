/* test-faultinject.c: saves on a failing disk (run with faultinject.so preloaded)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saves a document again and again while tests/faultinject.c makes the
 * Nth write, fsync, close, rename or link of the save fail (EIO, ENOSPC, a
 * short write on a disk that then is full), and then at random. After each
 * save: the file holds exactly the old bytes or the new ones; a save that
 * says it succeeded wrote the new ones; nothing but the file is left in its
 * folder; the backup folder holds only complete backups, each a version the
 * file really had, and a save that failed added none; and the next save
 * works. The same for jixiao-cli writing JSON.
 */
#define G_LOG_DOMAIN "test-faultinject"

#include "config.h"

#include <dlfcn.h>
#include <locale.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "jx-edit.h"
#include "jx-init.h"
#include "jx-storage.h"
#include "jx-xml.h"

/* The modes of faultinject.c. */
enum { MODE_OFF, MODE_EIO, MODE_ENOSPC, MODE_SHORT };

static struct
{
  void     (*arm)      (int which, unsigned n);
  void     (*random)   (unsigned long long seed, unsigned percent);
  void     (*disarm)   (void);
  unsigned (*injected) (void);
  unsigned (*calls)    (void);
} shim;

typedef struct
{
  char       *dir;        /* the document's folder */
  char       *path;       /* dir/table.jixiao */
  char       *backups;    /* the backup folder */
  JxDocument *document;
  GHashTable *versions;   /* every content the file had: GBytes set */
  guint       edits;
  guint       saves;
  guint       failed;
  char       *last_message;  /* of the last failed save */
} Bench;

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static void
bench_init (Bench *b)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "full.jixiao", NULL);
  g_autoptr(GBytes) original = read_bytes (source);

  b->dir = g_dir_make_tmp ("jx-fault-XXXXXX", &error);
  g_assert_no_error (error);
  b->path = g_build_filename (b->dir, "table.jixiao", NULL);
  g_file_set_contents (b->path, g_bytes_get_data (original, NULL), g_bytes_get_size (original), &error);
  g_assert_no_error (error);
  b->backups = jx_storage_get_backup_dir ();
  b->versions = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  g_hash_table_add (b->versions, g_bytes_ref (original));
  b->document = jx_storage_load (b->path, NULL, &error);
  g_assert_no_error (error);
}

static void
bench_clear (Bench *b)
{
  g_autoptr(GPtrArray) names = list_dir (b->dir);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *p = g_build_filename (b->dir, g_ptr_array_index (names, i), NULL);
      g_unlink (p);
    }
  g_rmdir (b->dir);
  g_free (b->dir);
  g_free (b->path);
  g_free (b->backups);
  g_free (b->last_message);
  g_hash_table_unref (b->versions);
  g_object_unref (b->document);
}

/* The checks after each save; @before lists the backups before it. */
static void
check_after_save (Bench      *b,
                  gboolean    ok,
                  GError     *error,
                  GBytes     *old_bytes,
                  GBytes     *new_bytes,
                  GPtrArray  *before)
{
  g_autoptr(GBytes) now = read_bytes (b->path);
  g_autoptr(GPtrArray) names = list_dir (b->dir);
  g_autoptr(GPtrArray) backups = list_dir (b->backups);
  gboolean is_old = g_bytes_equal (now, old_bytes), is_new = g_bytes_equal (now, new_bytes);

  /* Exactly the old bytes or the new ones. */
  g_assert_true (is_old || is_new);
  if (ok)
    g_assert_true (is_new);
  else
    g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_IO);
  /* A failure after the rename is only the folder not being flushed, and
   * the message says the file was written. */
  if (!ok && is_new && !is_old)
    g_assert_nonnull (strstr (error->message, "permanent"));

  /* Nothing stray beside the document. */
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "table.jixiao");

  /* Only complete backups, each a version the file had. */
  for (guint i = 0; i < backups->len; i++)
    {
      const char *name = g_ptr_array_index (backups, i);
      g_autofree char *p = g_build_filename (b->backups, name, NULL);
      g_autoptr(GBytes) content = read_bytes (p);

      g_assert_true (g_str_has_prefix (name, "table-"));
      g_assert_true (g_hash_table_contains (b->versions, content));
    }
  /* A save that left the old file added no backup. */
  if (is_old && !is_new)
    {
      g_assert_cmpuint (backups->len, ==, before->len);
      for (guint i = 0; i < backups->len; i++)
        g_assert_cmpstr (g_ptr_array_index (backups, i), ==, g_ptr_array_index (before, i));
    }
}

/* One save of a new edit with the shim as armed by @arm; returns whether
 * it succeeded. A failed save is followed by one that must succeed. */
static gboolean
save_once (Bench    *b,
           void    (*arm) (gpointer),
           gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) old_bytes = read_bytes (b->path);
  g_autoptr(GBytes) new_bytes = NULL;
  g_autoptr(GPtrArray) before = list_dir (b->backups);
  g_autofree char *goal = g_strdup_printf ("第 %u 版的绩效目标。", ++b->edits);
  gboolean ok;

  jx_edit_set_string (b->document, jx_document_lookup (b->document, "p1"), "goal", goal);
  new_bytes = jx_xml_write (b->document, &error);
  g_assert_no_error (error);
  g_hash_table_add (b->versions, g_bytes_ref (new_bytes));

  arm (data);
  ok = jx_storage_save (b->document, b->path, JX_SAVE_DEFAULT, &error);
  shim.disarm ();
  b->saves++;
  check_after_save (b, ok, error, old_bytes, new_bytes, before);

  if (!ok)
    {
      b->failed++;
      g_free (b->last_message);
      b->last_message = g_strdup (error->message);
      g_clear_error (&error);
      g_assert_true (jx_history_get_modified (jx_document_get_history (b->document)));
      /* The disk works again: the next save goes through, with no
       * complaint that another program changed the file. */
      g_assert_true (jx_storage_save (b->document, b->path, JX_SAVE_DEFAULT, &error));
      g_assert_no_error (error);
      {
        g_autoptr(GBytes) now = read_bytes (b->path);

        g_assert_true (g_bytes_equal (now, new_bytes));
      }
    }
  g_assert_false (jx_history_get_modified (jx_document_get_history (b->document)));
  return ok;
}

typedef struct { int mode; unsigned n; } Nth;

static void
arm_nth (gpointer data)
{
  Nth *nth = data;

  shim.arm (nth->mode, nth->n);
}

static void
arm_none (gpointer data)
{
  /* Armed, counting, never failing. */
  shim.arm (MODE_EIO, G_MAXUINT);
}

typedef struct { guint64 seed; unsigned percent; } Random;

static void
arm_random (gpointer data)
{
  Random *r = data;

  shim.random (r->seed, r->percent);
}

static guint backup_warnings;

/* Backups that cannot be made are logged as warnings: expected here, and
 * counted instead of printed a thousand times. */
static GLogWriterOutput
count_backup_warnings (GLogLevelFlags   level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0 &&
        g_strcmp0 (fields[i].value, "jx-storage") == 0 && (level & G_LOG_LEVEL_WARNING))
      {
        backup_warnings++;
        return G_LOG_WRITER_HANDLED;
      }
  return g_log_writer_default (level, fields, n_fields, data);
}

/* The Nth call of each kind of failure, for every N a save makes. */
static void
test_storage_nth (void)
{
  static const int modes[] = { MODE_EIO, MODE_ENOSPC, MODE_SHORT };
  Bench b = { 0 };
  unsigned n_calls, start = shim.injected ();
  gboolean saw_unconfirmed = FALSE;

  bench_init (&b);
  /* How many calls a save makes that succeeds (with a backup). */
  save_once (&b, arm_none, NULL);
  n_calls = shim.calls ();
  g_test_message ("a save makes %u write/fsync/close/rename/link calls", n_calls);
  g_assert_cmpuint (n_calls, >=, 5);

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (unsigned n = 1; n <= n_calls + 1; n++)
      {
        Nth nth = { modes[m], n };
        guint failed = b.failed;
        g_autoptr(GError) error = NULL;

        save_once (&b, arm_nth, &nth);
        if (b.failed > failed && strstr (b.last_message, "permanent") != NULL)
          saw_unconfirmed = TRUE;
      }
  g_test_message ("%u saves, %u failed, %u failures injected, %u backups not made",
                  b.saves, b.failed, shim.injected () - start, backup_warnings);
  g_assert_cmpuint (b.failed, >, 0);
  /* Some N is the flush of the folder after the rename: reported. */
  g_assert_true (saw_unconfirmed);
  bench_clear (&b);
}

/* A failed flush of the folder after the rename is reported, not ignored
 * (issue 12): the file is written but the save is not called done. */
static void
test_storage_folder_flush (void)
{
  Bench b = { 0 };
  g_autoptr(GError) error = NULL;
  unsigned n_calls;
  gboolean reported = FALSE;

  bench_init (&b);
  save_once (&b, arm_none, NULL);
  n_calls = shim.calls ();
  /* A save without a backup: write…, fsync, close, rename, then the folder's
   * fsync and close. The folder's fsync is the second-to-last call. */
  for (unsigned n = 1; n <= n_calls && !reported; n++)
    {
      g_autofree char *goal = g_strdup_printf ("flush %u", n);
      g_autoptr(GBytes) new_bytes = NULL;

      jx_edit_set_string (b.document, jx_document_lookup (b.document, "p1"), "goal", goal);
      new_bytes = jx_xml_write (b.document, &error);
      g_assert_no_error (error);
      shim.arm (MODE_EIO, n);
      if (!jx_storage_save (b.document, b.path, JX_SAVE_NO_BACKUP, &error))
        {
          g_autoptr(GBytes) now = read_bytes (b.path);

          if (g_bytes_equal (now, new_bytes))
            {
              reported = TRUE;
              g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_IO);
              g_assert_nonnull (strstr (error->message, "permanent"));
              g_assert_true (jx_history_get_modified (jx_document_get_history (b.document)));
            }
          g_clear_error (&error);
        }
      shim.disarm ();
      g_assert_true (jx_storage_save (b.document, b.path, JX_SAVE_NO_BACKUP, &error));
      g_assert_no_error (error);
    }
  g_assert_true (reported);
  bench_clear (&b);
}

/* Failures at random, seeded, until well over a thousand were injected. */
static void
test_storage_random (void)
{
  Bench b = { 0 };
  unsigned start = shim.injected ();

  bench_init (&b);
  for (guint64 seed = 1; shim.injected () - start < 1000 && seed < 5000; seed++)
    {
      Random r = { seed, 15 + seed % 30 };

      save_once (&b, arm_random, &r);
    }
  g_test_message ("%u saves, %u failed, %u failures injected", b.saves, b.failed, shim.injected () - start);
  g_assert_cmpuint (shim.injected () - start, >=, 1000);
  bench_clear (&b);
}

/* jixiao-cli writes JSON through GLib, not jx_storage: the same promise. */
static void
test_cli_json (void)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "full.jixiao", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jx-fault-cli-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *expected = NULL;
  guint injected = 0, failed = 0;

  g_assert_no_error (error);
  for (guint run = 0; run < 60; run++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) proc = NULL;
      g_autofree char *err = NULL;
      g_autofree char *n = g_strdup_printf ("%u", run / 3 + 1);
      g_autoptr(GPtrArray) names = NULL;
      const char *count;
      int status;

      g_unlink (out);
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
      if (run < 30)
        {
          g_subprocess_launcher_setenv (launcher, "JX_FAULT_NTH", n, TRUE);
          g_subprocess_launcher_setenv (launcher, "JX_FAULT_MODE",
                                        run % 3 == 0 ? "eio" : run % 3 == 1 ? "enospc" : "short", TRUE);
        }
      else
        {
          g_autofree char *seed = g_strdup_printf ("%u", run);

          g_subprocess_launcher_setenv (launcher, "JX_FAULT_SEED", seed, TRUE);
          g_subprocess_launcher_setenv (launcher, "JX_FAULT_PERCENT", "40", TRUE);
        }
      proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("JX_CLI"), "convert", source, out, NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (proc));
      status = g_subprocess_get_exit_status (proc);

      count = strstr (err, "faultinject: ");
      g_assert_nonnull (count);
      injected += (guint) g_ascii_strtoull (count + strlen ("faultinject: "), NULL, 10);
      names = list_dir (dir);
      if (status == 0)
        {
          g_autoptr(GBytes) got = read_bytes (out);

          if (expected == NULL)
            expected = g_strndup (g_bytes_get_data (got, NULL), g_bytes_get_size (got));
          g_assert_cmpstr (expected, ==, g_bytes_get_data (got, NULL) ? (const char *) g_bytes_get_data (got, NULL) : "");
          g_assert_cmpuint (names->len, ==, 1);
        }
      else
        {
          failed++;
          /* Nothing written, nothing left behind, and a message. */
          g_assert_cmpuint (names->len, ==, 0);
          g_assert_nonnull (strstr (err, "out.json"));
        }
    }
  g_test_message ("60 runs of jixiao-cli, %u failed, %u failures injected", failed, injected);
  g_assert_cmpuint (failed, >, 0);
  g_unlink (out);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_writer_func (count_backup_warnings, NULL, NULL);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jx_init ();

  shim.arm = (void (*) (int, unsigned)) dlsym (RTLD_DEFAULT, "jx_fault_arm");
  shim.random = (void (*) (unsigned long long, unsigned)) dlsym (RTLD_DEFAULT, "jx_fault_random");
  shim.disarm = (void (*) (void)) dlsym (RTLD_DEFAULT, "jx_fault_disarm");
  shim.injected = (unsigned (*) (void)) dlsym (RTLD_DEFAULT, "jx_fault_injected");
  shim.calls = (unsigned (*) (void)) dlsym (RTLD_DEFAULT, "jx_fault_calls");
  if (shim.arm == NULL || shim.random == NULL || shim.disarm == NULL || shim.injected == NULL || shim.calls == NULL)
    g_error ("faultinject.so is not loaded: run this test with LD_PRELOAD=…/faultinject.so (meson test does)");
  /* Warnings are not fatal here: a backup on a failing disk may fail. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/faultinject/storage/nth-call-fails", test_storage_nth);
  g_test_add_func ("/faultinject/storage/folder-flush-failure-reported", test_storage_folder_flush);
  g_test_add_func ("/faultinject/storage/random-failures", test_storage_random);
  g_test_add_func ("/faultinject/cli/json-output", test_cli_json);

  return g_test_run ();
}
