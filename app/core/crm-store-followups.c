/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-followups"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-playbook.h"
#include "crm-store-followups.h"
#include "crm-validate.h"

#define DAY             (24 * 60 * 60)
#define MAX_AHEAD       (5 * 366 * DAY)
#define COMPLAINT_RULE  "complaint_followup"

/* ---- states ---- */

CrmFollowupState
crm_followup_state_for (CrmFollowupStatus status,
                        gint64            planned_at,
                        gint64            now)
{
  switch (status)
    {
    case CRM_FOLLOWUP_DONE:
      return CRM_FOLLOWUP_STATE_DONE;
    case CRM_FOLLOWUP_SKIPPED:
      return CRM_FOLLOWUP_STATE_SKIPPED;
    case CRM_FOLLOWUP_PLANNED:
    default:
      return planned_at < now ? CRM_FOLLOWUP_STATE_OVERDUE : CRM_FOLLOWUP_STATE_PLANNED;
    }
}

const char *
crm_followup_state_to_string (CrmFollowupState state)
{
  switch (state)
    {
    case CRM_FOLLOWUP_STATE_DONE:    return C_("follow-up status", "Done");
    case CRM_FOLLOWUP_STATE_SKIPPED: return C_("follow-up status", "Skipped");
    case CRM_FOLLOWUP_STATE_OVERDUE: return C_("follow-up status", "Overdue");
    case CRM_FOLLOWUP_STATE_PLANNED:
    case CRM_N_FOLLOWUP_STATES:
    default:                         return C_("follow-up status", "Planned");
    }
}

/* ---- texts ---- */

/* Trims white space of any script (a full-width space too); empty becomes NULL. */
static char *
dup_normalized (const char *text)
{
  char *copy = g_strdup (text);

  crm_text_normalize (&copy);
  return copy;
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

static gboolean
valid_kind (CrmFollowupKind kind)
{
  return (int) kind >= 0 && kind < CRM_N_FOLLOWUP_KINDS;
}

/* ---- drafts ---- */

void
crm_followup_draft_init (CrmFollowupDraft *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->kind = CRM_FOLLOWUP_CALL;
}

void
crm_followup_draft_clear (CrmFollowupDraft *draft)
{
  g_clear_pointer (&draft->item, g_free);
  g_clear_pointer (&draft->notes, g_free);
  crm_followup_draft_init (draft);
}

void
crm_followup_draft_normalize (CrmFollowupDraft *draft)
{
  crm_text_normalize (&draft->item);
  crm_text_normalize (&draft->notes);
}

gboolean
crm_followup_draft_equal (const CrmFollowupDraft *a,
                          const CrmFollowupDraft *b)
{
  return a->customer_id == b->customer_id &&
         a->kind == b->kind &&
         g_strcmp0 (a->item, b->item) == 0 &&
         a->planned_at == b->planned_at &&
         a->owner_id == b->owner_id &&
         g_strcmp0 (a->notes, b->notes) == 0;
}

gboolean
crm_followup_draft_validate (const CrmFollowupDraft *draft,
                             gint64                  now,
                             CrmFollowupValidation  *result)
{
  char **m = result->messages;

  memset (result, 0, sizeof *result);

  if (draft->customer_id <= 0)
    m[CRM_FOLLOWUP_FIELD_CUSTOMER] = g_strdup (_("Choose the customer."));
  if (!valid_kind (draft->kind))
    m[CRM_FOLLOWUP_FIELD_KIND] = g_strdup (_("Choose a kind of follow-up."));
  if (is_blank (draft->item))
    m[CRM_FOLLOWUP_FIELD_ITEM] = g_strdup (_("Say in a few words what is to be done."));
  if (draft->planned_at <= 0)
    m[CRM_FOLLOWUP_FIELD_PLANNED_AT] = g_strdup (_("Enter when it is planned."));
  else if (draft->planned_at > now + MAX_AHEAD)
    m[CRM_FOLLOWUP_FIELD_PLANNED_AT] = g_strdup (_("This is more than five years ahead."));

  for (guint i = 0; i < CRM_N_FOLLOWUP_FIELDS; i++)
    if (m[i] != NULL)
      return FALSE;
  return TRUE;
}

void
crm_followup_validation_clear (CrmFollowupValidation *result)
{
  for (guint i = 0; i < CRM_N_FOLLOWUP_FIELDS; i++)
    g_clear_pointer (&result->messages[i], g_free);
}

/* ---- small queries ---- */

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This follow-up no longer exists."));
  return FALSE;
}

