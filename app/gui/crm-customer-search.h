/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-customer.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Choosing the customer of a form by searching as you type in an entry row:
 * the matches show as rows right under the field; Down goes to them, Enter
 * takes the first, Escape hides them, and they go away when the focus leaves
 * the field and the list.  Typing again drops the customer chosen before.
 * ::changed tells when the person chose a customer or dropped it by typing. */

#define CRM_TYPE_CUSTOMER_SEARCH (crm_customer_search_get_type ())
G_DECLARE_FINAL_TYPE (CrmCustomerSearch, crm_customer_search, CRM, CUSTOMER_SEARCH, GObject)

/* Searches as @entry (in a boxed list, in a window) is typed in; @code_label
 * shows the chosen customer's code; the matches go right under @after (a row
 * of the same list: the field, or its message row). */
CrmCustomerSearch *crm_customer_search_new            (CrmStore          *store,
                                                       AdwEntryRow       *entry,
                                                       GtkLabel          *code_label,
                                                       GtkWidget         *after);
/* Shows @customer (NULL: none) in the field, without emitting ::changed. */
void               crm_customer_search_set_customer   (CrmCustomerSearch *self,
                                                       CrmCustomer       *customer);
/* The customer chosen, NULL if none. */
CrmCustomer       *crm_customer_search_get_customer   (CrmCustomerSearch *self);
/* Text typed in the field without choosing anyone (an unsaved change). */
gboolean           crm_customer_search_has_loose_text (CrmCustomerSearch *self);

G_END_DECLS
