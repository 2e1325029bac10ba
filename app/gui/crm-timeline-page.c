/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-timeline-page"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-interaction-list-model.h"
#include "crm-plain-selection.h"
#include "crm-store-customers.h"
#include "crm-store-interactions.h"
#include "crm-timeline-page.h"
#include "crm-timeline-row.h"
#include "crm-window.h"

#define DAY (24 * 60 * 60)

struct _CrmTimelinePage
{
  AdwBin              parent_instance;

  /* template widgets */
  GtkSearchEntry     *search_entry;
  GtkDropDown        *channel_dropdown;
  GtkDropDown        *owner_dropdown;
  GtkDropDown        *period_dropdown;
  GtkDropDown        *satisfaction_dropdown;
  GtkDropDown        *category_dropdown;
  GtkMenuButton      *jump_button;
  GtkMenuButton      *more_button;
  GtkPopover         *jump_popover;
  GtkCalendar        *jump_calendar;
  GtkBox             *customer_chip;
  GtkLabel           *customer_chip_label;
  GtkLabel           *count_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;

  /* owned */
  CrmContext         *context;
  CrmPagedModel      *model;
  CrmPlainSelection  *selection;
  GArray             *owner_ids;      /* gint64, index 0 = every owner */
  GArray             *category_ids;   /* gint64, index 0 = every category */
  gint64              customer_id;
  gboolean            reloading_choices;
};

G_DEFINE_FINAL_TYPE (CrmTimelinePage, crm_timeline_page, ADW_TYPE_BIN)

/* The periods of the period filter: days back from today, 0 for any time. */
static const struct {
  const char *label;
  int         days;
} periods[] = {
  { N_("Any Time"), 0 },
  { N_("Today"), 1 },
  { N_("Last 7 Days"), 7 },
  { N_("Last 30 Days"), 30 },
  { N_("Last 12 Months"), 365 },
};

/* ---- rows ---- */

static char *
day_heading (CrmTimelinePage *self,
             CrmInteraction  *it)
{
  g_autoptr(GDateTime) now = crm_clock_now_local (crm_store_get_clock (crm_context_get_store (self->context)));
  g_autoptr(GDateTime) then = crm_date_time_new_local (crm_interaction_get_occurred_at (it));
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GDateTime) yesterday_date = g_date_time_add_days (now, -1);
  g_autofree char *yesterday = g_date_time_format (yesterday_date, "%Y-%m-%d");
  const char *day = crm_interaction_get_day (it);

  /* the weekday from our own translations: the C locale's strftime would say it in English */
  static const char *weekdays[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
  };

  if (g_str_equal (day, today))
    return g_strdup (_("Today"));
  if (g_str_equal (day, yesterday))
    return g_strdup (_("Yesterday"));
  /* Translators: a day heading of the timeline: weekday and date, "Friday, 2026-11-20" */
  return g_strdup_printf (_("%s, %s"), _(weekdays[g_date_time_get_day_of_week (then) - 1]), day);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, crm_timeline_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CrmTimelinePage          *self)
{
  CrmInteraction *it = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(CrmInteraction) previous = NULL;
  g_autofree char *heading = NULL;

  if (it == NULL)
    return;

  /* a day heading above the first entry of each day (the page before is cached) */
  if (position > 0)
    previous = g_list_model_get_item (G_LIST_MODEL (self->model), position - 1);
  if (previous == NULL || !g_str_equal (crm_interaction_get_day (previous), crm_interaction_get_day (it)))
    heading = day_heading (self, it);

  crm_timeline_row_set_interaction (CRM_TIMELINE_ROW (gtk_list_item_get_child (item)), it, heading);
}

/* ---- filters ---- */

static void
update_state (CrmTimelinePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = crm_format_count (n);
  /* Translators: %s is a number with thousands separators, "1,997,197 interactions" */
  g_autofree char *text = g_strdup_printf (ngettext ("%s interaction", "%s interactions", n), number);
  gboolean filtered = self->customer_id > 0 ||
                      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
                      gtk_drop_down_get_selected (self->channel_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->owner_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->period_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->satisfaction_dropdown) > 0 ||
                      gtk_drop_down_get_selected (self->category_dropdown) > 0;

  gboolean too_broad = crm_interaction_list_model_get_too_broad (self->model);

  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  if (too_broad)
    {
      g_autofree char *limit = crm_format_count (CRM_INTERACTION_MAX_TEXT_MATCHES);
      /* Translators: %s is "10,000" */
      g_autofree char *description = g_strdup_printf (_("More than %s interactions contain these words. Type more "
                                                        "of them, or search within one customer."),
                                                      limit);

      adw_status_page_set_title (self->empty_page, _("Too Many Matches to List"));
      adw_status_page_set_description (self->empty_page, description);
      return;
    }
  adw_status_page_set_title (self->empty_page, filtered ? _("No Matching Interactions") : _("No Interactions"));
  adw_status_page_set_description (self->empty_page,
                                   filtered ? _("Try other words or fewer filters.")
                                            : _("Calls, e-mails, visits and chats you log appear here, newest first."));
}

