/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-reminder-preferences"

#include <glib/gi18n.h>

#include "crm-autostart.h"
#include "crm-reminder-preferences.h"
#include "crm-reminders.h"
#include "crm-worktime.h"

struct _CrmReminderPreferences
{
  AdwPreferencesPage parent_instance;

  /* template widgets */
  GtkSpinButton *lead_spin;
  AdwEntryRow   *morning_row;
  AdwEntryRow   *quiet_start_row;
  AdwEntryRow   *quiet_end_row;
  GtkLabel      *message_label;
  GtkSwitch     *background_switch;

  /* owned */
  CrmContext    *context;
  gboolean       loading;
};

G_DEFINE_FINAL_TYPE (CrmReminderPreferences, crm_reminder_preferences, ADW_TYPE_PREFERENCES_PAGE)

static void
show_message (CrmReminderPreferences *self,
              AdwEntryRow            *row,
              const char             *message)
{
  AdwEntryRow *rows[] = { self->morning_row, self->quiet_start_row, self->quiet_end_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == row)
        gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
    }
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
load (CrmReminderPreferences *self)
{
  CrmReminderSettings settings;
  g_autoptr(GError) error = NULL;
  g_autofree char *morning = NULL;
  g_autofree char *quiet_start = NULL;
  g_autofree char *quiet_end = NULL;

  if (!crm_reminder_settings_load (crm_context_get_store (self->context), &settings, &error))
    {
      g_warning ("Could not read the reminder settings: %s", error->message);
      crm_reminder_settings_init (&settings);
    }
  morning = crm_work_format_time (settings.morning_minute);
  quiet_start = crm_work_format_time (settings.quiet_start);
  quiet_end = crm_work_format_time (settings.quiet_end);

  self->loading = TRUE;
  gtk_spin_button_set_value (self->lead_spin, settings.lead_minutes);
  gtk_editable_set_text (GTK_EDITABLE (self->morning_row), morning);
  gtk_editable_set_text (GTK_EDITABLE (self->quiet_start_row), quiet_start);
  gtk_editable_set_text (GTK_EDITABLE (self->quiet_end_row), quiet_end);
  gtk_switch_set_active (self->background_switch,
                         crm_autostart_is_for_database (NULL, crm_store_get_path (crm_context_get_store (self->context))));
  self->loading = FALSE;
}

/* Reads the form into @settings; a time that is not one gets its message. */
static gboolean
read_form (CrmReminderPreferences *self,
           CrmReminderSettings    *settings)
{
  struct { AdwEntryRow *row; int *minute; } times[] = {
    { self->morning_row, &settings->morning_minute },
    { self->quiet_start_row, &settings->quiet_start },
    { self->quiet_end_row, &settings->quiet_end },
  };
  g_autoptr(GError) error = NULL;

  if (!crm_reminder_settings_load (crm_context_get_store (self->context), settings, &error))
    crm_reminder_settings_init (settings);
  settings->lead_minutes = gtk_spin_button_get_value_as_int (self->lead_spin);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) parse_error = NULL;

      if (!crm_work_parse_time (gtk_editable_get_text (GTK_EDITABLE (times[i].row)), times[i].minute, &parse_error))
        {
          show_message (self, times[i].row, parse_error->message);
          return FALSE;
        }
      /* 24:00 is a working-hours time, not a time of day */
      if (*times[i].minute >= 24 * 60)
        {
          show_message (self, times[i].row, _("Use a time of day from 00:00 to 23:59."));
          return FALSE;
        }
    }
  return TRUE;
}

static void
save (CrmReminderPreferences *self)
{
  CrmReminderSettings settings;
  CrmReminderField field = CRM_REMINDER_FIELD_NONE;
  g_autoptr(GError) error = NULL;

  if (self->loading || !read_form (self, &settings))
    return;
  if (!crm_reminder_settings_validate (&settings, &field, &error) ||
      !crm_reminder_settings_save (crm_context_get_store (self->context), &settings, &error))
    {
      show_message (self,
                    field == CRM_REMINDER_FIELD_MORNING ? self->morning_row :
                    field == CRM_REMINDER_FIELD_QUIET_START ? self->quiet_start_row :
                    field == CRM_REMINDER_FIELD_QUIET_END ? self->quiet_end_row : NULL,
                    error->message);
      return;
    }
  show_message (self, NULL, NULL);
}

static void
lead_changed_cb (CrmReminderPreferences *self)
{
  save (self);
}

static void
times_apply_cb (CrmReminderPreferences *self)
{
  save (self);
}

static void
background_changed_cb (CrmReminderPreferences *self)
{
  CrmStore *store = crm_context_get_store (self->context);
  gboolean active = gtk_switch_get_active (self->background_switch);
  g_autoptr(GError) error = NULL;

  if (self->loading)
    return;
  if (!crm_autostart_set_for_database (NULL, active, crm_store_get_path (store), &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
      self->loading = TRUE;
      gtk_switch_set_active (self->background_switch, !active);
      self->loading = FALSE;
    }
}

static void
crm_reminder_preferences_dispose (GObject *object)
{
  CrmReminderPreferences *self = CRM_REMINDER_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_REMINDER_PREFERENCES);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_reminder_preferences_parent_class)->dispose (object);
}

static void
crm_reminder_preferences_class_init (CrmReminderPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_reminder_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-reminder-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmReminderPreferences, lead_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmReminderPreferences, morning_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReminderPreferences, quiet_start_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReminderPreferences, quiet_end_row);
  gtk_widget_class_bind_template_child (widget_class, CrmReminderPreferences, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReminderPreferences, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, lead_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, times_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, background_changed_cb);
}

static void
crm_reminder_preferences_init (CrmReminderPreferences *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
}

CrmReminderPreferences *
crm_reminder_preferences_new (CrmContext *context)
{
  CrmReminderPreferences *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_REMINDER_PREFERENCES, NULL);
  self->context = g_object_ref (context);
  load (self);
  return self;
}
