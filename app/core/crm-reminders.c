/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reminders"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-format.h"
#include "crm-health.h"
#include "crm-reminders.h"

#define MINUTE      60
#define HOUR        (60 * MINUTE)
#define BODY_LINES  5   /* the first few items a summary or a group lists */

#define KEY_LEAD        "reminders.lead_minutes"
#define KEY_QUIET_START "reminders.quiet_start"
#define KEY_QUIET_END   "reminders.quiet_end"
#define KEY_MORNING     "reminders.morning_minute"
#define KEY_GROUP_ABOVE "reminders.group_above"

#define MINUTES_PER_DAY (24 * 60)

/* ---- the reminder ---- */

G_DEFINE_BOXED_TYPE (CrmReminder, crm_reminder, crm_reminder_copy, crm_reminder_free)

static CrmReminder *
reminder_new (CrmReminderKind  kind,
              CrmReminderItem  item_kind,
              gint64           item_id,
              gint64           due_at,
              gint64           announce_at)
{
  CrmReminder *reminder = g_new0 (CrmReminder, 1);

  reminder->kind = kind;
  reminder->item_kind = item_kind;
  reminder->item_id = item_id;
  reminder->due_at = due_at;
  reminder->announce_at = announce_at;
  return reminder;
}

CrmReminder *
crm_reminder_copy (const CrmReminder *reminder)
{
  CrmReminder *copy;

  g_return_val_if_fail (reminder != NULL, NULL);

  copy = g_memdup2 (reminder, sizeof *reminder);
  copy->customer_name = g_strdup (reminder->customer_name);
  copy->summary = g_strdup (reminder->summary);
  copy->body = g_strdup (reminder->body);
  if (reminder->items != NULL)
    {
      copy->items = g_ptr_array_new_full (reminder->items->len, (GDestroyNotify) crm_reminder_free);
      for (guint i = 0; i < reminder->items->len; i++)
        g_ptr_array_add (copy->items, crm_reminder_copy (g_ptr_array_index (reminder->items, i)));
    }
  return copy;
}

void
crm_reminder_free (CrmReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->customer_name);
  g_free (reminder->summary);
  g_free (reminder->body);
  g_clear_pointer (&reminder->items, g_ptr_array_unref);
  g_free (reminder);
}

/* ---- settings ---- */

void
crm_reminder_settings_init (CrmReminderSettings *settings)
{
  g_return_if_fail (settings != NULL);

  settings->lead_minutes = 15;
  settings->quiet_start = 21 * 60;
  settings->quiet_end = 8 * 60;
  settings->morning_minute = 8 * 60 + 30;
  settings->group_above = 3;
  settings->recipient_id = 0;
}

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

