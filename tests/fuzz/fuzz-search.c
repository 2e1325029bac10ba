/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for the search parser (crm-search.c): the input is what
 * someone types in the search field, and also a customer's name and an
 * interaction's subject.  Checks the tokens, that the SQL the Customers list
 * and the Timeline build from them runs, and that typing a name finds the
 * customer and typing a subject finds the interaction (the customer and the
 * interaction are added inside a transaction rolled back afterwards). */
#define G_LOG_DOMAIN "crm-fuzz"

#include <string.h>

#include "crm-customer-list-model.h"
#include "crm-fts.h"
#include "crm-interaction-list-model.h"
#include "crm-search.h"
#include "crm-store-customers.h"
#include "fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

#define FUZZ_CUSTOMER_ID 1000
#define FUZZ_INTERACTION_ID 1000

static CrmStore *store;
static CrmPagedModel *customers;
static CrmPagedModel *interactions;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  store = fuzz_store_new ();
  if (!crm_store_begin (store, &error) ||
      !crm_store_exec (store,
                       "INSERT INTO team_members (id, name, role, is_self, created_at) VALUES (1, 'Li Na', 0, 1, 0);"
                       "INSERT INTO customers (id, code, name, sort_key, kind, tier, created_at, updated_at) VALUES"
                       " (1, 'CS2026001', '北京星辰科技有限公司', '北京星辰科技有限公司', 1, 0, 0, 0),"
                       " (2, 'CS2026002', 'Acme Ltd', 'acme ltd', 1, 1, 0, 0);"
                       "INSERT INTO interactions (id, customer_id, owner_id, occurred_at, channel, subject,"
                       " summary, created_at, updated_at) VALUES"
                       " (1, 1, 1, 1795000000, 0, '续约方案', 'Renewal, call 138 0013 8000', 0, 0);",
                       &error) ||
      !crm_store_reindex_customer (store, 1, &error) ||
      !crm_store_reindex_customer (store, 2, &error) ||
      !crm_store_commit (store, &error))
    g_error ("seed: %s", error->message);
  customers = crm_customer_list_model_new (store);
  interactions = crm_interaction_list_model_new (store);
  return 0;
}

static gboolean
is_prefix_of_any (GPtrArray  *terms,
                  const char *token)
{
  for (guint i = 0; i < terms->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (terms, i), token))
      return TRUE;
  return FALSE;
}

static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* @text as the name of the customer FUZZ_CUSTOMER_ID (indexed) and the
 * subject of the interaction FUZZ_INTERACTION_ID; inside a transaction */
static void
insert_rows (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sort_key = crm_search_fold (text);
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (store,
                            "INSERT INTO customers (id, code, name, sort_key, kind, tier, created_at, updated_at)"
                            " VALUES (?1, 'CS2026999', ?2, ?3, 1, 0, 0, 0)", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, FUZZ_CUSTOMER_ID);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sort_key, -1, SQLITE_TRANSIENT);
  if (!crm_store_step_done (store, stmt, &error))
    g_error ("insert customer: %s", error->message);
  if (!crm_store_reindex_customer (store, FUZZ_CUSTOMER_ID, &error))
    g_error ("reindex: %s", error->message);
  stmt = crm_store_prepare (store,
                            "INSERT INTO interactions (id, customer_id, owner_id, occurred_at, channel, subject,"
                            " created_at, updated_at) VALUES (?1, ?2, 1, 1795100000, 1, ?3, 0, 0)", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, FUZZ_INTERACTION_ID);
  sqlite3_bind_int64 (stmt, 2, FUZZ_CUSTOMER_ID);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (!crm_store_step_done (store, stmt, &error))
    g_error ("insert interaction: %s", error->message);
}

/* Whether folding the text a chunk at a time (a character and the marks after
 * it), as the interactions' index does (crm-fts.c), gives what folding it whole
 * gives, as the query is folded.  Only NFKC's composing across characters
 * (Hangul jamo, a few scripts' vowel signs) makes them differ; such text is not
 * always found by typing it.  "¼", "㍿" and "㌗", which fold into characters of
 * another class, are found: tests/fuzz/regressions/search/nfkc-*. */
