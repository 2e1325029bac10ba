/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "crm-context.h"
#include "crm-customer-list-model.h"
#include "crm-schema.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
test_fresh_database (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autofree char *mode = NULL;
  GStatBuf st;

  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA user_version"), ==, crm_store_schema_version ());
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA application_id"), ==, CRM_SCHEMA_APPLICATION_ID);
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA synchronous"), ==, 2);   /* FULL */
  mode = crm_test_query_text (db->store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  g_assert_cmpint (g_stat (db->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* defaults from the domain */
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT respond_minutes FROM sla_policies WHERE level = 1 AND vip = 0"), ==, 60);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM working_windows"), ==, 10);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM feedback_categories"), ==, 4);
}

static void
test_reopen_keeps_data (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) again = NULL;
  g_autofree char *value = NULL;

  g_assert_true (crm_store_set_setting (db->store, "greeting", "你好", &error));
  g_assert_no_error (error);
  g_clear_object (&db->store);

  again = crm_store_open (db->path, db->clock, &error);
  g_assert_no_error (error);
  value = crm_store_get_setting (again, "greeting");
  g_assert_cmpstr (value, ==, "你好");
}

static void
assert_refused (const char    *path,
                CrmStoreError  expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (CRM_TEST_NOW);
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, clock, &error);

  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, (int) expected);
  g_assert_nonnull (strstr (error->message, "unchanged"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_sqlite (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);

  g_assert_true (g_file_set_contents (path, "name,phone\nAcme,123\n", -1, NULL));
  assert_refused (path, CRM_STORE_ERROR_NOT_DATABASE);
  crm_test_rm_rf (dir);
}

static void
test_refuse_foreign (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  assert_refused (path, CRM_STORE_ERROR_FOREIGN);
  crm_test_rm_rf (dir);
}

static void
test_refuse_newer (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", crm_store_schema_version () + 1);

  g_assert_true (crm_store_exec (db->store, sql, NULL));
  g_clear_object (&db->store);   /* checkpoints the WAL into the file */

  assert_refused (db->path, CRM_STORE_ERROR_NEWER);
}

/* Opened read-only: reads work, a write is refused with a clear error, and the
 * file is left exactly as it was, with no -wal or -shm beside it.  (A file the
 * process cannot write is opened so by crm_store_open(): the reliability tests
 * check that as an unprivileged user.) */
static void
test_read_only (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) ro = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *value = NULL;
  g_autofree char *wal = g_strconcat (db->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db->path, "-shm", NULL);
  g_autofree char *missing = g_build_filename (db->dir, "missing.db", NULL);
  g_autofree char *old = g_build_filename (db->dir, "v1.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema", "v1.db", NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (crm_store_set_setting (db->store, "greeting", "你好", &error));
  g_assert_false (crm_store_is_read_only (db->store));
  g_clear_object (&db->store);   /* checkpoints the WAL into the file */
  before = file_checksum (db->path);

  ro = crm_store_open_read_only (db->path, db->clock, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_is_read_only (ro));
  value = crm_store_get_setting (ro, "greeting");
  g_assert_cmpstr (value, ==, "你好");
  g_assert_false (crm_store_set_setting (ro, "greeting", "hello", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "cannot be written to"));
  g_clear_error (&error);
  g_clear_object (&ro);
  after = file_checksum (db->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* nothing is made for a file that is not there */
  g_assert_null (crm_store_open_read_only (missing, db->clock, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* an earlier version's file would need migrating: refused, unchanged */
  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (old, contents, (gssize) len, NULL));
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = file_checksum (old);
  g_assert_null (crm_store_open_read_only (old, db->clock, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "must be updated"));
  after = file_checksum (old);
  g_assert_cmpstr (before, ==, after);
}

static void
test_empty_file_becomes_database (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (CRM_TEST_NOW);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = crm_store_open (path, clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);
  crm_test_rm_rf (dir);
}

static void
test_creates_folders (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "rapport.db", NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (CRM_TEST_NOW);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, clock, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  crm_test_rm_rf (dir);
}

typedef struct {
  guint  n;
  int    kind;
  gint64 id;
} Changes;

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            Changes  *changes)
{
  changes->n++;
  changes->kind = kind;
  changes->id = id;
}

static void
fill_draft (CrmCustomerDraft *draft,
            const char       *name,
            const char       *contact,
            const char       *phone)
{
  crm_customer_draft_init (draft);
  draft->name = g_strdup (name);
  draft->contact_name = g_strdup (contact);
  draft->phone = g_strdup (phone);
}

static void
test_customer_lifecycle (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_auto(CrmCustomerDraft) loaded = { 0 };
  g_autoptr(CrmCustomer) customer = NULL;
  Changes changes = { 0 };
  gint64 id, id2;

  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);
  g_assert_false (crm_store_has_customers (db->store));

  fill_draft (&draft, "北京华信科技有限公司", "张伟", "138 0013 8000");
  draft.tier = CRM_TIER_VIP;
  draft.email = g_strdup ("wei@huaxin.cn");
  id = crm_store_create_customer (db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (changes.n, >=, 1);
  g_assert_cmpint (changes.kind, ==, CRM_CHANGE_CUSTOMER);
  g_assert_cmpint (changes.id, ==, id);

  customer = crm_store_get_customer (db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_code (customer), ==, "CS2026001");
  g_assert_cmpstr (crm_customer_get_name (customer), ==, "北京华信科技有限公司");
  g_assert_cmpint (crm_customer_get_tier (customer), ==, CRM_TIER_VIP);
  g_clear_object (&customer);

  /* the next code follows on */
  crm_customer_draft_clear (&draft);
  fill_draft (&draft, "Acme Logistics", NULL, NULL);
  id2 = crm_store_create_customer (db->store, &draft, &error);
  g_assert_no_error (error);
  customer = crm_store_get_customer (db->store, id2, &error);
  g_assert_cmpstr (crm_customer_get_code (customer), ==, "CS2026002");
  g_clear_object (&customer);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM contacts WHERE customer_id = 2"), ==, 0);

  /* update: the primary contact replaced is recorded */
  crm_customer_draft_init (&loaded);
  g_assert_true (crm_store_load_customer_draft (db->store, id, &loaded, &error));
  g_assert_cmpstr (loaded.contact_name, ==, "张伟");
  g_assert_cmpstr (loaded.phone, ==, "138 0013 8000");
  g_assert_cmpstr (loaded.email, ==, "wei@huaxin.cn");
  g_free (loaded.contact_name);
  loaded.contact_name = g_strdup ("李娜");
  g_assert_true (crm_store_update_customer (db->store, id, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (db->store,
                                       "SELECT count(*) FROM profile_changes WHERE field = 'primary_contact'"
                                       " AND old_value = '张伟' AND new_value = '李娜'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM contacts WHERE customer_id = 1"), ==, 1);

  /* archive and restore */
  g_assert_cmpint (crm_store_count_customers (db->store, FALSE), ==, 2);
  g_assert_true (crm_store_set_customer_archived (db->store, id, TRUE, &error));
  g_assert_cmpint (crm_store_count_customers (db->store, FALSE), ==, 1);
  g_assert_cmpint (crm_store_count_customers (db->store, TRUE), ==, 2);
  g_assert_true (crm_store_has_customers (db->store));
  g_assert_true (crm_store_set_customer_archived (db->store, id, FALSE, &error));
  g_assert_cmpint (crm_store_count_customers (db->store, FALSE), ==, 2);

  g_assert_false (crm_store_set_customer_archived (db->store, 999, TRUE, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  customer = crm_store_find_customer_by_code (db->store, "CS2026002", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_get_id (customer), ==, id2);
}

static void
test_customer_invalid (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmCustomerDraft) draft = { 0 };
  Changes changes = { 0 };

  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);
  fill_draft (&draft, "", NULL, "12");
  g_assert_cmpint (crm_store_create_customer (db->store, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpint (crm_store_count_customers (db->store, TRUE), ==, 0);
  g_assert_cmpuint (changes.n, ==, 0);
}

static void
test_duplicates (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(GPtrArray) by_name = NULL;
  g_autoptr(GPtrArray) by_phone = NULL;
  g_autoptr(GPtrArray) none = NULL;
  gint64 id;

  fill_draft (&draft, "Acme Logistics", "Jane Doe", "+1 555-010-2000");
  id = crm_store_create_customer (db->store, &draft, NULL);

  by_name = crm_store_find_duplicates (db->store, "  ACME logistics", NULL, 0);
  g_assert_cmpuint (by_name->len, ==, 1);
  by_phone = crm_store_find_duplicates (db->store, "Another name", "15550102000", 0);
  g_assert_cmpuint (by_phone->len, ==, 1);
  none = crm_store_find_duplicates (db->store, "Acme Logistics", NULL, id);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_transactions (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);

  /* nested: nothing is announced before the outer commit */
  g_assert_true (crm_store_begin (db->store, &error));
  g_assert_true (crm_store_set_setting (db->store, "a", "1", &error));
  g_assert_true (crm_store_begin (db->store, &error));
  g_assert_true (crm_store_set_setting (db->store, "b", "2", &error));
  g_assert_true (crm_store_commit (db->store, &error));
  g_assert_cmpuint (changes.n, ==, 0);
  g_assert_true (crm_store_commit (db->store, &error));
  g_assert_cmpuint (changes.n, ==, 1);   /* the same change once */

  /* rollback: nothing stays, nothing is announced */
  changes.n = 0;
  g_assert_true (crm_store_begin (db->store, &error));
  g_assert_true (crm_store_set_setting (db->store, "c", "3", &error));
  crm_store_rollback (db->store);
  g_assert_null (crm_store_get_setting (db->store, "c"));
  g_assert_cmpuint (changes.n, ==, 0);

  /* an inner rollback fails the outer commit */
  g_assert_true (crm_store_begin (db->store, &error));
  g_assert_true (crm_store_set_setting (db->store, "d", "4", &error));
  g_assert_true (crm_store_begin (db->store, &error));
  crm_store_rollback (db->store);
  g_assert_false (crm_store_commit (db->store, &error));
  g_assert_nonnull (error);
  g_assert_null (crm_store_get_setting (db->store, "d"));
  g_assert_false (crm_store_in_transaction (db->store));

  /* bookkeeping is stored like a setting but announced to nobody */
  changes.n = 0;
  g_clear_error (&error);
  g_assert_true (crm_store_set_state (db->store, "e", "5", &error));
  g_assert_no_error (error);
  {
    g_autofree char *e = crm_store_get_setting (db->store, "e");
    g_assert_cmpstr (e, ==, "5");
  }
  g_assert_cmpuint (changes.n, ==, 0);
}

static void
test_team (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;

  g_assert_cmpint (crm_store_add_team_member (db->store, "王芳", CRM_MEMBER_SUPERVISOR, &error), >, 0);
  g_assert_cmpint (crm_store_add_team_member (db->store, "  ", CRM_MEMBER_AGENT, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  members = crm_store_list_team_members (db->store);
  g_assert_cmpuint (members->len, ==, 1);
  g_assert_cmpstr (crm_team_member_get_name (members->pdata[0]), ==, "王芳");
  g_assert_cmpint (crm_team_member_get_role (members->pdata[0]), ==, CRM_MEMBER_SUPERVISOR);
}

static guint
count_matches (CrmStore   *store,
               const char *query)
{
  g_autoptr(CrmPagedModel) model = crm_customer_list_model_new (store);
  CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;

  filter.search = query;
  crm_customer_list_model_set_filter (model, &filter);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
test_search (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_auto(CrmCustomerDraft) a = { 0 };
  g_auto(CrmCustomerDraft) b = { 0 };
  g_auto(CrmCustomerDraft) c = { 0 };
  g_auto(CrmCustomerDraft) d = { 0 };

  fill_draft (&a, "北京华信科技有限公司", "张伟", "13800138000");
  a.email = g_strdup ("zhangwei@huaxin.cn");
  fill_draft (&b, "上海东方贸易有限公司", "欧阳娜娜", "13912345678");
  fill_draft (&c, "Acme Logistics", "Jane Doe", "+1 555 010 2000");
  fill_draft (&d, "王建国", NULL, NULL);
  d.kind = CRM_CUSTOMER_PERSON;
  g_assert_cmpint (crm_store_create_customer (db->store, &a, NULL), >, 0);
  g_assert_cmpint (crm_store_create_customer (db->store, &b, NULL), >, 0);
  g_assert_cmpint (crm_store_create_customer (db->store, &c, NULL), >, 0);
  g_assert_cmpint (crm_store_create_customer (db->store, &d, NULL), >, 0);

  g_assert_cmpuint (count_matches (db->store, NULL), ==, 4);
  /* 2-character Chinese: a contact's name, and a word inside a company name */
  g_assert_cmpuint (count_matches (db->store, "张伟"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "华信"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "有限公司"), ==, 2);
  /* 3 and 4 characters */
  g_assert_cmpuint (count_matches (db->store, "王建国"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "欧阳娜娜"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "建国"), ==, 1);
  /* Latin prefix, case-insensitive, several words */
  g_assert_cmpuint (count_matches (db->store, "ac"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "LOGI"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "jane acme"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "jane huaxin"), ==, 0);
  /* phone digits: start, end, middle, formatted */
  g_assert_cmpuint (count_matches (db->store, "138"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "5678"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "0013"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "555-010"), ==, 1);
  /* e-mail and code */
  g_assert_cmpuint (count_matches (db->store, "zhangwei@hua"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "CS2026003"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "cs2026"), ==, 4);
  /* nothing */
  g_assert_cmpuint (count_matches (db->store, "赵六"), ==, 0);
  g_assert_cmpuint (count_matches (db->store, "zzz"), ==, 0);
}

/* Takes customers' search terms away as a large import leaves them, listed as waiting */
static void
forget_terms (CrmStore   *store,
              const char *which)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM search_terms WHERE customer_id IN"
                                          " (SELECT id FROM customers WHERE %s);"
                                          "DELETE FROM customer_terms WHERE customer_id IN"
                                          " (SELECT id FROM customers WHERE %s);"
                                          "INSERT INTO unindexed_customers (customer_id) SELECT id FROM customers"
                                          " WHERE %s;",
                                          which, which, which);

  g_assert_cmpint (sqlite3_exec (crm_store_get_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

#define TERMS_OF_ALL \
  "SELECT group_concat(customer_id || ':' || term, ' ') FROM" \
  " (SELECT customer_id, term FROM search_terms ORDER BY customer_id, term)"
#define LISTS_OF_ALL \
  "SELECT group_concat(customer_id || ':' || terms, ' ') FROM (SELECT * FROM customer_terms ORDER BY customer_id)"

static void
test_index_customers (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *terms = NULL, *lists = NULL, *indexed = NULL, *indexed_lists = NULL;
  gint64 ids[6];

  ids[0] = crm_test_create_customer (db->store, "北京华信科技有限公司", "张伟", "13800138000");
  ids[1] = crm_test_create_customer (db->store, "上海东方贸易有限公司", "欧阳娜娜", "13912345678");
  ids[2] = crm_test_create_customer (db->store, "Acme Logistics", "Jane Doe", "+1 555 010 2000");
  ids[3] = crm_test_create_customer (db->store, "王建国", NULL, NULL);
  ids[4] = crm_test_create_customer (db->store, "Old Mill Bakery", "Tom Baker", "020 7946 0000");
  ids[5] = crm_test_create_customer (db->store, "深圳前海物流", "李娜", "13700000000");
  /* a second contact: its words are the customer's too */
  g_assert_true (sqlite3_exec (crm_store_get_db (db->store),
                               "INSERT INTO contacts (customer_id, name, phone, is_primary, created_at, updated_at)"
                               " SELECT id, '赵敏', '13611112222', 0, 0, 0 FROM customers WHERE name = 'Acme Logistics'",
                               NULL, NULL, NULL) == SQLITE_OK);
  g_assert_true (crm_store_begin (db->store, &error));
  g_assert_true (crm_store_reindex_customer (db->store, ids[2], &error));
  g_assert_true (crm_store_commit (db->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 0);

  /* every customer but the second waits; the last one is then deleted */
  terms = crm_test_query_text (db->store, TERMS_OF_ALL);
  lists = crm_test_query_text (db->store, LISTS_OF_ALL);
  forget_terms (db->store, "id != 2");
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 5);
  g_assert_cmpuint (count_matches (db->store, "赵敏"), ==, 0);
  g_assert_cmpuint (count_matches (db->store, "欧阳"), ==, 1);

  /* a customer saved meanwhile gets its terms at once and leaves the list */
  g_assert_true (crm_store_begin (db->store, &error));
  g_assert_true (crm_store_reindex_customer (db->store, ids[3], &error));
  g_assert_true (crm_store_commit (db->store, &error));
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 4);
  g_assert_cmpuint (count_matches (db->store, "建国"), ==, 1);

  /* two a transaction: 3 transactions, and the contacts of the customers in
   * between that were not waiting are passed over */
  g_assert_true (crm_store_index_customers (db->store, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 0);
  indexed = crm_test_query_text (db->store, TERMS_OF_ALL);
  indexed_lists = crm_test_query_text (db->store, LISTS_OF_ALL);
  g_assert_cmpstr (indexed, ==, terms);
  g_assert_cmpstr (indexed_lists, ==, lists);
  crm_test_assert_terms_listed (db->store);
  g_assert_cmpuint (count_matches (db->store, "赵敏"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "jane acme"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "0000"), ==, 2);

  /* a deleted customer leaves the list with its row */
  forget_terms (db->store, "id = 6");
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 1);
  g_assert_true (sqlite3_exec (crm_store_get_db (db->store), "DELETE FROM contacts WHERE customer_id = 6;"
                               "DELETE FROM customers WHERE id = 6", NULL, NULL, NULL) == SQLITE_OK);
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 0);

  /* a cancelled run writes nothing */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    forget_terms (db->store, "id = 1");
    g_cancellable_cancel (cancellable);
    g_assert_false (crm_store_index_customers (db->store, 2, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 1);
    g_assert_false (crm_store_in_transaction (db->store));
  }
}

static void
indexing_notify_cb (CrmContext *context,
                    GParamSpec *pspec,
                    GArray     *seen)
{
  gboolean indexing = crm_context_get_indexing (context);

  g_array_append_val (seen, indexing);
}

/* The context makes them in a thread, on a connection of its own */
static void
test_context_indexes (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmContext) context = crm_context_new (db->store, NULL);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gboolean));
  Changes changes = { 0 };
  gint64 start;

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Harbour Freight %u", i);

      crm_test_create_customer (db->store, name, "Li Na", "13800000000");
    }
  g_signal_connect (context, "notify::indexing", G_CALLBACK (indexing_notify_cb), seen);
  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);

  /* nothing waiting: nothing happens */
  crm_context_index_customers (context);
  g_assert_false (crm_context_get_indexing (context));
  g_assert_cmpuint (seen->len, ==, 0);

  forget_terms (db->store, "id % 2 = 0");
  g_assert_cmpuint (count_matches (db->store, "harbour"), ==, 15);
  crm_context_index_customers (context);
  g_assert_true (crm_context_get_indexing (context));
  crm_context_index_customers (context);   /* asked again while it runs: once more after */
  start = g_get_monotonic_time ();
  while (seen->len < 2 && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (g_array_index (seen, gboolean, 0));
  g_assert_false (g_array_index (seen, gboolean, 1));
  g_assert_false (crm_context_get_indexing (context));
  g_assert_cmpint (changes.n, ==, 1);
  g_assert_cmpint (changes.kind, ==, CRM_CHANGE_CUSTOMER);
  g_assert_cmpint (changes.id, ==, 0);
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 0);
  g_assert_cmpuint (count_matches (db->store, "harbour"), ==, 30);
  crm_test_assert_terms_listed (db->store);

  g_signal_handlers_disconnect_by_func (db->store, changed_cb, &changes);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/fresh-database", test_fresh_database);
  g_test_add_func ("/store/reopen", test_reopen_keeps_data);
  g_test_add_func ("/store/refuse/not-sqlite", test_refuse_not_sqlite);
  g_test_add_func ("/store/refuse/foreign", test_refuse_foreign);
  g_test_add_func ("/store/refuse/newer", test_refuse_newer);
  g_test_add_func ("/store/empty-file", test_empty_file_becomes_database);
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/creates-folders", test_creates_folders);
  g_test_add_func ("/store/customer/lifecycle", test_customer_lifecycle);
  g_test_add_func ("/store/customer/invalid", test_customer_invalid);
  g_test_add_func ("/store/customer/duplicates", test_duplicates);
  g_test_add_func ("/store/transactions", test_transactions);
  g_test_add_func ("/store/team", test_team);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/index-customers", test_index_customers);
  g_test_add_func ("/store/index-customers/context", test_context_indexes);
  return g_test_run ();
}
