/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-paged-model"

#include <string.h>

#include "crm-paged-model.h"

#define MAX_CACHED_PAGES 24

/* ---- parameters ---- */

typedef struct {
  int    type;      /* SQLITE_INTEGER or SQLITE_TEXT */
  gint64 number;
  char  *text;
} Param;

struct _CrmSqlParams {
  GArray *values;
};

static void
param_clear (gpointer data)
{
  g_free (((Param *) data)->text);
}

CrmSqlParams *
crm_sql_params_new (void)
{
  CrmSqlParams *params = g_new0 (CrmSqlParams, 1);

  params->values = g_array_new (FALSE, TRUE, sizeof (Param));
  g_array_set_clear_func (params->values, param_clear);
  return params;
}

void
crm_sql_params_free (CrmSqlParams *params)
{
  if (params == NULL)
    return;
  g_array_unref (params->values);
  g_free (params);
}

void
crm_sql_params_add_int (CrmSqlParams *params,
                        gint64        value)
{
  Param p = { SQLITE_INTEGER, value, NULL };

  g_array_append_val (params->values, p);
}

void
crm_sql_params_add_text (CrmSqlParams *params,
                         const char   *value)
{
  Param p = { SQLITE_TEXT, 0, g_strdup (value) };

  g_array_append_val (params->values, p);
}

guint
crm_sql_params_get_len (CrmSqlParams *params)
{
  return params->values->len;
}

void
crm_sql_params_bind (CrmSqlParams *params,
                     sqlite3_stmt *stmt)
{
  for (guint i = 0; i < params->values->len; i++)
    {
      const Param *p = &g_array_index (params->values, Param, i);

      if (p->type == SQLITE_INTEGER)
        sqlite3_bind_int64 (stmt, i + 1, p->number);
      else
        sqlite3_bind_text (stmt, i + 1, p->text, -1, SQLITE_STATIC);
    }
}

/* ---- the model ---- */

typedef struct {
  guint          index;
  guint64        used;       /* for LRU eviction */
  GPtrArray     *items;
  sqlite3_value *last_key;
  gint64         last_id;
} Page;

struct _CrmPagedModel
{
  GObject parent_instance;

  /* owned */
  CrmStore     *store;
  CrmSqlParams *params;
  GHashTable   *pages;        /* page index → Page */
  char         *sql_count;
  char         *sql_first;
  char         *sql_after;
  char         *sql_offset;
  char         *sql_key_at;     /* the key at an offset (keys only) */
  char         *sql_key_at_end; /* the same, counted from the end */
  char         *sql_from_key;   /* a page starting at a key, inclusive */
  char         *sql_before_key; /* the row some places before a key */

  CrmPagedQuery query;
  gboolean      truncated;
  guint         watch_mask;
  guint         n_items;
  guint64       use_counter;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmPagedModel, crm_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_free (gpointer data)
{
  Page *page = data;

  g_ptr_array_unref (page->items);
  sqlite3_value_free (page->last_key);
  g_free (page);
}

static void
store_changed_cb (CrmPagedModel *self,
                  int            kind,
                  gint64         id,
                  CrmStore      *store)
{
  if (kind == CRM_CHANGE_ALL || (self->watch_mask & CRM_CHANGE_MASK (kind)) != 0)
    crm_paged_model_reload (self);
}

static void
crm_paged_model_dispose (GObject *object)
{
  CrmPagedModel *self = (CrmPagedModel *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_paged_model_parent_class)->dispose (object);
}

static void
crm_paged_model_finalize (GObject *object)
{
  CrmPagedModel *self = (CrmPagedModel *) object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->params, crm_sql_params_free);
  g_free (self->sql_count);
  g_free (self->sql_first);
  g_free (self->sql_after);
  g_free (self->sql_offset);
  g_free (self->sql_key_at);
  g_free (self->sql_key_at_end);
  g_free (self->sql_from_key);
  g_free (self->sql_before_key);

  G_OBJECT_CLASS (crm_paged_model_parent_class)->finalize (object);
}

static void
crm_paged_model_class_init (CrmPagedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_paged_model_dispose;
  object_class->finalize = crm_paged_model_finalize;
}

