/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-backup"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-backup.h"
#include "crm-fts.h"

/* Pages copied per sqlite3_backup_step(): 1 MiB with 4 KiB pages, so a cancel
 * is seen quickly and progress moves smoothly. */
#define PAGES_PER_STEP 256
#define BUSY_TIMEOUT_MS 5000
#define BUSY_RETRY_US (20 * 1000)
#define BUSY_RETRIES 250

#define AUTO_PREFIX "rapport-"
#define AUTO_SUFFIX ".db"
#define AUTO_NAME_LEN (sizeof AUTO_PREFIX - 1 + 10 + sizeof AUTO_SUFFIX - 1)

/* @format: a translated "…“%s”…: %s" for the file and the system's reason */
#define set_io_error(error, saved_errno, format, path) \
  G_STMT_START { \
    int saved_ = (saved_errno); \
    g_autofree char *display_ = g_filename_display_name (path); \
    g_set_error ((error), G_IO_ERROR, g_io_error_from_errno (saved_), \
                 format, display_, g_strerror (saved_)); \
  } G_STMT_END

/* The database and the files SQLite may keep beside it. */
static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
  g_unlink (path);
}

static gboolean
fsync_path (const char *path,
            gboolean    directory)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0), 0);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = fsync (fd);
  close (fd);
  return rc == 0;
}

static void
fsync_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* best effort: some file systems cannot sync a directory */
  fsync_path (dir, TRUE);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error,
          const char  *what)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      crm_sql_set_error (db, sqlite3_extended_errcode (db), error, what);
      return FALSE;
    }
  return TRUE;
}

/* Read-only opens leave no -wal or -shm behind (crm_sql_open_read_only()). */
static sqlite3 *
open_database (const char  *path,
               int          flags,
               GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  if (flags == SQLITE_OPEN_READONLY)
    rc = crm_sql_open_read_only (path, &db);
  else
    rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *what = g_strdup_printf (_("Could not open “%s”"), display);

      crm_sql_set_error (db, rc, error, what);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, TRUE);
  return db;
}

/* Copies @source into a new, synced temporary file beside @dest (mode 0600,
 * journal mode DELETE) and returns its path; on failure nothing is left. */
static char *
copy_to_temp (const char             *source,
              const char             *dest,
              CrmBackupProgressFunc   progress,
              gpointer                progress_data,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  g_autofree char *what = NULL;
  sqlite3 *src = NULL;
  sqlite3 *dst = NULL;
  sqlite3_backup *backup = NULL;
  gboolean ok = FALSE;
  gboolean created = FALSE;
  guint busy = 0;
  int rc;
  int fd;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  src = open_database (source, SQLITE_OPEN_READONLY, error);
  if (src == NULL)
    return NULL;
  /* One read transaction for the whole copy: a consistent snapshot, including
   * what is committed in the -wal, that writers elsewhere do not restart. */
  what = g_strdup (_("Could not read the database"));
  if (!exec_sql (src, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema;", error, what))
    goto out;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, errno, _("Could not write “%s”: %s"), dest);
      goto out;
    }
  close (fd);
  created = TRUE;

  dst = open_database (tmp, SQLITE_OPEN_READWRITE, error);
  if (dst == NULL)
    goto out;
  g_free (what);
  what = g_strdup (_("Could not write the backup"));
  /* a new file nobody else sees: no journal while copying; synced below */
  if (!exec_sql (dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;", error, what))
    goto out;

  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      crm_sql_set_error (dst, sqlite3_extended_errcode (dst), error, what);
      goto out;
    }

  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (rc == SQLITE_OK || rc == SQLITE_DONE)
        {
          int total = sqlite3_backup_pagecount (backup);
          int remaining = sqlite3_backup_remaining (backup);

          busy = 0;
          if (progress != NULL)
            progress ((guint) (total - remaining), (guint) total, progress_data);
          if (rc == SQLITE_DONE)
            break;
        }
      else if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && busy++ < BUSY_RETRIES)
        g_usleep (BUSY_RETRY_US);
      else
        {
          crm_sql_set_error (NULL, rc, error, what);
          goto out;
        }
    }

  rc = sqlite3_backup_finish (backup);
  backup = NULL;
  if (rc != SQLITE_OK)
    {
      crm_sql_set_error (dst, rc, error, what);
      goto out;
    }
  sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);

  /* The copy's header still says WAL (it is the source's page 1), which a
   * connection whose journal is OFF may not notice: a fresh connection reads
   * the header, opens it as WAL and makes it a single-file database. */
  rc = sqlite3_close (dst);
  dst = NULL;
  if (rc != SQLITE_OK)
    {
      crm_sql_set_error (NULL, rc, error, what);
      goto out;
    }
  dst = open_database (tmp, SQLITE_OPEN_READWRITE, error);
  if (dst == NULL || !exec_sql (dst, "PRAGMA journal_mode = DELETE;", error, what))
    goto out;
  rc = sqlite3_close (dst);
  dst = NULL;
  if (rc != SQLITE_OK)
    {
      crm_sql_set_error (NULL, rc, error, what);
      goto out;
    }
  if (!fsync_path (tmp, FALSE))
    {
      set_io_error (error, errno, _("Could not write “%s”: %s"), dest);
      goto out;
    }

  ok = TRUE;

