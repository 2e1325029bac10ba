/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-editor"

#include <glib/gi18n.h>

#include "crm-customer-search.h"
#include "crm-field-message.h"
#include "crm-interaction-form.h"
#include "crm-sla.h"
#include "crm-store-customers.h"
#include "crm-store-tickets.h"
#include "crm-ticket-editor.h"
#include "crm-worktime.h"

struct _CrmTicketEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkButton           *save_button;
  AdwPreferencesGroup *customer_group;
  AdwEntryRow         *customer_row;
  GtkLabel            *code_label;
  AdwComboRow         *contact_row;
  AdwEntryRow         *title_row;
  GtkTextView         *description_view;
  AdwComboRow         *category_row;
  AdwComboRow         *level_row;
  GtkWidget           *level_hint_row;
  GtkLabel            *level_hint_label;
  AdwComboRow         *assignee_row;
  AdwComboRow         *department_row;

  /* borrowed */
  GtkLabel            *error_labels[CRM_N_TICKET_FIELDS];
  GtkWidget           *field_rows[CRM_N_TICKET_FIELDS];

  /* owned */
  CrmContext          *context;
  CrmCustomerSearch   *search;
  GArray              *contact_ids;     /* gint64; index 0 = none */
  GArray              *assignee_ids;    /* gint64; index 0 = the default */
  CrmTicketDraft       initial;

  gint64               ticket_id;
  int                  working_day_minutes;  /* 0: not read yet; -1: no working time */
  gboolean             filling;         /* the form is being filled in by code */
  gboolean             shown_messages;  /* after a refused save, messages follow the changes */
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (CrmTicketEditor, crm_ticket_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The department combo: "None", then the departments 0 … 2 */
#define N_DEPARTMENTS 3

static gint64
chosen_customer_id (CrmTicketEditor *self)
{
  CrmCustomer *customer = crm_customer_search_get_customer (self->search);

  return customer != NULL ? crm_customer_get_id (customer) : 0;
}

/* ---- reading and filling the fields ---- */

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

static int
selected_level (CrmTicketEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->level_row);

  return selected < 3 ? (int) selected + 1 : 3;
}

/* What the form holds */
static void
collect_draft (CrmTicketEditor *self,
               CrmTicketDraft  *draft)
{
  guint category = adw_combo_row_get_selected (self->category_row);
  guint department = adw_combo_row_get_selected (self->department_row);

  crm_ticket_draft_clear (draft);
  crm_ticket_draft_init (draft);
  draft->customer_id = chosen_customer_id (self);
  draft->contact_id = selected_id (self->contact_row, self->contact_ids);
  draft->title = crm_form_get_text (self->title_row);
  draft->description = get_view_text (self->description_view);
  draft->category = MIN (category, CRM_N_TICKET_CATEGORIES - 1);
  draft->level = selected_level (self);
  draft->assignee_id = selected_id (self->assignee_row, self->assignee_ids);
  draft->department = department >= 1 && department <= N_DEPARTMENTS ? (int) department - 1 : -1;
  crm_ticket_draft_normalize (draft);
}

/* ---- what the level promises ---- */

/* The length of a working day: that of the first weekday, Monday on, with working time */
static int
working_day_minutes (CrmTicketEditor *self)
{
  g_autoptr(GError) error = NULL;
  CrmWorkCalendar *cal;

  if (self->working_day_minutes != 0)
    return self->working_day_minutes;

  self->working_day_minutes = -1;
  cal = crm_work_calendar_load (crm_context_get_store (self->context), NULL, &error);
  if (cal == NULL)
    {
      g_warning ("Could not read the working time: %s", error->message);
      return -1;
    }
  for (int weekday = 1; weekday <= 7 && self->working_day_minutes < 0; weekday++)
    {
      guint n = 0;
      const CrmWorkWindow *windows = crm_work_calendar_get_windows (cal, weekday, &n);
      int minutes = 0;

      for (guint i = 0; i < n; i++)
        minutes += windows[i].end_minute - windows[i].start_minute;
      if (minutes > 0)
        self->working_day_minutes = minutes;
    }
  crm_work_calendar_unref (cal);
  return self->working_day_minutes;
}

