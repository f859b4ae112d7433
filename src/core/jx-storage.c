/* jx-storage.c: documents on disk: atomic saves, backups, changes by others
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-storage"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "jx-atomic-file.h"
#include "jx-document.h"
#include "jx-history.h"
#include "jx-problem.h"
#include "jx-storage.h"
#include "jx-xml.h"
#include "jx-xml-private.h"

/* What a file looked like when the document was loaded from it or saved to
 * it, kept on the document. Size and modification time (to the nanosecond
 * where the file system has it) are what every file system and the Flatpak
 * document portal report reliably; inode numbers are not. */
typedef struct
{
  char   *path;     /* symbolic links resolved */
  goffset size;
  gint64  mtime_sec;
  glong   mtime_nsec;
} DiskStamp;

static void
disk_stamp_free (gpointer data)
{
  DiskStamp *stamp = data;

  g_free (stamp->path);
  g_free (stamp);
}

static GQuark
stamp_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("jx-storage-disk-stamp");
  return quark;
}

static void
remember_stamp (JxDocument        *document,
                const char        *path,
                const struct stat *st)
{
  DiskStamp *stamp = g_new0 (DiskStamp, 1);

  stamp->path = g_strdup (path);
  stamp->size = st->st_size;
  stamp->mtime_sec = st->st_mtim.tv_sec;
  stamp->mtime_nsec = st->st_mtim.tv_nsec;
  g_object_set_qdata_full (G_OBJECT (document), stamp_quark (), stamp, disk_stamp_free);
}

static gboolean
stamp_matches (const DiskStamp   *stamp,
               const struct stat *st)
{
  return stamp->size == st->st_size &&
         stamp->mtime_sec == st->st_mtim.tv_sec &&
         stamp->mtime_nsec == st->st_mtim.tv_nsec;
}

/* @path made absolute, with symbolic links resolved as far as they exist. */
static char *
resolve_path (const char *path)
{
  char *real = realpath (path, NULL);
  char *result;

  if (real != NULL)
    {
      result = g_strdup (real);
      free (real);
      return result;
    }
  return g_canonicalize_filename (path, NULL);
}

char *
jx_storage_get_backup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "jixiao", "backups", NULL);
}

/* ------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------ */

JxDocument *
jx_storage_load (const char  *path,
                 JxProblem  **problem,
                 GError     **error)
{
  g_autofree char *resolved = NULL;
  JxDocument *document;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problem == NULL || *problem == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The stamp comes from the very file that is read. */
  document = jx_xml_load_path (path, &st, problem, error);
  if (document == NULL)
    return NULL;

  resolved = resolve_path (path);
  remember_stamp (document, resolved, &st);
  return document;
}

gboolean
jx_storage_changed_on_disk (JxDocument *document,
                            const char *path)
{
  DiskStamp *stamp;
  g_autofree char *resolved = NULL;
  struct stat st;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stamp = g_object_get_qdata (G_OBJECT (document), stamp_quark ());
  if (stamp == NULL)
    return FALSE;
  resolved = resolve_path (path);
  if (!g_str_equal (resolved, stamp->path))
    return FALSE;
  if (g_stat (resolved, &st) != 0)
    return TRUE;
  return !stamp_matches (stamp, &st);
}

/* ------------------------------------------------------------------------
 * Backups
 * ------------------------------------------------------------------------ */

/* "table.jixiao" → "table" and ".jixiao"; "table" → "table" and "". */
static void
split_name (const char  *basename,
            char       **stem,
            char       **extension)
{
  const char *dot = strrchr (basename, '.');

  if (dot == NULL || dot == basename)
    dot = basename + strlen (basename);
  *stem = g_strndup (basename, dot - basename);
  *extension = g_strdup (dot);
}