static void
crm_paged_model_init (CrmPagedModel *self)
{
  self->pages = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, page_free);
  self->query.item_type = G_TYPE_OBJECT;
}

static GType
crm_paged_model_get_item_type (GListModel *model)
{
  return CRM_PAGED_MODEL (model)->query.item_type;
}

static guint
crm_paged_model_get_n_items (GListModel *model)
{
  return CRM_PAGED_MODEL (model)->n_items;
}

static void
evict_if_needed (CrmPagedModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_CACHED_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Page *) value)->used < oldest)
          {
            oldest = ((Page *) value)->used;
            oldest_key = key;
          }
      g_hash_table_remove (self->pages, oldest_key);
    }
}

/* Finds the key of the row at @offset through the keys-only query, walking
 * the index from whichever end is nearer. */
static gboolean
key_at_offset (CrmPagedModel  *self,
               guint           offset,
               sqlite3_value **key,
               gint64         *id)
{
  g_autoptr(GError) error = NULL;
  gboolean from_end = self->n_items > 0 && offset >= self->n_items / 2 && offset < self->n_items;
  sqlite3_stmt *stmt = crm_store_prepare (self->store, from_end ? self->sql_key_at_end : self->sql_key_at, &error);
  gboolean found = FALSE;

  if (from_end)
    offset = self->n_items - 1 - offset;

  if (stmt == NULL)
    {
      g_warning ("Could not find a position: %s", error->message);
      return FALSE;
    }
  crm_sql_params_bind (self->params, stmt);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *key = sqlite3_value_dup (sqlite3_column_value (stmt, 0));
      *id = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

/* Loads page @index; with @given_key, the page starts at that row (a key the
 * caller found by other means), else the page before or an offset says where. */
static Page *
load_page_full (CrmPagedModel *self,
                guint          index,
                sqlite3_value *given_key,
                gint64         given_id)
{
  g_autoptr(GError) error = NULL;
  Page *before = index > 0 && given_key == NULL ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index - 1)) : NULL;
  sqlite3_value *start_key = given_key != NULL ? sqlite3_value_dup (given_key) : NULL;
  gint64 start_id = given_id;
  sqlite3_stmt *stmt;
  Page *page;
  int columns;

  if (start_key != NULL)
    stmt = crm_store_prepare (self->store, self->sql_from_key, &error);
  else if (index == 0)
    stmt = crm_store_prepare (self->store, self->sql_first, &error);
  else if (before != NULL && before->last_key != NULL)
    stmt = crm_store_prepare (self->store, self->sql_after, &error);
  else if (self->sql_key_at != NULL &&
           key_at_offset (self, index * CRM_PAGED_MODEL_PAGE_SIZE, &start_key, &start_id))
    stmt = crm_store_prepare (self->store, self->sql_from_key, &error);
  else
    stmt = crm_store_prepare (self->store, self->sql_offset, &error);

  if (stmt == NULL)
    {
      g_warning ("Could not load a page: %s", error->message);
      sqlite3_value_free (start_key);
      return NULL;
    }

  crm_sql_params_bind (self->params, stmt);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), CRM_PAGED_MODEL_PAGE_SIZE);
  if (index > 0 && before != NULL && before->last_key != NULL)
    {
      sqlite3_bind_value (stmt, sqlite3_bind_parameter_index (stmt, ":key"), before->last_key);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), before->last_id);
    }
  else if (start_key != NULL)
    {
      sqlite3_bind_value (stmt, sqlite3_bind_parameter_index (stmt, ":key"), start_key);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), start_id);
    }
  else if (index > 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"),
                        (gint64) index * CRM_PAGED_MODEL_PAGE_SIZE);
  sqlite3_value_free (start_key);

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (CRM_PAGED_MODEL_PAGE_SIZE, g_object_unref);
  columns = sqlite3_column_count (stmt);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (page->items, self->query.make_item (stmt));
      sqlite3_value_free (page->last_key);
      page->last_key = sqlite3_value_dup (sqlite3_column_value (stmt, columns - 2));
      page->last_id = sqlite3_column_int64 (stmt, columns - 1);
    }
  sqlite3_reset (stmt);

  /* Stamped before eviction, so the page just loaded is never the one dropped */
  page->used = ++self->use_counter;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  evict_if_needed (self);

  return page;
}

