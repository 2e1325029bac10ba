/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The benchmark: opens a database through the real code paths (CrmStore, the list
 * models the views use) and prints, per operation, the median and p95 of repeated
 * runs as one JSON object per line, then a table.
 *
 *   rapport-bench --database FILE [--runs N] [--rapport PATH --bare PATH] [--fail-over FACTOR]
 *                 [--import-rows N]
 *
 * With --fail-over, exits 1 if a median exceeds FACTOR × its target (CI uses 10:
 * gross regressions only, never noise). */
#define G_LOG_DOMAIN "rapport-bench"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "crm-agenda-model.h"
#include "crm-backup.h"
#include "crm-calendar.h"
#include "crm-customer-list-model.h"
#include "crm-health.h"
#include "crm-import-csv.h"
#include "crm-playbook.h"
#include "crm-interaction-list-model.h"
#include "crm-store-interactions.h"
#include "crm-profile.h"
#include "crm-search.h"
#include "crm-store-customers.h"
#include "crm-store-tickets.h"
#include "crm-ticket-list-model.h"

typedef struct {
  char   *metric;
  double  median;
  double  p95;
  double  target;
  char   *note;      /* set when the operation could not be measured */
  char   *unit;      /* "ms" unless a ratio or memory */
} Result;

static GArray *results;
static int runs = 20;

static void
result_clear (gpointer data)
{
  Result *r = data;

  g_free (r->metric);
  g_free (r->note);
  g_free (r->unit);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
add_result (const char *metric,
            GArray     *samples,
            double      target)
{
  Result r = { g_strdup (metric), NAN, NAN, target, NULL, g_strdup ("ms") };

  g_array_sort (samples, compare_doubles);
  if (samples->len > 0)
    {
      r.median = g_array_index (samples, double, samples->len / 2);
      r.p95 = g_array_index (samples, double, MIN (samples->len - 1, (guint) ceil (samples->len * 0.95) - 1));
    }
  g_array_append_val (results, r);
}

static void
add_missing (const char *metric,
             double      target,
             const char *why)
{
  Result r = { g_strdup (metric), NAN, NAN, target, g_strdup (why), g_strdup ("ms") };

  g_array_append_val (results, r);
}

static void
add_value (const char *metric,
           double      value,
           double      target,
           const char *unit,
           const char *note)
{
  Result r = { g_strdup (metric), value, value, target, g_strdup (note), g_strdup (unit) };

  g_array_append_val (results, r);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* What a view does when it shows a list: count, then fetch the visible rows. */
static void
touch_rows (GListModel *model,
            guint       first,
            guint       n)
{
  guint total = g_list_model_get_n_items (model);

  for (guint i = first; i < first + n && i < total; i++)
    {
      GObject *item = g_list_model_get_item (model, i);

      if (item == NULL)
        g_error ("No item at %u of %u", i, total);
      g_object_unref (item);
    }
}

#define VISIBLE_ROWS 30

static void
bench_open (const char *path,
            CrmClock   *clock)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CrmStore) store = crm_store_open (path, clock, &error);
      g_autoptr(CrmPagedModel) model = NULL;
      double ms;

      if (store == NULL)
        g_error ("%s", error->message);
      model = crm_customer_list_model_new (store);
      touch_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
      ms = ms_since (start);
      g_array_append_val (samples, ms);
    }

  add_result ("open the database and show the first page of Customers", samples, 50);
}

/* Types @word one character at a time, as a person does in the search field. */
static void
bench_typing (CrmStore   *store,
              const char *metric,
              const char *word,
              guint       first_prefix_chars)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CrmPagedModel) model = crm_customer_list_model_new (store);
  glong n_chars;

  if (word == NULL)
    {
      add_missing (metric, 16, "no such data in this database");
      return;
    }
  n_chars = g_utf8_strlen (word, -1);

  for (int run = 0; run < MAX (1, runs / 4); run++)
    for (glong len = first_prefix_chars; len <= n_chars; len++)
      {
        g_autofree char *prefix = g_utf8_substring (word, 0, len);
        CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;
        gint64 start;
        double ms;

        filter.search = prefix;
        start = g_get_monotonic_time ();
        crm_customer_list_model_set_filter (model, &filter);
        touch_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
        ms = ms_since (start);
        g_array_append_val (samples, ms);
        if (g_getenv ("RAPPORT_BENCH_VERBOSE") != NULL)
          g_printerr ("  %-12s %8.2f ms  %u rows%s\n", prefix, ms, g_list_model_get_n_items (G_LIST_MODEL (model)),
                      crm_paged_model_is_truncated (model) ? " (first ones)" : "");
      }

  add_result (metric, samples, 16);
}

