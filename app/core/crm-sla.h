/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"
#include "crm-worktime.h"

G_BEGIN_DECLS

/* Service levels of tickets: how long a first response and a resolution may
 * take, per level (1 urgent … 3 general) and for VIP customers, around the
 * clock or in working time (see CrmWorkCalendar). */

typedef struct {
  int       level;            /* 1 … 3 */
  gboolean  vip;
  gint64    respond_minutes;
  gint64    resolve_minutes;
  gboolean  working_time;     /* FALSE: around the clock */
  gboolean  enabled;          /* only meaningful for the VIP rows */
} CrmSlaPolicy;

/* The longest target a policy may set (366 days). */
#define CRM_SLA_MAX_MINUTES (366 * 24 * 60)

typedef enum {
  CRM_SLA_FIELD_NONE,
  CRM_SLA_FIELD_LEVEL,
  CRM_SLA_FIELD_RESPOND,
  CRM_SLA_FIELD_RESOLVE,
} CrmSlaField;

/* The policy of @level; with @vip, the VIP row if it is enabled, else the ordinary row. */
gboolean    crm_sla_policy_load      (CrmStore            *store,
                                      int                  level,
                                      gboolean             vip,
                                      CrmSlaPolicy        *out,
                                      GError             **error);
/* Exactly the stored row (@level, @vip), whether or not it is enabled: what the
 * Preferences show (CRM_STORE_ERROR_NOT_FOUND if there is none). */
gboolean    crm_sla_policy_load_row  (CrmStore            *store,
                                      int                  level,
                                      gboolean             vip,
                                      CrmSlaPolicy        *out,
                                      GError             **error);
/* Checks what a form will save: level 1–3, both times from 1 minute to
 * CRM_SLA_MAX_MINUTES, resolution no shorter than response.  On failure, @field
 * (may be NULL) says where to show the message (CRM_STORE_ERROR_INVALID). */
gboolean    crm_sla_policy_validate  (const CrmSlaPolicy  *policy,
                                      CrmSlaField         *field,
                                      GError             **error);
/* Validates, then stores the row (level, vip).  Announces CRM_CHANGE_SETTINGS. */
gboolean    crm_sla_policy_save      (CrmStore            *store,
                                      const CrmSlaPolicy  *policy,
                                      GError             **error);

typedef struct {
  gint64 start;
  gint64 end;     /* 0: still paused */
} CrmSlaPause;

typedef struct {
  gint64             created_at;
  gint64             first_response_at;   /* 0: none yet */
  gint64             resolved_at;         /* 0: not resolved (a reopened ticket has 0 again) */
  const CrmSlaPause *pauses;              /* sorted, non-overlapping: waiting on the customer,
                                           * and resolved-then-reopened spans */
  guint              n_pauses;
} CrmSlaClockInput;

typedef enum {
  CRM_SLA_ON_TRACK,
  CRM_SLA_AT_RISK,
  CRM_SLA_BREACHED,
  CRM_SLA_MET,
  CRM_SLA_PAUSED,
} CrmSlaState;

/* Percentage of the target at which a ticket is at risk (reached exactly: at risk). */
#define CRM_SLA_AT_RISK_PERCENT 80

typedef struct {
  gint64       due;          /* the deadline given the pauses so far (while paused: as if it resumed now);
                              * G_MAXINT64 if the calendar has no working time */
  gint64       used;         /* seconds of SLA time used until now, or until met */
  gint64       target;       /* seconds */
  CrmSlaState  state;        /* MET: the event on or before due; BREACHED: now > due, or met late */
  gboolean     met_late;
  gint64       at_risk_at;   /* when 80 % of the target is used */
} CrmSlaTarget;

typedef struct {
  CrmSlaTarget response;
  CrmSlaTarget resolution;
} CrmSlaStatus;

/* SLA time runs from created_at in the policy's clock (wall seconds, or the
 * working seconds of @cal, which may be NULL for an around-the-clock policy),
 * except in pauses; a target's deadline is when it reaches the target.  Only the
 * pauses before the event (response, resolution), or before @now while there
 * is none, count; an open pause ends at @now.  A level change is a call with
 * the other policy: deadlines always count from creation.  The policy's
 * enabled flag is not looked at. */
void        crm_sla_compute          (const CrmSlaPolicy     *policy,
                                      const CrmWorkCalendar  *cal,
                                      const CrmSlaClockInput *in,
                                      gint64                  now,
                                      CrmSlaStatus           *out);

/* How much SLA time is left: "in 35 min", "in 2 h 10 min", "in 3 days";
 * negative: "overdue by 15 min", "overdue by 2 h". */
char       *crm_sla_format_remaining (gint64                  seconds);

G_END_DECLS
