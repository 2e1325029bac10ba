/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-health"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "crm-format.h"
#include "crm-health.h"

#define DAY (24 * 60 * 60)
#define UPDATE_BATCH 1000

static const struct {
  const char *key;
  int         weight;
} indicators[CRM_N_HEALTH_INDICATORS] = {
  [CRM_HEALTH_LAST_CONTACT]       = { "last_contact", 15 },
  [CRM_HEALTH_INTERACTION_TREND]  = { "interaction_trend", 10 },
  [CRM_HEALTH_PURCHASE_RECENCY]   = { "purchase_recency", 15 },
  [CRM_HEALTH_PURCHASE_FREQUENCY] = { "purchase_frequency", 10 },
  [CRM_HEALTH_AMOUNT_TREND]       = { "amount_trend", 10 },
  [CRM_HEALTH_TICKETS]            = { "tickets", 15 },
  [CRM_HEALTH_CSAT]               = { "csat", 15 },
  [CRM_HEALTH_NPS]                = { "nps", 10 },
};

/* Weights and risk thresholds, read once per computation or per batch. */
typedef struct {
  int weights[CRM_N_HEALTH_INDICATORS];
  int at_risk;   /* at most this: low risk */
  int medium;    /* below this: medium */
  int high;      /* below this: high */
} HealthConfig;

static int
setting_int (CrmStore   *store,
             const char *key,
             int         fallback,
             int         min,
             int         max)
{
  g_autofree char *value = crm_store_get_setting (store, key);
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, min, max, &n, NULL))
    return fallback;
  return (int) n;
}

