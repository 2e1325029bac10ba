/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* The Calendar's Month view: six weeks from Monday, each day with its first
 * follow-ups and ticket deadlines, "+N more", and a badge counting the
 * overdue ones.  Arrow keys move the selected day (into the next month too),
 * Tab goes through a day's entries; a planned follow-up dragged to another
 * day keeps its time of day.  Reloads itself when the store changes. */
#define CRM_TYPE_MONTH_VIEW (crm_month_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmMonthView, crm_month_view, CRM, MONTH_VIEW, AdwBin)

CrmMonthView *crm_month_view_new        (CrmContext   *context);
/* Shows the month of @date, @date selected.  Property "date". */
void          crm_month_view_set_date   (CrmMonthView *self,
                                         const GDate  *date);
const GDate  *crm_month_view_get_date   (CrmMonthView *self);
/* Only one team member's (0: everyone's). */
void          crm_month_view_set_owner  (CrmMonthView *self,
                                         gint64        owner_id);
/* Gives the keyboard focus to the selected day. */
void          crm_month_view_focus_date (CrmMonthView *self);
/* What a drop does: moves the follow-up to @date at the time of day it has.
 * Refusals become a toast; FALSE then. */
gboolean      crm_month_view_move_entry (CrmMonthView *self,
                                         gint64        followup_id,
                                         const GDate  *date);
/* For tests: the cell of @date (NULL when it is not shown) */
GtkWidget    *crm_month_view_get_day    (CrmMonthView *self,
                                         const GDate  *date);

G_END_DECLS
