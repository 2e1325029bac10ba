/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-editor"

#include <glib/gi18n.h>

#include "crm-customer-editor.h"
#include "crm-field-message.h"
#include "crm-store-customers.h"
#include "crm-validate.h"

struct _CrmCustomerEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkButton          *save_button;
  GtkRevealer        *duplicate_revealer;
  GtkLabel           *duplicate_label;
  AdwPreferencesPage *page;
  AdwEntryRow        *name_row;
  AdwComboRow        *kind_row;
  AdwComboRow        *tier_row;
  AdwComboRow        *lifecycle_row;
  AdwComboRow        *owner_row;
  AdwEntryRow        *industry_row;
  AdwEntryRow        *source_row;
  AdwEntryRow        *contact_name_row;
  AdwEntryRow        *contact_title_row;
  AdwComboRow        *role_row;
  AdwEntryRow        *phone_row;
  AdwEntryRow        *email_row;
  AdwEntryRow        *first_deal_row;
  AdwEntryRow        *birthday_row;
  AdwEntryRow        *anniversary_row;
  AdwEntryRow        *address_row;
  AdwEntryRow        *website_row;
  GtkSwitch          *do_not_contact_switch;
  AdwEntryRow        *notes_row;

  /* borrowed */
  GtkLabel           *error_labels[CRM_N_CUSTOMER_FIELDS];
  AdwEntryRow        *field_rows[CRM_N_CUSTOMER_FIELDS];

  /* owned */
  CrmContext         *context;
  GArray             *owner_ids;   /* gint64; index 0 = nobody */
  CrmCustomerDraft    initial;

  gint64              customer_id;
  gboolean            duplicate_confirmed;
  gboolean            closing;
};

G_DEFINE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
collect_draft (CrmCustomerEditor *self,
               CrmCustomerDraft  *draft)
{
  guint owner = adw_combo_row_get_selected (self->owner_row);

  crm_customer_draft_clear (draft);
  draft->name = crm_form_get_text (self->name_row);
  draft->kind = adw_combo_row_get_selected (self->kind_row) == 0 ? CRM_CUSTOMER_COMPANY : CRM_CUSTOMER_PERSON;
  draft->tier = adw_combo_row_get_selected (self->tier_row);
  draft->lifecycle = adw_combo_row_get_selected (self->lifecycle_row);
  draft->owner_id = owner < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner) : 0;
  draft->industry = crm_form_get_text (self->industry_row);
  draft->source = crm_form_get_text (self->source_row);
  draft->contact_name = crm_form_get_text (self->contact_name_row);
  draft->contact_title = crm_form_get_text (self->contact_title_row);
  draft->contact_role = adw_combo_row_get_selected (self->role_row);
  draft->phone = crm_form_get_text (self->phone_row);
  draft->email = crm_form_get_text (self->email_row);
  draft->first_deal_date = crm_form_get_text (self->first_deal_row);
  draft->birthday = crm_form_get_text (self->birthday_row);
  draft->anniversary = crm_form_get_text (self->anniversary_row);
  draft->address = crm_form_get_text (self->address_row);
  draft->website = crm_form_get_text (self->website_row);
  draft->do_not_contact = gtk_switch_get_active (self->do_not_contact_switch);
  draft->notes = crm_form_get_text (self->notes_row);
  crm_customer_draft_normalize (draft);
}

static void
fill_form (CrmCustomerEditor      *self,
           const CrmCustomerDraft *draft)
{
  guint owner = 0;

  crm_form_set_text (self->name_row, draft->name);
  adw_combo_row_set_selected (self->kind_row, draft->kind == CRM_CUSTOMER_COMPANY ? 0 : 1);
  adw_combo_row_set_selected (self->tier_row, draft->tier);
  adw_combo_row_set_selected (self->lifecycle_row, draft->lifecycle);
  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_array_index (self->owner_ids, gint64, i) == draft->owner_id)
      owner = i;
  adw_combo_row_set_selected (self->owner_row, owner);
  crm_form_set_text (self->industry_row, draft->industry);
  crm_form_set_text (self->source_row, draft->source);
  crm_form_set_text (self->contact_name_row, draft->contact_name);
  crm_form_set_text (self->contact_title_row, draft->contact_title);
  adw_combo_row_set_selected (self->role_row, draft->contact_role);
  crm_form_set_text (self->phone_row, draft->phone);
  crm_form_set_text (self->email_row, draft->email);
  crm_form_set_text (self->first_deal_row, draft->first_deal_date);
  crm_form_set_text (self->birthday_row, draft->birthday);
  crm_form_set_text (self->anniversary_row, draft->anniversary);
  crm_form_set_text (self->address_row, draft->address);
  crm_form_set_text (self->website_row, draft->website);
  gtk_switch_set_active (self->do_not_contact_switch, draft->do_not_contact);
  crm_form_set_text (self->notes_row, draft->notes);
}

