/* jx-document.c: a performance target table, the root of the tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-document"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-history.h"
#include "jx-model-private.h"
#include "jx-previous.h"
#include "jx-money.h"

struct _JxDocument
{
  JxNode      parent_instance;

  int         year;
  char       *department;
  char       *title;
  char       *unit;
  char       *taxonomy;
  JxTemplate *template;   /* never NULL; the built-ins live for the program */
  guint       decimals;   /* the precision of every JxMoney of the document */
  guint       format;

  JxMoney     total;
  guint       n_projects;
  guint       n_indicators;

  GListStore *units;
  GListStore *annotations;
  JxHistory  *history;
  GHashTable *ids;      /* id → JxNode, both borrowed from the nodes */
  guint       next_id;
};

G_DEFINE_FINAL_TYPE (JxDocument, jx_document, JX_TYPE_NODE)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_DEPARTMENT,
  PROP_TITLE,
  PROP_UNIT,
  PROP_TAXONOMY,
  PROP_TEMPLATE,
  PROP_DECIMALS,
  PROP_FORMAT,
  PROP_TOTAL,
  PROP_N_PROJECTS,
  PROP_N_INDICATORS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GListStore *
jx_document_get_store (JxNode *node,
                       GType   child_type)
{
  JxDocument *self = JX_DOCUMENT (node);

  if (child_type == JX_TYPE_FUNDING_UNIT)
    return self->units;
  if (child_type == JX_TYPE_ANNOTATION)
    return self->annotations;
  return NULL;
}

static void
count_unit (JxFundingUnit *unit,
            guint         *n_projects,
            guint         *n_indicators)
{
  GListModel *projects = jx_funding_unit_get_projects (unit);

  *n_projects = g_list_model_get_n_items (projects);
  *n_indicators = 0;
  for (guint i = 0; i < *n_projects; i++)
    {
      g_autoptr(JxProject) project = g_list_model_get_item (projects, i);
      *n_indicators += g_list_model_get_n_items (jx_project_get_indicators (project));
    }
}

static void
jx_document_child_added (JxNode *node,
                         JxNode *child)
{
  guint n_projects, n_indicators;

  if (!JX_IS_FUNDING_UNIT (child))
    return;
  count_unit (JX_FUNDING_UNIT (child), &n_projects, &n_indicators);
  jx_document_apply_delta (JX_DOCUMENT (node),
                           jx_funding_unit_get_total (JX_FUNDING_UNIT (child)),
                           n_projects, n_indicators);
}

static void
jx_document_child_removed (JxNode *node,
                           JxNode *child)
{
  guint n_projects, n_indicators;

  if (!JX_IS_FUNDING_UNIT (child))
    return;
  count_unit (JX_FUNDING_UNIT (child), &n_projects, &n_indicators);
  jx_document_apply_delta (JX_DOCUMENT (node),
                           -jx_funding_unit_get_total (JX_FUNDING_UNIT (child)),
                           -(int) n_projects, -(int) n_indicators);
}

static void
jx_document_dispose (GObject *object)
{
  JxDocument *self = JX_DOCUMENT (object);

  if (self->history != NULL)
    jx_history_detach (self->history);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (jx_document_parent_class)->dispose (object);
}

static void
jx_document_finalize (GObject *object)
{
  JxDocument *self = JX_DOCUMENT (object);

  jx_clear_string (&self->department);
  jx_clear_string (&self->title);
  jx_clear_string (&self->unit);
  jx_clear_string (&self->taxonomy);
  g_clear_object (&self->template);
  g_clear_object (&self->units);
  g_clear_object (&self->annotations);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  G_OBJECT_CLASS (jx_document_parent_class)->finalize (object);
}

