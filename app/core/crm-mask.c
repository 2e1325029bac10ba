/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-mask"

#include <glib/gi18n-lib.h>

#include "crm-mask.h"

char *
crm_mask_phone (const char *phone)
{
  GString *masked;
  guint n_digits = 0, seen = 0, first_hidden, last_hidden;

  if (phone == NULL)
    return NULL;

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      n_digits++;

  /* which digits (counted from 0) are hidden */
  if (n_digits >= 8)
    {
      first_hidden = n_digits - 8;
      last_hidden = n_digits - 5;
    }
  else
    {
      first_hidden = 0;
      last_hidden = n_digits >= 2 ? n_digits - 3 : 0;
      if (n_digits < 3)
        last_hidden = first_hidden = G_MAXUINT;  /* too short to say anything: hide all */
    }

  /* "+86 138-1234-5678": the country code is not part of the number */
  masked = g_string_sized_new (strlen (phone));
  for (const char *p = phone; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        {
          g_string_append_c (masked, *p);
          continue;
        }
      if (first_hidden == G_MAXUINT ||
          (seen >= first_hidden && seen <= last_hidden))
        g_string_append_c (masked, '*');
      else
        g_string_append_c (masked, *p);
      seen++;
    }
  return g_string_free (masked, FALSE);
}

char *
crm_mask_email (const char *email)
{
  const char *at;

  if (email == NULL)
    return NULL;

  at = strrchr (email, '@');
  if (at == NULL || at == email)
    return g_strdup ("***");
  return g_strdup_printf ("%.*s***%s", (int) (g_utf8_next_char (email) - email), email, at);
}

gboolean
crm_store_log_reveal (CrmStore    *store,
                      gint64       customer_id,
                      gint64       contact_id,
                      const char  *reason,
                      GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("Say why you need the contact details."));
      return FALSE;
    }

  stmt = crm_store_prepare (store,
                            "INSERT INTO audit_log (at, actor_id, action, customer_id, contact_id, reason)"
                            " VALUES (?1, (SELECT id FROM team_members WHERE is_self = 1 LIMIT 1),"
                            " 'reveal_contact', ?2, ?3, ?4)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, crm_store_now (store));
  sqlite3_bind_int64 (stmt, 2, customer_id);
  if (contact_id > 0)
    sqlite3_bind_int64 (stmt, 3, contact_id);
  sqlite3_bind_text (stmt, 4, clean, -1, SQLITE_STATIC);
  return crm_store_step_done (store, stmt, error);
}

void
crm_reveal_free (CrmReveal *reveal)
{
  if (reveal == NULL)
    return;
  g_free (reveal->actor_name);
  g_free (reveal->contact_name);
  g_free (reveal->reason);
  g_free (reveal);
}

GPtrArray *
crm_store_list_reveals (CrmStore *store,
                        gint64    customer_id,
                        guint     limit)
{
  GPtrArray *reveals = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_reveal_free);
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (store,
                            "SELECT a.at, m.name, k.name, a.reason FROM audit_log a"
                            " LEFT JOIN team_members m ON m.id = a.actor_id"
                            " LEFT JOIN contacts k ON k.id = a.contact_id"
                            " WHERE a.customer_id = ?1 AND a.action = 'reveal_contact'"
                            " ORDER BY a.at DESC, a.id DESC LIMIT ?2",
                            NULL);
  if (stmt == NULL)
    return reveals;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, (int) limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CrmReveal *reveal = g_new0 (CrmReveal, 1);

      reveal->at = sqlite3_column_int64 (stmt, 0);
      reveal->actor_name = crm_sql_column_dup (stmt, 1);
      reveal->contact_name = crm_sql_column_dup (stmt, 2);
      reveal->reason = crm_sql_column_dup (stmt, 3);
      g_ptr_array_add (reveals, reveal);
    }
  sqlite3_reset (stmt);
  return reveals;
}
