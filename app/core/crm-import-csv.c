/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-csv"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-import-csv.h"
#include "crm-search.h"
#include "crm-store-contacts.h"
#include "crm-store-customers.h"
#include "crm-validate.h"

#define MIN_DUPLICATE_PHONE_DIGITS 5
#define MAX_REPORT_PROBLEMS        200
#define TERM_BATCH                 (4 * 1024 * 1024)   /* search terms held before a sorted insert */
#define MAX_REVENUE_YUAN           1e13
/* From this many rows, and at least as many as there are customers, the
 * indexes that rows would land in at random are built again after the rows */
#define BULK_MIN_ROWS              2000
#define BULK_KIB_PER_ROW           2
#define BULK_MAX_CACHE_KIB         (256 * 1024)

G_DEFINE_QUARK (crm-csv-import-error-quark, crm_csv_import_error)

/* ---- fields and the names that mean them ---- */

static const CrmImportFieldInfo field_infos[] = {
  { CRM_IMPORT_FIELD_NONE, "none", N_("Do not import") },
  { CRM_IMPORT_FIELD_NAME, "name", N_("Customer name") },
  { CRM_IMPORT_FIELD_KIND, "kind", N_("Person or company") },
  { CRM_IMPORT_FIELD_INDUSTRY, "industry", N_("Industry") },
  { CRM_IMPORT_FIELD_STAFF_COUNT, "staff_count", N_("Staff") },
  { CRM_IMPORT_FIELD_ANNUAL_REVENUE, "annual_revenue", N_("Annual revenue") },
  { CRM_IMPORT_FIELD_TIER, "tier", N_("Tier") },
  { CRM_IMPORT_FIELD_KEY_ACCOUNT, "key_account", N_("Key account") },
  { CRM_IMPORT_FIELD_LIFECYCLE, "lifecycle", N_("Lifecycle stage") },
  { CRM_IMPORT_FIELD_SOURCE, "source", N_("Source channel") },
  { CRM_IMPORT_FIELD_OWNER, "owner", N_("Owner") },
  { CRM_IMPORT_FIELD_FIRST_DEAL_DATE, "first_deal_date", N_("First deal date") },
  { CRM_IMPORT_FIELD_BIRTHDAY, "birthday", N_("Birthday") },
  { CRM_IMPORT_FIELD_ANNIVERSARY, "anniversary", N_("Anniversary") },
  { CRM_IMPORT_FIELD_ADDRESS, "address", N_("Address") },
  { CRM_IMPORT_FIELD_WEBSITE, "website", N_("Website") },
  { CRM_IMPORT_FIELD_DO_NOT_CONTACT, "do_not_contact", N_("Do not contact") },
  { CRM_IMPORT_FIELD_NOTES, "notes", N_("Notes") },
  { CRM_IMPORT_FIELD_LAST_CONTACT, "last_contact_at", N_("Last follow-up") },
  { CRM_IMPORT_FIELD_TAGS, "tags", N_("Need tags") },
  { CRM_IMPORT_FIELD_PREFERRED_PRODUCTS, "preferred_products", N_("Preferred products") },
  { CRM_IMPORT_FIELD_PRICE_SENSITIVITY, "price_sensitivity", N_("Price sensitivity") },
  { CRM_IMPORT_FIELD_RESPONSE_HOURS, "expected_response_hours", N_("Expected response time (hours)") },
  { CRM_IMPORT_FIELD_VALUE_FOCUS, "value_focus", N_("Most valued") },
  { CRM_IMPORT_FIELD_CONTACT_NAME, "contact_name", N_("Contact name") },
  { CRM_IMPORT_FIELD_CONTACT_TITLE, "contact_title", N_("Contact title") },
  { CRM_IMPORT_FIELD_CONTACT_ROLE, "contact_role", N_("Contact role") },
  { CRM_IMPORT_FIELD_PHONE, "phone", N_("Phone") },
  { CRM_IMPORT_FIELD_EMAIL, "email", N_("E-mail") },
  { CRM_IMPORT_FIELD_IM, "im", N_("Instant messaging") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_infos) == CRM_N_IMPORT_FIELDS);

typedef struct {
  const char     *name;
  CrmImportField  field;
  CrmImportField  fallback;   /* when another column already holds @field */
} Alias;

#define A(n, f)     { n, CRM_IMPORT_FIELD_##f, CRM_IMPORT_FIELD_NONE }
#define A2(n, f, g) { n, CRM_IMPORT_FIELD_##f, CRM_IMPORT_FIELD_##g }

/* Compared after normalize_key(): case, width, spaces and "_-.*:" do not matter. */
static const Alias aliases[] = {
  A ("customer", NAME), A ("customer name", NAME), A ("client", NAME), A ("client name", NAME),
  A ("company", NAME), A ("company name", NAME), A ("account", NAME), A ("account name", NAME),
  A ("organization", NAME), A ("organisation", NAME),
  A ("客户名称", NAME), A ("客户", NAME), A ("客户名", NAME), A ("公司名称", NAME), A ("公司", NAME),
  A ("企业名称", NAME), A ("单位名称", NAME), A ("名称", NAME),
  A ("客戶名稱", NAME), A ("客戶", NAME), A ("公司名稱", NAME), A ("企業名稱", NAME), A ("單位名稱", NAME),
  A ("名稱", NAME),
  A2 ("full name", NAME, CONTACT_NAME), A2 ("姓名", NAME, CONTACT_NAME),

  A ("type", KIND), A ("customer type", KIND), A ("客户类型", KIND), A ("类型", KIND), A ("客戶類型", KIND),
  A ("類型", KIND),
  A ("sector", INDUSTRY), A ("所属行业", INDUSTRY), A ("行业", INDUSTRY), A ("所屬行業", INDUSTRY),
  A ("行業", INDUSTRY),
  A ("size", STAFF_COUNT), A ("company size", STAFF_COUNT), A ("staff", STAFF_COUNT),
  A ("employees", STAFF_COUNT), A ("headcount", STAFF_COUNT), A ("number of employees", STAFF_COUNT),
  A ("客户规模", STAFF_COUNT), A ("规模", STAFF_COUNT), A ("企业规模", STAFF_COUNT), A ("员工人数", STAFF_COUNT),
  A ("员工数", STAFF_COUNT), A ("人数", STAFF_COUNT), A ("客戶規模", STAFF_COUNT), A ("規模", STAFF_COUNT),
  A ("員工人數", STAFF_COUNT),
  A ("revenue", ANNUAL_REVENUE), A ("年营业额", ANNUAL_REVENUE), A ("年营收", ANNUAL_REVENUE),
  A ("营业额", ANNUAL_REVENUE), A ("年收入", ANNUAL_REVENUE), A ("年營業額", ANNUAL_REVENUE),
  A ("營業額", ANNUAL_REVENUE), A ("年營收", ANNUAL_REVENUE),
  A ("level", TIER), A ("customer tier", TIER), A ("customer level", TIER), A ("grade", TIER),
  A ("客户等级", TIER), A ("等级", TIER), A ("客户级别", TIER), A ("级别", TIER), A ("客戶等級", TIER),
  A ("等級", TIER), A ("級別", TIER),
  A ("重点客户", KEY_ACCOUNT), A ("大客户", KEY_ACCOUNT), A ("重點客戶", KEY_ACCOUNT), A ("大客戶", KEY_ACCOUNT),
  A ("stage", LIFECYCLE), A ("lifecycle stage", LIFECYCLE), A ("生命周期", LIFECYCLE),
  A ("客户阶段", LIFECYCLE), A ("生命週期", LIFECYCLE), A ("客戶階段", LIFECYCLE),
  A ("channel", SOURCE), A ("source channel", SOURCE), A ("lead source", SOURCE),
  A ("客户来源渠道", SOURCE), A ("来源渠道", SOURCE), A ("客户来源", SOURCE), A ("来源", SOURCE),
  A ("渠道", SOURCE), A ("客戶來源渠道", SOURCE), A ("來源渠道", SOURCE), A ("客戶來源", SOURCE),
  A ("來源", SOURCE),
  A ("account manager", OWNER), A ("sales rep", OWNER), A ("负责人", OWNER), A ("客户经理", OWNER),
  A ("跟进人", OWNER), A ("負責人", OWNER), A ("客戶經理", OWNER), A ("跟進人", OWNER),
  A ("first deal", FIRST_DEAL_DATE), A ("customer since", FIRST_DEAL_DATE),
  A ("首次合作时间", FIRST_DEAL_DATE), A ("首次合作日期", FIRST_DEAL_DATE), A ("首次成交时间", FIRST_DEAL_DATE),
  A ("合作时间", FIRST_DEAL_DATE), A ("首次合作時間", FIRST_DEAL_DATE), A ("首次成交時間", FIRST_DEAL_DATE),
  A ("date of birth", BIRTHDAY), A ("生日", BIRTHDAY), A ("出生日期", BIRTHDAY),
  A ("合作纪念日", ANNIVERSARY), A ("纪念日", ANNIVERSARY), A ("合作紀念日", ANNIVERSARY),
  A ("紀念日", ANNIVERSARY),
  A ("地址", ADDRESS), A ("公司地址", ADDRESS), A ("联系地址", ADDRESS), A ("聯繫地址", ADDRESS),
  A ("聯絡地址", ADDRESS),
  A ("web", WEBSITE), A ("url", WEBSITE), A ("homepage", WEBSITE), A ("web site", WEBSITE),
  A ("网站", WEBSITE), A ("网址", WEBSITE), A ("官网", WEBSITE), A ("網站", WEBSITE), A ("網址", WEBSITE),
  A ("官網", WEBSITE),
  A ("do not visit", DO_NOT_CONTACT), A ("无需回访", DO_NOT_CONTACT), A ("明确表示无需回访", DO_NOT_CONTACT),
  A ("勿扰", DO_NOT_CONTACT), A ("無需回訪", DO_NOT_CONTACT), A ("勿擾", DO_NOT_CONTACT),
  A ("note", NOTES), A ("remarks", NOTES), A ("comment", NOTES), A ("comments", NOTES), A ("备注", NOTES),
  A ("说明", NOTES), A ("備註", NOTES), A ("說明", NOTES),
  A ("last contact", LAST_CONTACT), A ("last contacted", LAST_CONTACT), A ("last contact time", LAST_CONTACT),
  A ("last follow-up", LAST_CONTACT), A ("last follow-up time", LAST_CONTACT),
  A ("最后跟进时间", LAST_CONTACT), A ("最后联系时间", LAST_CONTACT), A ("最近跟进时间", LAST_CONTACT),
  A ("最近联系时间", LAST_CONTACT), A ("最後跟進時間", LAST_CONTACT), A ("最後聯繫時間", LAST_CONTACT),
  A ("最近跟進時間", LAST_CONTACT),
  A ("need tags", TAGS), A ("needs", TAGS), A ("需求标签", TAGS), A ("标签", TAGS), A ("需求標籤", TAGS),
  A ("標籤", TAGS),
  A ("products", PREFERRED_PRODUCTS), A ("偏好产品", PREFERRED_PRODUCTS), A ("偏好产品/服务", PREFERRED_PRODUCTS),
  A ("偏好產品", PREFERRED_PRODUCTS), A ("偏好產品/服務", PREFERRED_PRODUCTS),
  A ("价格敏感度", PRICE_SENSITIVITY), A ("價格敏感度", PRICE_SENSITIVITY),
  A ("expected response time", RESPONSE_HOURS), A ("expected response hours", RESPONSE_HOURS),
  A ("response time", RESPONSE_HOURS), A ("期望响应时间", RESPONSE_HOURS), A ("期望響應時間", RESPONSE_HOURS),
  A ("most valued", VALUE_FOCUS), A ("最看重", VALUE_FOCUS), A ("最看重的价值", VALUE_FOCUS),
  A ("最关注的价值", VALUE_FOCUS), A ("最看重的價值", VALUE_FOCUS),
  A ("contact", CONTACT_NAME), A ("contact person", CONTACT_NAME), A ("primary contact", CONTACT_NAME),
  A ("联系人", CONTACT_NAME), A ("联系人姓名", CONTACT_NAME), A ("主要联系人", CONTACT_NAME),
  A ("聯繫人", CONTACT_NAME), A ("聯絡人", CONTACT_NAME), A ("聯繫人姓名", CONTACT_NAME),
  A ("title", CONTACT_TITLE), A ("job title", CONTACT_TITLE), A ("position", CONTACT_TITLE),
  A ("职位", CONTACT_TITLE), A ("职务", CONTACT_TITLE), A ("联系人职位", CONTACT_TITLE), A ("職位", CONTACT_TITLE),
  A ("職務", CONTACT_TITLE),
  A ("role", CONTACT_ROLE), A ("decision role", CONTACT_ROLE), A ("角色", CONTACT_ROLE),
  A ("决策角色", CONTACT_ROLE), A ("联系人角色", CONTACT_ROLE), A ("決策角色", CONTACT_ROLE),
  A ("phone number", PHONE), A ("mobile", PHONE), A ("mobile phone", PHONE), A ("cell", PHONE),
  A ("telephone", PHONE), A ("tel", PHONE), A ("电话", PHONE), A ("手机", PHONE), A ("手机号", PHONE),
  A ("手机号码", PHONE), A ("联系电话", PHONE), A ("电话号码", PHONE), A ("联系方式", PHONE), A ("電話", PHONE),
  A ("手機", PHONE), A ("手機號", PHONE), A ("手機號碼", PHONE), A ("聯繫電話", PHONE), A ("聯絡電話", PHONE),
  A ("電話號碼", PHONE),
  A ("mail", EMAIL), A ("email address", EMAIL), A ("邮箱", EMAIL), A ("电子邮箱", EMAIL),
  A ("电子邮件", EMAIL), A ("邮件", EMAIL), A ("郵箱", EMAIL), A ("電子郵件", EMAIL), A ("電郵", EMAIL),
  A ("wechat", IM), A ("weixin", IM), A ("qq", IM), A ("微信", IM), A ("微信号", IM), A ("微信號", IM),
};

