/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV import window on a real display (Xvfb in CI): a good file imported,
 * a file with bad rows refused, an unknown column given a field, likely
 * duplicates merged or imported anyway, an import cancelled half-way, and
 * files that cannot be read.
 *
 * With CRM_IMPORT_DIALOG_DEMO=FILE.csv (and CRM_IMPORT_DIALOG_DB=DB, else a
 * demo database) it only shows the window on FILE and keeps it open, for
 * screenshots; CRM_IMPORT_DIALOG_DEMO_IMPORT=1 starts the import too,
 * CRM_IMPORT_DIALOG_DEMO_HEIGHT=PIXELS makes the window that tall. */
#include <stdlib.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-gui-test-util.h"
#include "crm-import-dialog.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"

#define BUSY_TIMEOUT_MS 30000

typedef struct {
  CrmTestDb  *db;
  CrmContext *context;
  GtkWindow  *parent;
  GtkWidget  *dialog;         /* the last one opened, NULL once finalized */
  int         imported;      /* -1: ::imported not emitted */
  guint       changes_all;   /* CRM_CHANGE_ALL seen on the main store */
} Fixture;

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static void
store_changed_cb (CrmStore *store,
                  int       kind,
                  gint64    id,
                  Fixture  *f)
{
  if (kind == CRM_CHANGE_ALL)
    f->changes_all++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_gui_test_demo_db_new (0);
  f->context = crm_context_new (f->db->store, NULL);
  f->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_present (f->parent);
  f->imported = -1;
  g_signal_connect (f->db->store, "changed", G_CALLBACK (store_changed_cb), f);
  crm_gui_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  while ((dialog = crm_gui_test_find_toplevel (CRM_TYPE_IMPORT_DIALOG)) != NULL)
    {
      /* let a running thread finish before the database goes */
      while (crm_import_dialog_is_busy (CRM_IMPORT_DIALOG (dialog)))
        crm_gui_test_iterate (20);
      gtk_window_destroy (dialog);
    }
  gtk_window_destroy (f->parent);
  crm_gui_test_iterate (50);
  /* nothing keeps the window (and its database connection) alive */
  g_assert_null (f->dialog);
  g_signal_handlers_disconnect_by_data (f->db->store, f);
  g_clear_object (&f->context);
  crm_test_db_free (f->db);
}

static void
imported_cb (CrmImportDialog *dialog,
             guint            count,
             Fixture         *f)
{
  f->imported = (int) count;
}