static char *
query_text (CrmStore   *store,
            const char *sql)
{
  sqlite3_stmt *stmt = crm_store_prepare (store, sql, NULL);
  char *text = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return text;
}

static void
bench_scrolling (CrmStore *store)
{
  g_autoptr(GArray) jumps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CrmPagedModel) model = crm_customer_list_model_new (store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  GRand *rand = g_rand_new_with_seed (42);

  for (int i = 0; i < runs && n > 0; i++)
    {
      guint position = g_rand_int_range (rand, 0, (gint32) n);
      gint64 start;
      double ms;

      crm_paged_model_reload (model);   /* nothing cached: a scroll-bar drag to anywhere */
      start = g_get_monotonic_time ();
      touch_rows (G_LIST_MODEL (model), position, VISIBLE_ROWS);
      ms = ms_since (start);
      g_array_append_val (jumps, ms);

      /* then scrolling on into the next page */
      position = (position / CRM_PAGED_MODEL_PAGE_SIZE + 1) * CRM_PAGED_MODEL_PAGE_SIZE;
      start = g_get_monotonic_time ();
      touch_rows (G_LIST_MODEL (model), position, VISIBLE_ROWS);
      ms = ms_since (start);
      g_array_append_val (pages, ms);
    }
  g_rand_free (rand);

  add_result ("Customers: jump anywhere with the scroll bar", jumps, 16);
  add_result ("Customers: scroll into the next page", pages, 16);
}

/* What the profile page does: every section, and the health score explained. */
static void
bench_profile (CrmStore *store,
               gint64    n_customers)
{
  g_autoptr(GArray) profiles = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) health = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (7);

  for (int i = 0; i < runs * 5 && n_customers > 0; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, (gint32) n_customers + 1);
      g_auto(CrmHealthReport) report = { 0 };
      g_autoptr(CrmProfile) profile = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      profile = crm_store_load_profile (store, id, NULL);
      crm_health_compute (store, id, &report, NULL);
      g_array_unref (crm_health_get_trend (store, id, 12));
      ms = ms_since (start);
      g_array_append_val (profiles, ms);

      crm_health_report_clear (&report);
      start = g_get_monotonic_time ();
      crm_health_compute (store, id, &report, NULL);
      ms = ms_since (start);
      g_array_append_val (health, ms);
    }
  g_rand_free (rand);

  add_result ("load a customer profile's data (all sections)", profiles, 30);
  add_result ("health score for one customer", health, 5);
}

static double
current_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : NAN;
}

/* The Timeline: first page, a filter change, a jump to a date, and memory while
 * scrolling through 100,000 rows. */
