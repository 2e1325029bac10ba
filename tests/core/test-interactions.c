/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-interaction-list-model.h"
#include "crm-store-interactions.h"
#include "crm-test-util.h"

#define HOUR (60 * 60)
#define DAY (24 * HOUR)

typedef struct {
  CrmTestDb *db;
  gint64     me;
  gint64     acme;
  gint64     globex;
  gint64     acme_contact;
  gint64     globex_contact;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_test_db_new ();
  g_assert_true (crm_store_exec (f->db->store,
                                 "INSERT INTO team_members (name, is_self, created_at) VALUES ('Li Na', 1, 0);"
                                 "INSERT INTO customers (code, name, sort_key, created_at, updated_at)"
                                 " VALUES ('CS1', 'Acme', 'acme', 0, 0), ('CS2', 'Globex', 'globex', 0, 0);"
                                 "INSERT INTO contacts (customer_id, name, is_primary, created_at, updated_at)"
                                 " VALUES (1, 'Wang Fang', 1, 0, 0), (2, 'Zhao Lei', 1, 0, 0);",
                                 NULL));
  f->me = 1;
  f->acme = 1;
  f->globex = 2;
  f->acme_contact = 1;
  f->globex_contact = 2;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_db_free (f->db);
}

static void
fill (CrmInteractionDraft *draft,
      gint64               customer_id,
      gint64               at,
      const char          *subject)
{
  crm_interaction_draft_clear (draft);
  draft->customer_id = customer_id;
  draft->occurred_at = at;
  draft->subject = g_strdup (subject);
}

#define query(f, ...) crm_test_query_intf ((f)->db->store, __VA_ARGS__)

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_auto(CrmInteractionValidation) v = { 0 };

  crm_interaction_draft_init (&draft);
  g_assert_false (crm_interaction_draft_validate (&draft, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_INTERACTION_FIELD_CUSTOMER], ==, "Choose the customer.");
  g_assert_cmpstr (v.messages[CRM_INTERACTION_FIELD_TIME], ==, "Enter when it happened.");
  g_assert_cmpstr (v.messages[CRM_INTERACTION_FIELD_SUBJECT], ==, "Say in a few words what it was about.");
  crm_interaction_validation_clear (&v);

  fill (&draft, f->acme, CRM_TEST_NOW, "  Renewal call ");
  g_assert_true (crm_interaction_draft_validate (&draft, CRM_TEST_NOW, &v));

  /* a blank subject, the future, impossible numbers */
  g_free (draft.subject);
  draft.subject = g_strdup ("　 ");
  draft.occurred_at = CRM_TEST_NOW + 2 * DAY;
  draft.duration_min = 2000;
  draft.satisfaction = 6;
  g_assert_false (crm_interaction_draft_validate (&draft, CRM_TEST_NOW, &v));
  g_assert_nonnull (v.messages[CRM_INTERACTION_FIELD_SUBJECT]);
  g_assert_nonnull (strstr (v.messages[CRM_INTERACTION_FIELD_TIME], "more than a day ahead"));
  g_assert_nonnull (v.messages[CRM_INTERACTION_FIELD_DURATION]);
  g_assert_cmpstr (v.messages[CRM_INTERACTION_FIELD_SATISFACTION], ==, "Satisfaction is from 1 to 5.");
  crm_interaction_validation_clear (&v);

  /* next action and its date go together, and the date is not before the interaction */
  fill (&draft, f->acme, CRM_TEST_NOW, "Call");
  draft.next_action = g_strdup ("Send the quote");
  g_assert_false (crm_interaction_draft_validate (&draft, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_INTERACTION_FIELD_NEXT_ACTION_DUE], ==, "Say when the next action is due.");
  crm_interaction_validation_clear (&v);
  draft.next_action_due = CRM_TEST_NOW - HOUR;
  g_assert_false (crm_interaction_draft_validate (&draft, CRM_TEST_NOW, &v));
  g_assert_cmpstr (v.messages[CRM_INTERACTION_FIELD_NEXT_ACTION_DUE], ==,
                   "The next action cannot be due before the interaction.");
  crm_interaction_validation_clear (&v);
  g_clear_pointer (&draft.next_action, g_free);
  g_assert_false (crm_interaction_draft_validate (&draft, CRM_TEST_NOW, &v));
  g_assert_nonnull (v.messages[CRM_INTERACTION_FIELD_NEXT_ACTION]);
}

