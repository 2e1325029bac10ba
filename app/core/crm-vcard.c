/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-vcard"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-ics.h"
#include "crm-search.h"
#include "crm-store-contacts.h"
#include "crm-store-customers.h"
#include "crm-validate.h"
#include "crm-vcard.h"

#define FLUSH_BYTES (64 * 1024)
#define CANCEL_CHECK_ROWS 256

G_DEFINE_QUARK (crm-vcard-error-quark, crm_vcard_error)

/* ---- plain data ---- */

void
crm_vcard_problem_free (CrmVcardProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static CrmVcardProblem *
problem_new (guint       card,
             guint       line,
             const char *message)
{
  CrmVcardProblem *problem = g_new0 (CrmVcardProblem, 1);

  problem->card = card;
  problem->line = line;
  problem->message = g_strdup (message);
  return problem;
}

char *
crm_vcard_problem_to_string (const CrmVcardProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->card > 0 && problem->line > 0)
    /* Translators: a problem found in a vCard file: the card's number, the line, what is wrong */
    return g_strdup_printf (_("Card %u, line %u: %s"), problem->card, problem->line, problem->message);
  if (problem->card > 0)
    /* Translators: a problem found in a vCard file: the card's number, what is wrong */
    return g_strdup_printf (_("Card %u: %s"), problem->card, problem->message);
  if (problem->line > 0)
    /* Translators: a problem found in a vCard file: the line, what is wrong */
    return g_strdup_printf (_("Line %u: %s"), problem->line, problem->message);
  return g_strdup (problem->message);
}

static CrmVcardCard *
card_new (guint number,
          guint line)
{
  CrmVcardCard *card = g_new0 (CrmVcardCard, 1);

  card->number = number;
  card->line = line;
  card->tels = g_ptr_array_new_with_free_func (g_free);
  card->emails = g_ptr_array_new_with_free_func (g_free);
  card->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_problem_free);
  return card;
}

void
crm_vcard_card_free (CrmVcardCard *card)
{
  if (card == NULL)
    return;
  g_free (card->version);
  g_free (card->fn);
  g_free (card->family);
  g_free (card->given);
  g_free (card->additional);
  g_free (card->org);
  g_free (card->title);
  g_free (card->role);
  g_free (card->rapport_role);
  g_free (card->im);
  g_free (card->bday);
  g_free (card->note);
  g_free (card->uid);
  g_free (card->customer_code);
  g_ptr_array_unref (card->tels);
  g_ptr_array_unref (card->emails);
  g_ptr_array_unref (card->problems);
  g_free (card);
}

static void
card_add_problem (CrmVcardCard *card,
                  guint         line,
                  const char   *message)
{
  g_ptr_array_add (card->problems, problem_new (card->number, line, message));
}

void
crm_vcard_import_result_free (CrmVcardImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->problems);
  g_free (result);
}

char *
crm_vcard_import_result_summarize (const CrmVcardImportResult *result)
{
  GString *text;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->problems->len > 0)
    return g_strdup_printf (ngettext ("Nothing was imported: %u problem was found in the file.",
                                      "Nothing was imported: %u problems were found in the file.",
                                      result->problems->len),
                            result->problems->len);

  text = g_string_new (NULL);
  g_string_append_printf (text, ngettext ("%u contact was imported.", "%u contacts were imported.", result->created),
                          result->created);
  if (result->skipped > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u card was skipped because its contact already exists.",
                                              "%u cards were skipped because their contacts already exist.",
                                              result->skipped),
                              result->skipped);
    }
  if (result->customers_created > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u new customer was created.", "%u new customers were created.",
                                              result->customers_created),
                              result->customers_created);
    }
  return g_string_free (text, FALSE);
}

/* ---- names ---- */

static gboolean
has_han (const char *text)
{
  if (text == NULL)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static gboolean
all_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) != G_UNICODE_SCRIPT_HAN)
      return FALSE;
  return *text != '\0';
}

/* Two-character surnames, simplified and traditional */
static const char * const compound_surnames[] = {
  "欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "尉遲", "公孙", "公孫",
  "慕容", "长孙", "長孫", "宇文", "司徒", "夏侯", "轩辕", "軒轅", "令狐", "钟离", "鍾離", "端木", "独孤", "獨孤",
  "南宫", "南宮", "西门", "西門", "申屠", "澹台", "澹臺", "呼延", "赫连", "赫連", "百里", "闻人", "聞人", NULL
};

/* N's family and given name, guessed from one name. */
static void
split_name (const char  *name,
            char       **family,
            char       **given)
{
  glong n_chars = g_utf8_strlen (name, -1);
  const char *last_space = NULL;

  if (all_han (name) && n_chars >= 2 && n_chars <= 4)
    {
      const char *cut = g_utf8_next_char (name);

      if (n_chars >= 3)
        for (guint i = 0; compound_surnames[i] != NULL; i++)
          if (g_str_has_prefix (name, compound_surnames[i]))
            {
              cut = name + strlen (compound_surnames[i]);
              break;
            }
      *family = g_strndup (name, cut - name);
      *given = g_strdup (cut);
      return;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      last_space = p;
  if (last_space != NULL && last_space != name && last_space[1] != '\0')
    {
      *family = g_strdup (g_utf8_next_char (last_space));
      *given = g_strndup (name, last_space - name);
      g_strchomp (*given);
      return;
    }

  *family = g_strdup (name);
  *given = g_strdup ("");
}

static char *
trimmed_or_null (const char *text)
{
  char *copy = g_strdup (text);

  crm_text_normalize (&copy);
  return copy;
}

char *
crm_vcard_card_get_name (const CrmVcardCard *card)
{
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  g_autofree char *additional = NULL;
  char *fn;

  g_return_val_if_fail (card != NULL, NULL);

  fn = trimmed_or_null (card->fn);
  if (fn != NULL)
    return fn;

  family = trimmed_or_null (card->family);
  given = trimmed_or_null (card->given);
  additional = trimmed_or_null (card->additional);
  if (family == NULL && given == NULL && additional == NULL)
    return NULL;

  if (has_han (family) || has_han (given))
    return g_strconcat (family != NULL ? family : "", given != NULL ? given : "",
                        additional != NULL ? additional : "", NULL);
  else
    {
      GString *name = g_string_new (NULL);
      const char *parts[] = { given, additional, family };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (parts[i] != NULL)
          {
            if (name->len > 0)
              g_string_append_c (name, ' ');
            g_string_append (name, parts[i]);
          }
      return g_string_free (name, FALSE);
    }
}

/* ---- export ---- */

/* A fixed namespace for the name-based UUIDs of contacts */
static const guint8 uid_namespace[16] = {
  0xf6, 0xe7, 0xba, 0x00, 0xb8, 0x5b, 0x42, 0xe2, 0x8f, 0x57, 0x67, 0x16, 0x48, 0x46, 0x89, 0xa7
};

char *
crm_vcard_contact_uid (gint64          contact_id,
                       CrmVcardVersion version)
{
  g_autofree char *name = g_strdup_printf ("rapport-contact-%" G_GINT64_FORMAT "@rapport.local", contact_id);
  g_autoptr(GChecksum) sha1 = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  if (version != CRM_VCARD_VERSION_4)
    return g_steal_pointer (&name);

  /* RFC 4122 4.3, version 5 (SHA-1) */
  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, uid_namespace, sizeof uid_namespace);
  g_checksum_update (sha1, (const guchar *) name, (gssize) strlen (name));
  g_checksum_get_digest (sha1, digest, &digest_len);
  digest[6] = (digest[6] & 0x0F) | 0x50;
  digest[8] = (digest[8] & 0x3F) | 0x80;

  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14],
                          digest[15]);
}

