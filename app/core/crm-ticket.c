/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket"

#include "crm-store.h"
#include "crm-ticket.h"

struct _CrmTicket
{
  GObject            parent_instance;

  gint64             id;
  char              *code;
  char              *title;
  gint64             customer_id;
  char              *customer_name;
  char              *customer_code;
  int                level;
  CrmTicketCategory  category;
  CrmTicketStatus    status;
  char              *assignee_name;
  gint64             created_at;
  gint64             first_response_at;
  gint64             response_due;
  gint64             response_risk_at;
  gint64             resolved_at;
  gint64             resolution_due;
  gint64             resolution_risk_at;
  gint64             paused_since;
  gboolean           breached;
  gint64             confirmed_at;
  gint64             updated_at;
  gint64             assignee_id;
};

G_DEFINE_FINAL_TYPE (CrmTicket, crm_ticket, G_TYPE_OBJECT)

CrmTicket *
crm_ticket_new_from_row (sqlite3_stmt *row)
{
  CrmTicket *self = g_object_new (CRM_TYPE_TICKET, NULL);

  self->id = sqlite3_column_int64 (row, 0);
  self->code = crm_sql_column_dup (row, 1);
  self->title = crm_sql_column_dup (row, 2);
  self->customer_id = sqlite3_column_int64 (row, 3);
  self->customer_name = crm_sql_column_dup (row, 4);
  self->customer_code = crm_sql_column_dup (row, 5);
  self->level = sqlite3_column_int (row, 6);
  self->category = sqlite3_column_int (row, 7);
  self->status = sqlite3_column_int (row, 8);
  self->assignee_name = crm_sql_column_dup (row, 9);
  self->created_at = sqlite3_column_int64 (row, 10);
  self->first_response_at = crm_sql_column_int_or (row, 11, 0);
  self->response_due = crm_sql_column_int_or (row, 12, 0);
  self->response_risk_at = crm_sql_column_int_or (row, 13, 0);
  self->resolved_at = crm_sql_column_int_or (row, 14, 0);
  self->resolution_due = crm_sql_column_int_or (row, 15, 0);
  self->resolution_risk_at = crm_sql_column_int_or (row, 16, 0);
  self->paused_since = crm_sql_column_int_or (row, 17, 0);
  self->breached = sqlite3_column_int (row, 18) != 0;
  self->confirmed_at = crm_sql_column_int_or (row, 19, 0);
  self->updated_at = sqlite3_column_int64 (row, 20);
  self->assignee_id = crm_sql_column_int_or (row, 21, 0);

  return self;
}

static void
crm_ticket_finalize (GObject *object)
{
  CrmTicket *self = CRM_TICKET (object);

  g_free (self->code);
  g_free (self->title);
  g_free (self->customer_name);
  g_free (self->customer_code);
  g_free (self->assignee_name);

  G_OBJECT_CLASS (crm_ticket_parent_class)->finalize (object);
}

static void
crm_ticket_class_init (CrmTicketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_ticket_finalize;
}

static void
crm_ticket_init (CrmTicket *self)
{
}

#define GETTER(type, name) \
  type crm_ticket_get_##name (CrmTicket *self) \
  { \
    g_return_val_if_fail (CRM_IS_TICKET (self), 0); \
    return self->name; \
  }

GETTER (gint64, id)
GETTER (const char *, code)
GETTER (const char *, title)
GETTER (gint64, customer_id)
GETTER (const char *, customer_name)
GETTER (const char *, customer_code)
GETTER (int, level)
GETTER (CrmTicketCategory, category)
GETTER (CrmTicketStatus, status)
GETTER (gint64, assignee_id)
GETTER (const char *, assignee_name)
GETTER (gint64, created_at)
GETTER (gint64, first_response_at)
GETTER (gint64, resolved_at)
GETTER (gint64, confirmed_at)
GETTER (gint64, paused_since)
GETTER (gboolean, breached)

/* The stored deadlines are those of the last action on the ticket: exact while
 * the clock runs (they do not move with time).  While the ticket waits on the
 * customer, the deadline is the one that stood when the pause began: the time
 * left is frozen at due − paused_since. */
void
crm_ticket_get_clock (CrmTicket      *self,
                      gint64          now,
                      CrmTicketClock *clock)
{
  gint64 risk_at;

  g_return_if_fail (CRM_IS_TICKET (self));
  g_return_if_fail (clock != NULL);

  if (self->resolved_at != 0 || self->status >= CRM_TICKET_RESOLVED)
    {
      clock->response = FALSE;
      clock->due = self->resolution_due;
      clock->state = CRM_SLA_MET;
      return;
    }

  clock->response = self->first_response_at == 0;
  clock->due = clock->response ? self->response_due : self->resolution_due;
  risk_at = clock->response ? self->response_risk_at : self->resolution_risk_at;

  if (self->paused_since != 0)
    clock->state = clock->due != 0 && clock->due < self->paused_since ? CRM_SLA_BREACHED : CRM_SLA_PAUSED;
  else if (clock->due != 0 && now > clock->due)
    clock->state = CRM_SLA_BREACHED;
  else if (risk_at != 0 && now >= risk_at)
    clock->state = CRM_SLA_AT_RISK;
  else
    clock->state = CRM_SLA_ON_TRACK;
}
