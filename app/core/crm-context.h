/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-clock.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* What every view needs: the store, the clock and the settings.  Handed to
 * views as a property; there is no global instance. */
#define CRM_TYPE_CONTEXT (crm_context_get_type ())
G_DECLARE_FINAL_TYPE (CrmContext, crm_context, CRM, CONTEXT, GObject)

/* @settings may be NULL (core tests have no schema installed). */
CrmContext *crm_context_new          (CrmStore   *store,
                                      GSettings  *settings);
CrmStore   *crm_context_get_store    (CrmContext *self);
CrmClock   *crm_context_get_clock    (CrmContext *self);
GSettings  *crm_context_get_settings (CrmContext *self);

/* The customers a large import left without search terms get them in a thread
 * of the context's own, on a connection of its own (crm_store_index_customers()).
 * "indexing" is TRUE meanwhile; when they are done, the store notes a change
 * of CRM_CHANGE_CUSTOMER, so the lists and searches run again.  Nothing waiting
 * (or a read-only store): nothing happens.  Call it after an import and at start. */
void        crm_context_index_customers (CrmContext *self);
gboolean    crm_context_get_indexing    (CrmContext *self);

G_END_DECLS
