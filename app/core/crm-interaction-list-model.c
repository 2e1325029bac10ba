/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction-list-model"

#include <string.h>

#include "crm-fts.h"
#include "crm-interaction-list-model.h"

#define FILTER_KEY "crm-interaction-filter"

static GObject *
make_interaction (sqlite3_stmt *row)
{
  return G_OBJECT (crm_interaction_new_from_row (row));
}

CrmPagedModel *
crm_interaction_list_model_new (CrmStore *store)
{
  CrmPagedModel *model = crm_paged_model_new (store,
                                              CRM_CHANGE_MASK (CRM_CHANGE_INTERACTION) |
                                              CRM_CHANGE_MASK (CRM_CHANGE_CUSTOMER) |
                                              CRM_CHANGE_MASK (CRM_CHANGE_CONTACT) |
                                              CRM_CHANGE_MASK (CRM_CHANGE_TEAM));
  CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;

  crm_interaction_list_model_set_filter (model, &filter);
  return model;
}

/* How the words of a text search are matched:
 * - TEXT_FROM_INDEX: the search index lists the matching ids (a few thousand
 *   at most) and the rows are taken from that list;
 * - TEXT_PER_ROW: the other filters keep few rows (one customer's history),
 *   and each of them is matched on its own text (crm_match, the same rules). */
typedef enum {
  TEXT_FROM_INDEX,
  TEXT_PER_ROW,
} TextPlan;

/* " AND …" conditions over interactions i for @filter, from fixed fragments;
 * every value is a bound parameter (added to @params, numbered from 1). */
static GString *
build_conditions_full (const CrmInteractionFilter *filter,
                       CrmSqlParams               *params,
                       gboolean                    with_text,
                       TextPlan                    text_plan)
{
  GString *where = g_string_new (NULL);
  guint n = crm_sql_params_get_len (params);

  if (filter->customer_id > 0)
    {
      crm_sql_params_add_int (params, filter->customer_id);
      g_string_append_printf (where, " AND i.customer_id = ?%u", ++n);
    }
  if (filter->channel >= 0)
    {
      crm_sql_params_add_int (params, filter->channel);
      g_string_append_printf (where, " AND i.channel = ?%u", ++n);
    }
  if (filter->owner_id > 0)
    {
      crm_sql_params_add_int (params, filter->owner_id);
      g_string_append_printf (where, " AND i.owner_id = ?%u", ++n);
    }
  if (filter->from > 0)
    {
      crm_sql_params_add_int (params, filter->from);
      g_string_append_printf (where, " AND i.occurred_at >= ?%u", ++n);
    }
  if (filter->until > 0)
    {
      crm_sql_params_add_int (params, filter->until);
      g_string_append_printf (where, " AND i.occurred_at < ?%u", ++n);
    }
  if (filter->satisfaction > 0)
    {
      crm_sql_params_add_int (params, filter->satisfaction);
      g_string_append_printf (where, " AND i.satisfaction = ?%u", ++n);
    }
  if (filter->category_id > 0)
    {
      crm_sql_params_add_int (params, filter->category_id);
      g_string_append_printf (where, " AND i.feedback_category_id = ?%u", ++n);
    }
  if (with_text && filter->text != NULL)
    {
      g_autofree char *match = crm_fts_match_query (filter->text);

      if (match != NULL && text_plan == TEXT_PER_ROW)
        {
          crm_sql_params_add_text (params, filter->text);
          g_string_append_printf (where, " AND crm_match (?%u, i.subject, i.summary, i.feedback)", ++n);
        }
      else if (match != NULL)
        {
          crm_sql_params_add_text (params, match);
          g_string_append_printf (where, " AND i.id IN (SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH ?%u)",
                                  ++n);
        }
    }
  return where;
}

static GString *
build_conditions (CrmPagedModel              *model,
                  const CrmInteractionFilter *filter,
                  CrmSqlParams               *params)
{
  TextPlan plan = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (model), FILTER_KEY "-text-plan"));

  return build_conditions_full (filter, params, TRUE, plan);
}

/* " WHERE …" for @conditions, or nothing: a bare count(*) of a table is
 * answered from the b-tree at once, "WHERE 1" makes SQLite walk it. */
