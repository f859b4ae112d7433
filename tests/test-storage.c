/* test-storage.c: atomic saves, backups and files changed by others
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-storage"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "jx-edit.h"
#include "jx-init.h"
#include "jx-problem.h"
#include "jx-storage.h"
#include "jx-xml.h"

typedef struct
{
  char *dir;      /* a fresh folder for the test's documents */
  char *path;     /* dir/table.jixiao, a copy of the full fixture */
} Fixture;

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", "full.jixiao", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  f->dir = g_dir_make_tmp ("jixiao-storage-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "table.jixiao", NULL);
  contents = read_file (source, &length);
  write_file (f->path, contents, length);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_chmod (path, 0700);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted, as one string: "a.jixiao b.jixiao". */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return g_strdup ("");
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
backup_dir (void)
{
  return jx_storage_get_backup_dir ();
}

static JxDocument *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  JxDocument *document = jx_storage_load (path, &problem, &error);

  g_assert_no_error (error);
  g_assert_null (problem);
  return document;
}

static void
edit (JxDocument *document,
      const char *goal)
{
  jx_edit_set_string (document, jx_document_lookup (document, "p1"), "goal", goal);
  g_assert_true (jx_history_get_modified (jx_document_get_history (document)));
}

/* Makes the file look as if another program wrote it: other content and a
 * modification time that is certainly different. */
static void
change_behind_our_back (const char *path,
                        const char *contents)
{
  struct timespec times[2] = { { 0, UTIME_OMIT }, { 1000000000, 123 } };

  write_file (path, contents, -1);
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* ---- saving ------------------------------------------------------------ */

static void
test_save_creates_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JxDocument) document = jx_document_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *path = g_build_filename (f->dir, "new.jixiao", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *backups = backup_dir ();
  g_autofree char *backup_listing = NULL;
  gsize length;
  struct stat st;
  mode_t mask;

  jx_edit_add_unit (document, 0, "单位");
  g_assert_true (jx_history_get_modified (jx_document_get_history (document)));
  g_assert_true (jx_storage_save (document, path, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);

  expected = jx_xml_write (document, &error);
  contents = read_file (path, &length);
  g_assert_cmpmem (contents, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_false (jx_history_get_modified (jx_document_get_history (document)));
  g_assert_false (jx_storage_changed_on_disk (document, path));

  /* No temporary file is left, and a new file makes no backup. */
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "new.jixiao table.jixiao");
  backup_listing = list_dir (backups);
  g_assert_cmpstr (backup_listing, ==, "");

  /* A new file gets the usual permissions for new files. */
  mask = umask (0);
  umask (mask);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);
}

static void
test_save_makes_backups (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = backup_dir ();
  g_autofree char *original = NULL;
  g_auto(GStrv) list = NULL;
  gsize length;

  original = read_file (f->path, &length);
  edit (document, "第一版");
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);

  /* Under $XDG_DATA_HOME, never beside the document. */
  g_assert_true (g_str_has_prefix (backups, g_get_user_data_dir ()));
  list = jx_storage_list_backups (f->path);
  g_assert_cmpuint (g_strv_length (list), ==, 1);
  {
    g_autofree char *name = g_path_get_basename (list[0]);
    g_autoptr(GRegex) pattern = g_regex_new ("^table-[0-9]{8}-[0-9]{6}\\.jixiao$", 0, 0, NULL);
    g_autofree char *backup = NULL;
    gsize backup_length;

    g_assert_true (g_regex_match (pattern, name, 0, NULL));
    backup = read_file (list[0], &backup_length);
    g_assert_cmpmem (backup, backup_length, original, length);
  }
  {
    g_autofree char *listing = list_dir (f->dir);
    g_assert_cmpstr (listing, ==, "table.jixiao");
  }

  /* Saves in the same second get distinct names; the newest comes first. */
  edit (document, "第二版");
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  edit (document, "第三版");
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_strfreev (list);
  list = jx_storage_list_backups (f->path);
  g_assert_cmpuint (g_strv_length (list), ==, 3);
  {
    g_autofree char *newest = read_file (list[0], NULL);
    g_autofree char *oldest = read_file (list[2], NULL);

    g_assert_nonnull (strstr (newest, "第二版"));
    g_assert_cmpstr (oldest, ==, original);
  }

  /* JX_SAVE_NO_BACKUP and JX_SAVE_COPY make none. */
  edit (document, "第四版");
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_NO_BACKUP, &error));
  g_assert_no_error (error);
  g_strfreev (list);
  list = jx_storage_list_backups (f->path);
  g_assert_cmpuint (g_strv_length (list), ==, 3);
}

