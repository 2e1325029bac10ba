/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* The health score (0–100) of one customer, from 8 indicators computed from the
 * data at the store's "now".  Each indicator earns a share of its weight:
 *
 *   last contact        days since the last interaction: ≤7 all, ≤30 70%, ≤90 30%, else 0
 *   interaction trend   interactions in the last 90 days against the 90 before: min(1, a/b)
 *                       (all when there were none before but some now, none when neither)
 *   purchase recency    days since the last purchase: ≤90 all, ≤180 60%, ≤365 30%, else 0
 *   purchase frequency  purchases in the last 365 days: ≥4 all, 2–3 60%, 1 30%, 0 none
 *   amount trend        amount of the last 180 days against the 180 before: min(1, a/b)
 *                       (as above when there was nothing before)
 *   tickets             1 − 0.2 per open ticket − 0.3 per breach, at least 0; a breach is an
 *                       open ticket past its resolution deadline, or one of the last 90 days
 *                       marked breached
 *   latest CSAT         (average of the survey's dimensions − 1) / 4
 *   latest NPS          9–10 all, 7–8 60%, 0–6 none
 *
 * Default weights 15/10/15/10/10/15/15/10 (settings "health.weight.<indicator>";
 * risk thresholds "health.threshold.at_risk" 60, ".medium" 50, ".high" 40).
 * An indicator without data is left out and the score rescaled to 100; with fewer
 * than 4 indicators, or neither interactions nor purchases, there is no score.
 * 60 or less is at risk: below 40 high, 40–49 medium, 50–60 low. */

typedef enum {
  CRM_HEALTH_LAST_CONTACT,
  CRM_HEALTH_INTERACTION_TREND,
  CRM_HEALTH_PURCHASE_RECENCY,
  CRM_HEALTH_PURCHASE_FREQUENCY,
  CRM_HEALTH_AMOUNT_TREND,
  CRM_HEALTH_TICKETS,
  CRM_HEALTH_CSAT,
  CRM_HEALTH_NPS,
  CRM_N_HEALTH_INDICATORS
} CrmHealthIndicator;

typedef enum {
  CRM_RISK_NONE,
  CRM_RISK_LOW,
  CRM_RISK_MEDIUM,
  CRM_RISK_HIGH,
} CrmRisk;

#define CRM_HEALTH_AT_RISK 60
#define CRM_HEALTH_MIN_INDICATORS 4

typedef struct {
  gboolean  available;
  double    raw;
  char     *raw_text;     /* "12 days ago", "8 against 5", "2 open, 1 breached", "4.3 of 5" */
  double    points;
  double    max_points;
} CrmHealthItem;

typedef struct {
  gboolean       has_score;
  int            score;
  CrmRisk        risk;
  char          *reason;   /* why there is no score */
  CrmHealthItem  items[CRM_N_HEALTH_INDICATORS];
} CrmHealthReport;

typedef struct {
  char     month[8];   /* YYYY-MM */
  int      score;
  gboolean has_score;
} CrmHealthSnapshot;

gboolean    crm_health_compute         (CrmStore           *store,
                                        gint64              customer_id,
                                        CrmHealthReport    *report,
                                        GError            **error);
void        crm_health_report_clear    (CrmHealthReport    *report);
/* Computes and stores: customer_scores, customers.health_score and this month's snapshot. */
gboolean    crm_health_update          (CrmStore           *store,
                                        gint64              customer_id,
                                        CrmHealthReport    *report_out,
                                        GError            **error);
/* Every active customer, through its own connection (for a worker thread). */
gboolean    crm_health_update_all      (const char         *db_path,
                                        gint64              now,
                                        GCancellable       *cancellable,
                                        void              (*progress) (guint done, guint total, gpointer user_data),
                                        gpointer            user_data,
                                        GError            **error);
/* Scores each of the @months months before @now's month as it stood at its end,
 * into the snapshots only (for data that arrives with its history: sample data, imports). */
gboolean    crm_health_fill_history    (const char         *db_path,
                                        gint64              now,
                                        guint               months,
                                        GCancellable       *cancellable,
                                        GError            **error);
/* The last @months monthly snapshots, oldest first (CrmHealthSnapshot). */
GArray     *crm_health_get_trend       (CrmStore           *store,
                                        gint64              customer_id,
                                        guint               months);
CrmRisk     crm_health_risk_for        (int                 score);
const char *crm_health_indicator_name  (CrmHealthIndicator  indicator);
const char *crm_health_indicator_key   (CrmHealthIndicator  indicator);
const char *crm_risk_to_string         (CrmRisk             risk);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmHealthReport, crm_health_report_clear)

G_END_DECLS