static void
show_field_error (CrmCustomerEditor *self,
                  CrmCustomerField   field,
                  const char        *message)
{
  crm_field_message_set (GTK_WIDGET (self->field_rows[field]), self->error_labels[field], message);
}

static gboolean
show_validation (CrmCustomerEditor      *self,
                 const CrmCustomerDraft *draft)
{
  g_auto(CrmValidation) result = { { NULL } };
  gboolean valid = crm_customer_draft_validate (draft, &result);
  GtkWidget *first = NULL;

  for (guint i = 0; i < CRM_N_CUSTOMER_FIELDS; i++)
    {
      show_field_error (self, i, result.messages[i]);
      if (result.messages[i] != NULL && first == NULL)
        first = GTK_WIDGET (self->field_rows[i]);
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);

  return valid;
}

static gboolean
check_duplicates (CrmCustomerEditor      *self,
                  const CrmCustomerDraft *draft)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) names = NULL;
  g_autofree char *text = NULL;

  if (self->duplicate_confirmed)
    return TRUE;

  /* Only what changed can make a new duplicate */
  if (self->customer_id != 0 &&
      g_strcmp0 (draft->name, self->initial.name) == 0 &&
      g_strcmp0 (draft->phone, self->initial.phone) == 0)
    return TRUE;

  found = crm_store_find_duplicates (crm_context_get_store (self->context), draft->name, draft->phone,
                                     self->customer_id);
  if (found->len == 0)
    return TRUE;

  names = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      CrmCustomer *customer = found->pdata[i];

      if (i > 0)
        g_string_append (names, _(", "));
      /* Translators: a customer’s name and code */
      g_string_append_printf (names, _("“%s” (%s)"), crm_customer_get_name (customer), crm_customer_get_code (customer));
    }

  text = g_strdup_printf (ngettext ("This may be a customer you already have: %s has the same name or phone number.",
                                    "This may be a customer you already have: %s have the same name or phone number.",
                                    found->len),
                          names->str);
  gtk_label_set_label (self->duplicate_label, text);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, TRUE);

  return FALSE;
}

gboolean
crm_customer_editor_save (CrmCustomerEditor *self)
{
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  CrmStore *store;
  gint64 id;

  g_return_val_if_fail (CRM_IS_CUSTOMER_EDITOR (self), FALSE);

  store = crm_context_get_store (self->context);
  crm_customer_draft_init (&draft);
  collect_draft (self, &draft);

  if (!show_validation (self, &draft))
    return FALSE;
  if (!check_duplicates (self, &draft))
    return FALSE;

  if (self->customer_id == 0)
    id = crm_store_create_customer (store, &draft, &error);
  else if (crm_store_update_customer (store, self->customer_id, &draft, &error))
    id = self->customer_id;
  else
    id = 0;

  if (id == 0)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Customer"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, id, self->customer_id == 0);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_clicked_cb (CrmCustomerEditor *self)
{
  crm_customer_editor_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_customer_editor_save (CRM_CUSTOMER_EDITOR (widget));
}

static void
save_anyway_clicked_cb (CrmCustomerEditor *self)
{
  self->duplicate_confirmed = TRUE;
  crm_customer_editor_save (self);
}

static void
cancel_clicked_cb (CrmCustomerEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
is_dirty (CrmCustomerEditor *self)
{
  g_auto(CrmCustomerDraft) now = { 0 };

  crm_customer_draft_init (&now);
  collect_draft (self, &now);

  return g_strcmp0 (now.name, self->initial.name) != 0 ||
         now.kind != self->initial.kind ||
         now.tier != self->initial.tier ||
         now.lifecycle != self->initial.lifecycle ||
         now.owner_id != self->initial.owner_id ||
         g_strcmp0 (now.industry, self->initial.industry) != 0 ||
         g_strcmp0 (now.source, self->initial.source) != 0 ||
         g_strcmp0 (now.contact_name, self->initial.contact_name) != 0 ||
         g_strcmp0 (now.contact_title, self->initial.contact_title) != 0 ||
         now.contact_role != self->initial.contact_role ||
         g_strcmp0 (now.phone, self->initial.phone) != 0 ||
         g_strcmp0 (now.email, self->initial.email) != 0 ||
         g_strcmp0 (now.first_deal_date, self->initial.first_deal_date) != 0 ||
         g_strcmp0 (now.birthday, self->initial.birthday) != 0 ||
         g_strcmp0 (now.anniversary, self->initial.anniversary) != 0 ||
         g_strcmp0 (now.address, self->initial.address) != 0 ||
         g_strcmp0 (now.website, self->initial.website) != 0 ||
         now.do_not_contact != self->initial.do_not_contact ||
         g_strcmp0 (now.notes, self->initial.notes) != 0;
}

static gboolean
crm_customer_editor_close_request (GtkWindow *window)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (window);

  if (!self->closing && is_dirty (self))
    {
      crm_form_ask_discard (window, &self->closing);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_customer_editor_parent_class)->close_request (window);
}

/* A message row right under the field, inside the same boxed list. */
static void
add_error_label (CrmCustomerEditor *self,
                 CrmCustomerField   field,
                 AdwEntryRow       *row)
{
  self->field_rows[field] = row;
  self->error_labels[field] = crm_field_message_add (GTK_WIDGET (row));
}

static void
set_strings (AdwComboRow *row,
             const char **strings,
             guint        n)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, strings[i]);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static void
