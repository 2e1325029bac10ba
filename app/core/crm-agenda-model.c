/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-agenda-model"

#include <string.h>

#include "crm-agenda-model.h"

#define FILTER_KEY "crm-agenda-filter"

static GObject *
make_item (sqlite3_stmt *row)
{
  return G_OBJECT (crm_agenda_item_new_from_row (row));
}

CrmPagedModel *
crm_agenda_model_new (CrmStore *store)
{
  CrmPagedModel *model = crm_paged_model_new (store,
                                              CRM_CHANGE_MASK (CRM_CHANGE_FOLLOWUP) |
                                              CRM_CHANGE_MASK (CRM_CHANGE_CUSTOMER) |
                                              CRM_CHANGE_MASK (CRM_CHANGE_TEAM));
  CrmAgendaFilter filter = CRM_AGENDA_FILTER_INIT;

  crm_agenda_model_set_filter (model, &filter);
  return model;
}

void
crm_agenda_model_get_filter (CrmPagedModel   *model,
                             CrmAgendaFilter *filter)
{
  const CrmAgendaFilter *kept = g_object_get_data (G_OBJECT (model), FILTER_KEY);
  CrmAgendaFilter none = CRM_AGENDA_FILTER_INIT;

  g_return_if_fail (filter != NULL);
  *filter = kept != NULL ? *kept : none;
}

/* " AND …" over followups f, from fixed fragments; ?1 is always now.  Every
 * value is a bound parameter. */
static GString *
build_conditions (const CrmAgendaFilter *filter,
                  CrmSqlParams          *params)
{
  GString *where = g_string_new (NULL);
  guint n = crm_sql_params_get_len (params);

  switch (filter->state)
    {
    case CRM_AGENDA_STATE_PLANNED:
      g_string_append (where, " AND f.status = 0 AND f.planned_at >= ?1");
      break;
    case CRM_AGENDA_STATE_OVERDUE:
      g_string_append (where, " AND f.status = 0 AND f.planned_at < ?1");
      break;
    case CRM_AGENDA_STATE_DONE:
      g_string_append (where, " AND f.status = 1");
      break;
    case CRM_AGENDA_STATE_SKIPPED:
      g_string_append (where, " AND f.status = 2");
      break;
    case CRM_AGENDA_STATE_ANY:
    default:
      break;
    }
  if (filter->customer_id > 0)
    {
      crm_sql_params_add_int (params, filter->customer_id);
      g_string_append_printf (where, " AND f.customer_id = ?%u", ++n);
    }
  if (filter->owner_id > 0)
    {
      crm_sql_params_add_int (params, filter->owner_id);
      g_string_append_printf (where, " AND f.owner_id = ?%u", ++n);
    }
  if (filter->from > 0)
    {
      crm_sql_params_add_int (params, filter->from);
      g_string_append_printf (where, " AND f.planned_at >= ?%u", ++n);
    }
  if (filter->until > 0)
    {
      crm_sql_params_add_int (params, filter->until);
      g_string_append_printf (where, " AND f.planned_at < ?%u", ++n);
    }
  return where;
}

/* The planned time as 12 digits, after a text key: the rows of one customer or
 * owner in planned order */
#define THEN_PLANNED " || char(1) || printf('%012d', f.planned_at)"

/* The sort key over followups f, customers c and team_members m, from fixed
 * fragments (?1 is now) */
static const char *
sort_key (const CrmAgendaFilter *filter)
{
  gboolean down = filter->descending;

  switch (filter->sort)
    {
    case CRM_AGENDA_SORT_ACTUAL:
      /* not done yet: after the done ones either way (2^62 away), by planned time */
      return down ? "ifnull(f.actual_at, f.planned_at - 4611686018427387904)"
                  : "ifnull(f.actual_at, f.planned_at + 4611686018427387904)";
    case CRM_AGENDA_SORT_CODE:
      return "c.code" THEN_PLANNED;
    case CRM_AGENDA_SORT_CUSTOMER:
      return "c.sort_key" THEN_PLANNED;
    case CRM_AGENDA_SORT_STATE:
      /* Planned 0, Overdue 1, Done 2, Skipped 3; then the planned time */
      return "(CASE WHEN f.status = 0 AND f.planned_at < ?1 THEN 1 WHEN f.status = 0 THEN 0"
             " ELSE f.status + 1 END) * 1099511627776 + f.planned_at";
    case CRM_AGENDA_SORT_OWNER:
      /* nobody's: after everybody's either way */
      return down ? "ifnull(m.name, '')" THEN_PLANNED : "ifnull(m.name, char(1114111))" THEN_PLANNED;
    case CRM_AGENDA_SORT_PLANNED:
    case CRM_N_AGENDA_SORTS:
    default:
      return "f.planned_at";
    }
}

void
crm_agenda_model_set_filter (CrmPagedModel         *model,
                             const CrmAgendaFilter *filter)
{
  CrmStore *store = crm_paged_model_get_store (model);
  CrmSqlParams *params = crm_sql_params_new ();
  g_autoptr(GString) conditions = NULL;
  g_autofree char *where = NULL;
  g_autofree char *select = NULL;
  g_autofree char *count = NULL;
  g_autofree char *keys = NULL;
  const char *key;
  CrmPagedQuery query = {
    .item_type = CRM_TYPE_AGENDA_ITEM,
    .id_expr = "f.id",
    .make_item = make_item,
  };

  g_return_if_fail (filter != NULL);

  key = sort_key (filter);
  query.key_expr = key;
  query.descending = filter->descending;

  /* ?1: now, for the derived state and the Planned / Overdue filters */
  crm_sql_params_add_int (params, crm_store_now (store));
  conditions = build_conditions (filter, params);
  /* a bare count(*) of a table is answered from the b-tree at once */
  where = conditions->len == 0 ? g_strdup ("") : g_strconcat (" WHERE", conditions->str + strlen (" AND"), NULL);
  select = g_strconcat ("SELECT " CRM_AGENDA_ITEM_COLUMNS ", ", key, ", f.id FROM followups f"
                        CRM_AGENDA_ITEM_JOINS " WHERE 1", conditions->str, NULL);
  count = g_strconcat ("SELECT count(*) FROM followups f", where, NULL);
  /* a jump far into the list finds its key through the index by planned time;
   * the other keys are found by an OFFSET walk */
  if (filter->sort == CRM_AGENDA_SORT_PLANNED)
    keys = g_strconcat ("SELECT f.planned_at, f.id FROM followups f", where, NULL);
  query.select_sql = select;
  query.count_sql = count;
  query.keys_sql = keys;

  g_object_set_data_full (G_OBJECT (model), FILTER_KEY, g_memdup2 (filter, sizeof *filter), g_free);
  crm_paged_model_set_query (model, &query, params);
}
