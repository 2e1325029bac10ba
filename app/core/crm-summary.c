/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-summary"

#include <glib/gi18n-lib.h>

#include "crm-format.h"
#include "crm-health.h"
#include "crm-mask.h"
#include "crm-profile.h"
#include "crm-rfm.h"
#include "crm-store-customers.h"
#include "crm-summary.h"

/* ---- the model ---- */

static void
field_free (gpointer data)
{
  CrmSummaryField *field = data;

  g_free (field->key);
  g_free (field->value);
  g_free (field);
}

static void
column_free (gpointer data)
{
  CrmSummaryColumn *column = data;

  g_free (column->title);
  g_free (column);
}

static void
row_free (gpointer data)
{
  CrmSummaryRow *row = data;

  g_strfreev (row->cells);
  g_free (row->detail);
  g_free (row);
}

static void
block_free (gpointer data)
{
  CrmSummaryBlock *block = data;

  g_free (block->text);
  g_clear_pointer (&block->fields, g_ptr_array_unref);
  g_clear_pointer (&block->columns, g_ptr_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

void
crm_summary_document_free (CrmSummaryDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->title);
  g_free (document->subtitle);
  g_free (document->running_head);
  g_free (document->privacy_note);
  g_clear_pointer (&document->contact_ids, g_array_unref);
  g_clear_pointer (&document->blocks, g_ptr_array_unref);
  g_free (document);
}

CrmSummaryDocument *
crm_summary_document_new (const char *title,
                          const char *subtitle)
{
  CrmSummaryDocument *document = g_new0 (CrmSummaryDocument, 1);

  document->title = g_strdup (title);
  document->subtitle = g_strdup (subtitle);
  document->privacy_note = g_strdup (_("Contains personal data — handle according to your company’s privacy rules."));
  document->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  document->blocks = g_ptr_array_new_with_free_func (block_free);
  return document;
}

static CrmSummaryBlock *
add_block (CrmSummaryDocument  *document,
           CrmSummaryBlockKind  kind)
{
  CrmSummaryBlock *block = g_new0 (CrmSummaryBlock, 1);

  block->kind = kind;
  g_ptr_array_add (document->blocks, block);
  return block;
}

void
crm_summary_add_heading (CrmSummaryDocument *document,
                         const char         *text)
{
  add_block (document, CRM_SUMMARY_BLOCK_HEADING)->text = g_strdup (text);
}

void
crm_summary_add_paragraph (CrmSummaryDocument *document,
                           const char         *text,
                           gboolean            muted)
{
  CrmSummaryBlock *block = add_block (document, CRM_SUMMARY_BLOCK_PARAGRAPH);

  block->text = g_strdup (text);
  block->muted = muted;
}

CrmSummaryBlock *
crm_summary_add_fields (CrmSummaryDocument *document,
                        guint               n_columns)
{
  CrmSummaryBlock *block = add_block (document, CRM_SUMMARY_BLOCK_FIELDS);

  block->fields = g_ptr_array_new_with_free_func (field_free);
  block->n_columns = CLAMP (n_columns, 1, 2);
  return block;
}

void
crm_summary_fields_add (CrmSummaryBlock *block,
                        const char      *key,
                        const char      *value)
{
  CrmSummaryField *field;

  g_return_if_fail (block->kind == CRM_SUMMARY_BLOCK_FIELDS);

  if (value == NULL || *value == '\0')
    return;
  field = g_new0 (CrmSummaryField, 1);
  field->key = g_strdup (key);
  field->value = g_strdup (value);
  g_ptr_array_add (block->fields, field);
}

CrmSummaryBlock *
crm_summary_add_table (CrmSummaryDocument *document)
{
  CrmSummaryBlock *block = add_block (document, CRM_SUMMARY_BLOCK_TABLE);

  block->columns = g_ptr_array_new_with_free_func (column_free);
  block->rows = g_ptr_array_new_with_free_func (row_free);
  return block;
}

void
crm_summary_table_add_column (CrmSummaryBlock *block,
                              const char      *title,
                              double           width,
                              gboolean         numeric)
{
  CrmSummaryColumn *column = g_new0 (CrmSummaryColumn, 1);

  g_return_if_fail (block->kind == CRM_SUMMARY_BLOCK_TABLE);
  g_return_if_fail (block->rows->len == 0);

  column->title = g_strdup (title);
  column->width = width > 0 ? width : 1;
  column->numeric = numeric;
  g_ptr_array_add (block->columns, column);
}

CrmSummaryRow *
crm_summary_table_add_row (CrmSummaryBlock    *block,
                           const char * const *cells,
                           const char         *detail,
                           gboolean            emphasis)
{
  CrmSummaryRow *row = g_new0 (CrmSummaryRow, 1);
  guint n = block->columns->len;

  row->cells = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  row->detail = detail != NULL && *detail != '\0' ? g_strdup (detail) : NULL;
  row->emphasis = emphasis;
  g_ptr_array_add (block->rows, row);
  return row;
}

char *
crm_summary_document_to_text (const CrmSummaryDocument *document)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", document->title);
  if (document->subtitle != NULL)
    g_string_append_printf (out, "%s\n", document->subtitle);
  for (guint i = 0; i < document->blocks->len; i++)
    {
      const CrmSummaryBlock *block = document->blocks->pdata[i];

      switch (block->kind)
        {
        case CRM_SUMMARY_BLOCK_HEADING:
          g_string_append_printf (out, "\n# %s\n", block->text);
          break;

        case CRM_SUMMARY_BLOCK_PARAGRAPH:
          g_string_append_printf (out, "%s\n", block->text);
          break;

        case CRM_SUMMARY_BLOCK_FIELDS:
          for (guint j = 0; j < block->fields->len; j++)
            {
              const CrmSummaryField *field = block->fields->pdata[j];

              g_string_append_printf (out, "%s: %s\n", field->key, field->value);
            }
          break;

        case CRM_SUMMARY_BLOCK_TABLE:
          for (guint j = 0; j < block->columns->len; j++)
            g_string_append_printf (out, "%s%s", j > 0 ? " | " : "",
                                    ((CrmSummaryColumn *) block->columns->pdata[j])->title);
          g_string_append_c (out, '\n');
          for (guint j = 0; j < block->rows->len; j++)
            {
              const CrmSummaryRow *row = block->rows->pdata[j];
              g_autofree char *line = g_strjoinv (" | ", row->cells);

              g_string_append_printf (out, "%s%s\n", row->emphasis ? "! " : "", line);
              if (row->detail != NULL)
                g_string_append_printf (out, "    %s\n", row->detail);
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  g_string_append_printf (out, "\n%s\n", document->privacy_note);
  return g_string_free (out, FALSE);
}

/* ---- the customer summary ---- */

static char *
tier_text (const CrmProfile *p)
{
  if (p->key_account == 2)
    /* Translators: a tier and the key-account class, "VIP · Diamond account" */
    return g_strdup_printf (_("%s · Diamond account"), crm_tier_to_string (p->tier));
  if (p->key_account == 1)
    return g_strdup_printf (_("%s · Gold account"), crm_tier_to_string (p->tier));
  return g_strdup (crm_tier_to_string (p->tier));
}

static const char *
owner_text (const CrmProfile *p)
{
  return p->owner_name != NULL ? p->owner_name : C_("owner", "Unassigned");
}

static void
add_header (CrmSummaryDocument *doc,
            const CrmProfile   *p)
{
  CrmSummaryBlock *fields = crm_summary_add_fields (doc, 2);
  g_autofree char *tier = tier_text (p);
  g_autofree char *printed = crm_format_datetime (doc->printed_at);

  crm_summary_fields_add (fields, _("Customer code"), p->code);
  crm_summary_fields_add (fields, _("Tier"), tier);
  crm_summary_fields_add (fields, _("Owner"), owner_text (p));
  crm_summary_fields_add (fields, _("Printed on"), printed);
  if (p->archived)
    crm_summary_add_paragraph (doc, _("This customer is archived."), TRUE);
}

static void
add_basic (CrmSummaryDocument *doc,
           const CrmProfile   *p)
{
  CrmSummaryBlock *fields;
  g_autofree char *last = NULL;

  crm_summary_add_heading (doc, _("Basic Information"));
  fields = crm_summary_add_fields (doc, 2);
  crm_summary_fields_add (fields, _("Type"), crm_customer_kind_to_string (p->kind));
  crm_summary_fields_add (fields, _("Industry"), p->industry);
  if (p->staff_count >= 0 || p->annual_revenue_cents >= 0)
    {
      g_autoptr(GString) size = g_string_new (NULL);

      if (p->staff_count >= 0)
        g_string_append_printf (size, ngettext ("%u employee", "%u employees", (gulong) p->staff_count),
                                (guint) p->staff_count);
      if (p->annual_revenue_cents >= 0)
        {
          g_autofree char *revenue = crm_format_money_whole (p->annual_revenue_cents, NULL);

          if (size->len > 0)
            g_string_append (size, " · ");
          g_string_append_printf (size, _("%s a year"), revenue);
        }
      crm_summary_fields_add (fields, _("Size"), size->str);
    }
  crm_summary_fields_add (fields, _("Lifecycle"), crm_lifecycle_to_string (p->lifecycle));
  crm_summary_fields_add (fields, _("Source channel"), p->source);
  crm_summary_fields_add (fields, _("First deal"), p->first_deal_date);
  last = p->last_contact_at > 0 ? crm_format_datetime (p->last_contact_at) : g_strdup (C_("last contact", "Never"));
  crm_summary_fields_add (fields, _("Last contact"), last);
  crm_summary_fields_add (fields, _("Birthday"), p->birthday);
  crm_summary_fields_add (fields, _("Anniversary"), p->anniversary);
  crm_summary_fields_add (fields, _("Do not contact"),
                          p->do_not_contact ? _("Yes: excluded from every visit rule") : _("No"));

  /* the long ones across the page */
  fields = crm_summary_add_fields (doc, 1);
  crm_summary_fields_add (fields, _("Address"), p->address);
  crm_summary_fields_add (fields, _("Website"), p->website);
  crm_summary_fields_add (fields, _("Notes"), p->notes);
}

static void
add_contacts (CrmSummaryDocument *doc,
              const CrmProfile   *p,
              gboolean            show)
{
  CrmSummaryBlock *table;

  crm_summary_add_heading (doc, _("Contacts"));
  if (p->contacts->len == 0)
    {
      crm_summary_add_paragraph (doc, _("No contacts yet"), TRUE);
      return;
    }

  table = crm_summary_add_table (doc);
  crm_summary_table_add_column (table, _("Name"), 1.2, FALSE);
  crm_summary_table_add_column (table, _("Role"), 1.0, FALSE);
  crm_summary_table_add_column (table, _("Position"), 1.0, FALSE);
  crm_summary_table_add_column (table, _("Phone"), 1.2, FALSE);
  crm_summary_table_add_column (table, _("E-mail"), 2.3, FALSE);
  for (guint i = 0; i < p->contacts->len; i++)
    {
      const CrmProfileContact *c = p->contacts->pdata[i];
      g_autofree char *phone = show ? g_strdup (c->phone) : crm_mask_phone (c->phone);
      g_autofree char *email = show ? g_strdup (c->email) : crm_mask_email (c->email);
      g_autofree char *name = c->primary
                              /* Translators: the primary contact in a printed list, "Zhang Wei (primary)" */
                              ? g_strdup_printf (_("%s (primary)"), c->name)
                              : g_strdup (c->name);
      const char *cells[] = { name, crm_contact_role_to_string (c->role), c->title, phone, email };

      crm_summary_table_add_row (table, cells, NULL, FALSE);
      if (c->phone != NULL || c->email != NULL)
        g_array_append_val (doc->contact_ids, c->id);
    }
  crm_summary_add_paragraph (doc,
                             show
                             ? _("Contact details are shown in full at the request of the person who printed this; Rapport recorded it.")
                             : _("Phone numbers and e-mail addresses are masked."),
                             TRUE);
}

static void
add_needs (CrmSummaryDocument *doc,
           const CrmProfile   *p)
{
  CrmSummaryBlock *fields;
  gboolean has_tags = p->tags != NULL && p->tags[0] != NULL;

  crm_summary_add_heading (doc, _("Needs & Preferences"));
  if (!p->has_needs && !has_tags)
    {
      crm_summary_add_paragraph (doc, _("No needs recorded yet"), TRUE);
      return;
    }

  fields = crm_summary_add_fields (doc, 1);
  crm_summary_fields_add (fields, _("Preferred products"), p->preferred_products);
  if (p->price_sensitivity >= 0)
    crm_summary_fields_add (fields, _("Price sensitivity"), crm_price_sensitivity_to_string (p->price_sensitivity));
  if (p->expected_response_hours >= 0)
    {
      g_autofree char *hours = g_strdup_printf (ngettext ("Within %d hour", "Within %d hours",
                                                          p->expected_response_hours),
                                                p->expected_response_hours);

      crm_summary_fields_add (fields, _("Expected response"), hours);
    }
  if (p->value_focus >= 0)
    crm_summary_fields_add (fields, _("Values most"), crm_value_focus_to_string (p->value_focus));
  if (has_tags)
    {
      g_autofree char *joined = g_strjoinv (_(", "), p->tags);

      crm_summary_fields_add (fields, _("Need tags"), joined);
    }
}

static void
add_health (CrmSummaryDocument *doc,
            CrmStore           *store,
            const CrmProfile   *p)
{
  g_auto(CrmHealthReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  CrmSummaryBlock *table;

  crm_summary_add_heading (doc, _("Health"));
  if (!crm_health_compute (store, p->id, &report, &error))
    {
      crm_summary_add_paragraph (doc, error->message, TRUE);
      return;
    }

  if (report.has_score)
    {
      CrmSummaryBlock *fields = crm_summary_add_fields (doc, 1);
      g_autofree char *score = NULL;

      if (report.risk != CRM_RISK_NONE)
        /* Translators: "58 of 100 · At risk: Low" — the health score and its risk */
        score = g_strdup_printf (_("%d of 100 · At risk: %s"), report.score, crm_risk_to_string (report.risk));
      else
        /* Translators: the health score of a customer who is not at risk */
        score = g_strdup_printf (_("%d of 100 · Healthy"), report.score);
      crm_summary_fields_add (fields, _("Health score"), score);
    }
  else
    crm_summary_add_paragraph (doc, report.reason, TRUE);

  table = crm_summary_add_table (doc);
  crm_summary_table_add_column (table, _("Indicator"), 1.4, FALSE);
  crm_summary_table_add_column (table, _("Measured"), 2.2, FALSE);
  crm_summary_table_add_column (table, _("Points"), 1.0, TRUE);
  for (guint i = 0; i < CRM_N_HEALTH_INDICATORS; i++)
    {
      const CrmHealthItem *item = &report.items[i];
      g_autofree char *points = NULL;
      const char *cells[3];

      if (item->available)
        points = g_strdup_printf (_("%.0f of %.0f points"), item->points, item->max_points);
      else
        points = g_strdup (_("No data"));
      cells[0] = crm_health_indicator_name (i);
      cells[1] = item->available ? item->raw_text : "—";
      cells[2] = points;
      crm_summary_table_add_row (table, cells, NULL, FALSE);
    }
}

static void
add_rfm (CrmSummaryDocument *doc,
         CrmStore           *store,
         const CrmProfile   *p)
{
  CrmSummaryBlock *fields;
  sqlite3_stmt *stmt;
  gboolean scored = FALSE;

  crm_summary_add_heading (doc, _("RFM"));
  fields = crm_summary_add_fields (doc, 1);

  stmt = crm_store_prepare (store,
                            "SELECT rfm_r, rfm_f, rfm_m, rfm_segment FROM customer_scores"
                            " WHERE customer_id = ?1 AND rfm_r IS NOT NULL",
                            NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, p->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          int r = sqlite3_column_int (stmt, 0);
          int f = sqlite3_column_int (stmt, 1);
          int m = sqlite3_column_int (stmt, 2);
          CrmRfmSegment segment = sqlite3_column_int (stmt, 3);
          /* Translators: the RFM score, "545 (recency 5, frequency 4, monetary 5)" */
          g_autofree char *score = g_strdup_printf (_("%d%d%d (recency %d, frequency %d, monetary %d)"),
                                                    r, f, m, r, f, m);

          crm_summary_fields_add (fields, _("Score"), score);
          if (segment < CRM_N_RFM_SEGMENTS)
            {
              crm_summary_fields_add (fields, _("Segment"), crm_rfm_segment_to_string (segment));
              crm_summary_fields_add (fields, _("What it means"), crm_rfm_segment_advice (segment));
            }
          scored = TRUE;
        }
      sqlite3_reset (stmt);
    }
  if (!scored)
    crm_summary_fields_add (fields, _("Score"), _("Not scored yet"));

  if (p->n_purchases > 0)
    {
      g_autofree char *total = crm_format_money (p->purchases_total_cents, NULL);
      g_autofree char *last = crm_format_date (p->last_purchase_at);
      g_autofree char *count = g_strdup_printf (ngettext ("%d purchase, %s in total", "%d purchases, %s in total",
                                                          (gulong) p->n_purchases),
                                                (int) p->n_purchases, total);

      crm_summary_fields_add (fields, _("Purchases"), count);
      crm_summary_fields_add (fields, _("Last purchase"), last);
    }
  else
    crm_summary_fields_add (fields, _("Purchases"), _("None yet"));
}

static void
interaction_row (CrmSummaryBlock *table,
                 gint64           occurred_at,
                 CrmChannel       channel,
                 const char      *subject,
                 const char      *summary,
                 const char      *contact_name,
                 int              satisfaction)
{
  g_autofree char *when = crm_format_datetime (occurred_at);
  g_autofree char *stars = satisfaction > 0 ? g_strdup_printf ("%d/5", satisfaction) : g_strdup ("—");
  const char *cells[] = { when, crm_channel_to_string (channel), subject, contact_name, stars };

  crm_summary_table_add_row (table, cells, summary, satisfaction > 0 && satisfaction <= 2);
}

static void
add_interactions (CrmSummaryDocument *doc,
                  CrmStore           *store,
                  const CrmProfile   *p,
                  guint               limit)
{
  CrmSummaryBlock *table;
  guint shown = 0;

  crm_summary_add_heading (doc, _("Recent Interactions"));
  if (p->interactions->len == 0)
    {
      crm_summary_add_paragraph (doc, _("No interactions yet"), TRUE);
      return;
    }

  table = crm_summary_add_table (doc);
  crm_summary_table_add_column (table, _("Date"), 1.25, FALSE);
  crm_summary_table_add_column (table, _("Channel"), 0.9, FALSE);
  crm_summary_table_add_column (table, _("Subject"), 2.6, FALSE);
  crm_summary_table_add_column (table, _("Contact"), 1.1, FALSE);
  crm_summary_table_add_column (table, _("Satisfaction"), 0.9, TRUE);

  /* the newest ones the profile has read … */
  for (guint i = 0; i < p->interactions->len && shown < limit; i++, shown++)
    {
      const CrmProfileInteraction *it = p->interactions->pdata[i];

      interaction_row (table, it->occurred_at, it->channel, it->subject, it->summary, it->contact_name,
                       it->satisfaction);
    }

  /* … and the older ones below them, when more are asked for */
  if (shown < limit && p->interactions->len == CRM_PROFILE_RECENT_INTERACTIONS)
    {
      const CrmProfileInteraction *last = p->interactions->pdata[p->interactions->len - 1];
      sqlite3_stmt *stmt = crm_store_prepare (store,
                                              "SELECT i.occurred_at, i.channel, i.subject, i.summary, ct.name,"
                                              " i.satisfaction"
                                              " FROM interactions i LEFT JOIN contacts ct ON ct.id = i.contact_id"
                                              " WHERE i.customer_id = ?1 AND (i.occurred_at, i.id) < (?2, ?3)"
                                              " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?4",
                                              NULL);

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, p->id);
          sqlite3_bind_int64 (stmt, 2, last->occurred_at);
          sqlite3_bind_int64 (stmt, 3, last->id);
          sqlite3_bind_int64 (stmt, 4, limit - shown);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_autofree char *subject = crm_sql_column_dup (stmt, 2);
              g_autofree char *summary = crm_sql_column_dup (stmt, 3);
              g_autofree char *contact = crm_sql_column_dup (stmt, 4);

              interaction_row (table, sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1), subject,
                               summary, contact, (int) crm_sql_column_int_or (stmt, 5, 0));
              shown++;
            }
          sqlite3_reset (stmt);
        }
    }

  if (p->n_interactions > shown)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("The newest %u of %d interaction.",
                                                         "The newest %u of %d interactions.",
                                                         (gulong) p->n_interactions),
                                               shown, (int) p->n_interactions);

      crm_summary_add_paragraph (doc, text, TRUE);
    }
}