static void
test_save_prunes_backups (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = backup_dir ();
  g_autofree char *other = g_build_filename (backups, "other-20200101-000000.jixiao", NULL);
  g_auto(GStrv) list = NULL;

  g_assert_cmpint (g_mkdir_with_parents (backups, 0700), ==, 0);
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/table-2020%02u01-120000%s.jixiao", backups,
                                               1 + i % 12, i >= 12 ? (i >= 24 ? "-3" : "-2") : "");
      write_file (name, "old", -1);
    }
  write_file (other, "other file", -1);

  edit (document, "新版");
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);

  list = jx_storage_list_backups (f->path);
  g_assert_cmpuint (g_strv_length (list), ==, JX_STORAGE_BACKUPS_KEPT);
  /* The one just made is the newest; the oldest ones went. */
  g_assert_true (g_str_has_prefix (strrchr (list[0], '/') + 1, "table-20"));
  g_assert_false (g_str_has_prefix (strrchr (list[0], '/') + 1, "table-2020"));
  g_assert_true (g_str_has_suffix (list[1], "table-20201201-120000-2.jixiao"));
  g_assert_true (g_str_has_suffix (list[2], "table-20201201-120000.jixiao"));
  g_assert_true (g_str_has_suffix (list[19], "table-20200301-120000-2.jixiao"));
  {
    g_autofree char *gone = g_build_filename (backups, "table-20200301-120000.jixiao", NULL);
    g_autofree char *gone_too = g_build_filename (backups, "table-20200101-120000-3.jixiao", NULL);

    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (gone_too, G_FILE_TEST_EXISTS));
  }
  /* Backups of other files are left alone. */
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_save_keeps_mode (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpint (g_chmod (f->path, 0640), ==, 0);
  edit (document, "x");
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
}

static void
test_save_follows_symlink (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *link = g_build_filename (f->dir, "link.jixiao", NULL);
  g_autoptr(JxDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat st;

  g_assert_cmpint (symlink ("table.jixiao", link), ==, 0);
  document = load (link);
  edit (document, "经由链接");
  g_assert_true (jx_storage_save (document, link, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  contents = read_file (f->path, NULL);
  g_assert_nonnull (strstr (contents, "经由链接"));
  g_assert_false (jx_storage_changed_on_disk (document, link));
  g_assert_false (jx_storage_changed_on_disk (document, f->path));
}

static void
test_save_refuses_changed_on_disk (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) list = NULL;

  g_assert_false (jx_storage_changed_on_disk (document, f->path));
  change_behind_our_back (f->path, "changed by someone else");
  g_assert_true (jx_storage_changed_on_disk (document, f->path));

  edit (document, "我们的修改");
  g_assert_false (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_CHANGED_ON_DISK);
  g_assert_nonnull (strstr (error->message, "table.jixiao"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  contents = read_file (f->path, NULL);
  g_assert_cmpstr (contents, ==, "changed by someone else");
  g_assert_true (jx_history_get_modified (jx_document_get_history (document)));

  /* The user confirmed: the other version goes to the backups. */
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_OVERWRITE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = read_file (f->path, NULL);
  g_assert_nonnull (strstr (contents, "我们的修改"));
  g_assert_false (jx_storage_changed_on_disk (document, f->path));
  list = jx_storage_list_backups (f->path);
  g_assert_cmpuint (g_strv_length (list), ==, 1);
  g_clear_pointer (&contents, g_free);
  contents = read_file (list[0], NULL);
  g_assert_cmpstr (contents, ==, "changed by someone else");

  /* After that save, the next one needs no confirmation. */
  edit (document, "再改");
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
test_save_same_size_other_time (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* Same size, only the time differs: still another version. */
  contents = read_file (f->path, &length);
  contents[length - 3] = 'X';
  change_behind_our_back (f->path, contents);
  g_assert_true (jx_storage_changed_on_disk (document, f->path));
  edit (document, "y");
  g_assert_false (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_CHANGED_ON_DISK);
}

static void
test_save_deleted_file_is_recreated (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_true (jx_storage_changed_on_disk (document, f->path));
  /* Nothing is lost by writing it again. */
  g_assert_true (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
}

static void
test_save_as_other_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "other.jixiao", NULL);

  /* "Save As" onto an existing file (the file chooser asked already). */
  write_file (other, "older other", -1);
  g_assert_true (jx_storage_save (document, other, JX_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  /* The stamp now follows the new file. */
  g_assert_false (jx_storage_changed_on_disk (document, other));
  change_behind_our_back (f->path, "x");
  g_assert_false (jx_storage_changed_on_disk (document, f->path));
}

static void
test_save_copy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = g_build_filename (f->dir, "draft.jixiao", NULL);
  g_autofree char *backups = backup_dir ();
  g_autofree char *backup_listing = NULL;

  edit (document, "草稿");
  g_assert_true (jx_storage_save (document, draft, JX_SAVE_COPY, &error));
  g_assert_no_error (error);
  g_assert_true (jx_history_get_modified (jx_document_get_history (document)));
  g_assert_false (jx_storage_changed_on_disk (document, f->path));
  /* Drafts again and again: no backups of them. */
  g_assert_true (jx_storage_save (document, draft, JX_SAVE_COPY, &error));
  g_assert_no_error (error);
  backup_listing = list_dir (backups);
  g_assert_cmpstr (backup_listing, ==, "");
}

static void
test_save_unwritable_folder (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JxDocument) document = jx_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "table.jixiao", NULL);
  g_autofree char *listing = NULL;

  /* A folder that does not exist. */
  g_assert_false (jx_storage_save (document, path, JX_SAVE_DEFAULT, &error));
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* A folder the user may not write to. */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (access (locked, W_OK) == 0)
    g_test_message ("Running with the right to write anywhere (root?): checking a read-only file system instead");
  else
    {
      g_assert_false (jx_storage_save (document, path, JX_SAVE_DEFAULT, &error));
      g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "cannot be written"));
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      listing = list_dir (locked);
      g_assert_cmpstr (listing, ==, "");
    }

  /* sysfs refuses new files even to root. */
  if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      g_assert_false (jx_storage_save (document, "/sys/kernel/table.jixiao", JX_SAVE_DEFAULT, &error));
      g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "cannot be written"));
      g_test_message ("%s", error->message);
    }
}

