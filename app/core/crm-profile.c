/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-profile"

#include <glib/gi18n-lib.h>

#include "crm-profile.h"

static void
contact_free (gpointer data)
{
  CrmProfileContact *c = data;

  g_free (c->name);
  g_free (c->title);
  g_free (c->phone);
  g_free (c->email);
  g_free (c->im);
  g_free (c);
}

static void
interaction_free (gpointer data)
{
  CrmProfileInteraction *i = data;

  g_free (i->subject);
  g_free (i->summary);
  g_free (i->contact_name);
  g_free (i);
}

static void
ticket_free (gpointer data)
{
  CrmProfileTicket *t = data;

  g_free (t->code);
  g_free (t->title);
  g_free (t->assignee_name);
  g_free (t);
}

static void
followup_free (gpointer data)
{
  CrmProfileFollowup *f = data;

  g_free (f->item);
  g_free (f->owner_name);
  g_free (f);
}

static void
survey_free (gpointer data)
{
  CrmProfileSurvey *s = data;

  g_free (s->comment);
  g_free (s);
}

static void
purchase_free (gpointer data)
{
  CrmProfilePurchase *p = data;

  g_free (p->product);
  g_free (p->currency);
  g_free (p);
}

void
crm_profile_free (CrmProfile *profile)
{
  if (profile == NULL)
    return;

  g_free (profile->code);
  g_free (profile->name);
  g_free (profile->industry);
  g_free (profile->source);
  g_free (profile->owner_name);
  g_free (profile->first_deal_date);
  g_free (profile->birthday);
  g_free (profile->anniversary);
  g_free (profile->address);
  g_free (profile->website);
  g_free (profile->notes);
  g_free (profile->preferred_products);
  g_strfreev (profile->tags);
  g_clear_pointer (&profile->contacts, g_ptr_array_unref);
  g_clear_pointer (&profile->interactions, g_ptr_array_unref);
  g_clear_pointer (&profile->open_tickets, g_ptr_array_unref);
  g_clear_pointer (&profile->overdue_followups, g_ptr_array_unref);
  g_clear_pointer (&profile->upcoming_followups, g_ptr_array_unref);
  g_clear_pointer (&profile->surveys, g_ptr_array_unref);
  g_clear_pointer (&profile->purchases, g_ptr_array_unref);
  g_clear_pointer (&profile->history, g_ptr_array_unref);
  g_free (profile);
}

static sqlite3_stmt *
prepare_for (CrmStore    *store,
             const char  *sql,
             gint64       customer_id,
             GError     **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (store, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, customer_id);
  return stmt;
}

static gboolean
load_customer (CrmStore    *store,
               CrmProfile  *p,
               GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = prepare_for (store,
                      "SELECT c.code, c.name, c.kind, c.tier, c.key_account, c.lifecycle, c.industry,"
                      " c.staff_count, c.annual_revenue_cents, c.source, m.name, c.first_deal_date, c.birthday,"
                      " c.anniversary, c.address, c.website, c.do_not_contact, c.notes, c.last_contact_at, c.archived,"
                      " n.customer_id, n.preferred_products, n.price_sensitivity, n.expected_response_hours, n.value_focus"
                      " FROM customers c"
                      " LEFT JOIN team_members m ON m.id = c.owner_id"
                      " LEFT JOIN customer_needs n ON n.customer_id = c.id"
                      " WHERE c.id = ?1",
                      p->id, error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      p->code = crm_sql_column_dup (stmt, 0);
      p->name = crm_sql_column_dup (stmt, 1);
      p->kind = sqlite3_column_int (stmt, 2);
      p->tier = sqlite3_column_int (stmt, 3);
      p->key_account = sqlite3_column_int (stmt, 4);
      p->lifecycle = sqlite3_column_int (stmt, 5);
      p->industry = crm_sql_column_dup (stmt, 6);
      p->staff_count = crm_sql_column_int_or (stmt, 7, -1);
      p->annual_revenue_cents = crm_sql_column_int_or (stmt, 8, -1);
      p->source = crm_sql_column_dup (stmt, 9);
      p->owner_name = crm_sql_column_dup (stmt, 10);
      p->first_deal_date = crm_sql_column_dup (stmt, 11);
      p->birthday = crm_sql_column_dup (stmt, 12);
      p->anniversary = crm_sql_column_dup (stmt, 13);
      p->address = crm_sql_column_dup (stmt, 14);
      p->website = crm_sql_column_dup (stmt, 15);
      p->do_not_contact = sqlite3_column_int (stmt, 16) != 0;
      p->notes = crm_sql_column_dup (stmt, 17);
      p->last_contact_at = crm_sql_column_int_or (stmt, 18, 0);
      p->archived = sqlite3_column_int (stmt, 19) != 0;
      p->has_needs = sqlite3_column_type (stmt, 20) != SQLITE_NULL;
      p->preferred_products = crm_sql_column_dup (stmt, 21);
      p->price_sensitivity = (int) crm_sql_column_int_or (stmt, 22, -1);
      p->expected_response_hours = (int) crm_sql_column_int_or (stmt, 23, -1);
      p->value_focus = (int) crm_sql_column_int_or (stmt, 24, -1);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND, _("This customer no longer exists."));

  return found;
}

