/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_WELCOME_PAGE (crm_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmWelcomePage, crm_welcome_page, CRM, WELCOME_PAGE, AdwBin)

void crm_welcome_page_set_context (CrmWelcomePage *self,
                                   CrmContext     *context);

/* How many customers "Load Sample Data" creates. */
#define CRM_WELCOME_SAMPLE_SIZE 500

G_END_DECLS
