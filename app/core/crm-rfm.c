/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-rfm"

#include <glib/gi18n-lib.h>

#include "crm-rfm.h"
#include "crm-store-customers.h"

#define SIX_MONTHS (182 * 24 * 60 * 60)

CrmRfmSegment
crm_rfm_segment_for (int r,
                     int f,
                     int m)
{
  if (r >= 4 && f >= 4 && m >= 4)
    return CRM_RFM_CHAMPIONS;
  if (r >= 3 && f >= 4)
    return CRM_RFM_LOYAL;
  if (r >= 4 && f <= 1)
    return CRM_RFM_NEW;
  if (r == 3 && f <= 3 && m <= 3)
    return CRM_RFM_NEEDS_ATTENTION;
  if (r >= 3)
    return CRM_RFM_POTENTIAL_LOYALISTS;
  if (r == 1 && f == 1)
    return CRM_RFM_LOST;
  if (f >= 3 || m >= 3)
    return CRM_RFM_AT_RISK;
  return CRM_RFM_HIBERNATING;
}

const char *
crm_rfm_segment_to_string (CrmRfmSegment segment)
{
  switch (segment)
    {
    case CRM_RFM_CHAMPIONS:           return C_("rfm segment", "Champions");
    case CRM_RFM_LOYAL:               return C_("rfm segment", "Loyal");
    case CRM_RFM_NEW:                 return C_("rfm segment", "New");
    case CRM_RFM_NEEDS_ATTENTION:     return C_("rfm segment", "Needs attention");
    case CRM_RFM_POTENTIAL_LOYALISTS: return C_("rfm segment", "Potential loyalists");
    case CRM_RFM_LOST:                return C_("rfm segment", "Lost");
    case CRM_RFM_AT_RISK:             return C_("rfm segment", "At risk");
    case CRM_RFM_HIBERNATING:         return C_("rfm segment", "Hibernating");
    case CRM_N_RFM_SEGMENTS:
    default:
      return C_("rfm segment", "Unknown");
    }
}

const char *
crm_rfm_segment_advice (CrmRfmSegment segment)
{
  switch (segment)
    {
    case CRM_RFM_CHAMPIONS:           return _("Buys often, recently and much: keep them close.");
    case CRM_RFM_LOYAL:               return _("Buys regularly: offer more of what they value.");
    case CRM_RFM_NEW:                 return _("Bought for the first time recently: onboard them well.");
    case CRM_RFM_NEEDS_ATTENTION:     return _("Average on every count: a timely offer can lift them.");
    case CRM_RFM_POTENTIAL_LOYALISTS: return _("Bought recently: build the relationship.");
    case CRM_RFM_LOST:                return _("Bought once, long ago: win back only at low cost.");
    case CRM_RFM_AT_RISK:             return _("Bought much or often, but not lately: reach out now.");
    case CRM_RFM_HIBERNATING:         return _("Quiet for a while: remind them of what you offer.");
    case CRM_N_RFM_SEGMENTS:
    default:
      return "";
    }
}

static void
segment_sql_func (sqlite3_context  *ctx,
                  int               argc,
                  sqlite3_value   **argv)
{
  g_assert (argc == 3);
  sqlite3_result_int (ctx, crm_rfm_segment_for (sqlite3_value_int (argv[0]),
                                                sqlite3_value_int (argv[1]),
                                                sqlite3_value_int (argv[2])));
}

