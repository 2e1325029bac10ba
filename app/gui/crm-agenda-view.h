/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-context.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

/* The Calendar page's Agenda: the follow-up plan as a table (customer code,
 * customer, item, status, planned time, actual time, result, next step,
 * owner, rule) over crm-agenda-model, with a filter bar (period, status,
 * owner, order).  Enter opens a follow-up's detail; the Menu key, Shift+F10
 * or a right click offer Complete…, Skip…, Edit… and Delete. */
#define CRM_TYPE_AGENDA_VIEW (crm_agenda_view_get_type ())
G_DECLARE_FINAL_TYPE (CrmAgendaView, crm_agenda_view, CRM, AGENDA_VIEW, GtkBox)

typedef enum {
  CRM_AGENDA_PERIOD_THIS_WEEK,
  CRM_AGENDA_PERIOD_THIS_MONTH,
  CRM_AGENDA_PERIOD_NEXT_30_DAYS,
  CRM_AGENDA_PERIOD_OVERDUE,
  CRM_AGENDA_PERIOD_ALL,
} CrmAgendaPeriod;

CrmAgendaView *crm_agenda_view_new        (CrmContext      *context);
/* For tests and the Calendar page */
CrmPagedModel *crm_agenda_view_get_model  (CrmAgendaView   *self);
void           crm_agenda_view_set_period (CrmAgendaView   *self,
                                           CrmAgendaPeriod  period);
/* The follow-up of the selected row, 0 if none */
gint64         crm_agenda_view_get_selected_id (CrmAgendaView *self);

G_END_DECLS
