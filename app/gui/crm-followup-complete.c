/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-followup-complete"

#include <glib/gi18n.h>

#include "crm-followup-complete.h"
#include "crm-format.h"
#include "crm-interaction-form.h"
#include "crm-store-followups.h"
#include "crm-window.h"

typedef struct {
  CrmContext   *context;
  GtkWidget    *parent;
  CrmFollowup  *followup;
  gboolean      amend;          /* done already (the Done of a reminder): the result is added */

  /* the dialog's (borrowed) */
  GtkTextView  *result_view;
  GtkEditable  *actual_entry;
  GtkDropDown  *satisfaction_dropdown;
  GtkWidget    *late_box;
  GtkEditable  *late_entry;
  GtkEditable  *next_entry;
  GtkDropDown  *next_kind_dropdown;
  GtkEditable  *next_planned_entry;
  GtkWidget    *fields[CRM_N_FOLLOWUP_RESULT_FIELDS];
  GtkLabel     *messages[CRM_N_FOLLOWUP_RESULT_FIELDS];
  gboolean      touched[CRM_N_FOLLOWUP_RESULT_FIELDS];
} CompleteRequest;

static void
request_free (gpointer data)
{
  CompleteRequest *request = data;

  g_object_unref (request->context);
  g_object_unref (request->parent);
  crm_followup_free (request->followup);
  g_free (request);
}

/* The CrmWindow @widget is in, or that its window is transient for */
static CrmWindow *
find_main_window (GtkWidget *widget)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW);

  while (window != NULL && !CRM_IS_WINDOW (window))
    window = GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (window)));
  return window != NULL ? CRM_WINDOW (window) : NULL;
}

void
crm_followup_toast (GtkWidget *parent,
                    AdwToast  *toast)
{
  CrmWindow *window = find_main_window (parent);

  if (window != NULL)
    crm_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}

static void
add_toast (GtkWidget *parent,
           AdwToast  *toast)
{
  crm_followup_toast (parent, toast);
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A label over a field, with its mnemonic; the field is labelled by it */
static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (box, label);
  return label;
}

/* The (hidden) message under a field */
static GtkLabel *
add_message (GtkBox *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
set_message (GtkWidget  *field,
             GtkLabel   *label,
             const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static GtkWidget *
new_entry (const char *name)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  return entry;
}

/* ---- completing ---- */

/* What the dialog holds; times that cannot be read get their message in
 * @messages (to free) and no time in @result. */
static void
collect_result (CompleteRequest   *request,
                CrmFollowupResult *result,
                char             **messages)
{
  guint satisfaction = gtk_drop_down_get_selected (request->satisfaction_dropdown);
  const char *next_planned = gtk_editable_get_text (request->next_planned_entry);

  crm_followup_result_init (result);
  result->result = view_text (request->result_view);
  messages[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT] =
    crm_interaction_parse_time (gtk_editable_get_text (request->actual_entry), &result->actual_at);
  if (messages[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT] != NULL)
    result->actual_at = 0;
  result->satisfaction = satisfaction <= 5 ? (int) satisfaction : 0;
  result->late_reason = g_strdup (gtk_editable_get_text (request->late_entry));
  result->next_step = g_strdup (gtk_editable_get_text (request->next_entry));
  result->next_kind = MIN (gtk_drop_down_get_selected (request->next_kind_dropdown), CRM_N_FOLLOWUP_KINDS - 1);
  messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] = crm_interaction_parse_due (next_planned, &result->next_planned_at);
  if (messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] != NULL)
    result->next_planned_at = 0;
  crm_followup_result_normalize (result);
}

/* Checks the dialog: shows the messages of the fields typed in, and turns
 * "Complete" on only when all is right. */
static void
update_complete (AdwMessageDialog *dialog)
{
  CompleteRequest *request = g_object_get_data (G_OBJECT (dialog), "request");
  g_auto(CrmFollowupResult) result = { 0 };
  g_auto(CrmFollowupResultValidation) validation = { { NULL } };
  char *parse_messages[CRM_N_FOLLOWUP_RESULT_FIELDS] = { NULL };
  gboolean ok;

  collect_result (request, &result, parse_messages);
  ok = crm_followup_result_validate (&result, request->followup,
                                     crm_store_now (crm_context_get_store (request->context)), &validation);
  for (guint i = 0; i < CRM_N_FOLLOWUP_RESULT_FIELDS; i++)
    {
      if (parse_messages[i] != NULL)
        {
          g_free (validation.messages[i]);
          validation.messages[i] = parse_messages[i];
          ok = FALSE;
        }
      if (request->fields[i] != NULL)
        set_message (request->fields[i], request->messages[i], request->touched[i] ? validation.messages[i] : NULL);
    }

  gtk_widget_set_visible (request->late_box,
                          result.actual_at != 0 && crm_followup_needs_late_reason (request->followup, result.actual_at));
  adw_message_dialog_set_response_enabled (dialog, "complete", ok);
}

