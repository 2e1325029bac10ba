/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-column"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-plain-selection.h"
#include "crm-ticket-card.h"
#include "crm-ticket-column.h"
#include "crm-ticket-list-model.h"

struct _CrmTicketColumn
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *box;
  GtkLabel          *title_label;
  GtkLabel          *count_label;
  GtkLabel          *note_label;
  GtkStack          *stack;
  GtkListView       *list_view;
  GtkLabel          *empty_label;

  /* owned */
  CrmContext        *context;
  CrmPagedModel     *model;
  CrmPlainSelection *selection;
  CrmTicketStatus    status;
};

G_DEFINE_FINAL_TYPE (CrmTicketColumn, crm_ticket_column, GTK_TYPE_WIDGET)

enum {
  MOVE_TICKET,
  OPEN_TICKET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now (CrmTicketColumn *self)
{
  return crm_store_now (crm_context_get_store (self->context));
}

/* ---- the card menu ---- */

static GMenuModel *
menu_for (CrmTicketColumn *self,
          CrmTicket       *ticket)
{
  GMenu *menu = g_menu_new ();
  GMenu *open = g_menu_new ();
  GMenu *move = g_menu_new ();
  gint64 id = crm_ticket_get_id (ticket);
  CrmTicketStatus current = crm_ticket_get_status (ticket);
  g_autoptr(GMenuItem) open_item = g_menu_item_new (_("_Open"), NULL);

  g_menu_item_set_action_and_target_value (open_item, "tickets.open", g_variant_new_int64 (id));
  g_menu_append_item (open, open_item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));

  for (CrmTicketStatus s = 0; s < CRM_N_TICKET_STATUSES; s++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (s == current)
        continue;
      /* only a resolved ticket can be closed; resolving asks for the resolution */
      if (s == CRM_TICKET_CLOSED && current != CRM_TICKET_RESOLVED)
        continue;
      label = s == CRM_TICKET_RESOLVED
              /* Translators: a menu item on a ticket card that opens the resolution form */
              ? g_strdup (_("Resolve…"))
              /* Translators: a menu item on a ticket card: "Move to In Progress" */
              : g_strdup_printf (_("Move to %s"), crm_ticket_status_to_string (s));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "tickets.move", g_variant_new ("(xi)", id, (gint32) s));
      g_menu_append_item (move, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
  g_object_unref (open);
  g_object_unref (move);
  return G_MENU_MODEL (menu);
}

static void
popup_for_card (CrmTicketColumn *self,
                CrmTicketCard   *card,
                double           x,
                double           y)
{
  CrmTicket *ticket = crm_ticket_card_get_ticket (card);
  g_autoptr(GMenuModel) model = NULL;
  GtkWidget *popover;
  graphene_rect_t bounds;
  GdkRectangle rect;

  if (ticket == NULL)
    return;

  model = menu_for (self, ticket);
  popover = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), x < 0);
  if (gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (self), &bounds))
    {
      if (x < 0)
        rect = (GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                (int) bounds.size.width, (int) bounds.size.height };
      else
        rect = (GdkRectangle) { (int) (bounds.origin.x + x), (int) (bounds.origin.y + y), 1, 1 };
      gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
    }
  /* gone when closed */
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
card_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 CrmTicketColumn *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_for_card (self, CRM_TICKET_CARD (card), x, y);
}

/* The cards the list view shows now (its rows' children). */
static GPtrArray *
shown_cards (CrmTicketColumn *self)
{
  GPtrArray *cards = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
      if (CRM_IS_TICKET_CARD (child) && crm_ticket_card_get_ticket (CRM_TICKET_CARD (child)) != NULL)
        g_ptr_array_add (cards, child);
  return cards;
}

static CrmTicketCard *
card_showing (CrmTicketColumn *self,
              gint64           ticket_id)
{
  g_autoptr(GPtrArray) cards = shown_cards (self);

  for (guint i = 0; i < cards->len; i++)
    {
      CrmTicket *ticket = crm_ticket_card_get_ticket (cards->pdata[i]);

      if (crm_ticket_get_id (ticket) == ticket_id && gtk_widget_get_mapped (cards->pdata[i]))
        return cards->pdata[i];
    }
  return NULL;
}

void
crm_ticket_column_popup_menu (CrmTicketColumn *self)
{
  CrmTicketCard *card;

  g_return_if_fail (CRM_IS_TICKET_COLUMN (self));

  card = card_showing (self, crm_ticket_column_get_selected (self));
  if (card != NULL)
    popup_for_card (self, card, -1, -1);
}

static gboolean
popup_menu_shortcut_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  crm_ticket_column_popup_menu (CRM_TICKET_COLUMN (user_data));
  return TRUE;
}

/* ---- dragging ---- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource   *source,
                 double           x,
                 double           y,
                 CrmTicketColumn *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  CrmTicket *ticket = crm_ticket_card_get_ticket (CRM_TICKET_CARD (card));

  if (ticket == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, crm_ticket_get_id (ticket));
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (card);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         CrmTicketColumn *self)
{
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  g_signal_emit (self, signals[MOVE_TICKET], 0, g_value_get_int64 (value), (int) self->status);
  return TRUE;
}

/* ---- the list ---- */

