/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the "Log Interaction" form reads besides its draft: the contacts to
 * choose from, and times, due dates and durations as people type them. */
#include <string.h>

#include "crm-interaction-form.h"
#include "crm-store-contacts.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"

/* 2026-11-20 14:30 in Asia/Shanghai (the tests run with TZ=Asia/Shanghai) */
#define T_1430 G_GINT64_CONSTANT (1795156200)

static void
assert_time (const char *text,
             gint64      expected)
{
  gint64 when = -1;
  g_autofree char *message = crm_interaction_parse_time (text, &when);

  g_assert_null (message);
  g_assert_cmpint (when, ==, expected);
}

static void
assert_time_refused (const char *text,
                     const char *part)
{
  gint64 when = 42;
  g_autofree char *message = crm_interaction_parse_time (text, &when);

  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, part));
  g_assert_cmpint (when, ==, 42);   /* untouched */
}

static void
assert_due (const char *text,
            gint64      expected)
{
  gint64 when = -1;
  g_autofree char *message = crm_interaction_parse_due (text, &when);

  g_assert_null (message);
  g_assert_cmpint (when, ==, expected);
}

static void
assert_due_refused (const char *text)
{
  gint64 when = 42;
  g_autofree char *message = crm_interaction_parse_due (text, &when);

  g_assert_nonnull (message);
  g_assert_cmpint (when, ==, 42);
}

static void
test_format_time (void)
{
  g_autofree char *text = crm_interaction_format_time (T_1430);
  g_autofree char *now = crm_interaction_format_time (CRM_TEST_NOW);

  g_assert_cmpstr (text, ==, "2026-11-20 14:30");
  g_assert_cmpstr (now, ==, "2026-11-20 10:00");
  /* what is shown reads back as the same minute */
  assert_time (text, T_1430);
}

static void
test_parse_time (void)
{
  assert_time ("2026-11-20 14:30", T_1430);
  assert_time ("  2026-11-20   14:30 ", T_1430);
  assert_time ("2026/11/20 14:30", T_1430);
  assert_time ("2026.11.20 14:30", T_1430);
  assert_time ("2026-11-20T14:30", T_1430);
  assert_time ("2026-11-20 14:30", T_1430);
  assert_time ("２０２６－１１－２０　１４：３０", T_1430);   /* full-width, ideographic space */
  assert_time ("2026-11-20 9:05", T_1430 - 5 * 3600 - 25 * 60);
  assert_time ("2026-1-5 00:00", G_GINT64_CONSTANT (1767542400));
  assert_time ("2024-02-29 12:00", G_GINT64_CONSTANT (1709179200));

  /* required, with a time, in this format */
  assert_time_refused (NULL, "2026-11-20 14:30");
  assert_time_refused ("", "2026-11-20 14:30");
  assert_time_refused ("   ", "2026-11-20 14:30");
  assert_time_refused ("2026-11-20", "YYYY-MM-DD HH:MM");
  assert_time_refused ("20-11-2026 14:30", "YYYY-MM-DD HH:MM");
  assert_time_refused ("2026-11-20 14", "YYYY-MM-DD HH:MM");
  assert_time_refused ("2026-11-20 14:3", "YYYY-MM-DD HH:MM");
  assert_time_refused ("2026-11-20 14:30:15", "YYYY-MM-DD HH:MM");
  assert_time_refused ("2026-11-20 2pm", "YYYY-MM-DD HH:MM");
  assert_time_refused ("yesterday", "YYYY-MM-DD HH:MM");
  assert_time_refused ("2026-111-20 14:30", "YYYY-MM-DD HH:MM");
  assert_time_refused ("2026-11-20 14:30 下午", "YYYY-MM-DD HH:MM");
  /* dates and times that do not exist */
  assert_time_refused ("2026-02-29 10:00", "no such date");
  assert_time_refused ("2026-13-01 10:00", "no such date");
  assert_time_refused ("2026-04-31 10:00", "no such date");
  assert_time_refused ("2026-00-10 10:00", "no such date");
  assert_time_refused ("1899-12-31 10:00", "no such date");
  assert_time_refused ("2026-11-20 24:00", "no such time");
  assert_time_refused ("2026-11-20 12:60", "no such time");
}

static void
test_parse_due (void)
{
  /* empty: no due date */
  assert_due (NULL, 0);
  assert_due ("", 0);
  assert_due (" \t", 0);
  /* with a time, or a day alone at the start of the working day */
  assert_due ("2026-11-20 14:30", T_1430);
  assert_due ("2026-11-20", T_1430 - 14 * 3600 - 30 * 60 + CRM_INTERACTION_DUE_DEFAULT_HOUR * 3600);
  assert_due ("2026/11/20", T_1430 - 14 * 3600 - 30 * 60 + CRM_INTERACTION_DUE_DEFAULT_HOUR * 3600);
  assert_due ("２０２６／１１／２０", T_1430 - 14 * 3600 - 30 * 60 + CRM_INTERACTION_DUE_DEFAULT_HOUR * 3600);
}

