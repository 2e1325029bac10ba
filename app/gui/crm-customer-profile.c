/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-customer-profile"

#include <glib/gi18n.h>

#include "crm-contact-editor.h"
#include "crm-customer-profile.h"
#include "crm-followup-complete.h"
#include "crm-print-document.h"
#include "crm-format.h"
#include "crm-health.h"
#include "crm-health-trend.h"
#include "crm-mask.h"
#include "crm-needs-editor.h"
#include "crm-profile.h"
#include "crm-store-tickets.h"
#include "crm-rfm.h"
#include "crm-window.h"

struct _CrmCustomerProfile
{
  AdwBin parent_instance;

  /* template widgets */
  GtkScrolledWindow   *scroller;
  GtkLabel            *name_label;
  GtkLabel            *subtitle_label;
  GtkBox              *badges_box;
  GtkLabel            *tags_label;
  GtkLabel            *health_value_label;
  GtkLabel            *health_caption_label;
  GtkFlowBox          *facts_box;

  /* the sections still to build, one per frame */
  CrmProfile          *profile;
  gint64               profile_now;
  guint                build_step;
  guint                build_tick;
  gint64               build_frame;
  GtkBox              *suggestion_box;
  GtkLabel            *suggestion_label;
  AdwPreferencesGroup *contacts_group;
  AdwPreferencesGroup *needs_group;
  AdwPreferencesGroup *health_group;
  AdwPreferencesGroup *interactions_group;
  AdwPreferencesGroup *tickets_group;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *followups_group;
  AdwPreferencesGroup *satisfaction_group;
  AdwPreferencesGroup *purchases_group;
  AdwPreferencesGroup *basic_group;

  /* owned */
  CrmContext          *context;
  GHashTable          *rows;       /* group → GPtrArray of the rows added to it */
  GHashTable          *revealed;   /* contact ids revealed while this customer is shown */

  gint64               customer_id;
  gint64               loaded_id;  /* the customer whose sections are on screen */
  char                *customer_name;

  /* the history's paging: the last entry shown, "Show Earlier", and how many
   * pages are open (kept when the same customer is reloaded) */
  CrmProfileEvent      history_last;
  GtkWidget           *history_more_row;
  guint                history_pages;
};

G_DEFINE_FINAL_TYPE (CrmCustomerProfile, crm_customer_profile, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CUSTOMER_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- rows ---- */

static void
clear_group (CrmCustomerProfile  *self,
             AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_hash_table_lookup (self->rows, group);

  if (rows == NULL)
    return;
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static void
add_to_group (CrmCustomerProfile  *self,
              AdwPreferencesGroup *group,
              GtkWidget           *row)
{
  GPtrArray *rows = g_hash_table_lookup (self->rows, group);

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_hash_table_insert (self->rows, group, rows);
    }
  g_ptr_array_add (rows, row);
  adw_preferences_group_add (group, row);
}

/* A row with a title, an optional subtitle and an optional value at the end. */
static GtkWidget *
add_row (CrmCustomerProfile  *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      /* short values (dates, amounts, deadlines) stay on one line; long ones wrap */
      if (g_utf8_strlen (value, -1) > 24)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_width_chars (GTK_LABEL (label), 24);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  add_to_group (self, group, row);
  return row;
}

static void
add_empty_row (CrmCustomerProfile  *self,
               AdwPreferencesGroup *group,
               const char          *text)
{
  GtkWidget *row = add_row (self, group, text, NULL, NULL);

  gtk_widget_add_css_class (row, "dim-label");
}

static GtkWidget *
add_badge (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "tier-badge");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (box, label);
  return label;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* A small card: a big value over its caption */
static void
add_fact (CrmCustomerProfile *self,
          const char         *value,
          const char         *caption)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *v = gtk_label_new (value);
  GtkWidget *c = gtk_label_new (caption);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "profile-fact");
  gtk_widget_add_css_class (v, "title-3");
  gtk_widget_add_css_class (c, "caption");
  gtk_widget_add_css_class (c, "dim-label");
  /* narrow windows wrap the captions instead of pushing the page wider; values stay whole */
  gtk_label_set_wrap (GTK_LABEL (c), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (c), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (c), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (card), v);
  gtk_box_append (GTK_BOX (card), c);
  gtk_flow_box_append (self->facts_box, card);
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
}

/* ---- sections ---- */

static void
show_header (CrmCustomerProfile *self,
             const CrmProfile   *p)
{
  static const char *tier_classes[] = { "vip", "normal", "potential" };
  g_autoptr(GString) subtitle = g_string_new (p->code);
  g_autofree char *owner = NULL;

  gtk_label_set_label (self->name_label, p->name);
  g_string_append_printf (subtitle, " · %s", crm_customer_kind_to_string (p->kind));
  if (p->industry != NULL)
    g_string_append_printf (subtitle, " · %s", p->industry);
  gtk_label_set_label (self->subtitle_label, subtitle->str);

  clear_box (self->badges_box);
  add_badge (self->badges_box, crm_tier_to_string (p->tier), p->tier < CRM_N_TIERS ? tier_classes[p->tier] : NULL);
  if (p->key_account == 2)
    add_badge (self->badges_box, _("Diamond Account"), "vip");
  else if (p->key_account == 1)
    add_badge (self->badges_box, _("Gold Account"), "vip");
  add_badge (self->badges_box, crm_lifecycle_to_string (p->lifecycle), "stage");
  if (p->do_not_contact)
    add_badge (self->badges_box, _("Do not contact"), "warning-badge");
  owner = g_strdup_printf (_("Owner: %s"), p->owner_name != NULL ? p->owner_name : C_("owner", "Unassigned"));
  add_badge (self->badges_box, owner, "stage");

  if (p->tags != NULL && p->tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (_(", "), p->tags);
      g_autofree char *text = g_strdup_printf (_("Needs: %s"), joined);

      gtk_label_set_label (self->tags_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->tags_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->tags_label), FALSE);
}

