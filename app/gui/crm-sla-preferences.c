/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-sla-preferences"

#include <glib/gi18n.h>

#include "crm-field-message.h"
#include "crm-sla-preferences.h"
#include "crm-sla.h"
#include "crm-types.h"
#include "crm-worktime.h"

#define N_LEVELS 3

/* The rows of one policy (a level, ordinary or VIP). */
typedef struct {
  CrmSlaPreferences *self;
  int                level;
  gboolean           vip;

  AdwExpanderRow    *expander;          /* VIP only: holds the rows below */
  AdwActionRow      *respond_row;
  GtkSpinButton     *respond_hours;
  GtkSpinButton     *respond_minutes;
  GtkLabel          *respond_message;
  AdwActionRow      *resolve_row;
  GtkSpinButton     *resolve_hours;
  GtkSpinButton     *resolve_minutes;
  GtkLabel          *resolve_message;
  AdwComboRow       *counts_row;

  CrmSlaPolicy       stored;            /* what the store holds */
} PolicyForm;

struct _CrmSlaPreferences
{
  AdwPreferencesPage parent_instance;

  /* template widgets */
  AdwPreferencesGroup *level1_group;
  AdwPreferencesGroup *level2_group;
  AdwPreferencesGroup *level3_group;
  AdwPreferencesGroup *vip_group;
  AdwActionRow        *vip_row;
  GtkSwitch           *vip_switch;

  /* owned */
  CrmContext          *context;
  PolicyForm           forms[2][N_LEVELS];   /* [vip][level - 1] */

