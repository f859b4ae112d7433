/* jx-validator.c: what a finance-bureau reviewer would send back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-validator"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-model-private.h"
#include "jx-taxonomy.h"
#include "jx-template.h"
#include "jx-validator.h"
#include "jx-value.h"

static const JxRule rules[] = {
  /* Found while reading a file (jx-xml.c). */
  { "io", JX_SEVERITY_ERROR,
    N_("The file cannot be read"),
    N_("Nothing can be checked in a file that cannot be opened.") },
  { "xml-syntax", JX_SEVERITY_ERROR,
    N_("The file is not well-formed XML (truncated, not XML, invalid UTF-8, too deep or too large)"),
    N_("A damaged file must not be half-read: what is missing would be lost on the next save.") },
  { "doctype", JX_SEVERITY_ERROR,
    N_("The file has a DOCTYPE"),
    N_("The format has none; a DOCTYPE can hide entity tricks that read other files or exhaust memory.") },
  { "namespace", JX_SEVERITY_ERROR,
    N_("The root element or namespace is not that of a Jixiao document"),
    N_("Another kind of XML file is not a performance target table.") },
  { "format", JX_SEVERITY_ERROR,
    N_("The format version is missing, invalid or newer than this version can write"),
    N_("A newer document opens read-only so that nothing it holds is lost.") },
  { "schema", JX_SEVERITY_ERROR,
    N_("The document does not follow the RelaxNG schema data/jixiao.rng"),
    N_("Elements or attributes that are missing, misplaced or unknown mean the file was damaged or edited by hand.") },
  { "amount", JX_SEVERITY_ERROR,
    N_("An amount is not an exact number with two decimals, or is too large"),
    N_("Money is kept exact to the fen of a 万元; a misread amount would falsify every total.") },
  { "duplicate-id", JX_SEVERITY_ERROR,
    N_("Two nodes share one id"),
    N_("Comments are attached by id; a shared id attaches them to the wrong entry.") },
  /* Checked on a loaded document. */
  { "taxonomy-unknown", JX_SEVERITY_ERROR,
    N_("The document names a category scheme that is not known"),
    N_("Without its scheme, no category code can be checked.") },
  { "category-unknown", JX_SEVERITY_ERROR,
    N_("An indicator's category (一级指标) code is missing or not in the scheme"),
    N_("The category code is authoritative; reviewers reject codes that do not exist.") },
  { "subcategory-unknown", JX_SEVERITY_ERROR,
    N_("An indicator's sub-category (二级指标) code is missing or not in the scheme"),
    N_("The sub-category code is authoritative; reviewers reject codes that do not exist.") },
  { "subcategory-mismatch", JX_SEVERITY_ERROR,
    N_("A sub-category is not under its category (its first digit must be the category)"),
    N_("An indicator filed under the wrong category distorts the table; 21-经济效益 belongs under 2-效益指标.") },
  { "amount-negative", JX_SEVERITY_ERROR,
    N_("A funding amount is negative"),
    N_("Budgeted funding cannot be below zero; a minus sign is a typing or reading error.") },
  { "total-mismatch", JX_SEVERITY_ERROR,
    N_("A printed total (总计, a funding unit’s total or 合计) is not the sum of its parts"),
    N_("Totals are derived; one that does not add up means an amount was mistyped or misread. "
       "Reported when a published table is imported.") },
  /* The reviewers' rules (docs/domain.md, "What reviewers check"). Confidential
   * (涉密) projects are exempt from the completeness and quantification
   * rules (TRUE at the end); codes, amounts and names are still checked. */
  { "project-no-indicators", JX_SEVERITY_ERROR,
    N_("A project has no performance indicators at all"),
    N_("Without indicators a project has no target anyone can check a year later; "
       "spending without performance targets is not budgeted."), TRUE },
  { "category-missing", JX_SEVERITY_WARNING,
    N_("A project has no indicator under one of 产出指标, 效益指标 and 满意度指标"),
    N_("The guidance requires outputs, effects and satisfaction (应当包括产出指标、效益指标和满意度指标); "
       "reviewers send incomplete sets back."), TRUE },
  { "goal-missing", JX_SEVERITY_WARNING,
    N_("A project has no performance goal (绩效目标)"),
    N_("The goal says in sentences what the money will achieve; the indicators are read against it."), TRUE },
  { "goal-not-sentence", JX_SEVERITY_WARNING,
    N_("A performance goal is a list of short items (such as indicator names) or stops mid-sentence"),
    N_("A goal is written as complete sentences about what will be done and achieved, "
       "not as a list of what is measured. Flagged: two or more numbered items or three or more "
       "parts between ；。 none longer than 16 characters, or a goal ending in 、，：；."), TRUE },
  { "indicator-name-missing", JX_SEVERITY_ERROR,
    N_("An indicator has no name (三级指标)"),
    N_("Without its name an indicator cannot be assessed or told apart from the others."), TRUE },
  { "name-code-mismatch", JX_SEVERITY_WARNING,
    N_("An indicator’s name says it belongs under another sub-category than the one it is filed under"),
    N_("The code is authoritative and must fit the name: 政治效益 is a social effect, not an 经济效益; "
       "a failure or pass rate measures quality (质量), not quantity (数量); a timeliness rate is 时效.") },
  { "satisfaction-misfiled", JX_SEVERITY_WARNING,
    N_("A satisfaction indicator (满意度, 满意率) is filed outside 满意度指标"),
    N_("Satisfaction belongs under 31-服务对象满意度; filed elsewhere, the project seems to have none "
       "and its effects look larger than they are.") },
  { "indicator-duplicate", JX_SEVERITY_WARNING,
    N_("Two indicators of a project have the same sub-category and name"),
    N_("A repeated indicator is counted twice and usually hides a copying or reading mistake; keep one.") },
  { "cycle-value-missing", JX_SEVERITY_WARNING,
    N_("An indicator has no implementation-period value (实施周期指标值)"),
    N_("Each indicator needs a target for the whole implementation period as well as one for the year."), TRUE },
  { "annual-value-missing", JX_SEVERITY_WARNING,
    N_("An indicator has no annual value (年度指标值)"),
    N_("The annual value is what the year’s spending is assessed against."), TRUE },
  { "value-not-target", JX_SEVERITY_WARNING,
    N_("A value repeats the indicator, names a measure, gives a formula or a placeholder "
       "(按实际数量, 达到计划人数) instead of a target"),
    N_("A target says what is to be reached; “实际采购设备数量÷计划采购设备数量×100%” or “按实际数量” "
       "cannot be checked, and reviewers send such values back."), TRUE },
  { "value-not-quantified", JX_SEVERITY_WARNING,
    N_("A rate, count, cost or satisfaction indicator has a description instead of a number"),
    N_("Values must be specific and measurable (细化、量化); a rate without a number cannot be checked "
       "a year later. Concerns names ending in 率, 比例, 数量, 人数, 满意度…, and 数量, 成本 and "
       "满意度 indicators."), TRUE },
  { "value-approximate", JX_SEVERITY_WARNING,
    N_("A value is approximate (约90%, 90%左右)"),
    N_("An approximate target cannot be checked; reviewers ask for an exact one such as ≥90%."), TRUE },
  { "percent-over-100", JX_SEVERITY_ERROR,
    N_("A rate is to reach more than 100% (≥, ＞ or ＝ a percentage above 100)"),
    N_("A share of a whole cannot exceed 100%, so the target is impossible or mistyped. "
       "Growth rates (增长率, 提高…) are not concerned."), TRUE },
  /* Per template (data/templates/): only where the template has the field. */
  { "weights-total", JX_SEVERITY_WARNING,
    N_("The weights (权重 / 分值) of a project's indicators do not add up to the template's total (100)"),
    N_("Indicators are scored by their weights; a project whose weights do not reach the total is "
       "usually sent back (unless the missing points belong to a part the table does not list, such as "
       "预算执行)."), TRUE },
  { "weight-missing", JX_SEVERITY_WARNING,
    N_("An indicator has no weight, or a weight of zero, where the template has weights"),
    N_("An indicator without weight counts for nothing in the score; give it its share or remove it."), TRUE },
  { "unit-missing", JX_SEVERITY_WARNING,
    N_("A target number (指标值) has no unit of measure (度量单位) where the template has one"),
    N_("“95” alone could be 95%, 95 人 or 95 万元; the unit says which."), TRUE },
  { "placeholder-left", JX_SEVERITY_WARNING,
    N_("A name or value still holds a template's placeholder (≥**%, XX人, **万元)"),
    N_("Placeholders are left from a copied template; the real figure was never filled in."), TRUE },
  { "name-value-mismatch", JX_SEVERITY_WARNING,
    N_("An indicator's name states a target that differs from its value (…达标率100% with ≥98%)"),
    N_("Reviewers read both; when they disagree, one of them was not updated."), TRUE },
  { "annual-looser-than-cycle", JX_SEVERITY_WARNING,
    N_("An annual percentage target is looser than the one for the whole period"),
    N_("For a rate, the year should pull at least as hard as the whole period: ≥90% (annual) "
       "under ≥98% (period) lowers the bar."), TRUE },
};

