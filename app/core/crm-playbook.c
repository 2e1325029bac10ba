/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-playbook"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-health.h"
#include "crm-playbook.h"
#include "crm-worktime.h"

#define MINUTE   G_GINT64_CONSTANT (60)
#define HOUR     (60 * MINUTE)
#define DAY      (24 * HOUR)
#define H_MIN    G_GINT64_CONSTANT (60)     /* an hour in minutes */
#define D_MIN    G_GINT64_CONSTANT (1440)   /* a day in minutes */
#define LOOKBACK (CRM_PLAYBOOK_LOOKBACK_DAYS * DAY)
#define HORIZON  (CRM_PLAYBOOK_HORIZON_DAYS * DAY)

/* How often the cancellable is looked at within a statement (virtual machine steps). */
#define PROGRESS_STEPS 10000

/* Per-row values are put into the translated texts by SQL: the text is
 * formatted in C (so translations may reorder their arguments) with these
 * markers where the row's values go, and SQL replaces them. */
#define MARK1 "\001"
#define MARK2 "\002"

typedef enum {
  RULE_ONBOARDING_THANKS,
  RULE_ONBOARDING_CALL,
  RULE_ONBOARDING_REVIEW,
  RULE_AFTER_SALES,
  RULE_COMPLAINT,
  RULE_SATISFACTION_HIGH,
  RULE_SATISFACTION_NEUTRAL,
  RULE_SATISFACTION_LOW,
  RULE_KEY_ACCOUNT_REVIEW,
  RULE_REGULAR_REVIEW,
  RULE_CARE_TOUCH,
  RULE_VIP_VISIT,
  RULE_BIRTHDAY,
  RULE_ANNIVERSARY,
  RULE_HOLIDAY,
  RULE_AT_RISK,
  RULE_NO_CONTACT_7,
  RULE_NO_CONTACT_15,
  RULE_NO_CONTACT_30,
  N_RULES
} RuleId;

G_STATIC_ASSERT (N_RULES == CRM_PLAYBOOK_N_RULES);

typedef struct {
  const char      *key;
  const char      *title;          /* N_() */
  const char      *offset_label;   /* N_() */
  CrmPlaybookUnit  unit;
  gint64           default_minutes;
  gint64           min_minutes;
  gint64           max_minutes;
  CrmFollowupKind  kind;
  gboolean         escalates;
  const char      *default_params;
} RuleDef;

/* The defaults are those of migration 7 (crm-schema.c). */
static const RuleDef rule_defs[N_RULES] = {
  [RULE_ONBOARDING_THANKS] = {
    "onboarding_thanks", N_("Thank-you note and user guide after the first deal"),
    N_("Days after the first deal"), CRM_PLAYBOOK_UNIT_DAYS, 3 * D_MIN, 0, 90 * D_MIN,
    CRM_FOLLOWUP_EMAIL, FALSE, NULL },
  [RULE_ONBOARDING_CALL] = {
    "onboarding_call", N_("First phone call after the first deal"),
    N_("Days after the first deal"), CRM_PLAYBOOK_UNIT_DAYS, 7 * D_MIN, 0, 90 * D_MIN,
    CRM_FOLLOWUP_CALL, FALSE, NULL },
  [RULE_ONBOARDING_REVIEW] = {
    "onboarding_review", N_("First review after the first deal"),
    N_("Days after the first deal"), CRM_PLAYBOOK_UNIT_DAYS, 30 * D_MIN, D_MIN, 180 * D_MIN,
    CRM_FOLLOWUP_REVIEW, FALSE, NULL },
  [RULE_AFTER_SALES] = {
    "after_sales_visit", N_("After-sales visit after a service ticket"),
    N_("Days after the ticket is resolved"), CRM_PLAYBOOK_UNIT_DAYS, D_MIN, 0, 30 * D_MIN,
    CRM_FOLLOWUP_VISIT, FALSE, NULL },
  [RULE_COMPLAINT] = {
    "complaint_followup", N_("Follow-up call after a resolved complaint"),
    N_("Hours after the complaint is resolved"), CRM_PLAYBOOK_UNIT_HOURS, 2 * H_MIN, H_MIN, 72 * H_MIN,
    CRM_FOLLOWUP_CALL, FALSE, NULL },
  [RULE_SATISFACTION_HIGH] = {
    "satisfaction_high", N_("Next regular visit after a satisfied result (4–5)"),
    N_("Days after the result"), CRM_PLAYBOOK_UNIT_DAYS, 90 * D_MIN, 7 * D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_VISIT, FALSE, NULL },
  [RULE_SATISFACTION_NEUTRAL] = {
    "satisfaction_neutral", N_("Second visit after a neutral result (3)"),
    N_("Days after the result"), CRM_PLAYBOOK_UNIT_DAYS, 7 * D_MIN, D_MIN, 90 * D_MIN,
    CRM_FOLLOWUP_CALL, FALSE, NULL },
  [RULE_SATISFACTION_LOW] = {
    "satisfaction_low", N_("Supervisor follow-up after a dissatisfied result (1–2)"),
    N_("Hours after the result"), CRM_PLAYBOOK_UNIT_HOURS, 24 * H_MIN, H_MIN, 168 * H_MIN,
    CRM_FOLLOWUP_CALL, TRUE, NULL },
  [RULE_KEY_ACCOUNT_REVIEW] = {
    "key_account_review", N_("Regular review of key accounts"),
    N_("Days between reviews"), CRM_PLAYBOOK_UNIT_DAYS, 30 * D_MIN, 7 * D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_REVIEW, FALSE, NULL },
  [RULE_REGULAR_REVIEW] = {
    "regular_review", N_("Regular review of other customers"),
    N_("Days between reviews"), CRM_PLAYBOOK_UNIT_DAYS, 90 * D_MIN, 7 * D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_REVIEW, FALSE, NULL },
  [RULE_CARE_TOUCH] = {
    "care_touch", N_("Non-sales care touch"),
    N_("Days between care touches"), CRM_PLAYBOOK_UNIT_DAYS, 30 * D_MIN, 7 * D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_CARE, FALSE, NULL },
  [RULE_VIP_VISIT] = {
    "vip_visit", N_("VIP visit or dedicated session"),
    N_("Days between visits"), CRM_PLAYBOOK_UNIT_DAYS, 90 * D_MIN, 7 * D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_VISIT, FALSE, NULL },
  [RULE_BIRTHDAY] = {
    "birthday_greeting", N_("Birthday greeting"),
    N_("Days ahead"), CRM_PLAYBOOK_UNIT_DAYS, D_MIN, 0, 30 * D_MIN,
    CRM_FOLLOWUP_GREETING, FALSE, "gift_vip=200;gift_other=50" },
  [RULE_ANNIVERSARY] = {
    "anniversary_greeting", N_("Partnership anniversary greeting"),
    N_("Days ahead"), CRM_PLAYBOOK_UNIT_DAYS, D_MIN, 0, 30 * D_MIN,
    CRM_FOLLOWUP_GREETING, FALSE, "gift_vip=200;gift_other=50" },
  [RULE_HOLIDAY] = {
    "holiday_greeting", N_("Public-holiday greeting"),
    N_("Days ahead"), CRM_PLAYBOOK_UNIT_DAYS, 3 * D_MIN, 0, 30 * D_MIN,
    CRM_FOLLOWUP_GREETING, FALSE, "exclude=qingming" },
  [RULE_AT_RISK] = {
    "at_risk_analysis", N_("At-risk customer analysis"),
    N_("Hours after the customer is found at risk"), CRM_PLAYBOOK_UNIT_HOURS, 24 * H_MIN, H_MIN, 168 * H_MIN,
    CRM_FOLLOWUP_ANALYSIS, TRUE, NULL },
  [RULE_NO_CONTACT_7] = {
    "no_contact_7", N_("No contact: first reminder"),
    N_("Days without contact"), CRM_PLAYBOOK_UNIT_DAYS, 7 * D_MIN, D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_CARE, FALSE, NULL },
  [RULE_NO_CONTACT_15] = {
    "no_contact_15", N_("No contact: second reminder"),
    N_("Days without contact"), CRM_PLAYBOOK_UNIT_DAYS, 15 * D_MIN, D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_CARE, FALSE, NULL },
  [RULE_NO_CONTACT_30] = {
    "no_contact_30", N_("No contact: third reminder"),
    N_("Days without contact"), CRM_PLAYBOOK_UNIT_DAYS, 30 * D_MIN, D_MIN, 365 * D_MIN,
    CRM_FOLLOWUP_CARE, FALSE, NULL },
};