gboolean
crm_reminder_settings_load (CrmStore             *store,
                            CrmReminderSettings  *settings,
                            GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  crm_reminder_settings_init (settings);
  settings->lead_minutes = setting_int (store, KEY_LEAD, settings->lead_minutes, 0, CRM_REMINDERS_MAX_LEAD_MINUTES);
  settings->quiet_start = setting_int (store, KEY_QUIET_START, settings->quiet_start, 0, MINUTES_PER_DAY - 1);
  settings->quiet_end = setting_int (store, KEY_QUIET_END, settings->quiet_end, 0, MINUTES_PER_DAY - 1);
  settings->morning_minute = setting_int (store, KEY_MORNING, settings->morning_minute, 0, MINUTES_PER_DAY - 1);
  settings->group_above = setting_int (store, KEY_GROUP_ABOVE, settings->group_above, 0, CRM_REMINDERS_MAX_GROUP_ABOVE);

  /* the user, as the tickets' "current user" */
  stmt = crm_store_prepare (store, "SELECT id FROM team_members WHERE is_self = 1 ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    settings->recipient_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the reminder settings"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
invalid (CrmReminderField   which,
         const char        *message,
         CrmReminderField  *field,
         GError           **error)
{
  if (field != NULL)
    *field = which;
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_minute_of_day (int minute)
{
  return minute >= 0 && minute < MINUTES_PER_DAY;
}

gboolean
crm_reminder_settings_validate (const CrmReminderSettings  *settings,
                                CrmReminderField           *field,
                                GError                    **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  if (field != NULL)
    *field = CRM_REMINDER_FIELD_NONE;

  if (settings->lead_minutes < 0 || settings->lead_minutes > CRM_REMINDERS_MAX_LEAD_MINUTES)
    return invalid (CRM_REMINDER_FIELD_LEAD, _("Enter a lead time from 0 minutes to 24 hours."), field, error);
  if (!is_minute_of_day (settings->quiet_start))
    return invalid (CRM_REMINDER_FIELD_QUIET_START, _("Enter a time of day from 00:00 to 23:59."), field, error);
  if (!is_minute_of_day (settings->quiet_end))
    return invalid (CRM_REMINDER_FIELD_QUIET_END, _("Enter a time of day from 00:00 to 23:59."), field, error);
  if (!is_minute_of_day (settings->morning_minute))
    return invalid (CRM_REMINDER_FIELD_MORNING, _("Enter a time of day from 00:00 to 23:59."), field, error);
  if (settings->group_above < 0 || settings->group_above > CRM_REMINDERS_MAX_GROUP_ABOVE)
    return invalid (CRM_REMINDER_FIELD_GROUP_ABOVE, _("Enter a number of reminders from 0 to 99."), field, error);
  return TRUE;
}

static gboolean
save_int (CrmStore    *store,
          const char  *key,
          int          value,
          GError     **error)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", value);
  return crm_store_set_setting (store, key, text, error);
}

gboolean
crm_reminder_settings_save (CrmStore                   *store,
                            const CrmReminderSettings  *settings,
                            GError                    **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!crm_reminder_settings_validate (settings, NULL, error))
    return FALSE;

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!save_int (store, KEY_LEAD, settings->lead_minutes, error) ||
      !save_int (store, KEY_QUIET_START, settings->quiet_start, error) ||
      !save_int (store, KEY_QUIET_END, settings->quiet_end, error) ||
      !save_int (store, KEY_MORNING, settings->morning_minute, error) ||
      !save_int (store, KEY_GROUP_ABOVE, settings->group_above, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}

/* ---- local time ---- */

static GDateTime *
local_time (GTimeZone *tz,
            gint64     t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

/* The local date of @t, @days later. */
static void
local_date (GTimeZone *tz,
            gint64     t,
            int        days,
            GDate     *date)
{
  g_autoptr(GDateTime) dt = local_time (tz, t);

  g_date_clear (date, 1);
  if (dt != NULL)
    g_date_set_dmy (date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                    g_date_time_get_year (dt));
  else
    g_date_set_dmy (date, 1, G_DATE_JANUARY, 1970);
  if (days > 0)
    g_date_add_days (date, days);
  else if (days < 0)
    g_date_subtract_days (date, -days);
}

/* @minute (of the day) on the local @date. */
static gint64
date_at (GTimeZone   *tz,
         const GDate *date,
         int          minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), minute / 60, minute % 60, 0);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* @minute of the local day @days after the one of @t. */
static gint64
day_at (GTimeZone *tz,
        gint64     t,
        int        days,
        int        minute)
{
  GDate date;

  local_date (tz, t, days, &date);
  return date_at (tz, &date, minute);
}

static int
minute_of_day (GTimeZone *tz,
               gint64     t)
{
  g_autoptr(GDateTime) dt = local_time (tz, t);

  return dt != NULL ? g_date_time_get_hour (dt) * 60 + g_date_time_get_minute (dt) : 0;
}

static gboolean
in_quiet_hours (const CrmReminderSettings *settings,
                GTimeZone                 *tz,
                gint64                     t)
{
  int start = settings->quiet_start, end = settings->quiet_end;
  int m;

  if (start == end)
    return FALSE;
  m = minute_of_day (tz, t);
  if (start < end)
    return m >= start && m < end;
  return m >= start || m < end;
}

/* The first end of quiet hours after @t. */
static gint64
quiet_end_after (const CrmReminderSettings *settings,
                 GTimeZone                 *tz,
                 gint64                     t)
{
  gint64 end = day_at (tz, t, 0, settings->quiet_end);

  if (end <= t)
    end = day_at (tz, t, 1, settings->quiet_end);
  return end;
}

/* Moves a moment in quiet hours to their end. */
static gint64
after_quiet_hours (const CrmReminderSettings *settings,
                   GTimeZone                 *tz,
                   gint64                     t)
{
  return in_quiet_hours (settings, tz, t) ? quiet_end_after (settings, tz, t) : t;
}

gint64
crm_reminders_snooze_until (const CrmReminderSettings *settings,
                            gint64                     now,
                            CrmSnoozeChoice            choice)
{
  g_autoptr(GTimeZone) tz = NULL;
  gint64 morning;

  g_return_val_if_fail (settings != NULL, now);

  switch (choice)
    {
    case CRM_SNOOZE_15_MINUTES:
      return now + 15 * MINUTE;
    case CRM_SNOOZE_1_HOUR:
      return now + HOUR;
    case CRM_SNOOZE_TOMORROW_MORNING:
    default:
      tz = g_time_zone_new_local ();
      /* in the small hours, "tomorrow morning" is the coming one */
      morning = day_at (tz, now, 0, settings->morning_minute);
      if (morning > now && in_quiet_hours (settings, tz, now))
        return morning;
      return day_at (tz, now, 1, settings->morning_minute);
    }
}

/* ---- a pass ---- */

typedef struct {
  gint64    id;
  gint64    supervisor_id;
  int       role;
  gboolean  active;
  char     *name;
} Member;

typedef struct {
  CrmStore                  *store;
  const CrmReminderSettings *settings;
  GTimeZone                 *tz;
  gint64                     now;
  gint64                     since;
  gint64                     from;        /* how far back: now − the catch-up */
  gint64                     self;        /* settings->recipient_id */
  GArray                    *team;        /* Member, by id */
  char                      *assignees;   /* JSON array: whose breaches may reach self */
  GPtrArray                 *found;       /* CrmReminder */
} Pass;

static void
member_clear (gpointer data)
{
  Member *member = data;

  g_free (member->name);
}

static void
pass_clear (Pass *p)
{
  g_clear_pointer (&p->tz, g_time_zone_unref);
  g_clear_pointer (&p->team, g_array_unref);
  g_clear_pointer (&p->assignees, g_free);
  g_clear_pointer (&p->found, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pass, pass_clear)

static const Member *
member (const Pass *p,
        gint64      id)
{
  if (id <= 0)
    return NULL;
  for (guint i = 0; i < p->team->len; i++)
    {
      const Member *m = &g_array_index (p->team, Member, i);

      if (m->id == id)
        return m;
    }
  return NULL;
}

/* The active supervisor of a team member, or 0. */
static gint64
supervisor_of (const Pass *p,
               gint64      id)
{
  const Member *m = member (p, id);
  const Member *s = m != NULL ? member (p, m->supervisor_id) : NULL;

  return s != NULL && s->active ? s->id : 0;
}

static gint64
first_active (const Pass    *p,
              CrmMemberRole  role,
              gint64         except)
{
  for (guint i = 0; i < p->team->len; i++)
    {
      const Member *m = &g_array_index (p->team, Member, i);

      if (m->active && m->role == (int) role && m->id != except)
        return m->id;
    }
  return 0;
}

/* Whom a breach reaches besides the assignee: as the escalation pass
 * (crm_store_escalate_tickets) chooses — the assignee's supervisor, else the
 * customer owner's, else any supervisor, else a manager. */
static gint64
breach_supervisor (const Pass *p,
                   gint64      assignee_id,
                   gint64      owner_id)
{
  gint64 id;

  if ((id = supervisor_of (p, assignee_id)) != 0 ||
      (id = supervisor_of (p, owner_id)) != 0 ||
      (id = first_active (p, CRM_MEMBER_SUPERVISOR, assignee_id)) != 0)
    return id;
  return first_active (p, CRM_MEMBER_MANAGER, 0);
}

static gboolean
load_team (Pass    *p,
           GError **error)
{
  g_autoptr(GString) assignees = g_string_new ("[");
  sqlite3_stmt *stmt;
  int rc;

  p->team = g_array_new (FALSE, TRUE, sizeof (Member));
  g_array_set_clear_func (p->team, member_clear);

  stmt = crm_store_prepare (p->store, "SELECT id, supervisor_id, role, active, name FROM team_members ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Member m = {
        sqlite3_column_int64 (stmt, 0),
        crm_sql_column_int_or (stmt, 1, 0),
        sqlite3_column_int (stmt, 2),
        sqlite3_column_int (stmt, 3) != 0,
        crm_sql_column_dup (stmt, 4),
      };

      g_array_append_val (p->team, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (p->store, error, _("Could not read the team"));
      return FALSE;
    }

  /* a breach reaches self when self is the assignee or the assignee's
   * supervisor; when the assignee has no supervisor, maybe (through the
   * customer's owner): decided row by row */
  g_string_append_printf (assignees, "%" G_GINT64_FORMAT, p->self);
  for (guint i = 0; i < p->team->len; i++)
    {
      const Member *m = &g_array_index (p->team, Member, i);
      gint64 sup = supervisor_of (p, m->id);

      if (m->id != p->self && (sup == p->self || sup == 0))
        g_string_append_printf (assignees, ",%" G_GINT64_FORMAT, m->id);
    }
  g_string_append_c (assignees, ']');
  p->assignees = g_string_free (g_steal_pointer (&assignees), FALSE);
  return TRUE;
}

static void
bind_int64 (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* The parameters every query may use. */
static void
bind_pass (const Pass   *p,
           sqlite3_stmt *stmt)
{
  bind_int64 (stmt, ":now", p->now);
  bind_int64 (stmt, ":from", p->from);
  bind_int64 (stmt, ":self", p->self);
  bind_text (stmt, ":assignees", p->assignees);
}

static gboolean
step_failed (const Pass  *p,
             int          rc,
             GError     **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  crm_store_set_error (p->store, error, _("Could not find the reminders"));
  return TRUE;
}

/* A snooze that ended (column NULL: none) makes the reminder come at its end. */
static gint64
announce_time (sqlite3_stmt *stmt,
               int           until_column,
               gint64        announce_at)
{
  return crm_sql_column_int_or (stmt, until_column, announce_at);
}

static gboolean
same_local_day (const Pass *p,
                gint64      a,
                gint64      b)
{
  GDate da, db;

  local_date (p->tz, a, 0, &da);
  local_date (p->tz, b, 0, &db);
  return g_date_compare (&da, &db) == 0;
}

/* "14:30" today, else "2026-11-21 14:30". */
static char *
time_text (const Pass *p,
           gint64      when)
{
  if (same_local_day (p, when, p->now))
    {
      g_autoptr(GDateTime) dt = local_time (p->tz, when);

      return g_date_time_format (dt, "%H:%M");
    }
  return crm_format_datetime (when);
}

/* Who to call: the primary contact at a company, else the customer. */
static char *
who_text (const char      *customer,
          CrmCustomerKind  kind,
          const char      *contact)
{
  if (kind == CRM_CUSTOMER_COMPANY && contact != NULL && *contact != '\0')
    /* Translators: a contact person and their company, "张伟 (Acme)" */
    return g_strdup_printf (C_("contact at customer", "%s (%s)"), contact, customer);
  return g_strdup (customer);
}

static char *
followup_summary (CrmFollowupKind  kind,
                  const char      *who,
                  const char      *when)
{
  switch (kind)
    {
    case CRM_FOLLOWUP_CALL:
      /* Translators: a reminder; the first %s is who ("张伟 (Acme)"), the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("Call %s at %s"), who, when);
    case CRM_FOLLOWUP_VISIT:
      /* Translators: a reminder; the first %s is who ("张伟 (Acme)"), the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("Visit %s at %s"), who, when);
    case CRM_FOLLOWUP_EMAIL:
      /* Translators: a reminder; the first %s is who ("张伟 (Acme)"), the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("E-mail %s at %s"), who, when);
    case CRM_FOLLOWUP_GREETING:
      /* Translators: a reminder; the first %s is who ("张伟 (Acme)"), the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("Send greetings to %s at %s"), who, when);
    case CRM_FOLLOWUP_REVIEW:
      /* Translators: a reminder; the first %s is who ("张伟 (Acme)"), the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("Review with %s at %s"), who, when);
    case CRM_FOLLOWUP_CARE:
      /* Translators: a reminder; the first %s is who ("张伟 (Acme)"), the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("Check in with %s at %s"), who, when);
    case CRM_FOLLOWUP_ANALYSIS:
      /* Translators: a reminder; the first %s is a customer, the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("Analyse how %s is doing at %s"), who, when);
    case CRM_FOLLOWUP_OTHER:
    default:
      /* Translators: a reminder; the first %s is who ("张伟 (Acme)"), the second a time ("14:30") or a date and time */
      return g_strdup_printf (_("Follow up with %s at %s"), who, when);
    }
}

/* The snooze (else nothing) and the reminder log (else new): a reminder is
 * fresh when a snooze of it ended, or when it is not snoozed and not in the
 * log.  ITEM, KIND, ID and DUE are SQL. */
#define FRESH(ITEM, KIND, ID, DUE) \
  "(z.until <= :now OR (z.until IS NULL AND NOT EXISTS (SELECT 1 FROM reminder_log l" \
  " WHERE l.item_kind = " ITEM " AND l.item_id = " ID " AND l.reminder_kind = " KIND " AND l.due_at = " DUE ")))"

/* Follow-ups coming due: planned_at − lead from :from to :now, i.e. planned_at
 * from :first to :last, unless entered after their time (the morning summary
 * lists those); and those whose snooze ended, however long ago they
 * were due (from the snoozes: CROSS JOIN keeps SQLite from reading the
 * follow-ups first).  With a recipient, through followups_owner_open (owner,
 * or 0 for nobody's), else followups_open. */
#define FOLLOWUPS_SQL(INDEX, OWNER) \
  "SELECT f.id, f.customer_id, c.name, c.kind," \
  " (SELECT p.name FROM contacts p WHERE p.customer_id = f.customer_id ORDER BY p.is_primary DESC, p.id LIMIT 1)," \
  " f.kind, f.item, f.planned_at, f.owner_id, x.until" \
  " FROM (SELECT f.id AS id, z.until AS until FROM followups f " INDEX \
  "   LEFT JOIN snoozes z ON z.item_kind = 1 AND z.item_id = f.id AND z.reminder_kind = 0" \
  "   WHERE f.status = 0" OWNER " AND f.planned_at BETWEEN :first AND :last" \
  "   AND (z.until <= :now OR (z.until IS NULL AND NOT EXISTS (SELECT 1 FROM reminder_log l" \
  "    WHERE l.item_kind = 1 AND l.item_id = f.id AND l.reminder_kind = 0 AND l.due_at = f.planned_at)" \
  "    AND f.created_at <= f.planned_at))" \
  "  UNION ALL" \
  "  SELECT z.item_id, z.until FROM snoozes z CROSS JOIN followups f ON f.id = z.item_id" \
  "   WHERE z.item_kind = 1 AND z.reminder_kind = 0 AND z.until <= :now" \
  "   AND f.status = 0" OWNER " AND f.planned_at < :first) x" \
  " JOIN followups f ON f.id = x.id JOIN customers c ON c.id = f.customer_id"

#define FOLLOWUP_OWNER " AND ifnull(f.owner_id, 0) IN (:self, 0)"

static const char followups_all_sql[] = FOLLOWUPS_SQL ("", "");
static const char followups_self_sql[] = FOLLOWUPS_SQL ("INDEXED BY followups_owner_open", FOLLOWUP_OWNER);

static gboolean
add_followups (Pass    *p,
               GError **error)
{
  gint64 lead = (gint64) p->settings->lead_minutes * MINUTE;
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (p->store, p->self != 0 ? followups_self_sql : followups_all_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_pass (p, stmt);
  bind_int64 (stmt, ":first", p->from + lead);
  bind_int64 (stmt, ":last", p->now + lead);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 planned_at = sqlite3_column_int64 (stmt, 7);
      CrmReminder *r = reminder_new (CRM_REMINDER_FOLLOWUP_DUE, CRM_REMINDER_ITEM_FOLLOWUP,
                                     sqlite3_column_int64 (stmt, 0), planned_at,
                                     announce_time (stmt, 9, planned_at - lead));
      g_autofree char *who = NULL;
      g_autofree char *when = time_text (p, planned_at);

      r->customer_id = sqlite3_column_int64 (stmt, 1);
      r->customer_name = crm_sql_column_dup (stmt, 2);
      who = who_text (r->customer_name, sqlite3_column_int (stmt, 3), (const char *) sqlite3_column_text (stmt, 4));
      r->summary = followup_summary (sqlite3_column_int (stmt, 5), who, when);
      r->body = crm_sql_column_dup (stmt, 6);
      r->recipient_id = crm_sql_column_int_or (stmt, 8, 0);
      g_ptr_array_add (p->found, r);
    }
  sqlite3_reset (stmt);
  return !step_failed (p, rc, error);
}

/* The morning summary: today's, from morning_minute on, once a day (or once
 * more when snoozed), when some planned follow-ups are overdue. */
static gboolean
add_overdue_summary (Pass    *p,
                     GError **error)
{
  gint64 morning = day_at (p->tz, p->now, 0, p->settings->morning_minute);
  g_autoptr(GString) body = NULL;
  sqlite3_stmt *stmt;
  gint64 until = 0, n = 0;
  guint listed = 0;
  CrmReminder *r;
  int rc;

  if (p->now < morning)
    return TRUE;

  stmt = crm_store_prepare (p->store,
                            "SELECT until FROM snoozes WHERE item_kind = 4 AND item_id = 0 AND reminder_kind = 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    until = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    rc = SQLITE_DONE;
  if (step_failed (p, rc, error))
    return FALSE;
  if (until > p->now)
    return TRUE;

  if (until == 0)
    {
      /* once a day, whatever time the summary had */
      stmt = crm_store_prepare (p->store,
                                "SELECT 1 FROM reminder_log WHERE item_kind = 4 AND item_id = 0 AND reminder_kind = 1"
                                " AND due_at >= ?1 AND due_at < ?2",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, day_at (p->tz, p->now, 0, 0));
      sqlite3_bind_int64 (stmt, 2, day_at (p->tz, p->now, 1, 0));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        return TRUE;
      if (step_failed (p, rc, error))
        return FALSE;
    }

  stmt = crm_store_prepare (p->store,
                            p->self != 0
                            ? "SELECT count(*) FROM followups INDEXED BY followups_owner_open"
                              " WHERE status = 0 AND ifnull(owner_id, 0) IN (:self, 0) AND planned_at < :now"
                            : "SELECT count(*) FROM followups WHERE status = 0 AND planned_at < :now",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_pass (p, stmt);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return !step_failed (p, rc, error);
  if (n == 0)
    return TRUE;

  /* the latest first: yesterday's matter more than last year's (the few
   * first from the index, then their rows) */
  stmt = crm_store_prepare (p->store,
                            p->self != 0
                            ? "SELECT c.name, f.item, f.planned_at FROM"
                              " (SELECT * FROM (SELECT id, planned_at FROM followups INDEXED BY followups_owner_open"
                              "   WHERE status = 0 AND ifnull(owner_id, 0) = :self AND planned_at < :now"
                              "   ORDER BY planned_at DESC, id DESC LIMIT :lines)"
                              "  UNION ALL"
                              "  SELECT * FROM (SELECT id, planned_at FROM followups INDEXED BY followups_owner_open"
                              "   WHERE status = 0 AND ifnull(owner_id, 0) = 0 AND planned_at < :now"
                              "   ORDER BY planned_at DESC, id DESC LIMIT :lines)) x"
                              " JOIN followups f ON f.id = x.id JOIN customers c ON c.id = f.customer_id"
                              " ORDER BY x.planned_at DESC, x.id DESC LIMIT :lines"
                            : "SELECT c.name, f.item, f.planned_at FROM"
                              " (SELECT id FROM followups WHERE status = 0 AND planned_at < :now"
                              "  ORDER BY planned_at DESC, id DESC LIMIT :lines) x"
                              " JOIN followups f ON f.id = x.id JOIN customers c ON c.id = f.customer_id"
                              " ORDER BY f.planned_at DESC, f.id DESC",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_pass (p, stmt);
  bind_int64 (stmt, ":lines", BODY_LINES);
  body = g_string_new (NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *date = crm_format_date (sqlite3_column_int64 (stmt, 2));

      if (body->len > 0)
        g_string_append_c (body, '\n');
      /* Translators: a line of the overdue follow-ups' summary: customer, what to do, planned date */
      g_string_append_printf (body, C_("overdue follow-up", "%s: %s (%s)"),
                              (const char *) sqlite3_column_text (stmt, 0),
                              (const char *) sqlite3_column_text (stmt, 1), date);
      listed++;
    }
  sqlite3_reset (stmt);
  if (step_failed (p, rc, error))
    return FALSE;
  if (n > listed)
    {
      g_string_append_c (body, '\n');
      /* Translators: the last line of a list of reminders */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %d more", "and %d more", (gulong) (n - listed)),
                              (int) (n - listed));
    }

  r = reminder_new (CRM_REMINDER_FOLLOWUPS_OVERDUE, CRM_REMINDER_ITEM_DAY, 0, morning, until != 0 ? until : morning);
  r->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d overdue follow-up", "%d overdue follow-ups", (gulong) n),
                                (int) n);
  r->body = g_string_free (g_steal_pointer (&body), FALSE);
  r->recipient_id = p->self;
  g_ptr_array_add (p->found, r);
  return TRUE;
}

/* Tickets at 80 % of the target that runs now, until its deadline, while the
 * clock runs (however long ago they reached it: read from the open tickets
 * whose deadline is ahead, tickets_next).  The log is looked up for either
 * target at that deadline: a response and a resolution due at the same moment
 * are one reminder. */
#define RISK_AT "CASE WHEN t.first_response_at IS NULL THEN t.response_risk_at ELSE t.resolution_risk_at END"

static const char at_risk_sql[] =
  "SELECT t.id, t.code, t.title, t.customer_id, c.name, t.first_response_at IS NULL, t.next_due, t.assignee_id,"
  " " RISK_AT ", z.until"
  " FROM tickets t"
  " LEFT JOIN snoozes z ON z.item_kind = 2 AND z.item_id = t.id"
  "  AND z.reminder_kind = CASE WHEN t.first_response_at IS NULL THEN 2 ELSE 3 END"
  " JOIN customers c ON c.id = t.customer_id"
  " WHERE t.status IN (0, 1, 2) AND t.next_due >= :now AND t.paused_since IS NULL"
  " AND (:self = 0 OR ifnull(t.assignee_id, 0) IN (:self, 0))"
  " AND " RISK_AT " <= :now"
  " AND (z.until <= :now OR (z.until IS NULL AND NOT EXISTS (SELECT 1 FROM reminder_log l"
  "  WHERE l.item_kind = 2 AND l.item_id = t.id AND l.reminder_kind IN (2, 3) AND l.due_at = t.next_due)))";

static gboolean
add_tickets_at_risk (Pass    *p,
                     GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (p->store, at_risk_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_pass (p, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean response = sqlite3_column_int (stmt, 5) != 0;
      gint64 due = sqlite3_column_int64 (stmt, 6);
      CrmReminder *r = reminder_new (response ? CRM_REMINDER_RESPONSE_AT_RISK : CRM_REMINDER_RESOLUTION_AT_RISK,
                                     CRM_REMINDER_ITEM_TICKET, sqlite3_column_int64 (stmt, 0), due,
                                     announce_time (stmt, 9, sqlite3_column_int64 (stmt, 8)));
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *left = crm_format_due (due, p->now);

      r->customer_id = sqlite3_column_int64 (stmt, 3);
      r->customer_name = crm_sql_column_dup (stmt, 4);
      if (response)
        /* Translators: a reminder; a ticket code (TK2026000123), a customer, how long is left ("in 12 min") */
        r->summary = g_strdup_printf (_("%s for %s: response due %s"), code, r->customer_name, left);
      else
        /* Translators: a reminder; a ticket code (TK2026000123), a customer, how long is left ("in 12 min") */
        r->summary = g_strdup_printf (_("%s for %s: resolution due %s"), code, r->customer_name, left);
      r->body = crm_sql_column_dup (stmt, 2);
      r->recipient_id = crm_sql_column_int_or (stmt, 7, 0);
      g_ptr_array_add (p->found, r);
    }
  sqlite3_reset (stmt);
  return !step_failed (p, rc, error);
}

/* Open tickets past the deadline that runs now, the clock running (or the
 * deadline passed before the pause), from :from on, not announced and not
 * snoozed — read from tickets_next alone until the rows that are new; and the
 * snoozed ones whose (latest) snooze ended, however long ago they were due.
 * With a recipient, only the assignees whose breaches may reach self
 * (:assignees); the rest is decided row by row. */
#define BREACH_SCOPE \
  " t.status IN (0, 1, 2) AND (t.paused_since IS NULL OR t.next_due < t.paused_since)" \
  " AND (:self = 0 OR t.assignee_id IS NULL OR t.assignee_id IN (SELECT value FROM json_each(:assignees)))"

static const char breaches_sql[] =
  "SELECT t.id, t.code, t.title, t.customer_id, c.name, c.owner_id, t.first_response_at IS NULL, t.next_due,"
  " t.assignee_id, x.until"
  " FROM (SELECT t.id AS id, NULL AS until FROM tickets t"
  "   WHERE t.next_due >= :from AND t.next_due < :now AND" BREACH_SCOPE
  "   AND NOT EXISTS (SELECT 1 FROM reminder_log l WHERE l.item_kind = 2 AND l.item_id = t.id"
  "    AND l.reminder_kind IN (4, 5) AND l.due_at = t.next_due)"
  "   AND NOT EXISTS (SELECT 1 FROM snoozes z WHERE z.item_kind = 2 AND z.item_id = t.id AND z.reminder_kind IN (4, 5))"
  "  UNION ALL"
  "  SELECT t.id, max(z.until) FROM snoozes z CROSS JOIN tickets t ON t.id = z.item_id"
  "   WHERE z.item_kind = 2 AND z.reminder_kind IN (4, 5) AND t.next_due < :now AND" BREACH_SCOPE
  "   GROUP BY t.id HAVING max(z.until) <= :now) x"
  " JOIN tickets t ON t.id = x.id JOIN customers c ON c.id = t.customer_id";

static gboolean
add_breaches (Pass    *p,
              GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (p->store, breaches_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_pass (p, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 assignee_id = crm_sql_column_int_or (stmt, 8, 0);
      gint64 supervisor_id = breach_supervisor (p, assignee_id, crm_sql_column_int_or (stmt, 5, 0));
      gboolean response = sqlite3_column_int (stmt, 6) != 0;
      gint64 due = sqlite3_column_int64 (stmt, 7);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const Member *assignee;
      CrmReminder *r;

      if (p->self != 0 && assignee_id != 0 && assignee_id != p->self && supervisor_id != p->self)
        continue;

      r = reminder_new (response ? CRM_REMINDER_RESPONSE_BREACHED : CRM_REMINDER_RESOLUTION_BREACHED,
                        CRM_REMINDER_ITEM_TICKET, sqlite3_column_int64 (stmt, 0), due,
                        announce_time (stmt, 9, due + 1));
      r->critical = TRUE;
      r->customer_id = sqlite3_column_int64 (stmt, 3);
      r->customer_name = crm_sql_column_dup (stmt, 4);
      if (response)
        /* Translators: a reminder; a ticket code (TK2026000123) and a customer */
        r->summary = g_strdup_printf (_("Response deadline passed: %s for %s"), code, r->customer_name);
      else
        /* Translators: a reminder; a ticket code (TK2026000123) and a customer */
        r->summary = g_strdup_printf (_("Resolution deadline passed: %s for %s"), code, r->customer_name);
      assignee = member (p, assignee_id);
      if (assignee != NULL && assignee->name != NULL)
        /* Translators: the body of a breach reminder: the ticket's title, then who it is assigned to */
        r->body = g_strdup_printf (_("%s\nAssigned to %s"), (const char *) sqlite3_column_text (stmt, 2),
                                   assignee->name);
      else
        r->body = crm_sql_column_dup (stmt, 2);
      r->recipient_id = assignee_id;
      r->supervisor_id = supervisor_id;
      g_ptr_array_add (p->found, r);
    }
  sqlite3_reset (stmt);
  return !step_failed (p, rc, error);
}

/* Birthdays and anniversaries of one day (:md, and :md_leap for 29 February on
 * the 28th in other years), through customers_birthday / customers_anniversary.
 * Not when the playbook made the greeting follow-up for that year. */
#define OCCASION_SQL(COLUMN) \
  "SELECT c.id, c.name, c." COLUMN ", c.owner_id, z.until FROM customers c" \
  " LEFT JOIN snoozes z ON z.item_kind = 3 AND z.item_id = c.id AND z.reminder_kind = :kind" \
  " WHERE substr(c." COLUMN ", -5) IN (:md, :md_leap) AND c." COLUMN " IS NOT NULL" \
  " AND +c.archived = 0 AND +c.do_not_contact = 0" \
  " AND (:self = 0 OR ifnull(c.owner_id, 0) IN (:self, 0))" \
  " AND (substr(c." COLUMN ", 1, 2) = '--' OR CAST(substr(c." COLUMN ", 1, 4) AS INTEGER) < :year)" \
  " AND NOT EXISTS (SELECT 1 FROM followups g WHERE g.dedup_key = :rule || ':' || c.id || ':' || :year)" \
  " AND " FRESH ("3", ":kind", "c.id", ":day")

static const char birthdays_sql[] = OCCASION_SQL ("birthday");
static const char anniversaries_sql[] = OCCASION_SQL ("anniversary");

static gboolean
add_occasions (Pass             *p,
               CrmReminderKind   kind,
               int               days,    /* 0: today's, 1: tomorrow's */
               GError          **error)
{
  gboolean birthday = kind == CRM_REMINDER_BIRTHDAY;
  sqlite3_stmt *stmt;
  GDate date;
  char md[6], md_leap[6];
  gint64 day, announce_at;
  int year, rc;

  local_date (p->tz, p->now, days, &date);
  day = date_at (p->tz, &date, 0);
  announce_at = day_at (p->tz, day, -1, p->settings->morning_minute);
  if (announce_at > p->now)
    return TRUE;

  year = g_date_get_year (&date);
  g_snprintf (md, sizeof md, "%02d-%02d", g_date_get_month (&date), g_date_get_day (&date));
  if (g_date_get_month (&date) == G_DATE_FEBRUARY && g_date_get_day (&date) == 28 && !g_date_is_leap_year (year))
    g_strlcpy (md_leap, "02-29", sizeof md_leap);
  else
    g_strlcpy (md_leap, md, sizeof md_leap);

  stmt = crm_store_prepare (p->store, birthday ? birthdays_sql : anniversaries_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_pass (p, stmt);
  bind_int64 (stmt, ":kind", kind);
  bind_text (stmt, ":md", md);
  bind_text (stmt, ":md_leap", md_leap);
  bind_int64 (stmt, ":year", year);
  bind_int64 (stmt, ":day", day);
  bind_text (stmt, ":rule", birthday ? "birthday_greeting" : "anniversary_greeting");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 2);
      CrmReminder *r = reminder_new (kind, CRM_REMINDER_ITEM_CUSTOMER, sqlite3_column_int64 (stmt, 0), day,
                                     announce_time (stmt, 4, announce_at));
      gint64 first_year;

      r->customer_id = r->item_id;
      r->customer_name = crm_sql_column_dup (stmt, 1);
      if (birthday && days == 0)
        /* Translators: a reminder; %s is a customer */
        r->summary = g_strdup_printf (_("Birthday today: %s"), r->customer_name);
      else if (birthday)
        /* Translators: a reminder; %s is a customer */
        r->summary = g_strdup_printf (_("Birthday tomorrow: %s"), r->customer_name);
      else if (days == 0)
        /* Translators: a reminder; %s is a customer */
        r->summary = g_strdup_printf (_("Partnership anniversary today: %s"), r->customer_name);
      else
        /* Translators: a reminder; %s is a customer */
        r->summary = g_strdup_printf (_("Partnership anniversary tomorrow: %s"), r->customer_name);

      /* YYYY-MM-DD: the first year is known */
      first_year = value != NULL && g_ascii_isdigit (value[0]) ? g_ascii_strtoll (value, NULL, 10) : 0;
      if (!birthday && first_year > 0 && first_year < year)
        r->body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%d year of partnership. Send a greeting.",
                                                "%d years of partnership. Send a greeting.",
                                                (gulong) (year - first_year)),
                                   (int) (year - first_year));
      else
        r->body = g_strdup (_("Send a greeting."));
      r->recipient_id = crm_sql_column_int_or (stmt, 3, 0);
      g_ptr_array_add (p->found, r);
    }
  sqlite3_reset (stmt);
  return !step_failed (p, rc, error);
}

/* Customers whose risk turned from none to some since :from (and those whose
 * snooze ended), through customer_scores_at_risk_since. */
static const char at_risk_customers_sql[] =
  "SELECT c.id, c.name, s.health_score, s.risk, s.at_risk_since, c.owner_id, x.until"
  " FROM (SELECT s.customer_id AS id, z.until AS until FROM customer_scores s"
  "   LEFT JOIN snoozes z ON z.item_kind = 3 AND z.item_id = s.customer_id AND z.reminder_kind = 8"
  "   WHERE s.at_risk_since IS NOT NULL AND s.at_risk_since BETWEEN :from AND :now AND +s.risk > 0"
  "   AND " FRESH ("3", "8", "s.customer_id", "s.at_risk_since")
  "  UNION ALL"
  "  SELECT z.item_id, z.until FROM snoozes z CROSS JOIN customer_scores s ON s.customer_id = z.item_id"
  "   WHERE z.item_kind = 3 AND z.reminder_kind = 8 AND z.until <= :now AND s.risk > 0"
  "   AND s.at_risk_since < :from) x"
  " JOIN customer_scores s ON s.customer_id = x.id JOIN customers c ON c.id = x.id"
  " WHERE +c.archived = 0 AND (:self = 0 OR ifnull(c.owner_id, 0) IN (:self, 0))";

static gboolean
add_at_risk_customers (Pass    *p,
                       GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (p->store, at_risk_customers_sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_pass (p, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 since = sqlite3_column_int64 (stmt, 4);
      CrmReminder *r = reminder_new (CRM_REMINDER_AT_RISK_CUSTOMER, CRM_REMINDER_ITEM_CUSTOMER,
                                     sqlite3_column_int64 (stmt, 0), since, announce_time (stmt, 6, since));
      int risk = sqlite3_column_int (stmt, 3);

      r->customer_id = r->item_id;
      r->customer_name = crm_sql_column_dup (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        /* Translators: a reminder; %s is a customer, %d a health score (0–100) */
        r->summary = g_strdup_printf (_("%s is at risk: health score %d"), r->customer_name,
                                      sqlite3_column_int (stmt, 2));
      else
        /* Translators: a reminder; %s is a customer */
        r->summary = g_strdup_printf (_("%s is at risk"), r->customer_name);
      /* Translators: the body of an at-risk reminder; %s is a risk level ("Medium risk") */
      r->body = g_strdup_printf (_("%s. Find out why and plan an analysis."),
                                 crm_risk_to_string (CLAMP (risk, CRM_RISK_LOW, CRM_RISK_HIGH)));
      r->recipient_id = crm_sql_column_int_or (stmt, 5, 0);
      g_ptr_array_add (p->found, r);
    }
  sqlite3_reset (stmt);
  return !step_failed (p, rc, error);
}

/* ---- grouping ---- */

static int
compare_reminders (gconstpointer a,
                   gconstpointer b)
{
  const CrmReminder *ra = *(CrmReminder * const *) a;
  const CrmReminder *rb = *(CrmReminder * const *) b;

  if (ra->critical != rb->critical)
    return ra->critical ? -1 : 1;
  if (ra->announce_at != rb->announce_at)
    return ra->announce_at < rb->announce_at ? -1 : 1;
  if (ra->kind != rb->kind)
    return ra->kind < rb->kind ? -1 : 1;
  if (ra->item_id != rb->item_id)
    return ra->item_id < rb->item_id ? -1 : 1;
  return 0;
}

/* One reminder for many missed ones (@items, taken). */
static CrmReminder *
group_new (const Pass *p,
           GPtrArray  *items,
           gboolean    critical)
{
  gboolean not_running = p->since <= 0 || p->now - p->since > CRM_REMINDERS_MISSED_AFTER;
  gboolean after_quiet = in_quiet_hours (p->settings, p->tz, p->since) &&
                         !in_quiet_hours (p->settings, p->tz, p->now);
  gulong n = items->len;
  g_autoptr(GString) body = g_string_new (NULL);
  CrmReminder *r;

  g_ptr_array_sort (items, compare_reminders);
  r = reminder_new (CRM_REMINDER_GROUP, CRM_REMINDER_ITEM_NONE, 0, 0, 0);
  for (guint i = 0; i < items->len; i++)
    {
      const CrmReminder *item = g_ptr_array_index (items, i);

      r->due_at = MAX (r->due_at, item->due_at);
      r->announce_at = MAX (r->announce_at, item->announce_at);
      if (i < BODY_LINES)
        {
          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, item->summary);
        }
    }
  if (items->len > BODY_LINES)
    {
      g_string_append_c (body, '\n');
      /* Translators: the last line of a list of reminders */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %d more", "and %d more",
                                                 items->len - BODY_LINES),
                              (int) (items->len - BODY_LINES));
    }

  if (critical && not_running)
    r->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%d deadline passed while Rapport was not running",
                                               "%d deadlines passed while Rapport was not running", n), (int) n);
  else if (critical)
    r->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d deadline passed", "%d deadlines passed", n),
                                  (int) n);
  else if (not_running)
    r->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%d reminder while Rapport was not running",
                                               "%d reminders while Rapport was not running", n), (int) n);
  else if (after_quiet)
    r->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%d reminder held during quiet hours",
                                               "%d reminders held during quiet hours", n), (int) n);
  else
    r->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d missed reminder", "%d missed reminders", n),
                                  (int) n);
  r->body = g_string_free (g_steal_pointer (&body), FALSE);
  r->critical = critical;
  r->missed = TRUE;
  r->recipient_id = p->self;
  r->items = items;
  return r;
}

