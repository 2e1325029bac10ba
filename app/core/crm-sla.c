/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-sla"

#include <glib/gi18n-lib.h>

#include "crm-format.h"
#include "crm-sla.h"

/* ---- policies ---- */

static gboolean
load_row (CrmStore      *store,
          int            level,
          gboolean       vip,
          CrmSlaPolicy  *out,
          gboolean      *found,
          GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (store,
                            "SELECT respond_minutes, resolve_minutes, working_time, enabled"
                            " FROM sla_policies WHERE level = ?1 AND vip = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, level);
  sqlite3_bind_int (stmt, 2, vip ? 1 : 0);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->level = level;
      out->vip = vip;
      out->respond_minutes = sqlite3_column_int64 (stmt, 0);
      out->resolve_minutes = sqlite3_column_int64 (stmt, 1);
      out->working_time = sqlite3_column_int (stmt, 2) != 0;
      out->enabled = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the service levels"));
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
crm_sla_policy_load (CrmStore      *store,
                     int            level,
                     gboolean       vip,
                     CrmSlaPolicy  *out,
                     GError       **error)
{
  CrmSlaPolicy policy = { 0 };
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (level < 1 || level > 3)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("There is no level %d."), level);
      return FALSE;
    }

  if (vip)
    {
      if (!load_row (store, level, TRUE, &policy, &found, error))
        return FALSE;
      if (found && policy.enabled)
        {
          *out = policy;
          return TRUE;
        }
    }

  if (!load_row (store, level, FALSE, &policy, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("No service level is set for level %d."), level);
      return FALSE;
    }
  *out = policy;
  return TRUE;
}

gboolean
crm_sla_policy_load_row (CrmStore      *store,
                         int            level,
                         gboolean       vip,
                         CrmSlaPolicy  *out,
                         GError       **error)
{
  CrmSlaPolicy policy = { 0 };
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!load_row (store, level, vip, &policy, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("No service level is set for level %d."), level);
      return FALSE;
    }
  *out = policy;
  return TRUE;
}

static gboolean
invalid (CrmSlaField  at,
         const char  *message,
         CrmSlaField *field,
         GError     **error)
{
  if (field != NULL)
    *field = at;
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
crm_sla_policy_validate (const CrmSlaPolicy  *policy,
                         CrmSlaField         *field,
                         GError             **error)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  if (field != NULL)
    *field = CRM_SLA_FIELD_NONE;

  if (policy->level < 1 || policy->level > 3)
    return invalid (CRM_SLA_FIELD_LEVEL, _("Choose a level from 1 to 3."), field, error);
  if (policy->respond_minutes < 1)
    return invalid (CRM_SLA_FIELD_RESPOND, _("Enter a response time of at least 1 minute."), field, error);
  if (policy->respond_minutes > CRM_SLA_MAX_MINUTES)
    return invalid (CRM_SLA_FIELD_RESPOND, _("Enter a response time of at most 366 days."), field, error);
  if (policy->resolve_minutes < 1)
    return invalid (CRM_SLA_FIELD_RESOLVE, _("Enter a resolution time of at least 1 minute."), field, error);
  if (policy->resolve_minutes > CRM_SLA_MAX_MINUTES)
    return invalid (CRM_SLA_FIELD_RESOLVE, _("Enter a resolution time of at most 366 days."), field, error);
  if (policy->resolve_minutes < policy->respond_minutes)
    return invalid (CRM_SLA_FIELD_RESOLVE, _("The resolution time cannot be shorter than the response time."),
                    field, error);
  return TRUE;
}

