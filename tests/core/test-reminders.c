/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "crm-reminders.h"
#include "crm-store-tickets.h"
#include "crm-test-util.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/* The team: Li Na (me) and Wang Fang are agents under the supervisor Zhao Min,
 * who reports to the manager Chen Jie.  Acme (a company; its primary contact
 * 张伟) and Initech (do not contact) belong to Li Na, Globex to Wang Fang;
 * Zhang San is a person, Li Na's. */
typedef struct {
  CrmTestDb           *db;
  CrmReminderSettings  settings;
  gint64               me;
  gint64               wang;
  gint64               supervisor;
  gint64               manager;
  gint64               acme;
  gint64               globex;
  gint64               initech;
  gint64               zhang;
} Fixture;

static void exec (Fixture    *f,
                  const char *format,
                  ...) G_GNUC_PRINTF (2, 3);

static void
exec (Fixture    *f,
      const char *format,
      ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_true (crm_store_exec (f->db->store, sql, &error));
  g_assert_no_error (error);
}

#define query(f, ...) crm_test_query_intf ((f)->db->store, __VA_ARGS__)

static void
load_settings (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_reminder_settings_load (f->db->store, &f->settings, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_test_db_new ();
  exec (f,
        "INSERT INTO team_members (id, name, role, supervisor_id, is_self, created_at) VALUES"
        " (4, 'Chen Jie', 2, NULL, 0, 0),"
        " (3, 'Zhao Min', 1, 4, 0, 0),"
        " (1, 'Li Na', 0, 3, 1, 0),"
        " (2, 'Wang Fang', 0, 3, 0, 0);"
        "INSERT INTO customers (id, code, name, sort_key, kind, tier, owner_id, do_not_contact,"
        " created_at, updated_at) VALUES"
        " (1, 'CS1', 'Acme', 'acme', 1, 1, 1, 0, 0, 0),"
        " (2, 'CS2', 'Globex', 'globex', 1, 0, 2, 0, 0, 0),"
        " (3, 'CS3', 'Initech', 'initech', 1, 1, 1, 1, 0, 0),"
        " (4, 'CS4', 'Zhang San', 'zhang san', 0, 1, 1, 0, 0, 0);"
        "INSERT INTO contacts (customer_id, name, is_primary, created_at, updated_at)"
        " VALUES (1, 'Wang Lei', 0, 0, 0), (1, '张伟', 1, 0, 0), (2, 'Zhao Lei', 1, 0, 0);");
  f->me = 1;
  f->wang = 2;
  f->supervisor = 3;
  f->manager = 4;
  f->acme = 1;
  f->globex = 2;
  f->initech = 3;
  f->zhang = 4;
  load_settings (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_db_free (f->db);
}

#define at(text) crm_test_time (text)

static void
set_now (Fixture *f,
         gint64   when)
{
  crm_clock_set (f->db->clock, when);
}

/* A pass at @now (the clock moves there too), the previous one a minute before. */
static GPtrArray *
due_since (Fixture *f,
           gint64   now,
           gint64   since)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *due;

  set_now (f, now);
  due = crm_reminders_due (f->db->store, now, since, &f->settings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (due);
  return due;
}

static GPtrArray *
due (Fixture *f,
     gint64   now)
{
  return due_since (f, now, now - MINUTE);
}

static void
mark_sent (Fixture           *f,
           const CrmReminder *r)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_reminders_mark_sent (f->db->store, r, crm_store_now (f->db->store), &error));
  g_assert_no_error (error);
}

static void
mark_all_sent (Fixture   *f,
               GPtrArray *reminders)
{
  for (guint i = 0; i < reminders->len; i++)
    mark_sent (f, g_ptr_array_index (reminders, i));
}

static const CrmReminder *
find (GPtrArray       *reminders,
      CrmReminderKind  kind,
      gint64           item_id)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      const CrmReminder *r = g_ptr_array_index (reminders, i);

      if (r->kind == kind && r->item_id == item_id)
        return r;
    }
  return NULL;
}

static gint64
add_followup (Fixture         *f,
              gint64           customer_id,
              CrmFollowupKind  kind,
              const char      *item,
              gint64           planned_at,
              gint64           owner_id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (f->db->store,
                            "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id,"
                            " created_at, updated_at) VALUES (?1, ?2, ?3, 0, ?4, ?5, 0, 0)",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, kind);
  sqlite3_bind_text (stmt, 3, item, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, planned_at);
  crm_sql_bind_id_or_null (stmt, 5, owner_id);
  g_assert_true (crm_store_step_done (f->db->store, stmt, &error));
  g_assert_no_error (error);
  return sqlite3_last_insert_rowid (crm_store_get_db (f->db->store));
}

static gint64
add_ticket (Fixture *f,
            gint64   customer_id,
            int      level,
            gint64   assignee_id,
            gint64   when)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  set_now (f, when);
  crm_ticket_draft_init (&draft);
  draft.customer_id = customer_id;
  draft.level = level;
  draft.assignee_id = assignee_id;
  draft.title = g_strdup ("Login fails");
  id = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The overdue summary at 20:00, out of the way of a test about something else. */
static void
no_summary (Fixture *f)
{
  f->settings.morning_minute = 20 * 60;
}

static void
restart (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->db->store);
  f->db->store = crm_store_open (f->db->path, f->db->clock, &error);
  g_assert_no_error (error);
  load_settings (f);
}