/* Whether @name is STEM-YYYYMMDD-HHMMSS[-N]EXT; its sort key if so. */
static gboolean
parse_backup_name (const char *name,
                   const char *stem,
                   const char *extension,
                   guint64    *stamp,
                   guint      *counter)
{
  gsize stem_len = strlen (stem), ext_len = strlen (extension);
  const char *p = name;
  guint64 value = 0;

  if (strncmp (p, stem, stem_len) != 0 || p[stem_len] != '-')
    return FALSE;
  p += stem_len + 1;
  for (int i = 0; i < 15; i++, p++)
    {
      if (i == 8)
        {
          if (*p != '-')
            return FALSE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (*p - '0');
    }
  *counter = 1;
  if (*p == '-' && g_ascii_isdigit (p[1]))
    {
      guint64 n = 0;

      for (p++; g_ascii_isdigit (*p) && n < G_MAXUINT; p++)
        n = n * 10 + (*p - '0');
      *counter = (guint) MIN (n, G_MAXUINT);
    }
  if (strlen (p) != ext_len || strcmp (p, extension) != 0)
    return FALSE;
  *stamp = value;
  return TRUE;
}

typedef struct
{
  char    *name;
  guint64  stamp;
  guint    counter;
} Backup;

static int
compare_backups_newest_first (gconstpointer a,
                              gconstpointer b)
{
  const Backup *x = a, *y = b;

  if (x->stamp != y->stamp)
    return x->stamp < y->stamp ? 1 : -1;
  if (x->counter != y->counter)
    return x->counter < y->counter ? 1 : -1;
  return 0;
}

static void
clear_backup (gpointer data)
{
  g_free (((Backup *) data)->name);
}

/* The backups of files called @basename in @dir, newest first. */
static GArray *
find_backups (const char *dir,
              const char *basename)
{
  g_autofree char *stem = NULL;
  g_autofree char *extension = NULL;
  g_autoptr(GDir) listing = NULL;
  GArray *backups = g_array_new (FALSE, FALSE, sizeof (Backup));
  const char *name;

  g_array_set_clear_func (backups, clear_backup);
  split_name (basename, &stem, &extension);
  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return backups;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      Backup backup = { NULL, 0, 0 };

      if (parse_backup_name (name, stem, extension, &backup.stamp, &backup.counter))
        {
          backup.name = g_strdup (name);
          g_array_append_val (backups, backup);
        }
    }
  g_array_sort (backups, compare_backups_newest_first);
  return backups;
}

char **
jx_storage_list_backups (const char *path)
{
  g_autofree char *dir = jx_storage_get_backup_dir ();
  g_autofree char *basename = NULL;
  g_autoptr(GArray) backups = NULL;
  GPtrArray *paths = g_ptr_array_new ();

  g_return_val_if_fail (path != NULL, NULL);

  basename = g_path_get_basename (path);
  backups = find_backups (dir, basename);
  for (guint i = 0; i < backups->len; i++)
    g_ptr_array_add (paths, g_build_filename (dir, g_array_index (backups, Backup, i).name, NULL));
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (paths, FALSE);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* The whole content of the open file @fd, from its start. */
static char *
read_all (int     fd,
          gsize  *length)
{
  GString *data = g_string_new (NULL);
  char buf[65536];
  off_t at = 0;

  for (;;)
    {
      gssize n = pread (fd, buf, sizeof buf, at);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_string_free (data, TRUE);
          errno = saved_errno;
          return NULL;
        }
      if (n == 0)
        break;
      g_string_append_len (data, buf, n);
      at += n;
    }
  *length = data->len;
  return g_string_free (data, FALSE);
}

/* Copies the old version of a file, open as @fd, into the backup folder as
 * the backup of @path, and prunes old copies. Runs after the new version
 * is in place, so that on a nearly full disk the backup never takes the
 * space the save needed. The copy is written to a temporary file and
 * linked under its name only when complete, so the folder only ever holds
 * complete backups. */
