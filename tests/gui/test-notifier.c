/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reminders through the real libnotify, over a private D-Bus, to a small
 * fake notification server running in its own thread (TOOLCHAIN.md). */
#include <string.h>
#include <libnotify/notify.h>

#include "crm-context.h"
#include "crm-notifier.h"
#include "crm-reminders.h"
#include "crm-store-followups.h"
#include "crm-store-tickets.h"
#include "crm-test-util.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)

static const char server_xml[] =
  "<node>"
  " <interface name='org.freedesktop.Notifications'>"
  "  <method name='Notify'>"
  "   <arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "   <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "   <arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='GetServerInformation'>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "   <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  </method>"
  "  <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "  <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  " </interface>"
  "</node>";

typedef struct {
  guint32  id;
  char    *app_name;
  char    *icon;
  char    *summary;
  char    *body;
  char   **actions;
  guchar   urgency;
  char    *desktop_entry;
  gint32   timeout;
} NotifyCall;

static void
notify_call_free (gpointer data)
{
  NotifyCall *call = data;

  g_free (call->app_name);
  g_free (call->icon);
  g_free (call->summary);
  g_free (call->body);
  g_strfreev (call->actions);
  g_free (call->desktop_entry);
  g_free (call);
}

/* The fake server: everything it is told, under a lock. */
typedef struct {
  GMutex           lock;
  GCond            cond;
  gboolean         ready;
  GPtrArray       *calls;
  guint32          next_id;
  char            *address;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
} FakeServer;

static void
server_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  FakeServer *server = user_data;

  if (g_str_equal (method, "Notify"))
    {
      NotifyCall *call = g_new0 (NotifyCall, 1);
      g_autoptr(GVariant) hints = NULL;
      guint32 replaces;

      g_variant_get (parameters, "(susss^as@a{sv}i)", &call->app_name, &replaces, &call->icon,
                     &call->summary, &call->body, &call->actions, &hints, &call->timeout);
      g_variant_lookup (hints, "urgency", "y", &call->urgency);
      g_variant_lookup (hints, "desktop-entry", "s", &call->desktop_entry);
      g_mutex_lock (&server->lock);
      call->id = replaces != 0 ? replaces : ++server->next_id;
      g_ptr_array_add (server->calls, call);
      g_mutex_unlock (&server->lock);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", call->id));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      guint32 id;

      g_variant_get (parameters, "(u)", &id);
      g_dbus_connection_emit_signal (connection, NULL, "/org/freedesktop/Notifications",
                                     "org.freedesktop.Notifications", "NotificationClosed",
                                     g_variant_new ("(uu)", id, 3), NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "fake", "Rapport tests", "1.0", "1.2"));
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  FakeServer *server = user_data;

  g_mutex_lock (&server->lock);
  server->ready = TRUE;
  g_cond_signal (&server->cond);
  g_mutex_unlock (&server->lock);
}

