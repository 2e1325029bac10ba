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
 *
 * The team: Li Na (me) and Wang Fang are agents under the supervisor Zhao Min,
 * who reports to the manager Chen Jie.  Every test adds the customers it needs,
 * with ids chosen for it (the regular rules spread customers by id). */
typedef struct {
  CrmTestDb *db;
  guint      followup_changes;
  guint      settings_changes;
} Fixture;

enum {
  LI_NA = 1,
  WANG_FANG = 2,
  ZHAO_MIN = 3,
  CHEN_JIE = 4,
};

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            Fixture  *f)
{
  if (kind == CRM_CHANGE_FOLLOWUP)
    f->followup_changes++;
  else if (kind == CRM_CHANGE_SETTINGS)
    f->settings_changes++;
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
                                 " (2, 'Wang Fang', 0, 3, 0, 0);",
                                 NULL));
  g_signal_connect (f->db->store, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_db_free (f->db);
}

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
  crm_store_exec (f->db->store, sql, &error);
  g_assert_no_error (error);
}

#define query(f, ...) crm_test_query_intf ((f)->db->store, __VA_ARGS__)

#define query_text(f, ...) crm_test_query_textf ((f)->db->store, __VA_ARGS__)

#define at(text) crm_test_time (text)

static void
set_now (Fixture    *f,
         const char *when)
{
  crm_clock_set (f->db->clock, at (when));
}

/* A customer: tier 1 (Normal), no key account, owned by @owner (0: nobody). */
static void
add_customer (Fixture    *f,
              gint64      id,
              gint64      owner,
              const char *extra_columns,
              const char *extra_values)
{
  g_autofree char *owner_value = owner > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, owner) : g_strdup ("NULL");

  exec (f,
        "INSERT INTO customers (id, code, name, sort_key, owner_id, created_at, updated_at%s%s)"
        " VALUES (%" G_GINT64_FORMAT ", 'CS%" G_GINT64_FORMAT "', 'Customer %" G_GINT64_FORMAT "',"
        " 'c%" G_GINT64_FORMAT "', %s, 0, 0%s%s)",
        extra_columns != NULL ? ", " : "", extra_columns != NULL ? extra_columns : "",
        id, id, id, id, owner_value,
        extra_values != NULL ? ", " : "", extra_values != NULL ? extra_values : "");
}

/* Only the rule @key is enabled. */
static void
only (Fixture    *f,
      const char *key)
{
  exec (f, "UPDATE playbook_rules SET enabled = (key = '%s')", key);
}

static CrmPlaybookStats
run (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CrmPlaybookStats stats;

  g_assert_true (crm_playbook_run (f->db->store, crm_store_now (f->db->store), &stats, NULL, &error));
  g_assert_no_error (error);
  return stats;
}

static gint64
count_rule (Fixture    *f,
            const char *rule)
{
  return query (f, "SELECT count(*) FROM followups WHERE rule_key = '%s'", rule);
}

/* Checks the one follow-up of @rule for @customer. */
static void
assert_followup (Fixture         *f,
                 const char      *rule,
                 gint64           customer,
                 gint64           planned_at,
                 gint64           owner,
                 CrmFollowupKind  kind,
                 const char      *reason)
{
  g_autofree char *where = g_strdup_printf ("rule_key = '%s' AND customer_id = %" G_GINT64_FORMAT, rule, customer);
  g_autofree char *stored_reason = NULL;

  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE %s", where), ==, 1);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE %s", where), ==, planned_at);
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE %s", where), ==, owner);
  g_assert_cmpint (query (f, "SELECT kind FROM followups WHERE %s", where), ==, kind);
  g_assert_cmpint (query (f, "SELECT status FROM followups WHERE %s", where), ==, CRM_FOLLOWUP_PLANNED);
  g_assert_cmpint (query (f, "SELECT dedup_key IS NOT NULL FROM followups WHERE %s", where), ==, 1);
  stored_reason = query_text (f, "SELECT rule_reason FROM followups WHERE %s", where);
  g_assert_cmpstr (stored_reason, ==, reason);
}

static char *
dedup_of (Fixture    *f,
          const char *rule,
          gint64      customer)
{
  return query_text (f, "SELECT dedup_key FROM followups WHERE rule_key = '%s' AND customer_id = %" G_GINT64_FORMAT,
                     rule, customer);
}

/* ---- the rules as data ---- */

static void
test_rules_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = crm_playbook_list_rules (f->db->store, &error);
  static const struct { const char *key; gint64 minutes; CrmFollowupKind kind; gboolean escalates; } expected[] = {
    { "onboarding_thanks", 3 * 1440, CRM_FOLLOWUP_EMAIL, FALSE },
    { "onboarding_call", 7 * 1440, CRM_FOLLOWUP_CALL, FALSE },
    { "onboarding_review", 30 * 1440, CRM_FOLLOWUP_REVIEW, FALSE },
    { "after_sales_visit", 1440, CRM_FOLLOWUP_VISIT, FALSE },
    { "complaint_followup", 120, CRM_FOLLOWUP_CALL, FALSE },
    { "satisfaction_high", 90 * 1440, CRM_FOLLOWUP_VISIT, FALSE },
    { "satisfaction_neutral", 7 * 1440, CRM_FOLLOWUP_CALL, FALSE },
    { "satisfaction_low", 24 * 60, CRM_FOLLOWUP_CALL, TRUE },
    { "key_account_review", 30 * 1440, CRM_FOLLOWUP_REVIEW, FALSE },
    { "regular_review", 90 * 1440, CRM_FOLLOWUP_REVIEW, FALSE },
    { "care_touch", 30 * 1440, CRM_FOLLOWUP_CARE, FALSE },
    { "vip_visit", 90 * 1440, CRM_FOLLOWUP_VISIT, FALSE },
    { "birthday_greeting", 1440, CRM_FOLLOWUP_GREETING, FALSE },
    { "anniversary_greeting", 1440, CRM_FOLLOWUP_GREETING, FALSE },
    { "holiday_greeting", 3 * 1440, CRM_FOLLOWUP_GREETING, FALSE },
    { "at_risk_analysis", 24 * 60, CRM_FOLLOWUP_ANALYSIS, TRUE },
    { "no_contact_7", 7 * 1440, CRM_FOLLOWUP_CARE, FALSE },
    { "no_contact_15", 15 * 1440, CRM_FOLLOWUP_CARE, FALSE },
    { "no_contact_30", 30 * 1440, CRM_FOLLOWUP_CARE, FALSE },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (rules->len, ==, CRM_PLAYBOOK_N_RULES);
  /* the migration stored every default */
  g_assert_cmpint (query (f, "SELECT count(*) FROM playbook_rules WHERE enabled = 1"), ==, CRM_PLAYBOOK_N_RULES);

  for (guint i = 0; i < rules->len; i++)
    {
      const CrmPlaybookRule *rule = rules->pdata[i];

      g_assert_cmpstr (rule->key, ==, expected[i].key);
      g_assert_cmpstr (crm_playbook_rule_key (i), ==, expected[i].key);
      g_assert_true (rule->enabled);
      g_assert_cmpint (rule->offset_minutes, ==, expected[i].minutes);
      g_assert_cmpint (rule->default_offset_minutes, ==, expected[i].minutes);
      g_assert_cmpint (rule->kind, ==, expected[i].kind);
      g_assert_cmpint (rule->escalates, ==, expected[i].escalates);
      g_assert_nonnull (rule->title);
      g_assert_nonnull (rule->offset_label);
      g_assert_cmpstr (crm_playbook_rule_title (rule->key), ==, rule->title);
      g_assert_cmpint (rule->min_offset_minutes, <=, rule->offset_minutes);
      g_assert_cmpint (rule->max_offset_minutes, >=, rule->offset_minutes);
      g_assert_true (crm_playbook_validate_offset (rule->key, rule->offset_minutes, NULL));
    }
  g_assert_cmpstr (((CrmPlaybookRule *) rules->pdata[14])->params, ==, "exclude=qingming");
  g_assert_null (crm_playbook_rule_title ("no_such_rule"));
}

