/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-calendar-page"

#include <glib/gi18n.h>

#include "crm-calendar-page.h"
#include "crm-tooltip.h"
#include "crm-followup-complete.h"
#include "crm-print-document.h"
#include "crm-format.h"
#include "crm-month-view.h"
#include "crm-store-customers.h"
#include "crm-week-view.h"
#include "crm-window.h"

struct _CrmCalendarPage
{
  AdwBin           parent_instance;

  /* template widgets */
  GtkLabel        *title_label;
  GtkDropDown     *owner_dropdown;
  GtkToggleButton *month_button;
  GtkToggleButton *week_button;
  GtkToggleButton *agenda_button;
  GtkStack        *stack;

  /* borrowed: the stack's */
  CrmMonthView    *month_view;
  CrmWeekView     *week_view;
  GtkWidget       *agenda;

  /* owned */
  CrmContext      *context;
  GArray          *owner_ids;    /* gint64, index 0 = everyone */
  char            *title;
  GDate            date;
  gboolean         reloading_choices;
  gboolean         switching;
};

G_DEFINE_FINAL_TYPE (CrmCalendarPage, crm_calendar_page, ADW_TYPE_BIN)

/* ---- names of days and months: our own translations, as the C locale's strftime speaks English ---- */

static const char *weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

const char *
crm_calendar_weekday_abbreviation (GDateWeekday weekday)
{
  switch (weekday)
    {
    case G_DATE_MONDAY:    return C_("weekday abbreviation", "Mon");
    case G_DATE_TUESDAY:   return C_("weekday abbreviation", "Tue");
    case G_DATE_WEDNESDAY: return C_("weekday abbreviation", "Wed");
    case G_DATE_THURSDAY:  return C_("weekday abbreviation", "Thu");
    case G_DATE_FRIDAY:    return C_("weekday abbreviation", "Fri");
    case G_DATE_SATURDAY:  return C_("weekday abbreviation", "Sat");
    case G_DATE_SUNDAY:    return C_("weekday abbreviation", "Sun");
    case G_DATE_BAD_WEEKDAY:
    default:               return "";
    }
}

static const char *
month_name (GDateMonth month)
{
  /* Translators: the month in a calendar's title and day names; Chinese may say "11月" */
  switch (month)
    {
    case G_DATE_JANUARY:   return C_("month", "January");
    case G_DATE_FEBRUARY:  return C_("month", "February");
    case G_DATE_MARCH:     return C_("month", "March");
    case G_DATE_APRIL:     return C_("month", "April");
    case G_DATE_MAY:       return C_("month", "May");
    case G_DATE_JUNE:      return C_("month", "June");
    case G_DATE_JULY:      return C_("month", "July");
    case G_DATE_AUGUST:    return C_("month", "August");
    case G_DATE_SEPTEMBER: return C_("month", "September");
    case G_DATE_OCTOBER:   return C_("month", "October");
    case G_DATE_NOVEMBER:  return C_("month", "November");
    case G_DATE_DECEMBER:  return C_("month", "December");
    case G_DATE_BAD_MONTH:
    default:               return "";
    }
}

static const char *
month_abbreviation (GDateMonth month)
{
  /* Translators: the month in a week's title, "Nov 16 – 22, 2026"; Chinese may say "11月" */
  switch (month)
    {
    case G_DATE_JANUARY:   return C_("month abbreviation", "Jan");
    case G_DATE_FEBRUARY:  return C_("month abbreviation", "Feb");
    case G_DATE_MARCH:     return C_("month abbreviation", "Mar");
    case G_DATE_APRIL:     return C_("month abbreviation", "Apr");
    case G_DATE_MAY:       return C_("month abbreviation", "May");
    case G_DATE_JUNE:      return C_("month abbreviation", "Jun");
    case G_DATE_JULY:      return C_("month abbreviation", "Jul");
    case G_DATE_AUGUST:    return C_("month abbreviation", "Aug");
    case G_DATE_SEPTEMBER: return C_("month abbreviation", "Sep");
    case G_DATE_OCTOBER:   return C_("month abbreviation", "Oct");
    case G_DATE_NOVEMBER:  return C_("month abbreviation", "Nov");
    case G_DATE_DECEMBER:  return C_("month abbreviation", "Dec");
    case G_DATE_BAD_MONTH:
    default:               return "";
    }
}

