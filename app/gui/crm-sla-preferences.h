/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* The "Service Levels" page of the Preferences: how fast tickets of each level
 * must be answered and resolved, and the stricter levels for VIP customers.
 * Every valid change is saved at once. */
#define CRM_TYPE_SLA_PREFERENCES (crm_sla_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CrmSlaPreferences, crm_sla_preferences, CRM, SLA_PREFERENCES, AdwPreferencesPage)

CrmSlaPreferences *crm_sla_preferences_new (CrmContext *context);

G_END_DECLS
