/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Preferences on a real display (Xvfb in CI): service levels are saved as
 * they are changed and refused at the field when they are wrong; working hours
 * are edited day by day; holidays are added, removed and put back. */
#include <string.h>
#include <adwaita.h>

#include "crm-gui-test-util.h"
#include "crm-hours-preferences.h"
#include "crm-autostart.h"
#include "crm-preferences-window.h"
#include "crm-reminder-preferences.h"
#include "crm-reminders.h"
#include "crm-sla-preferences.h"
#include "crm-sla.h"
#include "crm-test-util.h"
#include "crm-weekday-editor.h"
#include "crm-worktime.h"

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return TRUE;
  return ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget)))),
                    label) == 0;
}

typedef struct {
  CrmTestDb            *db;
  CrmContext           *context;
  CrmPreferencesWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_test_db_new ();
  f->context = crm_context_new (f->db->store, NULL);
  f->window = crm_preferences_window_new (f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  crm_gui_test_iterate (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CRM_IS_WEEKDAY_EDITOR (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (f->window));
  crm_gui_test_iterate (50);
  g_clear_object (&f->context);
  crm_test_db_free (f->db);
}

static GtkWidget *
show_page (Fixture *f,
           GType    type)
{
  GtkWidget *page = crm_gui_test_find_child (GTK_WIDGET (f->window), is_of_type, GSIZE_TO_POINTER (type));

  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (page));
  crm_gui_test_iterate (100);
  g_assert_true (gtk_widget_get_mapped (page));
  return page;
}

/* The hours and minutes spin buttons of the row @title in @container */
static void
get_duration (GtkWidget      *container,
              const char     *title,
              GtkSpinButton **hours,
              GtkSpinButton **minutes)
{
  GtkWidget *row = crm_gui_test_find_row (container, title);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  crm_gui_test_find_all (row, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON), spins);
  g_assert_cmpuint (spins->len, ==, 2);
  *hours = spins->pdata[0];
  *minutes = spins->pdata[1];
}

static CrmSlaPolicy
load_policy (Fixture  *f,
             int       level,
             gboolean  vip)
{
  g_autoptr(GError) error = NULL;
  CrmSlaPolicy policy;

  g_assert_true (crm_sla_policy_load (f->db->store, level, vip, &policy, &error));
  g_assert_no_error (error);
  return policy;
}

static void
test_sla_saved (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = show_page (f, CRM_TYPE_SLA_PREFERENCES);
  GtkWidget *level2 = crm_gui_test_find_child (page, crm_gui_test_is_group_titled, "Level 2 — Important");
  GtkWidget *level3 = crm_gui_test_find_child (page, crm_gui_test_is_group_titled, "Level 3 — General");
  GtkSpinButton *hours, *minutes;

  /* the defaults of DOMAIN.md are shown */
  get_duration (level2, "Respond within", &hours, &minutes);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (hours), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (minutes), ==, 0);
  g_assert_cmpint (load_policy (f, 2, FALSE).respond_minutes, ==, 120);
  /* level 3 resolves in 3 working days of 7 h 30 min, and says so */
  g_assert_nonnull (crm_gui_test_find_widget (level3, crm_gui_test_is_mapped_label_with_text,
                                              "3 working days of 7 h 30 min"));

  gtk_spin_button_set_value (hours, 3);
  crm_gui_test_iterate (50);
  g_assert_cmpint (load_policy (f, 2, FALSE).respond_minutes, ==, 180);
  gtk_spin_button_set_value (minutes, 15);
  crm_gui_test_iterate (50);
  g_assert_cmpint (load_policy (f, 2, FALSE).respond_minutes, ==, 195);
  g_assert_cmpint (load_policy (f, 2, FALSE).resolve_minutes, ==, 1440);
  g_assert_false (load_policy (f, 2, FALSE).working_time);

  /* the clock of a level */
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (level2, "Counts")), 1);
  crm_gui_test_iterate (50);
  g_assert_true (load_policy (f, 2, FALSE).working_time);
  /* 24 h of working time are not whole working days: no days are claimed */
  g_assert_null (crm_gui_test_find_widget (level2, crm_gui_test_is_mapped_label_with_text,
                                           "3 working days of 7 h 30 min"));
}