static void
reveal_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (user_data);
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "reason");
  gint64 contact_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "reveal"))
    return;

  if (!crm_store_log_reveal (crm_context_get_store (self->context), self->customer_id, contact_id,
                             gtk_editable_get_text (entry), &error))
    {
      g_warning ("Could not record the reveal: %s", error->message);
      return;
    }

  g_hash_table_add (self->revealed, GSIZE_TO_POINTER ((gsize) contact_id));
  crm_customer_profile_reload (self);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "reveal", *reason != '\0');
}

static void
reveal_clicked_cb (GtkButton          *button,
                   CrmCustomerProfile *self)
{
  gint64 contact_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "contact-id"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Show Contact Details?"),
                                              _("The phone number and e-mail address will be shown. Rapport records the time and your reason."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, e.g. calling about the renewal"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reveal", _("_Show"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reveal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reveal", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reveal");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "reason", entry);
  g_object_set_data (G_OBJECT (dialog), "contact-id", GSIZE_TO_POINTER ((gsize) contact_id));
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reveal_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
show_contacts (CrmCustomerProfile *self,
               const CrmProfile   *p)
{
  clear_group (self, self->contacts_group);

  if (p->contacts->len == 0)
    {
      add_empty_row (self, self->contacts_group, _("No contacts yet"));
      return;
    }

  for (guint i = 0; i < p->contacts->len; i++)
    {
      CrmProfileContact *c = p->contacts->pdata[i];
      gboolean revealed = g_hash_table_contains (self->revealed, GSIZE_TO_POINTER ((gsize) c->id));
      g_autofree char *phone = revealed ? g_strdup (c->phone) : crm_mask_phone (c->phone);
      g_autofree char *email = revealed ? g_strdup (c->email) : crm_mask_email (c->email);
      g_autoptr(GString) title = g_string_new (c->name);
      g_autoptr(GString) details = g_string_new (NULL);
      GtkWidget *row;

      if (c->title != NULL)
        g_string_append_printf (title, " · %s", c->title);
      g_string_append (details, crm_contact_role_to_string (c->role));
      if (c->primary)
        g_string_append_printf (details, " · %s", _("Primary contact"));

      row = add_row (self, self->contacts_group, title->str, details->str, NULL);
      /* the row (or its edit button) opens the contact form */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", c->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "profile.edit-contact");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (phone != NULL || email != NULL)
        {
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          for (int k = 0; k < 2; k++)
            {
              const char *text = k == 0 ? phone : email;
              GtkWidget *label;

              if (text == NULL)
                continue;
              label = gtk_label_new (text);
              gtk_label_set_xalign (GTK_LABEL (label), 1);
              gtk_label_set_selectable (GTK_LABEL (label), revealed);
              gtk_widget_add_css_class (label, "numeric");
              gtk_box_append (GTK_BOX (box), label);
            }
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

          if (!revealed)
            {
              GtkWidget *button = gtk_button_new_from_icon_name ("view-reveal-symbolic");
              g_autofree char *label = g_strdup_printf (_("Reveal the contact details of %s"), c->name);

              gtk_widget_add_css_class (button, "flat");
              gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
              gtk_widget_set_tooltip_text (button, _("Reveal"));
              gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
              g_object_set_data (G_OBJECT (button), "contact-id", GSIZE_TO_POINTER ((gsize) c->id));
              g_signal_connect_object (button, "clicked", G_CALLBACK (reveal_clicked_cb), self, 0);
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
            }
        }

      {
        GtkWidget *button = gtk_button_new_from_icon_name ("document-edit-symbolic");
        g_autofree char *label = g_strdup_printf (_("Edit the contact %s"), c->name);

        gtk_widget_add_css_class (button, "flat");
        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (button, _("Edit Contact"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", c->id);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "profile.edit-contact");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      }
    }
}

static void
show_needs (CrmCustomerProfile *self,
            const CrmProfile   *p)
{
  clear_group (self, self->needs_group);

  if (!p->has_needs && (p->tags == NULL || p->tags[0] == NULL))
    {
      add_empty_row (self, self->needs_group, _("No needs or preferences recorded"));
      return;
    }

  if (p->preferred_products != NULL)
    add_row (self, self->needs_group, _("Preferred products and services"), NULL, p->preferred_products);
  add_row (self, self->needs_group, _("Price sensitivity"), NULL, crm_price_sensitivity_to_string (p->price_sensitivity));
  if (p->expected_response_hours >= 0)
    {
      g_autofree char *hours = g_strdup_printf (ngettext ("Within %d hour", "Within %d hours", p->expected_response_hours),
                                                p->expected_response_hours);

      add_row (self, self->needs_group, _("Expected response time"), NULL, hours);
    }
  add_row (self, self->needs_group, _("Values most"), NULL, crm_value_focus_to_string (p->value_focus));
  if (p->tags != NULL && p->tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (_(", "), p->tags);

      add_row (self, self->needs_group, _("Need tags"), NULL, joined);
    }
}

static void
show_suggestion (CrmCustomerProfile *self,
                 const CrmProfile   *p)
{
  gint64 recent = 0, previous = 0;
  gboolean open = crm_tier_suggestion_get (crm_context_get_store (self->context), self->customer_id,
                                           &recent, &previous);

  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_box), open);
  if (open && previous > 0)
    {
      const char *currency = p->purchases->len > 0 ? ((CrmProfilePurchase *) p->purchases->pdata[0])->currency : NULL;
      g_autofree char *recent_text = crm_format_money (recent, currency);
      g_autofree char *previous_text = crm_format_money (previous, currency);
      g_autofree char *text = NULL;

      /* Translators: "Purchases grew 60% in the last 6 months (¥1,600.00 against ¥1,000.00)…" */
      text = g_strdup_printf (_("Purchases grew %d%% in the last 6 months (%s against %s): "
                                "a candidate for key account."),
                              (int) ((recent - previous) * 100 / previous), recent_text, previous_text);
      gtk_label_set_label (self->suggestion_label, text);
    }
}

static void
decide_suggestion (CrmCustomerProfile *self,
                   gboolean            accept)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  gboolean ok = accept ? crm_tier_suggestion_accept (store, self->customer_id, &error)
                       : crm_tier_suggestion_dismiss (store, self->customer_id, &error);

  if (!ok)
    {
      gtk_label_set_label (self->suggestion_label, error->message);
      return;
    }
  crm_customer_profile_reload (self);
}

static void
accept_suggestion_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  decide_suggestion (CRM_CUSTOMER_PROFILE (widget), TRUE);
}

