/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <libical/ical.h>

#include "crm-ics.h"
#include "crm-types.h"
#include "crm-test-util.h"

#define HOUR (60 * 60)
#define DAY (24 * HOUR)

/* What TEXT must escape: a comma, a semicolon, a backslash, quotes, a line break. */
#define NASTY_ITEM "Call back, re: price; \"discount\" \\ net\nthen confirm"
/* Long Chinese text: many 3-octet characters, so folding meets them at every offset. */
#define CHINESE_ITEM "拜访客户，讨论明年的续约方案；确认“年度服务合同”的价格、付款方式与交付时间，并且记录客户对售后服务的所有反馈意见和改进建议"
#define CHINESE_NAME "北京星辰科技有限公司"
#define ACME_NAME "Acme, Ltd.; \"Best\""

typedef struct {
  CrmTestDb *db;
  char      *dir;
  char      *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *sql = NULL;

  f->db = crm_test_db_new ();
  f->dir = crm_test_tmp_dir ();
  f->path = g_build_filename (f->dir, "rapport.ics", NULL);
  sql = g_strdup_printf (
    "INSERT INTO team_members (id, name, role, is_self, created_at) VALUES (1, 'Li Na', 0, 1, 0);"
    "INSERT INTO customers (id, code, name, sort_key, kind, tier, created_at, updated_at)"
    " VALUES (1, 'CS2026001', '%s', 'acme', 1, 0, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "),"
    " (2, 'CS2026002', '%s', 'beijing', 1, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
    "INSERT INTO followups (id, customer_id, kind, item, status, planned_at, notes, rule_reason,"
    " owner_id, created_at, updated_at) VALUES"
    " (1, 1, 0, 'Call back, re: price; \"discount\" \\ net' || char(10) || 'then confirm', 0,"
    "  %" G_GINT64_FORMAT ", 'Bring the offer, v2; ask for Wang', 'No contact for 30 days', 1, 0, 0),"
    " (2, 2, 1, '%s', 0, %" G_GINT64_FORMAT ", NULL, NULL, 1, 0, 0),"
    " (3, 1, 2, 'Done already', 1, %" G_GINT64_FORMAT ", NULL, NULL, 1, 0, 0),"
    " (4, 2, 2, 'Skipped', 2, %" G_GINT64_FORMAT ", NULL, NULL, 1, 0, 0);"
    "INSERT INTO tickets (id, code, customer_id, title, level, status, created_at, updated_at,"
    " first_response_at, next_due, paused_since) VALUES"
    " (10, 'TK2026001', 1, 'Export fails, \"empty\"; file', 1, 0, 0, 0, NULL, %" G_GINT64_FORMAT ", NULL),"
    " (11, 'TK2026002', 2, '无法登录系统', 2, 1, 0, 0, 1, %" G_GINT64_FORMAT ", NULL),"
    " (12, 'TK2026003', 1, 'Paused one', 2, 2, 0, 0, NULL, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "),"
    " (13, 'TK2026004', 1, 'Resolved one', 2, 3, 0, 0, 1, %" G_GINT64_FORMAT ", NULL),"
    " (14, 'TK2026005', 1, 'Closed one', 2, 4, 0, 0, 1, NULL, NULL),"
    " (15, 'TK2026006', 1, 'No deadline', 3, 0, 0, 0, NULL, NULL, NULL);",
    ACME_NAME, CRM_TEST_NOW, CRM_TEST_NOW, CHINESE_NAME, CRM_TEST_NOW, CRM_TEST_NOW,
    CRM_TEST_NOW + 2 * HOUR, CHINESE_ITEM, CRM_TEST_NOW + DAY, CRM_TEST_NOW + 3 * HOUR,
    CRM_TEST_NOW + 4 * HOUR,
    CRM_TEST_NOW + HOUR, CRM_TEST_NOW + 2 * DAY, CRM_TEST_NOW + 5 * HOUR, CRM_TEST_NOW - HOUR,
    CRM_TEST_NOW + 6 * HOUR);
  g_assert_true (crm_store_exec (f->db->store, sql, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  crm_test_db_free (f->db);
}

static char *
export_text (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (crm_ics_export (f->db->store, f->path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* No X-LIC-ERROR anywhere: libical found nothing to complain about. */
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
parse (const char *text)
{
  icalcomponent *calendar = icalparser_parse_string (text);

  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  assert_no_parse_errors (calendar);
  return calendar;
}

/* UID → VEVENT (owned by the calendar) */
static GHashTable *
events_by_uid (icalcomponent *calendar)
{
  GHashTable *events = g_hash_table_new (g_str_hash, g_str_equal);

  for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       e != NULL; e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *uid = icalcomponent_get_uid (e);

      g_assert_nonnull (uid);
      g_assert_false (g_hash_table_contains (events, uid));
      g_hash_table_insert (events, (gpointer) uid, e);
    }
  return events;
}

static gint64
utc_seconds (struct icaltimetype t)
{
  g_assert_false (icaltime_is_null_time (t));
  g_assert_true (icaltime_is_utc (t));
  return (gint64) icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
}

static int
alarm_trigger_seconds (icalcomponent *event)
{
  icalcomponent *alarm = icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT);
  icalproperty *trigger, *action;

  g_assert_nonnull (alarm);
  action = icalcomponent_get_first_property (alarm, ICAL_ACTION_PROPERTY);
  g_assert_nonnull (action);
  g_assert_cmpint (icalproperty_get_action (action), ==, ICAL_ACTION_DISPLAY);
  g_assert_nonnull (icalcomponent_get_description (alarm));
  trigger = icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY);
  g_assert_nonnull (trigger);
  return icaldurationtype_as_int (icalproperty_get_trigger (trigger).duration);
}

static char *
summary_for_followup (CrmFollowupKind kind,
                      const char     *item,
                      const char     *customer)
{
  return g_strdup_printf ("%s: %s — %s", crm_followup_kind_to_string (kind), item, customer);
}

static void
test_export_parses_back (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *call = summary_for_followup (CRM_FOLLOWUP_CALL, NASTY_ITEM, ACME_NAME);
  g_autofree char *visit = summary_for_followup (CRM_FOLLOWUP_VISIT, CHINESE_ITEM, CHINESE_NAME);
  g_autoptr(GHashTable) events = NULL;
  icalcomponent *calendar, *e;
  struct stat st;

  g_assert_true (crm_store_exec (f->db->store,
                                 "INSERT INTO settings (key, value) VALUES ('reminders.lead_minutes', '20')", NULL));
  text = export_text (f);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nPRODID:-//Rapport//Rapport CRM//EN\r\n"));
  g_assert_nonnull (strstr (text, "\r\nCALSCALE:GREGORIAN\r\n"));
  g_assert_nonnull (strstr (text, "\r\nX-WR-CALNAME:Rapport\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (text, "\r\nDTSTAMP:20261120T020000Z\r\n"));  /* the fixed clock, in UTC */

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  calendar = parse (text);
  events = events_by_uid (calendar);
  g_assert_cmpuint (g_hash_table_size (events), ==, 4);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 4);

  /* the follow-up with everything TEXT escapes */
  e = g_hash_table_lookup (events, "followup-1@rapport.local");
  g_assert_nonnull (e);
  g_assert_cmpstr (icalcomponent_get_summary (e), ==, call);
  g_assert_cmpstr (icalcomponent_get_description (e), ==,
                   "Bring the offer, v2; ask for Wang\nNo contact for 30 days");
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (e)), ==, CRM_TEST_NOW + 2 * HOUR);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtend (e)), ==, CRM_TEST_NOW + 2 * HOUR + 30 * 60);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstamp (e)), ==, CRM_TEST_NOW);
  g_assert_cmpint (alarm_trigger_seconds (e), ==, -20 * 60);
  g_assert_nonnull (icalcomponent_get_first_property (e, ICAL_CATEGORIES_PROPERTY));

  /* the long Chinese one */
  e = g_hash_table_lookup (events, "followup-2@rapport.local");
  g_assert_nonnull (e);
  g_assert_cmpstr (icalcomponent_get_summary (e), ==, visit);
  g_assert_null (icalcomponent_get_first_property (e, ICAL_DESCRIPTION_PROPERTY));
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (e)), ==, CRM_TEST_NOW + DAY);
  g_assert_cmpint (alarm_trigger_seconds (e), ==, -20 * 60);

  /* done and skipped follow-ups are not there */
  g_assert_false (g_hash_table_contains (events, "followup-3@rapport.local"));
  g_assert_false (g_hash_table_contains (events, "followup-4@rapport.local"));

  /* tickets: the deadline that runs now, an instant */
  e = g_hash_table_lookup (events, "ticket-10-response@rapport.local");
  g_assert_nonnull (e);
  g_assert_cmpstr (icalcomponent_get_summary (e), ==,
                   "Response due: TK2026001 Export fails, \"empty\"; file — " ACME_NAME);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (e)), ==, CRM_TEST_NOW + HOUR);
  g_assert_null (icalcomponent_get_first_property (e, ICAL_DTEND_PROPERTY));
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtend (e)), ==, CRM_TEST_NOW + HOUR);

  e = g_hash_table_lookup (events, "ticket-11-resolution@rapport.local");
  g_assert_nonnull (e);
  g_assert_cmpstr (icalcomponent_get_summary (e), ==,
                   "Resolution due: TK2026002 无法登录系统 — " CHINESE_NAME);
  g_assert_cmpint (utc_seconds (icalcomponent_get_dtstart (e)), ==, CRM_TEST_NOW + 2 * DAY);

  /* paused, resolved, closed and deadline-less tickets are not there */
  g_assert_null (strstr (text, "ticket-12"));
  g_assert_null (strstr (text, "ticket-13"));
  g_assert_null (strstr (text, "ticket-14"));
  g_assert_null (strstr (text, "ticket-15"));

  icalcomponent_free (calendar);
}

