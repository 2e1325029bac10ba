/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-application"

#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-application.h"
#include "crm-autostart.h"
#include "crm-backup.h"
#include "crm-demo.h"
#include "crm-export.h"
#include "crm-ics.h"
#include "crm-import-csv.h"
#include "crm-notifier.h"
#include "crm-preferences-window.h"
#include "crm-print-document.h"
#include "crm-progress-dialog.h"
#include "crm-transfer.h"
#include "crm-vcard.h"
#include "crm-scores.h"
#include "crm-store.h"
#include "crm-store-customers.h"
#include "crm-store-followups.h"
#include "crm-followup-complete.h"
#include "crm-window.h"

#define MAX_DEMO_CUSTOMERS 1000000

struct _CrmApplication
{
  AdwApplication parent_instance;

  /* owned */
  char        *database_path;
  gboolean     own_database;   /* --database was given */
  CrmContext  *context;
  CrmNotifier *notifier;
  gboolean     background;     /* --background: no window at start */
  gboolean     held;           /* kept running with no window, for reminders */
  guint        auto_backup_source;
  gboolean     auto_backup_running;
  /* a large database of an earlier version is updated behind a window saying so */
  guint64      update_notice_bytes;
  CrmProgressDialog *update_dialog;

  /* the benchmark's profile openings */
  guint       bench_profiles_left;
  gboolean    bench_months;          /* the steps are months of the calendar, not profiles */
  gint64      bench_profile_start;
  gint64      bench_profile_build;   /* µs spent in the call that shows it */
  gint64      bench_paint_start;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

GSettings *
crm_application_load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

#ifdef BUILD_SCHEMA_DIR
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) built =
        g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, source, FALSE, NULL);

      if (built != NULL)
        schema = g_settings_schema_source_lookup (built, APP_ID, FALSE);
    }
#endif

  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed; window size and page are not kept", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = (CrmApplication *) object;

  g_clear_handle_id (&self->auto_backup_source, g_source_remove);
  g_clear_object (&self->notifier);
  g_clear_object (&self->context);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_application_parent_class)->finalize (object);
}

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  g_autofree char *line = NULL;

  if (!isatty (fileno (stderr)))
    return;
  line = g_strdup_printf (_("Generating customers… %u%%"), total ? done * 100 / total : 100);
  g_printerr ("\r%s", line);
}