static void
add_tickets (CrmSummaryDocument *doc,
             const CrmProfile   *p)
{
  CrmSummaryBlock *table;

  crm_summary_add_heading (doc, _("Open Tickets"));
  if (p->open_tickets->len == 0)
    {
      crm_summary_add_paragraph (doc, _("No open tickets"), TRUE);
      return;
    }

  table = crm_summary_add_table (doc);
  crm_summary_table_add_column (table, _("Ticket"), 2.4, FALSE);
  crm_summary_table_add_column (table, _("Level"), 1.1, FALSE);
  crm_summary_table_add_column (table, _("Status"), 1.1, FALSE);
  crm_summary_table_add_column (table, _("Assignee"), 1.0, FALSE);
  crm_summary_table_add_column (table, _("SLA"), 1.9, FALSE);
  for (guint i = 0; i < p->open_tickets->len; i++)
    {
      const CrmProfileTicket *t = p->open_tickets->pdata[i];
      gboolean responding = t->first_response_at == 0 && t->response_due > 0;
      gint64 due = responding ? t->response_due : t->resolution_due;
      g_autofree char *ticket = g_strdup_printf ("%s · %s", t->code, t->title);
      g_autofree char *due_text = NULL;
      g_autofree char *sla = NULL;
      const char *cells[5];

      if (t->status == CRM_TICKET_WAITING)
        sla = g_strdup (_("Paused: waiting on the customer"));
      else if (due > 0)
        {
          due_text = crm_format_due (due, doc->printed_at);
          sla = responding
                /* Translators: "Response in 35 min", "Response overdue by 2 h" */
                ? g_strdup_printf (_("Response %s"), due_text)
                : g_strdup_printf (_("Resolution %s"), due_text);
        }
      else
        sla = g_strdup ("—");
      if (t->breached)
        {
          g_autofree char *plain = g_steal_pointer (&sla);

          /* Translators: an SLA state of a ticket that broke its promise, "Breached · Resolution in 2 h" */
          sla = g_strdup_printf (_("Breached · %s"), plain);
        }

      cells[0] = ticket;
      cells[1] = crm_ticket_level_to_string (t->level);
      cells[2] = crm_ticket_status_to_string (t->status);
      cells[3] = t->assignee_name != NULL ? t->assignee_name : C_("assignee", "Unassigned");
      cells[4] = sla;
      crm_summary_table_add_row (table, cells, NULL,
                                 t->breached || (t->status != CRM_TICKET_WAITING && due > 0 && due < doc->printed_at));
    }
}

