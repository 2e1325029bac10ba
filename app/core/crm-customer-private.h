/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "crm-customer.h"

G_BEGIN_DECLS

struct _CrmCustomer
{
  GObject parent_instance;

  gint64          id;
  char           *code;
  char           *name;
  CrmCustomerKind kind;
  CrmTier         tier;
  char           *industry;
  gint64          owner_id;
  char           *owner_name;
  gint64          last_contact_at;
  gboolean        do_not_contact;
  gboolean        archived;
  int             health_score;   /* -1: no score */
  int             risk;           /* 0 none, 1 low, 2 medium, 3 high */
};

/* Reads a row laid out as the customer lists select it (see crm-store-customers.c). */
CrmCustomer *crm_customer_new_from_row (sqlite3_stmt *stmt);

G_END_DECLS
