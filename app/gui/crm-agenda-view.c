/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-agenda-view"

#include <glib/gi18n.h>

#include "crm-agenda-model.h"
#include "crm-agenda-view.h"
#include "crm-tooltip.h"
#include "crm-followup-complete.h"
#include "crm-followup-detail.h"
#include "crm-followup-editor.h"
#include "crm-format.h"
#include "crm-plain-selection.h"
#include "crm-playbook.h"
#include "crm-store-customers.h"

struct _CrmAgendaView
{
  GtkBox parent_instance;

  /* template widgets */
  GtkDropDown       *period_dropdown;
  GtkDropDown       *status_dropdown;
  GtkDropDown       *owner_dropdown;
  GtkDropDown       *sort_dropdown;
  GtkToggleButton   *order_button;    /* active: descending */
  GtkLabel          *count_label;
  GtkLabel          *sort_note;
  GtkStack          *stack;
  GtkColumnView     *column_view;

  /* owned */
  CrmContext        *context;
  CrmPagedModel     *model;
  CrmPlainSelection *selection;
  GArray            *owner_ids;   /* gint64; index 0 = everyone */
  GtkWidget         *menu;
  /* borrowed: the headers that sort (in SQL), by CrmAgendaSort; the objects
   * their sorters know */
  GtkColumnViewColumn *sort_columns[CRM_N_AGENDA_SORTS];
  GObject           *probes[CRM_N_AGENDA_SORTS];
  gboolean           syncing;   /* the controls follow a header: one reload after */
  CrmAgendaSort      header_sort;  /* the column whose header shows the order */
};

G_DEFINE_FINAL_TYPE (CrmAgendaView, crm_agenda_view, GTK_TYPE_BOX)

typedef enum {
  COLUMN_CODE,
  COLUMN_CUSTOMER,
  COLUMN_ITEM,
  COLUMN_STATUS,
  COLUMN_PLANNED,
  COLUMN_ACTUAL,
  COLUMN_RESULT,
  COLUMN_NEXT_STEP,
  COLUMN_OWNER,
  COLUMN_RULE,
  N_COLUMNS
} Column;

#define LIST_ITEM_KEY "crm-agenda-list-item"

/* ---- cells ---- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  switch (column)
    {
    case COLUMN_ITEM:
    case COLUMN_RESULT:
    case COLUMN_NEXT_STEP:
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      break;
    case COLUMN_CUSTOMER:
    case COLUMN_RULE:
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      break;
    case COLUMN_CODE:
    case COLUMN_PLANNED:
    case COLUMN_ACTUAL:
      /* codes and "2026-11-30 09:23" whole, whatever the heading's width */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
      gtk_widget_add_css_class (label, "numeric");
      break;
    case COLUMN_STATUS:
    case COLUMN_OWNER:
    case N_COLUMNS:
    default:
      break;
    }
  g_object_set_data (G_OBJECT (label), LIST_ITEM_KEY, list_item);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  CrmAgendaItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *owned = NULL;
  const char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  if (item == NULL)
    {
      gtk_label_set_text (label, "");
      return;
    }

  switch (column)
    {
    case COLUMN_CODE:
      text = crm_agenda_item_get_customer_code (item);
      break;
    case COLUMN_CUSTOMER:
      text = crm_agenda_item_get_customer_name (item);
      break;
    case COLUMN_ITEM:
      text = crm_agenda_item_get_item (item);
      break;
    case COLUMN_STATUS:
      text = crm_followup_state_to_string (crm_agenda_item_get_state (item));
      if (crm_agenda_item_get_state (item) == CRM_FOLLOWUP_STATE_OVERDUE)
        gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      else if (crm_agenda_item_get_state (item) == CRM_FOLLOWUP_STATE_SKIPPED)
        gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      break;
    case COLUMN_PLANNED:
      text = owned = crm_format_datetime (crm_agenda_item_get_planned_at (item));
      break;
    case COLUMN_ACTUAL:
      if (crm_agenda_item_get_actual_at (item) != 0)
        text = owned = crm_format_datetime (crm_agenda_item_get_actual_at (item));
      break;
    case COLUMN_RESULT:
      text = crm_agenda_item_get_result (item);
      break;
    case COLUMN_NEXT_STEP:
      text = crm_agenda_item_get_next_step (item);
      break;
    case COLUMN_OWNER:
      text = crm_agenda_item_get_owner_name (item);
      break;
    case COLUMN_RULE:
      if (crm_agenda_item_get_rule_key (item) != NULL)
        {
          text = crm_playbook_rule_title (crm_agenda_item_get_rule_key (item));
          if (text == NULL)
            text = crm_agenda_item_get_rule_key (item);
        }
      break;
    case N_COLUMNS:
    default:
      break;
    }
  gtk_label_set_text (label, text != NULL ? text : "");
  crm_tooltip_set (GTK_WIDGET (label),
                   (column == COLUMN_ITEM || column == COLUMN_RESULT || column == COLUMN_NEXT_STEP) ? text : NULL);
}