static void
test_sla_invalid (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *page = show_page (f, CRM_TYPE_SLA_PREFERENCES);
  GtkWidget *level2 = crm_gui_test_find_child (page, crm_gui_test_is_group_titled, "Level 2 — Important");
  GtkWidget *respond_row = crm_gui_test_find_row (level2, "Respond within");
  GtkWidget *resolve_row = crm_gui_test_find_row (level2, "Resolve within");
  GtkSpinButton *hours, *minutes;

  get_duration (level2, "Respond within", &hours, &minutes);

  /* no time at all */
  gtk_spin_button_set_value (hours, 0);
  crm_gui_test_iterate (50);
  g_assert_nonnull (crm_gui_test_find_widget (level2, crm_gui_test_is_mapped_label_with_text,
                                              "Enter a response time of at least 1 minute."));
  g_assert_true (gtk_widget_has_css_class (respond_row, "error"));
  g_assert_cmpint (load_policy (f, 2, FALSE).respond_minutes, ==, 120);

  /* longer to respond than to resolve: said at the resolution */
  gtk_spin_button_set_value (hours, 30);
  crm_gui_test_iterate (50);
  g_assert_null (crm_gui_test_find_widget (level2, crm_gui_test_is_mapped_label_with_text,
                                           "Enter a response time of at least 1 minute."));
  g_assert_false (gtk_widget_has_css_class (respond_row, "error"));
  g_assert_nonnull (crm_gui_test_find_widget (level2, crm_gui_test_is_mapped_label_with_text,
                                              "The resolution time cannot be shorter than the response time."));
  g_assert_true (gtk_widget_has_css_class (resolve_row, "error"));
  g_assert_cmpint (load_policy (f, 2, FALSE).respond_minutes, ==, 120);
  g_assert_cmpint (load_policy (f, 2, FALSE).resolve_minutes, ==, 1440);

  /* a longer resolution makes both right, and both are stored */
  get_duration (level2, "Resolve within", &hours, &minutes);
  gtk_spin_button_set_value (hours, 48);
  crm_gui_test_iterate (50);
  g_assert_false (gtk_widget_has_css_class (resolve_row, "error"));
  g_assert_null (crm_gui_test_find_widget (level2, crm_gui_test_is_mapped_label_with_text,
                                           "The resolution time cannot be shorter than the response time."));
  g_assert_cmpint (load_policy (f, 2, FALSE).respond_minutes, ==, 30 * 60);
  g_assert_cmpint (load_policy (f, 2, FALSE).resolve_minutes, ==, 48 * 60);
}

static void
test_sla_vip (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *page = show_page (f, CRM_TYPE_SLA_PREFERENCES);
  GtkWidget *vip_group = crm_gui_test_find_child (page, crm_gui_test_is_group_titled, "VIP Customers");
  GtkWidget *expander = crm_gui_test_find_row (vip_group, "Level 1 — Urgent");
  GtkSwitch *vip_switch = GTK_SWITCH (crm_gui_test_find_child (vip_group, is_of_type,
                                                               GSIZE_TO_POINTER (GTK_TYPE_SWITCH)));
  GtkSpinButton *hours, *minutes;

  /* off: VIP customers get the ordinary levels, and the VIP levels cannot be edited */
  g_assert_false (gtk_switch_get_active (vip_switch));
  g_assert_false (gtk_widget_get_sensitive (expander));
  g_assert_cmpint (load_policy (f, 1, TRUE).respond_minutes, ==, 60);

  gtk_switch_set_active (vip_switch, TRUE);
  crm_gui_test_iterate (50);
  g_assert_true (gtk_widget_get_sensitive (expander));
  g_assert_true (load_policy (f, 1, TRUE).vip);
  g_assert_cmpint (load_policy (f, 1, TRUE).respond_minutes, ==, 30);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "Respond within 30 min, resolve within 3 h");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  crm_gui_test_iterate (300);
  get_duration (expander, "Respond within", &hours, &minutes);
  gtk_spin_button_set_value (minutes, 20);
  crm_gui_test_iterate (50);
  g_assert_cmpint (load_policy (f, 1, TRUE).respond_minutes, ==, 20);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==,
                   "Respond within 20 min, resolve within 3 h");
  /* the ordinary level is untouched */
  g_assert_cmpint (load_policy (f, 1, FALSE).respond_minutes, ==, 60);

  gtk_switch_set_active (vip_switch, FALSE);
  crm_gui_test_iterate (50);
  g_assert_false (load_policy (f, 1, TRUE).vip);
  g_assert_cmpint (load_policy (f, 1, TRUE).respond_minutes, ==, 60);
}

