/* jx-import-form.c: single-project forms (label/value pairs, then the
 * indicator rows), one or several in a text
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A form reads, as spreadsheets copy it (TSV), as a web page shows it
 * (pipe table) or as a PDF's text gives it (columns of spaces):
 *
 *   项目支出绩效目标申报表（2024年度）
 *   项目名称 | 乡村振兴示范村建设
 *   主管部门 | 某县农业农村局 | 实施单位 | 某县乡村振兴服务中心
 *   项目属性 | 延续项目 | 实施期 | 3年
 *   项目资金（万元） | 年度资金总额 | 120.00
 *   | 其中：财政拨款 | 100.00
 *   | 其他资金 | 20.00
 *   总体目标 | 中长期目标 | 年度目标
 *   | 三年内建成示范村10个 | 建成示范村3个
 *   绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值
 *   | 产出指标 | 数量指标 | 示范村数量 | ≥3个
 *   主管部门审核意见 | …
 *
 * Labels are found by name (blanks, a leading 其中： and a unit in brackets
 * ignored; "项目名称：X" in one cell too); a label's value is the next cell
 * that is no label; goal labels without values (中长期目标 | 年度目标) take
 * the values of the next line in order. The indicator rows, from the
 * header naming 三级指标 to a sign-off line (…意见, 填报人, 负责人, 盖章,
 * 日期) or the next form, are handed to the row reader (jx-rows.h), the one
 * that pastes and imports row tables, as TSV without the leading 绩效指标
 * column. Labels the document does not hold (项目属性, 实施期 …) are kept as
 * an open comment on the project.
 */
#define G_LOG_DOMAIN "jx-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-annotation.h"
#include "jx-fields.h"
#include "jx-funding-unit.h"
#include "jx-history.h"
#include "jx-import.h"
#include "jx-import-private.h"
#include "jx-indicator.h"
#include "jx-limits.h"
#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-project.h"
#include "jx-text-private.h"

typedef enum
{
  ROLE_NONE,         /* a value */
  ROLE_NAME,         /* 项目名称: a form starts */
  ROLE_DEPARTMENT,   /* 主管部门 */
  ROLE_UNIT,         /* 实施单位 */
  ROLE_TOTAL,        /* 年度资金总额 */
  ROLE_SOURCE,       /* a funding source by its official label */
  ROLE_GOAL,         /* 年度目标 */
  ROLE_CYCLE_GOAL,   /* 中长期目标, 实施期目标 */
  ROLE_OVERALL,      /* 总体目标: the cycle goal with a value, else a group */
  ROLE_GROUP,        /* 项目资金, 绩效指标: a heading, no value */
  ROLE_OTHER,        /* 项目属性, 实施期 …: kept as a comment */
} Role;

static const struct { const char *label; Role role; } labels[] = {
  { "项目名称", ROLE_NAME },
  { "主管部门", ROLE_DEPARTMENT },
  { "主管部门及代码", ROLE_DEPARTMENT },
  { "主管单位", ROLE_DEPARTMENT },
  { "部门名称", ROLE_DEPARTMENT },
  { "实施单位", ROLE_UNIT },
  { "项目实施单位", ROLE_UNIT },
  { "单位名称", ROLE_UNIT },
  { "预算单位", ROLE_UNIT },
  { "资金使用单位", ROLE_UNIT },
  { "年度资金总额", ROLE_TOTAL },
  { "资金总额", ROLE_TOTAL },
  { "项目资金总额", ROLE_TOTAL },
  { "年度预算数", ROLE_TOTAL },
  { "预算数", ROLE_TOTAL },
  { "总计", ROLE_TOTAL },
  { "财政资金", ROLE_SOURCE },   /* 财政拨款, below */
  { "年度目标", ROLE_GOAL },
  { "年度绩效目标", ROLE_GOAL },
  { "绩效目标", ROLE_GOAL },
  { "中长期目标", ROLE_CYCLE_GOAL },
  { "中长期绩效目标", ROLE_CYCLE_GOAL },
  { "实施期目标", ROLE_CYCLE_GOAL },
  { "实施期绩效目标", ROLE_CYCLE_GOAL },
  { "总体目标", ROLE_OVERALL },
  { "项目资金", ROLE_GROUP },
  { "资金来源", ROLE_GROUP },
  { "绩效指标", ROLE_GROUP },
  { "项目属性", ROLE_OTHER },
  { "项目类型", ROLE_OTHER },
  { "项目类别", ROLE_OTHER },
  { "实施期", ROLE_OTHER },
  { "项目期", ROLE_OTHER },
  { "项目周期", ROLE_OTHER },
  { "实施期限", ROLE_OTHER },
  { "项目起止时间", ROLE_OTHER },
  { "项目编码", ROLE_OTHER },
  { "项目代码", ROLE_OTHER },
  { "项目负责人", ROLE_OTHER },
  { "联系人", ROLE_OTHER },
  { "联系电话", ROLE_OTHER },
  { "立项依据", ROLE_OTHER },
  { "项目概况", ROLE_OTHER },
};

