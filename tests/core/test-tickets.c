/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "crm-fts.h"
#include "crm-schema.h"
#include "crm-sla.h"
#include "crm-store-tickets.h"
#include "crm-ticket-list-model.h"
#include "crm-worktime.h"
#include "crm-test-util.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/* The team: Li Na (me) and Wang Fang are agents under the supervisor Zhao Min,
 * who reports to the manager Chen Jie.  Acme belongs to Li Na, Globex (VIP) to
 * Wang Fang, Initech (do not contact) to Li Na. */
typedef struct {
  CrmTestDb *db;
  gint64     me;
  gint64     wang;
  gint64     supervisor;
  gint64     manager;
  gint64     acme;
  gint64     globex;
  gint64     initech;
  gint64     acme_contact;
  gint64     globex_contact;
  guint      ticket_changes;
  guint      followup_changes;
} Fixture;

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            Fixture  *f)
{
  if (kind == CRM_CHANGE_TICKET)
    f->ticket_changes++;
  else if (kind == CRM_CHANGE_FOLLOWUP)
    f->followup_changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_test_db_new ();
  g_assert_true (crm_store_exec (f->db->store,
                                 "INSERT INTO team_members (id, name, role, supervisor_id, is_self, created_at) VALUES"
                                 " (4, 'Chen Jie', 2, NULL, 0, 0),"
                                 " (3, 'Zhao Min', 1, 4, 0, 0),"
                                 " (1, 'Li Na', 0, 3, 1, 0),"
                                 " (2, 'Wang Fang', 0, 3, 0, 0);"
                                 "INSERT INTO customers (id, code, name, sort_key, tier, owner_id, do_not_contact,"
                                 " created_at, updated_at) VALUES"
                                 " (1, 'CS1', 'Acme', 'acme', 1, 1, 0, 0, 0),"
                                 " (2, 'CS2', 'Globex', 'globex', 0, 2, 0, 0, 0),"
                                 " (3, 'CS3', 'Initech', 'initech', 1, 1, 1, 0, 0);"
                                 "INSERT INTO contacts (customer_id, name, is_primary, created_at, updated_at)"
                                 " VALUES (1, 'Wang Lei', 1, 0, 0), (2, 'Zhao Lei', 1, 0, 0);",
                                 NULL));
  f->me = 1;
  f->wang = 2;
  f->supervisor = 3;
  f->manager = 4;
  f->acme = 1;
  f->globex = 2;
  f->initech = 3;
  f->acme_contact = 1;
  f->globex_contact = 2;
  g_signal_connect (f->db->store, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_db_free (f->db);
}

#define query(f, ...) crm_test_query_intf ((f)->db->store, __VA_ARGS__)

#define query_text(f, ...) crm_test_query_textf ((f)->db->store, __VA_ARGS__)

#define at(text) crm_test_time (text)

static void
set_now (Fixture *f,
         gint64   when)
{
  crm_clock_set (f->db->clock, when);
}

static gint64
create (Fixture           *f,
        gint64             customer_id,
        int                level,
        CrmTicketCategory  category,
        const char        *title)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_ticket_draft_init (&draft);
  draft.customer_id = customer_id;
  draft.level = level;
  draft.category = category;
  draft.title = g_strdup (title);
  id = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
column (Fixture    *f,
        gint64      ticket_id,
        const char *name)
{
  return query (f, "SELECT coalesce(%s, 0) FROM tickets WHERE id = %" G_GINT64_FORMAT, name, ticket_id);
}

static gint64
count_events (Fixture *f,
              gint64   ticket_id,
              int      kind)
{
  return query (f, "SELECT count(*) FROM ticket_events WHERE ticket_id = %" G_GINT64_FORMAT " AND kind = %d",
                ticket_id, kind);
}

/* What crm_sla_compute() gives for the ticket's creation time, with no events. */
static void
expected_deadlines (Fixture      *f,
                    int           level,
                    gboolean      vip,
                    gint64        created,
                    CrmSlaStatus *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmWorkCalendar) cal = crm_work_calendar_load (f->db->store, NULL, &error);
  CrmSlaPolicy policy;
  CrmSlaClockInput in = { .created_at = created };

  g_assert_no_error (error);
  g_assert_true (crm_sla_policy_load (f->db->store, level, vip, &policy, &error));
  crm_sla_compute (&policy, cal, &in, created, out);
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_auto(CrmTicketValidation) v = { 0 };

  crm_ticket_draft_init (&draft);
  g_assert_cmpint (draft.level, ==, 3);
  g_assert_cmpint (draft.department, ==, -1);
  g_assert_false (crm_ticket_draft_validate (&draft, &v));
  g_assert_cmpstr (v.messages[CRM_TICKET_FIELD_CUSTOMER], ==, "Choose the customer.");
  g_assert_cmpstr (v.messages[CRM_TICKET_FIELD_TITLE], ==, "Say in a few words what the problem is.");
  g_assert_null (v.messages[CRM_TICKET_FIELD_LEVEL]);
  crm_ticket_validation_clear (&v);

  draft.customer_id = f->acme;
  draft.title = g_strdup ("　 ");   /* a full-width space is blank too */
  draft.level = 4;
  draft.category = CRM_N_TICKET_CATEGORIES;
  draft.department = 3;
  g_assert_false (crm_ticket_draft_validate (&draft, &v));
  g_assert_null (v.messages[CRM_TICKET_FIELD_CUSTOMER]);
  g_assert_nonnull (v.messages[CRM_TICKET_FIELD_TITLE]);
  g_assert_cmpstr (v.messages[CRM_TICKET_FIELD_LEVEL], ==, "Choose a level from 1 to 3.");
  g_assert_cmpstr (v.messages[CRM_TICKET_FIELD_CATEGORY], ==, "Choose a category.");
  g_assert_cmpstr (v.messages[CRM_TICKET_FIELD_DEPARTMENT], ==, "Choose a department, or none.");
  crm_ticket_validation_clear (&v);

  g_free (draft.title);
  draft.title = g_strdup ("  Login fails\n");
  draft.level = 1;
  draft.category = CRM_TICKET_FAULT;
  draft.department = 0;
  g_assert_true (crm_ticket_draft_validate (&draft, &v));

  /* normalizing trims, of any script, and empties become NULL */
  draft.description = g_strdup ("　");
  crm_ticket_draft_normalize (&draft);
  g_assert_cmpstr (draft.title, ==, "Login fails");
  g_assert_null (draft.description);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_auto(CrmTicketDraft) loaded = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  CrmSlaStatus expected;
  gint64 id, urgent, vip;

  crm_ticket_draft_init (&draft);
  draft.customer_id = f->acme;
  draft.contact_id = f->acme_contact;
  draft.title = g_strdup (" Invoice question ");
  draft.description = g_strdup ("How do we get VAT invoices?");
  draft.department = 2;
  id = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (f->ticket_changes, ==, 1);

  /* "TK" + year + 6 digits; New; the customer's owner; the "created" event by me */
  code = query_text (f, "SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (code, ==, "TK2026000001");
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_NEW);
  g_assert_cmpint (column (f, id, "assignee_id"), ==, f->me);
  g_assert_cmpint (column (f, id, "created_at"), ==, CRM_TEST_NOW);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_CREATED), ==, 1);
  g_assert_cmpint (query (f, "SELECT actor_id FROM ticket_events WHERE ticket_id = %" G_GINT64_FORMAT, id), ==, f->me);

  /* level 3 in working time: Friday 10:00 + 4 working hours = 15:30 (lunch 12:00–13:30);
   * + 22.5 working hours = next Wednesday 10:00 */
  expected_deadlines (f, 3, FALSE, CRM_TEST_NOW, &expected);
  g_assert_cmpint (column (f, id, "response_due"), ==, expected.response.due);
  g_assert_cmpint (column (f, id, "resolution_due"), ==, expected.resolution.due);
  g_assert_cmpint (column (f, id, "response_risk_at"), ==, expected.response.at_risk_at);
  g_assert_cmpint (column (f, id, "resolution_risk_at"), ==, expected.resolution.at_risk_at);
  g_assert_cmpint (column (f, id, "response_due"), ==, at ("2026-11-20 15:30"));
  g_assert_cmpint (column (f, id, "resolution_due"), ==, at ("2026-11-25 10:00"));
  g_assert_cmpint (column (f, id, "next_due"), ==, at ("2026-11-20 15:30"));
  g_assert_cmpint (column (f, id, "breached"), ==, 0);

  /* what the form edits comes back */
  g_assert_true (crm_store_load_ticket_draft (f->db->store, id, &loaded, &error));
  g_assert_cmpstr (loaded.title, ==, "Invoice question");
  g_assert_cmpint (loaded.contact_id, ==, f->acme_contact);
  g_assert_cmpint (loaded.department, ==, 2);
  g_assert_cmpint (loaded.assignee_id, ==, f->me);

  /* level 1: the supervisor of the customer's owner, deadlines around the clock */
  urgent = create (f, f->acme, 1, CRM_TICKET_FAULT, "System down");
  code = (g_free (code), query_text (f, "SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, urgent));
  g_assert_cmpstr (code, ==, "TK2026000002");
  g_assert_cmpint (column (f, urgent, "assignee_id"), ==, f->supervisor);
  g_assert_cmpint (column (f, urgent, "response_due"), ==, CRM_TEST_NOW + HOUR);
  g_assert_cmpint (column (f, urgent, "resolution_due"), ==, CRM_TEST_NOW + 4 * HOUR);
  g_assert_cmpint (column (f, urgent, "response_risk_at"), ==, CRM_TEST_NOW + 48 * MINUTE);

  /* the VIP policy, once enabled, for a VIP customer */
  {
    CrmSlaPolicy policy = { 2, TRUE, 60, 720, FALSE, TRUE };

    g_assert_true (crm_sla_policy_save (f->db->store, &policy, &error));
  }
  vip = create (f, f->globex, 2, CRM_TICKET_FAULT, "Export fails");
  g_assert_cmpint (column (f, vip, "response_due"), ==, CRM_TEST_NOW + HOUR);
  g_assert_cmpint (column (f, vip, "resolution_due"), ==, CRM_TEST_NOW + 12 * HOUR);
  g_assert_cmpint (column (f, vip, "assignee_id"), ==, f->wang);
  expected_deadlines (f, 2, TRUE, CRM_TEST_NOW, &expected);
  g_assert_cmpint (column (f, vip, "resolution_due"), ==, expected.resolution.due);
}

/* Level 1 with nobody's supervisor to ask: any supervisor, else the owner. */
static void
test_default_assignee (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id;

  g_assert_true (crm_store_exec (f->db->store, "UPDATE team_members SET supervisor_id = NULL WHERE id = 1", NULL));
  id = create (f, f->acme, 1, CRM_TICKET_FAULT, "Down");
  g_assert_cmpint (column (f, id, "assignee_id"), ==, f->supervisor);

  /* an owner who is a supervisor leads it */
  g_assert_true (crm_store_exec (f->db->store, "UPDATE customers SET owner_id = 3 WHERE id = 1", NULL));
  id = create (f, f->acme, 1, CRM_TICKET_FAULT, "Down again");
  g_assert_cmpint (column (f, id, "assignee_id"), ==, f->supervisor);

  /* no supervisor at all: the owner */
  g_assert_true (crm_store_exec (f->db->store,
                                 "UPDATE customers SET owner_id = 1 WHERE id = 1;"
                                 "UPDATE team_members SET active = 0 WHERE id = 3", NULL));
  id = create (f, f->acme, 1, CRM_TICKET_FAULT, "Down once more");
  g_assert_cmpint (column (f, id, "assignee_id"), ==, f->me);

  /* no owner: the current user */
  g_assert_true (crm_store_exec (f->db->store, "UPDATE customers SET owner_id = NULL WHERE id = 1", NULL));
  id = create (f, f->acme, 2, CRM_TICKET_FAULT, "Slow");
  g_assert_cmpint (column (f, id, "assignee_id"), ==, f->me);
}

static void
test_create_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;

  crm_ticket_draft_init (&draft);
  draft.customer_id = f->acme;
  g_assert_cmpint (crm_store_create_ticket (f->db->store, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Say in a few words what the problem is.");
  g_clear_error (&error);

  /* another customer's contact, a customer that does not exist */
  draft.title = g_strdup ("Question");
  draft.contact_id = f->globex_contact;
  g_assert_cmpint (crm_store_create_ticket (f->db->store, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  draft.contact_id = 0;
  draft.customer_id = 999;
  g_assert_cmpint (crm_store_create_ticket (f->db->store, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);

  g_assert_cmpint (crm_store_count (f->db->store, "tickets"), ==, 0);
  g_assert_cmpint (crm_store_count (f->db->store, "ticket_events"), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM code_sequences"), ==, 0);
  g_assert_cmpuint (f->ticket_changes, ==, 0);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

/* Codes continue after the demo data's, and step over a code already taken. */
static void
test_codes (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *code = NULL;
  gint64 id;

  g_assert_true (crm_store_exec (f->db->store,
                                 "INSERT INTO code_sequences (prefix, year, last) VALUES ('TK', 2026, 41);"
                                 "INSERT INTO tickets (code, customer_id, title, level, created_at, updated_at)"
                                 " VALUES ('TK2026000043', 1, 'Imported', 3, 0, 0);",
                                 NULL));
  id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "A");
  code = query_text (f, "SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (code, ==, "TK2026000042");
  id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "B");
  g_free (code);
  code = query_text (f, "SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (code, ==, "TK2026000044");
  g_assert_cmpint (query (f, "SELECT last FROM code_sequences WHERE prefix = 'TK' AND year = 2026"), ==, 44);

  /* a new year starts at 1 */
  set_now (f, at ("2027-01-04 10:00"));
  id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "C");
  g_free (code);
  code = query_text (f, "SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (code, ==, "TK2027000001");
}

static void
test_respond_and_comment (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, f->acme, 2, CRM_TICKET_FAULT, "Export fails");

  set_now (f, CRM_TEST_NOW + 20 * MINUTE);
  g_assert_true (crm_store_respond_ticket (f->db->store, id, "Received, being handled.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (column (f, id, "first_response_at"), ==, CRM_TEST_NOW + 20 * MINUTE);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_IN_PROGRESS);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_RESPONSE), ==, 1);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_STATUS), ==, 1);
  /* the deadline that matters now is the resolution */
  g_assert_cmpint (column (f, id, "next_due"), ==, CRM_TEST_NOW + 24 * HOUR);
  g_assert_cmpint (column (f, id, "updated_at"), ==, CRM_TEST_NOW + 20 * MINUTE);

  /* a second response: logged, the first one stays */
  set_now (f, CRM_TEST_NOW + HOUR);
  g_assert_true (crm_store_respond_ticket (f->db->store, id, NULL, &error));
  g_assert_cmpint (column (f, id, "first_response_at"), ==, CRM_TEST_NOW + 20 * MINUTE);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_RESPONSE), ==, 2);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_STATUS), ==, 1);

  /* a comment needs its text */
  g_assert_false (crm_store_comment_ticket (f->db->store, id, "  ", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_store_comment_ticket (f->db->store, id, "Asked for the log file.", &error));
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_COMMENT), ==, 1);

  /* a ticket that does not exist */
  g_assert_false (crm_store_respond_ticket (f->db->store, 999, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

/* Waiting on the customer stops the clock; the resolution deadline moves by
 * exactly the working time spent waiting. */
static void
test_pause_and_resume (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "Permissions");
  gint64 due_before, pause_start = at ("2026-11-20 16:00"), pause_end = at ("2026-11-23 10:00");
  g_autoptr(CrmWorkCalendar) cal = crm_work_calendar_load (f->db->store, NULL, NULL);
  CrmSlaStatus sla;

  set_now (f, at ("2026-11-20 10:30"));
  g_assert_true (crm_store_respond_ticket (f->db->store, id, NULL, &error));
  due_before = column (f, id, "resolution_due");
  g_assert_cmpint (due_before, ==, at ("2026-11-25 10:00"));

  set_now (f, pause_start);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_WAITING, "Waiting for their screenshots", &error));
  g_assert_no_error (error);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_WAITING);
  g_assert_cmpint (column (f, id, "paused_since"), ==, pause_start);
  g_assert_cmpint (column (f, id, "resolution_due"), ==, due_before);

  /* while it waits, the SLA is paused */
  set_now (f, at ("2026-11-23 09:30"));
  g_assert_true (crm_store_get_ticket_sla (f->db->store, id, &sla, &error));
  g_assert_cmpint (sla.resolution.state, ==, CRM_SLA_PAUSED);

  set_now (f, pause_end);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_IN_PROGRESS, NULL, &error));
  g_assert_cmpint (column (f, id, "paused_since"), ==, 0);
  g_assert_cmpint (column (f, id, "paused_seconds"), ==, pause_end - pause_start);
  /* Friday 16:00–18:00 and Monday 09:00–10:00: 3 working hours later */
  g_assert_cmpint (crm_work_calendar_working_between (cal, pause_start, pause_end), ==, 3 * HOUR);
  g_assert_cmpint (column (f, id, "resolution_due"), ==,
                   crm_work_calendar_add_working (cal, due_before, 3 * HOUR));
  g_assert_cmpint (column (f, id, "resolution_due"), ==, at ("2026-11-25 14:30"));
  g_assert_cmpint (column (f, id, "next_due"), ==, at ("2026-11-25 14:30"));
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_STATUS), ==, 3);

  /* moving where it is does nothing */
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_IN_PROGRESS, NULL, &error));
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_STATUS), ==, 3);
}