static int
rule_index (const char *key)
{
  if (key == NULL)
    return -1;
  for (int i = 0; i < N_RULES; i++)
    if (g_str_equal (rule_defs[i].key, key))
      return i;
  return -1;
}

const char *
crm_playbook_rule_key (guint index)
{
  g_return_val_if_fail (index < N_RULES, NULL);
  return rule_defs[index].key;
}

const char *
crm_playbook_rule_title (const char *key)
{
  int i = rule_index (key);

  return i >= 0 ? _(rule_defs[i].title) : NULL;
}

/* ---- the stored rules ---- */

typedef struct {
  gboolean  enabled;
  gint64    offset_minutes;
  char     *params;
} RuleState;

static void
rule_states_clear (RuleState *states)
{
  for (guint i = 0; i < N_RULES; i++)
    g_clear_pointer (&states[i].params, g_free);
}

static gboolean
load_rule_states (CrmStore   *store,
                  RuleState  *states,
                  GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < N_RULES; i++)
    {
      states[i].enabled = TRUE;
      states[i].offset_minutes = rule_defs[i].default_minutes;
      states[i].params = g_strdup (rule_defs[i].default_params);
    }

  stmt = crm_store_prepare (store, "SELECT key, enabled, offset_minutes, params FROM playbook_rules", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = rule_index ((const char *) sqlite3_column_text (stmt, 0));

      if (i < 0)
        continue;
      states[i].enabled = sqlite3_column_int (stmt, 1) != 0;
      states[i].offset_minutes = sqlite3_column_int64 (stmt, 2);
      g_free (states[i].params);
      states[i].params = crm_sql_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the playbook"));
      return FALSE;
    }
  return TRUE;
}

/* The value of @name in "name=value;name=value", or NULL. */
static char *
param_get (const char *params,
           const char *name)
{
  g_auto(GStrv) pairs = NULL;
  gsize len = strlen (name);

  if (params == NULL)
    return NULL;
  pairs = g_strsplit (params, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = g_strstrip (pairs[i]);

      if (strncmp (pair, name, len) == 0 && pair[len] == '=')
        return g_strstrip (g_strdup (pair + len + 1));
    }
  return NULL;
}

static gint64
param_int (const char *params,
           const char *name,
           gint64      fallback)
{
  g_autofree char *value = param_get (params, name);
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT32, &n, NULL))
    return fallback;
  return n;
}

void
crm_playbook_rule_free (CrmPlaybookRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->key);
  g_free (rule->params);
  g_free (rule);
}

GPtrArray *
crm_playbook_list_rules (CrmStore  *store,
                         GError   **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_playbook_rule_free);
  RuleState states[N_RULES] = { { 0 } };

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!load_rule_states (store, states, error))
    {
      rule_states_clear (states);
      return NULL;
    }

  for (guint i = 0; i < N_RULES; i++)
    {
      const RuleDef *def = &rule_defs[i];
      CrmPlaybookRule *rule = g_new0 (CrmPlaybookRule, 1);

      rule->key = g_strdup (def->key);
      rule->enabled = states[i].enabled;
      rule->offset_minutes = states[i].offset_minutes;
      rule->params = g_steal_pointer (&states[i].params);
      rule->title = _(def->title);
      rule->offset_label = _(def->offset_label);
      rule->unit = def->unit;
      rule->default_offset_minutes = def->default_minutes;
      rule->min_offset_minutes = def->min_minutes;
      rule->max_offset_minutes = def->max_minutes;
      rule->kind = def->kind;
      rule->escalates = def->escalates;
      g_ptr_array_add (rules, rule);
    }
  return g_steal_pointer (&rules);
}

gboolean
crm_playbook_get_rule (CrmStore   *store,
                       const char *key,
                       gboolean   *enabled,
                       gint64     *offset_minutes)
{
  RuleState states[N_RULES] = { { 0 } };
  int i = rule_index (key);
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (i < 0)
    return FALSE;
  ok = load_rule_states (store, states, NULL);
  if (ok && enabled != NULL)
    *enabled = states[i].enabled;
  if (ok && offset_minutes != NULL)
    *offset_minutes = states[i].offset_minutes;
  rule_states_clear (states);
  return ok;
}

gboolean
crm_playbook_validate_offset (const char  *key,
                              gint64       offset_minutes,
                              GError     **error)
{
  int i = rule_index (key);
  const RuleDef *def;
  gint64 unit;

  if (i < 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("This rule is not part of the playbook."));
      return FALSE;
    }
  def = &rule_defs[i];
  unit = def->unit == CRM_PLAYBOOK_UNIT_DAYS ? D_MIN : H_MIN;
  if (offset_minutes % unit == 0 && offset_minutes >= def->min_minutes && offset_minutes <= def->max_minutes)
    return TRUE;

  if (def->unit == CRM_PLAYBOOK_UNIT_DAYS)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                 _("Enter a whole number of days from %d to %d."),
                 (int) (def->min_minutes / unit), (int) (def->max_minutes / unit));
  else
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                 _("Enter a whole number of hours from %d to %d."),
                 (int) (def->min_minutes / unit), (int) (def->max_minutes / unit));
  return FALSE;
}

gboolean
crm_playbook_set_rule (CrmStore    *store,
                       const char  *key,
                       gboolean     enabled,
                       gint64       offset_minutes,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int i;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!crm_playbook_validate_offset (key, offset_minutes, error))
    return FALSE;
  i = rule_index (key);

  if (!crm_store_begin (store, error))
    return FALSE;
  stmt = crm_store_prepare (store,
                            "INSERT INTO playbook_rules (key, enabled, offset_minutes, params) VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT (key) DO UPDATE SET enabled = excluded.enabled,"
                            " offset_minutes = excluded.offset_minutes",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, enabled ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, offset_minutes);
  crm_sql_bind_text_or_null (stmt, 4, rule_defs[i].default_params);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  crm_store_note_change (store, CRM_CHANGE_SETTINGS, 0);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

/* ---- running the rules ---- */

