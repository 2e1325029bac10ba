/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-clock.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* 2026-11-20 10:00:00 in Asia/Shanghai (UTC+8), a Friday: "now" in every core test. */
#define CRM_TEST_NOW G_GINT64_CONSTANT (1795140000)

typedef struct {
  char     *dir;
  char     *path;
  CrmClock *clock;
  CrmStore *store;
} CrmTestDb;

/* A fresh database in a new temporary directory, with a fixed clock at CRM_TEST_NOW. */
CrmTestDb *crm_test_db_new      (void);
/* Closes the store and deletes the directory. */
void       crm_test_db_free     (CrmTestDb *db);
char      *crm_test_tmp_dir     (void);
void       crm_test_rm_rf       (const char *dir);
/* One value of the first row of @sql, as text (NULL for SQL NULL). */
char      *crm_test_query_text  (CrmStore   *store,
                                 const char *sql);
/* A new customer with its primary contact (either may be NULL), saved as the
 * window saves it; the test fails if it cannot be */
gint64     crm_test_create_customer (CrmStore   *store,
                                     const char *name,
                                     const char *contact,
                                     const char *phone);
/* Every customer's search terms listed in customer_terms, and only those */
void       crm_test_assert_terms_listed (CrmStore *store);
gint64     crm_test_query_int   (CrmStore   *store,
                                 const char *sql);

/* The same with the SQL made from a printf format. */
gint64     crm_test_query_intf  (CrmStore   *store,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (2, 3);
char      *crm_test_query_textf (CrmStore   *store,
                                 const char *format,
                                 ...) G_GNUC_PRINTF (2, 3);
/* "YYYY-MM-DD HH:MM" in Asia/Shanghai, as unix time (the test fails on other text). */
gint64     crm_test_time        (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTestDb, crm_test_db_free)

G_END_DECLS