/* Around the clock: a pause of 3 hours moves the deadline by 3 hours. */
static void
test_pause_around_the_clock (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, f->acme, 2, CRM_TICKET_FAULT, "Sync delayed");

  set_now (f, CRM_TEST_NOW + HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_WAITING, NULL, &error));
  set_now (f, CRM_TEST_NOW + 4 * HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_NEW, NULL, &error));
  /* no response yet: the response clock paused too */
  g_assert_cmpint (column (f, id, "response_due"), ==, CRM_TEST_NOW + 5 * HOUR);
  g_assert_cmpint (column (f, id, "resolution_due"), ==, CRM_TEST_NOW + 27 * HOUR);
  g_assert_cmpint (column (f, id, "next_due"), ==, CRM_TEST_NOW + 5 * HOUR);
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *item = NULL;
  g_autofree char *rule = NULL;
  gint64 id = create (f, f->acme, 2, CRM_TICKET_COMPLAINT, "Slow answers");
  gint64 followup = -1;

  /* refused without a resolution: nothing changes */
  set_now (f, CRM_TEST_NOW + 3 * HOUR);
  g_assert_false (crm_store_resolve_ticket (f->db->store, id, " ", NULL, &followup, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (followup, ==, 0);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_NEW);
  g_assert_cmpint (crm_store_count (f->db->store, "followups"), ==, 0);

  f->ticket_changes = f->followup_changes = 0;
  g_assert_true (crm_store_resolve_ticket (f->db->store, id, "Apologised; a dedicated contact.",
                                           "One month free", &followup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->ticket_changes, ==, 1);
  g_assert_cmpuint (f->followup_changes, ==, 1);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_RESOLVED);
  g_assert_cmpint (column (f, id, "resolved_at"), ==, CRM_TEST_NOW + 3 * HOUR);
  g_assert_cmpint (column (f, id, "next_due"), ==, 0);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_RESOLUTION), ==, 1);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_STATUS), ==, 1);

  /* the complaint's follow-up call, within 2 hours, by the customer's owner */
  g_assert_cmpint (followup, >, 0);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==,
                   CRM_TEST_NOW + 5 * HOUR);
  g_assert_cmpint (query (f, "SELECT kind FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==,
                   CRM_FOLLOWUP_CALL);
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==, f->me);
  g_assert_cmpint (query (f, "SELECT source_ticket_id FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==, id);
  g_assert_cmpint (query (f, "SELECT status FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==, 0);
  item = query_text (f, "SELECT item FROM followups WHERE id = %" G_GINT64_FORMAT, followup);
  g_assert_cmpstr (item, ==, "Complaint follow-up: Slow answers");
  rule = query_text (f, "SELECT rule_key FROM followups WHERE id = %" G_GINT64_FORMAT, followup);
  g_assert_cmpstr (rule, ==, "complaint_followup");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_reason IS NOT NULL AND dedup_key IS NOT NULL"), ==, 1);

  /* already resolved */
  g_assert_false (crm_store_resolve_ticket (f->db->store, id, "Again", NULL, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* reopened and resolved again: a second call */
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_IN_PROGRESS, "Still slow", &error));
  g_assert_true (crm_store_resolve_ticket (f->db->store, id, "Second fix", NULL, &followup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, id), ==, 2);

  /* a customer who asked not to be contacted gets no call; other categories neither */
  {
    gint64 quiet = create (f, f->initech, 2, CRM_TICKET_COMPLAINT, "Rude answer");
    gint64 fault = create (f, f->acme, 2, CRM_TICKET_FAULT, "Crash");

    g_assert_true (crm_store_resolve_ticket (f->db->store, quiet, "Apologised", NULL, &followup, &error));
    g_assert_cmpint (followup, ==, 0);
    g_assert_true (crm_store_resolve_ticket (f->db->store, fault, "Patched", NULL, &followup, &error));
    g_assert_cmpint (followup, ==, 0);
    g_assert_cmpint (crm_store_count (f->db->store, "followups"), ==, 2);
  }
}

/* The follow-up and the resolution commit together or not at all. */
static void
test_resolve_is_one_transaction (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, f->acme, 2, CRM_TICKET_COMPLAINT, "Slow answers");
  gint64 followup = -1;

  g_assert_true (crm_store_exec (f->db->store,
                                 "CREATE TRIGGER no_followups BEFORE INSERT ON followups"
                                 " BEGIN SELECT RAISE(ABORT, 'no'); END;", NULL));
  f->ticket_changes = 0;
  g_assert_false (crm_store_resolve_ticket (f->db->store, id, "Apologised", NULL, &followup, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (followup, ==, 0);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_NEW);
  g_assert_cmpint (column (f, id, "resolved_at"), ==, 0);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_RESOLUTION), ==, 0);
  g_assert_cmpuint (f->ticket_changes, ==, 0);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

static void
test_confirm_and_close (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "Invoices");

  g_assert_false (crm_store_confirm_ticket (f->db->store, id, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_store_move_ticket (f->db->store, id, CRM_TICKET_CLOSED, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_store_move_ticket (f->db->store, id, CRM_TICKET_RESOLVED, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_NEW);
  g_assert_cmpint (crm_store_count (f->db->store, "ticket_events"), ==, 1);

  set_now (f, CRM_TEST_NOW + HOUR);
  g_assert_true (crm_store_resolve_ticket (f->db->store, id, "Sent the guide", NULL, NULL, &error));
  set_now (f, CRM_TEST_NOW + 2 * HOUR);
  g_assert_true (crm_store_confirm_ticket (f->db->store, id, "Called: it works", &error));
  g_assert_no_error (error);
  g_assert_cmpint (column (f, id, "confirmed_at"), ==, CRM_TEST_NOW + 2 * HOUR);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_CONFIRMATION), ==, 1);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_RESOLVED);

  set_now (f, CRM_TEST_NOW + 3 * HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_CLOSED, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_CLOSED);
  g_assert_cmpint (column (f, id, "closed_at"), ==, CRM_TEST_NOW + 3 * HOUR);
  /* still confirmable once closed */
  g_assert_true (crm_store_confirm_ticket (f->db->store, id, NULL, &error));
}

/* A reopened ticket resumes its clock where it stopped. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, f->acme, 2, CRM_TICKET_FAULT, "Report export");

  set_now (f, CRM_TEST_NOW + 10 * MINUTE);
  g_assert_true (crm_store_respond_ticket (f->db->store, id, NULL, &error));
  set_now (f, CRM_TEST_NOW + 2 * HOUR);
  g_assert_true (crm_store_resolve_ticket (f->db->store, id, "Patched", NULL, NULL, &error));
  set_now (f, CRM_TEST_NOW + 3 * HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_CLOSED, NULL, &error));

  set_now (f, CRM_TEST_NOW + 5 * HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_IN_PROGRESS, "Fails again", &error));
  g_assert_no_error (error);
  g_assert_cmpint (column (f, id, "status"), ==, CRM_TICKET_IN_PROGRESS);
  g_assert_cmpint (column (f, id, "resolved_at"), ==, 0);
  g_assert_cmpint (column (f, id, "closed_at"), ==, 0);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_REOPEN), ==, 1);
  /* 2 h used before the resolution; 3 h resolved and closed do not count */
  g_assert_cmpint (column (f, id, "resolution_due"), ==, CRM_TEST_NOW + 27 * HOUR);
  g_assert_cmpint (column (f, id, "next_due"), ==, CRM_TEST_NOW + 27 * HOUR);
  g_assert_cmpint (column (f, id, "paused_seconds"), ==, 3 * HOUR);
  /* the response stays met */
  g_assert_cmpint (column (f, id, "first_response_at"), ==, CRM_TEST_NOW + 10 * MINUTE);

  /* from Resolved straight to Waiting on Customer: reopened and paused at once */
  set_now (f, CRM_TEST_NOW + 6 * HOUR);
  g_assert_true (crm_store_resolve_ticket (f->db->store, id, "Patched again", NULL, NULL, &error));
  set_now (f, CRM_TEST_NOW + 7 * HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_WAITING, NULL, &error));
  g_assert_cmpint (column (f, id, "paused_since"), ==, CRM_TEST_NOW + 6 * HOUR);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_REOPEN), ==, 2);
}

