/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-health-trend"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm-health.h"
#include "crm-health-trend.h"

struct _CrmHealthTrend
{
  GtkWidget  parent_instance;

  GArray    *snapshots;   /* CrmHealthSnapshot */
};

G_DEFINE_FINAL_TYPE (CrmHealthTrend, crm_health_trend, GTK_TYPE_WIDGET)

#define LABEL_HEIGHT 18
#define BAR_MAX_WIDTH 36

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *rgba)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, rgba))
    gdk_rgba_parse (rgba, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static char *
month_label (const char *month)
{
  int year = 0, mon = 0;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (month, "%d-%d", &year, &mon) != 2)
    return g_strdup (month);
  date = g_date_time_new_local (year, mon, 1, 0, 0, 0);
  if (date == NULL)
    return g_strdup (month);
  /* Translators: a month under a bar of the health trend, see strftime(3): "Nov" or "11月" */
  return g_date_time_format (date, _("%b"));
}

static void
draw_text (CrmHealthTrend *self,
           GtkSnapshot    *snapshot,
           const char     *text,
           float           center_x,
           float           top,
           const GdkRGBA  *color)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (center_x - width / 2.0f, top));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
crm_health_trend_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CrmHealthTrend *self = CRM_HEALTH_TREND (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float chart_top = LABEL_HEIGHT, chart_bottom = height - LABEL_HEIGHT - 4;
  float slot, bar;
  GdkRGBA fg, dim, good, warn, bad, line;

  if (self->snapshots == NULL || self->snapshots->len == 0 || chart_bottom <= chart_top)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= 0.55f;
  line = fg;
  line.alpha *= 0.15f;
  lookup_color (widget, "success_color", &good);
  lookup_color (widget, "warning_color", &warn);
  lookup_color (widget, "error_color", &bad);

  slot = width / self->snapshots->len;
  bar = MIN (BAR_MAX_WIDTH, slot * 0.6f);

  /* the at-risk line: 60 */
  {
    float y = chart_bottom - (chart_bottom - chart_top) * CRM_HEALTH_AT_RISK / 100.0f;

    gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, y, width, 1));
  }

  for (guint i = 0; i < self->snapshots->len; i++)
    {
      const CrmHealthSnapshot *s = &g_array_index (self->snapshots, CrmHealthSnapshot, i);
      float center = slot * i + slot / 2;
      g_autofree char *month = month_label (s->month);

      draw_text (self, snapshot, month, center, chart_bottom + 4, &dim);
      if (s->has_score)
        {
          g_autofree char *score = g_strdup_printf ("%d", s->score);
          float top = chart_bottom - (chart_bottom - chart_top) * CLAMP (s->score, 0, 100) / 100.0f;
          CrmRisk risk = crm_health_risk_for (s->score);
          const GdkRGBA *color = risk == CRM_RISK_NONE ? &good : risk == CRM_RISK_LOW ? &warn : &bad;
          GskRoundedRect rect;

          gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (center - bar / 2, top, bar,
                                                                        MAX (2, chart_bottom - top)), 3);
          gtk_snapshot_push_rounded_clip (snapshot, &rect);
          gtk_snapshot_append_color (snapshot, color, &rect.bounds);
          gtk_snapshot_pop (snapshot);
          draw_text (self, snapshot, score, center, top - LABEL_HEIGHT, &fg);
        }
      else
        draw_text (self, snapshot, "—", center, chart_bottom - LABEL_HEIGHT, &dim);
    }
}

static void
update_accessible (CrmHealthTrend *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->snapshots != NULL && i < self->snapshots->len; i++)
    {
      const CrmHealthSnapshot *s = &g_array_index (self->snapshots, CrmHealthSnapshot, i);

      if (!s->has_score)
        continue;
      if (text->len > 0)
        g_string_append (text, _(", "));
      /* Translators: one month of the health trend, read by a screen reader: "2026-11: 74" */
      g_string_append_printf (text, _("%s: %d"), s->month, s->score);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Monthly health score"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->len > 0 ? text->str : _("No monthly scores yet"),
                                  -1);
}

void
crm_health_trend_set_snapshots (CrmHealthTrend *self,
                                GArray         *snapshots)
{
  g_return_if_fail (CRM_IS_HEALTH_TREND (self));

  g_clear_pointer (&self->snapshots, g_array_unref);
  if (snapshots != NULL)
    self->snapshots = g_array_ref (snapshots);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
crm_health_trend_new (void)
{
  return g_object_new (CRM_TYPE_HEALTH_TREND, NULL);
}

static void
crm_health_trend_finalize (GObject *object)
{
  CrmHealthTrend *self = CRM_HEALTH_TREND (object);

  g_clear_pointer (&self->snapshots, g_array_unref);

  G_OBJECT_CLASS (crm_health_trend_parent_class)->finalize (object);
}

static void
crm_health_trend_class_init (CrmHealthTrendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = crm_health_trend_finalize;
  widget_class->snapshot = crm_health_trend_snapshot;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/crm-health-trend.ui");
  gtk_widget_class_set_css_name (widget_class, "healthtrend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
crm_health_trend_init (CrmHealthTrend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_accessible (self);
}
