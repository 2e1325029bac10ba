/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Agenda's model: follow-ups by planned time, filtered by period, owner,
 * state (with Overdue derived from now) and customer, in either order, paged
 * past the first page, and following changes in the store. */
#include "crm-agenda-model.h"
#include "crm-store-followups.h"
#include "crm-test-util.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

typedef struct {
  CrmTestDb     *db;
  CrmPagedModel *model;
} Fixture;

/* Acme (owner Wang Fang, 2) and Initech (owner Li Na, 1).  Around now:
 *   1 Acme    planned  now - 2 days   Wang Fang  (overdue)
 *   2 Acme    done     now - 1 day    Wang Fang  result "Went well"
 *   3 Initech skipped  now - 3 hours  Li Na
 *   4 Initech planned  now + 1 hour   Li Na      rule onboarding_call
 *   5 Acme    planned  now + 10 days  Wang Fang
 *   6 Initech planned  now - 1 hour   nobody     (overdue) */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sql = NULL;

  f->db = crm_test_db_new ();
  sql = g_strdup_printf ("INSERT INTO team_members (id, name, role, supervisor_id, is_self, created_at) VALUES"
                         " (1, 'Li Na', 0, NULL, 1, 0), (2, 'Wang Fang', 0, NULL, 0, 0);"
                         "INSERT INTO customers (id, code, name, sort_key, owner_id, do_not_contact,"
                         " created_at, updated_at) VALUES"
                         " (1, 'CS1', 'Acme', 'acme', 2, 0, 0, 0),"
                         " (2, 'CS2', 'Initech', 'initech', 1, 0, 0, 0);"
                         "INSERT INTO followups (id, customer_id, kind, item, status, planned_at, actual_at, result,"
                         " owner_id, rule_key, created_at, updated_at) VALUES"
                         " (1, 1, 0, 'Call back', 0, %1$" G_GINT64_FORMAT " - 2 * 86400, NULL, NULL, 2, NULL, 0, 0),"
                         " (2, 1, 1, 'Visit', 1, %1$" G_GINT64_FORMAT " - 86400, %1$" G_GINT64_FORMAT " - 80000,"
                         "  'Went well', 2, NULL, 0, 0),"
                         " (3, 2, 2, 'Mail the guide', 2, %1$" G_GINT64_FORMAT " - 3 * 3600, NULL, NULL, 1, NULL, 0, 0),"
                         " (4, 2, 0, 'First call', 0, %1$" G_GINT64_FORMAT " + 3600, NULL, NULL, 1,"
                         "  'onboarding_call', 0, 0),"
                         " (5, 1, 4, 'Review', 0, %1$" G_GINT64_FORMAT " + 10 * 86400, NULL, NULL, 2, NULL, 0, 0),"
                         " (6, 2, 5, 'Care', 0, %1$" G_GINT64_FORMAT " - 3600, NULL, NULL, NULL, NULL, 0, 0);",
                         CRM_TEST_NOW);
  g_assert_true (crm_store_exec (f->db->store, sql, NULL));
  f->model = crm_agenda_model_new (f->db->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->model);
  crm_test_db_free (f->db);
}

/* The ids in the list, "1 2 3" */
static char *
ids (Fixture *f)
{
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", crm_agenda_item_get_id (item));
    }
  return g_string_free (out, FALSE);
}

static char *
ids_for (Fixture               *f,
         const CrmAgendaFilter *filter)
{
  crm_agenda_model_set_filter (f->model, filter);
  return ids (f);
}

