/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-schema.h"
#include "crm-fts.h"
#include "crm-store.h"

#define BUSY_TIMEOUT_MS 5000
#define CACHE_KIB        32768   /* SQLite's page cache of a connection */
#define AUTO_CHECKPOINT  1000    /* SQLite's default, in pages */

typedef struct {
  CrmChangeKind kind;
  gint64        id;
} Change;

struct _CrmStore
{
  GObject parent_instance;

  /* owned */
  char       *path;
  CrmClock   *clock;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  GArray     *pending;      /* Change, emitted after commit */

  guint       depth;
  gboolean    rollback_only;
  gboolean    read_only;
};

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = (CrmStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_store_finalize;

  /**
   * CrmStore::changed:
   * @kind: a #CrmChangeKind
   * @id: the row that changed, or 0 for many
   *
   * Emitted after a transaction that changed data has committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
}

static void
crm_store_init (CrmStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Change));
}

char *
crm_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

guint
crm_store_schema_version (void)
{
  return crm_schema_get_n_migrations ();
}

static CrmStoreError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:       return CRM_STORE_ERROR_FULL;
    case SQLITE_READONLY:   return CRM_STORE_ERROR_READ_ONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:     return CRM_STORE_ERROR_BUSY;
    case SQLITE_CORRUPT:    return CRM_STORE_ERROR_CORRUPT;
    case SQLITE_NOTADB:     return CRM_STORE_ERROR_NOT_DATABASE;
    case SQLITE_CONSTRAINT: return CRM_STORE_ERROR_CONSTRAINT;
    default:                return CRM_STORE_ERROR_FAILED;
    }
}

/* As error_code_for(), with what the system said when SQLite could not open
 * or grow a file: a full disk (SQLite says SQLITE_FULL only when the database
 * or its journal grows; making the -shm index gives SQLITE_IOERR_SHMSIZE) is
 * _FULL, a read-only file system or folder _READ_ONLY. */
static CrmStoreError
error_code_for_db (sqlite3 *db,
                   int      rc)
{
  CrmStoreError code = error_code_for (rc);

  if (code == CRM_STORE_ERROR_FAILED && db != NULL &&
      ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN))
    {
      int saved = sqlite3_system_errno (db);

      if (saved == ENOSPC || saved == EDQUOT)
        code = CRM_STORE_ERROR_FULL;
      else if (saved == EROFS || saved == EACCES ||
               ((rc & 0xff) == SQLITE_CANTOPEN && sqlite3_db_readonly (db, "main") == 1))
        code = CRM_STORE_ERROR_READ_ONLY;
    }
  return code;
}

void
crm_sql_set_error (sqlite3     *db,
                   int          rc,
                   GError     **error,
                   const char  *what)
{
  CrmStoreError code = error_code_for_db (db, rc);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *reason;

  switch (code)
    {
    case CRM_STORE_ERROR_FULL:
      reason = _("The disk is full. Free some space and try again.");
      break;
    case CRM_STORE_ERROR_READ_ONLY:
      reason = _("The database file cannot be written to.");
      break;
    case CRM_STORE_ERROR_BUSY:
      reason = _("The database is in use by another program.");
      break;
    case CRM_STORE_ERROR_CORRUPT:
    case CRM_STORE_ERROR_NOT_DATABASE:
      reason = _("The database file is damaged.");
      break;
    case CRM_STORE_ERROR_CONSTRAINT:
    case CRM_STORE_ERROR_NOT_FOUND:
    case CRM_STORE_ERROR_INVALID:
    case CRM_STORE_ERROR_FOREIGN:
    case CRM_STORE_ERROR_NEWER:
    case CRM_STORE_ERROR_FAILED:
    default:
      reason = detail;
      break;
    }

  g_debug ("%s: %s (%d)", what, detail, rc);
  g_set_error (error, CRM_STORE_ERROR, code, "%s: %s", what, reason);
}