static void
jx_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JxDocument *self = JX_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_TAXONOMY:
      g_value_set_string (value, self->taxonomy);
      break;
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;
    case PROP_DECIMALS:
      g_value_set_uint (value, self->decimals);
      break;
    case PROP_FORMAT:
      g_value_set_uint (value, self->format);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_N_PROJECTS:
      g_value_set_uint (value, self->n_projects);
      break;
    case PROP_N_INDICATORS:
      g_value_set_uint (value, self->n_indicators);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  JxDocument *self = JX_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      jx_document_set_year (self, g_value_get_int (value));
      break;
    case PROP_DEPARTMENT:
      jx_document_set_department (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      jx_document_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      jx_document_set_unit (self, g_value_get_string (value));
      break;
    case PROP_TAXONOMY:
      jx_document_set_taxonomy (self, g_value_get_string (value));
      break;
    case PROP_TEMPLATE:
      jx_document_change_template (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jx_document_class_init (JxDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JxNodeClass *node_class = JX_NODE_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = jx_document_dispose;
  object_class->finalize = jx_document_finalize;
  object_class->get_property = jx_document_get_property;
  object_class->set_property = jx_document_set_property;

  node_class->get_store = jx_document_get_store;
  node_class->child_added = jx_document_child_added;
  node_class->child_removed = jx_document_child_removed;

  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, 9999, 0, rw);
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, "", rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, JX_DOCUMENT_DEFAULT_UNIT, rw);
  properties[PROP_TAXONOMY] = g_param_spec_string ("taxonomy", NULL, NULL, "guangdong-2020", rw);
  /* Writable for the history (jx_edit_set_template()): see
   * jx_document_change_template(). */
  properties[PROP_TEMPLATE] = g_param_spec_object ("template", NULL, NULL, JX_TYPE_TEMPLATE, rw);
  properties[PROP_DECIMALS] = g_param_spec_uint ("decimals", NULL, NULL, JX_MONEY_MIN_DECIMALS,
                                                 JX_MONEY_MAX_DECIMALS, JX_MONEY_DEFAULT_DECIMALS, ro);
  properties[PROP_FORMAT] = g_param_spec_uint ("format", NULL, NULL, 1, G_MAXUINT, JX_FORMAT_VERSION, ro);
  properties[PROP_TOTAL] = g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_N_PROJECTS] = g_param_spec_uint ("n-projects", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_INDICATORS] = g_param_spec_uint ("n-indicators", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JxDocument::changed:
   * Emitted after every change recorded in the history, and after each undo
   * and redo: the moment to re-validate or to schedule an autosave.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
jx_document_init (JxDocument *self)
{
  self->department = jx_empty_string;
  self->title = jx_empty_string;
  self->unit = g_strdup (JX_DOCUMENT_DEFAULT_UNIT);
  self->taxonomy = g_strdup ("guangdong-2020");
  self->template = g_object_ref (jx_template_get_default ());
  self->decimals = jx_template_get_decimals (self->template);
  self->format = JX_FORMAT_VERSION;
  self->units = g_list_store_new (JX_TYPE_FUNDING_UNIT);
  self->annotations = g_list_store_new (JX_TYPE_ANNOTATION);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->next_id = 1;
  self->history = jx_history_new (self);
}

JxDocument *
jx_document_new (void)
{
  return g_object_new (JX_TYPE_DOCUMENT, NULL);
}

int
jx_document_get_year (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), 0);
  return self->year;
}

void
jx_document_set_year (JxDocument *self,
                      int         year)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

char jx_empty_string[1] = "";

/* Short values repeat all over a table: the category codes (1, 11, 31),
 * 100%, ≥95%, 定性 words, units. The first 256 KB of distinct short values
 * are kept once, in one block, for the life of the program, and every field
 * holding one shares that copy (its address says so: jx_clear_string() leaves
 * it); other values get their own. A city's table holds 120,000 indicators,
 * each with two codes and two values: a separate allocation each cost more
 * memory than the text. */
