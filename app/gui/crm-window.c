/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-window"

#include <glib/gi18n.h>

#include "crm-customer-editor.h"
#include "crm-customer-profile.h"
#include "crm-customers-page.h"
#include "crm-interaction-editor.h"
#include "crm-store-interactions.h"
#include "crm-store-customers.h"
#include "crm-format.h"
#include "crm-ics.h"
#include "crm-agenda-view.h"
#include "crm-calendar-page.h"
#include "crm-followup-detail.h"
#include "crm-followup-editor.h"
#include "crm-playbook.h"
#include "crm-store-followups.h"
#include "crm-store-tickets.h"
#include "crm-ticket-detail-page.h"
#include "crm-ticket-editor.h"
#include "crm-tickets-page.h"
#include "crm-timeline-page.h"
#include "crm-welcome-page.h"
#include "crm-window.h"
#include "crm-import-dialog.h"
#include "crm-transfer.h"

#define SETTING_WELCOME_DONE "welcome_done"

/* The playbook's rules run once a day, this long after the window opens. */
#define PLAYBOOK_DELAY_SECONDS 20
#define SETTING_PLAYBOOK_DAY "playbook.last_run_day"

/* How often tickets past a deadline are escalated while the window is open. */
#define ESCALATE_SECONDS 60

struct _CrmWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwLeaflet         *leaflet;
  GtkListBox         *sidebar;
  GtkListBoxRow      *customers_row;
  GtkListBoxRow      *timeline_row;
  GtkListBoxRow      *tickets_row;
  GtkListBoxRow      *calendar_row;
  GtkLabel           *customers_count_label;
  GtkLabel           *tickets_count_label;
  AdwWindowTitle     *window_title;
  GtkToggleButton    *search_button;
  GtkButton          *profile_back_button;
  CrmCustomerProfile *profile_page;
  CrmTicketDetailPage *ticket_page;
  guint               prepare_profile_source;
  guint               escalate_source;
  guint               playbook_source;
  GCancellable       *playbook_cancellable;
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *read_only_bar;
  GtkLabel           *read_only_label;
  GtkWidget          *new_button;
  CrmAgendaView      *agenda_view;      /* borrowed: in the calendar page, once made */
  GtkStack           *stack;
  CrmCustomersPage   *customers_page;

  /* owned */
  CrmContext         *context;
  char               *back_page;   /* where Back goes from a profile or a ticket */
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_count (CrmWindow *self)
{
  gint64 n = crm_store_count_customers (crm_context_get_store (self->context), FALSE);
  g_autofree char *text = crm_format_count (n);
  g_autofree char *description = g_strdup_printf (ngettext ("%u customer", "%u customers", (gulong) n), (guint) n);

  gtk_label_set_label (self->customers_count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->customers_count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
update_tickets_count (CrmWindow *self)
{
  gint64 n = crm_store_count_open_tickets (crm_context_get_store (self->context));
  g_autofree char *text = crm_format_count (n);
  /* Translators: the count beside "Tickets" in the sidebar, for screen readers */
  g_autofree char *description = g_strdup_printf (ngettext ("%u open ticket", "%u open tickets", (gulong) n), (guint) n);

  gtk_label_set_label (self->tickets_count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tickets_count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void welcome_done_cb (CrmWindow *self);

/* Only an empty database needs the welcome page: it is made when first shown. */
static void
ensure_welcome_page (CrmWindow *self)
{
  CrmWelcomePage *page;

  if (gtk_stack_get_child_by_name (self->stack, "welcome") != NULL)
    return;

  page = g_object_new (CRM_TYPE_WELCOME_PAGE, NULL);
  crm_welcome_page_set_context (page, self->context);
  g_signal_connect_object (page, "done", G_CALLBACK (welcome_done_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (page), "welcome");
}

/* The timeline is made when first shown. */
static void
ensure_timeline_page (CrmWindow *self)
{
  if (gtk_stack_get_child_by_name (self->stack, "timeline") != NULL)
    return;

  gtk_stack_add_named (self->stack, GTK_WIDGET (crm_timeline_page_new (self->context)), "timeline");
}

CrmTimelinePage *
crm_window_get_timeline_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  ensure_timeline_page (self);
  return CRM_TIMELINE_PAGE (gtk_stack_get_child_by_name (self->stack, "timeline"));
}

/* The board is made when first shown. */
static void
ensure_tickets_page (CrmWindow *self)
{
  if (gtk_stack_get_child_by_name (self->stack, "tickets") != NULL)
    return;

  gtk_stack_add_named (self->stack, GTK_WIDGET (crm_tickets_page_new (self->context)), "tickets");
}

CrmTicketsPage *
crm_window_get_tickets_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  ensure_tickets_page (self);
  return CRM_TICKETS_PAGE (gtk_stack_get_child_by_name (self->stack, "tickets"));
}

/* The calendar is made when first shown, with its agenda. */
static void
ensure_calendar_page (CrmWindow *self)
{
  CrmCalendarPage *page;

  if (gtk_stack_get_child_by_name (self->stack, "calendar") != NULL)
    return;

  page = crm_calendar_page_new (self->context);
  self->agenda_view = crm_agenda_view_new (self->context);
  crm_calendar_page_set_agenda (page, GTK_WIDGET (self->agenda_view));
  gtk_stack_add_named (self->stack, GTK_WIDGET (page), "calendar");
}

CrmCalendarPage *
crm_window_get_calendar_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  ensure_calendar_page (self);
  return CRM_CALENDAR_PAGE (gtk_stack_get_child_by_name (self->stack, "calendar"));
}

static void ticket_title_cb (CrmWindow *self);

static void
ensure_ticket_page (CrmWindow *self)
{
  if (self->ticket_page != NULL)
    return;

  self->ticket_page = crm_ticket_detail_page_new (self->context);
  g_signal_connect_object (self->ticket_page, "notify::title", G_CALLBACK (ticket_title_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->ticket_page), "ticket");
}

/* The pages of the sidebar; a profile belongs to Customers, a ticket to Tickets
 * unless opened from elsewhere. */
static GtkListBoxRow *
sidebar_row_for (CrmWindow  *self,
                 const char *name)
{
  if (g_str_equal (name, "customers"))
    return self->customers_row;
  if (g_str_equal (name, "timeline"))
    return self->timeline_row;
  if (g_str_equal (name, "tickets"))
    return self->tickets_row;
  if (g_str_equal (name, "calendar"))
    return self->calendar_row;
  return NULL;
}

static const char *
page_title (const char *name)
{
  if (g_str_equal (name, "customers"))
    return _("Customers");
  if (g_str_equal (name, "timeline"))
    return _("Timeline");
  if (g_str_equal (name, "tickets"))
    return _("Tickets");
  if (g_str_equal (name, "calendar"))
    return _("Calendar");
  return _("Welcome");
}

static void
show_page (CrmWindow  *self,
           const char *name)
{
  GSettings *settings = crm_context_get_settings (self->context);
  const char *current = crm_window_get_visible_page (self);
  gboolean customers = g_str_equal (name, "customers");
  gboolean profile = g_str_equal (name, "profile");
  gboolean ticket = g_str_equal (name, "ticket");
  gboolean detail = profile || ticket;
  GtkListBoxRow *row;

  if (g_str_equal (name, "timeline"))
    ensure_timeline_page (self);
  else if (g_str_equal (name, "tickets"))
    ensure_tickets_page (self);
  else if (g_str_equal (name, "calendar"))
    ensure_calendar_page (self);
  else if (!customers && !detail)
    ensure_welcome_page (self);

  /* Back returns to the page a profile or ticket was opened from */
  if (detail && current != NULL && sidebar_row_for (self, current) != NULL)
    {
      g_free (self->back_page);
      self->back_page = g_strdup (current);
    }
  else if (!detail)
    g_clear_pointer (&self->back_page, g_free);
  if (detail && self->back_page == NULL)
    self->back_page = g_strdup (profile ? "customers" : "tickets");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), customers);
  gtk_widget_set_visible (GTK_WIDGET (self->profile_back_button), detail);
  if (detail)
    {
      /* Translators: the Back button's tooltip, "Back to Tickets (Alt+←)" */
      g_autofree char *tooltip = g_strdup_printf (_("Back to %s (Alt+←)"), page_title (self->back_page));

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_back_button), tooltip);
    }
  if (profile)
    adw_window_title_set_title (self->window_title, crm_customer_profile_get_customer_name (self->profile_page));
  else if (ticket)
    adw_window_title_set_title (self->window_title, crm_ticket_detail_page_get_title (self->ticket_page));
  else
    adw_window_title_set_title (self->window_title, page_title (name));

  row = sidebar_row_for (self, detail ? self->back_page : name);
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, row);
  else
    gtk_list_box_unselect_all (self->sidebar);

  if (!detail && sidebar_row_for (self, name) != NULL && settings != NULL)
    g_settings_set_string (settings, "last-page", name);
}