static gboolean
check_customer_and_owner (CrmStore  *store,
                          gint64     customer_id,
                          gint64     owner_id,
                          GError   **error)
{
  if (crm_store_query_id (store, "SELECT id FROM customers WHERE id = ?1", customer_id, 0) == 0)
    return crm_store_fail_invalid (error, _("This customer no longer exists."));
  if (owner_id > 0 && crm_store_query_id (store, "SELECT id FROM team_members WHERE id = ?1", owner_id, 0) == 0)
    return crm_store_fail_invalid (error, _("This team member no longer exists."));
  return TRUE;
}

static gboolean
first_message (char   **messages,
               guint    n,
               GError **error)
{
  for (guint i = 0; i < n; i++)
    if (messages[i] != NULL)
      return crm_store_fail_invalid (error, messages[i]);
  return TRUE;
}

/* ---- creating and editing ---- */

static CrmFollowupDraft
copy_draft (const CrmFollowupDraft *input)
{
  CrmFollowupDraft draft = *input;

  draft.item = dup_normalized (input->item);
  draft.notes = dup_normalized (input->notes);
  return draft;
}

gint64
crm_store_create_followup (CrmStore               *store,
                           const CrmFollowupDraft *input,
                           GError                **error)
{
  g_auto(CrmFollowupDraft) draft = { 0 };
  g_auto(CrmFollowupValidation) validation = { 0 };
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;
  gint64 owner_id;
  gint64 id;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (input != NULL, 0);

  draft = copy_draft (input);
  if (!crm_followup_draft_validate (&draft, now, &validation))
    {
      first_message (validation.messages, CRM_N_FOLLOWUP_FIELDS, error);
      return 0;
    }

  if (!crm_store_begin (store, error))
    return 0;
  if (!check_customer_and_owner (store, draft.customer_id, draft.owner_id, error))
    goto fail;

  owner_id = draft.owner_id;
  if (owner_id <= 0)
    owner_id = crm_store_query_id (store, "SELECT owner_id FROM customers WHERE id = ?1", draft.customer_id, 0);
  if (owner_id <= 0)
    owner_id = crm_store_current_member (store);

  stmt = crm_store_prepare (store,
                            "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id, notes,"
                            " created_at, updated_at) VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?7)",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, draft.customer_id);
  sqlite3_bind_int (stmt, 2, draft.kind);
  sqlite3_bind_text (stmt, 3, draft.item, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, draft.planned_at);
  crm_sql_bind_id_or_null (stmt, 5, owner_id);
  crm_sql_bind_text_or_null (stmt, 6, draft.notes);
  sqlite3_bind_int64 (stmt, 7, now);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (crm_store_get_db (store));

  crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, id);
  if (!crm_store_commit (store, error))
    return 0;
  return id;

fail:
  crm_store_rollback (store);
  return 0;
}

gboolean
crm_store_update_followup (CrmStore               *store,
                           gint64                  followup_id,
                           const CrmFollowupDraft *input,
                           GError                **error)
{
  g_auto(CrmFollowupDraft) draft = { 0 };
  g_auto(CrmFollowupValidation) validation = { 0 };
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  draft = copy_draft (input);
  if (!crm_followup_draft_validate (&draft, now, &validation))
    return first_message (validation.messages, CRM_N_FOLLOWUP_FIELDS, error);

  if (!crm_store_begin (store, error))
    return FALSE;
  if (crm_store_query_id (store, "SELECT id FROM followups WHERE id = ?1", followup_id, 0) == 0)
    {
      not_found (error);
      goto fail;
    }
  if (!check_customer_and_owner (store, draft.customer_id, draft.owner_id, error))
    goto fail;

  stmt = crm_store_prepare (store,
                            "UPDATE followups SET customer_id = ?2, kind = ?3, item = ?4, planned_at = ?5,"
                            " owner_id = ?6, notes = ?7, updated_at = ?8 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  sqlite3_bind_int64 (stmt, 2, draft.customer_id);
  sqlite3_bind_int (stmt, 3, draft.kind);
  sqlite3_bind_text (stmt, 4, draft.item, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, draft.planned_at);
  crm_sql_bind_id_or_null (stmt, 6, draft.owner_id);
  crm_sql_bind_text_or_null (stmt, 7, draft.notes);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;

  crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, followup_id);
  return crm_store_commit (store, error);

fail:
  crm_store_rollback (store);
  return FALSE;
}