/* "1 h", "90 min", "3 days"; in working time "4 working hours", "3 working days" */
static char *
format_target (CrmTicketEditor *self,
               gint64           minutes,
               gboolean         working_time)
{
  int n = (int) CLAMP (minutes, 0, CRM_SLA_MAX_MINUTES);

  if (working_time)
    {
      int day = working_day_minutes (self);

      if (day > 0 && n >= day && n % day == 0)
        return g_strdup_printf (ngettext ("%d working day", "%d working days", n / day), n / day);
      if (n % 60 == 0)
        return g_strdup_printf (ngettext ("%d working hour", "%d working hours", n / 60), n / 60);
      return g_strdup_printf (ngettext ("%d working minute", "%d working minutes", n), n);
    }

  if (n >= 2 * 24 * 60 && n % (24 * 60) == 0)
    return g_strdup_printf (ngettext ("%d day", "%d days", n / (24 * 60)), n / (24 * 60));
  if (n < 60)
    return g_strdup_printf (C_("duration", "%d min"), n);
  if (n % 60 == 0)
    return g_strdup_printf (C_("duration", "%d h"), n / 60);
  return g_strdup_printf (C_("duration", "%d h %d min"), n / 60, n % 60);
}

static void
update_level_hint (CrmTicketEditor *self)
{
  CrmCustomer *customer = crm_customer_search_get_customer (self->search);
  gboolean vip = customer != NULL && crm_customer_get_tier (customer) == CRM_TIER_VIP;
  int level = selected_level (self);
  g_autoptr(GString) hint = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  CrmSlaPolicy policy;

  if (crm_sla_policy_load (crm_context_get_store (self->context), level, vip, &policy, &error))
    {
      g_autofree char *respond = format_target (self, policy.respond_minutes, policy.working_time);
      g_autofree char *resolve = format_target (self, policy.resolve_minutes, policy.working_time);

      if (policy.working_time)
        /* Translators: what a ticket level promises, e.g. "Respond within 4 working hours,
         * resolve within 3 working days" */
        g_string_append_printf (hint, _("Respond within %s, resolve within %s"), respond, resolve);
      else
        /* Translators: what a ticket level promises, e.g. "Respond within 1 h, resolve
         * within 4 h, around the clock" */
        g_string_append_printf (hint, _("Respond within %s, resolve within %s, around the clock"), respond, resolve);
    }
  else
    g_warning ("Could not read the service level of level %d: %s", level, error->message);

  if (level == 1)
    {
      if (hint->len > 0)
        g_string_append_c (hint, '\n');
      g_string_append (hint, _("Level 1 goes to the supervisor"));
    }

  gtk_label_set_label (self->level_hint_label, hint->str);
  gtk_widget_set_visible (self->level_hint_row, hint->len > 0);
}

/* ---- contacts and team members to choose from ---- */

static void
load_contacts (CrmTicketEditor *self,
               gint64           selected_contact)   /* < 0: the primary contact */
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 id = chosen_customer_id (self);
  guint selected = 0;

  g_array_set_size (self->contact_ids, 0);
  g_array_append_val (self->contact_ids, (gint64) { 0 });
  gtk_string_list_append (labels, C_("contact", "None"));

  if (id != 0)
    {
      g_autoptr(GPtrArray) contacts = crm_store_list_contacts (crm_context_get_store (self->context), id);

      for (guint i = 0; i < contacts->len; i++)
        {
          CrmContactChoice *contact = contacts->pdata[i];
          g_autofree char *label = crm_contact_choice_to_label (contact);

          g_array_append_val (self->contact_ids, contact->id);
          gtk_string_list_append (labels, label);
          if ((selected_contact < 0 && contact->is_primary) || contact->id == selected_contact)
            selected = i + 1;
        }
    }

  adw_combo_row_set_model (self->contact_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->contact_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_row), id != 0);
}

static void
load_assignees (CrmTicketEditor *self,
                gint64           selected_assignee)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) members = crm_store_list_team_members (store);

  g_array_set_size (self->assignee_ids, 0);
  g_array_append_val (self->assignee_ids, (gint64) { 0 });
  /* Translators: the assignee chosen by the rule: the supervisor for level 1,
   * else the customer's owner */
  gtk_string_list_append (labels, C_("assignee", "Default"));
  for (guint i = 0; i < members->len; i++)
    {
      CrmTeamMember *member = members->pdata[i];
      gint64 id = crm_team_member_get_id (member);
      g_autofree char *label = g_strdup_printf ("%s · %s", crm_team_member_get_name (member),
                                                crm_member_role_to_string (crm_team_member_get_role (member)));

      g_array_append_val (self->assignee_ids, id);
      gtk_string_list_append (labels, label);
    }

  /* someone no longer on the team stays who it was */
  if (selected_assignee != 0 && index_of_id (self->assignee_ids, selected_assignee) == 0)
    {
      g_autoptr(CrmTicketDetail) detail = crm_store_load_ticket_detail (store, self->ticket_id, NULL);

      g_array_append_val (self->assignee_ids, selected_assignee);
      gtk_string_list_append (labels, detail != NULL && detail->assignee_name != NULL ? detail->assignee_name : "—");
    }

  adw_combo_row_set_model (self->assignee_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->assignee_row, index_of_id (self->assignee_ids, selected_assignee));
}

