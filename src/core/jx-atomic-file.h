/* jx-atomic-file.h: a file written whole or not at all
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>
#include <glib.h>

G_BEGIN_DECLS

/*
 * The one way Jixiao replaces a file (saves, exports): the content goes to
 * a temporary file beside the target (".NAME.XXXXXX", so on the same file
 * system), which commit flushes to the disk and renames over the target in
 * one step. Until then, and after any failure, the target is as it was;
 * clearing a file not committed removes the temporary one, so nothing
 * partial is ever left behind.
 *
 * Write through @fd, or by the path @temp (cairo and libxlsxwriter open
 * files by name); commit flushes what either wrote.
 *
 * Errors are G_IO_ERROR with the system's reason as message; @failed says
 * which step failed, for the caller's own wording.
 */
typedef enum {
  JX_ATOMIC_FILE_CREATE,   /* the temporary file could not be made (the folder) */
  JX_ATOMIC_FILE_WRITE,    /* writing, flushing or closing it failed */
  JX_ATOMIC_FILE_RENAME,   /* it could not take the target's place */
} JxAtomicFileStep;

typedef struct {
  char *target;
  char *temp;              /* NULL once committed or cleared */
  int   fd;                /* the temporary file, open; -1 once closed */
  int   mode;
} JxAtomicFile;

#define JX_ATOMIC_FILE_INIT { NULL, NULL, -1, -1 }

/* Makes the temporary file beside @target, open for reading and writing.
 * @mode: the permissions the file gets when committed (only its owner can
 * read it until then), or -1 for those of a new file (0666 less the umask). */
gboolean jx_atomic_file_open   (JxAtomicFile      *file,
                                const char        *target,
                                int                mode,
                                GError           **error);
/* Writes all of @data to the temporary file (retrying short writes). */
gboolean jx_atomic_file_write  (JxAtomicFile      *file,
                                const void        *data,
                                gsize              length,
                                GError           **error);
/*
 * Gives the file its mode, flushes it, closes it and renames it over the
 * target. @written (nullable): what fstat said of the
 * flushed file. Then flushes the folder so the rename survives a power
 * cut: when that fails the new file is in place, the commit succeeds and
 * *@durable (nullable) is FALSE, with errno saying why.
 */
gboolean jx_atomic_file_commit (JxAtomicFile      *file,
                                struct stat       *written,
                                gboolean          *durable,
                                JxAtomicFileStep  *failed,
                                GError           **error);
/* Removes the temporary file unless committed; frees the paths. */
void     jx_atomic_file_clear  (JxAtomicFile      *file);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JxAtomicFile, jx_atomic_file_clear)

G_END_DECLS
