/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Calendar page on a real display (Xvfb in CI), in a plain window on a
 * demo database with the clock at CRM_TEST_NOW (Friday 2026-11-20, Shanghai):
 * the month of now with today marked and every day's counts as the database
 * has them, for everyone and for one owner; the periods' titles; an entry of
 * the week at its hour; rescheduling by what a drop does and by the keyboard
 * (Alt+arrows on the focused entry); the Agenda view
 * offered only once there is one. */
#include <adwaita.h>

#include "crm-calendar-page.h"
#include "crm-tooltip.h"
#include "crm-gui-test-util.h"
#include "crm-month-view.h"
#include "crm-store-followups.h"
#include "crm-test-util.h"
#include "crm-week-view.h"

typedef struct {
  CrmTestDb       *db;
  CrmContext      *context;
  GtkWindow       *window;
  CrmCalendarPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_gui_test_demo_db_new (150);
  f->context = crm_context_new (f->db->store, NULL);
  f->page = crm_calendar_page_new (f->context);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  crm_gui_test_iterate (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  crm_gui_test_iterate (50);
  g_clear_object (&f->context);
  crm_test_db_free (f->db);
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  name)
{
  return gtk_widget_get_visible (widget) && gtk_widget_has_css_class (widget, name);
}

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
is_drop_down (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_DROP_DOWN (widget);
}

static void
click (Fixture    *f,
       const char *action)
{
  GtkWidget *button = crm_gui_test_find_child (GTK_WIDGET (f->page), is_button_for_action, action);

  g_signal_emit_by_name (button, "clicked");
  crm_gui_test_iterate (50);
}

static GDate
dmy (int day,
     int month,
     int year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

static gint64
local_midnight (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

/* What a day shows: its entries plus "+N more", and its overdue badge */
static void
shown_counts (GtkWidget *cell,
              guint     *total,
              guint     *overdue)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkWidget *more = crm_gui_test_find_widget (cell, has_css_class, "more");
  GtkWidget *badge = crm_gui_test_find_widget (cell, has_css_class, "overdue-badge");
  guint n_more = 0;

  crm_gui_test_find_all (cell, has_css_class, "calendar-entry", entries);
  if (more != NULL)
    g_assert_cmpint (sscanf (gtk_button_get_label (GTK_BUTTON (more)), "+%u", &n_more), ==, 1);
  *total = entries->len + n_more;
  *overdue = badge != NULL ? (guint) g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (badge)), NULL, 10) : 0;
}

/* The day's counts as the database has them (test data in the SQL, not user input) */
static void
sql_counts (Fixture     *f,
            const GDate *date,
            gint64       owner_id,
            guint       *total,
            guint       *overdue)
{
  gint64 start = local_midnight (date), now = CRM_TEST_NOW;
  GDate next = *date;
  gint64 end;
  g_autofree char *followups = NULL;
  g_autofree char *deadlines = NULL;
  g_autofree char *late_followups = NULL;
  g_autofree char *late_deadlines = NULL;

  g_date_add_days (&next, 1);
  end = local_midnight (&next);
  followups = g_strdup_printf ("SELECT count(*) FROM followups WHERE planned_at >= %" G_GINT64_FORMAT
                               " AND planned_at < %" G_GINT64_FORMAT " AND (%" G_GINT64_FORMAT " = 0 OR owner_id = %"
                               G_GINT64_FORMAT ")", start, end, owner_id, owner_id);
  late_followups = g_strdup_printf ("%s AND status = 0 AND planned_at < %" G_GINT64_FORMAT, followups, now);
  deadlines = g_strdup_printf ("SELECT count(*) FROM tickets WHERE status IN (0, 1, 2) AND paused_since IS NULL"
                               " AND next_due >= %" G_GINT64_FORMAT " AND next_due < %" G_GINT64_FORMAT
                               " AND (%" G_GINT64_FORMAT " = 0 OR assignee_id = %" G_GINT64_FORMAT ")",
                               start, end, owner_id, owner_id);
  late_deadlines = g_strdup_printf ("%s AND next_due < %" G_GINT64_FORMAT, deadlines, now);
  *total = (guint) (crm_test_query_int (f->db->store, followups) + crm_test_query_int (f->db->store, deadlines));
  *overdue = (guint) (crm_test_query_int (f->db->store, late_followups) +
                      crm_test_query_int (f->db->store, late_deadlines));
}