/* ---- validation and saving ---- */

static gboolean
show_validation (CrmTicketEditor *self,
                 gboolean         focus)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_auto(CrmTicketValidation) result = { { NULL } };
  GtkWidget *first = NULL;

  crm_ticket_draft_init (&draft);
  collect_draft (self, &draft);
  crm_ticket_draft_validate (&draft, &result);

  for (guint i = 0; i < CRM_N_TICKET_FIELDS; i++)
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
show_error_dialog (CrmTicketEditor *self,
                   const char      *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save the Ticket"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
crm_ticket_editor_save (CrmTicketEditor *self)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  CrmStore *store;
  gboolean created;
  gint64 id;

  g_return_val_if_fail (CRM_IS_TICKET_EDITOR (self), FALSE);

  if (!show_validation (self, TRUE))
    {
      self->shown_messages = TRUE;
      return FALSE;
    }

  crm_ticket_draft_init (&draft);
  collect_draft (self, &draft);
  store = crm_context_get_store (self->context);
  created = self->ticket_id == 0;
  if (created)
    id = crm_store_create_ticket (store, &draft, &error);
  else
    id = crm_store_update_ticket (store, self->ticket_id, &draft, &error) ? self->ticket_id : 0;
  if (id == 0)
    {
      show_error_dialog (self, error->message);
      return FALSE;
    }

  self->ticket_id = id;
  g_signal_emit (self, signals[SAVED], 0, id, created);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

gint64
crm_ticket_editor_get_customer_id (CrmTicketEditor *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_EDITOR (self), 0);
  return chosen_customer_id (self);
}

gint64
crm_ticket_editor_get_ticket_id (CrmTicketEditor *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_EDITOR (self), 0);
  return self->ticket_id;
}

static void
save_clicked_cb (CrmTicketEditor *self)
{
  crm_ticket_editor_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_ticket_editor_save (CRM_TICKET_EDITOR (widget));
}

static void
cancel_clicked_cb (CrmTicketEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
field_changed_cb (CrmTicketEditor *self)
{
  /* Once messages are shown, they go away as soon as the value is right */
  if (!self->shown_messages || self->filling)
    return;
  show_validation (self, FALSE);
}

static void
level_changed_cb (CrmTicketEditor *self)
{
  update_level_hint (self);
  field_changed_cb (self);
}

static void
customer_changed_cb (CrmTicketEditor *self)
{
  load_contacts (self, -1);
  update_level_hint (self);
  field_changed_cb (self);
  if (chosen_customer_id (self) != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->contact_row));
}

static gboolean
is_dirty (CrmTicketEditor *self)
{
  g_auto(CrmTicketDraft) now = { 0 };

  if (crm_customer_search_has_loose_text (self->search))
    return TRUE;

  crm_ticket_draft_init (&now);
  collect_draft (self, &now);
  return !crm_ticket_draft_equal (&now, &self->initial);
}

static gboolean
crm_ticket_editor_close_request (GtkWindow *window)
{
  CrmTicketEditor *self = CRM_TICKET_EDITOR (window);

  if (!self->closing && is_dirty (self))
    {
      crm_form_ask_discard (window, &self->closing);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_ticket_editor_parent_class)->close_request (window);
}

/* ---- object ---- */

static void
add_message (CrmTicketEditor *self,
             CrmTicketField   field,
             gpointer         row)
{
  self->field_rows[field] = GTK_WIDGET (row);
  self->error_labels[field] = crm_field_message_add (GTK_WIDGET (row));
}

static void
crm_ticket_editor_dispose (GObject *object)
{
  CrmTicketEditor *self = CRM_TICKET_EDITOR (object);

  g_clear_object (&self->search);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_EDITOR);
  g_clear_object (&self->context);
  g_clear_pointer (&self->contact_ids, g_array_unref);
  g_clear_pointer (&self->assignee_ids, g_array_unref);
  crm_ticket_draft_clear (&self->initial);

  G_OBJECT_CLASS (crm_ticket_editor_parent_class)->dispose (object);
}

