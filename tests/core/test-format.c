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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/last-contact", test_last_contact);
  return g_test_run ();
}
