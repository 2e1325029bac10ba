/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-playbook-preferences"

#include <glib/gi18n.h>

#include "crm-field-message.h"
#include "crm-playbook.h"
#include "crm-playbook-preferences.h"
#include "crm-types.h"

#define MINUTES_PER_HOUR 60
#define MINUTES_PER_DAY  (24 * 60)
/* The spin buttons go past every rule's bounds, so that a value out of them is
 * refused with a message rather than silently clamped. */
#define SPIN_UPPER       999

/* The row of one rule */
typedef struct {
  CrmPlaybookPreferences *self;
  const char             *key;          /* static, from crm_playbook_rule_key () */
  const char             *title;        /* translated, static */
  CrmPlaybookUnit         unit;

  AdwActionRow           *row;
  GtkSwitch              *enabled_switch;
  GtkSpinButton          *spin;
  GtkLabel               *unit_label;
  GtkLabel               *message;

  gboolean                stored_enabled;
  gint64                  stored_minutes;
  guint                   revert_id;    /* idle that puts back what is stored */
} RuleForm;

struct _CrmPlaybookPreferences
{
  AdwPreferencesPage parent_instance;

  /* template widgets */
  AdwPreferencesGroup *onboarding_group;
  AdwPreferencesGroup *service_group;
  AdwPreferencesGroup *satisfaction_group;
  AdwPreferencesGroup *regular_group;
  AdwPreferencesGroup *greetings_group;
  AdwPreferencesGroup *risk_group;

  /* owned */
  CrmContext          *context;
  GtkSizeGroup        *unit_size_group;  /* the unit labels, so the spin buttons line up */
  RuleForm             forms[CRM_PLAYBOOK_N_RULES];
  guint                n_forms;

  gboolean             loading;   /* the widgets are being filled: no saving */
  gboolean             saving;    /* our own change is being announced */
};

