/* test-value.c: indicator values read the way a reviewer reads them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-value"

#include "config.h"

#include <locale.h>

#include "jx-value.h"

#define QUAL JX_COMPARATOR_QUALITATIVE
#define GE   JX_COMPARATOR_GE
#define GT   JX_COMPARATOR_GT
#define EQ   JX_COMPARATOR_EQ
#define LT   JX_COMPARATOR_LT
#define LE   JX_COMPARATOR_LE

#define PCT    JX_VALUE_PERCENT
#define APPROX JX_VALUE_APPROXIMATE
#define EMB    JX_VALUE_EMBEDDED

typedef struct
{
  const char   *text;
  JxComparator  comparator;
  const char   *number;
  const char   *unit;
  JxValueFlags  flags;
} Case;

/* Every spelling of docs/domain.md's "How values are written", every quantitative value of the
 * Guangzhou 2024 sample, and the traps around them. */
static const Case cases[] = {
  /* ≥ */
  { "大于等于98%", GE, "98", "%", PCT },
  { "≥98%", GE, "98", "%", PCT },
  { ">=98%", GE, "98", "%", PCT },
  { "＞＝98%", GE, "98", "%", PCT },
  { "＞＝９８％", GE, "98", "%", PCT },
  { "≧98%", GE, "98", "%", PCT },
  { "≮90%", GE, "90", "%", PCT },
  { "≥ 98 %", GE, "98", "%", PCT },
  { "大于等于 98 ％", GE, "98", "%", PCT },
  { "大于或等于90%", GE, "90", "%", PCT },
  { "95%以上", GE, "95", "%", PCT },
  { "95%及以上", GE, "95", "%", PCT },
  { "90%以上", GE, "90", "%", PCT },
  { "不少于120名", GE, "120", "名", 0 },
  { "120名以上", GE, "120", "名", 0 },
  { "１２０名以上", GE, "120", "名", 0 },
  { "至少1份", GE, "1", "份", 0 },
  { "至少1人", GE, "1", "人", 0 },
  { "不低于95%", GE, "95", "%", PCT },
  { "不小于3个", GE, "3", "个", 0 },
  { "3500个以上", GE, "3500", "个", 0 },
  { "3,500个以上", GE, "3500", "个", 0 },
  { "260个以上", GE, "260", "个", 0 },
  { "≥20个", GE, "20", "个", 0 },
  { "≥100个", GE, "100", "个", 0 },
  { "≥90%", GE, "90", "%", PCT },
  { "大于等于99.5%", GE, "99.5", "%", PCT },
  { "≥０．５%", GE, "0.5", "%", PCT },
  { "大于等于3份", GE, "3", "份", 0 },
  { "大于等于100份", GE, "100", "份", 0 },
  { "≥1.5倍", GE, "1.5", "倍", 0 },
  { "不少于3万人次", GE, "3", "万人次", 0 },
  { "满意度达90%以上", GE, "90", "%", PCT | EMB },
  /* ＞ */
  { "高于90%", GT, "90", "%", PCT },
  { "超过100人", GT, "100", "人", 0 },
  { "大于50%", GT, "50", "%", PCT },
  { ">50%", GT, "50", "%", PCT },
  { "＞50%", GT, "50", "%", PCT },
  /* ≤ */
  { "小于等于5%", LE, "5", "%", PCT },
  { "≤10%", LE, "10", "%", PCT },
  { "<=475元/亩", LE, "475", "元/亩", 0 },
  { "＜＝475元／亩", LE, "475", "元/亩", 0 },
  { "≦3天", LE, "3", "天", 0 },
  { "不高于5%", LE, "5", "%", PCT },
  { "不超过3天", LE, "3", "天", 0 },
  { "5%以下", LE, "5", "%", PCT },
  { "3个工作日以内", LE, "3", "个工作日", 0 },
  { "30天内", LE, "30", "天", 0 },
  { "控制在5%以内", LE, "5", "%", PCT },
  { "≤3个百分点", LE, "3", "个百分点", 0 },
  /* ＜ */
  { "低于2%", LT, "2", "%", PCT },
  { "少于5次", LT, "5", "次", 0 },
  { "小于1%", LT, "1", "%", PCT },
  { "<1%", LT, "1", "%", PCT },
  { "不足5人", LT, "5", "人", 0 },
  /* ＝ */
  { "100%", EQ, "100", "%", PCT },
  { "=100%", EQ, "100", "%", PCT },
  { "＝100%", EQ, "100", "%", PCT },
  { "等于100%", EQ, "100", "%", PCT },
  { "098%", EQ, "98", "%", PCT },
  { "百分之九十", EQ, "90", "%", PCT },
  { "300人(次)", EQ, "300", "人(次)", 0 },
  { "300人（次）", EQ, "300", "人(次)", 0 },
  { "500GB", EQ, "500", "GB", 0 },
  /* approximate */
  { "约90%", EQ, "90", "%", PCT | APPROX },
  { "90%左右", EQ, "90", "%", PCT | APPROX },
  { "大约50人", EQ, "50", "人", APPROX },
  { "节约10%", EQ, "10", "%", PCT | EMB },
  /* a number among words */
  { "每年培训4期", EQ, "4", "期", EMB },
  { "得分位列全市纪检组前50%", LE, "50", "%", PCT | EMB | JX_VALUE_RANK },
  { "设备故障率≤10%", LE, "10", "%", PCT | EMB },
  { "设备验收达标率95%以上", GE, "95", "%", PCT | EMB },
  { "服务满意率95%以上", GE, "95", "%", PCT | EMB },
  { "可用性100%", EQ, "100", "%", PCT | EMB },
  { "覆盖率100%", EQ, "100", "%", PCT | EMB },
  { "完成率=100%", EQ, "100", "%", PCT | EMB },
  { "考核时间累积不少于15天", GE, "15", "天", EMB },
  { "至少1份工作调研报告", GE, "1", "份", EMB },
  { "分重点对市直单位、各区干部教育情况进行调研, 完成至少1份工作调研报告", GE, "1", "份", EMB },
  { "250卷档案, 2800卷档案散件", EQ, "250", "卷", EMB | JX_VALUE_SEVERAL },
  { "每年至少一次集中授课", GE, "1", "次", EMB },
  { "每年至少完成一项重点课题调研", GE, "1", "项", EMB },
  { "每年至少发布十篇以上的新闻稿", GE, "10", "篇", EMB },
  { "一小时内有反馈", LE, "1", "小时", EMB },
  { "每个街(镇)配备4名党建工作指导员。", EQ, "4", "名", EMB },
  { "根据上级部署,结合派驻监督实际每年深入5个监督单位开展课题调研,理论指导实践", EQ, "5", "个", EMB },
  { "提前3天完成", EQ, "3", "天", EMB },
  /* dates */
  { "2024年12月31日前完成", LE, "2024-12-31", "", JX_VALUE_DATE | EMB },
  { "12月底前", LE, "--12", "", JX_VALUE_DATE },
  { "2024-06-30", EQ, "2024-06-30", "", JX_VALUE_DATE },
  /* not targets */
  { "涉密项目", QUAL, "", "", JX_VALUE_CONFIDENTIAL },
  { "按实际数量", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "达到计划人数", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "按规定人数", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "按标准支出", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "按政策发放", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "达到预期目标", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "以实际发生为准", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "待定", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "/", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "同上。", QUAL, "", "", JX_VALUE_PLACEHOLDER },
  { "实际采购设备数量÷计划采购设备数量×100%", QUAL, "", "", JX_VALUE_FORMULA },
  { "满意人数÷受访人数×100%", QUAL, "", "", JX_VALUE_FORMULA },
  { "完成率=实际完成数/计划数", QUAL, "", "", JX_VALUE_FORMULA },
  { "满意人数/受访人数", QUAL, "", "", JX_VALUE_FORMULA },
  { "实际完成数÷计划数×100%≥95%", GE, "95", "%", JX_VALUE_FORMULA | PCT | EMB },
  { "足额发放率", QUAL, "", "", JX_VALUE_MEASURE },
  { "入选人数", QUAL, "", "", JX_VALUE_MEASURE },
  { "参训人员满意度", QUAL, "", "", JX_VALUE_MEASURE },
  { "资金支出进度", QUAL, "", "", JX_VALUE_MEASURE },
  { "每年培训期数", QUAL, "", "", JX_VALUE_MEASURE },
  { "支出合规比例", QUAL, "", "", JX_VALUE_MEASURE },
  { "项目实际完成任务量占实际发生量比例", QUAL, "", "", JX_VALUE_MEASURE },
  { "资产系统更新和报表填写是否及时完整", QUAL, "", "", JX_VALUE_MEASURE },
  { "在市纪委年度纪律审查工作中的考核得分。", QUAL, "", "", JX_VALUE_MEASURE },
  { "开展“一报告两评议”单位数量", QUAL, "", "", JX_VALUE_MEASURE },
  /* qualitative, and numbers that are not quantities */
  { "社区党组织积极履职尽责,担当作为日益增强。", QUAL, "", "", 0 },
  { "提高工作效率", QUAL, "", "", 0 },
  { "统一规划", QUAL, "", "", 0 },
  { "一次性发放到位", QUAL, "", "", 0 },
  { "党员群众投入社区工作的积极性进一步提高", QUAL, "", "", 0 },
  { "两新组织党组织战斗堡垒作用充分发挥", QUAL, "", "", 0 },
  { "扫描的原始图像符合干部人事档案数字化技术规范(GB/T 33870-2017)要求。", QUAL, "", "", 0 },
  { "根据(穗组字(2018)37号)文件精神", QUAL, "", "", 0 },
  { "2024年度党建工作得到进一步提升", QUAL, "", "", 0 },
  { "GZIT2023-SM-W-A-003031", QUAL, "", "", 0 },
  { "", QUAL, "", "", JX_VALUE_EMPTY },
  { "   ", QUAL, "", "", JX_VALUE_EMPTY },
  { "\u3000\n", QUAL, "", "", JX_VALUE_EMPTY },
};

