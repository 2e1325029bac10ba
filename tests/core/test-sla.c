/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "crm-sla.h"
#include "crm-worktime.h"
#include "crm-test-util.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/* The default working time: Monday–Friday 09:00–12:00 and 13:30–18:00, 7.5 h a day.
 * Level 3: respond in 240 working minutes, resolve in 1350 (3 working days). */
static const CrmSlaPolicy level1 = { 1, FALSE, 60, 240, FALSE, TRUE };
static const CrmSlaPolicy level2 = { 2, FALSE, 120, 1440, FALSE, TRUE };
static const CrmSlaPolicy level3 = { 3, FALSE, 240, 1350, TRUE, TRUE };

static GTimeZone *
shanghai (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Asia/Shanghai");

  g_assert_nonnull (tz);
  return tz;
}

/* "YYYY-MM-DD HH:MM" (or with ":SS") in @tz, as unix time. */
static gint64
at_tz (GTimeZone  *tz,
       const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, s = 0;
  int n = sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s);

  g_assert_cmpint (n, >=, 5);
  dt = g_date_time_new (tz, y, mo, d, h, mi, s);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static gint64
at (const char *text)
{
  g_autoptr(GTimeZone) tz = shanghai ();

  return at_tz (tz, text);
}

static char *
format_at (gint64 t)
{
  g_autoptr(GTimeZone) tz = shanghai ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (t == G_MAXINT64)
    return g_strdup ("never");
  utc = g_date_time_new_from_unix_utc (t);
  dt = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S");
}

/* Compares as text, so that a failure shows both moments readably. */
static void
assert_at (gint64      t,
           const char *expected)
{
  g_autofree char *got = format_at (t);
  g_autofree char *want = format_at (at (expected));

  g_assert_cmpstr (got, ==, want);
}

static CrmWorkCalendar *
default_calendar (void)
{
  g_autoptr(GTimeZone) tz = shanghai ();
  CrmWorkCalendar *cal = crm_work_calendar_new (tz);

  for (int d = 1; d <= 5; d++)
    {
      crm_work_calendar_add_window (cal, d, 540, 720);
      crm_work_calendar_add_window (cal, d, 810, 1080);
    }
  return cal;
}

/* The 2026 days around the cases below, as migration 5 stores them. */
static CrmWorkCalendar *
china_calendar (void)
{
  CrmWorkCalendar *cal = default_calendar ();
  static const char * const holidays[] = {
    "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
    "2026-02-21", "2026-02-22", "2026-02-23",
    "2026-09-25", "2026-09-26", "2026-09-27",
    "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07",
  };
  static const char * const workdays[] = { "2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10" };

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    g_assert_true (crm_work_calendar_set_day (cal, holidays[i], CRM_DAY_HOLIDAY, "national_day"));
  for (guint i = 0; i < G_N_ELEMENTS (workdays); i++)
    g_assert_true (crm_work_calendar_set_day (cal, workdays[i], CRM_DAY_WORKDAY, "makeup"));
  return cal;
}

/* ---- the work calendar ---- */

static void
test_add_working_basics (void)
{
  g_autoptr(CrmWorkCalendar) cal = default_calendar ();

  /* a deadline on a window's end stays there: Fri 17:30 + 30 min */
  assert_at (crm_work_calendar_add_working (cal, at ("2026-11-27 17:30"), 30 * MINUTE), "2026-11-27 18:00");
  /* one second more: Monday 09:00:01 */
  assert_at (crm_work_calendar_add_working (cal, at ("2026-11-27 17:30"), 30 * MINUTE + 1), "2026-11-30 09:00:01");
  /* lunch: 11:30–12:00 is 30 min, the other 30 from 13:30 */
  assert_at (crm_work_calendar_add_working (cal, at ("2026-11-26 11:30"), HOUR), "2026-11-26 14:00");
  /* from the lunch break itself, counting starts at 13:30 */
  assert_at (crm_work_calendar_add_working (cal, at ("2026-11-26 12:45"), HOUR), "2026-11-26 14:30");
  /* from Saturday night: Monday */
  assert_at (crm_work_calendar_add_working (cal, at ("2026-11-28 22:00"), 10 * MINUTE), "2026-11-30 09:10");
  /* a second before a window */
  assert_at (crm_work_calendar_add_working (cal, at ("2026-11-30 08:59:59"), 1), "2026-11-30 09:00:01");
  /* nothing to add */
  g_assert_cmpint (crm_work_calendar_add_working (cal, at ("2026-11-28 22:00"), 0), ==, at ("2026-11-28 22:00"));

  /* the next working time: now when working, else the next window's start */
  assert_at (crm_work_calendar_next_working (cal, at ("2026-11-26 10:15")), "2026-11-26 10:15");
  assert_at (crm_work_calendar_next_working (cal, at ("2026-11-26 01:00")), "2026-11-26 09:00");
  assert_at (crm_work_calendar_next_working (cal, at ("2026-11-26 12:45")), "2026-11-26 13:30");
  assert_at (crm_work_calendar_next_working (cal, at ("2026-11-27 18:00")), "2026-11-30 09:00");
  assert_at (crm_work_calendar_next_working (cal, at ("2026-11-28 22:00")), "2026-11-30 09:00");
  /* over the National Day holidays, and to a make-up working Saturday */
  {
    g_autoptr(CrmWorkCalendar) china = china_calendar ();

    assert_at (crm_work_calendar_next_working (china, at ("2026-09-30 19:00")), "2026-10-08 09:00");
    assert_at (crm_work_calendar_next_working (china, at ("2026-10-09 18:30")), "2026-10-10 09:00");
  }

  /* working_between, with both ends inside, outside and across windows */
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-11-27 17:30"), at ("2026-11-30 14:00")), ==,
                   240 * MINUTE);
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-11-23 00:00"), at ("2026-11-30 00:00")), ==,
                   5 * 450 * MINUTE);
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-11-26 12:00"), at ("2026-11-26 13:30")), ==, 0);
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-11-26 11:59"), at ("2026-11-26 13:31")), ==,
                   2 * MINUTE);
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-11-26 15:00"), at ("2026-11-26 14:00")), ==, 0);
}