/* A level change recomputes the deadlines from creation. */
static void
test_level_change (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 id = create (f, f->acme, 3, CRM_TICKET_FAULT, "Orders fail");

  set_now (f, CRM_TEST_NOW + 20 * MINUTE);
  g_assert_true (crm_store_set_ticket_level (f->db->store, id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (column (f, id, "level"), ==, 1);
  g_assert_cmpint (column (f, id, "response_due"), ==, CRM_TEST_NOW + HOUR);
  g_assert_cmpint (column (f, id, "resolution_due"), ==, CRM_TEST_NOW + 4 * HOUR);
  g_assert_cmpint (column (f, id, "next_due"), ==, CRM_TEST_NOW + HOUR);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_LEVEL), ==, 1);
  old_value = query_text (f, "SELECT old_value FROM ticket_events WHERE kind = 5");
  new_value = query_text (f, "SELECT new_value FROM ticket_events WHERE kind = 5");
  g_assert_cmpstr (old_value, ==, "3");
  g_assert_cmpstr (new_value, ==, "1");

  /* the same level: nothing; no such level: refused */
  g_assert_true (crm_store_set_ticket_level (f->db->store, id, 1, &error));
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_LEVEL), ==, 1);
  g_assert_false (crm_store_set_ticket_level (f->db->store, id, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* through the form: level and assignee, each with its event */
  g_assert_true (crm_store_load_ticket_draft (f->db->store, id, &draft, &error));
  draft.level = 2;
  draft.assignee_id = f->wang;
  g_free (draft.title);
  draft.title = g_strdup ("Orders fail at checkout");
  g_assert_true (crm_store_update_ticket (f->db->store, id, &draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_LEVEL), ==, 2);
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_REASSIGN), ==, 1);
  g_assert_cmpint (column (f, id, "response_due"), ==, CRM_TEST_NOW + 2 * HOUR);
  g_assert_cmpint (column (f, id, "resolution_due"), ==, CRM_TEST_NOW + 24 * HOUR);

  /* a title alone: no event */
  g_free (draft.title);
  draft.title = g_strdup ("Orders fail");
  g_assert_true (crm_store_update_ticket (f->db->store, id, &draft, &error));
  g_assert_cmpint (query (f, "SELECT count(*) FROM ticket_events WHERE ticket_id = %" G_GINT64_FORMAT, id), ==, 4);

  /* an invalid form writes nothing */
  draft.level = 7;
  g_assert_false (crm_store_update_ticket (f->db->store, id, &draft, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpint (column (f, id, "level"), ==, 2);
}

static void
test_reassign (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketDetail) detail = NULL;
  gint64 id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "Seats");
  g_autofree char *line = NULL;

  g_assert_true (crm_store_reassign_ticket (f->db->store, id, f->wang, &error));
  g_assert_no_error (error);
  g_assert_cmpint (column (f, id, "assignee_id"), ==, f->wang);
  g_assert_true (crm_store_reassign_ticket (f->db->store, id, f->wang, &error));
  g_assert_cmpint (count_events (f, id, CRM_TICKET_EVENT_REASSIGN), ==, 1);
  g_assert_false (crm_store_reassign_ticket (f->db->store, id, 99, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_store_reassign_ticket (f->db->store, id, 0, &error));
  g_assert_cmpint (column (f, id, "assignee_id"), ==, 0);

  detail = crm_store_load_ticket_detail (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detail->events->len, ==, 3);
  line = crm_ticket_event_describe (detail->events->pdata[1]);
  g_assert_cmpstr (line, ==, "Assigned: Li Na → Wang Fang");
  g_free (line);
  line = crm_ticket_event_describe (detail->events->pdata[2]);
  g_assert_cmpstr (line, ==, "Assigned: Wang Fang → nobody");
  g_assert_cmpstr (((CrmTicketEvent *) detail->events->pdata[2])->actor_name, ==, "Li Na");
}

