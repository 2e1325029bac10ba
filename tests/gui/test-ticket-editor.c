/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ticket form on a real display (Xvfb in CI), on a demo database: a ticket
 * made through the form, what it refuses, editing one, and closing with changes. */
#include <string.h>
#include <adwaita.h>

#include "crm-gui-test-util.h"
#include "crm-store-customers.h"
#include "crm-store-tickets.h"
#include "crm-test-util.h"
#include "crm-ticket-editor.h"

/* The message shown in the boxed list right under the row titled @title */
static const char *
message_under (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = crm_gui_test_find_row (root, title);

  /* only a row in error shows its message */
  if (!gtk_widget_has_css_class (row, "error"))
    return NULL;
  return crm_gui_test_message_after (row);
}

/* @sql ends where @id goes (test data, not user input) */
static gint64
query_int (CrmStore   *store,
           const char *sql_start,
           gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("%s%" G_GINT64_FORMAT, sql_start, id);

  return crm_test_query_int (store, sql);
}

static char *
query_text (CrmStore   *store,
            const char *sql_start,
            gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("%s%" G_GINT64_FORMAT, sql_start, id);

  return crm_test_query_text (store, sql);
}

typedef struct {
  CrmTestDb  *db;
  CrmContext *context;
  GtkWindow  *parent;
  gint64      saved_id;
  int         saved_created;    /* -1: ::saved not emitted */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_gui_test_demo_db_new (120);
  f->context = crm_context_new (f->db->store, NULL);
  f->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_present (f->parent);
  f->saved_created = -1;
  crm_gui_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = crm_gui_test_find_toplevel (CRM_TYPE_TICKET_EDITOR)) != NULL)
    gtk_window_destroy (editor);
  gtk_window_destroy (f->parent);
  crm_gui_test_iterate (50);
  g_clear_object (&f->context);
  crm_test_db_free (f->db);
}

static void
saved_cb (CrmTicketEditor *editor,
          gint64           id,
          gboolean         created,
          Fixture         *f)
{
  f->saved_id = id;
  f->saved_created = created;
}

static GtkWidget *
open_editor (Fixture *f,
             gint64   customer_id,
             gint64   ticket_id)
{
  CrmTicketEditor *editor = crm_ticket_editor_new (f->context, customer_id, ticket_id);

  gtk_window_set_transient_for (GTK_WINDOW (editor), f->parent);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), f);
  gtk_window_present (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);
  g_assert_true (crm_gui_test_find_toplevel (CRM_TYPE_TICKET_EDITOR) == GTK_WINDOW (editor));
  return GTK_WIDGET (editor);
}

static gint64
count_tickets (Fixture *f)
{
  return crm_test_query_int (f->db->store, "SELECT count(*) FROM tickets");
}

