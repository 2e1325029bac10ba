/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-sla.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Tickets: customer problems with a level, a service-level clock and a full
 * event log (DOMAIN.md, "Problems and tickets").  Every action below is one
 * transaction: the ticket row, its event(s), its recomputed deadlines and any
 * follow-up it schedules commit together or not at all, then the store
 * announces CRM_CHANGE_TICKET (and CRM_CHANGE_FOLLOWUP when one was made).
 *
 * Deadlines: computed from creation by crm_sla_compute() with the policy of the
 * ticket's level (the VIP policy when the customer is VIP or a key account and
 * that policy is enabled), the working-time calendar, and the pauses read from
 * the event log (spans in Waiting on Customer, and spans between a resolution
 * and a reopen).  They are stored on the row: response_due, resolution_due,
 * response_risk_at, resolution_risk_at (80 %), next_due (the deadline that
 * matters now: response_due until the first response, then resolution_due;
 * NULL once resolved), recomputed on every action. */

/* What the ticket form edits. */
typedef struct {
  gint64             customer_id;
  gint64             contact_id;      /* 0: none */
  char              *title;
  char              *description;
  CrmTicketCategory  category;
  int                level;           /* 1–3 */
  gint64             assignee_id;     /* 0: the default — level 1: the supervisor of the
                                       * customer's owner (else any supervisor); levels 2–3:
                                       * the customer's owner, else the current user */
  int                department;      /* -1: none; 0 technical, 1 product, 2 after-sales */
} CrmTicketDraft;

void     crm_ticket_draft_init      (CrmTicketDraft *draft);
void     crm_ticket_draft_clear     (CrmTicketDraft *draft);
void     crm_ticket_draft_normalize (CrmTicketDraft *draft);   /* trims; empty texts become NULL */
gboolean crm_ticket_draft_equal     (const CrmTicketDraft *a,
                                     const CrmTicketDraft *b);

typedef enum {
  CRM_TICKET_FIELD_CUSTOMER,
  CRM_TICKET_FIELD_TITLE,
  CRM_TICKET_FIELD_LEVEL,
  CRM_TICKET_FIELD_CATEGORY,
  CRM_TICKET_FIELD_DEPARTMENT,
  CRM_N_TICKET_FIELDS
} CrmTicketField;

typedef struct {
  char *messages[CRM_N_TICKET_FIELDS];
} CrmTicketValidation;

/* A customer and a title are required; level 1–3, a known category and
 * department.  One message per wrong field.  TRUE if all is well. */
gboolean crm_ticket_draft_validate   (const CrmTicketDraft *draft,
                                      CrmTicketValidation  *result);
void     crm_ticket_validation_clear (CrmTicketValidation  *result);

/* A new ticket (status New), code "TK" + year + 6-digit sequence, its deadlines,
 * and the event "created".  Returns the id, or 0 with @error
 * (CRM_STORE_ERROR_INVALID when the draft does not validate: nothing written). */
gint64   crm_store_create_ticket     (CrmStore             *store,
                                      const CrmTicketDraft *draft,
                                      GError              **error);
/* Changes what the form edits.  A level change records a "level" event
 * (old → new) and recomputes the deadlines from creation; an assignee change a
 * "reassign" event; other edits a "comment"-free update (no event). */
gboolean crm_store_update_ticket     (CrmStore             *store,
                                      gint64                ticket_id,
                                      const CrmTicketDraft *draft,
                                      GError              **error);
gboolean crm_store_load_ticket_draft (CrmStore             *store,
                                      gint64                ticket_id,
                                      CrmTicketDraft       *draft,
                                      GError              **error);

/* The first response to the customer ("received, being handled"): a "response"
 * event with @note; the first one sets first_response_at.  A New ticket moves
 * to In Progress with it. */
gboolean crm_store_respond_ticket    (CrmStore    *store,
                                      gint64       ticket_id,
                                      const char  *note,
                                      GError     **error);
gboolean crm_store_comment_ticket    (CrmStore    *store,
                                      gint64       ticket_id,
                                      const char  *note,      /* required */
                                      GError     **error);

/* Moves a ticket to another column (what a drag on the board does), with a
 * "status" event (old → new, optional @note):
 * - to Waiting on Customer: the clock pauses; leaving it resumes the clock;
 * - to Resolved: refused (CRM_STORE_ERROR_INVALID) — use crm_store_resolve_ticket;
 * - from Resolved or Closed back to New / In Progress / Waiting: a reopen
 *   ("reopen" event, resolved_at cleared, the clock resumes where it stopped);
 * - to Closed: from Resolved only (refused from the open columns).
 * Moving to the column it is in does nothing and returns TRUE. */
