/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction"

#include "crm-format.h"
#include "crm-interaction.h"
#include "crm-store.h"
#include "crm-store-interactions.h"

struct _CrmInteraction
{
  GObject     parent_instance;

  gint64      id;
  gint64      occurred_at;
  CrmChannel  channel;
  gint64      customer_id;
  char       *customer_name;
  char       *customer_code;
  char       *contact_name;
  char       *owner_name;
  char       *subject;
  char       *summary;
  char       *feedback;
  char       *category_name;
  char       *participants;
  int         satisfaction;
  char       *next_action;
  gint64      next_action_due;
  int         duration_min;
  char        day[11];
};

G_DEFINE_FINAL_TYPE (CrmInteraction, crm_interaction, G_TYPE_OBJECT)

CrmInteraction *
crm_interaction_new_from_row (sqlite3_stmt *row)
{
  CrmInteraction *self = g_object_new (CRM_TYPE_INTERACTION, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *builtin = NULL;

  self->id = sqlite3_column_int64 (row, 0);
  self->occurred_at = sqlite3_column_int64 (row, 1);
  self->channel = sqlite3_column_int (row, 2);
  self->customer_id = sqlite3_column_int64 (row, 3);
  self->customer_name = crm_sql_column_dup (row, 4);
  self->customer_code = crm_sql_column_dup (row, 5);
  self->contact_name = crm_sql_column_dup (row, 6);
  self->owner_name = crm_sql_column_dup (row, 7);
  self->subject = crm_sql_column_dup (row, 8);
  self->summary = crm_sql_column_dup (row, 9);
  self->feedback = crm_sql_column_dup (row, 10);
  builtin = crm_sql_column_dup (row, 11);
  self->category_name = builtin != NULL ? g_strdup (crm_feedback_category_builtin_name (builtin))
                                        : crm_sql_column_dup (row, 12);
  self->participants = crm_sql_column_dup (row, 13);
  self->satisfaction = (int) crm_sql_column_int_or (row, 14, 0);
  self->next_action = crm_sql_column_dup (row, 15);
  self->next_action_due = crm_sql_column_int_or (row, 16, 0);
  self->duration_min = (int) crm_sql_column_int_or (row, 17, -1);

  local = crm_date_time_new_local (self->occurred_at);
  day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;
  g_strlcpy (self->day, day != NULL ? day : "", sizeof self->day);

  return self;
}

static void
crm_interaction_finalize (GObject *object)
{
  CrmInteraction *self = CRM_INTERACTION (object);

  g_free (self->customer_name);
  g_free (self->customer_code);
  g_free (self->contact_name);
  g_free (self->owner_name);
  g_free (self->subject);
  g_free (self->summary);
  g_free (self->feedback);
  g_free (self->category_name);
  g_free (self->participants);
  g_free (self->next_action);

  G_OBJECT_CLASS (crm_interaction_parent_class)->finalize (object);
}

static void
crm_interaction_class_init (CrmInteractionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_interaction_finalize;
}

static void
crm_interaction_init (CrmInteraction *self)
{
  self->duration_min = -1;
}

#define GETTER(type, name) \
  type crm_interaction_get_##name (CrmInteraction *self) \
  { \
    g_return_val_if_fail (CRM_IS_INTERACTION (self), 0); \
    return self->name; \
  }

GETTER (gint64, id)
GETTER (gint64, occurred_at)
GETTER (CrmChannel, channel)
GETTER (gint64, customer_id)
GETTER (const char *, customer_name)
GETTER (const char *, customer_code)
GETTER (const char *, contact_name)
GETTER (const char *, owner_name)
GETTER (const char *, subject)
GETTER (const char *, summary)
GETTER (const char *, feedback)
GETTER (const char *, category_name)
GETTER (const char *, participants)
GETTER (int, satisfaction)
GETTER (const char *, next_action)
GETTER (gint64, next_action_due)
GETTER (int, duration_min)

const char *
crm_interaction_get_day (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);
  return self->day;
}
