/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "crm-clock.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_STORE_ERROR (crm_store_error_quark ())

typedef enum {
  CRM_STORE_ERROR_NOT_DATABASE,  /* not an SQLite file at all */
  CRM_STORE_ERROR_FOREIGN,       /* another program's SQLite database */
  CRM_STORE_ERROR_NEWER,         /* written by a newer Rapport */
  CRM_STORE_ERROR_CORRUPT,
  CRM_STORE_ERROR_READ_ONLY,
  CRM_STORE_ERROR_BUSY,          /* locked by another process */
  CRM_STORE_ERROR_FULL,          /* disk full */
  CRM_STORE_ERROR_CONSTRAINT,
  CRM_STORE_ERROR_NOT_FOUND,
  CRM_STORE_ERROR_INVALID,       /* a value the domain refuses */
  CRM_STORE_ERROR_FAILED,
} CrmStoreError;

#define CRM_TYPE_STORE (crm_store_get_type ())
G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

GQuark         crm_store_error_quark        (void);

/* The default database: $XDG_DATA_HOME/rapport/rapport.db */
char          *crm_store_default_path       (void);
guint          crm_store_schema_version     (void);

/* Opens (creating with mode 0600 if missing) and migrates.  A file that is not
 * Rapport's, or is newer, is refused and left untouched.  A file this process
 * cannot change (its mode, its folder, a read-only file system) is opened
 * read-only: see crm_store_is_read_only(). */
CrmStore      *crm_store_open               (const char  *path,
                                             CrmClock    *clock,
                                             GError     **error);
/* Opens an existing database for reading only: nothing is written to it (no
 * migration, no -wal made in a folder that cannot be written to).  One that
 * would need migrating is refused with CRM_STORE_ERROR_READ_ONLY. */
CrmStore      *crm_store_open_read_only     (const char  *path,
                                             CrmClock    *clock,
                                             GError     **error);
gboolean       crm_store_is_read_only       (CrmStore    *self);
/* What crm_store_open() checks before it opens an existing file, without
 * writing to it: TRUE for a Rapport database of this or an older schema version
 * (@out_version: its version, at least 1) and for an empty file or empty SQLite
 * database (@out_version: 0).  Otherwise FALSE with CRM_STORE_ERROR_NOT_DATABASE
 * (not SQLite), _FOREIGN (another program's), _NEWER, _CORRUPT, _BUSY or a
 * G_IO_ERROR. */
gboolean       crm_store_inspect_file       (const char  *path,
                                             guint       *out_version,
                                             GError     **error);
const char    *crm_store_get_path           (CrmStore    *self);
CrmClock      *crm_store_get_clock          (CrmStore    *self);
sqlite3       *crm_store_get_db             (CrmStore    *self);
gint64         crm_store_now                (CrmStore    *self);

/* Cached prepared statement, reset and with bindings cleared; owned by the store. */
sqlite3_stmt  *crm_store_prepare            (CrmStore    *self,
                                             const char  *sql,
                                             GError     **error);
gboolean       crm_store_exec               (CrmStore    *self,
                                             const char  *sql,
                                             GError     **error);
/* Steps a statement that returns no rows; resets it. */
gboolean       crm_store_step_done          (CrmStore      *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
/* Converts the connection's last error into a GError. */
void           crm_store_set_error          (CrmStore    *self,
                                             GError     **error,
                                             const char  *what);

/* Transactions (BEGIN IMMEDIATE).  Changes announced with crm_store_note_change()
 * inside a transaction are emitted as ::changed after the commit, or dropped on
 * rollback.  Calls nest: only the outermost commit commits. */
gboolean       crm_store_begin              (CrmStore    *self,
                                             GError     **error);
gboolean       crm_store_commit             (CrmStore    *self,
                                             GError     **error);
void           crm_store_rollback           (CrmStore    *self);
gboolean       crm_store_in_transaction     (CrmStore    *self);
void           crm_store_begin_bulk         (CrmStore    *self,
                                             gsize        cache_kib);
void           crm_store_end_bulk           (CrmStore    *self);
gboolean       crm_store_checkpoint         (CrmStore    *self);
void           crm_store_note_change        (CrmStore      *self,
                                             CrmChangeKind  kind,
                                             gint64         id);

/* Next code such as CS2024001 (prefix, year, at least 3 digits); call inside a transaction. */
char          *crm_store_next_code          (CrmStore    *self,
                                             const char  *prefix,
                                             int          year,
                                             GError     **error);
/* Reserves @n codes in a row, for a bulk insert: returns the number of the
 * first (crm_store_format_code() spells it), 0 on error.  In a transaction. */
gint64         crm_store_reserve_codes      (CrmStore    *self,
                                             const char  *prefix,
                                             int          year,
                                             gint64       n,
                                             GError     **error);
char          *crm_store_format_code        (const char  *prefix,
                                             int          year,
                                             gint64       number);

char          *crm_store_get_setting        (CrmStore    *self,
                                             const char  *key);
gboolean       crm_store_set_setting        (CrmStore    *self,
                                             const char  *key,
                                             const char  *value,
                                             GError     **error);
/* Bookkeeping no view shows (when a pass last ran): stored like a setting,
 * without a change signal, so open views are not reloaded for it. */
gboolean       crm_store_set_state          (CrmStore    *self,
                                             const char  *key,
                                             const char  *value,
                                             GError     **error);

/* The first column of the first row of @sql as an id, or 0; binds ?1 and ?2
 * where the query has them. */
gint64         crm_store_query_id           (CrmStore    *self,
                                             const char  *sql,
                                             gint64       a,
                                             gint64       b);
/* Sets a CRM_STORE_ERROR_INVALID error with @message (for the person who
 * typed the value) and returns FALSE. */
gboolean       crm_store_fail_invalid       (GError     **error,
                                             const char  *message);
/* The team member who uses this copy of Rapport (is_self), or 0. */
gint64         crm_store_current_member     (CrmStore    *self);
gint64         crm_store_count              (CrmStore    *self,
                                             const char  *table);

/* Opens @path read-only (sqlite3_open_v2()'s result) for a look that leaves
 * nothing behind: when no -wal lies beside it, as immutable, so SQLite creates
 * no -wal and -shm beside a WAL-mode file. */
/* @what ("Could not save"), then why, as the store's errors read: a full
 * disk, a read-only file, a busy or damaged database get their own code and
 * sentence; anything else SQLite's message.  For connections of one's own. */
void           crm_sql_set_error            (sqlite3      *db,
                                             int           rc,
                                             GError      **error,
                                             const char   *what);
int            crm_sql_open_read_only       (const char   *path,
                                             sqlite3     **db);

/* Binding and reading helpers: NULL or "" binds SQL NULL, 0 ids bind NULL. */
void           crm_sql_bind_text_or_null    (sqlite3_stmt *stmt,
                                             int           index,
                                             const char   *value);
void           crm_sql_bind_id_or_null      (sqlite3_stmt *stmt,
                                             int           index,
                                             gint64        id);
/* A copy of a text column, NULL for SQL NULL. */
char          *crm_sql_column_dup           (sqlite3_stmt *stmt,
                                             int           column);
/* An integer column, @fallback for SQL NULL. */
gint64         crm_sql_column_int_or        (sqlite3_stmt *stmt,
                                             int           column,
                                             gint64        fallback);

G_END_DECLS
