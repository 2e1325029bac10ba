/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* iCalendar export (issue 7, "iCalendar"): RFC 5545 text that GNOME Calendar,
 * Evolution and Thunderbird import.
 *
 * - One VCALENDAR (VERSION 2.0, PRODID -//Rapport//Rapport CRM//EN, Gregorian,
 *   X-WR-CALNAME Rapport).
 * - One VEVENT per planned follow-up (status Planned): UID
 *   "followup-<id>@rapport.local", 30 minutes from planned_at, SUMMARY
 *   "<kind>: <item> — <customer>", DESCRIPTION the notes and the rule's
 *   reason, CATEGORIES the kind, and a display VALARM reminders.lead_minutes
 *   (default 15) before it.
 * - One VEVENT per open ticket (New, In Progress, Waiting) whose clock runs
 *   (not paused) for the deadline that runs now (next_due): UID
 *   "ticket-<id>-response@rapport.local" until the first response, then
 *   "ticket-<id>-resolution@rapport.local".  An instant: DTSTART is the
 *   deadline and there is no DTEND (RFC 5545 3.6.1: the event ends when it
 *   starts; DTEND equal to DTSTART would break 3.8.2.2's "later than").
 * - UIDs are stable, so importing again updates events rather than
 *   duplicating them; DTSTAMP is the store clock's now.  All times in UTC.
 * - CRLF line ends, TEXT escaping (\\ ; , and line breaks), lines folded at 75
 *   octets, never inside a UTF-8 character.
 * - Rows are read and written one at a time, into a temporary file beside
 *   @path, renamed over it at the end; the file is created mode 0600.  On
 *   failure nothing is left behind. */
gboolean crm_ics_export           (CrmStore    *store,
                                   const char  *path,
                                   GError     **error);

/* Appends @text escaped as an RFC 5545 TEXT value (invalid UTF-8 is replaced,
 * control characters other than line breaks and tabs are dropped). */
void     crm_ics_append_text      (GString     *out,
                                   const char  *text);
/* Appends one content line, folded at 75 octets, with its CRLF. */
void     crm_ics_append_line      (GString     *out,
                                   const char  *line,
                                   gssize       length);

G_END_DECLS