out:
  if (backup != NULL)
    sqlite3_backup_finish (backup);
  sqlite3_close (dst);
  sqlite3_close (src);
  if (!ok && created)
    remove_database_files (tmp);

  return ok ? g_steal_pointer (&tmp) : NULL;
}

gboolean
crm_backup_copy_database (const char             *source,
                          const char             *dest,
                          CrmBackupProgressFunc   progress,
                          gpointer                progress_data,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  if (same_file (source, dest))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("A backup cannot replace the database it is made from. Choose another file."));
      return FALSE;
    }

  tmp = copy_to_temp (source, dest, progress, progress_data, cancellable, error);
  if (tmp == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      g_rename (tmp, dest) != 0)
    {
      if (error != NULL && *error == NULL)
        set_io_error (error, errno, _("Could not write “%s”: %s"), dest);
      remove_database_files (tmp);
      return FALSE;
    }
  fsync_parent (dest);

  return TRUE;
}

gboolean
crm_backup_to_file (CrmStore               *store,
                    const char             *dest,
                    CrmBackupProgressFunc   progress,
                    gpointer                progress_data,
                    GCancellable           *cancellable,
                    GError                **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  return crm_backup_copy_database (crm_store_get_path (store), dest, progress, progress_data,
                                   cancellable, error);
}

/* ---- in a thread ---- */

typedef struct {
  CrmBackupProgressFunc  func;
  gpointer               data;
  GDestroyNotify         destroy;
  GMainContext          *context;
} Progress;

typedef struct {
  Progress *progress;   /* a GRcBox: each pending report holds a reference */
  guint     done;
  guint     total;
} ProgressReport;

typedef struct {
  char     *source;
  char     *dest;
  char     *dir;
  Progress *progress;
  guint     last_percent;
} TaskData;

static gboolean
destroy_progress_data_cb (gpointer user_data)
{
  Progress *copy = user_data;

  copy->destroy (copy->data);
  g_free (copy);
  return G_SOURCE_REMOVE;
}

/* The last reference may go in the thread: @progress_data is always
 * destroyed in the caller's context. */
static void
progress_clear (Progress *progress)
{
  if (progress->destroy != NULL)
    {
      if (g_main_context_is_owner (progress->context))
        progress->destroy (progress->data);
      else
        g_main_context_invoke (progress->context, destroy_progress_data_cb,
                               g_memdup2 (progress, sizeof *progress));
    }
  g_main_context_unref (progress->context);
}

static void
progress_unref (Progress *progress)
{
  g_rc_box_release_full (progress, (GDestroyNotify) progress_clear);
}

static void
task_data_free (TaskData *data)
{
  g_free (data->source);
  g_free (data->dest);
  g_free (data->dir);
  g_clear_pointer (&data->progress, progress_unref);
  g_free (data);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->progress->func (report->done, report->total, report->progress->data);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  progress_unref (report->progress);
  g_free (report);
}

/* In the thread: hands a report to the caller's context (once per percent). */
static void
thread_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  TaskData *data = user_data;
  ProgressReport *report;
  guint percent = total > 0 ? (guint) ((guint64) done * 100 / total) : 100;

  if (percent == data->last_percent && done < total)
    return;
  data->last_percent = percent;

  report = g_new0 (ProgressReport, 1);
  report->progress = g_rc_box_acquire (data->progress);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (data->progress->context, G_PRIORITY_DEFAULT,
                              report_progress_cb, report, report_free);
}