static void
test_rules_set (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;

  /* unknown rules, offsets out of bounds or not whole units are refused */
  g_assert_false (crm_playbook_set_rule (f->db->store, "no_such_rule", TRUE, 60, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This rule is not part of the playbook.");
  g_clear_error (&error);

  g_assert_false (crm_playbook_set_rule (f->db->store, "onboarding_thanks", TRUE, 91 * 1440, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter a whole number of days from 0 to 90.");
  g_clear_error (&error);

  g_assert_false (crm_playbook_set_rule (f->db->store, "onboarding_thanks", TRUE, 1440 + 60, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (crm_playbook_set_rule (f->db->store, "complaint_followup", TRUE, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter a whole number of hours from 1 to 72.");
  g_clear_error (&error);

  g_assert_false (crm_playbook_set_rule (f->db->store, "complaint_followup", TRUE, 90, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (f->settings_changes, ==, 0);

  /* a change is stored and announced; the params stay */
  g_assert_true (crm_playbook_set_rule (f->db->store, "holiday_greeting", FALSE, 5 * 1440, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->settings_changes, ==, 1);
  g_assert_true (crm_playbook_set_rule (f->db->store, "complaint_followup", TRUE, 4 * 60, &error));
  g_assert_no_error (error);

  rules = crm_playbook_list_rules (f->db->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rules->len; i++)
    {
      const CrmPlaybookRule *rule = rules->pdata[i];

      if (g_str_equal (rule->key, "holiday_greeting"))
        {
          g_assert_false (rule->enabled);
          g_assert_cmpint (rule->offset_minutes, ==, 5 * 1440);
          g_assert_cmpint (rule->default_offset_minutes, ==, 3 * 1440);
          g_assert_cmpstr (rule->params, ==, "exclude=qingming");
          g_assert_cmpint (rule->unit, ==, CRM_PLAYBOOK_UNIT_DAYS);
        }
      else if (g_str_equal (rule->key, "complaint_followup"))
        {
          g_assert_true (rule->enabled);
          g_assert_cmpint (rule->offset_minutes, ==, 240);
          g_assert_cmpint (rule->unit, ==, CRM_PLAYBOOK_UNIT_HOURS);
        }
      else
        g_assert_true (rule->enabled);
    }

  /* a rule missing from the table (a database from before) has its defaults */
  exec (f, "DELETE FROM playbook_rules WHERE key = 'vip_visit'");
  g_clear_pointer (&rules, g_ptr_array_unref);
  rules = crm_playbook_list_rules (f->db->store, &error);
  g_assert_no_error (error);
  g_assert_true (((CrmPlaybookRule *) rules->pdata[11])->enabled);
  g_assert_cmpint (((CrmPlaybookRule *) rules->pdata[11])->offset_minutes, ==, 90 * 1440);
  g_assert_true (crm_playbook_set_rule (f->db->store, "vip_visit", FALSE, 60 * 1440, &error));
  g_assert_no_error (error);

  /* one rule, for the steps that apply it themselves */
  {
    gboolean enabled = TRUE;
    gint64 offset = 0;

    g_assert_true (crm_playbook_get_rule (f->db->store, "vip_visit", &enabled, &offset));
    g_assert_false (enabled);
    g_assert_cmpint (offset, ==, 60 * 1440);
    g_assert_true (crm_playbook_get_rule (f->db->store, "complaint_followup", &enabled, &offset));
    g_assert_true (enabled);
    g_assert_cmpint (offset, ==, 240);
    g_assert_false (crm_playbook_get_rule (f->db->store, "no_such_rule", &enabled, &offset));
  }
  g_assert_cmpint (query (f, "SELECT offset_minutes FROM playbook_rules WHERE key = 'vip_visit' AND enabled = 0"),
                   ==, 60 * 1440);
}

/* ---- onboarding ---- */

static void
test_onboarding (Fixture       *f,
                 gconstpointer  data)
{
  CrmPlaybookStats stats;

  /* a deal two days ago; one long ago; one 15 days ago; one not yet made;
   * one of a do-not-contact customer; one of a customer without an owner */
  add_customer (f, 1, WANG_FANG, "first_deal_date", "'2026-11-18'");
  add_customer (f, 2, LI_NA, "first_deal_date", "'2025-01-01'");
  add_customer (f, 3, LI_NA, "first_deal_date", "'2026-11-05'");
  add_customer (f, 4, LI_NA, "first_deal_date", "'2026-12-01'");
  add_customer (f, 5, LI_NA, "first_deal_date, do_not_contact", "'2026-11-19', 1");
  add_customer (f, 6, 0, "first_deal_date", "'2026-11-20'");
  add_customer (f, 7, LI_NA, "first_deal_date, archived", "'2026-11-19', 1");
  add_customer (f, 8, LI_NA, "first_deal_date", "'not a date'");
  exec (f, "UPDATE playbook_rules SET enabled = (key LIKE 'onboarding_%%')");

  stats = run (f);
  g_assert_cmpuint (stats.rules_run, ==, 3);

  assert_followup (f, "onboarding_thanks", 1, at ("2026-11-21 09:00"), WANG_FANG, CRM_FOLLOWUP_EMAIL,
                   "First deal on 2026-11-18: thank-you note and user guide within 3 days");
  assert_followup (f, "onboarding_call", 1, at ("2026-11-25 09:00"), WANG_FANG, CRM_FOLLOWUP_CALL,
                   "First deal on 2026-11-18: first phone call within 7 days");
  assert_followup (f, "onboarding_review", 1, at ("2026-12-18 09:00"), WANG_FANG, CRM_FOLLOWUP_REVIEW,
                   "First deal on 2026-11-18: first review within 30 days");
  {
    g_autofree char *item = query_text (f, "SELECT item FROM followups WHERE rule_key = 'onboarding_thanks'"
                                           " AND customer_id = 1");
    g_autofree char *dedup = dedup_of (f, "onboarding_call", 1);

    g_assert_cmpstr (item, ==, "Send a thank-you note and the user guide");
    g_assert_cmpstr (dedup, ==, "onboarding_call:1");
  }

  /* 15 days ago: the thank-you (day 3) and the call (day 7) are further back
   * than the lookback; the review (day 30) is still to come */
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 3"), ==, 1);
  assert_followup (f, "onboarding_review", 3, at ("2026-12-05 09:00"), LI_NA, CRM_FOLLOWUP_REVIEW,
                   "First deal on 2026-11-05: first review within 30 days");

  /* no owner: the current user; long ago, future, do-not-contact, archived, invalid: nothing */
  assert_followup (f, "onboarding_thanks", 6, at ("2026-11-23 09:00"), LI_NA, CRM_FOLLOWUP_EMAIL,
                   "First deal on 2026-11-20: thank-you note and user guide within 3 days");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id IN (2, 4, 5, 7, 8)"), ==, 0);
  g_assert_cmpuint (stats.created, ==, 7);
  g_assert_cmpuint (stats.created_by_rule[0], ==, 2);
  g_assert_cmpuint (stats.created_by_rule[2], ==, 3);
  g_assert_cmpuint (f->followup_changes, ==, 1);

  /* again: nothing */
  stats = run (f);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 7);
  g_assert_cmpuint (f->followup_changes, ==, 1);

  /* a changed offset applies to deals to come; the ones made stay */
  g_assert_true (crm_playbook_set_rule (f->db->store, "onboarding_thanks", TRUE, 5 * 1440, NULL));
  add_customer (f, 9, LI_NA, "first_deal_date", "'2026-11-19'");
  run (f);
  assert_followup (f, "onboarding_thanks", 9, at ("2026-11-24 09:00"), LI_NA, CRM_FOLLOWUP_EMAIL,
                   "First deal on 2026-11-19: thank-you note and user guide within 5 days");
  assert_followup (f, "onboarding_thanks", 1, at ("2026-11-21 09:00"), WANG_FANG, CRM_FOLLOWUP_EMAIL,
                   "First deal on 2026-11-18: thank-you note and user guide within 3 days");
}

/* ---- tickets ---- */

static gint64
add_ticket (Fixture    *f,
            gint64      customer,
            int         category,
            int         status,
            const char *resolved)
{
  gint64 resolved_at = resolved != NULL ? at (resolved) : 0;
  g_autofree char *resolved_value = resolved_at > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, resolved_at)
                                                     : g_strdup ("NULL");
  gint64 n = query (f, "SELECT count(*) FROM tickets") + 1;

  exec (f,
        "INSERT INTO tickets (id, code, customer_id, title, level, category, status, created_at, resolved_at,"
        " updated_at) VALUES (%" G_GINT64_FORMAT ", 'TK%06d', %" G_GINT64_FORMAT ", 'Problem %d', 2, %d, %d, %"
        G_GINT64_FORMAT ", %s, %" G_GINT64_FORMAT ")",
        n, (int) n, customer, (int) n, category, status,
        resolved_at > 0 ? resolved_at - DAY : at ("2026-11-01 10:00"), resolved_value,
        resolved_at > 0 ? resolved_at : at ("2026-11-01 10:00"));
  return n;
}

static void
test_after_sales (Fixture       *f,
                  gconstpointer  data)
{
  gint64 fault, complaint, experience, consultation, open_fault, old_fault, dnc_fault, needs, late_fault;
  g_autofree char *code = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *item = NULL;

  add_customer (f, 1, WANG_FANG, NULL, NULL);
  add_customer (f, 2, LI_NA, "do_not_contact", "1");
  fault = add_ticket (f, 1, CRM_TICKET_FAULT, CRM_TICKET_RESOLVED, "2026-11-19 15:00");
  complaint = add_ticket (f, 1, CRM_TICKET_COMPLAINT, CRM_TICKET_CLOSED, "2026-11-18 11:30");
  experience = add_ticket (f, 1, CRM_TICKET_EXPERIENCE, CRM_TICKET_RESOLVED, "2026-11-20 08:00");
  consultation = add_ticket (f, 1, CRM_TICKET_CONSULTATION, CRM_TICKET_RESOLVED, "2026-11-19 15:00");
  needs = add_ticket (f, 1, CRM_TICKET_NEEDS_CHANGE, CRM_TICKET_RESOLVED, "2026-11-19 15:00");
  open_fault = add_ticket (f, 1, CRM_TICKET_FAULT, CRM_TICKET_IN_PROGRESS, NULL);
  old_fault = add_ticket (f, 1, CRM_TICKET_FAULT, CRM_TICKET_CLOSED, "2026-10-01 10:00");
  dnc_fault = add_ticket (f, 2, CRM_TICKET_FAULT, CRM_TICKET_RESOLVED, "2026-11-19 15:00");
  late_fault = add_ticket (f, 1, CRM_TICKET_FAULT, CRM_TICKET_RESOLVED, "2026-11-18 23:30");
  only (f, "after_sales_visit");

  run (f);
  g_assert_cmpint (count_rule (f, "after_sales_visit"), ==, 4);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, fault),
                   ==, at ("2026-11-20 15:00"));
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, complaint),
                   ==, at ("2026-11-19 11:30"));
  /* in working time: a day after 08:00 on Friday is a Saturday, so Monday
   * morning; a day after 23:30 is at night, so the morning after */
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, experience),
                   ==, at ("2026-11-23 09:00"));
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, late_fault),
                   ==, at ("2026-11-20 09:00"));
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, fault),
                   ==, WANG_FANG);
  g_assert_cmpint (query (f, "SELECT kind FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, fault),
                   ==, CRM_FOLLOWUP_VISIT);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE source_ticket_id IN (%" G_GINT64_FORMAT ", %"
                          G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                          consultation, needs, open_fault, old_fault, dnc_fault), ==, 0);

  code = query_text (f, "SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, fault);
  reason = query_text (f, "SELECT rule_reason FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, fault);
  item = query_text (f, "SELECT item FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT, fault);
  {
    g_autofree char *expected_reason = g_strdup_printf ("Ticket %s resolved on 2026-11-19: after-sales visit 1 day later",
                                                        code);
    g_autofree char *expected_item = g_strdup_printf ("After-sales visit: Problem %d", (int) fault);

    g_assert_cmpstr (reason, ==, expected_reason);
    g_assert_cmpstr (item, ==, expected_item);
  }
  {
    g_autofree char *dedup = query_text (f, "SELECT dedup_key FROM followups WHERE source_ticket_id = %"
                                            G_GINT64_FORMAT, fault);
    g_autofree char *expected = g_strdup_printf ("after_sales_visit:%" G_GINT64_FORMAT, fault);

    g_assert_cmpstr (dedup, ==, expected);
  }

  /* again: nothing */
  g_assert_cmpuint (run (f).created, ==, 0);
}

static void
test_complaint (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmTicketDraft) draft = { 0 };
  gint64 ticket, resolved_elsewhere, followup = 0;
  g_autofree char *dedup = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *code = NULL;

  add_customer (f, 1, WANG_FANG, NULL, NULL);
  only (f, "complaint_followup");

  /* resolving a complaint plans its call in the same step… */
  crm_ticket_draft_init (&draft);
  draft.customer_id = 1;
  draft.title = g_strdup ("Invoice sent twice");
  draft.category = CRM_TICKET_COMPLAINT;
  ticket = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_resolve_ticket (f->db->store, ticket, "Refunded", NULL, &followup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (followup, >, 0);

  /* …and the rule recognises it */
  g_assert_cmpuint (run (f).created, ==, 0);
  g_assert_cmpint (count_rule (f, "complaint_followup"), ==, 1);

  /* a complaint resolved without its call (an import, an older version) gets it */
  resolved_elsewhere = add_ticket (f, 1, CRM_TICKET_COMPLAINT, CRM_TICKET_RESOLVED, "2026-11-20 09:15");
  exec (f, "INSERT INTO ticket_events (ticket_id, at, kind) VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 7)",
        resolved_elsewhere, at ("2026-11-20 09:15"));
  run (f);
  g_assert_cmpint (count_rule (f, "complaint_followup"), ==, 2);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT,
                          resolved_elsewhere), ==, at ("2026-11-20 11:15"));
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT,
                          resolved_elsewhere), ==, WANG_FANG);
  dedup = query_text (f, "SELECT dedup_key FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT,
                      resolved_elsewhere);
  expected = g_strdup_printf ("complaint_followup:%" G_GINT64_FORMAT ":1", resolved_elsewhere);
  g_assert_cmpstr (dedup, ==, expected);
  code = query_text (f, "SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, resolved_elsewhere);
  reason = query_text (f, "SELECT rule_reason FROM followups WHERE source_ticket_id = %" G_GINT64_FORMAT,
                       resolved_elsewhere);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Complaint %s resolved at 2026-11-20 09:15: follow-up call within 2 hours", code);
  g_assert_cmpstr (reason, ==, expected);

  /* reopened and resolved again: a second call, from the ticket; the rule adds none */
  g_assert_true (crm_store_move_ticket (f->db->store, ticket, CRM_TICKET_IN_PROGRESS, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (crm_store_resolve_ticket (f->db->store, ticket, "Refunded again", NULL, &followup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (followup, >, 0);
  g_assert_cmpuint (run (f).created, ==, 0);
  g_assert_cmpint (count_rule (f, "complaint_followup"), ==, 3);
}

/* ---- satisfaction ---- */

static gint64
add_interaction (Fixture    *f,
                 gint64      customer,
                 const char *when,
                 int         satisfaction)
{
  exec (f,
        "INSERT INTO interactions (customer_id, occurred_at, channel, subject, satisfaction, created_at, updated_at)"
        " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 'Call', %d, 0, 0)",
        customer, at (when), satisfaction);
  return query (f, "SELECT max(id) FROM interactions");
}

static void
test_satisfaction (Fixture       *f,
                   gconstpointer  data)
{
  gint64 happy, neutral, unhappy, old;
  g_autofree char *dedup = NULL;
  g_autofree char *expected = NULL;

  add_customer (f, 1, WANG_FANG, NULL, NULL);
  add_customer (f, 2, LI_NA, NULL, NULL);
  add_customer (f, 3, LI_NA, NULL, NULL);
  add_customer (f, 4, ZHAO_MIN, NULL, NULL);   /* owned by the supervisor: the manager escalates */
  add_customer (f, 5, 0, NULL, NULL);          /* nobody's: some supervisor */
  add_customer (f, 6, LI_NA, "do_not_contact", "1");
  exec (f, "UPDATE playbook_rules SET enabled = (key LIKE 'satisfaction_%%')");

  add_interaction (f, 1, "2026-11-18 10:00", 4);
  happy = add_interaction (f, 1, "2026-11-19 16:00", 5);    /* the latest: one visit only */
  neutral = add_interaction (f, 2, "2026-11-19 11:00", 3);
  unhappy = add_interaction (f, 3, "2026-11-20 09:00", 2);
  add_interaction (f, 3, "2026-11-20 09:30", 1);            /* every dissatisfied result escalates */
  add_interaction (f, 4, "2026-11-20 09:00", 1);
  add_interaction (f, 5, "2026-11-20 09:00", 2);
  add_interaction (f, 6, "2026-11-20 09:00", 1);
  old = add_interaction (f, 2, "2026-10-01 10:00", 5);      /* older than the lookback */

  run (f);
  assert_followup (f, "satisfaction_high", 1, at ("2026-11-19 16:00") + 90 * DAY, WANG_FANG, CRM_FOLLOWUP_VISIT,
                   "Satisfaction 5 of 5 on 2026-11-19: next regular visit in 90 days");
  g_assert_cmpint (query (f, "SELECT source_interaction_id FROM followups WHERE rule_key = 'satisfaction_high'"),
                   ==, happy);
  assert_followup (f, "satisfaction_neutral", 2, at ("2026-11-19 11:00") + 7 * DAY, LI_NA, CRM_FOLLOWUP_CALL,
                   "Satisfaction 3 of 5 on 2026-11-19: second visit within 7 days");
  dedup = dedup_of (f, "satisfaction_neutral", 2);
  expected = g_strdup_printf ("satisfaction_neutral:i%" G_GINT64_FORMAT, neutral);
  g_assert_cmpstr (dedup, ==, expected);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE source_interaction_id = %" G_GINT64_FORMAT, old),
                   ==, 0);

  /* dissatisfied: the supervisor, within 24 hours, once per result */
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'satisfaction_low' AND customer_id = 3"),
                   ==, 2);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE source_interaction_id = %" G_GINT64_FORMAT,
                          unhappy), ==, at ("2026-11-21 09:00"));
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'satisfaction_low' AND customer_id = 3"
                          " AND owner_id = %d AND kind = %d", ZHAO_MIN, CRM_FOLLOWUP_CALL), ==, 2);
  {
    g_autofree char *reason = query_text (f, "SELECT rule_reason FROM followups WHERE source_interaction_id = %"
                                             G_GINT64_FORMAT, unhappy);

    g_assert_cmpstr (reason, ==, "Satisfaction 2 of 5 on 2026-11-20: the supervisor follows up within 24 hours");
  }
  assert_followup (f, "satisfaction_low", 4, at ("2026-11-21 09:00"), CHEN_JIE, CRM_FOLLOWUP_CALL,
                   "Satisfaction 1 of 5 on 2026-11-20: the supervisor follows up within 24 hours");
  assert_followup (f, "satisfaction_low", 5, at ("2026-11-21 09:00"), ZHAO_MIN, CRM_FOLLOWUP_CALL,
                   "Satisfaction 2 of 5 on 2026-11-20: the supervisor follows up within 24 hours");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 6"), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 6);

  /* idempotent; a new high rating while the visit is open adds none */
  g_assert_cmpuint (run (f).created, ==, 0);
  add_interaction (f, 1, "2026-11-20 09:45", 5);
  g_assert_cmpuint (run (f).created, ==, 0);

  /* an interaction's rating applied at once (what saving it may do) */
  {
    g_autoptr(GError) error = NULL;
    gint64 later = add_interaction (f, 2, "2026-11-20 09:50", 1);
    gint64 made = 0;

    g_assert_true (crm_playbook_apply_interaction_satisfaction (f->db->store, later, &made, &error));
    g_assert_no_error (error);
    g_assert_cmpint (made, >, 0);
    g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE id = %" G_GINT64_FORMAT, made), ==, ZHAO_MIN);
    g_assert_true (crm_playbook_apply_interaction_satisfaction (f->db->store, later, &made, &error));
    g_assert_cmpint (made, ==, 0);
    g_assert_cmpuint (run (f).created, ==, 0);
  }
}