static CrmWeekdayEditor *
open_weekday (Fixture    *f,
              GtkWidget  *page,
              const char *weekday)
{
  GtkWidget *row = crm_gui_test_find_row (page, weekday);
  CrmWeekdayEditor *editor;

  g_signal_emit_by_name (row, "activate");
  crm_gui_test_iterate (300);
  editor = (CrmWeekdayEditor *) crm_gui_test_find_toplevel (CRM_TYPE_WEEKDAY_EDITOR);
  g_assert_nonnull (editor);
  return editor;
}

static gboolean
editor_is_open (void)
{
  return crm_gui_test_find_toplevel (CRM_TYPE_WEEKDAY_EDITOR) != NULL;
}

static GPtrArray *
time_entries (CrmWeekdayEditor *editor)
{
  GPtrArray *entries = g_ptr_array_new ();

  crm_gui_test_find_all (GTK_WIDGET (editor), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY), entries);
  return entries;
}

static CrmWorkCalendar *
load_calendar (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  CrmWorkCalendar *cal = crm_work_calendar_load (f->db->store, tz, &error);

  g_assert_no_error (error);
  return cal;
}

static void
test_working_hours (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *page = show_page (f, CRM_TYPE_HOURS_PREFERENCES);
  CrmWeekdayEditor *editor;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CrmWorkCalendar) cal = NULL;
  const CrmWorkWindow *windows;
  guint n;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (crm_gui_test_find_row (page, "Monday"))), ==,
                   "09:00–12:00, 13:30–18:00");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (crm_gui_test_find_row (page, "Saturday"))), ==,
                   "Day off");

  /* Saturday mornings from now on */
  editor = open_weekday (f, page, "Saturday");
  entries = time_entries (editor);
  g_assert_cmpuint (entries->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add", NULL);
  crm_gui_test_iterate (50);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = time_entries (editor);
  g_assert_cmpuint (entries->len, ==, 2);
  gtk_editable_set_text (entries->pdata[0], "9:30");
  gtk_editable_set_text (entries->pdata[1], "12:00");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  crm_gui_test_iterate (100);
  g_assert_false (editor_is_open ());

  cal = load_calendar (f);
  windows = crm_work_calendar_get_windows (cal, 6, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (windows[0].start_minute, ==, 9 * 60 + 30);
  g_assert_cmpint (windows[0].end_minute, ==, 12 * 60);
  /* the other days are as they were */
  windows = crm_work_calendar_get_windows (cal, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (crm_gui_test_find_row (page, "Saturday"))), ==,
                   "09:30–12:00");

  /* an evening on Monday that overlaps the afternoon, and a time that is no time: nothing is saved */
  editor = open_weekday (f, page, "Monday");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add", NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add", NULL);
  crm_gui_test_iterate (50);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = time_entries (editor);
  g_assert_cmpuint (entries->len, ==, 8);
  gtk_editable_set_text (entries->pdata[4], "17:00");
  gtk_editable_set_text (entries->pdata[5], "20:00");
  gtk_editable_set_text (entries->pdata[6], "21:00");
  gtk_editable_set_text (entries->pdata[7], "25:00");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  crm_gui_test_iterate (100);
  g_assert_true (editor_is_open ());
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (editor), crm_gui_test_is_mapped_label_with_text,
                                              "These hours overlap 13:30–18:00."));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (editor), crm_gui_test_is_mapped_label_with_text,
                                              "Use times between 00:00 and 24:00."));
  g_clear_pointer (&cal, crm_work_calendar_unref);
  cal = load_calendar (f);
  windows = crm_work_calendar_get_windows (cal, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (windows[1].end_minute, ==, 18 * 60);

  /* set right, both are saved */
  gtk_editable_set_text (entries->pdata[4], "18:30");
  g_assert_null (crm_gui_test_find_widget (GTK_WIDGET (editor), crm_gui_test_is_mapped_label_with_text,
                                           "These hours overlap 13:30–18:00."));
  gtk_editable_set_text (entries->pdata[7], "22:00");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  crm_gui_test_iterate (100);
  g_assert_false (editor_is_open ());
  g_clear_pointer (&cal, crm_work_calendar_unref);
  cal = load_calendar (f);
  windows = crm_work_calendar_get_windows (cal, 1, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (windows[2].start_minute, ==, 18 * 60 + 30);
  g_assert_cmpint (windows[3].end_minute, ==, 22 * 60);
}

static void
test_parse_time (void)
{
  int minute = -1;
  g_autoptr(GError) error = NULL;
  g_autofree char *midnight = crm_work_format_time (1440);

  g_assert_true (crm_work_parse_time ("9:05", &minute, NULL));
  g_assert_cmpint (minute, ==, 545);
  g_assert_true (crm_work_parse_time (" 24:00 ", &minute, NULL));
  g_assert_cmpint (minute, ==, 1440);
  g_assert_false (crm_work_parse_time ("24:01", &minute, NULL));
  g_assert_false (crm_work_parse_time ("9", &minute, NULL));
  g_assert_false (crm_work_parse_time ("9:5", &minute, NULL));
  g_assert_false (crm_work_parse_time ("", &minute, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (midnight, ==, "24:00");
}

static void
add_day (GtkWidget  *page,
         const char *ymd,
         guint       kind,
         const char *name)
{
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (page, "Date (YYYY-MM-DD)")), ymd);
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (page, "Kind")), kind);
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (page, "Name (optional)")), name);
  g_signal_emit_by_name (crm_gui_test_find_child (page, is_button_labelled, "_Add Day"), "clicked");
  crm_gui_test_iterate (100);
}

