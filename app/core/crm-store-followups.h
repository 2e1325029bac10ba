/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* The follow-up plan (DOMAIN.md, "Follow-ups and visits"): customer, item,
 * status, planned time, actual time, result, next step, owner.  Every step
 * below is one transaction and announces CRM_CHANGE_FOLLOWUP after its commit.
 *
 * Status: Planned, Done and Skipped are stored; Overdue is derived — a planned
 * follow-up whose planned time has passed. */

typedef enum {
  CRM_FOLLOWUP_STATE_PLANNED,
  CRM_FOLLOWUP_STATE_DONE,
  CRM_FOLLOWUP_STATE_SKIPPED,
  CRM_FOLLOWUP_STATE_OVERDUE,
  CRM_N_FOLLOWUP_STATES
} CrmFollowupState;

/* Overdue when @status is Planned and @planned_at < @now. */
CrmFollowupState crm_followup_state_for       (CrmFollowupStatus  status,
                                               gint64             planned_at,
                                               gint64             now);
/* "Planned", "Done", "Skipped", "Overdue", translated. */
const char      *crm_followup_state_to_string (CrmFollowupState   state);

/* ---- what the follow-up form edits ---- */

typedef struct {
  gint64           customer_id;
  CrmFollowupKind  kind;
  char            *item;         /* what to do: required */
  gint64           planned_at;   /* unix seconds: required */
  gint64           owner_id;     /* 0: a new one goes to the customer's owner, else to the current user */
  char            *notes;
} CrmFollowupDraft;

void     crm_followup_draft_init      (CrmFollowupDraft       *draft);
void     crm_followup_draft_clear     (CrmFollowupDraft       *draft);
/* Trims the texts (white space of any script); empty ones become NULL. */
void     crm_followup_draft_normalize (CrmFollowupDraft       *draft);
gboolean crm_followup_draft_equal     (const CrmFollowupDraft *a,
                                       const CrmFollowupDraft *b);

typedef enum {
  CRM_FOLLOWUP_FIELD_CUSTOMER,
  CRM_FOLLOWUP_FIELD_KIND,
  CRM_FOLLOWUP_FIELD_ITEM,
  CRM_FOLLOWUP_FIELD_PLANNED_AT,
  CRM_N_FOLLOWUP_FIELDS
} CrmFollowupField;

typedef struct {
  char *messages[CRM_N_FOLLOWUP_FIELDS];
} CrmFollowupValidation;

/* One message per wrong field, for the person who typed it: a customer, a
 * known kind, an item and a planned time are required; the planned time may
 * not be more than five years after @now.  TRUE if all is well. */
gboolean crm_followup_draft_validate  (const CrmFollowupDraft *draft,
                                       gint64                  now,
                                       CrmFollowupValidation  *result);
void     crm_followup_validation_clear (CrmFollowupValidation *result);

/* A new planned follow-up; returns its id, or 0 with @error
 * (CRM_STORE_ERROR_INVALID for a draft that does not validate, an unknown
 * customer or owner: nothing is written). */
gint64   crm_store_create_followup    (CrmStore               *store,
                                       const CrmFollowupDraft *draft,
                                       GError                **error);
/* Changes what the form edits, whatever the status. */
gboolean crm_store_update_followup    (CrmStore               *store,
                                       gint64                  followup_id,
                                       const CrmFollowupDraft *draft,
                                       GError                **error);
gboolean crm_store_load_followup      (CrmStore               *store,
                                       gint64                  followup_id,
                                       CrmFollowupDraft       *draft,
                                       GError                **error);

/* ---- the whole row, for the detail and the agenda ---- */

typedef struct {
  gint64             id;
  gint64             customer_id;
  char              *customer_name;
  char              *customer_code;
  CrmFollowupKind    kind;
  char              *item;
  CrmFollowupStatus  status;
  CrmFollowupState   state;            /* at the store's now */
  gint64             planned_at;
  gint64             actual_at;        /* 0: not done */
  char              *result;
  char              *next_step;
  char              *notes;
  char              *skip_reason;
  char              *late_reason;
  int                satisfaction;     /* 0: none */
  gint64             owner_id;         /* 0: nobody */
  char              *owner_name;
  char              *rule_key;         /* NULL: not made by a rule */
  char              *rule_reason;      /* why the rule made it, translated when it was made */
  gint64             previous_id;      /* the follow-up whose next step this is, or 0 */
  gint64             next_id;          /* the follow-up made as this one's next step, or 0 */
  gint64             source_interaction_id;
  gint64             source_ticket_id;
  gint64             created_at;
  gint64             updated_at;
} CrmFollowup;

CrmFollowup *crm_store_get_followup   (CrmStore     *store,
                                       gint64        followup_id,
                                       GError      **error);
void         crm_followup_free        (CrmFollowup  *followup);

/* ---- completing ---- */

/* What "Complete" asks for.  A next step creates the next follow-up, for the
 * same customer, in the same transaction; it points back at this one. */
