/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Follow-ups on a real display (Xvfb in CI), on a demo database: one planned
 * through the form (refused without an item, then saved), one completed
 * through the dialog with a next step (which appears in the database and in
 * the Agenda), one skipped with a reason, one rescheduled from the detail
 * window (refused while the time cannot be read), the detail window, and the
 * Agenda's overdue filter. */
#include <adwaita.h>

#include "crm-agenda-model.h"
#include "crm-agenda-view.h"
#include "crm-followup-complete.h"
#include "crm-followup-detail.h"
#include "crm-followup-editor.h"
#include "crm-gui-test-util.h"
#include "crm-store-followups.h"
#include "crm-test-util.h"

#define HOUR 3600
#define DAY  (24 * HOUR)

typedef struct {
  CrmTestDb  *db;
  CrmContext *context;
  GtkWindow  *parent;
  gint64      customer_id;
  gint64      saved_id;
  int         saved_created;    /* -1: ::saved not emitted */
} Fixture;

static gint64 query_int (Fixture    *f,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static gint64
query_int (Fixture    *f,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return crm_test_query_int (f->db->store, sql);
}

static char *query_text (Fixture    *f,
                         const char *format,
                         ...) G_GNUC_PRINTF (2, 3);

static char *
query_text (Fixture    *f,
            const char *format,
            ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return crm_test_query_text (f->db->store, sql);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_gui_test_demo_db_new (60);
  f->context = crm_context_new (f->db->store, NULL);
  f->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->parent, 1000, 600);
  gtk_window_present (f->parent);
  f->saved_created = -1;
  f->customer_id = crm_test_query_int (f->db->store, "SELECT min(id) FROM customers");
  crm_gui_test_iterate (100);
}

