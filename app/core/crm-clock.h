/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_CLOCK (crm_clock_get_type ())
G_DECLARE_FINAL_TYPE (CrmClock, crm_clock, CRM, CLOCK, GObject)

/* The one place that reads the wall clock.  Tests use a fixed clock. */
CrmClock  *crm_clock_new_system   (void);
CrmClock  *crm_clock_new_fixed    (gint64    unix_seconds);
gboolean   crm_clock_is_fixed     (CrmClock *self);
gint64     crm_clock_now          (CrmClock *self);
GDateTime *crm_clock_now_local    (CrmClock *self);
GDateTime *crm_clock_now_utc      (CrmClock *self);
void       crm_clock_set          (CrmClock *self,
                                   gint64    unix_seconds);
void       crm_clock_advance      (CrmClock *self,
                                   gint64    seconds);

G_END_DECLS
