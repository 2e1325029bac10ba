/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "crm-export.h"
#include "crm-store-tickets.h"
#include "crm-test-util.h"

#define HOUR (60 * 60)

/* A name with everything CSV must quote: quotes, a comma, a line break. */
#define NASTY "Acme \"Best\", Ltd.\nSecond line"

typedef struct {
  CrmTestDb *db;
  char      *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;

  f->db = crm_test_db_new ();
  f->dir = crm_test_tmp_dir ();
  g_assert_true (crm_store_exec (f->db->store,
                                 "INSERT INTO team_members (id, name, role, is_self, created_at)"
                                 " VALUES (1, 'Li Na', 0, 1, 0);"
                                 "INSERT INTO customers (id, code, name, sort_key, kind, tier, key_account, owner_id,"
                                 " annual_revenue_cents, do_not_contact, created_at, updated_at)"
                                 " VALUES (1, 'CS2026001', 'Acme \"Best\", Ltd.' || char(10) || 'Second line',"
                                 " 'acme', 1, 0, 2, 1, 123456789, 1, 1795140000, 1795140000),"
                                 " (2, 'CS2026002', '北京星辰科技有限公司', 'beijing', 0, 1, 0, NULL, NULL, 0,"
                                 " 1795140000, 1795140000);"
                                 "INSERT INTO contacts (customer_id, name, role, phone, email, is_primary, created_at,"
                                 " updated_at) VALUES (1, 'Wang, Lei', 0, '138 0013 8000', 'wang@example.com', 1,"
                                 " 1795140000, 1795140000);"
                                 "INSERT INTO interactions (customer_id, contact_id, owner_id, occurred_at, channel,"
                                 " subject, summary, feedback_category_id, satisfaction, created_at, updated_at)"
                                 " VALUES (1, 1, 1, 1795140000, 2, 'Visit, \"on site\"', 'Line 1' || char(13) || char(10)"
                                 " || 'Line 2', 3, 4, 1795140000, 1795140000);"
                                 "INSERT INTO followups (customer_id, kind, item, status, planned_at, owner_id, rule_key,"
                                 " created_at, updated_at) VALUES (1, 1, 'Visit, then \"call\"', 0, 1795147200, 1,"
                                 " 'care', 1795140000, 1795140000);",
                                 NULL));

  crm_ticket_draft_init (&draft);
  draft.customer_id = 1;
  draft.title = g_strdup ("Export fails, \"empty\" file");
  draft.level = 2;
  draft.category = CRM_TICKET_COMPLAINT;
  draft.department = 2;
  g_assert_cmpint (crm_store_create_ticket (f->db->store, &draft, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_rm_rf (f->dir);
  g_free (f->dir);
  crm_test_db_free (f->db);
}

/* RFC 4180, strictly: rows of fields; fails the test on malformed input. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else
        while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
          {
            g_assert_true (*p != '"');
            g_string_append_c (field, *p++);
          }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          /* every line ends with CRLF */
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static const char *
field (GPtrArray  *rows,
       guint       row,
       const char *header)
{
  GPtrArray *head = rows->pdata[0];

  g_assert_cmpuint (row, <, rows->len);
  for (guint i = 0; i < head->len; i++)
    if (g_str_equal (head->pdata[i], header))
      {
        GPtrArray *r = rows->pdata[row];

        g_assert_cmpuint (r->len, ==, head->len);
        return r->pdata[i];
      }
  g_error ("No column %s", header);
  return NULL;
}

static GPtrArray *
export (Fixture    *f,
        const char *table,
        gboolean    bom,
        char      **contents_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (crm_export_csv (f->db->store, table, path, bom, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  if (contents_out != NULL)
    *contents_out = g_strdup (contents);
  return parse_csv (bom ? contents + 3 : contents);
}

static void
assert_header (GPtrArray          *rows,
               const char * const *expected)
{
  GPtrArray *head = rows->pdata[0];

  g_assert_cmpuint (head->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (head->pdata[i], ==, expected[i]);
}

static void
test_tickets (Fixture       *f,
              gconstpointer  data)
{
  const char * const header[] = {
    "code", "customer_code", "title", "level", "status", "category", "created_at", "first_response_at",
    "response_due", "resolved_at", "resolution_due", "breached", "assignee", "department", "closed_at",
    "confirmed_at", NULL
  };
  g_autoptr(GPtrArray) rows = export (f, "tickets", FALSE, NULL);

  assert_header (rows, header);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (field (rows, 1, "code"), ==, "TK2026000001");
  g_assert_cmpstr (field (rows, 1, "customer_code"), ==, "CS2026001");
  g_assert_cmpstr (field (rows, 1, "title"), ==, "Export fails, \"empty\" file");
  g_assert_cmpstr (field (rows, 1, "level"), ==, "2");
  g_assert_cmpstr (field (rows, 1, "status"), ==, "new");
  g_assert_cmpstr (field (rows, 1, "category"), ==, "complaint");
  g_assert_cmpstr (field (rows, 1, "department"), ==, "after_sales");
  g_assert_cmpstr (field (rows, 1, "assignee"), ==, "Li Na");
  g_assert_cmpstr (field (rows, 1, "breached"), ==, "0");
  /* ISO 8601 with the offset of the local zone (Asia/Shanghai) */
  g_assert_cmpstr (field (rows, 1, "created_at"), ==, "2026-11-20T10:00:00+08:00");
  g_assert_cmpstr (field (rows, 1, "response_due"), ==, "2026-11-20T12:00:00+08:00");
  g_assert_cmpstr (field (rows, 1, "resolution_due"), ==, "2026-11-21T10:00:00+08:00");
  g_assert_cmpstr (field (rows, 1, "first_response_at"), ==, "");
  g_assert_cmpstr (field (rows, 1, "closed_at"), ==, "");
}

/* crm_store_export_tickets_csv() writes the same file. */
static void
test_tickets_through_store (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = g_build_filename (f->dir, "a.csv", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.csv", NULL);
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  g_assert_true (crm_store_export_tickets_csv (f->db->store, a, TRUE, &error));
  g_assert_true (crm_export_csv (f->db->store, "tickets", b, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (a, &ca, NULL, NULL));
  g_assert_true (g_file_get_contents (b, &cb, NULL, NULL));
  g_assert_cmpstr (ca, ==, cb);
}

static void
test_customers (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = export (f, "customers", FALSE, &contents);

  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((GPtrArray *) rows->pdata[0])->pdata[0], ==, "code");
  /* quotes, comma and line break come back as they were */
  g_assert_cmpstr (field (rows, 1, "name"), ==, NASTY);
  g_assert_nonnull (strstr (contents, "\"Acme \"\"Best\"\", Ltd.\nSecond line\""));
  g_assert_cmpstr (field (rows, 1, "kind"), ==, "company");
  g_assert_cmpstr (field (rows, 1, "tier"), ==, "vip");
  g_assert_cmpstr (field (rows, 1, "key_account"), ==, "diamond");
  g_assert_cmpstr (field (rows, 1, "lifecycle"), ==, "new");
  g_assert_cmpstr (field (rows, 1, "owner"), ==, "Li Na");
  g_assert_cmpstr (field (rows, 1, "annual_revenue"), ==, "1234567.89");
  g_assert_cmpstr (field (rows, 1, "do_not_contact"), ==, "1");
  g_assert_cmpstr (field (rows, 1, "created_at"), ==, "2026-11-20T10:00:00+08:00");
  g_assert_cmpstr (field (rows, 1, "last_contact_at"), ==, "");
  g_assert_cmpstr (field (rows, 2, "name"), ==, "北京星辰科技有限公司");
  g_assert_cmpstr (field (rows, 2, "kind"), ==, "person");
  g_assert_cmpstr (field (rows, 2, "annual_revenue"), ==, "");
  g_assert_cmpstr (field (rows, 2, "owner"), ==, "");
}

static void
test_contacts_interactions_followups (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = export (f, "contacts", FALSE, NULL);
  g_autoptr(GPtrArray) interactions = export (f, "interactions", FALSE, NULL);
  g_autoptr(GPtrArray) followups = export (f, "followups", FALSE, NULL);

  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (field (contacts, 1, "customer_code"), ==, "CS2026001");
  g_assert_cmpstr (field (contacts, 1, "name"), ==, "Wang, Lei");
  g_assert_cmpstr (field (contacts, 1, "role"), ==, "decision_maker");
  g_assert_cmpstr (field (contacts, 1, "phone"), ==, "138 0013 8000");
  g_assert_cmpstr (field (contacts, 1, "is_primary"), ==, "1");

  g_assert_cmpuint (interactions->len, ==, 2);
  g_assert_cmpstr (field (interactions, 1, "occurred_at"), ==, "2026-11-20T10:00:00+08:00");
  g_assert_cmpstr (field (interactions, 1, "channel"), ==, "visit");
  g_assert_cmpstr (field (interactions, 1, "contact"), ==, "Wang, Lei");
  g_assert_cmpstr (field (interactions, 1, "subject"), ==, "Visit, \"on site\"");
  g_assert_cmpstr (field (interactions, 1, "summary"), ==, "Line 1\r\nLine 2");
  g_assert_cmpstr (field (interactions, 1, "feedback_category"), ==, "price");
  g_assert_cmpstr (field (interactions, 1, "satisfaction"), ==, "4");
  g_assert_cmpstr (field (interactions, 1, "duration_min"), ==, "");

  g_assert_cmpuint (followups->len, ==, 2);
  g_assert_cmpstr (field (followups, 1, "kind"), ==, "visit");
  g_assert_cmpstr (field (followups, 1, "status"), ==, "planned");
  g_assert_cmpstr (field (followups, 1, "item"), ==, "Visit, then \"call\"");
  g_assert_cmpstr (field (followups, 1, "planned_at"), ==, "2026-11-20T12:00:00+08:00");
  g_assert_cmpstr (field (followups, 1, "rule_key"), ==, "care");
  g_assert_cmpstr (field (followups, 1, "ticket_code"), ==, "");
}

static void
test_bom_and_replace (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;

  /* an older file of another mode is replaced by a private one */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  rows = export (f, "contacts", TRUE, &contents);
  g_assert_cmpint (memcmp (contents, "\xEF\xBB\xBF" "customer_code,", 17), ==, 0);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = export (f, "contacts", FALSE, &contents);
  g_assert_true (g_str_has_prefix (contents, "customer_code,"));

  /* no temporary file left beside it */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "out.csv");
  g_assert_null (g_dir_read_name (dir));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "dir.csv", NULL);
  const char * const *tables = crm_export_get_tables ();

  g_assert_cmpuint (g_strv_length ((char **) tables), ==, 5);
  g_assert_true (crm_export_is_table ("followups"));
  g_assert_false (crm_export_is_table ("ticket_events"));
  g_assert_false (crm_export_is_table (NULL));

  g_assert_false (crm_export_csv (f->db->store, "orders", path, FALSE, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“orders”"));
  g_assert_nonnull (strstr (error->message, "customers, contacts, interactions, tickets, followups"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (crm_export_csv (f->db->store, "customers", missing, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_field_quoting (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *t = crm_csv_format_time (0);

  crm_csv_append_field (out, "plain");
  g_string_append_c (out, ',');
  crm_csv_append_field (out, "a,b");
  g_string_append_c (out, ',');
  crm_csv_append_field (out, "say \"hi\"");
  g_string_append_c (out, ',');
  crm_csv_append_field (out, "cr\r");
  g_string_append_c (out, ',');
  crm_csv_append_field (out, NULL);
  g_assert_cmpstr (out->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"cr\r\",");
  g_assert_cmpstr (t, ==, "1970-01-01T08:00:00+08:00");

  /* the same as GDateTime's, across the years and Shanghai's summer times of 1986–1991 */
  for (gint64 when = -2208988800; when < 4102444800; when += 86400 * 37 + 3607)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);
      g_autofree char *expected = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S%:z");
      g_autofree char *got = crm_csv_format_time (when);

      g_assert_cmpstr (got, ==, expected);
    }
  {
    g_autofree char *summer = crm_csv_format_time (585388800);   /* 1988-07-20 08:00 UTC */
    g_autofree char *never = crm_csv_format_time (G_MAXINT64);

    g_assert_cmpstr (summer, ==, "1988-07-20T17:00:00+09:00");
    g_assert_null (never);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/tickets", test_tickets);
  ADD ("/export/tickets-through-store", test_tickets_through_store);
  ADD ("/export/customers", test_customers);
  ADD ("/export/contacts-interactions-followups", test_contacts_interactions_followups);
  ADD ("/export/bom-and-replace", test_bom_and_replace);
  ADD ("/export/errors", test_errors);
#undef ADD
  g_test_add_func ("/export/field-quoting", test_field_quoting);

  return g_test_run ();
}
