/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "crm-store-contacts.h"
#include "crm-store-customers.h"
#include "crm-test-util.h"
#include "crm-vcard.h"

/* The fixtures in tests/data/vcard/:
 * - thunderbird-3.0.vcf: cards as Evolution (GNOME Contacts), macOS Contacts
 *   (grouped item1.TEL) and Thunderbird write vCard 3.0;
 * - thunderbird-4.0.vcf: vCard 4.0 as Thunderbird 102+ writes it (tel: URIs,
 *   VALUE=TEXT, quoted TYPE lists, IMPP);
 * - phone-2.1.vcf: vCard 2.1 as old phones wrote it: quoted-printable with a
 *   soft line break, CHARSET=UTF-8, CHARSET=GB2312 raw and quoted-printable
 *   (the bytes made with iconv -t GB2312, and -t GBK for 喆, which GB2312
 *   does not have but such files hold anyway), bare parameters (TEL;CELL;PREF)
 *   and an unfolded base64 PHOTO. */

#define LONG_NOTE \
  "第一行备注：客户偏好邮件沟通，不要在午休时间打电话；" \
  "合同续签前一个月提醒采购部，并抄送财务部的王会计。" \
  "\nSecond line, with commas, semicolons; and a backslash \\ too, " \
  "long enough to be folded several times over in the exported file."

