/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on a real display (Xvfb in CI): it opens on a demo database, lists
 * the customers, search narrows the list, and a customer can be created and found. */
#include <string.h>
#include <adwaita.h>

#include "crm-contact-editor.h"
#include "crm-customer-editor.h"
#include "crm-customer-profile.h"
#include "crm-followup-detail.h"
#include "crm-followup-editor.h"
#include "crm-customers-page.h"
#include "crm-gui-test-util.h"
#include "crm-interaction-editor.h"
#include "crm-interaction.h"
#include "crm-plain-selection.h"
#include "crm-profile.h"
#include "crm-format.h"
#include "crm-needs-editor.h"
#include "crm-rfm.h"
#include "crm-scores.h"
#include "crm-ticket-card.h"
#include "crm-ticket-list-model.h"
#include "crm-store-customers.h"
#include "crm-store-tickets.h"
#include "crm-test-util.h"
#include "crm-window.h"

#include <gdk/x11/gdkx.h>

/* A mapped label showing @text, or whose label as set (with its mnemonic
 * underline or markup) is @text */
static gboolean
is_visible_label_with_text (GtkWidget     *widget,
                            gconstpointer  text)
{
  return crm_gui_test_is_mapped_label_with_label (widget, text) ||
         crm_gui_test_is_mapped_label_with_text (widget, text);
}

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  GtkWidget *row = crm_gui_test_find_row (root, title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

typedef struct {
  CrmTestDb  *db;
  CrmContext *context;
  CrmWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_gui_test_demo_db_new (GPOINTER_TO_UINT (data));
  f->context = crm_context_new (f->db->store, NULL);
  f->window = crm_window_new (NULL, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  crm_gui_test_iterate (400);
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

static void
test_lists_customers (Fixture       *f,
                      gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window));
  GListModel *model = crm_customers_page_get_model (page);
  g_autoptr(CrmCustomer) first = NULL;

  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "customers");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);

  /* the first customer is on screen */
  first = g_list_model_get_item (model, 0);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              crm_customer_get_name (first)));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              crm_customer_get_code (first)));
  /* the sidebar counts them */
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "300"));
}

static void
test_search_narrows (Fixture       *f,
                     gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window));
  GListModel *model = crm_customers_page_get_model (page);
  g_autofree char *name = crm_test_query_text (f->db->store,
                                               "SELECT name FROM contacts WHERE length(name) = 2 ORDER BY id LIMIT 1");
  g_autofree char *customer_name = NULL;
  g_autofree char *sql = NULL;
  guint n;
  gboolean found = FALSE;

  g_assert_nonnull (name);
  sql = g_strdup_printf ("SELECT c.name FROM customers c JOIN contacts p ON p.customer_id = c.id"
                         " WHERE p.name = '%s' LIMIT 1", name);   /* test data, not user input */
  customer_name = crm_test_query_text (f->db->store, sql);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  crm_gui_test_iterate (100);
  gtk_editable_set_text (crm_customers_page_get_search_entry (page), name);
  crm_gui_test_iterate (500);   /* the search entry waits a moment before it searches */

  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <, 300);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (model, i);

      if (g_str_equal (crm_customer_get_name (customer), customer_name))
        found = TRUE;
    }
  g_assert_true (found);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, customer_name));

  /* nothing found says so */
  gtk_editable_set_text (crm_customers_page_get_search_entry (page), "没有这个人zzz");
  crm_gui_test_iterate (500);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              "No Matching Customers"));
}

static gboolean
search_mode (CrmCustomersPage *page)
{
  gboolean mode = FALSE;

  g_object_get (page, "search-mode", &mode, NULL);
  return mode;
}

/* Typing into the window, with nothing focused to take the keys, searches
 * (key presses sent to the window through the X server: xdotool; to the
 * window itself, as other tests may show windows on the same display) */
static void
test_type_to_search (Fixture       *f,
                     gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window));
  GListModel *model = crm_customers_page_get_model (page);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *code = crm_test_query_text (f->db->store, "SELECT code FROM customers WHERE id = 42");
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  gint64 end;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_assert_false (search_mode (page));

  {
    const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
    const char *type[] = { "xdotool", "type", "--window", xid, "--delay", "40", code, NULL };

    g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    crm_gui_test_iterate (100);
    g_spawn_sync (NULL, (char **) type, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }
  /* the keys come through the X server: as long as that takes */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_strcmp0 (gtk_editable_get_text (crm_customers_page_get_search_entry (page)), code) != 0 &&
         g_get_monotonic_time () < end)
    crm_gui_test_iterate (50);
  crm_gui_test_iterate (500);   /* the search entry waits a moment before it searches */

  g_assert_true (search_mode (page));
  g_assert_cmpstr (gtk_editable_get_text (crm_customers_page_get_search_entry (page)), ==, code);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

/* A large import's customers are found once the background has made their
 * search terms; meanwhile the page says why they are missing */
static void
test_search_while_indexing (Fixture       *f,
                            gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window));
  GListModel *model = crm_customers_page_get_model (page);
  g_autofree char *code = crm_test_query_text (f->db->store, "SELECT code FROM customers WHERE id = 7");
  gint64 end;

  /* customers 5 to 20 as an import leaves them */
  g_assert_cmpint (sqlite3_exec (crm_store_get_db (f->db->store),
                                 "DELETE FROM search_terms WHERE customer_id BETWEEN 5 AND 20;"
                                 "DELETE FROM customer_terms WHERE customer_id BETWEEN 5 AND 20;"
                                 "INSERT INTO unindexed_customers SELECT id FROM customers WHERE id BETWEEN 5 AND 20;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  crm_gui_test_iterate (100);
  gtk_editable_set_text (crm_customers_page_get_search_entry (page), code);
  crm_gui_test_iterate (500);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              "Try another name, customer code, phone number or e-mail address, or "
                                              "clear the filters."));

  crm_context_index_customers (f->context);
  g_assert_true (crm_context_get_indexing (f->context));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              "0 customers · adding imported customers to search…"));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              "Customers imported a moment ago are still being added to search. "
                                              "They appear here in a few seconds."));

  /* done: the search runs again by itself and finds the customer */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (crm_context_get_indexing (f->context))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      crm_gui_test_iterate (20);
    }
  crm_gui_test_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "1 customer"));
  g_assert_null (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                           "1 customer · adding imported customers to search…"));
  g_assert_cmpint (crm_store_count_unindexed (f->db->store), ==, 0);
}

static void
test_create_customer (Fixture       *f,
                      gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window));
  GListModel *model = crm_customers_page_get_model (page);
  CrmCustomerEditor *editor = crm_customer_editor_new (f->context, 0);
  GtkWidget *error_label;

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);

  /* a bad e-mail address is pointed out at its field, nothing is saved */
  set_row_text (GTK_WIDGET (editor), "Name", "深圳星河物流有限公司");
  set_row_text (GTK_WIDGET (editor), "Contact Name", "周杰");
  set_row_text (GTK_WIDGET (editor), "Phone", "139 1234 0000");
  set_row_text (GTK_WIDGET (editor), "E-mail", "zhoujie-at-xinghe");
  g_assert_false (crm_customer_editor_save (editor));
  crm_gui_test_iterate (100);
  error_label = crm_gui_test_find_widget (GTK_WIDGET (editor), is_visible_label_with_text,
                                          "Enter an address like name@example.com.");
  g_assert_nonnull (error_label);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);

  /* corrected, it is saved and found by its phone number */
  set_row_text (GTK_WIDGET (editor), "E-mail", "zhoujie@xinghe.cn");
  g_assert_true (crm_customer_editor_save (editor));
  crm_gui_test_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 301);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (crm_customers_page_get_search_entry (page), "1391234");
  crm_gui_test_iterate (500);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "深圳星河物流有限公司"));
}

