/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed summary's document model (crm-summary.h), without GTK: which
 * sections a customer summary has, in which order; contact details masked
 * unless asked for, and recorded as a reveal when printed; the interactions
 * beyond the profile's ten; an unknown code; the agenda of a week. */
#include "crm-store-customers.h"
#include "crm-store-followups.h"
#include "crm-store-interactions.h"
#include "crm-store-tickets.h"
#include "crm-summary.h"
#include "crm-test-util.h"

#define PHONE "13812345678"
#define EMAIL "zhangwei@example.com"

static gint64
create_customer (CrmStore *store)
{
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_customer_draft_init (&draft);
  draft.name = g_strdup ("上海张伟贸易有限公司");
  draft.industry = g_strdup ("贸易");
  draft.contact_name = g_strdup ("张伟");
  draft.phone = g_strdup (PHONE);
  draft.email = g_strdup (EMAIL);
  id = crm_store_create_customer (store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
add_interactions (CrmStore *store,
                  gint64    customer_id,
                  guint     n)
{
  for (guint i = 0; i < n; i++)
    {
      g_auto(CrmInteractionDraft) draft = { 0 };
      g_autoptr(GError) error = NULL;

      crm_interaction_draft_init (&draft);
      draft.customer_id = customer_id;
      draft.channel = CRM_CHANNEL_PHONE;
      /* one a day, the newest yesterday */
      draft.occurred_at = CRM_TEST_NOW - (gint64) (i + 1) * 86400;
      draft.subject = g_strdup_printf ("Call %02u", i + 1);
      draft.summary = g_strdup_printf ("Summary of call %02u", i + 1);
      g_assert_cmpint (crm_store_save_interaction (store, 0, &draft, &error), >, 0);
      g_assert_no_error (error);
    }
}

static const CrmSummaryBlock *
block_after_heading (const CrmSummaryDocument *doc,
                     const char               *heading,
                     CrmSummaryBlockKind       kind)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const CrmSummaryBlock *block = doc->blocks->pdata[i];

      if (block->kind == CRM_SUMMARY_BLOCK_HEADING && g_str_equal (block->text, heading))
        {
          for (guint j = i + 1; j < doc->blocks->len; j++)
            {
              const CrmSummaryBlock *next = doc->blocks->pdata[j];

              if (next->kind == CRM_SUMMARY_BLOCK_HEADING)
                return NULL;
              if (next->kind == kind)
                return next;
            }
        }
    }
  return NULL;
}