/* The interaction and its next-action follow-up are one transaction. */
static void
test_save_with_next_action (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_auto(CrmInteractionDraft) loaded = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id, followup;

  fill (&draft, f->acme, CRM_TEST_NOW - HOUR, " Renewal call ");
  draft.channel = CRM_CHANNEL_VISIT;
  draft.contact_id = f->acme_contact;
  draft.duration_min = 45;
  draft.summary = g_strdup ("Talked about next year's volume.");
  draft.feedback = g_strdup ("Price is too high");
  draft.feedback_category_id = 3;
  draft.satisfaction = 4;
  draft.next_action = g_strdup ("Send the revised quote");
  draft.next_action_due = CRM_TEST_NOW + 2 * DAY;

  id = crm_store_save_interaction (f->db->store, 0, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* stored as typed, trimmed; owned by the current user */
  g_assert_true (crm_store_load_interaction (f->db->store, id, &loaded, &error));
  g_assert_cmpstr (loaded.subject, ==, "Renewal call");
  g_assert_cmpint (loaded.owner_id, ==, f->me);
  g_assert_cmpint (loaded.duration_min, ==, 45);
  g_assert_cmpint (loaded.satisfaction, ==, 4);
  g_assert_cmpint (loaded.feedback_category_id, ==, 3);

  /* the follow-up: a visit, planned at the due date, pointing back at it */
  followup = crm_store_get_interaction_followup (f->db->store, id);
  g_assert_cmpint (followup, >, 0);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==,
                   CRM_TEST_NOW + 2 * DAY);
  g_assert_cmpint (query (f, "SELECT kind FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==,
                   CRM_FOLLOWUP_VISIT);
  g_assert_cmpint (query (f, "SELECT owner_id FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==, f->me);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE item = 'Send the revised quote'"
                             " AND status = 0 AND customer_id = %" G_GINT64_FORMAT, f->acme), ==, 1);
  g_assert_cmpint (query (f, "SELECT last_contact_at FROM customers WHERE id = %" G_GINT64_FORMAT, f->acme), ==,
                   CRM_TEST_NOW - HOUR);

  /* editing moves the same follow-up; clearing the next action removes it */
  crm_interaction_draft_clear (&loaded);
  g_assert_true (crm_store_load_interaction (f->db->store, id, &loaded, &error));
  loaded.next_action_due = CRM_TEST_NOW + 5 * DAY;
  g_assert_cmpint (crm_store_save_interaction (f->db->store, id, &loaded, &error), ==, id);
  g_assert_cmpint (crm_store_get_interaction_followup (f->db->store, id), ==, followup);
  g_assert_cmpint (query (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==,
                   CRM_TEST_NOW + 5 * DAY);
  g_clear_pointer (&loaded.next_action, g_free);
  loaded.next_action_due = 0;
  g_assert_cmpint (crm_store_save_interaction (f->db->store, id, &loaded, &error), ==, id);
  g_assert_cmpint (crm_store_get_interaction_followup (f->db->store, id), ==, 0);
  g_assert_cmpint (crm_store_count (f->db->store, "followups"), ==, 0);
}

static void
test_refused_writes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;

  /* invalid */
  fill (&draft, f->acme, CRM_TEST_NOW, "");
  draft.next_action = g_strdup ("Call back");
  draft.next_action_due = CRM_TEST_NOW + DAY;
  g_assert_cmpint (crm_store_save_interaction (f->db->store, 0, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* another customer's contact */
  fill (&draft, f->acme, CRM_TEST_NOW, "Call");
  draft.contact_id = f->globex_contact;
  draft.next_action = g_strdup ("Call back");
  draft.next_action_due = CRM_TEST_NOW + DAY;
  g_assert_cmpint (crm_store_save_interaction (f->db->store, 0, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a customer that does not exist */
  fill (&draft, 999, CRM_TEST_NOW, "Call");
  g_assert_cmpint (crm_store_save_interaction (f->db->store, 0, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);

  g_assert_cmpint (crm_store_count (f->db->store, "interactions"), ==, 0);
  g_assert_cmpint (crm_store_count (f->db->store, "followups"), ==, 0);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDeletedInteraction) deleted = NULL;
  gint64 older, newer, followup, done;

  fill (&draft, f->acme, CRM_TEST_NOW - 3 * DAY, "First visit");
  older = crm_store_save_interaction (f->db->store, 0, &draft, &error);
  fill (&draft, f->acme, CRM_TEST_NOW - DAY, "Second call");
  draft.next_action = g_strdup ("Demo");
  draft.next_action_due = CRM_TEST_NOW + DAY;
  newer = crm_store_save_interaction (f->db->store, 0, &draft, &error);
  g_assert_no_error (error);
  followup = crm_store_get_interaction_followup (f->db->store, newer);
  /* an earlier follow-up of the same interaction, already done */
  g_assert_true (crm_store_exec (f->db->store,
                                 "INSERT INTO followups (customer_id, item, status, planned_at, source_interaction_id,"
                                 " created_at, updated_at) VALUES (1, 'Old one', 1, 0, 2, 0, 0)", NULL));
  done = sqlite3_last_insert_rowid (crm_store_get_db (f->db->store));

  deleted = crm_store_delete_interaction (f->db->store, newer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpint (crm_store_count (f->db->store, "interactions"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM followups WHERE id = %" G_GINT64_FORMAT, followup), ==, 0);
  g_assert_cmpint (query (f, "SELECT source_interaction_id IS NULL FROM followups WHERE id = %" G_GINT64_FORMAT,
                          done), ==, 1);
  g_assert_cmpint (query (f, "SELECT last_contact_at FROM customers WHERE id = %" G_GINT64_FORMAT, f->acme), ==,
                   CRM_TEST_NOW - 3 * DAY);

  /* undo: the same ids, the follow-up and the link back */
  g_assert_true (crm_store_restore_interaction (f->db->store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (f, "SELECT count(*) FROM interactions WHERE id = %" G_GINT64_FORMAT
                             " AND subject = 'Second call'", newer), ==, 1);
  g_assert_cmpint (crm_store_get_interaction_followup (f->db->store, newer), ==, followup);
  g_assert_cmpint (query (f, "SELECT source_interaction_id FROM followups WHERE id = %" G_GINT64_FORMAT, done), ==,
                   newer);
  g_assert_cmpint (query (f, "SELECT last_contact_at FROM customers WHERE id = %" G_GINT64_FORMAT, f->acme), ==,
                   CRM_TEST_NOW - DAY);

  /* deleting what is not there */
  g_assert_null (crm_store_delete_interaction (f->db->store, 999, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  (void) older;
}

static gint64
add (Fixture    *f,
     gint64      customer_id,
     gint64      at,
     CrmChannel  channel,
     int         satisfaction,
     const char *subject)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  fill (&draft, customer_id, at, subject);
  draft.channel = channel;
  draft.satisfaction = satisfaction;
  id = crm_store_save_interaction (f->db->store, 0, &draft, &error);
  g_assert_no_error (error);
  return id;
}

static CrmInteraction *
item_at (CrmPagedModel *model,
         guint          position)
{
  return g_list_model_get_item (G_LIST_MODEL (model), position);
}

static void
test_timeline_model (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CrmPagedModel) model = NULL;
  CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;
  gint64 ids[250];
  guint n;

  /* 250 interactions, 2 hours apart, alternating customers and channels; two share a time */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = add (f, i % 2 ? f->globex : f->acme, CRM_TEST_NOW - (gint64) i * 2 * HOUR,
                  i % 3 == 0 ? CRM_CHANNEL_VISIT : CRM_CHANNEL_PHONE, (int) (i % 5) + 1, "Call");
  add (f, f->acme, CRM_TEST_NOW - 10 * HOUR, CRM_CHANNEL_EMAIL, 0, "Same time as #5");

  model = crm_interaction_list_model_new (f->db->store);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 251);

  /* newest first across pages; equal times by id, newest id first */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(CrmInteraction) a = item_at (model, i - 1);
      g_autoptr(CrmInteraction) b = item_at (model, i);

      g_assert_cmpint (crm_interaction_get_occurred_at (a), >=, crm_interaction_get_occurred_at (b));
      if (crm_interaction_get_occurred_at (a) == crm_interaction_get_occurred_at (b))
        g_assert_cmpint (crm_interaction_get_id (a), >, crm_interaction_get_id (b));
    }
  {
    g_autoptr(CrmInteraction) first = item_at (model, 0);
    g_autoptr(CrmInteraction) tie = item_at (model, 5);

    g_assert_cmpint (crm_interaction_get_id (first), ==, ids[0]);
    g_assert_cmpstr (crm_interaction_get_customer_name (first), ==, "Acme");
    g_assert_cmpstr (crm_interaction_get_owner_name (first), ==, "Li Na");
    g_assert_cmpstr (crm_interaction_get_subject (tie), ==, "Same time as #5");
  }

  /* day headings: local days (Asia/Shanghai); 2026-11-20 10:00 is the newest */
  {
    g_autoptr(CrmInteraction) first = item_at (model, 0);
    g_autoptr(CrmInteraction) sixth = item_at (model, 6);   /* 10:00 − 10 h = 00:00 the same day */
    g_autoptr(CrmInteraction) seventh = item_at (model, 7); /* 22:00 the day before */

    g_assert_cmpstr (crm_interaction_get_day (first), ==, "2026-11-20");
    g_assert_cmpstr (crm_interaction_get_day (sixth), ==, "2026-11-20");
    g_assert_cmpstr (crm_interaction_get_day (seventh), ==, "2026-11-19");
  }

  /* filters */
  filter.customer_id = f->globex;
  crm_interaction_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 125);
  filter.channel = CRM_CHANNEL_VISIT;
  crm_interaction_list_model_set_filter (model, &filter);
  /* odd i divisible by 3: 3, 9, 15 … 249 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 42);
  filter = (CrmInteractionFilter) CRM_INTERACTION_FILTER_INIT;
  filter.satisfaction = 5;
  crm_interaction_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 50);
  filter = (CrmInteractionFilter) CRM_INTERACTION_FILTER_INIT;
  filter.from = CRM_TEST_NOW - 24 * HOUR;            /* i = 0 … 12, and the e-mail */
  filter.until = CRM_TEST_NOW;                       /* not i = 0 */
  crm_interaction_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 13);
  filter.owner_id = 999;
  crm_interaction_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* jump to a date: the first interaction at or before it */
  filter = (CrmInteractionFilter) CRM_INTERACTION_FILTER_INIT;
  crm_interaction_list_model_set_filter (model, &filter);
  {
    guint position = crm_interaction_list_model_position_for_time (model, CRM_TEST_NOW - 101 * HOUR);
    g_autoptr(CrmInteraction) there = item_at (model, position);

    /* 100 h = i 50, plus the e-mail above it */
    g_assert_cmpuint (position, ==, 52);
    g_assert_cmpint (crm_interaction_get_occurred_at (there), ==, CRM_TEST_NOW - 102 * HOUR);
    g_assert_cmpuint (crm_interaction_list_model_position_for_time (model, 0), ==, 251);
  }

  /* inserts and deletes while open: the list follows the store */
  {
    gint64 newest = add (f, f->globex, CRM_TEST_NOW + HOUR, CRM_CHANNEL_CHAT, 0, "Just now");
    g_autoptr(CrmInteraction) top = item_at (model, 0);
    g_autoptr(CrmDeletedInteraction) gone = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 252);
    g_assert_cmpint (crm_interaction_get_id (top), ==, newest);
    gone = crm_store_delete_interaction (f->db->store, ids[0], NULL);
    g_assert_nonnull (gone);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 251);
    {
      g_autoptr(CrmInteraction) second = item_at (model, 1);

      g_assert_cmpint (crm_interaction_get_id (second), ==, ids[1]);
    }
  }
}

/* The per-day counts behind the timeline's count and date jumps follow every
 * insert, move and delete. */
static void
test_day_counts (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDeletedInteraction) deleted = NULL;
  gint64 a, b;

  a = add (f, f->acme, CRM_TEST_NOW - 3 * DAY, CRM_CHANNEL_PHONE, 0, "A");
  b = add (f, f->acme, CRM_TEST_NOW - 3 * DAY + 60, CRM_CHANNEL_PHONE, 0, "B");
  add (f, f->globex, CRM_TEST_NOW - DAY, CRM_CHANNEL_PHONE, 0, "C");
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT sum(n) FROM interaction_days"), ==, 3);
  g_assert_cmpint (query (f, "SELECT n FROM interaction_days WHERE day = %" G_GINT64_FORMAT,
                          (CRM_TEST_NOW - 3 * DAY) / DAY), ==, 2);

  /* moved to another day */
  g_assert_true (crm_store_load_interaction (f->db->store, b, &draft, &error));
  draft.occurred_at = CRM_TEST_NOW - 10 * DAY;
  g_assert_cmpint (crm_store_save_interaction (f->db->store, b, &draft, &error), ==, b);
  g_assert_cmpint (query (f, "SELECT n FROM interaction_days WHERE day = %" G_GINT64_FORMAT,
                          (CRM_TEST_NOW - 3 * DAY) / DAY), ==, 1);
  g_assert_cmpint (query (f, "SELECT n FROM interaction_days WHERE day = %" G_GINT64_FORMAT,
                          (CRM_TEST_NOW - 10 * DAY) / DAY), ==, 1);

  /* deleted, and back */
  deleted = crm_store_delete_interaction (f->db->store, a, &error);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT sum(n) FROM interaction_days"), ==, 2);
  g_assert_true (crm_store_restore_interaction (f->db->store, deleted, &error));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT sum(n) FROM interaction_days"), ==, 3);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM interactions"), ==, 3);
}