static void
bench_timeline (CrmStore *store)
{
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filters = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) jumps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CrmPagedModel) model = NULL;
  GRand *rand = g_rand_new_with_seed (11);
  gint64 now = crm_store_now (store);
  guint n;
  double rss_before, rss_after;
  g_autofree char *note = NULL;

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_clear_object (&model);
      model = crm_interaction_list_model_new (store);
      touch_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
      ms = ms_since (start);
      g_array_append_val (first, ms);
    }

  for (int i = 0; i < runs; i++)
    {
      CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;
      gint64 start;
      double ms;

      /* one of: a channel, a satisfaction score, the last 30 days, a channel in the last year */
      switch (i % 4)
        {
        case 0: filter.channel = g_rand_int_range (rand, 0, CRM_N_CHANNELS); break;
        case 1: filter.satisfaction = g_rand_int_range (rand, 1, 6); break;
        case 2: filter.from = now - 30 * 86400; break;
        default:
          filter.channel = g_rand_int_range (rand, 0, CRM_N_CHANNELS);
          filter.from = now - 365 * 86400;
          break;
        }
      start = g_get_monotonic_time ();
      crm_interaction_list_model_set_filter (model, &filter);
      touch_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
      ms = ms_since (start);
      g_array_append_val (filters, ms);
    }

  {
    CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;

    crm_interaction_list_model_set_filter (model, &filter);
  }
  for (int i = 0; i < runs; i++)
    {
      gint64 when = now - g_rand_int_range (rand, 1, 730) * (gint64) 86400;
      gint64 start = g_get_monotonic_time ();
      guint position = crm_interaction_list_model_position_for_time (model, when);
      double ms;

      touch_rows (G_LIST_MODEL (model), position, VISIBLE_ROWS);
      ms = ms_since (start);
      g_array_append_val (jumps, ms);
    }
  g_rand_free (rand);

  /* typing a word of a subject, a character at a time */
  {
    g_autoptr(GArray) typing = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *word = query_text (store, "SELECT subject FROM interactions WHERE id = 12345");
    glong n_chars = word != NULL ? MIN (4, g_utf8_strlen (word, -1)) : 0;

    for (int run = 0; run < MAX (1, runs / 4); run++)
      for (glong len = 1; len <= n_chars; len++)
        {
          g_autofree char *prefix = g_utf8_substring (word, 0, len);
          CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;
          gint64 start;
          double ms;

          filter.text = prefix;
          start = g_get_monotonic_time ();
          crm_interaction_list_model_set_filter (model, &filter);
          touch_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
          ms = ms_since (start);
          g_array_append_val (typing, ms);
          if (g_getenv ("RAPPORT_BENCH_VERBOSE") != NULL)
            g_printerr ("  %-12s %8.2f ms  %u rows\n", prefix, ms, g_list_model_get_n_items (G_LIST_MODEL (model)));
        }
    {
      CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;

      crm_interaction_list_model_set_filter (model, &filter);
    }
    add_result ("timeline: text search per keystroke", typing, 50);
  }

  /* the same word within one customer's history (the profile's "See all"):
   * too common for the index, matched row by row */
  {
    g_autoptr(GArray) typing = g_array_new (FALSE, FALSE, sizeof (double));
    g_autofree char *word = query_text (store, "SELECT subject FROM interactions WHERE id = 12345");
    g_autofree char *customer_text = query_text (store, "SELECT customer_id FROM interactions WHERE id = 12345");
    gint64 customer = customer_text != NULL ? g_ascii_strtoll (customer_text, NULL, 10) : 0;
    glong n_chars = word != NULL ? MIN (4, g_utf8_strlen (word, -1)) : 0;

    for (int run = 0; run < MAX (1, runs / 4); run++)
      for (glong len = 1; len <= n_chars; len++)
        {
          g_autofree char *prefix = g_utf8_substring (word, 0, len);
          CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;
          gint64 start;
          double ms;

          filter.text = prefix;
          filter.customer_id = customer;
          start = g_get_monotonic_time ();
          crm_interaction_list_model_set_filter (model, &filter);
          touch_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
          ms = ms_since (start);
          g_array_append_val (typing, ms);
          if (g_getenv ("RAPPORT_BENCH_VERBOSE") != NULL)
            g_printerr ("  %-12s %8.2f ms  %u rows (one customer)\n", prefix, ms,
                        g_list_model_get_n_items (G_LIST_MODEL (model)));
        }
    {
      CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;

      crm_interaction_list_model_set_filter (model, &filter);
    }
    add_result ("timeline: text search within one customer", typing, 50);
  }

  add_result ("timeline: first page", first, 20);
  add_result ("timeline: filter change", filters, 50);
  add_result ("timeline: jump to a date", jumps, 50);

  /* scrolling down through 100,000 rows keeps a bounded number of pages */
  n = MIN (100000, g_list_model_get_n_items (G_LIST_MODEL (model)));
  touch_rows (G_LIST_MODEL (model), 0, MIN (n, 2000));
  rss_before = current_rss_mb ();
  touch_rows (G_LIST_MODEL (model), 0, n);
  rss_after = current_rss_mb ();
  note = g_strdup_printf ("RSS %.1f MB after 2,000 rows, %.1f MB after %u; %u pages cached",
                          rss_before, rss_after, n, crm_paged_model_get_n_cached_pages (model));
  add_value ("timeline: memory growth scrolling 100,000 rows", rss_after - rss_before, 10, "MB", note);
}

/* The ticket board: its five columns (most of 200,000 tickets closed), each
 * counted and its first cards read; then cards moved to Waiting on Customer
 * and back with the board open (each move one committed transaction, the
 * columns reloading on the change signal).  The moved tickets are put back
 * exactly as they were afterwards, not timed. */
