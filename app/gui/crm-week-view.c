/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-week-view"

#include <glib/gi18n.h>

#include "crm-calendar-page.h"
#include "crm-calendar.h"
#include "crm-week-view.h"

/* entries shown a day: "+N more" says how many others there are */
#define MAX_SHOWN 8
#define AXIS_WIDTH 56
#define FIRST_MINUTE (CRM_WEEK_VIEW_FIRST_HOUR * 60)
#define LAST_MINUTE (CRM_WEEK_VIEW_LAST_HOUR * 60)

typedef struct {
  GtkWidget *heading;    /* focusable: the day */
  GtkWidget *number;
  GtkWidget *strip;      /* entries before and after the hours */
  GtkWidget *more;
  GtkWidget *column;     /* entries placed by their time */
  GPtrArray *entries;    /* all of the day's entries by time (borrowed) */
  GDate      date;
} WeekDay;

struct _CrmWeekView
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkWidget      *heading_spacer;
  GtkBox         *headings_box;
  GtkScrolledWindow *scroller;
  GtkBox         *axis;
  GtkBox         *days_box;

  /* owned */
  CrmContext     *context;
  WeekDay         days[7];
  GDate           date;       /* the selected day */
  GDate           first;      /* its Monday */
  gint64          owner_id;
  gboolean        dirty;
};

G_DEFINE_FINAL_TYPE (CrmWeekView, crm_week_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the columns' layout: each entry at its time, pushed down below the one before ---- */

static int
y_for_minutes (int minutes)
{
  return (minutes - FIRST_MINUTE) * CRM_WEEK_VIEW_HOUR_HEIGHT / 60;
}

static void
column_measure (GtkWidget      *widget,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  int size = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        size = MAX (size, child_min);
      else
        {
          int top = y_for_minutes (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "week-minutes")));

          size = MAX (size, top) + child_nat;
        }
    }
  if (orientation == GTK_ORIENTATION_VERTICAL)
    size = MAX (size, y_for_minutes (LAST_MINUTE));
  *minimum = *natural = size;
}

static void
column_allocate (GtkWidget *widget,
                 int        width,
                 int        height,
                 int        baseline)
{
  int bottom = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int top = y_for_minutes (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "week-minutes")));
      int child_min, child_nat;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_nat, NULL, NULL);
      top = MAX (top, bottom);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, top, width, child_nat }, -1);
      bottom = top + child_nat;
    }
}

/* ---- helpers ---- */

static GtkWidget *
focused_widget (CrmWeekView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) ? focus : NULL;
}

static GtkWidget *
entry_of_widget (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "calendar-entry") != NULL)
      return w;
  return NULL;
}

/* The day @widget is in, or -1 */
static int
day_of_widget (CrmWeekView *self,
               GtkWidget   *widget)
{
  for (int i = 0; i < 7; i++)
    if (widget == self->days[i].heading || gtk_widget_is_ancestor (widget, self->days[i].heading) ||
        widget == self->days[i].column || gtk_widget_is_ancestor (widget, self->days[i].column))
      return i;
  return -1;
}

static void
clear_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

/* ---- loading ---- */