static void
test_sections (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;
  const char *order[] = {
    "Basic Information", "Contacts", "Needs & Preferences", "Health", "RFM", "Recent Interactions",
    "Open Tickets", "Follow-ups", "Satisfaction",
  };
  const char *last = NULL;
  gint64 id = create_customer (db->store);

  add_interactions (db->store, id, 3);
  {
    g_auto(CrmTicketDraft) ticket = { 0 };

    crm_ticket_draft_init (&ticket);
    ticket.customer_id = id;
    ticket.title = g_strdup ("数据同步中断");
    ticket.level = 1;
    ticket.category = CRM_TICKET_FAULT;
    g_assert_cmpint (crm_store_create_ticket (db->store, &ticket, &error), >, 0);
    g_assert_no_error (error);
  }
  {
    g_auto(CrmFollowupDraft) followup = { 0 };

    crm_followup_draft_init (&followup);
    followup.customer_id = id;
    followup.kind = CRM_FOLLOWUP_VISIT;
    followup.item = g_strdup ("季度回顾拜访");
    followup.planned_at = crm_test_time ("2026-11-25 15:00");
    g_assert_cmpint (crm_store_create_followup (db->store, &followup, &error), >, 0);
    g_assert_no_error (error);
  }

  doc = crm_summary_new_for_customer (db->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  code = crm_test_query_textf (db->store, "SELECT code FROM customers WHERE id = %" G_GINT64_FORMAT, id);

  /* the header: name, code, owner, printed on (the store's now) */
  g_assert_cmpstr (doc->title, ==, "上海张伟贸易有限公司");
  g_assert_cmpint (doc->printed_at, ==, CRM_TEST_NOW);
  g_assert_cmpint (doc->customer_id, ==, id);
  g_assert_nonnull (strstr (doc->running_head, code));
  g_assert_nonnull (strstr (doc->privacy_note, "personal data"));
  text = crm_summary_document_to_text (doc);
  g_assert_nonnull (strstr (text, code));
  g_assert_nonnull (strstr (text, "Printed on: 2026-11-20 10:00"));
  g_assert_nonnull (strstr (text, "Tier: "));
  g_assert_nonnull (strstr (text, "Owner: "));

  /* every section, in the profile's order */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *heading = g_strdup_printf ("\n# %s\n", order[i]);
      const char *at = strstr (text, heading);

      g_assert_nonnull (at);
      if (last != NULL)
        g_assert_true (at > last);
      last = at;
    }

  /* masked contact details, nothing to record */
  g_assert_null (strstr (text, PHONE));
  g_assert_null (strstr (text, EMAIL));
  g_assert_nonnull (strstr (text, "138****5678"));
  g_assert_nonnull (strstr (text, "z***@example.com"));
  g_assert_false (doc->shows_contacts);
  g_assert_true (crm_summary_record_reveal (db->store, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM audit_log WHERE action = 'reveal_contact'"),
                   ==, 0);

  /* the ticket with its SLA state (level 1: response within an hour), the follow-up overdue */
  {
    const CrmSummaryBlock *tickets = block_after_heading (doc, "Open Tickets", CRM_SUMMARY_BLOCK_TABLE);
    const CrmSummaryBlock *followups = block_after_heading (doc, "Follow-ups", CRM_SUMMARY_BLOCK_TABLE);
    const CrmSummaryRow *row;

    g_assert_nonnull (tickets);
    g_assert_cmpuint (tickets->rows->len, ==, 1);
    row = tickets->rows->pdata[0];
    g_assert_nonnull (strstr (row->cells[0], "数据同步中断"));
    g_assert_cmpstr (row->cells[4], ==, "Response in 1 h");
    g_assert_false (row->emphasis);

    g_assert_nonnull (followups);
    g_assert_cmpuint (followups->rows->len, ==, 1);
    row = followups->rows->pdata[0];
    g_assert_cmpstr (row->cells[0], ==, "2026-11-25 15:00");
    g_assert_cmpstr (row->cells[1], ==, "季度回顾拜访");
    g_assert_cmpstr (row->cells[4], ==, "Planned");
  }

  /* health: every indicator */
  {
    const CrmSummaryBlock *health = block_after_heading (doc, "Health", CRM_SUMMARY_BLOCK_TABLE);

    g_assert_nonnull (health);
    g_assert_cmpuint (health->rows->len, ==, 8);
    g_assert_cmpuint (health->columns->len, ==, 3);
  }
}

static void
test_show_contacts (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  CrmSummaryOptions options = CRM_SUMMARY_OPTIONS_INIT;
  gint64 id = create_customer (db->store);
  gint64 contact_id = crm_test_query_intf (db->store, "SELECT id FROM contacts WHERE customer_id = %" G_GINT64_FORMAT,
                                           id);

  options.show_contacts = TRUE;
  doc = crm_summary_new_for_customer (db->store, id, &options, &error);
  g_assert_no_error (error);
  g_assert_true (doc->shows_contacts);
  text = crm_summary_document_to_text (doc);
  g_assert_nonnull (strstr (text, PHONE));
  g_assert_nonnull (strstr (text, EMAIL));
  g_assert_null (strstr (text, "138****5678"));

  /* building it writes nothing; printing it is recorded as the profile records a reveal */
  g_assert_cmpint (crm_test_query_int (db->store, "SELECT count(*) FROM audit_log"), ==, 0);
  g_assert_true (crm_summary_record_reveal (db->store, doc, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_intf (db->store,
                                        "SELECT count(*) FROM audit_log WHERE action = 'reveal_contact'"
                                        " AND customer_id = %" G_GINT64_FORMAT " AND contact_id = %" G_GINT64_FORMAT
                                        " AND at = %" G_GINT64_FORMAT,
                                        id, contact_id, CRM_TEST_NOW),
                   ==, 1);
  reason = crm_test_query_text (db->store, "SELECT reason FROM audit_log");
  g_assert_cmpstr (reason, ==, "Printed the customer summary with contact details");
}

static void
test_interactions (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autoptr(CrmSummaryDocument) all = NULL;
  g_autofree char *text = NULL;
  CrmSummaryOptions options = CRM_SUMMARY_OPTIONS_INIT;
  const CrmSummaryBlock *table;
  gint64 id = create_customer (db->store);

  add_interactions (db->store, id, 30);

  /* by default the newest 25, newest first, on past the profile's ten */
  doc = crm_summary_new_for_customer (db->store, id, NULL, &error);
  g_assert_no_error (error);
  table = block_after_heading (doc, "Recent Interactions", CRM_SUMMARY_BLOCK_TABLE);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->rows->len, ==, CRM_SUMMARY_INTERACTIONS);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const CrmSummaryRow *row = table->rows->pdata[i];
      g_autofree char *subject = g_strdup_printf ("Call %02u", i + 1);
      g_autofree char *summary = g_strdup_printf ("Summary of call %02u", i + 1);

      g_assert_cmpstr (row->cells[2], ==, subject);
      g_assert_cmpstr (row->detail, ==, summary);
    }
  text = crm_summary_document_to_text (doc);
  g_assert_nonnull (strstr (text, "The newest 25 of 30 interactions."));

  /* all of them when asked: no note */
  options.max_interactions = 100;
  all = crm_summary_new_for_customer (db->store, id, &options, &error);
  g_assert_no_error (error);
  table = block_after_heading (all, "Recent Interactions", CRM_SUMMARY_BLOCK_TABLE);
  g_assert_cmpuint (table->rows->len, ==, 30);
  g_assert_cmpstr (((CrmSummaryRow *) table->rows->pdata[29])->cells[2], ==, "Call 30");
  g_clear_pointer (&text, g_free);
  text = crm_summary_document_to_text (all);
  g_assert_null (strstr (text, "The newest"));
}

