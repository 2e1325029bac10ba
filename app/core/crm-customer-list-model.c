/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-list-model"

#include "crm-customer-list-model.h"
#include "crm-customer-private.h"
#include "crm-search.h"

static GObject *
make_customer (sqlite3_stmt *row)
{
  return G_OBJECT (crm_customer_new_from_row (row));
}

CrmPagedModel *
crm_customer_list_model_new (CrmStore *store)
{
  CrmPagedModel *model = crm_paged_model_new (store,
                                              CRM_CHANGE_MASK (CRM_CHANGE_CUSTOMER) |
                                              CRM_CHANGE_MASK (CRM_CHANGE_CONTACT) |
                                              CRM_CHANGE_MASK (CRM_CHANGE_TEAM));
  CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;

  crm_customer_list_model_set_filter (model, &filter);
  return model;
}

/* A search term range with fewer rows than this is "narrow": the query starts
 * from the matching terms.  A broader one walks the customers in name order and
 * stops at the first CRM_CUSTOMER_LIST_MAX_SEARCH_RESULTS: counting every match
 * of a one-letter prefix would take longer than a keystroke. */
#define NARROW_TERMS 3000

#define COLUMNS \
  "SELECT c.id, c.code, c.name, c.kind, c.tier, c.industry, c.owner_id, m.name," \
  " c.last_contact_at, c.do_not_contact, c.archived, c.health_score," \
  " (SELECT s.risk FROM customer_scores s WHERE s.customer_id = c.id), c.sort_key, c.id"

static guint
estimate_matches (CrmStore   *store,
                  const char *lower,
                  const char *upper)
{
  sqlite3_stmt *stmt = crm_store_prepare (store,
                                          "SELECT count(*) FROM (SELECT 1 FROM search_terms"
                                          " WHERE term >= ?1 AND term < ?2 LIMIT " G_STRINGIFY (NARROW_TERMS) ")",
                                          NULL);
  guint n = NARROW_TERMS;

  if (stmt == NULL)
    return n;
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

void
crm_customer_list_model_set_filter (CrmPagedModel           *model,
                                    const CrmCustomerFilter *filter)
{
  CrmStore *store = crm_paged_model_get_store (model);
  g_autoptr(GString) where = g_string_new (" WHERE c.archived = 0");
  g_autoptr(GString) select = NULL;
  g_autoptr(GString) count = NULL;
  g_autoptr(GString) keys = NULL;
  g_autoptr(GPtrArray) uppers = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) tokens = crm_search_tokenize_query (filter->search);
  CrmSqlParams *params = crm_sql_params_new ();
  CrmPagedQuery query = {
    .item_type = CRM_TYPE_CUSTOMER,
    .key_expr = "c.sort_key",
    .id_expr = "c.id",
    .descending = FALSE,
    .make_item = make_customer,
  };
  guint n = 0;
  guint n_tokens = tokens != NULL ? g_strv_length (tokens) : 0;
  int driver = -1;
  guint fewest = G_MAXUINT;

  /* The SQL is assembled from fixed fragments; every value is a bound parameter. */
  if (filter->tier >= 0)
    {
      crm_sql_params_add_int (params, filter->tier);
      g_string_append_printf (where, " AND c.tier = ?%u", ++n);
    }
  if (filter->owner_id > 0)
    {
      crm_sql_params_add_int (params, filter->owner_id);
      g_string_append_printf (where, " AND c.owner_id = ?%u", ++n);
    }
  if (filter->at_risk)
    g_string_append (where, " AND c.id IN (SELECT customer_id FROM customer_scores WHERE risk > 0)");

  /* The most selective token decides the plan */
  for (guint i = 0; i < n_tokens; i++)
    {
      guint estimate;

      g_ptr_array_add (uppers, crm_search_prefix_upper_bound (tokens[i]));
      estimate = estimate_matches (store, tokens[i], uppers->pdata[i]);
      if (estimate < fewest)
        {
          fewest = estimate;
          driver = (int) i;
        }
    }

  for (guint i = 0; i < n_tokens; i++)
    {
      crm_sql_params_add_text (params, tokens[i]);
      crm_sql_params_add_text (params, uppers->pdata[i]);
      if ((int) i != driver || fewest >= NARROW_TERMS)
        g_string_append_printf (where,
                                " AND c.id IN (SELECT customer_id FROM search_terms"
                                " WHERE term >= ?%u AND term < ?%u)",
                                n + 1, n + 2);
      n += 2;
    }

  if (n_tokens > 0 && fewest < NARROW_TERMS)
    {
      /* Narrow: start from the few customers the rarest token matches */
      guint lower = (guint) (n - 2 * (n_tokens - driver)) + 1;
      g_autofree char *from = g_strdup_printf (" FROM (SELECT DISTINCT customer_id AS id FROM search_terms"
                                               " WHERE term >= ?%u AND term < ?%u) s"
                                               " CROSS JOIN customers c ON c.id = s.id",
                                               lower, lower + 1);

      select = g_string_new (COLUMNS);
      g_string_append (select, from);
      g_string_append (select, " LEFT JOIN team_members m ON m.id = c.owner_id");
      count = g_string_new ("SELECT count(*)");
      g_string_append (count, from);
    }
  else
    {
      select = g_string_new (COLUMNS " FROM customers c LEFT JOIN team_members m ON m.id = c.owner_id");
      count = g_string_new ("SELECT count(*) FROM customers c");
      if (n_tokens == 0)
        {
          /* the whole list: a jump finds its key in the covering index */
          keys = g_string_new ("SELECT c.sort_key, c.id FROM customers c");
          g_string_append (keys, where->str);
        }
    }
  g_string_append (select, where->str);
  g_string_append (count, where->str);

  if (n_tokens > 0 && fewest >= NARROW_TERMS)
    {
      /* Broad: the first matches by name, counted no further than needed */
      g_string_assign (count, "SELECT count(*) FROM (SELECT 1 FROM customers c");
      g_string_append (count, where->str);
      g_string_append (count, " LIMIT " G_STRINGIFY (CRM_CUSTOMER_LIST_MAX_SEARCH_RESULTS) " + 1)");
      query.max_items = CRM_CUSTOMER_LIST_MAX_SEARCH_RESULTS;
    }

  query.select_sql = select->str;
  query.count_sql = count->str;
  query.keys_sql = keys != NULL ? keys->str : NULL;
  crm_paged_model_set_query (model, &query, params);
}