/* ---- regular rules ---- */

/* The next day on or after today whose number is ≡ @phase (mod @period), as YYYY-MM-DD. */
static char *
next_grid_day (gint64 phase,
               gint64 period)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (CRM_TEST_NOW);
  g_autoptr(GDateTime) day = NULL;
  gint64 today = (CRM_TEST_NOW + g_date_time_get_utc_offset (now) / G_USEC_PER_SEC) / DAY;
  gint64 d = today + (((phase % period) - today) % period + period) % period;

  day = g_date_time_new_from_unix_utc (d * DAY);
  return g_date_time_format (day, "%Y-%m-%d");
}

static void
test_periodic (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *day = NULL;
  g_autofree char *dedup = NULL;
  CrmPlaybookStats stats;

  /* 2026-11-20 is day 20777: ≡ 17 (mod 30), ≡ 77 (mod 90) */
  day = next_grid_day (20, 30);
  g_assert_cmpstr (day, ==, "2026-11-23");
  g_clear_pointer (&day, g_free);

  add_customer (f, 20, WANG_FANG, "key_account", "2");       /* gold key account: review on 11-23 */
  add_customer (f, 17, LI_NA, "key_account", "1");           /* today 09:00 */
  add_customer (f, 10, LI_NA, "key_account", "1");           /* 23 days away: not yet */
  add_customer (f, 80, LI_NA, NULL, NULL);                   /* quarterly: 11-23 */
  add_customer (f, 81, LI_NA, "do_not_contact", "1");
  exec (f, "UPDATE playbook_rules SET enabled = (key IN ('key_account_review', 'regular_review'))");

  stats = run (f);
  assert_followup (f, "key_account_review", 20, at ("2026-11-23 09:00"), WANG_FANG, CRM_FOLLOWUP_REVIEW,
                   "Key account: a review every 30 days");
  assert_followup (f, "key_account_review", 17, at ("2026-11-20 09:00"), LI_NA, CRM_FOLLOWUP_REVIEW,
                   "Key account: a review every 30 days");
  assert_followup (f, "regular_review", 80, at ("2026-11-23 09:00"), LI_NA, CRM_FOLLOWUP_REVIEW,
                   "A review every 90 days");
  dedup = dedup_of (f, "regular_review", 80);
  g_assert_cmpstr (dedup, ==, "regular_review:80:2026-11-23");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id IN (10, 81)"), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'regular_review' AND customer_id IN (10, 17, 20)"), ==, 0);
  g_assert_cmpuint (stats.created, ==, 3);

  /* every day of the next weeks: each one when it comes within the horizon —
   * customer 10's 12-13 on 11-29, customer 17's next (12-20) on 12-06 */
  for (int i = 1; i <= 16; i++)
    {
      crm_clock_set (f->db->clock, CRM_TEST_NOW + i * DAY);
      g_assert_cmpuint (run (f).created, ==, i == 9 || i == 16 ? 1 : 0);
    }
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE customer_id = 10"), ==, at ("2026-12-13 09:00"));
  g_assert_cmpint (query (f, "SELECT max(planned_at) FROM followups WHERE customer_id = 17"), ==, at ("2026-12-20 09:00"));
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 20"), ==, 1);

  /* a shorter period on 12-07: the 14-day grid (day 20794 ≡ 4 mod 14) gives
   * customer 20 a review on 12-09, far enough from 11-23; customers 10 and 17
   * fall on the days they already have */
  crm_clock_set (f->db->clock, CRM_TEST_NOW + 17 * DAY);
  g_assert_true (crm_playbook_set_rule (f->db->store, "key_account_review", TRUE, 14 * 1440, NULL));
  g_assert_cmpuint (run (f).created, ==, 1);
  g_assert_cmpint (query (f, "SELECT max(planned_at) FROM followups WHERE customer_id = 20"), ==, at ("2026-12-09 09:00"));
  {
    g_autofree char *reason = query_text (f, "SELECT rule_reason FROM followups WHERE customer_id = 20"
                                             " ORDER BY planned_at DESC LIMIT 1");

    g_assert_cmpstr (reason, ==, "Key account: a review every 14 days");
  }
  g_assert_cmpuint (run (f).created, ==, 0);
}

