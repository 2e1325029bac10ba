/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_NEEDS_EDITOR (crm_needs_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmNeedsEditor, crm_needs_editor, CRM, NEEDS_EDITOR, AdwWindow)

/* The form for the needs, preferences and need tags of a customer. */
CrmNeedsEditor *crm_needs_editor_new  (CrmContext     *context,
                                       gint64          customer_id);
/* Validates and saves as the Save button does; FALSE if the form shows problems. */
gboolean        crm_needs_editor_save (CrmNeedsEditor *self);

G_END_DECLS