static void
wait_not_busy (GtkWidget *dialog)
{
  gint64 end = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;

  /* one round first: a change may only just have been made */
  crm_gui_test_iterate (20);
  while (crm_import_dialog_is_busy (CRM_IMPORT_DIALOG (dialog)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      crm_gui_test_iterate (20);
    }
  crm_gui_test_iterate (50);
}

static GtkWidget *
open_dialog (Fixture    *f,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CrmImportDialog *dialog = crm_import_dialog_new (f->context, file);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->parent);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  if (f->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  f->dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &f->dialog);
  wait_not_busy (f->dialog);
  return f->dialog;
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_progress_bar (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_PROGRESS_BAR (widget);
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
import_button (GtkWidget *dialog)
{
  return crm_gui_test_find_child (dialog, is_button_with_label, "_Import");
}

/* A shown label with @text, failing with the big labels shown when there is none */
static void
assert_shows (GtkWidget  *dialog,
              const char *text)
{
  if (crm_gui_test_find_widget (dialog, crm_gui_test_is_mapped_label_with_text, text) == NULL)
    g_error ("The window does not show “%s”", text);
}

static void
assert_does_not_show (GtkWidget  *dialog,
                      const char *text)
{
  g_assert_null (crm_gui_test_find_widget (dialog, crm_gui_test_is_mapped_label_with_text, text));
}

static void
click_import (GtkWidget *dialog)
{
  GtkWidget *button = import_button (dialog);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
wait_closed (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;

  while (crm_gui_test_find_toplevel (CRM_TYPE_IMPORT_DIALOG) != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      crm_gui_test_iterate (20);
    }
}

static gint64
count_customers (Fixture *f)
{
  return crm_test_query_int (f->db->store, "SELECT count(*) FROM customers");
}

/* ---- a good file ---- */

static void
test_good_file (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = fixture_path ("utf8-semicolon.csv");
  GtkWidget *dialog = open_dialog (f, path);
  GtkWidget *row;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Import Customers");
  assert_shows (dialog, "utf8-semicolon.csv");
  assert_shows (dialog, "3 customers will be imported · 1 new owner");
  assert_shows (dialog, "New owner, added to the team as an account manager: 王芳");
  assert_shows (dialog, "The file holds personal data about your customers and their contacts. "
                        "Once imported, it is stored in Rapport on this computer.");
  assert_does_not_show (dialog, "Rapport does not know this column: choose what it holds or leave it out");

  /* each column with an example and what it holds */
  row = crm_gui_test_find_row (dialog, "客户规模");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Example: 500人");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row))), ==, "Staff");
  row = crm_gui_test_find_row (dialog, "负责人");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (ADW_COMBO_ROW (row))), ==, "Owner");

  /* Import has the focus; nothing is written before it is pressed */
  g_assert_true (gtk_widget_has_focus (import_button (dialog)));
  g_assert_cmpint (count_customers (f), ==, 0);
  g_assert_cmpuint (f->changes_all, ==, 0);

  click_import (dialog);
  wait_closed (f);
  g_assert_cmpint (f->imported, ==, 3);
  g_assert_cmpuint (f->changes_all, ==, 1);
  g_assert_cmpint (count_customers (f), ==, 3);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT staff_count FROM customers WHERE name = '上海东方贸易有限公司'"),
                   ==, 1200);
  g_assert_cmpint (crm_test_query_int (f->db->store,
                                       "SELECT count(*) FROM customers c JOIN team_members m ON m.id = c.owner_id"
                                       " WHERE m.name = '王芳'"), ==, 2);
}

/* Escape closes the window at once when nothing was imported */
static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = fixture_path ("utf8-bom-comma.csv");
  GtkWidget *dialog = open_dialog (f, path);

  assert_shows (dialog, "4 customers will be imported");
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  crm_gui_test_iterate (100);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_IMPORT_DIALOG, 3000));
  g_assert_true (crm_gui_test_toplevel_gone (ADW_TYPE_MESSAGE_DIALOG, 3000));
  g_assert_cmpint (f->imported, ==, -1);
  g_assert_cmpint (count_customers (f), ==, 0);
}

/* ---- rows with problems ---- */

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = fixture_path ("bad-email.csv");
  GtkWidget *dialog = open_dialog (f, path);
  GtkWidget *group;

  assert_shows (dialog, "2 rows have problems");
  assert_shows (dialog, "Fix these rows in the spreadsheet and open the file again; nothing has been imported.");

  /* the problems with their line (the quoted name spans lines 3 and 4) and column */
  group = crm_gui_test_find_child (dialog, crm_gui_test_is_group_titled, "Problems");
  g_assert_true (gtk_widget_get_mapped (group));
  assert_shows (group, "3");
  assert_shows (group, "first_deal_date");
  assert_shows (group, "This date does not exist.");
  assert_shows (group, "5");
  assert_shows (group, "email");
  assert_shows (group, "Enter an address like name@example.com.");

  /* Import can't be pressed, nor reached by its action or Enter */
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));
  gtk_widget_activate_action (dialog, "import.start", NULL);
  crm_gui_test_iterate (200);
  g_assert_nonnull (crm_gui_test_find_toplevel (CRM_TYPE_IMPORT_DIALOG));
  g_assert_false (crm_import_dialog_is_busy (CRM_IMPORT_DIALOG (dialog)));
  g_assert_cmpint (count_customers (f), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (f->imported, ==, -1);
  g_assert_cmpuint (f->changes_all, ==, 0);
}

/* ---- a column Rapport does not know ---- */

