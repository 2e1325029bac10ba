/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* RFM: recency (last purchase), frequency (number of purchases) and monetary
 * value (sum of purchases), each scored 1–5 by quintile over every active
 * customer with purchases: a customer's score is 1 + 5 × (rank − 1) / n, where
 * equal values share the lowest rank, so equal customers score alike.
 * 555 is best, 111 worst.  Customers without purchases have no RFM score. */

typedef enum {
  CRM_RFM_CHAMPIONS,            /* R≥4 F≥4 M≥4 */
  CRM_RFM_LOYAL,                /* R≥3 F≥4 */
  CRM_RFM_NEW,                  /* R≥4 F=1 */
  CRM_RFM_NEEDS_ATTENTION,      /* R=3 F≤3 M≤3 */
  CRM_RFM_POTENTIAL_LOYALISTS,  /* R≥3 (the rest) */
  CRM_RFM_LOST,                 /* R=1 F=1 */
  CRM_RFM_AT_RISK,              /* R≤2, F≥3 or M≥3 */
  CRM_RFM_HIBERNATING,          /* R≤2 (the rest) */
  CRM_N_RFM_SEGMENTS
} CrmRfmSegment;

CrmRfmSegment crm_rfm_segment_for         (int            r,
                                           int            f,
                                           int            m);
const char   *crm_rfm_segment_to_string   (CrmRfmSegment  segment);
/* What the segment means for the account manager: one sentence. */
const char   *crm_rfm_segment_advice      (CrmRfmSegment  segment);

/* Rescores every customer; one transaction. */
gboolean      crm_rfm_update_all          (CrmStore      *store,
                                           GError       **error);

/* Tier suggestions: a Potential customer (not yet a key account) whose purchases
 * of the last 6 months are at least 1.5 times those of the 6 months before is
 * suggested as a Gold key account.  A dismissed suggestion comes back after 6
 * months if the growth holds; an open one disappears when it no longer holds. */
gboolean      crm_tier_suggestions_update (CrmStore      *store,
                                           GError       **error);
/* Whether @customer_id has an open suggestion; its figures in cents. */
gboolean      crm_tier_suggestion_get     (CrmStore      *store,
                                           gint64         customer_id,
                                           gint64        *recent_cents,
                                           gint64        *previous_cents);
/* Makes the customer a Gold key account, recorded as a profile change. */
gboolean      crm_tier_suggestion_accept  (CrmStore      *store,
                                           gint64         customer_id,
                                           GError       **error);
gboolean      crm_tier_suggestion_dismiss (CrmStore      *store,
                                           gint64         customer_id,
                                           GError       **error);

G_END_DECLS
