/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction-form"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-interaction-form.h"

/* ---- contacts to choose from ---- */

static char *
dup_text_column (sqlite3_stmt *stmt,
                 int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

GPtrArray *
crm_store_list_contacts (CrmStore *store,
                         gint64    customer_id)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_choice_free);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (store), contacts);

  stmt = crm_store_prepare (store,
                            "SELECT id, name, title, role, is_primary FROM contacts"
                            " WHERE customer_id = ?1 ORDER BY is_primary DESC, id",
                            &error);
  if (stmt == NULL)
    {
      g_warning ("Could not list the contacts: %s", error->message);
      return contacts;
    }

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmContactChoice *choice = g_new0 (CrmContactChoice, 1);

      choice->id = sqlite3_column_int64 (stmt, 0);
      choice->name = dup_text_column (stmt, 1);
      choice->title = dup_text_column (stmt, 2);
      choice->role = sqlite3_column_int (stmt, 3);
      choice->is_primary = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (contacts, choice);
    }
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, &error, _("Could not read the contacts"));
      g_warning ("%s", error->message);
    }
  sqlite3_reset (stmt);

  return contacts;
}

void
crm_contact_choice_free (CrmContactChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->name);
  g_free (choice->title);
  g_free (choice);
}

char *
crm_contact_choice_to_label (const CrmContactChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);

  if (choice->title != NULL && *choice->title != '\0')
    return g_strdup_printf ("%s · %s", choice->name, choice->title);
  return g_strdup (choice->name);
}

/* ---- times and durations as typed ---- */

char *
crm_interaction_format_time (gint64 when)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/* What was typed, in plain ASCII: digits as 0-9 (full-width ones too), date
 * separators as '-', colons as ':', runs of spaces (or a 'T') as one space;
 * anything else becomes '?', which no pattern accepts.  Trimmed. */
static char *
simplify (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      int digit = g_unichar_digit_value (c);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, '?');
          break;
        }
      if (digit >= 0)
        g_string_append_c (out, '0' + digit);
      else if (c == ':' || c == 0xFF1A)                      /* ：*/
        g_string_append_c (out, ':');
      else if (c == '-' || c == '/' || c == '.' || c == 0xFF0D || c == 0xFF0F || c == 0xFF0E ||
               (c >= 0x2010 && c <= 0x2015))                  /* －／．‐‑‒–—― */
        g_string_append_c (out, '-');
      else if (g_unichar_isspace (c) || c == 'T' || c == 't')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, '?');
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* Reads min…max digits at *p as a number; FALSE if there are not enough. */
static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      *value = *value * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min_digits || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  return TRUE;
}

typedef enum {
  PARSE_OK,
  PARSE_FORMAT,
  PARSE_NO_SUCH_DATE,
  PARSE_NO_SUCH_TIME,
} ParseResult;

/* "YYYY-MM-DD" with an optional " HH:MM" (else @default_hour), in local time. */
static ParseResult
parse_local (const char *text,
             int         default_hour,
             gboolean   *has_time,
             gint64     *when)
{
  g_autofree char *s = simplify (text);
  const char *p = s;
  int year, month, day, hour = default_hour, minute = 0;
  g_autoptr(GDateTime) dt = NULL;

  *has_time = FALSE;
  if (!read_number (&p, 4, 4, &year) || *p++ != '-' ||
      !read_number (&p, 1, 2, &month) || *p++ != '-' ||
      !read_number (&p, 1, 2, &day))
    return PARSE_FORMAT;

  if (*p == ' ')
    {
      p++;
      if (!read_number (&p, 1, 2, &hour) || *p++ != ':' || !read_number (&p, 2, 2, &minute))
        return PARSE_FORMAT;
      *has_time = TRUE;
    }
  if (*p != '\0')
    return PARSE_FORMAT;

  if (year < 1900 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year))
    return PARSE_NO_SUCH_DATE;
  if (hour > 23 || minute > 59)
    return PARSE_NO_SUCH_TIME;

  dt = g_date_time_new_local (year, month, day, hour, minute, 0);
  if (dt == NULL)
    return PARSE_NO_SUCH_DATE;
  *when = g_date_time_to_unix (dt);
  return PARSE_OK;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *s = NULL;

  if (text == NULL)
    return TRUE;
  s = simplify (text);
  return *s == '\0';
}

static char *
range_message (ParseResult result)
{
  if (result == PARSE_NO_SUCH_DATE)
    return g_strdup (_("There is no such date: check the year, the month and the day."));
  return g_strdup (_("There is no such time: hours go from 0 to 23, minutes from 00 to 59."));
}

char *
crm_interaction_parse_time (const char *text,
                            gint64     *when)
{
  ParseResult result;
  gboolean has_time;
  gint64 value = 0;

  g_return_val_if_fail (when != NULL, NULL);

  if (is_blank (text))
    return g_strdup (_("Enter when it happened, such as 2026-11-20 14:30."));

  result = parse_local (text, 0, &has_time, &value);
  if (result == PARSE_OK && !has_time)
    result = PARSE_FORMAT;
  if (result == PARSE_FORMAT)
    return g_strdup (_("Enter the date and time as YYYY-MM-DD HH:MM, such as 2026-11-20 14:30."));
  if (result != PARSE_OK)
    return range_message (result);

  *when = value;
  return NULL;
}

char *
crm_interaction_parse_due (const char *text,
                           gint64     *when)
{
  ParseResult result;
  gboolean has_time;
  gint64 value = 0;

  g_return_val_if_fail (when != NULL, NULL);

  if (is_blank (text))
    {
      *when = 0;
      return NULL;
    }

  result = parse_local (text, CRM_INTERACTION_DUE_DEFAULT_HOUR, &has_time, &value);
  if (result == PARSE_FORMAT)
    return g_strdup (_("Enter the due date as YYYY-MM-DD, with a time if you like: 2026-11-27 or 2026-11-27 14:30."));
  if (result != PARSE_OK)
    return range_message (result);

  *when = value;
  return NULL;
}

char *
crm_interaction_parse_duration (const char *text,
                                int        *minutes)
{
  g_autofree char *s = NULL;
  const char *p;
  int value;

  g_return_val_if_fail (minutes != NULL, NULL);

  if (is_blank (text))
    {
      *minutes = -1;
      return NULL;
    }

  s = simplify (text);
  p = s;
  /* at most 6 digits: 999,999 minutes is already far beyond any meeting */
  if (!read_number (&p, 1, 6, &value) || *p != '\0')
    return g_strdup (_("Enter the duration in whole minutes, such as 30, or leave the field empty."));

  *minutes = value;
  return NULL;
}
