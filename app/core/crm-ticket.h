/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "crm-sla.h"
#include "crm-types.h"

G_BEGIN_DECLS

/* A ticket as a board card shows it (read-only snapshot of one row). */
#define CRM_TYPE_TICKET (crm_ticket_get_type ())
G_DECLARE_FINAL_TYPE (CrmTicket, crm_ticket, CRM, TICKET, GObject)

/* The columns crm_ticket_new_from_row() reads, in order, from tickets t joined
 * with customers c and team_members m (the assignee). */
#define CRM_TICKET_COLUMNS \
  "t.id, t.code, t.title, t.customer_id, c.name, c.code, t.level, t.category, t.status, m.name," \
  " t.created_at, t.first_response_at, t.response_due, t.response_risk_at, t.resolved_at," \
  " t.resolution_due, t.resolution_risk_at, t.paused_since, t.breached, t.confirmed_at, t.updated_at," \
  " t.assignee_id"
#define CRM_TICKET_JOINS \
  " JOIN customers c ON c.id = t.customer_id" \
  " LEFT JOIN team_members m ON m.id = t.assignee_id"

CrmTicket         *crm_ticket_new_from_row         (sqlite3_stmt *row);

gint64             crm_ticket_get_id               (CrmTicket *self);
const char        *crm_ticket_get_code             (CrmTicket *self);
const char        *crm_ticket_get_title            (CrmTicket *self);
gint64             crm_ticket_get_customer_id      (CrmTicket *self);
const char        *crm_ticket_get_customer_name    (CrmTicket *self);
const char        *crm_ticket_get_customer_code    (CrmTicket *self);
int                crm_ticket_get_level            (CrmTicket *self);
CrmTicketCategory  crm_ticket_get_category         (CrmTicket *self);
CrmTicketStatus    crm_ticket_get_status           (CrmTicket *self);
gint64             crm_ticket_get_assignee_id      (CrmTicket *self);   /* 0: nobody */
const char        *crm_ticket_get_assignee_name    (CrmTicket *self);   /* NULL: nobody */
gint64             crm_ticket_get_created_at       (CrmTicket *self);
gint64             crm_ticket_get_first_response_at (CrmTicket *self);  /* 0: none */
gint64             crm_ticket_get_resolved_at      (CrmTicket *self);   /* 0: none */
gint64             crm_ticket_get_confirmed_at     (CrmTicket *self);   /* 0: none */
gint64             crm_ticket_get_paused_since     (CrmTicket *self);   /* 0: not paused */
gboolean           crm_ticket_get_breached         (CrmTicket *self);

/* The clock a card shows at @now: which target runs (the response until the
 * first response, then the resolution), its deadline and state; none once
 * resolved (state MET). */
typedef struct {
  gboolean     response;     /* TRUE: the response clock, FALSE: the resolution clock */
  gint64       due;
  CrmSlaState  state;        /* ON_TRACK, AT_RISK, BREACHED, PAUSED, or MET when resolved */
} CrmTicketClock;

void               crm_ticket_get_clock            (CrmTicket      *self,
                                                    gint64          now,
                                                    CrmTicketClock *clock);

G_END_DECLS
