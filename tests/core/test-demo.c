/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo"

#include <string.h>

#include "crm-demo.h"
#include "crm-search.h"
#include "crm-test-util.h"

#define N_CUSTOMERS 200
#define SEED 20240601

/* Every table the generator writes, in a stable order */
static const char * const dump_queries[] = {
  "SELECT * FROM team_members ORDER BY id",
  "SELECT * FROM customers ORDER BY id",
  "SELECT * FROM code_sequences ORDER BY prefix, year",
  "SELECT * FROM contacts ORDER BY id",
  "SELECT * FROM tags ORDER BY id",
  "SELECT * FROM customer_tags ORDER BY customer_id, tag_id",
  "SELECT * FROM customer_needs ORDER BY customer_id",
  "SELECT * FROM interactions ORDER BY id",
  "SELECT * FROM tickets ORDER BY id",
  "SELECT * FROM ticket_events ORDER BY id",
  "SELECT * FROM followups ORDER BY id",
  "SELECT * FROM surveys ORDER BY id",
  "SELECT * FROM purchases ORDER BY id",
  "SELECT * FROM search_terms ORDER BY term, customer_id",
  "SELECT * FROM customer_terms ORDER BY customer_id",
};

static char *
digest_query (CrmStore   *store,
              const char *sql)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);

      for (int i = 0; i < n; i++)
        {
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            g_checksum_update (checksum, (const guchar *) "\x01N", 2);
          else
            g_checksum_update (checksum, sqlite3_column_text (stmt, i), sqlite3_column_bytes (stmt, i));
          g_checksum_update (checksum, (const guchar *) "\x1f", 1);
        }
      g_checksum_update (checksum, (const guchar *) "\x1e", 1);
      n_rows++;
    }
  sqlite3_finalize (stmt);

  return g_strdup_printf ("%u:%s", n_rows, g_checksum_get_string (checksum));
}

static void
generate (CrmTestDb       *db,
          guint            n,
          guint32          seed,
          CrmDemoLanguage  language)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = crm_demo_generate (db->store, n, seed, language, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_false (crm_store_in_transaction (db->store));
}

static gint64
query_int (CrmTestDb  *db,
           const char *sql)
{
  return crm_test_query_int (db->store, sql);
}

static void
assert_database_sound (CrmTestDb *db)
{
  g_autofree char *integrity = crm_test_query_text (db->store, "PRAGMA integrity_check");
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (integrity, ==, "ok");

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (db->store), "PRAGMA foreign_key_check",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_error ("foreign key violation in %s, row %lld",
             (const char *) sqlite3_column_text (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1));
  sqlite3_finalize (stmt);
}

static void
test_language (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "zh_CN:en", TRUE);
  g_assert_cmpint (crm_demo_language_from_locale (), ==, CRM_DEMO_LANGUAGE_CHINESE);
  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  g_assert_cmpint (crm_demo_language_from_locale (), ==, CRM_DEMO_LANGUAGE_CHINESE);
  g_setenv ("LANGUAGE", "en_US:en", TRUE);
  g_assert_cmpint (crm_demo_language_from_locale (), ==, CRM_DEMO_LANGUAGE_ENGLISH);
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_cmpint (crm_demo_language_from_locale (), ==, CRM_DEMO_LANGUAGE_ENGLISH);

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

