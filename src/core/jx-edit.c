/* jx-edit.c: the changes a person makes to a document, each an undo step
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-edit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jx-edit.h"
#include "jx-fields.h"
#include "jx-limits.h"
#include "jx-money.h"

/* What the undo menu item says for a change of @property of @object: the
 * field's undo label from the table of fields. */
static const char *
label_for_property (gpointer    object,
                    const char *property)
{
  JxFieldOwner owner;
  const JxField *field;

  if (JX_IS_DOCUMENT (object))
    owner = JX_FIELD_OWNER_DOCUMENT;
  else if (JX_IS_FUNDING_UNIT (object))
    owner = JX_FIELD_OWNER_UNIT;
  else if (JX_IS_PROJECT (object))
    owner = JX_FIELD_OWNER_PROJECT;
  else if (JX_IS_INDICATOR (object))
    owner = JX_FIELD_OWNER_INDICATOR;
  else
    owner = JX_FIELD_OWNER_ANNOTATION;

  field = jx_field_lookup (owner, property);
  if (field != NULL && field->undo_label != NULL)
    return jx_field_get_undo_label (field);
  return _("Edit");
}

static void
set_value (JxDocument   *document,
           gpointer      object,
           const char   *property,
           const GValue *value)
{
  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (!JX_IS_NODE (object) || jx_node_get_document (object) == document);

  jx_history_set_property (jx_document_get_history (document), object, property,
                           value, label_for_property (object, property));
}

G_DEFINE_QUARK (jx-edit-error-quark, jx_edit_error)

gboolean
jx_edit_check_text (const char  *what,
                    const char  *text,
                    GError     **error)
{
  g_autofree char *message = NULL;
  glong n_chars;

  if (!jx_text_is_too_long (text, &n_chars))
    return TRUE;
  message = jx_text_too_long_message (what, n_chars);
  g_set_error_literal (error, JX_EDIT_ERROR, JX_EDIT_ERROR_TOO_LONG, message);
  return FALSE;
}

gboolean
jx_edit_set_text (JxDocument  *document,
                  gpointer     object,
                  const char  *property,
                  const char  *value,
                  GError     **error)
{
  if (!jx_edit_check_text (jx_field_label_for_id (property), value, error))
    return FALSE;
  jx_edit_set_string (document, object, property, value);
  return TRUE;
}

void
jx_edit_set_string (JxDocument *document,
                    gpointer    object,
                    const char *property,
                    const char *value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  /* Editors refuse such a text with jx_edit_check_text() first. */
  g_return_if_fail (!jx_text_is_too_long (value, NULL));

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value ? value : "");
  set_value (document, object, property, &v);
}

void
jx_edit_set_int (JxDocument *document,
                 gpointer    object,
                 const char *property,
                 int         value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, value);
  set_value (document, object, property, &v);
}

void
jx_edit_set_boolean (JxDocument *document,
                     gpointer    object,
                     const char *property,
                     gboolean    value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_BOOLEAN);
  g_value_set_boolean (&v, value);
  set_value (document, object, property, &v);
}

gboolean
jx_edit_set_money (JxDocument *document,
                   JxProject  *project,
                   const char *property,
                   JxMoney     amount,
                   GError    **error)
{
  g_auto(GValue) v = G_VALUE_INIT;
  int source;

  g_return_val_if_fail (JX_IS_PROJECT (project), FALSE);
  source = jx_document_find_source (document, property);
  g_return_val_if_fail (source >= 0, FALSE);

  if (!jx_project_check_source (project, source, amount, error))
    return FALSE;
  g_value_init (&v, G_TYPE_INT64);
  g_value_set_int64 (&v, amount);
  set_value (document, project, property, &v);
  return TRUE;
}

void
jx_edit_set_category (JxDocument  *document,
                      JxIndicator *indicator,
                      const char  *category,
                      const char  *subcategory)
{
  JxHistory *history = jx_document_get_history (document);

  jx_history_begin_group (history, _("Change Category"));
  jx_edit_set_string (document, indicator, "category", category);
  jx_edit_set_string (document, indicator, "subcategory", subcategory);
  jx_history_end_group (history);
}

void
jx_edit_insert (JxDocument *document,
                JxNode     *parent,
                guint       position,
                JxNode     *child,
                const char *label)
{
  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (jx_node_get_document (parent) == document);

  jx_node_assign_ids (child, document);
  jx_history_insert (jx_document_get_history (document), parent, position, child, label);
}

JxFundingUnit *
jx_edit_add_unit (JxDocument *document,
                  guint       position,
                  const char *name)
{
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new (name);

  jx_edit_insert (document, JX_NODE (document), position, JX_NODE (unit), _("Add Funding Unit"));
  return unit;
}

