/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

typedef void (*CrmTicketResolvedFunc) (gpointer owner,
                                       gint64   ticket_id,
                                       gint64   followup_id);  /* 0: none planned */

/* Resolving a ticket asks how it was solved (required) and what the customer
 * was given (optional) in a dialog over @parent's window; on "Resolve" the
 * ticket is resolved (with a complaint's follow-up call), a toast says so and
 * @callback runs with @owner (a GObject, the board or the detail page) if that
 * still exists.  Errors become a toast. */
void crm_ticket_resolve_ask (GtkWidget             *parent,
                             CrmContext            *context,
                             gint64                 ticket_id,
                             CrmTicketResolvedFunc  callback,
                             gpointer               owner);

G_END_DECLS
