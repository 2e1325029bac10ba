/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-format"

#include <glib/gi18n-lib.h>

#include "crm-format.h"

static int
days_between (GDateTime *earlier,
              GDateTime *later)
{
  GDate a, b;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, g_date_time_get_day_of_month (earlier), g_date_time_get_month (earlier),
                  g_date_time_get_year (earlier));
  g_date_set_dmy (&b, g_date_time_get_day_of_month (later), g_date_time_get_month (later),
                  g_date_time_get_year (later));
  return g_date_days_between (&a, &b);
}

char *
crm_format_last_contact (gint64     then,
                         GDateTime *now)
{
  g_autoptr(GDateTime) when = NULL;
  int days;

  if (then <= 0)
    return g_strdup (C_("last contact", "Never"));

  when = g_date_time_new_from_unix_local (then);
  days = days_between (when, now);

  if (days < 0)
    days = 0;   /* a moment later today, or a clock that went back */
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 7)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a date in this year, see strftime(3); e.g. "%-m月%-d日" */
    return g_date_time_format (when, _("%b %-d"));
  /* Translators: a date in another year, see strftime(3) */
  return g_date_time_format (when, _("%Y-%m-%d"));
}
