/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-customers"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-customer-private.h"
#include "crm-search.h"
#include "crm-store-customers.h"
#include "crm-validate.h"

#define CUSTOMER_COLUMNS \
  "c.id, c.code, c.name, c.kind, c.tier, c.industry, c.owner_id, m.name," \
  " c.last_contact_at, c.do_not_contact, c.archived, c.health_score," \
  " (SELECT s.risk FROM customer_scores s WHERE s.customer_id = c.id)"

static CrmCustomer *
customer_from_row (sqlite3_stmt *stmt)
{
  CrmCustomer *self = g_object_new (CRM_TYPE_CUSTOMER, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->code = crm_sql_column_dup (stmt, 1);
  self->name = crm_sql_column_dup (stmt, 2);
  self->kind = sqlite3_column_int (stmt, 3);
  self->tier = sqlite3_column_int (stmt, 4);
  self->industry = crm_sql_column_dup (stmt, 5);
  self->owner_id = sqlite3_column_int64 (stmt, 6);
  self->owner_name = crm_sql_column_dup (stmt, 7);
  self->last_contact_at = sqlite3_column_int64 (stmt, 8);
  self->do_not_contact = sqlite3_column_int (stmt, 9) != 0;
  self->archived = sqlite3_column_int (stmt, 10) != 0;
  self->health_score = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 11);
  self->risk = sqlite3_column_int (stmt, 12);

  return self;
}

CrmCustomer *
crm_customer_new_from_row (sqlite3_stmt *stmt)
{
  return customer_from_row (stmt);
}

static gboolean
check_draft (const CrmCustomerDraft  *draft,
             GError                 **error)
{
  g_auto(CrmValidation) validation = { { NULL } };

  if (crm_customer_draft_validate (draft, &validation))
    return TRUE;

  for (guint i = 0; i < CRM_N_CUSTOMER_FIELDS; i++)
    if (validation.messages[i] != NULL)
      {
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, validation.messages[i]);
        break;
      }
  return FALSE;
}

static int
current_year (CrmStore *self)
{
  g_autoptr(GDateTime) now = crm_clock_now_local (crm_store_get_clock (self));

  return g_date_time_get_year (now);
}

static void
bind_customer_fields (sqlite3_stmt           *stmt,
                      const CrmCustomerDraft *draft,
                      gint64                  now)
{
  g_autofree char *sort_key = crm_search_fold (draft->name);

  sqlite3_bind_text (stmt, 2, draft->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sort_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, draft->kind);
  crm_sql_bind_text_or_null (stmt, 5, draft->industry);
  sqlite3_bind_int (stmt, 6, draft->tier);
  sqlite3_bind_int (stmt, 7, draft->lifecycle);
  crm_sql_bind_text_or_null (stmt, 8, draft->source);
  crm_sql_bind_id_or_null (stmt, 9, draft->owner_id);
  crm_sql_bind_text_or_null (stmt, 10, draft->first_deal_date);
  crm_sql_bind_text_or_null (stmt, 11, draft->birthday);
  crm_sql_bind_text_or_null (stmt, 12, draft->anniversary);
  crm_sql_bind_text_or_null (stmt, 13, draft->address);
  crm_sql_bind_text_or_null (stmt, 14, draft->website);
  sqlite3_bind_int (stmt, 15, draft->do_not_contact ? 1 : 0);
  crm_sql_bind_text_or_null (stmt, 16, draft->notes);
  sqlite3_bind_int64 (stmt, 17, now);
}

static gboolean
has_contact (const CrmCustomerDraft *draft)
{
  return draft->contact_name != NULL || draft->phone != NULL || draft->email != NULL;
}