typedef struct {
  CrmStore     *store;
  GCancellable *cancellable;
  gint64        now;
  gint64        soon;           /* now, or the next working time when now is not */
  char          today[11];      /* the local date, YYYY-MM-DD */
  char          month[8];       /* the local month, YYYY-MM */
  int           year;
  gint64        today_day;      /* the local date as days since 1970-01-01 */
  gint64        me;             /* the current user, 0: none */
  gint64        supervisor;     /* some active supervisor, 0: none */
  RuleState     states[N_RULES];
  CrmWorkCalendar *calendar;    /* for crm_next_working() in the rules' SQL */
} Run;

/* crm_next_working(t): t if it is working time, else the next working time
 * (t itself if there is none); the rules made relative to an event (a
 * resolution, a rating) plan in working time with it, not at 2 a.m. */
static void
next_working_fn (sqlite3_context *context,
                 int              argc,
                 sqlite3_value  **argv)
{
  const CrmWorkCalendar *calendar = sqlite3_user_data (context);
  gint64 t, next;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  t = sqlite3_value_int64 (argv[0]);
  next = crm_work_calendar_next_working (calendar, t);
  sqlite3_result_int64 (context, next == G_MAXINT64 ? t : next);
}

static void
run_clear (Run *run)
{
  rule_states_clear (run->states);
  if (run->calendar != NULL)
    {
      sqlite3_create_function (crm_store_get_db (run->store), "crm_next_working", 1, SQLITE_UTF8, NULL,
                               NULL, NULL, NULL);
      g_clear_pointer (&run->calendar, crm_work_calendar_unref);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gint64
query_int (CrmStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = crm_store_prepare (store, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
local_date (gint64  unix_seconds,
            char   *buf,
            gsize   size)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d");

  g_strlcpy (buf, text, size);
}

static gboolean
run_init (Run          *run,
          CrmStore     *store,
          gint64        now,
          GCancellable *cancellable,
          GError      **error)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);
  g_autofree char *month = g_date_time_format (dt, "%Y-%m");
  gint64 local = now + g_date_time_get_utc_offset (dt) / G_USEC_PER_SEC;

  memset (run, 0, sizeof *run);
  run->store = store;
  run->cancellable = cancellable;
  run->now = now;
  local_date (now, run->today, sizeof run->today);
  g_strlcpy (run->month, month, sizeof run->month);
  run->year = g_date_time_get_year (dt);
  run->today_day = local >= 0 ? local / DAY : -((-local + DAY - 1) / DAY);
  run->me = query_int (store, "SELECT id FROM team_members WHERE is_self = 1 ORDER BY id LIMIT 1");
  run->supervisor = query_int (store, "SELECT id FROM team_members WHERE role = 1 AND active = 1 ORDER BY id LIMIT 1");
  /* what is due now is planned in working time: not at 1 a.m. or on a holiday */
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
    CrmWorkCalendar *cal = crm_work_calendar_load (store, tz, error);

    if (cal == NULL)
      return FALSE;
    run->soon = crm_work_calendar_next_working (cal, now);
    if (run->soon == G_MAXINT64)
      run->soon = now;
    run->calendar = cal;
    if (sqlite3_create_function (crm_store_get_db (store), "crm_next_working", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                 cal, next_working_fn, NULL, NULL) != SQLITE_OK)
      {
        crm_store_set_error (store, error, _("Could not plan the follow-ups"));
        return FALSE;
      }
  }
  return load_rule_states (store, run->states, error);
}

static gint64
offset_seconds (const Run *run,
                RuleId     id)
{
  return run->states[id].offset_minutes * MINUTE;
}

/* The offset in the rule's unit, for the texts. */
static int
offset_units (const Run *run,
              RuleId     id)
{
  gint64 unit = rule_defs[id].unit == CRM_PLAYBOOK_UNIT_DAYS ? D_MIN : H_MIN;

  return (int) ((run->states[id].offset_minutes + unit / 2) / unit);
}

static void
bind_int64 (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_int64 (stmt, i, value);
}

static void
bind_id (sqlite3_stmt *stmt,
         const char   *name,
         gint64        id)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    crm_sql_bind_id_or_null (stmt, i, id);
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *text)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    crm_sql_bind_text_or_null (stmt, i, text);
}

/* Binds what every rule's statement may use. */
static void
bind_common (sqlite3_stmt *stmt,
             const Run    *run,
             RuleId        id)
{
  bind_int64 (stmt, ":now", run->now);
  bind_int64 (stmt, ":soon", run->soon);
  bind_int64 (stmt, ":since", run->now - LOOKBACK);
  bind_int64 (stmt, ":horizon", run->now + HORIZON);
  bind_text (stmt, ":today", run->today);
  bind_int64 (stmt, ":today_day", run->today_day);
  bind_int64 (stmt, ":year", run->year);
  bind_text (stmt, ":month", run->month);
  bind_id (stmt, ":me", run->me);
  bind_id (stmt, ":supervisor", run->supervisor);
  bind_text (stmt, ":rule", rule_defs[id].key);
  bind_int64 (stmt, ":kind", rule_defs[id].kind);
  bind_int64 (stmt, ":offset", offset_seconds (run, id));
}

static int
progress_cb (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

/* Runs an INSERT … SELECT; adds the rows made to @created. */
static gboolean
step_insert (Run           *run,
             sqlite3_stmt  *stmt,
             guint         *created,
             GError       **error)
{
  sqlite3 *db = crm_store_get_db (run->store);
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        sqlite3_reset (stmt);
      else
        {
          crm_store_set_error (run->store, error, _("Could not plan the follow-ups"));
          sqlite3_reset (stmt);
        }
      return FALSE;
    }
  *created += (guint) sqlite3_changes (db);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The statements share their shape: an inner SELECT gives customer_id, item,
 * planned_at, owner_id, reason, dedup_key, notes, ticket_id and
 * interaction_id, and the rows whose key exists are left alone. */
#define INSERT_FOLLOWUPS \
  "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id, rule_key, rule_reason," \
  " dedup_key, notes, source_ticket_id, source_interaction_id, created_at, updated_at)" \
  " SELECT x.customer_id, :kind, x.item, 0, x.planned_at, x.owner_id, :rule, x.reason, x.dedup_key, x.notes," \
  " x.ticket_id, x.interaction_id, :now, :now FROM ("
/* (a row whose key exists goes no further than this: cheaper than the insert's conflict) */
#define END_SELECT ") x WHERE x.planned_at IS NOT NULL" \
  " AND NOT EXISTS (SELECT 1 FROM followups d WHERE d.dedup_key = x.dedup_key)"
#define UPSERT " ON CONFLICT (dedup_key) DO NOTHING"

/* The unary + keeps SQLite from walking an index of all customers to find
 * the unarchived ones: reading the table in order is faster. */
#define ELIGIBLE "+c.archived = 0 AND c.do_not_contact = 0"
#define OWNER "COALESCE(c.owner_id, :me)"
/* The owner's active supervisor, else the owner when a supervisor or manager,
 * else some supervisor, else the owner. */
#define SUPERVISOR \
  "COALESCE((SELECT s.id FROM team_members m JOIN team_members s ON s.id = m.supervisor_id" \
  "          WHERE m.id = c.owner_id AND s.active = 1)," \
  " (SELECT m.id FROM team_members m WHERE m.id = c.owner_id AND m.role >= 1 AND m.active = 1)," \
  " :supervisor, c.owner_id, :me)"
/* 09:00 local time of a YYYY-MM-DD date, as unix seconds (NULL for an invalid date). */
#define AT_NINE(date) "unixepoch(" date " || ' 09:00', 'utc')"
#define LOCAL_DATE(t) "date(" t ", 'unixepoch', 'localtime')"
#define NO_TEXT " NULL AS notes, NULL AS ticket_id, NULL AS interaction_id"

/* Onboarding: once per customer (dedup "<rule>:<customer>"), the offset after
 * 09:00 of the first deal's date; first deals up to today. */
static const char onboarding_sql[] =
  INSERT_FOLLOWUPS
  "SELECT c.id AS customer_id, :item AS item, " AT_NINE ("c.first_deal_date") " + :offset AS planned_at,"
  " " OWNER " AS owner_id, replace(:reason, char(1), c.first_deal_date) AS reason,"
  " :rule || ':' || c.id AS dedup_key," NO_TEXT
  " FROM customers c WHERE " ELIGIBLE " AND c.first_deal_date >= :deal_from AND c.first_deal_date <= :today"
  END_SELECT " AND x.planned_at >= :since" UPSERT;

static gboolean
run_onboarding (Run     *run,
                RuleId   id,
                guint   *created,
                GError **error)
{
  int days = offset_units (run, id);
  g_autofree char *reason = NULL;
  const char *item;
  char deal_from[11];
  sqlite3_stmt *stmt;

  switch (id)
    {
    case RULE_ONBOARDING_THANKS:
      item = _("Send a thank-you note and the user guide");
      /* Translators: why a follow-up was planned; %s is a date (2026-11-18) */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "First deal on %s: thank-you note and user guide within %d day",
                                             "First deal on %s: thank-you note and user guide within %d days",
                                             (gulong) days), MARK1, days);
      break;
    case RULE_ONBOARDING_CALL:
      item = _("First phone call after the deal");
      /* Translators: why a follow-up was planned; %s is a date (2026-11-18) */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "First deal on %s: first phone call within %d day",
                                             "First deal on %s: first phone call within %d days",
                                             (gulong) days), MARK1, days);
      break;
    case RULE_ONBOARDING_REVIEW:
    default:
      item = _("First review with the customer");
      /* Translators: why a follow-up was planned; %s is a date (2026-11-18) */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "First deal on %s: first review within %d day",
                                             "First deal on %s: first review within %d days",
                                             (gulong) days), MARK1, days);
      break;
    }

  /* the deals whose follow-up is not further back than the lookback */
  local_date (run->now - LOOKBACK - offset_seconds (run, id) - DAY, deal_from, sizeof deal_from);

  stmt = crm_store_prepare (run->store, onboarding_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":item", item);
  bind_text (stmt, ":reason", reason);
  bind_text (stmt, ":deal_from", deal_from);
  return step_insert (run, stmt, created, error);
}