static void
bench_ticket_board (CrmStore *store)
{
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (double));
  CrmPagedModel *board[CRM_N_TICKET_STATUSES] = { NULL };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      for (int s = 0; s < CRM_N_TICKET_STATUSES; s++)
        {
          g_clear_object (&board[s]);
          board[s] = crm_ticket_list_model_new (store, (CrmTicketStatus) s);
          touch_rows (G_LIST_MODEL (board[s]), 0, VISIBLE_ROWS);
        }
      ms = ms_since (start);
      g_array_append_val (opens, ms);
    }
  add_result ("ticket board: open (5 columns, counts, first cards)", opens, 100);

  stmt = crm_store_prepare (store, "SELECT id FROM tickets WHERE status = 1 ORDER BY next_due, id LIMIT ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, MAX (1, runs / 2));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *save = g_strdup_printf ("CREATE TEMP TABLE bench_ticket AS SELECT * FROM tickets"
                                               " WHERE id = %" G_GINT64_FORMAT ";"
                                               "CREATE TEMP TABLE bench_events AS SELECT max(id) AS last"
                                               " FROM ticket_events", id);
      g_autofree char *restore = g_strdup_printf (
        "DELETE FROM ticket_events WHERE ticket_id = %" G_GINT64_FORMAT
        " AND id > (SELECT last FROM temp.bench_events);"
        "UPDATE tickets SET (status, resolved_at, closed_at, confirmed_at, paused_since, paused_seconds, breached,"
        " escalated_at, response_due, resolution_due, response_risk_at, resolution_risk_at, next_due, updated_at) ="
        " (SELECT status, resolved_at, closed_at, confirmed_at, paused_since, paused_seconds, breached,"
        " escalated_at, response_due, resolution_due, response_risk_at, resolution_risk_at, next_due, updated_at"
        " FROM temp.bench_ticket) WHERE id = %" G_GINT64_FORMAT ";"
        "DROP TABLE temp.bench_ticket; DROP TABLE temp.bench_events;", id, id);
      const CrmTicketStatus there_and_back[] = { CRM_TICKET_WAITING, CRM_TICKET_IN_PROGRESS };
      g_autoptr(GError) error = NULL;

      if (!crm_store_exec (store, save, &error))
        g_error ("%s", error->message);
      for (guint k = 0; k < G_N_ELEMENTS (there_and_back); k++)
        {
          gint64 start = g_get_monotonic_time ();
          double ms;

          if (!crm_store_move_ticket (store, id, there_and_back[k], NULL, &error))
            g_error ("move failed: %s", error->message);
          ms = ms_since (start);
          g_array_append_val (moves, ms);
          touch_rows (G_LIST_MODEL (board[there_and_back[k]]), 0, VISIBLE_ROWS);
        }
      if (!crm_store_exec (store, "BEGIN IMMEDIATE", &error) ||
          !crm_store_exec (store, restore, &error) ||
          !crm_store_exec (store, "COMMIT", &error))
        g_error ("could not put ticket %" G_GINT64_FORMAT " back: %s", id, error->message);
    }
  if (ids->len == 0)
    add_missing ("ticket board: move a card", 10, "no ticket in progress in this database");
  else
    add_result ("ticket board: move a card (board open)", moves, 10);

  for (int s = 0; s < CRM_N_TICKET_STATUSES; s++)
    g_clear_object (&board[s]);
}

/* The Agenda's first page: this week, everyone, then overdue only, then one
 * owner's next 30 days (the view's filters), each a new filter and its first
 * screen of rows. */
static void
bench_agenda (CrmStore *store)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CrmPagedModel) model = crm_agenda_model_new (store);
  gint64 now = crm_store_now (store);
  gint64 owner = 0;

  {
    g_autofree char *text = query_text (store, "SELECT owner_id FROM followups WHERE owner_id IS NOT NULL LIMIT 1");

    owner = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
  }
  for (int i = 0; i < runs; i++)
    {
      CrmAgendaFilter filter = CRM_AGENDA_FILTER_INIT;
      gint64 start;
      double ms;

      switch (i % 3)
        {
        case 0: filter.from = now - 3 * 86400; filter.until = now + 4 * 86400; break;
        case 1: filter.state = CRM_AGENDA_STATE_OVERDUE; break;
        default: filter.owner_id = owner; filter.from = now; filter.until = now + 30 * 86400; break;
        }
      start = g_get_monotonic_time ();
      crm_agenda_model_set_filter (model, &filter);
      touch_rows (G_LIST_MODEL (model), 0, VISIBLE_ROWS);
      ms = ms_since (start);
      g_array_append_val (pages, ms);
    }
  add_result ("calendar: agenda first page (a new filter)", pages, 20);
}

/* A month of the calendar's data (the 6 weeks a month grid shows, 4 entries a
 * day with the day's counts), for a random month of the last two years. */