static void
test_unknown_code (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autofree char *code = NULL;
  gint64 id = create_customer (db->store);

  doc = crm_summary_new_for_code (db->store, "CS1999999", NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "CS1999999"));
  g_clear_error (&error);

  /* a known one, typed with spaces around */
  code = crm_test_query_textf (db->store, "SELECT ' ' || code || ' ' FROM customers WHERE id = %" G_GINT64_FORMAT, id);
  doc = crm_summary_new_for_code (db->store, code, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpint (doc->customer_id, ==, id);
}

static void
test_agenda (void)
{
  g_autoptr(CrmTestDb) db = crm_test_db_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autofree char *text = NULL;
  gint64 id = create_customer (db->store);
  struct {
    const char *item;
    const char *at;
  } planned[] = {
    { "周一电话回访", "2026-11-16 09:30" },
    { "周五拜访", "2026-11-20 14:00" },
    { "周日问候", "2026-11-22 23:30" },
    { "下周一回访", "2026-11-23 00:00" },   /* after the week */
    { "上周日回访", "2026-11-15 23:59" },   /* before it */
  };
  gint64 done_id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (planned); i++)
    {
      g_auto(CrmFollowupDraft) followup = { 0 };
      gint64 fid;

      crm_followup_draft_init (&followup);
      followup.customer_id = id;
      followup.kind = CRM_FOLLOWUP_CALL;
      followup.item = g_strdup (planned[i].item);
      followup.planned_at = crm_test_time (planned[i].at);
      fid = crm_store_create_followup (db->store, &followup, &error);
      g_assert_no_error (error);
      if (i == 0)
        done_id = fid;
    }
  {
    g_auto(CrmFollowupResult) result = { 0 };

    crm_followup_result_init (&result);
    result.result = g_strdup ("已沟通");
    result.actual_at = crm_test_time ("2026-11-16 10:00");
    g_assert_true (crm_store_complete_followup (db->store, done_id, &result, NULL, &error));
    g_assert_no_error (error);
  }

  monday = g_date_time_new_from_unix_local (crm_test_time ("2026-11-16 00:00"));
  doc = crm_summary_new_agenda (db->store, monday, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->customer_id, ==, 0);
  g_assert_cmpstr (doc->subtitle, ==, "2026-11-16 – 2026-11-22");
  text = crm_summary_document_to_text (doc);

  /* a heading per day, each day's follow-ups with time, customer, item, kind, owner, status */
  {
    guint headings = 0;

    for (guint i = 0; i < doc->blocks->len; i++)
      headings += ((CrmSummaryBlock *) doc->blocks->pdata[i])->kind == CRM_SUMMARY_BLOCK_HEADING;
    g_assert_cmpuint (headings, ==, 7);
  }
  g_assert_nonnull (strstr (text, "# Monday, 2026-11-16\nTime | Customer | Item | Kind | Owner | Status\n"
                                  "09:30 | 上海张伟贸易有限公司 | 周一电话回访 | Call | "));
  g_assert_nonnull (strstr (text, " | Done\n"));
  g_assert_nonnull (strstr (text, "# Friday, 2026-11-20\n"));
  g_assert_nonnull (strstr (text, "14:00 | 上海张伟贸易有限公司 | 周五拜访 | Call"));
  g_assert_nonnull (strstr (text, "23:30 | 上海张伟贸易有限公司 | 周日问候 | Call"));
  g_assert_null (strstr (text, "下周一回访"));
  g_assert_null (strstr (text, "上周日回访"));
  g_assert_nonnull (strstr (text, "# Tuesday, 2026-11-17\nNothing planned\n"));

  /* one day */
  g_clear_pointer (&doc, crm_summary_document_free);
  g_clear_pointer (&text, g_free);
  {
    g_autoptr(GDateTime) friday = g_date_time_new_from_unix_local (crm_test_time ("2026-11-20 08:00"));

    doc = crm_summary_new_agenda (db->store, friday, 1, NULL, &error);
  }
  g_assert_no_error (error);
  text = crm_summary_document_to_text (doc);
  g_assert_nonnull (strstr (text, "周五拜访"));
  g_assert_null (strstr (text, "周一电话回访"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/sections", test_sections);
  g_test_add_func ("/summary/show-contacts", test_show_contacts);
  g_test_add_func ("/summary/interactions", test_interactions);
  g_test_add_func ("/summary/unknown-code", test_unknown_code);
  g_test_add_func ("/summary/agenda", test_agenda);

  return g_test_run ();
}