/* ---- settings ---- */

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmReminderSettings s;
  CrmReminderField field;

  g_assert_cmpint (f->settings.lead_minutes, ==, 15);
  g_assert_cmpint (f->settings.quiet_start, ==, 21 * 60);
  g_assert_cmpint (f->settings.quiet_end, ==, 8 * 60);
  g_assert_cmpint (f->settings.morning_minute, ==, 8 * 60 + 30);
  g_assert_cmpint (f->settings.group_above, ==, 3);
  g_assert_cmpint (f->settings.recipient_id, ==, f->me);
  g_assert_true (crm_reminder_settings_validate (&f->settings, &field, &error));
  g_assert_cmpint (field, ==, CRM_REMINDER_FIELD_NONE);

  s = f->settings;
  s.lead_minutes = -1;
  g_assert_false (crm_reminder_settings_validate (&s, &field, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpint (field, ==, CRM_REMINDER_FIELD_LEAD);
  g_clear_error (&error);
  s.lead_minutes = 1441;
  g_assert_false (crm_reminder_settings_validate (&s, &field, NULL));
  g_assert_cmpint (field, ==, CRM_REMINDER_FIELD_LEAD);
  s.lead_minutes = 1440;
  g_assert_true (crm_reminder_settings_validate (&s, &field, NULL));

  s.quiet_start = 1440;
  g_assert_false (crm_reminder_settings_validate (&s, &field, NULL));
  g_assert_cmpint (field, ==, CRM_REMINDER_FIELD_QUIET_START);
  s.quiet_start = 0;
  s.quiet_end = -1;
  g_assert_false (crm_reminder_settings_validate (&s, &field, NULL));
  g_assert_cmpint (field, ==, CRM_REMINDER_FIELD_QUIET_END);
  s.quiet_end = 0;   /* equal: no quiet hours, allowed */
  g_assert_true (crm_reminder_settings_validate (&s, &field, NULL));
  s.morning_minute = 24 * 60;
  g_assert_false (crm_reminder_settings_validate (&s, &field, NULL));
  g_assert_cmpint (field, ==, CRM_REMINDER_FIELD_MORNING);
  s.morning_minute = 7 * 60;
  s.group_above = 100;
  g_assert_false (crm_reminder_settings_validate (&s, &field, NULL));
  g_assert_cmpint (field, ==, CRM_REMINDER_FIELD_GROUP_ABOVE);

  /* nothing is saved from an invalid form */
  g_assert_false (crm_reminder_settings_save (f->db->store, &s, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM settings WHERE key LIKE 'reminders.%%'"), ==, 0);

  s.group_above = 0;
  s.lead_minutes = 30;
  s.recipient_id = 99;   /* not stored */
  g_assert_true (crm_reminder_settings_save (f->db->store, &s, &error));
  g_assert_no_error (error);
  restart (f);
  g_assert_cmpint (f->settings.lead_minutes, ==, 30);
  g_assert_cmpint (f->settings.quiet_start, ==, 0);
  g_assert_cmpint (f->settings.quiet_end, ==, 0);
  g_assert_cmpint (f->settings.morning_minute, ==, 7 * 60);
  g_assert_cmpint (f->settings.group_above, ==, 0);
  g_assert_cmpint (f->settings.recipient_id, ==, f->me);

  /* an unreadable stored value is its default; nobody marked as the user: everybody's */
  exec (f, "UPDATE settings SET value = 'soon' WHERE key = 'reminders.lead_minutes';"
           "UPDATE settings SET value = '2000' WHERE key = 'reminders.morning_minute';"
           "UPDATE team_members SET is_self = 0");
  load_settings (f);
  g_assert_cmpint (f->settings.lead_minutes, ==, 15);
  g_assert_cmpint (f->settings.morning_minute, ==, 8 * 60 + 30);
  g_assert_cmpint (f->settings.recipient_id, ==, 0);
}

static void
test_snooze_until (Fixture       *f,
                   gconstpointer  data)
{
  gint64 now = at ("2026-11-20 10:00");

  g_assert_cmpint (crm_reminders_snooze_until (&f->settings, now, CRM_SNOOZE_15_MINUTES), ==, now + 15 * MINUTE);
  g_assert_cmpint (crm_reminders_snooze_until (&f->settings, now, CRM_SNOOZE_1_HOUR), ==, now + HOUR);
  g_assert_cmpint (crm_reminders_snooze_until (&f->settings, now, CRM_SNOOZE_TOMORROW_MORNING), ==,
                   at ("2026-11-21 08:30"));
  g_assert_cmpint (crm_reminders_snooze_until (&f->settings, at ("2026-11-20 23:30"), CRM_SNOOZE_TOMORROW_MORNING),
                   ==, at ("2026-11-21 08:30"));
  /* in the small hours, the coming morning */
  g_assert_cmpint (crm_reminders_snooze_until (&f->settings, at ("2026-11-21 01:00"), CRM_SNOOZE_TOMORROW_MORNING),
                   ==, at ("2026-11-21 08:30"));
  /* after quiet hours, before the morning minute: tomorrow */
  g_assert_cmpint (crm_reminders_snooze_until (&f->settings, at ("2026-11-21 08:10"), CRM_SNOOZE_TOMORROW_MORNING),
                   ==, at ("2026-11-22 08:30"));
}

/* ---- follow-ups ---- */

static void
test_followup_lead (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) longer = NULL;
  const CrmReminder *r;
  gint64 call, visit;

  call = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Confirm the renewal", at ("2026-11-20 14:30"), f->me);
  visit = add_followup (f, f->zhang, CRM_FOLLOWUP_VISIT, "Bring the contract", at ("2026-11-20 16:00"), f->me);

  none = due (f, at ("2026-11-20 14:14"));
  g_assert_null (find (none, CRM_REMINDER_FOLLOWUP_DUE, call));

  first = due (f, at ("2026-11-20 14:15"));
  g_assert_cmpuint (first->len, ==, 1);
  r = g_ptr_array_index (first, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_FOLLOWUP_DUE);
  g_assert_cmpint (r->item_kind, ==, CRM_REMINDER_ITEM_FOLLOWUP);
  g_assert_cmpint (r->item_id, ==, call);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-20 14:30"));
  g_assert_cmpint (r->announce_at, ==, at ("2026-11-20 14:15"));
  g_assert_cmpint (r->customer_id, ==, f->acme);
  g_assert_cmpstr (r->customer_name, ==, "Acme");
  g_assert_cmpstr (r->summary, ==, "Call 张伟 (Acme) at 14:30");
  g_assert_cmpstr (r->body, ==, "Confirm the renewal");
  g_assert_cmpint (r->recipient_id, ==, f->me);
  g_assert_false (r->critical);
  g_assert_false (r->missed);
  g_assert_null (r->items);
  mark_sent (f, r);
  g_assert_cmpint (query (f, "SELECT count(*) FROM reminder_log WHERE item_kind = 1 AND item_id = %" G_GINT64_FORMAT
                          " AND reminder_kind = 0 AND due_at = %" G_GINT64_FORMAT,
                          call, at ("2026-11-20 14:30")), ==, 1);

  again = due (f, at ("2026-11-20 14:16"));
  g_assert_cmpuint (again->len, ==, 0);

  /* a longer lead brings the visit earlier; the call, sent, stays sent */
  f->settings.lead_minutes = 120;
  longer = due (f, at ("2026-11-20 14:17"));
  g_assert_cmpuint (longer->len, ==, 1);
  r = g_ptr_array_index (longer, 0);
  g_assert_cmpint (r->item_id, ==, visit);
  /* a person customer is called by name */
  g_assert_cmpstr (r->summary, ==, "Visit Zhang San at 16:00");
}

static void
test_followup_other_day (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) reminders = NULL;
  const CrmReminder *r;

  f->settings.lead_minutes = 1440;
  add_followup (f, f->acme, CRM_FOLLOWUP_EMAIL, "Send the offer", at ("2026-11-21 09:00"), f->me);
  reminders = due (f, at ("2026-11-20 09:30"));
  g_assert_cmpuint (reminders->len, ==, 1);
  r = g_ptr_array_index (reminders, 0);
  g_assert_cmpstr (r->summary, ==, "E-mail 张伟 (Acme) at 2026-11-21 09:00");
}

static void
test_followup_whose (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 own, other, nobody, done, late;

  own = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Mine", at ("2026-11-20 14:30"), f->me);
  other = add_followup (f, f->globex, CRM_FOLLOWUP_CALL, "Wang's", at ("2026-11-20 14:30"), f->wang);
  nobody = add_followup (f, f->globex, CRM_FOLLOWUP_CALL, "Nobody's", at ("2026-11-20 14:30"), 0);
  done = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Done already", at ("2026-11-20 14:30"), f->me);
  exec (f, "UPDATE followups SET status = 1 WHERE id = %" G_GINT64_FORMAT, done);
  /* entered after its time (a back-dated plan, a rule catching up): the summary lists it, no reminder */
  late = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Entered late", at ("2026-11-20 14:05"), f->me);
  exec (f, "UPDATE followups SET created_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
        at ("2026-11-20 14:10"), late);

  mine = due (f, at ("2026-11-20 14:15"));
  g_assert_cmpuint (mine->len, ==, 3);
  g_assert_null (find (mine, CRM_REMINDER_FOLLOWUP_DUE, late));
  g_assert_cmpstr (find (mine, CRM_REMINDER_FOLLOWUPS_OVERDUE, 0)->summary, ==, "1 overdue follow-up");
  g_assert_nonnull (find (mine, CRM_REMINDER_FOLLOWUP_DUE, own));
  g_assert_nonnull (find (mine, CRM_REMINDER_FOLLOWUP_DUE, nobody));
  g_assert_cmpint (find (mine, CRM_REMINDER_FOLLOWUP_DUE, nobody)->recipient_id, ==, 0);

  /* nobody marked as the user: everybody's */
  f->settings.recipient_id = 0;
  all = due (f, at ("2026-11-20 14:15"));
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_nonnull (find (all, CRM_REMINDER_FOLLOWUP_DUE, other));
  g_assert_cmpint (find (all, CRM_REMINDER_FOLLOWUP_DUE, other)->recipient_id, ==, f->wang);
  g_assert_cmpstr (find (all, CRM_REMINDER_FOLLOWUP_DUE, other)->summary, ==, "Call Zhao Lei (Globex) at 14:30");
}

static void
test_no_duplicates_across_restart (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) unsent = NULL;
  gint64 call, later;

  call = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call back", at ("2026-11-20 14:30"), f->me);
  later = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call again", at ("2026-11-20 14:40"), f->me);
  first = due (f, at ("2026-11-20 14:20"));
  g_assert_cmpuint (first->len, ==, 1);
  mark_all_sent (f, first);

  restart (f);
  /* the sent one is not announced again; the other one, never sent, is */
  after = due (f, at ("2026-11-20 14:26"));
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_null (find (after, CRM_REMINDER_FOLLOWUP_DUE, call));
  g_assert_nonnull (find (after, CRM_REMINDER_FOLLOWUP_DUE, later));

  /* not sent (no mark): still there after a restart */
  restart (f);
  unsent = due (f, at ("2026-11-20 14:27"));
  g_assert_cmpuint (unsent->len, ==, 1);
}

