/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-transfer"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-backup.h"
#include "crm-export.h"
#include "crm-progress-dialog.h"
#include "crm-transfer.h"
#include "crm-vcard.h"
#include "crm-window.h"

void
crm_transfer_report (GtkWindow  *parent,
                     const char *message,
                     gboolean    failed)
{
  if (CRM_IS_WINDOW (parent))
    {
      AdwToast *toast = adw_toast_new (message);

      /* a failure stays until it is read */
      if (failed)
        adw_toast_set_timeout (toast, 0);
      crm_window_add_toast (CRM_WINDOW (parent), toast);
    }
  else
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, failed ? _("Something Went Wrong") : NULL, message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* The file chosen in a file chooser's response, as a local path (NULL with a
 * report when it is not local, or when nothing was chosen). */
static char *
chosen_path (GtkNativeDialog *chooser,
             int              response,
             GtkWindow       *parent)
{
  g_autoptr(GFile) file = NULL;
  char *path;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL && file != NULL)
    crm_transfer_report (parent, _("Choose a file on this computer."), TRUE);
  return path;
}

static GtkFileChooserNative *
new_chooser (GtkWindow            *parent,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *filter_name,
             const char           *suffix,
             const char           *current_name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

static char *
file_display_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_filename_display_name (base);
}

/* ---- export to a spreadsheet ---- */

typedef struct {
  GtkWindow         *parent;      /* owned */
  CrmContext        *context;     /* owned */
  CrmProgressDialog *progress;    /* owned while it runs */
  char              *store_path;
  char              *table;       /* NULL: contacts as vCard */
  char              *path;
  gboolean           bom;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->parent);
  g_clear_object (&job->context);
  g_clear_object (&job->progress);
  g_free (job->store_path);
  g_free (job->table);
  g_free (job->path);
  g_free (job);
}

static ExportJob *
export_job_new (GtkWindow  *parent,
                CrmContext *context)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->parent = g_object_ref (parent);
  job->context = g_object_ref (context);
  job->store_path = g_strdup (crm_store_get_path (crm_context_get_store (context)));
  return job;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;

  store = crm_store_open (job->store_path, crm_context_get_clock (job->context), &error);
  if (store == NULL ||
      !(job->table != NULL ? crm_export_csv (store, job->table, job->path, job->bom, &error)
                           : crm_vcard_export (store, job->path, CRM_VCARD_VERSION_3, cancellable, &error)))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *display = file_display_name (job->path);
  g_autofree char *message = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (crm_progress_dialog_get_cancellable (job->progress));

  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  crm_progress_dialog_finish (job->progress);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why */
      message = g_strdup_printf (_("Could not export: %s"), error->message);
      crm_transfer_report (job->parent, message, TRUE);
    }
  else if (!ok || cancelled)
    {
      /* a spreadsheet export cannot stop half-way: what it wrote goes */
      if (ok)
        g_unlink (job->path);
      crm_transfer_report (job->parent, _("Export cancelled; no file was written"), FALSE);
    }
  else
    {
      /* Translators: %s is the file name */
      message = g_strdup_printf (_("Exported to “%s”"), display);
      crm_transfer_report (job->parent, message, FALSE);
    }
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GTask) task = NULL;

  job->path = chosen_path (chooser, response, job->parent);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (job->path == NULL)
    {
      export_job_free (job);
      return;
    }

  job->progress = g_object_ref_sink (crm_progress_dialog_new (job->parent, _("Exporting…"),
                                                              _("The file holds personal data of your customers: keep it safe.")));
  gtk_window_present (GTK_WINDOW (job->progress));
  task = g_task_new (NULL, crm_progress_dialog_get_cancellable (job->progress), export_done_cb, NULL);
  /* the thread's own result, cancelled or not */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* The tables in words, in the order of crm_export_get_tables () */
static const char *
table_label (const char *table)
{
  if (g_str_equal (table, "customers"))
    return _("Customers");
  if (g_str_equal (table, "contacts"))
    return _("Contacts");
  if (g_str_equal (table, "interactions"))
    return _("Interactions");
  if (g_str_equal (table, "tickets"))
    return _("Tickets");
  if (g_str_equal (table, "followups"))
    return _("Follow-ups");
  return table;
}

