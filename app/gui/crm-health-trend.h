/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_HEALTH_TREND (crm_health_trend_get_type ())
G_DECLARE_FINAL_TYPE (CrmHealthTrend, crm_health_trend, CRM, HEALTH_TREND, GtkWidget)

/* A bar per month (CrmHealthSnapshot, oldest first): the score above, the month
 * below, coloured by risk; months without a score show a dash. */
GtkWidget *crm_health_trend_new           (void);
void       crm_health_trend_set_snapshots (CrmHealthTrend *self,
                                           GArray         *snapshots);

G_END_DECLS
