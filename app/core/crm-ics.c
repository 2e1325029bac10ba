/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-ics.h"
#include "crm-reminders.h"
#include "crm-types.h"

#define MAX_LINE_OCTETS 75
#define FOLLOWUP_MINUTES 30
#define FLUSH_BYTES (64 * 1024)

void
crm_ics_append_text (GString    *out,
                     const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  valid = g_utf8_make_valid (text, -1);
  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append_c (out, '\t');
          break;
        default:
          /* TEXT excludes the other controls (RFC 5545 3.3.11) */
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
          break;
        }
    }
}

void
crm_ics_append_line (GString    *out,
                     const char *line,
                     gssize      length)
{
  gsize len = length < 0 ? strlen (line) : (gsize) length;
  gsize start = 0;
  gsize room = MAX_LINE_OCTETS;

  while (len - start > room)
    {
      gsize cut = start + room;

      /* never inside a UTF-8 sequence: back up to its first byte */
      while (cut > start && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      if (cut == start)
        cut = start + room;  /* not UTF-8 at all; cannot happen after make_valid */
      g_string_append_len (out, line + start, (gssize) (cut - start));
      g_string_append (out, "\r\n ");
      start = cut;
      room = MAX_LINE_OCTETS - 1;  /* the leading space counts */
    }
  g_string_append_len (out, line + start, (gssize) (len - start));
  g_string_append (out, "\r\n");
}

/* NAME:escaped-text */
static void
append_text_property (GString    *out,
                      GString    *scratch,
                      const char *name,
                      const char *text)
{
  g_string_assign (scratch, name);
  g_string_append_c (scratch, ':');
  crm_ics_append_text (scratch, text);
  crm_ics_append_line (out, scratch->str, (gssize) scratch->len);
}

/* NAME:value, the value already in iCalendar syntax */
static void
append_raw_property (GString    *out,
                     GString    *scratch,
                     const char *name,
                     const char *value)
{
  g_string_assign (scratch, name);
  g_string_append_c (scratch, ':');
  g_string_append (scratch, value);
  crm_ics_append_line (out, scratch->str, (gssize) scratch->len);
}

/* 19970714T173000Z; FALSE when out of range */
static gboolean
format_utc (gint64  unix_seconds,
            char    buf[32])
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL || g_date_time_get_year (dt) < 1 || g_date_time_get_year (dt) > 9999)
    return FALSE;
  g_snprintf (buf, 32, "%04d%02d%02dT%02d%02d%02dZ",
              g_date_time_get_year (dt), g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
              g_date_time_get_hour (dt), g_date_time_get_minute (dt), g_date_time_get_second (dt));
  return TRUE;
}

/* @text when something of it is left once escaped (not only white space
 * and the control characters crm_ics_append_text() drops): an empty value
 * is no property for iCalendar readers (libical drops it with an error) */
static const char *
nonempty (const char *text)
{
  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && (guchar) *p >= 0x20 && *p != 0x7f)
      return text;
  return NULL;
}

static const char followups_sql[] =
  "SELECT f.id, f.kind, f.item, c.name, f.planned_at, f.notes, f.rule_reason"
  " FROM followups f JOIN customers c ON c.id = f.customer_id"
  " WHERE f.status = 0"
  " ORDER BY f.planned_at, f.id";

static const char tickets_sql[] =
  "SELECT t.id, t.code, t.title, c.name, t.next_due, t.first_response_at IS NULL"
  " FROM tickets t JOIN customers c ON c.id = t.customer_id"
  " WHERE t.status IN (0, 1, 2) AND t.next_due IS NOT NULL AND t.paused_since IS NULL"
  " ORDER BY t.next_due, t.id";