static void
test_rescheduled (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) back = NULL;
  const CrmReminder *r;
  gint64 call;

  no_summary (f);

  call = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call back", at ("2026-11-20 14:30"), f->me);
  first = due (f, at ("2026-11-20 14:15"));
  g_assert_cmpuint (first->len, ==, 1);
  mark_all_sent (f, first);

  exec (f, "UPDATE followups SET planned_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
        at ("2026-11-20 16:00"), call);
  none = due (f, at ("2026-11-20 15:44"));
  g_assert_cmpuint (none->len, ==, 0);
  moved = due (f, at ("2026-11-20 15:45"));
  g_assert_cmpuint (moved->len, ==, 1);
  r = g_ptr_array_index (moved, 0);
  g_assert_cmpint (r->item_id, ==, call);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-20 16:00"));
  g_assert_cmpstr (r->summary, ==, "Call 张伟 (Acme) at 16:00");
  mark_all_sent (f, moved);

  /* moved back to the time already announced: that key was sent */
  exec (f, "UPDATE followups SET planned_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
        at ("2026-11-20 14:30"), call);
  back = due (f, at ("2026-11-20 15:46"));
  g_assert_cmpuint (back->len, ==, 0);
}

static void
test_quiet_hours (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) evening = NULL;
  g_autoptr(GPtrArray) night = NULL;
  g_autoptr(GPtrArray) morning = NULL;
  g_autoptr(GPtrArray) later = NULL;
  const CrmReminder *r;
  gint64 late_call, ticket;

  late_call = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call the night shift", at ("2026-11-20 22:00"), f->me);
  /* a level 1 ticket made at 22:30: response due 23:30 */
  ticket = add_ticket (f, f->acme, 1, f->me, at ("2026-11-20 22:30"));

  evening = due (f, at ("2026-11-20 21:45"));
  g_assert_cmpuint (evening->len, ==, 0);
  g_assert_cmpint (crm_reminders_next_wakeup (f->db->store, at ("2026-11-20 21:45"), &f->settings), ==,
                   at ("2026-11-20 23:30") + 1);

  /* the breach is not held */
  night = due (f, at ("2026-11-20 23:31"));
  g_assert_cmpuint (night->len, ==, 1);
  r = g_ptr_array_index (night, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_RESPONSE_BREACHED);
  g_assert_cmpint (r->item_id, ==, ticket);
  g_assert_true (r->critical);
  mark_all_sent (f, night);
  g_assert_cmpint (crm_reminders_next_wakeup (f->db->store, at ("2026-11-20 23:31"), &f->settings), ==,
                   at ("2026-11-21 08:00"));

  /* held until 08:00, then delivered (missed: nearly ten hours late), once */
  morning = due (f, at ("2026-11-21 08:00"));
  g_assert_cmpuint (morning->len, ==, 1);
  r = g_ptr_array_index (morning, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_FOLLOWUP_DUE);
  g_assert_cmpint (r->item_id, ==, late_call);
  g_assert_true (r->missed);
  g_assert_cmpstr (r->summary, ==, "Call 张伟 (Acme) at 2026-11-20 22:00");
  mark_all_sent (f, morning);
  later = due (f, at ("2026-11-21 08:01"));
  g_assert_cmpuint (later->len, ==, 0);
}

static void
test_quiet_hours_grouped (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) morning = NULL;
  const CrmReminder *r;

  for (int i = 0; i < 4; i++)
    {
      g_autofree char *item = g_strdup_printf ("Night call %d", i + 1);

      add_followup (f, f->acme, CRM_FOLLOWUP_CALL, item, at ("2026-11-20 22:00") + i * HOUR, f->me);
    }
  /* Rapport ran all night: the held ones come as one */
  morning = due_since (f, at ("2026-11-21 08:00"), at ("2026-11-21 07:59"));
  g_assert_cmpuint (morning->len, ==, 1);
  r = g_ptr_array_index (morning, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_GROUP);
  g_assert_cmpstr (r->summary, ==, "4 reminders held during quiet hours");
  g_assert_cmpuint (r->items->len, ==, 4);
}

