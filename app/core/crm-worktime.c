/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-worktime"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-worktime.h"

#define DAY_SECONDS      (24 * 60 * 60)
#define MINUTES_PER_DAY  (24 * 60)
/* A deadline search gives up after this many days in a row without working time… */
#define MAX_IDLE_DAYS    (3 * 366)
/* …and any walk after this many days (no SLA is that long). */
#define MAX_WALK_DAYS    (100 * 366)

typedef struct {
  CrmDayKind  kind;
  char       *name;
} DayEntry;

struct _CrmWorkCalendar {
  gatomicrefcount  ref_count;
  GTimeZone       *tz;
  GArray          *windows[8];      /* [1..7] CrmWorkWindow, sorted by start, merged */
  GHashTable      *days;            /* day number (days since 1970-01-01) → DayEntry */
  int              makeup_weekday;  /* whose windows a make-up day on an empty weekday uses; 0: none */
};

G_DEFINE_BOXED_TYPE (CrmWorkCalendar, crm_work_calendar, crm_work_calendar_ref, crm_work_calendar_unref)

/* ---- days and local time ---- */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && (a < 0) != (b < 0))
    q--;
  return q;
}

static int
weekday_of (gint64 day)
{
  /* 1970-01-01 (day 0) was a Thursday */
  return (int) (((day + 3) % 7 + 7) % 7) + 1;
}

static guint32
epoch_julian (void)
{
  GDate epoch;

  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  return g_date_get_julian (&epoch);
}

