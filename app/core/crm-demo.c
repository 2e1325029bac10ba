/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-demo"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-demo.h"
#include "crm-search.h"
#include "crm-sla.h"
#include "crm-store-customers.h"

/* How the data is shaped.  Per customer on average: ~3 contacts, ~20 interactions,
 * ~2 tickets, ~5 follow-ups, ~1 survey, ~4 purchases; an "activity" factor per
 * customer spreads these so that some customers are nearly empty and some rich. */
#define MINUTE         G_GINT64_CONSTANT (60)
#define HOUR           G_GINT64_CONSTANT (3600)
#define DAY            G_GINT64_CONSTANT (86400)
#define HISTORY_DAYS   730
#define FUTURE_DAYS    90
#define MAX_CONTACTS   9
#define N_YEARS        5
#define NONE           G_MININT64   /* an integer bound as SQL NULL */

/* Bulk loading.  Search terms are inserted sorted, in batches: one pass along the
 * index instead of a random walk.  When the run is big compared with what is
 * already there, the secondary indexes of the tables being filled are dropped and
 * built again from their own definitions before the commit (sorting once is far
 * cheaper than millions of random index inserts); it all happens in the one
 * transaction, so a rollback brings them back untouched. */
#define TERM_BATCH         (64 * 1024)
#define BULK_MIN_CUSTOMERS 2000

#define MEAN_INTERACTIONS 20.0
#define MEAN_TICKETS      2.0
#define MEAN_FOLLOWUPS    4.7    /* plus follow-ups of resolved complaints */
#define MEAN_SURVEYS      1.1
#define MEAN_PURCHASES    4.7    /* of customers with a deal: ~85% */

/* ------------------------------------------------------------------------- */
/* Content                                                                    */
/* ------------------------------------------------------------------------- */

typedef struct {
  const char *s[2];   /* indexed by CrmDemoLanguage */
} Text;

typedef struct {
  const char *text;
  const char *roman;  /* for e-mail addresses and web sites */
} Roman;

/* Ordered roughly by frequency: picked with a bias towards the front */
static const Roman zh_surnames[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "吴", "wu" }, { "周", "zhou" },
  { "徐", "xu" }, { "孙", "sun" }, { "马", "ma" }, { "朱", "zhu" }, { "胡", "hu" },
  { "郭", "guo" }, { "何", "he" }, { "高", "gao" }, { "林", "lin" }, { "罗", "luo" },
  { "郑", "zheng" }, { "梁", "liang" }, { "谢", "xie" }, { "宋", "song" }, { "唐", "tang" },
  { "许", "xu" }, { "韩", "han" }, { "冯", "feng" }, { "邓", "deng" }, { "曹", "cao" },
  { "彭", "peng" }, { "曾", "zeng" }, { "肖", "xiao" }, { "田", "tian" }, { "董", "dong" },
  { "袁", "yuan" }, { "潘", "pan" }, { "于", "yu" }, { "蒋", "jiang" }, { "蔡", "cai" },
  { "余", "yu" }, { "杜", "du" }, { "叶", "ye" }, { "程", "cheng" }, { "苏", "su" },
  { "魏", "wei" }, { "吕", "lv" }, { "丁", "ding" }, { "任", "ren" }, { "沈", "shen" },
  { "姚", "yao" }, { "卢", "lu" }, { "姜", "jiang" }, { "崔", "cui" }, { "钟", "zhong" },
  { "谭", "tan" }, { "陆", "lu" }, { "汪", "wang" }, { "范", "fan" }, { "金", "jin" },
  { "石", "shi" }, { "廖", "liao" }, { "贾", "jia" }, { "夏", "xia" }, { "韦", "wei" },
  { "方", "fang" }, { "白", "bai" }, { "邹", "zou" }, { "孟", "meng" }, { "熊", "xiong" },
  { "秦", "qin" }, { "邱", "qiu" }, { "江", "jiang" }, { "尹", "yin" }, { "薛", "xue" },
  { "段", "duan" }, { "雷", "lei" }, { "侯", "hou" }, { "龙", "long" }, { "史", "shi" },
  { "陶", "tao" }, { "贺", "he" }, { "顾", "gu" }, { "毛", "mao" }, { "郝", "hao" },
  { "龚", "gong" }, { "邵", "shao" }, { "万", "wan" }, { "钱", "qian" }, { "严", "yan" },
  { "武", "wu" }, { "戴", "dai" }, { "孔", "kong" }, { "汤", "tang" },
};