crm_customer_editor_dispose (GObject *object)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  crm_customer_draft_clear (&self->initial);

  G_OBJECT_CLASS (crm_customer_editor_parent_class)->dispose (object);
}

static void
crm_customer_editor_class_init (CrmCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_customer_editor_dispose;
  window_class->close_request = crm_customer_editor_close_request;

  /**
   * CrmCustomerEditor::saved:
   * @id: the customer's id
   * @created: whether the customer is new
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, duplicate_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, tier_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, lifecycle_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, industry_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, contact_title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, first_deal_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, anniversary_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, website_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, do_not_contact_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, notes_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_anyway_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_customer_editor_init (CrmCustomerEditor *self)
{
  const char *kinds[] = { _("Company"), _("Person") };
  const char *tiers[CRM_N_TIERS];
  const char *stages[CRM_N_LIFECYCLES];
  const char *roles[CRM_N_CONTACT_ROLES];

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  for (guint i = 0; i < CRM_N_TIERS; i++)
    tiers[i] = crm_tier_to_string (i);
  for (guint i = 0; i < CRM_N_LIFECYCLES; i++)
    stages[i] = crm_lifecycle_to_string (i);
  for (guint i = 0; i < CRM_N_CONTACT_ROLES; i++)
    roles[i] = crm_contact_role_to_string (i);
  set_strings (self->kind_row, kinds, G_N_ELEMENTS (kinds));
  set_strings (self->tier_row, tiers, G_N_ELEMENTS (tiers));
  set_strings (self->lifecycle_row, stages, G_N_ELEMENTS (stages));
  set_strings (self->role_row, roles, G_N_ELEMENTS (roles));

  add_error_label (self, CRM_CUSTOMER_FIELD_NAME, self->name_row);
  add_error_label (self, CRM_CUSTOMER_FIELD_CONTACT_NAME, self->contact_name_row);
  add_error_label (self, CRM_CUSTOMER_FIELD_PHONE, self->phone_row);
  add_error_label (self, CRM_CUSTOMER_FIELD_EMAIL, self->email_row);
  add_error_label (self, CRM_CUSTOMER_FIELD_FIRST_DEAL_DATE, self->first_deal_row);
  add_error_label (self, CRM_CUSTOMER_FIELD_BIRTHDAY, self->birthday_row);
  add_error_label (self, CRM_CUSTOMER_FIELD_ANNIVERSARY, self->anniversary_row);
  add_error_label (self, CRM_CUSTOMER_FIELD_WEBSITE, self->website_row);

  /* Enter in any field saves, as in every GNOME form */
  {
    AdwEntryRow *rows[] = {
      self->name_row, self->industry_row, self->source_row, self->contact_name_row, self->contact_title_row,
      self->phone_row, self->email_row, self->first_deal_row, self->birthday_row, self->anniversary_row,
      self->address_row, self->website_row, self->notes_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  }

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  crm_customer_draft_init (&self->initial);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

static void
load_owners (CrmCustomerEditor *self)
{
  g_autoptr(GPtrArray) members = crm_store_list_team_members (crm_context_get_store (self->context));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 nobody = 0;

  g_array_append_val (self->owner_ids, nobody);
  gtk_string_list_append (names, C_("owner", "Unassigned"));
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = crm_team_member_get_id (members->pdata[i]);

      g_array_append_val (self->owner_ids, id);
      gtk_string_list_append (names, crm_team_member_get_name (members->pdata[i]));
    }
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
}

CrmCustomerEditor *
crm_customer_editor_new (CrmContext *context,
                         gint64      customer_id)
{
  CrmCustomerEditor *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_CUSTOMER_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->customer_id = customer_id;
  load_owners (self);

  if (customer_id != 0)
    {
      g_autoptr(GError) error = NULL;

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Customer"));
      if (!crm_store_load_customer_draft (crm_context_get_store (context), customer_id, &self->initial, &error))
        g_warning ("Could not load customer %" G_GINT64_FORMAT ": %s", customer_id, error->message);
    }

  fill_form (self, &self->initial);
  /* What the form holds now is the baseline for "unsaved changes" */
  collect_draft (self, &self->initial);

  return self;
}
