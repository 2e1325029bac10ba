/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* Everything the customer profile shows, read in one go (one read transaction).
 * Plain data: the page only lays it out, and tests check it without widgets. */

typedef struct {
  gint64          id;
  char           *name;
  char           *title;
  CrmContactRole  role;
  char           *phone;
  char           *email;
  char           *im;
  gboolean        primary;
} CrmProfileContact;

typedef struct {
  gint64      id;
  gint64      occurred_at;
  CrmChannel  channel;
  char       *subject;
  char       *summary;
  char       *contact_name;
  int         satisfaction;   /* 0: none */
} CrmProfileInteraction;

typedef struct {
  gint64            id;
  char             *code;
  char             *title;
  int               level;
  CrmTicketStatus   status;
  CrmTicketCategory category;
  gint64            created_at;
  gint64            response_due;      /* 0: none */
  gint64            first_response_at; /* 0: none yet */
  gint64            resolution_due;
  gboolean          breached;
  char             *assignee_name;
} CrmProfileTicket;

typedef struct {
  gint64            id;
  gint64            planned_at;
  CrmFollowupKind   kind;
  char             *item;
  char             *owner_name;
  gboolean          overdue;
} CrmProfileFollowup;

typedef struct {
  gint64  taken_at;
  int     csat_speed;   /* 0: not asked */
  int     csat_fit;
  int     csat_care;
  int     nps;          /* -1: not asked */
  char   *comment;
} CrmProfileSurvey;

typedef struct {
  gint64  purchased_at;
  char   *product;
  gint64  amount_cents;
  char   *currency;
} CrmProfilePurchase;

/* One entry of the customer's history: everything that happened, by kind. */
typedef enum {
  CRM_PROFILE_EVENT_INTERACTION,
  CRM_PROFILE_EVENT_TICKET,
  CRM_PROFILE_EVENT_FOLLOWUP,
  CRM_PROFILE_EVENT_SURVEY,
  CRM_PROFILE_EVENT_CHANGE,
} CrmProfileEventKind;

typedef struct {
  CrmProfileEventKind kind;
  gint64              at;
  gint64              id;      /* of the interaction, ticket event, follow-up, survey or change */
  gint64              ref_id;  /* what it opens: the ticket of a ticket event, else id */
  int                 code;    /* channel, ticket event kind, follow-up kind, NPS (-1 none) */
  char               *title;   /* subject, ticket code and title, follow-up item, changed field */
  char               *detail;  /* summary, ticket note, result, survey comment, "old → new" */
  char               *old_value; /* a ticket event's values (assignees as names), else NULL */
  char               *new_value;
} CrmProfileEvent;

#define CRM_PROFILE_HISTORY 15

typedef struct {
  gint64           id;
  char            *code;
  char            *name;
  CrmCustomerKind  kind;
  CrmTier          tier;
  int              key_account;
  CrmLifecycle     lifecycle;
  char            *industry;
  gint64           staff_count;          /* -1: unknown */
  gint64           annual_revenue_cents; /* -1: unknown */
  char            *source;
  char            *owner_name;
  char            *first_deal_date;
  char            *birthday;
  char            *anniversary;
  char            *address;
  char            *website;
  gboolean         do_not_contact;
  char            *notes;
  gint64           last_contact_at;
  gboolean         archived;

  /* Needs & preferences */
  gboolean         has_needs;
  char            *preferred_products;
  int              price_sensitivity;       /* -1: unknown */
  int              expected_response_hours; /* -1: unknown */
  int              value_focus;             /* -1: unknown */
  GStrv            tags;

  GPtrArray       *contacts;       /* CrmProfileContact, primary first */
  GPtrArray       *interactions;   /* CrmProfileInteraction, newest first, at most 10 */
  gint64           n_interactions;
  GPtrArray       *open_tickets;   /* CrmProfileTicket, most urgent first */
  GPtrArray       *overdue_followups;  /* CrmProfileFollowup, oldest first */
  GPtrArray       *upcoming_followups; /* CrmProfileFollowup, soonest first, at most 10 */
  GPtrArray       *surveys;        /* CrmProfileSurvey, newest first, at most 8 */
  GPtrArray       *purchases;      /* CrmProfilePurchase, newest first, at most 10 */
  GPtrArray       *history;        /* CrmProfileEvent, newest first, at most CRM_PROFILE_HISTORY + 1
                                    * (one more than shown: there are earlier ones) */
  gint64           n_purchases;
  gint64           purchases_total_cents;
  gint64           last_purchase_at;
} CrmProfile;

#define CRM_PROFILE_RECENT_INTERACTIONS 10

/* What a recorded profile change changed, as shown: "primary_contact" → "Primary contact" */
const char *crm_profile_field_name (const char *field);

/* The customer's history, newest first; after = NULL starts at the newest,
 * otherwise continues below that entry.  Appends CrmProfileEvent to out
 * (free func crm_profile_event_free). */
gboolean    crm_profile_load_history (CrmStore               *store,
                                      gint64                  customer_id,
                                      const CrmProfileEvent  *after,
                                      guint                   limit,
                                      GPtrArray              *out,
                                      GError                **error);
void        crm_profile_event_free   (gpointer                data);

CrmProfile *crm_store_load_profile (CrmStore   *store,
                                    gint64      customer_id,
                                    GError    **error);
void        crm_profile_free       (CrmProfile *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmProfile, crm_profile_free)

G_END_DECLS