static Page *
load_page (CrmPagedModel *self,
           guint          index)
{
  return load_page_full (self, index, NULL, 0);
}

gboolean
crm_paged_model_load_at_key (CrmPagedModel *self,
                             guint          position,
                             sqlite3_value *key,
                             gint64         id)
{
  g_autoptr(GError) error = NULL;
  guint index = position / CRM_PAGED_MODEL_PAGE_SIZE;
  guint back = position % CRM_PAGED_MODEL_PAGE_SIZE;
  sqlite3_value *start_key = NULL;
  gint64 start_id = id;
  sqlite3_stmt *stmt;
  Page *page;

  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), FALSE);

  if (position >= self->n_items || self->sql_from_key == NULL)
    return FALSE;
  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (index)))
    return TRUE;

  if (back == 0)
    start_key = sqlite3_value_dup (key);
  else
    {
      /* the page starts a few rows before the one we know */
      stmt = crm_store_prepare (self->store, self->sql_before_key, &error);
      if (stmt == NULL)
        {
          g_warning ("Could not find a position: %s", error->message);
          return FALSE;
        }
      crm_sql_params_bind (self->params, stmt);
      sqlite3_bind_value (stmt, sqlite3_bind_parameter_index (stmt, ":key"), key);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), id);
      sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), back - 1);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          int columns = sqlite3_column_count (stmt);

          start_key = sqlite3_value_dup (sqlite3_column_value (stmt, columns - 2));
          start_id = sqlite3_column_int64 (stmt, columns - 1);
        }
      sqlite3_reset (stmt);
    }
  if (start_key == NULL)
    return FALSE;

  page = load_page_full (self, index, start_key, start_id);
  sqlite3_value_free (start_key);
  return page != NULL;
}

static gpointer
crm_paged_model_get_item (GListModel *model,
                          guint       position)
{
  CrmPagedModel *self = CRM_PAGED_MODEL (model);
  guint index = position / CRM_PAGED_MODEL_PAGE_SIZE;
  guint offset = position % CRM_PAGED_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items || self->query.make_item == NULL)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    page = load_page (self, index);
  if (page == NULL)
    return NULL;

  page->used = ++self->use_counter;
  if (offset >= page->items->len)
    return NULL;   /* rows vanished under us; a reload follows the change signal */

  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_paged_model_get_item_type;
  iface->get_n_items = crm_paged_model_get_n_items;
  iface->get_item = crm_paged_model_get_item;
}

CrmPagedModel *
crm_paged_model_new (CrmStore *store,
                     guint     watch_mask)
{
  CrmPagedModel *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_PAGED_MODEL, NULL);
  self->store = g_object_ref (store);
  self->watch_mask = watch_mask;
  self->params = crm_sql_params_new ();
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

static void replace_all (CrmPagedModel *self);

