/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A small modal window over long work (export, backup, restore): a heading, an
 * optional line under it, a progress bar (a fraction, or pulsing while the
 * amount is unknown) and Cancel, which cancels the cancellable and says
 * "Cancelling…" until the work stops.  Escape cancels too.  The work closes
 * it with crm_progress_dialog_finish(). */
#define CRM_TYPE_PROGRESS_DIALOG (crm_progress_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmProgressDialog, crm_progress_dialog, CRM, PROGRESS_DIALOG, AdwWindow)

CrmProgressDialog *crm_progress_dialog_new             (GtkWindow         *parent,
                                                        const char        *heading,
                                                        const char        *message);
/* 0–1; a negative fraction pulses */
void               crm_progress_dialog_set_fraction    (CrmProgressDialog *self,
                                                        double             fraction);
GCancellable      *crm_progress_dialog_get_cancellable (CrmProgressDialog *self);
/* For work that cannot stop half-way: no Cancel button, Escape does nothing. */
void               crm_progress_dialog_set_can_cancel  (CrmProgressDialog *self,
                                                        gboolean           can_cancel);
void               crm_progress_dialog_finish          (CrmProgressDialog *self);

G_END_DECLS
