/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-detail-page"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-store-customers.h"
#include "crm-store-tickets.h"
#include "crm-ticket-detail-page.h"
#include "crm-ticket-resolve.h"
#include "crm-window.h"

/* how often the SLA clocks move on while the page is shown */
#define CLOCK_INTERVAL_SECONDS 30

struct _CrmTicketDetailPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkScrolledWindow   *scroller;
  GtkLabel            *subtitle_label;
  GtkLabel            *title_label;
  GtkLabel            *level_label;
  GtkLabel            *status_label;
  GtkLabel            *category_label;
  GtkLabel            *breached_label;
  GtkWidget           *response_card;
  GtkLabel            *response_state_label;
  GtkLabel            *response_due_label;
  GtkWidget           *resolution_card;
  GtkLabel            *resolution_state_label;
  GtkLabel            *resolution_due_label;
  GtkWidget           *actions_box;
  GtkWidget           *respond_button;
  GtkWidget           *resolve_button;
  GtkWidget           *confirm_button;
  GtkWidget           *close_button;
  GtkWidget           *reopen_button;
  GtkMenuButton       *move_button;
  AdwActionRow        *customer_row;
  GtkLabel            *customer_value_label;
  GtkLabel            *contact_value_label;
  GtkLabel            *assignee_value_label;
  GtkMenuButton       *reassign_button;
  GtkLabel            *department_value_label;
  AdwActionRow        *level_row;
  GtkLabel            *level_value_label;
  GtkMenuButton       *level_button;
  GtkLabel            *created_value_label;
  GtkWidget           *closed_row;
  GtkLabel            *closed_value_label;
  GtkWidget           *confirmed_row;
  GtkLabel            *confirmed_value_label;
  GtkLabel            *description_label;
  GtkWidget           *resolution_group;
  GtkLabel            *resolution_label;
  GtkWidget           *compensation_box;
  GtkLabel            *compensation_label;
  AdwPreferencesGroup *history_group;

  /* owned */
  CrmContext          *context;
  CrmTicketDetail     *detail;
  GPtrArray           *history_rows;   /* the rows added to history_group */
  GMenu               *move_menu;
  GMenu               *reassign_menu;
  GMenu               *level_menu;
  char                *title;
  gint64               ticket_id;
  guint                clock_source;
  gboolean             dirty;          /* changed while not mapped: reload on map */
};

