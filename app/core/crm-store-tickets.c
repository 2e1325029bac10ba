/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-export.h"
#include "crm-store-tickets.h"
#include "crm-validate.h"
#include "crm-worktime.h"

#define HOUR                      (60 * 60)
#define COMPLAINT_FOLLOWUP_DELAY  (2 * HOUR)
#define CODE_PREFIX               "TK"
#define N_DEPARTMENTS             3

/* ---- drafts ---- */

void
crm_ticket_draft_init (CrmTicketDraft *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->category = CRM_TICKET_CONSULTATION;
  draft->level = 3;
  draft->department = -1;
}

void
crm_ticket_draft_clear (CrmTicketDraft *draft)
{
  g_clear_pointer (&draft->title, g_free);
  g_clear_pointer (&draft->description, g_free);
  crm_ticket_draft_init (draft);
}

/* Trims white space of any script (a full-width space too); empty becomes NULL. */
void
crm_ticket_draft_normalize (CrmTicketDraft *draft)
{
  crm_text_normalize (&draft->title);
  crm_text_normalize (&draft->description);
}

gboolean
crm_ticket_draft_equal (const CrmTicketDraft *a,
                        const CrmTicketDraft *b)
{
  return a->customer_id == b->customer_id &&
         a->contact_id == b->contact_id &&
         g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->description, b->description) == 0 &&
         a->category == b->category &&
         a->level == b->level &&
         a->assignee_id == b->assignee_id &&
         a->department == b->department;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

gboolean
crm_ticket_draft_validate (const CrmTicketDraft *draft,
                           CrmTicketValidation  *result)
{
  char **m = result->messages;

  memset (result, 0, sizeof *result);

  if (draft->customer_id <= 0)
    m[CRM_TICKET_FIELD_CUSTOMER] = g_strdup (_("Choose the customer."));
  if (is_blank (draft->title))
    m[CRM_TICKET_FIELD_TITLE] = g_strdup (_("Say in a few words what the problem is."));
  if (draft->level < 1 || draft->level > 3)
    m[CRM_TICKET_FIELD_LEVEL] = g_strdup (_("Choose a level from 1 to 3."));
  if ((int) draft->category < 0 || draft->category >= CRM_N_TICKET_CATEGORIES)
    m[CRM_TICKET_FIELD_CATEGORY] = g_strdup (_("Choose a category."));
  if (draft->department < -1 || draft->department >= N_DEPARTMENTS)
    m[CRM_TICKET_FIELD_DEPARTMENT] = g_strdup (_("Choose a department, or none."));

  for (guint i = 0; i < CRM_N_TICKET_FIELDS; i++)
    if (m[i] != NULL)
      return FALSE;
  return TRUE;
}

void
crm_ticket_validation_clear (CrmTicketValidation *result)
{
  for (guint i = 0; i < CRM_N_TICKET_FIELDS; i++)
    g_clear_pointer (&result->messages[i], g_free);
}

/* ---- small queries ---- */

static gint64
any_supervisor (CrmStore *store,
                gint64    except)
{
  return crm_store_query_id (store,
                   "SELECT id FROM team_members WHERE role = 1 AND active = 1 AND id IS NOT ?1"
                   " ORDER BY id LIMIT 1",
                   except, 0);
}

/* The active supervisor of a team member, or 0. */
static gint64
supervisor_of (CrmStore *store,
               gint64    member_id)
{
  if (member_id <= 0)
    return 0;
  return crm_store_query_id (store,
                   "SELECT s.id FROM team_members m JOIN team_members s ON s.id = m.supervisor_id"
                   " WHERE m.id = ?1 AND s.active = 1",
                   member_id, 0);
}

/* Level 1 is led by the service supervisor: the customer's owner when the owner
 * is a supervisor, else the owner's supervisor, else any supervisor.  Levels
 * 2–3: the customer's owner.  Else the current user. */
static gint64
default_assignee (CrmStore *store,
                  int       level,
                  gint64    owner_id)
{
  gint64 id;

  if (level == 1)
    {
      if (owner_id > 0 &&
          crm_store_query_id (store, "SELECT id FROM team_members WHERE id = ?1 AND role = 1 AND active = 1", owner_id, 0) != 0)
        return owner_id;
      if ((id = supervisor_of (store, owner_id)) != 0)
        return id;
      if ((id = any_supervisor (store, 0)) != 0)
        return id;
    }
  if (owner_id > 0)
    return owner_id;
  return crm_store_current_member (store);
}

/* Who hears of a breach: the supervisor of the assignee, else of the customer's
 * owner, else any supervisor, else a manager; 0 when there is nobody. */
static gint64
escalation_target (CrmStore *store,
                   gint64    assignee_id,
                   gint64    owner_id)
{
  gint64 id;

  if ((id = supervisor_of (store, assignee_id)) != 0 ||
      (id = supervisor_of (store, owner_id)) != 0 ||
      (id = any_supervisor (store, assignee_id)) != 0)
    return id;
  return crm_store_query_id (store, "SELECT id FROM team_members WHERE role = 2 AND active = 1 ORDER BY id LIMIT 1", 0, 0);
}

static char *
status_value (CrmTicketStatus status)
{
  return g_strdup_printf ("%d", (int) status);
}

static gboolean
parse_status (const char      *text,
              CrmTicketStatus *status)
{
  gint64 n;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, CRM_N_TICKET_STATUSES - 1, &n, NULL))
    return FALSE;
  *status = (CrmTicketStatus) n;
  return TRUE;
}