static void
destroy_all (GType type)
{
  GtkWindow *window;

  while ((window = crm_gui_test_find_toplevel (type)) != NULL)
    gtk_window_destroy (window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  destroy_all (ADW_TYPE_MESSAGE_DIALOG);
  destroy_all (CRM_TYPE_FOLLOWUP_EDITOR);
  destroy_all (CRM_TYPE_FOLLOWUP_DETAIL);
  gtk_window_destroy (f->parent);
  crm_gui_test_iterate (50);
  g_clear_object (&f->context);
  crm_test_db_free (f->db);
}

/* A planned follow-up for the fixture's customer at now + @offset */
static gint64
plan (Fixture    *f,
      const char *item,
      gint64      offset)
{
  g_auto(CrmFollowupDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_followup_draft_init (&draft);
  draft.customer_id = f->customer_id;
  draft.kind = CRM_FOLLOWUP_CALL;
  draft.item = g_strdup (item);
  draft.planned_at = crm_store_now (f->db->store) + offset;
  id = crm_store_create_followup (f->db->store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static const char *
message_under (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = crm_gui_test_find_row (root, title);

  if (!gtk_widget_has_css_class (row, "error"))
    return NULL;
  return crm_gui_test_message_after (row);
}

static void
saved_cb (CrmFollowupEditor *editor,
          gint64             id,
          gboolean           created,
          Fixture           *f)
{
  f->saved_id = id;
  f->saved_created = created;
}

static void
test_form (Fixture       *f,
           gconstpointer  data)
{
  gint64 before = query_int (f, "SELECT count(*) FROM followups");
  CrmFollowupEditor *editor = crm_followup_editor_new (f->context, f->customer_id, 0);
  GtkWidget *view;
  g_autofree char *item = NULL;
  g_autofree char *notes = NULL;

  gtk_window_set_transient_for (GTK_WINDOW (editor), f->parent);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), f);
  gtk_window_present (GTK_WINDOW (editor));
  crm_gui_test_iterate (200);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "New Follow-up");
  g_assert_cmpint (crm_followup_editor_get_customer_id (editor), ==, f->customer_id);
  /* the customer is fixed: the item has the focus */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                         crm_gui_test_find_row (GTK_WIDGET (editor), "_Item")));

  /* no item: said at the field, nothing saved */
  g_assert_false (crm_followup_editor_save (editor));
  crm_gui_test_iterate (50);
  g_assert_nonnull (message_under (GTK_WIDGET (editor), "_Item"));
  g_assert_null (message_under (GTK_WIDGET (editor), "C_ustomer"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM followups"), ==, before);

  /* a time that cannot be read */
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (GTK_WIDGET (editor), "_Planned Time (YYYY-MM-DD HH:MM)")),
                         "next tuesday");
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (GTK_WIDGET (editor), "_Item")), "回访新系统使用情况");
  crm_gui_test_iterate (50);
  g_assert_null (message_under (GTK_WIDGET (editor), "_Item"));
  g_assert_nonnull (message_under (GTK_WIDGET (editor), "_Planned Time (YYYY-MM-DD HH:MM)"));
  g_assert_false (crm_followup_editor_save (editor));

  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (GTK_WIDGET (editor), "_Planned Time (YYYY-MM-DD HH:MM)")),
                         "2026-11-24 15:30");
  adw_combo_row_set_selected (ADW_COMBO_ROW (crm_gui_test_find_row (GTK_WIDGET (editor), "_Kind")), CRM_FOLLOWUP_VISIT);
  view = crm_gui_test_find_widget (GTK_WIDGET (editor), crm_gui_test_is_text_view, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "带上培训资料", -1);
  crm_gui_test_iterate (50);
  g_assert_null (message_under (GTK_WIDGET (editor), "_Planned Time (YYYY-MM-DD HH:MM)"));
  g_assert_true (crm_followup_editor_save (editor));
  crm_gui_test_iterate (100);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_FOLLOWUP_EDITOR, 3000));
  g_assert_cmpint (f->saved_created, ==, TRUE);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM followups"), ==, before + 1);
  item = query_text (f, "SELECT item FROM followups WHERE id = %" G_GINT64_FORMAT, f->saved_id);
  g_assert_cmpstr (item, ==, "回访新系统使用情况");
  notes = query_text (f, "SELECT notes FROM followups WHERE id = %" G_GINT64_FORMAT, f->saved_id);
  g_assert_cmpstr (notes, ==, "带上培训资料");
  g_assert_cmpint (query_int (f, "SELECT kind FROM followups WHERE id = %" G_GINT64_FORMAT, f->saved_id), ==,
                   CRM_FOLLOWUP_VISIT);
  /* 2026-11-24 15:30 in Asia/Shanghai */
  g_assert_cmpint (query_int (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, f->saved_id), ==,
                   1795505400);
  g_assert_cmpint (query_int (f, "SELECT customer_id FROM followups WHERE id = %" G_GINT64_FORMAT, f->saved_id), ==,
                   f->customer_id);

  /* editing it: the same form, filled in */
  editor = crm_followup_editor_new (f->context, 0, f->saved_id);
  gtk_window_set_transient_for (GTK_WINDOW (editor), f->parent);
  gtk_window_present (GTK_WINDOW (editor));
  crm_gui_test_iterate (100);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (editor)), ==, "Edit Follow-up");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (crm_gui_test_find_row (GTK_WIDGET (editor), "_Item"))), ==,
                   "回访新系统使用情况");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (crm_gui_test_find_row (GTK_WIDGET (editor),
                                                                                 "_Planned Time (YYYY-MM-DD HH:MM)"))),
                   ==, "2026-11-24 15:30");
  gtk_editable_set_text (GTK_EDITABLE (crm_gui_test_find_row (GTK_WIDGET (editor), "_Item")), "回访使用情况");
  g_assert_true (crm_followup_editor_save (editor));
  crm_gui_test_iterate (100);
  g_free (item);
  item = query_text (f, "SELECT item FROM followups WHERE id = %" G_GINT64_FORMAT, f->saved_id);
  g_assert_cmpstr (item, ==, "回访使用情况");
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) crm_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
field (AdwMessageDialog *dialog,
       const char       *name)
{
  return crm_gui_test_find_child (GTK_WIDGET (dialog), is_named, name);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* What a click on the dialog's button does: the response, then the dialog closes */
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

static void
test_complete (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = plan (f, "First call", -HOUR);
  g_autoptr(CrmPagedModel) agenda = crm_agenda_model_new (f->db->store);
  AdwMessageDialog *dialog;
  g_autofree char *result = NULL;
  g_autofree char *next_item = NULL;
  gint64 next_id;
  gboolean found = FALSE;

  crm_followup_complete_ask (GTK_WIDGET (f->parent), f->context, id);
  crm_gui_test_iterate (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* a result is required */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "complete"));
  /* the actual time is now to begin with: 2026-11-20 10:00 */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "followup-actual"))), ==, "2026-11-20 10:00");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field (dialog, "followup-result"))),
                            "客户对新系统满意，要求报价", -1);
  crm_gui_test_iterate (50);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "complete"));

  /* a next step without its time is refused, and said so */
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "followup-next-step")), "发送报价单");
  crm_gui_test_iterate (50);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "complete"));
  g_assert_true (gtk_widget_has_css_class (field (dialog, "followup-next-planned"), "error"));
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "followup-next-planned")), "2026-11-23");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (dialog, "followup-next-kind")), CRM_FOLLOWUP_EMAIL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (dialog, "followup-satisfaction")), 4);
  crm_gui_test_iterate (50);
  g_assert_false (gtk_widget_has_css_class (field (dialog, "followup-next-planned"), "error"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "complete"));
  click_response (dialog, "C_omplete");

  g_assert_cmpint (query_int (f, "SELECT status FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, CRM_FOLLOWUP_DONE);
  result = query_text (f, "SELECT result FROM followups WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (result, ==, "客户对新系统满意，要求报价");
  g_assert_cmpint (query_int (f, "SELECT satisfaction FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT actual_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   crm_store_now (f->db->store));

  /* the next one, made in the same step */
  next_id = query_int (f, "SELECT id FROM followups WHERE previous_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (next_id, >, 0);
  next_item = query_text (f, "SELECT item FROM followups WHERE id = %" G_GINT64_FORMAT, next_id);
  g_assert_cmpstr (next_item, ==, "发送报价单");
  g_assert_cmpint (query_int (f, "SELECT kind FROM followups WHERE id = %" G_GINT64_FORMAT, next_id), ==,
                   CRM_FOLLOWUP_EMAIL);
  g_assert_cmpint (query_int (f, "SELECT status FROM followups WHERE id = %" G_GINT64_FORMAT, next_id), ==,
                   CRM_FOLLOWUP_PLANNED);
  /* 2026-11-23 09:00 in Asia/Shanghai */
  g_assert_cmpint (query_int (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, next_id), ==,
                   1795395600);

  /* and in the Agenda */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (agenda)); i++)
    {
      g_autoptr(CrmAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (agenda), i);

      if (crm_agenda_item_get_id (item) == next_id)
        {
          g_assert_cmpstr (crm_agenda_item_get_item (item), ==, "发送报价单");
          g_assert_cmpint (crm_agenda_item_get_state (item), ==, CRM_FOLLOWUP_STATE_PLANNED);
          found = TRUE;
        }
      if (crm_agenda_item_get_id (item) == id)
        g_assert_cmpint (crm_agenda_item_get_state (item), ==, CRM_FOLLOWUP_STATE_DONE);
    }
  g_assert_true (found);
}

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  gint64 id = plan (f, "Care call", 2 * HOUR);
  AdwMessageDialog *dialog;
  g_autofree char *reason = NULL;

  crm_followup_skip_ask (GTK_WIDGET (f->parent), f->context, id);
  crm_gui_test_iterate (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "skip"));
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "followup-skip-reason")), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "skip"));
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "followup-skip-reason")), "客户出差，下月再联系");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "skip"));
  click_response (dialog, "_Skip");

  g_assert_cmpint (query_int (f, "SELECT status FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   CRM_FOLLOWUP_SKIPPED);
  reason = query_text (f, "SELECT skip_reason FROM followups WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (reason, ==, "客户出差，下月再联系");
}

static void
test_reschedule (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = plan (f, "Send the quote", -DAY);
  gint64 was = query_int (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id);
  CrmFollowupDetail *detail = crm_followup_detail_present (GTK_WIDGET (f->parent), f->context, id);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (crm_store_now (f->db->store));
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr(GDateTime) then = g_date_time_new_local (g_date_time_get_year (later), g_date_time_get_month (later),
                                                     g_date_time_get_day_of_month (later), 10, 30, 0);
  g_autofree char *then_text = g_date_time_format (then, "%Y-%m-%d %H:%M");
  GtkWidget *button, *entry, *message;
  AdwMessageDialog *dialog;

  crm_gui_test_iterate (200);
  /* offered for an overdue one */
  button = crm_gui_test_find_child (GTK_WIDGET (detail), is_button_labelled, "_Reschedule…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  crm_gui_test_iterate (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  entry = field (dialog, "followup-new-planned");
  message = field (dialog, "followup-new-planned-message");
  g_assert_nonnull (entry);
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reschedule"));

  /* what cannot be read: a message at the field, and nothing to send */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-13-45 25:99");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), !=, "");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reschedule"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reschedule"));
  g_assert_cmpint (query_int (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, was);

  /* a good time: the message goes, and it is stored */
  gtk_editable_set_text (GTK_EDITABLE (entry), then_text);
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  click_response (dialog, "_Reschedule");
  g_assert_cmpint (query_int (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   g_date_time_to_unix (then));
  g_assert_cmpint (query_int (f, "SELECT status FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   CRM_FOLLOWUP_PLANNED);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (detail), crm_gui_test_is_mapped_label_with_text,
                                              "Planned"));

  /* the keyboard way (Ctrl+Shift+D runs the action); a response forced while
   * the text is wrong stores nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "followup.reschedule", NULL));
  crm_gui_test_iterate (200);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, "followup-new-planned")), "tomorrow");
  g_assert_true (gtk_widget_get_visible (field (dialog, "followup-new-planned-message")));
  adw_message_dialog_response (dialog, "reschedule");
  crm_gui_test_iterate (200);
  g_assert_cmpint (query_int (f, "SELECT planned_at FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==,
                   g_date_time_to_unix (then));
  /* (a forced response leaves the dialog up) */
  gtk_window_destroy (GTK_WINDOW (dialog));
  crm_gui_test_iterate (50);

  /* done elsewhere: no more rescheduling */
  g_assert_true (crm_store_skip_followup (f->db->store, id, "No longer needed", NULL));
  crm_gui_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (button));
  gtk_widget_activate_action (GTK_WIDGET (detail), "followup.reschedule", NULL);
  crm_gui_test_iterate (50);
  g_assert_null (find_dialog ());
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = plan (f, "Review the contract", -2 * DAY);
  CrmFollowupDetail *detail = crm_followup_detail_present (GTK_WIDGET (f->parent), f->context, id);

  crm_gui_test_iterate (200);
  g_assert_cmpint (crm_followup_detail_get_followup_id (detail), ==, id);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (detail), crm_gui_test_is_mapped_label_with_text,
                                              "Review the contract"));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (detail), crm_gui_test_is_mapped_label_with_text,
                                              "Overdue"));
  g_assert_true (gtk_widget_has_css_class (crm_gui_test_find_row (GTK_WIDGET (detail), "Status"), "error"));

  /* skipped elsewhere: the detail follows, and offers no more steps */
  g_assert_true (crm_store_skip_followup (f->db->store, id, "No longer needed", NULL));
  crm_gui_test_iterate (50);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (detail), crm_gui_test_is_mapped_label_with_text,
                                              "No longer needed"));
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (detail), crm_gui_test_is_mapped_label_with_text,
                                              "Skipped"));
  g_assert_false (gtk_widget_get_visible (crm_gui_test_find_child (GTK_WIDGET (detail), is_button_labelled,
                                                                    "C_omplete…")));

  /* deleting closes it; the follow-up is gone, and undo brings it back */
  g_signal_emit_by_name (crm_gui_test_find_child (GTK_WIDGET (detail), is_button_labelled, "_Delete"), "clicked");
  crm_gui_test_iterate (100);
  g_assert_true (crm_gui_test_toplevel_gone (CRM_TYPE_FOLLOWUP_DETAIL, 3000));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM followups WHERE id = %" G_GINT64_FORMAT, id), ==, 0);
}

