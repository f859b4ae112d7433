/* jx-value.c: what an indicator value (指标值) says: comparator, number, unit
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values are free text written many ways (docs/domain.md, "How values are written"). The reader
 * works on a folded copy of the text, as an array of characters: blanks
 * dropped, full-width ASCII made ASCII (＞＝ → >=, ９８％ → 98%), ≧ ≦ made ≥ ≤.
 * Then it looks for the first number that counts something, skipping what
 * only looks like one (the year in 2024年, 37号, GB/T 33870-2017, 第一), and
 * reads around it:
 *
 *   [comparator word] [约] NUMBER [unit] [以上|以下|以内|内|左右]
 *
 * A number surrounded by other words still counts (每年培训4期 is ＝ 4 期,
 * 考核时间累积不少于15天 is ≥ 15 天), flagged JX_VALUE_EMBEDDED: a reviewer can
 * check it a year later, which is what makes a value quantitative.
 *
 * Decisions, where the text is ambiguous:
 *  - 以上 / 以下 include the number (≥ / ≤), as in Chinese law and tables.
 *  - 达到 reads as ≥; 为 and 等于 as ＝; a bare number as ＝.
 *  - 前50% (位列全市前50%) is a rank: ≤ 50 %, flagged JX_VALUE_RANK; not in
 *    提前3天 or 之前.
 *  - A formula (÷ ×, 率=…, a/b of words) is not a target: qualitative with
 *    JX_VALUE_FORMULA, unless it ends in an explicit ≥ / ≤ / ＞ / ＜ target.
 *  - Chinese numerals count only before a unit (至少一次, 十篇以上, 一小时内);
 *    一 in 统一, 一致, 进一步 or 一次性 is not a number.
 *  - Dates (2024年12月31日前, 12月底前) are deadlines: quantitative with
 *    JX_VALUE_DATE; a year alone (2024年) is context, not a number.
 */
#define G_LOG_DOMAIN "jx-value"

#include "config.h"

#include <string.h>

#include "jx-value.h"

G_DEFINE_BOXED_TYPE (JxValue, jx_value, jx_value_copy, jx_value_free)

G_DEFINE_ENUM_TYPE (JxComparator, jx_comparator,
  G_DEFINE_ENUM_VALUE (JX_COMPARATOR_QUALITATIVE, "qualitative"),
  G_DEFINE_ENUM_VALUE (JX_COMPARATOR_GE, "ge"),
  G_DEFINE_ENUM_VALUE (JX_COMPARATOR_GT, "gt"),
  G_DEFINE_ENUM_VALUE (JX_COMPARATOR_EQ, "eq"),
  G_DEFINE_ENUM_VALUE (JX_COMPARATOR_LT, "lt"),
  G_DEFINE_ENUM_VALUE (JX_COMPARATOR_LE, "le"))

G_DEFINE_FLAGS_TYPE (JxValueFlags, jx_value_flags,
  G_DEFINE_ENUM_VALUE (JX_VALUE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_EMPTY, "empty"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_APPROXIMATE, "approximate"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_PERCENT, "percent"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_PLACEHOLDER, "placeholder"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_FORMULA, "formula"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_MEASURE, "measure"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_CONFIDENTIAL, "confidential"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_EMBEDDED, "embedded"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_SEVERAL, "several"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_RANK, "rank"),
  G_DEFINE_ENUM_VALUE (JX_VALUE_DATE, "date"))

/* --- the folded text ------------------------------------------------------ */

#define STACK_CHARS 256

typedef struct
{
  gunichar *c;
  guint     n;
  guint     size;
  gunichar  stack[STACK_CHARS];
} Text;

#define CH_GE 0x2265  /* ≥ */
#define CH_LE 0x2264  /* ≤ */

static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x3000 || c == 0x00A0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
         c == 0x205F || c == 0xFEFF;
}

static gunichar
fold (gunichar c)
{
  if (c >= 0xFF01 && c <= 0xFF5E)     /* full-width ASCII */
    return c - 0xFEE0;
  switch (c)
    {
    case 0x2267: case 0x2A7E: case 0x226E: return CH_GE;  /* ≧ ⩾ ≮ */
    case 0x2266: case 0x2A7D: case 0x226F: return CH_LE;  /* ≦ ⩽ ≯ */
    case 0xFE6A: return '%';                              /* ﹪ */
    case 0xFF5F: return '(';
    case 0xFF60: return ')';
    default: return c;
    }
}

/* One character of @s, which may be invalid UTF-8 (U+FFFD, one byte on). */
static inline gunichar
decode (const char **s)
{
  const guchar *p = (const guchar *) *s;
  gunichar c;
  guint n;

  if (p[0] < 0x80)
    {
      *s += 1;
      return p[0];
    }
  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    c = p[0] & 0x1F, n = 2;
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    c = p[0] & 0x0F, n = 3;
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    c = p[0] & 0x07, n = 4;
  else
    {
      *s += 1;
      return 0xFFFD;
    }
  for (guint k = 1; k < n; k++)
    {
      if ((p[k] & 0xC0) != 0x80)   /* also stops at the NUL */
        {
          *s += 1;
          return 0xFFFD;
        }
      c = (c << 6) | (p[k] & 0x3F);
    }
  *s += n;
  return c;
}

static void
text_init (Text       *t,
           const char *s)
{
  t->c = t->stack;
  t->n = 0;
  t->size = STACK_CHARS;

  while (*s != '\0')
    {
      gunichar c;

      c = decode (&s);
      if (is_blank (c))
        continue;
      if (t->n == t->size)
        {
          gunichar *bigger = g_new (gunichar, t->size * 2 + strlen (s));

          memcpy (bigger, t->c, t->n * sizeof (gunichar));
          if (t->c != t->stack)
            g_free (t->c);
          t->c = bigger;
          t->size = t->size * 2 + strlen (s);
        }
      t->c[t->n++] = fold (c);
    }
}