static void
add_followup_rows (CrmSummaryBlock *table,
                   GPtrArray       *followups)
{
  for (guint i = 0; i < followups->len; i++)
    {
      const CrmProfileFollowup *f = followups->pdata[i];
      g_autofree char *when = crm_format_datetime (f->planned_at);
      const char *cells[] = {
        when, f->item, crm_followup_kind_to_string (f->kind),
        f->owner_name != NULL ? f->owner_name : C_("owner", "Unassigned"),
        crm_followup_state_to_string (f->overdue ? CRM_FOLLOWUP_STATE_OVERDUE : CRM_FOLLOWUP_STATE_PLANNED),
      };

      crm_summary_table_add_row (table, cells, NULL, f->overdue);
    }
}

static void
add_followups (CrmSummaryDocument *doc,
               const CrmProfile   *p)
{
  CrmSummaryBlock *table;

  crm_summary_add_heading (doc, _("Follow-ups"));
  if (p->overdue_followups->len == 0 && p->upcoming_followups->len == 0)
    {
      crm_summary_add_paragraph (doc, _("Nothing planned"), TRUE);
      return;
    }

  table = crm_summary_add_table (doc);
  crm_summary_table_add_column (table, _("Planned"), 1.25, FALSE);
  crm_summary_table_add_column (table, _("Item"), 2.8, FALSE);
  crm_summary_table_add_column (table, _("Kind"), 0.9, FALSE);
  crm_summary_table_add_column (table, _("Owner"), 1.0, FALSE);
  crm_summary_table_add_column (table, _("Status"), 0.9, FALSE);
  add_followup_rows (table, p->overdue_followups);
  add_followup_rows (table, p->upcoming_followups);
}