static void
field_changed_cb (GtkWidget        *field,
                  AdwMessageDialog *dialog)
{
  CompleteRequest *request = g_object_get_data (G_OBJECT (dialog), "request");

  for (guint i = 0; i < CRM_N_FOLLOWUP_RESULT_FIELDS; i++)
    if (request->fields[i] == field ||
        (GTK_IS_TEXT_BUFFER (field) && request->fields[i] == GTK_WIDGET (request->result_view)))
      request->touched[i] = TRUE;
  /* a next step and its time go together: speak about both */
  if (field == GTK_WIDGET (request->next_entry) || field == GTK_WIDGET (request->next_planned_entry))
    {
      request->touched[CRM_FOLLOWUP_RESULT_FIELD_NEXT_STEP] = TRUE;
      request->touched[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] = TRUE;
    }
  update_complete (dialog);
}

static void
dropdown_changed_cb (GtkWidget        *dropdown,
                     GParamSpec       *pspec,
                     AdwMessageDialog *dialog)
{
  field_changed_cb (dropdown, dialog);
}

static void
complete_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  CompleteRequest *request = g_object_get_data (G_OBJECT (dialog), "request");
  g_auto(CrmFollowupResult) result = { 0 };
  char *parse_messages[CRM_N_FOLLOWUP_RESULT_FIELDS] = { NULL };
  g_autoptr(GError) error = NULL;
  gint64 next_id = 0;

  if (!g_str_equal (response, "complete"))
    return;

  collect_result (request, &result, parse_messages);
  for (guint i = 0; i < CRM_N_FOLLOWUP_RESULT_FIELDS; i++)
    g_free (parse_messages[i]);
  if (!(request->amend ? crm_store_amend_followup_result : crm_store_complete_followup)
        (crm_context_get_store (request->context), request->followup->id, &result, &next_id, &error))
    {
      add_toast (request->parent, adw_toast_new (error->message));
      return;
    }

  if (next_id != 0)
    {
      g_autofree char *when = crm_format_datetime (result.next_planned_at);
      /* Translators: after completing a follow-up; %s is when the next one is, "2026-11-03 14:30" */
      g_autofree char *title = g_strdup_printf (_("Done — the next follow-up is planned for %s"), when);

      add_toast (request->parent, adw_toast_new (title));
    }
  else
    add_toast (request->parent, adw_toast_new (C_("follow-up", "Done")));
}

static GtkWidget *
new_dialog (GtkWidget         *parent,
            const CrmFollowup *followup,
            const char        *heading)
{
  GtkWidget *window = gtk_widget_get_ancestor (parent, GTK_TYPE_WINDOW);
  g_autofree char *when = crm_format_datetime (followup->planned_at);
  /* Translators: under the heading of the complete and skip dialogs: the
   * customer, the item and the planned time, "Hangzhou Tea Co. · First call · 2026-11-03 14:30" */
  g_autofree char *body = g_strdup_printf (_("%s · %s · %s"), followup->customer_name, followup->item, when);

  return adw_message_dialog_new (GTK_WINDOW (window), heading, body);
}

