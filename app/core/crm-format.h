/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Today", "Yesterday", "3 days ago", "Nov 3" (this year) or "2024-03-18",
 * for a moment in the past as seen from @now (both local time). */
char *crm_format_last_contact (gint64     then,
                               GDateTime *now);

/* @when in local time.  The same as g_date_time_new_from_unix_local(), without
 * finding the local zone again on every call (with TZ unset GLib reads
 * /etc/localtime each time: 6 µs, for every row of a list). */
GDateTime *crm_date_time_new_local (gint64 when);

/* "2026-11-03 14:30" in local time (the format is translatable). */
char *crm_format_datetime (gint64      when);
/* "2026-11-03" in local time. */
char *crm_format_date     (gint64      when);
/* "¥12,345.00" for CNY, "$1,234.50" for USD, else "1,234.50 EUR". */
char *crm_format_money    (gint64      cents,
                           const char *currency);
/* "1,997,197" */
char *crm_format_count (gint64 n);
/* The same rounded to whole units, for summaries: "¥12,345". */
char *crm_format_money_whole (gint64      cents,
                              const char *currency);
/* A length of time, rounded up to the minute: "35 min", "3 h 20 min", "2 days". */
char *crm_format_span     (gint64      seconds);
/* How a deadline stands from @now: "in 35 min", "in 3 h 20 min", "in 2 days",
 * "overdue by 2 h", "overdue by 3 days". */
char *crm_format_due      (gint64      due,
                           gint64      now);

G_END_DECLS