gboolean crm_store_move_ticket       (CrmStore         *store,
                                      gint64            ticket_id,
                                      CrmTicketStatus   status,
                                      const char       *note,
                                      GError          **error);
/* Resolution (required) and compensation (optional): "resolution" and "status"
 * events; a complaint gets its follow-up call planned within 2 hours of now
 * (rule_key "complaint_followup", owner the customer's owner), in the same
 * transaction.  Returns the follow-up's id through @followup_id (0: none). */
gboolean crm_store_resolve_ticket    (CrmStore    *store,
                                      gint64       ticket_id,
                                      const char  *resolution,
                                      const char  *compensation,
                                      gint64      *followup_id,
                                      GError     **error);
/* "Customer confirmed it is solved": a step of its own, for a Resolved or
 * Closed ticket (refused otherwise); sets confirmed_at. */
gboolean crm_store_confirm_ticket    (CrmStore    *store,
                                      gint64       ticket_id,
                                      const char  *note,
                                      GError     **error);
gboolean crm_store_reassign_ticket   (CrmStore    *store,
                                      gint64       ticket_id,
                                      gint64       assignee_id,
                                      GError     **error);
gboolean crm_store_set_ticket_level  (CrmStore    *store,
                                      gint64       ticket_id,
                                      int          level,
                                      GError     **error);

/* The escalation pass (run every minute by the window, and by the background
 * instance): every open, unpaused ticket past a deadline not escalated yet for
 * that deadline is marked breached and gets an "escalation" event to the
 * supervisor (actor = the supervisor; new_value "response" or "resolution";
 * old_value the deadline as unix seconds, so a recomputed deadline escalates
 * again only when it too passes).  Returns how many were escalated. */
guint    crm_store_escalate_tickets  (CrmStore    *store,
                                      GError     **error);

/* How many tickets are open (New, In Progress, Waiting on Customer): the sidebar's count. */
gint64   crm_store_count_open_tickets (CrmStore   *store);

/* The ticket's SLA now, from its row and event log. */
gboolean crm_store_get_ticket_sla    (CrmStore      *store,
                                      gint64         ticket_id,
                                      CrmSlaStatus  *status,
                                      GError       **error);

/* The detail page: the row and the event log, oldest first. */
typedef struct {
  gint64              id;
  CrmTicketEventKind  kind;
  gint64              at;
  char               *actor_name;   /* NULL: nobody recorded */
  char               *old_value;
  char               *new_value;
  char               *note;
} CrmTicketEvent;

typedef struct {
  gint64             id;
  char              *code;
  gint64             customer_id;
  char              *customer_name;
  char              *customer_code;
  gint64             contact_id;
  char              *contact_name;
  char              *title;
  char              *description;
  int                level;
  CrmTicketCategory  category;
  CrmTicketStatus    status;
  gint64             assignee_id;
  char              *assignee_name;
  int                department;       /* -1: none */
  gint64             created_at;
  gint64             first_response_at; /* 0: none */
  gint64             resolved_at;       /* 0: none */
  gint64             closed_at;         /* 0: none */
  gint64             confirmed_at;      /* 0: none */
  gboolean           breached;
  char              *resolution;
  char              *compensation;
  CrmSlaStatus       sla;              /* at the store's now */
  GPtrArray         *events;           /* CrmTicketEvent, oldest first */
} CrmTicketDetail;

CrmTicketDetail *crm_store_load_ticket_detail (CrmStore         *store,
                                               gint64            ticket_id,
                                               GError          **error);
void             crm_ticket_detail_free       (CrmTicketDetail  *detail);

/* An event as one line of the log, translated: "Status: New → In Progress",
 * "Level: Level 3 — General → Level 1 — Urgent", "Escalated to the supervisor:
 * the response deadline passed" … (the note is shown under it). */
char            *crm_ticket_event_describe    (const CrmTicketEvent *event);

/* CSV of every ticket (DESIGN.md's columns: code, customer_code, title, level,
 * status, category, created_at, first_response_at, response_due, resolved_at,
 * resolution_due, breached, then assignee, department, closed_at, confirmed_at),
 * RFC 4180 quoting, ISO 8601 timestamps with offset, optional UTF-8 BOM.
 * Written to a temporary file and renamed (mode 0600). */
gboolean crm_store_export_tickets_csv (CrmStore     *store,
                                       const char   *path,
                                       gboolean      bom,
                                       GError      **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmTicketDraft, crm_ticket_draft_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmTicketValidation, crm_ticket_validation_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTicketDetail, crm_ticket_detail_free)

G_END_DECLS
