/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ticket detail page on a real display (Xvfb in CI), in a plain window on a
 * demo database: a ticket taken through its steps (respond, comment, wait on
 * the customer, resolve through the dialog, confirm, close, reopen), each seen
 * in the event log; the steps offered only when they apply; reassigning and
 * changing the level; reloads when someone else changes the ticket; the SLA
 * clocks moving on. */
#include <adwaita.h>

#include "crm-gui-test-util.h"
#include "crm-store-tickets.h"
#include "crm-test-util.h"
#include "crm-ticket-detail-page.h"

static gboolean
is_mapped_label_with_prefix (GtkWidget     *widget,
                             gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static gboolean
is_event_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "ticket-event");
}

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* An item of an open menu, by its text (GtkModelButton is private) */
static gboolean
is_mapped_menu_item (GtkWidget     *widget,
                     gconstpointer  text)
{
  g_autofree char *item_text = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton") || !gtk_widget_get_mapped (widget))
    return FALSE;
  g_object_get (widget, "text", &item_text, NULL);
  return g_strcmp0 (item_text, text) == 0;
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

typedef struct {
  CrmTestDb           *db;
  CrmContext          *context;
  GtkWindow           *window;
  CrmTicketDetailPage *page;
  gint64               ticket_id;
  gint64               resolution_due;   /* as the SLA engine has it */
} Fixture;

static gint64
query_ticket (Fixture    *f,
              const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM tickets WHERE id = %" G_GINT64_FORMAT,
                                          column, f->ticket_id);   /* test data, not user input */

  return crm_test_query_int (f->db->store, sql);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->db = crm_gui_test_demo_db_new (120);

  /* the newest New ticket nobody has answered yet, its resolution still ahead */
  f->ticket_id = crm_test_query_int (f->db->store,
                                     "SELECT id FROM tickets WHERE status = 0 AND first_response_at IS NULL"
                                     " ORDER BY created_at DESC, id LIMIT 1");
  g_assert_cmpint (f->ticket_id, >, 0);
  {
    g_autoptr(CrmTicketDetail) detail = crm_store_load_ticket_detail (f->db->store, f->ticket_id, &error);

    g_assert_no_error (error);
    g_assert_true (detail->sla.resolution.state == CRM_SLA_ON_TRACK ||
                   detail->sla.resolution.state == CRM_SLA_AT_RISK);
    f->resolution_due = detail->sla.resolution.due;
  }

  f->context = crm_context_new (f->db->store, NULL);
  f->page = crm_ticket_detail_page_new (f->context);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 760);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  crm_ticket_detail_page_show (f->page, f->ticket_id);
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

static guint
count_event_rows (Fixture *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  crm_gui_test_find_all (GTK_WIDGET (f->page), is_event_row, NULL, rows);
  return rows->len;
}

static AdwActionRow *
last_event_row (Fixture *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  crm_gui_test_find_all (GTK_WIDGET (f->page), is_event_row, NULL, rows);
  g_assert_cmpuint (rows->len, >, 0);
  return rows->pdata[rows->len - 1];
}

static guint
count_events (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM ticket_events WHERE ticket_id = %" G_GINT64_FORMAT,
                                          f->ticket_id);

  return (guint) crm_test_query_int (f->db->store, sql);
}

/* Whether the page offers the step: its button shown and usable. */
static gboolean
step_offered (Fixture    *f,
              const char *action)
{
  GtkWidget *button = crm_gui_test_find_widget (GTK_WIDGET (f->page), is_button_for_action, action);

  g_assert_nonnull (button);
  return gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button);
}

static gboolean
shows (Fixture    *f,
       const char *text)
{
  return crm_gui_test_find_widget (GTK_WIDGET (f->page), crm_gui_test_is_mapped_label_with_text, text) != NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* What a click on the dialog's button does: the response, then the dialog closes. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = crm_gui_test_find_widget (GTK_WIDGET (dialog), is_button_labelled, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  crm_gui_test_iterate (200);
  g_assert_null (find_dialog ());
}