static void
test_windows_merge (void)
{
  g_autoptr(GTimeZone) tz = shanghai ();
  g_autoptr(CrmWorkCalendar) cal = crm_work_calendar_new (tz);
  const CrmWorkWindow *windows;
  guint n;

  crm_work_calendar_add_window (cal, 2, 810, 1080);
  crm_work_calendar_add_window (cal, 2, 540, 720);
  crm_work_calendar_add_window (cal, 2, 700, 760);    /* overlaps the morning: 540–760 */
  crm_work_calendar_add_window (cal, 2, 1080, 1200);  /* touches the afternoon: 810–1200 */
  windows = crm_work_calendar_get_windows (cal, 2, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (windows[0].start_minute, ==, 540);
  g_assert_cmpint (windows[0].end_minute, ==, 760);
  g_assert_cmpint (windows[1].start_minute, ==, 810);
  g_assert_cmpint (windows[1].end_minute, ==, 1200);
  crm_work_calendar_get_windows (cal, 1, &n);
  g_assert_cmpuint (n, ==, 0);
}

/* A make-up working day on a Saturday or Sunday borrows Monday's windows; one on
 * a weekday keeps its own; a holiday has none. */
static void
test_days (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();
  CrmDayKind kind;
  const char *name = NULL;

  /* Sunday 2026-09-20 and Saturday 2026-10-10 work the whole default day */
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-09-20 00:00"), at ("2026-09-21 00:00")), ==,
                   450 * MINUTE);
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-10-10 00:00"), at ("2026-10-11 00:00")), ==,
                   450 * MINUTE);
  /* Sunday 2026-10-11 does not */
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-10-11 00:00"), at ("2026-10-12 00:00")), ==, 0);
  /* the whole National Day week: nothing */
  g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-10-01 00:00"), at ("2026-10-08 00:00")), ==, 0);

  g_assert_true (crm_work_calendar_lookup_day (cal, "2026-10-10", &kind, &name));
  g_assert_cmpint (kind, ==, CRM_DAY_WORKDAY);
  g_assert_cmpstr (name, ==, "makeup");
  g_assert_true (crm_work_calendar_lookup_day (cal, "2026-10-01", &kind, NULL));
  g_assert_cmpint (kind, ==, CRM_DAY_HOLIDAY);
  g_assert_false (crm_work_calendar_lookup_day (cal, "2026-10-09", &kind, &name));
  g_assert_false (crm_work_calendar_lookup_day (cal, "2026-13-01", &kind, &name));
  g_assert_false (crm_work_calendar_set_day (cal, "2026-02-30", CRM_DAY_HOLIDAY, NULL));
  g_assert_false (crm_work_calendar_set_day (cal, "26-2-3", CRM_DAY_HOLIDAY, NULL));

  /* a make-up day on a weekday keeps that weekday's windows: Tuesdays work 10:00–11:00 only here */
  {
    g_autoptr(GTimeZone) tz = shanghai ();
    g_autoptr(CrmWorkCalendar) odd = crm_work_calendar_new (tz);

    crm_work_calendar_add_window (odd, 2, 600, 660);
    crm_work_calendar_add_window (odd, 4, 540, 1080);
    /* Tuesday 2026-11-24 marked as a make-up day: still 1 h */
    g_assert_true (crm_work_calendar_set_day (odd, "2026-11-24", CRM_DAY_WORKDAY, NULL));
    g_assert_cmpint (crm_work_calendar_working_between (odd, at ("2026-11-24 00:00"), at ("2026-11-25 00:00")), ==,
                     HOUR);
    /* Sunday 2026-11-22: the first weekday with windows is Tuesday: 1 h */
    g_assert_true (crm_work_calendar_set_day (odd, "2026-11-22", CRM_DAY_WORKDAY, NULL));
    g_assert_cmpint (crm_work_calendar_working_between (odd, at ("2026-11-22 00:00"), at ("2026-11-23 00:00")), ==,
                     HOUR);
    /* a holiday replaces an earlier entry of the same day */
    g_assert_true (crm_work_calendar_set_day (odd, "2026-11-24", CRM_DAY_HOLIDAY, "Company day"));
    g_assert_cmpint (crm_work_calendar_working_between (odd, at ("2026-11-24 00:00"), at ("2026-11-25 00:00")), ==, 0);
  }
}

static void
test_empty_calendar (void)
{
  g_autoptr(GTimeZone) tz = shanghai ();
  g_autoptr(CrmWorkCalendar) empty = crm_work_calendar_new (tz);
  g_autoptr(CrmWorkCalendar) all_off = default_calendar ();
  g_autoptr(GDateTime) day = g_date_time_new (tz, 2026, 1, 1, 0, 0, 0);
  gint64 start = at ("2026-01-01 00:00");

  g_assert_cmpint (crm_work_calendar_add_working (empty, start, HOUR), ==, G_MAXINT64);
  g_assert_cmpint (crm_work_calendar_next_working (empty, start), ==, G_MAXINT64);
  g_assert_cmpint (crm_work_calendar_working_between (empty, start, start + 365 * DAY), ==, 0);

  /* windows, but every day of 4 years a holiday: gives up after 3 years, not never */
  for (int i = 0; i < 4 * 366; i++)
    {
      g_autoptr(GDateTime) d = g_date_time_add_days (day, i);
      g_autofree char *ymd = g_date_time_format (d, "%Y-%m-%d");

      crm_work_calendar_set_day (all_off, ymd, CRM_DAY_HOLIDAY, NULL);
    }
  g_assert_cmpint (crm_work_calendar_add_working (all_off, start, HOUR), ==, G_MAXINT64);
  g_assert_cmpint (crm_work_calendar_next_working (all_off, start), ==, G_MAXINT64);
  g_assert_cmpint (crm_work_calendar_working_between (all_off, start, start + 365 * DAY), ==, 0);
}

/* Europe/Berlin: DST starts on Sunday 2026-03-29 (02:00 → 03:00) and ends on
 * Sunday 2026-10-25 (03:00 → 02:00).  Durations are real seconds. */
