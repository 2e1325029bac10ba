/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "crm-playbook.h"
#include "crm-store-followups.h"
#include "crm-store-tickets.h"
#include "crm-test-util.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/* "Now" is Friday 2026-11-20 10:00 in Asia/Shanghai (CRM_TEST_NOW).
 * The team: Li Na (me) and Wang Fang are agents under the supervisor Zhao Min,
 * who reports to the manager Chen Jie.  Acme belongs to Wang Fang, Initech to
 * nobody, Globex (do not contact) to Li Na. */
typedef struct {
  CrmTestDb *db;
  guint      followup_changes;
  gint64     last_change_id;
} Fixture;

enum {
  LI_NA = 1,
  WANG_FANG = 2,
  ZHAO_MIN = 3,
  CHEN_JIE = 4,
};

enum {
  ACME = 1,
  INITECH = 2,
  GLOBEX = 3,
};

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            Fixture  *f)
{
  if (kind == CRM_CHANGE_FOLLOWUP)
    {
      f->followup_changes++;
      f->last_change_id = id;
    }
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
                                 "INSERT INTO customers (id, code, name, sort_key, owner_id, do_not_contact,"
                                 " created_at, updated_at) VALUES"
                                 " (1, 'CS1', 'Acme', 'acme', 2, 0, 0, 0),"
                                 " (2, 'CS2', 'Initech', 'initech', NULL, 0, 0, 0),"
                                 " (3, 'CS3', 'Globex', 'globex', 1, 1, 0, 0);",
                                 NULL));
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

