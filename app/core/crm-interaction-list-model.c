/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction-list-model"

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

/* " WHERE …" over interactions i for @filter, from fixed fragments; every value
 * is a bound parameter (added to @params, numbered from 1). */
static GString *
build_where (const CrmInteractionFilter *filter,
             CrmSqlParams               *params)
{
  GString *where = g_string_new (" WHERE 1");
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
  return where;
}

void
crm_interaction_list_model_set_filter (CrmPagedModel              *model,
                                       const CrmInteractionFilter *filter)
{
  CrmSqlParams *params = crm_sql_params_new ();
  g_autoptr(GString) where = build_where (filter, params);
  g_autofree char *select = g_strconcat ("SELECT " CRM_INTERACTION_COLUMNS ", i.occurred_at, i.id"
                                         " FROM interactions i" CRM_INTERACTION_JOINS, where->str, NULL);
  g_autofree char *count = g_strconcat ("SELECT count(*) FROM interactions i", where->str, NULL);
  g_autofree char *keys = g_strconcat ("SELECT i.occurred_at, i.id FROM interactions i", where->str, NULL);
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

  g_object_set_data_full (G_OBJECT (model), FILTER_KEY, g_memdup2 (filter, sizeof *filter), g_free);
  crm_paged_model_set_query (model, &query, params);
}

guint
crm_interaction_list_model_position_for_time (CrmPagedModel *model,
                                              gint64         when)
{
  const CrmInteractionFilter *filter = g_object_get_data (G_OBJECT (model), FILTER_KEY);
  g_autoptr(CrmSqlParams) params = crm_sql_params_new ();
  g_autoptr(GString) where = NULL;
  g_autofree char *sql = NULL;
  CrmStore *store = crm_paged_model_get_store (model);
  sqlite3_stmt *stmt = NULL;
  guint position = 0;
  int rc;

  g_return_val_if_fail (filter != NULL, 0);

  where = build_where (filter, params);
  crm_sql_params_add_int (params, when);
  g_string_append_printf (where, " AND i.occurred_at > ?%u", crm_sql_params_get_len (params));
  sql = g_strconcat ("SELECT count(*) FROM interactions i", where->str, NULL);

  /* not cached: the text changes with the filter */
  rc = sqlite3_prepare_v2 (crm_store_get_db (store), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      crm_sql_params_bind (params, stmt);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        position = (guint) sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return MIN (position, g_list_model_get_n_items (G_LIST_MODEL (model)));
}