static guint
count_matching (CrmPagedModel *model,
                const char    *text)
{
  CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;
  CrmStore *store = crm_paged_model_get_store (model);
  sqlite3_stmt *stmt = crm_store_prepare (store, "SELECT count(*) FROM interactions"
                                                 " WHERE crm_match (?1, subject, summary, feedback)", NULL);
  guint n;

  filter.text = text;
  crm_interaction_list_model_set_filter (model, &filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* matching a row on its own text finds the same as the index */
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (!crm_interaction_list_model_get_too_broad (model))
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, n);
  else
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, CRM_INTERACTION_MAX_TEXT_MATCHES);
  sqlite3_reset (stmt);
  return n;
}

/* Words in the subject, summary and feedback, Latin and Chinese; a Chinese word
 * of two characters is found anywhere, a single character as a beginning. */
static void
test_text_search (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPagedModel) model = NULL;
  g_autoptr(CrmDeletedInteraction) deleted = NULL;
  gint64 renewal, quote, chinese;

  fill (&draft, f->acme, CRM_TEST_NOW - 3 * DAY, "Renewal discussion");
  draft.summary = g_strdup ("Talked about next year's VOLUME.");
  renewal = crm_store_save_interaction (f->db->store, 0, &draft, &error);
  fill (&draft, f->acme, CRM_TEST_NOW - 2 * DAY, "Quote sent");
  draft.feedback = g_strdup ("Thinks the price is too high");
  quote = crm_store_save_interaction (f->db->store, 0, &draft, &error);
  fill (&draft, f->globex, CRM_TEST_NOW - DAY, "季度回访：设备运行情况");
  draft.summary = g_strdup ("与吴蕾沟通了续约报价。");
  draft.feedback = g_strdup ("希望获得批量采购折扣");
  chinese = crm_store_save_interaction (f->db->store, 0, &draft, &error);
  g_assert_no_error (error);

  model = crm_interaction_list_model_new (f->db->store);
  g_assert_cmpuint (count_matching (model, "renewal"), ==, 1);
  g_assert_cmpuint (count_matching (model, "REN"), ==, 1);         /* a prefix, any case */
  g_assert_cmpuint (count_matching (model, "volume"), ==, 1);      /* in the summary */
  g_assert_cmpuint (count_matching (model, "price high"), ==, 1);  /* every word, in the feedback */
  g_assert_cmpuint (count_matching (model, "price renewal"), ==, 0);
  g_assert_cmpuint (count_matching (model, "吴蕾"), ==, 1);        /* a two-character name inside a sentence */
  g_assert_cmpuint (count_matching (model, "续约报价"), ==, 1);
  g_assert_cmpuint (count_matching (model, "报价续约"), ==, 0);    /* the characters in that order */
  g_assert_cmpuint (count_matching (model, "运行"), ==, 1);
  g_assert_cmpuint (count_matching (model, "折"), ==, 1);          /* one character: words beginning with it */
  g_assert_cmpuint (count_matching (model, "设备 折扣"), ==, 1);   /* subject and feedback */
  g_assert_cmpuint (count_matching (model, "nothing-like-this"), ==, 0);
  g_assert_cmpuint (count_matching (model, "\"\"*()"), ==, 3);   /* nothing searchable: everything */
  {
    g_autoptr(CrmInteraction) only = NULL;

    count_matching (model, "吴蕾");
    only = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpint (crm_interaction_get_id (only), ==, chinese);
  }

  g_assert_cmpuint (crm_interaction_list_model_get_too_broad (model), ==, 0);

  /* edits and deletions reach the index */
  crm_interaction_draft_clear (&draft);
  g_assert_true (crm_store_load_interaction (f->db->store, quote, &draft, &error));
  g_free (draft.subject);
  draft.subject = g_strdup ("Proposal sent");
  g_assert_cmpint (crm_store_save_interaction (f->db->store, quote, &draft, &error), ==, quote);
  g_assert_cmpuint (count_matching (model, "quote"), ==, 0);
  g_assert_cmpuint (count_matching (model, "proposal"), ==, 1);
  deleted = crm_store_delete_interaction (f->db->store, renewal, &error);
  g_assert_cmpuint (count_matching (model, "renewal"), ==, 0);
  g_assert_true (crm_store_restore_interaction (f->db->store, deleted, &error));
  g_assert_cmpuint (count_matching (model, "renewal"), ==, 1);
}

