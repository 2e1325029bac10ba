/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-clock.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Backups and restore (DESIGN.md, "Storage rules"; issue 9).
 *
 * A backup is a complete, standalone SQLite database (journal mode DELETE, no
 * -wal file needed), mode 0600, made with SQLite's online backup API on a
 * connection of its own opened read-only: it holds one read transaction for
 * the whole copy, so it is a consistent snapshot that includes committed data
 * still in the -wal file, while the store's own connection goes on writing.
 * It is written into a temporary file beside the destination, synced and
 * renamed over it; on failure or cancel the temporary file is removed and an
 * existing destination is left as it was.
 *
 * The copying functions touch no CrmStore connection: they may run in a GTask
 * thread while the store is used on the main thread.  Errors are
 * CRM_STORE_ERROR or G_IO_ERROR (G_IO_ERROR_CANCELLED on cancel). */

/* Automatic backups kept in the backup folder. */
#define CRM_BACKUP_AUTO_KEEP 7

/* Called after every slice of pages (from the thread that copies). */
typedef void (*CrmBackupProgressFunc) (guint    done_pages,
                                       guint    total_pages,
                                       gpointer user_data);

/* Copies the database at @source (read-only; never changed) to @dest. */
gboolean  crm_backup_copy_database  (const char             *source,
                                     const char             *dest,
                                     CrmBackupProgressFunc   progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     GError                **error);

/* Backs up @store's database to @dest.  Only reads crm_store_get_path(). */
gboolean  crm_backup_to_file        (CrmStore               *store,
                                     const char             *dest,
                                     CrmBackupProgressFunc   progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     GError                **error);

/* The same in a GTask thread; @progress is called in the thread-default main
 * context of the caller. */
void      crm_backup_to_file_async  (CrmStore               *store,
                                     const char             *dest,
                                     CrmBackupProgressFunc   progress,
                                     gpointer                progress_data,
                                     GDestroyNotify          progress_data_destroy,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
gboolean  crm_backup_to_file_finish (CrmStore               *store,
                                     GAsyncResult           *result,
                                     GError                **error);

/* ---- automatic daily backups ----
 * Files named rapport-YYYY-MM-DD.db (the local date of the store's CrmClock)
 * in a folder created mode 0700; the newest CRM_BACKUP_AUTO_KEEP are kept.
 * Other files in the folder are never touched. */

/* $XDG_DATA_HOME/rapport/backups */
char     *crm_backup_default_dir    (void);
/* Where the automatic backups of @database_path go: the default folder for
 * the default database, a folder of its own inside it for any other
 * ("<name>-<digest>"), so two databases never rotate each other's. */
char     *crm_backup_dir_for_database (const char          *database_path);
/* Today's automatic backup in @dir. */
char     *crm_backup_auto_path      (CrmStore               *store,
                                     const char             *dir);
/* TRUE when today's automatic backup does not exist yet. */
gboolean  crm_backup_auto_due       (CrmStore               *store,
                                     const char             *dir);
/* Makes (or replaces) today's backup, then deletes all but the newest
 * CRM_BACKUP_AUTO_KEEP.  @out_path: today's file. */
gboolean  crm_backup_auto_run       (CrmStore               *store,
                                     const char             *dir,
                                     char                  **out_path,
                                     GCancellable           *cancellable,
                                     GError                **error);
void      crm_backup_auto_run_async (CrmStore               *store,
                                     const char             *dir,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
/* Returns today's file, or NULL with @error set. */
char     *crm_backup_auto_run_finish (CrmStore              *store,
                                      GAsyncResult          *result,
                                      GError               **error);

/* ---- restore ---- */

/* Whether @path can be restored: an SQLite file that passes PRAGMA
 * integrity_check, a Rapport database (as crm_store_open() recognises it) and
 * not newer than crm_store_schema_version().  Opened read-only; the file is
 * never changed.  Errors: CRM_STORE_ERROR_NOT_DATABASE (not a Rapport backup at
 * all, or an empty one), _FOREIGN, _NEWER, _CORRUPT, or a G_IO_ERROR.
 * May take a while on a big file (it reads every page). */
gboolean  crm_backup_check_file     (const char             *path,
                                     GError                **error);

/* Replaces the database at @database_path with the contents of @backup.  No
 * CrmStore may be open on @database_path (close it first).
 *
 * 1. @backup is checked (crm_backup_check_file()).
 * 2. It is copied into a temporary file beside the database.
 * 3. The current database, if there is one, is copied with the backup API to
 *    "<database>.before-restore-YYYYMMDD-HHMMSS.db" (mode 0600, the time of
 *    @clock); @saved_current_path gets that path (NULL when there was no
 *    database).
 * 4. Its -wal is checkpointed; if another program still has it open, the
 *    restore stops with CRM_STORE_ERROR_BUSY.  Then -wal and -shm are removed
 *    (in that order) and the temporary file is renamed over the database.
 *
 * A failure in steps 1–4 leaves the current database as it was.  The result
 * opens with crm_store_open(), which migrates an older backup. */
gboolean  crm_backup_restore        (const char             *backup,
                                     const char             *database_path,
                                     CrmClock               *clock,
                                     char                  **saved_current_path,
                                     GError                **error);

G_END_DECLS
