/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-interaction.h"
#include "crm-paged-model.h"

G_BEGIN_DECLS

typedef struct {
  gint64  customer_id;    /* 0: every customer */
  int     channel;        /* a CrmChannel, or -1 for every channel */
  gint64  owner_id;       /* 0: every owner */
  gint64  from;           /* unix seconds, inclusive; 0: no start */
  gint64  until;          /* unix seconds, exclusive; 0: up to now and later */
  int     satisfaction;   /* 1–5 exactly, or 0 for any */
  gint64  category_id;    /* 0: any feedback category */
  const char *text;       /* words in the subject, summary or feedback; NULL for all */
} CrmInteractionFilter;

#define CRM_INTERACTION_FILTER_INIT { 0, -1, 0, 0, 0, 0, 0, NULL }

/* Words found in more interactions than this are listed only when the other
 * filters keep at most CRM_INTERACTION_MAX_PER_ROW_MATCHES rows (one customer's
 * history); otherwise the search is too broad and the list stays empty. */
#define CRM_INTERACTION_MAX_TEXT_MATCHES 10000
#define CRM_INTERACTION_MAX_PER_ROW_MATCHES 3000

/* The Timeline: interactions newest first, filtered in SQL, paged by
 * (occurred_at, id); items are CrmInteraction. */
CrmPagedModel *crm_interaction_list_model_new        (CrmStore                   *store);
void           crm_interaction_list_model_set_filter (CrmPagedModel              *model,
                                                      const CrmInteractionFilter *filter);
/* TRUE after a search too broad to list (the list is then empty): the words
 * are in more than CRM_INTERACTION_MAX_TEXT_MATCHES interactions. */
gboolean       crm_interaction_list_model_get_too_broad     (CrmPagedModel *model);
/* The position of the first interaction at or before @when (newest-first order)
 * under the current filter: where "jump to date" scrolls.  The count of the
 * interactions after @when, from an index range. */
guint          crm_interaction_list_model_position_for_time (CrmPagedModel *model,
                                                             gint64         when);

G_END_DECLS