static void
test_care_and_vip (Fixture       *f,
                   gconstpointer  data)
{
  add_customer (f, 5, LI_NA, NULL, NULL);               /* care: (5 + 15) mod 30 = 20: 11-23 */
  add_customer (f, 50, WANG_FANG, "tier", "0");          /* VIP: (50 + 30) mod 90 = 80: 11-23 */
  add_customer (f, 51, WANG_FANG, NULL, NULL);           /* not VIP */
  add_customer (f, 35, LI_NA, "birthday", "'--11-30'");  /* care 11-23, but a greeting on 11-29 */
  add_customer (f, 65, LI_NA, NULL, NULL);               /* care 11-23, with a skipped call of care on 11-22 */
  exec (f, "INSERT INTO followups (customer_id, kind, item, status, planned_at, skip_reason, created_at, updated_at)"
           " VALUES (65, 5, 'Care call', 2, %" G_GINT64_FORMAT ", 'Away', 0, 0)", at ("2026-11-22 09:00"));
  exec (f, "UPDATE playbook_rules SET enabled = (key IN ('care_touch', 'vip_visit', 'birthday_greeting'))");

  run (f);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 35"), ==, 1);
  g_assert_cmpint (count_rule (f, "birthday_greeting"), ==, 1);
  assert_followup (f, "care_touch", 65, at ("2026-11-23 09:00"), LI_NA, CRM_FOLLOWUP_CARE,
                   "At least one non-sales care touch every 30 days");
  assert_followup (f, "care_touch", 5, at ("2026-11-23 09:00"), LI_NA, CRM_FOLLOWUP_CARE,
                   "At least one non-sales care touch every 30 days");
  assert_followup (f, "vip_visit", 50, at ("2026-11-23 09:00"), WANG_FANG, CRM_FOLLOWUP_VISIT,
                   "VIP customer: a visit or dedicated session every 90 days");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'vip_visit'"), ==, 1);
  g_assert_cmpuint (run (f).created, ==, 0);
}

