/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-progress-dialog"

#include <glib/gi18n.h>

#include "crm-progress-dialog.h"

#define PULSE_MS 120

struct _CrmProgressDialog
{
  AdwWindow       parent_instance;

  /* template widgets */
  GtkLabel       *heading_label;
  GtkLabel       *message_label;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_button;

  /* owned */
  GCancellable   *cancellable;
  guint           pulse_source;
  gboolean        cannot_cancel;
};

G_DEFINE_FINAL_TYPE (CrmProgressDialog, crm_progress_dialog, ADW_TYPE_WINDOW)

static void
cancel_clicked_cb (CrmProgressDialog *self)
{
  if (self->cannot_cancel)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
}

static gboolean
pulse_cb (gpointer user_data)
{
  CrmProgressDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

void
crm_progress_dialog_set_fraction (CrmProgressDialog *self,
                                  double             fraction)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CRM_IS_PROGRESS_DIALOG (self));

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (fraction < 0)
    {
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (PULSE_MS, pulse_cb, self);
      gtk_progress_bar_set_text (self->progress_bar, "");
      return;
    }
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  fraction = CLAMP (fraction, 0, 1);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  /* Translators: progress, "42 %" */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

GCancellable *
crm_progress_dialog_get_cancellable (CrmProgressDialog *self)
{
  g_return_val_if_fail (CRM_IS_PROGRESS_DIALOG (self), NULL);

  return self->cancellable;
}

void
crm_progress_dialog_set_can_cancel (CrmProgressDialog *self,
                                    gboolean           can_cancel)
{
  g_return_if_fail (CRM_IS_PROGRESS_DIALOG (self));

  self->cannot_cancel = !can_cancel;
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);
}

void
crm_progress_dialog_finish (CrmProgressDialog *self)
{
  g_return_if_fail (CRM_IS_PROGRESS_DIALOG (self));

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
close_request_cb (GtkWindow *window)
{
  /* Escape or the window manager: cancel, and wait for the work to close it */
  cancel_clicked_cb (CRM_PROGRESS_DIALOG (window));
  return TRUE;
}

static void
crm_progress_dialog_dispose (GObject *object)
{
  CrmProgressDialog *self = CRM_PROGRESS_DIALOG (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PROGRESS_DIALOG);

  G_OBJECT_CLASS (crm_progress_dialog_parent_class)->dispose (object);
}

static void
crm_progress_dialog_finalize (GObject *object)
{
  CrmProgressDialog *self = CRM_PROGRESS_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_progress_dialog_parent_class)->finalize (object);
}

static void
crm_progress_dialog_class_init (CrmProgressDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_progress_dialog_dispose;
  object_class->finalize = crm_progress_dialog_finalize;
  window_class->close_request = close_request_cb;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-progress-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmProgressDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CrmProgressDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmProgressDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmProgressDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, (GtkShortcutFunc) gtk_window_close, NULL);
}

static void
crm_progress_dialog_init (CrmProgressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

CrmProgressDialog *
crm_progress_dialog_new (GtkWindow  *parent,
                         const char *heading,
                         const char *message)
{
  CrmProgressDialog *self = g_object_new (CRM_TYPE_PROGRESS_DIALOG,
                                          "transient-for", parent,
                                          "title", heading,
                                          NULL);

  gtk_label_set_text (self->heading_label, heading);
  if (message != NULL)
    {
      gtk_label_set_text (self->message_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
    }
  crm_progress_dialog_set_fraction (self, -1);
  return self;
}