gboolean
crm_store_load_followup (CrmStore          *store,
                         gint64             followup_id,
                         CrmFollowupDraft  *draft,
                         GError           **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  stmt = crm_store_prepare (store,
                            "SELECT customer_id, kind, item, planned_at, owner_id, notes FROM followups WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      crm_followup_draft_clear (draft);
      draft->customer_id = sqlite3_column_int64 (stmt, 0);
      draft->kind = sqlite3_column_int (stmt, 1);
      draft->item = crm_sql_column_dup (stmt, 2);
      draft->planned_at = sqlite3_column_int64 (stmt, 3);
      draft->owner_id = crm_sql_column_int_or (stmt, 4, 0);
      draft->notes = crm_sql_column_dup (stmt, 5);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    return not_found (error);
  return TRUE;
}

/* ---- the whole row ---- */

void
crm_followup_free (CrmFollowup *followup)
{
  if (followup == NULL)
    return;
  g_free (followup->customer_name);
  g_free (followup->customer_code);
  g_free (followup->item);
  g_free (followup->result);
  g_free (followup->next_step);
  g_free (followup->notes);
  g_free (followup->skip_reason);
  g_free (followup->late_reason);
  g_free (followup->owner_name);
  g_free (followup->rule_key);
  g_free (followup->rule_reason);
  g_free (followup);
}

CrmFollowup *
crm_store_get_followup (CrmStore  *store,
                        gint64     followup_id,
                        GError   **error)
{
  g_autoptr(CrmFollowup) f = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  stmt = crm_store_prepare (store,
                            "SELECT f.customer_id, c.name, c.code, f.kind, f.item, f.status, f.planned_at,"
                            " f.actual_at, f.result, f.next_step, f.notes, f.skip_reason, f.late_reason,"
                            " f.satisfaction, f.owner_id, m.name, f.rule_key, f.rule_reason, f.previous_id,"
                            " (SELECT n.id FROM followups n WHERE n.previous_id = f.id ORDER BY n.id LIMIT 1),"
                            " f.source_interaction_id, f.source_ticket_id, f.created_at, f.updated_at"
                            " FROM followups f JOIN customers c ON c.id = f.customer_id"
                            " LEFT JOIN team_members m ON m.id = f.owner_id WHERE f.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      f = g_new0 (CrmFollowup, 1);
      f->id = followup_id;
      f->customer_id = sqlite3_column_int64 (stmt, 0);
      f->customer_name = crm_sql_column_dup (stmt, 1);
      f->customer_code = crm_sql_column_dup (stmt, 2);
      f->kind = sqlite3_column_int (stmt, 3);
      f->item = crm_sql_column_dup (stmt, 4);
      f->status = sqlite3_column_int (stmt, 5);
      f->planned_at = sqlite3_column_int64 (stmt, 6);
      f->actual_at = crm_sql_column_int_or (stmt, 7, 0);
      f->result = crm_sql_column_dup (stmt, 8);
      f->next_step = crm_sql_column_dup (stmt, 9);
      f->notes = crm_sql_column_dup (stmt, 10);
      f->skip_reason = crm_sql_column_dup (stmt, 11);
      f->late_reason = crm_sql_column_dup (stmt, 12);
      f->satisfaction = (int) crm_sql_column_int_or (stmt, 13, 0);
      f->owner_id = crm_sql_column_int_or (stmt, 14, 0);
      f->owner_name = crm_sql_column_dup (stmt, 15);
      f->rule_key = crm_sql_column_dup (stmt, 16);
      f->rule_reason = crm_sql_column_dup (stmt, 17);
      f->previous_id = crm_sql_column_int_or (stmt, 18, 0);
      f->next_id = crm_sql_column_int_or (stmt, 19, 0);
      f->source_interaction_id = crm_sql_column_int_or (stmt, 20, 0);
      f->source_ticket_id = crm_sql_column_int_or (stmt, 21, 0);
      f->created_at = sqlite3_column_int64 (stmt, 22);
      f->updated_at = sqlite3_column_int64 (stmt, 23);
      f->state = crm_followup_state_for (f->status, f->planned_at, crm_store_now (store));
    }
  sqlite3_reset (stmt);

  if (f == NULL)
    not_found (error);
  return g_steal_pointer (&f);
}

/* ---- the steps ---- */

void
crm_followup_result_init (CrmFollowupResult *result)
{
  memset (result, 0, sizeof *result);
  result->next_kind = CRM_FOLLOWUP_CALL;
}

void
crm_followup_result_clear (CrmFollowupResult *result)
{
  g_clear_pointer (&result->result, g_free);
  g_clear_pointer (&result->late_reason, g_free);
  g_clear_pointer (&result->next_step, g_free);
  crm_followup_result_init (result);
}

void
crm_followup_result_normalize (CrmFollowupResult *result)
{
  crm_text_normalize (&result->result);
  crm_text_normalize (&result->late_reason);
  crm_text_normalize (&result->next_step);
}

gboolean
crm_followup_needs_late_reason (const CrmFollowup *followup,
                                gint64             actual_at)
{
  return followup != NULL &&
         g_strcmp0 (followup->rule_key, COMPLAINT_RULE) == 0 &&
         actual_at > followup->planned_at;
}

gboolean
crm_followup_result_validate (const CrmFollowupResult     *result,
                              const CrmFollowup           *followup,
                              gint64                       now,
                              CrmFollowupResultValidation *validation)
{
  char **m = validation->messages;
  gboolean has_next = !is_blank (result->next_step);

  memset (validation, 0, sizeof *validation);

  if (is_blank (result->result))
    m[CRM_FOLLOWUP_RESULT_FIELD_RESULT] = g_strdup (_("Say what came of it."));
  if (result->actual_at <= 0)
    m[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT] = g_strdup (_("Enter when it was done."));
  else if (result->actual_at > now + DAY)
    m[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT] =
      g_strdup (_("This is more than a day ahead: record it when it has been done."));
  if (result->satisfaction < 0 || result->satisfaction > 5)
    m[CRM_FOLLOWUP_RESULT_FIELD_SATISFACTION] = g_strdup (_("Satisfaction is from 1 to 5."));
  if (result->actual_at > 0 && is_blank (result->late_reason) &&
      crm_followup_needs_late_reason (followup, result->actual_at))
    m[CRM_FOLLOWUP_RESULT_FIELD_LATE_REASON] =
      g_strdup (_("A complaint follow-up done after its planned time needs the reason it is late."));
  if (has_next && !valid_kind (result->next_kind))
    m[CRM_FOLLOWUP_RESULT_FIELD_NEXT_KIND] = g_strdup (_("Choose a kind of follow-up."));
  if (has_next && result->next_planned_at <= 0)
    m[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] = g_strdup (_("Say when the next step is planned."));
  else if (!has_next && result->next_planned_at > 0)
    m[CRM_FOLLOWUP_RESULT_FIELD_NEXT_STEP] = g_strdup (_("Say what the next step is, or clear its date."));
  else if (has_next && result->actual_at > 0 && result->next_planned_at < result->actual_at)
    m[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] =
      g_strdup (_("The next step cannot be planned before this one was done."));
  else if (has_next && result->next_planned_at > now + MAX_AHEAD)
    m[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] = g_strdup (_("This is more than five years ahead."));

  for (guint i = 0; i < CRM_N_FOLLOWUP_RESULT_FIELDS; i++)
    if (m[i] != NULL)
      return FALSE;
  return TRUE;
}

void
crm_followup_result_validation_clear (CrmFollowupResultValidation *validation)
{
  for (guint i = 0; i < CRM_N_FOLLOWUP_RESULT_FIELDS; i++)
    g_clear_pointer (&validation->messages[i], g_free);
}

/* Opens the step's transaction and loads the follow-up; refuses a done or
 * skipped one.  On FALSE nothing is open. */
/* @done_too: a done follow-up is accepted as well (amending its result) */
static CrmFollowup *
begin_step (CrmStore  *store,
            gint64     followup_id,
            gboolean   done_too,
            GError   **error)
{
  g_autoptr(CrmFollowup) followup = NULL;

  if (!crm_store_begin (store, error))
    return NULL;
  followup = crm_store_get_followup (store, followup_id, error);
  if (followup == NULL)
    {
      crm_store_rollback (store);
      return NULL;
    }
  if (followup->status != CRM_FOLLOWUP_PLANNED &&
      !(done_too && followup->status == CRM_FOLLOWUP_DONE))
    {
      crm_store_rollback (store);
      crm_store_fail_invalid (error, followup->status == CRM_FOLLOWUP_DONE
                      ? _("This follow-up is already done.")
                      : _("This follow-up was skipped."));
      return NULL;
    }
  return g_steal_pointer (&followup);
}

static gboolean
finish_step (CrmStore  *store,
             gint64     followup_id,
             GError   **error)
{
  crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, followup_id);
  return crm_store_commit (store, error);
}