static gboolean
make_backup (int          fd,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = jx_storage_get_backup_dir ();
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *stem = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *timestamp = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GArray) backups = NULL;
  gsize length;
  int out, saved_errno, linked = -1;

  if ((contents = read_all (fd, &length)) == NULL)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  temp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", dir, basename);
  out = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (out < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", temp, g_strerror (saved_errno));
      return FALSE;
    }
  if (!write_all (out, contents, length) || fsync (out) != 0)
    {
      saved_errno = errno;
      close (out);
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", temp, g_strerror (saved_errno));
      return FALSE;
    }
  if (close (out) != 0)
    {
      saved_errno = errno;
      g_unlink (temp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", temp, g_strerror (saved_errno));
      return FALSE;
    }

  split_name (basename, &stem, &extension);
  timestamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  /* Two saves in the same second get -2, -3…; link() never replaces a
   * file, so that is safe against another Jixiao saving a file of the
   * same name. */
  for (guint counter = 1; linked != 0 && counter < 1000; counter++)
    {
      g_free (backup);
      if (counter == 1)
        backup = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s-%s%s", dir, stem, timestamp, extension);
      else
        backup = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s-%s-%u%s", dir, stem, timestamp, counter, extension);
      linked = link (temp, backup);
      if (linked != 0 && errno != EEXIST)
        break;
    }
  saved_errno = errno;
  g_unlink (temp);
  if (linked != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", backup, g_strerror (saved_errno));
      return FALSE;
    }

  backups = find_backups (dir, basename);
  for (guint i = JX_STORAGE_BACKUPS_KEPT; i < backups->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, g_array_index (backups, Backup, i).name, NULL);

      if (g_unlink (old) != 0)
        g_debug ("Could not remove the old backup %s: %s", old, g_strerror (errno));
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Saving
 * ------------------------------------------------------------------------ */

/* Writes @bytes to a new temporary file beside @target, flushes it and
 * renames it over @target (jx-atomic-file.h); @mode is given to the new
 * file (-1: the default for new files, subject to the umask). *@durable is
 * FALSE when the new file is in place but the folder could not be
 * flushed, so that the rename may not survive a power cut. */
static gboolean
replace_file (const char  *target,
              GBytes      *bytes,
              int          mode,
              struct stat *written,
              gboolean    *durable,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *display = g_filename_display_basename (target);
  g_autofree char *display_dir = g_filename_display_name (dir);
  g_auto(JxAtomicFile) file = JX_ATOMIC_FILE_INIT;
  g_autoptr(GError) local = NULL;
  JxAtomicFileStep failed = JX_ATOMIC_FILE_WRITE;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!jx_atomic_file_open (&file, target, mode, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_IO,
                     _("Could not save “%s”: the folder “%s” does not exist. "
                       "Save the table in another folder."),
                     display, display_dir);
      else
        g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_IO,
                     _("Could not save “%s”: the folder “%s” cannot be written to (%s). "
                       "Save the table in another folder."),
                     display, display_dir, local->message);
      return FALSE;
    }

  if (!jx_atomic_file_write (&file, data, length, &local) ||
      !jx_atomic_file_commit (&file, written, durable, &failed, &local))
    {
      if (failed == JX_ATOMIC_FILE_RENAME)
        g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_IO,
                     _("Could not save “%s”: the new version could not take the place of the old one (%s). "
                       "The file on disk is unchanged."),
                     display, local->message);
      else
        g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_IO,
                     _("Could not save “%s”: writing failed (%s). The file on disk is unchanged. "
                       "Free some disk space, or save the table elsewhere."),
                     display, local->message);
      return FALSE;
    }
  return TRUE;
}

/* A save in three steps, so that the writing can leave the main thread:
 * prepare (serialize, note the disk stamp) and commit on the thread that
 * owns the document, write on any thread. */
struct _JxSaveJob
{
  GBytes      *bytes;
  char        *path;       /* as given, for messages */
  char        *target;     /* symbolic links resolved */
  JxSaveFlags  flags;
  gboolean     has_stamp;  /* the document was loaded from or saved to target */
  DiskStamp    stamp;      /* its stamp then (path unused) */
  gboolean     replaced;   /* the new bytes are in place (perhaps not durable) */
  struct stat  written;    /* what the write left on disk */
};

void
jx_save_job_free (JxSaveJob *job)
{
  if (job == NULL)
    return;
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->path);
  g_free (job->target);
  g_free (job);
}

gboolean
jx_save_job_get_replaced (JxSaveJob *job)
{
  return job->replaced;
}

JxSaveJob *
jx_storage_save_prepare_bytes (JxDocument  *document,
                               GBytes      *bytes,
                               const char  *path,
                               JxSaveFlags  flags)
{
  DiskStamp *stamp;
  JxSaveJob *job;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  job = g_new0 (JxSaveJob, 1);
  job->bytes = g_bytes_ref (bytes);
  job->path = g_strdup (path);
  job->target = resolve_path (path);
  job->flags = flags;
  stamp = g_object_get_qdata (G_OBJECT (document), stamp_quark ());
  if (stamp != NULL && g_str_equal (stamp->path, job->target))
    {
      job->has_stamp = TRUE;
      job->stamp = *stamp;
      job->stamp.path = NULL;
    }
  return job;
}