static gpointer
server_thread (gpointer data)
{
  FakeServer *server = data;
  static const GDBusInterfaceVTable vtable = { server_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (server_xml, NULL);
  g_autoptr(GError) error = NULL;
  guint object_id, name_id;

  g_main_context_push_thread_default (server->context);
  server->connection = g_dbus_connection_new_for_address_sync (server->address,
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (server->connection, "/org/freedesktop/Notifications",
                                                 info->interfaces[0], &vtable, server, NULL, &error);
  g_assert_no_error (error);
  name_id = g_bus_own_name_on_connection (server->connection, "org.freedesktop.Notifications",
                                          G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired_cb, NULL, server, NULL);
  g_main_loop_run (server->loop);
  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (server->connection, object_id);
  g_dbus_connection_flush_sync (server->connection, NULL, NULL);
  g_dbus_connection_close_sync (server->connection, NULL, NULL);
  g_clear_object (&server->connection);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static FakeServer *
fake_server_start (GTestDBus *bus)
{
  FakeServer *server = g_new0 (FakeServer, 1);

  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  server->calls = g_ptr_array_new_with_free_func (notify_call_free);
  server->address = g_strdup (g_test_dbus_get_bus_address (bus));
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);
  server->thread = g_thread_new ("fake-notifications", server_thread, server);
  g_mutex_lock (&server->lock);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
fake_server_stop (FakeServer *server)
{
  g_main_context_invoke (server->context, quit_loop_cb, server->loop);
  g_thread_join (server->thread);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_ptr_array_unref (server->calls);
  g_free (server->address);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->cond);
  g_free (server);
}

static guint
fake_server_count (FakeServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->calls->len;
  g_mutex_unlock (&server->lock);
  return n;
}

/* The call @i (still owned by the server; the list only grows). */
static NotifyCall *
fake_server_call (FakeServer *server,
                  guint       i)
{
  NotifyCall *call;

  g_mutex_lock (&server->lock);
  g_assert_cmpuint (i, <, server->calls->len);
  call = server->calls->pdata[i];
  g_mutex_unlock (&server->lock);
  return call;
}

/* How many notifications since @from had @body. */
static guint
count_bodies (FakeServer *server,
              guint       from,
              const char *body)
{
  guint n = 0;

  for (guint i = from; i < fake_server_count (server); i++)
    if (g_strcmp0 (fake_server_call (server, i)->body, body) == 0)
      n++;
  return n;
}

static void
fake_server_invoke (FakeServer *server,
                    guint32     id,
                    const char *action)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (server->connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, action), &error);
  g_assert_no_error (error);
}

/* ---- the test's world ---- */

static GTestDBus  *test_bus;
#define WITH_SERVER GINT_TO_POINTER (1)
static FakeServer *server;   /* NULL: no notification server on the bus */

typedef struct {
  CrmTestDb   *db;
  CrmContext  *context;
  CrmNotifier *notifier;
  guint        passes;
  guint        last_shown;
  GPtrArray   *fallbacks;   /* CrmReminder */
  gboolean     fallback_answer;
  gint64       opened_kind;
  gint64       opened_id;
  gint64       done_id;
  gboolean     done_marked;
} Fixture;

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_exec (f->db->store, sql, &error));
  g_assert_no_error (error);
}

static void
pass_finished_cb (CrmNotifier *notifier,
                  guint        shown,
                  Fixture     *f)
{
  f->passes++;
  f->last_shown = shown;
}

static gboolean
fallback_cb (CrmNotifier       *notifier,
             const CrmReminder *reminder,
             Fixture           *f)
{
  g_ptr_array_add (f->fallbacks, crm_reminder_copy (reminder));
  return f->fallback_answer;
}

static void
open_cb (CrmNotifier *notifier,
         guint        kind,
         gint64       id,
         Fixture     *f)
{
  f->opened_kind = kind;
  f->opened_id = id;
}

static void
done_cb (CrmNotifier *notifier,
         gint64       id,
         gboolean     marked,
         Fixture     *f)
{
  f->done_id = id;
  f->done_marked = marked;
}

