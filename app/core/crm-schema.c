/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-schema"

#include "crm-schema.h"

/* Ordered migrations.  Migration N brings a database from user_version N-1 to N;
 * each runs in one transaction together with the user_version bump.  Never edit a
 * migration that has shipped: append a new one. */
static const char * const migrations[] = {
  /* 1: the whole domain */
  "CREATE TABLE team_members ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  role INTEGER NOT NULL DEFAULT 0 CHECK (role BETWEEN 0 AND 2)," /* agent, supervisor, manager */
  "  email TEXT,"
  "  supervisor_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,"
  "  is_self INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX team_members_name ON team_members(active, name);"

  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  sort_key TEXT NOT NULL,"
  "  kind INTEGER NOT NULL DEFAULT 1 CHECK (kind IN (0, 1)),"           /* person, company */
  "  industry TEXT,"
  "  staff_count INTEGER CHECK (staff_count IS NULL OR staff_count >= 0),"
  "  annual_revenue_cents INTEGER CHECK (annual_revenue_cents IS NULL OR annual_revenue_cents >= 0),"
  "  tier INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 0 AND 2),"     /* VIP, Normal, Potential */
  "  key_account INTEGER NOT NULL DEFAULT 0 CHECK (key_account BETWEEN 0 AND 2)," /* none, gold, diamond */
  "  lifecycle INTEGER NOT NULL DEFAULT 0 CHECK (lifecycle BETWEEN 0 AND 5),"
  "  source TEXT,"
  "  owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,"
  "  first_deal_date TEXT,"   /* YYYY-MM-DD */
  "  birthday TEXT,"          /* YYYY-MM-DD or --MM-DD */
  "  anniversary TEXT,"
  "  address TEXT,"
  "  website TEXT,"
  "  do_not_contact INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),"
  "  notes TEXT,"
  "  last_contact_at INTEGER,"
  "  health_score INTEGER CHECK (health_score IS NULL OR health_score BETWEEN 0 AND 100),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "CREATE INDEX customers_list ON customers(archived, sort_key, id);"
  "CREATE INDEX customers_tier ON customers(archived, tier, sort_key, id);"
  "CREATE INDEX customers_owner ON customers(archived, owner_id, sort_key, id);"
  "CREATE INDEX customers_last_contact ON customers(archived, last_contact_at, id);"

  "CREATE TABLE code_sequences ("
  "  prefix TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  last INTEGER NOT NULL,"
  "  PRIMARY KEY (prefix, year)"
  ") WITHOUT ROWID;"

  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  title TEXT,"
  "  role INTEGER NOT NULL DEFAULT 2 CHECK (role BETWEEN 0 AND 2),"     /* decision-maker, influencer, user */
  "  phone TEXT,"
  "  phone_digits TEXT,"
  "  email TEXT,"
  "  im TEXT,"
  "  is_primary INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),"
  "  consent INTEGER NOT NULL DEFAULT 1 CHECK (consent IN (0, 1)),"
  "  birthday TEXT,"
  "  notes TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX contacts_customer ON contacts(customer_id, is_primary DESC, id);"
  "CREATE INDEX contacts_phone ON contacts(phone_digits) WHERE phone_digits IS NOT NULL;"

  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ");"
  "CREATE TABLE customer_tags ("
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (customer_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX customer_tags_tag ON customer_tags(tag_id, customer_id);"

  "CREATE TABLE customer_needs ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,"
  "  preferred_products TEXT,"
  "  price_sensitivity INTEGER CHECK (price_sensitivity IS NULL OR price_sensitivity BETWEEN 0 AND 2),"
  "  expected_response_hours INTEGER CHECK (expected_response_hours IS NULL OR expected_response_hours >= 0),"
  "  value_focus INTEGER CHECK (value_focus IS NULL OR value_focus BETWEEN 0 AND 2)," /* value for money, features, after-sales */
  "  updated_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE feedback_categories ("
  "  id INTEGER PRIMARY KEY,"
  "  builtin_key TEXT UNIQUE,"   /* product_use, praise, price, other: shown translated */
  "  name TEXT,"                 /* user-defined categories */
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 1"
  ");"
  "INSERT INTO feedback_categories (builtin_key, position) VALUES"
  "  ('product_use', 0), ('praise', 1), ('price', 2), ('other', 3);"

  "CREATE TABLE interactions ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
  "  owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,"
  "  occurred_at INTEGER NOT NULL,"
  "  channel INTEGER NOT NULL CHECK (channel BETWEEN 0 AND 7)," /* phone e-mail visit chat meeting sms social other */
  "  duration_min INTEGER CHECK (duration_min IS NULL OR duration_min >= 0),"
  "  subject TEXT NOT NULL,"
  "  summary TEXT,"
  "  feedback TEXT,"
  "  feedback_category_id INTEGER REFERENCES feedback_categories(id) ON DELETE SET NULL,"
  "  participants TEXT,"
  "  satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),"
  "  next_action TEXT,"
  "  next_action_due INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX interactions_time ON interactions(occurred_at, id);"
  "CREATE INDEX interactions_customer ON interactions(customer_id, occurred_at, id);"
  "CREATE INDEX interactions_channel ON interactions(channel, occurred_at, id);"
  "CREATE INDEX interactions_owner ON interactions(owner_id, occurred_at, id);"

  "CREATE TABLE tickets ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  description TEXT,"
  "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
  "  category INTEGER NOT NULL DEFAULT 0 CHECK (category BETWEEN 0 AND 4)," /* consultation complaint fault needs experience */
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 4),"     /* new progress waiting resolved closed */
  "  assignee_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,"
  "  department INTEGER CHECK (department IS NULL OR department BETWEEN 0 AND 2)," /* technical product after-sales */
  "  created_at INTEGER NOT NULL,"
  "  first_response_at INTEGER,"
  "  response_due INTEGER,"
  "  resolved_at INTEGER,"
  "  resolution_due INTEGER,"
  "  closed_at INTEGER,"
  "  confirmed_at INTEGER,"
  "  paused_since INTEGER,"
  "  paused_seconds INTEGER NOT NULL DEFAULT 0,"
  "  breached INTEGER NOT NULL DEFAULT 0 CHECK (breached IN (0, 1)),"
  "  escalated_at INTEGER,"
  "  resolution TEXT,"
  "  compensation TEXT,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX tickets_board ON tickets(status, updated_at, id);"
  "CREATE INDEX tickets_customer ON tickets(customer_id, status, created_at);"
  "CREATE INDEX tickets_open_due ON tickets(resolution_due) WHERE status < 3;"
  "CREATE INDEX tickets_assignee ON tickets(assignee_id, status);"

  "CREATE TABLE ticket_events ("
  "  id INTEGER PRIMARY KEY,"
  "  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 9),"
  "  actor_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  note TEXT"
  ");"
  "CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at, id);"

  "CREATE TABLE followups ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 7)," /* call visit email greeting review care analysis other */
  "  item TEXT NOT NULL CHECK (length(trim(item)) > 0),"
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2)," /* planned done skipped; overdue is derived */
  "  planned_at INTEGER NOT NULL,"
  "  actual_at INTEGER,"
  "  result TEXT,"
  "  next_step TEXT,"
  "  notes TEXT,"
  "  skip_reason TEXT,"
  "  satisfaction INTEGER CHECK (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5),"
  "  owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,"
  "  rule_key TEXT,"
  "  rule_reason TEXT,"
  "  dedup_key TEXT UNIQUE,"
  "  source_interaction_id INTEGER REFERENCES interactions(id) ON DELETE SET NULL,"
  "  source_ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX followups_planned ON followups(planned_at, id);"
  "CREATE INDEX followups_customer ON followups(customer_id, planned_at);"
  "CREATE INDEX followups_open ON followups(status, planned_at, id);"
  "CREATE INDEX followups_interaction ON followups(source_interaction_id) WHERE source_interaction_id IS NOT NULL;"
  "CREATE INDEX followups_ticket ON followups(source_ticket_id) WHERE source_ticket_id IS NOT NULL;"

  "CREATE TABLE surveys ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
  "  taken_at INTEGER NOT NULL,"
  "  csat_speed INTEGER CHECK (csat_speed IS NULL OR csat_speed BETWEEN 1 AND 5),"
  "  csat_fit INTEGER CHECK (csat_fit IS NULL OR csat_fit BETWEEN 1 AND 5),"
  "  csat_care INTEGER CHECK (csat_care IS NULL OR csat_care BETWEEN 1 AND 5),"
  "  nps INTEGER CHECK (nps IS NULL OR nps BETWEEN 0 AND 10),"
  "  comment TEXT,"
  "  suggestion TEXT"
  ");"
  "CREATE INDEX surveys_customer ON surveys(customer_id, taken_at);"

  "CREATE TABLE purchases ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  purchased_at INTEGER NOT NULL,"
  "  product TEXT,"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),"
  "  currency TEXT NOT NULL DEFAULT 'CNY'"
  ");"
  "CREATE INDEX purchases_customer ON purchases(customer_id, purchased_at);"

  "CREATE TABLE health_snapshots ("
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  month TEXT NOT NULL,"  /* YYYY-MM */
  "  score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),"
  "  details TEXT,"
  "  PRIMARY KEY (customer_id, month)"
  ") WITHOUT ROWID;"

  "CREATE TABLE profile_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  actor_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX profile_changes_customer ON profile_changes(customer_id, at);"

  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,"
  "  action TEXT NOT NULL,"
  "  customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,"
  "  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,"
  "  reason TEXT"
  ");"
  "CREATE INDEX audit_log_customer ON audit_log(customer_id, at);"

  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE working_windows ("
  "  id INTEGER PRIMARY KEY,"
  "  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),"  /* ISO: 1 = Monday */
  "  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1440),"
  "  end_minute INTEGER NOT NULL CHECK (end_minute BETWEEN 0 AND 1440),"
  "  CHECK (end_minute > start_minute)"
  ");"
  "INSERT INTO working_windows (weekday, start_minute, end_minute)"
  "  WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < 5)"
  "  SELECT n, 540, 720 FROM d UNION ALL SELECT n, 810, 1080 FROM d;"

  "CREATE TABLE calendar_days ("
  "  day TEXT PRIMARY KEY,"   /* YYYY-MM-DD */
  "  kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"  /* public holiday, make-up working day */
  "  name TEXT"
  ") WITHOUT ROWID;"

  "CREATE TABLE sla_policies ("
  "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),"
  "  vip INTEGER NOT NULL CHECK (vip IN (0, 1)),"
  "  respond_minutes INTEGER NOT NULL CHECK (respond_minutes > 0),"
  "  resolve_minutes INTEGER NOT NULL CHECK (resolve_minutes > 0),"
  "  working_time INTEGER NOT NULL CHECK (working_time IN (0, 1)),"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (level, vip)"
  ") WITHOUT ROWID;"
  "INSERT INTO sla_policies (level, vip, respond_minutes, resolve_minutes, working_time, enabled) VALUES"
  "  (1, 0, 60, 240, 0, 1), (2, 0, 120, 1440, 0, 1), (3, 0, 240, 1350, 1, 1),"
  "  (1, 1, 30, 180, 0, 0), (2, 1, 60, 720, 0, 0), (3, 1, 120, 900, 1, 0);"

  "CREATE TABLE playbook_rules ("
  "  key TEXT PRIMARY KEY,"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  offset_minutes INTEGER NOT NULL,"
  "  params TEXT"
  ") WITHOUT ROWID;"

  "CREATE TABLE reminder_log ("
  "  item_kind INTEGER NOT NULL,"
  "  item_id INTEGER NOT NULL,"
  "  reminder_kind INTEGER NOT NULL,"
  "  due_at INTEGER NOT NULL,"
  "  sent_at INTEGER NOT NULL,"
  "  PRIMARY KEY (item_kind, item_id, reminder_kind, due_at)"
  ") WITHOUT ROWID;"

  "CREATE TABLE snoozes ("
  "  item_kind INTEGER NOT NULL,"
  "  item_id INTEGER NOT NULL,"
  "  reminder_kind INTEGER NOT NULL,"
  "  until INTEGER NOT NULL,"
  "  PRIMARY KEY (item_kind, item_id, reminder_kind)"
  ") WITHOUT ROWID;"

  /* Search: every term of a customer's name, code, contacts' names, phones and
   * e-mail addresses.  Chinese runs are indexed by all their suffixes and phones
   * by their suffixes, so a prefix range query finds any substring. */
  "CREATE TABLE search_terms ("
  "  term TEXT NOT NULL,"
  "  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,"
  "  PRIMARY KEY (term, customer_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX search_terms_customer ON search_terms(customer_id);",

  /* 2: scores computed in the background (health, RFM) and tier suggestions */
  "CREATE TABLE customer_scores ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,"
  "  health_score INTEGER CHECK (health_score IS NULL OR health_score BETWEEN 0 AND 100),"
  "  risk INTEGER NOT NULL DEFAULT 0 CHECK (risk BETWEEN 0 AND 3)," /* none low medium high */
  "  health_details TEXT,"
  "  rfm_r INTEGER CHECK (rfm_r IS NULL OR rfm_r BETWEEN 1 AND 5),"
  "  rfm_f INTEGER CHECK (rfm_f IS NULL OR rfm_f BETWEEN 1 AND 5),"
  "  rfm_m INTEGER CHECK (rfm_m IS NULL OR rfm_m BETWEEN 1 AND 5),"
  "  rfm_segment INTEGER,"
  "  computed_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX customer_scores_risk ON customer_scores(risk, customer_id) WHERE risk > 0;"

  "CREATE TABLE tier_suggestions ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,"
  "  recent_cents INTEGER NOT NULL,"    /* purchases of the last 6 months */
  "  previous_cents INTEGER NOT NULL,"  /* the 6 months before */
  "  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 2)," /* open accepted dismissed */
  "  created_at INTEGER NOT NULL,"
  "  decided_at INTEGER"
  ");",

  /* 3: the timeline: filters by satisfaction and feedback category, and the
   * number of interactions per (UTC) day, kept by triggers, so the whole
   * timeline is counted and a date found without walking 2 million rows */
  "CREATE INDEX interactions_satisfaction ON interactions(satisfaction, occurred_at, id)"
  " WHERE satisfaction IS NOT NULL;"
  "CREATE INDEX interactions_category ON interactions(feedback_category_id, occurred_at, id)"
  " WHERE feedback_category_id IS NOT NULL;"
  "CREATE TABLE interaction_days ("
  "  day INTEGER PRIMARY KEY,"      /* occurred_at / 86400 */
  "  n INTEGER NOT NULL"
  ");"
  "INSERT INTO interaction_days (day, n) SELECT occurred_at / 86400, count(*) FROM interactions GROUP BY 1;"
  "CREATE TRIGGER interaction_days_insert AFTER INSERT ON interactions BEGIN"
  "  INSERT INTO interaction_days (day, n) VALUES (new.occurred_at / 86400, 1)"
  "  ON CONFLICT (day) DO UPDATE SET n = n + 1;"
  " END;"
  "CREATE TRIGGER interaction_days_delete AFTER DELETE ON interactions BEGIN"
  "  UPDATE interaction_days SET n = n - 1 WHERE day = old.occurred_at / 86400;"
  " END;"
  "CREATE TRIGGER interaction_days_update AFTER UPDATE OF occurred_at ON interactions"
  " WHEN old.occurred_at / 86400 <> new.occurred_at / 86400 BEGIN"
  "  UPDATE interaction_days SET n = n - 1 WHERE day = old.occurred_at / 86400;"
  "  INSERT INTO interaction_days (day, n) VALUES (new.occurred_at / 86400, 1)"
  "  ON CONFLICT (day) DO UPDATE SET n = n + 1;"
  " END;",

  /* 4: searching the timeline: subject, summary and feedback in an FTS5 index
   * over the interactions themselves, with Rapport's "crm" tokenizer (words,
   * and pairs of Chinese characters), kept by triggers */
  "CREATE VIRTUAL TABLE interaction_fts USING fts5(subject, summary, feedback,"
  " content='interactions', content_rowid='id', tokenize='crm');"
  "INSERT INTO interaction_fts (interaction_fts) VALUES ('rebuild');"
  "CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interactions BEGIN"
  "  INSERT INTO interaction_fts (rowid, subject, summary, feedback)"
  "  VALUES (new.id, new.subject, new.summary, new.feedback);"
  " END;"
  "CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interactions BEGIN"
  "  INSERT INTO interaction_fts (interaction_fts, rowid, subject, summary, feedback)"
  "  VALUES ('delete', old.id, old.subject, old.summary, old.feedback);"
  " END;"
  "CREATE TRIGGER interaction_fts_update AFTER UPDATE OF subject, summary, feedback ON interactions BEGIN"
  "  INSERT INTO interaction_fts (interaction_fts, rowid, subject, summary, feedback)"
  "  VALUES ('delete', old.id, old.subject, old.summary, old.feedback);"
  "  INSERT INTO interaction_fts (rowid, subject, summary, feedback)"
  "  VALUES (new.id, new.subject, new.summary, new.feedback);"
  " END;",

  /* 5: mainland China's public holidays (kind 0) and make-up working days
   * (调休, kind 1), names as keys shown by crm_holiday_display_name().
   * 2026: the State Council's notice of November 2025.  2027: only the days
   * the law fixes (元旦 1, 春节 除夕–初三, 清明, 劳动节 2, 端午, 中秋, 国庆 3),
   * without the bridging days and make-up days, until the State Council's
   * notice for 2027 is entered.  Days the user already entered are kept. */
  "INSERT OR IGNORE INTO calendar_days (day, kind, name) VALUES"
  "  ('2026-01-01', 0, 'new_year'), ('2026-01-02', 0, 'new_year'), ('2026-01-03', 0, 'new_year'),"
  "  ('2026-01-04', 1, 'makeup'),"
  "  ('2026-02-14', 1, 'makeup'),"
  "  ('2026-02-15', 0, 'spring_festival'), ('2026-02-16', 0, 'spring_festival'),"
  "  ('2026-02-17', 0, 'spring_festival'), ('2026-02-18', 0, 'spring_festival'),"
  "  ('2026-02-19', 0, 'spring_festival'), ('2026-02-20', 0, 'spring_festival'),"
  "  ('2026-02-21', 0, 'spring_festival'), ('2026-02-22', 0, 'spring_festival'),"
  "  ('2026-02-23', 0, 'spring_festival'),"
  "  ('2026-02-28', 1, 'makeup'),"
  "  ('2026-04-04', 0, 'qingming'), ('2026-04-05', 0, 'qingming'), ('2026-04-06', 0, 'qingming'),"
  "  ('2026-05-01', 0, 'labour_day'), ('2026-05-02', 0, 'labour_day'), ('2026-05-03', 0, 'labour_day'),"
  "  ('2026-05-04', 0, 'labour_day'), ('2026-05-05', 0, 'labour_day'),"
  "  ('2026-05-09', 1, 'makeup'),"
  "  ('2026-06-19', 0, 'dragon_boat'), ('2026-06-20', 0, 'dragon_boat'), ('2026-06-21', 0, 'dragon_boat'),"
  "  ('2026-09-20', 1, 'makeup'),"
  "  ('2026-09-25', 0, 'mid_autumn'), ('2026-09-26', 0, 'mid_autumn'), ('2026-09-27', 0, 'mid_autumn'),"
  "  ('2026-10-01', 0, 'national_day'), ('2026-10-02', 0, 'national_day'), ('2026-10-03', 0, 'national_day'),"
  "  ('2026-10-04', 0, 'national_day'), ('2026-10-05', 0, 'national_day'), ('2026-10-06', 0, 'national_day'),"
  "  ('2026-10-07', 0, 'national_day'),"
  "  ('2026-10-10', 1, 'makeup'),"
  "  ('2027-01-01', 0, 'new_year'),"
  "  ('2027-02-05', 0, 'spring_festival'), ('2027-02-06', 0, 'spring_festival'),"
  "  ('2027-02-07', 0, 'spring_festival'), ('2027-02-08', 0, 'spring_festival'),"
  "  ('2027-04-05', 0, 'qingming'),"
  "  ('2027-05-01', 0, 'labour_day'), ('2027-05-02', 0, 'labour_day'),"
  "  ('2027-06-09', 0, 'dragon_boat'),"
  "  ('2027-09-15', 0, 'mid_autumn'),"
  "  ('2027-10-01', 0, 'national_day'), ('2027-10-02', 0, 'national_day'), ('2027-10-03', 0, 'national_day');",

  /* 6: the ticket board.  Each ticket keeps the deadline that matters now
   * (next_due: the response until the first response, then the resolution;
   * NULL once resolved) and the moments it turns at risk (80 %), recomputed by
   * every ticket action.  The open columns page by (status, next_due, id), the
   * Resolved column by (status, updated_at, id), the Closed column by (status,
   * closed_at, id); each of these indexes also holds what the board filters on
   * (level, category, assignee, breached), so a filtered column is counted and
   * filtered from the index alone.  Existing rows get approximations
   * (no pauses, no working time); escalations recorded before this version get
   * the deadline they were about (new_value 'response' or 'resolution',
   * old_value the deadline), and the ticket that deadline in escalated_due,
   * so the escalation pass (open tickets whose next_due passed and differs
   * from escalated_due, read from tickets_next alone) does not repeat them.
   * The board's search: codes and titles in an FTS5 index with the "crm"
   * tokenizer (as the interactions'), kept by triggers. */
  "ALTER TABLE tickets ADD COLUMN next_due INTEGER;"
  "ALTER TABLE tickets ADD COLUMN response_risk_at INTEGER;"
  "ALTER TABLE tickets ADD COLUMN resolution_risk_at INTEGER;"
  "ALTER TABLE tickets ADD COLUMN escalated_due INTEGER;"
  "UPDATE tickets SET"
  "  response_risk_at = CASE WHEN response_due IS NOT NULL"
  "    THEN created_at + (response_due - created_at) * 4 / 5 END,"
  "  resolution_risk_at = CASE WHEN resolution_due IS NOT NULL"
  "    THEN created_at + (resolution_due - created_at) * 4 / 5 END,"
  "  next_due = CASE WHEN status >= 3 THEN NULL"
  "    WHEN first_response_at IS NULL THEN response_due ELSE resolution_due END,"
  "  escalated_due = CASE WHEN escalated_at IS NULL THEN NULL"
  "    WHEN first_response_at IS NULL OR first_response_at > response_due THEN response_due"
  "    ELSE resolution_due END;"
  "UPDATE ticket_events SET"
  "  new_value = (SELECT CASE WHEN t.first_response_at IS NULL OR t.first_response_at > t.response_due"
  "                 THEN 'response' ELSE 'resolution' END FROM tickets t WHERE t.id = ticket_events.ticket_id),"
  "  old_value = (SELECT CAST(CASE WHEN t.first_response_at IS NULL OR t.first_response_at > t.response_due"
  "                 THEN t.response_due ELSE t.resolution_due END AS TEXT)"
  "               FROM tickets t WHERE t.id = ticket_events.ticket_id)"
  "  WHERE kind = 6 AND new_value IS NULL"
  "  AND ticket_id IN (SELECT id FROM tickets WHERE escalated_at IS NOT NULL);"
  "CREATE INDEX tickets_next ON tickets(status, next_due, id, level, category, assignee_id, breached, paused_since,"
  " escalated_due);"
  "CREATE INDEX tickets_closed ON tickets(status, closed_at, id, level, category, assignee_id, breached);"
  "DROP INDEX tickets_board;"
  "CREATE INDEX tickets_board ON tickets(status, updated_at, id, level, category, assignee_id, breached);"
  "CREATE VIRTUAL TABLE ticket_fts USING fts5(code, title,"
  " content='tickets', content_rowid='id', tokenize='crm');"
  "INSERT INTO ticket_fts (ticket_fts) VALUES ('rebuild');"
  "CREATE TRIGGER ticket_fts_insert AFTER INSERT ON tickets BEGIN"
  "  INSERT INTO ticket_fts (rowid, code, title) VALUES (new.id, new.code, new.title);"
  " END;"
  "CREATE TRIGGER ticket_fts_delete AFTER DELETE ON tickets BEGIN"
  "  INSERT INTO ticket_fts (ticket_fts, rowid, code, title) VALUES ('delete', old.id, old.code, old.title);"
  " END;"
  "CREATE TRIGGER ticket_fts_update AFTER UPDATE OF code, title ON tickets BEGIN"
  "  INSERT INTO ticket_fts (ticket_fts, rowid, code, title) VALUES ('delete', old.id, old.code, old.title);"
  "  INSERT INTO ticket_fts (rowid, code, title) VALUES (new.id, new.code, new.title);"
  " END;",

  /* 7: the follow-up plan and the playbook.  A follow-up created as the next
   * step of another points back at it (previous_id); a late one keeps why it
   * was late (late_reason).  The playbook's rules look up their own follow-ups
   * by (rule_key, customer_id, planned_at), a customer's last follow-up done
   * with the customer (not an analysis, kind 6) by (customer_id, actual_at),
   * and the satisfaction results of follow-ups done by their time.  A rule's
   * follow-up that the user deleted leaves its dedup_key in
   * followup_dismissed, and the trigger keeps any rule from creating it again
   * (an undo removes the key first).  The default rules of DOMAIN.md, offsets
   * in minutes (what each one means: see crm-playbook.h); rules the user
   * already changed are kept. */
  "ALTER TABLE followups ADD COLUMN previous_id INTEGER REFERENCES followups(id) ON DELETE SET NULL;"
  "ALTER TABLE followups ADD COLUMN late_reason TEXT;"
  "CREATE INDEX followups_previous ON followups(previous_id) WHERE previous_id IS NOT NULL;"
  "CREATE INDEX followups_rule ON followups(rule_key, customer_id, planned_at) WHERE rule_key IS NOT NULL;"
  "CREATE INDEX followups_contact ON followups(customer_id, actual_at) WHERE status = 1 AND kind <> 6;"
  "CREATE INDEX followups_rated ON followups(actual_at) WHERE status = 1 AND satisfaction IS NOT NULL;"
  "CREATE TABLE followup_dismissed ("
  "  dedup_key TEXT PRIMARY KEY,"
  "  dismissed_at INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER followups_dismissed BEFORE INSERT ON followups"
  " WHEN new.dedup_key IS NOT NULL"
  "  AND EXISTS (SELECT 1 FROM followup_dismissed WHERE dedup_key = new.dedup_key) BEGIN"
  "  SELECT RAISE(IGNORE);"
  " END;"
  "INSERT OR IGNORE INTO playbook_rules (key, enabled, offset_minutes, params) VALUES"
  "  ('onboarding_thanks', 1, 4320, NULL),"        /* 3 days after the first deal */
  "  ('onboarding_call', 1, 10080, NULL),"         /* 7 days */
  "  ('onboarding_review', 1, 43200, NULL),"       /* 30 days */
  "  ('after_sales_visit', 1, 1440, NULL),"        /* 1 day after a service ticket's resolution */
  "  ('complaint_followup', 1, 120, NULL),"        /* 2 hours after a complaint's resolution */
  "  ('satisfaction_high', 1, 129600, NULL),"      /* 4–5: next regular visit in 90 days */
  "  ('satisfaction_neutral', 1, 10080, NULL),"    /* 3: second visit within 7 days */
  "  ('satisfaction_low', 1, 1440, NULL),"         /* 1–2: the supervisor within 24 hours */
  "  ('key_account_review', 1, 43200, NULL),"      /* every 30 days */
  "  ('regular_review', 1, 129600, NULL),"         /* every 90 days */
  "  ('care_touch', 1, 43200, NULL),"              /* every 30 days */
  "  ('vip_visit', 1, 129600, NULL),"              /* every 90 days */
  "  ('birthday_greeting', 1, 1440, 'gift_vip=200;gift_other=50')," /* 1 day ahead */
  "  ('anniversary_greeting', 1, 1440, 'gift_vip=200;gift_other=50'),"
  "  ('holiday_greeting', 1, 4320, 'exclude=qingming')," /* 3 days ahead */
  "  ('at_risk_analysis', 1, 1440, NULL),"         /* within 24 hours */
  "  ('no_contact_7', 1, 10080, NULL),"            /* 7 days without contact */
  "  ('no_contact_15', 1, 21600, NULL),"
  "  ('no_contact_30', 1, 43200, NULL);",

  /* 8: reminders (crm-reminders.h).  When a customer became at risk:
   * customer_scores.at_risk_since, the computation's time, set by triggers
   * when the risk turns from none to some and cleared when it turns back; NULL
   * for customers already at risk before this version (since when is not
   * known: they are not announced).  The birthdays and anniversaries of a day,
   * by month and day (the end of YYYY-MM-DD and --MM-DD).  A person's planned
   * follow-ups by time (owner 0: nobody's). */
  "ALTER TABLE customer_scores ADD COLUMN at_risk_since INTEGER;"
  "CREATE INDEX customer_scores_at_risk_since ON customer_scores(at_risk_since) WHERE at_risk_since IS NOT NULL;"
  "CREATE TRIGGER customer_scores_at_risk_insert AFTER INSERT ON customer_scores"
  " WHEN new.risk > 0 BEGIN"
  "  UPDATE customer_scores SET at_risk_since = new.computed_at WHERE customer_id = new.customer_id;"
  " END;"
  "CREATE TRIGGER customer_scores_at_risk_update AFTER UPDATE OF risk ON customer_scores"
  " WHEN (old.risk > 0) <> (new.risk > 0) BEGIN"
  "  UPDATE customer_scores SET at_risk_since = CASE WHEN new.risk > 0 THEN new.computed_at END"
  "  WHERE customer_id = new.customer_id;"
  " END;"
  "CREATE INDEX customers_birthday ON customers(substr(birthday, -5)) WHERE birthday IS NOT NULL;"
  "CREATE INDEX customers_anniversary ON customers(substr(anniversary, -5)) WHERE anniversary IS NOT NULL;"
  "CREATE INDEX followups_owner_open ON followups(ifnull(owner_id, 0), planned_at) WHERE status = 0;",

  /* 9: the calendar counts a range's follow-ups from this index alone */
  "CREATE INDEX followups_calendar ON followups(planned_at, status, owner_id);",

  /* 10: the "crm" tokenizer folds text before it splits it, as the search
   * does ("㍿" is "株式会社"): both indexes are made again with it */
  "INSERT INTO interaction_fts (interaction_fts) VALUES ('rebuild'); INSERT INTO ticket_fts (ticket_fts) VALUES ('rebuild');",

  /* 11: each customer's search terms listed in one row (a JSON array), which
   * a change of the customer finds and deletes by search_terms' key.  The
   * index by customer it replaces had to be built again after every large
   * import: 2.6 s for 100,000 customers' 2.4 million terms. */
  "CREATE TABLE customer_terms ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,"
  "  terms TEXT NOT NULL"
  ");"
  "INSERT INTO customer_terms (customer_id, terms)"
  "  SELECT c.id, (SELECT json_group_array(term) FROM search_terms WHERE customer_id = c.id) FROM customers c;"
  "DROP INDEX search_terms_customer;",

  /* 12: the Agenda sorted by state (open ones by planned time, then done,
   * then skipped) and by the time done (the ones not done after the done
   * ones, by planned time, either way), paged along these */
  "CREATE INDEX followups_by_state ON followups(status * 1099511627776 + planned_at);"
  "CREATE INDEX followups_done_up ON followups(ifnull(actual_at, planned_at + 4611686018427387904));"
  "CREATE INDEX followups_done_down ON followups(ifnull(actual_at, planned_at - 4611686018427387904));",

  /* 13: search terms without a foreign key: it looked the customer up for
   * each of an import's 2.4 million terms (100,000 customers), and deleting a
   * customer walked the whole table for the cascade.  They are derived from
   * the customer's row, written by the same code in the same transaction; a
   * deleted customer's terms go by the list in customer_terms. */
  "CREATE TABLE search_terms_13 ("
  "  term TEXT NOT NULL,"
  "  customer_id INTEGER NOT NULL,"
  "  PRIMARY KEY (term, customer_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO search_terms_13 (term, customer_id) SELECT term, customer_id FROM search_terms ORDER BY term, customer_id;"
  "DROP TABLE search_terms;"
  "ALTER TABLE search_terms_13 RENAME TO search_terms;"
  "CREATE TRIGGER customers_delete_terms BEFORE DELETE ON customers BEGIN"
  "  DELETE FROM search_terms WHERE customer_id = old.id AND term IN"
  "    (SELECT value FROM json_each((SELECT terms FROM customer_terms WHERE customer_id = old.id)));"
  " END;",

  /* 14: the customers a large import wrote without their search terms, which
   * a connection of their own makes afterwards, a few thousand at a time
   * (crm_store_index_customers()): what is left here after a crash or a quit
   * gets them at the next start */
  "CREATE TABLE unindexed_customers ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE"
  ");",
};

guint
crm_schema_get_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

const char *
crm_schema_get_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);
  return migrations[version - 1];
}