static GtkColumnViewColumn *
add_column (CrmAgendaView *self,
            Column         column,
            const char    *title,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
  return view_column;
}

static void apply_filter (CrmAgendaView *self);

/* ---- sorting by a header ----
 *
 * The rows are paged from SQL, so the column view sorts nothing itself.  GTK
 * 4.8 cannot say which header was clicked, or which way; the view's sorter
 * tells by comparing objects.  Each sorting column's sorter finds its own
 * probe object "larger" than anything and is indifferent to the rest: asked
 * about a column's probe and another object, the view's sorter answers larger
 * (that column sorts ascending), smaller (descending) or equal (it does not
 * sort).  The view keeps one column sorting, so after a click the one clicked
 * sorts, alone or before the one that sorted until then. */

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      probe)
{
  return a == probe ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
view_sorter_changed_cb (GtkSorter       *sorter,
                        GtkSorterChange  change,
                        CrmAgendaView   *self)
{
  guint current, chosen = GTK_INVALID_LIST_POSITION;
  GtkOrdering chosen_order = GTK_ORDERING_EQUAL;

  /* the columns go when the view does */
  if (self->column_view == NULL || self->sort_dropdown == NULL || self->order_button == NULL)
    return;
  current = self->header_sort;
  for (guint k = 0; k < CRM_N_AGENDA_SORTS; k++)
    {
      /* (two objects: a sorter finds an object equal to itself) */
      GtkOrdering order = gtk_sorter_compare (sorter, self->probes[k], G_OBJECT (self));

      /* the one sorting now, unless another joined it: that one was clicked */
      if (order != GTK_ORDERING_EQUAL && (chosen == GTK_INVALID_LIST_POSITION || chosen == current))
        {
          chosen = k;
          chosen_order = order;
        }
    }
  if (chosen == GTK_INVALID_LIST_POSITION)
    return;

  /* the controls follow, then the rows are sorted once */
  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->order_button, chosen_order == GTK_ORDERING_SMALLER);
  gtk_drop_down_set_selected (self->sort_dropdown, chosen);
  self->syncing = FALSE;
  apply_filter (self);
}

static void
show_sort_in_header (CrmAgendaView *self,
                     CrmAgendaSort  sort)
{
  GtkSortType direction = gtk_toggle_button_get_active (self->order_button) ? GTK_SORT_DESCENDING
                                                                            : GTK_SORT_ASCENDING;
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

  self->header_sort = sort;
  g_signal_handlers_block_by_func (sorter, view_sorter_changed_cb, self);
  gtk_column_view_sort_by_column (self->column_view, self->sort_columns[sort], direction);
  /* GTK 4.8 leaves the arrow on a header that no longer sorts: its sorter set
   * again draws the header anew */
  for (guint k = 0; k < CRM_N_AGENDA_SORTS; k++)
    if (k != sort)
      {
        g_autoptr(GtkSorter) probe = g_object_ref (gtk_column_view_column_get_sorter (self->sort_columns[k]));

        gtk_column_view_column_set_sorter (self->sort_columns[k], NULL);
        gtk_column_view_column_set_sorter (self->sort_columns[k], probe);
      }
  g_signal_handlers_unblock_by_func (sorter, view_sorter_changed_cb, self);
}

/* ---- filters ---- */