static void
fill_day (CrmWeekView           *self,
          WeekDay               *day,
          const CrmCalendarCell *cell,
          const GDate           *today)
{
  guint total = cell->n_followups + cell->n_deadlines;
  guint shown = MIN (cell->items->len, MAX_SHOWN);
  g_autofree char *number = g_strdup_printf ("%d", g_date_get_day (&cell->date));
  g_autofree char *label = crm_calendar_format_day (&cell->date);
  g_autofree char *description = crm_calendar_describe_day (cell);
  gboolean strip_used = FALSE;

  day->date = cell->date;
  gtk_label_set_label (GTK_LABEL (day->number), number);
  if (g_date_compare (&cell->date, today) == 0)
    {
      gtk_widget_add_css_class (day->heading, "today");
      gtk_widget_add_css_class (day->column, "today");
    }
  else
    {
      gtk_widget_remove_css_class (day->heading, "today");
      gtk_widget_remove_css_class (day->column, "today");
    }
  if (g_date_compare (&cell->date, &self->date) == 0)
    gtk_widget_add_css_class (day->heading, "selected");
  else
    gtk_widget_remove_css_class (day->heading, "selected");

  clear_children (day->strip);
  clear_children (day->column);
  g_ptr_array_set_size (day->entries, 0);
  for (guint i = 0; i < shown; i++)
    {
      const CrmCalendarItem *item = cell->items->pdata[i];
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (item->at);
      int minutes = g_date_time_get_hour (at) * 60 + g_date_time_get_minute (at);
      GtkWidget *entry = crm_calendar_entry_new (item, TRUE);

      if (minutes < FIRST_MINUTE || minutes >= LAST_MINUTE)
        {
          gtk_box_append (GTK_BOX (day->strip), entry);
          strip_used = TRUE;
        }
      else
        {
          g_object_set_data (G_OBJECT (entry), "week-minutes", GINT_TO_POINTER (minutes));
          gtk_widget_set_parent (entry, day->column);
        }
      g_ptr_array_add (day->entries, entry);
    }
  gtk_widget_set_visible (day->strip, strip_used);

  crm_calendar_update_more (day->more, total, shown, label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (day->heading),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
reload (CrmWeekView *self)
{
  CrmCalendarFilter filter = CRM_CALENDAR_FILTER_INIT;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) cells = NULL;
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
  cells = crm_calendar_load (crm_context_get_store (self->context), first, 7, MAX_SHOWN, &filter, &error);
  if (cells == NULL)
    {
      crm_calendar_report_error (GTK_WIDGET (self), error);
      return;
    }
  now = crm_clock_now_local (crm_context_get_clock (self->context));
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  for (guint i = 0; i < 7 && i < cells->len; i++)
    fill_day (self, &self->days[i], cells->pdata[i], &today);

  if (focus != NULL && focused_widget (self) == NULL)
    {
      for (int d = 0; d < 7 && focused_id != 0; d++)
        for (guint i = 0; i < self->days[d].entries->len; i++)
          {
            GtkWidget *e = self->days[d].entries->pdata[i];

            if (crm_calendar_entry_get_id (e) == focused_id && crm_calendar_entry_is_followup (e) == focused_followup)
              {
                gtk_widget_grab_focus (e);
                return;
              }
          }
      crm_week_view_focus_date (self);
    }
}

static void
crm_week_view_map (GtkWidget *widget)
{
  CrmWeekView *self = CRM_WEEK_VIEW (widget);

  GTK_WIDGET_CLASS (crm_week_view_parent_class)->map (widget);
  if (self->dirty)
    reload (self);
}

static void
store_changed_cb (CrmWeekView *self,
                  int          kind)
{
  if (crm_calendar_change_matters (kind))
    reload (self);
}

/* ---- the selected day ---- */

void
crm_week_view_set_date (CrmWeekView *self,
                        const GDate *date)
{
  GDate first;

  g_return_if_fail (CRM_IS_WEEK_VIEW (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_date_valid (&self->date) && g_date_compare (date, &self->date) == 0)
    return;
  first = *date;
  g_date_subtract_days (&first, g_date_get_weekday (&first) - 1);
  self->date = *date;
  if (g_date_valid (&self->first) && g_date_compare (&first, &self->first) == 0)
    {
      for (int i = 0; i < 7; i++)
        if (g_date_compare (&self->days[i].date, date) == 0)
          gtk_widget_add_css_class (self->days[i].heading, "selected");
        else
          gtk_widget_remove_css_class (self->days[i].heading, "selected");
    }
  else
    {
      self->first = first;
      for (int i = 0; i < 7; i++)
        {
          self->days[i].date = first;
          g_date_add_days (&self->days[i].date, (guint) i);
        }
      reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const GDate *
crm_week_view_get_date (CrmWeekView *self)
{
  g_return_val_if_fail (CRM_IS_WEEK_VIEW (self), NULL);
  return &self->date;
}

void
crm_week_view_set_owner (CrmWeekView *self,
                         gint64       owner_id)
{
  g_return_if_fail (CRM_IS_WEEK_VIEW (self));

  if (self->owner_id == owner_id)
    return;
  self->owner_id = owner_id;
  reload (self);
}

static int
selected_day (CrmWeekView *self)
{
  if (!g_date_valid (&self->first) || !g_date_valid (&self->date))
    return -1;
  return CLAMP (g_date_days_between (&self->first, &self->date), 0, 6);
}

void
crm_week_view_focus_date (CrmWeekView *self)
{
  int d;

  g_return_if_fail (CRM_IS_WEEK_VIEW (self));

  d = selected_day (self);
  if (d >= 0)
    gtk_widget_grab_focus (self->days[d].heading);
}

GtkWidget *
crm_week_view_get_entry (CrmWeekView *self,
                         gint64       id,
                         GtkWidget  **column)
{
  g_return_val_if_fail (CRM_IS_WEEK_VIEW (self), NULL);

  for (int d = 0; d < 7; d++)
    for (guint i = 0; i < self->days[d].entries->len; i++)
      if (crm_calendar_entry_get_id (self->days[d].entries->pdata[i]) == id)
        {
          if (column != NULL)
            *column = self->days[d].column;
          return self->days[d].entries->pdata[i];
        }
  return NULL;
}

/* ---- rescheduling ---- */

gboolean
crm_week_view_move_entry (CrmWeekView *self,
                          gint64       followup_id,
                          const GDate *date,
                          int          minutes)
{
  CrmStore *store;
  g_autoptr(CrmFollowup) followup = NULL;
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_WEEK_VIEW (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  store = crm_context_get_store (self->context);
  followup = crm_store_get_followup (store, followup_id, &error);
  if (followup == NULL)
    {
      crm_calendar_report_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  if (minutes < 0)
    {
      g_autoptr(GDateTime) was = g_date_time_new_from_unix_local (followup->planned_at);

      then = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                                    g_date_time_get_hour (was), g_date_time_get_minute (was),
                                    g_date_time_get_second (was));
    }
  else
    {
      minutes = MIN ((minutes + 7) / 15 * 15, 24 * 60 - 15);
      then = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                                    minutes / 60, minutes % 60, 0);
    }
  if (!crm_store_reschedule_followup (store, followup_id, g_date_time_to_unix (then), &error))
    {
      crm_calendar_report_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
column_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                CrmWeekView   *self)
{
  int d = day_of_widget (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
  int minutes = FIRST_MINUTE + (int) (y * 60 / CRM_WEEK_VIEW_HOUR_HEIGHT);

  if (!G_VALUE_HOLDS_INT64 (value) || d < 0)
    return FALSE;
  return crm_week_view_move_entry (self, g_value_get_int64 (value), &self->days[d].date,
                                   CLAMP (minutes, FIRST_MINUTE, LAST_MINUTE - 15));
}

static gboolean
heading_drop_cb (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 CrmWeekView   *self)
{
  int d = day_of_widget (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));

  if (!G_VALUE_HOLDS_INT64 (value) || d < 0)
    return FALSE;
  return crm_week_view_move_entry (self, g_value_get_int64 (value), &self->days[d].date, -1);
}

/* ---- pointer and keyboard ---- */

/* "+N more": every entry of the day in a popover */
static void
more_clicked_cb (GtkButton   *button,
                 CrmWeekView *self)
{
  int d = day_of_widget (self, GTK_WIDGET (button));

  if (d >= 0)
    crm_calendar_show_day_popover (GTK_WIDGET (button), self->context, &self->days[d].date, self->owner_id);
}

static void
heading_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CrmWeekView     *self)
{
  GtkWidget *heading = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (heading, x, y, GTK_PICK_DEFAULT);
  int d = day_of_widget (self, heading);

  if (d < 0)
    return;
  crm_week_view_set_date (self, &self->days[d].date);
  if (picked == NULL || entry_of_widget (picked) == NULL)
    crm_week_view_focus_date (self);
}

static void
focus_day (CrmWeekView *self,
           int          offset,
           int          entry_index)
{
  GDate date = self->date;
  int d;

  if (offset > 0)
    g_date_add_days (&date, (guint) offset);
  else if (offset < 0)
    g_date_subtract_days (&date, (guint) -offset);
  crm_week_view_set_date (self, &date);
  d = selected_day (self);
  if (entry_index >= 0 && self->days[d].entries->len > 0)
    gtk_widget_grab_focus (self->days[d].entries->pdata[MIN ((guint) entry_index, self->days[d].entries->len - 1)]);
  else
    crm_week_view_focus_date (self);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CrmWeekView           *self)
{
  GtkWidget *focus = focused_widget (self);
  GtkWidget *entry;
  guint index = 0;
  int d;

  if (focus == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  d = day_of_widget (self, focus);
  if (d < 0)
    return FALSE;
  if (g_date_compare (&self->days[d].date, &self->date) != 0)
    crm_week_view_set_date (self, &self->days[d].date);
  entry = entry_of_widget (focus);
  if (entry != NULL && !g_ptr_array_find (self->days[d].entries, entry, &index))
    entry = NULL;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      focus_day (self, -1, entry != NULL ? (int) index : -1);
      return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      focus_day (self, 1, entry != NULL ? (int) index : -1);
      return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      if (entry != NULL && index > 0)
        gtk_widget_grab_focus (self->days[d].entries->pdata[index - 1]);
      else
        crm_week_view_focus_date (self);
      return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      if (entry == NULL && self->days[d].entries->len > 0)
        gtk_widget_grab_focus (self->days[d].entries->pdata[0]);
      else if (entry != NULL && index + 1 < self->days[d].entries->len)
        gtk_widget_grab_focus (self->days[d].entries->pdata[index + 1]);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- rescheduling by keyboard ---- */

/* Puts the keyboard on the follow-up @id if it is shown, else on the selected day */
static void
focus_followup (CrmWeekView *self,
                gint64       id)
{
  for (int d = 0; d < 7; d++)
    for (guint i = 0; i < self->days[d].entries->len; i++)
      {
        GtkWidget *e = self->days[d].entries->pdata[i];

        if (crm_calendar_entry_get_id (e) == id && crm_calendar_entry_is_followup (e))
          {
            gtk_widget_grab_focus (e);
            return;
          }
      }
  crm_week_view_focus_date (self);
}

/* Alt+arrows: the focused follow-up @days later, or to the quarter hour
 * @quarters later (across midnight too); FALSE (the key goes on) when no
 * follow-up has the focus */
static gboolean
move_focused_entry (CrmWeekView *self,
                    int          days,
                    int          quarters)
{
  GtkWidget *focus = focused_widget (self);
  GtkWidget *entry = focus != NULL ? entry_of_widget (focus) : NULL;
  int d = entry != NULL ? day_of_widget (self, entry) : -1;
  int minutes = -1;
  gint64 id;
  GDate date;

  if (entry == NULL || d < 0 || !crm_calendar_entry_is_followup (entry))
    return FALSE;
  id = crm_calendar_entry_get_id (entry);
  date = self->days[d].date;

  if (quarters != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmFollowup) followup = crm_store_get_followup (crm_context_get_store (self->context), id, &error);
      g_autoptr(GDateTime) was = NULL;
      int now;

      if (followup == NULL)
        {
          crm_calendar_report_error (GTK_WIDGET (self), error);
          return TRUE;
        }
      was = g_date_time_new_from_unix_local (followup->planned_at);
      now = g_date_time_get_hour (was) * 60 + g_date_time_get_minute (was);
      /* to the next (or previous) quarter hour, so that a time off the grid snaps to it */
      minutes = quarters > 0 ? (now / 15 + quarters) * 15 : ((now + 14) / 15 + quarters) * 15;
      while (minutes < 0)
        {
          minutes += 24 * 60;
          days--;
        }
      while (minutes >= 24 * 60)
        {
          minutes -= 24 * 60;
          days++;
        }
    }
  if (days > 0)
    g_date_add_days (&date, (guint) days);
  else if (days < 0)
    g_date_subtract_days (&date, (guint) -days);

  if (crm_week_view_move_entry (self, id, &date, minutes))
    {
      crm_week_view_set_date (self, &date);
      focus_followup (self, id);
    }
  return TRUE;
}

static gboolean
move_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  int days, quarters;

  g_variant_get (args, "(ii)", &days, &quarters);
  return move_focused_entry (CRM_WEEK_VIEW (widget), days, quarters);
}

static void
move_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  int days, quarters;

  g_variant_get (parameter, "(ii)", &days, &quarters);
  move_focused_entry (CRM_WEEK_VIEW (widget), days, quarters);
}

/* ---- object ---- */

static void
build_days (CrmWeekView *self)
{
  gtk_widget_set_size_request (self->heading_spacer, AXIS_WIDTH, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->axis), AXIS_WIDTH, -1);
  for (int h = CRM_WEEK_VIEW_FIRST_HOUR; h < CRM_WEEK_VIEW_LAST_HOUR; h++)
    {
      g_autofree char *text = g_strdup_printf ("%02d:00", h);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_set_size_request (label, -1, CRM_WEEK_VIEW_HOUR_HEIGHT);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "hour");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (self->axis, label);
    }

  for (int i = 0; i < 7; i++)
    {
      WeekDay *day = &self->days[i];
      GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *weekday = gtk_label_new (crm_calendar_weekday_abbreviation ((GDateWeekday) (i + 1)));
      GtkGesture *click = gtk_gesture_click_new ();
      GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
      GtkLayoutManager *layout = gtk_custom_layout_new (NULL, column_measure, column_allocate);

      day->entries = g_ptr_array_new ();
      day->heading = g_object_new (GTK_TYPE_BOX,
                                   "orientation", GTK_ORIENTATION_VERTICAL,
                                   "spacing", 2,
                                   "focusable", TRUE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                   NULL);
      gtk_widget_add_css_class (day->heading, "week-day");
      if (i >= 5)
        gtk_widget_add_css_class (day->heading, "weekend");
      gtk_widget_add_css_class (weekday, "weekday");
      day->number = gtk_label_new (NULL);
      gtk_widget_add_css_class (day->number, "day-number");
      gtk_widget_add_css_class (day->number, "numeric");
      gtk_box_append (GTK_BOX (title), weekday);
      gtk_box_append (GTK_BOX (title), day->number);
      gtk_box_append (GTK_BOX (day->heading), title);
      day->strip = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
      gtk_widget_add_css_class (day->strip, "week-strip");
      gtk_widget_set_visible (day->strip, FALSE);
      gtk_box_append (GTK_BOX (day->heading), day->strip);
      day->more = gtk_button_new_with_label ("");
      gtk_widget_set_halign (day->more, GTK_ALIGN_START);
      gtk_widget_add_css_class (day->more, "flat");
      gtk_widget_add_css_class (day->more, "more");
      gtk_widget_set_visible (day->more, FALSE);
      g_signal_connect (day->more, "clicked", G_CALLBACK (more_clicked_cb), self);
      gtk_box_append (GTK_BOX (day->heading), day->more);
      g_signal_connect (click, "pressed", G_CALLBACK (heading_pressed_cb), self);
      gtk_widget_add_controller (day->heading, GTK_EVENT_CONTROLLER (click));
      g_signal_connect (drop, "drop", G_CALLBACK (heading_drop_cb), self);
      gtk_widget_add_controller (day->heading, GTK_EVENT_CONTROLLER (drop));
      gtk_box_append (self->headings_box, day->heading);

      day->column = g_object_new (GTK_TYPE_BOX, "overflow", GTK_OVERFLOW_HIDDEN, NULL);
      gtk_widget_set_layout_manager (day->column, layout);
      gtk_widget_add_css_class (day->column, "week-column");
      if (i >= 5)
        gtk_widget_add_css_class (day->column, "weekend");
      drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
      g_signal_connect (drop, "drop", G_CALLBACK (column_drop_cb), self);
      gtk_widget_add_controller (day->column, GTK_EVENT_CONTROLLER (drop));
      gtk_box_append (self->days_box, day->column);
    }
}

CrmWeekView *
crm_week_view_new (CrmContext *context)
{
  CrmWeekView *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_WEEK_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (crm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static void
crm_week_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrmWeekView *self = CRM_WEEK_VIEW (object);

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
crm_week_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CrmWeekView *self = CRM_WEEK_VIEW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      if (g_value_get_boxed (value) != NULL)
        crm_week_view_set_date (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_week_view_dispose (GObject *object)
{
  CrmWeekView *self = CRM_WEEK_VIEW (object);

  for (int i = 0; i < 7; i++)
    {
      if (self->days[i].column != NULL)
        clear_children (self->days[i].column);
      g_clear_pointer (&self->days[i].entries, g_ptr_array_unref);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WEEK_VIEW);
  memset (self->days, 0, sizeof self->days);   /* the boxes' */
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_week_view_parent_class)->dispose (object);
}

static void
crm_week_view_class_init (CrmWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_week_view_dispose;
  object_class->get_property = crm_week_view_get_property;
  object_class->set_property = crm_week_view_set_property;
  widget_class->map = crm_week_view_map;

  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-week-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWeekView, heading_spacer);
  gtk_widget_class_bind_template_child (widget_class, CrmWeekView, headings_box);
  gtk_widget_class_bind_template_child (widget_class, CrmWeekView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmWeekView, axis);
  gtk_widget_class_bind_template_child (widget_class, CrmWeekView, days_box);

  /* moving the focused follow-up a day or a quarter hour: the view's bindings
   * come before the window's Alt+Left (Back), which bubbles up later */
  gtk_widget_class_install_action (widget_class, "week.move-entry", "(ii)", move_entry_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, move_shortcut_cb, "(ii)", -1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, move_shortcut_cb, "(ii)", -1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, move_shortcut_cb, "(ii)", 1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, move_shortcut_cb, "(ii)", 1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_shortcut_cb, "(ii)", 0, -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, move_shortcut_cb, "(ii)", 0, -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_shortcut_cb, "(ii)", 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, move_shortcut_cb, "(ii)", 0, 1);
}

static void
crm_week_view_init (CrmWeekView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->date, 1);
  g_date_clear (&self->first, 1);
  for (int i = 0; i < 7; i++)
    g_date_clear (&self->days[i].date, 1);
  build_days (self);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