/* Past a deadline: an escalation to the supervisor, once per deadline. */
static void
test_escalation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *which = NULL;
  g_autofree char *due = NULL;
  gint64 urgent = create (f, f->acme, 1, CRM_TICKET_FAULT, "System down");
  gint64 paused = create (f, f->acme, 1, CRM_TICKET_FAULT, "Data missing");
  gint64 calm = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "Backups");
  guint n;

  /* before the deadline: nothing */
  set_now (f, CRM_TEST_NOW + 30 * MINUTE);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (crm_store_move_ticket (f->db->store, paused, CRM_TICKET_WAITING, NULL, &error));

  /* one second past the response deadline */
  set_now (f, CRM_TEST_NOW + HOUR + 1);
  f->ticket_changes = 0;
  n = crm_store_escalate_tickets (f->db->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (f->ticket_changes, ==, 1);
  g_assert_cmpint (column (f, urgent, "breached"), ==, 1);
  g_assert_cmpint (column (f, urgent, "escalated_at"), ==, CRM_TEST_NOW + HOUR + 1);
  g_assert_cmpint (column (f, urgent, "escalated_due"), ==, CRM_TEST_NOW + HOUR);
  g_assert_cmpint (count_events (f, urgent, CRM_TICKET_EVENT_ESCALATION), ==, 1);
  /* the supervisor's supervisor leads level 1: Zhao Min is the assignee, Chen Jie hears of it */
  g_assert_cmpint (query (f, "SELECT actor_id FROM ticket_events WHERE kind = 6"), ==, f->manager);
  which = query_text (f, "SELECT new_value FROM ticket_events WHERE kind = 6");
  due = query_text (f, "SELECT old_value FROM ticket_events WHERE kind = 6");
  g_assert_cmpstr (which, ==, "response");
  g_assert_cmpint (g_ascii_strtoll (due, NULL, 10), ==, CRM_TEST_NOW + HOUR);
  /* the paused one and the calm one are not */
  g_assert_cmpint (count_events (f, paused, CRM_TICKET_EVENT_ESCALATION), ==, 0);
  g_assert_cmpint (column (f, paused, "breached"), ==, 0);
  g_assert_cmpint (count_events (f, calm, CRM_TICKET_EVENT_ESCALATION), ==, 0);

  /* twice: nothing more */
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 0);
  g_assert_cmpint (count_events (f, urgent, CRM_TICKET_EVENT_ESCALATION), ==, 1);

  /* level 2 now: the response is due at 12:00, later; escalated again only when that passes */
  g_assert_true (crm_store_set_ticket_level (f->db->store, urgent, 2, &error));
  g_assert_cmpint (column (f, urgent, "next_due"), ==, CRM_TEST_NOW + 2 * HOUR);
  g_assert_cmpint (column (f, urgent, "breached"), ==, 1);
  set_now (f, CRM_TEST_NOW + 2 * HOUR);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 0);
  set_now (f, CRM_TEST_NOW + 2 * HOUR + 1);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 1);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 0);
  g_assert_cmpint (count_events (f, urgent, CRM_TICKET_EVENT_ESCALATION), ==, 2);

  /* answered: the resolution runs until tomorrow 10:00 */
  g_assert_true (crm_store_respond_ticket (f->db->store, urgent, NULL, &error));
  g_assert_cmpint (column (f, urgent, "next_due"), ==, CRM_TEST_NOW + 24 * HOUR);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 0);

  /* the paused one, back in progress past its (moved) deadline: escalated then */
  set_now (f, CRM_TEST_NOW + 3 * HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, paused, CRM_TICKET_IN_PROGRESS, NULL, &error));
  /* paused from 10:30 to 13:00: the response is due at 13:30 */
  g_assert_cmpint (column (f, paused, "next_due"), ==, CRM_TEST_NOW + 3 * HOUR + 30 * MINUTE);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 0);
  set_now (f, CRM_TEST_NOW + 4 * HOUR);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 1);
  g_assert_cmpint (count_events (f, paused, CRM_TICKET_EVENT_ESCALATION), ==, 1);
  /* Zhao Min leads it: the escalation goes to Chen Jie */
  g_assert_cmpint (query (f, "SELECT actor_id FROM ticket_events WHERE kind = 6 AND ticket_id = %" G_GINT64_FORMAT,
                          paused), ==, f->manager);

  /* an agent's tickets go to the agent's supervisor: the calm one's response
   * was due at 15:30, the new one's at 16:00 */
  {
    gint64 late = create (f, f->acme, 2, CRM_TICKET_FAULT, "Slow");

    set_now (f, CRM_TEST_NOW + 7 * HOUR);
    g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 2);
    g_assert_cmpint (query (f, "SELECT actor_id FROM ticket_events WHERE kind = 6 AND ticket_id = %" G_GINT64_FORMAT,
                            late), ==, f->supervisor);
    g_assert_cmpint (query (f, "SELECT actor_id FROM ticket_events WHERE kind = 6 AND ticket_id = %" G_GINT64_FORMAT,
                            calm), ==, f->supervisor);
  }
}