void
crm_followup_complete_ask (GtkWidget  *parent,
                           CrmContext *context,
                           gint64      followup_id)
{
  CrmStore *store = crm_context_get_store (context);
  g_autoptr(GError) error = NULL;
  CrmFollowup *followup = crm_store_get_followup (store, followup_id, &error);
  g_autoptr(GtkStringList) satisfaction = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *now_text = NULL;
  CompleteRequest *request;
  GtkWidget *dialog, *box, *scrolled, *view, *label, *heading, *late_box;
  GtkWidget *widget;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CRM_IS_CONTEXT (context));

  if (followup == NULL)
    {
      add_toast (parent, adw_toast_new (error != NULL ? error->message : _("The follow-up is gone")));
      return;
    }

  if (followup->status == CRM_FOLLOWUP_DONE)
    {
      dialog = new_dialog (parent, followup, _("Follow-up Done — Add the Result?"));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Not Now"),
                                        "complete", _("_Save"),
                                        NULL);
    }
  else
    {
      dialog = new_dialog (parent, followup, _("Complete Follow-up?"));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "complete", _("C_omplete"),
                                        NULL);
    }
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "complete", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "complete");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  request = g_new0 (CompleteRequest, 1);
  request->context = g_object_ref (context);
  request->parent = g_object_ref (parent);
  request->followup = followup;
  request->amend = followup->status == CRM_FOLLOWUP_DONE;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  /* the result */
  view = gtk_text_view_new ();
  gtk_widget_set_name (view, "followup-result");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  add_label (GTK_BOX (box), _("_Result"), view);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 72);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);
  request->result_view = GTK_TEXT_VIEW (view);
  request->fields[CRM_FOLLOWUP_RESULT_FIELD_RESULT] = view;
  request->messages[CRM_FOLLOWUP_RESULT_FIELD_RESULT] = add_message (GTK_BOX (box));

  /* when it was done */
  widget = new_entry ("followup-actual");
  now_text = crm_interaction_format_time (request->amend && followup->actual_at != 0
                                          ? followup->actual_at : crm_store_now (store));
  gtk_editable_set_text (GTK_EDITABLE (widget), now_text);
  add_label (GTK_BOX (box), _("_Done at (YYYY-MM-DD HH:MM)"), widget);
  gtk_box_append (GTK_BOX (box), widget);
  request->actual_entry = GTK_EDITABLE (widget);
  request->fields[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT] = widget;
  request->messages[CRM_FOLLOWUP_RESULT_FIELD_ACTUAL_AT] = add_message (GTK_BOX (box));

  /* why late: only for a late complaint follow-up */
  late_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  widget = new_entry ("followup-late-reason");
  add_label (GTK_BOX (late_box), _("Why it is _late"), widget);
  gtk_box_append (GTK_BOX (late_box), widget);
  request->late_box = late_box;
  request->late_entry = GTK_EDITABLE (widget);
  request->fields[CRM_FOLLOWUP_RESULT_FIELD_LATE_REASON] = widget;
  request->messages[CRM_FOLLOWUP_RESULT_FIELD_LATE_REASON] = add_message (GTK_BOX (late_box));
  gtk_box_append (GTK_BOX (box), late_box);

  /* satisfaction */
  gtk_string_list_append (satisfaction, C_("satisfaction", "Not given"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "1 — Very dissatisfied"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "2 — Dissatisfied"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "3 — Neutral"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "4 — Satisfied"));
  gtk_string_list_append (satisfaction, C_("satisfaction", "5 — Very satisfied"));
  widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (satisfaction)), NULL);
  gtk_widget_set_name (widget, "followup-satisfaction");
  add_label (GTK_BOX (box), _("_Satisfaction (optional)"), widget);
  gtk_box_append (GTK_BOX (box), widget);
  request->satisfaction_dropdown = GTK_DROP_DOWN (widget);
  request->fields[CRM_FOLLOWUP_RESULT_FIELD_SATISFACTION] = widget;
  request->messages[CRM_FOLLOWUP_RESULT_FIELD_SATISFACTION] = add_message (GTK_BOX (box));

  /* the next step */
  heading = gtk_label_new (_("Next Step"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  label = gtk_label_new (_("Optional: it becomes the next follow-up."));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  widget = new_entry ("followup-next-step");
  add_label (GTK_BOX (box), _("_What"), widget);
  gtk_box_append (GTK_BOX (box), widget);
  request->next_entry = GTK_EDITABLE (widget);
  request->fields[CRM_FOLLOWUP_RESULT_FIELD_NEXT_STEP] = widget;
  request->messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_STEP] = add_message (GTK_BOX (box));

  for (guint i = 0; i < CRM_N_FOLLOWUP_KINDS; i++)
    gtk_string_list_append (kinds, crm_followup_kind_to_string (i));
  widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL);
  gtk_widget_set_name (widget, "followup-next-kind");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), followup->kind);
  add_label (GTK_BOX (box), _("_Kind"), widget);
  gtk_box_append (GTK_BOX (box), widget);
  request->next_kind_dropdown = GTK_DROP_DOWN (widget);
  request->fields[CRM_FOLLOWUP_RESULT_FIELD_NEXT_KIND] = widget;
  request->messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_KIND] = add_message (GTK_BOX (box));

  widget = new_entry ("followup-next-planned");
  add_label (GTK_BOX (box), _("_When (YYYY-MM-DD HH:MM)"), widget);
  gtk_box_append (GTK_BOX (box), widget);
  request->next_planned_entry = GTK_EDITABLE (widget);
  request->fields[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] = widget;
  request->messages[CRM_FOLLOWUP_RESULT_FIELD_NEXT_PLANNED_AT] = add_message (GTK_BOX (box));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "request", request, request_free);

  g_signal_connect_object (gtk_text_view_get_buffer (request->result_view), "changed",
                           G_CALLBACK (field_changed_cb), dialog, 0);
  {
    GtkEditable *entries[] = { request->actual_entry, request->late_entry, request->next_entry,
                               request->next_planned_entry };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      g_signal_connect_object (entries[i], "changed", G_CALLBACK (field_changed_cb), dialog, 0);
  }
  g_signal_connect_object (request->satisfaction_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), dialog, 0);
  g_signal_connect_object (request->next_kind_dropdown, "notify::selected", G_CALLBACK (dropdown_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (complete_response_cb), NULL);

  if (request->amend && followup->result != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (request->result_view);
      GtkTextIter start, end;

      /* what "Done" wrote, selected: typing replaces it */
      gtk_text_buffer_set_text (buffer, followup->result, -1);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_select_range (buffer, &start, &end);
    }

  update_complete (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

/* ---- skipping ---- */

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "skip", *text != '\0');
}