void
crm_window_show_timeline (CrmWindow  *self,
                          gint64      customer_id,
                          const char *customer_name)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_timeline_page_set_customer (crm_window_get_timeline_page (self), customer_id, customer_name);
  show_page (self, "timeline");
}

static gboolean
needs_welcome (CrmWindow *self)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autofree char *done = NULL;

  if (crm_store_has_customers (store))
    return FALSE;
  done = crm_store_get_setting (store, SETTING_WELCOME_DONE);
  return done == NULL;
}

static void
store_changed_cb (CrmWindow *self,
                  int        kind,
                  gint64     id,
                  CrmStore  *store)
{
  if (kind == CRM_CHANGE_TICKET || kind == CRM_CHANGE_ALL)
    update_tickets_count (self);
  if (kind != CRM_CHANGE_CUSTOMER && kind != CRM_CHANGE_ALL)
    return;

  update_count (self);
  if (g_strcmp0 (crm_window_get_visible_page (self), "welcome") == 0 && !needs_welcome (self))
    show_page (self, "customers");
}

static void
welcome_done_cb (CrmWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_set_setting (crm_context_get_store (self->context), SETTING_WELCOME_DONE, "1", &error))
    g_warning ("Could not remember the welcome page: %s", error->message);
  show_page (self, "customers");
}

