/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <utime.h>

#include "crm-backup.h"
#include "crm-fts.h"
#include "crm-schema.h"
#include "crm-test-util.h"

#define DAY (24 * 60 * 60)
#define NOT_A_BACKUP "This file is not a Rapport backup."
#define NEWER_BACKUP "This backup was made by a newer version of Rapport. Update Rapport to restore it."
#define DAMAGED_BACKUP "This backup is damaged and cannot be restored."

typedef struct {
  CrmTestDb *db;
  char      *dir;    /* where backups go */
} Fixture;

static void
add_customers (CrmStore *store,
               guint     first,
               guint     n,
               guint     notes_len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = g_strnfill (notes_len, 'x');

  g_assert_true (crm_store_begin (store, &error));
  for (guint i = first; i < first + n; i++)
    {
      sqlite3_stmt *stmt = crm_store_prepare (store,
                                              "INSERT INTO customers (code, name, sort_key, notes, created_at, updated_at)"
                                              " VALUES (?1, ?2, ?2, ?3, 0, 0)",
                                              &error);
      g_autofree char *code = g_strdup_printf ("CS%07u", i);
      g_autofree char *name = g_strdup_printf ("Customer %u", i);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, notes, -1, SQLITE_TRANSIENT);
      g_assert_true (crm_store_step_done (store, stmt, &error));
      g_assert_no_error (error);
    }
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);
}

/* The first value of @sql in the database at @path (a read-write connection:
 * the last one to close removes the -wal and -shm of a WAL-mode file). */
