/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* Preferences → Reminders: the lead time before a follow-up, the time of the
 * overdue summary, the quiet hours (crm_reminder_settings_* of
 * crm-reminders.h; a value out of bounds gets its message under the group and
 * is not stored), and "Run in the background for reminders", the autostart
 * entry of the open database (crm-autostart.h, under $XDG_CONFIG_HOME). */
#define CRM_TYPE_REMINDER_PREFERENCES (crm_reminder_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CrmReminderPreferences, crm_reminder_preferences, CRM, REMINDER_PREFERENCES, AdwPreferencesPage)

CrmReminderPreferences *crm_reminder_preferences_new (CrmContext *context);

G_END_DECLS