G_DEFINE_FINAL_TYPE (CrmPlaybookPreferences, crm_playbook_preferences, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- text ---- */

static gint64
unit_minutes (CrmPlaybookUnit unit)
{
  return unit == CRM_PLAYBOOK_UNIT_DAYS ? MINUTES_PER_DAY : MINUTES_PER_HOUR;
}

/* What the rule does with an offset of @n units, for the row's subtitle */
static char *
describe_offset (const char *key,
                 int         n)
{
  gulong count = (gulong) MAX (n, 0);

  if (g_str_has_prefix (key, "onboarding_"))
    {
      if (n == 0)
        return g_strdup (_("On the day of the first deal"));
      /* Translators: what an onboarding rule of the playbook does, e.g. "7 days after the first deal" */
      return g_strdup_printf (ngettext ("%d day after the first deal", "%d days after the first deal", count), n);
    }
  if (g_str_equal (key, "after_sales_visit"))
    {
      if (n == 0)
        return g_strdup (_("On the day a service ticket is resolved"));
      /* Translators: what a rule of the playbook does, e.g. "1 day after a service ticket is resolved" */
      return g_strdup_printf (ngettext ("%d day after a service ticket is resolved",
                                        "%d days after a service ticket is resolved", count), n);
    }
  if (g_str_equal (key, "complaint_followup"))
    /* Translators: what a rule of the playbook does, e.g. "2 hours after a complaint is resolved" */
    return g_strdup_printf (ngettext ("%d hour after a complaint is resolved",
                                      "%d hours after a complaint is resolved", count), n);
  if (g_str_equal (key, "satisfaction_low"))
    /* Translators: what a rule of the playbook does, e.g. "24 hours after the result, by the supervisor" */
    return g_strdup_printf (ngettext ("%d hour after the result, by the supervisor",
                                      "%d hours after the result, by the supervisor", count), n);
  if (g_str_has_prefix (key, "satisfaction_"))
    /* Translators: what a rule of the playbook does, e.g. "7 days after the result" */
    return g_strdup_printf (ngettext ("%d day after the result", "%d days after the result", count), n);
  if (g_str_equal (key, "key_account_review") || g_str_equal (key, "regular_review") ||
      g_str_equal (key, "care_touch") || g_str_equal (key, "vip_visit"))
    /* Translators: how often a regular rule of the playbook plans a follow-up, e.g. "Every 30 days" */
    return g_strdup_printf (ngettext ("Every %d day", "Every %d days", count), n);
  if (g_str_equal (key, "birthday_greeting"))
    {
      if (n == 0)
        return g_strdup (_("On the birthday"));
      /* Translators: what a rule of the playbook does, e.g. "1 day before the birthday" */
      return g_strdup_printf (ngettext ("%d day before the birthday", "%d days before the birthday", count), n);
    }
  if (g_str_equal (key, "anniversary_greeting"))
    {
      if (n == 0)
        return g_strdup (_("On the anniversary"));
      /* Translators: what a rule of the playbook does, e.g. "1 day before the anniversary" */
      return g_strdup_printf (ngettext ("%d day before the anniversary", "%d days before the anniversary", count), n);
    }
  if (g_str_equal (key, "holiday_greeting"))
    {
      if (n == 0)
        return g_strdup (_("On the public holiday"));
      /* Translators: what a rule of the playbook does, e.g. "3 days before a public holiday" */
      return g_strdup_printf (ngettext ("%d day before a public holiday", "%d days before a public holiday", count), n);
    }
  if (g_str_equal (key, "at_risk_analysis"))
    /* Translators: what a rule of the playbook does, e.g. "24 hours after the customer is found at risk, by the supervisor" */
    return g_strdup_printf (ngettext ("%d hour after the customer is found at risk, by the supervisor",
                                      "%d hours after the customer is found at risk, by the supervisor", count), n);
  if (g_str_has_prefix (key, "no_contact_"))
    /* Translators: what a rule of the playbook does, e.g. "After 15 days without contact" */
    return g_strdup_printf (ngettext ("After %d day without contact", "After %d days without contact", count), n);

  return NULL;
}

static const char *
unit_text (CrmPlaybookUnit unit,
           int             n)
{
  gulong count = (gulong) MAX (n, 0);

  if (unit == CRM_PLAYBOOK_UNIT_DAYS)
    /* Translators: the unit after the offset of a playbook rule: "[ 7 ] days" */
    return ngettext ("day", "days", count);
  /* Translators: the unit after the offset of a playbook rule: "[ 24 ] hours" */
  return ngettext ("hour", "hours", count);
}

/* ---- the rows ---- */

static int
stored_units (RuleForm *form)
{
  return (int) (form->stored_minutes / unit_minutes (form->unit));
}

static void
update_explanation (RuleForm *form)
{
  g_autofree char *subtitle = describe_offset (form->key, stored_units (form));

  adw_action_row_set_subtitle (form->row, subtitle != NULL ? subtitle : "");
  gtk_label_set_label (form->unit_label,
                       unit_text (form->unit, gtk_spin_button_get_value_as_int (form->spin)));
  gtk_widget_set_sensitive (GTK_WIDGET (form->spin), form->stored_enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (form->unit_label), form->stored_enabled);
}

/* Shows what is stored */
static void
fill_form (RuleForm *form)
{
  CrmPlaybookPreferences *self = form->self;
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  gtk_switch_set_active (form->enabled_switch, form->stored_enabled);
  gtk_spin_button_set_value (form->spin, (double) stored_units (form));
  self->loading = was_loading;
  update_explanation (form);
}

static gboolean
revert_cb (gpointer data)
{
  RuleForm *form = data;

  form->revert_id = 0;
  fill_form (form);
  return G_SOURCE_REMOVE;
}

/* Puts back what is stored once the signal being handled is over: the
 * adjustment's ::value-changed and ::notify do not recurse, so a value set
 * from their handlers would be announced again after the guard is gone. */
static void
revert_later (RuleForm *form)
{
  if (form->revert_id == 0)
    form->revert_id = g_idle_add_full (G_PRIORITY_DEFAULT, revert_cb, form, NULL);
}

static void
add_toast (CrmPlaybookPreferences *self,
           const char             *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
  else
    g_warning ("%s", title);
}

/* The switch or the offset changed: check the offset, show what is wrong at
 * the row (and put the stored one back), save if it is right. */
static void
form_changed (RuleForm *form)
{
  CrmPlaybookPreferences *self = form->self;
  g_autoptr(GError) error = NULL;
  gboolean enabled;
  gint64 minutes;

  if (self->loading)
    return;
  g_clear_handle_id (&form->revert_id, g_source_remove);

  enabled = gtk_switch_get_active (form->enabled_switch);
  minutes = (gint64) gtk_spin_button_get_value_as_int (form->spin) * unit_minutes (form->unit);

  if (!crm_playbook_validate_offset (form->key, minutes, &error))
    {
      crm_field_message_set (GTK_WIDGET (form->row), form->message, error->message);
      update_explanation (form);
      revert_later (form);
      return;
    }
  crm_field_message_set (GTK_WIDGET (form->row), form->message, NULL);

  if (!enabled == !form->stored_enabled && minutes == form->stored_minutes)
    {
      update_explanation (form);
      return;
    }

  self->saving = TRUE;
  if (!crm_playbook_set_rule (crm_context_get_store (self->context), form->key, enabled, minutes, &error))
    {
      g_autofree char *title = NULL;

      self->saving = FALSE;
      /* Translators: a toast; %s is the reason */
      title = g_strdup_printf (_("Could not save the rule: %s"), error->message);
      add_toast (self, title);
      revert_later (form);
      return;
    }
  self->saving = FALSE;

  form->stored_enabled = enabled;
  form->stored_minutes = minutes;
  update_explanation (form);
}

static void
value_changed_cb (GtkSpinButton *spin,
                  RuleForm      *form)
{
  form_changed (form);
}

static void
active_changed_cb (GtkSwitch  *sw,
                   GParamSpec *pspec,
                   RuleForm   *form)
{
  form_changed (form);
}

static AdwPreferencesGroup *
group_for_key (CrmPlaybookPreferences *self,
               const char             *key)
{
  if (g_str_has_prefix (key, "onboarding_"))
    return self->onboarding_group;
  if (g_str_equal (key, "after_sales_visit") || g_str_equal (key, "complaint_followup"))
    return self->service_group;
  if (g_str_has_prefix (key, "satisfaction_"))
    return self->satisfaction_group;
  if (g_str_has_suffix (key, "_greeting"))
    return self->greetings_group;
  if (g_str_equal (key, "at_risk_analysis") || g_str_has_prefix (key, "no_contact_"))
    return self->risk_group;
  return self->regular_group;
}

/* "Title / what it does   [ 7 ] days  (switch)" */
static void
build_form (CrmPlaybookPreferences *self,
            RuleForm               *form,
            const CrmPlaybookRule  *rule)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spin = gtk_spin_button_new (gtk_adjustment_new (0, 0, SPIN_UPPER, 1, 10, 0), 1, 0);
  GtkWidget *unit_label = gtk_label_new (NULL);
  GtkWidget *sw = gtk_switch_new ();
  g_autofree char *switch_name = NULL;
  g_autofree char *spin_name = NULL;

  form->self = self;
  form->unit = rule->unit;
  form->row = ADW_ACTION_ROW (row);
  form->spin = GTK_SPIN_BUTTON (spin);
  form->unit_label = GTK_LABEL (unit_label);
  form->enabled_switch = GTK_SWITCH (sw);

  /* Translators: the accessible name of the switch of a playbook rule; %s is its title */
  switch_name = g_strdup_printf (_("%s: on"), form->title);
  if (rule->unit == CRM_PLAYBOOK_UNIT_DAYS)
    /* Translators: the accessible name of the offset of a playbook rule in days; %s is its title */
    spin_name = g_strdup_printf (_("%s: days"), form->title);
  else
    /* Translators: the accessible name of the offset of a playbook rule in hours; %s is its title */
    spin_name = g_strdup_printf (_("%s: hours"), form->title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), form->title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_tooltip_text (spin, rule->offset_label);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, rule->offset_label, -1);

  gtk_widget_add_css_class (unit_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (unit_label), 0);
  gtk_size_group_add_widget (self->unit_size_group, unit_label);
  /* the spin button carries the unit in its accessible name */
  gtk_accessible_update_state (GTK_ACCESSIBLE (unit_label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (sw, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, switch_name, -1);

  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), unit_label);
  gtk_box_append (GTK_BOX (box), sw);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);

  adw_preferences_group_add (group_for_key (self, form->key), row);
  form->message = crm_field_message_add (row);

  g_signal_connect (spin, "value-changed", G_CALLBACK (value_changed_cb), form);
  g_signal_connect (sw, "notify::active", G_CALLBACK (active_changed_cb), form);
}

