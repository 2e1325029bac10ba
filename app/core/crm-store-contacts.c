/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-contacts"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-search.h"
#include "crm-store-contacts.h"
#include "crm-store-customers.h"
#include "crm-validate.h"

#define MAX_TEXT_CHARS     200
#define MAX_PRODUCTS_CHARS 500

/* ---- helpers ---- */

/* Too long: the same message the customer form gives. */
static char *
check_length (const char *value,
              guint       max_chars)
{
  if (value == NULL || g_utf8_strlen (value, -1) <= (glong) max_chars)
    return NULL;
  return g_strdup_printf (ngettext ("Use at most %d character.", "Use at most %d characters.", max_chars),
                          (int) max_chars);
}

/* The first message as a CRM_STORE_ERROR_INVALID error. */
static void
set_invalid (char   **messages,
             guint    n,
             GError **error)
{
  for (guint i = 0; i < n; i++)
    if (messages[i] != NULL)
      {
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, messages[i]);
        return;
      }
}

static gboolean
customer_exists (CrmStore  *self,
                 gint64     customer_id,
                 GError   **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (self, "SELECT 1 FROM customers WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This customer no longer exists."));
  else
    crm_store_set_error (self, error, _("Could not read the customer"));
  return FALSE;
}

/* ---- contact drafts ---- */

void
crm_contact_draft_init (CrmContactDraft *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->role = CRM_CONTACT_ROLE_USER;
}

void
crm_contact_draft_clear (CrmContactDraft *draft)
{
  g_free (draft->name);
  g_free (draft->title);
  g_free (draft->phone);
  g_free (draft->email);
  g_free (draft->im);
  crm_contact_draft_init (draft);
}

void
crm_contact_draft_normalize (CrmContactDraft *draft)
{
  crm_text_normalize (&draft->name);
  crm_text_normalize (&draft->title);
  crm_text_normalize (&draft->phone);
  crm_text_normalize (&draft->email);
  crm_text_normalize (&draft->im);
}

gboolean
crm_contact_draft_equal (const CrmContactDraft *a,
                         const CrmContactDraft *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         a->role == b->role &&
         g_strcmp0 (a->phone, b->phone) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->im, b->im) == 0 &&
         !a->is_primary == !b->is_primary;
}

gboolean
crm_contact_draft_validate (const CrmContactDraft *draft,
                            CrmContactValidation  *result)
{
  char **m = result->messages;

  memset (result, 0, sizeof *result);

  m[CRM_CONTACT_FIELD_NAME] = crm_validate_required (draft->name);
  m[CRM_CONTACT_FIELD_TITLE] = check_length (draft->title, MAX_TEXT_CHARS);
  m[CRM_CONTACT_FIELD_PHONE] = crm_validate_phone (draft->phone);
  m[CRM_CONTACT_FIELD_EMAIL] = crm_validate_email (draft->email);
  m[CRM_CONTACT_FIELD_IM] = check_length (draft->im, MAX_TEXT_CHARS);

  for (guint i = 0; i < CRM_N_CONTACT_FIELDS; i++)
    if (m[i] != NULL)
      return FALSE;
  return TRUE;
}

void
crm_contact_validation_clear (CrmContactValidation *result)
{
  for (guint i = 0; i < CRM_N_CONTACT_FIELDS; i++)
    g_clear_pointer (&result->messages[i], g_free);
}

static void
contact_draft_copy (CrmContactDraft       *dest,
                    const CrmContactDraft *src)
{
  crm_contact_draft_clear (dest);
  dest->name = g_strdup (src->name);
  dest->title = g_strdup (src->title);
  dest->role = src->role;
  dest->phone = g_strdup (src->phone);
  dest->email = g_strdup (src->email);
  dest->im = g_strdup (src->im);
  dest->is_primary = src->is_primary;
}

/* ---- contacts in the store ---- */

