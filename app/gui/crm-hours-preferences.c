/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-hours-preferences"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "crm-field-message.h"
#include "crm-hours-preferences.h"
#include "crm-weekday-editor.h"
#include "crm-worktime.h"

struct _CrmHoursPreferences
{
  AdwPreferencesPage parent_instance;

  /* template widgets */
  AdwPreferencesGroup *week_group;
  AdwEntryRow         *date_row;
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  GtkDropDown         *year_dropdown;
  GtkListBox          *days_list;

  /* borrowed */
  AdwActionRow        *weekday_rows[7];
  GtkLabel            *date_message;

  /* owned */
  CrmContext          *context;
  GArray              *years;         /* int: the years the dropdown lists */
  GArray              *days;          /* CrmCalendarDay: the shown year's */

  int                  year;          /* the year shown */
  int                  focus_index;   /* after a removal, the row to focus once the list is rebuilt; -1 */
  gboolean             filling_years;
};

G_DEFINE_FINAL_TYPE (CrmHoursPreferences, crm_hours_preferences, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* the weekday from our own translations: the C locale's strftime would say it in English */
static const char *weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

static const char *
day_kind_to_string (CrmDayKind kind)
{
  return kind == CRM_DAY_WORKDAY ? _("Make-up working day") : _("Public holiday");
}

static void
add_toast (CrmHoursPreferences *self,
           AdwToast            *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

/* Takes @title */
static void
add_error_toast (CrmHoursPreferences *self,
                 char                *title)
{
  add_toast (self, adw_toast_new (title));
  g_free (title);
}

/* ---- the week ---- */

static char *
windows_summary (const CrmWorkWindow *windows,
                 guint                n)
{
  GString *text;

  if (n == 0)
    return g_strdup (_("Day off"));

  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = crm_work_format_time (windows[i].start_minute);
      g_autofree char *end = crm_work_format_time (windows[i].end_minute);

      if (i > 0)
        g_string_append (text, _(", "));
      g_string_append_printf (text, "%s–%s", start, end);
    }
  return g_string_free (text, FALSE);
}

static void
reload_week (CrmHoursPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmWorkCalendar) cal = crm_work_calendar_load (crm_context_get_store (self->context), NULL, &error);

  if (cal == NULL)
    {
      add_error_toast (self, g_strdup (error->message));
      return;
    }

  for (int weekday = 1; weekday <= 7; weekday++)
    {
      guint n;
      const CrmWorkWindow *windows = crm_work_calendar_get_windows (cal, weekday, &n);
      g_autofree char *summary = windows_summary (windows, n);

      adw_action_row_set_subtitle (self->weekday_rows[weekday - 1], summary);
    }
}

static void
weekday_activated_cb (AdwActionRow        *row,
                      CrmHoursPreferences *self)
{
  int weekday = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "weekday"));
  CrmWeekdayEditor *editor = crm_weekday_editor_new (self->context, weekday);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* ---- the days ---- */

static int
year_of (const char *ymd)
{
  return atoi (ymd);
}

/* "Thursday, Jan 1" in the user's language (the year is the dropdown's) */
static char *
day_title (const char *ymd)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year_of (ymd), atoi (ymd + 5), atoi (ymd + 8), 0, 0, 0);
  g_autofree char *day = NULL;

  if (date == NULL)
    return g_strdup (ymd);
  /* Translators: a date in this year, see strftime(3); e.g. "%-m月%-d日" */
  day = g_date_time_format (date, _("%b %-d"));
  /* Translators: a day in the list of public holidays: the weekday and the date, "Thursday, Jan 1" */
  return g_strdup_printf (_("%s, %s"), _(weekday_names[g_date_time_get_day_of_week (date) - 1]), day);
}

static char *
day_subtitle (const CrmCalendarDay *day)
{
  const char *kind = day_kind_to_string (day->kind);
  const char *name = day->name != NULL ? crm_holiday_display_name (day->name) : NULL;

  if (name == NULL || *name == '\0' || g_str_equal (name, kind))
    return g_strdup (kind);
  /* Translators: the kind of a day and its name, "Public holiday · Spring Festival" */
  return g_strdup_printf (_("%s · %s"), kind, name);
}

typedef struct {
  char        ymd[11];
  CrmDayKind  kind;
  char       *name;
} RemovedDay;

static void
removed_day_free (gpointer data)
{
  RemovedDay *removed = data;

  g_free (removed->name);
  g_free (removed);
}

static void
undo_remove_cb (AdwToast            *toast,
                CrmHoursPreferences *self)
{
  RemovedDay *removed = g_object_get_data (G_OBJECT (toast), "removed-day");
  g_autoptr(GError) error = NULL;

  self->year = year_of (removed->ymd);
  if (!crm_work_calendar_save_day (crm_context_get_store (self->context), removed->ymd, removed->kind,
                                   removed->name, &error))
    add_error_toast (self, g_strdup_printf (_("Could not put the day back: %s"), error->message));
}

