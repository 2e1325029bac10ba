/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_EDITOR (crm_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, CRM, CUSTOMER_EDITOR, AdwWindow)

/* The form for a new customer (@customer_id 0) or an existing one. */
CrmCustomerEditor *crm_customer_editor_new  (CrmContext        *context,
                                             gint64             customer_id);
/* Validates and saves as the Save button does; FALSE if the form shows problems. */
gboolean           crm_customer_editor_save (CrmCustomerEditor *self);

G_END_DECLS
