/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customers-page"

#include <glib/gi18n.h>

#include "crm-customer-list-model.h"
#include "crm-customers-page.h"
#include "crm-format.h"
#include "crm-plain-selection.h"
#include "crm-health.h"
#include "crm-store-customers.h"
#include "crm-window.h"

struct _CrmCustomersPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *tier_dropdown;
  GtkDropDown         *owner_dropdown;
  GtkToggleButton     *at_risk_button;
  GtkLabel            *count_label;
  GtkStack            *stack;
  AdwStatusPage       *no_results_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *tier_column;
  GtkColumnViewColumn *health_column;
  GtkColumnViewColumn *risk_column;
  GtkColumnViewColumn *owner_column;
  GtkColumnViewColumn *last_contact_column;

  /* owned */
  GtkPopoverMenu      *context_menu;   /* parented to the page */
  CrmContext          *context;
  CrmPagedModel       *model;
  GtkSliceListModel   *slice;
  CrmPlainSelection   *selection;
  GtkStringList       *owner_names;
  GArray              *owner_ids;     /* gint64, parallel to owner_names; 0 = all */

  gboolean             search_mode;
  gboolean             updating_owners;
};

G_DEFINE_FINAL_TYPE (CrmCustomersPage, crm_customers_page, ADW_TYPE_BIN)

/* Rows built for the first frame: what fits in the window (rows are at least
 * this tall), never fewer than FIRST_FRAME_ROWS. */
#define FIRST_FRAME_ROWS 16
#define MIN_ROW_HEIGHT 40

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- cells ---- */

static CrmCustomer *
item_customer (GtkListItem *item)
{
  gpointer customer = gtk_list_item_get_item (item);

  return CRM_IS_CUSTOMER (customer) ? customer : NULL;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_list_item_set_child (item, label);
}

static void
bind_code_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CrmCustomer *customer = item_customer (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       customer ? crm_customer_get_code (customer) : "");
}

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CrmCustomer *customer = item_customer (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  const char *industry;
  g_autofree char *text = NULL;

  if (customer == NULL)
    return;

  industry = crm_customer_get_industry (customer);
  if (crm_customer_get_do_not_contact (customer))
    text = industry != NULL
           /* Translators: industry · do not contact */
           ? g_strdup_printf (_("%s · Do not contact"), industry)
           : g_strdup (_("Do not contact"));
  else
    text = g_strdup (industry != NULL ? industry : crm_customer_kind_to_string (crm_customer_get_kind (customer)));

  gtk_label_set_label (GTK_LABEL (name), crm_customer_get_name (customer));
  gtk_label_set_label (GTK_LABEL (detail), text);
}

static void
setup_tier_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "tier-badge");
  gtk_list_item_set_child (item, label);
}

static void
bind_tier_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  static const char *classes[] = { "vip", "normal", "potential" };
  CrmCustomer *customer = item_customer (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  CrmTier tier;

  if (customer == NULL)
    return;

  tier = crm_customer_get_tier (customer);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  if (tier < G_N_ELEMENTS (classes))
    gtk_widget_add_css_class (label, classes[tier]);
  gtk_label_set_label (GTK_LABEL (label), crm_tier_to_string (tier));
}

static void
bind_health_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  CrmCustomer *customer = item_customer (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  int score;
  g_autofree char *text = NULL;

  if (customer == NULL)
    return;

  score = crm_customer_get_health_score (customer);
  text = score >= 0 ? g_strdup_printf ("%d", score) : g_strdup ("—");
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
bind_risk_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  static const char *classes[] = { NULL, "low", "medium", "high" };
  CrmCustomer *customer = item_customer (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  int risk;

  if (customer == NULL)
    return;

  risk = CLAMP (crm_customer_get_risk (customer), 0, 3);
  for (guint i = 1; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  if (classes[risk] != NULL)
    gtk_widget_add_css_class (label, classes[risk]);
  /* no risk: nothing to point out */
  gtk_label_set_label (GTK_LABEL (label), risk > 0 ? crm_risk_to_string (risk) : "");
}

static void
bind_owner_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  CrmCustomer *customer = item_customer (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *owner = customer ? crm_customer_get_owner_name (customer) : NULL;

  gtk_label_set_label (GTK_LABEL (label), owner != NULL ? owner : C_("owner", "Unassigned"));
  if (owner == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
bind_last_contact_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CrmCustomersPage         *self)
{
  CrmCustomer *customer = item_customer (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *text = NULL;

  if (customer == NULL || self->context == NULL)
    return;

  now = crm_clock_now_local (crm_context_get_clock (self->context));
  text = crm_format_last_contact (crm_customer_get_last_contact_at (customer), now);
  gtk_label_set_label (GTK_LABEL (label), text);
}

/* Each cell knows its list item, so the context menu finds the row under the pointer. */
static void
remember_item_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "list-item", item);
}

static void
set_factory (GtkColumnViewColumn *column,
             GCallback            setup,
             gpointer             setup_data,
             GCallback            bind,
             gpointer             bind_data)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, setup_data);
  g_signal_connect_after (factory, "setup", G_CALLBACK (remember_item_cb), NULL);
  g_signal_connect (factory, "bind", bind, bind_data);
  gtk_column_view_column_set_factory (column, factory);
}