static void
test_spellings (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (cases), >=, 60);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      JxValue v;
      g_autofree char *got_flags = NULL;
      g_autofree char *want_flags = NULL;

      jx_value_init (&v, c->text);
      got_flags = g_flags_to_string (JX_TYPE_VALUE_FLAGS, v.flags);
      want_flags = g_flags_to_string (JX_TYPE_VALUE_FLAGS, c->flags);
      g_test_message ("“%s” → %s %s %s [%s]", c->text, jx_comparator_to_string (v.comparator),
                      v.number, v.unit, got_flags);
      g_assert_cmpstr (jx_comparator_to_string (v.comparator), ==, jx_comparator_to_string (c->comparator));
      g_assert_cmpstr (v.number, ==, c->number);
      g_assert_cmpstr (v.unit, ==, c->unit);
      g_assert_cmpstr (got_flags, ==, want_flags);
      g_assert_true (jx_value_is_quantitative (&v) == (c->comparator != QUAL));
    }
}

static void
test_format (void)
{
  static const struct { const char *text, *display; } formats[] = {
    { "大于等于98%", "≥ 98 %" },
    { "<=475元/亩", "≤ 475 元/亩" },
    { "约90%", "＝ 约90 %" },
    { "3500个以上", "≥ 3500 个" },
    { "高于90%", "＞ 90 %" },
    { "低于2%", "＜ 2 %" },
    { "1.5", "＝ 1.5" },
    { "2024年12月31日前", "≤ 2024-12-31" },
    { "社区党组织积极履职尽责", "定性" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(JxValue) v = jx_value_parse (formats[i].text);
      g_autofree char *display = jx_value_format (v);

      g_assert_cmpstr (display, ==, formats[i].display);
    }
}

static void
test_compare_numbers (void)
{
  g_assert_cmpint (jx_value_compare_numbers ("90", "90.0"), ==, 0);
  g_assert_cmpint (jx_value_compare_numbers ("99.5", "100"), <, 0);
  g_assert_cmpint (jx_value_compare_numbers ("100", "99.5"), >, 0);
  g_assert_cmpint (jx_value_compare_numbers ("10", "9"), >, 0);
  g_assert_cmpint (jx_value_compare_numbers ("0.05", "0.5"), <, 0);
  g_assert_cmpint (jx_value_compare_numbers ("0100", "99"), >, 0);
  g_assert_cmpint (jx_value_compare_numbers ("120", "100"), >, 0);
  g_assert_cmpint (jx_value_compare_numbers ("", "0"), ==, 0);
  /* Far beyond a double's 15 digits, still exact. */
  g_assert_cmpint (jx_value_compare_numbers ("12345678901234567890.1", "12345678901234567890.01"), >, 0);
}

static void
test_hundredths (void)
{
  static const struct { const char *text; gboolean ok; gint64 value; } values[] = {
    { "98%", TRUE, 9800 },
    { "99.5%", TRUE, 9950 },
    { "0.05%", TRUE, 5 },
    { "90.000%", TRUE, 9000 },
    { "1.005%", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
    { "2024年12月31日前", FALSE, 0 },
    { "定性的描述", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      JxValue v;
      gint64 h = -1;

      jx_value_init (&v, values[i].text);
      g_assert_true (jx_value_get_hundredths (&v, &h) == values[i].ok);
      if (values[i].ok)
        g_assert_cmpint (h, ==, values[i].value);
    }
}

/* Long texts, odd bytes and numbers too long to hold never crash or lie. */
static void
test_robust (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  JxValue v;

  for (guint i = 0; i < 400; i++)
    g_string_append (long_text, "积极");
  g_string_append (long_text, "不少于12个");
  jx_value_init (&v, long_text->str);
  g_assert_cmpint (v.comparator, ==, GE);
  g_assert_cmpstr (v.number, ==, "12");
  g_assert_true (v.flags & EMB);

  jx_value_init (&v, "\xff\xfe 98%");
  g_assert_cmpstr (v.number, ==, "98");

  jx_value_init (&v, "123456789012345678901234567890123456789%");
  g_assert_cmpint (v.comparator, ==, QUAL);
  g_assert_cmpstr (v.number, ==, "");

  jx_value_init (&v, NULL);
  g_assert_true (v.flags & JX_VALUE_EMPTY);
}

static void
test_boxed (void)
{
  g_autoptr(JxValue) v = jx_value_parse ("≥98%");
  g_autoptr(JxValue) copy = NULL;
  GValue gvalue = G_VALUE_INIT;

  g_value_init (&gvalue, JX_TYPE_VALUE);
  g_value_set_boxed (&gvalue, v);
  copy = g_value_dup_boxed (&gvalue);
  g_value_unset (&gvalue);
  g_assert_cmpint (copy->comparator, ==, GE);
  g_assert_cmpstr (copy->number, ==, "98");
  g_assert_true (g_type_is_a (JX_TYPE_COMPARATOR, G_TYPE_ENUM));
  g_assert_true (g_type_is_a (JX_TYPE_VALUE_FLAGS, G_TYPE_FLAGS));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/parse/spellings", test_spellings);
  g_test_add_func ("/value/format/canonical", test_format);
  g_test_add_func ("/value/numbers/compare-exactly", test_compare_numbers);
  g_test_add_func ("/value/numbers/hundredths", test_hundredths);
  g_test_add_func ("/value/parse/robust", test_robust);
  g_test_add_func ("/value/boxed", test_boxed);

  return g_test_run ();
}