#undef A
#undef A2

/* Folded (NFKC: full-width forms become ASCII; case-folded) without spaces and "_-.*:#". */
static char *
normalize_key (const char *text)
{
  g_autofree char *folded = crm_search_fold (text);
  GString *key = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || (c < 0x80 && strchr ("_-.*:#", (int) c) != NULL))
        continue;
      g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static GHashTable *
alias_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      static Alias id_aliases[CRM_N_IMPORT_FIELDS];

      for (guint i = 1; i < CRM_N_IMPORT_FIELDS; i++)
        {
          id_aliases[i].name = field_infos[i].id;
          id_aliases[i].field = field_infos[i].field;
          id_aliases[i].fallback = CRM_IMPORT_FIELD_NONE;
          g_hash_table_insert (t, normalize_key (field_infos[i].id), &id_aliases[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
        {
          char *key = normalize_key (aliases[i].name);

          if (g_hash_table_contains (t, key))
            g_free (key);
          else
            g_hash_table_insert (t, key, (gpointer) &aliases[i]);
        }
      g_once_init_leave (&table, t);
    }

  return table;
}

static const Alias *
match_alias (const char *header)
{
  g_autofree char *key = NULL;
  const Alias *alias;
  char *open;

  if (header == NULL || *header == '\0')
    return NULL;

  key = normalize_key (header);
  alias = g_hash_table_lookup (alias_table (), key);
  if (alias != NULL)
    return alias;

  /* "年营业额（万元）", "Phone (mobile)": without the part in parentheses */
  open = strchr (key, '(');
  if (open != NULL && open != key && g_str_has_suffix (key, ")"))
    {
      *open = '\0';
      return g_hash_table_lookup (alias_table (), key);
    }
  return NULL;
}

const CrmImportFieldInfo *
crm_import_field_get_infos (guint *n_infos)
{
  if (n_infos != NULL)
    *n_infos = G_N_ELEMENTS (field_infos);
  return field_infos;
}

const char *
crm_import_field_get_id (CrmImportField field)
{
  g_return_val_if_fail ((guint) field < CRM_N_IMPORT_FIELDS, NULL);
  return field_infos[field].id;
}

const char *
crm_import_field_get_label (CrmImportField field)
{
  g_return_val_if_fail ((guint) field < CRM_N_IMPORT_FIELDS, NULL);
  return _(field_infos[field].label);
}

CrmImportField
crm_import_field_from_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_infos); i++)
    if (g_strcmp0 (field_infos[i].id, id) == 0)
      return field_infos[i].field;
  return CRM_IMPORT_FIELD_NONE;
}

CrmImportField
crm_import_field_match_header (const char *header)
{
  const Alias *alias = match_alias (header);

  return alias != NULL ? alias->field : CRM_IMPORT_FIELD_NONE;
}

/* ---- values ---- */

typedef struct {
  const char *word;
  int         value;
} Keyword;

static const Keyword kind_words[] = {
  { "person", 0 }, { "individual", 0 }, { "个人", 0 }, { "個人", 0 }, { "自然人", 0 },
  { "company", 1 }, { "organization", 1 }, { "organisation", 1 }, { "business", 1 }, { "企业", 1 },
  { "公司", 1 }, { "单位", 1 }, { "机构", 1 }, { "企業", 1 }, { "單位", 1 }, { "機構", 1 },
  { NULL, 0 }
};

static const Keyword tier_words[] = {
  { "vip", 0 }, { "vip客户", 0 }, { "贵宾", 0 }, { "vip客戶", 0 }, { "貴賓", 0 },
  { "normal", 1 }, { "regular", 1 }, { "ordinary", 1 }, { "普通", 1 }, { "普通客户", 1 }, { "一般", 1 },
  { "普通客戶", 1 },
  { "potential", 2 }, { "潜力", 2 }, { "潜在", 2 }, { "潜力客户", 2 }, { "潜在客户", 2 }, { "潛力", 2 },
  { "潛在", 2 }, { "潛力客戶", 2 }, { "潛在客戶", 2 },
  { NULL, 0 }
};

static const Keyword key_account_words[] = {
  { "none", 0 }, { "no", 0 }, { "0", 0 }, { "无", 0 }, { "無", 0 }, { "否", 0 },
  { "gold", 1 }, { "金牌", 1 }, { "黄金", 1 }, { "黃金", 1 }, { "金", 1 },
  { "diamond", 2 }, { "钻石", 2 }, { "鑽石", 2 },
  { NULL, 0 }
};

static const Keyword lifecycle_words[] = {
  { "new", 0 }, { "新客户", 0 }, { "新", 0 }, { "新客戶", 0 },
  { "active", 1 }, { "活跃", 1 }, { "活躍", 1 },
  { "mature", 2 }, { "成熟", 2 }, { "成熟期", 2 },
  { "declining", 3 }, { "衰退", 3 }, { "衰退期", 3 }, { "下降", 3 },
  { "churned", 4 }, { "流失", 4 }, { "已流失", 4 },
  { "wonback", 5 }, { "挽回", 5 }, { "召回", 5 }, { "赢回", 5 }, { "贏回", 5 },
  { NULL, 0 }
};

static const Keyword role_words[] = {
  { "decisionmaker", 0 }, { "决策者", 0 }, { "决策人", 0 }, { "決策者", 0 }, { "決策人", 0 },
  { "influencer", 1 }, { "影响者", 1 }, { "影響者", 1 },
  { "user", 2 }, { "使用者", 2 }, { "用户", 2 }, { "用戶", 2 },
  { NULL, 0 }
};

static const Keyword price_words[] = {
  { "low", 0 }, { "低", 0 }, { "medium", 1 }, { "中", 1 }, { "中等", 1 }, { "high", 2 }, { "高", 2 },
  { NULL, 0 }
};

static const Keyword focus_words[] = {
  { "valueformoney", 0 }, { "price", 0 }, { "性价比", 0 }, { "价格", 0 }, { "性價比", 0 }, { "價格", 0 },
  { "features", 1 }, { "功能", 1 },
  { "aftersales", 2 }, { "aftersalesservice", 2 }, { "service", 2 }, { "售后", 2 }, { "售后服务", 2 },
  { "售後", 2 }, { "售後服務", 2 },
  { NULL, 0 }
};

static const Keyword bool_words[] = {
  { "1", 1 }, { "yes", 1 }, { "y", 1 }, { "true", 1 }, { "是", 1 }, { "√", 1 }, { "✓", 1 }, { "x", 1 },
  { "0", 0 }, { "no", 0 }, { "n", 0 }, { "false", 0 }, { "否", 0 },
  { NULL, 0 }
};

typedef const char *(*ToStringFunc) (int value);

static const char *tier_label (int v)      { return crm_tier_to_string (v); }
static const char *lifecycle_label (int v) { return crm_lifecycle_to_string (v); }
static const char *role_label (int v)      { return crm_contact_role_to_string (v); }
static const char *kind_label (int v)      { return crm_customer_kind_to_string (v); }
static const char *price_label (int v)     { return crm_price_sensitivity_to_string (v); }
static const char *focus_label (int v)     { return crm_value_focus_to_string (v); }

typedef struct {
  const Keyword *words;
  ToStringFunc   to_string;   /* what the running language shows for 0 … n - 1 */
  int            n;
  GHashTable    *index;       /* normalize_key (word) → value + 1, built once */
} KeywordTable;

static KeywordTable kinds = { kind_words, kind_label, 2, NULL };
static KeywordTable tiers = { tier_words, tier_label, CRM_N_TIERS, NULL };
static KeywordTable key_accounts = { key_account_words, NULL, 0, NULL };
static KeywordTable lifecycles = { lifecycle_words, lifecycle_label, CRM_N_LIFECYCLES, NULL };
static KeywordTable roles = { role_words, role_label, CRM_N_CONTACT_ROLES, NULL };
static KeywordTable prices = { price_words, price_label, 3, NULL };
static KeywordTable focuses = { focus_words, focus_label, 3, NULL };
static KeywordTable booleans = { bool_words, NULL, 0, NULL };

/* @value matched against the table's words and labels, ignoring case, width and spaces */
static gboolean
parse_keyword (const char   *value,
               KeywordTable *table,
               int          *out)
{
  g_autofree char *key = NULL;
  gpointer found;

  if (g_once_init_enter (&table->index))
    {
      GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; table->words[i].word != NULL; i++)
        g_hash_table_insert (index, normalize_key (table->words[i].word),
                             GINT_TO_POINTER (table->words[i].value + 1));
      for (int i = 0; table->to_string != NULL && i < table->n; i++)
        {
          char *label = normalize_key (table->to_string (i));

          if (*label == '\0' || g_hash_table_contains (index, label))
            g_free (label);
          else
            g_hash_table_insert (index, label, GINT_TO_POINTER (i + 1));
        }
      g_once_init_leave (&table->index, index);
    }

  key = normalize_key (value);
  found = g_hash_table_lookup (table->index, key);
  if (found == NULL)
    return FALSE;
  *out = GPOINTER_TO_INT (found) - 1;
  return TRUE;
}

/* Reads up to @max_digits digits at *@p as a number. */
static gboolean
read_number (const char **p,
             guint        max_digits,
             int         *out)
{
  guint n = 0;
  int value = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (n == 0 || g_ascii_isdigit (**p))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
skip_prefix (const char **p,
             const char  *prefix)
{
  if (g_str_has_prefix (*p, prefix))
    {
      *p += strlen (prefix);
      return TRUE;
    }
  return FALSE;
}

/* Skips the first of @prefixes (NULL-terminated) that *@p starts with. */
static void
skip_any (const char         **p,
          const char * const  *prefixes)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (skip_prefix (p, prefixes[i]))
      return;
}

