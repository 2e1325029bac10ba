/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm-context.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

/* One column of the ticket board: its title and count, and the cards of one
 * status, most urgent first.  A card dropped on it asks to move there
 * ("move-ticket"); Enter or a double click opens a card ("open-ticket"); the
 * Menu key, Shift+F10 or a right click shows the card's menu (Open, Move to …),
 * whose items are the board's actions "tickets.open" and "tickets.move". */
#define CRM_TYPE_TICKET_COLUMN (crm_ticket_column_get_type ())
G_DECLARE_FINAL_TYPE (CrmTicketColumn, crm_ticket_column, CRM, TICKET_COLUMN, GtkWidget)

CrmTicketColumn *crm_ticket_column_new          (CrmContext      *context,
                                                 CrmPagedModel   *model,
                                                 CrmTicketStatus  status);
CrmTicketStatus  crm_ticket_column_get_status   (CrmTicketColumn *self);
CrmPagedModel   *crm_ticket_column_get_model    (CrmTicketColumn *self);
/* Moves every shown card's clock on to the store's now. */
void             crm_ticket_column_update_clocks (CrmTicketColumn *self);
/* The ticket of the selected card, or 0. */
gint64           crm_ticket_column_get_selected (CrmTicketColumn *self);
/* Selects and focuses the card of @ticket_id if the column shows it. */
gboolean         crm_ticket_column_focus_ticket (CrmTicketColumn *self,
                                                 gint64           ticket_id);
/* Opens the menu of the selected card (what Shift+F10 does). */
void             crm_ticket_column_popup_menu   (CrmTicketColumn *self);

G_END_DECLS
