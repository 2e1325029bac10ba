/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tickets-page"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-customer-search.h"
#include "crm-store-customers.h"
#include "crm-store-tickets.h"
#include "crm-ticket-list-model.h"
#include "crm-ticket-resolve.h"
#include "crm-tickets-page.h"
#include "crm-window.h"

/* How often the cards' clocks move on while the board is shown. */
#define CLOCK_SECONDS 30

struct _CrmTicketsPage
{
  AdwBin           parent_instance;

  /* template widgets */
  GtkSearchEntry  *search_entry;
  GtkDropDown     *level_dropdown;
  GtkDropDown     *category_dropdown;
  GtkDropDown     *assignee_dropdown;
  GtkToggleButton *breached_button;
  GtkMenuButton   *customer_button;
  GtkPopover      *customer_popover;
  AdwEntryRow     *customer_entry;
  GtkLabel        *customer_code_label;
  GtkBox          *customer_chip;
  GtkLabel        *customer_chip_label;
  GtkBox          *columns_box;

  /* owned */
  CrmContext      *context;
  CrmCustomerSearch *customer_search;
  CrmTicketColumn *columns[CRM_N_TICKET_STATUSES];
  GArray          *assignee_ids;   /* gint64, index 0 = anyone */
  gint64           customer_id;
  guint            clock_source;
  gboolean         reloading_choices;
};

G_DEFINE_FINAL_TYPE (CrmTicketsPage, crm_tickets_page, ADW_TYPE_BIN)

static void
add_toast (CrmTicketsPage *self,
           const char     *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CRM_TYPE_WINDOW);

  if (window != NULL)
    crm_window_add_toast (CRM_WINDOW (window), adw_toast_new (title));
}

/* ---- filters ---- */

static void
apply_filter (CrmTicketsPage *self)
{
  CrmTicketFilter filter = CRM_TICKET_FILTER_INIT;
  guint level = gtk_drop_down_get_selected (self->level_dropdown);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  guint assignee = gtk_drop_down_get_selected (self->assignee_dropdown);

  filter.customer_id = self->customer_id;
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (*filter.text == '\0')
    filter.text = NULL;
  filter.level = level >= 1 && level <= 3 ? (int) level : 0;
  filter.category = category > 0 && category <= CRM_N_TICKET_CATEGORIES ? (int) category - 1 : -1;
  filter.assignee_id = assignee > 0 && assignee < self->assignee_ids->len
                       ? g_array_index (self->assignee_ids, gint64, assignee) : 0;
  filter.breached_only = gtk_toggle_button_get_active (self->breached_button);

  for (guint i = 0; i < CRM_N_TICKET_STATUSES; i++)
    if (self->columns[i] != NULL)
      crm_ticket_list_model_set_filter (crm_ticket_column_get_model (self->columns[i]), &filter);
}

static void
filters_changed_cb (CrmTicketsPage *self)
{
  if (!self->reloading_choices)
    apply_filter (self);
}

static void
clear_customer_cb (CrmTicketsPage *self)
{
  crm_tickets_page_set_customer (self, 0, NULL);
}

void
crm_tickets_page_set_customer (CrmTicketsPage *self,
                               gint64          customer_id,
                               const char     *customer_name)
{
  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));

  self->customer_id = customer_id;
  {
    /* Translators: above a board narrowed to one customer */
    g_autofree char *text = g_strdup_printf (_("Only %s"), customer_name != NULL ? customer_name : "");

    gtk_label_set_label (self->customer_chip_label, text);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->customer_chip), customer_id > 0);
  if (customer_id > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->customer_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->customer_button), "accent");
  apply_filter (self);
}

/* A customer chosen in the filter's search narrows the board to it. */
static void
customer_chosen_cb (CrmTicketsPage *self)
{
  CrmCustomer *customer = crm_customer_search_get_customer (self->customer_search);

  if (customer == NULL)
    return;
  crm_tickets_page_set_customer (self, crm_customer_get_id (customer), crm_customer_get_name (customer));
  gtk_popover_popdown (self->customer_popover);
}