static void
test_duplicate_warning (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *existing = crm_test_query_text (f->db->store, "SELECT name FROM customers ORDER BY id LIMIT 1");
  CrmCustomerEditor *editor = crm_customer_editor_new (f->context, 0);
  g_autofree char *warning = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  crm_gui_test_iterate (100);
  set_row_text (GTK_WIDGET (editor), "Name", existing);
  g_assert_false (crm_customer_editor_save (editor));
  crm_gui_test_iterate (300);
  g_assert_cmpint (crm_store_count_customers (f->db->store, TRUE), ==, 300);
  g_assert_nonnull (crm_gui_test_wait_for_widget (GTK_WIDGET (editor), is_visible_label_with_text, "Save _Anyway", 3000));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
is_visible_toast_with_title_prefix (GtkWidget     *widget,
                                    gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_suffix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

static void
test_archive_and_undo (Fixture       *f,
                       gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window));
  GListModel *model = crm_customers_page_get_model (page);
  g_autoptr(CrmCustomer) first = g_list_model_get_item (model, 0);
  g_autofree char *archived = g_strdup_printf ("“%s” archived", crm_customer_get_name (first));
  GtkWidget *title, *undo;

  /* the row menu opens from the keyboard (Menu key / Shift+F10) on the selected row */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (crm_gui_test_find_widget (GTK_WIDGET (page), is_column_view, NULL)))), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.menu", NULL);
  crm_gui_test_iterate (300);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (page), is_visible_label_with_text, "_Archive"));

  /* archive: it leaves the list, and Undo brings it back */
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.archive", "x", crm_customer_get_id (first));
  crm_gui_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 299);
  title = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_toast_with_title_prefix, archived);
  g_assert_nonnull (title);
  undo = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (gtk_widget_get_ancestor (undo, GTK_TYPE_BUTTON), "clicked");
  crm_gui_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
}

static gboolean
is_mapped_label_containing (GtkWidget     *widget,
                            gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_masked_phone_label (GtkWidget     *widget,
                       gconstpointer  data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  text = gtk_label_get_label (GTK_LABEL (widget));
  return g_regex_match_simple ("^1[3-9][0-9]\\*{4}[0-9]{4}$", text, 0, 0);
}

static gboolean
is_reveal_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Reveal") == 0;
}

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  static const char *sections[] = {
    "Contacts", "Needs & Preferences", "Health", "Recent Interactions", "History", "Open Tickets",
    "Follow-ups", "Satisfaction", "Purchases", "Basic Information",
  };
  gint64 id = crm_test_query_int (f->db->store,
                                  "SELECT customer_id FROM contacts WHERE is_primary = 1 AND phone IS NOT NULL"
                                  " ORDER BY customer_id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT phone FROM contacts WHERE customer_id = %" G_GINT64_FORMAT
                                          " AND is_primary = 1", id);
  g_autofree char *phone = crm_test_query_text (f->db->store, sql);
  g_autofree char *name_sql = g_strdup_printf ("SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *name = crm_test_query_text (f->db->store, name_sql);
  GtkWidget *reveal, *dialog_entry = NULL;
  GList *toplevels;

  crm_window_show_customer (f->window, id);
  crm_gui_test_iterate (400);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "profile");
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, name));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, sections[i]));

  /* contact details are masked: 138****5678, the number itself nowhere */
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_masked_phone_label, NULL));
  g_assert_null (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_mapped_label_containing, phone));

  /* revealing asks for a reason, records it, then shows the number */
  reveal = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_reveal_button, NULL);
  g_assert_nonnull (reveal);
  g_signal_emit_by_name (reveal, "clicked");
  crm_gui_test_iterate (300);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        dialog_entry = adw_message_dialog_get_extra_child (l->data);
        g_assert_false (adw_message_dialog_get_response_enabled (l->data, "reveal"));
        gtk_editable_set_text (GTK_EDITABLE (dialog_entry), "Calling about the renewal");
        g_assert_true (adw_message_dialog_get_response_enabled (l->data, "reveal"));
        adw_message_dialog_response (l->data, "reveal");
      }
  g_list_free (toplevels);
  g_assert_nonnull (dialog_entry);
  crm_gui_test_iterate (300);
  g_assert_cmpint (crm_test_query_int (f->db->store,
                                       "SELECT count(*) FROM audit_log WHERE action = 'reveal_contact'"
                                       " AND reason = 'Calling about the renewal'"), ==, 1);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_mapped_label_containing, phone));

  /* back to the list */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL);
  crm_gui_test_iterate (200);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "customers");
}

static guint
count_action_rows (GtkWidget *root)
{
  guint n = ADW_IS_ACTION_ROW (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_action_rows (child);
  return n;
}

/* The profile's history pages on: "Show Earlier" adds the next entries of
 * every kind, until there are no more. */
static void
test_profile_history (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = crm_test_query_int (f->db->store, "SELECT customer_id FROM interactions GROUP BY customer_id"
                                                " ORDER BY count(*) DESC LIMIT 1");
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (crm_profile_event_free);
  g_autoptr(GError) error = NULL;
  GtkWidget *group, *more;
  guint shown, pages = 0;

  /* the tickets already past a deadline escalated now, so the window's own
   * pass does not add to this history while a slow run pages through it */
  crm_store_escalate_tickets (f->db->store, &error);
  g_assert_no_error (error);
  g_assert_true (crm_profile_load_history (f->db->store, id, NULL, 1000, all, &error));
  g_assert_cmpuint (all->len, >, 2 * CRM_PROFILE_HISTORY);

  crm_window_show_customer (f->window, id);
  group = crm_gui_test_wait_for_widget (GTK_WIDGET (f->window), crm_gui_test_is_group_titled, "History", 3000);
  g_assert_nonnull (group);
  more = crm_gui_test_wait_for_widget (group, crm_gui_test_is_row_titled, "Show Earlier", 3000);
  g_assert_nonnull (more);
  g_assert_cmpuint (count_action_rows (group), ==, CRM_PROFILE_HISTORY + 1);

  /* each page adds 15 rows; the last page ends without "Show Earlier" */
  while ((more = crm_gui_test_find_widget (group, crm_gui_test_is_row_titled, "Show Earlier")) != NULL)
    {
      guint before = count_action_rows (group);

      g_assert_true (gtk_widget_activate (more));
      crm_gui_test_iterate (50);
      pages++;
      shown = count_action_rows (group);
      if (crm_gui_test_find_widget (group, crm_gui_test_is_row_titled, "Show Earlier") != NULL)
        g_assert_cmpuint (shown, ==, before + CRM_PROFILE_HISTORY);
      g_assert_cmpuint (pages, <, 100);
    }
  shown = count_action_rows (group);
  {
    /* a deadline that passed during the run may still have added one */
    g_autoptr(GPtrArray) paged = g_ptr_array_new_with_free_func (crm_profile_event_free);

    g_assert_true (crm_profile_load_history (f->db->store, id, NULL, 1000, paged, &error));
    g_ptr_array_unref (all);
    all = g_steal_pointer (&paged);
  }
  g_assert_cmpuint (shown, ==, all->len);
  g_assert_cmpuint (pages, >=, (all->len - 1) / CRM_PROFILE_HISTORY);
  /* the last row is the oldest entry */
  {
    const CrmProfileEvent *oldest = all->pdata[all->len - 1];
    g_autofree char *when = crm_format_datetime (oldest->at);

    /* the rows are laid out over frames: slow under load or a sanitizer */
    g_assert_nonnull (crm_gui_test_wait_for_widget (group, is_visible_label_with_text, when, 10000));

    /* a change elsewhere reloads the profile, and the pages opened stay open
     * (the history read again: the window's escalations may have added to it
     * while a slow run paged) */
    crm_store_note_change (f->db->store, CRM_CHANGE_SETTINGS, 0);
    crm_gui_test_iterate (200);
    g_assert_nonnull (crm_gui_test_wait_for_widget (group, is_visible_label_with_text, when, 10000));
    {
      g_autoptr(GPtrArray) now = g_ptr_array_new_with_free_func (crm_profile_event_free);

      g_assert_true (crm_profile_load_history (f->db->store, id, NULL, 1000, now, &error));
      g_assert_cmpuint (now->len, >=, all->len);
      g_assert_cmpuint (count_action_rows (group), ==, now->len);
    }
  }
}

static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_visible_toggle_labelled (GtkWidget     *widget,
                            gconstpointer  label)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Once scores are computed, the list shows health and risk, and "At Risk"
 * keeps the customers at risk only. */
static void
test_at_risk_filter (Fixture       *f,
                     gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window));
  GListModel *model = crm_customers_page_get_model (page);
  g_autoptr(GError) error = NULL;
  GtkWidget *toggle;
  gint64 at_risk;

  g_assert_true (crm_scores_update_all (f->db->path, CRM_TEST_NOW, NULL, &error));
  g_assert_no_error (error);
  crm_store_note_change (f->db->store, CRM_CHANGE_ALL, 0);
  crm_gui_test_iterate (300);
  at_risk = crm_test_query_int (f->db->store, "SELECT count(*) FROM customer_scores s JOIN customers c"
                                              " ON c.id = s.customer_id WHERE s.risk > 0 AND c.archived = 0");
  g_assert_cmpint (at_risk, >, 0);
  g_assert_cmpint (at_risk, <, 300);

  /* the columns and the first customer's score */
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "Health"));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "Risk"));
  {
    g_autoptr(CrmCustomer) first = g_list_model_get_item (model, 0);
    g_autofree char *score = g_strdup_printf ("%d", crm_customer_get_health_score (first));

    g_assert_cmpint (crm_customer_get_health_score (first), >=, 0);
    g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, score));
  }

  toggle = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_toggle_labelled, "At _Risk");
  g_assert_nonnull (toggle);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  crm_gui_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, at_risk);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (model, i);

      g_assert_cmpint (crm_customer_get_risk (customer), >, 0);
      g_assert_cmpint (crm_customer_get_health_score (customer), <=, 60);
    }
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_containing, " risk"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  crm_gui_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
}

