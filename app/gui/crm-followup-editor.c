/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-followup-editor"

#include <glib/gi18n.h>

#include "crm-customer-search.h"
#include "crm-field-message.h"
#include "crm-followup-editor.h"
#include "crm-format.h"
#include "crm-interaction-form.h"
#include "crm-store-customers.h"
#include "crm-store-followups.h"

struct _CrmFollowupEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkButton           *save_button;
  AdwPreferencesGroup *customer_group;
  AdwEntryRow         *customer_row;
  GtkLabel            *code_label;
  AdwComboRow         *kind_row;
  AdwEntryRow         *item_row;
  AdwEntryRow         *planned_row;
  AdwComboRow         *owner_row;
  GtkTextView         *notes_view;

  /* borrowed */
  GtkLabel            *error_labels[CRM_N_FOLLOWUP_FIELDS];
  GtkWidget           *field_rows[CRM_N_FOLLOWUP_FIELDS];

  /* owned */
  CrmContext          *context;
  CrmCustomerSearch   *search;
  GArray              *owner_ids;       /* gint64; index 0 = the default */
  CrmFollowupDraft     initial;
  char                *initial_planned_text;

  gint64               followup_id;
  gboolean             filling;         /* the form is being filled in by code */
  gboolean             shown_messages;  /* after a refused save, messages follow the changes */
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (CrmFollowupEditor, crm_followup_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
chosen_customer_id (CrmFollowupEditor *self)
{
  CrmCustomer *customer = crm_customer_search_get_customer (self->search);

  return customer != NULL ? crm_customer_get_id (customer) : 0;
}

static char *
get_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
index_of_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return 0;
}

/* What the form holds.  A planned time that cannot be read gets its message
 * in *@planned_message (to free) and no time in the draft. */
static void
collect_draft (CrmFollowupEditor *self,
               CrmFollowupDraft  *draft,
               char             **planned_message)
{
  g_autofree char *planned_text = crm_form_get_text (self->planned_row);
  guint owner = adw_combo_row_get_selected (self->owner_row);
  g_autofree char *message = NULL;

  crm_followup_draft_clear (draft);
  crm_followup_draft_init (draft);
  draft->customer_id = chosen_customer_id (self);
  draft->kind = MIN (adw_combo_row_get_selected (self->kind_row), CRM_N_FOLLOWUP_KINDS - 1);
  draft->item = crm_form_get_text (self->item_row);
  message = crm_interaction_parse_due (planned_text, &draft->planned_at);
  if (message != NULL)
    draft->planned_at = 0;
  draft->owner_id = owner < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner) : 0;
  draft->notes = get_view_text (self->notes_view);
  crm_followup_draft_normalize (draft);

  if (planned_message != NULL)
    *planned_message = g_steal_pointer (&message);
}

static void
load_owners (CrmFollowupEditor *self,
             gint64             selected_owner,
             const char        *selected_name)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) members = crm_store_list_team_members (store);

  g_array_set_size (self->owner_ids, 0);
  g_array_append_val (self->owner_ids, (gint64) { 0 });
  /* Translators: the owner of a new follow-up when none is chosen: the
   * customer's owner */
  gtk_string_list_append (labels, C_("follow-up owner", "The Customer’s Owner"));
  for (guint i = 0; i < members->len; i++)
    {
      CrmTeamMember *member = members->pdata[i];
      gint64 id = crm_team_member_get_id (member);
      g_autofree char *label = g_strdup_printf ("%s · %s", crm_team_member_get_name (member),
                                                crm_member_role_to_string (crm_team_member_get_role (member)));

      g_array_append_val (self->owner_ids, id);
      gtk_string_list_append (labels, label);
    }

  /* someone no longer on the team stays who it was */
  if (selected_owner != 0 && index_of_id (self->owner_ids, selected_owner) == 0)
    {
      g_array_append_val (self->owner_ids, selected_owner);
      gtk_string_list_append (labels, selected_name != NULL ? selected_name : "—");
    }

  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->owner_row, index_of_id (self->owner_ids, selected_owner));
}

/* ---- validation and saving ---- */

