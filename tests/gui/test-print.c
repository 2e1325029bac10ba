/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Printing (crm-print-document.h), read back with poppler-utils.  The PDF
 * tests need no display (the export must not): a demo customer with several
 * pages of interactions, masked or with contact details, on A4 and Letter; the
 * agenda of a week; the command line's function.  With a display, the print
 * dialog offers the "Show contact details" tab, in a subprocess. */
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "crm-gui-test-util.h"
#include "crm-mask.h"
#include "crm-print-document.h"
#include "crm-store-interactions.h"
#include "crm-summary.h"
#include "crm-test-util.h"

#define N_INTERACTIONS 60

typedef struct {
  CrmTestDb *db;
  char      *dir;
  gint64     customer_id;
  char      *code;
  char      *name;
  char      *phone;     /* the primary contact's, as stored */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_gui_test_demo_db_new (40);
  f->dir = crm_test_tmp_dir ();

  /* a customer whose primary contact has a phone number, with a long history */
  f->customer_id = crm_test_query_int (f->db->store,
                                       "SELECT c.id FROM customers c JOIN contacts ct ON ct.customer_id = c.id"
                                       " WHERE ct.is_primary AND length (ct.phone) >= 11 ORDER BY c.id LIMIT 1");
  g_assert_cmpint (f->customer_id, >, 0);
  f->code = crm_test_query_textf (f->db->store, "SELECT code FROM customers WHERE id = %" G_GINT64_FORMAT,
                                  f->customer_id);
  f->name = crm_test_query_textf (f->db->store, "SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT,
                                  f->customer_id);
  f->phone = crm_test_query_textf (f->db->store, "SELECT phone FROM contacts WHERE is_primary AND customer_id = %"
                                   G_GINT64_FORMAT, f->customer_id);

  for (guint i = 0; i < N_INTERACTIONS; i++)
    {
      g_auto(CrmInteractionDraft) draft = { 0 };
      g_autoptr(GError) error = NULL;

      crm_interaction_draft_init (&draft);
      draft.customer_id = f->customer_id;
      draft.channel = i % 3 == 0 ? CRM_CHANNEL_VISIT : CRM_CHANNEL_PHONE;
      /* newer than the demo's history: these are the newest */
      draft.occurred_at = CRM_TEST_NOW - 60 - (gint64) i * 3600;
      draft.subject = g_strdup_printf ("季度回访第%02u次", i + 1);
      draft.summary = g_strdup_printf ("纪要%02u：客户反馈数据同步偶有延迟，希望下个版本改进报表导出功能，"
                                       "并确认了续约时间表与培训安排。", i + 1);
      draft.satisfaction = 1 + (int) (i % 5);
      g_assert_cmpint (crm_store_save_interaction (f->db->store, 0, &draft, &error), >, 0);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->code);
  g_free (f->name);
  g_free (f->phone);
  crm_test_db_free (f->db);
}

/* ---- reading PDFs back ---- */

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are needed");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The text of the PDF in drawing order (-raw): pages separated by \f */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };

  return run (argv);
}

static char *
pdf_info (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };

  return run (argv);
}

static guint
pdf_pages (const char *info)
{
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* Every page ends with the privacy note and "Page i of n"; returns n */
static guint
check_pages (const char *text,
             const char *info)
{
  guint n = pdf_pages (info);
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);

  g_assert_cmpuint (n, >=, 1);
  /* pdftotext ends every page with \f: one more (empty) piece */
  g_assert_cmpuint (g_strv_length (pages), ==, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("Page %u of %u", i + 1, n);

      g_assert_nonnull (strstr (pages[i], number));
      g_assert_nonnull (strstr (pages[i], "Contains personal data"));
    }
  return n;
}

static char *
export (Fixture                 *f,
        const CrmSummaryOptions *options,
        const char              *paper,
        const char              *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = gtk_paper_size_new (paper);
  char *path = g_build_filename (f->dir, name, NULL);
  GStatBuf st;

  doc = crm_summary_new_for_customer (f->db->store, f->customer_id, options, &error);
  g_assert_no_error (error);
  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  g_assert_true (crm_print_document_export_pdf_full (doc, path, setup, &error));
  g_assert_no_error (error);

  /* personal data: readable by its owner only */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  return path;
}

/* ---- tests ---- */