/* The search is made on first use: it follows the focus of the window the page is in. */
static void
customer_popover_shown_cb (CrmTicketsPage *self)
{
  if (self->customer_search == NULL)
    {
      self->customer_search = crm_customer_search_new (crm_context_get_store (self->context), self->customer_entry,
                                                       self->customer_code_label, GTK_WIDGET (self->customer_entry));
      g_signal_connect_object (self->customer_search, "changed", G_CALLBACK (customer_chosen_cb), self,
                               G_CONNECT_SWAPPED);
    }
  crm_customer_search_set_customer (self->customer_search, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_entry));
}

static GtkStringList *
strings_for (GtkDropDown *dropdown)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  g_object_unref (list);
  return list;
}

static void
reload_assignees (CrmTicketsPage *self)
{
  g_autoptr(GPtrArray) members = crm_store_list_team_members (crm_context_get_store (self->context));
  GtkStringList *names;
  gint64 anyone = 0;

  self->reloading_choices = TRUE;
  names = strings_for (self->assignee_dropdown);
  g_array_set_size (self->assignee_ids, 0);
  g_array_append_val (self->assignee_ids, anyone);
  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = crm_team_member_get_id (members->pdata[i]);

      g_array_append_val (self->assignee_ids, id);
      gtk_string_list_append (names, crm_team_member_get_name (members->pdata[i]));
    }
  self->reloading_choices = FALSE;
}

/* ---- moving ---- */

static void
moved (CrmTicketsPage  *self,
       gint64           ticket_id,
       CrmTicketStatus  status)
{
  /* the keyboard stays with the card in its new column */
  if (self->columns[status] != NULL)
    crm_ticket_column_focus_ticket (self->columns[status], ticket_id);
}

static void
resolved_cb (gpointer owner,
             gint64   ticket_id,
             gint64   followup_id)
{
  CrmTicketsPage *self = owner;

  moved (self, ticket_id, CRM_TICKET_RESOLVED);
}

void
crm_tickets_page_move_ticket (CrmTicketsPage  *self,
                              gint64           ticket_id,
                              CrmTicketStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_TICKETS_PAGE (self));

  if (status == CRM_TICKET_RESOLVED)
    {
      g_autoptr(CrmTicketDetail) detail = crm_store_load_ticket_detail (crm_context_get_store (self->context),
                                                                        ticket_id, NULL);

      if (detail != NULL && detail->status != CRM_TICKET_RESOLVED)
        crm_ticket_resolve_ask (GTK_WIDGET (self), self->context, ticket_id, resolved_cb, self);
      return;
    }
  if (!crm_store_move_ticket (crm_context_get_store (self->context), ticket_id, status, NULL, &error))
    {
      add_toast (self, error->message);
      return;
    }
  moved (self, ticket_id, status);
}

static void
column_move_cb (CrmTicketsPage  *self,
                gint64           ticket_id,
                int              status,
                CrmTicketColumn *column)
{
  crm_tickets_page_move_ticket (self, ticket_id, (CrmTicketStatus) status);
}

static void
column_open_cb (CrmTicketsPage  *self,
                gint64           ticket_id,
                CrmTicketColumn *column)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-ticket", "x", ticket_id);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gint64 ticket_id;
  gint32 status;

  g_variant_get (parameter, "(xi)", &ticket_id, &status);
  if (status >= 0 && status < CRM_N_TICKET_STATUSES)
    crm_tickets_page_move_ticket (CRM_TICKETS_PAGE (widget), ticket_id, (CrmTicketStatus) status);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.show-ticket", "x", g_variant_get_int64 (parameter));
}

/* ---- clocks ---- */

static gboolean
clock_tick_cb (gpointer user_data)
{
  CrmTicketsPage *self = user_data;

  for (guint i = 0; i < CRM_N_TICKET_STATUSES; i++)
    crm_ticket_column_update_clocks (self->columns[i]);
  return G_SOURCE_CONTINUE;
}