static gboolean
fail_step (CrmStore *store)
{
  crm_store_rollback (store);
  return FALSE;
}

static CrmFollowup *
begin_open_step (CrmStore  *store,
                 gint64     followup_id,
                 GError   **error)
{
  return begin_step (store, followup_id, FALSE, error);
}

static gboolean
record_result (CrmStore                *store,
               gint64                   followup_id,
               const CrmFollowupResult *input,
               gboolean                 amend,
               gint64                  *next_id,
               GError                 **error)
{
  g_auto(CrmFollowupResult) result = { 0 };
  g_auto(CrmFollowupResultValidation) validation = { 0 };
  g_autoptr(CrmFollowup) followup = NULL;
  gint64 now = crm_store_now (store);
  gint64 next = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (next_id != NULL)
    *next_id = 0;

  result = *input;
  result.result = dup_normalized (input->result);
  result.late_reason = dup_normalized (input->late_reason);
  result.next_step = dup_normalized (input->next_step);

  followup = begin_step (store, followup_id, amend, error);
  if (followup == NULL)
    return FALSE;
  if (!crm_followup_result_validate (&result, followup, now, &validation))
    {
      first_message (validation.messages, CRM_N_FOLLOWUP_RESULT_FIELDS, error);
      return fail_step (store);
    }
  if (result.next_step != NULL && result.next_owner_id > 0 &&
      crm_store_query_id (store, "SELECT id FROM team_members WHERE id = ?1", result.next_owner_id, 0) == 0)
    {
      crm_store_fail_invalid (error, _("This team member no longer exists."));
      return fail_step (store);
    }

  stmt = crm_store_prepare (store,
                            "UPDATE followups SET status = 1, actual_at = ?2, result = ?3, satisfaction = ?4,"
                            " late_reason = ?5, next_step = ?6, updated_at = ?7 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return fail_step (store);
  sqlite3_bind_int64 (stmt, 1, followup_id);
  sqlite3_bind_int64 (stmt, 2, result.actual_at);
  sqlite3_bind_text (stmt, 3, result.result, -1, SQLITE_TRANSIENT);
  if (result.satisfaction > 0)
    sqlite3_bind_int (stmt, 4, result.satisfaction);
  crm_sql_bind_text_or_null (stmt, 5, result.late_reason);
  crm_sql_bind_text_or_null (stmt, 6, result.next_step);
  sqlite3_bind_int64 (stmt, 7, now);
  if (!crm_store_step_done (store, stmt, error))
    return fail_step (store);

  if (result.next_step != NULL)
    {
      gint64 owner_id = result.next_owner_id > 0 ? result.next_owner_id : followup->owner_id;

      stmt = crm_store_prepare (store,
                                "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id,"
                                " previous_id, created_at, updated_at) VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?7)",
                                error);
      if (stmt == NULL)
        return fail_step (store);
      sqlite3_bind_int64 (stmt, 1, followup->customer_id);
      sqlite3_bind_int (stmt, 2, result.next_kind);
      sqlite3_bind_text (stmt, 3, result.next_step, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, result.next_planned_at);
      crm_sql_bind_id_or_null (stmt, 5, owner_id);
      sqlite3_bind_int64 (stmt, 6, followup_id);
      sqlite3_bind_int64 (stmt, 7, now);
      if (!crm_store_step_done (store, stmt, error))
        return fail_step (store);
      next = sqlite3_last_insert_rowid (crm_store_get_db (store));
      crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, next);
    }

  /* DOMAIN.md: the satisfaction result decides the next visit */
  if (result.satisfaction > 0 &&
      !crm_playbook_apply_followup_satisfaction (store, followup_id, NULL, error))
    return fail_step (store);

  if (!finish_step (store, followup_id, error))
    return FALSE;
  if (next_id != NULL)
    *next_id = next;
  return TRUE;
}

