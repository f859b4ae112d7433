/* jx-atomic-file.c: a file written whole or not at all
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "jx-atomic-file.h"

static gboolean
fail (GError **error,
      int      saved_errno)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  errno = saved_errno;
  return FALSE;
}

gboolean
jx_atomic_file_open (JxAtomicFile *file,
                     const char   *target,
                     int           mode,
                     GError      **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (file != NULL && file->temp == NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  dir = g_path_get_dirname (target);
  basename = g_path_get_basename (target);
  g_free (file->target);
  file->target = g_strdup (target);
  file->temp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", dir, basename);
  file->mode = mode;
  file->fd = g_mkstemp_full (file->temp, O_RDWR | O_CLOEXEC, mode >= 0 ? 0600 : 0666);
  if (file->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&file->temp, g_free);
      return fail (error, saved_errno);
    }
  return TRUE;
}

gboolean
jx_atomic_file_write (JxAtomicFile *file,
                      const void   *data,
                      gsize         length,
                      GError      **error)
{
  const char *p = data;

  g_return_val_if_fail (file != NULL && file->fd >= 0, FALSE);

  while (length > 0)
    {
      gssize n = write (file->fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return fail (error, errno);
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
jx_atomic_file_commit (JxAtomicFile     *file,
                       struct stat      *written,
                       gboolean         *durable,
                       JxAtomicFileStep *failed,
                       GError          **error)
{
  g_autofree char *dir = NULL;
  struct stat st;
  int fd = file->fd, dir_fd, saved_errno;

  g_return_val_if_fail (file != NULL && file->temp != NULL && file->fd >= 0, FALSE);

  if (failed)
    *failed = JX_ATOMIC_FILE_WRITE;
  file->fd = -1;
  if ((file->mode >= 0 && fchmod (fd, (mode_t) file->mode) != 0) ||
      fsync (fd) != 0 ||
      fstat (fd, written ? written : &st) != 0)
    {
      saved_errno = errno;
      close (fd);
      return fail (error, saved_errno);
    }
  if (close (fd) != 0)
    return fail (error, errno);

  if (g_rename (file->temp, file->target) != 0)
    {
      if (failed)
        *failed = JX_ATOMIC_FILE_RENAME;
      return fail (error, errno);
    }
  g_clear_pointer (&file->temp, g_free);
  if (durable)
    *durable = TRUE;

  /* Make the rename itself durable. A file system that cannot flush
   * folders says EINVAL; that is no failure of the disk. */
  dir = g_path_get_dirname (file->target);
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      if (fsync (dir_fd) != 0 && errno != EINVAL && errno != ENOTSUP && durable)
        *durable = FALSE;
      saved_errno = errno;
      close (dir_fd);
      errno = saved_errno;
    }
  return TRUE;
}

void
jx_atomic_file_clear (JxAtomicFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
  /* Still set: not committed; nothing partial stays behind. */
  if (file->temp)
    g_unlink (file->temp);
  g_clear_pointer (&file->temp, g_free);
  g_clear_pointer (&file->target, g_free);
}
