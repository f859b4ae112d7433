/* jx-storage.h: documents on disk: atomic saves, backups, changes by others
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jx-types.h"

G_BEGIN_DECLS

/* How many backups of one file name are kept. */
#define JX_STORAGE_BACKUPS_KEPT 20

typedef enum
{
  JX_SAVE_DEFAULT   = 0,
  /* Save even if the file changed on disk since it was loaded or last saved
   * (the user confirmed that the other changes may go). */
  JX_SAVE_OVERWRITE = 1 << 0,
  /* Keep no backup of the version being replaced. */
  JX_SAVE_NO_BACKUP = 1 << 1,
  /* Write a copy (an export, an autosave draft): no backup, no check for
   * changes on disk, and the document's save point and disk stamp stay as
   * they are. */
  JX_SAVE_COPY      = 1 << 2,
} JxSaveFlags;

/*
 * Loads @path like jx_xml_load_file() (see jx-xml.h for @problem and the
 * errors) and remembers the size and modification time of what was read,
 * so that a later save can tell whether another program changed the file.
 */
JxDocument *jx_storage_load             (const char   *path,
                                         JxProblem   **problem,
                                         GError      **error);

/*
 * Saves @document to @path atomically: the new content goes to a temporary
 * file in the same folder, is flushed to the disk, and replaces @path in one
 * rename, so that @path always holds either the old or the new version. A
 * symbolic link is followed (the file it points to is replaced), and the
 * permissions of the file replaced are kept. Hard links to it are broken.
 *
 * Once the new version is in place, a copy of the version it replaced
 * (read through a descriptor opened before the rename, so the backup never
 * takes the disk space the save needed) goes to jx_storage_get_backup_dir()
 * (never beside the document) as NAME-YYYYMMDD-HHMMSS.EXT, written under a
 * temporary name and linked under its own only when complete; the newest
 * JX_STORAGE_BACKUPS_KEPT per file name are kept. A backup that cannot be
 * made is logged and does not undo the save.
 *
 * If the folder cannot be flushed after the rename (fsync fails), the new
 * file is in place and remembered as the document's file, but the save
 * fails with JX_XML_ERROR_IO saying so and the save point is not set.
 *
 * Fails, leaving the file on disk untouched, with JX_XML_ERROR_CHANGED_ON_DISK
 * if @path is the file @document was loaded from or last saved to and it has
 * changed since (unless @flags has JX_SAVE_OVERWRITE); with the errors of
 * jx_xml_write(); or with JX_XML_ERROR_IO. On success the disk stamp is
 * updated and the history's save point set (unless JX_SAVE_COPY).
 */
gboolean    jx_storage_save             (JxDocument   *document,
                                         const char   *path,
                                         JxSaveFlags   flags,
                                         GError      **error);

/*
 * The same save in three steps, so that the writing can leave the main
 * thread: jx_storage_save_prepare() serializes @document (all document
 * errors come here) and notes its disk stamp, on the thread that owns the
 * document; jx_storage_save_write() checks for changes on disk, makes the
 * backup and replaces the file, on any thread, touching no document;
 * jx_storage_save_commit() records the new disk stamp on the owning
 * thread. Setting the history's save point is left to the caller, who
 * knows whether the document changed while the file was written.
 */
typedef struct _JxSaveJob JxSaveJob;

JxSaveJob  *jx_storage_save_prepare     (JxDocument   *document,
                                         const char   *path,
                                         JxSaveFlags   flags,
                                         GError      **error);
/* The same with @bytes already written by jx_xml_write() or a
 * JxXmlWriter from @document as it is now. */
JxSaveJob  *jx_storage_save_prepare_bytes (JxDocument *document,
                                           GBytes     *bytes,
                                           const char *path,
                                           JxSaveFlags flags);
gboolean    jx_storage_save_write       (JxSaveJob    *job,
                                         GError      **error);
void        jx_storage_save_commit      (JxSaveJob    *job,
                                         JxDocument   *document);
void        jx_save_job_free            (JxSaveJob    *job);
/* Whether the write put the new file in place (even when it then failed:
 * the disk did not confirm it); commit records its stamp either way. */
gboolean    jx_save_job_get_replaced    (JxSaveJob    *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxSaveJob, jx_save_job_free)

/*
 * Whether the file at @path differs (in size or modification time) from
 * what @document was loaded from or last saved to there, or is gone. FALSE
 * when @document was never loaded from or saved to @path.
 */
gboolean    jx_storage_changed_on_disk  (JxDocument   *document,
                                         const char   *path);

/* $XDG_DATA_HOME/jixiao/backups. Free with g_free(). */
char       *jx_storage_get_backup_dir   (void);

/* The backups of files named like @path, newest first, as full paths.
 * Free with g_strfreev(). */
char      **jx_storage_list_backups     (const char   *path);

G_END_DECLS