static void
load_tags (CrmStore   *store,
           CrmProfile *p)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = prepare_for (store,
                                    "SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id"
                                    " WHERE ct.customer_id = ?1 ORDER BY t.name",
                                    p->id, NULL);

  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  p->tags = g_strv_builder_end (builder);
}

static void
load_contacts (CrmStore   *store,
               CrmProfile *p)
{
  sqlite3_stmt *stmt = prepare_for (store,
                                    "SELECT id, name, title, role, phone, email, im, is_primary FROM contacts"
                                    " WHERE customer_id = ?1 ORDER BY is_primary DESC, id",
                                    p->id, NULL);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmProfileContact *c = g_new0 (CrmProfileContact, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->name = crm_sql_column_dup (stmt, 1);
      c->title = crm_sql_column_dup (stmt, 2);
      c->role = sqlite3_column_int (stmt, 3);
      c->phone = crm_sql_column_dup (stmt, 4);
      c->email = crm_sql_column_dup (stmt, 5);
      c->im = crm_sql_column_dup (stmt, 6);
      c->primary = sqlite3_column_int (stmt, 7) != 0;
      g_ptr_array_add (p->contacts, c);
    }
  sqlite3_reset (stmt);
}

static void
load_interactions (CrmStore   *store,
                   CrmProfile *p,
                   gint64      now)
{
  sqlite3_stmt *stmt = prepare_for (store,
                                    "SELECT i.id, i.occurred_at, i.channel, i.subject, i.summary, ct.name, i.satisfaction"
                                    " FROM interactions i LEFT JOIN contacts ct ON ct.id = i.contact_id"
                                    " WHERE i.customer_id = ?1 AND i.occurred_at <= ?2"
                                    " ORDER BY i.occurred_at DESC, i.id DESC LIMIT "
                                    G_STRINGIFY (CRM_PROFILE_RECENT_INTERACTIONS),
                                    p->id, NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 2, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmProfileInteraction *i = g_new0 (CrmProfileInteraction, 1);

      i->id = sqlite3_column_int64 (stmt, 0);
      i->occurred_at = sqlite3_column_int64 (stmt, 1);
      i->channel = sqlite3_column_int (stmt, 2);
      i->subject = crm_sql_column_dup (stmt, 3);
      i->summary = crm_sql_column_dup (stmt, 4);
      i->contact_name = crm_sql_column_dup (stmt, 5);
      i->satisfaction = (int) crm_sql_column_int_or (stmt, 6, 0);
      g_ptr_array_add (p->interactions, i);
    }
  sqlite3_reset (stmt);

  stmt = prepare_for (store, "SELECT count(*) FROM interactions WHERE customer_id = ?1", p->id, NULL);
  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    p->n_interactions = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
}

