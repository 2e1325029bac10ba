/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* A customer as the lists show it (read-only snapshot of one row). */
#define CRM_TYPE_CUSTOMER (crm_customer_get_type ())
G_DECLARE_FINAL_TYPE (CrmCustomer, crm_customer, CRM, CUSTOMER, GObject)

gint64          crm_customer_get_id              (CrmCustomer *self);
const char     *crm_customer_get_code            (CrmCustomer *self);
const char     *crm_customer_get_name            (CrmCustomer *self);
CrmCustomerKind crm_customer_get_kind            (CrmCustomer *self);
CrmTier         crm_customer_get_tier            (CrmCustomer *self);
const char     *crm_customer_get_industry        (CrmCustomer *self);
gint64          crm_customer_get_owner_id        (CrmCustomer *self);
const char     *crm_customer_get_owner_name      (CrmCustomer *self);
/* 0 when never contacted */
gint64          crm_customer_get_last_contact_at (CrmCustomer *self);
gboolean        crm_customer_get_do_not_contact  (CrmCustomer *self);
gboolean        crm_customer_get_archived        (CrmCustomer *self);
/* -1 when the customer has too little data for a score */
int             crm_customer_get_health_score    (CrmCustomer *self);
/* 0 none, 1 low, 2 medium, 3 high (a CrmRisk) */
int             crm_customer_get_risk            (CrmCustomer *self);

/* A team member: an owner of customers, assignee of tickets. */
#define CRM_TYPE_TEAM_MEMBER (crm_team_member_get_type ())
G_DECLARE_FINAL_TYPE (CrmTeamMember, crm_team_member, CRM, TEAM_MEMBER, GObject)

CrmTeamMember  *crm_team_member_new       (gint64         id,
                                           const char    *name,
                                           CrmMemberRole  role);
gint64          crm_team_member_get_id    (CrmTeamMember *self);
const char     *crm_team_member_get_name  (CrmTeamMember *self);
CrmMemberRole   crm_team_member_get_role  (CrmTeamMember *self);

/* What the customer form edits: the customer and its primary contact.  Plain
 * data, so the form's logic is tested without widgets. */
typedef struct {
  char            *name;
  CrmCustomerKind  kind;
  char            *industry;
  CrmTier          tier;
  CrmLifecycle     lifecycle;
  char            *source;
  gint64           owner_id;          /* 0: nobody */
  char            *first_deal_date;   /* YYYY-MM-DD or NULL */
  char            *birthday;
  char            *anniversary;
  char            *address;
  char            *website;
  gboolean         do_not_contact;
  char            *notes;

  char            *contact_name;
  char            *contact_title;
  CrmContactRole   contact_role;
  char            *phone;
  char            *email;
} CrmCustomerDraft;

void  crm_customer_draft_init  (CrmCustomerDraft *draft);
void  crm_customer_draft_clear (CrmCustomerDraft *draft);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmCustomerDraft, crm_customer_draft_clear)

G_END_DECLS