static void
period_range (CrmAgendaView   *self,
              CrmAgendaPeriod  period,
              gint64          *from,
              gint64          *until)
{
  gint64 now = crm_store_now (crm_context_get_store (self->context));
  g_autoptr(GDateTime) local = crm_date_time_new_local (now);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                                    g_date_time_get_day_of_month (local), 0, 0, 0);

  *from = *until = 0;
  switch (period)
    {
    case CRM_AGENDA_PERIOD_THIS_WEEK:
      {
        /* Monday to Monday */
        g_autoptr(GDateTime) monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
        g_autoptr(GDateTime) next = g_date_time_add_weeks (monday, 1);

        *from = g_date_time_to_unix (monday);
        *until = g_date_time_to_unix (next);
      }
      break;
    case CRM_AGENDA_PERIOD_THIS_MONTH:
      {
        g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                            1, 0, 0, 0);
        g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);

        *from = g_date_time_to_unix (first);
        *until = g_date_time_to_unix (next);
      }
      break;
    case CRM_AGENDA_PERIOD_NEXT_30_DAYS:
      *from = now;
      *until = now + 30 * 86400;
      break;
    case CRM_AGENDA_PERIOD_OVERDUE:
    case CRM_AGENDA_PERIOD_ALL:
    default:
      break;
    }
}

static void
update_count (CrmAgendaView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = crm_format_count (n);
  g_autofree char *text = g_strdup_printf (ngettext ("%s follow-up", "%s follow-ups", n), count);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
apply_filter (CrmAgendaView *self)
{
  CrmAgendaFilter filter = CRM_AGENDA_FILTER_INIT;
  CrmAgendaPeriod period = gtk_drop_down_get_selected (self->period_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  gboolean limited;

  if (self->model == NULL || self->syncing)
    return;

  period_range (self, period, &filter.from, &filter.until);
  /* the status list: Any, Planned, Done, Skipped, Overdue */
  filter.state = status >= 1 && status <= 4 ? (CrmAgendaState) (status - 1) : CRM_AGENDA_STATE_ANY;
  if (period == CRM_AGENDA_PERIOD_OVERDUE)
    filter.state = CRM_AGENDA_STATE_OVERDUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_dropdown), period != CRM_AGENDA_PERIOD_OVERDUE);
  filter.owner_id = owner < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner) : 0;
  filter.descending = gtk_toggle_button_get_active (self->order_button);
  gtk_button_set_icon_name (GTK_BUTTON (self->order_button),
                            filter.descending ? "view-sort-descending-symbolic" : "view-sort-ascending-symbolic");
  filter.sort = MIN (gtk_drop_down_get_selected (self->sort_dropdown), CRM_N_AGENDA_SORTS - 1);

  crm_agenda_model_set_filter (self->model, &filter);
  /* too many rows for that key: the header shows the order they are in */
  limited = crm_agenda_model_is_sort_limited (self->model);
  show_sort_in_header (self, limited ? CRM_AGENDA_SORT_PLANNED : filter.sort);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_note), limited);
  crm_plain_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_count (self);
}

static void
load_owners (CrmAgendaView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) members = crm_store_list_team_members (crm_context_get_store (self->context));

  g_array_set_size (self->owner_ids, 0);
  g_array_append_val (self->owner_ids, (gint64) { 0 });
  gtk_string_list_append (labels, C_("owner filter", "Everyone"));
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = crm_team_member_get_id (members->pdata[i]);

      g_array_append_val (self->owner_ids, id);
      gtk_string_list_append (labels, crm_team_member_get_name (members->pdata[i]));
    }
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
}

void
crm_agenda_view_set_period (CrmAgendaView   *self,
                            CrmAgendaPeriod  period)
{
  g_return_if_fail (CRM_IS_AGENDA_VIEW (self));
  gtk_drop_down_set_selected (self->period_dropdown, period);
  apply_filter (self);
}

CrmPagedModel *
crm_agenda_view_get_model (CrmAgendaView *self)
{
  g_return_val_if_fail (CRM_IS_AGENDA_VIEW (self), NULL);
  return self->model;
}

gint64
crm_agenda_view_get_selected_id (CrmAgendaView *self)
{
  g_autoptr(CrmAgendaItem) item = NULL;

  g_return_val_if_fail (CRM_IS_AGENDA_VIEW (self), 0);
  item = crm_plain_selection_get_selected_item (self->selection);
  return item != NULL ? crm_agenda_item_get_id (item) : 0;
}