void
crm_store_set_error (CrmStore    *self,
                     GError     **error,
                     const char  *what)
{
  g_return_if_fail (CRM_IS_STORE (self));
  crm_sql_set_error (self->db, sqlite3_extended_errcode (self->db), error, what);
}

int
crm_sql_open_read_only (const char  *path,
                        sqlite3    **db)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *immutable = NULL;

  /* with no -wal beside it there is nothing to read but the file itself;
   * immutable keeps SQLite from creating a -wal and -shm for a WAL-mode file */
  if (!g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      absolute = g_canonicalize_filename (path, NULL);
      uri = g_filename_to_uri (absolute, NULL, NULL);
    }
  if (uri == NULL)
    return sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  immutable = g_strconcat (uri, "?immutable=1", NULL);
  return sqlite3_open_v2 (immutable, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
}

/* Checks an existing file without writing to it.  Returns TRUE if it can be
 * opened for writing (a Rapport database of this or an older version, or an empty file).
 *
 * The header is read through SQLite's own file handle, never with open() and
 * close() of our own: closing any descriptor of a file drops every POSIX lock
 * this process holds on it, so another connection of this process (the
 * window's, while a backup or the scores open theirs) would lose the shared
 * lock that tells other programs the -wal is in use; one of them closing its
 * last connection would then check it in and delete it under us. */
gboolean
crm_store_inspect_file (const char  *path,
                        guint       *out_version,
                        GError     **error)
{
  static const char header[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  char buf[16];
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  gint64 app_id = 0, version = 0, n_objects = 0;
  int rc;

  if (out_version != NULL)
    *out_version = 0;

  rc = crm_sql_open_read_only (path, &db);
  if (rc != SQLITE_OK)
    {
      int saved = db != NULL ? sqlite3_system_errno (db) : 0;

      if (saved == 0)
        saved = EIO;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open “%s”: %s"), display, g_strerror (saved));
      sqlite3_close (db);
      return FALSE;
    }

  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == NULL || file->pMethods == NULL ||
      file->pMethods->xFileSize (file, &size) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not open “%s”: %s"), display, g_strerror (EIO));
      sqlite3_close (db);
      return FALSE;
    }

  if (size == 0)
    {
      sqlite3_close (db);
      return TRUE;   /* an empty file: a new database */
    }

  if (size < (sqlite3_int64) sizeof buf ||
      file->pMethods->xRead (file, buf, sizeof buf, 0) != SQLITE_OK ||
      memcmp (buf, header, sizeof buf) != 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Rapport database. It was left unchanged."), display);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT (SELECT application_id FROM pragma_application_id),"
                           "       (SELECT user_version FROM pragma_user_version),"
                           "       (SELECT count(*) FROM sqlite_schema)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          app_id = sqlite3_column_int64 (stmt, 0);
          version = sqlite3_column_int64 (stmt, 1);
          n_objects = sqlite3_column_int64 (stmt, 2);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (db);
      CrmStoreError kind = error_code_for_db (db, code);

      if (kind == CRM_STORE_ERROR_BUSY)
        g_set_error (error, CRM_STORE_ERROR, kind,
                     _("“%s” is locked by another program. Close it and try again."), display);
      else if (kind == CRM_STORE_ERROR_FULL)
        crm_sql_set_error (db, code, error, _("Could not open the database"));
      else
        g_set_error (error, CRM_STORE_ERROR, kind == CRM_STORE_ERROR_NOT_DATABASE ? CRM_STORE_ERROR_CORRUPT : kind,
                     _("“%s” could not be read: it may be damaged. It was left unchanged."), display);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  if (app_id != CRM_SCHEMA_APPLICATION_ID)
    {
      if (app_id == 0 && version == 0 && n_objects == 0)
        return TRUE;   /* an empty SQLite database */

      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FOREIGN,
                   _("“%s” belongs to another program, not to Rapport. It was left unchanged."), display);
      return FALSE;
    }

  if (version > crm_schema_get_n_migrations ())
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER,
                   _("“%s” was written by a newer version of Rapport. Update Rapport to open it; the file was left unchanged."),
                   display);
      return FALSE;
    }

  if (out_version != NULL)
    *out_version = (guint) version;

  return TRUE;
}