static void
export_options_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            gpointer          user_data)
{
  ExportJob *job = user_data;
  GtkDropDown *tables = g_object_get_data (G_OBJECT (dialog), "tables");
  GtkCheckButton *bom = g_object_get_data (G_OBJECT (dialog), "bom");
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    {
      export_job_free (job);
      return;
    }
  job->table = g_strdup (crm_export_get_tables ()[gtk_drop_down_get_selected (tables)]);
  job->bom = gtk_check_button_get_active (bom);
  name = g_strdup_printf ("%s.csv", job->table);
  chooser = new_chooser (job->parent, _("Export to a Spreadsheet"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                         _("CSV files"), "csv", name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
crm_transfer_export_csv (GtkWindow  *parent,
                         CrmContext *context)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char * const *tables = crm_export_get_tables ();
  GtkWidget *dialog, *box, *label, *dropdown, *bom;
  ExportJob *job;

  g_return_if_fail (CRM_IS_CONTEXT (context));

  for (guint i = 0; tables[i] != NULL; i++)
    gtk_string_list_append (names, table_label (tables[i]));

  dialog = adw_message_dialog_new (parent, _("Export to a Spreadsheet?"),
                                   _("The file will hold the real names, phone numbers and e-mail addresses of "
                                     "your customers — personal data. Keep it where only the people who need it "
                                     "can read it."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("_What to export"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What to export"), -1);
  bom = gtk_check_button_new_with_mnemonic (_("For _Microsoft Excel (adds a byte order mark, so Chinese text reads right)"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bom), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), bom);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tables", dropdown);
  g_object_set_data (G_OBJECT (dialog), "bom", bom);

  job = export_job_new (parent, context);
  g_signal_connect (dialog, "response", G_CALLBACK (export_options_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- contacts as vCard ---- */

void
crm_transfer_export_vcard (GtkWindow  *parent,
                           CrmContext *context)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (CRM_IS_CONTEXT (context));

  chooser = new_chooser (parent, _("Export Contacts"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                         _("vCard files"), "vcf", "contacts.vcf");
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb), export_job_new (parent, context));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct {
  GtkWindow         *parent;
  CrmContext        *context;
  CrmProgressDialog *progress;
  char              *path;
  CrmVcardImportResult *result;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_clear_object (&job->parent);
  g_clear_object (&job->context);
  g_clear_object (&job->progress);
  g_free (job->path);
  g_clear_pointer (&job->result, crm_vcard_import_result_free);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;

  store = crm_store_open (crm_store_get_path (crm_context_get_store (job->context)),
                          crm_context_get_clock (job->context), &error);
  if (store != NULL)
    job->result = crm_vcard_import (store, job->path, cancellable, &error);
  if (job->result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

#define MAX_LISTED_PROBLEMS 20

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  crm_progress_dialog_finish (job->progress);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          crm_transfer_report (job->parent, _("Import cancelled; nothing was imported"), FALSE);
          return;
        }
      /* Translators: %s says why */
      message = g_strdup_printf (_("Could not import the contacts: %s"), error->message);
      crm_transfer_report (job->parent, message, TRUE);
      return;
    }

  /* written through another connection: the views reload */
  crm_store_note_change (crm_context_get_store (job->context), CRM_CHANGE_ALL, 0);
  summary = crm_vcard_import_result_summarize (job->result);
  if (job->result->problems->len == 0)
    {
      crm_transfer_report (job->parent, summary, FALSE);
      return;
    }

  /* every problem at its card and line, in a dialog that can be read at leisure */
  {
    g_autoptr(GString) body = g_string_new (NULL);
    GtkWidget *dialog;

    for (guint i = 0; i < job->result->problems->len && i < MAX_LISTED_PROBLEMS; i++)
      {
        g_autofree char *line = crm_vcard_problem_to_string (job->result->problems->pdata[i]);

        g_string_append_printf (body, "%s\n", line);
      }
    if (job->result->problems->len > MAX_LISTED_PROBLEMS)
      {
        guint more = job->result->problems->len - MAX_LISTED_PROBLEMS;

        g_string_append_printf (body, ngettext ("… and %u more problem.\n", "… and %u more problems.\n", more), more);
      }
    dialog = adw_message_dialog_new (job->parent, _("Nothing Was Imported"), summary);
    {
      GtkWidget *label = gtk_label_new (body->str);
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
    }
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  ImportJob *job = user_data;
  g_autoptr(GTask) task = NULL;

  job->path = chosen_path (chooser, response, job->parent);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (job->path == NULL)
    {
      import_job_free (job);
      return;
    }
  job->progress = g_object_ref_sink (crm_progress_dialog_new (job->parent, _("Importing Contacts…"),
                                                              _("Nothing is imported unless every card can be.")));
  gtk_window_present (GTK_WINDOW (job->progress));
  task = g_task_new (NULL, crm_progress_dialog_get_cancellable (job->progress), import_done_cb, NULL);
  /* committed is committed, however late Cancel came */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

void
crm_transfer_import_vcard (GtkWindow  *parent,
                           CrmContext *context)
{
  GtkFileChooserNative *chooser;
  ImportJob *job;

  g_return_if_fail (CRM_IS_CONTEXT (context));

  job = g_new0 (ImportJob, 1);
  job->parent = g_object_ref (parent);
  job->context = g_object_ref (context);
  chooser = new_chooser (parent, _("Import Contacts"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                         _("vCard files"), "vcf", NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- back up ---- */

typedef struct {
  GtkWindow         *parent;
  CrmProgressDialog *progress;
  char              *path;
} BackupJob;

static void
backup_job_free (gpointer data)
{
  BackupJob *job = data;

  g_clear_object (&job->parent);
  g_clear_object (&job->progress);
  g_free (job->path);
  g_free (job);
}

static void
backup_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  BackupJob *job = user_data;

  crm_progress_dialog_set_fraction (job->progress, total > 0 ? (double) done / total : -1);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BackupJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = file_display_name (job->path);
  g_autofree char *message = NULL;

  crm_progress_dialog_finish (job->progress);
  if (crm_backup_to_file_finish (CRM_STORE (source), result, &error))
    {
      /* Translators: %s is the file name */
      message = g_strdup_printf (_("Backed up to “%s”"), display);
      crm_transfer_report (job->parent, message, FALSE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    crm_transfer_report (job->parent, _("Backup cancelled; no file was written"), FALSE);
  else
    {
      /* Translators: %s says why */
      message = g_strdup_printf (_("Could not back up: %s"), error->message);
      crm_transfer_report (job->parent, message, TRUE);
    }
  backup_job_free (job);
}

static void
backup_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         user_data)
{
  CrmContext *context = user_data;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  BackupJob *job;
  char *path = chosen_path (chooser, response, parent);

  if (path != NULL)
    {
      job = g_new0 (BackupJob, 1);
      job->parent = g_object_ref (parent);
      job->path = path;
      job->progress = g_object_ref_sink (crm_progress_dialog_new (parent, _("Backing Up…"),
                                                                  _("Rapport keeps working while the copy is made.")));
      gtk_window_present (GTK_WINDOW (job->progress));
      crm_backup_to_file_async (crm_context_get_store (context), path, backup_progress_cb, job, NULL,
                                crm_progress_dialog_get_cancellable (job->progress), backup_done_cb, job);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (context);
}

void
crm_transfer_backup (GtkWindow  *parent,
                     CrmContext *context)
{
  g_autoptr(GDateTime) now = crm_clock_now_local (crm_context_get_clock (context));
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("rapport-backup-%s.db", date);
  GtkFileChooserNative *chooser;

  g_return_if_fail (CRM_IS_CONTEXT (context));

  chooser = new_chooser (parent, _("Back Up"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"),
                         _("Rapport backups"), "db", name);
  g_signal_connect (chooser, "response", G_CALLBACK (backup_chooser_response_cb), g_object_ref (context));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- restore ---- */

typedef struct {
  CrmRestoreFunc  func;
  gpointer        user_data;
  char           *path;
} RestoreRequest;

static void
restore_request_free (gpointer data)
{
  RestoreRequest *request = data;

  g_free (request->path);
  g_free (request);
}

static void
restore_confirm_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             gpointer          user_data)
{
  RestoreRequest *request = user_data;

  if (g_str_equal (response, "restore"))
    request->func (request->path, request->user_data);
  restore_request_free (request);
}

static void
restore_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  RestoreRequest *request = user_data;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  GtkWidget *dialog;
  g_autofree char *display = NULL;
  g_autofree char *body = NULL;

  request->path = chosen_path (chooser, response, parent);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (request->path == NULL)
    {
      restore_request_free (request);
      return;
    }

  display = file_display_name (request->path);
  /* Translators: %s is the backup's file name */
  body = g_strdup_printf (_("Everything in Rapport is replaced by what “%s” holds. The data as it is now is kept as "
                            "a backup of its own next to the database, so nothing is lost."), display);
  dialog = adw_message_dialog_new (parent, _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (restore_confirm_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
crm_transfer_restore (GtkWindow      *parent,
                      CrmContext     *context,
                      CrmRestoreFunc  restore_func,
                      gpointer        user_data)
{
  GtkFileChooserNative *chooser;
  RestoreRequest *request;

  g_return_if_fail (CRM_IS_CONTEXT (context));
  g_return_if_fail (restore_func != NULL);

  request = g_new0 (RestoreRequest, 1);
  request->func = restore_func;
  request->user_data = user_data;
  chooser = new_chooser (parent, _("Restore a Backup"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                         _("Rapport backups"), "db", NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (restore_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