static void
dismiss_suggestion_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  decide_suggestion (CRM_CUSTOMER_PROFILE (widget), FALSE);
}

/* The score in the header; with @rows, the section with every indicator too. */
static void
show_health (CrmCustomerProfile *self,
             gboolean            rows)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_auto(CrmHealthReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) trend = NULL;

  if (rows)
    clear_group (self, self->health_group);

  if (!crm_health_compute (store, self->customer_id, &report, &error))
    {
      if (rows)
        add_empty_row (self, self->health_group, error->message);
      gtk_label_set_label (self->health_value_label, "—");
      gtk_label_set_label (self->health_caption_label, _("Health"));
      return;
    }

  if (report.has_score)
    {
      g_autofree char *value = g_strdup_printf ("%d", report.score);
      g_autofree char *caption = NULL;

      caption = report.risk != CRM_RISK_NONE
                ? g_strdup_printf (_("Health · %s"), crm_risk_to_string (report.risk))
                : g_strdup (_("Health · Healthy"));
      gtk_label_set_label (self->health_value_label, value);
      gtk_label_set_label (self->health_caption_label, caption);
      gtk_widget_remove_css_class (GTK_WIDGET (self->health_value_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->health_value_label), "warning");
      if (report.risk == CRM_RISK_HIGH || report.risk == CRM_RISK_MEDIUM)
        gtk_widget_add_css_class (GTK_WIDGET (self->health_value_label), "error");
      else if (report.risk == CRM_RISK_LOW)
        gtk_widget_add_css_class (GTK_WIDGET (self->health_value_label), "warning");
    }
  else
    {
      gtk_label_set_label (self->health_value_label, "—");
      gtk_label_set_label (self->health_caption_label, _("Health · not enough data"));
      if (rows)
        add_empty_row (self, self->health_group, report.reason);
    }

  if (!rows)
    return;

  for (guint i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    {
      const CrmHealthItem *item = &report.items[i];
      g_autofree char *points = NULL;

      if (item->available)
        points = g_strdup_printf (_("%.0f of %.0f points"), item->points, item->max_points);
      else
        points = g_strdup (_("No data"));
      add_row (self, self->health_group, crm_health_indicator_name (i),
               item->available ? item->raw_text : NULL, points);
    }

  /* the monthly snapshots as bars */
  trend = crm_health_get_trend (store, self->customer_id, 12);
  {
    gboolean any = FALSE;

    for (guint i = 0; i < trend->len; i++)
      any |= g_array_index (trend, CrmHealthSnapshot, i).has_score;
    if (!any)
      {
        add_row (self, self->health_group, _("Monthly trend"), _("No monthly scores yet"), NULL);
        return;
      }
  }
  {
    GtkWidget *row = adw_preferences_row_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *title = gtk_label_new (_("Monthly trend"));
    GtkWidget *chart = crm_health_trend_new ();

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Monthly trend"));
    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_widget_set_margin_start (title, 12);
    gtk_widget_set_margin_top (title, 8);
    crm_health_trend_set_snapshots (CRM_HEALTH_TREND (chart), trend);
    gtk_box_append (GTK_BOX (box), title);
    gtk_box_append (GTK_BOX (box), chart);
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
    add_to_group (self, self->health_group, row);
  }
}