/* "YYYY-MM-DD", strictly, to a day number. */
static gboolean
parse_ymd (const char *ymd,
           gint64     *day)
{
  int y, m, d;
  GDate date;

  if (ymd == NULL || strlen (ymd) != 10 || ymd[4] != '-' || ymd[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (ymd[i]))
      return FALSE;

  y = atoi (ymd);
  m = atoi (ymd + 5);
  d = atoi (ymd + 8);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  *day = (gint64) g_date_get_julian (&date) - epoch_julian ();
  return TRUE;
}

/* Wall-clock seconds since 1970-01-01 00:00 of the calendar's zone. */
static gint64
to_local (const CrmWorkCalendar *cal,
          gint64                 t)
{
  int interval = g_time_zone_find_interval (cal->tz, G_TIME_TYPE_UNIVERSAL, t);

  return t + g_time_zone_get_offset (cal->tz, interval);
}

/* The inverse; a wall-clock time skipped by a DST change moves to the end of
 * the gap, an ambiguous one is taken in standard time. */
static gint64
from_local (const CrmWorkCalendar *cal,
            gint64                 local)
{
  gint64 adjusted = local;
  int interval = g_time_zone_adjust_time (cal->tz, G_TIME_TYPE_STANDARD, &adjusted);

  return adjusted - g_time_zone_get_offset (cal->tz, interval);
}

/* The windows of one dated day. */
static const CrmWorkWindow *
windows_of_day (const CrmWorkCalendar *cal,
                gint64                 day,
                guint                 *n)
{
  int weekday = weekday_of (day);
  const DayEntry *entry = NULL;
  GArray *windows;

  if (g_hash_table_size (cal->days) > 0)
    entry = g_hash_table_lookup (cal->days, GINT_TO_POINTER ((int) day));
  if (entry != NULL && entry->kind == CRM_DAY_HOLIDAY)
    {
      *n = 0;
      return NULL;
    }
  if (entry != NULL && entry->kind == CRM_DAY_WORKDAY && cal->windows[weekday]->len == 0)
    weekday = cal->makeup_weekday;
  if (weekday == 0)
    {
      *n = 0;
      return NULL;
    }

  windows = cal->windows[weekday];
  *n = windows->len;
  return (const CrmWorkWindow *) (gpointer) windows->data;
}

/* ---- the calendar ---- */

static void
day_entry_free (gpointer data)
{
  DayEntry *entry = data;

  g_free (entry->name);
  g_free (entry);
}

CrmWorkCalendar *
crm_work_calendar_new (GTimeZone *tz)
{
  CrmWorkCalendar *cal = g_new0 (CrmWorkCalendar, 1);

  g_atomic_ref_count_init (&cal->ref_count);
  cal->tz = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  for (guint i = 1; i <= 7; i++)
    cal->windows[i] = g_array_new (FALSE, FALSE, sizeof (CrmWorkWindow));
  cal->days = g_hash_table_new_full (NULL, NULL, NULL, day_entry_free);

  return cal;
}

CrmWorkCalendar *
crm_work_calendar_ref (CrmWorkCalendar *cal)
{
  g_return_val_if_fail (cal != NULL, NULL);

  g_atomic_ref_count_inc (&cal->ref_count);
  return cal;
}

void
crm_work_calendar_unref (CrmWorkCalendar *cal)
{
  g_return_if_fail (cal != NULL);

  if (!g_atomic_ref_count_dec (&cal->ref_count))
    return;

  for (guint i = 1; i <= 7; i++)
    g_array_unref (cal->windows[i]);
  g_hash_table_unref (cal->days);
  g_time_zone_unref (cal->tz);
  g_free (cal);
}

GTimeZone *
crm_work_calendar_get_timezone (const CrmWorkCalendar *cal)
{
  g_return_val_if_fail (cal != NULL, NULL);

  return cal->tz;
}

void
crm_work_calendar_add_window (CrmWorkCalendar *cal,
                              int              iso_weekday,
                              int              start_minute,
                              int              end_minute)
{
  GArray *windows;
  CrmWorkWindow added = { iso_weekday, start_minute, end_minute };
  guint i;

  g_return_if_fail (cal != NULL);
  g_return_if_fail (iso_weekday >= 1 && iso_weekday <= 7);
  g_return_if_fail (start_minute >= 0 && start_minute < end_minute && end_minute <= MINUTES_PER_DAY);

  windows = cal->windows[iso_weekday];

  /* insert sorted, then merge what overlaps or touches */
  for (i = 0; i < windows->len; i++)
    if (g_array_index (windows, CrmWorkWindow, i).start_minute > start_minute)
      break;
  g_array_insert_val (windows, i, added);

  for (i = 1; i < windows->len;)
    {
      CrmWorkWindow *prev = &g_array_index (windows, CrmWorkWindow, i - 1);
      CrmWorkWindow *cur = &g_array_index (windows, CrmWorkWindow, i);

      if (cur->start_minute <= prev->end_minute)
        {
          prev->end_minute = MAX (prev->end_minute, cur->end_minute);
          g_array_remove_index (windows, i);
        }
      else
        i++;
    }

  cal->makeup_weekday = 0;
  for (int d = 1; d <= 7 && cal->makeup_weekday == 0; d++)
    if (cal->windows[d]->len > 0)
      cal->makeup_weekday = d;
}

const CrmWorkWindow *
crm_work_calendar_get_windows (const CrmWorkCalendar *cal,
                               int                    iso_weekday,
                               guint                 *n_windows)
{
  g_return_val_if_fail (cal != NULL, NULL);
  g_return_val_if_fail (iso_weekday >= 1 && iso_weekday <= 7, NULL);
  g_return_val_if_fail (n_windows != NULL, NULL);

  *n_windows = cal->windows[iso_weekday]->len;
  return (const CrmWorkWindow *) (gpointer) cal->windows[iso_weekday]->data;
}

gboolean
crm_work_calendar_set_day (CrmWorkCalendar *cal,
                           const char      *ymd,
                           CrmDayKind       kind,
                           const char      *name)
{
  DayEntry *entry;
  gint64 day;

  g_return_val_if_fail (cal != NULL, FALSE);
  g_return_val_if_fail (kind == CRM_DAY_HOLIDAY || kind == CRM_DAY_WORKDAY, FALSE);

  if (!parse_ymd (ymd, &day))
    return FALSE;

  entry = g_new0 (DayEntry, 1);
  entry->kind = kind;
  entry->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  g_hash_table_replace (cal->days, GINT_TO_POINTER ((int) day), entry);
  return TRUE;
}

gboolean
crm_work_calendar_lookup_day (const CrmWorkCalendar  *cal,
                              const char             *ymd,
                              CrmDayKind             *kind,
                              const char            **name)
{
  const DayEntry *entry;
  gint64 day;

  g_return_val_if_fail (cal != NULL, FALSE);

  if (!parse_ymd (ymd, &day))
    return FALSE;
  entry = g_hash_table_lookup (cal->days, GINT_TO_POINTER ((int) day));
  if (entry == NULL)
    return FALSE;
  if (kind != NULL)
    *kind = entry->kind;
  if (name != NULL)
    *name = entry->name;
  return TRUE;
}

CrmWorkCalendar *
crm_work_calendar_load (CrmStore   *store,
                        GTimeZone  *tz,
                        GError    **error)
{
  g_autoptr(CrmWorkCalendar) cal = crm_work_calendar_new (tz);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = crm_store_prepare (store, "SELECT weekday, start_minute, end_minute FROM working_windows", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int weekday = sqlite3_column_int (stmt, 0);
      int start = sqlite3_column_int (stmt, 1);
      int end = sqlite3_column_int (stmt, 2);

      /* the table's CHECKs keep these valid */
      if (weekday >= 1 && weekday <= 7 && start >= 0 && start < end && end <= MINUTES_PER_DAY)
        crm_work_calendar_add_window (cal, weekday, start, end);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the working hours"));
      return NULL;
    }

  stmt = crm_store_prepare (store, "SELECT day, kind, name FROM calendar_days", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 0);
      int kind = sqlite3_column_int (stmt, 1);

      if (!crm_work_calendar_set_day (cal, day, kind == CRM_DAY_WORKDAY ? CRM_DAY_WORKDAY : CRM_DAY_HOLIDAY,
                                      (const char *) sqlite3_column_text (stmt, 2)))
        g_debug ("Ignoring the calendar day “%s”", day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the holidays"));
      return NULL;
    }

  return g_steal_pointer (&cal);
}

/* ---- working time ---- */

static gboolean
has_windows (const CrmWorkCalendar *cal)
{
  return cal->makeup_weekday != 0;
}

gint64
crm_work_calendar_next_working (const CrmWorkCalendar *cal,
                                gint64                 start_unix)
{
  gint64 after;

  g_return_val_if_fail (cal != NULL, G_MAXINT64);

  /* where the first working second after it begins */
  after = crm_work_calendar_add_working (cal, start_unix, 1);
  return after == G_MAXINT64 ? G_MAXINT64 : after - 1;
}

gint64
crm_work_calendar_add_working (const CrmWorkCalendar *cal,
                               gint64                 start_unix,
                               gint64                 seconds)
{
  gint64 first_day, last_working_day, cur = start_unix, remaining = seconds;

  g_return_val_if_fail (cal != NULL, G_MAXINT64);

  if (seconds <= 0)
    return start_unix;
  if (!has_windows (cal))
    return G_MAXINT64;

  first_day = floor_div (to_local (cal, start_unix), DAY_SECONDS);
  last_working_day = first_day;
  for (gint64 day = first_day; day - first_day <= MAX_WALK_DAYS && day - last_working_day <= MAX_IDLE_DAYS; day++)
    {
      const CrmWorkWindow *windows;
      guint n;

      windows = windows_of_day (cal, day, &n);
      for (guint i = 0; i < n; i++)
        {
          gint64 window_start = from_local (cal, day * DAY_SECONDS + windows[i].start_minute * 60);
          gint64 window_end = from_local (cal, day * DAY_SECONDS + windows[i].end_minute * 60);
          gint64 from = MAX (window_start, cur);

          if (window_end <= from)
            continue;
          last_working_day = day;
          if (remaining <= window_end - from)
            return from + remaining;
          remaining -= window_end - from;
          cur = window_end;
        }
    }

  return G_MAXINT64;
}

gint64
crm_work_calendar_working_between (const CrmWorkCalendar *cal,
                                   gint64                 from,
                                   gint64                 to)
{
  gint64 first_day, last_day, total = 0;

  g_return_val_if_fail (cal != NULL, 0);

  if (to <= from || !has_windows (cal))
    return 0;

  first_day = floor_div (to_local (cal, from), DAY_SECONDS);
  last_day = floor_div (to_local (cal, to), DAY_SECONDS);
  last_day = MIN (last_day, first_day + MAX_WALK_DAYS);
  for (gint64 day = first_day; day <= last_day; day++)
    {
      const CrmWorkWindow *windows;
      guint n;

      windows = windows_of_day (cal, day, &n);
      for (guint i = 0; i < n; i++)
        {
          gint64 window_start = from_local (cal, day * DAY_SECONDS + windows[i].start_minute * 60);
          gint64 window_end = from_local (cal, day * DAY_SECONDS + windows[i].end_minute * 60);
          gint64 s = MAX (window_start, from);
          gint64 e = MIN (window_end, to);

          if (e > s)
            total += e - s;
        }
    }

  return total;
}

/* ---- editing ---- */

gboolean
crm_work_window_validate (int      start_minute,
                          int      end_minute,
                          GError **error)
{
  if (start_minute < 0 || start_minute >= MINUTES_PER_DAY ||
      end_minute <= 0 || end_minute > MINUTES_PER_DAY)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("Use times between 00:00 and 24:00."));
      return FALSE;
    }
  if (start_minute >= end_minute)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("The end must be later than the start."));
      return FALSE;
    }
  return TRUE;
}