/* ---- catch-up ---- */

static void
test_catch_up (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) caught = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const CrmReminder *r;
  gint64 ids[7];

  no_summary (f);

  /* Rapport stopped at 18:00 the evening before and starts at 15:00 */
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *item = g_strdup_printf ("Call %d", i + 1);

      /* 09:00 … 14:00, and one at 15:10, announced at 14:55: in time */
      ids[i] = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, item,
                             i < 6 ? at ("2026-11-20 09:00") + i * HOUR : at ("2026-11-20 15:10"), f->me);
    }
  /* older than the catch-up: dropped */
  add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Ancient", at ("2026-11-20 15:00") - 73 * HOUR, f->me);
  /* still ahead: on its own, later */
  add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Ahead", at ("2026-11-20 17:00"), f->me);

  caught = due_since (f, at ("2026-11-20 15:00"), at ("2026-11-19 18:00"));
  g_assert_cmpuint (caught->len, ==, 2);
  r = g_ptr_array_index (caught, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_GROUP);
  g_assert_true (r->missed);
  g_assert_false (r->critical);
  g_assert_cmpstr (r->summary, ==, "6 reminders while Rapport was not running");
  g_assert_cmpstr (r->body, ==,
                   "Call 张伟 (Acme) at 09:00\n"
                   "Call 张伟 (Acme) at 10:00\n"
                   "Call 张伟 (Acme) at 11:00\n"
                   "Call 张伟 (Acme) at 12:00\n"
                   "Call 张伟 (Acme) at 13:00\n"
                   "and 1 more");
  g_assert_cmpuint (r->items->len, ==, 6);
  g_assert_cmpint (r->recipient_id, ==, f->me);
  r = g_ptr_array_index (caught, 1);
  g_assert_cmpint (r->item_id, ==, ids[6]);
  g_assert_false (r->missed);

  /* the group marks every one it stands for */
  mark_all_sent (f, caught);
  g_assert_cmpint (query (f, "SELECT count(*) FROM reminder_log WHERE item_kind = 1"), ==, 7);
  after = due (f, at ("2026-11-20 15:01"));
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_catch_up_few (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) three = NULL;
  g_autoptr(GPtrArray) zero = NULL;

  no_summary (f);

  for (int i = 0; i < 3; i++)
    add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 09:00") + i * HOUR, f->me);

  /* not more than group_above: one by one, each marked missed */
  three = due_since (f, at ("2026-11-20 15:00"), 0);
  g_assert_cmpuint (three->len, ==, 3);
  for (guint i = 0; i < three->len; i++)
    {
      const CrmReminder *r = g_ptr_array_index (three, i);

      g_assert_cmpint (r->kind, ==, CRM_REMINDER_FOLLOWUP_DUE);
      g_assert_true (r->missed);
    }
  /* in the order they were due */
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (three, 0))->due_at, ==, at ("2026-11-20 09:00"));

  f->settings.group_above = 0;
  zero = due_since (f, at ("2026-11-20 15:00"), 0);
  g_assert_cmpuint (zero->len, ==, 1);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (zero, 0))->kind, ==, CRM_REMINDER_GROUP);
}

static void
test_catch_up_breaches (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) caught = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) snoozed = NULL;
  const CrmReminder *group = NULL;
  g_autoptr(GError) error = NULL;
  guint n_critical = 0;

  no_summary (f);

  /* four level 1 tickets made in the morning, left alone: four breaches by noon */
  for (int i = 0; i < 4; i++)
    add_ticket (f, f->acme, 1, f->me, at ("2026-11-20 09:00") + i * 10 * MINUTE);
  add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 11:00"), f->me);

  caught = due_since (f, at ("2026-11-20 13:00"), at ("2026-11-20 08:00"));
  for (guint i = 0; i < caught->len; i++)
    {
      const CrmReminder *r = g_ptr_array_index (caught, i);

      if (r->critical)
        {
          n_critical++;
          group = r;
        }
    }
  g_assert_cmpuint (n_critical, ==, 1);
  /* critical first */
  g_assert_true (((CrmReminder *) g_ptr_array_index (caught, 0))->critical);
  g_assert_cmpint (group->kind, ==, CRM_REMINDER_GROUP);
  g_assert_cmpstr (group->summary, ==, "4 deadlines passed while Rapport was not running");
  g_assert_cmpuint (group->items->len, ==, 4);
  g_assert_true (g_str_has_prefix (group->body, "Response deadline passed: TK2026000001 for Acme\n"));
  /* the follow-up, missed too, comes alone (not more than 3) */
  g_assert_cmpuint (caught->len, ==, 2);

  /* a snoozed group snoozes every item */
  g_assert_true (crm_reminders_snooze (f->db->store, group, at ("2026-11-20 13:15"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM snoozes WHERE item_kind = 2 AND reminder_kind = 4"), ==, 4);
  mark_all_sent (f, caught);
  g_assert_cmpint (query (f, "SELECT count(*) FROM snoozes"), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM reminder_log WHERE item_kind = 2 AND reminder_kind = 4"), ==, 4);
  after = due (f, at ("2026-11-20 13:01"));
  g_assert_cmpuint (after->len, ==, 0);
}

/* ---- snoozes ---- */

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) unsent = NULL;
  g_autoptr(GPtrArray) unsent_held = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReminder) copy = NULL;
  const CrmReminder *r;
  gint64 call, other;

  no_summary (f);

  call = add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call back", at ("2026-11-20 14:30"), f->me);
  first = due (f, at ("2026-11-20 14:15"));
  g_assert_cmpuint (first->len, ==, 1);
  copy = crm_reminder_copy (g_ptr_array_index (first, 0));
  mark_sent (f, copy);

  /* not into the past */
  g_assert_false (crm_reminders_snooze (f->db->store, copy, at ("2026-11-20 14:15"), &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (crm_reminders_snooze (f->db->store, copy,
                                       crm_reminders_snooze_until (&f->settings, at ("2026-11-20 14:15"),
                                                                   CRM_SNOOZE_15_MINUTES),
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_reminders_next_wakeup (f->db->store, at ("2026-11-20 14:16"), &f->settings), ==,
                   at ("2026-11-20 14:30"));

  held = due (f, at ("2026-11-20 14:29"));
  g_assert_cmpuint (held->len, ==, 0);

  /* announced again at its end, once */
  back = due (f, at ("2026-11-20 14:30"));
  g_assert_cmpuint (back->len, ==, 1);
  r = g_ptr_array_index (back, 0);
  g_assert_cmpint (r->item_id, ==, call);
  g_assert_cmpint (r->announce_at, ==, at ("2026-11-20 14:30"));
  g_assert_false (r->missed);
  mark_all_sent (f, back);
  after = due (f, at ("2026-11-20 14:31"));
  g_assert_cmpuint (after->len, ==, 0);

  /* snoozed before it was ever sent: held all the same */
  other = add_followup (f, f->acme, CRM_FOLLOWUP_VISIT, "Visit", at ("2026-11-20 16:00"), f->me);
  unsent = due (f, at ("2026-11-20 15:45"));
  g_assert_cmpuint (unsent->len, ==, 1);
  g_assert_true (crm_reminders_snooze (f->db->store, g_ptr_array_index (unsent, 0), at ("2026-11-20 17:00"), NULL));
  unsent_held = due (f, at ("2026-11-20 16:30"));
  g_assert_cmpuint (unsent_held->len, ==, 0);
  g_clear_pointer (&unsent_held, g_ptr_array_unref);
  /* and not once the follow-up is done */
  exec (f, "UPDATE followups SET status = 1 WHERE id = %" G_GINT64_FORMAT, other);
  unsent_held = due (f, at ("2026-11-20 17:00"));
  g_assert_cmpuint (unsent_held->len, ==, 0);
}

static void
test_snooze_beyond_catch_up (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) back = NULL;

  no_summary (f);

  add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call back", at ("2026-11-20 14:30"), f->me);
  first = due (f, at ("2026-11-20 14:15"));
  mark_all_sent (f, first);
  g_assert_true (crm_reminders_snooze (f->db->store, g_ptr_array_index (first, 0), at ("2026-11-25 09:00"), NULL));
  /* long after the catch-up, the snooze still brings it back */
  back = due (f, at ("2026-11-25 09:00"));
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (back, 0))->kind, ==, CRM_REMINDER_FOLLOWUP_DUE);
}