/* Marks what was missed, and groups the missed ones when there are too many. */
static GPtrArray *
finish (Pass *p)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_reminder_free);
  g_autoptr(GPtrArray) missed = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_reminder_free);
  g_autoptr(GPtrArray) missed_critical = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_reminder_free);
  gsize n = 0;
  CrmReminder **found = (CrmReminder **) g_ptr_array_steal (p->found, &n);
  guint above = (guint) MAX (p->settings->group_above, 0);

  for (gsize i = 0; i < n; i++)
    {
      CrmReminder *r = found[i];

      r->missed = r->announce_at < p->now - CRM_REMINDERS_MISSED_AFTER;
      if (r->missed && r->kind != CRM_REMINDER_FOLLOWUPS_OVERDUE)
        g_ptr_array_add (r->critical ? missed_critical : missed, r);
      else
        g_ptr_array_add (result, r);
    }
  g_free (found);

  if (missed_critical->len > above)
    g_ptr_array_add (result, group_new (p, g_steal_pointer (&missed_critical), TRUE));
  else
    g_ptr_array_extend_and_steal (result, g_steal_pointer (&missed_critical));
  if (missed->len > above)
    g_ptr_array_add (result, group_new (p, g_steal_pointer (&missed), FALSE));
  else
    g_ptr_array_extend_and_steal (result, g_steal_pointer (&missed));

  g_ptr_array_sort (result, compare_reminders);
  return g_steal_pointer (&result);
}

