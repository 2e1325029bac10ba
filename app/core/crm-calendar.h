/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-store-followups.h"

G_BEGIN_DECLS

/* What the Month and Week views show: the follow-ups planned on each day and
 * the deadlines of open tickets, a bounded number per day with the day's full
 * counts, read in one pass over the range (indexes followups_planned and
 * tickets_next), so a month of a busy team costs the same as a quiet one. */

typedef enum {
  CRM_CALENDAR_FOLLOWUP,
  CRM_CALENDAR_TICKET_RESPONSE,     /* an open ticket's first-response deadline */
  CRM_CALENDAR_TICKET_RESOLUTION,   /* an open ticket's resolution deadline */
} CrmCalendarItemKind;

typedef struct {
  CrmCalendarItemKind  kind;
  gint64               id;            /* the follow-up's or the ticket's */
  gint64               at;            /* planned time, or the deadline */
  gint64               customer_id;
  char                *customer_name;
  char                *title;         /* the follow-up's item; the ticket's code and title */
  int                  detail;        /* the follow-up's CrmFollowupKind; the ticket's level */
  CrmFollowupState     state;         /* follow-ups; tickets: PLANNED, or OVERDUE once the deadline passed */
  char                *owner_name;    /* the follow-up's owner, the ticket's assignee; NULL: nobody */
} CrmCalendarItem;

typedef struct {
  GDate       date;                   /* the local day */
  guint       n_followups;            /* on that day, all of them */
  guint       n_deadlines;
  guint       n_overdue;              /* follow-ups and deadlines overdue at the store's now */
  GPtrArray  *items;                  /* CrmCalendarItem, by time, at most max_per_day */
} CrmCalendarCell;

typedef struct {
  gint64   owner_id;                  /* 0: everyone's */
  gboolean with_deadlines;            /* open tickets' deadlines too */
  gboolean with_closed;               /* done and skipped follow-ups too */
} CrmCalendarFilter;

#define CRM_CALENDAR_FILTER_INIT { 0, TRUE, TRUE }

/* The @n_days local days from @first_day (its date counts, its time not),
 * each a CrmCalendarCell (free func set). */
GPtrArray *crm_calendar_load (CrmStore                *store,
                              GDateTime               *first_day,
                              guint                    n_days,
                              guint                    max_per_day,
                              const CrmCalendarFilter *filter,
                              GError                 **error);

G_END_DECLS