/* Li Na (me) looks after Acme; its contact 张伟. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (data == WITH_SERVER && server == NULL)
    server = fake_server_start (test_bus);
  f->db = crm_test_db_new ();
  exec (f,
        "INSERT INTO team_members (id, name, role, supervisor_id, is_self, created_at) VALUES"
        " (3, 'Zhao Min', 1, NULL, 0, 0), (1, 'Li Na', 0, 3, 1, 0);"
        "INSERT INTO customers (id, code, name, sort_key, kind, tier, owner_id, do_not_contact,"
        " created_at, updated_at) VALUES (1, 'CS1', 'Acme', 'acme', 1, 1, 1, 0, 0, 0);"
        "INSERT INTO contacts (customer_id, name, is_primary, created_at, updated_at)"
        " VALUES (1, '张伟', 1, 0, 0);");
  f->context = crm_context_new (f->db->store, NULL);
  f->notifier = crm_notifier_new (f->context);
  f->fallbacks = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_reminder_free);
  f->fallback_answer = TRUE;
  g_signal_connect (f->notifier, "pass-finished", G_CALLBACK (pass_finished_cb), f);
  g_signal_connect (f->notifier, "fallback", G_CALLBACK (fallback_cb), f);
  g_signal_connect (f->notifier, "open", G_CALLBACK (open_cb), f);
  g_signal_connect (f->notifier, "done", G_CALLBACK (done_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->notifier);
  /* the last of libnotify's replies and signals */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->context);
  g_ptr_array_unref (f->fallbacks);
  crm_test_db_free (f->db);
}

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until @condition holds, 10 s at most. */
#define WAIT_FOR(condition) \
  G_STMT_START { \
    gboolean timed_out_ = FALSE; \
    guint timeout_ = g_timeout_add_seconds (10, timed_out_cb, &timed_out_); \
    while (!(condition) && !timed_out_) \
      g_main_context_iteration (NULL, TRUE); \
    g_assert_false (timed_out_); \
    g_source_remove (timeout_); \
  } G_STMT_END

static void
run_pass (Fixture *f)
{
  guint passes = f->passes;

  crm_notifier_run_pass (f->notifier);
  WAIT_FOR (f->passes > passes);
}

static gint64
add_followup (Fixture    *f,
              const char *item,
              gint64      planned_at)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (f->db->store,
                            "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id,"
                            " created_at, updated_at) VALUES (1, 0, ?1, 0, ?2, 1, 0, 0)", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, item, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, planned_at);
  g_assert_true (crm_store_step_done (f->db->store, stmt, &error));
  g_assert_no_error (error);
  return sqlite3_last_insert_rowid (crm_store_get_db (f->db->store));
}

static gboolean
strv_has_pair (char       **actions,
               const char  *key,
               const char  *label)
{
  for (guint i = 0; actions[i] != NULL && actions[i + 1] != NULL; i += 2)
    if (g_str_equal (actions[i], key))
      return label == NULL || g_str_equal (actions[i + 1], label);
  return FALSE;
}

/* ---- with no notification server: the window's fallback, no hang ---- */