static void
skip_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  CompleteRequest *request = g_object_get_data (G_OBJECT (dialog), "request");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "skip"))
    return;

  if (!crm_store_skip_followup (crm_context_get_store (request->context), request->followup->id,
                                gtk_editable_get_text (entry), &error))
    {
      add_toast (request->parent, adw_toast_new (error->message));
      return;
    }
  add_toast (request->parent, adw_toast_new (C_("follow-up", "Skipped")));
}

void
crm_followup_skip_ask (GtkWidget  *parent,
                       CrmContext *context,
                       gint64      followup_id)
{
  g_autoptr(GError) error = NULL;
  CrmFollowup *followup = crm_store_get_followup (crm_context_get_store (context), followup_id, &error);
  CompleteRequest *request;
  GtkWidget *dialog, *box, *entry;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CRM_IS_CONTEXT (context));

  if (followup == NULL)
    {
      add_toast (parent, adw_toast_new (error != NULL ? error->message : _("The follow-up is gone")));
      return;
    }

  dialog = new_dialog (parent, followup, _("Skip Follow-up?"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "skip", _("_Skip"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "skip", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "skip", FALSE);

  request = g_new0 (CompleteRequest, 1);
  request->context = g_object_ref (context);
  request->parent = g_object_ref (parent);
  request->followup = followup;
  request->amend = followup->status == CRM_FOLLOWUP_DONE;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  entry = new_entry ("followup-skip-reason");
  add_label (GTK_BOX (box), _("_Reason"), entry);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data_full (G_OBJECT (dialog), "request", request, request_free);
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect (dialog, "response", G_CALLBACK (skip_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- deleting ---- */

static void
undo_delete_cb (AdwToast *toast,
                gpointer  user_data)
{
  CrmContext *context = g_object_get_data (G_OBJECT (toast), "context");
  CrmDeletedFollowup *deleted = g_object_steal_data (G_OBJECT (toast), "deleted");
  g_autoptr(GError) error = NULL;

  if (deleted == NULL)
    return;
  if (!crm_store_restore_followup (crm_context_get_store (context), deleted, &error))
    g_warning ("Could not restore the follow-up: %s", error->message);
  crm_deleted_followup_free (deleted);
}

void
crm_followup_delete_with_undo (GtkWidget  *parent,
                               CrmContext *context,
                               gint64      followup_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmWindow) window = NULL;
  CrmDeletedFollowup *deleted;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (CRM_IS_CONTEXT (context));

  /* found first: a detail window showing the follow-up closes as it goes */
  window = find_main_window (parent);
  if (window != NULL)
    g_object_ref (window);
  deleted = crm_store_delete_followup (crm_context_get_store (context), followup_id, &error);
  if (deleted == NULL)
    {
      if (window != NULL)
        crm_window_add_toast (window, adw_toast_new (error->message));
      return;
    }
  toast = adw_toast_new (_("Follow-up deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "context", g_object_ref (context), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "deleted", deleted, (GDestroyNotify) crm_deleted_followup_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_delete_cb), NULL);
  if (window != NULL)
    crm_window_add_toast (window, toast);
  else
    g_object_unref (toast);
}