static guint
count_rows (CrmPagedModel *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 n = 0;

  if (self->sql_count == NULL)
    return 0;

  stmt = crm_store_prepare (self->store, self->sql_count, &error);
  if (stmt == NULL)
    {
      g_warning ("Could not count: %s", error->message);
      return 0;
    }
  crm_sql_params_bind (self->params, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  self->truncated = self->query.max_items > 0 && n > self->query.max_items;
  if (self->query.max_items > 0)
    n = MIN (n, (gint64) self->query.max_items);

  return (guint) CLAMP (n, 0, G_MAXUINT);
}

void
crm_paged_model_set_query (CrmPagedModel       *self,
                           const CrmPagedQuery *query,
                           CrmSqlParams        *params)
{
  const char *dir;
  const char *cmp;

  g_return_if_fail (CRM_IS_PAGED_MODEL (self));
  g_return_if_fail (query != NULL && params != NULL);

  self->query = *query;
  g_clear_pointer (&self->params, crm_sql_params_free);
  self->params = params;

  dir = query->descending ? "DESC" : "ASC";
  cmp = query->descending ? "<" : ">";

  g_free (self->sql_count);
  g_free (self->sql_first);
  g_free (self->sql_after);
  g_free (self->sql_offset);
  g_clear_pointer (&self->sql_key_at, g_free);
  g_clear_pointer (&self->sql_key_at_end, g_free);
  g_clear_pointer (&self->sql_from_key, g_free);
  g_clear_pointer (&self->sql_before_key, g_free);
  /* Structure only: every value is bound. */
  self->sql_count = g_strdup (query->count_sql);
  self->sql_first = g_strdup_printf ("%s ORDER BY %s %s, %s %s LIMIT :limit",
                                     query->select_sql, query->key_expr, dir, query->id_expr, dir);
  self->sql_after = g_strdup_printf ("%s AND (%s, %s) %s (:key, :id) ORDER BY %s %s, %s %s LIMIT :limit",
                                     query->select_sql, query->key_expr, query->id_expr, cmp,
                                     query->key_expr, dir, query->id_expr, dir);
  self->sql_offset = g_strdup_printf ("%s ORDER BY %s %s, %s %s LIMIT :limit OFFSET :offset",
                                      query->select_sql, query->key_expr, dir, query->id_expr, dir);
  if (query->keys_sql != NULL)
    {
      const char *reverse = query->descending ? "ASC" : "DESC";

      self->sql_key_at = g_strdup_printf ("%s ORDER BY %s %s, %s %s LIMIT 1 OFFSET :offset",
                                          query->keys_sql, query->key_expr, dir, query->id_expr, dir);
      self->sql_key_at_end = g_strdup_printf ("%s ORDER BY %s %s, %s %s LIMIT 1 OFFSET :offset",
                                              query->keys_sql, query->key_expr, reverse, query->id_expr, reverse);
      self->sql_from_key = g_strdup_printf ("%s AND (%s, %s) %s= (:key, :id) ORDER BY %s %s, %s %s LIMIT :limit",
                                            query->select_sql, query->key_expr, query->id_expr, cmp,
                                            query->key_expr, dir, query->id_expr, dir);
      self->sql_before_key = g_strdup_printf ("%s AND (%s, %s) %s (:key, :id) ORDER BY %s %s, %s %s LIMIT 1 OFFSET :offset",
                                              query->select_sql, query->key_expr, query->id_expr,
                                              query->descending ? ">" : "<",
                                              query->key_expr, reverse, query->id_expr, reverse);
    }

  /* The caller's strings are not kept */
  self->query.select_sql = NULL;
  self->query.count_sql = NULL;
  self->query.keys_sql = NULL;

  replace_all (self);
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* After a change in the store the rows are read again.  GTK 4.8's list views
 * look for their rows' items among every row a change reports, so "all of it
 * changed" would read the whole list; only the pages that were loaded (the rows
 * on screen) and the difference at the end are reported. */
void
crm_paged_model_reload (CrmPagedModel *self)
{
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;
  guint old_n, common;

  g_return_if_fail (CRM_IS_PAGED_MODEL (self));

  old_n = self->n_items;
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key);

      g_array_append_val (loaded, index);
    }
  g_array_sort (loaded, compare_uints);
  g_hash_table_remove_all (self->pages);
  self->n_items = count_rows (self);

  /* the length first, so that each signal leaves the list as long as it says */
  common = MIN (old_n, self->n_items);
  if (old_n != self->n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, self->n_items - common);
  for (guint i = 0; i < loaded->len; i++)
    {
      guint start = g_array_index (loaded, guint, i) * CRM_PAGED_MODEL_PAGE_SIZE;

      if (start < common)
        g_list_model_items_changed (G_LIST_MODEL (self), start, MIN (CRM_PAGED_MODEL_PAGE_SIZE, common - start),
                                    MIN (CRM_PAGED_MODEL_PAGE_SIZE, common - start));
    }
}

/* A new query: everything goes, then the new rows come (in two steps, so
 * nothing looks for old rows among the new ones) and the view starts at the top. */
static void
replace_all (CrmPagedModel *self)
{
  guint old_n = self->n_items;

  g_hash_table_remove_all (self->pages);
  self->n_items = 0;
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  self->n_items = count_rows (self);
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
}

CrmStore *
crm_paged_model_get_store (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), NULL);
  return self->store;
}

guint
crm_paged_model_get_n_cached_pages (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

gboolean
crm_paged_model_is_truncated (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), FALSE);
  return self->truncated;
}

guint
crm_paged_model_get_max_cached_pages (CrmPagedModel *self)
{
  return MAX_CACHED_PAGES;
}