static int
compare_windows (gconstpointer a,
                 gconstpointer b)
{
  const CrmWorkWindow *wa = a, *wb = b;

  if (wa->weekday != wb->weekday)
    return wa->weekday < wb->weekday ? -1 : 1;
  return wa->start_minute < wb->start_minute ? -1 : wa->start_minute > wb->start_minute;
}

gboolean
crm_work_calendar_save_windows (CrmStore             *store,
                                const CrmWorkWindow  *windows,
                                guint                 n_windows,
                                GError              **error)
{
  g_autofree CrmWorkWindow *sorted = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (windows != NULL || n_windows == 0, FALSE);

  for (guint i = 0; i < n_windows; i++)
    {
      if (windows[i].weekday < 1 || windows[i].weekday > 7)
        {
          g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("Choose a day of the week."));
          return FALSE;
        }
      if (!crm_work_window_validate (windows[i].start_minute, windows[i].end_minute, error))
        return FALSE;
    }
  sorted = g_memdup2 (windows, sizeof *windows * n_windows);
  if (n_windows > 1)
    qsort (sorted, n_windows, sizeof *sorted, compare_windows);
  for (guint i = 1; i < n_windows; i++)
    if (sorted[i].weekday == sorted[i - 1].weekday && sorted[i].start_minute < sorted[i - 1].end_minute)
      {
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                             _("Working hours of the same day overlap."));
        return FALSE;
      }

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!crm_store_exec (store, "DELETE FROM working_windows", error))
    goto fail;
  for (guint i = 0; i < n_windows; i++)
    {
      stmt = crm_store_prepare (store,
                                "INSERT INTO working_windows (weekday, start_minute, end_minute) VALUES (?1, ?2, ?3)",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int (stmt, 1, sorted[i].weekday);
      sqlite3_bind_int (stmt, 2, sorted[i].start_minute);
      sqlite3_bind_int (stmt, 3, sorted[i].end_minute);
      if (!crm_store_step_done (store, stmt, error))
        goto fail;
    }
  crm_store_note_change (store, CRM_CHANGE_SETTINGS, 0);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

gboolean
crm_work_calendar_save_day (CrmStore    *store,
                            const char  *ymd,
                            CrmDayKind   kind,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  gint64 day;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!parse_ymd (ymd, &day))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("Enter a date as YYYY-MM-DD."));
      return FALSE;
    }
  if (kind != CRM_DAY_HOLIDAY && kind != CRM_DAY_WORKDAY)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("Choose a public holiday or a make-up working day."));
      return FALSE;
    }
  if (name != NULL)
    trimmed = g_strstrip (g_strdup (name));

  if (!crm_store_begin (store, error))
    return FALSE;
  stmt = crm_store_prepare (store,
                            "INSERT INTO calendar_days (day, kind, name) VALUES (?1, ?2, ?3)"
                            " ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, ymd, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, kind);
  crm_sql_bind_text_or_null (stmt, 3, trimmed);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  crm_store_note_change (store, CRM_CHANGE_SETTINGS, 0);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

gboolean
crm_work_calendar_delete_day (CrmStore    *store,
                              const char  *ymd,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (ymd != NULL, FALSE);

  if (!crm_store_begin (store, error))
    return FALSE;
  stmt = crm_store_prepare (store, "DELETE FROM calendar_days WHERE day = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, ymd, -1, SQLITE_TRANSIENT);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  crm_store_note_change (store, CRM_CHANGE_SETTINGS, 0);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

static void
calendar_day_clear (gpointer data)
{
  CrmCalendarDay *day = data;

  g_clear_pointer (&day->name, g_free);
}

GArray *
crm_work_calendar_list_days (CrmStore  *store,
                             int        year,
                             GError   **error)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (CrmCalendarDay));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  g_array_set_clear_func (days, calendar_day_clear);
  stmt = crm_store_prepare (store,
                            "SELECT day, kind, name FROM calendar_days"
                            " WHERE ?1 = 0 OR (day >= printf ('%04d-', ?1) AND day < printf ('%04d-', ?1 + 1))"
                            " ORDER BY day",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *ymd = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      CrmCalendarDay day = { { 0 }, 0, NULL };
      gint64 number;

      if (!parse_ymd (ymd, &number))
        continue;
      memcpy (day.ymd, ymd, 10);
      day.kind = sqlite3_column_int (stmt, 1) == CRM_DAY_WORKDAY ? CRM_DAY_WORKDAY : CRM_DAY_HOLIDAY;
      day.name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
      g_array_append_val (days, day);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the holidays"));
      return NULL;
    }

  return g_steal_pointer (&days);
}

gboolean
crm_work_parse_time (const char  *text,
                     int         *minute,
                     GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *colon = strchr (trimmed, ':');
  gsize hours_len = colon != NULL ? (gsize) (colon - trimmed) : 0;
  int hours, minutes;

  g_return_val_if_fail (minute != NULL, FALSE);

  if (colon == NULL || hours_len < 1 || hours_len > 2 || strlen (colon + 1) != 2 ||
      !g_ascii_isdigit (trimmed[0]) || (hours_len == 2 && !g_ascii_isdigit (trimmed[1])) ||
      !g_ascii_isdigit (colon[1]) || !g_ascii_isdigit (colon[2]))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("Enter a time as HH:MM, for example 09:00."));
      return FALSE;
    }
  hours = atoi (trimmed);
  minutes = atoi (colon + 1);
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes > 0))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("Use times between 00:00 and 24:00."));
      return FALSE;
    }
  *minute = hours * 60 + minutes;
  return TRUE;
}