/* ---- tickets ---- */

static void
test_ticket_at_risk (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) risk = NULL;
  g_autoptr(GPtrArray) met = NULL;
  g_autoptr(GPtrArray) resolution = NULL;
  g_autoptr(GError) error = NULL;
  const CrmReminder *r;
  gint64 id;

  /* level 1 at 10:00: response by 11:00 (at risk 10:48), resolution by 14:00 (at risk 13:12) */
  id = add_ticket (f, f->acme, 1, f->me, at ("2026-11-20 10:00"));
  g_assert_cmpint (crm_reminders_next_wakeup (f->db->store, at ("2026-11-20 10:00"), &f->settings), ==,
                   at ("2026-11-20 10:48"));

  before = due (f, at ("2026-11-20 10:47"));
  g_assert_cmpuint (before->len, ==, 0);
  risk = due (f, at ("2026-11-20 10:48"));
  g_assert_cmpuint (risk->len, ==, 1);
  r = g_ptr_array_index (risk, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_RESPONSE_AT_RISK);
  g_assert_cmpint (r->item_kind, ==, CRM_REMINDER_ITEM_TICKET);
  g_assert_cmpint (r->item_id, ==, id);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-20 11:00"));
  g_assert_cmpstr (r->summary, ==, "TK2026000001 for Acme: response due in 12 min");
  g_assert_cmpstr (r->body, ==, "Login fails");
  g_assert_cmpint (r->recipient_id, ==, f->me);
  g_assert_false (r->critical);
  mark_all_sent (f, risk);

  /* responded at 10:50: the response target is met, never breached; the resolution runs */
  set_now (f, at ("2026-11-20 10:50"));
  g_assert_true (crm_store_respond_ticket (f->db->store, id, "Received, being handled", &error));
  g_assert_no_error (error);
  met = due (f, at ("2026-11-20 11:05"));
  g_assert_cmpuint (met->len, ==, 0);

  resolution = due (f, at ("2026-11-20 13:12"));
  g_assert_cmpuint (resolution->len, ==, 1);
  r = g_ptr_array_index (resolution, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_RESOLUTION_AT_RISK);
  g_assert_cmpstr (r->summary, ==, "TK2026000001 for Acme: resolution due in 48 min");
}

static void
test_ticket_at_risk_long_ago (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) reminders = NULL;
  const CrmReminder *r;
  gint64 id;

  /* a response within 30 days: at risk from day 24, announced on day 28 still */
  exec (f, "UPDATE sla_policies SET respond_minutes = 43200, resolve_minutes = 86400 WHERE level = 2 AND vip = 0");
  id = add_ticket (f, f->acme, 2, f->me, at ("2026-11-01 10:00"));
  reminders = due_since (f, at ("2026-11-29 10:00"), 0);
  g_assert_cmpuint (reminders->len, ==, 1);
  r = g_ptr_array_index (reminders, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_RESPONSE_AT_RISK);
  g_assert_cmpint (r->item_id, ==, id);
  g_assert_cmpint (r->announce_at, ==, at ("2026-11-25 10:00"));
  g_assert_true (r->missed);
  g_assert_cmpstr (r->summary, ==, "TK2026000001 for Acme: response due in 2 days");
}

static void
test_ticket_paused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) waiting_late = NULL;
  g_autoptr(GPtrArray) resumed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = add_ticket (f, f->acme, 1, f->me, at ("2026-11-20 10:00"));
  set_now (f, at ("2026-11-20 10:30"));
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_WAITING, NULL, &error));
  g_assert_no_error (error);

  /* waiting on the customer: neither at risk nor breached */
  waiting = due (f, at ("2026-11-20 10:50"));
  g_assert_cmpuint (waiting->len, ==, 0);
  waiting_late = due (f, at ("2026-11-20 12:00"));
  g_assert_cmpuint (waiting_late->len, ==, 0);

  /* back at 12:00 after 90 minutes: response due 12:30, at risk from 12:18 */
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_IN_PROGRESS, NULL, &error));
  g_assert_no_error (error);
  resumed = due (f, at ("2026-11-20 12:18"));
  g_assert_cmpuint (resumed->len, ==, 1);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (resumed, 0))->kind, ==, CRM_REMINDER_RESPONSE_AT_RISK);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (resumed, 0))->due_at, ==, at ("2026-11-20 12:30"));
}

