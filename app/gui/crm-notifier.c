/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-notifier"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "crm-notifier.h"
#include "crm-store-followups.h"

#define SERVER_NAME       "org.freedesktop.Notifications"
#define SERVER_PATH       "/org/freedesktop/Notifications"
#define SERVER_TIMEOUT_MS 3000
#define CLOCK_CHECK_S     30
#define CHANGE_DELAY_MS   2000

struct _CrmNotifier
{
  GObject       parent_instance;

  /* owned */
  CrmContext   *context;
  CrmStore     *worker_store;     /* used only by the pass thread, one pass at a time */
  GCancellable *cancellable;
  GHashTable   *shown;            /* NotifyNotification → itself: alive until closed */
  gint64        next_wakeup;      /* 0: run at the next clock check */
  guint         clock_source;
  guint         change_source;
  guint         start_source;
  gboolean      running;          /* a pass is in flight */
  gboolean      delivering;       /* its changes are its own */
  gboolean      again;            /* one more pass after it */
  gboolean      problem_logged;
};

G_DEFINE_FINAL_TYPE (CrmNotifier, crm_notifier, G_TYPE_OBJECT)

enum {
  SIGNAL_OPEN,
  SIGNAL_DONE,
  SIGNAL_FALLBACK,
  SIGNAL_PASS_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the reading part of a pass, in a thread ---- */

typedef struct {
  char                *path;
  CrmClock            *clock;
  CrmStore            *store;      /* borrowed from the notifier, which outlives the task */
  gint64               now;
  gint64               since;
  CrmReminderSettings  settings;
  GPtrArray           *due;
  gint64               next_wakeup;
} PassJob;

static void
pass_job_free (gpointer data)
{
  PassJob *job = data;

  g_free (job->path);
  g_clear_object (&job->clock);
  g_clear_pointer (&job->due, g_ptr_array_unref);
  g_free (job);
}

static gint64
load_last_pass (CrmStore *store)
{
  g_autofree char *text = crm_store_get_setting (store, CRM_REMINDERS_LAST_PASS_SETTING);
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
    return 0;
  return value;
}

static void
save_last_pass (CrmStore *store,
                gint64    now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  if (!crm_store_set_state (store, CRM_REMINDERS_LAST_PASS_SETTING, text, &error))
    g_warning ("Could not record the reminder pass: %s", error->message);
}

static void
pass_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PassJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!crm_reminder_settings_load (job->store, &job->settings, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->due = crm_reminders_due (job->store, job->now, job->since, &job->settings, &error);
  if (job->due == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->next_wakeup = crm_reminders_next_wakeup (job->store, job->now, &job->settings);
  g_task_return_boolean (task, TRUE);
}

/* ---- showing ---- */

static void
log_problem_once (CrmNotifier *self,
                  const char  *what)
{
  if (self->problem_logged)
    return;
  self->problem_logged = TRUE;
  g_message ("Desktop notifications are not available (%s); reminders are shown in the window", what);
}

typedef struct {
  CrmNotifier *notifier;   /* weak */
  CrmReminder *reminder;
} ActionData;

static void
action_data_free (gpointer data)
{
  ActionData *action = data;

  g_clear_weak_pointer (&action->notifier);
  crm_reminder_free (action->reminder);
  g_free (action);
}

static void
notification_action_cb (NotifyNotification *notification,
                        char               *action,
                        gpointer            user_data)
{
  ActionData *data = user_data;

  if (data->notifier != NULL)
    crm_notifier_activate (data->notifier, data->reminder, action);
  notify_notification_close (notification, NULL);
}

static void
notification_closed_cb (NotifyNotification *notification,
                        CrmNotifier        *self)
{
  g_hash_table_remove (self->shown, notification);
}

static gboolean
is_followup_due (const CrmReminder *reminder)
{
  return reminder->kind == CRM_REMINDER_FOLLOWUP_DUE && reminder->item_kind == CRM_REMINDER_ITEM_FOLLOWUP;
}

static void
add_action (NotifyNotification *notification,
            CrmNotifier        *self,
            const CrmReminder  *reminder,
            const char         *action,
            const char         *label)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_set_weak_pointer (&data->notifier, self);
  data->reminder = crm_reminder_copy (reminder);
  notify_notification_add_action (notification, action, label, notification_action_cb, data, action_data_free);
}

/* A notification for @reminder; with @self, its actions (GNOME Shell shows the
 * first three buttons: the most useful come first; a click on the
 * notification itself opens). */
static NotifyNotification *
build_notification (CrmNotifier       *self,
                    const CrmReminder *reminder)
{
  NotifyNotification *notification = notify_notification_new (reminder->summary, reminder->body, APP_ID);

  notify_notification_set_app_name (notification, _("Rapport"));
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  notify_notification_set_category (notification, "x-rapport.reminder");
  notify_notification_set_urgency (notification,
                                   reminder->critical ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);
  if (reminder->critical)
    notify_notification_set_timeout (notification, NOTIFY_EXPIRES_NEVER);

  if (self == NULL)
    return notification;

  if (reminder->item_kind != CRM_REMINDER_ITEM_NONE)
    add_action (notification, self, reminder, "default", _("Open"));
  if (is_followup_due (reminder))
    add_action (notification, self, reminder, "done", C_("reminder action", "Done"));
  /* Translators: buttons of a reminder; keep them short */
  add_action (notification, self, reminder, "snooze-15", _("In 15 Minutes"));
  add_action (notification, self, reminder, "snooze-60", _("In 1 Hour"));
  add_action (notification, self, reminder, "snooze-tomorrow", _("Tomorrow Morning"));
  if (reminder->item_kind != CRM_REMINDER_ITEM_NONE)
    add_action (notification, self, reminder, "open", _("Open"));
  return notification;
}

static gboolean
ensure_notify_init (void)
{
  return notify_is_initted () || notify_init (_("Rapport"));
}

static gboolean
show_notification (CrmNotifier       *self,
                   const CrmReminder *reminder,
                   GError           **error)
{
  g_autoptr(GObject) notification = NULL;

  if (!ensure_notify_init ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libnotify could not start");
      return FALSE;
    }
  notification = G_OBJECT (build_notification (self, reminder));
  if (!notify_notification_show (NOTIFY_NOTIFICATION (notification), error))
    return FALSE;
  if (self != NULL)
    {
      g_signal_connect_object (notification, "closed", G_CALLBACK (notification_closed_cb), self, 0);
      g_hash_table_add (self->shown, g_object_ref (notification));
    }
  return TRUE;
}

static void
record_sent (CrmStore          *store,
             const CrmReminder *reminder,
             gint64             now)
{
  g_autoptr(GError) error = NULL;

  if (!crm_reminders_mark_sent (store, reminder, now, &error))
    g_warning ("Could not record a reminder as announced: %s", error->message);
}

/* Shows every reminder of @due, as notifications when @server_ok, else through
 * ::fallback.  Returns how many were shown. */
static guint
deliver (CrmNotifier *self,
         GPtrArray   *due,
         gint64       now,
         gboolean     server_ok)
{
  CrmStore *store = crm_context_get_store (self->context);
  guint shown = 0;

  for (guint i = 0; i < due->len; i++)
    {
      CrmReminder *reminder = due->pdata[i];
      gboolean ok = FALSE;

      if (server_ok)
        {
          g_autoptr(GError) error = NULL;

          ok = show_notification (self, reminder, &error);
          if (!ok)
            {
              log_problem_once (self, error->message);
              server_ok = FALSE;
            }
        }
      if (!ok)
        g_signal_emit (self, signals[SIGNAL_FALLBACK], 0, reminder, &ok);
      if (ok)
        {
          record_sent (store, reminder, now);
          shown++;
        }
    }
  return shown;
}

/* ---- a pass ---- */

static void start_pass (CrmNotifier *self);

typedef struct {
  CrmNotifier *self;
  GTask       *pass;    /* the finished reading part */
} ServerCheck;

static void
finish_pass (CrmNotifier *self,
             PassJob     *job,
             gboolean     server_ok)
{
  CrmStore *store = crm_context_get_store (self->context);
  guint shown = 0;

  if (job != NULL)
    {
      self->delivering = TRUE;
      shown = deliver (self, job->due, job->now, server_ok);
      save_last_pass (store, job->now);
      self->delivering = FALSE;
      self->next_wakeup = job->next_wakeup;
    }
  else
    self->next_wakeup = crm_store_now (store) + 60;

  self->running = FALSE;
  g_signal_emit (self, signals[SIGNAL_PASS_FINISHED], 0, shown);
  if (self->again)
    {
      self->again = FALSE;
      start_pass (self);
    }
}

static void
server_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ServerCheck *check = user_data;
  g_autoptr(CrmNotifier) self = check->self;
  g_autoptr(GTask) pass = check->pass;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_free (check);
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    log_problem_once (self, error->message);
  finish_pass (self, g_task_get_task_data (pass), reply != NULL);
}