static char *
score_text (int score)
{
  return score > 0 ? g_strdup_printf ("%d/5", score) : g_strdup ("—");
}

static void
add_satisfaction (CrmSummaryDocument *doc,
                  const CrmProfile   *p)
{
  CrmSummaryBlock *table;

  crm_summary_add_heading (doc, _("Satisfaction"));
  if (p->surveys->len == 0)
    {
      crm_summary_add_paragraph (doc, _("No surveys yet"), TRUE);
      return;
    }

  table = crm_summary_add_table (doc);
  crm_summary_table_add_column (table, _("Date"), 1.2, FALSE);
  crm_summary_table_add_column (table, _("Response speed"), 1.2, TRUE);
  crm_summary_table_add_column (table, _("Product fit"), 1.2, TRUE);
  crm_summary_table_add_column (table, _("Proactive care"), 1.2, TRUE);
  crm_summary_table_add_column (table, _("NPS"), 0.8, TRUE);
  for (guint i = 0; i < p->surveys->len; i++)
    {
      const CrmProfileSurvey *s = p->surveys->pdata[i];
      g_autofree char *when = crm_format_date (s->taken_at);
      g_autofree char *speed = score_text (s->csat_speed);
      g_autofree char *fit = score_text (s->csat_fit);
      g_autofree char *care = score_text (s->csat_care);
      g_autofree char *nps = s->nps >= 0 ? g_strdup_printf ("%d", s->nps) : g_strdup ("—");
      const char *cells[] = { when, speed, fit, care, nps };
      gboolean low = (s->csat_speed > 0 && s->csat_speed <= 2) || (s->csat_fit > 0 && s->csat_fit <= 2)
                     || (s->csat_care > 0 && s->csat_care <= 2) || (s->nps >= 0 && s->nps <= 6);

      crm_summary_table_add_row (table, cells, s->comment, low);
    }
}

