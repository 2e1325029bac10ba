/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* An interaction as the timeline shows it (read-only snapshot of one row). */
#define CRM_TYPE_INTERACTION (crm_interaction_get_type ())
G_DECLARE_FINAL_TYPE (CrmInteraction, crm_interaction, CRM, INTERACTION, GObject)

/* The columns crm_interaction_new_from_row() reads, in order, from interactions i
 * joined with customers c, contacts ct, team_members m and feedback_categories fc. */
#define CRM_INTERACTION_COLUMNS \
  "i.id, i.occurred_at, i.channel, i.customer_id, c.name, c.code, ct.name, m.name, i.subject, i.summary," \
  " i.feedback, fc.builtin_key, fc.name, i.participants, i.satisfaction, i.next_action, i.next_action_due," \
  " i.duration_min"
#define CRM_INTERACTION_JOINS \
  " JOIN customers c ON c.id = i.customer_id" \
  " LEFT JOIN contacts ct ON ct.id = i.contact_id" \
  " LEFT JOIN team_members m ON m.id = i.owner_id" \
  " LEFT JOIN feedback_categories fc ON fc.id = i.feedback_category_id"

CrmInteraction *crm_interaction_new_from_row       (sqlite3_stmt   *row);

gint64          crm_interaction_get_id             (CrmInteraction *self);
gint64          crm_interaction_get_occurred_at    (CrmInteraction *self);
CrmChannel      crm_interaction_get_channel        (CrmInteraction *self);
gint64          crm_interaction_get_customer_id    (CrmInteraction *self);
const char     *crm_interaction_get_customer_name  (CrmInteraction *self);
const char     *crm_interaction_get_customer_code  (CrmInteraction *self);
const char     *crm_interaction_get_contact_name   (CrmInteraction *self);
const char     *crm_interaction_get_owner_name     (CrmInteraction *self);
const char     *crm_interaction_get_subject        (CrmInteraction *self);
const char     *crm_interaction_get_summary        (CrmInteraction *self);
const char     *crm_interaction_get_feedback       (CrmInteraction *self);
/* The feedback category as shown (built-in ones translated), or NULL. */
const char     *crm_interaction_get_category_name  (CrmInteraction *self);
const char     *crm_interaction_get_participants   (CrmInteraction *self);
/* 0 when not given */
int             crm_interaction_get_satisfaction   (CrmInteraction *self);
const char     *crm_interaction_get_next_action    (CrmInteraction *self);
gint64          crm_interaction_get_next_action_due (CrmInteraction *self);
/* -1 when not given */
int             crm_interaction_get_duration_min   (CrmInteraction *self);
/* "YYYY-MM-DD" of the local day it happened: the timeline's day heading. */
const char     *crm_interaction_get_day            (CrmInteraction *self);

G_END_DECLS