static void
sidebar_row_activated_cb (CrmWindow     *self,
                          GtkListBoxRow *row)
{
  show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (CrmWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
customer_saved_cb (CrmWindow         *self,
                   gint64             id,
                   gboolean           created,
                   CrmCustomerEditor *editor)
{
  g_autoptr(CrmCustomer) customer = crm_store_get_customer (crm_context_get_store (self->context), id, NULL);
  g_autofree char *title = NULL;

  if (customer == NULL)
    return;

  if (created)
    title = g_strdup_printf (_("“%s” added as %s"), crm_customer_get_name (customer), crm_customer_get_code (customer));
  else
    title = g_strdup_printf (_("“%s” saved"), crm_customer_get_name (customer));
  crm_window_add_toast (self, adw_toast_new (title));

  if (g_strcmp0 (crm_window_get_visible_page (self), "welcome") == 0)
    show_page (self, "customers");
}

static void profile_name_cb (CrmWindow *self);
static void profile_edit_cb (CrmWindow *self,
                             gint64     id);

/* The profile page is made when a customer is first opened: start-up stays light. */
static void
ensure_profile_page (CrmWindow *self)
{
  if (self->profile_page != NULL)
    return;

  self->profile_page = crm_customer_profile_new ();
  crm_customer_profile_set_context (self->profile_page, self->context);
  g_signal_connect_object (self->profile_page, "notify::customer-name", G_CALLBACK (profile_name_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->profile_page, "edit", G_CALLBACK (profile_edit_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->profile_page), "profile");
}

static gboolean
prepare_profile_cb (gpointer user_data)
{
  CrmWindow *self = user_data;

  self->prepare_profile_source = 0;
  ensure_profile_page (self);
  return G_SOURCE_REMOVE;
}

void
crm_window_show_customer (CrmWindow *self,
                          gint64     customer_id)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  ensure_profile_page (self);
  crm_customer_profile_show (self->profile_page, customer_id);
  show_page (self, "profile");
}

static void
profile_name_cb (CrmWindow *self)
{
  if (g_strcmp0 (crm_window_get_visible_page (self), "profile") == 0)
    adw_window_title_set_title (self->window_title, crm_customer_profile_get_customer_name (self->profile_page));
}

static void
profile_edit_cb (CrmWindow *self,
                 gint64     id)
{
  crm_window_edit_customer (self, id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  const char *current = crm_window_get_visible_page (self);

  if (g_strcmp0 (current, "profile") == 0 || g_strcmp0 (current, "ticket") == 0)
    {
      g_autofree char *back = g_strdup (self->back_page != NULL ? self->back_page : "customers");

      show_page (self, back);
    }
}

void
crm_window_edit_customer (CrmWindow *self,
                          gint64     customer_id)
{
  CrmCustomerEditor *editor;

  g_return_if_fail (CRM_IS_WINDOW (self));

  editor = crm_customer_editor_new (self->context, customer_id);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (customer_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  crm_window_edit_customer (CRM_WINDOW (widget), 0);
}

static void
interaction_saved_cb (CrmWindow            *self,
                      gint64                id,
                      gboolean              created,
                      CrmInteractionEditor *editor)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(CrmCustomer) customer = crm_store_get_customer (store, crm_interaction_editor_get_customer_id (editor), NULL);
  const char *name = customer != NULL ? crm_customer_get_name (customer) : "";
  g_autofree char *title = NULL;

  if (!created)
    /* Translators: %s is the customer's name */
    title = g_strdup_printf (_("Interaction with “%s” saved"), name);
  else if (crm_store_get_interaction_followup (store, id) != 0)
    /* Translators: %s is the customer's name */
    title = g_strdup_printf (_("Interaction with “%s” logged, follow-up added to the calendar"), name);
  else
    /* Translators: %s is the customer's name */
    title = g_strdup_printf (_("Interaction with “%s” logged"), name);
  crm_window_add_toast (self, adw_toast_new (title));
}

/* The "Log Interaction" form, for the customer whose profile is shown (if one is) */
static void
log_interaction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  gint64 customer_id = 0;
  CrmInteractionEditor *editor;

  if (self->profile_page != NULL && g_strcmp0 (crm_window_get_visible_page (self), "profile") == 0)
    customer_id = crm_customer_profile_get_customer_id (self->profile_page);

  editor = crm_interaction_editor_new (self->context, customer_id, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (interaction_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Opens an interaction in its form (from the timeline). */
static void
edit_interaction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  CrmInteractionEditor *editor = crm_interaction_editor_new (self->context, 0, g_variant_get_int64 (parameter));

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (interaction_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- tickets ---- */

static void
ticket_title_cb (CrmWindow *self)
{
  if (g_strcmp0 (crm_window_get_visible_page (self), "ticket") == 0)
    adw_window_title_set_title (self->window_title, crm_ticket_detail_page_get_title (self->ticket_page));
}

void
crm_window_show_ticket (CrmWindow *self,
                        gint64     ticket_id)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  ensure_ticket_page (self);
  crm_ticket_detail_page_show (self->ticket_page, ticket_id);
  show_page (self, "ticket");
}

void
crm_window_show_calendar (CrmWindow  *self,
                          const char *view)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  ensure_calendar_page (self);
  show_page (self, "calendar");
  crm_calendar_page_set_view (crm_window_get_calendar_page (self), view);
}

void
crm_window_show_overdue_followups (CrmWindow *self)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_window_show_calendar (self, "agenda");
  crm_agenda_view_set_period (self->agenda_view, CRM_AGENDA_PERIOD_OVERDUE);
}

void
crm_window_show_reminder (CrmWindow         *self,
                          const CrmReminder *reminder)
{
  static const char * const actions[] = {
    [CRM_REMINDER_ITEM_FOLLOWUP] = "win.show-followup",
    [CRM_REMINDER_ITEM_TICKET] = "win.show-ticket",
    [CRM_REMINDER_ITEM_CUSTOMER] = "win.show-customer",
  };
  AdwToast *toast;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (reminder != NULL);

  toast = adw_toast_new (reminder->summary);
  /* a reminder waits to be read; a breach stays until dismissed */
  adw_toast_set_timeout (toast, reminder->critical ? 0 : 10);
  adw_toast_set_priority (toast, reminder->critical ? ADW_TOAST_PRIORITY_HIGH : ADW_TOAST_PRIORITY_NORMAL);
  if (reminder->item_kind < G_N_ELEMENTS (actions) && actions[reminder->item_kind] != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, actions[reminder->item_kind]);
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (reminder->item_id));
    }
  else if (reminder->item_kind == CRM_REMINDER_ITEM_DAY)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.show-overdue-followups");
    }
  crm_window_add_toast (self, toast);
}