static void
test_dst (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(CrmWorkCalendar) cal = NULL;

  g_assert_nonnull (berlin);
  cal = crm_work_calendar_new (berlin);
  for (int d = 1; d <= 5; d++)
    {
      crm_work_calendar_add_window (cal, d, 540, 720);
      crm_work_calendar_add_window (cal, d, 810, 1080);
    }
  crm_work_calendar_add_window (cal, 7, 60, 240);   /* Sundays 01:00–04:00 */

  /* Friday 17:00 CET + 2 h: 1 h on Friday, Sunday 01:00–04:00 is 2 real hours
   * (02:00–03:00 does not exist), so: Sunday 01:00 + 1 h = 03:00 CEST */
  g_assert_cmpint (crm_work_calendar_add_working (cal, at_tz (berlin, "2026-03-27 17:00"), 2 * HOUR), ==,
                   at_tz (berlin, "2026-03-29 03:00"));
  g_assert_cmpint (crm_work_calendar_working_between (cal, at_tz (berlin, "2026-03-29 00:00"),
                                                      at_tz (berlin, "2026-03-30 00:00")), ==, 2 * HOUR);
  /* Monday after: 09:00 CEST + 1 h of the 3 */
  g_assert_cmpint (crm_work_calendar_add_working (cal, at_tz (berlin, "2026-03-27 17:00"), 4 * HOUR), ==,
                   at_tz (berlin, "2026-03-30 10:00"));
  g_assert_cmpint (at_tz (berlin, "2026-03-30 10:00") - at_tz (berlin, "2026-03-27 17:00"), ==, 65 * HOUR - HOUR);
  /* in October 01:00–04:00 lasts 4 real hours */
  g_assert_cmpint (crm_work_calendar_working_between (cal, at_tz (berlin, "2026-10-25 00:00"),
                                                      at_tz (berlin, "2026-10-26 00:00")), ==, 4 * HOUR);
  /* an ordinary week there is still 37.5 h + 3 h */
  g_assert_cmpint (crm_work_calendar_working_between (cal, at_tz (berlin, "2026-06-01 00:00"),
                                                      at_tz (berlin, "2026-06-08 00:00")), ==,
                   5 * 450 * MINUTE + 3 * HOUR);
}

/* working_between (s, add_working (s, x)) == x for many starts and amounts, and
 * working_between is additive. */
static void
test_symmetry (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(CrmWorkCalendar) dst = crm_work_calendar_new (berlin);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  gint64 from = at ("2026-01-01 00:00"), to = at ("2027-01-01 00:00");

  for (int d = 1; d <= 7; d++)
    {
      crm_work_calendar_add_window (dst, d, 60, 240);
      crm_work_calendar_add_window (dst, d, 540, 1080);
    }

  for (int i = 0; i < 5000; i++)
    {
      CrmWorkCalendar *c = i % 2 == 0 ? cal : dst;
      gint64 s = from + (gint64) g_rand_double_range (rand, 0, (double) (to - from));
      gint64 x = g_rand_int_range (rand, 1, 5 * 450 * MINUTE);
      gint64 t = crm_work_calendar_add_working (c, s, x);
      gint64 m = s + (gint64) g_rand_double_range (rand, 0, 10.0 * DAY);

      g_assert_cmpint (t, >, s);
      g_assert_cmpint (crm_work_calendar_working_between (c, s, t), ==, x);
      /* not a second earlier */
      g_assert_cmpint (crm_work_calendar_working_between (c, s, t - 1), ==, x - 1);
      /* additive, wherever the middle point falls */
      if (m <= t)
        g_assert_cmpint (crm_work_calendar_working_between (c, s, m) + crm_work_calendar_working_between (c, m, t), ==, x);
      else
        g_assert_cmpint (crm_work_calendar_working_between (c, s, m), ==, x + crm_work_calendar_working_between (c, t, m));
    }
}

static gboolean
under_valgrind (void)
{
  const char *preload = g_getenv ("LD_PRELOAD");

  return preload != NULL && strstr (preload, "valgrind") != NULL;
}

static void
test_speed (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const int n = 20000;
  gint64 from = at ("2026-01-01 00:00"), sum = 0, began, took;
  double average;

  began = g_get_monotonic_time ();
  for (int i = 0; i < n; i++)
    {
      gint64 s = from + (gint64) g_rand_double_range (rand, 0, 360.0 * DAY);

      sum += crm_work_calendar_add_working (cal, s, 1350 * MINUTE) - s;
    }
  took = g_get_monotonic_time () - began;
  average = (double) took / n;
  g_test_message ("add_working, 3 working days: %.2f us on average (%d deadlines)", average, n);
  g_assert_cmpint (sum, >, 0);
  if (!under_valgrind ())
    g_assert_cmpfloat (average, <, 50.0);
}

/* ---- deadlines ---- */

typedef struct {
  const char         *name;
  const CrmSlaPolicy *policy;
  const char         *created;
  const char         *respond_due;
  const char         *resolve_due;
} DeadlineCase;

/* Every deadline worked out by hand (working day: 09:00–12:00 180 min, 13:30–18:00 270 min):
 *
 * level 3 from Friday 2026-11-27 17:30
 *   respond 240: Fri 17:30–18:00 30 → 210 left; Mon 09:00–12:00 180 → 30 left; 13:30 + 30 = Mon 11-30 14:00
 *   resolve 1350: Fri 30 → 1320; Mon 450 → 870; Tue 450 → 420; Wed 09–12 180 → 240; 13:30 + 240 = Wed 12-02 17:30
 * level 3 from Wednesday 2026-09-30 16:00, before National Day (Oct 1–7 off, Saturday Oct 10 worked)
 *   respond 240: Wed 16:00–18:00 120 → 120 left; Thu Oct 8 09:00 + 120 = 10-08 11:00
 *   resolve 1350: Wed 120 → 1230; Thu 8th 450 → 780; Fri 9th 450 → 330;
 *                 Sat 10th (Monday's windows) 09–12 180 → 150; 13:30 + 150 = Sat 10-10 16:00
 * level 3 from Friday 2026-09-18 17:00, Sunday 09-20 worked
 *   respond 240: Fri 60 → 180 left; Sun 09:00–12:00 180 → ends on the window's end: Sun 09-20 12:00
 *   resolve 1350: Fri 60 → 1290; Sun 450 → 840; Mon 21st 450 → 390; Tue 22nd 180 → 210; 13:30 + 210 = Tue 09-22 17:00
 * level 3 from Friday 2026-02-13 17:00, Saturday 02-14 worked, Feb 15–23 off
 *   respond 240: Fri 60 → 180 left; Sat 09:00–12:00 → Sat 02-14 12:00
 *   resolve 1350: Fri 60 → 1290; Sat 450 → 840; Tue 24th 450 → 390; Wed 25th 180 → 210; 13:30 + 210 = Wed 02-25 17:00
 * level 3 from Thursday 2026-11-26 11:30 (lunch break)
 *   respond 240: 11:30–12:00 30 → 210 left; 13:30 + 210 = Thu 17:00
 *   resolve 1350: Thu 30 + 270 = 300 → 1050; Fri 450 → 600; Mon 30th 450 → 150; Tue 12-01 09:00 + 150 = 11:30
 * level 3 from Saturday 2026-11-21 10:00: counting starts Monday 09:00
 *   respond 240: Mon 180 → 60 left; 13:30 + 60 = Mon 11-23 14:30
 *   resolve 1350: exactly three working days, Mon–Wed: Wed 11-25 18:00 (a window's end)
 * level 1 from Friday 2026-11-20 23:30, around the clock: +1 h = Sat 00:30, +4 h = Sat 03:30
 * level 2 from Thursday 2026-12-31 20:00 (across the new year): +2 h = 22:00, +24 h = 2027-01-01 20:00
 */
