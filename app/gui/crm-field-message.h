/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Inline form messages: a row right under a field, inside the same boxed list,
 * hidden until there is something to say about the field. */

/* Adds the (hidden) message row under @row, which must already be in a boxed
 * list; returns its label. */
GtkLabel *crm_field_message_add (GtkWidget  *row);
/* Shows @message under @row (NULL hides it), marks the field as invalid for
 * assistive technologies and gives it the message as its description. */
void      crm_field_message_set (GtkWidget  *row,
                                 GtkLabel   *label,
                                 const char *message);

/* Closes @window once the message dialog being answered from has gone:
 * destroying a dialog's transient parent while it emits ::response leaves the
 * dialog pointing at a finalized window (GTK 4.8). */
void      crm_close_window_later (GtkWindow  *window);

/* Asks whether to throw away what was typed in @form; on "Discard", sets
 * *@closing and closes the form (after the question has gone). */
void      crm_form_ask_discard   (GtkWindow  *form,
                                  gboolean   *closing);

/* An entry row's text: NULL shows as empty; the text read back is a copy. */
void      crm_form_set_text      (AdwEntryRow *row,
                                  const char  *text);
char     *crm_form_get_text      (AdwEntryRow *row);

G_END_DECLS