char *
crm_calendar_format_day (const GDate *date)
{
  /* Translators: a day of the calendar: weekday, month and day, "Tuesday, November 24" */
  return g_strdup_printf (_("%s, %s %d"), _(weekday_names[g_date_get_weekday (date) - 1]),
                          month_name (g_date_get_month (date)), g_date_get_day (date));
}

char *
crm_calendar_describe_day (const CrmCalendarCell *cell)
{
  g_autofree char *day = crm_calendar_format_day (&cell->date);
  g_autoptr(GString) counts = g_string_new (NULL);
  /* Translators: between the counts of a day, "5 follow-ups, 1 overdue" */
  const char *separator = C_("list separator", ", ");

  if (cell->n_followups > 0)
    g_string_append_printf (counts, ngettext ("%u follow-up", "%u follow-ups", cell->n_followups),
                            cell->n_followups);
  if (cell->n_deadlines > 0)
    {
      if (counts->len > 0)
        g_string_append (counts, separator);
      g_string_append_printf (counts, ngettext ("%u ticket deadline", "%u ticket deadlines", cell->n_deadlines),
                              cell->n_deadlines);
    }
  if (cell->n_overdue > 0)
    {
      g_string_append (counts, separator);
      g_string_append_printf (counts, ngettext ("%u overdue", "%u overdue", cell->n_overdue), cell->n_overdue);
    }
  if (counts->len == 0)
    g_string_append (counts, _("nothing planned"));
  /* Translators: a day of the calendar and what it holds, "Tuesday, November 24: 5 follow-ups, 1 overdue" */
  return g_strdup_printf (_("%s: %s"), day, counts->str);
}

GDateTime *
crm_calendar_date_to_local (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
}

void
crm_calendar_report_error (GtkWidget    *widget,
                           const GError *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, CRM_TYPE_WINDOW);

  if (window != NULL)
    crm_window_add_toast (CRM_WINDOW (window), adw_toast_new (error->message));
  else
    g_message ("%s", error->message);
}

gboolean
crm_calendar_change_matters (int kind)
{
  return kind == CRM_CHANGE_FOLLOWUP || kind == CRM_CHANGE_TICKET || kind == CRM_CHANGE_ALL ||
         kind == CRM_CHANGE_TEAM || kind == CRM_CHANGE_CUSTOMER;
}

/* ---- entries ---- */

typedef struct {
  CrmCalendarItemKind kind;
  gint64              id;
  CrmFollowupState    state;
  gboolean            draggable;   /* a follow-up that can be rescheduled */
  /* its parts (the button owns them) */
  GtkWidget          *time_label;  /* NULL: the time is not shown */
  GtkWidget          *icon;
  GtkWidget          *name_label;
} EntryData;


static const char *
kind_icon_name (CrmFollowupKind kind)
{
  switch (kind)
    {
    case CRM_FOLLOWUP_CALL:     return "call-start-symbolic";
    case CRM_FOLLOWUP_VISIT:    return "mark-location-symbolic";
    case CRM_FOLLOWUP_EMAIL:    return "mail-unread-symbolic";
    case CRM_FOLLOWUP_GREETING: return "emote-love-symbolic";
    case CRM_FOLLOWUP_REVIEW:   return "x-office-document-symbolic";
    case CRM_FOLLOWUP_CARE:     return "face-smile-symbolic";
    case CRM_FOLLOWUP_ANALYSIS: return "dialog-warning-symbolic";
    case CRM_FOLLOWUP_OTHER:
    case CRM_N_FOLLOWUP_KINDS:
    default:                    return "view-more-symbolic";
    }
}

