/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-weekday-editor"

#include <glib/gi18n.h>

#include "crm-field-message.h"
#include "crm-weekday-editor.h"
#include "crm-worktime.h"

/* One start–end row of the dialog. */
typedef struct {
  GtkWidget *row;
  GtkEntry  *start;
  GtkEntry  *end;
  GtkWidget *remove;
  GtkLabel  *message;
} WindowRow;

struct _CrmWeekdayEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay     *toast_overlay;
  GtkButton           *save_button;
  GtkListBox          *windows_list;

  /* owned */
  CrmContext          *context;
  GPtrArray           *rows;        /* WindowRow, in the order shown */
  char                *initial;     /* the rows' text when the dialog opened */

  int                  weekday;
  gboolean             closing;
};

G_DEFINE_FINAL_TYPE (CrmWeekdayEditor, crm_weekday_editor, ADW_TYPE_WINDOW)

static const char *weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

static void
window_row_free (gpointer data)
{
  g_free (data);
}

/* Every row's text, to tell whether anything was changed. */
static char *
rows_text (CrmWeekdayEditor *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      WindowRow *row = self->rows->pdata[i];

      g_string_append_printf (text, "%s-%s;", gtk_editable_get_text (GTK_EDITABLE (row->start)),
                              gtk_editable_get_text (GTK_EDITABLE (row->end)));
    }
  return g_string_free (text, FALSE);
}

/* The accessible names say which row a field is in; they follow removals. */
static void
name_rows (CrmWeekdayEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      WindowRow *row = self->rows->pdata[i];
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autofree char *remove = NULL;

      /* Translators: accessible names in the working hours of one day; %u numbers the rows: 1, 2, … */
      start = g_strdup_printf (_("Start of working hours %u"), i + 1);
      /* Translators: see "Start of working hours %u" */
      end = g_strdup_printf (_("End of working hours %u"), i + 1);
      /* Translators: see "Start of working hours %u" */
      remove = g_strdup_printf (_("Remove working hours %u"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->start), GTK_ACCESSIBLE_PROPERTY_LABEL, start, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->end), GTK_ACCESSIBLE_PROPERTY_LABEL, end, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
    }
}

static void
remove_clicked_cb (GtkButton        *button,
                   CrmWeekdayEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      WindowRow *row = self->rows->pdata[i];

      if (row->remove != GTK_WIDGET (button))
        continue;

      gtk_list_box_remove (self->windows_list, gtk_widget_get_ancestor (GTK_WIDGET (row->message),
                                                                        GTK_TYPE_LIST_BOX_ROW));
      gtk_list_box_remove (self->windows_list, row->row);
      g_ptr_array_remove_index (self->rows, i);
      name_rows (self);

      /* keep the keyboard in the list: the next row's start, or the add button */
      if (self->rows->len > 0)
        gtk_widget_grab_focus (GTK_WIDGET (((WindowRow *) self->rows->pdata[MIN (i, self->rows->len - 1)])->start));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
      return;
    }
}

static void
entry_changed_cb (GtkEditable *editable,
                  WindowRow   *row)
{
  /* what was said about the row no longer holds once it is edited */
  crm_field_message_set (row->row, row->message, NULL);
}

static void
entry_activate_cb (CrmWeekdayEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static GtkEntry *
time_entry_new (const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 5);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 0.5);
  /* Translators: the placeholder of a time entry; keep it as short as HH:MM */
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("HH:MM"));
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  return GTK_ENTRY (entry);
}

