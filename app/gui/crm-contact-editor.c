/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-editor"

#include <glib/gi18n.h>

#include "crm-contact-editor.h"
#include "crm-field-message.h"
#include "crm-store-contacts.h"

struct _CrmContactEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkButton           *save_button;
  AdwPreferencesPage  *page;
  AdwEntryRow         *name_row;
  AdwEntryRow         *title_row;
  AdwComboRow         *role_row;
  AdwActionRow        *primary_row;
  GtkSwitch           *primary_switch;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  AdwEntryRow         *im_row;
  AdwPreferencesGroup *delete_group;

  /* borrowed */
  GtkLabel            *error_labels[CRM_N_CONTACT_FIELDS];
  AdwEntryRow         *field_rows[CRM_N_CONTACT_FIELDS];

  /* owned */
  CrmContext          *context;
  CrmContactDraft      initial;

  gint64               customer_id;
  gint64               contact_id;
  gboolean             shown_messages;   /* after a refused save, messages follow the typing */
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (CrmContactEditor, crm_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
collect_draft (CrmContactEditor *self,
               CrmContactDraft  *draft)
{
  crm_contact_draft_clear (draft);
  draft->name = crm_form_get_text (self->name_row);
  draft->title = crm_form_get_text (self->title_row);
  draft->role = adw_combo_row_get_selected (self->role_row);
  draft->phone = crm_form_get_text (self->phone_row);
  draft->email = crm_form_get_text (self->email_row);
  draft->im = crm_form_get_text (self->im_row);
  draft->is_primary = gtk_switch_get_active (self->primary_switch);
  crm_contact_draft_normalize (draft);
}

static void
fill_form (CrmContactEditor      *self,
           const CrmContactDraft *draft)
{
  crm_form_set_text (self->name_row, draft->name);
  crm_form_set_text (self->title_row, draft->title);
  adw_combo_row_set_selected (self->role_row, draft->role);
  crm_form_set_text (self->phone_row, draft->phone);
  crm_form_set_text (self->email_row, draft->email);
  crm_form_set_text (self->im_row, draft->im);
  gtk_switch_set_active (self->primary_switch, draft->is_primary);
}

static gboolean
show_validation (CrmContactEditor      *self,
                 const CrmContactDraft *draft,
                 gboolean               focus)
{
  g_auto(CrmContactValidation) result = { { NULL } };
  gboolean valid = crm_contact_draft_validate (draft, &result);
  GtkWidget *first = NULL;

  for (guint i = 0; i < CRM_N_CONTACT_FIELDS; i++)
    {
      crm_field_message_set (GTK_WIDGET (self->field_rows[i]), self->error_labels[i], result.messages[i]);
      if (result.messages[i] != NULL && first == NULL)
        first = GTK_WIDGET (self->field_rows[i]);
    }

  if (focus && first != NULL)
    gtk_widget_grab_focus (first);

  return valid;
}

static void
show_error_dialog (CrmContactEditor *self,
                   const char       *heading,
                   const char       *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
crm_contact_editor_save (CrmContactEditor *self)
{
  g_auto(CrmContactDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), FALSE);

  crm_contact_draft_init (&draft);
  collect_draft (self, &draft);

  if (!show_validation (self, &draft, TRUE))
    {
      self->shown_messages = TRUE;
      return FALSE;
    }

  id = crm_store_save_contact (crm_context_get_store (self->context), self->customer_id, self->contact_id,
                               &draft, &error);
  if (id == 0)
    {
      show_error_dialog (self, _("Could Not Save the Contact"), error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, id, self->contact_id == 0);
  self->contact_id = id;
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gint64
crm_contact_editor_get_contact_id (CrmContactEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), 0);
  return self->contact_id;
}

static void
save_clicked_cb (CrmContactEditor *self)
{
  crm_contact_editor_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_contact_editor_save (CRM_CONTACT_EDITOR (widget));
}

static void
cancel_clicked_cb (CrmContactEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CrmContactEditor *self)
{
  g_auto(CrmContactDraft) draft = { 0 };

  /* Once messages are shown, they go away as soon as the value is right */
  if (!self->shown_messages)
    return;
  crm_contact_draft_init (&draft);
  collect_draft (self, &draft);
  show_validation (self, &draft, FALSE);
}

static void
close_after_dialog (CrmContactEditor *self)
{
  self->closing = TRUE;
  crm_close_window_later (GTK_WINDOW (self));
}

static void
delete_response_cb (CrmContactEditor *self,
                    const char       *response)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;

  if (!crm_store_delete_contact (crm_context_get_store (self->context), self->contact_id, &error))
    {
      show_error_dialog (self, _("Could Not Delete the Contact"), error->message);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, self->contact_id);
  close_after_dialog (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (widget);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (self->contact_id == 0)
    return;

  /* Translators: %s is the contact's name */
  g_string_printf (body, _("%s will be removed from this customer’s contacts. Interactions and tickets with this "
                           "person are kept."),
                   self->initial.name != NULL ? self->initial.name : "");
  if (self->initial.is_primary &&
      crm_store_count_contacts (crm_context_get_store (self->context), self->customer_id) > 1)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("The oldest of the other contacts becomes the primary contact."));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Contact?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_dirty (CrmContactEditor *self)
{
  g_auto(CrmContactDraft) now = { 0 };

  crm_contact_draft_init (&now);
  collect_draft (self, &now);

  return !crm_contact_draft_equal (&now, &self->initial);
}

static gboolean
crm_contact_editor_close_request (GtkWindow *window)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (window);

  if (!self->closing && is_dirty (self))
    {
      crm_form_ask_discard (window, &self->closing);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_contact_editor_parent_class)->close_request (window);
}