static void
apply_filter (CrmTimelinePage *self)
{
  CrmInteractionFilter filter = CRM_INTERACTION_FILTER_INIT;
  guint channel = gtk_drop_down_get_selected (self->channel_dropdown);
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  guint satisfaction = gtk_drop_down_get_selected (self->satisfaction_dropdown);
  guint category = gtk_drop_down_get_selected (self->category_dropdown);

  if (self->model == NULL)
    return;

  filter.customer_id = self->customer_id;
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (*filter.text == '\0')
    filter.text = NULL;
  filter.channel = channel > 0 && channel != GTK_INVALID_LIST_POSITION ? (int) channel - 1 : -1;
  filter.owner_id = owner > 0 && owner < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner) : 0;
  if (period > 0 && period < G_N_ELEMENTS (periods))
    {
      g_autoptr(GDateTime) now = crm_clock_now_local (crm_store_get_clock (crm_context_get_store (self->context)));
      g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                             g_date_time_get_day_of_month (now), 0, 0, 0);
      g_autoptr(GDateTime) start = g_date_time_add_days (midnight, 1 - periods[period].days);

      filter.from = g_date_time_to_unix (start);
    }
  filter.satisfaction = satisfaction > 0 && satisfaction <= 5 ? (int) satisfaction : 0;
  filter.category_id = category > 0 && category < self->category_ids->len
                       ? g_array_index (self->category_ids, gint64, category) : 0;

  /* the hidden filters say that they are on */
  if (filter.satisfaction > 0 || filter.category_id > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->more_button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->more_button), "accent");

  crm_interaction_list_model_set_filter (self->model, &filter);
}

static void
filters_changed_cb (CrmTimelinePage *self)
{
  if (!self->reloading_choices)
    apply_filter (self);
}

static void
clear_customer_cb (CrmTimelinePage *self)
{
  crm_timeline_page_set_customer (self, 0, NULL);
}

void
crm_timeline_page_set_customer (CrmTimelinePage *self,
                                gint64           customer_id,
                                const char      *customer_name)
{
  g_return_if_fail (CRM_IS_TIMELINE_PAGE (self));

  self->customer_id = customer_id;
  {
    /* Translators: above a timeline narrowed to one customer */
    g_autofree char *text = g_strdup_printf (_("Only %s"), customer_name != NULL ? customer_name : "");

    gtk_label_set_label (self->customer_chip_label, text);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->customer_chip), customer_id > 0);
  apply_filter (self);
}

/* ---- jumping ---- */

void
crm_timeline_page_jump_to_date (CrmTimelinePage *self,
                                GDateTime       *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);
  g_autoptr(GDateTime) day_end = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                                        g_date_time_get_day_of_month (local), 23, 59, 59);
  guint position;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  position = crm_interaction_list_model_position_for_time (self->model, g_date_time_to_unix (day_end));
  if (n == 0)
    return;
  position = MIN (position, n - 1);
  crm_plain_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
jump_day_selected_cb (CrmTimelinePage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->jump_calendar);

  gtk_popover_popdown (self->jump_popover);
  crm_timeline_page_jump_to_date (self, date);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* ---- opening and deleting ---- */

static void
row_activated_cb (CrmTimelinePage *self,
                  guint            position)
{
  g_autoptr(CrmInteraction) it = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CRM_TYPE_WINDOW);

  if (it != NULL && window != NULL)
    gtk_widget_activate_action (window, "win.edit-interaction", "x", crm_interaction_get_id (it));
}

