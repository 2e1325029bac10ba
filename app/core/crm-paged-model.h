/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_PAGED_MODEL_PAGE_SIZE 100

typedef GObject *(*CrmPagedMakeItem) (sqlite3_stmt *row);

/* One query a lazy list pages through.  select_sql is "SELECT …, <key>, <id> FROM …
 * WHERE …": its last two columns are the sort key and the unique id, and it
 * ends with a WHERE clause the model extends.  count_sql counts the same rows.
 * keys_sql, if given, selects only "<key>, <id>" of the same rows, as cheaply as
 * possible (a covering index): a jump far into the list finds its start key
 * with it, then pages by key.  All take the same numbered parameters ?1…?N.
 * With max_items, the list holds at most that many rows (the first ones in
 * order) and count_sql may stop counting after max_items + 1. */
typedef struct {
  GType             item_type;
  const char       *select_sql;
  const char       *count_sql;
  const char       *keys_sql;
  const char       *key_expr;
  const char       *id_expr;
  gboolean          descending;
  guint             max_items;
  CrmPagedMakeItem  make_item;
} CrmPagedQuery;

/* Bound values for the numbered parameters. */
typedef struct _CrmSqlParams CrmSqlParams;

CrmSqlParams *crm_sql_params_new      (void);
void          crm_sql_params_free     (CrmSqlParams *params);
void          crm_sql_params_add_int  (CrmSqlParams *params,
                                       gint64        value);
void          crm_sql_params_add_text (CrmSqlParams *params,
                                       const char   *value);
guint         crm_sql_params_get_len  (CrmSqlParams *params);
void          crm_sql_params_bind     (CrmSqlParams *params,
                                       sqlite3_stmt *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSqlParams, crm_sql_params_free)

/* A GListModel over a query of any size: it counts the rows, loads pages of
 * CRM_PAGED_MODEL_PAGE_SIZE on demand (by key after the page before, by OFFSET
 * only when jumping) and keeps a bounded number of pages in memory. */
#define CRM_TYPE_PAGED_MODEL (crm_paged_model_get_type ())
G_DECLARE_FINAL_TYPE (CrmPagedModel, crm_paged_model, CRM, PAGED_MODEL, GObject)

CrmPagedModel *crm_paged_model_new               (CrmStore            *store,
                                                  guint                watch_mask);
/* Replaces the query (takes @params); emits items-changed for the whole list. */
void           crm_paged_model_set_query         (CrmPagedModel       *self,
                                                  const CrmPagedQuery *query,
                                                  CrmSqlParams        *params);
/* Counts again and drops cached pages (after a change in the store). */
void           crm_paged_model_reload            (CrmPagedModel       *self);
CrmStore      *crm_paged_model_get_store         (CrmPagedModel       *self);
/* TRUE when more rows match than max_items: the list shows the first ones. */
gboolean       crm_paged_model_is_truncated      (CrmPagedModel       *self);
/* Loads the page holding @position when the caller knows the row there by its
 * key and id (found through an index): no OFFSET walk.  FALSE if it could not. */
gboolean       crm_paged_model_load_at_key       (CrmPagedModel       *self,
                                                  guint                position,
                                                  sqlite3_value       *key,
                                                  gint64               id);
guint          crm_paged_model_get_n_cached_pages (CrmPagedModel      *self);
guint          crm_paged_model_get_max_cached_pages (CrmPagedModel    *self);

#define CRM_CHANGE_MASK(kind) (1u << (kind))

G_END_DECLS