typedef struct {
  CrmTestDb *db;
  char      *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = crm_test_db_new ();
  f->dir = crm_test_tmp_dir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_test_rm_rf (f->dir);
  g_free (f->dir);
  crm_test_db_free (f->db);
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "vcard", name, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static CrmVcardImportResult *
import_file (CrmStore   *store,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  CrmVcardImportResult *result = crm_vcard_import (store, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static CrmVcardImportResult *
import_text (CrmStore   *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  CrmVcardImportResult *result = crm_vcard_import_data (store, text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Fails the test, listing the problems, when there are any. */
static void
assert_no_problems (const CrmVcardImportResult *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      g_autofree char *text = crm_vcard_problem_to_string (g_ptr_array_index (result->problems, i));

      g_test_message ("%s", text);
    }
  g_assert_cmpuint (result->problems->len, ==, 0);
}

static gint64
add_customer (CrmStore        *store,
              const char      *name,
              CrmCustomerKind  kind)
{
  g_auto(CrmCustomerDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_customer_draft_init (&draft);
  draft.name = g_strdup (name);
  draft.kind = kind;
  id = crm_store_create_customer (store, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_contact (CrmStore       *store,
             gint64          customer_id,
             const char     *name,
             const char     *title,
             CrmContactRole  role,
             const char     *phone,
             const char     *email,
             const char     *im)
{
  g_auto(CrmContactDraft) draft = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_contact_draft_init (&draft);
  draft.name = g_strdup (name);
  draft.title = g_strdup (title);
  draft.role = role;
  draft.phone = g_strdup (phone);
  draft.email = g_strdup (email);
  draft.im = g_strdup (im);
  id = crm_store_save_contact (store, customer_id, 0, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Customers and contacts with everything a vCard must escape, fold or convert. */
static void
add_sample_data (CrmStore *store)
{
  gint64 star, acme, person, archived;
  gint64 id;

  star = add_customer (store, "北京星辰科技有限公司", CRM_CUSTOMER_COMPANY);
  acme = add_customer (store, "Acme; \"Best\", Ltd.\nSecond line", CRM_CUSTOMER_COMPANY);
  person = add_customer (store, "欧阳娜娜", CRM_CUSTOMER_PERSON);
  archived = add_customer (store, "Old Archived Co.", CRM_CUSTOMER_COMPANY);

  id = add_contact (store, star, "王磊", "总经理", CRM_CONTACT_ROLE_DECISION_MAKER, "138 0013 8000",
                    "wang.lei@xingchen.example", "wxid_wanglei88");
  g_assert_true (crm_store_exec (store, "UPDATE contacts SET birthday = '1980-02-29' WHERE name = '王磊'", NULL));
  (void) id;
  add_contact (store, star, "李娜, 助理", "采购部; 主管", CRM_CONTACT_ROLE_INFLUENCER, "+86 (10) 6552-9988",
               NULL, NULL);
  id = add_contact (store, star, "张三", NULL, CRM_CONTACT_ROLE_USER, NULL, "zhang.san@xingchen.example", NULL);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (store), "UPDATE contacts SET notes = ?1 WHERE id = ?2",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, LONG_NOTE, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 2, id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  add_contact (store, acme, "Wang, Lei \\ Jr.", "Head of R&D; Europe\nand Asia", CRM_CONTACT_ROLE_DECISION_MAKER,
               "+44 20 7946 0958", "wang@acme.example", "@wang.lei");
  add_contact (store, acme, "John Smith", "A very long job title that goes on and on so that the TITLE line "
               "is folded at least once", CRM_CONTACT_ROLE_USER, "020-7946 0000", NULL, NULL);
  add_contact (store, person, "欧阳娜娜", NULL, CRM_CONTACT_ROLE_DECISION_MAKER, "13912345678", NULL, NULL);
  add_contact (store, person, "欧阳明", "丈夫", CRM_CONTACT_ROLE_INFLUENCER, NULL, NULL, NULL);
  g_assert_true (crm_store_exec (store, "UPDATE contacts SET birthday = '--05-01' WHERE name = '欧阳明'", NULL));
  add_contact (store, archived, "Mary Major", NULL, CRM_CONTACT_ROLE_USER, NULL, "mary@old.example", NULL);
  g_assert_true (crm_store_set_customer_archived (store, archived, TRUE, NULL));

  /* the second contact of 北京星辰 becomes the primary one */
  g_assert_true (crm_store_exec (store,
                                 "UPDATE contacts SET is_primary = (name = '李娜, 助理')"
                                 " WHERE customer_id = (SELECT id FROM customers WHERE name = '北京星辰科技有限公司')",
                                 NULL));
}

/* Every contact as one line of text, in a stable order, without ids or times. */
static GPtrArray *
dump_contacts (CrmStore *store)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (crm_store_get_db (store),
                                       "SELECT c.name, c.kind, ct.name, ct.title, ct.role, ct.phone, ct.phone_digits,"
                                       " ct.email, ct.im, ct.birthday, ct.notes, ct.is_primary"
                                       " FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
                                       " ORDER BY c.name, ct.name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (row, "%s=%s|", sqlite3_column_name (stmt, i), value != NULL ? value : "(null)");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  return rows;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  CrmVcardVersion version = GPOINTER_TO_INT (data);
  g_autofree char *path = g_build_filename (f->dir, "contacts.vcf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTestDb) target = crm_test_db_new ();
  g_autoptr(CrmVcardImportResult) result = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  add_sample_data (f->db->store);
  g_assert_true (crm_vcard_export (f->db->store, path, version, NULL, &error));
  g_assert_no_error (error);

  result = import_file (target->store, path);
  assert_no_problems (result);
  g_assert_cmpuint (result->n_cards, ==, 8);
  g_assert_cmpuint (result->created, ==, 8);
  g_assert_cmpuint (result->skipped, ==, 0);
  g_assert_cmpuint (result->customers_created, ==, 4);

  /* the same contacts, field by field */
  before = dump_contacts (f->db->store);
  after = dump_contacts (target->store);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));

  /* new customers got codes; the search index knows the imported contacts */
  g_assert_cmpint (crm_test_query_int (target->store, "SELECT count(*) FROM customers WHERE code LIKE 'CS2026___'"),
                   ==, 4);
  g_assert_cmpint (crm_test_query_int (target->store,
                                       "SELECT count(*) FROM search_terms t JOIN customers c ON c.id = t.customer_id"
                                       " WHERE c.name = '北京星辰科技有限公司' AND t.term = '13800138000'"),
                   ==, 1);
  crm_test_assert_terms_listed (target->store);
}

/* The export's physical lines, each checked for its CRLF. */
static GPtrArray *
export_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = strstr (p, "\r\n");

      g_assert_nonnull (end);
      g_assert_null (memchr (p, '\n', end - p));
      g_assert_null (memchr (p, '\r', end - p));
      g_ptr_array_add (lines, g_strndup (p, end - p));
      p = end + 2;
    }
  return lines;
}

static void
test_export_format (Fixture       *f,
                    gconstpointer  data)
{
  CrmVcardVersion version = GPOINTER_TO_INT (data);
  g_autofree char *path = g_build_filename (f->dir, "contacts.vcf", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.vcf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *uid_line = NULL;
  g_autofree char *wang_id = NULL;
  guint folded = 0, n_files = 0;
  struct stat st;

  add_sample_data (f->db->store);
  g_assert_true (crm_vcard_export (f->db->store, path, version, NULL, &error));
  g_assert_no_error (error);

  /* mode 0600, and no temporary file left beside it */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  dir = g_dir_open (f->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  text = read_file (path);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  lines = export_lines (text);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      /* at most 75 octets, each physical line on its own valid UTF-8 */
      g_assert_cmpuint (strlen (line), <=, 75);
      g_assert_true (g_utf8_validate (line, -1, NULL));
      if (line[0] == ' ')
        {
          folded++;
          g_string_append (unfolded, line + 1);
        }
      else
        {
          if (unfolded->len > 0)
            g_string_append_c (unfolded, '\n');
          g_string_append (unfolded, line);
        }
    }
  g_assert_cmpuint (folded, >=, 3);

  /* what the cards say, unfolded */
  g_assert_nonnull (strstr (unfolded->str, version == CRM_VCARD_VERSION_4 ? "\nVERSION:4.0\n" : "\nVERSION:3.0\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nFN:Wang\\, Lei \\\\ Jr.\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nTITLE:Head of R&D\\; Europe\\nand Asia\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nORG:Acme\\; \"Best\"\\, Ltd.\\nSecond line\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nN:王;磊;;;\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nN:欧阳;娜娜;;;\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nN:Smith;John;;;\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nROLE:Decision-maker\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nX-RAPPORT-ROLE:influencer\n"));
  g_assert_nonnull (strstr (unfolded->str, "\nX-RAPPORT-CUSTOMER-CODE:CS2026001\n"));
  if (version == CRM_VCARD_VERSION_4)
    {
      g_assert_nonnull (strstr (unfolded->str, "\nTEL;VALUE=text;TYPE=cell:138 0013 8000\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nTEL;VALUE=text;TYPE=work,voice:+44 20 7946 0958\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nEMAIL;TYPE=work:wang@acme.example\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nBDAY:19800229\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nBDAY:--0501\n"));
    }
  else
    {
      g_assert_nonnull (strstr (unfolded->str, "\nTEL;TYPE=CELL:138 0013 8000\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nTEL;TYPE=WORK,VOICE:+44 20 7946 0958\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nEMAIL;TYPE=INTERNET,WORK:wang@acme.example\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nBDAY:1980-02-29\n"));
      g_assert_nonnull (strstr (unfolded->str, "\nBDAY:--05-01\n"));
    }
  /* real data, not masked */
  g_assert_null (strstr (unfolded->str, "****"));

  /* a stable UID per contact */
  wang_id = crm_test_query_text (f->db->store, "SELECT id FROM contacts WHERE name = '王磊'");
  uid = crm_vcard_contact_uid (g_ascii_strtoll (wang_id, NULL, 10), version);
  if (version == CRM_VCARD_VERSION_4)
    {
      g_assert_true (g_str_has_prefix (uid, "urn:uuid:"));
      g_assert_true (g_uuid_string_is_valid (uid + strlen ("urn:uuid:")));
      g_assert_cmpint (uid[strlen ("urn:uuid:") + 14], ==, '5');   /* name-based, SHA-1 */
    }
  else
    {
      g_autofree char *expected = g_strdup_printf ("rapport-contact-%s@rapport.local", wang_id);

      g_assert_cmpstr (uid, ==, expected);
    }
  uid_line = g_strdup_printf ("\nUID:%s\n", uid);
  g_assert_nonnull (strstr (unfolded->str, uid_line));

  /* the same database, the same file */
  g_assert_true (crm_vcard_export (f->db->store, again, version, NULL, &error));
  text_again = read_file (again);
  g_assert_cmpstr (text_again, ==, text);
}

static void
test_export_empty_and_failure (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.vcf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "out.vcf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *text = NULL;

  g_assert_true (crm_vcard_export (f->db->store, path, CRM_VCARD_VERSION_3, NULL, &error));
  g_assert_no_error (error);
  text = read_file (path);
  g_assert_cmpstr (text, ==, "");

  g_assert_false (crm_vcard_export (f->db->store, missing, CRM_VCARD_VERSION_4, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  add_sample_data (f->db->store);
  g_cancellable_cancel (cancellable);
  g_unlink (path);
  g_assert_false (crm_vcard_export (f->db->store, path, CRM_VCARD_VERSION_4, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* ---- the parser ---- */

static GPtrArray *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cards = crm_vcard_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (cards);
  return cards;
}

static void
test_parse_folding (void)
{
  /* a space and a tab continue a line; a fold may even split a UTF-8 character */
  g_autoptr(GPtrArray) cards = parse_ok ("BEGIN:VCARD\r\n"
                                         "VERSION:3.0\r\n"
                                         "FN:Zh\r\n"
                                         " ang \xE7\r\n"
                                         "\t\x8E\x8B\r\n"
                                         "NO\r\n"
                                         " TE:a\\nb\\, c\\; d\\\\ e\\N\r\n"
                                         "  f\r\n"
                                         "END:VCARD\n"
                                         "BEGIN:VCARD\n"
                                         "FN:LF only\n"
                                         "END:VCARD\r"
                                         "BEGIN:VCARD\r"
                                         "FN:CR only\r"
                                         "END:VCARD");
  CrmVcardCard *card;

  g_assert_cmpuint (cards->len, ==, 3);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpuint (card->number, ==, 1);
  g_assert_cmpuint (card->line, ==, 1);
  g_assert_cmpstr (card->version, ==, "3.0");
  g_assert_cmpstr (card->fn, ==, "Zhang 王");
  g_assert_cmpstr (card->note, ==, "a\nb, c; d\\ e\n f");
  g_assert_cmpuint (card->problems->len, ==, 0);

  card = g_ptr_array_index (cards, 1);
  g_assert_cmpstr (card->fn, ==, "LF only");
  g_assert_cmpuint (card->line, ==, 10);
  card = g_ptr_array_index (cards, 2);
  g_assert_cmpstr (card->fn, ==, "CR only");
  g_assert_cmpuint (card->line, ==, 13);
}

static void
test_parse_parameters (void)
{
  g_autoptr(GPtrArray) cards = parse_ok ("\xEF\xBB\xBF" "BEGIN:VCARD\r\n"
                                         "VERSION:4.0\r\n"
                                         "N:Doe;Jane;Q.;Dr.;\r\n"
                                         "ORG:\"Quoted\" Org\\; Name;Unit\r\n"
                                         "TEL;TYPE=\"voice,work\";PREF=1:tel:+1-555-0100;ext=5\r\n"
                                         "TEL;WORK;VOICE:+1 555 0101\r\n"
                                         "item1.EMAIL;type=INTERNET:mailto:jane@example.com\r\n"
                                         "X-CUSTOM;X-PARAM=\"a:b;c\":ignored\r\n"
                                         "EMAIL:second@example.com\r\n"
                                         "END:VCARD\r\n");
  CrmVcardCard *card;
  g_autofree char *name = NULL;

  g_assert_cmpuint (cards->len, ==, 1);
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpuint (card->problems->len, ==, 0);
  g_assert_null (card->fn);
  g_assert_cmpstr (card->family, ==, "Doe");
  g_assert_cmpstr (card->given, ==, "Jane");
  g_assert_cmpstr (card->additional, ==, "Q.");
  name = crm_vcard_card_get_name (card);
  g_assert_cmpstr (name, ==, "Jane Q. Doe");
  g_assert_cmpstr (card->org, ==, "\"Quoted\" Org; Name");
  g_assert_cmpuint (card->tels->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (card->tels, 0), ==, "+1-555-0100");
  g_assert_cmpstr (g_ptr_array_index (card->tels, 1), ==, "+1 555 0101");
  g_assert_cmpuint (card->tel_line, ==, 5);
  g_assert_cmpuint (card->emails->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (card->emails, 0), ==, "jane@example.com");
  g_assert_cmpuint (card->email_line, ==, 7);
}

static void
test_parse_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  CrmVcardCard *card;
  const CrmVcardProblem *problem;

  /* nothing that looks like a vCard */
  g_assert_null (crm_vcard_parse ("", 0, &error));
  g_assert_error (error, CRM_VCARD_ERROR, CRM_VCARD_ERROR_NO_CARDS);
  g_clear_error (&error);
  g_assert_null (crm_vcard_parse ("name,phone\r\nWang,123\r\n", 22, &error));
  g_assert_error (error, CRM_VCARD_ERROR, CRM_VCARD_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "Line 1"));
  g_clear_error (&error);

  /* problems stay with their card; the cards after it are still read */
  cards = parse_ok ("BEGIN:VCARD\r\n"
                    "VERSION:3.0\r\n"
                    "FN:No colon here\r\n"
                    "this line has none\r\n"
                    "BEGIN:VCARD\r\n"
                    "VERSION:5.0\r\n"
                    "FN;CHARSET=KLINGON:x\r\n"
                    "NOTE;CHARSET=UTF-8:\xff\xfe\r\n"
                    "END:VCARD\r\n"
                    "BEGIN:VCARD\r\n"
                    "FN:Cut short\r\n");
  g_assert_cmpuint (cards->len, ==, 3);

  card = g_ptr_array_index (cards, 0);
  g_assert_cmpuint (card->problems->len, ==, 2);
  problem = g_ptr_array_index (card->problems, 0);
  g_assert_cmpuint (problem->card, ==, 1);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_nonnull (strstr (problem->message, "“:”"));
  problem = g_ptr_array_index (card->problems, 1);
  g_assert_cmpuint (problem->line, ==, 1);
  g_assert_nonnull (strstr (problem->message, "END:VCARD"));

  card = g_ptr_array_index (cards, 1);
  g_assert_cmpuint (card->line, ==, 5);
  g_assert_cmpuint (card->problems->len, ==, 3);
  problem = g_ptr_array_index (card->problems, 0);
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_nonnull (strstr (problem->message, "5.0"));
  problem = g_ptr_array_index (card->problems, 1);
  g_assert_cmpuint (problem->line, ==, 7);
  g_assert_nonnull (strstr (problem->message, "KLINGON"));
  problem = g_ptr_array_index (card->problems, 2);
  g_assert_cmpuint (problem->line, ==, 8);
  g_assert_nonnull (strstr (problem->message, "UTF-8"));

  card = g_ptr_array_index (cards, 2);
  g_assert_cmpstr (card->fn, ==, "Cut short");
  g_assert_cmpuint (card->problems->len, ==, 1);
}

/* Every prefix and a few corruptions of every fixture: no crash, no leak, and
 * a card count that never exceeds the BEGIN lines. */
static void
test_parse_robust (void)
{
  const char *names[] = { "phone-2.1.vcf", "thunderbird-3.0.vcf", "thunderbird-4.0.vcf" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autofree char *path = fixture_path (names[n]);
      g_autofree char *data = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      for (gsize cut = 0; cut <= length; cut++)
        {
          g_autoptr(GPtrArray) cards = crm_vcard_parse (data, cut, NULL);

          if (cards != NULL)
            g_assert_cmpuint (cards->len, <=, 4);
        }
      for (gsize i = 0; i < length; i += 7)
        {
          g_autofree char *copy = g_memdup2 (data, length);
          g_autoptr(GPtrArray) cards = NULL;

          copy[i] = "=\\;:\n\0\xff"[i % 7];
          cards = crm_vcard_parse (copy, length, NULL);
        }
    }
}

/* Inputs the fuzzer found (tests/fuzz/regressions/vcard/): a CHARSET whose
 * name is not UTF-8 once made a problem message that was not UTF-8 either. */
static void
test_parse_fuzz_regressions (void)
{
  static const char bad_charset[] =
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=X-\xcc\xc4:abc\r\nEND:VCARD\r\n";
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", "vcard", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) cards = crm_vcard_parse (bad_charset, sizeof bad_charset - 1, NULL);
  CrmVcardCard *card;
  g_autofree char *text = NULL;
  const char *name;

  g_assert_nonnull (cards);
  g_assert_cmpuint (cards->len, ==, 1);
  card = g_ptr_array_index (cards, 0);
  g_assert_null (card->fn);
  g_assert_cmpuint (card->problems->len, ==, 1);
  text = crm_vcard_problem_to_string (g_ptr_array_index (card->problems, 0));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (text, "“X-\xef\xbf\xbd"));   /* U+FFFD for what is not UTF-8 */

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      g_autoptr(GPtrArray) parsed = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      parsed = crm_vcard_parse (data, length, NULL);
      for (guint i = 0; parsed != NULL && i < parsed->len; i++)
        {
          CrmVcardCard *c = g_ptr_array_index (parsed, i);

          for (guint j = 0; j < c->problems->len; j++)
            {
              g_autofree char *problem = crm_vcard_problem_to_string (g_ptr_array_index (c->problems, j));

              g_assert_true (g_utf8_validate (problem, -1, NULL));
            }
          for (guint j = 0; j < c->tels->len; j++)
            g_assert_true (g_utf8_validate (g_ptr_array_index (c->tels, j), -1, NULL));
          g_assert_true (c->fn == NULL || g_utf8_validate (c->fn, -1, NULL));
          g_assert_true (c->org == NULL || g_utf8_validate (c->org, -1, NULL));
          g_assert_true (c->note == NULL || g_utf8_validate (c->note, -1, NULL));
        }
    }
}

/* ---- importing the fixtures ---- */

static char *
contact_field (CrmStore   *store,
               const char *name,
               const char *column)
{
  return crm_test_query_textf (store, "SELECT %s FROM contacts WHERE name = '%s'", column, name);
}

static void
assert_contact (CrmStore   *store,
                const char *name,
                const char *customer,
                const char *title,
                int         role,
                const char *phone,
                const char *email)
{
  g_autofree char *got_customer = crm_test_query_textf (store,
                                                        "SELECT c.name FROM contacts ct JOIN customers c"
                                                        " ON c.id = ct.customer_id WHERE ct.name = '%s'", name);
  g_autofree char *got_title = contact_field (store, name, "title");
  g_autofree char *got_phone = contact_field (store, name, "phone");
  g_autofree char *got_email = contact_field (store, name, "email");

  g_assert_cmpint (crm_test_query_intf (store, "SELECT count(*) FROM contacts WHERE name = '%s'", name), ==, 1);
  g_assert_cmpstr (got_customer, ==, customer);
  g_assert_cmpstr (got_title, ==, title);
  g_assert_cmpint (crm_test_query_intf (store, "SELECT role FROM contacts WHERE name = '%s'", name), ==, role);
  g_assert_cmpstr (got_phone, ==, phone);
  g_assert_cmpstr (got_email, ==, email);
}

static void
test_import_thunderbird_3 (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path ("thunderbird-3.0.vcf");
  g_autoptr(CrmVcardImportResult) result = NULL;
  g_autofree char *note = NULL;
  g_autofree char *summary = NULL;

  result = import_file (f->db->store, path);
  assert_no_problems (result);
  g_assert_cmpuint (result->n_cards, ==, 4);
  g_assert_cmpuint (result->created, ==, 4);
  g_assert_cmpuint (result->customers_created, ==, 4);
  summary = crm_vcard_import_result_summarize (result);
  g_assert_cmpstr (summary, ==, "4 contacts were imported. 4 new customers were created.");

  /* the first TEL and EMAIL win; ORG's first component is the customer */
  assert_contact (f->db->store, "Zhang Wei", "Northwind Traders", "Purchasing Manager", CRM_CONTACT_ROLE_USER,
                  "+86 10 6552 9988", "zhang.wei@northwind.example");
  note = contact_field (f->db->store, "Zhang Wei", "notes");
  g_assert_cmpstr (note, ==, "Prefers e-mail, not calls; ask for Li when he is away.\nSecond line of the note.");
  /* grouped properties (item1.TEL) */
  assert_contact (f->db->store, "Anna Müller", "Müller & Söhne GmbH", NULL, CRM_CONTACT_ROLE_USER,
                  "+49 30 1234567", "anna@mueller-soehne.example");
  /* FN without N and without ORG: a person customer of that name; a tab continues the NOTE */
  assert_contact (f->db->store, "李娜", "李娜", NULL, CRM_CONTACT_ROLE_USER, "13800138000", NULL);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT kind FROM customers WHERE name = '李娜'"), ==,
                   CRM_CUSTOMER_PERSON);
  g_clear_pointer (&note, g_free);
  note = contact_field (f->db->store, "李娜", "notes");
  g_assert_cmpstr (note, ==, "这是一段很长的备注，用来检查折行是否在字符边界上处理正确，以及制表符开头的续行是否也能读回来。");
  /* N without FN; ROLE in words */
  assert_contact (f->db->store, "Fang Wang", "Shanghai Blue Sky Ltd.", "CTO", CRM_CONTACT_ROLE_DECISION_MAKER,
                  "021-5555-0101", "fang.wang@example.org");
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT kind FROM customers WHERE name = 'Northwind Traders'"),
                   ==, CRM_CUSTOMER_COMPANY);
  /* each customer's only contact is its primary one */
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts WHERE is_primary = 1"), ==, 4);
}

static void
test_import_thunderbird_4 (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = fixture_path ("thunderbird-4.0.vcf");
  g_autoptr(CrmVcardImportResult) result = NULL;
  g_autofree char *bday = NULL;
  g_autofree char *im = NULL;

  result = import_file (f->db->store, path);
  assert_no_problems (result);
  g_assert_cmpuint (result->created, ==, 2);

  assert_contact (f->db->store, "陈静", "深圳华强电子有限公司", "采购总监", CRM_CONTACT_ROLE_DECISION_MAKER,
                  "0755-8888 6666", "chen.jing@huaqiang.example");
  bday = contact_field (f->db->store, "陈静", "birthday");
  g_assert_cmpstr (bday, ==, "1985-04-12");

  /* a tel: URI with a parameter; an escaped comma in ORG */
  assert_contact (f->db->store, "Robert O''Neil", "Acme, Inc.", NULL, CRM_CONTACT_ROLE_USER, "+1-555-555-0100",
                  "robert@acme.example");
  g_clear_pointer (&bday, g_free);
  bday = contact_field (f->db->store, "Robert O''Neil", "birthday");
  g_assert_cmpstr (bday, ==, "--02-29");
  im = contact_field (f->db->store, "Robert O''Neil", "im");
  g_assert_cmpstr (im, ==, "xmpp:robert@acme.example");
}

static void
test_import_phone_2_1 (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path ("phone-2.1.vcf");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(CrmVcardImportResult) result = NULL;
  g_autofree char *note = NULL;
  CrmVcardCard *card;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  cards = crm_vcard_parse (text, length, NULL);
  g_assert_nonnull (cards);
  g_assert_cmpuint (cards->len, ==, 3);

  /* quoted-printable UTF-8 with a soft line break in ORG and in NOTE */
  card = g_ptr_array_index (cards, 0);
  g_assert_cmpuint (card->problems->len, ==, 0);
  g_assert_cmpstr (card->version, ==, "2.1");
  g_assert_cmpstr (card->family, ==, "张");
  g_assert_cmpstr (card->given, ==, "三");
  g_assert_cmpstr (card->fn, ==, "张三");
  g_assert_cmpstr (card->org, ==, "北京未来科技有限公司");
  g_assert_cmpstr (card->note, ==, "First line\nSecond line, cut by a soft line break.");
  g_assert_cmpuint (card->tels->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (card->tels, 0), ==, "13912345678");

  /* GB2312 bytes */
  card = g_ptr_array_index (cards, 1);
  g_assert_cmpuint (card->problems->len, ==, 0);
  g_assert_cmpstr (card->fn, ==, "李四");
  g_assert_cmpstr (card->org, ==, "上海测试贸易有限公司");
  g_assert_cmpstr (card->title, ==, "销售经理");

  /* GBK's 喆 in a file that says GB2312, quoted-printable with a soft break */
  card = g_ptr_array_index (cards, 2);
  g_assert_cmpuint (card->problems->len, ==, 0);
  g_assert_cmpstr (card->fn, ==, "王喆");
  g_assert_cmpstr (card->org, ==, "上海测试贸易有限公司");

  result = import_file (f->db->store, path);
  assert_no_problems (result);
  g_assert_cmpuint (result->created, ==, 3);
  g_assert_cmpuint (result->customers_created, ==, 2);
  assert_contact (f->db->store, "张三", "北京未来科技有限公司", NULL, CRM_CONTACT_ROLE_USER, "13912345678",
                  "zhangsan@example.cn");
  assert_contact (f->db->store, "李四", "上海测试贸易有限公司", "销售经理", CRM_CONTACT_ROLE_USER, "021-65432100", NULL);
  assert_contact (f->db->store, "王喆", "上海测试贸易有限公司", NULL, CRM_CONTACT_ROLE_USER, "021-65432101", NULL);
  note = contact_field (f->db->store, "张三", "notes");
  g_assert_cmpstr (note, ==, "First line\nSecond line, cut by a soft line break.");
  /* one primary contact for the customer with two */
  g_assert_cmpint (crm_test_query_int (f->db->store,
                                       "SELECT count(*) FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
                                       " WHERE c.name = '上海测试贸易有限公司' AND ct.is_primary = 1"), ==, 1);
}

static void
test_import_skips_existing (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path ("thunderbird-3.0.vcf");
  g_autoptr(CrmVcardImportResult) result = NULL;
  g_autoptr(CrmVcardImportResult) again = NULL;
  g_autoptr(CrmVcardImportResult) more = NULL;
  g_autofree char *summary = NULL;
  gint64 northwind, blue_sky;

  /* customers that exist before: matched by their exact name */
  northwind = add_customer (f->db->store, "Northwind Traders", CRM_CUSTOMER_COMPANY);
  blue_sky = add_customer (f->db->store, "Shanghai Blue Sky Ltd.", CRM_CUSTOMER_COMPANY);
  /* the same phone under another name: the same contact */
  add_contact (f->db->store, blue_sky, "王芳", NULL, CRM_CONTACT_ROLE_USER, "021 5555 0101", NULL, NULL);
  /* a customer whose name only differs in case is another customer */
  add_customer (f->db->store, "müller & söhne gmbh", CRM_CUSTOMER_COMPANY);

  result = import_file (f->db->store, path);
  assert_no_problems (result);
  g_assert_cmpuint (result->created, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 1);
  g_assert_cmpuint (result->customers_created, ==, 2);
  summary = crm_vcard_import_result_summarize (result);
  g_assert_cmpstr (summary, ==, "3 contacts were imported. 1 card was skipped because its contact already exists. "
                                "2 new customers were created.");
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT customer_id FROM contacts WHERE name = 'Zhang Wei'"),
                   ==, northwind);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts WHERE name = 'Fang Wang'"), ==, 0);
  /* the existing customer's first contact became primary, and its timeline says so */
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT is_primary FROM contacts WHERE name = 'Zhang Wei'"),
                   ==, 1);
  g_assert_cmpint (crm_test_query_intf (f->db->store,
                                        "SELECT count(*) FROM profile_changes WHERE customer_id = %" G_GINT64_FORMAT
                                        " AND field = 'primary_contact' AND new_value = 'Zhang Wei'", northwind),
                   ==, 1);

  /* again: nothing new */
  again = import_file (f->db->store, path);
  assert_no_problems (again);
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->skipped, ==, 4);
  g_assert_cmpuint (again->customers_created, ==, 0);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts"), ==, 4);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, 5);

  /* by e-mail (ignoring case) under another name, and twice in one file */
  more = import_text (f->db->store,
                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Z. Wei\r\nORG:Northwind Traders\r\n"
                      "EMAIL:Zhang.Wei@Northwind.example\r\nEND:VCARD\r\n"
                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:New Person\r\nORG:Northwind Traders\r\nEND:VCARD\r\n"
                      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:New Person\r\nORG:Northwind Traders\r\nEND:VCARD\r\n");
  assert_no_problems (more);
  g_assert_cmpuint (more->created, ==, 1);
  g_assert_cmpuint (more->skipped, ==, 2);
}

static void
test_import_broken (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = fixture_path ("thunderbird-3.0.vcf");
  g_autoptr(CrmVcardImportResult) result = NULL;
  g_autoptr(CrmVcardImportResult) garbage = NULL;
  g_autoptr(CrmVcardImportResult) first = NULL;
  g_autofree char *summary = NULL;
  const CrmVcardProblem *problem;
  g_autofree char *text = NULL;
  gint64 customers, contacts;

  first = import_file (f->db->store, good);
  assert_no_problems (first);
  customers = crm_test_query_int (f->db->store, "SELECT count(*) FROM customers");
  contacts = crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts");

  /* good cards and bad ones: nothing at all is imported */
  result = import_text (f->db->store,
                        "BEGIN:VCARD\r\n"                       /* 1 */
                        "VERSION:3.0\r\n"
                        "FN:Good One\r\n"
                        "ORG:Fine Co.\r\n"
                        "TEL:010 1234 5678\r\n"
                        "END:VCARD\r\n"
                        "BEGIN:VCARD\r\n"                       /* 7 */
                        "VERSION:3.0\r\n"
                        "ORG:Nameless Co.\r\n"
                        "END:VCARD\r\n"
                        "BEGIN:VCARD\r\n"                       /* 11 */
                        "VERSION:3.0\r\n"
                        "FN:Bad Phone\r\n"
                        "TEL;TYPE=CELL:call me maybe\r\n"     /* 14 */
                        "TEL:13800138000\r\n"
                        "EMAIL:not-an-address\r\n"             /* 16 */
                        "END:VCARD\r\n"
                        "BEGIN:VCARD\r\n"                       /* 18 */
                        "VERSION:3.0\r\n"
                        "FN:Cut Short\r\n");
  g_assert_cmpuint (result->n_cards, ==, 4);
  g_assert_cmpuint (result->created, ==, 0);
  g_assert_cmpuint (result->customers_created, ==, 0);
  g_assert_cmpuint (result->problems->len, ==, 4);

  problem = g_ptr_array_index (result->problems, 0);
  g_assert_cmpuint (problem->card, ==, 2);
  g_assert_cmpuint (problem->line, ==, 7);
  g_assert_cmpstr (problem->message, ==, "This card has no name: it needs FN or N.");
  problem = g_ptr_array_index (result->problems, 1);
  g_assert_cmpuint (problem->card, ==, 3);
  g_assert_cmpuint (problem->line, ==, 14);
  g_assert_nonnull (strstr (problem->message, "“call me maybe”"));
  problem = g_ptr_array_index (result->problems, 2);
  g_assert_cmpuint (problem->card, ==, 3);
  g_assert_cmpuint (problem->line, ==, 16);
  g_assert_nonnull (strstr (problem->message, "“not-an-address”"));
  problem = g_ptr_array_index (result->problems, 3);
  g_assert_cmpuint (problem->card, ==, 4);
  g_assert_cmpuint (problem->line, ==, 18);
  text = crm_vcard_problem_to_string (problem);
  g_assert_cmpstr (text, ==, "Card 4, line 18: This card has no END:VCARD line: the file may be cut short.");
  summary = crm_vcard_import_result_summarize (result);
  g_assert_cmpstr (summary, ==, "Nothing was imported: 4 problems were found in the file.");

  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers"), ==, customers);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts"), ==, contacts);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM customers WHERE name = 'Fine Co.'"), ==, 0);

  /* not a vCard file at all */
  garbage = import_text (f->db->store, "name,phone\nWang,123\n");
  g_assert_cmpuint (garbage->problems->len, ==, 2);
  problem = g_ptr_array_index (garbage->problems, 1);
  g_assert_cmpuint (problem->card, ==, 0);
  g_assert_cmpuint (problem->line, ==, 2);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts"), ==, contacts);
}

static void
test_import_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *good = fixture_path ("thunderbird-3.0.vcf");
  g_autofree char *missing = g_build_filename (f->dir, "missing.vcf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CrmVcardImportResult *result;

  result = crm_vcard_import (f->db->store, missing, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  result = crm_vcard_import (f->db->store, good, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (crm_test_query_int (f->db->store, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_false (crm_store_in_transaction (f->db->store));
}

static void
test_changed_signal_cb (CrmStore *store,
                        int       kind,
                        gint64    id,
                        gpointer  user_data)
{
  GArray *kinds = user_data;

  g_array_append_val (kinds, kind);
}

static void
test_import_signal (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = fixture_path ("thunderbird-3.0.vcf");
  g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(CrmVcardImportResult) result = NULL;

  g_signal_connect (f->db->store, "changed", G_CALLBACK (test_changed_signal_cb), kinds);
  result = import_file (f->db->store, path);
  assert_no_problems (result);
  /* bulk work: one reload, not a signal per row */
  g_assert_cmpuint (kinds->len, ==, 1);
  g_assert_cmpint (g_array_index (kinds, int, 0), ==, CRM_CHANGE_ALL);
  g_signal_handlers_disconnect_by_data (f->db->store, kinds);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add (name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/vcard/round-trip/3.0", test_round_trip, GINT_TO_POINTER (CRM_VCARD_VERSION_3));
  ADD ("/vcard/round-trip/4.0", test_round_trip, GINT_TO_POINTER (CRM_VCARD_VERSION_4));
  ADD ("/vcard/export/format-3.0", test_export_format, GINT_TO_POINTER (CRM_VCARD_VERSION_3));
  ADD ("/vcard/export/format-4.0", test_export_format, GINT_TO_POINTER (CRM_VCARD_VERSION_4));
  ADD ("/vcard/export/empty-and-failure", test_export_empty_and_failure, NULL);
  g_test_add_func ("/vcard/parse/folding", test_parse_folding);
  g_test_add_func ("/vcard/parse/parameters", test_parse_parameters);
  g_test_add_func ("/vcard/parse/errors", test_parse_errors);
  g_test_add_func ("/vcard/parse/robust", test_parse_robust);
  g_test_add_func ("/vcard/parse/fuzz-regressions", test_parse_fuzz_regressions);
  ADD ("/vcard/import/thunderbird-3.0", test_import_thunderbird_3, NULL);
  ADD ("/vcard/import/thunderbird-4.0", test_import_thunderbird_4, NULL);
  ADD ("/vcard/import/phone-2.1", test_import_phone_2_1, NULL);
  ADD ("/vcard/import/skips-existing", test_import_skips_existing, NULL);
  ADD ("/vcard/import/broken", test_import_broken, NULL);
  ADD ("/vcard/import/errors", test_import_errors, NULL);
  ADD ("/vcard/import/signal", test_import_signal, NULL);

#undef ADD

  return g_test_run ();
}
