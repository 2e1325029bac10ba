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

/* What the Agenda is sorted by.  Past the planned time, the other keys hold
 * their rows in planned order: a customer's follow-ups, an owner's, a state's.
 * Follow-ups not done yet come after the done ones by their time done, and
 * those of nobody after everybody's, whichever the direction. */
typedef enum {
  CRM_AGENDA_SORT_PLANNED,
  CRM_AGENDA_SORT_ACTUAL,
  CRM_AGENDA_SORT_CODE,
  CRM_AGENDA_SORT_CUSTOMER,
  CRM_AGENDA_SORT_STATE,       /* the open ones (Overdue, Planned) by time, Done, Skipped */
  CRM_AGENDA_SORT_OWNER,
  CRM_AGENDA_SORT_ITEM,
  CRM_AGENDA_SORT_RESULT,      /* those without one last, either way */
  CRM_AGENDA_SORT_NEXT_STEP,   /* likewise */
  CRM_AGENDA_SORT_RULE,        /* by the rule's title; those no rule made last */
  CRM_N_AGENDA_SORTS
} CrmAgendaSort;

typedef struct {
  gint64          from;          /* planned at or after; 0: no start */
  gint64          until;         /* planned before; 0: no end */
  gint64          owner_id;      /* 0: anyone */
  gint64          customer_id;   /* 0: every customer */
  CrmAgendaState  state;
  gboolean        descending;    /* the largest key first */
  CrmAgendaSort   sort;
} CrmAgendaFilter;

#define CRM_AGENDA_FILTER_INIT { 0, 0, 0, 0, CRM_AGENDA_STATE_ANY, FALSE, CRM_AGENDA_SORT_PLANNED }

/* The Agenda: follow-ups by the sort key (then id), smallest first unless
 * descending, filtered in SQL and paged by key.  By planned time it pages
 * along followups_planned (planned_at, id) — or followups_open (status,
 * planned_at, id) with a state, followups_customer with a customer; by the
 * other keys see CRM_AGENDA_SORT_LIMIT.
 * Items are CrmAgendaItem.  Reloads on changes to follow-ups, customers and
 * the team. */
CrmPagedModel *crm_agenda_model_new        (CrmStore              *store);
void           crm_agenda_model_set_filter (CrmPagedModel         *model,
                                            const CrmAgendaFilter *filter);
/* Up to this many rows, the rows the filter selects are sorted for each page.
 * Beyond it, state and time done page along their indexes, and the other
 * keys (in other tables, or free text) leave the list in planned order
 * instead: is_sort_limited says so. */
#define CRM_AGENDA_SORT_LIMIT 20000

void           crm_agenda_model_set_sort_limit (CrmPagedModel     *model,
                                                guint              limit);
guint          crm_agenda_model_get_sort_limit (CrmPagedModel     *model);
gboolean       crm_agenda_model_is_sort_limited (CrmPagedModel    *model);
/* The filter set last */
void           crm_agenda_model_get_filter (CrmPagedModel         *model,
                                            CrmAgendaFilter       *filter);

G_END_DECLS
