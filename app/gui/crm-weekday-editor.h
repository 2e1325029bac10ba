/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* A small dialog that edits the working hours of one weekday: any number of
 * start–end times, checked at each field, saved together. */
#define CRM_TYPE_WEEKDAY_EDITOR (crm_weekday_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmWeekdayEditor, crm_weekday_editor, CRM, WEEKDAY_EDITOR, AdwWindow)

/* @iso_weekday: 1 = Monday … 7 = Sunday */
CrmWeekdayEditor *crm_weekday_editor_new (CrmContext *context,
                                          int         iso_weekday);

G_END_DECLS
