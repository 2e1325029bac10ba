/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search"

#include <string.h>

#include "crm-search.h"

/* Suffixes of one Chinese run are bounded so a pathological name cannot blow up the index. */
#define MAX_CJK_SUFFIXES 32
#define MIN_PHONE_SUFFIX 4
/* a phone number is at most 20 digits or so: more is not one, and its suffixes would grow as its square */
#define MAX_PHONE_SUFFIXES 32

typedef enum {
  CLASS_SEPARATOR,
  CLASS_WORD,
  CLASS_CJK,
} CharClass;

static CharClass
classify (gunichar c)
{
  switch (g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_BOPOMOFO:
      return CLASS_CJK;
    default:
      break;
    }

  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return CLASS_WORD;

  return CLASS_SEPARATOR;
}

/* Text of ASCII and CJK unified ideographs (U+4E00..U+9FFF) alone folds to
 * itself with the ASCII letters lowered: NFKC and case folding change none of
 * these.  The common case, done without normalizing; NULL for any other text. */
static char *
fold_simple (const char *text)
{
  gsize len = strlen (text);
  char *out = g_malloc (len + 1);

  for (gsize i = 0; i < len;)
    {
      guchar b = (guchar) text[i];

      if (b < 0x80)
        {
          out[i] = g_ascii_tolower ((char) b);
          i++;
        }
      /* valid UTF-8 (checked before): E4 B8 80 is U+4E00, E9 BF BF U+9FFF */
      else if ((b == 0xe4 && (guchar) text[i + 1] >= 0xb8) || (b >= 0xe5 && b <= 0xe9))
        {
          memcpy (out + i, text + i, 3);
          i += 3;
        }
      else
        {
          g_free (out);
          return NULL;
        }
    }
  out[len] = '\0';
  return out;
}

char *
crm_search_fold (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *casefolded = NULL;
  GString *folded;
  char *simple;

  /* g_utf8_normalize() lets some invalid UTF-8 through (an encoded UTF-16
   * surrogate such as "\xed\xa3\x8a"): check it first */
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  if ((simple = fold_simple (text)) != NULL)
    return simple;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL)
    return g_strdup ("");

  /* Folding must give the same text when done again (the interactions' index
   * folds the words of a folded query once more).  GLib case-folds Cherokee
   * to its upper case and that upper case to the lower case: the lower case
   * of the case-folded text is the same either way. */
  casefolded = g_utf8_casefold (normalized, -1);
  folded = g_string_sized_new (strlen (casefolded));
  for (const char *p = casefolded; *p != '\0'; p = g_utf8_next_char (p))
    g_string_append_unichar (folded, g_unichar_tolower (g_utf8_get_char (p)));

  return g_string_free (folded, FALSE);
}

typedef struct {
  CharClass   klass;
  const char *start;
  const char *end;
} Run;

/* Splits folded text into runs of word characters and of CJK characters. */
static GArray *
split_runs (const char *folded)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  Run current = { CLASS_SEPARATOR, NULL, NULL };

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      CharClass klass = classify (g_utf8_get_char (p));

      if (klass != current.klass)
        {
          if (current.klass != CLASS_SEPARATOR)
            g_array_append_val (runs, current);
          current.klass = klass;
          current.start = p;
        }
      current.end = g_utf8_next_char (p);
    }
  if (current.klass != CLASS_SEPARATOR)
    g_array_append_val (runs, current);

  return runs;
}

static void
add_unique (GPtrArray *terms,
            char      *term)
{
  for (guint i = 0; i < terms->len; i++)
    if (strcmp (g_ptr_array_index (terms, i), term) == 0)
      {
        g_free (term);
        return;
      }
  g_ptr_array_add (terms, term);
}

static void
add_word_terms (GPtrArray  *terms,
                const char *start,
                const char *end)
{
  add_unique (terms, g_strndup (start, end - start));

  /* "cs2024001" is also found by "2024001": a suffix at each letter-to-digit step */
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (next < end && !g_unichar_isdigit (g_utf8_get_char (p)) && g_unichar_isdigit (g_utf8_get_char (next)))
        add_unique (terms, g_strndup (next, end - next));
    }
}