static GtkTextBuffer *
dialog_buffer (AdwMessageDialog *dialog)
{
  GtkWidget *view = crm_gui_test_find_widget (GTK_WIDGET (dialog), crm_gui_test_is_text_view, NULL);

  g_assert_nonnull (view);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_steps (Fixture       *f,
            gconstpointer  data)
{
  AdwMessageDialog *dialog;
  guint events = count_events (f);
  g_autofree char *text = NULL;
  g_autofree char *ticket_code = NULL;

  /* the page shows the ticket and its whole log */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT code FROM tickets WHERE id = %" G_GINT64_FORMAT, f->ticket_id);

    ticket_code = crm_test_query_text (f->db->store, sql);
  }
  g_assert_cmpstr (crm_ticket_detail_page_get_title (f->page), ==, ticket_code);
  g_assert_cmpint (crm_ticket_detail_page_get_ticket_id (f->page), ==, f->ticket_id);
  g_assert_cmpuint (count_event_rows (f), ==, events);
  g_assert_true (shows (f, "New"));

  /* a New ticket: respond, comment, move, resolve; not confirm, close or reopen */
  g_assert_true (step_offered (f, "ticket.respond"));
  g_assert_true (step_offered (f, "ticket.comment"));
  g_assert_true (step_offered (f, "ticket.resolve"));
  g_assert_false (step_offered (f, "ticket.close"));
  g_assert_false (step_offered (f, "ticket.confirm"));
  g_assert_false (step_offered (f, "ticket.reopen"));
  /* and the disabled step does nothing even when asked for by name */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.close", NULL);
  crm_gui_test_iterate (50);
  g_assert_cmpint (query_ticket (f, "status"), ==, CRM_TICKET_NEW);
  g_assert_null (find_dialog ());

  /* respond: the usual words are offered, the first response is recorded */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.respond", NULL);
  crm_gui_test_iterate (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  text = buffer_text (dialog_buffer (dialog));
  g_assert_cmpstr (text, ==, "Received, being handled.");
  click_response (dialog, "_Respond");
  g_assert_cmpint (query_ticket (f, "first_response_at"), ==, CRM_TEST_NOW);
  g_assert_cmpuint (count_events (f), >, events);
  events = count_events (f);
  g_assert_cmpuint (count_event_rows (f), ==, events);
  g_assert_true (shows (f, "Responded to the customer"));
  g_assert_true (shows (f, "Received, being handled."));
  g_assert_true (shows (f, "In Progress"));
  /* the response clock stopped: "Met at 10:00" (now), or "Met 3 h late" */
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (f->page), is_mapped_label_with_prefix, "Met "));
  g_assert_false (shows (f, "Paused — waiting on the customer"));

  /* a comment is required; it shows as the newest row, its note under it */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.comment", NULL);
  crm_gui_test_iterate (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "comment"));
  gtk_text_buffer_set_text (dialog_buffer (dialog), "已电话联系客户，约定明早复查", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "comment"));
  click_response (dialog, "_Add Comment");
  g_assert_cmpuint (count_events (f), ==, events + 1);
  events++;
  g_assert_cmpuint (count_event_rows (f), ==, events);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last_event_row (f))), ==, "Comment");
  g_assert_cmpstr (adw_action_row_get_subtitle (last_event_row (f)), ==, "已电话联系客户，约定明早复查");

  /* waiting on the customer: the resolution clock stands still */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.move", "i", CRM_TICKET_WAITING);
  crm_gui_test_iterate (200);
  g_assert_cmpint (query_ticket (f, "status"), ==, CRM_TICKET_WAITING);
  g_assert_true (shows (f, "Paused — waiting on the customer"));
  g_assert_true (shows (f, "Status: In Progress → Waiting on Customer"));
  g_assert_cmpuint (count_event_rows (f), ==, count_events (f));

  /* resolve through the dialog: the resolution and compensation are shown */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.resolve", NULL);
  crm_gui_test_iterate (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_text_buffer_set_text (dialog_buffer (dialog), "更换了故障的网关并恢复了配置", -1);
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_widget (GTK_WIDGET (dialog), is_entry, NULL)), "赠送一个月服务");
  click_response (dialog, "_Resolve");
  g_assert_cmpint (query_ticket (f, "status"), ==, CRM_TICKET_RESOLVED);
  g_assert_true (shows (f, "更换了故障的网关并恢复了配置"));
  g_assert_true (shows (f, "赠送一个月服务"));
  g_assert_cmpuint (count_event_rows (f), ==, count_events (f));
  g_assert_false (step_offered (f, "ticket.respond"));
  g_assert_false (step_offered (f, "ticket.resolve"));
  g_assert_true (step_offered (f, "ticket.confirm"));
  g_assert_true (step_offered (f, "ticket.close"));
  g_assert_true (step_offered (f, "ticket.reopen"));

  /* the customer confirms: a step of its own, offered once */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.confirm", NULL);
  crm_gui_test_iterate (200);
  g_assert_cmpint (query_ticket (f, "confirmed_at"), ==, CRM_TEST_NOW);
  g_assert_true (shows (f, "The customer confirmed it is solved"));
  g_assert_false (step_offered (f, "ticket.confirm"));

  /* close from the keyboard: the focus moves on to the step that is left */
  gtk_widget_grab_focus (crm_gui_test_find_widget (GTK_WIDGET (f->page), is_button_for_action, "ticket.close"));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.close", NULL);
  crm_gui_test_iterate (200);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_get_mapped (focus));
    g_assert_true (is_button_for_action (focus, "ticket.reopen") || is_button_for_action (focus, "ticket.comment"));
  }
  g_assert_cmpint (query_ticket (f, "status"), ==, CRM_TICKET_CLOSED);
  g_assert_false (step_offered (f, "ticket.close"));
  g_assert_true (step_offered (f, "ticket.reopen"));
  g_assert_true (shows (f, "Closed"));
  g_assert_cmpuint (count_event_rows (f), ==, count_events (f));

  /* reopen: back to In Progress */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.reopen", NULL);
  crm_gui_test_iterate (200);
  g_assert_cmpint (query_ticket (f, "status"), ==, CRM_TICKET_IN_PROGRESS);
  g_assert_true (step_offered (f, "ticket.resolve"));
  g_assert_false (step_offered (f, "ticket.reopen"));
  g_assert_cmpuint (count_event_rows (f), ==, count_events (f));
}