static const Roman zh_given[] = {
  { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" }, { "静", "jing" },
  { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
  { "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "娟", "juan" }, { "涛", "tao" },
  { "明", "ming" }, { "超", "chao" }, { "秀", "xiu" }, { "霞", "xia" }, { "平", "ping" },
  { "刚", "gang" }, { "英", "ying" }, { "华", "hua" }, { "玉", "yu" }, { "萍", "ping" },
  { "红", "hong" }, { "飞", "fei" }, { "鹏", "peng" }, { "辉", "hui" }, { "波", "bo" },
  { "宁", "ning" }, { "斌", "bin" }, { "宇", "yu" }, { "浩", "hao" }, { "凯", "kai" },
  { "健", "jian" }, { "俊", "jun" }, { "帆", "fan" }, { "旭", "xu" }, { "晨", "chen" },
  { "婷", "ting" }, { "雪", "xue" }, { "琳", "lin" }, { "颖", "ying" }, { "欣", "xin" },
  { "怡", "yi" }, { "佳", "jia" }, { "悦", "yue" }, { "子", "zi" }, { "梓", "zi" },
  { "涵", "han" }, { "轩", "xuan" }, { "睿", "rui" }, { "博", "bo" }, { "文", "wen" },
  { "思", "si" }, { "雨", "yu" }, { "嘉", "jia" }, { "诗", "shi" }, { "梦", "meng" },
  { "晓", "xiao" }, { "建", "jian" }, { "志", "zhi" }, { "海", "hai" }, { "国", "guo" },
  { "春", "chun" }, { "立", "li" }, { "新", "xin" }, { "永", "yong" }, { "亮", "liang" },
  { "成", "cheng" }, { "东", "dong" }, { "林", "lin" }, { "云", "yun" }, { "峰", "feng" },
  { "燕", "yan" }, { "蕾", "lei" }, { "琪", "qi" }, { "瑶", "yao" }, { "泽", "ze" },
  { "宏", "hong" }, { "鑫", "xin" }, { "岚", "lan" }, { "慧", "hui" }, { "丹", "dan" },
  { "倩", "qian" }, { "阳", "yang" }, { "楠", "nan" },
};

static const Roman zh_brand_first[] = {
  { "华", "hua" }, { "恒", "heng" }, { "博", "bo" }, { "鼎", "ding" }, { "瑞", "rui" },
  { "启", "qi" }, { "中", "zhong" }, { "天", "tian" }, { "宏", "hong" }, { "锦", "jin" },
  { "安", "an" }, { "信", "xin" }, { "创", "chuang" }, { "星", "xing" }, { "海", "hai" },
  { "远", "yuan" }, { "嘉", "jia" }, { "致", "zhi" }, { "云", "yun" }, { "卓", "zhuo" },
  { "金", "jin" }, { "东", "dong" }, { "新", "xin" }, { "万", "wan" }, { "德", "de" },
  { "益", "yi" }, { "正", "zheng" }, { "明", "ming" }, { "同", "tong" }, { "凯", "kai" },
  { "盛", "sheng" }, { "科", "ke" }, { "泰", "tai" }, { "汇", "hui" }, { "宇", "yu" },
  { "佳", "jia" }, { "隆", "long" }, { "润", "run" }, { "腾", "teng" }, { "广", "guang" },
};

static const Roman zh_brand_second[] = {
  { "信", "xin" }, { "通", "tong" }, { "远", "yuan" }, { "盛", "sheng" }, { "达", "da" },
  { "明", "ming" }, { "联", "lian" }, { "成", "cheng" }, { "图", "tu" }, { "程", "cheng" },
  { "泰", "tai" }, { "源", "yuan" }, { "辰", "chen" }, { "纳", "na" }, { "航", "hang" },
  { "禾", "he" }, { "帆", "fan" }, { "越", "yue" }, { "石", "shi" }, { "方", "fang" },
  { "元", "yuan" }, { "邦", "bang" }, { "润", "run" }, { "丰", "feng" }, { "和", "he" },
  { "瑞", "rui" }, { "创", "chuang" }, { "晟", "sheng" }, { "景", "jing" }, { "睿", "rui" },
  { "智", "zhi" }, { "业", "ye" }, { "鑫", "xin" }, { "诚", "cheng" }, { "利", "li" },
  { "康", "kang" }, { "拓", "tuo" }, { "展", "zhan" }, { "峰", "feng" }, { "汇", "hui" },
};

static const char * const zh_cities[] = {
  "北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "苏州", "西安",
  "重庆", "天津", "长沙", "青岛", "厦门", "宁波", "合肥", "郑州", "济南", "大连",
  "福州", "昆明", "无锡", "佛山", "东莞",
};

static const char * const zh_districts[] = {
  "高新区", "经开区", "新城区", "城南区", "城北区", "滨江区", "开发区", "中心区", "湖滨区", "科学城",
};

static const char * const zh_roads[] = {
  "人民路", "解放路", "中山路", "建设路", "科技路", "创业大道", "长江路", "和平路",
  "新华路", "文化路", "学院路", "工业大道", "金融街", "软件园路", "滨河路", "世纪大道",
};

typedef struct {
  const char *word;      /* in the company name */
  const char *industry;  /* customers.industry */
  const char *slug;      /* in the web address */
} IndustryWord;

static const IndustryWord zh_industries[] = {
  { "科技", "信息技术", "tech" }, { "信息技术", "信息技术", "it" }, { "软件", "信息技术", "soft" },
  { "电子", "电子制造", "elec" }, { "机械", "装备制造", "mach" }, { "智能制造", "装备制造", "im" },
  { "物流", "物流运输", "logistics" }, { "供应链管理", "物流运输", "scm" },
  { "贸易", "批发零售", "trade" }, { "商贸", "批发零售", "trading" },
  { "医疗器械", "医疗健康", "med" }, { "生物科技", "医疗健康", "bio" },
  { "食品", "食品饮料", "food" }, { "建材", "建筑建材", "bm" }, { "建设工程", "建筑建材", "build" },
  { "教育科技", "教育培训", "edu" }, { "文化传媒", "文化传媒", "media" },
  { "环保科技", "节能环保", "eco" }, { "新能源", "能源", "energy" },
  { "汽车零部件", "汽车", "auto" }, { "餐饮管理", "餐饮", "food" },
  { "管理咨询", "专业服务", "consulting" }, { "金融服务", "金融", "fin" },
};

static const char * const en_first_names[] = {
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
  "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
  "Charles", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra",
  "Steven", "Ashley", "Andrew", "Emily", "Paul", "Michelle", "Joshua", "Amanda", "Kevin",
  "Melissa", "Brian", "Laura", "George", "Rachel", "Timothy", "Olivia", "Ryan", "Emma", "Jacob",
  "Sophia", "Nathan", "Grace", "Ethan", "Chloe", "Lucas", "Hannah", "Omar", "Priya", "Carlos",
  "Mei", "Diego", "Aisha",
};

static const char * const en_last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
  "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
  "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter",
  "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
  "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
  "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Patel", "Nguyen", "Kim", "Chen",
  "O'Brien", "Sullivan", "Fischer", "Novak",
};

static const char * const en_brands[] = {
  "Northwind", "Bluewater", "Summit", "Evergreen", "Redwood", "Silverline", "Brightpath",
  "Ironbridge", "Clearview", "Stonegate", "Maplewood", "Harborview", "Pinecrest", "Granite",
  "Lakeside", "Westfield", "Crescent", "Oakridge", "Riverbend", "Highland", "Keystone",
  "Meridian", "Pioneer", "Sterling", "Falcon", "Atlas", "Beacon", "Cobalt", "Horizon", "Vantage",
  "Copperleaf", "Blue Ridge", "Sunrise", "Trailhead", "Greenfield", "Northstar", "Seaside",
  "Cedar Point", "Fairway", "Aspen",
};

static const IndustryWord en_industries[] = {
  { "Systems", "Information technology", NULL }, { "Software", "Information technology", NULL },
  { "Analytics", "Information technology", NULL }, { "Electronics", "Electronics", NULL },
  { "Machinery", "Manufacturing", NULL }, { "Manufacturing", "Manufacturing", NULL },
  { "Logistics", "Logistics", NULL }, { "Freight", "Logistics", NULL },
  { "Trading", "Wholesale & retail", NULL }, { "Retail", "Wholesale & retail", NULL },
  { "Medical", "Healthcare", NULL }, { "Biotech", "Healthcare", NULL },
  { "Foods", "Food & beverage", NULL }, { "Building Supply", "Construction", NULL },
  { "Construction", "Construction", NULL }, { "Learning", "Education", NULL },
  { "Media", "Media", NULL }, { "Environmental", "Environmental services", NULL },
  { "Energy", "Energy", NULL }, { "Auto Parts", "Automotive", NULL },
  { "Hospitality", "Hospitality", NULL }, { "Consulting", "Professional services", NULL },
  { "Financial", "Finance", NULL },
};

static const char * const en_company_suffixes[] = {
  "Inc.", "LLC", "Ltd.", "Group", "Co.", "Corporation", "Partners",
};

typedef struct {
  const char *city;
  const char *state;
} EnCity;

static const EnCity en_cities[] = {
  { "Springfield", "IL" }, { "Portland", "OR" }, { "Austin", "TX" }, { "Denver", "CO" },
  { "Madison", "WI" }, { "Raleigh", "NC" }, { "Columbus", "OH" }, { "Sacramento", "CA" },
  { "Boise", "ID" }, { "Richmond", "VA" }, { "Albany", "NY" }, { "Tucson", "AZ" },
  { "Omaha", "NE" }, { "Salem", "MA" }, { "Savannah", "GA" }, { "Burlington", "VT" },
};

static const char * const en_streets[] = {
  "Main", "Oak", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Pine", "River",
  "Sunset", "Market", "Mill", "Church", "Spring", "Union", "Franklin",
};

static const char * const en_street_kinds[] = { "St", "Ave", "Blvd", "Road", "Drive", "Lane" };

static const char * const zh_mobile_prefixes[] = {
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
  "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "185", "186", "187",
  "188", "189", "198", "199",
};

static const char * const personal_mail_domains[] = {
  "mail.example.com", "example.net", "example.org", "inbox.example.com",
};

static const Text sources[] = {
  { { "Trade show", "展会" } }, { { "Website form", "官网表单" } },
  { { "Referral", "客户推荐" } }, { { "Cold call", "电话营销" } },
  { { "Online ads", "网络广告" } }, { { "Partner", "合作伙伴" } },
  { { "Social media", "社交媒体" } }, { { "Industry conference", "行业会议" } },
  { { "Existing customer referral", "老客户转介绍" } },
};

static const Text customer_notes[] = {
  { { "Prefers e-mail over phone calls.", "偏好邮件沟通，尽量少打电话。" } },
  { { "Long decision cycle; the budget is set in Q4.", "决策周期较长，每年四季度确定预算。" } },
  { { "Purchasing is handled by headquarters.", "采购由总部统一负责。" } },
  { { "Call after 10 am only.", "上午10点以后再联系。" } },
  { { "Invoices must go to the finance mailbox.", "发票需寄送至财务邮箱。" } },
};

/* Contact titles by decision role */
static const Text titles_decision[] = {
  { { "CEO", "总经理" } }, { { "Deputy general manager", "副总经理" } },
  { { "CTO", "技术总监" } }, { { "Chairman", "董事长" } }, { { "Head of purchasing", "采购总监" } },
};
static const Text titles_influencer[] = {
  { { "Purchasing manager", "采购经理" } }, { { "IT manager", "IT主管" } },
  { { "Finance manager", "财务经理" } }, { { "Project manager", "项目经理" } },
  { { "Head of IT", "信息中心主任" } },
};
static const Text titles_user[] = {
  { { "Buyer", "采购专员" } }, { { "Office manager", "行政主管" } },
  { { "Operations manager", "运营经理" } }, { { "Customer service lead", "客服主管" } },
  { { "System administrator", "系统管理员" } }, { { "Sales assistant", "销售助理" } },
};
static const Text titles_private[] = {
  { { "Spouse", "配偶" } }, { { "Assistant", "助理" } },
};

typedef struct {
  Text name;
  int  min_price;   /* yuan; divided by 7 for dollars */
  int  max_price;
} Product;

static const Product products[] = {
  { { { "Cloud service desk", "云客服系统" } }, 20000, 200000 },
  { { { "Smart ticketing platform", "智能工单平台" } }, 30000, 300000 },
  { { { "Analytics suite", "数据分析套件" } }, 15000, 120000 },
  { { { "Enterprise mail", "企业邮箱" } }, 2000, 30000 },
  { { { "Video conferencing", "视频会议服务" } }, 5000, 50000 },
  { { { "Security audit", "安全审计服务" } }, 20000, 150000 },
  { { { "Annual maintenance", "年度维保服务" } }, 8000, 80000 },
  { { { "Implementation and training", "实施培训服务" } }, 10000, 60000 },
  { { { "On-premises deployment", "私有化部署" } }, 80000, 600000 },
  { { { "Mobile office suite", "移动办公套件" } }, 3000, 40000 },
  { { { "API integration", "接口集成服务" } }, 10000, 90000 },
  { { { "Premium support", "高级技术支持" } }, 6000, 50000 },
};

static const Text tags[] = {
  { { "Cost reduction", "降本" } }, { { "Efficiency", "效率提升" } },
  { { "Data security", "数据安全" } }, { { "Compliance", "合规" } },
  { { "Digital transformation", "数字化转型" } }, { { "Mobile work", "移动办公" } },
  { { "Fast response", "快速响应" } }, { { "Custom development", "定制开发" } },
  { { "Long-term partner", "长期合作" } }, { { "Price sensitive", "价格敏感" } },
};

/* Interactions: by channel (CrmChannel order), a subject and how its summary opens.
 * $C: a contact's name, $P: a product. */
typedef struct {
  Text subject;
  Text opening;
} Subject;

static const Subject subjects_phone[] = {
  { { { "Quarterly check-in call", "季度电话回访" } },
    { { "Called $C for the quarterly check-in on $P.", "致电$C进行季度回访，了解$P的使用情况。" } } },
  { { { "Renewal discussion", "续费沟通" } },
    { { "$C asked about the renewal terms for $P.", "$C询问了$P的续费条款。" } } },
  { { { "Usage follow-up call", "使用情况电话回访" } },
    { { "Spoke with $C about how the team is using $P.", "与$C沟通了$P的使用情况。" } } },
  { { { "Support case update", "工单进度沟通" } },
    { { "Updated $C on the open support case.", "向$C同步了工单的处理进度。" } } },
  { { { "New feature briefing", "新功能介绍" } },
    { { "Walked $C through the new release of $P.", "向$C介绍了$P新版本的功能。" } } },
  { { { "Invoice question", "开票问题沟通" } },
    { { "$C raised a few questions about invoicing.", "$C就开票事宜提出了几个问题。" } } },
};
static const Subject subjects_email[] = {
  { { { "Quotation sent", "发送报价单" } },
    { { "Sent $C the quotation for $P.", "向$C发送了$P的报价单。" } } },
  { { { "Quarterly service report", "季度服务报告" } },
    { { "Sent $C the quarterly service report.", "向$C发送了季度服务报告。" } } },
  { { { "Contract terms confirmation", "合同条款确认" } },
    { { "Confirmed the contract terms for $P with $C by e-mail.", "通过邮件与$C确认了$P的合同条款。" } } },
  { { { "Upgrade notice", "产品升级通知" } },
    { { "Told $C about the upcoming upgrade of $P.", "通知$C近期将升级$P。" } } },
  { { { "Meeting minutes", "会议纪要" } },
    { { "Sent $C the minutes of our last meeting.", "向$C发送了上次会议的纪要。" } } },
};
static const Subject subjects_visit[] = {
  { { { "On-site visit", "上门拜访" } },
    { { "Visited $C at their office.", "到客户公司拜访了$C。" } } },
  { { { "On-site training", "现场培训" } },
    { { "Ran a training on $P for $C's team.", "为$C的团队做了一次$P操作培训。" } } },
  { { { "Quarterly business review", "季度业务回顾" } },
    { { "Reviewed last quarter's service record with $C.", "与$C一起回顾了上季度的服务记录。" } } },
  { { { "Annual partnership review", "年度合作总结" } },
    { { "Looked back on the year's work together with $C.", "与$C一起总结了全年的合作情况。" } } },
};
static const Subject subjects_chat[] = {
  { { { "Online enquiry", "在线咨询" } },
    { { "$C asked in the chat about the price of $P.", "$C在线咨询了$P的价格。" } } },
  { { { "How-to question", "操作问题答疑" } },
    { { "Helped $C with a how-to question on $P.", "在线解答了$C关于$P的操作问题。" } } },
  { { { "Account access question", "账号权限咨询" } },
    { { "$C asked how to give a colleague access to $P.", "$C咨询如何为同事开通$P的权限。" } } },
};
static const Subject subjects_meeting[] = {
  { { { "Requirements review", "需求评审会" } },
    { { "Went through $C's new requirements for $P.", "与$C一起评审了对$P的新需求。" } } },
  { { { "Project kick-off", "项目启动会" } },
    { { "Kicked off the $P project with $C.", "与$C召开了$P项目启动会。" } } },
  { { { "Solution demo", "方案演示会" } },
    { { "Demonstrated $P to $C and their team.", "向$C及其团队演示了$P。" } } },
  { { { "Steering meeting", "项目例会" } },
    { { "$C shared their plans for the next six months.", "$C介绍了公司未来半年的业务规划。" } } },
};
static const Subject subjects_sms[] = {
  { { { "Holiday greeting", "节日问候" } },
    { { "Sent $C a holiday greeting.", "给$C发送了节日问候。" } } },
  { { { "Service expiry reminder", "服务到期提醒" } },
    { { "Reminded $C that the $P service ends next month.", "提醒$C下月$P服务到期。" } } },
  { { { "Visit time confirmation", "拜访时间确认" } },
    { { "Confirmed the time of the next visit with $C.", "与$C确认了下次拜访时间。" } } },
};
static const Subject subjects_social[] = {
  { { { "LinkedIn message", "微信沟通" } },
    { { "Exchanged messages with $C about $P.", "通过微信与$C沟通了$P的相关事宜。" } } },
  { { { "Follow-up on social media", "企业微信答疑" } },
    { { "Answered $C's question about $P in a direct message.", "在企业微信上解答了$C关于$P的问题。" } } },
};
static const Subject subjects_other[] = {
  { { { "Talk at the trade show", "展会交流" } },
    { { "Met $C at our booth at the trade show.", "在展会展位上与$C进行了交流。" } } },
  { { { "Industry meetup", "行业沙龙交流" } },
    { { "Talked with $C at an industry meetup.", "在行业沙龙上与$C进行了交流。" } } },
};

typedef struct {
  const Subject *subjects;
  guint          n;
} SubjectList;

#define SUBJECT_LIST(a) { a, G_N_ELEMENTS (a) }

static const SubjectList channel_subjects[CRM_N_CHANNELS] = {
  SUBJECT_LIST (subjects_phone), SUBJECT_LIST (subjects_email), SUBJECT_LIST (subjects_visit),
  SUBJECT_LIST (subjects_chat), SUBJECT_LIST (subjects_meeting), SUBJECT_LIST (subjects_sms),
  SUBJECT_LIST (subjects_social), SUBJECT_LIST (subjects_other),
};

static const guint channel_weights[CRM_N_CHANNELS] = { 30, 20, 12, 12, 8, 6, 10, 2 };

static const Text summary_details[] = {
  { { "Usage is steady and the main workflows run smoothly.", "目前使用稳定，主要业务流程运行顺畅。" } },
  { { "They want to add about 20 more seats next quarter.", "客户计划下季度再增加约20个账号。" } },
  { { "Agreed to send a written summary by Friday.", "约定周五前发送书面纪要。" } },
  { { "Budget approval is still pending on their side.", "客户内部预算审批仍在进行中。" } },
  { { "No open issues at the moment.", "目前没有未解决的问题。" } },
  { { "They are comparing us with two other vendors.", "客户正在与另外两家供应商进行比较。" } },
  { { "Their finance team needs a revised invoice.", "客户财务部门需要重新开具发票。" } },
  { { "Their IT lead will join the next call.", "客户IT负责人将参加下次沟通。" } },
  { { "They appreciated the quick turnaround last month.", "客户对上个月的快速响应表示认可。" } },
  { { "Noted two small feature requests for the product team.", "记录了两条小的功能需求，将反馈给产品部。" } },
};

typedef struct {
  const Text *texts;
  guint       n;
} TextList;

#define TEXT_LIST(a) { a, G_N_ELEMENTS (a) }

/* Customer feedback by category, in the order of the builtin feedback categories */
enum { FEEDBACK_PRODUCT_USE, FEEDBACK_PRAISE, FEEDBACK_PRICE, FEEDBACK_OTHER, N_FEEDBACK };

static const char * const feedback_keys[N_FEEDBACK] = { "product_use", "praise", "price", "other" };
static const guint feedback_weights[N_FEEDBACK] = { 35, 30, 15, 20 };

static const Text feedback_product_use[] = {
  { { "Report export sometimes times out.", "报表导出偶尔超时。" } },
  { { "Would like a simpler approval flow.", "希望简化审批流程。" } },
  { { "Mobile login fails now and then.", "移动端登录偶尔失败。" } },
  { { "Some staff find the new interface confusing.", "部分员工还不熟悉新界面。" } },
  { { "Data sync lags by a few minutes.", "数据同步有几分钟延迟。" } },
};
static const Text feedback_praise[] = {
  { { "Very happy with how fast support answered.", "对客服响应速度非常满意。" } },
  { { "Praised the implementation team.", "称赞实施团队很专业。" } },
  { { "The training was practical and clear.", "培训内容实用、清晰。" } },
  { { "Issues get fixed quickly.", "问题处理很及时。" } },
};
static const Text feedback_price[] = {
  { { "Thinks the renewal price is too high.", "认为续费价格偏高。" } },
  { { "Asked for a volume discount.", "希望获得批量采购折扣。" } },
  { { "A competitor quoted lower.", "竞品报价更低。" } },
  { { "Budget is tight this year; asked about instalments.", "今年预算收紧，希望分期付款。" } },
};
static const Text feedback_other[] = {
  { { "Would like a Spanish interface.", "希望增加英文界面。" } },
  { { "Needs integration with their ERP system.", "需要对接现有ERP系统。" } },
  { { "Asked for custom reports.", "希望提供定制报表。" } },
  { { "Plans to roll out to another department.", "计划推广到其他部门。" } },
};

static const TextList feedback_texts[N_FEEDBACK] = {
  TEXT_LIST (feedback_product_use), TEXT_LIST (feedback_praise),
  TEXT_LIST (feedback_price), TEXT_LIST (feedback_other),
};

static const Text next_actions[] = {
  { { "Send the revised quotation", "发送修订后的报价" } },
  { { "Arrange an engineer visit", "安排技术人员上门" } },
  { { "Call again next month", "下月再次回访" } },
  { { "Pass the request to the product team", "将需求提交产品部" } },
  { { "Prepare the renewal contract", "准备续约合同" } },
  { { "Schedule a training session", "安排操作培训" } },
  { { "Share the user guide", "发送使用手册" } },
};

typedef struct {
  int  level;
  int  category;
  Text title;
  Text description;
  Text resolution;
} TicketTemplate;

static const TicketTemplate ticket_templates[] = {
  { 1, CRM_TICKET_FAULT,
    { { "System down: nobody can log in", "系统全面无法登录" } },
    { { "Since this morning every user gets an error at login; orders are blocked.", "今天上午起所有用户登录报错，业务订单无法处理。" } },
    { { "Restarted the authentication service and confirmed logins with the customer.", "重启认证服务，已与客户确认恢复登录。" } } },
  { 1, CRM_TICKET_FAULT,
    { { "Core business data missing", "核心业务数据丢失" } },
    { { "Yesterday's orders are missing after the nightly job.", "夜间任务执行后昨日订单数据丢失。" } },
    { { "Restored the orders from the backup and fixed the job.", "已从备份恢复订单数据并修复夜间任务。" } } },
  { 1, CRM_TICKET_COMPLAINT,
    { { "Suspected leak of customer data", "疑似客户数据泄露" } },
    { { "The customer found their client list on a public website.", "客户发现其客户名单出现在公开网站上。" } },
    { { "Revoked the leaked access key, had the page removed and reported to the customer.", "已吊销泄露的访问密钥，联系删除页面并向客户通报。" } } },
  { 1, CRM_TICKET_FAULT,
    { { "Payment interface down", "支付接口中断" } },
    { { "Online payments fail with a timeout; revenue is affected.", "在线支付全部超时失败，影响营收。" } },
    { { "Switched to the standby gateway and fixed the certificate.", "切换至备用网关并更新证书。" } } },
  { 2, CRM_TICKET_FAULT,
    { { "Report export fails", "报表导出失败" } },
    { { "Exporting the monthly report gives an empty file.", "导出月度报表时得到空文件。" } },
    { { "Released a patch for the export; verified with the customer.", "发布导出功能补丁，已与客户验证。" } } },
  { 2, CRM_TICKET_FAULT,
    { { "Data sync delayed", "数据同步延迟" } },
    { { "Changes from the branch offices show up hours later.", "分公司录入的数据数小时后才同步。" } },
    { { "Increased the sync workers and cleared the queue.", "扩容同步服务并清理积压队列。" } } },
  { 2, CRM_TICKET_COMPLAINT,
    { { "Slow answers from support", "投诉客服响应慢" } },
    { { "The customer waited two days for an answer to a simple question.", "客户反映一个简单问题等待两天才得到答复。" } },
    { { "Apologised and assigned a dedicated contact.", "已致歉并安排专人对接。" } } },
  { 2, CRM_TICKET_EXPERIENCE,
    { { "Rollout behind schedule", "实施进度延误" } },
    { { "The rollout is a week late and the customer is worried.", "上线比计划晚了一周，客户很担心。" } },
    { { "Agreed a new plan with weekly status reports.", "与客户确认新计划并每周汇报进度。" } } },
  { 2, CRM_TICKET_FAULT,
    { { "Error when saving orders", "保存订单时报错" } },
    { { "Some orders fail to save with error 500.", "部分订单保存时出现500错误。" } },
    { { "Fixed a validation bug in the order form.", "修复了订单表单的校验缺陷。" } } },
  { 2, CRM_TICKET_NEEDS_CHANGE,
    { { "Approval flow must change", "审批流程需调整" } },
    { { "A new company rule needs an extra approval step.", "公司新规要求增加一级审批。" } },
    { { "Added the approval step to their workflow.", "已在流程中增加审批节点。" } } },
  { 3, CRM_TICKET_CONSULTATION,
    { { "How to issue invoices", "咨询发票开具流程" } },
    { { "The finance team asks how to request VAT invoices.", "客户财务询问如何申请增值税发票。" } },
    { { "Sent the invoice guide and walked them through it.", "已发送开票指南并电话讲解。" } } },
  { 3, CRM_TICKET_CONSULTATION,
    { { "Setting up user permissions", "咨询账号权限设置" } },
    { { "How to give team leads read access to all reports?", "如何让组长查看全部报表？" } },
    { { "Gave step-by-step guidance; the customer confirmed.", "提供了详细操作指导，客户已确认。" } } },
  { 3, CRM_TICKET_NEEDS_CHANGE,
    { { "Request for more user seats", "申请增加用户数" } },
    { { "They need 15 more seats for a new branch.", "新分公司需要增加15个账号。" } },
    { { "Seats added after the order was signed.", "订单签署后已开通账号。" } } },
  { 3, CRM_TICKET_EXPERIENCE,
    { { "Menu layout hard to use", "界面操作不便" } },
    { { "Staff cannot find the export button.", "员工找不到导出按钮。" } },
    { { "Showed the shortcut and passed the idea to the product team.", "已告知快捷方式并将建议反馈产品部。" } } },
  { 3, CRM_TICKET_CONSULTATION,
    { { "Question about data backup", "咨询数据备份方式" } },
    { { "How often is their data backed up, and where?", "客户询问数据备份频率和存放位置。" } },
    { { "Sent the backup policy document.", "已发送数据备份说明文档。" } } },
  { 3, CRM_TICKET_NEEDS_CHANGE,
    { { "Suggestion: dark mode", "建议增加夜间模式" } },
    { { "Night-shift staff would like a dark theme.", "夜班员工希望提供深色主题。" } },
    { { "Logged as a feature request; planned for the next release.", "已登记为功能需求，计划下个版本上线。" } } },
};

static const guint level_weights[3] = { 12, 38, 50 };

static const Text ticket_response_notes[] = {
  { { "Received, we are on it.", "已收到，正在处理。" } },
  { { "Received; an engineer is looking into it.", "已收到，工程师正在排查。" } },
};
static const Text ticket_waiting_notes[] = {
  { { "Waiting for the customer's log files.", "等待客户提供日志文件。" } },
  { { "Waiting for the customer to test the fix.", "等待客户测试修复结果。" } },
};
static const Text ticket_escalation_note = { { "Past its deadline: escalated to the supervisor.", "已超时，升级至主管处理。" } };
static const Text ticket_confirmation_note = { { "The customer confirmed it is solved.", "客户确认问题已解决。" } };
static const Text compensations[] = {
  { { "One month of service free", "赠送一个月服务期" } },
  { { "10% off this month's fee", "减免当月服务费10%" } },
};

/* Which customers a follow-up item fits, and when it is planned */
typedef enum {
  FOR_ANY,
  FOR_ONBOARDING,   /* once, in the first month after the deal */
  FOR_DEAL,
  FOR_KEY_ACCOUNT,
  FOR_VIP,
  FOR_AT_RISK,
  FOR_BIRTHDAY,     /* the day before the customer's birthday */
  FOR_ANNIVERSARY,  /* the day before the anniversary of the first deal */
  FOR_HOLIDAY,      /* three days before a public holiday; the item names it */
} FollowupFor;

typedef struct {
  int         kind;
  FollowupFor fits;
  Text        item;
} FollowupTemplate;

static const FollowupTemplate followup_templates[] = {
  { CRM_FOLLOWUP_EMAIL, FOR_ONBOARDING, { { "Send thank-you note and user guide", "发送感谢信与使用指南" } } },
  { CRM_FOLLOWUP_CALL, FOR_ONBOARDING, { { "First phone call after the deal", "成交后首次电话回访" } } },
  { CRM_FOLLOWUP_REVIEW, FOR_ONBOARDING, { { "First-month usage review", "首月使用情况复盘" } } },
  { CRM_FOLLOWUP_REVIEW, FOR_ANY, { { "Quarterly business review", "季度业务回顾" } } },
  { CRM_FOLLOWUP_REVIEW, FOR_KEY_ACCOUNT, { { "Monthly key-account review", "大客户月度回顾" } } },
  { CRM_FOLLOWUP_CALL, FOR_ANY, { { "Second call after a neutral survey", "满意度一般，二次回访" } } },
  { CRM_FOLLOWUP_VISIT, FOR_DEAL, { { "After-sales visit", "售后服务回访" } } },
  { CRM_FOLLOWUP_GREETING, FOR_BIRTHDAY, { { "Birthday greeting", "生日祝福" } } },
  { CRM_FOLLOWUP_GREETING, FOR_ANNIVERSARY, { { "Partnership anniversary greeting", "合作纪念日问候" } } },
  { CRM_FOLLOWUP_GREETING, FOR_HOLIDAY, { { "Holiday greeting", "节日问候" } } },
  { CRM_FOLLOWUP_GREETING, FOR_HOLIDAY, { { "Holiday greeting", "节日问候" } } },
  { CRM_FOLLOWUP_CARE, FOR_ANY, { { "Check-in: no contact for 30 days", "30天未联系关怀回访" } } },
  { CRM_FOLLOWUP_CARE, FOR_ANY, { { "Non-sales care call", "非销售关怀电话" } } },
  { CRM_FOLLOWUP_ANALYSIS, FOR_AT_RISK, { { "At-risk customer analysis", "风险客户原因分析" } } },
  { CRM_FOLLOWUP_VISIT, FOR_VIP, { { "Quarterly VIP visit", "VIP季度拜访" } } },
  { CRM_FOLLOWUP_EMAIL, FOR_DEAL, { { "Send renewal reminder", "发送续费提醒" } } },
  { CRM_FOLLOWUP_OTHER, FOR_ANY, { { "Invite to the customer day", "邀请参加客户答谢会" } } },
};

#define FALLBACK_FOLLOWUP 12   /* the non-sales care call fits everyone */

typedef struct {
  int year;
  int month;
  int day;
} Ymd;

/* Lunar holidays in the Gregorian calendar */
static const Ymd spring_festival[] = {
  { 2023, 1, 22 }, { 2024, 2, 10 }, { 2025, 1, 29 }, { 2026, 2, 17 }, { 2027, 2, 6 },
  { 2028, 1, 26 }, { 2029, 2, 13 }, { 2030, 2, 3 }, { 2031, 1, 23 }, { 2032, 2, 11 },
};
static const Ymd mid_autumn[] = {
  { 2023, 9, 29 }, { 2024, 9, 17 }, { 2025, 10, 6 }, { 2026, 9, 25 }, { 2027, 9, 15 },
  { 2028, 10, 3 }, { 2029, 9, 22 }, { 2030, 9, 12 }, { 2031, 10, 1 }, { 2032, 9, 19 },
};

typedef struct {
  gint64      at;     /* when the greeting is planned */
  const char *item;
} Holiday;

static const Text complaint_followup_item = { { "Follow-up after the complaint was resolved", "投诉处理后回访" } };

static const Text followup_results[] = {
  { { "Customer satisfied, no issues.", "客户满意，无问题。" } },
  { { "Collected two improvement ideas.", "收集到两条改进建议。" } },
  { { "Customer confirmed the issue is solved.", "客户确认问题已解决。" } },
  { { "Agreed on the renewal in principle.", "初步达成续约意向。" } },
  { { "Customer asked for a product demo.", "客户希望安排产品演示。" } },
  { { "Greeting sent; the customer thanked us.", "已送上祝福，客户表示感谢。" } },
};
static const Text followup_next_steps[] = {
  { { "Send the demo invitation", "发送演示邀请" } },
  { { "Check again in three months", "三个月后再次回访" } },
  { { "Pass the feedback to the product team", "将反馈提交产品部" } },
  { { "Prepare the renewal quotation", "准备续约报价" } },
};
static const Text skip_reasons[] = {
  { { "Customer travelling; rescheduled", "客户出差，已改期" } },
  { { "Customer asked not to be called this month", "客户表示本月无需回访" } },
  { { "Covered in the quarterly meeting", "已在季度会议中覆盖" } },
  { { "The contact has left the company", "联系人已离职" } },
};

static const Text survey_comments[] = {
  { { "Quick and friendly support.", "服务响应快，态度好。" } },
  { { "The product fits our process well.", "产品很符合我们的业务流程。" } },
  { { "Would like more proactive updates.", "希望能更主动地告知进展。" } },
  { { "The price is a bit high.", "价格略高。" } },
  { { "Satisfied overall.", "总体满意。" } },
};
static const Text survey_suggestions[] = {
  { { "Offer more training videos.", "提供更多培训视频。" } },
  { { "Add approvals to the mobile app.", "增加移动端审批功能。" } },
  { { "Send a monthly usage report.", "每月发送使用报告。" } },
  { { "Process invoices faster.", "加快发票处理速度。" } },
};

static const char * const list_separator[2] = { ", ", "、" };
static const char * const sentence_separator[2] = { " ", "" };

/* ------------------------------------------------------------------------- */
/* Statements                                                                 */
/* ------------------------------------------------------------------------- */

enum {
  STMT_MEMBER,
  STMT_CUSTOMER,
  STMT_CONTACT,
  STMT_INTERACTION,
  STMT_TICKET,
  STMT_EVENT,
  STMT_FOLLOWUP,
  STMT_SURVEY,
  STMT_PURCHASE,
  STMT_NEEDS,
  STMT_TAG,
  STMT_TAG_ID,
  STMT_CUSTOMER_TAG,
  STMT_SEQ_GET,
  STMT_SEQ_SET,
  N_STMTS
};

static const char * const statement_sql[N_STMTS] = {
  [STMT_MEMBER] =
    "INSERT INTO team_members (name, role, email, supervisor_id, is_self, active, created_at)"
    " VALUES (?, ?, ?, ?, ?, 1, ?)",
  [STMT_CUSTOMER] =
    "INSERT INTO customers (code, name, sort_key, kind, industry, staff_count, annual_revenue_cents,"
    " tier, key_account, lifecycle, source, owner_id, first_deal_date, birthday, anniversary, address,"
    " website, do_not_contact, notes, last_contact_at, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_CONTACT] =
    "INSERT INTO contacts (customer_id, name, title, role, phone, phone_digits, email, im, is_primary,"
    " consent, birthday, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_INTERACTION] =
    "INSERT INTO interactions (customer_id, contact_id, owner_id, occurred_at, channel, duration_min,"
    " subject, summary, feedback, feedback_category_id, participants, satisfaction, next_action,"
    " next_action_due, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_TICKET] =
    "INSERT INTO tickets (code, customer_id, contact_id, title, description, level, category, status,"
    " assignee_id, department, created_at, first_response_at, response_due, resolved_at,"
    " resolution_due, closed_at, confirmed_at, paused_since, paused_seconds, breached, escalated_at,"
    " resolution, compensation, updated_at, next_due, response_risk_at, resolution_risk_at, escalated_due)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_EVENT] =
    "INSERT INTO ticket_events (ticket_id, at, kind, actor_id, old_value, new_value, note)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
  [STMT_FOLLOWUP] =
    "INSERT INTO followups (customer_id, kind, item, status, planned_at, actual_at, result, next_step,"
    " skip_reason, satisfaction, owner_id, source_ticket_id, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_SURVEY] =
    "INSERT INTO surveys (customer_id, contact_id, taken_at, csat_speed, csat_fit, csat_care, nps,"
    " comment, suggestion)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_PURCHASE] =
    "INSERT INTO purchases (customer_id, purchased_at, product, amount_cents, currency)"
    " VALUES (?, ?, ?, ?, ?)",
  [STMT_NEEDS] =
    "INSERT INTO customer_needs (customer_id, preferred_products, price_sensitivity,"
    " expected_response_hours, value_focus, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?)",
  [STMT_TAG] =
    "INSERT OR IGNORE INTO tags (name) VALUES (?)",
  [STMT_TAG_ID] =
    "SELECT id FROM tags WHERE name = ?",
  [STMT_CUSTOMER_TAG] =
    "INSERT OR IGNORE INTO customer_tags (customer_id, tag_id) VALUES (?, ?)",
  [STMT_SEQ_GET] =
    "SELECT last FROM code_sequences WHERE prefix = ? AND year = ?",
  [STMT_SEQ_SET] =
    "INSERT INTO code_sequences (prefix, year, last) VALUES (?, ?, ?)"
    " ON CONFLICT (prefix, year) DO UPDATE SET last = max(last, excluded.last)",
};

/* ------------------------------------------------------------------------- */
/* State                                                                      */
/* ------------------------------------------------------------------------- */

typedef struct {
  gint64  id;
  char   *name;
  int     role;
} Member;

typedef struct {
  gint64 id;
  int    role;
  char   name[64];
  char   phone[32];
  char   email[128];
} Contact;

typedef struct {
  char name[64];
  char given[32];    /* romanised, lower case: for e-mail addresses */
  char family[32];
} Person;

typedef struct {
  gint64       id;
  char         code[32];
  char         name[160];
  char         domain[96];
  int          kind;
  int          tier;
  int          key_account;
  int          lifecycle;
  const char  *industry;
  const char  *city;          /* in a Chinese company's name, and so in its address */
  gint64       staff_count;
  gint64       revenue_cents;
  const Member *owner;
  gint64       created_at;
  gint64       end_at;        /* history ends: now, or when a churned customer went quiet */
  gint64       first_deal;    /* NONE without a deal */
  gboolean     dnc;
  int          birth_month;   /* 0 without a birthday */
  int          birth_day;
  gboolean     active;        /* not churned: has recent tickets and future follow-ups */
  double       activity;
  guint        product_a;
  guint        product_b;
  Person       person;        /* for a person customer */
} Customer;

typedef struct {
  char  *sql;     /* its CREATE INDEX statement */
  guint  table;   /* in bulk_tables */
} SavedIndex;

typedef struct {
  gint64      at;
  int         kind;
  gint64      actor_id;
  const char *old_value;
  const char *new_value;
  const char *note;
} Event;

typedef struct {
  CrmStore        *store;
  sqlite3         *db;
  GRand           *rand;
  CrmDemoLanguage  lang;
  gint64           now;
  gint64           utc_offset;
  sqlite3_stmt    *stmts[N_STMTS];

  GArray          *members;   /* Member */
  GArray          *agents;    /* guint: indexes into members */
  GArray          *seniors;

  gint64           feedback_ids[N_FEEDBACK];   /* 0 when missing */
  CrmSlaPolicy     policies[4];                /* by level: the deadlines, as tickets get them */
  CrmWorkCalendar *calendar;
  gint64           tag_ids[G_N_ELEMENTS (tags)];

  int              first_year;
  gint64           cs_last[N_YEARS];
  gint64           tk_last[N_YEARS];
  gint64           cs_start[N_YEARS];
  gint64           tk_start[N_YEARS];

  CrmTermWriter   *term_writer;
  GArray          *holidays;        /* Holiday, in time order */
  GArray          *saved_indexes;   /* SavedIndex: dropped for a bulk run, built again at the end */
  guint64          rows[N_STMTS];    /* rows written by each statement */

  /* reused for every customer */
  GPtrArray       *terms;
  GString         *summary;
  GString         *participants;
  GString         *products_text;
  GArray          *times;     /* gint64 */
  Contact          contacts[MAX_CONTACTS];
  guint            n_contacts;
} Gen;

/* ------------------------------------------------------------------------- */
/* Randomness and time                                                        */
/* ------------------------------------------------------------------------- */

/* Functions, not MIN/MAX/CLAMP: those evaluate an argument twice, and so the RNG */
static inline gint64
min64 (gint64 a,
       gint64 b)
{
  return a < b ? a : b;
}

static inline gint64
max64 (gint64 a,
       gint64 b)
{
  return a > b ? a : b;
}

static inline gint64
clamp64 (gint64 x,
         gint64 lo,
         gint64 hi)
{
  return x < lo ? lo : x > hi ? hi : x;
}

static inline guint
rnd (Gen   *g,
     guint  n)
{
  if (n <= 1)
    return 0;
  return (guint) g_rand_int_range (g->rand, 0, (gint32) n);
}

static inline double
rnd_unit (Gen *g)
{
  return g_rand_double (g->rand);
}

static inline gboolean
chance (Gen    *g,
        double  p)
{
  return g_rand_double (g->rand) < p;
}

static inline gint64
rnd_between (Gen    *g,
             gint64  lo,
             gint64  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (g_rand_double (g->rand) * (double) (hi - lo));
}

/* An integer count with the given mean: floor (mean + U[0,1)) */
static inline guint
rnd_count (Gen    *g,
           double  mean)
{
  double c = floor (mean + rnd_unit (g));
  return c <= 0 ? 0 : (guint) c;
}

static guint
rnd_weighted (Gen         *g,
              const guint *weights,
              guint        n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = rnd (g, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

/* Biased towards the front of a list ordered by frequency */
static inline guint
rnd_skewed (Gen   *g,
            guint  n)
{
  double u = rnd_unit (g);
  return MIN ((guint) (n * u * u), n - 1);
}

static inline const char *
pick_text (Gen        *g,
           const Text *texts,
           guint       n)
{
  return texts[rnd (g, n)].s[g->lang];
}

#define PICK(g, array) pick_text ((g), (array), G_N_ELEMENTS (array))
#define PICK_LIST(g, list) pick_text ((g), (list).texts, (list).n)
#define PICK_STR(g, array) ((array)[rnd ((g), G_N_ELEMENTS (array))])
#define TR(g, text) ((text).s[(g)->lang])

static inline gint64
local_day (Gen    *g,
           gint64  t)
{
  gint64 s = t + g->utc_offset;
  return s >= 0 ? s / DAY : -((-s + DAY - 1) / DAY);
}

static void
date_of (Gen    *g,
         gint64  t,
         GDate  *date)
{
  g_date_clear (date, 1);
  /* GDate counts day 1 as 0001-01-01; 1970-01-01 is its day 719163 */
  g_date_set_julian (date, (guint32) (local_day (g, t) + 719163));
}

static void
format_date (Gen    *g,
             gint64  t,
             char   *buf,
             gsize   size)
{
  GDate date;

  date_of (g, t, &date);
  g_snprintf (buf, size, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static int
year_of (Gen    *g,
         gint64  t)
{
  GDate date;

  date_of (g, t, &date);
  return g_date_get_year (&date);
}

static guint
year_slot (Gen *g,
           int  year)
{
  return (guint) CLAMP (year - g->first_year, 0, N_YEARS - 1);
}

/* Moves @t into office hours on its day (weekends mostly to Friday) */
static gint64
office_hours (Gen    *g,
              gint64  t)
{
  gint64 day = local_day (g, t);
  int weekday = (int) (((day % 7) + 7 + 3) % 7);   /* 0 = Monday; 1970-01-01 was a Thursday */

  if (weekday >= 5 && chance (g, 0.9))
    day -= weekday - 4;

  return day * DAY - g->utc_offset + 9 * HOUR + rnd_between (g, 0, 9 * HOUR);
}

/* A time in [lo, hi], in office hours when that fits (a few tries: a range
 * that ends early in the morning has its office hours on the days before) */
static gint64
rnd_work_time (Gen    *g,
               gint64  lo,
               gint64  hi)
{
  gint64 t = lo;

  for (int attempt = 0; attempt < 4; attempt++)
    {
      gint64 w;

      t = rnd_between (g, lo, hi);
      w = office_hours (g, t);
      if (w >= lo && w <= hi)
        return w;
    }
  return t;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* 10:00 local time on the given day, @days_before it */
static gint64
morning_of (Gen *g,
            int  year,
            int  month,
            int  day,
            int  days_before)
{
  GDate date;

  if (month == 2 && day == 29 && !g_date_is_leap_year (year))
    day = 28;
  if (!g_date_valid_dmy (day, month, year))
    return NONE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return ((gint64) g_date_get_julian (&date) - 719163 - days_before) * DAY - g->utc_offset + 10 * HOUR;
}

static void
add_holiday (Gen        *g,
             gint64      at,
             const char *item)
{
  Holiday h = { at, item };

  if (at != NONE)
    g_array_append_val (g->holidays, h);
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  return compare_times (&((const Holiday *) a)->at, &((const Holiday *) b)->at);
}

/* Greetings are planned three days before the holidays of the chosen language */
static void
setup_holidays (Gen *g)
{
  for (int year = g->first_year; year < g->first_year + N_YEARS; year++)
    {
      if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
        {
          add_holiday (g, morning_of (g, year, 1, 1, 3), "元旦问候");
          add_holiday (g, morning_of (g, year, 10, 1, 3), "国庆节问候");
          for (guint i = 0; i < G_N_ELEMENTS (spring_festival); i++)
            if (spring_festival[i].year == year)
              add_holiday (g, morning_of (g, year, spring_festival[i].month, spring_festival[i].day, 3), "春节问候");
          for (guint i = 0; i < G_N_ELEMENTS (mid_autumn); i++)
            if (mid_autumn[i].year == year)
              add_holiday (g, morning_of (g, year, mid_autumn[i].month, mid_autumn[i].day, 3), "中秋节问候");
        }
      else
        {
          GDate nov1;
          int first_thursday;

          g_date_clear (&nov1, 1);
          g_date_set_dmy (&nov1, 1, G_DATE_NOVEMBER, year);
          first_thursday = 1 + (G_DATE_THURSDAY - (int) g_date_get_weekday (&nov1) + 7) % 7;
          add_holiday (g, morning_of (g, year, 1, 1, 3), "New Year greeting");
          add_holiday (g, morning_of (g, year, 11, first_thursday + 21, 3), "Thanksgiving greeting");
          add_holiday (g, morning_of (g, year, 12, 25, 3), "Season's greetings");
        }
    }
  g_array_sort (g->holidays, compare_holidays);
}

/* A random yearly date (month/day, planned @days_before) in [lo, hi], or NONE */
static gint64
rnd_yearly (Gen    *g,
            int     month,
            int     day,
            int     days_before,
            gint64  lo,
            gint64  hi)
{
  gint64 found[N_YEARS + 1];
  guint n = 0;

  for (int year = year_of (g, lo); year <= year_of (g, hi) + 1 && n < G_N_ELEMENTS (found); year++)
    {
      gint64 t = morning_of (g, year, month, day, days_before);

      if (t != NONE && t >= lo && t <= hi)
        found[n++] = t;
    }
  return n > 0 ? found[rnd (g, n)] : NONE;
}

static const Holiday *
rnd_holiday (Gen    *g,
             gint64  lo,
             gint64  hi)
{
  guint first = 0, n = 0;

  for (guint i = 0; i < g->holidays->len; i++)
    {
      gint64 at = g_array_index (g->holidays, Holiday, i).at;

      if (at < lo)
        first = i + 1;
      else if (at <= hi)
        n++;
    }
  return n > 0 ? &g_array_index (g->holidays, Holiday, first + rnd (g, n)) : NULL;
}

/* ------------------------------------------------------------------------- */
/* SQL helpers                                                                */
/* ------------------------------------------------------------------------- */

static inline void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  /* Every string outlives the step that reads it: no copy */
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

static inline void
bind_int (sqlite3_stmt *stmt,
          int           i,
          gint64        value)
{
  if (value != NONE)
    sqlite3_bind_int64 (stmt, i, value);
  else
    sqlite3_bind_null (stmt, i);
}

static inline void
bind_id (sqlite3_stmt *stmt,
         int           i,
         gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, i, id);
  else
    sqlite3_bind_null (stmt, i);
}

static gboolean
step (Gen           *g,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      crm_store_set_error (g->store, error, _("Could not add the demo data"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < N_STMTS; i++)
    if (g->stmts[i] == stmt)
      g->rows[i]++;

  return TRUE;
}

/* Steps an INSERT and returns the new row's id, or 0 on error */
static gint64
insert (Gen           *g,
        sqlite3_stmt  *stmt,
        GError       **error)
{
  if (!step (g, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (g->db);
}

static gboolean
prepare_statements (Gen     *g,
                    GError **error)
{
  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (g->db, statement_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &g->stmts[i], NULL) != SQLITE_OK)
      {
        crm_store_set_error (g->store, error, _("Could not add the demo data"));
        return FALSE;
      }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Names, addresses, phones                                                   */
/* ------------------------------------------------------------------------- */

static void
romanize_lower (const char *in,
                char       *out,
                gsize       size)
{
  gsize n = 0;

  for (const char *p = in; *p && n + 1 < size; p++)
    if (g_ascii_isalnum (*p))
      out[n++] = g_ascii_tolower (*p);
  out[n] = '\0';
}

static void
make_person (Gen    *g,
             Person *p)
{
  if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
    {
      const Roman *family = &zh_surnames[rnd_skewed (g, G_N_ELEMENTS (zh_surnames))];
      const Roman *a = &zh_given[rnd (g, G_N_ELEMENTS (zh_given))];

      /* About half of the names have one given character (张伟), half two (张伟明) */
      if (chance (g, 0.5))
        {
          g_snprintf (p->name, sizeof p->name, "%s%s", family->text, a->text);
          g_strlcpy (p->given, a->roman, sizeof p->given);
        }
      else
        {
          const Roman *b = &zh_given[rnd (g, G_N_ELEMENTS (zh_given))];

          g_snprintf (p->name, sizeof p->name, "%s%s%s", family->text, a->text, b->text);
          g_snprintf (p->given, sizeof p->given, "%s%s", a->roman, b->roman);
        }
      g_strlcpy (p->family, family->roman, sizeof p->family);
    }
  else
    {
      const char *first = PICK_STR (g, en_first_names);
      const char *last = PICK_STR (g, en_last_names);

      g_snprintf (p->name, sizeof p->name, "%s %s", first, last);
      romanize_lower (first, p->given, sizeof p->given);
      romanize_lower (last, p->family, sizeof p->family);
    }
}

static void
make_email (Gen          *g,
            const Person *p,
            const char   *domain,
            gboolean      personal,
            char         *buf,
            gsize         size)
{
  if (personal)
    {
      switch (rnd (g, 3))
        {
        case 0:
          g_snprintf (buf, size, "%s%s%u@%s", p->family, p->given, 60 + rnd (g, 40), domain);
          break;
        case 1:
          g_snprintf (buf, size, "%s.%s@%s", p->given, p->family, domain);
          break;
        default:
          g_snprintf (buf, size, "%s%s%u@%s", p->given, p->family, rnd (g, 1000), domain);
          break;
        }
      return;
    }

  switch (rnd (g, 4))
    {
    case 0:
    case 1:
      g_snprintf (buf, size, "%s.%s@%s", p->given, p->family, domain);
      break;
    case 2:
      g_snprintf (buf, size, "%c%s@%s", p->given[0], p->family, domain);
      break;
    default:
      if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
        g_snprintf (buf, size, "%s%s@%s", p->family, p->given, domain);
      else
        g_snprintf (buf, size, "%s.%c@%s", p->given, p->family[0], domain);
      break;
    }
}

static void
make_phone (Gen   *g,
            char  *buf,
            gsize  size)
{
  if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
    g_snprintf (buf, size, "%s%04u%04u", PICK_STR (g, zh_mobile_prefixes), rnd (g, 10000), rnd (g, 10000));
  else
    g_snprintf (buf, size, "+1 555-%03u-%04u", 200 + rnd (g, 800), rnd (g, 10000));
}

static void
make_company (Gen      *g,
              Customer *c)
{
  if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
    {
      const IndustryWord *ind = &zh_industries[rnd (g, G_N_ELEMENTS (zh_industries))];
      const Roman *a = &zh_brand_first[rnd (g, G_N_ELEMENTS (zh_brand_first))];
      const Roman *b;
      double r = rnd_unit (g);
      const char *suffix = r < 0.8 ? "有限公司" : r < 0.92 ? "股份有限公司" : "集团有限公司";

      do
        b = &zh_brand_second[rnd (g, G_N_ELEMENTS (zh_brand_second))];
      while (strcmp (a->text, b->text) == 0);

      c->city = PICK_STR (g, zh_cities);
      g_snprintf (c->name, sizeof c->name, "%s%s%s%s%s", c->city, a->text, b->text, ind->word, suffix);
      g_snprintf (c->domain, sizeof c->domain, "%s%s-%s.example.com", a->roman, b->roman, ind->slug);
      c->industry = ind->industry;
    }
  else
    {
      const IndustryWord *ind = &en_industries[rnd (g, G_N_ELEMENTS (en_industries))];
      const char *suffix = PICK_STR (g, en_company_suffixes);
      char first[32], second[32], word[32];

      romanize_lower (ind->word, word, sizeof word);
      if (chance (g, 0.15))
        {
          const char *x = PICK_STR (g, en_last_names);
          const char *y = PICK_STR (g, en_last_names);

          g_snprintf (c->name, sizeof c->name, "%s & %s %s", x, y, ind->word);
          romanize_lower (x, first, sizeof first);
          romanize_lower (y, second, sizeof second);
          g_snprintf (c->domain, sizeof c->domain, "%s%s.example.com", first, second);
        }
      else
        {
          const char *brand = PICK_STR (g, en_brands);

          g_snprintf (c->name, sizeof c->name, "%s %s %s", brand, ind->word, suffix);
          romanize_lower (brand, first, sizeof first);
          g_snprintf (c->domain, sizeof c->domain, "%s%s.example.com", first, word);
        }
      c->industry = ind->industry;
    }
}

static void
make_address (Gen        *g,
              gboolean    company,
              const char *city_hint,
              char       *buf,
              gsize       size)
{
  if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
    {
      const char *city = city_hint != NULL ? city_hint : PICK_STR (g, zh_cities);
      const char *district = PICK_STR (g, zh_districts);
      const char *road = PICK_STR (g, zh_roads);

      if (company)
        g_snprintf (buf, size, "%s市%s%s%u号%u栋%u室", city, district, road,
                    1 + rnd (g, 888), 1 + rnd (g, 12), 100 * (1 + rnd (g, 20)) + 1 + rnd (g, 20));
      else
        g_snprintf (buf, size, "%s市%s%s%u号", city, district, road, 1 + rnd (g, 888));
    }
  else
    {
      const EnCity *city = &en_cities[rnd (g, G_N_ELEMENTS (en_cities))];

      if (company)
        g_snprintf (buf, size, "%u %s %s, Suite %u, %s, %s %05u", 1 + rnd (g, 9899),
                    PICK_STR (g, en_streets), PICK_STR (g, en_street_kinds), 100 + rnd (g, 900),
                    city->city, city->state, 10000 + rnd (g, 89999));
      else
        g_snprintf (buf, size, "%u %s %s, %s, %s %05u", 1 + rnd (g, 9899),
                    PICK_STR (g, en_streets), PICK_STR (g, en_street_kinds),
                    city->city, city->state, 10000 + rnd (g, 89999));
    }
}

/* Appends @tmpl with $C replaced by @contact and $P by @product */
static void
expand (GString    *out,
        const char *tmpl,
        const char *contact,
        const char *product)
{
  const char *p = tmpl;
  const char *dollar;

  while ((dollar = strchr (p, '$')) != NULL)
    {
      g_string_append_len (out, p, dollar - p);
      if (dollar[1] == 'C')
        g_string_append (out, contact);
      else if (dollar[1] == 'P')
        g_string_append (out, product);
      else
        g_string_append_len (out, dollar, 2);
      p = dollar + 2;
    }
  g_string_append (out, p);
}

/* ------------------------------------------------------------------------- */
/* Setup: team, lookups, code sequences                                       */
/* ------------------------------------------------------------------------- */

static void
member_clear (gpointer data)
{
  Member *m = data;
  g_free (m->name);
}

static gboolean
load_members (Gen         *g,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (g->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      crm_store_set_error (g->store, error, _("Could not add the demo data"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Member m;

      m.id = sqlite3_column_int64 (stmt, 0);
      m.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      m.role = sqlite3_column_int (stmt, 2);
      g_array_append_val (g->members, m);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error (g->store, error, _("Could not add the demo data"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_team (Gen     *g,
             GError **error)
{
  static const int roles[] = { 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = g->stmts[STMT_MEMBER];
  gint64 ids[G_N_ELEMENTS (roles)];
  gint64 created_at = g->now - (HISTORY_DAYS + 30) * DAY;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      Person p;
      char email[128];
      gint64 supervisor = 0;

      do
        make_person (g, &p);
      while (g_hash_table_contains (names, p.name));
      g_hash_table_add (names, g_strdup (p.name));

      g_snprintf (email, sizeof email, "%s.%s@team.example.com", p.given, p.family);
      if (roles[i] == CRM_MEMBER_SUPERVISOR)
        supervisor = ids[0];
      else if (roles[i] == CRM_MEMBER_AGENT)
        supervisor = ids[1 + (i % 2)];

      bind_text (stmt, 1, p.name);
      sqlite3_bind_int (stmt, 2, roles[i]);
      bind_text (stmt, 3, email);
      bind_id (stmt, 4, supervisor);
      sqlite3_bind_int (stmt, 5, i == 3);   /* the first agent is "me" */
      sqlite3_bind_int64 (stmt, 6, created_at);
      if ((ids[i] = insert (g, stmt, error)) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
setup_team (Gen     *g,
            GError **error)
{
  if (!load_members (g, "SELECT id, name, role FROM team_members WHERE active = 1 ORDER BY id", error))
    return FALSE;
  if (g->members->len == 0 &&
      !load_members (g, "SELECT id, name, role FROM team_members ORDER BY id", error))
    return FALSE;

  if (g->members->len == 0)
    {
      if (!create_team (g, error) ||
          !load_members (g, "SELECT id, name, role FROM team_members ORDER BY id", error))
        return FALSE;
    }

  for (guint i = 0; i < g->members->len; i++)
    {
      const Member *m = &g_array_index (g->members, Member, i);

      if (m->role == CRM_MEMBER_AGENT)
        g_array_append_val (g->agents, i);
      else
        g_array_append_val (g->seniors, i);
    }
  if (g->agents->len == 0)
    for (guint i = 0; i < g->members->len; i++)
      g_array_append_val (g->agents, i);
  if (g->seniors->len == 0)
    for (guint i = 0; i < g->agents->len; i++)
      g_array_append_val (g->seniors, g_array_index (g->agents, guint, i));

  return TRUE;
}

static const Member *
pick_agent (Gen *g)
{
  guint i = g_array_index (g->agents, guint, rnd (g, g->agents->len));
  return &g_array_index (g->members, Member, i);
}

static const Member *
pick_senior (Gen *g)
{
  guint i = g_array_index (g->seniors, guint, rnd (g, g->seniors->len));
  return &g_array_index (g->members, Member, i);
}

static const Member *
pick_member (Gen *g)
{
  return &g_array_index (g->members, Member, rnd (g, g->members->len));
}

static gboolean
load_lookups (Gen     *g,
              GError **error)
{
  sqlite3_stmt *stmt = NULL;

  /* deadlines as the ticket board computes them: level 3 in working time */
  g->calendar = crm_work_calendar_load (g->store, NULL, error);
  if (g->calendar == NULL)
    return FALSE;
  for (int level = 1; level <= 3; level++)
    if (!crm_sla_policy_load (g->store, level, FALSE, &g->policies[level], error))
      return FALSE;

  if (sqlite3_prepare_v2 (g->db, "SELECT id FROM feedback_categories WHERE builtin_key = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (guint i = 0; i < N_FEEDBACK; i++)
    {
      bind_text (stmt, 1, feedback_keys[i]);
      g->feedback_ids[i] = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      sqlite3_stmt *get = g->stmts[STMT_TAG_ID];

      bind_text (g->stmts[STMT_TAG], 1, TR (g, tags[i]));
      if (!step (g, g->stmts[STMT_TAG], error))
        return FALSE;
      bind_text (get, 1, TR (g, tags[i]));
      g->tag_ids[i] = sqlite3_step (get) == SQLITE_ROW ? sqlite3_column_int64 (get, 0) : 0;
      sqlite3_reset (get);
    }

  for (guint i = 0; i < N_YEARS; i++)
    {
      sqlite3_stmt *get = g->stmts[STMT_SEQ_GET];

      sqlite3_bind_text (get, 1, "CS", -1, SQLITE_STATIC);
      sqlite3_bind_int (get, 2, g->first_year + (int) i);
      g->cs_last[i] = sqlite3_step (get) == SQLITE_ROW ? sqlite3_column_int64 (get, 0) : 0;
      sqlite3_reset (get);

      sqlite3_bind_text (get, 1, "TK", -1, SQLITE_STATIC);
      g->tk_last[i] = sqlite3_step (get) == SQLITE_ROW ? sqlite3_column_int64 (get, 0) : 0;
      sqlite3_reset (get);

      g->cs_start[i] = g->cs_last[i];
      g->tk_start[i] = g->tk_last[i];
    }

  return TRUE;

fail:
  sqlite3_finalize (stmt);
  crm_store_set_error (g->store, error, _("Could not add the demo data"));
  return FALSE;
}

static gboolean
save_sequences (Gen     *g,
                GError **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_SEQ_SET];

  for (guint i = 0; i < N_YEARS; i++)
    {
      if (g->cs_last[i] != g->cs_start[i])
        {
          sqlite3_bind_text (stmt, 1, "CS", -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, g->first_year + (int) i);
          sqlite3_bind_int64 (stmt, 3, g->cs_last[i]);
          if (!step (g, stmt, error))
            return FALSE;
        }
      if (g->tk_last[i] != g->tk_start[i])
        {
          sqlite3_bind_text (stmt, 1, "TK", -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 2, g->first_year + (int) i);
          sqlite3_bind_int64 (stmt, 3, g->tk_last[i]);
          if (!step (g, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* One customer                                                               */
/* ------------------------------------------------------------------------- */

static void
shape_customer (Gen      *g,
                Customer *c)
{
  static const guint tier_weights[CRM_N_TIERS] = { 15, 55, 30 };
  static const guint lifecycle_weights[CRM_N_LIFECYCLES] = { 0, 35, 35, 14, 10, 6 };
  static const double tier_activity[CRM_N_TIERS] = { 1.6, 1.0, 0.7 };
  gint64 age_days;
  double r;

  memset (c, 0, sizeof *c);

  c->kind = chance (g, 0.85) ? CRM_CUSTOMER_COMPANY : CRM_CUSTOMER_PERSON;
  c->tier = (int) rnd_weighted (g, tier_weights, CRM_N_TIERS);

  /* Diamond ~6%, gold ~13%: mostly among VIPs, never potential customers */
  r = rnd_unit (g);
  if (c->tier == CRM_TIER_VIP)
    c->key_account = r < 0.30 ? 2 : r < 0.65 ? 1 : 0;
  else if (c->tier == CRM_TIER_NORMAL)
    c->key_account = r < 0.027 ? 2 : r < 0.167 ? 1 : 0;

  age_days = 2 + (gint64) rnd (g, HISTORY_DAYS - 2);
  c->created_at = rnd_work_time (g, g->now - age_days * DAY, g->now - (age_days - 1) * DAY);
  if (age_days < 90)
    c->lifecycle = chance (g, 0.75) ? CRM_LIFECYCLE_NEW : CRM_LIFECYCLE_ACTIVE;
  else
    c->lifecycle = (int) rnd_weighted (g, lifecycle_weights, CRM_N_LIFECYCLES);

  c->active = c->lifecycle != CRM_LIFECYCLE_CHURNED;
  c->end_at = g->now;
  if (!c->active)
    c->end_at = max64 (c->created_at + 30 * DAY, g->now - rnd_between (g, 45, 240) * DAY);
  c->end_at = min64 (c->end_at, g->now);

  c->first_deal = NONE;
  if (!((c->tier == CRM_TIER_POTENTIAL && chance (g, 0.4)) ||
        (c->lifecycle == CRM_LIFECYCLE_NEW && chance (g, 0.3))))
    c->first_deal = rnd_between (g, c->created_at, min64 (c->created_at + 45 * DAY, g->now - HOUR));

  c->dnc = chance (g, 0.03);
  c->owner = pick_agent (g);

  /* Activity: 5% nearly empty, the rest gamma(2)-like with mean ~1 */
  if (chance (g, 0.05))
    c->activity = 0.02 + 0.1 * rnd_unit (g);
  else
    c->activity = 1.049 * (-log (1.0 - rnd_unit (g)) - log (1.0 - rnd_unit (g))) / 2.0;
  c->activity = MIN (c->activity, 6.0) * tier_activity[c->tier];

  c->product_a = rnd (g, G_N_ELEMENTS (products));
  c->product_b = rnd (g, G_N_ELEMENTS (products));
}

static gboolean
insert_customer (Gen       *g,
                 Customer  *c,
                 gint64     last_contact,
                 GError   **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_CUSTOMER];
  g_autofree char *sort_key = NULL;
  char first_deal_date[16] = "";
  char birthday[16] = "";
  char anniversary[16] = "";
  char address[256] = "";
  char website[128] = "";
  const char *notes = NULL;
  gint64 seq;
  guint slot;
  int year;

  if (c->kind == CRM_CUSTOMER_COMPANY)
    {
      make_company (g, c);
      c->staff_count = (gint64) exp (log (5.0) + rnd_unit (g) * log (1000.0));  /* 5 … 5000 */
      c->revenue_cents = c->staff_count * rnd_between (g, 150000, 1200000) * 100;
      if (g->lang == CRM_DEMO_LANGUAGE_ENGLISH)
        c->revenue_cents /= 7;
      if (chance (g, 0.1))
        c->staff_count = NONE;
      if (chance (g, 0.2))
        c->revenue_cents = NONE;
    }
  else
    {
      make_person (g, &c->person);
      g_strlcpy (c->name, c->person.name, sizeof c->name);
      g_strlcpy (c->domain, PICK_STR (g, personal_mail_domains), sizeof c->domain);
      c->industry = NULL;
      c->staff_count = NONE;
      c->revenue_cents = NONE;
    }

  year = year_of (g, c->first_deal != NONE ? c->first_deal : c->created_at);
  slot = year_slot (g, year);
  seq = ++g->cs_last[slot];
  g_snprintf (c->code, sizeof c->code, "CS%d%03" G_GINT64_FORMAT, g->first_year + (int) slot, seq);

  sort_key = crm_search_fold (c->name);

  if (c->first_deal != NONE)
    format_date (g, c->first_deal, first_deal_date, sizeof first_deal_date);

  if (c->kind == CRM_CUSTOMER_PERSON && chance (g, 0.7))
    {
      gint64 born = g->now - (gint64) (25 + rnd (g, 35)) * 365 * DAY - rnd_between (g, 0, 365 * DAY);

      GDate date;

      date_of (g, born, &date);
      format_date (g, born, birthday, sizeof birthday);
      c->birth_month = g_date_get_month (&date);
      c->birth_day = g_date_get_day (&date);
      if (chance (g, 0.2))
        {
          /* year unknown: --MM-DD */
          memmove (birthday + 2, birthday + 5, 6);
          birthday[0] = birthday[1] = '-';
        }
    }
  if (c->first_deal != NONE && chance (g, 0.4))
    g_strlcpy (anniversary, first_deal_date, sizeof anniversary);

  if (chance (g, 0.9))
    make_address (g, c->kind == CRM_CUSTOMER_COMPANY, c->city, address, sizeof address);
  if (c->kind == CRM_CUSTOMER_COMPANY && chance (g, 0.7))
    g_snprintf (website, sizeof website, "https://www.%s", c->domain);
  if (chance (g, 0.1))
    notes = PICK (g, customer_notes);

  bind_text (stmt, 1, c->code);
  bind_text (stmt, 2, c->name);
  bind_text (stmt, 3, sort_key);
  sqlite3_bind_int (stmt, 4, c->kind);
  bind_text (stmt, 5, c->industry);
  bind_int (stmt, 6, c->staff_count);
  bind_int (stmt, 7, c->revenue_cents);
  sqlite3_bind_int (stmt, 8, c->tier);
  sqlite3_bind_int (stmt, 9, c->key_account);
  sqlite3_bind_int (stmt, 10, c->lifecycle);
  bind_text (stmt, 11, PICK (g, sources));
  bind_id (stmt, 12, c->owner->id);
  bind_text (stmt, 13, first_deal_date[0] ? first_deal_date : NULL);
  bind_text (stmt, 14, birthday[0] ? birthday : NULL);
  bind_text (stmt, 15, anniversary[0] ? anniversary : NULL);
  bind_text (stmt, 16, address[0] ? address : NULL);
  bind_text (stmt, 17, website[0] ? website : NULL);
  sqlite3_bind_int (stmt, 18, c->dnc);
  bind_text (stmt, 19, notes);
  bind_int (stmt, 20, last_contact);
  sqlite3_bind_int64 (stmt, 21, c->created_at);
  sqlite3_bind_int64 (stmt, 22, MAX (c->created_at, last_contact != NONE ? last_contact : c->created_at));

  c->id = insert (g, stmt, error);
  return c->id != 0;
}

static gboolean
insert_contacts (Gen       *g,
                 Customer  *c,
                 GError   **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_CONTACT];
  guint n;

  if (c->kind == CRM_CUSTOMER_PERSON)
    n = chance (g, 0.3) ? 2 : 1;
  else
    n = 1 + rnd_count (g, 2.3 * (0.5 + 0.5 * MIN (c->activity, 3.0)));
  n = MIN (n, MAX_CONTACTS);

  g->n_contacts = 0;
  for (guint i = 0; i < n; i++)
    {
      Contact *ct = &g->contacts[g->n_contacts];
      Person p;
      const char *title;
      char im[64] = "";
      char birthday[16] = "";
      gboolean has_phone, has_email;
      g_autofree char *digits = NULL;
      gint64 created;

      if (c->kind == CRM_CUSTOMER_PERSON && i == 0)
        {
          p = c->person;
          ct->role = CRM_CONTACT_ROLE_DECISION_MAKER;
          title = NULL;
        }
      else if (c->kind == CRM_CUSTOMER_PERSON)
        {
          make_person (g, &p);
          ct->role = CRM_CONTACT_ROLE_INFLUENCER;
          title = PICK (g, titles_private);
        }
      else
        {
          make_person (g, &p);
          if (i == 0)
            ct->role = chance (g, 0.6) ? CRM_CONTACT_ROLE_DECISION_MAKER : CRM_CONTACT_ROLE_INFLUENCER;
          else
            ct->role = (int) rnd (g, CRM_N_CONTACT_ROLES);
          title = ct->role == CRM_CONTACT_ROLE_DECISION_MAKER ? PICK (g, titles_decision) :
                  ct->role == CRM_CONTACT_ROLE_INFLUENCER ? PICK (g, titles_influencer) :
                  PICK (g, titles_user);
        }

      g_strlcpy (ct->name, p.name, sizeof ct->name);
      has_phone = i == 0 || chance (g, 0.9);
      has_email = chance (g, g->lang == CRM_DEMO_LANGUAGE_CHINESE ? 0.8 : 0.95);
      ct->phone[0] = ct->email[0] = '\0';
      if (has_phone)
        make_phone (g, ct->phone, sizeof ct->phone);
      if (has_email)
        make_email (g, &p, c->domain, c->kind == CRM_CUSTOMER_PERSON, ct->email, sizeof ct->email);
      if (chance (g, 0.35))
        {
          if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
            g_snprintf (im, sizeof im, "wxid_%s%s%02u", p.family, p.given, rnd (g, 100));
          else
            g_snprintf (im, sizeof im, "@%s.%s", p.given, p.family);
        }
      if (chance (g, 0.2))
        format_date (g, g->now - (gint64) (25 + rnd (g, 35)) * 365 * DAY - rnd_between (g, 0, 365 * DAY),
                     birthday, sizeof birthday);
      digits = crm_search_phone_digits (ct->phone[0] ? ct->phone : NULL);
      created = min64 (c->created_at + (i == 0 ? 0 : rnd_between (g, 0, 120 * DAY)), g->now);

      bind_id (stmt, 1, c->id);
      bind_text (stmt, 2, ct->name);
      bind_text (stmt, 3, title);
      sqlite3_bind_int (stmt, 4, ct->role);
      bind_text (stmt, 5, ct->phone[0] ? ct->phone : NULL);
      bind_text (stmt, 6, digits);
      bind_text (stmt, 7, ct->email[0] ? ct->email : NULL);
      bind_text (stmt, 8, im[0] ? im : NULL);
      sqlite3_bind_int (stmt, 9, i == 0);
      sqlite3_bind_int (stmt, 10, !chance (g, 0.03));
      bind_text (stmt, 11, birthday[0] ? birthday : NULL);
      sqlite3_bind_int64 (stmt, 12, created);
      sqlite3_bind_int64 (stmt, 13, created);
      if ((ct->id = insert (g, stmt, error)) == 0)
        return FALSE;
      g->n_contacts++;
    }

  return TRUE;
}

static gboolean
insert_search_terms (Gen       *g,
                     Customer  *c,
                     GError   **error)
{
  g_ptr_array_set_size (g->terms, 0);
  crm_search_add_text_terms (g->terms, c->name);
  crm_search_add_text_terms (g->terms, c->code);
  for (guint i = 0; i < g->n_contacts; i++)
    {
      const Contact *ct = &g->contacts[i];

      crm_search_add_contact_terms (g->terms, ct->name, ct->phone, ct->email);
    }

  /* terms are unique per customer already */
  return crm_term_writer_add (g->term_writer, c->id, g->terms, error);
}

static gboolean
insert_tags_and_needs (Gen       *g,
                       Customer  *c,
                       GError   **error)
{
  static const guint n_tags_weights[] = { 30, 35, 25, 10 };
  static const gint64 response_hours[] = { 1, 2, 4, 8, 24 };
  guint n_tags = rnd_weighted (g, n_tags_weights, G_N_ELEMENTS (n_tags_weights));
  guint first = rnd (g, G_N_ELEMENTS (tags));
  guint stride = 1 + rnd (g, 3);

  for (guint i = 0; i < n_tags; i++)
    {
      sqlite3_stmt *stmt = g->stmts[STMT_CUSTOMER_TAG];
      gint64 tag_id = g->tag_ids[(first + i * stride) % G_N_ELEMENTS (tags)];

      if (tag_id == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, c->id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      if (!step (g, stmt, error))
        return FALSE;
    }

  if (chance (g, 0.85))
    {
      sqlite3_stmt *stmt = g->stmts[STMT_NEEDS];
      int sensitivity = c->tier == CRM_TIER_POTENTIAL ? 1 + (int) rnd (g, 2) : (int) rnd (g, 3);

      g_string_assign (g->products_text, TR (g, products[c->product_a].name));
      if (c->product_b != c->product_a && chance (g, 0.5))
        {
          g_string_append (g->products_text, list_separator[g->lang]);
          g_string_append (g->products_text, TR (g, products[c->product_b].name));
        }

      sqlite3_bind_int64 (stmt, 1, c->id);
      bind_text (stmt, 2, g->products_text->str);
      sqlite3_bind_int (stmt, 3, sensitivity);
      sqlite3_bind_int64 (stmt, 4, c->key_account > 0 ? 2 : response_hours[rnd (g, G_N_ELEMENTS (response_hours))]);
      sqlite3_bind_int (stmt, 5, (int) rnd (g, 3));
      sqlite3_bind_int64 (stmt, 6, rnd_between (g, c->created_at, c->end_at));
      if (!step (g, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static const Contact *
pick_contact (Gen *g)
{
  /* The primary contact takes about half of the conversations */
  if (g->n_contacts == 1 || chance (g, 0.5))
    return &g->contacts[0];
  return &g->contacts[1 + rnd (g, g->n_contacts - 1)];
}

static void
plan_interactions (Gen      *g,
                   Customer *c)
{
  guint n = rnd_count (g, MEAN_INTERACTIONS * c->activity);

  g_array_set_size (g->times, 0);
  for (guint i = 0; i < n; i++)
    {
      /* what happened; plans for the coming days are follow-ups */
      gint64 t = rnd_work_time (g, c->created_at, MIN (c->end_at, g->now));
      g_array_append_val (g->times, t);
    }
  g_array_sort (g->times, compare_times);
}

static gint64
last_contact_of (Gen *g)
{
  gint64 last = NONE;

  for (guint i = 0; i < g->times->len; i++)
    {
      gint64 t = g_array_index (g->times, gint64, i);

      if (t <= g->now)
        last = t;
    }
  return last;
}

static gboolean
insert_interactions (Gen       *g,
                     Customer  *c,
                     GError   **error)
{
  static const guint satisfaction_weights[5] = { 4, 7, 17, 38, 34 };
  sqlite3_stmt *stmt = g->stmts[STMT_INTERACTION];

  for (guint i = 0; i < g->times->len; i++)
    {
      gint64 t = g_array_index (g->times, gint64, i);
      guint channel = rnd_weighted (g, channel_weights, CRM_N_CHANNELS);
      const Contact *ct = chance (g, 0.85) ? pick_contact (g) : NULL;
      const Member *owner = chance (g, 0.85) ? c->owner : pick_member (g);
      const char *contact_name = ct != NULL ? ct->name : g->contacts[0].name;
      const char *product = TR (g, products[chance (g, 0.7) ? c->product_a : c->product_b].name);
      const Subject *subject;
      const char *feedback = NULL;
      const char *next_action = NULL;
      gint64 feedback_id = 0, next_due = NONE, duration = NONE, satisfaction = NONE;
      gint64 created;
      int category = -1;

      switch (channel)
        {
        case CRM_CHANNEL_PHONE:   duration = 3 + rnd (g, 28); break;
        case CRM_CHANNEL_VISIT:   duration = 30 + 15 * rnd (g, 7); break;
        case CRM_CHANNEL_MEETING: duration = 30 + 15 * rnd (g, 5); break;
        case CRM_CHANNEL_CHAT:    duration = 5 + rnd (g, 36); break;
        default: break;
        }

      subject = &channel_subjects[channel].subjects[rnd (g, channel_subjects[channel].n)];
      g_string_truncate (g->summary, 0);
      expand (g->summary, TR (g, subject->opening), contact_name, product);
      g_string_append (g->summary, sentence_separator[g->lang]);
      g_string_append (g->summary, PICK (g, summary_details));

      if (chance (g, 0.55))
        {
          category = (int) rnd_weighted (g, feedback_weights, N_FEEDBACK);
          feedback = PICK_LIST (g, feedback_texts[category]);
          if (chance (g, 0.9))
            feedback_id = g->feedback_ids[category];
        }

      g_string_truncate (g->participants, 0);
      if (channel == CRM_CHANNEL_VISIT || channel == CRM_CHANNEL_MEETING)
        {
          g_string_append (g->participants, contact_name);
          g_string_append (g->participants, list_separator[g->lang]);
          g_string_append (g->participants, owner->name);
        }

      if (chance (g, 0.6))
        {
          if (category == FEEDBACK_PRAISE)
            satisfaction = 4 + rnd (g, 2);
          else if (category == FEEDBACK_PRODUCT_USE || category == FEEDBACK_PRICE)
            satisfaction = 2 + rnd (g, 3);
          else
            satisfaction = 1 + rnd_weighted (g, satisfaction_weights, 5);
        }

      if (chance (g, 0.35))
        {
          next_action = PICK (g, next_actions);
          next_due = office_hours (g, t + rnd_between (g, DAY, 14 * DAY));
        }

      if (t <= g->now)
        created = min64 (t + rnd_between (g, 0, 2 * HOUR), g->now);
      else
        created = max64 (c->created_at, g->now - rnd_between (g, 0, 3 * DAY));

      bind_id (stmt, 1, c->id);
      bind_id (stmt, 2, ct != NULL ? ct->id : 0);
      bind_id (stmt, 3, owner->id);
      sqlite3_bind_int64 (stmt, 4, t);
      sqlite3_bind_int (stmt, 5, (int) channel);
      bind_int (stmt, 6, duration);
      bind_text (stmt, 7, TR (g, subject->subject));
      bind_text (stmt, 8, g->summary->str);
      bind_text (stmt, 9, feedback);
      bind_id (stmt, 10, feedback_id);
      bind_text (stmt, 11, g->participants->len > 0 ? g->participants->str : NULL);
      bind_int (stmt, 12, satisfaction);
      bind_text (stmt, 13, next_action);
      bind_int (stmt, 14, next_due);
      sqlite3_bind_int64 (stmt, 15, created);
      sqlite3_bind_int64 (stmt, 16, created);
      if (!step (g, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static void
add_event (Event       *events,
           guint       *n,
           gint64       at,
           int          kind,
           gint64       actor_id,
           const char  *old_value,
           const char  *new_value,
           const char  *note)
{
  Event e = { at, kind, actor_id, old_value, new_value, note };
  guint i = *n;

  /* insertion keeps them in time order, and in the order added at equal times */
  while (i > 0 && events[i - 1].at > at)
    {
      events[i] = events[i - 1];
      i--;
    }
  events[i] = e;
  (*n)++;
}

static const char * const status_values[] = { "0", "1", "2", "3", "4" };

static gboolean
insert_followup (Gen          *g,
                 Customer     *c,
                 int           kind,
                 const char   *item,
                 gint64        planned,
                 gboolean      may_be_open,
                 const Member *owner,
                 gint64        source_ticket_id,
                 GError      **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_FOLLOWUP];
  gint64 age = g->now - planned;
  gint64 actual = NONE, satisfaction = NONE, created, updated;
  const char *result = NULL, *next_step = NULL, *skip_reason = NULL;
  int status;
  double r = rnd_unit (g);

  if (age < 0)
    status = CRM_FOLLOWUP_PLANNED;
  else if (age < 30 * DAY)
    status = r < 0.4 && may_be_open ? CRM_FOLLOWUP_PLANNED : r < 0.9 ? CRM_FOLLOWUP_DONE : CRM_FOLLOWUP_SKIPPED;
  else
    status = r < 0.03 && may_be_open ? CRM_FOLLOWUP_PLANNED : r < 0.88 ? CRM_FOLLOWUP_DONE : CRM_FOLLOWUP_SKIPPED;

  created = clamp64 (planned - rnd_between (g, HOUR, 20 * DAY), c->created_at, min64 (planned, g->now));
  updated = created;

  if (status == CRM_FOLLOWUP_DONE)
    {
      /* done in office hours, from a day early to two days late */
      actual = clamp64 (rnd_work_time (g, planned - DAY, planned + 2 * DAY), created, g->now);
      result = PICK (g, followup_results);
      if (chance (g, 0.3))
        next_step = PICK (g, followup_next_steps);
      if (chance (g, 0.4))
        satisfaction = 3 + rnd (g, 3);
      updated = actual;
    }
  else if (status == CRM_FOLLOWUP_SKIPPED)
    {
      skip_reason = PICK (g, skip_reasons);
      updated = CLAMP (planned, created, g->now);
    }

  sqlite3_bind_int64 (stmt, 1, c->id);
  sqlite3_bind_int (stmt, 2, kind);
  bind_text (stmt, 3, item);
  sqlite3_bind_int (stmt, 4, status);
  sqlite3_bind_int64 (stmt, 5, planned);
  bind_int (stmt, 6, actual);
  bind_text (stmt, 7, result);
  bind_text (stmt, 8, next_step);
  bind_text (stmt, 9, skip_reason);
  bind_int (stmt, 10, satisfaction);
  bind_id (stmt, 11, owner->id);
  bind_id (stmt, 12, source_ticket_id);
  sqlite3_bind_int64 (stmt, 13, created);
  sqlite3_bind_int64 (stmt, 14, updated);

  return step (g, stmt, error);
}

static gboolean
insert_tickets (Gen       *g,
                Customer  *c,
                GError   **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_TICKET];
  sqlite3_stmt *event_stmt = g->stmts[STMT_EVENT];
  guint n = rnd_count (g, MEAN_TICKETS * c->activity);

  for (guint i = 0; i < n; i++)
    {
      int level = 1 + (int) rnd_weighted (g, level_weights, 3);
      const TicketTemplate *tmpl;
      const Member *assignee, *supervisor = pick_senior (g);
      const Contact *ct = chance (g, 0.6) ? &g->contacts[0] : (chance (g, 0.7) ? pick_contact (g) : NULL);
      gint64 created, response_due, resolution_due;
      CrmSlaStatus sla;
      gint64 first_response = NONE, resolved = NONE, closed = NONE, confirmed = NONE;
      gint64 paused_since = NONE, escalated = NONE, department = NONE, updated;
      gint64 breach = NONE;
      char breach_text[24];
      gboolean breached;
      const char *resolution = NULL, *compensation = NULL;
      char code[32];
      int status;
      guint slot;
      gint64 ticket_id;
      Event events[12];
      guint n_events = 0;

      do
        tmpl = &ticket_templates[rnd (g, G_N_ELEMENTS (ticket_templates))];
      while (tmpl->level != level);

      /* Some tickets are recent, so that every level has open ones, late or not */
      if (c->active && chance (g, 0.15))
        created = g->now - (chance (g, 0.5) ? rnd_between (g, 10 * MINUTE, 3 * DAY) : rnd_between (g, 3 * DAY, 21 * DAY));
      else
        created = rnd_work_time (g, c->created_at, c->end_at - HOUR);
      created = CLAMP (created, c->created_at, g->now - 5 * MINUTE);

      if (g->now - created > 45 * DAY)
        {
          /* old problems were closed long ago, a few never confirmed and closed */
          status = chance (g, 0.98) ? CRM_TICKET_CLOSED : CRM_TICKET_RESOLVED;
        }
      else if (g->now - created > 14 * DAY)
        {
          /* a few stragglers of the last weeks are still open */
          double r = rnd_unit (g);
          status = r < 0.93 ? CRM_TICKET_CLOSED : r < 0.97 ? CRM_TICKET_RESOLVED : (int) rnd (g, 3);
        }
      else
        {
          static const guint recent_weights[CRM_N_TICKET_STATUSES] = { 20, 30, 15, 15, 20 };
          status = (int) rnd_weighted (g, recent_weights, CRM_N_TICKET_STATUSES);
        }

      {
        CrmSlaClockInput clock_in = { created, 0, 0, NULL, 0 };

        crm_sla_compute (&g->policies[level], g->calendar, &clock_in, created, &sla);
        response_due = sla.response.due;
        resolution_due = sla.resolution.due;
      }

      assignee = level == 1 ? supervisor : (chance (g, 0.8) ? c->owner : pick_agent (g));
      switch (tmpl->category)
        {
        case CRM_TICKET_FAULT:        department = 0; break;
        case CRM_TICKET_NEEDS_CHANGE: department = 1; break;
        case CRM_TICKET_COMPLAINT:
        case CRM_TICKET_EXPERIENCE:   department = 2; break;
        default:                      department = chance (g, 0.5) ? 2 : NONE; break;
        }

      if (status != CRM_TICKET_NEW)
        {
          gint64 window = response_due - created;

          if (chance (g, 0.85))
            first_response = created + (gint64) (window * (0.05 + 0.85 * rnd_unit (g)));
          else
            first_response = created + (gint64) (window * (1.05 + 2.0 * rnd_unit (g)));
          if (first_response > g->now)
            first_response = created + (gint64) ((g->now - created) * (0.1 + 0.8 * rnd_unit (g)));
        }

      if (status >= CRM_TICKET_RESOLVED)
        {
          if (chance (g, 0.85) && resolution_due > first_response)
            resolved = first_response + (gint64) ((resolution_due - first_response) * (0.1 + 0.85 * rnd_unit (g)));
          else
            resolved = MAX (resolution_due, first_response) +
                       (gint64) ((resolution_due - created) * (0.05 + 2.0 * rnd_unit (g)));
          if (resolved > g->now)
            resolved = first_response + (gint64) ((g->now - first_response) * (0.3 + 0.65 * rnd_unit (g)));
          resolved = MAX (resolved, first_response + MINUTE);
          resolution = TR (g, tmpl->resolution);
          if (tmpl->category == CRM_TICKET_COMPLAINT && chance (g, 0.25))
            compensation = PICK (g, compensations);
        }

      if (status == CRM_TICKET_CLOSED)
        {
          closed = resolved + rnd_between (g, HOUR, 3 * DAY);
          if (closed > g->now)
            closed = resolved + (gint64) ((g->now - resolved) * (0.2 + 0.7 * rnd_unit (g)));
          if (chance (g, 0.7))
            confirmed = resolved + (gint64) ((closed - resolved) * (0.3 + 0.6 * rnd_unit (g)));
        }
      else if (status == CRM_TICKET_WAITING)
        {
          paused_since = first_response + (gint64) ((g->now - first_response) * (0.2 + 0.7 * rnd_unit (g)));
        }

      breached = (first_response != NONE ? first_response > response_due : g->now > response_due) ||
                 (resolved != NONE ? resolved > resolution_due : g->now > resolution_due);
      if (breached)
        {
          gint64 limit = resolved != NONE ? resolved : g->now;

          breach = (first_response == NONE || first_response > response_due) ? response_due : resolution_due;
          if (breach < limit)
            escalated = breach + min64 (rnd_between (g, 5 * MINUTE, HOUR), (limit - breach) / 2);
        }
      /* an escalation names its deadline, as the store's escalation pass does */
      g_snprintf (breach_text, sizeof breach_text, "%" G_GINT64_FORMAT, breach);

      /* The history, in time order */
      add_event (events, &n_events, created, CRM_TICKET_EVENT_CREATED, c->owner->id, NULL, status_values[0], NULL);
      if (first_response != NONE)
        {
          add_event (events, &n_events, first_response, CRM_TICKET_EVENT_RESPONSE, assignee->id,
                     NULL, NULL, PICK (g, ticket_response_notes));
          add_event (events, &n_events, first_response, CRM_TICKET_EVENT_STATUS, assignee->id,
                     status_values[0], status_values[1], NULL);
        }
      if (escalated != NONE)
        add_event (events, &n_events, escalated, CRM_TICKET_EVENT_ESCALATION, supervisor->id,
                   breach_text, breach == response_due ? "response" : "resolution", TR (g, ticket_escalation_note));
      if (paused_since != NONE)
        add_event (events, &n_events, paused_since, CRM_TICKET_EVENT_STATUS, assignee->id,
                   status_values[1], status_values[2], PICK (g, ticket_waiting_notes));
      if (resolved != NONE)
        {
          add_event (events, &n_events, resolved, CRM_TICKET_EVENT_RESOLUTION, assignee->id, NULL, NULL, resolution);
          add_event (events, &n_events, resolved, CRM_TICKET_EVENT_STATUS, assignee->id,
                     status_values[1], status_values[3], NULL);
        }
      if (confirmed != NONE)
        add_event (events, &n_events, confirmed, CRM_TICKET_EVENT_CONFIRMATION, c->owner->id,
                   NULL, NULL, TR (g, ticket_confirmation_note));
      if (closed != NONE)
        add_event (events, &n_events, closed, CRM_TICKET_EVENT_STATUS, assignee->id,
                   status_values[3], status_values[4], NULL);
      updated = events[n_events - 1].at;

      slot = year_slot (g, year_of (g, created));
      g_snprintf (code, sizeof code, "TK%d%06" G_GINT64_FORMAT, g->first_year + (int) slot, ++g->tk_last[slot]);

      bind_text (stmt, 1, code);
      sqlite3_bind_int64 (stmt, 2, c->id);
      bind_id (stmt, 3, ct != NULL ? ct->id : 0);
      bind_text (stmt, 4, TR (g, tmpl->title));
      bind_text (stmt, 5, TR (g, tmpl->description));
      sqlite3_bind_int (stmt, 6, level);
      sqlite3_bind_int (stmt, 7, tmpl->category);
      sqlite3_bind_int (stmt, 8, status);
      bind_id (stmt, 9, assignee->id);
      bind_int (stmt, 10, department);
      sqlite3_bind_int64 (stmt, 11, created);
      bind_int (stmt, 12, first_response);
      sqlite3_bind_int64 (stmt, 13, response_due);
      bind_int (stmt, 14, resolved);
      sqlite3_bind_int64 (stmt, 15, resolution_due);
      bind_int (stmt, 16, closed);
      bind_int (stmt, 17, confirmed);
      bind_int (stmt, 18, paused_since);
      sqlite3_bind_int (stmt, 19, 0);
      sqlite3_bind_int (stmt, 20, breached);
      bind_int (stmt, 21, escalated);
      bind_text (stmt, 22, resolution);
      bind_text (stmt, 23, compensation);
      sqlite3_bind_int64 (stmt, 24, updated);
      /* the deadline that matters now, and 80 % of each target */
      bind_int (stmt, 25, status >= CRM_TICKET_RESOLVED ? NONE : first_response == NONE ? response_due : resolution_due);
      sqlite3_bind_int64 (stmt, 26, sla.response.at_risk_at);
      sqlite3_bind_int64 (stmt, 27, sla.resolution.at_risk_at);
      bind_int (stmt, 28, escalated != NONE ? breach : NONE);
      if ((ticket_id = insert (g, stmt, error)) == 0)
        return FALSE;

      for (guint e = 0; e < n_events; e++)
        {
          sqlite3_bind_int64 (event_stmt, 1, ticket_id);
          sqlite3_bind_int64 (event_stmt, 2, events[e].at);
          sqlite3_bind_int (event_stmt, 3, events[e].kind);
          bind_id (event_stmt, 4, events[e].actor_id);
          bind_text (event_stmt, 5, events[e].old_value);
          bind_text (event_stmt, 6, events[e].new_value);
          bind_text (event_stmt, 7, events[e].note);
          if (!step (g, event_stmt, error))
            return FALSE;
        }

      /* A resolved complaint gets a follow-up call within two hours */
      if (tmpl->category == CRM_TICKET_COMPLAINT && resolved != NONE && !c->dnc)
        if (!insert_followup (g, c, CRM_FOLLOWUP_CALL, TR (g, complaint_followup_item),
                              resolved + rnd_between (g, 30 * MINUTE, 2 * HOUR), TRUE,
                              c->owner, ticket_id, error))
          return FALSE;
    }

  return TRUE;
}

static gboolean
insert_followups (Gen       *g,
                  Customer  *c,
                  GError   **error)
{
  guint n = rnd_count (g, MEAN_FOLLOWUPS * c->activity);
  gboolean open = c->active && !c->dnc;
  guint32 used = 0;

  for (guint i = 0; i < n; i++)
    {
      const FollowupTemplate *tmpl = NULL;
      const char *item = NULL;
      const Member *owner;
      gint64 planned = NONE;
      gint64 lo, hi;

      /* most are in the past; for an open relationship a quarter are still to come */
      if (open && chance (g, 0.25))
        lo = g->now + HOUR, hi = g->now + FUTURE_DAYS * DAY;
      else
        lo = c->created_at + HOUR, hi = min64 (c->end_at, g->now - HOUR);

      for (guint attempt = 0; attempt < 8 && planned == NONE; attempt++)
        {
          guint k = rnd (g, G_N_ELEMENTS (followup_templates));
          const FollowupTemplate *t = &followup_templates[k];
          const Holiday *holiday;

          tmpl = t;
          item = TR (g, t->item);
          switch (t->fits)
            {
            case FOR_ONBOARDING:
              if (c->first_deal != NONE && !(used & (1u << k)) && (open || c->first_deal + 31 * DAY < g->now))
                planned = rnd_work_time (g, c->first_deal + HOUR, c->first_deal + 30 * DAY);
              used |= 1u << k;
              break;
            case FOR_DEAL:
              if (c->first_deal != NONE)
                planned = rnd_work_time (g, max64 (lo, c->first_deal), max64 (hi, c->first_deal));
              break;
            case FOR_KEY_ACCOUNT:
              if (c->key_account > 0)
                planned = rnd_work_time (g, lo, hi);
              break;
            case FOR_VIP:
              if (c->tier == CRM_TIER_VIP)
                planned = rnd_work_time (g, lo, hi);
              break;
            case FOR_AT_RISK:
              if (c->lifecycle == CRM_LIFECYCLE_DECLINING)
                planned = rnd_work_time (g, lo, hi);
              break;
            case FOR_BIRTHDAY:
              if (c->birth_month > 0)
                planned = rnd_yearly (g, c->birth_month, c->birth_day, 1, lo, hi);
              break;
            case FOR_ANNIVERSARY:
              if (c->first_deal != NONE)
                {
                  GDate deal;

                  date_of (g, c->first_deal, &deal);
                  planned = rnd_yearly (g, g_date_get_month (&deal), g_date_get_day (&deal), 1,
                                        max64 (lo, c->first_deal + 300 * DAY), hi);
                }
              break;
            case FOR_HOLIDAY:
              if ((holiday = rnd_holiday (g, lo, hi)) != NULL)
                {
                  planned = holiday->at;
                  item = holiday->item;
                }
              break;
            case FOR_ANY:
            default:
              planned = rnd_work_time (g, lo, hi);
              break;
            }
        }
      if (planned == NONE)
        {
          tmpl = &followup_templates[FALLBACK_FOLLOWUP];
          item = TR (g, tmpl->item);
          planned = rnd_work_time (g, lo, hi);
        }

      owner = tmpl->kind == CRM_FOLLOWUP_ANALYSIS ? pick_senior (g) : c->owner;
      if (!insert_followup (g, c, tmpl->kind, item, planned, open, owner, 0, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_surveys (Gen       *g,
                Customer  *c,
                GError   **error)
{
  static const guint csat_weights[5] = { 3, 6, 16, 40, 35 };
  static const guint nps_weights[11] = { 2, 1, 1, 2, 2, 4, 6, 14, 22, 24, 22 };
  sqlite3_stmt *stmt = g->stmts[STMT_SURVEY];
  guint n = rnd_count (g, MEAN_SURVEYS * c->activity);

  if (c->created_at + 20 * DAY >= c->end_at)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_int64 (stmt, 1, c->id);
      bind_id (stmt, 2, chance (g, 0.8) ? g->contacts[0].id : 0);
      sqlite3_bind_int64 (stmt, 3, rnd_work_time (g, c->created_at + 20 * DAY, c->end_at));
      for (int col = 4; col <= 6; col++)
        bind_int (stmt, col, chance (g, 0.08) ? NONE : 1 + (gint64) rnd_weighted (g, csat_weights, 5));
      bind_int (stmt, 7, chance (g, 0.05) ? NONE : (gint64) rnd_weighted (g, nps_weights, 11));
      bind_text (stmt, 8, chance (g, 0.5) ? PICK (g, survey_comments) : NULL);
      bind_text (stmt, 9, chance (g, 0.3) ? PICK (g, survey_suggestions) : NULL);
      if (!step (g, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_purchases (Gen       *g,
                  Customer  *c,
                  GError   **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_PURCHASE];
  const char *currency = g->lang == CRM_DEMO_LANGUAGE_CHINESE ? "CNY" : "USD";
  guint n;

  if (c->first_deal == NONE)
    return TRUE;

  n = rnd_count (g, MEAN_PURCHASES * c->activity);
  n = MAX (n, 1);
  g_array_set_size (g->times, 0);
  for (guint i = 0; i < n; i++)
    {
      gint64 t = i == 0 ? c->first_deal : rnd_work_time (g, c->first_deal, MAX (c->first_deal, c->end_at));
      g_array_append_val (g->times, t);
    }
  g_array_sort (g->times, compare_times);

  for (guint i = 0; i < n; i++)
    {
      const Product *product = &products[i == 0 || chance (g, 0.6) ? c->product_a : rnd (g, G_N_ELEMENTS (products))];
      gint64 amount = rnd_between (g, product->min_price, product->max_price);

      if (g->lang == CRM_DEMO_LANGUAGE_CHINESE)
        amount = MAX (100, amount / 100 * 100) * 100;
      else
        amount = MAX (10, amount / 7 / 10 * 10) * 100;

      sqlite3_bind_int64 (stmt, 1, c->id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (g->times, gint64, i));
      bind_text (stmt, 3, TR (g, product->name));
      sqlite3_bind_int64 (stmt, 4, amount);
      bind_text (stmt, 5, currency);
      if (!step (g, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate_customer (Gen     *g,
                   GError **error)
{
  Customer c;
  gint64 last_contact;

  shape_customer (g, &c);
  plan_interactions (g, &c);
  last_contact = last_contact_of (g);

  return insert_customer (g, &c, last_contact, error) &&
         insert_contacts (g, &c, error) &&
         insert_search_terms (g, &c, error) &&
         insert_tags_and_needs (g, &c, error) &&
         insert_interactions (g, &c, error) &&
         insert_tickets (g, &c, error) &&
         insert_followups (g, &c, error) &&
         insert_surveys (g, &c, error) &&
         insert_purchases (g, &c, error);
}

/* ------------------------------------------------------------------------- */
/* Public API                                                                 */
/* ------------------------------------------------------------------------- */

CrmDemoLanguage
crm_demo_language_from_locale (void)
{
  const char * const *names = g_get_language_names ();

  if (names != NULL && names[0] != NULL && g_str_has_prefix (names[0], "zh"))
    return CRM_DEMO_LANGUAGE_CHINESE;
  return CRM_DEMO_LANGUAGE_ENGLISH;
}

static void
gen_clear (Gen *g)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&g->stmts[i], sqlite3_finalize);
  g_clear_pointer (&g->rand, g_rand_free);
  g_clear_pointer (&g->members, g_array_unref);
  g_clear_pointer (&g->agents, g_array_unref);
  g_clear_pointer (&g->seniors, g_array_unref);
  g_clear_pointer (&g->terms, g_ptr_array_unref);
  g_clear_pointer (&g->term_writer, crm_term_writer_free);
  g_clear_pointer (&g->holidays, g_array_unref);
  g_clear_pointer (&g->saved_indexes, g_array_unref);
  if (g->summary != NULL)
    g_string_free (g_steal_pointer (&g->summary), TRUE);
  if (g->participants != NULL)
    g_string_free (g_steal_pointer (&g->participants), TRUE);
  if (g->products_text != NULL)
    g_string_free (g_steal_pointer (&g->products_text), TRUE);
  g_clear_pointer (&g->times, g_array_unref);
  g_clear_pointer (&g->calendar, crm_work_calendar_unref);
}

/* The tables a run fills with many rows.  Only CREATE INDEX indexes are dropped;
 * search_terms, with its primary key alone, gets sorted batches instead. */
static const char * const bulk_tables[] = {
  "customers", "contacts", "interactions", "tickets", "ticket_events", "followups", "surveys", "purchases",
};

/* The statement that fills each of them: how many rows an index has to sort */
static const guint bulk_table_statements[G_N_ELEMENTS (bulk_tables)] = {
  STMT_CUSTOMER, STMT_CONTACT, STMT_INTERACTION, STMT_TICKET, STMT_EVENT, STMT_FOLLOWUP, STMT_SURVEY,
  STMT_PURCHASE,
};

/* In a bulk run, building the indexes again takes about a third of the time */
#define BULK_GENERATE_SHARE 65

static void
saved_index_clear (gpointer data)
{
  SavedIndex *index = data;
  g_clear_pointer (&index->sql, g_free);
}

static gboolean
drop_indexes (Gen     *g,
              GError **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  /* Only indexes declared with CREATE INDEX (sql IS NOT NULL): keys and UNIQUE stay */
  if (sqlite3_prepare_v2 (g->db,
                          "SELECT name, sql FROM sqlite_schema"
                          " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      crm_store_set_error (g->store, error, _("Could not add the demo data"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bulk_tables); i++)
    {
      sqlite3_bind_text (stmt, 1, bulk_tables[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          SavedIndex index = { g_strdup ((const char *) sqlite3_column_text (stmt, 1)), i };

          g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_array_append_val (g->saved_indexes, index);
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      /* An identifier cannot be bound: it comes from our own schema, quoted with %w */
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) g_ptr_array_index (names, i));
      int rc = sqlite3_exec (g->db, sql, NULL, NULL, NULL);

      sqlite3_free (sql);
      if (rc != SQLITE_OK)
        {
          crm_store_set_error (g->store, error, _("Could not add the demo data"));
          return FALSE;
        }
    }

  return TRUE;
}

/* Builds the dropped indexes again, reporting progress from @done_before to @total
 * in proportion to the rows each index sorts */
static gboolean
restore_indexes (Gen                 *g,
                 guint                done_before,
                 guint                total,
                 CrmDemoProgressFunc  progress,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  guint64 all_rows = 0, rows_done = 0;

  for (guint i = 0; i < g->saved_indexes->len; i++)
    all_rows += 1 + g->rows[bulk_table_statements[g_array_index (g->saved_indexes, SavedIndex, i).table]];

  for (guint i = 0; i < g->saved_indexes->len; i++)
    {
      const SavedIndex *index = &g_array_index (g->saved_indexes, SavedIndex, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (done_before + (guint) ((total - done_before) * rows_done / all_rows), total, user_data);

      if (sqlite3_exec (g->db, index->sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          crm_store_set_error (g->store, error, _("Could not add the demo data"));
          return FALSE;
        }
      rows_done += 1 + g->rows[bulk_table_statements[index->table]];
    }
  g_array_set_size (g->saved_indexes, 0);

  return TRUE;
}

static gboolean
run_generation (Gen                 *g,
                guint                n_customers,
                CrmDemoProgressFunc  progress,
                gpointer             user_data,
                GCancellable        *cancellable,
                GError             **error)
{
  guint every = MAX (1, n_customers / 100);
  gboolean bulk = n_customers >= BULK_MIN_CUSTOMERS &&
                  n_customers >= crm_store_count (g->store, "customers");
  guint generated_share = n_customers;   /* of the progress, the rest is for the indexes */

  if (bulk && !drop_indexes (g, error))
    return FALSE;
  if (g->saved_indexes->len > 0)
    generated_share = (guint) ((guint64) n_customers * BULK_GENERATE_SHARE / 100);

  if (!prepare_statements (g, error) ||
      !setup_team (g, error) ||
      !load_lookups (g, error))
    return FALSE;

  for (guint i = 0; i < n_customers; i++)
    {
      if (i % every == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress ((guint) ((guint64) i * generated_share / n_customers), n_customers, user_data);
        }
      if (!generate_customer (g, error))
        return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !crm_term_writer_flush (g->term_writer, error) ||
      !save_sequences (g, error) ||
      !restore_indexes (g, generated_share, n_customers, progress, user_data, cancellable, error))
    return FALSE;

  return TRUE;
}

gboolean
crm_demo_generate (CrmStore             *store,
                   guint                 n_customers,
                   guint32               seed,
                   CrmDemoLanguage       language,
                   CrmDemoProgressFunc   progress,
                   gpointer              user_data,
                   GCancellable         *cancellable,
                   GError              **error)
{
  Gen g = { 0 };
  g_autoptr(GDateTime) now_local = NULL;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (language == CRM_DEMO_LANGUAGE_ENGLISH || language == CRM_DEMO_LANGUAGE_CHINESE, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (n_customers == 0)
    {
      if (progress != NULL)
        progress (0, 0, user_data);
      return TRUE;
    }

  g.store = store;
  g.db = crm_store_get_db (store);
  g.rand = g_rand_new_with_seed (seed);
  g.lang = language;
  g.now = crm_store_now (store);
  now_local = g_date_time_new_from_unix_local (g.now);
  g.utc_offset = now_local != NULL ? g_date_time_get_utc_offset (now_local) / G_TIME_SPAN_SECOND : 0;
  g.members = g_array_new (FALSE, FALSE, sizeof (Member));
  g_array_set_clear_func (g.members, member_clear);
  g.agents = g_array_new (FALSE, FALSE, sizeof (guint));
  g.seniors = g_array_new (FALSE, FALSE, sizeof (guint));
  g.terms = g_ptr_array_new_with_free_func (g_free);
  g.term_writer = crm_term_writer_new (store, TERM_BATCH);
  g.saved_indexes = g_array_new (FALSE, FALSE, sizeof (SavedIndex));
  g_array_set_clear_func (g.saved_indexes, saved_index_clear);
  g.summary = g_string_sized_new (256);
  g.participants = g_string_sized_new (64);
  g.products_text = g_string_sized_new (64);
  g.times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 128);
  g.first_year = year_of (&g, g.now) - (N_YEARS - 2);
  g.holidays = g_array_new (FALSE, FALSE, sizeof (Holiday));
  setup_holidays (&g);

  if (!crm_store_begin (store, error))
    {
      gen_clear (&g);
      return FALSE;
    }

  ok = run_generation (&g, n_customers, progress, user_data, cancellable, error);
  gen_clear (&g);

  if (!ok)
    {
      crm_store_rollback (store);
      return FALSE;
    }

  crm_store_note_change (store, CRM_CHANGE_ALL, 0);
  if (!crm_store_commit (store, error))
    return FALSE;

  if (progress != NULL)
    progress (n_customers, n_customers, user_data);

  return TRUE;
}
