/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_PROFILE (crm_customer_profile_get_type ())
G_DECLARE_FINAL_TYPE (CrmCustomerProfile, crm_customer_profile, CRM, CUSTOMER_PROFILE, AdwBin)

CrmCustomerProfile *crm_customer_profile_new   (void);
void        crm_customer_profile_set_context       (CrmCustomerProfile *self,
                                                    CrmContext         *context);
/* Shows everything about one customer; reloads by itself when the data changes. */
void        crm_customer_profile_show              (CrmCustomerProfile *self,
                                                    gint64              customer_id);
void        crm_customer_profile_reload            (CrmCustomerProfile *self);
gint64      crm_customer_profile_get_customer_id   (CrmCustomerProfile *self);
const char *crm_customer_profile_get_customer_name (CrmCustomerProfile *self);

G_END_DECLS