static void
test_reassign_and_level (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM team_members WHERE id IS NOT"
                                          " (SELECT assignee_id FROM tickets WHERE id = %" G_GINT64_FORMAT ")"
                                          " ORDER BY id LIMIT 1", f->ticket_id);
  gint64 member = crm_test_query_int (f->db->store, sql);
  g_autofree char *name_sql = g_strdup_printf ("SELECT name FROM team_members WHERE id = %" G_GINT64_FORMAT, member);
  g_autofree char *name = crm_test_query_text (f->db->store, name_sql);
  int level = (int) query_ticket (f, "level");
  int other = level == 1 ? 3 : 1;
  gint64 due_before = query_ticket (f, "resolution_due");
  g_autofree char *level_event = NULL;

  g_assert_cmpint (member, >, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.reassign", "x", member);
  crm_gui_test_iterate (200);
  g_assert_cmpint (query_ticket (f, "assignee_id"), ==, member);
  g_assert_true (shows (f, name));
  g_assert_cmpuint (count_event_rows (f), ==, count_events (f));

  /* the level from its menu, as Ctrl+Shift+L opens it */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.level-menu", NULL);
  crm_gui_test_iterate (200);
  {
    GtkWidget *item = crm_gui_test_find_widget (GTK_WIDGET (f->page), is_mapped_menu_item,
                                                other == 1 ? "Level 1 — Urgent" : "Level 3 — General");

    g_assert_nonnull (item);
    g_signal_emit_by_name (item, "clicked");
  }
  crm_gui_test_iterate (200);
  g_assert_cmpint (query_ticket (f, "level"), ==, other);
  g_assert_cmpint (query_ticket (f, "resolution_due"), !=, due_before);
  level_event = g_strdup_printf ("Level: %s → %s", level == 1 ? "Level 1 — Urgent" : level == 2 ? "Level 2 — Important"
                                                                                   : "Level 3 — General",
                                 other == 1 ? "Level 1 — Urgent" : "Level 3 — General");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last_event_row (f))), ==, level_event);
  g_assert_true (shows (f, other == 1 ? "Level 1 — Urgent" : "Level 3 — General"));
}