static gboolean
insert_event (CrmStore            *store,
              gint64               ticket_id,
              gint64               at,
              CrmTicketEventKind   kind,
              gint64               actor_id,
              const char          *old_value,
              const char          *new_value,
              const char          *note,
              GError             **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (store,
                                          "INSERT INTO ticket_events (ticket_id, at, kind, actor_id, old_value,"
                                          " new_value, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_int (stmt, 3, kind);
  crm_sql_bind_id_or_null (stmt, 4, actor_id);
  crm_sql_bind_text_or_null (stmt, 5, old_value);
  crm_sql_bind_text_or_null (stmt, 6, new_value);
  crm_sql_bind_text_or_null (stmt, 7, note);
  return crm_store_step_done (store, stmt, error);
}

static gboolean
insert_status_event (CrmStore            *store,
                     gint64               ticket_id,
                     gint64               at,
                     CrmTicketEventKind   kind,
                     gint64               actor_id,
                     CrmTicketStatus      from,
                     CrmTicketStatus      to,
                     const char          *note,
                     GError             **error)
{
  g_autofree char *old_value = status_value (from);
  g_autofree char *new_value = status_value (to);

  return insert_event (store, ticket_id, at, kind, actor_id, old_value, new_value, note, error);
}

/* ---- the ticket as an action sees it ---- */

typedef struct {
  gint64           id;
  gint64           customer_id;
  int              level;
  CrmTicketCategory category;
  CrmTicketStatus  status;
  gint64           assignee_id;
  gint64           created_at;
  gint64           first_response_at;
  gint64           resolved_at;
  gboolean         breached;
  gboolean         vip;           /* the customer is VIP or a key account */
  gint64           owner_id;      /* the customer's */
  gboolean         do_not_contact;
  char            *title;
} TicketRow;

static void
ticket_row_clear (TicketRow *row)
{
  g_clear_pointer (&row->title, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TicketRow, ticket_row_clear)

static gboolean
load_row (CrmStore   *store,
          gint64      ticket_id,
          TicketRow  *row,
          GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = crm_store_prepare (store,
                            "SELECT t.customer_id, t.level, t.category, t.status, t.assignee_id, t.created_at,"
                            " t.first_response_at, t.resolved_at, t.breached,"
                            " c.tier = 0 OR c.key_account > 0, c.owner_id,"   /* CRM_TIER_VIP */
                            " c.do_not_contact, t.title"
                            " FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ticket_row_clear (row);
      row->id = ticket_id;
      row->customer_id = sqlite3_column_int64 (stmt, 0);
      row->level = sqlite3_column_int (stmt, 1);
      row->category = sqlite3_column_int (stmt, 2);
      row->status = sqlite3_column_int (stmt, 3);
      row->assignee_id = crm_sql_column_int_or (stmt, 4, 0);
      row->created_at = sqlite3_column_int64 (stmt, 5);
      row->first_response_at = crm_sql_column_int_or (stmt, 6, 0);
      row->resolved_at = crm_sql_column_int_or (stmt, 7, 0);
      row->breached = sqlite3_column_int (stmt, 8) != 0;
      row->vip = sqlite3_column_int (stmt, 9) != 0;
      row->owner_id = crm_sql_column_int_or (stmt, 10, 0);
      row->do_not_contact = sqlite3_column_int (stmt, 11) != 0;
      row->title = crm_sql_column_dup (stmt, 12);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This ticket no longer exists."));
  return found;
}

/* ---- the clock ---- */

/* The spans in which the clock stood still, from the status changes of the
 * log: in Waiting on Customer, and from a resolution to a reopen (any time
 * outside New and In Progress).  The last one is open (end 0) while the ticket
 * is still there. */
static GArray *
load_pauses (CrmStore  *store,
             gint64     ticket_id,
             GError   **error)
{
  g_autoptr(GArray) pauses = g_array_new (FALSE, FALSE, sizeof (CrmSlaPause));
  sqlite3_stmt *stmt;
  gboolean running = TRUE;
  gint64 since = 0;
  int rc;

  stmt = crm_store_prepare (store,
                            "SELECT at, new_value FROM ticket_events WHERE ticket_id = ?1"
                            " AND kind IN (2, 9)"   /* CRM_TICKET_EVENT_STATUS, _REOPEN */
                            " ORDER BY at, id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = sqlite3_column_int64 (stmt, 0);
      CrmTicketStatus status;
      gboolean runs;

      if (!parse_status ((const char *) sqlite3_column_text (stmt, 1), &status))
        continue;
      runs = status <= CRM_TICKET_IN_PROGRESS;
      if (running && !runs)
        since = at;
      else if (!running && runs && at > since)
        {
          CrmSlaPause pause = { since, at };

          g_array_append_val (pauses, pause);
        }
      running = runs;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the ticket’s history"));
      return NULL;
    }

  if (!running)
    {
      CrmSlaPause pause = { since, 0 };

      g_array_append_val (pauses, pause);
    }
  return g_steal_pointer (&pauses);
}

typedef struct {
  CrmSlaStatus sla;
  gint64       paused_since;     /* 0: not waiting on the customer */
  gint64       paused_seconds;   /* the pauses that ended */
} Clock;

static gboolean
compute_clock (CrmStore         *store,
               const TicketRow  *row,
               gint64            now,
               Clock            *out,
               GError          **error)
{
  g_autoptr(GArray) pauses = NULL;
  g_autoptr(CrmWorkCalendar) cal = NULL;
  CrmSlaPolicy policy;
  CrmSlaClockInput in = { 0 };

  memset (out, 0, sizeof *out);
  if (!crm_sla_policy_load (store, row->level, row->vip, &policy, error))
    return FALSE;
  /* read each time: 0.05 ms for the default hours and two years of holidays,
   * and never out of date */
  if (policy.working_time && (cal = crm_work_calendar_load (store, NULL, error)) == NULL)
    return FALSE;
  if ((pauses = load_pauses (store, row->id, error)) == NULL)
    return FALSE;

  in.created_at = row->created_at;
  in.first_response_at = row->first_response_at;
  in.resolved_at = row->resolved_at;
  in.pauses = (const CrmSlaPause *) (void *) pauses->data;
  in.n_pauses = pauses->len;
  crm_sla_compute (&policy, cal, &in, now, &out->sla);

  for (guint i = 0; i < pauses->len; i++)
    {
      const CrmSlaPause *pause = &g_array_index (pauses, CrmSlaPause, i);

      if (pause->end != 0)
        out->paused_seconds += pause->end - pause->start;
      else if (row->status == CRM_TICKET_WAITING)
        out->paused_since = pause->start;
    }
  return TRUE;
}

/* Stores what the clock says now: the deadlines, the moments at risk, the
 * deadline that matters (next_due), the pause, and the breached flag (which,
 * once set, stays: the ticket was late). */
static gboolean
store_clock (CrmStore   *store,
             gint64      ticket_id,
             gint64      now,
             GError    **error)
{
  g_auto(TicketRow) row = { 0 };
  sqlite3_stmt *stmt;
  Clock clock;
  gboolean breached;

  if (!load_row (store, ticket_id, &row, error) ||
      !compute_clock (store, &row, now, &clock, error))
    return FALSE;

  breached = row.breached ||
             clock.sla.response.state == CRM_SLA_BREACHED ||
             clock.sla.resolution.state == CRM_SLA_BREACHED;

  stmt = crm_store_prepare (store,
                            "UPDATE tickets SET response_due = ?2, resolution_due = ?3, response_risk_at = ?4,"
                            " resolution_risk_at = ?5, next_due = ?6, paused_since = ?7, paused_seconds = ?8,"
                            " breached = ?9 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, clock.sla.response.due);
  sqlite3_bind_int64 (stmt, 3, clock.sla.resolution.due);
  sqlite3_bind_int64 (stmt, 4, clock.sla.response.at_risk_at);
  sqlite3_bind_int64 (stmt, 5, clock.sla.resolution.at_risk_at);
  if (row.status < CRM_TICKET_RESOLVED)
    sqlite3_bind_int64 (stmt, 6, row.first_response_at == 0 ? clock.sla.response.due : clock.sla.resolution.due);
  crm_sql_bind_id_or_null (stmt, 7, clock.paused_since);
  sqlite3_bind_int64 (stmt, 8, clock.paused_seconds);
  sqlite3_bind_int (stmt, 9, breached ? 1 : 0);
  return crm_store_step_done (store, stmt, error);
}

/* ---- codes ---- */

/* The highest sequence number of the year's codes already in use. */
static gint64
highest_code_number (CrmStore *store,
                     int       year)
{
  g_autofree char *pattern = g_strdup_printf (CODE_PREFIX "%04d[0-9][0-9][0-9][0-9][0-9][0-9]*", year);
  sqlite3_stmt *stmt = crm_store_prepare (store, "SELECT max(CAST(substr(code, 7) AS INTEGER)) FROM tickets"
                                                 " WHERE code GLOB ?1", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* "TK" + the year + a 6-digit sequence: the numbering of the demo data, from
 * the same code_sequences row, so that codes continue after it.  A code taken
 * by a row the sequence does not know of moves the sequence past it. */
static char *
next_ticket_code (CrmStore  *store,
                  gint64     now,
                  GError   **error)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  int year = local != NULL ? g_date_time_get_year (local) : 1970;

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      sqlite3_stmt *stmt;
      g_autofree char *code = NULL;
      gint64 last;

      stmt = crm_store_prepare (store,
                                "INSERT INTO code_sequences (prefix, year, last) VALUES (?1, ?2, 1)"
                                " ON CONFLICT (prefix, year) DO UPDATE SET last = max(last + 1, ?3)"
                                " RETURNING last",
                                error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, CODE_PREFIX, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, year);
      sqlite3_bind_int64 (stmt, 3, attempt == 0 ? 0 : highest_code_number (store, year) + 1);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          crm_store_set_error (store, error, _("Could not save"));
          sqlite3_reset (stmt);
          return NULL;
        }
      last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      code = g_strdup_printf (CODE_PREFIX "%04d%06" G_GINT64_FORMAT, year, last);
      stmt = crm_store_prepare (store, "SELECT 1 FROM tickets WHERE code = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return g_steal_pointer (&code);
        }
      sqlite3_reset (stmt);
    }

  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED, _("Could not number the ticket."));
  return NULL;
}

/* ---- creating and editing ---- */

static gboolean
draft_error (const CrmTicketValidation  *validation,
             GError                    **error)
{
  for (guint i = 0; i < CRM_N_TICKET_FIELDS; i++)
    if (validation->messages[i] != NULL)
      return crm_store_fail_invalid (error, validation->messages[i]);
  return FALSE;
}

static void
copy_draft (CrmTicketDraft       *draft,
            const CrmTicketDraft *input)
{
  *draft = *input;
  draft->title = g_strdup (input->title);
  draft->description = g_strdup (input->description);
  crm_ticket_draft_normalize (draft);
}

/* What the draft refers to exists and belongs together. */
static gboolean
check_references (CrmStore              *store,
                  const CrmTicketDraft  *draft,
                  GError               **error)
{
  if (crm_store_query_id (store, "SELECT id FROM customers WHERE id = ?1", draft->customer_id, 0) == 0)
    return crm_store_fail_invalid (error, _("This customer no longer exists."));
  if (draft->contact_id > 0 &&
      crm_store_query_id (store, "SELECT id FROM contacts WHERE id = ?1 AND customer_id = ?2",
                draft->contact_id, draft->customer_id) == 0)
    return crm_store_fail_invalid (error, _("This contact does not belong to the customer."));
  if (draft->assignee_id > 0 &&
      crm_store_query_id (store, "SELECT id FROM team_members WHERE id = ?1", draft->assignee_id, 0) == 0)
    return crm_store_fail_invalid (error, _("This person is no longer on the team."));
  return TRUE;
}

static gint64
assignee_for (CrmStore             *store,
              const CrmTicketDraft *draft)
{
  if (draft->assignee_id > 0)
    return draft->assignee_id;
  return default_assignee (store, draft->level,
                           crm_store_query_id (store, "SELECT owner_id FROM customers WHERE id = ?1", draft->customer_id, 0));
}

static void
bind_department (sqlite3_stmt *stmt,
                 int           index,
                 int           department)
{
  if (department >= 0)
    sqlite3_bind_int (stmt, index, department);
  else
    sqlite3_bind_null (stmt, index);
}

gint64
crm_store_create_ticket (CrmStore             *store,
                         const CrmTicketDraft *input,
                         GError              **error)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_auto(CrmTicketValidation) validation = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *created = NULL;
  gint64 now = crm_store_now (store);
  gint64 ticket_id, assignee_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (input != NULL, 0);

  copy_draft (&draft, input);
  if (!crm_ticket_draft_validate (&draft, &validation))
    return draft_error (&validation, error);

  if (!crm_store_begin (store, error))
    return 0;
  if (!check_references (store, &draft, error) ||
      (code = next_ticket_code (store, now, error)) == NULL)
    goto fail;
  assignee_id = assignee_for (store, &draft);

  stmt = crm_store_prepare (store,
                            "INSERT INTO tickets (code, customer_id, contact_id, title, description, level, category,"
                            " status, assignee_id, department, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?10, ?10)",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, draft.customer_id);
  crm_sql_bind_id_or_null (stmt, 3, draft.contact_id);
  sqlite3_bind_text (stmt, 4, draft.title, -1, SQLITE_TRANSIENT);
  crm_sql_bind_text_or_null (stmt, 5, draft.description);
  sqlite3_bind_int (stmt, 6, draft.level);
  sqlite3_bind_int (stmt, 7, draft.category);
  crm_sql_bind_id_or_null (stmt, 8, assignee_id);
  bind_department (stmt, 9, draft.department);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  ticket_id = sqlite3_last_insert_rowid (crm_store_get_db (store));

  created = status_value (CRM_TICKET_NEW);
  if (!insert_event (store, ticket_id, now, CRM_TICKET_EVENT_CREATED, crm_store_current_member (store), NULL, created, NULL,
                     error) ||
      !store_clock (store, ticket_id, now, error))
    goto fail;

  crm_store_note_change (store, CRM_CHANGE_TICKET, ticket_id);
  if (!crm_store_commit (store, error))
    return 0;
  return ticket_id;

fail:
  crm_store_rollback (store);
  return 0;
}

gboolean
crm_store_update_ticket (CrmStore             *store,
                         gint64                ticket_id,
                         const CrmTicketDraft *input,
                         GError              **error)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_auto(CrmTicketValidation) validation = { 0 };
  g_auto(TicketRow) row = { 0 };
  gint64 now = crm_store_now (store);
  gint64 me, assignee_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  copy_draft (&draft, input);
  if (!crm_ticket_draft_validate (&draft, &validation))
    return draft_error (&validation, error);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (!load_row (store, ticket_id, &row, error) ||
      !check_references (store, &draft, error))
    goto fail;
  assignee_id = assignee_for (store, &draft);
  me = crm_store_current_member (store);

  stmt = crm_store_prepare (store,
                            "UPDATE tickets SET customer_id = ?2, contact_id = ?3, title = ?4, description = ?5,"
                            " level = ?6, category = ?7, assignee_id = ?8, department = ?9, updated_at = ?10"
                            " WHERE id = ?1",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, draft.customer_id);
  crm_sql_bind_id_or_null (stmt, 3, draft.contact_id);
  sqlite3_bind_text (stmt, 4, draft.title, -1, SQLITE_TRANSIENT);
  crm_sql_bind_text_or_null (stmt, 5, draft.description);
  sqlite3_bind_int (stmt, 6, draft.level);
  sqlite3_bind_int (stmt, 7, draft.category);
  crm_sql_bind_id_or_null (stmt, 8, assignee_id);
  bind_department (stmt, 9, draft.department);
  sqlite3_bind_int64 (stmt, 10, now);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;

  if (draft.level != row.level)
    {
      g_autofree char *old_value = g_strdup_printf ("%d", row.level);
      g_autofree char *new_value = g_strdup_printf ("%d", draft.level);

      if (!insert_event (store, ticket_id, now, CRM_TICKET_EVENT_LEVEL, me, old_value, new_value, NULL, error))
        goto fail;
    }
  if (assignee_id != row.assignee_id)
    {
      g_autofree char *old_value = row.assignee_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, row.assignee_id) : NULL;
      g_autofree char *new_value = assignee_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, assignee_id) : NULL;

      if (!insert_event (store, ticket_id, now, CRM_TICKET_EVENT_REASSIGN, me, old_value, new_value, NULL, error))
        goto fail;
    }
  /* a level or a customer (VIP or not) changes the policy */
  if (!store_clock (store, ticket_id, now, error))
    goto fail;

  crm_store_note_change (store, CRM_CHANGE_TICKET, ticket_id);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

