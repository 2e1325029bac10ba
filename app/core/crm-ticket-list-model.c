/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-list-model"

#include "crm-fts.h"
#include "crm-ticket-list-model.h"

#define STATUS_KEY "crm-ticket-status"
#define DAY (24 * 60 * 60)

/* A text search lists at most this many tickets (the first ones in the
 * column's order): counting every match of a common word in 200,000 titles
 * would take longer than a keystroke. */
#define MAX_TEXT_MATCHES 1000
/* How a search reads the rows, by how many tickets the words are in (see TextPlan). */
#define FEW_TEXT_MATCHES   5000
#define MANY_TEXT_MATCHES 50000

static GObject *
make_ticket (sqlite3_stmt *row)
{
  return G_OBJECT (crm_ticket_new_from_row (row));
}

/* Whether a change of one ticket can concern the column of @status: the
 * ticket is in it now, or its last move took it out of it (the status and
 * reopen events keep the status it left).  Counting a column again takes a
 * millisecond or two at 200,000 tickets; a card moves between two of five. */
static gboolean
ticket_concerns_column (CrmStore        *store,
                        gint64           ticket_id,
                        CrmTicketStatus  status)
{
  sqlite3_stmt *stmt = crm_store_prepare (store,
                                          "SELECT t.status = ?2 OR coalesce ((SELECT e.old_value = CAST(?2 AS TEXT)"
                                          "  FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind IN (2, 9)"
                                          "  ORDER BY e.at DESC, e.id DESC LIMIT 1), 0)"
                                          " FROM tickets t WHERE t.id = ?1",
                                          NULL);
  gboolean concerns = TRUE;   /* gone, or unreadable: count again */

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int (stmt, 2, status);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    concerns = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return concerns;
}

static void
store_changed_cb (CrmPagedModel *model,
                  int            kind,
                  gint64         id,
                  CrmStore      *store)
{
  /* customers, the team and bulk changes reload every column (the paged model watches those) */
  if (kind != CRM_CHANGE_TICKET)
    return;
  if (id == 0 || ticket_concerns_column (store, id, crm_ticket_list_model_get_status (model)))
    crm_paged_model_reload (model);
}

CrmPagedModel *
crm_ticket_list_model_new (CrmStore        *store,
                           CrmTicketStatus  status)
{
  CrmPagedModel *model;
  CrmTicketFilter filter = CRM_TICKET_FILTER_INIT;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail ((int) status >= 0 && status < CRM_N_TICKET_STATUSES, NULL);

  model = crm_paged_model_new (store,
                               CRM_CHANGE_MASK (CRM_CHANGE_CUSTOMER) |
                               CRM_CHANGE_MASK (CRM_CHANGE_TEAM));
  g_object_set_data (G_OBJECT (model), STATUS_KEY, GINT_TO_POINTER ((int) status));
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), model, G_CONNECT_SWAPPED);
  crm_ticket_list_model_set_filter (model, &filter);
  return model;
}

CrmTicketStatus
crm_ticket_list_model_get_status (CrmPagedModel *model)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (model), CRM_TICKET_NEW);
  return (CrmTicketStatus) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (model), STATUS_KEY));
}

/* How many tickets the words are in, from the search index alone, counted up
 * to one more than @cap. */
