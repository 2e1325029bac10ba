/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-scores"

#include "crm-health.h"
#include "crm-rfm.h"
#include "crm-scores.h"

#define SCORES_MAX_AGE (24 * 60 * 60)

gboolean
crm_scores_need_update (CrmStore *store)
{
  g_autofree char *value = crm_store_get_setting (store, CRM_SCORES_UPDATED_KEY);
  gint64 updated = value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;

  return crm_store_now (store) - updated >= SCORES_MAX_AGE;
}

gboolean
crm_scores_update_with_history (const char    *path,
                                gint64         now,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autoptr(CrmStore) store = NULL;

  if (!crm_health_fill_history (path, now, 11, cancellable, error) ||
      !crm_scores_update_all (path, now, cancellable, error))
    return FALSE;

  /* bulk writes leave a large write-ahead log that slows every read until it is
   * folded back; best effort (another connection may be reading) */
  store = crm_store_open (path, clock, NULL);
  if (store != NULL)
    sqlite3_exec (crm_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  return TRUE;
}

gboolean
crm_scores_update_all (const char    *path,
                       gint64         now,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *stamp = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!crm_health_update_all (path, now, cancellable, NULL, NULL, error))
    return FALSE;

  store = crm_store_open (path, clock, error);
  if (store == NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !crm_rfm_update_all (store, error) ||
      !crm_tier_suggestions_update (store, error))
    return FALSE;

  stamp = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  if (!crm_store_set_setting (store, CRM_SCORES_UPDATED_KEY, stamp, error))
    return FALSE;

  g_debug ("Scores updated in %.1f s", (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}