/* Every day of the grid (26 Oct – 6 Dec 2026) shows what the database has */
static guint
check_month_counts (Fixture *f,
                    gint64   owner_id)
{
  CrmMonthView *month = CRM_MONTH_VIEW (crm_calendar_page_get_month_view (f->page));
  GDate date = dmy (26, 10, 2026);
  guint busy = 0;

  for (int i = 0; i < 42; i++, g_date_add_days (&date, 1))
    {
      GtkWidget *cell = crm_month_view_get_day (month, &date);
      guint shown_total, shown_overdue, total, overdue;

      g_assert_nonnull (cell);
      shown_counts (cell, &shown_total, &shown_overdue);
      sql_counts (f, &date, owner_id, &total, &overdue);
      g_assert_cmpuint (shown_total, ==, total);
      g_assert_cmpuint (shown_overdue, ==, overdue);
      if (total > 0)
        busy++;
    }
  return busy;
}

static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  CrmMonthView *month = CRM_MONTH_VIEW (crm_calendar_page_get_month_view (f->page));
  GDate today = dmy (20, 11, 2026), yesterday = dmy (19, 11, 2026), before = dmy (26, 10, 2026);
  GDate after = dmy (6, 12, 2026), outside = dmy (7, 12, 2026);
  GtkDropDown *owners;
  gint64 owner_id;

  g_assert_cmpstr (crm_calendar_page_get_view (f->page), ==, "month");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "November 2026");
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->page), crm_gui_test_is_mapped_label_with_text,
                                              "November 2026"));

  /* six weeks from the Monday before the 1st, today marked, other months dimmed */
  g_assert_true (gtk_widget_has_css_class (crm_month_view_get_day (month, &today), "today"));
  g_assert_true (gtk_widget_has_css_class (crm_month_view_get_day (month, &today), "selected"));
  g_assert_false (gtk_widget_has_css_class (crm_month_view_get_day (month, &yesterday), "today"));
  g_assert_true (gtk_widget_has_css_class (crm_month_view_get_day (month, &before), "other-month"));
  g_assert_false (gtk_widget_has_css_class (crm_month_view_get_day (month, &today), "other-month"));
  g_assert_nonnull (crm_month_view_get_day (month, &after));
  g_assert_null (crm_month_view_get_day (month, &outside));
  g_assert_true (gtk_widget_get_mapped (crm_month_view_get_day (month, &today)));

  /* the demo data has a busy month around now */
  g_assert_cmpuint (check_month_counts (f, 0), >, 10);

  /* one owner's: the first team member with follow-ups this month */
  owner_id = crm_test_query_int (f->db->store,
                                 "SELECT owner_id FROM followups WHERE owner_id IS NOT NULL"
                                 " GROUP BY owner_id ORDER BY count(*) DESC, owner_id LIMIT 1");
  g_assert_cmpint (owner_id, >, 0);
  owners = GTK_DROP_DOWN (crm_gui_test_find_child (GTK_WIDGET (f->page), is_drop_down, NULL));
  {
    g_autofree char *name_sql = g_strdup_printf ("SELECT name FROM team_members WHERE id = %" G_GINT64_FORMAT,
                                                 owner_id);
    g_autofree char *name = crm_test_query_text (f->db->store, name_sql);
    guint position;

    /* the dropdown lists the team as the store does: find the owner by name */
    for (position = 1; position < g_list_model_get_n_items (gtk_drop_down_get_model (owners)); position++)
      {
        g_autoptr(GtkStringObject) candidate = g_list_model_get_item (gtk_drop_down_get_model (owners), position);

        if (g_strcmp0 (gtk_string_object_get_string (candidate), name) == 0)
          break;
      }
    g_assert_cmpuint (position, <, g_list_model_get_n_items (gtk_drop_down_get_model (owners)));
    gtk_drop_down_set_selected (owners, position);
  }
  crm_gui_test_iterate (50);
  check_month_counts (f, owner_id);
  gtk_drop_down_set_selected (owners, 0);
  crm_gui_test_iterate (50);
  check_month_counts (f, 0);
}

/* An entry's tooltip names what the entry shows, handed over when GTK asks, and
 * follows the entry when the month changes and the entry is reused */