gboolean
crm_store_complete_followup (CrmStore                *store,
                             gint64                   followup_id,
                             const CrmFollowupResult *result,
                             gint64                  *next_id,
                             GError                 **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return record_result (store, followup_id, result, FALSE, next_id, error);
}

gboolean
crm_store_amend_followup_result (CrmStore                *store,
                                 gint64                   followup_id,
                                 const CrmFollowupResult *result,
                                 gint64                  *next_id,
                                 GError                 **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return record_result (store, followup_id, result, TRUE, next_id, error);
}

gboolean
crm_store_mark_followup_done (CrmStore  *store,
                              gint64     followup_id,
                              GError   **error)
{
  g_auto(CrmFollowupResult) result = { 0 };

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  crm_followup_result_init (&result);
  result.result = g_strdup (_("Marked done from a reminder"));
  result.actual_at = crm_store_now (store);
  return record_result (store, followup_id, &result, FALSE, NULL, error);
}

gboolean
crm_store_skip_followup (CrmStore    *store,
                         gint64       followup_id,
                         const char  *reason_text,
                         GError     **error)
{
  g_autofree char *reason = dup_normalized (reason_text);
  g_autoptr(CrmFollowup) followup = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (reason == NULL)
    return crm_store_fail_invalid (error, _("Say why it is skipped."));

  followup = begin_open_step (store, followup_id, error);
  if (followup == NULL)
    return FALSE;

  stmt = crm_store_prepare (store, "UPDATE followups SET status = 2, skip_reason = ?2, updated_at = ?3 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return fail_step (store);
  sqlite3_bind_int64 (stmt, 1, followup_id);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, crm_store_now (store));
  if (!crm_store_step_done (store, stmt, error))
    return fail_step (store);

  return finish_step (store, followup_id, error);
}