static void
show_interactions (CrmCustomerProfile *self,
                   const CrmProfile   *p)
{
  clear_group (self, self->interactions_group);

  if (p->interactions->len == 0)
    {
      add_empty_row (self, self->interactions_group, _("No interactions yet"));
      return;
    }

  for (guint i = 0; i < p->interactions->len; i++)
    {
      CrmProfileInteraction *it = p->interactions->pdata[i];
      g_autofree char *when = crm_format_datetime (it->occurred_at);
      g_autoptr(GString) subtitle = g_string_new (crm_channel_to_string (it->channel));
      GtkWidget *row;
      GtkWidget *icon;

      if (it->contact_name != NULL)
        g_string_append_printf (subtitle, " · %s", it->contact_name);
      if (it->summary != NULL)
        g_string_append_printf (subtitle, " — %s", it->summary);
      row = add_row (self, self->interactions_group, it->subject, subtitle->str, when);
      /* opens the interaction in its form (the window's action) */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (it->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.edit-interaction");
      icon = gtk_image_new_from_icon_name (crm_channel_icon_name (it->channel));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      crm_channel_to_string (it->channel), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  /* the whole history on the timeline */
  {
    g_autofree char *all = g_strdup_printf (ngettext ("See all %u interaction", "See all %u interactions",
                                                      (gulong) p->n_interactions),
                                            (guint) p->n_interactions);
    GtkWidget *row = add_row (self, self->interactions_group, all, NULL, NULL);

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "profile.see-all-interactions");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  }
}

/* One row of the history, marked by kind; an interaction opens in its form. */
static GtkWidget *
add_history_row (CrmCustomerProfile    *self,
                 const CrmProfileEvent *e)
{
  static const char *icons[] = {
    [CRM_PROFILE_EVENT_INTERACTION] = NULL,   /* the channel's */
    [CRM_PROFILE_EVENT_TICKET] = "dialog-warning-symbolic",
    [CRM_PROFILE_EVENT_FOLLOWUP] = "object-select-symbolic",
    [CRM_PROFILE_EVENT_SURVEY] = "starred-symbolic",
    [CRM_PROFILE_EVENT_CHANGE] = "document-edit-symbolic",
  };
  g_autofree char *when = crm_format_datetime (e->at);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *kind;
  GtkWidget *row, *icon;

  switch (e->kind)
    {
    case CRM_PROFILE_EVENT_INTERACTION:
      kind = crm_channel_to_string (e->code);
      title = g_strdup (e->title);
      break;
    case CRM_PROFILE_EVENT_TICKET:
      kind = crm_ticket_event_kind_to_string (e->code);
      title = g_strdup (e->title);
      break;
    case CRM_PROFILE_EVENT_FOLLOWUP:
      /* Translators: a follow-up that was done, "Done: Call" */
      kind = _("Follow-up done");
      title = g_strdup (e->title);
      break;
    case CRM_PROFILE_EVENT_SURVEY:
      kind = _("Satisfaction survey");
      title = e->code >= 0 ? g_strdup_printf (_("NPS %d"), e->code) : g_strdup (_("Satisfaction survey"));
      break;
    case CRM_PROFILE_EVENT_CHANGE:
    default:
      kind = _("Profile change");
      title = g_strdup (crm_profile_field_name (e->title));
      break;
    }

  if (e->kind == CRM_PROFILE_EVENT_TICKET)
    {
      /* the step as the ticket's own log says it: "Status: New → In Progress" */
      CrmTicketEvent event = { e->id, e->code, e->at, NULL, e->old_value, e->new_value, e->detail };
      g_autofree char *step = crm_ticket_event_describe (&event);

      g_string_append (subtitle, step);
    }
  else
    g_string_append (subtitle, kind);
  if (e->detail != NULL && *e->detail != '\0')
    g_string_append_printf (subtitle, " — %s", e->detail);
  row = add_row (self, self->history_group, title, subtitle->str, when);
  icon = gtk_image_new_from_icon_name (e->kind == CRM_PROFILE_EVENT_INTERACTION
                                       ? crm_channel_icon_name (e->code) : icons[e->kind]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (e->kind == CRM_PROFILE_EVENT_INTERACTION || e->kind == CRM_PROFILE_EVENT_TICKET)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (e->ref_id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), e->kind == CRM_PROFILE_EVENT_TICKET
                                                            ? "win.show-ticket" : "win.edit-interaction");
    }
  return row;
}

/* Adds a page of events; one more than a page means there are earlier ones,
 * shown by "Show Earlier". */
static void
add_history_rows (CrmCustomerProfile *self,
                  GPtrArray          *events,
                  guint               page)
{
  guint n = MIN (events->len, page);

  for (guint i = 0; i < n; i++)
    add_history_row (self, events->pdata[i]);

  if (n > 0)
    {
      const CrmProfileEvent *last = events->pdata[n - 1];

      self->history_last.kind = last->kind;
      self->history_last.at = last->at;
      self->history_last.id = last->id;
    }
  if (events->len > page)
    {
      self->history_more_row = add_row (self, self->history_group, _("Show Earlier"), NULL, NULL);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->history_more_row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->history_more_row), "profile.history-earlier");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->history_more_row),
                                 gtk_image_new_from_icon_name ("go-down-symbolic"));
    }
}

static void
show_history (CrmCustomerProfile *self,
              const CrmProfile   *p)
{
  g_autoptr(GPtrArray) events = NULL;
  guint page = CRM_PROFILE_HISTORY;

  clear_group (self, self->history_group);
  self->history_more_row = NULL;

  if (p->history->len == 0)
    {
      add_empty_row (self, self->history_group, _("Nothing has happened yet"));
      return;
    }
  /* a reload of the same customer keeps the pages the user opened */
  if (self->history_pages > 1 && p->history->len > CRM_PROFILE_HISTORY)
    {
      g_autoptr(GError) error = NULL;

      page = self->history_pages * CRM_PROFILE_HISTORY;
      events = g_ptr_array_new_with_free_func (crm_profile_event_free);
      if (!crm_profile_load_history (crm_context_get_store (self->context), p->id,
                                     NULL, page + 1, events, &error))
        {
          g_warning ("Could not read the history: %s", error->message);
          g_clear_pointer (&events, g_ptr_array_unref);
          page = CRM_PROFILE_HISTORY;
          self->history_pages = 1;
        }
    }
  add_history_rows (self, events != NULL ? events : p->history, page);
}