/* YYYY-M-D, YYYY/M/D, YYYY.M.D or YYYY年M月D日 at *@p (NFKC text). */
static gboolean
read_date (const char **p,
           int         *y,
           int         *m,
           int         *d)
{
  char sep;

  if (!read_number (p, 4, y) || *y < 1000)
    return FALSE;
  if (skip_prefix (p, "年"))
    {
      if (!read_number (p, 2, m) || !skip_prefix (p, "月") || !read_number (p, 2, d))
        return FALSE;
      if (!skip_prefix (p, "日"))
        skip_prefix (p, "号");
      return TRUE;
    }
  sep = **p;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;
  (*p)++;
  if (!read_number (p, 2, m) || **p != sep)
    return FALSE;
  (*p)++;
  return read_number (p, 2, d);
}

/* A date as YYYY-MM-DD, or NULL when @value is not written like one.  A time
 * after the date (spreadsheets add 00:00:00) is dropped. */
static char *
normalize_date (const char *value)
{
  g_autofree char *text = g_utf8_normalize (value, -1, G_NORMALIZE_NFKC);
  const char *p = text;
  int y, m, d;

  if (text == NULL || !read_date (&p, &y, &m, &d))
    return NULL;
  if (*p != '\0' && *p != ' ' && *p != 'T')
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* A time as written in a spreadsheet, in @tz unless it says its offset. */
static gboolean
parse_time (const char *value,
            GTimeZone  *tz,
            gint64     *out)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const char *p;
  int y, m, d, hh = 0, mm = 0, ss = 0;

  /* full-width digits and colons are read as their ASCII forms; ASCII is its own NFKC */
  text = g_str_is_ascii (value) ? g_strdup (value) : g_utf8_normalize (value, -1, G_NORMALIZE_NFKC);
  if (text == NULL)
    return FALSE;
  p = text;

  if (strchr (text, 'T') != NULL)
    dt = g_date_time_new_from_iso8601 (text, tz);
  else if (read_date (&p, &y, &m, &d))
    {
      while (*p == ' ')
        p++;
      if (*p != '\0')
        {
          if (!read_number (&p, 2, &hh) || *p++ != ':' || !read_number (&p, 2, &mm))
            return FALSE;
          if (*p == ':' && (p++, !read_number (&p, 2, &ss)))
            return FALSE;
          if (*p != '\0')
            return FALSE;
        }
      if (hh > 23 || mm > 59 || ss > 59)
        return FALSE;
      dt = g_date_time_new (tz, y, m, d, hh, mm, ss);
    }

  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* Whether @rest (trimmed) is what may follow a number: a range or a unit. */
static gboolean
is_number_tail (const char         *rest,
                const char * const *units)
{
  while (*rest == ' ')
    rest++;
  if (*rest == '\0' || *rest == '-' || *rest == '~' || g_str_has_prefix (rest, "至") ||
      g_str_has_prefix (rest, "到") || g_str_has_prefix (rest, "–"))
    return TRUE;
  for (guint i = 0; units[i] != NULL; i++)
    if (g_ascii_strcasecmp (rest, units[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "1,200", "500人", "约300", "100-500" (its first number). */
static gboolean
parse_count (const char *value,
             gint64     *out)
{
  static const char * const units[] = {
    "人", "名", "+", "以上", "人以上", "余人", "多人", "人左右", "左右", "people", "employees", "staff", NULL
  };
  g_autofree char *text = g_utf8_normalize (value, -1, G_NORMALIZE_NFKC);
  const char *p = text;
  gint64 n = 0;
  guint digits = 0;

  if (text == NULL)
    return FALSE;
  skip_any (&p, (const char * const []) { "约", "大约", "~", "≈", NULL });
  for (; g_ascii_isdigit (*p) || (*p == ',' && digits > 0 && g_ascii_isdigit (p[1])); p++)
    if (*p != ',')
      {
        if (++digits > 12)
          return FALSE;
        n = n * 10 + (*p - '0');
      }
  if (digits == 0 || !is_number_tail (p, units))
    return FALSE;
  *out = n;
  return TRUE;
}

/* Yuan as "1,200,000", "¥1200000.50", "120万", "1.2亿元"; into cents. */
static gboolean
parse_money (const char *value,
             gint64     *cents)
{
  g_autofree char *text = g_utf8_normalize (value, -1, G_NORMALIZE_NFKC);
  GString *number;
  const char *p = text;
  double yuan, factor = 1;
  char *end;

  if (text == NULL)
    return FALSE;
  skip_any (&p, (const char * const []) { "¥", "RMB", "CNY", NULL });
  while (*p == ' ')
    p++;

  number = g_string_new (NULL);
  for (; g_ascii_isdigit (*p) || *p == '.' || (*p == ',' && number->len > 0); p++)
    if (*p != ',')
      g_string_append_c (number, *p);
  yuan = g_ascii_strtod (number->str, &end);
  if (number->len == 0 || *end != '\0')
    {
      g_string_free (number, TRUE);
      return FALSE;
    }
  g_string_free (number, TRUE);

  while (*p == ' ')
    p++;
  if (skip_prefix (&p, "万") || skip_prefix (&p, "萬") || skip_prefix (&p, "w") || skip_prefix (&p, "W"))
    factor = 1e4;
  else if (skip_prefix (&p, "亿") || skip_prefix (&p, "億"))
    factor = 1e8;
  else if (skip_prefix (&p, "k") || skip_prefix (&p, "K"))
    factor = 1e3;
  else if (skip_prefix (&p, "m") || skip_prefix (&p, "M"))
    factor = 1e6;
  skip_any (&p, (const char * const []) { "元", "yuan", "RMB", "CNY", NULL });
  if (*p != '\0')
    return FALSE;

  yuan *= factor;
  if (!isfinite (yuan) || yuan < 0 || yuan > MAX_REVENUE_YUAN)
    return FALSE;
  *cents = (gint64) llround (yuan * 100);
  return TRUE;
}

/* ---- the import ---- */

typedef struct {
  guint line;
  guint first;      /* index of its first value in fields */
  guint n_fields;
} Record;

/* A duplicate with what the commit needs to find its rows */
typedef struct {
  CrmCsvDuplicate pub;
  guint           row;
  guint           other_row;
} Duplicate;

struct _CrmCsvImport
{
  GObject parent_instance;

  /* owned */
  char            *name;
  char            *text;        /* decoded; the values are NUL-terminated inside it */
  const char      *encoding;
  char             separator;
  GPtrArray       *fields;      /* const char *, into text */
  GArray          *records;     /* Record: the data rows */
  GStrv            headers;
  guint            n_columns;
  CrmImportField  *mapping;
  gboolean        *explicit;

  gboolean         previewed;
  GPtrArray       *problems;    /* CrmCsvProblem */
  GPtrArray       *duplicates;  /* Duplicate */
  gint            *row_duplicate;  /* per row: index into duplicates, or -1 */
  GHashTable      *actions;     /* line → action + 1, chosen by the caller */
  GStrv            new_owners;
};

G_DEFINE_FINAL_TYPE (CrmCsvImport, crm_csv_import, G_TYPE_OBJECT)

void
crm_csv_problem_free (CrmCsvProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

void
crm_csv_duplicate_free (CrmCsvDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->row_name);
  g_free (duplicate->code);
  g_free (duplicate->name);
  g_free (duplicate);
}

static void
clear_preview (CrmCsvImport *self)
{
  self->previewed = FALSE;
  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_set_size (self->duplicates, 0);
  g_clear_pointer (&self->row_duplicate, g_free);
  g_clear_pointer (&self->new_owners, g_strfreev);
}

static void
crm_csv_import_finalize (GObject *object)
{
  CrmCsvImport *self = (CrmCsvImport *) object;

  clear_preview (self);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->duplicates, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->mapping, g_free);
  g_clear_pointer (&self->explicit, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (crm_csv_import_parent_class)->finalize (object);
}

static void
crm_csv_import_class_init (CrmCsvImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_csv_import_finalize;
}

static void
crm_csv_import_init (CrmCsvImport *self)
{
  self->fields = g_ptr_array_new ();
  self->records = g_array_new (FALSE, FALSE, sizeof (Record));
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_csv_problem_free);
  self->duplicates = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_csv_duplicate_free);
  self->actions = g_hash_table_new (NULL, NULL);
}

/* ---- reading ---- */

/* Takes @data (any encoding) and returns UTF-8 text without a byte order mark. */
static char *
decode (const char   *data,
        gsize         length,
        const char   *display,
        const char  **encoding,
        gsize        *out_length,
        GError      **error)
{
  char *text = NULL;
  gsize written = 0;

  if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    {
      *encoding = "UTF-16";
      text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, &written, NULL);
    }
  else if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    {
      *encoding = "UTF-16";
      text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16BE", NULL, &written, NULL);
    }
  else
    {
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          length -= 3;
        }
      if (g_utf8_validate_len (data, length, NULL))
        {
          *encoding = "UTF-8";
          text = g_malloc (length + 1);
          memcpy (text, data, length);
          text[length] = '\0';
          written = length;
        }
      else
        {
          *encoding = "GB18030";
          text = g_convert (data, length, "UTF-8", "GB18030", NULL, &written, NULL);
        }
    }

  if (text == NULL || memchr (text, '\0', written) != NULL)
    {
      g_free (text);
      g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_ENCODING,
                   _("“%s” is not a text file in UTF-8 or GB18030. Save it from the spreadsheet as CSV."),
                   display);
      return NULL;
    }

  *out_length = written;
  return text;
}

/* The separator the header line holds most of outside quotes; comma when none. */
static char
sniff_separator (const char *text,
                 gsize       length)
{
  const char *p = text, *end = text + length;
  guint comma = 0, semicolon = 0, tab = 0;
  gboolean quoted = FALSE;

  while (p < end && (*p == '\r' || *p == '\n'))
    p++;
  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        comma++;
      else if (*p == ';')
        semicolon++;
      else if (*p == '\t')
        tab++;
    }

  if (semicolon > comma && semicolon >= tab)
    return ';';
  if (tab > comma && tab > semicolon)
    return '\t';
  return ',';
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
end_record (CrmCsvImport *self,
            guint         line,
            guint         first)
{
  Record record = { line, first, self->fields->len - first };
  gboolean blank = TRUE;

  for (guint i = first; i < self->fields->len && blank; i++)
    blank = is_blank_text (g_ptr_array_index (self->fields, i));
  if (blank)
    {
      g_ptr_array_set_size (self->fields, first);
      return;
    }

  if (self->headers == NULL)
    {
      self->n_columns = record.n_fields;
      self->headers = g_new0 (char *, self->n_columns + 1);
      for (guint i = 0; i < self->n_columns; i++)
        {
          self->headers[i] = g_strdup (g_ptr_array_index (self->fields, first + i));
          crm_text_normalize (&self->headers[i]);
          if (self->headers[i] == NULL)
            self->headers[i] = g_strdup ("");
        }
      g_ptr_array_set_size (self->fields, first);
      return;
    }

  g_array_append_val (self->records, record);
}

/* RFC 4180, in place: values are unquoted and NUL-terminated inside self->text
 * (never longer than what they were read from). */