static void
entry_clicked_cb (GtkButton *button)
{
  EntryData *data = g_object_get_data (G_OBJECT (button), "calendar-entry");

  if (data->kind == CRM_CALENDAR_FOLLOWUP)
    gtk_widget_activate_action (GTK_WIDGET (button), "win.show-followup", "x", data->id);
  else
    gtk_widget_activate_action (GTK_WIDGET (button), "win.show-ticket", "x", data->id);
}

static GdkContentProvider *
entry_drag_prepare_cb (GtkDragSource *source,
                       double         x,
                       double         y,
                       gpointer       user_data)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  EntryData *data = g_object_get_data (G_OBJECT (entry), "calendar-entry");

  if (!data->draggable)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, data->id);
}

static void
entry_drag_begin_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gpointer       user_data)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (entry);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

void
crm_calendar_update_more (GtkWidget  *button,
                          guint       total,
                          guint       shown,
                          const char *day_label)
{
  if (total > shown)
    {
      /* Translators: the entries of a calendar day not shown for want of room */
      g_autofree char *text = g_strdup_printf (ngettext ("+%u more", "+%u more", total - shown), total - shown);
      /* Translators: the accessible name of "+N more": "Show all 12 entries of Tuesday, November 24" */
      g_autofree char *description = g_strdup_printf (ngettext ("Show all %u entry of %s",
                                                                "Show all %u entries of %s", total),
                                                      total, day_label);

      gtk_button_set_label (GTK_BUTTON (button), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      crm_tooltip_set (button, description);
    }
  gtk_widget_set_visible (button, total > shown);
}

static gboolean
unparent_cb (gpointer data)
{
  gtk_widget_unparent (data);
  return G_SOURCE_REMOVE;
}

static void
popover_closed_cb (GtkPopover *popover)
{
  /* not while it is still closing: an entry's action may be on its way */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unparent_cb, g_object_ref (popover), g_object_unref);
}

/* "+N more": every entry of the day in a popover, as GNOME Calendar does */
#define MAX_IN_POPOVER 200

void
crm_calendar_show_day_popover (GtkWidget   *parent,
                               CrmContext  *context,
                               const GDate *date,
                               gint64       owner_id)
{
  CrmCalendarFilter filter = CRM_CALENDAR_FILTER_INIT;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const CrmCalendarCell *day;
  GtkWidget *popover, *box, *heading, *scrolled, *list;

  first = crm_calendar_date_to_local (date);
  filter.owner_id = owner_id;
  days = crm_calendar_load (crm_context_get_store (context), first, 1, MAX_IN_POPOVER, &filter, &error);
  if (days == NULL)
    {
      crm_calendar_report_error (parent, error);
      return;
    }
  day = days->pdata[0];

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (box, 320, -1);
  title = crm_calendar_format_day (&day->date);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
  for (guint i = 0; i < day->items->len; i++)
    gtk_box_append (GTK_BOX (list), crm_calendar_entry_new (day->items->pdata[i], TRUE));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  if (day->n_followups + day->n_deadlines > day->items->len)
    {
      guint rest = day->n_followups + day->n_deadlines - day->items->len;
      g_autofree char *text = g_strdup_printf (ngettext ("%u more in the Agenda", "%u more in the Agenda", rest), rest);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_widget_set_parent (popover, parent);
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  if (day->items->len > 0)
    gtk_widget_grab_focus (gtk_widget_get_first_child (list));
}

GtkWidget *
crm_calendar_entry_new (const CrmCalendarItem *item,
                        gboolean               with_time)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  EntryData *data = g_new0 (EntryData, 1);
  GtkDragSource *source = gtk_drag_source_new ();

  g_object_set_data_full (G_OBJECT (button), "calendar-entry", data, g_free);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "calendar-entry");
  if (with_time)
    {
      data->time_label = gtk_label_new (NULL);
      gtk_widget_add_css_class (data->time_label, "entry-time");
      gtk_widget_add_css_class (data->time_label, "numeric");
      gtk_box_append (GTK_BOX (box), data->time_label);
    }
  data->icon = gtk_image_new ();
  gtk_widget_add_css_class (data->icon, "entry-icon");
  gtk_box_append (GTK_BOX (box), data->icon);
  data->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (data->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (data->name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (data->name_label), 3);
  gtk_widget_set_hexpand (data->name_label, TRUE);
  gtk_widget_add_css_class (data->name_label, "entry-name");
  gtk_box_append (GTK_BOX (box), data->name_label);
  gtk_button_set_child (GTK_BUTTON (button), box);

  g_signal_connect (button, "clicked", G_CALLBACK (entry_clicked_cb), NULL);
  /* what can be rescheduled can be dragged (the source asks when a drag starts) */
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (entry_drag_prepare_cb), NULL);
  g_signal_connect (source, "drag-begin", G_CALLBACK (entry_drag_begin_cb), NULL);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));

  crm_calendar_entry_set_item (button, item);
  return button;
}

