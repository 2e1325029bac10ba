/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for the iCalendar writer (crm-ics.c).  Rapport reads no
 * iCalendar, it only writes it: the input is arbitrary text for what users
 * type (a follow-up's item, notes and reason, a customer's name, a ticket's
 * title: the parts separated by NUL bytes), and the output must stay valid:
 * lines of at most 75 octets ending in CRLF, UTF-8, unfolding back to the
 * content line, and libical must read back exactly the text that was put in
 * (invalid UTF-8 replaced, control characters dropped, line breaks as "\n"). */
#define G_LOG_DOMAIN "crm-fuzz"

#include <string.h>
#include <libical/ical.h>

#include "crm-ics.h"
#include "fuzz-util.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

enum {
  PART_ITEM,
  PART_CUSTOMER,
  PART_NOTES,
  PART_REASON,
  PART_TITLE,
  N_PARTS
};

static CrmStore *store;
static char *export_path;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  store = fuzz_store_new ();
  export_path = fuzz_tmp_path ("export.ics");
  if (!crm_store_exec (store,
                       "INSERT INTO team_members (id, name, role, is_self, created_at) VALUES (1, 'Li Na', 0, 1, 0);"
                       "INSERT INTO customers (id, code, name, sort_key, kind, tier, created_at, updated_at)"
                       " VALUES (1, 'CS2026001', 'x', 'x', 1, 0, 0, 0);"
                       "INSERT INTO followups (id, customer_id, kind, item, status, planned_at, notes, rule_reason,"
                       " owner_id, created_at, updated_at) VALUES (1, 1, 0, 'x', 0, 1795147200, NULL, NULL, 1, 0, 0);"
                       "INSERT INTO tickets (id, code, customer_id, title, level, status, created_at, updated_at,"
                       " first_response_at, next_due, paused_since) VALUES"
                       " (1, 'TK2026001', 1, 'x', 1, 0, 0, 0, NULL, 1795150800, NULL);",
                       &error))
    g_error ("seed: %s", error->message);
  return 0;
}

/* What a TEXT value holds once read back: see crm_ics_append_text(). */
static char *
expected_text (const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          if (p[1] == '\n')
            p++;
          g_string_append_c (out, '\n');
        }
      else if (*p == '\n' || *p == '\t' || ((guchar) *p >= 0x20 && *p != 0x7f))
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* libical drops the white space a value starts and ends with */
static void
assert_same_text (const char *value,
                  const char *expected)
{
  gsize value_len, expected_len;

  g_assert_nonnull (value);
  value += strspn (value, " \t");
  expected += strspn (expected, " \t");
  value_len = strlen (value);
  expected_len = strlen (expected);
  while (value_len > 0 && strchr (" \t", value[value_len - 1]) != NULL)
    value_len--;
  while (expected_len > 0 && strchr (" \t", expected[expected_len - 1]) != NULL)
    expected_len--;
  if (value_len != expected_len || memcmp (value, expected, value_len) != 0)
    g_error ("libical read “%s”, not “%s”", value, expected);
}

/* Every line at most 75 octets and ended by CRLF, no bare CR or LF, valid
 * UTF-8, no fold inside a character; returns the text unfolded. */
static char *
check_lines (const char *text,
             gsize       length)
{
  GString *unfolded = g_string_new (NULL);
  gsize start = 0;

  g_assert_true (g_utf8_validate (text, (gssize) length, NULL));
  g_assert_true (length >= 2 && text[length - 2] == '\r' && text[length - 1] == '\n');
  while (start < length)
    {
      const char *end = strstr (text + start, "\r\n");
      gsize line_len;

      g_assert_nonnull (end);
      line_len = (gsize) (end - (text + start));
      g_assert_cmpuint (line_len, <=, 75);
      g_assert_null (memchr (text + start, '\r', line_len));
      g_assert_null (memchr (text + start, '\n', line_len));
      /* each line on its own is UTF-8: no character cut in two */
      g_assert_true (g_utf8_validate (text + start, (gssize) line_len, NULL));
      if (text[start] == ' ')
        {
          g_assert_cmpuint (start, >, 0);
          g_string_append_len (unfolded, text + start + 1, (gssize) line_len - 1);
        }
      else
        {
          if (start > 0)
            g_string_append_c (unfolded, '\n');
          g_string_append_len (unfolded, text + start, (gssize) line_len);
        }
      start += line_len + 2;
    }
  return g_string_free (unfolded, FALSE);
}

static void
assert_no_parse_errors (icalcomponent *component)
{
  icalproperty *error = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);

  if (error != NULL)
    g_error ("libical: %s", icalproperty_get_xlicerror (error));
  for (icalcomponent *c = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    assert_no_parse_errors (c);
}

static icalcomponent *
find_event (icalcomponent *calendar,
            const char    *uid)
{
  for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       e != NULL; e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (e), uid) == 0)
      return e;
  return NULL;
}

