/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-paged-model.h"
#include "crm-ticket.h"

G_BEGIN_DECLS

/* The board's filters (all optional). */
typedef struct {
  int     level;          /* 0: any, else 1–3 */
  gint64  assignee_id;    /* 0: anyone */
  gint64  customer_id;    /* 0: every customer */
  int     category;       /* -1: any */
  gboolean breached_only; /* past a deadline (breached flag, or a deadline passed at now) */
  const char *text;       /* words in the code or title; NULL for all */
} CrmTicketFilter;

#define CRM_TICKET_FILTER_INIT { 0, 0, 0, -1, FALSE, NULL }

/* How far back the Closed column reaches; older ones are found by search. */
#define CRM_TICKET_CLOSED_DAYS 30

/* One column of the board: tickets of @status, paged by key in SQL.
 * New, In Progress and Waiting on Customer: the most urgent first (next_due,
 * then id).  Resolved: the most recently changed first.  Closed: those closed in
 * the last CRM_TICKET_CLOSED_DAYS days (all of them when a text or customer
 * filter is set), most recent first.  Items are CrmTicket. */
CrmPagedModel *crm_ticket_list_model_new        (CrmStore              *store,
                                                 CrmTicketStatus        status);
void           crm_ticket_list_model_set_filter (CrmPagedModel         *model,
                                                 const CrmTicketFilter *filter);
CrmTicketStatus crm_ticket_list_model_get_status (CrmPagedModel        *model);

G_END_DECLS
