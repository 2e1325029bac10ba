/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-search"

#include <glib/gi18n.h>

#include "crm-customer-list-model.h"
#include "crm-customer-search.h"
#include "crm-field-message.h"

/* How many matching customers the list under the customer field shows */
#define MAX_SUGGESTIONS 6

struct _CrmCustomerSearch
{
  GObject        parent_instance;

  /* borrowed */
  AdwEntryRow   *entry;
  GtkLabel      *code_label;
  GtkWidget     *rows[MAX_SUGGESTIONS];
  GtkWidget     *info_row;

  /* owned */
  CrmStore      *store;
  CrmPagedModel *customers;     /* made when first typed in */
  CrmCustomer   *customer;

  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (CrmCustomerSearch, crm_customer_search, G_TYPE_OBJECT)

enum {
  SEARCH_CHANGED,
  N_SEARCH_SIGNALS
};

static guint search_signals[N_SEARCH_SIGNALS];

static gboolean
search_shown (CrmCustomerSearch *self)
{
  return gtk_widget_get_visible (self->rows[0]) || gtk_widget_get_visible (self->info_row);
}

static void
search_hide (CrmCustomerSearch *self)
{
  for (guint i = 0; i < MAX_SUGGESTIONS; i++)
    {
      gtk_widget_set_visible (self->rows[i], FALSE);
      g_object_set_data (G_OBJECT (self->rows[i]), "customer", NULL);
    }
  gtk_widget_set_visible (self->info_row, FALSE);
}

static void
search_show_info (CrmCustomerSearch *self,
                  const char        *text)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->info_row), text);
  gtk_widget_set_visible (self->info_row, TRUE);
}

static void
search_update (CrmCustomerSearch *self,
               const char        *text)
{
  g_autofree char *search = g_strstrip (g_strdup (text));
  CrmCustomerFilter filter = CRM_CUSTOMER_FILTER_INIT;
  GListModel *model;
  guint n;

  search_hide (self);
  if (*search == '\0')
    return;

  if (self->customers == NULL)
    self->customers = crm_customer_list_model_new (self->store);
  filter.search = search;
  crm_customer_list_model_set_filter (self->customers, &filter);
  model = G_LIST_MODEL (self->customers);
  n = g_list_model_get_n_items (model);

  for (guint i = 0; i < MIN (n, MAX_SUGGESTIONS); i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (model, i);
      const char *industry = crm_customer_get_industry (customer);
      g_autofree char *subtitle = industry != NULL && *industry != '\0'
                                  ? g_strdup_printf ("%s · %s", crm_customer_get_code (customer), industry)
                                  : g_strdup (crm_customer_get_code (customer));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), crm_customer_get_name (customer));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]), subtitle);
      g_object_set_data_full (G_OBJECT (self->rows[i]), "customer", g_object_ref (customer), g_object_unref);
      gtk_widget_set_visible (self->rows[i], TRUE);
    }

  if (n == 0)
    {
      /* Translators: %s is what was typed in the customer field */
      g_autofree char *info = g_strdup_printf (_("No customer matches “%s”"), search);

      search_show_info (self, info);
    }
  else if (n > MAX_SUGGESTIONS)
    search_show_info (self, _("More customers match: type more of the name or code"));
}

void
crm_customer_search_set_customer (CrmCustomerSearch *self,
                                  CrmCustomer       *customer)
{
  g_set_object (&self->customer, customer);
  if (customer != NULL)
    {
      self->filling = TRUE;
      crm_form_set_text (self->entry, crm_customer_get_name (customer));
      gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
      self->filling = FALSE;
      gtk_label_set_label (self->code_label, crm_customer_get_code (customer));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->code_label), customer != NULL);
  search_hide (self);
}

CrmCustomer *
crm_customer_search_get_customer (CrmCustomerSearch *self)
{
  return self->customer;
}

gboolean
crm_customer_search_has_loose_text (CrmCustomerSearch *self)
{
  return self->customer == NULL && *gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0';
}

static void
search_choose (CrmCustomerSearch *self,
               GtkWidget         *row)
{
  CrmCustomer *customer = g_object_get_data (G_OBJECT (row), "customer");

  if (customer == NULL)
    return;
  crm_customer_search_set_customer (self, customer);
  g_signal_emit (self, search_signals[SEARCH_CHANGED], 0);
}

