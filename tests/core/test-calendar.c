/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Month and Week views' data: follow-ups and open tickets' deadlines per
 * local day, the first few of each day in time order with the day's counts. */
#include "crm-calendar.h"
#include "crm-test-util.h"

#define DAY (24 * 60 * 60)
/* 2026-11-01 00:00 in Asia/Shanghai */
#define NOV_1 (CRM_TEST_NOW - 19 * DAY - 10 * 60 * 60)

static void
exec (CrmTestDb  *db,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
exec (CrmTestDb  *db,
      const char *format,
      ...)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_true (crm_store_exec (db->store, sql, &error));
  g_assert_no_error (error);
}

static void
add_followup (CrmTestDb  *db,
              gint64      owner,
              gint64      planned_at,
              int         status,
              const char *item)
{
  exec (db, "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id, created_at, updated_at)"
            " VALUES (1, 0, '%s', %d, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 0)",
        item, status, planned_at, owner);
}

static CrmTestDb *
calendar_db (void)
{
  CrmTestDb *db = crm_test_db_new ();

  exec (db, "INSERT INTO team_members (id, name, is_self, created_at) VALUES (1, 'Li Na', 1, 0), (2, 'Wang Wei', 0, 0);"
            "INSERT INTO customers (id, code, name, sort_key, created_at, updated_at)"
            " VALUES (1, 'CS1', 'Acme', 'acme', 0, 0);");
  /* Nov 3: five follow-ups (09:00 … 13:00), Li Na's, one of them done */
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *item = g_strdup_printf ("Call %d", i);

      add_followup (db, 1, NOV_1 + 2 * DAY + (9 + i) * 3600, i == 2 ? 1 : 0, item);
    }
  /* Nov 3 23:59:59 and Nov 4 00:00:00 local: the day boundary */
  add_followup (db, 2, NOV_1 + 3 * DAY - 1, 0, "Late call");
  add_followup (db, 2, NOV_1 + 3 * DAY, 0, "Early call");
  /* Nov 25 (after now): planned */
  add_followup (db, 1, NOV_1 + 24 * DAY + 10 * 3600, 0, "Review");
  /* open tickets: one waiting for its first response on Nov 3 at 08:00, one
   * resolution on Nov 22, one paused (not shown), one resolved (not shown) */
  exec (db, "INSERT INTO tickets (code, customer_id, title, level, status, assignee_id, created_at, response_due,"
            " resolution_due, first_response_at, next_due, paused_since, updated_at) VALUES"
            " ('TK1', 1, 'Login fails', 1, 0, 1, 0, %1$" G_GINT64_FORMAT ", %1$" G_GINT64_FORMAT ", NULL, %1$" G_GINT64_FORMAT ", NULL, 0),"
            " ('TK2', 1, 'Slow report', 2, 1, 2, 0, 0, %2$" G_GINT64_FORMAT ", 1, %2$" G_GINT64_FORMAT ", NULL, 0),"
            " ('TK3', 1, 'Waiting', 3, 2, 1, 0, 0, %2$" G_GINT64_FORMAT ", 1, %2$" G_GINT64_FORMAT ", 1, 0),"
            " ('TK4', 1, 'Done', 3, 3, 1, 0, 0, %2$" G_GINT64_FORMAT ", 1, NULL, NULL, 0)",
        NOV_1 + 2 * DAY + 8 * 3600, NOV_1 + 21 * DAY + 15 * 3600);
  return db;
}