static gboolean
is_entry_name (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "entry-name");
}

static void
check_entry_tooltip (GtkWidget *entry)
{
  GtkWidget *name = crm_gui_test_find_widget (entry, is_entry_name, NULL);
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_nonnull (name);
  g_assert_true (gtk_widget_get_has_tooltip (entry));
  g_assert_nonnull (crm_tooltip_get_text (entry));
  g_assert_nonnull (strstr (crm_tooltip_get_text (entry), gtk_label_get_text (GTK_LABEL (name))));
  g_signal_emit_by_name (entry, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
}

static void
test_entry_tooltip (Fixture       *f,
                    gconstpointer  data)
{
  CrmMonthView *month = CRM_MONTH_VIEW (crm_calendar_page_get_month_view (f->page));
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) later = g_ptr_array_new ();
  g_autofree char *first_text = NULL;
  GDate day = dmy (1, 10, 2026);
  GtkWidget *first;

  crm_gui_test_find_all (GTK_WIDGET (month), has_css_class, "calendar-entry", entries);
  g_assert_cmpuint (entries->len, >, 10);
  for (guint i = 0; i < entries->len; i++)
    check_entry_tooltip (entries->pdata[i]);
  first = entries->pdata[0];
  first_text = g_strdup (crm_tooltip_get_text (first));

  /* a month back: the same widgets show other follow-ups, with their own tooltips */
  crm_month_view_set_date (month, &day);
  crm_gui_test_iterate (50);
  crm_gui_test_find_all (GTK_WIDGET (month), has_css_class, "calendar-entry", later);
  g_assert_cmpuint (later->len, >, 10);
  for (guint i = 0; i < later->len; i++)
    check_entry_tooltip (later->pdata[i]);
  g_assert_true (g_ptr_array_find (later, first, NULL));
  g_assert_cmpstr (crm_tooltip_get_text (first), !=, first_text);
}

/* "+N more" opens every entry of the day */
static void
test_more (Fixture       *f,
           gconstpointer  data)
{
  CrmMonthView *month = CRM_MONTH_VIEW (crm_calendar_page_get_month_view (f->page));
  GtkWidget *cell = NULL, *more = NULL, *popover;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  guint total = 0, overdue = 0, sql_total = 0, sql_overdue = 0;
  GDate day;

  /* the first day of the month with more than fits */
  for (guint d = 1; d <= 30 && more == NULL; d++)
    {
      day = dmy (d, 11, 2026);
      cell = crm_month_view_get_day (month, &day);
      more = crm_gui_test_find_widget (cell, has_css_class, "more");
    }
  g_assert_nonnull (more);
  shown_counts (cell, &total, &overdue);
  sql_counts (f, &day, 0, &sql_total, &sql_overdue);
  g_assert_cmpuint (total, ==, sql_total);

  g_signal_emit_by_name (more, "clicked");
  crm_gui_test_iterate (200);
  popover = gtk_widget_get_last_child (more);
  g_assert_true (GTK_IS_POPOVER (popover));
  g_assert_true (gtk_widget_get_mapped (popover));
  crm_gui_test_find_all (popover, has_css_class, "calendar-entry", entries);
  g_assert_cmpuint (entries->len, ==, MIN (sql_total, 200));
  /* the keyboard is in the list */
  g_assert_true (gtk_widget_has_focus (g_ptr_array_index (entries, 0)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (popover)),
                                         g_ptr_array_index (entries, 0)));
  /* closed, it goes (once idle) */
  gtk_popover_popdown (GTK_POPOVER (popover));
  for (guint i = 0; i < 20 && GTK_IS_POPOVER (gtk_widget_get_last_child (more)); i++)
    crm_gui_test_iterate (50);
  g_assert_false (GTK_IS_POPOVER (gtk_widget_get_last_child (more)));

  /* the week of that day has the same "+N more", and it opens the same list */
  {
    CrmWeekView *week = CRM_WEEK_VIEW (crm_calendar_page_get_week_view (f->page));
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    g_autoptr(GPtrArray) week_entries = g_ptr_array_new ();
    GtkWidget *week_more = NULL;

    /* a day with more than the week shows (8) */
    sql_total = 0;
    for (guint d = 1; d <= 30 && sql_total <= 8; d++)
      {
        day = dmy (d, 11, 2026);
        sql_counts (f, &day, 0, &sql_total, &sql_overdue);
      }
    g_assert_cmpuint (sql_total, >, 8);
    crm_calendar_page_set_view (f->page, "week");
    crm_week_view_set_date (week, &day);
    crm_gui_test_iterate (200);
    crm_gui_test_find_all (GTK_WIDGET (week), has_css_class, "more", buttons);
    for (guint i = 0; i < buttons->len && week_more == NULL; i++)
      if (gtk_widget_get_mapped (buttons->pdata[i]) &&
          strstr (crm_tooltip_get_text (buttons->pdata[i]), "entries of") != NULL)
        week_more = buttons->pdata[i];
    g_assert_nonnull (week_more);
    g_assert_true (GTK_IS_BUTTON (week_more));
    g_signal_emit_by_name (week_more, "clicked");
    crm_gui_test_iterate (200);
    popover = gtk_widget_get_last_child (week_more);
    g_assert_true (GTK_IS_POPOVER (popover));
    crm_gui_test_find_all (popover, has_css_class, "calendar-entry", week_entries);
    g_assert_cmpuint (week_entries->len, ==, MIN (sql_total, 200));
    gtk_popover_popdown (GTK_POPOVER (popover));
    crm_gui_test_iterate (100);
  }
}