static void
select_field (GtkWidget  *dialog,
              const char *column,
              const char *field)
{
  AdwComboRow *row = ADW_COMBO_ROW (crm_gui_test_find_row (dialog, column));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), field) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_error ("No field “%s”", field);
}

static const char *
selected_field (GtkWidget  *dialog,
                const char *column)
{
  AdwComboRow *row = ADW_COMBO_ROW (crm_gui_test_find_row (dialog, column));

  return gtk_string_object_get_string (adw_combo_row_get_selected_item (row));
}

static void
test_unknown_header (Fixture       *f,
                     gconstpointer  data)
{
  static const char note[] = "Rapport does not know this column: choose what it holds or leave it out";
  g_autofree char *path = fixture_path ("unknown-header.csv");
  GtkWidget *dialog = open_dialog (f, path);
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();

  /* Telefon and Lieblingsfarbe are pointed out, and left out for now */
  crm_gui_test_find_all (dialog, crm_gui_test_is_mapped_label_with_text, note, notes);
  g_assert_cmpuint (notes->len, ==, 2);
  g_assert_cmpstr (selected_field (dialog, "Company"), ==, "Customer name");
  g_assert_cmpstr (selected_field (dialog, "Telefon"), ==, "Do not import");
  g_assert_cmpstr (selected_field (dialog, "Lieblingsfarbe"), ==, "Do not import");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (crm_gui_test_find_row (dialog, "Telefon"))), ==,
                   "Example: 13811112222");
  assert_shows (dialog, "2 customers will be imported");
  g_assert_true (gtk_widget_is_sensitive (import_button (dialog)));

  /* a field chosen for the colour: the rows are checked again, and it is no tier */
  select_field (dialog, "Lieblingsfarbe", "Tier");
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));
  wait_not_busy (dialog);
  assert_shows (dialog, "2 rows have problems");
  assert_shows (dialog, "Enter VIP, Normal or Potential.");
  g_ptr_array_set_size (notes, 0);
  crm_gui_test_find_all (dialog, crm_gui_test_is_mapped_label_with_text, note, notes);
  g_assert_cmpuint (notes->len, ==, 1);
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));

  /* left out after all, and Telefon is the phone */
  select_field (dialog, "Lieblingsfarbe", "Do not import");
  select_field (dialog, "Telefon", "Phone");
  wait_not_busy (dialog);
  assert_shows (dialog, "2 customers will be imported");
  assert_does_not_show (dialog, note);
  assert_does_not_show (dialog, "Enter VIP, Normal or Potential.");

  /* a field comes from one column: the contact name given to Company takes it from Contact */
  select_field (dialog, "Company", "Contact name");
  g_assert_cmpstr (selected_field (dialog, "Contact"), ==, "Do not import");
  wait_not_busy (dialog);
  assert_shows (dialog, "Nothing can be imported yet");
  assert_shows (dialog, "No column of “unknown-header.csv” holds the customer’s name. Choose which column does.");
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));
  select_field (dialog, "Company", "Customer name");
  select_field (dialog, "Contact", "Contact name");
  wait_not_busy (dialog);
  assert_shows (dialog, "2 customers will be imported");

  click_import (dialog);
  wait_closed (f);
  g_assert_cmpint (f->imported, ==, 2);
  g_assert_cmpint (crm_test_query_int (f->db->store,
                                       "SELECT count(*) FROM contacts WHERE name = 'Michael Scott'"
                                       " AND phone = '13811113333'"), ==, 1);
}

/* ---- likely duplicates ---- */

/* The drop-down button of the likely duplicate on @line */
static GtkMenuButton *
duplicate_button (GtkWidget *dialog,
                  guint      line)
{
  GtkWidget *group = crm_gui_test_find_child (dialog, crm_gui_test_is_group_titled, "Likely Duplicates");
  g_autofree char *text = g_strdup_printf ("%u", line);
  GtkWidget *label = crm_gui_test_find_child (group, is_label_with_text, text);
  /* label → its cell → the row of the list */
  GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (label));

  return GTK_MENU_BUTTON (crm_gui_test_find_child (row, is_menu_button, NULL));
}