/* A customer with a contact, and its name */
static gint64
some_customer (Fixture  *f,
               char    **name)
{
  gint64 id = crm_test_query_int (f->db->store, "SELECT customer_id FROM contacts WHERE is_primary = 1"
                                                " ORDER BY customer_id LIMIT 1");

  *name = query_text (f->db->store, "SELECT name FROM customers WHERE id = ", id);
  return id;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *name = NULL;
  gint64 id = some_customer (f, &name);
  gint64 n_tickets = count_tickets (f);
  g_autofree char *code = NULL;
  GtkWidget *editor, *row;
  gint64 ticket;

  editor = open_editor (f, 0, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Ticket");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_cmpint (crm_ticket_editor_get_customer_id (CRM_TICKET_EDITOR (editor)), ==, 0);
  /* the customer field has the focus, and the level is 3 to begin with */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         crm_gui_test_find_row (editor, "C_ustomer")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "_Level"))), ==, 2);
  g_assert_nonnull (crm_gui_test_find_widget (editor, crm_gui_test_is_mapped_label_with_label,
                                              "Respond within 4 working hours, resolve within 3 working days"));

  /* nothing chosen, nothing typed: both are pointed out */
  g_assert_false (crm_ticket_editor_save (CRM_TICKET_EDITOR (editor)));
  crm_gui_test_iterate (50);
  g_assert_cmpstr (message_under (editor, "C_ustomer"), ==, "Choose the customer.");
  g_assert_cmpstr (message_under (editor, "_Title"), ==, "Say in a few words what the problem is.");
  g_assert_cmpint (count_tickets (f), ==, n_tickets);

  /* search as you type, then choose the match */
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (editor, "C_ustomer")), name);
  crm_gui_test_iterate (50);
  row = crm_gui_test_find_widget (editor, crm_gui_test_is_row_titled, name);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_signal_emit_by_name (row, "activate");
  crm_gui_test_iterate (50);
  g_assert_cmpint (crm_ticket_editor_get_customer_id (CRM_TICKET_EDITOR (editor)), ==, id);
  g_assert_false (gtk_widget_get_visible (row));
  g_assert_null (message_under (editor, "C_ustomer"));
  /* its contacts to choose from, the primary one first and chosen */
  row = crm_gui_test_find_row (editor, "C_ontact");
  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* typing again drops the choice */
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (editor, "C_ustomer")), "no such customer at all");
  crm_gui_test_iterate (50);
  g_assert_cmpint (crm_ticket_editor_get_customer_id (CRM_TICKET_EDITOR (editor)), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (crm_gui_test_find_row (editor, "C_ontact")));
  g_assert_nonnull (crm_gui_test_find_widget (editor, crm_gui_test_is_row_titled,
                                              "No customer matches “no such customer at all”"));
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (editor, "C_ustomer")), name);
  crm_gui_test_iterate (50);
  g_signal_emit_by_name (crm_gui_test_find_widget (editor, crm_gui_test_is_row_titled, name), "activate");
  crm_gui_test_iterate (50);
  g_assert_cmpint (crm_ticket_editor_get_customer_id (CRM_TICKET_EDITOR (editor)), ==, id);

  /* level 1: what it promises, and who takes it */
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (editor, "_Title")), "系统无法登录，全部门停工");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    crm_gui_test_find_widget (editor, crm_gui_test_is_text_view, NULL))), "上午九点起所有账号登录失败。", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "_Level")), 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "C_ategory")), CRM_TICKET_FAULT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "De_partment")), 1);
  crm_gui_test_iterate (50);
  g_assert_null (message_under (editor, "_Title"));
  g_assert_nonnull (crm_gui_test_find_widget (editor, crm_gui_test_is_mapped_label_with_label,
                                              "Respond within 1 h, resolve within 4 h, around the clock\n"
                                              "Level 1 goes to the supervisor"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "Ass_ignee"))), ==, 0);

  g_assert_true (crm_ticket_editor_save (CRM_TICKET_EDITOR (editor)));
  crm_gui_test_iterate (200);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_TICKET_EDITOR, 3000));
  g_assert_cmpint (f->saved_created, ==, TRUE);
  ticket = f->saved_id;
  g_assert_cmpint (ticket, >, 0);
  g_assert_cmpint (count_tickets (f), ==, n_tickets + 1);

  /* status New, a TK code, level 1, led by a supervisor */
  g_assert_cmpint (query_int (f->db->store, "SELECT customer_id FROM tickets WHERE id = ", ticket), ==, id);
  g_assert_cmpint (query_int (f->db->store, "SELECT status FROM tickets WHERE id = ", ticket), ==, CRM_TICKET_NEW);
  g_assert_cmpint (query_int (f->db->store, "SELECT level FROM tickets WHERE id = ", ticket), ==, 1);
  g_assert_cmpint (query_int (f->db->store, "SELECT category FROM tickets WHERE id = ", ticket), ==, CRM_TICKET_FAULT);
  g_assert_cmpint (query_int (f->db->store, "SELECT department FROM tickets WHERE id = ", ticket), ==, 0);
  g_assert_cmpint (query_int (f->db->store, "SELECT contact_id = (SELECT id FROM contacts c WHERE c.customer_id = t.customer_id"
                                            " AND c.is_primary = 1) FROM tickets t WHERE id = ", ticket), ==, 1);
  code = query_text (f->db->store, "SELECT code FROM tickets WHERE id = ", ticket);
  g_assert_true (g_str_has_prefix (code, "TK"));
  g_assert_cmpint (query_int (f->db->store, "SELECT m.role FROM tickets t JOIN team_members m ON m.id = t.assignee_id"
                                            " WHERE t.id = ", ticket), ==, CRM_MEMBER_SUPERVISOR);
  g_assert_cmpint (query_int (f->db->store, "SELECT count(*) FROM ticket_events WHERE kind = 0 AND ticket_id = ",
                              ticket), ==, 1);
}