static void
test_summary_masked (Fixture       *f,
                     gconstpointer  data)
{
  CrmSummaryOptions options = CRM_SUMMARY_OPTIONS_INIT;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *masked = crm_mask_phone (f->phone);
  g_autofree char *first = NULL;
  g_auto(GStrv) pages = NULL;
  guint n;

  if (!have_poppler ())
    return;

  options.max_interactions = 100;
  path = export (f, &options, GTK_PAPER_NAME_A4, "summary.pdf");
  text = pdf_text (path);
  info = pdf_info (path);

  /* the customer, in Chinese, in its CJK font */
  g_assert_nonnull (strstr (text, f->name));
  g_assert_nonnull (strstr (text, f->code));
  g_assert_nonnull (strstr (info, "A4"));
  {
    const char *argv[] = { "pdffonts", path, NULL };
    g_autofree char *fonts = run (argv);

    g_assert_nonnull (strstr (fonts, "NotoSansCJKsc"));
  }

  /* several pages, numbered "Page i of n", each with the privacy note */
  n = check_pages (text, info);
  g_assert_cmpuint (n, >=, 4);
  first = g_strdup_printf ("Page 1 of %u", n);
  g_assert_nonnull (strstr (text, first));

  /* masked: the stored phone number nowhere, its masked form in the contacts */
  g_assert_nonnull (masked);
  g_assert_cmpstr (masked, !=, f->phone);
  g_assert_null (strstr (text, f->phone));
  g_assert_nonnull (strstr (text, masked));
  g_assert_nonnull (strstr (text, "Phone numbers and e-mail addresses are masked."));

  /* the interactions' table goes on over pages, its header on each of them … */
  g_assert_cmpuint (count (text, "Date Channel Subject Contact Satisfaction"), >=, 2);
  /* … and no row is cut: each interaction's summary on the page of its subject */
  pages = g_strsplit (text, "\f", -1);
  for (guint i = 0; i < N_INTERACTIONS; i++)
    {
      g_autofree char *subject = g_strdup_printf ("季度回访第%02u次", i + 1);
      g_autofree char *summary = g_strdup_printf ("纪要%02u：", i + 1);
      guint found = 0;

      for (guint p = 0; pages[p] != NULL; p++)
        if (strstr (pages[p], subject) != NULL)
          {
            g_assert_nonnull (strstr (pages[p], summary));
            found++;
          }
      g_assert_cmpuint (found, ==, 1);
    }
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM audit_log"), ==, 0);
}

static void
test_summary_contacts (Fixture       *f,
                       gconstpointer  data)
{
  CrmSummaryOptions options = CRM_SUMMARY_OPTIONS_INIT;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *masked = crm_mask_phone (f->phone);

  if (!have_poppler ())
    return;

  options.show_contacts = TRUE;
  path = export (f, &options, GTK_PAPER_NAME_A4, "contacts.pdf");
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, f->phone));
  g_assert_null (strstr (text, masked));
}

