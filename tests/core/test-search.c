/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "crm-search.h"

static gboolean
has_term (GPtrArray  *terms,
          const char *term)
{
  for (guint i = 0; i < terms->len; i++)
    if (g_str_equal (g_ptr_array_index (terms, i), term))
      return TRUE;
  return FALSE;
}

static void
test_fold (void)
{
  g_autofree char *a = crm_search_fold ("ACME Logistics");
  g_autofree char *b = crm_search_fold ("ＡＣＭＥ");   /* full-width Latin */
  g_autofree char *c = crm_search_fold (NULL);
  g_autofree char *d = crm_search_fold ("\xff\xfe");  /* not UTF-8 */

  g_assert_cmpstr (a, ==, "acme logistics");
  g_assert_cmpstr (b, ==, "acme");
  g_assert_cmpstr (c, ==, "");
  g_assert_cmpstr (d, ==, "");
}

static void
test_latin_terms (void)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);

  crm_search_add_text_terms (terms, "Acme Logistics, Ltd.");
  crm_search_add_text_terms (terms, "CS2024001");
  g_assert_true (has_term (terms, "acme"));
  g_assert_true (has_term (terms, "logistics"));
  g_assert_true (has_term (terms, "ltd"));
  g_assert_true (has_term (terms, "cs2024001"));
  g_assert_true (has_term (terms, "2024001"));
  g_assert_cmpuint (terms->len, ==, 5);

  /* no duplicates */
  crm_search_add_text_terms (terms, "acme ACME");
  g_assert_cmpuint (terms->len, ==, 5);
}

static void
test_chinese_terms (void)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);

  /* a 2-character name: both suffixes */
  crm_search_add_text_terms (terms, "张伟");
  g_assert_true (has_term (terms, "张伟"));
  g_assert_true (has_term (terms, "伟"));
  g_assert_cmpuint (terms->len, ==, 2);

  /* a company: every suffix, so "华信" (inside) is a prefix of one */
  g_ptr_array_set_size (terms, 0);
  crm_search_add_text_terms (terms, "北京华信科技有限公司");
  g_assert_cmpuint (terms->len, ==, 10);
  g_assert_true (has_term (terms, "华信科技有限公司"));

  /* mixed scripts split into runs */
  g_ptr_array_set_size (terms, 0);
  crm_search_add_text_terms (terms, "华为Technologies");
  g_assert_true (has_term (terms, "华为"));
  g_assert_true (has_term (terms, "为"));
  g_assert_true (has_term (terms, "technologies"));
}

static void
test_phone_terms (void)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *digits = crm_search_phone_digits ("+86 138-0013-8000");

  g_assert_cmpstr (digits, ==, "8613800138000");
  g_assert_null (crm_search_phone_digits ("n/a"));

  crm_search_add_phone_terms (terms, "138 0013 8000");
  g_assert_true (has_term (terms, "13800138000"));
  g_assert_true (has_term (terms, "8000"));
  g_assert_true (has_term (terms, "00138000"));
  g_assert_false (has_term (terms, "000"));   /* shorter than 4 */
  g_assert_cmpuint (terms->len, ==, 8);       /* lengths 11 … 4 */
}

static void
test_email_terms (void)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);

  crm_search_add_email_terms (terms, " Zhang.Wei@Example.COM ");
  g_assert_true (has_term (terms, "zhang.wei@example.com"));
  g_assert_true (has_term (terms, "example.com"));
  g_assert_cmpuint (terms->len, ==, 2);
}

static void
test_tokenize (void)
{
  g_auto(GStrv) latin = crm_search_tokenize_query ("  Acme  log ");
  g_auto(GStrv) phone = crm_search_tokenize_query ("138-0013 8000");
  g_auto(GStrv) chinese = crm_search_tokenize_query ("张伟");
  g_auto(GStrv) email = crm_search_tokenize_query ("zhang.wei@exa");
  g_auto(GStrv) many = crm_search_tokenize_query ("a b c d e f");
  g_auto(GStrv) empty = crm_search_tokenize_query ("  ,, ");

  g_assert_cmpuint (g_strv_length (latin), ==, 2);
  g_assert_cmpstr (latin[0], ==, "acme");
  g_assert_cmpstr (latin[1], ==, "log");
  g_assert_cmpuint (g_strv_length (phone), ==, 1);
  g_assert_cmpstr (phone[0], ==, "13800138000");
  g_assert_cmpuint (g_strv_length (chinese), ==, 1);
  g_assert_cmpstr (chinese[0], ==, "张伟");
  g_assert_cmpuint (g_strv_length (email), ==, 1);
  g_assert_cmpstr (email[0], ==, "zhang.wei@exa");
  g_assert_cmpuint (g_strv_length (many), ==, CRM_SEARCH_MAX_TOKENS);
  g_assert_null (empty);
  g_assert_null (crm_search_tokenize_query (NULL));
}

static void
test_upper_bound (void)
{
  g_autofree char *upper = crm_search_prefix_upper_bound ("张");

  g_assert_cmpint (strcmp ("张伟", upper), <, 0);
  g_assert_cmpint (strcmp ("张", upper), <, 0);
  g_assert_cmpint (strcmp ("彰", upper), >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/latin-terms", test_latin_terms);
  g_test_add_func ("/search/chinese-terms", test_chinese_terms);
  g_test_add_func ("/search/phone-terms", test_phone_terms);
  g_test_add_func ("/search/email-terms", test_email_terms);
  g_test_add_func ("/search/tokenize", test_tokenize);
  g_test_add_func ("/search/upper-bound", test_upper_bound);
  return g_test_run ();
}