static gboolean
create_empty_file (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder for “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  return TRUE;
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
      crm_sql_set_error (db, rc, error, what);
      return FALSE;
    }
  return TRUE;
}

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
migrate (sqlite3     *db,
         GError     **error)
{
  gint64 version = pragma_int (db, "PRAGMA user_version");
  guint n = crm_schema_get_n_migrations ();

  for (guint v = (guint) version + 1; v <= n; v++)
    {
      g_autofree char *bump = NULL;

      if (!exec_sql (db, "BEGIN IMMEDIATE", error, _("Could not update the database")))
        return FALSE;

      /* PRAGMA takes no bound parameters; v is our own integer */
      bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                              CRM_SCHEMA_APPLICATION_ID, v);
      if (!exec_sql (db, crm_schema_get_migration (v), error, _("Could not update the database")) ||
          !exec_sql (db, bump, error, _("Could not update the database")) ||
          !exec_sql (db, "COMMIT", error, _("Could not update the database")))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Migrated database to schema version %u", v);
    }

  return TRUE;
}

/* TRUE when this process cannot change the file: it cannot write it, or
 * cannot make the -wal and -shm SQLite keeps beside it in its folder (a
 * read-only folder or file system) */
static gboolean
cannot_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return access (path, W_OK) != 0 || access (dir, W_OK | X_OK) != 0;
}

static CrmStore *
open_store (const char  *path,
            CrmClock    *clock,
            gboolean     read_only,
            GError     **error)
{
  g_autoptr(CrmStore) self = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (CRM_IS_CLOCK (clock), NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("“%s” is a folder, not a database file."), display);
          return NULL;
        }
      if (!crm_store_inspect_file (path, NULL, error))
        return NULL;
      read_only = read_only || cannot_write (path);
    }
  else if (read_only)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("“%s” does not exist."), display);
      return NULL;
    }
  else if (!create_empty_file (path, error))
    return NULL;

  if (read_only)
    rc = crm_sql_open_read_only (path, &db);
  else
    rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      crm_sql_set_error (db, rc, error, _("Could not open the database"));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, TRUE);
  /* before the migrations: the interactions' search index uses it */
  crm_fts_register (db);

  if (read_only)
    {
      /* nothing to migrate, and nothing written: query_only makes sure of it */
      if (!exec_sql (db,
                     "PRAGMA query_only = ON;"
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB) ";"
                     "PRAGMA temp_store = MEMORY;",
                     error, _("Could not open the database")))
        {
          sqlite3_close (db);
          return NULL;
        }
      if (pragma_int (db, "PRAGMA user_version") < (gint64) crm_schema_get_n_migrations ())
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY,
                       _("“%s” must be updated for this version of Rapport, and the file cannot be written to."),
                       display);
          sqlite3_close (db);
          return NULL;
        }
    }
  else if (!exec_sql (db,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB) ";"
                      "PRAGMA temp_store = MEMORY;",
                      error, _("Could not open the database")) ||
           !migrate (db, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = g_object_ref (clock);
  self->db = db;
  self->read_only = read_only;

  return g_steal_pointer (&self);
}

CrmStore *
crm_store_open (const char  *path,
                CrmClock    *clock,
                GError     **error)
{
  return open_store (path, clock, FALSE, error);
}

CrmStore *
crm_store_open_read_only (const char  *path,
                          CrmClock    *clock,
                          GError     **error)
{
  return open_store (path, clock, TRUE, error);
}

gboolean
crm_store_is_read_only (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), TRUE);
  return self->read_only;
}

const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->path;
}

CrmClock *
crm_store_get_clock (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->clock;
}

sqlite3 *
crm_store_get_db (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->db;
}

gint64
crm_store_now (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return crm_clock_now (self->clock);
}

