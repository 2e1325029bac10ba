/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A single selection over a lazy list that never walks the list.  GTK 4.8's
 * GtkSingleSelection looks for the selected item among all the rows a change
 * reports, which for a list of 2 million rows paged from SQL means loading
 * them all; this one keeps the selected position instead (clamped to the list
 * when it shrinks) and forgets it only when that row is removed outright. */
#define CRM_TYPE_PLAIN_SELECTION (crm_plain_selection_get_type ())
G_DECLARE_FINAL_TYPE (CrmPlainSelection, crm_plain_selection, CRM, PLAIN_SELECTION, GObject)

/* Takes @model. */
CrmPlainSelection *crm_plain_selection_new               (GListModel        *model);
guint              crm_plain_selection_get_selected      (CrmPlainSelection *self);
void               crm_plain_selection_set_selected      (CrmPlainSelection *self,
                                                          guint              position);
/* The selected item (a new reference), or NULL. */
gpointer           crm_plain_selection_get_selected_item (CrmPlainSelection *self);

G_END_DECLS
