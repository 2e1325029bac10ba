/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 'RAPT': marks a database file as Rapport's (PRAGMA application_id). */
#define CRM_SCHEMA_APPLICATION_ID 0x52415054

guint        crm_schema_get_n_migrations (void);
const char  *crm_schema_get_migration    (guint version);

G_END_DECLS
