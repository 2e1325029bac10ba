/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The playbook: the rules of DOMAIN.md ("Follow-ups and visits") that create
 * follow-ups by themselves, stored in playbook_rules (key, enabled,
 * offset_minutes, params) so the user can turn them on and off and change their
 * offsets in Preferences.  What the offset means depends on the rule:
 *
 *   key                   default  offset is…                         kind      owner
 *   onboarding_thanks     3 days   after the first deal (09:00)       e-mail    owner
 *   onboarding_call       7 days   after the first deal (09:00)       call      owner
 *   onboarding_review     30 days  after the first deal (09:00)       review    owner
 *   after_sales_visit     1 day    after a fault, complaint or        visit     owner
 *                                  service-experience ticket's resolution
 *   complaint_followup    2 hours  after a complaint's resolution     call      owner
 *   satisfaction_high     90 days  after a satisfaction of 4–5        visit     owner
 *   satisfaction_neutral  7 days   after a satisfaction of 3          call      owner
 *   satisfaction_low      24 hours after a satisfaction of 1–2        call      supervisor
 *   key_account_review    30 days  between reviews of key accounts    review    owner
 *   regular_review        90 days  between reviews of the others      review    owner
 *   care_touch            30 days  between non-sales care touches     care      owner
 *   vip_visit             90 days  between VIP visits or sessions     visit     owner
 *   birthday_greeting     1 day    before the birthday (09:00)        greeting  owner
 *   anniversary_greeting  1 day    before the anniversary (09:00)     greeting  owner
 *   holiday_greeting      3 days   before a public holiday (09:00)    greeting  owner
 *   at_risk_analysis      24 hours after the run finds it at risk    analysis  supervisor
 *   no_contact_7          7 days   without contact                    care      owner
 *   no_contact_15         15 days  without contact                    care      owner
 *   no_contact_30         30 days  without contact                    care      owner
 *
 * What a run finds due now (at risk, no contact) is planned from the next
 * working time (the working windows and holidays of crm-worktime.h), so a
 * run at night or on a holiday does not plan calls for then.
 *
 * "owner" is the customer's owner (else the current user); "supervisor" the
 * owner's active supervisor, else the owner when a supervisor or manager,
 * else any supervisor.  Customers archived or marked do-not-contact get
 * nothing.  Every follow-up a rule makes has its rule_key, a translated
 * rule_reason ("No contact for 15 days (last: 2026-11-05)") and a dedup_key
 * (rule, customer, occurrence), so running the rules again never makes a
 * duplicate, and one the user deleted is not made again.
 *
 * Rules do not reach far into the past: onboarding, after-sales and complaint
 * follow-ups planned more than CRM_PLAYBOOK_LOOKBACK_DAYS ago are not made,
 * nor those of satisfaction ratings older than that; at risk and no contact
 * look at the present state.  Greetings and the regular rules make theirs
 * when they come within CRM_PLAYBOOK_HORIZON_DAYS (a birthday or holiday that
 * has passed gets none).  See crm-playbook.c for each rule's occurrence and
 * dedup key. */

#define CRM_PLAYBOOK_LOOKBACK_DAYS 7
#define CRM_PLAYBOOK_HORIZON_DAYS  14
#define CRM_PLAYBOOK_N_RULES       19

typedef enum {
  CRM_PLAYBOOK_UNIT_HOURS,
  CRM_PLAYBOOK_UNIT_DAYS,
} CrmPlaybookUnit;

typedef struct {
  char            *key;
  gboolean         enabled;
  gint64           offset_minutes;
  char            *params;                 /* NULL: none; "name=value;…" */
  /* from the playbook, not stored */
  const char      *title;                  /* translated, for Preferences and the agenda */
  const char      *offset_label;           /* translated: what the offset means ("Days after the first deal") */
  CrmPlaybookUnit  unit;                   /* how Preferences shows the offset; it is a whole number of them */
  gint64           default_offset_minutes;
  gint64           min_offset_minutes;
  gint64           max_offset_minutes;
  CrmFollowupKind  kind;
  gboolean         escalates;              /* goes to the supervisor */
} CrmPlaybookRule;

