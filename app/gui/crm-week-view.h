/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* The height of an hour in the Week view, in pixels */
#define CRM_WEEK_VIEW_HOUR_HEIGHT 44
/* The hours the Week view lays out: earlier and later entries go to the strip above */
#define CRM_WEEK_VIEW_FIRST_HOUR 7
#define CRM_WEEK_VIEW_LAST_HOUR 21

/* The Calendar's Week view: Monday to Sunday, the hours 07:00–21:00 with the
 * entries at their time, earlier and later ones in a strip above, up to 8 a
 * day and "+N more".  Left / Right move between days, Up / Down between a
 * day's entries; a planned follow-up dragged to a day and hour is moved
 * there, rounded to 15 minutes.  Reloads itself when the store changes. */
#define CRM_TYPE_WEEK_VIEW (crm_week_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmWeekView, crm_week_view, CRM, WEEK_VIEW, AdwBin)

CrmWeekView *crm_week_view_new        (CrmContext  *context);
/* Shows the week of @date, @date selected.  Property "date". */
void         crm_week_view_set_date   (CrmWeekView *self,
                                       const GDate *date);
const GDate *crm_week_view_get_date   (CrmWeekView *self);
void         crm_week_view_set_owner  (CrmWeekView *self,
                                       gint64       owner_id);
void         crm_week_view_focus_date (CrmWeekView *self);
/* What a drop does: moves the follow-up to @date at @minutes after midnight,
 * rounded to 15 minutes; a negative @minutes keeps its time of day.  Refusals
 * become a toast; FALSE then. */
gboolean     crm_week_view_move_entry (CrmWeekView *self,
                                       gint64       followup_id,
                                       const GDate *date,
                                       int          minutes);
/* For tests: the entry of @id (NULL when it is not shown), and the column of
 * the day it is in */
GtkWidget   *crm_week_view_get_entry  (CrmWeekView *self,
                                       gint64       id,
                                       GtkWidget  **column);

G_END_DECLS