/* The funding source a label names (any template's), or NULL. */
static const JxField *
source_named (const char *name)
{
  static const JxFieldOwner owners[] = { JX_FIELD_OWNER_PROJECT, JX_FIELD_OWNER_SOURCE };

  if (g_str_equal (name, "财政资金"))
    return jx_field_lookup_source ("fiscal");
  for (guint o = 0; o < G_N_ELEMENTS (owners); o++)
    {
      guint n;
      const JxField *fields = jx_fields_of (owners[o], &n);

      for (guint i = 0; i < n; i++)
        if (fields[i].kind == JX_FIELD_MONEY && fields[i].official != NULL &&
            g_str_equal (name, fields[i].official))
          return &fields[i];
    }
  return NULL;
}

static Role
role_of (const char     *cell,
         const JxField **source)
{
  g_autofree char *name = NULL;

  *source = NULL;
  if (*cell == '\0')
    return ROLE_NONE;
  name = jx_text_normalize_label (cell);
  if (g_str_has_suffix (name, "：") || g_str_has_suffix (name, ":"))
    name[strlen (name) - (g_str_has_suffix (name, ":") ? 1 : strlen ("："))] = '\0';
  if ((*source = source_named (name)) != NULL)
    return ROLE_SOURCE;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (name, labels[i].label))
      return labels[i].role;
  return ROLE_NONE;
}

/* A line of the form that ends the indicator rows: a sign-off block. */
static gboolean
is_sign_off (const char *cell)
{
  static const char * const starts[] = { "填报人", "填表人", "审核人", "负责人", "单位负责人",
                                          "财务负责人", "填报日期", "日期", "盖章", "签字", "签章" };
  g_autofree char *name = jx_text_normalize_label (cell);

  if (strstr (name, "意见") != NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    if (g_str_has_prefix (name, starts[i]))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Lines → cells
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *start;
  gsize       len;
} Line;

static GArray *
split_lines (const char *utf8,
             gsize       len)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  const char *p = utf8, *end = utf8 + len;

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      Line line = { p, (eol ? eol : end) - p };

      if (line.len > 0 && p[line.len - 1] == '\r')
        line.len--;
      g_array_append_val (lines, line);
      p = eol ? eol + 1 : end;
    }
  return lines;
}

static char *
trimmed (const char *s,
         const char *e)
{
  gsize n;

  while (s < e && (n = jx_text_space_at (s, e)) > 0)
    s += n;
  while (e > s)
    {
      const char *prev = g_utf8_find_prev_char (s, e);

      if (prev == NULL || jx_text_space_at (prev, e) == 0)
        break;
      e = prev;
    }
  return g_strndup (s, e - s);
}

/* The cells of a line, empty ones kept: split at tabs, at the bars of a
 * pipe table, or at runs of two or more blanks. NULL for a |---| rule. */
static GPtrArray *
split_cells (const Line *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  const char *s = line->start, *e = line->start + line->len;
  const char *first = jx_text_skip_spaces (s, e);

  if (memchr (s, '\t', line->len) != NULL)
    {
      for (const char *p = s;;)
        {
          const char *tab = memchr (p, '\t', e - p);

          g_ptr_array_add (cells, trimmed (p, tab ? tab : e));
          if (tab == NULL)
            break;
          p = tab + 1;
        }
    }
  else if (first < e && *first == '|')
    {
      gboolean rule = TRUE;
      const char *last = e;

      while (last > first && jx_text_space_at (g_utf8_find_prev_char (first, last), last) > 0)
        last = g_utf8_find_prev_char (first, last);
      if (last > first + 1 && last[-1] == '|')
        last--;
      for (const char *p = first + 1;;)
        {
          const char *bar = memchr (p, '|', last - p);
          char *cell = trimmed (p, bar ? bar : last);

          rule = rule && (*cell == '\0' || strspn (cell, "-: ") == strlen (cell));
          g_ptr_array_add (cells, cell);
          if (bar == NULL)
            break;
          p = bar + 1;
        }
      if (rule)
        g_clear_pointer (&cells, g_ptr_array_unref);
    }
  else
    {
      const char *p = first, *cell = first;

      while (p < e)
        {
          gsize n = jx_text_space_at (p, e);

          if (n == 0)
            {
              p = g_utf8_next_char (p);
              continue;
            }
          {
            const char *q = p + n;
            gsize blanks = 1;
            gboolean wide = n > 1 || (guchar) *p >= 0x80;   /* U+3000, U+00A0 */
            gsize m;

            while (q < e && (m = jx_text_space_at (q, e)) > 0)
              {
                q += m;
                blanks++;
              }
            if (blanks >= 2 || wide || q == e)
              {
                g_ptr_array_add (cells, trimmed (cell, p));
                cell = q;
              }
            p = q;
          }
        }
      if (cell < e)
        g_ptr_array_add (cells, trimmed (cell, e));
    }
  return cells;
}