static gint64
create (Fixture         *f,
        gint64           customer,
        CrmFollowupKind  kind,
        const char      *item,
        gint64           planned_at)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmFollowupDraft) draft = { 0 };
  gint64 id;

  crm_followup_draft_init (&draft);
  draft.customer_id = customer;
  draft.kind = kind;
  draft.item = g_strdup (item);
  draft.planned_at = planned_at;
  id = crm_store_create_followup (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
count (Fixture *f)
{
  return query (f, "SELECT count(*) FROM followups");
}

/* ---- states ---- */

static void
test_states (void)
{
  g_assert_cmpint (crm_followup_state_for (CRM_FOLLOWUP_PLANNED, 100, 99), ==, CRM_FOLLOWUP_STATE_PLANNED);
  g_assert_cmpint (crm_followup_state_for (CRM_FOLLOWUP_PLANNED, 100, 100), ==, CRM_FOLLOWUP_STATE_PLANNED);
  g_assert_cmpint (crm_followup_state_for (CRM_FOLLOWUP_PLANNED, 100, 101), ==, CRM_FOLLOWUP_STATE_OVERDUE);
  g_assert_cmpint (crm_followup_state_for (CRM_FOLLOWUP_DONE, 100, 101), ==, CRM_FOLLOWUP_STATE_DONE);
  g_assert_cmpint (crm_followup_state_for (CRM_FOLLOWUP_SKIPPED, 100, 101), ==, CRM_FOLLOWUP_STATE_SKIPPED);
  g_assert_cmpstr (crm_followup_state_to_string (CRM_FOLLOWUP_STATE_PLANNED), ==, "Planned");
  g_assert_cmpstr (crm_followup_state_to_string (CRM_FOLLOWUP_STATE_DONE), ==, "Done");
  g_assert_cmpstr (crm_followup_state_to_string (CRM_FOLLOWUP_STATE_SKIPPED), ==, "Skipped");
  g_assert_cmpstr (crm_followup_state_to_string (CRM_FOLLOWUP_STATE_OVERDUE), ==, "Overdue");
}

/* ---- the form ---- */

static void
test_draft_validate (void)
{
  g_auto(CrmFollowupDraft) draft = { 0 };
  g_auto(CrmFollowupDraft) other = { 0 };
  g_auto(CrmFollowupValidation) v = { 0 };

  crm_followup_draft_init (&draft);
  g_assert_cmpint (draft.kind, ==, CRM_FOLLOWUP_CALL);
  g_assert_false (crm_followup_draft_validate (&draft, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_FIELD_CUSTOMER], ==, "Choose the customer.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_FIELD_ITEM], ==, "Say in a few words what is to be done.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_FIELD_PLANNED_AT], ==, "Enter when it is planned.");
  g_assert_null (v.messages[CRM_FOLLOWUP_FIELD_KIND]);
  crm_followup_validation_clear (&v);

  draft.customer_id = ACME;
  draft.item = g_strdup (" \u3000 ");   /* blank, a full-width space too */
  draft.planned_at = CRM_TEST_NOW + 6 * 366 * DAY;
  draft.kind = CRM_N_FOLLOWUP_KINDS;
  g_assert_false (crm_followup_draft_validate (&draft, CRM_TEST_NOW, &v));
  g_assert_null (v.messages[CRM_FOLLOWUP_FIELD_CUSTOMER]);
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_FIELD_KIND], ==, "Choose a kind of follow-up.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_FIELD_ITEM], ==, "Say in a few words what is to be done.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_FIELD_PLANNED_AT], ==, "This is more than five years ahead.");
  crm_followup_validation_clear (&v);

  /* planned in the past is fine: it is overdue */
  g_free (draft.item);
  draft.item = g_strdup ("  Call back about the invoice \u3000");
  draft.planned_at = CRM_TEST_NOW - DAY;
  draft.kind = CRM_FOLLOWUP_VISIT;
  draft.notes = g_strdup ("   ");
  g_assert_true (crm_followup_draft_validate (&draft, CRM_TEST_NOW, &v));
  for (guint i = 0; i < CRM_N_FOLLOWUP_FIELDS; i++)
    g_assert_null (v.messages[i]);

  crm_followup_draft_normalize (&draft);
  g_assert_cmpstr (draft.item, ==, "Call back about the invoice");
  g_assert_null (draft.notes);

  crm_followup_draft_init (&other);
  other.customer_id = ACME;
  other.kind = CRM_FOLLOWUP_VISIT;
  other.item = g_strdup ("Call back about the invoice");
  other.planned_at = CRM_TEST_NOW - DAY;
  g_assert_true (crm_followup_draft_equal (&draft, &other));
  other.owner_id = LI_NA;
  g_assert_false (crm_followup_draft_equal (&draft, &other));
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmFollowupDraft) draft = { 0 };
  g_auto(CrmFollowupDraft) loaded = { 0 };
  g_autoptr(CrmFollowup) followup = NULL;
  gint64 id;

  /* the owner defaults to the customer's, else the current user */
  id = create (f, ACME, CRM_FOLLOWUP_VISIT, "  Visit the plant ", at ("2026-11-25 14:00"));
  g_assert_cmpuint (f->followup_changes, ==, 1);
  g_assert_cmpint (f->last_change_id, ==, id);
  followup = crm_store_get_followup (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (followup->customer_id, ==, ACME);
  g_assert_cmpstr (followup->customer_name, ==, "Acme");
  g_assert_cmpstr (followup->customer_code, ==, "CS1");
  g_assert_cmpint (followup->kind, ==, CRM_FOLLOWUP_VISIT);
  g_assert_cmpstr (followup->item, ==, "Visit the plant");
  g_assert_cmpint (followup->status, ==, CRM_FOLLOWUP_PLANNED);
  g_assert_cmpint (followup->state, ==, CRM_FOLLOWUP_STATE_PLANNED);
  g_assert_cmpint (followup->planned_at, ==, at ("2026-11-25 14:00"));
  g_assert_cmpint (followup->owner_id, ==, WANG_FANG);
  g_assert_cmpstr (followup->owner_name, ==, "Wang Fang");
  g_assert_null (followup->rule_key);
  g_assert_cmpint (followup->previous_id, ==, 0);
  g_assert_cmpint (followup->next_id, ==, 0);
  g_assert_cmpint (followup->created_at, ==, CRM_TEST_NOW);

  id = create (f, INITECH, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-19 14:00"));
  g_clear_pointer (&followup, crm_followup_free);
  followup = crm_store_get_followup (f->db->store, id, &error);
  g_assert_cmpint (followup->owner_id, ==, LI_NA);
  g_assert_cmpint (followup->state, ==, CRM_FOLLOWUP_STATE_OVERDUE);

  /* an owner given is kept */
  crm_followup_draft_init (&draft);
  draft.customer_id = ACME;
  draft.item = g_strdup ("Review");
  draft.planned_at = CRM_TEST_NOW + DAY;
  draft.owner_id = ZHAO_MIN;
  draft.notes = g_strdup ("Bring the contract");
  id = crm_store_create_followup (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_load_followup (f->db->store, id, &loaded, &error));
  g_assert_no_error (error);
  g_assert_true (crm_followup_draft_equal (&draft, &loaded));

  /* refused: nothing written */
  g_clear_pointer (&draft.item, g_free);
  g_assert_cmpint (crm_store_create_followup (f->db->store, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Say in a few words what is to be done.");
  g_clear_error (&error);
  draft.item = g_strdup ("Review");
  draft.customer_id = 99;
  g_assert_cmpint (crm_store_create_followup (f->db->store, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This customer no longer exists.");
  g_clear_error (&error);
  draft.customer_id = ACME;
  draft.owner_id = 99;
  g_assert_cmpint (crm_store_create_followup (f->db->store, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This team member no longer exists.");
  g_clear_error (&error);
  g_assert_cmpint (count (f), ==, 3);
  g_assert_cmpuint (f->followup_changes, ==, 3);

  /* not there */
  g_assert_null (crm_store_get_followup (f->db->store, 99, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This follow-up no longer exists.");
  g_clear_error (&error);
  g_assert_false (crm_store_load_followup (f->db->store, 99, &loaded, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmFollowupDraft) draft = { 0 };
  gint64 id = create (f, ACME, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-25 14:00"));
  guint changes = f->followup_changes;

  g_assert_true (crm_store_load_followup (f->db->store, id, &draft, &error));
  g_free (draft.item);
  draft.item = g_strdup (" Call about the renewal ");
  draft.kind = CRM_FOLLOWUP_EMAIL;
  draft.owner_id = LI_NA;
  draft.notes = g_strdup ("Price list attached");
  crm_clock_advance (f->db->clock, HOUR);
  g_assert_true (crm_store_update_followup (f->db->store, id, &draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->followup_changes, ==, changes + 1);
  {
    g_autofree char *item = query_text (f, "SELECT item FROM followups WHERE id = %" G_GINT64_FORMAT, id);

    g_assert_cmpstr (item, ==, "Call about the renewal");
  }
  g_assert_cmpint (query (f, "SELECT kind FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, CRM_FOLLOWUP_EMAIL);
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, LI_NA);
  g_assert_cmpint (query (f, "SELECT updated_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   CRM_TEST_NOW + HOUR);

  /* refused: unchanged */
  draft.planned_at = 0;
  g_assert_false (crm_store_update_followup (f->db->store, id, &draft, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter when it is planned.");
  g_clear_error (&error);
  draft.planned_at = CRM_TEST_NOW;
  g_assert_false (crm_store_update_followup (f->db->store, 99, &draft, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   at ("2026-11-25 14:00"));
  g_assert_cmpuint (f->followup_changes, ==, changes + 1);
}

/* ---- completing ---- */

static void
test_result_validate (void)
{
  g_auto(CrmFollowupResult) result = { 0 };
  g_auto(CrmFollowupResultValidation) v = { 0 };
  CrmFollowup complaint = { 0 };

  crm_followup_result_init (&result);
  g_assert_false (crm_followup_result_validate (&result, NULL, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_RESULT], ==, "Say what came of it.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT], ==, "Enter when it was done.");
  g_assert_null (v.messages[CRM_FOLLOWUP_RESULT_FIELD_SATISFACTION]);
  g_assert_null (v.messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_STEP]);
  crm_followup_result_validation_clear (&v);

  result.result = g_strdup ("Happy with the fix");
  result.actual_at = CRM_TEST_NOW + DAY + 1;
  result.satisfaction = 6;
  result.next_planned_at = CRM_TEST_NOW + 2 * DAY;
  g_assert_false (crm_followup_result_validate (&result, NULL, CRM_TEST_NOW, &v));
  g_assert_null (v.messages[CRM_FOLLOWUP_RESULT_FIELD_RESULT]);
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT], ==,
                   "This is more than a day ahead: record it when it has been done.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_SATISFACTION], ==, "Satisfaction is from 1 to 5.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_STEP], ==, "Say what the next step is, or clear its date.");
  crm_followup_result_validation_clear (&v);

  result.actual_at = CRM_TEST_NOW;
  result.satisfaction = 5;
  result.next_step = g_strdup ("Send the quote");
  result.next_planned_at = 0;
  g_assert_false (crm_followup_result_validate (&result, NULL, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT], ==, "Say when the next step is planned.");
  crm_followup_result_validation_clear (&v);

  result.next_planned_at = CRM_TEST_NOW - HOUR;
  result.next_kind = 42;
  g_assert_false (crm_followup_result_validate (&result, NULL, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT], ==,
                   "The next step cannot be planned before this one was done.");
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_KIND], ==, "Choose a kind of follow-up.");
  crm_followup_result_validation_clear (&v);

  result.next_kind = CRM_FOLLOWUP_EMAIL;
  result.next_planned_at = CRM_TEST_NOW + DAY;
  g_assert_true (crm_followup_result_validate (&result, NULL, CRM_TEST_NOW, &v));
  crm_followup_result_validation_clear (&v);

  /* a complaint follow-up done late needs a reason */
  complaint.rule_key = (char *) "complaint_followup";
  complaint.planned_at = CRM_TEST_NOW - HOUR;
  g_assert_true (crm_followup_needs_late_reason (&complaint, CRM_TEST_NOW));
  g_assert_false (crm_followup_needs_late_reason (&complaint, CRM_TEST_NOW - HOUR));
  g_assert_false (crm_followup_needs_late_reason (NULL, CRM_TEST_NOW));
  g_assert_false (crm_followup_result_validate (&result, &complaint, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_FOLLOWUP_RESULT_FIELD_LATE_REASON], ==,
                   "A complaint follow-up done after its planned time needs the reason it is late.");
  crm_followup_result_validation_clear (&v);
  result.late_reason = g_strdup ("The customer was in a meeting");
  g_assert_true (crm_followup_result_validate (&result, &complaint, CRM_TEST_NOW, &v));
  crm_followup_result_validation_clear (&v);
  complaint.rule_key = (char *) "care_touch";
  g_assert_false (crm_followup_needs_late_reason (&complaint, CRM_TEST_NOW));

  /* normalizing */
  g_free (result.result);
  result.result = g_strdup ("  Done \u3000");
  g_free (result.next_step);
  result.next_step = g_strdup (" ");
  crm_followup_result_normalize (&result);
  g_assert_cmpstr (result.result, ==, "Done");
  g_assert_null (result.next_step);
}

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmFollowupResult) result = { 0 };
  g_autoptr(CrmFollowup) done = NULL;
  g_autoptr(CrmFollowup) next = NULL;
  gint64 id = create (f, ACME, CRM_FOLLOWUP_VISIT, "Visit the plant", at ("2026-11-20 09:00"));
  gint64 next_id = -1;
  guint changes = f->followup_changes;

  crm_followup_result_init (&result);
  result.result = g_strdup (" Toured the line; they want a quote ");
  result.actual_at = at ("2026-11-20 09:30");
  result.next_step = g_strdup ("Send the quote");
  result.next_kind = CRM_FOLLOWUP_EMAIL;
  result.next_planned_at = at ("2026-11-23 10:00");

  crm_clock_advance (f->db->clock, 30 * MINUTE);
  g_assert_true (crm_store_complete_followup (f->db->store, id, &result, &next_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (next_id, >, id);
  g_assert_cmpuint (f->followup_changes, ==, changes + 2);

  done = crm_store_get_followup (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->status, ==, CRM_FOLLOWUP_DONE);
  g_assert_cmpint (done->state, ==, CRM_FOLLOWUP_STATE_DONE);
  g_assert_cmpint (done->actual_at, ==, at ("2026-11-20 09:30"));
  g_assert_cmpstr (done->result, ==, "Toured the line; they want a quote");
  g_assert_cmpstr (done->next_step, ==, "Send the quote");
  g_assert_cmpint (done->satisfaction, ==, 0);
  g_assert_cmpint (done->next_id, ==, next_id);
  g_assert_cmpint (done->updated_at, ==, CRM_TEST_NOW + 30 * MINUTE);

  next = crm_store_get_followup (f->db->store, next_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next->customer_id, ==, ACME);
  g_assert_cmpint (next->kind, ==, CRM_FOLLOWUP_EMAIL);
  g_assert_cmpstr (next->item, ==, "Send the quote");
  g_assert_cmpint (next->planned_at, ==, at ("2026-11-23 10:00"));
  g_assert_cmpint (next->status, ==, CRM_FOLLOWUP_PLANNED);
  g_assert_cmpint (next->owner_id, ==, WANG_FANG);
  g_assert_cmpint (next->previous_id, ==, id);

  /* done once only */
  g_assert_false (crm_store_complete_followup (f->db->store, id, &result, &next_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This follow-up is already done.");
  g_assert_cmpint (next_id, ==, 0);
  g_clear_error (&error);
  g_assert_false (crm_store_complete_followup (f->db->store, 99, &result, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (f), ==, 2);
}

static void
test_complete_all_or_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmFollowupResult) result = { 0 };
  gint64 id = create (f, ACME, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 09:00"));
  guint changes = f->followup_changes;
  gint64 next_id = -1;

  /* a next step for someone who is not on the team: nothing is done, not even
   * the satisfaction's visit */
  crm_followup_result_init (&result);
  result.result = g_strdup ("Unhappy with the delay");
  result.actual_at = at ("2026-11-20 09:10");
  result.satisfaction = 1;
  result.next_step = g_strdup ("Call again");
  result.next_planned_at = at ("2026-11-21 10:00");
  result.next_owner_id = 99;
  g_assert_false (crm_store_complete_followup (f->db->store, id, &result, &next_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This team member no longer exists.");
  g_clear_error (&error);
  g_assert_cmpint (next_id, ==, 0);
  g_assert_cmpint (count (f), ==, 1);
  g_assert_cmpint (query (f, "SELECT status FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, CRM_FOLLOWUP_PLANNED);
  g_assert_cmpuint (f->followup_changes, ==, changes);
  g_assert_false (crm_store_in_transaction (f->db->store));

  /* a result that does not validate */
  result.next_owner_id = ZHAO_MIN;
  g_clear_pointer (&result.result, g_free);
  g_assert_false (crm_store_complete_followup (f->db->store, id, &result, &next_id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Say what came of it.");
  g_clear_error (&error);
  g_assert_cmpint (count (f), ==, 1);
  g_assert_false (crm_store_in_transaction (f->db->store));

  /* all is well: the next step for the supervisor, and the supervisor's
   * follow-up of the dissatisfied result, in the same step */
  result.result = g_strdup ("Unhappy with the delay");
  g_assert_true (crm_store_complete_followup (f->db->store, id, &result, &next_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE id = %" G_GINT64_FORMAT, next_id), ==, ZHAO_MIN);
  g_assert_cmpint (count (f), ==, 3);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'satisfaction_low'"), ==, 1);
}

static void
test_complete_late_complaint (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmTicketDraft) draft = { 0 };
  g_auto(CrmFollowupResult) result = { 0 };
  gint64 ticket, followup = 0;

  crm_ticket_draft_init (&draft);
  draft.customer_id = ACME;
  draft.title = g_strdup ("Wrong invoice");
  draft.category = CRM_TICKET_COMPLAINT;
  ticket = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_resolve_ticket (f->db->store, ticket, "Corrected", NULL, &followup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (followup, >, 0);

  /* done three hours later, one past its time: why? */
  crm_clock_advance (f->db->clock, 3 * HOUR);
  crm_followup_result_init (&result);
  result.result = g_strdup ("Confirmed it is solved");
  result.actual_at = CRM_TEST_NOW + 3 * HOUR;
  g_assert_false (crm_store_complete_followup (f->db->store, followup, &result, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "A complaint follow-up done after its planned time needs the reason it is late.");
  g_clear_error (&error);

  result.late_reason = g_strdup ("  Nobody answered the first call ");
  g_assert_true (crm_store_complete_followup (f->db->store, followup, &result, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmFollowup) done = crm_store_get_followup (f->db->store, followup, &error);

    g_assert_cmpstr (done->late_reason, ==, "Nobody answered the first call");
    g_assert_cmpint (done->source_ticket_id, ==, ticket);
    g_assert_cmpstr (done->rule_key, ==, "complaint_followup");
  }
}

/* ---- satisfaction drives the next visit ---- */

static gint64
complete_with (Fixture *f,
               gint64   customer,
               int      satisfaction)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmFollowupResult) result = { 0 };
  gint64 id = create (f, customer, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 09:00"));

  crm_followup_result_init (&result);
  result.result = g_strdup ("Talked");
  result.actual_at = at ("2026-11-20 09:15");
  result.satisfaction = satisfaction;
  g_assert_true (crm_store_complete_followup (f->db->store, id, &result, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
test_satisfaction (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id;
  g_autofree char *reason = NULL;
  g_autofree char *dedup = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *item = NULL;

  /* 5: the next regular visit in 90 days, for the owner */
  id = complete_with (f, ACME, 5);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'satisfaction_high'"), ==, 1);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE rule_key = 'satisfaction_high'"), ==,
                   at ("2026-11-20 09:15") + 90 * DAY);
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE rule_key = 'satisfaction_high'"), ==, WANG_FANG);
  g_assert_cmpint (query (f, "SELECT kind FROM followups WHERE rule_key = 'satisfaction_high'"), ==, CRM_FOLLOWUP_VISIT);
  reason = query_text (f, "SELECT rule_reason FROM followups WHERE rule_key = 'satisfaction_high'");
  g_assert_cmpstr (reason, ==, "Satisfaction 5 of 5 on 2026-11-20: next regular visit in 90 days");
  dedup = query_text (f, "SELECT dedup_key FROM followups WHERE rule_key = 'satisfaction_high'");
  expected = g_strdup_printf ("satisfaction_high:f%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (dedup, ==, expected);
  item = query_text (f, "SELECT item FROM followups WHERE rule_key = 'satisfaction_high'");
  g_assert_cmpstr (item, ==, "Next regular visit");

  /* another 4 while that visit is open: none more */
  complete_with (f, ACME, 4);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'satisfaction_high'"), ==, 1);

  /* 3: a second visit within a week */
  complete_with (f, INITECH, 3);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE rule_key = 'satisfaction_neutral'"), ==,
                   at ("2026-11-27 09:15"));
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE rule_key = 'satisfaction_neutral'"), ==, LI_NA);

  /* 2: the supervisor within 24 hours */
  complete_with (f, ACME, 2);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE rule_key = 'satisfaction_low'"), ==,
                   at ("2026-11-21 09:15"));
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE rule_key = 'satisfaction_low'"), ==, ZHAO_MIN);
  g_clear_pointer (&reason, g_free);
  reason = query_text (f, "SELECT rule_reason FROM followups WHERE rule_key = 'satisfaction_low'");
  g_assert_cmpstr (reason, ==, "Satisfaction 2 of 5 on 2026-11-20: the supervisor follows up within 24 hours");

  /* the run finds nothing left to do */
  {
    CrmPlaybookStats stats;

    g_assert_true (crm_store_exec (f->db->store,
                                   "UPDATE playbook_rules SET enabled = (key LIKE 'satisfaction_%')", NULL));
    g_assert_true (crm_playbook_run (f->db->store, CRM_TEST_NOW, &stats, NULL, NULL));
    g_assert_cmpuint (stats.rules_run, ==, 3);
    g_assert_cmpuint (stats.created, ==, 0);
  }

  /* do-not-contact: nothing; a disabled rule: nothing; no satisfaction: nothing */
  complete_with (f, GLOBEX, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = %d AND rule_key IS NOT NULL", GLOBEX),
                   ==, 0);
  g_assert_true (crm_playbook_set_rule (f->db->store, "satisfaction_low", FALSE, 24 * 60, NULL));
  complete_with (f, INITECH, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'satisfaction_low'"), ==, 1);
  complete_with (f, INITECH, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key IS NOT NULL"), ==, 3);

  /* a changed offset */
  g_assert_true (crm_playbook_set_rule (f->db->store, "satisfaction_neutral", TRUE, 3 * 1440, NULL));
  complete_with (f, ACME, 3);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE rule_key = 'satisfaction_neutral'"
                          " AND customer_id = %d", ACME), ==, at ("2026-11-23 09:15"));
}

/* ---- skipping and moving ---- */

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, ACME, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 09:00"));
  guint changes = f->followup_changes;
  g_autoptr(CrmFollowup) skipped = NULL;

  g_assert_false (crm_store_skip_followup (f->db->store, id, " \u3000", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Say why it is skipped.");
  g_clear_error (&error);
  g_assert_cmpuint (f->followup_changes, ==, changes);

  g_assert_true (crm_store_skip_followup (f->db->store, id, " Customer on holiday ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->followup_changes, ==, changes + 1);
  skipped = crm_store_get_followup (f->db->store, id, &error);
  g_assert_cmpint (skipped->status, ==, CRM_FOLLOWUP_SKIPPED);
  g_assert_cmpint (skipped->state, ==, CRM_FOLLOWUP_STATE_SKIPPED);
  g_assert_cmpstr (skipped->skip_reason, ==, "Customer on holiday");

  g_assert_false (crm_store_skip_followup (f->db->store, id, "Again", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This follow-up was skipped.");
  g_clear_error (&error);
  g_assert_false (crm_store_reschedule_followup (f->db->store, id, CRM_TEST_NOW + DAY, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

static void
test_reschedule (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmFollowupResult) result = { 0 };
  gint64 id = create (f, ACME, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-19 09:00"));
  guint changes = f->followup_changes;

  /* an overdue one dragged to Monday 14:00 */
  g_assert_true (crm_store_reschedule_followup (f->db->store, id, at ("2026-11-23 14:00"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   at ("2026-11-23 14:00"));
  g_assert_cmpuint (f->followup_changes, ==, changes + 1);

  /* to where it is: nothing happens */
  g_assert_true (crm_store_reschedule_followup (f->db->store, id, at ("2026-11-23 14:00"), &error));
  g_assert_cmpuint (f->followup_changes, ==, changes + 1);
  g_assert_false (crm_store_in_transaction (f->db->store));

  g_assert_false (crm_store_reschedule_followup (f->db->store, id, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_store_reschedule_followup (f->db->store, 99, CRM_TEST_NOW, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a done one stays where it was done */
  crm_followup_result_init (&result);
  result.result = g_strdup ("Talked");
  result.actual_at = CRM_TEST_NOW;
  g_assert_true (crm_store_complete_followup (f->db->store, id, &result, NULL, &error));
  g_assert_false (crm_store_reschedule_followup (f->db->store, id, CRM_TEST_NOW + DAY, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This follow-up is already done.");
  g_clear_error (&error);
  g_assert_false (crm_store_skip_followup (f->db->store, id, "Why", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   at ("2026-11-23 14:00"));
}

/* ---- deleting and undoing ---- */

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDeletedFollowup) deleted = NULL;
  g_auto(CrmFollowupResult) result = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = create (f, ACME, CRM_FOLLOWUP_CALL, "Call", at ("2026-11-20 09:00"));
  gint64 next_id = 0;
  guint changes;

  crm_followup_result_init (&result);
  result.result = g_strdup ("Talked");
  result.actual_at = CRM_TEST_NOW;
  result.satisfaction = 4;
  result.next_step = g_strdup ("Visit");
  result.next_planned_at = CRM_TEST_NOW + DAY;
  g_assert_true (crm_store_complete_followup (f->db->store, id, &result, &next_id, &error));
  g_assert_no_error (error);

#define DIGEST "SELECT group_concat(id || '|' || customer_id || '|' || kind || '|' || item || '|' || status ||" \
  " '|' || planned_at || '|' || COALESCE(actual_at, '') || '|' || COALESCE(result, '') || '|' ||" \
  " COALESCE(next_step, '') || '|' || COALESCE(satisfaction, '') || '|' || COALESCE(owner_id, '') || '|' ||" \
  " COALESCE(previous_id, '') || '|' || COALESCE(rule_key, '') || '|' || COALESCE(dedup_key, '') || '|' ||" \
  " created_at || '|' || updated_at, char(10)) FROM (SELECT * FROM followups ORDER BY id)"
  before = query_text (f, DIGEST);

  /* the completed one goes; its next step stays, unlinked */
  changes = f->followup_changes;
  deleted = crm_store_delete_followup (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpuint (f->followup_changes, ==, changes + 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, 0);
  g_assert_cmpint (query (f, "SELECT previous_id IS NULL FROM followups WHERE id = %" G_GINT64_FORMAT, next_id), ==, 1);

  g_assert_true (crm_store_restore_followup (f->db->store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->followup_changes, ==, changes + 2);
  after = query_text (f, DIGEST);
  g_assert_cmpstr (before, ==, after);

  /* a rule's follow-up: dismissed while deleted */
  g_clear_pointer (&deleted, crm_deleted_followup_free);
  id = query (f, "SELECT id FROM followups WHERE rule_key = 'satisfaction_high'");
  deleted = crm_store_delete_followup (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followup_dismissed"), ==, 1);
  g_assert_true (crm_store_restore_followup (f->db->store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followup_dismissed"), ==, 0);
  g_clear_pointer (&after, g_free);
  after = query_text (f, DIGEST);
  g_assert_cmpstr (before, ==, after);
#undef DIGEST

  /* not there */
  g_clear_pointer (&deleted, crm_deleted_followup_free);
  g_assert_null (crm_store_delete_followup (f->db->store, 99, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

static void
test_migration (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();

  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA user_version"), ==, crm_store_schema_version ());
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM pragma_table_info('followups')"
                                                  " WHERE name IN ('previous_id', 'late_reason')"), ==, 2);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM playbook_rules"), ==, CRM_PLAYBOOK_N_RULES);
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA foreign_key_check"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/followups/states", test_states);
  g_test_add_func ("/followups/draft/validate", test_draft_validate);
  g_test_add_func ("/followups/result/validate", test_result_validate);
  g_test_add_func ("/followups/migration", test_migration);
  ADD ("/followups/create", test_create);
  ADD ("/followups/update", test_update);
  ADD ("/followups/complete", test_complete);
  ADD ("/followups/complete/all-or-nothing", test_complete_all_or_nothing);
  ADD ("/followups/complete/late-complaint", test_complete_late_complaint);
  ADD ("/followups/complete/satisfaction", test_satisfaction);
  ADD ("/followups/skip", test_skip);
  ADD ("/followups/reschedule", test_reschedule);
  ADD ("/followups/delete-restore", test_delete_restore);
#undef ADD

  return g_test_run ();
}