/* A word in more than 10,000 interactions: too broad alone (nothing listed,
 * said so), listed within one customer (each row asks the index), and the
 * list and "jump to date" agree with plain SQL. */
static void
test_broad_text_search (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CrmPagedModel) model = crm_interaction_list_model_new (f->db->store);
  CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;
  guint n_globex;

  /* 10,500 interactions mention the renewal: 10,000 of Acme, 500 of Globex,
   * every 3rd of Globex's with the word "renewal" */
  g_assert_true (crm_store_exec (f->db->store,
                                 "BEGIN;"
                                 "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 10000)"
                                 " INSERT INTO interactions (customer_id, occurred_at, channel, subject, created_at, updated_at)"
                                 " SELECT 1, 1700000000 + k * 60, 0, 'Renewal call ' || k, 0, 0 FROM n;"
                                 "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1500)"
                                 " INSERT INTO interactions (customer_id, occurred_at, channel, subject, created_at, updated_at)"
                                 " SELECT 2, 1700000030 + k * 600, k % 2, CASE WHEN k % 3 = 0 THEN 'Renewal visit' ELSE 'Visit' END,"
                                 " 0, 0 FROM n;"
                                 "COMMIT;",
                                 NULL));
  n_globex = (guint) query (f, "SELECT count(*) FROM interactions WHERE customer_id = 2 AND subject LIKE 'renewal%%'");
  g_assert_cmpuint (n_globex, ==, 500);

  g_assert_cmpuint (count_matching (model, "renewal"), ==, 0);
  g_assert_true (crm_interaction_list_model_get_too_broad (model));

  /* within Globex: listed newest first, each one a renewal */
  filter.text = "renewal";
  filter.customer_id = f->globex;
  crm_interaction_list_model_set_filter (model, &filter);
  g_assert_false (crm_interaction_list_model_get_too_broad (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_globex);
  for (guint i = 0; i < n_globex; i++)
    {
      g_autoptr(CrmInteraction) it = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (crm_interaction_get_customer_id (it), ==, f->globex);
      g_assert_nonnull (strstr (crm_interaction_get_subject (it), "Renewal"));
      if (i == 0)
        g_assert_cmpint (crm_interaction_get_occurred_at (it), ==, 1700000030 + 1500 * 600);
    }
  /* jump: the renewals after a time come before it */
  g_assert_cmpuint (crm_interaction_list_model_position_for_time (model, 1700000030 + 750 * 600), ==,
                    (guint) query (f, "SELECT count(*) FROM interactions WHERE customer_id = 2 AND subject LIKE 'renewal%%'"
                                      " AND occurred_at > %d", 1700000030 + 750 * 600));

  /* a second filter that keeps few rows works the same way */
  filter.channel = 1;
  crm_interaction_list_model_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    (guint) query (f, "SELECT count(*) FROM interactions WHERE customer_id = 2 AND subject LIKE 'renewal%%'"
                                      " AND channel = 1"));

  /* Acme alone has 10,000 renewals: too many rows for asking row by row */
  filter.channel = -1;
  filter.customer_id = f->acme;
  crm_interaction_list_model_set_filter (model, &filter);
  g_assert_true (crm_interaction_list_model_get_too_broad (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* a rarer word is listed from the index as before */
  g_assert_cmpuint (count_matching (model, "visit"), ==, 1500);
  g_assert_false (crm_interaction_list_model_get_too_broad (model));
}

static void
test_feedback_categories (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) categories = crm_store_list_feedback_categories (f->db->store);

  g_assert_cmpuint (categories->len, ==, 4);
  g_assert_cmpstr (((CrmFeedbackCategory *) categories->pdata[0])->name, ==, "Product-use problem");
  g_assert_cmpstr (((CrmFeedbackCategory *) categories->pdata[2])->name, ==, "Price objection");
}