const JxRule *
jx_validator_get_rules (guint *n_rules)
{
  if (n_rules != NULL)
    *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const JxRule *
jx_validator_lookup_rule (const char *id)
{
  static GHashTable *by_id;   /* id → rule; built once, never freed */

  if (g_once_init_enter (&by_id))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
        g_hash_table_insert (table, (gpointer) rules[i].id, (gpointer) &rules[i]);
      g_once_init_leave (&by_id, table);
    }
  return id != NULL ? g_hash_table_lookup (by_id, id) : NULL;
}

static gboolean
is_confidential (JxNode *node)
{
  JxProject *project = NULL;

  if (JX_IS_PROJECT (node))
    project = JX_PROJECT (node);
  else if (JX_IS_INDICATOR (node))
    project = jx_indicator_get_project (JX_INDICATOR (node));
  return project != NULL && jx_project_get_confidential (project);
}

static void
add_problem (GPtrArray  *problems,
             const char *rule_id,
             JxNode     *node,
             const char *field,
             char       *message)   /* taken */
{
  const JxRule *rule = NULL;

  /* The checks name their rule with the table's own string (one literal
   * in this file): found by its address before hashing it. */
  for (guint i = 0; i < G_N_ELEMENTS (rules) && rule == NULL; i++)
    if (rules[i].id == rule_id)
      rule = &rules[i];
  if (rule == NULL)
    rule = jx_validator_lookup_rule (rule_id);
  g_assert (rule != NULL);
  /* The checks skip confidential projects already; this keeps the table's
   * promise (and docs/rules.md) true whatever a check forgets. */
  if (rule->confidential_exempt && is_confidential (node))
    {
      g_free (message);
      return;
    }
  g_ptr_array_add (problems,
                   jx_problem_new (rule->severity, rule->id,
                                   node ? jx_node_get_line (node) : 0, 0,
                                   node ? jx_node_get_id (node) : NULL,
                                   field, message));
  g_free (message);
}