JxProject *
jx_edit_add_project (JxDocument    *document,
                     JxFundingUnit *unit,
                     guint          position,
                     const char    *name)
{
  g_autoptr(JxProject) project = jx_project_new (name);

  g_return_val_if_fail (JX_IS_FUNDING_UNIT (unit), NULL);

  jx_edit_insert (document, JX_NODE (unit), position, JX_NODE (project), _("Add Project"));
  return project;
}

JxIndicator *
jx_edit_add_indicator (JxDocument  *document,
                       JxProject   *project,
                       guint        position,
                       const char  *category,
                       const char  *subcategory)
{
  g_autoptr(JxIndicator) indicator = jx_indicator_new (category, subcategory, "");

  g_return_val_if_fail (JX_IS_PROJECT (project), NULL);

  jx_edit_insert (document, JX_NODE (project), position, JX_NODE (indicator), _("Add Indicator"));
  return indicator;
}

static const char *
label_for_removal (JxNode *node)
{
  if (JX_IS_FUNDING_UNIT (node))
    return _("Remove Funding Unit");
  if (JX_IS_PROJECT (node))
    return _("Remove Project");
  if (JX_IS_INDICATOR (node))
    return _("Remove Indicator");
  return _("Remove Comment");
}

void
jx_edit_remove (JxDocument *document,
                JxNode     *node)
{
  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (JX_IS_NODE (node));
  g_return_if_fail (jx_node_get_document (node) == document);
  g_return_if_fail (!JX_IS_DOCUMENT (node));

  jx_history_remove (jx_document_get_history (document), node, label_for_removal (node));
}

void
jx_edit_move (JxDocument *document,
              JxNode     *node,
              JxNode     *parent,
              guint       position)
{
  JxHistory *history;
  guint old_position;

  g_return_if_fail (JX_IS_DOCUMENT (document));
  g_return_if_fail (JX_IS_NODE (node) && JX_IS_NODE (parent));
  g_return_if_fail (jx_node_get_document (node) == document);
  g_return_if_fail (jx_node_get_document (parent) == document);
  g_return_if_fail (jx_node_get_children (parent, G_OBJECT_TYPE (node)) != NULL);

  if (!jx_node_get_position (node, &old_position))
    g_return_if_reached ();
  if (jx_node_get_parent (node) == parent && old_position == position)
    return;

  /* A move is a removal and an insertion, undone as one step. The node
   * keeps its id, so annotations on it stay attached. */
  history = jx_document_get_history (document);
  g_object_ref (node);
  jx_history_begin_group (history, JX_IS_PROJECT (node) ? _("Move Project") : _("Move Indicator"));
  jx_history_remove (history, node, NULL);
  jx_history_insert (history, parent, position, node, NULL);
  jx_history_end_group (history);
  g_object_unref (node);
}

JxNode *
jx_edit_duplicate (JxDocument *document,
                   JxNode     *node)
{
  g_autoptr(JxNode) copy = NULL;
  guint position;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (JX_IS_NODE (node), NULL);
  g_return_val_if_fail (jx_node_get_document (node) == document, NULL);

  if (!jx_node_get_position (node, &position))
    g_return_val_if_reached (NULL);
  copy = jx_node_copy (node);
  jx_edit_insert (document, jx_node_get_parent (node), position + 1, copy,
                  JX_IS_PROJECT (node) ? _("Duplicate Project") : _("Duplicate Indicator"));
  return copy;
}

JxAnnotation *
jx_edit_add_annotation (JxDocument *document,
                        const char *target,
                        const char *field,
                        const char *author,
                        const char *text)
{
  g_autofree char *now = jx_annotation_now ();
  g_autoptr(JxAnnotation) annotation = NULL;

  g_return_val_if_fail (!jx_text_is_too_long (text, NULL) && !jx_text_is_too_long (author, NULL), NULL);
  annotation = jx_annotation_new (target, field, author, now, text);
  jx_edit_insert (document, JX_NODE (document), G_MAXUINT, JX_NODE (annotation), _("Add Comment"));
  return annotation;
}

JxAnnotation *
jx_edit_reply (JxDocument   *document,
               JxAnnotation *annotation,
               const char   *author,
               const char   *text)
{
  g_autofree char *now = jx_annotation_now ();
  g_autoptr(JxAnnotation) reply = NULL;

  g_return_val_if_fail (JX_IS_ANNOTATION (annotation), NULL);
  g_return_val_if_fail (!jx_text_is_too_long (text, NULL) && !jx_text_is_too_long (author, NULL), NULL);
  reply = jx_annotation_new (NULL, NULL, author, now, text);

  jx_edit_insert (document, JX_NODE (annotation), G_MAXUINT, JX_NODE (reply), _("Reply to Comment"));
  return reply;
}

void
jx_edit_set_resolved (JxDocument   *document,
                      JxAnnotation *annotation,
                      gboolean      resolved)
{
  jx_edit_set_boolean (document, annotation, "resolved", resolved);
}
