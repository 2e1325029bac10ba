/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gstdio.h>

#include "crm-customer-list-model.h"
#include "crm-import-csv.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static CrmCsvImport *
open_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  CrmCsvImport *import = crm_csv_import_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
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

/* Everything an import could have written, in one string to compare before and after */
static char *
database_counts (CrmStore *store)
{
  return g_strdup_printf ("customers %" G_GINT64_FORMAT " contacts %" G_GINT64_FORMAT " terms %" G_GINT64_FORMAT
                          " tags %" G_GINT64_FORMAT " customer_tags %" G_GINT64_FORMAT " needs %" G_GINT64_FORMAT
                          " team %" G_GINT64_FORMAT " sequence %" G_GINT64_FORMAT " indexes %" G_GINT64_FORMAT
                          " unindexed %" G_GINT64_FORMAT,
                          crm_test_query_int (store, "SELECT count(*) FROM customers"),
                          crm_test_query_int (store, "SELECT count(*) FROM contacts"),
                          crm_test_query_int (store, "SELECT count(*) FROM search_terms"),
                          crm_test_query_int (store, "SELECT count(*) FROM tags"),
                          crm_test_query_int (store, "SELECT count(*) FROM customer_tags"),
                          crm_test_query_int (store, "SELECT count(*) FROM customer_needs"),
                          crm_test_query_int (store, "SELECT count(*) FROM team_members"),
                          crm_test_query_int (store, "SELECT coalesce(sum(last), 0) FROM code_sequences"),
                          crm_test_query_int (store, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"),
                          crm_test_query_int (store, "SELECT count(*) FROM unindexed_customers"));
}

/* What the preview found, in the test log (to see why a count differs) */
static void
log_problems (CrmCsvImport *import)
{
  GPtrArray *problems = crm_csv_import_get_problems (import);

  for (guint i = 0; i < problems->len; i++)
    {
      const CrmCsvProblem *p = g_ptr_array_index (problems, i);

      g_test_message ("line %u, column %s: %s", p->line, p->column, p->message);
    }
}

static gint64
import_all (CrmCsvImport *import,
            CrmStore     *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  g_assert_true (crm_csv_import_preview (import, store, &error));
  g_assert_no_error (error);
  log_problems (import);
  g_assert_cmpuint (crm_csv_import_get_problems (import)->len, ==, 0);
  n = crm_csv_import_commit (import, store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return n;
}

/* ---- header matching ---- */

static void
test_match_headers (void)
{
  const CrmImportFieldInfo *infos;
  guint n_infos = 0;

  g_assert_cmpint (crm_import_field_match_header ("客户名称"), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_match_header ("客戶名稱"), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_match_header ("Customer name"), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_match_header ("  CUSTOMER_NAME "), ==, CRM_IMPORT_FIELD_NAME);
  /* full-width letters and an ideographic space */
  g_assert_cmpint (crm_import_field_match_header ("Ｃｕｓｔｏｍｅｒ\u3000Ｎａｍｅ"), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_match_header ("Company"), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_match_header ("*客户名称"), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_import_field_match_header ("手机"), ==, CRM_IMPORT_FIELD_PHONE);
  g_assert_cmpint (crm_import_field_match_header ("手机号"), ==, CRM_IMPORT_FIELD_PHONE);
  g_assert_cmpint (crm_import_field_match_header ("联系电话"), ==, CRM_IMPORT_FIELD_PHONE);
  g_assert_cmpint (crm_import_field_match_header ("电话（手机）"), ==, CRM_IMPORT_FIELD_PHONE);
  g_assert_cmpint (crm_import_field_match_header ("E-Mail"), ==, CRM_IMPORT_FIELD_EMAIL);
  g_assert_cmpint (crm_import_field_match_header ("邮箱"), ==, CRM_IMPORT_FIELD_EMAIL);
  g_assert_cmpint (crm_import_field_match_header ("所属行业"), ==, CRM_IMPORT_FIELD_INDUSTRY);
  g_assert_cmpint (crm_import_field_match_header ("客户规模"), ==, CRM_IMPORT_FIELD_STAFF_COUNT);
  g_assert_cmpint (crm_import_field_match_header ("年营业额（万元）"), ==, CRM_IMPORT_FIELD_ANNUAL_REVENUE);
  g_assert_cmpint (crm_import_field_match_header ("联系人"), ==, CRM_IMPORT_FIELD_CONTACT_NAME);
  g_assert_cmpint (crm_import_field_match_header ("需求标签"), ==, CRM_IMPORT_FIELD_TAGS);
  g_assert_cmpint (crm_import_field_match_header ("客户来源渠道"), ==, CRM_IMPORT_FIELD_SOURCE);
  g_assert_cmpint (crm_import_field_match_header ("最后跟进时间"), ==, CRM_IMPORT_FIELD_LAST_CONTACT);
  g_assert_cmpint (crm_import_field_match_header ("Last follow-up time"), ==, CRM_IMPORT_FIELD_LAST_CONTACT);
  g_assert_cmpint (crm_import_field_match_header ("负责人"), ==, CRM_IMPORT_FIELD_OWNER);
  /* the customers export's own headers */
  g_assert_cmpint (crm_import_field_match_header ("staff_count"), ==, CRM_IMPORT_FIELD_STAFF_COUNT);
  g_assert_cmpint (crm_import_field_match_header ("last_contact_at"), ==, CRM_IMPORT_FIELD_LAST_CONTACT);
  g_assert_cmpint (crm_import_field_match_header ("do_not_contact"), ==, CRM_IMPORT_FIELD_DO_NOT_CONTACT);
  /* nothing */
  g_assert_cmpint (crm_import_field_match_header ("Lieblingsfarbe"), ==, CRM_IMPORT_FIELD_NONE);
  g_assert_cmpint (crm_import_field_match_header (""), ==, CRM_IMPORT_FIELD_NONE);

  infos = crm_import_field_get_infos (&n_infos);
  g_assert_cmpuint (n_infos, ==, CRM_N_IMPORT_FIELDS);
  for (guint i = 0; i < n_infos; i++)
    {
      g_assert_cmpint (infos[i].field, ==, i);
      g_assert_cmpint (crm_import_field_from_id (infos[i].id), ==, i);
      g_assert_cmpstr (crm_import_field_get_label (i), ==, infos[i].label);   /* LANGUAGE=en */
    }
  g_assert_cmpstr (crm_import_field_get_id (CRM_IMPORT_FIELD_PHONE), ==, "phone");
  g_assert_cmpint (crm_import_field_from_id ("nonsense"), ==, CRM_IMPORT_FIELD_NONE);
}

/* "姓名" is the customer's name, unless another column already is */
static void
test_match_fallback (void)
{
  static const char data[] = "姓名,客户名称,电话\n张三,三号公司,13800000000\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = crm_csv_import_new_from_data (data, strlen (data), "t.csv", &error);
  g_autoptr(CrmCsvImport) alone = NULL;
  static const char data2[] = "姓名,电话\n张三,13800000000\n";

  g_assert_no_error (error);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 0), ==, CRM_IMPORT_FIELD_CONTACT_NAME);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 1), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 2), ==, CRM_IMPORT_FIELD_PHONE);

  alone = crm_csv_import_new_from_data (data2, strlen (data2), "t.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_csv_import_get_mapping (alone, 0), ==, CRM_IMPORT_FIELD_NAME);
}