/* A text for a message: at most 24 characters, then "…". */
static char *
shorten (const char *text)
{
  const char *end = text;
  guint n = 0;

  while (*end != '\0' && n < 24)
    end = g_utf8_next_char (end), n++;
  if (*end == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* --- what the scheme calls things ---------------------------------------- */

/*
 * A code of the scheme: a category, or a sub-category with the category it
 * is under. The validator keeps its own list of them (a few dozen), so that
 * each code of an indicator is looked up once, by its bytes, and the rules
 * then compare entries, not strings.
 */
typedef struct _Code Code;
struct _Code
{
  guint64     key;        /* the code's bytes (codes are a few digits); 0 when over 8 */
  const char *code;       /* the taxonomy's own string */
  const Code *parent;     /* a sub-category's category; NULL for a category */
  const char *name;       /* a sub-category's printed name without 指标: "经济效益" */
  gsize       name_len;
};

/*
 * The codes the rules need, found by name in the document's scheme so that
 * they hold for guangdong-2020, mof-2021 and any scheme added as data. Codes
 * are the taxonomy's own strings (it lives as long as the program). Filled
 * once per validation and read by both threads; free with scheme_clear().
 */
typedef struct
{
  JxTemplate *template;            /* the document's: which fields and checks apply */
  JxTaxonomy *taxonomy;            /* NULL when the scheme is unknown */
  Code       *codes;               /* every category and sub-category, in the scheme's order */
  guint       n_codes;
  const Code *required[3];         /* 产出, 效益, 满意度 categories */
  const Code *satisfaction_cat;
  const Code *satisfaction_sub;    /* where satisfaction belongs: 31 */
  const Code *quantity_sub;        /* 数量 */
  const Code *quality_sub;         /* 质量 */
  const Code *timeliness_sub;      /* 时效 */
  const Code *numeric_subs[3];     /* sub-categories whose values are numbers: 数量, 成本, 经济成本 */
  const Code *social_sub;          /* 社会效益 */
  const Code *ecological_sub;      /* 生态效益 */
  const Code *sustainable_sub;     /* 可持续影响 */
  /* The template's value columns and their labels, looked up once: per
   * indicator they were a tenth of checking a clean table. */
  gboolean    has_cycle;           /* cycle-value */
  gboolean    has_annual;          /* annual-value */
  gboolean    has_number;          /* number (指标值 as its own columns) */
  gboolean    has_unit;            /* measure-unit */
  const char *cycle_label;
  const char *annual_label;
  const char *number_label;
  guint       weights_total;       /* the template's (100), 0 where it has no weights */
} Scheme;

/* The bytes of a code of 1 to 8 bytes as one number; 0 for any other. */
static guint64
code_key (const char *code)
{
  guint64 key = 0;

  for (guint i = 0; code[i] != '\0'; i++)
    {
      if (i == sizeof key)
        return 0;
      key |= (guint64) (guchar) code[i] << (8 * i);
    }
  return key;
}

/* The scheme's entry for @code (a category or a sub-category), or NULL. */
static const Code *
scheme_find (const Scheme *scheme,
             const char   *code)
{
  guint64 key = code_key (code);

  for (guint k = 0; k < scheme->n_codes; k++)
    if (key != 0 ? scheme->codes[k].key == key : strcmp (scheme->codes[k].code, code) == 0)
      return &scheme->codes[k];
  return NULL;
}

static Code *
scheme_add_code (Scheme     *scheme,
                 const char *code,
                 const Code *parent)
{
  Code *entry = &scheme->codes[scheme->n_codes++];

  entry->key = code_key (code);
  entry->code = code;
  entry->parent = parent;
  if (parent != NULL)
    {
      entry->name = jx_taxonomy_get_name_for_code (scheme->taxonomy, code, FALSE);
      entry->name_len = strlen (entry->name);
    }
  return entry;
}

static void
scheme_init (Scheme     *scheme,
             JxDocument *document)
{
  static const char *required_names[] = { "产出", "效益", "满意度" };
  JxTaxonomy *taxonomy = jx_taxonomy_get_builtin (jx_document_get_taxonomy (document), NULL);
  const char * const *categories;
  guint n_numeric = 0, n_codes = 0;

  memset (scheme, 0, sizeof *scheme);
  scheme->template = jx_document_get_template (document);
  scheme->taxonomy = taxonomy;
  scheme->has_cycle = jx_template_has_field (scheme->template, "cycle-value");
  scheme->has_annual = jx_template_has_field (scheme->template, "annual-value");
  scheme->has_number = jx_template_has_field (scheme->template, "number");
  scheme->has_unit = jx_template_has_field (scheme->template, "measure-unit");
  scheme->cycle_label = jx_field_label_for_id ("cycle-value");
  scheme->annual_label = jx_field_label_for_id ("annual-value");
  scheme->number_label = jx_field_label_for_id ("number");
  scheme->weights_total = jx_template_get_weights_total (scheme->template);
  if (taxonomy == NULL)
    return;

  categories = jx_taxonomy_get_categories (taxonomy);
  for (guint c = 0; categories[c] != NULL; c++)
    n_codes += 1 + g_strv_length ((char **) jx_taxonomy_get_subcategories (taxonomy, categories[c]));
  /* Allocated once: entries point to their category. */
  scheme->codes = g_new0 (Code, n_codes);

  for (guint c = 0; categories[c] != NULL; c++)
    {
      const Code *cat = scheme_add_code (scheme, categories[c], NULL);
      const char * const *subs = jx_taxonomy_get_subcategories (taxonomy, cat->code);
      gboolean satisfaction = jx_taxonomy_name_matches (taxonomy, cat->code, "满意度");

      for (guint r = 0; r < G_N_ELEMENTS (required_names); r++)
        if (jx_taxonomy_name_matches (taxonomy, cat->code, required_names[r]))
          scheme->required[r] = cat;
      if (satisfaction)
        {
          scheme->satisfaction_cat = cat;
          scheme->satisfaction_sub = NULL;   /* its first sub-category, if any */
        }
      for (guint k = 0; subs[k] != NULL; k++)
        {
          const Code *sub = scheme_add_code (scheme, subs[k], cat);

          if (satisfaction && k == 0)
            scheme->satisfaction_sub = sub;
          if (jx_taxonomy_name_matches (taxonomy, sub->code, "数量"))
            scheme->quantity_sub = sub;
          else if (jx_taxonomy_name_matches (taxonomy, sub->code, "质量"))
            scheme->quality_sub = sub;
          else if (jx_taxonomy_name_matches (taxonomy, sub->code, "时效"))
            scheme->timeliness_sub = sub;
          else if (jx_taxonomy_name_matches (taxonomy, sub->code, "社会效益"))
            scheme->social_sub = sub;
          else if (jx_taxonomy_name_matches (taxonomy, sub->code, "生态效益"))
            scheme->ecological_sub = sub;
          else if (jx_taxonomy_name_matches (taxonomy, sub->code, "可持续影响"))
            scheme->sustainable_sub = sub;
          if ((jx_taxonomy_name_matches (taxonomy, sub->code, "数量") ||
               jx_taxonomy_name_matches (taxonomy, sub->code, "成本") ||
               jx_taxonomy_name_matches (taxonomy, sub->code, "经济成本")) &&
              n_numeric < G_N_ELEMENTS (scheme->numeric_subs))
            scheme->numeric_subs[n_numeric++] = sub;
        }
    }
}

static void
scheme_clear (Scheme *scheme)
{
  g_clear_pointer (&scheme->codes, g_free);
}

/* @code (NULL when the scheme lacks it) is @target (which it may lack too). */
static gboolean
is_code (const Code *code,
         const Code *target)
{
  return code != NULL && code == target;
}

/* --- names and texts without allocating ------------------------------------ */

#define TEXT_BUF 512

/* Copies @text into @buf without blanks (ASCII, full-width, no-break) and
 * without trailing punctuation (。；，.;,!！). Returns FALSE when it does not
 * fit: callers then skip the check that needs it. */
static gboolean
strip_text (const char *text,
            char        buf[TEXT_BUF])
{
  /* The bytes a blank starts with: ASCII blanks, U+00A0 and U+3000. */
  static const char blank_starts[] = " \t\n\v\f\r\xC2\xE3";
  gsize len = 0;
  const guchar *p = (const guchar *) text;

  /* Run by run between the bytes a blank can start with (every name and
   * value of a table passes here). */
  for (;;)
    {
      gsize run = strcspn ((const char *) p, blank_starts);

      if (len + run >= TEXT_BUF)
        return FALSE;
      memcpy (buf + len, p, run);
      len += run;
      p += run;
      if (*p == '\0')
        break;
      if (g_ascii_isspace (*p))
        p += 1;
      else if (p[0] == 0xc2 && p[1] == 0xa0)                   /* U+00A0 */
        p += 2;
      else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)   /* U+3000 */
        p += 3;
      else if (len + 1 >= TEXT_BUF)
        return FALSE;
      else
        buf[len++] = (char) *p++;   /* another character with that first byte */
    }
  /* Trailing 。；，！ and . ; , ! */
  for (;;)
    {
      if (len >= 1 && (buf[len - 1] == '.' || buf[len - 1] == ';' || buf[len - 1] == ',' ||
                       buf[len - 1] == '!'))
        len -= 1;
      else if (len >= 3 && (memcmp (buf + len - 3, "。", 3) == 0 || memcmp (buf + len - 3, "；", 3) == 0 ||
                            memcmp (buf + len - 3, "，", 3) == 0 || memcmp (buf + len - 3, "！", 3) == 0))
        len -= 3;
      else
        break;
    }
  buf[len] = '\0';
  return TRUE;
}

typedef struct
{
  const char *text;
  gsize       len;
} Ending;

#define ENDING(s) { s, sizeof s - 1 }

static gboolean
ends_with_any (const char   *text,
               gsize         len,
               const Ending *endings,
               gsize         n)
{
  for (gsize k = 0; k < n; k++)
    {
      gsize i = 1;

      /* From the end, byte by byte: most endings differ in the last one. */
      while (i <= endings[k].len && i <= len && text[len - i] == endings[k].text[endings[k].len - i])
        i++;
      if (i > endings[k].len)
        return TRUE;
    }
  return FALSE;
}

static gboolean
contains_any (const char        *text,
              const char * const *words,
              gsize              n)
{
  for (gsize k = 0; k < n; k++)
    if (strstr (text, words[k]) != NULL)
      return TRUE;
  return FALSE;
}

/* A name that says it is measured in numbers: 足额发放率, 受检单位数量, 满意度. */
static gboolean
name_is_measured (const char *name)
{
  static const Ending endings[] = {
    ENDING ("率"), ENDING ("比例"), ENDING ("比率"), ENDING ("占比"), ENDING ("比重"),
    ENDING ("数量"), ENDING ("数"), ENDING ("人次"), ENDING ("满意度"), ENDING ("得分"),
    ENDING ("金额"), ENDING ("覆盖面"), ENDING ("(%)"), ENDING ("（%）"), ENDING ("(％)"),
    ENDING ("（％）"),
  };
  static const Ending efficiency = ENDING ("效率");
  gsize len = strlen (name);

  return !ends_with_any (name, len, &efficiency, 1) &&
         ends_with_any (name, len, endings, G_N_ELEMENTS (endings));
}

/* A share of a whole, which cannot pass 100%: not a growth rate. */
static gboolean
name_is_bounded_rate (const char *name)
{
  static const Ending endings[] = {
    ENDING ("率"), ENDING ("比例"), ENDING ("比率"), ENDING ("占比"), ENDING ("比重"),
    ENDING ("满意度"), ENDING ("覆盖面"), ENDING ("(%)"), ENDING ("（%）"), ENDING ("(％)"),
    ENDING ("（％）"),
  };
  static const char *growth[] = {
    "增长", "增幅", "增速", "增加", "提高", "提升", "上升", "同比", "环比", "超额", "溢价",
    "变化", "变动", "效率", "倍",
  };

  return ends_with_any (name, strlen (name), endings, G_N_ELEMENTS (endings)) &&
         !contains_any (name, growth, G_N_ELEMENTS (growth));
}

static guint
count_chars (const char *s)
{
  return g_utf8_strlen (s, -1);
}

/* Does a (stripped, qualitative) value only repeat the (stripped) name? */
static gboolean
restates_name (const char *value,
               const char *name)
{
  if (*name == '\0' || *value == '\0')
    return FALSE;
  if (strcmp (value, name) == 0)
    return TRUE;
  /* 入选人数 for 国家重大人才工程入选人数; 形成良好社会效益 for 社会效益.
   * Characters are counted only for a text found in the other (rarely). */
  if (strstr (name, value) != NULL && count_chars (value) >= 2)
    return TRUE;
  return strstr (value, name) != NULL && count_chars (name) >= 2 &&
         count_chars (value) <= count_chars (name) + 4;
}

/* --- projects --------------------------------------------------------------- */

/* g_utf8_get_char(), without a call for ASCII and three-byte characters
 * (Chinese): a goal is read character by character. */
static inline gunichar
get_char (const char *p)
{
  const guchar *u = (const guchar *) p;

  if (u[0] < 0x80)
    return u[0];
  if ((u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80)
    return ((gunichar) (u[0] & 0x0f) << 12) | ((gunichar) (u[1] & 0x3f) << 6) | (u[2] & 0x3f);
  return g_utf8_get_char (p);
}

/* Neither a blank nor punctuation, told without a table look-up: an
 * ideograph (U+4E00 to U+9FFF, letters or unassigned) or an ASCII letter or
 * digit, most characters of a goal. */
static inline gboolean
is_plain (gunichar c)
{
  return (c >= 0x4e00 && c <= 0x9fff) || (c < 0x80 && g_ascii_isalnum (c));
}

/*
 * goal-not-sentence. A goal is a list when it has two or more item markers
 * (1、 2. (3) ① 一、) or three or more parts between ；; 。 and line breaks,
 * and none of its parts is longer than 16 characters (not counting
 * punctuation): "1、专家满意度。2、发放人数。…" or "入选中央、省人才工程人数;服务专家
 * 人次;…". A goal is cut off when it ends in 、，：；( or “ (a cell cut at a
 * page break). Returns 0 (fine), 1 (list) or 2 (cut off).
 */
static int
goal_shape (const char *goal)
{
  guint markers = 0, parts = 0, part_len = 0, longest = 0;
  gunichar last = 0;
  gboolean item_start = TRUE;

  for (const char *p = goal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = get_char (p);
      gboolean plain = is_plain (c);
      gboolean separator = (c == 0xFF1B || c == ';' || c == 0x3002 || c == '\n' || c == '\r');

      if (!plain && (g_unichar_isspace (c) || c == 0x3000))
        continue;
      last = c;

      /* An item marker where an item can start: 1、 1. 1． 1) (1) ① 一、 */
      if (item_start)
        {
          const char *q = p;
          guint digits = 0;

          if (*q == '(' || g_str_has_prefix (q, "（"))
            q = g_utf8_next_char (q);
          while (g_unichar_isdigit (g_utf8_get_char (q)))
            q = g_utf8_next_char (q), digits++;
          if (digits == 0 && *q != '\0' && g_utf8_strchr ("一二三四五六七八九十", -1, g_utf8_get_char (q)))
            {
              const char *r = g_utf8_next_char (q);
              if (g_utf8_get_char (r) == 0x3001 /* 、 */)
                q = r, digits = 1;
            }
          if (digits > 0 && digits <= 2)
            {
              gunichar m = g_utf8_get_char (q);
              gunichar after = *q ? g_utf8_get_char (g_utf8_next_char (q)) : 0;

              if (m == 0x3001 || m == ')' || m == 0xFF09 ||
                  ((m == '.' || m == 0xFF0E) && !g_unichar_isdigit (after)))
                {
                  markers++;
                  if (part_len > 0)
                    {
                      parts++;
                      longest = MAX (longest, part_len);
                      part_len = 0;
                    }
                  p = q;
                  continue;
                }
            }
          if (c >= 0x2460 && c <= 0x2473)   /* ①…⑳ */
            {
              markers++;
              if (part_len > 0)
                {
                  parts++;
                  longest = MAX (longest, part_len);
                  part_len = 0;
                }
              continue;
            }
        }

      if (separator)
        {
          if (part_len > 0)
            {
              parts++;
              longest = MAX (longest, part_len);
            }
          part_len = 0;
          item_start = TRUE;
          continue;
        }
      item_start = FALSE;
      if (plain || !g_unichar_ispunct (c))
        part_len++;
    }
  if (part_len > 0)
    {
      parts++;
      longest = MAX (longest, part_len);
    }

  if ((markers >= 2 || parts >= 3) && longest <= 16)
    return 1;
  if (last == 0x3001 || last == 0xFF0C || last == ',' || last == 0xFF1A || last == ':' ||
      last == 0xFF1B || last == ';' || last == '(' || last == 0xFF08 || last == 0x201C)
    return 2;
  return 0;
}

static void
check_amounts (JxProject *project,
               GPtrArray *problems)
{
  JxDocument *document = jx_node_get_document (JX_NODE (project));

  for (guint i = 0; i < jx_document_get_n_sources (document); i++)
    if (jx_project_get_source (project, i) < 0)
      {
        const JxField *source = jx_document_get_source (document, i);

        /* Translators: %s is a funding source such as “fiscal appropriation”,
         * then the project's name */
        add_problem (problems, "amount-negative", JX_NODE (project), source->id,
                     g_strdup_printf (_("Negative %s for “%s”; enter the amount without a minus sign"),
                                      jx_field_get_label (source), jx_project_get_name (project)));
      }
}

static void
check_goal (JxProject *project,
            GPtrArray *problems)
{
  const char *goal = jx_project_get_goal (project);
  const char *p = goal;

  while (*p != '\0' && (g_unichar_isspace (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0x3000))
    p = g_utf8_next_char (p);
  if (*p == '\0')
    {
      add_problem (problems, "goal-missing", JX_NODE (project), "goal",
                   g_strdup_printf (_("“%s” has no performance goal; describe in one or two sentences "
                                      "what the money will achieve this year"),
                                    jx_project_get_name (project)));
      return;
    }
  switch (goal_shape (goal))
    {
    case 1:
      add_problem (problems, "goal-not-sentence", JX_NODE (project), "goal",
                   g_strdup_printf (_("The goal of “%s” is a list of short items, not sentences; "
                                      "write what the project will do and achieve"),
                                    jx_project_get_name (project)));
      break;
    case 2:
      add_problem (problems, "goal-not-sentence", JX_NODE (project), "goal",
                   g_strdup_printf (_("The goal of “%s” stops in the middle of a sentence; "
                                      "complete it (was the cell cut at a page break?)"),
                                    jx_project_get_name (project)));
      break;
    default:
      break;
    }
}

/* --- indicators ------------------------------------------------------------- */

/* An indicator of the project being checked, with its codes and its name
 * read once for all the rules. */
typedef struct
{
  JxIndicator *indicator;
  const char  *category;      /* as typed */
  const char  *subcategory;
  const char  *typed_name;
  const Code  *category_code; /* the scheme's entry for them, NULL when it has none */
  const Code  *sub_code;
  gssize       name;          /* its name stripped (strip_text()), at this offset of
                               * Checker.names; -1 when too long to check */
} Item;

/* What one thread needs to check projects: the scheme (shared, read-only)
 * and room for a project's indicators, reused from project to project. */
typedef struct
{
  const Scheme *scheme;
  GArray       *items;        /* of Item */
  GString      *names;        /* the items' stripped names, each ending in '\0' */
} Checker;

static void
checker_init (Checker      *checker,
              const Scheme *scheme)
{
  checker->scheme = scheme;
  checker->items = g_array_new (FALSE, FALSE, sizeof (Item));
  checker->names = g_string_new (NULL);
}

static void
checker_clear (Checker *checker)
{
  g_array_unref (checker->items);
  g_string_free (checker->names, TRUE);
}

/* *codes_ok: both codes exist and the sub-category is under the category. */
static void
check_codes (const Scheme *scheme,
             const Item   *item,
             gboolean     *subcategory_ok,
             GPtrArray    *problems)
{
  JxTaxonomy *taxonomy = scheme->taxonomy;
  const char *category = item->category;
  const char *subcategory = item->subcategory;
  gboolean category_ok;

  category_ok = *category != '\0' && item->category_code != NULL && item->category_code->parent == NULL;
  *subcategory_ok = *subcategory != '\0' && item->sub_code != NULL && item->sub_code->parent != NULL;

  if (!category_ok)
    add_problem (problems, "category-unknown", JX_NODE (item->indicator), "category",
                 *category == '\0'
                 ? g_strdup (_("The indicator has no category; choose one of the scheme’s categories"))
                 : g_strdup_printf (_("Category “%s” does not exist in the scheme “%s”; choose one of its categories"),
                                    category, jx_taxonomy_get_name (taxonomy)));
  if (!*subcategory_ok)
    add_problem (problems, "subcategory-unknown", JX_NODE (item->indicator), "subcategory",
                 *subcategory == '\0'
                 ? g_strdup (_("The indicator has no sub-category; choose one under its category"))
                 : g_strdup_printf (_("Sub-category “%s” does not exist in the scheme “%s”; choose one under its category"),
                                    subcategory, jx_taxonomy_get_name (taxonomy)));
  if (category_ok && *subcategory_ok && item->sub_code->parent != item->category_code)
    {
      *subcategory_ok = FALSE;   /* no naming rules on a broken pair: one problem at a time */
      g_autofree char *sub_label = jx_taxonomy_format_label (taxonomy, subcategory);
      g_autofree char *cat_label = jx_taxonomy_format_label (taxonomy, category);
      g_autofree char *right_label = jx_taxonomy_format_label (taxonomy, item->sub_code->parent->code);

      add_problem (problems, "subcategory-mismatch", JX_NODE (item->indicator), "subcategory",
                   g_strdup_printf (_("Sub-category %s is not under category %s but under %s; "
                                      "change the category or choose a sub-category of %s"),
                                    sub_label, cat_label, right_label, cat_label));
    }
}

/* @name is @word or @word followed by 指标. */
static gboolean
name_is (const char *name,
         gsize       len,
         const char *word,
         gsize       word_len)
{
  static const char suffix[] = "指标";

  return (len == word_len ||
          (len == word_len + sizeof suffix - 1 && memcmp (name + word_len, suffix, sizeof suffix - 1) == 0)) &&
         memcmp (name, word, word_len) == 0;
}

/* Where the name says the indicator belongs, when that is not where it is:
 * NULL when the name fits (or says nothing). */
static const Code *
sub_by_name (const Scheme *scheme,
             const Code   *subcategory,
             const char   *name)
{
  static const char *quality_words[] = {
    "故障", "差错", "出错", "错误率", "合格率", "达标率", "准确率", "准确度", "一致率",
    "完好率", "优良率", "通过率", "正确率", "返工率",
  };
  static const char *timeliness_words[] = { "及时率", "及时性", "时效" };
  static const struct { const char *name; gsize offset; } aliases[] = {
    /* docs/domain.md: 政治效益 is not an 经济效益 but a social one. */
    { "政治效益", G_STRUCT_OFFSET (Scheme, social_sub) },
    { "环境效益", G_STRUCT_OFFSET (Scheme, ecological_sub) },
    { "生态环境效益", G_STRUCT_OFFSET (Scheme, ecological_sub) },
    { "可持续效益", G_STRUCT_OFFSET (Scheme, sustainable_sub) },
  };
  gsize len = strlen (name);

  /* Named after a sub-category: 经济效益 (or 经济效益指标) filed under 22. */
  for (guint k = 0; k < scheme->n_codes; k++)
    {
      const Code *code = &scheme->codes[k];

      if (code->parent != NULL && name_is (name, len, code->name, code->name_len))
        return code == subcategory ? NULL : code;
    }
  for (guint k = 0; k < G_N_ELEMENTS (aliases); k++)
    if (name_is (name, len, aliases[k].name, strlen (aliases[k].name)))
      {
        const Code *right = G_STRUCT_MEMBER (const Code *, scheme, aliases[k].offset);
        return right == NULL || right == subcategory ? NULL : right;
      }

  /* Within outputs: a timeliness rate under 数量 / 质量, a failure or pass
   * rate under 数量 (docs/domain.md: a failure rate is 质量, not 数量). */
  if (scheme->timeliness_sub != NULL &&
      (is_code (subcategory, scheme->quantity_sub) || is_code (subcategory, scheme->quality_sub)) &&
      contains_any (name, timeliness_words, G_N_ELEMENTS (timeliness_words)))
    return scheme->timeliness_sub;
  if (scheme->quality_sub != NULL && is_code (subcategory, scheme->quantity_sub) &&
      contains_any (name, quality_words, G_N_ELEMENTS (quality_words)))
    return scheme->quality_sub;
  return NULL;
}

static void
check_name (const Scheme *scheme,
            const Item   *item,
            const char   *name,        /* stripped */
            gboolean      codes_ok,
            GPtrArray    *problems)
{
  JxIndicator *indicator = item->indicator;
  const Code *right;

  if (scheme->taxonomy == NULL || !codes_ok || *name == '\0')
    return;

  if (scheme->satisfaction_cat != NULL && strstr (name, "满意") != NULL &&
      item->category_code != scheme->satisfaction_cat)
    {
      g_autofree char *here = jx_taxonomy_format_label (scheme->taxonomy, item->subcategory);
      g_autofree char *there = jx_taxonomy_format_label (scheme->taxonomy,
                                                         scheme->satisfaction_sub != NULL
                                                         ? scheme->satisfaction_sub->code : NULL);

      add_problem (problems, "satisfaction-misfiled", JX_NODE (indicator), "subcategory",
                   g_strdup_printf (_("“%s” measures satisfaction but is filed under %s; move it to %s"),
                                    jx_indicator_get_name (indicator), here, there));
      return;
    }

  if ((right = sub_by_name (scheme, item->sub_code, name)) != NULL)
    {
      g_autofree char *here = jx_taxonomy_format_label (scheme->taxonomy, item->subcategory);
      g_autofree char *there = jx_taxonomy_format_label (scheme->taxonomy, right->code);

      add_problem (problems, "name-code-mismatch", JX_NODE (indicator), "subcategory",
                   g_strdup_printf (_("By its name, “%s” belongs under %s, not under %s where it is filed; "
                                      "move it or rename it"),
                                    jx_indicator_get_name (indicator), there, here));
    }
}

typedef enum
{
  FIELD_CYCLE,
  FIELD_ANNUAL,
} Field;

static const char *
field_property (Field field)
{
  return field == FIELD_CYCLE ? "cycle-value" : "annual-value";
}


/* Whether the indicator's values should be numbers: by its name (a rate, a
 * count), or because it is a 数量 / 成本 or a satisfaction indicator. */
static gboolean
wants_number (const Scheme *scheme,
              const Item   *item,
              const char   *name)
{
  if (name_is_measured (name))
    return TRUE;
  if (scheme->taxonomy == NULL)
    return FALSE;
  if (is_code (item->category_code, scheme->satisfaction_cat))
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (scheme->numeric_subs); k++)
    if (is_code (item->sub_code, scheme->numeric_subs[k]))
      return TRUE;
  return FALSE;
}

/* jx_value_compare_numbers (@number, "100"), told at once for a number
 * with fewer than three digits before its point (most are). */
static int
compare_with_100 (const char *number)
{
  const char *p = number;
  guint digits = 0;

  while (*p == '0')
    p++;
  while (p[digits] != '\0' && p[digits] != '.' && digits < 3)
    digits++;
  if (digits < 3)
    return -1;
  return jx_value_compare_numbers (number, "100");
}

static void
check_value (const Scheme   *scheme,
             const Item     *item,
             Field           field,
             const char     *text,
             const JxValue  *value,
             const char     *name,       /* stripped */
             GPtrArray      *problems)
{
  JxIndicator *indicator = item->indicator;
  const char *property = field_property (field);
  const char *label = field == FIELD_CYCLE ? scheme->cycle_label : scheme->annual_label;

  /* A template with 指标值 as its own columns (Sichuan) has no annual value
   * text: the value checked is the one its columns make. */
  if (field == FIELD_ANNUAL && !scheme->has_annual)
    {
      property = "number";
      label = scheme->number_label;
    }
  const char *display_name = item->typed_name;

  if (value->flags & JX_VALUE_EMPTY)
    {
      add_problem (problems, field == FIELD_CYCLE ? "cycle-value-missing" : "annual-value-missing",
                   JX_NODE (indicator), property,
                   *name != '\0'
                   ? g_strdup_printf (_("“%s” has no %s; give the target to reach"), display_name, label)
                   : g_strdup_printf (_("The indicator has no %s; give the target to reach"), label));
      return;
    }

  if (!jx_value_is_quantitative (value))
    {
      enum { FINE, CONFIDENTIAL, PLACEHOLDER, FORMULA, REPEATS, MEASURE, UNQUANTIFIED } reason = FINE;
      char stripped[TEXT_BUF];
      g_autofree char *short_text = NULL;

      /* Only one reason per value, the most specific. */
      if (value->flags & JX_VALUE_CONFIDENTIAL)
        reason = CONFIDENTIAL;
      else if (value->flags & JX_VALUE_PLACEHOLDER)
        reason = PLACEHOLDER;
      else if (value->flags & JX_VALUE_FORMULA)
        reason = FORMULA;
      else if (strip_text (text, stripped) && restates_name (stripped, name))
        reason = REPEATS;
      else if (value->flags & JX_VALUE_MEASURE)
        reason = MEASURE;
      else if (wants_number (scheme, item, name))
        reason = UNQUANTIFIED;
      if (reason == FINE)
        return;

      short_text = shorten (text);
      switch (reason)
        {
        case CONFIDENTIAL:
          add_problem (problems, "value-not-target", JX_NODE (indicator), property,
                       g_strdup_printf (_("The %s “%s” of “%s” says the project is confidential, but the "
                                          "project is not marked 涉密; mark it confidential or give a target"),
                                        label, short_text, display_name));
          break;
        case PLACEHOLDER:
          add_problem (problems, "value-not-target", JX_NODE (indicator), property,
                       g_strdup_printf (_("The %s “%s” of “%s” is a placeholder, not a target; give the "
                                          "number or the result to reach"),
                                        label, short_text, display_name));
          break;
        case FORMULA:
          add_problem (problems, "value-not-target", JX_NODE (indicator), property,
                       g_strdup_printf (_("The %s “%s” of “%s” is a formula, not a target; give the rate "
                                          "to reach, such as ≥95%%"),
                                        label, short_text, display_name));
          break;
        case REPEATS:
          add_problem (problems, "value-not-target", JX_NODE (indicator), property,
                       g_strdup_printf (_("The %s “%s” of “%s” only repeats the indicator; give the number "
                                          "or the result to reach"),
                                        label, short_text, display_name));
          break;
        case MEASURE:
          add_problem (problems, "value-not-target", JX_NODE (indicator), property,
                       g_strdup_printf (_("The %s “%s” of “%s” names what is measured but not how much; "
                                          "give the target, such as ≥90%% or ≥100 人"),
                                        label, short_text, display_name));
          break;
        case UNQUANTIFIED:
        case FINE:
        default:
          add_problem (problems, "value-not-quantified", JX_NODE (indicator), property,
                       g_strdup_printf (_("The %s “%s” of “%s” is a description, but the indicator "
                                          "is measured in numbers; give a number to reach, such as ≥90%%"),
                                        label, short_text, display_name));
          break;
        }
      return;
    }

  if (value->flags & JX_VALUE_APPROXIMATE)
    {
      g_autofree char *short_text = shorten (text);

      add_problem (problems, "value-approximate", JX_NODE (indicator), property,
                   g_strdup_printf (_("The %s “%s” of “%s” is approximate; give an exact target "
                                      "such as “≥%s%s”"),
                                    label, short_text, display_name, value->number, value->unit));
    }

  /* ≥ / ＝ more than 100%, or ＞ 100% */
  if ((value->flags & JX_VALUE_PERCENT) && !(value->flags & (JX_VALUE_RANK | JX_VALUE_DATE)) &&
      (value->comparator == JX_COMPARATOR_GE || value->comparator == JX_COMPARATOR_GT ||
       value->comparator == JX_COMPARATOR_EQ) &&
      compare_with_100 (value->number) >= (value->comparator == JX_COMPARATOR_GT ? 0 : 1) &&
      name_is_bounded_rate (name))
    {
      g_autofree char *short_text = shorten (text);

      add_problem (problems, "percent-over-100", JX_NODE (indicator), property,
                   g_strdup_printf (_("The %s “%s” of “%s” asks a rate to exceed 100%%, which it "
                                      "cannot; correct the figure (is it ≥%s%% of something else?)"),
                                    label, short_text, display_name, value->number));
    }
}

/* The side of a comparator: +1 for at least (≥ ＞), -1 for at most (≤ ＜),
 * 0 for ＝ (it takes the side of the other value). */
static int
comparator_side (JxComparator comparator)
{
  switch (comparator)
    {
    case JX_COMPARATOR_GE:
    case JX_COMPARATOR_GT:
      return 1;
    case JX_COMPARATOR_LE:
    case JX_COMPARATOR_LT:
      return -1;
    case JX_COMPARATOR_EQ:
    case JX_COMPARATOR_QUALITATIVE:
    default:
      return 0;
    }
}

static void
check_annual_against_cycle (JxIndicator   *indicator,
                            const JxValue *cycle,
                            const JxValue *annual,
                            GPtrArray     *problems)
{
  const JxValueFlags unsure = JX_VALUE_APPROXIMATE | JX_VALUE_RANK | JX_VALUE_DATE |
                              JX_VALUE_SEVERAL | JX_VALUE_FORMULA;
  int side, cmp;

  if (!jx_value_is_quantitative (cycle) || !jx_value_is_quantitative (annual) ||
      !(cycle->flags & annual->flags & JX_VALUE_PERCENT) ||
      ((cycle->flags | annual->flags) & unsure))
    return;

  side = comparator_side (cycle->comparator);
  if (side == 0)
    side = comparator_side (annual->comparator);
  /* Both ＝, or one at least and the other at most: no direction to judge. */
  if (side == 0 || comparator_side (annual->comparator) == -side ||
      comparator_side (cycle->comparator) == -side)
    return;

  cmp = jx_value_compare_numbers (annual->number, cycle->number);
  if ((side > 0 && cmp < 0) || (side < 0 && cmp > 0))
    {
      g_autofree char *a = jx_value_format (annual);
      g_autofree char *c = jx_value_format (cycle);

      add_problem (problems, "annual-looser-than-cycle", JX_NODE (indicator), "annual-value",
                   g_strdup_printf (_("The annual value of “%s” (%s) is looser than its "
                                      "implementation-period value (%s); the year should pull at least "
                                      "as hard"),
                                    jx_indicator_get_name (indicator), a, c));
    }
}

/* The texts of an indicator the value rules read, each looked up once. */
typedef struct
{
  const char *name;
  const char *cycle;
  const char *annual;
  const char *comparator;   /* the fields only some templates have: "" when empty */
  const char *number;
  const char *unit;
  const char *weight;
} Texts;

static void
read_texts (const Item *item,
            Texts      *texts)
{
  JxIndicator *indicator = item->indicator;

  texts->name = item->typed_name;
  texts->cycle = jx_indicator_get_cycle_value (indicator);
  texts->annual = jx_indicator_get_annual_value (indicator);
  /* Most tables fill in none of them: one test, not four look-ups by id. */
  if (jx_indicator_has_extra_fields (indicator))
    {
      texts->comparator = jx_indicator_get_field (indicator, "comparator");
      texts->number = jx_indicator_get_field (indicator, "number");
      texts->unit = jx_indicator_get_field (indicator, "measure-unit");
      texts->weight = jx_indicator_get_field (indicator, "weight");
    }
  else
    texts->comparator = texts->number = texts->unit = texts->weight = "";
}

/* The annual value as one text: the annual value where the template has
 * one, else what its 指标性质 · 指标值 · 度量单位 columns say ("≥95%"),
 * 百分比 read as %. *@made is what was made for it (free it), or NULL. */
static const char *
annual_value_text (const Scheme *scheme,
                   const Texts  *texts,
                   char        **made)
{
  const char *comparator = texts->comparator, *unit = texts->unit;

  *made = NULL;
  if (scheme->has_annual || !scheme->has_number || *texts->number == '\0')
    return texts->annual;
  if (g_str_equal (comparator, "定性"))
    comparator = "";
  if (g_str_equal (unit, "百分比") || g_str_equal (unit, "％"))
    unit = "%";
  return *made = g_strconcat (comparator, texts->number, unit, NULL);
}

/* A placeholder of a copied template: ≥**%, **万元, XX人, ＊＊. */
static gboolean
has_placeholder (const char *text)
{
  /* The marks **, ＊＊, *%, ＊%, ＸＸ, ××人, ××个 and ※※, and XX or xx not
   * part of a longer Latin word (XXL, Linux), found in one pass by their
   * first byte (eight strstr() a field were a twentieth of checking a clean
   * table), skipping to the next byte a mark can start with. */
  static const char mark_starts[] = "*Xx\xC3\xE2\xEF";
#define STARTS(p, s) (strncmp ((p), (s), sizeof (s) - 1) == 0)
  for (const char *p = text + strcspn (text, mark_starts); *p != '\0'; p += 1 + strcspn (p + 1, mark_starts))
    switch ((guchar) *p)
      {
      case '*':
        if (p[1] == '*' || p[1] == '%')
          return TRUE;
        break;
      case 0xEF:   /* ＊ Ｘ */
        if (STARTS (p, "＊＊") || STARTS (p, "＊%") || STARTS (p, "ＸＸ"))
          return TRUE;
        break;
      case 0xC3:   /* × */
        if (STARTS (p, "××人") || STARTS (p, "××个"))
          return TRUE;
        break;
      case 0xE2:   /* ※ */
        if (STARTS (p, "※※"))
          return TRUE;
        break;
      case 'X':
      case 'x':
        if ((p[1] == 'X' || p[1] == 'x') && (p == text || !g_ascii_isalpha (p[-1])))
          {
            const char *q = p;

            while (*q == 'X' || *q == 'x')
              q++;
            if (!g_ascii_isalpha (*q))
              return TRUE;
          }
        break;
      default:
        break;
      }
#undef STARTS
  return FALSE;
}

/* Reports the first placeholder of @indicator; TRUE when it was in a value
 * (whose other checks would only repeat it). */
static gboolean
check_placeholders (JxIndicator *indicator,
                    const Texts *texts,
                    GPtrArray   *problems)
{
  static const char * const ids[] = { "name", "cycle-value", "annual-value", "number", "measure-unit" };
  const char *values[] = { texts->name, texts->cycle, texts->annual, texts->number, texts->unit };
  gboolean reported = FALSE, in_value = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      const char *text = values[k];

      if (*text == '\0' || !has_placeholder (text))
        continue;
      in_value = in_value || k > 0;
      if (!reported)   /* one per indicator: the rest is the same copy */
        {
          g_autofree char *short_text = shorten (text);

          reported = TRUE;
          add_problem (problems, "placeholder-left", JX_NODE (indicator), ids[k],
                       k == 0
                       ? g_strdup_printf (_("The name “%s” still holds a placeholder (** or XX); "
                                            "fill in the real figure"), short_text)
                       : g_strdup_printf (_("The %s “%s” of “%s” still holds a placeholder (** or XX); "
                                            "fill in the real figure"),
                                          jx_field_label_for_id (ids[k]), short_text, texts->name));
        }
    }
  return in_value;
}

/* A number without its 度量单位, where the template has that column. */
static void
check_unit (const Scheme  *scheme,
            JxIndicator   *indicator,
            const Texts   *texts,
            const JxValue *annual,
            GPtrArray     *problems)
{
  if (!scheme->has_unit || !scheme->has_number)
    return;
  if (*texts->number == '\0' || *texts->unit != '\0' ||
      !jx_value_is_quantitative (annual) || (annual->flags & JX_VALUE_DATE))
    return;
  add_problem (problems, "unit-missing", JX_NODE (indicator), "measure-unit",
               g_strdup_printf (_("The target number “%s” of “%s” has no unit of measure; "
                                  "say what it counts (%%, 人, 个, 万元…)"),
                                texts->number, texts->name));
}

/* "…达标率100%" with the value ≥98%: the name ends in a figure with the
 * value's unit, and the figures differ. */
static void
check_name_against_value (JxIndicator   *indicator,
                          const char    *name,
                          const JxValue *value,
                          GPtrArray     *problems)
{
  const JxValueFlags unsure = JX_VALUE_APPROXIMATE | JX_VALUE_RANK | JX_VALUE_DATE |
                              JX_VALUE_SEVERAL | JX_VALUE_FORMULA | JX_VALUE_PLACEHOLDER;
  static const Ending percent = ENDING ("％");
  gsize len = strlen (name);
  Ending unit;
  JxValue stated;

  if (!jx_value_is_quantitative (value) || (value->flags & unsure) || *value->unit == '\0')
    return;
  /* What follows asks the name to end in the value's unit (or in ％): most
   * names do not, and need not be read as a value. */
  unit.text = value->unit;
  unit.len = strlen (value->unit);
  if (!ends_with_any (name, len, &unit, 1) && !ends_with_any (name, len, &percent, 1))
    return;
  jx_value_init (&stated, name);
  if (!jx_value_is_quantitative (&stated) || (stated.flags & unsure) ||
      strcmp (stated.unit, value->unit) != 0 ||
      !(g_str_has_suffix (name, stated.unit) || g_str_has_suffix (name, "％")) ||
      jx_value_compare_numbers (stated.number, value->number) == 0)
    return;
  {
    g_autofree char *shown = jx_value_format (value);

    add_problem (problems, "name-value-mismatch", JX_NODE (indicator), "name",
                 g_strdup_printf (_("The name “%s” states %s%s, but its value is %s; make the two agree"),
                                  name, stated.number, stated.unit, shown));
  }
}

/* The weight (@text) in hundredths, or -1 when it is not a plain number. */
static gint64
weight_hundredths (const char *text)
{
  JxValue value;
  gint64 hundredths;

  jx_value_init (&value, text);
  if (!jx_value_is_quantitative (&value) || value.comparator != JX_COMPARATOR_EQ ||
      (value.flags & ~JX_VALUE_PERCENT) != 0 || !jx_value_get_hundredths (&value, &hundredths))
    return -1;
  return hundredths;
}

static void
check_weight (JxIndicator *indicator,
              const Texts *texts,
              GPtrArray   *problems)
{
  if (weight_hundredths (texts->weight) > 0)
    return;
  add_problem (problems, "weight-missing", JX_NODE (indicator), "weight",
               *texts->weight == '\0'
               ? g_strdup_printf (_("“%s” has no weight; give its share of the project's score"),
                                  texts->name)
               : g_strdup_printf (_("The weight “%s” of “%s” is not a number above zero; give its share "
                                    "of the project's score"),
                                  texts->weight, texts->name));
}

/* The weights of a project add up to the template's total. Indicators whose
 * weight is missing are reported on their own (weight-missing). */
static void
check_weights_total (const Scheme *scheme,
                     JxProject    *project,
                     const Item   *items,
                     guint         n,
                     GPtrArray    *problems)
{
  gint64 total = 0, wanted = (gint64) scheme->weights_total * 100;

  if (wanted == 0 || n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      gint64 weight = weight_hundredths (jx_indicator_get_field (items[i].indicator, "weight"));

      if (weight > 0 && total <= G_MAXINT64 - weight)
        total += weight;
    }
  if (total != wanted)
    {
      g_autofree char *sum = total % 100 == 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, total / 100)
        : g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", total / 100, (int) (total % 100));

      add_problem (problems, "weights-total", JX_NODE (project), NULL,
                   g_strdup_printf (_("The weights of the indicators of “%s” add up to %s, not %u; "
                                      "correct them so that they make %u"),
                                    jx_project_get_name (project), sum,
                                    scheme->weights_total, scheme->weights_total));
    }
}