static void
setup_card_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CrmTicketColumn          *self)
{
  GtkWidget *card = crm_ticket_card_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), NULL);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (card_pressed_cb), self);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (item, card);
}

static void
bind_card_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CrmTicketColumn          *self)
{
  crm_ticket_card_set_ticket (CRM_TICKET_CARD (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item), now (self));
}

static void
activate_cb (CrmTicketColumn *self,
             guint            position)
{
  g_autoptr(CrmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (ticket != NULL)
    g_signal_emit (self, signals[OPEN_TICKET], 0, crm_ticket_get_id (ticket));
}

static void
update_count (CrmTicketColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = crm_format_count (n);
  /* Translators: how many tickets a board column holds, for screen readers: "New: 12 tickets" */
  g_autofree char *description = g_strdup_printf (ngettext ("%s: %s ticket", "%s: %s tickets", n),
                                                  crm_ticket_status_to_string (self->status), number);

  gtk_label_set_label (self->count_label, number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

void
crm_ticket_column_update_clocks (CrmTicketColumn *self)
{
  g_autoptr(GPtrArray) cards = NULL;
  gint64 t;

  g_return_if_fail (CRM_IS_TICKET_COLUMN (self));

  cards = shown_cards (self);
  t = now (self);
  for (guint i = 0; i < cards->len; i++)
    crm_ticket_card_update_clock (cards->pdata[i], t);
}

gint64
crm_ticket_column_get_selected (CrmTicketColumn *self)
{
  g_autoptr(CrmTicket) ticket = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_COLUMN (self), 0);

  ticket = crm_plain_selection_get_selected_item (self->selection);
  return ticket != NULL ? crm_ticket_get_id (ticket) : 0;
}

gboolean
crm_ticket_column_focus_ticket (CrmTicketColumn *self,
                                gint64           ticket_id)
{
  guint n;

  g_return_val_if_fail (CRM_IS_TICKET_COLUMN (self), FALSE);

  /* the cards near the top: a moved ticket lands among the most urgent or the latest */
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->model)), CRM_PAGED_MODEL_PAGE_SIZE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (ticket != NULL && crm_ticket_get_id (ticket) == ticket_id)
        {
          crm_plain_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
          return TRUE;
        }
    }
  return FALSE;
}

CrmTicketStatus
crm_ticket_column_get_status (CrmTicketColumn *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COLUMN (self), 0);
  return self->status;
}

CrmPagedModel *
crm_ticket_column_get_model (CrmTicketColumn *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_COLUMN (self), NULL);
  return self->model;
}

CrmTicketColumn *
crm_ticket_column_new (CrmContext      *context,
                       CrmPagedModel   *model,
                       CrmTicketStatus  status)
{
  CrmTicketColumn *self = g_object_new (CRM_TYPE_TICKET_COLUMN, NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  static const char *empty[] = {
    [CRM_TICKET_NEW] = N_("No new tickets"),
    [CRM_TICKET_IN_PROGRESS] = N_("Nothing in progress"),
    [CRM_TICKET_WAITING] = N_("Nobody is waiting on a customer"),
    [CRM_TICKET_RESOLVED] = N_("No solved tickets awaiting closing"),
    [CRM_TICKET_CLOSED] = N_("No tickets closed lately"),
  };

  self->context = g_object_ref (context);
  self->model = g_object_ref (model);
  self->status = status;
  self->selection = crm_plain_selection_new (g_object_ref (G_LIST_MODEL (model)));

  gtk_label_set_label (self->title_label, crm_ticket_status_to_string (status));
  gtk_label_set_label (self->empty_label, _(empty[status]));
  if (status == CRM_TICKET_CLOSED)
    {
      /* Translators: under the Closed column's title */
      g_autofree char *note = g_strdup_printf (ngettext ("The last %d day; search for older ones",
                                                         "The last %d days; search for older ones",
                                                         CRM_TICKET_CLOSED_DAYS),
                                               CRM_TICKET_CLOSED_DAYS);

      gtk_label_set_label (self->note_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
    }

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (self->box, GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (model, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  update_count (self);
  return self;
}

static void
crm_ticket_column_dispose (GObject *object)
{
  CrmTicketColumn *self = CRM_TICKET_COLUMN (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_COLUMN);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_ticket_column_parent_class)->dispose (object);
}

static void
crm_ticket_column_class_init (CrmTicketColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_column_dispose;

  signals[MOVE_TICKET] = g_signal_new ("move-ticket", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);
  signals[OPEN_TICKET] = g_signal_new ("open-ticket", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-ticket-column.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketColumn, box);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketColumn, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketColumn, note_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketColumn, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketColumn, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
crm_ticket_column_init (CrmTicketColumn *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutAction *action;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* the card menu from the keyboard */
  action = gtk_callback_action_new (popup_menu_shortcut_cb, self, NULL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0)),
                                                          action));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
}