static const char * const role_keys[] = { "decision_maker", "influencer", "user", NULL };

/* A mainland China mobile number: 11 digits starting 13–19, maybe after +86 */
static gboolean
is_mobile (const char *phone)
{
  g_autofree char *digits = crm_search_phone_digits (phone);
  const char *d = digits;
  gsize len;

  if (d == NULL)
    return FALSE;
  len = strlen (d);
  if (len == 13 && g_str_has_prefix (d, "86"))
    d += 2, len -= 2;
  else if (len == 15 && g_str_has_prefix (d, "0086"))
    d += 4, len -= 4;
  return len == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

static const char *
nonempty (const char *text)
{
  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return text;
  return NULL;
}

/* NAME[;params]:escaped-text, folded, with its CRLF */
static void
append_text_property (GString    *out,
                      GString    *scratch,
                      const char *name,
                      const char *text)
{
  g_string_assign (scratch, name);
  g_string_append_c (scratch, ':');
  crm_ics_append_text (scratch, text);
  crm_ics_append_line (out, scratch->str, (gssize) scratch->len);
}

/* BDAY: "YYYY-MM-DD" or "--MM-DD" as stored; 4.0 wants the basic format */
static gboolean
format_birthday (const char      *stored,
                 CrmVcardVersion  version,
                 char             buf[16])
{
  if (stored == NULL)
    return FALSE;
  if (strlen (stored) == 10 && crm_validate_date (stored) == NULL)
    {
      if (version == CRM_VCARD_VERSION_4)
        g_snprintf (buf, 16, "%.4s%.2s%.2s", stored, stored + 5, stored + 8);
      else
        g_strlcpy (buf, stored, 16);
      return TRUE;
    }
  if (strlen (stored) == 7 && stored[0] == '-' && stored[1] == '-' && stored[4] == '-' &&
      g_ascii_isdigit (stored[2]) && g_ascii_isdigit (stored[3]) &&
      g_ascii_isdigit (stored[5]) && g_ascii_isdigit (stored[6]))
    {
      if (version == CRM_VCARD_VERSION_4)
        g_snprintf (buf, 16, "--%.2s%.2s", stored + 2, stored + 5);
      else
        g_strlcpy (buf, stored, 16);
      return TRUE;
    }
  return FALSE;
}

static const char export_sql[] =
  "SELECT ct.id, ct.name, ct.title, ct.role, ct.phone, ct.email, ct.im, ct.birthday, ct.notes, ct.is_primary,"
  " c.name, c.code"
  " FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
  " ORDER BY ct.id";

static void
append_card (GString         *out,
             GString         *scratch,
             sqlite3_stmt    *stmt,
             CrmVcardVersion  version)
{
  gboolean v4 = version == CRM_VCARD_VERSION_4;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *name = (const char *) sqlite3_column_text (stmt, 1);
  const char *title = nonempty ((const char *) sqlite3_column_text (stmt, 2));
  int role = sqlite3_column_int (stmt, 3);
  const char *phone = nonempty ((const char *) sqlite3_column_text (stmt, 4));
  const char *email = nonempty ((const char *) sqlite3_column_text (stmt, 5));
  const char *im = nonempty ((const char *) sqlite3_column_text (stmt, 6));
  const char *birthday = (const char *) sqlite3_column_text (stmt, 7);
  const char *notes = nonempty ((const char *) sqlite3_column_text (stmt, 8));
  gboolean primary = sqlite3_column_int (stmt, 9) != 0;
  const char *customer = nonempty ((const char *) sqlite3_column_text (stmt, 10));
  const char *code = nonempty ((const char *) sqlite3_column_text (stmt, 11));
  g_autofree char *uid = crm_vcard_contact_uid (id, version);
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;
  char bday[16];

  if (name == NULL)
    name = "";
  split_name (name, &family, &given);

  g_string_append (out, "BEGIN:VCARD\r\n");
  g_string_append (out, v4 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
  g_string_append (out, "PRODID:-//Rapport//Rapport CRM//EN\r\n");
  g_string_assign (scratch, "UID:");
  g_string_append (scratch, uid);
  crm_ics_append_line (out, scratch->str, (gssize) scratch->len);
  append_text_property (out, scratch, "FN", name);

  g_string_assign (scratch, "N:");
  crm_ics_append_text (scratch, family);
  g_string_append_c (scratch, ';');
  crm_ics_append_text (scratch, given);
  g_string_append (scratch, ";;;");
  crm_ics_append_line (out, scratch->str, (gssize) scratch->len);

  if (customer != NULL)
    append_text_property (out, scratch, "ORG", customer);
  if (title != NULL)
    append_text_property (out, scratch, "TITLE", title);
  if (role >= 0 && role < CRM_N_CONTACT_ROLES)
    {
      append_text_property (out, scratch, "ROLE", crm_contact_role_to_string ((CrmContactRole) role));
      append_text_property (out, scratch, "X-RAPPORT-ROLE", role_keys[role]);
    }
  if (phone != NULL)
    {
      const char *params;

      if (is_mobile (phone))
        params = v4 ? "TEL;VALUE=text;TYPE=cell" : "TEL;TYPE=CELL";
      else
        params = v4 ? "TEL;VALUE=text;TYPE=work,voice" : "TEL;TYPE=WORK,VOICE";
      append_text_property (out, scratch, params, phone);
    }
  if (email != NULL)
    append_text_property (out, scratch, v4 ? "EMAIL;TYPE=work" : "EMAIL;TYPE=INTERNET,WORK", email);
  if (im != NULL)
    append_text_property (out, scratch, "X-RAPPORT-IM", im);
  if (format_birthday (birthday, version, bday))
    append_text_property (out, scratch, "BDAY", bday);
  if (notes != NULL)
    append_text_property (out, scratch, "NOTE", notes);
  if (code != NULL)
    append_text_property (out, scratch, "X-RAPPORT-CUSTOMER-CODE", code);
  if (primary)
    g_string_append (out, "X-RAPPORT-PRIMARY:1\r\n");
  g_string_append (out, "END:VCARD\r\n");
}

static void
set_write_error (GError     **error,
                 const char  *display,
                 int          saved)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Could not write “%s”: %s"), display, g_strerror (saved));
}

static gboolean
write_all (FILE        *file,
           GString     *text,
           const char  *display,
           GError     **error)
{
  if (text->len > 0 && fwrite (text->str, 1, text->len, file) != text->len)
    {
      set_write_error (error, display, errno);
      return FALSE;
    }
  g_string_truncate (text, 0);
  return TRUE;
}

gboolean
crm_vcard_export (CrmStore        *store,
                  const char      *path,
                  CrmVcardVersion  version,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autofree char *display = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GString) scratch = NULL;
  sqlite3_stmt *stmt = NULL;
  FILE *file = NULL;
  gboolean ok = FALSE;
  guint rows = 0;
  int fd, rc;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (version == CRM_VCARD_VERSION_3 || version == CRM_VCARD_VERSION_4, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  display = g_filename_display_name (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  /* The statement first: a database that cannot be read leaves no file.  Not
   * the store's cache: this one steps through every contact. */
  if (sqlite3_prepare_v2 (crm_store_get_db (store), export_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      crm_store_set_error (store, error, _("Could not read the database"));
      sqlite3_finalize (stmt);
      return FALSE;
    }

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, display, errno);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  file = fdopen (fd, "w");
  if (file == NULL)
    {
      set_write_error (error, display, errno);
      close (fd);
      goto out;
    }

  buffer = g_string_sized_new (FLUSH_BYTES + 4096);
  scratch = g_string_sized_new (256);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      append_card (buffer, scratch, stmt, version);
      if (buffer->len >= FLUSH_BYTES && !write_all (file, buffer, display, error))
        goto out;
      if (++rows % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (store, error, _("Could not read the database"));
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !write_all (file, buffer, display, error))
    goto out;

  if (fflush (file) != 0 || fsync (fileno (file)) != 0)
    {
      set_write_error (error, display, errno);
      goto out;
    }
  rc = fclose (file);
  file = NULL;
  if (rc != 0 || g_rename (tmp, path) != 0)
    {
      set_write_error (error, display, errno);
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

/* ---- parsing ---- */

typedef struct {
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;     /* of the last line read */
} Reader;

/* The next physical line, without its line end (CRLF, LF or CR). */
static gboolean
next_line (Reader      *r,
           const char **start,
           gsize       *length,
           guint       *line)
{
  const char *p, *end;

  if (r->pos >= r->length)
    return FALSE;

  p = r->data + r->pos;
  end = r->data + r->length;
  *start = p;
  while (p < end && *p != '\r' && *p != '\n')
    p++;
  *length = (gsize) (p - *start);
  if (p < end && *p == '\r')
    {
      p++;
      if (p < end && *p == '\n')
        p++;
    }
  else if (p < end && *p == '\n')
    p++;
  r->pos = (gsize) (p - r->data);
  *line = ++r->line;
  return TRUE;
}

/* Whether @s (with @len bytes) is blank: only spaces and tabs. */
static gboolean
is_blank (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return FALSE;
  return TRUE;
}

/* The offset of the colon that starts the value (not one inside a quoted
 * parameter value), or -1. */
static gssize
find_value_colon (const char *s,
                  gsize       len)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '"')
        quoted = !quoted;
      else if (s[i] == ':' && !quoted)
        return (gssize) i;
    }
  return -1;
}

static gboolean
is_quoted_printable (const char *s,
                     gsize       len)
{
  gssize colon = find_value_colon (s, len);
  g_autofree char *head = NULL;

  if (colon < 0)
    return FALSE;
  head = g_ascii_strup (s, colon);
  return strstr (head, "QUOTED-PRINTABLE") != NULL;
}

static gboolean
is_end_line (const char *s,
             gsize       len)
{
  return len == 9 && g_ascii_strncasecmp (s, "END:VCARD", 9) == 0;
}

typedef struct {
  GPtrArray *types;      /* lowercase */
  char      *encoding;   /* lowercase: quoted-printable, b, base64, 8bit … */
  char      *charset;
  char      *value_type; /* lowercase */
} Params;

static void
params_clear (Params *p)
{
  g_clear_pointer (&p->types, g_ptr_array_unref);
  g_clear_pointer (&p->encoding, g_free);
  g_clear_pointer (&p->charset, g_free);
  g_clear_pointer (&p->value_type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

static char *
unquote (const char *text)
{
  gsize len = strlen (text);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    return g_strndup (text + 1, len - 2);
  return g_strdup (text);
}

static void
add_types (Params     *p,
           const char *list)
{
  g_auto(GStrv) items = g_strsplit (list, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *type = g_ascii_strdown (g_strstrip (items[i]), -1);

      if (*type == '\0')
        g_free (type);
      else
        g_ptr_array_add (p->types, type);
    }
}

/* Splits @head ("item1.TEL;TYPE=work;PREF=1") into the property name (no
 * group, uppercase) and its parameters. */
static char *
parse_head (const char *head,
            gsize       len,
            Params     *p)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean quoted = FALSE;
  gsize start = 0;
  const char *name, *dot;

  for (gsize i = 0; i <= len; i++)
    {
      if (i < len && head[i] == '"')
        quoted = !quoted;
      if (i == len || (head[i] == ';' && !quoted))
        {
          g_ptr_array_add (parts, g_strndup (head + start, i - start));
          start = i + 1;
        }
    }

  p->types = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; i < parts->len; i++)
    {
      char *param = g_strstrip ((char *) g_ptr_array_index (parts, i));
      char *eq = strchr (param, '=');

      if (*param == '\0')
        continue;
      if (eq != NULL)
        {
          g_autofree char *value = NULL;

          *eq = '\0';
          g_strstrip (param);
          value = unquote (g_strstrip (eq + 1));
          if (g_ascii_strcasecmp (param, "TYPE") == 0)
            add_types (p, value);
          else if (g_ascii_strcasecmp (param, "ENCODING") == 0)
            {
              g_free (p->encoding);
              p->encoding = g_ascii_strdown (value, -1);
            }
          else if (g_ascii_strcasecmp (param, "CHARSET") == 0)
            {
              g_free (p->charset);
              p->charset = g_steal_pointer (&value);
            }
          else if (g_ascii_strcasecmp (param, "VALUE") == 0)
            {
              g_free (p->value_type);
              p->value_type = g_ascii_strdown (value, -1);
            }
        }
      else
        {
          /* 2.1: bare parameters */
          g_autofree char *lower = g_ascii_strdown (param, -1);

          if (g_str_equal (lower, "quoted-printable") || g_str_equal (lower, "base64") ||
              g_str_equal (lower, "8bit") || g_str_equal (lower, "7bit"))
            {
              g_free (p->encoding);
              p->encoding = g_steal_pointer (&lower);
            }
          else
            g_ptr_array_add (p->types, g_steal_pointer (&lower));
        }
    }

  name = g_strstrip ((char *) g_ptr_array_index (parts, 0));
  dot = strrchr (name, '.');
  if (dot != NULL)
    name = dot + 1;
  return g_ascii_strup (name, -1);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static GByteArray *
decode_quoted_printable (const char *s,
                         gsize       len)
{
  GByteArray *out = g_byte_array_sized_new ((guint) len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '=' && i + 2 < len && hex_value (s[i + 1]) >= 0 && hex_value (s[i + 2]) >= 0)
        {
          guint8 byte = (guint8) (hex_value (s[i + 1]) * 16 + hex_value (s[i + 2]));

          g_byte_array_append (out, &byte, 1);
          i += 2;
          continue;
        }
      if (s[i] == '=' && i + 1 == len)
        break;   /* a soft line break left at the very end */
      g_byte_array_append (out, (const guint8 *) s + i, 1);
    }
  return out;
}

static gboolean
is_utf8_charset (const char *charset)
{
  return g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0 ||
         g_ascii_strcasecmp (charset, "US-ASCII") == 0 || g_ascii_strcasecmp (charset, "ASCII") == 0;
}

/* GB2312 and GBK text often holds characters only their superset knows */
static const char *
iconv_charset (const char *charset)
{
  static const char * const gb[] = { "GB2312", "GBK", "CP936", "X-GBK", "EUC-CN", "GB_2312-80", "GB18030", NULL };

  for (guint i = 0; gb[i] != NULL; i++)
    if (g_ascii_strcasecmp (charset, gb[i]) == 0)
      return "GB18030";
  return charset;
}

/* @bytes as UTF-8, or NULL with a problem added to @card. */
static char *
decode_text (CrmVcardCard *card,
             guint         line,
             const char   *bytes,
             gsize         len,
             const char   *charset)
{
  g_autoptr(GError) error = NULL;
  char *text;

  if (memchr (bytes, '\0', len) != NULL)
    {
      card_add_problem (card, line, _("This line holds bytes that are not text."));
      return NULL;
    }

  if (charset == NULL || is_utf8_charset (charset))
    {
      if (g_utf8_validate (bytes, (gssize) len, NULL))
        return g_strndup (bytes, len);
      if (charset != NULL || g_strcmp0 (card->version, "4.0") == 0)
        {
          card_add_problem (card, line, _("This line is not valid UTF-8 text."));
          return NULL;
        }
      /* Older phones wrote Chinese in GB18030 without saying so */
      charset = "GB18030";
    }

  text = g_convert (bytes, (gssize) len, "UTF-8", iconv_charset (charset), NULL, NULL, &error);
  if (text == NULL)
    {
      g_autofree char *message = NULL;
      /* the name as the file has it, which need not be UTF-8 */
      g_autofree char *name = g_utf8_make_valid (charset, -1);

      if (g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        /* Translators: %s is a character set's name, such as GB2312 */
        message = g_strdup_printf (_("Rapport cannot read text in the character set “%s”."), name);
      else
        /* Translators: %s is a character set's name, such as GB2312 */
        message = g_strdup_printf (_("This line is not valid %s text."), name);
      card_add_problem (card, line, message);
      return NULL;
    }
  return text;
}

/* Unescapes a TEXT value: \\ \, \; \: \n \N; CRLF and CR become LF. */
static char *
unescape (const char *s,
          gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '\\' && i + 1 < len)
        {
          char c = s[++i];

          if (c == 'n' || c == 'N')
            g_string_append_c (out, '\n');
          else if (c == '\\' || c == ',' || c == ';' || c == ':')
            g_string_append_c (out, c);
          else
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, c);
            }
        }
      else if (s[i] == '\r')
        {
          if (i + 1 < len && s[i + 1] == '\n')
            i++;
          g_string_append_c (out, '\n');
        }
      else
        g_string_append_c (out, s[i]);
    }
  return g_string_free (out, FALSE);
}

