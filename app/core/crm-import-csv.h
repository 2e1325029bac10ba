/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* CSV import of customers with their primary contact (DESIGN.md, "Command
 * line": --import-csv FILE, all or nothing).
 *
 * Reading (crm_csv_import_new_from_file()):
 * - Encoding: a UTF-8 byte order mark is dropped; a UTF-16 file with a byte
 *   order mark (Excel's "Unicode Text") is converted; otherwise valid UTF-8 is
 *   UTF-8 and anything else is read as GB18030 (Excel on Chinese Windows).
 * - Separator: comma, semicolon or tab, whichever the header line holds most
 *   of outside quotes (comma when it holds none).
 * - RFC 4180: quoted fields may hold separators, line breaks and "" (a
 *   quote); CRLF, LF or CR line ends.  A line break inside a quoted field is
 *   kept as "\n".  Blank lines and rows of empty fields are skipped.  A quote
 *   left open at the end of the file is an error (CRM_CSV_IMPORT_ERROR_MALFORMED)
 *   naming the line where the field starts.
 * - Line numbers are the physical line of the file where a record starts
 *   (the header is usually line 1), counting the lines inside quoted fields.
 *
 * Columns: the first non-blank record is the header.  Each header is matched
 * to a field (CrmImportField) by its English or Chinese (simplified or
 * traditional) name or a synonym, ignoring case, spaces, "_", "-", ".", "*",
 * ":" and full-width/half-width differences, and then without a trailing
 * "(…)" part; the field ids themselves (the customers export's headers:
 * "name", "staff_count", "last_contact_at"…) match too.  Each field takes the
 * first column that names it; a later column naming it again, and a column
 * no name matches, is unknown (crm_csv_import_get_unknown_columns()) and not
 * imported unless crm_csv_import_set_mapping() says what it holds.
 *
 * Values: text is trimmed (a full-width space too).  Kind, tier, key account,
 * lifecycle, contact role, price sensitivity and value focus take the export's
 * keys ("vip", "company"…), the English names and the Chinese ones ("普通",
 * "决策者"…); yes/no as 1/0, yes/no, true/false, 是/否.  Dates as YYYY-MM-DD,
 * YYYY/M/D, YYYY.M.D or YYYY年M月D日; the last follow-up time as a date with
 * an optional HH:MM[:SS] in local time, or ISO 8601 with a UTC offset, and
 * not in the future.  Staff count and revenue as numbers ("1,200", "500人";
 * a range such as "100-500" takes its first number; revenue in yuan, with
 * 万 or 亿 allowed).  Need tags are split at , ， 、 ; ； and |.  Without a
 * kind column, a row is a company when it names a contact person other than
 * the customer or the name ends like a company's (公司, 集团, Ltd, Inc…),
 * else a person.  The owner is matched to a team member by name (ignoring
 * case and width); a name no member has is added to the team as an account
 * manager when the import is committed (crm_csv_import_get_new_owners()).
 *
 * Duplicates: a row is a likely duplicate of an existing (not archived)
 * customer when its normalized name (crm_search_fold()) equals theirs, or its
 * phone (at least 5 digits) is the phone of one of their contacts; of an
 * earlier row of the file by the same rules.  Each duplicate gets an action,
 * SKIP by default:
 * - SKIP: the row is not imported;
 * - MERGE: the existing customer (for a duplicate inside the file: the one the
 *   earlier row became or was merged or skipped into) keeps its values and gets
 *   the row's values for fields it has empty (tags are added, the last
 *   follow-up time is the later one); the row's contact fills the empty fields
 *   of the contact with the same phone, e-mail or name, or is added (primary
 *   if the customer had no contact);
 * - IMPORT: the row becomes a new customer anyway.
 *
 * Commit: everything in one transaction (codes from crm_store_next_code(),
 * the search index written as the customer form writes it); on any error or
 * a cancellation nothing is written.  ::changed is emitted once, as
 * CRM_CHANGE_ALL, after the commit.  The playbook's rules are not run: the
 * next playbook pass plans the new customers' follow-ups.
 *
 * The command line (crm_csv_import_run_cli()): unknown columns are left out
 * and named in the report; any row with a problem means nothing is imported;
 * duplicates of existing customers and of earlier rows are skipped (not an
 * error) and named in the report. */

#define CRM_CSV_IMPORT_ERROR (crm_csv_import_error_quark ())

typedef enum {
  CRM_CSV_IMPORT_ERROR_ENCODING,   /* neither UTF-8, UTF-16 nor GB18030 text */
  CRM_CSV_IMPORT_ERROR_MALFORMED,  /* a quoted field never closed */
  CRM_CSV_IMPORT_ERROR_EMPTY,      /* no header, or no row */
  CRM_CSV_IMPORT_ERROR_NO_NAME,    /* no column holds the customer's name */
  CRM_CSV_IMPORT_ERROR_INVALID,    /* rows with problems: nothing imported */
} CrmCsvImportError;

/* What a column holds.  The numbers are not stored anywhere. */
typedef enum {
  CRM_IMPORT_FIELD_NONE,            /* not imported */
  CRM_IMPORT_FIELD_NAME,
  CRM_IMPORT_FIELD_KIND,
  CRM_IMPORT_FIELD_INDUSTRY,
  CRM_IMPORT_FIELD_STAFF_COUNT,
  CRM_IMPORT_FIELD_ANNUAL_REVENUE,
  CRM_IMPORT_FIELD_TIER,
  CRM_IMPORT_FIELD_KEY_ACCOUNT,
  CRM_IMPORT_FIELD_LIFECYCLE,
  CRM_IMPORT_FIELD_SOURCE,
  CRM_IMPORT_FIELD_OWNER,
  CRM_IMPORT_FIELD_FIRST_DEAL_DATE,
  CRM_IMPORT_FIELD_BIRTHDAY,
  CRM_IMPORT_FIELD_ANNIVERSARY,
  CRM_IMPORT_FIELD_ADDRESS,
  CRM_IMPORT_FIELD_WEBSITE,
  CRM_IMPORT_FIELD_DO_NOT_CONTACT,
  CRM_IMPORT_FIELD_NOTES,
  CRM_IMPORT_FIELD_LAST_CONTACT,
  CRM_IMPORT_FIELD_TAGS,
  CRM_IMPORT_FIELD_PREFERRED_PRODUCTS,
  CRM_IMPORT_FIELD_PRICE_SENSITIVITY,
  CRM_IMPORT_FIELD_RESPONSE_HOURS,
  CRM_IMPORT_FIELD_VALUE_FOCUS,
  CRM_IMPORT_FIELD_CONTACT_NAME,
  CRM_IMPORT_FIELD_CONTACT_TITLE,
  CRM_IMPORT_FIELD_CONTACT_ROLE,
  CRM_IMPORT_FIELD_PHONE,
  CRM_IMPORT_FIELD_EMAIL,
  CRM_IMPORT_FIELD_IM,
  CRM_N_IMPORT_FIELDS
} CrmImportField;

typedef struct {
  CrmImportField  field;
  const char     *id;      /* stable English key, e.g. "contact_name" */
  const char     *label;   /* English, marked with N_(): translate with _() or use crm_import_field_get_label() */
} CrmImportFieldInfo;

/* Every field, CRM_IMPORT_FIELD_NONE first, in the order a mapping menu shows them. */
const CrmImportFieldInfo *crm_import_field_get_infos   (guint          *n_infos);
const char               *crm_import_field_get_id      (CrmImportField  field);
/* Translated, e.g. "Customer name"; "Do not import" for CRM_IMPORT_FIELD_NONE. */
const char               *crm_import_field_get_label   (CrmImportField  field);
/* CRM_IMPORT_FIELD_NONE when @id is no field's id. */
CrmImportField            crm_import_field_from_id     (const char     *id);
/* The field a column header names (the automatic matching), or CRM_IMPORT_FIELD_NONE. */
CrmImportField            crm_import_field_match_header (const char    *header);

typedef struct {
  guint  line;      /* physical line where the record starts, 1-based */
  char  *column;    /* the header text (or "column 7" when it has none) */
  char  *message;   /* translated, for people */
} CrmCsvProblem;

typedef enum {
  CRM_CSV_DUPLICATE_SAME_NAME,
  CRM_CSV_DUPLICATE_SAME_PHONE,
} CrmCsvDuplicateReason;

typedef enum {
  CRM_CSV_DUPLICATE_SKIP,
  CRM_CSV_DUPLICATE_MERGE,
  CRM_CSV_DUPLICATE_IMPORT,
} CrmCsvDuplicateAction;

typedef struct {
  guint                  line;
  char                  *row_name;      /* the customer name on the row */
  /* an existing customer ... */
  gint64                 customer_id;   /* 0 for a duplicate inside the file */
  char                  *code;
  char                  *name;
  /* ... or an earlier row of the file */
  guint                  other_line;    /* 0 for a duplicate of an existing customer */
  CrmCsvDuplicateReason  reason;
  CrmCsvDuplicateAction  action;
} CrmCsvDuplicate;

#define CRM_TYPE_CSV_IMPORT (crm_csv_import_get_type ())
G_DECLARE_FINAL_TYPE (CrmCsvImport, crm_csv_import, CRM, CSV_IMPORT, GObject)

GQuark         crm_csv_import_error_quark         (void);

/* Reads, decodes and parses @path, and matches the headers.  Writes nothing. */
CrmCsvImport  *crm_csv_import_new_from_file       (const char      *path,
                                                   GError         **error);
/* The same from bytes in memory (@name is used in messages). */
CrmCsvImport  *crm_csv_import_new_from_data       (const char      *data,
                                                   gsize            length,
                                                   const char      *name,
                                                   GError         **error);

/* "UTF-8", "UTF-16" or "GB18030". */
const char    *crm_csv_import_get_encoding        (CrmCsvImport    *self);
/* ',', ';' or '\t'. */
char           crm_csv_import_get_separator       (CrmCsvImport    *self);
guint          crm_csv_import_get_n_columns       (CrmCsvImport    *self);
/* The header texts, trimmed; NULL-terminated, owned by @self. */
const char * const *crm_csv_import_get_headers    (CrmCsvImport    *self);
/* The data records (blank ones not counted). */
guint          crm_csv_import_get_n_rows          (CrmCsvImport    *self);
/* A data record's value in @column ("" when the row is short); @row < n_rows. */
const char    *crm_csv_import_get_value           (CrmCsvImport    *self,
                                                   guint            row,
                                                   guint            column);
guint          crm_csv_import_get_row_line        (CrmCsvImport    *self,
                                                   guint            row);

CrmImportField crm_csv_import_get_mapping         (CrmCsvImport    *self,
                                                   guint            column);
/* Overrides the automatic matching: @column holds @field (NONE: not imported).
 * A column that held @field before holds nothing now.  Invalidates a preview. */
void           crm_csv_import_set_mapping         (CrmCsvImport    *self,
                                                   guint            column,
                                                   CrmImportField   field);
/* Columns (guint indexes) that hold nothing and were not set explicitly:
 * those whose header matched no field.  Free with g_array_unref(). */
GArray        *crm_csv_import_get_unknown_columns (CrmCsvImport    *self);

/* Parses and validates every row and looks for duplicates; writes nothing.
 * FALSE only when the preview could not be made (no column holds the name:
 * CRM_CSV_IMPORT_ERROR_NO_NAME; a database error); problems with rows are
 * listed by crm_csv_import_get_problems().  Actions already chosen for a
 * line are kept. */
gboolean       crm_csv_import_preview             (CrmCsvImport    *self,
                                                   CrmStore        *store,
                                                   GError         **error);
/* CrmCsvProblem, in line order; owned by @self, valid until the next preview. */
GPtrArray     *crm_csv_import_get_problems        (CrmCsvImport    *self);
/* CrmCsvDuplicate, in line order; owned by @self, valid until the next preview. */
GPtrArray     *crm_csv_import_get_duplicates      (CrmCsvImport    *self);
/* Owner names no team member has, which the commit adds to the team. */
const char * const *crm_csv_import_get_new_owners (CrmCsvImport    *self);
/* How many customers the commit would create, and merge into, with the actions chosen now. */
guint          crm_csv_import_count_new           (CrmCsvImport    *self);
guint          crm_csv_import_count_merged        (CrmCsvImport    *self);
/* What to do with the duplicate on @line; FALSE if the preview found none there. */
gboolean       crm_csv_import_set_duplicate_action (CrmCsvImport          *self,
                                                    guint                  line,
                                                    CrmCsvDuplicateAction  action);

/* Called in the thread that runs the commit, about every 1% of the rows and
 * once at the end, after the database commit (done == total). */
typedef void (*CrmCsvImportProgressFunc) (guint    done,
                                          guint    total,
                                          gpointer user_data);

/* Imports the rows in one transaction (previewing first when the preview is
 * missing or out of date).  Rows with problems: CRM_CSV_IMPORT_ERROR_INVALID
 * and nothing is written; cancelled: G_IO_ERROR_CANCELLED and nothing is
 * written.  Returns the number of customers created (merged ones not counted),
 * or -1 with @error set.  A large import (2,000 rows or more, into a database
 * with fewer customers, without merges) leaves the new customers' search terms
 * to crm_store_index_customers(), which the caller runs after it. */
gint64         crm_csv_import_commit              (CrmCsvImport              *self,
                                                   CrmStore                  *store,
                                                   CrmCsvImportProgressFunc   progress,
                                                   gpointer                   user_data,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);

/* rapport --import-csv FILE: all or nothing.  Appends to @report one line per
 * problem ("line 4, column “Email”: Enter an address like name@example.com."),
 * per skipped duplicate, per column left out, and a last line saying what was
 * imported.  FALSE with @error set when anything is wrong (then nothing was
 * imported). */
gboolean       crm_csv_import_run_cli             (CrmStore        *store,
                                                   const char      *path,
                                                   GString         *report,
                                                   GError         **error);

void           crm_csv_problem_free               (CrmCsvProblem   *problem);
void           crm_csv_duplicate_free             (CrmCsvDuplicate *duplicate);

G_END_DECLS
