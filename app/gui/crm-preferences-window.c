/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-preferences-window"

#include <glib/gi18n.h>

#include "crm-hours-preferences.h"
#include "crm-playbook-preferences.h"
#include "crm-preferences-window.h"
#include "crm-reminder-preferences.h"
#include "crm-sla-preferences.h"
#include "crm-store-customers.h"

struct _CrmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template widgets */
  AdwEntryRow *member_name_row;
  AdwComboRow *member_role_row;
  GtkListBox  *members_list;

  /* owned */
  CrmContext  *context;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
reload_members (CrmPreferencesWindow *self)
{
  g_autoptr(GPtrArray) members = crm_store_list_team_members (crm_context_get_store (self->context));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->members_list))) != NULL)
    gtk_list_box_remove (self->members_list, child);

  if (members->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No team members yet"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->members_list, row);
      return;
    }

  for (guint i = 0; i < members->len; i++)
    {
      CrmTeamMember *member = members->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_team_member_get_name (member));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), crm_member_role_to_string (crm_team_member_get_role (member)));
      gtk_list_box_append (self->members_list, row);
    }
}

static void
add_member_cb (CrmPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->member_name_row));

  if (crm_store_add_team_member (crm_context_get_store (self->context), name,
                                 adw_combo_row_get_selected (self->member_role_row), &error) == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->member_name_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->member_name_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->member_name_row), "");
}

static void
store_changed_cb (CrmPreferencesWindow *self,
                  int                   kind,
                  gint64                id,
                  CrmStore             *store)
{
  if (kind == CRM_CHANGE_TEAM || kind == CRM_CHANGE_ALL)
    reload_members (self);
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, member_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, member_role_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, members_list);
  gtk_widget_class_bind_template_callback (widget_class, add_member_cb);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < CRM_N_MEMBER_ROLES; i++)
    gtk_string_list_append (roles, crm_member_role_to_string (i));
  adw_combo_row_set_model (self->member_role_row, G_LIST_MODEL (roles));
}

CrmPreferencesWindow *
crm_preferences_window_new (CrmContext *context)
{
  CrmPreferencesWindow *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (crm_context_get_store (context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload_members (self);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (crm_sla_preferences_new (context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (crm_hours_preferences_new (context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (crm_playbook_preferences_new (context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (crm_reminder_preferences_new (context)));

  return self;
}