/* Someone else (the board, the escalation pass) changes the ticket: the page
 * follows, where it was scrolled to. */
static void
test_follows_the_store (Fixture       *f,
                        gconstpointer  data)
{
  GtkAdjustment *adjustment = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = count_event_rows (f);

  {
    GtkWidget *scroller = gtk_widget_get_first_child (GTK_WIDGET (f->page));

    g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  }
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment) + 100);
  gtk_adjustment_set_value (adjustment, 100);
  crm_gui_test_iterate (100);

  g_assert_true (crm_store_comment_ticket (f->db->store, f->ticket_id, "客户来电催促", &error));
  g_assert_no_error (error);
  crm_gui_test_iterate (200);
  g_assert_cmpuint (count_event_rows (f), ==, rows + 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (last_event_row (f)), ==, "客户来电催促");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 100);

  /* another ticket's change is no business of this page */
  {
    gint64 other = crm_test_query_int (f->db->store, "SELECT id FROM tickets WHERE status < 3 ORDER BY id DESC LIMIT 1");

    g_assert_cmpint (other, !=, f->ticket_id);
    g_assert_true (crm_store_comment_ticket (f->db->store, other, "别的工单", &error));
    crm_gui_test_iterate (100);
    g_assert_cmpuint (count_event_rows (f), ==, rows + 1);
  }
}

/* The clocks move on: later, the same ticket is past its resolution deadline. */
static void
test_clock_moves_on (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *label;
  gint64 due = f->resolution_due;

  g_assert_true (due > CRM_TEST_NOW);
  g_assert_false (shows (f, "Overdue by 2 h"));
  crm_clock_set (f->db->clock, due + 2 * 3600);
  /* hidden and shown again, the page reads its clocks at once (else every 30 s) */
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  crm_gui_test_iterate (100);
  label = crm_gui_test_find_widget (GTK_WIDGET (f->page), crm_gui_test_is_mapped_label_with_text, "Overdue by 2 h");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "breached"));
}

static void
record_activation (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GHashTable *seen = user_data;

  g_hash_table_insert (seen, g_strdup (g_action_get_name (G_ACTION (action))),
                       g_memdup2 (&(gint64) { g_variant_get_int64 (parameter) }, sizeof (gint64)));
}

/* The customer row and Edit hand over to the window's actions, with the ids. */
static void
test_window_actions (Fixture       *f,
                     gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "show-customer", record_activation, "x", NULL, NULL, { 0 } },
    { "edit-ticket", record_activation, "x", NULL, NULL, { 0 } },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *sql = g_strdup_printf ("SELECT customer_id FROM tickets WHERE id = %" G_GINT64_FORMAT, f->ticket_id);
  gint64 customer_id = crm_test_query_int (f->db->store, sql);
  GtkWidget *row;
  gint64 *id;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), seen);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));

  row = crm_gui_test_find_widget (GTK_WIDGET (f->page), crm_gui_test_is_row_titled, "Customer");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activate");
  crm_gui_test_iterate (50);
  id = g_hash_table_lookup (seen, "show-customer");
  g_assert_nonnull (id);
  g_assert_cmpint (*id, ==, customer_id);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "ticket.edit", NULL);
  crm_gui_test_iterate (50);
  id = g_hash_table_lookup (seen, "edit-ticket");
  g_assert_nonnull (id);
  g_assert_cmpint (*id, ==, f->ticket_id);
}

int
main (int argc, char **argv)
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  g_test_add ("/ticket-detail/steps", Fixture, NULL, fixture_set_up, test_steps, fixture_tear_down);
  g_test_add ("/ticket-detail/reassign-and-level", Fixture, NULL, fixture_set_up, test_reassign_and_level,
              fixture_tear_down);
  g_test_add ("/ticket-detail/follows-the-store", Fixture, NULL, fixture_set_up, test_follows_the_store,
              fixture_tear_down);
  g_test_add ("/ticket-detail/clock-moves-on", Fixture, NULL, fixture_set_up, test_clock_moves_on,
              fixture_tear_down);

  g_test_add ("/ticket-detail/window-actions", Fixture, NULL, fixture_set_up, test_window_actions, fixture_tear_down);

  return g_test_run ();
}