/* ---- encodings, separators, quoting ---- */

static void
test_utf8_bom_comma (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmCsvImport) import = open_fixture ("utf8-bom-comma.csv");
  const char * const *headers = crm_csv_import_get_headers (import);
  g_autoptr(GArray) unknown = crm_csv_import_get_unknown_columns (import);
  g_autofree char *name = NULL;
  g_autofree char *tags = NULL;

  g_assert_cmpstr (crm_csv_import_get_encoding (import), ==, "UTF-8");
  g_assert_cmpint (crm_csv_import_get_separator (import), ==, ',');
  g_assert_cmpuint (crm_csv_import_get_n_columns (import), ==, 9);
  g_assert_cmpstr (headers[0], ==, "Customer name");   /* no BOM left in front */
  g_assert_cmpuint (unknown->len, ==, 0);
  g_assert_cmpuint (crm_csv_import_get_n_rows (import), ==, 4);

  /* RFC 4180: "" is a quote, separators and line breaks inside quotes */
  g_assert_cmpstr (crm_csv_import_get_value (import, 0, 0), ==, "Acme \"Best\" Logistics, Ltd.");
  g_assert_cmpstr (crm_csv_import_get_value (import, 0, 6), ==, "cost, efficiency");
  g_assert_cmpstr (crm_csv_import_get_value (import, 2, 0), ==, "Initech\nSecond line");
  g_assert_cmpstr (crm_csv_import_get_value (import, 2, 1), ==, "Software");
  /* physical lines where the records start */
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 0), ==, 2);
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 1), ==, 3);
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 2), ==, 4);
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 3), ==, 6);

  g_assert_cmpint (import_all (import, db->store), ==, 4);

  name = crm_test_query_text (db->store, "SELECT name FROM customers WHERE code = 'CS2026001'");
  g_assert_cmpstr (name, ==, "Acme \"Best\" Logistics, Ltd.");
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT tier FROM customers WHERE code = 'CS2026001'"), ==,
                   CRM_TIER_VIP);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT kind FROM customers WHERE code = 'CS2026001'"), ==,
                   CRM_CUSTOMER_COMPANY);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT last_contact_at FROM customers WHERE code = 'CS2026001'"),
                   ==, crm_test_time ("2026-10-01 14:30"));
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT tier FROM customers WHERE code = 'CS2026004'"), ==,
                   CRM_TIER_POTENTIAL);
  tags = crm_test_query_text (db->store,
                              "SELECT group_concat(t.name, '|') FROM (SELECT t.name FROM customer_tags ct"
                              " JOIN tags t ON t.id = ct.tag_id JOIN customers c ON c.id = ct.customer_id"
                              " WHERE c.code = 'CS2026001' ORDER BY t.name) t");
  g_assert_cmpstr (tags, ==, "cost|efficiency");
  g_assert_cmpint (crm_test_query_int (db->store,
                                       "SELECT count(*) FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
                                       " WHERE c.code = 'CS2026002' AND ct.name = 'Hank Scorpio'"
                                       " AND ct.phone_digits = '13800138001' AND ct.is_primary = 1"
                                       " AND ct.email = 'hank@globex.example'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customers WHERE source = 'Referral'"), ==, 2);

  /* the customer search finds them by name, contact, phone, e-mail and code */
  g_assert_cmpuint (count_matches (db->store, "acme"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "Lumbergh"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "555-010"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "alice@umbrella"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "CS2026003"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "initech"), ==, 1);
}

