/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-store.h"
#include "crm-summary.h"

G_BEGIN_DECLS

/* Printing a CrmSummaryDocument (crm-summary.h) with GtkPrintOperation: the
 * blocks are measured for the page size of the print context and laid out on
 * pages (a table row is never cut in half, a table's header is repeated on the
 * next page, a heading never stays alone at the bottom of a page), each page
 * with the document's running head, its privacy note and "Page N of M".
 * Text is set with Pango in "Noto Sans CJK SC" (TC for Traditional Chinese),
 * "Sans" as the fallback. */

/* A print operation for @document, which stays the caller's and must outlive
 * the operation. */
GtkPrintOperation *crm_print_document_new_operation    (const CrmSummaryDocument *document);

/* Writes @document as a PDF to @path, on the paper of @page_setup (NULL: the
 * default of the locale), with no dialog and no display: temporary file in the
 * same folder, mode 0600, renamed over @path at the end. */
gboolean           crm_print_document_export_pdf_full  (const CrmSummaryDocument *document,
                                                        const char               *path,
                                                        GtkPageSetup             *page_setup,
                                                        GError                  **error);
gboolean           crm_print_document_export_pdf       (const CrmSummaryDocument *document,
                                                        const char               *path,
                                                        GError                  **error);

/* Shows the print dialog for @document (takes it), with a preview and "Print
 * to File" (PDF), over @parent.  Returns at once; the printing happens when the
 * user confirms, and a failure then is shown in a dialog over @parent.  FALSE
 * with @error when the dialog could not be shown at all. */
gboolean           crm_print_document_run_dialog       (CrmSummaryDocument       *document,
                                                        GtkWindow                *parent,
                                                        GError                  **error);

/* The print dialog for a customer's summary: as above, with a "Privacy" tab
 * whose "Show contact details" check button prints phone numbers and e-mail
 * addresses unmasked; that is recorded like a reveal in the profile
 * (crm_summary_record_reveal) when the summary is printed or previewed. */
gboolean           crm_print_summary_run_dialog        (CrmStore                 *store,
                                                        gint64                    customer_id,
                                                        GtkWindow                *parent,
                                                        GError                  **error);

/* The agenda of @n_days days (1 or 7) from @first_day as the calendar shows it
 * with @filter (NULL: everything), in the print dialog. */
gboolean           crm_print_agenda_run_dialog         (CrmStore                 *store,
                                                        GDateTime                *first_day,
                                                        guint                     n_days,
                                                        const CrmCalendarFilter  *filter,
                                                        GtkWindow                *parent,
                                                        GError                  **error);

/* `rapport --print-summary CODE --output FILE`: writes the masked summary of
 * the customer with @code to @output (a path or URI as typed, relative to the
 * current folder) without a display.  Returns the exit status: 0 written, 2 a
 * missing argument, 1 when it could not be done (an unknown code, a file that
 * cannot be written), with @error holding the one-line message to print.
 * With @store NULL only the arguments are checked: 2 or 0. */
int                crm_print_summary_cli               (CrmStore                 *store,
                                                        const char               *code,
                                                        const char               *output,
                                                        GError                  **error);

G_END_DECLS
