/* jx-convert.c: changing the template of a document that holds projects
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-convert"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-convert.h"
#include "jx-detail.h"
#include "jx-edit.h"
#include "jx-fields.h"
#include "jx-history.h"
#include "jx-model-private.h"
#include "jx-value.h"

typedef struct
{
  JxDocument *document;
  JxTemplate *from;
  JxTemplate *to;
  gboolean    apply;
  GPtrArray  *kept;     /* preview lines, or NULL */
  guint       n_kept;
} Convert;

/* The label @template prints for @id, else the table's. */
static const char *
label_in (JxTemplate *template,
          JxFieldOwner owner,
          const char *id)
{
  const JxField *field = jx_template_get_field (template, id);

  if (field == NULL)
    field = jx_field_lookup (owner, id);
  return field != NULL && field->official != NULL ? field->official : id;
}

/* Keeps @value of field @id of @node (named @name) in a comment. */
static void
keep (Convert    *c,
      JxNode     *node,
      const char *name,
      const char *id,
      const char *label,
      const char *value)
{
  c->n_kept++;
  if (c->kept != NULL)
    g_ptr_array_add (c->kept, g_strdup_printf ("%s: %s %s", name, label, value));
  if (c->apply)
    {
      g_autofree char *text =
        /* Translators: a comment a template change leaves: the new template's
         * name, the field's label as the table prints it (单位资金) and the value */
        g_strdup_printf (_("Kept when the table was changed to “%s”, which has no place for it: %s %s"),
                         jx_template_get_label (c->to), label, value);

      jx_edit_add_annotation (c->document, jx_node_get_id (node), id, JX_CONVERT_AUTHOR, text);
    }
}

static void
set_text (Convert    *c,
          gpointer    object,
          const char *property,
          const char *value)
{
  if (c->apply)
    jx_edit_set_string (c->document, object, property, value);
}

/* "≥95%" read as 指标性质 ≥, 指标值 95, 度量单位 %, when it is nothing more. */
static gboolean
read_structured (const char *text,
                 char      **comparator,
                 char      **number,
                 char      **unit)
{
  JxValue value;
  const JxValueFlags unclear = JX_VALUE_APPROXIMATE | JX_VALUE_PLACEHOLDER | JX_VALUE_FORMULA |
                               JX_VALUE_MEASURE | JX_VALUE_EMBEDDED | JX_VALUE_SEVERAL |
                               JX_VALUE_RANK | JX_VALUE_DATE | JX_VALUE_CONFIDENTIAL;

  jx_value_init (&value, text);
  if (!jx_value_is_quantitative (&value) || (value.flags & unclear) != 0)
    return FALSE;
  *comparator = g_strdup (jx_comparator_to_string (value.comparator));
  *number = g_strdup (value.number);
  *unit = g_strdup (value.unit);
  return TRUE;
}

static void
convert_indicator (Convert     *c,
                   JxIndicator *indicator)
{
  const char *name = jx_indicator_get_name (indicator);
  gboolean to_structured = jx_template_has_field (c->to, "comparator") && jx_template_has_field (c->to, "number");
  gboolean to_one_value = jx_template_has_field (c->to, "annual-value") && !jx_template_has_field (c->to, "number");
  g_autofree char *composed = NULL;
  const char * const *extras = jx_indicator_extra_field_ids ();
  const char *values[] = { "cycle-value", "annual-value" };

  /* 指标性质 + 指标值 + 度量单位 → one value: filled in where it is empty,
   * and where it says the same already, nothing of them is lost. */
  if (to_one_value && *jx_indicator_get_field (indicator, "number") != '\0')
    {
      const char *cmp = jx_indicator_get_field (indicator, "comparator");
      const char *annual = jx_indicator_get_annual_value (indicator);

      composed = g_strconcat (g_str_equal (cmp, "定性") ? "" : cmp, jx_indicator_get_field (indicator, "number"),
                              jx_indicator_get_field (indicator, "measure-unit"), NULL);
      if (*annual == '\0')
        set_text (c, indicator, "annual-value", composed);
      else
        {
          JxValue a, b;

          jx_value_init (&a, annual);
          jx_value_init (&b, composed);
          if (a.comparator != b.comparator || jx_value_compare_numbers (a.number, b.number) != 0 ||
              strcmp (a.unit, b.unit) != 0)
            g_clear_pointer (&composed, g_free);
        }
    }

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    {
      const char *text = jx_indicator_get_field (indicator, values[v]);
      g_autofree char *cmp = NULL, *number = NULL, *unit = NULL;

      if (*text == '\0' || jx_template_has_field (c->to, values[v]))
        continue;
      /* 年度指标值 → 指标性质, 指标值, 度量单位, where they are empty. */
      if (g_str_equal (values[v], "annual-value") && to_structured &&
          *jx_indicator_get_field (indicator, "number") == '\0' &&
          read_structured (text, &cmp, &number, &unit))
        {
          g_autofree char *again = g_strconcat (cmp, number, unit, NULL);

          set_text (c, indicator, "comparator", cmp);
          set_text (c, indicator, "number", number);
          if (jx_template_has_field (c->to, "measure-unit"))
            set_text (c, indicator, "measure-unit", unit);
          if (g_str_equal (again, text) && jx_template_has_field (c->to, "measure-unit"))
            {
              set_text (c, indicator, values[v], "");
              continue;
            }
        }
      keep (c, JX_NODE (indicator), name, values[v], label_in (c->from, JX_FIELD_OWNER_INDICATOR, values[v]), text);
      set_text (c, indicator, values[v], "");
    }

  for (guint e = 0; extras[e] != NULL; e++)
    {
      const char *text = jx_indicator_get_field (indicator, extras[e]);

      if (*text == '\0' || jx_template_has_field (c->to, extras[e]))
        continue;
      /* Said by the one value just composed. */
      if (composed != NULL && (g_str_equal (extras[e], "comparator") || g_str_equal (extras[e], "number") ||
                               g_str_equal (extras[e], "measure-unit")))
        {
          set_text (c, indicator, extras[e], "");
          continue;
        }
      keep (c, JX_NODE (indicator), name, extras[e], label_in (c->from, JX_FIELD_OWNER_INDICATOR, extras[e]), text);
      set_text (c, indicator, extras[e], "");
    }
}