static void
append_followup (GString      *out,
                 GString      *scratch,
                 sqlite3_stmt *stmt,
                 const char   *dtstamp,
                 int           lead_minutes)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  int kind = sqlite3_column_int (stmt, 1);
  const char *item = (const char *) sqlite3_column_text (stmt, 2);
  const char *customer = (const char *) sqlite3_column_text (stmt, 3);
  gint64 planned_at = sqlite3_column_int64 (stmt, 4);
  const char *notes = nonempty ((const char *) sqlite3_column_text (stmt, 5));
  const char *reason = nonempty ((const char *) sqlite3_column_text (stmt, 6));
  const char *kind_text;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  char start[32], end[32];

  if (!format_utc (planned_at, start) || !format_utc (planned_at + FOLLOWUP_MINUTES * 60, end))
    return;
  if (kind < 0 || kind >= CRM_N_FOLLOWUP_KINDS)
    kind = CRM_FOLLOWUP_OTHER;
  kind_text = crm_followup_kind_to_string ((CrmFollowupKind) kind);

  /* Translators: a calendar event's title: the follow-up's kind ("Call"), what to do, the customer's name */
  summary = g_strdup_printf (_("%s: %s — %s"), kind_text, item != NULL ? item : "", customer != NULL ? customer : "");
  if (notes != NULL && reason != NULL)
    description = g_strconcat (notes, "\n", reason, NULL);
  else if (notes != NULL || reason != NULL)
    description = g_strdup (notes != NULL ? notes : reason);

  g_string_append (out, "BEGIN:VEVENT\r\n");
  g_string_assign (scratch, "UID:followup-");
  g_string_append_printf (scratch, "%" G_GINT64_FORMAT "@rapport.local", id);
  crm_ics_append_line (out, scratch->str, (gssize) scratch->len);
  append_raw_property (out, scratch, "DTSTAMP", dtstamp);
  append_raw_property (out, scratch, "DTSTART", start);
  append_raw_property (out, scratch, "DTEND", end);
  append_text_property (out, scratch, "SUMMARY", summary);
  if (description != NULL)
    append_text_property (out, scratch, "DESCRIPTION", description);
  append_text_property (out, scratch, "CATEGORIES", kind_text);
  g_string_append (out, "BEGIN:VALARM\r\n");
  g_string_append (out, "ACTION:DISPLAY\r\n");
  g_string_append_printf (out, "TRIGGER:-PT%dM\r\n", lead_minutes);
  append_text_property (out, scratch, "DESCRIPTION", summary);
  g_string_append (out, "END:VALARM\r\n");
  g_string_append (out, "END:VEVENT\r\n");
}

static void
append_ticket (GString      *out,
               GString      *scratch,
               sqlite3_stmt *stmt,
               const char   *dtstamp)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *code = (const char *) sqlite3_column_text (stmt, 1);
  const char *title = (const char *) sqlite3_column_text (stmt, 2);
  const char *customer = (const char *) sqlite3_column_text (stmt, 3);
  gint64 due = sqlite3_column_int64 (stmt, 4);
  gboolean response = sqlite3_column_int (stmt, 5) != 0;
  g_autofree char *summary = NULL;
  char start[32];

  if (!format_utc (due, start))
    return;
  if (code == NULL)
    code = "";
  if (title == NULL)
    title = "";
  if (customer == NULL)
    customer = "";
  if (response)
    /* Translators: a calendar event's title: the ticket's code, its title, the customer's name */
    summary = g_strdup_printf (_("Response due: %s %s — %s"), code, title, customer);
  else
    /* Translators: a calendar event's title: the ticket's code, its title, the customer's name */
    summary = g_strdup_printf (_("Resolution due: %s %s — %s"), code, title, customer);

  g_string_append (out, "BEGIN:VEVENT\r\n");
  g_string_assign (scratch, "UID:ticket-");
  g_string_append_printf (scratch, "%" G_GINT64_FORMAT "-%s@rapport.local", id,
                          response ? "response" : "resolution");
  crm_ics_append_line (out, scratch->str, (gssize) scratch->len);
  append_raw_property (out, scratch, "DTSTAMP", dtstamp);
  append_raw_property (out, scratch, "DTSTART", start);
  append_text_property (out, scratch, "SUMMARY", summary);
  /* Translators: a calendar event's category */
  append_text_property (out, scratch, "CATEGORIES", _("Ticket deadline"));
  g_string_append (out, "END:VEVENT\r\n");
}

