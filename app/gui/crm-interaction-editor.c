/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-interaction-editor"

#include <glib/gi18n.h>

#include "crm-customer-search.h"
#include "crm-field-message.h"
#include "crm-interaction-editor.h"
#include "crm-interaction-form.h"
#include "crm-store-customers.h"
#include "crm-store-interactions.h"

struct _CrmInteractionEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkButton           *save_button;
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *customer_group;
  AdwEntryRow         *customer_row;
  GtkLabel            *code_label;
  AdwComboRow         *contact_row;
  AdwComboRow         *channel_row;
  AdwEntryRow         *time_row;
  AdwEntryRow         *duration_row;
  AdwEntryRow         *subject_row;
  GtkTextView         *summary_view;
  AdwEntryRow         *participants_row;
  GtkTextView         *feedback_view;
  AdwComboRow         *category_row;
  AdwComboRow         *satisfaction_row;
  AdwEntryRow         *next_action_row;
  AdwEntryRow         *due_row;

  /* borrowed */
  GtkLabel            *error_labels[CRM_N_INTERACTION_FIELDS];
  GtkWidget           *field_rows[CRM_N_INTERACTION_FIELDS];

  /* owned */
  CrmContext          *context;
  CrmCustomerSearch   *search;          /* the customer field */
  GArray              *contact_ids;     /* gint64; index 0 = none */
  GArray              *category_ids;    /* gint64; index 0 = none */
  CrmInteractionDraft  initial;

  gint64               interaction_id;
  gboolean             filling;         /* the form is being filled in by code */
  gboolean             shown_messages;  /* after a refused save, messages follow the typing */
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (CrmInteractionEditor, crm_interaction_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
chosen_customer_id (CrmInteractionEditor *self)
{
  CrmCustomer *customer = crm_customer_search_get_customer (self->search);

  return customer != NULL ? crm_customer_get_id (customer) : 0;
}

/* ---- reading and filling the fields ---- */

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
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

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* What the form holds.  A time, duration or due date that cannot be read gets
 * its message in @parse_messages (to free) and a harmless value in the draft,
 * so that the core's validation speaks only about the rest. */
static void
collect_draft (CrmInteractionEditor *self,
               CrmInteractionDraft  *draft,
               char                **parse_messages)
{
  g_autofree char *time_text = crm_form_get_text (self->time_row);
  g_autofree char *duration_text = crm_form_get_text (self->duration_row);
  g_autofree char *due_text = crm_form_get_text (self->due_row);
  guint satisfaction = adw_combo_row_get_selected (self->satisfaction_row);
  /* read before clearing: @draft may be self->initial */
  gint64 owner_id = self->initial.owner_id;
  gint64 initial_time = self->initial.occurred_at;

  crm_interaction_draft_clear (draft);
  draft->customer_id = chosen_customer_id (self);
  draft->contact_id = selected_id (self->contact_row, self->contact_ids);
  draft->owner_id = owner_id;
  draft->channel = MIN (adw_combo_row_get_selected (self->channel_row), CRM_N_CHANNELS - 1);

  parse_messages[CRM_INTERACTION_FIELD_TIME] = crm_interaction_parse_time (time_text, &draft->occurred_at);
  if (parse_messages[CRM_INTERACTION_FIELD_TIME] != NULL)
    draft->occurred_at = initial_time;
  parse_messages[CRM_INTERACTION_FIELD_DURATION] = crm_interaction_parse_duration (duration_text,
                                                                                   &draft->duration_min);
  if (parse_messages[CRM_INTERACTION_FIELD_DURATION] != NULL)
    draft->duration_min = -1;
  parse_messages[CRM_INTERACTION_FIELD_NEXT_ACTION_DUE] = crm_interaction_parse_due (due_text,
                                                                                     &draft->next_action_due);
  if (parse_messages[CRM_INTERACTION_FIELD_NEXT_ACTION_DUE] != NULL)
    draft->next_action_due = 0;

  draft->subject = crm_form_get_text (self->subject_row);
  draft->summary = get_view_text (self->summary_view);
  draft->feedback = get_view_text (self->feedback_view);
  draft->feedback_category_id = selected_id (self->category_row, self->category_ids);
  draft->participants = crm_form_get_text (self->participants_row);
  draft->satisfaction = satisfaction <= 5 ? (int) satisfaction : 0;
  draft->next_action = crm_form_get_text (self->next_action_row);
  crm_interaction_draft_normalize (draft);
}

static void
clear_messages (char **messages)
{
  for (guint i = 0; i < CRM_N_INTERACTION_FIELDS; i++)
    g_clear_pointer (&messages[i], g_free);
}

/* ---- contacts of the chosen customer ---- */

static void
load_contacts (CrmInteractionEditor *self,
               gint64                selected_contact)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) contacts = NULL;
  gint64 customer_id = chosen_customer_id (self);
  guint selected = 0;

  g_array_set_size (self->contact_ids, 0);
  g_array_append_val (self->contact_ids, (gint64) { 0 });
  gtk_string_list_append (labels, C_("contact", "None"));

  if (customer_id != 0)
    {
      contacts = crm_store_list_contacts (crm_context_get_store (self->context), customer_id);
      for (guint i = 0; i < contacts->len; i++)
        {
          CrmContactChoice *contact = contacts->pdata[i];
          g_autofree char *label = crm_contact_choice_to_label (contact);

          g_array_append_val (self->contact_ids, contact->id);
          gtk_string_list_append (labels, label);
          /* a new interaction is most often with the primary contact */
          if ((selected_contact < 0 && contact->is_primary) || contact->id == selected_contact)
            selected = i + 1;
        }
    }

  adw_combo_row_set_model (self->contact_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->contact_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_row), customer_id != 0);
}