static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CrmAgendaItem) overdue = NULL;
  g_autoptr(CrmAgendaItem) done = NULL;
  g_autoptr(CrmAgendaItem) ruled = NULL;
  g_autoptr(CrmAgendaItem) nobody = NULL;
  g_autofree char *all = ids (f);

  /* everything, earliest planned first */
  g_assert_cmpstr (all, ==, "1 2 3 6 4 5");

  overdue = g_list_model_get_item (G_LIST_MODEL (f->model), 0);
  g_assert_cmpstr (crm_agenda_item_get_customer_code (overdue), ==, "CS1");
  g_assert_cmpstr (crm_agenda_item_get_customer_name (overdue), ==, "Acme");
  g_assert_cmpstr (crm_agenda_item_get_item (overdue), ==, "Call back");
  g_assert_cmpint (crm_agenda_item_get_kind (overdue), ==, CRM_FOLLOWUP_CALL);
  g_assert_cmpint (crm_agenda_item_get_status (overdue), ==, CRM_FOLLOWUP_PLANNED);
  g_assert_cmpint (crm_agenda_item_get_state (overdue), ==, CRM_FOLLOWUP_STATE_OVERDUE);
  g_assert_cmpint (crm_agenda_item_get_planned_at (overdue), ==, CRM_TEST_NOW - 2 * DAY);
  g_assert_cmpint (crm_agenda_item_get_actual_at (overdue), ==, 0);
  g_assert_cmpstr (crm_agenda_item_get_owner_name (overdue), ==, "Wang Fang");
  g_assert_cmpint (crm_agenda_item_get_owner_id (overdue), ==, 2);
  g_assert_null (crm_agenda_item_get_rule_key (overdue));

  done = g_list_model_get_item (G_LIST_MODEL (f->model), 1);
  g_assert_cmpint (crm_agenda_item_get_state (done), ==, CRM_FOLLOWUP_STATE_DONE);
  g_assert_cmpint (crm_agenda_item_get_actual_at (done), ==, CRM_TEST_NOW - 80000);
  g_assert_cmpstr (crm_agenda_item_get_result (done), ==, "Went well");

  ruled = g_list_model_get_item (G_LIST_MODEL (f->model), 4);
  g_assert_cmpint (crm_agenda_item_get_state (ruled), ==, CRM_FOLLOWUP_STATE_PLANNED);
  g_assert_cmpstr (crm_agenda_item_get_rule_key (ruled), ==, "onboarding_call");

  nobody = g_list_model_get_item (G_LIST_MODEL (f->model), 3);
  g_assert_null (crm_agenda_item_get_owner_name (nobody));
  g_assert_cmpint (crm_agenda_item_get_owner_id (nobody), ==, 0);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  struct {
    CrmAgendaFilter filter;
    const char     *expected;
  } cases[] = {
    { { 0, 0, 0, 0, CRM_AGENDA_STATE_ANY, TRUE }, "5 4 6 3 2 1" },
    { { 0, 0, 0, 0, CRM_AGENDA_STATE_OVERDUE, FALSE }, "1 6" },
    { { 0, 0, 0, 0, CRM_AGENDA_STATE_PLANNED, FALSE }, "4 5" },
    { { 0, 0, 0, 0, CRM_AGENDA_STATE_DONE, FALSE }, "2" },
    { { 0, 0, 0, 0, CRM_AGENDA_STATE_SKIPPED, FALSE }, "3" },
    { { 0, 0, 1, 0, CRM_AGENDA_STATE_ANY, FALSE }, "3 4" },
    { { 0, 0, 2, 0, CRM_AGENDA_STATE_OVERDUE, FALSE }, "1" },
    { { 0, 0, 0, 2, CRM_AGENDA_STATE_ANY, FALSE }, "3 6 4" },
    { { 0, 0, 0, 1, CRM_AGENDA_STATE_ANY, TRUE }, "5 2 1" },
    /* the period: from inclusive, until exclusive */
    { { CRM_TEST_NOW - DAY, CRM_TEST_NOW + 3600, 0, 0, CRM_AGENDA_STATE_ANY, FALSE }, "2 3 6" },
    { { CRM_TEST_NOW, CRM_TEST_NOW + 30 * DAY, 0, 0, CRM_AGENDA_STATE_ANY, FALSE }, "4 5" },
    { { CRM_TEST_NOW + 30 * DAY, 0, 0, 0, CRM_AGENDA_STATE_ANY, FALSE }, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ids_for (f, &cases[i].filter);
      CrmAgendaFilter kept;

      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, cases[i].expected);
      crm_agenda_model_get_filter (f->model, &kept);
      g_assert_cmpint (kept.state, ==, cases[i].filter.state);
      g_assert_cmpint (kept.descending, ==, cases[i].filter.descending);
    }
}