static void
test_counts (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  const gint64 n = N_CUSTOMERS;
  gint64 vip, diamond, gold, dnc;

  generate (db, N_CUSTOMERS, SEED, CRM_DEMO_LANGUAGE_ENGLISH);

  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, n);
  g_assert_cmpint (crm_store_count (db->store, "contacts"), >=, 2 * n);
  g_assert_cmpint (crm_store_count (db->store, "contacts"), <=, 4 * n);
  g_assert_cmpint (crm_store_count (db->store, "interactions"), >=, 15 * n);
  g_assert_cmpint (crm_store_count (db->store, "interactions"), <=, 25 * n);
  g_assert_cmpint (crm_store_count (db->store, "tickets"), >=, n);
  g_assert_cmpint (crm_store_count (db->store, "tickets"), <=, 3 * n);
  g_assert_cmpint (crm_store_count (db->store, "ticket_events"), >=, 2 * crm_store_count (db->store, "tickets"));
  g_assert_cmpint (crm_store_count (db->store, "followups"), >=, 3 * n);
  g_assert_cmpint (crm_store_count (db->store, "followups"), <=, 7 * n);
  g_assert_cmpint (crm_store_count (db->store, "surveys"), >=, n / 2);
  g_assert_cmpint (crm_store_count (db->store, "surveys"), <=, 3 * n / 2);
  g_assert_cmpint (crm_store_count (db->store, "purchases"), >=, 5 * n / 2);
  g_assert_cmpint (crm_store_count (db->store, "purchases"), <=, 11 * n / 2);
  g_assert_cmpint (crm_store_count (db->store, "search_terms"), >=, 10 * n);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customer_needs"), >=, 7 * n / 10);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT customer_id) FROM customer_tags"), >=, n / 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tags"), >=, 5);

  /* Some customers are nearly empty, some rich */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE"
                                  " (SELECT count(*) FROM interactions WHERE customer_id = c.id) <= 3"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE"
                                  " (SELECT count(*) FROM interactions WHERE customer_id = c.id) >= 50"), >, 0);

  /* The team: 8 agents, 2 supervisors, a manager; "me" is an agent */
  g_assert_cmpint (crm_store_count (db->store, "team_members"), ==, 11);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM team_members WHERE role = 0"), ==, 8);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM team_members WHERE role = 1"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM team_members WHERE role = 2"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM team_members WHERE is_self = 1 AND role = 0"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT name) FROM team_members"), ==, 11);

  /* Tiers and key accounts in the proportions of the playbook */
  vip = query_int (db, "SELECT count(*) FROM customers WHERE tier = 0");
  diamond = query_int (db, "SELECT count(*) FROM customers WHERE key_account = 2");
  gold = query_int (db, "SELECT count(*) FROM customers WHERE key_account = 1");
  dnc = query_int (db, "SELECT count(*) FROM customers WHERE do_not_contact = 1");
  g_assert_cmpint (vip, >=, n / 20);
  g_assert_cmpint (vip, <=, n / 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE tier = 1"), >=, 2 * n / 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE tier = 2"), >=, n / 5);
  g_assert_cmpint (diamond, >=, 1);
  g_assert_cmpint (diamond, <=, n / 8);
  g_assert_cmpint (gold, >=, n / 20);
  g_assert_cmpint (gold, <=, n / 4);
  g_assert_cmpint (dnc, <=, n / 10);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE kind = 0"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE kind = 1"), >, n / 2);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT lifecycle) FROM customers"), ==, 6);

  /* Every customer has exactly one primary contact */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE"
                                  " (SELECT count(*) FROM contacts WHERE customer_id = c.id AND is_primary = 1) != 1"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT role) FROM contacts"), ==, 3);

  /* Open tickets at each level, and late open tickets at each level */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT level) FROM tickets WHERE status < 3"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT level) FROM tickets WHERE status < 3"
                                  " AND resolution_due < 1795140000"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE status < 3"
                                  " AND resolution_due > 1795140000"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT status) FROM tickets"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT category) FROM tickets"), ==, 5);
  /* old tickets are mostly closed */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE status = 4 AND created_at < 1795140000 - 30 * 86400") * 10,
                   >=, query_int (db, "SELECT count(*) FROM tickets WHERE created_at < 1795140000 - 30 * 86400") * 8);

  /* Overdue follow-ups, done and skipped ones, and planned ones in the next three months */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE status = 0 AND planned_at < 1795140000"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE status = 0 AND planned_at > 1795140000"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE status = 1"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE status = 2"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE source_ticket_id IS NOT NULL"), >, 0);

  /* Interactions: every channel, satisfaction sometimes empty, feedback classified */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT channel) FROM interactions"), ==, 8);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE satisfaction IS NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE satisfaction IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT feedback_category_id) FROM interactions"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE next_action IS NOT NULL"), >, 0);

  /* Customer codes CS{year}{seq}, and the sequences carried on */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE code GLOB 'CS20[0-9][0-9][0-9][0-9][0-9]*'"), ==, n);
  g_assert_cmpint (query_int (db, "SELECT sum(last) FROM code_sequences WHERE prefix = 'CS'"), ==, n);
  g_assert_cmpint (query_int (db, "SELECT sum(last) FROM code_sequences WHERE prefix = 'TK'"), ==,
                   crm_store_count (db->store, "tickets"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE code NOT GLOB 'TK20[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, 0);

  assert_database_sound (db);
}

static void
test_consistency (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  const gint64 now = CRM_TEST_NOW;
  sqlite3_stmt *stmt = NULL;
  guint n_checked = 0;

  generate (db, N_CUSTOMERS, SEED + 1, CRM_DEMO_LANGUAGE_ENGLISH);

  /* History spreads over the two years before "now" and the coming three months */
  g_assert_cmpint (query_int (db, "SELECT min(created_at) FROM customers"), >=, now - 731 * 86400);
  g_assert_cmpint (query_int (db, "SELECT max(created_at) FROM customers"), <=, now);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE updated_at < created_at OR updated_at > 1795140000"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT min(occurred_at) FROM interactions"), >=, now - 731 * 86400);
  g_assert_cmpint (query_int (db, "SELECT max(occurred_at) FROM interactions"), <=, now);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE created_at > 1795140000"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT max(planned_at) FROM followups"), <=, now + 91 * 86400);
  g_assert_cmpint (query_int (db, "SELECT max(planned_at) FROM followups"), >, now + 30 * 86400);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE created_at > 1795140000"
                                  " OR actual_at > 1795140000 OR (status = 1) != (actual_at IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE status = 2 AND skip_reason IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups f JOIN customers c ON c.id = f.customer_id"
                                  " WHERE c.do_not_contact = 1 AND f.status = 0"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE first_deal_date IS NOT NULL"
                                  " AND first_deal_date NOT GLOB '20[0-9][0-9]-[01][0-9]-[0-3][0-9]'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE first_deal_date > date(1795140000, 'unixepoch', '+8 hours')"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE first_deal_date IS NOT NULL"
                                  " AND substr(code, 3, 4) != substr(first_deal_date, 1, 4)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE first_deal_date IS NULL"
                                  " AND CAST(substr(code, 3, 4) AS INTEGER) != CAST(strftime('%Y', created_at, 'unixepoch', '+8 hours') AS INTEGER)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE birthday GLOB '--[01][0-9]-[0-3][0-9]'"), >=, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE birthday IS NOT NULL"
                                  " AND birthday NOT GLOB '--[01][0-9]-[0-3][0-9]'"
                                  " AND birthday NOT GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"), ==, 0);

  /* last_contact_at: the latest interaction that is not in the future */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE last_contact_at IS NOT"
                                  " (SELECT max(occurred_at) FROM interactions WHERE customer_id = c.id AND occurred_at <= 1795140000)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE occurred_at > 1795140000"), >=, 0);

  /* Interactions point at contacts of their own customer */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions i JOIN contacts ct ON ct.id = i.contact_id"
                                  " WHERE ct.customer_id != i.customer_id"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE feedback IS NULL AND feedback_category_id IS NOT NULL"), ==, 0);

  /* Tickets: deadlines from the SLA policies, timestamps in order, events consistent */
  /* around the clock for levels 1–2; level 3 in working time, so never earlier */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets t JOIN sla_policies p ON p.level = t.level AND p.vip = 0"
                                  " WHERE p.working_time = 0 AND (t.response_due != t.created_at + p.respond_minutes * 60"
                                  " OR t.resolution_due != t.created_at + p.resolve_minutes * 60)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets t JOIN sla_policies p ON p.level = t.level AND p.vip = 0"
                                  " WHERE p.working_time = 1 AND (t.response_due < t.created_at + p.respond_minutes * 60"
                                  " OR t.resolution_due < t.created_at + p.resolve_minutes * 60)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE level = 3"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE response_risk_at <= created_at"
                                  " OR response_risk_at > response_due OR resolution_risk_at > resolution_due"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE"
                                  " first_response_at < created_at OR resolved_at < first_response_at"
                                  " OR closed_at < resolved_at OR confirmed_at < resolved_at OR confirmed_at > closed_at"
                                  " OR max(created_at, ifnull(first_response_at, 0), ifnull(resolved_at, 0), ifnull(closed_at, 0)) > 1795140000"
                                  " OR updated_at < created_at OR updated_at > 1795140000"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE (status >= 3) != (resolved_at IS NOT NULL)"
                                  " OR (status = 4) != (closed_at IS NOT NULL)"
                                  " OR (status = 0) != (first_response_at IS NULL)"
                                  " OR (status = 2) != (paused_since IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets t WHERE NOT EXISTS"
                                  " (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 0 AND e.at = t.created_at)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets t WHERE (first_response_at IS NOT NULL) != EXISTS"
                                  " (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 1 AND e.at = t.first_response_at)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets t WHERE (resolved_at IS NOT NULL) != EXISTS"
                                  " (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 7 AND e.at = t.resolved_at)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets t WHERE (escalated_at IS NOT NULL) != EXISTS"
                                  " (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 6)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id"
                                  " WHERE e.at < t.created_at OR e.at > 1795140000 OR e.at > t.updated_at"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE escalated_at IS NOT NULL AND breached = 0"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE status < 3 AND resolution_due < 1795140000 AND breached = 0"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE level = 1 AND assignee_id NOT IN"
                                  " (SELECT id FROM team_members WHERE role > 0)"), ==, 0);

  /* Surveys and purchases */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM surveys WHERE nps NOT BETWEEN 0 AND 10"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM surveys WHERE taken_at > 1795140000"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM purchases WHERE amount_cents <= 0 OR purchased_at > 1795140000"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM purchases p JOIN customers c ON c.id = p.customer_id"
                                  " WHERE c.first_deal_date IS NULL"), ==, 0);

  /* The search index: names, codes, contacts' names, phones and e-mail addresses */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE NOT EXISTS"
                                  " (SELECT 1 FROM search_terms WHERE term = lower(c.code) AND customer_id = c.id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM contacts ct WHERE phone IS NOT NULL AND NOT EXISTS"
                                  " (SELECT 1 FROM search_terms WHERE term = ct.phone_digits AND customer_id = ct.customer_id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM contacts ct WHERE email IS NOT NULL AND NOT EXISTS"
                                  " (SELECT 1 FROM search_terms WHERE term = lower(ct.email) AND customer_id = ct.customer_id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM contacts WHERE (phone IS NULL) != (phone_digits IS NULL)"), ==, 0);
  crm_test_assert_terms_listed (db->store);

  /* sort_key and phone_digits are what the search module computes */
  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (db->store),
                                       "SELECT c.name, c.sort_key, ct.phone, ct.phone_digits, ct.name FROM customers c"
                                       " JOIN contacts ct ON ct.customer_id = c.id AND ct.is_primary = 1 ORDER BY c.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = crm_search_fold ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *digits = crm_search_phone_digits ((const char *) sqlite3_column_text (stmt, 2));
      g_auto(GStrv) tokens = crm_search_tokenize_query ((const char *) sqlite3_column_text (stmt, 4));

      g_assert_cmpstr (key, ==, (const char *) sqlite3_column_text (stmt, 1));
      g_assert_cmpstr (digits, ==, (const char *) sqlite3_column_text (stmt, 3));
      g_assert_nonnull (tokens);
      n_checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_checked, ==, N_CUSTOMERS);

  assert_database_sound (db);
}

