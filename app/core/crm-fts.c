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

/* The text folded (crm_search_fold) before it is split, as a query is: folding
 * can change a character's class ("¼" folds to "1⁄4", "㍿" to "株式会社").  It
 * is folded a chunk at a time (a character and the marks that follow it), so
 * each folded character knows the bytes of the text it came from. */
typedef struct {
  GString *folded;
  GArray  *starts;   /* per byte of folded: the offset of its chunk in the text */
  GArray  *ends;     /* and the end of that chunk */
} Folded;

static void
fold_chunk (Folded     *f,
            const char *text,
            int         start,
            int         end)
{
  gsize before = f->folded->len;
  gunichar c = g_utf8_get_char (text + start);
  int len = g_utf8_skip[(guchar) text[start]];

  /* the common cases need no normalizing: ASCII, and a CJK unified ideograph alone */
  if (c < 0x80 && end - start == 1)
    g_string_append_c (f->folded, g_ascii_tolower ((char) c));
  else if (c >= 0x4e00 && c <= 0x9fff && end - start == len)
    g_string_append_len (f->folded, text + start, len);
  else
    {
      g_autofree char *raw = g_strndup (text + start, (gsize) (end - start));
      g_autofree char *folded = crm_search_fold (raw);

      g_string_append (f->folded, folded);
    }
  for (gsize i = before; i < f->folded->len; i++)
    {
      g_array_append_val (f->starts, start);
      g_array_append_val (f->ends, end);
    }
}

static void
fold_text (Folded     *f,
           const char *text,
           int         n_text)
{
  const char *p = text, *end = text + n_text;
  int chunk = -1;

  while (p < end)
    {
      const char *next = g_utf8_find_next_char (p, end);
      gunichar c = g_utf8_get_char_validated (p, end - p);
      int offset = (int) (p - text);

      if (next == NULL)
        next = end;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* not UTF-8: a separator */
          if (chunk >= 0)
            fold_chunk (f, text, chunk, offset);
          chunk = -1;
          g_string_append_c (f->folded, ' ');
          g_array_append_val (f->starts, offset);
          offset = (int) (next - text);
          g_array_append_val (f->ends, offset);
        }
      else if (chunk < 0 || g_unichar_combining_class (c) == 0)
        {
          if (chunk >= 0)
            fold_chunk (f, text, chunk, offset);
          chunk = offset;
        }
      p = next;
    }
  if (chunk >= 0)
    fold_chunk (f, text, chunk, n_text);
}

/* Emits folded[start, end) as one token, with the bytes of the text it came from. */
static int
emit (void          *ctx,
      TokenCallback  callback,
      const Folded  *f,
      int            start,
      int            end)
{
  return callback (ctx, 0, f->folded->str + start, end - start,
                   g_array_index (f->starts, int, start), g_array_index (f->ends, int, end - 1));
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            n_text,
                    TokenCallback  callback)
{
  Folded f = {
    g_string_sized_new ((gsize) n_text + 1),
    g_array_sized_new (FALSE, FALSE, sizeof (int), (guint) n_text + 1),
    g_array_sized_new (FALSE, FALSE, sizeof (int), (guint) n_text + 1),
  };
  const char *p, *end;
  int word_start = -1;
  /* the CJK character before this one, for the pairs */
  int cjk_prev = -1, cjk_run = 0;
  int n, rc = SQLITE_OK;

  fold_text (&f, text, n_text);
  p = f.folded->str;
  n = (int) f.folded->len;
  end = p + n;

  while (p < end && rc == SQLITE_OK)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      int offset = (int) (p - f.folded->str);

      if (is_cjk (c))
        {
          if (word_start >= 0)
            {
              rc = emit (ctx, callback, &f, word_start, offset);
              word_start = -1;
            }
          if (cjk_prev >= 0 && rc == SQLITE_OK)
            rc = emit (ctx, callback, &f, cjk_prev, (int) (next - f.folded->str));
          cjk_prev = offset;
          cjk_run++;
        }
      else
        {
          /* a lone CJK character is a token of its own */
          if (cjk_run == 1)
            rc = emit (ctx, callback, &f, cjk_prev, offset);
          cjk_prev = -1;
          cjk_run = 0;

          if (is_word (c))
            {
              if (word_start < 0)
                word_start = offset;
            }
          else if (word_start >= 0 && rc == SQLITE_OK)
            {
              rc = emit (ctx, callback, &f, word_start, offset);
              word_start = -1;
            }
        }
      p = next;
    }

  if (rc == SQLITE_OK && word_start >= 0)
    rc = emit (ctx, callback, &f, word_start, n);
  if (rc == SQLITE_OK && cjk_run == 1)
    rc = emit (ctx, callback, &f, cjk_prev, n);

  g_string_free (f.folded, TRUE);
  g_array_unref (f.starts);
  g_array_unref (f.ends);
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

