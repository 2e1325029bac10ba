/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-agenda-item.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

/* Which follow-ups by state: Overdue is a planned one past its time (at the
 * moment the filter is set), Planned one still ahead. */
typedef enum {
  CRM_AGENDA_STATE_ANY = -1,
  CRM_AGENDA_STATE_PLANNED = CRM_FOLLOWUP_STATE_PLANNED,
  CRM_AGENDA_STATE_DONE = CRM_FOLLOWUP_STATE_DONE,
  CRM_AGENDA_STATE_SKIPPED = CRM_FOLLOWUP_STATE_SKIPPED,
  CRM_AGENDA_STATE_OVERDUE = CRM_FOLLOWUP_STATE_OVERDUE,
} CrmAgendaState;

typedef struct {
  gint64          from;          /* planned at or after; 0: no start */
  gint64          until;         /* planned before; 0: no end */
  gint64          owner_id;      /* 0: anyone */
  gint64          customer_id;   /* 0: every customer */
  CrmAgendaState  state;
  gboolean        descending;    /* latest planned first */
} CrmAgendaFilter;

#define CRM_AGENDA_FILTER_INIT { 0, 0, 0, 0, CRM_AGENDA_STATE_ANY, FALSE }

/* The Agenda: follow-ups by planned time (then id), earliest first unless
 * descending, filtered in SQL and paged along followups_planned (planned_at,
 * id) — or followups_open (status, planned_at, id) with a state,
 * followups_customer with a customer.  Items are CrmAgendaItem.  Reloads on
 * changes to follow-ups, customers and the team. */
CrmPagedModel *crm_agenda_model_new        (CrmStore              *store);
void           crm_agenda_model_set_filter (CrmPagedModel         *model,
                                            const CrmAgendaFilter *filter);
/* The filter set last */
void           crm_agenda_model_get_filter (CrmPagedModel         *model,
                                            CrmAgendaFilter       *filter);

G_END_DECLS
