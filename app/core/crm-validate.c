/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-validate"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-validate.h"

#define MIN_PHONE_DIGITS 5
#define MAX_PHONE_DIGITS 15   /* E.164 */
#define MAX_NAME_CHARS 200

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const char *p = value; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

char *
crm_validate_required (const char *value)
{
  if (is_blank (value))
    return g_strdup (_("This field is required."));
  if (g_utf8_strlen (value, -1) > MAX_NAME_CHARS)
    return g_strdup_printf (ngettext ("Use at most %d character.",
                                      "Use at most %d characters.", MAX_NAME_CHARS),
                            MAX_NAME_CHARS);
  return NULL;
}

char *
crm_validate_phone (const char *phone)
{
  guint digits = 0;
  gboolean plus_seen = FALSE;

  if (is_blank (phone))
    return NULL;

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+')
        {
          if (plus_seen || digits > 0)
            return g_strdup (_("A “+” may only start the number."));
          plus_seen = TRUE;
        }
      else if (!strchr (" -().", *p))
        return g_strdup (_("Use only digits, spaces, “+”, “-” and parentheses."));
    }

  if (digits < MIN_PHONE_DIGITS)
    return g_strdup (_("This number is too short."));
  if (digits > MAX_PHONE_DIGITS)
    return g_strdup (_("This number is too long."));

  return NULL;
}

char *
crm_validate_email (const char *email)
{
  g_autofree char *trimmed = NULL;
  const char *at;
  const char *dot;

  if (is_blank (email))
    return NULL;

  trimmed = g_strstrip (g_strdup (email));
  at = strchr (trimmed, '@');
  if (at == NULL || at == trimmed || strchr (at + 1, '@') != NULL)
    return g_strdup (_("Enter an address like name@example.com."));
  if (strpbrk (trimmed, " \t,;<>\"") != NULL)
    return g_strdup (_("An e-mail address cannot contain spaces or “,;<>”."));
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return g_strdup (_("Enter an address like name@example.com."));

  return NULL;
}

char *
crm_validate_date (const char *date)
{
  g_autofree char *trimmed = NULL;
  int y, m, d;

  if (is_blank (date))
    return NULL;

  trimmed = g_strstrip (g_strdup (date));
  if (strlen (trimmed) != 10 || trimmed[4] != '-' || trimmed[7] != '-')
    return g_strdup (_("Enter the date as YYYY-MM-DD, for example 2024-03-18."));
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (trimmed[i]))
      return g_strdup (_("Enter the date as YYYY-MM-DD, for example 2024-03-18."));

  y = atoi (trimmed);
  m = atoi (trimmed + 5);
  d = atoi (trimmed + 8);
  if (y < 1900 || y > 2200 || !g_date_valid_dmy (d, m, y))
    return g_strdup (_("This date does not exist."));

  return NULL;
}

char *
crm_validate_website (const char *url)
{
  g_autofree char *trimmed = NULL;

  if (is_blank (url))
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  if (strpbrk (trimmed, " \t") != NULL || strchr (trimmed, '.') == NULL)
    return g_strdup (_("Enter a web address like example.com."));

  return NULL;
}

gboolean
crm_customer_draft_validate (const CrmCustomerDraft *draft,
                             CrmValidation          *result)
{
  char **m = result->messages;
  gboolean valid = TRUE;

  memset (result, 0, sizeof *result);

  m[CRM_CUSTOMER_FIELD_NAME] = crm_validate_required (draft->name);
  m[CRM_CUSTOMER_FIELD_FIRST_DEAL_DATE] = crm_validate_date (draft->first_deal_date);
  m[CRM_CUSTOMER_FIELD_BIRTHDAY] = crm_validate_date (draft->birthday);
  m[CRM_CUSTOMER_FIELD_ANNIVERSARY] = crm_validate_date (draft->anniversary);
  m[CRM_CUSTOMER_FIELD_WEBSITE] = crm_validate_website (draft->website);
  m[CRM_CUSTOMER_FIELD_PHONE] = crm_validate_phone (draft->phone);
  m[CRM_CUSTOMER_FIELD_EMAIL] = crm_validate_email (draft->email);

  /* A company's contact details belong to a named person */
  if (draft->kind == CRM_CUSTOMER_COMPANY && is_blank (draft->contact_name) &&
      (!is_blank (draft->phone) || !is_blank (draft->email)))
    m[CRM_CUSTOMER_FIELD_CONTACT_NAME] = g_strdup (_("Name the person these contact details belong to."));
  else if (!is_blank (draft->contact_name) && g_utf8_strlen (draft->contact_name, -1) > MAX_NAME_CHARS)
    m[CRM_CUSTOMER_FIELD_CONTACT_NAME] = crm_validate_required (draft->contact_name);

  for (guint i = 0; i < CRM_N_CUSTOMER_FIELDS; i++)
    if (m[i] != NULL)
      valid = FALSE;

  return valid;
}

void
crm_validation_clear (CrmValidation *result)
{
  for (guint i = 0; i < CRM_N_CUSTOMER_FIELDS; i++)
    g_clear_pointer (&result->messages[i], g_free);
}

/* What g_unichar_isspace() says of the character at @p, without decoding ASCII */
static gboolean
is_space_at (const char *p)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (g_utf8_get_char (p));
}

/* The start of @text without white space around it; *@end where it ends.
 * Only the ends are looked at, not the whole text. */
static const char *
trim_bounds (const char  *text,
             const char **end)
{
  const char *start = text;

  while (*start != '\0' && is_space_at (start))
    start = g_utf8_next_char (start);
  *end = start + strlen (start);
  while (*end > start)
    {
      const char *prev = g_utf8_prev_char (*end);

      if (prev < start || !is_space_at (prev))
        break;
      *end = prev;
    }
  return start;
}

char *
crm_text_trim (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return NULL;
  start = trim_bounds (text, &end);
  return g_strndup (start, end - start);
}

void
crm_text_normalize (char **text)
{
  const char *start, *end;

  if (*text == NULL)
    return;

  start = trim_bounds (*text, &end);
  if (end == start)
    {
      g_clear_pointer (text, g_free);
      return;
    }
  if (start != *text || *end != '\0')
    {
      char *trimmed = g_strndup (start, end - start);

      g_free (*text);
      *text = trimmed;
    }
}

void
crm_customer_draft_normalize (CrmCustomerDraft *draft)
{
  crm_text_normalize (&draft->name);
  crm_text_normalize (&draft->industry);
  crm_text_normalize (&draft->source);
  crm_text_normalize (&draft->first_deal_date);
  crm_text_normalize (&draft->birthday);
  crm_text_normalize (&draft->anniversary);
  crm_text_normalize (&draft->address);
  crm_text_normalize (&draft->website);
  crm_text_normalize (&draft->notes);
  crm_text_normalize (&draft->contact_name);
  crm_text_normalize (&draft->contact_title);
  crm_text_normalize (&draft->phone);
  crm_text_normalize (&draft->email);
}