static CrmTicket *
item_at (CrmPagedModel *model,
         guint          position)
{
  return g_list_model_get_item (G_LIST_MODEL (model), position);
}

static guint
n_items (CrmPagedModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static gboolean
holds (CrmPagedModel *model,
       gint64         ticket_id)
{
  for (guint i = 0; i < n_items (model); i++)
    {
      g_autoptr(CrmTicket) t = item_at (model, i);

      if (crm_ticket_get_id (t) == ticket_id)
        return TRUE;
    }
  return FALSE;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPagedModel) fresh = crm_ticket_list_model_new (f->db->store, CRM_TICKET_NEW);
  g_autoptr(CrmPagedModel) progress = crm_ticket_list_model_new (f->db->store, CRM_TICKET_IN_PROGRESS);
  g_autoptr(CrmPagedModel) resolved = crm_ticket_list_model_new (f->db->store, CRM_TICKET_RESOLVED);
  g_autoptr(CrmPagedModel) closed = crm_ticket_list_model_new (f->db->store, CRM_TICKET_CLOSED);
  CrmTicketFilter filter = CRM_TICKET_FILTER_INIT;
  gint64 general, urgent, important, vip, old_closed, recent_closed;
  guint changes = 0;

  g_assert_cmpint (crm_ticket_list_model_get_status (closed), ==, CRM_TICKET_CLOSED);
  g_assert_cmpuint (n_items (fresh), ==, 0);

  /* created at different times: response due 15:30 (level 3), 10:30 + 1 h, 11:00 + 2 h */
  general = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "Invoice question");
  set_now (f, CRM_TEST_NOW + 30 * MINUTE);
  urgent = create (f, f->acme, 1, CRM_TICKET_FAULT, "System down");
  set_now (f, CRM_TEST_NOW + HOUR);
  important = create (f, f->globex, 2, CRM_TICKET_COMPLAINT, "Slow support");
  vip = create (f, f->globex, 3, CRM_TICKET_NEEDS_CHANGE, "More seats, 中文标题");

  /* the most urgent first */
  g_assert_cmpuint (n_items (fresh), ==, 4);
  {
    g_autoptr(CrmTicket) first = item_at (fresh, 0);
    g_autoptr(CrmTicket) second = item_at (fresh, 1);
    g_autoptr(CrmTicket) third = item_at (fresh, 2);
    g_autoptr(CrmTicket) fourth = item_at (fresh, 3);

    g_assert_cmpint (crm_ticket_get_id (first), ==, urgent);
    g_assert_cmpint (crm_ticket_get_id (second), ==, important);
    g_assert_cmpint (crm_ticket_get_id (third), ==, general);
    g_assert_cmpint (crm_ticket_get_id (fourth), ==, vip);
    g_assert_cmpstr (crm_ticket_get_customer_name (first), ==, "Acme");
    g_assert_cmpstr (crm_ticket_get_customer_code (first), ==, "CS1");
    g_assert_cmpstr (crm_ticket_get_assignee_name (first), ==, "Zhao Min");
    g_assert_cmpint (crm_ticket_get_assignee_id (first), ==, f->supervisor);
    g_assert_cmpint (crm_ticket_get_level (first), ==, 1);
    g_assert_cmpint (crm_ticket_get_category (first), ==, CRM_TICKET_FAULT);
    g_assert_cmpstr (crm_ticket_get_code (first), ==, "TK2026000002");
    g_assert_cmpstr (crm_ticket_get_title (first), ==, "System down");
    g_assert_cmpint (crm_ticket_get_created_at (first), ==, CRM_TEST_NOW + 30 * MINUTE);
  }

  /* filters */
  filter.level = 1;
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.assignee_id = f->wang;
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 2);
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.customer_id = f->acme;
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 2);
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.category = CRM_TICKET_COMPLAINT;
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.text = " seats   中文 ";
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter.text = "tk2026000002";   /* a code, in any case */
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter.text = "TK2026";         /* words are prefixes */
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 4);
  filter.text = "invo";
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter.text = "标题";           /* two Chinese characters anywhere */
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter.text = "seats down";     /* every word */
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 0);
  filter.text = "100%";
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 0);
  filter.text = "\"*()";         /* nothing to search for: every one */
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 4);

  /* breached only: the urgent one is past its response deadline at 11:31 */
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.breached_only = TRUE;
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 0);
  set_now (f, CRM_TEST_NOW + 91 * MINUTE);
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  crm_ticket_list_model_set_filter (fresh, &filter);

  /* a move: out of one column, into the other, after the change signal */
  g_signal_connect (fresh, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (holds (fresh, urgent));
  g_assert_false (holds (progress, urgent));
  g_assert_true (crm_store_respond_ticket (f->db->store, urgent, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (n_items (fresh), ==, 3);
  g_assert_false (holds (fresh, urgent));
  g_assert_true (holds (progress, urgent));

  /* Resolved: the most recently changed first */
  set_now (f, CRM_TEST_NOW + 2 * HOUR);
  g_assert_true (crm_store_resolve_ticket (f->db->store, general, "Sent the guide", NULL, NULL, &error));
  set_now (f, CRM_TEST_NOW + 3 * HOUR);
  g_assert_true (crm_store_resolve_ticket (f->db->store, urgent, "Restarted", NULL, NULL, &error));
  g_assert_cmpuint (n_items (resolved), ==, 2);
  g_assert_false (holds (progress, urgent));
  {
    g_autoptr(CrmTicket) first = item_at (resolved, 0);

    g_assert_cmpint (crm_ticket_get_id (first), ==, urgent);
  }
  set_now (f, CRM_TEST_NOW + 4 * HOUR);
  g_assert_true (crm_store_comment_ticket (f->db->store, general, "Customer called back", &error));
  {
    g_autoptr(CrmTicket) first = item_at (resolved, 0);

    g_assert_cmpint (crm_ticket_get_id (first), ==, general);
  }
  g_assert_no_error (error);

  /* a change reaches the columns it concerns only */
  {
    guint resolved_changes = 0;
    gulong handler = g_signal_connect (resolved, "items-changed", G_CALLBACK (items_changed_cb), &resolved_changes);

    g_assert_true (crm_store_comment_ticket (f->db->store, vip, "Asked for the count", &error));
    g_assert_true (crm_store_move_ticket (f->db->store, vip, CRM_TICKET_WAITING, NULL, &error));
    g_assert_cmpuint (resolved_changes, ==, 0);
    g_assert_true (crm_store_comment_ticket (f->db->store, urgent, "Root cause found", &error));
    g_assert_cmpuint (resolved_changes, >, 0);
    resolved_changes = 0;
    g_assert_true (crm_store_move_ticket (f->db->store, urgent, CRM_TICKET_IN_PROGRESS, "Back again", &error));
    g_assert_cmpuint (resolved_changes, >, 0);
    g_assert_cmpuint (n_items (resolved), ==, 1);
    g_assert_true (holds (progress, urgent));
    g_assert_true (crm_store_resolve_ticket (f->db->store, urgent, "Restarted again", NULL, NULL, &error));
    g_assert_cmpuint (n_items (resolved), ==, 2);
    g_assert_false (holds (progress, urgent));
    g_signal_handler_disconnect (resolved, handler);
  }

  /* Closed: the last 30 days, unless a text or a customer is asked for */
  g_assert_true (crm_store_move_ticket (f->db->store, general, CRM_TICKET_CLOSED, NULL, &error));
  g_assert_true (crm_store_exec (f->db->store,
                                 "INSERT INTO tickets (code, customer_id, title, level, status, created_at, resolved_at,"
                                 " closed_at, updated_at) VALUES"
                                 " ('TK2026000900', 1, 'Old invoice question', 3, 4, 1790000000, 1790000000,"
                                 "  1795140000 - 40 * 86400, 1795140000 - 40 * 86400),"
                                 " ('TK2026000901', 2, 'Recent invoice question', 3, 4, 1790000000, 1790000000,"
                                 "  1795140000 - 5 * 86400, 1795140000 - 5 * 86400)",
                                 NULL));
  old_closed = query (f, "SELECT id FROM tickets WHERE code = 'TK2026000900'");
  recent_closed = query (f, "SELECT id FROM tickets WHERE code = 'TK2026000901'");
  crm_paged_model_reload (closed);
  g_assert_cmpuint (n_items (closed), ==, 2);
  {
    g_autoptr(CrmTicket) first = item_at (closed, 0);
    g_autoptr(CrmTicket) second = item_at (closed, 1);

    g_assert_cmpint (crm_ticket_get_id (first), ==, general);
    g_assert_cmpint (crm_ticket_get_id (second), ==, recent_closed);
  }
  g_assert_false (holds (closed, old_closed));
  filter.customer_id = f->acme;
  crm_ticket_list_model_set_filter (closed, &filter);
  g_assert_cmpuint (n_items (closed), ==, 2);
  g_assert_true (holds (closed, old_closed));
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.text = "invoice";
  crm_ticket_list_model_set_filter (closed, &filter);
  g_assert_cmpuint (n_items (closed), ==, 3);
  filter.customer_id = f->acme;   /* matched row by row */
  crm_ticket_list_model_set_filter (closed, &filter);
  g_assert_cmpuint (n_items (closed), ==, 2);
  g_assert_true (holds (closed, old_closed));
  g_assert_true (holds (closed, general));
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.level = 1;
  crm_ticket_list_model_set_filter (closed, &filter);
  g_assert_cmpuint (n_items (closed), ==, 0);
  (void) vip;
}

static void
assert_in_due_order (Fixture       *f,
                     CrmPagedModel *model)
{
  guint n = n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CrmTicket) a = item_at (model, i - 1);
      g_autoptr(CrmTicket) b = item_at (model, i);
      gint64 da = query (f, "SELECT next_due FROM tickets WHERE id = %" G_GINT64_FORMAT, crm_ticket_get_id (a));
      gint64 db = query (f, "SELECT next_due FROM tickets WHERE id = %" G_GINT64_FORMAT, crm_ticket_get_id (b));

      g_assert_true (da < db || (da == db && crm_ticket_get_id (a) < crm_ticket_get_id (b)));
    }
}