/* Reads the rules; @all also puts back the rows that show what the store
 * already holds (and hides their messages), else only the rows whose rule
 * changed elsewhere are refreshed. */
static void
load (CrmPlaybookPreferences *self,
      gboolean                all)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = crm_playbook_list_rules (crm_context_get_store (self->context), &error);

  if (rules == NULL)
    {
      g_warning ("Could not read the playbook: %s", error->message);
      return;
    }

  for (guint i = 0; i < rules->len && i < self->n_forms; i++)
    {
      CrmPlaybookRule *rule = rules->pdata[i];
      RuleForm *form = &self->forms[i];

      if (!g_str_equal (rule->key, form->key))
        continue;
      if (!all && !rule->enabled == !form->stored_enabled && rule->offset_minutes == form->stored_minutes)
        continue;
      form->stored_enabled = rule->enabled;
      form->stored_minutes = rule->offset_minutes;
      g_clear_handle_id (&form->revert_id, g_source_remove);
      crm_field_message_set (GTK_WIDGET (form->row), form->message, NULL);
      fill_form (form);
    }
}

static void
build (CrmPlaybookPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = crm_playbook_list_rules (crm_context_get_store (self->context), &error);

  if (rules == NULL)
    {
      g_warning ("Could not read the playbook: %s", error->message);
      return;
    }

  for (guint i = 0; i < rules->len && i < CRM_PLAYBOOK_N_RULES; i++)
    {
      CrmPlaybookRule *rule = rules->pdata[i];
      RuleForm *form = &self->forms[i];

      form->key = crm_playbook_rule_key (i);
      g_return_if_fail (g_strcmp0 (form->key, rule->key) == 0);
      form->title = crm_playbook_rule_title (form->key);
      build_form (self, form, rule);
      self->n_forms = i + 1;
    }

  load (self, TRUE);
}

