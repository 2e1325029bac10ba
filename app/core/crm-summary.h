/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-calendar.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* What a printout says, as plain data: a title and a list of blocks (headings,
 * key/value lists, tables, paragraphs).  Core gathers it from the store; the
 * GUI (crm-print-document.c) lays it out on pages.  Tests read it back as text. */

typedef enum {
  CRM_SUMMARY_BLOCK_HEADING,    /* a section heading: text */
  CRM_SUMMARY_BLOCK_FIELDS,     /* key/value pairs: fields, laid out in n_columns */
  CRM_SUMMARY_BLOCK_TABLE,      /* columns and rows */
  CRM_SUMMARY_BLOCK_PARAGRAPH,  /* text; muted: a note or "nothing here" */
} CrmSummaryBlockKind;

typedef struct {
  char *key;
  char *value;
} CrmSummaryField;

typedef struct {
  char     *title;
  double    width;      /* share of the table's width (the shares need not add up to 1) */
  gboolean  numeric;    /* right-aligned */
} CrmSummaryColumn;

typedef struct {
  GStrv     cells;      /* one per column; may be "" */
  char     *detail;     /* NULL, or a line under the row across the whole table */
  gboolean  emphasis;   /* needs attention: overdue, breached */
} CrmSummaryRow;

typedef struct {
  CrmSummaryBlockKind  kind;
  char                *text;       /* HEADING, PARAGRAPH */
  gboolean             muted;      /* PARAGRAPH */
  GPtrArray           *fields;     /* FIELDS: CrmSummaryField */
  guint                n_columns;  /* FIELDS: 1 or 2 pairs side by side */
  GPtrArray           *columns;    /* TABLE: CrmSummaryColumn */
  GPtrArray           *rows;       /* TABLE: CrmSummaryRow */
} CrmSummaryBlock;

typedef struct {
  char      *title;         /* the big line on the first page: the customer's name, "Agenda" */
  char      *subtitle;      /* "Customer summary", the period */
  char      *running_head;  /* the line at the top of every page */
  char      *privacy_note;  /* the line at the bottom of every page */
  gint64     printed_at;    /* the store's now */
  gint64     customer_id;   /* 0: not one customer's */
  gboolean   shows_contacts;/* contact details unmasked */
  GArray    *contact_ids;   /* gint64: the contacts whose details the document holds */
  GPtrArray *blocks;        /* CrmSummaryBlock */
} CrmSummaryDocument;

/* How many interactions a customer summary lists by default. */
#define CRM_SUMMARY_INTERACTIONS 25

typedef struct {
  gboolean show_contacts;     /* phone numbers and e-mail addresses as stored, else masked */
  guint    max_interactions;  /* the newest ones; 0: CRM_SUMMARY_INTERACTIONS */
} CrmSummaryOptions;

#define CRM_SUMMARY_OPTIONS_INIT { FALSE, 0 }

/* The customer summary: header (name, code, tier, owner, printed on), basic
 * information, contacts, needs & tags, health with its indicators, RFM, the
 * last interactions, open tickets with their SLA state, planned follow-ups and
 * the satisfaction history, from crm_store_load_profile().  @options may be
 * NULL (masked, CRM_SUMMARY_INTERACTIONS).  Nothing is written: a document
 * that shows contact details is recorded with crm_summary_record_reveal(). */
CrmSummaryDocument *crm_summary_new_for_customer (CrmStore                 *store,
                                                  gint64                    customer_id,
                                                  const CrmSummaryOptions  *options,
                                                  GError                  **error);
/* The same by customer code; an unknown code is CRM_STORE_ERROR_NOT_FOUND with
 * a message that names it. */
CrmSummaryDocument *crm_summary_new_for_code     (CrmStore                 *store,
                                                  const char               *code,
                                                  const CrmSummaryOptions  *options,
                                                  GError                  **error);

/* The agenda of @n_days local days from @first_day (1: a day, 7: a week): for
 * each day a table of what is planned (time, customer, item, kind, owner,
 * status), as the calendar shows it with @filter (NULL: everyone's follow-ups,
 * done ones too, and open tickets' deadlines). */
CrmSummaryDocument *crm_summary_new_agenda       (CrmStore                 *store,
                                                  GDateTime                *first_day,
                                                  guint                     n_days,
                                                  const CrmCalendarFilter  *filter,
                                                  GError                  **error);

/* Records, the way the profile records a reveal (crm_store_log_reveal), that
 * @document's contact details were printed: one audit row per contact.
 * Nothing for a document that masks them. */
gboolean            crm_summary_record_reveal    (CrmStore                 *store,
                                                  const CrmSummaryDocument *document,
                                                  GError                  **error);

/* The document as plain text, one line per heading, field, row and paragraph
 * (cells separated by " | "): for tests and logs. */
char               *crm_summary_document_to_text (const CrmSummaryDocument *document);

void                crm_summary_document_free    (CrmSummaryDocument       *document);

/* ---- building documents (used by the functions above, and by tests) ---- */

CrmSummaryDocument *crm_summary_document_new     (const char               *title,
                                                  const char               *subtitle);
void                crm_summary_add_heading      (CrmSummaryDocument       *document,
                                                  const char               *text);
void                crm_summary_add_paragraph    (CrmSummaryDocument       *document,
                                                  const char               *text,
                                                  gboolean                  muted);
/* A new key/value block; add to it with crm_summary_fields_add (). */
CrmSummaryBlock    *crm_summary_add_fields       (CrmSummaryDocument       *document,
                                                  guint                     n_columns);
/* Adds nothing when @value is NULL or empty. */
void                crm_summary_fields_add       (CrmSummaryBlock          *block,
                                                  const char               *key,
                                                  const char               *value);
/* A new table; add columns first, then rows. */
CrmSummaryBlock    *crm_summary_add_table        (CrmSummaryDocument       *document);
void                crm_summary_table_add_column (CrmSummaryBlock          *block,
                                                  const char               *title,
                                                  double                    width,
                                                  gboolean                  numeric);
/* @cells: one per column (NULL cells become ""); takes nothing. */
CrmSummaryRow      *crm_summary_table_add_row    (CrmSummaryBlock          *block,
                                                  const char * const       *cells,
                                                  const char               *detail,
                                                  gboolean                  emphasis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSummaryDocument, crm_summary_document_free)

G_END_DECLS