#define SHARED_MAX_LEN 16
static char shared_block[256 * 1024];
static gsize shared_used;
static GHashTable *shared_table;   /* each string in shared_block, itself the key */
static GMutex shared_lock;

static gboolean
is_shared (const char *text)
{
  guintptr p = (guintptr) text, start = (guintptr) shared_block;

  return p >= start && p < start + sizeof shared_block;
}

/* The copies found last, by a cheap hash of the value, read without the
 * lock (a slot holds a string of shared_block or NULL, and strings there
 * never change): the same few values come again and again. */
#define RECENT_SLOTS 256
static char *recent[RECENT_SLOTS];

static guint
recent_slot (const char *value,
             gsize       len)
{
  return ((guchar) value[0] * 31u + (guchar) value[len - 1] * 7u + (guint) len) % RECENT_SLOTS;
}

static char *
copy_string (const char *value)
{
  gsize len = strlen (value);
  char *copy;
  guint slot;

  if (len > SHARED_MAX_LEN)
    return g_strdup (value);
  slot = recent_slot (value, len);
  copy = g_atomic_pointer_get (&recent[slot]);
  if (copy != NULL && strcmp (copy, value) == 0)
    return copy;
  g_mutex_lock (&shared_lock);
  if (shared_table == NULL)
    shared_table = g_hash_table_new (g_str_hash, g_str_equal);
  copy = g_hash_table_lookup (shared_table, value);
  if (copy == NULL && shared_used + len + 1 <= sizeof shared_block)
    {
      copy = shared_block + shared_used;
      memcpy (copy, value, len + 1);
      shared_used += len + 1;
      g_hash_table_add (shared_table, copy);
    }
  if (copy != NULL)
    g_atomic_pointer_set (&recent[slot], copy);
  g_mutex_unlock (&shared_lock);
  return copy != NULL ? copy : g_strdup (value);
}

gboolean
jx_replace_string (char       **field,
                   const char  *value)
{
  char *copy;

  if (value == NULL)
    value = "";
  if (*field != NULL && strcmp (*field, value) == 0)
    return FALSE;
  /* Copy first: @value may point into the string being replaced. */
  copy = *value == '\0' ? jx_empty_string : copy_string (value);
  jx_clear_string (field);
  *field = copy;
  return TRUE;
}

void
jx_clear_string (char **field)
{
  if (*field != jx_empty_string && !is_shared (*field))
    g_free (*field);
  *field = NULL;
}

const char *
jx_document_get_department (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return self->department;
}

void
jx_document_set_department (JxDocument *self,
                            const char *department)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));
  if (jx_replace_string (&self->department, department))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPARTMENT]);
}

const char *
jx_document_get_title (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return self->title;
}

void
jx_document_set_title (JxDocument *self,
                       const char *title)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));
  if (jx_replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
jx_document_get_unit (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return self->unit;
}

void
jx_document_set_unit (JxDocument *self,
                      const char *unit)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));
  if (jx_replace_string (&self->unit, unit))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

const char *
jx_document_get_taxonomy (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return self->taxonomy;
}

void
jx_document_set_taxonomy (JxDocument *self,
                          const char *taxonomy)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));
  if (jx_replace_string (&self->taxonomy, taxonomy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAXONOMY]);
}

JxTemplate *
jx_document_get_template (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return self->template;
}

void
jx_document_set_template (JxDocument *self,
                          JxTemplate *template)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));
  g_return_if_fail (JX_IS_TEMPLATE (template));
  g_return_if_fail (self->n_projects == 0);

  if (self->template == template)
    return;
  g_set_object (&self->template, template);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
  jx_document_set_decimals (self, jx_template_get_decimals (template));
}

char *
jx_document_format_amount (JxDocument *self,
                           JxMoney     amount)
{
  g_return_val_if_fail (self == NULL || JX_IS_DOCUMENT (self), NULL);
  return jx_money_format_at (amount, self != NULL ? self->decimals : JX_MONEY_DEFAULT_DECIMALS);
}