static void
test_utf8_semicolon_chinese (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmCsvImport) import = open_fixture ("utf8-semicolon.csv");
  g_autoptr(GError) error = NULL;
  const char * const *owners;
  gint64 owner;
  g_autofree char *contact = NULL;

  g_assert_cmpstr (crm_csv_import_get_encoding (import), ==, "UTF-8");
  g_assert_cmpint (crm_csv_import_get_separator (import), ==, ';');
  g_assert_cmpuint (crm_csv_import_get_n_rows (import), ==, 3);   /* the blank line is skipped */
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 2), ==, 5);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 2), ==, CRM_IMPORT_FIELD_STAFF_COUNT);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 10), ==, CRM_IMPORT_FIELD_OWNER);

  g_assert_true (crm_csv_import_preview (import, db->store, &error));
  g_assert_no_error (error);
  owners = crm_csv_import_get_new_owners (import);
  g_assert_cmpstr (owners[0], ==, "王芳");
  g_assert_null (owners[1]);
  g_assert_cmpuint (crm_csv_import_count_new (import), ==, 3);

  g_assert_cmpint (import_all (import, db->store), ==, 3);

  owner = crm_test_query_int (db->store, "SELECT id FROM team_members WHERE name = '王芳'");
  g_assert_cmpint (owner, >, 0);
  g_assert_cmpint (crm_test_query_intf (db->store, "SELECT count(*) FROM customers WHERE owner_id = %" G_GINT64_FORMAT,
                                        owner), ==, 2);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT staff_count FROM customers WHERE name = '北京华信科技有限公司'"),
                   ==, 500);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT staff_count FROM customers WHERE name = '上海东方贸易有限公司'"),
                   ==, 1200);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT tier FROM customers WHERE name = '上海东方贸易有限公司'"), ==,
                   CRM_TIER_NORMAL);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT last_contact_at FROM customers WHERE name = '上海东方贸易有限公司'"),
                   ==, crm_test_time ("2026-10-08 00:00"));
  g_assert_cmpint (crm_test_query_int (db->store,
                                       "SELECT count(*) FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id"
                                       " WHERE t.name IN ('降本', '效率提升')"), ==, 2);
  /* a person without a contact column value: the phone is their own */
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT kind FROM customers WHERE name = '王建国'"), ==,
                   CRM_CUSTOMER_PERSON);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT tier FROM customers WHERE name = '王建国'"), ==,
                   CRM_TIER_POTENTIAL);
  contact = crm_test_query_text (db->store,
                                 "SELECT ct.name FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
                                 " WHERE c.name = '王建国'");
  g_assert_cmpstr (contact, ==, "王建国");
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT kind FROM customers WHERE name = '北京华信科技有限公司'"), ==,
                   CRM_CUSTOMER_COMPANY);

  g_assert_cmpuint (count_matches (db->store, "华信"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "欧阳"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "0013"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "有限公司"), ==, 2);
}

static void
test_gb18030_tab (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmCsvImport) import = open_fixture ("gb18030-tab.tsv");

  g_assert_cmpstr (crm_csv_import_get_encoding (import), ==, "GB18030");
  g_assert_cmpint (crm_csv_import_get_separator (import), ==, '\t');
  g_assert_cmpstr (crm_csv_import_get_headers (import)[0], ==, "客户名称");
  g_assert_cmpuint (crm_csv_import_get_n_rows (import), ==, 3);
  g_assert_cmpstr (crm_csv_import_get_value (import, 0, 0), ==, "深圳鹏城电子有限公司");
  g_assert_cmpstr (crm_csv_import_get_value (import, 2, 0), ==, "臺北精密機械股份有限公司");

  g_assert_cmpint (import_all (import, db->store), ==, 3);
  g_assert_cmpint (crm_test_query_int (db->store,
                                       "SELECT count(*) FROM customers WHERE name = '杭州西湖茶业有限公司'"
                                       " AND industry = '茶叶'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT staff_count FROM customers WHERE name = '深圳鹏城电子有限公司'"),
                   ==, 300);
  g_assert_cmpuint (count_matches (db->store, "鹏城"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "李娜"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "精密機械"), ==, 1);
}

static void
test_unknown_header_mapping (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmCsvImport) import = open_fixture ("unknown-header.csv");
  g_autoptr(GArray) unknown = crm_csv_import_get_unknown_columns (import);
  g_autoptr(GArray) still_unknown = NULL;

  g_assert_cmpuint (unknown->len, ==, 2);
  g_assert_cmpuint (g_array_index (unknown, guint, 0), ==, 1);   /* Telefon */
  g_assert_cmpuint (g_array_index (unknown, guint, 1), ==, 3);   /* Lieblingsfarbe */
  g_assert_cmpint (crm_csv_import_get_mapping (import, 0), ==, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 2), ==, CRM_IMPORT_FIELD_CONTACT_NAME);

  /* the window's mapping step: Telefon is the phone, the colour stays out */
  crm_csv_import_set_mapping (import, 1, CRM_IMPORT_FIELD_PHONE);
  crm_csv_import_set_mapping (import, 3, CRM_IMPORT_FIELD_NONE);
  still_unknown = crm_csv_import_get_unknown_columns (import);
  g_assert_cmpuint (still_unknown->len, ==, 0);

  g_assert_cmpint (import_all (import, db->store), ==, 2);
  g_assert_cmpint (crm_test_query_int (db->store,
                                       "SELECT count(*) FROM contacts WHERE name = 'Michael Scott'"
                                       " AND phone = '13811113333'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customers WHERE notes IS NOT NULL"), ==, 0);
}

