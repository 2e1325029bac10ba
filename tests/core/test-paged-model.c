/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-customer-list-model.h"
#include "crm-search.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"

/* more pages than the model keeps, so eviction is exercised */
#define N_CUSTOMERS 2634

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint n;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->n++;
}

static gint64
fill (CrmTestDb *db)
{
  g_autoptr(GError) error = NULL;
  gint64 owner = crm_store_add_team_member (db->store, "Owner", CRM_MEMBER_AGENT, &error);

  g_assert_true (crm_store_begin (db->store, &error));
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_auto(CrmCustomerDraft) draft = { 0 };

      crm_customer_draft_init (&draft);
      /* names not in insertion order */
      draft.name = g_strdup_printf ("Customer %05u", (i * 7919) % 100000);
      draft.tier = i % 3;
      draft.owner_id = i % 2 == 0 ? owner : 0;
      g_assert_cmpint (crm_store_create_customer (db->store, &draft, &error), >, 0);
    }
  g_assert_true (crm_store_commit (db->store, &error));
  g_assert_no_error (error);

  return owner;
}

static void
test_order_and_paging (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmPagedModel) model = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GListModel *list;

  fill (db);
  model = crm_customer_list_model_new (db->store);
  list = G_LIST_MODEL (model);

  g_assert_true (g_list_model_get_item_type (list) == CRM_TYPE_CUSTOMER);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CUSTOMERS);
  g_assert_cmpuint (crm_paged_model_get_n_cached_pages (model), ==, 0);   /* nothing loaded yet */

  /* sequential: sorted by name, every row once, bounded memory */
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (list, i);

      g_assert_nonnull (customer);
      if (i > 0)
        g_assert_cmpstr (names->pdata[i - 1], <, crm_customer_get_name (customer));
      g_ptr_array_add (names, g_strdup (crm_customer_get_name (customer)));
      g_assert_cmpuint (crm_paged_model_get_n_cached_pages (model), <=,
                        crm_paged_model_get_max_cached_pages (model));
    }
  g_assert_null (g_list_model_get_item (list, N_CUSTOMERS));

  /* random access after the cache is dropped (OFFSET path) agrees */
  crm_paged_model_reload (model);
  for (int i = N_CUSTOMERS - 1; i >= 0; i -= 97)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (list, i);

      g_assert_cmpstr (crm_customer_get_name (customer), ==, names->pdata[i]);
    }
}

static void
test_reload_on_change (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmPagedModel) model = NULL;
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(CrmCustomer) first = NULL;
  ItemsChanged seen = { 0 };
  gint64 id;

  fill (db);
  model = crm_customer_list_model_new (db->store);
  /* the rows on screen: the first page, and one far down */
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 5));
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), 1234));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &seen);

  /* a change reports the loaded pages (what a view shows) and the difference
   * at the end, never "everything": GTK would read the whole list to compare */
  crm_customer_draft_init (&draft);
  draft.name = g_strdup ("AAA first of all");
  id = crm_store_create_customer (db->store, &draft, NULL);
  g_assert_cmpuint (seen.n, ==, 3);
  g_assert_cmpuint (seen.position, ==, 1200);   /* the page of row 1234, last */
  g_assert_cmpuint (seen.removed, ==, 100);
  g_assert_cmpuint (seen.added, ==, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CUSTOMERS + 1);

  /* a new filter replaces everything in two steps: all out, then all in */
  {
    CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;

    seen.n = 0;
    filter.search = "zzzz-nothing";
    crm_customer_list_model_set_filter (model, &filter);
    g_assert_cmpuint (seen.n, ==, 1);
    g_assert_cmpuint (seen.removed, ==, N_CUSTOMERS + 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
    filter.search = NULL;
    crm_customer_list_model_set_filter (model, &filter);
    g_assert_cmpuint (seen.n, ==, 2);
    g_assert_cmpuint (seen.removed, ==, 0);
    g_assert_cmpuint (seen.added, ==, N_CUSTOMERS + 1);
  }

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (crm_customer_get_id (first), ==, id);

  /* archived customers leave the list */
  g_assert_true (crm_store_set_customer_archived (db->store, id, TRUE, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CUSTOMERS);
}

static void
test_filters (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmPagedModel) model = NULL;
  CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;
  gint64 owner;
  guint n;

  owner = fill (db);
  model = crm_customer_list_model_new (db->store);

  filter.tier = CRM_TIER_VIP;
  crm_customer_list_model_set_filter (model, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, (N_CUSTOMERS + 2) / 3);
  for (guint i = 0; i < n; i += 50)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (crm_customer_get_tier (customer), ==, CRM_TIER_VIP);
    }

  filter.tier = -1;
  filter.owner_id = owner;
  crm_customer_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CUSTOMERS / 2);

  filter.tier = CRM_TIER_NORMAL;
  filter.search = "customer 0";
  crm_customer_list_model_set_filter (model, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, N_CUSTOMERS / 6);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (crm_customer_get_tier (customer), ==, CRM_TIER_NORMAL);
      g_assert_cmpint (crm_customer_get_owner_id (customer), ==, owner);
      g_assert_true (g_str_has_prefix (crm_customer_get_name (customer), "Customer 0"));
    }
}

static void
test_broad_search (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmPagedModel) model = NULL;
  g_autoptr(GError) error = NULL;
  CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;
  g_autofree char *previous = NULL;
  guint n;

  /* 3,100 customers share the word "acme": too many to count on every keystroke */
  g_assert_true (crm_store_begin (db->store, &error));
  for (guint i = 0; i < 3100; i++)
    {
      g_auto(CrmCustomerDraft) draft = { 0 };

      crm_customer_draft_init (&draft);
      draft.name = g_strdup_printf ("Acme %04u%s", (i * 7919) % 10000, i == 1234 ? " Zebra" : "");
      g_assert_cmpint (crm_store_create_customer (db->store, &draft, &error), >, 0);
    }
  g_assert_true (crm_store_commit (db->store, &error));

  model = crm_customer_list_model_new (db->store);
  g_assert_false (crm_paged_model_is_truncated (model));

  /* broad: the first 1,000 by name, and the model says there are more */
  filter.search = "acm";
  crm_customer_list_model_set_filter (model, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, CRM_CUSTOMER_LIST_MAX_SEARCH_RESULTS);
  g_assert_true (crm_paged_model_is_truncated (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (previous != NULL)
        g_assert_cmpstr (previous, <, crm_customer_get_name (customer));
      g_free (previous);
      previous = g_strdup (crm_customer_get_name (customer));
    }
  /* the 1,000th of 3,100 names "Acme 0000" … "Acme 9999" in order */
  g_assert_cmpstr (previous, <, "Acme 4000");

  /* narrow: the rarest word leads, whatever its place in the query */
  filter.search = "acme zebra";
  crm_customer_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_false (crm_paged_model_is_truncated (model));
  {
    g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_true (g_str_has_suffix (crm_customer_get_name (customer), "Zebra"));
  }

  /* a broad word that matches nothing else */
  filter.search = "acme nothing";
  crm_customer_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/paged-model/order-and-paging", test_order_and_paging);
  g_test_add_func ("/paged-model/reload-on-change", test_reload_on_change);
  g_test_add_func ("/paged-model/filters", test_filters);
  g_test_add_func ("/paged-model/broad-search", test_broad_search);
  return g_test_run ();
}