gboolean
crm_store_load_ticket_draft (CrmStore        *store,
                             gint64           ticket_id,
                             CrmTicketDraft  *draft,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  stmt = crm_store_prepare (store,
                            "SELECT customer_id, contact_id, title, description, category, level, assignee_id,"
                            " department FROM tickets WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      crm_ticket_draft_clear (draft);
      draft->customer_id = sqlite3_column_int64 (stmt, 0);
      draft->contact_id = crm_sql_column_int_or (stmt, 1, 0);
      draft->title = crm_sql_column_dup (stmt, 2);
      draft->description = crm_sql_column_dup (stmt, 3);
      draft->category = sqlite3_column_int (stmt, 4);
      draft->level = sqlite3_column_int (stmt, 5);
      draft->assignee_id = crm_sql_column_int_or (stmt, 6, 0);
      draft->department = (int) crm_sql_column_int_or (stmt, 7, -1);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This ticket no longer exists."));
  return found;
}

/* ---- the steps of a ticket ---- */

/* Every step: begin, read the row, …, then the clock again and commit. */
static gboolean
begin_step (CrmStore   *store,
            gint64      ticket_id,
            TicketRow  *row,
            GError    **error)
{
  if (!crm_store_begin (store, error))
    return FALSE;
  if (!load_row (store, ticket_id, row, error))
    {
      crm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
finish_step (CrmStore  *store,
             gint64     ticket_id,
             gint64     now,
             GError   **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (store, "UPDATE tickets SET updated_at = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!crm_store_step_done (store, stmt, error) ||
      !store_clock (store, ticket_id, now, error))
    goto fail;
  crm_store_note_change (store, CRM_CHANGE_TICKET, ticket_id);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

static gboolean
fail_step (CrmStore *store)
{
  crm_store_rollback (store);
  return FALSE;
}

/* Runs an UPDATE of the ticket with ?1 = its id and ?2 = now. */
static gboolean
update_row (CrmStore    *store,
            const char  *sql,
            gint64       ticket_id,
            gint64       now,
            GError     **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, now);
  return crm_store_step_done (store, stmt, error);
}

static char *
dup_note (const char *note)
{
  char *copy = g_strdup (note);

  crm_text_normalize (&copy);
  return copy;
}

gboolean
crm_store_respond_ticket (CrmStore    *store,
                          gint64       ticket_id,
                          const char  *text,
                          GError     **error)
{
  g_auto(TicketRow) row = { 0 };
  g_autofree char *note = dup_note (text);
  gint64 now = crm_store_now (store);
  gint64 me;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!begin_step (store, ticket_id, &row, error))
    return FALSE;
  me = crm_store_current_member (store);

  if (!insert_event (store, ticket_id, now, CRM_TICKET_EVENT_RESPONSE, me, NULL, NULL, note, error))
    return fail_step (store);
  if (row.first_response_at == 0 && row.status < CRM_TICKET_RESOLVED &&
      !update_row (store, "UPDATE tickets SET first_response_at = ?2 WHERE id = ?1", ticket_id, now, error))
    return fail_step (store);
  if (row.status == CRM_TICKET_NEW &&
      (!update_row (store, "UPDATE tickets SET status = 1 WHERE id = ?1" /* In Progress */,
                    ticket_id, now, error) ||
       !insert_status_event (store, ticket_id, now, CRM_TICKET_EVENT_STATUS, me,
                             CRM_TICKET_NEW, CRM_TICKET_IN_PROGRESS, NULL, error)))
    return fail_step (store);

  return finish_step (store, ticket_id, now, error);
}

gboolean
crm_store_comment_ticket (CrmStore    *store,
                          gint64       ticket_id,
                          const char  *text,
                          GError     **error)
{
  g_auto(TicketRow) row = { 0 };
  g_autofree char *note = dup_note (text);
  gint64 now = crm_store_now (store);

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (note == NULL)
    return crm_store_fail_invalid (error, _("Write the comment first."));
  if (!begin_step (store, ticket_id, &row, error))
    return FALSE;
  if (!insert_event (store, ticket_id, now, CRM_TICKET_EVENT_COMMENT, crm_store_current_member (store), NULL, NULL, note, error))
    return fail_step (store);
  return finish_step (store, ticket_id, now, error);
}

gboolean
crm_store_move_ticket (CrmStore         *store,
                       gint64            ticket_id,
                       CrmTicketStatus   status,
                       const char       *text,
                       GError          **error)
{
  g_auto(TicketRow) row = { 0 };
  g_autofree char *note = dup_note (text);
  gint64 now = crm_store_now (store);
  gint64 me;
  gboolean reopen;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if ((int) status < 0 || status >= CRM_N_TICKET_STATUSES)
    return crm_store_fail_invalid (error, _("There is no such column."));
  if (status == CRM_TICKET_RESOLVED)
    return crm_store_fail_invalid (error, _("Resolve the ticket with its resolution."));

  if (!begin_step (store, ticket_id, &row, error))
    return FALSE;
  if (row.status == status)
    {
      crm_store_rollback (store);
      return TRUE;
    }
  if (status == CRM_TICKET_CLOSED && row.status != CRM_TICKET_RESOLVED)
    {
      crm_store_rollback (store);
      return crm_store_fail_invalid (error, _("Only a resolved ticket can be closed."));
    }

  me = crm_store_current_member (store);
  /* a reopen: the clock resumes where it stopped (the span since the
   * resolution is a pause), and the solution is no longer confirmed */
  reopen = row.status >= CRM_TICKET_RESOLVED && status < CRM_TICKET_RESOLVED;

  {
    sqlite3_stmt *stmt = crm_store_prepare (store,
                                            reopen
                                            ? "UPDATE tickets SET status = ?2, resolved_at = NULL, closed_at = NULL,"
                                              " confirmed_at = NULL WHERE id = ?1"
                                            : "UPDATE tickets SET status = ?2,"
                                              " closed_at = CASE WHEN ?2 = 4 THEN ?3 ELSE closed_at END"
                                              " WHERE id = ?1",
                                            error);

    if (stmt == NULL)
      return fail_step (store);
    sqlite3_bind_int64 (stmt, 1, ticket_id);
    sqlite3_bind_int (stmt, 2, status);
    if (!reopen)
      sqlite3_bind_int64 (stmt, 3, now);
    if (!crm_store_step_done (store, stmt, error))
      return fail_step (store);
  }

  if (!insert_status_event (store, ticket_id, now, reopen ? CRM_TICKET_EVENT_REOPEN : CRM_TICKET_EVENT_STATUS, me,
                            row.status, status, note, error))
    return fail_step (store);

  return finish_step (store, ticket_id, now, error);
}

static gboolean
plan_complaint_followup (CrmStore         *store,
                         const TicketRow  *row,
                         gint64            now,
                         gint64            me,
                         gint64           *followup_id,
                         GError          **error)
{
  g_autofree char *item = NULL;
  g_autofree char *dedup = NULL;
  sqlite3_stmt *stmt;
  gint64 n_resolutions;
  gint64 owner_id = row->owner_id > 0 ? row->owner_id : row->assignee_id > 0 ? row->assignee_id : me;

  n_resolutions = crm_store_query_id (store,
                            "SELECT count(*) FROM ticket_events WHERE ticket_id = ?1"
                            " AND kind = 7",   /* CRM_TICKET_EVENT_RESOLUTION */
                            row->id, 0);
  /* one per resolution: a reopened complaint resolved again is called again */
  dedup = g_strdup_printf ("complaint_followup:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, row->id, n_resolutions);
  /* Translators: a follow-up call planned when a complaint ticket is resolved; %s is the ticket's title */
  item = g_strdup_printf (_("Complaint follow-up: %s"), row->title);

  stmt = crm_store_prepare (store,
                            "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id, rule_key,"
                            " rule_reason, dedup_key, source_ticket_id, created_at, updated_at)"
                            " VALUES (?1, 0, ?2, 0, ?3, ?4, 'complaint_followup',"   /* a call, planned */
                            " ?5, ?6, ?7, ?8, ?8) ON CONFLICT (dedup_key) DO NOTHING",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->customer_id);
  sqlite3_bind_text (stmt, 2, item, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now + COMPLAINT_FOLLOWUP_DELAY);
  crm_sql_bind_id_or_null (stmt, 4, owner_id);
  sqlite3_bind_text (stmt, 5, _("A resolved complaint gets a follow-up call within 2 hours."), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, dedup, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, row->id);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!crm_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (crm_store_get_db (store)) > 0)
    {
      *followup_id = sqlite3_last_insert_rowid (crm_store_get_db (store));
      crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, *followup_id);
    }
  return TRUE;
}

gboolean
crm_store_resolve_ticket (CrmStore    *store,
                          gint64       ticket_id,
                          const char  *resolution_text,
                          const char  *compensation_text,
                          gint64      *followup_id,
                          GError     **error)
{
  g_auto(TicketRow) row = { 0 };
  g_autofree char *resolution = dup_note (resolution_text);
  g_autofree char *compensation = dup_note (compensation_text);
  gint64 now = crm_store_now (store);
  gint64 followup = 0;
  sqlite3_stmt *stmt;
  gint64 me;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (followup_id != NULL)
    *followup_id = 0;
  if (resolution == NULL)
    return crm_store_fail_invalid (error, _("Describe how the problem was solved."));

  if (!begin_step (store, ticket_id, &row, error))
    return FALSE;
  if (row.status >= CRM_TICKET_RESOLVED)
    {
      crm_store_rollback (store);
      return crm_store_fail_invalid (error, _("This ticket is already resolved."));
    }
  me = crm_store_current_member (store);

  stmt = crm_store_prepare (store,
                            "UPDATE tickets SET status = 3, resolved_at = ?2,"   /* Resolved */
                            " resolution = ?3, compensation = ?4 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return fail_step (store);
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, resolution, -1, SQLITE_TRANSIENT);
  crm_sql_bind_text_or_null (stmt, 4, compensation);
  if (!crm_store_step_done (store, stmt, error) ||
      !insert_event (store, ticket_id, now, CRM_TICKET_EVENT_RESOLUTION, me, NULL, NULL, resolution, error) ||
      !insert_status_event (store, ticket_id, now, CRM_TICKET_EVENT_STATUS, me, row.status, CRM_TICKET_RESOLVED,
                            NULL, error))
    return fail_step (store);

  /* DOMAIN.md: a complaint gets a follow-up visit within 2 hours of its resolution */
  if (row.category == CRM_TICKET_COMPLAINT && !row.do_not_contact &&
      !plan_complaint_followup (store, &row, now, me, &followup, error))
    return fail_step (store);

  if (!finish_step (store, ticket_id, now, error))
    return FALSE;
  if (followup_id != NULL)
    *followup_id = followup;
  return TRUE;
}

gboolean
crm_store_confirm_ticket (CrmStore    *store,
                          gint64       ticket_id,
                          const char  *text,
                          GError     **error)
{
  g_auto(TicketRow) row = { 0 };
  g_autofree char *note = dup_note (text);
  gint64 now = crm_store_now (store);

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!begin_step (store, ticket_id, &row, error))
    return FALSE;
  if (row.status < CRM_TICKET_RESOLVED)
    {
      crm_store_rollback (store);
      return crm_store_fail_invalid (error, _("The customer can confirm a solution only once the ticket is resolved."));
    }
  if (!update_row (store, "UPDATE tickets SET confirmed_at = ?2 WHERE id = ?1", ticket_id, now, error) ||
      !insert_event (store, ticket_id, now, CRM_TICKET_EVENT_CONFIRMATION, crm_store_current_member (store), NULL, NULL, note,
                     error))
    return fail_step (store);
  return finish_step (store, ticket_id, now, error);
}