static void
to_file_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (crm_backup_copy_database (data->source, data->dest,
                                data->progress != NULL ? thread_progress : NULL, data,
                                cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
crm_backup_to_file_async (CrmStore               *store,
                          const char             *dest,
                          CrmBackupProgressFunc   progress,
                          gpointer                progress_data,
                          GDestroyNotify          progress_data_destroy,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (dest != NULL);

  data = g_new0 (TaskData, 1);
  data->source = g_strdup (crm_store_get_path (store));
  data->dest = g_strdup (dest);
  data->last_percent = G_MAXUINT;
  if (progress != NULL)
    {
      data->progress = g_rc_box_new0 (Progress);
      data->progress->func = progress;
      data->progress->data = progress_data;
      data->progress->destroy = progress_data_destroy;
      data->progress->context = g_main_context_ref_thread_default ();
    }
  else if (progress_data_destroy != NULL)
    progress_data_destroy (progress_data);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_backup_to_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, to_file_thread);
}

gboolean
crm_backup_to_file_finish (CrmStore      *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- automatic backups ---- */

char *
crm_backup_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "backups", NULL);
}

/* rapport-YYYY-MM-DD.db, and nothing else */
static gboolean
is_auto_name (const char *name)
{
  const char *date = name + strlen (AUTO_PREFIX);

  if (strlen (name) != AUTO_NAME_LEN ||
      !g_str_has_prefix (name, AUTO_PREFIX) || !g_str_has_suffix (name, AUTO_SUFFIX))
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? date[i] != '-' : !g_ascii_isdigit (date[i]))
      return FALSE;
  return TRUE;
}

/* "rapport-YYYY-MM-DD.db" followed by anything: a temporary copy's name */
static gboolean
is_auto_name_prefix (const char *name)
{
  g_autofree char *head = NULL;

  if (strlen (name) <= AUTO_NAME_LEN)
    return FALSE;
  head = g_strndup (name, AUTO_NAME_LEN);
  return is_auto_name (head) && name[AUTO_NAME_LEN] == '.';
}

char *
crm_backup_dir_for_database (const char *database_path)
{
  g_autofree char *dir = crm_backup_default_dir ();
  g_autofree char *default_db = crm_store_default_path ();
  g_autofree char *base = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (database_path == NULL || g_str_equal (database_path, default_db))
    return g_steal_pointer (&dir);
  base = g_path_get_basename (database_path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, database_path, -1);
  name = g_strdup_printf ("%s-%.8s", base, digest);
  return g_build_filename (dir, name, NULL);
}

char *
crm_backup_auto_path (CrmStore   *store,
                      const char *dir)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  now = crm_clock_now_local (crm_store_get_clock (store));
  date = g_date_time_format (now, "%Y-%m-%d");
  name = g_strconcat (AUTO_PREFIX, date, AUTO_SUFFIX, NULL);
  return g_build_filename (dir, name, NULL);
}

gboolean
crm_backup_auto_due (CrmStore   *store,
                     const char *dir)
{
  g_autofree char *path = crm_backup_auto_path (store, dir);

  return path != NULL && !g_file_test (path, G_FILE_TEST_EXISTS);
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (*(const char * const *) b, *(const char * const *) a);
}

/* Deletes all but the newest CRM_BACKUP_AUTO_KEEP automatic backups (by the date in their name). */
static gboolean
prune (const char  *dir,
       GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  gboolean ok = TRUE;
  const char *name;

  d = g_dir_open (dir, 0, error);
  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    if (is_auto_name (name))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names_descending);
  for (guint i = CRM_BACKUP_AUTO_KEEP; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) != 0 && errno != ENOENT && ok)
        {
          set_io_error (error, errno, _("Could not delete the old backup “%s”: %s"), path);
          ok = FALSE;
        }
    }

  return ok;
}

static gboolean
make_backup_dir (const char  *dir,
                 GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, _("Could not create the backup folder “%s”: %s"), dir);
      return FALSE;
    }
  return TRUE;
}

/* What a killed copy left: ".rapport-YYYY-MM-DD.db.XXXXXX" (and its
 * -journal), once it is older than an hour (no copy takes that long here). */
#define STALE_TEMP_AGE_S (60 * 60)

static void
remove_stale_temps (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  /* a file's age is the file system's business: its mtime against the real
   * time, not the store's clock */
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (name[0] != '.' || !is_auto_name_prefix (name + 1))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && now - (gint64) st.st_mtime > STALE_TEMP_AGE_S)
        g_unlink (path);
    }
}