typedef struct {
  gint64  id;     /* 0: none */
  char   *name;
  char   *phone;
  char   *email;
} Primary;

static void
primary_clear (Primary *p)
{
  g_clear_pointer (&p->name, g_free);
  g_clear_pointer (&p->phone, g_free);
  g_clear_pointer (&p->email, g_free);
  p->id = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Primary, primary_clear)

static gboolean
load_primary (CrmStore  *self,
              gint64     customer_id,
              Primary   *p,
              GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  primary_clear (p);
  stmt = crm_store_prepare (self,
                            "SELECT id, name, phone, email FROM contacts"
                            " WHERE customer_id = ?1 AND is_primary = 1 ORDER BY id LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      p->id = sqlite3_column_int64 (stmt, 0);
      p->name = crm_sql_column_dup (stmt, 1);
      p->phone = crm_sql_column_dup (stmt, 2);
      p->email = crm_sql_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_store_set_error (self, error, _("Could not read the contacts"));
      return FALSE;
    }
  return TRUE;
}

/* Makes sure a customer with contacts has a primary one: the oldest contact,
 * @last_resort only when there is no other. */
static gboolean
ensure_primary (CrmStore  *self,
                gint64     customer_id,
                gint64     last_resort,
                GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 promote = 0;
  gboolean has_primary = FALSE;

  stmt = crm_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM contacts WHERE customer_id = ?1 AND is_primary = 1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    has_primary = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (has_primary)
    return TRUE;

  stmt = crm_store_prepare (self,
                            "SELECT id FROM contacts WHERE customer_id = ?1"
                            " ORDER BY id = ?2, created_at, id LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, last_resort);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    promote = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (promote == 0)
    return TRUE;   /* no contacts left */

  stmt = crm_store_prepare (self, "UPDATE contacts SET is_primary = 1, updated_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, promote);
  sqlite3_bind_int64 (stmt, 2, crm_store_now (self));
  if (!crm_store_step_done (self, stmt, error))
    return FALSE;

  crm_store_note_change (self, CRM_CHANGE_CONTACT, promote);
  return TRUE;
}

/* After any change to a customer's contacts: the timeline records what changed
 * about the primary contact, the search index follows. */
static gboolean
finish_contacts_change (CrmStore       *self,
                        gint64          customer_id,
                        const Primary  *before,
                        GError        **error)
{
  g_auto(Primary) after = { 0 };

  if (!load_primary (self, customer_id, &after, error))
    return FALSE;

  if (!crm_store_record_profile_change (self, customer_id, "primary_contact", before->name, after.name, error) ||
      !crm_store_record_profile_change (self, customer_id, "phone", before->phone, after.phone, error) ||
      !crm_store_record_profile_change (self, customer_id, "email", before->email, after.email, error))
    return FALSE;

  if (!crm_store_reindex_customer (self, customer_id, error))
    return FALSE;

  crm_store_note_change (self, CRM_CHANGE_CUSTOMER, customer_id);
  return TRUE;
}

gboolean
crm_store_load_contact (CrmStore         *self,
                        gint64            contact_id,
                        gint64           *customer_id,
                        CrmContactDraft  *draft,
                        GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  stmt = crm_store_prepare (self,
                            "SELECT customer_id, name, title, role, phone, email, im, is_primary"
                            " FROM contacts WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      crm_contact_draft_clear (draft);
      if (customer_id != NULL)
        *customer_id = sqlite3_column_int64 (stmt, 0);
      draft->name = crm_sql_column_dup (stmt, 1);
      draft->title = crm_sql_column_dup (stmt, 2);
      draft->role = sqlite3_column_int (stmt, 3);
      draft->phone = crm_sql_column_dup (stmt, 4);
      draft->email = crm_sql_column_dup (stmt, 5);
      draft->im = crm_sql_column_dup (stmt, 6);
      draft->is_primary = sqlite3_column_int (stmt, 7) != 0;
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    crm_store_set_error (self, error, _("Could not read the contacts"));
  else if (!found)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This contact no longer exists."));

  return found;
}

gint64
crm_store_count_contacts (CrmStore *self,
                          gint64    customer_id)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  stmt = crm_store_prepare (self, "SELECT count(*) FROM contacts WHERE customer_id = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* The customer of an existing contact, and whether it is primary; 0 if none. */
static gint64
contact_owner (CrmStore  *self,
               gint64     contact_id,
               gboolean  *is_primary,
               GError   **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (self, "SELECT customer_id, is_primary FROM contacts WHERE id = ?1", error);
  gint64 customer_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      customer_id = sqlite3_column_int64 (stmt, 0);
      if (is_primary != NULL)
        *is_primary = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  if (customer_id == 0)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This contact no longer exists."));
  return customer_id;
}

gint64
crm_store_save_contact (CrmStore               *self,
                        gint64                  customer_id,
                        gint64                  contact_id,
                        const CrmContactDraft  *draft,
                        GError                **error)
{
  g_auto(CrmContactDraft) d = { 0 };
  g_auto(CrmContactValidation) validation = { { NULL } };
  g_auto(Primary) before = { 0 };
  g_autofree char *digits = NULL;
  sqlite3_stmt *stmt;
  gboolean primary;
  gint64 now;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (draft != NULL, 0);

  crm_contact_draft_init (&d);
  contact_draft_copy (&d, draft);
  crm_contact_draft_normalize (&d);
  if (!crm_contact_draft_validate (&d, &validation))
    {
      set_invalid (validation.messages, CRM_N_CONTACT_FIELDS, error);
      return 0;
    }
  if ((guint) d.role >= CRM_N_CONTACT_ROLES)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("Choose a role from the list."));
      return 0;
    }

  if (!crm_store_begin (self, error))
    return 0;

  if (!customer_exists (self, customer_id, error))
    goto fail;
  if (contact_id != 0)
    {
      gint64 owner = contact_owner (self, contact_id, NULL, error);

      if (owner == 0)
        goto fail;
      if (owner != customer_id)
        {
          g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                               _("This contact belongs to another customer."));
          goto fail;
        }
    }

  if (!load_primary (self, customer_id, &before, error))
    goto fail;

  /* The first contact is the primary one.  A primary contact un-flagged hands the
   * role on below, if there is anyone to take it. */
  primary = d.is_primary || before.id == 0;

  digits = crm_search_phone_digits (d.phone);
  now = crm_store_now (self);

  if (contact_id == 0)
    stmt = crm_store_prepare (self,
                              "INSERT INTO contacts (customer_id, name, title, role, phone, phone_digits, email, im,"
                              " is_primary, created_at, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                              error);
  else
    stmt = crm_store_prepare (self,
                              "UPDATE contacts SET name = ?2, title = ?3, role = ?4, phone = ?5, phone_digits = ?6,"
                              " email = ?7, im = ?8, is_primary = ?9, updated_at = ?10"
                              " WHERE id = ?11 AND customer_id = ?1",
                              error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, d.name, -1, SQLITE_TRANSIENT);
  crm_sql_bind_text_or_null (stmt, 3, d.title);
  sqlite3_bind_int (stmt, 4, d.role);
  crm_sql_bind_text_or_null (stmt, 5, d.phone);
  crm_sql_bind_text_or_null (stmt, 6, digits);
  crm_sql_bind_text_or_null (stmt, 7, d.email);
  crm_sql_bind_text_or_null (stmt, 8, d.im);
  sqlite3_bind_int (stmt, 9, primary ? 1 : 0);
  sqlite3_bind_int64 (stmt, 10, now);
  if (contact_id != 0)
    sqlite3_bind_int64 (stmt, 11, contact_id);
  if (!crm_store_step_done (self, stmt, error))
    goto fail;

  if (contact_id == 0)
    contact_id = sqlite3_last_insert_rowid (crm_store_get_db (self));
  crm_store_note_change (self, CRM_CHANGE_CONTACT, contact_id);

  /* One primary contact per customer */
  if (primary && before.id != 0 && before.id != contact_id)
    {
      stmt = crm_store_prepare (self,
                                "UPDATE contacts SET is_primary = 0, updated_at = ?3"
                                " WHERE customer_id = ?1 AND id != ?2 AND is_primary = 1",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 2, contact_id);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!crm_store_step_done (self, stmt, error))
        goto fail;
      crm_store_note_change (self, CRM_CHANGE_CONTACT, before.id);
    }
  if (!ensure_primary (self, customer_id, contact_id, error))
    goto fail;

  if (!finish_contacts_change (self, customer_id, &before, error))
    goto fail;

  if (!crm_store_commit (self, error))
    return 0;
  return contact_id;

fail:
  crm_store_rollback (self);
  return 0;
}

gboolean
crm_store_delete_contact (CrmStore  *self,
                          gint64     contact_id,
                          GError   **error)
{
  g_auto(Primary) before = { 0 };
  sqlite3_stmt *stmt;
  gint64 customer_id;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;

  customer_id = contact_owner (self, contact_id, NULL, error);
  if (customer_id == 0)
    goto fail;
  if (!load_primary (self, customer_id, &before, error))
    goto fail;

  stmt = crm_store_prepare (self, "DELETE FROM contacts WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  if (!crm_store_step_done (self, stmt, error))
    goto fail;
  crm_store_note_change (self, CRM_CHANGE_CONTACT, contact_id);

  if (!ensure_primary (self, customer_id, 0, error))
    goto fail;
  if (!finish_contacts_change (self, customer_id, &before, error))
    goto fail;

  return crm_store_commit (self, error);

fail:
  crm_store_rollback (self);
  return FALSE;
}

/* ---- needs drafts ---- */

void
crm_needs_draft_init (CrmNeedsDraft *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->price_sensitivity = -1;
  draft->expected_response_hours = -1;
  draft->value_focus = -1;
}

void
crm_needs_draft_clear (CrmNeedsDraft *draft)
{
  g_free (draft->preferred_products);
  g_strfreev (draft->tags);
  crm_needs_draft_init (draft);
}

/* Trimmed, without empty ones, each once (ignoring case and width), in their order. */
static GStrv
clean_tags (const char * const *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  /* a customer has a few tags: comparing with each is quicker than hashing */
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = crm_text_trim (tags[i]);
      char *key;
      gboolean known = FALSE;

      if (*tag == '\0')
        continue;
      key = crm_search_fold (tag);
      if (key == NULL)
        key = g_strdup (tag);
      for (guint k = 0; k < seen->len && !known; k++)
        known = strcmp (g_ptr_array_index (seen, k), key) == 0;
      if (known)
        {
          g_free (key);
          continue;
        }
      g_ptr_array_add (seen, key);
      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

void
crm_needs_draft_normalize (CrmNeedsDraft *draft)
{
  GStrv tags;

  crm_text_normalize (&draft->preferred_products);
  tags = clean_tags ((const char * const *) draft->tags);
  g_strfreev (draft->tags);
  draft->tags = tags;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The tags in byte order (as the store lists them), borrowed from @tags. */
static GPtrArray *
sorted_tags (const char * const *tags)
{
  GPtrArray *sorted = g_ptr_array_new ();

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) tags[i]);
  g_ptr_array_sort (sorted, compare_strings);
  return sorted;
}

gboolean
crm_needs_draft_equal (const CrmNeedsDraft *a,
                       const CrmNeedsDraft *b)
{
  g_autoptr(GPtrArray) ta = NULL;
  g_autoptr(GPtrArray) tb = NULL;

  if (g_strcmp0 (a->preferred_products, b->preferred_products) != 0 ||
      a->price_sensitivity != b->price_sensitivity ||
      a->expected_response_hours != b->expected_response_hours ||
      a->value_focus != b->value_focus)
    return FALSE;

  ta = sorted_tags ((const char * const *) a->tags);
  tb = sorted_tags ((const char * const *) b->tags);
  if (ta->len != tb->len)
    return FALSE;
  for (guint i = 0; i < ta->len; i++)
    if (strcmp (ta->pdata[i], tb->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* Whether the customer_needs row would hold anything. */
static gboolean
has_needs_values (const CrmNeedsDraft *draft)
{
  return draft->preferred_products != NULL || draft->price_sensitivity >= 0 ||
         draft->expected_response_hours >= 0 || draft->value_focus >= 0;
}

gboolean
crm_needs_draft_is_empty (const CrmNeedsDraft *draft)
{
  return !has_needs_values (draft) && (draft->tags == NULL || draft->tags[0] == NULL);
}

static char *
too_many_hours (void)
{
  return g_strdup_printf (ngettext ("Use at most %d hour.", "Use at most %d hours.", CRM_NEEDS_MAX_RESPONSE_HOURS),
                          CRM_NEEDS_MAX_RESPONSE_HOURS);
}

gboolean
crm_needs_draft_validate (const CrmNeedsDraft *draft,
                          CrmNeedsValidation  *result)
{
  char **m = result->messages;

  memset (result, 0, sizeof *result);

  m[CRM_NEEDS_FIELD_PREFERRED_PRODUCTS] = check_length (draft->preferred_products, MAX_PRODUCTS_CHARS);
  if (draft->price_sensitivity < -1 || draft->price_sensitivity > 2)
    m[CRM_NEEDS_FIELD_PRICE_SENSITIVITY] = g_strdup (_("Choose a price sensitivity from the list."));
  if (draft->expected_response_hours < -1)
    m[CRM_NEEDS_FIELD_RESPONSE_HOURS] = g_strdup (_("The number of hours cannot be negative."));
  else if (draft->expected_response_hours > CRM_NEEDS_MAX_RESPONSE_HOURS)
    m[CRM_NEEDS_FIELD_RESPONSE_HOURS] = too_many_hours ();
  if (draft->value_focus < -1 || draft->value_focus > 2)
    m[CRM_NEEDS_FIELD_VALUE_FOCUS] = g_strdup (_("Choose what the customer values most from the list."));

  for (guint i = 0; draft->tags != NULL && draft->tags[i] != NULL; i++)
    if (g_utf8_strlen (draft->tags[i], -1) > CRM_NEEDS_MAX_TAG_CHARS)
      {
        /* Translators: %s is the tag as typed */
        m[CRM_NEEDS_FIELD_TAGS] = g_strdup_printf (ngettext ("The tag “%s” is too long: use at most %d character.",
                                                             "The tag “%s” is too long: use at most %d characters.",
                                                             CRM_NEEDS_MAX_TAG_CHARS),
                                                   draft->tags[i], CRM_NEEDS_MAX_TAG_CHARS);
        break;
      }

  for (guint i = 0; i < CRM_N_NEEDS_FIELDS; i++)
    if (m[i] != NULL)
      return FALSE;
  return TRUE;
}

void
crm_needs_validation_clear (CrmNeedsValidation *result)
{
  for (guint i = 0; i < CRM_N_NEEDS_FIELDS; i++)
    g_clear_pointer (&result->messages[i], g_free);
}

char *
crm_needs_draft_summarize (const CrmNeedsDraft *draft)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tags = sorted_tags ((const char * const *) draft->tags);

  if (draft->preferred_products != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Products: %s"), draft->preferred_products));
  if (draft->price_sensitivity >= 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Price sensitivity: %s"),
                                             crm_price_sensitivity_to_string (draft->price_sensitivity)));
  if (draft->expected_response_hours >= 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("Response within %d hour", "Response within %d hours",
                                                       draft->expected_response_hours),
                                             draft->expected_response_hours));
  if (draft->value_focus >= 0)
    g_ptr_array_add (parts, g_strdup_printf (_("Values: %s"), crm_value_focus_to_string (draft->value_focus)));
  if (tags->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (tags, NULL);
      joined = g_strjoinv (_(", "), (char **) tags->pdata);
      g_ptr_array_add (parts, g_strdup_printf (_("Tags: %s"), joined));
    }

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  /* Translators: separates the parts of a summary of needs, "Price sensitivity: High; Tags: …" */
  return g_strjoinv (_("; "), (char **) parts->pdata);
}

static gboolean
is_tag_separator (gunichar c)
{
  return c == ',' || c == 0xFF0C /* ， */ || c == 0x3001 /* 、 */;
}

GStrv
crm_needs_parse_tags (const char *text)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      for (const char *p = text; ; p = g_utf8_next_char (p))
        {
          if (*p == '\0' || is_tag_separator (g_utf8_get_char (p)))
            {
              g_ptr_array_add (pieces, g_strndup (start, p - start));
              if (*p == '\0')
                break;
              start = g_utf8_next_char (p);
            }
        }
    }
  g_ptr_array_add (pieces, NULL);

  return clean_tags ((const char * const *) pieces->pdata);
}

char *
crm_needs_parse_response_hours (const char *text,
                                int        *hours)
{
  g_autofree char *trimmed = crm_text_trim (text);
  g_autofree char *folded = NULL;
  guint64 value = 0;

  g_return_val_if_fail (hours != NULL, NULL);

  *hours = -1;
  if (trimmed == NULL || *trimmed == '\0')
    return NULL;

  /* Full-width digits from an input method count as digits */
  folded = g_utf8_normalize (trimmed, -1, G_NORMALIZE_ALL_COMPOSE);
  if (folded == NULL)
    return g_strdup (_("Enter a whole number of hours, such as 24, or leave the field empty."));

  if (folded[0] == '-' && folded[1] != '\0' && strspn (folded + 1, "0123456789") == strlen (folded + 1))
    return g_strdup (_("The number of hours cannot be negative."));
  if (strspn (folded, "0123456789") != strlen (folded))
    return g_strdup (_("Enter a whole number of hours, such as 24, or leave the field empty."));
  if (!g_ascii_string_to_unsigned (folded, 10, 0, CRM_NEEDS_MAX_RESPONSE_HOURS, &value, NULL))
    return too_many_hours ();

  *hours = (int) value;
  return NULL;
}

/* ---- needs in the store ---- */

static gboolean
load_needs (CrmStore       *self,
            gint64          customer_id,
            CrmNeedsDraft  *draft,
            GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  crm_needs_draft_clear (draft);

  stmt = crm_store_prepare (self,
                            "SELECT preferred_products, price_sensitivity, expected_response_hours, value_focus"
                            " FROM customer_needs WHERE customer_id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      draft->preferred_products = crm_sql_column_dup (stmt, 0);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        draft->price_sensitivity = sqlite3_column_int (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        draft->expected_response_hours = sqlite3_column_int (stmt, 2);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        draft->value_focus = sqlite3_column_int (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_store_set_error (self, error, _("Could not read the customer"));
      return FALSE;
    }

  stmt = crm_store_prepare (self,
                            "SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id"
                            " WHERE ct.customer_id = ?1 ORDER BY t.name",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (self, error, _("Could not read the customer"));
      return FALSE;
    }
  draft->tags = g_strv_builder_end (builder);

  return TRUE;
}

gboolean
crm_store_load_needs (CrmStore       *self,
                      gint64          customer_id,
                      CrmNeedsDraft  *draft,
                      GError        **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (!customer_exists (self, customer_id, error))
    return FALSE;
  return load_needs (self, customer_id, draft, error);
}

static gboolean
replace_tags (CrmStore            *self,
              gint64               customer_id,
              const char * const  *tags,
              GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (self, "DELETE FROM customer_tags WHERE customer_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (!crm_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      stmt = crm_store_prepare (self, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, tags[i], -1, SQLITE_TRANSIENT);
      if (!crm_store_step_done (self, stmt, error))
        return FALSE;

      stmt = crm_store_prepare (self,
                                "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id)"
                                " SELECT ?1, id FROM tags WHERE name = ?2",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_text (stmt, 2, tags[i], -1, SQLITE_TRANSIENT);
      if (!crm_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
crm_store_save_needs (CrmStore             *self,
                      gint64                customer_id,
                      const CrmNeedsDraft  *draft,
                      GError              **error)
{
  g_auto(CrmNeedsDraft) d = { 0 };
  g_auto(CrmNeedsDraft) old = { 0 };
  g_auto(CrmNeedsValidation) validation = { { NULL } };
  g_autofree char *old_summary = NULL;
  g_autofree char *new_summary = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  crm_needs_draft_init (&d);
  d.preferred_products = g_strdup (draft->preferred_products);
  d.price_sensitivity = draft->price_sensitivity;
  d.expected_response_hours = draft->expected_response_hours;
  d.value_focus = draft->value_focus;
  d.tags = g_strdupv (draft->tags);
  crm_needs_draft_normalize (&d);
  if (!crm_needs_draft_validate (&d, &validation))
    {
      set_invalid (validation.messages, CRM_N_NEEDS_FIELDS, error);
      return FALSE;
    }

  if (!crm_store_begin (self, error))
    return FALSE;

  crm_needs_draft_init (&old);
  if (!customer_exists (self, customer_id, error) ||
      !load_needs (self, customer_id, &old, error))
    goto fail;

  if (crm_needs_draft_equal (&old, &d))
    return crm_store_commit (self, error);   /* nothing to do */

  if (has_needs_values (&d))
    {
      stmt = crm_store_prepare (self,
                                "INSERT INTO customer_needs (customer_id, preferred_products, price_sensitivity,"
                                " expected_response_hours, value_focus, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                " ON CONFLICT (customer_id) DO UPDATE SET"
                                " preferred_products = excluded.preferred_products,"
                                " price_sensitivity = excluded.price_sensitivity,"
                                " expected_response_hours = excluded.expected_response_hours,"
                                " value_focus = excluded.value_focus,"
                                " updated_at = excluded.updated_at",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      crm_sql_bind_text_or_null (stmt, 2, d.preferred_products);
      if (d.price_sensitivity >= 0)
        sqlite3_bind_int (stmt, 3, d.price_sensitivity);
      else
        sqlite3_bind_null (stmt, 3);
      if (d.expected_response_hours >= 0)
        sqlite3_bind_int (stmt, 4, d.expected_response_hours);
      else
        sqlite3_bind_null (stmt, 4);
      if (d.value_focus >= 0)
        sqlite3_bind_int (stmt, 5, d.value_focus);
      else
        sqlite3_bind_null (stmt, 5);
      sqlite3_bind_int64 (stmt, 6, crm_store_now (self));
    }
  else
    {
      /* Nothing known any more: the profile says so again */
      stmt = crm_store_prepare (self, "DELETE FROM customer_needs WHERE customer_id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, customer_id);
    }
  if (!crm_store_step_done (self, stmt, error))
    goto fail;

  if (!replace_tags (self, customer_id, (const char * const *) d.tags, error))
    goto fail;

  old_summary = crm_needs_draft_summarize (&old);
  new_summary = crm_needs_draft_summarize (&d);
  if (!crm_store_record_profile_change (self, customer_id, "needs", old_summary, new_summary, error))
    goto fail;

  crm_store_note_change (self, CRM_CHANGE_CUSTOMER, customer_id);
  return crm_store_commit (self, error);

fail:
  crm_store_rollback (self);
  return FALSE;
}