/* Opens the menu of the likely duplicate on @line and chooses @choice in it */
static void
choose_duplicate_action (GtkWidget  *dialog,
                         guint       line,
                         const char *choice)
{
  GtkMenuButton *button = duplicate_button (dialog, line);
  GMenuModel *menu;

  gtk_menu_button_popup (button);
  crm_gui_test_iterate (50);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      if (g_strcmp0 (label, choice) != 0)
        continue;
      /* what the menu item does when it is clicked */
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (button), action, target));
      gtk_menu_button_popdown (button);
      crm_gui_test_iterate (50);
      return;
    }
  g_error ("No “%s” in the menu of line %u", choice, line);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = fixture_path ("duplicates.csv");
  gint64 huaxin = crm_test_create_customer (f->db->store, "北京华信科技有限公司", "张伟", "13800138000");
  GtkWidget *dialog = open_dialog (f, path);
  g_autofree char *industry = NULL;
  GtkWidget *group;

  assert_shows (dialog, "1 customer will be imported · 3 likely duplicates");
  group = crm_gui_test_find_child (dialog, crm_gui_test_is_group_titled, "Likely Duplicates");
  g_assert_true (gtk_widget_get_mapped (group));
  assert_shows (group, "CS2026001 北京华信科技有限公司");
  assert_shows (group, "Already a customer, same name");
  assert_shows (group, "Already a customer, same phone number");
  assert_shows (group, "Line 4 of the file");
  assert_shows (group, "Same name");
  /* skipped unless told otherwise */
  g_assert_cmpstr (gtk_menu_button_get_label (duplicate_button (dialog, 2)), ==, "Skip");
  g_assert_cmpstr (gtk_menu_button_get_label (duplicate_button (dialog, 3)), ==, "Skip");
  g_assert_cmpstr (gtk_menu_button_get_label (duplicate_button (dialog, 5)), ==, "Skip");

  choose_duplicate_action (dialog, 2, "Merge");
  choose_duplicate_action (dialog, 3, "Import Anyway");
  g_assert_cmpstr (gtk_menu_button_get_label (duplicate_button (dialog, 2)), ==, "Merge");
  g_assert_cmpstr (gtk_menu_button_get_label (duplicate_button (dialog, 3)), ==, "Import Anyway");
  g_assert_cmpstr (gtk_menu_button_get_label (duplicate_button (dialog, 5)), ==, "Skip");
  assert_shows (dialog, "2 customers will be imported · 1 merged into an existing customer · 3 likely duplicates");

  click_import (dialog);
  wait_closed (f);
  g_assert_cmpint (f->imported, ==, 2);
  /* line 2 merged: the empty industry filled, 李强 added beside 张伟 */
  industry = crm_test_query_textf (f->db->store, "SELECT industry FROM customers WHERE id = %" G_GINT64_FORMAT, huaxin);
  g_assert_cmpstr (industry, ==, "软件");
  g_assert_cmpint (crm_test_query_intf (f->db->store, "SELECT count(*) FROM contacts WHERE customer_id = %"
                                        G_GINT64_FORMAT " AND name IN ('张伟', '李强')", huaxin), ==, 2);
  /* line 3 imported anyway, line 5 skipped */
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers WHERE name = '新客户甲公司'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers WHERE name = '杭州新公司'"), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts WHERE name = '钱多'"), ==, 0);
  g_assert_cmpint (count_customers (f), ==, 3);
}

/* ---- cancelling ---- */

