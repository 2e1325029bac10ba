/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm-context.h"

G_BEGIN_DECLS

/* Completing a follow-up asks, in a dialog over @parent's window, for the
 * result (required), the actual time (now unless changed), optionally the
 * customer's satisfaction 1–5 and the next step (what, when, kind; it becomes
 * the next follow-up in the same step), and why a late complaint follow-up is
 * late.  "Complete" stays off until all of it is right; messages show at the
 * fields once they are typed in.  A toast (inside a CrmWindow) says what was
 * done; errors become a toast too.  A follow-up that is done already (the
 * "Done" of a reminder) gets the same form, to add its result: "Save"
 * replaces what "Done" wrote (crm_store_amend_followup_result).
 *
 * The fields are named for tests: "followup-result", "followup-actual",
 * "followup-satisfaction", "followup-late-reason", "followup-next-step",
 * "followup-next-kind", "followup-next-planned". */
void crm_followup_complete_ask (GtkWidget  *parent,
                                CrmContext *context,
                                gint64      followup_id);

/* Skipping a follow-up asks for the reason (required; field
 * "followup-skip-reason"), then skips it. */
void crm_followup_skip_ask     (GtkWidget  *parent,
                                CrmContext *context,
                                gint64      followup_id);

/* Deletes the follow-up at once; the toast offers to undo it. */
void crm_followup_delete_with_undo (GtkWidget  *parent,
                                    CrmContext *context,
                                    gint64      followup_id);

/* Shows @toast (taken) in the CrmWindow @parent is in, or that its window is
 * transient for; dropped when there is none. */
void crm_followup_toast            (GtkWidget  *parent,
                                    AdwToast   *toast);

G_END_DECLS