static const char *
where_of (GString *conditions,
          char   **owned)
{
  if (conditions->len == 0)
    return "";
  *owned = g_strconcat (" WHERE", conditions->str + strlen (" AND"), NULL);
  return *owned;
}

static gboolean
is_unfiltered (const CrmInteractionFilter *filter)
{
  g_autoptr(CrmSqlParams) params = crm_sql_params_new ();
  g_autoptr(GString) conditions = build_conditions_full (filter, params, TRUE, TEXT_FROM_INDEX);

  return conditions->len == 0;
}

/* How many interactions the words are in, from the search index alone,
 * counted up to one more than @cap (a common word is in hundreds of thousands). */
static guint
count_text_matches (CrmStore   *store,
                    const char *match,
                    guint       cap)
{
  sqlite3_stmt *stmt = crm_store_prepare (store,
                                          "SELECT count(*) FROM (SELECT rowid FROM interaction_fts"
                                          " WHERE interaction_fts MATCH ?1 LIMIT ?2)",
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

/* How many interactions the filter keeps without its words, up to @cap + 1. */
static guint
count_without_text (CrmStore                   *store,
                    const CrmInteractionFilter *filter,
                    guint                       cap)
{
  g_autoptr(CrmSqlParams) params = crm_sql_params_new ();
  g_autoptr(GString) conditions = build_conditions_full (filter, params, FALSE, TEXT_FROM_INDEX);
  g_autofree char *owned = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = G_MAXUINT;

  if (conditions->len == 0)
    return n;
  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM interactions i%s LIMIT %u)",
                         where_of (conditions, &owned), cap + 1);
  if (sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      crm_sql_params_bind (params, stmt);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = (guint) sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return n;
}

gboolean
crm_interaction_list_model_get_too_broad (CrmPagedModel *model)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (model), FILTER_KEY "-too-broad"));
}

void
crm_interaction_list_model_set_filter (CrmPagedModel              *model,
                                       const CrmInteractionFilter *filter)
{
  CrmStore *store = crm_paged_model_get_store (model);
  CrmSqlParams *params = crm_sql_params_new ();
  g_autofree char *match = crm_fts_match_query (filter->text);
  guint text_matches = match != NULL ? count_text_matches (store, match, CRM_INTERACTION_MAX_TEXT_MATCHES) : 0;
  gboolean too_broad = FALSE;
  TextPlan plan = TEXT_FROM_INDEX;
  g_autoptr(GString) conditions = NULL;

  /* Common words are in hundreds of thousands of interactions: listed from the
   * index, that costs seconds a page.  When the other filters keep few rows
   * (one customer), each row asks the index instead; otherwise the page says
   * that there are too many to list. */
  if (text_matches > CRM_INTERACTION_MAX_TEXT_MATCHES)
    {
      if (count_without_text (store, filter, CRM_INTERACTION_MAX_PER_ROW_MATCHES) <= CRM_INTERACTION_MAX_PER_ROW_MATCHES)
        plan = TEXT_PER_ROW;
      else
        too_broad = TRUE;
    }
  g_object_set_data (G_OBJECT (model), FILTER_KEY "-too-broad", GUINT_TO_POINTER (too_broad));
  g_object_set_data (G_OBJECT (model), FILTER_KEY "-text-plan", GUINT_TO_POINTER (plan));
  conditions = build_conditions (model, filter, params);
  if (too_broad)
    g_string_append (conditions, " AND 0");
  g_autofree char *owned = NULL;
  const char *where = where_of (conditions, &owned);
  /* the model extends the select's WHERE clause: it always has one */
  g_autofree char *select = g_strconcat ("SELECT " CRM_INTERACTION_COLUMNS ", i.occurred_at, i.id"
                                         " FROM interactions i" CRM_INTERACTION_JOINS " WHERE 1",
                                         conditions->str, NULL);
  /* the whole timeline is counted from the per-day counts */
  g_autofree char *count = conditions->len == 0
                           ? g_strdup ("SELECT coalesce(sum(n), 0) FROM interaction_days")
                           : g_strconcat ("SELECT count(*) FROM interactions i", where, NULL);
  g_autofree char *keys = g_strconcat ("SELECT i.occurred_at, i.id FROM interactions i", where, NULL);
  CrmPagedQuery query = {
    .item_type = CRM_TYPE_INTERACTION,
    .select_sql = select,
    .count_sql = count,
    .keys_sql = keys,
    .key_expr = "i.occurred_at",
    .id_expr = "i.id",
    .descending = TRUE,
    .make_item = make_interaction,
  };

  {
    CrmInteractionFilter *kept = g_memdup2 (filter, sizeof *filter);
    char *text = g_strdup (filter->text);

    /* the text is the model's own: the caller's goes away */
    g_object_set_data_full (G_OBJECT (model), FILTER_KEY "-text", text, g_free);
    kept->text = text;
    g_object_set_data_full (G_OBJECT (model), FILTER_KEY, kept, g_free);
  }
  crm_paged_model_set_query (model, &query, params);
}