/* "Show Earlier": the next page of the history below the last row shown. */
static void
history_earlier_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (crm_profile_event_free);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_hash_table_lookup (self->rows, self->history_group);
  GtkWidget *more = self->history_more_row;
  guint first_new;

  if (more == NULL || rows == NULL)
    return;
  if (!crm_profile_load_history (crm_context_get_store (self->context), self->customer_id,
                                 &self->history_last, CRM_PROFILE_HISTORY + 1, events, &error))
    {
      g_warning ("Could not read the history: %s", error->message);
      return;
    }

  /* the new rows take the place of "Show Earlier"; focus moves to the first of them */
  g_ptr_array_remove (rows, more);
  self->history_more_row = NULL;
  first_new = rows->len;
  add_history_rows (self, events, CRM_PROFILE_HISTORY);
  self->history_pages++;
  if (first_new < rows->len && gtk_widget_has_focus (more))
    gtk_widget_grab_focus (rows->pdata[first_new]);
  adw_preferences_group_remove (self->history_group, more);
}

static void
deferred_history (CrmCustomerProfile *self,
                  const CrmProfile   *p,
                  gint64              now)
{
  show_history (self, p);
}

static void
see_all_interactions_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, CRM_TYPE_WINDOW);

  if (window != NULL)
    crm_window_show_timeline (CRM_WINDOW (window), self->customer_id, self->customer_name);
}

static void
show_tickets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, CRM_TYPE_WINDOW);

  if (window != NULL)
    crm_window_show_tickets (CRM_WINDOW (window), self->customer_id, self->customer_name);
}

static void
show_tickets (CrmCustomerProfile *self,
              const CrmProfile   *p,
              gint64              now)
{
  clear_group (self, self->tickets_group);

  /* every ticket of the customer, closed ones too, on the board */
  {
    GtkWidget *row = add_row (self, self->tickets_group, _("Show on the Ticket Board"), NULL, NULL);

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
    gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "profile.show-tickets");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  }

  if (p->open_tickets->len == 0)
    {
      add_empty_row (self, self->tickets_group, _("No open tickets"));
      return;
    }

  for (guint i = 0; i < p->open_tickets->len; i++)
    {
      CrmProfileTicket *t = p->open_tickets->pdata[i];
      g_autofree char *title = g_strdup_printf ("%s · %s", t->code, t->title);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", crm_ticket_level_to_string (t->level),
                                                   crm_ticket_category_to_string (t->category),
                                                   crm_ticket_status_to_string (t->status));
      gint64 due = t->first_response_at == 0 && t->response_due > 0 ? t->response_due : t->resolution_due;
      g_autofree char *due_text = NULL;
      g_autofree char *state = NULL;
      GtkWidget *row;

      if (due > 0)
        {
          due_text = crm_format_due (due, now);
          state = t->first_response_at == 0 && t->response_due > 0
                  /* Translators: "response in 35 min" */
                  ? g_strdup_printf (_("Response %s"), due_text)
                  : g_strdup_printf (_("Resolution %s"), due_text);
        }
      row = add_row (self, self->tickets_group, title, subtitle, state);
      if (t->breached || (due > 0 && due < now))
        gtk_widget_add_css_class (row, "overdue");
      /* opens the ticket */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (t->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-ticket");
    }
}

static void
add_followup_rows (CrmCustomerProfile *self,
                   GPtrArray          *followups,
                   gboolean            overdue)
{
  for (guint i = 0; i < followups->len; i++)
    {
      CrmProfileFollowup *f = followups->pdata[i];
      g_autofree char *when = crm_format_datetime (f->planned_at);
      g_autofree char *value = overdue ? g_strdup_printf (_("Overdue since %s"), when) : g_strdup (when);
      g_autoptr(GString) subtitle = g_string_new (crm_followup_kind_to_string (f->kind));
      GtkWidget *row;

      if (f->owner_name != NULL)
        g_string_append_printf (subtitle, " · %s", f->owner_name);
      row = add_row (self, self->followups_group, f->item, subtitle->str, value);
      if (overdue)
        gtk_widget_add_css_class (row, "overdue");
    }
}

static void
show_followups (CrmCustomerProfile *self,
                const CrmProfile   *p)
{
  clear_group (self, self->followups_group);

  if (p->overdue_followups->len == 0 && p->upcoming_followups->len == 0)
    {
      add_empty_row (self, self->followups_group, _("Nothing planned"));
      return;
    }
  add_followup_rows (self, p->overdue_followups, TRUE);
  add_followup_rows (self, p->upcoming_followups, FALSE);
}