static void
test_ticket_breach (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) supervisor = NULL;
  g_autoptr(GPtrArray) assignee = NULL;
  g_autoptr(GPtrArray) everybody = NULL;
  g_autoptr(GPtrArray) resolved = NULL;
  g_autoptr(GError) error = NULL;
  const CrmReminder *r;
  gint64 id, other;

  /* Wang Fang's ticket: she and her supervisor hear of it, not Li Na */
  id = add_ticket (f, f->globex, 1, f->wang, at ("2026-11-20 10:00"));
  mine = due (f, at ("2026-11-20 11:01"));
  g_assert_cmpuint (mine->len, ==, 0);

  f->settings.recipient_id = f->supervisor;
  supervisor = due (f, at ("2026-11-20 11:01"));
  g_assert_cmpuint (supervisor->len, ==, 1);
  r = g_ptr_array_index (supervisor, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_RESPONSE_BREACHED);
  g_assert_cmpint (r->item_id, ==, id);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-20 11:00"));
  g_assert_cmpint (r->announce_at, ==, at ("2026-11-20 11:00") + 1);
  g_assert_true (r->critical);
  g_assert_false (r->missed);
  g_assert_cmpint (r->recipient_id, ==, f->wang);
  g_assert_cmpint (r->supervisor_id, ==, f->supervisor);
  g_assert_cmpstr (r->summary, ==, "Response deadline passed: TK2026000001 for Globex");
  g_assert_cmpstr (r->body, ==, "Login fails\nAssigned to Wang Fang");

  f->settings.recipient_id = f->wang;
  assignee = due (f, at ("2026-11-20 11:01"));
  g_assert_cmpuint (assignee->len, ==, 1);
  mark_all_sent (f, assignee);

  /* the same key for all: sent once */
  f->settings.recipient_id = 0;
  everybody = due (f, at ("2026-11-20 11:02"));
  g_assert_cmpuint (everybody->len, ==, 0);

  /* a resolved ticket is met: nothing */
  other = add_ticket (f, f->acme, 1, f->me, at ("2026-11-20 11:00"));
  set_now (f, at ("2026-11-20 11:30"));
  g_assert_true (crm_store_respond_ticket (f->db->store, other, NULL, &error));
  g_assert_true (crm_store_resolve_ticket (f->db->store, other, "Fixed", NULL, NULL, &error));
  g_assert_no_error (error);
  f->settings.recipient_id = f->me;
  resolved = due (f, at ("2026-11-20 16:00"));
  g_assert_null (find (resolved, CRM_REMINDER_RESOLUTION_BREACHED, other));
  g_assert_null (find (resolved, CRM_REMINDER_RESOLUTION_AT_RISK, other));
}

static void
test_ticket_breach_recomputed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* level 2; moved to level 1, the deadline is recomputed */
  id = add_ticket (f, f->acme, 2, f->me, at ("2026-11-20 10:00"));   /* response by 12:00 */
  first = due (f, at ("2026-11-20 12:01"));
  g_assert_nonnull (find (first, CRM_REMINDER_RESPONSE_BREACHED, id));
  mark_all_sent (f, first);

  set_now (f, at ("2026-11-20 12:02"));
  g_assert_true (crm_store_set_ticket_level (f->db->store, id, 1, &error));   /* response by 11:00 */
  g_assert_no_error (error);
  again = due (f, at ("2026-11-20 12:03"));
  g_assert_nonnull (find (again, CRM_REMINDER_RESPONSE_BREACHED, id));
  g_assert_cmpint (find (again, CRM_REMINDER_RESPONSE_BREACHED, id)->due_at, ==, at ("2026-11-20 11:00"));
}

static void
test_ticket_snooze (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) risk = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) breach = NULL;
  g_autoptr(GPtrArray) breach_held = NULL;
  g_autoptr(GPtrArray) breach_back = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 id;

  id = add_ticket (f, f->acme, 1, f->me, at ("2026-11-20 10:00"));
  risk = due (f, at ("2026-11-20 10:48"));
  g_assert_cmpuint (risk->len, ==, 1);
  mark_all_sent (f, risk);
  g_assert_true (crm_reminders_snooze (f->db->store, g_ptr_array_index (risk, 0), at ("2026-11-20 10:58"), NULL));
  held = due (f, at ("2026-11-20 10:57"));
  g_assert_cmpuint (held->len, ==, 0);
  g_clear_pointer (&held, g_ptr_array_unref);
  held = due (f, at ("2026-11-20 10:58"));
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (held, 0))->kind, ==, CRM_REMINDER_RESPONSE_AT_RISK);
  g_assert_cmpstr (((CrmReminder *) g_ptr_array_index (held, 0))->summary, ==,
                   "TK2026000001 for Acme: response due in 2 min");
  mark_all_sent (f, held);

  /* a snoozed breach, once more at the end of the snooze */
  breach = due (f, at ("2026-11-20 11:01"));
  g_assert_cmpuint (breach->len, ==, 1);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (breach, 0))->kind, ==, CRM_REMINDER_RESPONSE_BREACHED);
  mark_all_sent (f, breach);
  g_assert_true (crm_reminders_snooze (f->db->store, g_ptr_array_index (breach, 0), at ("2026-11-20 12:01"), NULL));
  breach_held = due (f, at ("2026-11-20 11:30"));
  g_assert_cmpuint (breach_held->len, ==, 0);
  breach_back = due (f, at ("2026-11-20 12:01"));
  g_assert_cmpuint (breach_back->len, ==, 1);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (breach_back, 0))->item_id, ==, id);
  g_assert_cmpint (((CrmReminder *) g_ptr_array_index (breach_back, 0))->announce_at, ==, at ("2026-11-20 12:01"));
  g_assert_true (((CrmReminder *) g_ptr_array_index (breach_back, 0))->critical);
  mark_all_sent (f, breach_back);
  after = due (f, at ("2026-11-20 12:02"));
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM snoozes"), ==, 0);
}

static void
test_copy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) caught = NULL;
  g_autoptr(CrmReminder) copy = NULL;
  const CrmReminder *group;

  no_summary (f);
  for (int i = 0; i < 5; i++)
    add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 09:00") + i * HOUR, f->me);
  caught = due_since (f, at ("2026-11-20 15:00"), 0);
  g_assert_cmpuint (caught->len, ==, 1);
  group = g_ptr_array_index (caught, 0);
  copy = crm_reminder_copy (group);
  g_clear_pointer (&caught, g_ptr_array_unref);
  g_assert_cmpint (copy->kind, ==, CRM_REMINDER_GROUP);
  g_assert_cmpstr (copy->summary, ==, "5 reminders while Rapport was not running");
  g_assert_cmpuint (copy->items->len, ==, 5);
  g_assert_cmpstr (((CrmReminder *) g_ptr_array_index (copy->items, 4))->summary, ==, "Call 张伟 (Acme) at 13:00");
  /* marking the copy marks them all */
  mark_sent (f, copy);
  g_assert_cmpint (query (f, "SELECT count(*) FROM reminder_log"), ==, 5);
  g_assert_true (G_TYPE_IS_BOXED (CRM_TYPE_REMINDER));
}

/* ---- the morning summary ---- */