static const DeadlineCase deadline_cases[] = {
  { "friday evening", &level3, "2026-11-27 17:30", "2026-11-30 14:00", "2026-12-02 17:30" },
  { "national day", &level3, "2026-09-30 16:00", "2026-10-08 11:00", "2026-10-10 16:00" },
  { "make-up sunday", &level3, "2026-09-18 17:00", "2026-09-20 12:00", "2026-09-22 17:00" },
  { "make-up saturday", &level3, "2026-02-13 17:00", "2026-02-14 12:00", "2026-02-25 17:00" },
  { "lunch break", &level3, "2026-11-26 11:30", "2026-11-26 17:00", "2026-12-01 11:30" },
  { "weekend start", &level3, "2026-11-21 10:00", "2026-11-23 14:30", "2026-11-25 18:00" },
  { "midnight", &level1, "2026-11-20 23:30", "2026-11-21 00:30", "2026-11-21 03:30" },
  { "new year", &level2, "2026-12-31 20:00", "2026-12-31 22:00", "2027-01-01 20:00" },
};

static void
test_deadlines (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();

  for (guint i = 0; i < G_N_ELEMENTS (deadline_cases); i++)
    {
      const DeadlineCase *c = &deadline_cases[i];
      CrmSlaClockInput in = { .created_at = at (c->created) };
      CrmSlaStatus status;

      g_test_message ("case %s", c->name);
      crm_sla_compute (c->policy, cal, &in, in.created_at, &status);
      assert_at (status.response.due, c->respond_due);
      assert_at (status.resolution.due, c->resolve_due);
      g_assert_cmpint (status.response.target, ==, c->policy->respond_minutes * MINUTE);
      g_assert_cmpint (status.resolution.target, ==, c->policy->resolve_minutes * MINUTE);
      g_assert_cmpint (status.response.used, ==, 0);
      g_assert_cmpint (status.response.state, ==, CRM_SLA_ON_TRACK);
      g_assert_cmpint (status.resolution.state, ==, CRM_SLA_ON_TRACK);
    }
}

/* Level 3 from Monday 2026-11-23 09:00, answered at 09:30, waiting on the customer
 * from Monday 10:00 to Tuesday 10:00 (Mon 10–12 120 + 13:30–18 270 + Tue 09–10 60 =
 * 450 working minutes: one working day later than without the pause).
 *   resolve: Mon 60 → 1290; Tue 10–12 120 + 270 → 900; Wed 450 → 450; Thu 450 → Thu 11-26 18:00
 *   80 % (1080): Mon 60, Tue 390, Wed 450 = 900; Thu 09–12 180 → Thu 12:00
 *   used at Wed 11-25 12:00: 60 + 390 + 180 = 630 min
 *   respond: met at 09:30 (due 09:00 + 240 = Mon 14:30), the later pause does not matter */