static gboolean
parse (CrmCsvImport  *self,
       gsize          length,
       GError       **error)
{
  char *r = self->text, *w = self->text;
  char *end = self->text + length;
  char sep = self->separator;
  guint line = 1, record_line = 1, first = 0;
  gboolean in_record = FALSE;

  while (r < end)
    {
      char *value = w;
      char c;

      if (!in_record)
        {
          in_record = TRUE;
          record_line = line;
          first = self->fields->len;
        }

      if (*r == '"')
        {
          guint quote_line = line;

          r++;
          for (;;)
            {
              if (r >= end)
                {
                  g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_MALFORMED,
                               _("Line %u of “%s”: a quoted value is never closed. Nothing was imported."),
                               quote_line, self->name);
                  return FALSE;
                }
              if (*r == '"')
                {
                  if (r + 1 < end && r[1] == '"')
                    {
                      *w++ = '"';
                      r += 2;
                      continue;
                    }
                  r++;
                  break;
                }
              if (*r == '\r' || *r == '\n')
                {
                  if (*r == '\r' && r + 1 < end && r[1] == '\n')
                    r++;
                  r++;
                  line++;
                  *w++ = '\n';
                  continue;
                }
              *w++ = *r++;
            }
        }
      /* an unquoted value, or what follows a closing quote (kept as it is) */
      while (r < end && *r != sep && *r != '\n' && *r != '\r')
        *w++ = *r++;

      c = r < end ? *r : '\0';
      *w++ = '\0';
      g_ptr_array_add (self->fields, value);

      if (c == sep)
        {
          r++;
          if (r == end)   /* "a,b," at the very end: an empty last value */
            {
              g_ptr_array_add (self->fields, (gpointer) "");
            }
          else
            continue;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && r + 1 < end && r[1] == '\n')
            r++;
          r++;
          line++;
        }
      end_record (self, record_line, first);
      in_record = FALSE;
    }

  return TRUE;
}

static void
match_headers (CrmCsvImport *self)
{
  gboolean taken[CRM_N_IMPORT_FIELDS] = { FALSE };

  self->mapping = g_new0 (CrmImportField, self->n_columns);
  self->explicit = g_new0 (gboolean, self->n_columns);

  /* Names that can only mean one field first, then "姓名" and the like */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->n_columns; i++)
      {
        const Alias *alias = match_alias (self->headers[i]);

        if (alias == NULL || self->mapping[i] != CRM_IMPORT_FIELD_NONE ||
            (alias->fallback != CRM_IMPORT_FIELD_NONE) != (pass == 1))
          continue;
        if (!taken[alias->field])
          self->mapping[i] = alias->field;
        else if (alias->fallback != CRM_IMPORT_FIELD_NONE && !taken[alias->fallback])
          self->mapping[i] = alias->fallback;
        taken[self->mapping[i]] = TRUE;
      }
}

CrmCsvImport *
crm_csv_import_new_from_data (const char  *data,
                              gsize        length,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(CrmCsvImport) self = NULL;
  gsize text_length = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CRM_TYPE_CSV_IMPORT, NULL);
  self->name = g_strdup (name != NULL ? name : "");
  self->text = decode (data, length, self->name, &self->encoding, &text_length, error);
  if (self->text == NULL)
    return NULL;

  self->separator = sniff_separator (self->text, text_length);
  if (!parse (self, text_length, error))
    return NULL;

  if (self->headers == NULL)
    {
      g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty. Nothing was imported."), self->name);
      return NULL;
    }

  match_headers (self);
  return g_steal_pointer (&self);
}

CrmCsvImport *
crm_csv_import_new_from_file (const char  *path,
                              GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_basename (path);
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code, _("Could not read “%s”: %s"),
                   display, local_error->message);
      return NULL;
    }
  return crm_csv_import_new_from_data (data, length, display, error);
}

const char *
crm_csv_import_get_encoding (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  return self->encoding;
}

char
crm_csv_import_get_separator (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), ',');
  return self->separator;
}

guint
crm_csv_import_get_n_columns (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), 0);
  return self->n_columns;
}

const char * const *
crm_csv_import_get_headers (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  return (const char * const *) self->headers;
}

guint
crm_csv_import_get_n_rows (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), 0);
  return self->records->len;
}

const char *
crm_csv_import_get_value (CrmCsvImport *self,
                          guint         row,
                          guint         column)
{
  const Record *record;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (row < self->records->len, NULL);

  record = &g_array_index (self->records, Record, row);
  if (column >= record->n_fields)
    return "";
  return g_ptr_array_index (self->fields, record->first + column);
}

guint
crm_csv_import_get_row_line (CrmCsvImport *self,
                             guint         row)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), 0);
  g_return_val_if_fail (row < self->records->len, 0);
  return g_array_index (self->records, Record, row).line;
}

CrmImportField
crm_csv_import_get_mapping (CrmCsvImport *self,
                            guint         column)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), CRM_IMPORT_FIELD_NONE);
  g_return_val_if_fail (column < self->n_columns, CRM_IMPORT_FIELD_NONE);
  return self->mapping[column];
}

void
crm_csv_import_set_mapping (CrmCsvImport   *self,
                            guint           column,
                            CrmImportField  field)
{
  g_return_if_fail (CRM_IS_CSV_IMPORT (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail ((guint) field < CRM_N_IMPORT_FIELDS);

  if (field != CRM_IMPORT_FIELD_NONE)
    for (guint i = 0; i < self->n_columns; i++)
      if (i != column && self->mapping[i] == field)
        {
          self->mapping[i] = CRM_IMPORT_FIELD_NONE;
          self->explicit[i] = TRUE;
        }
  self->mapping[column] = field;
  self->explicit[column] = TRUE;
  clear_preview (self);
}

GArray *
crm_csv_import_get_unknown_columns (CrmCsvImport *self)
{
  GArray *columns;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);

  columns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->n_columns; i++)
    if (self->mapping[i] == CRM_IMPORT_FIELD_NONE && !self->explicit[i])
      g_array_append_val (columns, i);
  return columns;
}

/* "Email", or "column 7" for a column without a header */
static char *
column_title (CrmCsvImport *self,
              guint         column)
{
  if (column < self->n_columns && self->headers[column][0] != '\0')
    return g_strdup (self->headers[column]);
  return g_strdup_printf (_("column %u"), column + 1);
}

static int
column_of (CrmCsvImport   *self,
           CrmImportField  field)
{
  for (guint i = 0; i < self->n_columns; i++)
    if (self->mapping[i] == field)
      return (int) i;
  return -1;
}

/* ---- one row ---- */

typedef struct {
  CrmCustomerDraft d;
  gboolean         kind_known;
  gint64           staff_count;       /* -1: not given */
  gint64           revenue_cents;     /* -1 */
  int              key_account;       /* -1 */
  gint64           last_contact_at;   /* 0 */
  gboolean         has_last_contact;
  char            *owner;
  char            *im;
  CrmNeedsDraft    needs;
} RowData;

static void
row_data_init (RowData *row)
{
  memset (row, 0, sizeof *row);
  crm_customer_draft_init (&row->d);
  crm_needs_draft_init (&row->needs);
  row->staff_count = -1;
  row->revenue_cents = -1;
  row->key_account = -1;
}

static void
row_data_clear (RowData *row)
{
  crm_customer_draft_clear (&row->d);
  crm_needs_draft_clear (&row->needs);
  g_free (row->owner);
  g_free (row->im);
  row_data_init (row);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowData, row_data_clear)

typedef struct {
  GPtrArray  *problems;   /* NULL: not collected */
  guint       line;
} Sink;

static void
add_problem (CrmCsvImport *self,
             Sink         *sink,
             int           column,
             char         *message)
{
  CrmCsvProblem *problem;

  if (sink->problems == NULL || message == NULL)
    {
      g_free (message);
      return;
    }
  problem = g_new0 (CrmCsvProblem, 1);
  problem->line = sink->line;
  problem->column = column >= 0 ? column_title (self, column) : g_strdup ("");
  problem->message = message;
  g_ptr_array_add (sink->problems, problem);
}

static void
add_field_problem (CrmCsvImport   *self,
                   Sink           *sink,
                   CrmImportField  field,
                   char           *message)
{
  int column = column_of (self, field);

  /* "Name the person these contact details belong to" without a contact column */
  if (column < 0 && field == CRM_IMPORT_FIELD_CONTACT_NAME)
    {
      column = column_of (self, CRM_IMPORT_FIELD_PHONE);
      if (column < 0)
        column = column_of (self, CRM_IMPORT_FIELD_EMAIL);
    }
  add_problem (self, sink, column, message);
}

static gboolean
looks_like_company (const char *name)
{
  static const char * const cjk_endings[] = {
    "公司", "集团", "集團", "有限", "企业", "企業", "厂", "廠", "中心", "银行", "銀行", "研究院", "研究所",
    "学校", "學校", "学院", "學院", "医院", "醫院", "事务所", "事務所", "工作室", "商行", "门店", "門店", NULL
  };
  static const char * const word_endings[] = {
    "ltd", "limited", "inc", "llc", "gmbh", "co", "corp", "corporation", "company", "group", "plc", "ag",
    "sa", "bv", "llp", "lp", NULL
  };
  g_autofree char *folded = crm_search_fold (name);
  gsize len;

  g_strchomp (folded);
  while ((len = strlen (folded)) > 0 && strchr (".,)", folded[len - 1]) != NULL)
    folded[len - 1] = '\0';

  for (guint i = 0; cjk_endings[i] != NULL; i++)
    if (g_str_has_suffix (folded, cjk_endings[i]))
      return TRUE;
  len = strlen (folded);
  for (guint i = 0; word_endings[i] != NULL; i++)
    {
      gsize n = strlen (word_endings[i]);

      if (len > n && g_str_has_suffix (folded, word_endings[i]) && !g_ascii_isalnum (folded[len - n - 1]))
        return TRUE;
    }
  return FALSE;
}

static void
bad_value (CrmCsvImport *self,
           Sink         *sink,
           guint         column,
           const char   *message)
{
  add_problem (self, sink, (int) column, g_strdup (message));
}