/* ---- actions ---- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (widget);
  gint64 id = crm_agenda_view_get_selected_id (self);

  if (id != 0)
    crm_followup_detail_present (widget, self->context, id);
}

static void
complete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (widget);
  gint64 id = crm_agenda_view_get_selected_id (self);

  if (id != 0)
    crm_followup_complete_ask (widget, self->context, id);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (widget);
  gint64 id = crm_agenda_view_get_selected_id (self);

  if (id != 0)
    crm_followup_skip_ask (widget, self->context, id);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (widget);
  gint64 id = crm_agenda_view_get_selected_id (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  CrmFollowupEditor *editor;

  if (id == 0)
    return;
  editor = crm_followup_editor_new (self->context, 0, id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (widget);
  gint64 id = crm_agenda_view_get_selected_id (self);

  if (id != 0)
    crm_followup_delete_with_undo (widget, self->context, id);
}

/* Which actions apply to the selected row */
static void
update_actions (CrmAgendaView *self)
{
  g_autoptr(CrmAgendaItem) item = crm_plain_selection_get_selected_item (self->selection);
  gboolean open = item != NULL && crm_agenda_item_get_status (item) == CRM_FOLLOWUP_PLANNED;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.open", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.complete", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.skip", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.edit", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.delete", item != NULL);
}

static void
popup_menu_at (CrmAgendaView *self,
               double         x,
               double         y)
{
  update_actions (self);
  if (crm_agenda_view_get_selected_id (self) == 0)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  /* under the focused row, else at the top of the table */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)) &&
      gtk_widget_compute_bounds (focus, widget, &bounds))
    popup_menu_at (self, bounds.origin.x + 24, bounds.origin.y + bounds.size.height);
  else
    {
      GtkAllocation alloc;

      gtk_widget_get_allocation (GTK_WIDGET (self->column_view), &alloc);
      popup_menu_at (self, alloc.x + 24, alloc.y + 24);
    }
}

/* The row under a point of the table, from the cell there */
static guint
position_at (CrmAgendaView *self,
             double         x,
             double         y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self->column_view); widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), LIST_ITEM_KEY);

      if (list_item != NULL)
        return gtk_list_item_get_position (list_item);
    }
  /* a cell's padding: its child is one level down */
  if (widget != NULL && GTK_IS_WIDGET (widget))
    {
      GtkWidget *child = gtk_widget_get_first_child (widget);

      if (child != NULL && g_object_get_data (G_OBJECT (child), LIST_ITEM_KEY) != NULL)
        return gtk_list_item_get_position (g_object_get_data (G_OBJECT (child), LIST_ITEM_KEY));
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
right_click_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                CrmAgendaView   *self)
{
  guint position = position_at (self, x, y);
  graphene_point_t point;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  crm_plain_selection_set_selected (self->selection, position);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->column_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT ((float) x, (float) y);
  popup_menu_at (self, point.x, point.y);
}

static void
activate_cb (CrmAgendaView *self,
             guint          position)
{
  crm_plain_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "agenda.open", NULL);
}

static void
items_changed_cb (CrmAgendaView *self)
{
  update_count (self);
  update_actions (self);
}

static void
store_changed_cb (CrmAgendaView *self,
                  int            kind)
{
  if (kind == CRM_CHANGE_TEAM)
    {
      load_owners (self);
      apply_filter (self);
    }
}

/* ---- object ---- */

static void
crm_agenda_view_dispose (GObject *object)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_AGENDA_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  /* after the columns, whose sorters point at them */
  for (guint k = 0; k < CRM_N_AGENDA_SORTS; k++)
    g_clear_object (&self->probes[k]);

  G_OBJECT_CLASS (crm_agenda_view_parent_class)->dispose (object);
}

static void
crm_agenda_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CrmAgendaView *self = CRM_AGENDA_VIEW (widget);

  GTK_WIDGET_CLASS (crm_agenda_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
crm_agenda_view_class_init (CrmAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_agenda_view_dispose;
  widget_class->size_allocate = crm_agenda_view_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, order_button);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, sort_note);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmAgendaView, column_view);

  gtk_widget_class_install_action (widget_class, "agenda.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "agenda.complete", NULL, complete_action);
  gtk_widget_class_install_action (widget_class, "agenda.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "agenda.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "agenda.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "agenda.menu", NULL, menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "agenda.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "agenda.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "agenda.delete", NULL);
}

static GtkStringList *
string_list (const char *first, ...)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    gtk_string_list_append (list, s);
  va_end (args);
  return list;
}

