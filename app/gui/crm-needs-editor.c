/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-needs-editor"

#include <glib/gi18n.h>

#include "crm-field-message.h"
#include "crm-needs-editor.h"
#include "crm-store-contacts.h"

/* The combo rows list "Unknown" first: index = value + 1 */
#define N_PRICE_SENSITIVITIES 3
#define N_VALUE_FOCUSES       3

struct _CrmNeedsEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkButton          *save_button;
  AdwPreferencesPage *page;
  AdwEntryRow        *products_row;
  AdwComboRow        *price_row;
  AdwEntryRow        *hours_row;
  AdwComboRow        *focus_row;
  AdwEntryRow        *tags_row;

  /* borrowed */
  GtkLabel           *error_labels[CRM_N_NEEDS_FIELDS];
  AdwEntryRow        *field_rows[CRM_N_NEEDS_FIELDS];

  /* owned */
  CrmContext         *context;
  CrmNeedsDraft       initial;

  gint64              customer_id;
  gboolean            shown_messages;   /* after a refused save, messages follow the typing */
  gboolean            closing;
};

G_DEFINE_FINAL_TYPE (CrmNeedsEditor, crm_needs_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fills @draft from the form; returns the message for the response time if it
 * is not a number of hours (the draft then holds -1 there). */
static char *
collect_draft (CrmNeedsEditor *self,
               CrmNeedsDraft  *draft)
{
  char *hours_message;

  crm_needs_draft_clear (draft);
  draft->preferred_products = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->products_row)));
  draft->price_sensitivity = (int) adw_combo_row_get_selected (self->price_row) - 1;
  hours_message = crm_needs_parse_response_hours (gtk_editable_get_text (GTK_EDITABLE (self->hours_row)),
                                                  &draft->expected_response_hours);
  draft->value_focus = (int) adw_combo_row_get_selected (self->focus_row) - 1;
  draft->tags = crm_needs_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  crm_needs_draft_normalize (draft);

  return hours_message;
}

static void
fill_form (CrmNeedsEditor      *self,
           const CrmNeedsDraft *draft)
{
  g_autofree char *hours = draft->expected_response_hours >= 0
                           ? g_strdup_printf ("%d", draft->expected_response_hours) : g_strdup ("");
  g_autofree char *tags = draft->tags != NULL ? g_strjoinv (_(", "), draft->tags) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self->products_row),
                         draft->preferred_products != NULL ? draft->preferred_products : "");
  adw_combo_row_set_selected (self->price_row, CLAMP (draft->price_sensitivity, -1, 2) + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->hours_row), hours);
  adw_combo_row_set_selected (self->focus_row, CLAMP (draft->value_focus, -1, 2) + 1);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
}

/* Shows a message at every field that needs one; TRUE if there is none.
 * @draft receives what the form holds. */
static gboolean
show_validation (CrmNeedsEditor *self,
                 CrmNeedsDraft  *draft,
                 gboolean        focus)
{
  g_auto(CrmNeedsValidation) result = { { NULL } };
  g_autofree char *hours_message = collect_draft (self, draft);
  gboolean valid = crm_needs_draft_validate (draft, &result) && hours_message == NULL;
  GtkWidget *first = NULL;

  if (hours_message != NULL)
    {
      g_free (result.messages[CRM_NEEDS_FIELD_RESPONSE_HOURS]);
      result.messages[CRM_NEEDS_FIELD_RESPONSE_HOURS] = g_steal_pointer (&hours_message);
    }

  for (guint i = 0; i < CRM_N_NEEDS_FIELDS; i++)
    {
      if (self->field_rows[i] == NULL)
        continue;   /* chosen from a list: always valid */
      crm_field_message_set (GTK_WIDGET (self->field_rows[i]), self->error_labels[i], result.messages[i]);
      if (result.messages[i] != NULL && first == NULL)
        first = GTK_WIDGET (self->field_rows[i]);
    }

  if (focus && first != NULL)
    gtk_widget_grab_focus (first);

  return valid;
}