static void
bus_got_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ServerCheck *check = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_autoptr(CrmNotifier) self = check->self;
      g_autoptr(GTask) pass = check->pass;

      g_free (check);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      log_problem_once (self, error->message);
      finish_pass (self, g_task_get_task_data (pass), FALSE);
      return;
    }
  g_dbus_connection_call (bus, SERVER_NAME, SERVER_PATH, SERVER_NAME, "GetServerInformation",
                          NULL, G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NONE, SERVER_TIMEOUT_MS,
                          check->self->cancellable, server_checked_cb, check);
}

static void
pass_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmNotifier) self = user_data;
  GTask *task = G_TASK (result);
  PassJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  ServerCheck *check;

  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not work out the reminders: %s", error->message);
      finish_pass (self, NULL, FALSE);
      return;
    }
  if (job->due->len == 0)
    {
      finish_pass (self, job, FALSE);
      return;
    }

  check = g_new0 (ServerCheck, 1);
  check->self = g_object_ref (self);
  check->pass = g_object_ref (task);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, bus_got_cb, check);
}

static void
start_pass (CrmNotifier *self)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PassJob *job;

  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  if (self->worker_store == NULL)
    {
      self->worker_store = crm_store_open (crm_store_get_path (store), crm_store_get_clock (store), &error);
      if (self->worker_store == NULL)
        {
          g_warning ("Could not open the database for reminders: %s", error->message);
          return;
        }
    }

  self->running = TRUE;
  job = g_new0 (PassJob, 1);
  job->store = self->worker_store;
  job->now = crm_store_now (store);
  job->since = load_last_pass (store);
  task = g_task_new (NULL, self->cancellable, pass_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, pass_job_free);
  g_task_run_in_thread (task, pass_thread);
}