/* Runs one query of the filter's conditions, plus "i.occurred_at @op @when"
 * when @op is given, and returns its first row, or NULL. */
static sqlite3_stmt *
query_with (CrmPagedModel              *model,
            const CrmInteractionFilter *filter,
            const char                 *head,
            const char                 *op,
            gint64                      when,
            const char                 *tail)
{
  g_autoptr(CrmSqlParams) params = crm_sql_params_new ();
  g_autoptr(GString) conditions = build_conditions (model, filter, params);
  g_autofree char *owned = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  if (op != NULL)
    {
      crm_sql_params_add_int (params, when);
      g_string_append_printf (conditions, " AND i.occurred_at %s ?%u", op, crm_sql_params_get_len (params));
    }
  sql = g_strconcat (head, where_of (conditions, &owned), tail, NULL);
  /* not cached: the text changes with the filter */
  if (sqlite3_prepare_v2 (crm_store_get_db (crm_paged_model_get_store (model)), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  crm_sql_params_bind (params, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

guint
crm_interaction_list_model_position_for_time (CrmPagedModel *model,
                                              gint64         when)
{
  const CrmInteractionFilter *filter = g_object_get_data (G_OBJECT (model), FILTER_KEY);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  gboolean count_older = FALSE;
  guint position = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (filter != NULL, 0);

  if (n == 0)
    return 0;

  if (is_unfiltered (filter))
    {
      /* the days after @when's day from the per-day counts, then that day's part */
      CrmStore *store = crm_paged_model_get_store (model);
      gint64 day = when >= 0 ? when / 86400 : -1;
      gint64 after = 0, within = 0;

      stmt = crm_store_prepare (store, "SELECT coalesce(sum(n), 0) FROM interaction_days WHERE day > ?1", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, day);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            after = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }
      stmt = crm_store_prepare (store, "SELECT count(*) FROM interactions WHERE occurred_at > ?1 AND occurred_at < ?2",
                                NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, when);
          sqlite3_bind_int64 (stmt, 2, (day + 1) * 86400);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            within = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
        }
      position = (guint) MIN ((gint64) G_MAXUINT, after + within);
      goto found;
    }

  /* Counting walks an index range: count whichever side of @when looks smaller
   * from the first and last times (each found through the index at once; one
   * query asking for both would scan). */
  {
    sqlite3_stmt *first = query_with (model, filter, "SELECT min(i.occurred_at) FROM interactions i", NULL, 0, "");
    sqlite3_stmt *last = query_with (model, filter, "SELECT max(i.occurred_at) FROM interactions i", NULL, 0, "");

    if (first != NULL && last != NULL)
      count_older = when - sqlite3_column_int64 (first, 0) < sqlite3_column_int64 (last, 0) - when;
    sqlite3_finalize (first);
    sqlite3_finalize (last);
  }

  stmt = query_with (model, filter, "SELECT count(*) FROM interactions i", count_older ? "<=" : ">", when, "");
  if (stmt != NULL)
    {
      gint64 counted = sqlite3_column_int64 (stmt, 0);

      position = count_older ? (guint) MAX (0, (gint64) n - counted) : (guint) counted;
      sqlite3_finalize (stmt);
    }
found:
  if (position >= n)
    return n;   /* nothing that early */

  /* the row there is the newest at or before @when: its page loads from its key */
  stmt = query_with (model, filter, "SELECT i.occurred_at, i.id FROM interactions i", "<=", when,
                     " ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1");
  if (stmt != NULL)
    {
      crm_paged_model_load_at_key (model, position, sqlite3_column_value (stmt, 0), sqlite3_column_int64 (stmt, 1));
      sqlite3_finalize (stmt);
    }

  return position;
}
