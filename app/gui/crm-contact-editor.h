/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT_EDITOR (crm_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmContactEditor, crm_contact_editor, CRM, CONTACT_EDITOR, AdwWindow)

/* The form for a new contact of @customer_id (@contact_id 0) or an existing one. */
CrmContactEditor *crm_contact_editor_new            (CrmContext       *context,
                                                     gint64            customer_id,
                                                     gint64            contact_id);
/* Validates and saves as the Save button does; FALSE if the form shows problems. */
gboolean          crm_contact_editor_save           (CrmContactEditor *self);
/* The contact edited; after saving a new one, its id. */
gint64            crm_contact_editor_get_contact_id (CrmContactEditor *self);

G_END_DECLS
