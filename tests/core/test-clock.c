/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-clock.h"
#include "crm-test-util.h"

static void
test_fixed (void)
{
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (CRM_TEST_NOW);
  g_autoptr(GDateTime) local = NULL;

  g_assert_true (crm_clock_is_fixed (clock));
  g_assert_cmpint (crm_clock_now (clock), ==, CRM_TEST_NOW);

  crm_clock_advance (clock, 3600);
  g_assert_cmpint (crm_clock_now (clock), ==, CRM_TEST_NOW + 3600);

  /* Tests run in Asia/Shanghai: 11:00 on Friday 20 November 2026 */
  local = crm_clock_now_local (clock);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 5);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 20);

  crm_clock_set (clock, 0);
  g_assert_cmpint (crm_clock_now (clock), ==, 0);
}

static void
test_system (void)
{
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 now = crm_clock_now (clock);

  g_assert_false (crm_clock_is_fixed (clock));
  g_assert_cmpint (now, >=, before);
  g_assert_cmpint (now, <=, before + 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clock/fixed", test_fixed);
  g_test_add_func ("/clock/system", test_system);
  return g_test_run ();
}