G_DEFINE_FINAL_TYPE (CrmTicketDetailPage, crm_ticket_detail_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- text ---- */

static const char *
department_to_string (int department)
{
  switch (department)
    {
    case 0:  return C_("department", "Technical");
    case 1:  return C_("department", "Product");
    case 2:  return C_("department", "After-sales");
    default: return C_("department", "None");
    }
}

/* "in 35 min" → "In 35 min" when it stands alone as a line; scripts without
 * case are unchanged. */
static char *
capitalize (char *text)
{
  gunichar first;
  char buffer[6];
  int n;

  if (text == NULL || *text == '\0')
    return text;
  first = g_utf8_get_char (text);
  if (g_unichar_totitle (first) == first)
    return text;
  n = g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  {
    const char *rest = g_utf8_next_char (text);
    char *result = g_strdup_printf ("%.*s%s", n, buffer, rest);

    g_free (text);
    return result;
  }
}

/* How one SLA target stands at @now: the big line, the line under it with the
 * deadline, and the board's style (on-track, at-risk, breached, paused, met).
 * @met_at: when the target was met (the first response, or the resolution), 0 if not. */
static void
describe_target (const CrmSlaTarget  *target,
                 gint64               met_at,
                 gint64               now,
                 char               **state_text,
                 char               **due_text,
                 const char         **style)
{
  g_autofree char *deadline = NULL;

  if (target->due == G_MAXINT64)
    {
      *state_text = g_strdup (_("No deadline"));
      *due_text = g_strdup (_("The working-time calendar has no working hours."));
      *style = "paused";
      return;
    }

  deadline = crm_format_datetime (target->due);
  /* Translators: under an SLA clock, "Due 2026-11-20 14:00" */
  *due_text = g_strdup_printf (_("Due %s"), deadline);

  switch (target->state)
    {
    case CRM_SLA_MET:
      {
        g_autoptr(GDateTime) met = g_date_time_new_from_unix_local (met_at);
        g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (target->due);
        g_autofree char *when = NULL;

        if (g_date_time_get_year (met) == g_date_time_get_year (due) &&
            g_date_time_get_day_of_year (met) == g_date_time_get_day_of_year (due))
          when = g_date_time_format (met, "%H:%M");
        else
          when = crm_format_datetime (met_at);
        /* Translators: an SLA target met in time, "Met at 14:02" (or a date and time) */
        *state_text = g_strdup_printf (_("Met at %s"), when);
        *style = "met";
      }
      break;

    case CRM_SLA_BREACHED:
      if (met_at != 0)
        {
          g_autofree char *span = crm_format_span (met_at - target->due);

          /* Translators: an SLA target met after its deadline, "Met 20 min late" */
          *state_text = g_strdup_printf (_("Met %s late"), span);
        }
      else
        *state_text = capitalize (crm_format_due (target->due, now));
      *style = "breached";
      break;

    case CRM_SLA_PAUSED:
      {
        g_autofree char *span = crm_format_span (target->due - now);

        *state_text = g_strdup (_("Paused — waiting on the customer"));
        g_free (*due_text);
        /* Translators: under a paused SLA clock, "2 h 10 min left when it resumes" */
        *due_text = g_strdup_printf (_("%s left when it resumes"), span);
        *style = "paused";
      }
      break;

    case CRM_SLA_AT_RISK:
      *state_text = capitalize (crm_format_due (target->due, now));
      g_free (*due_text);
      /* Translators: under an SLA clock with 80% of its time used, "Due 2026-11-20 14:00 · at risk" */
      *due_text = g_strdup_printf (_("Due %s · at risk"), deadline);
      *style = "at-risk";
      break;

    case CRM_SLA_ON_TRACK:
    default:
      *state_text = capitalize (crm_format_due (target->due, now));
      *style = "on-track";
      break;
    }
}

/* ---- errors ---- */

static void
show_error (CrmTicketDetailPage *self,
            const GError        *error)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), CRM_TYPE_WINDOW);

  if (window != NULL)
    crm_window_add_toast (CRM_WINDOW (window), adw_toast_new (error->message));
  else
    g_message ("%s", error->message);
}

/* ---- the page ---- */

static const char *clock_styles[] = { "on-track", "at-risk", "breached", "paused", "met" };

static void
show_target (GtkLabel           *state_label,
             GtkLabel           *due_label,
             GtkWidget          *card,
             const CrmSlaTarget *target,
             gint64              met_at,
             gint64              now)
{
  g_autofree char *state = NULL;
  g_autofree char *due = NULL;
  const char *style = NULL;

  describe_target (target, met_at, now, &state, &due, &style);
  gtk_label_set_label (state_label, state);
  gtk_label_set_label (due_label, due);
  for (guint i = 0; i < G_N_ELEMENTS (clock_styles); i++)
    {
      gboolean on = g_str_equal (clock_styles[i], style);

      if (on)
        {
          gtk_widget_add_css_class (GTK_WIDGET (state_label), clock_styles[i]);
          gtk_widget_add_css_class (card, clock_styles[i]);
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (state_label), clock_styles[i]);
          gtk_widget_remove_css_class (card, clock_styles[i]);
        }
    }
}

static void
show_clocks (CrmTicketDetailPage *self,
             gint64               now)
{
  const CrmTicketDetail *d = self->detail;

  if (d == NULL)
    return;
  /* a resolution answers the customer too */
  show_target (self->response_state_label, self->response_due_label, self->response_card, &d->sla.response,
               d->first_response_at != 0 ? d->first_response_at : d->resolved_at, now);
  show_target (self->resolution_state_label, self->resolution_due_label, self->resolution_card,
               &d->sla.resolution, d->resolved_at, now);
}

static void
clear_history (CrmTicketDetailPage *self)
{
  for (guint i = 0; i < self->history_rows->len; i++)
    adw_preferences_group_remove (self->history_group, self->history_rows->pdata[i]);
  g_ptr_array_set_size (self->history_rows, 0);
}

