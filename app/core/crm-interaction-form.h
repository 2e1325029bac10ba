/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* What the "Log Interaction" form needs besides the draft itself
 * (crm-store-interactions.h): the customer's contacts to choose from, and
 * reading back the times and the duration as typed.  No widgets here. */

/* ---- contacts to choose from ---- */

typedef struct {
  gint64          id;
  char           *name;
  char           *title;
  CrmContactRole  role;
  gboolean        is_primary;
} CrmContactChoice;

/* The contacts of @customer_id, primary first, then the oldest first.  Never
 * NULL: empty for a customer without contacts (or on a read error, which is
 * logged). */
GPtrArray *crm_store_list_contacts     (CrmStore         *store,
                                        gint64            customer_id);
void       crm_contact_choice_free     (CrmContactChoice *choice);
/* "Name · Job Title", or the name alone. */
char      *crm_contact_choice_to_label (const CrmContactChoice *choice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContactChoice, crm_contact_choice_free)

/* ---- times and durations as typed ---- */

/* A due date typed without a time means this hour of that day (local time):
 * the start of the default working day. */
#define CRM_INTERACTION_DUE_DEFAULT_HOUR 9

/* "2026-11-20 14:30" in local time: how the form shows a moment (not
 * translated: it is read back by crm_interaction_parse_time). */
char *crm_interaction_format_time    (gint64      when);

/* Each parser returns NULL and sets its result, or returns a message for the
 * person who typed the text, to show at the field.  They accept what people
 * type: surrounding spaces, one-digit months, days and hours, "/" or "." in
 * dates, full-width digits and colons (input methods).
 *
 * The time of the interaction, "YYYY-MM-DD HH:MM" in local time; required. */
char *crm_interaction_parse_time     (const char *text,
                                      gint64     *when);
/* The due date of the next action: "YYYY-MM-DD HH:MM", or "YYYY-MM-DD" for
 * CRM_INTERACTION_DUE_DEFAULT_HOUR that day; empty is none (*when = 0). */
char *crm_interaction_parse_due      (const char *text,
                                      gint64     *when);
/* The duration in whole minutes; empty is not given (*minutes = -1). */
char *crm_interaction_parse_duration (const char *text,
                                      int        *minutes);

G_END_DECLS