static void
test_no_server (Fixture       *f,
                gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();
  gint64 id;

  g_assert_null (server);
  id = add_followup (f, "Confirm the renewal", CRM_TEST_NOW + 10 * MINUTE);

  /* nobody can show it: it stays unannounced */
  f->fallback_answer = FALSE;
  g_test_expect_message ("crm-notifier", G_LOG_LEVEL_MESSAGE, "*Desktop notifications are not available*");
  run_pass (f);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (f->fallbacks->len, ==, 1);
  g_assert_cmpuint (f->last_shown, ==, 0);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM reminder_log"), ==, 0);

  /* a window shows it: announced once, and the problem is not logged again */
  f->fallback_answer = TRUE;
  run_pass (f);
  g_assert_cmpuint (f->fallbacks->len, ==, 2);
  g_assert_cmpuint (f->last_shown, ==, 1);
  g_assert_cmpint (((CrmReminder *) f->fallbacks->pdata[1])->item_id, ==, id);
  g_assert_cmpint (crm_test_query_intf (f->db->store,
                                        "SELECT count(*) FROM reminder_log WHERE item_id = %" G_GINT64_FORMAT, id),
                   ==, 1);
  run_pass (f);
  g_assert_cmpuint (f->fallbacks->len, ==, 2);

  /* three passes with no server took no time to speak of */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

/* ---- through libnotify ---- */

static void
test_followup_done (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmFollowup) followup = NULL;
  NotifyCall *call;
  guint before;
  gint64 id;

  g_assert_nonnull (server);
  before = fake_server_count (server);
  id = add_followup (f, "Confirm the renewal", CRM_TEST_NOW + 10 * MINUTE);
  run_pass (f);
  g_assert_cmpuint (f->last_shown, ==, 1);
  g_assert_cmpuint (f->fallbacks->len, ==, 0);
  g_assert_cmpuint (fake_server_count (server), ==, before + 1);

  call = fake_server_call (server, before);
  g_assert_cmpstr (call->summary, ==, "Call 张伟 (Acme) at 10:10");
  g_assert_nonnull (strstr (call->body, "Confirm the renewal"));
  g_assert_cmpstr (call->icon, ==, APP_ID);
  g_assert_cmpstr (call->desktop_entry, ==, APP_ID);
  g_assert_cmpint (call->urgency, ==, NOTIFY_URGENCY_NORMAL);
  g_assert_true (strv_has_pair (call->actions, "default", "Open"));
  g_assert_true (strv_has_pair (call->actions, "done", "Done"));
  g_assert_true (strv_has_pair (call->actions, "snooze-15", "In 15 Minutes"));
  g_assert_true (strv_has_pair (call->actions, "snooze-60", "In 1 Hour"));
  g_assert_true (strv_has_pair (call->actions, "snooze-tomorrow", "Tomorrow Morning"));
  /* Done comes first: GNOME Shell shows three buttons */
  g_assert_cmpstr (call->actions[2], ==, "done");

  /* announced: another pass says nothing */
  run_pass (f);
  g_assert_cmpuint (fake_server_count (server), ==, before + 1);

  /* the user presses Done on the notification */
  fake_server_invoke (server, call->id, "done");
  WAIT_FOR (f->done_id != 0);
  g_assert_cmpint (f->done_id, ==, id);
  g_assert_true (f->done_marked);
  followup = crm_store_get_followup (f->db->store, id, NULL);
  g_assert_nonnull (followup);
  g_assert_cmpint (followup->status, ==, CRM_FOLLOWUP_DONE);
  g_assert_cmpint (followup->actual_at, ==, CRM_TEST_NOW);
  g_assert_cmpstr (followup->result, ==, "Marked done from a reminder");
}

static void
test_open_and_snooze (Fixture       *f,
                      gconstpointer  data)
{
  NotifyCall *open_call = NULL, *snooze_call = NULL;
  guint before = fake_server_count (server);
  gint64 quote, visit;

  quote = add_followup (f, "Send the quote", CRM_TEST_NOW + 5 * MINUTE);
  visit = add_followup (f, "Plan the visit", CRM_TEST_NOW + 8 * MINUTE);
  run_pass (f);
  g_assert_cmpuint (fake_server_count (server), ==, before + 2);
  for (guint i = before; i < before + 2; i++)
    {
      NotifyCall *call = fake_server_call (server, i);

      if (g_str_equal (call->body, "Send the quote"))
        open_call = call;
      else if (g_str_equal (call->body, "Plan the visit"))
        snooze_call = call;
    }
  g_assert_nonnull (open_call);
  g_assert_nonnull (snooze_call);

  /* a click on the notification opens the follow-up */
  fake_server_invoke (server, open_call->id, "default");
  WAIT_FOR (f->opened_id != 0);
  g_assert_cmpint (f->opened_kind, ==, CRM_REMINDER_ITEM_FOLLOWUP);
  g_assert_cmpint (f->opened_id, ==, quote);

  /* the other one, a minute later: in an hour, please */
  crm_clock_set (f->db->clock, CRM_TEST_NOW + MINUTE);
  fake_server_invoke (server, snooze_call->id, "snooze-60");
  WAIT_FOR (crm_test_query_int (f->db->store, "SELECT count(*) FROM snoozes") == 1);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT item_id FROM snoozes"), ==, visit);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT until FROM snoozes"), ==, CRM_TEST_NOW + 61 * MINUTE);

  /* held until then (meanwhile the quote, not sent, makes the day's overdue
   * summary), then announced once more */
  crm_clock_set (f->db->clock, CRM_TEST_NOW + 30 * MINUTE);
  run_pass (f);
  g_assert_cmpuint (count_bodies (server, before, "Plan the visit"), ==, 1);
  crm_clock_set (f->db->clock, CRM_TEST_NOW + 61 * MINUTE);
  run_pass (f);
  g_assert_cmpuint (count_bodies (server, before, "Plan the visit"), ==, 2);
  g_assert_cmpstr (fake_server_call (server, fake_server_count (server) - 1)->body, ==, "Plan the visit");
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM snoozes"), ==, 0);
}