gboolean
crm_store_reassign_ticket (CrmStore    *store,
                           gint64       ticket_id,
                           gint64       assignee_id,
                           GError     **error)
{
  g_auto(TicketRow) row = { 0 };
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (!begin_step (store, ticket_id, &row, error))
    return FALSE;
  if (MAX (assignee_id, 0) == row.assignee_id)
    {
      crm_store_rollback (store);
      return TRUE;
    }
  if (assignee_id > 0 && crm_store_query_id (store, "SELECT id FROM team_members WHERE id = ?1", assignee_id, 0) == 0)
    {
      crm_store_rollback (store);
      return crm_store_fail_invalid (error, _("This person is no longer on the team."));
    }

  stmt = crm_store_prepare (store, "UPDATE tickets SET assignee_id = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return fail_step (store);
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  crm_sql_bind_id_or_null (stmt, 2, assignee_id);
  if (!crm_store_step_done (store, stmt, error))
    return fail_step (store);

  if (row.assignee_id > 0)
    old_value = g_strdup_printf ("%" G_GINT64_FORMAT, row.assignee_id);
  if (assignee_id > 0)
    new_value = g_strdup_printf ("%" G_GINT64_FORMAT, assignee_id);
  if (!insert_event (store, ticket_id, now, CRM_TICKET_EVENT_REASSIGN, crm_store_current_member (store), old_value, new_value,
                     NULL, error))
    return fail_step (store);
  return finish_step (store, ticket_id, now, error);
}

gboolean
crm_store_set_ticket_level (CrmStore    *store,
                            gint64       ticket_id,
                            int          level,
                            GError     **error)
{
  g_auto(TicketRow) row = { 0 };
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (level < 1 || level > 3)
    return crm_store_fail_invalid (error, _("Choose a level from 1 to 3."));
  if (!begin_step (store, ticket_id, &row, error))
    return FALSE;
  if (row.level == level)
    {
      crm_store_rollback (store);
      return TRUE;
    }

  stmt = crm_store_prepare (store, "UPDATE tickets SET level = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return fail_step (store);
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int (stmt, 2, level);
  if (!crm_store_step_done (store, stmt, error))
    return fail_step (store);

  old_value = g_strdup_printf ("%d", row.level);
  new_value = g_strdup_printf ("%d", level);
  if (!insert_event (store, ticket_id, now, CRM_TICKET_EVENT_LEVEL, crm_store_current_member (store), old_value, new_value,
                     NULL, error))
    return fail_step (store);
  /* the deadlines again from creation, with the new level's policy */
  return finish_step (store, ticket_id, now, error);
}

/* ---- escalation ---- */

typedef struct {
  gint64   id;
  gint64   due;
  gboolean response;
  gint64   assignee_id;
  gint64   owner_id;
} Breach;

guint
crm_store_escalate_tickets (CrmStore  *store,
                            GError   **error)
{
  g_autoptr(GArray) breaches = g_array_new (FALSE, FALSE, sizeof (Breach));
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);

  if (!crm_store_begin (store, error))
    return 0;

  /* open and running (a paused ticket's deadline moves), past the deadline
   * that matters now, and not escalated for that very deadline (the ticket
   * keeps the last one it was escalated for: all of it is in tickets_next,
   * so the pass reads an index range and the rows it escalates) */
  stmt = crm_store_prepare (store,
                            "SELECT t.id, t.next_due, t.first_response_at IS NULL, t.assignee_id, c.owner_id"
                            " FROM tickets t JOIN customers c ON c.id = t.customer_id"
                            " WHERE t.status IN (0, 1, 2) AND t.next_due < ?1 AND t.paused_since IS NULL"
                            " AND t.escalated_due IS NOT t.next_due",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Breach b = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int (stmt, 2) != 0,
        crm_sql_column_int_or (stmt, 3, 0),
        crm_sql_column_int_or (stmt, 4, 0),
      };

      g_array_append_val (breaches, b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not check the deadlines"));
      goto fail;
    }

  for (guint i = 0; i < breaches->len; i++)
    {
      const Breach *b = &g_array_index (breaches, Breach, i);
      g_autofree char *due = g_strdup_printf ("%" G_GINT64_FORMAT, b->due);

      if (!insert_event (store, b->id, now, CRM_TICKET_EVENT_ESCALATION,
                         escalation_target (store, b->assignee_id, b->owner_id),
                         due, b->response ? "response" : "resolution", NULL, error) ||
          !update_row (store, "UPDATE tickets SET breached = 1, escalated_at = ?2, escalated_due = next_due,"
                       " updated_at = ?2 WHERE id = ?1",
                       b->id, now, error))
        goto fail;
    }

  /* many at once: one "reload everything" instead of one signal per ticket */
  if (breaches->len > 0)
    crm_store_note_change (store, CRM_CHANGE_TICKET,
                           breaches->len == 1 ? g_array_index (breaches, Breach, 0).id : 0);
  if (!crm_store_commit (store, error))
    return 0;
  return breaches->len;

fail:
  crm_store_rollback (store);
  return 0;
}

/* ---- reading ---- */

gint64
crm_store_count_open_tickets (CrmStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);

  /* three ranges of tickets_next */
  stmt = crm_store_prepare (store, "SELECT count(*) FROM tickets WHERE status IN (0, 1, 2)", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
crm_store_get_ticket_sla (CrmStore      *store,
                          gint64         ticket_id,
                          CrmSlaStatus  *status,
                          GError       **error)
{
  g_auto(TicketRow) row = { 0 };
  Clock clock;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  if (!load_row (store, ticket_id, &row, error) ||
      !compute_clock (store, &row, crm_store_now (store), &clock, error))
    return FALSE;
  *status = clock.sla;
  return TRUE;
}

static void
ticket_event_free (gpointer data)
{
  CrmTicketEvent *event = data;

  g_free (event->actor_name);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event->note);
  g_free (event);
}

void
crm_ticket_detail_free (CrmTicketDetail *detail)
{
  if (detail == NULL)
    return;
  g_free (detail->code);
  g_free (detail->customer_name);
  g_free (detail->customer_code);
  g_free (detail->contact_name);
  g_free (detail->title);
  g_free (detail->description);
  g_free (detail->assignee_name);
  g_free (detail->resolution);
  g_free (detail->compensation);
  g_clear_pointer (&detail->events, g_ptr_array_unref);
  g_free (detail);
}

/* The log, oldest first.  A reassignment's old and new values are the ids the
 * log stores; here they become the names (NULL: nobody). */
static gboolean
load_events (CrmStore         *store,
             CrmTicketDetail  *detail,
             GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (store,
                            "SELECT e.id, e.kind, e.at, a.name, e.old_value, e.new_value, e.note,"
                            " (SELECT name FROM team_members WHERE id = CAST(e.old_value AS INTEGER)),"
                            " (SELECT name FROM team_members WHERE id = CAST(e.new_value AS INTEGER))"
                            " FROM ticket_events e LEFT JOIN team_members a ON a.id = e.actor_id"
                            " WHERE e.ticket_id = ?1 ORDER BY e.at, e.id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, detail->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmTicketEvent *event = g_new0 (CrmTicketEvent, 1);
      gboolean reassign;

      event->id = sqlite3_column_int64 (stmt, 0);
      event->kind = sqlite3_column_int (stmt, 1);
      event->at = sqlite3_column_int64 (stmt, 2);
      event->actor_name = crm_sql_column_dup (stmt, 3);
      reassign = event->kind == CRM_TICKET_EVENT_REASSIGN;
      event->old_value = crm_sql_column_dup (stmt, reassign ? 7 : 4);
      event->new_value = crm_sql_column_dup (stmt, reassign ? 8 : 5);
      event->note = crm_sql_column_dup (stmt, 6);
      g_ptr_array_add (detail->events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the ticket’s history"));
      return FALSE;
    }
  return TRUE;
}

CrmTicketDetail *
crm_store_load_ticket_detail (CrmStore  *store,
                              gint64     ticket_id,
                              GError   **error)
{
  g_autoptr(CrmTicketDetail) detail = NULL;
  g_auto(TicketRow) row = { 0 };
  sqlite3_stmt *stmt;
  Clock clock;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = crm_store_prepare (store,
                            "SELECT t.code, t.customer_id, c.name, c.code, t.contact_id, ct.name, t.title,"
                            " t.description, t.level, t.category, t.status, t.assignee_id, m.name, t.department,"
                            " t.created_at, t.first_response_at, t.resolved_at, t.closed_at, t.confirmed_at,"
                            " t.breached, t.resolution, t.compensation"
                            " FROM tickets t JOIN customers c ON c.id = t.customer_id"
                            " LEFT JOIN contacts ct ON ct.id = t.contact_id"
                            " LEFT JOIN team_members m ON m.id = t.assignee_id"
                            " WHERE t.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      detail = g_new0 (CrmTicketDetail, 1);
      detail->id = ticket_id;
      detail->code = crm_sql_column_dup (stmt, 0);
      detail->customer_id = sqlite3_column_int64 (stmt, 1);
      detail->customer_name = crm_sql_column_dup (stmt, 2);
      detail->customer_code = crm_sql_column_dup (stmt, 3);
      detail->contact_id = crm_sql_column_int_or (stmt, 4, 0);
      detail->contact_name = crm_sql_column_dup (stmt, 5);
      detail->title = crm_sql_column_dup (stmt, 6);
      detail->description = crm_sql_column_dup (stmt, 7);
      detail->level = sqlite3_column_int (stmt, 8);
      detail->category = sqlite3_column_int (stmt, 9);
      detail->status = sqlite3_column_int (stmt, 10);
      detail->assignee_id = crm_sql_column_int_or (stmt, 11, 0);
      detail->assignee_name = crm_sql_column_dup (stmt, 12);
      detail->department = (int) crm_sql_column_int_or (stmt, 13, -1);
      detail->created_at = sqlite3_column_int64 (stmt, 14);
      detail->first_response_at = crm_sql_column_int_or (stmt, 15, 0);
      detail->resolved_at = crm_sql_column_int_or (stmt, 16, 0);
      detail->closed_at = crm_sql_column_int_or (stmt, 17, 0);
      detail->confirmed_at = crm_sql_column_int_or (stmt, 18, 0);
      detail->breached = sqlite3_column_int (stmt, 19) != 0;
      detail->resolution = crm_sql_column_dup (stmt, 20);
      detail->compensation = crm_sql_column_dup (stmt, 21);
      detail->events = g_ptr_array_new_with_free_func (ticket_event_free);
    }
  sqlite3_reset (stmt);

  if (detail == NULL)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This ticket no longer exists."));
      return NULL;
    }

  if (!load_events (store, detail, error) ||
      !load_row (store, ticket_id, &row, error) ||
      !compute_clock (store, &row, crm_store_now (store), &clock, error))
    return NULL;
  detail->sla = clock.sla;

  return g_steal_pointer (&detail);
}

/* ---- the log as text ---- */

static const char *
status_name (const char *value)
{
  CrmTicketStatus status;

  return parse_status (value, &status) ? crm_ticket_status_to_string (status) : NULL;
}

static const char *
level_name (const char *value)
{
  gint64 level;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 1, 3, &level, NULL))
    return NULL;
  return crm_ticket_level_to_string ((int) level);
}