static void
test_morning_summary (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) morning = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) next_day = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const CrmReminder *r;

  /* overdue for days (older than the catch-up: no reminder of their own) */
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *item = g_strdup_printf ("Overdue %d", i + 1);

      add_followup (f, f->acme, CRM_FOLLOWUP_CALL, item, at ("2026-11-10 09:00") + i * DAY, f->me);
    }
  add_followup (f, f->globex, CRM_FOLLOWUP_CALL, "Not mine", at ("2026-11-10 09:00"), f->wang);

  early = due (f, at ("2026-11-20 08:29"));
  g_assert_cmpuint (early->len, ==, 0);
  g_assert_cmpint (crm_reminders_next_wakeup (f->db->store, at ("2026-11-20 08:29"), &f->settings), ==,
                   at ("2026-11-20 08:30"));

  morning = due (f, at ("2026-11-20 08:30"));
  g_assert_cmpuint (morning->len, ==, 1);
  r = g_ptr_array_index (morning, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_FOLLOWUPS_OVERDUE);
  g_assert_cmpint (r->item_kind, ==, CRM_REMINDER_ITEM_DAY);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-20 08:30"));
  g_assert_cmpstr (r->summary, ==, "7 overdue follow-ups");
  g_assert_cmpstr (r->body, ==,
                   "Acme: Overdue 7 (2026-11-16)\n"
                   "Acme: Overdue 6 (2026-11-15)\n"
                   "Acme: Overdue 5 (2026-11-14)\n"
                   "Acme: Overdue 4 (2026-11-13)\n"
                   "Acme: Overdue 3 (2026-11-12)\n"
                   "and 2 more");
  mark_all_sent (f, morning);

  later = due (f, at ("2026-11-20 12:00"));
  g_assert_cmpuint (later->len, ==, 0);
  /* once a day, even when its time changes */
  f->settings.morning_minute = 13 * 60;
  moved = due (f, at ("2026-11-20 13:00"));
  g_assert_cmpuint (moved->len, ==, 0);
  f->settings.morning_minute = 8 * 60 + 30;

  next_day = due (f, at ("2026-11-21 09:00"));
  g_assert_cmpuint (next_day->len, ==, 1);
  r = g_ptr_array_index (next_day, 0);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-21 08:30"));
  /* late, but a summary is never grouped, whatever group_above says */
  g_assert_true (r->missed);
  mark_all_sent (f, next_day);

  /* nothing overdue: no summary */
  exec (f, "UPDATE followups SET status = 1");
  none = due (f, at ("2026-11-22 08:30"));
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_morning_summary_snoozed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) morning = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) after = NULL;

  add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Overdue", at ("2026-11-10 09:00"), f->me);
  morning = due (f, at ("2026-11-20 08:30"));
  g_assert_cmpuint (morning->len, ==, 1);
  mark_all_sent (f, morning);
  g_assert_true (crm_reminders_snooze (f->db->store, g_ptr_array_index (morning, 0), at ("2026-11-20 09:30"), NULL));
  held = due (f, at ("2026-11-20 09:00"));
  g_assert_cmpuint (held->len, ==, 0);
  back = due (f, at ("2026-11-20 09:30"));
  g_assert_cmpuint (back->len, ==, 1);
  g_assert_cmpstr (((CrmReminder *) g_ptr_array_index (back, 0))->summary, ==, "1 overdue follow-up");
  mark_all_sent (f, back);
  after = due (f, at ("2026-11-20 09:31"));
  g_assert_cmpuint (after->len, ==, 0);
}

/* ---- birthdays and anniversaries ---- */

static void
test_birthdays (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) day_before = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) on_the_day = NULL;
  const CrmReminder *r;

  exec (f, "UPDATE customers SET birthday = '1980-11-21' WHERE id IN (4, 3);"   /* Zhang San; Initech: do not contact */
           "UPDATE customers SET anniversary = '2020-11-21' WHERE id = 1;"      /* Acme: the 6th */
           "UPDATE customers SET anniversary = '2026-11-21' WHERE id = 2;");    /* Globex: not yet one */
  f->settings.recipient_id = 0;

  early = due (f, at ("2026-11-20 08:29"));
  g_assert_cmpuint (early->len, ==, 0);

  day_before = due (f, at ("2026-11-20 08:30"));
  g_assert_cmpuint (day_before->len, ==, 2);
  r = find (day_before, CRM_REMINDER_BIRTHDAY, f->zhang);
  g_assert_nonnull (r);
  g_assert_cmpint (r->item_kind, ==, CRM_REMINDER_ITEM_CUSTOMER);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-21 00:00"));
  g_assert_cmpint (r->announce_at, ==, at ("2026-11-20 08:30"));
  g_assert_cmpstr (r->summary, ==, "Birthday tomorrow: Zhang San");
  g_assert_cmpstr (r->body, ==, "Send a greeting.");
  g_assert_cmpint (r->recipient_id, ==, f->me);
  r = find (day_before, CRM_REMINDER_ANNIVERSARY, f->acme);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->summary, ==, "Partnership anniversary tomorrow: Acme");
  g_assert_cmpstr (r->body, ==, "6 years of partnership. Send a greeting.");
  mark_sent (f, r);

  /* once: the anniversary was sent, the birthday was not */
  later = due (f, at ("2026-11-20 17:00"));
  g_assert_cmpuint (later->len, ==, 1);
  g_assert_nonnull (find (later, CRM_REMINDER_BIRTHDAY, f->zhang));

  /* missed the day before: on the day itself */
  on_the_day = due (f, at ("2026-11-21 10:00"));
  g_assert_cmpuint (on_the_day->len, ==, 1);
  r = g_ptr_array_index (on_the_day, 0);
  g_assert_cmpstr (r->summary, ==, "Birthday today: Zhang San");
  g_assert_true (r->missed);
}

static void
test_birthdays_and_playbook (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) reminders = NULL;

  exec (f, "UPDATE customers SET birthday = '--11-21' WHERE id = 4;"
           "UPDATE customers SET birthday = '1990-11-21' WHERE id = 1;"
           "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id, dedup_key,"
           " rule_key, created_at, updated_at) VALUES (1, 3, 'Birthday greeting', 0, %" G_GINT64_FORMAT
           ", 1, 'birthday_greeting:1:2026', 'birthday_greeting', 0, 0)",
           at ("2026-11-27 09:00"));
  /* Acme's greeting is the playbook's follow-up: only Zhang San's birthday */
  reminders = due (f, at ("2026-11-20 09:00"));
  g_assert_cmpuint (reminders->len, ==, 1);
  g_assert_nonnull (find (reminders, CRM_REMINDER_BIRTHDAY, f->zhang));
}

static void
test_birthday_leap_day (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) leap = NULL;

  exec (f, "UPDATE customers SET birthday = '2000-02-29' WHERE id = 4");
  /* 2027 has no 29 February: greeted for the 28th */
  plain = due (f, at ("2027-02-27 09:00"));
  g_assert_nonnull (find (plain, CRM_REMINDER_BIRTHDAY, f->zhang));
  g_assert_cmpint (find (plain, CRM_REMINDER_BIRTHDAY, f->zhang)->due_at, ==, at ("2027-02-28 00:00"));
  /* 2028 has one */
  leap = due (f, at ("2028-02-27 09:00"));
  g_assert_null (find (leap, CRM_REMINDER_BIRTHDAY, f->zhang));
}