/* Reads row @index into @row; problems go to @sink (if it collects them). */
static void
read_row (CrmCsvImport *self,
          guint         index,
          GTimeZone    *tz,
          gint64        now,
          RowData      *row,
          Sink         *sink)
{
  const Record *record = &g_array_index (self->records, Record, index);
  g_auto(CrmValidation) validation = { { NULL } };
  g_auto(CrmNeedsValidation) needs_validation = { { NULL } };
  g_auto(CrmContactValidation) contact_validation = { { NULL } };
  CrmContactDraft contact = { 0 };
  int value;

  for (guint c = 0; c < record->n_fields; c++)
    {
      const char *raw = g_ptr_array_index (self->fields, record->first + c);
      CrmImportField field = c < self->n_columns ? self->mapping[c] : CRM_IMPORT_FIELD_NONE;
      g_autofree char *v = NULL;

      if (*raw == '\0')
        continue;
      if (c >= self->n_columns)
        {
          if (!is_blank_text (raw))
            bad_value (self, sink, c, _("This row has more values than the header has columns."));
          continue;
        }
      if (field == CRM_IMPORT_FIELD_NONE)
        continue;
      v = g_strdup (raw);
      crm_text_normalize (&v);
      if (v == NULL)
        continue;

      switch (field)
        {
        case CRM_IMPORT_FIELD_NAME: row->d.name = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_INDUSTRY: row->d.industry = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_SOURCE: row->d.source = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_ADDRESS: row->d.address = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_WEBSITE: row->d.website = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_NOTES: row->d.notes = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_CONTACT_NAME: row->d.contact_name = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_CONTACT_TITLE: row->d.contact_title = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_PHONE: row->d.phone = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_EMAIL: row->d.email = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_IM: row->im = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_OWNER: row->owner = g_steal_pointer (&v); break;
        case CRM_IMPORT_FIELD_PREFERRED_PRODUCTS: row->needs.preferred_products = g_steal_pointer (&v); break;

        case CRM_IMPORT_FIELD_FIRST_DEAL_DATE:
        case CRM_IMPORT_FIELD_BIRTHDAY:
        case CRM_IMPORT_FIELD_ANNIVERSARY:
          {
            /* written otherwise, the validator below says how to write it */
            char *date = normalize_date (v);
            char **slot = field == CRM_IMPORT_FIELD_FIRST_DEAL_DATE ? &row->d.first_deal_date
                        : field == CRM_IMPORT_FIELD_BIRTHDAY ? &row->d.birthday : &row->d.anniversary;

            *slot = date != NULL ? date : g_steal_pointer (&v);
          }
          break;

        case CRM_IMPORT_FIELD_KIND:
          if (parse_keyword (v, &kinds, &value))
            {
              row->d.kind = value;
              row->kind_known = TRUE;
            }
          else
            bad_value (self, sink, c, _("Enter “person” or “company”."));
          break;

        case CRM_IMPORT_FIELD_TIER:
          if (parse_keyword (v, &tiers, &value))
            row->d.tier = value;
          else
            bad_value (self, sink, c, _("Enter VIP, Normal or Potential."));
          break;

        case CRM_IMPORT_FIELD_KEY_ACCOUNT:
          if (parse_keyword (v, &key_accounts, &value))
            row->key_account = value;
          else
            bad_value (self, sink, c, _("Enter Gold or Diamond, or leave it empty."));
          break;

        case CRM_IMPORT_FIELD_LIFECYCLE:
          if (parse_keyword (v, &lifecycles, &value))
            row->d.lifecycle = value;
          else
            bad_value (self, sink, c, _("Enter New, Active, Mature, Declining, Churned or Won Back."));
          break;

        case CRM_IMPORT_FIELD_CONTACT_ROLE:
          if (parse_keyword (v, &roles, &value))
            row->d.contact_role = value;
          else
            bad_value (self, sink, c, _("Enter decision-maker, influencer or user."));
          break;

        case CRM_IMPORT_FIELD_PRICE_SENSITIVITY:
          if (parse_keyword (v, &prices, &value))
            row->needs.price_sensitivity = value;
          else
            bad_value (self, sink, c, _("Enter Low, Medium or High."));
          break;

        case CRM_IMPORT_FIELD_VALUE_FOCUS:
          if (parse_keyword (v, &focuses, &value))
            row->needs.value_focus = value;
          else
            bad_value (self, sink, c, _("Enter value for money, features or after-sales service."));
          break;

        case CRM_IMPORT_FIELD_DO_NOT_CONTACT:
          if (parse_keyword (v, &booleans, &value))
            row->d.do_not_contact = value != 0;
          else
            bad_value (self, sink, c, _("Enter yes or no."));
          break;

        case CRM_IMPORT_FIELD_STAFF_COUNT:
          if (!parse_count (v, &row->staff_count))
            bad_value (self, sink, c, _("Enter the number of staff, for example 250."));
          break;

        case CRM_IMPORT_FIELD_ANNUAL_REVENUE:
          if (!parse_money (v, &row->revenue_cents))
            bad_value (self, sink, c, _("Enter the annual revenue in yuan, for example 1200000."));
          break;

        case CRM_IMPORT_FIELD_LAST_CONTACT:
          if (!parse_time (v, tz, &row->last_contact_at))
            bad_value (self, sink, c, _("Enter a time like 2024-03-18 14:30."));
          else if (row->last_contact_at > now)
            bad_value (self, sink, c, _("The last follow-up cannot be in the future."));
          else
            row->has_last_contact = TRUE;
          break;

        case CRM_IMPORT_FIELD_RESPONSE_HOURS:
          add_problem (self, sink, (int) c, crm_needs_parse_response_hours (v, &row->needs.expected_response_hours));
          break;

        case CRM_IMPORT_FIELD_TAGS:
          for (char *p = v; *p != '\0'; p++)
            if (*p == ';' || *p == '|')
              *p = ',';
          {
            g_autoptr(GString) s = g_string_new (v);

            g_string_replace (s, "；", ",", 0);
            row->needs.tags = crm_needs_parse_tags (s->str);
          }
          break;

        case CRM_IMPORT_FIELD_NONE:
        case CRM_N_IMPORT_FIELDS:
        default:
          break;
        }
    }

  if (!row->kind_known && row->d.name != NULL)
    {
      g_autofree char *a = crm_search_fold (row->d.name);
      g_autofree char *b = crm_search_fold (row->d.contact_name);

      row->d.kind = (row->d.contact_name != NULL && strcmp (a, b) != 0) || looks_like_company (row->d.name)
                      ? CRM_CUSTOMER_COMPANY : CRM_CUSTOMER_PERSON;
    }

  if (sink->problems == NULL)
    return;

  /* The checks of the customer form, the contact form and the needs form */
  if (!crm_customer_draft_validate (&row->d, &validation))
    {
      static const CrmImportField fields[CRM_N_CUSTOMER_FIELDS] = {
        [CRM_CUSTOMER_FIELD_NAME] = CRM_IMPORT_FIELD_NAME,
        [CRM_CUSTOMER_FIELD_FIRST_DEAL_DATE] = CRM_IMPORT_FIELD_FIRST_DEAL_DATE,
        [CRM_CUSTOMER_FIELD_BIRTHDAY] = CRM_IMPORT_FIELD_BIRTHDAY,
        [CRM_CUSTOMER_FIELD_ANNIVERSARY] = CRM_IMPORT_FIELD_ANNIVERSARY,
        [CRM_CUSTOMER_FIELD_WEBSITE] = CRM_IMPORT_FIELD_WEBSITE,
        [CRM_CUSTOMER_FIELD_CONTACT_NAME] = CRM_IMPORT_FIELD_CONTACT_NAME,
        [CRM_CUSTOMER_FIELD_PHONE] = CRM_IMPORT_FIELD_PHONE,
        [CRM_CUSTOMER_FIELD_EMAIL] = CRM_IMPORT_FIELD_EMAIL,
      };

      for (guint i = 0; i < CRM_N_CUSTOMER_FIELDS; i++)
        if (validation.messages[i] != NULL)
          add_field_problem (self, sink, fields[i], g_steal_pointer (&validation.messages[i]));
    }

  contact.name = row->d.contact_name != NULL ? row->d.contact_name : row->d.name;
  contact.title = row->d.contact_title;
  contact.im = row->im;
  if (contact.name != NULL && !crm_contact_draft_validate (&contact, &contact_validation))
    {
      add_field_problem (self, sink, CRM_IMPORT_FIELD_CONTACT_TITLE,
                         g_steal_pointer (&contact_validation.messages[CRM_CONTACT_FIELD_TITLE]));
      add_field_problem (self, sink, CRM_IMPORT_FIELD_IM,
                         g_steal_pointer (&contact_validation.messages[CRM_CONTACT_FIELD_IM]));
    }

  if (!crm_needs_draft_validate (&row->needs, &needs_validation))
    {
      add_field_problem (self, sink, CRM_IMPORT_FIELD_PREFERRED_PRODUCTS,
                         g_steal_pointer (&needs_validation.messages[CRM_NEEDS_FIELD_PREFERRED_PRODUCTS]));
      add_field_problem (self, sink, CRM_IMPORT_FIELD_TAGS,
                         g_steal_pointer (&needs_validation.messages[CRM_NEEDS_FIELD_TAGS]));
    }
}

/* ---- the rows, read in a thread of their own ---- */

/* The check and the commit read every row in order.  Reading one (parsing,
 * normalizing, validating) is pure work on the file's text, so a thread reads
 * ahead while the caller looks rows up or writes them.  Batches go round
 * between two queues, so at most READER_BATCHES are read ahead. */

#define READER_BATCH   256
#define READER_BATCHES 8

typedef struct {
  guint      n;                      /* 0: the last batch, or the reader stopped */
  GPtrArray *problems;               /* CrmCsvProblem of these rows; NULL at commit */
  RowData    rows[READER_BATCH];
} RowBatch;

typedef struct {
  CrmCsvImport *self;
  GTimeZone    *tz;
  gint64        now;
  GAsyncQueue  *free;                /* RowBatch to fill; &stop_batch asks the thread to stop */
  GAsyncQueue  *filled;              /* RowBatch read, in order */
  GThread      *thread;
  gint          stop;              /* atomic */
  RowBatch     *batch;               /* the caller's current batch */
  guint         pos;
} RowReader;

static RowBatch stop_batch;

static gpointer
row_reader_thread (gpointer data)
{
  RowReader *reader = data;
  guint n = reader->self->records->len;
  guint i = 0;

  for (;;)
    {
      RowBatch *batch = g_async_queue_pop (reader->free);
      gboolean last;

      if (batch == &stop_batch)
        break;
      if (g_atomic_int_get (&reader->stop))
        {
          g_async_queue_push (reader->free, batch);   /* freed with the others */
          break;
        }
      batch->n = 0;
      for (; i < n && batch->n < READER_BATCH; i++, batch->n++)
        {
          Sink sink = { batch->problems, g_array_index (reader->self->records, Record, i).line };

          read_row (reader->self, i, reader->tz, reader->now, &batch->rows[batch->n], &sink);
        }
      /* once pushed, the batch is the caller's: it may be read, emptied and back already */
      last = batch->n == 0;
      g_async_queue_push (reader->filled, batch);
      if (last)
        break;
    }
  return NULL;
}

static RowReader *
row_reader_new (CrmCsvImport *self,
                GTimeZone    *tz,
                gint64        now,
                gboolean      problems)
{
  RowReader *reader = g_new0 (RowReader, 1);

  reader->self = self;
  reader->tz = g_time_zone_ref (tz);
  reader->now = now;
  reader->free = g_async_queue_new ();
  reader->filled = g_async_queue_new ();
  for (guint i = 0; i < READER_BATCHES; i++)
    {
      RowBatch *batch = g_new0 (RowBatch, 1);

      for (guint r = 0; r < READER_BATCH; r++)
        row_data_init (&batch->rows[r]);
      if (problems)
        batch->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_csv_problem_free);
      g_async_queue_push (reader->free, batch);
    }
  reader->thread = g_thread_new ("crm-csv-reader", row_reader_thread, reader);
  return reader;
}

static void
row_batch_recycle (RowBatch *batch)
{
  for (guint r = 0; r < batch->n; r++)
    row_data_clear (&batch->rows[r]);
  batch->n = 0;
  if (batch->problems != NULL)
    g_ptr_array_set_size (batch->problems, 0);
}

static void
row_batch_free (RowBatch *batch)
{
  if (batch == &stop_batch)
    return;
  row_batch_recycle (batch);
  g_clear_pointer (&batch->problems, g_ptr_array_unref);
  g_free (batch);
}

/* The next row, in file order: the reader keeps it until the next call.
 * @problems (if collected) takes over the problems of each batch as it
 * starts.  NULL after the last row. */
static RowData *
row_reader_next (RowReader *reader,
                 GPtrArray *problems)
{
  if (reader->batch != NULL && reader->pos < reader->batch->n)
    return &reader->batch->rows[reader->pos++];

  if (reader->batch != NULL)
    {
      if (reader->batch->n == 0)
        return NULL;
      row_batch_recycle (reader->batch);
      g_async_queue_push (reader->free, g_steal_pointer (&reader->batch));
    }

  reader->batch = g_async_queue_pop (reader->filled);
  reader->pos = 0;
  if (reader->batch->problems != NULL && problems != NULL)
    {
      gsize n;
      gpointer *taken = g_ptr_array_steal (reader->batch->problems, &n);

      for (gsize p = 0; p < n; p++)
        g_ptr_array_add (problems, taken[p]);
      g_free (taken);
    }
  if (reader->batch->n == 0)
    return NULL;
  return &reader->batch->rows[reader->pos++];
}