/* ---- choosing the customer ---- */

static void
field_changed_cb (CrmInteractionEditor *self);

static void
set_customer (CrmInteractionEditor *self,
              CrmCustomer          *customer,
              gint64                selected_contact)
{
  crm_customer_search_set_customer (self->search, customer);
  load_contacts (self, selected_contact);
}

/* The customer was chosen from the matches, or dropped by typing again */
static void
customer_changed_cb (CrmInteractionEditor *self)
{
  load_contacts (self, -1);
  field_changed_cb (self);
  if (chosen_customer_id (self) != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->contact_row));
}

/* ---- validation and saving ---- */

static gboolean
show_validation (CrmInteractionEditor *self,
                 gboolean              focus)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  g_auto(CrmInteractionValidation) result = { { NULL } };
  char *parse_messages[CRM_N_INTERACTION_FIELDS] = { NULL };
  GtkWidget *first = NULL;
  gboolean valid = TRUE;

  crm_interaction_draft_init (&draft);
  collect_draft (self, &draft, parse_messages);
  crm_interaction_draft_validate (&draft, crm_store_now (crm_context_get_store (self->context)), &result);

  for (guint i = 0; i < CRM_N_INTERACTION_FIELDS; i++)
    {
      /* what could not be read is the first thing to fix in its field */
      const char *message = parse_messages[i] != NULL ? parse_messages[i] : result.messages[i];

      crm_field_message_set (self->field_rows[i], self->error_labels[i], message);
      if (message != NULL)
        {
          valid = FALSE;
          if (first == NULL)
            first = self->field_rows[i];
        }
    }
  clear_messages (parse_messages);

  if (focus && first != NULL)
    gtk_widget_grab_focus (first);

  return valid;
}

static void
show_error_dialog (CrmInteractionEditor *self,
                   const char           *heading,
                   const char           *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
crm_interaction_editor_save (CrmInteractionEditor *self)
{
  g_auto(CrmInteractionDraft) draft = { 0 };
  char *parse_messages[CRM_N_INTERACTION_FIELDS] = { NULL };
  g_autoptr(GError) error = NULL;
  gboolean created;
  gint64 id;

  g_return_val_if_fail (CRM_IS_INTERACTION_EDITOR (self), FALSE);

  if (!show_validation (self, TRUE))
    {
      self->shown_messages = TRUE;
      return FALSE;
    }

  crm_interaction_draft_init (&draft);
  collect_draft (self, &draft, parse_messages);
  clear_messages (parse_messages);

  id = crm_store_save_interaction (crm_context_get_store (self->context), self->interaction_id, &draft, &error);
  if (id == 0)
    {
      show_error_dialog (self, _("Could Not Save the Interaction"), error->message);
      return FALSE;
    }

  created = self->interaction_id == 0;
  self->interaction_id = id;
  g_signal_emit (self, signals[SAVED], 0, id, created);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gint64
crm_interaction_editor_get_customer_id (CrmInteractionEditor *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION_EDITOR (self), 0);
  return chosen_customer_id (self);
}

gint64
crm_interaction_editor_get_interaction_id (CrmInteractionEditor *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION_EDITOR (self), 0);
  return self->interaction_id;
}