static void
show_overdue_followups_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  crm_window_show_overdue_followups (CRM_WINDOW (widget));
}

void
crm_window_show_tickets (CrmWindow  *self,
                         gint64      customer_id,
                         const char *customer_name)
{
  g_return_if_fail (CRM_IS_WINDOW (self));

  crm_tickets_page_set_customer (crm_window_get_tickets_page (self), customer_id, customer_name);
  show_page (self, "tickets");
}

static void
show_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  crm_window_show_ticket (CRM_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
show_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  crm_window_show_customer (CRM_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
ticket_saved_cb (CrmWindow       *self,
                 gint64           id,
                 gboolean         created,
                 CrmTicketEditor *editor)
{
  g_autoptr(CrmTicketDetail) detail = crm_store_load_ticket_detail (crm_context_get_store (self->context), id, NULL);
  g_autofree char *title = NULL;

  if (detail == NULL)
    return;
  if (created)
    /* Translators: after creating a ticket: "TK2026000123 created for Acme" */
    title = g_strdup_printf (_("%s created for %s"), detail->code, detail->customer_name);
  else
    /* Translators: after editing a ticket: "TK2026000123 saved" */
    title = g_strdup_printf (_("%s saved"), detail->code);
  crm_window_add_toast (self, adw_toast_new (title));
}

static void
open_ticket_editor (CrmWindow *self,
                    gint64     customer_id,
                    gint64     ticket_id)
{
  CrmTicketEditor *editor = crm_ticket_editor_new (self->context, customer_id, ticket_id);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (ticket_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* A new ticket, for the customer whose profile is shown (if one is) */
static void
new_ticket_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  gint64 customer_id = 0;

  if (self->profile_page != NULL && g_strcmp0 (crm_window_get_visible_page (self), "profile") == 0)
    customer_id = crm_customer_profile_get_customer_id (self->profile_page);
  open_ticket_editor (self, customer_id, 0);
}

static void
edit_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_ticket_editor (CRM_WINDOW (widget), 0, g_variant_get_int64 (parameter));
}

/* ---- follow-ups ---- */

static void
show_followup_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_followup_detail_present (widget, self->context, g_variant_get_int64 (parameter));
}

static void
followup_saved_cb (CrmWindow         *self,
                   gint64             id,
                   gboolean           created,
                   CrmFollowupEditor *editor)
{
  g_autoptr(CrmFollowup) followup = crm_store_get_followup (crm_context_get_store (self->context), id, NULL);
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;

  if (followup == NULL)
    return;
  when = crm_format_datetime (followup->planned_at);
  /* Translators: after planning a follow-up: "Follow-up with Acme planned for 2026-12-01 09:00" */
  title = g_strdup_printf (_("Follow-up with %s planned for %s"), followup->customer_name, when);
  crm_window_add_toast (self, adw_toast_new (title));
}

/* A new follow-up, for the customer whose profile is shown (if one is) */
static void
new_followup_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  gint64 customer_id = 0;
  CrmFollowupEditor *editor;

  if (self->profile_page != NULL && g_strcmp0 (crm_window_get_visible_page (self), "profile") == 0)
    customer_id = crm_customer_profile_get_customer_id (self->profile_page);
  editor = crm_followup_editor_new (self->context, customer_id, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (followup_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
playbook_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_playbook_run_finish (CRM_STORE (source), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The playbook's rules could not run: %s", error->message);
}

/* The playbook's rules plan the day's follow-ups, once a day, in a worker thread. */
static gboolean
run_playbook_cb (gpointer user_data)
{
  CrmWindow *self = user_data;
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GDateTime) today = crm_clock_now_local (crm_store_get_clock (store));
  g_autofree char *day = g_date_time_format (today, "%Y-%m-%d");
  g_autofree char *last = crm_store_get_setting (store, SETTING_PLAYBOOK_DAY);
  g_autoptr(GError) error = NULL;

  self->playbook_source = 0;
  if (g_strcmp0 (last, day) == 0 || !crm_store_has_customers (store))
    return G_SOURCE_REMOVE;
  if (!crm_store_set_state (store, SETTING_PLAYBOOK_DAY, day, &error))
    g_warning ("Could not remember the playbook's run: %s", error->message);
  crm_playbook_run_async (store, crm_store_now (store), self->playbook_cancellable, playbook_done_cb, NULL);
  return G_SOURCE_REMOVE;
}

/* Tickets past a deadline go to the supervisor, while the window is open. */
static gboolean
escalate_cb (gpointer user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_store_escalate_tickets (crm_context_get_store (self->context), &error) == 0 && error != NULL)
    g_warning ("Could not escalate tickets: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_escalate_cb (gpointer user_data)
{
  CrmWindow *self = user_data;

  escalate_cb (self);
  self->escalate_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, ESCALATE_SECONDS, escalate_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (!g_str_equal (crm_window_get_visible_page (self), "customers"))
    show_page (self, "customers");
  crm_customers_page_focus_search (self->customers_page);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  crm_transfer_export_csv (GTK_WINDOW (widget), CRM_WINDOW (widget)->context);
}

static void
customers_imported_cb (CrmImportDialog *dialog,
                       guint            count,
                       gpointer         user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  g_autofree char *title = g_strdup_printf (ngettext ("Imported %u customer", "Imported %u customers", count), count);

  /* the welcome page gives way by itself once there are customers */
  crm_window_add_toast (self, adw_toast_new (title));
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  crm_import_dialog_choose_and_run_full (GTK_WINDOW (widget), CRM_WINDOW (widget)->context,
                                         customers_imported_cb, widget);
}

static void
export_vcard_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  crm_transfer_export_vcard (GTK_WINDOW (widget), CRM_WINDOW (widget)->context);
}

static void
import_vcard_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  crm_transfer_import_vcard (GTK_WINDOW (widget), CRM_WINDOW (widget)->context);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  crm_transfer_backup (GTK_WINDOW (widget), CRM_WINDOW (widget)->context);
}

/* Export Calendar…: open follow-ups and ticket deadlines as an .ics file. */
static void
export_ics_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  CrmWindow *self = CRM_WINDOW (user_data);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path == NULL)
    {
      if (file != NULL)
        crm_window_add_toast (self, adw_toast_new (_("Could not export the calendar: choose a local file")));
    }
  else if (crm_ics_export (crm_context_get_store (self->context), path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      /* Translators: %s is the file name */
      g_autofree char *title = g_strdup_printf (_("Calendar exported to “%s”"), display);

      crm_window_add_toast (self, adw_toast_new (title));
    }
  else
    {
      /* Translators: %s says why (from the system or the database) */
      g_autofree char *title = g_strdup_printf (_("Could not export the calendar: %s"), error->message);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      crm_window_add_toast (self, toast);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Calendar"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "rapport.ics");
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (export_ics_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Built when asked for: GtkApplication would parse it for every window at start-up. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/rapportcrm/Rapport/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
restore_window_state (CrmWindow *self)
{
  GSettings *settings = crm_context_get_settings (self->context);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  CrmWindow *self = CRM_WINDOW (window);
  GSettings *settings = crm_context_get_settings (self->context);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

/* A database this process cannot change: the window says so, and what would
 * add to it is off (forms opened to read still say so if saved) */
static void
show_read_only (CrmWindow *self)
{
  static const char * const adding[] = {
    "win.new-customer", "win.log-interaction", "win.new-ticket", "win.new-followup",
    "win.import-csv", "win.import-vcard",
  };
  g_autofree char *name = g_filename_display_basename (crm_store_get_path (crm_context_get_store (self->context)));
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (adding); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), adding[i], FALSE);
  gtk_widget_set_sensitive (self->new_button, FALSE);

  /* Translators: %s is the database file's name */
  text = g_strdup_printf (_("“%s” is read-only: you can look through it, print and export, but not change it."),
                          name);
  gtk_label_set_label (self->read_only_label, text);
  gtk_widget_set_visible (self->read_only_bar, TRUE);
}

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);
  CrmStore *store = crm_context_get_store (self->context);

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  crm_customers_page_set_context (self->customers_page, self->context);
  crm_customers_page_set_key_capture_widget (self->customers_page, GTK_WIDGET (self));
  g_object_bind_property (self->search_button, "active",
                          self->customers_page, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  restore_window_state (self);
  update_count (self);
  update_tickets_count (self);
  show_page (self, needs_welcome (self) ? "welcome" : "customers");

  /* built once the window is up, so neither start-up nor the first opening waits for it */
  self->prepare_profile_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, prepare_profile_cb, self, NULL);
  if (crm_store_is_read_only (store))
    {
      show_read_only (self);
      return;
    }
  self->escalate_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, 3, first_escalate_cb, self, NULL);
  self->playbook_cancellable = g_cancellable_new ();
  self->playbook_source = g_timeout_add_seconds_full (G_PRIORITY_LOW, PLAYBOOK_DELAY_SECONDS, run_playbook_cb, self,
                                                      NULL);
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);

  g_clear_handle_id (&self->prepare_profile_source, g_source_remove);
  g_clear_handle_id (&self->escalate_source, g_source_remove);
  g_clear_handle_id (&self->playbook_source, g_source_remove);
  if (self->playbook_cancellable != NULL)
    g_cancellable_cancel (self->playbook_cancellable);
  g_clear_object (&self->playbook_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  self->profile_page = NULL;   /* the stack's */
  self->ticket_page = NULL;
  g_clear_pointer (&self->back_page, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;
  window_class->close_request = crm_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_CUSTOMERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, customers_row);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, timeline_row);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, tickets_row);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, tickets_count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, customers_count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, profile_back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, customers_page);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.log-interaction", NULL, log_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.edit-interaction", "x", edit_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-ticket", NULL, new_ticket_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.new-ticket", NULL);
  gtk_widget_class_install_action (widget_class, "win.edit-ticket", "x", edit_ticket_action);
  gtk_widget_class_install_action (widget_class, "win.show-ticket", "x", show_ticket_action);
  gtk_widget_class_install_action (widget_class, "win.show-customer", "x", show_customer_action);
  gtk_widget_class_install_action (widget_class, "win.show-followup", "x", show_followup_action);
  gtk_widget_class_install_action (widget_class, "win.show-overdue-followups", NULL, show_overdue_followups_action);
  gtk_widget_class_install_action (widget_class, "win.new-followup", NULL, new_followup_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-followup", NULL);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.export-ics", NULL, export_ics_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.export-vcard", NULL, export_vcard_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.import-vcard", NULL, import_vcard_action);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CrmWindow *
crm_window_new (CrmApplication *application,
                CrmContext     *context)
{
  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

CrmContext *
crm_window_get_context (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return self->context;
}

void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
crm_window_get_visible_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
crm_window_get_customers_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->customers_page);
}
