/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-interactions"

#include <glib/gi18n-lib.h>

#include "crm-store-interactions.h"
#include "crm-validate.h"

#define DAY (24 * 60 * 60)
#define MAX_DURATION_MIN (24 * 60)

/* ---- drafts ---- */

void
crm_interaction_draft_init (CrmInteractionDraft *draft)
{
  memset (draft, 0, sizeof *draft);
  draft->channel = CRM_CHANNEL_PHONE;
  draft->duration_min = -1;
}

void
crm_interaction_draft_clear (CrmInteractionDraft *draft)
{
  g_clear_pointer (&draft->subject, g_free);
  g_clear_pointer (&draft->summary, g_free);
  g_clear_pointer (&draft->feedback, g_free);
  g_clear_pointer (&draft->participants, g_free);
  g_clear_pointer (&draft->next_action, g_free);
  crm_interaction_draft_init (draft);
}

void
crm_interaction_draft_normalize (CrmInteractionDraft *draft)
{
  crm_text_normalize (&draft->subject);
  crm_text_normalize (&draft->summary);
  crm_text_normalize (&draft->feedback);
  crm_text_normalize (&draft->participants);
  crm_text_normalize (&draft->next_action);
}

gboolean
crm_interaction_draft_equal (const CrmInteractionDraft *a,
                             const CrmInteractionDraft *b)
{
  return a->customer_id == b->customer_id &&
         a->contact_id == b->contact_id &&
         a->owner_id == b->owner_id &&
         a->channel == b->channel &&
         a->occurred_at == b->occurred_at &&
         a->duration_min == b->duration_min &&
         g_strcmp0 (a->subject, b->subject) == 0 &&
         g_strcmp0 (a->summary, b->summary) == 0 &&
         g_strcmp0 (a->feedback, b->feedback) == 0 &&
         a->feedback_category_id == b->feedback_category_id &&
         g_strcmp0 (a->participants, b->participants) == 0 &&
         a->satisfaction == b->satisfaction &&
         g_strcmp0 (a->next_action, b->next_action) == 0 &&
         a->next_action_due == b->next_action_due;
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
crm_interaction_draft_validate (const CrmInteractionDraft *draft,
                                gint64                     now,
                                CrmInteractionValidation  *result)
{
  char **m = result->messages;
  gboolean has_action = !is_blank (draft->next_action);

  memset (result, 0, sizeof *result);

  if (draft->customer_id <= 0)
    m[CRM_INTERACTION_FIELD_CUSTOMER] = g_strdup (_("Choose the customer."));
  if (draft->occurred_at <= 0)
    m[CRM_INTERACTION_FIELD_TIME] = g_strdup (_("Enter when it happened."));
  else if (draft->occurred_at > now + DAY)
    m[CRM_INTERACTION_FIELD_TIME] = g_strdup (_("This is more than a day ahead: log it when it has happened."));
  if (draft->duration_min < -1 || draft->duration_min > MAX_DURATION_MIN)
    m[CRM_INTERACTION_FIELD_DURATION] = g_strdup (_("Enter the minutes it took, up to 1,440 (a day)."));
  if (is_blank (draft->subject))
    m[CRM_INTERACTION_FIELD_SUBJECT] = g_strdup (_("Say in a few words what it was about."));
  if (draft->satisfaction < 0 || draft->satisfaction > 5)
    m[CRM_INTERACTION_FIELD_SATISFACTION] = g_strdup (_("Satisfaction is from 1 to 5."));
  if (has_action && draft->next_action_due <= 0)
    m[CRM_INTERACTION_FIELD_NEXT_ACTION_DUE] = g_strdup (_("Say when the next action is due."));
  else if (!has_action && draft->next_action_due > 0)
    m[CRM_INTERACTION_FIELD_NEXT_ACTION] = g_strdup (_("Say what the next action is, or clear its date."));
  else if (has_action && draft->occurred_at > 0 && draft->next_action_due < draft->occurred_at)
    m[CRM_INTERACTION_FIELD_NEXT_ACTION_DUE] = g_strdup (_("The next action cannot be due before the interaction."));

  for (guint i = 0; i < CRM_N_INTERACTION_FIELDS; i++)
    if (m[i] != NULL)
      return FALSE;
  return TRUE;
}

void
crm_interaction_validation_clear (CrmInteractionValidation *result)
{
  for (guint i = 0; i < CRM_N_INTERACTION_FIELDS; i++)
    g_clear_pointer (&result->messages[i], g_free);
}

/* ---- saving ---- */

static CrmFollowupKind
followup_kind_for (CrmChannel channel)
{
  switch (channel)
    {
    case CRM_CHANNEL_VISIT:
    case CRM_CHANNEL_MEETING:
      return CRM_FOLLOWUP_VISIT;
    case CRM_CHANNEL_EMAIL:
      return CRM_FOLLOWUP_EMAIL;
    case CRM_CHANNEL_PHONE:
    case CRM_CHANNEL_CHAT:
    case CRM_CHANNEL_SMS:
    case CRM_CHANNEL_SOCIAL:
    case CRM_CHANNEL_OTHER:
    default:
      return CRM_FOLLOWUP_CALL;
    }
}

static gboolean
refresh_last_contact (CrmStore  *store,
                      gint64     customer_id,
                      GError   **error)
{
  sqlite3_stmt *stmt;

  if (customer_id <= 0)
    return TRUE;
  stmt = crm_store_prepare (store,
                            "UPDATE customers SET last_contact_at ="
                            " (SELECT max(occurred_at) FROM interactions WHERE customer_id = ?1 AND occurred_at <= ?2)"
                            " WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, crm_store_now (store) + DAY);
  if (!crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_store_note_change (store, CRM_CHANGE_CUSTOMER, customer_id);
  return TRUE;
}

/* Creates, updates or removes the open follow-up of the interaction's next action. */
static gboolean
save_next_action (CrmStore                  *store,
                  gint64                     interaction_id,
                  const CrmInteractionDraft *draft,
                  gint64                     owner_id,
                  GError                   **error)
{
  gint64 now = crm_store_now (store);
  gint64 followup = crm_store_get_interaction_followup (store, interaction_id);
  sqlite3_stmt *stmt;

  if (draft->next_action == NULL)
    {
      if (followup == 0)
        return TRUE;
      stmt = crm_store_prepare (store, "DELETE FROM followups WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, followup);
      crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, followup);
      return crm_store_step_done (store, stmt, error);
    }

  if (followup != 0)
    stmt = crm_store_prepare (store,
                              "UPDATE followups SET customer_id = ?2, kind = ?3, item = ?4, planned_at = ?5,"
                              " owner_id = ?6, updated_at = ?7 WHERE id = ?1",
                              error);
  else
    stmt = crm_store_prepare (store,
                              "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id,"
                              " source_interaction_id, created_at, updated_at)"
                              " VALUES (?2, ?3, ?4, 0, ?5, ?6, ?8, ?7, ?7)",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (followup != 0)
    sqlite3_bind_int64 (stmt, 1, followup);
  sqlite3_bind_int64 (stmt, 2, draft->customer_id);
  sqlite3_bind_int (stmt, 3, followup_kind_for (draft->channel));
  sqlite3_bind_text (stmt, 4, draft->next_action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, draft->next_action_due);
  crm_sql_bind_id_or_null (stmt, 6, owner_id);
  sqlite3_bind_int64 (stmt, 7, now);
  if (followup == 0)
    sqlite3_bind_int64 (stmt, 8, interaction_id);
  if (!crm_store_step_done (store, stmt, error))
    return FALSE;
  crm_store_note_change (store, CRM_CHANGE_FOLLOWUP,
                         followup != 0 ? followup : sqlite3_last_insert_rowid (crm_store_get_db (store)));
  return TRUE;
}

gint64
crm_store_save_interaction (CrmStore                  *store,
                            gint64                     interaction_id,
                            const CrmInteractionDraft *input,
                            GError                   **error)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_auto(CrmInteractionValidation) validation = { 0 };
  gint64 now = crm_store_now (store);
  gint64 old_customer = 0;
  gint64 owner_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), 0);
  g_return_val_if_fail (input != NULL, 0);

  draft = *input;
  draft.subject = g_strdup (input->subject);
  draft.summary = g_strdup (input->summary);
  draft.feedback = g_strdup (input->feedback);
  draft.participants = g_strdup (input->participants);
  draft.next_action = g_strdup (input->next_action);
  crm_interaction_draft_normalize (&draft);

  if (!crm_interaction_draft_validate (&draft, now, &validation))
    {
      for (guint i = 0; i < CRM_N_INTERACTION_FIELDS; i++)
        if (validation.messages[i] != NULL)
          {
            g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, validation.messages[i]);
            break;
          }
      return 0;
    }

  if (!crm_store_begin (store, error))
    return 0;

  if (crm_store_query_id (store, "SELECT id FROM customers WHERE id = ?1", draft.customer_id, 0) == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID, _("This customer no longer exists."));
      goto fail;
    }
  if (draft.contact_id > 0 &&
      crm_store_query_id (store, "SELECT id FROM contacts WHERE id = ?1 AND customer_id = ?2",
                draft.contact_id, draft.customer_id) == 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("This contact does not belong to the customer."));
      goto fail;
    }

  owner_id = draft.owner_id;
  if (interaction_id == 0 && owner_id == 0)
    owner_id = crm_store_query_id (store, "SELECT id FROM team_members WHERE is_self = 1 LIMIT 1", 0, 0);

  if (interaction_id != 0)
    {
      old_customer = crm_store_query_id (store, "SELECT customer_id FROM interactions WHERE id = ?1",
                               interaction_id, 0);
      if (old_customer == 0)
        {
          g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                               _("This interaction no longer exists."));
          goto fail;
        }
      stmt = crm_store_prepare (store,
                                "UPDATE interactions SET customer_id = ?2, contact_id = ?3, owner_id = ?4,"
                                " occurred_at = ?5, channel = ?6, duration_min = ?7, subject = ?8, summary = ?9,"
                                " feedback = ?10, feedback_category_id = ?11, participants = ?12,"
                                " satisfaction = ?13, next_action = ?14, next_action_due = ?15, updated_at = ?16"
                                " WHERE id = ?1",
                                error);
    }
  else
    stmt = crm_store_prepare (store,
                              "INSERT INTO interactions (customer_id, contact_id, owner_id, occurred_at, channel,"
                              " duration_min, subject, summary, feedback, feedback_category_id, participants,"
                              " satisfaction, next_action, next_action_due, created_at, updated_at)"
                              " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
                              error);
  if (stmt == NULL)
    goto fail;

  if (interaction_id != 0)
    sqlite3_bind_int64 (stmt, 1, interaction_id);
  sqlite3_bind_int64 (stmt, 2, draft.customer_id);
  crm_sql_bind_id_or_null (stmt, 3, draft.contact_id);
  crm_sql_bind_id_or_null (stmt, 4, owner_id);
  sqlite3_bind_int64 (stmt, 5, draft.occurred_at);
  sqlite3_bind_int (stmt, 6, draft.channel);
  if (draft.duration_min >= 0)
    sqlite3_bind_int (stmt, 7, draft.duration_min);
  crm_sql_bind_text_or_null (stmt, 8, draft.subject);
  crm_sql_bind_text_or_null (stmt, 9, draft.summary);
  crm_sql_bind_text_or_null (stmt, 10, draft.feedback);
  crm_sql_bind_id_or_null (stmt, 11, draft.feedback_category_id);
  crm_sql_bind_text_or_null (stmt, 12, draft.participants);
  if (draft.satisfaction > 0)
    sqlite3_bind_int (stmt, 13, draft.satisfaction);
  crm_sql_bind_text_or_null (stmt, 14, draft.next_action);
  if (draft.next_action != NULL)
    sqlite3_bind_int64 (stmt, 15, draft.next_action_due);
  sqlite3_bind_int64 (stmt, 16, now);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;
  if (interaction_id == 0)
    interaction_id = sqlite3_last_insert_rowid (crm_store_get_db (store));

  if (!save_next_action (store, interaction_id, &draft, owner_id, error) ||
      !refresh_last_contact (store, draft.customer_id, error) ||
      (old_customer != draft.customer_id && !refresh_last_contact (store, old_customer, error)))
    goto fail;

  crm_store_note_change (store, CRM_CHANGE_INTERACTION, interaction_id);
  if (!crm_store_commit (store, error))
    return 0;
  return interaction_id;