/* ---- greetings ---- */

static void
test_birthdays (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *notes = NULL;
  g_autofree char *dedup = NULL;

  add_customer (f, 1, LI_NA, "kind, birthday", "0, '1980-11-22'");
  add_customer (f, 2, WANG_FANG, "tier, birthday", "0, '--11-25'");
  add_customer (f, 3, LI_NA, "birthday", "'--12-31'");          /* beyond the horizon */
  add_customer (f, 4, LI_NA, "birthday", "'--11-20'");          /* today: late, but still */
  add_customer (f, 5, LI_NA, "birthday", "'--11-19'");          /* passed */
  add_customer (f, 6, LI_NA, "birthday, do_not_contact", "'--11-22', 1");
  add_customer (f, 7, LI_NA, "birthday", "'--11-31'");          /* no such day */
  add_customer (f, 8, LI_NA, "anniversary", "'2025-11-23'");    /* the first anniversary */
  add_customer (f, 9, LI_NA, "anniversary", "'2026-11-25'");    /* made this year: next year */
  exec (f, "UPDATE playbook_rules SET enabled = (key IN ('birthday_greeting', 'anniversary_greeting'))");

  run (f);
  assert_followup (f, "birthday_greeting", 1, at ("2026-11-21 09:00"), LI_NA, CRM_FOLLOWUP_GREETING,
                   "Birthday on 2026-11-22: greeting 1 day ahead");
  notes = query_text (f, "SELECT notes FROM followups WHERE customer_id = 1");
  g_assert_cmpstr (notes, ==, "Gift worth at least ¥50");
  dedup = dedup_of (f, "birthday_greeting", 1);
  g_assert_cmpstr (dedup, ==, "birthday_greeting:1:2026");
  assert_followup (f, "birthday_greeting", 2, at ("2026-11-24 09:00"), WANG_FANG, CRM_FOLLOWUP_GREETING,
                   "Birthday on 2026-11-25: greeting 1 day ahead");
  g_clear_pointer (&notes, g_free);
  notes = query_text (f, "SELECT notes FROM followups WHERE customer_id = 2");
  g_assert_cmpstr (notes, ==, "Gift worth at least ¥200 (VIP)");
  assert_followup (f, "birthday_greeting", 4, at ("2026-11-19 09:00"), LI_NA, CRM_FOLLOWUP_GREETING,
                   "Birthday on 2026-11-20: greeting 1 day ahead");
  assert_followup (f, "anniversary_greeting", 8, at ("2026-11-22 09:00"), LI_NA, CRM_FOLLOWUP_GREETING,
                   "Partnership anniversary on 2026-11-23: greeting 1 day ahead");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id IN (3, 5, 6, 7, 9)"), ==, 0);
  g_assert_cmpuint (run (f).created, ==, 0);

  /* the next weeks: customer 3's comes near; none twice in a year */
  for (int i = 1; i <= 40; i++)
    {
      crm_clock_set (f->db->clock, CRM_TEST_NOW + i * DAY);
      run (f);
    }
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE customer_id = 3"), ==, at ("2026-12-30 09:00"));
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 3"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 5);

  /* a changed offset: two days ahead */
  g_assert_true (crm_playbook_set_rule (f->db->store, "birthday_greeting", TRUE, 2 * 1440, NULL));
  add_customer (f, 10, LI_NA, "birthday", "'--01-10'");
  run (f);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE customer_id = 10"), ==, at ("2027-01-08 09:00"));
  g_clear_pointer (&dedup, g_free);
  dedup = dedup_of (f, "birthday_greeting", 10);
  g_assert_cmpstr (dedup, ==, "birthday_greeting:10:2027");
}