/* "项目名称：X" in one cell: the label and its value as two. */
static GPtrArray *
filled_cells (GPtrArray *cells)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; cells != NULL && i < cells->len; i++)
    {
      const char *cell = g_ptr_array_index (cells, i);
      const char *colon = strstr (cell, "：");
      gsize colon_len = strlen ("：");
      const JxField *source;

      if (*cell == '\0')
        continue;
      if (colon == NULL || (strchr (cell, ':') != NULL && strchr (cell, ':') < colon))
        {
          colon = strchr (cell, ':');
          colon_len = 1;
        }
      if (colon != NULL && colon > cell && colon[colon_len] != '\0')
        {
          g_autofree char *label = g_strndup (cell, colon - cell);

          if (role_of (label, &source) != ROLE_NONE)
            {
              g_ptr_array_add (out, g_steal_pointer (&label));
              g_ptr_array_add (out, trimmed (colon + colon_len, cell + strlen (cell)));
              continue;
            }
        }
      g_ptr_array_add (out, g_strdup (cell));
    }
  return out;
}

/* ------------------------------------------------------------------------
 * Forms
 * ------------------------------------------------------------------------ */

typedef struct
{
  const JxField *source;   /* NULL: the total */
  char          *text;
  guint          line;
} Amount;

typedef struct
{
  guint      line;             /* of 项目名称 */
  char      *name;
  char      *department;
  char      *unit;
  char      *goal;
  char      *cycle_goal;
  GArray    *amounts;          /* Amount */
  GString   *extras;           /* 项目属性：延续项目；实施期：3年 */
  guint      block_start;      /* 0-based index of the line naming 三级指标; 0 with no block */
  guint      block_end;        /* exclusive */
  gboolean   has_block;
} Form;

static void
amount_clear (Amount *a)
{
  g_free (a->text);
}

static void
form_free (Form *f)
{
  g_free (f->name);
  g_free (f->department);
  g_free (f->unit);
  g_free (f->goal);
  g_free (f->cycle_goal);
  g_array_unref (f->amounts);
  g_string_free (f->extras, TRUE);
  g_free (f);
}

static Form *
form_new (guint line)
{
  Form *f = g_new0 (Form, 1);

  f->line = line;
  f->amounts = g_array_new (FALSE, TRUE, sizeof (Amount));
  g_array_set_clear_func (f->amounts, (GDestroyNotify) amount_clear);
  f->extras = g_string_new (NULL);
  return f;
}

static void
set_once (char      **field,
          const char *value)
{
  if (*field == NULL)
    *field = g_strdup (value);
}

static void
add_extra (Form       *f,
           const char *label,
           const char *value)
{
  g_autofree char *name = jx_text_normalize_label (label);

  if (f->extras->len > 0)
    g_string_append (f->extras, "；");
  if (value != NULL)
    g_string_append_printf (f->extras, "%s：%s", name, value);
  else
    g_string_append (f->extras, label);
}

/* Whether @cells (filled) start a form: 项目名称 and a value. */
static gboolean
starts_form (GPtrArray *cells)
{
  const JxField *source;

  return cells->len >= 2 && role_of (g_ptr_array_index (cells, 0), &source) == ROLE_NAME &&
         role_of (g_ptr_array_index (cells, 1), &source) == ROLE_NONE;
}

static gboolean
names_indicator_column (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      g_autofree char *name = jx_text_normalize_label (g_ptr_array_index (cells, i));

      if (g_str_equal (name, "三级指标") || g_str_equal (name, "指标名称"))
        return TRUE;
    }
  return FALSE;
}