gboolean
crm_store_reschedule_followup (CrmStore  *store,
                               gint64     followup_id,
                               gint64     planned_at,
                               GError   **error)
{
  g_autoptr(CrmFollowup) followup = NULL;
  gint64 now = crm_store_now (store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (planned_at <= 0)
    return crm_store_fail_invalid (error, _("Enter when it is planned."));
  if (planned_at > now + MAX_AHEAD)
    return crm_store_fail_invalid (error, _("This is more than five years ahead."));

  followup = begin_open_step (store, followup_id, error);
  if (followup == NULL)
    return FALSE;
  if (followup->planned_at == planned_at)
    {
      crm_store_rollback (store);
      return TRUE;
    }

  stmt = crm_store_prepare (store, "UPDATE followups SET planned_at = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return fail_step (store);
  sqlite3_bind_int64 (stmt, 1, followup_id);
  sqlite3_bind_int64 (stmt, 2, planned_at);
  sqlite3_bind_int64 (stmt, 3, now);
  if (!crm_store_step_done (store, stmt, error))
    return fail_step (store);

  return finish_step (store, followup_id, error);
}

/* ---- deleting, and undoing it ---- */

#define FOLLOWUP_COLUMNS \
  "id, customer_id, kind, item, status, planned_at, actual_at, result, next_step, notes, skip_reason," \
  " satisfaction, owner_id, rule_key, rule_reason, dedup_key, source_interaction_id, source_ticket_id," \
  " created_at, updated_at, previous_id, late_reason"
#define N_FOLLOWUP_COLUMNS 22
#define DEDUP_COLUMN       15

struct _CrmDeletedFollowup
{
  sqlite3_value  *row[N_FOLLOWUP_COLUMNS];
  GArray         *linked;   /* gint64: the follow-ups made as its next step */
};

void
crm_deleted_followup_free (CrmDeletedFollowup *deleted)
{
  if (deleted == NULL)
    return;
  for (guint i = 0; i < N_FOLLOWUP_COLUMNS; i++)
    sqlite3_value_free (deleted->row[i]);
  g_clear_pointer (&deleted->linked, g_array_unref);
  g_free (deleted);
}

CrmDeletedFollowup *
crm_store_delete_followup (CrmStore  *store,
                           gint64     followup_id,
                           GError   **error)
{
  g_autoptr(CrmDeletedFollowup) deleted = g_new0 (CrmDeletedFollowup, 1);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  deleted->linked = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!crm_store_begin (store, error))
    return NULL;

  stmt = crm_store_prepare (store, "SELECT " FOLLOWUP_COLUMNS " FROM followups WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (guint i = 0; i < N_FOLLOWUP_COLUMNS; i++)
        deleted->row[i] = sqlite3_value_dup (sqlite3_column_value (stmt, (int) i));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      not_found (error);
      goto fail;
    }

  stmt = crm_store_prepare (store, "SELECT id FROM followups WHERE previous_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (deleted->linked, id);
    }
  sqlite3_reset (stmt);

  /* a rule's follow-up the user deleted is not made again */
  if (sqlite3_value_type (deleted->row[DEDUP_COLUMN]) != SQLITE_NULL)
    {
      stmt = crm_store_prepare (store,
                                "INSERT INTO followup_dismissed (dedup_key, dismissed_at) VALUES (?1, ?2)"
                                " ON CONFLICT (dedup_key) DO UPDATE SET dismissed_at = excluded.dismissed_at",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_value (stmt, 1, deleted->row[DEDUP_COLUMN]);
      sqlite3_bind_int64 (stmt, 2, crm_store_now (store));
      if (!crm_store_step_done (store, stmt, error))
        goto fail;
    }

  stmt = crm_store_prepare (store, "DELETE FROM followups WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;

  crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, followup_id);
  if (!crm_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&deleted);

fail:
  crm_store_rollback (store);
  return NULL;
}

gboolean
crm_store_restore_followup (CrmStore            *store,
                            CrmDeletedFollowup  *deleted,
                            GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (deleted != NULL, FALSE);

  if (!crm_store_begin (store, error))
    return FALSE;

  if (sqlite3_value_type (deleted->row[DEDUP_COLUMN]) != SQLITE_NULL)
    {
      stmt = crm_store_prepare (store, "DELETE FROM followup_dismissed WHERE dedup_key = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_value (stmt, 1, deleted->row[DEDUP_COLUMN]);
      if (!crm_store_step_done (store, stmt, error))
        goto fail;
    }

  stmt = crm_store_prepare (store,
                            "INSERT INTO followups (" FOLLOWUP_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                            " ?17, ?18, ?19, ?20, ?21, ?22)",
                            error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < N_FOLLOWUP_COLUMNS; i++)
    sqlite3_bind_value (stmt, (int) i + 1, deleted->row[i]);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  /* a rule made the same one again meanwhile (its key was taken) */
  if (sqlite3_changes (crm_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                           _("This follow-up cannot be restored: it exists again."));
      goto fail;
    }

  for (guint i = 0; i < deleted->linked->len; i++)
    {
      stmt = crm_store_prepare (store, "UPDATE followups SET previous_id = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, g_array_index (deleted->linked, gint64, i));
      sqlite3_bind_value (stmt, 2, deleted->row[0]);
      if (!crm_store_step_done (store, stmt, error))
        goto fail;
    }

  crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, sqlite3_value_int64 (deleted->row[0]));
  return crm_store_commit (store, error);

fail:
  if (error != NULL && *error == NULL)
    crm_store_set_error (store, error, _("Could not undo"));
  crm_store_rollback (store);
  return FALSE;
}