/* The same sub-category code, known to the scheme or not. */
static gboolean
same_subcategory (const Item *a,
                  const Item *b)
{
  if (a->sub_code != NULL)
    return a->sub_code == b->sub_code;
  return g_str_equal (a->subcategory, b->subcategory);
}

/* The duplicates of a project are found among its earlier indicators, or
 * in @seen ("sub\nname" of the earlier ones) for a big project. */
static void
check_indicator (Checker    *checker,
                 guint       position,
                 gboolean    exempt,    /* a confidential project */
                 GHashTable *seen,
                 GPtrArray  *problems)
{
  const Scheme *scheme = checker->scheme;
  const Item *items = (const Item *) checker->items->data;
  const Item *item = &items[position];
  JxIndicator *indicator = item->indicator;
  const char *name = item->name >= 0 ? checker->names->str + item->name : "";
  gboolean codes_ok = FALSE, same_values = FALSE;
  Texts texts;
  JxValue cycle, annual;
  const char *annual_text;
  g_autofree char *made = NULL;

  if (scheme->taxonomy != NULL)
    check_codes (scheme, item, &codes_ok, problems);

  /* A name of over 500 bytes: the checks that read it are skipped. */
  if (*name == '\0' && item->name >= 0)
    {
      if (!exempt)
        add_problem (problems, "indicator-name-missing", JX_NODE (indicator), "name",
                     g_strdup (_("The indicator has no name (三级指标); name what it measures")));
    }
  else if (*name != '\0')
    {
      gboolean duplicate = FALSE;

      check_name (scheme, item, name, codes_ok, problems);
      if (seen != NULL)
        duplicate = !g_hash_table_add (seen, g_strconcat (item->subcategory, "\n", name, NULL));
      else
        for (guint j = 0; j < position && !duplicate; j++)
          duplicate = items[j].name >= 0 && same_subcategory (item, &items[j]) &&
                      g_str_equal (name, checker->names->str + items[j].name);
      if (duplicate)
        add_problem (problems, "indicator-duplicate", JX_NODE (indicator), "name",
                     g_strdup_printf (_("“%s” appears twice under the same sub-category in this project; "
                                        "remove or merge the repetition"),
                                      jx_indicator_get_name (indicator)));
    }

  if (exempt)
    return;

  read_texts (item, &texts);
  if (check_placeholders (indicator, &texts, problems))
    return;
  annual_text = annual_value_text (scheme, &texts, &made);
  jx_value_init (&annual, annual_text);
  /* Only the values the template has: a per-indicator 实施周期指标值 is
   * Guangdong's (and the central template's 中长期指标值). */
  if (scheme->has_cycle)
    {
      /* Tables often give both values the same text: read it once. */
      same_values = strcmp (texts.cycle, annual_text) == 0;
      if (same_values)
        cycle = annual;
      else
        jx_value_init (&cycle, texts.cycle);
      check_value (scheme, item, FIELD_CYCLE, texts.cycle, &cycle, name, problems);
    }
  if (scheme->has_annual || scheme->has_number)
    check_value (scheme, item, FIELD_ANNUAL, annual_text, &annual, name, problems);
  /* A value cannot be looser than itself. */
  if (scheme->has_cycle && !same_values)
    check_annual_against_cycle (indicator, &cycle, &annual, problems);
  check_unit (scheme, indicator, &texts, &annual, problems);
  check_name_against_value (indicator, texts.name, &annual, problems);
  if (scheme->weights_total > 0)
    check_weight (indicator, &texts, problems);
}

