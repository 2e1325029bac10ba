/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-field-message"

#include <glib/gi18n.h>

#include "crm-field-message.h"

GtkLabel *
crm_field_message_add (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *message_row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);
  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  gtk_widget_add_css_class (box, "field-error");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (message_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message_row), FALSE);
  gtk_widget_set_focusable (message_row, FALSE);
  gtk_widget_set_visible (message_row, FALSE);

  gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);

  return GTK_LABEL (label);
}

void
crm_field_message_set (GtkWidget  *row,
                       GtkLabel   *label,
                       const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_LIST_BOX_ROW), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static gboolean
close_idle_cb (gpointer data)
{
  GtkWindow *window = data;

  if (gtk_widget_get_visible (GTK_WIDGET (window)))
    gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

void
crm_close_window_later (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, close_idle_cb, g_object_ref (window), g_object_unref);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *form)
{
  gboolean *closing = g_object_get_data (G_OBJECT (dialog), "closing");

  if (!g_str_equal (response, "discard"))
    return;
  *closing = TRUE;
  crm_close_window_later (form);
}

void
crm_form_ask_discard (GtkWindow *form,
                      gboolean  *closing)
{
  GtkWidget *dialog = adw_message_dialog_new (form, _("Discard Changes?"),
                                              _("What you typed in this form has not been saved."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data (G_OBJECT (dialog), "closing", closing);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), form, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
crm_form_set_text (AdwEntryRow *row,
                   const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

char *
crm_form_get_text (AdwEntryRow *row)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}
