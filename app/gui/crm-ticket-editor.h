/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_EDITOR (crm_ticket_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmTicketEditor, crm_ticket_editor, CRM, TICKET_EDITOR, AdwWindow)

/* The ticket form: a new ticket (@ticket_id 0) for @customer_id (0: the
 * customer is chosen in the form by searching as you type; otherwise it is
 * fixed), or an existing ticket (its customer fixed).  Emits ::saved (id,
 * created) after saving, then closes. */
CrmTicketEditor *crm_ticket_editor_new             (CrmContext      *context,
                                                    gint64           customer_id,
                                                    gint64           ticket_id);
/* Validates and saves as the Save button does; FALSE if the form shows problems
 * (or the store refused, which a dialog then explains). */
gboolean         crm_ticket_editor_save            (CrmTicketEditor *self);
/* The customer chosen in the form, 0 if none. */
gint64           crm_ticket_editor_get_customer_id (CrmTicketEditor *self);
/* The ticket edited; after saving a new one, its id. */
gint64           crm_ticket_editor_get_ticket_id   (CrmTicketEditor *self);

G_END_DECLS