static gint64
file_query_int (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
file_exec (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static gboolean
exists_with_suffix (const char *path,
                    const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A file's bytes and modification time, to prove it was not changed. */
typedef struct {
  char   *contents;
  gsize   length;
  gint64  mtime_ns;
} Snapshot;

static void
snapshot_take (Snapshot   *snap,
               const char *path)
{
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &snap->contents, &snap->length, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  snap->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

static void
snapshot_assert_same (Snapshot   *snap,
                      const char *path)
{
  Snapshot now = { 0 };

  snapshot_take (&now, path);
  g_assert_cmpmem (now.contents, now.length, snap->contents, snap->length);
  g_assert_cmpint (now.mtime_ns, ==, snap->mtime_ns);
  g_free (now.contents);
  g_free (snap->contents);
  snap->contents = NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_test_db_new ();
  f->dir = crm_test_tmp_dir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_db_free (f->db);
  crm_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* ---- backup ---- */

typedef struct {
  CrmStore     *store;       /* writes once during the copy when set */
  GCancellable *cancel;      /* cancelled at the first report when set */
  guint         calls;
  guint         last_done;
  guint         total;
  gboolean      increasing;
} ProgressLog;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  if (log->calls > 0 && done < log->last_done)
    log->increasing = FALSE;
  log->calls++;
  log->last_done = done;
  log->total = total;

  if (log->store != NULL && log->calls == 1)
    add_customers (log->store, 900000, 1, 10);
  if (log->cancel != NULL)
    g_cancellable_cancel (log->cancel);
}

static void
test_backup_includes_wal (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *main_only = g_build_filename (f->dir, "main-only.db", NULL);
  g_autofree char *bytes = NULL;
  gsize length;
  guchar header[20];
  ProgressLog log = { .increasing = TRUE };
  int fd;

  /* nothing reaches the main file: it all stays in the -wal */
  g_assert_true (crm_store_exec (f->db->store, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint = 0;", NULL));
  add_customers (f->db->store, 1, 3000, 400);   /* ~1.3 MB: several slices */
  g_assert_true (exists_with_suffix (f->db->path, "-wal"));

  /* the main file alone does not have them */
  g_assert_true (g_file_get_contents (f->db->path, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (main_only, bytes, (gssize) length, NULL));
  g_assert_cmpint (file_query_int (main_only, "SELECT count(*) FROM customers"), ==, 0);

  g_assert_true (crm_backup_to_file (f->db->store, dest, progress_cb, &log, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (file_query_int (dest, "SELECT count(*) FROM customers"), ==, 3000);
  g_assert_cmpint (file_mode (dest), ==, 0600);
  /* standalone: journal mode DELETE (header bytes 18–19 are 1), nothing beside it */
  g_assert_false (exists_with_suffix (dest, "-wal"));
  g_assert_false (exists_with_suffix (dest, "-shm"));
  g_assert_false (exists_with_suffix (dest, "-journal"));
  fd = g_open (dest, O_RDONLY, 0);
  g_assert_cmpint (read (fd, header, sizeof header), ==, sizeof header);
  close (fd);
  g_assert_cmpint (header[18], ==, 1);
  g_assert_cmpint (header[19], ==, 1);

  g_assert_cmpuint (log.calls, >, 1);
  g_assert_true (log.increasing);
  g_assert_cmpuint (log.last_done, ==, log.total);
  g_assert_cmpuint ((guint64) log.total * 4096, >=, 1000 * 1000);

  g_assert_true (crm_backup_check_file (dest, &error));
  g_assert_no_error (error);
  /* only the backup and the helper file: no temporary file left */
  {
    g_autofree char *names = list_dir (f->dir);

    g_assert_cmpstr (names, ==, "copy.db main-only.db");
  }
}

/* The store writes while the copy runs: the backup is the snapshot at its start. */
static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  ProgressLog log = { .increasing = TRUE };

  add_customers (f->db->store, 1, 3000, 400);
  log.store = f->db->store;

  g_assert_true (crm_backup_to_file (f->db->store, dest, progress_cb, &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.calls, >, 1);
  g_assert_true (log.increasing);

  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, 3001);
  g_assert_cmpint (file_query_int (dest, "SELECT count(*) FROM customers"), ==, 3000);
  g_assert_true (crm_backup_check_file (dest, &error));
  g_assert_no_error (error);
}

static void
test_backup_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *names = NULL;
  g_autofree char *contents = NULL;
  ProgressLog log = { .increasing = TRUE };

  add_customers (f->db->store, 1, 3000, 400);
  g_assert_true (g_file_set_contents (dest, "the previous backup", -1, NULL));

  /* cancelled during the copy */
  log.cancel = cancel;
  g_assert_false (crm_backup_to_file (f->db->store, dest, progress_cb, &log, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (log.calls, ==, 1);
  g_assert_cmpuint (log.last_done, <, log.total);
  g_clear_error (&error);

  /* cancelled before it starts */
  g_assert_false (crm_backup_to_file (f->db->store, dest, NULL, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_true (g_file_get_contents (dest, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the previous backup");
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "copy.db");
}

static void
test_backup_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "copy.db", NULL);
  g_autofree char *names = NULL;

  add_customers (f->db->store, 1, 5, 10);

  /* not over the database itself */
  g_assert_false (crm_backup_to_file (f->db->store, f->db->path, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, 5);

  /* a folder that does not exist */
  g_assert_false (crm_backup_to_file (f->db->store, missing, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "copy.db"));

  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "");
}

/* ---- in a thread ---- */

typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
  GThread      *main_thread;
  guint         reports;
  guint         last_done;
  guint         total;
  gboolean      in_main_thread;
  gboolean      destroyed;
} AsyncLog;

static void
async_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  AsyncLog *log = user_data;

  log->reports++;
  log->last_done = done;
  log->total = total;
  if (g_thread_self () != log->main_thread)
    log->in_main_thread = FALSE;
}

static void
async_destroy_cb (gpointer user_data)
{
  AsyncLog *log = user_data;

  log->destroyed = TRUE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncLog *log = user_data;

  log->result = g_object_ref (result);
  g_main_loop_quit (log->loop);
}

static void
test_backup_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *auto_dir = g_build_filename (f->dir, "auto", NULL);
  g_autofree char *made = NULL;
  AsyncLog log = { .in_main_thread = TRUE };

  add_customers (f->db->store, 1, 2000, 400);
  log.loop = g_main_loop_new (NULL, FALSE);
  log.main_thread = g_thread_self ();

  crm_backup_to_file_async (f->db->store, dest, async_progress_cb, &log, async_destroy_cb, NULL,
                            async_done_cb, &log);
  g_main_loop_run (log.loop);
  g_assert_true (crm_backup_to_file_finish (f->db->store, log.result, &error));
  g_assert_no_error (error);
  g_clear_object (&log.result);

  /* the reports queued before the result arrive too, and then the data is dropped */
  while (!log.destroyed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (log.reports, >, 1);
  g_assert_true (log.in_main_thread);
  g_assert_cmpuint (log.last_done, ==, log.total);
  g_assert_true (log.destroyed);
  g_assert_cmpint (file_query_int (dest, "SELECT count(*) FROM customers"), ==, 2000);

  crm_backup_auto_run_async (f->db->store, auto_dir, NULL, async_done_cb, &log);
  g_main_loop_run (log.loop);
  made = crm_backup_auto_run_finish (f->db->store, log.result, &error);
  g_assert_no_error (error);
  g_clear_object (&log.result);
  g_assert_true (g_str_has_suffix (made, G_DIR_SEPARATOR_S "rapport-2026-11-20.db"));
  g_assert_cmpint (file_query_int (made, "SELECT count(*) FROM customers"), ==, 2000);

  g_main_loop_unref (log.loop);
}

/* ---- automatic backups ---- */

static void
test_auto_keeps_seven (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *names = NULL;
  g_autofree char *path = NULL;
  static const char * const others[] = {
    "notes.txt", "rapport-2020-01-01.db.bak", "rapport-latest.db", "rapport-2020-1-01.db",
  };

  g_assert_true (crm_backup_auto_due (f->db->store, dir));   /* the folder does not exist yet */

  /* created 0700 on the first run; other files in it are left alone */
  for (guint day = 0; day < 10; day++)
    {
      g_autofree char *made = NULL;

      add_customers (f->db->store, day * 10, 10, 10);
      g_assert_true (crm_backup_auto_due (f->db->store, dir));
      g_assert_true (crm_backup_auto_run (f->db->store, dir, &made, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (crm_backup_auto_due (f->db->store, dir));
      g_assert_cmpint (file_query_int (made, "SELECT count(*) FROM customers"), ==, (day + 1) * 10);
      g_assert_cmpint (file_mode (made), ==, 0600);

      if (day == 0)
        {
          g_assert_cmpint (file_mode (dir), ==, 0700);
          g_assert_true (g_str_has_suffix (made, G_DIR_SEPARATOR_S "rapport-2026-11-20.db"));
          /* an older backup someone kept, with our name */
          for (guint i = 0; i < G_N_ELEMENTS (others); i++)
            {
              g_autofree char *other = g_build_filename (dir, others[i], NULL);

              g_assert_true (g_file_set_contents (other, "keep me", -1, NULL));
            }
        }

      /* later the same day: not due; a second run replaces today's */
      crm_clock_advance (f->db->clock, 6 * 60 * 60);
      g_assert_false (crm_backup_auto_due (f->db->store, dir));
      crm_clock_advance (f->db->clock, DAY - 6 * 60 * 60);
    }

  names = list_dir (dir);
  g_assert_cmpstr (names, ==,
                   "notes.txt rapport-2020-01-01.db.bak rapport-2020-1-01.db "
                   "rapport-2026-11-23.db rapport-2026-11-24.db rapport-2026-11-25.db rapport-2026-11-26.db "
                   "rapport-2026-11-27.db rapport-2026-11-28.db rapport-2026-11-29.db rapport-latest.db");

  /* an old backup from before (a sorted name older than the rest) is pruned too */
  path = g_build_filename (dir, "rapport-2019-05-05.db", NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (crm_backup_auto_run (f->db->store, dir, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&names, g_free);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==,
                   "notes.txt rapport-2020-01-01.db.bak rapport-2020-1-01.db "
                   "rapport-2026-11-24.db rapport-2026-11-25.db rapport-2026-11-26.db rapport-2026-11-27.db "
                   "rapport-2026-11-28.db rapport-2026-11-29.db rapport-2026-11-30.db rapport-latest.db");
}

/* The date is the local one of the store's clock, not UTC's. */
static void
test_auto_local_date (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;

  /* 07:00 in Shanghai is 23:00 the day before in UTC */
  crm_clock_set (f->db->clock, crm_test_time ("2026-11-21 07:00"));
  path = crm_backup_auto_path (f->db->store, f->dir);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "rapport-2026-11-21.db"));
  g_clear_pointer (&path, g_free);

  crm_clock_set (f->db->clock, crm_test_time ("2026-11-21 23:59"));
  path = crm_backup_auto_path (f->db->store, f->dir);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "rapport-2026-11-21.db"));
}

/* ---- checking a file ---- */

static char *
make_backup (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (crm_backup_to_file (f->db->store, path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_refused (const char *path,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  Snapshot snap = { 0 };

  snapshot_take (&snap, path);
  g_assert_false (crm_backup_check_file (path, &error));
  g_assert_error (error, CRM_STORE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  snapshot_assert_same (&snap, path);
  g_assert_false (exists_with_suffix (path, "-wal"));
  g_assert_false (exists_with_suffix (path, "-journal"));
}

static void
overwrite (const char *path,
           goffset     offset,
           gsize       length)
{
  g_autofree char *junk = g_strnfill (length, 'Z');
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, junk, length, offset), ==, (gssize) length);
  close (fd);
}

/* A damaged database makes no daily backup and pushes out none; what a
 * killed copy left is cleaned up once it is old; each database has its own folder. */
static void
test_auto_damaged_and_stale (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) damaged_store = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *stale = g_build_filename (dir, ".rapport-2026-11-19.db.AbC123", NULL);
  g_autofree char *fresh = g_build_filename (dir, ".rapport-2026-11-20.db.XyZ789", NULL);
  g_autofree char *damaged = NULL;
  g_autofree char *made = NULL;
  g_autofree char *names = NULL;
  struct utimbuf old = { 0 };
  GStatBuf st;

  add_customers (f->db->store, 0, 3000, 400);
  g_assert_true (crm_backup_auto_run (f->db->store, dir, &made, NULL, &error));
  g_assert_no_error (error);

  /* a copy killed two hours ago, and one still being made */
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "half", -1, NULL));
  old.actime = old.modtime = time (NULL) - 2 * 60 * 60;
  g_assert_cmpint (g_utime (stale, &old), ==, 0);

  /* the next day, the database is damaged in the middle */
  damaged = make_backup (f, "damaged.db");
  g_assert_cmpint (g_stat (damaged, &st), ==, 0);
  overwrite (damaged, st.st_size / 2, 4 * 4096);
  damaged_store = crm_store_open (damaged, f->db->clock, &error);
  g_assert_no_error (error);
  crm_clock_advance (f->db->clock, DAY);
  g_assert_false (crm_backup_auto_run (damaged_store, dir, NULL, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, ".rapport-2026-11-20.db.XyZ789 rapport-2026-11-20.db");
  g_assert_cmpint (file_query_int (made, "SELECT count(*) FROM customers"), ==, 3000);

  /* another database's backups go elsewhere, the default one's to the default folder */
  {
    g_autofree char *mine = crm_backup_dir_for_database (f->db->path);
    g_autofree char *other = crm_backup_dir_for_database ("/srv/crm/Team A.db");
    g_autofree char *default_db = crm_store_default_path ();
    g_autofree char *default_dir = crm_backup_default_dir ();
    g_autofree char *for_default = crm_backup_dir_for_database (default_db);

    g_assert_cmpstr (for_default, ==, default_dir);
    g_assert_true (g_str_has_prefix (other, default_dir));
    g_assert_nonnull (strstr (other, G_DIR_SEPARATOR_S "Team A-"));
    g_assert_cmpstr (mine, !=, other);
    g_assert_cmpstr (mine, !=, default_dir);
  }
}

static void
test_check_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "other-program.db", NULL);
  g_autofree char *newer = NULL;
  g_autofree char *truncated = NULL;
  g_autofree char *overwritten = NULL;
  g_autofree char *sql = NULL;
  Snapshot snap = { 0 };
  GStatBuf st;

  add_customers (f->db->store, 1, 2000, 400);
  good = make_backup (f, "good.db");

  /* a good one: accepted and untouched */
  snapshot_take (&snap, good);
  g_assert_true (crm_backup_check_file (good, &error));
  g_assert_no_error (error);
  snapshot_assert_same (&snap, good);
  g_assert_false (exists_with_suffix (good, "-wal"));

  g_assert_true (g_file_set_contents (text, "code,name\nCS2026001,Acme\n", -1, NULL));
  assert_refused (text, CRM_STORE_ERROR_NOT_DATABASE, NOT_A_BACKUP);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_false (crm_backup_check_file (empty, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_DATABASE);
  g_assert_cmpstr (error->message, ==, NOT_A_BACKUP);
  g_clear_error (&error);

  file_exec (foreign, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT); INSERT INTO photos VALUES (1, 'a.jpg');");
  assert_refused (foreign, CRM_STORE_ERROR_FOREIGN, NOT_A_BACKUP);

  newer = make_backup (f, "newer.db");
  sql = g_strdup_printf ("PRAGMA user_version = %u", crm_store_schema_version () + 1);
  file_exec (newer, sql);
  assert_refused (newer, CRM_STORE_ERROR_NEWER, NEWER_BACKUP);

  /* cut in half: SQLite sees fewer pages than the header says */
  truncated = make_backup (f, "truncated.db");
  g_assert_cmpint (g_stat (truncated, &st), ==, 0);
  g_assert_cmpint (truncate (truncated, st.st_size / 2), ==, 0);
  assert_refused (truncated, CRM_STORE_ERROR_CORRUPT, DAMAGED_BACKUP);

  /* pages in the middle overwritten; the header and the size are intact */
  overwritten = make_backup (f, "overwritten.db");
  g_assert_cmpint (g_stat (overwritten, &st), ==, 0);
  overwrite (overwritten, st.st_size / 2, 3 * 4096);
  assert_refused (overwritten, CRM_STORE_ERROR_CORRUPT, DAMAGED_BACKUP);

  /* a folder, and a file that does not exist */
  g_assert_false (crm_backup_check_file (f->dir, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);

    g_assert_false (crm_backup_check_file (missing, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

/* ---- restore ---- */

static void
close_store (Fixture *f)
{
  g_clear_object (&f->db->store);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected_saved = NULL;
  g_autofree char *names = NULL;
  sqlite3 *db = NULL;

  add_customers (f->db->store, 1, 100, 100);
  backup = make_backup (f, "backup.db");
  add_customers (f->db->store, 1000, 50, 100);
  close_store (f);

  /* an unclean end: committed rows only in a -wal that nobody has open */
  g_assert_cmpint (sqlite3_open (f->db->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO team_members (name, created_at) VALUES ('Only in the WAL', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (exists_with_suffix (f->db->path, "-wal"));

  crm_clock_set (f->db->clock, crm_test_time ("2026-11-21 09:30") + 15);
  g_assert_true (crm_backup_restore (backup, f->db->path, f->db->clock, &saved, &error));
  g_assert_no_error (error);

  /* the previous database is kept, complete (with what was in its -wal) */
  expected_saved = g_strconcat (f->db->path, ".before-restore-20261121-093015.db", NULL);
  g_assert_cmpstr (saved, ==, expected_saved);
  g_assert_cmpint (file_mode (saved), ==, 0600);
  g_assert_cmpint (file_query_int (saved, "SELECT count(*) FROM customers"), ==, 150);
  g_assert_cmpint (file_query_int (saved, "SELECT count(*) FROM team_members WHERE name = 'Only in the WAL'"), ==, 1);
  g_assert_true (crm_backup_check_file (saved, &error));
  g_assert_no_error (error);

  /* the database now has the backup's contents, and nothing of the stale -wal */
  g_assert_false (exists_with_suffix (f->db->path, "-wal"));
  g_assert_false (exists_with_suffix (f->db->path, "-shm"));
  g_assert_cmpint (file_mode (f->db->path), ==, 0600);
  store = crm_store_open (f->db->path, f->db->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers"), ==, 100);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM team_members"), ==, 0);
  {
    g_autofree char *check = crm_test_query_text (store, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
  g_clear_object (&store);

  /* the backup itself is untouched */
  g_assert_cmpint (file_query_int (backup, "SELECT count(*) FROM customers"), ==, 100);

  names = list_dir (f->db->dir);
  g_assert_cmpstr (names, ==, "test.db test.db.before-restore-20261121-093015.db");

  /* a second restore in the same second keeps both saved copies */
  g_clear_pointer (&saved, g_free);
  g_assert_true (crm_backup_restore (backup, f->db->path, f->db->clock, &saved, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (saved, ".before-restore-20261121-093015-2.db"));
}

static void
test_restore_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *newer = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *names = NULL;
  g_autofree char *sql = NULL;
  char *saved = (char *) "unset";
  const char *bad[3];
  static const int codes[] = { CRM_STORE_ERROR_NOT_DATABASE, CRM_STORE_ERROR_NEWER, CRM_STORE_ERROR_CORRUPT };
  GStatBuf st;

  add_customers (f->db->store, 1, 1000, 400);
  newer = make_backup (f, "newer.db");
  sql = g_strdup_printf ("PRAGMA user_version = %u", crm_store_schema_version () + 1);
  file_exec (newer, sql);
  damaged = make_backup (f, "damaged.db");
  g_assert_cmpint (g_stat (damaged, &st), ==, 0);
  overwrite (damaged, st.st_size / 2, 2 * 4096);
  g_assert_true (g_file_set_contents (text, "not a database", -1, NULL));
  close_store (f);

  bad[0] = text;
  bad[1] = newer;
  bad[2] = damaged;
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      Snapshot current = { 0 };
      Snapshot backup = { 0 };

      snapshot_take (&current, f->db->path);
      snapshot_take (&backup, bad[i]);
      g_assert_false (crm_backup_restore (bad[i], f->db->path, f->db->clock, &saved, &error));
      g_assert_error (error, CRM_STORE_ERROR, codes[i]);
      g_assert_null (saved);
      g_clear_error (&error);
      snapshot_assert_same (&current, f->db->path);
      snapshot_assert_same (&backup, bad[i]);
    }

  /* no saved copy, no temporary file */
  names = list_dir (f->db->dir);
  g_assert_cmpstr (names, ==, "test.db");
}

/* Another program has the database open: nothing is replaced. */
static void
test_restore_busy (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *names = NULL;
  g_autofree char *saved = NULL;

  add_customers (f->db->store, 1, 10, 10);
  backup = make_backup (f, "backup.db");
  add_customers (f->db->store, 100, 10, 10);

  /* the store stays open, as another Rapport would */
  g_assert_false (crm_backup_restore (backup, f->db->path, f->db->clock, &saved, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY);
  g_assert_null (saved);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, 20);
  add_customers (f->db->store, 200, 1, 10);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, 21);

  names = list_dir (f->db->dir);
  g_assert_cmpstr (names, ==, "test.db test.db-shm test.db-wal");
}

/* No database yet (a new computer): the backup becomes it. */
static void
test_restore_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *target = g_build_filename (f->dir, "new", "rapport.db", NULL);
  g_autofree char *saved = NULL;

  add_customers (f->db->store, 1, 10, 10);
  backup = make_backup (f, "backup.db");

  g_assert_true (crm_backup_restore (backup, target, f->db->clock, &saved, &error));
  g_assert_no_error (error);
  g_assert_null (saved);
  g_assert_cmpint (file_mode (target), ==, 0600);
  store = crm_store_open (target, f->db->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers"), ==, 10);
}

/* A backup from an older Rapport (schema version 1) is migrated when opened. */
static void
test_restore_older (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *old = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *bump = NULL;
  g_autofree char *saved = NULL;
  sqlite3 *db = NULL;

  if (crm_store_schema_version () < 2)
    {
      g_test_skip ("only one schema version");
      return;
    }

  g_assert_cmpint (sqlite3_open (old, &db), ==, SQLITE_OK);
  crm_fts_register (db);
  bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 1;", CRM_SCHEMA_APPLICATION_ID);
  g_assert_cmpint (sqlite3_exec (db, crm_schema_get_migration (1), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO customers (code, name, sort_key, created_at, updated_at)"
                                 " VALUES ('CS2020001', 'Old Friend', 'old friend', 0, 0)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_true (crm_backup_check_file (old, &error));
  g_assert_no_error (error);
  close_store (f);
  g_assert_true (crm_backup_restore (old, f->db->path, f->db->clock, &saved, &error));
  g_assert_no_error (error);
  g_assert_nonnull (saved);

  store = crm_store_open (f->db->path, f->db->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (store, "PRAGMA user_version"), ==, crm_store_schema_version ());
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers WHERE code = 'CS2020001'"), ==, 1);
}

/* The current database is damaged: it is kept byte for byte, and the backup restored. */
static void
test_restore_over_damaged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  add_customers (f->db->store, 1, 10, 10);
  backup = make_backup (f, "backup.db");
  close_store (f);
  g_assert_true (g_file_set_contents (f->db->path, "SQLite format 3\0 but not really", 32, NULL));
  g_assert_true (g_file_get_contents (f->db->path, &before, &before_len, NULL));

  g_assert_true (crm_backup_restore (backup, f->db->path, f->db->clock, &saved, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (saved, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_cmpint (file_mode (saved), ==, 0600);

  store = crm_store_open (f->db->path, f->db->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers"), ==, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/includes-wal", test_backup_includes_wal);
  ADD ("/backup/while-writing", test_backup_while_writing);
  ADD ("/backup/cancel", test_backup_cancel);
  ADD ("/backup/errors", test_backup_errors);
  ADD ("/backup/async", test_backup_async);
  ADD ("/backup/auto/keeps-seven", test_auto_keeps_seven);
  ADD ("/backup/auto/local-date", test_auto_local_date);
  ADD ("/backup/auto/damaged-and-stale", test_auto_damaged_and_stale);
  ADD ("/backup/check-file", test_check_file);
  ADD ("/backup/restore/replaces", test_restore);
  ADD ("/backup/restore/refuses", test_restore_refuses);
  ADD ("/backup/restore/busy", test_restore_busy);
  ADD ("/backup/restore/new", test_restore_new);
  ADD ("/backup/restore/older", test_restore_older);
  ADD ("/backup/restore/over-damaged", test_restore_over_damaged);

#undef ADD

  return g_test_run ();
}
