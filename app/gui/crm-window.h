/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-application.h"
#include "crm-context.h"
#include "crm-calendar-page.h"
#include "crm-reminders.h"
#include "crm-tickets-page.h"
#include "crm-timeline-page.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())
G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow  *crm_window_new             (CrmApplication *application,
                                        CrmContext     *context);
CrmContext *crm_window_get_context     (CrmWindow      *self);
void        crm_window_add_toast       (CrmWindow      *self,
                                        AdwToast       *toast);
/* Opens the customer's profile. */
void        crm_window_show_customer   (CrmWindow      *self,
                                        gint64          customer_id);
/* Opens the customer form: a new customer for @customer_id 0. */
void        crm_window_edit_customer   (CrmWindow      *self,
                                        gint64          customer_id);
const char *crm_window_get_visible_page (CrmWindow     *self);
/* Opens the timeline, narrowed to one customer (0: every customer). */
void        crm_window_show_timeline   (CrmWindow      *self,
                                        gint64          customer_id,
                                        const char     *customer_name);
/* For tests */
GtkWidget  *crm_window_get_customers_page (CrmWindow   *self);
CrmTimelinePage *crm_window_get_timeline_page (CrmWindow *self);
CrmTicketsPage  *crm_window_get_tickets_page  (CrmWindow *self);
CrmCalendarPage *crm_window_get_calendar_page (CrmWindow *self);
/* The Calendar page in @view: "month", "week" or "agenda" */
void             crm_window_show_calendar     (CrmWindow  *self,
                                               const char *view);
void        crm_window_show_tickets    (CrmWindow      *self,
                                        gint64          customer_id,
                                        const char     *customer_name);
void        crm_window_show_ticket     (CrmWindow      *self,
                                        gint64          ticket_id);
/* The Agenda, narrowed to the overdue follow-ups. */
void        crm_window_show_overdue_followups (CrmWindow *self);
/* A reminder that could not be a notification, as a toast with "Open". */
void        crm_window_show_reminder   (CrmWindow         *self,
                                        const CrmReminder *reminder);

G_END_DECLS
