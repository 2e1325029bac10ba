/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_DIALOG (crm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportDialog, crm_import_dialog, CRM, IMPORT_DIALOG, AdwWindow)

/* The CSV import window (crm-import-csv.h does the work): reads @file in a
 * thread, shows its columns with what each holds (changeable), a preview of
 * what the import will do (its problems, its likely duplicates with a choice
 * for each) and imports on its own database connection in a thread, with
 * progress and Cancel.  After an import it tells the context's store
 * (CRM_CHANGE_ALL), emits ::imported (the number of customers created; merged
 * rows are not counted) and closes.  Modal: set a transient parent. */
CrmImportDialog *crm_import_dialog_new              (CrmContext      *context,
                                                     GFile           *file);

/* Called with the dialog and its ::imported count. */
typedef void (*CrmImportDialogImportedFunc) (CrmImportDialog *dialog,
                                             guint            count,
                                             gpointer         user_data);

/* Asks for a file ("CSV files": *.csv, *.tsv, *.txt) and shows the import
 * window for it over @parent. */
void             crm_import_dialog_choose_and_run      (GtkWindow                   *parent,
                                                        CrmContext                  *context);
/* The same; @imported (may be NULL) is connected to the window's ::imported. */
void             crm_import_dialog_choose_and_run_full (GtkWindow                   *parent,
                                                        CrmContext                  *context,
                                                        CrmImportDialogImportedFunc  imported,
                                                        gpointer                     user_data);

/* TRUE while the file is read, the rows are checked or the import runs. */
gboolean         crm_import_dialog_is_busy          (CrmImportDialog *self);

G_END_DECLS