/* ---- filters ---- */

static void
update_state (CrmCustomersPage *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *text = NULL;
  gboolean searching = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
  gboolean filtered = gtk_drop_down_get_selected (self->tier_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->owner_dropdown) > 0 ||
                      gtk_toggle_button_get_active (self->at_risk_button) || searching;

  if (self->model != NULL && crm_paged_model_is_truncated (self->model))
    text = g_strdup_printf (_("First %u matches — type more to narrow the search"), n);
  else
    {
      g_autofree char *number = crm_format_count (n);

      /* Translators: %s is a number with thousands separators, "100,000 customers" */
      text = g_strdup_printf (ngettext ("%s customer", "%s customers", n), number);
    }
  /* a large import's customers are not found until their search terms are made */
  if (searching && self->context != NULL && crm_context_get_indexing (self->context))
    {
      /* Translators: the customer count, then a note while a large import's customers are made searchable */
      g_autofree char *with_note = g_strdup_printf (_("%s · adding imported customers to search…"), text);

      g_free (text);
      text = g_steal_pointer (&with_note);
      adw_status_page_set_description (self->no_results_page,
                                       _("Customers imported a moment ago are still being added to search. "
                                         "They appear here in a few seconds."));
    }
  else
    adw_status_page_set_description (self->no_results_page,
                                     _("Try another name, customer code, phone number or e-mail address, or clear "
                                       "the filters."));
  gtk_label_set_label (self->count_label, text);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    gtk_stack_set_visible_child_name (self->stack, filtered ? "no-results" : "empty");
}

static void
apply_filter (CrmCustomersPage *self)
{
  CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;
  guint tier = gtk_drop_down_get_selected (self->tier_dropdown);
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);

  if (self->model == NULL || self->updating_owners)
    return;

  filter.search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter.tier = tier > 0 && tier != GTK_INVALID_LIST_POSITION ? (int) tier - 1 : -1;
  filter.owner_id = owner > 0 && owner < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner) : 0;
  filter.at_risk = gtk_toggle_button_get_active (self->at_risk_button);

  crm_customer_list_model_set_filter (self->model, &filter);
}

static void
search_changed_cb (CrmCustomersPage *self)
{
  apply_filter (self);
}

static void
stop_search_cb (CrmCustomersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
filters_changed_cb (CrmCustomersPage *self)
{
  apply_filter (self);
}

static void
reload_owners (CrmCustomersPage *self)
{
  g_autoptr(GPtrArray) members = crm_store_list_team_members (crm_context_get_store (self->context));
  gint64 selected_id = 0;
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);
  guint new_selected = 0;
  gint64 all = 0;

  if (selected > 0 && selected < self->owner_ids->len)
    selected_id = g_array_index (self->owner_ids, gint64, selected);

  self->updating_owners = TRUE;
  g_array_set_size (self->owner_ids, 0);
  g_array_append_val (self->owner_ids, all);
  gtk_string_list_splice (self->owner_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->owner_names)), NULL);
  gtk_string_list_append (self->owner_names, _("All Owners"));

  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = crm_team_member_get_id (members->pdata[i]);

      g_array_append_val (self->owner_ids, id);
      gtk_string_list_append (self->owner_names, crm_team_member_get_name (members->pdata[i]));
      if (id == selected_id)
        new_selected = i + 1;
    }
  gtk_drop_down_set_selected (self->owner_dropdown, new_selected);
  self->updating_owners = FALSE;
}

static void
store_changed_cb (CrmCustomersPage *self,
                  int               kind,
                  gint64            id,
                  CrmStore         *store)
{
  if (kind == CRM_CHANGE_TEAM || kind == CRM_CHANGE_ALL)
    {
      reload_owners (self);
      apply_filter (self);
    }
}

static void
items_changed_cb (CrmCustomersPage *self)
{
  update_state (self);
}

/* ---- actions ---- */

static CrmWindow *
get_window (CrmCustomersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return CRM_IS_WINDOW (root) ? CRM_WINDOW (root) : NULL;
}

