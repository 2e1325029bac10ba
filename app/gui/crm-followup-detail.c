/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-followup-detail"

#include <glib/gi18n.h>

#include "crm-followup-complete.h"
#include "crm-followup-detail.h"
#include "crm-followup-editor.h"
#include "crm-format.h"
#include "crm-playbook.h"
#include "crm-store-followups.h"
#include "crm-window.h"

struct _CrmFollowupDetail
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *outcome_group;
  AdwPreferencesGroup *origin_group;
  GtkWidget           *edit_button;
  GtkWidget           *delete_button;
  GtkWidget           *complete_button;
  GtkWidget           *skip_button;

  /* owned */
  CrmContext          *context;
  GPtrArray           *rows;        /* (group, row) pairs shown now */
  gint64               followup_id;
  gint64               customer_id;
};

G_DEFINE_FINAL_TYPE (CrmFollowupDetail, crm_followup_detail, ADW_TYPE_WINDOW)

static void
clear_rows (CrmFollowupDetail *self)
{
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (self->rows->pdata[i], self->rows->pdata[i + 1]);
  g_ptr_array_set_size (self->rows, 0);
}

/* A row "Title        value"; nothing for an empty value */
static GtkWidget *
add_row (CrmFollowupDetail   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row, *label;

  if (value == NULL || *value == '\0')
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  label = gtk_label_new (value);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* the value is read with the title */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, group);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
customer_activated_cb (CrmFollowupDetail *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  while (parent != NULL && !CRM_IS_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);
  if (parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-customer", "x", self->customer_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
reload (CrmFollowupDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFollowup) f = crm_store_get_followup (crm_context_get_store (self->context), self->followup_id,
                                                     &error);
  g_autofree char *customer = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *satisfaction = NULL;
  gboolean open;
  GtkWidget *row;

  if (f == NULL)
    {
      /* deleted (here or elsewhere) */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  clear_rows (self);
  self->customer_id = f->customer_id;
  open = f->status == CRM_FOLLOWUP_PLANNED;

  customer = f->customer_code != NULL ? g_strdup_printf ("%s  %s", f->customer_name, f->customer_code)
                                      : g_strdup (f->customer_name);
  row = add_row (self, self->details_group, _("Customer"), customer);
  if (row != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_widget_set_tooltip_text (row, _("Open the customer’s profile"));
      g_signal_connect_object (row, "activated", G_CALLBACK (customer_activated_cb), self, G_CONNECT_SWAPPED);
    }
  add_row (self, self->details_group, _("Kind"), crm_followup_kind_to_string (f->kind));
  add_row (self, self->details_group, _("Item"), f->item);
  row = add_row (self, self->details_group, _("Status"), crm_followup_state_to_string (f->state));
  if (row != NULL && f->state == CRM_FOLLOWUP_STATE_OVERDUE)
    gtk_widget_add_css_class (row, "error");
  planned = crm_format_datetime (f->planned_at);
  add_row (self, self->details_group, _("Planned Time"), planned);
  add_row (self, self->details_group, _("Owner"), f->owner_name != NULL ? f->owner_name : C_("owner", "Nobody"));
  add_row (self, self->details_group, _("Notes"), f->notes);

  actual = f->actual_at != 0 ? crm_format_datetime (f->actual_at) : NULL;
  add_row (self, self->outcome_group, _("Result"), f->result);
  add_row (self, self->outcome_group, _("Done At"), actual);
  if (f->satisfaction > 0)
    satisfaction = g_strdup_printf ("%d / 5", f->satisfaction);
  add_row (self, self->outcome_group, _("Satisfaction"), satisfaction);
  add_row (self, self->outcome_group, _("Next Step"), f->next_step);
  add_row (self, self->outcome_group, _("Why It Was Late"), f->late_reason);
  add_row (self, self->outcome_group, _("Why It Was Skipped"), f->skip_reason);

  if (f->rule_key != NULL)
    {
      const char *title = crm_playbook_rule_title (f->rule_key);

      add_row (self, self->origin_group, _("Made by Rule"), title != NULL ? title : f->rule_key);
      add_row (self, self->origin_group, _("Why"), f->rule_reason);
    }
  if (f->previous_id != 0)
    add_row (self, self->origin_group, _("Made As"), _("The next step of an earlier follow-up"));

  gtk_widget_set_visible (GTK_WIDGET (self->outcome_group), f->status != CRM_FOLLOWUP_PLANNED);
  gtk_widget_set_visible (GTK_WIDGET (self->origin_group), f->rule_key != NULL || f->previous_id != 0);
  gtk_widget_set_visible (self->complete_button, open);
  gtk_widget_set_visible (self->skip_button, open);
}

static void
store_changed_cb (CrmFollowupDetail *self,
                  int                kind,
                  gint64             id)
{
  if (kind == CRM_CHANGE_FOLLOWUP && (id == 0 || id == self->followup_id))
    reload (self);
  else if (kind == CRM_CHANGE_CUSTOMER || kind == CRM_CHANGE_TEAM)
    reload (self);
}

static void
edit_clicked_cb (CrmFollowupDetail *self)
{
  CrmFollowupEditor *editor = crm_followup_editor_new (self->context, 0, self->followup_id);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
complete_clicked_cb (CrmFollowupDetail *self)
{
  crm_followup_complete_ask (GTK_WIDGET (self), self->context, self->followup_id);
}

static void
skip_clicked_cb (CrmFollowupDetail *self)
{
  crm_followup_skip_ask (GTK_WIDGET (self), self->context, self->followup_id);
}

static void
delete_clicked_cb (CrmFollowupDetail *self)
{
  /* the toast goes to the main window: this one closes as the follow-up goes */
  g_object_ref (self);
  crm_followup_delete_with_undo (GTK_WIDGET (self), self->context, self->followup_id);
  g_object_unref (self);
}

gint64
crm_followup_detail_get_followup_id (CrmFollowupDetail *self)
{
  g_return_val_if_fail (CRM_IS_FOLLOWUP_DETAIL (self), 0);
  return self->followup_id;
}

static void
crm_followup_detail_dispose (GObject *object)
{
  CrmFollowupDetail *self = CRM_FOLLOWUP_DETAIL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_FOLLOWUP_DETAIL);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_followup_detail_parent_class)->dispose (object);
}

static void
crm_followup_detail_class_init (CrmFollowupDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_followup_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-followup-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, details_group);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, origin_group);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, complete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmFollowupDetail, skip_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, complete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_followup_detail_init (CrmFollowupDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

CrmFollowupDetail *
crm_followup_detail_present (GtkWidget  *parent,
                             CrmContext *context,
                             gint64      id)
{
  CrmFollowupDetail *self;
  GtkWidget *window;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = g_object_new (CRM_TYPE_FOLLOWUP_DETAIL, NULL);
  self->context = g_object_ref (context);
  self->followup_id = id;
  window = parent != NULL ? gtk_widget_get_ancestor (parent, GTK_TYPE_WINDOW) : NULL;
  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (window));
  g_signal_connect_object (crm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
