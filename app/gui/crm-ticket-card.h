/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-ticket.h"

G_BEGIN_DECLS

/* One ticket on the board: level, code, title, customer, category, assignee
 * and its running SLA clock, coloured on track / at risk / breached. */
#define CRM_TYPE_TICKET_CARD (crm_ticket_card_get_type ())
G_DECLARE_FINAL_TYPE (CrmTicketCard, crm_ticket_card, CRM, TICKET_CARD, GtkWidget)

GtkWidget *crm_ticket_card_new         (void);
/* Shows @ticket (NULL: nothing) with its clock at @now. */
void       crm_ticket_card_set_ticket  (CrmTicketCard *self,
                                        CrmTicket     *ticket,
                                        gint64         now);
CrmTicket *crm_ticket_card_get_ticket  (CrmTicketCard *self);
/* Moves the clock on to @now (every minute). */
void       crm_ticket_card_update_clock (CrmTicketCard *self,
                                         gint64         now);
/* The clock's text, e.g. "Response in 35 min", "Resolution overdue by 2 h",
 * "Paused — waiting on the customer"; and its style class ("on-track",
 * "at-risk", "breached", "paused", "met"). */
char      *crm_ticket_clock_describe   (CrmTicket     *ticket,
                                        gint64         now,
                                        const char   **style);

G_END_DECLS
