/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* What the "Log Interaction" form edits: one call, e-mail, visit, chat… with its
 * optional next action, which becomes a follow-up in the calendar.  Plain data,
 * so the form's logic is tested without widgets. */
typedef struct {
  gint64      customer_id;
  gint64      contact_id;            /* 0: none */
  gint64      owner_id;              /* 0: nobody; new ones default to the current user */
  CrmChannel  channel;
  gint64      occurred_at;           /* unix seconds */
  int         duration_min;          /* -1: not given */
  char       *subject;
  char       *summary;
  char       *feedback;
  gint64      feedback_category_id;  /* 0: none */
  char       *participants;
  int         satisfaction;          /* 0: not given, else 1–5 */
  char       *next_action;
  gint64      next_action_due;       /* 0: none; required when next_action is given */
} CrmInteractionDraft;

void     crm_interaction_draft_init      (CrmInteractionDraft *draft);
void     crm_interaction_draft_clear     (CrmInteractionDraft *draft);
/* Trims the texts and turns empty ones into NULL. */
void     crm_interaction_draft_normalize (CrmInteractionDraft *draft);
gboolean crm_interaction_draft_equal     (const CrmInteractionDraft *a,
                                          const CrmInteractionDraft *b);

typedef enum {
  CRM_INTERACTION_FIELD_CUSTOMER,
  CRM_INTERACTION_FIELD_TIME,
  CRM_INTERACTION_FIELD_DURATION,
  CRM_INTERACTION_FIELD_SUBJECT,
  CRM_INTERACTION_FIELD_SATISFACTION,
  CRM_INTERACTION_FIELD_NEXT_ACTION,
  CRM_INTERACTION_FIELD_NEXT_ACTION_DUE,
  CRM_N_INTERACTION_FIELDS
} CrmInteractionField;

typedef struct {
  char *messages[CRM_N_INTERACTION_FIELDS];
} CrmInteractionValidation;

/* One message per wrong field, for the person who typed it (a subject is
 * required, a customer too; a next action needs its due date and the other way
 * round; the due date may not be before the interaction; the time may not be
 * more than a day in the future (@now)).  TRUE if all is well. */
gboolean crm_interaction_draft_validate  (const CrmInteractionDraft *draft,
                                          gint64                     now,
                                          CrmInteractionValidation  *result);
void     crm_interaction_validation_clear (CrmInteractionValidation *result);

/* Saves a new interaction (@interaction_id 0) or changes one, in one
 * transaction: with a next action, the follow-up is created (or updated) with
 * it; the customer's last contact moves to the newest interaction.  Returns the
 * id, or 0 with @error (CRM_STORE_ERROR_INVALID for a draft that does not
 * validate: nothing is written). */
gint64   crm_store_save_interaction      (CrmStore                  *store,
                                          gint64                     interaction_id,
                                          const CrmInteractionDraft *draft,
                                          GError                   **error);
gboolean crm_store_load_interaction      (CrmStore                  *store,
                                          gint64                     interaction_id,
                                          CrmInteractionDraft       *draft,
                                          GError                   **error);
/* The follow-up the interaction's next action created, or 0. */
gint64   crm_store_get_interaction_followup (CrmStore *store,
                                             gint64    interaction_id);

/* Deletes an interaction; its open next-action follow-up goes with it.  The
 * returned snapshot restores both exactly (same ids) with
 * crm_store_restore_interaction: that is the "Undo" of the toast. */
typedef struct _CrmDeletedInteraction CrmDeletedInteraction;

CrmDeletedInteraction *crm_store_delete_interaction  (CrmStore               *store,
                                                      gint64                  interaction_id,
                                                      GError                **error);
gboolean               crm_store_restore_interaction (CrmStore               *store,
                                                      CrmDeletedInteraction  *deleted,
                                                      GError                **error);
void                   crm_deleted_interaction_free  (CrmDeletedInteraction  *deleted);

/* Feedback categories, in their order: the built-in ones translated. */
typedef struct {
  gint64  id;
  char   *name;
} CrmFeedbackCategory;

GPtrArray *crm_store_list_feedback_categories (CrmStore *store);  /* CrmFeedbackCategory */
void       crm_feedback_category_free         (CrmFeedbackCategory *category);
/* The translated name of a built-in category key ("product_use", …), or NULL. */
const char *crm_feedback_category_builtin_name (const char         *key);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmInteractionDraft, crm_interaction_draft_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmInteractionValidation, crm_interaction_validation_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDeletedInteraction, crm_deleted_interaction_free)

G_END_DECLS