static void
load_tickets (CrmStore   *store,
              CrmProfile *p)
{
  sqlite3_stmt *stmt = prepare_for (store,
                                    "SELECT t.id, t.code, t.title, t.level, t.status, t.category, t.created_at,"
                                    " t.response_due, t.first_response_at, t.resolution_due, t.breached, m.name"
                                    " FROM tickets t LEFT JOIN team_members m ON m.id = t.assignee_id"
                                    " WHERE t.customer_id = ?1 AND t.status < 3"
                                    " ORDER BY t.level, t.resolution_due, t.id",
                                    p->id, NULL);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmProfileTicket *t = g_new0 (CrmProfileTicket, 1);

      t->id = sqlite3_column_int64 (stmt, 0);
      t->code = crm_sql_column_dup (stmt, 1);
      t->title = crm_sql_column_dup (stmt, 2);
      t->level = sqlite3_column_int (stmt, 3);
      t->status = sqlite3_column_int (stmt, 4);
      t->category = sqlite3_column_int (stmt, 5);
      t->created_at = sqlite3_column_int64 (stmt, 6);
      t->response_due = crm_sql_column_int_or (stmt, 7, 0);
      t->first_response_at = crm_sql_column_int_or (stmt, 8, 0);
      t->resolution_due = crm_sql_column_int_or (stmt, 9, 0);
      t->breached = sqlite3_column_int (stmt, 10) != 0;
      t->assignee_name = crm_sql_column_dup (stmt, 11);
      g_ptr_array_add (p->open_tickets, t);
    }
  sqlite3_reset (stmt);
}

static void
load_followups (CrmStore   *store,
                CrmProfile *p,
                gint64      now,
                gboolean    overdue)
{
  sqlite3_stmt *stmt;

  if (overdue)
    stmt = prepare_for (store,
                        "SELECT f.id, f.planned_at, f.kind, f.item, m.name FROM followups f"
                        " LEFT JOIN team_members m ON m.id = f.owner_id"
                        " WHERE f.customer_id = ?1 AND +f.status = 0 AND f.planned_at < ?2"
                        " ORDER BY f.planned_at, f.id",
                        p->id, NULL);
  else
    stmt = prepare_for (store,
                        "SELECT f.id, f.planned_at, f.kind, f.item, m.name FROM followups f"
                        " LEFT JOIN team_members m ON m.id = f.owner_id"
                        " WHERE f.customer_id = ?1 AND +f.status = 0 AND f.planned_at >= ?2"
                        " ORDER BY f.planned_at, f.id LIMIT 10",
                        p->id, NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_int64 (stmt, 2, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmProfileFollowup *f = g_new0 (CrmProfileFollowup, 1);

      f->id = sqlite3_column_int64 (stmt, 0);
      f->planned_at = sqlite3_column_int64 (stmt, 1);
      f->kind = sqlite3_column_int (stmt, 2);
      f->item = crm_sql_column_dup (stmt, 3);
      f->owner_name = crm_sql_column_dup (stmt, 4);
      f->overdue = overdue;
      g_ptr_array_add (overdue ? p->overdue_followups : p->upcoming_followups, f);
    }
  sqlite3_reset (stmt);
}

static void
load_surveys (CrmStore   *store,
              CrmProfile *p)
{
  sqlite3_stmt *stmt = prepare_for (store,
                                    "SELECT taken_at, csat_speed, csat_fit, csat_care, nps, comment FROM surveys"
                                    " WHERE customer_id = ?1 ORDER BY taken_at DESC LIMIT 8",
                                    p->id, NULL);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmProfileSurvey *s = g_new0 (CrmProfileSurvey, 1);

      s->taken_at = sqlite3_column_int64 (stmt, 0);
      s->csat_speed = (int) crm_sql_column_int_or (stmt, 1, 0);
      s->csat_fit = (int) crm_sql_column_int_or (stmt, 2, 0);
      s->csat_care = (int) crm_sql_column_int_or (stmt, 3, 0);
      s->nps = (int) crm_sql_column_int_or (stmt, 4, -1);
      s->comment = crm_sql_column_dup (stmt, 5);
      g_ptr_array_add (p->surveys, s);
    }
  sqlite3_reset (stmt);
}

