/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for the vCard reader (crm-vcard.c): crm_vcard_parse(),
 * then the import into a small database, and the export of what it holds
 * read back, all inside a transaction rolled back afterwards. */
#define G_LOG_DOMAIN "crm-fuzz"

#include <string.h>

#include "crm-vcard.h"
#include "fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char seed_vcf[] =
  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王磊\r\nN:王;磊;;;\r\nORG:北京星辰科技有限公司\r\n"
  "TEL;TYPE=CELL:13800138000\r\nEMAIL:wang@example.com\r\nEND:VCARD\r\n"
  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:John Smith\r\nORG:Acme Ltd\r\n"
  "TEL;VALUE=uri:tel:+1-555-0100\r\nEND:VCARD\r\n";

static CrmStore *store;
static char *export_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmVcardImportResult) result = NULL;

  store = fuzz_store_new ();
  export_path = fuzz_tmp_path ("export.vcf");
  result = crm_vcard_import_data (store, seed_vcf, strlen (seed_vcf), NULL, &error);
  if (result == NULL || result->created != 2)
    g_error ("could not add the seed contacts: %s", error != NULL ? error->message : "?");
  return 0;
}

static void
check_text (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
check_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = crm_vcard_problem_to_string (g_ptr_array_index (problems, i));

      check_text (text);
    }
}

/* What the export writes reads back without a problem, one card per contact. */
static void
check_export (CrmVcardVersion version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *text = NULL;
  gsize length;

  if (!crm_vcard_export (store, export_path, version, NULL, &error))
    g_error ("export: %s", error->message);
  if (!g_file_get_contents (export_path, &text, &length, &error))
    g_error ("reading the export: %s", error->message);
  g_assert_true (g_utf8_validate (text, (gssize) length, NULL));
  cards = crm_vcard_parse (text, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cards->len, ==, crm_store_count (store, "contacts"));
  for (guint i = 0; i < cards->len; i++)
    {
      CrmVcardCard *card = g_ptr_array_index (cards, i);

      if (card->problems->len > 0)
        {
          g_autofree char *problem = crm_vcard_problem_to_string (g_ptr_array_index (card->problems, 0));

          g_error ("the export reads back with a problem: %s\n%s", problem, text);
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(CrmVcardImportResult) result = NULL;

  cards = crm_vcard_parse ((const char *) data, size, &error);
  if (cards == NULL)
    {
      g_assert_true (error != NULL && error->domain == CRM_VCARD_ERROR);
      check_text (error->message);
    }
  else
    {
      g_assert_no_error (error);
      for (guint i = 0; i < cards->len; i++)
        {
          CrmVcardCard *card = g_ptr_array_index (cards, i);
          g_autofree char *name = crm_vcard_card_get_name (card);

          g_assert_cmpuint (card->number, ==, i + 1);
          check_text (name);
          check_text (card->version);
          check_text (card->fn);
          check_text (card->family);
          check_text (card->given);
          check_text (card->additional);
          check_text (card->org);
          check_text (card->title);
          check_text (card->role);
          check_text (card->rapport_role);
          check_text (card->im);
          check_text (card->bday);
          check_text (card->note);
          check_text (card->uid);
          check_text (card->customer_code);
          for (guint j = 0; j < card->tels->len; j++)
            check_text (g_ptr_array_index (card->tels, j));
          for (guint j = 0; j < card->emails->len; j++)
            check_text (g_ptr_array_index (card->emails, j));
          check_problems (card->problems);
        }
    }
  g_clear_error (&error);

  /* the import, rolled back */
  if (!crm_store_begin (store, &error))
    g_error ("begin: %s", error->message);
  result = crm_vcard_import_data (store, (const char *) data, size, NULL, &error);
  if (result == NULL)
    g_error ("import: %s", error->message);
  check_problems (result->problems);
  {
    g_autofree char *summary = crm_vcard_import_result_summarize (result);

    check_text (summary);
  }
  if (result->problems->len == 0 && result->created > 0)
    check_export (size % 2 ? CRM_VCARD_VERSION_3 : CRM_VCARD_VERSION_4);
  crm_store_rollback (store);
  g_assert_false (crm_store_in_transaction (store));

  return 0;
}