typedef struct {
  char            *result;           /* what came of it: required */
  gint64           actual_at;        /* when it was done: required, at most a day after now */
  int              satisfaction;     /* 0: not asked, else 1–5 */
  char            *late_reason;      /* why it is late: required for a complaint follow-up done
                                      * after its planned time (DOMAIN.md), else optional */
  char            *next_step;        /* NULL: none */
  CrmFollowupKind  next_kind;
  gint64           next_planned_at;  /* required with a next step */
  gint64           next_owner_id;    /* 0: the owner of this one */
} CrmFollowupResult;

void     crm_followup_result_init      (CrmFollowupResult       *result);
void     crm_followup_result_clear     (CrmFollowupResult       *result);
void     crm_followup_result_normalize (CrmFollowupResult       *result);

typedef enum {
  CRM_FOLLOWUP_RESULT_FIELD_RESULT,
  CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT,
  CRM_FOLLOWUP_RESULT_FIELD_SATISFACTION,
  CRM_FOLLOWUP_RESULT_FIELD_LATE_REASON,
  CRM_FOLLOWUP_RESULT_FIELD_NEXT_STEP,
  CRM_FOLLOWUP_RESULT_FIELD_NEXT_KIND,
  CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT,
  CRM_N_FOLLOWUP_RESULT_FIELDS
} CrmFollowupResultField;

typedef struct {
  char *messages[CRM_N_FOLLOWUP_RESULT_FIELDS];
} CrmFollowupResultValidation;

/* Whether completing @followup at @actual_at needs a reason for being late:
 * a complaint follow-up done after its planned time. */
gboolean crm_followup_needs_late_reason (const CrmFollowup *followup,
                                         gint64             actual_at);
/* One message per wrong field: a result and the actual time are required, the
 * actual time at most a day after @now; satisfaction 1–5 or none; a next step
 * needs its planned time and the other way round, not before the actual time.
 * @followup (may be NULL) is the one being completed: with it, a late
 * complaint follow-up needs its reason.  TRUE if all is well. */
gboolean crm_followup_result_validate  (const CrmFollowupResult     *result,
                                        const CrmFollowup           *followup,
                                        gint64                       now,
                                        CrmFollowupResultValidation *validation);
void     crm_followup_result_validation_clear (CrmFollowupResultValidation *validation);

/* Done: result, actual time, satisfaction, the next step's text; with a next
 * step, the next follow-up is created (its id in @next_id, else 0); with a
 * satisfaction, the playbook's satisfaction rule plans the visit it calls for
 * (crm_playbook_apply_followup_satisfaction).  All in one transaction.  Only a
 * planned (or overdue) follow-up can be completed. */
gboolean crm_store_complete_followup   (CrmStore                *store,
                                        gint64                   followup_id,
                                        const CrmFollowupResult *result,
                                        gint64                  *next_id,
                                        GError                 **error);
/* The same for a follow-up already done: its result, time, satisfaction and
 * next step are replaced (a next step is created as above).  What the result
 * form does after "Done" on a reminder. */
gboolean crm_store_amend_followup_result (CrmStore                *store,
                                          gint64                   followup_id,
                                          const CrmFollowupResult *result,
                                          gint64                  *next_id,
                                          GError                 **error);
/* Done now, with the result "Marked done from a reminder": the "Done" of a
 * reminder.  Refused like crm_store_complete_followup (a complaint follow-up
 * done late needs its reason: CRM_STORE_ERROR_INVALID), so the caller can ask. */
gboolean crm_store_mark_followup_done    (CrmStore                *store,
                                          gint64                   followup_id,
                                          GError                 **error);
/* Skipped, with a reason (required).  Only a planned (or overdue) one. */
gboolean crm_store_skip_followup       (CrmStore                *store,
                                        gint64                   followup_id,
                                        const char              *reason,
                                        GError                 **error);
/* Moves a planned (or overdue) follow-up to another time: what a drag in the
 * calendar does.  Moving it to the time it has changes nothing. */
gboolean crm_store_reschedule_followup (CrmStore                *store,
                                        gint64                   followup_id,
                                        gint64                   planned_at,
                                        GError                 **error);

/* ---- deleting, and undoing it ---- */

/* Deletes a follow-up.  One a rule made is not made again by that rule (its
 * dedup key is kept as dismissed).  The follow-up made as its next step stays,
 * unlinked.  The snapshot restores it exactly (same id, links, dedup key):
 * the "Undo" of the toast. */
typedef struct _CrmDeletedFollowup CrmDeletedFollowup;

CrmDeletedFollowup *crm_store_delete_followup  (CrmStore            *store,
                                                gint64               followup_id,
                                                GError             **error);
gboolean            crm_store_restore_followup (CrmStore            *store,
                                                CrmDeletedFollowup  *deleted,
                                                GError             **error);
void                crm_deleted_followup_free  (CrmDeletedFollowup  *deleted);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmFollowupDraft, crm_followup_draft_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmFollowupValidation, crm_followup_validation_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmFollowupResult, crm_followup_result_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmFollowupResultValidation, crm_followup_result_validation_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFollowup, crm_followup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDeletedFollowup, crm_deleted_followup_free)

G_END_DECLS