static void
undo_delete_cb (AdwToast              *toast,
                CrmDeletedInteraction *deleted)
{
  CrmContext *context = g_object_get_data (G_OBJECT (toast), "context");
  g_autoptr(GError) error = NULL;

  if (!crm_store_restore_interaction (crm_context_get_store (context), deleted, &error))
    g_warning ("Could not undo the deletion: %s", error->message);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmTimelinePage *self = CRM_TIMELINE_PAGE (widget);
  g_autoptr(CrmInteraction) it = crm_plain_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;
  CrmDeletedInteraction *deleted;
  GtkWidget *window;
  AdwToast *toast;
  g_autofree char *title = NULL;

  if (it == NULL)
    return;

  deleted = crm_store_delete_interaction (crm_context_get_store (self->context), crm_interaction_get_id (it), &error);
  if (deleted == NULL)
    {
      g_warning ("Could not delete the interaction: %s", error->message);
      return;
    }

  /* Translators: after deleting an interaction, "“Renewal call” deleted" */
  title = g_strdup_printf (_("“%s” deleted"), crm_interaction_get_subject (it));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "context", g_object_ref (self->context), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "deleted", deleted, (GDestroyNotify) crm_deleted_interaction_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_delete_cb), deleted);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  if (window != NULL)
    crm_window_add_toast (CRM_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* ---- choices ---- */

static GtkStringList *
strings_for (GtkDropDown *dropdown)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  g_object_unref (list);
  return list;
}

static void
reload_choices (CrmTimelinePage *self)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GPtrArray) members = crm_store_list_team_members (store);
  g_autoptr(GPtrArray) categories = crm_store_list_feedback_categories (store);
  GtkStringList *owners, *category_names;
  gint64 every = 0;

  self->reloading_choices = TRUE;

  owners = strings_for (self->owner_dropdown);
  g_array_set_size (self->owner_ids, 0);
  g_array_append_val (self->owner_ids, every);
  gtk_string_list_append (owners, _("All Owners"));
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = crm_team_member_get_id (members->pdata[i]);

      g_array_append_val (self->owner_ids, id);
      gtk_string_list_append (owners, crm_team_member_get_name (members->pdata[i]));
    }

  category_names = strings_for (self->category_dropdown);
  g_array_set_size (self->category_ids, 0);
  g_array_append_val (self->category_ids, every);
  gtk_string_list_append (category_names, _("All Feedback"));
  for (guint i = 0; i < categories->len; i++)
    {
      CrmFeedbackCategory *c = categories->pdata[i];

      g_array_append_val (self->category_ids, c->id);
      gtk_string_list_append (category_names, c->name);
    }

  self->reloading_choices = FALSE;
}

static void
store_changed_cb (CrmTimelinePage *self,
                  int              kind)
{
  if (kind == CRM_CHANGE_TEAM || kind == CRM_CHANGE_SETTINGS || kind == CRM_CHANGE_ALL)
    {
      reload_choices (self);
      apply_filter (self);
    }
}

static void
items_changed_cb (CrmTimelinePage *self)
{
  update_state (self);
}

/* ---- object ---- */

CrmTimelinePage *
crm_timeline_page_new (CrmContext *context)
{
  CrmTimelinePage *self = g_object_new (CRM_TYPE_TIMELINE_PAGE, NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->context = g_object_ref (context);
  self->model = crm_interaction_list_model_new (crm_context_get_store (context));
  self->selection = crm_plain_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (crm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload_choices (self);
  apply_filter (self);
  update_state (self);
  return self;
}

GListModel *
crm_timeline_page_get_model (CrmTimelinePage *self)
{
  g_return_val_if_fail (CRM_IS_TIMELINE_PAGE (self), NULL);
  return G_LIST_MODEL (self->model);
}

static void
crm_timeline_page_dispose (GObject *object)
{
  CrmTimelinePage *self = CRM_TIMELINE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TIMELINE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);

  G_OBJECT_CLASS (crm_timeline_page_parent_class)->dispose (object);
}

static void
crm_timeline_page_class_init (CrmTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_timeline_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, satisfaction_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, jump_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, more_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, jump_popover);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, jump_calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, customer_chip);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, customer_chip_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelinePage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_customer_cb);
  gtk_widget_class_bind_template_callback (widget_class, jump_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "timeline.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "timeline.delete-selected", NULL);
}

static void
crm_timeline_page_init (CrmTimelinePage *self)
{
  GtkStringList *list;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->reloading_choices = TRUE;
  list = strings_for (self->channel_dropdown);
  gtk_string_list_append (list, _("All Channels"));
  for (CrmChannel c = 0; c < CRM_N_CHANNELS; c++)
    gtk_string_list_append (list, crm_channel_to_string (c));

  list = strings_for (self->period_dropdown);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    gtk_string_list_append (list, _(periods[i].label));

  list = strings_for (self->satisfaction_dropdown);
  gtk_string_list_append (list, _("Any Satisfaction"));
  for (int s = 1; s <= 5; s++)
    {
      /* Translators: one satisfaction score in the timeline's filter: "Satisfaction 4" */
      g_autofree char *text = g_strdup_printf (_("Satisfaction %d"), s);

      gtk_string_list_append (list, text);
    }
  self->reloading_choices = FALSE;
}