static void
test_lines (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = export_text (f);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);
  guint n, folded = 0;

  /* CRLF only: every LF follows a CR, every CR precedes an LF */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_assert_true (p > text && p[-1] == '\r');
      if (*p == '\r')
        g_assert_true (p[1] == '\n');
    }

  lines = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpstr (lines[n - 1], ==, "");  /* ends with CRLF */
  for (guint i = 0; i + 1 < n; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_cmpuint (strlen (lines[i]), >, 0);
      /* each physical line is whole UTF-8: folding never split a character */
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ')
        {
          folded++;
          g_string_append (unfolded, lines[i] + 1);
        }
      else
        {
          if (i > 0)
            g_string_append_c (unfolded, '\n');
          g_string_append (unfolded, lines[i]);
        }
    }
  g_assert_cmpuint (folded, >, 0);  /* the Chinese text did need folding */
  /* unfolded, the escaped text is there whole */
  g_assert_nonnull (strstr (unfolded->str,
                            "SUMMARY:Call: Call back\\, re: price\\; \"discount\" \\\\ net\\nthen confirm — "
                            "Acme\\, Ltd.\\; \"Best\"\n"));
  g_assert_nonnull (strstr (unfolded->str, "SUMMARY:Visit: " CHINESE_ITEM " — " CHINESE_NAME "\n"));
}

