/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-format.h"
#include "crm-test-util.h"

static void
assert_format (gint64      then,
               const char *expected)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (CRM_TEST_NOW);   /* Fri 2026-11-20 10:00 */
  g_autofree char *text = crm_format_last_contact (then, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_last_contact (void)
{
  const gint64 hour = 3600, day = 24 * hour;

  assert_format (0, "Never");
  assert_format (CRM_TEST_NOW - hour, "Today");
  assert_format (CRM_TEST_NOW - 10 * hour - 1, "Yesterday");   /* 23:59:59 the day before */
  assert_format (CRM_TEST_NOW - day, "Yesterday");
  assert_format (CRM_TEST_NOW - 2 * day, "2 days ago");
  assert_format (CRM_TEST_NOW - 6 * day, "6 days ago");
  assert_format (CRM_TEST_NOW - 17 * day, "Nov 3");
  assert_format (CRM_TEST_NOW - 400 * day, "2025-10-16");
  assert_format (CRM_TEST_NOW + hour, "Today");
}

static void
test_money (void)
{
  g_autofree char *a = crm_format_money (1234567, "CNY");
  g_autofree char *b = crm_format_money (99, "USD");
  g_autofree char *c = crm_format_money (100000000, "EUR");
  g_autofree char *d = crm_format_money (0, NULL);

  g_assert_cmpstr (a, ==, "¥12,345.67");
  g_assert_cmpstr (b, ==, "$0.99");
  g_assert_cmpstr (c, ==, "1,000,000.00 EUR");
  g_assert_cmpstr (d, ==, "¥0.00");
}

static void
test_count (void)
{
  g_autofree char *a = crm_format_count (1997197);
  g_autofree char *b = crm_format_count (999);
  g_autofree char *c = crm_format_count (0);

  g_assert_cmpstr (a, ==, "1,997,197");
  g_assert_cmpstr (b, ==, "999");
  g_assert_cmpstr (c, ==, "0");
}

static void
test_money_whole (void)
{
  g_autofree char *a = crm_format_money_whole (150580049, "CNY");
  g_autofree char *b = crm_format_money_whole (150, "USD");
  g_autofree char *c = crm_format_money_whole (100000000, "EUR");
  g_autofree char *d = crm_format_money_whole (49, NULL);

  g_assert_cmpstr (a, ==, "¥1,505,800");
  g_assert_cmpstr (b, ==, "$2");
  g_assert_cmpstr (c, ==, "1,000,000 EUR");
  g_assert_cmpstr (d, ==, "¥0");
}

static void
assert_due (gint64      delta,
            const char *expected)
{
  g_autofree char *text = crm_format_due (CRM_TEST_NOW + delta, CRM_TEST_NOW);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_due (void)
{
  assert_due (35 * 60, "in 35 min");
  assert_due (35 * 60 - 30, "in 35 min");     /* rounds up: never "in 0 min" */
  assert_due (3 * 3600 + 20 * 60, "in 3 h 20 min");
  assert_due (2 * 3600, "in 2 h");
  assert_due (12 * 3600 + 5 * 60, "in 12 h");   /* past 10 h, whole hours */
  assert_due (2 * 86400 + 3600, "in 2 days");
  assert_due (-2 * 3600, "overdue by 2 h");
  assert_due (-3 * 86400, "overdue by 3 days");
  assert_due (-60, "overdue by 1 min");
}

static void
test_datetime (void)
{
  g_autofree char *dt = crm_format_datetime (CRM_TEST_NOW);
  g_autofree char *d = crm_format_date (CRM_TEST_NOW);

  g_assert_cmpstr (dt, ==, "2026-11-20 10:00");
  g_assert_cmpstr (d, ==, "2026-11-20");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/last-contact", test_last_contact);
  g_test_add_func ("/format/money", test_money);
  g_test_add_func ("/format/money-whole", test_money_whole);
  g_test_add_func ("/format/count", test_count);
  g_test_add_func ("/format/due", test_due);
  g_test_add_func ("/format/datetime", test_datetime);
  return g_test_run ();
}
