/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How customer search works: every customer has rows (term, customer_id) in the
 * table search_terms.  A query is split into tokens; a customer matches when every
 * token is a prefix of one of its terms (a range query on the primary key).
 * Latin words are indexed whole, Chinese runs by all their suffixes (so any
 * substring, including 2-character names, is a prefix of a term), phone numbers
 * by their digits and the digit suffixes of length 4 or more. */

#define CRM_SEARCH_MAX_TOKENS 4

/* Case-folded, NFKC-normalised text: the key names are sorted and matched by. */
char      *crm_search_fold               (const char *text);

/* Terms of free text (names, codes): appended to @terms (char *, owned). */
void       crm_search_add_text_terms     (GPtrArray  *terms,
                                          const char *text);
/* A phone number's digits and their suffixes of at least 4 digits (the first
 * 32: a longer run of digits is no phone number, and its suffixes would grow
 * as its square) */
void       crm_search_add_phone_terms    (GPtrArray  *terms,
                                          const char *phone);
void       crm_search_add_email_terms    (GPtrArray  *terms,
                                          const char *email);
/* A contact's terms: name, phone and e-mail (any may be NULL), in the order
 * every writer of a customer's terms uses */
void       crm_search_add_contact_terms  (GPtrArray  *terms,
                                          const char *name,
                                          const char *phone,
                                          const char *email);
/* Only the digits of a phone number, or NULL if it has none. */
char      *crm_search_phone_digits       (const char *phone);

/* Splits a query into at most CRM_SEARCH_MAX_TOKENS prefix tokens; NULL if the
 * query has nothing to search for. */
GStrv      crm_search_tokenize_query     (const char *query);

/* The exclusive upper bound of the prefix range of @prefix. */
char      *crm_search_prefix_upper_bound (const char *prefix);

G_END_DECLS
