/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_FOLLOWUP_EDITOR (crm_followup_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmFollowupEditor, crm_followup_editor, CRM, FOLLOWUP_EDITOR, AdwWindow)

/* The follow-up form: a new follow-up (@followup_id 0) for @customer_id (0:
 * the customer is chosen in the form by searching as you type; otherwise it
 * is fixed), or an existing follow-up (its customer fixed).  Emits ::saved
 * (id, created) after saving, then closes. */
CrmFollowupEditor *crm_followup_editor_new             (CrmContext        *context,
                                                        gint64             customer_id,
                                                        gint64             followup_id);
/* Validates and saves as the Save button does; FALSE if the form shows
 * problems (or the store refused, which a dialog then explains). */
gboolean           crm_followup_editor_save            (CrmFollowupEditor *self);
/* The customer chosen in the form, 0 if none. */
gint64             crm_followup_editor_get_customer_id (CrmFollowupEditor *self);
/* The follow-up edited; after saving a new one, its id. */
gint64             crm_followup_editor_get_followup_id (CrmFollowupEditor *self);

G_END_DECLS