static gboolean
show_validation (CrmFollowupEditor *self,
                 gboolean           focus)
{
  g_auto(CrmFollowupDraft) draft = { 0 };
  g_auto(CrmFollowupValidation) result = { { NULL } };
  g_autofree char *planned_message = NULL;
  GtkWidget *first = NULL;

  crm_followup_draft_init (&draft);
  collect_draft (self, &draft, &planned_message);
  crm_followup_draft_validate (&draft, crm_store_now (crm_context_get_store (self->context)), &result);
  if (planned_message != NULL)
    {
      g_free (result.messages[CRM_FOLLOWUP_FIELD_PLANNED_AT]);
      result.messages[CRM_FOLLOWUP_FIELD_PLANNED_AT] = g_steal_pointer (&planned_message);
    }

  for (guint i = 0; i < CRM_N_FOLLOWUP_FIELDS; i++)
    {
      crm_field_message_set (self->field_rows[i], self->error_labels[i], result.messages[i]);
      if (result.messages[i] != NULL && first == NULL)
        first = self->field_rows[i];
    }

  if (focus && first != NULL)
    gtk_widget_grab_focus (first);

  return first == NULL;
}

static void
show_error_dialog (CrmFollowupEditor *self,
                   const char        *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Follow-up"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
crm_followup_editor_save (CrmFollowupEditor *self)
{
  g_auto(CrmFollowupDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  CrmStore *store;
  gboolean created;
  gint64 id;

  g_return_val_if_fail (CRM_IS_FOLLOWUP_EDITOR (self), FALSE);

  if (!show_validation (self, TRUE))
    {
      self->shown_messages = TRUE;
      return FALSE;
    }

  crm_followup_draft_init (&draft);
  collect_draft (self, &draft, NULL);
  store = crm_context_get_store (self->context);
  created = self->followup_id == 0;
  if (created)
    id = crm_store_create_followup (store, &draft, &error);
  else
    id = crm_store_update_followup (store, self->followup_id, &draft, &error) ? self->followup_id : 0;
  if (id == 0)
    {
      show_error_dialog (self, error->message);
      return FALSE;
    }

  self->followup_id = id;
  g_signal_emit (self, signals[SAVED], 0, id, created);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gint64
crm_followup_editor_get_customer_id (CrmFollowupEditor *self)
{
  g_return_val_if_fail (CRM_IS_FOLLOWUP_EDITOR (self), 0);
  return chosen_customer_id (self);
}

gint64
crm_followup_editor_get_followup_id (CrmFollowupEditor *self)
{
  g_return_val_if_fail (CRM_IS_FOLLOWUP_EDITOR (self), 0);
  return self->followup_id;
}

static void
save_clicked_cb (CrmFollowupEditor *self)
{
  crm_followup_editor_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_followup_editor_save (CRM_FOLLOWUP_EDITOR (widget));
}

static void
cancel_clicked_cb (CrmFollowupEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CrmFollowupEditor *self)
{
  /* Once messages are shown, they go away as soon as the value is right */
  if (!self->shown_messages || self->filling)
    return;
  show_validation (self, FALSE);
}

static void
customer_changed_cb (CrmFollowupEditor *self)
{
  field_changed_cb (self);
  if (chosen_customer_id (self) != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->kind_row));
}

static gboolean
is_dirty (CrmFollowupEditor *self)
{
  g_auto(CrmFollowupDraft) now = { 0 };
  g_autofree char *planned_text = NULL;

  if (crm_customer_search_has_loose_text (self->search))
    return TRUE;
  /* a time typed wrong is a change too */
  planned_text = crm_form_get_text (self->planned_row);
  if (g_strcmp0 (planned_text, self->initial_planned_text) != 0)
    return TRUE;

  crm_followup_draft_init (&now);
  collect_draft (self, &now, NULL);
  return !crm_followup_draft_equal (&now, &self->initial);
}

static gboolean
crm_followup_editor_close_request (GtkWindow *window)
{
  CrmFollowupEditor *self = CRM_FOLLOWUP_EDITOR (window);

  if (!self->closing && is_dirty (self))
    {
      crm_form_ask_discard (window, &self->closing);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_followup_editor_parent_class)->close_request (window);
}

/* ---- object ---- */

static void
add_message (CrmFollowupEditor *self,
             CrmFollowupField   field,
             gpointer           row)
{
  self->field_rows[field] = GTK_WIDGET (row);
  self->error_labels[field] = crm_field_message_add (GTK_WIDGET (row));
}

static void
crm_followup_editor_dispose (GObject *object)
{
  CrmFollowupEditor *self = CRM_FOLLOWUP_EDITOR (object);

  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_FOLLOWUP_EDITOR);
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->initial_planned_text, g_free);
  crm_followup_draft_clear (&self->initial);

  G_OBJECT_CLASS (crm_followup_editor_parent_class)->dispose (object);
}