/* ---- signals ---- */

static void
store_changed_cb (CrmPlaybookPreferences *self,
                  int                     kind,
                  gint64                  id,
                  CrmStore               *store)
{
  if (kind == CRM_CHANGE_ALL)
    load (self, TRUE);
  else if (kind == CRM_CHANGE_SETTINGS && !self->saving)
    load (self, FALSE);
}

/* ---- the object ---- */

static void
crm_playbook_preferences_constructed (GObject *object)
{
  CrmPlaybookPreferences *self = CRM_PLAYBOOK_PREFERENCES (object);

  G_OBJECT_CLASS (crm_playbook_preferences_parent_class)->constructed (object);

  g_return_if_fail (CRM_IS_CONTEXT (self->context));
  build (self);
  g_signal_connect_object (crm_context_get_store (self->context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
crm_playbook_preferences_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CrmPlaybookPreferences *self = CRM_PLAYBOOK_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_playbook_preferences_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CrmPlaybookPreferences *self = CRM_PLAYBOOK_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_playbook_preferences_dispose (GObject *object)
{
  CrmPlaybookPreferences *self = CRM_PLAYBOOK_PREFERENCES (object);

  /* the spin buttons and switches hold pointers to the forms: silence them first */
  for (guint i = 0; i < self->n_forms; i++)
    {
      RuleForm *form = &self->forms[i];

      if (form->spin != NULL)
        g_signal_handlers_disconnect_by_data (form->spin, form);
      if (form->enabled_switch != NULL)
        g_signal_handlers_disconnect_by_data (form->enabled_switch, form);
      g_clear_handle_id (&form->revert_id, g_source_remove);
      form->spin = NULL;
      form->enabled_switch = NULL;
    }
  self->n_forms = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PLAYBOOK_PREFERENCES);
  g_clear_object (&self->unit_size_group);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_playbook_preferences_parent_class)->dispose (object);
}

static void
crm_playbook_preferences_class_init (CrmPlaybookPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_playbook_preferences_constructed;
  object_class->set_property = crm_playbook_preferences_set_property;
  object_class->get_property = crm_playbook_preferences_get_property;
  object_class->dispose = crm_playbook_preferences_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-playbook-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPlaybookPreferences, onboarding_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPlaybookPreferences, service_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPlaybookPreferences, satisfaction_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPlaybookPreferences, regular_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPlaybookPreferences, greetings_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPlaybookPreferences, risk_group);
}

static void
crm_playbook_preferences_init (CrmPlaybookPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->unit_size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}

CrmPlaybookPreferences *
crm_playbook_preferences_new (CrmContext *context)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  return g_object_new (CRM_TYPE_PLAYBOOK_PREFERENCES, "context", context, NULL);
}