/* After a service ticket (fault, complaint, service experience), resolved or
 * closed: once per ticket ("after_sales_visit:<ticket>"), the offset after its
 * resolution, in working time.  Every ticket action sets updated_at, so a ticket resolved in
 * the window was updated in it too: the board's index finds them. */
static const char after_sales_sql[] =
  INSERT_FOLLOWUPS
  "SELECT t.customer_id AS customer_id, replace(:item, char(1), t.title) AS item,"
  " crm_next_working (t.resolved_at + :offset) AS planned_at, " OWNER " AS owner_id,"
  " replace(replace(:reason, char(1), t.code), char(2), " LOCAL_DATE ("t.resolved_at") ") AS reason,"
  " :rule || ':' || t.id AS dedup_key, NULL AS notes, t.id AS ticket_id, NULL AS interaction_id"
  " FROM tickets t JOIN customers c ON c.id = t.customer_id"
  " WHERE t.status IN (3, 4) AND t.updated_at >= :since - :offset AND t.category IN (1, 2, 4)"
  " AND t.resolved_at IS NOT NULL AND " ELIGIBLE
  END_SELECT " AND x.planned_at >= :since" UPSERT;

/* A resolved complaint: one per resolution, with the key the ticket's resolve
 * step gives the follow-up it makes ("complaint_followup:<ticket>:<number of
 * resolutions>"), so the two never make it twice. */
static const char complaint_sql[] =
  INSERT_FOLLOWUPS
  "SELECT t.customer_id AS customer_id, replace(:item, char(1), t.title) AS item,"
  " t.resolved_at + :offset AS planned_at, " OWNER " AS owner_id,"
  " replace(replace(:reason, char(1), t.code), char(2),"
  "  strftime('%Y-%m-%d %H:%M', t.resolved_at, 'unixepoch', 'localtime')) AS reason,"
  " :rule || ':' || t.id || ':' || (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id"
  "  AND e.kind = 7) AS dedup_key,"   /* CRM_TICKET_EVENT_RESOLUTION */
  " NULL AS notes, t.id AS ticket_id, NULL AS interaction_id"
  " FROM tickets t JOIN customers c ON c.id = t.customer_id"
  " WHERE t.status IN (3, 4) AND t.updated_at >= :since - :offset AND t.category = 1"
  " AND t.resolved_at IS NOT NULL AND " ELIGIBLE
  END_SELECT " AND x.planned_at >= :since" UPSERT;

static gboolean
run_tickets (Run     *run,
             RuleId   id,
             guint   *created,
             GError **error)
{
  g_autofree char *item = NULL;
  g_autofree char *reason = NULL;
  int n = offset_units (run, id);
  sqlite3_stmt *stmt;

  if (id == RULE_AFTER_SALES)
    {
      /* Translators: a follow-up's item; %s is the ticket's title */
      item = g_strdup_printf (_("After-sales visit: %s"), MARK1);
      /* Translators: why a follow-up was planned; the first %s is a ticket's code (TK2026000123), the second a date */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Ticket %s resolved on %s: after-sales visit %d day later",
                                             "Ticket %s resolved on %s: after-sales visit %d days later",
                                             (gulong) n), MARK1, MARK2, n);
      stmt = crm_store_prepare (run->store, after_sales_sql, error);
    }
  else
    {
      /* Translators: a follow-up call planned when a complaint ticket is resolved; %s is the ticket's title */
      item = g_strdup_printf (_("Complaint follow-up: %s"), MARK1);
      /* Translators: why a follow-up was planned; the first %s is a ticket's code, the second a date and time */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Complaint %s resolved at %s: follow-up call within %d hour",
                                             "Complaint %s resolved at %s: follow-up call within %d hours",
                                             (gulong) n), MARK1, MARK2, n);
      stmt = crm_store_prepare (run->store, complaint_sql, error);
    }
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":item", item);
  bind_text (stmt, ":reason", reason);
  return step_insert (run, stmt, created, error);
}

/* A visit days after a rating plans in working time; the supervisor's call
 * keeps its "within 24 hours" */
#define NEXT_VISIT_AT "crm_next_working (ev.at + :offset)"
#define ESCALATION_AT "ev.at + :offset"

/* Satisfaction: a rating on an interaction or a completed follow-up makes the
 * rule's follow-up the offset after it ("<rule>:i<interaction>" or
 * "<rule>:f<follow-up>").  The supervisor's follow-up (1–2) is made for every
 * such rating; the next visit (4–5) and the second visit (3) only for the
 * customer's latest rating of the band, and only while the customer has none
 * of the rule's follow-ups open.  The run looks at ratings of the lookback. */