static void
config_load (CrmStore     *store,
             HealthConfig *config)
{
  for (guint i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    {
      g_autofree char *key = g_strconcat ("health.weight.", indicators[i].key, NULL);

      config->weights[i] = setting_int (store, key, indicators[i].weight, 0, 100);
    }
  config->at_risk = setting_int (store, "health.threshold.at_risk", CRM_HEALTH_AT_RISK, 0, 100);
  config->medium = setting_int (store, "health.threshold.medium", 50, 0, 100);
  config->high = setting_int (store, "health.threshold.high", 40, 0, 100);
}

static CrmRisk
risk_for (const HealthConfig *config,
          int                 score)
{
  if (score < config->high)
    return CRM_RISK_HIGH;
  if (score < config->medium)
    return CRM_RISK_MEDIUM;
  if (score <= config->at_risk)
    return CRM_RISK_LOW;
  return CRM_RISK_NONE;
}

CrmRisk
crm_health_risk_for (int score)
{
  HealthConfig config = { .at_risk = CRM_HEALTH_AT_RISK, .medium = 50, .high = 40 };

  return risk_for (&config, score);
}

const char *
crm_health_indicator_key (CrmHealthIndicator indicator)
{
  g_return_val_if_fail (indicator < CRM_N_HEALTH_INDICATORS, NULL);
  return indicators[indicator].key;
}

const char *
crm_health_indicator_name (CrmHealthIndicator indicator)
{
  switch (indicator)
    {
    case CRM_HEALTH_LAST_CONTACT:       return _("Last contact");
    case CRM_HEALTH_INTERACTION_TREND:  return _("Interaction trend");
    case CRM_HEALTH_PURCHASE_RECENCY:   return _("Last purchase");
    case CRM_HEALTH_PURCHASE_FREQUENCY: return _("Purchase frequency");
    case CRM_HEALTH_AMOUNT_TREND:       return _("Purchase amount trend");
    case CRM_HEALTH_TICKETS:            return _("Open tickets and breaches");
    case CRM_HEALTH_CSAT:               return _("Latest CSAT");
    case CRM_HEALTH_NPS:                return _("Latest NPS");
    case CRM_N_HEALTH_INDICATORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
crm_risk_to_string (CrmRisk risk)
{
  switch (risk)
    {
    case CRM_RISK_NONE:   return _("Not at risk");
    case CRM_RISK_LOW:    return _("Low risk");
    case CRM_RISK_MEDIUM: return _("Medium risk");
    case CRM_RISK_HIGH:   return _("High risk");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
crm_health_report_clear (CrmHealthReport *report)
{
  for (guint i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    g_clear_pointer (&report->items[i].raw_text, g_free);
  g_clear_pointer (&report->reason, g_free);
  memset (report, 0, sizeof *report);
}

static void
set_item (CrmHealthItem *item,
          double         raw,
          double         fraction,
          char          *raw_text)
{
  item->available = TRUE;
  item->raw = raw;
  item->points = CLAMP (fraction, 0.0, 1.0) * item->max_points;
  g_free (item->raw_text);
  item->raw_text = raw_text;
}

static char *
days_ago_text (gint64 days)
{
  if (days <= 0)
    return g_strdup (_("Today"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) days), (int) days);
}

static double
ratio (double recent,
       double before)
{
  if (before <= 0)
    return recent > 0 ? 1.0 : 0.0;
  return MIN (1.0, recent / before);
}

static gboolean
health_compute (CrmStore           *store,
                const HealthConfig *config,
                gint64              customer_id,
                CrmHealthReport    *report,
                GError            **error)
{
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;
  gboolean has_interactions = FALSE, has_purchases = FALSE;
  double points = 0, max_points = 0;
  guint n_available = 0;

  memset (report, 0, sizeof *report);
  for (guint i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    report->items[i].max_points = config->weights[i];

  /* interactions: last contact and the trend of the last 90 days against the 90 before */
  stmt = crm_store_prepare (store,
                            "SELECT max(occurred_at), count(*),"
                            " coalesce(sum(occurred_at > ?2 - 90 * 86400), 0),"
                            " coalesce(sum(occurred_at <= ?2 - 90 * 86400 AND occurred_at > ?2 - 180 * 86400), 0)"
                            " FROM interactions WHERE customer_id = ?1 AND occurred_at <= ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 1) > 0)
    {
      gint64 days = (now - sqlite3_column_int64 (stmt, 0)) / DAY;
      gint64 recent = sqlite3_column_int64 (stmt, 2);
      gint64 before = sqlite3_column_int64 (stmt, 3);

      has_interactions = TRUE;
      set_item (&report->items[CRM_HEALTH_LAST_CONTACT], days,
                days <= 7 ? 1.0 : days <= 30 ? 0.7 : days <= 90 ? 0.3 : 0.0,
                days_ago_text (days));
      set_item (&report->items[CRM_HEALTH_INTERACTION_TREND], ratio (recent, before), ratio (recent, before),
                g_strdup_printf (_("%d in the last 90 days, %d in the 90 before"),
                                 (int) recent, (int) before));
    }
  sqlite3_reset (stmt);

  /* purchases: recency, frequency over a year, amount of the last 180 days against the 180 before */
  stmt = crm_store_prepare (store,
                            "SELECT max(purchased_at), count(*),"
                            " coalesce(sum(purchased_at > ?2 - 365 * 86400), 0),"
                            " coalesce(sum(CASE WHEN purchased_at > ?2 - 180 * 86400 THEN amount_cents END), 0),"
                            " coalesce(sum(CASE WHEN purchased_at <= ?2 - 180 * 86400"
                            "   AND purchased_at > ?2 - 360 * 86400 THEN amount_cents END), 0),"
                            " max(currency)"
                            " FROM purchases WHERE customer_id = ?1 AND purchased_at <= ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 1) > 0)
    {
      gint64 days = (now - sqlite3_column_int64 (stmt, 0)) / DAY;
      gint64 in_year = sqlite3_column_int64 (stmt, 2);
      gint64 recent = sqlite3_column_int64 (stmt, 3);
      gint64 before = sqlite3_column_int64 (stmt, 4);
      const char *currency = (const char *) sqlite3_column_text (stmt, 5);
      g_autofree char *recent_text = crm_format_money (recent, currency);
      g_autofree char *before_text = crm_format_money (before, currency);

      has_purchases = TRUE;
      set_item (&report->items[CRM_HEALTH_PURCHASE_RECENCY], days,
                days <= 90 ? 1.0 : days <= 180 ? 0.6 : days <= 365 ? 0.3 : 0.0,
                days_ago_text (days));
      set_item (&report->items[CRM_HEALTH_PURCHASE_FREQUENCY], in_year,
                in_year >= 4 ? 1.0 : in_year >= 2 ? 0.6 : in_year == 1 ? 0.3 : 0.0,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d purchase in 12 months",
                                              "%d purchases in 12 months", (gulong) in_year),
                                 (int) in_year));
      set_item (&report->items[CRM_HEALTH_AMOUNT_TREND], ratio (recent, before), ratio (recent, before),
                g_strdup_printf (_("%s in the last 180 days, %s in the 180 before"), recent_text, before_text));
    }
  sqlite3_reset (stmt);

  /* tickets: always known (none open is the best case) */
  stmt = crm_store_prepare (store,
                            "SELECT coalesce(sum(status < 3), 0),"
                            " coalesce(sum((status < 3 AND resolution_due IS NOT NULL AND resolution_due < ?2)"
                            "   OR (breached = 1 AND created_at > ?2 - 90 * 86400)), 0)"
                            " FROM tickets WHERE customer_id = ?1 AND created_at <= ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 open = sqlite3_column_int64 (stmt, 0);
      gint64 breaches = sqlite3_column_int64 (stmt, 1);
      g_autofree char *open_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d open", "%d open",
                                                                 (gulong) open), (int) open);
      g_autofree char *breach_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d breach", "%d breaches",
                                                                   (gulong) breaches), (int) breaches);

      /* TRANSLATORS: "2 open, 1 breach": the customer's tickets */
      set_item (&report->items[CRM_HEALTH_TICKETS], open, 1.0 - 0.2 * open - 0.3 * breaches,
                g_strdup_printf (_("%s, %s"), open_text, breach_text));
    }
  sqlite3_reset (stmt);

  /* the latest survey with CSAT, and the latest with NPS */
  stmt = crm_store_prepare (store,
                            "SELECT csat_speed, csat_fit, csat_care FROM surveys"
                            " WHERE customer_id = ?1 AND taken_at <= ?2"
                            " AND coalesce(csat_speed, csat_fit, csat_care) IS NOT NULL"
                            " ORDER BY taken_at DESC, id DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double sum = 0;
      int n = 0;

      for (int c = 0; c < 3; c++)
        if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
          {
            sum += sqlite3_column_int (stmt, c);
            n++;
          }
      set_item (&report->items[CRM_HEALTH_CSAT], sum / n, (sum / n - 1) / 4,
                g_strdup_printf (_("%.1f of 5"), sum / n));
    }
  sqlite3_reset (stmt);

  stmt = crm_store_prepare (store,
                            "SELECT nps FROM surveys WHERE customer_id = ?1 AND taken_at <= ?2 AND nps IS NOT NULL"
                            " ORDER BY taken_at DESC, id DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int nps = sqlite3_column_int (stmt, 0);

      set_item (&report->items[CRM_HEALTH_NPS], nps, nps >= 9 ? 1.0 : nps >= 7 ? 0.6 : 0.0,
                g_strdup_printf (_("%d of 10"), nps));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    if (report->items[i].available)
      {
        n_available++;
        points += report->items[i].points;
        max_points += report->items[i].max_points;
      }

  if (!has_interactions && !has_purchases)
    report->reason = g_strdup (_("No interactions or purchases yet: there is nothing to score."));
  else if (n_available < CRM_HEALTH_MIN_INDICATORS)
    report->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Too little data: %u indicator of 8 is known, at least 4 are needed.",
                                                   "Too little data: %u indicators of 8 are known, at least 4 are needed.",
                                                   n_available),
                                      n_available);
  else if (max_points <= 0)
    report->reason = g_strdup (_("Every known indicator has a weight of 0 in the settings."));
  else
    {
      report->has_score = TRUE;
      report->score = (int) lround (100.0 * points / max_points);
      report->risk = risk_for (config, report->score);
    }

  return TRUE;
}

gboolean
crm_health_compute (CrmStore         *store,
                    gint64            customer_id,
                    CrmHealthReport  *report,
                    GError          **error)
{
  HealthConfig config;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  config_load (store, &config);
  return health_compute (store, &config, customer_id, report, error);
}

static char *
details_for (const CrmHealthReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    if (report->items[i].available)
      g_string_append_printf (text, "%s%s=%.1f/%.0f", text->len > 0 ? ";" : "",
                              indicators[i].key, report->items[i].points, report->items[i].max_points);
  return g_string_free (text, FALSE);
}

static char *
month_of (gint64 when)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (when);

  return g_date_time_format (local, "%Y-%m");
}

