/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Today", "Yesterday", "3 days ago", "Nov 3" (this year) or "2024-03-18",
 * for a moment in the past as seen from @now (both local time). */
char *crm_format_last_contact (gint64     then,
                               GDateTime *now);

G_END_DECLS
