/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* Data in and out from the window's menu: each asks what it needs (a dialog,
 * a file chooser), runs the work in a thread on its own connection with a
 * CrmProgressDialog, and says how it went in a toast of @parent (a CrmWindow)
 * or a message dialog.
 *
 * - Export to a Spreadsheet: which table, "for Excel" (a byte order mark), a
 *   warning that the file holds personal data; then where.
 * - Back Up: where (rapport-backup-YYYY-MM-DD.db suggested), then the copy
 *   with its progress.
 * - Contacts: vCard out and in.
 * - Restore: which backup, a confirmation; then @restore_func (the
 *   application, which closes the database, restores and reopens it). */

void crm_transfer_export_csv (GtkWindow  *parent,
                              CrmContext *context);
void crm_transfer_backup     (GtkWindow  *parent,
                              CrmContext *context);
/* Every contact as vCard 3.0 (what GNOME Contacts and Evolution use). */
void crm_transfer_export_vcard (GtkWindow  *parent,
                                CrmContext *context);
/* Contacts from vCard 2.1–4.0, all or nothing; the problems in a dialog. */
void crm_transfer_import_vcard (GtkWindow  *parent,
                                CrmContext *context);

typedef void (*CrmRestoreFunc) (const char *backup_path,
                                gpointer    user_data);

void crm_transfer_restore    (GtkWindow      *parent,
                              CrmContext     *context,
                              CrmRestoreFunc  restore_func,
                              gpointer        user_data);

/* A toast in @parent when it is a CrmWindow, else a message dialog. */
void crm_transfer_report     (GtkWindow  *parent,
                              const char *message,
                              gboolean    failed);

G_END_DECLS
