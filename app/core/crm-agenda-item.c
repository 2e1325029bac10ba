/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-agenda-item"

#include "crm-agenda-item.h"

struct _CrmAgendaItem
{
  GObject parent_instance;

  gint64             id;
  gint64             customer_id;
  char              *customer_code;
  char              *customer_name;
  CrmFollowupKind    kind;
  char              *item;
  CrmFollowupStatus  status;
  CrmFollowupState   state;
  gint64             planned_at;
  gint64             actual_at;
  char              *result;
  char              *next_step;
  gint64             owner_id;
  char              *owner_name;
  char              *rule_key;
};

G_DEFINE_FINAL_TYPE (CrmAgendaItem, crm_agenda_item, G_TYPE_OBJECT)

static void
crm_agenda_item_finalize (GObject *object)
{
  CrmAgendaItem *self = CRM_AGENDA_ITEM (object);

  g_free (self->customer_code);
  g_free (self->customer_name);
  g_free (self->item);
  g_free (self->result);
  g_free (self->next_step);
  g_free (self->owner_name);
  g_free (self->rule_key);

  G_OBJECT_CLASS (crm_agenda_item_parent_class)->finalize (object);
}

static void
crm_agenda_item_class_init (CrmAgendaItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_agenda_item_finalize;
}

static void
crm_agenda_item_init (CrmAgendaItem *self)
{
}

CrmAgendaItem *
crm_agenda_item_new_from_row (sqlite3_stmt *row)
{
  CrmAgendaItem *self = g_object_new (CRM_TYPE_AGENDA_ITEM, NULL);
  int kind = sqlite3_column_int (row, 4);
  int status = sqlite3_column_int (row, 6);
  int state = sqlite3_column_int (row, 7);

  self->id = sqlite3_column_int64 (row, 0);
  self->customer_id = sqlite3_column_int64 (row, 1);
  self->customer_code = crm_sql_column_dup (row, 2);
  self->customer_name = crm_sql_column_dup (row, 3);
  self->kind = kind >= 0 && kind < CRM_N_FOLLOWUP_KINDS ? (CrmFollowupKind) kind : CRM_FOLLOWUP_OTHER;
  self->item = crm_sql_column_dup (row, 5);
  self->status = status >= CRM_FOLLOWUP_PLANNED && status <= CRM_FOLLOWUP_SKIPPED ? (CrmFollowupStatus) status
                                                                                    : CRM_FOLLOWUP_PLANNED;
  self->state = state >= 0 && state < CRM_N_FOLLOWUP_STATES ? (CrmFollowupState) state : CRM_FOLLOWUP_STATE_PLANNED;
  self->planned_at = sqlite3_column_int64 (row, 8);
  self->actual_at = crm_sql_column_int_or (row, 9, 0);
  self->result = crm_sql_column_dup (row, 10);
  self->next_step = crm_sql_column_dup (row, 11);
  self->owner_id = crm_sql_column_int_or (row, 12, 0);
  self->owner_name = crm_sql_column_dup (row, 13);
  self->rule_key = crm_sql_column_dup (row, 14);
  return self;
}

#define GETTER(type, name) \
  type crm_agenda_item_get_##name (CrmAgendaItem *self) \
  { \
    g_return_val_if_fail (CRM_IS_AGENDA_ITEM (self), 0); \
    return self->name; \
  }

GETTER (gint64, id)
GETTER (gint64, customer_id)
GETTER (const char *, customer_code)
GETTER (const char *, customer_name)
GETTER (CrmFollowupKind, kind)
GETTER (const char *, item)
GETTER (CrmFollowupStatus, status)
GETTER (CrmFollowupState, state)
GETTER (gint64, planned_at)
GETTER (gint64, actual_at)
GETTER (const char *, result)
GETTER (const char *, next_step)
GETTER (gint64, owner_id)
GETTER (const char *, owner_name)
GETTER (const char *, rule_key)