/* The rule keys in the playbook's order (index < CRM_PLAYBOOK_N_RULES). */
const char *crm_playbook_rule_key       (guint        index);
/* The translated title of a rule ("Birthday greeting"), NULL for an unknown key. */
const char *crm_playbook_rule_title     (const char  *key);

/* Every rule of the playbook, in its order, with what is stored (defaults for
 * rules not stored): an array of CrmPlaybookRule. */
GPtrArray  *crm_playbook_list_rules     (CrmStore    *store,
                                         GError     **error);
void        crm_playbook_rule_free      (CrmPlaybookRule *rule);

/* One rule as stored (its defaults when it is not): for the steps that apply
 * a rule themselves, such as resolving a complaint.  FALSE for an unknown key
 * or when the table cannot be read. */
gboolean    crm_playbook_get_rule       (CrmStore    *store,
                                         const char  *key,
                                         gboolean    *enabled,
                                         gint64      *offset_minutes);

/* Checks an offset typed in Preferences: a whole number of the rule's unit
 * within its bounds.  The message (CRM_STORE_ERROR_INVALID) is for the person
 * who typed it. */
gboolean    crm_playbook_validate_offset (const char *key,
                                          gint64      offset_minutes,
                                          GError    **error);
/* Turns a rule on or off and sets its offset (validated); announces
 * CRM_CHANGE_SETTINGS.  Takes effect at the next run: follow-ups already made
 * stay as they are. */
gboolean    crm_playbook_set_rule       (CrmStore    *store,
                                         const char  *key,
                                         gboolean     enabled,
                                         gint64       offset_minutes,
                                         GError     **error);

typedef struct {
  guint   rules_run;                               /* enabled rules that ran */
  guint   created;                                 /* follow-ups made */
  guint   created_by_rule[CRM_PLAYBOOK_N_RULES];   /* by index of crm_playbook_rule_key() */
  gint64  elapsed_us;
} CrmPlaybookStats;

/* Runs every enabled rule for every customer as of @now: set-based SQL, one
 * transaction per rule (not to be called inside a transaction), cancellable
 * between rules and within one (a cancelled rule is rolled back; the rules
 * before it stay; G_IO_ERROR_CANCELLED).  Meant for a worker thread with a
 * store of its own (see crm_playbook_run_async).  Announces
 * CRM_CHANGE_FOLLOWUP (id 0) on @store when it made any.  @stats may be NULL.
 * Run it at least once a day: what a rule makes is planned from the present
 * (see the lookback and the horizon above). */
gboolean    crm_playbook_run            (CrmStore          *store,
                                         gint64             now,
                                         CrmPlaybookStats  *stats,
                                         GCancellable      *cancellable,
                                         GError           **error);

/* crm_playbook_run in a worker thread, through its own connection to @store's
 * database (@store itself is not used by the thread).  When it made
 * follow-ups, crm_playbook_run_finish() has @store announce
 * CRM_CHANGE_FOLLOWUP (id 0), so the open views reload. */
void        crm_playbook_run_async      (CrmStore            *store,
                                         gint64               now,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    crm_playbook_run_finish     (CrmStore            *store,
                                         GAsyncResult        *result,
                                         CrmPlaybookStats    *stats,
                                         GError             **error);

/* The satisfaction rules for one result, in the caller's transaction (or one
 * of their own): a completed follow-up's satisfaction, or an interaction's.
 * Does nothing without a satisfaction, for a disabled rule, a do-not-contact
 * or archived customer, or when the rule's follow-up already exists.  Returns
 * the id of the follow-up made through @created_id (0: none; may be NULL). */
gboolean    crm_playbook_apply_followup_satisfaction    (CrmStore  *store,
                                                         gint64     followup_id,
                                                         gint64    *created_id,
                                                         GError   **error);
gboolean    crm_playbook_apply_interaction_satisfaction (CrmStore  *store,
                                                         gint64     interaction_id,
                                                         gint64    *created_id,
                                                         GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmPlaybookRule, crm_playbook_rule_free)

G_END_DECLS