static char *
digest_database (CrmTestDb *db)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dump_queries); i++)
    {
      g_autofree char *d = digest_query (db->store, dump_queries[i]);
      g_string_append_printf (all, "%s\n", d);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
test_deterministic (void)
{
  g_autoptr(CrmTestDb) a = crm_test_db_new ();
  g_autoptr(CrmTestDb) b = crm_test_db_new ();
  g_autoptr(CrmTestDb) c = crm_test_db_new ();
  g_autoptr(CrmTestDb) d = crm_test_db_new ();
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;
  g_autofree char *digest_c = NULL;
  g_autofree char *digest_d = NULL;
  g_autofree char *customers_a = NULL;
  g_autofree char *customers_c = NULL;

  generate (a, N_CUSTOMERS, SEED, CRM_DEMO_LANGUAGE_CHINESE);
  generate (b, N_CUSTOMERS, SEED, CRM_DEMO_LANGUAGE_CHINESE);
  generate (c, N_CUSTOMERS, SEED + 7, CRM_DEMO_LANGUAGE_CHINESE);
  generate (d, N_CUSTOMERS, SEED, CRM_DEMO_LANGUAGE_ENGLISH);

  digest_a = digest_database (a);
  digest_b = digest_database (b);
  digest_c = digest_database (c);
  digest_d = digest_database (d);

  g_assert_cmpstr (digest_a, ==, digest_b);
  g_assert_cmpstr (digest_a, !=, digest_c);
  g_assert_cmpstr (digest_a, !=, digest_d);

  customers_a = digest_query (a->store, "SELECT * FROM customers ORDER BY id");
  customers_c = digest_query (c->store, "SELECT * FROM customers ORDER BY id");
  g_assert_cmpstr (customers_a, !=, customers_c);
}

static void
test_chinese (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  sqlite3_stmt *stmt = NULL;
  guint n_names = 0, n_two = 0;
  g_autofree char *two_char_name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *tag = NULL;

  generate (db, N_CUSTOMERS, SEED, CRM_DEMO_LANGUAGE_CHINESE);
  assert_database_sound (db);

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (db->store), "SELECT name FROM contacts ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      glong len = g_utf8_strlen (name, -1);

      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpint (len, >=, 2);
      g_assert_cmpint (len, <=, 3);
      g_assert_cmpint (g_unichar_get_script (g_utf8_get_char (name)), ==, G_UNICODE_SCRIPT_HAN);
      if (len == 2)
        {
          n_two++;
          if (two_char_name == NULL)
            two_char_name = g_strdup (name);
        }
      n_names++;
    }
  sqlite3_finalize (stmt);

  g_assert_cmpuint (n_names, >, 0);
  g_assert_cmpuint (n_two * 100, >=, n_names * 35);
  g_assert_cmpuint (n_two * 100, <=, n_names * 65);

  /* A two-character name is found by a prefix range query, as the search does */
  g_assert_nonnull (two_char_name);
  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (db->store),
                                       "SELECT count(*) FROM search_terms s JOIN contacts ct ON ct.customer_id = s.customer_id"
                                       " WHERE s.term >= ?1 AND s.term < ?1 || char(1114111) AND ct.name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, two_char_name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 0);
  sqlite3_finalize (stmt);

  /* So is the given name alone (a suffix of the full name) */
  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (db->store),
                                       "SELECT count(*) FROM search_terms WHERE term >= ?1 AND term < ?1 || char(1114111)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, g_utf8_next_char (two_char_name), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 0);
  sqlite3_finalize (stmt);

  /* Companies: city + brand + industry + 有限公司; Chinese mobile numbers; Chinese text */
  company = crm_test_query_text (db->store, "SELECT name FROM customers WHERE kind = 1 ORDER BY id LIMIT 1");
  g_assert_true (g_str_has_suffix (company, "公司"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE kind = 1 AND name NOT LIKE '%有限公司'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM contacts WHERE phone IS NOT NULL"
                                  " AND phone NOT GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, 0);
  phone = crm_test_query_text (db->store, "SELECT phone FROM contacts WHERE phone IS NOT NULL ORDER BY id LIMIT 1");
  g_assert_cmpint (strlen (phone), ==, 11);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tags WHERE name = '数据安全'"), ==, 1);
  tag = crm_test_query_text (db->store, "SELECT source FROM customers ORDER BY id LIMIT 1");
  g_assert_cmpint (g_unichar_get_script (g_utf8_get_char (tag)), ==, G_UNICODE_SCRIPT_HAN);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM interactions WHERE summary GLOB '*[a-z][a-z][a-z][a-z][a-z]*'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM purchases WHERE currency != 'CNY'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM team_members WHERE length(name) NOT BETWEEN 2 AND 3"), ==, 0);
}

static void
cancel_halfway_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  if (done >= total / 2)
    g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
test_cancel (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) halfway = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_cancellable_cancel (cancelled);
  ok = crm_demo_generate (db->store, 50, SEED, CRM_DEMO_LANGUAGE_ENGLISH, NULL, NULL, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ok);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, 0);
  g_assert_cmpint (crm_store_count (db->store, "team_members"), ==, 0);

  /* Cancelled in the middle: everything rolled back, the team and sequences too */
  ok = crm_demo_generate (db->store, 400, SEED, CRM_DEMO_LANGUAGE_ENGLISH, cancel_halfway_cb, halfway, halfway, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ok);
  g_assert_false (crm_store_in_transaction (db->store));
  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, 0);
  g_assert_cmpint (crm_store_count (db->store, "team_members"), ==, 0);
  g_assert_cmpint (crm_store_count (db->store, "interactions"), ==, 0);
  g_assert_cmpint (crm_store_count (db->store, "search_terms"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM code_sequences"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tags"), ==, 0);

  /* and the store still works afterwards */
  generate (db, 10, SEED, CRM_DEMO_LANGUAGE_ENGLISH);
  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, 10);
}