static void
save_clicked_cb (CrmInteractionEditor *self)
{
  crm_interaction_editor_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_interaction_editor_save (CRM_INTERACTION_EDITOR (widget));
}

static void
cancel_clicked_cb (CrmInteractionEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CrmInteractionEditor *self)
{
  /* Once messages are shown, they go away as soon as the value is right */
  if (!self->shown_messages || self->filling)
    return;
  show_validation (self, FALSE);
}

static gboolean
is_dirty (CrmInteractionEditor *self)
{
  g_auto(CrmInteractionDraft) now = { 0 };
  char *parse_messages[CRM_N_INTERACTION_FIELDS] = { NULL };
  gboolean unreadable = FALSE;

  crm_interaction_draft_init (&now);
  collect_draft (self, &now, parse_messages);
  for (guint i = 0; i < CRM_N_INTERACTION_FIELDS; i++)
    unreadable |= parse_messages[i] != NULL;
  clear_messages (parse_messages);

  /* text typed in the customer field without choosing anyone counts too */
  if (crm_customer_search_has_loose_text (self->search))
    return TRUE;

  return unreadable || !crm_interaction_draft_equal (&now, &self->initial);
}

static gboolean
crm_interaction_editor_close_request (GtkWindow *window)
{
  CrmInteractionEditor *self = CRM_INTERACTION_EDITOR (window);

  if (!self->closing && is_dirty (self))
    {
      crm_form_ask_discard (window, &self->closing);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_interaction_editor_parent_class)->close_request (window);
}

/* ---- object ---- */

static void
add_message (CrmInteractionEditor *self,
             CrmInteractionField   field,
             gpointer              row)
{
  self->field_rows[field] = GTK_WIDGET (row);
  self->error_labels[field] = crm_field_message_add (GTK_WIDGET (row));
}

static void
crm_interaction_editor_dispose (GObject *object)
{
  CrmInteractionEditor *self = CRM_INTERACTION_EDITOR (object);

  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_INTERACTION_EDITOR);
  g_clear_object (&self->context);
  g_clear_pointer (&self->contact_ids, g_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);
  crm_interaction_draft_clear (&self->initial);

  G_OBJECT_CLASS (crm_interaction_editor_parent_class)->dispose (object);
}

static void
crm_interaction_editor_class_init (CrmInteractionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_interaction_editor_dispose;
  window_class->close_request = crm_interaction_editor_close_request;

  /**
   * CrmInteractionEditor::saved:
   * @id: the interaction's id
   * @created: whether the interaction is new
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-interaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, customer_group);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, code_label);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, duration_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, participants_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, feedback_view);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, next_action_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, due_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_interaction_editor_init (CrmInteractionEditor *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) satisfaction = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  self->contact_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->category_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  for (guint i = 0; i < CRM_N_CHANNELS; i++)
    gtk_string_list_append (channels, crm_channel_to_string (i));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));

  gtk_string_list_append (satisfaction, C_("satisfaction", "Not given"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "1 — Very dissatisfied"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "2 — Dissatisfied"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "3 — Neutral"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "4 — Satisfied"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "5 — Very satisfied"));
  adw_combo_row_set_model (self->satisfaction_row, G_LIST_MODEL (satisfaction));

  add_message (self, CRM_INTERACTION_FIELD_CUSTOMER, self->customer_row);
  add_message (self, CRM_INTERACTION_FIELD_TIME, self->time_row);
  add_message (self, CRM_INTERACTION_FIELD_DURATION, self->duration_row);
  add_message (self, CRM_INTERACTION_FIELD_SUBJECT, self->subject_row);
  add_message (self, CRM_INTERACTION_FIELD_SATISFACTION, self->satisfaction_row);
  add_message (self, CRM_INTERACTION_FIELD_NEXT_ACTION, self->next_action_row);
  add_message (self, CRM_INTERACTION_FIELD_NEXT_ACTION_DUE, self->due_row);

  /* Ctrl+Enter saves from any field, the text views included (which would
   * otherwise take it as a new line) */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("editor.save")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  {
    AdwEntryRow *rows[] = { self->customer_row, self->time_row, self->duration_row, self->subject_row,
                            self->participants_row, self->next_action_row, self->due_row };
    AdwComboRow *combos[] = { self->contact_row, self->channel_row, self->category_row, self->satisfaction_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        /* Enter in any field saves, as in every GNOME form (in the customer
         * field only when no list of matches is open) */
        g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
        if (rows[i] != self->customer_row)
          g_signal_connect_object (rows[i], "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
      }
    for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
      g_signal_connect_object (combos[i], "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  }

  crm_interaction_draft_init (&self->initial);
}

static void
load_categories (CrmInteractionEditor *self,
                 gint64                selected_category)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) categories = crm_store_list_feedback_categories (crm_context_get_store (self->context));

  g_array_set_size (self->category_ids, 0);
  g_array_append_val (self->category_ids, (gint64) { 0 });
  gtk_string_list_append (labels, C_("feedback category", "None"));
  for (guint i = 0; i < categories->len; i++)
    {
      CrmFeedbackCategory *category = categories->pdata[i];

      g_array_append_val (self->category_ids, category->id);
      gtk_string_list_append (labels, category->name);
    }
  /* a category no longer offered stays what it was */
  if (selected_category != 0 && index_of_id (self->category_ids, selected_category) == 0)
    {
      g_array_append_val (self->category_ids, selected_category);
      gtk_string_list_append (labels, "—");
    }
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->category_row, index_of_id (self->category_ids, selected_category));
}