static void
crm_ticket_editor_class_init (CrmTicketEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_ticket_editor_dispose;
  window_class->close_request = crm_ticket_editor_close_request;

  /**
   * CrmTicketEditor::saved:
   * @id: the ticket's id
   * @created: whether the ticket is new
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-ticket-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, customer_group);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, code_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, level_hint_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, level_hint_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketEditor, department_row);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_ticket_editor_init (CrmTicketEditor *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) departments = gtk_string_list_new (NULL);
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  self->contact_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->assignee_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  crm_ticket_draft_init (&self->initial);

  for (guint i = 0; i < CRM_N_TICKET_CATEGORIES; i++)
    gtk_string_list_append (categories, crm_ticket_category_to_string (i));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  for (int level = 1; level <= 3; level++)
    gtk_string_list_append (levels, crm_ticket_level_to_string (level));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  gtk_string_list_append (departments, C_("department", "None"));
  gtk_string_list_append (departments, C_("department", "Technical"));
  gtk_string_list_append (departments, C_("department", "Product"));
  gtk_string_list_append (departments, C_("department", "After-sales"));
  adw_combo_row_set_model (self->department_row, G_LIST_MODEL (departments));

  add_message (self, CRM_TICKET_FIELD_CUSTOMER, self->customer_row);
  add_message (self, CRM_TICKET_FIELD_TITLE, self->title_row);
  add_message (self, CRM_TICKET_FIELD_CATEGORY, self->category_row);
  add_message (self, CRM_TICKET_FIELD_LEVEL, self->level_row);
  add_message (self, CRM_TICKET_FIELD_DEPARTMENT, self->department_row);

  /* what the level promises is read with the level */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->level_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->level_hint_label, NULL,
                                  -1);

  /* Ctrl+Enter saves from any field, the description included (which would
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

  /* Enter in a one-line field saves, as in every GNOME form (in the customer
   * field only when no list of matches is open) */
  g_signal_connect_object (self->customer_row, "entry-activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "entry-activated", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->level_row, "notify::selected", G_CALLBACK (level_changed_cb), self, G_CONNECT_SWAPPED);
  {
    AdwComboRow *combos[] = { self->contact_row, self->category_row, self->assignee_row, self->department_row };

    for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
      g_signal_connect_object (combos[i], "notify::selected", G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  }
}

static void
fill_form (CrmTicketEditor      *self,
           const CrmTicketDraft *draft,
           gboolean              new_ticket)
{
  g_autoptr(CrmCustomer) customer = NULL;

  self->filling = TRUE;

  if (draft->customer_id != 0)
    {
      g_autoptr(GError) error = NULL;

      customer = crm_store_get_customer (crm_context_get_store (self->context), draft->customer_id, &error);
      if (customer == NULL)
        g_warning ("Could not read customer %" G_GINT64_FORMAT ": %s", draft->customer_id,
                   error != NULL ? error->message : "not found");
    }
  crm_customer_search_set_customer (self->search, customer);
  load_contacts (self, new_ticket ? -1 : draft->contact_id);

  crm_form_set_text (self->title_row, draft->title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            draft->description != NULL ? draft->description : "", -1);
  adw_combo_row_set_selected (self->category_row, MIN ((guint) draft->category, CRM_N_TICKET_CATEGORIES - 1));
  adw_combo_row_set_selected (self->level_row, CLAMP (draft->level, 1, 3) - 1);
  load_assignees (self, draft->assignee_id);
  adw_combo_row_set_selected (self->department_row,
                              draft->department >= 0 && draft->department < N_DEPARTMENTS ? draft->department + 1 : 0);

  self->filling = FALSE;
  update_level_hint (self);
}

CrmTicketEditor *
crm_ticket_editor_new (CrmContext *context,
                       gint64      customer_id,
                       gint64      ticket_id)
{
  CrmTicketEditor *self;
  CrmStore *store;
  GtkWidget *customer_message;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_TICKET_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->ticket_id = ticket_id;
  store = crm_context_get_store (context);

  /* the matches sit right under the customer field (and its message) */
  customer_message = gtk_widget_get_ancestor (GTK_WIDGET (self->error_labels[CRM_TICKET_FIELD_CUSTOMER]),
                                              GTK_TYPE_LIST_BOX_ROW);
  self->search = crm_customer_search_new (store, self->customer_row, self->code_label, customer_message);
  g_signal_connect_object (self->search, "changed", G_CALLBACK (customer_changed_cb), self, G_CONNECT_SWAPPED);

  if (ticket_id != 0)
    {
      g_autoptr(GError) error = NULL;

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Ticket"));
      if (!crm_store_load_ticket_draft (store, ticket_id, &self->initial, &error))
        g_warning ("Could not load ticket %" G_GINT64_FORMAT ": %s", ticket_id, error->message);
    }
  else
    {
      self->initial.customer_id = customer_id;
      self->initial.level = 3;
    }

  fill_form (self, &self->initial, ticket_id == 0);
  /* What the form holds now is the baseline for "unsaved changes" */
  collect_draft (self, &self->initial);

  if (crm_ticket_editor_get_customer_id (self) == 0)
    {
      adw_preferences_group_set_description (self->customer_group,
                                             _("Type part of the customer’s name or code, then choose from the list."));
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->customer_row));
    }
  else
    {
      /* a ticket stays with the customer it was opened for */
      gtk_editable_set_editable (GTK_EDITABLE (self->customer_row), FALSE);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
    }

  return self;
}
