/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-test"

#include <stdio.h>
#include <glib/gstdio.h>

#include "crm-store-customers.h"
#include "crm-test-util.h"

char *
crm_test_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rapport-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
crm_test_rm_rf (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;

  d = g_dir_open (dir, 0, NULL);
  if (d != NULL)
    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          crm_test_rm_rf (child);
        else
          g_unlink (child);
      }
  g_rmdir (dir);
}

CrmTestDb *
crm_test_db_new (void)
{
  g_autoptr(GError) error = NULL;
  CrmTestDb *db = g_new0 (CrmTestDb, 1);

  db->dir = crm_test_tmp_dir ();
  db->path = g_build_filename (db->dir, "test.db", NULL);
  db->clock = crm_clock_new_fixed (CRM_TEST_NOW);
  db->store = crm_store_open (db->path, db->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->store);

  return db;
}

void
crm_test_db_free (CrmTestDb *db)
{
  if (db == NULL)
    return;

  g_clear_object (&db->store);
  g_clear_object (&db->clock);
  crm_test_rm_rf (db->dir);
  g_free (db->path);
  g_free (db->dir);
  g_free (db);
}

char *
crm_test_query_text (CrmStore   *store,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

gint64
crm_test_query_int (CrmStore   *store,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result = 0;
  int rc;

  rc = sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

gint64
crm_test_create_customer (CrmStore   *store,
                          const char *name,
                          const char *contact,
                          const char *phone)
{
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_customer_draft_init (&draft);
  draft.name = g_strdup (name);
  draft.contact_name = g_strdup (contact);
  draft.phone = g_strdup (phone);
  id = crm_store_create_customer (store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
crm_test_assert_terms_listed (CrmStore *store)
{
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers"
                                              " WHERE id NOT IN (SELECT customer_id FROM customer_terms)"), ==, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM search_terms s WHERE NOT EXISTS"
                                              " (SELECT 1 FROM customer_terms t, json_each(t.terms) j"
                                              "  WHERE t.customer_id = s.customer_id AND j.value = s.term)"), ==, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customer_terms t, json_each(t.terms) j"
                                              " WHERE NOT EXISTS (SELECT 1 FROM search_terms s"
                                              "  WHERE s.term = j.value AND s.customer_id = t.customer_id)"), ==, 0);
}

gint64
crm_test_query_intf (CrmStore   *store,
                     const char *format,
                     ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return crm_test_query_int (store, sql);
}

char *
crm_test_query_textf (CrmStore   *store,
                      const char *format,
                      ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return crm_test_query_text (store, sql);
}

gint64
crm_test_time (const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi), ==, 5);
  dt = g_date_time_new (tz, y, mo, d, h, mi, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}