static const char *
event_icon_name (CrmTicketEventKind kind)
{
  switch (kind)
    {
    case CRM_TICKET_EVENT_CREATED:      return "document-new-symbolic";
    case CRM_TICKET_EVENT_RESPONSE:     return "mail-reply-sender-symbolic";
    case CRM_TICKET_EVENT_STATUS:       return "media-playlist-consecutive-symbolic";
    case CRM_TICKET_EVENT_COMMENT:      return "user-available-symbolic";   /* a speech bubble */
    case CRM_TICKET_EVENT_REASSIGN:     return "avatar-default-symbolic";
    case CRM_TICKET_EVENT_LEVEL:        return "emblem-important-symbolic";
    case CRM_TICKET_EVENT_ESCALATION:   return "dialog-warning-symbolic";
    case CRM_TICKET_EVENT_RESOLUTION:   return "object-select-symbolic";
    case CRM_TICKET_EVENT_CONFIRMATION: return "emblem-ok-symbolic";
    case CRM_TICKET_EVENT_REOPEN:       return "edit-undo-symbolic";
    default:                            return "view-list-bullet-symbolic";
    }
}

static void
add_history_row (CrmTicketDetailPage  *self,
                 const CrmTicketEvent *event)
{
  g_autofree char *title = crm_ticket_event_describe (event);
  g_autofree char *when = crm_format_datetime (event->at);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (event_icon_name (event->kind));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (event->note != NULL && *event->note != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), event->note);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  gtk_widget_add_css_class (row, "ticket-event");
  if (event->kind == CRM_TICKET_EVENT_ESCALATION)
    gtk_widget_add_css_class (row, "escalation");

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_ticket_event_kind_to_string (event->kind), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (event->actor_name != NULL)
    {
      label = gtk_label_new (event->actor_name);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  label = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  g_ptr_array_add (self->history_rows, row);
  adw_preferences_group_add (self->history_group, row);
}

static void
show_history (CrmTicketDetailPage *self)
{
  const CrmTicketDetail *d = self->detail;

  clear_history (self);
  if (d == NULL)
    return;
  /* oldest first: the case reads as a story, each step following the one before */
  for (guint i = 0; i < d->events->len; i++)
    add_history_row (self, d->events->pdata[i]);
}

/* The moves the store allows from where the ticket is: any other open column,
 * Resolved through the resolution form (not from Closed), Closed only once resolved. */
static gboolean
move_allowed (CrmTicketStatus from,
              CrmTicketStatus to)
{
  if (from == to)
    return FALSE;
  if (to == CRM_TICKET_CLOSED)
    return from == CRM_TICKET_RESOLVED;
  if (to == CRM_TICKET_RESOLVED)
    return from != CRM_TICKET_CLOSED;
  return TRUE;
}

static void
update_menus (CrmTicketDetailPage *self)
{
  const CrmTicketDetail *d = self->detail;
  g_autoptr(GMenu) level_section = NULL;

  g_menu_remove_all (self->move_menu);
  g_menu_remove_all (self->reassign_menu);
  g_menu_remove_all (self->level_menu);
  if (d == NULL)
    return;

  for (int status = 0; status < CRM_N_TICKET_STATUSES; status++)
    if (move_allowed (d->status, status))
      {
        g_autoptr(GMenuItem) item = NULL;
        g_autofree char *label = NULL;

        /* Resolved asks how it was solved first */
        label = status == CRM_TICKET_RESOLVED ? g_strdup_printf ("%s…", crm_ticket_status_to_string (status))
                                              : g_strdup (crm_ticket_status_to_string (status));
        item = g_menu_item_new (label, NULL);
        g_menu_item_set_action_and_target_value (item, "ticket.move", g_variant_new_int32 (status));
        g_menu_append_item (self->move_menu, item);
      }

  {
    g_autoptr(GPtrArray) members = crm_store_list_team_members (crm_context_get_store (self->context));

    for (guint i = 0; members != NULL && i < members->len; i++)
      {
        CrmTeamMember *member = members->pdata[i];
        g_autoptr(GMenuItem) item = NULL;
        g_autofree char *label = NULL;

        if (crm_team_member_get_id (member) == d->assignee_id)
          continue;
        /* Translators: a team member in the Reassign menu, "Wang Fang (Supervisor)" */
        label = g_strdup_printf (C_("member and role", "%s (%s)"), crm_team_member_get_name (member),
                                 crm_member_role_to_string (crm_team_member_get_role (member)));
        item = g_menu_item_new (label, NULL);
        g_menu_item_set_action_and_target_value (item, "ticket.reassign",
                                                 g_variant_new_int64 (crm_team_member_get_id (member)));
        g_menu_append_item (self->reassign_menu, item);
      }
    gtk_widget_set_sensitive (GTK_WIDGET (self->reassign_button),
                              g_menu_model_get_n_items (G_MENU_MODEL (self->reassign_menu)) > 0);
  }

  level_section = g_menu_new ();
  for (int level = 1; level <= 3; level++)
    if (level != d->level)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (crm_ticket_level_to_string (level), NULL);

        g_menu_item_set_action_and_target_value (item, "ticket.set-level", g_variant_new_int32 (level));
        g_menu_append_item (level_section, item);
      }
  g_menu_append_section (self->level_menu, _("The deadlines are recomputed"), G_MENU_MODEL (level_section));
}