static void
load_purchases (CrmStore   *store,
                CrmProfile *p)
{
  sqlite3_stmt *stmt = prepare_for (store,
                                    "SELECT purchased_at, product, amount_cents, currency FROM purchases"
                                    " WHERE customer_id = ?1 ORDER BY purchased_at DESC, id DESC LIMIT 10",
                                    p->id, NULL);

  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmProfilePurchase *pu = g_new0 (CrmProfilePurchase, 1);

      pu->purchased_at = sqlite3_column_int64 (stmt, 0);
      pu->product = crm_sql_column_dup (stmt, 1);
      pu->amount_cents = sqlite3_column_int64 (stmt, 2);
      pu->currency = crm_sql_column_dup (stmt, 3);
      g_ptr_array_add (p->purchases, pu);
    }
  sqlite3_reset (stmt);

  stmt = prepare_for (store,
                      "SELECT count(*), total(amount_cents), max(purchased_at) FROM purchases WHERE customer_id = ?1",
                      p->id, NULL);
  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      p->n_purchases = sqlite3_column_int64 (stmt, 0);
      p->purchases_total_cents = (gint64) sqlite3_column_double (stmt, 1);
      p->last_purchase_at = crm_sql_column_int_or (stmt, 2, 0);
    }
  sqlite3_reset (stmt);
}

const char *
crm_profile_field_name (const char *field)
{
  if (g_strcmp0 (field, "primary_contact") == 0)
    return _("Primary contact replaced");
  if (g_strcmp0 (field, "phone") == 0)
    return _("Phone number changed");
  if (g_strcmp0 (field, "email") == 0)
    return _("E-mail address changed");
  if (g_strcmp0 (field, "name") == 0)
    return _("Name changed");
  if (g_strcmp0 (field, "needs") == 0)
    return _("Needs changed");
  if (g_strcmp0 (field, "key_account") == 0)
    return _("Became a key account");
  return field != NULL ? field : "";
}

void
crm_profile_event_free (gpointer data)
{
  CrmProfileEvent *e = data;

  g_free (e->title);
  g_free (e->detail);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e);
}

/* Every kind, each through its own index, merged by (time, kind, id) newest
 * first; `after` continues below an entry already shown (keyset paging). */
