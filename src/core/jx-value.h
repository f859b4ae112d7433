/* jx-value.h: what an indicator value (指标值) says: comparator, number, unit
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-types.h"

G_BEGIN_DECLS

/*
 * The comparators finance systems use, plus 定性 (qualitative: a text with
 * no number, graded later as 达成 / 部分达成 / 未达成).
 */
typedef enum
{
  JX_COMPARATOR_QUALITATIVE,  /* 定性 */
  JX_COMPARATOR_GE,           /* ≥: 大于等于, 不少于, 至少, 95%以上, >= */
  JX_COMPARATOR_GT,           /* ＞: 大于, 高于, 超过, > */
  JX_COMPARATOR_EQ,           /* ＝: a bare number, =, 等于 */
  JX_COMPARATOR_LT,           /* ＜: 小于, 低于, 少于, 不足, < */
  JX_COMPARATOR_LE,           /* ≤: 小于等于, 不超过, 以下, 以内, <= */
} JxComparator;

typedef enum /*< flags >*/
{
  JX_VALUE_NONE         = 0,
  JX_VALUE_EMPTY        = 1 << 0,  /* nothing but blanks */
  JX_VALUE_APPROXIMATE  = 1 << 1,  /* 约90%, 90%左右: reviewers dislike it */
  JX_VALUE_PERCENT      = 1 << 2,  /* the unit is % (also 百分之九十) */
  JX_VALUE_PLACEHOLDER  = 1 << 3,  /* 按实际数量, 达到计划人数, 按规定…, 按标准…, 待定, 同上 */
  JX_VALUE_FORMULA      = 1 << 4,  /* a formula: ÷ ×, 率=…, 满意人数/受访人数 */
  JX_VALUE_MEASURE      = 1 << 5,  /* names a measure instead of a target: 足额发放率, 入选人数, 满意度, 是否… */
  JX_VALUE_CONFIDENTIAL = 1 << 6,  /* 涉密项目 */
  JX_VALUE_EMBEDDED     = 1 << 7,  /* the number sits in other words: 每年培训4期, 覆盖率100% */
  JX_VALUE_SEVERAL      = 1 << 8,  /* more than one number: 250卷档案, 2800卷档案散件 (the first is kept) */
  JX_VALUE_RANK         = 1 << 9,  /* a ranking: 位列前50% (≤ 50 %, a rank, not a rate) */
  JX_VALUE_DATE         = 1 << 10, /* a date or deadline: 2024年12月31日前 (number is "2024-12-31") */
} JxValueFlags;

#define JX_VALUE_NUMBER_SIZE 32
#define JX_VALUE_UNIT_SIZE   32

#define JX_TYPE_VALUE (jx_value_get_type ())
#define JX_TYPE_COMPARATOR (jx_comparator_get_type ())
#define JX_TYPE_VALUE_FLAGS (jx_value_flags_get_type ())

typedef struct _JxValue JxValue;

/*
 * A read of a value text: a view, never a change. The document keeps the
 * text exactly as typed or imported; this says what it means.
 *
 * number: the first number of the text as an exact decimal string, ASCII
 *   digits and at most one '.', no sign, no separators, no leading zeros
 *   ("98", "99.5", "3500", "0.5"); "" when the value is qualitative. Never a
 *   double: compare with jx_value_compare_numbers(). Chinese numerals that
 *   count something (至少一次, 十篇以上) become digits. With JX_VALUE_DATE it
 *   is an ISO 8601 date instead: "2024-12-31", "2024-12", "--12-31", "--12".
 * unit: what follows the number, as written but with full-width forms
 *   folded: "%", "名", "元/亩", "人(次)", "个工作日", "万元"; "" when there is none.
 *
 * The struct has no pointers: it lives on the stack (jx_value_init(), which
 * never allocates for a text of up to 256 characters) or as a boxed copy
 * (jx_value_parse()).
 */
struct _JxValue
{
  JxComparator comparator;
  JxValueFlags flags;
  char         number[JX_VALUE_NUMBER_SIZE];
  char         unit[JX_VALUE_UNIT_SIZE];
};

GType         jx_value_get_type         (void) G_GNUC_CONST;
GType         jx_comparator_get_type    (void) G_GNUC_CONST;
GType         jx_value_flags_get_type   (void) G_GNUC_CONST;

/* Reads @text (NULL is read as "") into @self. Does not allocate unless the
 * text is longer than 256 characters. */
void          jx_value_init             (JxValue       *self,
                                         const char    *text);
/* The same on the heap. Transfer full: free with jx_value_free(). */
JxValue      *jx_value_parse            (const char    *text);
JxValue      *jx_value_copy             (const JxValue *self);
void          jx_value_free             (JxValue       *self);

/* TRUE when a number (or a date) was found: the comparator is not 定性. */
gboolean      jx_value_is_quantitative  (const JxValue *self);

/* The number in hundredths ("98" → 9800, "99.5" → 9950), when it has at
 * most two decimals and fits; FALSE otherwise (qualitative, a date, more
 * decimals, too large). */
gboolean      jx_value_get_hundredths   (const JxValue *self,
                                         gint64        *out);

/* Canonical display, for lists and tooltips: "≥ 98 %", "≤ 475 元/亩",
 * "＝ 约90 %", "≤ 2024-12-31", "定性" for a qualitative value and "" for
 * an empty one. Transfer full. */
char         *jx_value_format           (const JxValue *self);

/* "≥", "＞", "＝", "＜", "≤" (the full-width forms systems print) or "定性".
 * Not translated: these are the symbols the tables use. */
const char   *jx_comparator_to_string   (JxComparator   comparator);

/* Compares two number texts of JxValue (plain decimals) exactly:
 * negative, 0 or positive like strcmp. "90" == "90.0". */
int           jx_value_compare_numbers  (const char    *a,
                                         const char    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxValue, jx_value_free)

G_END_DECLS
