/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-followup-detail"

#include <glib/gi18n.h>

#include "crm-followup-complete.h"
#include "crm-followup-detail.h"
#include "crm-followup-editor.h"
#include "crm-format.h"
#include "crm-interaction-form.h"
#include "crm-playbook.h"
#include "crm-store-followups.h"
#include "crm-window.h"

struct _CrmFollowupDetail
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *outcome_group;
  AdwPreferencesGroup *origin_group;
  GtkWidget           *edit_button;
  GtkWidget           *delete_button;
  GtkWidget           *complete_button;
  GtkWidget           *skip_button;
  GtkWidget           *reschedule_button;

  /* owned */
  CrmContext          *context;
  GPtrArray           *rows;        /* (group, row) pairs shown now */
  gint64               followup_id;
  gint64               customer_id;
};

G_DEFINE_FINAL_TYPE (CrmFollowupDetail, crm_followup_detail, ADW_TYPE_WINDOW)

static void
clear_rows (CrmFollowupDetail *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (self->rows->pdata[i], self->rows->pdata[i + 1]);
  g_ptr_array_set_size (self->rows, 0);
}

/* A row "Title        value"; nothing for an empty value */
static GtkWidget *
add_row (CrmFollowupDetail   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row, *label;

  if (value == NULL || *value == '\0')
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* the value is read with the title */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
customer_activated_cb (CrmFollowupDetail *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  while (parent != NULL && !CRM_IS_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);
  if (parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-customer", "x", self->customer_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
reload (CrmFollowupDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFollowup) f = crm_store_get_followup (crm_context_get_store (self->context), self->followup_id,
                                                     &error);
  g_autofree char *customer = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *satisfaction = NULL;
  gboolean open;
  GtkWidget *row;

  if (f == NULL)
    {
      /* deleted (here or elsewhere) */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  clear_rows (self);
  self->customer_id = f->customer_id;
  open = f->status == CRM_FOLLOWUP_PLANNED;

  customer = f->customer_code != NULL ? g_strdup_printf ("%s  %s", f->customer_name, f->customer_code)
                                      : g_strdup (f->customer_name);
  row = add_row (self, self->details_group, _("Customer"), customer);
  if (row != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Open the customer’s profile"));
      g_signal_connect_object (row, "activated", G_CALLBACK (customer_activated_cb), self, G_CONNECT_SWAPPED);
    }
  add_row (self, self->details_group, _("Kind"), crm_followup_kind_to_string (f->kind));
  add_row (self, self->details_group, _("Item"), f->item);
  row = add_row (self, self->details_group, _("Status"), crm_followup_state_to_string (f->state));
  if (row != NULL && f->state == CRM_FOLLOWUP_STATE_OVERDUE)
    gtk_widget_add_css_class (row, "error");
  planned = crm_format_datetime (f->planned_at);
  add_row (self, self->details_group, _("Planned Time"), planned);
  add_row (self, self->details_group, _("Owner"), f->owner_name != NULL ? f->owner_name : C_("owner", "Nobody"));
  add_row (self, self->details_group, _("Notes"), f->notes);

  actual = f->actual_at != 0 ? crm_format_datetime (f->actual_at) : NULL;
  add_row (self, self->outcome_group, _("Result"), f->result);
  add_row (self, self->outcome_group, _("Done At"), actual);
  if (f->satisfaction > 0)
    satisfaction = g_strdup_printf ("%d / 5", f->satisfaction);
  add_row (self, self->outcome_group, _("Satisfaction"), satisfaction);
  add_row (self, self->outcome_group, _("Next Step"), f->next_step);
  add_row (self, self->outcome_group, _("Why It Was Late"), f->late_reason);
  add_row (self, self->outcome_group, _("Why It Was Skipped"), f->skip_reason);

  if (f->rule_key != NULL)
    {
      const char *title = crm_playbook_rule_title (f->rule_key);

      add_row (self, self->origin_group, _("Made by Rule"), title != NULL ? title : f->rule_key);
      add_row (self, self->origin_group, _("Why"), f->rule_reason);
    }
  if (f->previous_id != 0)
    add_row (self, self->origin_group, _("Made As"), _("The next step of an earlier follow-up"));

  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), f->status != CRM_FOLLOWUP_PLANNED);
  gtk_widget_set_visible (GTK_WIDGET (self->origin_group), f->rule_key != NULL || f->previous_id != 0);
  gtk_widget_set_visible (self->complete_button, open);
  gtk_widget_set_visible (self->skip_button, open);
  gtk_widget_set_visible (self->reschedule_button, open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.reschedule", open);
}

static void
store_changed_cb (CrmFollowupDetail *self,
                  int                kind,
                  gint64             id)
{
  if (kind == CRM_CHANGE_FOLLOWUP && (id == 0 || id == self->followup_id))
    reload (self);
  else if (kind == CRM_CHANGE_CUSTOMER || kind == CRM_CHANGE_TEAM)
    reload (self);
}

static void
edit_clicked_cb (CrmFollowupDetail *self)
{
  CrmFollowupEditor *editor = crm_followup_editor_new (self->context, 0, self->followup_id);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
complete_clicked_cb (CrmFollowupDetail *self)
{
  crm_followup_complete_ask (GTK_WIDGET (self), self->context, self->followup_id);
}

static void
skip_clicked_cb (CrmFollowupDetail *self)
{
  crm_followup_skip_ask (GTK_WIDGET (self), self->context, self->followup_id);
}

static void
delete_clicked_cb (CrmFollowupDetail *self)
{
  /* the toast goes to the main window: this one closes as the follow-up goes */
  g_object_ref (self);
  crm_followup_delete_with_undo (GTK_WIDGET (self), self->context, self->followup_id);
  g_object_unref (self);
}

/* ---- rescheduling ---- */

/* The time typed in the reschedule dialog's entry, or 0 with a message (to free) */
static gint64
typed_time (CrmFollowupDetail *self,
            GtkEditable       *entry,
            char             **message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFollowup) f = crm_store_get_followup (crm_context_get_store (self->context), self->followup_id,
                                                     &error);
  g_auto(CrmFollowupDraft) draft = { 0 };
  CrmFollowupValidation result = { { NULL } };
  gint64 when = 0;
  char *problem;

  *message = NULL;
  if (f == NULL)
    {
      *message = g_strdup (error->message);
      return 0;
    }
  /* the same parser and rules as the follow-up form */
  problem = crm_interaction_parse_due (gtk_editable_get_text (entry), &when);
  if (problem != NULL)
    {
      *message = problem;
      return 0;
    }
  crm_followup_draft_init (&draft);
  draft.customer_id = f->customer_id;
  draft.kind = f->kind;
  draft.item = g_strdup (f->item);
  draft.planned_at = when;
  if (!crm_followup_draft_validate (&draft, crm_store_now (crm_context_get_store (self->context)), &result) &&
      result.messages[CRM_FOLLOWUP_FIELD_PLANNED_AT] != NULL)
    {
      *message = g_steal_pointer (&result.messages[CRM_FOLLOWUP_FIELD_PLANNED_AT]);
      when = 0;
    }
  crm_followup_validation_clear (&result);
  return when;
}

static void
reschedule_time_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  CrmFollowupDetail *self = g_object_get_data (G_OBJECT (dialog), "detail");
  GtkLabel *label = g_object_get_data (G_OBJECT (dialog), "message");
  g_autofree char *message = NULL;

  typed_time (self, entry, &message);
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  adw_message_dialog_set_response_enabled (dialog, "reschedule", message == NULL);
}

static void
reschedule_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  CrmFollowupDetail *self = g_object_get_data (G_OBJECT (dialog), "detail");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *when_text = NULL;
  gint64 when;

  if (!g_str_equal (response, "reschedule"))
    return;
  when = typed_time (self, entry, &message);
  if (message != NULL)
    {
      /* the button is off then; only a response sent some other way gets here */
      crm_followup_toast (GTK_WIDGET (self), adw_toast_new (message));
      return;
    }
  if (!crm_store_reschedule_followup (crm_context_get_store (self->context), self->followup_id, when, &error))
    {
      crm_followup_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  when_text = crm_format_datetime (when);
  /* Translators: a toast once a follow-up has a new planned time, "Rescheduled to 2026-12-01 14:30" */
  crm_followup_toast (GTK_WIDGET (self), adw_toast_new_format (_("Rescheduled to %s"), when_text));
}

static void
reschedule_clicked_cb (CrmFollowupDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFollowup) f = crm_store_get_followup (crm_context_get_store (self->context), self->followup_id,
                                                     &error);
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *label, *entry, *message;

  if (f == NULL || f->status != CRM_FOLLOWUP_PLANNED)
    return;

  when = crm_format_datetime (f->planned_at);
  /* Translators: under the heading of the reschedule dialog: the customer, the
   * item and the planned time, "Hangzhou Tea Co. · First call · 2026-11-03 14:30" */
  body = g_strdup_printf (_("%s · %s · %s"), f->customer_name, f->item, when);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reschedule Follow-up?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reschedule", _("_Reschedule"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reschedule", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reschedule");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "followup-new-planned");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  g_free (when);
  when = crm_interaction_format_time (f->planned_at);
  gtk_editable_set_text (GTK_EDITABLE (entry), when);
  label = gtk_label_new_with_mnemonic (_("_New time (YYYY-MM-DD HH:MM)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  message = gtk_label_new (NULL);
  gtk_widget_set_name (message, "followup-new-planned-message");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_set_visible (message, FALSE);
  gtk_box_append (GTK_BOX (box), message);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "detail", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "message", message);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reschedule_time_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (reschedule_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  reschedule_clicked_cb (CRM_FOLLOWUP_DETAIL (widget));
}

gint64
crm_followup_detail_get_followup_id (CrmFollowupDetail *self)
{
  g_return_val_if_fail (CRM_IS_FOLLOWUP_DETAIL (self), 0);
  return self->followup_id;
}

static void
crm_followup_detail_dispose (GObject *object)
{
  CrmFollowupDetail *self = CRM_FOLLOWUP_DETAIL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_FOLLOWUP_DETAIL);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_followup_detail_parent_class)->dispose (object);
}

static void
crm_followup_detail_class_init (CrmFollowupDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_followup_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-followup-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, details_group);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, origin_group);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, complete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, skip_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, reschedule_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, complete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reschedule_clicked_cb);

  gtk_widget_class_install_action (widget_class, "followup.reschedule", NULL, reschedule_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "followup.reschedule", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_followup_detail_init (CrmFollowupDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

CrmFollowupDetail *
crm_followup_detail_present (GtkWidget  *parent,
                             CrmContext *context,
                             gint64      id)
{
  CrmFollowupDetail *self;
  GtkWidget *window;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_FOLLOWUP_DETAIL, NULL);
  self->context = g_object_ref (context);
  self->followup_id = id;
  window = parent != NULL ? gtk_widget_get_ancestor (parent, GTK_TYPE_WINDOW) : NULL;
  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (window));
  g_signal_connect_object (crm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