void
crm_notifier_run_pass (CrmNotifier *self)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));

  start_pass (self);
}

/* ---- when ---- */

static gboolean
clock_check_cb (gpointer user_data)
{
  CrmNotifier *self = user_data;

  if (!self->running && crm_store_now (crm_context_get_store (self->context)) >= self->next_wakeup)
    start_pass (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
change_pass_cb (gpointer user_data)
{
  CrmNotifier *self = user_data;

  self->change_source = 0;
  start_pass (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (CrmNotifier *self,
                  int          kind,
                  gint64       id,
                  CrmStore    *store)
{
  /* what a pass records itself is no news */
  if (self->clock_source == 0 || self->change_source != 0 || self->delivering)
    return;
  self->change_source = g_timeout_add_full (G_PRIORITY_LOW, CHANGE_DELAY_MS, change_pass_cb, self, NULL);
}

static gboolean
first_pass_cb (gpointer user_data)
{
  CrmNotifier *self = user_data;

  self->start_source = 0;
  start_pass (self);
  return G_SOURCE_REMOVE;
}

void
crm_notifier_start (CrmNotifier *self,
                    guint        first_delay_ms)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));

  if (self->clock_source != 0)
    return;
  self->clock_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, CLOCK_CHECK_S, clock_check_cb, self, NULL);
  self->start_source = g_timeout_add_full (G_PRIORITY_LOW, first_delay_ms, first_pass_cb, self, NULL);
}

void
crm_notifier_stop (CrmNotifier *self)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_handle_id (&self->change_source, g_source_remove);
  g_clear_handle_id (&self->start_source, g_source_remove);
}

/* ---- actions ---- */

static void
snooze (CrmNotifier       *self,
        const CrmReminder *reminder,
        CrmSnoozeChoice    choice)
{
  CrmStore *store = crm_context_get_store (self->context);
  CrmReminderSettings settings;
  g_autoptr(GError) error = NULL;
  gint64 until;

  if (!crm_reminder_settings_load (store, &settings, &error))
    {
      g_warning ("Could not read the reminder settings: %s", error->message);
      crm_reminder_settings_init (&settings);
      g_clear_error (&error);
    }
  until = crm_reminders_snooze_until (&settings, crm_store_now (store), choice);
  if (!crm_reminders_snooze (store, reminder, until, &error))
    g_warning ("Could not snooze a reminder: %s", error->message);
}

