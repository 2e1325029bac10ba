/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_FOLLOWUP_DETAIL (crm_followup_detail_get_type ())
G_DECLARE_FINAL_TYPE (CrmFollowupDetail, crm_followup_detail, CRM, FOLLOWUP_DETAIL, AdwWindow)

/* One follow-up in a small window over @parent's: customer (opens the
 * profile through "win.show-customer" of the main window), kind, item,
 * status, planned time, owner, notes; the outcome once done or skipped; the
 * rule that made it and why.  Complete…, Skip…, Edit… and Delete (with an
 * undo toast).  It follows changes in the store and closes when the
 * follow-up is deleted. */
CrmFollowupDetail *crm_followup_detail_present         (GtkWidget         *parent,
                                                        CrmContext        *context,
                                                        gint64             id);
gint64             crm_followup_detail_get_followup_id (CrmFollowupDetail *self);

G_END_DECLS
