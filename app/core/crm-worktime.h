/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* Working time: weekly windows (minutes of the local day, per ISO weekday) and
 * dated exceptions — public holidays have no windows, make-up working days (调休)
 * have the windows of their weekday, or, on a weekday without windows (a
 * Saturday or Sunday), those of the first weekday, Monday on, that has some.
 * Days are those of the calendar's time zone; durations are real elapsed
 * seconds, so a window across a DST change is an hour shorter or longer. */

/* Stored in calendar_days.kind: never renumber. */
typedef enum {
  CRM_DAY_HOLIDAY = 0,
  CRM_DAY_WORKDAY = 1,
} CrmDayKind;

typedef struct {
  int weekday;        /* ISO: 1 = Monday … 7 = Sunday */
  int start_minute;   /* 0 … 1439 */
  int end_minute;     /* start_minute + 1 … 1440 */
} CrmWorkWindow;

#define CRM_TYPE_WORK_CALENDAR (crm_work_calendar_get_type ())

typedef struct _CrmWorkCalendar CrmWorkCalendar;

GType            crm_work_calendar_get_type       (void) G_GNUC_CONST;

/* An empty calendar (no windows: no working time at all). @tz NULL: local time. */
CrmWorkCalendar *crm_work_calendar_new            (GTimeZone        *tz);
CrmWorkCalendar *crm_work_calendar_ref            (CrmWorkCalendar  *cal);
void             crm_work_calendar_unref          (CrmWorkCalendar  *cal);
GTimeZone       *crm_work_calendar_get_timezone   (const CrmWorkCalendar *cal);

/* Overlapping or touching windows of a weekday are merged. */
void             crm_work_calendar_add_window     (CrmWorkCalendar  *cal,
                                                   int               iso_weekday,
                                                   int               start_minute,
                                                   int               end_minute);
/* The windows of a weekday, sorted and merged; owned by @cal. */
const CrmWorkWindow *crm_work_calendar_get_windows (const CrmWorkCalendar *cal,
                                                    int                    iso_weekday,
                                                    guint                 *n_windows);
/* @ymd: "YYYY-MM-DD"; replaces an earlier entry of the same day.  FALSE for an invalid date. */
gboolean         crm_work_calendar_set_day        (CrmWorkCalendar  *cal,
                                                   const char       *ymd,
                                                   CrmDayKind        kind,
                                                   const char       *name);
/* TRUE if @ymd is a holiday or a make-up working day; @name (may be NULL) is the stored name or key. */
gboolean         crm_work_calendar_lookup_day     (const CrmWorkCalendar *cal,
                                                   const char            *ymd,
                                                   CrmDayKind            *kind,
                                                   const char           **name);

/* Reads working_windows and calendar_days. */
CrmWorkCalendar *crm_work_calendar_load           (CrmStore         *store,
                                                   GTimeZone        *tz,
                                                   GError          **error);

/* The moment at which @seconds of working time have passed after @start (a
 * start outside working time counts from the next window).  A deadline that
 * falls on the end of a window stays there.  G_MAXINT64 when there is no
 * working time within 3 years. */
gint64           crm_work_calendar_add_working    (const CrmWorkCalendar *cal,
                                                   gint64                 start_unix,
                                                   gint64                 seconds);
/* @start when it is working time, else the start of the next working window;
 * G_MAXINT64 when there is none within 3 years. */
gint64           crm_work_calendar_next_working   (const CrmWorkCalendar *cal,
                                                   gint64                 start_unix);
/* Working seconds in [@from, @to); 0 if @to <= @from. */
gint64           crm_work_calendar_working_between (const CrmWorkCalendar *cal,
                                                    gint64                 from,
                                                    gint64                 to);

/* Checks one window typed in the Preferences: 0 <= start < end <= 1440.
 * The message (CRM_STORE_ERROR_INVALID) is for the person who typed it. */
gboolean         crm_work_window_validate         (int               start_minute,
                                                   int               end_minute,
                                                   GError          **error);

/* Replaces every working window (validated: weekday 1–7, each window valid, no
 * overlaps within a weekday).  Announces CRM_CHANGE_SETTINGS. */
gboolean         crm_work_calendar_save_windows   (CrmStore            *store,
                                                   const CrmWorkWindow *windows,
                                                   guint                n_windows,
                                                   GError             **error);
/* Adds or replaces one dated exception; @name NULL or "" stores none. */
gboolean         crm_work_calendar_save_day       (CrmStore         *store,
                                                   const char       *ymd,
                                                   CrmDayKind        kind,
                                                   const char       *name,
                                                   GError          **error);
/* Removing a day that is not there is not an error. */
gboolean         crm_work_calendar_delete_day     (CrmStore         *store,
                                                   const char       *ymd,
                                                   GError          **error);

/* One dated exception as stored (see crm_work_calendar_list_days). */
typedef struct {
  char        ymd[11];   /* "YYYY-MM-DD" */
  CrmDayKind  kind;
  char       *name;      /* NULL: none; a built-in key or what the user typed */
} CrmCalendarDay;

/* The stored days of @year (0: of every year), sorted by date: an array of
 * CrmCalendarDay that frees the names with it. */
GArray          *crm_work_calendar_list_days      (CrmStore         *store,
                                                   int               year,
                                                   GError          **error);

/* A time of day typed as "H:MM" or "HH:MM" (00:00 … 24:00) to minutes since
 * midnight; the message (CRM_STORE_ERROR_INVALID) is for the person who typed it. */
gboolean         crm_work_parse_time              (const char       *text,
                                                   int              *minute,
                                                   GError          **error);
/* Minutes since midnight as "HH:MM" (1440: "24:00"). */
char            *crm_work_format_time             (int               minute);

/* The translated name of a built-in holiday key ("spring_festival" → "Spring
 * Festival"); any other name, as the user typed it, is returned as it is. */
const char      *crm_holiday_display_name         (const char       *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmWorkCalendar, crm_work_calendar_unref)

G_END_DECLS
