/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-month-view"

#include <glib/gi18n.h>

#include "crm-calendar-page.h"
#include "crm-calendar.h"
#include "crm-month-view.h"
#include "crm-tooltip.h"

#define N_WEEKS 6
#define N_CELLS (7 * N_WEEKS)
/* entries shown in a day: a fourth line says how many more there are */
#define MAX_SHOWN 3

typedef struct {
  GtkWidget *box;
  GtkWidget *number;
  GtkWidget *badge;
  GtkWidget *entries;
  GtkWidget *more;
  GDate      date;
} DayCell;

struct _CrmMonthView
{
  AdwBin       parent_instance;

  /* template widgets */
  GtkGrid     *headings;
  GtkGrid     *grid;

  /* owned */
  CrmContext  *context;
  DayCell      cells[N_CELLS];
  GDate        date;        /* the selected day */
  GDate        first;       /* the first day shown */
  gint64       owner_id;
  gboolean     dirty;       /* to be reloaded once shown */
};

G_DEFINE_FINAL_TYPE (CrmMonthView, crm_month_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
cell_index (CrmMonthView *self,
            const GDate  *date)
{
  int index;

  if (!g_date_valid (&self->first) || !g_date_valid (date))
    return -1;
  index = g_date_days_between (&self->first, date);
  return index >= 0 && index < N_CELLS ? index : -1;
}

static int
cell_of_widget (CrmMonthView *self,
                GtkWidget    *widget)
{
  for (int i = 0; i < N_CELLS; i++)
    if (widget == self->cells[i].box || gtk_widget_is_ancestor (widget, self->cells[i].box))
      return i;
  return -1;
}

static GtkWidget *
focused_widget (CrmMonthView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) ? focus : NULL;
}

/* The entry @widget is or is in, or NULL */
static GtkWidget *
entry_of_widget (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "calendar-entry") != NULL)
      return w;
  return NULL;
}

/* ---- loading ---- */

static void
fill_cell (CrmMonthView          *self,
           DayCell               *cell,
           const CrmCalendarCell *day,
           const GDate           *today)
{
  guint total = day->n_followups + day->n_deadlines;
  g_autofree char *number = g_strdup_printf ("%d", g_date_get_day (&day->date));
  g_autofree char *label = crm_calendar_format_day (&day->date);
  g_autofree char *description = crm_calendar_describe_day (day);
  GtkWidget *child;

  cell->date = day->date;
  gtk_label_set_label (GTK_LABEL (cell->number), number);

  if (g_date_compare (&day->date, today) == 0)
    gtk_widget_add_css_class (cell->box, "today");
  else
    gtk_widget_remove_css_class (cell->box, "today");
  if (g_date_get_month (&day->date) != g_date_get_month (&self->date))
    gtk_widget_add_css_class (cell->box, "other-month");
  else
    gtk_widget_remove_css_class (cell->box, "other-month");
  if (g_date_compare (&day->date, &self->date) == 0)
    gtk_widget_add_css_class (cell->box, "selected");
  else
    gtk_widget_remove_css_class (cell->box, "selected");
  if (g_date_get_weekday (&day->date) >= G_DATE_SATURDAY)
    gtk_widget_add_css_class (cell->box, "weekend");
  else
    gtk_widget_remove_css_class (cell->box, "weekend");

  if (day->n_overdue > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", day->n_overdue);
      g_autofree char *tooltip = g_strdup_printf (ngettext ("%u overdue", "%u overdue", day->n_overdue),
                                                  day->n_overdue);

      gtk_label_set_label (GTK_LABEL (cell->badge), count);
      crm_tooltip_set (cell->badge, tooltip);
    }
  gtk_widget_set_visible (cell->badge, day->n_overdue > 0);

  /* the entries there are show the new items; only the difference is made or removed */
  child = gtk_widget_get_first_child (cell->entries);
  for (guint i = 0; i < day->items->len && i < MAX_SHOWN; i++)
    {
      if (child != NULL)
        {
          crm_calendar_entry_set_item (child, day->items->pdata[i]);
          child = gtk_widget_get_next_sibling (child);
        }
      else
        gtk_box_append (GTK_BOX (cell->entries), crm_calendar_entry_new (day->items->pdata[i], TRUE));
    }
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (GTK_BOX (cell->entries), child);
      child = next;
    }

  crm_calendar_update_more (cell->more, total, MIN (day->items->len, MAX_SHOWN), label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (cell->box), GTK_ACCESSIBLE_STATE_SELECTED,
                               g_date_compare (&day->date, &self->date) == 0, -1);
}