fail:
  crm_store_rollback (store);
  return 0;
}

gboolean
crm_store_load_interaction (CrmStore             *store,
                            gint64                interaction_id,
                            CrmInteractionDraft  *draft,
                            GError              **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  stmt = crm_store_prepare (store,
                            "SELECT customer_id, contact_id, owner_id, channel, occurred_at, duration_min, subject,"
                            " summary, feedback, feedback_category_id, participants, satisfaction, next_action,"
                            " next_action_due FROM interactions WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      crm_interaction_draft_clear (draft);
      draft->customer_id = sqlite3_column_int64 (stmt, 0);
      draft->contact_id = crm_sql_column_int_or (stmt, 1, 0);
      draft->owner_id = crm_sql_column_int_or (stmt, 2, 0);
      draft->channel = sqlite3_column_int (stmt, 3);
      draft->occurred_at = sqlite3_column_int64 (stmt, 4);
      draft->duration_min = (int) crm_sql_column_int_or (stmt, 5, -1);
      draft->subject = crm_sql_column_dup (stmt, 6);
      draft->summary = crm_sql_column_dup (stmt, 7);
      draft->feedback = crm_sql_column_dup (stmt, 8);
      draft->feedback_category_id = crm_sql_column_int_or (stmt, 9, 0);
      draft->participants = crm_sql_column_dup (stmt, 10);
      draft->satisfaction = (int) crm_sql_column_int_or (stmt, 11, 0);
      draft->next_action = crm_sql_column_dup (stmt, 12);
      draft->next_action_due = crm_sql_column_int_or (stmt, 13, 0);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This interaction no longer exists."));
  return found;
}

gint64
crm_store_get_interaction_followup (CrmStore *store,
                                    gint64    interaction_id)
{
  return crm_store_query_id (store,
                   "SELECT id FROM followups WHERE source_interaction_id = ?1 AND status = 0"
                   " ORDER BY id LIMIT 1",
                   interaction_id, 0);
}

/* ---- deleting, and undoing it ---- */

#define INTERACTION_COLUMNS \
  "id, customer_id, contact_id, owner_id, occurred_at, channel, duration_min, subject, summary, feedback," \
  " feedback_category_id, participants, satisfaction, next_action, next_action_due, created_at, updated_at"
#define N_INTERACTION_COLUMNS 17

#define FOLLOWUP_COLUMNS \
  "id, customer_id, kind, item, status, planned_at, actual_at, result, next_step, notes, skip_reason," \
  " satisfaction, owner_id, rule_key, rule_reason, dedup_key, source_interaction_id, source_ticket_id," \
  " created_at, updated_at"
#define N_FOLLOWUP_COLUMNS 20

struct _CrmDeletedInteraction
{
  gint64          customer_id;
  sqlite3_value  *interaction[N_INTERACTION_COLUMNS];
  GPtrArray      *followups;   /* sqlite3_value *[N_FOLLOWUP_COLUMNS], the open ones deleted with it */
  GArray         *linked;      /* gint64: done follow-ups that pointed at it */
};

static void
free_values (sqlite3_value **values,
             guint           n)
{
  for (guint i = 0; i < n; i++)
    sqlite3_value_free (values[i]);
}

static void
free_followup_values (gpointer data)
{
  free_values (data, N_FOLLOWUP_COLUMNS);
  g_free (data);
}

void
crm_deleted_interaction_free (CrmDeletedInteraction *deleted)
{
  if (deleted == NULL)
    return;
  free_values (deleted->interaction, N_INTERACTION_COLUMNS);
  g_clear_pointer (&deleted->followups, g_ptr_array_unref);
  g_clear_pointer (&deleted->linked, g_array_unref);
  g_free (deleted);
}

static void
copy_row (sqlite3_stmt   *stmt,
          sqlite3_value **values,
          guint           n)
{
  for (guint i = 0; i < n; i++)
    values[i] = sqlite3_value_dup (sqlite3_column_value (stmt, (int) i));
}

static gboolean
bind_row (sqlite3_stmt   *stmt,
          sqlite3_value **values,
          guint           n)
{
  for (guint i = 0; i < n; i++)
    if (sqlite3_bind_value (stmt, (int) i + 1, values[i]) != SQLITE_OK)
      return FALSE;
  return TRUE;
}

CrmDeletedInteraction *
crm_store_delete_interaction (CrmStore  *store,
                              gint64     interaction_id,
                              GError   **error)
{
  g_autoptr(CrmDeletedInteraction) deleted = g_new0 (CrmDeletedInteraction, 1);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  deleted->followups = g_ptr_array_new_with_free_func (free_followup_values);
  deleted->linked = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!crm_store_begin (store, error))
    return NULL;

  stmt = crm_store_prepare (store, "SELECT " INTERACTION_COLUMNS " FROM interactions WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      copy_row (stmt, deleted->interaction, N_INTERACTION_COLUMNS);
      deleted->customer_id = sqlite3_column_int64 (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This interaction no longer exists."));
      goto fail;
    }

  stmt = crm_store_prepare (store, "SELECT " FOLLOWUP_COLUMNS " FROM followups WHERE source_interaction_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 4) == 0)
        {
          sqlite3_value **values = g_new0 (sqlite3_value *, N_FOLLOWUP_COLUMNS);

          copy_row (stmt, values, N_FOLLOWUP_COLUMNS);
          g_ptr_array_add (deleted->followups, values);
        }
      else
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (deleted->linked, id);
        }
    }
  sqlite3_reset (stmt);

  stmt = crm_store_prepare (store, "DELETE FROM followups WHERE source_interaction_id = ?1 AND status = 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  if (!crm_store_step_done (store, stmt, error))
    goto fail;

  stmt = crm_store_prepare (store, "DELETE FROM interactions WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, interaction_id);
  if (!crm_store_step_done (store, stmt, error) ||
      !refresh_last_contact (store, deleted->customer_id, error))
    goto fail;

  crm_store_note_change (store, CRM_CHANGE_INTERACTION, interaction_id);
  if (deleted->followups->len > 0)
    crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, 0);
  if (!crm_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&deleted);

fail:
  crm_store_rollback (store);
  return NULL;
}

gboolean
crm_store_restore_interaction (CrmStore               *store,
                               CrmDeletedInteraction  *deleted,
                               GError                **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (deleted != NULL, FALSE);

  if (!crm_store_begin (store, error))
    return FALSE;

  stmt = crm_store_prepare (store,
                            "INSERT INTO interactions (" INTERACTION_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                            error);
  if (stmt == NULL || !bind_row (stmt, deleted->interaction, N_INTERACTION_COLUMNS) ||
      !crm_store_step_done (store, stmt, error))
    goto fail;

  for (guint i = 0; i < deleted->followups->len; i++)
    {
      stmt = crm_store_prepare (store,
                                "INSERT INTO followups (" FOLLOWUP_COLUMNS ")"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                                " ?17, ?18, ?19, ?20)",
                                error);
      if (stmt == NULL || !bind_row (stmt, deleted->followups->pdata[i], N_FOLLOWUP_COLUMNS) ||
          !crm_store_step_done (store, stmt, error))
        goto fail;
    }

  for (guint i = 0; i < deleted->linked->len; i++)
    {
      stmt = crm_store_prepare (store, "UPDATE followups SET source_interaction_id = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, g_array_index (deleted->linked, gint64, i));
      sqlite3_bind_value (stmt, 2, deleted->interaction[0]);
      if (!crm_store_step_done (store, stmt, error))
        goto fail;
    }

  if (!refresh_last_contact (store, deleted->customer_id, error))
    goto fail;
  crm_store_note_change (store, CRM_CHANGE_INTERACTION, sqlite3_value_int64 (deleted->interaction[0]));
  if (deleted->followups->len > 0)
    crm_store_note_change (store, CRM_CHANGE_FOLLOWUP, 0);
  return crm_store_commit (store, error);

fail:
  if (error != NULL && *error == NULL)
    crm_store_set_error (store, error, _("Could not undo"));
  crm_store_rollback (store);
  return FALSE;
}

/* ---- feedback categories ---- */

void
crm_feedback_category_free (CrmFeedbackCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_free (category);
}

const char *
crm_feedback_category_builtin_name (const char *key)
{
  if (g_strcmp0 (key, "product_use") == 0)
    return _("Product-use problem");
  if (g_strcmp0 (key, "praise") == 0)
    return _("Service praise");
  if (g_strcmp0 (key, "price") == 0)
    return _("Price objection");
  if (g_strcmp0 (key, "other") == 0)
    return _("Other need");
  return NULL;
}

GPtrArray *
crm_store_list_feedback_categories (CrmStore *store)
{
  GPtrArray *categories = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_feedback_category_free);
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (store,
                            "SELECT id, builtin_key, name FROM feedback_categories WHERE active = 1"
                            " ORDER BY position, id",
                            NULL);
  if (stmt == NULL)
    return categories;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmFeedbackCategory *category = g_new0 (CrmFeedbackCategory, 1);
      const char *builtin = crm_feedback_category_builtin_name ((const char *) sqlite3_column_text (stmt, 1));

      category->id = sqlite3_column_int64 (stmt, 0);
      category->name = builtin != NULL ? g_strdup (builtin) : crm_sql_column_dup (stmt, 2);
      if (category->name == NULL)
        category->name = g_strdup ("—");
      g_ptr_array_add (categories, category);
    }
  sqlite3_reset (stmt);
  return categories;
}