static void
fill_form (CrmInteractionEditor      *self,
           const CrmInteractionDraft *draft,
           gboolean                   new_interaction)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(CrmCustomer) customer = NULL;
  g_autofree char *time_text = crm_interaction_format_time (draft->occurred_at);
  g_autofree char *due_text = draft->next_action_due > 0 ? crm_interaction_format_time (draft->next_action_due) : NULL;
  g_autofree char *duration_text = draft->duration_min >= 0 ? g_strdup_printf ("%d", draft->duration_min) : NULL;

  self->filling = TRUE;

  if (draft->customer_id != 0)
    {
      g_autoptr(GError) error = NULL;

      customer = crm_store_get_customer (store, draft->customer_id, &error);
      if (customer == NULL)
        g_warning ("Could not read customer %" G_GINT64_FORMAT ": %s", draft->customer_id,
                   error != NULL ? error->message : "not found");
    }
  set_customer (self, customer, new_interaction ? -1 : draft->contact_id);

  adw_combo_row_set_selected (self->channel_row, draft->channel);
  crm_form_set_text (self->time_row, time_text);
  crm_form_set_text (self->duration_row, duration_text);
  crm_form_set_text (self->subject_row, draft->subject);
  set_view_text (self->summary_view, draft->summary);
  crm_form_set_text (self->participants_row, draft->participants);
  set_view_text (self->feedback_view, draft->feedback);
  load_categories (self, draft->feedback_category_id);
  adw_combo_row_set_selected (self->satisfaction_row, CLAMP (draft->satisfaction, 0, 5));
  crm_form_set_text (self->next_action_row, draft->next_action);
  crm_form_set_text (self->due_row, due_text);

  self->filling = FALSE;
}

CrmInteractionEditor *
crm_interaction_editor_new (CrmContext *context,
                            gint64      customer_id,
                            gint64      interaction_id)
{
  CrmInteractionEditor *self;
  CrmStore *store;
  char *parse_messages[CRM_N_INTERACTION_FIELDS] = { NULL };
  GtkWidget *customer_message;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_INTERACTION_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->interaction_id = interaction_id;
  store = crm_context_get_store (context);

  /* the matches sit right under the customer field (and its message) */
  customer_message = gtk_widget_get_ancestor (GTK_WIDGET (self->error_labels[CRM_INTERACTION_FIELD_CUSTOMER]),
                                              GTK_TYPE_LIST_BOX_ROW);
  self->search = crm_customer_search_new (store, self->customer_row, self->code_label, customer_message);
  g_signal_connect_object (self->search, "changed", G_CALLBACK (customer_changed_cb), self, G_CONNECT_SWAPPED);

  if (interaction_id != 0)
    {
      g_autoptr(GError) error = NULL;

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Interaction"));
      if (!crm_store_load_interaction (store, interaction_id, &self->initial, &error))
        g_warning ("Could not load interaction %" G_GINT64_FORMAT ": %s", interaction_id, error->message);
    }
  else
    {
      self->initial.customer_id = customer_id;
      self->initial.occurred_at = crm_store_now (store);
    }

  fill_form (self, &self->initial, interaction_id == 0);
  /* What the form holds now is the baseline for "unsaved changes" */
  collect_draft (self, &self->initial, parse_messages);
  clear_messages (parse_messages);

  if (chosen_customer_id (self) == 0)
    {
      adw_preferences_group_set_description (self->customer_group,
                                             _("Type part of the customer’s name or code, then choose from the list."));
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->customer_row));
    }
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->subject_row));

  return self;
}