/* Writes one report: the caller holds a transaction.  With @snapshot_only, only
 * the month's snapshot (a past month being filled in). */
static gboolean
store_report (CrmStore              *store,
              gint64                 customer_id,
              const CrmHealthReport *report,
              gboolean               snapshot_only,
              GError               **error)
{
  gint64 now = crm_store_now (store);
  g_autofree char *details = details_for (report);
  g_autofree char *month = month_of (now);
  sqlite3_stmt *stmt;

  if (snapshot_only)
    goto snapshot;

  stmt = crm_store_prepare (store,
                            "INSERT INTO customer_scores (customer_id, health_score, risk, health_details, computed_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (customer_id) DO UPDATE SET health_score = excluded.health_score,"
                            " risk = excluded.risk, health_details = excluded.health_details,"
                            " computed_at = excluded.computed_at",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (report->has_score)
    sqlite3_bind_int (stmt, 2, report->score);
  sqlite3_bind_int (stmt, 3, report->has_score ? (int) report->risk : CRM_RISK_NONE);
  sqlite3_bind_text (stmt, 4, details, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!crm_store_step_done (store, stmt, error))
    return FALSE;

  stmt = crm_store_prepare (store,
                            "UPDATE customers SET health_score = ?2 WHERE id = ?1 AND health_score IS NOT ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (report->has_score)
    sqlite3_bind_int (stmt, 2, report->score);
  if (!crm_store_step_done (store, stmt, error))
    return FALSE;

snapshot:
  stmt = crm_store_prepare (store,
                            "INSERT INTO health_snapshots (customer_id, month, score, details) VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT (customer_id, month) DO UPDATE SET score = excluded.score,"
                            " details = excluded.details",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_STATIC);
  if (report->has_score)
    sqlite3_bind_int (stmt, 3, report->score);
  sqlite3_bind_text (stmt, 4, details, -1, SQLITE_STATIC);
  return crm_store_step_done (store, stmt, error);
}

gboolean
crm_health_update (CrmStore         *store,
                   gint64            customer_id,
                   CrmHealthReport  *report_out,
                   GError          **error)
{
  g_auto(CrmHealthReport) report = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!crm_health_compute (store, customer_id, &report, error))
    return FALSE;
  if (!crm_store_begin (store, error))
    return FALSE;
  if (!store_report (store, customer_id, &report, FALSE, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  crm_store_note_change (store, CRM_CHANGE_CUSTOMER, customer_id);
  if (!crm_store_commit (store, error))
    return FALSE;

  if (report_out != NULL)
    {
      *report_out = report;
      memset (&report, 0, sizeof report);
    }
  return TRUE;
}

static gboolean
update_all (const char    *db_path,
            gint64         now,
            gboolean       snapshot_only,
            GCancellable  *cancellable,
            void         (*progress) (guint done, guint total, gpointer user_data),
            gpointer       user_data,
            GError       **error)
{
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  HealthConfig config;
  gint64 last_id = 0;
  guint done = 0;
  guint total;

  store = crm_store_open (db_path, clock, error);
  if (store == NULL)
    return FALSE;
  config_load (store, &config);
  total = (guint) crm_store_count (store, "customers");

  for (;;)
    {
      sqlite3_stmt *stmt;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      stmt = crm_store_prepare (store,
                                "SELECT id FROM customers WHERE id > ?1 AND archived = 0 ORDER BY id LIMIT ?2",
                                error);
      if (stmt == NULL)
        return FALSE;
      g_array_set_size (ids, 0);
      sqlite3_bind_int64 (stmt, 1, last_id);
      sqlite3_bind_int (stmt, 2, UPDATE_BATCH);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
      if (ids->len == 0)
        break;
      last_id = g_array_index (ids, gint64, ids->len - 1);

      if (!crm_store_begin (store, error))
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          g_auto(CrmHealthReport) report = { 0 };
          gint64 id = g_array_index (ids, gint64, i);

          if (!health_compute (store, &config, id, &report, error) ||
              !store_report (store, id, &report, snapshot_only, error))
            {
              crm_store_rollback (store);
              return FALSE;
            }
        }
      if (!crm_store_commit (store, error))
        return FALSE;

      done += ids->len;
      if (progress != NULL)
        progress (done, MAX (done, total), user_data);
    }

  return TRUE;
}

gboolean
crm_health_update_all (const char    *db_path,
                       gint64         now,
                       GCancellable  *cancellable,
                       void         (*progress) (guint done, guint total, gpointer user_data),
                       gpointer       user_data,
                       GError       **error)
{
  return update_all (db_path, now, FALSE, cancellable, progress, user_data, error);
}

gboolean
crm_health_fill_history (const char    *db_path,
                         gint64         now,
                         guint          months,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);

  for (guint m = months; m > 0; m--)
    {
      /* the last moment of that month */
      g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (local),
                                                          g_date_time_get_month (local), 1, 0, 0, 0);
      g_autoptr(GDateTime) next = g_date_time_add_months (first, 1 - (int) m);

      if (!update_all (db_path, g_date_time_to_unix (next) - 1, TRUE, cancellable, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

GArray *
crm_health_get_trend (CrmStore *store,
                      gint64    customer_id,
                      guint     months)
{
  g_autoptr(GDateTime) now = crm_clock_now_local (crm_store_get_clock (store));
  g_autoptr(GDateTime) first = NULL;
  g_autofree char *first_month = NULL;
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *trend = g_array_sized_new (FALSE, TRUE, sizeof (CrmHealthSnapshot), months);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (months > 0, trend);

  first = g_date_time_add_months (now, -(int) (months - 1));
  first_month = g_date_time_format (first, "%Y-%m");

  stmt = crm_store_prepare (store,
                            "SELECT month, score FROM health_snapshots"
                            " WHERE customer_id = ?1 AND month >= ?2 AND score IS NOT NULL",
                            NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_text (stmt, 2, first_month, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (scores, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             GINT_TO_POINTER (sqlite3_column_int (stmt, 1) + 1));
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < months; i++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_months (first, (int) i);
      g_autofree char *key = g_date_time_format (month, "%Y-%m");
      CrmHealthSnapshot snapshot = { 0 };
      int stored = GPOINTER_TO_INT (g_hash_table_lookup (scores, key));

      g_strlcpy (snapshot.month, key, sizeof snapshot.month);
      snapshot.has_score = stored > 0;
      snapshot.score = stored - 1;
      if (!snapshot.has_score)
        snapshot.score = 0;
      g_array_append_val (trend, snapshot);
    }

  return trend;
}
