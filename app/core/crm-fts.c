/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-fts"

#include <string.h>

#include "crm-fts.h"
#include "crm-search.h"


static gboolean
is_cjk (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_word (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static int
tokenizer_create (void         *context,
                  const char  **args,
                  int           n_args,
                  Fts5Tokenizer **out)
{
  static int instance;

  *out = (Fts5Tokenizer *) &instance;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
}

typedef int (*TokenCallback) (void *, int, const char *, int, int, int);

/* Emits the folded form of text[start, end) as one token. */
static int
emit_word (void          *ctx,
           TokenCallback  callback,
           const char    *text,
           int            start,
           int            end)
{
  g_autofree char *raw = g_strndup (text + start, (gsize) (end - start));
  g_autofree char *folded = crm_search_fold (raw);

  if (*folded == '\0')
    return SQLITE_OK;
  return callback (ctx, 0, folded, (int) strlen (folded), start, end);
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    TokenCallback  callback)
{
  const char *p = text, *end = text + n_text;
  int word_start = -1;
  /* the CJK character before this one, for the pairs */
  int cjk_prev = -1, cjk_run = 0;
  int rc = SQLITE_OK;

  while (p < end && rc == SQLITE_OK)
    {
      const char *next = g_utf8_find_next_char (p, end);
      gunichar c = g_utf8_get_char_validated (p, end - p);
      int offset = (int) (p - text);

      if (next == NULL)
        next = end;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        c = ' ';

      if (is_cjk (c))
        {
          if (word_start >= 0)
            {
              rc = emit_word (ctx, callback, text, word_start, offset);
              word_start = -1;
            }
          if (cjk_prev >= 0)
            rc = emit_word (ctx, callback, text, cjk_prev, (int) (next - text));
          cjk_prev = offset;
          cjk_run++;
        }
      else
        {
          /* a lone CJK character is a token of its own */
          if (cjk_run == 1)
            rc = emit_word (ctx, callback, text, cjk_prev, offset);
          cjk_prev = -1;
          cjk_run = 0;

          if (is_word (c))
            {
              if (word_start < 0)
                word_start = offset;
            }
          else if (word_start >= 0)
            {
              rc = emit_word (ctx, callback, text, word_start, offset);
              word_start = -1;
            }
        }
      p = next;
    }

  if (rc == SQLITE_OK && word_start >= 0)
    rc = emit_word (ctx, callback, text, word_start, n_text);
  if (rc == SQLITE_OK && cjk_run == 1)
    rc = emit_word (ctx, callback, text, cjk_prev, n_text);

  return rc;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
crm_fts_register (sqlite3 *db)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  fts5_api *api = get_fts5_api (db);

  if (api == NULL)
    {
      g_warning ("This SQLite has no FTS5: interactions cannot be searched");
      return FALSE;
    }
  return api->xCreateTokenizer (api, "crm", NULL, &tokenizer, NULL) == SQLITE_OK;
}

char *
crm_fts_match_query (const char *text)
{
  g_auto(GStrv) tokens = crm_search_tokenize_query (text);
  GString *query;

  if (tokens == NULL || tokens[0] == NULL)
    return NULL;

  /* every word a quoted phrase (the tokenizer splits it as it split the text),
   * the last part a prefix: "renew"* "续约"* */
  query = g_string_new (NULL);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *c = tokens[i]; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *c);
        }
      g_string_append (query, "\"*");
    }
  return g_string_free (query, FALSE);
}