static WindowRow *
add_window_row (CrmWeekdayEditor *self,
                int               start_minute,
                int               end_minute)
{
  WindowRow *row = g_new0 (WindowRow, 1);
  g_autofree char *start = start_minute >= 0 ? crm_work_format_time (start_minute) : NULL;
  g_autofree char *end = end_minute >= 0 ? crm_work_format_time (end_minute) : NULL;
  GtkWidget *times = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dash = gtk_label_new ("–");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  row->row = adw_action_row_new ();
  row->start = time_entry_new (start);
  row->end = time_entry_new (end);
  row->remove = remove;

  gtk_accessible_update_state (GTK_ACCESSIBLE (dash), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (times), GTK_WIDGET (row->start));
  gtk_box_append (GTK_BOX (times), dash);
  gtk_box_append (GTK_BOX (times), GTK_WIDGET (row->end));
  gtk_widget_set_margin_top (times, 6);
  gtk_widget_set_margin_bottom (times, 6);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row->row), times);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), remove);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  gtk_list_box_append (self->windows_list, row->row);
  row->message = crm_field_message_add (row->row);
  g_ptr_array_add (self->rows, row);

  g_signal_connect (row->start, "changed", G_CALLBACK (entry_changed_cb), row);
  g_signal_connect (row->end, "changed", G_CALLBACK (entry_changed_cb), row);
  /* Enter in a time saves, as in every GNOME form */
  g_signal_connect_object (row->start, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->end, "activate", G_CALLBACK (entry_activate_cb), self, G_CONNECT_SWAPPED);

  name_rows (self);
  return row;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CrmWeekdayEditor *self = CRM_WEEKDAY_EDITOR (widget);
  WindowRow *row = add_window_row (self, -1, -1);

  gtk_widget_grab_focus (GTK_WIDGET (row->start));
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  const CrmWorkWindow *wa = a, *wb = b;

  return (wa->start_minute > wb->start_minute) - (wa->start_minute < wb->start_minute);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmWeekdayEditor *self = CRM_WEEKDAY_EDITOR (widget);
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GArray) day = g_array_new (FALSE, FALSE, sizeof (CrmWorkWindow));
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (CrmWorkWindow));
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmWorkCalendar) cal = NULL;
  g_autofree guint *row_of = g_new0 (guint, self->rows->len + 1);   /* day[i] came from rows[row_of[i]] */
  WindowRow *first_invalid = NULL;

  /* each row on its own */
  for (guint i = 0; i < self->rows->len; i++)
    {
      WindowRow *row = self->rows->pdata[i];
      g_autoptr(GError) row_error = NULL;
      CrmWorkWindow window = { self->weekday, 0, 0 };

      if (!crm_work_parse_time (gtk_editable_get_text (GTK_EDITABLE (row->start)), &window.start_minute, &row_error) ||
          !crm_work_parse_time (gtk_editable_get_text (GTK_EDITABLE (row->end)), &window.end_minute, &row_error) ||
          !crm_work_window_validate (window.start_minute, window.end_minute, &row_error))
        {
          crm_field_message_set (row->row, row->message, row_error->message);
          if (first_invalid == NULL)
            first_invalid = row;
          continue;
        }
      crm_field_message_set (row->row, row->message, NULL);
      row_of[day->len] = i;
      g_array_append_val (day, window);
    }

  /* then against each other: the later of two overlapping rows says which one it overlaps */
  for (guint i = 0; i < day->len; i++)
    for (guint j = 0; j < day->len; j++)
      {
        CrmWorkWindow *a = &g_array_index (day, CrmWorkWindow, i);
        CrmWorkWindow *b = &g_array_index (day, CrmWorkWindow, j);
        WindowRow *row = self->rows->pdata[row_of[j]];
        g_autofree char *start = NULL;
        g_autofree char *end = NULL;
        g_autofree char *message = NULL;

        if (i == j || b->start_minute < a->start_minute || (b->start_minute == a->start_minute && j < i) ||
            b->start_minute >= a->end_minute)
          continue;
        start = crm_work_format_time (a->start_minute);
        end = crm_work_format_time (a->end_minute);
        /* Translators: working hours of one day that overlap others, e.g. "These hours overlap 09:00–12:00." */
        message = g_strdup_printf (_("These hours overlap %s–%s."), start, end);
        crm_field_message_set (row->row, row->message, message);
        if (first_invalid == NULL)
          first_invalid = row;
      }

  if (first_invalid != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (first_invalid->start));
      return;
    }

  /* the other days as they are stored, this one as typed */
  cal = crm_work_calendar_load (store, NULL, &error);
  if (cal == NULL)
    goto fail;
  for (int weekday = 1; weekday <= 7; weekday++)
    {
      guint n;
      const CrmWorkWindow *windows = crm_work_calendar_get_windows (cal, weekday, &n);

      if (weekday != self->weekday)
        g_array_append_vals (all, windows, n);
    }
  g_array_sort (day, compare_by_start);
  g_array_append_vals (all, day->data, day->len);
  if (!crm_work_calendar_save_windows (store, (const CrmWorkWindow *) (gpointer) all->data, all->len, &error))
    goto fail;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return;

fail:
  {
    g_autofree char *title = g_strdup_printf (_("Could not save the working hours: %s"), error->message);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  }
}

static void
cancel_clicked_cb (CrmWeekdayEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
crm_weekday_editor_close_request (GtkWindow *window)
{
  CrmWeekdayEditor *self = CRM_WEEKDAY_EDITOR (window);
  g_autofree char *now = rows_text (self);

  if (!self->closing && g_strcmp0 (now, self->initial) != 0)
    {
      crm_form_ask_discard (window, &self->closing);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (crm_weekday_editor_parent_class)->close_request (window);
}

static void
crm_weekday_editor_dispose (GObject *object)
{
  CrmWeekdayEditor *self = CRM_WEEKDAY_EDITOR (object);

  /* the entries hold pointers to their rows */
  if (self->rows != NULL)
    for (guint i = 0; i < self->rows->len; i++)
      {
        WindowRow *row = self->rows->pdata[i];

        g_signal_handlers_disconnect_by_data (row->start, row);
        g_signal_handlers_disconnect_by_data (row->end, row);
      }

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WEEKDAY_EDITOR);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->initial, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_weekday_editor_parent_class)->dispose (object);
}

static void
crm_weekday_editor_class_init (CrmWeekdayEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = crm_weekday_editor_dispose;
  window_class->close_request = crm_weekday_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-weekday-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWeekdayEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWeekdayEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmWeekdayEditor, windows_list);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_weekday_editor_init (CrmWeekdayEditor *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (window_row_free);

  placeholder = gtk_label_new (_("Day off"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->windows_list, placeholder);
}

CrmWeekdayEditor *
crm_weekday_editor_new (CrmContext *context,
                        int         iso_weekday)
{
  CrmWeekdayEditor *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmWorkCalendar) cal = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (iso_weekday >= 1 && iso_weekday <= 7, NULL);

  self = g_object_new (CRM_TYPE_WEEKDAY_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->weekday = iso_weekday;

  /* Translators: the title of the dialog that edits one weekday's working hours, e.g. "Working Hours on Monday" */
  title = g_strdup_printf (_("Working Hours on %s"), _(weekday_names[iso_weekday - 1]));
  gtk_window_set_title (GTK_WINDOW (self), title);

  cal = crm_work_calendar_load (crm_context_get_store (context), NULL, &error);
  if (cal != NULL)
    {
      guint n;
      const CrmWorkWindow *windows = crm_work_calendar_get_windows (cal, iso_weekday, &n);

      for (guint i = 0; i < n; i++)
        add_window_row (self, windows[i].start_minute, windows[i].end_minute);
    }
  else
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
    }
  self->initial = rows_text (self);
  if (self->rows->len > 0)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (((WindowRow *) self->rows->pdata[0])->start));

  return self;
}