void
crm_notifier_activate (CrmNotifier       *self,
                       const CrmReminder *reminder,
                       const char        *action)
{
  g_return_if_fail (CRM_IS_NOTIFIER (self));
  g_return_if_fail (reminder != NULL && action != NULL);

  if (g_str_equal (action, "default") || g_str_equal (action, "open"))
    {
      if (reminder->item_kind != CRM_REMINDER_ITEM_NONE)
        g_signal_emit (self, signals[SIGNAL_OPEN], 0, (guint) reminder->item_kind, reminder->item_id);
    }
  else if (g_str_equal (action, "done") && is_followup_due (reminder))
    {
      g_autoptr(GError) error = NULL;
      gboolean marked;

      marked = crm_store_mark_followup_done (crm_context_get_store (self->context), reminder->item_id, &error);
      if (!marked)
        g_debug ("Not marked done at once: %s", error->message);
      g_signal_emit (self, signals[SIGNAL_DONE], 0, reminder->item_id, marked);
    }
  else if (g_str_equal (action, "snooze-15"))
    snooze (self, reminder, CRM_SNOOZE_15_MINUTES);
  else if (g_str_equal (action, "snooze-60"))
    snooze (self, reminder, CRM_SNOOZE_1_HOUR);
  else if (g_str_equal (action, "snooze-tomorrow"))
    snooze (self, reminder, CRM_SNOOZE_TOMORROW_MORNING);
  else
    g_debug ("Unknown reminder action %s", action);
}

/* ---- once, without a main loop ---- */

static gboolean
server_answers (GError **error)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  g_autoptr(GVariant) reply = NULL;

  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, SERVER_NAME, SERVER_PATH, SERVER_NAME, "GetServerInformation",
                                       NULL, G_VARIANT_TYPE ("(ssss)"), G_DBUS_CALL_FLAGS_NONE,
                                       SERVER_TIMEOUT_MS, NULL, error);
  return reply != NULL;
}

int
crm_notifier_check_once (CrmStore  *store,
                         GString   *fallback_out,
                         gboolean  *no_server,
                         GError   **error)
{
  CrmReminderSettings settings;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) server_error = NULL;
  gint64 now = crm_store_now (store);
  gboolean server_ok;
  int delivered = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), -1);

  if (!crm_reminder_settings_load (store, &settings, error))
    return -1;
  due = crm_reminders_due (store, now, load_last_pass (store), &settings, error);
  if (due == NULL)
    return -1;

  server_ok = due->len > 0 && server_answers (&server_error);
  if (no_server != NULL)
    *no_server = due->len > 0 && !server_ok;

  for (guint i = 0; i < due->len; i++)
    {
      CrmReminder *reminder = due->pdata[i];
      g_autoptr(GError) show_error = NULL;

      if (server_ok && !show_notification (NULL, reminder, &show_error))
        {
          server_ok = FALSE;
          if (no_server != NULL)
            *no_server = TRUE;
        }
      if (!server_ok)
        {
          g_string_append_printf (fallback_out, "%s\n", reminder->summary);
          if (reminder->body != NULL && reminder->body[0] != '\0')
            {
              g_auto(GStrv) lines = g_strsplit (reminder->body, "\n", -1);

              for (guint l = 0; lines[l] != NULL; l++)
                g_string_append_printf (fallback_out, "  %s\n", lines[l]);
            }
        }
      record_sent (store, reminder, now);
      delivered++;
    }
  save_last_pass (store, now);
  return delivered;
}

/* ---- object ---- */

static void
crm_notifier_dispose (GObject *object)
{
  CrmNotifier *self = (CrmNotifier *) object;

  crm_notifier_stop (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (crm_notifier_parent_class)->dispose (object);
}

static void
crm_notifier_finalize (GObject *object)
{
  CrmNotifier *self = (CrmNotifier *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker_store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_notifier_parent_class)->finalize (object);
}

static void
crm_notifier_class_init (CrmNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_notifier_dispose;
  object_class->finalize = crm_notifier_finalize;

  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT64);
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  signals[SIGNAL_FALLBACK] = g_signal_new ("fallback", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, g_signal_accumulator_true_handled, NULL, NULL,
                                           G_TYPE_BOOLEAN, 1, CRM_TYPE_REMINDER);
  signals[SIGNAL_PASS_FINISHED] = g_signal_new ("pass-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
crm_notifier_init (CrmNotifier *self)
{
  self->cancellable = g_cancellable_new ();
  self->shown = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

CrmNotifier *
crm_notifier_new (CrmContext *context)
{
  CrmNotifier *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_NOTIFIER, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (crm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