static void
test_titles (Fixture       *f,
             gconstpointer  data)
{
  click (f, "calendar.next");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "December 2026");
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->page), crm_gui_test_is_mapped_label_with_text,
                                              "December 2026"));
  click (f, "calendar.previous");
  click (f, "calendar.previous");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "October 2026");
  click (f, "calendar.next");
  click (f, "calendar.next");
  click (f, "calendar.next");
  click (f, "calendar.next");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "February 2027");
  click (f, "calendar.today");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "November 2026");

  crm_calendar_page_set_view (f->page, "week");
  crm_gui_test_iterate (50);
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "Nov 16 – 22, 2026");
  click (f, "calendar.next");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "Nov 23 – 29, 2026");
  click (f, "calendar.next");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "Nov 30 – Dec 6, 2026");
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 31, 9, 0, 0);

    crm_calendar_page_show_date (f->page, day);
    g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "Dec 28, 2026 – Jan 3, 2027");
  }
  /* back to the month, of the day the week was at */
  crm_calendar_page_set_view (f->page, "month");
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "December 2026");
  /* the keyboard path is the same action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "calendar.today", NULL));
  g_assert_cmpstr (crm_calendar_page_get_title (f->page), ==, "November 2026");
}

static void
test_week_entry (Fixture       *f,
                 gconstpointer  data)
{
  CrmWeekView *week = CRM_WEEK_VIEW (crm_calendar_page_get_week_view (f->page));
  GDate monday = dmy (16, 11, 2026);
  guint found = 0;

  crm_calendar_page_set_view (f->page, "week");
  crm_gui_test_iterate (300);

  /* each day's first follow-up within the hours: at its hour in its day's column */
  for (int d = 0; d < 7; d++)
    {
      GDate date = monday, next;
      g_autofree char *sql = NULL;
      gint64 id, at;
      g_autoptr(GDateTime) local = NULL;
      GtkWidget *entry, *column = NULL;
      graphene_rect_t bounds;
      double y;
      int minutes, expected;

      g_date_add_days (&date, (guint) d);
      next = date;
      g_date_add_days (&next, 1);
      sql = g_strdup_printf ("SELECT id FROM followups WHERE planned_at >= %" G_GINT64_FORMAT
                             " AND planned_at < %" G_GINT64_FORMAT " ORDER BY planned_at, id LIMIT 1",
                             local_midnight (&date), local_midnight (&next));
      id = crm_test_query_int (f->db->store, sql);
      if (id == 0)
        continue;
      g_free (sql);
      sql = g_strdup_printf ("SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id);
      at = crm_test_query_int (f->db->store, sql);
      local = g_date_time_new_from_unix_local (at);
      minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

      /* the first 8 of the day are shown, deadlines included */
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE status IN (0, 1, 2) AND paused_since IS NULL"
                             " AND next_due >= %" G_GINT64_FORMAT " AND next_due < %" G_GINT64_FORMAT,
                             local_midnight (&date), at);
      if (crm_test_query_int (f->db->store, sql) >= 8)
        continue;
      entry = crm_week_view_get_entry (week, id, &column);
      g_assert_nonnull (entry);
      g_assert_true (gtk_widget_get_mapped (entry));
      if (minutes < CRM_WEEK_VIEW_FIRST_HOUR * 60 || minutes >= CRM_WEEK_VIEW_LAST_HOUR * 60)
        {
          /* in the strip above the hours */
          g_assert_false (gtk_widget_is_ancestor (entry, column));
          continue;
        }
      g_assert_true (gtk_widget_is_ancestor (entry, column));
      g_assert_true (gtk_widget_compute_bounds (entry, column, &bounds));
      y = bounds.origin.y;
      expected = (minutes - CRM_WEEK_VIEW_FIRST_HOUR * 60) * CRM_WEEK_VIEW_HOUR_HEIGHT / 60;
      if (gtk_widget_get_first_child (column) == entry)
        g_assert_cmpint ((int) y, ==, expected);
      else
        g_assert_cmpint ((int) y, >=, expected);
      found++;
    }
  g_assert_cmpuint (found, >, 0);
}