/* One property made by crm_ics_append_text() + crm_ics_append_line(), alone in an event. */
static void
check_property (const char *raw)
{
  g_autoptr(GString) line = g_string_new ("SUMMARY:");
  g_autoptr(GString) out = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rapport//Fuzz//EN\r\n"
                                         "BEGIN:VEVENT\r\nUID:fuzz@rapport.local\r\nDTSTAMP:20261120T020000Z\r\n"
                                         "DTSTART:20261120T020000Z\r\n");
  g_autoptr(GString) alone = g_string_new (NULL);
  g_autofree char *unfolded = NULL;
  g_autofree char *expected = expected_text (raw);
  icalcomponent *calendar, *event;

  crm_ics_append_text (line, raw);
  crm_ics_append_line (alone, line->str, (gssize) line->len);
  unfolded = check_lines (alone->str, alone->len);
  g_assert_cmpstr (unfolded, ==, line->str);

  /* an empty or blank value is no property for libical */
  if (expected[strspn (expected, " \t")] == '\0')
    return;
  g_string_append_len (out, alone->str, (gssize) alone->len);
  g_string_append (out, "END:VEVENT\r\nEND:VCALENDAR\r\n");
  calendar = icalparser_parse_string (out->str);
  g_assert_nonnull (calendar);
  assert_no_parse_errors (calendar);
  event = find_event (calendar, "fuzz@rapport.local");
  g_assert_nonnull (event);
  assert_same_text (icalcomponent_get_summary (event), expected);
  icalcomponent_free (calendar);
}

/* Text with something to show once escaped: not only spaces and controls */
static const char *
nonempty (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && ((guchar) *p >= 0x20 && *p != 0x7f))
      return text;
  return NULL;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

/* The whole export with the parts in the database */
static void
check_export (const char * const parts[N_PARTS])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unfolded = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *ticket_summary = NULL;
  const char *notes = nonempty (parts[PART_NOTES]);
  const char *reason = nonempty (parts[PART_REASON]);
  icalcomponent *calendar, *event;
  sqlite3_stmt *stmt;
  gsize length;

  if (!crm_store_begin (store, &error))
    g_error ("begin: %s", error->message);
  stmt = crm_store_prepare (store, "UPDATE followups SET item = ?1, notes = ?2, rule_reason = ?3 WHERE id = 1", &error);
  g_assert_no_error (error);
  bind_text (stmt, 1, parts[PART_ITEM]);
  bind_text (stmt, 2, parts[PART_NOTES]);
  bind_text (stmt, 3, parts[PART_REASON]);
  if (!crm_store_step_done (store, stmt, &error))
    g_error ("update: %s", error->message);
  stmt = crm_store_prepare (store, "UPDATE customers SET name = ?1 WHERE id = 1", &error);
  g_assert_no_error (error);
  bind_text (stmt, 1, parts[PART_CUSTOMER]);
  if (!crm_store_step_done (store, stmt, &error))
    g_error ("update: %s", error->message);
  stmt = crm_store_prepare (store, "UPDATE tickets SET title = ?1 WHERE id = 1", &error);
  g_assert_no_error (error);
  bind_text (stmt, 1, parts[PART_TITLE]);
  if (!crm_store_step_done (store, stmt, &error))
    g_error ("update: %s", error->message);

  if (!crm_ics_export (store, export_path, &error))
    g_error ("export: %s", error->message);
  crm_store_rollback (store);

  if (!g_file_get_contents (export_path, &text, &length, &error))
    g_error ("reading the export: %s", error->message);
  g_assert_cmpuint (strlen (text), ==, length);
  unfolded = check_lines (text, length);

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  assert_no_parse_errors (calendar);

  event = find_event (calendar, "followup-1@rapport.local");
  g_assert_nonnull (event);
  {
    g_autofree char *raw = g_strdup_printf ("Call: %s — %s", parts[PART_ITEM], parts[PART_CUSTOMER]);

    summary = expected_text (raw);
  }
  assert_same_text (icalcomponent_get_summary (event), summary);
  if (notes != NULL || reason != NULL)
    {
      g_autofree char *raw = notes != NULL && reason != NULL ? g_strconcat (notes, "\n", reason, NULL)
                                                             : g_strdup (notes != NULL ? notes : reason);

      description = expected_text (raw);
      assert_same_text (icalcomponent_get_description (event), description);
    }
  else
    g_assert_null (icalcomponent_get_first_property (event, ICAL_DESCRIPTION_PROPERTY));

  event = find_event (calendar, "ticket-1-response@rapport.local");
  g_assert_nonnull (event);
  {
    g_autofree char *raw = g_strdup_printf ("Response due: TK2026001 %s — %s", parts[PART_TITLE], parts[PART_CUSTOMER]);

    ticket_summary = expected_text (raw);
  }
  assert_same_text (icalcomponent_get_summary (event), ticket_summary);
  icalcomponent_free (calendar);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *copy = fuzz_strndup (data, size);
  const char *parts[N_PARTS];
  const char *p = copy;
  const char *end = copy + size;

  /* the parts, separated by NUL bytes; missing ones empty (the database
   * wants a name, an item and a title with more than spaces) */
  for (guint i = 0; i < N_PARTS; i++)
    {
      parts[i] = p < end ? p : "";
      if (p < end)
        p += strlen (p) + 1;
      if ((i == PART_ITEM || i == PART_CUSTOMER || i == PART_TITLE) && parts[i][strspn (parts[i], " ")] == '\0')
        parts[i] = "x";
    }

  for (guint i = 0; i < N_PARTS; i++)
    check_property (parts[i]);
  check_export (parts);

  return 0;
}
