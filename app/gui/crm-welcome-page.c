/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-welcome-page"

#include <glib/gi18n.h>

#include "crm-demo.h"
#include "crm-scores.h"
#include "crm-welcome-page.h"

struct _CrmWelcomePage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack       *stack;
  GtkProgressBar *progress_bar;
  GtkButton      *sample_button;

  /* owned */
  CrmContext     *context;
  GCancellable   *cancellable;
  guint           progress_source;
  gint            progress;   /* per mille, written by the worker thread */
};

G_DEFINE_FINAL_TYPE (CrmWelcomePage, crm_welcome_page, ADW_TYPE_BIN)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  char            *path;
  gint64           now;
  CrmDemoLanguage  language;
  gint            *progress;
} SampleJob;

static void
sample_job_free (gpointer data)
{
  SampleJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
job_progress (guint    done,
              guint    total,
              gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, total > 0 ? (gint) (done * 1000 / total) : 1000);
}

/* Runs in a worker thread with its own connection: SQLite connections are not shared between threads. */
static void
sample_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SampleJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (job->now);
  g_autoptr(CrmStore) store = crm_store_open (job->path, clock, &error);

  if (store == NULL ||
      !crm_demo_generate (store, CRM_WELCOME_SAMPLE_SIZE, 1, job->language,
                          job_progress, job->progress, cancellable, &error) ||
      !crm_scores_update_with_history (job->path, job->now, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
update_progress_cb (gpointer user_data)
{
  CrmWelcomePage *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->progress) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
sample_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "choices");

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Could Not Create Sample Data"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }

  /* The worker wrote through its own connection: tell the views */
  crm_store_note_change (crm_context_get_store (self->context), CRM_CHANGE_ALL, 0);
  g_signal_emit (self, signals[DONE], 0);
}

static void
sample_clicked_cb (CrmWelcomePage *self)
{
  g_autoptr(GTask) task = NULL;
  SampleJob *job;

  g_return_if_fail (self->context != NULL);

  job = g_new0 (SampleJob, 1);
  job->path = g_strdup (crm_store_get_path (crm_context_get_store (self->context)));
  job->now = crm_clock_now (crm_context_get_clock (self->context));
  job->language = crm_demo_language_from_locale ();
  job->progress = &self->progress;

  self->progress = 0;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  self->progress_source = g_timeout_add (100, update_progress_cb, self);

  task = g_task_new (NULL, self->cancellable, sample_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, sample_job_free);
  g_task_run_in_thread (task, sample_thread);
}

static void
cancel_clicked_cb (CrmWelcomePage *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
empty_clicked_cb (CrmWelcomePage *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static void
crm_welcome_page_dispose (GObject *object)
{
  CrmWelcomePage *self = CRM_WELCOME_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WELCOME_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_welcome_page_parent_class)->dispose (object);
}

static void
crm_welcome_page_class_init (CrmWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_welcome_page_dispose;

  /**
   * CrmWelcomePage::done:
   *
   * The person chose how to start: sample data is in place, or they start empty.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmWelcomePage, sample_button);
  gtk_widget_class_bind_template_callback (widget_class, sample_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, empty_clicked_cb);
}

static void
crm_welcome_page_init (CrmWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
crm_welcome_page_set_context (CrmWelcomePage *self,
                              CrmContext     *context)
{
  g_return_if_fail (CRM_IS_WELCOME_PAGE (self));
  g_set_object (&self->context, context);
}