static gboolean
is_column_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget);
}

static void
test_agenda_overdue (Fixture       *f,
                     gconstpointer  data)
{
  CrmAgendaView *view;
  CrmPagedModel *model;
  gint64 now = crm_store_now (f->db->store);
  guint n;

  plan (f, "Overdue one", -3 * HOUR);
  plan (f, "Ahead", 3 * HOUR);
  view = crm_agenda_view_new (f->context);
  adw_window_set_content (ADW_WINDOW (f->parent), GTK_WIDGET (view));
  crm_gui_test_iterate (200);
  model = crm_agenda_view_get_model (view);

  crm_agenda_view_set_period (view, CRM_AGENDA_PERIOD_OVERDUE);
  crm_gui_test_iterate (100);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpint (n, ==, query_int (f, "SELECT count(*) FROM followups WHERE status = 0 AND planned_at < %"
                                        G_GINT64_FORMAT, now));
  g_assert_cmpuint (n, >=, 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (crm_agenda_item_get_state (item), ==, CRM_FOLLOWUP_STATE_OVERDUE);
      g_assert_cmpint (crm_agenda_item_get_planned_at (item), <, now);
    }
  /* the overdue status shows in red */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    GtkWidget *table = crm_gui_test_find_child (GTK_WIDGET (view), is_column_view, NULL);

    crm_gui_test_find_all (table, crm_gui_test_is_mapped_label_with_text, "Overdue", labels);
    g_assert_cmpuint (labels->len, >=, 1);
    for (guint i = 0; i < labels->len; i++)
      g_assert_true (gtk_widget_has_css_class (labels->pdata[i], "error"));
  }

  /* all of them again */
  crm_agenda_view_set_period (view, CRM_AGENDA_PERIOD_ALL);
  g_assert_cmpint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                   query_int (f, "SELECT count(*) FROM followups"));
}