static void
convert_project (Convert   *c,
                 JxProject *project)
{
  const char *name = jx_project_get_name (project);
  GListModel *indicators = jx_project_get_indicators (project);

  int other_from = jx_template_find_source (c->from, "other");
  int other_to = jx_template_find_source (c->to, "other");

  for (guint k = 0; k < jx_template_get_n_sources (c->from); k++)
    {
      const JxField *source = jx_template_get_source (c->from, k);
      JxMoney amount = jx_project_get_source (project, k);
      g_autofree char *shown = NULL;

      if (amount == 0 || jx_template_find_source (c->to, source->id) >= 0)
        continue;
      shown = jx_document_format_amount (c->document, amount);
      /* The 总计 stays: into 其他资金 where both tables have it. */
      if (other_from >= 0 && other_to >= 0)
        {
          const JxField *other = jx_template_get_source (c->to, (guint) other_to);
          g_autofree char *moved = g_strdup_printf (_("%s, added to %s"), shown, other->official);

          keep (c, JX_NODE (project), name, source->id, source->official, moved);
          if (c->apply)
            {
              jx_edit_set_money (c->document, project, source->id, 0, NULL);
              jx_edit_set_money (c->document, project, "other",
                                 jx_project_get_source (project, (guint) other_from) + amount, NULL);
            }
          continue;
        }
      keep (c, JX_NODE (project), name, source->id, source->official, shown);
      if (c->apply)
        jx_edit_set_money (c->document, project, source->id, 0, NULL);
    }
  if (*jx_project_get_cycle_goal (project) != '\0' && !jx_template_has_field (c->to, "cycle-goal"))
    {
      keep (c, JX_NODE (project), name, "cycle-goal", label_in (c->from, JX_FIELD_OWNER_PROJECT, "cycle-goal"),
            jx_project_get_cycle_goal (project));
      set_text (c, project, "cycle-goal", "");
    }
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);

      convert_indicator (c, indicator);
    }
}

static gboolean
convert_one (JxProject   *project,
             JxIndicator *indicator,
             gpointer     data,
             GError     **error)
{
  convert_project (data, project);
  return TRUE;
}

static void
convert (Convert *c)
{
  JxNode *root = JX_NODE (c->document);

  jx_detail_foreach_project (&root, 1, convert_one, c, NULL);
}

GPtrArray *
jx_convert_preview (JxDocument *document,
                    JxTemplate *template)
{
  Convert c = { document, NULL, template, FALSE, NULL, 0 };

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (JX_IS_TEMPLATE (template), NULL);

  c.from = jx_document_get_template (document);
  c.kept = g_ptr_array_new_with_free_func (g_free);
  if (c.from != template)
    convert (&c);
  return c.kept;
}

guint
jx_edit_set_template (JxDocument *document,
                      JxTemplate *template)
{
  Convert c = { document, NULL, template, TRUE, NULL, 0 };
  JxHistory *history;
  GValue value = G_VALUE_INIT;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (JX_IS_TEMPLATE (template), 0);

  c.from = jx_document_get_template (document);
  if (c.from == template)
    return 0;
  history = jx_document_get_history (document);
  jx_history_begin_group (history, _("Change Template"));
  convert (&c);
  /* Last: every amount of a source the new template lacks is 0 by now. */
  g_value_init (&value, JX_TYPE_TEMPLATE);
  g_value_set_object (&value, template);
  jx_history_set_property (history, G_OBJECT (document), "template", &value, _("Change Template"));
  g_value_unset (&value);
  jx_history_end_group (history);
  return c.n_kept;
}