/* A growing Potential customer is suggested as a key account on its profile;
 * accepting makes it a Gold account and the suggestion goes away. */
static void
test_tier_suggestion (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_test_query_int (f->db->store, "SELECT id FROM customers WHERE archived = 0 ORDER BY id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("UPDATE customers SET tier = 2, key_account = 0 WHERE id = %" G_GINT64_FORMAT ";"
                                          "DELETE FROM tier_suggestions;"
                                          "DELETE FROM purchases WHERE customer_id = %" G_GINT64_FORMAT ";"
                                          "INSERT INTO purchases (customer_id, purchased_at, amount_cents) VALUES"
                                          " (%" G_GINT64_FORMAT ", 1795140000 - 250 * 86400, 100000),"
                                          " (%" G_GINT64_FORMAT ", 1795140000 - 30 * 86400, 200000);",
                                          id, id, id, id);
  g_autofree char *key_sql = g_strdup_printf ("SELECT key_account FROM customers WHERE id = %" G_GINT64_FORMAT, id);

  g_assert_true (crm_store_exec (f->db->store, sql, &error));
  g_assert_true (crm_tier_suggestions_update (f->db->store, &error));
  g_assert_no_error (error);

  crm_window_show_customer (f->window, id);
  crm_gui_test_iterate (400);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_containing,
                                              "Purchases grew 100%"));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              "_Make Gold Account"));

  gtk_widget_activate_action (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                                        "_Make Gold Account"),
                              "profile.accept-suggestion", NULL);
  crm_gui_test_iterate (300);
  g_assert_cmpint (crm_test_query_int (f->db->store, key_sql), ==, 1);
  g_assert_null (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_containing, "Purchases grew"));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "Gold Account"));
}

static gboolean
is_profile (GtkWidget     *widget,
            gconstpointer  data)
{
  return CRM_IS_CUSTOMER_PROFILE (widget);
}

static gboolean
is_switch (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_SWITCH (widget);
}

/* The message shown in the boxed list right under the row titled @title */
static const char *
message_under (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = crm_gui_test_find_row (root, title);
  const char *message = crm_gui_test_message_after (row);

  /* a message shown is an error of the row */
  if (message != NULL)
    g_assert_true (gtk_widget_has_css_class (row, "error"));
  return message;
}

static gint64
count_sql (CrmStore   *store,
           const char *format,
           gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s%" G_GINT64_FORMAT, format, id);

  return crm_test_query_int (store, sql);
}