/* ---- at-risk customers ---- */

static void
test_at_risk_customers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) others = NULL;
  const CrmReminder *r;

  /* scored at 10:00: Acme falls to 52 (low risk), Zhang San stays healthy */
  exec (f, "INSERT INTO customer_scores (customer_id, health_score, risk, computed_at) VALUES"
           " (1, 52, 1, %" G_GINT64_FORMAT "), (4, 80, 0, %" G_GINT64_FORMAT ")",
        at ("2026-11-20 10:00"), at ("2026-11-20 10:00"));
  first = due (f, at ("2026-11-20 10:05"));
  g_assert_cmpuint (first->len, ==, 1);
  r = g_ptr_array_index (first, 0);
  g_assert_cmpint (r->kind, ==, CRM_REMINDER_AT_RISK_CUSTOMER);
  g_assert_cmpint (r->item_id, ==, f->acme);
  g_assert_cmpint (r->due_at, ==, at ("2026-11-20 10:00"));
  g_assert_cmpstr (r->summary, ==, "Acme is at risk: health score 52");
  g_assert_cmpstr (r->body, ==, "Low risk. Find out why and plan an analysis.");
  g_assert_cmpint (r->recipient_id, ==, f->me);
  mark_all_sent (f, first);

  /* still at risk, worse: not "just became" */
  exec (f, "UPDATE customer_scores SET health_score = 45, risk = 2, computed_at = %" G_GINT64_FORMAT
           " WHERE customer_id = 1", at ("2026-11-21 10:00"));
  still = due (f, at ("2026-11-21 10:05"));
  g_assert_null (find (still, CRM_REMINDER_AT_RISK_CUSTOMER, f->acme));

  /* recovered, then at risk again: announced again */
  exec (f, "UPDATE customer_scores SET health_score = 70, risk = 0, computed_at = %" G_GINT64_FORMAT
           " WHERE customer_id = 1", at ("2026-11-22 10:00"));
  g_assert_cmpint (query (f, "SELECT at_risk_since IS NULL FROM customer_scores WHERE customer_id = 1"), ==, 1);
  exec (f, "UPDATE customer_scores SET health_score = 38, risk = 3, computed_at = %" G_GINT64_FORMAT
           " WHERE customer_id = 1", at ("2026-11-23 10:00"));
  again = due (f, at ("2026-11-23 10:05"));
  g_assert_nonnull (find (again, CRM_REMINDER_AT_RISK_CUSTOMER, f->acme));
  g_assert_cmpstr (find (again, CRM_REMINDER_AT_RISK_CUSTOMER, f->acme)->body, ==,
                   "High risk. Find out why and plan an analysis.");

  /* Wang Fang's customer: not for Li Na */
  exec (f, "INSERT INTO customer_scores (customer_id, health_score, risk, computed_at) VALUES (2, 30, 3, %"
           G_GINT64_FORMAT ")", at ("2026-11-23 10:00"));
  others = due (f, at ("2026-11-23 10:06"));
  g_assert_null (find (others, CRM_REMINDER_AT_RISK_CUSTOMER, f->globex));
}

/* ---- the next pass ---- */

static void
test_next_wakeup (Fixture       *f,
                  gconstpointer  data)
{
  CrmStore *store = f->db->store;

  /* nothing planned: the morning */
  g_assert_cmpint (crm_reminders_next_wakeup (store, at ("2026-11-20 10:00"), &f->settings), ==,
                   at ("2026-11-21 08:30"));
  /* in quiet hours: their end */
  g_assert_cmpint (crm_reminders_next_wakeup (store, at ("2026-11-20 23:00"), &f->settings), ==,
                   at ("2026-11-21 08:00"));

  add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 14:30"), f->me);
  add_followup (f, f->globex, CRM_FOLLOWUP_CALL, "Not mine", at ("2026-11-20 12:00"), f->wang);
  g_assert_cmpint (crm_reminders_next_wakeup (store, at ("2026-11-20 10:00"), &f->settings), ==,
                   at ("2026-11-20 14:15"));
  f->settings.recipient_id = 0;
  g_assert_cmpint (crm_reminders_next_wakeup (store, at ("2026-11-20 10:00"), &f->settings), ==,
                   at ("2026-11-20 11:45"));
  f->settings.recipient_id = f->me;

  /* a follow-up whose lead falls in quiet hours: at their end */
  add_followup (f, f->acme, CRM_FOLLOWUP_CALL, "Early call", at ("2026-11-21 08:05"), f->me);
  g_assert_cmpint (crm_reminders_next_wakeup (store, at ("2026-11-20 15:00"), &f->settings), ==,
                   at ("2026-11-21 08:00"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reminders/settings", test_settings);
  ADD ("/reminders/snooze-until", test_snooze_until);
  ADD ("/reminders/followup-lead", test_followup_lead);
  ADD ("/reminders/followup-other-day", test_followup_other_day);
  ADD ("/reminders/followup-whose", test_followup_whose);
  ADD ("/reminders/no-duplicates-across-restart", test_no_duplicates_across_restart);
  ADD ("/reminders/rescheduled", test_rescheduled);
  ADD ("/reminders/quiet-hours", test_quiet_hours);
  ADD ("/reminders/quiet-hours-grouped", test_quiet_hours_grouped);
  ADD ("/reminders/catch-up", test_catch_up);
  ADD ("/reminders/catch-up-few", test_catch_up_few);
  ADD ("/reminders/catch-up-breaches", test_catch_up_breaches);
  ADD ("/reminders/snooze", test_snooze);
  ADD ("/reminders/snooze-beyond-catch-up", test_snooze_beyond_catch_up);
  ADD ("/reminders/ticket-at-risk", test_ticket_at_risk);
  ADD ("/reminders/ticket-at-risk-long-ago", test_ticket_at_risk_long_ago);
  ADD ("/reminders/ticket-paused", test_ticket_paused);
  ADD ("/reminders/ticket-breach", test_ticket_breach);
  ADD ("/reminders/ticket-breach-recomputed", test_ticket_breach_recomputed);
  ADD ("/reminders/ticket-snooze", test_ticket_snooze);
  ADD ("/reminders/copy", test_copy);
  ADD ("/reminders/morning-summary", test_morning_summary);
  ADD ("/reminders/morning-summary-snoozed", test_morning_summary_snoozed);
  ADD ("/reminders/birthdays", test_birthdays);
  ADD ("/reminders/birthdays-and-playbook", test_birthdays_and_playbook);
  ADD ("/reminders/birthday-leap-day", test_birthday_leap_day);
  ADD ("/reminders/at-risk-customers", test_at_risk_customers);
  ADD ("/reminders/next-wakeup", test_next_wakeup);
#undef ADD

  return g_test_run ();
}