void
crm_calendar_entry_set_item (GtkWidget             *entry,
                             const CrmCalendarItem *item)
{
  static const char * const state_classes[] = { "deadline", "overdue", "done", "skipped" };
  EntryData *data = g_object_get_data (G_OBJECT (entry), "calendar-entry");
  g_autoptr(GDateTime) at = crm_date_time_new_local (item->at);
  g_autofree char *time = g_date_time_format (at, "%H:%M");
  gboolean followup = item->kind == CRM_CALENDAR_FOLLOWUP;
  const char *what = followup ? crm_followup_kind_to_string (item->detail)
                              : item->kind == CRM_CALENDAR_TICKET_RESPONSE ? _("First response due")
                                                                           : _("Resolution due");
  const char *name = followup ? item->customer_name : item->title;
  const char *state = followup || item->state == CRM_FOLLOWUP_STATE_OVERDUE
                      ? crm_followup_state_to_string (item->state) : NULL;
  g_autoptr(GString) tooltip = g_string_new (NULL);
  g_autofree char *accessible = NULL;

  g_return_if_fail (data != NULL);

  data->kind = item->kind;
  data->id = item->id;
  data->state = item->state;
  data->draggable = followup && (item->state == CRM_FOLLOWUP_STATE_PLANNED ||
                                 item->state == CRM_FOLLOWUP_STATE_OVERDUE);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (entry, state_classes[i]);
  if (!followup)
    gtk_widget_add_css_class (entry, "deadline");
  switch (item->state)
    {
    case CRM_FOLLOWUP_STATE_OVERDUE: gtk_widget_add_css_class (entry, "overdue"); break;
    case CRM_FOLLOWUP_STATE_DONE:    gtk_widget_add_css_class (entry, "done"); break;
    case CRM_FOLLOWUP_STATE_SKIPPED: gtk_widget_add_css_class (entry, "skipped"); break;
    case CRM_FOLLOWUP_STATE_PLANNED:
    case CRM_N_FOLLOWUP_STATES:
    default: break;
    }

  if (data->time_label != NULL)
    gtk_label_set_label (GTK_LABEL (data->time_label), time);
  gtk_image_set_from_icon_name (GTK_IMAGE (data->icon), followup ? kind_icon_name (item->detail) : "alarm-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  gtk_label_set_label (GTK_LABEL (data->name_label), name != NULL ? name : "");

  /* Translators: the first line of a calendar entry's tooltip: time, kind and customer */
  g_string_append_printf (tooltip, _("%s · %s · %s"), time, what, item->customer_name != NULL ? item->customer_name : "");
  if (item->title != NULL)
    g_string_append_printf (tooltip, "\n%s", item->title);
  if (state != NULL)
    g_string_append_printf (tooltip, "\n%s", state);
  if (item->owner_name != NULL)
    {
      /* Translators: in a calendar entry's tooltip: who the follow-up or ticket is for */
      g_string_append_c (tooltip, '\n');
      g_string_append_printf (tooltip, _("Owner: %s"), item->owner_name);
    }
  crm_tooltip_set (entry, tooltip->str);
  /* Translators: a calendar entry read by a screen reader: time, kind, customer, item, state */
  accessible = g_strdup_printf (_("%s, %s, %s, %s, %s"), time, what,
                                item->customer_name != NULL ? item->customer_name : "",
                                item->title != NULL ? item->title : "", state != NULL ? state : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

gint64
crm_calendar_entry_get_id (GtkWidget *entry)
{
  EntryData *data = g_object_get_data (G_OBJECT (entry), "calendar-entry");

  return data != NULL ? data->id : 0;
}

gboolean
crm_calendar_entry_is_followup (GtkWidget *entry)
{
  EntryData *data = g_object_get_data (G_OBJECT (entry), "calendar-entry");

  return data != NULL && data->kind == CRM_CALENDAR_FOLLOWUP;
}

/* ---- the page ---- */

static gboolean
showing_week (CrmCalendarPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "week") == 0;
}

static void
update_title (CrmCalendarPage *self)
{
  g_autofree char *title = NULL;

  if (showing_week (self))
    {
      GDate first = self->date, last;
      int y1, y2;

      g_date_subtract_days (&first, g_date_get_weekday (&first) - 1);
      last = first;
      g_date_add_days (&last, 6);
      y1 = g_date_get_year (&first);
      y2 = g_date_get_year (&last);
      if (y1 != y2)
        /* Translators: a week across two years, "Dec 28, 2026 – Jan 3, 2027" */
        title = g_strdup_printf (_("%s %d, %d – %s %d, %d"),
                                 month_abbreviation (g_date_get_month (&first)), g_date_get_day (&first), y1,
                                 month_abbreviation (g_date_get_month (&last)), g_date_get_day (&last), y2);
      else if (g_date_get_month (&first) != g_date_get_month (&last))
        /* Translators: a week across two months, "Nov 30 – Dec 6, 2026" */
        title = g_strdup_printf (_("%s %d – %s %d, %d"),
                                 month_abbreviation (g_date_get_month (&first)), g_date_get_day (&first),
                                 month_abbreviation (g_date_get_month (&last)), g_date_get_day (&last), y2);
      else
        /* Translators: a week's title, "Nov 16 – 22, 2026": month, first day, last day, year */
        title = g_strdup_printf (_("%s %d – %d, %d"), month_abbreviation (g_date_get_month (&first)),
                                 g_date_get_day (&first), g_date_get_day (&last), y1);
    }
  else
    /* Translators: a month's title, "November 2026": the month's name and the year; "%2$d年%1$s" reorders them */
    title = g_strdup_printf (_("%s %d"), month_name (g_date_get_month (&self->date)), g_date_get_year (&self->date));

  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      gtk_label_set_label (self->title_label, self->title);
    }
}

static void
set_date (CrmCalendarPage *self,
          const GDate     *date)
{
  self->date = *date;
  crm_month_view_set_date (self->month_view, date);
  crm_week_view_set_date (self->week_view, date);
  update_title (self);
}

static void
view_date_changed_cb (CrmCalendarPage *self,
                      GParamSpec      *pspec,
                      GtkWidget       *view)
{
  const GDate *date = CRM_IS_MONTH_VIEW (view) ? crm_month_view_get_date (CRM_MONTH_VIEW (view))
                                               : crm_week_view_get_date (CRM_WEEK_VIEW (view));

  if (g_date_compare (date, &self->date) != 0)
    set_date (self, date);
}

void
crm_calendar_page_show_date (CrmCalendarPage *self,
                             GDateTime       *day)
{
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_return_if_fail (CRM_IS_CALENDAR_PAGE (self));
  g_return_if_fail (day != NULL);

  local = g_date_time_to_local (day);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local), (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  set_date (self, &date);
}

/* The keyboard follows the selected day, when it is in the page. */
static void
focus_selected (CrmCalendarPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack)))
    return;
  if (g_strcmp0 (name, "month") == 0)
    crm_month_view_focus_date (self->month_view);
  else if (g_strcmp0 (name, "week") == 0)
    crm_week_view_focus_date (self->week_view);
}