static gboolean
fold_is_local (const char *text)
{
  g_autoptr(GString) chunks = g_string_new (NULL);
  g_autofree char *whole = NULL;
  const char *chunk = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      if (*p == '\0' || (chunk != NULL && g_unichar_combining_class (g_utf8_get_char (p)) == 0))
        {
          if (chunk != NULL)
            {
              g_autofree char *raw = g_strndup (chunk, (gsize) (p - chunk));
              g_autofree char *folded = crm_search_fold (raw);

              g_string_append (chunks, folded);
            }
          chunk = p;
        }
      else if (chunk == NULL)
        chunk = p;
      if (*p == '\0')
        break;
    }
  whole = crm_search_fold (text);
  return strcmp (whole, chunks->str) == 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *folded = crm_search_fold (text);
  g_autofree char *match = NULL;
  g_auto(GStrv) tokens = crm_search_tokenize_query (text);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phone_terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) email_terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmFtsMatcher) matcher = NULL;
  CrmCustomerFilter customer_filter = CRM_CUSTOMER_FILTER_INIT;
  CrmInteractionFilter interaction_filter = CRM_INTERACTION_FILTER_INIT;
  gboolean name_searchable, insert;

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  /* folding is idempotent: the interactions' index folds the query's words again */
  {
    g_autofree char *again = crm_search_fold (folded);

    g_assert_cmpstr (again, ==, folded);
  }

  crm_search_add_text_terms (terms, text);
  crm_search_add_phone_terms (phone_terms, text);
  crm_search_add_email_terms (email_terms, text);
  for (guint i = 0; i < terms->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (terms, i), -1, NULL));

  /* a name is found by typing it, except text taken for a phone number or an
   * e-mail address (digits and "@" in a name are not indexed that way) */
  name_searchable = tokens != NULL && strchr (folded, '@') == NULL &&
                    !(tokens[1] == NULL && all_digits (tokens[0]));
  if (tokens != NULL)
    {
      guint n = g_strv_length (tokens);

      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, CRM_SEARCH_MAX_TOKENS);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *upper = crm_search_prefix_upper_bound (tokens[i]);

          g_assert_cmpuint (strlen (tokens[i]), >, 0);
          g_assert_true (g_utf8_validate (tokens[i], -1, NULL));
          g_assert_cmpint (strcmp (tokens[i], upper), <, 0);
          if (name_searchable)
            g_assert_true (is_prefix_of_any (terms, tokens[i]));
        }
    }

  match = crm_fts_match_query (text);
  matcher = crm_fts_matcher_new (text);
  g_assert_true ((match == NULL) == (tokens == NULL));

  /* the text as a customer's name and an interaction's subject (a name
   * must hold more than spaces) */
  insert = text[strspn (text, " ")] != '\0';
  name_searchable = name_searchable && insert;
  if (!crm_store_begin (store, &error))
    g_error ("begin: %s", error->message);
  if (insert)
    insert_rows (text);

  /* the Customers list and the Timeline, searched with it */
  customer_filter.search = text;
  crm_customer_list_model_set_filter (customers, &customer_filter);
  if (name_searchable)
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (customers)), >=, 1);
  else
    (void) g_list_model_get_n_items (G_LIST_MODEL (customers));

  interaction_filter.text = text;
  crm_interaction_list_model_set_filter (interactions, &interaction_filter);
  if (match != NULL)
    {
      sqlite3_stmt *fts;
      gboolean found_by_index;

      /* MATCH accepts the expression; the index and crm_match() agree */
      fts = crm_store_prepare (store,
                               "SELECT count(*) FROM interaction_fts WHERE interaction_fts MATCH ?1 AND rowid = ?2",
                               &error);
      g_assert_no_error (error);
      sqlite3_bind_text (fts, 1, match, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (fts, 2, FUZZ_INTERACTION_ID);
      if (sqlite3_step (fts) != SQLITE_ROW)
        g_error ("MATCH %s: %s", match, sqlite3_errmsg (crm_store_get_db (store)));
      found_by_index = sqlite3_column_int (fts, 0) > 0;
      sqlite3_reset (fts);
      if (matcher != NULL)
        {
          const char *columns[] = { text };

          g_assert_cmpint (found_by_index, ==, crm_fts_matcher_match (matcher, columns, 1));
        }
      if (name_searchable && fold_is_local (text))
        {
          g_assert_true (found_by_index);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (interactions)), >=, 1);
        }
    }
  else
    (void) g_list_model_get_n_items (G_LIST_MODEL (interactions));

  crm_store_rollback (store);
  return 0;
}