/* ---- matching one row's text without the index ---- */

static int
collect_token (void       *ctx,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  g_ptr_array_add (ctx, g_strndup (token, (gsize) n_token));
  return SQLITE_OK;
}

/* The tokens of @text as the index has them. */
static GPtrArray *
tokens_of (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);

  if (text != NULL)
    tokenizer_tokenize (NULL, tokens, 0, text, (int) strlen (text), collect_token);
  return tokens;
}

struct _CrmFtsMatcher {
  GPtrArray *words;   /* GPtrArray of tokens per word: a phrase, the last token a prefix */
};

CrmFtsMatcher *
crm_fts_matcher_new (const char *text)
{
  g_auto(GStrv) words = crm_search_tokenize_query (text);
  CrmFtsMatcher *matcher;

  if (words == NULL || words[0] == NULL)
    return NULL;
  matcher = g_new0 (CrmFtsMatcher, 1);
  matcher->words = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; words[i] != NULL; i++)
    {
      GPtrArray *phrase = tokens_of (words[i]);

      if (phrase->len > 0)
        g_ptr_array_add (matcher->words, phrase);
      else
        g_ptr_array_unref (phrase);
    }
  return matcher;
}

void
crm_fts_matcher_free (CrmFtsMatcher *matcher)
{
  if (matcher == NULL)
    return;
  g_ptr_array_unref (matcher->words);
  g_free (matcher);
}

/* Whether @phrase occurs in @tokens, its last token as a prefix. */
static gboolean
phrase_in (GPtrArray *phrase,
           GPtrArray *tokens)
{
  for (guint start = 0; start + phrase->len <= tokens->len; start++)
    {
      guint k;

      for (k = 0; k + 1 < phrase->len; k++)
        if (strcmp (tokens->pdata[start + k], phrase->pdata[k]) != 0)
          break;
      if (k + 1 == phrase->len && g_str_has_prefix (tokens->pdata[start + k], phrase->pdata[k]))
        return TRUE;
    }
  return FALSE;
}

gboolean
crm_fts_matcher_match (CrmFtsMatcher      *matcher,
                       const char * const *columns,
                       guint               n_columns)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_full (n_columns, (GDestroyNotify) g_ptr_array_unref);
  gboolean all = TRUE;

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (tokens, tokens_of (columns[c]));

  /* every word, each within one column, as the index's MATCH does */
  for (guint w = 0; w < matcher->words->len && all; w++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < n_columns && !found; c++)
        found = phrase_in (matcher->words->pdata[w], tokens->pdata[c]);
      all = found;
    }
  return all;
}

/* crm_match(words, column, …): 1 when the columns hold every word the way a
 * MATCH of crm_fts_match_query (words) finds them. */
static void
match_function (sqlite3_context *context,
                int              argc,
                sqlite3_value  **argv)
{
  CrmFtsMatcher *matcher = sqlite3_get_auxdata (context, 0);
  gboolean created = FALSE;
  const char *columns[8];
  guint n = 0;

  if (matcher == NULL)
    {
      matcher = crm_fts_matcher_new ((const char *) sqlite3_value_text (argv[0]));
      created = TRUE;
    }
  if (matcher == NULL)
    {
      sqlite3_result_int (context, 1);   /* nothing to search for: every row */
      return;
    }
  for (int i = 1; i < argc && n < G_N_ELEMENTS (columns); i++)
    columns[n++] = (const char *) sqlite3_value_text (argv[i]);
  sqlite3_result_int (context, crm_fts_matcher_match (matcher, columns, n));
  /* kept for the next rows of the statement (or freed at once) */
  if (created)
    sqlite3_set_auxdata (context, 0, matcher, (void (*) (void *)) crm_fts_matcher_free);
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
  if (sqlite3_create_function (db, "crm_match", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                               NULL, match_function, NULL, NULL) != SQLITE_OK)
    return FALSE;
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