static void
move_period (CrmCalendarPage *self,
             int              direction)
{
  GDate date = self->date;

  if (showing_week (self))
    {
      if (direction > 0)
        g_date_add_days (&date, 7);
      else
        g_date_subtract_days (&date, 7);
    }
  else
    {
      if (direction > 0)
        g_date_add_months (&date, 1);
      else
        g_date_subtract_months (&date, 1);
    }
  set_date (self, &date);
  focus_selected (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_period (CRM_CALENDAR_PAGE (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_period (CRM_CALENDAR_PAGE (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CrmCalendarPage *self = CRM_CALENDAR_PAGE (widget);
  g_autoptr(GDateTime) now = crm_clock_now_local (crm_context_get_clock (self->context));

  crm_calendar_page_show_date (self, now);
  focus_selected (self);
}

/* ---- printing the agenda of the selected day or its week ---- */

static void
print_agenda (CrmCalendarPage *self,
              guint            n_days)
{
  CrmCalendarFilter filter = CRM_CALENDAR_FILTER_INIT;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GError) error = NULL;
  GDate day = self->date;
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  if (!g_date_valid (&day) || !GTK_IS_WINDOW (root))
    return;
  /* weeks start on Monday, as the views do */
  if (n_days == 7)
    g_date_subtract_days (&day, g_date_get_weekday (&day) - G_DATE_MONDAY);
  first = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 0, 0, 0);
  if (selected > 0 && selected < self->owner_ids->len)
    filter.owner_id = g_array_index (self->owner_ids, gint64, selected);
  if (!crm_print_agenda_run_dialog (crm_context_get_store (self->context), first, n_days, &filter,
                                    GTK_WINDOW (root), &error))
    crm_followup_toast (GTK_WIDGET (self), adw_toast_new (error->message));
}

static void
print_day_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  print_agenda (CRM_CALENDAR_PAGE (widget), 1);
}

static void
print_week_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  print_agenda (CRM_CALENDAR_PAGE (widget), 7);
}

const char *
crm_calendar_page_get_title (CrmCalendarPage *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_PAGE (self), NULL);
  return self->title;
}