  int                  working_day_minutes; /* the length of every working day; 0 if they differ */
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (CrmSlaPreferences, crm_sla_preferences, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The combo's items: index = working_time */
enum {
  COUNTS_AROUND_THE_CLOCK,
  COUNTS_WORKING_HOURS,
};

/* ---- text ---- */

static char *
format_minutes (gint64 minutes)
{
  int h = (int) (minutes / 60), m = (int) (minutes % 60);

  if (h == 0)
    return g_strdup_printf (ngettext ("%d min", "%d min", m), m);
  if (m == 0)
    return g_strdup_printf (ngettext ("%d h", "%d h", h), h);
  /* Translators: hours and minutes, e.g. "3 h 20 min" */
  return g_strdup_printf (_("%d h %d min"), h, m);
}

/* A target in working time as whole working days, or NULL: "3 working days of
 * 7 h 30 min" under a field, "3 working days" (@short_form) in a summary. */
static char *
format_working_days (CrmSlaPreferences *self,
                     gint64             minutes,
                     gboolean           short_form)
{
  gint64 days;
  g_autofree char *day = NULL;

  if (self->working_day_minutes <= 0 || minutes < self->working_day_minutes ||
      minutes % self->working_day_minutes != 0)
    return NULL;

  days = minutes / self->working_day_minutes;
  if (short_form)
    /* Translators: a service level target in working time, e.g. "3 working days" */
    return g_strdup_printf (ngettext ("%d working day", "%d working days", (gulong) days), (int) days);
  day = format_minutes (self->working_day_minutes);
  /* Translators: a service level target in working time, e.g. "3 working days of 7 h 30 min" */
  return g_strdup_printf (ngettext ("%d working day of %s", "%d working days of %s", (gulong) days),
                          (int) days, day);
}

static char *
level_label (int      level,
             gboolean vip)
{
  if (vip)
    /* Translators: the accessible name of a VIP service level, e.g. "VIP customers, Level 1 — Urgent" */
    return g_strdup_printf (_("VIP customers, %s"), crm_ticket_level_to_string (level));
  return g_strdup (crm_ticket_level_to_string (level));
}

/* ---- the form ---- */

static gint64
get_minutes (GtkSpinButton *hours,
             GtkSpinButton *minutes)
{
  return (gint64) gtk_spin_button_get_value_as_int (hours) * 60 + gtk_spin_button_get_value_as_int (minutes);
}

static void
set_minutes (GtkSpinButton *hours,
             GtkSpinButton *minutes,
             gint64         value)
{
  gtk_spin_button_set_value (hours, (double) (value / 60));
  gtk_spin_button_set_value (minutes, (double) (value % 60));
}

static void
collect_policy (PolicyForm   *form,
                CrmSlaPolicy *policy)
{
  CrmSlaPreferences *self = form->self;

  policy->level = form->level;
  policy->vip = form->vip;
  policy->respond_minutes = get_minutes (form->respond_hours, form->respond_minutes);
  policy->resolve_minutes = get_minutes (form->resolve_hours, form->resolve_minutes);
  policy->working_time = adw_combo_row_get_selected (form->counts_row) == COUNTS_WORKING_HOURS;
  policy->enabled = form->vip ? gtk_switch_get_active (self->vip_switch) : TRUE;
}

static gboolean
policy_equal (const CrmSlaPolicy *a,
              const CrmSlaPolicy *b)
{
  return a->level == b->level && a->vip == b->vip &&
         a->respond_minutes == b->respond_minutes && a->resolve_minutes == b->resolve_minutes &&
         !a->working_time == !b->working_time && !a->enabled == !b->enabled;
}

/* The subtitles that explain the values: whole working days, and the summary of a VIP level. */
static void
update_explanations (PolicyForm *form)
{
  CrmSlaPreferences *self = form->self;
  CrmSlaPolicy policy;
  g_autofree char *respond_days = NULL;
  g_autofree char *resolve_days = NULL;

  collect_policy (form, &policy);
  if (policy.working_time)
    {
      respond_days = format_working_days (self, policy.respond_minutes, FALSE);
      resolve_days = format_working_days (self, policy.resolve_minutes, FALSE);
    }
  adw_action_row_set_subtitle (form->respond_row, respond_days != NULL ? respond_days : "");
  adw_action_row_set_subtitle (form->resolve_row, resolve_days != NULL ? resolve_days : "");

  if (form->expander != NULL)
    {
      /* the summary shows what is stored: what a ticket gets */
      g_autofree char *respond = NULL;
      g_autofree char *resolve = NULL;
      g_autofree char *summary = NULL;
      const CrmSlaPolicy *stored = &form->stored;

      respond = stored->working_time ? format_working_days (self, stored->respond_minutes, TRUE) : NULL;
      if (respond == NULL)
        respond = format_minutes (stored->respond_minutes);
      resolve = stored->working_time ? format_working_days (self, stored->resolve_minutes, TRUE) : NULL;
      if (resolve == NULL)
        resolve = format_minutes (stored->resolve_minutes);

      if (stored->working_time)
        /* Translators: the summary of a VIP service level, e.g. "Respond within 2 h, resolve within 2 working days, in working hours" */
        summary = g_strdup_printf (_("Respond within %s, resolve within %s, in working hours"), respond, resolve);
      else
        /* Translators: the summary of a VIP service level, e.g. "Respond within 30 min, resolve within 3 h" */
        summary = g_strdup_printf (_("Respond within %s, resolve within %s"), respond, resolve);
      adw_expander_row_set_subtitle (form->expander, summary);
    }
}

static void
show_message (PolicyForm  *form,
              CrmSlaField  field,
              const char  *message)
{
  crm_field_message_set (GTK_WIDGET (form->respond_row), form->respond_message,
                         field == CRM_SLA_FIELD_RESPOND ? message : NULL);
  crm_field_message_set (GTK_WIDGET (form->resolve_row), form->resolve_message,
                         field == CRM_SLA_FIELD_RESOLVE ? message : NULL);
}

static void
add_toast (CrmSlaPreferences *self,
           const char        *title)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (title));
  else
    g_warning ("%s", title);
}

