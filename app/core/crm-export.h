/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* CSV export of one table (DESIGN.md, "Command line"): customers, contacts,
 * interactions, tickets or followups.
 *
 * - RFC 4180: comma-separated, CRLF line ends, a field with a quote, comma,
 *   CR or LF is quoted and its quotes doubled; a header row first.
 * - Timestamps: ISO 8601 in local time with the UTC offset
 *   ("2026-11-20T10:00:00+08:00"); dates as stored ("2026-11-20"); empty when
 *   not set.
 * - Enumerations as stable English keys, never translated (status "in_progress",
 *   category "complaint", tier "vip" …); levels, scores and counts as numbers;
 *   yes/no flags as 1 and 0; money as yuan with two decimals ("1234.50").
 * - Rows are read and written one at a time (a table is never held in
 *   memory), into a temporary file beside @path, renamed over it at the end;
 *   the file is created mode 0600.  On failure nothing is left behind. */

/* The table names, NULL-terminated. */
const char * const *crm_export_get_tables (void);
gboolean            crm_export_is_table   (const char  *table);

/* @bom: start with a UTF-8 byte order mark (what spreadsheet programs on
 * Windows need to read UTF-8).  An unknown @table is CRM_STORE_ERROR_INVALID,
 * with the valid names in the message. */
gboolean            crm_export_csv        (CrmStore    *store,
                                           const char  *table,
                                           const char  *path,
                                           gboolean     bom,
                                           GError     **error);

/* Appends @value to @out as one CSV field, quoted when needed. */
void                crm_csv_append_field  (GString     *out,
                                           const char  *value);
/* ISO 8601 with the local UTC offset; NULL when out of range. */
char               *crm_csv_format_time   (gint64       unix_seconds);

G_END_DECLS