void
jx_document_change_template (JxDocument *self,
                             JxTemplate *template)
{
  JxTemplate *old;
  GListModel *units;

  g_return_if_fail (JX_IS_DOCUMENT (self));
  g_return_if_fail (JX_IS_TEMPLATE (template));

  if (self->template == template)
    return;
  old = g_object_ref (self->template);
  units = G_LIST_MODEL (self->units);
  /* The new template first, so that each project's source properties
   * notified below are the new template's. */
  g_set_object (&self->template, template);
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          jx_project_remap_sources (project, old, template);
        }
    }
  g_object_unref (old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
}

guint
jx_document_get_decimals (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), JX_MONEY_DEFAULT_DECIMALS);
  return self->decimals;
}

void
jx_document_set_decimals (JxDocument *self,
                          guint       decimals)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));
  g_return_if_fail (decimals == 2 || decimals == 4);
  g_return_if_fail (self->n_projects == 0);

  if (self->decimals == decimals)
    return;
  self->decimals = decimals;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIMALS]);
}

JxDocument *
jx_document_new_for_template (JxTemplate *template)
{
  JxDocument *self = jx_document_new ();

  jx_document_set_template (self, template);
  jx_document_set_unit (self, jx_template_get_unit (template));
  jx_document_set_taxonomy (self, jx_template_get_taxonomy (template));
  return self;
}

static gboolean
project_needs_format_2 (JxProject *project)
{
  GListModel *indicators = jx_project_get_indicators (project);
  guint n = g_list_model_get_n_items (indicators);

  if (*jx_project_get_cycle_goal (project) != '\0')
    return TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);

      if (jx_indicator_has_extra_fields (indicator))
        return TRUE;
    }
  return FALSE;
}

gboolean
jx_document_scan_save_format (JxDocument   *self,
                              JxFormatScan *scan,
                              gint64        deadline,
                              guint        *format)
{
  GListModel *units = G_LIST_MODEL (self->units);

  g_return_val_if_fail (JX_IS_DOCUMENT (self), TRUE);
  g_return_val_if_fail (scan != NULL && format != NULL, TRUE);

  *format = 2;
  if (scan->unit == 0 && scan->project == 0 &&
      (self->template != jx_template_get_default () || self->decimals != JX_MONEY_DEFAULT_DECIMALS ||
       jx_node_get_previous_year (JX_NODE (self)) > 0))
    return TRUE;
  for (; scan->unit < g_list_model_get_n_items (units); scan->unit++, scan->project = 0)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, scan->unit);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      if (scan->project == 0 && jx_node_get_previous_year (JX_NODE (unit)) > 0)
        return TRUE;
      while (scan->project < g_list_model_get_n_items (projects))
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, scan->project++);

          if (project_needs_format_2 (project) || jx_project_has_previous (project))
            return TRUE;
          /* At least one project a step, so that every step gets on. */
          if (deadline >= 0 && g_get_monotonic_time () >= deadline)
            return FALSE;
        }
    }
  *format = 1;
  return TRUE;
}

guint
jx_document_get_save_format (JxDocument *self)
{
  JxFormatScan scan = { 0, };
  guint format;

  g_return_val_if_fail (JX_IS_DOCUMENT (self), JX_FORMAT_VERSION);
  jx_document_scan_save_format (self, &scan, -1, &format);
  return format;
}

guint
jx_document_get_format (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), 0);
  return self->format;
}

void
jx_document_set_format (JxDocument *self,
                        guint       format)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));

  if (self->format == format)
    return;
  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

gboolean
jx_document_is_read_only (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), TRUE);
  return self->format > JX_FORMAT_NEWEST;
}

JxMoney
jx_document_get_total (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), 0);
  return self->total;
}

guint
jx_document_get_n_projects (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), 0);
  return self->n_projects;
}