#define SATISFACTION_INSERT(OWNER_EXPR, PLANNED_EXPR) \
  INSERT_FOLLOWUPS \
  "SELECT ev.customer_id AS customer_id, :item AS item, " PLANNED_EXPR " AS planned_at," \
  " " OWNER_EXPR " AS owner_id," \
  " replace(replace(:reason, char(1), ev.sat), char(2), " LOCAL_DATE ("ev.at") ") AS reason," \
  " :rule || ':' || ev.src AS dedup_key, NULL AS notes, NULL AS ticket_id, ev.interaction_id AS interaction_id" \
  " FROM ("
#define SATISFACTION_END \
  ") ev JOIN customers c ON c.id = ev.customer_id" \
  " WHERE " ELIGIBLE " AND (:every = 1 OR (ev.rn = 1 AND NOT EXISTS (SELECT 1 FROM followups o" \
  "  WHERE o.rule_key = :rule AND o.customer_id = c.id AND +o.status = 0)))" \
  END_SELECT UPSERT
#define SATISFACTION_RUN_EVENTS \
  "SELECT e.*, row_number () OVER (PARTITION BY e.customer_id ORDER BY e.at DESC, e.src DESC) AS rn FROM (" \
  " SELECT i.customer_id, 'i' || i.id AS src, i.id AS interaction_id, i.occurred_at AS at, i.satisfaction AS sat" \
  " FROM interactions i WHERE i.satisfaction IN (:s1, :s2)" \
  "  AND i.occurred_at >= :since AND i.occurred_at <= :now + 86400" \
  " UNION ALL" \
  " SELECT f.customer_id, 'f' || f.id, NULL, f.actual_at, f.satisfaction" \
  " FROM followups f INDEXED BY followups_rated WHERE f.status = 1 AND f.satisfaction IS NOT NULL" \
  "  AND f.satisfaction IN (:s1, :s2)" \
  "  AND f.actual_at >= :since AND f.actual_at <= :now + 86400) e"
#define SATISFACTION_FOLLOWUP_EVENT \
  "SELECT f.customer_id, 'f' || f.id AS src, NULL AS interaction_id, f.actual_at AS at, f.satisfaction AS sat," \
  " 1 AS rn FROM followups f WHERE f.id = :source AND f.status = 1 AND f.satisfaction IN (:s1, :s2)"
#define SATISFACTION_INTERACTION_EVENT \
  "SELECT i.customer_id, 'i' || i.id AS src, i.id AS interaction_id, i.occurred_at AS at, i.satisfaction AS sat," \
  " 1 AS rn FROM interactions i WHERE i.id = :source AND i.satisfaction IN (:s1, :s2)"

static const char * const satisfaction_sql[3][2] = {
  /* the run */
  { SATISFACTION_INSERT (OWNER, NEXT_VISIT_AT) SATISFACTION_RUN_EVENTS SATISFACTION_END,
    SATISFACTION_INSERT (SUPERVISOR, ESCALATION_AT) SATISFACTION_RUN_EVENTS SATISFACTION_END },
  /* one completed follow-up */
  { SATISFACTION_INSERT (OWNER, NEXT_VISIT_AT) SATISFACTION_FOLLOWUP_EVENT SATISFACTION_END,
    SATISFACTION_INSERT (SUPERVISOR, ESCALATION_AT) SATISFACTION_FOLLOWUP_EVENT SATISFACTION_END },
  /* one interaction */
  { SATISFACTION_INSERT (OWNER, NEXT_VISIT_AT) SATISFACTION_INTERACTION_EVENT SATISFACTION_END,
    SATISFACTION_INSERT (SUPERVISOR, ESCALATION_AT) SATISFACTION_INTERACTION_EVENT SATISFACTION_END },
};

typedef enum {
  SOURCE_ALL,
  SOURCE_FOLLOWUP,
  SOURCE_INTERACTION,
} SatisfactionSource;

static gboolean
run_satisfaction (Run                 *run,
                  RuleId               id,
                  SatisfactionSource   source,
                  gint64               source_id,
                  guint               *created,
                  GError             **error)
{
  g_autofree char *reason = NULL;
  const char *item;
  int n = offset_units (run, id);
  int s1, s2;
  sqlite3_stmt *stmt;

  switch (id)
    {
    case RULE_SATISFACTION_HIGH:
      s1 = 4;
      s2 = 5;
      item = _("Next regular visit");
      /* Translators: why a follow-up was planned; the first %s is a satisfaction from 1 to 5, the second a date */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Satisfaction %s of 5 on %s: next regular visit in %d day",
                                             "Satisfaction %s of 5 on %s: next regular visit in %d days",
                                             (gulong) n), MARK1, MARK2, n);
      break;
    case RULE_SATISFACTION_NEUTRAL:
      s1 = 3;
      s2 = 3;
      item = _("Second visit after a neutral result");
      /* Translators: why a follow-up was planned; the first %s is a satisfaction from 1 to 5, the second a date */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Satisfaction %s of 5 on %s: second visit within %d day",
                                             "Satisfaction %s of 5 on %s: second visit within %d days",
                                             (gulong) n), MARK1, MARK2, n);
      break;
    case RULE_SATISFACTION_LOW:
    default:
      s1 = 1;
      s2 = 2;
      item = _("Supervisor follow-up: the customer is dissatisfied");
      /* Translators: why a follow-up was planned; the first %s is a satisfaction from 1 to 5, the second a date */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Satisfaction %s of 5 on %s: the supervisor follows up within %d hour",
                                             "Satisfaction %s of 5 on %s: the supervisor follows up within %d hours",
                                             (gulong) n), MARK1, MARK2, n);
      break;
    }

  stmt = crm_store_prepare (run->store, satisfaction_sql[source][rule_defs[id].escalates ? 1 : 0], error);
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":item", item);
  bind_text (stmt, ":reason", reason);
  bind_int64 (stmt, ":s1", s1);
  bind_int64 (stmt, ":s2", s2);
  bind_int64 (stmt, ":every", id == RULE_SATISFACTION_LOW);
  bind_int64 (stmt, ":source", source_id);
  return step_insert (run, stmt, created, error);
}

/* Regular rules: every customer of the rule's scope has its occurrences every
 * P days (P the offset), at 09:00, on the days d with d ≡ customer id + salt
 * (mod P) — so they spread evenly over the period.  The next one is made when
 * it comes within the horizon ("<rule>:<customer>:<YYYY-MM-DD>"), unless the
 * customer has one of the rule's follow-ups within half a period of it (after
 * the period was changed, or a drag).  The care touch is not made either when
 * another care follow-up or a greeting (not skipped) is within half a period:
 * that one is the month's non-sales touch.  It runs after the rules that make
 * those. */
static const char periodic_sql[] =
  INSERT_FOLLOWUPS
  "SELECT customer_id, :item AS item, " AT_NINE ("day") " AS planned_at, owner_id, :reason AS reason,"
  " :rule || ':' || customer_id || ':' || day AS dedup_key," NO_TEXT
  " FROM (SELECT customer_id, owner_id, date(d * 86400, 'unixepoch') AS day FROM ("
  "  SELECT c.id AS customer_id, " OWNER " AS owner_id,"
  "  :today_day + ((((c.id + :salt) % :period) - :today_day) % :period + :period) % :period AS d"
  "  FROM customers c WHERE " ELIGIBLE
  "  AND CASE :scope WHEN 1 THEN c.key_account > 0 WHEN 2 THEN c.key_account = 0 WHEN 3 THEN c.tier = 0 ELSE 1 END)"
  " WHERE d <= :last_day)"
  END_SELECT
  " AND NOT EXISTS (SELECT 1 FROM followups o WHERE o.rule_key = :rule AND o.customer_id = x.customer_id"
  "  AND o.planned_at > x.planned_at - :half AND o.planned_at < x.planned_at + :half)"
  " AND (:care = 0 OR NOT EXISTS (SELECT 1 FROM followups o WHERE o.customer_id = x.customer_id"
  "  AND o.planned_at > x.planned_at - :half AND o.planned_at < x.planned_at + :half"
  "  AND o.kind IN (3, 5) AND +o.status <> 2))"   /* CRM_FOLLOWUP_GREETING, _CARE; not skipped */
  UPSERT;