/* Reads the project's indicators into checker->items: each taken from the
 * list once (a GListModel look-up costs hundreds of instructions; the
 * project holds them, borrowed pointers are enough), its codes looked up
 * and its name stripped once. */
static void
read_items (Checker   *checker,
            JxProject *project)
{
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);

  g_array_set_size (checker->items, n);
  g_string_truncate (checker->names, 0);
  for (guint i = 0; i < n; i++)
    {
      Item *item = &g_array_index (checker->items, Item, i);
      char name[TEXT_BUF];

      item->indicator = g_list_model_get_item (indicators, i);
      g_object_unref (item->indicator);
      item->category = jx_indicator_get_category (item->indicator);
      item->subcategory = jx_indicator_get_subcategory (item->indicator);
      item->typed_name = jx_indicator_get_name (item->indicator);
      item->category_code = scheme_find (checker->scheme, item->category);
      item->sub_code = scheme_find (checker->scheme, item->subcategory);
      item->name = -1;
      if (strip_text (item->typed_name, name))
        {
          item->name = checker->names->len;
          g_string_append_len (checker->names, name, strlen (name) + 1);
        }
    }
}

#define SMALL_PROJECT 64

static void
validate_project (Checker   *checker,
                  JxProject *project,
                  GPtrArray *problems)
{
  const Scheme *scheme = checker->scheme;
  gboolean exempt = jx_project_get_confidential (project);
  g_autoptr(GHashTable) seen = NULL;
  const Item *items;
  guint n;

  read_items (checker, project);
  items = (const Item *) checker->items->data;
  n = checker->items->len;
  if (n > SMALL_PROJECT)
    seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The whole project first, then its fields in file order, then its
   * indicators: problems come out in document order. */
  if (!exempt)
    {
      if (n == 0)
        add_problem (problems, "project-no-indicators", JX_NODE (project), NULL,
                     g_strdup_printf (_("“%s” has no performance indicators; add outputs, effects "
                                        "and satisfaction indicators"),
                                      jx_project_get_name (project)));
      else if (scheme->taxonomy != NULL)
        {
          gboolean present[G_N_ELEMENTS (scheme->required)] = { FALSE, };

          /* By category; then, if one seems missing, also by the parent of
           * the sub-category: a broken pair counts for both, since its
           * mismatch is reported already, not its consequences. */
          for (guint pass = 0; pass < 2; pass++)
            {
              gboolean all = TRUE;

              for (guint r = 0; r < G_N_ELEMENTS (present); r++)
                all = all && (present[r] || scheme->required[r] == NULL);
              if (all)
                break;
              for (guint i = 0; i < n; i++)
                {
                  const Code *code = pass == 0 ? items[i].category_code
                                   : items[i].sub_code != NULL ? items[i].sub_code->parent
                                   : NULL;

                  for (guint r = 0; r < G_N_ELEMENTS (present); r++)
                    present[r] = present[r] || is_code (code, scheme->required[r]);
                }
            }
          for (guint r = 0; r < G_N_ELEMENTS (present); r++)
            if (scheme->required[r] != NULL && !present[r])
              {
                g_autofree char *label = jx_taxonomy_format_label (scheme->taxonomy, scheme->required[r]->code);

                add_problem (problems, "category-missing", JX_NODE (project), NULL,
                             g_strdup_printf (_("“%s” has no indicator under %s; add at least one"),
                                              jx_project_get_name (project), label));
              }
        }
    }
  check_amounts (project, problems);
  if (!exempt)
    {
      check_goal (project, problems);
      check_weights_total (scheme, project, items, n, problems);
    }

  for (guint i = 0; i < n; i++)
    check_indicator (checker, i, exempt, seen, problems);
}