static void
test_profile_contacts_and_needs (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 id = crm_test_query_int (f->db->store, "SELECT customer_id FROM contacts WHERE is_primary = 1"
                                                " ORDER BY customer_id LIMIT 1");
  gint64 n_contacts = count_sql (f->db->store, "contacts WHERE customer_id = ", id);
  gint64 contact_id;
  GtkWidget *profile, *row;
  GtkWindow *editor, *dialog;

  crm_window_show_customer (f->window, id);
  crm_gui_test_iterate (400);
  profile = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_profile, NULL);
  g_assert_nonnull (profile);
  g_assert_nonnull (crm_gui_test_find_widget (profile, is_visible_label_with_text, "Add _Contact"));
  g_assert_nonnull (crm_gui_test_find_widget (profile, is_visible_label_with_text, "Edit _Needs"));

  /* Add Contact opens the form over the window */
  gtk_widget_activate_action (profile, "profile.add-contact", NULL);
  crm_gui_test_iterate (300);
  editor = crm_gui_test_find_toplevel (CRM_TYPE_CONTACT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (editor));

  /* a bad e-mail address is pointed out under its field, nothing is saved */
  set_row_text (GTK_WIDGET (editor), "Name", "欧阳晓岚");
  set_row_text (GTK_WIDGET (editor), "Job Title", "IT 主管");
  set_row_text (GTK_WIDGET (editor), "Phone", "186 5555 0101");
  set_row_text (GTK_WIDGET (editor), "E-mail", "ouyang-at-example");
  g_assert_false (crm_contact_editor_save (CRM_CONTACT_EDITOR (editor)));
  crm_gui_test_iterate (100);
  g_assert_cmpstr (message_under (GTK_WIDGET (editor), "E-mail"), ==, "Enter an address like name@example.com.");
  g_assert_null (message_under (GTK_WIDGET (editor), "Name"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpint (count_sql (f->db->store, "contacts WHERE customer_id = ", id), ==, n_contacts);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts WHERE name = '欧阳晓岚'"), ==, 0);

  /* corrected, the message goes as it is typed; Ctrl+Enter's action saves */
  set_row_text (GTK_WIDGET (editor), "E-mail", "ouyang@example.com");
  crm_gui_test_iterate (50);
  g_assert_null (message_under (GTK_WIDGET (editor), "E-mail"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  crm_gui_test_iterate (300);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_CONTACT_EDITOR, 3000));
  g_assert_cmpint (count_sql (f->db->store, "contacts WHERE customer_id = ", id), ==, n_contacts + 1);
  contact_id = crm_test_query_int (f->db->store,
                                   "SELECT id FROM contacts WHERE name = '欧阳晓岚' AND title = 'IT 主管'"
                                   " AND phone_digits = '18655550101' AND email = 'ouyang@example.com'"
                                   " AND is_primary = 0");
  g_assert_cmpint (contact_id, >, 0);
  row = crm_gui_test_find_widget (profile, crm_gui_test_is_row_titled, "欧阳晓岚 · IT 主管");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));

  /* the row opens the same form: make the new contact the primary one */
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "profile.edit-contact");
  gtk_widget_activate_action (profile, "profile.edit-contact", "x", contact_id);
  crm_gui_test_iterate (300);
  editor = crm_gui_test_find_toplevel (CRM_TYPE_CONTACT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Edit Contact");
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (editor), is_visible_label_with_text, "_Delete Contact…"));
  gtk_switch_set_active (GTK_SWITCH (crm_gui_test_find_widget (GTK_WIDGET (editor), is_switch, NULL)), TRUE);
  g_assert_true (crm_contact_editor_save (CRM_CONTACT_EDITOR (editor)));
  crm_gui_test_iterate (300);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT is_primary FROM contacts WHERE name = '欧阳晓岚'"), ==, 1);
  g_assert_cmpint (count_sql (f->db->store, "contacts WHERE is_primary = 1 AND customer_id = ", id), ==, 1);
  g_assert_cmpint (count_sql (f->db->store, "profile_changes WHERE field = 'primary_contact' AND new_value = '欧阳晓岚'"
                              " AND customer_id = ", id), ==, 1);
  row = crm_gui_test_find_widget (profile, crm_gui_test_is_row_titled, "欧阳晓岚 · IT 主管");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "User · Primary contact");

  /* closing with changes asks first */
  gtk_widget_activate_action (profile, "profile.edit-contact", "x", contact_id);
  crm_gui_test_iterate (300);
  editor = crm_gui_test_find_toplevel (CRM_TYPE_CONTACT_EDITOR);
  set_row_text (GTK_WIDGET (editor), "Job Title", "CIO");
  gtk_window_close (editor);
  crm_gui_test_iterate (200);
  dialog = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Discard Changes?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  crm_gui_test_iterate (300);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_CONTACT_EDITOR, 3000));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts WHERE title = 'CIO'"), ==, 0);

  /* deleting asks to confirm; the primary role goes to the oldest other contact */
  gtk_widget_activate_action (profile, "profile.edit-contact", "x", contact_id);
  crm_gui_test_iterate (300);
  editor = crm_gui_test_find_toplevel (CRM_TYPE_CONTACT_EDITOR);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  crm_gui_test_iterate (200);
  dialog = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Delete Contact?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "oldest"));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts WHERE name = '欧阳晓岚'"), ==, 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  crm_gui_test_iterate (300);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_CONTACT_EDITOR, 3000));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts WHERE name = '欧阳晓岚'"), ==, 0);
  g_assert_cmpint (count_sql (f->db->store, "contacts WHERE customer_id = ", id), ==, n_contacts);
  g_assert_cmpint (count_sql (f->db->store, "contacts WHERE is_primary = 1 AND customer_id = ", id), ==, 1);
  g_assert_null (crm_gui_test_find_widget (profile, crm_gui_test_is_row_titled, "欧阳晓岚 · IT 主管"));

  /* needs: a response time that is not a number of hours is refused where it was typed */
  gtk_widget_activate_action (profile, "profile.edit-needs", NULL);
  crm_gui_test_iterate (300);
  editor = crm_gui_test_find_toplevel (CRM_TYPE_NEEDS_EDITOR);
  g_assert_nonnull (editor);
  set_row_text (GTK_WIDGET (editor), "Expected Response Time in Hours", "两天");
  crm_gui_test_iterate (50);
  g_assert_cmpstr (message_under (GTK_WIDGET (editor), "Expected Response Time in Hours"), ==,
                   "Enter a whole number of hours, such as 24, or leave the field empty.");
  set_row_text (GTK_WIDGET (editor), "Tags", "快速交付，月结、 快速交付, ");
  g_assert_false (crm_needs_editor_save (CRM_NEEDS_EDITOR (editor)));
  g_assert_cmpint (count_sql (f->db->store, "profile_changes WHERE field = 'needs' AND customer_id = ", id), ==, 0);

  set_row_text (GTK_WIDGET (editor), "Expected Response Time in Hours", "12");
  g_assert_true (crm_needs_editor_save (CRM_NEEDS_EDITOR (editor)));
  crm_gui_test_iterate (300);
  g_assert_cmpint (count_sql (f->db->store, "customer_tags WHERE customer_id = ", id), ==, 2);
  g_assert_cmpint (count_sql (f->db->store, "customer_needs WHERE expected_response_hours = 12 AND customer_id = ", id),
                   ==, 1);
  g_assert_cmpint (count_sql (f->db->store, "profile_changes WHERE field = 'needs' AND customer_id = ", id), ==, 1);
  g_assert_nonnull (crm_gui_test_wait_for_widget (profile, is_visible_label_with_text, "Within 12 hours", 3000));
}

