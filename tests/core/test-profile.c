/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-demo.h"
#include "crm-profile.h"
#include "crm-test-util.h"

static void
test_sections (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProfile) p = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  g_assert_true (crm_demo_generate (db->store, 60, 3, CRM_DEMO_LANGUAGE_CHINESE, NULL, NULL, NULL, &error));

  /* the customer with the most going on: open tickets and overdue follow-ups */
  id = crm_test_query_int (db->store,
                           "SELECT c.id FROM customers c"
                           " WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND t.status < 3)"
                           "   AND EXISTS (SELECT 1 FROM followups f WHERE f.customer_id = c.id AND f.status = 0"
                           "               AND f.planned_at < 1795140000)"
                           " ORDER BY (SELECT count(*) FROM interactions i WHERE i.customer_id = c.id) DESC LIMIT 1");
  g_assert_cmpint (id, >, 0);

  p = crm_store_load_profile (db->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);

  sql = g_strdup_printf ("SELECT code FROM customers WHERE id = %" G_GINT64_FORMAT, id);
  {
    g_autofree char *code = crm_test_query_text (db->store, sql);

    g_assert_cmpstr (p->code, ==, code);
  }

  /* contacts: every one, the primary first */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM contacts WHERE customer_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpuint (p->contacts->len, ==, crm_test_query_int (db->store, sql));
  g_assert_true (((CrmProfileContact *) p->contacts->pdata[0])->primary);

  /* recent interactions: at most 10, newest first, none in the future */
  g_assert_cmpuint (p->interactions->len, <=, CRM_PROFILE_RECENT_INTERACTIONS);
  g_assert_cmpuint (p->interactions->len, >, 0);
  for (guint i = 0; i < p->interactions->len; i++)
    {
      CrmProfileInteraction *it = p->interactions->pdata[i];

      g_assert_cmpint (it->occurred_at, <=, CRM_TEST_NOW);
      if (i > 0)
        g_assert_cmpint (((CrmProfileInteraction *) p->interactions->pdata[i - 1])->occurred_at, >=, it->occurred_at);
    }
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM interactions WHERE customer_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (p->n_interactions, ==, crm_test_query_int (db->store, sql));

  /* open tickets only, most urgent level first */
  g_assert_cmpuint (p->open_tickets->len, >, 0);
  for (guint i = 0; i < p->open_tickets->len; i++)
    {
      CrmProfileTicket *t = p->open_tickets->pdata[i];

      g_assert_cmpint (t->status, <, CRM_TICKET_RESOLVED);
      if (i > 0)
        g_assert_cmpint (((CrmProfileTicket *) p->open_tickets->pdata[i - 1])->level, <=, t->level);
    }

  /* follow-ups split at "now" */
  g_assert_cmpuint (p->overdue_followups->len, >, 0);
  for (guint i = 0; i < p->overdue_followups->len; i++)
    g_assert_cmpint (((CrmProfileFollowup *) p->overdue_followups->pdata[i])->planned_at, <, CRM_TEST_NOW);
  for (guint i = 0; i < p->upcoming_followups->len; i++)
    g_assert_cmpint (((CrmProfileFollowup *) p->upcoming_followups->pdata[i])->planned_at, >=, CRM_TEST_NOW);

  /* purchases: the summary covers all of them, the list the latest */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT total(amount_cents) FROM purchases WHERE customer_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (p->purchases_total_cents, ==, crm_test_query_int (db->store, sql));
  g_assert_cmpuint (p->purchases->len, <=, 10);
  g_assert_cmpuint (p->purchases->len, <=, p->n_purchases);
  g_assert_nonnull (p->tags);

  /* history: every kind merged, newest first, nothing in the future */
  {
    gboolean kinds[5] = { FALSE };
    g_autofree char *newest_sql = g_strdup_printf ("SELECT max(at) FROM (SELECT max(occurred_at) AS at FROM interactions"
                                                   " WHERE customer_id = %" G_GINT64_FORMAT " AND occurred_at <= %"
                                                   G_GINT64_FORMAT " UNION ALL SELECT max(e.at) FROM ticket_events e"
                                                   " JOIN tickets t ON t.id = e.ticket_id WHERE t.customer_id = %"
                                                   G_GINT64_FORMAT " AND e.at <= %" G_GINT64_FORMAT ")",
                                                   id, CRM_TEST_NOW, id, CRM_TEST_NOW);

    g_assert_cmpuint (p->history->len, ==, CRM_PROFILE_HISTORY + 1);
    for (guint i = 0; i < p->history->len; i++)
      {
        CrmProfileEvent *e = p->history->pdata[i];

        kinds[e->kind] = TRUE;
        g_assert_cmpint (e->at, <=, CRM_TEST_NOW);
        if (i > 0)
          g_assert_cmpint (((CrmProfileEvent *) p->history->pdata[i - 1])->at, >=, e->at);
      }
    g_assert_true (kinds[CRM_PROFILE_EVENT_INTERACTION]);
    g_assert_true (kinds[CRM_PROFILE_EVENT_TICKET]);
    g_assert_cmpint (((CrmProfileEvent *) p->history->pdata[0])->at, >=, crm_test_query_int (db->store, newest_sql));
  }

  /* the whole history page by page (7 at a time): the first page is the
   * profile's, keys strictly decrease, nothing repeats or goes missing */
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (crm_profile_event_free);
    g_autofree char *count_sql = g_strdup_printf ("SELECT (SELECT count(*) FROM interactions WHERE customer_id = %1$" G_GINT64_FORMAT
                                                  "   AND occurred_at <= %2$" G_GINT64_FORMAT ")"
                                                  " + (SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id"
                                                  "    WHERE t.customer_id = %1$" G_GINT64_FORMAT " AND e.at <= %2$" G_GINT64_FORMAT ")"
                                                  " + (SELECT count(*) FROM followups WHERE customer_id = %1$" G_GINT64_FORMAT " AND status = 1)"
                                                  " + (SELECT count(*) FROM surveys WHERE customer_id = %1$" G_GINT64_FORMAT
                                                  "    AND taken_at <= %2$" G_GINT64_FORMAT ")"
                                                  " + (SELECT count(*) FROM profile_changes WHERE customer_id = %1$" G_GINT64_FORMAT ")",
                                                  id, CRM_TEST_NOW);
    guint pages = 0;

    for (;;)
      {
        const CrmProfileEvent *last = all->len > 0 ? all->pdata[all->len - 1] : NULL;
        guint before = all->len;

        g_assert_true (crm_profile_load_history (db->store, id, last, 7, all, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (all->len - before, <=, 7);
        pages++;
        if (all->len - before < 7)
          break;
      }
    g_assert_cmpint (all->len, ==, crm_test_query_int (db->store, count_sql));
    g_assert_cmpuint (pages, >, 2);
    for (guint i = 0; i < p->history->len; i++)
      {
        CrmProfileEvent *a = p->history->pdata[i], *b = all->pdata[i];

        g_assert_cmpint (a->kind, ==, b->kind);
        g_assert_cmpint (a->id, ==, b->id);
      }
    for (guint i = 1; i < all->len; i++)
      {
        CrmProfileEvent *a = all->pdata[i - 1], *b = all->pdata[i];

        g_assert_true (a->at > b->at || (a->at == b->at && (a->kind > b->kind || (a->kind == b->kind && a->id > b->id))));
      }
  }
}

static void
test_empty_customer (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProfile) p = NULL;

  g_assert_true (crm_store_exec (db->store,
                                 "INSERT INTO customers (code, name, sort_key, created_at, updated_at)"
                                 " VALUES ('CS2026001', 'Lonely Ltd', 'lonely ltd', 0, 0)", &error));
  p = crm_store_load_profile (db->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p->name, ==, "Lonely Ltd");
  g_assert_false (p->has_needs);
  g_assert_cmpint (p->price_sensitivity, ==, -1);
  g_assert_cmpint (p->staff_count, ==, -1);
  g_assert_cmpuint (p->contacts->len, ==, 0);
  g_assert_cmpuint (p->interactions->len, ==, 0);
  g_assert_cmpint (p->n_purchases, ==, 0);
  g_assert_cmpint (p->last_purchase_at, ==, 0);
  g_assert_cmpuint (g_strv_length (p->tags), ==, 0);
}

static void
test_missing (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  CrmProfile *p = crm_store_load_profile (db->store, 42, &error);

  g_assert_null (p);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/profile/sections", test_sections);
  g_test_add_func ("/profile/empty-customer", test_empty_customer);
  g_test_add_func ("/profile/missing", test_missing);
  return g_test_run ();
}
