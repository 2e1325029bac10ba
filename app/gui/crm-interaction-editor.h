/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_INTERACTION_EDITOR (crm_interaction_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmInteractionEditor, crm_interaction_editor, CRM, INTERACTION_EDITOR, AdwWindow)

/* The "Log Interaction" form: a new interaction (@interaction_id 0) with
 * @customer_id (0: the customer is chosen in the form), or an existing one.
 * Emits ::saved (id, created) after saving, then closes. */
CrmInteractionEditor *crm_interaction_editor_new                (CrmContext           *context,
                                                                 gint64                customer_id,
                                                                 gint64                interaction_id);
/* Validates and saves as the Save button does; FALSE if the form shows problems. */
gboolean              crm_interaction_editor_save               (CrmInteractionEditor *self);
/* The customer chosen in the form, 0 if none. */
gint64                crm_interaction_editor_get_customer_id    (CrmInteractionEditor *self);
/* The interaction edited; after saving a new one, its id. */
gint64                crm_interaction_editor_get_interaction_id (CrmInteractionEditor *self);

G_END_DECLS