static void
bench_calendar (CrmStore *store)
{
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (17);
  gint64 now = crm_store_now (store);
  guint items = 0;

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (now - g_rand_int_range (rand, 0, 730) * (gint64) 86400);
      g_autoptr(GPtrArray) days = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      days = crm_calendar_load (store, first, 42, 4, NULL, NULL);
      ms = ms_since (start);
      g_array_append_val (months, ms);
      for (guint d = 0; days != NULL && d < days->len; d++)
        items += ((CrmCalendarCell *) days->pdata[d])->n_followups;
    }
  g_rand_free (rand);
  add_result ("calendar: a month's data (42 days, 4 a day, with counts)", months, 50);
  g_free (g_array_index (results, Result, results->len - 1).note);
  g_array_index (results, Result, results->len - 1).note =
    g_strdup_printf ("%u follow-ups in 6 weeks on average", runs > 0 ? items / runs : 0);
}

/* Logging an interaction with its next action: one transaction, committed. The
 * rows are removed again afterwards (not timed), so the database stays as it was. */
static void
bench_save_interaction (CrmStore *store,
                        gint64    n_customers)
{
  g_autoptr(GArray) saves = g_array_new (FALSE, FALSE, sizeof (double));
  GRand *rand = g_rand_new_with_seed (13);
  gint64 now = crm_store_now (store);

  for (int i = 0; i < runs && n_customers > 0; i++)
    {
      g_auto(CrmInteractionDraft) draft = { 0 };
      g_autoptr(GError) error = NULL;
      gint64 start, id;
      double ms;

      crm_interaction_draft_init (&draft);
      draft.customer_id = g_rand_int_range (rand, 1, (gint32) n_customers + 1);
      draft.occurred_at = now - 600;
      draft.subject = g_strdup ("Benchmark call");
      draft.summary = g_strdup ("Talked about the renewal.");
      draft.next_action = g_strdup ("Send the quote");
      draft.next_action_due = now + 2 * 86400;

      start = g_get_monotonic_time ();
      id = crm_store_save_interaction (store, 0, &draft, &error);
      ms = ms_since (start);
      if (id == 0)
        {
          g_printerr ("save failed: %s\n", error->message);
          continue;
        }
      g_array_append_val (saves, ms);
      crm_deleted_interaction_free (crm_store_delete_interaction (store, id, NULL));
    }
  g_rand_free (rand);

  add_result ("save an interaction with its follow-up", saves, 10);
}

static gint64
page_through_everything (CrmStore *store)
{
  g_autoptr(CrmPagedModel) model = crm_customer_list_model_new (store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  touch_rows (G_LIST_MODEL (model), 0, n);
  return n;
}

static double
peak_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : NAN;
}

static double
time_to_first_frame (const char *program,
                     const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { program, database ? "--database" : NULL, database, NULL };
  const char *mark;
  gint64 start;
  int status;

  env = g_environ_setenv (env, "RAPPORT_BENCH_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", "cairo", FALSE);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error))
    return NAN;
  mark = out != NULL ? strstr (out, "first-frame ") : NULL;
  if (mark == NULL)
    return NAN;
  return (g_ascii_strtoll (mark + 12, NULL, 10) - start) / 1000.0;
}

/* Opens profiles in the real window: main-thread time from the call to the end of
 * the frame that shows the first screen of the profile. */
/* A database file and what SQLite keeps beside it */
static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Every playbook rule over every customer, as the window's first run of the
 * day does, on a copy of the database (the run adds follow-ups): made with the
 * backup API, so the copy's time is not counted. */
static void
bench_playbook (CrmStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-playbook-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(CrmStore) copy = NULL;
  CrmPlaybookStats stats = { 0 };
  gint64 start;
  double ms;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "copy.db", NULL);
  if (!crm_backup_to_file (store, path, NULL, NULL, NULL, &error) ||
      (copy = crm_store_open (path, crm_store_get_clock (store), &error)) == NULL)
    g_error ("playbook copy: %s", error->message);

  start = g_get_monotonic_time ();
  if (!crm_playbook_run (copy, crm_store_now (copy), &stats, NULL, &error))
    g_error ("playbook: %s", error->message);
  ms = ms_since (start);
  g_array_append_val (times, ms);
  add_result ("playbook: every rule for every customer (background)", times, 10000);
  g_print ("# the playbook run made %u follow-ups (on a copy)\n", stats.created);

  g_clear_object (&copy);
  remove_database (path);
  g_rmdir (dir);
}

