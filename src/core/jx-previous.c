/* jx-previous.c: last year's values, carried by next year's table
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-previous"

#include "config.h"

#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-previous.h"

/* Kept on the node as object data: most nodes of most tables have none. */
typedef struct
{
  int   year;
  guint n_values;
  char *values[];   /* by the field's place among its owner's fields */
} Previous;

static void
previous_free (Previous *previous)
{
  for (guint i = 0; i < previous->n_values; i++)
    jx_clear_string (&previous->values[i]);
  g_free (previous);
}

static GQuark
previous_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("jx-previous");
  return quark;
}

JxFieldOwner
jx_node_get_field_owner (JxNode *node)
{
  if (JX_IS_PROJECT (node))
    return JX_FIELD_OWNER_PROJECT;
  if (JX_IS_INDICATOR (node))
    return JX_FIELD_OWNER_INDICATOR;
  if (JX_IS_FUNDING_UNIT (node))
    return JX_FIELD_OWNER_UNIT;
  return JX_FIELD_OWNER_DOCUMENT;
}

char *
jx_node_dup_field_text (JxNode        *node,
                        const JxField *field,
                        JxMoney       *amount)
{
  char *text = NULL;

  g_return_val_if_fail (JX_IS_NODE (node), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  switch (field->kind)
    {
    case JX_FIELD_MONEY:
      {
        int index = jx_document_find_source (jx_node_get_document (node), field->id);
        JxMoney value;

        g_return_val_if_fail (index >= 0, NULL);
        value = jx_project_get_source (JX_PROJECT (node), index);
        if (amount != NULL)
          *amount = value;
        return jx_money_to_decimal (value);
      }
    case JX_FIELD_TOTAL:
      {
        JxMoney value = 0;

        g_object_get (node, field->id, &value, NULL);
        if (amount != NULL)
          *amount = value;
        return jx_money_to_decimal (value);
      }
    case JX_FIELD_INT:
      {
        int value = 0;

        g_object_get (node, field->id, &value, NULL);
        return g_strdup_printf ("%d", value);
      }
    case JX_FIELD_BOOLEAN:
      {
        gboolean value = FALSE;

        g_object_get (node, field->id, &value, NULL);
        return g_strdup (value ? "true" : "false");
      }
    case JX_FIELD_TEXT:
    case JX_FIELD_LONG_TEXT:
    case JX_FIELD_CODE:
    default:
      g_object_get (node, field->id, &text, NULL);
      return text != NULL ? text : g_strdup ("");
    }
}

gboolean
jx_field_has_previous (const JxField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return field->xml_name != NULL && field->kind != JX_FIELD_TOTAL && field->kind != JX_FIELD_INT;
}

/* The place of @field among the fields of @node's owner, or -1. */
static int
field_index (JxNode        *node,
             const JxField *field)
{
  guint n_fields;
  const JxField *fields = jx_fields_of (jx_node_get_field_owner (node), &n_fields);

  if (field < fields || field >= fields + n_fields || !jx_field_has_previous (field))
    return -1;
  return field - fields;
}

int
jx_node_get_previous_year (JxNode *node)
{
  Previous *previous;

  g_return_val_if_fail (JX_IS_NODE (node), 0);
  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  return previous != NULL ? previous->year : 0;
}

const char *
jx_node_get_previous (JxNode        *node,
                      const JxField *field)
{
  Previous *previous;
  int index;

  g_return_val_if_fail (JX_IS_NODE (node), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  index = field_index (node, field);
  if (previous == NULL || index < 0)
    return NULL;
  return previous->values[index];
}

void
jx_node_set_previous_year (JxNode *node,
                           int     year)
{
  Previous *previous;
  guint n_fields;
  const JxField *fields;

  g_return_if_fail (JX_IS_NODE (node));

  if (year <= 0)
    {
      g_object_set_qdata (G_OBJECT (node), previous_quark (), NULL);
      return;
    }
  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  if (previous != NULL)
    {
      previous->year = year;
      return;
    }

  fields = jx_fields_of (jx_node_get_field_owner (node), &n_fields);
  previous = g_malloc0 (sizeof (Previous) + n_fields * sizeof (char *));
  previous->year = year;
  previous->n_values = n_fields;
  for (guint i = 0; i < n_fields; i++)
    {
      const char *empty = "";

      if (fields[i].kind == JX_FIELD_MONEY)
        empty = "0.00";
      else if (fields[i].kind == JX_FIELD_BOOLEAN)
        empty = "false";
      jx_replace_string (&previous->values[i], empty);
    }
  g_object_set_qdata_full (G_OBJECT (node), previous_quark (), previous, (GDestroyNotify) previous_free);
}

void
jx_node_set_previous (JxNode        *node,
                      const JxField *field,
                      const char    *value)
{
  Previous *previous;
  int index;

  g_return_if_fail (JX_IS_NODE (node));
  g_return_if_fail (field != NULL);

  previous = g_object_get_qdata (G_OBJECT (node), previous_quark ());
  index = field_index (node, field);
  g_return_if_fail (previous != NULL);
  g_return_if_fail (index >= 0);
  jx_replace_string (&previous->values[index], value);
}

void
jx_node_record_previous (JxNode *node,
                         int     year)
{
  guint n_fields;
  const JxField *fields;

  g_return_if_fail (JX_IS_NODE (node));
  g_return_if_fail (year > 0);

  jx_node_set_previous_year (node, year);
  fields = jx_fields_of (jx_node_get_field_owner (node), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (jx_field_has_previous (&fields[i]))
      {
        g_autofree char *text = jx_node_dup_field_text (node, &fields[i], NULL);
        jx_node_set_previous (node, &fields[i], text);
      }
}

static gboolean
project_has_previous (JxProject *project)
{
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);

  if (jx_node_get_previous_year (JX_NODE (project)) > 0)
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxNode) indicator = g_list_model_get_item (indicators, i);

      if (jx_node_get_previous_year (indicator) > 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
jx_document_has_previous (JxDocument *document)
{
  GListModel *units;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), FALSE);

  if (jx_node_get_previous_year (JX_NODE (document)) > 0)
    return TRUE;
  units = jx_document_get_units (document);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      if (jx_node_get_previous_year (JX_NODE (unit)) > 0)
        return TRUE;
      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          if (project_has_previous (project))
            return TRUE;
        }
    }
  return FALSE;
}
