/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Full-text search of interactions (SQLite FTS5) with Rapport's own tokenizer
 * "crm": Latin words and numbers whole (case-folded, NFKC), Chinese, Japanese
 * and Korean text as overlapping pairs of characters — so any word of two
 * characters or more is found, and a single character as a prefix. */

/* Registers the tokenizer on @db; every connection needs it before it touches
 * the interactions table (the index follows it through triggers). */
gboolean crm_fts_register    (sqlite3    *db);

/* An FTS5 MATCH expression for what a person typed (every word, each as a
 * prefix), or NULL when there is nothing to search for. */
char    *crm_fts_match_query (const char *text);

G_END_DECLS