static void
remove_day_clicked_cb (GtkButton           *button,
                       CrmHoursPreferences *self)
{
  const char *ymd = g_object_get_data (G_OBJECT (button), "ymd");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *toast_title = NULL;
  RemovedDay *removed = NULL;
  AdwToast *toast;
  int index = -1;

  for (guint i = 0; i < self->days->len; i++)
    {
      CrmCalendarDay *day = &g_array_index (self->days, CrmCalendarDay, i);

      if (g_str_equal (day->ymd, ymd))
        {
          removed = g_new0 (RemovedDay, 1);
          memcpy (removed->ymd, day->ymd, sizeof removed->ymd);
          removed->kind = day->kind;
          removed->name = g_strdup (day->name);
          index = (int) i;
          break;
        }
    }
  g_return_if_fail (removed != NULL);

  self->focus_index = index;
  if (!crm_work_calendar_delete_day (crm_context_get_store (self->context), removed->ymd, &error))
    {
      self->focus_index = -1;
      removed_day_free (removed);
      add_error_toast (self, g_strdup_printf (_("Could not remove the day: %s"), error->message));
      return;
    }

  title = day_title (removed->ymd);
  /* Translators: a toast after a public holiday or make-up day was removed, "Thursday, Jan 1 removed" */
  toast_title = g_strdup_printf (_("%s removed"), title);
  toast = adw_toast_new (toast_title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "removed-day", removed, removed_day_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  add_toast (self, toast);
}

static GtkWidget *
day_row_new (CrmHoursPreferences  *self,
             const CrmCalendarDay *day)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = day_title (day->ymd);
  g_autofree char *subtitle = day_subtitle (day);
  g_autofree char *remove_name = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: the accessible name of the button that removes a day from the holidays, "Remove Thursday, Jan 1" */
  remove_name = g_strdup_printf (_("Remove %s"), title);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data_full (G_OBJECT (remove), "ymd", g_strdup (day->ymd), g_free);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_day_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
fill_days (CrmHoursPreferences *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GArray *days;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_list))) != NULL)
    gtk_list_box_remove (self->days_list, child);

  days = crm_work_calendar_list_days (crm_context_get_store (self->context), self->year, &error);
  if (days == NULL)
    {
      add_error_toast (self, g_strdup (error->message));
      days = g_array_new (FALSE, TRUE, sizeof (CrmCalendarDay));
    }
  g_clear_pointer (&self->days, g_array_unref);
  self->days = days;

  if (days->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;

      /* Translators: the holiday list of a year without any, "No public holidays or make-up days in 2028" */
      title = g_strdup_printf (_("No public holidays or make-up days in %d"), self->year);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->days_list, row);
    }

  for (guint i = 0; i < days->len; i++)
    gtk_list_box_append (self->days_list, day_row_new (self, &g_array_index (days, CrmCalendarDay, i)));

  if (self->focus_index >= 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->days_list,
                                                          MIN (self->focus_index, (int) days->len - 1));

      /* the keyboard stays where the removed day was: on the next day's button */
      if (row != NULL && days->len > 0)
        {
          GtkWidget *widget = GTK_WIDGET (row);

          while (widget != NULL && !GTK_IS_BUTTON (widget))
            widget = gtk_widget_get_last_child (widget);
          gtk_widget_grab_focus (widget != NULL ? widget : GTK_WIDGET (row));
        }
      self->focus_index = -1;
    }
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int ia = *(const int *) a, ib = *(const int *) b;

  return (ia > ib) - (ia < ib);
}

/* The years to choose from: this year and the next, and every year that has days. */
static void
fill_years (CrmHoursPreferences *self)
{
  g_autoptr(GDateTime) now = crm_clock_now_local (crm_context_get_clock (self->context));
  g_autoptr(GArray) all = crm_work_calendar_list_days (crm_context_get_store (self->context), 0, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int this_year = g_date_time_get_year (now);
  int candidates[] = { this_year, this_year + 1, self->year };
  guint selected = 0;

  g_array_set_size (self->years, 0);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] > 0)
      g_array_append_val (self->years, candidates[i]);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      int year = year_of (g_array_index (all, CrmCalendarDay, i).ymd);

      g_array_append_val (self->years, year);
    }
  g_array_sort (self->years, compare_ints);
  for (guint i = 1; i < self->years->len;)
    {
      if (g_array_index (self->years, int, i) == g_array_index (self->years, int, i - 1))
        g_array_remove_index (self->years, i);
      else
        i++;
    }

  if (self->year <= 0)
    self->year = this_year;
  for (guint i = 0; i < self->years->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%d", g_array_index (self->years, int, i));

      gtk_string_list_append (names, name);
      if (g_array_index (self->years, int, i) == self->year)
        selected = i;
    }

  self->filling_years = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->filling_years = FALSE;
}

