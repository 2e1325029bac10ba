/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for the CSV customer import (crm-import-csv.c): decoding,
 * parsing, header matching, the preview (validation and duplicates) against a
 * small database, and the commit, rolled back so every input meets the same
 * database. */
#define G_LOG_DOMAIN "crm-fuzz"

#include <string.h>

#include "crm-import-csv.h"
#include "fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Customers the rows can be duplicates of (by name, by phone). */
static const char seed_csv[] =
  "客户名称,联系人,手机,邮箱,负责人\n"
  "北京星辰科技有限公司,王磊,13800138000,wang@example.com,李娜\n"
  "Acme Ltd,John Smith,+1 555 0100,john@acme.example,Li Na\n"
  "张伟,张伟,13912345678,,李娜\n";

static CrmStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = NULL;

  store = fuzz_store_new ();
  import = crm_csv_import_new_from_data (seed_csv, strlen (seed_csv), "seed.csv", &error);
  if (import == NULL || crm_csv_import_commit (import, store, NULL, NULL, NULL, &error) != 3)
    g_error ("could not add the seed customers: %s", error != NULL ? error->message : "?");
  return 0;
}

static void
check_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvImport) import = NULL;
  g_autoptr(GArray) unknown = NULL;
  const char * const *headers;
  guint n_columns, n_rows;
  guint64 fields_seen = 0;
  GPtrArray *problems, *duplicates;
  gint64 created;

  import = crm_csv_import_new_from_data ((const char *) data, size, "fuzz.csv", &error);
  if (import == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CRM_CSV_IMPORT_ERROR);
      check_text (error->message);
      return 0;
    }
  g_assert_no_error (error);

  check_text (crm_csv_import_get_encoding (import));
  g_assert_nonnull (strchr (",;\t", crm_csv_import_get_separator (import)));

  /* the parse: every text UTF-8, the mapping one column per field */
  n_columns = crm_csv_import_get_n_columns (import);
  headers = crm_csv_import_get_headers (import);
  g_assert_cmpuint (g_strv_length ((char **) headers), ==, n_columns);
  for (guint col = 0; col < n_columns; col++)
    {
      CrmImportField field = crm_csv_import_get_mapping (import, col);

      check_text (headers[col]);
      g_assert_cmpint (field, >=, CRM_IMPORT_FIELD_NONE);
      g_assert_cmpint (field, <, CRM_N_IMPORT_FIELDS);
      if (field != CRM_IMPORT_FIELD_NONE)
        {
          g_assert_false (fields_seen & (G_GUINT64_CONSTANT (1) << field));
          fields_seen |= G_GUINT64_CONSTANT (1) << field;
        }
      (void) crm_import_field_match_header (headers[col]);
    }
  unknown = crm_csv_import_get_unknown_columns (import);
  for (guint i = 0; i < unknown->len; i++)
    g_assert_cmpuint (g_array_index (unknown, guint, i), <, n_columns);

  n_rows = crm_csv_import_get_n_rows (import);
  for (guint row = 0; row < n_rows; row++)
    {
      g_assert_cmpuint (crm_csv_import_get_row_line (import, row), >=, 1);
      if (row > 0)
        g_assert_cmpuint (crm_csv_import_get_row_line (import, row), >, crm_csv_import_get_row_line (import, row - 1));
      for (guint col = 0; col < n_columns; col++)
        check_text (crm_csv_import_get_value (import, row, col));
    }

  /* the preview */
  if (!crm_csv_import_preview (import, store, &error))
    {
      g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_NO_NAME);
      return 0;
    }
  problems = crm_csv_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      const CrmCsvProblem *problem = g_ptr_array_index (problems, i);

      check_text (problem->column);
      check_text (problem->message);
      if (i > 0)
        g_assert_cmpuint (problem->line, >=, ((CrmCsvProblem *) g_ptr_array_index (problems, i - 1))->line);
    }
  duplicates = crm_csv_import_get_duplicates (import);
  for (guint i = 0; i < duplicates->len; i++)
    {
      const CrmCsvDuplicate *dup = g_ptr_array_index (duplicates, i);
      static const CrmCsvDuplicateAction actions[] = {
        CRM_CSV_DUPLICATE_SKIP, CRM_CSV_DUPLICATE_MERGE, CRM_CSV_DUPLICATE_IMPORT,
      };

      check_text (dup->row_name);
      g_assert_true ((dup->customer_id != 0) != (dup->other_line != 0));
      if (dup->other_line != 0)
        g_assert_cmpuint (dup->other_line, <, dup->line);
      /* every action, chosen by the line, so the merges run too */
      g_assert_true (crm_csv_import_set_duplicate_action (import, dup->line, actions[dup->line % 3]));
    }
  for (const char * const *owner = crm_csv_import_get_new_owners (import); *owner != NULL; owner++)
    check_text (*owner);
  g_assert_cmpuint (crm_csv_import_count_new (import) + crm_csv_import_count_merged (import), <=, n_rows);

  /* the commit, inside a transaction rolled back afterwards */
  if (!crm_store_begin (store, &error))
    g_error ("begin: %s", error->message);
  created = crm_csv_import_commit (import, store, NULL, NULL, NULL, &error);
  crm_store_rollback (store);
  if (problems->len > 0)
    {
      g_assert_cmpint (created, ==, -1);
      g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_INVALID);
    }
  else
    {
      if (created < 0)
        g_error ("commit failed on rows the preview accepted: %s", error->message);
      g_assert_cmpint (created, ==, crm_csv_import_count_new (import));
    }
  g_assert_false (crm_store_in_transaction (store));

  return 0;
}