/* Paging by key through more tickets than a page, in order; searches that
 * find few and many. */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(CrmPagedModel) progress = NULL;
  g_autoptr(CrmPagedModel) resolved = NULL;
  CrmTicketFilter filter = CRM_TICKET_FILTER_INIT;
  guint n;

  g_assert_true (crm_store_exec (f->db->store,
                                 "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 8000)"
                                 " INSERT INTO tickets (code, customer_id, title, level, status, created_at,"
                                 " next_due, updated_at)"
                                 " SELECT printf('TK2025%06d', k), 1 + k % 2, 'Ticket ' || k, 3, 1 + 2 * (k % 2),"
                                 " 1790000000, 1795140000 + (k % 37) * 60, 1795000000 + (k % 53) * 60 FROM n",
                                 NULL));
  progress = crm_ticket_list_model_new (f->db->store, CRM_TICKET_IN_PROGRESS);
  resolved = crm_ticket_list_model_new (f->db->store, CRM_TICKET_RESOLVED);
  n = n_items (progress);
  g_assert_cmpuint (n, ==, 4000);
  assert_in_due_order (f, progress);

  /* a word in 8,000 tickets (4,000 here): along the column, the first 1,000 */
  filter.text = "ticket";
  crm_ticket_list_model_set_filter (progress, &filter);
  g_assert_cmpuint (n_items (progress), ==, 1000);
  g_assert_true (crm_paged_model_is_truncated (progress));
  assert_in_due_order (f, progress);

  /* a rarer one: every match, sorted */
  filter.text = "ticket 42";   /* 42, 420–429, 4200–4299, with an even k */
  crm_ticket_list_model_set_filter (progress, &filter);
  g_assert_cmpuint (n_items (progress), ==,
                    (guint) query (f, "SELECT count(*) FROM tickets WHERE status = 1"
                                      " AND (title = 'Ticket 42' OR title LIKE 'Ticket 42_' OR title LIKE 'Ticket 42__')"));
  assert_in_due_order (f, progress);

  /* one customer's: the same order */
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  filter.customer_id = f->acme;
  crm_ticket_list_model_set_filter (progress, &filter);
  g_assert_cmpuint (n_items (progress), ==, 4000);
  assert_in_due_order (f, progress);

  n = n_items (resolved);
  g_assert_cmpuint (n, ==, 4000);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CrmTicket) a = item_at (resolved, i - 1);
      g_autoptr(CrmTicket) b = item_at (resolved, i);
      gint64 ua = query (f, "SELECT updated_at FROM tickets WHERE id = %" G_GINT64_FORMAT, crm_ticket_get_id (a));
      gint64 ub = query (f, "SELECT updated_at FROM tickets WHERE id = %" G_GINT64_FORMAT, crm_ticket_get_id (b));

      g_assert_true (ua > ub || (ua == ub && crm_ticket_get_id (a) > crm_ticket_get_id (b)));
    }
  /* a jump far down finds its page by key */
  filter = (CrmTicketFilter) CRM_TICKET_FILTER_INIT;
  crm_ticket_list_model_set_filter (progress, &filter);
  {
    g_autoptr(CrmTicket) last = item_at (progress, 3999);
    g_autoptr(CrmTicket) middle = item_at (progress, 2345);

    g_assert_nonnull (last);
    g_assert_nonnull (middle);
  }
}

static CrmTicket *
load_card (Fixture *f,
           gint64   ticket_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " CRM_TICKET_COLUMNS " FROM tickets t" CRM_TICKET_JOINS
                                          " WHERE t.id = %" G_GINT64_FORMAT, ticket_id);
  sqlite3_stmt *stmt = NULL;
  CrmTicket *ticket;

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (f->db->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  ticket = crm_ticket_new_from_row (stmt);
  sqlite3_finalize (stmt);
  return ticket;
}