guint
jx_document_get_n_indicators (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), 0);
  return self->n_indicators;
}

GListModel *
jx_document_get_units (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->units);
}

GListModel *
jx_document_get_annotations (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->annotations);
}

JxHistory *
jx_document_get_history (JxDocument *self)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  return self->history;
}

JxNode *
jx_document_lookup (JxDocument *self,
                    const char *id)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->ids, id);
}

static gboolean
is_comment_target (JxDocument *self,
                   const char *id)
{
  GListModel *annotations = jx_document_get_annotations (self);
  guint n = g_list_model_get_n_items (annotations);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);

      if (g_strcmp0 (jx_annotation_get_target (annotation), id) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
jx_document_make_id (JxDocument *self,
                     const char *prefix)
{
  g_return_val_if_fail (JX_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  /* One counter for all kinds keeps new ids unique even among nodes that
   * are not registered yet (a copy being built). An id that a comment still
   * names is taken too, though its item is gone: a new item must not pick
   * up the comments of a removed one. */
  for (;;)
    {
      char *id = g_strdup_printf ("%s%u", prefix, self->next_id++);

      if (!g_hash_table_contains (self->ids, id) && !is_comment_target (self, id))
        return id;
      g_free (id);
    }
}

void
jx_document_register_id (JxDocument *self,
                         JxNode     *node)
{
  const char *id = jx_node_get_id (node);

  g_return_if_fail (id != NULL);
  /* One hash of the id, not two: a loaded table registers every node. */
  if (!g_hash_table_insert (self->ids, (gpointer) id, node))
    g_critical ("Duplicate id “%s” in document", id);
}

void
jx_document_unregister_id (JxDocument *self,
                           JxNode     *node)
{
  const char *id = jx_node_get_id (node);

  if (id != NULL && g_hash_table_lookup (self->ids, id) == node)
    g_hash_table_remove (self->ids, id);
}

void
jx_document_emit_changed (JxDocument *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
jx_document_apply_delta (JxDocument *self,
                         JxMoney     delta,
                         int         projects,
                         int         indicators)
{
  g_return_if_fail (JX_IS_DOCUMENT (self));

  if (delta != 0)
    {
      self->total += delta;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (projects != 0)
    {
      self->n_projects += projects;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROJECTS]);
    }
  if (indicators != 0)
    {
      self->n_indicators += indicators;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_INDICATORS]);
    }
}

gboolean
jx_document_sum_sources (JxDocument *self,
                         JxMoney     sources[JX_MAX_SOURCES])
{
  guint n_units, n_sources;
  gboolean ok = TRUE;

  g_return_val_if_fail (JX_IS_DOCUMENT (self), FALSE);

  n_sources = jx_document_get_n_sources (self);
  for (guint k = 0; k < n_sources; k++)
    sources[k] = 0;
  n_units = g_list_model_get_n_items (G_LIST_MODEL (self->units));
  for (guint u = 0; u < n_units && ok; u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (G_LIST_MODEL (self->units), u);
      JxMoney unit_sources[JX_MAX_SOURCES];

      ok = jx_funding_unit_sum_sources (unit, unit_sources);
      for (guint k = 0; k < n_sources && ok; k++)
        ok = jx_money_add (sources[k], unit_sources[k], &sources[k]);
    }
  return ok;
}

void
jx_document_foreach_project (JxDocument *self,
                             GFunc       func,
                             gpointer    user_data)
{
  guint n_units;

  g_return_if_fail (JX_IS_DOCUMENT (self));

  n_units = g_list_model_get_n_items (G_LIST_MODEL (self->units));
  for (guint u = 0; u < n_units; u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (G_LIST_MODEL (self->units), u);
      GListModel *projects = jx_funding_unit_get_projects (unit);
      guint n = g_list_model_get_n_items (projects);

      for (guint p = 0; p < n; p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          func (project, user_data);
        }
    }
}
