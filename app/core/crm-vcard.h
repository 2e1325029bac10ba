/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* vCard export and import of contacts (issue 9).
 *
 * Export: every contact as one card, in contact id order, readable by GNOME
 * Contacts, Evolution and Thunderbird:
 * - BEGIN:VCARD, VERSION (3.0 or 4.0), PRODID, UID, FN (the contact's name),
 *   N (family;given, guessed from the name: a Chinese name's surname is its
 *   first character, or a known two-character surname; otherwise the last
 *   word), ORG (the customer's name), TITLE (job title), ROLE (the role in
 *   decisions, in words, in the user's language), TEL (TYPE cell for a
 *   Chinese mobile number, work + voice otherwise), EMAIL (TYPE work), BDAY,
 *   NOTE, and X-RAPPORT-ROLE (decision_maker | influencer | user),
 *   X-RAPPORT-IM, X-RAPPORT-CUSTOMER-CODE and X-RAPPORT-PRIMARY:1 so that
 *   Rapport reads back what it wrote.  Empty values are left out.
 * - UID: 3.0 "rapport-contact-<id>@rapport.local"; 4.0 "urn:uuid:" and a
 *   name-based (version 5) UUID of that same text: the same contact always
 *   gets the same UID, so importing again elsewhere updates rather than
 *   duplicates.
 * - CRLF line ends, TEXT escaping (\\ \; \, \n), lines folded at 75 octets,
 *   never inside a UTF-8 character.  UTF-8 throughout.
 * - Real (unmasked) phone numbers and e-mail addresses: an export is the
 *   user's own data.
 * - Rows are read and written one at a time (a prepared statement; the
 *   contacts are never all in memory), into a temporary file beside @path,
 *   renamed over it at the end; the file is created mode 0600.  On failure or
 *   cancellation nothing is left behind.
 *
 * Import: vCard 2.1, 3.0 and 4.0 (see crm_vcard_parse()).  Each card becomes
 * a contact of the customer named by its ORG (the first component): an
 * existing customer whose name is exactly the same (white space around it
 * trimmed; an active customer before an archived one; with
 * X-RAPPORT-CUSTOMER-CODE, the customer with that code if its name matches
 * too), otherwise a new customer (a company; a person when there is no ORG or
 * the ORG is the contact's own name, and then named after the contact).
 * The contact takes the first TEL and the first EMAIL; a card whose contact
 * already exists (the same customer and the same name, phone digits or
 * e-mail address) is skipped.  The first contact of a customer becomes its
 * primary contact.
 *
 * All or nothing: the cards are checked first (names, phone numbers and
 * e-mail addresses as the contact form checks them) and written in one
 * transaction.  When any card has a problem nothing is imported and the
 * result lists every problem. */

typedef enum {
  CRM_VCARD_VERSION_3 = 3,
  CRM_VCARD_VERSION_4 = 4,
} CrmVcardVersion;

#define CRM_VCARD_ERROR (crm_vcard_error_quark ())

typedef enum {
  CRM_VCARD_ERROR_NO_CARDS,   /* no BEGIN:VCARD at all */
  CRM_VCARD_ERROR_SYNTAX,     /* text outside any card */
} CrmVcardError;

GQuark crm_vcard_error_quark (void);

/* Something wrong with one card (or, @card 0, with the file). */
typedef struct {
  guint  card;      /* 1-based position of the card in the file; 0: the file */
  guint  line;      /* 1-based line of the file; 0: unknown */
  char  *message;   /* a sentence for the user */
} CrmVcardProblem;

void     crm_vcard_problem_free       (CrmVcardProblem *problem);
/* "Card 3, line 17: …" for people. */
char    *crm_vcard_problem_to_string  (const CrmVcardProblem *problem);

/* One card as read, values decoded (quoted-printable, charsets) and unescaped,
 * UTF-8, NULL when absent.  Only what a contact can hold is kept. */
typedef struct {
  guint      number;          /* 1-based position in the file */
  guint      line;            /* line of its BEGIN:VCARD */
  char      *version;         /* "2.1", "3.0", "4.0" as written; NULL if missing */
  char      *fn;
  char      *family;          /* N: family name */
  char      *given;           /* N: given name */
  char      *additional;      /* N: additional (middle) names */
  char      *org;             /* ORG: the organisation's name (first component) */
  char      *title;
  char      *role;            /* ROLE as written */
  char      *rapport_role;    /* X-RAPPORT-ROLE */
  char      *im;              /* X-RAPPORT-IM, or the first IMPP */
  char      *bday;            /* BDAY as written */
  char      *note;
  char      *uid;
  char      *customer_code;   /* X-RAPPORT-CUSTOMER-CODE */
  gboolean   primary;         /* X-RAPPORT-PRIMARY:1 */
  GPtrArray *tels;            /* char *, in file order (tel: URIs as the number) */
  GPtrArray *emails;          /* char *, in file order */
  guint      tel_line;        /* line of the first TEL, 0 if none */
  guint      email_line;      /* line of the first EMAIL, 0 if none */
  GPtrArray *problems;        /* CrmVcardProblem *: what could not be read */
} CrmVcardCard;

void     crm_vcard_card_free          (CrmVcardCard *card);

/* The name the card's contact gets: FN, else N put together ("王" + "磊";
 * "John" + "Smith" as "John Smith"), trimmed; NULL when it has none. */
char    *crm_vcard_card_get_name      (const CrmVcardCard *card);

/* Reads vCard 2.1 to 4.0 text.  Pure (no store): meant to be fuzzed.
 *
 * - Line ends CRLF, LF or CR; a UTF-8 byte order mark is skipped.
 * - Folded lines (a line starting with a space or a tab continues the one
 *   before); 2.1 quoted-printable values with soft line breaks ("=" at the
 *   end of a line); CHARSET parameters (UTF-8, GB2312, GBK, GB18030, Big5 and
 *   whatever iconv knows; GB2312 and GBK are read as GB18030, their
 *   superset); 2.1 text that is not UTF-8 and names no charset is read as
 *   GB18030.
 * - Property groups (item1.TEL), parameters with and without "TYPE="
 *   (TEL;WORK;VOICE and TEL;TYPE=work,voice and TYPE="work,voice"), quoted
 *   parameter values, escaped values (\\ \, \; \n \N), structured N and ORG.
 * - 2.1 base64 values (a PHOTO) whose lines are not folded are passed over.
 *
 * Returns the cards (free with g_ptr_array_unref); what is wrong in a card is
 * in its problems, the cards after it are still read.  Fails only for text
 * that is not a list of vCards: CRM_VCARD_ERROR_NO_CARDS when there is no card
 * at all, CRM_VCARD_ERROR_SYNTAX for a line outside any card. */
GPtrArray *crm_vcard_parse            (const char    *data,
                                       gsize          length,
                                       GError       **error);

/* Writes every contact to @path; see above. */
gboolean   crm_vcard_export           (CrmStore       *store,
                                       const char     *path,
                                       CrmVcardVersion version,
                                       GCancellable   *cancellable,
                                       GError        **error);

/* The UID crm_vcard_export() gives the contact @contact_id. */
char      *crm_vcard_contact_uid      (gint64          contact_id,
                                       CrmVcardVersion version);

typedef struct {
  guint      n_cards;            /* cards read */
  guint      created;            /* contacts created */
  guint      skipped;            /* cards whose contact already existed */
  guint      customers_created;
  GPtrArray *problems;           /* CrmVcardProblem *; when not empty, nothing was imported
                                  * (and the three counts are 0) */
} CrmVcardImportResult;

void       crm_vcard_import_result_free      (CrmVcardImportResult *result);
/* One or two sentences for people: what was imported, or why nothing was
 * (the number of problems; list them with crm_vcard_problem_to_string()). */
char      *crm_vcard_import_result_summarize (const CrmVcardImportResult *result);

/* Imports @data (see above).  Returns NULL with @error only when the work
 * could not be done: the database failed, or @cancellable was cancelled
 * (G_IO_ERROR_CANCELLED; nothing is imported).  Problems with the cards are
 * in the result. */
CrmVcardImportResult *crm_vcard_import_data (CrmStore      *store,
                                             const char    *data,
                                             gsize          length,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* The same for a file; a file that cannot be read is an error. */
CrmVcardImportResult *crm_vcard_import      (CrmStore      *store,
                                             const char    *path,
                                             GCancellable  *cancellable,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardProblem, crm_vcard_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardCard, crm_vcard_card_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardImportResult, crm_vcard_import_result_free)

G_END_DECLS
