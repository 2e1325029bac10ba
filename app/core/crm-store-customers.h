/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-customer.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Creates a customer (code assigned) and its primary contact in one transaction. */
gint64       crm_store_create_customer       (CrmStore               *self,
                                              const CrmCustomerDraft *draft,
                                              GError                **error);
gboolean     crm_store_update_customer       (CrmStore               *self,
                                              gint64                  id,
                                              const CrmCustomerDraft *draft,
                                              GError                **error);
gboolean     crm_store_load_customer_draft   (CrmStore               *self,
                                              gint64                  id,
                                              CrmCustomerDraft       *draft,
                                              GError                **error);
gboolean     crm_store_set_customer_archived (CrmStore               *self,
                                              gint64                  id,
                                              gboolean                archived,
                                              GError                **error);
CrmCustomer *crm_store_get_customer          (CrmStore               *self,
                                              gint64                  id,
                                              GError                **error);
CrmCustomer *crm_store_find_customer_by_code (CrmStore               *self,
                                              const char             *code,
                                              GError                **error);
/* Active customers with the same name or a contact with the same phone digits. */
GPtrArray   *crm_store_find_duplicates       (CrmStore               *self,
                                              const char             *name,
                                              const char             *phone,
                                              gint64                  exclude_id);
gint64       crm_store_count_customers       (CrmStore               *self,
                                              gboolean                include_archived);
/* Whether there is any customer at all, archived ones included (cheaper than a count). */
gboolean     crm_store_has_customers         (CrmStore               *self);
/* Rebuilds the customer's rows in search_terms; call inside a transaction. */
gboolean     crm_store_reindex_customer      (CrmStore               *self,
                                              gint64                  id,
                                              GError                **error);

/* Writes the search terms of many new customers (an import, demo data): each
 * customer's list in customer_terms at once, the terms themselves into
 * search_terms in sorted batches of @batch, so the inserts walk its key in
 * order.  Inside a transaction; flush before it ends. */
typedef struct _CrmTermWriter CrmTermWriter;

CrmTermWriter *crm_term_writer_new           (CrmStore               *store,
                                              guint                   batch);
/* Takes the strings of @terms (the customer's, unique), leaving it empty. */
gboolean     crm_term_writer_add             (CrmTermWriter          *self,
                                              gint64                  customer_id,
                                              GPtrArray              *terms,
                                              GError                **error);
/* The same, the terms made from the customer's texts (any may be NULL) in a
 * thread of the writer's own while the caller goes on; then only these
 * until crm_term_writer_flush(). */
gboolean     crm_term_writer_add_texts       (CrmTermWriter          *self,
                                              gint64                  customer_id,
                                              const char             *name,
                                              const char             *code,
                                              const char             *contact_name,
                                              const char             *phone,
                                              const char             *email,
                                              GError                **error);
gboolean     crm_term_writer_flush           (CrmTermWriter          *self,
                                              GError                **error);
void         crm_term_writer_free            (CrmTermWriter          *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTermWriter, crm_term_writer_free)

/* A large import leaves its new customers' search terms for later, listed in
 * unindexed_customers (crm_csv_import_commit()); this makes them, @batch
 * customers a transaction so the window's own writes wait at most a moment,
 * until none is left or @cancellable is cancelled.  Use a connection of its
 * own, in a thread: 100,000 customers take a few seconds.  A customer saved
 * meanwhile is made at once (crm_store_reindex_customer()) and leaves the list. */
#define CRM_STORE_INDEX_BATCH 5000
gboolean     crm_store_index_customers       (CrmStore               *self,
                                              guint                   batch,
                                              GCancellable           *cancellable,
                                              GError                **error);
/* How many customers still wait for their search terms */
gint64       crm_store_count_unindexed       (CrmStore               *self);
/* Records a change of key information on the customer's timeline (nothing when
 * the values are equal); call inside a transaction. */
gboolean     crm_store_record_profile_change (CrmStore           *self,
                                              gint64              customer_id,
                                              const char         *field,
                                              const char         *old_value,
                                              const char         *new_value,
                                              GError            **error);

GPtrArray   *crm_store_list_team_members     (CrmStore               *self);
gint64       crm_store_add_team_member       (CrmStore               *self,
                                              const char             *name,
                                              CrmMemberRole           role,
                                              GError                **error);

G_END_DECLS