gboolean
crm_needs_editor_save (CrmNeedsEditor *self)
{
  g_auto(CrmNeedsDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_NEEDS_EDITOR (self), FALSE);

  crm_needs_draft_init (&draft);
  if (!show_validation (self, &draft, TRUE))
    {
      self->shown_messages = TRUE;
      return FALSE;
    }

  if (!crm_store_save_needs (crm_context_get_store (self->context), self->customer_id, &draft, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Needs"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0, self->customer_id);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
save_clicked_cb (CrmNeedsEditor *self)
{
  crm_needs_editor_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_needs_editor_save (CRM_NEEDS_EDITOR (widget));
}

static void
cancel_clicked_cb (CrmNeedsEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CrmNeedsEditor *self)
{
  g_auto(CrmNeedsDraft) draft = { 0 };

  if (!self->shown_messages)
    return;
  crm_needs_draft_init (&draft);
  show_validation (self, &draft, FALSE);
}

/* The response time is checked as it is typed: it only takes a number */
static void
hours_changed_cb (CrmNeedsEditor *self)
{
  int hours;
  g_autofree char *message = crm_needs_parse_response_hours (gtk_editable_get_text (GTK_EDITABLE (self->hours_row)),
                                                             &hours);

  if (self->shown_messages)
    field_changed_cb (self);
  else
    crm_field_message_set (GTK_WIDGET (self->hours_row), self->error_labels[CRM_NEEDS_FIELD_RESPONSE_HOURS], message);
}

static gboolean
is_dirty (CrmNeedsEditor *self)
{
  g_auto(CrmNeedsDraft) now = { 0 };
  g_autofree char *hours_message = NULL;

  crm_needs_draft_init (&now);
  hours_message = collect_draft (self, &now);

  return hours_message != NULL || !crm_needs_draft_equal (&now, &self->initial);
}

static gboolean
crm_needs_editor_close_request (GtkWindow *window)
{
  CrmNeedsEditor *self = CRM_NEEDS_EDITOR (window);

  if (!self->closing && is_dirty (self))
    {
      crm_form_ask_discard (window, &self->closing);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_needs_editor_parent_class)->close_request (window);
}

static void
add_error_label (CrmNeedsEditor *self,
                 CrmNeedsField   field,
                 AdwEntryRow    *row)
{
  self->field_rows[field] = row;
  self->error_labels[field] = crm_field_message_add (GTK_WIDGET (row));
}

static void
crm_needs_editor_dispose (GObject *object)
{
  CrmNeedsEditor *self = CRM_NEEDS_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_NEEDS_EDITOR);
  g_clear_object (&self->context);
  crm_needs_draft_clear (&self->initial);

  G_OBJECT_CLASS (crm_needs_editor_parent_class)->dispose (object);
}

static void
crm_needs_editor_class_init (CrmNeedsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_needs_editor_dispose;
  window_class->close_request = crm_needs_editor_close_request;

  /**
   * CrmNeedsEditor::saved:
   * @customer_id: the customer whose needs were saved
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-needs-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmNeedsEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmNeedsEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CrmNeedsEditor, products_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNeedsEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNeedsEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNeedsEditor, focus_row);
  gtk_widget_class_bind_template_child (widget_class, CrmNeedsEditor, tags_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_needs_editor_init (CrmNeedsEditor *self)
{
  g_autoptr(GtkStringList) prices = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) focuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  /* -1 is "Unknown" */
  for (int i = -1; i < N_PRICE_SENSITIVITIES; i++)
    gtk_string_list_append (prices, crm_price_sensitivity_to_string (i));
  for (int i = -1; i < N_VALUE_FOCUSES; i++)
    gtk_string_list_append (focuses, crm_value_focus_to_string (i));
  adw_combo_row_set_model (self->price_row, G_LIST_MODEL (prices));
  adw_combo_row_set_model (self->focus_row, G_LIST_MODEL (focuses));

  add_error_label (self, CRM_NEEDS_FIELD_PREFERRED_PRODUCTS, self->products_row);
  add_error_label (self, CRM_NEEDS_FIELD_RESPONSE_HOURS, self->hours_row);
  add_error_label (self, CRM_NEEDS_FIELD_TAGS, self->tags_row);

  {
    AdwEntryRow *rows[] = { self->products_row, self->hours_row, self->tags_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        /* Enter in any field saves, as in every GNOME form */
        g_signal_connect_object (rows[i], "entry-activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
        g_signal_connect_object (rows[i], "changed",
                                 rows[i] == self->hours_row ? G_CALLBACK (hours_changed_cb) : G_CALLBACK (field_changed_cb),
                                 self, G_CONNECT_SWAPPED);
      }
  }

  crm_needs_draft_init (&self->initial);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->products_row));
}

CrmNeedsEditor *
crm_needs_editor_new (CrmContext *context,
                      gint64      customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unused = NULL;
  CrmNeedsEditor *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_NEEDS_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->customer_id = customer_id;

  if (!crm_store_load_needs (crm_context_get_store (context), customer_id, &self->initial, &error))
    g_warning ("Could not load the needs of customer %" G_GINT64_FORMAT ": %s", customer_id, error->message);

  fill_form (self, &self->initial);
  /* What the form holds now is the baseline for "unsaved changes" */
  unused = collect_draft (self, &self->initial);

  return self;
}