static int
run_demo_data (CrmApplication *self,
               gint64          n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *display = g_filename_display_name (self->database_path);
  gint64 before, after;
  gint64 start = g_get_monotonic_time ();

  if (n < 1 || n > MAX_DEMO_CUSTOMERS)
    {
      g_printerr (_("--demo-data takes a number of customers from 1 to %d.\n"), MAX_DEMO_CUSTOMERS);
      return 2;
    }

  store = crm_store_open (self->database_path, clock, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  before = crm_store_count (store, "customers");
  if (!crm_demo_generate (store, (guint) n, (guint32) (before + 1), crm_demo_language_from_locale (),
                          print_progress, NULL, NULL, &error))
    {
      g_printerr ("\n%s\n", error->message);
      return 1;
    }
  /* a demo database is complete at once: health, RFM and suggestions included */
  if (!crm_scores_update_with_history (self->database_path, crm_store_now (store), NULL, &error))
    {
      g_printerr ("\n%s\n", error->message);
      return 1;
    }
  after = crm_store_count (store, "customers");

  if (isatty (fileno (stderr)))
    g_printerr ("\r");
  g_print (ngettext ("Added %u customer to “%s” in %.1f s.\n",
                     "Added %u customers to “%s” in %.1f s.\n", (gulong) (after - before)),
           (guint) (after - before), display, (g_get_monotonic_time () - start) / 1e6);

  return 0;
}

static gboolean needs_long_update (CrmApplication *self);

/* The database of a command-line option, which must exist already; NULL
 * after a one-line message. */
static CrmStore *
open_existing_store (CrmApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = NULL;
  CrmStore *store;

  if (!g_file_test (self->database_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (self->database_path);

      g_printerr (_("“%s” does not exist.\n"), display);
      return NULL;
    }
  clock = crm_clock_new_system ();
  if (needs_long_update (self))
    {
      g_autofree char *name = g_filename_display_basename (self->database_path);

      /* Translators: said on the command line before a long update; %s is the database file's name */
      g_printerr (_("Updating “%s” for this version of Rapport; this can take a minute or two…\n"), name);
    }
  store = crm_store_open (self->database_path, clock, &error);
  if (store == NULL)
    g_printerr ("%s\n", error->message);
  return store;
}

/* The table names as a list for messages: "customers, contacts, …" */
static char *
export_table_list (void)
{
  return g_strjoinv (", ", (char **) crm_export_get_tables ());
}

/* --export-csv FILE --table T: nothing on stdout, 0 on success; a one-line
 * message and 2 for a wrong argument, 1 when it could not be done. */
static int
run_export_csv (CrmApplication *self,
                const char     *file,
                const char     *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GFile) location = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tables = export_table_list ();

  if (file[0] == '\0')
    {
      g_printerr ("%s\n", _("--export-csv needs the name of the file to write."));
      return 2;
    }
  if (table == NULL)
    {
      /* Translators: %s is the list of table names */
      g_printerr (_("--export-csv needs --table: one of %s.\n"), tables);
      return 2;
    }
  if (!crm_export_is_table (table))
    {
      g_printerr (_("There is no table “%s” to export. Choose one of: %s."), table, tables);
      g_printerr ("\n");
      return 2;
    }
  store = open_existing_store (self);
  if (store == NULL)
    return 1;
  location = g_file_new_for_commandline_arg (file);
  path = g_file_get_path (location);
  if (!crm_export_csv (store, table, path, FALSE, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* --export-ics FILE: nothing on stdout, 0 on success; a one-line message and 2
 * for a wrong argument, 1 when it could not be done. */
static int
run_export_ics (CrmApplication *self,
                const char     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GFile) location = NULL;
  g_autofree char *path = NULL;

  if (file[0] == '\0')
    {
      g_printerr ("%s\n", _("--export-ics needs the name of the file to write."));
      return 2;
    }
  store = open_existing_store (self);
  if (store == NULL)
    return 1;
  location = g_file_new_for_commandline_arg (file);
  path = g_file_get_path (location);
  if (!crm_ics_export (store, path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* A path as typed on the command line, or NULL (with a message) when it is empty. */
static char *
command_line_path (const char *arg,
                   const char *empty_message)
{
  g_autoptr(GFile) file = NULL;

  if (arg == NULL || arg[0] == '\0')
    {
      g_printerr ("%s\n", empty_message);
      return NULL;
    }
  file = g_file_new_for_commandline_arg (arg);
  return g_file_get_path (file);
}

/* --import-csv FILE: all or nothing; the report (problems, skipped duplicates,
 * what was imported) on stdout when it worked, on stderr when it did not. */
static int
run_import_csv (CrmApplication *self,
                const char     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *path = command_line_path (file, _("--import-csv needs the name of the CSV file to read."));
  gboolean existed = g_file_test (self->database_path, G_FILE_TEST_EXISTS);
  gboolean ok;

  if (path == NULL)
    return 2;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_printerr (_("“%s” does not exist.\n"), display);
      return 1;
    }

  clock = crm_clock_new_system ();
  store = crm_store_open (self->database_path, clock, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  ok = crm_csv_import_run_cli (store, path, report, &error);
  g_clear_object (&store);
  if (!ok)
    {
      if (report->len > 0)
        g_printerr ("%s", report->str);
      g_printerr ("%s\n", error->message);
      /* a database made for this import only is not left behind empty */
      if (!existed)
        {
          const char *suffixes[] = { "", "-wal", "-shm" };

          for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
            {
              g_autofree char *name = g_strconcat (self->database_path, suffixes[i], NULL);

              g_unlink (name);
            }
        }
      return 1;
    }
  g_print ("%s", report->str);
  return 0;
}

/* --export-vcard FILE [--vcard-version 3|4]: every contact. */
static int
run_export_vcard (CrmApplication *self,
                  const char     *file,
                  const char     *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *path = command_line_path (file, _("--export-vcard needs the name of the file to write."));
  CrmVcardVersion v = CRM_VCARD_VERSION_3;

  if (path == NULL)
    return 2;
  if (version != NULL && g_str_equal (version, "4"))
    v = CRM_VCARD_VERSION_4;
  else if (version != NULL && !g_str_equal (version, "3"))
    {
      g_printerr ("%s\n", _("--vcard-version is 3 or 4."));
      return 2;
    }
  store = open_existing_store (self);
  if (store == NULL)
    return 1;
  if (!crm_vcard_export (store, path, v, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* --import-vcard FILE: contacts from vCard 2.1 to 4.0, all or nothing. */
static int
run_import_vcard (CrmApplication *self,
                  const char     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmVcardImportResult) result = NULL;
  g_autofree char *path = command_line_path (file, _("--import-vcard needs the name of the vCard file to read."));
  g_autofree char *summary = NULL;

  if (path == NULL)
    return 2;
  store = open_existing_store (self);
  if (store == NULL)
    return 1;
  result = crm_vcard_import (store, path, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  summary = crm_vcard_import_result_summarize (result);
  if (result->problems->len > 0)
    {
      for (guint i = 0; i < result->problems->len; i++)
        {
          g_autofree char *line = crm_vcard_problem_to_string (result->problems->pdata[i]);

          g_printerr ("%s\n", line);
        }
      g_printerr ("%s\n", summary);
      return 1;
    }
  g_print ("%s\n", summary);
  return 0;
}

/* --print-summary CODE --output FILE: the masked customer summary as PDF. */
static int
run_print_summary (CrmApplication *self,
                   const char     *code,
                   const char     *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  int status;

  /* the arguments first: no database is needed to refuse them */
  status = crm_print_summary_cli (NULL, code, output, &error);
  if (status == 2)
    {
      g_printerr ("%s\n", error->message);
      return status;
    }
  g_clear_error (&error);
  store = open_existing_store (self);
  if (store == NULL)
    return 1;
  status = crm_print_summary_cli (store, code, output, &error);
  if (status != 0)
    g_printerr ("%s\n", error->message);
  return status;
}

/* --backup FILE: a copy of the database, made with SQLite's backup API. */
static int
run_backup (CrmApplication *self,
            const char     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *path = command_line_path (file, _("--backup needs the name of the backup file to write."));

  if (path == NULL)
    return 2;
  store = open_existing_store (self);
  if (store == NULL)
    return 1;
  if (!crm_backup_to_file (store, path, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

/* --restore FILE: checks the backup, keeps the current database as a backup
 * of its own, then puts the backup in its place. */
static int
run_restore (CrmApplication *self,
             const char     *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  g_autofree char *path = command_line_path (file, _("--restore needs the name of the backup file to read."));
  g_autofree char *saved = NULL;

  if (path == NULL)
    return 2;
  if (!crm_backup_restore (path, self->database_path, clock, &saved, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (saved != NULL)
    {
      g_autofree char *display = g_filename_display_name (saved);

      g_print (_("Restored. The database as it was before is kept in “%s”.\n"), display);
    }
  else
    g_print ("%s\n", _("Restored."));
  return 0;
}

/* --check-reminders: one pass.  Prints how many reminders went out; with no
 * notification server, the reminders themselves (for cron's mail). */
static int
run_check_reminders (CrmApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = open_existing_store (self);
  g_autoptr(GString) fallback = g_string_new (NULL);
  gboolean no_server = FALSE;
  int sent;

  if (store == NULL)
    return 1;
  /* what was sent is recorded, so a timer never sends it twice: here it could not be */
  if (crm_store_is_read_only (store))
    {
      g_printerr ("%s\n", _("The database file cannot be written to, so Rapport cannot record which "
                            "reminders it sends. No reminders were sent."));
      return 1;
    }
  sent = crm_notifier_check_once (store, fallback, &no_server, &error);
  if (sent < 0)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (no_server)
    {
      g_printerr ("%s\n", _("No notification server is running; the reminders follow here."));
      g_print ("%s", fallback->str);
      return 0;
    }
  g_print (ngettext ("Sent %d reminder.\n", "Sent %d reminders.\n", sent), sent);
  return 0;
}

static int
crm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  CrmApplication *self = CRM_APPLICATION (app);
  const char *database = NULL;
  const char *demo = NULL;
  const char *export_csv = NULL;
  const char *export_ics = NULL;
  const char *table = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("Rapport %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && database[0] != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);

      g_autofree char *digest = NULL;
      g_autofree char *id = NULL;

      self->database_path = g_file_get_path (file);
      self->own_database = TRUE;
      /* One process per database: another database is another document, and
       * the window of this one joins the instance (a background one, say)
       * that already has it open */
      digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->database_path, -1);
      id = g_strdup_printf ("%s.Db%.16s", APP_ID, digest);
      g_application_set_application_id (app, id);
    }
  else
    self->database_path = crm_store_default_path ();

  if (g_variant_dict_contains (options, "check-reminders"))
    return run_check_reminders (self);

  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        {
          g_print ("%s\n", _("Rapport is already running; it delivers the reminders."));
          return 0;
        }
      self->background = TRUE;
      return -1;
    }

  if (g_variant_dict_lookup (options, "demo-data", "&s", &demo))
    {
      gint64 n = 0;

      if (!g_ascii_string_to_signed (demo, 10, 1, MAX_DEMO_CUSTOMERS, &n, NULL))
        n = 0;
      return run_demo_data (self, n);
    }

  {
    const char *import_csv = NULL, *backup = NULL, *restore = NULL, *print_summary = NULL, *output = NULL;
    const char *import_vcard = NULL, *export_vcard = NULL, *vcard_version = NULL;
    const char *single[] = { "import-csv", "backup", "restore", "print-summary", "import-vcard", "export-vcard" };
    guint given = 0;

    for (guint i = 0; i < G_N_ELEMENTS (single); i++)
      given += g_variant_dict_contains (options, single[i]);
    if (given > 1)
      {
        g_printerr ("%s\n", _("Give one of --import-csv, --import-vcard, --export-vcard, --backup, --restore and "
                               "--print-summary at a time."));
        return 2;
      }
    g_variant_dict_lookup (options, "output", "^&ay", &output);
    if (g_variant_dict_lookup (options, "print-summary", "&s", &print_summary))
      return run_print_summary (self, print_summary, output);
    if (output != NULL)
      {
        g_printerr ("%s\n", _("--output goes with --print-summary CODE."));
        return 2;
      }
    g_variant_dict_lookup (options, "vcard-version", "&s", &vcard_version);
    if (g_variant_dict_lookup (options, "export-vcard", "^&ay", &export_vcard))
      return run_export_vcard (self, export_vcard, vcard_version);
    if (vcard_version != NULL)
      {
        g_printerr ("%s\n", _("--vcard-version goes with --export-vcard FILE."));
        return 2;
      }
    if (g_variant_dict_lookup (options, "import-vcard", "^&ay", &import_vcard))
      return run_import_vcard (self, import_vcard);
    if (g_variant_dict_lookup (options, "import-csv", "^&ay", &import_csv))
      return run_import_csv (self, import_csv);
    if (g_variant_dict_lookup (options, "backup", "^&ay", &backup))
      return run_backup (self, backup);
    if (g_variant_dict_lookup (options, "restore", "^&ay", &restore))
      return run_restore (self, restore);
  }

  if (g_variant_dict_lookup (options, "export-ics", "^&ay", &export_ics))
    {
      if (g_variant_dict_contains (options, "export-csv"))
        {
          g_printerr ("%s\n", _("Use --export-csv or --export-ics, not both."));
          return 2;
        }
      if (g_variant_dict_contains (options, "table"))
        {
          g_printerr ("%s\n", _("--table goes with --export-csv FILE."));
          return 2;
        }
      return run_export_ics (self, export_ics);
    }

  g_variant_dict_lookup (options, "table", "&s", &table);
  if (g_variant_dict_lookup (options, "export-csv", "^&ay", &export_csv))
    return run_export_csv (self, export_csv, table);
  if (table != NULL)
    {
      g_printerr ("%s\n", _("--table goes with --export-csv FILE."));
      return 2;
    }

  return -1;
}

/* ---- a database that cannot be opened: a way out ---- */

static GtkWindow *ensure_window (CrmApplication *self);
static void ensure_notifier (CrmApplication *self,
                             guint           first_delay_ms);
static void restore_backup (const char *backup_path,
                            gpointer    user_data);
static void show_fatal_error (CrmApplication *self,
                              const char     *message);

typedef struct {
  CrmApplication *self;
  char           *message;   /* shown again when nothing was chosen */
  gboolean        restore;   /* a backup to restore, else another database to open */
} WayOut;

static void
way_out_chosen_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  WayOut *way = user_data;
  CrmApplication *self = way->self;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);

  if (path == NULL)
    show_fatal_error (self, way->message);
  else if (way->restore)
    /* the damaged file is kept next to the database, as any restore keeps what it replaces */
    restore_backup (path, self);
  else
    {
      GtkWindow *window;

      g_free (self->database_path);
      self->database_path = g_steal_pointer (&path);
      self->own_database = TRUE;
      window = ensure_window (self);
      if (window != NULL)
        {
          ensure_notifier (self, 5000);
          gtk_window_present (window);
        }
    }
  g_application_release (G_APPLICATION (self));
  g_free (way->message);
  g_free (way);
}

static void
fatal_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CrmApplication   *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  WayOut *way;

  if (g_str_equal (response, "quit"))
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  way = g_new0 (WayOut, 1);
  way->self = self;
  way->message = g_strdup (adw_message_dialog_get_body (dialog));
  way->restore = g_str_equal (response, "backup");
  /* no window while the chooser is up: keep running */
  g_application_hold (G_APPLICATION (self));
  chooser = gtk_file_chooser_native_new (way->restore ? _("Restore a Backup") : _("Open Another Database"),
                                         NULL, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         way->restore ? _("_Restore") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, way->restore ? _("Rapport backups") : _("Rapport databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (way_out_chosen_cb), way);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_fatal_error (CrmApplication *self,
                  const char     *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Could Not Open the Database"), message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "quit", _("_Quit"),
                                    "other", _("Open _Another…"),
                                    "backup", _("Restore a _Backup…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "backup", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "backup");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (fatal_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- scores, recomputed in the background at most once a day ---- */

typedef struct {
  char   *path;
  gint64  now;
} ScoresJob;

static void
scores_job_free (gpointer data)
{
  ScoresJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
scores_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ScoresJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (crm_scores_update_all (job->path, job->now, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
scores_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not update the health and RFM scores: %s", error->message);
      return;
    }

  /* written through another connection: the views reload */
  if (self->context != NULL)
    crm_store_note_change (crm_context_get_store (self->context), CRM_CHANGE_ALL, 0);
}

static gboolean
start_scores_update_cb (gpointer user_data)
{
  CrmApplication *self = user_data;
  CrmStore *store;
  g_autoptr(GTask) task = NULL;
  ScoresJob *job;

  if (self->context == NULL)
    return G_SOURCE_REMOVE;

  store = crm_context_get_store (self->context);
  if (crm_store_is_read_only (store) || !crm_scores_need_update (store) || !crm_store_has_customers (store))
    return G_SOURCE_REMOVE;

  job = g_new0 (ScoresJob, 1);
  job->path = g_strdup (crm_store_get_path (store));
  job->now = crm_store_now (store);
  task = g_task_new (NULL, NULL, scores_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, scores_job_free);
  g_task_run_in_thread (task, scores_thread);

  return G_SOURCE_REMOVE;
}

/* With RAPPORT_BENCH_PROFILES=N as well, N customer profiles are then opened one
 * after the other, 1.5 s after the first frame: each prints "profile <µs>", from the call to the frame that
 * shows it (main-thread time: loading, building the rows, layout and paint).  With
 * RAPPORT_BENCH_MONTHS=N instead, the Calendar's Month view goes N months back,
 * one at a time, and each prints "month <µs>" alike. */
static gboolean open_next_profile_cb (gpointer user_data);
static GtkWindow *main_window (CrmApplication *self);

static void
profile_frame_start_cb (GdkFrameClock  *clock,
                        CrmApplication *self)
{
  self->bench_paint_start = g_get_monotonic_time ();
}

static void
profile_painted_cb (GdkFrameClock  *clock,
                    CrmApplication *self)
{
  /* the time waiting for the frame clock is not the profile's: only the call and the frame count */
  g_print ("%s %" G_GINT64_FORMAT "\n", self->bench_months ? "month" : "profile",
           self->bench_profile_build + g_get_monotonic_time () - self->bench_paint_start);
  g_signal_handlers_disconnect_by_func (clock, profile_painted_cb, self);
  g_signal_handlers_disconnect_by_func (clock, profile_frame_start_cb, self);
  g_idle_add_full (G_PRIORITY_LOW, open_next_profile_cb, g_object_ref (self), g_object_unref);
}

static gboolean
open_next_profile_cb (gpointer user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  CrmStore *store = crm_context_get_store (self->context);
  gint64 n = crm_store_count (store, "customers");

  if (self->bench_profiles_left == 0 || window == NULL || n < 1)
    {
      g_application_quit (G_APPLICATION (self));
      return G_SOURCE_REMOVE;
    }
  self->bench_profiles_left--;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                    G_CALLBACK (profile_frame_start_cb), self);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (profile_painted_cb), self);
  self->bench_profile_start = g_get_monotonic_time ();
  if (self->bench_months)
    gtk_widget_activate_action (GTK_WIDGET (crm_window_get_calendar_page (CRM_WINDOW (window))),
                                "calendar.previous", NULL);
  else
    /* spread over the whole table, the same customers on every run */
    crm_window_show_customer (CRM_WINDOW (window), 1 + (gint64) (self->bench_profiles_left * 7919) % n);
  self->bench_profile_build = g_get_monotonic_time () - self->bench_profile_start;
  return G_SOURCE_REMOVE;
}

/* The benchmark measures exec → first frame: with RAPPORT_BENCH_FIRST_FRAME set,
 * the time of the first frame is printed (monotonic µs) and Rapport quits. */
static void
first_frame_cb (GdkFrameClock  *clock,
                CrmApplication *self)
{
  const char *months = g_getenv ("RAPPORT_BENCH_MONTHS");
  const char *profiles = months != NULL ? months : g_getenv ("RAPPORT_BENCH_PROFILES");
  GtkWindow *window = main_window (self);

  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  if (months != NULL && window != NULL)
    {
      /* the Month view shown once, then each month back measured */
      self->bench_months = TRUE;
      crm_window_show_calendar (CRM_WINDOW (window), "month");
    }
  if (profiles != NULL)
    {
      self->bench_profiles_left = (guint) g_ascii_strtoull (profiles, NULL, 10);
      /* as a person would: after the window has settled (the profile page is prepared 1 s in) */
      g_timeout_add_full (G_PRIORITY_LOW, 1500, open_next_profile_cb, g_object_ref (self), g_object_unref);
      return;
    }
  g_application_quit (G_APPLICATION (self));
}

static void
window_realize_cb (GtkWidget      *window,
                   CrmApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (first_frame_cb), self);
}

/* Kept running with no window, so reminders still come. */
static void
set_held (CrmApplication *self,
          gboolean        held)
{
  if (held == self->held)
    return;
  self->held = held;
  if (held)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

/* "Run in the background for reminders" (Preferences) is the autostart entry
 * of this database: while it is on, closing the window keeps Rapport running. */
static gboolean
window_close_request_cb (GtkWindow      *window,
                         CrmApplication *self)
{
  set_held (self, crm_autostart_is_for_database (NULL, self->database_path));
  return FALSE;
}

/* The opened database becomes the context; one that could not be opened is
 * said on stderr and, with a window wanted, in the way-out dialog. */
static gboolean
adopt_store (CrmApplication *self,
             CrmStore       *store,
             const GError   *error)
{
  g_autoptr(GSettings) settings = NULL;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      if (!self->background)
        show_fatal_error (self, error->message);
      return FALSE;
    }
  settings = crm_application_load_settings ();
  self->context = crm_context_new (store, settings);
  return TRUE;
}

static gboolean
ensure_context (CrmApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = NULL;
  g_autoptr(CrmStore) store = NULL;

  if (self->context != NULL)
    return TRUE;

  if (self->database_path == NULL)
    self->database_path = crm_store_default_path ();

  clock = crm_clock_new_system ();
  store = crm_store_open (self->database_path, clock, &error);
  return adopt_store (self, store, error);
}

/* The main window, if there is one (a dialog may be the active window) */
static GtkWindow *
main_window (CrmApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static GtkWindow *
ensure_window (CrmApplication *self)
{
  GtkWindow *window = main_window (self);

  if (window != NULL || !ensure_context (self))
    return window;

  window = GTK_WINDOW (crm_window_new (self, self->context));
  /* a large import that a quit or a crash cut short of its search terms */
  crm_context_index_customers (self->context);
  g_signal_connect_object (window, "close-request", G_CALLBACK (window_close_request_cb), self, 0);
  if (g_getenv ("RAPPORT_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), self);
  else
    g_timeout_add_seconds_full (G_PRIORITY_LOW, 2, start_scores_update_cb, g_object_ref (self), g_object_unref);
  return window;
}

/* ---- reminders ---- */

static void
notifier_open_cb (CrmNotifier    *notifier,
                  guint           item_kind,
                  gint64          item_id,
                  CrmApplication *self)
{
  GtkWindow *window = ensure_window (self);

  if (window == NULL)
    return;
  gtk_window_present (window);
  switch ((CrmReminderItem) item_kind)
    {
    case CRM_REMINDER_ITEM_FOLLOWUP:
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-followup", "x", item_id);
      break;
    case CRM_REMINDER_ITEM_TICKET:
      crm_window_show_ticket (CRM_WINDOW (window), item_id);
      break;
    case CRM_REMINDER_ITEM_CUSTOMER:
      crm_window_show_customer (CRM_WINDOW (window), item_id);
      break;
    case CRM_REMINDER_ITEM_DAY:
      crm_window_show_overdue_followups (CRM_WINDOW (window));
      break;
    case CRM_REMINDER_ITEM_NONE:
    default:
      break;
    }
}

static void
notifier_done_cb (CrmNotifier    *notifier,
                  gint64          followup_id,
                  gboolean        marked,
                  CrmApplication *self)
{
  GtkWindow *window = ensure_window (self);

  if (window == NULL)
    return;
  gtk_window_present (window);
  /* done already: the form adds the result; else it completes it */
  crm_followup_complete_ask (GTK_WIDGET (window), self->context, followup_id);
}

static gboolean
notifier_fallback_cb (CrmNotifier       *notifier,
                      const CrmReminder *reminder,
                      CrmApplication    *self)
{
  GtkWindow *window = main_window (self);

  if (window == NULL)
    return FALSE;
  crm_window_show_reminder (CRM_WINDOW (window), reminder);
  return TRUE;
}

static void
ensure_notifier (CrmApplication *self,
                 guint           first_delay_ms)
{
  if (self->notifier != NULL || self->context == NULL)
    return;
  /* it records what it announced: with nowhere to record, it would repeat itself */
  if (crm_store_is_read_only (crm_context_get_store (self->context)))
    {
      g_message ("The database is read-only: no reminders are announced.");
      return;
    }

  self->notifier = crm_notifier_new (self->context);
  g_signal_connect_object (self->notifier, "open", G_CALLBACK (notifier_open_cb), self, 0);
  g_signal_connect_object (self->notifier, "done", G_CALLBACK (notifier_done_cb), self, 0);
  g_signal_connect_object (self->notifier, "fallback", G_CALLBACK (notifier_fallback_cb), self, 0);
  crm_notifier_start (self->notifier, first_delay_ms);
}

/* ---- the automatic daily backup (the last 7 kept) ---- */

#define AUTO_BACKUP_FIRST_S 60
#define AUTO_BACKUP_EVERY_S 3600

static void
auto_backup_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = crm_backup_auto_run_finish (CRM_STORE (source), result, &error);

  self->auto_backup_running = FALSE;
  if (path == NULL)
    g_warning ("The daily backup failed: %s", error->message);
}

static gboolean
auto_backup_cb (gpointer user_data)
{
  CrmApplication *self = user_data;
  g_autofree char *dir = crm_backup_dir_for_database (self->database_path);
  CrmStore *store;

  if (self->context == NULL || self->auto_backup_running)
    return G_SOURCE_CONTINUE;
  store = crm_context_get_store (self->context);
  /* a file nobody here can change needs no daily copy */
  if (!crm_store_is_read_only (store) && crm_backup_auto_due (store, dir))
    {
      self->auto_backup_running = TRUE;
      crm_backup_auto_run_async (store, dir, NULL, auto_backup_done_cb, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
first_auto_backup_cb (gpointer user_data)
{
  CrmApplication *self = user_data;

  auto_backup_cb (self);
  self->auto_backup_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, AUTO_BACKUP_EVERY_S, auto_backup_cb,
                                                         self, NULL);
  return G_SOURCE_REMOVE;
}

static void
start_auto_backups (CrmApplication *self)
{
  if (self->auto_backup_source != 0 || g_getenv ("RAPPORT_BENCH_FIRST_FRAME") != NULL)
    return;
  self->auto_backup_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, AUTO_BACKUP_FIRST_S, first_auto_backup_cb,
                                                         self, NULL);
}

/* ---- restoring a backup from the menu ---- */

typedef struct {
  CrmApplication    *self;
  CrmProgressDialog *progress;
  char              *backup;
  char              *database;
  CrmClock          *clock;
  char              *saved;
} RestoreJob;

static void
restore_job_free (gpointer data)
{
  RestoreJob *job = data;

  g_clear_object (&job->progress);
  g_free (job->backup);
  g_free (job->database);
  g_clear_object (&job->clock);
  g_free (job->saved);
  g_free (job);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  g_autoptr(GError) error = NULL;

  if (crm_backup_restore (job->backup, job->database, job->clock, &job->saved, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  CrmApplication *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);
  GtkWindow *window;

  crm_progress_dialog_finish (job->progress);
  window = ensure_window (self);
  if (window != NULL)
    {
      ensure_notifier (self, 5000);
      gtk_window_present (window);
    }
  if (ok && job->saved != NULL)
    {
      g_autofree char *display = g_filename_display_name (job->saved);

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Backup restored. The data as it was before is kept in “%s”."), display);
    }
  else if (ok)
    message = g_strdup (_("Backup restored."));
  else
    /* Translators: %s says why */
    message = g_strdup_printf (_("Could not restore the backup: %s Nothing was changed."), error->message);
  if (window != NULL)
    crm_transfer_report (window, message, !ok);
  g_application_release (G_APPLICATION (self));
}

/* Closes the window and the database, restores @backup_path in a thread,
 * then opens them again. */
static void
restore_backup (const char *backup_path,
                gpointer    user_data)
{
  CrmApplication *self = user_data;
  g_autoptr(GTask) task = NULL;
  RestoreJob *job;

  g_application_hold (G_APPLICATION (self));
  job = g_new0 (RestoreJob, 1);
  job->self = self;
  job->backup = g_strdup (backup_path);
  job->database = g_strdup (self->database_path);
  job->clock = crm_clock_new_system ();
  job->progress = g_object_ref_sink (crm_progress_dialog_new (NULL, _("Restoring the Backup…"),
                                                              _("Rapport checks the backup, keeps the current data "
                                                                "as a backup of its own, then opens the restored data.")));
  crm_progress_dialog_set_can_cancel (job->progress, FALSE);
  gtk_window_set_application (GTK_WINDOW (job->progress), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (job->progress));

  /* nothing may hold the database open: its windows (and their dialogs) go */
  {
    g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

    for (GList *l = windows; l != NULL; l = l->next)
      if (l->data != (gpointer) job->progress)
        gtk_window_destroy (l->data);
  }
  if (self->notifier != NULL)
    crm_notifier_stop (self->notifier);
  g_clear_object (&self->notifier);
  g_clear_object (&self->context);

  task = g_task_new (NULL, NULL, restore_done_cb, NULL);
  g_task_set_task_data (task, job, restore_job_free);
  g_task_run_in_thread (task, restore_thread);
}

/* ---- updating a large database of an earlier version ---- */

/* A migration can rebuild a search index: minutes for millions of rows */
#define UPDATE_NOTICE_BYTES (G_GUINT64_CONSTANT (64) * 1024 * 1024)

static gboolean
needs_long_update (CrmApplication *self)
{
  GStatBuf st;
  guint version = 0;

  if (self->database_path == NULL || g_stat (self->database_path, &st) != 0 ||
      (guint64) st.st_size < self->update_notice_bytes)
    return FALSE;
  return crm_store_inspect_file (self->database_path, &version, NULL) &&
         version > 0 && version < crm_store_schema_version ();
}

static void
update_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  g_autoptr(GError) error = NULL;
  CrmStore *store = crm_store_open (task_data, clock, &error);

  if (store != NULL)
    g_task_return_pointer (task, store, g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
update_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CrmApplication *self = CRM_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->update_dialog != NULL)
    crm_progress_dialog_finish (self->update_dialog);
  self->update_dialog = NULL;
  if (adopt_store (self, store, error))
    g_application_activate (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
}

/* The window says what is happening while a thread opens (and migrates) the database. */
static void
start_update (CrmApplication *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, update_done_cb, NULL);
  g_autofree char *name = g_filename_display_basename (self->database_path);
  /* Translators: %s is the database file's name */
  g_autofree char *message = g_strdup_printf (_("“%s” was made by an earlier version of Rapport. Updating it can "
                                                "take a minute or two for a large database."), name);

  self->update_dialog = crm_progress_dialog_new (NULL, _("Updating the Database"), message);
  crm_progress_dialog_set_can_cancel (self->update_dialog, FALSE);
  crm_progress_dialog_set_fraction (self->update_dialog, -1);
  gtk_window_set_application (GTK_WINDOW (self->update_dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (self->update_dialog));

  g_application_hold (G_APPLICATION (self));
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, update_thread);
}

void
crm_application_set_update_notice_size (CrmApplication *self,
                                        guint64         bytes)
{
  g_return_if_fail (CRM_IS_APPLICATION (self));
  self->update_notice_bytes = bytes;
}

static void
crm_application_activate (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  GtkWindow *window;

  if (self->update_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->update_dialog));
      return;
    }
  if (self->database_path == NULL)
    self->database_path = crm_store_default_path ();
  if (self->context == NULL && !self->background && needs_long_update (self))
    {
      start_update (self);
      return;
    }
  if (!ensure_context (self))
    return;

  if (self->background)
    {
      /* started by the autostart entry: reminders only, until a window is asked for */
      self->background = FALSE;
      set_held (self, TRUE);
      ensure_notifier (self, 2000);
      start_auto_backups (self);
      return;
    }

  window = ensure_window (self);
  if (window == NULL)
    return;
  if (g_getenv ("RAPPORT_BENCH_FIRST_FRAME") == NULL)
    {
      /* a background instance gets a window: what it could not show, it shows there */
      if (self->notifier != NULL)
        crm_notifier_run_pass (self->notifier);
      ensure_notifier (self, 5000);
      start_auto_backups (self);
    }
  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CrmPreferencesWindow *preferences;

  if (self->context == NULL)
    return;

  preferences = crm_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->context == NULL)
    return;
  crm_transfer_restore (parent, self->context, restore_backup, self);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Rapport Team", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Rapport"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "The Rapport Team",
                         "developers", developers,
                         "comments", _("Look after every customer: profiles, conversations, tickets and follow-ups in one place, with reminders that keep you on time."),
                         "website", "https://github.com/rapportcrm/rapport",
                         "issue-url", "https://github.com/rapportcrm/rapport/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "restore", restore_activated },
  { "about", about_activated },
};

static void
crm_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *new_customer_accels[] = { "<Control>n", NULL };
  static const char *log_interaction_accels[] = { "<Control>l", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-customer", new_customer_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.log-interaction", log_interaction_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/rapportcrm/Rapport/icons");
  gtk_window_set_default_icon_name (APP_ID);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = crm_application_finalize;

  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->activate = crm_application_activate;
  app_class->startup = crm_application_startup;
}

static void
crm_application_init (CrmApplication *self)
{
  self->update_notice_bytes = UPDATE_NOTICE_BYTES;
  static const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database file instead of the default one"), N_("FILE") },
    { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run without a window and deliver reminders"), NULL },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Copy the database to a backup file, then exit"), N_("FILE") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Put a backup in the database’s place (the current one is kept as a backup), then exit"), N_("FILE") },
    { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import customers with their primary contact from a CSV file, all or nothing, then exit"), N_("FILE") },
    { "import-vcard", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Import contacts from a vCard file (2.1 to 4.0), all or nothing, then exit"), N_("FILE") },
    { "export-vcard", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write every contact to a vCard file, then exit"), N_("FILE") },
    { "vcard-version", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("The vCard version --export-vcard writes: 3 (the default) or 4"), N_("VERSION") },
    { "print-summary", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write the summary of the customer with this code as PDF to the file given with --output, then exit"), N_("CODE") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Where --print-summary writes the PDF"), N_("FILE") },
    { "check-reminders", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Send the reminders that are due, then exit"), NULL },
    { "demo-data", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Add N generated customers with their history, then exit"), N_("N") },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the table chosen with --table to a CSV file, then exit"), N_("FILE") },
    { "export-ics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write open follow-ups and ticket deadlines to an iCalendar (.ics) file, then exit"), N_("FILE") },
    { "table", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("What --export-csv writes: customers, contacts, interactions, tickets or followups"), N_("TABLE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Rapport — customer care for account managers."));
}

CrmApplication *
crm_application_new (void)
{
  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/rapportcrm/Rapport",
                       NULL);
}