static void
text_clear (Text *t)
{
  if (t->c != t->stack)
    g_free (t->c);
}

static inline gunichar
at (const Text *t,
    guint       i)
{
  return i < t->n ? t->c[i] : 0;
}

static inline gboolean
is_digit (gunichar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_ascii_alpha (gunichar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline gboolean
is_ideograph (gunichar c)
{
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

/* Punctuation and quotes: what may surround a value without saying anything. */
static gboolean
is_filler (gunichar c)
{
  if (c < 0x80)
    return c != '%' && c != '<' && c != '>' && c != '=' && !is_digit (c) &&
           !is_ascii_alpha (c) && c > ' ';
  return (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x2010 && c <= 0x2027) || c == 0x00B7 || c == 0xFFFD;
}

/* Decodes one character of a keyword (valid UTF-8 literals of this file)
 * and advances; inline because keyword matching is the hot loop. */
static inline gunichar
next_char (const char **p)
{
  const guchar *s = (const guchar *) *p;
  gunichar c;

  if (s[0] < 0x80)
    {
      *p += 1;
      return s[0];
    }
  if (s[0] < 0xE0)
    {
      c = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
      *p += 2;
    }
  else if (s[0] < 0xF0)
    {
      c = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
      *p += 3;
    }
  else
    {
      c = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
      *p += 4;
    }
  return c;
}

/* Whether @word (UTF-8) is at position @i; its length in characters, or 0. */
static guint
match_at (const Text *t,
          guint       i,
          const char *word)
{
  guint k = 0;

  while (*word != '\0')
    {
      if (at (t, i + k) != next_char (&word))
        return 0;
      k++;
    }
  return k;
}

#define MAX_WORD 8

/* Whether @word ends just before position @end; its length, or 0. */
static guint
match_before (const Text *t,
              guint       end,
              const char *word)
{
  gunichar w[MAX_WORD];
  guint len = 0;

  while (*word != '\0' && len < MAX_WORD)
    w[len++] = next_char (&word);
  if (len > end || t->c[end - 1] != w[len - 1])
    return 0;
  for (guint k = 0; k + 1 < len; k++)
    if (t->c[end - len + k] != w[k])
      return 0;
  return len;
}

static gboolean
contains (const Text *t,
          const char *word)
{
  gunichar first = g_utf8_get_char (word);

  for (guint i = 0; i < t->n; i++)
    if (t->c[i] == first && match_at (t, i, word) > 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_any_digit (const Text *t)
{
  for (guint i = 0; i < t->n; i++)
    if (is_digit (t->c[i]))
      return TRUE;
  return FALSE;
}

/* --- words ---------------------------------------------------------------- */

typedef struct
{
  const char   *word;
  JxComparator  comparator;
} Word;

/* Before the number. The longest match wins: 不少于 over 少于, 大于等于 over 等于. */
static const Word prefix_words[] = {
  { "大于或等于", JX_COMPARATOR_GE }, { "大于等于", JX_COMPARATOR_GE },
  { "不少于", JX_COMPARATOR_GE }, { "不低于", JX_COMPARATOR_GE }, { "不小于", JX_COMPARATOR_GE },
  { "不短于", JX_COMPARATOR_GE }, { "不得少于", JX_COMPARATOR_GE }, { "不得低于", JX_COMPARATOR_GE },
  { "至少", JX_COMPARATOR_GE }, { "最少", JX_COMPARATOR_GE }, { "最低", JX_COMPARATOR_GE },
  { "达到", JX_COMPARATOR_GE }, { "达", JX_COMPARATOR_GE },
  { "≥", JX_COMPARATOR_GE }, { ">=", JX_COMPARATOR_GE }, { "=>", JX_COMPARATOR_GE },
  { "大于", JX_COMPARATOR_GT }, { "高于", JX_COMPARATOR_GT }, { "超过", JX_COMPARATOR_GT },
  { "多于", JX_COMPARATOR_GT }, { "超出", JX_COMPARATOR_GT }, { ">", JX_COMPARATOR_GT },
  { "等于", JX_COMPARATOR_EQ }, { "=", JX_COMPARATOR_EQ }, { "==", JX_COMPARATOR_EQ },
  { "小于或等于", JX_COMPARATOR_LE }, { "小于等于", JX_COMPARATOR_LE },
  { "不高于", JX_COMPARATOR_LE }, { "不超过", JX_COMPARATOR_LE }, { "不大于", JX_COMPARATOR_LE },
  { "不多于", JX_COMPARATOR_LE }, { "不长于", JX_COMPARATOR_LE }, { "不得超过", JX_COMPARATOR_LE },
  { "不得高于", JX_COMPARATOR_LE }, { "控制在", JX_COMPARATOR_LE }, { "至多", JX_COMPARATOR_LE },
  { "最多", JX_COMPARATOR_LE }, { "最高", JX_COMPARATOR_LE },
  { "≤", JX_COMPARATOR_LE }, { "<=", JX_COMPARATOR_LE }, { "=<", JX_COMPARATOR_LE },
  { "小于", JX_COMPARATOR_LT }, { "低于", JX_COMPARATOR_LT }, { "少于", JX_COMPARATOR_LT },
  { "不到", JX_COMPARATOR_LT }, { "不足", JX_COMPARATOR_LT }, { "<", JX_COMPARATOR_LT },
};

/* After the number and its unit. */
static const Word suffix_words[] = {
  { "及以上", JX_COMPARATOR_GE }, { "以上", JX_COMPARATOR_GE },
  { "及以下", JX_COMPARATOR_LE }, { "以下", JX_COMPARATOR_LE }, { "以内", JX_COMPARATOR_LE },
  { "之内", JX_COMPARATOR_LE }, { "内", JX_COMPARATOR_LE },
  { "左右", JX_COMPARATOR_QUALITATIVE }, { "上下", JX_COMPARATOR_QUALITATIVE },  /* approximate */
};

/* Just before the number: 约90%. */
static const char *approximators[] = { "大约", "约为", "约", "大概", "接近", "将近", "近" };

/* Units a count or measure is given in, longest first where one is the
 * start of another (个月 before 个). An optional 万 or 亿 may precede. */
static const char *units[] = {
  "个百分点", "百分点", "个工作日", "工作日", "个月", "个季度", "季度", "小时", "分钟",
  "人次", "人天", "户次", "课时", "学时", "平方公里", "平方米", "立方米", "公顷", "公里",
  "千米", "千克", "千瓦", "元", "个", "份", "名", "人", "次", "项", "期", "篇", "天", "日",
  "周", "月", "年", "卷", "件", "册", "本", "张", "台", "套", "辆", "家", "所", "户", "条",
  "场", "处", "座", "间", "株", "棵", "头", "只", "吨", "亩", "米", "秒", "分", "星", "倍",
  "门", "节", "班", "批", "轮", "位", "组", "宗", "起", "例", "床", "首", "集", "版",
  "盏", "块", "栋", "幢", "口", "里",
};

/* Words that make a value a stand-in for a target rather than a target. */
static const char *placeholder_starts[] = {
  "按实际", "按照实际", "根据实际", "依据实际", "据实", "按实", "以实际",
  "按规定", "按照规定", "按有关规定", "按标准", "按照标准", "按计划", "按照计划",
  "按政策", "按照政策", "按需", "视情况", "视实际", "达到计划", "完成计划",
  "达到预期", "实现预期", "符合预期", "达到预定",
};
static const char *placeholder_whole[] = {
  "待定", "另定", "暂定", "无", "暂无", "同上", "略", "/", "-", "--", "—", "——",
  "见附件", "详见附件", "NA", "N/A", "n/a",
};
static const char *placeholder_anywhere[] = { "为准", "据实结算" };

/* Endings of a text that names a measure instead of giving its target. */
static const char *measure_endings[] = {
  "率", "比例", "比率", "占比", "比重", "数量", "数", "人次", "满意度", "程度", "进度",
  "情况", "时间", "时限", "金额", "得分", "分值", "覆盖面", "覆盖范围", "(%)",
};
static const char *not_measure_endings[] = { "效率", "多数", "少数", "无数", "半数" };

/* The tables above as arrays of characters, made once: matching them is
 * the hot loop of the validator (two values per indicator). */
typedef struct
{
  guint    len;
  gunichar c[MAX_WORD];
} Key;

static Key prefix_keys[G_N_ELEMENTS (prefix_words)];
static Key suffix_keys[G_N_ELEMENTS (suffix_words)];
static Key approximator_keys[G_N_ELEMENTS (approximators)];
static Key unit_keys[G_N_ELEMENTS (units)];
static Key placeholder_start_keys[G_N_ELEMENTS (placeholder_starts)];
static Key placeholder_whole_keys[G_N_ELEMENTS (placeholder_whole)];
static Key measure_keys[G_N_ELEMENTS (measure_endings)];
static Key not_measure_keys[G_N_ELEMENTS (not_measure_endings)];

static void
compile_keys (const void *table,
              gsize       stride,   /* bytes from one word pointer to the next */
              guint       n,
              Key        *keys)
{
  for (guint k = 0; k < n; k++)
    {
      const char *word = *(const char * const *) ((const char *) table + k * stride);

      keys[k].len = 0;
      while (*word != '\0')
        {
          g_assert (keys[k].len < MAX_WORD);
          keys[k].c[keys[k].len++] = next_char (&word);
        }
    }
}

#define COMPILE(table, keys) \
  compile_keys (table, sizeof table[0], G_N_ELEMENTS (table), keys)

static void
ensure_keys (void)
{
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      COMPILE (prefix_words, prefix_keys);
      COMPILE (suffix_words, suffix_keys);
      COMPILE (approximators, approximator_keys);
      COMPILE (units, unit_keys);
      COMPILE (placeholder_starts, placeholder_start_keys);
      COMPILE (placeholder_whole, placeholder_whole_keys);
      COMPILE (measure_endings, measure_keys);
      COMPILE (not_measure_endings, not_measure_keys);
      g_once_init_leave (&ready, 1);
    }
}

static inline guint
key_at (const Text *t,
        guint       i,
        const Key  *key)
{
  if (i + key->len > t->n || t->c[i] != key->c[0])
    return 0;
  for (guint k = 1; k < key->len; k++)
    if (t->c[i + k] != key->c[k])
      return 0;
  return key->len;
}

static inline guint
key_before (const Text *t,
            guint       end,
            const Key  *key)
{
  if (key->len > end || t->c[end - 1] != key->c[key->len - 1])
    return 0;
  for (guint k = 0; k + 1 < key->len; k++)
    if (t->c[end - key->len + k] != key->c[k])
      return 0;
  return key->len;
}

/* Chinese numerals and their values (十百千 are multipliers). */
static int
chinese_digit (gunichar c)
{
  switch (c)
    {
    case 0x96F6: case 0x3007: return 0;   /* 零 〇 */
    case 0x4E00: return 1;                /* 一 */
    case 0x4E8C: case 0x4E24: return 2;   /* 二 两 */
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    default: return -1;
    }
}

static int
chinese_multiplier (gunichar c)
{
  switch (c)
    {
    case 0x5341: return 10;     /* 十 */
    case 0x767E: return 100;    /* 百 */
    case 0x5343: return 1000;   /* 千 */
    default: return 0;
    }
}

/* --- numbers -------------------------------------------------------------- */

typedef struct
{
  guint        start;        /* first character of the number (or of 百分之) */
  guint        end;          /* after the number's last character */
  guint        unit_end;     /* after the unit */
  guint        after;        /* after a suffix word (以上, 左右…) */
  JxComparator suffix;       /* from 以上 / 以下…, or QUALITATIVE when none */
  gboolean     approximate;  /* 左右, 上下 */
  gboolean     date;
  gboolean     percent;
  char         number[JX_VALUE_NUMBER_SIZE];
  char         unit[JX_VALUE_UNIT_SIZE];
} Token;

/* Appends the UTF-8 of t[from, to) to @buf of @size; FALSE if it does not fit. */
static gboolean
append_chars (char       *buf,
              gsize       size,
              const Text *t,
              guint       from,
              guint       to)
{
  gsize len = strlen (buf);

  for (guint i = from; i < to; i++)
    {
      char tmp[6];
      gint n = g_unichar_to_utf8 (t->c[i], tmp);

      if (len + n >= size)
        return FALSE;
      memcpy (buf + len, tmp, n);
      len += n;
    }
  buf[len] = '\0';
  return TRUE;
}

static guint
match_unit (const Text *t,
            guint       i)
{
  guint best = 0;

  for (guint k = 0; k < G_N_ELEMENTS (units); k++)
    {
      guint len = key_at (t, i, &unit_keys[k]);
      if (len > best)
        best = len;
    }
  return best;
}

/* Reads the unit after a number ending at @i: % or ‰; an optional 万 / 亿 and
 * a unit of the list; ASCII letters (km, GB); then /亩 or (次). Returns the
 * position after it (i when there is none) and fills @tok->unit. */
static guint
read_unit (const Text *t,
           guint       i,
           Token      *tok)
{
  guint j = i, len;
  gunichar c = at (t, i);

  tok->unit[0] = '\0';
  if (c == '%' || c == 0x2030)
    {
      tok->percent = (c == '%');
      j = i + 1;
    }
  else
    {
      guint k = i;

      if (c == 0x4E07 || c == 0x4EBF)   /* 万 亿 */
        k++;
      if ((len = match_unit (t, k)) > 0)
        j = k + len;
      else if (k > i)
        j = k;                          /* 3万 */
      else
        while (is_ascii_alpha (at (t, j)) && j - i < 8)
          j++;
    }
  if (j == i)
    return i;

  /* 元/亩, 次/年; 人(次) */
  if (at (t, j) == '/' && (len = match_unit (t, j + 1)) > 0)
    j += 1 + len;
  else if (at (t, j) == '/' && is_ideograph (at (t, j + 1)) && !is_ideograph (at (t, j + 2)))
    j += 2;
  if (at (t, j) == '(')
    for (guint k = j + 1; k < t->n && k <= j + 4; k++)
      {
        if (at (t, k) == ')')
          {
            if (k > j + 1)
              j = k + 1;
            break;
          }
        if (!is_ideograph (at (t, k)))
          break;
      }

  if (!append_chars (tok->unit, sizeof tok->unit, t, i, j))
    tok->unit[0] = '\0';
  return j;
}

/* 以上, 以下, 以内, 左右… after the unit, possibly two (90%以上左右 is silly
 * but harmless). */
static guint
read_suffix (const Text *t,
             guint       i,
             Token      *tok)
{
  tok->suffix = JX_COMPARATOR_QUALITATIVE;
  for (guint round = 0; round < 2; round++)
    {
      guint best = 0, best_k = 0;

      for (guint k = 0; k < G_N_ELEMENTS (suffix_words); k++)
        {
          guint len = key_at (t, i, &suffix_keys[k]);
          if (len > best)
            best = len, best_k = k;
        }
      if (best == 0)
        break;
      if (suffix_words[best_k].comparator == JX_COMPARATOR_QUALITATIVE)
        tok->approximate = TRUE;
      else if (tok->suffix == JX_COMPARATOR_QUALITATIVE)
        tok->suffix = suffix_words[best_k].comparator;
      i += best;
    }
  return i;
}

/* Reads ASCII digits with optional thousands separators and decimals from
 * @i into @out (canonical: no separators, no leading zeros). Returns the
 * end, or @i if the number does not fit. */
static guint
read_decimal (const Text *t,
              guint       i,
              char        out[JX_VALUE_NUMBER_SIZE])
{
  guint j = i, len = 0;
  gboolean leading = TRUE;

  for (;;)
    {
      gunichar c = at (t, j);

      if (is_digit (c))
        {
          if (leading && c == '0' && is_digit (at (t, j + 1)))
            {
              j++;
              continue;
            }
          leading = FALSE;
          if (len + 1 >= JX_VALUE_NUMBER_SIZE)
            return i;
          out[len++] = (char) c;
          j++;
        }
      else if (c == ',' && is_digit (at (t, j + 1)) && is_digit (at (t, j + 2)) &&
               is_digit (at (t, j + 3)) && !is_digit (at (t, j + 4)) && !leading)
        j++;
      else
        break;
    }
  if (at (t, j) == '.' && is_digit (at (t, j + 1)))
    {
      if (len + 1 >= JX_VALUE_NUMBER_SIZE)
        return i;
      out[len++] = '.';
      j++;
      while (is_digit (at (t, j)))
        {
          if (len + 1 >= JX_VALUE_NUMBER_SIZE)
            return i;
          out[len++] = (char) at (t, j);
          j++;
        }
    }
  out[len] = '\0';
  return j;
}

/* Up to two ASCII digits at @i as a number in [min, max]; its length, or 0. */
static guint
read_small (const Text *t,
            guint       i,
            guint       min,
            guint       max,
            guint      *value)
{
  guint v = 0, k = 0;

  while (k < 2 && is_digit (at (t, i + k)))
    v = v * 10 + (at (t, i + k) - '0'), k++;
  if (k == 0 || is_digit (at (t, i + k)) || v < min || v > max)
    return 0;
  *value = v;
  return k;
}

static gboolean
is_year (const Text *t,
         guint       i,
         guint      *year)
{
  guint y = 0;

  for (guint k = 0; k < 4; k++)
    {
      if (!is_digit (at (t, i + k)))
        return FALSE;
      y = y * 10 + (at (t, i + k) - '0');
    }
  if (is_digit (at (t, i + 4)) || (i > 0 && is_digit (at (t, i - 1))) || y < 1900 || y > 2099)
    return FALSE;
  *year = y;
  return TRUE;
}

/* A date at @i: 2024年12月31日, 2024年12月, 2024-12-31, 2024.12.31, 12月31日,
 * 12月. Fills @tok (number, end) and returns TRUE. */
static gboolean
read_date (const Text *t,
           guint       i,
           Token      *tok)
{
  guint year = 0, month = 0, day = 0, len, j = i;
  gboolean has_year = FALSE;

  if (is_year (t, i, &year))
    {
      gunichar sep = at (t, i + 4);

      if (sep == 0x5E74 /* 年 */)
        {
          j = i + 5;
          has_year = TRUE;
          if ((len = read_small (t, j, 1, 12, &month)) == 0 || at (t, j + len) != 0x6708 /* 月 */)
            return FALSE;
          j += len + 1;
          if ((len = read_small (t, j, 1, 31, &day)) > 0 &&
              (at (t, j + len) == 0x65E5 /* 日 */ || at (t, j + len) == 0x53F7 /* 号 */))
            j += len + 1;
          else
            day = 0;
        }
      else if (sep == '-' || sep == '/' || sep == '.')
        {
          j = i + 5;
          has_year = TRUE;
          if ((len = read_small (t, j, 1, 12, &month)) == 0)
            return FALSE;
          j += len;
          if (at (t, j) == sep && (len = read_small (t, j + 1, 1, 31, &day)) > 0)
            j += 1 + len;
          else if (sep == '.')
            return FALSE;   /* 2024.5 is a number */
          else
            day = 0;
          if (at (t, j) == 0x65E5)
            j++;
        }
      else
        return FALSE;
    }
  else
    {
      if (i > 0 && at (t, i - 1) == 0x4E2A /* 个 */)
        return FALSE;
      if ((len = read_small (t, i, 1, 12, &month)) == 0 || at (t, i + len) != 0x6708 /* 月 */)
        return FALSE;
      j = i + len + 1;
      if ((len = read_small (t, j, 1, 31, &day)) > 0 &&
          (at (t, j + len) == 0x65E5 || at (t, j + len) == 0x53F7))
        j += len + 1;
      else
        day = 0;
    }

  if (has_year && day > 0)
    g_snprintf (tok->number, sizeof tok->number, "%04u-%02u-%02u", year, month, day);
  else if (has_year)
    g_snprintf (tok->number, sizeof tok->number, "%04u-%02u", year, month);
  else if (day > 0)
    g_snprintf (tok->number, sizeof tok->number, "--%02u-%02u", month, day);
  else
    g_snprintf (tok->number, sizeof tok->number, "--%02u", month);

  tok->date = TRUE;
  tok->start = i;
  tok->end = tok->unit_end = j;
  tok->unit[0] = '\0';

  /* 底前, 末前, 前, 以前, 之前: by then; 后, 以后, 之后, 起: from then. */
  if (at (t, j) == 0x5E95 /* 底 */ || at (t, j) == 0x672B /* 末 */ || at (t, j) == 0x4EFD /* 份 */)
    j++;
  tok->suffix = JX_COMPARATOR_QUALITATIVE;
  if ((len = match_at (t, j, "以前")) || (len = match_at (t, j, "之前")) || (len = match_at (t, j, "前")) ||
      (len = match_at (t, j, "以内")) || (len = match_at (t, j, "内")))
    tok->suffix = JX_COMPARATOR_LE;
  else if ((len = match_at (t, j, "以后")) || (len = match_at (t, j, "之后")) || (len = match_at (t, j, "后")) ||
           (len = match_at (t, j, "起")))
    tok->suffix = JX_COMPARATOR_GE;
  tok->after = j + len;
  return TRUE;
}

/* Skips a code such as GB/T 33870-2017 or 37号 from @i; returns its end. */
static guint
skip_code (const Text *t,
           guint       i)
{
  while (is_digit (at (t, i)))
    i++;
  while ((at (t, i) == '-' || at (t, i) == '.' || at (t, i) == '/' || at (t, i) == ':' ||
          at (t, i) == '~') && is_digit (at (t, i + 1)))
    {
      i++;
      while (is_digit (at (t, i)))
        i++;
    }
  return i;
}

/* A Chinese numeral at @i (before a unit); its value and length, or 0. */
static guint
read_chinese_numeral (const Text *t,
                      guint       i,
                      guint      *value)
{
  guint total = 0, j = i;
  int digit = -1;

  while (j < t->n && j - i < 6)
    {
      int d = chinese_digit (at (t, j));
      int m = chinese_multiplier (at (t, j));

      if (d >= 0)
        digit = d;
      else if (m > 0)
        {
          total += (digit < 0 ? 1 : digit) * m;
          digit = -1;
        }
      else
        break;
      j++;
    }
  if (j == i)
    return 0;
  *value = total + (digit > 0 ? digit : 0);
  return j - i;
}

/* Finds the next number that counts something, from @i. */
static gboolean
find_number (const Text *t,
             guint       i,
             Token      *tok)
{
  while (i < t->n)
    {
      gunichar c = t->c[i];
      gunichar prev = i > 0 ? t->c[i - 1] : 0;

      if (is_digit (c) && !is_digit (prev) && prev != '.')
        {
          guint year, j;

          memset (tok, 0, sizeof *tok);

          /* GB/T 33870-2017, GZIT2023, No.5, 第3, #2: a code or an ordinal. */
          if (is_ascii_alpha (prev) || prev == '/' || prev == '#' || prev == '_' ||
              prev == 0x7B2C /* 第 */ ||
              (prev == '-' && i > 1 && (is_ascii_alpha (t->c[i - 2]) || is_digit (t->c[i - 2]))))
            {
              i = skip_code (t, i);
              continue;
            }
          if (read_date (t, i, tok))
            return TRUE;
          /* 2024年, 2024年度, 2023-2025年, 〔2018〕: years are context. */
          if (is_year (t, i, &year) &&
              (at (t, i + 4) == 0x5E74 ||
               ((prev == '(' || prev == '[' || prev == 0x3014 || prev == 0x3010) &&
                (at (t, i + 4) == ')' || at (t, i + 4) == ']' || at (t, i + 4) == 0x3015 ||
                 at (t, i + 4) == 0x3011)) ||
               ((at (t, i + 4) == '-' || at (t, i + 4) == '~' || at (t, i + 4) == 0x81F3 /* 至 */) &&
                is_year (t, i + 5, &year))))
            {
              i = skip_code (t, i) + 1;
              continue;
            }
          j = read_decimal (t, i, tok->number);
          if (j == i)
            {
              i = skip_code (t, i);
              continue;
            }
          /* 37号, 3# : a number of a document or a thing, not a quantity. */
          if (at (t, j) == 0x53F7 /* 号 */ || at (t, j) == '#')
            {
              i = j + 1;
              continue;
            }
          tok->start = i;
          tok->end = j;
          tok->unit_end = read_unit (t, j, tok);
          tok->after = read_suffix (t, tok->unit_end, tok);
          return TRUE;
        }

      /* 百分之九十, 百分之95 */
      if (c == 0x767E /* 百 */ && match_at (t, i, "百分之"))
        {
          guint value, len;

          memset (tok, 0, sizeof *tok);

          if (is_digit (at (t, i + 3)))
            {
              guint j = read_decimal (t, i + 3, tok->number);
              if (j > i + 3)
                {
                  tok->start = i;
                  tok->end = tok->unit_end = j;
                  tok->percent = TRUE;
                  strcpy (tok->unit, "%");
                  tok->after = read_suffix (t, j, tok);
                  return TRUE;
                }
            }
          else if ((len = read_chinese_numeral (t, i + 3, &value)) > 0)
            {
              g_snprintf (tok->number, sizeof tok->number, "%u", value);
              tok->start = i;
              tok->end = tok->unit_end = i + 3 + len;
              tok->percent = TRUE;
              strcpy (tok->unit, "%");
              tok->after = read_suffix (t, tok->end, tok);
              return TRUE;
            }
          i += 3;
          continue;
        }

      /* 至少一次, 十篇以上, 一小时内: a Chinese numeral directly before a unit. */
      if ((chinese_digit (c) >= 0 || chinese_multiplier (c) > 0) &&
          chinese_digit (prev) < 0 && chinese_multiplier (prev) == 0 &&
          prev != 0x7B2C /* 第 */ && prev != 0x7EDF /* 统 */ && prev != 0x552F /* 唯 */ &&
          prev != 0x540C /* 同 */ && prev != 0x4E4B /* 之 */ && prev != 0x9010 /* 逐 */ &&
          prev != 0x4E07 /* 万 */)
        {
          guint value, len, end;

          memset (tok, 0, sizeof *tok);
          len = read_chinese_numeral (t, i, &value);
          if (len > 0)
            {
              end = read_unit (t, i + len, tok);
              if (end > i + len && !tok->percent &&
                  at (t, end) != 0x6027 /* 性 */ && at (t, end) != 0x5F0F /* 式 */ &&
                  at (t, end) != 0x5316 /* 化 */ && at (t, end) != 0x6837 /* 样 */)
                {
                  g_snprintf (tok->number, sizeof tok->number, "%u", value);
                  tok->start = i;
                  tok->end = i + len;
                  tok->unit_end = end;
                  tok->after = read_suffix (t, end, tok);
                  return TRUE;
                }
              i += len;
              continue;
            }
        }
      i++;
    }
  return FALSE;
}

/* --- around the number ------------------------------------------------------ */

/* The comparator word ending at @end (longest), or QUALITATIVE; its length
 * in *len. */
static JxComparator
comparator_before (const Text *t,
                   guint       end,
                   guint      *len)
{
  JxComparator best = JX_COMPARATOR_QUALITATIVE;
  guint best_len = 0;

  for (guint k = 0; k < G_N_ELEMENTS (prefix_words); k++)
    {
      guint l = key_before (t, end, &prefix_keys[k]);
      if (l > best_len)
        best_len = l, best = prefix_words[k].comparator;
    }
  *len = best_len;
  return best;
}

/* 约 is "about" only where it is not part of a word (节约, 制约, 约束). */
static guint
approximator_before (const Text *t,
                     guint       end)
{
  for (guint k = 0; k < G_N_ELEMENTS (approximators); k++)
    {
      guint len = key_before (t, end, &approximator_keys[k]);

      if (len == 0)
        continue;
      if (len == 1)   /* 约, 近 */
        {
          gunichar p = end >= 2 ? t->c[end - 2] : 0;

          if (is_ideograph (p) && !match_before (t, end - 1, "大") && !match_before (t, end - 1, "为") &&
              !match_before (t, end - 1, "计") && !match_before (t, end - 1, "达") &&
              !match_before (t, end - 1, "共") && !match_before (t, end - 1, "在") &&
              !match_before (t, end - 1, "到"))
            continue;
        }
      return len;
    }
  return 0;
}

static gboolean
only_filler (const Text *t,
             guint       from,
             guint       to)
{
  for (guint i = from; i < to; i++)
    if (!is_filler (t->c[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_formula (const Text *t)
{
  for (guint i = 0; i < t->n; i++)
    {
      gunichar c = t->c[i];

      if (c == 0x00F7 /* ÷ */ || c == 0x00D7 /* × */ || c == '*')
        return TRUE;
      /* 完成率=实际完成数/计划数: an = between words (not =100%, 完成率=100%) */
      if (c == '=' && i > 0 &&
          (is_ideograph (t->c[i - 1]) || is_ascii_alpha (t->c[i - 1]) || t->c[i - 1] == ')') &&
          !is_digit (at (t, i + 1)) && at (t, i + 1) != CH_GE && at (t, i + 1) != CH_LE &&
          at (t, i + 1) != '<' && at (t, i + 1) != '>')
        return TRUE;
    }
  /* 满意人数/受访人数: a ratio of words (元/亩 has a number before it) */
  if (!has_any_digit (t))
    for (guint i = 1; i + 1 < t->n; i++)
      if (t->c[i] == '/' && is_ideograph (t->c[i - 1]) && is_ideograph (t->c[i + 1]))
        return TRUE;
  return FALSE;
}

static gboolean
is_placeholder (const Text *t)
{
  guint start = 0, end = t->n;

  while (start < end && is_filler (t->c[start]) && t->c[start] != '/' && t->c[start] != '-' &&
         t->c[start] != 0x2014)
    start++;
  while (end > start && is_filler (t->c[end - 1]) && t->c[end - 1] != '/' && t->c[end - 1] != '-' &&
         t->c[end - 1] != 0x2014)
    end--;

  for (guint k = 0; k < G_N_ELEMENTS (placeholder_whole); k++)
    if (key_at (t, start, &placeholder_whole_keys[k]) == end - start && end > start)
      return TRUE;
  /* 年度按实际数量: a leading 年度 / 全年 changes nothing */
  if (match_at (t, start, "年度") || match_at (t, start, "全年"))
    start += 2;
  for (guint k = 0; k < G_N_ELEMENTS (placeholder_starts); k++)
    if (key_at (t, start, &placeholder_start_keys[k]))
      return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (placeholder_anywhere); k++)
    if (contains (t, placeholder_anywhere[k]))
      return TRUE;
  return FALSE;
}

static gboolean
names_a_measure (const Text *t)
{
  guint end = t->n;

  if (contains (t, "是否"))
    return TRUE;
  while (end > 0 && is_filler (t->c[end - 1]) && t->c[end - 1] != ')')
    end--;
  for (guint k = 0; k < G_N_ELEMENTS (not_measure_endings); k++)
    if (key_before (t, end, &not_measure_keys[k]))
      return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (measure_endings); k++)
    if (key_before (t, end, &measure_keys[k]))
      return TRUE;
  return FALSE;
}

/* 提前3天, 之前, 目前: 前 that is about time, not a rank. */
static gboolean
is_time_word_before (const Text *t,
                     guint       end)
{
  static const char *words[] = { "提", "之", "以", "此", "目", "当", "年", "月", "日", "天", "周", "季" };

  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    if (match_before (t, end, words[k]))
      return TRUE;
  return FALSE;
}

/* Is there an explicit ≥ ≤ ＞ ＜ (symbol or word) just before the number? */
static gboolean
is_explicit (JxComparator comparator)
{
  return comparator != JX_COMPARATOR_QUALITATIVE && comparator != JX_COMPARATOR_EQ;
}

/* What stands before the number of @tok: 约, a comparator word (possibly a
 * verb or two before: 至少完成一项), or a rank's 前. Returns where that
 * begins; *approximate and *rank say what was found. */
static guint
read_prefix (const Text   *t,
             const Token  *tok,
             JxComparator *prefix,
             gboolean     *approximate,
             gboolean     *rank)
{
  guint pos = tok->start, len;

  *prefix = JX_COMPARATOR_QUALITATIVE;
  *approximate = *rank = FALSE;
  if ((len = approximator_before (t, pos)) > 0)
    {
      *approximate = TRUE;
      pos -= len;
    }
  *prefix = comparator_before (t, pos, &len);
  if (len > 0)
    return pos - len;
  if (!tok->date && (len = match_before (t, pos, "前")) > 0 && !is_time_word_before (t, pos - 1))
    {
      *prefix = JX_COMPARATOR_LE;
      *rank = TRUE;
      return pos - len;
    }
  for (guint gap = 1; gap <= 4 && gap < pos; gap++)
    {
      JxComparator c;

      if (!is_ideograph (t->c[pos - gap]))
        break;
      c = comparator_before (t, pos - gap, &len);
      if (len > 1 && c != JX_COMPARATOR_EQ)
        {
          *prefix = c;
          return pos - gap - len;
        }
    }
  return pos;
}

static void
read_value (const Text *t,
            JxValue    *self)
{
  Token tok, more;
  JxComparator prefix;
  guint label_end;
  gboolean formula, approximate, rank;

  if (contains (t, "涉密"))
    {
      self->flags |= JX_VALUE_CONFIDENTIAL;
      return;
    }

  formula = is_formula (t);
  if (formula)
    self->flags |= JX_VALUE_FORMULA;
  if (is_placeholder (t))
    self->flags |= JX_VALUE_PLACEHOLDER;

  if (!find_number (t, 0, &tok))
    {
      if (!formula && !(self->flags & JX_VALUE_PLACEHOLDER) && names_a_measure (t))
        self->flags |= JX_VALUE_MEASURE;
      return;
    }
  label_end = read_prefix (t, &tok, &prefix, &approximate, &rank);

  /* A formula is not a target, even with ×100% in it; only an explicit
   * ≥ / ≤ / ＞ / ＜ after it makes one: …×100%≥95%. */
  while (formula && !is_explicit (prefix) && !is_explicit (tok.suffix))
    {
      if (!find_number (t, tok.after, &tok))
        return;
      label_end = read_prefix (t, &tok, &prefix, &approximate, &rank);
    }

  if (is_explicit (prefix))
    self->comparator = prefix;
  else if (tok.suffix != JX_COMPARATOR_QUALITATIVE)
    self->comparator = tok.suffix;
  else
    self->comparator = JX_COMPARATOR_EQ;

  if (approximate || tok.approximate)
    self->flags |= JX_VALUE_APPROXIMATE;
  if (rank)
    self->flags |= JX_VALUE_RANK;
  if (tok.percent)
    self->flags |= JX_VALUE_PERCENT;
  if (tok.date)
    self->flags |= JX_VALUE_DATE;
  memcpy (self->number, tok.number, sizeof self->number);
  memcpy (self->unit, tok.unit, sizeof self->unit);

  if (!only_filler (t, 0, label_end) || !only_filler (t, tok.after, t->n))
    self->flags |= JX_VALUE_EMBEDDED;
  if (find_number (t, tok.after, &more))
    self->flags |= JX_VALUE_SEVERAL;
}

/* --- API -------------------------------------------------------------------- */

/* The reads of recent short texts, per thread: a table holds the same few
 * values (100%, ≥90%, 大于等于98%…) tens of thousands of times, and a read
 * depends on nothing but the text. Found by the text's hash among the two
 * of its set, the one used longer ago replaced: direct-mapped, two values a
 * table alternates (an annual and a cycle value) that fell on one slot were
 * read again and again. */
#define VALUE_CACHE_SETS 128
#define VALUE_CACHE_TEXT 48

typedef struct
{
  char    text[VALUE_CACHE_TEXT];
  JxValue value;
} CachedValue;

typedef struct
{
  CachedValue way[2];
  guint       older;   /* the way used longer ago */
} CacheSet;

static _Thread_local CacheSet value_cache[VALUE_CACHE_SETS];

void
jx_value_init (JxValue    *self,
               const char *text)
{
  CacheSet *set = NULL;
  Text t;

  g_return_if_fail (self != NULL);

  if (text == NULL)
    text = "";
  if (*text != '\0' && strlen (text) < VALUE_CACHE_TEXT)
    {
      set = &value_cache[g_str_hash (text) % VALUE_CACHE_SETS];
      for (guint w = 0; w < G_N_ELEMENTS (set->way); w++)
        if (strcmp (set->way[w].text, text) == 0)
          {
            set->older = 1 - w;
            *self = set->way[w].value;
            return;
          }
    }

  ensure_keys ();
  memset (self, 0, sizeof *self);
  text_init (&t, text);
  if (t.n == 0)
    self->flags = JX_VALUE_EMPTY;
  else
    read_value (&t, self);
  text_clear (&t);
  if (set != NULL)
    {
      CachedValue *cached = &set->way[set->older];

      strcpy (cached->text, text);
      cached->value = *self;
      set->older = 1 - set->older;
    }
}

JxValue *
jx_value_parse (const char *text)
{
  JxValue *self = g_new (JxValue, 1);

  jx_value_init (self, text);
  return self;
}

JxValue *
jx_value_copy (const JxValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
jx_value_free (JxValue *self)
{
  g_free (self);
}

gboolean
jx_value_is_quantitative (const JxValue *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->comparator != JX_COMPARATOR_QUALITATIVE;
}

gboolean
jx_value_get_hundredths (const JxValue *self,
                         gint64        *out)
{
  gint64 v = 0;
  const char *p;
  guint decimals = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->number[0] == '\0' || (self->flags & JX_VALUE_DATE))
    return FALSE;
  for (p = self->number; *p != '\0' && *p != '.'; p++)
    {
      if (v > (G_MAXINT64 - 9) / 10 / 100)
        return FALSE;
      v = v * 10 + (*p - '0');
    }
  v *= 100;
  if (*p == '.')
    for (p++; *p != '\0'; p++, decimals++)
      {
        if (decimals == 0)
          v += (*p - '0') * 10;
        else if (decimals == 1)
          v += *p - '0';
        else if (*p != '0')
          return FALSE;
      }
  if (out != NULL)
    *out = v;
  return TRUE;
}

const char *
jx_comparator_to_string (JxComparator comparator)
{
  switch (comparator)
    {
    case JX_COMPARATOR_GE: return "≥";
    case JX_COMPARATOR_GT: return "＞";
    case JX_COMPARATOR_EQ: return "＝";
    case JX_COMPARATOR_LT: return "＜";
    case JX_COMPARATOR_LE: return "≤";
    case JX_COMPARATOR_QUALITATIVE:
    default: return "定性";
    }
}

char *
jx_value_format (const JxValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->flags & JX_VALUE_EMPTY)
    return g_strdup ("");
  if (self->comparator == JX_COMPARATOR_QUALITATIVE)
    return g_strdup (jx_comparator_to_string (self->comparator));
  return g_strdup_printf ("%s %s%s%s%s", jx_comparator_to_string (self->comparator),
                          (self->flags & JX_VALUE_APPROXIMATE) ? "约" : "",
                          self->number, self->unit[0] ? " " : "", self->unit);
}

/* Integer part without leading zeros, and the fraction, of a decimal text. */
static void
split_decimal (const char  *s,
               const char **int_start,
               gsize       *int_len,
               const char **frac)
{
  const char *dot;

  while (*s == '0' && s[1] != '\0' && s[1] != '.')
    s++;
  dot = strchr (s, '.');
  *int_start = s;
  *int_len = dot ? (gsize) (dot - s) : strlen (s);
  *frac = dot ? dot + 1 : "";
}

int
jx_value_compare_numbers (const char *a,
                          const char *b)
{
  const char *ai, *bi, *af, *bf;
  gsize al, bl;
  int c;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  split_decimal (*a ? a : "0", &ai, &al, &af);
  split_decimal (*b ? b : "0", &bi, &bl, &bf);
  if (al != bl)
    return al < bl ? -1 : 1;
  if ((c = strncmp (ai, bi, al)) != 0)
    return c < 0 ? -1 : 1;
  while (*af != '\0' || *bf != '\0')
    {
      char x = *af ? *af++ : '0';
      char y = *bf ? *bf++ : '0';

      if (x != y)
        return x < y ? -1 : 1;
    }
  return 0;
}