static guint
count_text_matches (CrmStore   *store,
                    const char *match,
                    guint       cap)
{
  sqlite3_stmt *stmt = crm_store_prepare (store,
                                          "SELECT count(*) FROM (SELECT rowid FROM ticket_fts"
                                          " WHERE ticket_fts MATCH ?1 LIMIT ?2)",
                                          NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) cap + 1);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* How the words of a search are matched (measured at 200,000 tickets):
 * - TEXT_FROM_INDEX: in at most FEW_TEXT_MATCHES tickets: the search index
 *   lists them, the rows are read by id, filtered and sorted (under 5 ms);
 * - TEXT_IN_INDEX: in up to MANY_TEXT_MATCHES: the column is read in its
 *   order and each row looked up among the index's matches (10–70 ms);
 * - TEXT_PER_ROW: in more than that (a word in every code, "TK"), or the rows
 *   are few (one customer's): the column is read in its order and each row
 *   matched on its own code and title (crm_match, the same rules) until the
 *   list is full — the matches are dense, so it fills fast (about 40 ms). */
typedef enum {
  TEXT_NONE,
  TEXT_FROM_INDEX,
  TEXT_IN_INDEX,
  TEXT_PER_ROW,
} TextPlan;

/* Which rows a column holds and in which order:
 * - New, In Progress, Waiting on Customer: the most urgent first, by
 *   (next_due, id), along tickets_next (status, next_due, id, …);
 * - Resolved: the most recently changed first, along tickets_board
 *   (status, updated_at, id, …);
 * - Closed: closed in the last CRM_TICKET_CLOSED_DAYS days (every one with a
 *   text or customer filter), most recently closed first, along tickets_closed
 *   (status, closed_at, id, …).
 * Those indexes hold the level, category, assignee and breached flag too: a
 * filter on them is decided from the index, and counted there.  One customer's
 * tickets, or the few a search finds, are read through tickets_customer or by
 * id and sorted: the sort key is then written "+t.key" (and the status
 * "+t.status" for a search), which keeps SQLite from walking the whole column
 * to avoid sorting a few rows.  Words are matched as the Timeline's
 * (crm_fts_match_query: each word a prefix, Chinese by pairs of characters).
 * Every value is a bound parameter; the SQL is built from fixed fragments. */
void
crm_ticket_list_model_set_filter (CrmPagedModel         *model,
                                  const CrmTicketFilter *filter)
{
  CrmTicketStatus status = crm_ticket_list_model_get_status (model);
  CrmStore *store = crm_paged_model_get_store (model);
  gint64 now = crm_store_now (store);
  CrmSqlParams *params = crm_sql_params_new ();
  g_autoptr(GString) where = NULL;
  g_autofree char *match = crm_fts_match_query (filter->text);
  g_autofree char *select = NULL;
  g_autofree char *count = NULL;
  g_autofree char *keys = NULL;
  TextPlan plan = TEXT_NONE;
  gboolean sorted_here;
  gboolean open = status < CRM_TICKET_RESOLVED;
  const char *key;
  guint n = 1;
  CrmPagedQuery query = {
    .item_type = CRM_TYPE_TICKET,
    .id_expr = "t.id",
    .descending = !open,
    .make_item = make_ticket,
  };

  g_return_if_fail (filter != NULL);

  if (match != NULL && filter->customer_id > 0)
    plan = TEXT_PER_ROW;
  else if (match != NULL)
    {
      guint matches = count_text_matches (store, match, MANY_TEXT_MATCHES);

      plan = matches <= FEW_TEXT_MATCHES ? TEXT_FROM_INDEX
             : matches <= MANY_TEXT_MATCHES ? TEXT_IN_INDEX
             : TEXT_PER_ROW;
    }
  sorted_here = filter->customer_id > 0 || plan == TEXT_FROM_INDEX;

  switch (status)
    {
    case CRM_TICKET_RESOLVED:
      key = sorted_here ? "+t.updated_at" : "t.updated_at";
      break;
    case CRM_TICKET_CLOSED:
      key = sorted_here ? "+t.closed_at" : "t.closed_at";
      break;
    case CRM_TICKET_NEW:
    case CRM_TICKET_IN_PROGRESS:
    case CRM_TICKET_WAITING:
    default:
      key = sorted_here ? "+t.next_due" : "t.next_due";
      break;
    }

  crm_sql_params_add_int (params, status);
  where = g_string_new (plan == TEXT_FROM_INDEX ? " WHERE +t.status = ?1" : " WHERE t.status = ?1");

  if (status == CRM_TICKET_CLOSED && match == NULL && filter->customer_id <= 0)
    {
      crm_sql_params_add_int (params, now - CRM_TICKET_CLOSED_DAYS * DAY);
      g_string_append_printf (where, " AND t.closed_at >= ?%u", ++n);
    }
  if (filter->level >= 1 && filter->level <= 3)
    {
      crm_sql_params_add_int (params, filter->level);
      g_string_append_printf (where, " AND t.level = ?%u", ++n);
    }
  if (filter->assignee_id > 0)
    {
      crm_sql_params_add_int (params, filter->assignee_id);
      g_string_append_printf (where, " AND t.assignee_id = ?%u", ++n);
    }
  if (filter->customer_id > 0)
    {
      crm_sql_params_add_int (params, filter->customer_id);
      g_string_append_printf (where, " AND t.customer_id = ?%u", ++n);
    }
  if (filter->category >= 0)
    {
      crm_sql_params_add_int (params, filter->category);
      g_string_append_printf (where, " AND t.category = ?%u", ++n);
    }
  if (filter->breached_only && open)
    {
      /* late already, or past the running deadline now (a paused clock is not running) */
      crm_sql_params_add_int (params, now);
      g_string_append_printf (where, " AND (t.breached = 1 OR (t.paused_since IS NULL AND t.next_due < ?%u))", ++n);
    }
  else if (filter->breached_only)
    g_string_append (where, " AND t.breached = 1");
  if (plan == TEXT_FROM_INDEX || plan == TEXT_IN_INDEX)
    {
      crm_sql_params_add_text (params, match);
      g_string_append_printf (where, " AND t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?%u)", ++n);
    }
  else if (plan == TEXT_PER_ROW)
    {
      crm_sql_params_add_text (params, filter->text);
      g_string_append_printf (where, " AND crm_match (?%u, t.code, t.title)", ++n);
    }

  select = g_strconcat ("SELECT " CRM_TICKET_COLUMNS ", ", key, ", t.id FROM tickets t" CRM_TICKET_JOINS,
                        where->str, NULL);
  if (plan != TEXT_NONE)
    {
      /* counted no further than the list goes */
      count = g_strconcat ("SELECT count(*) FROM (SELECT 1 FROM tickets t", where->str,
                           " LIMIT " G_STRINGIFY (MAX_TEXT_MATCHES) " + 1)", NULL);
      query.max_items = MAX_TEXT_MATCHES;
    }
  else
    {
      count = g_strconcat ("SELECT count(*) FROM tickets t", where->str, NULL);
      keys = g_strconcat ("SELECT ", key, ", t.id FROM tickets t", where->str, NULL);
    }

  query.select_sql = select;
  query.count_sql = count;
  query.keys_sql = keys;
  query.key_expr = key;
  crm_paged_model_set_query (model, &query, params);
}