static void
test_mapping_moves_field (void)
{
  static const char data[] = "Name,Contact,Other\nA Ltd,Ann,B\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = crm_csv_import_new_from_data (data, strlen (data), "t.csv", &error);
  g_autoptr(CrmTestDb) db = crm_test_db_new ();

  g_assert_no_error (error);
  /* a field comes from one column: giving it to another takes it from the first */
  crm_csv_import_set_mapping (import, 2, CRM_IMPORT_FIELD_NAME);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 0), ==, CRM_IMPORT_FIELD_NONE);
  g_assert_cmpint (crm_csv_import_get_mapping (import, 2), ==, CRM_IMPORT_FIELD_NAME);

  /* without a name column there is nothing to import */
  crm_csv_import_set_mapping (import, 2, CRM_IMPORT_FIELD_NOTES);
  g_assert_false (crm_csv_import_preview (import, db->store, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_NO_NAME);
}

/* ---- problems: all or nothing ---- */

static void
test_malformed_quote (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autofree char *path = fixture_path ("malformed-quote.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = crm_csv_import_new_from_file (path, &error);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_null (import);
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "Line 3 "));
  g_clear_error (&error);

  crm_test_create_customer (db->store, "Existing Ltd", "Eve", "13800000000");
  before = database_counts (db->store);
  g_assert_false (crm_csv_import_run_cli (db->store, path, report, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_MALFORMED);
  after = database_counts (db->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_rows (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(CrmCsvImport) import = open_fixture ("bad-email.csv");
  g_autofree char *path = fixture_path ("bad-email.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_cli = NULL;
  GPtrArray *problems;
  const CrmCsvProblem *p;

  crm_test_create_customer (db->store, "Existing Ltd", "Eve", "13800000000");
  before = database_counts (db->store);

  g_assert_true (crm_csv_import_preview (import, db->store, &error));
  g_assert_no_error (error);
  problems = crm_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 2);
  /* the quoted name spans lines 3 and 4: the record starts on line 3, the next on 5 */
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (p->line, ==, 3);
  g_assert_cmpstr (p->column, ==, "first_deal_date");
  g_assert_cmpstr (p->message, ==, "This date does not exist.");
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpuint (p->line, ==, 5);
  g_assert_cmpstr (p->column, ==, "email");
  g_assert_cmpstr (p->message, ==, "Enter an address like name@example.com.");

  g_assert_cmpint (crm_csv_import_commit (import, db->store, NULL, NULL, NULL, &error), ==, -1);
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_INVALID);
  g_clear_error (&error);
  after = database_counts (db->store);
  g_assert_cmpstr (before, ==, after);

  g_assert_false (crm_csv_import_run_cli (db->store, path, report, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "2 rows of “bad-email.csv” have problems. Nothing was imported.");
  g_assert_cmpstr (report->str, ==,
                   "line 3, column “first_deal_date”: This date does not exist.\n"
                   "line 5, column “email”: Enter an address like name@example.com.\n");
  after_cli = database_counts (db->store);
  g_assert_cmpstr (before, ==, after_cli);
}

static void
test_value_problems (void)
{
  /* a tier nobody knows, a time in the future, a count that is no number,
   * a company's phone without a contact person, one value too many */
  static const char data[] =
    "Customer,Tier,Last contact,Staff,Phone,Annual revenue,Do not contact\r\n"
    "Alpha Ltd,Gold-ish,2026-11-21 09:00,many,,,\r\n"
    "Beta Ltd,,,,13800000000,,\r\n"
    "Gamma,VIP,2026-11-19,\"1,500\",,120万,是,extra\r\n"
    "Delta,vip,2026-11-19T08:00:00+00:00,约80人,,\"¥1,234.50\",no\r\n";
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = crm_csv_import_new_from_data (data, strlen (data), "t.csv", &error);
  GPtrArray *problems;
  const CrmCsvProblem *p;

  g_assert_no_error (error);
  g_assert_true (crm_csv_import_preview (import, db->store, &error));
  problems = crm_csv_import_get_problems (import);
  log_problems (import);
  g_assert_cmpuint (problems->len, ==, 5);

  p = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpstr (p->column, ==, "Tier");
  g_assert_cmpstr (p->message, ==, "Enter VIP, Normal or Potential.");
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (p->column, ==, "Last contact");
  g_assert_cmpstr (p->message, ==, "The last follow-up cannot be in the future.");
  p = g_ptr_array_index (problems, 2);
  g_assert_cmpstr (p->column, ==, "Staff");
  p = g_ptr_array_index (problems, 3);
  g_assert_cmpuint (p->line, ==, 3);
  g_assert_cmpstr (p->column, ==, "Phone");
  g_assert_cmpstr (p->message, ==, "Name the person these contact details belong to.");
  p = g_ptr_array_index (problems, 4);
  g_assert_cmpuint (p->line, ==, 4);
  g_assert_cmpstr (p->column, ==, "column 8");

  /* without the bad rows the values land as meant */
  {
    static const char good[] =
      "Customer,Tier,Last contact,Staff,Phone,Annual revenue,Do not contact\n"
      "Gamma,VIP,2026-11-19,\"1,500\",,120万,是\n"
      "Delta,vip,2026-11-19T08:00:00+00:00,约80人,,\"¥1,234.50\",no\n";
    g_autoptr(CrmCsvImport) ok = crm_csv_import_new_from_data (good, strlen (good), "t.csv", &error);

    g_assert_no_error (error);
    g_assert_cmpint (import_all (ok, db->store), ==, 2);
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT staff_count FROM customers WHERE name = 'Gamma'"), ==, 1500);
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT annual_revenue_cents FROM customers WHERE name = 'Gamma'"),
                     ==, G_GINT64_CONSTANT (120000000));
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT do_not_contact FROM customers WHERE name = 'Gamma'"), ==, 1);
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT last_contact_at FROM customers WHERE name = 'Gamma'"), ==,
                     crm_test_time ("2026-11-19 00:00"));
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT last_contact_at FROM customers WHERE name = 'Delta'"), ==,
                     crm_test_time ("2026-11-19 16:00"));
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT staff_count FROM customers WHERE name = 'Delta'"), ==, 80);
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT annual_revenue_cents FROM customers WHERE name = 'Delta'"),
                     ==, 123450);
    g_assert_cmpint (crm_test_query_int (db->store, "SELECT do_not_contact FROM customers WHERE name = 'Delta'"), ==, 0);
  }
}