/* A copy of a damaged database is no backup: it must not push out the good ones. */
static gboolean
check_copy (const char  *path,
            GError     **error)
{
  sqlite3 *db = open_database (path, SQLITE_OPEN_READONLY, error);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (!ok)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                         _("The database is damaged, so today’s backup was not made; the earlier backups are kept."));
  return ok;
}

static gboolean
auto_run (const char    *source,
          const char    *dest,
          const char    *dir,
          GCancellable  *cancellable,
          GError       **error)
{
  if (!make_backup_dir (dir, error))
    return FALSE;
  remove_stale_temps (dir);
  if (!crm_backup_copy_database (source, dest, NULL, NULL, cancellable, error))
    return FALSE;
  if (!check_copy (dest, error))
    {
      g_unlink (dest);
      return FALSE;
    }
  return prune (dir, error);
}

gboolean
crm_backup_auto_run (CrmStore      *store,
                     const char    *dir,
                     char         **out_path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  path = crm_backup_auto_path (store, dir);
  if (!auto_run (crm_store_get_path (store), path, dir, cancellable, error))
    return FALSE;

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

static void
auto_run_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (auto_run (data->source, data->dest, data->dir, cancellable, &error))
    g_task_return_pointer (task, g_strdup (data->dest), g_free);
  else
    g_task_return_error (task, error);
}

void
crm_backup_auto_run_async (CrmStore            *store,
                           const char          *dir,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (dir != NULL);

  /* the clock is read here, on the store's thread */
  data = g_new0 (TaskData, 1);
  data->source = g_strdup (crm_store_get_path (store));
  data->dest = crm_backup_auto_path (store, dir);
  data->dir = g_strdup (dir);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_backup_auto_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, auto_run_thread);
}

char *
crm_backup_auto_run_finish (CrmStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- checking and restoring ---- */

static gboolean
fail_check (GError      **error,
            CrmStoreError code)
{
  const char *message;

  switch (code)
    {
    case CRM_STORE_ERROR_NEWER:
      message = _("This backup was made by a newer version of Rapport. Update Rapport to restore it.");
      break;
    case CRM_STORE_ERROR_CORRUPT:
      message = _("This backup is damaged and cannot be restored.");
      break;
    case CRM_STORE_ERROR_NOT_DATABASE:
    case CRM_STORE_ERROR_FOREIGN:
    default:
      message = _("This file is not a Rapport backup.");
      break;
    }
  g_set_error_literal (error, CRM_STORE_ERROR, code, message);
  return FALSE;
}

gboolean
crm_backup_check_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *result = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return fail_check (error, CRM_STORE_ERROR_NOT_DATABASE);

  /* how crm_store_open() recognises its own files */
  if (!crm_store_inspect_file (path, &version, &local_error))
    {
      if (local_error->domain == CRM_STORE_ERROR &&
          (local_error->code == CRM_STORE_ERROR_NOT_DATABASE ||
           local_error->code == CRM_STORE_ERROR_FOREIGN ||
           local_error->code == CRM_STORE_ERROR_NEWER ||
           local_error->code == CRM_STORE_ERROR_CORRUPT))
        return fail_check (error, local_error->code);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (version == 0)   /* empty: nothing to restore */
    return fail_check (error, CRM_STORE_ERROR_NOT_DATABASE);

  db = open_database (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return FALSE;
  crm_fts_register (db);

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_ROW)
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        fail_check (error, CRM_STORE_ERROR_CORRUPT);
      else
        crm_sql_set_error (db, rc, error, _("Could not read the backup"));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_close (db);

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_debug ("integrity_check of %s: %s", path, result);
      return fail_check (error, CRM_STORE_ERROR_CORRUPT);
    }

  return TRUE;
}

/* A byte-for-byte copy (for a current database SQLite cannot read), mode 0600. */
static gboolean
copy_raw (const char  *source,
          const char  *dest,
          GError     **error)
{
  char buf[64 * 1024];
  gboolean ok = FALSE;
  int in, out;
  ssize_t n;

  in = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      set_io_error (error, errno, _("Could not open “%s”: %s"), source);
      return FALSE;
    }
  out = g_open (dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0)
    {
      set_io_error (error, errno, _("Could not write “%s”: %s"), dest);
      close (in);
      return FALSE;
    }

  while ((n = read (in, buf, sizeof buf)) != 0)
    {
      ssize_t written = 0;

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_io_error (error, errno, _("Could not open “%s”: %s"), source);
          goto out;
        }
      while (written < n)
        {
          ssize_t w = write (out, buf + written, (size_t) (n - written));

          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              set_io_error (error, errno, _("Could not write “%s”: %s"), dest);
              goto out;
            }
          written += w;
        }
    }
  if (fsync (out) != 0)
    {
      set_io_error (error, errno, _("Could not write “%s”: %s"), dest);
      goto out;
    }
  ok = TRUE;

