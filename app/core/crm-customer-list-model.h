/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

typedef struct {
  const char *search;     /* free text: names, codes, contacts, phones, e-mail; NULL for all */
  int         tier;       /* a CrmTier, or -1 for every tier */
  gint64      owner_id;   /* 0 for every owner */
  gboolean    at_risk;    /* only customers whose health score is 60 or less */
} CrmCustomerFilter;

#define CRM_CUSTOMER_FILTER_INIT { NULL, -1, 0, FALSE }

/* A broad search shows at most this many customers, the first by name. */
#define CRM_CUSTOMER_LIST_MAX_SEARCH_RESULTS 1000

/* The Customers list: active customers by name, filtered in SQL, paged by key. */
CrmPagedModel *crm_customer_list_model_new        (CrmStore                *store);
void           crm_customer_list_model_set_filter (CrmPagedModel           *model,
                                                   const CrmCustomerFilter *filter);

G_END_DECLS
