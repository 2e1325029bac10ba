/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-resolve"

#include <glib/gi18n.h>

#include "crm-store-tickets.h"
#include "crm-ticket-resolve.h"
#include "crm-window.h"

typedef struct {
  CrmContext            *context;
  GtkWidget             *parent;
  CrmTicketResolvedFunc  callback;
  GWeakRef               owner;
} ResolveRequest;

static void
request_free (gpointer data)
{
  ResolveRequest *request = data;

  g_object_unref (request->context);
  g_object_unref (request->parent);
  g_weak_ref_clear (&request->owner);
  g_free (request);
}

static void
add_toast (GtkWidget  *parent,
           const char *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (parent, CRM_TYPE_WINDOW);

  if (window != NULL)
    crm_window_add_toast (CRM_WINDOW (window), adw_toast_new (title));
}

static void
resolution_changed_cb (GtkTextBuffer    *buffer,
                       AdwMessageDialog *dialog)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  adw_message_dialog_set_response_enabled (dialog, "resolve", *g_strstrip (text) != '\0');
}

static void
resolve_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  ResolveRequest *request = g_object_get_data (G_OBJECT (dialog), "request");
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "resolution");
  GtkEditable *compensation = g_object_get_data (G_OBJECT (dialog), "compensation");
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "ticket-id"));
  g_autofree char *resolution = NULL;
  g_autoptr(GError) error = NULL;
  gint64 followup_id = 0;
  GtkTextIter start, end;

  if (!g_str_equal (response, "resolve"))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  resolution = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!crm_store_resolve_ticket (crm_context_get_store (request->context), ticket_id, resolution,
                                 gtk_editable_get_text (compensation), &followup_id, &error))
    {
      add_toast (request->parent, error->message);
      return;
    }
  add_toast (request->parent, followup_id != 0 ? _("Resolved — a follow-up call is planned within 2 hours")
                                               : _("Resolved"));
  {
    g_autoptr(GObject) owner = g_weak_ref_get (&request->owner);

    if (owner != NULL && request->callback != NULL)
      request->callback (owner, ticket_id, followup_id);
  }
}

void
crm_ticket_resolve_ask (GtkWidget             *parent,
                        CrmContext            *context,
                        gint64                 ticket_id,
                        CrmTicketResolvedFunc  callback,
                        gpointer               owner)
{
  g_autoptr(CrmTicketDetail) detail = crm_store_load_ticket_detail (crm_context_get_store (context), ticket_id, NULL);
  GtkWidget *window = gtk_widget_get_ancestor (parent, GTK_TYPE_WINDOW);
  ResolveRequest *request;
  GtkWidget *dialog, *box, *label, *scrolled, *view, *entry;
  g_autofree char *heading = NULL;

  if (detail == NULL)
    return;

  /* Translators: the heading of the resolution form, "Resolve TK2026000123?" */
  heading = g_strdup_printf (_("Resolve %s?"), detail->code);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, detail->title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "resolve", _("_Resolve"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resolve", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "resolve", FALSE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("How it was _solved"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  label = gtk_label_new_with_mnemonic (_("_Compensation (optional)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), entry);
  if (detail->category == CRM_TICKET_COMPLAINT)
    {
      GtkWidget *note = gtk_label_new (_("A complaint gets a follow-up call within 2 hours of its resolution."));

      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_box_append (GTK_BOX (box), note);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "resolution", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  g_object_set_data (G_OBJECT (dialog), "compensation", entry);
  g_object_set_data (G_OBJECT (dialog), "ticket-id", GSIZE_TO_POINTER ((gsize) ticket_id));
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed", G_CALLBACK (resolution_changed_cb),
                    dialog);
  request = g_new0 (ResolveRequest, 1);
  request->context = g_object_ref (context);
  request->parent = g_object_ref (parent);
  request->callback = callback;
  g_weak_ref_init (&request->owner, owner);
  g_object_set_data_full (G_OBJECT (dialog), "request", request, request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (resolve_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