static void
test_twice (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  gint64 tickets;

  generate (db, 60, SEED, CRM_DEMO_LANGUAGE_CHINESE);
  generate (db, 60, SEED, CRM_DEMO_LANGUAGE_CHINESE);   /* the same seed again: new codes */
  generate (db, 30, SEED + 1, CRM_DEMO_LANGUAGE_ENGLISH);

  tickets = crm_store_count (db->store, "tickets");
  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, 150);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT code) FROM customers"), ==, 150);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT code) FROM tickets"), ==, tickets);
  g_assert_cmpint (query_int (db, "SELECT sum(last) FROM code_sequences WHERE prefix = 'CS'"), ==, 150);
  g_assert_cmpint (query_int (db, "SELECT sum(last) FROM code_sequences WHERE prefix = 'TK'"), ==, tickets);
  /* the team is made once and reused */
  g_assert_cmpint (crm_store_count (db->store, "team_members"), ==, 11);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE owner_id NOT IN (SELECT id FROM team_members)"), ==, 0);
  /* tags of both languages exist once each */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tags"), ==, query_int (db, "SELECT count(DISTINCT name) FROM tags"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE"
                                  " (SELECT count(*) FROM contacts WHERE customer_id = c.id AND is_primary = 1) != 1"), ==, 0);

  assert_database_sound (db);
}