/* Stores @policy if it differs from what is stored; a toast if that fails. */
static gboolean
save_policy (PolicyForm         *form,
             const CrmSlaPolicy *policy)
{
  CrmSlaPreferences *self = form->self;
  g_autoptr(GError) error = NULL;

  if (policy_equal (policy, &form->stored))
    return TRUE;
  if (!crm_sla_policy_save (crm_context_get_store (self->context), policy, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Could not save the service level: %s"), error->message);

      add_toast (self, title);
      return FALSE;
    }
  form->stored = *policy;
  return TRUE;
}

/* A field changed: check the whole level, show what is wrong at its field, save if it is right. */
static void
form_changed (PolicyForm *form)
{
  CrmSlaPreferences *self = form->self;
  g_autoptr(GError) error = NULL;
  CrmSlaField field = CRM_SLA_FIELD_NONE;
  CrmSlaPolicy policy;

  if (self->loading)
    return;

  collect_policy (form, &policy);
  if (!crm_sla_policy_validate (&policy, &field, &error))
    {
      if (field == CRM_SLA_FIELD_RESPOND || field == CRM_SLA_FIELD_RESOLVE)
        show_message (form, field, error->message);
      else
        add_toast (self, error->message);
      update_explanations (form);
      return;
    }

  show_message (form, CRM_SLA_FIELD_NONE, NULL);
  save_policy (form, &policy);
  update_explanations (form);
}

static void
value_changed_cb (GtkSpinButton *spin,
                  PolicyForm    *form)
{
  form_changed (form);
}

static void
counts_changed_cb (AdwComboRow *row,
                   GParamSpec  *pspec,
                   PolicyForm  *form)
{
  form_changed (form);
}

static GtkSpinButton *
spin_new (PolicyForm *form,
          double      upper,
          const char *accessible_name)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, upper, 1, 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), upper >= 100 ? 4 : 2);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  g_signal_connect (spin, "value-changed", G_CALLBACK (value_changed_cb), form);

  return GTK_SPIN_BUTTON (spin);
}

static GtkWidget *
unit_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  /* the spin buttons carry the unit in their accessible names */
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return label;
}

/* "Respond within  [ 1 ] h [ 30 ] min" */
static AdwActionRow *
duration_row_new (PolicyForm     *form,
                  const char     *title,
                  const char     *hours_name,
                  const char     *minutes_name,
                  GtkSpinButton **hours,
                  GtkSpinButton **minutes)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  *hours = spin_new (form, CRM_SLA_MAX_MINUTES / 60, hours_name);
  *minutes = spin_new (form, 59, minutes_name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*hours));
  /* Translators: the unit after the hours of a service level target */
  gtk_box_append (GTK_BOX (box), unit_label_new (C_("hours unit", "h")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*minutes));
  /* Translators: the unit after the minutes of a service level target */
  gtk_box_append (GTK_BOX (box), unit_label_new (C_("minutes unit", "min")));
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  return ADW_ACTION_ROW (row);
}

static void
add_row (PolicyForm *form,
         GtkWidget  *container,
         GtkWidget  *row)
{
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), row);
}

/* The rows of @form, added to @container (a group, or a VIP level's expander row). */
static void
build_form (CrmSlaPreferences *self,
            PolicyForm        *form,
            GtkWidget         *container)
{
  g_autofree char *level = level_label (form->level, form->vip);
  g_autofree char *respond_hours = NULL;
  g_autofree char *respond_minutes = NULL;
  g_autofree char *resolve_hours = NULL;
  g_autofree char *resolve_minutes = NULL;
  g_autofree char *counts_name = NULL;
  g_autoptr(GtkStringList) counts = gtk_string_list_new (NULL);

  /* Translators: accessible names of the fields of a service level; %s is the level, "Level 1 — Urgent" */
  respond_hours = g_strdup_printf (_("%s: hours to respond"), level);
  /* Translators: see "%s: hours to respond" */
  respond_minutes = g_strdup_printf (_("%s: minutes to respond"), level);
  /* Translators: see "%s: hours to respond" */
  resolve_hours = g_strdup_printf (_("%s: hours to resolve"), level);
  /* Translators: see "%s: hours to respond" */
  resolve_minutes = g_strdup_printf (_("%s: minutes to resolve"), level);
  /* Translators: see "%s: hours to respond"; the choice "Around the clock" / "Working hours" */
  counts_name = g_strdup_printf (_("%s: time counts"), level);

  form->respond_row = duration_row_new (form, _("Respond within"), respond_hours, respond_minutes,
                                        &form->respond_hours, &form->respond_minutes);
  add_row (form, container, GTK_WIDGET (form->respond_row));
  form->respond_message = crm_field_message_add (GTK_WIDGET (form->respond_row));

  form->resolve_row = duration_row_new (form, _("Resolve within"), resolve_hours, resolve_minutes,
                                        &form->resolve_hours, &form->resolve_minutes);
  add_row (form, container, GTK_WIDGET (form->resolve_row));
  form->resolve_message = crm_field_message_add (GTK_WIDGET (form->resolve_row));

  /* Translators: how a service level's clock runs: "Around the clock" or "Working hours" */
  gtk_string_list_append (counts, _("Around the clock"));
  /* Translators: how a service level's clock runs: "Around the clock" or "Working hours" */
  gtk_string_list_append (counts, _("Working hours"));
  form->counts_row = ADW_COMBO_ROW (adw_combo_row_new ());
  /* Translators: the title of the choice "Around the clock" / "Working hours" of a service level */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->counts_row), _("Counts"));
  adw_combo_row_set_model (form->counts_row, G_LIST_MODEL (counts));
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->counts_row), GTK_ACCESSIBLE_PROPERTY_LABEL, counts_name, -1);
  g_signal_connect (form->counts_row, "notify::selected", G_CALLBACK (counts_changed_cb), form);
  add_row (form, container, GTK_WIDGET (form->counts_row));
}

