/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "crm-validate.h"

static void
assert_ok (char *message)
{
  g_assert_null (message);
}

static void
assert_bad (char *message)
{
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_free (message);
}

static void
test_phone (void)
{
  assert_ok (crm_validate_phone (NULL));
  assert_ok (crm_validate_phone (""));
  assert_ok (crm_validate_phone ("13812345678"));
  assert_ok (crm_validate_phone ("+86 138-1234-5678"));
  assert_ok (crm_validate_phone ("(010) 6512 3456"));
  assert_bad (crm_validate_phone ("1234"));
  assert_bad (crm_validate_phone ("1381234567812345678"));
  assert_bad (crm_validate_phone ("138abc45678"));
  assert_bad (crm_validate_phone ("138+12345678"));
}

static void
test_email (void)
{
  assert_ok (crm_validate_email (NULL));
  assert_ok (crm_validate_email ("zhang.wei@example.com"));
  assert_ok (crm_validate_email (" a@b.cn "));
  assert_bad (crm_validate_email ("zhang.wei"));
  assert_bad (crm_validate_email ("@example.com"));
  assert_bad (crm_validate_email ("a@b"));
  assert_bad (crm_validate_email ("a@b."));
  assert_bad (crm_validate_email ("a b@example.com"));
  assert_bad (crm_validate_email ("a@b@example.com"));
}

static void
test_date (void)
{
  assert_ok (crm_validate_date (NULL));
  assert_ok (crm_validate_date ("2024-02-29"));
  assert_bad (crm_validate_date ("2023-02-29"));
  assert_bad (crm_validate_date ("2024-13-01"));
  assert_bad (crm_validate_date ("2024/01/01"));
  assert_bad (crm_validate_date ("24-1-1"));
  assert_bad (crm_validate_date ("1800-01-01"));
}

static void
test_draft (void)
{
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_auto(CrmValidation) result = { { NULL } };

  crm_customer_draft_init (&draft);
  draft.name = g_strdup ("   ");
  draft.phone = g_strdup ("12");
  draft.email = g_strdup ("nobody");
  g_assert_false (crm_customer_draft_validate (&draft, &result));
  g_assert_nonnull (result.messages[CRM_CUSTOMER_FIELD_NAME]);
  g_assert_nonnull (result.messages[CRM_CUSTOMER_FIELD_PHONE]);
  g_assert_nonnull (result.messages[CRM_CUSTOMER_FIELD_EMAIL]);
  /* a company's phone belongs to a named contact */
  g_assert_nonnull (result.messages[CRM_CUSTOMER_FIELD_CONTACT_NAME]);
  g_assert_null (result.messages[CRM_CUSTOMER_FIELD_WEBSITE]);
  crm_validation_clear (&result);

  g_free (draft.name);
  draft.name = g_strdup ("北京华信科技有限公司");
  g_free (draft.phone);
  draft.phone = g_strdup ("13812345678");
  g_free (draft.email);
  draft.email = g_strdup ("wei@huaxin.cn");
  draft.contact_name = g_strdup ("张伟");
  g_assert_true (crm_customer_draft_validate (&draft, &result));
  for (guint i = 0; i < CRM_N_CUSTOMER_FIELDS; i++)
    g_assert_null (result.messages[i]);
}

static void
test_normalize (void)
{
  g_auto(CrmCustomerDraft) draft = { 0 };

  crm_customer_draft_init (&draft);
  draft.name = g_strdup ("  Acme  ");
  draft.email = g_strdup ("   ");
  crm_customer_draft_normalize (&draft);
  g_assert_cmpstr (draft.name, ==, "Acme");
  g_assert_null (draft.email);
}

/* Every form trims white space of any script: a full-width space from a
 * Chinese input method as well; nothing left is no value at all. */
static void
test_text_normalize (void)
{
  char *text = g_strdup ("\u3000 张伟\t\u3000");
  char *blank = g_strdup (" \u3000\n");
  char *none = NULL;
  char *inner = g_strdup ("Acme  Ltd");

  crm_text_normalize (&text);
  g_assert_cmpstr (text, ==, "张伟");
  crm_text_normalize (&blank);
  g_assert_null (blank);
  crm_text_normalize (&none);
  g_assert_null (none);
  crm_text_normalize (&inner);
  g_assert_cmpstr (inner, ==, "Acme  Ltd");
  g_free (text);
  g_free (inner);

  g_assert_null (crm_text_trim (NULL));
  {
    g_autofree char *spaces = crm_text_trim (" \u3000 ");

    g_assert_cmpstr (spaces, ==, "");
  }
}

/* Only the ends are read, ASCII without decoding: every character is a
 * space at either end exactly when g_unichar_isspace() says so */
static void
test_text_trim_any_space (void)
{
  for (gunichar c = 1; c < 0x10000; c++)
    {
      char ch[8] = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *trimmed = NULL;
      g_autofree char *normalized = NULL;

      if (c >= 0xD800 && c < 0xE000)
        continue;
      g_unichar_to_utf8 (c, ch);
      text = g_strconcat (ch, ch, "x", ch, "y", ch, NULL);
      trimmed = crm_text_trim (text);
      normalized = g_strdup (text);
      crm_text_normalize (&normalized);
      if (g_unichar_isspace (c))
        {
          g_autofree char *inner = g_strconcat ("x", ch, "y", NULL);

          g_assert_cmpstr (trimmed, ==, inner);
        }
      else
        g_assert_cmpstr (trimmed, ==, text);
      g_assert_cmpstr (normalized, ==, trimmed);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/text-normalize", test_text_normalize);
  g_test_add_func ("/validate/text-trim-any-space", test_text_trim_any_space);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/date", test_date);
  g_test_add_func ("/validate/draft", test_draft);
  g_test_add_func ("/validate/normalize", test_normalize);
  return g_test_run ();
}