void
jx_validate_project (JxDocument *document,
                     JxProject  *project,
                     GPtrArray  *problems)
{
  Scheme scheme;
  Checker checker;

  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (JX_IS_PROJECT (project));
  g_return_if_fail (problems != NULL);

  scheme_init (&scheme, document);
  checker_init (&checker, &scheme);
  validate_project (&checker, project, problems);
  checker_clear (&checker);
  scheme_clear (&scheme);
}

/* A large table is checked on two threads in chunks of projects: the main
 * thread checks the even chunks and hands their problems on at once, a
 * worker the odd ones, each into its own list, which the main thread hands on
 * in turn. Problems come out in document order, and at most a few chunks'
 * problems are held at a time (a messy city table has 100,000 findings or
 * more). Checking reads the model and changes nothing, and every store is
 * read by one thread only (the list of projects is gathered before the
 * threads start). */
#define PARALLEL_PROJECTS 2000
#define CHUNK_PROJECTS 128
#define CHUNKS_AHEAD 8

typedef struct
{
  const Scheme *scheme;
  GPtrArray    *projects;
  guint         n_chunks;
  GPtrArray   **found;       /* per odd chunk, set by the worker when done */
  guint         handed_on;   /* chunks the main thread has finished with */
  GMutex        lock;
  GCond         changed;
} Pipeline;

