/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* One ticket: its header with the level and the two SLA clocks (first response
 * and resolution), the facts (customer, contact, assignee, department, times),
 * description, resolution, the whole event log, and the steps that make sense
 * for its status (respond, comment, move, resolve, confirm, close, reopen,
 * reassign, change the level, edit).  Reloads by itself when the store
 * announces a change of the ticket; the clocks move on every 30 s while mapped.
 *
 * Widget actions (with their shortcuts while the focus is in the page):
 *   ticket.respond (Ctrl+R), ticket.comment (Ctrl+M), ticket.move (i, a status),
 *   ticket.move-menu (Ctrl+Shift+M), ticket.resolve (Ctrl+Shift+R),
 *   ticket.confirm (Ctrl+Shift+C), ticket.close, ticket.reopen,
 *   ticket.reassign (x, a team member), ticket.reassign-menu (Ctrl+Shift+A),
 *   ticket.set-level (i, 1–3), ticket.level-menu (Ctrl+Shift+L),
 *   ticket.edit (Ctrl+E: the window's "win.edit-ticket"),
 *   ticket.show-customer (the window's "win.show-customer"). */
#define CRM_TYPE_TICKET_DETAIL_PAGE (crm_ticket_detail_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmTicketDetailPage, crm_ticket_detail_page, CRM, TICKET_DETAIL_PAGE, AdwBin)

CrmTicketDetailPage *crm_ticket_detail_page_new           (CrmContext          *context);
/* Shows @ticket_id (from the top when it is another ticket than before). */
void                 crm_ticket_detail_page_show          (CrmTicketDetailPage *self,
                                                           gint64               ticket_id);
void                 crm_ticket_detail_page_reload        (CrmTicketDetailPage *self);
gint64               crm_ticket_detail_page_get_ticket_id (CrmTicketDetailPage *self);
/* The ticket's code ("TK2026000123") for the window title; NULL before any
 * ticket is shown.  Also the property "title", notified on change. */
const char          *crm_ticket_detail_page_get_title     (CrmTicketDetailPage *self);

G_END_DECLS