static void
test_pause_working (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();
  CrmSlaPause pauses[] = { { at ("2026-11-23 10:00"), at ("2026-11-24 10:00") } };
  CrmSlaClockInput in = {
    .created_at = at ("2026-11-23 09:00"),
    .first_response_at = at ("2026-11-23 09:30"),
    .pauses = pauses,
    .n_pauses = G_N_ELEMENTS (pauses),
  };
  CrmSlaStatus status;

  crm_sla_compute (&level3, cal, &in, at ("2026-11-25 12:00"), &status);
  assert_at (status.response.due, "2026-11-23 14:30");
  g_assert_cmpint (status.response.state, ==, CRM_SLA_MET);
  g_assert_false (status.response.met_late);
  g_assert_cmpint (status.response.used, ==, 30 * MINUTE);
  assert_at (status.resolution.due, "2026-11-26 18:00");
  assert_at (status.resolution.at_risk_at, "2026-11-26 12:00");
  g_assert_cmpint (status.resolution.used, ==, 630 * MINUTE);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_ON_TRACK);

  /* during the pause: the deadline as if it resumed now (Mon 15:00):
   * 60 used; 15:00–18:00 180 → 1110; Tue 450 → 660; Wed 450 → 210; Thu 09–12 180 → 30; 13:30 + 30 = Thu 14:00 */
  pauses[0].end = 0;
  crm_sla_compute (&level3, cal, &in, at ("2026-11-23 15:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_PAUSED);
  g_assert_cmpint (status.resolution.used, ==, 60 * MINUTE);
  assert_at (status.resolution.due, "2026-11-26 14:00");
}

/* Level 3 from Monday 2026-11-16 09:00, waiting on the customer since Wednesday
 * 11-18 13:30, still waiting at CRM_TEST_NOW (Friday 11-20 10:00).
 *   used: Mon 450 + Tue 450 + Wed 09–12 180 = 1080 = exactly 80 %: but paused, not at risk
 *   due as if resumed at Fri 10:00: 270 left; 10–12 120 → 150; 13:30 + 150 = Fri 16:00
 *   at_risk_at: 1080 reached on Wed 12:00, before the pause */
static void
test_open_pause (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();
  CrmSlaPause pauses[] = { { at ("2026-11-18 13:30"), 0 } };
  CrmSlaClockInput in = {
    .created_at = at ("2026-11-16 09:00"),
    .first_response_at = at ("2026-11-16 10:00"),
    .pauses = pauses,
    .n_pauses = 1,
  };
  CrmSlaStatus status;

  crm_sla_compute (&level3, cal, &in, CRM_TEST_NOW, &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_PAUSED);
  g_assert_cmpint (status.resolution.used, ==, 1080 * MINUTE);
  assert_at (status.resolution.due, "2026-11-20 16:00");
  assert_at (status.resolution.at_risk_at, "2026-11-18 12:00");
  /* an hour later, the deadline moves an hour */
  crm_sla_compute (&level3, cal, &in, CRM_TEST_NOW + HOUR, &status);
  assert_at (status.resolution.due, "2026-11-20 17:00");
  g_assert_cmpint (status.resolution.used, ==, 1080 * MINUTE);

  /* resumed at Friday 10:00, now 15:00: 10–12 120 + 13:30–15:00 90 → 1290 used of 1350: at risk */
  pauses[0].end = CRM_TEST_NOW;
  crm_sla_compute (&level3, cal, &in, at ("2026-11-20 15:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_AT_RISK);
  g_assert_cmpint (status.resolution.used, ==, 1290 * MINUTE);
  assert_at (status.resolution.due, "2026-11-20 16:00");
}

/* Around the clock, level 1 from Friday 2026-11-20 08:00, answered 08:20,
 * waiting 08:30–09:30.  Resolve: 4 h + 1 h paused = 13:00; 80 % (192 min):
 * 30 before the pause, 162 after: 12:12.  Used at 10:00: 30 + 30 = 60 min. */
static void
test_pause_wall_clock (void)
{
  CrmSlaPause pauses[] = { { at ("2026-11-20 08:30"), at ("2026-11-20 09:30") } };
  CrmSlaClockInput in = {
    .created_at = at ("2026-11-20 08:00"),
    .first_response_at = at ("2026-11-20 08:20"),
    .pauses = pauses,
    .n_pauses = 1,
  };
  CrmSlaStatus status;

  crm_sla_compute (&level1, NULL, &in, CRM_TEST_NOW, &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_MET);
  assert_at (status.response.due, "2026-11-20 09:00");
  assert_at (status.resolution.due, "2026-11-20 13:00");
  assert_at (status.resolution.at_risk_at, "2026-11-20 12:12");
  g_assert_cmpint (status.resolution.used, ==, HOUR);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_ON_TRACK);

  /* not answered, and waiting since 09:00 (open): the response was due at 09:00 —
   * breached before the pause; the resolution is paused, due as if resumed now:
   * 1 h used, 3 h left from 10:00 = 13:00 */
  in.first_response_at = 0;
  pauses[0] = (CrmSlaPause) { at ("2026-11-20 09:00"), 0 };
  crm_sla_compute (&level1, NULL, &in, CRM_TEST_NOW, &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_BREACHED);
  assert_at (status.response.due, "2026-11-20 09:00");
  g_assert_cmpint (status.response.used, ==, HOUR);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_PAUSED);
  assert_at (status.resolution.due, "2026-11-20 13:00");
  g_assert_cmpint (status.resolution.used, ==, HOUR);
}

/* Created Friday 2026-11-20 08:00 (before working hours), now 10:00.
 *   level 3: respond from 09:00: 180 → 60 left; 13:30 + 60 = 14:30, 60 min used (25 %);
 *            resolve: Fri 450, Mon 11-23 450, Tue 11-24 450 → Tue 18:00
 *   level 1: respond 09:00, already breached (2 h used); resolve 12:00, half used */
static void
test_level_change (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();
  CrmSlaClockInput in = { .created_at = at ("2026-11-20 08:00") };
  CrmSlaStatus status;

  crm_sla_compute (&level3, cal, &in, CRM_TEST_NOW, &status);
  assert_at (status.response.due, "2026-11-20 14:30");
  g_assert_cmpint (status.response.used, ==, HOUR);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_ON_TRACK);
  assert_at (status.resolution.due, "2026-11-24 18:00");

  crm_sla_compute (&level1, cal, &in, CRM_TEST_NOW, &status);
  assert_at (status.response.due, "2026-11-20 09:00");
  g_assert_cmpint (status.response.state, ==, CRM_SLA_BREACHED);
  g_assert_false (status.response.met_late);
  g_assert_cmpint (status.response.used, ==, 2 * HOUR);
  assert_at (status.resolution.due, "2026-11-20 12:00");
  g_assert_cmpint (status.resolution.used, ==, 2 * HOUR);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_ON_TRACK);
}

/* Level 2 (24 h around the clock) from Monday 2026-11-16 10:00, answered 11:00,
 * resolved Monday 20:00 (10 h used), reopened Thursday 11-19 20:00: the resolved
 * span is a pause and the clock resumes with 14 h left → Friday 10:00. */