/* The text is folded before it is split, as the search is: what folds into
 * other characters ("¼" into "1⁄4", "㍿" into "株式会社", half-width Katakana
 * into full-width) is found as typed and as it folds. */
static void
test_text_search_folded (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPagedModel) model = NULL;

  fill (&draft, f->acme, CRM_TEST_NOW - DAY, "¼ 吨样品, ㍿ ﾃｽﾄ, 5㌗");
  draft.summary = g_strdup ("Ｆｕｌｌ-width ÉCOLE");
  g_assert_cmpint (crm_store_save_interaction (f->db->store, 0, &draft, &error), >, 0);
  g_assert_no_error (error);

  model = crm_interaction_list_model_new (f->db->store);
  g_assert_cmpuint (count_matching (model, "¼"), ==, 1);
  g_assert_cmpuint (count_matching (model, "1/4"), ==, 1);
  g_assert_cmpuint (count_matching (model, "㍿"), ==, 1);
  g_assert_cmpuint (count_matching (model, "株式会社"), ==, 1);
  g_assert_cmpuint (count_matching (model, "式会"), ==, 1);
  g_assert_cmpuint (count_matching (model, "㌗"), ==, 1);
  g_assert_cmpuint (count_matching (model, "キロワット"), ==, 1);
  g_assert_cmpuint (count_matching (model, "ﾃｽﾄ"), ==, 1);
  g_assert_cmpuint (count_matching (model, "テスト"), ==, 1);
  g_assert_cmpuint (count_matching (model, "full width"), ==, 1);
  g_assert_cmpuint (count_matching (model, "école"), ==, 1);
  g_assert_cmpuint (count_matching (model, "样品"), ==, 1);
  g_assert_cmpuint (count_matching (model, "ワット株式"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/interactions/validate", test_validate);
  ADD ("/interactions/save-with-next-action", test_save_with_next_action);
  ADD ("/interactions/refused-writes-nothing", test_refused_writes_nothing);
  ADD ("/interactions/delete-and-undo", test_delete_and_undo);
  ADD ("/interactions/timeline-model", test_timeline_model);
  ADD ("/interactions/day-counts", test_day_counts);
  ADD ("/interactions/text-search", test_text_search);
  ADD ("/interactions/text-search-folded", test_text_search_folded);
  ADD ("/interactions/broad-text-search", test_broad_text_search);
  ADD ("/interactions/feedback-categories", test_feedback_categories);
#undef ADD

  return g_test_run ();
}