sqlite3_stmt *
crm_store_prepare (CrmStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      crm_sql_set_error (self->db, rc, error, _("Could not read the database"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
crm_store_exec (CrmStore    *self,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return exec_sql (self->db, sql, error, _("Could not change the database"));
}

gboolean
crm_store_step_done (CrmStore      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      crm_sql_set_error (self->db, sqlite3_extended_errcode (self->db), error, _("Could not save"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
crm_store_begin (CrmStore    *self,
                 GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      if (!exec_sql (self->db, "BEGIN IMMEDIATE", error, _("Could not save")))
        return FALSE;
      self->rollback_only = FALSE;
      g_array_set_size (self->pending, 0);
    }
  self->depth++;

  return TRUE;
}

static void
emit_pending (CrmStore *self)
{
  g_autoptr(GArray) changes = self->pending;
  gboolean all = FALSE;

  self->pending = g_array_new (FALSE, FALSE, sizeof (Change));

  for (guint i = 0; i < changes->len; i++)
    if (g_array_index (changes, Change, i).kind == CRM_CHANGE_ALL)
      all = TRUE;

  if (all)
    {
      g_signal_emit (self, signals[CHANGED], 0, (int) CRM_CHANGE_ALL, (gint64) 0);
      return;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const Change *c = &g_array_index (changes, Change, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        {
          const Change *d = &g_array_index (changes, Change, j);
          seen = d->kind == c->kind && d->id == c->id;
        }
      if (!seen)
        g_signal_emit (self, signals[CHANGED], 0, (int) c->kind, c->id);
    }
}

gboolean
crm_store_commit (CrmStore    *self,
                  GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;

  if (self->rollback_only)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_array_set_size (self->pending, 0);
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                           _("The change was cancelled because part of it failed."));
      return FALSE;
    }

  if (!exec_sql (self->db, "COMMIT", error, _("Could not save")))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_array_set_size (self->pending, 0);
      return FALSE;
    }

  emit_pending (self);
  return TRUE;
}

void
crm_store_rollback (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->rollback_only = TRUE;
  if (--self->depth > 0)
    return;

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_array_set_size (self->pending, 0);
  self->rollback_only = FALSE;
}

/* A bulk write: the pages it writes are kept in a cache of @cache_kib KiB
 * while it lasts, so none is written to the log and read back before the
 * commit; and the commit does not fold the log back into the database file
 * (SQLite's automatic checkpoint): crm_store_checkpoint() does, when it suits
 * the caller. */
void
crm_store_begin_bulk (CrmStore *self,
                      gsize     cache_kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (CRM_IS_STORE (self));

  /* PRAGMA takes no bound parameters; the size is our own integer */
  sql = g_strdup_printf ("PRAGMA cache_size = -%" G_GSIZE_FORMAT, MAX (cache_kib, (gsize) CACHE_KIB));
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  sqlite3_wal_autocheckpoint (self->db, 0);
}

void
crm_store_end_bulk (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));

  sqlite3_exec (self->db, "PRAGMA cache_size = -" G_STRINGIFY (CACHE_KIB), NULL, NULL, NULL);
  sqlite3_wal_autocheckpoint (self->db, AUTO_CHECKPOINT);
}

/* Folds the write-ahead log back into the database file as far as no reader
 * needs it (a passive checkpoint).  Best effort: FALSE when SQLite could not
 * do all of it, which the next checkpoint makes up for. */
gboolean
crm_store_checkpoint (CrmStore *self)
{
  int n_log = -1, n_done = -1;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_done) == SQLITE_OK &&
         n_log == n_done;
}

gboolean
crm_store_in_transaction (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  return self->depth > 0;
}

void
crm_store_note_change (CrmStore      *self,
                       CrmChangeKind  kind,
                       gint64         id)
{
  Change change = { kind, id };

  g_return_if_fail (CRM_IS_STORE (self));

  if (self->depth == 0)
    {
      g_signal_emit (self, signals[CHANGED], 0, (int) kind, id);
      return;
    }
  g_array_append_val (self->pending, change);
}