static void
crm_followup_editor_class_init (CrmFollowupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_followup_editor_dispose;
  window_class->close_request = crm_followup_editor_close_request;

  /**
   * CrmFollowupEditor::saved:
   * @id: the follow-up's id
   * @created: whether the follow-up is new
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-followup-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, customer_group);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, code_label);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, item_row);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, planned_row);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_followup_editor_init (CrmFollowupEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  self->owner_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  crm_followup_draft_init (&self->initial);

  for (guint i = 0; i < CRM_N_FOLLOWUP_KINDS; i++)
    gtk_string_list_append (kinds, crm_followup_kind_to_string (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  add_message (self, CRM_FOLLOWUP_FIELD_CUSTOMER, self->customer_row);
  add_message (self, CRM_FOLLOWUP_FIELD_KIND, self->kind_row);
  add_message (self, CRM_FOLLOWUP_FIELD_ITEM, self->item_row);
  add_message (self, CRM_FOLLOWUP_FIELD_PLANNED_AT, self->planned_row);

  /* Ctrl+Enter saves from any field, the notes included */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("editor.save")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Enter in a one-line field saves (in the customer field only when no list
   * of matches is open) */
  {
    AdwEntryRow *rows[] = { self->customer_row, self->item_row, self->planned_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->item_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->planned_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Tomorrow at the start of the working day, local time */
static gint64
default_planned_at (CrmStore *store)
{
  g_autoptr(GDateTime) now = crm_date_time_new_local (crm_store_now (store));
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                   g_date_time_get_month (tomorrow),
                                                   g_date_time_get_day_of_month (tomorrow),
                                                   CRM_INTERACTION_DUE_DEFAULT_HOUR, 0, 0);

  return g_date_time_to_unix (at);
}

CrmFollowupEditor *
crm_followup_editor_new (CrmContext *context,
                         gint64      customer_id,
                         gint64      followup_id)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmFollowup) followup = NULL;
  g_autofree char *planned_text = NULL;
  CrmFollowupEditor *self;
  CrmStore *store;
  GtkWidget *customer_message;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_FOLLOWUP_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->followup_id = followup_id;
  store = crm_context_get_store (context);

  /* the matches sit right under the customer field (and its message) */
  customer_message = gtk_widget_get_ancestor (GTK_WIDGET (self->error_labels[CRM_FOLLOWUP_FIELD_CUSTOMER]),
                                              GTK_TYPE_LIST_BOX_ROW);
  self->search = crm_customer_search_new (store, self->customer_row, self->code_label, customer_message);
  g_signal_connect_object (self->search, "changed", G_CALLBACK (customer_changed_cb), self, G_CONNECT_SWAPPED);

  if (followup_id != 0)
    {
      g_autoptr(GError) error = NULL;

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Follow-up"));
      followup = crm_store_get_followup (store, followup_id, &error);
      if (followup == NULL || !crm_store_load_followup (store, followup_id, &self->initial, &error))
        g_warning ("Could not load follow-up %" G_GINT64_FORMAT ": %s", followup_id,
                   error != NULL ? error->message : "not found");
    }
  else
    {
      self->initial.customer_id = customer_id;
      self->initial.kind = CRM_FOLLOWUP_CALL;
      self->initial.planned_at = default_planned_at (store);
    }

  self->filling = TRUE;
  if (self->initial.customer_id != 0)
    {
      g_autoptr(GError) error = NULL;

      customer = crm_store_get_customer (store, self->initial.customer_id, &error);
      if (customer == NULL)
        g_warning ("Could not read customer %" G_GINT64_FORMAT ": %s", self->initial.customer_id,
                   error != NULL ? error->message : "not found");
    }
  crm_customer_search_set_customer (self->search, customer);
  adw_combo_row_set_selected (self->kind_row, MIN ((guint) self->initial.kind, CRM_N_FOLLOWUP_KINDS - 1));
  crm_form_set_text (self->item_row, self->initial.item);
  planned_text = self->initial.planned_at != 0 ? crm_interaction_format_time (self->initial.planned_at) : NULL;
  crm_form_set_text (self->planned_row, planned_text);
  load_owners (self, self->initial.owner_id, followup != NULL ? followup->owner_name : NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            self->initial.notes != NULL ? self->initial.notes : "", -1);
  self->filling = FALSE;

  /* What the form holds now is the baseline for "unsaved changes" */
  self->initial_planned_text = crm_form_get_text (self->planned_row);
  collect_draft (self, &self->initial, NULL);

  if (crm_followup_editor_get_customer_id (self) == 0)
    {
      adw_preferences_group_set_description (self->customer_group,
                                             _("Type part of the customer’s name or code, then choose from the list."));
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->customer_row));
    }
  else
    {
      /* a follow-up stays with the customer it was planned for */
      gtk_editable_set_editable (GTK_EDITABLE (self->customer_row), FALSE);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->item_row));
    }

  return self;
}