static void
crm_tickets_page_map (GtkWidget *widget)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (widget);

  GTK_WIDGET_CLASS (crm_tickets_page_parent_class)->map (widget);
  clock_tick_cb (self);
  if (self->clock_source == 0)
    self->clock_source = g_timeout_add_seconds (CLOCK_SECONDS, clock_tick_cb, self);
}

static void
crm_tickets_page_unmap (GtkWidget *widget)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (widget);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  GTK_WIDGET_CLASS (crm_tickets_page_parent_class)->unmap (widget);
}

static void
store_changed_cb (CrmTicketsPage *self,
                  int             kind)
{
  if (kind == CRM_CHANGE_TEAM || kind == CRM_CHANGE_ALL)
    {
      reload_assignees (self);
      apply_filter (self);
    }
}

/* ---- object ---- */

CrmTicketsPage *
crm_tickets_page_new (CrmContext *context)
{
  CrmTicketsPage *self = g_object_new (CRM_TYPE_TICKETS_PAGE, NULL);
  CrmStore *store = crm_context_get_store (context);

  self->context = g_object_ref (context);
  for (CrmTicketStatus s = 0; s < CRM_N_TICKET_STATUSES; s++)
    {
      g_autoptr(CrmPagedModel) model = crm_ticket_list_model_new (store, s);

      self->columns[s] = crm_ticket_column_new (context, model, s);
      g_signal_connect_object (self->columns[s], "move-ticket", G_CALLBACK (column_move_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->columns[s], "open-ticket", G_CALLBACK (column_open_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->columns_box, GTK_WIDGET (self->columns[s]));
    }
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customer_popover, "show", G_CALLBACK (customer_popover_shown_cb), self,
                           G_CONNECT_SWAPPED);
  reload_assignees (self);
  apply_filter (self);
  return self;
}

CrmTicketColumn *
crm_tickets_page_get_column (CrmTicketsPage  *self,
                             CrmTicketStatus  status)
{
  g_return_val_if_fail (CRM_IS_TICKETS_PAGE (self), NULL);
  g_return_val_if_fail (status < CRM_N_TICKET_STATUSES, NULL);
  return self->columns[status];
}

static void
crm_tickets_page_dispose (GObject *object)
{
  CrmTicketsPage *self = CRM_TICKETS_PAGE (object);

  g_clear_handle_id (&self->clock_source, g_source_remove);
  g_clear_object (&self->customer_search);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKETS_PAGE);
  memset (self->columns, 0, sizeof self->columns);   /* the box's */
  g_clear_object (&self->context);
  g_clear_pointer (&self->assignee_ids, g_array_unref);

  G_OBJECT_CLASS (crm_tickets_page_parent_class)->dispose (object);
}

static void
crm_tickets_page_class_init (CrmTicketsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_tickets_page_dispose;
  widget_class->map = crm_tickets_page_map;
  widget_class->unmap = crm_tickets_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-tickets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, assignee_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, breached_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, customer_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, customer_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, customer_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, customer_code_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, customer_chip);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, customer_chip_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketsPage, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_customer_cb);

  gtk_widget_class_install_action (widget_class, "tickets.move", "(xi)", move_action);
  gtk_widget_class_install_action (widget_class, "tickets.open", "x", open_action);
}

static void
crm_tickets_page_init (CrmTicketsPage *self)
{
  GtkStringList *list;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->assignee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->reloading_choices = TRUE;
  list = strings_for (self->level_dropdown);
  gtk_string_list_append (list, _("All Levels"));
  for (int level = 1; level <= 3; level++)
    gtk_string_list_append (list, crm_ticket_level_to_string (level));

  list = strings_for (self->category_dropdown);
  gtk_string_list_append (list, _("All Categories"));
  for (CrmTicketCategory c = 0; c < CRM_N_TICKET_CATEGORIES; c++)
    gtk_string_list_append (list, crm_ticket_category_to_string (c));
  self->reloading_choices = FALSE;
}