static GPtrArray *
load_november (CrmTestDb               *db,
               guint                    max_per_day,
               const CrmCalendarFilter *filter)
{
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (NOV_1 + 12 * 3600);
  g_autoptr(GError) error = NULL;
  GPtrArray *days = crm_calendar_load (db->store, first, 30, max_per_day, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (days);
  g_assert_cmpuint (days->len, ==, 30);
  return days;
}

static void
test_month (void)
{
  g_autoptr(CrmTestDb) db = calendar_db ();
  g_autoptr(GPtrArray) days = load_november (db, 3, NULL);
  CrmCalendarCell *nov3 = days->pdata[2], *nov4 = days->pdata[3], *nov22 = days->pdata[21], *nov25 = days->pdata[24];
  CrmCalendarItem *item;

  g_assert_cmpint (g_date_get_day (&((CrmCalendarCell *) days->pdata[0])->date), ==, 1);
  g_assert_cmpint (g_date_get_month (&nov3->date), ==, G_DATE_NOVEMBER);
  g_assert_cmpint (g_date_get_day (&nov3->date), ==, 3);

  /* every follow-up counted, the first three by time kept: the ticket at 08:00 first */
  g_assert_cmpuint (nov3->n_followups, ==, 6);
  g_assert_cmpuint (nov3->n_deadlines, ==, 1);
  g_assert_cmpuint (nov3->items->len, ==, 3);
  item = nov3->items->pdata[0];
  g_assert_cmpint (item->kind, ==, CRM_CALENDAR_TICKET_RESPONSE);
  g_assert_cmpstr (item->title, ==, "TK1 Login fails");
  g_assert_cmpint (item->detail, ==, 1);
  g_assert_cmpint (item->state, ==, CRM_FOLLOWUP_STATE_OVERDUE);
  g_assert_cmpstr (item->owner_name, ==, "Li Na");
  item = nov3->items->pdata[1];
  g_assert_cmpint (item->kind, ==, CRM_CALENDAR_FOLLOWUP);
  g_assert_cmpstr (item->title, ==, "Call 0");
  g_assert_cmpstr (item->customer_name, ==, "Acme");
  g_assert_cmpint (item->state, ==, CRM_FOLLOWUP_STATE_OVERDUE);   /* planned, and Nov 3 is past */
  g_assert_cmpstr (((CrmCalendarItem *) nov3->items->pdata[2])->title, ==, "Call 1");
  /* overdue: the ticket and the 5 planned follow-ups (one of the six is done) */
  g_assert_cmpuint (nov3->n_overdue, ==, 6);

  /* the local midnight divides the days */
  g_assert_cmpuint (nov4->n_followups, ==, 1);
  g_assert_cmpstr (((CrmCalendarItem *) nov4->items->pdata[0])->title, ==, "Early call");

  /* a resolution deadline to come; the paused and the resolved tickets are not shown */
  g_assert_cmpuint (nov22->n_deadlines, ==, 1);
  g_assert_cmpint (((CrmCalendarItem *) nov22->items->pdata[0])->kind, ==, CRM_CALENDAR_TICKET_RESOLUTION);
  g_assert_cmpint (((CrmCalendarItem *) nov22->items->pdata[0])->state, ==, CRM_FOLLOWUP_STATE_PLANNED);
  g_assert_cmpuint (nov25->n_followups, ==, 1);
  g_assert_cmpint (((CrmCalendarItem *) nov25->items->pdata[0])->state, ==, CRM_FOLLOWUP_STATE_PLANNED);
}

static void
test_filters (void)
{
  g_autoptr(CrmTestDb) db = calendar_db ();
  CrmCalendarFilter filter = CRM_CALENDAR_FILTER_INIT;

  /* Wang Wei's: the two around midnight and his ticket */
  filter.owner_id = 2;
  {
    g_autoptr(GPtrArray) days = load_november (db, 10, &filter);

    g_assert_cmpuint (((CrmCalendarCell *) days->pdata[2])->n_followups, ==, 1);
    g_assert_cmpuint (((CrmCalendarCell *) days->pdata[2])->n_deadlines, ==, 0);
    g_assert_cmpuint (((CrmCalendarCell *) days->pdata[21])->n_deadlines, ==, 1);
  }

  /* open follow-ups only, no deadlines */
  filter.owner_id = 0;
  filter.with_closed = FALSE;
  filter.with_deadlines = FALSE;
  {
    g_autoptr(GPtrArray) days = load_november (db, 10, &filter);
    CrmCalendarCell *nov3 = days->pdata[2];

    g_assert_cmpuint (nov3->n_followups, ==, 5);
    g_assert_cmpuint (nov3->n_deadlines, ==, 0);
    for (guint i = 0; i < nov3->items->len; i++)
      g_assert_cmpstr (((CrmCalendarItem *) nov3->items->pdata[i])->title, !=, "Call 2");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/month", test_month);
  g_test_add_func ("/calendar/filters", test_filters);

  return g_test_run ();
}