/* When the step that had the focus goes away (Close, once closed), the focus
 * moves to the next expected step, else the first one shown. */
static void
focus_next_step (CrmTicketDetailPage *self)
{
  GtkWidget *first = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (self->actions_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_is_sensitive (child))
        continue;
      if (gtk_widget_has_css_class (child, "suggested-action"))
        {
          gtk_widget_grab_focus (child);
          return;
        }
      if (first == NULL)
        first = child;
    }
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

/* Which steps make sense for the ticket's status. */
static void
update_actions (CrmTicketDetailPage *self)
{
  const CrmTicketDetail *d = self->detail;
  gboolean loaded = d != NULL;
  gboolean is_open = loaded && d->status <= CRM_TICKET_WAITING;
  gboolean is_done = loaded && (d->status == CRM_TICKET_RESOLVED || d->status == CRM_TICKET_CLOSED);
  gboolean can_confirm = is_done && d->confirmed_at == 0;
  gboolean can_close = loaded && d->status == CRM_TICKET_RESOLVED;
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *focus_child = gtk_widget_get_focus_child (self->actions_box);

  gtk_widget_action_set_enabled (widget, "ticket.respond", is_open);
  gtk_widget_action_set_enabled (widget, "ticket.comment", loaded);
  gtk_widget_action_set_enabled (widget, "ticket.move", loaded);
  gtk_widget_action_set_enabled (widget, "ticket.move-menu", loaded);
  gtk_widget_action_set_enabled (widget, "ticket.resolve", is_open);
  gtk_widget_action_set_enabled (widget, "ticket.confirm", can_confirm);
  gtk_widget_action_set_enabled (widget, "ticket.close", can_close);
  gtk_widget_action_set_enabled (widget, "ticket.reopen", is_done);
  gtk_widget_action_set_enabled (widget, "ticket.reassign", is_open);
  gtk_widget_action_set_enabled (widget, "ticket.reassign-menu", is_open);
  gtk_widget_action_set_enabled (widget, "ticket.set-level", is_open);
  gtk_widget_action_set_enabled (widget, "ticket.level-menu", is_open);
  gtk_widget_action_set_enabled (widget, "ticket.edit", loaded);
  gtk_widget_action_set_enabled (widget, "ticket.show-customer", loaded);

  /* the toolbar shows the steps that apply; the next expected one stands out */
  gtk_widget_set_visible (self->respond_button, is_open);
  gtk_widget_set_visible (self->resolve_button, is_open);
  gtk_widget_set_visible (self->confirm_button, can_confirm);
  gtk_widget_set_visible (self->close_button, can_close);
  gtk_widget_set_visible (self->reopen_button, is_done);
  gtk_widget_set_visible (GTK_WIDGET (self->move_button), loaded);
  gtk_widget_set_visible (GTK_WIDGET (self->reassign_button), is_open);
  gtk_widget_set_visible (GTK_WIDGET (self->level_button), is_open);
  /* said where the level can be changed */
  adw_action_row_set_subtitle (self->level_row,
                               is_open
                               ? _("Changing the level recomputes both deadlines from the ticket’s creation.")
                               : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), loaded);
  gtk_widget_set_sensitive (self->actions_box, loaded);

  if (is_open && d->first_response_at == 0)
    {
      gtk_widget_add_css_class (self->respond_button, "suggested-action");
      gtk_widget_remove_css_class (self->resolve_button, "suggested-action");
    }
  else
    {
      gtk_widget_remove_css_class (self->respond_button, "suggested-action");
      if (is_open)
        gtk_widget_add_css_class (self->resolve_button, "suggested-action");
      else
        gtk_widget_remove_css_class (self->resolve_button, "suggested-action");
    }
  if (can_confirm)
    gtk_widget_add_css_class (self->confirm_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->confirm_button, "suggested-action");
  if (can_close && !can_confirm)
    gtk_widget_add_css_class (self->close_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->close_button, "suggested-action");

  if (focus_child != NULL && !gtk_widget_get_visible (focus_child))
    focus_next_step (self);
}

