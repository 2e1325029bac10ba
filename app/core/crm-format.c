/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-format"

#include <string.h>
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

GDateTime *
crm_date_time_new_local (gint64 when)
{
  static GTimeZone *local_zone;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);

  if (g_once_init_enter (&local_zone))
    g_once_init_leave (&local_zone, g_time_zone_new_local ());
  return utc != NULL ? g_date_time_to_timezone (utc, local_zone) : NULL;
}

char *
crm_format_last_contact (gint64     then,
                         GDateTime *now)
{
  g_autoptr(GDateTime) when = NULL;
  int days;

  if (then <= 0)
    return g_strdup (C_("last contact", "Never"));

  when = crm_date_time_new_local (then);
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

char *
crm_format_datetime (gint64 when)
{
  g_autoptr(GDateTime) dt = crm_date_time_new_local (when);

  /* Translators: a date and time, see strftime(3) */
  return g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
}

char *
crm_format_date (gint64 when)
{
  g_autoptr(GDateTime) dt = crm_date_time_new_local (when);

  return g_date_time_format (dt, "%Y-%m-%d");
}

/* Thousands separators by hand: the C locale has none, and amounts must read the
 * same whatever LC_NUMERIC is. */
static char *
group_thousands (gint64 units)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, units < 0 ? -units : units);
  GString *out = g_string_new (units < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
crm_format_money (gint64      cents,
                  const char *currency)
{
  g_autofree char *units = group_thousands (cents / 100);
  int rest = (int) ((cents < 0 ? -cents : cents) % 100);

  if (currency == NULL || g_str_equal (currency, "CNY"))
    return g_strdup_printf ("¥%s.%02d", units, rest);
  if (g_str_equal (currency, "USD"))
    return g_strdup_printf ("$%s.%02d", units, rest);
  return g_strdup_printf ("%s.%02d %s", units, rest, currency);
}

char *
crm_format_count (gint64 n)
{
  return group_thousands (n);
}

char *
crm_format_money_whole (gint64      cents,
                        const char *currency)
{
  gint64 rounded = (cents >= 0 ? cents + 50 : cents - 50) / 100;
  g_autofree char *units = group_thousands (rounded);

  if (currency == NULL || g_str_equal (currency, "CNY"))
    return g_strdup_printf ("¥%s", units);
  if (g_str_equal (currency, "USD"))
    return g_strdup_printf ("$%s", units);
  return g_strdup_printf ("%s %s", units, currency);
}

char *
crm_format_span (gint64 seconds)
{
  gint64 minutes = (seconds + 59) / 60;

  if (minutes < 60)
    return g_strdup_printf (ngettext ("%d min", "%d min", (gulong) minutes), (int) minutes);
  if (minutes < 24 * 60)
    {
      int h = (int) (minutes / 60), m = (int) (minutes % 60);

      if (m == 0 || h >= 10)
        return g_strdup_printf (ngettext ("%d h", "%d h", h), h);
      /* Translators: hours and minutes, e.g. "3 h 20 min" */
      return g_strdup_printf (_("%d h %d min"), h, m);
    }
  {
    int days = (int) (minutes / (24 * 60));

    return g_strdup_printf (ngettext ("%d day", "%d days", days), days);
  }
}

char *
crm_format_due (gint64 due,
                gint64 now)
{
  g_autofree char *span = crm_format_span (due >= now ? due - now : now - due);

  if (due >= now)
    /* Translators: a deadline still ahead, e.g. "in 35 min" */
    return g_strdup_printf (_("in %s"), span);
  /* Translators: a deadline passed, e.g. "overdue by 2 h" */
  return g_strdup_printf (_("overdue by %s"), span);
}