JxSaveJob *
jx_storage_save_prepare (JxDocument   *document,
                         const char   *path,
                         JxSaveFlags   flags,
                         GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Everything that can go wrong with the document itself does so here,
   * before the disk is touched. */
  bytes = jx_xml_write (document, error);
  if (bytes == NULL)
    return NULL;
  return jx_storage_save_prepare_bytes (document, bytes, path, flags);
}

gboolean
jx_storage_save_write (JxSaveJob  *job,
                       GError    **error)
{
  g_autofree char *display = NULL;
  struct stat st;
  gboolean exists, durable = FALSE;
  int mode = -1, old_fd = -1, dir_errno;

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_basename (job->path);
  exists = g_stat (job->target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    {
      g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_IO,
                   _("Could not save “%s”: there is a folder or a special file of that name. "
                     "Choose another name."),
                   display);
      return FALSE;
    }

  if (exists && !(job->flags & (JX_SAVE_OVERWRITE | JX_SAVE_COPY))
      && job->has_stamp && !stamp_matches (&job->stamp, &st))
    {
      g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_CHANGED_ON_DISK,
                   _("“%s” was changed by another program since it was opened or last saved. "
                     "Saving would replace those changes: reload the file to see them, "
                     "or save anyway to replace them."),
                   display);
      return FALSE;
    }

  if (exists)
    {
      mode = st.st_mode & 07777;
      /* The old version stays readable through this descriptor after the
       * rename, for the backup made once the new one is safely in place. */
      if (!(job->flags & (JX_SAVE_NO_BACKUP | JX_SAVE_COPY)))
        {
          old_fd = g_open (job->target, O_RDONLY | O_CLOEXEC, 0);
          if (old_fd < 0)
            g_warning ("No backup of %s can be made: %s", job->target, g_strerror (errno));
        }
    }

  if (!replace_file (job->target, job->bytes, mode, &job->written, &durable, error))
    {
      if (old_fd >= 0)
        close (old_fd);
      return FALSE;
    }
  dir_errno = errno;
  job->replaced = TRUE;

  if (old_fd >= 0)
    {
      g_autoptr(GError) backup_error = NULL;

      if (!make_backup (old_fd, job->target, &backup_error))
        g_warning ("No backup of the version of %s before this save could be made: %s",
                   job->target, backup_error->message);
      close (old_fd);
    }

  /* What a stat of the file now says, which is what later checks see:
   * the file is ours even if the save is not confirmed below. */
  if (g_stat (job->target, &st) == 0)
    job->written = st;

  if (!durable)
    {
      g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_IO,
                   _("“%s” was written, but the disk did not confirm that the change is permanent (%s): "
                     "after a power cut the file might hold the previous version. Save again; if this "
                     "repeats, save the table elsewhere."),
                   display, g_strerror (dir_errno));
      return FALSE;
    }
  return TRUE;
}

void
jx_storage_save_commit (JxSaveJob  *job,
                        JxDocument *document)
{
  g_return_if_fail (job != NULL);
  g_return_if_fail (JX_IS_DOCUMENT (document));

  if (job->replaced && !(job->flags & JX_SAVE_COPY))
    remember_stamp (document, job->target, &job->written);
}

gboolean
jx_storage_save (JxDocument   *document,
                 const char   *path,
                 JxSaveFlags   flags,
                 GError      **error)
{
  JxSaveJob *job;
  gboolean ok;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = jx_storage_save_prepare (document, path, flags, error);
  if (job == NULL)
    return FALSE;
  ok = jx_storage_save_write (job, error);
  /* A file replaced but not confirmed durable is still ours: its stamp
   * counts, the save point does not move. */
  jx_storage_save_commit (job, document);
  if (ok && !(flags & JX_SAVE_COPY))
    jx_history_set_save_point (jx_document_get_history (document));
  jx_save_job_free (job);
  return ok;
}
