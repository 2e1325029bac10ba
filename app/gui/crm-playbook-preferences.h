/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* The "Playbook" page of the Preferences: the rules that plan follow-ups by
 * themselves (crm-playbook.h), each turned on or off and given its offset in
 * days or hours.  Every valid change is saved at once; an offset out of the
 * rule's bounds is refused at its row and put back. */
#define CRM_TYPE_PLAYBOOK_PREFERENCES (crm_playbook_preferences_get_type ())
G_DECLARE_FINAL_TYPE (CrmPlaybookPreferences, crm_playbook_preferences, CRM, PLAYBOOK_PREFERENCES, AdwPreferencesPage)

CrmPlaybookPreferences *crm_playbook_preferences_new (CrmContext *context);

G_END_DECLS