static gboolean
insert_primary_contact (CrmStore                *self,
                        gint64                   customer_id,
                        const CrmCustomerDraft  *draft,
                        GError                 **error)
{
  g_autofree char *digits = crm_search_phone_digits (draft->phone);
  sqlite3_stmt *stmt;
  gint64 now = crm_store_now (self);

  stmt = crm_store_prepare (self,
                            "INSERT INTO contacts (customer_id, name, title, role, phone, phone_digits, email,"
                            " is_primary, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?8)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, draft->contact_name != NULL ? draft->contact_name : draft->name, -1, SQLITE_TRANSIENT);
  crm_sql_bind_text_or_null (stmt, 3, draft->contact_title);
  sqlite3_bind_int (stmt, 4, draft->contact_role);
  crm_sql_bind_text_or_null (stmt, 5, draft->phone);
  crm_sql_bind_text_or_null (stmt, 6, digits);
  crm_sql_bind_text_or_null (stmt, 7, draft->email);
  sqlite3_bind_int64 (stmt, 8, now);

  if (!crm_store_step_done (self, stmt, error))
    return FALSE;

  crm_store_note_change (self, CRM_CHANGE_CONTACT, sqlite3_last_insert_rowid (crm_store_get_db (self)));
  return TRUE;
}

gint64
crm_store_create_customer (CrmStore               *self,
                           const CrmCustomerDraft *draft,
                           GError                **error)
{
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (draft != NULL, 0);

  if (!check_draft (draft, error))
    return 0;

  if (!crm_store_begin (self, error))
    return 0;

  code = crm_store_next_code (self, "CS", current_year (self), error);
  if (code == NULL)
    goto fail;

  stmt = crm_store_prepare (self,
                            "INSERT INTO customers (code, name, sort_key, kind, industry, tier, lifecycle, source,"
                            " owner_id, first_deal_date, birthday, anniversary, address, website, do_not_contact,"
                            " notes, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
                            error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  bind_customer_fields (stmt, draft, crm_store_now (self));
  if (!crm_store_step_done (self, stmt, error))
    goto fail;

  id = sqlite3_last_insert_rowid (crm_store_get_db (self));

  if (has_contact (draft) && !insert_primary_contact (self, id, draft, error))
    goto fail;

  if (!crm_store_reindex_customer (self, id, error))
    goto fail;

  crm_store_note_change (self, CRM_CHANGE_CUSTOMER, id);

  if (!crm_store_commit (self, error))
    return 0;

  return id;

fail:
  crm_store_rollback (self);
  return 0;
}

gboolean
crm_store_record_profile_change (CrmStore    *self,
                                 gint64       customer_id,
                                 const char  *field,
                                 const char  *old_value,
                                 const char  *new_value,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  stmt = crm_store_prepare (self,
                            "INSERT INTO profile_changes (customer_id, at, field, old_value, new_value, actor_id)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT id FROM team_members WHERE is_self = 1 LIMIT 1))",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, crm_store_now (self));
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  crm_sql_bind_text_or_null (stmt, 4, old_value);
  crm_sql_bind_text_or_null (stmt, 5, new_value);

  return crm_store_step_done (self, stmt, error);
}

gboolean
crm_store_update_customer (CrmStore               *self,
                           gint64                  id,
                           const CrmCustomerDraft *draft,
                           GError                **error)
{
  g_auto(CrmCustomerDraft) old = { 0 };
  sqlite3_stmt *stmt;
  gint64 contact_id = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (!check_draft (draft, error))
    return FALSE;

  if (!crm_store_begin (self, error))
    return FALSE;

  crm_customer_draft_init (&old);
  if (!crm_store_load_customer_draft (self, id, &old, error))
    goto fail;

  stmt = crm_store_prepare (self,
                            "UPDATE customers SET name = ?2, sort_key = ?3, kind = ?4, industry = ?5, tier = ?6,"
                            " lifecycle = ?7, source = ?8, owner_id = ?9, first_deal_date = ?10, birthday = ?11,"
                            " anniversary = ?12, address = ?13, website = ?14, do_not_contact = ?15, notes = ?16,"
                            " updated_at = ?17"
                            " WHERE id = ?1",
                            error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, id);
  bind_customer_fields (stmt, draft, crm_store_now (self));
  if (!crm_store_step_done (self, stmt, error))
    goto fail;

  /* The primary contact */
  stmt = crm_store_prepare (self, "SELECT id FROM contacts WHERE customer_id = ?1 AND is_primary = 1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    contact_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (contact_id != 0 && has_contact (draft))
    {
      g_autofree char *digits = crm_search_phone_digits (draft->phone);

      stmt = crm_store_prepare (self,
                                "UPDATE contacts SET name = ?2, title = ?3, role = ?4, phone = ?5, phone_digits = ?6,"
                                " email = ?7, updated_at = ?8 WHERE id = ?1",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      sqlite3_bind_text (stmt, 2, draft->contact_name != NULL ? draft->contact_name : draft->name, -1, SQLITE_TRANSIENT);
      crm_sql_bind_text_or_null (stmt, 3, draft->contact_title);
      sqlite3_bind_int (stmt, 4, draft->contact_role);
      crm_sql_bind_text_or_null (stmt, 5, draft->phone);
      crm_sql_bind_text_or_null (stmt, 6, digits);
      crm_sql_bind_text_or_null (stmt, 7, draft->email);
      sqlite3_bind_int64 (stmt, 8, crm_store_now (self));
      if (!crm_store_step_done (self, stmt, error))
        goto fail;
      crm_store_note_change (self, CRM_CHANGE_CONTACT, contact_id);
    }
  else if (contact_id == 0 && has_contact (draft))
    {
      if (!insert_primary_contact (self, id, draft, error))
        goto fail;
    }

  /* Key information that changed is kept on the customer's record */
  if (!crm_store_record_profile_change (self, id, "primary_contact", old.contact_name, draft->contact_name, error) ||
      !crm_store_record_profile_change (self, id, "phone", old.phone, draft->phone, error) ||
      !crm_store_record_profile_change (self, id, "email", old.email, draft->email, error) ||
      !crm_store_record_profile_change (self, id, "name", old.name, draft->name, error))
    goto fail;

  if (!crm_store_reindex_customer (self, id, error))
    goto fail;

  crm_store_note_change (self, CRM_CHANGE_CUSTOMER, id);
  return crm_store_commit (self, error);

fail:
  crm_store_rollback (self);
  return FALSE;
}

gboolean
crm_store_load_customer_draft (CrmStore          *self,
                               gint64             id,
                               CrmCustomerDraft  *draft,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  stmt = crm_store_prepare (self,
                            "SELECT c.name, c.kind, c.industry, c.tier, c.lifecycle, c.source, c.owner_id,"
                            " c.first_deal_date, c.birthday, c.anniversary, c.address, c.website, c.do_not_contact,"
                            " c.notes, p.name, p.title, p.role, p.phone, p.email"
                            " FROM customers c"
                            " LEFT JOIN contacts p ON p.customer_id = c.id AND p.is_primary = 1"
                            " WHERE c.id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      crm_customer_draft_clear (draft);
      draft->name = crm_sql_column_dup (stmt, 0);
      draft->kind = sqlite3_column_int (stmt, 1);
      draft->industry = crm_sql_column_dup (stmt, 2);
      draft->tier = sqlite3_column_int (stmt, 3);
      draft->lifecycle = sqlite3_column_int (stmt, 4);
      draft->source = crm_sql_column_dup (stmt, 5);
      draft->owner_id = sqlite3_column_int64 (stmt, 6);
      draft->first_deal_date = crm_sql_column_dup (stmt, 7);
      draft->birthday = crm_sql_column_dup (stmt, 8);
      draft->anniversary = crm_sql_column_dup (stmt, 9);
      draft->address = crm_sql_column_dup (stmt, 10);
      draft->website = crm_sql_column_dup (stmt, 11);
      draft->do_not_contact = sqlite3_column_int (stmt, 12) != 0;
      draft->notes = crm_sql_column_dup (stmt, 13);
      draft->contact_name = crm_sql_column_dup (stmt, 14);
      draft->contact_title = crm_sql_column_dup (stmt, 15);
      draft->contact_role = sqlite3_column_type (stmt, 16) == SQLITE_NULL
                              ? CRM_CONTACT_ROLE_DECISION_MAKER : sqlite3_column_int (stmt, 16);
      draft->phone = crm_sql_column_dup (stmt, 17);
      draft->email = crm_sql_column_dup (stmt, 18);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This customer no longer exists."));

  return found;
}

gboolean
crm_store_set_customer_archived (CrmStore  *self,
                                 gint64     id,
                                 gboolean   archived,
                                 GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;

  stmt = crm_store_prepare (self, "UPDATE customers SET archived = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, crm_store_now (self));
  if (!crm_store_step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (crm_store_get_db (self)) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This customer no longer exists."));
      goto fail;
    }

  crm_store_note_change (self, CRM_CHANGE_CUSTOMER, id);
  return crm_store_commit (self, error);

fail:
  crm_store_rollback (self);
  return FALSE;
}

static CrmCustomer *
get_customer_where (CrmStore    *self,
                    const char  *sql,
                    gint64       id,
                    const char  *code,
                    GError     **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (self, sql, error);
  CrmCustomer *customer = NULL;

  if (stmt == NULL)
    return NULL;

  if (code != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    customer = customer_from_row (stmt);
  sqlite3_reset (stmt);

  if (customer == NULL)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This customer no longer exists."));

  return customer;
}

CrmCustomer *
crm_store_get_customer (CrmStore  *self,
                        gint64     id,
                        GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return get_customer_where (self,
                             "SELECT " CUSTOMER_COLUMNS
                             " FROM customers c LEFT JOIN team_members m ON m.id = c.owner_id"
                             " WHERE c.id = ?1",
                             id, NULL, error);
}

CrmCustomer *
crm_store_find_customer_by_code (CrmStore    *self,
                                 const char  *code,
                                 GError     **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return get_customer_where (self,
                             "SELECT " CUSTOMER_COLUMNS
                             " FROM customers c LEFT JOIN team_members m ON m.id = c.owner_id"
                             " WHERE c.code = ?1",
                             0, code, error);
}

GPtrArray *
crm_store_find_duplicates (CrmStore   *self,
                           const char *name,
                           const char *phone,
                           gint64      exclude_id)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sort_key = crm_search_fold (name);
  g_autofree char *digits = crm_search_phone_digits (phone);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  g_strstrip (sort_key);
  stmt = crm_store_prepare (self,
                            "SELECT " CUSTOMER_COLUMNS
                            " FROM customers c LEFT JOIN team_members m ON m.id = c.owner_id"
                            " WHERE c.archived = 0 AND c.id != ?3 AND ("
                            "   (?1 != '' AND c.sort_key = ?1)"
                            "   OR c.id IN (SELECT customer_id FROM contacts WHERE phone_digits = ?2))"
                            " ORDER BY c.sort_key, c.id LIMIT 5",
                            NULL);
  if (stmt == NULL)
    return g_steal_pointer (&found);

  sqlite3_bind_text (stmt, 1, sort_key, -1, SQLITE_TRANSIENT);
  if (digits != NULL && strlen (digits) >= 5)
    sqlite3_bind_text (stmt, 2, digits, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, exclude_id);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (found, customer_from_row (stmt));
  sqlite3_reset (stmt);

  return g_steal_pointer (&found);
}

gint64
crm_store_count_customers (CrmStore *self,
                           gboolean  include_archived)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  /* Two statements: "archived = 0 OR ?" could not use the index */
  stmt = crm_store_prepare (self,
                            include_archived ? "SELECT count(*) FROM customers"
                                             : "SELECT count(*) FROM customers WHERE archived = 0",
                            NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

gboolean
crm_store_has_customers (CrmStore *self)
{
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  stmt = crm_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM customers)", NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return any;
}

/* @terms as a JSON array of strings, the form customer_terms keeps them in */
static char *
terms_json (GPtrArray *terms)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < terms->len; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *p = g_ptr_array_index (terms, i); *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_printf (json, "\\%c", *p);
          else if ((guchar) *p < 0x20)
            g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
          else
            g_string_append_c (json, *p);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* A customer's list of terms (JSON), written or replaced */
static gboolean
write_list (CrmStore    *self,
            gint64       id,
            const char  *json,
            GError     **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (self, "INSERT OR REPLACE INTO customer_terms (customer_id, terms)"
                                                " VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);
  return crm_store_step_done (self, stmt, error);
}

static gboolean
write_customer_terms (CrmStore   *self,
                      gint64      id,
                      GPtrArray  *terms,
                      GError    **error)
{
  g_autofree char *json = terms_json (terms);

  return write_list (self, id, json, error);
}

gboolean
crm_store_reindex_customer (CrmStore  *self,
                            gint64     id,
                            GError   **error)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmTermWriter) writer = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  stmt = crm_store_prepare (self, "SELECT name, code FROM customers WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      crm_search_add_text_terms (terms, (const char *) sqlite3_column_text (stmt, 0));
      crm_search_add_text_terms (terms, (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  stmt = crm_store_prepare (self, "SELECT name, phone, email FROM contacts WHERE customer_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      crm_search_add_contact_terms (terms, (const char *) sqlite3_column_text (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  /* the terms written last time, found by search_terms' key from their list */
  stmt = crm_store_prepare (self,
                            "DELETE FROM search_terms WHERE customer_id = ?1 AND term IN"
                            " (SELECT j.value FROM customer_terms t, json_each(t.terms) j WHERE t.customer_id = ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!crm_store_step_done (self, stmt, error))
    return FALSE;

  /* no longer waiting for them, if it was (a large import's customer saved early) */
  stmt = crm_store_prepare (self, "DELETE FROM unindexed_customers WHERE customer_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!crm_store_step_done (self, stmt, error))
    return FALSE;

  /* the new ones, and their list */
  writer = crm_term_writer_new (self, G_MAXUINT);
  return crm_term_writer_add (writer, id, terms, error) && crm_term_writer_flush (writer, error);
}

/* ---- the customers a large import left without terms ---- */

gint64
crm_store_count_unindexed (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return crm_store_count (self, "unindexed_customers");
}

typedef struct {
  gint64  id;
  char   *name;
  char   *code;
} Unindexed;

static void
unindexed_clear (gpointer data)
{
  Unindexed *u = data;

  g_free (u->name);
  g_free (u->code);
}

/* The terms of the first @batch customers of unindexed_customers, made as
 * crm_store_reindex_customer() makes them; inside a transaction.  Sets
 * *@n_done to how many there were (0: none left). */
static gboolean
index_some (CrmStore  *self,
            guint      batch,
            guint     *n_done,
            GError   **error)
{
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (Unindexed));
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmTermWriter) writer = NULL;
  sqlite3_stmt *stmt;
  gint64 first, last;
  gboolean have, ok = TRUE;

  *n_done = 0;
  g_array_set_clear_func (customers, unindexed_clear);
  stmt = crm_store_prepare (self,
                            "SELECT u.customer_id, c.name, c.code FROM unindexed_customers u"
                            " JOIN customers c ON c.id = u.customer_id ORDER BY u.customer_id LIMIT ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Unindexed u = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };

      g_array_append_val (customers, u);
    }
  sqlite3_reset (stmt);
  if (customers->len == 0)
    return TRUE;
  first = g_array_index (customers, Unindexed, 0).id;
  last = g_array_index (customers, Unindexed, customers->len - 1).id;

  /* their contacts in the same order, customer by customer */
  writer = crm_term_writer_new (self, G_MAXUINT);
  stmt = crm_store_prepare (self,
                            "SELECT customer_id, name, phone, email FROM contacts"
                            " WHERE customer_id BETWEEN ?1 AND ?2 ORDER BY customer_id, id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  have = sqlite3_step (stmt) == SQLITE_ROW;
  for (guint i = 0; ok && i < customers->len; i++)
    {
      const Unindexed *u = &g_array_index (customers, Unindexed, i);

      crm_search_add_text_terms (terms, u->name);
      crm_search_add_text_terms (terms, u->code);
      /* (the contacts of customers in the range that are not listed are passed over) */
      while (have && sqlite3_column_int64 (stmt, 0) < u->id)
        have = sqlite3_step (stmt) == SQLITE_ROW;
      for (; have && sqlite3_column_int64 (stmt, 0) == u->id; have = sqlite3_step (stmt) == SQLITE_ROW)
        crm_search_add_contact_terms (terms, (const char *) sqlite3_column_text (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3));
      ok = crm_term_writer_add (writer, u->id, terms, error);
    }
  sqlite3_reset (stmt);
  if (!ok || !crm_term_writer_flush (writer, error))
    return FALSE;

  stmt = crm_store_prepare (self, "DELETE FROM unindexed_customers WHERE customer_id BETWEEN ?1 AND ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);
  if (!crm_store_step_done (self, stmt, error))
    return FALSE;
  *n_done = customers->len;
  return TRUE;
}

gboolean
crm_store_index_customers (CrmStore      *self,
                           guint          batch,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch > 0, FALSE);

  for (;;)
    {
      guint n = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!crm_store_begin (self, error))
        return FALSE;
      if (!index_some (self, batch, &n, error))
        {
          crm_store_rollback (self);
          return FALSE;
        }
      if (!crm_store_commit (self, error))
        return FALSE;
      if (n == 0)
        return TRUE;
    }
}

/* ---- many customers' terms at once ---- */

#define TERMS_PER_INSERT 64

typedef struct {
  guint64     head;   /* the first 8 bytes, big-endian: most comparisons end here */
  const char *term;   /* in the writer's chunk */
  gsize       len;
  gint64      customer_id;
} Term;

struct _CrmTermWriter {
  CrmStore     *store;
  guint         batch;
  GArray       *pending;   /* Term */
  /* the pending terms' text, side by side: the sort and the inserts read it in
   * order rather than from 2 million separate allocations */
  GStringChunk *text;
  /* crm_term_writer_add_texts(): the terms are made in a thread of the
   * writer's own while the caller writes rows */
  GThread      *thread;
  GAsyncQueue  *jobs;       /* GPtrArray of TextsJob; an empty array ends the thread */
  GPtrArray    *gathered;   /* the jobs not handed over yet: a few hundred at a time */
  GArray       *lists;      /* CustomerList: the lists the thread made, for customer_terms */
  int           made;       /* terms the thread has added to pending (atomic) */
};

typedef struct {
  gint64  customer_id;
  char   *texts[5];         /* name, code, contact name, phone, e-mail */
} TextsJob;

typedef struct {
  gint64  customer_id;
  char   *json;
} CustomerList;

static int
compare_terms (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Term *x = a;
  const Term *y = b;
  int cmp;

  /* the order of SQLite's BINARY collation (memcmp's, the shorter first) */
  if (x->head != y->head)
    return x->head < y->head ? -1 : 1;
  cmp = memcmp (x->term, y->term, MIN (x->len, y->len));
  if (cmp != 0)
    return cmp;
  if (x->len != y->len)
    return x->len < y->len ? -1 : 1;
  return x->customer_id < y->customer_id ? -1 : x->customer_id > y->customer_id;
}

static guint64
term_head (const char *term)
{
  guint64 head = 0;
  guint i;

  for (i = 0; i < 8 && term[i] != '\0'; i++)
    head = (head << 8) | (guchar) term[i];
  return i == 0 ? 0 : head << (8 * (8 - i));
}

/* "INSERT … VALUES (?, ?), (?, ?) …" of TERMS_PER_INSERT terms, made once: one
 * statement step for many terms shares SQLite's per-statement work */
static const char *
many_terms_sql (void)
{
  static char *sql;

  if (g_once_init_enter (&sql))
    {
      GString *text = g_string_new ("INSERT OR IGNORE INTO search_terms (term, customer_id) VALUES (?, ?)");

      for (guint i = 1; i < TERMS_PER_INSERT; i++)
        g_string_append (text, ", (?, ?)");
      g_once_init_leave (&sql, g_string_free (text, FALSE));
    }
  return sql;
}

static void
texts_job_free (TextsJob *job)
{
  for (guint i = 0; i < G_N_ELEMENTS (job->texts); i++)
    g_free (job->texts[i]);
  g_free (job);
}

static void
customer_list_clear (gpointer data)
{
  g_free (((CustomerList *) data)->json);
}

/* Moves @terms (unique) into the pending terms; leaves it empty */
static void
hold_terms (CrmTermWriter *self,
            gint64         customer_id,
            GPtrArray     *terms)
{
  for (guint i = 0; i < terms->len; i++)
    {
      const char *term = terms->pdata[i];
      gsize len = strlen (term);
      Term t = { term_head (term), g_string_chunk_insert_len (self->text, term, (gssize) len), len, customer_id };

      g_array_append_val (self->pending, t);
    }
  g_ptr_array_set_size (terms, 0);
}

/* One customer's terms, in the order crm_store_reindex_customer() makes them,
 * held with their list */
static void
make_job_terms (CrmTermWriter *self,
                TextsJob      *job,
                GPtrArray     *terms)
{
  CustomerList list;

  crm_search_add_text_terms (terms, job->texts[0]);
  crm_search_add_text_terms (terms, job->texts[1]);
  crm_search_add_contact_terms (terms, job->texts[2], job->texts[3], job->texts[4]);
  list.customer_id = job->customer_id;
  list.json = terms_json (terms);
  g_array_append_val (self->lists, list);
  g_atomic_int_add (&self->made, (int) terms->len);
  hold_terms (self, job->customer_id, terms);
}

/* The thread: the jobs handed over, until an empty array */
static gpointer
make_terms (gpointer data)
{
  CrmTermWriter *self = data;
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GPtrArray) jobs = g_async_queue_pop (self->jobs);

      if (jobs->len == 0)
        return NULL;
      for (guint j = 0; j < jobs->len; j++)
        make_job_terms (self, jobs->pdata[j], terms);
    }
}

#define JOBS_PER_HANDOVER 256

static GPtrArray *
new_jobs (void)
{
  return g_ptr_array_new_full (JOBS_PER_HANDOVER, (GDestroyNotify) texts_job_free);
}

/* Ends the thread, if any, once it has made every term asked for */
static void
join_thread (CrmTermWriter *self)
{
  if (self->thread == NULL)
    return;
  /* (an empty array would end the thread early) */
  if (self->gathered->len > 0)
    g_async_queue_push (self->jobs, g_steal_pointer (&self->gathered));
  g_clear_pointer (&self->gathered, g_ptr_array_unref);
  g_async_queue_push (self->jobs, new_jobs ());
  g_thread_join (g_steal_pointer (&self->thread));
}

/* The lists the thread made, into customer_terms */
static gboolean
write_lists (CrmTermWriter  *self,
             GError        **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < self->lists->len; i++)
    {
      const CustomerList *list = &g_array_index (self->lists, CustomerList, i);

      ok = write_list (self->store, list->customer_id, list->json, error);
    }
  g_array_set_size (self->lists, 0);
  return ok;
}

gboolean
crm_term_writer_add_texts (CrmTermWriter  *self,
                           gint64          customer_id,
                           const char     *name,
                           const char     *code,
                           const char     *contact_name,
                           const char     *phone,
                           const char     *email,
                           GError        **error)
{
  TextsJob *job;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (customer_id > 0, FALSE);

  /* a full batch: written as crm_term_writer_add() would */
  if ((guint) g_atomic_int_get (&self->made) >= self->batch && !crm_term_writer_flush (self, error))
    return FALSE;

  if (self->thread == NULL)
    {
      g_atomic_int_set (&self->made, 0);
      self->gathered = new_jobs ();
      self->thread = g_thread_new ("crm-term-maker", make_terms, self);
    }
  job = g_new0 (TextsJob, 1);
  job->customer_id = customer_id;
  job->texts[0] = g_strdup (name);
  job->texts[1] = g_strdup (code);
  job->texts[2] = g_strdup (contact_name);
  job->texts[3] = g_strdup (phone);
  job->texts[4] = g_strdup (email);
  g_ptr_array_add (self->gathered, job);
  if (self->gathered->len == JOBS_PER_HANDOVER)
    {
      g_async_queue_push (self->jobs, self->gathered);
      self->gathered = new_jobs ();
    }
  return TRUE;
}

CrmTermWriter *
crm_term_writer_new (CrmStore *store,
                     guint     batch)
{
  CrmTermWriter *self = g_new0 (CrmTermWriter, 1);

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self->store = g_object_ref (store);
  self->batch = MAX (batch, 1);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Term));
  self->text = g_string_chunk_new (1 << 20);
  self->jobs = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  self->lists = g_array_new (FALSE, FALSE, sizeof (CustomerList));
  g_array_set_clear_func (self->lists, customer_list_clear);
  return self;
}

void
crm_term_writer_free (CrmTermWriter *self)
{
  if (self == NULL)
    return;
  join_thread (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->lists, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->text, g_string_chunk_free);
  g_free (self);
}

gboolean
crm_term_writer_add (CrmTermWriter  *self,
                     gint64          customer_id,
                     GPtrArray      *terms,
                     GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  if (!write_customer_terms (self->store, customer_id, terms, error))
    return FALSE;
  hold_terms (self, customer_id, terms);

  return self->pending->len < self->batch || crm_term_writer_flush (self, error);
}

/* From this many terms on, the two halves are sorted at once, one in a thread
 * of its own (2.4 million terms took a second to sort in one) */
#define PARALLEL_SORT_MIN 100000

typedef struct {
  Term  *terms;
  gsize  len;
} Run;

static gpointer
sort_run (gpointer data)
{
  Run *run = data;

  g_qsort_with_data (run->terms, (gint) run->len, sizeof (Term), compare_terms, NULL);
  return NULL;
}

/* The next term of two sorted runs, in order */
static const Term *
merge_next (Run *a,
            Run *b)
{
  Run *from;

  if (a->len == 0 && b->len == 0)
    return NULL;
  from = b->len == 0 || (a->len > 0 && compare_terms (a->terms, b->terms, NULL) <= 0) ? a : b;
  from->len--;
  return from->terms++;
}

gboolean
crm_term_writer_flush (CrmTermWriter  *self,
                       GError        **error)
{
  sqlite3_stmt *many = NULL, *one = NULL;
  gboolean ok = TRUE;
  guint n, i = 0;
  Run a, b = { NULL, 0 };

  g_return_val_if_fail (self != NULL, FALSE);

  join_thread (self);
  g_atomic_int_set (&self->made, 0);
  if (!write_lists (self, error))
    return FALSE;
  n = self->pending->len;
  if (n == 0)
    return TRUE;

  a.terms = (Term *) (gpointer) self->pending->data;
  a.len = n;
  if (n >= PARALLEL_SORT_MIN)
    {
      GThread *thread;

      a.len = n / 2;
      b.terms = a.terms + a.len;
      b.len = n - a.len;
      thread = g_thread_new ("crm-term-sort", sort_run, &b);
      sort_run (&a);
      g_thread_join (thread);
    }
  else
    sort_run (&a);

  if (n >= TERMS_PER_INSERT &&
      (many = crm_store_prepare (self->store, many_terms_sql (), error)) == NULL)
    ok = FALSE;
  for (; ok && i + TERMS_PER_INSERT <= n; i += TERMS_PER_INSERT)
    {
      for (guint j = 0; j < TERMS_PER_INSERT; j++)
        {
          const Term *t = merge_next (&a, &b);

          sqlite3_bind_text (many, (int) (2 * j + 1), t->term, (int) t->len, SQLITE_STATIC);
          sqlite3_bind_int64 (many, (int) (2 * j + 2), t->customer_id);
        }
      ok = crm_store_step_done (self->store, many, error);
    }
  if (ok && i < n &&
      (one = crm_store_prepare (self->store, "INSERT OR IGNORE INTO search_terms (term, customer_id) VALUES (?1, ?2)",
                                error)) == NULL)
    ok = FALSE;
  for (; ok && i < n; i++)
    {
      const Term *t = merge_next (&a, &b);

      sqlite3_bind_text (one, 1, t->term, (int) t->len, SQLITE_STATIC);
      sqlite3_bind_int64 (one, 2, t->customer_id);
      ok = crm_store_step_done (self->store, one, error);
    }
  g_array_set_size (self->pending, 0);
  g_string_chunk_clear (self->text);
  return ok;
}

GPtrArray *
crm_store_list_team_members (CrmStore *self)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = crm_store_prepare (self,
                            "SELECT id, name, role FROM team_members WHERE active = 1 ORDER BY name, id",
                            NULL);
  if (stmt == NULL)
    return g_steal_pointer (&members);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (members,
                     crm_team_member_new (sqlite3_column_int64 (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          sqlite3_column_int (stmt, 2)));
  sqlite3_reset (stmt);

  return g_steal_pointer (&members);
}

gint64
crm_store_add_team_member (CrmStore       *self,
                           const char     *name,
                           CrmMemberRole   role,
                           GError        **error)
{
  g_autofree char *message = crm_validate_required (name);
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  if (message != NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
      return 0;
    }
  trimmed = g_strstrip (g_strdup (name));

  stmt = crm_store_prepare (self,
                            "INSERT INTO team_members (name, role, created_at) VALUES (?1, ?2, ?3)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, role);
  sqlite3_bind_int64 (stmt, 3, crm_store_now (self));
  if (!crm_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (crm_store_get_db (self));
  crm_store_note_change (self, CRM_CHANGE_TEAM, id);
  return id;
}