/* rapport --print-summary, start to finish, for the customer of the latest interaction */
static void
bench_print_summary (const char *rapport,
                     CrmStore   *store,
                     const char *database)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *code = query_text (store, "SELECT code FROM customers WHERE id ="
                                             " (SELECT customer_id FROM interactions ORDER BY id DESC LIMIT 1)");
  g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "rapport-bench-summary.pdf", NULL);
  const char *argv[] = { rapport, "--database", database, "--print-summary", code, "--output", pdf, NULL };

  if (code == NULL)
    {
      add_missing ("print a customer summary to PDF", 1000, "no interaction in this database");
      return;
    }
  for (int i = 0; i < MIN (runs, 5); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      int status;
      double ms;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          add_missing ("print a customer summary to PDF", 1000, error->message);
          return;
        }
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  g_unlink (pdf);
  add_result ("print a customer summary to PDF (rapport --print-summary)", times, 1000);
}

/* A spreadsheet of @n_rows customers with their contacts, read, checked and
 * committed into an empty database, as the import window does. */
static void
bench_import (guint n_rows)
{
  static const char * const cities[] = { "北京", "上海", "广州", "深圳", "杭州", "成都" };
  static const char * const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄" };
  static const char * const tiers[] = { "VIP", "普通", "潜力" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) csv = g_string_new ("客户名称,所属行业,客户等级,联系人,手机,邮箱,需求标签,客户来源渠道,最后跟进时间\r\n");
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  g_autofree char *dir = g_dir_make_tmp ("rapport-bench-import-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *metric = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmCsvImport) import = NULL;
  gint64 start;
  double ms;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "customers.csv", NULL);
  db_path = g_build_filename (dir, "import.db", NULL);
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%s华信%u科技有限公司,软件,%s,%s%u,1%010u,user%u@example.com,\"降本,效率提升\","
                            "展会,2026-0%u-1%u 09:30\r\n",
                            cities[i % G_N_ELEMENTS (cities)], i, tiers[i % 3],
                            surnames[i % G_N_ELEMENTS (surnames)], i % 1000, 3000000000u + i, i,
                            1 + i % 9, i % 10);
  if (!g_file_set_contents (path, csv->str, (gssize) csv->len, &error) ||
      (store = crm_store_open (db_path, clock, &error)) == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  import = crm_csv_import_new_from_file (path, &error);
  if (import == NULL || !crm_csv_import_preview (import, store, &error) ||
      crm_csv_import_commit (import, store, NULL, NULL, NULL, &error) != (gint64) n_rows)
    g_error ("import: %s", error != NULL ? error->message : "not every row was imported");
  ms = ms_since (start);
  g_array_append_val (times, ms);
  metric = g_strdup_printf ("import %u CSV rows into an empty database", n_rows);
  add_result (metric, times, 5000.0 * n_rows / 100000);

  /* The import is saved when its commit returns; its log is folded back into
   * the database file afterwards, where the import window does it: in its
   * thread, after the window has said the rows are in.  Timed on its own. */
  g_array_set_size (times, 0);
  start = g_get_monotonic_time ();
  if (!crm_store_checkpoint (store))
    g_warning ("The checkpoint after the import was not complete");
  ms = ms_since (start);
  g_array_append_val (times, ms);
  g_clear_pointer (&metric, g_free);
  metric = g_strdup ("checkpoint after that import (in the background)");
  add_result (metric, times, NAN);

  /* The new customers' search terms come after the commit too, on a
   * connection of their own, as the window's context makes them: the list
   * shows the customers at once, the search finds them after this.  Timed on its own. */
  g_array_set_size (times, 0);
  {
    g_autoptr(CrmStore) indexer = crm_store_open (db_path, clock, &error);

    start = g_get_monotonic_time ();
    if (indexer == NULL || !crm_store_index_customers (indexer, CRM_STORE_INDEX_BATCH, NULL, &error))
      g_error ("search terms: %s", error->message);
    ms = ms_since (start);
  }
  if (crm_store_count_unindexed (store) != 0)
    g_error ("search terms: some customers were left out");
  g_array_append_val (times, ms);
  g_clear_pointer (&metric, g_free);
  metric = g_strdup ("search terms of that import (in the background)");
  add_result (metric, times, NAN);

  g_clear_object (&store);
  g_unlink (path);
  remove_database (db_path);
  g_rmdir (dir);
}

/* Runs the window with RAPPORT_BENCH_FIRST_FRAME and @variable=@steps set, and
 * collects the "<@prefix> <µs>" lines it prints (crm-application.c). */