static gboolean
write_all (FILE        *file,
           GString     *text,
           const char  *display,
           GError     **error)
{
  if (text->len > 0 && fwrite (text->str, 1, text->len, file) != text->len)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (text, 0);
  return TRUE;
}

static void
set_write_error (GError     **error,
                 int          saved,
                 const char  *display)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Could not write “%s”: %s"), display, g_strerror (saved));
}

gboolean
crm_ics_export (CrmStore    *store,
                const char  *path,
                GError     **error)
{
  CrmReminderSettings settings;
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GString) scratch = NULL;
  sqlite3_stmt *followups = NULL;
  sqlite3_stmt *tickets = NULL;
  sqlite3 *db;
  FILE *file = NULL;
  gboolean ok = FALSE;
  char dtstamp[32];
  int fd, rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  db = crm_store_get_db (store);

  /* the database first: one that cannot be read leaves no file */
  if (!crm_reminder_settings_load (store, &settings, error))
    return FALSE;
  if (settings.lead_minutes < 0 || settings.lead_minutes > CRM_REMINDERS_MAX_LEAD_MINUTES)
    settings.lead_minutes = 15;
  if (!format_utc (crm_store_now (store), dtstamp))
    g_strlcpy (dtstamp, "19700101T000000Z", sizeof dtstamp);
  if (sqlite3_prepare_v2 (db, followups_sql, -1, &followups, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, tickets_sql, -1, &tickets, NULL) != SQLITE_OK)
    {
      crm_store_set_error (store, error, _("Could not read the database"));
      sqlite3_finalize (followups);
      sqlite3_finalize (tickets);
      return FALSE;
    }

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, errno, display);
      sqlite3_finalize (followups);
      sqlite3_finalize (tickets);
      return FALSE;
    }
  file = fdopen (fd, "w");
  if (file == NULL)
    {
      int saved = errno;

      close (fd);
      set_write_error (error, saved, display);
      goto out;
    }

  buffer = g_string_sized_new (FLUSH_BYTES + 4096);
  scratch = g_string_sized_new (256);
  g_string_append (buffer,
                   "BEGIN:VCALENDAR\r\n"
                   "VERSION:2.0\r\n"
                   "PRODID:-//Rapport//Rapport CRM//EN\r\n"
                   "CALSCALE:GREGORIAN\r\n"
                   "X-WR-CALNAME:Rapport\r\n");

  while ((rc = sqlite3_step (followups)) == SQLITE_ROW)
    {
      append_followup (buffer, scratch, followups, dtstamp, settings.lead_minutes);
      if (buffer->len >= FLUSH_BYTES && !write_all (file, buffer, display, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the database"));
      goto out;
    }
  while ((rc = sqlite3_step (tickets)) == SQLITE_ROW)
    {
      append_ticket (buffer, scratch, tickets, dtstamp);
      if (buffer->len >= FLUSH_BYTES && !write_all (file, buffer, display, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the database"));
      goto out;
    }
  g_string_append (buffer, "END:VCALENDAR\r\n");
  if (!write_all (file, buffer, display, error))
    goto out;

  if (fflush (file) != 0 || fsync (fileno (file)) != 0)
    {
      set_write_error (error, errno, display);
      goto out;
    }
  rc = fclose (file);
  file = NULL;
  if (rc != 0 || g_rename (tmp, path) != 0)
    {
      set_write_error (error, errno, display);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (followups);
  sqlite3_finalize (tickets);
  if (file != NULL)
    fclose (file);
  if (!ok)
    g_unlink (tmp);
  return ok;
}