static void
test_holidays (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *page = show_page (f, CRM_TYPE_HOURS_PREFERENCES);
  GtkDropDown *years = GTK_DROP_DOWN (crm_gui_test_find_child (page, is_of_type,
                                                               GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN)));
  g_autoptr(CrmWorkCalendar) cal = NULL;
  GtkWidget *row, *remove, *undo;
  CrmDayKind kind;
  const char *name;

  /* "now" is in 2026: its days are listed */
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (years)), ==, "2026");
  g_assert_nonnull (crm_gui_test_find_widget (page, crm_gui_test_is_row_titled, "Thursday, Jan 1"));
  g_assert_nonnull (crm_gui_test_find_widget (page, crm_gui_test_is_row_titled, "Sunday, Jan 4"));

  /* a date that does not exist is refused at the field */
  add_day (page, "2027-02-30", 0, "Nothing");
  g_assert_nonnull (crm_gui_test_find_widget (page, crm_gui_test_is_mapped_label_with_text,
                                              "Enter a date as YYYY-MM-DD."));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM calendar_days WHERE name = 'Nothing'"), ==, 0);

  /* a make-up working day of 2027: stored, and 2027 is shown with it */
  add_day (page, "2027-10-09", 1, "Bridge for National Day");
  g_assert_null (crm_gui_test_find_widget (page, crm_gui_test_is_mapped_label_with_text,
                                           "Enter a date as YYYY-MM-DD."));
  cal = load_calendar (f);
  g_assert_true (crm_work_calendar_lookup_day (cal, "2027-10-09", &kind, &name));
  g_assert_cmpint (kind, ==, CRM_DAY_WORKDAY);
  g_assert_cmpstr (name, ==, "Bridge for National Day");
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (years)), ==, "2027");
  row = crm_gui_test_find_row (page, "Saturday, Oct 9");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Make-up working day · Bridge for National Day");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (crm_gui_test_find_row (page, "Date (YYYY-MM-DD)"))), ==, "");

  /* back to 2026: remove New Year's Day, then undo */
  gtk_drop_down_set_selected (years, 0);
  crm_gui_test_iterate (50);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (years)), ==, "2026");
  row = crm_gui_test_find_row (page, "Thursday, Jan 1");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Public holiday · New Year’s Day");
  remove = crm_gui_test_find_child (row, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_BUTTON));
  g_signal_emit_by_name (remove, "clicked");
  crm_gui_test_iterate (100);
  g_clear_pointer (&cal, crm_work_calendar_unref);
  cal = load_calendar (f);
  g_assert_false (crm_work_calendar_lookup_day (cal, "2026-01-01", NULL, NULL));
  g_assert_null (crm_gui_test_find_widget (page, crm_gui_test_is_row_titled, "Thursday, Jan 1"));

  undo = crm_gui_test_wait_for_widget (GTK_WIDGET (f->window), is_button_labelled, "_Undo", 2000);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  crm_gui_test_iterate (100);
  g_clear_pointer (&cal, crm_work_calendar_unref);
  cal = load_calendar (f);
  g_assert_true (crm_work_calendar_lookup_day (cal, "2026-01-01", &kind, &name));
  g_assert_cmpint (kind, ==, CRM_DAY_HOLIDAY);
  g_assert_cmpstr (name, ==, "new_year");
  g_assert_nonnull (crm_gui_test_find_widget (page, crm_gui_test_is_row_titled, "Thursday, Jan 1"));
}