CrmSummaryDocument *
crm_summary_new_for_customer (CrmStore                 *store,
                              gint64                    customer_id,
                              const CrmSummaryOptions  *options,
                              GError                  **error)
{
  CrmSummaryOptions defaults = CRM_SUMMARY_OPTIONS_INIT;
  g_autoptr(CrmProfile) p = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  guint limit;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (options == NULL)
    options = &defaults;
  limit = options->max_interactions > 0 ? options->max_interactions : CRM_SUMMARY_INTERACTIONS;

  /* one read transaction: every section as of the same moment */
  if (!crm_store_exec (store, "SAVEPOINT summary", error))
    return NULL;
  p = crm_store_load_profile (store, customer_id, error);
  if (p != NULL)
    {
      doc = crm_summary_document_new (p->name, _("Customer summary"));
      doc->customer_id = customer_id;
      doc->printed_at = crm_store_now (store);
      doc->shows_contacts = options->show_contacts;
      /* Translators: the line at the top of every printed page, "Zhang Wei (CS2024001) · Customer summary" */
      doc->running_head = g_strdup_printf (_("%s (%s) · Customer summary"), p->name, p->code);

      add_header (doc, p);
      add_basic (doc, p);
      add_contacts (doc, p, options->show_contacts);
      add_needs (doc, p);
      add_health (doc, store, p);
      add_rfm (doc, store, p);
      add_interactions (doc, store, p, limit);
      add_tickets (doc, p);
      add_followups (doc, p);
      add_satisfaction (doc, p);
    }
  crm_store_exec (store, "RELEASE summary", NULL);

  return g_steal_pointer (&doc);
}

