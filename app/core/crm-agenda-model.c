/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-agenda-model"

#include <string.h>

#include "crm-agenda-model.h"
#include "crm-playbook.h"

#define FILTER_KEY "crm-agenda-filter"
#define LIMIT_KEY "crm-agenda-sort-limit"
#define LIMITED_KEY "crm-agenda-sort-limited"

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

/* A free text key: ignoring ASCII case, those without a text last either way */
#define TEXT_KEY(column, down) \
  (down ? "ifnull(nullif(lower(" column "), ''), '')" THEN_PLANNED \
        : "ifnull(nullif(lower(" column "), ''), char(1114111))" THEN_PLANNED)

/* The rule keys as "|key|key|…|", by the rules' titles as shown: a rule's
 * place in it is its sort key */
static int
compare_rule_titles (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const char *key_a = *(const char * const *) a;
  const char *key_b = *(const char * const *) b;
  int by_title = g_utf8_collate (crm_playbook_rule_title (key_a), crm_playbook_rule_title (key_b));

  return by_title != 0 ? by_title : strcmp (key_a, key_b);
}

static char *
rule_order (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GString *order = g_string_new ("|");

  for (guint i = 0; i < CRM_PLAYBOOK_N_RULES; i++)
    g_ptr_array_add (keys, (gpointer) crm_playbook_rule_key (i));
  g_ptr_array_sort_with_data (keys, compare_rule_titles, NULL);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (order, "%s|", (const char *) keys->pdata[i]);
  return g_string_free (order, FALSE);
}

/* The sort key over followups f, customers c and team_members m, from fixed
 * fragments (?1 is now; with the rule, ?2 is rule_order()) */
static const char *
sort_key (const CrmAgendaFilter *filter)
{
  gboolean down = filter->descending;

  switch (filter->sort)
    {
    case CRM_AGENDA_SORT_ACTUAL:
      /* not done yet: after the done ones either way (2^62 away), by planned
       * time: followups_done_up and followups_done_down */
      return down ? "ifnull(f.actual_at, f.planned_at - 4611686018427387904)"
                  : "ifnull(f.actual_at, f.planned_at + 4611686018427387904)";
    case CRM_AGENDA_SORT_CODE:
      return "c.code" THEN_PLANNED;
    case CRM_AGENDA_SORT_CUSTOMER:
      return "c.sort_key" THEN_PLANNED;
    case CRM_AGENDA_SORT_STATE:
      /* the open ones (Overdue, then Planned: by planned time), Done, Skipped:
       * followups_by_state */
      return "f.status * 1099511627776 + f.planned_at";
    case CRM_AGENDA_SORT_OWNER:
      /* nobody's: after everybody's either way */
      return down ? "ifnull(m.name, '')" THEN_PLANNED : "ifnull(m.name, char(1114111))" THEN_PLANNED;
    case CRM_AGENDA_SORT_ITEM:
      return TEXT_KEY ("f.item", down);
    case CRM_AGENDA_SORT_RESULT:
      return TEXT_KEY ("f.result", down);
    case CRM_AGENDA_SORT_NEXT_STEP:
      return TEXT_KEY ("f.next_step", down);
    case CRM_AGENDA_SORT_RULE:
      /* a rule's place among the titles; made by no rule: last either way */
      return down ? "printf('%08d', ifnull(instr(?2, '|' || f.rule_key || '|'), -1))" THEN_PLANNED
                  : "printf('%08d', ifnull(instr(?2, '|' || f.rule_key || '|'), 99999999))" THEN_PLANNED;
    case CRM_AGENDA_SORT_PLANNED:
    case CRM_N_AGENDA_SORTS:
    default:
      return "f.planned_at";
    }
}

/* The keys no index holds */
static gboolean
needs_sorting (CrmAgendaSort sort)
{
  return sort != CRM_AGENDA_SORT_PLANNED && sort != CRM_AGENDA_SORT_ACTUAL && sort != CRM_AGENDA_SORT_STATE;
}

static gint64
count_rows (CrmStore     *store,
            const char   *sql,
            CrmSqlParams *params)
{
  sqlite3_stmt *stmt = crm_store_prepare (store, sql, NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  crm_sql_params_bind (params, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

void
crm_agenda_model_set_sort_limit (CrmPagedModel *model,
                                 guint          limit)
{
  g_return_if_fail (CRM_IS_PAGED_MODEL (model));
  g_object_set_data (G_OBJECT (model), LIMIT_KEY, GUINT_TO_POINTER (limit));
}

guint
crm_agenda_model_get_sort_limit (CrmPagedModel *model)
{
  gpointer limit = g_object_get_data (G_OBJECT (model), LIMIT_KEY);

  return limit != NULL ? GPOINTER_TO_UINT (limit) : CRM_AGENDA_SORT_LIMIT;
}

gboolean
crm_agenda_model_is_sort_limited (CrmPagedModel *model)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (model), LIMITED_KEY));
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
  g_autofree char *unindexed = NULL;
  gboolean big, limited;
  CrmPagedQuery query = {
    .item_type = CRM_TYPE_AGENDA_ITEM,
    .id_expr = "f.id",
    .make_item = make_item,
  };

  g_return_if_fail (filter != NULL);

  key = sort_key (filter);
  query.descending = filter->descending;

  /* ?1: now, for the derived state and the Planned / Overdue filters */
  crm_sql_params_add_int (params, crm_store_now (store));
  if (filter->sort == CRM_AGENDA_SORT_RULE)
    {
      g_autofree char *order = rule_order ();

      crm_sql_params_add_text (params, order);
    }
  conditions = build_conditions (filter, params);
  /* a bare count(*) of a table is answered from the b-tree at once */
  where = conditions->len == 0 ? g_strdup ("") : g_strconcat (" WHERE", conditions->str + strlen (" AND"), NULL);
  count = g_strconcat ("SELECT count(*) FROM followups f", where, NULL);
  /* Up to the limit, the rows the filter selects are sorted for each page.
   * Beyond it, state and time done page along their indexes, and the keys of
   * the customer or the owner, which have none, give way to the planned time.
   * (Within the limit an index would be the wrong way in: walking it in order
   * for the few rows of a period can pass most of the table.) */
  big = filter->sort != CRM_AGENDA_SORT_PLANNED &&
        count_rows (store, count, params) > crm_agenda_model_get_sort_limit (model);
  limited = big && needs_sorting (filter->sort);
  if (limited)
    key = "f.planned_at";
  else if (!big && filter->sort != CRM_AGENDA_SORT_PLANNED && !needs_sorting (filter->sort))
    key = unindexed = g_strconcat (key, " + 0", NULL);
  query.key_expr = key;
  g_object_set_data (G_OBJECT (model), LIMITED_KEY, GINT_TO_POINTER (limited));
  select = g_strconcat ("SELECT " CRM_AGENDA_ITEM_COLUMNS ", ", key, ", f.id FROM followups f"
                        CRM_AGENDA_ITEM_JOINS " WHERE 1", conditions->str, NULL);
  /* a jump far into the list finds its key through the index by planned time;
   * the other keys are found by an OFFSET walk */
  if (g_str_equal (key, "f.planned_at"))
    keys = g_strconcat ("SELECT f.planned_at, f.id FROM followups f", where, NULL);
  query.select_sql = select;
  query.count_sql = count;
  query.keys_sql = keys;

  g_object_set_data_full (G_OBJECT (model), FILTER_KEY, g_memdup2 (filter, sizeof *filter), g_free);
  crm_paged_model_set_query (model, &query, params);
}