static void
test_existing_team (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_exec (db->store,
                                 "INSERT INTO team_members (name, role, is_self, created_at) VALUES"
                                 " ('Ada Lovelace', 0, 1, 0), ('Grace Hopper', 1, 0, 0)", &error));
  g_assert_no_error (error);

  generate (db, 40, SEED, CRM_DEMO_LANGUAGE_ENGLISH);
  g_assert_cmpint (crm_store_count (db->store, "team_members"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE owner_id != 1"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE level = 1 AND assignee_id != 2"), ==, 0);
  assert_database_sound (db);
}

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            gpointer  user_data)
{
  guint *n_changed = user_data;

  g_assert_cmpint (kind, ==, CRM_CHANGE_ALL);
  (*n_changed)++;
}

typedef struct {
  guint calls;
  guint last_done;
  guint total;
  gboolean monotonic;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  if (p->calls > 0 && done < p->last_done)
    p->monotonic = FALSE;
  p->calls++;
  p->last_done = done;
  p->total = total;
}

static char *
query_plan (CrmTestDb  *db,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (db->store), explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  return g_string_free (plan, FALSE);
}

static char *
schema_of (CrmTestDb *db)
{
  return digest_query (db->store, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name");
}

static void
cancel_late_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  if (done >= total * 9 / 10)
    g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* A big run into a small database takes the bulk path (indexes rebuilt at the end):
 * the schema comes back exactly, also when cancelled, and the indexes match the data. */
static void
test_bulk (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_before = schema_of (db);
  g_autofree char *schema_cancelled = NULL;
  g_autofree char *schema_after = NULL;
  g_autofree char *plan = NULL;
  Progress p = { 0, 0, 0, TRUE };
  gboolean ok;

  ok = crm_demo_generate (db->store, 2000, SEED, CRM_DEMO_LANGUAGE_CHINESE, cancel_late_cb, cancellable, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ok);
  g_clear_error (&error);
  schema_cancelled = schema_of (db);
  g_assert_cmpstr (schema_before, ==, schema_cancelled);
  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, 0);

  /* the index rebuild at the end reports progress too */
  ok = crm_demo_generate (db->store, 2000, SEED, CRM_DEMO_LANGUAGE_CHINESE, progress_cb, &p, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (p.monotonic);
  g_assert_cmpuint (p.last_done, ==, 2000);
  g_assert_cmpuint (p.total, ==, 2000);
  g_assert_cmpuint (p.calls, >=, 110);   /* 100 while generating, one per index, the end */
  schema_after = schema_of (db);
  g_assert_cmpstr (schema_before, ==, schema_after);
  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, 2000);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE"
                                  " (SELECT count(*) FROM contacts WHERE customer_id = c.id AND is_primary = 1) != 1"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers c WHERE last_contact_at IS NOT"
                                  " (SELECT max(occurred_at) FROM interactions WHERE customer_id = c.id AND occurred_at <= 1795140000)"), ==, 0);
  assert_database_sound (db);

  /* the rebuilt indexes are used */
  plan = query_plan (db, "SELECT id FROM interactions WHERE occurred_at > 0 ORDER BY occurred_at LIMIT 5");
  g_assert_nonnull (strstr (plan, "interactions_time"));

  /* a small run into the big database afterwards takes the ordinary path */
  generate (db, 20, SEED, CRM_DEMO_LANGUAGE_CHINESE);
  g_assert_cmpint (crm_store_count (db->store, "customers"), ==, 2020);
  g_clear_pointer (&schema_after, g_free);
  schema_after = schema_of (db);
  g_assert_cmpstr (schema_before, ==, schema_after);
}

static void
test_progress (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  Progress p = { 0, 0, 0, TRUE };
  gulong handler;
  guint n_changed = 0;

  handler = g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &n_changed);
  g_assert_true (crm_demo_generate (db->store, 500, SEED, CRM_DEMO_LANGUAGE_ENGLISH, progress_cb, &p, NULL, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (db->store, handler);

  g_assert_true (p.monotonic);
  g_assert_cmpuint (p.calls, >=, 100);
  g_assert_cmpuint (p.calls, <=, 102);
  g_assert_cmpuint (p.last_done, ==, 500);
  g_assert_cmpuint (p.total, ==, 500);
  g_assert_cmpuint (n_changed, ==, 1);   /* one CRM_CHANGE_ALL after the commit */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/language", test_language);
  g_test_add_func ("/demo/counts", test_counts);
  g_test_add_func ("/demo/consistency", test_consistency);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/chinese", test_chinese);
  g_test_add_func ("/demo/cancel", test_cancel);
  g_test_add_func ("/demo/twice", test_twice);
  g_test_add_func ("/demo/existing-team", test_existing_team);
  g_test_add_func ("/demo/bulk", test_bulk);
  g_test_add_func ("/demo/progress", test_progress);

  return g_test_run ();
}