static void
test_empty_title (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *name = NULL;
  gint64 id = some_customer (f, &name);
  gint64 n_tickets = count_tickets (f);
  gint64 n_events = crm_test_query_int (f->db->store, "SELECT count(*) FROM ticket_events");
  GtkWidget *editor, *customer, *title;

  /* opened for a customer (from the profile): the customer is fixed */
  editor = open_editor (f, id, 0);
  customer = crm_gui_test_find_row (editor, "C_ustomer");
  title = crm_gui_test_find_row (editor, "_Title");
  g_assert_cmpint (crm_ticket_editor_get_customer_id (CRM_TICKET_EDITOR (editor)), ==, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (customer)), ==, name);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (customer)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), title));

  /* blanks are no title: the message is at the title field, nothing is written */
  gtk_editable_set_text (GTK_EDITABLE (title), "   ");
  g_assert_false (crm_ticket_editor_save (CRM_TICKET_EDITOR (editor)));
  crm_gui_test_iterate (100);
  g_assert_cmpstr (message_under (editor, "_Title"), ==, "Say in a few words what the problem is.");
  g_assert_null (message_under (editor, "C_ustomer"));
  g_assert_null (message_under (editor, "_Level"));
  g_assert_null (message_under (editor, "C_ategory"));
  g_assert_null (message_under (editor, "De_partment"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), title));
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_cmpint (f->saved_created, ==, -1);
  g_assert_cmpint (count_tickets (f), ==, n_tickets);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM ticket_events"), ==, n_events);

  /* the message goes as soon as there is a title */
  gtk_editable_set_text (GTK_EDITABLE (title), "发票抬头需要更改");
  crm_gui_test_iterate (50);
  g_assert_null (message_under (editor, "_Title"));
}

static void
test_edit_level (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_auto(CrmTicketDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 ticket;
  gint64 n_tickets;
  GtkWidget *editor;

  crm_ticket_draft_init (&draft);
  draft.customer_id = some_customer (f, &name);
  draft.title = g_strdup ("报表导出偶尔超时");
  draft.level = 3;
  draft.category = CRM_TICKET_FAULT;
  ticket = crm_store_create_ticket (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket, >, 0);
  n_tickets = count_tickets (f);

  editor = open_editor (f, 0, ticket);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Ticket");
  g_assert_cmpint (crm_ticket_editor_get_ticket_id (CRM_TICKET_EDITOR (editor)), ==, ticket);
  g_assert_cmpint (crm_ticket_editor_get_customer_id (CRM_TICKET_EDITOR (editor)), ==, draft.customer_id);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (crm_gui_test_find_row (editor, "C_ustomer"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (crm_gui_test_find_row (editor, "_Title"))), ==, "报表导出偶尔超时");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "C_ategory"))), ==,
                    CRM_TICKET_FAULT);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "_Level"))), ==, 2);

  /* level 3 → level 2 */
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "_Level")), 1);
  crm_gui_test_iterate (50);
  g_assert_nonnull (crm_gui_test_find_widget (editor, crm_gui_test_is_mapped_label_with_label,
                                              "Respond within 2 h, resolve within 24 h, around the clock"));
  /* what Ctrl+Enter does */
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  crm_gui_test_iterate (200);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_TICKET_EDITOR, 3000));
  g_assert_cmpint (f->saved_id, ==, ticket);
  g_assert_cmpint (f->saved_created, ==, FALSE);
  g_assert_cmpint (count_tickets (f), ==, n_tickets);
  g_assert_cmpint (query_int (f->db->store, "SELECT level FROM tickets WHERE id = ", ticket), ==, 2);
  g_assert_cmpint (query_int (f->db->store, "SELECT count(*) FROM ticket_events WHERE kind = 5 AND ticket_id = ",
                              ticket), ==, 1);
}

