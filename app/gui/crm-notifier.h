/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-context.h"
#include "crm-reminders.h"

G_BEGIN_DECLS

/* The reminders on the desktop (issue 8): runs the passes of crm-reminders.h
 * and shows what is due as libnotify notifications with the actions Open,
 * Snooze (15 minutes, 1 hour, tomorrow morning) and, for a follow-up, Done.
 *
 * A pass runs when crm_notifier_start() is called (after @first_delay_ms),
 * when the next reminder becomes due (crm_reminders_next_wakeup, checked
 * against the wall clock every 30 s, so a suspend is caught up at once), and
 * 2 s after the store changes.  The reading part of a pass runs in a worker
 * thread on its own connection; showing and recording run here.
 *
 * Before showing, the notification server is asked for its name (3 s at most,
 * asynchronously): with no server, or no bus, nothing blocks — every reminder
 * goes to ::fallback instead (the window shows it), and the problem is logged
 * once.  A reminder that neither could show stays unrecorded, so it comes back
 * in the next pass.
 *
 * Signals:
 *   ::open (guint item_kind, gint64 item_id): the user chose Open (or clicked
 *       the notification): raise the window on that follow-up, ticket or
 *       customer (CrmReminderItem).
 *   ::done (gint64 followup_id, gboolean marked): the user chose Done on a
 *       follow-up.  @marked: it is now done ("Marked done from a reminder")
 *       and the result form should let the user say more; FALSE: it could not
 *       be marked (a late complaint follow-up needs its reason): open the
 *       complete form.
 *   ::fallback (CrmReminder *reminder) → gboolean: show @reminder in a window;
 *       TRUE if it was shown (it is then recorded as announced).
 *   ::pass-finished (guint shown): after each pass, with how many reminders
 *       were shown, as notifications or through ::fallback (for tests). */

#define CRM_TYPE_NOTIFIER (crm_notifier_get_type ())
G_DECLARE_FINAL_TYPE (CrmNotifier, crm_notifier, CRM, NOTIFIER, GObject)

/* The setting keeping the time of the last pass (unix seconds). */
#define CRM_REMINDERS_LAST_PASS_SETTING "reminders.last_pass"

CrmNotifier *crm_notifier_new        (CrmContext   *context);
void         crm_notifier_start      (CrmNotifier  *self,
                                      guint         first_delay_ms);
void         crm_notifier_stop       (CrmNotifier  *self);
/* A pass now (unless one is running; then one more right after it). */
void         crm_notifier_run_pass   (CrmNotifier  *self);
/* The action @action ("default", "open", "done", "snooze-15", "snooze-60",
 * "snooze-tomorrow") on @reminder, as a notification's button does. */
void         crm_notifier_activate   (CrmNotifier       *self,
                                      const CrmReminder *reminder,
                                      const char        *action);

/* ---- without a main loop: `rapport --check-reminders` ---- */

/* One pass over @store: shows what is due (notifications without actions, as
 * nobody stays to answer them), records it, stores the pass time.  With no
 * notification server, each reminder is written to @fallback_out (one line
 * each: its summary, " — ", its body) and recorded too.  Returns how many
 * reminders were delivered, -1 with @error. */
int          crm_notifier_check_once (CrmStore     *store,
                                      GString      *fallback_out,
                                      gboolean     *no_server,
                                      GError      **error);

G_END_DECLS
