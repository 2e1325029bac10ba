/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-health.h"
#include "crm-test-util.h"

#define DAY (24 * 60 * 60)

static gint64
add_customer (CrmTestDb  *db,
              const char *code)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO customers (code, name, sort_key, created_at, updated_at)"
                                          " VALUES ('%s', 'Customer %s', '%s', 0, 0)", code, code, code);

  g_assert_true (crm_store_exec (db->store, sql, NULL));
  return sqlite3_last_insert_rowid (crm_store_get_db (db->store));
}

static void
exec_printf (CrmTestDb  *db,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
exec_printf (CrmTestDb  *db,
             const char *format,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  crm_store_exec (db->store, sql, &error);
  g_assert_no_error (error);
}

static void
add_interaction (CrmTestDb *db,
                 gint64     customer_id,
                 gint64     at)
{
  exec_printf (db, "INSERT INTO interactions (customer_id, occurred_at, channel, subject, created_at, updated_at)"
               " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 'Call', 0, 0)", customer_id, at);
}

static void
add_purchase (CrmTestDb *db,
              gint64     customer_id,
              gint64     at,
              gint64     cents)
{
  exec_printf (db, "INSERT INTO purchases (customer_id, purchased_at, amount_cents)"
               " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", customer_id, at, cents);
}

static void
assert_item (const CrmHealthReport *report,
             CrmHealthIndicator     indicator,
             double                 points,
             double                 max_points)
{
  const CrmHealthItem *item = &report->items[indicator];

  g_assert_true (item->available);
  g_assert_cmpfloat_with_epsilon (item->points, points, 1e-9);
  g_assert_cmpfloat_with_epsilon (item->max_points, max_points, 1e-9);
  g_assert_nonnull (item->raw_text);
}

static void
test_no_data (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_auto(CrmHealthReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = add_customer (db, "A");

  g_assert_true (crm_health_compute (db->store, id, &report, &error));
  g_assert_no_error (error);
  g_assert_false (report.has_score);
  g_assert_nonnull (report.reason);
  g_assert_cmpint (report.risk, ==, CRM_RISK_NONE);
  /* tickets are always known: none open is the best case */
  assert_item (&report, CRM_HEALTH_TICKETS, 15, 15);
  g_assert_false (report.items[CRM_HEALTH_LAST_CONTACT].available);
  g_assert_false (report.items[CRM_HEALTH_NPS].available);
}

static void
test_too_little_data (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_auto(CrmHealthReport) report = { 0 };
  gint64 id = add_customer (db, "A");

  /* last contact, interaction trend and tickets: 3 of the 4 needed */
  add_interaction (db, id, CRM_TEST_NOW - 2 * DAY);
  g_assert_true (crm_health_compute (db->store, id, &report, NULL));
  g_assert_false (report.has_score);
  g_assert_nonnull (strstr (report.reason, "3"));
  assert_item (&report, CRM_HEALTH_LAST_CONTACT, 15, 15);
  g_assert_cmpstr (report.items[CRM_HEALTH_LAST_CONTACT].raw_text, ==, "2 days ago");
}

/* Every indicator, computed by hand:
 *   last contact 5 days ago                      1.0 × 15 = 15
 *   2 interactions in 90 days against 1 before   1.0 × 10 = 10
 *   last purchase 100 days ago                   0.6 × 15 =  9
 *   2 purchases in 12 months                     0.6 × 10 =  6
 *   1,000 in 180 days against 2,000 before       0.5 × 10 =  5
 *   1 open ticket past its deadline              0.5 × 15 =  7.5
 *   CSAT 4, 5, 3 → 4.0                          0.75 × 15 = 11.25
 *   NPS 8                                        0.6 × 10 =  6
 *   69.75 of 100 → 70, not at risk */
static void
test_every_indicator (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_auto(CrmHealthReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id = add_customer (db, "A");
  gint64 other = add_customer (db, "B");

  add_interaction (db, id, CRM_TEST_NOW - 5 * DAY);
  add_interaction (db, id, CRM_TEST_NOW - 20 * DAY);
  add_interaction (db, id, CRM_TEST_NOW - 100 * DAY);
  add_interaction (db, id, CRM_TEST_NOW + 2 * DAY);     /* planned, not yet: ignored */
  add_interaction (db, other, CRM_TEST_NOW - 1 * DAY);  /* someone else's */
  add_purchase (db, id, CRM_TEST_NOW - 100 * DAY, 100000);
  add_purchase (db, id, CRM_TEST_NOW - 200 * DAY, 200000);
  add_purchase (db, id, CRM_TEST_NOW - 400 * DAY, 900000); /* outside both windows */
  exec_printf (db, "INSERT INTO tickets (code, customer_id, title, level, status, created_at, resolution_due, updated_at)"
               " VALUES ('T1', %" G_GINT64_FORMAT ", 'Broken', 2, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0),"
               " ('T2', %" G_GINT64_FORMAT ", 'Old', 2, 4, 0, 0, 0)",
               id, CRM_TEST_NOW - DAY, CRM_TEST_NOW - 3600, id);
  exec_printf (db, "INSERT INTO surveys (customer_id, taken_at, csat_speed, csat_fit, csat_care, nps) VALUES"
               " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1, 1, 1, 10),"
               " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 4, 5, 3, 8)",
               id, CRM_TEST_NOW - 300 * DAY, id, CRM_TEST_NOW - 10 * DAY);

  g_assert_true (crm_health_compute (db->store, id, &report, &error));
  g_assert_no_error (error);
  assert_item (&report, CRM_HEALTH_LAST_CONTACT, 15, 15);
  assert_item (&report, CRM_HEALTH_INTERACTION_TREND, 10, 10);
  assert_item (&report, CRM_HEALTH_PURCHASE_RECENCY, 9, 15);
  assert_item (&report, CRM_HEALTH_PURCHASE_FREQUENCY, 6, 10);
  assert_item (&report, CRM_HEALTH_AMOUNT_TREND, 5, 10);
  assert_item (&report, CRM_HEALTH_TICKETS, 7.5, 15);
  assert_item (&report, CRM_HEALTH_CSAT, 11.25, 15);
  assert_item (&report, CRM_HEALTH_NPS, 6, 10);
  g_assert_cmpfloat_with_epsilon (report.items[CRM_HEALTH_CSAT].raw, 4.0, 1e-9);
  g_assert_cmpstr (report.items[CRM_HEALTH_LAST_CONTACT].raw_text, ==, "5 days ago");
  g_assert_cmpstr (report.items[CRM_HEALTH_PURCHASE_FREQUENCY].raw_text, ==, "2 purchases in 12 months");
  g_assert_cmpstr (report.items[CRM_HEALTH_TICKETS].raw_text, ==, "1 open, 1 breach");
  g_assert_cmpstr (report.items[CRM_HEALTH_NPS].raw_text, ==, "8 of 10");
  g_assert_true (report.has_score);
  g_assert_cmpint (report.score, ==, 70);
  g_assert_cmpint (report.risk, ==, CRM_RISK_NONE);
  g_assert_null (report.reason);
}

/* Without purchases or NPS the known indicators are rescaled to 100:
 * last contact 200 days ago 0/15, no interactions in 180 days 0/10, no tickets 15/15,
 * CSAT 2.0 → 3.75/15: 18.75 of 55 → 34, high risk. */
static void
test_rescaled_and_weights (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = add_customer (db, "A");

  add_interaction (db, id, CRM_TEST_NOW - 200 * DAY);
  exec_printf (db, "INSERT INTO surveys (customer_id, taken_at, csat_speed, csat_fit, csat_care)"
               " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 2, 2, 2)", id, CRM_TEST_NOW - 30 * DAY);

  {
    g_auto(CrmHealthReport) report = { 0 };

    g_assert_true (crm_health_compute (db->store, id, &report, NULL));
    g_assert_true (report.has_score);
    assert_item (&report, CRM_HEALTH_LAST_CONTACT, 0, 15);
    assert_item (&report, CRM_HEALTH_INTERACTION_TREND, 0, 10);
    assert_item (&report, CRM_HEALTH_CSAT, 3.75, 15);
    g_assert_false (report.items[CRM_HEALTH_PURCHASE_RECENCY].available);
    g_assert_cmpint (report.score, ==, 34);
    g_assert_cmpint (report.risk, ==, CRM_RISK_HIGH);
  }

  /* weights live in settings: tickets no longer count → 3.75 of 40 → 9;
   * an unreadable weight falls back to the default */
  g_assert_true (crm_store_set_setting (db->store, "health.weight.tickets", "0", &error));
  g_assert_true (crm_store_set_setting (db->store, "health.weight.csat", "lots", &error));
  {
    g_auto(CrmHealthReport) report = { 0 };

    g_assert_true (crm_health_compute (db->store, id, &report, NULL));
    assert_item (&report, CRM_HEALTH_TICKETS, 0, 0);
    g_assert_cmpint (report.score, ==, 9);
  }

  /* and so do the risk thresholds */
  g_assert_true (crm_store_set_setting (db->store, "health.threshold.high", "5", &error));
  {
    g_auto(CrmHealthReport) report = { 0 };

    g_assert_true (crm_health_compute (db->store, id, &report, NULL));
    g_assert_cmpint (report.risk, ==, CRM_RISK_MEDIUM);
  }
}

static void
test_risk_levels (void)
{
  g_assert_cmpint (crm_health_risk_for (100), ==, CRM_RISK_NONE);
  g_assert_cmpint (crm_health_risk_for (61), ==, CRM_RISK_NONE);
  g_assert_cmpint (crm_health_risk_for (60), ==, CRM_RISK_LOW);
  g_assert_cmpint (crm_health_risk_for (50), ==, CRM_RISK_LOW);
  g_assert_cmpint (crm_health_risk_for (49), ==, CRM_RISK_MEDIUM);
  g_assert_cmpint (crm_health_risk_for (40), ==, CRM_RISK_MEDIUM);
  g_assert_cmpint (crm_health_risk_for (39), ==, CRM_RISK_HIGH);
  g_assert_cmpint (crm_health_risk_for (0), ==, CRM_RISK_HIGH);
  for (CrmHealthIndicator i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    {
      g_assert_nonnull (crm_health_indicator_name (i));
      g_assert_nonnull (crm_health_indicator_key (i));
    }
}

static void
test_update_and_trend (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmHealthReport) report = { 0 };
  g_autoptr(GArray) trend = NULL;
  g_autofree char *details = NULL;
  gint64 id = add_customer (db, "A");
  gint64 empty = add_customer (db, "B");
  gint64 archived = add_customer (db, "C");

  add_interaction (db, id, CRM_TEST_NOW - 200 * DAY);
  add_interaction (db, archived, CRM_TEST_NOW - 200 * DAY);
  exec_printf (db, "UPDATE customers SET archived = 1 WHERE id = %" G_GINT64_FORMAT, archived);
  exec_printf (db, "INSERT INTO surveys (customer_id, taken_at, csat_speed) VALUES (%" G_GINT64_FORMAT ", %"
               G_GINT64_FORMAT ", 2)", id, CRM_TEST_NOW - DAY);
  exec_printf (db, "INSERT INTO health_snapshots (customer_id, month, score) VALUES"
               " (%" G_GINT64_FORMAT ", '2026-05', 81), (%" G_GINT64_FORMAT ", '2025-05', 99)", id, id);

  g_assert_true (crm_health_update (db->store, id, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.score, ==, 34);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT health_score FROM customers WHERE code = 'A'"), ==, 34);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT risk FROM customer_scores"), ==, CRM_RISK_HIGH);
  details = crm_test_query_text (db->store, "SELECT health_details FROM customer_scores");
  g_assert_nonnull (strstr (details, "csat=3.8/15"));
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT score FROM health_snapshots WHERE month = '2026-11'"), ==, 34);

  /* twelve months up to this one, oldest first, gaps without a score */
  trend = crm_health_get_trend (db->store, id, 12);
  g_assert_cmpuint (trend->len, ==, 12);
  g_assert_cmpstr (g_array_index (trend, CrmHealthSnapshot, 0).month, ==, "2025-12");
  g_assert_cmpstr (g_array_index (trend, CrmHealthSnapshot, 5).month, ==, "2026-05");
  g_assert_true (g_array_index (trend, CrmHealthSnapshot, 5).has_score);
  g_assert_cmpint (g_array_index (trend, CrmHealthSnapshot, 5).score, ==, 81);
  g_assert_false (g_array_index (trend, CrmHealthSnapshot, 6).has_score);
  g_assert_true (g_array_index (trend, CrmHealthSnapshot, 11).has_score);
  g_assert_cmpint (g_array_index (trend, CrmHealthSnapshot, 11).score, ==, 34);

  /* all at once, from another connection: active customers only */
  g_assert_true (crm_health_update_all (db->path, CRM_TEST_NOW, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customer_scores"), ==, 2);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM health_snapshots"
                                                  " WHERE month = '2026-11'"), ==, 2);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT health_score IS NULL AND risk = 0 FROM customer_scores"
                                            " WHERE customer_id = %" G_GINT64_FORMAT, empty);

    g_assert_cmpint (crm_test_query_int (db->store, sql), ==, 1);
  }
}

static void
test_update_all_cancelled (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  add_customer (db, "A");
  g_cancellable_cancel (cancellable);
  g_assert_false (crm_health_update_all (db->path, CRM_TEST_NOW, cancellable, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customer_scores"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/health/no-data", test_no_data);
  g_test_add_func ("/health/too-little-data", test_too_little_data);
  g_test_add_func ("/health/every-indicator", test_every_indicator);
  g_test_add_func ("/health/rescaled-and-weights", test_rescaled_and_weights);
  g_test_add_func ("/health/risk-levels", test_risk_levels);
  g_test_add_func ("/health/update-and-trend", test_update_and_trend);
  g_test_add_func ("/health/update-all-cancelled", test_update_all_cancelled);

  return g_test_run ();
}