/* ---- views ---- */

static void
update_toggles (CrmCalendarPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  self->switching = TRUE;
  gtk_toggle_button_set_active (self->month_button, g_strcmp0 (name, "month") == 0);
  gtk_toggle_button_set_active (self->week_button, g_strcmp0 (name, "week") == 0);
  gtk_toggle_button_set_active (self->agenda_button, g_strcmp0 (name, "agenda") == 0);
  self->switching = FALSE;
}

void
crm_calendar_page_set_view (CrmCalendarPage *self,
                            const char      *name)
{
  g_return_if_fail (CRM_IS_CALENDAR_PAGE (self));
  g_return_if_fail (name != NULL);

  if (g_str_equal (name, "agenda") && self->agenda == NULL)
    return;
  if (!g_str_equal (name, "month") && !g_str_equal (name, "week") && !g_str_equal (name, "agenda"))
    {
      g_warning ("No calendar view “%s”", name);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, name);
  update_toggles (self);
  update_title (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_label), !g_str_equal (name, "agenda"));
}

const char *
crm_calendar_page_get_view (CrmCalendarPage *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static void
view_toggled_cb (CrmCalendarPage *self)
{
  if (self->switching)
    return;
  if (gtk_toggle_button_get_active (self->month_button))
    crm_calendar_page_set_view (self, "month");
  else if (gtk_toggle_button_get_active (self->week_button))
    crm_calendar_page_set_view (self, "week");
  else if (gtk_toggle_button_get_active (self->agenda_button))
    crm_calendar_page_set_view (self, "agenda");
}

void
crm_calendar_page_set_agenda (CrmCalendarPage *self,
                              GtkWidget       *agenda)
{
  g_return_if_fail (CRM_IS_CALENDAR_PAGE (self));
  g_return_if_fail (agenda == NULL || GTK_IS_WIDGET (agenda));

  if (self->agenda == agenda)
    return;
  if (self->agenda != NULL)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "agenda") == 0)
        crm_calendar_page_set_view (self, "month");
      gtk_stack_remove (self->stack, self->agenda);
    }
  self->agenda = agenda;
  if (agenda != NULL)
    gtk_stack_add_named (self->stack, agenda, "agenda");
  gtk_widget_set_visible (GTK_WIDGET (self->agenda_button), agenda != NULL);
}