static gboolean
is_search_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static gboolean
is_list_view (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "timeline");
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  CrmTimelinePage *page;
  GListModel *model;
  gint64 total = crm_test_query_int (f->db->store, "SELECT count(*) FROM interactions");
  gint64 newest = crm_test_query_int (f->db->store, "SELECT id FROM interactions ORDER BY occurred_at DESC, id DESC LIMIT 1");
  gint64 customer = crm_test_query_int (f->db->store, "SELECT customer_id FROM interactions GROUP BY customer_id"
                                                      " ORDER BY count(*) DESC LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM interactions WHERE customer_id = %" G_GINT64_FORMAT,
                                          customer);
  g_autofree char *subject_sql = g_strdup_printf ("SELECT subject FROM interactions WHERE id = %" G_GINT64_FORMAT, newest);
  g_autofree char *subject = crm_test_query_text (f->db->store, subject_sql);
  GtkWidget *list;

  crm_window_show_timeline (f->window, 0, NULL);
  crm_gui_test_iterate (400);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "timeline");
  page = crm_window_get_timeline_page (f->window);
  model = crm_timeline_page_get_model (page);
  g_assert_cmpint (g_list_model_get_n_items (model), ==, total);
  {
    g_autoptr(CrmInteraction) first = g_list_model_get_item (model, 0);

    g_assert_cmpint (crm_interaction_get_id (first), ==, newest);
  }
  /* the newest entry is on screen under its day's heading */
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, subject));
  {
    g_autoptr(CrmInteraction) first = g_list_model_get_item (model, 0);
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (crm_interaction_get_occurred_at (first));
    g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
    const char *heading = g_str_equal (day, "2026-11-20") ? "Today" : g_str_equal (day, "2026-11-19") ? "Yesterday" : day;

    g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_containing, heading));
  }

  /* one customer's timeline, from "See all" on the profile */
  crm_window_show_customer (f->window, customer);
  crm_gui_test_iterate (400);
  gtk_widget_activate_action (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_profile, NULL),
                              "profile.see-all-interactions", NULL);
  crm_gui_test_iterate (200);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "timeline");
  g_assert_cmpint (g_list_model_get_n_items (model), ==, crm_test_query_int (f->db->store, sql));
  crm_window_show_timeline (f->window, customer, "Someone");
  crm_gui_test_iterate (200);
  g_assert_cmpint (g_list_model_get_n_items (model), ==, crm_test_query_int (f->db->store, sql));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "Only Someone"));
  crm_timeline_page_set_customer (page, 0, NULL);
  crm_gui_test_iterate (200);
  g_assert_cmpint (g_list_model_get_n_items (model), ==, total);

  /* text search: a Chinese subject found as a phrase in subjects, summaries and feedback */
  {
    g_autofree char *like = g_strdup_printf ("SELECT count(*) FROM interactions WHERE subject LIKE '%%%s%%'"
                                             " OR summary LIKE '%%%s%%' OR feedback LIKE '%%%s%%'",
                                             subject, subject, subject);   /* test data, not user input */
    GtkWidget *entry = crm_gui_test_find_widget (GTK_WIDGET (page), is_search_entry, NULL);

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), subject);
    crm_gui_test_iterate (600);
    g_assert_cmpint (g_list_model_get_n_items (model), ==, crm_test_query_int (f->db->store, like));
    g_assert_cmpint (g_list_model_get_n_items (model), <, total);
    gtk_editable_set_text (GTK_EDITABLE (entry), "没有这样的互动zz");
    crm_gui_test_iterate (600);
    g_assert_cmpint (g_list_model_get_n_items (model), ==, 0);
    g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                                "No Matching Interactions"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    crm_gui_test_iterate (600);
    g_assert_cmpint (g_list_model_get_n_items (model), ==, total);
  }

  /* jump to a date: the first entry at or before the end of that day */
  {
    g_autoptr(GDateTime) date = g_date_time_new_local (2026, 6, 1, 12, 0, 0);
    g_autoptr(GDateTime) end = g_date_time_new_local (2026, 6, 1, 23, 59, 59);
    g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM interactions WHERE occurred_at > %" G_GINT64_FORMAT,
                                                  g_date_time_to_unix (end));
    gint64 expected = crm_test_query_int (f->db->store, count_sql);
    GtkSelectionModel *selection;

    crm_timeline_page_jump_to_date (page, date);
    crm_gui_test_iterate (200);
    list = crm_gui_test_find_widget (GTK_WIDGET (page), is_list_view, NULL);
    g_assert_nonnull (list);
    selection = gtk_list_view_get_model (GTK_LIST_VIEW (list));
    g_assert_true (gtk_selection_model_is_selected (selection, (guint) expected));
  }

  /* delete the selected entry, then undo it */
  {
    CrmPlainSelection *selection = CRM_PLAIN_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
    g_autoptr(CrmInteraction) selected = crm_plain_selection_get_selected_item (selection);
    g_autofree char *exists = g_strdup_printf ("SELECT count(*) FROM interactions WHERE id = %" G_GINT64_FORMAT,
                                               crm_interaction_get_id (selected));

    gtk_widget_activate_action (GTK_WIDGET (page), "timeline.delete-selected", NULL);
    crm_gui_test_iterate (200);
    g_assert_cmpint (crm_test_query_int (f->db->store, exists), ==, 0);
    g_assert_cmpint (g_list_model_get_n_items (model), ==, total - 1);
    g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "_Undo"));
    g_signal_emit_by_name (gtk_widget_get_ancestor (crm_gui_test_find_widget (GTK_WIDGET (f->window),
                                                                              is_visible_label_with_text, "_Undo"),
                                                    GTK_TYPE_BUTTON), "clicked");
    crm_gui_test_iterate (300);
    g_assert_cmpint (crm_test_query_int (f->db->store, exists), ==, 1);
    g_assert_cmpint (g_list_model_get_n_items (model), ==, total);
  }
}

/* The board: five columns with the demo's open tickets; moving a card (the
 * card menu's action, as a drop does) changes its column and grows its event
 * log; resolving asks for the resolution; a breached-only filter keeps the
 * breached ones. */
static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_menu_button_for (GtkWidget     *widget,
                    gconstpointer  tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
model_has_ticket (GListModel *model,
                  gint64      ticket_id)
{
  guint n = MIN (g_list_model_get_n_items (model), 500);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (model, i);

      if (ticket != NULL && crm_ticket_get_id (ticket) == ticket_id)
        return TRUE;
    }
  return FALSE;
}

