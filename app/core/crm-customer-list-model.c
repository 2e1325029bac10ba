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

void
crm_customer_list_model_set_filter (CrmPagedModel           *model,
                                    const CrmCustomerFilter *filter)
{
  g_autoptr(GString) where = g_string_new (" WHERE c.archived = 0");
  g_autoptr(GString) select = NULL;
  g_autoptr(GString) count = NULL;
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
  for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
    {
      g_autofree char *upper = crm_search_prefix_upper_bound (tokens[i]);

      crm_sql_params_add_text (params, tokens[i]);
      crm_sql_params_add_text (params, upper);
      g_string_append_printf (where,
                              " AND c.id IN (SELECT customer_id FROM search_terms"
                              " WHERE term >= ?%u AND term < ?%u)",
                              n + 1, n + 2);
      n += 2;
    }

  select = g_string_new ("SELECT c.id, c.code, c.name, c.kind, c.tier, c.industry, c.owner_id, m.name,"
                         " c.last_contact_at, c.do_not_contact, c.archived, c.sort_key, c.id"
                         " FROM customers c LEFT JOIN team_members m ON m.id = c.owner_id");
  g_string_append (select, where->str);
  count = g_string_new ("SELECT count(*) FROM customers c");
  g_string_append (count, where->str);

  query.select_sql = select->str;
  query.count_sql = count->str;
  crm_paged_model_set_query (model, &query, params);
}