static void
show_satisfaction (CrmCustomerProfile *self,
                   const CrmProfile   *p)
{
  clear_group (self, self->satisfaction_group);

  if (p->surveys->len == 0)
    {
      add_empty_row (self, self->satisfaction_group, _("No surveys yet"));
      return;
    }

  for (guint i = 0; i < p->surveys->len; i++)
    {
      CrmProfileSurvey *s = p->surveys->pdata[i];
      g_autofree char *when = crm_format_date (s->taken_at);
      g_autoptr(GString) scores = g_string_new (NULL);

      if (s->csat_speed > 0)
        g_string_append_printf (scores, _("Response speed %d/5"), s->csat_speed);
      if (s->csat_fit > 0)
        {
          if (scores->len > 0)
            g_string_append (scores, " · ");
          g_string_append_printf (scores, _("Product fit %d/5"), s->csat_fit);
        }
      if (s->csat_care > 0)
        {
          if (scores->len > 0)
            g_string_append (scores, " · ");
          g_string_append_printf (scores, _("Proactive care %d/5"), s->csat_care);
        }
      if (s->nps >= 0)
        {
          if (scores->len > 0)
            g_string_append (scores, " · ");
          g_string_append_printf (scores, _("NPS %d"), s->nps);
        }
      add_row (self, self->satisfaction_group, scores->str, s->comment, when);
    }
}

static void
show_purchases (CrmCustomerProfile *self,
                const CrmProfile   *p)
{
  clear_group (self, self->purchases_group);

  if (p->n_purchases == 0)
    {
      add_empty_row (self, self->purchases_group, _("No purchases yet"));
      return;
    }

  {
    const char *currency = p->purchases->len > 0 ? ((CrmProfilePurchase *) p->purchases->pdata[0])->currency : NULL;
    g_autofree char *total = crm_format_money (p->purchases_total_cents, currency);
    g_autofree char *last = crm_format_date (p->last_purchase_at);
    g_autofree char *summary = g_strdup_printf (ngettext ("%u purchase, the last on %s",
                                                          "%u purchases, the last on %s", (gulong) p->n_purchases),
                                                (guint) p->n_purchases, last);

    add_row (self, self->purchases_group, _("Total"), summary, total);
  }

  for (guint i = 0; i < p->purchases->len; i++)
    {
      CrmProfilePurchase *pu = p->purchases->pdata[i];
      g_autofree char *amount = crm_format_money (pu->amount_cents, pu->currency);
      g_autofree char *when = crm_format_date (pu->purchased_at);

      add_row (self, self->purchases_group, pu->product != NULL ? pu->product : _("Purchase"), when, amount);
    }
}

static void
add_basic (CrmCustomerProfile *self,
           const char         *title,
           const char         *value)
{
  if (value != NULL && *value != '\0')
    add_row (self, self->basic_group, title, NULL, value);
}

static void
show_basic (CrmCustomerProfile *self,
            const CrmProfile   *p)
{
  clear_group (self, self->basic_group);

  add_basic (self, _("Industry"), p->industry);
  if (p->staff_count >= 0 || p->annual_revenue_cents >= 0)
    {
      g_autoptr(GString) size = g_string_new (NULL);

      if (p->staff_count >= 0)
        g_string_append_printf (size, ngettext ("%u employee", "%u employees", (gulong) p->staff_count),
                                (guint) p->staff_count);
      if (p->annual_revenue_cents >= 0)
        {
          g_autofree char *revenue = crm_format_money (p->annual_revenue_cents, NULL);

          if (size->len > 0)
            g_string_append (size, " · ");
          g_string_append_printf (size, _("%s a year"), revenue);
        }
      add_basic (self, _("Size"), size->str);
    }
  add_basic (self, _("Source channel"), p->source);
  add_basic (self, _("First deal"), p->first_deal_date);
  add_basic (self, _("Address"), p->address);
  add_basic (self, _("Website"), p->website);
  add_basic (self, _("Birthday"), p->birthday);
  add_basic (self, _("Anniversary"), p->anniversary);
  add_basic (self, _("Do not contact"), p->do_not_contact ? _("Yes: excluded from every visit rule") : _("No"));
  add_basic (self, _("Notes"), p->notes);
}

static void
show_facts (CrmCustomerProfile *self,
            const CrmProfile   *p,
            gint64              now)
{
  CrmStore *store = crm_context_get_store (self->context);
  sqlite3_stmt *stmt;
  g_autofree char *last = NULL;
  g_autofree char *total = NULL;
  g_autoptr(GDateTime) local_now = g_date_time_new_from_unix_local (now);

  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_box))) != NULL)
      gtk_flow_box_remove (self->facts_box, child);
  }

  /* RFM, computed for all customers in the background */
  stmt = crm_store_prepare (store,
                            "SELECT rfm_r, rfm_f, rfm_m, rfm_segment FROM customer_scores"
                            " WHERE customer_id = ?1 AND rfm_r IS NOT NULL",
                            NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, self->customer_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *score = g_strdup_printf ("%d%d%d", sqlite3_column_int (stmt, 0),
                                                    sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2));
          g_autofree char *caption = g_strdup_printf (_("RFM · %s"),
                                                      crm_rfm_segment_to_string (sqlite3_column_int (stmt, 3)));

          add_fact (self, score, caption);
        }
      else
        add_fact (self, "—", _("RFM · not scored yet"));
      sqlite3_reset (stmt);
    }

  /* the latest NPS and CSAT */
  {
    int nps = -1;
    double csat = 0;

    for (guint i = 0; i < p->surveys->len && (nps < 0 || csat == 0); i++)
      {
        CrmProfileSurvey *s = p->surveys->pdata[i];
        int n = (s->csat_speed > 0) + (s->csat_fit > 0) + (s->csat_care > 0);

        if (nps < 0 && s->nps >= 0)
          nps = s->nps;
        if (csat == 0 && n > 0)
          csat = (double) (s->csat_speed + s->csat_fit + s->csat_care) / n;
      }
    {
      g_autofree char *nps_text = nps >= 0 ? g_strdup_printf ("%d", nps) : g_strdup ("—");
      g_autofree char *csat_text = csat > 0 ? g_strdup_printf ("%.1f", csat) : g_strdup ("—");

      add_fact (self, nps_text, _("Latest NPS (0–10)"));
      add_fact (self, csat_text, _("Latest CSAT (1–5)"));
    }
  }

  last = crm_format_last_contact (p->last_contact_at, local_now);
  add_fact (self, last, _("Last contact"));
  total = crm_format_money_whole (p->purchases_total_cents,
                            p->purchases->len > 0 ? ((CrmProfilePurchase *) p->purchases->pdata[0])->currency : NULL);
  add_fact (self, total, _("Purchases in all"));
}