static gboolean
pass_init (Pass                      *p,
           CrmStore                  *store,
           gint64                     now,
           gint64                     since,
           const CrmReminderSettings *settings,
           GError                   **error)
{
  p->store = store;
  p->settings = settings;
  p->tz = g_time_zone_new_local ();
  p->now = now;
  p->since = since;
  p->from = now - (gint64) CRM_REMINDERS_CATCH_UP_HOURS * HOUR;
  p->self = settings->recipient_id;
  p->found = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_reminder_free);
  return load_team (p, error);
}

GPtrArray *
crm_reminders_due (CrmStore                  *store,
                   gint64                     now,
                   gint64                     since,
                   const CrmReminderSettings *settings,
                   GError                   **error)
{
  g_auto(Pass) p = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  if (!pass_init (&p, store, now, since, settings, error))
    return NULL;

  /* quiet hours hold all but breaches: nothing else to look for */
  if (!add_breaches (&p, error))
    return NULL;
  if (!in_quiet_hours (settings, p.tz, now) &&
      (!add_followups (&p, error) ||
       !add_overdue_summary (&p, error) ||
       !add_tickets_at_risk (&p, error) ||
       !add_occasions (&p, CRM_REMINDER_BIRTHDAY, 0, error) ||
       !add_occasions (&p, CRM_REMINDER_BIRTHDAY, 1, error) ||
       !add_occasions (&p, CRM_REMINDER_ANNIVERSARY, 0, error) ||
       !add_occasions (&p, CRM_REMINDER_ANNIVERSARY, 1, error) ||
       !add_at_risk_customers (&p, error)))
    return NULL;

  return finish (&p);
}