/* The components of a structured value (N, ORG), unescaped. */
static GPtrArray *
split_structured (const char *text)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  gsize start = 0, i;

  for (i = 0; text[i] != '\0'; i++)
    {
      if (text[i] == '\\' && text[i + 1] != '\0')
        i++;
      else if (text[i] == ';')
        {
          g_ptr_array_add (parts, unescape (text + start, i - start));
          start = i + 1;
        }
    }
  g_ptr_array_add (parts, unescape (text + start, i - start));
  return parts;
}

static char *
component (GPtrArray *parts,
           guint      i)
{
  return i < parts->len ? trimmed_or_null (g_ptr_array_index (parts, i)) : NULL;
}

static void
set_once (char **field,
          char  *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

/* "tel:+86-10-1234;ext=5" → "+86-10-1234" */
static char *
phone_from_value (const char *text,
                  gboolean    uri)
{
  g_autofree char *copy = NULL;

  if (uri || g_ascii_strncasecmp (text, "tel:", 4) == 0)
    {
      const char *start = g_ascii_strncasecmp (text, "tel:", 4) == 0 ? text + 4 : text;
      const char *semi = strchr (start, ';');

      copy = semi != NULL ? g_strndup (start, semi - start) : g_strdup (start);
    }
  else
    copy = g_strdup (text);
  return trimmed_or_null (copy);
}

typedef enum {
  PROP_OTHER,
  PROP_VERSION,
  PROP_FN,
  PROP_N,
  PROP_ORG,
  PROP_TITLE,
  PROP_ROLE,
  PROP_TEL,
  PROP_EMAIL,
  PROP_NOTE,
  PROP_BDAY,
  PROP_UID,
  PROP_IMPP,
  PROP_X_ROLE,
  PROP_X_IM,
  PROP_X_CODE,
  PROP_X_PRIMARY,
} Prop;

static const struct { const char *name; Prop prop; } props[] = {
  { "VERSION", PROP_VERSION }, { "FN", PROP_FN }, { "N", PROP_N }, { "ORG", PROP_ORG },
  { "TITLE", PROP_TITLE }, { "ROLE", PROP_ROLE }, { "TEL", PROP_TEL }, { "EMAIL", PROP_EMAIL },
  { "NOTE", PROP_NOTE }, { "BDAY", PROP_BDAY }, { "UID", PROP_UID }, { "IMPP", PROP_IMPP },
  { "X-RAPPORT-ROLE", PROP_X_ROLE }, { "X-RAPPORT-IM", PROP_X_IM },
  { "X-RAPPORT-CUSTOMER-CODE", PROP_X_CODE }, { "X-RAPPORT-PRIMARY", PROP_X_PRIMARY },
};

/* Receives each card as it is read, and takes it */
typedef void (*CardFunc) (CrmVcardCard *card,
                          gpointer      user_data);

typedef struct {
  CardFunc      func;
  gpointer      user_data;
  guint         n_cards;
  GPtrArray    *file_problems;
  CrmVcardCard *card;          /* the open card, or NULL */
  gboolean      in_base64;     /* a 2.1 base64 value may go on without folding */
} Parser;

static void
finish_card (Parser *parser)
{
  parser->n_cards++;
  parser->in_base64 = FALSE;
  parser->func (g_steal_pointer (&parser->card), parser->user_data);
}

static void
handle_property (Parser     *parser,
                 const char *s,
                 gsize       len,
                 gsize       colon,
                 guint       line)
{
  CrmVcardCard *card = parser->card;
  g_auto(Params) params = { 0 };
  g_autofree char *name = parse_head (s, colon, &params);
  g_autoptr(GByteArray) qp = NULL;
  g_autofree guchar *b64 = NULL;
  g_autofree char *text = NULL;
  const char *bytes = s + colon + 1;
  gsize n_bytes = len - colon - 1;
  Prop prop = PROP_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    if (g_str_equal (name, props[i].name))
      {
        prop = props[i].prop;
        break;
      }

  parser->in_base64 = FALSE;
  if (prop == PROP_OTHER)
    {
      /* a PHOTO and the like: passed over, but 2.1 base64 lines may follow unfolded */
      if (params.encoding != NULL && (g_str_equal (params.encoding, "base64") || g_str_equal (params.encoding, "b")))
        parser->in_base64 = TRUE;
      return;
    }

  if (params.encoding != NULL && g_str_equal (params.encoding, "quoted-printable"))
    {
      qp = decode_quoted_printable (bytes, n_bytes);
      bytes = (const char *) qp->data;
      n_bytes = qp->len;
    }
  else if (params.encoding != NULL && (g_str_equal (params.encoding, "b") || g_str_equal (params.encoding, "base64")))
    {
      g_autofree char *encoded = g_strndup (bytes, n_bytes);

      b64 = g_base64_decode (encoded, &n_bytes);
      bytes = (const char *) b64;
    }

  text = decode_text (card, line, bytes != NULL ? bytes : "", bytes != NULL ? n_bytes : 0, params.charset);
  if (text == NULL)
    return;

  switch (prop)
    {
    case PROP_VERSION:
      set_once (&card->version, trimmed_or_null (text));
      if (card->version != NULL && !g_str_equal (card->version, "2.1") && !g_str_equal (card->version, "3.0") &&
          !g_str_equal (card->version, "4.0"))
        {
          /* Translators: %s is a version number as written in the file */
          g_autofree char *message = g_strdup_printf (_("This card is a vCard %s: Rapport reads versions 2.1, 3.0 and 4.0."),
                                                      card->version);
          card_add_problem (card, line, message);
        }
      break;

    case PROP_FN:
      set_once (&card->fn, unescape (text, strlen (text)));
      break;

    case PROP_N:
      if (card->family == NULL && card->given == NULL && card->additional == NULL)
        {
          g_autoptr(GPtrArray) parts = split_structured (text);

          card->family = component (parts, 0);
          card->given = component (parts, 1);
          card->additional = component (parts, 2);
        }
      break;

    case PROP_ORG:
      if (card->org == NULL)
        {
          g_autoptr(GPtrArray) parts = split_structured (text);

          card->org = component (parts, 0);
        }
      break;

    case PROP_TITLE:
      set_once (&card->title, unescape (text, strlen (text)));
      break;

    case PROP_ROLE:
      set_once (&card->role, unescape (text, strlen (text)));
      break;

    case PROP_TEL:
      {
        g_autofree char *value = NULL;
        char *phone;

        value = params.value_type != NULL && g_str_equal (params.value_type, "uri")
                  ? g_strdup (text) : unescape (text, strlen (text));
        phone = phone_from_value (value, params.value_type != NULL && g_str_equal (params.value_type, "uri"));
        if (phone != NULL)
          {
            if (card->tels->len == 0)
              card->tel_line = line;
            g_ptr_array_add (card->tels, phone);
          }
      }
      break;

    case PROP_EMAIL:
      {
        g_autofree char *value = unescape (text, strlen (text));
        char *email = trimmed_or_null (g_ascii_strncasecmp (value, "mailto:", 7) == 0 ? value + 7 : value);

        if (email != NULL)
          {
            if (card->emails->len == 0)
              card->email_line = line;
            g_ptr_array_add (card->emails, email);
          }
      }
      break;

    case PROP_NOTE:
      set_once (&card->note, unescape (text, strlen (text)));
      break;

    case PROP_BDAY:
      set_once (&card->bday, trimmed_or_null (text));
      break;

    case PROP_UID:
      set_once (&card->uid, trimmed_or_null (text));
      break;

    case PROP_IMPP:
      set_once (&card->im, trimmed_or_null (text));
      break;

    case PROP_X_ROLE:
      set_once (&card->rapport_role, trimmed_or_null (text));
      break;

    case PROP_X_IM:
      /* Rapport's own wins over an IMPP before it */
      g_free (card->im);
      card->im = unescape (text, strlen (text));
      break;

    case PROP_X_CODE:
      set_once (&card->customer_code, unescape (text, strlen (text)));
      break;

    case PROP_X_PRIMARY:
      card->primary = g_strcmp0 (g_strstrip (text), "1") == 0;
      break;

    case PROP_OTHER:
    default:
      break;
    }
}

static void
handle_line (Parser     *parser,
             const char *s,
             gsize       len,
             guint       line)
{
  gssize colon;

  /* a line that begins with white space but follows nothing (or a blank line) */
  while (len > 0 && (*s == ' ' || *s == '\t'))
    s++, len--;

  if (parser->card == NULL)
    {
      if (len == 11 && g_ascii_strncasecmp (s, "BEGIN:VCARD", 11) == 0)
        parser->card = card_new (parser->n_cards + 1, line);
      else
        g_ptr_array_add (parser->file_problems,
                         problem_new (0, line, _("This line is outside any vCard (BEGIN:VCARD … END:VCARD).")));
      return;
    }

  if (memchr (s, '\0', len) != NULL)
    {
      card_add_problem (parser->card, line, _("This line holds bytes that are not text."));
      return;
    }

  if (is_end_line (s, len))
    {
      finish_card (parser);
      return;
    }
  if (len == 11 && g_ascii_strncasecmp (s, "BEGIN:VCARD", 11) == 0)
    {
      card_add_problem (parser->card, parser->card->line,
                        _("This card has no END:VCARD line: the file may be cut short."));
      finish_card (parser);
      parser->card = card_new (parser->n_cards + 1, line);
      return;
    }

  colon = find_value_colon (s, len);
  if (colon <= 0)
    {
      if (parser->in_base64 && colon < 0)
        return;
      card_add_problem (parser->card, line,
                        _("This line cannot be read: a property needs a name, a “:” and a value."));
      return;
    }
  handle_property (parser, s, len, (gsize) colon, line);
}

/* Hands every card of @data to @func, in order, and returns their number;
 * text outside cards goes to @file_problems. */
static guint
parse (const char *data,
       gsize       length,
       GPtrArray  *file_problems,
       CardFunc    func,
       gpointer    user_data)
{
  Parser parser = { 0 };
  Reader reader = { data, length, 0, 0 };
  g_autoptr(GString) logical = g_string_new (NULL);
  gboolean have = FALSE;
  guint logical_line = 0;
  const char *s;
  gsize n;
  guint line;

  parser.func = func;
  parser.user_data = user_data;
  parser.file_problems = file_problems;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader.pos = 3;

  while (next_line (&reader, &s, &n, &line))
    {
      if (have)
        {
          /* 2.1 quoted-printable soft line break: the value goes on, unindented */
          if (logical->len > 0 && logical->str[logical->len - 1] == '=' && !is_end_line (s, n) &&
              is_quoted_printable (logical->str, logical->len))
            {
              g_string_truncate (logical, logical->len - 1);
              g_string_append_len (logical, s, (gssize) n);
              continue;
            }
          /* folding */
          if (n > 0 && (s[0] == ' ' || s[0] == '\t'))
            {
              g_string_append_len (logical, s + 1, (gssize) n - 1);
              continue;
            }
          handle_line (&parser, logical->str, logical->len, logical_line);
          have = FALSE;
        }
      if (is_blank (s, n))
        {
          parser.in_base64 = FALSE;
          continue;
        }
      g_string_assign (logical, "");
      g_string_append_len (logical, s, (gssize) n);
      logical_line = line;
      have = TRUE;
    }
  if (have)
    handle_line (&parser, logical->str, logical->len, logical_line);

  if (parser.card != NULL)
    {
      card_add_problem (parser.card, parser.card->line,
                        _("This card has no END:VCARD line: the file may be cut short."));
      finish_card (&parser);
    }

  if (parser.n_cards == 0 && file_problems->len == 0)
    g_ptr_array_add (file_problems, problem_new (0, 0, _("This file holds no vCard: there is no BEGIN:VCARD line.")));

  return parser.n_cards;
}

static void
append_card_cb (CrmVcardCard *card,
                gpointer      user_data)
{
  g_ptr_array_add (user_data, card);
}

GPtrArray *
crm_vcard_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_problem_free);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_card_free);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  parse (data != NULL ? data : "", length, problems, append_card_cb, cards);
  if (problems->len > 0)
    {
      const CrmVcardProblem *first = g_ptr_array_index (problems, 0);
      g_autofree char *message = crm_vcard_problem_to_string (first);

      g_set_error_literal (error, CRM_VCARD_ERROR,
                           cards->len == 0 && first->line == 0 ? CRM_VCARD_ERROR_NO_CARDS : CRM_VCARD_ERROR_SYNTAX,
                           message);
      return NULL;
    }
  return g_steal_pointer (&cards);
}

