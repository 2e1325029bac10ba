/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-timeline-row"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-timeline-row.h"
#include "crm-tooltip.h"

struct _CrmTimelineRow
{
  GtkWidget  parent_instance;

  GtkLabel  *day_label;
  GtkLabel  *time_label;
  GtkImage  *channel_image;
  GtkLabel  *customer_label;
  GtkLabel  *contact_label;
  GtkLabel  *satisfaction_label;
  GtkLabel  *subject_label;
  GtkLabel  *summary_label;
  GtkLabel  *feedback_label;
  GtkLabel  *details_label;
};

G_DEFINE_FINAL_TYPE (CrmTimelineRow, crm_timeline_row, GTK_TYPE_WIDGET)

static void
set_optional (GtkLabel   *label,
              const char *text)
{
  gboolean has = text != NULL && *text != '\0';

  gtk_label_set_label (label, has ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has);
}

void
crm_timeline_row_set_interaction (CrmTimelineRow *self,
                                  CrmInteraction *it,
                                  const char     *day_heading)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  g_autofree char *stars = NULL;
  g_autofree char *feedback = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *accessible = NULL;
  int satisfaction;
  CrmChannel channel;

  g_return_if_fail (CRM_IS_TIMELINE_ROW (self));
  g_return_if_fail (CRM_IS_INTERACTION (it));

  set_optional (self->day_label, day_heading);

  local = crm_date_time_new_local (crm_interaction_get_occurred_at (it));
  time = g_date_time_format (local, "%H:%M");
  gtk_label_set_label (self->time_label, time);

  channel = crm_interaction_get_channel (it);
  gtk_image_set_from_icon_name (self->channel_image, crm_channel_icon_name (channel));
  crm_tooltip_set (GTK_WIDGET (self->channel_image), crm_channel_to_string (channel));

  gtk_label_set_label (self->customer_label, crm_interaction_get_customer_name (it));
  /* a person's own name is not repeated as the contact */
  set_optional (self->contact_label,
                g_strcmp0 (crm_interaction_get_contact_name (it), crm_interaction_get_customer_name (it)) != 0
                ? crm_interaction_get_contact_name (it) : NULL);

  satisfaction = crm_interaction_get_satisfaction (it);
  if (satisfaction > 0)
    {
      GString *s = g_string_new (NULL);

      for (int i = 1; i <= 5; i++)
        g_string_append (s, i <= satisfaction ? "★" : "☆");
      stars = g_string_free (s, FALSE);
    }
  set_optional (self->satisfaction_label, stars);
  if (stars != NULL)
    {
      /* Translators: satisfaction read by a screen reader, "4 of 5" */
      g_autofree char *text = g_strdup_printf (_("Satisfaction %d of 5"), satisfaction);

      crm_tooltip_set (GTK_WIDGET (self->satisfaction_label), text);
    }

  gtk_label_set_label (self->subject_label, crm_interaction_get_subject (it));
  set_optional (self->summary_label, crm_interaction_get_summary (it));

  if (crm_interaction_get_feedback (it) != NULL)
    feedback = crm_interaction_get_category_name (it) != NULL
               /* Translators: customer feedback with its category: "Price objection: too expensive" */
               ? g_strdup_printf (_("%s: %s"), crm_interaction_get_category_name (it), crm_interaction_get_feedback (it))
               : g_strdup (crm_interaction_get_feedback (it));
  set_optional (self->feedback_label, feedback);

  if (crm_interaction_get_next_action (it) != NULL)
    {
      g_autofree char *due = crm_format_date (crm_interaction_get_next_action_due (it));

      /* Translators: the next action and its date: "Next: send the quote, 2026-11-25" */
      g_string_append_printf (details, _("Next: %s, %s"), crm_interaction_get_next_action (it), due);
    }
  if (crm_interaction_get_participants (it) != NULL)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      /* Translators: who took part */
      g_string_append_printf (details, _("With %s"), crm_interaction_get_participants (it));
    }
  if (crm_interaction_get_owner_name (it) != NULL)
    {
      if (details->len > 0)
        g_string_append (details, " · ");
      /* Translators: who logged the interaction: "by Li Na" */
      g_string_append_printf (details, _("by %s"), crm_interaction_get_owner_name (it));
    }
  set_optional (self->details_label, details->str);

  /* one sentence for screen readers */
  accessible = g_strdup_printf ("%s %s, %s, %s: %s", day_heading != NULL ? day_heading : "", time,
                                crm_channel_to_string (channel), crm_interaction_get_customer_name (it),
                                crm_interaction_get_subject (it));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, g_strstrip (accessible), -1);
}

GtkWidget *
crm_timeline_row_new (void)
{
  return g_object_new (CRM_TYPE_TIMELINE_ROW, NULL);
}

static void
crm_timeline_row_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_TIMELINE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_timeline_row_parent_class)->dispose (object);
}

static void
crm_timeline_row_class_init (CrmTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_timeline_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-timeline-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timelinerow");
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, channel_image);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, contact_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, satisfaction_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTimelineRow, details_label);
}

static void
crm_timeline_row_init (CrmTimelineRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