static void
test_birthday_leap_day (Fixture       *f,
                        gconstpointer  data)
{
  set_now (f, "2027-02-20 10:00");
  add_customer (f, 1, LI_NA, "birthday", "'2000-02-29'");
  only (f, "birthday_greeting");

  run (f);
  assert_followup (f, "birthday_greeting", 1, at ("2027-02-27 09:00"), LI_NA, CRM_FOLLOWUP_GREETING,
                   "Birthday on 2027-02-28: greeting 1 day ahead");
}

static void
test_holidays (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *item = NULL;
  g_autofree char *dedup = NULL;

  add_customer (f, 1, LI_NA, NULL, NULL);
  add_customer (f, 2, WANG_FANG, NULL, NULL);
  add_customer (f, 3, LI_NA, "do_not_contact", "1");
  only (f, "holiday_greeting");

  /* nothing near on 2026-11-20 */
  g_assert_cmpuint (run (f).created, ==, 0);

  /* New Year's Day 2027: 3 days ahead */
  set_now (f, "2026-12-20 10:00");
  g_assert_cmpuint (run (f).created, ==, 2);
  assert_followup (f, "holiday_greeting", 1, at ("2026-12-29 09:00"), LI_NA, CRM_FOLLOWUP_GREETING,
                   "New Year’s Day begins on 2027-01-01: greeting 3 days ahead");
  assert_followup (f, "holiday_greeting", 2, at ("2026-12-29 09:00"), WANG_FANG, CRM_FOLLOWUP_GREETING,
                   "New Year’s Day begins on 2027-01-01: greeting 3 days ahead");
  item = query_text (f, "SELECT item FROM followups WHERE customer_id = 1");
  g_assert_cmpstr (item, ==, "New Year’s Day greeting");
  dedup = dedup_of (f, "holiday_greeting", 1);
  g_assert_cmpstr (dedup, ==, "holiday_greeting:1:2027-01-01");

  /* the Spring Festival lasts four days in 2027: one greeting, not four */
  for (int i = 1; i <= 50; i++)
    {
      crm_clock_set (f->db->clock, at ("2026-12-20 10:00") + i * DAY);
      run (f);
    }
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 1"), ==, 2);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE customer_id = 1 AND dedup_key LIKE '%%2027-02-05'"),
                   ==, at ("2027-02-02 09:00"));
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 3"), ==, 0);

  /* Qingming is not greeted (the rule's "exclude"); Labour Day is */
  set_now (f, "2027-03-25 10:00");
  g_assert_cmpuint (run (f).created, ==, 0);
  set_now (f, "2027-04-20 10:00");
  g_assert_cmpuint (run (f).created, ==, 2);

  /* the user's own holidays, with a one-day gap, are one period */
  exec (f, "INSERT INTO calendar_days (day, kind, name) VALUES ('2027-07-01', 0, 'Company day'),"
           " ('2027-07-03', 0, 'Company day')");
  set_now (f, "2027-06-25 10:00");
  g_assert_cmpuint (run (f).created, ==, 2);
  set_now (f, "2027-06-30 10:00");
  g_assert_cmpuint (run (f).created, ==, 0);
  g_clear_pointer (&item, g_free);
  item = query_text (f, "SELECT item FROM followups WHERE customer_id = 1 AND dedup_key LIKE '%%2027-07-01'");
  g_assert_cmpstr (item, ==, "Company day greeting");
}

/* ---- at risk ---- */

static void
test_at_risk (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dedup = NULL;

  add_customer (f, 1, LI_NA, NULL, NULL);
  add_customer (f, 2, ZHAO_MIN, NULL, NULL);
  add_customer (f, 3, 0, NULL, NULL);
  add_customer (f, 4, LI_NA, NULL, NULL);
  add_customer (f, 5, LI_NA, "do_not_contact", "1");
  exec (f, "INSERT INTO customer_scores (customer_id, health_score, risk, computed_at) VALUES"
           " (1, 45, 2, 0), (2, 30, 3, 0), (3, 58, 1, 0), (4, 80, 0, 0), (5, 20, 3, 0)");
  only (f, "at_risk_analysis");

  run (f);
  assert_followup (f, "at_risk_analysis", 1, CRM_TEST_NOW + DAY, ZHAO_MIN, CRM_FOLLOWUP_ANALYSIS,
                   "Health score 45 (Medium risk): analysis within 24 hours");
  assert_followup (f, "at_risk_analysis", 2, CRM_TEST_NOW + DAY, CHEN_JIE, CRM_FOLLOWUP_ANALYSIS,
                   "Health score 30 (High risk): analysis within 24 hours");
  assert_followup (f, "at_risk_analysis", 3, CRM_TEST_NOW + DAY, ZHAO_MIN, CRM_FOLLOWUP_ANALYSIS,
                   "Health score 58 (Low risk): analysis within 24 hours");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id IN (4, 5)"), ==, 0);
  dedup = dedup_of (f, "at_risk_analysis", 1);
  g_assert_cmpstr (dedup, ==, "at_risk_analysis:1:2026-11");

  /* once a month */
  crm_clock_set (f->db->clock, CRM_TEST_NOW + 5 * DAY);
  g_assert_cmpuint (run (f).created, ==, 0);
  set_now (f, "2026-12-01 08:00");
  g_assert_cmpuint (run (f).created, ==, 3);
  /* found before the working day begins: 24 hours from its beginning, not from 08:00 */
  g_assert_cmpint (query (f, "SELECT max(planned_at) FROM followups WHERE customer_id = 1"
                             " AND rule_key = 'at_risk_analysis'"), ==, at ("2026-12-02 09:00"));
}

/* ---- no contact ---- */

