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

/* Folding as spelled out: NFKC, case folding, then lower case */
static char *
fold_slowly (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *casefolded = g_utf8_casefold (normalized, -1);
  GString *folded = g_string_new (NULL);

  for (const char *p = casefolded; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (folded, g_unichar_tolower (g_utf8_get_char (p)));
  return g_string_free (folded, FALSE);
}

/* The shortcut for ASCII and CJK ideographs folds as the whole way does: every
 * code point of the BMP, alone and between ASCII and an ideograph */
static void
test_fold_shortcut (void)
{
  static const char * const texts[] = {
    "北京华信科技有限公司", "ACME 北京 Ltd.", "王Ab12", "\xe4\xb8\x80\xe9\xbf\xbf",  /* U+4E00 U+9FFF */
    "\xe4\xb7\xbf", "\xea\x80\x80",  /* U+4DFF U+A000, just outside */
    "A\xcc\x81", "\xe8\xb1\x88\xef\xa4\x80",  /* a combining mark; U+8C48 U+F900 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *fast = crm_search_fold (texts[i]);
      g_autofree char *slow = fold_slowly (texts[i]);

      g_assert_cmpstr (fast, ==, slow);
    }
  for (gunichar c = 1; c < 0x10000; c++)
    {
      char buf[16] = "A";
      g_autofree char *fast = NULL;
      g_autofree char *slow = NULL;
      int n;

      if (c >= 0xd800 && c <= 0xdfff)
        continue;
      n = 1 + g_unichar_to_utf8 (c, buf + 1);
      memcpy (buf + n, "\xe4\xb8\x80", 4);
      fast = crm_search_fold (buf);
      slow = fold_slowly (buf);
      g_assert_cmpstr (fast, ==, slow);
    }
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

/* Inputs the fuzzer found (tests/fuzz/regressions/search/) */
static void
test_fuzz_regressions (void)
{
  g_autofree char *surrogate = crm_search_fold ("cs20\x0f王Ac\xed\xa3\x8a");  /* UTF-16 surrogate: not UTF-8 */
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", "search", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_cmpstr (surrogate, ==, "");
  crm_search_add_text_terms (terms, "Ac\xed\xa3\x8a");
  g_assert_cmpuint (terms->len, ==, 0);

  /* an "e-mail address" with no word in it is nothing to search for */
  g_assert_null (crm_search_tokenize_query ("@"));
  g_assert_null (crm_search_tokenize_query ("@\x01"));
  g_assert_null (crm_search_tokenize_query (" -@. "));

  /* folding twice changes nothing (GLib's case folding alone flips Cherokee
   * between upper and lower case): nfkc-cherokee-refolds */
  {
    const char *texts[] = { "ᏸ", "Ᏸ", "ꭰ", "Ꭰ", "星辰辰科ᏸ", "ＡＣＭＥ Straße", "İstanbul" };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *once = crm_search_fold (texts[i]);
        g_autofree char *twice = crm_search_fold (once);

        g_assert_cmpstr (once, ==, twice);
      }
  }

  /* a run of 1,134 digits taken for a phone number: a bounded number of
   * terms, not one per digit (long-digit-run; the fuzzer timed out on it) */
  {
    g_autofree char *digits = g_strnfill (1134, '7');
    g_autoptr(GPtrArray) phone = g_ptr_array_new_with_free_func (g_free);

    crm_search_add_phone_terms (phone, digits);
    g_assert_cmpuint (phone->len, ==, 33);
    g_assert_cmpstr (phone->pdata[0], ==, digits);
  }

  /* every input: folded text and tokens are UTF-8, folding is idempotent,
   * tokens not empty */
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *folded = NULL;
      g_auto(GStrv) tokens = NULL;

      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      folded = crm_search_fold (data);
      g_assert_true (g_utf8_validate (folded, -1, NULL));
      {
        g_autofree char *again = crm_search_fold (folded);

        g_assert_cmpstr (again, ==, folded);
      }
      tokens = crm_search_tokenize_query (data);
      for (guint i = 0; tokens != NULL && tokens[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (tokens[i]), >, 0);
          g_assert_true (g_utf8_validate (tokens[i], -1, NULL));
        }
    }
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
  g_test_add_func ("/search/fold-shortcut", test_fold_shortcut);
  g_test_add_func ("/search/latin-terms", test_latin_terms);
  g_test_add_func ("/search/chinese-terms", test_chinese_terms);
  g_test_add_func ("/search/phone-terms", test_phone_terms);
  g_test_add_func ("/search/email-terms", test_email_terms);
  g_test_add_func ("/search/tokenize", test_tokenize);
  g_test_add_func ("/search/upper-bound", test_upper_bound);
  g_test_add_func ("/search/fuzz-regressions", test_fuzz_regressions);
  return g_test_run ();
}
