/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-mask.h"
#include "crm-test-util.h"

static void
assert_masked (char       *(*mask) (const char *),
               const char  *input,
               const char  *expected)
{
  g_autofree char *masked = mask (input);

  g_assert_cmpstr (masked, ==, expected);
}

static void
test_phone (void)
{
  assert_masked (crm_mask_phone, "13812345678", "138****5678");
  assert_masked (crm_mask_phone, "+86 138-1234-5678", "+86 138-****-5678");
  assert_masked (crm_mask_phone, "010-62345678", "010-****5678");
  assert_masked (crm_mask_phone, "(415) 555-0132", "(41*) ***-0132");
  assert_masked (crm_mask_phone, "12345678", "****5678");
  assert_masked (crm_mask_phone, "5550132", "*****32");
  assert_masked (crm_mask_phone, "12", "**");
  assert_masked (crm_mask_phone, "", "");
  assert_masked (crm_mask_phone, NULL, NULL);
}

static void
test_email (void)
{
  assert_masked (crm_mask_email, "zhangwei@example.com", "z***@example.com");
  assert_masked (crm_mask_email, "a@b.cn", "a***@b.cn");
  assert_masked (crm_mask_email, "张伟@例子.中国", "张***@例子.中国");
  assert_masked (crm_mask_email, "not an address", "***");
  assert_masked (crm_mask_email, "@example.com", "***");
  assert_masked (crm_mask_email, NULL, NULL);
}

static void
test_reveal_log (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reveals = NULL;
  gint64 customer, contact;

  g_assert_true (crm_store_exec (db->store,
                                 "INSERT INTO team_members (name, is_self, created_at) VALUES ('Li Na', 1, 0);"
                                 "INSERT INTO customers (code, name, sort_key, created_at, updated_at)"
                                 " VALUES ('CS1', 'Acme', 'acme', 0, 0);",
                                 NULL));
  customer = sqlite3_last_insert_rowid (crm_store_get_db (db->store));
  g_assert_true (crm_store_exec (db->store,
                                 "INSERT INTO contacts (customer_id, name, phone, created_at, updated_at)"
                                 " SELECT id, 'Wang Fang', '13812345678', 0, 0 FROM customers",
                                 NULL));
  contact = sqlite3_last_insert_rowid (crm_store_get_db (db->store));

  /* a reason is required */
  g_assert_false (crm_store_log_reveal (db->store, customer, contact, "   ", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM audit_log"), ==, 0);

  g_assert_true (crm_store_log_reveal (db->store, customer, contact, " Calling about the renewal ", &error));
  g_assert_no_error (error);
  crm_clock_advance (db->clock, 60);
  g_assert_true (crm_store_log_reveal (db->store, customer, 0, "Sending the contract", &error));

  reveals = crm_store_list_reveals (db->store, customer, 10);
  g_assert_cmpuint (reveals->len, ==, 2);
  {
    CrmReveal *latest = reveals->pdata[0];
    CrmReveal *first = reveals->pdata[1];

    g_assert_cmpint (latest->at, ==, CRM_TEST_NOW + 60);
    g_assert_cmpstr (latest->reason, ==, "Sending the contract");
    g_assert_null (latest->contact_name);
    g_assert_cmpint (first->at, ==, CRM_TEST_NOW);
    g_assert_cmpstr (first->actor_name, ==, "Li Na");
    g_assert_cmpstr (first->contact_name, ==, "Wang Fang");
    g_assert_cmpstr (first->reason, ==, "Calling about the renewal");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mask/phone", test_phone);
  g_test_add_func ("/mask/email", test_email);
  g_test_add_func ("/mask/reveal-log", test_reveal_log);

  return g_test_run ();
}