static void
row_activated_cb (CrmCustomersPage *self,
                  guint             position)
{
  g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  CrmWindow *window = get_window (self);

  if (customer != NULL && window != NULL)
    crm_window_show_customer (window, crm_customer_get_id (customer));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmWindow *window = get_window (CRM_CUSTOMERS_PAGE (widget));

  if (window != NULL)
    crm_window_show_customer (window, g_variant_get_int64 (parameter));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmWindow *window = get_window (CRM_CUSTOMERS_PAGE (widget));

  if (window != NULL)
    crm_window_edit_customer (window, g_variant_get_int64 (parameter));
}

static void
set_archived (CrmCustomersPage *self,
              gint64            id,
              gboolean          archived);

static void
undo_archive_cb (AdwToast         *toast,
                 CrmCustomersPage *self)
{
  set_archived (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "customer-id")) , FALSE);
}

static void
set_archived (CrmCustomersPage *self,
              gint64            id,
              gboolean          archived)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_store_get_customer (store, id, NULL);
  CrmWindow *window = get_window (self);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (customer == NULL)
    return;

  if (!crm_store_set_customer_archived (store, id, archived, &error))
    {
      title = g_strdup_printf (_("Could not archive “%s”: %s"), crm_customer_get_name (customer), error->message);
      toast = adw_toast_new (title);
    }
  else if (archived)
    {
      title = g_strdup_printf (_("“%s” archived"), crm_customer_get_name (customer));
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data (G_OBJECT (toast), "customer-id", GSIZE_TO_POINTER ((gsize) id));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_archive_cb), self, 0);
    }
  else
    {
      title = g_strdup_printf (_("“%s” restored"), crm_customer_get_name (customer));
      toast = adw_toast_new (title);
    }

  if (window != NULL)
    crm_window_add_toast (window, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_archived (CRM_CUSTOMERS_PAGE (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
archive_selected_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);
  g_autoptr(CrmCustomer) customer = crm_plain_selection_get_selected_item (self->selection);

  if (CRM_IS_CUSTOMER (customer))
    set_archived (self, crm_customer_get_id (customer), TRUE);
}

/* ---- context menu ---- */

static void
popup_menu_for (CrmCustomersPage *self,
                CrmCustomer      *customer,
                double            x,
                double            y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) archive = g_menu_item_new (_("_Archive"), NULL);
  gint64 id = crm_customer_get_id (customer);
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  g_menu_item_set_action_and_target_value (open, "customers.open", g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (edit, "customers.edit", g_variant_new_int64 (id));
  g_menu_append_item (menu, open);
  g_menu_item_set_action_and_target_value (archive, "customers.archive", g_variant_new_int64 (id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, archive);
  gtk_popover_menu_set_menu_model (self->context_menu, G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
context_click_cb (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  CrmCustomersPage *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  GtkListItem *item = NULL;
  double px, py;

  for (GtkWidget *w = picked; w != NULL && item == NULL; w = gtk_widget_get_parent (w))
    item = g_object_get_data (G_OBJECT (w), "list-item");
  if (item == NULL || !CRM_IS_CUSTOMER (gtk_list_item_get_item (item)))
    return;

  crm_plain_selection_set_selected (self->selection, gtk_list_item_get_position (item));
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->column_view), GTK_WIDGET (self), x, y, &px, &py))
    px = x, py = y;
  popup_menu_for (self, gtk_list_item_get_item (item), px, py);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The first cell of the selected row on screen, if any */
static GtkWidget *
find_selected_cell (GtkWidget *widget)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "list-item");

  if (item != NULL && gtk_list_item_get_selected (item) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_selected_cell (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
menu_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);
  g_autoptr(CrmCustomer) customer = crm_plain_selection_get_selected_item (self->selection);
  GtkWidget *cell = find_selected_cell (GTK_WIDGET (self->column_view));
  graphene_rect_t bounds;
  double x = 48, y = 48;

  if (!CRM_IS_CUSTOMER (customer))
    return;

  if (gtk_widget_compute_bounds (GTK_WIDGET (self->column_view), widget, &bounds))
    {
      x = bounds.origin.x + 160;
      y = bounds.origin.y + 48;
    }

  /* on the selected row when it is on screen, else over the top of the list */
  if (cell != NULL && gtk_widget_compute_bounds (cell, widget, &bounds))
    {
      x = bounds.origin.x + 48;
      y = bounds.origin.y + bounds.size.height / 2;
    }
  popup_menu_for (self, customer, x, y);
}

static void
after_first_paint_cb (GdkFrameClock    *clock,
                      CrmCustomersPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static void
column_view_realize_cb (CrmCustomersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;
  guint rows;

  if (!GTK_IS_WINDOW (root) || gtk_slice_list_model_get_size (self->slice) == G_MAXUINT)
    return;

  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (gtk_window_is_maximized (GTK_WINDOW (root)) || height <= 0)
    height = 2160;
  rows = MAX (FIRST_FRAME_ROWS, (guint) height / MIN_ROW_HEIGHT + 1);
  gtk_slice_list_model_set_size (self->slice, rows);
}

static void
column_view_map_cb (CrmCustomersPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));

  if (clock == NULL || gtk_slice_list_model_get_size (self->slice) == G_MAXUINT)
    return;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_first_paint_cb), self, 0);
}

