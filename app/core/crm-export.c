/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-export"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-export.h"

/* ---- what each table writes ---- */

typedef enum {
  COL_TEXT,
  COL_INT,      /* empty for NULL */
  COL_TIME,     /* unix seconds → ISO 8601 with offset */
  COL_KEY,      /* a stored number → its stable English key */
  COL_MONEY,    /* cents → "1234.50" */
} ColumnKind;

typedef struct {
  const char         *header;
  ColumnKind          kind;
  const char * const *keys;     /* COL_KEY: indexed by the stored number, NULL-terminated */
} Column;

static const char * const customer_kinds[] = { "person", "company", NULL };
static const char * const tiers[] = { "vip", "normal", "potential", NULL };
static const char * const key_accounts[] = { "none", "gold", "diamond", NULL };
static const char * const lifecycles[] = { "new", "active", "mature", "declining", "churned", "won_back", NULL };
static const char * const contact_roles[] = { "decision_maker", "influencer", "user", NULL };
static const char * const channels[] = { "phone", "email", "visit", "chat", "meeting", "sms", "social", "other", NULL };
static const char * const ticket_statuses[] = { "new", "in_progress", "waiting", "resolved", "closed", NULL };
static const char * const ticket_categories[] = {
  "consultation", "complaint", "product_fault", "change_of_needs", "service_experience", NULL
};
static const char * const departments[] = { "technical", "product", "after_sales", NULL };
static const char * const followup_kinds[] = {
  "call", "visit", "email", "greeting", "review", "care", "analysis", "other", NULL
};
static const char * const followup_statuses[] = { "planned", "done", "skipped", NULL };

#define TEXT(h)     { h, COL_TEXT, NULL }
#define INT(h)      { h, COL_INT, NULL }
#define TIME(h)     { h, COL_TIME, NULL }
#define KEY(h, k)   { h, COL_KEY, k }
#define MONEY(h)    { h, COL_MONEY, NULL }

static const Column customer_columns[] = {
  TEXT ("code"), TEXT ("name"), KEY ("kind", customer_kinds), TEXT ("industry"), INT ("staff_count"),
  MONEY ("annual_revenue"), KEY ("tier", tiers), KEY ("key_account", key_accounts),
  KEY ("lifecycle", lifecycles), TEXT ("source"), TEXT ("owner"), TEXT ("first_deal_date"), TEXT ("birthday"),
  TEXT ("anniversary"), TEXT ("address"), TEXT ("website"), INT ("do_not_contact"), TEXT ("notes"),
  TIME ("last_contact_at"), INT ("health_score"), TIME ("created_at"), TIME ("updated_at"), INT ("archived"),
};

static const Column contact_columns[] = {
  TEXT ("customer_code"), TEXT ("name"), TEXT ("title"), KEY ("role", contact_roles), TEXT ("phone"),
  TEXT ("email"), TEXT ("im"), INT ("is_primary"), INT ("consent"), TEXT ("birthday"), TEXT ("notes"),
  TIME ("created_at"), TIME ("updated_at"),
};

static const Column interaction_columns[] = {
  TEXT ("customer_code"), TIME ("occurred_at"), KEY ("channel", channels), TEXT ("contact"), TEXT ("owner"),
  INT ("duration_min"), TEXT ("subject"), TEXT ("summary"), TEXT ("feedback"), TEXT ("feedback_category"),
  TEXT ("participants"), INT ("satisfaction"), TEXT ("next_action"), TIME ("next_action_due"),
  TIME ("created_at"), TIME ("updated_at"),
};

/* DESIGN.md's ticket columns first, in its order */
static const Column ticket_columns[] = {
  TEXT ("code"), TEXT ("customer_code"), TEXT ("title"), INT ("level"), KEY ("status", ticket_statuses),
  KEY ("category", ticket_categories), TIME ("created_at"), TIME ("first_response_at"), TIME ("response_due"),
  TIME ("resolved_at"), TIME ("resolution_due"), INT ("breached"), TEXT ("assignee"),
  KEY ("department", departments), TIME ("closed_at"), TIME ("confirmed_at"),
};

static const Column followup_columns[] = {
  TEXT ("customer_code"), KEY ("kind", followup_kinds), TEXT ("item"), KEY ("status", followup_statuses),
  TIME ("planned_at"), TIME ("actual_at"), TEXT ("result"), TEXT ("next_step"), TEXT ("notes"),
  TEXT ("skip_reason"), INT ("satisfaction"), TEXT ("owner"), TEXT ("rule_key"), TEXT ("rule_reason"),
  TEXT ("ticket_code"), TIME ("created_at"), TIME ("updated_at"),
};

