/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-calendar"

#include <glib/gi18n-lib.h>

#include "crm-calendar.h"

static void
item_free (gpointer data)
{
  CrmCalendarItem *item = data;

  g_free (item->customer_name);
  g_free (item->title);
  g_free (item->owner_name);
  g_free (item);
}

static void
day_free (gpointer data)
{
  CrmCalendarCell *day = data;

  g_ptr_array_unref (day->items);
  g_free (day);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CrmCalendarItem *x = *(CrmCalendarItem * const *) a;
  const CrmCalendarItem *y = *(CrmCalendarItem * const *) b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The day of @when among the range's day starts (@starts has n_days + 1). */
static int
day_of (const gint64 *starts,
        guint         n_days,
        gint64        when)
{
  guint lo = 0, hi = n_days;

  if (when < starts[0] || when >= starts[n_days])
    return -1;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (when >= starts[mid])
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

/* Reads one query's rows into the days: the first max_per_day of each day
 * are kept (the query is ordered by time); with @count, every row is counted
 * as a deadline. */
static gboolean
read_rows (CrmStore      *store,
           sqlite3_stmt  *stmt,
           GPtrArray     *days,
           const gint64  *starts,
           guint          max_per_day,
           gint64         now,
           gboolean       count,
           GError       **error)
{
  g_autofree guint *kept = g_new0 (guint, days->len);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = sqlite3_column_int (stmt, 0);
      gint64 at = sqlite3_column_int64 (stmt, 2);
      int index = day_of (starts, days->len, at);
      CrmCalendarCell *day;
      CrmFollowupState state;

      if (index < 0)
        continue;
      day = days->pdata[index];
      if (kind == CRM_CALENDAR_FOLLOWUP)
        state = crm_followup_state_for (sqlite3_column_int (stmt, 7), at, now);
      else
        state = at < now ? CRM_FOLLOWUP_STATE_OVERDUE : CRM_FOLLOWUP_STATE_PLANNED;
      if (count)
        {
          day->n_deadlines++;
          if (state == CRM_FOLLOWUP_STATE_OVERDUE)
            day->n_overdue++;
        }

      /* each query keeps the first of the day; the earliest of both stay after sorting */
      if (kept[index] < max_per_day)
        {
          kept[index]++;
          CrmCalendarItem *item = g_new0 (CrmCalendarItem, 1);

          item->kind = kind;
          item->id = sqlite3_column_int64 (stmt, 1);
          item->at = at;
          item->customer_id = sqlite3_column_int64 (stmt, 3);
          item->customer_name = crm_sql_column_dup (stmt, 4);
          item->title = crm_sql_column_dup (stmt, 5);
          item->detail = sqlite3_column_int (stmt, 6);
          item->state = state;
          item->owner_name = crm_sql_column_dup (stmt, 8);
          g_ptr_array_add (day->items, item);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the calendar"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
crm_calendar_load (CrmStore                *store,
                   GDateTime               *first_day,
                   guint                    n_days,
                   guint                    max_per_day,
                   const CrmCalendarFilter *filter,
                   GError                 **error)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (day_free);
  g_autofree gint64 *starts = g_new (gint64, n_days + 1);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  CrmCalendarFilter defaults = CRM_CALENDAR_FILTER_INIT;
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (first_day != NULL, NULL);
  g_return_val_if_fail (n_days > 0 && n_days <= 366, NULL);

  if (filter == NULL)
    filter = &defaults;

  /* the local midnights: DST days are 23 or 25 hours long */
  local = g_date_time_to_local (first_day);
  midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  for (guint i = 0; i <= n_days; i++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_days (midnight, (int) i);

      starts[i] = g_date_time_to_unix (start);
      if (i < n_days)
        {
          CrmCalendarCell *day = g_new0 (CrmCalendarCell, 1);

          g_date_set_dmy (&day->date, (GDateDay) g_date_time_get_day_of_month (start),
                          (GDateMonth) g_date_time_get_month (start), (GDateYear) g_date_time_get_year (start));
          day->items = g_ptr_array_new_with_free_func (item_free);
          g_ptr_array_add (days, day);
        }
    }

  /* every follow-up of the range counted from an index alone (followups_calendar) */
  stmt = crm_store_prepare (store,
                            "SELECT planned_at, status FROM followups INDEXED BY followups_calendar"
                            " WHERE planned_at >= ?1 AND planned_at < ?2"
                            "  AND (?3 = 0 OR owner_id = ?3) AND (?4 OR status = 0)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, starts[0]);
  sqlite3_bind_int64 (stmt, 2, starts[n_days]);
  sqlite3_bind_int64 (stmt, 3, filter->owner_id);
  sqlite3_bind_int (stmt, 4, filter->with_closed);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);
      int index = day_of (starts, n_days, at);
      CrmCalendarCell *day;

      if (index < 0)
        continue;
      day = days->pdata[index];
      day->n_followups++;
      if (crm_followup_state_for (sqlite3_column_int (stmt, 1), at, now) == CRM_FOLLOWUP_STATE_OVERDUE)
        day->n_overdue++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the calendar"));
      return NULL;
    }

  /* the first of each day with their details: one short index range a day */
  stmt = crm_store_prepare (store,
                            "SELECT 0, f.id, f.planned_at, f.customer_id, c.name, f.item, f.kind, f.status, m.name"
                            " FROM followups f JOIN customers c ON c.id = f.customer_id"
                            " LEFT JOIN team_members m ON m.id = f.owner_id"
                            " WHERE f.planned_at >= ?1 AND f.planned_at < ?2"
                            "  AND (?3 = 0 OR f.owner_id = ?3) AND (?4 OR f.status = 0)"
                            " ORDER BY f.planned_at, f.id LIMIT ?5",
                            error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_days; i++)
    {
      if (((CrmCalendarCell *) days->pdata[i])->n_followups == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, starts[i]);
      sqlite3_bind_int64 (stmt, 2, starts[i + 1]);
      sqlite3_bind_int64 (stmt, 3, filter->owner_id);
      sqlite3_bind_int (stmt, 4, filter->with_closed);
      sqlite3_bind_int (stmt, 5, (int) MIN (max_per_day, G_MAXINT));
      if (!read_rows (store, stmt, days, starts, max_per_day, now, FALSE, error))
        return NULL;
    }

  /* open tickets' running deadlines (tickets_next: status, next_due) */
  if (filter->with_deadlines)
    {
      stmt = crm_store_prepare (store,
                                "SELECT CASE WHEN t.first_response_at IS NULL THEN 1 ELSE 2 END, t.id, t.next_due,"
                                " t.customer_id, c.name, t.code || ' ' || t.title, t.level, t.status, m.name"
                                " FROM tickets t JOIN customers c ON c.id = t.customer_id"
                                " LEFT JOIN team_members m ON m.id = t.assignee_id"
                                " WHERE t.status IN (0, 1, 2) AND t.next_due >= ?1 AND t.next_due < ?2"
                                "  AND t.paused_since IS NULL AND (?3 = 0 OR t.assignee_id = ?3)"
                                " ORDER BY t.next_due, t.id",
                                error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, starts[0]);
      sqlite3_bind_int64 (stmt, 2, starts[n_days]);
      sqlite3_bind_int64 (stmt, 3, filter->owner_id);
      if (!read_rows (store, stmt, days, starts, max_per_day, now, TRUE, error))
        return NULL;
    }

  for (guint i = 0; i < days->len; i++)
    {
      CrmCalendarCell *day = days->pdata[i];

      g_ptr_array_sort (day->items, compare_items);
      if (day->items->len > max_per_day)
        g_ptr_array_set_size (day->items, max_per_day);
    }
  return g_steal_pointer (&days);
}