static void
set_title (CrmTicketDetailPage *self,
           const char          *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_value (GtkLabel   *label,
           const char *value,
           const char *fallback)
{
  gboolean empty = value == NULL || *value == '\0';

  gtk_label_set_label (label, empty ? fallback : value);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

static void
set_time_value (GtkLabel   *label,
                gint64      when,
                const char *fallback)
{
  g_autofree char *text = when != 0 ? crm_format_datetime (when) : NULL;

  set_value (label, text, fallback);
}

static void
show_detail (CrmTicketDetailPage *self,
             gint64               now)
{
  static const char *level_styles[] = { "level-1", "level-2", "level-3" };
  const CrmTicketDetail *d = self->detail;
  int level = CLAMP (d->level, 1, 3);

  set_title (self, d->code);

  /* header */
  {
    g_autofree char *subtitle = g_strdup_printf ("%s · %s", d->code, d->customer_name);

    gtk_label_set_label (self->subtitle_label, subtitle);
  }
  gtk_label_set_label (self->title_label, d->title);
  gtk_label_set_label (self->level_label, crm_ticket_level_to_string (level));
  for (guint i = 0; i < G_N_ELEMENTS (level_styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->level_label), level_styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->level_label), level_styles[level - 1]);
  gtk_label_set_label (self->status_label, crm_ticket_status_to_string (d->status));
  gtk_label_set_label (self->category_label, crm_ticket_category_to_string (d->category));
  gtk_widget_set_visible (GTK_WIDGET (self->breached_label), d->breached);
  show_clocks (self, now);

  /* details */
  {
    g_autofree char *customer = d->customer_code != NULL
                                ? g_strdup_printf ("%s · %s", d->customer_name, d->customer_code)
                                : g_strdup (d->customer_name);
    /* Translators: the accessible name of the customer row on a ticket, "Open the profile of 上海致汇…" */
    g_autofree char *open = g_strdup_printf (_("Customer %s: open the profile"), customer);

    gtk_label_set_label (self->customer_value_label, customer);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->customer_row), GTK_ACCESSIBLE_PROPERTY_LABEL, open, -1);
  }
  set_value (self->contact_value_label, d->contact_name, C_("contact", "None"));
  /* Translators: a ticket nobody is assigned to */
  set_value (self->assignee_value_label, d->assignee_name, _("Unassigned"));
  set_value (self->department_value_label, d->department >= 0 ? department_to_string (d->department) : NULL,
             department_to_string (-1));
  gtk_label_set_label (self->level_value_label, crm_ticket_level_to_string (level));
  set_time_value (self->created_value_label, d->created_at, NULL);
  gtk_widget_set_visible (self->closed_row, d->closed_at != 0);
  set_time_value (self->closed_value_label, d->closed_at, NULL);
  /* asked for once it is resolved */
  gtk_widget_set_visible (self->confirmed_row, d->confirmed_at != 0 || d->status >= CRM_TICKET_RESOLVED);
  set_time_value (self->confirmed_value_label, d->confirmed_at,
                  /* Translators: the customer has not confirmed the ticket is solved */
                  C_("confirmed", "Not yet"));

  set_value (self->description_label, d->description, _("No description"));

  gtk_widget_set_visible (self->resolution_group, d->resolution != NULL && *d->resolution != '\0');
  gtk_label_set_label (self->resolution_label, d->resolution != NULL ? d->resolution : "");
  gtk_widget_set_visible (self->compensation_box, d->compensation != NULL && *d->compensation != '\0');
  gtk_label_set_label (self->compensation_label, d->compensation != NULL ? d->compensation : "");

  show_history (self);
  update_menus (self);
  update_actions (self);
}

void
crm_ticket_detail_page_reload (CrmTicketDetailPage *self)
{
  g_autoptr(GError) error = NULL;
  CrmTicketDetail *detail;
  CrmStore *store;

  g_return_if_fail (CRM_IS_TICKET_DETAIL_PAGE (self));

  self->dirty = FALSE;
  if (self->context == NULL || self->ticket_id == 0)
    return;

  store = crm_context_get_store (self->context);
  detail = crm_store_load_ticket_detail (store, self->ticket_id, &error);
  g_clear_pointer (&self->detail, crm_ticket_detail_free);
  if (detail == NULL)
    {
      gtk_label_set_label (self->title_label, error->message);
      gtk_label_set_label (self->subtitle_label, "");
      clear_history (self);
      update_menus (self);
      update_actions (self);
      return;
    }
  self->detail = detail;
  show_detail (self, crm_store_now (store));
}