/* The clock a card shows, at chosen moments. */
static void
test_clock_states (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, f->acme, 2, CRM_TICKET_FAULT, "Export fails");
  CrmTicketClock clock;

  {
    g_autoptr(CrmTicket) card = load_card (f, id);

    /* response due at 12:00, at risk from 11:36 (80 % of 2 h) */
    crm_ticket_get_clock (card, CRM_TEST_NOW + 30 * MINUTE, &clock);
    g_assert_true (clock.response);
    g_assert_cmpint (clock.due, ==, CRM_TEST_NOW + 2 * HOUR);
    g_assert_cmpint (clock.state, ==, CRM_SLA_ON_TRACK);
    crm_ticket_get_clock (card, CRM_TEST_NOW + 96 * MINUTE - 1, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_ON_TRACK);
    crm_ticket_get_clock (card, CRM_TEST_NOW + 96 * MINUTE, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_AT_RISK);
    crm_ticket_get_clock (card, CRM_TEST_NOW + 2 * HOUR, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_AT_RISK);
    crm_ticket_get_clock (card, CRM_TEST_NOW + 2 * HOUR + 1, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_BREACHED);
    g_assert_false (crm_ticket_get_breached (card));
    g_assert_cmpint (crm_ticket_get_paused_since (card), ==, 0);
    g_assert_cmpint (crm_ticket_get_first_response_at (card), ==, 0);
  }

  /* answered: the resolution clock, due tomorrow 10:00 */
  set_now (f, CRM_TEST_NOW + 30 * MINUTE);
  g_assert_true (crm_store_respond_ticket (f->db->store, id, NULL, &error));
  {
    g_autoptr(CrmTicket) card = load_card (f, id);

    crm_ticket_get_clock (card, CRM_TEST_NOW + HOUR, &clock);
    g_assert_false (clock.response);
    g_assert_cmpint (clock.due, ==, CRM_TEST_NOW + 24 * HOUR);
    g_assert_cmpint (clock.state, ==, CRM_SLA_ON_TRACK);
    crm_ticket_get_clock (card, CRM_TEST_NOW + 24 * HOUR * 4 / 5, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_AT_RISK);
    g_assert_cmpint (crm_ticket_get_first_response_at (card), ==, CRM_TEST_NOW + 30 * MINUTE);
  }

  /* waiting on the customer: paused, whatever the time */
  set_now (f, CRM_TEST_NOW + HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_WAITING, NULL, &error));
  {
    g_autoptr(CrmTicket) card = load_card (f, id);

    crm_ticket_get_clock (card, CRM_TEST_NOW + 3 * DAY, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_PAUSED);
    g_assert_cmpint (crm_ticket_get_paused_since (card), ==, CRM_TEST_NOW + HOUR);
    g_assert_cmpint (crm_ticket_get_status (card), ==, CRM_TICKET_WAITING);
  }

  /* resolved: met */
  set_now (f, CRM_TEST_NOW + 2 * HOUR);
  g_assert_true (crm_store_resolve_ticket (f->db->store, id, "Patched", NULL, NULL, &error));
  {
    g_autoptr(CrmTicket) card = load_card (f, id);

    crm_ticket_get_clock (card, CRM_TEST_NOW + 3 * DAY, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_MET);
    g_assert_cmpint (crm_ticket_get_resolved_at (card), ==, CRM_TEST_NOW + 2 * HOUR);
    g_assert_cmpint (crm_ticket_get_confirmed_at (card), ==, 0);
  }

  /* breached before the pause: still breached while it waits */
  {
    gint64 late = create (f, f->acme, 1, CRM_TICKET_FAULT, "Down");
    g_autoptr(CrmTicket) card = NULL;

    set_now (f, CRM_TEST_NOW + 4 * HOUR);
    g_assert_true (crm_store_move_ticket (f->db->store, late, CRM_TICKET_WAITING, NULL, &error));
    card = load_card (f, late);
    crm_ticket_get_clock (card, CRM_TEST_NOW + 5 * HOUR, &clock);
    g_assert_cmpint (clock.state, ==, CRM_SLA_BREACHED);
    g_assert_true (crm_ticket_get_breached (card));
  }
}

static void
test_detail_and_log (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketDetail) detail = NULL;
  g_auto(CrmTicketDraft) draft = { 0 };
  const char * const expected[] = {
    "Ticket opened",
    "Responded to the customer",
    "Status: New → In Progress",
    "Level: Level 3 — General → Level 1 — Urgent",
    "Status: In Progress → Waiting on Customer",
    "Status: Waiting on Customer → In Progress",
    "Escalated to the supervisor: the resolution deadline passed",
    "Comment",
    "Resolved",
    "Status: In Progress → Resolved",
    "The customer confirmed it is solved",
    "Reopened: Resolved → In Progress",
  };
  gint64 id;

  crm_ticket_draft_init (&draft);
  draft.customer_id = f->acme;
  draft.contact_id = f->acme_contact;
  draft.title = g_strdup ("Orders fail");
  draft.description = g_strdup ("Error 500");
  draft.category = CRM_TICKET_FAULT;
  draft.department = 0;
  id = crm_store_create_ticket (f->db->store, &draft, &error);

  set_now (f, CRM_TEST_NOW + 10 * MINUTE);
  g_assert_true (crm_store_respond_ticket (f->db->store, id, "Received", &error));
  g_assert_true (crm_store_set_ticket_level (f->db->store, id, 1, &error));
  set_now (f, CRM_TEST_NOW + 20 * MINUTE);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_WAITING, "Need logs", &error));
  set_now (f, CRM_TEST_NOW + 30 * MINUTE);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_IN_PROGRESS, NULL, &error));
  set_now (f, CRM_TEST_NOW + 5 * HOUR);
  g_assert_cmpuint (crm_store_escalate_tickets (f->db->store, &error), ==, 1);
  g_assert_true (crm_store_comment_ticket (f->db->store, id, "Engineer on site", &error));
  g_assert_true (crm_store_resolve_ticket (f->db->store, id, "Fixed validation", "10% off", NULL, &error));
  g_assert_true (crm_store_confirm_ticket (f->db->store, id, "It works", &error));
  set_now (f, CRM_TEST_NOW + 6 * HOUR);
  g_assert_true (crm_store_move_ticket (f->db->store, id, CRM_TICKET_IN_PROGRESS, "Broken again", &error));
  g_assert_no_error (error);

  detail = crm_store_load_ticket_detail (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detail->code, ==, "TK2026000001");
  g_assert_cmpstr (detail->customer_name, ==, "Acme");
  g_assert_cmpstr (detail->customer_code, ==, "CS1");
  g_assert_cmpstr (detail->contact_name, ==, "Wang Lei");
  g_assert_cmpstr (detail->title, ==, "Orders fail");
  g_assert_cmpstr (detail->description, ==, "Error 500");
  g_assert_cmpstr (detail->assignee_name, ==, "Li Na");
  g_assert_cmpstr (detail->resolution, ==, "Fixed validation");
  g_assert_cmpstr (detail->compensation, ==, "10% off");
  g_assert_cmpint (detail->level, ==, 1);
  g_assert_cmpint (detail->department, ==, 0);
  g_assert_cmpint (detail->status, ==, CRM_TICKET_IN_PROGRESS);
  g_assert_cmpint (detail->first_response_at, ==, CRM_TEST_NOW + 10 * MINUTE);
  g_assert_cmpint (detail->resolved_at, ==, 0);
  g_assert_cmpint (detail->confirmed_at, ==, 0);
  g_assert_true (detail->breached);
  /* level 1: resolve in 4 h from 10:00, paused 10 min: 14:10, passed before the
   * resolution at 15:00 (the hour until the reopen does not move it back) */
  g_assert_cmpint (detail->sla.resolution.due, ==, CRM_TEST_NOW + 4 * HOUR + 10 * MINUTE);
  g_assert_cmpint (detail->sla.resolution.state, ==, CRM_SLA_BREACHED);
  g_assert_cmpint (detail->sla.response.state, ==, CRM_SLA_MET);

  g_assert_cmpuint (detail->events->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < detail->events->len; i++)
    {
      const CrmTicketEvent *event = detail->events->pdata[i];
      g_autofree char *line = crm_ticket_event_describe (event);

      g_assert_cmpstr (line, ==, expected[i]);
      if (i > 0)
        g_assert_cmpint (event->at, >=, ((CrmTicketEvent *) detail->events->pdata[i - 1])->at);
    }
  g_assert_cmpstr (((CrmTicketEvent *) detail->events->pdata[1])->note, ==, "Received");
  g_assert_cmpstr (((CrmTicketEvent *) detail->events->pdata[0])->actor_name, ==, "Li Na");
  g_assert_cmpstr (((CrmTicketEvent *) detail->events->pdata[6])->actor_name, ==, "Zhao Min");

  /* every kind has words, and unknown values do not crash */
  {
    CrmTicketEvent event = { 0, CRM_TICKET_EVENT_STATUS, 0, NULL, "x", "9", NULL };
    g_autofree char *a = crm_ticket_event_describe (&event);
    g_autofree char *b = NULL;
    g_autofree char *c = NULL;

    g_assert_cmpstr (a, ==, "Status changed");
    event.kind = CRM_TICKET_EVENT_ESCALATION;
    b = crm_ticket_event_describe (&event);
    g_assert_cmpstr (b, ==, "Escalated to the supervisor");
    event.kind = CRM_TICKET_EVENT_LEVEL;
    c = crm_ticket_event_describe (&event);
    g_assert_cmpstr (c, ==, "Level changed");
  }

  g_assert_null (crm_store_load_ticket_detail (f->db->store, 999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

/* A change of the working hours reaches the deadlines computed after it. */
static void
test_calendar_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const CrmWorkWindow windows[] = {
    { 1, 540, 1080 }, { 2, 540, 1080 }, { 3, 540, 1080 }, { 4, 540, 1080 }, { 5, 540, 1080 },
  };
  gint64 id;

  id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "Before");
  g_assert_cmpint (column (f, id, "response_due"), ==, at ("2026-11-20 15:30"));
  g_assert_true (crm_work_calendar_save_windows (f->db->store, windows, G_N_ELEMENTS (windows), &error));
  g_assert_no_error (error);
  id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "After");
  g_assert_cmpint (column (f, id, "response_due"), ==, at ("2026-11-20 14:00"));
}

