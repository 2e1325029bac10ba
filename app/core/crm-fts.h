/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Full-text search of interactions (SQLite FTS5) with Rapport's own tokenizer
 * "crm": Latin words and numbers whole (case-folded, NFKC), Chinese, Japanese
 * and Korean text as overlapping pairs of characters — so any word of two
 * characters or more is found, and a single character as a prefix. */

/* Registers the tokenizer (and crm_match) on @db; every connection needs it before it touches
 * the interactions table (the index follows it through triggers). */
gboolean crm_fts_register    (sqlite3    *db);

/* An FTS5 MATCH expression for what a person typed (every word, each as a
 * prefix), or NULL when there is nothing to search for. */
char    *crm_fts_match_query (const char *text);

/* The same matching for one row's text, without the index: for a word in so
 * many interactions that listing them from the index is slow, while the other
 * filters keep only a few (one customer's history).  Also the SQL function
 * crm_match(words, column, …) registered by crm_fts_register(). */
typedef struct _CrmFtsMatcher CrmFtsMatcher;

CrmFtsMatcher *crm_fts_matcher_new   (const char         *text);   /* NULL: nothing to search for */
gboolean       crm_fts_matcher_match (CrmFtsMatcher      *matcher,
                                      const char * const *columns,
                                      guint               n_columns);
void           crm_fts_matcher_free  (CrmFtsMatcher      *matcher);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFtsMatcher, crm_fts_matcher_free)

G_END_DECLS