static void
test_paper (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *a4 = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *a4_info = NULL;
  g_autofree char *letter_info = NULL;
  g_autofree char *a4_text = NULL;
  g_autofree char *letter_text = NULL;
  guint a4_pages, letter_pages;

  if (!have_poppler ())
    return;

  a4 = export (f, NULL, GTK_PAPER_NAME_A4, "a4.pdf");
  letter = export (f, NULL, GTK_PAPER_NAME_LETTER, "letter.pdf");
  a4_info = pdf_info (a4);
  letter_info = pdf_info (letter);
  a4_text = pdf_text (a4);
  letter_text = pdf_text (letter);

  g_assert_nonnull (strstr (a4_info, "595.276 x 841.89 pts"));
  g_assert_nonnull (strstr (letter_info, "612 x 792 pts"));
  a4_pages = check_pages (a4_text, a4_info);
  letter_pages = check_pages (letter_text, letter_info);
  /* Letter is shorter: never fewer pages */
  g_assert_cmpuint (a4_pages, >=, 2);
  g_assert_cmpuint (letter_pages, >=, a4_pages);
  g_test_message ("%u pages on A4, %u on Letter", a4_pages, letter_pages);
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autoptr(GDateTime) monday = g_date_time_new_from_unix_local (crm_test_time ("2026-11-16 00:00"));
  g_autofree char *path = g_build_filename (f->dir, "agenda.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GString) flat = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n = 0;

  if (!have_poppler ())
    return;

  doc = crm_summary_new_agenda (f->db->store, monday, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_print_document_export_pdf (doc, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  info = pdf_info (path);
  check_pages (text, info);

  /* wrapped cells: compare without white space */
  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    if (!g_unichar_isspace (g_utf8_get_char (c)))
      g_string_append_unichar (flat, g_utf8_get_char (c));

  /* every follow-up of the week, with its customer */
  stmt = crm_store_prepare (f->db->store,
                            "SELECT f.item, c.name FROM followups f JOIN customers c ON c.id = f.customer_id"
                            " WHERE f.planned_at >= ?1 AND f.planned_at < ?2",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, crm_test_time ("2026-11-16 00:00"));
  sqlite3_bind_int64 (stmt, 2, crm_test_time ("2026-11-23 00:00"));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *item = g_strdelimit (g_strdup ((const char *) sqlite3_column_text (stmt, 0)), " ", '\0');
      g_autofree char *customer = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      /* the item's first word, the customer's name (neither has spaces in the Chinese demo) */
      g_assert_nonnull (strstr (flat->str, item));
      g_assert_nonnull (strstr (flat->str, customer));
      n++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (n, >, 0);
  g_assert_nonnull (strstr (text, "Friday, 2026-11-20"));
  g_assert_nonnull (strstr (text, "2026-11-16 – 2026-11-22"));
  g_test_message ("%u follow-ups on the agenda", n);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *text = NULL;

  /* an unknown code: a message naming it, nothing written */
  g_assert_cmpint (crm_print_summary_cli (f->db->store, "CS1999999", path, &error), ==, 1);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "CS1999999"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* missing arguments */
  g_assert_cmpint (crm_print_summary_cli (f->db->store, f->code, "", &error), ==, 2);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (crm_print_summary_cli (f->db->store, "", path, &error), ==, 2);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a folder that does not exist */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "missing", "cli.pdf", NULL);

    g_assert_cmpint (crm_print_summary_cli (f->db->store, f->code, nowhere, &error), ==, 1);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  g_assert_cmpint (crm_print_summary_cli (f->db->store, f->code, path, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (!have_poppler ())
    return;
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, f->code));
  g_assert_null (strstr (text, f->phone));
}

/* ---- the dialog, on a display ---- */

static gboolean
is_show_contacts (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget)
         && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), "_Show contact details") == 0;
}

static void
test_dialog_subprocess (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 }, *f = &fixture;
  GtkWindow *dialog;
  GtkWidget *check;
  gint64 end;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Run by /print/dialog");
      return;
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("No display");
      return;
    }
  adw_init ();
  fixture_set_up (f, NULL);

  g_assert_true (crm_print_summary_run_dialog (f->db->store, f->customer_id, NULL, &error));
  g_assert_no_error (error);

  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((dialog = crm_gui_test_find_toplevel (GTK_TYPE_DIALOG)) == NULL
         && g_get_monotonic_time () < end)
    crm_gui_test_iterate (20);
  g_assert_nonnull (dialog);

  /* the Privacy tab: contact details masked unless ticked */
  check = crm_gui_test_find_child (GTK_WIDGET (dialog), is_show_contacts, NULL);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  /* cancelled: nothing printed, nothing recorded */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  crm_gui_test_iterate (200);
  g_assert_true (crm_gui_test_toplevel_gone (GTK_TYPE_DIALOG, 3000));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM audit_log"), ==, 0);
  fixture_tear_down (f, NULL);
}

static void
test_dialog (void)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (g_getenv ("CI") != NULL)
        g_error ("No display: GUI tests must run under Xvfb in CI");
      g_test_skip ("No display");
      return;
    }
  g_test_trap_subprocess ("/print/dialog/subprocess", 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  /* no gtk_init (): the PDF export works without a display */
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/print/summary/masked", Fixture, NULL, fixture_set_up, test_summary_masked, fixture_tear_down);
  g_test_add ("/print/summary/contacts", Fixture, NULL, fixture_set_up, test_summary_contacts, fixture_tear_down);
  g_test_add ("/print/summary/paper", Fixture, NULL, fixture_set_up, test_paper, fixture_tear_down);
  g_test_add ("/print/agenda", Fixture, NULL, fixture_set_up, test_agenda, fixture_tear_down);
  g_test_add ("/print/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  /* the dialog needs gtk_init (): in a process of its own */
  g_test_add_func ("/print/dialog/subprocess", test_dialog_subprocess);
  g_test_add_func ("/print/dialog", test_dialog);

  return g_test_run ();
}
