/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-calendar.h"
#include "crm-context.h"

G_BEGIN_DECLS

/* The page "Calendar": the views Month, Week and Agenda of the follow-up plan
 * and open tickets' deadlines, with Previous / Today / Next, the period's
 * title and an owner filter.  Page Up / Page Down go to the previous / next
 * period, "t" and Ctrl+Home to today. */
#define CRM_TYPE_CALENDAR_PAGE (crm_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmCalendarPage, crm_calendar_page, CRM, CALENDAR_PAGE, AdwBin)

CrmCalendarPage *crm_calendar_page_new         (CrmContext      *context);
/* Shows the period of @day (local) in the current view, @day selected. */
void             crm_calendar_page_show_date   (CrmCalendarPage *self,
                                                GDateTime       *day);
/* "month", "week" or "agenda" (only once an agenda is set). */
void             crm_calendar_page_set_view    (CrmCalendarPage *self,
                                                const char      *name);
const char      *crm_calendar_page_get_view    (CrmCalendarPage *self);
/* The widget of the Agenda view; until one is set, the view is not offered. */
void             crm_calendar_page_set_agenda  (CrmCalendarPage *self,
                                                GtkWidget       *agenda);
/* The period's title: "November 2026", "Nov 16 – 22, 2026". */
const char      *crm_calendar_page_get_title   (CrmCalendarPage *self);
/* For tests */
GtkWidget       *crm_calendar_page_get_month_view (CrmCalendarPage *self);
GtkWidget       *crm_calendar_page_get_week_view  (CrmCalendarPage *self);

/* ---- shared by the Month and Week views ---- */

/* An entry of a day: a flat button (time, kind icon, customer) coloured by
 * its state, that shows the follow-up ("win.show-followup") or the ticket
 * ("win.show-ticket") when activated; planned follow-ups can be dragged
 * (their id as a gint64).  @with_time: the time is shown. */
GtkWidget *crm_calendar_entry_new         (const CrmCalendarItem *item,
                                           gboolean               with_time);
/* Shows @item in an entry made by crm_calendar_entry_new() (views reuse theirs) */
void       crm_calendar_entry_set_item    (GtkWidget             *entry,
                                           const CrmCalendarItem *item);
gint64     crm_calendar_entry_get_id      (GtkWidget             *entry);
gboolean   crm_calendar_entry_is_followup (GtkWidget             *entry);
/* "Tuesday, November 24" */
char      *crm_calendar_format_day        (const GDate           *date);
/* "Tuesday, November 24: 5 follow-ups, 1 deadline, 1 overdue" */
char      *crm_calendar_describe_day      (const CrmCalendarCell *cell);
/* "Mon" … "Sun" for 1 … 7 */
const char *crm_calendar_weekday_abbreviation (GDateWeekday weekday);
/* Local midnight of @date. */
GDateTime *crm_calendar_date_to_local     (const GDate           *date);
/* The toast of a refused drop. */
void       crm_calendar_report_error      (GtkWidget             *widget,
                                           const GError          *error);
/* The "+N more" button of a day that shows @shown of its @total entries
 * (hidden when it shows them all); @day_label: "Tuesday, November 24" */
void       crm_calendar_update_more       (GtkWidget             *button,
                                           guint                  total,
                                           guint                  shown,
                                           const char            *day_label);
/* "+N more": every entry of @date (up to 200) in a popover on @parent */
void       crm_calendar_show_day_popover  (GtkWidget             *parent,
                                           CrmContext            *context,
                                           const GDate           *date,
                                           gint64                 owner_id);
/* Whether the store's change concerns the calendar */
gboolean   crm_calendar_change_matters    (int                    kind);

G_END_DECLS