static void
reload (CrmMonthView *self)
{
  CrmCalendarFilter filter = CRM_CALENDAR_FILTER_INIT;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus = focused_widget (self);
  GtkWidget *focused_entry = focus != NULL ? entry_of_widget (focus) : NULL;
  gint64 focused_id = focused_entry != NULL ? crm_calendar_entry_get_id (focused_entry) : 0;
  gboolean focused_followup = focused_entry != NULL && crm_calendar_entry_is_followup (focused_entry);
  GDate today;

  if (!g_date_valid (&self->date))
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  filter.owner_id = self->owner_id;
  first = crm_calendar_date_to_local (&self->first);
  days = crm_calendar_load (crm_context_get_store (self->context), first, N_CELLS, MAX_SHOWN, &filter, &error);
  if (days == NULL)
    {
      crm_calendar_report_error (GTK_WIDGET (self), error);
      return;
    }

  now = crm_clock_now_local (crm_context_get_clock (self->context));
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  for (guint i = 0; i < N_CELLS && i < days->len; i++)
    fill_cell (self, &self->cells[i], days->pdata[i], &today);

  /* the keyboard stays where it was: on the same entry (the widget that had it
   * may show another one now), else on the selected day */
  if (focus != NULL && (focused_widget (self) == NULL || focused_entry != NULL))
    {
      GtkWidget *now_focused = focused_widget (self);
      GtkWidget *entry = now_focused != NULL ? entry_of_widget (now_focused) : NULL;

      if (entry != NULL && crm_calendar_entry_get_id (entry) == focused_id &&
          crm_calendar_entry_is_followup (entry) == focused_followup)
        return;
      for (int i = 0; i < N_CELLS && focused_id != 0; i++)
        for (GtkWidget *e = gtk_widget_get_first_child (self->cells[i].entries); e != NULL;
             e = gtk_widget_get_next_sibling (e))
          if (crm_calendar_entry_get_id (e) == focused_id && crm_calendar_entry_is_followup (e) == focused_followup)
            {
              gtk_widget_grab_focus (e);
              return;
            }
      crm_month_view_focus_date (self);
    }
}

static void
crm_month_view_map (GtkWidget *widget)
{
  CrmMonthView *self = CRM_MONTH_VIEW (widget);

  GTK_WIDGET_CLASS (crm_month_view_parent_class)->map (widget);
  if (self->dirty)
    reload (self);
}

static void
store_changed_cb (CrmMonthView *self,
                  int           kind)
{
  if (crm_calendar_change_matters (kind))
    reload (self);
}

/* ---- the selected day ---- */

