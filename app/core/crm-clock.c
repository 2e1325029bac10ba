/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-clock"

#include "crm-clock.h"

struct _CrmClock
{
  GObject parent_instance;

  gboolean fixed;
  gint64   now;
};

G_DEFINE_FINAL_TYPE (CrmClock, crm_clock, G_TYPE_OBJECT)

static void
crm_clock_class_init (CrmClockClass *klass)
{
}

static void
crm_clock_init (CrmClock *self)
{
}

CrmClock *
crm_clock_new_system (void)
{
  return g_object_new (CRM_TYPE_CLOCK, NULL);
}

CrmClock *
crm_clock_new_fixed (gint64 unix_seconds)
{
  CrmClock *self = g_object_new (CRM_TYPE_CLOCK, NULL);

  self->fixed = TRUE;
  self->now = unix_seconds;
  return self;
}

gboolean
crm_clock_is_fixed (CrmClock *self)
{
  g_return_val_if_fail (CRM_IS_CLOCK (self), FALSE);
  return self->fixed;
}

gint64
crm_clock_now (CrmClock *self)
{
  g_return_val_if_fail (CRM_IS_CLOCK (self), 0);

  if (self->fixed)
    return self->now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

GDateTime *
crm_clock_now_local (CrmClock *self)
{
  return g_date_time_new_from_unix_local (crm_clock_now (self));
}

GDateTime *
crm_clock_now_utc (CrmClock *self)
{
  return g_date_time_new_from_unix_utc (crm_clock_now (self));
}

void
crm_clock_set (CrmClock *self,
               gint64    unix_seconds)
{
  g_return_if_fail (CRM_IS_CLOCK (self));
  self->fixed = TRUE;
  self->now = unix_seconds;
}

void
crm_clock_advance (CrmClock *self,
                   gint64    seconds)
{
  g_return_if_fail (CRM_IS_CLOCK (self));
  if (!self->fixed)
    {
      self->now = crm_clock_now (self);
      self->fixed = TRUE;
    }
  self->now += seconds;
}