static void
test_parse_due_refused (void)
{
  assert_due_refused ("next week");
  assert_due_refused ("11-27");
  assert_due_refused ("2026-11-31");
  assert_due_refused ("2026-11-27 25:00");
  assert_due_refused ("2026-11-27 9");
}

static void
test_parse_duration (void)
{
  int minutes = 0;
  char *message;

  g_assert_null (crm_interaction_parse_duration (NULL, &minutes));
  g_assert_cmpint (minutes, ==, -1);
  g_assert_null (crm_interaction_parse_duration ("  ", &minutes));
  g_assert_cmpint (minutes, ==, -1);
  g_assert_null (crm_interaction_parse_duration ("30", &minutes));
  g_assert_cmpint (minutes, ==, 30);
  g_assert_null (crm_interaction_parse_duration (" 0 ", &minutes));
  g_assert_cmpint (minutes, ==, 0);
  g_assert_null (crm_interaction_parse_duration ("４５", &minutes));
  g_assert_cmpint (minutes, ==, 45);
  g_assert_null (crm_interaction_parse_duration ("999999", &minutes));
  g_assert_cmpint (minutes, ==, 999999);

  minutes = 7;
  for (guint i = 0; i < 6; i++)
    {
      static const char *bad[] = { "half an hour", "-5", "1.5", "30 min", "1000000", "3 0" };

      message = crm_interaction_parse_duration (bad[i], &minutes);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "whole minutes"));
      g_free (message);
      g_assert_cmpint (minutes, ==, 7);
    }
}

static gint64
add_contact (CrmStore   *store,
             gint64      customer_id,
             const char *name,
             const char *title,
             gboolean    primary)
{
  g_auto(CrmContactDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_contact_draft_init (&draft);
  draft.name = g_strdup (name);
  draft.title = g_strdup (title);
  draft.role = CRM_CONTACT_ROLE_INFLUENCER;
  draft.is_primary = primary;
  id = crm_store_save_contact (store, customer_id, 0, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_list_contacts (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) other_contacts = NULL;
  CrmContactChoice *c;
  g_autofree char *label0 = NULL;
  g_autofree char *label1 = NULL;
  gint64 customer, other, wang, li, zhao;

  crm_customer_draft_init (&draft);
  draft.name = g_strdup ("华东精密机械有限公司");
  customer = crm_store_create_customer (db->store, &draft, &error);
  g_assert_no_error (error);
  g_clear_pointer (&draft.name, g_free);
  draft.name = g_strdup ("Other Ltd");
  other = crm_store_create_customer (db->store, &draft, &error);
  g_assert_no_error (error);

  /* a customer without contacts: an empty list */
  none = crm_store_list_contacts (db->store, customer);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);

  wang = add_contact (db->store, customer, "王伟", "采购经理", FALSE);   /* the first: primary */
  li = add_contact (db->store, customer, "李娜", NULL, FALSE);
  zhao = add_contact (db->store, customer, "赵敏", "CTO", TRUE);         /* takes the primary role */
  add_contact (db->store, other, "Someone Else", NULL, FALSE);

  /* primary first, then the oldest; only this customer's */
  contacts = crm_store_list_contacts (db->store, customer);
  g_assert_cmpuint (contacts->len, ==, 3);
  c = contacts->pdata[0];
  g_assert_cmpint (c->id, ==, zhao);
  g_assert_true (c->is_primary);
  g_assert_cmpstr (c->title, ==, "CTO");
  g_assert_cmpint (c->role, ==, CRM_CONTACT_ROLE_INFLUENCER);
  g_assert_cmpint (((CrmContactChoice *) contacts->pdata[1])->id, ==, wang);
  g_assert_false (((CrmContactChoice *) contacts->pdata[1])->is_primary);
  g_assert_cmpint (((CrmContactChoice *) contacts->pdata[2])->id, ==, li);

  label0 = crm_contact_choice_to_label (contacts->pdata[0]);
  label1 = crm_contact_choice_to_label (contacts->pdata[2]);
  g_assert_cmpstr (label0, ==, "赵敏 · CTO");
  g_assert_cmpstr (label1, ==, "李娜");

  other_contacts = crm_store_list_contacts (db->store, other);
  g_assert_cmpuint (other_contacts->len, ==, 1);
  g_assert_cmpstr (((CrmContactChoice *) other_contacts->pdata[0])->name, ==, "Someone Else");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interaction-form/format-time", test_format_time);
  g_test_add_func ("/interaction-form/parse-time", test_parse_time);
  g_test_add_func ("/interaction-form/parse-due", test_parse_due);
  g_test_add_func ("/interaction-form/parse-due-refused", test_parse_due_refused);
  g_test_add_func ("/interaction-form/parse-duration", test_parse_duration);
  g_test_add_func ("/interaction-form/list-contacts", test_list_contacts);

  return g_test_run ();
}