static void
add_cjk_terms (GPtrArray  *terms,
               const char *start,
               const char *end)
{
  guint n = 0;

  for (const char *p = start; p < end && n < MAX_CJK_SUFFIXES; p = g_utf8_next_char (p), n++)
    add_unique (terms, g_strndup (p, end - p));
}

void
crm_search_add_text_terms (GPtrArray  *terms,
                           const char *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GArray) runs = NULL;

  g_return_if_fail (terms != NULL);

  if (text == NULL || *text == '\0')
    return;

  folded = crm_search_fold (text);
  runs = split_runs (folded);

  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);

      if (run->klass == CLASS_CJK)
        add_cjk_terms (terms, run->start, run->end);
      else
        add_word_terms (terms, run->start, run->end);
    }
}

char *
crm_search_phone_digits (const char *phone)
{
  GString *digits;

  if (phone == NULL)
    return NULL;

  digits = g_string_new (NULL);
  for (const char *p = phone; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (digits->len == 0)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  return g_string_free (digits, FALSE);
}

void
crm_search_add_phone_terms (GPtrArray  *terms,
                            const char *phone)
{
  g_autofree char *digits = crm_search_phone_digits (phone);
  gsize len;

  g_return_if_fail (terms != NULL);

  if (digits == NULL)
    return;

  len = strlen (digits);
  add_unique (terms, g_strdup (digits));
  for (gsize i = 1; i <= MAX_PHONE_SUFFIXES && len - i >= MIN_PHONE_SUFFIX; i++)
    add_unique (terms, g_strdup (digits + i));
}

void
crm_search_add_contact_terms (GPtrArray  *terms,
                              const char *name,
                              const char *phone,
                              const char *email)
{
  crm_search_add_text_terms (terms, name);
  crm_search_add_phone_terms (terms, phone);
  crm_search_add_email_terms (terms, email);
}

void
crm_search_add_email_terms (GPtrArray  *terms,
                            const char *email)
{
  g_autofree char *folded = NULL;
  const char *at;

  g_return_if_fail (terms != NULL);

  if (email == NULL || *email == '\0')
    return;

  folded = crm_search_fold (email);
  g_strstrip (folded);
  if (*folded == '\0')
    return;

  add_unique (terms, g_strdup (folded));
  at = strchr (folded, '@');
  if (at != NULL && at[1] != '\0')
    add_unique (terms, g_strdup (at + 1));
}

static gboolean
looks_like_phone (const char *query)
{
  guint n_digits = 0;

  for (const char *p = query; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (!strchr ("+-() .", *p))
        return FALSE;
    }

  return n_digits >= 3;
}

GStrv
crm_search_tokenize_query (const char *query)
{
  g_autofree char *folded = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  guint n = 0;

  if (query == NULL)
    return NULL;

  folded = crm_search_fold (query);
  g_strstrip (folded);
  if (*folded == '\0')
    return NULL;

  /* only separators ("@", "-"): nothing to search for, rather than a token
   * no index term and no word of the interactions' index can match */
  runs = split_runs (folded);
  if (runs->len == 0)
    return NULL;

  builder = g_strv_builder_new ();

  /* "138 0013 8000" and "138-0013" are one phone number */
  if (looks_like_phone (folded) && strchr (folded, '@') == NULL)
    {
      g_autofree char *digits = crm_search_phone_digits (folded);

      g_strv_builder_add (builder, digits);
      return g_strv_builder_end (builder);
    }

  /* An e-mail address is one token, kept whole */
  if (strchr (folded, '@') != NULL && strchr (folded, ' ') == NULL)
    {
      g_strv_builder_add (builder, folded);
      return g_strv_builder_end (builder);
    }

  for (guint i = 0; i < runs->len && n < CRM_SEARCH_MAX_TOKENS; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);
      g_autofree char *token = g_strndup (run->start, run->end - run->start);

      g_strv_builder_add (builder, token);
      n++;
    }

  if (n == 0)
    return NULL;

  return g_strv_builder_end (builder);
}

char *
crm_search_prefix_upper_bound (const char *prefix)
{
  /* U+10FFFF sorts after every character under SQLite's BINARY collation. */
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}