/* A drop-down that offers @data */
static gboolean
is_dropdown_offering (GtkWidget     *widget,
                      gconstpointer  data)
{
  GListModel *items;

  if (!GTK_IS_DROP_DOWN (widget))
    return FALSE;
  items = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (GTK_IS_STRING_OBJECT (item) && g_str_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), data))
        return TRUE;
    }
  return FALSE;
}

static gint64
planned_at (CrmPagedModel *model,
            guint          position)
{
  g_autoptr(CrmAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  return crm_agenda_item_get_planned_at (item);
}

static gint64
item_id (CrmPagedModel *model,
         guint          position)
{
  g_autoptr(CrmAgendaItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  return crm_agenda_item_get_id (item);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *table,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (table);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }
  return NULL;
}

/* How the header shows @column: larger ascending, smaller descending, equal not sorting */
static GtkOrdering
header_order (GtkColumnView       *table,
              GtkColumnViewColumn *column)
{
  GObject *probe = g_object_get_data (G_OBJECT (column), "crm-agenda-probe");

  g_assert_nonnull (probe);
  return gtk_sorter_compare (gtk_column_view_get_sorter (table), probe, G_OBJECT (table));
}

/* The toggle whose tooltip is @data */
static gboolean
is_toggle_tipped (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* How many headers show a sort arrow */
static guint
count_sort_arrows (GtkWidget *widget)
{
  guint n = g_str_equal (gtk_widget_get_css_name (widget), "sort-indicator") &&
            (gtk_widget_has_css_class (widget, "ascending") || gtk_widget_has_css_class (widget, "descending"));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_sort_arrows (child);
  return n;
}

/* The id the Agenda (every follow-up) shows first when sorted by @order_by */
static gint64
first_id (Fixture    *f,
          const char *order_by)
{
  return query_int (f, "SELECT f.id FROM followups f JOIN customers c ON c.id = f.customer_id"
                       " LEFT JOIN team_members m ON m.id = f.owner_id ORDER BY %s LIMIT 1", order_by);
}

/* The sorting headers sort the table (in SQL), both ways, and agree with the
 * Sort drop-down and the Descending toggle either way round. */
static void
test_agenda_sort (Fixture       *f,
                  gconstpointer  data)
{
  CrmAgendaView *view;
  CrmPagedModel *model;
  GtkColumnView *table;
  GtkColumnViewColumn *planned, *customer, *status, *done_at;
  GtkToggleButton *order;
  GtkDropDown *sort;
  guint n;

  plan (f, "Later", 30 * HOUR);
  plan (f, "Sooner", 3 * HOUR);
  /* one as a rule made it */
  g_assert_true (crm_store_exec (f->db->store,
                                 "UPDATE followups SET rule_key = 'onboarding_call'"
                                 " WHERE id = (SELECT max(id) FROM followups)", NULL));
  view = crm_agenda_view_new (f->context);
  adw_window_set_content (ADW_WINDOW (f->parent), GTK_WIDGET (view));
  crm_gui_test_iterate (200);
  crm_agenda_view_set_period (view, CRM_AGENDA_PERIOD_ALL);
  crm_gui_test_iterate (100);
  model = crm_agenda_view_get_model (view);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >=, 2);

  table = GTK_COLUMN_VIEW (crm_gui_test_find_child (GTK_WIDGET (view), is_column_view, NULL));
  order = GTK_TOGGLE_BUTTON (crm_gui_test_find_child (GTK_WIDGET (view), is_toggle_tipped, "Descending"));
  sort = GTK_DROP_DOWN (crm_gui_test_find_child (GTK_WIDGET (view), is_dropdown_offering, "Done At"));
  g_assert_nonnull (order);
  g_assert_nonnull (sort);
  planned = column_titled (table, "Planned");
  customer = column_titled (table, "Customer");
  status = column_titled (table, "Status");
  done_at = column_titled (table, "Done At");
  g_assert_nonnull (planned);
  g_assert_nonnull (customer);
  g_assert_nonnull (status);
  g_assert_nonnull (done_at);
  for (guint k = 0; k < CRM_N_AGENDA_SORTS; k++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (gtk_drop_down_get_model (sort), k);

      /* every column sorts, listed in the drop-down by its title */
      g_assert_nonnull (name);
      g_assert_nonnull (gtk_column_view_column_get_sorter (column_titled (table, gtk_string_object_get_string (name))));
    }

  /* earliest planned first, and the header says so */
  g_assert_cmpint (planned_at (model, 0), <=, planned_at (model, n - 1));
  g_assert_cmpint (header_order (table, planned), ==, GTK_ORDERING_LARGER);
  g_assert_cmpint (header_order (table, customer), ==, GTK_ORDERING_EQUAL);

  /* the header the other way: latest first, and the drop-down follows */
  gtk_column_view_sort_by_column (table, planned, GTK_SORT_DESCENDING);
  crm_gui_test_iterate (100);
  g_assert_true (gtk_toggle_button_get_active (order));
  g_assert_cmpint (planned_at (model, 0), >=, planned_at (model, n - 1));
  g_assert_cmpint (planned_at (model, 0), ==, query_int (f, "SELECT max(planned_at) FROM followups"));

  /* the drop-down back: the header follows */
  gtk_toggle_button_set_active (order, FALSE);
  crm_gui_test_iterate (100);
  g_assert_cmpint (planned_at (model, 0), ==, query_int (f, "SELECT min(planned_at) FROM followups"));
  g_assert_cmpint (header_order (table, planned), ==, GTK_ORDERING_LARGER);

  /* the Customer header: by customer, each one's in planned order; then the other way */
  gtk_column_view_sort_by_column (table, customer, GTK_SORT_ASCENDING);
  crm_gui_test_iterate (100);
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, CRM_AGENDA_SORT_CUSTOMER);
  g_assert_false (gtk_toggle_button_get_active (order));
  g_assert_cmpint (item_id (model, 0), ==, first_id (f, "c.sort_key, f.planned_at, f.id"));
  g_assert_cmpint (header_order (table, planned), ==, GTK_ORDERING_EQUAL);
  /* and only its header has an arrow */
  g_assert_cmpuint (count_sort_arrows (GTK_WIDGET (table)), ==, 1);
  gtk_column_view_sort_by_column (table, customer, GTK_SORT_DESCENDING);
  crm_gui_test_iterate (100);
  g_assert_true (gtk_toggle_button_get_active (order));
  g_assert_cmpint (item_id (model, 0), ==, first_id (f, "c.sort_key DESC, f.planned_at DESC, f.id DESC"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  /* the Sort drop-down: Status, still descending, and its header shows it */
  gtk_drop_down_set_selected (sort, CRM_AGENDA_SORT_STATE);
  crm_gui_test_iterate (100);
  g_assert_cmpint (header_order (table, status), ==, GTK_ORDERING_SMALLER);
  g_assert_cmpint (header_order (table, customer), ==, GTK_ORDERING_EQUAL);
  g_assert_cmpuint (count_sort_arrows (GTK_WIDGET (table)), ==, 1);
  {
    g_autoptr(CrmAgendaItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);

    g_assert_cmpint (crm_agenda_item_get_state (first), ==, CRM_FOLLOWUP_STATE_SKIPPED);
  }

  /* the Done At header: the first done, the ones not done yet last */
  gtk_column_view_sort_by_column (table, done_at, GTK_SORT_ASCENDING);
  crm_gui_test_iterate (100);
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, CRM_AGENDA_SORT_ACTUAL);
  g_assert_cmpint (item_id (model, 0), ==, first_id (f, "f.actual_at IS NULL, f.actual_at, f.id"));
  {
    g_autoptr(CrmAgendaItem) last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);

    g_assert_cmpint (crm_agenda_item_get_actual_at (last), ==, 0);
  }
  g_assert_null (crm_gui_test_find_widget (GTK_WIDGET (view), crm_gui_test_is_mapped_label_with_text,
                                           "Too many to sort"));

  /* the Item header: by the item ignoring case, both ways */
  gtk_column_view_sort_by_column (table, column_titled (table, "Item"), GTK_SORT_ASCENDING);
  crm_gui_test_iterate (100);
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, CRM_AGENDA_SORT_ITEM);
  g_assert_cmpint (item_id (model, 0), ==, first_id (f, "lower(f.item), f.planned_at, f.id"));
  gtk_column_view_sort_by_column (table, column_titled (table, "Item"), GTK_SORT_DESCENDING);
  crm_gui_test_iterate (100);
  g_assert_cmpint (item_id (model, 0), ==, first_id (f, "lower(f.item) DESC, f.planned_at DESC, f.id DESC"));
  g_assert_cmpuint (count_sort_arrows (GTK_WIDGET (table)), ==, 1);

  /* the Rule header: the rules' follow-ups first, the ones added by hand last */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM followups WHERE rule_key IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM followups WHERE rule_key IS NULL"), >, 0);
  gtk_column_view_sort_by_column (table, column_titled (table, "Rule"), GTK_SORT_ASCENDING);
  crm_gui_test_iterate (100);
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, CRM_AGENDA_SORT_RULE);
  g_assert_false (gtk_toggle_button_get_active (order));
  {
    g_autoptr(CrmAgendaItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(CrmAgendaItem) last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);

    g_assert_nonnull (crm_agenda_item_get_rule_key (first));
    g_assert_null (crm_agenda_item_get_rule_key (last));
  }

  /* more rows than the customer key sorts: planned order, the header and a note say so */
  crm_agenda_model_set_sort_limit (model, n - 1);
  gtk_drop_down_set_selected (sort, CRM_AGENDA_SORT_CUSTOMER);
  crm_gui_test_iterate (100);
  g_assert_true (crm_agenda_model_is_sort_limited (model));
  g_assert_cmpint (planned_at (model, 0), ==, query_int (f, "SELECT min(planned_at) FROM followups"));
  g_assert_cmpint (header_order (table, planned), ==, GTK_ORDERING_LARGER);
  g_assert_cmpint (header_order (table, customer), ==, GTK_ORDERING_EQUAL);
  g_assert_cmpuint (count_sort_arrows (GTK_WIDGET (table)), ==, 1);
  g_assert_nonnull (crm_gui_test_find_widget (GTK_WIDGET (view), crm_gui_test_is_mapped_label_with_text,
                                              "Too many to sort"));

  /* its Status header from there sorts by status */
  gtk_column_view_sort_by_column (table, status, GTK_SORT_ASCENDING);
  crm_gui_test_iterate (100);
  g_assert_cmpuint (gtk_drop_down_get_selected (sort), ==, CRM_AGENDA_SORT_STATE);
  g_assert_false (crm_agenda_model_is_sort_limited (model));
  g_assert_cmpint (item_id (model, 0), ==, first_id (f, "f.status, f.planned_at, f.id"));
}

int
main (int   argc,
      char *argv[])
{
  if (!crm_gui_test_init (&argc, &argv))
    return 77;

  g_test_add ("/followups-ui/form", Fixture, NULL, fixture_set_up, test_form, fixture_tear_down);
  g_test_add ("/followups-ui/complete", Fixture, NULL, fixture_set_up, test_complete, fixture_tear_down);
  g_test_add ("/followups-ui/skip", Fixture, NULL, fixture_set_up, test_skip, fixture_tear_down);
  g_test_add ("/followups-ui/reschedule", Fixture, NULL, fixture_set_up, test_reschedule, fixture_tear_down);
  g_test_add ("/followups-ui/detail", Fixture, NULL, fixture_set_up, test_detail, fixture_tear_down);
  g_test_add ("/followups-ui/agenda-overdue", Fixture, NULL, fixture_set_up, test_agenda_overdue, fixture_tear_down);
  g_test_add ("/followups-ui/agenda-sort", Fixture, NULL, fixture_set_up, test_agenda_sort, fixture_tear_down);

  return g_test_run ();
}
