/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>

#include "crm-demo.h"
#include "crm-gui-test-util.h"

gboolean
crm_gui_test_init (int    *argc,
                   char ***argv)
{
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      if (g_getenv ("CI") != NULL)
        g_error ("No display: GUI tests must run under Xvfb in CI");
      g_test_skip ("No display");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

CrmTestDb *
crm_gui_test_demo_db_new (guint n_customers)
{
  g_autoptr(GError) error = NULL;
  CrmTestDb *db = crm_test_db_new ();

  if (n_customers > 0)
    g_assert_true (crm_demo_generate (db->store, n_customers, 7, CRM_DEMO_LANGUAGE_CHINESE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* the window runs the playbook 20 s after it opens, once a day: a slow run
   * (a sanitizer build) would see its follow-ups appear mid-test. It ran today. */
  {
    g_autoptr(GDateTime) today = crm_clock_now_local (db->clock);
    g_autofree char *day = g_date_time_format (today, "%Y-%m-%d");

    g_assert_true (crm_store_set_setting (db->store, "playbook.last_run_day", day, &error));
    g_assert_no_error (error);
  }
  return db;
}

void
crm_gui_test_iterate (guint ms)
{
  static guint slowdown = 0;
  gint64 end;

  /* CRM_TEST_SLOWDOWN=3: every wait three times as long, for a build that
   * runs slower (the sanitizers) */
  if (slowdown == 0)
    {
      const char *env = g_getenv ("CRM_TEST_SLOWDOWN");

      slowdown = env != NULL ? CLAMP ((guint) g_ascii_strtoull (env, NULL, 10), 1, 20) : 1;
    }
  end = g_get_monotonic_time () + (gint64) ms * slowdown * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
crm_gui_test_find_widget (GtkWidget       *root,
                          CrmGuiTestMatch  match,
                          gconstpointer    data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = crm_gui_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
crm_gui_test_find_child (GtkWidget       *root,
                         CrmGuiTestMatch  match,
                         gconstpointer    data)
{
  GtkWidget *found = crm_gui_test_find_widget (root, match, data);

  g_assert_nonnull (found);
  return found;
}

GtkWidget *
crm_gui_test_find_row (GtkWidget  *root,
                       const char *title)
{
  return crm_gui_test_find_child (root, crm_gui_test_is_row_titled, title);
}

void
crm_gui_test_find_all (GtkWidget       *root,
                       CrmGuiTestMatch  match,
                       gconstpointer    data,
                       GPtrArray       *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    crm_gui_test_find_all (child, match, data, out);
}

GtkWidget *
crm_gui_test_wait_for_widget (GtkWidget       *root,
                              CrmGuiTestMatch  match,
                              gconstpointer    data,
                              guint            timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;
  GtkWidget *found;

  while ((found = crm_gui_test_find_widget (root, match, data)) == NULL || !gtk_widget_get_mapped (found))
    {
      if (g_get_monotonic_time () > end)
        return NULL;
      crm_gui_test_iterate (20);
    }
  return found;
}

GtkWindow *
crm_gui_test_find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

const char *
crm_gui_test_message_after (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);
  GtkWidget *label;

  if (next == NULL || !gtk_widget_get_visible (next))
    return NULL;
  label = gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next)));
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_label (GTK_LABEL (label));
}

gboolean
crm_gui_test_is_mapped_label_with_text (GtkWidget     *widget,
                                        gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

gboolean
crm_gui_test_is_mapped_label_with_label (GtkWidget     *widget,
                                         gconstpointer  label)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0;
}

gboolean
crm_gui_test_is_row_titled (GtkWidget     *widget,
                            gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

gboolean
crm_gui_test_is_group_titled (GtkWidget     *widget,
                              gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), title) == 0;
}

gboolean
crm_gui_test_is_text_view (GtkWidget     *widget,
                           gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

gboolean
crm_gui_test_toplevel_gone (GType type,
                            guint timeout_ms)
{
  for (guint waited = 0; crm_gui_test_find_toplevel (type) != NULL; waited += 50)
    {
      if (waited >= timeout_ms)
        return FALSE;
      crm_gui_test_iterate (50);
    }
  return TRUE;
}