/* Every 30 s: the clocks as they stand now. */
static gboolean
clock_tick_cb (gpointer user_data)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (user_data);
  CrmStore *store;
  g_autoptr(GError) error = NULL;
  CrmSlaStatus sla;

  if (self->detail == NULL)
    return G_SOURCE_CONTINUE;
  store = crm_context_get_store (self->context);
  if (!crm_store_get_ticket_sla (store, self->ticket_id, &sla, &error))
    {
      g_debug ("Could not read the ticket’s clock: %s", error->message);
      return G_SOURCE_CONTINUE;
    }
  self->detail->sla = sla;
  show_clocks (self, crm_store_now (store));
  return G_SOURCE_CONTINUE;
}

static void
store_changed_cb (CrmTicketDetailPage *self,
                  int                  kind,
                  gint64               id,
                  CrmStore            *store)
{
  const CrmTicketDetail *d = self->detail;
  gboolean relevant;

  if (self->ticket_id == 0)
    return;

  switch (kind)
    {
    case CRM_CHANGE_TICKET:
      relevant = id == self->ticket_id || id == 0;
      break;
    case CRM_CHANGE_ALL:
    case CRM_CHANGE_TEAM:
    case CRM_CHANGE_SETTINGS:   /* the SLA policies and the working-time calendar */
      relevant = TRUE;
      break;
    case CRM_CHANGE_CUSTOMER:
      relevant = d == NULL || id == 0 || id == d->customer_id;
      break;
    case CRM_CHANGE_CONTACT:
      relevant = d == NULL || id == 0 || (d->contact_id != 0 && id == d->contact_id);
      break;
    default:
      relevant = FALSE;
      break;
    }
  if (!relevant)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    crm_ticket_detail_page_reload (self);
  else
    self->dirty = TRUE;
}

/* ---- the steps ---- */

static CrmStore *
get_store (CrmTicketDetailPage *self)
{
  return crm_context_get_store (self->context);
}

static char *
dialog_text (AdwMessageDialog *dialog)
{
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "buffer");
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
required_text_changed_cb (GtkTextBuffer    *buffer,
                          AdwMessageDialog *dialog)
{
  g_autofree char *text = dialog_text (dialog);
  const char *response = g_object_get_data (G_OBJECT (dialog), "required-response");

  adw_message_dialog_set_response_enabled (dialog, response, *text != '\0');
}

/* A dialog over the window asking for a text (the message to the customer, a
 * comment); @callback gets the dialog and the response. */
static void
ask_text (CrmTicketDetailPage *self,
          const char          *heading,
          const char          *body,
          const char          *label_text,
          const char          *initial,
          const char          *response,
          const char          *response_label,
          gboolean             required,
          GCallback            callback)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 90);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data (G_OBJECT (dialog), "buffer", buffer);
  g_object_set_data (G_OBJECT (dialog), "ticket-id", GSIZE_TO_POINTER ((gsize) self->ticket_id));
  if (initial != NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_set_text (buffer, initial, -1);
      /* typing replaces the usual wording */
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_select_range (buffer, &end, &start);
    }
  if (required)
    {
      g_object_set_data_full (G_OBJECT (dialog), "required-response", g_strdup (response), g_free);
      g_signal_connect (buffer, "changed", G_CALLBACK (required_text_changed_cb), dialog);
      required_text_changed_cb (buffer, ADW_MESSAGE_DIALOG (dialog));
    }
  g_signal_connect_object (dialog, "response", callback, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static gint64
dialog_ticket_id (AdwMessageDialog *dialog)
{
  return (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "ticket-id"));
}

static void
respond_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     CrmTicketDetailPage *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "respond"))
    return;
  text = dialog_text (dialog);
  if (!crm_store_respond_ticket (get_store (self), dialog_ticket_id (dialog), *text != '\0' ? text : NULL, &error))
    show_error (self, error);
}

