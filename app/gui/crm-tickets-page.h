/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"
#include "crm-ticket-column.h"

G_BEGIN_DECLS

/* The page "Tickets": a board with the columns New, In Progress, Waiting on
 * Customer, Resolved and Closed, filters (level, assignee, customer, category,
 * breached only, words of the code or title), cards moved by dragging or from
 * their menu, and their SLA clocks running. */
#define CRM_TYPE_TICKETS_PAGE (crm_tickets_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmTicketsPage, crm_tickets_page, CRM, TICKETS_PAGE, AdwBin)

CrmTicketsPage  *crm_tickets_page_new          (CrmContext      *context);
/* Narrows the board to one customer (0: every customer). */
void             crm_tickets_page_set_customer (CrmTicketsPage  *self,
                                                gint64           customer_id,
                                                const char      *customer_name);
CrmTicketColumn *crm_tickets_page_get_column   (CrmTicketsPage  *self,
                                                CrmTicketStatus  status);
/* What a drop or the card menu does: moves the ticket, asking for the
 * resolution first when it goes to Resolved; refusals become a toast. */
void             crm_tickets_page_move_ticket  (CrmTicketsPage  *self,
                                                gint64           ticket_id,
                                                CrmTicketStatus  status);

G_END_DECLS