/* The label/value pairs of one line of a form. A line of goal labels
 * alone (中长期目标 | 年度目标) leaves them in @pending for the values of
 * the next line, in their order. */
static void
read_pairs (Form      *f,
            GPtrArray *cells,
            guint      line,
            GArray    *pending)
{
  gboolean labels_only = TRUE;
  guint next_pending = 0;
  const JxField *source;

  for (guint i = 0; i < cells->len && labels_only; i++)
    labels_only = role_of (g_ptr_array_index (cells, i), &source) != ROLE_NONE;
  if (labels_only)
    {
      g_array_set_size (pending, 0);
      for (guint i = 0; i < cells->len; i++)
        {
          Role role = role_of (g_ptr_array_index (cells, i), &source);

          if (role == ROLE_GOAL || role == ROLE_CYCLE_GOAL)
            g_array_append_val (pending, role);
        }
      return;
    }

  for (guint i = 0; i < cells->len;)
    {
      const char *cell = g_ptr_array_index (cells, i);
      const char *value = i + 1 < cells->len ? g_ptr_array_index (cells, i + 1) : NULL;
      const JxField *value_source;
      Role role = role_of (cell, &source);

      if (value != NULL && role_of (value, &value_source) != ROLE_NONE)
        value = NULL;
      if (role == ROLE_NONE)
        {
          /* Values under a line of goal labels, in their order. */
          if (next_pending < pending->len)
            {
              Role goal = g_array_index (pending, Role, next_pending++);

              set_once (goal == ROLE_GOAL ? &f->goal : &f->cycle_goal, cell);
            }
          else
            add_extra (f, cell, NULL);
          i++;
          continue;
        }
      if (value == NULL)
        {
          i++;
          continue;
        }
      switch (role)
        {
        case ROLE_NAME:
          set_once (&f->name, value);
          break;
        case ROLE_DEPARTMENT:
          set_once (&f->department, value);
          break;
        case ROLE_UNIT:
          set_once (&f->unit, value);
          break;
        case ROLE_TOTAL:
        case ROLE_SOURCE:
          {
            Amount a = { role == ROLE_SOURCE ? source : NULL, g_strdup (value), line };
            g_array_append_val (f->amounts, a);
          }
          break;
        case ROLE_GOAL:
          set_once (&f->goal, value);
          break;
        case ROLE_CYCLE_GOAL:
        case ROLE_OVERALL:
          set_once (&f->cycle_goal, value);
          break;
        case ROLE_GROUP:
        case ROLE_OTHER:
          add_extra (f, cell, value);
          break;
        case ROLE_NONE:
        default:
          break;
        }
      i += 2;
    }
  g_array_set_size (pending, 0);
}

typedef struct
{
  GArray    *lines;     /* Line */
  GPtrArray *forms;     /* Form */
  char      *title;
  int        year;
  const char *unit;     /* "万元" or "元" */
} Forms;

/* How far into the text the first form must start. */
#define FORM_WINDOW (64 * 1024)

/* Splits the text into forms; FALSE when it holds none. */
static gboolean
find_forms (Forms *self)
{
  Form *form = NULL;
  gboolean in_block = FALSE, done_block = FALSE;
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Role));

  for (guint l = 0; l < self->lines->len; l++)
    {
      const Line *line = &g_array_index (self->lines, Line, l);
      g_autoptr(GPtrArray) raw = split_cells (line);
      g_autoptr(GPtrArray) cells = filled_cells (raw);

      if (form == NULL && line->start - g_array_index (self->lines, Line, 0).start > FORM_WINDOW)
        return FALSE;
      if (cells->len == 0)
        continue;
      if (starts_form (cells))
        {
          if (form != NULL && in_block)
            form->block_end = l;
          form = form_new (l + 1);
          g_ptr_array_add (self->forms, form);
          in_block = done_block = FALSE;
          g_array_set_size (pending, 0);
        }
      if (form == NULL)
        {
          /* Before the first form: the title, its year, the unit. */
          if (cells->len == 1 && self->title == NULL && g_utf8_strlen (g_ptr_array_index (cells, 0), -1) >= 4)
            self->title = g_strdup (g_ptr_array_index (cells, 0));
        }
      for (guint i = 0; i < cells->len && self->unit == NULL && !in_block; i++)
        {
          const char *cell = g_ptr_array_index (cells, i);

          if (strstr (cell, "万元") != NULL)
            self->unit = "万元";
          else if (strstr (cell, "（元）") != NULL || strstr (cell, "(元)") != NULL ||
                   strstr (cell, "单位：元") != NULL || strstr (cell, "单位:元") != NULL)
            self->unit = "元";
        }
      if (self->year == 0)
        for (const char *q = line->start; q + 4 < line->start + line->len; q++)
          if (g_ascii_isdigit (q[0]) && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2]) &&
              g_ascii_isdigit (q[3]) && (q == line->start || !g_ascii_isdigit (q[-1])) &&
              g_str_has_prefix (q + 4, "年") && (q[0] == '1' || q[0] == '2'))
            {
              self->year = (int) g_ascii_strtoll (q, NULL, 10);
              break;
            }
      if (form == NULL || done_block)
        continue;
      if (in_block)
        {
          if (is_sign_off (g_ptr_array_index (cells, 0)))
            {
              form->block_end = l;
              in_block = FALSE;
              done_block = TRUE;
            }
          continue;
        }
      if (names_indicator_column (cells))
        {
          form->block_start = l;
          form->has_block = TRUE;
          in_block = TRUE;
          continue;
        }
      read_pairs (form, cells, l + 1, pending);
    }
  if (form != NULL && in_block)
    form->block_end = self->lines->len;
  return self->forms->len > 0;
}