static void
test_no_contact (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dedup = NULL;
  g_autofree char *item = NULL;
  g_autofree char *expected = NULL;

  add_customer (f, 1, LI_NA, "last_contact_at", "1795140000 - 8 * 86400");
  add_customer (f, 2, WANG_FANG, "last_contact_at", "1795140000 - 16 * 86400");
  add_customer (f, 3, LI_NA, "last_contact_at", "1795140000 - 40 * 86400");
  add_customer (f, 4, LI_NA, "last_contact_at", "1795140000 - 3 * 86400");
  add_customer (f, 5, LI_NA, NULL, NULL);
  add_customer (f, 6, LI_NA, "last_contact_at, do_not_contact", "1795140000 - 40 * 86400, 1");
  add_customer (f, 7, LI_NA, "last_contact_at", "1795140000 - 40 * 86400");
  add_customer (f, 8, LI_NA, "last_contact_at", "1795140000 - 40 * 86400");
  /* customer 7 was called two days ago (a follow-up done); 8's risk was analysed (not a contact) */
  exec (f, "INSERT INTO followups (customer_id, kind, item, status, planned_at, actual_at, created_at, updated_at)"
           " VALUES (7, 0, 'Call', 1, 1795140000 - 2 * 86400, 1795140000 - 2 * 86400, 0, 0),"
           " (8, 6, 'Analysis', 1, 1795140000 - 2 * 86400, 1795140000 - 2 * 86400, 0, 0)");
  exec (f, "UPDATE playbook_rules SET enabled = (key LIKE 'no_contact_%%')");

  run (f);
  assert_followup (f, "no_contact_7", 1, CRM_TEST_NOW, LI_NA, CRM_FOLLOWUP_CARE,
                   "No contact for 7 days (last: 2026-11-12)");
  assert_followup (f, "no_contact_15", 2, CRM_TEST_NOW, WANG_FANG, CRM_FOLLOWUP_CARE,
                   "No contact for 15 days (last: 2026-11-04)");
  assert_followup (f, "no_contact_30", 3, CRM_TEST_NOW, LI_NA, CRM_FOLLOWUP_CARE,
                   "No contact for 30 days (last: 2026-10-11)");
  assert_followup (f, "no_contact_30", 8, CRM_TEST_NOW, LI_NA, CRM_FOLLOWUP_CARE,
                   "No contact for 30 days (last: 2026-10-11)");
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key IS NOT NULL"), ==, 4);
  item = query_text (f, "SELECT item FROM followups WHERE customer_id = 2 AND rule_key IS NOT NULL");
  g_assert_cmpstr (item, ==, "Care follow-up: no contact for 15 days");
  dedup = dedup_of (f, "no_contact_15", 2);
  expected = g_strdup_printf ("no_contact_15:2:%" G_GINT64_FORMAT, CRM_TEST_NOW - 16 * DAY);
  g_assert_cmpstr (dedup, ==, expected);
  g_assert_cmpuint (run (f).created, ==, 0);

  /* while the 7-day one is open, the customer gets no other; done, the next band comes */
  crm_clock_set (f->db->clock, CRM_TEST_NOW + 8 * DAY);
  g_assert_cmpuint (run (f).created, ==, 2);   /* customer 4: 11 days; 7: 10 days since the call */
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key = 'no_contact_7' AND customer_id IN (4, 7)"),
                   ==, 2);
  g_assert_cmpint (count_rule (f, "no_contact_15"), ==, 1);
  exec (f, "UPDATE followups SET status = 1, actual_at = 1 WHERE rule_key = 'no_contact_7' AND customer_id = 1");
  g_assert_cmpuint (run (f).created, ==, 1);
  /* found on a Saturday: planned for Monday morning, the next working time */
  assert_followup (f, "no_contact_15", 1, at ("2026-11-30 09:00"), LI_NA, CRM_FOLLOWUP_CARE,
                   "No contact for 15 days (last: 2026-11-12)");

  /* a contact starts a new silence */
  exec (f, "UPDATE customers SET last_contact_at = %" G_GINT64_FORMAT " WHERE id = 4", CRM_TEST_NOW + DAY);
  exec (f, "UPDATE followups SET status = 2 WHERE customer_id = 4");
  crm_clock_set (f->db->clock, CRM_TEST_NOW + 9 * DAY);
  g_assert_cmpuint (run (f).created, ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 4"), ==, 2);
}

static void
test_no_contact_offsets (Fixture       *f,
                         gconstpointer  data)
{
  add_customer (f, 1, LI_NA, "last_contact_at", "1795140000 - 8 * 86400");
  add_customer (f, 2, LI_NA, "last_contact_at", "1795140000 - 40 * 86400");
  exec (f, "UPDATE playbook_rules SET enabled = (key LIKE 'no_contact_%%')");

  /* 10 days: 8 days is not enough; without the 30-day rule, 40 days is the 15-day one's */
  g_assert_true (crm_playbook_set_rule (f->db->store, "no_contact_7", TRUE, 10 * 1440, NULL));
  g_assert_true (crm_playbook_set_rule (f->db->store, "no_contact_30", FALSE, 30 * 1440, NULL));
  run (f);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id = 1"), ==, 0);
  assert_followup (f, "no_contact_15", 2, CRM_TEST_NOW, LI_NA, CRM_FOLLOWUP_CARE,
                   "No contact for 15 days (last: 2026-10-11)");
}

/* ---- everything together ---- */

/* One customer of every kind, and a do-not-contact twin of each. */
static void
add_everyone (Fixture *f)
{
  for (int dnc = 0; dnc <= 1; dnc++)
    {
      int base = dnc * 1000;
      g_autofree char *dnc_value = g_strdup_printf ("%d", dnc);

      g_autofree char *values17 = g_strdup_printf ("1, '2026-11-19', '--11-22', '2024-11-23', %" G_GINT64_FORMAT ", %s",
                                                   CRM_TEST_NOW - 20 * DAY, dnc_value);
      g_autofree char *values80 = g_strdup_printf ("%" G_GINT64_FORMAT ", %s", CRM_TEST_NOW - 9 * DAY, dnc_value);
      g_autofree char *values50 = g_strdup_printf ("0, %s", dnc_value);

      /* a key account with a recent first deal, birthday, anniversary and a
       * silence of 20 days, at risk; a customer with a resolved complaint and
       * a silence of 9 days; a VIP; a customer of neutral satisfaction */
      add_customer (f, base + 17, LI_NA, "key_account, first_deal_date, birthday, anniversary, last_contact_at,"
                    " do_not_contact", values17);
      add_customer (f, base + 80, WANG_FANG, "last_contact_at, do_not_contact", values80);
      add_customer (f, base + 50, WANG_FANG, "tier, do_not_contact", values50);
      add_customer (f, base + 5, WANG_FANG, "do_not_contact", dnc_value);
      exec (f, "INSERT INTO customer_scores (customer_id, health_score, risk, computed_at) VALUES (%d, 40, 2, 0)",
            base + 17);
      add_ticket (f, base + 80, CRM_TICKET_COMPLAINT, CRM_TICKET_RESOLVED, "2026-11-20 08:00");
      exec (f, "INSERT INTO ticket_events (ticket_id, at, kind) SELECT max(id), 0, 7 FROM tickets");
      add_interaction (f, base + 5, "2026-11-19 10:00", 3);
      add_interaction (f, base + 80, "2026-11-19 10:00", 1);
    }
  exec (f, "INSERT INTO calendar_days (day, kind, name) VALUES ('2026-11-27', 0, 'Company day')");
}

static char *
followups_digest (Fixture *f)
{
  return query_text (f, "SELECT group_concat(id || '|' || customer_id || '|' || kind || '|' || item || '|' || status"
                        " || '|' || planned_at || '|' || COALESCE(owner_id, '') || '|' || rule_key || '|' ||"
                        " rule_reason || '|' || dedup_key || '|' || updated_at, char(10)) FROM followups");
}