/* The search index follows new titles and deleted tickets. */
static void
test_search_index (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPagedModel) fresh = crm_ticket_list_model_new (f->db->store, CRM_TICKET_NEW);
  g_auto(CrmTicketDraft) draft = { 0 };
  CrmTicketFilter filter = CRM_TICKET_FILTER_INIT;
  gint64 id = create (f, f->acme, 3, CRM_TICKET_CONSULTATION, "Invoice question");

  create (f, f->globex, 3, CRM_TICKET_CONSULTATION, "Invoice copy");
  filter.text = "invoice";
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 2);

  g_assert_true (crm_store_load_ticket_draft (f->db->store, id, &draft, &error));
  g_free (draft.title);
  draft.title = g_strdup ("Receipt question");
  g_assert_true (crm_store_update_ticket (f->db->store, id, &draft, &error));
  g_assert_cmpuint (n_items (fresh), ==, 1);
  filter.text = "receipt";
  crm_ticket_list_model_set_filter (fresh, &filter);
  g_assert_cmpuint (n_items (fresh), ==, 1);

  /* a customer's deletion takes its tickets out of the index */
  g_assert_true (crm_store_exec (f->db->store, "DELETE FROM customers WHERE id = 1", &error));
  g_assert_no_error (error);
  crm_paged_model_reload (fresh);
  g_assert_cmpuint (n_items (fresh), ==, 0);
  g_assert_true (crm_store_exec (f->db->store, "INSERT INTO ticket_fts (ticket_fts) VALUES ('integrity-check')",
                                 &error));
  g_assert_no_error (error);
}

/* Migration 6 fills the new columns of tickets written before it. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (CRM_TEST_NOW);
  CrmStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (crm_fts_register (db));
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d", CRM_SCHEMA_APPLICATION_ID);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  for (guint v = 1; v <= 5; v++)
    g_assert_cmpint (sqlite3_exec (db, crm_schema_get_migration (v), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA user_version = 5;"
                                 "INSERT INTO customers (id, code, name, sort_key, created_at, updated_at)"
                                 " VALUES (1, 'CS1', 'Acme', 'acme', 0, 0);"
                                 "INSERT INTO tickets (id, code, customer_id, title, level, status, created_at,"
                                 " first_response_at, response_due, resolution_due, escalated_at, breached, updated_at)"
                                 " VALUES (1, 'TK2026000001', 1, 'New', 2, 0, 1000, NULL, 8200, 87400, 8300, 1, 0),"
                                 " (2, 'TK2026000002', 1, 'Answered', 2, 1, 1000, 2000, 8200, 87400, NULL, 0, 0),"
                                 " (3, 'TK2026000003', 1, 'Done', 2, 4, 1000, 2000, 8200, 87400, NULL, 0, 0);"
                                 "INSERT INTO ticket_events (ticket_id, at, kind) VALUES (1, 8300, 6);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = crm_store_open (path, clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (store, "PRAGMA user_version"), ==, crm_store_schema_version ());
  g_assert_cmpint (crm_test_query_int (store, "SELECT next_due FROM tickets WHERE id = 1"), ==, 8200);
  g_assert_cmpint (crm_test_query_int (store, "SELECT next_due FROM tickets WHERE id = 2"), ==, 87400);
  g_assert_cmpint (crm_test_query_int (store, "SELECT next_due IS NULL FROM tickets WHERE id = 3"), ==, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT response_risk_at FROM tickets WHERE id = 1"), ==, 1000 + 5760);
  g_assert_cmpint (crm_test_query_int (store, "SELECT resolution_risk_at FROM tickets WHERE id = 1"), ==, 1000 + 69120);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM ticket_events WHERE kind = 6"
                                              " AND new_value = 'response' AND old_value = '8200'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT escalated_due FROM tickets WHERE id = 1"), ==, 8200);
  g_assert_cmpint (crm_test_query_int (store, "SELECT escalated_due IS NULL FROM tickets WHERE id = 2"), ==, 1);
  /* already escalated for that deadline: not again */
  g_assert_cmpuint (crm_store_escalate_tickets (store, &error), ==, 1);   /* ticket 2's resolution */
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM ticket_events WHERE ticket_id = 1 AND kind = 6"), ==, 1);
  g_object_unref (store);
  crm_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tickets/validate", test_validate);
  ADD ("/tickets/create", test_create);
  ADD ("/tickets/default-assignee", test_default_assignee);
  ADD ("/tickets/create-refused", test_create_refused);
  ADD ("/tickets/codes", test_codes);
  ADD ("/tickets/respond-and-comment", test_respond_and_comment);
  ADD ("/tickets/pause-and-resume", test_pause_and_resume);
  ADD ("/tickets/pause-around-the-clock", test_pause_around_the_clock);
  ADD ("/tickets/resolve", test_resolve);
  ADD ("/tickets/resolve-is-one-transaction", test_resolve_is_one_transaction);
  ADD ("/tickets/confirm-and-close", test_confirm_and_close);
  ADD ("/tickets/reopen", test_reopen);
  ADD ("/tickets/level-change", test_level_change);
  ADD ("/tickets/reassign", test_reassign);
  ADD ("/tickets/escalation", test_escalation);
  ADD ("/tickets/columns", test_columns);
  ADD ("/tickets/many", test_many);
  ADD ("/tickets/clock-states", test_clock_states);
  ADD ("/tickets/detail-and-log", test_detail_and_log);
  ADD ("/tickets/calendar-change", test_calendar_change);
  ADD ("/tickets/search-index", test_search_index);
#undef ADD
  g_test_add_func ("/tickets/migration", test_migration);

  return g_test_run ();
}