static void
bench_window_steps (const char *rapport,
                    const char *database,
                    const char *variable,
                    const char *steps,
                    const char *prefix,
                    const char *metric,
                    double      target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *out = NULL;
  g_autofree char *start = g_strconcat (prefix, " ", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { rapport, "--database", database, NULL };
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      add_missing (metric, target, "no display (run under xvfb-run)");
      return;
    }

  env = g_environ_setenv (env, "RAPPORT_BENCH_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, variable, steps, TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", "cairo", FALSE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error))
    {
      add_missing (metric, target, error->message);
      return;
    }
  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  /* the first step also switches pages: counted like the others */
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      {
        double ms = g_ascii_strtoll (lines[i] + strlen (start), NULL, 10) / 1000.0;

        g_array_append_val (times, ms);
      }
  if (times->len == 0)
    {
      add_missing (metric, target, "the window reported nothing");
      return;
    }
  add_result (metric, times, target);
}

static void
bench_profile_window (const char *rapport,
                      const char *database)
{
  bench_window_steps (rapport, database, "RAPPORT_BENCH_PROFILES", "31", "profile",
                      "open a customer profile in the window (first screen)", 30);
}

/* The Month view going back a month: the six weeks' data, the cells rebuilt,
 * layout and paint */
static void
bench_month_window (const char *rapport,
                    const char *database)
{
  bench_window_steps (rapport, database, "RAPPORT_BENCH_MONTHS", "13", "month",
                      "calendar: the Month view, a month back, on screen", 50);
}

static void
bench_startup (const char *rapport,
               const char *bare,
               const char *database)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  double a, b;
  g_autofree char *note = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      add_missing ("window start-up: exec to first frame", NAN, "no display (run under xvfb-run)");
      return;
    }

  /* warm the caches once, as a person's second start would be */
  time_to_first_frame (bare, NULL);
  time_to_first_frame (rapport, database);

  /* interleaved, so both see the same machine */
  for (int i = 0; i < 15; i++)
    {
      double x = time_to_first_frame (rapport, database);
      double y = time_to_first_frame (bare, NULL);

      if (!isnan (x))
        g_array_append_val (ours, x);
      if (!isnan (y))
        g_array_append_val (theirs, y);
    }

  if (ours->len == 0 || theirs->len == 0)
    {
      add_missing ("window start-up: exec to first frame", NAN, "a program did not reach its first frame");
      return;
    }

  add_result ("window start-up: bare AdwApplicationWindow, exec to first frame", theirs, NAN);
  add_result ("window start-up: Rapport, exec to first frame", ours, NAN);
  g_array_sort (ours, compare_doubles);
  g_array_sort (theirs, compare_doubles);
  a = g_array_index (ours, double, ours->len / 2);
  b = g_array_index (theirs, double, theirs->len / 2);
  note = g_strdup_printf ("%.0f ms against %.0f ms", a, b);
  add_value ("window start-up: Rapport / bare window", a / b, 1.3, "x", note);
}

static void
print_json (void)
{
  for (guint i = 0; i < results->len; i++)
    {
      const Result *r = &g_array_index (results, Result, i);
      g_autoptr(GString) line = g_string_new ("{\"metric\": ");
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (line, "\"%s\"", r->metric);
      if (g_str_equal (r->unit, "ms"))
        {
          g_string_append (line, ", \"median_ms\": ");
          g_string_append (line, isnan (r->median) ? "null" : g_ascii_formatd (buf, sizeof buf, "%.3f", r->median));
          g_string_append (line, ", \"p95_ms\": ");
          g_string_append (line, isnan (r->p95) ? "null" : g_ascii_formatd (buf, sizeof buf, "%.3f", r->p95));
          g_string_append (line, ", \"target_ms\": ");
        }
      else
        {
          g_string_append_printf (line, ", \"value\": %s", isnan (r->median) ? "null" : g_ascii_formatd (buf, sizeof buf, "%.3f", r->median));
          g_string_append_printf (line, ", \"unit\": \"%s\", \"target\": ", r->unit);
        }
      g_string_append (line, isnan (r->target) ? "null" : g_ascii_formatd (buf, sizeof buf, "%.1f", r->target));
      if (r->note != NULL)
        g_string_append_printf (line, ", \"note\": \"%s\"", r->note);
      g_string_append (line, "}");
      g_print ("%s\n", line->str);
    }
}