static gint64
planned_at (Fixture *f,
            gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id);

  return crm_test_query_int (f->db->store, sql);
}

static void
test_reschedule (Fixture       *f,
                 gconstpointer  data)
{
  CrmMonthView *month = CRM_MONTH_VIEW (crm_calendar_page_get_month_view (f->page));
  CrmWeekView *week = CRM_WEEK_VIEW (crm_calendar_page_get_week_view (f->page));
  g_autofree char *sql = NULL;
  gint64 id, was, done_id;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) expected = NULL;
  GDate target = dmy (27, 11, 2026), wednesday = dmy (18, 11, 2026);
  guint before_total, before_overdue, after_total, after_overdue;

  /* a planned follow-up later this month, to a week later at the same time of day */
  sql = g_strdup_printf ("SELECT id FROM followups WHERE status = 0 AND planned_at > %" G_GINT64_FORMAT
                         " AND planned_at < %" G_GINT64_FORMAT " ORDER BY planned_at, id LIMIT 1",
                         CRM_TEST_NOW + 86400, local_midnight (&target));
  id = crm_test_query_int (f->db->store, sql);
  g_assert_cmpint (id, >, 0);
  was = planned_at (f, id);
  local = g_date_time_new_from_unix_local (was);
  shown_counts (crm_month_view_get_day (month, &target), &before_total, &before_overdue);

  g_assert_true (crm_month_view_move_entry (month, id, &target));
  expected = g_date_time_new_local (2026, 11, 27, g_date_time_get_hour (local), g_date_time_get_minute (local),
                                    g_date_time_get_second (local));
  g_assert_cmpint (planned_at (f, id), ==, g_date_time_to_unix (expected));
  crm_gui_test_iterate (50);
  /* the month reloaded: one more on the day it went to */
  shown_counts (crm_month_view_get_day (month, &target), &after_total, &after_overdue);
  g_assert_cmpuint (after_total, ==, before_total + 1);
  check_month_counts (f, 0);

  /* in the week: to a day and an hour, rounded to 15 minutes */
  crm_calendar_page_set_view (f->page, "week");
  crm_gui_test_iterate (200);
  g_assert_true (crm_week_view_move_entry (week, id, &wednesday, 10 * 60 + 7));
  g_clear_pointer (&expected, g_date_time_unref);
  expected = g_date_time_new_local (2026, 11, 18, 10, 0, 0);
  g_assert_cmpint (planned_at (f, id), ==, g_date_time_to_unix (expected));
  g_assert_true (crm_week_view_move_entry (week, id, &wednesday, 10 * 60 + 8));
  g_clear_pointer (&expected, g_date_time_unref);
  expected = g_date_time_new_local (2026, 11, 18, 10, 15, 0);
  g_assert_cmpint (planned_at (f, id), ==, g_date_time_to_unix (expected));
  crm_gui_test_iterate (100);
  {
    GtkWidget *column = NULL;
    GtkWidget *entry = crm_week_view_get_entry (week, id, &column);
    graphene_rect_t bounds;
    g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM followups WHERE planned_at >= %"
                                                  G_GINT64_FORMAT " AND planned_at < %" G_GINT64_FORMAT,
                                                  local_midnight (&wednesday), g_date_time_to_unix (expected));

    /* shown when it is among the first of its day */
    if (crm_test_query_int (f->db->store, count_sql) < 6)
      {
        g_assert_nonnull (entry);
        g_assert_true (gtk_widget_compute_bounds (entry, column, &bounds));
        g_assert_cmpint ((int) bounds.origin.y, >=, (10 * 60 + 15 - CRM_WEEK_VIEW_FIRST_HOUR * 60) * CRM_WEEK_VIEW_HOUR_HEIGHT / 60);
      }
  }

  /* a done one cannot move: nothing changes */
  done_id = crm_test_query_int (f->db->store, "SELECT id FROM followups WHERE status = 1 ORDER BY id LIMIT 1");
  g_assert_cmpint (done_id, >, 0);
  was = planned_at (f, done_id);
  g_assert_false (crm_month_view_move_entry (month, done_id, &target));
  g_assert_cmpint (planned_at (f, done_id), ==, was);
}