static void
test_line_numbers (void)
{
  /* CR-only and CRLF line ends, a quoted value over three lines, a blank line */
  static const char data[] =
    "name,email\r"
    "\"One\r\nTwo\r\nThree\",a@example.com\r\n"
    "\r\n"
    "Four,not-an-address\n"
    "Five,\"x\"\"y@example.com\"";
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = crm_csv_import_new_from_data (data, strlen (data), "t.csv", &error);
  GPtrArray *problems;

  g_assert_no_error (error);
  g_assert_cmpuint (crm_csv_import_get_n_rows (import), ==, 3);
  g_assert_cmpstr (crm_csv_import_get_value (import, 0, 0), ==, "One\nTwo\nThree");
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 0), ==, 2);
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 1), ==, 6);
  g_assert_cmpuint (crm_csv_import_get_row_line (import, 2), ==, 7);
  g_assert_cmpstr (crm_csv_import_get_value (import, 2, 1), ==, "x\"y@example.com");

  g_assert_true (crm_csv_import_preview (import, db->store, &error));
  problems = crm_csv_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpuint (((CrmCsvProblem *) g_ptr_array_index (problems, 0))->line, ==, 6);
  g_assert_cmpuint (((CrmCsvProblem *) g_ptr_array_index (problems, 1))->line, ==, 7);
}

static void
test_not_text (void)
{
  static const char data[] = "name\n\xff\xff\xff\n";
  static const char empty[] = "\r\n\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = crm_csv_import_new_from_data (data, sizeof data - 1, "t.csv", &error);

  g_assert_null (import);
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);

  import = crm_csv_import_new_from_data (empty, sizeof empty - 1, "t.csv", &error);
  g_assert_null (import);
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_EMPTY);
}

/* ---- duplicates ---- */

typedef struct {
  CrmTestDb *db;
  gint64     huaxin;
} DupFixture;

static void
dup_set_up (DupFixture    *f,
            gconstpointer  data)
{
  f->db = crm_test_db_new ();
  f->huaxin = crm_test_create_customer (f->db->store, "北京华信科技有限公司", "张伟", "13800138000");
}

static void
dup_tear_down (DupFixture    *f,
               gconstpointer  data)
{
  crm_test_db_free (f->db);
}

static void
test_duplicates_found (DupFixture    *f,
                       gconstpointer  data)
{
  g_autoptr(CrmCsvImport) import = open_fixture ("duplicates.csv");
  g_autoptr(GError) error = NULL;
  GPtrArray *dups;
  const CrmCsvDuplicate *d;

  g_assert_true (crm_csv_import_preview (import, f->db->store, &error));
  g_assert_no_error (error);
  dups = crm_csv_import_get_duplicates (import);
  g_assert_cmpuint (dups->len, ==, 3);

  d = g_ptr_array_index (dups, 0);
  g_assert_cmpuint (d->line, ==, 2);
  g_assert_cmpint (d->customer_id, ==, f->huaxin);
  g_assert_cmpstr (d->code, ==, "CS2026001");
  g_assert_cmpstr (d->name, ==, "北京华信科技有限公司");
  g_assert_cmpint (d->reason, ==, CRM_CSV_DUPLICATE_SAME_NAME);
  g_assert_cmpint (d->action, ==, CRM_CSV_DUPLICATE_SKIP);

  d = g_ptr_array_index (dups, 1);
  g_assert_cmpuint (d->line, ==, 3);
  g_assert_cmpint (d->customer_id, ==, f->huaxin);
  g_assert_cmpint (d->reason, ==, CRM_CSV_DUPLICATE_SAME_PHONE);

  d = g_ptr_array_index (dups, 2);
  g_assert_cmpuint (d->line, ==, 5);
  g_assert_cmpint (d->customer_id, ==, 0);
  g_assert_cmpuint (d->other_line, ==, 4);
  g_assert_cmpint (d->reason, ==, CRM_CSV_DUPLICATE_SAME_NAME);

  g_assert_cmpuint (crm_csv_import_count_new (import), ==, 1);
  g_assert_false (crm_csv_import_set_duplicate_action (import, 4, CRM_CSV_DUPLICATE_MERGE));

  /* archived customers are not looked at; with none current, only the file's
   * own repeat is left */
  g_assert_true (crm_store_exec (f->db->store, "UPDATE customers SET archived = 1", &error));
  g_assert_true (crm_csv_import_preview (import, f->db->store, &error));
  g_assert_no_error (error);
  dups = crm_csv_import_get_duplicates (import);
  g_assert_cmpuint (dups->len, ==, 1);
  d = g_ptr_array_index (dups, 0);
  g_assert_cmpuint (d->line, ==, 5);
  g_assert_cmpint (d->customer_id, ==, 0);
  g_assert_cmpuint (d->other_line, ==, 4);
  g_assert_cmpuint (crm_csv_import_count_new (import), ==, 3);
}