/* ---- import ---- */

/* The role named by the card: X-RAPPORT-ROLE, or ROLE in words (English,
 * the user's language, Chinese); -1 when it names none. */
static int
role_from_card (const CrmVcardCard *card)
{
  static const struct { const char *text; CrmContactRole role; } words[] = {
    { "decision_maker", CRM_CONTACT_ROLE_DECISION_MAKER }, { "decision-maker", CRM_CONTACT_ROLE_DECISION_MAKER },
    { "decision maker", CRM_CONTACT_ROLE_DECISION_MAKER }, { "决策者", CRM_CONTACT_ROLE_DECISION_MAKER },
    { "決策者", CRM_CONTACT_ROLE_DECISION_MAKER },
    { "influencer", CRM_CONTACT_ROLE_INFLUENCER }, { "影响者", CRM_CONTACT_ROLE_INFLUENCER },
    { "影響者", CRM_CONTACT_ROLE_INFLUENCER },
    { "user", CRM_CONTACT_ROLE_USER }, { "使用者", CRM_CONTACT_ROLE_USER },
  };
  g_autofree char *folded = NULL;

  if (card->rapport_role != NULL)
    for (guint i = 0; role_keys[i] != NULL; i++)
      if (g_str_equal (card->rapport_role, role_keys[i]))
        return (int) i;

  folded = trimmed_or_null (card->role);
  if (folded == NULL)
    return -1;
  for (guint i = 0; i < CRM_N_CONTACT_ROLES; i++)
    if (g_strcmp0 (folded, crm_contact_role_to_string ((CrmContactRole) i)) == 0)
      return (int) i;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (folded, words[i].text) == 0)
      return (int) words[i].role;
  return -1;
}