/* ---- after announcing ---- */

/* A snooze of one ticket target stands for the other: the target that runs changes. */
static CrmReminderKind
sibling_kind (CrmReminderKind kind)
{
  switch (kind)
    {
    case CRM_REMINDER_RESPONSE_AT_RISK:
      return CRM_REMINDER_RESOLUTION_AT_RISK;
    case CRM_REMINDER_RESOLUTION_AT_RISK:
      return CRM_REMINDER_RESPONSE_AT_RISK;
    case CRM_REMINDER_RESPONSE_BREACHED:
      return CRM_REMINDER_RESOLUTION_BREACHED;
    case CRM_REMINDER_RESOLUTION_BREACHED:
      return CRM_REMINDER_RESPONSE_BREACHED;
    case CRM_REMINDER_FOLLOWUP_DUE:
    case CRM_REMINDER_FOLLOWUPS_OVERDUE:
    case CRM_REMINDER_BIRTHDAY:
    case CRM_REMINDER_ANNIVERSARY:
    case CRM_REMINDER_AT_RISK_CUSTOMER:
    case CRM_REMINDER_GROUP:
    default:
      return kind;
    }
}

static gboolean
mark_one (CrmStore           *store,
          const CrmReminder  *reminder,
          gint64              now,
          GError            **error)
{
  sqlite3_stmt *stmt;

  if (reminder->kind == CRM_REMINDER_GROUP)
    {
      for (guint i = 0; reminder->items != NULL && i < reminder->items->len; i++)
        if (!mark_one (store, g_ptr_array_index (reminder->items, i), now, error))
          return FALSE;
      return TRUE;
    }

  stmt = crm_store_prepare (store,
                            "INSERT INTO reminder_log (item_kind, item_id, reminder_kind, due_at, sent_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)"
                            " ON CONFLICT (item_kind, item_id, reminder_kind, due_at) DO UPDATE SET sent_at = excluded.sent_at",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, reminder->item_kind);
  sqlite3_bind_int64 (stmt, 2, reminder->item_id);
  sqlite3_bind_int (stmt, 3, reminder->kind);
  sqlite3_bind_int64 (stmt, 4, reminder->due_at);
  sqlite3_bind_int64 (stmt, 5, now);
  if (!crm_store_step_done (store, stmt, error))
    return FALSE;

  stmt = crm_store_prepare (store,
                            "DELETE FROM snoozes WHERE item_kind = ?1 AND item_id = ?2 AND reminder_kind IN (?3, ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, reminder->item_kind);
  sqlite3_bind_int64 (stmt, 2, reminder->item_id);
  sqlite3_bind_int (stmt, 3, reminder->kind);
  sqlite3_bind_int (stmt, 4, sibling_kind (reminder->kind));
  return crm_store_step_done (store, stmt, error);
}

gboolean
crm_reminders_mark_sent (CrmStore           *store,
                         const CrmReminder  *reminder,
                         gint64              now,
                         GError            **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!mark_one (store, reminder, now, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}

static gboolean
snooze_one (CrmStore           *store,
            const CrmReminder  *reminder,
            gint64              until,
            GError            **error)
{
  sqlite3_stmt *stmt;

  if (reminder->kind == CRM_REMINDER_GROUP)
    {
      for (guint i = 0; reminder->items != NULL && i < reminder->items->len; i++)
        if (!snooze_one (store, g_ptr_array_index (reminder->items, i), until, error))
          return FALSE;
      return TRUE;
    }

  stmt = crm_store_prepare (store,
                            "INSERT INTO snoozes (item_kind, item_id, reminder_kind, until) VALUES (?1, ?2, ?3, ?4)"
                            " ON CONFLICT (item_kind, item_id, reminder_kind) DO UPDATE SET until = excluded.until",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, reminder->item_kind);
  sqlite3_bind_int64 (stmt, 2, reminder->item_id);
  sqlite3_bind_int (stmt, 3, reminder->kind);
  sqlite3_bind_int64 (stmt, 4, until);
  return crm_store_step_done (store, stmt, error);
}

gboolean
crm_reminders_snooze (CrmStore           *store,
                      const CrmReminder  *reminder,
                      gint64              until,
                      GError            **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  if (until <= crm_store_now (store))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("Choose a time after now."));
      return FALSE;
    }

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!snooze_one (store, reminder, until, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return crm_store_commit (store, error);
}

/* ---- the next pass ---- */

/* The first column of the first row of @stmt (bound), or 0 for none, NULL or an error; resets. */
static gint64
first_value (sqlite3_stmt *stmt)
{
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = crm_sql_column_int_or (stmt, 0, 0);
  sqlite3_reset (stmt);
  return value;
}

static void
consider (gint64 *next,
          gint64  t,
          gint64  now)
{
  if (t > now && t < *next)
    *next = t;
}

gint64
crm_reminders_next_wakeup (CrmStore                  *store,
                           gint64                     now,
                           const CrmReminderSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_auto(Pass) p = { 0 };
  gint64 lead, next = G_MAXINT64, t;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), now + MINUTE);
  g_return_val_if_fail (settings != NULL, now + MINUTE);

  if (!pass_init (&p, store, now, 0, settings, &error))
    {
      g_warning ("Could not foresee the next reminder: %s", error->message);
      return now + MINUTE;
    }
  lead = (gint64) settings->lead_minutes * MINUTE;

  /* breaches come in quiet hours too */
  stmt = crm_store_prepare (store,
                            "SELECT min(t.next_due) FROM tickets t WHERE t.next_due >= :now AND t.paused_since IS NULL AND"
                            BREACH_SCOPE,
                            NULL);
  if (stmt != NULL)
    {
      bind_pass (&p, stmt);
      if ((t = first_value (stmt)) != 0)
        consider (&next, t + 1, now);
    }

  /* the rest waits for the end of quiet hours */
  if (in_quiet_hours (settings, p.tz, now))
    consider (&next, quiet_end_after (settings, p.tz, now), now);

  if (p.self != 0)
    {
      for (guint i = 0; i < 2; i++)
        {
          stmt = crm_store_prepare (store,
                                    "SELECT min(planned_at) FROM followups INDEXED BY followups_owner_open"
                                    " WHERE status = 0 AND ifnull(owner_id, 0) = ?1 AND planned_at > ?2",
                                    NULL);
          if (stmt == NULL)
            break;
          sqlite3_bind_int64 (stmt, 1, i == 0 ? p.self : 0);
          sqlite3_bind_int64 (stmt, 2, now + lead);
          if ((t = first_value (stmt)) != 0)
            consider (&next, after_quiet_hours (settings, p.tz, t - lead), now);
        }
    }
  else
    {
      stmt = crm_store_prepare (store, "SELECT min(planned_at) FROM followups WHERE status = 0 AND planned_at > ?1", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, now + lead);
          if ((t = first_value (stmt)) != 0)
            consider (&next, after_quiet_hours (settings, p.tz, t - lead), now);
        }
    }

  stmt = crm_store_prepare (store,
                            "SELECT min(risk_at) FROM (SELECT CASE WHEN first_response_at IS NULL"
                            "  THEN response_risk_at ELSE resolution_risk_at END AS risk_at"
                            " FROM tickets WHERE status IN (0, 1, 2) AND next_due > :now AND paused_since IS NULL"
                            " AND (:self = 0 OR ifnull(assignee_id, 0) IN (:self, 0)))"
                            " WHERE risk_at > :now",
                            NULL);
  if (stmt != NULL)
    {
      bind_pass (&p, stmt);
      if ((t = first_value (stmt)) != 0)
        consider (&next, after_quiet_hours (settings, p.tz, t), now);
    }

  /* the morning summary, and the birthdays of the day after */
  t = day_at (p.tz, now, 0, settings->morning_minute);
  if (t <= now)
    t = day_at (p.tz, now, 1, settings->morning_minute);
  consider (&next, after_quiet_hours (settings, p.tz, t), now);

  stmt = crm_store_prepare (store, "SELECT min(until) FROM snoozes WHERE until > ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, now);
      if ((t = first_value (stmt)) != 0)
        consider (&next, t, now);
    }

  return next;
}