/* ---- public ---- */

/* ---- building the page ---- */

static void
deferred_needs (CrmCustomerProfile *self,
                const CrmProfile   *p,
                gint64              now)
{
  show_needs (self, p);
}

static void
deferred_health (CrmCustomerProfile *self,
                 const CrmProfile   *p,
                 gint64              now)
{
  show_health (self, TRUE);
}

static void
deferred_interactions (CrmCustomerProfile *self,
                       const CrmProfile   *p,
                       gint64              now)
{
  show_interactions (self, p);
}

static void
deferred_followups (CrmCustomerProfile *self,
                    const CrmProfile   *p,
                    gint64              now)
{
  show_followups (self, p);
}

static void
deferred_satisfaction (CrmCustomerProfile *self,
                       const CrmProfile   *p,
                       gint64              now)
{
  show_satisfaction (self, p);
}

static void
deferred_purchases (CrmCustomerProfile *self,
                    const CrmProfile   *p,
                    gint64              now)
{
  show_purchases (self, p);
}

static void
deferred_basic (CrmCustomerProfile *self,
                const CrmProfile   *p,
                gint64              now)
{
  show_basic (self, p);
}

static const struct {
  void   (*build) (CrmCustomerProfile *, const CrmProfile *, gint64);
  gsize    group_offset;
} deferred_sections[] = {
  { deferred_needs, G_STRUCT_OFFSET (CrmCustomerProfile, needs_group) },
  { deferred_health, G_STRUCT_OFFSET (CrmCustomerProfile, health_group) },
  { deferred_interactions, G_STRUCT_OFFSET (CrmCustomerProfile, interactions_group) },
  { deferred_history, G_STRUCT_OFFSET (CrmCustomerProfile, history_group) },
  { show_tickets, G_STRUCT_OFFSET (CrmCustomerProfile, tickets_group) },
  { deferred_followups, G_STRUCT_OFFSET (CrmCustomerProfile, followups_group) },
  { deferred_satisfaction, G_STRUCT_OFFSET (CrmCustomerProfile, satisfaction_group) },
  { deferred_purchases, G_STRUCT_OFFSET (CrmCustomerProfile, purchases_group) },
  { deferred_basic, G_STRUCT_OFFSET (CrmCustomerProfile, basic_group) },
};

static GtkWidget *
deferred_group (CrmCustomerProfile *self,
                guint               i)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, deferred_sections[i].group_offset);
}

static void
stop_building (CrmCustomerProfile *self)
{
  if (self->build_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_tick);
  self->build_tick = 0;
  g_clear_pointer (&self->profile, crm_profile_free);
}

/* Builds the next section still missing; FALSE when the page is complete. */
static gboolean
build_next_section (CrmCustomerProfile *self)
{
  if (self->profile == NULL || self->build_step >= G_N_ELEMENTS (deferred_sections))
    {
      g_clear_pointer (&self->profile, crm_profile_free);
      return FALSE;
    }
  deferred_sections[self->build_step].build (self, self->profile, self->profile_now);
  gtk_widget_set_visible (deferred_group (self, self->build_step), TRUE);
  self->build_step++;
  return TRUE;
}

static gboolean
build_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);

  /* the first frame shows what is already there */
  if (self->build_frame == 0)
    {
      self->build_frame = gdk_frame_clock_get_frame_counter (clock);
      return G_SOURCE_CONTINUE;
    }
  if (build_next_section (self))
    return G_SOURCE_CONTINUE;
  self->build_tick = 0;
  return G_SOURCE_REMOVE;
}

void
crm_customer_profile_reload (CrmCustomerProfile *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProfile) p = NULL;
  gint64 now;

  g_return_if_fail (CRM_IS_CUSTOMER_PROFILE (self));

  if (self->context == NULL || self->customer_id == 0)
    return;

  stop_building (self);
  now = crm_store_now (crm_context_get_store (self->context));
  p = crm_store_load_profile (crm_context_get_store (self->context), self->customer_id, &error);
  if (p == NULL)
    {
      gtk_label_set_label (self->name_label, error->message);
      return;
    }

  if (g_strcmp0 (self->customer_name, p->name) != 0)
    {
      g_free (self->customer_name);
      self->customer_name = g_strdup (p->name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
    }

  /* what the first screen shows at once; the sections further down follow,
   * one per frame, so the page appears without waiting for all of it (and
   * without the previous customer's rows in the meantime: hidden until rebuilt) */
  if (self->loaded_id != self->customer_id)
    for (guint i = 0; i < G_N_ELEMENTS (deferred_sections); i++)
      gtk_widget_set_visible (deferred_group (self, i), FALSE);
  self->loaded_id = self->customer_id;
  show_header (self, p);
  show_health (self, FALSE);
  show_facts (self, p, now);
  show_suggestion (self, p);
  show_contacts (self, p);

  self->profile = g_steal_pointer (&p);
  self->profile_now = now;
  self->build_step = 0;
  self->build_frame = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->build_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_tick_cb, NULL, NULL);
  else
    while (build_next_section (self))
      ;
}