static void
apply_row (GtkWidget  *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  crm_gui_test_iterate (50);
}

static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = show_page (f, CRM_TYPE_REMINDER_PREFERENCES);
  GtkWidget *lead, *morning, *quiet_end, *message, *background;
  const char *config = g_get_user_config_dir ();   /* a temporary one: see main () */
  g_autofree char *entry = NULL;
  g_autofree char *database = NULL;
  CrmReminderSettings settings;
  g_autoptr(GError) error = NULL;

  lead = crm_gui_test_find_child (page, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
  morning = crm_gui_test_find_widget (page, crm_gui_test_is_row_titled, "_Overdue Follow-ups Summary at (HH:MM)");
  quiet_end = crm_gui_test_find_widget (page, crm_gui_test_is_row_titled, "Quiet _Until (HH:MM)");
  background = crm_gui_test_find_child (page, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_nonnull (lead);
  g_assert_nonnull (morning);
  g_assert_nonnull (quiet_end);
  g_assert_nonnull (background);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (morning)), ==, "08:30");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (lead)), ==, 15);

  /* saved as changed */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lead), 30);
  apply_row (morning, "07:45");
  g_assert_true (crm_reminder_settings_load (f->db->store, &settings, &error));
  g_assert_cmpint (settings.lead_minutes, ==, 30);
  g_assert_cmpint (settings.morning_minute, ==, 7 * 60 + 45);

  /* refused at the field, nothing stored */
  apply_row (quiet_end, "25:00");
  g_assert_true (gtk_widget_has_css_class (quiet_end, "error"));
  message = crm_gui_test_find_widget (page, crm_gui_test_is_mapped_label_with_text,
                                      "Use times between 00:00 and 24:00.");
  g_assert_nonnull (message);
  apply_row (quiet_end, "24:00");
  g_assert_nonnull (crm_gui_test_find_widget (page, crm_gui_test_is_mapped_label_with_text,
                                              "Use a time of day from 00:00 to 23:59."));
  g_assert_true (crm_reminder_settings_load (f->db->store, &settings, &error));
  g_assert_cmpint (settings.quiet_end, ==, 8 * 60);
  apply_row (quiet_end, "07:00");
  g_assert_false (gtk_widget_has_css_class (quiet_end, "error"));
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (crm_reminder_settings_load (f->db->store, &settings, &error));
  g_assert_cmpint (settings.quiet_end, ==, 7 * 60);

  /* the background switch is the autostart entry of this database */
  entry = crm_autostart_path (config);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (background)));
  gtk_switch_set_active (GTK_SWITCH (background), TRUE);
  crm_gui_test_iterate (50);
  g_assert_true (g_file_test (entry, G_FILE_TEST_EXISTS));
  g_assert_true (crm_autostart_get_database (config, &database));
  g_assert_cmpstr (database, ==, f->db->path);
  g_assert_true (crm_autostart_is_for_database (config, f->db->path));
  gtk_switch_set_active (GTK_SWITCH (background), FALSE);
  crm_gui_test_iterate (50);
  g_assert_false (g_file_test (entry, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  /* the autostart entry goes to a config folder of our own (read once by GLib) */
  g_autofree char *config = crm_test_tmp_dir ();
  int status;

  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  g_test_add_func ("/preferences/parse-time", test_parse_time);
  g_test_add ("/preferences/sla-saved", Fixture, NULL, fixture_set_up, test_sla_saved, fixture_tear_down);
  g_test_add ("/preferences/sla-invalid", Fixture, NULL, fixture_set_up, test_sla_invalid, fixture_tear_down);
  g_test_add ("/preferences/sla-vip", Fixture, NULL, fixture_set_up, test_sla_vip, fixture_tear_down);
  g_test_add ("/preferences/working-hours", Fixture, NULL, fixture_set_up, test_working_hours, fixture_tear_down);
  g_test_add ("/preferences/holidays", Fixture, NULL, fixture_set_up, test_holidays, fixture_tear_down);
  g_test_add ("/preferences/reminders", Fixture, NULL, fixture_set_up, test_reminders, fixture_tear_down);

  status = g_test_run ();
  crm_test_rm_rf (config);
  return status;
}