static void
search_row_activated_cb (CrmCustomerSearch *self,
                         AdwActionRow      *row)
{
  search_choose (self, GTK_WIDGET (row));
}

static void
search_entry_changed_cb (CrmCustomerSearch *self)
{
  const char *text;

  if (self->filling)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (self->customer != NULL && g_strcmp0 (text, crm_customer_get_name (self->customer)) == 0)
    {
      search_hide (self);
      return;
    }

  /* typing again drops the customer chosen before */
  if (self->customer != NULL)
    crm_customer_search_set_customer (self, NULL);
  search_update (self, text);
  g_signal_emit (self, search_signals[SEARCH_CHANGED], 0);
}

static gboolean
is_enter (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

/* Down goes to the list of matches, Enter takes the first (the form would
 * take it for "Save"), Escape hides them (the form would close) */
static gboolean
search_entry_key_pressed_cb (CrmCustomerSearch     *self,
                             guint                  keyval,
                             guint                  keycode,
                             GdkModifierType        state,
                             GtkEventControllerKey *controller)
{
  if (!search_shown (self) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      if (gtk_widget_get_visible (self->rows[0]))
        gtk_widget_grab_focus (self->rows[0]);
      return TRUE;
    }
  if (is_enter (keyval))
    {
      search_choose (self, self->rows[0]);
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    {
      search_hide (self);
      return TRUE;
    }
  return FALSE;
}

/* Enter or Space takes the match; Escape, or Up from the first match, goes
 * back to the field to go on typing where it was left */
static gboolean
search_row_key_pressed_cb (CrmCustomerSearch     *self,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           GtkEventControllerKey *controller)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (self->entry));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (is_enter (keyval) || keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space)
    {
      search_choose (self, row);
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    search_hide (self);
  else if (!((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && row == self->rows[0]))
    return FALSE;
  if (GTK_IS_TEXT (text))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return TRUE;
}

static void
search_focus_widget_cb (CrmCustomerSearch *self,
                        GParamSpec        *pspec,
                        GtkRoot           *root)
{
  GtkWidget *focus = gtk_root_get_focus (root);

  if (focus == NULL || !search_shown (self))
    return;
  if (focus == GTK_WIDGET (self->entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)))
    return;
  for (guint i = 0; i < MAX_SUGGESTIONS; i++)
    if (focus == self->rows[i] || gtk_widget_is_ancestor (focus, self->rows[i]))
      return;
  search_hide (self);
}

static void
crm_customer_search_dispose (GObject *object)
{
  CrmCustomerSearch *self = CRM_CUSTOMER_SEARCH (object);

  g_clear_object (&self->customers);
  g_clear_object (&self->customer);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_customer_search_parent_class)->dispose (object);
}

static void
crm_customer_search_class_init (CrmCustomerSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_customer_search_dispose;

  search_signals[SEARCH_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_customer_search_init (CrmCustomerSearch *self)
{
}

CrmCustomerSearch *
crm_customer_search_new (CrmStore    *store,
                         AdwEntryRow *entry,
                         GtkLabel    *code_label,
                         GtkWidget   *after)
{
  CrmCustomerSearch *self = g_object_new (CRM_TYPE_CUSTOMER_SEARCH, NULL);
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (after));
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (after)) + 1;
  GtkEventController *keys;

  self->store = g_object_ref (store);
  self->entry = entry;
  self->code_label = code_label;

  for (guint i = 0; i < MAX_SUGGESTIONS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      keys = gtk_event_controller_key_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("system-users-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "customer-suggestion");
      gtk_widget_set_visible (row, FALSE);
      g_signal_connect_object (row, "activated", G_CALLBACK (search_row_activated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_row_key_pressed_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (row, keys);
      gtk_list_box_insert (list, row, position++);
      self->rows[i] = row;
    }

  self->info_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->info_row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->info_row), FALSE);
  gtk_widget_set_focusable (self->info_row, FALSE);
  gtk_widget_add_css_class (self->info_row, "dim-label");
  gtk_widget_set_visible (self->info_row, FALSE);
  gtk_list_box_insert (list, self->info_row, position);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (search_entry_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  g_signal_connect_object (entry, "changed", G_CALLBACK (search_entry_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_root (GTK_WIDGET (entry)), "notify::focus-widget",
                           G_CALLBACK (search_focus_widget_cb), self, G_CONNECT_SWAPPED);

  return self;
}
