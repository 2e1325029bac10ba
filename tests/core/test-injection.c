/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a user types reaches SQL only as bound values: hostile text in every
 * search box and in the stored data changes nothing, fails nothing, and is
 * found back as text.  (tests/security/check-sql.sh reads the code for SQL
 * built from strings.) */
#include "crm-customer-list-model.h"
#include "crm-demo.h"
#include "crm-interaction-list-model.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"
#include "crm-ticket-list-model.h"
#include "crm-validate.h"

static const char * const hostile[] = {
  "'",
  "\"",
  "'; DROP TABLE customers; --",
  "\"; DELETE FROM contacts; --",
  "x' OR '1'='1",
  "%",
  "_",
  "%' OR 1=1 --",
  "\\",
  "* OR \"a\"",
  "NEAR(a b)",
  "a AND b OR NOT c",
  "张伟'); DROP TABLE interactions; --",
  "?1 ?2 :key @x $y",
  "\x01\x02",
  "))))",
  "((((",
  "^*",
  "\"unterminated",
};

static void
assert_intact (CrmStore *store,
               gint64    customers,
               gint64    contacts,
               gint64    interactions)
{
  g_autofree char *check = crm_test_query_text (store, "PRAGMA quick_check");

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers"), ==, customers);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM contacts"), ==, contacts);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM interactions"), ==, interactions);
}

static void
test_search_boxes (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPagedModel) customers = NULL;
  g_autoptr(CrmPagedModel) interactions = NULL;
  g_autoptr(CrmPagedModel) tickets = NULL;
  gint64 n_customers, n_contacts, n_interactions;

  g_assert_true (crm_demo_generate (db->store, 30, 1, CRM_DEMO_LANGUAGE_CHINESE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  n_customers = crm_test_query_int (db->store, "SELECT count(*) FROM customers");
  n_contacts = crm_test_query_int (db->store, "SELECT count(*) FROM contacts");
  n_interactions = crm_test_query_int (db->store, "SELECT count(*) FROM interactions");

  customers = crm_customer_list_model_new (db->store);
  interactions = crm_interaction_list_model_new (db->store);
  tickets = crm_ticket_list_model_new (db->store, CRM_TICKET_NEW);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      CrmCustomerFilter cf = CRM_CUSTOMER_FILTER_INIT;
      CrmInteractionFilter inf = CRM_INTERACTION_FILTER_INIT;
      CrmTicketFilter tf = CRM_TICKET_FILTER_INIT;

      cf.search = hostile[i];
      inf.text = hostile[i];
      tf.text = hostile[i];
      crm_customer_list_model_set_filter (customers, &cf);
      crm_interaction_list_model_set_filter (interactions, &inf);
      crm_ticket_list_model_set_filter (tickets, &tf);
      /* reading them runs the queries */
      g_list_model_get_n_items (G_LIST_MODEL (customers));
      g_list_model_get_n_items (G_LIST_MODEL (interactions));
      g_list_model_get_n_items (G_LIST_MODEL (tickets));
      assert_intact (db->store, n_customers, n_contacts, n_interactions);
    }
}

static void
test_stored_text (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmPagedModel) customers = crm_customer_list_model_new (db->store);

  /* hostile names are stored as they are and found by what they say */
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_auto(CrmCustomerDraft) draft = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Acme %s %u", hostile[i], i);
      g_autofree char *stored = NULL;
      CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;
      gint64 id;

      crm_customer_draft_init (&draft);
      draft.name = g_strdup (name);
      draft.contact_name = g_strdup ("O'Brien \"Bob\"");
      id = crm_store_create_customer (db->store, &draft, &error);
      if (id == 0)
        {
          /* a control character is refused at the field, not by SQL */
          g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
          continue;
        }
      stored = crm_test_query_textf (db->store, "SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT, id);
      g_assert_nonnull (stored);
      g_assert_true (g_str_has_prefix (stored, "Acme "));

      filter.search = "Acme";
      crm_customer_list_model_set_filter (customers, &filter);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (customers)), >=, 1);
    }
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customers"), >=,
                   (gint64) G_N_ELEMENTS (hostile) - 2);
  {
    g_autofree char *check = crm_test_query_text (db->store, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/injection/search-boxes", test_search_boxes);
  g_test_add_func ("/injection/stored-text", test_stored_text);
  return g_test_run ();
}