/* The indicator rows of @form as TSV, one line per line of the text (so
 * that the row reader's lines map back by an offset), without the leading
 * 绩效指标 column; rows short of cells (merged cells dropped) aligned to
 * the right. A single value column (指标值) is headed as @template names
 * its value where it has no separate number (plain, central …). */
static char *
block_tsv (Forms      *self,
           const Form *form,
           JxTemplate *template)
{
  const JxField *value = jx_template_get_field (template, "annual-value");
  gboolean one_value = !jx_template_has_field (template, "number") && value != NULL;

  GString *out = g_string_new (NULL);
  guint width = 0, drop = 0;
  gboolean has_annual = FALSE;

  for (guint l = form->block_start; l < form->block_end; l++)
    {
      const Line *line = &g_array_index (self->lines, Line, l);
      g_autoptr(GPtrArray) cells = split_cells (line);
      guint pad = 0;

      if (l == form->block_start)
        {
          width = cells->len;
          while (drop + 1 < cells->len)
            {
              g_autofree char *name = jx_text_normalize_label (g_ptr_array_index (cells, drop));

              if (*name != '\0' && !g_str_equal (name, "绩效指标"))
                break;
              drop++;
            }
        }
      if (l == form->block_start && one_value)
        for (guint c = 0; c < cells->len; c++)
          {
            g_autofree char *name = jx_text_normalize_label (g_ptr_array_index (cells, c));

            has_annual |= g_str_equal (name, "年度指标值") || g_str_equal (name, value->official);
          }
      if (cells != NULL && cells->len < width)
        pad = width - cells->len;
      for (guint c = 0; cells != NULL && c < pad + cells->len; c++)
        {
          const char *cell = c < pad ? "" : g_ptr_array_index (cells, c - pad);

          if (c < drop)
            continue;
          if (c > drop)
            g_string_append_c (out, '\t');
          if (l == form->block_start && one_value && !has_annual)
            {
              g_autofree char *name = jx_text_normalize_label (cell);

              if (g_str_equal (name, "指标值"))
                cell = value->official;
            }
          if (strchr (cell, '"') != NULL)
            {
              g_autoptr(GString) quoted = g_string_new (cell);

              g_string_replace (quoted, "\"", "\"\"", 0);
              g_string_append_printf (out, "\"%s\"", quoted->str);
            }
          else
            g_string_append (out, cell);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The row table of @form's indicators read for @document; problems with
 * their lines in the text. */
static JxRowsTable *
read_block (Forms      *self,
            const Form *form,
            JxDocument *document,
            GPtrArray  *problems,
            char      **tsv)
{
  JxRowsTable *table;

  *tsv = block_tsv (self, form, jx_document_get_template (document));
  table = jx_rows_read (*tsv, strlen (*tsv), document, problems, NULL);
  return table;
}

static void
shift_problems (GPtrArray *problems,
                guint      from,
                guint      offset)
{
  for (guint i = from; problems != NULL && i < problems->len; i++)
    {
      JxProblem *p = g_ptr_array_index (problems, i);

      if (p->line > 0)
        p->line += offset;
    }
}

static JxFundingUnit *
unit_named (JxDocument *doc,
            const char *name)
{
  GListModel *units = jx_document_get_units (doc);
  g_autoptr(JxFundingUnit) unit = NULL;

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) it = g_list_model_get_item (units, u);

      if (g_str_equal (jx_funding_unit_get_name (it), name))
        return it;
    }
  unit = jx_funding_unit_new (name);
  jx_node_append_child (JX_NODE (doc), JX_NODE (unit));
  return unit;
}

static void
warn (GPtrArray  *warnings,
      const char *rule,
      guint       line,
      char       *message)
{
  if (warnings != NULL)
    g_ptr_array_add (warnings, jx_problem_new (JX_SEVERITY_WARNING, rule, line, 0, NULL, NULL, message));
  g_free (message);
}

/* An amount as a form prints it: "120.00", "120.00万元", "—". */
static gboolean
parse_amount (const char *text,
              guint       decimals,
              JxMoney    *out)
{
  g_autofree char *s = g_strdup (text);
  gsize n = strlen (s);

  if (g_str_has_suffix (s, "万元"))
    s[n - strlen ("万元")] = '\0';
  else if (g_str_has_suffix (s, "元"))
    s[n - strlen ("元")] = '\0';
  g_strstrip (s);
  if (*s == '\0' || g_str_equal (s, "-") || g_str_equal (s, "—") || g_str_equal (s, "－") ||
      g_str_equal (s, "/"))
    {
      *out = 0;
      return TRUE;
    }
  return jx_money_parse_at (s, decimals, JX_MONEY_PARSE_DEFAULT, out, NULL, NULL);
}

static guint
amount_decimals (const char *text)
{
  const char *point = strchr (text, '.');
  guint n = 0;

  for (const char *p = point ? point + 1 : ""; g_ascii_isdigit (*p); p++)
    n++;
  return n;
}

/* The amounts of @form into @project, checked against its total. */
static void
fill_amounts (JxDocument *doc,
              const Form *form,
              JxProject  *project,
              GPtrArray  *warnings,
              GString    *unread)
{
  guint decimals = jx_document_get_decimals (doc);
  JxMoney total = 0, sum = 0;
  gboolean have_total = FALSE, have_source = FALSE, sum_ok = TRUE;
  guint total_line = form->line;

  for (guint i = 0; i < form->amounts->len; i++)
    {
      const Amount *a = &g_array_index (form->amounts, Amount, i);
      JxMoney amount;
      int index;

      if (!parse_amount (a->text, decimals, &amount))
        {
          warn (warnings, "import-amount-unreadable", a->line,
                g_strdup_printf (_("“%s” is not an amount; it was left at 0 and kept in a comment."), a->text));
          g_string_append_printf (unread, "%s%s", unread->len ? "；" : "", a->text);
          continue;
        }
      if (a->source == NULL)
        {
          if (!have_total)
            {
              total = amount;
              total_line = a->line;
            }
          have_total = TRUE;
          continue;
        }
      index = jx_document_find_source (doc, a->source->id);
      if (index < 0)
        index = jx_document_find_source (doc, "other");
      if (index < 0)
        {
          g_string_append_printf (unread, "%s%s：%s", unread->len ? "；" : "", a->source->official, a->text);
          continue;
        }
      if (!g_str_equal (jx_document_get_source (doc, index)->id, a->source->id))
        warn (warnings, "import-form-field", a->line,
              g_strdup_printf (_("The table (%s) has no funding source %s: its amount %s was put in %s."),
                               jx_template_get_id (jx_document_get_template (doc)), a->source->official,
                               a->text, jx_document_get_source (doc, index)->official));
      if (jx_money_add (jx_project_get_source (project, index), amount, &amount) &&
          jx_project_check_source (project, index, amount, NULL))
        jx_project_set_source (project, index, amount);
      have_source = TRUE;
    }
  for (guint s = 0; s < jx_document_get_n_sources (doc); s++)
    sum_ok = sum_ok && jx_money_add (sum, jx_project_get_source (project, s), &sum);
  if (have_total && !have_source && jx_document_get_n_sources (doc) > 0)
    {
      g_autofree char *shown = jx_document_format_amount (doc, total);

      if (jx_project_check_source (project, 0, total, NULL))
        jx_project_set_source (project, 0, total);
      warn (warnings, "import-form-field", total_line,
            g_strdup_printf (_("The form gives only the total %s, without its funding sources; it was put in "
                               "%s. Check the split."),
                             shown, jx_document_get_source (doc, 0)->official));
    }
  else if (have_total && (!sum_ok || sum != total))
    {
      g_autofree char *t = jx_document_format_amount (doc, total);
      g_autofree char *s = sum_ok ? jx_document_format_amount (doc, sum) : g_strdup ("—");

      warn (warnings, "import-total-mismatch", total_line,
            g_strdup_printf (_("The form's total %s is not the sum of its funding sources (%s); the sources "
                               "were kept."),
                             t, s));
    }
}

/* Moves the indicators the row reader made of @form's rows into @project. */
static guint
take_indicators (JxDocument *fragment,
                 JxProject  *project,
                 guint       offset)
{
  GListModel *units = jx_document_get_units (fragment);
  guint n = 0;

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) from = g_list_model_get_item (projects, p);
          GListModel *indicators = jx_project_get_indicators (from);

          for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
            {
              g_autoptr(JxNode) indicator = g_list_model_get_item (indicators, i);
              g_autoptr(JxNode) copy = jx_node_copy (indicator);

              jx_node_set_line (copy, jx_node_get_line (indicator) + offset);
              jx_node_append_child (JX_NODE (project), copy);
              n++;
            }
        }
    }
  return n;
}

