/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-rfm.h"
#include "crm-test-util.h"

#define DAY (24 * 60 * 60)

static gint64
add_customer (CrmTestDb  *db,
              const char *code,
              CrmTier     tier)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (code, name, sort_key, tier, created_at, updated_at)"
                                          " VALUES ('%s', 'Customer %s', '%s', %d, 0, 0)", code, code, code, tier);

  g_assert_true (crm_store_exec (db->store, sql, NULL));
  return sqlite3_last_insert_rowid (crm_store_get_db (db->store));
}

static void
add_purchase (CrmTestDb *db,
              gint64     customer_id,
              gint64     days_ago,
              gint64     yuan)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO purchases (customer_id, purchased_at, amount_cents)"
                                          " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                          customer_id, CRM_TEST_NOW - days_ago * DAY, yuan * 100);

  g_assert_true (crm_store_exec (db->store, sql, NULL));
}

/* "333" and the segment, or "" for no score */
static char *
rfm_of (CrmTestDb *db,
        gint64     customer_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(rfm_r || rfm_f || rfm_m || ':' || rfm_segment, '')"
                                          " FROM customer_scores WHERE customer_id = %" G_GINT64_FORMAT, customer_id);
  char *value = crm_test_query_text (db->store, sql);

  return value != NULL ? value : g_strdup ("");
}

static void
assert_rfm (CrmTestDb     *db,
            gint64         customer_id,
            const char    *score,
            CrmRfmSegment  segment)
{
  g_autofree char *expected = g_strdup_printf ("%s:%d", score, segment);
  g_autofree char *actual = rfm_of (db, customer_id);

  g_assert_cmpstr (actual, ==, expected);
}

static void
test_segments (void)
{
  g_assert_cmpint (crm_rfm_segment_for (5, 5, 5), ==, CRM_RFM_CHAMPIONS);
  g_assert_cmpint (crm_rfm_segment_for (4, 4, 4), ==, CRM_RFM_CHAMPIONS);
  g_assert_cmpint (crm_rfm_segment_for (3, 4, 1), ==, CRM_RFM_LOYAL);
  g_assert_cmpint (crm_rfm_segment_for (5, 5, 2), ==, CRM_RFM_LOYAL);
  g_assert_cmpint (crm_rfm_segment_for (5, 1, 1), ==, CRM_RFM_NEW);
  g_assert_cmpint (crm_rfm_segment_for (3, 2, 2), ==, CRM_RFM_NEEDS_ATTENTION);
  g_assert_cmpint (crm_rfm_segment_for (4, 2, 5), ==, CRM_RFM_POTENTIAL_LOYALISTS);
  g_assert_cmpint (crm_rfm_segment_for (3, 3, 4), ==, CRM_RFM_POTENTIAL_LOYALISTS);
  g_assert_cmpint (crm_rfm_segment_for (1, 1, 1), ==, CRM_RFM_LOST);
  g_assert_cmpint (crm_rfm_segment_for (1, 1, 5), ==, CRM_RFM_LOST);
  g_assert_cmpint (crm_rfm_segment_for (2, 4, 1), ==, CRM_RFM_AT_RISK);
  g_assert_cmpint (crm_rfm_segment_for (1, 2, 3), ==, CRM_RFM_AT_RISK);
  g_assert_cmpint (crm_rfm_segment_for (2, 2, 2), ==, CRM_RFM_HIBERNATING);
  g_assert_cmpint (crm_rfm_segment_for (1, 2, 1), ==, CRM_RFM_HIBERNATING);
  for (CrmRfmSegment s = 0; s < CRM_N_RFM_SEGMENTS; s++)
    {
      g_assert_cmpstr (crm_rfm_segment_to_string (s), !=, "");
      g_assert_cmpstr (crm_rfm_segment_advice (s), !=, "");
    }
}

static void
test_quintiles (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  gint64 c[6], archived, gone;

  /* one customer per quintile: the more recent, frequent and large, the higher */
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *code = g_strdup_printf ("C%d", i + 1);

      c[i] = add_customer (db, code, CRM_TIER_NORMAL);
      for (int n = 0; n <= i; n++)
        add_purchase (db, c[i], 400 - 90 * i + 30 * n, 100 * (i + 1));
    }
  c[5] = add_customer (db, "NONE", CRM_TIER_NORMAL);
  archived = add_customer (db, "ARCH", CRM_TIER_NORMAL);
  add_purchase (db, archived, 1, 1000000);
  g_assert_true (crm_store_exec (db->store, "UPDATE customers SET archived = 1 WHERE code = 'ARCH'", NULL));
  gone = add_customer (db, "GONE", CRM_TIER_NORMAL);
  g_assert_true (crm_store_exec (db->store, "INSERT INTO customer_scores (customer_id, rfm_r, rfm_f, rfm_m, rfm_segment,"
                                            " computed_at) SELECT id, 5, 5, 5, 0, 0 FROM customers WHERE code = 'GONE'",
                                 NULL));

  g_assert_true (crm_rfm_update_all (db->store, &error));
  g_assert_no_error (error);

  assert_rfm (db, c[0], "111", CRM_RFM_LOST);
  assert_rfm (db, c[1], "222", CRM_RFM_HIBERNATING);
  assert_rfm (db, c[2], "333", CRM_RFM_NEEDS_ATTENTION);
  assert_rfm (db, c[3], "444", CRM_RFM_CHAMPIONS);
  assert_rfm (db, c[4], "555", CRM_RFM_CHAMPIONS);
  /* no purchases, archived, or no longer buying: no score */
  {
    g_autofree char *none = rfm_of (db, c[5]);
    g_autofree char *arch = rfm_of (db, archived);
    g_autofree char *stale = rfm_of (db, gone);

    g_assert_cmpstr (none, ==, "");
    g_assert_cmpstr (arch, ==, "");
    g_assert_cmpstr (stale, ==, "");
  }

  /* a big recent order moves C1 to the top of R and M, not of F */
  add_purchase (db, c[0], 0, 100000);
  g_assert_true (crm_rfm_update_all (db->store, &error));
  assert_rfm (db, c[0], "515", CRM_RFM_NEW);
}