static void
test_default_lead (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = export_text (f);
  icalcomponent *calendar = parse (text);
  g_autoptr(GHashTable) events = events_by_uid (calendar);

  g_assert_cmpint (alarm_trigger_seconds (g_hash_table_lookup (events, "followup-1@rapport.local")), ==, -15 * 60);
  g_assert_nonnull (strstr (text, "\r\nTRIGGER:-PT15M\r\n"));
  icalcomponent_free (calendar);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_uids (const char *text)
{
  icalcomponent *calendar = parse (text);
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);

  for (icalcomponent *e = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       e != NULL; e = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    g_ptr_array_add (uids, g_strdup (icalcomponent_get_uid (e)));
  g_ptr_array_sort (uids, compare_strings);
  icalcomponent_free (calendar);
  return uids;
}

static void
test_stable_uids (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = export_text (f);
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  crm_clock_advance (f->db->clock, HOUR);
  second = export_text (f);
  a = sorted_uids (first);
  b = sorted_uids (second);
  g_assert_cmpuint (a->len, ==, 4);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
  /* only DTSTAMP moved */
  g_assert_nonnull (strstr (second, "\r\nDTSTAMP:20261120T030000Z\r\n"));
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = NULL;
  icalcomponent *calendar;

  g_assert_true (crm_store_exec (f->db->store, "DELETE FROM followups; DELETE FROM tickets;", NULL));
  text = export_text (f);
  calendar = parse (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 0);
  icalcomponent_free (calendar);
}

/* Found by fuzzing (tests/fuzz/regressions/ics/control-only-notes): notes
 * that are nothing but control characters, which TEXT drops, once made an
 * empty DESCRIPTION that libical removes with an error. */
static void
test_control_only_notes (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) events = NULL;
  icalcomponent *calendar, *e;

  g_assert_true (crm_store_exec (f->db->store,
                                 "UPDATE followups SET notes = char(1) || char(127), rule_reason = char(11) || ' '"
                                 " WHERE id = 2;"
                                 "UPDATE followups SET notes = char(1), rule_reason = char(2) || 'Reason' WHERE id = 1;",
                                 NULL));
  text = export_text (f);
  g_assert_null (strstr (text, "DESCRIPTION:\r\n"));
  calendar = parse (text);  /* fails on any X-LIC-ERROR */
  events = events_by_uid (calendar);
  e = g_hash_table_lookup (events, "followup-2@rapport.local");
  g_assert_nonnull (e);
  g_assert_null (icalcomponent_get_first_property (e, ICAL_DESCRIPTION_PROPERTY));
  /* notes of control characters are left out, the reason kept without them */
  e = g_hash_table_lookup (events, "followup-1@rapport.local");
  g_assert_nonnull (e);
  g_assert_cmpstr (icalcomponent_get_description (e), ==, "Reason");
  icalcomponent_free (calendar);
}