/* BDAY as stored: "YYYY-MM-DD" or "--MM-DD"; NULL when it is not a date. */
static char *
birthday_from_card (const char *bday)
{
  char digits[9];
  guint n = 0;
  gboolean no_year;
  const char *p;

  if (bday == NULL)
    return NULL;
  no_year = g_str_has_prefix (bday, "--");
  for (p = no_year ? bday + 2 : bday; *p != '\0' && *p != 'T' && n < sizeof digits - 1; p++)
    {
      if (g_ascii_isdigit (*p))
        digits[n++] = *p;
      else if (*p != '-')
        return NULL;
    }
  digits[n] = '\0';

  if (no_year && n == 4)
    {
      int month = (digits[0] - '0') * 10 + (digits[1] - '0');
      int day = (digits[2] - '0') * 10 + (digits[3] - '0');

      if (!g_date_valid_dmy (day, month, 2000))   /* a leap year: 29 February is a birthday */
        return NULL;
      return g_strdup_printf ("--%.2s-%.2s", digits, digits + 2);
    }
  if (!no_year && n == 8)
    {
      g_autofree char *date = g_strdup_printf ("%.4s-%.2s-%.2s", digits, digits + 4, digits + 6);
      g_autofree char *invalid = crm_validate_date (date);

      return invalid == NULL ? g_steal_pointer (&date) : NULL;
    }
  return NULL;
}