static gboolean
run_periodic (Run     *run,
              RuleId   id,
              guint   *created,
              GError **error)
{
  g_autofree char *reason = NULL;
  gint64 period = MAX (1, offset_units (run, id));
  const char *item;
  gint64 salt = 0;
  int scope = 0;
  sqlite3_stmt *stmt;

  switch (id)
    {
    case RULE_KEY_ACCOUNT_REVIEW:
      scope = 1;
      item = _("Key-account review");
      /* Translators: why a follow-up was planned */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Key account: a review every %d day",
                                             "Key account: a review every %d days",
                                             (gulong) period), (int) period);
      break;
    case RULE_REGULAR_REVIEW:
      scope = 2;
      item = _("Regular review");
      /* Translators: why a follow-up was planned */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "A review every %d day",
                                             "A review every %d days",
                                             (gulong) period), (int) period);
      break;
    case RULE_CARE_TOUCH:
      /* half a period away from the reviews */
      salt = period / 2;
      item = _("Non-sales care touch");
      /* Translators: why a follow-up was planned */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "At least one non-sales care touch every %d day",
                                             "At least one non-sales care touch every %d days",
                                             (gulong) period), (int) period);
      break;
    case RULE_VIP_VISIT:
    default:
      scope = 3;
      salt = period / 3;
      item = _("VIP visit or dedicated session");
      /* Translators: why a follow-up was planned */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "VIP customer: a visit or dedicated session every %d day",
                                             "VIP customer: a visit or dedicated session every %d days",
                                             (gulong) period), (int) period);
      break;
    }

  stmt = crm_store_prepare (run->store, periodic_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":item", item);
  bind_text (stmt, ":reason", reason);
  bind_int64 (stmt, ":period", period);
  bind_int64 (stmt, ":salt", salt);
  bind_int64 (stmt, ":scope", scope);
  bind_int64 (stmt, ":last_day", run->today_day + CRM_PLAYBOOK_HORIZON_DAYS);
  bind_int64 (stmt, ":half", period * DAY / 2);
  bind_int64 (stmt, ":care", id == RULE_CARE_TOUCH);
  return step_insert (run, stmt, created, error);
}

/* Birthdays and anniversaries (YYYY-MM-DD or --MM-DD): once a year
 * ("<rule>:<customer>:<year>"), the offset before 09:00 of the day, made when
 * it comes within the horizon and the day has not passed; 29 February is
 * greeted on the 28th in other years; an anniversary from its first year on.
 * The notes say what gift the customer's tier calls for. */
#define GREETING_SQL(COLUMN) \
  INSERT_FOLLOWUPS \
  "SELECT customer_id, :item AS item, " AT_NINE ("occ") " - :offset AS planned_at, owner_id," \
  " replace(:reason, char(1), occ) AS reason, :rule || ':' || customer_id || ':' || substr(occ, 1, 4) AS dedup_key," \
  " CASE WHEN tier = 0 THEN :gift_vip ELSE :gift_other END AS notes, NULL AS ticket_id, NULL AS interaction_id" \
  " FROM (SELECT c.id AS customer_id, c.tier AS tier, " OWNER " AS owner_id, y.y AS year, c." COLUMN " AS v," \
  "  y.y || '-' || CASE WHEN substr(c." COLUMN ", -5) = '02-29'" \
  "   AND NOT (y.y % 4 = 0 AND (y.y % 100 <> 0 OR y.y % 400 = 0)) THEN '02-28'" \
  "   ELSE substr(c." COLUMN ", -5) END AS occ" \
  "  FROM customers c, (SELECT :year AS y UNION ALL SELECT :year + 1) y" \
  "  WHERE c." COLUMN " IS NOT NULL AND " ELIGIBLE ")" \
  " WHERE occ >= :today AND occ <= :occ_to AND date(occ, '+0 days') = occ" \
  "  AND (substr(v, 1, 2) = '--' OR year > CAST(substr(v, 1, 4) AS INTEGER))" \
  END_SELECT " AND x.planned_at <= :horizon" UPSERT

static const char birthday_sql[] = GREETING_SQL ("birthday");
static const char anniversary_sql[] = GREETING_SQL ("anniversary");

static gboolean
run_greeting (Run     *run,
              RuleId   id,
              guint   *created,
              GError **error)
{
  const char *params = run->states[id].params;
  gint64 gift_vip = param_int (params, "gift_vip", 0);
  gint64 gift_other = param_int (params, "gift_other", 0);
  g_autofree char *reason = NULL;
  g_autofree char *vip_notes = NULL;
  g_autofree char *other_notes = NULL;
  int n = offset_units (run, id);
  const char *item;
  char occ_to[11];
  sqlite3_stmt *stmt;

  if (id == RULE_BIRTHDAY)
    {
      item = _("Birthday greeting");
      /* Translators: why a follow-up was planned; %s is a date (2026-11-21) */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Birthday on %s: greeting %d day ahead",
                                             "Birthday on %s: greeting %d days ahead",
                                             (gulong) n), MARK1, n);
    }
  else
    {
      item = _("Partnership anniversary greeting");
      /* Translators: why a follow-up was planned; %s is a date (2026-11-21) */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Partnership anniversary on %s: greeting %d day ahead",
                                             "Partnership anniversary on %s: greeting %d days ahead",
                                             (gulong) n), MARK1, n);
    }
  /* DOMAIN.md: gift value by tier (VIP at least 200 yuan, others at least 50) */
  if (gift_vip > 0)
    /* Translators: the notes of a birthday or anniversary greeting; %d is an amount of yuan */
    vip_notes = g_strdup_printf (_("Gift worth at least ¥%d (VIP)"), (int) gift_vip);
  if (gift_other > 0)
    /* Translators: the notes of a birthday or anniversary greeting; %d is an amount of yuan */
    other_notes = g_strdup_printf (_("Gift worth at least ¥%d"), (int) gift_other);

  local_date (run->now + HORIZON + offset_seconds (run, id) + DAY, occ_to, sizeof occ_to);

  stmt = crm_store_prepare (run->store, id == RULE_BIRTHDAY ? birthday_sql : anniversary_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":item", item);
  bind_text (stmt, ":reason", reason);
  bind_text (stmt, ":gift_vip", vip_notes);
  bind_text (stmt, ":gift_other", other_notes);
  bind_text (stmt, ":occ_to", occ_to);
  return step_insert (run, stmt, created, error);
}

/* Public holidays (calendar_days kind 0): one greeting per holiday period —
 * consecutive days of the same name, a gap of up to two days included — the
 * offset before 09:00 of its first day ("holiday_greeting:<customer>:<first
 * day>"), made when it comes within the horizon and the period has not begun.
 * Holidays named in the rule's "exclude" (Qingming, a day of mourning, by
 * default) get none. */