char *
crm_ticket_event_describe (const CrmTicketEvent *event)
{
  const char *from, *to;

  g_return_val_if_fail (event != NULL, NULL);

  switch (event->kind)
    {
    case CRM_TICKET_EVENT_RESPONSE:
      return g_strdup (_("Responded to the customer"));

    case CRM_TICKET_EVENT_STATUS:
      from = status_name (event->old_value);
      to = status_name (event->new_value);
      if (from != NULL && to != NULL)
        /* Translators: a status change in a ticket's log, "Status: New → In Progress" */
        return g_strdup_printf (_("Status: %s → %s"), from, to);
      if (to != NULL)
        /* Translators: a ticket's log, "Status: In Progress" */
        return g_strdup_printf (_("Status: %s"), to);
      break;

    case CRM_TICKET_EVENT_REASSIGN:
      /* Translators: a ticket's log; the assignee before and after, "Assigned: Li Na → Wang Fang" */
      return g_strdup_printf (_("Assigned: %s → %s"),
                              event->old_value != NULL ? event->old_value : _("nobody"),
                              event->new_value != NULL ? event->new_value : _("nobody"));

    case CRM_TICKET_EVENT_LEVEL:
      from = level_name (event->old_value);
      to = level_name (event->new_value);
      if (from != NULL && to != NULL)
        /* Translators: a ticket's log, "Level: Level 3 — General → Level 1 — Urgent" */
        return g_strdup_printf (_("Level: %s → %s"), from, to);
      break;

    case CRM_TICKET_EVENT_ESCALATION:
      if (g_strcmp0 (event->new_value, "response") == 0)
        return g_strdup (_("Escalated to the supervisor: the response deadline passed"));
      if (g_strcmp0 (event->new_value, "resolution") == 0)
        return g_strdup (_("Escalated to the supervisor: the resolution deadline passed"));
      return g_strdup (_("Escalated to the supervisor"));

    case CRM_TICKET_EVENT_REOPEN:
      from = status_name (event->old_value);
      to = status_name (event->new_value);
      if (from != NULL && to != NULL)
        /* Translators: a ticket's log, "Reopened: Resolved → In Progress" */
        return g_strdup_printf (_("Reopened: %s → %s"), from, to);
      return g_strdup (_("Reopened"));

    case CRM_TICKET_EVENT_CONFIRMATION:
      return g_strdup (_("The customer confirmed it is solved"));

    case CRM_TICKET_EVENT_CREATED:
    case CRM_TICKET_EVENT_COMMENT:
    case CRM_TICKET_EVENT_RESOLUTION:
    default:
      break;
    }

  /* "Ticket opened", "Comment", "Resolved", … */
  return g_strdup (crm_ticket_event_kind_to_string (event->kind));
}

/* ---- export ---- */

gboolean
crm_store_export_tickets_csv (CrmStore     *store,
                              const char   *path,
                              gboolean      bom,
                              GError      **error)
{
  return crm_export_csv (store, "tickets", path, bom, error);
}
