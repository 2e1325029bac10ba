/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every earlier schema version, as the Rapport of that time wrote it
 * (tests/data/schema/vN.db, made by build-aux/make-schema-fixtures.sh from
 * this repository's history), opens with today's Rapport: migrated to the
 * current version in place, nothing lost, the file sound, and the views that
 * read the new tables work on the old data. */
#include <glib/gstdio.h>

#include "crm-customer-list-model.h"
#include "crm-profile.h"
#include "crm-store.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"

typedef struct {
  gint64 customers;
  gint64 contacts;
  gint64 interactions;
  gint64 purchases;
  gint64 name_sum;      /* a checksum of the customers' names and codes */
} Census;

static sqlite3 *
open_plain (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
plain_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

#define CENSUS_SQL(table) "SELECT count(*) FROM " table

static void
take_census (sqlite3 *db,
             Census  *census)
{
  census->customers = plain_int (db, CENSUS_SQL ("customers"));
  census->contacts = plain_int (db, CENSUS_SQL ("contacts"));
  census->interactions = plain_int (db, CENSUS_SQL ("interactions"));
  census->purchases = plain_int (db, CENSUS_SQL ("purchases"));
  census->name_sum = plain_int (db, "SELECT total(unicode(name) * id + length(name) + length(code)) FROM customers");
}

static char *
fixture_path (guint version)
{
  g_autofree char *name = g_strdup_printf ("v%u.db", version);

  return g_test_build_filename (G_TEST_DIST, "data", "schema", name, NULL);
}

static void
test_migrate_from (gconstpointer data)
{
  guint version = GPOINTER_TO_UINT (data);
  g_autofree char *fixture = fixture_path (version);
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (CRM_TEST_NOW);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPagedModel) list = NULL;
  g_autofree char *first_name = NULL;
  CrmProfile *profile;
  gsize length;
  sqlite3 *db;
  Census before, after;
  gint64 first_id;

  g_assert_true (g_file_get_contents (fixture, &bytes, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, &error));

  db = open_plain (path);
  g_assert_cmpint (plain_int (db, "PRAGMA user_version"), ==, version);
  take_census (db, &before);
  sqlite3_close (db);
  g_assert_cmpint (before.customers, >, 0);
  g_assert_cmpint (before.interactions, >, 0);

  store = crm_store_open (path, clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* the current version, a sound file, every reference resolved */
  g_assert_cmpint (crm_test_query_int (store, "PRAGMA user_version"), ==, crm_store_schema_version ());
  {
    g_autofree char *check = crm_test_query_text (store, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* the search indexes hold what their tokenizer makes of the rows now */
  if (version >= 4)
    g_assert_true (crm_store_exec (store, "INSERT INTO interaction_fts (interaction_fts, rank)"
                                          " VALUES ('integrity-check', 1)", NULL));
  if (version >= 6)
    g_assert_true (crm_store_exec (store, "INSERT INTO ticket_fts (ticket_fts, rank)"
                                          " VALUES ('integrity-check', 1)", NULL));

  /* nothing lost */
  take_census (crm_store_get_db (store), &after);
  g_assert_cmpint (after.customers, ==, before.customers);
  g_assert_cmpint (after.contacts, ==, before.contacts);
  g_assert_cmpint (after.interactions, ==, before.interactions);
  g_assert_cmpint (after.purchases, ==, before.purchases);
  g_assert_cmpint (after.name_sum, ==, before.name_sum);
  /* each customer's search terms listed, as a change of the customer reads them */
  crm_test_assert_terms_listed (store);
  g_assert_cmpint (crm_store_count_unindexed (store), ==, 0);

  /* the views work on the old data: a profile, and the list found by name */
  first_id = crm_test_query_int (store, "SELECT min(id) FROM customers WHERE archived = 0");
  first_name = crm_test_query_textf (store, "SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT, first_id);
  profile = crm_store_load_profile (store, first_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  crm_profile_free (profile);

  list = crm_customer_list_model_new (store);
  {
    CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;
    gboolean found = FALSE;

    filter.search = first_name;
    crm_customer_list_model_set_filter (list, &filter);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && !found; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

        found = g_strcmp0 (crm_customer_get_name (CRM_CUSTOMER (item)), first_name) == 0;
      }
    g_assert_true (found);
  }

  /* a second opening has nothing left to do */
  g_clear_object (&store);
  store = crm_store_open (path, clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (store, "PRAGMA user_version"), ==, crm_store_schema_version ());

  g_clear_object (&store);
  crm_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  guint found = 0;

  g_test_init (&argc, &argv, NULL);

  for (guint v = 1; v < crm_store_schema_version (); v++)
    {
      g_autofree char *fixture = fixture_path (v);
      g_autofree char *name = NULL;

      /* 7 and 8 never shipped alone: they came with 9, and 11 with 12 */
      if (!g_file_test (fixture, G_FILE_TEST_EXISTS))
        continue;
      name = g_strdup_printf ("/migrations/from-v%u", v);
      g_test_add_data_func (name, GUINT_TO_POINTER (v), test_migrate_from);
      found++;
    }
  /* the fixtures are part of the test: losing them must not pass silently */
  if (found < 10)
    {
      g_printerr ("tests/data/schema holds %u fixtures, expected 10 (v1–v6, v9, v10, v12, v13)\n", found);
      return 1;
    }
  return g_test_run ();
}