static char *
write_generated (const char *dir,
                 guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("客户名称,所属行业,客户等级,联系人,手机,邮箱,需求标签,客户来源渠道\r\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "generated.csv", NULL);
  static const char * const cities[] = { "北京", "上海", "广州", "深圳", "杭州", "成都" };
  static const char * const tiers[] = { "VIP", "普通", "潜力" };

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "%s华信%u科技有限公司,软件,%s,王%u,1%010u,user%u@example.com,\"降本,效率提升\",展会\r\n",
                            cities[i % G_N_ELEMENTS (cities)], i, tiers[i % 3], i % 1000, 3000000000u + i, i);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = write_generated (dir, 20000);
  gint64 start = g_get_monotonic_time ();
  GtkWidget *dialog = open_dialog (f, path);
  GtkProgressBar *bar;
  gint64 end;

  g_test_message ("20,000 rows read and checked in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  assert_shows (dialog, "20,000 customers will be imported");

  click_import (dialog);
  crm_gui_test_iterate (10);
  g_assert_true (crm_import_dialog_is_busy (CRM_IMPORT_DIALOG (dialog)));
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));
  bar = GTK_PROGRESS_BAR (crm_gui_test_find_child (dialog, is_progress_bar, NULL));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));

  /* half-way (well, once it has begun): Cancel */
  end = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;
  while (gtk_progress_bar_get_fraction (bar) <= 0.0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1.0);
  g_test_message ("progress shown: %s", gtk_progress_bar_get_text (bar));
  g_signal_emit_by_name (crm_gui_test_find_child (dialog, is_button_with_label, "_Cancel"), "clicked");
  wait_not_busy (dialog);

  /* the window stays to say so, and nothing was written */
  g_assert_nonnull (crm_gui_test_find_toplevel (CRM_TYPE_IMPORT_DIALOG));
  assert_shows (dialog, "The import was cancelled. Nothing was imported.");
  g_assert_cmpint (f->imported, ==, -1);
  g_assert_cmpuint (f->changes_all, ==, 0);
  g_assert_cmpint (count_customers (f), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM search_terms"), ==, 0);
  /* it can be tried again */
  g_assert_true (gtk_widget_is_sensitive (import_button (dialog)));

  /* and Escape now closes it */
  gtk_widget_activate_action (dialog, "window.close", NULL);
  crm_gui_test_iterate (100);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_IMPORT_DIALOG, 3000));
  crm_test_rm_rf (dir);
}

/* ---- files that cannot be read ---- */

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing = fixture_path ("no-such-file.csv");
  g_autofree char *malformed = fixture_path ("malformed-quote.csv");
  GtkWidget *dialog = open_dialog (f, missing);
  GtkWidget *page;

  page = crm_gui_test_find_child (dialog, crm_gui_test_is_mapped_label_with_text, "Could Not Read the File");
  g_assert_nonnull (page);
  page = gtk_widget_get_ancestor (page, ADW_TYPE_STATUS_PAGE);
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (page)),
                                   "Could not read “no-such-file.csv”: "));
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));
  g_assert_nonnull (crm_gui_test_find_widget (dialog, is_button_with_label, "_Close"));
  gtk_widget_activate_action (dialog, "window.close", NULL);
  crm_gui_test_iterate (50);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_IMPORT_DIALOG, 3000));

  dialog = open_dialog (f, malformed);
  page = gtk_widget_get_ancestor (crm_gui_test_find_child (dialog, crm_gui_test_is_mapped_label_with_text,
                                                           "Could Not Read the File"),
                                  ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "Line 3 "));
  g_assert_false (gtk_widget_is_sensitive (import_button (dialog)));
  g_assert_cmpint (count_customers (f), ==, 0);
}

/* ---- screenshots ---- */