CrmSummaryDocument *
crm_summary_new_for_code (CrmStore                 *store,
                          const char               *code,
                          const CrmSummaryOptions  *options,
                          GError                  **error)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (code != NULL ? code : ""));

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (*clean != '\0')
    customer = crm_store_find_customer_by_code (store, clean, &local_error);
  if (customer == NULL)
    {
      if (local_error != NULL && !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("There is no customer with the code “%s”."), clean);
      return NULL;
    }
  return crm_summary_new_for_customer (store, crm_customer_get_id (customer), options, error);
}

gboolean
crm_summary_record_reveal (CrmStore                 *store,
                           const CrmSummaryDocument *document,
                           GError                  **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  if (!document->shows_contacts || document->customer_id == 0 || document->contact_ids->len == 0)
    return TRUE;

  if (!crm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < document->contact_ids->len; i++)
    if (!crm_store_log_reveal (store, document->customer_id, g_array_index (document->contact_ids, gint64, i),
                               _("Printed the customer summary with contact details"), error))
      {
        crm_store_rollback (store);
        return FALSE;
      }
  return crm_store_commit (store, error);
}

/* ---- the agenda ---- */

static char *
format_day (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  /* Translators: a day heading in a printed agenda, see strftime(3): "Monday, 2026-11-16" */
  return g_date_time_format (dt, _("%A, %Y-%m-%d"));
}

