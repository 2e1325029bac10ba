/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef enum {
  CRM_DEMO_LANGUAGE_ENGLISH,
  CRM_DEMO_LANGUAGE_CHINESE,
} CrmDemoLanguage;

/* Chinese when the locale (g_get_language_names()) starts with zh, English otherwise. */
CrmDemoLanguage crm_demo_language_from_locale (void);

/* Called in the thread that runs crm_demo_generate(), about every 1% of the work and
 * once at the very end, after the commit (done == total).  @total is the number of
 * customers asked for; @done / @total is the fraction of the work done (a big run
 * spends its last third building indexes, so @done is not a count of customers). */
typedef void (*CrmDemoProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/* Adds @n_customers generated customers with proportional history (contacts,
 * interactions, tickets with their events, follow-ups, surveys, purchases, needs,
 * tags and search terms), spread over the two years before the store's "now" and
 * the coming three months.  Creates a team first if team_members is empty.
 *
 * Everything happens in one transaction: on error or cancellation nothing is left
 * behind, and a cancellation returns G_IO_ERROR_CANCELLED.
 *
 * Deterministic: the same seed, language, @n_customers, clock "now" and time zone
 * on the same starting database give identical rows. */
gboolean        crm_demo_generate             (CrmStore            *store,
                                               guint                n_customers,
                                               guint32              seed,
                                               CrmDemoLanguage      language,
                                               CrmDemoProgressFunc  progress,
                                               gpointer             user_data,
                                               GCancellable        *cancellable,
                                               GError             **error);

G_END_DECLS