void
crm_customer_profile_show (CrmCustomerProfile *self,
                           gint64              customer_id)
{
  g_return_if_fail (CRM_IS_CUSTOMER_PROFILE (self));

  if (customer_id != self->customer_id)
    {
      g_hash_table_remove_all (self->revealed);
      self->customer_id = customer_id;
      self->history_pages = 1;
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  crm_customer_profile_reload (self);
}

CrmCustomerProfile *
crm_customer_profile_new (void)
{
  return g_object_new (CRM_TYPE_CUSTOMER_PROFILE, NULL);
}

gint64
crm_customer_profile_get_customer_id (CrmCustomerProfile *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PROFILE (self), 0);
  return self->customer_id;
}

const char *
crm_customer_profile_get_customer_name (CrmCustomerProfile *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_PROFILE (self), NULL);
  return self->customer_name;
}

static void
store_changed_cb (CrmCustomerProfile *self,
                  int                 kind,
                  gint64              id,
                  CrmStore           *store)
{
  /* Changes to other rows of this customer arrive as their own kinds: reload while shown */
  if (self->customer_id != 0 && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      (kind != CRM_CHANGE_CUSTOMER || id == self->customer_id || id == 0))
    crm_customer_profile_reload (self);
}

void
crm_customer_profile_set_context (CrmCustomerProfile *self,
                                  CrmContext         *context)
{
  g_return_if_fail (CRM_IS_CUSTOMER_PROFILE (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (crm_context_get_store (context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ---- object ---- */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);

  g_signal_emit (self, signals[EDIT], 0, self->customer_id);
}

static void
print_summary_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (self->customer_id == 0 || !GTK_IS_WINDOW (root))
    return;
  if (!crm_print_summary_run_dialog (crm_context_get_store (self->context), self->customer_id,
                                     GTK_WINDOW (root), &error))
    crm_followup_toast (widget, adw_toast_new (error->message));
}

static void
present_editor (CrmCustomerProfile *self,
                GtkWindow          *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (editor, GTK_WINDOW (root));
  gtk_window_present (editor);
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);

  if (self->context != NULL && self->customer_id != 0)
    present_editor (self, GTK_WINDOW (crm_contact_editor_new (self->context, self->customer_id, 0)));
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);

  if (self->context != NULL && self->customer_id != 0)
    present_editor (self, GTK_WINDOW (crm_contact_editor_new (self->context, self->customer_id,
                                                              g_variant_get_int64 (parameter))));
}

static void
edit_needs_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (widget);

  if (self->context != NULL && self->customer_id != 0)
    present_editor (self, GTK_WINDOW (crm_needs_editor_new (self->context, self->customer_id)));
}

static void
crm_customer_profile_dispose (GObject *object)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (object);

  stop_building (self);
  /* the bin's child is a template child: let the bin drop it first, or both unparent it */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_PROFILE);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->revealed, g_hash_table_unref);
  g_clear_pointer (&self->customer_name, g_free);

  G_OBJECT_CLASS (crm_customer_profile_parent_class)->dispose (object);
}

static void
crm_customer_profile_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CrmCustomerProfile *self = CRM_CUSTOMER_PROFILE (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_profile_class_init (CrmCustomerProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customer_profile_dispose;
  object_class->get_property = crm_customer_profile_get_property;

  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmCustomerProfile::edit:
   * @id: the customer shown
   */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-customer-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, badges_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, tags_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, health_value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, health_caption_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, facts_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, needs_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, health_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, interactions_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, tickets_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, history_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, followups_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, satisfaction_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, purchases_group);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, basic_group);

  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, suggestion_box);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerProfile, suggestion_label);

  gtk_widget_class_install_action (widget_class, "profile.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "profile.print-summary", NULL, print_summary_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "profile.print-summary", NULL);
  gtk_widget_class_install_action (widget_class, "profile.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "profile.edit-contact", "x", edit_contact_action);
  gtk_widget_class_install_action (widget_class, "profile.edit-needs", NULL, edit_needs_action);
  gtk_widget_class_install_action (widget_class, "profile.accept-suggestion", NULL, accept_suggestion_action);
  gtk_widget_class_install_action (widget_class, "profile.see-all-interactions", NULL, see_all_interactions_action);
  gtk_widget_class_install_action (widget_class, "profile.history-earlier", NULL, history_earlier_action);
  gtk_widget_class_install_action (widget_class, "profile.show-tickets", NULL, show_tickets_action);
  gtk_widget_class_install_action (widget_class, "profile.dismiss-suggestion", NULL, dismiss_suggestion_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "profile.edit", NULL);
}

static void
crm_customer_profile_init (CrmCustomerProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->revealed = g_hash_table_new (g_direct_hash, g_direct_equal);
}
