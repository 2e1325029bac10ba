/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The numbers are stored in the database: never renumber. */

typedef enum {
  CRM_TIER_VIP       = 0,
  CRM_TIER_NORMAL    = 1,
  CRM_TIER_POTENTIAL = 2,
  CRM_N_TIERS
} CrmTier;

typedef enum {
  CRM_CUSTOMER_PERSON  = 0,
  CRM_CUSTOMER_COMPANY = 1,
} CrmCustomerKind;

typedef enum {
  CRM_LIFECYCLE_NEW       = 0,
  CRM_LIFECYCLE_ACTIVE    = 1,
  CRM_LIFECYCLE_MATURE    = 2,
  CRM_LIFECYCLE_DECLINING = 3,
  CRM_LIFECYCLE_CHURNED   = 4,
  CRM_LIFECYCLE_WON_BACK  = 5,
  CRM_N_LIFECYCLES
} CrmLifecycle;

typedef enum {
  CRM_CONTACT_ROLE_DECISION_MAKER = 0,
  CRM_CONTACT_ROLE_INFLUENCER     = 1,
  CRM_CONTACT_ROLE_USER           = 2,
  CRM_N_CONTACT_ROLES
} CrmContactRole;

typedef enum {
  CRM_MEMBER_AGENT      = 0,
  CRM_MEMBER_SUPERVISOR = 1,
  CRM_MEMBER_MANAGER    = 2,
  CRM_N_MEMBER_ROLES
} CrmMemberRole;

typedef enum {
  CRM_CHANNEL_PHONE   = 0,
  CRM_CHANNEL_EMAIL   = 1,
  CRM_CHANNEL_VISIT   = 2,
  CRM_CHANNEL_CHAT    = 3,
  CRM_CHANNEL_MEETING = 4,
  CRM_CHANNEL_SMS     = 5,
  CRM_CHANNEL_SOCIAL  = 6,
  CRM_CHANNEL_OTHER   = 7,
  CRM_N_CHANNELS
} CrmChannel;

typedef enum {
  CRM_TICKET_NEW         = 0,
  CRM_TICKET_IN_PROGRESS = 1,
  CRM_TICKET_WAITING     = 2,
  CRM_TICKET_RESOLVED    = 3,
  CRM_TICKET_CLOSED      = 4,
  CRM_N_TICKET_STATUSES
} CrmTicketStatus;

typedef enum {
  CRM_TICKET_CONSULTATION = 0,
  CRM_TICKET_COMPLAINT    = 1,
  CRM_TICKET_FAULT        = 2,
  CRM_TICKET_NEEDS_CHANGE = 3,
  CRM_TICKET_EXPERIENCE   = 4,
  CRM_N_TICKET_CATEGORIES
} CrmTicketCategory;

typedef enum {
  CRM_TICKET_EVENT_CREATED      = 0,
  CRM_TICKET_EVENT_RESPONSE     = 1,
  CRM_TICKET_EVENT_STATUS       = 2,
  CRM_TICKET_EVENT_COMMENT      = 3,
  CRM_TICKET_EVENT_REASSIGN     = 4,
  CRM_TICKET_EVENT_LEVEL        = 5,
  CRM_TICKET_EVENT_ESCALATION   = 6,
  CRM_TICKET_EVENT_RESOLUTION   = 7,
  CRM_TICKET_EVENT_CONFIRMATION = 8,
  CRM_TICKET_EVENT_REOPEN       = 9,
} CrmTicketEventKind;

typedef enum {
  CRM_FOLLOWUP_CALL     = 0,
  CRM_FOLLOWUP_VISIT    = 1,
  CRM_FOLLOWUP_EMAIL    = 2,
  CRM_FOLLOWUP_GREETING = 3,
  CRM_FOLLOWUP_REVIEW   = 4,
  CRM_FOLLOWUP_CARE     = 5,
  CRM_FOLLOWUP_ANALYSIS = 6,
  CRM_FOLLOWUP_OTHER    = 7,
  CRM_N_FOLLOWUP_KINDS
} CrmFollowupKind;

typedef enum {
  CRM_FOLLOWUP_PLANNED = 0,
  CRM_FOLLOWUP_DONE    = 1,
  CRM_FOLLOWUP_SKIPPED = 2,
} CrmFollowupStatus;

/* What changed, as announced by CrmStore::changed after a commit. */
typedef enum {
  CRM_CHANGE_CUSTOMER,
  CRM_CHANGE_CONTACT,
  CRM_CHANGE_INTERACTION,
  CRM_CHANGE_TICKET,
  CRM_CHANGE_FOLLOWUP,
  CRM_CHANGE_SURVEY,
  CRM_CHANGE_PURCHASE,
  CRM_CHANGE_TEAM,
  CRM_CHANGE_SETTINGS,
  CRM_CHANGE_ALL,   /* bulk work (demo data, import, restore): reload everything */
} CrmChangeKind;

const char *crm_tier_to_string          (CrmTier         tier);
const char *crm_lifecycle_to_string     (CrmLifecycle    stage);
const char *crm_contact_role_to_string  (CrmContactRole  role);
const char *crm_member_role_to_string   (CrmMemberRole   role);
const char *crm_customer_kind_to_string (CrmCustomerKind kind);
const char *crm_channel_to_string       (CrmChannel      channel);
const char *crm_channel_icon_name       (CrmChannel      channel);
const char *crm_ticket_status_to_string (CrmTicketStatus status);
const char *crm_ticket_category_to_string (CrmTicketCategory category);
/* "Level 1 — Urgent" … */
const char *crm_ticket_level_to_string  (int             level);
const char *crm_followup_kind_to_string (CrmFollowupKind kind);
const char *crm_ticket_event_kind_to_string (CrmTicketEventKind kind);
const char *crm_price_sensitivity_to_string (int         level);
const char *crm_value_focus_to_string   (int             focus);

G_END_DECLS