static void
test_breach_is_critical (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  NotifyCall *call = NULL;
  guint before = fake_server_count (server);
  gint64 ticket;

  /* a level-1 ticket of 09:00: no answer within the hour */
  crm_clock_set (f->db->clock, CRM_TEST_NOW - HOUR);
  crm_ticket_draft_init (&draft);
  draft.customer_id = 1;
  draft.level = 1;
  draft.assignee_id = 1;
  draft.title = g_strdup ("Login fails");
  ticket = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  crm_clock_set (f->db->clock, CRM_TEST_NOW + MINUTE);

  run_pass (f);
  for (guint i = before; i < fake_server_count (server); i++)
    if (fake_server_call (server, i)->urgency == NOTIFY_URGENCY_CRITICAL)
      call = fake_server_call (server, i);
  g_assert_nonnull (call);
  g_assert_nonnull (strstr (call->summary, "Acme"));
  /* a breach stays on screen */
  g_assert_cmpint (call->timeout, ==, NOTIFY_EXPIRES_NEVER);
  g_assert_false (strv_has_pair (call->actions, "done", NULL));
  fake_server_invoke (server, call->id, "open");
  WAIT_FOR (f->opened_id != 0);
  g_assert_cmpint (f->opened_kind, ==, CRM_REMINDER_ITEM_TICKET);
  g_assert_cmpint (f->opened_id, ==, ticket);
}

static void
test_check_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GString) fallback = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint before = fake_server_count (server);
  gboolean no_server = TRUE;
  int sent;

  add_followup (f, "Confirm the renewal", CRM_TEST_NOW + 10 * MINUTE);
  sent = crm_notifier_check_once (f->db->store, fallback, &no_server, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sent, ==, 1);
  g_assert_false (no_server);
  g_assert_cmpstr (fallback->str, ==, "");
  g_assert_cmpuint (fake_server_count (server), ==, before + 1);
  /* nobody stays to answer: no buttons */
  g_assert_cmpuint (g_strv_length (fake_server_call (server, before)->actions), ==, 0);

  /* a restart: never twice */
  sent = crm_notifier_check_once (f->db->store, fallback, &no_server, &error);
  g_assert_cmpint (sent, ==, 0);
  g_assert_cmpuint (fake_server_count (server), ==, before + 1);
  g_assert_cmpint (crm_test_query_int (f->db->store,
                                       "SELECT value FROM settings WHERE key = '" CRM_REMINDERS_LAST_PASS_SETTING "'"),
                   ==, CRM_TEST_NOW);
}

int
main (int argc, char **argv)
{
  int status;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (test_bus);

  /* the first test runs with nobody on the bus; the server comes for the rest */
  g_test_add ("/notifier/no-server", Fixture, NULL, fixture_set_up, test_no_server, fixture_tear_down);
  g_test_add ("/notifier/followup-done", Fixture, WITH_SERVER, fixture_set_up, test_followup_done,
              fixture_tear_down);
  g_test_add ("/notifier/open-and-snooze", Fixture, WITH_SERVER, fixture_set_up, test_open_and_snooze,
              fixture_tear_down);
  g_test_add ("/notifier/breach-is-critical", Fixture, WITH_SERVER, fixture_set_up, test_breach_is_critical,
              fixture_tear_down);
  g_test_add ("/notifier/check-once", Fixture, WITH_SERVER, fixture_set_up, test_check_once, fixture_tear_down);
  status = g_test_run ();

  if (server != NULL)
    fake_server_stop (server);
  notify_uninit ();
  g_test_dbus_stop (test_bus);
  g_object_unref (test_bus);
  return status;
}