/* A fresh ticket of @level for the first customer: its clocks have just started. */
static gint64
new_ticket (Fixture *f,
            int      level)
{
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_ticket_draft_init (&draft);
  draft.customer_id = crm_test_query_int (f->db->store, "SELECT min(id) FROM customers");
  draft.title = g_strdup ("Cannot export the monthly report");
  draft.level = level;
  draft.category = CRM_TICKET_FAULT;
  id = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_ticket_board (Fixture       *f,
                   gconstpointer  data)
{
  CrmTicketsPage *page;
  GListModel *columns[CRM_N_TICKET_STATUSES];
  gint64 ticket = new_ticket (f, 3);
  g_autofree char *events_sql = g_strdup_printf ("SELECT count(*) FROM ticket_events WHERE ticket_id = %" G_GINT64_FORMAT,
                                                 ticket);
  gint64 events = crm_test_query_int (f->db->store, events_sql);
  gint64 open = crm_test_query_int (f->db->store, "SELECT count(*) FROM tickets WHERE status < 3");
  AdwMessageDialog *dialog = NULL;
  GList *toplevels;

  g_assert_cmpint (ticket, >, 0);
  crm_window_show_tickets (f->window, 0, NULL);
  crm_gui_test_iterate (300);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "tickets");
  page = crm_window_get_tickets_page (f->window);
  for (CrmTicketStatus s = 0; s < CRM_N_TICKET_STATUSES; s++)
    {
      columns[s] = G_LIST_MODEL (crm_ticket_column_get_model (crm_tickets_page_get_column (page, s)));
      g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                                  crm_ticket_status_to_string (s)));
    }
  g_assert_cmpuint (g_list_model_get_n_items (columns[CRM_TICKET_NEW]) + g_list_model_get_n_items (columns[CRM_TICKET_IN_PROGRESS]) +
                    g_list_model_get_n_items (columns[CRM_TICKET_WAITING]), ==, open);
  g_assert_true (model_has_ticket (columns[CRM_TICKET_NEW], ticket));

  /* New → In Progress */
  gtk_widget_activate_action (GTK_WIDGET (page), "tickets.move", "(xi)", ticket, (gint32) CRM_TICKET_IN_PROGRESS);
  crm_gui_test_iterate (200);
  g_assert_false (model_has_ticket (columns[CRM_TICKET_NEW], ticket));
  g_assert_true (model_has_ticket (columns[CRM_TICKET_IN_PROGRESS], ticket));
  g_assert_cmpint (crm_test_query_int (f->db->store, events_sql), ==, events + 1);

  /* → Waiting on Customer: the card's clock pauses */
  gtk_widget_activate_action (GTK_WIDGET (page), "tickets.move", "(xi)", ticket, (gint32) CRM_TICKET_WAITING);
  crm_gui_test_iterate (200);
  g_assert_true (model_has_ticket (columns[CRM_TICKET_WAITING], ticket));
  g_assert_cmpint (crm_test_query_int (f->db->store, events_sql), ==, events + 2);
  {
    GListModel *waiting = columns[CRM_TICKET_WAITING];
    const char *style = NULL;
    g_autofree char *text = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (waiting) && text == NULL; i++)
      {
        g_autoptr(CrmTicket) t = g_list_model_get_item (waiting, i);

        if (crm_ticket_get_id (t) == ticket)
          text = crm_ticket_clock_describe (t, crm_store_now (f->db->store), &style);
      }
    g_assert_cmpstr (text, ==, "Clock paused — waiting on the customer");
    g_assert_cmpstr (style, ==, "paused");
  }

  /* Closed is refused from an open column: a toast says why, nothing changes */
  gtk_widget_activate_action (GTK_WIDGET (page), "tickets.move", "(xi)", ticket, (gint32) CRM_TICKET_CLOSED);
  crm_gui_test_iterate (200);
  g_assert_true (model_has_ticket (columns[CRM_TICKET_WAITING], ticket));
  g_assert_cmpint (crm_test_query_int (f->db->store, events_sql), ==, events + 2);

  /* → Resolved asks how it was solved */
  gtk_widget_activate_action (GTK_WIDGET (page), "tickets.move", "(xi)", ticket, (gint32) CRM_TICKET_RESOLVED);
  crm_gui_test_iterate (300);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "resolve"));
  {
    GtkWidget *view = crm_gui_test_find_widget (adw_message_dialog_get_extra_child (dialog), crm_gui_test_is_text_view,
                                                NULL);

    g_assert_nonnull (view);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Reset the customer's password", -1);
  }
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "resolve"));
  adw_message_dialog_response (dialog, "resolve");
  crm_gui_test_iterate (300);
  g_assert_true (model_has_ticket (columns[CRM_TICKET_RESOLVED], ticket));
  g_assert_cmpint (crm_test_query_int (f->db->store, events_sql), >=, events + 4);   /* resolution + status */

  /* one customer: only that customer's tickets, closed ones of any age too */
  {
    gint64 customer = crm_test_query_int (f->db->store, "SELECT customer_id FROM tickets GROUP BY customer_id"
                                                        " ORDER BY count(*) DESC LIMIT 1");
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE customer_id = %" G_GINT64_FORMAT,
                                            customer);
    guint n = 0;

    g_autofree char *name_sql = g_strdup_printf ("SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT, customer);
    g_autofree char *name = crm_test_query_text (f->db->store, name_sql);
    g_autofree char *only = g_strdup_printf ("Only %s", name);
    GtkWidget *button = crm_gui_test_find_widget (GTK_WIDGET (page), is_menu_button_for, "Show one customer’s tickets");
    GtkWidget *popover, *row;

    /* chosen in the customer filter's search, as typed */
    g_assert_nonnull (button);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    crm_gui_test_iterate (200);
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
    gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (popover, "C_ustomer")), name);
    crm_gui_test_iterate (100);
    row = crm_gui_test_find_widget (popover, crm_gui_test_is_row_titled, name);
    g_assert_nonnull (row);
    g_signal_emit_by_name (row, "activate");
    crm_gui_test_iterate (200);
    g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (page), crm_gui_test_is_mapped_label_with_text, only));
    for (CrmTicketStatus s = 0; s < CRM_N_TICKET_STATUSES; s++)
      for (guint i = 0; i < g_list_model_get_n_items (columns[s]); i++, n++)
        {
          g_autoptr(CrmTicket) t = g_list_model_get_item (columns[s], i);

          g_assert_cmpint (crm_ticket_get_customer_id (t), ==, customer);
        }
    g_assert_cmpint (n, ==, crm_test_query_int (f->db->store, sql));
    crm_tickets_page_set_customer (page, 0, NULL);
    crm_gui_test_iterate (200);
  }

  /* breached only: every card shown is breached */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (crm_gui_test_find_widget (GTK_WIDGET (page), is_toggle_labelled,
                                                                             "_Breached Only")), TRUE);
  crm_gui_test_iterate (200);
  g_assert_cmpuint (g_list_model_get_n_items (columns[CRM_TICKET_NEW]) + g_list_model_get_n_items (columns[CRM_TICKET_IN_PROGRESS]) +
                    g_list_model_get_n_items (columns[CRM_TICKET_WAITING]), <, open);
  for (CrmTicketStatus s = 0; s < CRM_TICKET_RESOLVED; s++)
    for (guint i = 0; i < g_list_model_get_n_items (columns[s]); i++)
      {
        g_autoptr(CrmTicket) t = g_list_model_get_item (columns[s], i);
        CrmTicketClock clock;

        crm_ticket_get_clock (t, crm_store_now (f->db->store), &clock);
        g_assert_true (crm_ticket_get_breached (t) || clock.state == CRM_SLA_BREACHED);
      }
}

static gboolean
is_sidebar_row (GtkWidget     *widget,
                gconstpointer  name)
{
  return GTK_IS_LIST_BOX_ROW (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The Calendar page from the sidebar: Month, Week and Agenda; a follow-up
 * opens in its detail; Ctrl+Shift+F plans a new one. */
static void
test_calendar (Fixture       *f,
               gconstpointer  data)
{
  CrmCalendarPage *page;
  gint64 followup = crm_test_query_int (f->db->store, "SELECT min(id) FROM followups WHERE status = 0");
  GtkWindow *detail;

  /* the sidebar's row, as a click or Enter activates it */
  g_assert_true (gtk_widget_activate (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_sidebar_row, "calendar")));
  crm_gui_test_iterate (300);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "calendar");
  page = crm_window_get_calendar_page (f->window);
  g_assert_cmpstr (crm_calendar_page_get_title (page), ==, "November 2026");
  crm_calendar_page_set_view (page, "week");
  g_assert_cmpstr (crm_calendar_page_get_view (page), ==, "week");
  crm_calendar_page_set_view (page, "agenda");
  g_assert_cmpstr (crm_calendar_page_get_view (page), ==, "agenda");
  crm_gui_test_iterate (200);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-followup", "x", followup);
  crm_gui_test_iterate (300);
  detail = crm_gui_test_find_toplevel (CRM_TYPE_FOLLOWUP_DETAIL);
  g_assert_nonnull (detail);
  g_assert_cmpint (crm_followup_detail_get_followup_id (CRM_FOLLOWUP_DETAIL (detail)), ==, followup);
  gtk_window_destroy (detail);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-followup", NULL);
  crm_gui_test_iterate (300);
  detail = crm_gui_test_find_toplevel (CRM_TYPE_FOLLOWUP_EDITOR);
  g_assert_nonnull (detail);
  gtk_window_destroy (detail);
}

static void
test_welcome_on_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "welcome");
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text,
                                              "Welcome to Rapport"));

  /* Start Empty leads to the (empty) customer list, and is remembered */
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "_Start Empty"));
  {
    GtkWidget *label = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "_Start Empty");
    GtkWidget *button = gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);

    g_signal_emit_by_name (button, "clicked");
  }
  crm_gui_test_iterate (300);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "customers");
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), is_visible_label_with_text, "No Customers Yet"));
}


