/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Contacts and needs edited from the customer profile: one primary contact per
 * customer, the timeline of key changes, the search index, and validation. */
#include "crm-customer-list-model.h"
#include "crm-store-contacts.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"

/* ---- helpers ---- */

static gint64
create_customer (CrmStore   *store,
                 const char *name,
                 const char *contact_name,
                 const char *phone,
                 const char *email)
{
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_customer_draft_init (&draft);
  draft.name = g_strdup (name);
  draft.contact_name = g_strdup (contact_name);
  draft.phone = g_strdup (phone);
  draft.email = g_strdup (email);
  id = crm_store_create_customer (store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fill_contact (CrmContactDraft *draft,
              const char      *name,
              const char      *phone,
              const char      *email,
              gboolean         primary)
{
  crm_contact_draft_init (draft);
  draft->name = g_strdup (name);
  draft->phone = g_strdup (phone);
  draft->email = g_strdup (email);
  draft->is_primary = primary;
}

static gint64
add_contact (CrmStore   *store,
             gint64      customer_id,
             const char *name,
             const char *phone,
             const char *email,
             gboolean    primary)
{
  g_auto(CrmContactDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  fill_contact (&draft, name, phone, email, primary);
  id = crm_store_save_contact (store, customer_id, 0, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* @sql with "$ID" replaced by @id (test SQL with ids only, not user input) */
static char *
with_id (const char *sql,
         gint64      id)
{
  GString *s = g_string_new (sql);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_string_replace (s, "$ID", text, 0);
  return g_string_free (s, FALSE);
}

static gint64
query_int (CrmStore   *store,
           const char *sql,
           gint64      id)
{
  g_autofree char *full = with_id (sql, id);

  return crm_test_query_int (store, full);
}

static char *
query_text (CrmStore   *store,
            const char *sql,
            gint64      id)
{
  g_autofree char *full = with_id (sql, id);

  return crm_test_query_text (store, full);
}

static gint64
primary_of (CrmStore *store,
            gint64    customer_id)
{
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM contacts WHERE customer_id = $ID AND is_primary = 1",
                              customer_id), ==, 1);
  return query_int (store, "SELECT id FROM contacts WHERE customer_id = $ID AND is_primary = 1",
                    customer_id);
}

static gint64
count_changes (CrmStore   *store,
               gint64      customer_id,
               const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM profile_changes WHERE customer_id = %" G_GINT64_FORMAT
                                          " AND field = '%s'", customer_id, field);

  return crm_test_query_int (store, sql);
}

/* The latest change of @field as "old → new" ("∅" for NULL). */
static char *
last_change (CrmStore   *store,
             gint64      customer_id,
             const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce(old_value, '∅') || ' → ' || coalesce(new_value, '∅')"
                                          " FROM profile_changes WHERE customer_id = %" G_GINT64_FORMAT
                                          " AND field = '%s' ORDER BY id DESC LIMIT 1", customer_id, field);

  return crm_test_query_text (store, sql);
}

static guint
count_matches (CrmStore   *store,
               const char *query)
{
  g_autoptr(CrmPagedModel) model = crm_customer_list_model_new (store);
  CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;

  filter.search = query;
  crm_customer_list_model_set_filter (model, &filter);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

typedef struct {
  guint n_contact;
  guint n_customer;
} Changes;

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            gpointer  user_data)
{
  Changes *changes = user_data;

  if (kind == CRM_CHANGE_CONTACT)
    changes->n_contact++;
  else if (kind == CRM_CHANGE_CUSTOMER)
    changes->n_customer++;
}

/* ---- contacts ---- */

static void
test_contact_validate (void)
{
  g_auto(CrmContactDraft) draft = { 0 };
  g_auto(CrmContactValidation) result = { { NULL } };

  /* normalized: trimmed, empty is NULL, the ideographic space too */
  crm_contact_draft_init (&draft);
  g_assert_cmpint (draft.role, ==, CRM_CONTACT_ROLE_USER);
  draft.name = g_strdup ("\u3000 李娜 ");
  draft.title = g_strdup ("   ");
  draft.phone = g_strdup (" 139 0000 1111 ");
  crm_contact_draft_normalize (&draft);
  g_assert_cmpstr (draft.name, ==, "李娜");
  g_assert_null (draft.title);
  g_assert_cmpstr (draft.phone, ==, "139 0000 1111");
  g_assert_true (crm_contact_draft_validate (&draft, &result));
  for (guint i = 0; i < CRM_N_CONTACT_FIELDS; i++)
    g_assert_null (result.messages[i]);

  /* each message at its own field */
  crm_contact_validation_clear (&result);
  g_clear_pointer (&draft.name, g_free);
  g_free (draft.phone);
  draft.phone = g_strdup ("12ab");
  draft.email = g_strdup ("lina-at-example");
  g_assert_false (crm_contact_draft_validate (&draft, &result));
  g_assert_cmpstr (result.messages[CRM_CONTACT_FIELD_NAME], ==, "This field is required.");
  g_assert_cmpstr (result.messages[CRM_CONTACT_FIELD_PHONE], ==, "Use only digits, spaces, “+”, “-” and parentheses.");
  g_assert_cmpstr (result.messages[CRM_CONTACT_FIELD_EMAIL], ==, "Enter an address like name@example.com.");
  g_assert_null (result.messages[CRM_CONTACT_FIELD_TITLE]);
  g_assert_null (result.messages[CRM_CONTACT_FIELD_IM]);

  /* too short a number */
  crm_contact_validation_clear (&result);
  draft.name = g_strdup ("李娜");
  g_free (draft.phone);
  draft.phone = g_strdup ("123");
  g_clear_pointer (&draft.email, g_free);
  g_assert_false (crm_contact_draft_validate (&draft, &result));
  g_assert_null (result.messages[CRM_CONTACT_FIELD_NAME]);
  g_assert_cmpstr (result.messages[CRM_CONTACT_FIELD_PHONE], ==, "This number is too short.");
}

static void
test_contact_primary (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmContactDraft) draft = { 0 };
  gint64 customer, zhang, li, wang, id;
  gint64 owner = 0;
  g_autofree char *change = NULL;

  customer = create_customer (db->store, "北京华信科技有限公司", "张伟", "13800138000", "zhangwei@huaxin.cn");
  zhang = primary_of (db->store, customer);

  /* a second contact is not primary unless asked */
  li = add_contact (db->store, customer, "李娜", "139 1234 5678", "lina@huaxin.cn", FALSE);
  g_assert_cmpint (primary_of (db->store, customer), ==, zhang);
  g_assert_cmpint (crm_store_count_contacts (db->store, customer), ==, 2);
  g_assert_cmpint (count_changes (db->store, customer, "primary_contact"), ==, 0);
  g_assert_cmpint (count_changes (db->store, customer, "phone"), ==, 0);

  /* making one primary clears the flag on the others, and the timeline says so */
  wang = add_contact (db->store, customer, "王强", "+86 137-0000-2222", NULL, TRUE);
  g_assert_cmpint (primary_of (db->store, customer), ==, wang);
  g_assert_cmpint (query_int (db->store, "SELECT is_primary FROM contacts WHERE id = $ID", zhang), ==, 0);
  change = last_change (db->store, customer, "primary_contact");
  g_assert_cmpstr (change, ==, "张伟 → 王强");
  g_clear_pointer (&change, g_free);
  change = last_change (db->store, customer, "phone");
  g_assert_cmpstr (change, ==, "13800138000 → +86 137-0000-2222");
  g_clear_pointer (&change, g_free);
  change = last_change (db->store, customer, "email");
  g_assert_cmpstr (change, ==, "zhangwei@huaxin.cn → ∅");
  g_clear_pointer (&change, g_free);

  /* the customer form sees the new primary contact */
  {
    g_auto(CrmCustomerDraft) customer_draft = { 0 };

    crm_customer_draft_init (&customer_draft);
    g_assert_true (crm_store_load_customer_draft (db->store, customer, &customer_draft, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (customer_draft.contact_name, ==, "王强");
  }

  /* editing the primary's e-mail is recorded; a non-primary's is not */
  g_assert_true (crm_store_load_contact (db->store, wang, &owner, &draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (owner, ==, customer);
  g_assert_true (draft.is_primary);
  g_assert_cmpstr (draft.phone, ==, "+86 137-0000-2222");
  draft.email = g_strdup ("wangqiang@huaxin.cn");
  draft.title = g_strdup ("采购经理");
  draft.role = CRM_CONTACT_ROLE_DECISION_MAKER;
  id = crm_store_save_contact (db->store, customer, wang, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, ==, wang);
  change = last_change (db->store, customer, "email");
  g_assert_cmpstr (change, ==, "∅ → wangqiang@huaxin.cn");
  g_clear_pointer (&change, g_free);
  g_assert_cmpint (count_changes (db->store, customer, "primary_contact"), ==, 1);
  change = query_text (db->store, "SELECT title || '/' || role FROM contacts WHERE id = $ID", wang);
  g_assert_cmpstr (change, ==, "采购经理/0");
  g_clear_pointer (&change, g_free);

  crm_contact_draft_clear (&draft);
  g_assert_true (crm_store_load_contact (db->store, li, NULL, &draft, &error));
  g_assert_false (draft.is_primary);
  g_free (draft.email);
  draft.email = g_strdup ("li.na@huaxin.cn");
  g_assert_cmpint (crm_store_save_contact (db->store, customer, li, &draft, &error), ==, li);
  g_assert_no_error (error);
  g_assert_cmpint (count_changes (db->store, customer, "email"), ==, 2);
  g_assert_cmpint (primary_of (db->store, customer), ==, wang);

  /* un-flagging the primary hands the role to the oldest other contact */
  crm_contact_draft_clear (&draft);
  g_assert_true (crm_store_load_contact (db->store, wang, NULL, &draft, &error));
  draft.is_primary = FALSE;
  g_assert_cmpint (crm_store_save_contact (db->store, customer, wang, &draft, &error), ==, wang);
  g_assert_no_error (error);
  g_assert_cmpint (primary_of (db->store, customer), ==, zhang);
  change = last_change (db->store, customer, "primary_contact");
  g_assert_cmpstr (change, ==, "王强 → 张伟");
  g_clear_pointer (&change, g_free);
  g_assert_cmpint (count_changes (db->store, customer, "primary_contact"), ==, 2);
}

static void
test_contact_first_is_primary (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmContactDraft) draft = { 0 };
  gint64 customer, id;
  g_autofree char *change = NULL;

  customer = create_customer (db->store, "Acme Logistics", NULL, NULL, NULL);
  g_assert_cmpint (crm_store_count_contacts (db->store, customer), ==, 0);

  id = add_contact (db->store, customer, "Jane Doe", "+1 555 010 2000", NULL, FALSE);
  g_assert_cmpint (primary_of (db->store, customer), ==, id);
  change = last_change (db->store, customer, "primary_contact");
  g_assert_cmpstr (change, ==, "∅ → Jane Doe");
  g_clear_pointer (&change, g_free);

  /* a single contact stays primary even when un-flagged */
  g_assert_true (crm_store_load_contact (db->store, id, NULL, &draft, &error));
  draft.is_primary = FALSE;
  g_assert_cmpint (crm_store_save_contact (db->store, customer, id, &draft, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (primary_of (db->store, customer), ==, id);
  g_assert_cmpint (count_changes (db->store, customer, "primary_contact"), ==, 1);
}

static void
test_contact_delete (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmContactDraft) draft = { 0 };
  gint64 customer, zhang, li, wang;
  g_autofree char *change = NULL;
  Changes changes = { 0 };

  customer = create_customer (db->store, "上海东方贸易有限公司", "张伟", "13800138000", NULL);
  zhang = primary_of (db->store, customer);
  li = add_contact (db->store, customer, "李娜", "13912345678", NULL, FALSE);
  wang = add_contact (db->store, customer, "王强", "13700002222", NULL, FALSE);

  /* deleting a contact that is not primary changes nothing else */
  g_assert_true (crm_store_delete_contact (db->store, wang, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_contacts (db->store, customer), ==, 2);
  g_assert_cmpint (primary_of (db->store, customer), ==, zhang);
  g_assert_cmpint (count_changes (db->store, customer, "primary_contact"), ==, 0);
  g_assert_cmpuint (count_matches (db->store, "王强"), ==, 0);

  /* deleting the primary promotes the oldest remaining contact */
  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);
  g_assert_true (crm_store_delete_contact (db->store, zhang, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_contact, ==, 2);   /* the deleted one, the promoted one */
  g_assert_cmpuint (changes.n_customer, ==, 1);
  g_assert_cmpint (primary_of (db->store, customer), ==, li);
  change = last_change (db->store, customer, "primary_contact");
  g_assert_cmpstr (change, ==, "张伟 → 李娜");
  g_clear_pointer (&change, g_free);
  change = last_change (db->store, customer, "phone");
  g_assert_cmpstr (change, ==, "13800138000 → 13912345678");
  g_clear_pointer (&change, g_free);
  g_assert_cmpuint (count_matches (db->store, "张伟"), ==, 0);
  g_assert_cmpuint (count_matches (db->store, "0013"), ==, 0);

  /* the last one: no primary any more */
  g_assert_true (crm_store_delete_contact (db->store, li, &error));
  g_assert_cmpint (crm_store_count_contacts (db->store, customer), ==, 0);
  change = last_change (db->store, customer, "primary_contact");
  g_assert_cmpstr (change, ==, "李娜 → ∅");
  g_clear_pointer (&change, g_free);

  /* gone is gone */
  g_assert_false (crm_store_delete_contact (db->store, li, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_store_load_contact (db->store, li, NULL, &draft, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_false (crm_store_in_transaction (db->store));
}

static void
test_contact_search (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmContactDraft) draft = { 0 };
  gint64 customer, other, id;
  g_autofree char *digits = NULL;

  customer = create_customer (db->store, "北京华信科技有限公司", "张伟", "13800138000", NULL);
  other = create_customer (db->store, "Acme Logistics", "Jane Doe", "+1 555 010 2000", NULL);
  g_assert_cmpuint (count_matches (db->store, "欧阳"), ==, 0);
  g_assert_cmpuint (count_matches (db->store, "1861234"), ==, 0);

  id = add_contact (db->store, customer, "欧阳娜娜", "+86 186-1234-9876", "nana@huaxin.cn", FALSE);
  digits = query_text (db->store, "SELECT phone_digits FROM contacts WHERE id = $ID", id);
  g_assert_cmpstr (digits, ==, "8618612349876");

  /* found by the new contact's name, phone digits (any part) and e-mail */
  g_assert_cmpuint (count_matches (db->store, "欧阳"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "娜娜"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "1861234"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "9876"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "nana@hua"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "张伟"), ==, 1);   /* the others still are */

  /* a changed number: the old one no longer finds the customer */
  g_assert_true (crm_store_load_contact (db->store, id, NULL, &draft, &error));
  g_free (draft.phone);
  draft.phone = g_strdup ("010 6543 2100");
  g_assert_cmpint (crm_store_save_contact (db->store, customer, id, &draft, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpuint (count_matches (db->store, "1861234"), ==, 0);
  g_assert_cmpuint (count_matches (db->store, "65432100"), ==, 1);
  g_clear_pointer (&digits, g_free);
  digits = query_text (db->store, "SELECT phone_digits FROM contacts WHERE id = $ID", id);
  g_assert_cmpstr (digits, ==, "01065432100");

  /* the other customer's index is untouched */
  g_assert_cmpuint (count_matches (db->store, "jane"), ==, 1);
  g_assert_cmpint (query_int (db->store, "SELECT count(*) FROM search_terms WHERE customer_id = $ID",
                              other), >, 0);
  crm_test_assert_terms_listed (db->store);

  /* a deleted customer's terms go with it (by its list: the table has no
   * foreign key), and nobody else's */
  {
    gint64 others = query_int (db->store, "SELECT count(*) FROM search_terms WHERE customer_id != $ID", other);
    g_autofree char *sql = g_strdup_printf ("DELETE FROM customers WHERE id = %" G_GINT64_FORMAT, other);

    g_assert_true (crm_store_exec (db->store, sql, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int (db->store, "SELECT count(*) FROM search_terms WHERE customer_id = $ID", other), ==, 0);
    g_assert_cmpint (query_int (db->store, "SELECT count(*) FROM search_terms WHERE customer_id != $ID", other),
                     ==, others);
    g_assert_cmpuint (count_matches (db->store, "jane"), ==, 0);
    crm_test_assert_terms_listed (db->store);
  }
}

static void
test_contact_invalid (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmContactDraft) draft = { 0 };
  gint64 customer, other, id;
  Changes changes = { 0 };

  customer = create_customer (db->store, "北京华信科技有限公司", "张伟", "13800138000", NULL);
  other = create_customer (db->store, "Acme Logistics", "Jane Doe", NULL, NULL);
  id = primary_of (db->store, other);
  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);

  /* a bad e-mail address: refused with the form's message, nothing stored or announced */
  fill_contact (&draft, "李娜", "13912345678", "lina-at-huaxin", TRUE);
  g_assert_cmpint (crm_store_save_contact (db->store, customer, 0, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter an address like name@example.com.");
  g_clear_error (&error);

  /* a blank name */
  crm_contact_draft_clear (&draft);
  fill_contact (&draft, "  ", "13912345678", NULL, FALSE);
  g_assert_cmpint (crm_store_save_contact (db->store, customer, 0, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This field is required.");
  g_clear_error (&error);

  /* another customer's contact, or no such customer */
  crm_contact_draft_clear (&draft);
  fill_contact (&draft, "李娜", NULL, NULL, TRUE);
  g_assert_cmpint (crm_store_save_contact (db->store, customer, id, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_save_contact (db->store, 9999, 0, &draft, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM contacts"), ==, 2);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM profile_changes"), ==, 0);
  g_assert_cmpuint (changes.n_contact + changes.n_customer, ==, 0);
  g_assert_cmpuint (count_matches (db->store, "李娜"), ==, 0);
  g_assert_cmpint (primary_of (db->store, other), ==, id);
  g_assert_false (crm_store_in_transaction (db->store));

  /* a good one is announced once committed */
  g_assert_cmpint (crm_store_save_contact (db->store, customer, 0, &draft, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_contact, ==, 2);   /* the new primary, the former one */
  g_assert_cmpuint (changes.n_customer, ==, 1);
}

/* ---- needs ---- */

static void
test_needs_parse (void)
{
  g_auto(GStrv) tags = crm_needs_parse_tags (" 快速交付， invoice monthly,ERP、 , erp ,\u3000售后 ");
  g_auto(GStrv) none = crm_needs_parse_tags (" ,，、 ");
  g_auto(GStrv) null = crm_needs_parse_tags (NULL);
  g_autofree char *m1 = NULL, *m2 = NULL, *m3 = NULL, *m4 = NULL, *m5 = NULL, *m6 = NULL;
  int hours = 7;

  g_assert_cmpuint (g_strv_length (tags), ==, 4);
  g_assert_cmpstr (tags[0], ==, "快速交付");
  g_assert_cmpstr (tags[1], ==, "invoice monthly");
  g_assert_cmpstr (tags[2], ==, "ERP");   /* "erp" is the same tag */
  g_assert_cmpstr (tags[3], ==, "售后");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (null), ==, 0);

  g_assert_null (crm_needs_parse_response_hours ("  ", &hours));
  g_assert_cmpint (hours, ==, -1);
  g_assert_null (crm_needs_parse_response_hours (" 24 ", &hours));
  g_assert_cmpint (hours, ==, 24);
  g_assert_null (crm_needs_parse_response_hours ("０", &hours));   /* full-width */
  g_assert_cmpint (hours, ==, 0);
  g_assert_null (crm_needs_parse_response_hours ("４８", &hours));
  g_assert_cmpint (hours, ==, 48);

  m1 = crm_needs_parse_response_hours ("-3", &hours);
  g_assert_cmpstr (m1, ==, "The number of hours cannot be negative.");
  g_assert_cmpint (hours, ==, -1);
  m2 = crm_needs_parse_response_hours ("1.5", &hours);
  g_assert_cmpstr (m2, ==, "Enter a whole number of hours, such as 24, or leave the field empty.");
  m3 = crm_needs_parse_response_hours ("two days", &hours);
  g_assert_cmpstr (m3, ==, m2);
  m4 = crm_needs_parse_response_hours ("8761", &hours);
  g_assert_cmpstr (m4, ==, "Use at most 8760 hours.");
  m5 = crm_needs_parse_response_hours ("99999999999999999999999", &hours);
  g_assert_cmpstr (m5, ==, m4);
  m6 = crm_needs_parse_response_hours ("8760", &hours);
  g_assert_null (m6);
  g_assert_cmpint (hours, ==, 8760);
}

static void
fill_needs (CrmNeedsDraft *draft)
{
  crm_needs_draft_init (draft);
  draft->preferred_products = g_strdup (" ERP, cloud backup ");
  draft->price_sensitivity = 2;
  draft->expected_response_hours = 4;
  draft->value_focus = 2;
  draft->tags = crm_needs_parse_tags ("invoice monthly, 快速交付, , Invoice Monthly");
}

static void
test_needs_round_trip (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmNeedsDraft) draft = { 0 };
  g_auto(CrmNeedsDraft) loaded = { 0 };
  g_autofree char *change = NULL;
  gint64 customer, other;
  Changes changes = { 0 };

  customer = create_customer (db->store, "北京华信科技有限公司", "张伟", NULL, NULL);
  other = create_customer (db->store, "Acme Logistics", NULL, NULL, NULL);

  /* nothing recorded: all unknown */
  crm_needs_draft_init (&loaded);
  g_assert_true (crm_store_load_needs (db->store, customer, &loaded, &error));
  g_assert_no_error (error);
  g_assert_true (crm_needs_draft_is_empty (&loaded));
  g_assert_cmpint (loaded.price_sensitivity, ==, -1);
  g_assert_cmpint (loaded.expected_response_hours, ==, -1);
  g_assert_cmpint (loaded.value_focus, ==, -1);
  g_assert_cmpuint (g_strv_length (loaded.tags), ==, 0);

  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);
  fill_needs (&draft);
  g_assert_true (crm_store_save_needs (db->store, customer, &draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.n_customer, ==, 1);

  g_assert_true (crm_store_load_needs (db->store, customer, &loaded, &error));
  g_assert_cmpstr (loaded.preferred_products, ==, "ERP, cloud backup");
  g_assert_cmpint (loaded.price_sensitivity, ==, 2);
  g_assert_cmpint (loaded.expected_response_hours, ==, 4);
  g_assert_cmpint (loaded.value_focus, ==, 2);
  g_assert_cmpuint (g_strv_length (loaded.tags), ==, 2);
  g_assert_cmpstr (loaded.tags[0], ==, "invoice monthly");
  g_assert_cmpstr (loaded.tags[1], ==, "快速交付");
  crm_needs_draft_normalize (&draft);
  g_assert_true (crm_needs_draft_equal (&draft, &loaded));

  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM tags"), ==, 2);
  change = last_change (db->store, customer, "needs");
  g_assert_cmpstr (change, ==, "∅ → Products: ERP, cloud backup; Price sensitivity: High; Response within 4 hours;"
                               " Values: After-sales service; Tags: invoice monthly, 快速交付");
  g_clear_pointer (&change, g_free);

  /* the same again: nothing to record */
  g_assert_true (crm_store_save_needs (db->store, customer, &draft, &error));
  g_assert_cmpint (count_changes (db->store, customer, "needs"), ==, 1);
  g_assert_cmpuint (changes.n_customer, ==, 1);

  /* another customer shares a tag by name */
  {
    g_auto(CrmNeedsDraft) d = { 0 };

    crm_needs_draft_init (&d);
    d.tags = crm_needs_parse_tags ("快速交付、月结");
    g_assert_true (crm_store_save_needs (db->store, other, &d, &error));
    g_assert_no_error (error);
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM tags"), ==, 3);
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customer_tags"), ==, 4);
    /* only tags: no needs row */
    g_assert_cmpint (query_int (db->store, "SELECT count(*) FROM customer_needs WHERE customer_id = $ID",
                                other), ==, 0);
  }

  /* changed: tags replaced, one change from the old summary to the new one */
  draft.price_sensitivity = 0;
  draft.expected_response_hours = -1;
  g_strfreev (draft.tags);
  draft.tags = crm_needs_parse_tags ("VIP");
  g_assert_true (crm_store_save_needs (db->store, customer, &draft, &error));
  g_assert_no_error (error);
  change = last_change (db->store, customer, "needs");
  g_assert_cmpstr (change, ==, "Products: ERP, cloud backup; Price sensitivity: High; Response within 4 hours;"
                               " Values: After-sales service; Tags: invoice monthly, 快速交付"
                               " → Products: ERP, cloud backup; Price sensitivity: Low;"
                               " Values: After-sales service; Tags: VIP");
  g_clear_pointer (&change, g_free);
  g_assert_true (crm_store_load_needs (db->store, customer, &loaded, &error));
  g_assert_cmpint (loaded.expected_response_hours, ==, -1);
  g_assert_cmpint (loaded.price_sensitivity, ==, 0);
  g_assert_cmpuint (g_strv_length (loaded.tags), ==, 1);
  g_assert_cmpstr (loaded.tags[0], ==, "VIP");
  change = query_text (db->store, "SELECT expected_response_hours IS NULL FROM customer_needs WHERE customer_id = $ID",
                       customer);
  g_assert_cmpstr (change, ==, "1");
  g_clear_pointer (&change, g_free);

  /* cleared: the row goes, the profile says nothing is recorded */
  crm_needs_draft_clear (&draft);
  g_assert_true (crm_store_save_needs (db->store, customer, &draft, &error));
  g_assert_cmpint (query_int (db->store, "SELECT count(*) FROM customer_needs WHERE customer_id = $ID",
                              customer), ==, 0);
  g_assert_cmpint (query_int (db->store, "SELECT count(*) FROM customer_tags WHERE customer_id = $ID",
                              customer), ==, 0);
  change = last_change (db->store, customer, "needs");
  g_assert_cmpstr (change, ==, "Products: ERP, cloud backup; Price sensitivity: Low;"
                               " Values: After-sales service; Tags: VIP → ∅");
  g_assert_cmpint (count_changes (db->store, customer, "needs"), ==, 3);
}

static void
test_needs_invalid (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CrmNeedsDraft) draft = { 0 };
  g_auto(CrmNeedsValidation) result = { { NULL } };
  gint64 customer = create_customer (db->store, "北京华信科技有限公司", "张伟", NULL, NULL);
  Changes changes = { 0 };
  struct {
    int         price;
    int         hours;
    int         focus;
    const char *tags;
    const char *message;
  } cases[] = {
    { 3, 4, 0, "a", "Choose a price sensitivity from the list." },
    { -2, 4, 0, "a", "Choose a price sensitivity from the list." },
    { 1, -3, 0, "a", "The number of hours cannot be negative." },
    { 1, 9000, 0, "a", "Use at most 8760 hours." },
    { 1, 4, 3, "a", "Choose what the customer values most from the list." },
    { 1, 4, 0, "a, 12345678901234567890123456789012345678901",
      "The tag “12345678901234567890123456789012345678901” is too long: use at most 40 characters." },
  };

  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), &changes);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      crm_needs_draft_clear (&draft);
      draft.preferred_products = g_strdup ("ERP");
      draft.price_sensitivity = cases[i].price;
      draft.expected_response_hours = cases[i].hours;
      draft.value_focus = cases[i].focus;
      draft.tags = crm_needs_parse_tags (cases[i].tags);
      g_assert_false (crm_store_save_needs (db->store, customer, &draft, &error));
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);
    }

  /* the message is at its field */
  g_assert_false (crm_needs_draft_validate (&draft, &result));
  g_assert_nonnull (result.messages[CRM_NEEDS_FIELD_TAGS]);
  g_assert_null (result.messages[CRM_NEEDS_FIELD_PRICE_SENSITIVITY]);
  g_assert_null (result.messages[CRM_NEEDS_FIELD_RESPONSE_HOURS]);

  /* nothing stored, nothing announced */
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customer_needs"), ==, 0);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM tags"), ==, 0);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customer_tags"), ==, 0);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM profile_changes"), ==, 0);
  g_assert_cmpuint (changes.n_customer + changes.n_contact, ==, 0);

  /* no such customer */
  crm_needs_draft_clear (&draft);
  draft.value_focus = 1;
  g_assert_false (crm_store_save_needs (db->store, 9999, &draft, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_false (crm_store_in_transaction (db->store));
}

/* The search terms and lists as text, to compare */
static char *
all_terms (CrmStore *store)
{
  g_autofree char *terms = crm_test_query_text (store, "SELECT group_concat(customer_id || ':' || term, ' ') FROM"
                                                       " (SELECT * FROM search_terms ORDER BY term, customer_id)");
  g_autofree char *lists = crm_test_query_text (store, "SELECT group_concat(customer_id || '=' || terms, ' ') FROM"
                                                       " (SELECT * FROM customer_terms ORDER BY customer_id)");

  return g_strconcat (terms, "\n", lists, NULL);
}

/* The term writer making the terms in its thread, across many batches, writes
 * what each customer's own reindex writes */
static void
test_term_writer_texts (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autoptr(CrmTermWriter) writer = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf (i % 2 ? "华信%u科技有限公司" : "Acme Trading %u", i);
      g_autofree char *contact = g_strdup_printf (i % 3 ? "王%u" : "Jane Doe %u", i);
      g_autofree char *phone = g_strdup_printf ("138 0013 %04u", i);
      g_autofree char *email = g_strdup_printf ("buyer%u@example.com", i);

      create_customer (db->store, name, contact, i % 5 ? phone : NULL, i % 4 ? email : NULL);
    }
  expected = all_terms (db->store);
  g_assert_cmpuint (strlen (expected), >, 1000);

  g_assert_true (crm_store_exec (db->store, "DELETE FROM search_terms; DELETE FROM customer_terms;", &error));
  g_assert_true (crm_store_begin (db->store, &error));
  /* a batch of 50 terms: written every few customers */
  writer = crm_term_writer_new (db->store, 50);
  stmt = crm_store_prepare (db->store, "SELECT c.id, c.name, c.code, ct.name, ct.phone, ct.email FROM customers c"
                                       " JOIN contacts ct ON ct.customer_id = c.id ORDER BY c.id", &error);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_true (crm_term_writer_add_texts (writer, sqlite3_column_int64 (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                (const char *) sqlite3_column_text (stmt, 2),
                                                (const char *) sqlite3_column_text (stmt, 3),
                                                (const char *) sqlite3_column_text (stmt, 4),
                                                (const char *) sqlite3_column_text (stmt, 5), &error));
      g_assert_no_error (error);
      n++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (n, ==, 40);
  g_assert_true (crm_term_writer_flush (writer, &error));
  g_assert_no_error (error);
  g_assert_true (crm_store_commit (db->store, &error));
  got = all_terms (db->store);
  g_assert_cmpstr (got, ==, expected);
  crm_test_assert_terms_listed (db->store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/contacts/validate", test_contact_validate);
  g_test_add_func ("/contacts/primary", test_contact_primary);
  g_test_add_func ("/contacts/first-is-primary", test_contact_first_is_primary);
  g_test_add_func ("/contacts/delete", test_contact_delete);
  g_test_add_func ("/contacts/search", test_contact_search);
  g_test_add_func ("/contacts/invalid", test_contact_invalid);
  g_test_add_func ("/contacts/term-writer-texts", test_term_writer_texts);
  g_test_add_func ("/needs/parse", test_needs_parse);
  g_test_add_func ("/needs/round-trip", test_needs_round_trip);
  g_test_add_func ("/needs/invalid", test_needs_invalid);
  return g_test_run ();
}
