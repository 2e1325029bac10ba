/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE_PAGE (crm_timeline_page_get_type ())
G_DECLARE_FINAL_TYPE (CrmTimelinePage, crm_timeline_page, CRM, TIMELINE_PAGE, AdwBin)

CrmTimelinePage *crm_timeline_page_new          (CrmContext      *context);
/* Narrows the timeline to one customer (0: every customer). */
void             crm_timeline_page_set_customer (CrmTimelinePage *self,
                                                 gint64           customer_id,
                                                 const char      *customer_name);
/* Scrolls to the first interaction at or before the end of @date's day. */
void             crm_timeline_page_jump_to_date (CrmTimelinePage *self,
                                                 GDateTime       *date);
GListModel      *crm_timeline_page_get_model    (CrmTimelinePage *self);

G_END_DECLS