/* The entry of follow-up @id in @root, or NULL */
static GtkWidget *
followup_entry (GtkWidget *root,
                gint64     id)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  crm_gui_test_find_all (root, has_css_class, "calendar-entry", entries);
  for (guint i = 0; i < entries->len; i++)
    if (crm_calendar_entry_get_id (entries->pdata[i]) == id && crm_calendar_entry_is_followup (entries->pdata[i]))
      return entries->pdata[i];
  return NULL;
}

/* Runs the shortcut of @view's that @accelerator triggers, as a key press does;
 * FALSE when it is not bound there or does not apply */
static gboolean
press_shortcut (GtkWidget  *view,
                const char *accelerator)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      /* before the window's own Alt+Left (Back), which bubbles up after the view */
      g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_BUBBLE);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, view,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static void
test_reschedule_keyboard (Fixture       *f,
                          gconstpointer  data)
{
  CrmMonthView *month = CRM_MONTH_VIEW (crm_calendar_page_get_month_view (f->page));
  CrmWeekView *week = CRM_WEEK_VIEW (crm_calendar_page_get_week_view (f->page));
  GDate target = dmy (27, 11, 2026);
  g_autofree char *sql = NULL;
  GtkWidget *entry;
  gint64 id, was;

  /* a planned follow-up shown later this month */
  sql = g_strdup_printf ("SELECT id FROM followups WHERE status = 0 AND planned_at > %" G_GINT64_FORMAT
                         " AND planned_at < %" G_GINT64_FORMAT " ORDER BY planned_at, id",
                         CRM_TEST_NOW + 86400, local_midnight (&target));
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();
    g_autofree char *list_sql = g_strdup_printf ("SELECT group_concat(id) FROM (%s)", sql);
    g_autofree char *list = crm_test_query_text (f->db->store, list_sql);
    g_auto(GStrv) parts = g_strsplit (list != NULL ? list : "", ",", -1);

    id = 0;
    for (guint i = 0; parts[i] != NULL && id == 0; i++)
      if (followup_entry (GTK_WIDGET (month), g_ascii_strtoll (parts[i], NULL, 10)) != NULL)
        id = g_ascii_strtoll (parts[i], NULL, 10);
  }
  g_assert_cmpint (id, >, 0);
  was = planned_at (f, id);

  /* no follow-up has the focus: the keys go on (to the window's Back) */
  crm_month_view_focus_date (month);
  crm_gui_test_iterate (20);
  g_assert_false (press_shortcut (GTK_WIDGET (month), "<Alt>Right"));
  g_assert_cmpint (planned_at (f, id), ==, was);

  /* Alt+Right on the focused entry: a day later, at the same time; the focus stays on it */
  entry = followup_entry (GTK_WIDGET (month), id);
  g_assert_true (gtk_widget_grab_focus (entry));
  g_assert_true (press_shortcut (GTK_WIDGET (month), "<Alt>Right"));
  g_assert_cmpint (planned_at (f, id), ==, was + 86400);
  crm_gui_test_iterate (50);
  entry = followup_entry (GTK_WIDGET (month), id);
  if (entry != NULL)  /* unless the day it went to is full ("+N more") */
    g_assert_true (gtk_widget_has_focus (entry));
  else
    g_assert_true (gtk_widget_has_focus (crm_month_view_get_day (month, crm_month_view_get_date (month))));
  g_assert_true (gtk_widget_grab_focus (followup_entry (GTK_WIDGET (month), id) != NULL
                                        ? followup_entry (GTK_WIDGET (month), id) : GTK_WIDGET (month)));

  /* Alt+Left (through the action the keys run): back where it was */
  gtk_widget_activate_action (GTK_WIDGET (month), "month.move-entry", "i", -1);
  g_assert_cmpint (planned_at (f, id), ==, was);
  crm_gui_test_iterate (50);

  /* in the week: Alt+Down to the next quarter hour, Alt+Up back to one before */
  crm_calendar_page_set_view (f->page, "week");
  crm_gui_test_iterate (200);
  {
    g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (was);
    GDate day = dmy (g_date_time_get_day_of_month (local), g_date_time_get_month (local), g_date_time_get_year (local));
    int minutes = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
    gint64 quarter;

    crm_week_view_set_date (week, &day);
    crm_gui_test_iterate (100);
    entry = followup_entry (GTK_WIDGET (week), id);
    if (entry == NULL || minutes >= 23 * 60)
      return;  /* not among the first of its day, or close to midnight */
    g_assert_true (gtk_widget_grab_focus (entry));
    quarter = was - g_date_time_get_second (local) - (minutes % 15) * 60;
    g_assert_true (press_shortcut (GTK_WIDGET (week), "<Alt>Down"));
    g_assert_cmpint (planned_at (f, id), ==, quarter + 15 * 60);
    crm_gui_test_iterate (50);
    entry = followup_entry (GTK_WIDGET (week), id);
    if (entry == NULL)
      return;
    g_assert_true (gtk_widget_has_focus (entry));
    g_assert_true (press_shortcut (GTK_WIDGET (week), "<Alt>Up"));
    g_assert_cmpint (planned_at (f, id), ==, quarter);
  }
}

