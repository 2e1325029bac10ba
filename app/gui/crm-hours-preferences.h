/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* The "Working Hours" page of the Preferences: the weekly working hours (each
 * weekday edited in a CrmWeekdayEditor) and the public holidays and make-up
 * working days, year by year. */
#define CRM_TYPE_HOURS_PREFERENCES (crm_hours_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CrmHoursPreferences, crm_hours_preferences, CRM, HOURS_PREFERENCES, AdwPreferencesPage)

CrmHoursPreferences *crm_hours_preferences_new (CrmContext *context);

G_END_DECLS