typedef struct {
  const char   *name;
  const char   *sql;      /* one column per Column, in order; every row, oldest first */
  const Column *columns;
  guint         n_columns;
} Table;

static const Table tables[] = {
  { "customers",
    "SELECT c.code, c.name, c.kind, c.industry, c.staff_count, c.annual_revenue_cents, c.tier, c.key_account,"
    " c.lifecycle, c.source, m.name, c.first_deal_date, c.birthday, c.anniversary, c.address, c.website,"
    " c.do_not_contact, c.notes, c.last_contact_at, c.health_score, c.created_at, c.updated_at, c.archived"
    " FROM customers c LEFT JOIN team_members m ON m.id = c.owner_id ORDER BY c.id",
    customer_columns, G_N_ELEMENTS (customer_columns) },
  { "contacts",
    "SELECT c.code, ct.name, ct.title, ct.role, ct.phone, ct.email, ct.im, ct.is_primary, ct.consent,"
    " ct.birthday, ct.notes, ct.created_at, ct.updated_at"
    " FROM contacts ct JOIN customers c ON c.id = ct.customer_id ORDER BY ct.id",
    contact_columns, G_N_ELEMENTS (contact_columns) },
  { "interactions",
    "SELECT c.code, i.occurred_at, i.channel, ct.name, m.name, i.duration_min, i.subject, i.summary, i.feedback,"
    " coalesce (fc.builtin_key, fc.name), i.participants, i.satisfaction, i.next_action, i.next_action_due,"
    " i.created_at, i.updated_at"
    " FROM interactions i JOIN customers c ON c.id = i.customer_id"
    " LEFT JOIN contacts ct ON ct.id = i.contact_id"
    " LEFT JOIN team_members m ON m.id = i.owner_id"
    " LEFT JOIN feedback_categories fc ON fc.id = i.feedback_category_id"
    " ORDER BY i.id",
    interaction_columns, G_N_ELEMENTS (interaction_columns) },
  { "tickets",
    "SELECT t.code, c.code, t.title, t.level, t.status, t.category, t.created_at, t.first_response_at,"
    " t.response_due, t.resolved_at, t.resolution_due, t.breached, m.name, t.department, t.closed_at,"
    " t.confirmed_at"
    " FROM tickets t JOIN customers c ON c.id = t.customer_id"
    " LEFT JOIN team_members m ON m.id = t.assignee_id"
    " ORDER BY t.id",
    ticket_columns, G_N_ELEMENTS (ticket_columns) },
  { "followups",
    "SELECT c.code, f.kind, f.item, f.status, f.planned_at, f.actual_at, f.result, f.next_step, f.notes,"
    " f.skip_reason, f.satisfaction, m.name, f.rule_key, f.rule_reason, t.code, f.created_at, f.updated_at"
    " FROM followups f JOIN customers c ON c.id = f.customer_id"
    " LEFT JOIN team_members m ON m.id = f.owner_id"
    " LEFT JOIN tickets t ON t.id = f.source_ticket_id"
    " ORDER BY f.id",
    followup_columns, G_N_ELEMENTS (followup_columns) },
};

static const char * const table_names[] = {
  "customers", "contacts", "interactions", "tickets", "followups", NULL
};

const char * const *
crm_export_get_tables (void)
{
  return table_names;
}

static const Table *
find_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].name, name) == 0)
      return &tables[i];
  return NULL;
}

gboolean
crm_export_is_table (const char *table)
{
  return find_table (table) != NULL;
}

/* ---- CSV ---- */

void
crm_csv_append_field (GString    *out,
                      const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, "\",\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* @value with at least @width digits (0-padded); printf is most of an export's time. */
static void
append_number (GString *out,
               gint64   value,
               int      width)
{
  char digits[24];
  int n = 0;
  guint64 u = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      digits[n++] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u > 0);
  while (n < width)
    digits[n++] = '0';
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* The civil date of a day number (days since 1970-01-01), proleptic Gregorian
 * (H. Hinnant's days_from_civil, inverted). */
static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *year = (int) (yoe + era * 400 + (m <= 2));
  *month = m;
  *day = d;
}

/* "2026-11-20T10:00:00+08:00" in @tz, as GDateTime's "%Y-%m-%dT%H:%M:%S%:z"
 * would write it, without building a GDateTime per value (an export writes
 * millions).  FALSE outside the years 1–9999. */
static gboolean
append_time (GString   *out,
             GTimeZone *tz,
             gint64     unix_seconds)
{
  int interval, year, month, day;
  gint64 local, days, seconds;
  gint32 offset;

  if (unix_seconds < G_GINT64_CONSTANT (-62135596800) || unix_seconds > G_GINT64_CONSTANT (253402300799) + 86400)
    return FALSE;
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_seconds);
  offset = interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
  local = unix_seconds + offset;
  days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  seconds = local - days * 86400;
  civil_from_days (days, &year, &month, &day);
  if (year < 1 || year > 9999)
    return FALSE;
  append_number (out, year, 4);
  g_string_append_c (out, '-');
  append_number (out, month, 2);
  g_string_append_c (out, '-');
  append_number (out, day, 2);
  g_string_append_c (out, 'T');
  append_number (out, seconds / 3600, 2);
  g_string_append_c (out, ':');
  append_number (out, seconds / 60 % 60, 2);
  g_string_append_c (out, ':');
  append_number (out, seconds % 60, 2);
  g_string_append_c (out, offset < 0 ? '-' : '+');
  append_number (out, ABS (offset) / 3600, 2);
  g_string_append_c (out, ':');
  append_number (out, ABS (offset) / 60 % 60, 2);
  return TRUE;
}