static void
fill_form (PolicyForm *form)
{
  set_minutes (form->respond_hours, form->respond_minutes, form->stored.respond_minutes);
  set_minutes (form->resolve_hours, form->resolve_minutes, form->stored.resolve_minutes);
  adw_combo_row_set_selected (form->counts_row,
                              form->stored.working_time ? COUNTS_WORKING_HOURS : COUNTS_AROUND_THE_CLOCK);
  show_message (form, CRM_SLA_FIELD_NONE, NULL);
}

static void
load_working_day (CrmSlaPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmWorkCalendar) cal = crm_work_calendar_load (crm_context_get_store (self->context), NULL, &error);

  self->working_day_minutes = 0;
  if (cal == NULL)
    {
      g_warning ("Could not read the working hours: %s", error->message);
      return;
    }

  /* only when every working weekday is as long as the others does "a working day" mean one length */
  for (int weekday = 1; weekday <= 7; weekday++)
    {
      guint n;
      const CrmWorkWindow *windows = crm_work_calendar_get_windows (cal, weekday, &n);
      int length = 0;

      for (guint i = 0; i < n; i++)
        length += windows[i].end_minute - windows[i].start_minute;
      if (length == 0)
        continue;
      if (self->working_day_minutes != 0 && self->working_day_minutes != length)
        {
          self->working_day_minutes = 0;
          return;
        }
      self->working_day_minutes = length;
    }
}

static void
load (CrmSlaPreferences *self)
{
  CrmStore *store = crm_context_get_store (self->context);
  gboolean vip_enabled = FALSE;

  self->loading = TRUE;
  load_working_day (self);

  for (int level = 1; level <= N_LEVELS; level++)
    {
      for (int vip = 0; vip <= 1; vip++)
        {
          PolicyForm *form = &self->forms[vip][level - 1];
          g_autoptr(GError) error = NULL;

          if (!crm_sla_policy_load_row (store, level, vip, &form->stored, &error))
            {
              g_autoptr(GError) ordinary_error = NULL;

              /* a VIP row that was never stored starts as a copy of the ordinary one, switched off */
              if (!vip || !crm_sla_policy_load_row (store, level, FALSE, &form->stored, &ordinary_error))
                {
                  g_warning ("Could not read the service level %d: %s", level, error->message);
                  form->stored = (CrmSlaPolicy) { level, vip, 60, 240, FALSE, TRUE };
                }
              form->stored.vip = vip;
              form->stored.enabled = !vip;
            }
          if (vip && form->stored.enabled)
            vip_enabled = TRUE;
          fill_form (form);
        }
    }

  gtk_switch_set_active (self->vip_switch, vip_enabled);
  for (int level = 1; level <= N_LEVELS; level++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->forms[1][level - 1].expander), vip_enabled);
  self->loading = FALSE;

  for (int level = 1; level <= N_LEVELS; level++)
    {
      update_explanations (&self->forms[0][level - 1]);
      update_explanations (&self->forms[1][level - 1]);
    }
}

/* ---- signals ---- */

static void
vip_active_cb (CrmSlaPreferences *self)
{
  gboolean active = gtk_switch_get_active (self->vip_switch);

  for (int level = 1; level <= N_LEVELS; level++)
    {
      PolicyForm *form = &self->forms[1][level - 1];
      CrmSlaPolicy policy;

      gtk_widget_set_sensitive (GTK_WIDGET (form->expander), active);
      if (!active)
        adw_expander_row_set_expanded (form->expander, FALSE);
      if (self->loading)
        continue;

      /* what the form shows if it is valid, else what was stored, now on or off */
      collect_policy (form, &policy);
      if (!crm_sla_policy_validate (&policy, NULL, NULL))
        {
          policy = form->stored;
          policy.enabled = active;
        }
      save_policy (form, &policy);
      update_explanations (form);
    }
}