static void
crm_agenda_view_init (CrmAgendaView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GtkStringList) periods = NULL;
  g_autoptr(GtkStringList) states = NULL;
  g_autoptr(GtkStringList) sorts = NULL;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->owner_ids = g_array_new (FALSE, TRUE, sizeof (gint64));

  periods = string_list (C_("agenda period", "This Week"), C_("agenda period", "This Month"),
                         C_("agenda period", "Next 30 Days"), C_("agenda period", "Overdue"),
                         C_("agenda period", "All"), NULL);
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  states = string_list (C_("follow-up status filter", "Any"), crm_followup_state_to_string (CRM_FOLLOWUP_STATE_PLANNED),
                        crm_followup_state_to_string (CRM_FOLLOWUP_STATE_DONE),
                        crm_followup_state_to_string (CRM_FOLLOWUP_STATE_SKIPPED),
                        crm_followup_state_to_string (CRM_FOLLOWUP_STATE_OVERDUE), NULL);
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (states));
  /* a toggle, which the toolbar has room for beside the drop-downs */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->order_button), C_("agenda order", "Descending"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->order_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  C_("agenda order", "Descending"), -1);
  /* by CrmAgendaSort, named as the columns */
  sorts = string_list (_("Planned"), _("Done At"), _("Code"), _("Customer"), _("Status"), _("Owner"),
                       _("Item"), _("Result"), _("Next Step"), _("Rule"), NULL);
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));

  self->sort_columns[CRM_AGENDA_SORT_CODE] = add_column (self, COLUMN_CODE, _("Code"), FALSE);
  self->sort_columns[CRM_AGENDA_SORT_CUSTOMER] = add_column (self, COLUMN_CUSTOMER, _("Customer"), FALSE);
  self->sort_columns[CRM_AGENDA_SORT_ITEM] = add_column (self, COLUMN_ITEM, _("Item"), TRUE);
  self->sort_columns[CRM_AGENDA_SORT_STATE] = add_column (self, COLUMN_STATUS, _("Status"), FALSE);
  self->sort_columns[CRM_AGENDA_SORT_PLANNED] = add_column (self, COLUMN_PLANNED, _("Planned"), FALSE);
  self->sort_columns[CRM_AGENDA_SORT_ACTUAL] = add_column (self, COLUMN_ACTUAL, _("Done At"), FALSE);
  self->sort_columns[CRM_AGENDA_SORT_RESULT] = add_column (self, COLUMN_RESULT, _("Result"), TRUE);
  self->sort_columns[CRM_AGENDA_SORT_NEXT_STEP] = add_column (self, COLUMN_NEXT_STEP, _("Next Step"), TRUE);
  self->sort_columns[CRM_AGENDA_SORT_OWNER] = add_column (self, COLUMN_OWNER, _("Owner"), FALSE);
  self->sort_columns[CRM_AGENDA_SORT_RULE] = add_column (self, COLUMN_RULE, _("Rule"), FALSE);
  for (guint k = 0; k < CRM_N_AGENDA_SORTS; k++)
    {
      g_autoptr(GtkSorter) probe = NULL;

      self->probes[k] = g_object_new (G_TYPE_OBJECT, NULL);
      probe = GTK_SORTER (gtk_custom_sorter_new (probe_compare, self->probes[k], NULL));
      gtk_column_view_column_set_sorter (self->sort_columns[k], probe);
      /* for the tests, which ask the view's sorter as this view does */
      g_object_set_data (G_OBJECT (self->sort_columns[k]), "crm-agenda-probe", self->probes[k]);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, 0);

  g_menu_append (menu, _("_Open"), "agenda.open");
  g_menu_append (menu, _("C_omplete…"), "agenda.complete");
  g_menu_append (menu, _("S_kip…"), "agenda.skip");
  g_menu_append (menu, _("_Edit…"), "agenda.edit");
  g_menu_append (menu, _("_Delete"), "agenda.delete");
  self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (right_click_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);
  {
    GtkDropDown *dropdowns[] = { self->period_dropdown, self->status_dropdown, self->owner_dropdown,
                                 self->sort_dropdown };

    for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
      g_signal_connect_object (dropdowns[i], "notify::selected", G_CALLBACK (apply_filter), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->order_button, "toggled", G_CALLBACK (apply_filter), self, G_CONNECT_SWAPPED);
  }
}

CrmAgendaView *
crm_agenda_view_new (CrmContext *context)
{
  CrmAgendaView *self;
  CrmStore *store;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_AGENDA_VIEW, NULL);
  self->context = g_object_ref (context);
  store = crm_context_get_store (context);
  self->model = crm_agenda_model_new (store);
  self->selection = crm_plain_selection_new (G_LIST_MODEL (g_object_ref (self->model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  load_owners (self);
  apply_filter (self);
  update_actions (self);
  return self;
}