/* Stops the thread wherever it is, and frees every batch. */
static void
row_reader_free (RowReader *reader)
{
  RowBatch *batch;

  g_atomic_int_set (&reader->stop, TRUE);
  g_async_queue_push (reader->free, &stop_batch);
  g_thread_join (reader->thread);
  if (reader->batch != NULL)
    row_batch_free (reader->batch);
  while ((batch = g_async_queue_try_pop (reader->filled)) != NULL)
    row_batch_free (batch);
  while ((batch = g_async_queue_try_pop (reader->free)) != NULL)
    row_batch_free (batch);
  g_async_queue_unref (reader->filled);
  g_async_queue_unref (reader->free);
  g_time_zone_unref (reader->tz);
  g_free (reader);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RowReader, row_reader_free)

/* ---- preview ---- */

static char *
name_key (const char *name)
{
  char *key = crm_search_fold (name);

  return g_strstrip (key);
}

static char *
duplicate_digits (const char *phone)
{
  char *digits = crm_search_phone_digits (phone);

  if (digits != NULL && strlen (digits) < MIN_DUPLICATE_PHONE_DIGITS)
    g_clear_pointer (&digits, g_free);
  return digits;
}

/* An existing, not archived customer with this name key or phone digits */
static gboolean
find_existing (CrmStore               *store,
               const char             *key,
               const char             *digits,
               Duplicate              *dup,
               GError                **error)
{
  sqlite3_stmt *stmt;

  if (key != NULL && *key != '\0')
    {
      stmt = crm_store_prepare (store,
                                "SELECT id, code, name FROM customers"
                                " WHERE archived = 0 AND sort_key = ?1 ORDER BY id LIMIT 1",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          dup->pub.customer_id = sqlite3_column_int64 (stmt, 0);
          dup->pub.code = crm_sql_column_dup (stmt, 1);
          dup->pub.name = crm_sql_column_dup (stmt, 2);
          dup->pub.reason = CRM_CSV_DUPLICATE_SAME_NAME;
        }
      sqlite3_reset (stmt);
      if (dup->pub.customer_id != 0)
        return TRUE;
    }

  if (digits != NULL)
    {
      stmt = crm_store_prepare (store,
                                "SELECT c.id, c.code, c.name FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
                                " WHERE ct.phone_digits = ?1 AND c.archived = 0 ORDER BY c.id LIMIT 1",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, digits, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          dup->pub.customer_id = sqlite3_column_int64 (stmt, 0);
          dup->pub.code = crm_sql_column_dup (stmt, 1);
          dup->pub.name = crm_sql_column_dup (stmt, 2);
          dup->pub.reason = CRM_CSV_DUPLICATE_SAME_PHONE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Whether any customer is not archived, the ones find_existing() looks at */
static gboolean
any_current_customer (CrmStore  *store,
                      gboolean  *any,
                      GError   **error)
{
  sqlite3_stmt *stmt = crm_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM customers WHERE archived = 0)", error);

  if (stmt == NULL)
    return FALSE;
  *any = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Team members by folded name */
static GHashTable *
load_team (CrmStore  *store,
           GError   **error)
{
  g_autoptr(GHashTable) team = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  stmt = crm_store_prepare (store, "SELECT id, name FROM team_members ORDER BY active DESC, id", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *key = name_key ((const char *) sqlite3_column_text (stmt, 1));

      if (g_hash_table_contains (team, key))
        g_free (key);
      else
        g_hash_table_insert (team, key, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&team);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const CrmCsvProblem *x = *(CrmCsvProblem * const *) a;
  const CrmCsvProblem *y = *(CrmCsvProblem * const *) b;

  return x->line < y->line ? -1 : x->line > y->line;
}

gboolean
crm_csv_import_preview (CrmCsvImport  *self,
                        CrmStore      *store,
                        GError       **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) team = NULL;
  g_autoptr(GHashTable) new_owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) owners = g_strv_builder_new ();
  g_autoptr(RowReader) reader = NULL;
  gboolean any_current = TRUE;
  gint64 now;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  clear_preview (self);

  if (column_of (self, CRM_IMPORT_FIELD_NAME) < 0)
    {
      g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_NO_NAME,
                   _("No column of “%s” holds the customer’s name. Choose which column does."), self->name);
      return FALSE;
    }

  team = load_team (store, error);
  if (team == NULL)
    return FALSE;

  /* one transaction for all the look-ups, not one per statement; nothing is written */
  if (!crm_store_begin (store, error))
    return FALSE;

  now = crm_store_now (store);
  self->row_duplicate = g_new (gint, MAX (1, self->records->len));
  /* into an empty list (the first import) no row can be an existing customer */
  if (!any_current_customer (store, &any_current, error))
    {
      crm_store_commit (store, NULL);
      clear_preview (self);
      return FALSE;
    }

  reader = row_reader_new (self, tz, now, TRUE);
  for (guint i = 0; i < self->records->len; i++)
    {
      RowData *row = row_reader_next (reader, self->problems);
      guint line = g_array_index (self->records, Record, i).line;
      g_autofree char *key = NULL;
      g_autofree char *digits = NULL;
      Duplicate *dup;
      gpointer first;

      self->row_duplicate[i] = -1;

      if (row->owner != NULL)
        {
          g_autofree char *owner_key = name_key (row->owner);

          if (!g_hash_table_contains (team, owner_key) && !g_hash_table_contains (new_owners, owner_key))
            {
              g_strv_builder_add (owners, row->owner);
              g_hash_table_add (new_owners, g_steal_pointer (&owner_key));
            }
        }

      if (row->d.name == NULL)
        continue;

      key = name_key (row->d.name);
      digits = duplicate_digits (row->d.phone);

      dup = g_new0 (Duplicate, 1);
      dup->row = i;
      dup->pub.line = line;
      if (any_current && !find_existing (store, key, digits, dup, error))
        {
          crm_csv_duplicate_free (&dup->pub);
          crm_store_commit (store, NULL);
          clear_preview (self);
          return FALSE;
        }
      if (dup->pub.customer_id == 0)
        {
          if (g_hash_table_lookup_extended (names, key, NULL, &first))
            dup->pub.reason = CRM_CSV_DUPLICATE_SAME_NAME;
          else if (digits != NULL && g_hash_table_lookup_extended (phones, digits, NULL, &first))
            dup->pub.reason = CRM_CSV_DUPLICATE_SAME_PHONE;
          else
            first = NULL;
          if (first != NULL)
            {
              dup->other_row = GPOINTER_TO_UINT (first) - 1;
              dup->pub.other_line = g_array_index (self->records, Record, dup->other_row).line;
            }
        }

      if (!g_hash_table_contains (names, key))
        g_hash_table_insert (names, g_strdup (key), GUINT_TO_POINTER (i + 1));
      if (digits != NULL && !g_hash_table_contains (phones, digits))
        g_hash_table_insert (phones, g_strdup (digits), GUINT_TO_POINTER (i + 1));

      if (dup->pub.customer_id == 0 && dup->pub.other_line == 0)
        {
          g_free (dup);
          continue;
        }
      dup->pub.row_name = g_strdup (row->d.name);
      dup->pub.action = GPOINTER_TO_UINT (g_hash_table_lookup (self->actions, GUINT_TO_POINTER (line)));
      dup->pub.action = dup->pub.action > 0 ? dup->pub.action - 1 : CRM_CSV_DUPLICATE_SKIP;
      self->row_duplicate[i] = (gint) self->duplicates->len;
      g_ptr_array_add (self->duplicates, dup);
    }

  if (!crm_store_commit (store, error))
    {
      clear_preview (self);
      return FALSE;
    }

  g_ptr_array_sort (self->problems, compare_problems);   /* stable: columns stay in order */
  self->new_owners = g_strv_builder_end (owners);
  self->previewed = TRUE;
  return TRUE;
}

GPtrArray *
crm_csv_import_get_problems (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  return self->problems;
}

GPtrArray *
crm_csv_import_get_duplicates (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  return self->duplicates;
}

const char * const *
crm_csv_import_get_new_owners (CrmCsvImport *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  return self->new_owners != NULL ? (const char * const *) self->new_owners : none;
}

static guint
count_with_action (CrmCsvImport          *self,
                   gboolean               merged)
{
  guint n = 0;

  if (!self->previewed)
    return 0;
  for (guint i = 0; i < self->records->len; i++)
    {
      const CrmCsvDuplicate *dup = self->row_duplicate[i] >= 0
                                     ? g_ptr_array_index (self->duplicates, self->row_duplicate[i]) : NULL;

      if (merged ? (dup != NULL && dup->action == CRM_CSV_DUPLICATE_MERGE)
                 : (dup == NULL || dup->action == CRM_CSV_DUPLICATE_IMPORT))
        n++;
    }
  return n;
}

guint
crm_csv_import_count_new (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), 0);
  return count_with_action (self, FALSE);
}

guint
crm_csv_import_count_merged (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), 0);
  return count_with_action (self, TRUE);
}

gboolean
crm_csv_import_set_duplicate_action (CrmCsvImport          *self,
                                     guint                  line,
                                     CrmCsvDuplicateAction  action)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (action <= CRM_CSV_DUPLICATE_IMPORT, FALSE);

  for (guint i = 0; i < self->duplicates->len; i++)
    {
      CrmCsvDuplicate *dup = g_ptr_array_index (self->duplicates, i);

      if (dup->line == line)
        {
          dup->action = action;
          g_hash_table_insert (self->actions, GUINT_TO_POINTER (line), GUINT_TO_POINTER (action + 1));
          return TRUE;
        }
    }
  return FALSE;
}

/* ---- commit ---- */


typedef struct {
  CrmCsvImport *self;
  CrmStore     *store;
  GTimeZone    *tz;
  gint64        now;
  int           year;
  GHashTable   *team;       /* folded name → id */
  GHashTable   *tags;       /* name → id */
  gint64       *targets;    /* per row: the customer it became, merged or was skipped into */
  GPtrArray    *terms;
  CrmTermWriter *term_writer;
  gint64        created;
  gint64        next_code;  /* the codes reserved: [next_code, end_code) */
  gint64        end_code;
  /* the fast path's statements, prepared once (the store owns them) */
  sqlite3_stmt *insert_customer;
  sqlite3_stmt *insert_contact;
  sqlite3_stmt *insert_needs;
  sqlite3_stmt *insert_tag;
  sqlite3_stmt *insert_unindexed;
  GPtrArray    *dropped;    /* CREATE INDEX statements of the indexes dropped for a bulk import */
  gboolean      bulk;       /* see crm_store_begin_bulk() */
} Commit;

/* The tables an import fills; contacts_customer stays, merges look contacts up by it */
static const char * const bulk_tables[] = { "customers", "contacts", "customer_tags", "search_terms" };