static void
test_log_interaction (Fixture       *f,
                      gconstpointer  data)
{
  const char *subject = "季度回访：设备运行情况";
  const char *due_title = "Due (YYYY-MM-DD HH:MM or YYYY-MM-DD)";
  gint64 id = crm_test_query_int (f->db->store, "SELECT customer_id FROM contacts WHERE is_primary = 1"
                                                " ORDER BY customer_id LIMIT 1");
  /* the same customer's primary contact */
  gint64 primary = crm_test_query_int (f->db->store, "SELECT id FROM contacts WHERE is_primary = 1"
                                                     " ORDER BY customer_id LIMIT 1");
  g_autofree char *name_sql = g_strdup_printf ("SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *name = crm_test_query_text (f->db->store, name_sql);
  gint64 n_interactions = crm_test_query_int (f->db->store, "SELECT count(*) FROM interactions");
  gint64 n_followups = crm_test_query_int (f->db->store, "SELECT count(*) FROM followups");
  g_autofree char *interaction_sql = NULL;
  g_autofree char *toast = NULL;
  gint64 interaction_id;
  GtkWindow *editor, *dialog;
  GtkWidget *profile, *row, *heading;

  /* from the customer list, the form opens without a customer: search as you type */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-interaction", NULL);
  crm_gui_test_iterate (300);
  editor = crm_gui_test_find_toplevel (CRM_TYPE_INTERACTION_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (editor));
  g_assert_cmpint (crm_interaction_editor_get_customer_id (CRM_INTERACTION_EDITOR (editor)), ==, 0);
  g_assert_false (crm_interaction_editor_save (CRM_INTERACTION_EDITOR (editor)));
  crm_gui_test_iterate (50);
  g_assert_cmpstr (message_under (GTK_WIDGET (editor), "Customer"), ==, "Choose the customer.");
  set_row_text (GTK_WIDGET (editor), "Customer", name);
  crm_gui_test_iterate (50);
  row = crm_gui_test_find_widget (GTK_WIDGET (editor), crm_gui_test_is_row_titled, name);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_signal_emit_by_name (row, "activate");
  crm_gui_test_iterate (50);
  g_assert_cmpint (crm_interaction_editor_get_customer_id (CRM_INTERACTION_EDITOR (editor)), ==, id);
  g_assert_false (gtk_widget_get_visible (row));
  g_assert_null (message_under (GTK_WIDGET (editor), "Customer"));
  /* the primary contact is preselected */
  row = crm_gui_test_find_widget (GTK_WIDGET (editor), crm_gui_test_is_row_titled, "Contact");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  g_assert_cmpint (primary, >, 0);
  /* closing with a customer chosen asks first */
  gtk_window_close (editor);
  crm_gui_test_iterate (200);
  dialog = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  crm_gui_test_iterate (300);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_INTERACTION_EDITOR, 3000));

  /* from the profile (Ctrl+L's action, or the button), it opens for the customer shown */
  crm_window_show_customer (f->window, id);
  crm_gui_test_iterate (400);
  profile = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_profile, NULL);
  g_assert_nonnull (crm_gui_test_find_widget (profile, is_visible_label_with_text, "Log _Interaction…"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-interaction", NULL);
  crm_gui_test_iterate (300);
  editor = crm_gui_test_find_toplevel (CRM_TYPE_INTERACTION_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpint (crm_interaction_editor_get_customer_id (CRM_INTERACTION_EDITOR (editor)), ==, id);

  /* an empty subject is pointed out under its field, and nothing is saved */
  g_assert_false (crm_interaction_editor_save (CRM_INTERACTION_EDITOR (editor)));
  crm_gui_test_iterate (100);
  g_assert_cmpstr (message_under (GTK_WIDGET (editor), "Subject"), ==, "Say in a few words what it was about.");
  g_assert_null (message_under (GTK_WIDGET (editor), "Customer"));
  g_assert_null (message_under (GTK_WIDGET (editor), "Time (YYYY-MM-DD HH:MM)"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM interactions"), ==, n_interactions);

  /* a due date that cannot be read is pointed out where it was typed */
  set_row_text (GTK_WIDGET (editor), "Subject", subject);
  set_row_text (GTK_WIDGET (editor), "Next Action", "寄送续约报价单");
  set_row_text (GTK_WIDGET (editor), due_title, "下周");
  crm_gui_test_iterate (50);
  g_assert_null (message_under (GTK_WIDGET (editor), "Subject"));
  g_assert_false (crm_interaction_editor_save (CRM_INTERACTION_EDITOR (editor)));
  g_assert_cmpstr (message_under (GTK_WIDGET (editor), due_title), ==,
                   "Enter the due date as YYYY-MM-DD, with a time if you like: 2026-11-27 or 2026-11-27 14:30.");
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM interactions"), ==, n_interactions);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM followups"), ==, n_followups);

  /* a day alone means 09:00 that day; saving also plans the follow-up */
  set_row_text (GTK_WIDGET (editor), due_title, "2026-11-27");
  crm_gui_test_iterate (50);
  g_assert_null (message_under (GTK_WIDGET (editor), due_title));
  g_assert_true (crm_interaction_editor_save (CRM_INTERACTION_EDITOR (editor)));
  crm_gui_test_iterate (400);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_INTERACTION_EDITOR, 3000));
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM interactions"), ==, n_interactions + 1);
  interaction_sql = g_strdup_printf ("SELECT id FROM interactions WHERE subject = '%s' AND customer_id = %" G_GINT64_FORMAT
                                     " AND contact_id = %" G_GINT64_FORMAT " AND channel = 0"
                                     " AND occurred_at = %" G_GINT64_FORMAT " AND next_action = '寄送续约报价单'",
                                     subject, id, primary, CRM_TEST_NOW);   /* test data, not user input */
  interaction_id = crm_test_query_int (f->db->store, interaction_sql);
  g_assert_cmpint (interaction_id, >, 0);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM followups"), ==, n_followups + 1);
  g_assert_cmpint (count_sql (f->db->store, "followups WHERE status = 0 AND item = '寄送续约报价单'"
                              " AND planned_at = 1795741200 AND source_interaction_id = ", interaction_id), ==, 1);
  toast = g_strdup_printf ("Interaction with “%s” logged, follow-up added to the calendar", name);
  g_assert_nonnull (crm_gui_test_wait_for_widget (GTK_WIDGET (f->window), is_visible_label_with_text, toast, 3000));

  /* the profile shows it under Recent Interactions */
  crm_window_show_customer (f->window, id);
  row = crm_gui_test_wait_for_widget (profile, crm_gui_test_is_row_titled, subject, 3000);
  g_assert_nonnull (row);
  heading = crm_gui_test_find_widget (profile, is_visible_label_with_text, "Recent Interactions");
  g_assert_nonnull (heading);
  g_assert_true (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) ==
                 gtk_widget_get_ancestor (heading, ADW_TYPE_PREFERENCES_GROUP));

  /* the row opens it in its form */
  g_assert_true (gtk_widget_activate (row));
  crm_gui_test_iterate (300);
  {
    GtkWindow *edit = crm_gui_test_find_toplevel (CRM_TYPE_INTERACTION_EDITOR);

    g_assert_nonnull (edit);
    g_assert_cmpint (crm_interaction_editor_get_interaction_id (CRM_INTERACTION_EDITOR (edit)), ==, interaction_id);
    gtk_window_destroy (edit);
    crm_gui_test_iterate (100);
  }

  /* and it is the newest entry of the timeline, on screen */
  crm_window_show_timeline (f->window, 0, NULL);
  crm_gui_test_iterate (300);
  {
    GListModel *timeline = crm_timeline_page_get_model (crm_window_get_timeline_page (f->window));
    g_autoptr(CrmInteraction) top = g_list_model_get_item (timeline, 0);

    g_assert_cmpint (crm_interaction_get_id (top), ==, interaction_id);
    g_assert_nonnull (crm_gui_test_wait_for_widget (GTK_WIDGET (f->window), is_visible_label_with_text, subject, 3000));
  }
}