/* ---- object ---- */

static void
crm_customers_page_dispose (GObject *object)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);

  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->context_menu));
      self->context_menu = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->model);
  g_clear_object (&self->owner_names);
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_array_unref);

  G_OBJECT_CLASS (crm_customers_page_parent_class)->dispose (object);
}

/* A popover parented to a widget is placed by that widget's allocation */
static void
crm_customers_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (widget);

  GTK_WIDGET_CLASS (crm_customers_page_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
}

static void
crm_customers_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, self->search_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customers_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      if (self->search_mode != g_value_get_boolean (value))
        {
          self->search_mode = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customers_page_class_init (CrmCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customers_page_dispose;
  object_class->get_property = crm_customers_page_get_property;
  object_class->set_property = crm_customers_page_set_property;
  widget_class->size_allocate = crm_customers_page_size_allocate;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, tier_column);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, health_column);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, risk_column);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, at_risk_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, owner_column);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, last_contact_column);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "customers.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "customers.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "customers.archive", "x", archive_action);
  gtk_widget_class_install_action (widget_class, "customers.archive-selected", NULL, archive_selected_action);
  gtk_widget_class_install_action (widget_class, "customers.menu", NULL, menu_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "customers.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "customers.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "customers.archive-selected", NULL);
}

static void
crm_customers_page_init (CrmCustomersPage *self)
{
  g_autoptr(GtkStringList) tiers = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the entry is in a clamp, not the bar's child: typing into the window finds it only so */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self, "search-mode", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  tiers = gtk_string_list_new (NULL);
  gtk_string_list_append (tiers, _("All Tiers"));
  for (CrmTier t = 0; t < CRM_N_TIERS; t++)
    gtk_string_list_append (tiers, crm_tier_to_string (t));
  gtk_drop_down_set_model (self->tier_dropdown, G_LIST_MODEL (tiers));

  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));

  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
    g_signal_connect (click, "pressed", G_CALLBACK (context_click_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));
  }

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->owner_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owner_names));
  gtk_drop_down_set_expression (self->owner_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  /* Factories are made here: ones declared in a .blp get no setup/bind on GTK 4.8 */
  set_factory (self->code_column, G_CALLBACK (setup_label_cb), "customer-code", G_CALLBACK (bind_code_cb), NULL);
  set_factory (self->name_column, G_CALLBACK (setup_name_cb), NULL, G_CALLBACK (bind_name_cb), NULL);
  set_factory (self->tier_column, G_CALLBACK (setup_tier_cb), NULL, G_CALLBACK (bind_tier_cb), NULL);
  set_factory (self->health_column, G_CALLBACK (setup_label_cb), "numeric", G_CALLBACK (bind_health_cb), NULL);
  set_factory (self->risk_column, G_CALLBACK (setup_label_cb), "risk-badge", G_CALLBACK (bind_risk_cb), NULL);
  set_factory (self->owner_column, G_CALLBACK (setup_label_cb), NULL, G_CALLBACK (bind_owner_cb), NULL);
  set_factory (self->last_contact_column, G_CALLBACK (setup_label_cb), NULL, G_CALLBACK (bind_last_contact_cb), self);
}

void
crm_customers_page_set_context (CrmCustomersPage *self,
                                CrmContext       *context)
{
  CrmStore *store;

  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (CRM_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  store = crm_context_get_store (context);

  reload_owners (self);
  self->model = crm_customer_list_model_new (store);
  /* GTK 4.8 builds up to 200 rows for a long list before its first frame: show the
   * rows that fit on screen first, and the whole list right after that frame. */
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0, FIRST_FRAME_ROWS);
  self->selection = crm_plain_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "realize", G_CALLBACK (column_view_realize_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "map", G_CALLBACK (column_view_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::indexing", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

void
crm_customers_page_focus_search (CrmCustomersPage *self)
{
  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
crm_customers_page_set_key_capture_widget (CrmCustomersPage *self,
                                           GtkWidget        *widget)
{
  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));
  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

GListModel *
crm_customers_page_get_model (CrmCustomersPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkEditable *
crm_customers_page_get_search_entry (CrmCustomersPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMERS_PAGE (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}
