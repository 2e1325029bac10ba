/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-card"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-ticket-card.h"
#include "crm-tooltip.h"

struct _CrmTicketCard
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkLabel  *level_label;
  GtkLabel  *code_label;
  GtkLabel  *category_label;
  GtkLabel  *title_label;
  GtkLabel  *customer_label;
  GtkLabel  *clock_label;
  GtkLabel  *assignee_label;

  /* owned */
  CrmTicket *ticket;
};

G_DEFINE_FINAL_TYPE (CrmTicketCard, crm_ticket_card, GTK_TYPE_WIDGET)

static const char *clock_styles[] = { "on-track", "at-risk", "breached", "paused", "met" };

char *
crm_ticket_clock_describe (CrmTicket   *ticket,
                           gint64       now,
                           const char **style)
{
  CrmTicketClock clock;
  g_autofree char *due = NULL;

  g_return_val_if_fail (CRM_IS_TICKET (ticket), NULL);

  crm_ticket_get_clock (ticket, now, &clock);
  switch (clock.state)
    {
    case CRM_SLA_MET:
      *style = "met";
      if (crm_ticket_get_confirmed_at (ticket) != 0)
        return g_strdup (_("Confirmed by the customer"));
      if (crm_ticket_get_status (ticket) == CRM_TICKET_CLOSED)
        return g_strdup (_("Closed without confirmation"));
      return g_strdup (_("Awaiting confirmation"));
    case CRM_SLA_PAUSED:
      *style = "paused";
      return g_strdup (_("Clock paused — waiting on the customer"));
    case CRM_SLA_BREACHED:
      *style = "breached";
      break;
    case CRM_SLA_AT_RISK:
      *style = "at-risk";
      break;
    case CRM_SLA_ON_TRACK:
    default:
      *style = "on-track";
      break;
    }

  due = crm_format_due (clock.due, now);
  return clock.response
         /* Translators: the first-response deadline of a ticket: "Response in 35 min", "Response overdue by 2 h" */
         ? g_strdup_printf (_("Response %s"), due)
         /* Translators: the resolution deadline of a ticket: "Resolution in 3 h", "Resolution overdue by 1 day" */
         : g_strdup_printf (_("Resolution %s"), due);
}

void
crm_ticket_card_update_clock (CrmTicketCard *self,
                              gint64         now)
{
  g_autofree char *text = NULL;
  const char *style = NULL;

  g_return_if_fail (CRM_IS_TICKET_CARD (self));

  if (self->ticket == NULL)
    return;

  text = crm_ticket_clock_describe (self->ticket, now, &style);
  gtk_label_set_label (self->clock_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (clock_styles); i++)
    if (g_strcmp0 (clock_styles[i], style) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (self->clock_label), clock_styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->clock_label), style);

  /* the whole card as one sentence for screen readers */
  {
    g_autofree char *sentence = g_strdup_printf ("%s, %s, %s: %s. %s",
                                                 crm_ticket_level_to_string (crm_ticket_get_level (self->ticket)),
                                                 crm_ticket_get_code (self->ticket),
                                                 crm_ticket_get_customer_name (self->ticket),
                                                 crm_ticket_get_title (self->ticket), text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  }
}

void
crm_ticket_card_set_ticket (CrmTicketCard *self,
                            CrmTicket     *ticket,
                            gint64         now)
{
  static const char *level_styles[] = { NULL, "level-1", "level-2", "level-3" };
  int level;

  g_return_if_fail (CRM_IS_TICKET_CARD (self));

  g_set_object (&self->ticket, ticket);
  if (ticket == NULL)
    return;

  level = CLAMP (crm_ticket_get_level (ticket), 1, 3);
  for (int l = 1; l <= 3; l++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->level_label), level_styles[l]);
  gtk_widget_add_css_class (GTK_WIDGET (self->level_label), level_styles[level]);
  {
    /* Translators: the short level badge on a ticket card, "L1" */
    g_autofree char *badge = g_strdup_printf (_("L%d"), level);

    gtk_label_set_label (self->level_label, badge);
    crm_tooltip_set (GTK_WIDGET (self->level_label), crm_ticket_level_to_string (level));
  }
  gtk_label_set_label (self->code_label, crm_ticket_get_code (ticket));
  gtk_label_set_label (self->category_label, crm_ticket_category_to_string (crm_ticket_get_category (ticket)));
  gtk_label_set_label (self->title_label, crm_ticket_get_title (ticket));
  gtk_label_set_label (self->customer_label, crm_ticket_get_customer_name (ticket));
  gtk_label_set_label (self->assignee_label,
                       crm_ticket_get_assignee_name (ticket) != NULL ? crm_ticket_get_assignee_name (ticket)
                                                                      /* Translators: a ticket nobody is assigned to */
                                                                      : _("Unassigned"));
  crm_ticket_card_update_clock (self, now);
}

CrmTicket *
crm_ticket_card_get_ticket (CrmTicketCard *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_CARD (self), NULL);
  return self->ticket;
}

GtkWidget *
crm_ticket_card_new (void)
{
  return g_object_new (CRM_TYPE_TICKET_CARD, NULL);
}

static void
crm_ticket_card_dispose (GObject *object)
{
  CrmTicketCard *self = CRM_TICKET_CARD (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->ticket);

  G_OBJECT_CLASS (crm_ticket_card_parent_class)->dispose (object);
}

static void
crm_ticket_card_class_init (CrmTicketCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-ticket-card.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, box);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, level_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, code_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, category_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, clock_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketCard, assignee_label);
}

static void
crm_ticket_card_init (CrmTicketCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