static void
validate_chunk (Pipeline  *pipeline,
                Checker   *checker,
                guint      chunk,
                GPtrArray *problems)
{
  guint from = chunk * CHUNK_PROJECTS;
  guint to = MIN (from + CHUNK_PROJECTS, pipeline->projects->len);

  for (guint i = from; i < to; i++)
    validate_project (checker, g_ptr_array_index (pipeline->projects, i), problems);
}

static gpointer
validate_odd_chunks (gpointer data)
{
  Pipeline *pipeline = data;
  Checker checker;

  checker_init (&checker, pipeline->scheme);
  for (guint c = 1; c < pipeline->n_chunks; c += 2)
    {
      GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);

      /* Not too far ahead of what the main thread has handed on. */
      g_mutex_lock (&pipeline->lock);
      while (c > pipeline->handed_on + CHUNKS_AHEAD)
        g_cond_wait (&pipeline->changed, &pipeline->lock);
      g_mutex_unlock (&pipeline->lock);

      validate_chunk (pipeline, &checker, c, problems);

      g_mutex_lock (&pipeline->lock);
      pipeline->found[c] = problems;
      g_cond_broadcast (&pipeline->changed);
      g_mutex_unlock (&pipeline->lock);
    }
  checker_clear (&checker);
  return NULL;
}