static void
test_all_rules (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CrmPlaybookStats stats;

  add_everyone (f);
  stats = run (f);
  g_assert_cmpuint (stats.rules_run, ==, CRM_PLAYBOOK_N_RULES);
  g_assert_cmpuint (stats.created, ==, query (f, "SELECT count(*) FROM followups"));
  g_assert_cmpuint (stats.created, >=, 14);

  /* every rule that had something to do did it, and said why */
  for (guint i = 0; i < CRM_PLAYBOOK_N_RULES; i++)
    {
      const char *key = crm_playbook_rule_key (i);
      gint64 n = count_rule (f, key);

      g_assert_cmpuint (stats.created_by_rule[i], ==, n);
      /* nobody silent for 30 days, nobody satisfied; the holiday greeting is
       * everyone's non-sales touch of the month */
      if (g_str_equal (key, "no_contact_30") || g_str_equal (key, "satisfaction_high") ||
          g_str_equal (key, "care_touch"))
        {
          g_assert_cmpint (n, ==, 0);
          continue;
        }
      if (n == 0)
        g_error ("rule %s made nothing", key);
    }
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_reason IS NULL OR dedup_key IS NULL"
                          " OR owner_id IS NULL"), ==, 0);

  /* do-not-contact customers got nothing */
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE customer_id >= 1000"), ==, 0);

  /* running again changes nothing at all */
  before = followups_digest (f);
  stats = run (f);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpuint (stats.rules_run, ==, CRM_PLAYBOOK_N_RULES);
  after = followups_digest (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_disabled (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rules = NULL;
  CrmPlaybookStats stats;

  add_everyone (f);
  rules = crm_playbook_list_rules (f->db->store, NULL);
  for (guint i = 0; i < rules->len; i++)
    {
      const CrmPlaybookRule *rule = rules->pdata[i];

      g_assert_true (crm_playbook_set_rule (f->db->store, rule->key, FALSE, rule->offset_minutes, NULL));
    }
  stats = run (f);
  g_assert_cmpuint (stats.rules_run, ==, 0);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 0);
  g_assert_cmpuint (f->followup_changes, ==, 0);

  /* one turned on again does its work alone */
  g_assert_true (crm_playbook_set_rule (f->db->store, "birthday_greeting", TRUE, 1440, NULL));
  stats = run (f);
  g_assert_cmpuint (stats.rules_run, ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 1);
  g_assert_cmpint (count_rule (f, "birthday_greeting"), ==, 1);
}

static void
test_deleted_not_made_again (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDeletedFollowup) deleted = NULL;
  gint64 id;

  add_customer (f, 1, LI_NA, "birthday", "'--11-22'");
  only (f, "birthday_greeting");
  run (f);
  id = query (f, "SELECT id FROM followups");

  deleted = crm_store_delete_followup (f->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (run (f).created, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followup_dismissed WHERE dedup_key = 'birthday_greeting:1:2026'"),
                   ==, 1);

  /* undone: back as it was, and no longer dismissed */
  g_assert_true (crm_store_restore_followup (f->db->store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT id FROM followups"), ==, id);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followup_dismissed"), ==, 0);
  g_assert_cmpuint (run (f).created, ==, 0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CrmPlaybookStats stats;

  add_everyone (f);
  g_cancellable_cancel (cancellable);
  g_assert_false (crm_playbook_run (f->db->store, CRM_TEST_NOW, &stats, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (stats.created, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 0);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

typedef struct {
  GCancellable *cancellable;
  guint         n;
  guint         at;
} CancelAfter;

static int
cancel_on_commit_cb (void *data)
{
  CancelAfter *c = data;

  if (++c->n == c->at)
    g_cancellable_cancel (c->cancellable);
  return 0;
}

static void
cancel_on_insert_cb (void          *data,
                     int            op,
                     const char    *db_name,
                     const char    *table,
                     sqlite3_int64  rowid)
{
  CancelAfter *c = data;

  if (op == SQLITE_INSERT && g_str_equal (table, "followups") && ++c->n == c->at)
    g_cancellable_cancel (c->cancellable);
}

/* Cancelled after the second rule committed: the two rules' follow-ups stay,
 * no other rule runs. */
static void
test_cancelled_between (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelAfter cancel = { cancellable, 0, 2 };
  sqlite3 *db = crm_store_get_db (f->db->store);
  CrmPlaybookStats stats;

  add_everyone (f);
  sqlite3_commit_hook (db, cancel_on_commit_cb, &cancel);
  g_assert_false (crm_playbook_run (f->db->store, CRM_TEST_NOW, &stats, cancellable, &error));
  sqlite3_commit_hook (db, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (stats.rules_run, ==, 2);
  g_assert_cmpuint (stats.created, ==, 2);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 2);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE rule_key IN ('onboarding_thanks', 'onboarding_call')"),
                   ==, 2);
  g_assert_false (crm_store_in_transaction (f->db->store));
  g_assert_cmpuint (f->followup_changes, ==, 1);
}

/* Cancelled in the middle of a rule's statement: that rule is rolled back. */
static void
test_cancelled_within (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CancelAfter cancel = { cancellable, 0, 100 };
  sqlite3 *db = crm_store_get_db (f->db->store);
  CrmPlaybookStats stats;

  exec (f, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
           " INSERT INTO customers (id, code, name, sort_key, owner_id, last_contact_at, created_at, updated_at)"
           " SELECT i, 'CS' || i, 'C' || i, 'c' || i, 1, 1795140000 - 8 * 86400, 0, 0 FROM n");
  only (f, "no_contact_7");
  sqlite3_update_hook (db, cancel_on_insert_cb, &cancel);
  g_assert_false (crm_playbook_run (f->db->store, CRM_TEST_NOW, &stats, cancellable, &error));
  sqlite3_update_hook (db, NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cancel.n, <, 3000);
  g_assert_cmpuint (stats.rules_run, ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, 0);
  g_assert_false (crm_store_in_transaction (f->db->store));

  /* and it runs to the end next time */
  g_clear_error (&error);
  g_assert_cmpuint (run (f).created, ==, 3000);
}

/* ---- in a worker thread ---- */

typedef struct {
  GMainLoop        *loop;
  gboolean          ok;
  CrmPlaybookStats  stats;
  GError           *error;
} AsyncResult;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AsyncResult *r = data;

  r->ok = crm_playbook_run_finish (CRM_STORE (source), result, &r->stats, &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  AsyncResult r = { 0 };

  add_everyone (f);
  r.loop = g_main_loop_new (NULL, FALSE);
  crm_playbook_run_async (f->db->store, CRM_TEST_NOW, NULL, run_done_cb, &r);
  g_main_loop_run (r.loop);
  g_main_loop_unref (r.loop);

  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.stats.created, >, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups"), ==, r.stats.created);
  g_assert_cmpuint (f->followup_changes, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/playbook/rules/list", test_rules_list);
  ADD ("/playbook/rules/set", test_rules_set);
  ADD ("/playbook/onboarding", test_onboarding);
  ADD ("/playbook/after-sales", test_after_sales);
  ADD ("/playbook/complaint", test_complaint);
  ADD ("/playbook/satisfaction", test_satisfaction);
  ADD ("/playbook/periodic/reviews", test_periodic);
  ADD ("/playbook/periodic/care-and-vip", test_care_and_vip);
  ADD ("/playbook/greetings/birthdays", test_birthdays);
  ADD ("/playbook/greetings/leap-day", test_birthday_leap_day);
  ADD ("/playbook/greetings/holidays", test_holidays);
  ADD ("/playbook/at-risk", test_at_risk);
  ADD ("/playbook/no-contact", test_no_contact);
  ADD ("/playbook/no-contact/offsets", test_no_contact_offsets);
  ADD ("/playbook/all/idempotent-and-do-not-contact", test_all_rules);
  ADD ("/playbook/all/disabled", test_disabled);
  ADD ("/playbook/deleted-not-made-again", test_deleted_not_made_again);
  ADD ("/playbook/cancelled", test_cancelled);
  ADD ("/playbook/cancelled-between", test_cancelled_between);
  ADD ("/playbook/cancelled-within", test_cancelled_within);
  ADD ("/playbook/async", test_async);
#undef ADD

  return g_test_run ();
}