static gboolean
drop_indexes (Commit  *c,
              GError **error)
{
  sqlite3 *db = crm_store_get_db (c->store);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  /* only indexes declared with CREATE INDEX (sql IS NOT NULL): keys and UNIQUE stay */
  stmt = crm_store_prepare (c->store,
                            "SELECT name, sql FROM sqlite_schema"
                            " WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL"
                            " AND name != 'contacts_customer' ORDER BY name",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (bulk_tables); i++)
    {
      sqlite3_bind_text (stmt, 1, bulk_tables[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_ptr_array_add (c->dropped, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* an identifier cannot be bound: it comes from our own schema, quoted with %w */
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i));
      int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

      sqlite3_free (sql);
      if (rc != SQLITE_OK)
        {
          crm_store_set_error (c->store, error, _("Could not import the customers"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
restore_indexes (Commit        *c,
                 GCancellable  *cancellable,
                 GError       **error)
{
  for (guint i = 0; i < c->dropped->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (sqlite3_exec (crm_store_get_db (c->store), g_ptr_array_index (c->dropped, i), NULL, NULL, NULL) != SQLITE_OK)
        {
          crm_store_set_error (c->store, error, _("Could not import the customers"));
          return FALSE;
        }
    }
  g_ptr_array_set_size (c->dropped, 0);
  return TRUE;
}

/* @sql's statement, prepared on first use and kept in *@slot */
static sqlite3_stmt *
commit_statement (Commit        *c,
                  sqlite3_stmt **slot,
                  const char    *sql,
                  GError       **error)
{
  if (*slot == NULL)
    *slot = crm_store_prepare (c->store, sql, error);
  return *slot;
}

static gint64
owner_id (Commit      *c,
          const char  *owner,
          GError     **error)
{
  g_autofree char *key = NULL;
  gpointer id;
  gint64 new_id;

  if (owner == NULL)
    return 0;
  key = name_key (owner);
  if (g_hash_table_lookup_extended (c->team, key, NULL, &id))
    return (gint64) GPOINTER_TO_SIZE (id);

  new_id = crm_store_add_team_member (c->store, owner, CRM_MEMBER_AGENT, error);
  if (new_id > 0)
    g_hash_table_insert (c->team, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) new_id));
  return new_id;
}

static gint64
tag_id (Commit      *c,
        const char  *tag,
        GError     **error)
{
  sqlite3_stmt *stmt;
  gpointer id;
  gint64 found = 0;

  if (g_hash_table_lookup_extended (c->tags, tag, NULL, &id))
    return (gint64) GPOINTER_TO_SIZE (id);

  stmt = crm_store_prepare (c->store, "INSERT OR IGNORE INTO tags (name) VALUES (?1)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  if (!crm_store_step_done (c->store, stmt, error))
    return 0;

  stmt = crm_store_prepare (c->store, "SELECT id FROM tags WHERE name = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (found == 0)
    {
      crm_store_set_error (c->store, error, _("Could not save"));
      return 0;
    }

  g_hash_table_insert (c->tags, g_strdup (tag), GSIZE_TO_POINTER ((gsize) found));
  return found;
}

static void
bind_int_or_null (sqlite3_stmt *stmt,
                  int           index,
                  gint64        value,
                  gboolean      known)
{
  if (known)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
row_has_contact (const RowData *row)
{
  return row->d.contact_name != NULL || row->d.phone != NULL || row->d.email != NULL || row->im != NULL;
}

static gboolean
row_has_needs (const RowData *row)
{
  return row->needs.preferred_products != NULL || row->needs.price_sensitivity >= 0 ||
         row->needs.expected_response_hours >= 0 || row->needs.value_focus >= 0;
}

/* The fast path: a new customer, its primary contact, needs, tags and search terms */
static gint64
insert_customer (Commit   *c,
                 RowData  *row,
                 GError  **error)
{
  g_autofree char *code = NULL;
  g_autofree char *sort_key = NULL;
  sqlite3_stmt *stmt;
  gint64 id, owner;

  owner = owner_id (c, row->owner, error);
  if (row->owner != NULL && owner == 0)
    return 0;

  /* the codes of every new row reserved at once, the first time */
  if (c->next_code == c->end_code)
    {
      gint64 n = MAX (1, (gint64) crm_csv_import_count_new (c->self) - c->created);

      c->next_code = crm_store_reserve_codes (c->store, "CS", c->year, n, error);
      if (c->next_code == 0)
        return 0;
      c->end_code = c->next_code + n;
    }
  code = crm_store_format_code ("CS", c->year, c->next_code++);

  stmt = commit_statement (c, &c->insert_customer,
                            "INSERT INTO customers (code, name, sort_key, kind, industry, staff_count,"
                            " annual_revenue_cents, tier, key_account, lifecycle, source, owner_id, first_deal_date,"
                            " birthday, anniversary, address, website, do_not_contact, notes, last_contact_at,"
                            " created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                            " ?19, ?20, ?21, ?21)",
                            error);
  if (stmt == NULL)
    return 0;

  sort_key = crm_search_fold (row->d.name);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->d.name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, row->d.kind);
  crm_sql_bind_text_or_null (stmt, 5, row->d.industry);
  bind_int_or_null (stmt, 6, row->staff_count, row->staff_count >= 0);
  bind_int_or_null (stmt, 7, row->revenue_cents, row->revenue_cents >= 0);
  sqlite3_bind_int (stmt, 8, row->d.tier);
  sqlite3_bind_int (stmt, 9, MAX (row->key_account, 0));
  sqlite3_bind_int (stmt, 10, row->d.lifecycle);
  crm_sql_bind_text_or_null (stmt, 11, row->d.source);
  crm_sql_bind_id_or_null (stmt, 12, owner);
  crm_sql_bind_text_or_null (stmt, 13, row->d.first_deal_date);
  crm_sql_bind_text_or_null (stmt, 14, row->d.birthday);
  crm_sql_bind_text_or_null (stmt, 15, row->d.anniversary);
  crm_sql_bind_text_or_null (stmt, 16, row->d.address);
  crm_sql_bind_text_or_null (stmt, 17, row->d.website);
  sqlite3_bind_int (stmt, 18, row->d.do_not_contact ? 1 : 0);
  crm_sql_bind_text_or_null (stmt, 19, row->d.notes);
  bind_int_or_null (stmt, 20, row->last_contact_at, row->has_last_contact);
  sqlite3_bind_int64 (stmt, 21, c->now);
  if (!crm_store_step_done (c->store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (crm_store_get_db (c->store));

  if (row_has_contact (row))
    {
      g_autofree char *digits = crm_search_phone_digits (row->d.phone);
      const char *contact_name = row->d.contact_name != NULL ? row->d.contact_name : row->d.name;

      stmt = commit_statement (c, &c->insert_contact,
                                "INSERT INTO contacts (customer_id, name, title, role, phone, phone_digits, email, im,"
                                " is_primary, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9)",
                                error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, contact_name, -1, SQLITE_STATIC);
      crm_sql_bind_text_or_null (stmt, 3, row->d.contact_title);
      sqlite3_bind_int (stmt, 4, row->d.contact_role);
      crm_sql_bind_text_or_null (stmt, 5, row->d.phone);
      crm_sql_bind_text_or_null (stmt, 6, digits);
      crm_sql_bind_text_or_null (stmt, 7, row->d.email);
      crm_sql_bind_text_or_null (stmt, 8, row->im);
      sqlite3_bind_int64 (stmt, 9, c->now);
      if (!crm_store_step_done (c->store, stmt, error))
        return 0;
    }

  if (row_has_needs (row))
    {
      stmt = commit_statement (c, &c->insert_needs,
                                "INSERT INTO customer_needs (customer_id, preferred_products, price_sensitivity,"
                                " expected_response_hours, value_focus, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      crm_sql_bind_text_or_null (stmt, 2, row->needs.preferred_products);
      bind_int_or_null (stmt, 3, row->needs.price_sensitivity, row->needs.price_sensitivity >= 0);
      bind_int_or_null (stmt, 4, row->needs.expected_response_hours, row->needs.expected_response_hours >= 0);
      bind_int_or_null (stmt, 5, row->needs.value_focus, row->needs.value_focus >= 0);
      sqlite3_bind_int64 (stmt, 6, c->now);
      if (!crm_store_step_done (c->store, stmt, error))
        return 0;
    }

  for (guint i = 0; row->needs.tags != NULL && row->needs.tags[i] != NULL; i++)
    {
      gint64 tag = tag_id (c, row->needs.tags[i], error);

      if (tag == 0)
        return 0;
      stmt = commit_statement (c, &c->insert_tag,
                               "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, tag);
      if (!crm_store_step_done (c->store, stmt, error))
        return 0;
    }

  /* A bulk import's terms come after its commit, in a connection of their own
   * (crm_store_index_customers()): that was half its time */
  if (c->bulk)
    {
      stmt = commit_statement (c, &c->insert_unindexed, "INSERT INTO unindexed_customers (customer_id) VALUES (?1)",
                               error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      return crm_store_step_done (c->store, stmt, error) ? id : 0;
    }

  /* the terms are made in the writer's thread while the next rows are written */
  if (!crm_term_writer_add_texts (c->term_writer, id, row->d.name, code,
                                  row_has_contact (row) ? (row->d.contact_name != NULL ? row->d.contact_name
                                                                                      : row->d.name) : NULL,
                                  row_has_contact (row) ? row->d.phone : NULL,
                                  row_has_contact (row) ? row->d.email : NULL, error))
    return 0;

  return id;
}

static gboolean
fill (char **slot,
      const char *value)
{
  if (*slot != NULL || value == NULL)
    return FALSE;
  *slot = g_strdup (value);
  return TRUE;
}

/* The contact of @customer_id that is the row's person: same phone, e-mail or name */
static gint64
find_contact (Commit        *c,
              gint64         customer_id,
              const RowData *row)
{
  g_autofree char *digits = crm_search_phone_digits (row->d.phone);
  g_autofree char *email = row->d.email != NULL ? g_utf8_casefold (row->d.email, -1) : NULL;
  g_autofree char *name = name_key (row->d.contact_name != NULL ? row->d.contact_name : row->d.name);
  sqlite3_stmt *stmt;
  gint64 found = 0;

  stmt = crm_store_prepare (c->store,
                            "SELECT id, name, phone_digits, email FROM contacts WHERE customer_id = ?1"
                            " ORDER BY is_primary DESC, id",
                            NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while (found == 0 && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *their_name = name_key ((const char *) sqlite3_column_text (stmt, 1));
      const char *their_digits = (const char *) sqlite3_column_text (stmt, 2);
      const char *their_email = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *their_email_folded = their_email != NULL ? g_utf8_casefold (their_email, -1) : NULL;

      if ((digits != NULL && g_strcmp0 (digits, their_digits) == 0) ||
          (email != NULL && g_strcmp0 (email, their_email_folded) == 0) ||
          strcmp (name, their_name) == 0)
        found = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  return found;
}

/* Fills the empty fields of @target from @row, adds or completes the contact */
static gboolean
merge_row (Commit   *c,
           gint64    target,
           RowData  *row,
           GError  **error)
{
  g_auto(CrmCustomerDraft) cur = { 0 };
  g_auto(CrmNeedsDraft) needs = { 0 };
  gboolean changed = FALSE;
  sqlite3_stmt *stmt;
  gint64 owner;

  crm_customer_draft_init (&cur);
  if (!crm_store_load_customer_draft (c->store, target, &cur, error))
    return FALSE;

  changed |= fill (&cur.industry, row->d.industry);
  changed |= fill (&cur.source, row->d.source);
  changed |= fill (&cur.first_deal_date, row->d.first_deal_date);
  changed |= fill (&cur.birthday, row->d.birthday);
  changed |= fill (&cur.anniversary, row->d.anniversary);
  changed |= fill (&cur.address, row->d.address);
  changed |= fill (&cur.website, row->d.website);
  changed |= fill (&cur.notes, row->d.notes);
  if (row->d.do_not_contact && !cur.do_not_contact)
    {
      cur.do_not_contact = TRUE;   /* a wish not to be contacted is never lost */
      changed = TRUE;
    }
  owner = owner_id (c, row->owner, error);
  if (row->owner != NULL && owner == 0)
    return FALSE;
  if (cur.owner_id == 0 && owner != 0)
    {
      cur.owner_id = owner;
      changed = TRUE;
    }
  if (changed && !crm_store_update_customer (c->store, target, &cur, error))
    return FALSE;

  stmt = crm_store_prepare (c->store,
                            "UPDATE customers SET staff_count = coalesce (staff_count, ?2),"
                            " annual_revenue_cents = coalesce (annual_revenue_cents, ?3),"
                            " key_account = CASE WHEN key_account = 0 AND ?4 IS NOT NULL THEN ?4 ELSE key_account END,"
                            " last_contact_at = CASE WHEN ?5 IS NOT NULL AND (last_contact_at IS NULL OR last_contact_at < ?5)"
                            "   THEN ?5 ELSE last_contact_at END"
                            " WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  bind_int_or_null (stmt, 2, row->staff_count, row->staff_count >= 0);
  bind_int_or_null (stmt, 3, row->revenue_cents, row->revenue_cents >= 0);
  bind_int_or_null (stmt, 4, row->key_account, row->key_account > 0);
  bind_int_or_null (stmt, 5, row->last_contact_at, row->has_last_contact);
  if (!crm_store_step_done (c->store, stmt, error))
    return FALSE;

  if (row_has_contact (row))
    {
      g_auto(CrmContactDraft) contact = { 0 };
      gint64 contact_id = find_contact (c, target, row);

      crm_contact_draft_init (&contact);
      if (contact_id != 0)
        {
          gboolean contact_changed = FALSE;

          if (!crm_store_load_contact (c->store, contact_id, NULL, &contact, error))
            return FALSE;
          contact_changed |= fill (&contact.title, row->d.contact_title);
          contact_changed |= fill (&contact.phone, row->d.phone);
          contact_changed |= fill (&contact.email, row->d.email);
          contact_changed |= fill (&contact.im, row->im);
          if (contact_changed && crm_store_save_contact (c->store, target, contact_id, &contact, error) == 0)
            return FALSE;
        }
      else
        {
          contact.name = g_strdup (row->d.contact_name != NULL ? row->d.contact_name : row->d.name);
          contact.title = g_strdup (row->d.contact_title);
          contact.role = row->d.contact_role;
          contact.phone = g_strdup (row->d.phone);
          contact.email = g_strdup (row->d.email);
          contact.im = g_strdup (row->im);
          if (crm_store_save_contact (c->store, target, 0, &contact, error) == 0)
            return FALSE;
        }
    }

  if (row_has_needs (row) || (row->needs.tags != NULL && row->needs.tags[0] != NULL))
    {
      g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

      crm_needs_draft_init (&needs);
      if (!crm_store_load_needs (c->store, target, &needs, error))
        return FALSE;
      fill (&needs.preferred_products, row->needs.preferred_products);
      if (needs.price_sensitivity < 0)
        needs.price_sensitivity = row->needs.price_sensitivity;
      if (needs.expected_response_hours < 0)
        needs.expected_response_hours = row->needs.expected_response_hours;
      if (needs.value_focus < 0)
        needs.value_focus = row->needs.value_focus;
      if (needs.tags != NULL)
        g_strv_builder_addv (tags, (const char **) needs.tags);
      if (row->needs.tags != NULL)
        g_strv_builder_addv (tags, (const char **) row->needs.tags);
      g_strfreev (needs.tags);
      needs.tags = g_strv_builder_end (tags);
      crm_needs_draft_normalize (&needs);
      if (!crm_store_save_needs (c->store, target, &needs, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
commit_rows (Commit                    *c,
             CrmCsvImportProgressFunc   progress,
             gpointer                   user_data,
             GCancellable              *cancellable,
             GError                   **error)
{
  CrmCsvImport *self = c->self;
  guint n = self->records->len;
  guint every = MAX (1, n / 100);
  g_autoptr(RowReader) reader = NULL;

  /* Merges go through the store's own functions, which look rows up by these
   * indexes: a bulk import is one without merges */
  if (n >= BULK_MIN_ROWS && (gint64) n >= crm_store_count (c->store, "customers") &&
      crm_csv_import_count_merged (self) == 0)
    {
      /* an import writes about 1.3 KiB a row into the database */
      c->bulk = TRUE;
      crm_store_begin_bulk (c->store, MIN ((gsize) n * BULK_KIB_PER_ROW, BULK_MAX_CACHE_KIB));
      if (!drop_indexes (c, error))
        return FALSE;
    }

  reader = row_reader_new (self, c->tz, c->now, FALSE);
  for (guint i = 0; i < n; i++)
    {
      RowData *row = row_reader_next (reader, NULL);
      guint line = g_array_index (self->records, Record, i).line;
      const CrmCsvDuplicate *dup = self->row_duplicate[i] >= 0
                                     ? g_ptr_array_index (self->duplicates, self->row_duplicate[i]) : NULL;
      CrmCsvDuplicateAction action = dup != NULL ? dup->action : CRM_CSV_DUPLICATE_IMPORT;
      gint64 target = 0;

      if (i % every == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (i, n, user_data);
        }

      if (dup != NULL && action != CRM_CSV_DUPLICATE_IMPORT)
        target = dup->customer_id != 0 ? dup->customer_id : c->targets[((const Duplicate *) dup)->other_row];

      if (action == CRM_CSV_DUPLICATE_SKIP || (action == CRM_CSV_DUPLICATE_MERGE && target == 0))
        {
          c->targets[i] = target;
          continue;
        }

      if (action == CRM_CSV_DUPLICATE_MERGE)
        {
          /* a target created by this import may still have terms pending in
           * the writer: they are written first, so the store's reindex finds
           * them listed */
          if ((dup->customer_id == 0 && !crm_term_writer_flush (c->term_writer, error)) ||
              !merge_row (c, target, row, error))
            {
              g_prefix_error (error, _("Line %u: "), line);
              return FALSE;
            }
          c->targets[i] = target;
        }
      else
        {
          c->targets[i] = insert_customer (c, row, error);
          if (c->targets[i] == 0)
            {
              g_prefix_error (error, _("Line %u: "), line);
              return FALSE;
            }
          c->created++;
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return crm_term_writer_flush (c->term_writer, error) && restore_indexes (c, cancellable, error);
}

static void
set_invalid_error (CrmCsvImport  *self,
                   GError       **error)
{
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  guint n;

  for (guint i = 0; i < self->problems->len; i++)
    g_hash_table_add (lines, GUINT_TO_POINTER (((CrmCsvProblem *) g_ptr_array_index (self->problems, i))->line));
  n = g_hash_table_size (lines);

  g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_INVALID,
               ngettext ("%u row of “%s” has problems. Nothing was imported.",
                         "%u rows of “%s” have problems. Nothing was imported.", n),
               n, self->name);
}

gint64
crm_csv_import_commit (CrmCsvImport              *self,
                       CrmStore                  *store,
                       CrmCsvImportProgressFunc   progress,
                       gpointer                   user_data,
                       GCancellable              *cancellable,
                       GError                   **error)
{
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  Commit c = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), -1);
  g_return_val_if_fail (CRM_IS_STORE (store), -1);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (!self->previewed && !crm_csv_import_preview (self, store, error))
    return -1;
  if (self->problems->len > 0)
    {
      set_invalid_error (self, error);
      return -1;
    }

  if (!crm_store_begin (store, error))
    return -1;

  tz = g_time_zone_new_local ();
  now_local = crm_clock_now_local (crm_store_get_clock (store));
  c.self = self;
  c.store = store;
  c.tz = tz;
  c.now = crm_store_now (store);
  c.year = g_date_time_get_year (now_local);
  c.team = load_team (store, error);
  c.tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.targets = g_new0 (gint64, MAX (1, self->records->len));
  c.terms = g_ptr_array_new_with_free_func (g_free);
  c.term_writer = crm_term_writer_new (store, TERM_BATCH);
  c.dropped = g_ptr_array_new_with_free_func (g_free);

  ok = c.team != NULL && commit_rows (&c, progress, user_data, cancellable, error);

  g_clear_pointer (&c.team, g_hash_table_unref);
  g_clear_pointer (&c.tags, g_hash_table_unref);
  g_clear_pointer (&c.targets, g_free);
  g_clear_pointer (&c.terms, g_ptr_array_unref);
  g_clear_pointer (&c.term_writer, crm_term_writer_free);
  g_clear_pointer (&c.dropped, g_ptr_array_unref);

  if (!ok)
    crm_store_rollback (store);
  else
    {
      crm_store_note_change (store, CRM_CHANGE_ALL, 0);
      ok = crm_store_commit (store, error);
    }
  if (c.bulk)
    crm_store_end_bulk (store);
  if (!ok)
    return -1;

  if (progress != NULL)
    progress (self->records->len, self->records->len, user_data);

  return c.created;
}

/* ---- the command line ---- */

gboolean
crm_csv_import_run_cli (CrmStore    *store,
                        const char  *path,
                        GString     *report,
                        GError     **error)
{
  g_autoptr(CrmCsvImport) self = NULL;
  g_autoptr(GArray) unknown = NULL;
  GPtrArray *problems, *duplicates;
  guint skipped = 0;
  gint64 created;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  self = crm_csv_import_new_from_file (path, error);
  if (self == NULL)
    return FALSE;

  unknown = crm_csv_import_get_unknown_columns (self);
  for (guint i = 0; i < unknown->len; i++)
    {
      g_autofree char *title = column_title (self, g_array_index (unknown, guint, i));

      g_string_append_printf (report, _("column “%s”: not imported, Rapport does not know what it holds."), title);
      g_string_append_c (report, '\n');
    }

  if (crm_csv_import_get_n_rows (self) == 0)
    {
      g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_EMPTY,
                   _("“%s” has a header but no customers. Nothing was imported."), self->name);
      return FALSE;
    }

  if (!crm_csv_import_preview (self, store, error))
    return FALSE;

  problems = crm_csv_import_get_problems (self);
  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len && i < MAX_REPORT_PROBLEMS; i++)
        {
          const CrmCsvProblem *p = g_ptr_array_index (problems, i);

          g_string_append_printf (report, _("line %u, column “%s”: %s"), p->line, p->column, p->message);
          g_string_append_c (report, '\n');
        }
      if (problems->len > MAX_REPORT_PROBLEMS)
        {
          guint more = problems->len - MAX_REPORT_PROBLEMS;

          g_string_append_printf (report, ngettext ("… and %u more problem.", "… and %u more problems.", more),
                                  more);
          g_string_append_c (report, '\n');
        }
      set_invalid_error (self, error);
      return FALSE;
    }

  duplicates = crm_csv_import_get_duplicates (self);
  for (guint i = 0; i < duplicates->len; i++)
    {
      const CrmCsvDuplicate *d = g_ptr_array_index (duplicates, i);

      if (d->customer_id != 0)
        g_string_append_printf (report,
                                d->reason == CRM_CSV_DUPLICATE_SAME_NAME
                                  ? _("line %u: skipped, “%s” is already customer %s “%s” (same name).")
                                  : _("line %u: skipped, “%s” is already customer %s “%s” (same phone number)."),
                                d->line, d->row_name, d->code, d->name);
      else
        g_string_append_printf (report,
                                d->reason == CRM_CSV_DUPLICATE_SAME_NAME
                                  ? _("line %u: skipped, “%s” has the same name as line %u.")
                                  : _("line %u: skipped, “%s” has the same phone number as line %u."),
                                d->line, d->row_name, d->other_line);
      g_string_append_c (report, '\n');
      skipped++;
    }

  created = crm_csv_import_commit (self, store, NULL, NULL, NULL, error);
  if (created < 0)
    return FALSE;
  /* a large import's search terms, before the command returns: the next
   * start would make them otherwise */
  if (!crm_store_index_customers (store, CRM_STORE_INDEX_BATCH, NULL, error))
    {
      g_prefix_error (error, _("The customers were imported, but not yet made searchable; Rapport does it the next "
                               "time it opens the database: "));
      return FALSE;
    }

  g_string_append_printf (report, ngettext ("Imported %u customer.", "Imported %u customers.", (gulong) created),
                          (guint) created);
  if (skipped > 0)
    {
      g_string_append_c (report, ' ');
      g_string_append_printf (report, ngettext ("Skipped %u likely duplicate.", "Skipped %u likely duplicates.",
                                                skipped),
                              skipped);
    }
  g_string_append_c (report, '\n');

  return TRUE;
}