static void
add_error_label (CrmContactEditor *self,
                 CrmContactField   field,
                 AdwEntryRow      *row)
{
  self->field_rows[field] = row;
  self->error_labels[field] = crm_field_message_add (GTK_WIDGET (row));
}

static void
crm_contact_editor_dispose (GObject *object)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->context);
  crm_contact_draft_clear (&self->initial);

  G_OBJECT_CLASS (crm_contact_editor_parent_class)->dispose (object);
}

static void
crm_contact_editor_class_init (CrmContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_contact_editor_dispose;
  window_class->close_request = crm_contact_editor_close_request;

  /**
   * CrmContactEditor::saved:
   * @id: the contact's id
   * @created: whether the contact is new
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);
  /**
   * CrmContactEditor::deleted:
   * @id: the contact's id
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, primary_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, primary_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, im_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_contact_editor_init (CrmContactEditor *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  for (guint i = 0; i < CRM_N_CONTACT_ROLES; i++)
    gtk_string_list_append (roles, crm_contact_role_to_string (i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));

  add_error_label (self, CRM_CONTACT_FIELD_NAME, self->name_row);
  add_error_label (self, CRM_CONTACT_FIELD_TITLE, self->title_row);
  add_error_label (self, CRM_CONTACT_FIELD_PHONE, self->phone_row);
  add_error_label (self, CRM_CONTACT_FIELD_EMAIL, self->email_row);
  add_error_label (self, CRM_CONTACT_FIELD_IM, self->im_row);

  {
    AdwEntryRow *rows[] = { self->name_row, self->title_row, self->phone_row, self->email_row, self->im_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        /* Enter in any field saves, as in every GNOME form */
        g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
        g_signal_connect_object (rows[i], "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
      }
  }

  crm_contact_draft_init (&self->initial);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

CrmContactEditor *
crm_contact_editor_new (CrmContext *context,
                        gint64      customer_id,
                        gint64      contact_id)
{
  CrmContactEditor *self;
  CrmStore *store;
  gint64 n_contacts;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_CONTACT_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->customer_id = customer_id;
  self->contact_id = contact_id;
  store = crm_context_get_store (context);
  n_contacts = crm_store_count_contacts (store, customer_id);

  if (contact_id != 0)
    {
      g_autoptr(GError) error = NULL;
      gint64 owner = 0;

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Contact"));
      gtk_widget_set_visible (GTK_WIDGET (self->delete_group), TRUE);
      if (crm_store_load_contact (store, contact_id, &owner, &self->initial, &error))
        self->customer_id = owner;
      else
        g_warning ("Could not load contact %" G_GINT64_FORMAT ": %s", contact_id, error->message);
    }
  else if (n_contacts == 0)
    self->initial.is_primary = TRUE;

  /* The primary role moves by making another contact primary */
  if (self->initial.is_primary)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->primary_switch), FALSE);
      adw_action_row_set_subtitle (self->primary_row,
                                   n_contacts <= (contact_id != 0 ? 1 : 0)
                                   ? _("A customer’s first contact is its primary contact")
                                   : _("To change it, make another contact primary"));
    }

  fill_form (self, &self->initial);
  /* What the form holds now is the baseline for "unsaved changes" */
  collect_draft (self, &self->initial);

  return self;
}