static void
test_agenda (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *agenda_button = crm_gui_test_find_child (GTK_WIDGET (f->page), crm_gui_test_is_mapped_label_with_label,
                                                      "_Week");
  GtkWidget *agenda = gtk_label_new ("the agenda");

  g_assert_nonnull (agenda_button);
  /* no agenda yet: not offered */
  g_assert_null (crm_gui_test_find_widget (GTK_WIDGET (f->page), crm_gui_test_is_mapped_label_with_label,
                                           "_Agenda"));
  crm_calendar_page_set_view (f->page, "agenda");
  g_assert_cmpstr (crm_calendar_page_get_view (f->page), ==, "month");

  crm_calendar_page_set_agenda (f->page, agenda);
  crm_gui_test_iterate (50);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->page), crm_gui_test_is_mapped_label_with_label,
                                              "_Agenda"));
  crm_calendar_page_set_view (f->page, "agenda");
  crm_gui_test_iterate (50);
  g_assert_cmpstr (crm_calendar_page_get_view (f->page), ==, "agenda");
  g_assert_true (gtk_widget_get_mapped (agenda));
}

int
main (int argc, char **argv)
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  g_test_add ("/calendar-page/month", Fixture, NULL, fixture_set_up, test_month, fixture_tear_down);
  g_test_add ("/calendar-page/entry-tooltip", Fixture, NULL, fixture_set_up, test_entry_tooltip, fixture_tear_down);
  g_test_add ("/calendar-page/more", Fixture, NULL, fixture_set_up, test_more, fixture_tear_down);
  g_test_add ("/calendar-page/titles", Fixture, NULL, fixture_set_up, test_titles, fixture_tear_down);
  g_test_add ("/calendar-page/week-entry", Fixture, NULL, fixture_set_up, test_week_entry, fixture_tear_down);
  g_test_add ("/calendar-page/reschedule", Fixture, NULL, fixture_set_up, test_reschedule, fixture_tear_down);
  g_test_add ("/calendar-page/reschedule-keyboard", Fixture, NULL, fixture_set_up, test_reschedule_keyboard,
              fixture_tear_down);
  g_test_add ("/calendar-page/agenda", Fixture, NULL, fixture_set_up, test_agenda, fixture_tear_down);

  return g_test_run ();
}