static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no", "such", "rapport.ics", NULL);
  g_autoptr(GDir) dir = NULL;

  g_assert_false (crm_ics_export (f->db->store, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  dir = g_dir_open (f->dir, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_escape (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  crm_ics_append_text (out, "a,b;c\\d\r\ne\nf\rg\x01h\tö");
  g_assert_cmpstr (out->str, ==, "a\\,b\\;c\\\\d\\ne\\nf\\ng" "h\tö");
  g_string_truncate (out, 0);
  crm_ics_append_text (out, NULL);
  g_assert_cmpstr (out->str, ==, "");
}

static void
test_fold (void)
{
  /* every offset of a 3-octet and a 4-octet character against the fold */
  for (guint prefix = 0; prefix < 8; prefix++)
    {
      g_autoptr(GString) line = g_string_new ("SUMMARY:");
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GString) back = g_string_new (NULL);
      g_auto(GStrv) parts = NULL;

      for (guint i = 0; i < prefix; i++)
        g_string_append_c (line, 'x');
      for (guint i = 0; i < 40; i++)
        g_string_append (line, i % 3 == 0 ? "😀" : "中");
      crm_ics_append_line (out, line->str, -1);
      g_assert_true (g_str_has_suffix (out->str, "\r\n"));
      g_string_truncate (out, out->len - 2);
      parts = g_strsplit (out->str, "\r\n", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_assert_cmpuint (strlen (parts[i]), <=, 75);
          g_assert_true (g_utf8_validate (parts[i], -1, NULL));
          if (i > 0)
            {
              g_assert_cmpint (parts[i][0], ==, ' ');
              g_string_append (back, parts[i] + 1);
            }
          else
            g_string_append (back, parts[i]);
        }
      g_assert_cmpstr (back->str, ==, line->str);
    }

  /* exactly 75 octets: not folded */
  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autofree char *line = g_strnfill (75, 'a');

    crm_ics_append_line (out, line, -1);
    g_assert_cmpuint (out->len, ==, 77);
  }
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ics/escape", test_escape);
  g_test_add_func ("/ics/fold", test_fold);
  g_test_add ("/ics/parses-back", Fixture, NULL, fixture_set_up, test_export_parses_back, fixture_tear_down);
  g_test_add ("/ics/lines", Fixture, NULL, fixture_set_up, test_lines, fixture_tear_down);
  g_test_add ("/ics/default-lead", Fixture, NULL, fixture_set_up, test_default_lead, fixture_tear_down);
  g_test_add ("/ics/stable-uids", Fixture, NULL, fixture_set_up, test_stable_uids, fixture_tear_down);
  g_test_add ("/ics/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/ics/control-only-notes", Fixture, NULL, fixture_set_up, test_control_only_notes, fixture_tear_down);
  g_test_add ("/ics/failure-leaves-nothing", Fixture, NULL, fixture_set_up, test_failure_leaves_nothing,
              fixture_tear_down);

  rc = g_test_run ();
  icalmemory_free_ring ();
  return rc;
}
