/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMERS_PAGE (crm_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmCustomersPage, crm_customers_page, CRM, CUSTOMERS_PAGE, AdwBin)

void           crm_customers_page_set_context           (CrmCustomersPage *self,
                                                         CrmContext       *context);
void           crm_customers_page_focus_search          (CrmCustomersPage *self);
void           crm_customers_page_set_key_capture_widget (CrmCustomersPage *self,
                                                          GtkWidget        *widget);
/* For tests: the list model shown, and the search entry. */
GListModel    *crm_customers_page_get_model             (CrmCustomersPage *self);
GtkEditable   *crm_customers_page_get_search_entry      (CrmCustomersPage *self);

G_END_DECLS