char *
crm_work_format_time (int minute)
{
  minute = CLAMP (minute, 0, MINUTES_PER_DAY);
  return g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);
}

/* ---- names ---- */

const char *
crm_holiday_display_name (const char *key)
{
  if (key == NULL)
    return NULL;
  /* Translators: a public holiday of mainland China (元旦) */
  if (g_str_equal (key, "new_year"))
    return _("New Year’s Day");
  /* Translators: 春节 */
  if (g_str_equal (key, "spring_festival"))
    return _("Spring Festival");
  /* Translators: 清明节 */
  if (g_str_equal (key, "qingming"))
    return _("Qingming Festival");
  /* Translators: 劳动节 */
  if (g_str_equal (key, "labour_day"))
    return _("Labour Day");
  /* Translators: 端午节 */
  if (g_str_equal (key, "dragon_boat"))
    return _("Dragon Boat Festival");
  /* Translators: 中秋节 */
  if (g_str_equal (key, "mid_autumn"))
    return _("Mid-Autumn Festival");
  /* Translators: 国庆节 */
  if (g_str_equal (key, "national_day"))
    return _("National Day");
  /* Translators: a weekend day worked in exchange for a longer holiday (调休上班) */
  if (g_str_equal (key, "makeup"))
    return _("Make-up working day");
  return key;
}