static const char holiday_periods_sql[] =
  "SELECT h.day, h.name, " AT_NINE ("h.day") " - :offset AS planned_at FROM calendar_days h"
  " WHERE h.kind = 0 AND h.day >= :today AND h.day <= :day_to"
  " AND NOT EXISTS (SELECT 1 FROM calendar_days p WHERE p.kind = 0 AND p.name IS h.name"
  "  AND p.day >= date(h.day, '-3 days') AND p.day < h.day)"
  " AND planned_at <= :horizon ORDER BY h.day";

static const char holiday_sql[] =
  INSERT_FOLLOWUPS
  "SELECT c.id AS customer_id, :item AS item, :planned AS planned_at, " OWNER " AS owner_id, :reason AS reason,"
  " :rule || ':' || c.id || ':' || :start AS dedup_key," NO_TEXT
  " FROM customers c WHERE " ELIGIBLE
  END_SELECT UPSERT;

typedef struct {
  char   *day;
  char   *name;
  gint64  planned_at;
} HolidayPeriod;

static void
holiday_period_clear (gpointer data)
{
  HolidayPeriod *period = data;

  g_free (period->day);
  g_free (period->name);
}

static gboolean
run_holidays (Run     *run,
              RuleId   id,
              guint   *created,
              GError **error)
{
  g_autoptr(GArray) periods = g_array_new (FALSE, TRUE, sizeof (HolidayPeriod));
  g_autofree char *exclude_text = param_get (run->states[id].params, "exclude");
  g_auto(GStrv) exclude = g_strsplit (exclude_text != NULL ? exclude_text : "", ",", -1);
  int n = offset_units (run, id);
  char day_to[11];
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (periods, holiday_period_clear);
  for (guint i = 0; exclude[i] != NULL; i++)
    g_strstrip (exclude[i]);

  local_date (run->now + HORIZON + offset_seconds (run, id) + DAY, day_to, sizeof day_to);
  stmt = crm_store_prepare (run->store, holiday_periods_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":day_to", day_to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HolidayPeriod period = { 0 };
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL ||
          (name != NULL && g_strv_contains ((const char * const *) exclude, name)))
        continue;
      period.day = crm_sql_column_dup (stmt, 0);
      period.name = g_strdup (name);
      period.planned_at = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (periods, period);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (run->store, error, _("Could not read the holidays"));
      return FALSE;
    }

  for (guint i = 0; i < periods->len; i++)
    {
      const HolidayPeriod *period = &g_array_index (periods, HolidayPeriod, i);
      const char *name = period->name != NULL ? crm_holiday_display_name (period->name) : _("Public holiday");
      g_autofree char *item = NULL;
      g_autofree char *reason = NULL;

      /* Translators: a follow-up's item; %s is a holiday (Spring Festival) */
      item = g_strdup_printf (_("%s greeting"), name);
      /* Translators: why a follow-up was planned; the first %s is a holiday (Spring Festival), the second a date */
      reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s begins on %s: greeting %d day ahead",
                                             "%s begins on %s: greeting %d days ahead",
                                             (gulong) n), name, period->day, n);

      stmt = crm_store_prepare (run->store, holiday_sql, error);
      if (stmt == NULL)
        return FALSE;
      bind_common (stmt, run, id);
      bind_text (stmt, ":item", item);
      bind_text (stmt, ":reason", reason);
      bind_int64 (stmt, ":planned", period->planned_at);
      bind_text (stmt, ":start", period->day);
      if (!step_insert (run, stmt, created, error))
        return FALSE;
    }
  return TRUE;
}

/* At risk (customer_scores.risk > 0, see crm-health.h): one analysis a month
 * ("at_risk_analysis:<customer>:<YYYY-MM>"), the offset after now (or the
 * next working time), for the supervisor. */
static const char at_risk_sql[] =
  INSERT_FOLLOWUPS
  "SELECT c.id AS customer_id, :item AS item, :soon + :offset AS planned_at, " SUPERVISOR " AS owner_id,"
  " replace(CASE s.risk WHEN 1 THEN :risk1 WHEN 2 THEN :risk2 ELSE :risk3 END, char(1),"
  "  COALESCE(s.health_score, '?')) AS reason,"
  " :rule || ':' || c.id || ':' || :month AS dedup_key," NO_TEXT
  " FROM customer_scores s CROSS JOIN customers c ON c.id = s.customer_id WHERE s.risk > 0 AND " ELIGIBLE
  END_SELECT UPSERT;

static gboolean
run_at_risk (Run     *run,
             RuleId   id,
             guint   *created,
             GError **error)
{
  static const CrmRisk risks[] = { CRM_RISK_LOW, CRM_RISK_MEDIUM, CRM_RISK_HIGH };
  static const char * const names[] = { ":risk1", ":risk2", ":risk3" };
  int n = offset_units (run, id);
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (run->store, at_risk_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":item", _("At-risk customer analysis"));
  for (guint i = 0; i < G_N_ELEMENTS (risks); i++)
    {
      /* Translators: why a follow-up was planned; the first %s is a health score (0–100), the second a risk level (Medium risk) */
      g_autofree char *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Health score %s (%s): analysis within %d hour",
                                                              "Health score %s (%s): analysis within %d hours",
                                                              (gulong) n),
                                                 MARK1, crm_risk_to_string (risks[i]), n);

      bind_text (stmt, names[i], reason);
    }
  return step_insert (run, stmt, created, error);
}

/* No contact for N days (N the offset): the last contact is the latest
 * interaction (customers.last_contact_at) or follow-up done with the customer
 * (not an analysis).  One per silence ("<rule>:<customer>:<last contact>"),
 * planned now, or at the next working time (the rules run at least daily); only the rule of the
 * longest silence reached does it (a customer silent for 40 days gets the
 * 30-day one, not all three), and not while a no-contact follow-up of the
 * customer is open. */
static const char no_contact_sql[] =
  "WITH s (customer_id, owner_id, last) AS MATERIALIZED ("
  " SELECT c.id, " OWNER ","
  "  max(c.last_contact_at, COALESCE((SELECT max(f.actual_at) FROM followups f WHERE f.customer_id = c.id"
  "   AND f.status = 1 AND f.kind <> 6 AND f.actual_at <= :now), 0))"   /* CRM_FOLLOWUP_ANALYSIS */
  " FROM customers c WHERE " ELIGIBLE " AND +c.last_contact_at <= :now - :offset) "
  INSERT_FOLLOWUPS
  "SELECT customer_id, :item AS item, :soon AS planned_at, owner_id,"
  " replace(:reason, char(1), " LOCAL_DATE ("last") ") AS reason,"
  " :rule || ':' || customer_id || ':' || last AS dedup_key," NO_TEXT
  " FROM s WHERE last <= :now - :offset AND (:upper IS NULL OR last > :now - :upper)"
  END_SELECT
  " AND NOT EXISTS (SELECT 1 FROM followups o WHERE o.rule_key IN ('no_contact_7', 'no_contact_15', 'no_contact_30')"
  "  AND o.customer_id = x.customer_id AND +o.status = 0)"
  UPSERT;