void
crm_month_view_set_date (CrmMonthView *self,
                         const GDate  *date)
{
  GDate first;

  g_return_if_fail (CRM_IS_MONTH_VIEW (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_date_valid (&self->date) && g_date_compare (date, &self->date) == 0)
    return;

  g_date_set_dmy (&first, 1, g_date_get_month (date), g_date_get_year (date));
  g_date_subtract_days (&first, g_date_get_weekday (&first) - 1);

  if (g_date_valid (&self->date) && g_date_get_month (date) == g_date_get_month (&self->date) &&
      g_date_get_year (date) == g_date_get_year (&self->date))
    {
      /* the same month: only the selection moves */
      int old = cell_index (self, &self->date);
      int new = cell_index (self, date);

      self->date = *date;
      if (old >= 0)
        {
          gtk_widget_remove_css_class (self->cells[old].box, "selected");
          gtk_accessible_update_state (GTK_ACCESSIBLE (self->cells[old].box), GTK_ACCESSIBLE_STATE_SELECTED, FALSE, -1);
        }
      if (new >= 0)
        {
          gtk_widget_add_css_class (self->cells[new].box, "selected");
          gtk_accessible_update_state (GTK_ACCESSIBLE (self->cells[new].box), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
        }
    }
  else
    {
      self->date = *date;
      self->first = first;
      reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const GDate *
crm_month_view_get_date (CrmMonthView *self)
{
  g_return_val_if_fail (CRM_IS_MONTH_VIEW (self), NULL);
  return &self->date;
}

void
crm_month_view_set_owner (CrmMonthView *self,
                          gint64        owner_id)
{
  g_return_if_fail (CRM_IS_MONTH_VIEW (self));

  if (self->owner_id == owner_id)
    return;
  self->owner_id = owner_id;
  reload (self);
}

void
crm_month_view_focus_date (CrmMonthView *self)
{
  int index;

  g_return_if_fail (CRM_IS_MONTH_VIEW (self));

  index = cell_index (self, &self->date);
  if (index >= 0)
    gtk_widget_grab_focus (self->cells[index].box);
}

GtkWidget *
crm_month_view_get_day (CrmMonthView *self,
                        const GDate  *date)
{
  int index;

  g_return_val_if_fail (CRM_IS_MONTH_VIEW (self), NULL);

  index = cell_index (self, date);
  return index >= 0 ? self->cells[index].box : NULL;
}

static void
select_by (CrmMonthView *self,
           int           days)
{
  GDate date = self->date;

  if (days > 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  crm_month_view_set_date (self, &date);
  crm_month_view_focus_date (self);
}

/* ---- rescheduling ---- */

gboolean
crm_month_view_move_entry (CrmMonthView *self,
                           gint64        followup_id,
                           const GDate  *date)
{
  CrmStore *store;
  g_autoptr(CrmFollowup) followup = NULL;
  g_autoptr(GDateTime) was = NULL;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_MONTH_VIEW (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  store = crm_context_get_store (self->context);
  followup = crm_store_get_followup (store, followup_id, &error);
  if (followup == NULL)
    {
      crm_calendar_report_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  /* the same time of day on the other day */
  was = g_date_time_new_from_unix_local (followup->planned_at);
  then = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                                g_date_time_get_hour (was), g_date_time_get_minute (was),
                                g_date_time_get_second (was));
  if (!crm_store_reschedule_followup (store, followup_id, g_date_time_to_unix (then), &error))
    {
      crm_calendar_report_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CrmMonthView  *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  int index = cell_of_widget (self, box);

  if (!G_VALUE_HOLDS_INT64 (value) || index < 0)
    return FALSE;
  return crm_month_view_move_entry (self, g_value_get_int64 (value), &self->cells[index].date);
}

/* ---- pointer and keyboard ---- */

static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 CrmMonthView    *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (box, x, y, GTK_PICK_DEFAULT);
  int index = cell_of_widget (self, box);

  if (index < 0)
    return;
  crm_month_view_set_date (self, &self->cells[index].date);
  /* a click on an entry leaves the focus to the entry */
  if (picked == NULL || entry_of_widget (picked) == NULL)
    crm_month_view_focus_date (self);
}

/* "+N more": every entry of the day in a popover */
static void
more_clicked_cb (GtkButton    *button,
                 CrmMonthView *self)
{
  int index = cell_of_widget (self, GTK_WIDGET (button));

  if (index >= 0)
    crm_calendar_show_day_popover (GTK_WIDGET (button), self->context, &self->cells[index].date, self->owner_id);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CrmMonthView          *self)
{
  GtkWidget *focus = focused_widget (self);
  GtkWidget *entry;
  int index;

  if (focus == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  index = cell_of_widget (self, focus);
  if (index < 0)
    return FALSE;
  entry = entry_of_widget (focus);

  if (entry == NULL)
    {
      /* on a day: move the selected day */
      switch (keyval)
        {
        case GDK_KEY_Left:  case GDK_KEY_KP_Left:  select_by (self, -1); return TRUE;
        case GDK_KEY_Right: case GDK_KEY_KP_Right: select_by (self, 1);  return TRUE;
        case GDK_KEY_Up:    case GDK_KEY_KP_Up:    select_by (self, -7); return TRUE;
        case GDK_KEY_Down:  case GDK_KEY_KP_Down:  select_by (self, 7);  return TRUE;
        default: return FALSE;
        }
    }

  /* on an entry: up and down through the day's entries, left and right to the next days */
  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      if (gtk_widget_get_prev_sibling (entry) != NULL)
        gtk_widget_grab_focus (gtk_widget_get_prev_sibling (entry));
      else
        crm_month_view_focus_date (self);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      if (gtk_widget_get_next_sibling (entry) != NULL)
        gtk_widget_grab_focus (gtk_widget_get_next_sibling (entry));
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      crm_month_view_set_date (self, &self->cells[index].date);
      select_by (self, -1);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      crm_month_view_set_date (self, &self->cells[index].date);
      select_by (self, 1);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- rescheduling by keyboard ---- */

/* Puts the keyboard on the follow-up @id if it is shown, else on the selected day */
static void
focus_followup (CrmMonthView *self,
                gint64        id)
{
  for (int i = 0; i < N_CELLS; i++)
    for (GtkWidget *e = gtk_widget_get_first_child (self->cells[i].entries); e != NULL;
         e = gtk_widget_get_next_sibling (e))
      if (crm_calendar_entry_get_id (e) == id && crm_calendar_entry_is_followup (e))
        {
          gtk_widget_grab_focus (e);
          return;
        }
  crm_month_view_focus_date (self);
}

/* Alt+Left and Alt+Right: the focused follow-up @days later; FALSE (the key
 * goes on) when no follow-up has the focus */
static gboolean
move_focused_entry (CrmMonthView *self,
                    int           days)
{
  GtkWidget *focus = focused_widget (self);
  GtkWidget *entry = focus != NULL ? entry_of_widget (focus) : NULL;
  int index = entry != NULL ? cell_of_widget (self, entry) : -1;
  gint64 id;
  GDate date;

  if (entry == NULL || index < 0 || !crm_calendar_entry_is_followup (entry))
    return FALSE;
  id = crm_calendar_entry_get_id (entry);
  date = self->cells[index].date;
  if (days > 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  if (crm_month_view_move_entry (self, id, &date))
    {
      crm_month_view_set_date (self, &date);
      focus_followup (self, id);
    }
  return TRUE;
}

static gboolean
move_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return move_focused_entry (CRM_MONTH_VIEW (widget), g_variant_get_int32 (args));
}

static void
move_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_focused_entry (CRM_MONTH_VIEW (widget), g_variant_get_int32 (parameter));
}

/* ---- object ---- */

static void
build_cells (CrmMonthView *self)
{
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    {
      GtkWidget *heading = gtk_label_new (crm_calendar_weekday_abbreviation (d));

      gtk_widget_add_css_class (heading, "month-heading");
      if (d >= G_DATE_SATURDAY)
        gtk_widget_add_css_class (heading, "weekend");
      gtk_grid_attach (self->headings, heading, d - 1, 0, 1, 1);
    }

  for (int i = 0; i < N_CELLS; i++)
    {
      DayCell *cell = &self->cells[i];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkGesture *click = gtk_gesture_click_new ();
      GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

      cell->box = g_object_new (GTK_TYPE_BOX,
                                "orientation", GTK_ORIENTATION_VERTICAL,
                                "spacing", 1,
                                "focusable", TRUE,
                                "overflow", GTK_OVERFLOW_HIDDEN,
                                "accessible-role", GTK_ACCESSIBLE_ROLE_GRID_CELL,
                                NULL);
      gtk_widget_add_css_class (cell->box, "calendar-day");
      cell->number = gtk_label_new (NULL);
      gtk_widget_add_css_class (cell->number, "day-number");
      gtk_widget_add_css_class (cell->number, "numeric");
      gtk_widget_set_halign (cell->number, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (header), cell->number);
      cell->badge = gtk_label_new (NULL);
      gtk_widget_add_css_class (cell->badge, "overdue-badge");
      gtk_widget_add_css_class (cell->badge, "numeric");
      gtk_widget_set_hexpand (cell->badge, TRUE);
      gtk_widget_set_halign (cell->badge, GTK_ALIGN_END);
      gtk_widget_set_valign (cell->badge, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (cell->badge, FALSE);
      gtk_box_append (GTK_BOX (header), cell->badge);
      gtk_box_append (GTK_BOX (cell->box), header);

      cell->entries = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
      gtk_box_append (GTK_BOX (cell->box), cell->entries);
      cell->more = gtk_button_new_with_label ("");
      gtk_widget_set_halign (cell->more, GTK_ALIGN_START);
      gtk_widget_add_css_class (cell->more, "flat");
      gtk_widget_add_css_class (cell->more, "more");
      gtk_widget_set_visible (cell->more, FALSE);
      g_signal_connect (cell->more, "clicked", G_CALLBACK (more_clicked_cb), self);
      gtk_box_append (GTK_BOX (cell->box), cell->more);

      g_signal_connect (click, "pressed", G_CALLBACK (cell_pressed_cb), self);
      gtk_widget_add_controller (cell->box, GTK_EVENT_CONTROLLER (click));
      g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
      gtk_widget_add_controller (cell->box, GTK_EVENT_CONTROLLER (drop));

      gtk_grid_attach (self->grid, cell->box, i % 7, i / 7, 1, 1);
    }
}

CrmMonthView *
crm_month_view_new (CrmContext *context)
{
  CrmMonthView *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_MONTH_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (crm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
crm_month_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmMonthView *self = CRM_MONTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, g_date_valid (&self->date) ? &self->date : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_month_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmMonthView *self = CRM_MONTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      if (g_value_get_boxed (value) != NULL)
        crm_month_view_set_date (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_month_view_dispose (GObject *object)
{
  CrmMonthView *self = CRM_MONTH_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_MONTH_VIEW);
  memset (self->cells, 0, sizeof self->cells);   /* the grid's */
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_month_view_parent_class)->dispose (object);
}

static void
crm_month_view_class_init (CrmMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_month_view_dispose;
  object_class->get_property = crm_month_view_get_property;
  object_class->set_property = crm_month_view_set_property;
  widget_class->map = crm_month_view_map;

  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-month-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmMonthView, headings);
  gtk_widget_class_bind_template_child (widget_class, CrmMonthView, grid);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);

  /* moving the focused follow-up a day: the view's bindings come before the
   * window's Alt+Left (Back), which bubbles up later */
  gtk_widget_class_install_action (widget_class, "month.move-entry", "i", move_entry_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, move_shortcut_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, move_shortcut_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, move_shortcut_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, move_shortcut_cb, "i", 1);
}

static void
crm_month_view_init (CrmMonthView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->date, 1);
  g_date_clear (&self->first, 1);
  build_cells (self);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