gint64
crm_store_reserve_codes (CrmStore    *self,
                         const char  *prefix,
                         int          year,
                         gint64       n,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 last;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (self->depth > 0, 0);
  g_return_val_if_fail (n > 0, 0);

  stmt = crm_store_prepare (self,
                            "INSERT INTO code_sequences (prefix, year, last) VALUES (?1, ?2, ?3)"
                            " ON CONFLICT (prefix, year) DO UPDATE SET last = last + ?3"
                            " RETURNING last",
                            error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, n);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      crm_store_set_error (self, error, _("Could not save"));
      sqlite3_reset (stmt);
      return 0;
    }
  last = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return last - n + 1;
}

char *
crm_store_format_code (const char *prefix,
                       int         year,
                       gint64      number)
{
  return g_strdup_printf ("%s%d%03" G_GINT64_FORMAT, prefix, year, number);
}

char *
crm_store_next_code (CrmStore    *self,
                     const char  *prefix,
                     int          year,
                     GError     **error)
{
  gint64 number = crm_store_reserve_codes (self, prefix, year, 1, error);

  return number > 0 ? crm_store_format_code (prefix, year, number) : NULL;
}

char *
crm_store_get_setting (CrmStore   *self,
                       const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = crm_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

static gboolean
write_setting (CrmStore    *self,
               const char  *key,
               const char  *value,
               GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (self,
                            "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return crm_store_step_done (self, stmt, error);
}

gboolean
crm_store_set_setting (CrmStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!write_setting (self, key, value, error))
    return FALSE;
  crm_store_note_change (self, CRM_CHANGE_SETTINGS, 0);
  return TRUE;
}

gboolean
crm_store_set_state (CrmStore    *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return write_setting (self, key, value, error);
}

gint64
crm_store_query_id (CrmStore   *self,
                    const char *sql,
                    gint64      a,
                    gint64      b)
{
  sqlite3_stmt *stmt = crm_store_prepare (self, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, a);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, b);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gboolean
crm_store_fail_invalid (GError     **error,
                        const char  *message)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

gint64
crm_store_current_member (CrmStore *self)
{
  return crm_store_query_id (self, "SELECT id FROM team_members WHERE is_self = 1 ORDER BY id LIMIT 1", 0, 0);
}

gint64
crm_store_count (CrmStore   *self,
                 const char *table)
{
  /* Table names cannot be bound: only these fixed statements are used. */
  static const struct { const char *table; const char *sql; } counts[] = {
    { "customers", "SELECT count(*) FROM customers" },
    { "contacts", "SELECT count(*) FROM contacts" },
    { "interactions", "SELECT count(*) FROM interactions" },
    { "tickets", "SELECT count(*) FROM tickets" },
    { "ticket_events", "SELECT count(*) FROM ticket_events" },
    { "followups", "SELECT count(*) FROM followups" },
    { "surveys", "SELECT count(*) FROM surveys" },
    { "purchases", "SELECT count(*) FROM purchases" },
    { "team_members", "SELECT count(*) FROM team_members" },
    { "search_terms", "SELECT count(*) FROM search_terms" },
    { "unindexed_customers", "SELECT count(*) FROM unindexed_customers" },
  };
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_return_val_if_fail (CRM_IS_STORE (self), -1);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    if (g_str_equal (counts[i].table, table))
      stmt = crm_store_prepare (self, counts[i].sql, NULL);

  g_return_val_if_fail (stmt != NULL, -1);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

void
crm_sql_bind_text_or_null (sqlite3_stmt *stmt,
                           int           index,
                           const char   *value)
{
  if (value == NULL || *value == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
crm_sql_bind_id_or_null (sqlite3_stmt *stmt,
                         int           index,
                         gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

char *
crm_sql_column_dup (sqlite3_stmt *stmt,
                    int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gint64
crm_sql_column_int_or (sqlite3_stmt *stmt,
                       int           column,
                       gint64        fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback : sqlite3_column_int64 (stmt, column);
}