static void
test_reopen (void)
{
  CrmSlaPause pauses[] = { { at ("2026-11-16 20:00"), at ("2026-11-19 20:00") } };
  CrmSlaClockInput in = {
    .created_at = at ("2026-11-16 10:00"),
    .first_response_at = at ("2026-11-16 11:00"),
    .resolved_at = at ("2026-11-16 20:00"),
  };
  CrmSlaStatus status;

  /* while resolved: met, 10 h used */
  crm_sla_compute (&level2, NULL, &in, at ("2026-11-18 12:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_MET);
  g_assert_cmpint (status.resolution.used, ==, 10 * HOUR);
  assert_at (status.resolution.due, "2026-11-17 10:00");

  /* reopened */
  in.resolved_at = 0;
  in.pauses = pauses;
  in.n_pauses = 1;
  crm_sla_compute (&level2, NULL, &in, at ("2026-11-19 22:00"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_MET);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_ON_TRACK);
  g_assert_cmpint (status.resolution.used, ==, 12 * HOUR);
  assert_at (status.resolution.due, "2026-11-20 10:00");
  /* 80 % = 19.2 h: 10 h before, 9.2 h after Thursday 20:00 = Friday 05:12 */
  assert_at (status.resolution.at_risk_at, "2026-11-20 05:12");

  /* now exactly on the deadline: all used, at risk, not yet breached */
  crm_sla_compute (&level2, NULL, &in, CRM_TEST_NOW, &status);
  g_assert_cmpint (status.resolution.used, ==, 24 * HOUR);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_AT_RISK);
  /* a second later: breached */
  crm_sla_compute (&level2, NULL, &in, CRM_TEST_NOW + 1, &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_BREACHED);
  g_assert_cmpint (status.resolution.used, ==, 24 * HOUR + 1);

  /* resolved again at 09:00: met, 23 h used */
  in.resolved_at = at ("2026-11-20 09:00");
  crm_sla_compute (&level2, NULL, &in, at ("2026-11-21 09:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_MET);
  g_assert_cmpint (status.resolution.used, ==, 23 * HOUR);
}

/* Level 1 from 08:00: response due 09:00, at risk from 08:48 (48 of 60 min);
 * resolution due 12:00, at risk from 11:12 (192 of 240 min). */
static void
test_states (void)
{
  CrmSlaClockInput in = { .created_at = at ("2026-11-20 08:00") };
  CrmSlaStatus status;

  crm_sla_compute (&level1, NULL, &in, at ("2026-11-20 08:47:59"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_ON_TRACK);
  assert_at (status.response.at_risk_at, "2026-11-20 08:48");
  assert_at (status.resolution.at_risk_at, "2026-11-20 11:12");

  /* exactly 80 %: at risk */
  crm_sla_compute (&level1, NULL, &in, at ("2026-11-20 08:48"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_AT_RISK);
  g_assert_cmpint (status.response.used, ==, 48 * MINUTE);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_ON_TRACK);

  /* on the deadline: still at risk; after it: breached */
  crm_sla_compute (&level1, NULL, &in, at ("2026-11-20 09:00"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_AT_RISK);
  crm_sla_compute (&level1, NULL, &in, at ("2026-11-20 09:00:01"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_BREACHED);
  g_assert_false (status.response.met_late);

  /* answered on the deadline itself: met; the time used stops there */
  in.first_response_at = at ("2026-11-20 09:00");
  crm_sla_compute (&level1, NULL, &in, at ("2026-11-20 10:00"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_MET);
  g_assert_false (status.response.met_late);
  g_assert_cmpint (status.response.used, ==, HOUR);

  /* a second late: breached, met late */
  in.first_response_at = at ("2026-11-20 09:00:01");
  crm_sla_compute (&level1, NULL, &in, at ("2026-11-20 10:00"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_BREACHED);
  g_assert_true (status.response.met_late);

  /* resolved at 12:30: late; never answered before, the resolution answers too (late as well) */
  in.first_response_at = 0;
  in.resolved_at = at ("2026-11-20 12:30");
  crm_sla_compute (&level1, NULL, &in, at ("2026-11-21 10:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_BREACHED);
  g_assert_true (status.resolution.met_late);
  g_assert_cmpint (status.resolution.used, ==, 4 * HOUR + 30 * MINUTE);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_BREACHED);
  g_assert_true (status.response.met_late);

  /* resolved at 08:40 without a separate answer: both met */
  in.resolved_at = at ("2026-11-20 08:40");
  crm_sla_compute (&level1, NULL, &in, at ("2026-11-21 10:00"), &status);
  g_assert_cmpint (status.response.state, ==, CRM_SLA_MET);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_MET);
  g_assert_cmpint (status.resolution.used, ==, 40 * MINUTE);
}

/* In working time, a breach shows only once "now" passes the deadline, even
 * outside working hours; at risk from Thursday 12:00 (1080 of 1350 min). */
static void
test_states_working (void)
{
  g_autoptr(CrmWorkCalendar) cal = china_calendar ();
  CrmSlaClockInput in = { .created_at = at ("2026-11-23 09:00"), .first_response_at = at ("2026-11-23 09:05") };
  CrmSlaStatus status;

  /* Mon–Wed 09:00–18:00 is 1350 min: due Wed 18:00; 80 % on Wed 12:00 (450 + 450 + 180) */
  crm_sla_compute (&level3, cal, &in, at ("2026-11-25 11:59"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_ON_TRACK);
  crm_sla_compute (&level3, cal, &in, at ("2026-11-25 12:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_AT_RISK);
  assert_at (status.resolution.at_risk_at, "2026-11-25 12:00");
  /* the lunch break uses nothing */
  crm_sla_compute (&level3, cal, &in, at ("2026-11-25 13:29"), &status);
  g_assert_cmpint (status.resolution.used, ==, 1080 * MINUTE);
  crm_sla_compute (&level3, cal, &in, at ("2026-11-25 18:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_AT_RISK);
  assert_at (status.resolution.due, "2026-11-25 18:00");
  crm_sla_compute (&level3, cal, &in, at ("2026-11-25 20:00"), &status);
  g_assert_cmpint (status.resolution.state, ==, CRM_SLA_BREACHED);
  g_assert_cmpint (status.resolution.used, ==, 1350 * MINUTE);
}

static void
assert_remaining (gint64      seconds,
                  const char *expected)
{
  g_autofree char *text = crm_sla_format_remaining (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_format_remaining (void)
{
  assert_remaining (35 * MINUTE, "in 35 min");
  assert_remaining (2 * HOUR + 10 * MINUTE, "in 2 h 10 min");
  assert_remaining (3 * DAY, "in 3 days");
  assert_remaining (1 * DAY + HOUR, "in 1 day");
  assert_remaining (-2 * HOUR, "overdue by 2 h");
  assert_remaining (-15 * MINUTE, "overdue by 15 min");
  assert_remaining (-MINUTE, "overdue by 1 min");
}

/* ---- the database ---- */

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            gpointer  user_data)
{
  guint *n = user_data;

  if (kind == CRM_CHANGE_SETTINGS)
    (*n)++;
}

static void
test_policies (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  CrmSlaPolicy policy;
  CrmSlaField field;
  guint changes = 0;

  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);

  g_assert_true (crm_sla_policy_load (db->store, 3, FALSE, &policy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (policy.level, ==, 3);
  g_assert_false (policy.vip);
  g_assert_cmpint (policy.respond_minutes, ==, 240);
  g_assert_cmpint (policy.resolve_minutes, ==, 1350);
  g_assert_true (policy.working_time);
  g_assert_true (policy.enabled);

  /* the VIP rows are disabled at first: the ordinary one applies */
  g_assert_true (crm_sla_policy_load (db->store, 1, TRUE, &policy, &error));
  g_assert_false (policy.vip);
  g_assert_cmpint (policy.respond_minutes, ==, 60);
  g_assert_cmpint (policy.resolve_minutes, ==, 240);
  g_assert_false (policy.working_time);

  /* enabled: the VIP row */
  policy = (CrmSlaPolicy) { 1, TRUE, 30, 120, FALSE, TRUE };
  g_assert_true (crm_sla_policy_save (db->store, &policy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_true (crm_sla_policy_load (db->store, 1, TRUE, &policy, &error));
  g_assert_true (policy.vip);
  g_assert_cmpint (policy.respond_minutes, ==, 30);
  g_assert_cmpint (policy.resolve_minutes, ==, 120);
  /* the ordinary row is untouched */
  g_assert_true (crm_sla_policy_load (db->store, 1, FALSE, &policy, &error));
  g_assert_cmpint (policy.respond_minutes, ==, 60);

  /* level 2 in working time */
  policy = (CrmSlaPolicy) { 2, FALSE, 90, 900, TRUE, TRUE };
  g_assert_true (crm_sla_policy_save (db->store, &policy, &error));
  g_assert_true (crm_sla_policy_load (db->store, 2, TRUE, &policy, &error));
  g_assert_false (policy.vip);
  g_assert_cmpint (policy.respond_minutes, ==, 90);
  g_assert_true (policy.working_time);

  /* refused, with the field and a message to show there; nothing stored */
  policy = (CrmSlaPolicy) { 2, FALSE, 0, 900, TRUE, TRUE };
  g_assert_false (crm_sla_policy_validate (&policy, &field, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpint (field, ==, CRM_SLA_FIELD_RESPOND);
  g_assert_cmpstr (error->message, ==, "Enter a response time of at least 1 minute.");
  g_clear_error (&error);
  g_assert_false (crm_sla_policy_save (db->store, &policy, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  policy = (CrmSlaPolicy) { 2, FALSE, 120, 60, FALSE, TRUE };
  g_assert_false (crm_sla_policy_validate (&policy, &field, &error));
  g_assert_cmpint (field, ==, CRM_SLA_FIELD_RESOLVE);
  g_assert_cmpstr (error->message, ==, "The resolution time cannot be shorter than the response time.");
  g_clear_error (&error);

  policy = (CrmSlaPolicy) { 2, FALSE, 120, -5, FALSE, TRUE };
  g_assert_false (crm_sla_policy_validate (&policy, &field, &error));
  g_assert_cmpint (field, ==, CRM_SLA_FIELD_RESOLVE);
  g_clear_error (&error);

  policy = (CrmSlaPolicy) { 2, FALSE, 120, CRM_SLA_MAX_MINUTES + 1, FALSE, TRUE };
  g_assert_false (crm_sla_policy_validate (&policy, &field, &error));
  g_assert_cmpint (field, ==, CRM_SLA_FIELD_RESOLVE);
  g_clear_error (&error);

  policy = (CrmSlaPolicy) { 4, FALSE, 120, 240, FALSE, TRUE };
  g_assert_false (crm_sla_policy_save (db->store, &policy, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_sla_policy_validate (&policy, &field, NULL));
  g_assert_cmpint (field, ==, CRM_SLA_FIELD_LEVEL);

  /* equal times are fine */
  policy = (CrmSlaPolicy) { 2, FALSE, 120, 120, FALSE, TRUE };
  g_assert_true (crm_sla_policy_validate (&policy, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (field, ==, CRM_SLA_FIELD_NONE);

  g_assert_false (crm_sla_policy_load (db->store, 0, FALSE, &policy, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_store_exec (db->store, "DELETE FROM sla_policies WHERE level = 3", NULL));
  g_assert_false (crm_sla_policy_load (db->store, 3, TRUE, &policy, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM sla_policies"), ==, 4);
}

/* Migration 5 and the real database: National Day from the stored calendar. */
static void
test_china_holidays (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = shanghai ();
  g_autoptr(CrmWorkCalendar) cal = NULL;
  g_autofree char *name = NULL;
  CrmSlaPolicy policy;
  CrmSlaClockInput in = { .created_at = at ("2026-09-30 16:00") };
  CrmSlaStatus status;
  CrmDayKind kind;
  const char *key = NULL;

  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA user_version"), >=, 5);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT kind FROM calendar_days WHERE day = '2026-10-01'"), ==,
                   CRM_DAY_HOLIDAY);
  name = crm_test_query_text (db->store, "SELECT name FROM calendar_days WHERE day = '2026-10-01'");
  g_assert_cmpstr (name, ==, "national_day");
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT kind FROM calendar_days WHERE day = '2026-10-10'"), ==,
                   CRM_DAY_WORKDAY);
  /* 2026: 33 days off and 6 make-up days; 2027: the 13 statutory days */
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM calendar_days"
                                                  " WHERE day LIKE '2026-%' AND kind = 0"), ==, 33);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM calendar_days"
                                                  " WHERE day LIKE '2026-%' AND kind = 1"), ==, 6);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM calendar_days"
                                                  " WHERE day LIKE '2027-%' AND kind = 0"), ==, 13);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM calendar_days"
                                                  " WHERE day = '2027-02-05' AND name = 'spring_festival'"), ==, 1);
  /* every make-up day falls on a weekend, and every name is a known key */
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM calendar_days WHERE kind = 1"
                                                  " AND strftime('%w', day) NOT IN ('0', '6')"), ==, 0);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM calendar_days WHERE name NOT IN"
                                                  " ('new_year', 'spring_festival', 'qingming', 'labour_day',"
                                                  " 'dragon_boat', 'mid_autumn', 'national_day', 'makeup')"), ==, 0);

  cal = crm_work_calendar_load (db->store, tz, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cal);
  g_assert_true (crm_work_calendar_lookup_day (cal, "2026-02-14", &kind, &key));
  g_assert_cmpint (kind, ==, CRM_DAY_WORKDAY);
  g_assert_cmpstr (crm_holiday_display_name (key), ==, "Make-up working day");

  g_assert_true (crm_sla_policy_load (db->store, 3, FALSE, &policy, &error));
  crm_sla_compute (&policy, cal, &in, in.created_at, &status);
  assert_at (status.response.due, "2026-10-08 11:00");
  assert_at (status.resolution.due, "2026-10-10 16:00");

  /* 2027-01-01 is a Friday off: from Thursday 2026-12-31 17:00, 2 h → Monday 2027-01-04 10:00 */
  assert_at (crm_work_calendar_add_working (cal, at ("2026-12-31 17:00"), 2 * HOUR), "2027-01-04 10:00");
}

static void
test_calendar_store (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = shanghai ();
  const CrmWorkWindow overlapping[] = { { 1, 540, 720 }, { 1, 700, 1080 } };
  const CrmWorkWindow six_days[] = {
    { 6, 600, 900 }, { 1, 480, 1020 }, { 2, 480, 1020 }, { 3, 480, 1020 }, { 4, 480, 1020 }, { 5, 480, 1020 },
  };
  const CrmWorkWindow bad_day[] = { { 8, 540, 720 } };
  guint changes = 0;

  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);

  g_assert_true (crm_work_window_validate (0, 1440, &error));
  g_assert_no_error (error);
  g_assert_false (crm_work_window_validate (720, 540, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The end must be later than the start.");
  g_clear_error (&error);
  g_assert_false (crm_work_window_validate (540, 540, NULL));
  g_assert_false (crm_work_window_validate (-1, 540, NULL));
  g_assert_false (crm_work_window_validate (540, 1441, NULL));

  g_assert_false (crm_work_calendar_save_windows (db->store, overlapping, G_N_ELEMENTS (overlapping), &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_work_calendar_save_windows (db->store, bad_day, 1, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM working_windows"), ==, 10);
  g_assert_cmpuint (changes, ==, 0);

  /* 08:00–17:00 Monday to Friday and 10:00–15:00 on Saturdays */
  g_assert_true (crm_work_calendar_save_windows (db->store, six_days, G_N_ELEMENTS (six_days), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM working_windows"), ==, 6);

  /* an extra day off, a make-up day, one changed and one removed */
  g_assert_true (crm_work_calendar_save_day (db->store, "2026-11-23", CRM_DAY_HOLIDAY, "  Company day ", &error));
  g_assert_true (crm_work_calendar_save_day (db->store, "2026-11-29", CRM_DAY_WORKDAY, NULL, &error));
  g_assert_true (crm_work_calendar_save_day (db->store, "2026-10-10", CRM_DAY_HOLIDAY, "", &error));
  g_assert_true (crm_work_calendar_delete_day (db->store, "2026-10-01", &error));
  g_assert_true (crm_work_calendar_delete_day (db->store, "2030-01-01", &error));
  g_assert_no_error (error);
  g_assert_false (crm_work_calendar_save_day (db->store, "2026-11-31", CRM_DAY_HOLIDAY, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 6);

  {
    g_autoptr(CrmWorkCalendar) cal = crm_work_calendar_load (db->store, tz, &error);
    const CrmWorkWindow *windows;
    CrmDayKind kind;
    const char *name = NULL;
    guint n;

    g_assert_no_error (error);
    windows = crm_work_calendar_get_windows (cal, 6, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (windows[0].start_minute, ==, 600);
    g_assert_cmpint (windows[0].end_minute, ==, 900);
    crm_work_calendar_get_windows (cal, 7, &n);
    g_assert_cmpuint (n, ==, 0);

    g_assert_true (crm_work_calendar_lookup_day (cal, "2026-11-23", &kind, &name));
    g_assert_cmpint (kind, ==, CRM_DAY_HOLIDAY);
    g_assert_cmpstr (name, ==, "Company day");
    g_assert_cmpstr (crm_holiday_display_name (name), ==, "Company day");
    g_assert_true (crm_work_calendar_lookup_day (cal, "2026-10-10", &kind, &name));
    g_assert_cmpint (kind, ==, CRM_DAY_HOLIDAY);
    g_assert_null (name);
    g_assert_false (crm_work_calendar_lookup_day (cal, "2026-10-01", &kind, &name));

    /* Monday 11-23 is off; Saturday 11-28 works 10:00–15:00; Sunday 11-29 is a
     * make-up day with Monday's 08:00–17:00 */
    g_assert_cmpint (crm_work_calendar_working_between (cal, at ("2026-11-23 00:00"), at ("2026-11-30 00:00")), ==,
                     4 * 9 * HOUR + 5 * HOUR + 9 * HOUR);
    /* Friday 16:00 + 4 h: 1 h Friday, 3 h Saturday 10:00 → 13:00 */
    assert_at (crm_work_calendar_add_working (cal, at ("2026-11-27 16:00"), 4 * HOUR), "2026-11-28 13:00");
  }
}

static void
test_holiday_names (void)
{
  g_assert_cmpstr (crm_holiday_display_name ("spring_festival"), ==, "Spring Festival");
  g_assert_cmpstr (crm_holiday_display_name ("national_day"), ==, "National Day");
  g_assert_cmpstr (crm_holiday_display_name ("mid_autumn"), ==, "Mid-Autumn Festival");
  g_assert_cmpstr (crm_holiday_display_name ("公司年会"), ==, "公司年会");
  g_assert_null (crm_holiday_display_name (NULL));
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sla/worktime/add-working", test_add_working_basics);
  g_test_add_func ("/sla/worktime/windows-merge", test_windows_merge);
  g_test_add_func ("/sla/worktime/days", test_days);
  g_test_add_func ("/sla/worktime/empty", test_empty_calendar);
  g_test_add_func ("/sla/worktime/dst", test_dst);
  g_test_add_func ("/sla/worktime/symmetry", test_symmetry);
  g_test_add_func ("/sla/worktime/speed", test_speed);
  g_test_add_func ("/sla/worktime/store", test_calendar_store);
  g_test_add_func ("/sla/worktime/holiday-names", test_holiday_names);
  g_test_add_func ("/sla/deadlines", test_deadlines);
  g_test_add_func ("/sla/pause/working", test_pause_working);
  g_test_add_func ("/sla/pause/open", test_open_pause);
  g_test_add_func ("/sla/pause/wall-clock", test_pause_wall_clock);
  g_test_add_func ("/sla/level-change", test_level_change);
  g_test_add_func ("/sla/reopen", test_reopen);
  g_test_add_func ("/sla/states", test_states);
  g_test_add_func ("/sla/states-working", test_states_working);
  g_test_add_func ("/sla/format-remaining", test_format_remaining);
  g_test_add_func ("/sla/policies", test_policies);
  g_test_add_func ("/sla/china-holidays", test_china_holidays);
  return g_test_run ();
}
