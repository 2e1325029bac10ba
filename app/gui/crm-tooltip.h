/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tooltips for what a view fills again and again: a list row being bound, the
 * entries of a calendar month.  GTK 4.8's gtk_widget_set_tooltip_text() asks the
 * display where the pointer is each time, a round trip to the X server; a month
 * of entries made ~170 of them per step.  The text given here is handed over
 * when GTK asks for it (GtkWidget::query-tooltip) and is the widget's accessible
 * description at once.  NULL or "" removes the tooltip. */
void        crm_tooltip_set      (GtkWidget  *widget,
                                  const char *text);
/* The text crm_tooltip_set() gave @widget, or NULL. */
const char *crm_tooltip_get_text (GtkWidget  *widget);

G_END_DECLS
