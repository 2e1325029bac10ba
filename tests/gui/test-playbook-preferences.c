/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Playbook page of the Preferences on a real display (Xvfb in CI): a rule
 * turned off is stored, a changed offset is stored, and an offset out of the
 * rule's bounds is refused at its row, put back and not stored. */
#include <adwaita.h>

#include "crm-gui-test-util.h"
#include "crm-playbook.h"
#include "crm-playbook-preferences.h"
#include "crm-preferences-window.h"
#include "crm-test-util.h"

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

typedef struct {
  CrmTestDb            *db;
  CrmContext           *context;
  CrmPreferencesWindow *window;
  GtkWidget            *page;
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

  f->page = crm_gui_test_find_child (GTK_WIDGET (f->window), is_of_type,
                                     GSIZE_TO_POINTER (CRM_TYPE_PLAYBOOK_PREFERENCES));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (f->window), ADW_PREFERENCES_PAGE (f->page));
  crm_gui_test_iterate (100);
  g_assert_true (gtk_widget_get_mapped (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  crm_gui_test_iterate (50);
  g_clear_object (&f->context);
  crm_test_db_free (f->db);
}

static GtkSpinButton *
row_spin (GtkWidget *row)
{
  return GTK_SPIN_BUTTON (crm_gui_test_find_child (row, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON)));
}

static GtkSwitch *
row_switch (GtkWidget *row)
{
  return GTK_SWITCH (crm_gui_test_find_child (row, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH)));
}

static void
get_rule (Fixture    *f,
          const char *key,
          gboolean   *enabled,
          gint64     *minutes)
{
  g_assert_true (crm_playbook_get_rule (f->db->store, key, enabled, minutes));
}

static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  const char *groups[] = { "Onboarding", "After Service", "Satisfaction", "Regular Contact",
                           "Greetings", "Risk and Silence" };
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *row;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    crm_gui_test_find_child (f->page, crm_gui_test_is_group_titled, groups[i]);

  /* every rule has a row with a switch and an offset */
  for (guint i = 0; i < CRM_PLAYBOOK_N_RULES; i++)
    crm_gui_test_find_row (f->page, crm_playbook_rule_title (crm_playbook_rule_key (i)));
  crm_gui_test_find_all (f->page, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH), switches);
  crm_gui_test_find_all (f->page, is_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON), spins);
  g_assert_cmpuint (switches->len, ==, CRM_PLAYBOOK_N_RULES);
  g_assert_cmpuint (spins->len, ==, CRM_PLAYBOOK_N_RULES);

  /* the defaults of DOMAIN.md, and what they do */
  row = crm_gui_test_find_row (f->page, "First phone call after the first deal");
  g_assert_true (gtk_switch_get_active (row_switch (row)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (row)), ==, 7);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "7 days after the first deal");
  g_assert_nonnull (crm_gui_test_find_widget (row, crm_gui_test_is_mapped_label_with_text, "days"));

  row = crm_gui_test_find_row (f->page, "Follow-up call after a resolved complaint");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (row)), ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2 hours after a complaint is resolved");
  g_assert_nonnull (crm_gui_test_find_widget (row, crm_gui_test_is_mapped_label_with_text, "hours"));

  row = crm_gui_test_find_row (f->page, "Birthday greeting");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1 day before the birthday");
  g_assert_nonnull (crm_gui_test_find_widget (row, crm_gui_test_is_mapped_label_with_text, "day"));

  /* the description at the top */
  g_assert_nonnull (crm_gui_test_find_widget (f->page, crm_gui_test_is_mapped_label_with_text,
                                              "These rules plan follow-ups by themselves. They run once a day and "
                                              "never plan the same follow-up twice; customers marked do-not-contact "
                                              "are left out. Changes apply from the next run."));
}

static void
test_turn_off (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *row = crm_gui_test_find_row (f->page, "Non-sales care touch");
  gboolean enabled;
  gint64 minutes;

  get_rule (f, "care_touch", &enabled, &minutes);
  g_assert_true (enabled);

  gtk_switch_set_active (row_switch (row), FALSE);
  crm_gui_test_iterate (50);
  get_rule (f, "care_touch", &enabled, &minutes);
  g_assert_false (enabled);
  g_assert_cmpint (minutes, ==, 30 * 24 * 60);
  /* its offset cannot be changed while it is off */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row_spin (row))));

  /* a new page shows what is stored */
  {
    g_autoptr(CrmPlaybookPreferences) page = g_object_ref_sink (crm_playbook_preferences_new (f->context));
    GtkWidget *other = crm_gui_test_find_row (GTK_WIDGET (page), "Non-sales care touch");

    g_assert_false (gtk_switch_get_active (row_switch (other)));
  }

  gtk_switch_set_active (row_switch (row), TRUE);
  crm_gui_test_iterate (50);
  get_rule (f, "care_touch", &enabled, &minutes);
  g_assert_true (enabled);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row_spin (row))));
}