GtkWidget *
crm_calendar_page_get_month_view (CrmCalendarPage *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_PAGE (self), NULL);
  return GTK_WIDGET (self->month_view);
}

GtkWidget *
crm_calendar_page_get_week_view (CrmCalendarPage *self)
{
  g_return_val_if_fail (CRM_IS_CALENDAR_PAGE (self), NULL);
  return GTK_WIDGET (self->week_view);
}

/* ---- owner filter ---- */

static void
owner_changed_cb (CrmCalendarPage *self)
{
  guint selected;
  gint64 owner_id = 0;

  if (self->reloading_choices || self->owner_ids == NULL)
    return;
  selected = gtk_drop_down_get_selected (self->owner_dropdown);
  if (selected > 0 && selected < self->owner_ids->len)
    owner_id = g_array_index (self->owner_ids, gint64, selected);
  crm_month_view_set_owner (self->month_view, owner_id);
  crm_week_view_set_owner (self->week_view, owner_id);
}

static void
reload_owners (CrmCalendarPage *self)
{
  g_autoptr(GPtrArray) members = crm_store_list_team_members (crm_context_get_store (self->context));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);
  gint64 current = selected > 0 && selected < self->owner_ids->len
                   ? g_array_index (self->owner_ids, gint64, selected) : 0;
  guint keep = 0;
  gint64 everyone = 0;

  self->reloading_choices = TRUE;
  g_array_set_size (self->owner_ids, 0);
  g_array_append_val (self->owner_ids, everyone);
  gtk_string_list_append (names, _("Everyone"));
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = crm_team_member_get_id (members->pdata[i]);

      if (id == current)
        keep = self->owner_ids->len;
      g_array_append_val (self->owner_ids, id);
      gtk_string_list_append (names, crm_team_member_get_name (members->pdata[i]));
    }
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->owner_dropdown, keep);
  self->reloading_choices = FALSE;
  owner_changed_cb (self);
}

static void
store_changed_cb (CrmCalendarPage *self,
                  int              kind)
{
  if (kind == CRM_CHANGE_TEAM || kind == CRM_CHANGE_ALL)
    reload_owners (self);
}

/* ---- object ---- */

CrmCalendarPage *
crm_calendar_page_new (CrmContext *context)
{
  CrmCalendarPage *self;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_CALENDAR_PAGE, NULL);
  self->context = g_object_ref (context);

  self->month_view = crm_month_view_new (context);
  self->week_view = crm_week_view_new (context);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->month_view), "month");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->week_view), "week");
  gtk_stack_set_visible_child_name (self->stack, "month");
  g_signal_connect_object (self->month_view, "notify::date", G_CALLBACK (view_date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->week_view, "notify::date", G_CALLBACK (view_date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (crm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  reload_owners (self);
  now = crm_clock_now_local (crm_context_get_clock (context));
  crm_calendar_page_show_date (self, now);
  return self;
}

static void
crm_calendar_page_dispose (GObject *object)
{
  CrmCalendarPage *self = CRM_CALENDAR_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CALENDAR_PAGE);
  self->month_view = NULL;
  self->week_view = NULL;
  self->agenda = NULL;
  g_clear_object (&self->context);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (crm_calendar_page_parent_class)->dispose (object);
}

static void
crm_calendar_page_class_init (CrmCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_calendar_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, agenda_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCalendarPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, owner_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.print-day", NULL, print_day_action);
  gtk_widget_class_install_action (widget_class, "calendar.print-week", NULL, print_week_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "calendar.print-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "calendar.print-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, 0, "calendar.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "calendar.today", NULL);
}

static void
crm_calendar_page_init (CrmCalendarPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_date_clear (&self->date, 1);
}