gboolean
crm_sla_policy_save (CrmStore            *store,
                     const CrmSlaPolicy  *policy,
                     GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  if (!crm_sla_policy_validate (policy, NULL, error))
    return FALSE;

  if (!crm_store_begin (store, error))
    return FALSE;
  stmt = crm_store_prepare (store,
                            "INSERT INTO sla_policies (level, vip, respond_minutes, resolve_minutes, working_time, enabled)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                            " ON CONFLICT (level, vip) DO UPDATE SET respond_minutes = excluded.respond_minutes,"
                            " resolve_minutes = excluded.resolve_minutes, working_time = excluded.working_time,"
                            " enabled = excluded.enabled",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, policy->level);
  sqlite3_bind_int (stmt, 2, policy->vip ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, policy->respond_minutes);
  sqlite3_bind_int64 (stmt, 4, policy->resolve_minutes);
  sqlite3_bind_int (stmt, 5, policy->working_time ? 1 : 0);
  sqlite3_bind_int (stmt, 6, policy->enabled ? 1 : 0);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  crm_store_note_change (store, CRM_CHANGE_SETTINGS, 0);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/* ---- the clock ---- */

/* @cal NULL: around the clock. */
static gint64
clock_between (const CrmWorkCalendar *cal,
               gint64                 from,
               gint64                 to)
{
  if (to <= from)
    return 0;
  if (cal != NULL)
    return crm_work_calendar_working_between (cal, from, to);
  return to - from;
}

static gint64
clock_add (const CrmWorkCalendar *cal,
           gint64                 from,
           gint64                 seconds)
{
  if (cal != NULL)
    return crm_work_calendar_add_working (cal, from, seconds);
  if (seconds <= 0)
    return from;
  return from > G_MAXINT64 - seconds ? G_MAXINT64 : from + seconds;
}

/* Walks the running spans of the clock — from creation, between the pauses that
 * began before @ref (an open one, or one past @ref, ending at @ref) — and gives
 * the moment @target seconds have run, and how many had run at @ref. */
static void
run_clock (const CrmWorkCalendar  *cal,
           const CrmSlaClockInput *in,
           gint64                  ref,
           gint64                  target,
           gint64                 *due_out,
           gint64                 *used_out)
{
  gint64 cur = in->created_at, remaining = target, used = 0, due = 0;
  gboolean found = FALSE;

  for (guint i = 0; i < in->n_pauses; i++)
    {
      const CrmSlaPause *pause = &in->pauses[i];
      gint64 start = MAX (pause->start, cur);
      gint64 end = pause->end == 0 ? ref : MIN (pause->end, ref);
      gint64 span;

      if (start >= ref)
        break;
      if (end <= start)
        continue;

      /* the clock runs in [cur, start) */
      span = clock_between (cal, cur, start);
      if (!found)
        {
          gint64 t = clock_add (cal, cur, remaining);

          if (t <= start)
            {
              due = t;
              found = TRUE;
            }
          else
            remaining -= span;
        }
      used += span;
      cur = end;
    }

  if (!found)
    due = clock_add (cal, cur, remaining);
  used += clock_between (cal, cur, ref);

  if (due_out != NULL)
    *due_out = due;
  if (used_out != NULL)
    *used_out = used;
}

static gboolean
paused_at (const CrmSlaClockInput *in,
           gint64                  now)
{
  for (guint i = 0; i < in->n_pauses; i++)
    if (in->pauses[i].start <= now && (in->pauses[i].end == 0 || now < in->pauses[i].end))
      return TRUE;
  return FALSE;
}

static void
compute_target (const CrmWorkCalendar  *cal,
                const CrmSlaClockInput *in,
                gint64                  target_minutes,
                gint64                  event,
                gint64                  now,
                CrmSlaTarget           *out)
{
  gint64 ref = event != 0 ? event : now;
  gint64 at_risk_target;

  out->target = target_minutes * 60;
  at_risk_target = (out->target * CRM_SLA_AT_RISK_PERCENT + 99) / 100;
  run_clock (cal, in, ref, out->target, &out->due, &out->used);
  run_clock (cal, in, ref, at_risk_target, &out->at_risk_at, NULL);
  out->met_late = FALSE;

  if (event != 0)
    {
      out->met_late = event > out->due;
      out->state = out->met_late ? CRM_SLA_BREACHED : CRM_SLA_MET;
    }
  else if (now > out->due)
    out->state = CRM_SLA_BREACHED;
  else if (paused_at (in, now))
    out->state = CRM_SLA_PAUSED;
  else if (out->used >= at_risk_target)
    out->state = CRM_SLA_AT_RISK;
  else
    out->state = CRM_SLA_ON_TRACK;
}

void
crm_sla_compute (const CrmSlaPolicy     *policy,
                 const CrmWorkCalendar  *cal,
                 const CrmSlaClockInput *in,
                 gint64                  now,
                 CrmSlaStatus           *out)
{
  const CrmWorkCalendar *clock_cal;
  gint64 responded;

  g_return_if_fail (policy != NULL);
  g_return_if_fail (in != NULL);
  g_return_if_fail (in->pauses != NULL || in->n_pauses == 0);
  g_return_if_fail (out != NULL);
  g_return_if_fail (!policy->working_time || cal != NULL);

  clock_cal = policy->working_time ? cal : NULL;
  /* a resolution answers the customer too */
  responded = in->first_response_at != 0 ? in->first_response_at : in->resolved_at;

  compute_target (clock_cal, in, policy->respond_minutes, responded, now, &out->response);
  compute_target (clock_cal, in, policy->resolve_minutes, in->resolved_at, now, &out->resolution);
}

char *
crm_sla_format_remaining (gint64 seconds)
{
  /* the deadline wording of the whole application: "in 35 min", "overdue by 2 h" */
  return crm_format_due (seconds, 0);
}