static void
collect_project (gpointer project,
                 gpointer user_data)
{
  g_ptr_array_add (user_data, g_object_ref (project));
}

/* Hands every problem of @problems on to @func (which takes it) and frees
 * the array. */
static void
hand_on (GPtrArray     *problems,
         JxProblemFunc  func,
         gpointer       user_data)
{
  for (guint i = 0; i < problems->len; i++)
    func (g_ptr_array_index (problems, i), user_data);
  g_ptr_array_set_free_func (problems, NULL);
  g_ptr_array_unref (problems);
}

/* The problem of a document whose category scheme is not known, if it is
 * not: the first problem of every check of the whole document. */
static void
check_scheme (JxDocument   *document,
              const Scheme *scheme,
              GPtrArray    *problems)
{
  if (scheme->taxonomy == NULL)
    add_problem (problems, "taxonomy-unknown", NULL, NULL,
                 g_strdup_printf (_("The category scheme “%s” is not known; use guangdong-2020 or mof-2021"),
                                  jx_document_get_taxonomy (document)));
}

void
jx_validate_document_foreach (JxDocument    *document,
                              JxProblemFunc  func,
                              gpointer       user_data)
{
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  Scheme scheme;
  Checker checker;
  Pipeline pipeline = { 0, };
  GThread *thread = NULL;

  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (func != NULL);

  scheme_init (&scheme, document);
  if (scheme.taxonomy == NULL)
    {
      GPtrArray *problems = g_ptr_array_new ();

      check_scheme (document, &scheme, problems);
      hand_on (problems, func, user_data);
    }
  jx_document_foreach_project (document, collect_project, projects);

  checker_init (&checker, &scheme);
  pipeline.scheme = &scheme;
  pipeline.projects = projects;
  pipeline.n_chunks = (projects->len + CHUNK_PROJECTS - 1) / CHUNK_PROJECTS;
  g_mutex_init (&pipeline.lock);
  g_cond_init (&pipeline.changed);
  if (projects->len >= PARALLEL_PROJECTS && g_get_num_processors () > 1)
    {
      pipeline.found = g_new0 (GPtrArray *, pipeline.n_chunks);
      thread = g_thread_new ("jx-validate", validate_odd_chunks, &pipeline);
    }

  for (guint c = 0; c < pipeline.n_chunks; c++)
    {
      GPtrArray *problems;

      if (thread == NULL || c % 2 == 0)
        {
          problems = g_ptr_array_new ();
          validate_chunk (&pipeline, &checker, c, problems);
        }
      else
        {
          g_mutex_lock (&pipeline.lock);
          while (pipeline.found[c] == NULL)
            g_cond_wait (&pipeline.changed, &pipeline.lock);
          problems = pipeline.found[c];
          pipeline.found[c] = NULL;
          g_mutex_unlock (&pipeline.lock);
        }
      hand_on (problems, func, user_data);
      if (thread != NULL)
        {
          g_mutex_lock (&pipeline.lock);
          pipeline.handed_on = c + 1;
          g_cond_broadcast (&pipeline.changed);
          g_mutex_unlock (&pipeline.lock);
        }
    }

  if (thread != NULL)
    g_thread_join (thread);
  g_free (pipeline.found);
  g_mutex_clear (&pipeline.lock);
  g_cond_clear (&pipeline.changed);
  checker_clear (&checker);
  scheme_clear (&scheme);
}

static void
add_to_array (JxProblem *problem,
              gpointer   user_data)
{
  g_ptr_array_add (user_data, problem);
}

GPtrArray *
jx_validate_document (JxDocument *document)
{
  GPtrArray *problems;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  jx_validate_document_foreach (document, add_to_array, problems);
  return problems;
}

guint
jx_problems_count (GPtrArray  *problems,
                   JxSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (problems != NULL, 0);

  for (guint i = 0; i < problems->len; i++)
    if (((JxProblem *) g_ptr_array_index (problems, i))->severity == severity)
      n++;
  return n;
}

struct _JxValidation
{
  JxDocument *document;
  Scheme      scheme;
  Checker     checker;
  GPtrArray  *projects;   /* in document order */
  guint       next;       /* the next project to check */
  gboolean    started;
};

JxValidation *
jx_validation_new (JxDocument *document)
{
  JxValidation *self;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  self = g_new0 (JxValidation, 1);
  self->document = g_object_ref (document);
  scheme_init (&self->scheme, document);
  checker_init (&self->checker, &self->scheme);
  self->projects = g_ptr_array_new_with_free_func (g_object_unref);
  jx_document_foreach_project (document, collect_project, self->projects);
  return self;
}

gboolean
jx_validation_step (JxValidation *self,
                    gint64        deadline,
                    GPtrArray    *problems)
{
  g_return_val_if_fail (self != NULL, TRUE);
  g_return_val_if_fail (problems != NULL, TRUE);

  if (!self->started)
    {
      self->started = TRUE;
      check_scheme (self->document, &self->scheme, problems);
    }
  while (self->next < self->projects->len)
    {
      validate_project (&self->checker, g_ptr_array_index (self->projects, self->next++), problems);
      if (deadline >= 0 && g_get_monotonic_time () >= deadline)
        break;
    }
  return self->next == self->projects->len;
}

void
jx_validation_free (JxValidation *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->projects);
  checker_clear (&self->checker);
  scheme_clear (&self->scheme);
  g_object_unref (self->document);
  g_free (self);
}