static char *
cap (const char *text)
{
  if (g_utf8_strlen (text, -1) <= JX_TEXT_MAX_CHARS)
    return g_strdup (text);
  return g_utf8_substring (text, 0, JX_TEXT_MAX_CHARS);
}

gboolean
jx_import_forms (const char  *utf8,
                 gsize        len,
                 GPtrArray   *warnings,
                 JxDocument **out,
                 GError     **error)
{
  Forms self = { 0 };
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *now = NULL;
  const char *template_id = "plain";
  JxTemplate *template;
  gboolean any_cycle_goal = FALSE;
  guint decimals = 0;
  gboolean ok = FALSE;

  *out = NULL;
  /* Cheap first: a form names 项目名称 and 三级指标 or one of its labels
   * near the start. */
  if (g_strstr_len (utf8, MIN (len, FORM_WINDOW), "项目名称") == NULL ||
      (g_strstr_len (utf8, MIN (len, FORM_WINDOW), "三级指标") == NULL &&
       g_strstr_len (utf8, MIN (len, FORM_WINDOW), "主管部门") == NULL &&
       g_strstr_len (utf8, MIN (len, FORM_WINDOW), "实施单位") == NULL &&
       g_strstr_len (utf8, MIN (len, FORM_WINDOW), "资金总额") == NULL))
    return FALSE;
  self.lines = split_lines (utf8, len);
  self.forms = g_ptr_array_new_with_free_func ((GDestroyNotify) form_free);
  if (!find_forms (&self))
    goto out;
  ok = TRUE;

  /* Refuse rather than invent: a form without indicator rows. */
  for (guint f = 0; f < self.forms->len; f++)
    {
      Form *form = g_ptr_array_index (self.forms, f);

      if (!form->has_block)
        {
          g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE,
                       _("Line %u: the single-project form of “%s” has no indicator rows (a header naming "
                         "三级指标, then one indicator per row). Nothing was imported; copy the whole form."),
                       form->line, form->name);
          goto out;
        }
      any_cycle_goal |= form->cycle_goal != NULL && *form->cycle_goal != '\0';
      for (guint i = 0; i < form->amounts->len; i++)
        decimals = MAX (decimals, amount_decimals (g_array_index (form->amounts, Amount, i).text));
    }

  /* The template the first form's indicator columns fit, and 中长期目标. */
  {
    g_autoptr(JxDocument) probe = jx_document_new_for_template (jx_template_get_builtin ("sichuan", NULL));
    g_autofree char *tsv = NULL;
    g_autoptr(JxRowsTable) table = read_block (&self, g_ptr_array_index (self.forms, 0), probe, NULL, &tsv);

    if (table != NULL)
      template_id = jx_import_template_for_columns (table);
    /* 中长期目标 and 年度目标 with one 指标值: the form's own template;
     * with 中长期指标值 too: the central one. */
    if (any_cycle_goal && g_str_equal (template_id, "plain"))
      template_id = "project-form";
    else if (any_cycle_goal && g_str_equal (template_id, JX_TEMPLATE_DEFAULT_ID))
      template_id = "central";
  }
  template = jx_template_get_builtin (template_id, NULL);
  doc = jx_document_new_for_template (template);
  jx_document_set_unit (doc, self.unit != NULL ? self.unit : JX_DOCUMENT_DEFAULT_UNIT);
  if (decimals > jx_document_get_decimals (doc) && decimals <= JX_MONEY_MAX_DECIMALS)
    jx_document_set_decimals (doc, JX_MONEY_MAX_DECIMALS);
  if (self.title != NULL)
    jx_document_set_title (doc, self.title);
  jx_document_set_year (doc, self.year);
  now = jx_import_annotation_time ();

  for (guint f = 0; f < self.forms->len; f++)
    {
      Form *form = g_ptr_array_index (self.forms, f);
      g_autoptr(JxProject) project = jx_project_new (form->name);
      g_autofree char *tsv = NULL;
      g_autoptr(JxRowsTable) table = NULL;
      g_autoptr(JxDocument) fragment = NULL;
      g_autoptr(GString) unread = g_string_new (NULL);
      g_autofree char *goal = cap (form->goal ? form->goal : "");
      g_autofree char *cycle_goal = cap (form->cycle_goal ? form->cycle_goal : "");
      JxRowsContent content = JX_ROWS_CONTENT_INDICATORS;
      guint first_problem = warnings ? warnings->len : 0;
      const char *unit_name = form->unit ? form->unit : form->department ? form->department : "";

      if (*jx_document_get_department (doc) == '\0' && form->department != NULL)
        jx_document_set_department (doc, form->department);
      jx_node_set_line (JX_NODE (project), form->line);
      jx_node_append_child (JX_NODE (unit_named (doc, unit_name)), JX_NODE (project));
      jx_project_set_goal (project, goal);
      if (jx_template_has_field (template, "cycle-goal"))
        jx_project_set_cycle_goal (project, cycle_goal);
      else if (*cycle_goal != '\0')
        add_extra (form, "中长期目标", cycle_goal);
      fill_amounts (doc, form, project, warnings, unread);

      table = read_block (&self, form, doc, warnings, &tsv);
      if (table != NULL)
        fragment = jx_rows_build (table, doc, &content, warnings, NULL);
      shift_problems (warnings, first_problem, form->block_start);
      if (fragment == NULL || take_indicators (fragment, project, form->block_start) == 0)
        {
          g_set_error (error, JX_IMPORT_ERROR, JX_IMPORT_ERROR_NOT_A_TABLE,
                       _("Line %u: the single-project form of “%s” has a header naming 三级指标 but no "
                         "indicator under it. Nothing was imported; check the text."),
                       form->block_start + 1, form->name);
          ok = TRUE;
          goto out;
        }
      if (unread->len > 0)
        add_extra (form, _("unread amounts"), unread->str);
      if (form->extras->len > 0)
        {
          g_autofree char *message = g_strdup_printf (_("Fields of the form that the table does not hold "
                                                        "were kept in a comment: %s"),
                                                      form->extras->str);

          g_ptr_array_add (targets, g_object_ref (project));
          g_ptr_array_add (notes, g_strdup_printf (_("Imported from line %u: %s"), form->line, message));
          warn (warnings, "import-form-field", form->line, g_steal_pointer (&message));
        }
    }

  jx_node_assign_ids (JX_NODE (doc), doc);
  for (guint i = 0; i < notes->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i + 1);
      g_autofree char *text = cap (g_ptr_array_index (notes, i));
      g_autoptr(JxAnnotation) note = jx_annotation_new (jx_node_get_id (g_ptr_array_index (targets, i)), NULL,
                                                        JX_IMPORT_AUTHOR, now, text);

      jx_node_set_id (JX_NODE (note), id);
      jx_node_append_child (JX_NODE (doc), JX_NODE (note));
    }
  jx_node_assign_ids (JX_NODE (doc), doc);
  jx_history_set_save_point (jx_document_get_history (doc));
  if (warnings != NULL)
    {
      Form *first = g_ptr_array_index (self.forms, 0);

      warn (warnings, "import-form", first->line,
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u single-project form (项目名称, amounts, goals, then one indicator "
                                          "per row): read as a “%s” (%s) table.",
                                          "%u single-project forms (项目名称, amounts, goals, then one indicator "
                                          "per row): read as a “%s” (%s) table.",
                                          self.forms->len),
                             self.forms->len, jx_template_get_label (template), jx_template_get_id (template)));
      jx_import_sort_warnings (warnings);
    }
  *out = g_steal_pointer (&doc);

out:
  g_array_unref (self.lines);
  g_ptr_array_unref (self.forms);
  g_free (self.title);
  return ok;
}