static void
respond_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);
  g_autofree char *heading = NULL;

  if (self->detail == NULL)
    return;
  /* Translators: the heading of the dialog, "Respond to 上海致汇文化传媒有限公司" */
  heading = g_strdup_printf (_("Respond to %s"), self->detail->customer_name);
  ask_text (self, heading,
            self->detail->first_response_at == 0
            ? _("What the customer is told. The first response stops the response clock.")
            : _("What the customer is told. It is kept in the ticket’s history."),
            _("_Message to the customer"),
            /* Translators: the usual first response to a customer's problem (DOMAIN.md) */
            _("Received, being handled."),
            "respond", _("_Respond"), TRUE, G_CALLBACK (respond_response_cb));
}

static void
comment_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     CrmTicketDetailPage *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "comment"))
    return;
  text = dialog_text (dialog);
  if (!crm_store_comment_ticket (get_store (self), dialog_ticket_id (dialog), text, &error))
    show_error (self, error);
}

static void
comment_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);

  if (self->detail == NULL)
    return;
  ask_text (self, _("Add Comment"),
            _("A note for the team in the ticket’s history; the customer does not see it."),
            _("_Comment"), NULL, "comment", _("_Add Comment"), TRUE, G_CALLBACK (comment_response_cb));
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);

  if (self->detail != NULL)
    crm_ticket_resolve_ask (widget, self->context, self->ticket_id, NULL, self);
}

static void
move_to (CrmTicketDetailPage *self,
         CrmTicketStatus      status)
{
  g_autoptr(GError) error = NULL;

  if (self->detail == NULL)
    return;
  if (status == CRM_TICKET_RESOLVED)
    {
      crm_ticket_resolve_ask (GTK_WIDGET (self), self->context, self->ticket_id, NULL, self);
      return;
    }
  if (!crm_store_move_ticket (get_store (self), self->ticket_id, status, NULL, &error))
    show_error (self, error);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int status = g_variant_get_int32 (parameter);

  if (status >= 0 && status < CRM_N_TICKET_STATUSES)
    move_to (CRM_TICKET_DETAIL_PAGE (widget), (CrmTicketStatus) status);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  move_to (CRM_TICKET_DETAIL_PAGE (widget), CRM_TICKET_CLOSED);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  move_to (CRM_TICKET_DETAIL_PAGE (widget), CRM_TICKET_IN_PROGRESS);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->detail != NULL && !crm_store_confirm_ticket (get_store (self), self->ticket_id, NULL, &error))
    show_error (self, error);
}

static void
reassign_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->detail != NULL &&
      !crm_store_reassign_ticket (get_store (self), self->ticket_id, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
}

static void
set_level_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->detail != NULL &&
      !crm_store_set_ticket_level (get_store (self), self->ticket_id, g_variant_get_int32 (parameter), &error))
    show_error (self, error);
}

/* The menus from the keyboard: focus the button (which scrolls it into view), open it. */
static void
popup_menu (GtkMenuButton *button)
{
  if (!gtk_widget_is_sensitive (GTK_WIDGET (button)) || !gtk_widget_get_visible (GTK_WIDGET (button)))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (button));
  gtk_menu_button_popup (button);
}

static void
move_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  popup_menu (CRM_TICKET_DETAIL_PAGE (widget)->move_button);
}

static void
reassign_menu_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  popup_menu (CRM_TICKET_DETAIL_PAGE (widget)->reassign_button);
}

static void
level_menu_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  popup_menu (CRM_TICKET_DETAIL_PAGE (widget)->level_button);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);

  if (self->ticket_id != 0)
    gtk_widget_activate_action (widget, "win.edit-ticket", "x", self->ticket_id);
}

static void
show_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);

  if (self->detail != NULL)
    gtk_widget_activate_action (widget, "win.show-customer", "x", self->detail->customer_id);
}

/* ---- public ---- */

CrmTicketDetailPage *
crm_ticket_detail_page_new (CrmContext *context)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  return g_object_new (CRM_TYPE_TICKET_DETAIL_PAGE, "context", context, NULL);
}

void
crm_ticket_detail_page_show (CrmTicketDetailPage *self,
                             gint64               ticket_id)
{
  g_return_if_fail (CRM_IS_TICKET_DETAIL_PAGE (self));

  if (ticket_id != self->ticket_id)
    {
      self->ticket_id = ticket_id;
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  crm_ticket_detail_page_reload (self);
}

gint64
crm_ticket_detail_page_get_ticket_id (CrmTicketDetailPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_DETAIL_PAGE (self), 0);
  return self->ticket_id;
}