gboolean
crm_profile_load_history (CrmStore               *store,
                          gint64                  customer_id,
                          const CrmProfileEvent  *after,
                          guint                   limit,
                          GPtrArray              *out,
                          GError                **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (store,
    "SELECT * FROM ("
    " SELECT 0 AS kind, occurred_at AS at, id, channel AS code, subject AS title, summary AS detail, id AS ref,"
    "  NULL AS old_value, NULL AS new_value"
    "  FROM interactions"
    "  WHERE customer_id = ?1 AND occurred_at <= ?2 AND (occurred_at, 0, id) < (?4, ?5, ?6)"
    "  ORDER BY occurred_at DESC, id DESC LIMIT ?3)"
    " UNION ALL SELECT * FROM ("
    " SELECT 1, e.at, e.id, e.kind, t.code || ' ' || t.title, e.note, t.id,"
    "  CASE e.kind WHEN 4 THEN (SELECT name FROM team_members WHERE id = e.old_value) ELSE e.old_value END,"
    "  CASE e.kind WHEN 4 THEN (SELECT name FROM team_members WHERE id = e.new_value) ELSE e.new_value END"
    "  FROM tickets t"
    "  JOIN ticket_events e ON e.ticket_id = t.id"
    "  WHERE t.customer_id = ?1 AND e.at <= ?2 AND (e.at, 1, e.id) < (?4, ?5, ?6)"
    "  ORDER BY e.at DESC, e.id DESC LIMIT ?3)"
    " UNION ALL SELECT * FROM ("
    " SELECT 2, coalesce (actual_at, planned_at) AS done_at, id, kind, item, result, id, NULL, NULL FROM followups"
    "  WHERE customer_id = ?1 AND +status = 1 AND (coalesce (actual_at, planned_at), 2, id) < (?4, ?5, ?6)"
    "  ORDER BY done_at DESC, id DESC LIMIT ?3)"
    " UNION ALL SELECT * FROM ("
    " SELECT 3, taken_at, id, coalesce (nps, -1), NULL, comment, id, NULL, NULL FROM surveys"
    "  WHERE customer_id = ?1 AND taken_at <= ?2 AND (taken_at, 3, id) < (?4, ?5, ?6)"
    "  ORDER BY taken_at DESC, id DESC LIMIT ?3)"
    " UNION ALL SELECT * FROM ("
    " SELECT 4, at, id, 0, field, coalesce (old_value, '') || ' → ' || coalesce (new_value, ''), id, NULL, NULL"
    "  FROM profile_changes"
    "  WHERE customer_id = ?1 AND (at, 4, id) < (?4, ?5, ?6)"
    "  ORDER BY at DESC, id DESC LIMIT ?3)"
    " ORDER BY at DESC, kind DESC, id DESC LIMIT ?3",
    error);
  int rc;

  g_return_val_if_fail (out != NULL, FALSE);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, crm_store_now (store));
  sqlite3_bind_int (stmt, 3, (int) MIN (limit, G_MAXINT));
  sqlite3_bind_int64 (stmt, 4, after != NULL ? after->at : G_MAXINT64);
  sqlite3_bind_int (stmt, 5, after != NULL ? (int) after->kind : G_MAXINT);
  sqlite3_bind_int64 (stmt, 6, after != NULL ? after->id : G_MAXINT64);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmProfileEvent *e = g_new0 (CrmProfileEvent, 1);

      e->kind = sqlite3_column_int (stmt, 0);
      e->at = sqlite3_column_int64 (stmt, 1);
      e->id = sqlite3_column_int64 (stmt, 2);
      e->code = sqlite3_column_int (stmt, 3);
      e->title = crm_sql_column_dup (stmt, 4);
      e->detail = crm_sql_column_dup (stmt, 5);
      e->ref_id = sqlite3_column_int64 (stmt, 6);
      e->old_value = crm_sql_column_dup (stmt, 7);
      e->new_value = crm_sql_column_dup (stmt, 8);
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the history"));
      return FALSE;
    }
  return TRUE;
}

CrmProfile *
crm_store_load_profile (CrmStore  *store,
                        gint64     customer_id,
                        GError   **error)
{
  g_autoptr(CrmProfile) p = g_new0 (CrmProfile, 1);
  gint64 now;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  now = crm_store_now (store);
  p->id = customer_id;
  p->contacts = g_ptr_array_new_with_free_func (contact_free);
  p->interactions = g_ptr_array_new_with_free_func (interaction_free);
  p->open_tickets = g_ptr_array_new_with_free_func (ticket_free);
  p->overdue_followups = g_ptr_array_new_with_free_func (followup_free);
  p->upcoming_followups = g_ptr_array_new_with_free_func (followup_free);
  p->surveys = g_ptr_array_new_with_free_func (survey_free);
  p->purchases = g_ptr_array_new_with_free_func (purchase_free);
  p->history = g_ptr_array_new_with_free_func (crm_profile_event_free);

  if (!load_customer (store, p, error))
    return NULL;

  load_tags (store, p);
  load_contacts (store, p);
  load_interactions (store, p, now);
  load_tickets (store, p);
  load_followups (store, p, now, TRUE);
  load_followups (store, p, now, FALSE);
  load_surveys (store, p);
  load_purchases (store, p);
  crm_profile_load_history (store, p->id, NULL, CRM_PROFILE_HISTORY + 1, p->history, NULL);

  return g_steal_pointer (&p);
}