static void
test_save_failure_leaves_file_untouched (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(JxDocument) document = load (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *backups = backup_dir ();
  g_autofree char *backup_listing = NULL;
  struct stat st_before, st_after;
  gsize n_before, n_after;

  before = read_file (f->path, &n_before);
  g_assert_cmpint (g_stat (f->path, &st_before), ==, 0);
  edit (document, "含控制字符\001的目标");
  g_assert_false (jx_storage_save (document, f->path, JX_SAVE_DEFAULT, &error));
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_UNSAVABLE);
  g_test_message ("%s", error->message);

  after = read_file (f->path, &n_after);
  g_assert_cmpint (g_stat (f->path, &st_after), ==, 0);
  g_assert_cmpmem (before, n_before, after, n_after);
  g_assert_cmpint (st_before.st_ino, ==, st_after.st_ino);
  g_assert_cmpint (st_before.st_mtim.tv_sec, ==, st_after.st_mtim.tv_sec);
  g_assert_cmpint (st_before.st_mtim.tv_nsec, ==, st_after.st_mtim.tv_nsec);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "table.jixiao");
  backup_listing = list_dir (backups);
  g_assert_cmpstr (backup_listing, ==, "");
  g_assert_true (jx_history_get_modified (jx_document_get_history (document)));
  g_assert_false (jx_storage_changed_on_disk (document, f->path));
}

static void
test_save_refuses_newer_format (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(JxDocument) document = NULL;
  g_autofree char *contents = read_file (f->path, NULL);
  g_autofree char *newer = NULL;
  g_autofree char *after = NULL;

  {
    g_auto(GStrv) parts = g_strsplit (contents, "format=\"1\"", 2);
    newer = g_strjoinv ("format=\"3\"", parts);
  }
  write_file (f->path, newer, -1);
  document = jx_storage_load (f->path, &problem, &error);
  g_assert_no_error (error);
  g_assert_true (jx_document_is_read_only (document));
  g_assert_cmpstr (problem->rule, ==, "format");
  g_assert_false (jx_storage_save (document, f->path, JX_SAVE_OVERWRITE, &error));
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_NEWER_FORMAT);
  after = read_file (f->path, NULL);
  g_assert_cmpstr (after, ==, newer);
}

/* ---- loading ----------------------------------------------------------- */

static void
test_load_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(JxDocument) document = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.jixiao", NULL);

  document = jx_storage_load (missing, &problem, &error);
  g_assert_null (document);
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "missing.jixiao"));
  g_assert_cmpstr (problem->rule, ==, "io");
  g_clear_error (&error);
  g_clear_pointer (&problem, jx_problem_free);

  document = jx_storage_load (f->dir, &problem, &error);
  g_assert_null (document);
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_IO);
  g_clear_error (&error);
  g_clear_pointer (&problem, jx_problem_free);

  write_file (f->path, "<table xmlns=\"urn:example\"/>", -1);
  document = jx_storage_load (f->path, &problem, &error);
  g_assert_null (document);
  g_assert_error (error, JX_XML_ERROR, JX_XML_ERROR_NOT_JIXIAO);
  g_assert_cmpuint (problem->line, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  /* Each test gets its own $XDG_DATA_HOME, so backups go somewhere new. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  jx_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/storage/save/creates-the-file", test_save_creates_file);
  ADD ("/storage/save/makes-dated-backups", test_save_makes_backups);
  ADD ("/storage/save/keeps-the-newest-backups", test_save_prunes_backups);
  ADD ("/storage/save/keeps-the-mode", test_save_keeps_mode);
  ADD ("/storage/save/follows-a-symlink", test_save_follows_symlink);
  ADD ("/storage/save/refuses-a-file-changed-on-disk", test_save_refuses_changed_on_disk);
  ADD ("/storage/save/notices-a-new-time-of-the-same-size", test_save_same_size_other_time);
  ADD ("/storage/save/recreates-a-deleted-file", test_save_deleted_file_is_recreated);
  ADD ("/storage/save/as-another-file", test_save_as_other_file);
  ADD ("/storage/save/copy-changes-nothing", test_save_copy);
  ADD ("/storage/save/unwritable-folder", test_save_unwritable_folder);
  ADD ("/storage/save/failure-leaves-the-file-untouched", test_save_failure_leaves_file_untouched);
  ADD ("/storage/save/refuses-a-newer-format", test_save_refuses_newer_format);
  ADD ("/storage/load/errors", test_load_errors);

  return g_test_run ();
}
