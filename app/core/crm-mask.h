/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* Contact details as lists and printouts show them until revealed on purpose:
 * "13812345678" → "138****5678", "+86 138-1234-5678" → "+86 138-****-5678"
 * (the four digits before the last four hidden, separators kept; numbers with
 * fewer than 8 digits keep only their last 2), "zhangwei@example.com" →
 * "z***@example.com".  NULL stays NULL. */
char      *crm_mask_phone        (const char  *phone);
char      *crm_mask_email        (const char  *email);

/* Records that the current user revealed a contact's details, and why: an
 * audit_log row (action "reveal_contact").  @reason must not be blank. */
gboolean   crm_store_log_reveal  (CrmStore    *store,
                                  gint64       customer_id,
                                  gint64       contact_id,
                                  const char  *reason,
                                  GError     **error);

typedef struct {
  gint64  at;
  char   *actor_name;    /* NULL: unknown */
  char   *contact_name;
  char   *reason;
} CrmReveal;

void       crm_reveal_free       (CrmReveal   *reveal);
/* The customer's reveals, newest first (CrmReveal). */
GPtrArray *crm_store_list_reveals (CrmStore   *store,
                                   gint64      customer_id,
                                   guint       limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmReveal, crm_reveal_free)

G_END_DECLS
