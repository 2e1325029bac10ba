/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_APPLICATION (crm_application_get_type ())
G_DECLARE_FINAL_TYPE (CrmApplication, crm_application, CRM, APPLICATION, AdwApplication)

CrmApplication *crm_application_new (void);

/* The GSettings of the app, from the installed schema or, when run from the
 * build tree, the schema compiled there; NULL if neither exists. */
GSettings      *crm_application_load_settings (void);
/* A database of an earlier version at least this big (64 MiB) is updated in
 * a thread behind a window saying so; for tests. */
void            crm_application_set_update_notice_size (CrmApplication *self,
                                                        guint64         bytes);


G_END_DECLS
