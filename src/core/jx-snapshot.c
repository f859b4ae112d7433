/* jx-snapshot.c: a copy of a table made a little at a time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-snapshot"

#include "config.h"

#include "jx-model-private.h"
#include "jx-previous.h"
#include "jx-snapshot.h"

struct _JxSnapshot
{
  JxDocument *document;
  JxDocument *copy;
  guint       unit;      /* the unit whose projects are being copied */
  guint       project;   /* its next project */
  gboolean    done;
};

JxSnapshot *
jx_snapshot_new (JxDocument *document)
{
  JxSnapshot *self;
  GListModel *units;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);

  self = g_new0 (JxSnapshot, 1);
  self->document = g_object_ref (document);
  self->copy = jx_document_new ();
  /* The template first: it fixes the funding sources and the decimals. */
  jx_document_set_template (self->copy, jx_document_get_template (document));
  jx_document_set_decimals (self->copy, jx_document_get_decimals (document));
  jx_document_set_format (self->copy, jx_document_get_format (document));
  jx_document_set_year (self->copy, jx_document_get_year (document));
  jx_document_set_unit (self->copy, jx_document_get_unit (document));
  jx_document_set_taxonomy (self->copy, jx_document_get_taxonomy (document));
  jx_document_set_department (self->copy, jx_document_get_department (document));
  jx_document_set_title (self->copy, jx_document_get_title (document));
  jx_node_copy_previous (JX_NODE (document), JX_NODE (self->copy));

  /* The units, empty: their projects come in the steps. */
  units = jx_document_get_units (document);
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(JxNode) unit = g_list_model_get_item (units, i);
      g_autoptr(JxNode) copy = JX_NODE_GET_CLASS (unit)->copy (unit);

      jx_node_set_id (copy, jx_node_get_id (unit));
      jx_node_copy_previous (unit, copy);
      jx_node_append_child (JX_NODE (self->copy), copy);
    }
  return self;
}

gboolean
jx_snapshot_step (JxSnapshot  *self,
                  gint64       deadline,
                  JxDocument **copy)
{
  GListModel *units;
  GListModel *annotations;

  g_return_val_if_fail (self != NULL && !self->done, TRUE);
  g_return_val_if_fail (copy != NULL && *copy == NULL, TRUE);

  units = jx_document_get_units (self->document);
  for (; self->unit < g_list_model_get_n_items (units); self->unit++, self->project = 0)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, self->unit);
      g_autoptr(JxNode) unit_copy = g_list_model_get_item (jx_document_get_units (self->copy), self->unit);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      while (self->project < g_list_model_get_n_items (projects))
        {
          g_autoptr(JxNode) project = g_list_model_get_item (projects, self->project++);
          g_autoptr(JxNode) project_copy = jx_node_copy_exact (project);

          jx_node_append_child (unit_copy, project_copy);
          /* At least one project a step, so that every step gets on. */
          if (deadline >= 0 && g_get_monotonic_time () >= deadline)
            return FALSE;
        }
    }

  /* The comments last: they name the items by id. */
  annotations = jx_document_get_annotations (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(JxNode) annotation = g_list_model_get_item (annotations, i);
      g_autoptr(JxNode) annotation_copy = jx_node_copy_exact (annotation);

      jx_node_append_child (JX_NODE (self->copy), annotation_copy);
    }
  self->done = TRUE;
  *copy = g_steal_pointer (&self->copy);
  return TRUE;
}

void
jx_snapshot_free (JxSnapshot *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->copy);
  g_object_unref (self->document);
  g_free (self);
}

JxDocument *
jx_document_snapshot (JxDocument *document)
{
  g_autoptr(JxSnapshot) snapshot = jx_snapshot_new (document);
  JxDocument *copy = NULL;

  jx_snapshot_step (snapshot, -1, &copy);
  return copy;
}