static void
test_duplicates_skip (DupFixture    *f,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path ("duplicates.csv");
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* the command line skips them and says so */
  g_assert_true (crm_csv_import_run_cli (f->db->store, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->str, ==,
                   "line 2: skipped, “北京华信科技有限公司” is already customer CS2026001 “北京华信科技有限公司” (same name).\n"
                   "line 3: skipped, “新客户甲公司” is already customer CS2026001 “北京华信科技有限公司” (same phone number).\n"
                   "line 5: skipped, “杭州新公司” has the same name as line 4.\n"
                   "Imported 1 customer. Skipped 3 likely duplicates.\n");
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts"), ==, 2);
  /* a code reserved for the new row only, none for the skipped ones */
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT last FROM code_sequences"), ==, 2);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers WHERE code = 'CS2026002'"), ==, 1);
  g_assert_cmpint (crm_test_query_intf (f->db->store, "SELECT count(*) FROM contacts WHERE customer_id = %"
                                        G_GINT64_FORMAT, f->huaxin), ==, 1);
}

static void
test_duplicates_merge_import (DupFixture    *f,
                              gconstpointer  data)
{
  g_autoptr(CrmCsvImport) import = open_fixture ("duplicates.csv");
  g_autoptr(GError) error = NULL;
  gint64 hangzhou;
  g_autofree char *industry = NULL;
  g_autofree char *primary = NULL;

  g_assert_true (crm_csv_import_preview (import, f->db->store, &error));
  g_assert_true (crm_csv_import_set_duplicate_action (import, 2, CRM_CSV_DUPLICATE_MERGE));
  g_assert_true (crm_csv_import_set_duplicate_action (import, 3, CRM_CSV_DUPLICATE_IMPORT));
  g_assert_true (crm_csv_import_set_duplicate_action (import, 5, CRM_CSV_DUPLICATE_MERGE));
  g_assert_cmpuint (crm_csv_import_count_new (import), ==, 2);
  g_assert_cmpuint (crm_csv_import_count_merged (import), ==, 2);

  g_assert_cmpint (crm_csv_import_commit (import, f->db->store, NULL, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);

  /* line 2 merged: the empty industry filled, 李强 added beside the primary 张伟 */
  industry = crm_test_query_textf (f->db->store, "SELECT industry FROM customers WHERE id = %" G_GINT64_FORMAT,
                                   f->huaxin);
  g_assert_cmpstr (industry, ==, "软件");
  primary = crm_test_query_textf (f->db->store, "SELECT name FROM contacts WHERE is_primary = 1 AND customer_id = %"
                                  G_GINT64_FORMAT, f->huaxin);
  g_assert_cmpstr (primary, ==, "张伟");
  g_assert_cmpint (crm_test_query_intf (f->db->store, "SELECT count(*) FROM contacts WHERE customer_id = %"
                                        G_GINT64_FORMAT " AND name = '李强' AND email = 'liqiang@huaxin.cn'",
                                        f->huaxin), ==, 1);
  g_assert_cmpuint (count_matches (f->db->store, "李强"), ==, 1);   /* the search knows the new contact */

  /* line 3 imported anyway */
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers WHERE name = '新客户甲公司'"), ==, 1);

  /* line 5 merged into the customer line 4 became */
  hangzhou = crm_test_query_int (f->db->store, "SELECT id FROM customers WHERE name = '杭州新公司'");
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers WHERE name = '杭州新公司'"), ==, 1);
  g_assert_cmpint (crm_test_query_intf (f->db->store, "SELECT count(*) FROM contacts WHERE customer_id = %"
                                        G_GINT64_FORMAT, hangzhou), ==, 2);
  g_assert_cmpuint (count_matches (f->db->store, "钱多"), ==, 1);
  g_assert_cmpuint (count_matches (f->db->store, "赵敏"), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, 3);
  crm_test_assert_terms_listed (f->db->store);
}

/* ---- commit: progress, cancel, the changed signal ---- */

static char *
write_generated (const char *dir,
                 guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("客户名称,所属行业,客户等级,联系人,手机,邮箱,需求标签,客户来源渠道,最后跟进时间\r\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "generated.csv", NULL);
  static const char * const cities[] = { "北京", "上海", "广州", "深圳", "杭州", "成都" };
  static const char * const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄" };
  static const char * const tiers[] = { "VIP", "普通", "潜力" };

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%s华信%u科技有限公司,软件,%s,%s%u,1%010u,user%u@example.com,\"降本,效率提升\","
                            "展会,2026-0%u-1%u 09:30\r\n",
                            cities[i % G_N_ELEMENTS (cities)], i, tiers[i % 3],
                            surnames[i % G_N_ELEMENTS (surnames)], i % 1000, 3000000000u + i, i,
                            1 + i % 9, i % 10);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  return path;
}

/* The rows are read in batches by a thread of their own: the problems of
 * rows on either side of a batch's edge are all there, in line order, and a
 * second check finds the same */
static void
test_problems_across_batches (void)
{
  static const guint bad[] = { 0, 255, 256, 511, 700, 999 };
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autofree char *path = write_generated (db->dir, 1000);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  g_autoptr(CrmCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char *line = lines[bad[i] + 1];
      char *time = strrchr (line, ',');

      g_assert_nonnull (time);
      /* row 700 has two problems: its e-mail as well */
      line = g_strdup_printf ("%.*s,%s", (int) (time - line),
                              bad[i] == 700 ? g_strdelimit (line, "@", '#') : line,
                              bad[i] % 2 == 0 ? "soon" : "2099-01-01 09:00");
      g_free (lines[bad[i] + 1]);
      lines[bad[i] + 1] = line;
    }
  joined = g_strjoinv ("\r\n", lines);
  g_file_set_contents (path, joined, -1, &error);
  g_assert_no_error (error);

  import = crm_csv_import_new_from_file (path, &error);
  g_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    {
      guint k = 0;

      g_assert_true (crm_csv_import_preview (import, db->store, &error));
      g_assert_no_error (error);
      problems = crm_csv_import_get_problems (import);
      g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (bad) + 1);
      for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
        {
          const CrmCsvProblem *p = g_ptr_array_index (problems, k++);

          /* the header is line 1 */
          g_assert_cmpuint (p->line, ==, bad[i] + 2);
          g_assert_cmpstr (p->column, ==, "最后跟进时间");
          g_assert_cmpstr (p->message, ==, bad[i] % 2 == 0 ? "Enter a time like 2024-03-18 14:30."
                                                           : "The last follow-up cannot be in the future.");
          if (bad[i] == 700)
            {
              /* a row's problems in the order of the checks: values first, then the forms' */
              p = g_ptr_array_index (problems, k++);
              g_assert_cmpuint (p->line, ==, 702);
              g_assert_cmpstr (p->column, ==, "邮箱");
            }
        }
    }
  g_assert_cmpint (crm_csv_import_commit (import, db->store, NULL, NULL, NULL, &error), ==, -1);
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_INVALID);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customers"), ==, 0);
}