gboolean
crm_rfm_update_all (CrmStore  *store,
                    GError   **error)
{
  sqlite3 *db = crm_store_get_db (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  /* the segment rules stay in C: SQL calls them */
  if (sqlite3_create_function (db, "crm_rfm_segment", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               NULL, segment_sql_func, NULL, NULL) != SQLITE_OK)
    {
      crm_store_set_error (store, error, _("Could not compute the RFM scores"));
      return FALSE;
    }

  if (!crm_store_begin (store, error))
    return FALSE;

  if (!crm_store_exec (store,
                       "UPDATE customer_scores SET rfm_r = NULL, rfm_f = NULL, rfm_m = NULL, rfm_segment = NULL"
                       " WHERE rfm_r IS NOT NULL",
                       error))
    goto fail;

  stmt = crm_store_prepare (store,
                            "WITH totals AS ("
                            "  SELECT p.customer_id, max(p.purchased_at) AS last, count(*) AS n, sum(p.amount_cents) AS total"
                            "  FROM purchases p JOIN customers c ON c.id = p.customer_id AND c.archived = 0"
                            "  WHERE p.purchased_at <= ?1 GROUP BY p.customer_id),"
                            " ranks AS ("
                            "  SELECT customer_id, count(*) OVER () AS size,"
                            "   rank() OVER (ORDER BY last) AS r, rank() OVER (ORDER BY n) AS f,"
                            "   rank() OVER (ORDER BY total) AS m"
                            "  FROM totals),"
                            " scores AS ("
                            "  SELECT customer_id, 1 + 5 * (r - 1) / size AS r, 1 + 5 * (f - 1) / size AS f,"
                            "   1 + 5 * (m - 1) / size AS m FROM ranks)"
                            " INSERT INTO customer_scores (customer_id, rfm_r, rfm_f, rfm_m, rfm_segment, computed_at)"
                            " SELECT customer_id, r, f, m, crm_rfm_segment(r, f, m), ?1 FROM scores WHERE true"
                            " ON CONFLICT (customer_id) DO UPDATE SET rfm_r = excluded.rfm_r, rfm_f = excluded.rfm_f,"
                            " rfm_m = excluded.rfm_m, rfm_segment = excluded.rfm_segment",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, crm_store_now (store));
  if (!crm_store_step_done (store, stmt, error))
    goto fail;

  crm_store_note_change (store, CRM_CHANGE_ALL, 0);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/* Potential customers, not key accounts, whose last 6 months of purchases are at
 * least 1.5 times the 6 months before (?1: now). */
#define GROWING_CUSTOMERS \
  "SELECT p.customer_id," \
  " coalesce(sum(CASE WHEN p.purchased_at > ?1 - 15724800 THEN p.amount_cents END), 0) AS recent," \
  " coalesce(sum(CASE WHEN p.purchased_at <= ?1 - 15724800 THEN p.amount_cents END), 0) AS previous" \
  " FROM purchases p JOIN customers c ON c.id = p.customer_id" \
  " WHERE c.archived = 0 AND c.tier = 2 AND c.key_account = 0" \
  " AND p.purchased_at > ?1 - 31449600 AND p.purchased_at <= ?1" \
  " GROUP BY p.customer_id HAVING previous > 0 AND recent * 2 >= previous * 3"

G_STATIC_ASSERT (SIX_MONTHS == 15724800);

gboolean
crm_tier_suggestions_update (CrmStore  *store,
                             GError   **error)
{
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!crm_store_begin (store, error))
    return FALSE;

  /* open suggestions that no longer hold go away */
  stmt = crm_store_prepare (store,
                            "DELETE FROM tier_suggestions WHERE status = 0"
                            " AND customer_id NOT IN (SELECT customer_id FROM (" GROWING_CUSTOMERS "))",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;

  /* new ones, updated figures, and dismissed ones older than 6 months again */
  stmt = crm_store_prepare (store,
                            "INSERT INTO tier_suggestions (customer_id, recent_cents, previous_cents, status, created_at)"
                            " SELECT customer_id, recent, previous, 0, ?1 FROM (" GROWING_CUSTOMERS ") WHERE true"
                            " ON CONFLICT (customer_id) DO UPDATE SET recent_cents = excluded.recent_cents,"
                            " previous_cents = excluded.previous_cents,"
                            " created_at = CASE status WHEN 0 THEN created_at ELSE excluded.created_at END,"
                            " decided_at = NULL, status = 0"
                            " WHERE status = 0 OR (status = 2 AND decided_at <= ?1 - 15724800)",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;

  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

gboolean
crm_tier_suggestion_get (CrmStore *store,
                         gint64    customer_id,
                         gint64   *recent_cents,
                         gint64   *previous_cents)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = crm_store_prepare (store,
                            "SELECT recent_cents, previous_cents FROM tier_suggestions"
                            " WHERE customer_id = ?1 AND status = 0",
                            NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (recent_cents != NULL)
        *recent_cents = sqlite3_column_int64 (stmt, 0);
      if (previous_cents != NULL)
        *previous_cents = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
decide (CrmStore  *store,
        gint64     customer_id,
        int        status,
        GError   **error)
{
  sqlite3_stmt *stmt;

  if (!crm_store_begin (store, error))
    return FALSE;

  stmt = crm_store_prepare (store,
                            "UPDATE tier_suggestions SET status = ?2, decided_at = ?3"
                            " WHERE customer_id = ?1 AND status = 0",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_int64 (stmt, 3, crm_store_now (store));
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (crm_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This suggestion was already decided."));
      goto fail;
    }

  if (status == 1)
    {
      stmt = crm_store_prepare (store,
                                "UPDATE customers SET key_account = 1, updated_at = ?2 WHERE id = ?1 AND key_account = 0",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 2, crm_store_now (store));
      if (!crm_store_step_done (store, stmt, error) ||
          !crm_store_record_profile_change (store, customer_id, "key_account", "none", "gold", error))
        goto fail;
    }

  crm_store_note_change (store, CRM_CHANGE_CUSTOMER, customer_id);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

gboolean
crm_tier_suggestion_accept (CrmStore  *store,
                            gint64     customer_id,
                            GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return decide (store, customer_id, 1, error);
}

gboolean
crm_tier_suggestion_dismiss (CrmStore  *store,
                             gint64     customer_id,
                             GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return decide (store, customer_id, 2, error);
}
