/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole application on a display: a database it cannot open gives a way
 * out — open another file, restore a backup, or quit — and the file itself
 * is never changed. */
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "crm-application.h"
#include "crm-progress-dialog.h"
#include "crm-gui-test-util.h"
#include "crm-test-util.h"
#include "crm-window.h"

typedef struct {
  const char *choose;      /* the response: "quit", "other", "backup" */
  const char *file;        /* what the file chooser is given */
  gboolean    saw_dialog;
  gboolean    saw_window;
  char      **responses;
} Script;

static gboolean
quit_cb (gpointer data)
{
  g_application_quit (data);
  return G_SOURCE_REMOVE;
}

/* The file chooser (GTK's own dialog without a portal): the file, then Open */
static gboolean
answer_chooser_cb (gpointer data)
{
  Script *script = data;
  GtkWindow *chooser = crm_gui_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autoptr(GFile) file = NULL;

  if (chooser == NULL)
    return G_SOURCE_CONTINUE;
  file = g_file_new_for_path (script->file);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  /* the folder loads asynchronously: Open once the file is selected */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GFile) selected = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (selected != NULL && g_file_equal (selected, file))
        break;
      crm_gui_test_iterate (50);
    }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  return G_SOURCE_REMOVE;
}

static gboolean
look_for_window_cb (gpointer data)
{
  Script *script = data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = crm_gui_test_find_toplevel (CRM_TYPE_WINDOW);

  if (window == NULL)
    return G_SOURCE_CONTINUE;
  script->saw_window = TRUE;
  g_timeout_add (200, quit_cb, app);
  return G_SOURCE_REMOVE;
}

static gboolean
answer_dialog_cb (gpointer data)
{
  Script *script = data;
  GtkWindow *dialog = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  GApplication *app = g_application_get_default ();
  static const char * const ids[] = { "quit", "other", "backup" };
  GPtrArray *found;

  if (dialog == NULL)
    return G_SOURCE_CONTINUE;
  script->saw_dialog = TRUE;
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Could Not Open the Database");
  found = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), ids[i]))
      g_ptr_array_add (found, g_strdup (ids[i]));
  g_ptr_array_add (found, NULL);
  script->responses = (char **) g_ptr_array_free (found, FALSE);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), script->choose);
  if (!g_str_equal (script->choose, "quit"))
    {
      g_timeout_add (100, answer_chooser_cb, script);
      g_timeout_add (100, look_for_window_cb, script);
    }
  (void) app;
  return G_SOURCE_REMOVE;
}

static gboolean
give_up_cb (gpointer data)
{
  g_application_quit (data);
  return G_SOURCE_REMOVE;
}

static void
run_app (const char *database,
         Script     *script)
{
  g_autoptr(CrmApplication) app = crm_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--database", (char *) database, NULL };
  guint dialog_source = g_timeout_add (100, answer_dialog_cb, script);
  guint give_up = g_timeout_add_seconds (30, give_up_cb, app);

  g_application_run (G_APPLICATION (app), 3, argv);
  if (script->saw_window || g_str_equal (script->choose, "quit"))
    g_clear_handle_id (&give_up, g_source_remove);
  if (!script->saw_dialog)
    g_source_remove (dialog_source);
  g_main_context_iteration (NULL, FALSE);
}

static char *
damaged_copy (const char *source,
              const char *dir)
{
  char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &bytes, &length, NULL));
  /* page 1's header after the magic string: SQLite cannot read it */
  memset (bytes + 16, 'Z', 64);
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));
  return path;
}

static char *
checksum_of (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
}