const char *
crm_ticket_detail_page_get_title (CrmTicketDetailPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_DETAIL_PAGE (self), NULL);
  return self->title;
}

/* ---- object ---- */

static void
stop_clock (CrmTicketDetailPage *self)
{
  g_clear_handle_id (&self->clock_source, g_source_remove);
}

static void
crm_ticket_detail_page_map (GtkWidget *widget)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (widget);

  GTK_WIDGET_CLASS (crm_ticket_detail_page_parent_class)->map (widget);

  if (self->dirty)
    crm_ticket_detail_page_reload (self);
  else if (self->detail != NULL)
    clock_tick_cb (self);
  stop_clock (self);
  self->clock_source = g_timeout_add_seconds (CLOCK_INTERVAL_SECONDS, clock_tick_cb, self);
}

static void
crm_ticket_detail_page_unmap (GtkWidget *widget)
{
  stop_clock (CRM_TICKET_DETAIL_PAGE (widget));

  GTK_WIDGET_CLASS (crm_ticket_detail_page_parent_class)->unmap (widget);
}

static void
crm_ticket_detail_page_dispose (GObject *object)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (object);

  stop_clock (self);
  /* the bin's child is a template child: let the bin drop it first, or both unparent it */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_DETAIL_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->move_menu);
  g_clear_object (&self->reassign_menu);
  g_clear_object (&self->level_menu);
  g_clear_pointer (&self->detail, crm_ticket_detail_free);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (crm_ticket_detail_page_parent_class)->dispose (object);
}

static void
crm_ticket_detail_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_ticket_detail_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmTicketDetailPage *self = CRM_TICKET_DETAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_assert (self->context == NULL);
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        g_signal_connect_object (crm_context_get_store (self->context), "changed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_ticket_detail_page_class_init (CrmTicketDetailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_detail_page_dispose;
  object_class->get_property = crm_ticket_detail_page_get_property;
  object_class->set_property = crm_ticket_detail_page_set_property;
  widget_class->map = crm_ticket_detail_page_map;
  widget_class->unmap = crm_ticket_detail_page_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * CrmTicketDetailPage:title:
   *
   * The code of the ticket shown, for the window title.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rapportcrm/Rapport/crm-ticket-detail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, level_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, category_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, breached_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, response_card);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, response_state_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, response_due_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, resolution_card);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, resolution_state_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, resolution_due_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, respond_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, close_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, move_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, customer_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, contact_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, assignee_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, reassign_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, department_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, level_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, level_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, level_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, created_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, closed_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, closed_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, confirmed_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, confirmed_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, resolution_group);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, resolution_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, compensation_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, compensation_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketDetailPage, history_group);

  gtk_widget_class_install_action (widget_class, "ticket.respond", NULL, respond_action);
  gtk_widget_class_install_action (widget_class, "ticket.comment", NULL, comment_action);
  gtk_widget_class_install_action (widget_class, "ticket.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "ticket.move-menu", NULL, move_menu_action);
  gtk_widget_class_install_action (widget_class, "ticket.resolve", NULL, resolve_action);
  gtk_widget_class_install_action (widget_class, "ticket.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "ticket.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "ticket.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "ticket.reassign", "x", reassign_action);
  gtk_widget_class_install_action (widget_class, "ticket.reassign-menu", NULL, reassign_menu_action);
  gtk_widget_class_install_action (widget_class, "ticket.set-level", "i", set_level_action);
  gtk_widget_class_install_action (widget_class, "ticket.level-menu", NULL, level_menu_action);
  gtk_widget_class_install_action (widget_class, "ticket.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "ticket.show-customer", NULL, show_customer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "ticket.respond", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "ticket.comment", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_M, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.resolve", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.reassign-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.level-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "ticket.edit", NULL);
}

static void
crm_ticket_detail_page_init (CrmTicketDetailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->history_rows = g_ptr_array_new ();
  self->move_menu = g_menu_new ();
  self->reassign_menu = g_menu_new ();
  self->level_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->move_button, G_MENU_MODEL (self->move_menu));
  gtk_menu_button_set_menu_model (self->reassign_button, G_MENU_MODEL (self->reassign_menu));
  gtk_menu_button_set_menu_model (self->level_button, G_MENU_MODEL (self->level_menu));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->move_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Move To"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reassign_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reassign"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Change Level"), -1);
  update_actions (self);
}