/* What one card becomes */
typedef struct {
  CrmContactDraft  draft;
  char            *customer;      /* the customer's name */
  CrmCustomerKind  kind;          /* if it is created */
  char            *birthday;
  char            *notes;
  char            *customer_code;
  gboolean         primary;
} Entry;

static void
entry_free (Entry *entry)
{
  if (entry == NULL)
    return;
  crm_contact_draft_clear (&entry->draft);
  g_free (entry->customer);
  g_free (entry->birthday);
  g_free (entry->notes);
  g_free (entry->customer_code);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

/* Takes @message */
static void
add_field_problem (GPtrArray          *problems,
                   const CrmVcardCard *card,
                   guint               line,
                   char               *message)
{
  g_ptr_array_add (problems, problem_new (card->number, line != 0 ? line : card->line, message));
  g_free (message);
}

/* The card as a contact, or NULL with its problems added to @problems. */
static Entry *
check_card (const CrmVcardCard *card,
            GPtrArray          *problems)
{
  g_autoptr(Entry) entry = g_new0 (Entry, 1);
  g_auto(CrmContactValidation) validation = { { NULL } };
  g_autofree char *org = NULL;
  char **m;
  guint before = problems->len;
  int role;

  for (guint i = 0; i < card->problems->len; i++)
    {
      const CrmVcardProblem *p = g_ptr_array_index (card->problems, i);

      g_ptr_array_add (problems, problem_new (p->card, p->line, p->message));
    }

  crm_contact_draft_init (&entry->draft);
  entry->draft.name = crm_vcard_card_get_name (card);
  entry->draft.title = g_strdup (card->title);
  entry->draft.phone = card->tels->len > 0 ? g_strdup (g_ptr_array_index (card->tels, 0)) : NULL;
  entry->draft.email = card->emails->len > 0 ? g_strdup (g_ptr_array_index (card->emails, 0)) : NULL;
  entry->draft.im = g_strdup (card->im);
  role = role_from_card (card);
  if (role >= 0)
    entry->draft.role = (CrmContactRole) role;
  else if (card->title == NULL && card->role != NULL)
    entry->draft.title = g_strdup (card->role);   /* ROLE as other programs mean it: a profession */
  crm_contact_draft_normalize (&entry->draft);
  entry->birthday = birthday_from_card (card->bday);
  entry->notes = nonempty (card->note) != NULL ? g_strdup (card->note) : NULL;

  if (entry->draft.name == NULL)
    g_ptr_array_add (problems, problem_new (card->number, card->line, _("This card has no name: it needs FN or N.")));

  crm_contact_draft_validate (&entry->draft, &validation);
  m = validation.messages;
  if (entry->draft.name != NULL && m[CRM_CONTACT_FIELD_NAME] != NULL)
    add_field_problem (problems, card, 0,
                       g_strdup_printf (_("The name cannot be used: %s"), m[CRM_CONTACT_FIELD_NAME]));
  if (m[CRM_CONTACT_FIELD_TITLE] != NULL)
    add_field_problem (problems, card, 0,
                       g_strdup_printf (_("The job title (TITLE) cannot be used: %s"), m[CRM_CONTACT_FIELD_TITLE]));
  if (m[CRM_CONTACT_FIELD_PHONE] != NULL)
    /* Translators: the first %s is the phone number, the second why it cannot be used */
    add_field_problem (problems, card, card->tel_line,
                       g_strdup_printf (_("The phone number “%s” cannot be used: %s"),
                                        entry->draft.phone, m[CRM_CONTACT_FIELD_PHONE]));
  if (m[CRM_CONTACT_FIELD_EMAIL] != NULL)
    /* Translators: the first %s is the e-mail address, the second why it cannot be used */
    add_field_problem (problems, card, card->email_line,
                       g_strdup_printf (_("The e-mail address “%s” cannot be used: %s"),
                                        entry->draft.email, m[CRM_CONTACT_FIELD_EMAIL]));
  if (m[CRM_CONTACT_FIELD_IM] != NULL)
    add_field_problem (problems, card, 0,
                       g_strdup_printf (_("The instant messaging name cannot be used: %s"), m[CRM_CONTACT_FIELD_IM]));

  org = trimmed_or_null (card->org);
  if (org != NULL && g_strcmp0 (org, entry->draft.name) != 0)
    {
      g_autofree char *invalid = crm_validate_required (org);

      if (invalid != NULL)
        add_field_problem (problems, card, 0,
                           g_strdup_printf (_("The organization (ORG) cannot be used: %s"), invalid));
      entry->customer = g_steal_pointer (&org);
      entry->kind = CRM_CUSTOMER_COMPANY;
    }
  else
    {
      /* A card of a person: the customer is that person */
      entry->customer = g_strdup (entry->draft.name);
      entry->kind = CRM_CUSTOMER_PERSON;
    }

  if (problems->len > before)
    return NULL;
  return g_steal_pointer (&entry);
}

typedef struct {
  GPtrArray *entries;    /* Entry * */
  GPtrArray *problems;
} Check;

/* Only the entries are kept while reading: the cards of a big file would take
 * as much memory again */
static void
check_card_cb (CrmVcardCard *card,
               gpointer      user_data)
{
  Check *check = user_data;
  Entry *entry = check_card (card, check->problems);

  if (entry != NULL)
    {
      entry->customer_code = g_steal_pointer (&card->customer_code);
      entry->primary = card->primary;
    }
  g_ptr_array_add (check->entries, entry);   /* NULL for a card with problems */
  crm_vcard_card_free (card);
}

typedef struct {
  CrmStore   *store;
  GHashTable *created;   /* gint64 * customer ids created by this import */
  GHashTable *touched;   /* gint64 * customer ids that got contacts */
  gint64      owner_id;
  int         year;
  gint64      now;
} Import;

static gint64
find_customer (Import      *import,
               const char  *name,
               const char  *code,
               GError     **error)
{
  g_autofree char *sort_key = crm_search_fold (name);
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (code != NULL)
    {
      stmt = crm_store_prepare (import->store, "SELECT id FROM customers WHERE code = ?1 AND name = ?2", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        goto fail;
      if (id != 0)
        return id;
    }

  /* by the index on (archived, sort_key): the same folded name, then exactly the same name */
  stmt = crm_store_prepare (import->store,
                            "SELECT id FROM customers WHERE archived IN (0, 1) AND sort_key = ?1 AND name = ?2"
                            " ORDER BY archived, id LIMIT 1",
                            error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, sort_key != NULL ? sort_key : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    goto fail;
  return id;

fail:
  crm_store_set_error (import->store, error, _("Could not read the customers"));
  return -1;
}

static gint64
create_customer (Import           *import,
                 const char       *name,
                 CrmCustomerKind   kind,
                 GError          **error)
{
  g_autofree char *code = crm_store_next_code (import->store, "CS", import->year, error);
  g_autofree char *sort_key = crm_search_fold (name);
  sqlite3_stmt *stmt;
  gint64 id;

  if (code == NULL)
    return 0;
  stmt = crm_store_prepare (import->store,
                            "INSERT INTO customers (code, name, sort_key, kind, owner_id, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sort_key != NULL ? sort_key : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, kind);
  crm_sql_bind_id_or_null (stmt, 5, import->owner_id);
  sqlite3_bind_int64 (stmt, 6, import->now);
  if (!crm_store_step_done (import->store, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (crm_store_get_db (import->store));
  g_hash_table_add (import->created, g_memdup2 (&id, sizeof id));
  return id;
}

/* Whether the customer already has this contact: the same name, phone digits or e-mail address. */
static int
contact_exists (Import         *import,
                gint64          customer_id,
                const Entry    *entry,
                const char     *digits,
                GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (import->store,
                            "SELECT 1 FROM contacts WHERE customer_id = ?1"
                            " AND (name = ?2 OR phone_digits = ?3 OR lower (email) = lower (?4)) LIMIT 1",
                            error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, entry->draft.name, -1, SQLITE_TRANSIENT);
  crm_sql_bind_text_or_null (stmt, 3, digits);
  crm_sql_bind_text_or_null (stmt, 4, entry->draft.email);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  crm_store_set_error (import->store, error, _("Could not read the contacts"));
  return -1;
}

static gboolean
has_primary (Import    *import,
             gint64     customer_id,
             gboolean  *result,
             GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = crm_store_prepare (import->store,
                            "SELECT EXISTS (SELECT 1 FROM contacts WHERE customer_id = ?1 AND is_primary = 1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  *result = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      crm_store_set_error (import->store, error, _("Could not read the contacts"));
      return FALSE;
    }
  return TRUE;
}

/* Adds the contact; FALSE on a database error.  *@created tells whether it was
 * new (FALSE: skipped as existing). */
static gboolean
import_entry (Import              *import,
              const Entry         *entry,
              gboolean            *created,
              gboolean            *customer_created,
              GError             **error)
{
  g_autofree char *digits = crm_search_phone_digits (entry->draft.phone);
  sqlite3_stmt *stmt;
  gint64 customer_id;
  gboolean new_customer, primary, had_primary = FALSE;
  int exists;

  *created = *customer_created = FALSE;

  customer_id = find_customer (import, entry->customer, entry->customer_code, error);
  if (customer_id < 0)
    return FALSE;
  if (customer_id == 0)
    {
      customer_id = create_customer (import, entry->customer, entry->kind, error);
      if (customer_id == 0)
        return FALSE;
      *customer_created = TRUE;
    }
  new_customer = g_hash_table_contains (import->created, &customer_id);

  exists = contact_exists (import, customer_id, entry, digits, error);
  if (exists < 0)
    return FALSE;
  if (exists > 0)
    return TRUE;

  if (!has_primary (import, customer_id, &had_primary, error))
    return FALSE;
  /* The first contact is the primary one; a card that says it is primary
   * takes over only among the contacts this import created. */
  primary = !had_primary || (entry->primary && new_customer);
  if (primary && had_primary)
    {
      stmt = crm_store_prepare (import->store,
                                "UPDATE contacts SET is_primary = 0, updated_at = ?2 WHERE customer_id = ?1 AND is_primary = 1",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 2, import->now);
      if (!crm_store_step_done (import->store, stmt, error))
        return FALSE;
    }

  stmt = crm_store_prepare (import->store,
                            "INSERT INTO contacts (customer_id, name, title, role, phone, phone_digits, email, im,"
                            " is_primary, birthday, notes, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, entry->draft.name, -1, SQLITE_TRANSIENT);
  crm_sql_bind_text_or_null (stmt, 3, entry->draft.title);
  sqlite3_bind_int (stmt, 4, entry->draft.role);
  crm_sql_bind_text_or_null (stmt, 5, entry->draft.phone);
  crm_sql_bind_text_or_null (stmt, 6, digits);
  crm_sql_bind_text_or_null (stmt, 7, entry->draft.email);
  crm_sql_bind_text_or_null (stmt, 8, entry->draft.im);
  sqlite3_bind_int (stmt, 9, primary ? 1 : 0);
  crm_sql_bind_text_or_null (stmt, 10, entry->birthday);
  crm_sql_bind_text_or_null (stmt, 11, entry->notes);
  sqlite3_bind_int64 (stmt, 12, import->now);
  if (!crm_store_step_done (import->store, stmt, error))
    return FALSE;

  /* A customer of before gets a primary contact: its timeline says so, as the
   * contact form's would */
  if (primary && !new_customer &&
      (!crm_store_record_profile_change (import->store, customer_id, "primary_contact", NULL, entry->draft.name, error) ||
       !crm_store_record_profile_change (import->store, customer_id, "phone", NULL, entry->draft.phone, error) ||
       !crm_store_record_profile_change (import->store, customer_id, "email", NULL, entry->draft.email, error)))
    return FALSE;

  if (!g_hash_table_contains (import->touched, &customer_id))
    g_hash_table_add (import->touched, g_memdup2 (&customer_id, sizeof customer_id));
  *created = TRUE;
  return TRUE;
}

CrmVcardImportResult *
crm_vcard_import_data (CrmStore      *store,
                       const char    *data,
                       gsize          length,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(CrmVcardImportResult) result = g_new0 (CrmVcardImportResult, 1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GHashTable) created = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GDateTime) local_now = NULL;
  GHashTableIter iter;
  gpointer key;
  Import import = { store, created, touched, 0, 0, 0 };
  Check check = { NULL, NULL };

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_problem_free);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* First everything is read and checked, without touching the database */
  check.entries = entries;
  check.problems = result->problems;
  result->n_cards = parse (data != NULL ? data : "", length, result->problems, check_card_cb, &check);
  if (result->problems->len > 0)
    return g_steal_pointer (&result);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Then all of it in one transaction */
  if (!crm_store_begin (store, error))
    return NULL;

  import.owner_id = crm_store_current_member (store);
  import.now = crm_store_now (store);
  local_now = crm_clock_now_local (crm_store_get_clock (store));
  import.year = g_date_time_get_year (local_now);

  for (guint i = 0; i < entries->len; i++)
    {
      gboolean contact_created, customer_created;

      if (i % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (!import_entry (&import, g_ptr_array_index (entries, i),
                         &contact_created, &customer_created, error))
        goto fail;
      if (contact_created)
        result->created++;
      else
        result->skipped++;
      if (customer_created)
        result->customers_created++;
    }

  /* The search index, once per customer */
  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!crm_store_reindex_customer (store, *(gint64 *) key, error))
      goto fail;

  if (result->created > 0 || result->customers_created > 0)
    crm_store_note_change (store, CRM_CHANGE_ALL, 0);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!crm_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&result);

fail:
  crm_store_rollback (store);
  return NULL;
}

CrmVcardImportResult *
crm_vcard_import (CrmStore      *store,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return crm_vcard_import_data (store, data, length, cancellable, error);
}
