/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* Reminders: which are due when (issue 8).  Only the decisions live here — what
 * to announce now, what was announced, what is snoozed; how a reminder is shown
 * (libnotify, a banner in the window) is the GUI's business.  A pass is
 *
 *   reminders = crm_reminders_due (store, now, last_pass, &settings, &error);
 *   for each: show it, then crm_reminders_mark_sent (store, reminder, now, …);
 *   wake up again at crm_reminders_next_wakeup (store, now, &settings), and
 *   after the store's ::changed (a new follow-up, a recomputed score).
 *
 * What is announced, and when (local time):
 *
 *   kind                     announced at                        key due_at (*)
 *   FOLLOWUP_DUE             planned_at − lead                   planned_at
 *   FOLLOWUPS_OVERDUE        morning_minute, once a day, when    that morning
 *                            there are overdue follow-ups
 *   RESPONSE/RESOLUTION_     response_risk_at / resolution_      the deadline (next_due)
 *     AT_RISK                risk_at (80 %) of the target that
 *                            runs now, until its deadline
 *   RESPONSE/RESOLUTION_     the deadline passed (now > due)     the deadline (next_due)
 *     BREACHED (critical)
 *   BIRTHDAY, ANNIVERSARY    morning_minute the day before       the day (local midnight)
 *   AT_RISK_CUSTOMER         when the score made it at risk      customer_scores.at_risk_since
 *
 *   (*) reminder_log's key is (item kind, item id, reminder kind, due_at): a
 *   reminder is announced once per key, across restarts.  A rescheduled
 *   follow-up or a recomputed deadline is a new key, so it is announced again;
 *   a changed lead time is not.
 *
 * - Follow-ups: planned ones (status Planned), not those entered after their
 *   planned time (created_at > planned_at).  The morning summary counts the
 *   planned follow-ups whose time has passed; it is announced once per local
 *   day (however morning_minute changes), from morning_minute on.
 * - Tickets: open (New, In Progress, Waiting) tickets, only the target that runs
 *   now (next_due: the response until the first response, then the
 *   resolution), so a met target is never announced.  At risk only while the
 *   clock runs (not while waiting on the customer) and the deadline has not
 *   passed; a breach also while waiting when the deadline passed before the
 *   pause.  A breach is one reminder with two recipients: recipient_id (the
 *   assignee) and supervisor_id (whom the escalation pass tells: the assignee's
 *   supervisor, else the customer owner's, else any supervisor, else a manager)
 *   — one notification on a shared desk, not two.
 * - Birthdays and anniversaries (customers.birthday / anniversary, YYYY-MM-DD or
 *   --MM-DD; 29 February on the 28th in other years; an anniversary from its
 *   first year on) of customers neither archived nor do-not-contact, announced
 *   the day before from morning_minute, or on the day itself when that was
 *   missed.  Not when the playbook planned the greeting as a follow-up (its
 *   dedup key "birthday_greeting:<customer>:<year>", "anniversary_greeting:…"):
 *   that follow-up's own reminder announces it.
 * - At-risk customers: those whose risk turned from none to some (a trigger
 *   keeps customer_scores.at_risk_since), not archived.
 *
 * Whose: settings.recipient_id (the team member marked as the user, see
 * crm_reminder_settings_load).  Then only that person's reminders are
 * announced — follow-ups they own, tickets assigned to them, breaches of which
 * they are the assignee or the supervisor, customers they own — and those of
 * items nobody owns.  0: everybody's.
 *
 * Catch-up: a pass looks back CRM_REMINDERS_CATCH_UP_HOURS for what was not
 * announced yet; older ones are dropped (but a ticket still at risk is
 * announced however long ago it reached 80 %, and a snoozed reminder however
 * long ago it was due).  A reminder announced more than
 * CRM_REMINDERS_MISSED_AFTER seconds after its time is "missed" (a suspend, a
 * night off, quiet hours).  When a pass has more than group_above missed ones,
 * they become one CRM_REMINDER_GROUP ("5 reminders while Rapport was not
 * running", the first few listed in the body); missed breaches are grouped
 * alike, apart, and stay critical.  The morning summary is never grouped.
 *
 * Quiet hours (quiet_start to quiet_end, across midnight when start > end; none
 * when equal): every reminder but breaches is held, and announced at quiet_end.
 *
 * Snoozes (the snoozes table, per item and reminder kind, without the due
 * time): a snoozed reminder is held until then, then announced once more
 * (whether or not it was announced before) — if it still applies: a follow-up
 * done meanwhile, a ticket resolved, is not announced. */

/* Stored in reminder_log and snoozes: never renumber. */
typedef enum {
  CRM_REMINDER_ITEM_NONE     = 0,   /* a group */
  CRM_REMINDER_ITEM_FOLLOWUP = 1,
  CRM_REMINDER_ITEM_TICKET   = 2,
  CRM_REMINDER_ITEM_CUSTOMER = 3,
  CRM_REMINDER_ITEM_DAY      = 4,   /* the morning summary (item_id 0) */
} CrmReminderItem;

/* Stored in reminder_log and snoozes: never renumber. */
typedef enum {
  CRM_REMINDER_FOLLOWUP_DUE        = 0,
  CRM_REMINDER_FOLLOWUPS_OVERDUE   = 1,
  CRM_REMINDER_RESPONSE_AT_RISK    = 2,
  CRM_REMINDER_RESOLUTION_AT_RISK  = 3,
  CRM_REMINDER_RESPONSE_BREACHED   = 4,
  CRM_REMINDER_RESOLUTION_BREACHED = 5,
  CRM_REMINDER_BIRTHDAY            = 6,
  CRM_REMINDER_ANNIVERSARY         = 7,
  CRM_REMINDER_AT_RISK_CUSTOMER    = 8,
  CRM_REMINDER_GROUP               = 9,   /* never stored: its items are */
} CrmReminderKind;

/* How far back a pass looks for what was not announced. */
#define CRM_REMINDERS_CATCH_UP_HOURS 72
/* Announced this long (seconds) after its time, a reminder was missed. */
#define CRM_REMINDERS_MISSED_AFTER   (10 * 60)

typedef struct {
  CrmReminderKind  kind;
  CrmReminderItem  item_kind;       /* what Open opens: the follow-up, ticket or customer */
  gint64           item_id;
  gint64           due_at;          /* the key's due time (see the table above) */
  gint64           announce_at;     /* when it became due for announcing (a snooze: its end) */
  gboolean         missed;          /* announced more than CRM_REMINDERS_MISSED_AFTER late */
  gint64           customer_id;     /* 0: none (the summary, a group) */
  char            *customer_name;
  char            *summary;         /* translated: "Call 张伟 (Acme) at 14:30" */
  char            *body;            /* translated, may be NULL */
  gboolean         critical;        /* breaches: keep on screen */
  gint64           recipient_id;    /* owner or assignee; 0: nobody */
  gint64           supervisor_id;   /* breaches: also told; else 0 */
  GPtrArray       *items;           /* CRM_REMINDER_GROUP: the CrmReminder it stands for; else NULL */
} CrmReminder;

#define CRM_TYPE_REMINDER (crm_reminder_get_type ())

GType        crm_reminder_get_type (void) G_GNUC_CONST;
CrmReminder *crm_reminder_copy     (const CrmReminder *reminder);
void         crm_reminder_free     (CrmReminder       *reminder);

/* ---- settings (the settings table, "reminders.*", in minutes) ---- */

typedef struct {
  int     lead_minutes;     /* "reminders.lead_minutes" 0–1440, default 15 */
  int     quiet_start;      /* "reminders.quiet_start", minute of the day 0–1439, default 21:00 */
  int     quiet_end;        /* "reminders.quiet_end", default 08:00; equal to quiet_start: no quiet hours */
  int     morning_minute;   /* "reminders.morning_minute", the overdue summary, default 08:30 */
  int     group_above;      /* "reminders.group_above" 0–99: more missed ones than this are grouped; default 3 */
  gint64  recipient_id;     /* not stored: whose reminders (0: everybody's) */
} CrmReminderSettings;

#define CRM_REMINDERS_MAX_LEAD_MINUTES 1440
#define CRM_REMINDERS_MAX_GROUP_ABOVE  99

typedef enum {
  CRM_REMINDER_FIELD_NONE,
  CRM_REMINDER_FIELD_LEAD,
  CRM_REMINDER_FIELD_QUIET_START,
  CRM_REMINDER_FIELD_QUIET_END,
  CRM_REMINDER_FIELD_MORNING,
  CRM_REMINDER_FIELD_GROUP_ABOVE,
} CrmReminderField;

/* The defaults, recipient 0. */
void     crm_reminder_settings_init     (CrmReminderSettings        *settings);
/* The stored settings (a missing or unreadable value: its default) and, as
 * recipient, the active team member marked as the user (is_self), else 0. */
gboolean crm_reminder_settings_load     (CrmStore                   *store,
                                         CrmReminderSettings        *settings,
                                         GError                    **error);
/* Lead 0–1440 minutes, times of day 0–1439, group_above 0–99.  On failure
 * @field (may be NULL) says where to show the message (CRM_STORE_ERROR_INVALID). */
gboolean crm_reminder_settings_validate (const CrmReminderSettings  *settings,
                                         CrmReminderField           *field,
                                         GError                    **error);
/* Validates, then stores all of them in one transaction (recipient_id is not
 * stored).  Announces CRM_CHANGE_SETTINGS. */
gboolean crm_reminder_settings_save     (CrmStore                   *store,
                                         const CrmReminderSettings  *settings,
                                         GError                    **error);

/* ---- a pass ---- */

/* What to announce at @now: an array of CrmReminder (critical ones first, then
 * by announce_at), already grouped; never what reminder_log has (unless snoozed
 * since), nothing snoozed until later, nothing but breaches in quiet hours.
 * @since is the time of the previous pass (0: none); when no pass ran in the
 * last CRM_REMINDERS_MISSED_AFTER seconds, a group says the reminders came
 * while Rapport was not running.  Reads only.  NULL with @error.
 * On the benchmark database (100,000 customers, 200,000 tickets, one of its
 * agents as the user) a pass takes about 8 ms once caught up; the very first,
 * with some 1,500 reminders of the last three days to catch up on, 20 ms warm,
 * up to 0.3 s straight from disk: a first pass belongs in a worker thread. */
GPtrArray *crm_reminders_due         (CrmStore                  *store,
                                      gint64                     now,
                                      gint64                     since,
                                      const CrmReminderSettings *settings,
                                      GError                   **error);

/* Records that @reminder was announced at @now (every item of a group), and
 * ends its snooze.  One transaction. */
gboolean   crm_reminders_mark_sent   (CrmStore                  *store,
                                      const CrmReminder         *reminder,
                                      gint64                     now,
                                      GError                   **error);

typedef enum {
  CRM_SNOOZE_15_MINUTES,
  CRM_SNOOZE_1_HOUR,
  CRM_SNOOZE_TOMORROW_MORNING,   /* morning_minute of the next day; of today while it is still
                                  * quiet hours before it (01:00 → 08:30 the same day) */
} CrmSnoozeChoice;

gint64     crm_reminders_snooze_until (const CrmReminderSettings *settings,
                                       gint64                     now,
                                       CrmSnoozeChoice            choice);
/* Holds @reminder (every item of a group) until @until, which must be after the
 * store's now (CRM_STORE_ERROR_INVALID), then it is announced once more.
 * Replaces an earlier snooze of the same item and kind.  One transaction. */
gboolean   crm_reminders_snooze      (CrmStore                  *store,
                                      const CrmReminder         *reminder,
                                      gint64                     until,
                                      GError                   **error);

/* When the next reminder becomes due after @now, for a timer: the next
 * follow-up's lead time, ticket at 80 % or deadline, morning, snooze end or end
 * of quiet hours (held ones move to it); later than @now.  What a change brings
 * (a follow-up planned within the lead time, a score recomputed) is not
 * foreseen: run a pass after the store's ::changed. */
gint64     crm_reminders_next_wakeup (CrmStore                  *store,
                                      gint64                     now,
                                      const CrmReminderSettings *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmReminder, crm_reminder_free)

G_END_DECLS