typedef struct {
  GCancellable *cancellable;
  guint         calls;
  guint         last_done;
  guint         cancel_at;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, p->last_done);
  p->last_done = done;
  p->calls++;
  if (p->cancellable != NULL && done >= p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

static void
changed_cb (CrmStore *store,
            int       kind,
            gint64    id,
            gpointer  user_data)
{
  GArray *kinds = user_data;

  g_array_append_val (kinds, kind);
}

static void
test_cancel (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autofree char *path = write_generated (db->dir, 2000);
  g_autoptr(CrmCsvImport) import = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { cancellable, 0, 0, 1000 };

  crm_test_create_customer (db->store, "Existing Ltd", "Eve", "13800000000");
  before = database_counts (db->store);
  g_signal_connect (db->store, "changed", G_CALLBACK (changed_cb), kinds);

  import = crm_csv_import_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_csv_import_commit (import, db->store, progress_cb, &progress, cancellable, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.last_done, >=, 1000);
  g_assert_cmpuint (progress.last_done, <, 2000);
  g_assert_false (crm_store_in_transaction (db->store));
  after = database_counts (db->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (kinds->len, ==, 0);
  /* the bulk import's cache and checkpoint settings are the connection's own again */
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA cache_size"), ==, -32768);
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA wal_autocheckpoint"), ==, 1000);

  /* the same import, not cancelled: progress to the end and one change */
  g_clear_error (&error);
  progress = (Progress) { NULL, 0, 0, 0 };
  g_assert_cmpint (crm_csv_import_commit (import, db->store, progress_cb, &progress, NULL, &error), ==, 2000);
  g_assert_no_error (error);
  g_assert_cmpuint (progress.last_done, ==, 2000);
  g_assert_cmpuint (progress.calls, >=, 100);
  g_assert_cmpuint (kinds->len, ==, 1);
  g_assert_cmpint (g_array_index (kinds, int, 0), ==, CRM_CHANGE_ALL);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customers"), ==, 2001);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT max(last) FROM code_sequences"), ==, 2001);
  /* the codes reserved at once are each used once, with no gap */
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(DISTINCT code) FROM customers"), ==, 2001);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customers WHERE code = 'CS20262001'"), ==, 1);
  /* a bulk import: the new customers wait for their search terms */
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 2000);
  g_assert_cmpuint (count_matches (db->store, "华信1999"), ==, 0);

  /* Its commit did not fold the log back into the database file: the rows
   * are in the log (saved: SQLite reads them from it) until the caller's
   * checkpoint, and the settings are back */
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA cache_size"), ==, -32768);
  g_assert_cmpint (crm_test_query_int (db->store, "PRAGMA wal_autocheckpoint"), ==, 1000);
  {
    g_autofree char *wal = g_strconcat (db->path, "-wal", NULL);
    GStatBuf st_db, st_wal;

    g_assert_cmpint (g_stat (db->path, &st_db), ==, 0);
    g_assert_cmpint (g_stat (wal, &st_wal), ==, 0);
    g_assert_cmpint (st_wal.st_size, >, 1024 * 1024);
    g_assert_cmpint (st_db.st_size, <, st_wal.st_size / 2);
    g_assert_true (crm_store_checkpoint (db->store));
    g_assert_cmpint (g_stat (db->path, &st_db), ==, 0);
    g_assert_cmpint (st_db.st_size, >, st_wal.st_size / 2);
  }

  /* then they get them, 300 a transaction, the same as a save makes them */
  g_assert_true (crm_store_index_customers (db->store, 300, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 0);
  crm_test_assert_terms_listed (db->store);
  g_assert_cmpuint (count_matches (db->store, "华信1999"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "user1234@example"), ==, 1);
  {
    static const char digest_sql[] =
      "SELECT count(*), sum(length(term) * customer_id), group_concat(term, '|') FROM"
      " (SELECT term, customer_id FROM search_terms WHERE customer_id % 97 = 0 ORDER BY term, customer_id)";
    g_autofree char *indexed = NULL;
    g_autofree char *saved = NULL;
    g_autofree char *lists = crm_test_query_text (db->store, "SELECT group_concat(terms, '|') FROM"
                                                             " (SELECT terms FROM customer_terms ORDER BY customer_id)");
    g_autofree char *lists_saved = NULL;

    indexed = crm_test_query_text (db->store, digest_sql);
    g_assert_true (crm_store_begin (db->store, &error));
    for (gint64 id = 1; id <= 2001; id++)
      g_assert_true (crm_store_reindex_customer (db->store, id, &error));
    g_assert_true (crm_store_commit (db->store, &error));
    g_assert_no_error (error);
    saved = crm_test_query_text (db->store, digest_sql);
    lists_saved = crm_test_query_text (db->store, "SELECT group_concat(terms, '|') FROM"
                                                  " (SELECT terms FROM customer_terms ORDER BY customer_id)");
    g_assert_cmpstr (indexed, ==, saved);
    g_assert_cmpstr (lists, ==, lists_saved);
  }

  g_signal_handlers_disconnect_by_func (db->store, changed_cb, kinds);
}