static char *
item_time (gint64 at)
{
  g_autoptr(GDateTime) dt = crm_date_time_new_local (at);

  return g_date_time_format (dt, "%H:%M");
}

CrmSummaryDocument *
crm_summary_new_agenda (CrmStore                 *store,
                        GDateTime                *first_day,
                        guint                     n_days,
                        const CrmCalendarFilter  *filter,
                        GError                  **error)
{
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(CrmSummaryDocument) doc = NULL;
  g_autofree char *period = NULL;
  g_autofree char *printed = NULL;
  CrmCalendarFilter defaults = CRM_CALENDAR_FILTER_INIT;
  CrmSummaryBlock *fields;
  guint total = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (first_day != NULL, NULL);
  g_return_val_if_fail (n_days > 0 && n_days <= 31, NULL);

  if (filter == NULL)
    filter = &defaults;

  days = crm_calendar_load (store, first_day, n_days, G_MAXINT, filter, error);
  if (days == NULL)
    return NULL;

  {
    const CrmCalendarCell *first = days->pdata[0];
    const CrmCalendarCell *last = days->pdata[days->len - 1];
    char a[32], b[32];

    g_date_strftime (a, sizeof a, "%Y-%m-%d", &first->date);
    g_date_strftime (b, sizeof b, "%Y-%m-%d", &last->date);
    period = n_days == 1 ? format_day (&first->date)
                         /* Translators: a printed agenda's period, "2026-11-16 – 2026-11-22" */
                         : g_strdup_printf (_("%s – %s"), a, b);
  }

  doc = crm_summary_document_new (_("Agenda"), period);
  doc->printed_at = crm_store_now (store);
  /* Translators: the line at the top of every page of a printed agenda, "Agenda · 2026-11-16 – 2026-11-22" */
  doc->running_head = g_strdup_printf (_("Agenda · %s"), period);

  printed = crm_format_datetime (doc->printed_at);
  fields = crm_summary_add_fields (doc, 2);
  crm_summary_fields_add (fields, _("Period"), period);
  if (filter->owner_id != 0)
    {
      sqlite3_stmt *stmt = crm_store_prepare (store, "SELECT name FROM team_members WHERE id = ?1", NULL);

      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, filter->owner_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            crm_summary_fields_add (fields, _("Owner"), (const char *) sqlite3_column_text (stmt, 0));
          sqlite3_reset (stmt);
        }
    }
  else
    crm_summary_fields_add (fields, _("Owner"), _("Everyone"));
  crm_summary_fields_add (fields, _("Printed on"), printed);

  for (guint i = 0; i < days->len; i++)
    {
      const CrmCalendarCell *day = days->pdata[i];
      g_autofree char *heading = format_day (&day->date);
      CrmSummaryBlock *table;

      crm_summary_add_heading (doc, heading);
      if (day->items->len == 0)
        {
          crm_summary_add_paragraph (doc, _("Nothing planned"), TRUE);
          continue;
        }

      table = crm_summary_add_table (doc);
      crm_summary_table_add_column (table, _("Time"), 0.6, FALSE);
      crm_summary_table_add_column (table, _("Customer"), 1.6, FALSE);
      crm_summary_table_add_column (table, _("Item"), 2.6, FALSE);
      crm_summary_table_add_column (table, _("Kind"), 1.1, FALSE);
      crm_summary_table_add_column (table, _("Owner"), 1.0, FALSE);
      crm_summary_table_add_column (table, _("Status"), 0.9, FALSE);
      for (guint j = 0; j < day->items->len; j++)
        {
          const CrmCalendarItem *item = day->items->pdata[j];
          g_autofree char *time = item_time (item->at);
          g_autofree char *title = NULL;
          const char *kind;
          const char *cells[6];

          if (item->kind == CRM_CALENDAR_FOLLOWUP)
            {
              title = g_strdup (item->title);
              kind = crm_followup_kind_to_string (item->detail);
            }
          else
            {
              title = item->kind == CRM_CALENDAR_TICKET_RESPONSE
                      /* Translators: a ticket's deadline in a printed agenda, "Response due: T2026001 Outage" */
                      ? g_strdup_printf (_("Response due: %s"), item->title)
                      : g_strdup_printf (_("Resolution due: %s"), item->title);
              kind = crm_ticket_level_to_string (item->detail);
            }
          cells[0] = time;
          cells[1] = item->customer_name;
          cells[2] = title;
          cells[3] = kind;
          cells[4] = item->owner_name != NULL ? item->owner_name : C_("owner", "Unassigned");
          cells[5] = crm_followup_state_to_string (item->state);
          crm_summary_table_add_row (table, cells, NULL, item->state == CRM_FOLLOWUP_STATE_OVERDUE);
          total++;
        }
    }

  if (total == 0)
    crm_summary_add_paragraph (doc, _("Nothing is planned in this period."), TRUE);

  return g_steal_pointer (&doc);
}