/* Completing, skipping and planning show at once; a next step joins the list */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  CrmAgendaFilter overdue = { 0, 0, 0, 0, CRM_AGENDA_STATE_OVERDUE, FALSE };
  g_auto(CrmFollowupResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *all = NULL;
  gint64 next_id = 0;

  before = ids_for (f, &overdue);
  g_assert_cmpstr (before, ==, "1 6");

  crm_followup_result_init (&result);
  result.result = g_strdup ("Reached them");
  result.actual_at = CRM_TEST_NOW;
  result.next_step = g_strdup ("Send the quote");
  result.next_kind = CRM_FOLLOWUP_EMAIL;
  result.next_planned_at = CRM_TEST_NOW + 2 * DAY;
  g_assert_true (crm_store_complete_followup (f->db->store, 1, &result, &next_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (next_id, >, 6);

  after = ids (f);
  g_assert_cmpstr (after, ==, "6");

  {
    CrmAgendaFilter any = CRM_AGENDA_FILTER_INIT;
    g_autofree char *expected = g_strdup_printf ("1 2 3 6 4 %" G_GINT64_FORMAT " 5", next_id);
    g_autoptr(CrmAgendaItem) next = NULL;

    all = ids_for (f, &any);
    g_assert_cmpstr (all, ==, expected);
    next = g_list_model_get_item (G_LIST_MODEL (f->model), 5);
    g_assert_cmpstr (crm_agenda_item_get_item (next), ==, "Send the quote");
    g_assert_cmpint (crm_agenda_item_get_kind (next), ==, CRM_FOLLOWUP_EMAIL);
    g_assert_cmpint (crm_agenda_item_get_state (next), ==, CRM_FOLLOWUP_STATE_PLANNED);
  }

  g_assert_true (crm_store_skip_followup (f->db->store, 6, "On holiday", &error));
  {
    g_autoptr(CrmAgendaItem) skipped = g_list_model_get_item (G_LIST_MODEL (f->model), 3);

    g_assert_cmpint (crm_agenda_item_get_id (skipped), ==, 6);
    g_assert_cmpint (crm_agenda_item_get_state (skipped), ==, CRM_FOLLOWUP_STATE_SKIPPED);
  }
}

/* Each key, both ways: a customer's or an owner's rows in planned order, the
 * not done, nobody's and what has no text last either way; text ignoring ASCII
 * case, rules by their titles (not their keys) */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  static const struct {
    CrmAgendaSort  sort;
    const char    *up;
    const char    *down;
  } cases[] = {
    { CRM_AGENDA_SORT_PLANNED, "1 2 3 6 4 5", "5 4 6 3 2 1" },
    { CRM_AGENDA_SORT_ACTUAL, "2 1 3 6 4 5", "2 5 4 6 3 1" },
    { CRM_AGENDA_SORT_CODE, "1 2 5 3 6 4", "4 6 3 5 2 1" },
    { CRM_AGENDA_SORT_CUSTOMER, "1 2 5 3 6 4", "4 6 3 5 2 1" },
    { CRM_AGENDA_SORT_STATE, "1 6 4 5 2 3", "3 2 5 4 6 1" },
    { CRM_AGENDA_SORT_OWNER, "3 4 1 2 5 6", "5 2 1 4 3 6" },
    { CRM_AGENDA_SORT_ITEM, "1 6 4 3 5 2", "2 5 3 4 6 1" },
    { CRM_AGENDA_SORT_RESULT, "2 1 3 6 4 5", "2 5 4 6 3 1" },
    { CRM_AGENDA_SORT_NEXT_STEP, "5 2 1 3 6 4", "2 5 4 6 3 1" },
    { CRM_AGENDA_SORT_RULE, "4 5 1 2 3 6", "1 5 4 6 3 2" },
  };

  /* next steps in both cases; "First phone call…" < "Follow-up call…" < "Thank-you note…" */
  g_assert_true (crm_store_exec (f->db->store,
                                 "UPDATE followups SET next_step = 'Send quote' WHERE id = 2;"
                                 "UPDATE followups SET next_step = 'call the boss' WHERE id = 5;"
                                 "UPDATE followups SET rule_key = 'complaint_followup' WHERE id = 5;"
                                 "UPDATE followups SET rule_key = 'onboarding_thanks' WHERE id = 1;",
                                 NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CrmAgendaFilter filter = CRM_AGENDA_FILTER_INIT;
      g_autofree char *up = NULL;
      g_autofree char *down = NULL;
      CrmAgendaFilter kept;

      filter.sort = cases[i].sort;
      up = ids_for (f, &filter);
      g_assert_cmpstr (up, ==, cases[i].up);
      filter.descending = TRUE;
      down = ids_for (f, &filter);
      g_assert_cmpstr (down, ==, cases[i].down);
      crm_agenda_model_get_filter (f->model, &kept);
      g_assert_cmpint (kept.sort, ==, cases[i].sort);
    }
}

/* Beyond the limit, code, customer and owner leave the list in planned order,
 * and the model says so; the indexed keys have no limit */
static void
test_sort_limit (Fixture       *f,
                 gconstpointer  data)
{
  CrmAgendaFilter filter = CRM_AGENDA_FILTER_INIT;
  g_autofree char *customer = NULL;
  g_autofree char *limited = NULL;
  g_autofree char *state = NULL;

  g_assert_cmpuint (crm_agenda_model_get_sort_limit (f->model), ==, CRM_AGENDA_SORT_LIMIT);
  filter.sort = CRM_AGENDA_SORT_CUSTOMER;
  crm_agenda_model_set_sort_limit (f->model, 6);
  customer = ids_for (f, &filter);
  g_assert_cmpstr (customer, ==, "1 2 5 3 6 4");
  g_assert_false (crm_agenda_model_is_sort_limited (f->model));

  crm_agenda_model_set_sort_limit (f->model, 5);
  limited = ids_for (f, &filter);
  g_assert_cmpstr (limited, ==, "1 2 3 6 4 5");
  g_assert_true (crm_agenda_model_is_sort_limited (f->model));
  /* free text and rules have no index either */
  for (CrmAgendaSort sort = CRM_AGENDA_SORT_ITEM; sort <= CRM_AGENDA_SORT_RULE; sort++)
    {
      g_autofree char *text = NULL;

      filter.sort = sort;
      text = ids_for (f, &filter);
      g_assert_cmpstr (text, ==, "1 2 3 6 4 5");
      g_assert_true (crm_agenda_model_is_sort_limited (f->model));
    }

  /* beyond the limit too, along the index */
  filter.sort = CRM_AGENDA_SORT_STATE;
  state = ids_for (f, &filter);
  g_assert_cmpstr (state, ==, "1 6 4 5 2 3");
  g_assert_false (crm_agenda_model_is_sort_limited (f->model));
  filter.sort = CRM_AGENDA_SORT_ACTUAL;
  filter.descending = TRUE;
  g_free (state);
  state = ids_for (f, &filter);
  g_assert_cmpstr (state, ==, "2 5 4 6 3 1");
  g_assert_false (crm_agenda_model_is_sort_limited (f->model));
}

/* Past the first page, in both orders, without gaps or repeats */
static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  CrmAgendaFilter filter = { 0, 0, 0, 1, CRM_AGENDA_STATE_PLANNED, FALSE };
  guint n;

  /* 250 planned for Acme, some at the same time (the id breaks ties) */
  g_assert_true (crm_store_exec (f->db->store,
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)"
                                 " INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id,"
                                 "  created_at, updated_at)"
                                 " SELECT 1, 0, 'Call ' || i, 0, 1795140000 + 3600 * (i / 3), 2, 0, 0 FROM n;",
                                 NULL));
  for (int descending = 0; descending <= 1; descending++)
    {
      gint64 last_at = descending ? G_MAXINT64 : 0, last_id = descending ? G_MAXINT64 : 0;

      filter.descending = descending;
      crm_agenda_model_set_filter (f->model, &filter);
      n = g_list_model_get_n_items (G_LIST_MODEL (f->model));
      /* 250 and number 5; now + 0 h ones are not overdue */
      g_assert_cmpuint (n, ==, 251);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrmAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (f->model), i);
          gint64 planned = crm_agenda_item_get_planned_at (item);
          gint64 id = crm_agenda_item_get_id (item);

          if (descending)
            g_assert_true (planned < last_at || (planned == last_at && id < last_id));
          else
            g_assert_true (planned > last_at || (planned == last_at && id > last_id));
          last_at = planned;
          last_id = id;
        }
    }

  /* by the other keys too, page after page as SQL sorts them */
  for (CrmAgendaSort sort = CRM_AGENDA_SORT_ACTUAL; sort < CRM_N_AGENDA_SORTS; sort++)
    for (int descending = 0; descending <= 1; descending++)
      {
        /* none is done and all are planned: those two sort by planned time alone */
        static const char * const first[] = {
          [CRM_AGENDA_SORT_ACTUAL] = "NULL",
          [CRM_AGENDA_SORT_CODE] = "c.code",
          [CRM_AGENDA_SORT_CUSTOMER] = "c.sort_key",
          [CRM_AGENDA_SORT_STATE] = "NULL",
          [CRM_AGENDA_SORT_OWNER] = "m.name",
          [CRM_AGENDA_SORT_ITEM] = "lower(f.item)",
          [CRM_AGENDA_SORT_RESULT] = "NULL",
          [CRM_AGENDA_SORT_NEXT_STEP] = "NULL",
          [CRM_AGENDA_SORT_RULE] = "NULL",
        };
        const char *dir = descending ? "DESC" : "ASC";
        g_autofree char *expected = crm_test_query_textf (f->db->store,
            "SELECT group_concat(id, ' ') FROM (SELECT f.id FROM followups f JOIN customers c ON c.id = f.customer_id"
            " LEFT JOIN team_members m ON m.id = f.owner_id"
            " WHERE f.customer_id = 1 AND f.status = 0 AND f.planned_at >= %" G_GINT64_FORMAT
            " ORDER BY %s %s, f.planned_at %s, f.id %s)", (gint64) CRM_TEST_NOW, first[sort], dir, dir, dir);
        g_autofree char *got = NULL;

        filter.sort = sort;
        filter.descending = descending;
        got = ids_for (f, &filter);
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 251);
        g_assert_cmpstr (got, ==, expected);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/agenda/items", Fixture, NULL, fixture_set_up, test_items, fixture_tear_down);
  g_test_add ("/agenda/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/agenda/follows-changes", Fixture, NULL, fixture_set_up, test_follows_changes, fixture_tear_down);
  g_test_add ("/agenda/paging", Fixture, NULL, fixture_set_up, test_paging, fixture_tear_down);
  g_test_add ("/agenda/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/agenda/sort-limit", Fixture, NULL, fixture_set_up, test_sort_limit, fixture_tear_down);

  return g_test_run ();
}
