/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-interaction.h"

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE_ROW (crm_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (CrmTimelineRow, crm_timeline_row, CRM, TIMELINE_ROW, GtkWidget)

GtkWidget *crm_timeline_row_new             (void);
/* Shows @interaction; @day_heading is the day's heading when this is the first
 * entry of its day in the list, else NULL. */
void       crm_timeline_row_set_interaction (CrmTimelineRow *self,
                                             CrmInteraction *interaction,
                                             const char     *day_heading);

G_END_DECLS