/* The command line's large import is searchable when the command returns */
static void
test_cli_bulk_searchable (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autofree char *path = write_generated (db->dir, 2000);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_csv_import_run_cli (db->store, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->str, ==, "Imported 2000 customers.\n");
  g_assert_cmpint (crm_store_count_unindexed (db->store), ==, 0);
  crm_test_assert_terms_listed (db->store);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customer_terms"), ==, 2000);
  g_assert_cmpuint (count_matches (db->store, "华信1999"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "user7@example"), ==, 1);
}

/* 100,000 rows read, checked and committed, the times printed: a benchmark,
 * run only with -m perf (test-import-csv -m perf -p /import-csv/perf/100k).
 * The target is 5 s on the reference machine (2 cores); most of the time goes
 * to the customer search's index (about 24 rows of search_terms a customer). */
static void
test_timing_100k (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autofree char *path = write_generated (db->dir, 100000);
  g_autoptr(CrmCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, parsed, previewed, end;

  start = g_get_monotonic_time ();
  import = crm_csv_import_new_from_file (path, &error);
  g_assert_no_error (error);
  parsed = g_get_monotonic_time ();
  g_assert_true (crm_csv_import_preview (import, db->store, &error));
  g_assert_cmpuint (crm_csv_import_get_problems (import)->len, ==, 0);
  previewed = g_get_monotonic_time ();
  g_assert_cmpint (crm_csv_import_commit (import, db->store, NULL, NULL, NULL, &error), ==, 100000);
  g_assert_no_error (error);
  end = g_get_monotonic_time ();

  g_test_message ("100000 rows: read %.2f s, preview %.2f s, commit %.2f s, total %.2f s",
                  (parsed - start) / 1e6, (previewed - parsed) / 1e6, (end - previewed) / 1e6, (end - start) / 1e6);
  g_printerr ("# import-csv 100000 rows: read %.2f s, preview %.2f s, commit %.2f s, total %.2f s\n",
              (parsed - start) / 1e6, (previewed - parsed) / 1e6, (end - previewed) / 1e6, (end - start) / 1e6);

  /* the search terms, after the commit, as the window's context makes them */
  start = g_get_monotonic_time ();
  g_assert_true (crm_store_index_customers (db->store, CRM_STORE_INDEX_BATCH, NULL, &error));
  g_printerr ("# then their search terms: %.2f s\n", (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM customers"), ==, 100000);
  g_assert_cmpuint (count_matches (db->store, "华信99999"), ==, 1);
  g_assert_cmpuint (count_matches (db->store, "3000099999"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-csv/headers/match", test_match_headers);
  g_test_add_func ("/import-csv/headers/fallback", test_match_fallback);
  g_test_add_func ("/import-csv/read/utf8-bom-comma", test_utf8_bom_comma);
  g_test_add_func ("/import-csv/read/utf8-semicolon-chinese", test_utf8_semicolon_chinese);
  g_test_add_func ("/import-csv/read/gb18030-tab", test_gb18030_tab);
  g_test_add_func ("/import-csv/read/line-numbers", test_line_numbers);
  g_test_add_func ("/import-csv/read/not-text", test_not_text);
  g_test_add_func ("/import-csv/mapping/unknown-header", test_unknown_header_mapping);
  g_test_add_func ("/import-csv/mapping/moves-field", test_mapping_moves_field);
  g_test_add_func ("/import-csv/problems/malformed-quote", test_malformed_quote);
  g_test_add_func ("/import-csv/problems/bad-rows", test_bad_rows);
  g_test_add_func ("/import-csv/problems/values", test_value_problems);
  g_test_add_func ("/import-csv/problems/across-batches", test_problems_across_batches);
  g_test_add ("/import-csv/duplicates/found", DupFixture, NULL, dup_set_up, test_duplicates_found, dup_tear_down);
  g_test_add ("/import-csv/duplicates/skip", DupFixture, NULL, dup_set_up, test_duplicates_skip, dup_tear_down);
  g_test_add ("/import-csv/duplicates/merge-import", DupFixture, NULL, dup_set_up, test_duplicates_merge_import,
              dup_tear_down);
  g_test_add_func ("/import-csv/commit/cancel", test_cancel);
  if (g_test_perf ())
    g_test_add_func ("/import-csv/perf/100k", test_timing_100k);
  g_test_add_func ("/import-csv/cli/bulk-searchable", test_cli_bulk_searchable);
  return g_test_run ();
}