static int
print_table (double fail_over)
{
  int failures = 0;

  g_print ("\n%-66s %10s %10s %10s  %s\n", "operation", "median", "p95", "target", "");
  for (guint i = 0; i < results->len; i++)
    {
      const Result *r = &g_array_index (results, Result, i);
      const char *verdict = "";
      char median[32], p95[32], target[32];

      if (isnan (r->median))
        verdict = r->note != NULL ? r->note : "not measured";
      else if (!isnan (r->target))
        {
          verdict = r->median <= r->target ? "ok" : "OVER TARGET";
          if (fail_over > 0 && r->median > fail_over * r->target)
            {
              verdict = "GROSS REGRESSION";
              failures++;
            }
        }
      else if (r->note != NULL)
        verdict = r->note;

      g_snprintf (median, sizeof median, isnan (r->median) ? "—" : "%.2f %s", r->median, r->unit);
      g_snprintf (p95, sizeof p95, isnan (r->p95) ? "—" : "%.2f %s", r->p95, r->unit);
      g_snprintf (target, sizeof target, isnan (r->target) ? "—" : "%.1f %s", r->target, r->unit);
      g_print ("%-66s %10s %10s %10s  %s\n", r->metric, median, p95, target, verdict);
    }

  return failures;
}

int
main (int argc, char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *rapport = NULL;
  g_autofree char *bare = NULL;
  double fail_over = 0;
  int import_rows = 100000;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "The database to measure", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Repetitions per operation (20)", "N" },
    { "rapport", 0, 0, G_OPTION_ARG_FILENAME, &rapport, "The rapport binary, for start-up time", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &bare, "The bare-window binary, for start-up time", "PATH" },
    { "fail-over", 0, 0, G_OPTION_ARG_DOUBLE, &fail_over, "Exit 1 if a median exceeds FACTOR × its target", "FACTOR" },
    { "import-rows", 0, 0, G_OPTION_ARG_INT, &import_rows, "Rows of the CSV import (100000; 0: none)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— measure Rapport at scale");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *latin = NULL;
  g_autofree char *chinese = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *note = NULL;
  gint64 n_customers, n_interactions;
  int failures;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || database == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--database is required");
      return 2;
    }

  results = g_array_new (FALSE, TRUE, sizeof (Result));
  g_array_set_clear_func (results, result_clear);

  bench_open (database, clock);

  store = crm_store_open (database, clock, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  n_customers = crm_store_count_customers (store, FALSE);
  n_interactions = crm_store_count (store, "interactions");

  /* Words that exist in the data, typed one character at a time */
  latin = query_text (store, "SELECT substr(email, 1, 6) FROM contacts WHERE email IS NOT NULL"
                             " ORDER BY id LIMIT 1 OFFSET 1000");
  chinese = query_text (store, "SELECT name FROM contacts WHERE length(name) = 2"
                               " AND unicode(name) > 19967 ORDER BY id LIMIT 1 OFFSET 500");
  phone = query_text (store, "SELECT substr(phone_digits, 1, 8) FROM contacts WHERE phone_digits IS NOT NULL"
                             " ORDER BY id LIMIT 1 OFFSET 700");

  bench_typing (store, "search per keystroke: Latin prefix", latin, 1);
  bench_typing (store, "search per keystroke: 2-character Chinese name", chinese, 1);
  bench_typing (store, "search per keystroke: phone digits", phone, 3);
  bench_scrolling (store);

  bench_profile (store, n_customers);
  bench_timeline (store);
  bench_ticket_board (store);
  bench_calendar (store);
  bench_agenda (store);
  bench_playbook (store);
  bench_save_interaction (store, n_customers);
  if (rapport != NULL)
    bench_print_summary (rapport, store, database);
  if (rapport != NULL && bare != NULL)
    bench_startup (rapport, bare, database);
  if (rapport != NULL)
    {
      bench_profile_window (rapport, database);
      bench_month_window (rapport, database);
    }

  page_through_everything (store);
  note = g_strdup_printf ("after paging through all %" G_GINT64_FORMAT " customers", n_customers);
  add_value ("peak memory (RSS) after paging through every list", peak_rss_mb (), 200, "MB", note);
  /* last: the import's own memory (2.4 million search terms sorted) is not the lists' */
  if (import_rows > 0)
    bench_import ((guint) import_rows);

  g_print ("# %" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " interactions in %s\n",
           n_customers, n_interactions, database);
  g_print ("# search words: Latin \"%s\", Chinese \"%s\", phone \"%s\"\n",
           latin ? latin : "-", chinese ? chinese : "-", phone ? phone : "-");
  print_json ();
  failures = print_table (fail_over);
  g_array_unref (results);

  if (failures > 0)
    {
      g_printerr ("rapport-bench: %d operation(s) more than %.0f× over target\n", failures, fail_over);
      return 1;
    }
  return 0;
}
