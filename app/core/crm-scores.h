/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The settings key holding when every score was last recomputed (unix seconds). */
#define CRM_SCORES_UPDATED_KEY "scores.updated_at"

/* Whether the stored scores are older than a day (or were never computed). */
gboolean crm_scores_need_update (CrmStore     *store);

/* Recomputes every customer's health score, the RFM scores and the tier
 * suggestions, through its own connection to the database at @path: made to
 * run in a worker thread.  @now is the caller's clock. */
gboolean crm_scores_update_all  (const char   *path,
                                 gint64        now,
                                 GCancellable *cancellable,
                                 GError      **error);

/* The same, after filling in the past 11 months of health snapshots: for data
 * that arrives with its history (sample data, imports). */
gboolean crm_scores_update_with_history (const char   *path,
                                         gint64        now,
                                         GCancellable *cancellable,
                                         GError      **error);

G_END_DECLS