static gboolean
run_no_contact (Run     *run,
                RuleId   id,
                guint   *created,
                GError **error)
{
  static const RuleId band[] = { RULE_NO_CONTACT_7, RULE_NO_CONTACT_15, RULE_NO_CONTACT_30 };
  g_autofree char *item = NULL;
  g_autofree char *reason = NULL;
  gint64 offset = run->states[id].offset_minutes;
  gint64 upper = 0;
  int n = offset_units (run, id);
  sqlite3_stmt *stmt;

  /* the band of silence this rule covers ends where the next enabled one
   * begins (of equal offsets, the later rule takes them) */
  for (guint i = 0; i < G_N_ELEMENTS (band); i++)
    {
      gint64 other = run->states[band[i]].offset_minutes;

      if (band[i] == id || !run->states[band[i]].enabled)
        continue;
      if ((other > offset || (other == offset && band[i] > id)) && (upper == 0 || other < upper))
        upper = other;
    }
  if (upper == offset)
    return TRUE;

  /* Translators: a follow-up's item */
  item = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Care follow-up: no contact for %d day",
                                       "Care follow-up: no contact for %d days",
                                       (gulong) n), n);
  /* Translators: why a follow-up was planned; %s is the date of the last contact (2026-11-05) */
  reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No contact for %d day (last: %s)",
                                         "No contact for %d days (last: %s)",
                                         (gulong) n), n, MARK1);

  stmt = crm_store_prepare (run->store, no_contact_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_common (stmt, run, id);
  bind_text (stmt, ":item", item);
  bind_text (stmt, ":reason", reason);
  if (upper > 0)
    bind_int64 (stmt, ":upper", upper * MINUTE);
  return step_insert (run, stmt, created, error);
}

static gboolean
run_rule (Run     *run,
          RuleId   id,
          guint   *created,
          GError **error)
{
  switch (id)
    {
    case RULE_ONBOARDING_THANKS:
    case RULE_ONBOARDING_CALL:
    case RULE_ONBOARDING_REVIEW:
      return run_onboarding (run, id, created, error);
    case RULE_AFTER_SALES:
    case RULE_COMPLAINT:
      return run_tickets (run, id, created, error);
    case RULE_SATISFACTION_HIGH:
    case RULE_SATISFACTION_NEUTRAL:
    case RULE_SATISFACTION_LOW:
      return run_satisfaction (run, id, SOURCE_ALL, 0, created, error);
    case RULE_KEY_ACCOUNT_REVIEW:
    case RULE_REGULAR_REVIEW:
    case RULE_CARE_TOUCH:
    case RULE_VIP_VISIT:
      return run_periodic (run, id, created, error);
    case RULE_BIRTHDAY:
    case RULE_ANNIVERSARY:
      return run_greeting (run, id, created, error);
    case RULE_HOLIDAY:
      return run_holidays (run, id, created, error);
    case RULE_AT_RISK:
      return run_at_risk (run, id, created, error);
    case RULE_NO_CONTACT_7:
    case RULE_NO_CONTACT_15:
    case RULE_NO_CONTACT_30:
      return run_no_contact (run, id, created, error);
    case N_RULES:
    default:
      g_assert_not_reached ();
    }
}

gboolean
crm_playbook_run (CrmStore          *store,
                  gint64             now,
                  CrmPlaybookStats  *stats,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_auto(Run) run = { 0 };
  CrmPlaybookStats local = { 0 };
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db;
  gboolean ok = TRUE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (!crm_store_in_transaction (store), FALSE);

  if (stats == NULL)
    stats = &local;
  memset (stats, 0, sizeof *stats);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !run_init (&run, store, now, cancellable, error))
    return FALSE;

  db = crm_store_get_db (store);
  if (cancellable != NULL)
    sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, cancellable);

  for (guint k = 0; k < N_RULES && ok; k++)
    {
      /* the care touch last: the greetings and no-contact follow-ups count as one */
      RuleId i = k < RULE_CARE_TOUCH ? k : k < N_RULES - 1 ? k + 1 : RULE_CARE_TOUCH;
      guint created = 0;
      gint64 rule_start = g_get_monotonic_time ();

      if (!run.states[i].enabled)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !crm_store_begin (store, error))
        {
          ok = FALSE;
          break;
        }
      if (!run_rule (&run, i, &created, error))
        {
          crm_store_rollback (store);
          ok = FALSE;
          break;
        }
      if (!crm_store_commit (store, error))
        {
          ok = FALSE;
          break;
        }
      stats->rules_run++;
      stats->created += created;
      stats->created_by_rule[i] = created;
      g_debug ("Rule %s: %u follow-ups in %.0f ms", rule_defs[i].key, created,
               (g_get_monotonic_time () - rule_start) / 1000.0);
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  stats->elapsed_us = g_get_monotonic_time () - start;

  if (stats->created > 0)
    crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, 0);
  return ok;
}

/* ---- in a worker thread ---- */

typedef struct {
  char   *path;
  gint64  now;
} RunTaskData;

static void
run_task_data_free (RunTaskData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunTaskData *data = task_data;
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (data->now);
  g_autoptr(CrmStore) store = NULL;
  g_autofree CrmPlaybookStats *stats = g_new0 (CrmPlaybookStats, 1);
  GError *error = NULL;

  store = crm_store_open (data->path, clock, &error);
  if (store == NULL || !crm_playbook_run (store, data->now, stats, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&stats), g_free);
}

void
crm_playbook_run_async (CrmStore            *store,
                        gint64               now,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunTaskData *data;

  g_return_if_fail (CRM_IS_STORE (store));

  data = g_new0 (RunTaskData, 1);
  data->path = g_strdup (crm_store_get_path (store));
  data->now = now;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_playbook_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_task_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
crm_playbook_run_finish (CrmStore          *store,
                         GAsyncResult      *result,
                         CrmPlaybookStats  *stats,
                         GError           **error)
{
  g_autofree CrmPlaybookStats *out = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  out = g_task_propagate_pointer (G_TASK (result), error);
  if (out == NULL)
    return FALSE;
  if (stats != NULL)
    *stats = *out;
  /* the rows were written through another connection: tell this one's views */
  if (out->created > 0)
    crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, 0);
  return TRUE;
}

/* ---- one satisfaction result ---- */

static gboolean
apply_satisfaction (CrmStore            *store,
                    SatisfactionSource   source,
                    gint64               source_id,
                    gint64              *created_id,
                    GError             **error)
{
  g_auto(Run) run = { 0 };
  static const RuleId rules[] = { RULE_SATISFACTION_HIGH, RULE_SATISFACTION_NEUTRAL, RULE_SATISFACTION_LOW };
  gint64 made = 0;

  if (created_id != NULL)
    *created_id = 0;
  if (!run_init (&run, store, crm_store_now (store), NULL, error))
    return FALSE;
  if (!crm_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      guint created = 0;

      if (!run.states[rules[i]].enabled)
        continue;
      if (!run_satisfaction (&run, rules[i], source, source_id, &created, error))
        {
          crm_store_rollback (store);
          return FALSE;
        }
      if (created > 0)
        {
          made = sqlite3_last_insert_rowid (crm_store_get_db (store));
          crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, made);
        }
    }

  if (!crm_store_commit (store, error))
    return FALSE;
  if (created_id != NULL)
    *created_id = made;
  return TRUE;
}

gboolean
crm_playbook_apply_followup_satisfaction (CrmStore  *store,
                                          gint64     followup_id,
                                          gint64    *created_id,
                                          GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return apply_satisfaction (store, SOURCE_FOLLOWUP, followup_id, created_id, error);
}

gboolean
crm_playbook_apply_interaction_satisfaction (CrmStore  *store,
                                             gint64     interaction_id,
                                             gint64    *created_id,
                                             GError   **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  return apply_satisfaction (store, SOURCE_INTERACTION, interaction_id, created_id, error);
}