out:
  close (in);
  close (out);
  if (!ok)
    g_unlink (dest);
  return ok;
}

/* "<database>.before-restore-YYYYMMDD-HHMMSS.db", one that does not exist yet. */
static char *
saved_path_for (const char *database_path,
                CrmClock   *clock)
{
  g_autoptr(GDateTime) now = crm_clock_now_local (clock);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *path = g_strdup_printf ("%s.before-restore-%s.db", database_path, stamp);

  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (path);
      path = g_strdup_printf ("%s.before-restore-%s-%u.db", database_path, stamp, i);
    }
  return path;
}

/* Keeps a copy of the current database: with the backup API, or byte for byte
 * (with its -wal) when SQLite cannot read it. */
static gboolean
save_current (const char  *database_path,
              const char  *saved,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *saved_wal = NULL;

  if (crm_backup_copy_database (database_path, saved, NULL, NULL, NULL, &local_error))
    return TRUE;

  if (!g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT) &&
      !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_DATABASE) &&
      !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("Keeping a raw copy of %s: %s", database_path, local_error->message);
  wal = g_strconcat (database_path, "-wal", NULL);
  saved_wal = g_strconcat (saved, "-wal", NULL);
  if (!copy_raw (database_path, saved, error))
    return FALSE;
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && !copy_raw (wal, saved_wal, error))
    {
      g_unlink (saved);
      return FALSE;
    }
  return TRUE;
}

/* Moves what the current database's -wal holds into the file itself, so the
 * -wal can go.  Fails if another program has the database open. */
static gboolean
checkpoint_current (const char  *database_path,
                    GError     **error)
{
  g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 busy = 0;
  int rc;

  if (!g_file_test (wal, G_FILE_TEST_EXISTS))
    return TRUE;

  db = open_database (database_path, SQLITE_OPEN_READWRITE, NULL);
  if (db == NULL)
    return TRUE;   /* not readable: its raw copy (with the -wal) was kept */

  rc = sqlite3_prepare_v2 (db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    busy = sqlite3_column_int64 (stmt, 0);
  else
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);
  /* the last connection to close removes -wal and -shm */
  sqlite3_close (db);

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED || busy != 0 ||
      (rc == SQLITE_ROW && g_file_test (wal, G_FILE_TEST_EXISTS)))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY,
                           _("The database is in use by another program. Close every Rapport window and "
                             "reminder process, then try again."));
      return FALSE;
    }

  return TRUE;
}

gboolean
crm_backup_restore (const char  *backup,
                    const char  *database_path,
                    CrmClock    *clock,
                    char       **saved_current_path,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (CRM_IS_CLOCK (clock), FALSE);

  if (saved_current_path != NULL)
    *saved_current_path = NULL;

  if (!crm_backup_check_file (backup, error))
    return FALSE;

  dir = g_path_get_dirname (database_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, _("Could not create the folder for “%s”: %s"), database_path);
      return FALSE;
    }

  tmp = copy_to_temp (backup, database_path, NULL, NULL, NULL, error);
  if (tmp == NULL)
    return FALSE;

  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      saved = saved_path_for (database_path, clock);
      if (!save_current (database_path, saved, error) ||
          !checkpoint_current (database_path, error))
        goto fail;
    }

  /* no -wal of the old database may be replayed onto the restored one; the
   * -wal before the -shm, so SQLite never rebuilds an index of a stale log */
  wal = g_strconcat (database_path, "-wal", NULL);
  shm = g_strconcat (database_path, "-shm", NULL);
  if ((g_unlink (wal) != 0 && errno != ENOENT) ||
      (g_unlink (shm) != 0 && errno != ENOENT) ||
      g_rename (tmp, database_path) != 0)
    {
      set_io_error (error, errno, _("Could not replace “%s”: %s"), database_path);
      goto fail;
    }
  fsync_parent (database_path);

  if (saved_current_path != NULL)
    *saved_current_path = g_steal_pointer (&saved);
  return TRUE;

fail:
  remove_database_files (tmp);
  if (saved != NULL)
    remove_database_files (saved);
  return FALSE;
}