static void
test_offset (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *row = crm_gui_test_find_row (f->page, "No contact: second reminder");
  gboolean enabled;
  gint64 minutes;

  gtk_spin_button_set_value (row_spin (row), 20);
  crm_gui_test_iterate (50);
  get_rule (f, "no_contact_15", &enabled, &minutes);
  g_assert_true (enabled);
  g_assert_cmpint (minutes, ==, 20 * 24 * 60);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "After 20 days without contact");
  g_assert_null (crm_gui_test_message_after (row));

  /* hours are hours */
  row = crm_gui_test_find_row (f->page, "Supervisor follow-up after a dissatisfied result (1–2)");
  gtk_spin_button_set_value (row_spin (row), 12);
  crm_gui_test_iterate (50);
  get_rule (f, "satisfaction_low", &enabled, &minutes);
  g_assert_cmpint (minutes, ==, 12 * 60);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "12 hours after the result, by the supervisor");
}

static void
test_out_of_range (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *row = crm_gui_test_find_row (f->page, "First review after the first deal");
  GtkWidget *hours_row = crm_gui_test_find_row (f->page, "At-risk customer analysis");
  gboolean enabled;
  gint64 minutes;

  /* below the bounds (at least 1 day) */
  gtk_spin_button_set_value (row_spin (row), 0);
  crm_gui_test_iterate (50);
  g_assert_cmpstr (crm_gui_test_message_after (row), ==, "Enter a whole number of days from 1 to 180.");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  /* put back, and nothing stored */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (row)), ==, 30);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "30 days after the first deal");
  get_rule (f, "onboarding_review", &enabled, &minutes);
  g_assert_true (enabled);
  g_assert_cmpint (minutes, ==, 30 * 24 * 60);

  /* above them, in hours */
  gtk_spin_button_set_value (row_spin (hours_row), 500);
  crm_gui_test_iterate (50);
  g_assert_cmpstr (crm_gui_test_message_after (hours_row), ==, "Enter a whole number of hours from 1 to 168.");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (hours_row)), ==, 24);
  get_rule (f, "at_risk_analysis", &enabled, &minutes);
  g_assert_cmpint (minutes, ==, 24 * 60);

  /* a right value takes the message away and is stored */
  gtk_spin_button_set_value (row_spin (row), 45);
  crm_gui_test_iterate (50);
  g_assert_null (crm_gui_test_message_after (row));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  get_rule (f, "onboarding_review", &enabled, &minutes);
  g_assert_cmpint (minutes, ==, 45 * 24 * 60);
  /* the other row keeps its message */
  g_assert_nonnull (crm_gui_test_message_after (hours_row));
}

/* A change made elsewhere (another window) shows on the page */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *row = crm_gui_test_find_row (f->page, "Public-holiday greeting");

  g_assert_true (crm_playbook_set_rule (f->db->store, "holiday_greeting", FALSE, 5 * 24 * 60, &error));
  g_assert_no_error (error);
  crm_gui_test_iterate (50);
  g_assert_false (gtk_switch_get_active (row_switch (row)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (row_spin (row)), ==, 5);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "5 days before a public holiday");
}

int
main (int    argc,
      char **argv)
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  g_test_add ("/playbook-preferences/layout", Fixture, NULL, fixture_set_up, test_layout, fixture_tear_down);
  g_test_add ("/playbook-preferences/turn-off", Fixture, NULL, fixture_set_up, test_turn_off, fixture_tear_down);
  g_test_add ("/playbook-preferences/offset", Fixture, NULL, fixture_set_up, test_offset, fixture_tear_down);
  g_test_add ("/playbook-preferences/out-of-range", Fixture, NULL, fixture_set_up, test_out_of_range,
              fixture_tear_down);
  g_test_add ("/playbook-preferences/changed-elsewhere", Fixture, NULL, fixture_set_up, test_changed_elsewhere,
              fixture_tear_down);

  return g_test_run ();
}