static void
store_changed_cb (CrmSlaPreferences *self,
                  int                kind,
                  gint64             id,
                  CrmStore          *store)
{
  if (kind == CRM_CHANGE_ALL)
    {
      load (self);
      return;
    }
  if (kind != CRM_CHANGE_SETTINGS)
    return;

  /* the working hours may have changed: what is typed stays as it is */
  load_working_day (self);
  for (int level = 1; level <= N_LEVELS; level++)
    {
      update_explanations (&self->forms[0][level - 1]);
      update_explanations (&self->forms[1][level - 1]);
    }
}

/* ---- the object ---- */

static void
crm_sla_preferences_constructed (GObject *object)
{
  CrmSlaPreferences *self = CRM_SLA_PREFERENCES (object);

  G_OBJECT_CLASS (crm_sla_preferences_parent_class)->constructed (object);

  g_return_if_fail (CRM_IS_CONTEXT (self->context));
  g_signal_connect_object (crm_context_get_store (self->context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  load (self);
}

static void
crm_sla_preferences_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmSlaPreferences *self = CRM_SLA_PREFERENCES (object);

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
crm_sla_preferences_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmSlaPreferences *self = CRM_SLA_PREFERENCES (object);

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
crm_sla_preferences_dispose (GObject *object)
{
  CrmSlaPreferences *self = CRM_SLA_PREFERENCES (object);

  /* the spin buttons and combo rows hold pointers to the forms: silence them first */
  for (int vip = 0; vip <= 1; vip++)
    for (int level = 1; level <= N_LEVELS; level++)
      {
        PolicyForm *form = &self->forms[vip][level - 1];
        GObject *widgets[] = {
          G_OBJECT (form->respond_hours), G_OBJECT (form->respond_minutes),
          G_OBJECT (form->resolve_hours), G_OBJECT (form->resolve_minutes), G_OBJECT (form->counts_row),
        };

        for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
          if (widgets[i] != NULL)
            g_signal_handlers_disconnect_by_data (widgets[i], form);
      }

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SLA_PREFERENCES);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_sla_preferences_parent_class)->dispose (object);
}

static void
crm_sla_preferences_class_init (CrmSlaPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_sla_preferences_constructed;
  object_class->set_property = crm_sla_preferences_set_property;
  object_class->get_property = crm_sla_preferences_get_property;
  object_class->dispose = crm_sla_preferences_dispose;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-sla-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSlaPreferences, level1_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSlaPreferences, level2_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSlaPreferences, level3_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSlaPreferences, vip_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSlaPreferences, vip_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSlaPreferences, vip_switch);
}

static void
crm_sla_preferences_init (CrmSlaPreferences *self)
{
  AdwPreferencesGroup *groups[N_LEVELS];

  gtk_widget_init_template (GTK_WIDGET (self));

  groups[0] = self->level1_group;
  groups[1] = self->level2_group;
  groups[2] = self->level3_group;

  for (int level = 1; level <= N_LEVELS; level++)
    {
      PolicyForm *form = &self->forms[0][level - 1];
      PolicyForm *vip_form = &self->forms[1][level - 1];

      form->self = self;
      form->level = level;
      form->vip = FALSE;
      adw_preferences_group_set_title (groups[level - 1], crm_ticket_level_to_string (level));
      build_form (self, form, GTK_WIDGET (groups[level - 1]));

      vip_form->self = self;
      vip_form->level = level;
      vip_form->vip = TRUE;
      vip_form->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (vip_form->expander), crm_ticket_level_to_string (level));
      adw_preferences_group_add (self->vip_group, GTK_WIDGET (vip_form->expander));
      build_form (self, vip_form, GTK_WIDGET (vip_form->expander));
    }

  g_signal_connect_object (self->vip_switch, "notify::active", G_CALLBACK (vip_active_cb), self, G_CONNECT_SWAPPED);
}

CrmSlaPreferences *
crm_sla_preferences_new (CrmContext *context)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  return g_object_new (CRM_TYPE_SLA_PREFERENCES, "context", context, NULL);
}