static void
test_close_asks (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *name = NULL;
  gint64 id = some_customer (f, &name);
  gint64 n_tickets = count_tickets (f);
  GtkWindow *dialog;
  GtkWidget *editor;

  /* an untouched form closes at once (what Escape does) */
  editor = open_editor (f, id, 0);
  gtk_widget_activate_action (editor, "window.close", NULL);
  crm_gui_test_iterate (200);
  g_assert_true (crm_gui_test_toplevel_gone (ADW_TYPE_MESSAGE_DIALOG, 3000));
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_TICKET_EDITOR, 3000));

  /* with changes, it asks; "Keep Editing" keeps them */
  editor = open_editor (f, id, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "_Level")), 1);
  gtk_window_close (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);
  dialog = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (editor));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  crm_gui_test_iterate (200);
  g_assert_true (crm_gui_test_find_toplevel (CRM_TYPE_TICKET_EDITOR) == GTK_WINDOW (editor));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (crm_gui_test_find_row (editor, "_Level"))), ==, 1);

  /* "Discard" closes without saving */
  gtk_window_close (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);
  dialog = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  crm_gui_test_iterate (300);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_TICKET_EDITOR, 3000));
  g_assert_cmpint (f->saved_created, ==, -1);
  g_assert_cmpint (count_tickets (f), ==, n_tickets);

  /* a customer name typed but not chosen counts as a change */
  editor = open_editor (f, 0, 0);
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (editor, "C_ustomer")), "上海");
  crm_gui_test_iterate (50);
  gtk_window_close (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);
  dialog = crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  crm_gui_test_iterate (300);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_TICKET_EDITOR, 3000));
}

static void
collect_mnemonics (GtkWidget *widget,
                   GArray    *keyvals)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol &&
      gtk_label_get_mnemonic_widget (GTK_LABEL (widget)) != NULL)
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));

      /* the entry row draws its title twice (empty and filled): one mnemonic */
      for (guint i = 0; i < keyvals->len; i++)
        if (g_array_index (keyvals, guint, i) == keyval)
          return;
      g_array_append_val (keyvals, keyval);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, keyvals);
}

static gboolean
is_mapped_popover (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_mnemonic_label (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)) != GDK_KEY_VoidSymbol;
}

/* What Alt and the underlined letter of the field titled @title do */
static void
mnemonic_activate (GtkWidget  *editor,
                   const char *title)
{
  GtkWidget *label = crm_gui_test_find_widget (crm_gui_test_find_row (editor, title), is_mnemonic_label, NULL);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_mnemonic_activate (gtk_label_get_mnemonic_widget (GTK_LABEL (label)), FALSE));
  crm_gui_test_iterate (100);
}

/* The keyboard path: every field and button has its Alt+letter, each letter once */
static void
test_mnemonics (Fixture       *f,
                gconstpointer  data)
{
  const char *expected = "csuotdalip";
  g_autoptr(GArray) keyvals = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) found = g_string_new (NULL);
  GtkWidget *editor = open_editor (f, 0, 0);

  collect_mnemonics (editor, keyvals);
  for (guint i = 0; i < keyvals->len; i++)
    g_string_append_unichar (found, gdk_keyval_to_unicode (g_array_index (keyvals, guint, i)));
  g_assert_cmpuint (found->len, ==, strlen (expected));
  for (const char *c = expected; *c != '\0'; c++)
    g_assert_nonnull (strchr (found->str, *c));

  /* Alt+T goes to the title; Alt+L opens the list of levels */
  mnemonic_activate (editor, "_Title");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         crm_gui_test_find_row (editor, "_Title")));
  mnemonic_activate (editor, "_Level");
  g_assert_nonnull (crm_gui_test_find_widget (crm_gui_test_find_row (editor, "_Level"), is_mapped_popover, NULL));
}

int
main (int argc, char **argv)
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  g_test_add ("/ticket-editor/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/ticket-editor/empty-title", Fixture, NULL, fixture_set_up, test_empty_title, fixture_tear_down);
  g_test_add ("/ticket-editor/edit-level", Fixture, NULL, fixture_set_up, test_edit_level, fixture_tear_down);
  g_test_add ("/ticket-editor/close-asks", Fixture, NULL, fixture_set_up, test_close_asks, fixture_tear_down);
  g_test_add ("/ticket-editor/mnemonics", Fixture, NULL, fixture_set_up, test_mnemonics, fixture_tear_down);

  return g_test_run ();
}