char *
crm_csv_format_time (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  GString *out = g_string_new (NULL);

  if (!append_time (out, tz, unix_seconds))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* @tz: the local zone, looked up once (without TZ set, each lookup reads
 * /etc/localtime again: a dozen system calls per timestamp). */
static void
append_value (GString       *line,
              sqlite3_stmt  *stmt,
              int            i,
              const Column  *column,
              GTimeZone     *tz)
{
  gint64 n;

  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return;

  switch (column->kind)
    {
    case COL_INT:
      append_number (line, sqlite3_column_int64 (stmt, i), 1);
      break;

    case COL_TIME:
      append_time (line, tz, sqlite3_column_int64 (stmt, i));
      break;

    case COL_KEY:
      n = (gint64) sqlite3_column_int64 (stmt, i);
      if (n >= 0 && n < (gint64) g_strv_length ((char **) column->keys))
        g_string_append (line, column->keys[n]);
      else
        append_number (line, n, 1);
      break;

    case COL_MONEY:
      n = (gint64) sqlite3_column_int64 (stmt, i);
      g_string_append_printf (line, "%s%" G_GINT64_FORMAT ".%02d", n < 0 ? "-" : "",
                              ABS (n) / 100, (int) (ABS (n) % 100));
      break;

    case COL_TEXT:
    default:
      crm_csv_append_field (line, (const char *) sqlite3_column_text (stmt, i));
      break;
    }
}

static gboolean
write_all (FILE        *file,
           GString     *text,
           const char  *display,
           GError     **error)
{
  if (text->len > 0 && fwrite (text->str, 1, text->len, file) != text->len)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  g_string_truncate (text, 0);
  return TRUE;
}

#define FLUSH_BYTES (64 * 1024)

gboolean
crm_export_csv (CrmStore    *store,
                const char  *table_name,
                const char  *path,
                gboolean     bom,
                GError     **error)
{
  const Table *table = find_table (table_name);
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  sqlite3_stmt *stmt = NULL;
  FILE *file = NULL;
  gboolean ok = FALSE;
  int fd, rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (table == NULL)
    {
      g_autofree char *names = g_strjoinv (", ", (char **) table_names);

      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   /* Translators: the first %s is what the user typed, the second the list of table names */
                   _("There is no table “%s” to export. Choose one of: %s."),
                   table_name != NULL ? table_name : "", names);
      return FALSE;
    }

  display = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  /* the statement first: a database that cannot be read leaves no file */
  if (sqlite3_prepare_v2 (crm_store_get_db (store), table->sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      crm_store_set_error (store, error, _("Could not read the database"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  file = fdopen (fd, "w");
  if (file == NULL)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      goto out;
    }

  tz = g_time_zone_new_local ();
  buffer = g_string_sized_new (FLUSH_BYTES + 4096);
  if (bom)
    g_string_append (buffer, "\xEF\xBB\xBF");
  for (guint i = 0; i < table->n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (buffer, ',');
      crm_csv_append_field (buffer, table->columns[i].header);
    }
  g_string_append (buffer, "\r\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < table->n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (buffer, ',');
          append_value (buffer, stmt, (int) i, &table->columns[i], tz);
        }
      g_string_append (buffer, "\r\n");
      if (buffer->len >= FLUSH_BYTES && !write_all (file, buffer, display, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the database"));
      goto out;
    }
  if (!write_all (file, buffer, display, error))
    goto out;

  if (fflush (file) != 0 || fsync (fileno (file)) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      goto out;
    }
  rc = fclose (file);
  file = NULL;
  if (rc != 0 || g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write “%s”: %s"), display, g_strerror (saved));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  if (file != NULL)
    fclose (file);
  if (!ok)
    g_unlink (tmp);
  return ok;
}