static int
run_demo (const char *csv)
{
  const char *db_path = g_getenv ("CRM_IMPORT_DIALOG_DB");
  g_autoptr(CrmTestDb) db = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmClock) clock = crm_clock_new_system ();
  g_autoptr(CrmContext) context = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  CrmImportDialog *dialog;

  if (db_path != NULL)
    store = crm_store_open (db_path, clock, &error);
  else
    {
      db = crm_gui_test_demo_db_new (200);
      store = g_object_ref (db->store);
    }
  if (store == NULL)
    g_error ("%s", error->message);
  context = crm_context_new (store, NULL);

  parent = GTK_WINDOW (adw_application_window_new (NULL));
  gtk_window_set_default_size (parent, 1200, 780);
  gtk_window_set_title (parent, "Rapport");
  gtk_window_present (parent);
  dialog = crm_import_dialog_new (context, file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  if (g_getenv ("CRM_IMPORT_DIALOG_DEMO_HEIGHT") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (dialog), 760, atoi (g_getenv ("CRM_IMPORT_DIALOG_DEMO_HEIGHT")));
  gtk_window_present (GTK_WINDOW (dialog));

  if (g_getenv ("CRM_IMPORT_DIALOG_DEMO_IMPORT") != NULL)
    {
      while (crm_import_dialog_is_busy (dialog))
        g_main_context_iteration (NULL, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
    }
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

/* A bulk import: the window closes when the rows are saved, and the worker
 * folds SQLite's log back into the database file after that, on its own */
static void
count_notify_cb (guint *count)
{
  (*count)++;
}

static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *dir = crm_test_tmp_dir ();
  g_autofree char *path = write_generated (dir, 2500);
  g_autofree char *wal = g_strconcat (f->db->path, "-wal", NULL);
  GtkWidget *dialog = open_dialog (f, path);
  GStatBuf st_db, st_wal;
  guint indexing_changes = 0;
  gint64 end;

  assert_shows (dialog, "2,500 customers will be imported");
  g_signal_connect_swapped (f->context, "notify::indexing", G_CALLBACK (count_notify_cb), &indexing_changes);
  click_import (dialog);
  wait_closed (f);
  g_assert_cmpint (f->imported, ==, 2500);
  g_assert_cmpint (count_customers (f), ==, 2500);

  /* their search terms come in the background, on a connection of their own */
  g_assert_cmpuint (indexing_changes, >=, 1);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (crm_context_get_indexing (f->context))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      crm_gui_test_iterate (20);
    }
  g_assert_cmpint (crm_store_count_unindexed (f->db->store), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customer_terms"), ==, 2500);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(DISTINCT customer_id) FROM search_terms"), ==, 2500);

  /* the log holds the rows until the checkpoints have copied them */
  g_assert_cmpint (g_stat (wal, &st_wal), ==, 0);
  g_assert_cmpint (st_wal.st_size, >, 1024 * 1024);
  end = g_get_monotonic_time () + BUSY_TIMEOUT_MS * 1000;
  do
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      crm_gui_test_iterate (50);
      g_assert_cmpint (g_stat (f->db->path, &st_db), ==, 0);
    }
  while (st_db.st_size < st_wal.st_size / 2);
  /* the main window's connection keeps its own settings */
  g_assert_cmpint (crm_test_query_int (f->db->store, "PRAGMA cache_size"), ==, -32768);
  g_assert_cmpuint (indexing_changes, ==, 2);   /* on, then off */
  g_signal_handlers_disconnect_by_func (f->context, count_notify_cb, &indexing_changes);
}

int
main (int    argc,
      char **argv)
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  if (g_getenv ("CRM_IMPORT_DIALOG_DEMO") != NULL)
    return run_demo (g_getenv ("CRM_IMPORT_DIALOG_DEMO"));

  g_test_add ("/import-dialog/good-file", Fixture, NULL, fixture_set_up, test_good_file, fixture_tear_down);
  g_test_add ("/import-dialog/escape", Fixture, NULL, fixture_set_up, test_escape, fixture_tear_down);
  g_test_add ("/import-dialog/bad-rows", Fixture, NULL, fixture_set_up, test_bad_rows, fixture_tear_down);
  g_test_add ("/import-dialog/unknown-header", Fixture, NULL, fixture_set_up, test_unknown_header, fixture_tear_down);
  g_test_add ("/import-dialog/duplicates", Fixture, NULL, fixture_set_up, test_duplicates, fixture_tear_down);
  g_test_add ("/import-dialog/bulk", Fixture, NULL, fixture_set_up, test_bulk, fixture_tear_down);
  g_test_add ("/import-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/import-dialog/unreadable", Fixture, NULL, fixture_set_up, test_unreadable, fixture_tear_down);

  return g_test_run ();
}
