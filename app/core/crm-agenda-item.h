/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "crm-store-followups.h"

G_BEGIN_DECLS

/* One row of the Agenda: a follow-up as the table shows it. */
#define CRM_TYPE_AGENDA_ITEM (crm_agenda_item_get_type ())
G_DECLARE_FINAL_TYPE (CrmAgendaItem, crm_agenda_item, CRM, AGENDA_ITEM, GObject)

/* The columns crm_agenda_item_new_from_row() reads, in order, from followups
 * f joined with customers c and team_members m (left); ?1 is now, for the
 * derived state. */
#define CRM_AGENDA_ITEM_COLUMNS \
  "f.id, f.customer_id, c.code, c.name, f.kind, f.item, f.status," \
  " CASE WHEN f.status = 0 AND f.planned_at < ?1 THEN 3 ELSE f.status END," \
  " f.planned_at, f.actual_at, f.result, f.next_step, f.owner_id, m.name, f.rule_key"
#define CRM_AGENDA_ITEM_JOINS \
  " JOIN customers c ON c.id = f.customer_id LEFT JOIN team_members m ON m.id = f.owner_id"

CrmAgendaItem     *crm_agenda_item_new_from_row     (sqlite3_stmt  *row);

gint64             crm_agenda_item_get_id            (CrmAgendaItem *self);
gint64             crm_agenda_item_get_customer_id   (CrmAgendaItem *self);
const char        *crm_agenda_item_get_customer_code (CrmAgendaItem *self);
const char        *crm_agenda_item_get_customer_name (CrmAgendaItem *self);
CrmFollowupKind    crm_agenda_item_get_kind          (CrmAgendaItem *self);
const char        *crm_agenda_item_get_item          (CrmAgendaItem *self);
CrmFollowupStatus  crm_agenda_item_get_status        (CrmAgendaItem *self);
/* The status with Overdue, as it was when the row was read */
CrmFollowupState   crm_agenda_item_get_state         (CrmAgendaItem *self);
gint64             crm_agenda_item_get_planned_at    (CrmAgendaItem *self);
/* 0: not done */
gint64             crm_agenda_item_get_actual_at     (CrmAgendaItem *self);
const char        *crm_agenda_item_get_result        (CrmAgendaItem *self);
const char        *crm_agenda_item_get_next_step     (CrmAgendaItem *self);
/* 0: nobody */
gint64             crm_agenda_item_get_owner_id      (CrmAgendaItem *self);
const char        *crm_agenda_item_get_owner_name    (CrmAgendaItem *self);
/* NULL: not made by a rule */
const char        *crm_agenda_item_get_rule_key      (CrmAgendaItem *self);

G_END_DECLS