static void
reload_days (CrmHoursPreferences *self)
{
  fill_years (self);
  fill_days (self);
}

static void
year_selected_cb (CrmHoursPreferences *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->filling_years || selected >= self->years->len)
    return;
  self->year = g_array_index (self->years, int, selected);
  fill_days (self);
}

static void
add_day_cb (CrmHoursPreferences *self)
{
  g_autofree char *ymd = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  CrmDayKind kind = adw_combo_row_get_selected (self->kind_row) == 1 ? CRM_DAY_WORKDAY : CRM_DAY_HOLIDAY;
  g_autoptr(GError) error = NULL;
  int previous_year = self->year;

  /* show the year of the new day once it is there */
  if (strlen (ymd) == 10)
    self->year = year_of (ymd);
  if (!crm_work_calendar_save_day (crm_context_get_store (self->context), ymd, kind, name, &error))
    {
      self->year = previous_year;
      if (g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID))
        crm_field_message_set (GTK_WIDGET (self->date_row), self->date_message, error->message);
      else
        add_error_toast (self, g_strdup_printf (_("Could not add the day: %s"), error->message));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }

  crm_field_message_set (GTK_WIDGET (self->date_row), self->date_message, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

static void
date_changed_cb (CrmHoursPreferences *self)
{
  crm_field_message_set (GTK_WIDGET (self->date_row), self->date_message, NULL);
}

static void
store_changed_cb (CrmHoursPreferences *self,
                  int                  kind,
                  gint64               id,
                  CrmStore            *store)
{
  if (kind != CRM_CHANGE_SETTINGS && kind != CRM_CHANGE_ALL)
    return;
  reload_week (self);
  reload_days (self);
}

/* ---- the object ---- */

static void
crm_hours_preferences_constructed (GObject *object)
{
  CrmHoursPreferences *self = CRM_HOURS_PREFERENCES (object);

  G_OBJECT_CLASS (crm_hours_preferences_parent_class)->constructed (object);

  g_return_if_fail (CRM_IS_CONTEXT (self->context));
  g_signal_connect_object (crm_context_get_store (self->context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload_week (self);
  reload_days (self);
}

static void
crm_hours_preferences_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrmHoursPreferences *self = CRM_HOURS_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_hours_preferences_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrmHoursPreferences *self = CRM_HOURS_PREFERENCES (object);

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
crm_hours_preferences_dispose (GObject *object)
{
  CrmHoursPreferences *self = CRM_HOURS_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_HOURS_PREFERENCES);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_hours_preferences_parent_class)->dispose (object);
}

static void
crm_hours_preferences_class_init (CrmHoursPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_hours_preferences_constructed;
  object_class->set_property = crm_hours_preferences_set_property;
  object_class->get_property = crm_hours_preferences_get_property;
  object_class->dispose = crm_hours_preferences_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-hours-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmHoursPreferences, week_group);
  gtk_widget_class_bind_template_child (widget_class, CrmHoursPreferences, date_row);
  gtk_widget_class_bind_template_child (widget_class, CrmHoursPreferences, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmHoursPreferences, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmHoursPreferences, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmHoursPreferences, days_list);
  gtk_widget_class_bind_template_callback (widget_class, add_day_cb);
}

static void
crm_hours_preferences_init (CrmHoursPreferences *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->focus_index = -1;

  for (int weekday = 1; weekday <= 7; weekday++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(weekday_names[weekday - 1]));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      g_object_set_data (G_OBJECT (row), "weekday", GINT_TO_POINTER (weekday));
      g_signal_connect_object (row, "activated", G_CALLBACK (weekday_activated_cb), self, 0);
      adw_preferences_group_add (self->week_group, row);
      self->weekday_rows[weekday - 1] = ADW_ACTION_ROW (row);
    }

  gtk_string_list_append (kinds, day_kind_to_string (CRM_DAY_HOLIDAY));
  gtk_string_list_append (kinds, day_kind_to_string (CRM_DAY_WORKDAY));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  self->date_message = crm_field_message_add (GTK_WIDGET (self->date_row));
  g_signal_connect_object (self->date_row, "changed", G_CALLBACK (date_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_dropdown, "notify::selected", G_CALLBACK (year_selected_cb),
                           self, G_CONNECT_SWAPPED);
}

CrmHoursPreferences *
crm_hours_preferences_new (CrmContext *context)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  return g_object_new (CRM_TYPE_HOURS_PREFERENCES, "context", context, NULL);
}