static gboolean
is_mapped_button_labelled (GtkWidget     *widget,
                           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* With no notification server, reminders come as toasts whose Open goes to them. */
static void
test_reminder_toasts (Fixture       *f,
                      gconstpointer  data)
{
  CrmReminder ticket = { 0 }, summary = { 0 };
  GtkWidget *open;

  summary.kind = CRM_REMINDER_FOLLOWUPS_OVERDUE;
  summary.item_kind = CRM_REMINDER_ITEM_DAY;
  summary.summary = (char *) "3 overdue follow-ups";
  crm_window_show_reminder (f->window, &summary);
  crm_gui_test_iterate (300);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), crm_gui_test_is_mapped_label_with_text,
                                              "3 overdue follow-ups"));
  open = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_mapped_button_labelled, "_Open");
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  crm_gui_test_iterate (300);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "calendar");
  g_assert_cmpstr (crm_calendar_page_get_view (crm_window_get_calendar_page (f->window)), ==, "agenda");

  /* a breach comes first, and stays */
  ticket.kind = CRM_REMINDER_RESPONSE_BREACHED;
  ticket.item_kind = CRM_REMINDER_ITEM_TICKET;
  ticket.item_id = crm_test_query_int (f->db->store, "SELECT min(id) FROM tickets");
  ticket.summary = (char *) "Response deadline passed: TK-TEST";
  ticket.critical = TRUE;
  crm_window_show_reminder (f->window, &ticket);
  crm_gui_test_iterate (1000);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->window), crm_gui_test_is_mapped_label_with_text,
                                              "Response deadline passed: TK-TEST"));
  open = crm_gui_test_find_widget (GTK_WIDGET (f->window), is_mapped_button_labelled, "_Open");
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  crm_gui_test_iterate (300);
  g_assert_cmpstr (crm_window_get_visible_page (f->window), ==, "ticket");
}

/* The disk fills up while a customer is being saved (SQLite's max_page_count
 * gives the same SQLITE_FULL as a full disk): the form says so and keeps what
 * was typed, nothing is half-saved, and with room again the same form saves. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  CrmStore *store = f->db->store;
  GListModel *model = crm_customers_page_get_model (CRM_CUSTOMERS_PAGE (crm_window_get_customers_page (f->window)));
  gint64 pages = crm_test_query_int (store, "PRAGMA page_count");
  gint64 spare = crm_test_query_int (store, "PRAGMA freelist_count");
  gint64 page_size = crm_test_query_int (store, "PRAGMA page_size");
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_autoptr(GString) notes = g_string_new (NULL);
  CrmCustomerEditor *editor;
  GtkWindow *message;

  /* more than the free pages hold */
  while ((gint64) notes->len < (spare + 16) * page_size)
    g_string_append (notes, "每次拜访前确认设备运行记录。");
  g_assert_true (crm_store_exec (store, limit, NULL));

  editor = crm_customer_editor_new (f->context, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);
  set_row_text (GTK_WIDGET (editor), "Name", "深圳星河物流有限公司");
  set_row_text (GTK_WIDGET (editor), "Notes", notes->str);
  g_assert_false (crm_customer_editor_save (editor));
  crm_gui_test_iterate (200);
  message = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                            "The disk is full. Free some space and try again."));
  gtk_window_destroy (message);
  crm_gui_test_iterate (100);

  /* nothing half-saved; the form and the window are still there */
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers"), ==, 300);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
  g_assert_true (crm_gui_test_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR) == GTK_WINDOW (editor));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (crm_gui_test_find_row (GTK_WIDGET (editor), "Name"))),
                   ==, "深圳星河物流有限公司");

  /* room again: the same form saves */
  g_assert_true (crm_store_exec (store, "PRAGMA max_page_count = 1073741823", NULL));
  g_assert_true (crm_customer_editor_save (editor));
  crm_gui_test_iterate (200);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM customers"), ==, 301);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 301);
  {
    g_autofree char *check = crm_test_query_text (store, "PRAGMA integrity_check");

    g_assert_cmpstr (check, ==, "ok");
  }
}

static gboolean
is_new_menu_button (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "New") == 0;
}

/* A database opened read-only: the window says so, what would add to it is
 * off, and a form saved anyway says why at the form; the file is unchanged. */
static void
test_read_only (void)
{
  CrmTestDb *db = crm_gui_test_demo_db_new (50);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmContext) context = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  CrmWindow *window;
  CrmCustomerEditor *editor;
  GtkWidget *button;

  g_clear_object (&db->store);
  g_assert_true (g_file_get_contents (db->path, &contents, &len, NULL));
  before = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_clear_pointer (&contents, g_free);
  store = crm_store_open_read_only (db->path, db->clock, &error);
  g_assert_no_error (error);
  context = crm_context_new (store, NULL);
  window = crm_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  crm_gui_test_iterate (400);

  g_assert_nonnull (crm_gui_test_wait_for_widget (GTK_WIDGET (window), is_visible_label_containing,
                                                  "is read-only: you can look through it", 3000));
  button = crm_gui_test_find_widget (GTK_WIDGET (window), is_new_menu_button, NULL);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL);
  crm_gui_test_iterate (200);
  g_assert_null (crm_gui_test_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR));

  /* the customers are there to read */
  g_assert_cmpuint (g_list_model_get_n_items (crm_customers_page_get_model (CRM_CUSTOMERS_PAGE (
                      crm_window_get_customers_page (window)))), ==, 50);

  editor = crm_customer_editor_new (context, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);
  set_row_text (GTK_WIDGET (editor), "Name", "深圳星河物流有限公司");
  g_assert_false (crm_customer_editor_save (editor));
  crm_gui_test_iterate (200);
  {
    GtkWindow *message = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (message);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "cannot be written to"));
    gtk_window_destroy (message);
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  crm_gui_test_iterate (50);
  g_clear_object (&context);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (db->path, &contents, &len, NULL));
  after = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  g_assert_cmpstr (before, ==, after);
  crm_test_db_free (db);
}

int
main (int argc, char **argv)
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  g_test_add ("/window/lists-customers", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_lists_customers, fixture_tear_down);
  g_test_add ("/window/search-narrows", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_search_narrows, fixture_tear_down);
  g_test_add ("/window/type-to-search", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_type_to_search, fixture_tear_down);
  g_test_add ("/window/search-while-indexing", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_search_while_indexing, fixture_tear_down);
  g_test_add ("/window/create-customer", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_create_customer, fixture_tear_down);
  g_test_add ("/window/duplicate-warning", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_duplicate_warning, fixture_tear_down);
  g_test_add ("/window/archive-and-undo", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_archive_and_undo, fixture_tear_down);
  g_test_add ("/window/profile", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_profile, fixture_tear_down);
  g_test_add_func ("/window/read-only", test_read_only);
  g_test_add ("/window/disk-full", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_disk_full, fixture_tear_down);
  g_test_add ("/window/profile-history", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_profile_history, fixture_tear_down);
  g_test_add ("/window/at-risk-filter", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_at_risk_filter, fixture_tear_down);
  g_test_add ("/window/tier-suggestion", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_tier_suggestion, fixture_tear_down);
  g_test_add ("/window/profile-contacts-and-needs", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_profile_contacts_and_needs, fixture_tear_down);
  g_test_add ("/window/log-interaction", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_log_interaction, fixture_tear_down);
  g_test_add ("/window/timeline", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_timeline, fixture_tear_down);
  g_test_add ("/window/ticket-board", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_ticket_board, fixture_tear_down);
  g_test_add ("/window/calendar", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_calendar, fixture_tear_down);
  g_test_add ("/window/reminder-toasts", Fixture, GUINT_TO_POINTER (300), fixture_set_up, test_reminder_toasts, fixture_tear_down);
  g_test_add ("/window/welcome-on-empty", Fixture, GUINT_TO_POINTER (0), fixture_set_up, test_welcome_on_empty, fixture_tear_down);

  return g_test_run ();
}