static void
test_ties (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  gint64 ids[10];

  /* ten customers with one purchase each; eight of them alike */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *code = g_strdup_printf ("C%02d", i);

      ids[i] = add_customer (db, code, CRM_TIER_NORMAL);
      add_purchase (db, ids[i], i < 8 ? 50 : 10 - i, i < 8 ? 500 : 900 + i);
    }
  g_assert_true (crm_rfm_update_all (db->store, &error));

  /* the alike share the lowest rank: same score, all F = 1 */
  for (int i = 1; i < 8; i++)
    {
      g_autofree char *a = rfm_of (db, ids[0]);
      g_autofree char *b = rfm_of (db, ids[i]);

      g_assert_cmpstr (a, ==, b);
    }
  assert_rfm (db, ids[0], "111", CRM_RFM_LOST);
  /* ranks 9 and 10 of 10: 1 + 5 × 8 / 10 = 5 and 1 + 5 × 9 / 10 = 5 */
  assert_rfm (db, ids[8], "515", CRM_RFM_NEW);
  assert_rfm (db, ids[9], "515", CRM_RFM_NEW);
}

static void
test_tier_suggestions (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  gint64 growing = add_customer (db, "GROW", CRM_TIER_POTENTIAL);
  gint64 slow = add_customer (db, "SLOW", CRM_TIER_POTENTIAL);
  gint64 vip = add_customer (db, "VIP", CRM_TIER_VIP);
  gint64 fresh = add_customer (db, "FRESH", CRM_TIER_POTENTIAL);
  gint64 dismissed = add_customer (db, "DISM", CRM_TIER_POTENTIAL);
  gint64 recent = 0, previous = 0;

  add_purchase (db, growing, 250, 1000);  /* 1,000 → 1,600: +60% */
  add_purchase (db, growing, 30, 1600);
  add_purchase (db, growing, 500, 99999); /* older than a year: ignored */
  add_purchase (db, slow, 250, 1000);     /* +40% */
  add_purchase (db, slow, 30, 1400);
  add_purchase (db, vip, 250, 1000);      /* already VIP */
  add_purchase (db, vip, 30, 5000);
  add_purchase (db, fresh, 30, 5000);     /* nothing to grow from */
  add_purchase (db, dismissed, 200, 100); /* exactly +50% */
  add_purchase (db, dismissed, 10, 150);

  g_assert_true (crm_tier_suggestions_update (db->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM tier_suggestions"), ==, 2);
  g_assert_true (crm_tier_suggestion_get (db->store, growing, &recent, &previous));
  g_assert_cmpint (recent, ==, 160000);
  g_assert_cmpint (previous, ==, 100000);
  g_assert_false (crm_tier_suggestion_get (db->store, slow, NULL, NULL));
  g_assert_false (crm_tier_suggestion_get (db->store, vip, NULL, NULL));
  g_assert_false (crm_tier_suggestion_get (db->store, fresh, NULL, NULL));

  /* accepting makes a Gold key account, on the customer's timeline */
  g_assert_true (crm_tier_suggestion_accept (db->store, growing, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT key_account FROM customers WHERE code = 'GROW'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM profile_changes"
                                                  " WHERE field = 'key_account' AND new_value = 'gold'"), ==, 1);
  g_assert_false (crm_tier_suggestion_get (db->store, growing, NULL, NULL));
  g_assert_false (crm_tier_suggestion_accept (db->store, growing, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* dismissing is remembered: running again suggests nothing new */
  g_assert_true (crm_tier_suggestion_dismiss (db->store, dismissed, &error));
  g_assert_true (crm_tier_suggestions_update (db->store, &error));
  g_assert_false (crm_tier_suggestion_get (db->store, growing, NULL, NULL));
  g_assert_false (crm_tier_suggestion_get (db->store, dismissed, NULL, NULL));
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT key_account FROM customers WHERE code = 'DISM'"), ==, 0);

  /* an open suggestion whose growth no longer holds goes away */
  add_purchase (db, slow, 20, 1000);
  g_assert_true (crm_tier_suggestions_update (db->store, &error));
  g_assert_true (crm_tier_suggestion_get (db->store, slow, NULL, NULL));
  g_assert_true (crm_store_exec (db->store, "DELETE FROM purchases WHERE amount_cents = 100000"
                                            " AND customer_id = (SELECT id FROM customers WHERE code = 'SLOW')"
                                            " AND purchased_at > 1795140000 - 25 * 86400", NULL));
  g_assert_true (crm_tier_suggestions_update (db->store, &error));
  g_assert_false (crm_tier_suggestion_get (db->store, slow, NULL, NULL));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rfm/segments", test_segments);
  g_test_add_func ("/rfm/quintiles", test_quintiles);
  g_test_add_func ("/rfm/ties", test_ties);
  g_test_add_func ("/rfm/tier-suggestions", test_tier_suggestions);

  return g_test_run ();
}