static void
way_out (gconstpointer data)
{
  const char *choose = data;
  g_autoptr(CrmTestDb) db = crm_gui_test_demo_db_new (5);
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *damaged = NULL;
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  Script script = { 0 };

  g_assert_true (crm_store_exec (db->store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  damaged = damaged_copy (db->path, dir);
  before = checksum_of (damaged);
  {
    g_autofree char *bytes = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (db->path, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (good, bytes, (gssize) length, NULL));
  }

  script.choose = choose;
  script.file = good;
  run_app (damaged, &script);

  g_assert_true (script.saw_dialog);
  g_assert_nonnull (script.responses);
  g_assert_true (g_strv_contains ((const char * const *) script.responses, "quit"));
  g_assert_true (g_strv_contains ((const char * const *) script.responses, "other"));
  g_assert_true (g_strv_contains ((const char * const *) script.responses, "backup"));
  g_strfreev (script.responses);

  if (g_str_equal (choose, "quit"))
    {
      g_assert_false (script.saw_window);
      after = checksum_of (damaged);
      g_assert_cmpstr (after, ==, before);
    }
  else if (g_str_equal (choose, "other"))
    {
      /* the other file opens; the damaged one stays as it was */
      g_assert_true (script.saw_window);
      after = checksum_of (damaged);
      g_assert_cmpstr (after, ==, before);
    }
  else
    {
      /* the backup takes the damaged file's place, which is kept beside it */
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;
      gboolean kept = FALSE;

      g_assert_true (script.saw_window);
      while ((name = g_dir_read_name (d)) != NULL)
        if (g_str_has_prefix (name, "damaged.db.before-restore-"))
          {
            g_autofree char *path = g_build_filename (dir, name, NULL);
            g_autofree char *sum = checksum_of (path);

            kept = g_str_equal (sum, before);
          }
      g_assert_true (kept);
      after = checksum_of (damaged);
      g_assert_cmpstr (after, !=, before);
    }
  crm_test_rm_rf (dir);
}

/* one application per process, as in life */
static void
test_way_out (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      way_out (data);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- a large database of an earlier version ---- */

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gboolean       *saw_update)
{
  if (CRM_IS_PROGRESS_DIALOG (window))
    {
      *saw_update = TRUE;
      g_assert_cmpstr (gtk_window_get_title (window), ==, "Updating the Database");
      /* the main window does not come before the update is done */
      g_assert_null (crm_gui_test_find_toplevel (CRM_TYPE_WINDOW));
    }
}

static void
update_notice (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "v9.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema", "v9.db", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(CrmApplication) app = crm_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--database", path, NULL };
  Script script = { 0 };
  gboolean saw_update = FALSE;
  gsize length;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint give_up;

  g_assert_true (g_file_get_contents (fixture, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (path, bytes, (gssize) length, NULL));

  /* as if it were large: every size gets the notice */
  crm_application_set_update_notice_size (app, 0);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &saw_update);
  g_timeout_add (100, look_for_window_cb, &script);
  give_up = g_timeout_add_seconds (30, give_up_cb, app);
  g_application_run (G_APPLICATION (app), 3, argv);
  g_clear_handle_id (&give_up, g_source_remove);

  g_assert_true (saw_update);
  g_assert_true (script.saw_window);
  g_assert_null (crm_gui_test_find_toplevel (CRM_TYPE_PROGRESS_DIALOG));
  /* updated to this version */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, (int) crm_store_schema_version ());
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  crm_test_rm_rf (dir);
}

static void
test_update_notice (void)
{
  if (g_test_subprocess ())
    {
      update_notice ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- an import cut short of its search terms ---- */

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

typedef struct {
  const char *path;
  gboolean    saw_window;
  gboolean    done;
} Resume;

static gboolean
wait_for_terms_cb (gpointer data)
{
  Resume *resume = data;

  if (crm_gui_test_find_toplevel (CRM_TYPE_WINDOW) != NULL)
    resume->saw_window = TRUE;
  if (!resume->saw_window || query_int (resume->path, "SELECT count(*) FROM unindexed_customers") != 0)
    return G_SOURCE_CONTINUE;
  resume->done = TRUE;
  g_timeout_add (200, quit_cb, g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static void
resumes_search_terms (void)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cut-short.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema", "v13.db", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (fixture);
  g_autoptr(GFile) target = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmApplication) app = crm_application_new ();
  char *argv[] = { (char *) "rapport", (char *) "--database", path, NULL };
  Resume resume = { path, FALSE, FALSE };
  gint64 n;
  guint give_up;

  /* a database whose last import was cut short before its search terms */
  g_assert_true (g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  store = crm_store_open (path, clock, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_exec (store, "DELETE FROM search_terms WHERE customer_id > 4;"
                                        "DELETE FROM customer_terms WHERE customer_id > 4;"
                                        "INSERT INTO unindexed_customers SELECT id FROM customers WHERE id > 4;", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  n = query_int (path, "SELECT count(*) FROM customers");
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM unindexed_customers"), ==, n - 4);

  g_timeout_add (50, wait_for_terms_cb, &resume);
  give_up = g_timeout_add_seconds (30, give_up_cb, app);
  g_application_run (G_APPLICATION (app), 3, argv);
  g_clear_handle_id (&give_up, g_source_remove);

  /* the window's start made them */
  g_assert_true (resume.done);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM customer_terms"), ==, n);
  g_assert_cmpint (query_int (path, "SELECT count(DISTINCT customer_id) FROM search_terms"), ==, n);
  crm_test_rm_rf (dir);
}

static void
test_resumes_search_terms (void)
{
  if (g_test_subprocess ())
    {
      resumes_search_terms ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  /* no portal on the test's bus: GTK's own file chooser dialog */
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  g_test_add_data_func ("/application/bad-database/quit", "quit", test_way_out);
  g_test_add_data_func ("/application/bad-database/open-another", "other", test_way_out);
  g_test_add_data_func ("/application/bad-database/restore-backup", "backup", test_way_out);
  g_test_add_func ("/application/update-notice", test_update_notice);
  g_test_add_func ("/application/resumes-search-terms", test_resumes_search_terms);
  return g_test_run ();
}
