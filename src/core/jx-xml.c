/* jx-xml.c: reading and writing Jixiao documents (.jixiao XML)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-xml"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "jx-core-resources.h"
#include "jx-fields.h"
#include "jx-history.h"
#include "jx-limits.h"
#include "jx-model-private.h"
#include "jx-money.h"
#include "jx-previous.h"
#include "jx-problem.h"
#include "jx-xml.h"
#include "jx-xml-private.h"
#include "jx-xml-check-private.h"

G_DEFINE_QUARK (jx-xml-error-quark, jx_xml_error)

/* Parser options. NOENT, DTDLOAD, DTDATTR and HUGE stay off for good: no
 * entity is ever expanded or fetched, and libxml2 keeps its limits on
 * depth, text size and entity amplification. */
#define LOAD_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOBLANKS)

/* "Line 12, column 5: " + @sentence, or as much of the place as is known. */
static char *
place_message (guint       line,
               guint       column,
               const char *sentence)
{
  if (line > 0 && column > 0)
    return g_strdup_printf (_("Line %u, column %u: %s"), line, column, sentence);
  if (line > 0)
    return g_strdup_printf (_("Line %u: %s"), line, sentence);
  return g_strdup (sentence);
}

static void
report (GError    **error,
        JxProblem **problem,
        JxXmlError  code,
        const char *rule,
        guint       line,
        guint       column,
        const char *target,
        const char *field,
        const char *sentence)
{
  g_autofree char *message = place_message (line, column, sentence);

  g_set_error_literal (error, JX_XML_ERROR, code, message);
  if (problem != NULL)
    *problem = jx_problem_new (JX_SEVERITY_ERROR, rule, line, column,
                               target, field, sentence);
}

/* A copy of @text fit to quote in a message: control characters and bytes
 * that are not UTF-8 become U+FFFD, and long texts are shortened. */
static char *
quotable (const char *text)
{
  GString *s = g_string_new (NULL);
  const char *p = text, *end = text + strlen (text);
  guint n = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (n++ == 40)
        {
          g_string_append (s, "…");
          break;
        }
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_unichar (s, 0xFFFD);
          p++;
          continue;
        }
      g_string_append_unichar (s, (c < 0x20 || c == 0x7F) ? 0xFFFD : c);
      p = g_utf8_next_char (p);
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------------ */

/* The XML is written straight into one string, byte for byte as libxml2's
 * xmlTextWriter (indent "  ", encoding UTF-8) wrote it before: the same
 * declaration, indentation, escapes and empty elements, so that a table
 * saved again is the same file. The text writer cost 3,900 instructions an
 * element (its UTF-8 to UTF-8 encoder copied every byte, each indentation
 * was a write of its own): more than parsing the file. */
typedef struct
{
  GString          *out;
  GPtrArray        *open;     /* the names of the elements open, outermost first */
  gboolean          in_tag;   /* the innermost start tag is not closed yet: attributes may follow */
  gboolean          indent;   /* an end tag on a line of its own gets its indentation */
  GError           *error;
  const JxField    *sources[JX_MAX_SOURCES];   /* the funding sources, in table order */
  guint             n_sources;
  guint             format;   /* what this save writes: jx_document_get_save_format() */
  guint             decimals; /* of every amount: jx_document_get_decimals() */
} Writer;

/* Who @node is, for a message: "the project “社区党员活动经费” (p1)". */
static char *
describe_node (JxNode *node)
{
  g_autofree char *name = NULL;
  const char *id = jx_node_get_id (node) ? jx_node_get_id (node) : "";

  if (JX_IS_DOCUMENT (node))
    return g_strdup (_("the table"));
  if (JX_IS_FUNDING_UNIT (node))
    {
      name = quotable (jx_funding_unit_get_name (JX_FUNDING_UNIT (node)));
      return g_strdup_printf (_("the funding unit “%s” (%s)"), name, id);
    }
  if (JX_IS_PROJECT (node))
    {
      name = quotable (jx_project_get_name (JX_PROJECT (node)));
      return g_strdup_printf (_("the project “%s” (%s)"), name, id);
    }
  if (JX_IS_INDICATOR (node))
    {
      name = quotable (jx_indicator_get_name (JX_INDICATOR (node)));
      return g_strdup_printf (_("the indicator “%s” (%s)"), name, id);
    }
  if (JX_IS_ANNOTATION (node))
    {
      name = quotable (jx_annotation_get_author (JX_ANNOTATION (node)));
      return g_strdup_printf (_("the comment by %s (%s)"), name, id);
    }
  return g_strdup (id);
}

static void
put_indent (Writer *self,
            guint   depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append_len (self->out, "  ", 2);
}

/* @text escaped as xmlTextWriter escaped text (xmlEncodeSpecialChars()) or,
 * with @attribute, an attribute value (xmlBufAttrSerializeTxtContent() of
 * a UTF-8 document). */
static void
put_escaped (Writer     *self,
             const char *text,
             gboolean    attribute)
{
  const char *run = text, *p;

  for (p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '&': entity = "&amp;"; break;
        case '"': entity = "&quot;"; break;
        case '\r': entity = "&#13;"; break;
        case '\n': entity = attribute ? "&#10;" : NULL; break;
        case '\t': entity = attribute ? "&#9;" : NULL; break;
        default: entity = NULL; break;
        }
      if (entity == NULL)
        continue;
      g_string_append_len (self->out, run, p - run);
      g_string_append (self->out, entity);
      run = p + 1;
    }
  g_string_append_len (self->out, run, p - run);
}

/* An attribute of the start tag just written; @value as it is (a number)
 * unless @escape. */
static void
put_attribute (Writer     *self,
               const char *name,
               const char *value,
               gboolean    escape)
{
  g_assert (self->in_tag);
  g_string_append_c (self->out, ' ');
  g_string_append (self->out, name);
  g_string_append_len (self->out, "=\"", 2);
  if (escape)
    put_escaped (self, value, TRUE);
  else
    g_string_append (self->out, value);
  g_string_append_c (self->out, '"');
}

static void
put_number_attribute (Writer     *self,
                      const char *name,
                      gint64      value)
{
  char buf[24];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  put_attribute (self, name, buf, FALSE);
}

/* The writer refuses what the loader would (jx-limits.h): nothing saved
 * can then fail to open. Every way in refuses such a text first. */
static gboolean
check_length (Writer     *self,
              JxNode     *node,
              const char *field,
              const char *value)
{
  g_autofree char *who = NULL;
  glong n_chars;

  if (!jx_text_is_too_long (value, &n_chars))
    return TRUE;
  who = describe_node (node);
  /* Translators: the first %s is a field such as “performance goal”, the
   * second what it belongs to, such as “the project “X” (p1)” */
  g_set_error (&self->error, JX_XML_ERROR, JX_XML_ERROR_UNSAVABLE,
               _("The table cannot be saved: the %s of %s has %ld characters, more than the %d a text can have. "
                 "Shorten it and save again."),
               jx_field_label_for_id (field), who, n_chars, JX_TEXT_MAX_CHARS);
  return FALSE;
}

static gboolean
check_savable (Writer     *self,
               JxNode     *node,
               const char *field,
               const char *value)
{
  guint32 c;
  g_autofree char *who = NULL;
  g_autofree char *sentence = NULL;

  if (self->error != NULL)
    return FALSE;
  if ((c = jx_text_find_unsavable (value)) == 0)
    return check_length (self, node, field, value);

  who = describe_node (node);
  if (c == G_MAXUINT32)
    /* Translators: the first %s is a field such as “performance goal”, the
     * second what it belongs to, such as “the project “X” (p1)” */
    sentence = g_strdup_printf (_("The table cannot be saved: the %s of %s contains bytes that are not UTF-8 text. "
                                  "Retype that text and save again."),
                                jx_field_label_for_id (field), who);
  else
    /* Translators: the first %s is a field such as “performance goal”, the
     * second what it belongs to, such as “the project “X” (p1)”; %04X is
     * the code of the character */
    sentence = g_strdup_printf (_("The table cannot be saved: the %s of %s contains the invisible control character U+%04X, "
                                  "which XML files cannot hold. Delete it (retyping the text removes it) and save again."),
                                jx_field_label_for_id (field), who, c);
  g_set_error_literal (&self->error, JX_XML_ERROR, JX_XML_ERROR_UNSAVABLE, sentence);
  return FALSE;
}

static gboolean
is_xml_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
write_id (Writer *self,
          JxNode *node)
{
  const char *id = jx_node_get_id (node);
  g_autofree char *who = NULL;

  if (self->error != NULL)
    return;
  /* The schema wants a name token: what jx_document_make_id() makes. */
  if (id != NULL && check_savable (self, node, "id", id) && jx_id_is_valid (id))
    {
      put_attribute (self, "id", id, TRUE);
      return;
    }
  if (self->error != NULL)
    return;
  who = describe_node (node);
  g_set_error (&self->error, JX_XML_ERROR, JX_XML_ERROR_UNSAVABLE,
               _("The table cannot be saved: %s has no usable id (one made of letters, digits and "
                 ". - _ : only). This is a bug in Jixiao; please report it."),
               who);
}

static void
write_attribute (Writer     *self,
                 JxNode     *node,
                 const char *name,
                 const char *value)
{
  if (value == NULL)
    value = "";
  if (!check_savable (self, node, name, value))
    return;
  put_attribute (self, name, value, TRUE);
}

static void
write_amount (Writer     *self,
              const char *name,
              JxMoney     amount)
{
  char buf[JX_MONEY_BUF_SIZE];

  if (self->error != NULL)
    return;
  jx_money_to_decimal_buf_at (amount, self->decimals, buf);
  put_attribute (self, name, buf, FALSE);
}

static void
start_element (Writer     *self,
               const char *name)
{
  if (self->error != NULL)
    return;
  if (self->in_tag)
    g_string_append_len (self->out, ">\n", 2);
  put_indent (self, self->open->len);
  g_ptr_array_add (self->open, (gpointer) name);
  g_string_append_c (self->out, '<');
  g_string_append (self->out, name);
  self->in_tag = TRUE;
}

static void
end_element (Writer *self)
{
  const char *name;

  if (self->error != NULL)
    return;
  g_assert (self->open->len > 0);
  name = g_ptr_array_steal_index (self->open, self->open->len - 1);
  if (self->in_tag)
    g_string_append_len (self->out, "/>\n", 3);
  else
    {
      if (self->indent)
        put_indent (self, self->open->len);
      g_string_append_len (self->out, "</", 2);
      g_string_append (self->out, name);
      g_string_append_len (self->out, ">\n", 2);
    }
  self->in_tag = FALSE;
  self->indent = TRUE;
}

/* <name>value</name>, on one line (an empty value too: never <name/>). */
static void
write_text (Writer     *self,
            JxNode     *node,
            const char *name,
            const char *value)
{
  if (value == NULL)
    value = "";
  if (!check_savable (self, node, name, value))
    return;
  start_element (self, name);
  g_string_append_c (self->out, '>');
  put_escaped (self, value, FALSE);
  self->in_tag = FALSE;
  self->indent = FALSE;
  end_element (self);
}

static void
write_annotation (Writer       *self,
                  JxAnnotation *annotation,
                  gboolean      is_reply)
{
  JxNode *node = JX_NODE (annotation);
  GListModel *replies;
  const char *field;

  start_element (self, "annotation");
  write_id (self, node);
  /* A reply answers its parent: it has no target of its own. */
  if (!is_reply)
    {
      write_attribute (self, node, "target", jx_annotation_get_target (annotation));
      field = jx_annotation_get_field (annotation);
      if (field != NULL && *field != '\0')
        write_attribute (self, node, "field", field);
    }
  write_attribute (self, node, "author", jx_annotation_get_author (annotation));
  write_attribute (self, node, "time", jx_annotation_get_time (annotation));
  write_attribute (self, node, "resolved",
                   jx_annotation_get_resolved (annotation) ? "true" : "false");
  write_text (self, node, "text", jx_annotation_get_text (annotation));

  replies = jx_annotation_get_replies (annotation);
  for (guint i = 0; i < g_list_model_get_n_items (replies) && self->error == NULL; i++)
    {
      g_autoptr(JxAnnotation) reply = g_list_model_get_item (replies, i);
      write_annotation (self, reply, TRUE);
    }
  end_element (self);
}

/* Format 2: the indicator fields only some templates have, when filled in:
 * the attributes (@elements FALSE) or the child elements. Format 1 has none. */
static void
write_extra_fields (Writer      *self,
                    JxIndicator *indicator,
                    gboolean     elements)
{
  const char * const *ids = jx_indicator_extra_field_ids ();

  if (self->format < 2)
    return;
  for (guint k = 0; ids[k] != NULL; k++)
    {
      const JxField *field = jx_field_lookup (JX_FIELD_OWNER_INDICATOR, ids[k]);
      const char *value = jx_indicator_get_field (indicator, ids[k]);

      if (*value == '\0' || field->xml_element != elements)
        continue;
      if (elements)
        write_text (self, JX_NODE (indicator), field->xml_name, value);
      else
        write_attribute (self, JX_NODE (indicator), field->xml_name, value);
    }
}

/* <previous year="2024" …>: last year's values of @node's fields, after
 * its own fields (jx-previous.h). Only those that differ from this year's
 * are written: a value left out is the same as the node's own. */
static void
write_previous (Writer *self,
                JxNode *node)
{
  int year = jx_node_get_previous_year (node);
  guint n_fields;
  const JxField * const *fields;

  if (year <= 0 || self->error != NULL)
    return;
  fields = jx_node_get_previous_fields (node, &n_fields);
  start_element (self, "previous");
  if (self->error == NULL)
    put_number_attribute (self, "year", year);
  for (int pass = 0; pass < 2; pass++)
    for (guint f = 0; f < n_fields; f++)
      {
        const JxField *field = fields[f];
        JxFieldText now = JX_FIELD_TEXT_INIT;
        const char *value;
        gboolean same;

        /* Attributes first, then elements, as XML wants. */
        if (!jx_field_has_previous (field) || field->xml_element != (pass == 1))
          continue;
        value = jx_node_get_previous (node, field);
        same = value == NULL || g_str_equal (value, jx_node_peek_field_text (node, field, &now));
        jx_field_text_clear (&now);
        if (same)
          continue;
        if (field->xml_element)
          write_text (self, node, field->xml_name, value);
        else
          write_attribute (self, node, field->xml_name, value);
      }
  end_element (self);
}

static void
write_indicator (Writer      *self,
                 JxIndicator *indicator)
{
  JxNode *node = JX_NODE (indicator);

  start_element (self, "indicator");
  write_id (self, node);
  write_attribute (self, node, "category", jx_indicator_get_category (indicator));
  write_attribute (self, node, "subcategory", jx_indicator_get_subcategory (indicator));
  write_extra_fields (self, indicator, FALSE);
  write_text (self, node, "name", jx_indicator_get_name (indicator));
  write_text (self, node, "cycle-value", jx_indicator_get_cycle_value (indicator));
  write_text (self, node, "annual-value", jx_indicator_get_annual_value (indicator));
  write_extra_fields (self, indicator, TRUE);
  write_previous (self, node);
  end_element (self);
}

static void
write_project (Writer    *self,
               JxProject *project)
{
  JxNode *node = JX_NODE (project);
  GListModel *indicators = jx_project_get_indicators (project);

  start_element (self, "project");
  write_id (self, node);
  for (guint k = 0; k < self->n_sources; k++)
    write_amount (self, self->sources[k]->xml_name, jx_project_get_source (project, k));
  if (jx_project_get_confidential (project))
    write_attribute (self, node, "confidential", "true");
  write_text (self, node, "name", jx_project_get_name (project));
  write_text (self, node, "goal", jx_project_get_goal (project));
  if (self->format >= 2 && *jx_project_get_cycle_goal (project) != '\0')
    write_text (self, node, "cycle-goal", jx_project_get_cycle_goal (project));
  write_previous (self, node);
  for (guint i = 0; i < g_list_model_get_n_items (indicators) && self->error == NULL; i++)
    {
      g_autoptr(JxIndicator) indicator = g_list_model_get_item (indicators, i);
      write_indicator (self, indicator);
    }
  end_element (self);
}

/* The resumable writer: the table's start, then units and projects a few
 * at a time, then the comments and the end. */
struct _JxXmlWriter
{
  Writer         self;
  JxDocument    *document;
  JxFormatScan   scan;          /* for the format, before the table's start */
  gboolean       started;       /* the table's start is written */
  guint          unit;          /* the next unit to write or finish */
  guint          project;       /* the next project of that unit */
  gboolean       unit_open;
  gboolean       done;
};

JxXmlWriter *
jx_xml_writer_new (JxDocument  *document,
                   GError     **error)
{
  JxXmlWriter *job;
  Writer *self;

  g_return_val_if_fail (JX_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (jx_document_is_read_only (document))
    {
      g_set_error (error, JX_XML_ERROR, JX_XML_ERROR_NEWER_FORMAT,
                   _("This table was written by a newer Jixiao (format %u); it is open read-only "
                     "so that nothing in it is lost. Update Jixiao to save changes to it."),
                   jx_document_get_format (document));
      return NULL;
    }

  job = g_new0 (JxXmlWriter, 1);
  job->document = g_object_ref (document);
  self = &job->self;
  /* Sized up front: a 30 MB document grown by doubling would copy itself
   * over and over. Pages not written cost nothing. */
  self->out = g_string_sized_new (4096 + 512 * (gsize) jx_document_get_n_projects (document) +
                                  256 * (gsize) jx_document_get_n_indicators (document));
  self->open = g_ptr_array_new ();
  self->indent = TRUE;
  self->n_sources = jx_document_get_n_sources (document);
  for (guint k = 0; k < self->n_sources; k++)
    self->sources[k] = jx_document_get_source (document, k);
  self->decimals = jx_document_get_decimals (document);
  /* The format (which may take a look at every project) and the table's
   * start come with the first steps. */
  return job;
}

static void
writer_start (JxXmlWriter *job)
{
  Writer *self = &job->self;
  JxDocument *document = job->document;
  JxNode *node = JX_NODE (document);

  g_string_append (self->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  start_element (self, "table");
  write_attribute (self, node, "xmlns", JX_XML_NAMESPACE);
  /* The schema takes what the year property does. */
  if (self->error == NULL &&
      (jx_document_get_year (document) < 0 || jx_document_get_year (document) > 9999))
    g_set_error (&self->error, JX_XML_ERROR, JX_XML_ERROR_UNSAVABLE,
                 _("The table cannot be saved: its year %d is not between 0 and 9999. "
                   "Correct the year and save again."),
                 jx_document_get_year (document));
  if (self->error == NULL)
    {
      put_number_attribute (self, "format", self->format);
      put_number_attribute (self, "year", jx_document_get_year (document));
    }
  write_attribute (self, node, "unit", jx_document_get_unit (document));
  write_attribute (self, node, "taxonomy", jx_document_get_taxonomy (document));
  if (self->format >= 2)
    write_attribute (self, node, "template", jx_template_get_id (jx_document_get_template (document)));
  if (self->format >= 2 &&
      self->decimals != jx_template_get_decimals (jx_document_get_template (document)) &&
      self->error == NULL)
    put_number_attribute (self, "decimals", self->decimals);
  write_text (self, node, "department", jx_document_get_department (document));
  write_text (self, node, "title", jx_document_get_title (document));
  write_previous (self, node);
}

/* The comments and the end of the table. */
static void
writer_finish (JxXmlWriter *job)
{
  Writer *self = &job->self;
  GListModel *annotations = jx_document_get_annotations (job->document);

  if (g_list_model_get_n_items (annotations) > 0)
    {
      start_element (self, "annotations");
      for (guint i = 0; i < g_list_model_get_n_items (annotations) && self->error == NULL; i++)
        {
          g_autoptr(JxAnnotation) annotation = g_list_model_get_item (annotations, i);
          write_annotation (self, annotation, FALSE);
        }
      end_element (self);
    }
  /* The table itself. */
  end_element (self);
  g_assert (self->error != NULL || self->open->len == 0);
}

gboolean
jx_xml_writer_step (JxXmlWriter  *job,
                    gint64        deadline,
                    GBytes      **bytes,
                    GError      **error)
{
  Writer *self;
  GListModel *units;

  g_return_val_if_fail (job != NULL && !job->done, TRUE);
  g_return_val_if_fail (bytes != NULL && *bytes == NULL, TRUE);
  g_return_val_if_fail (error == NULL || *error == NULL, TRUE);

  self = &job->self;
  if (!job->started)
    {
      if (!jx_document_scan_save_format (job->document, &job->scan, deadline, &self->format))
        return FALSE;
      writer_start (job);
      job->started = TRUE;
    }
  units = jx_document_get_units (job->document);
  while (self->error == NULL && job->unit < g_list_model_get_n_items (units))
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, job->unit);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      if (!job->unit_open)
        {
          JxNode *node = JX_NODE (unit);

          start_element (self, "funding-unit");
          write_id (self, node);
          write_attribute (self, node, "name", jx_funding_unit_get_name (unit));
          write_previous (self, node);
          job->unit_open = TRUE;
          job->project = 0;
        }
      if (job->project < g_list_model_get_n_items (projects))
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, job->project++);

          write_project (self, project);
          /* At least one project a step, so that every step gets on. */
          if (deadline >= 0 && g_get_monotonic_time () >= deadline)
            return FALSE;
          continue;
        }
      end_element (self);
      job->unit_open = FALSE;
      job->unit++;
    }

  if (self->error == NULL)
    writer_finish (job);
  job->done = TRUE;

  if (self->error != NULL)
    g_propagate_error (error, g_steal_pointer (&self->error));
  else
    *bytes = g_string_free_to_bytes (g_steal_pointer (&self->out));
  return TRUE;
}

void
jx_xml_writer_free (JxXmlWriter *job)
{
  if (job == NULL)
    return;
  if (job->self.out != NULL)
    g_string_free (job->self.out, TRUE);
  g_ptr_array_unref (job->self.open);
  g_clear_error (&job->self.error);
  g_object_unref (job->document);
  g_free (job);
}

GBytes *
jx_xml_write (JxDocument  *document,
              GError     **error)
{
  g_autoptr(JxXmlWriter) job = jx_xml_writer_new (document, error);
  GBytes *bytes = NULL;

  if (job == NULL)
    return NULL;
  jx_xml_writer_step (job, -1, &bytes, error);
  return bytes;
}

/* ------------------------------------------------------------------------
 * Reading
 * ------------------------------------------------------------------------ */

static void
ignore_xml_error (void        *data,
                  xmlErrorPtr  error)
{
}

static void
ignore_generic_error (void       *data,
                      const char *format,
                      ...)
{
}

/* The schema, parsed once from the GResource. */
static xmlRelaxNGPtr
get_schema (void)
{
  static gsize once = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resource_lookup_data (jx_core_get_resource (), JX_XML_SCHEMA_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_critical ("The file format schema is missing: %s", error->message);
      else
        {
          gsize size;
          const char *data = g_bytes_get_data (bytes, &size);
          xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewMemParserCtxt (data, (int) size);

          xmlRelaxNGSetParserStructuredErrors (parser, ignore_xml_error, NULL);
          schema = xmlRelaxNGParse (parser);
          xmlRelaxNGFreeParserCtxt (parser);
          if (schema == NULL)
            g_critical ("The file format schema %s does not parse", JX_XML_SCHEMA_RESOURCE);
        }
      g_once_init_leave (&once, 1);
    }
  return schema;
}

/* Big files go into memory that may use huge pages: where page faults are
 * dear (virtual machines), faulting in a 30 MB buffer 4 KB at a time cost
 * more than parsing it. */
#define HUGE_READ_SIZE (4 * 1024 * 1024)

typedef struct
{
  void  *base;
  gsize  size;
} Mapping;

static void
free_mapping (gpointer data)
{
  Mapping *mapping = data;

  munmap (mapping->base, mapping->size);
  g_free (mapping);
}

typedef enum
{
  KIND_SKIP,          /* unknown (newer format) or misplaced: read through */
  KIND_TABLE,
  KIND_UNIT,
  KIND_PROJECT,
  KIND_INDICATOR,
  KIND_ANNOTATIONS,
  KIND_ANNOTATION,
  KIND_TEXT,          /* an element holding a text field of `node` */
  KIND_PREVIOUS,      /* <previous>: last year's values of `node` */
} Kind;

typedef enum
{
  FIELD_DEPARTMENT,
  FIELD_TITLE,
  FIELD_PROJECT_NAME,
  FIELD_GOAL,
  FIELD_CYCLE_GOAL,
  FIELD_INDICATOR_NAME,
  FIELD_CYCLE_VALUE,
  FIELD_ANNUAL_VALUE,
  FIELD_EXPLANATION,
  FIELD_ANNOTATION_TEXT,
  FIELD_PREVIOUS,     /* last year's value of `previous` */
} TextField;

/* An element that is open, or was just read. */
typedef struct
{
  Kind        kind;
  TextField   field;
  JxNode     *node;       /* borrowed: the document holds it */
  xmlNodePtr  xml_node;   /* only compared with error reports, never followed */
  gsize       offset;     /* of its '<' in the data; G_MAXSIZE if unknown */
  gsize       line_start; /* offset of the start of its line */
  guint       line;
  const JxField *previous; /* FIELD_PREVIOUS: the field */
} Frame;

#define MAX_VALIDITY_MESSAGES 3

/* The schema is checked by the loader's own walk (jx-xml-check.c) beside
 * the model builder, on the one parse: libxml2's RelaxNG validator costs
 * nearly as much as parsing. When that walk (or the model builder) finds a
 * problem, the file is read once more the ordinary way, libxml2's validator
 * attached, so every error is reported exactly as it always was. */

typedef struct
{
  xmlTextReaderPtr  reader;
  JxDocument       *document;

  /* The path to read the file again from should an error message need
   * what was given back of its data. */
  const char       *path;
  GBytes           *reread;

  /* Units, projects, indicators, comments: each kind reaches its list in
   * one splice per parent (jx_node_batch_append()); the loader reads no
   * list while it builds. */
  JxNodeBatch       batches[4];

  guint             format;
  gboolean          newer;       /* format newer than this build: no schema */
  gboolean          seen_root;
  const char       *namespace;   /* the parser's copy of JX_XML_NAMESPACE, once seen */

  /* The element just started, as the driver (SAX or reader) saw it. */
  const xmlChar    *elem_name;   /* local name */
  const char       *elem_ns;     /* namespace name, NULL for none */
  gboolean          elem_empty;  /* <name/> */
  GArray           *attrs;       /* of JxXmlAttr: the driver's scratch */
  GString          *attr_pool;   /* their values */

  const JxXmlAttr  *cur_attrs;   /* of the element just started */
  guint             n_cur_attrs;


  /* Where the scan of the raw data is: it finds the '<' of every start tag
   * in step with the reader, which gives exact lines and columns (libxml2
   * keeps lines in 16 bits and has no columns for nodes). */
  gboolean          scan_ok;
  gsize             scan_pos;

  GArray           *stack;       /* of Frame */
  Frame             last_closed;
  Frame             current;     /* the element of the node just read */
  int               node_type;   /* of the node just read */
  guint             ends_since_start;
  Frame             closing;     /* the element the node just read closed */
  gboolean          has_closing;
  Frame             closed;      /* the element closed by the node read before */
  gboolean          has_closed;
  int               text_depth;  /* index in @stack of the KIND_TEXT frame, or -1 */
  GString          *text;
  GString          *scratch[3];

  /* The first well-formedness error libxml2 reported. */
  gboolean          syntax_error;
  int               syntax_code;
  guint             syntax_line;
  guint             syntax_column;
  char             *syntax_message;
  char             *syntax_str1;

  /* Schema errors reported while reading the current node. */
  guint             n_validity;
  char             *validity_messages[MAX_VALIDITY_MESSAGES + 1];  /* NULL-terminated when joined */
  xmlNodePtr        validity_node;
  guint             validity_line;
  int               validity_code;

  /* The outcome, when it is a failure. */
  gboolean          failed;
  JxXmlError        code;
  char             *rule;
  guint             fail_line;
  guint             fail_column;
  char             *target;
  char             *field;
  char             *sentence;

  /* Interned names, compared by pointer. */
  const xmlChar    *n_table, *n_department, *n_title, *n_funding_unit, *n_project,
                   *n_name, *n_goal, *n_indicator, *n_cycle_value, *n_annual_value,
                   *n_annotations, *n_annotation, *n_text,
                   *n_id, *n_format, *n_year, *n_unit, *n_taxonomy,
                   *n_confidential, *n_category,
                   *n_subcategory, *n_target, *n_field, *n_author, *n_time,
                   *n_resolved, *n_template, *n_decimals, *n_cycle_goal, *n_explanation, *n_previous;
  /* The indicator fields of format 2 that are attributes, by id. */
  const xmlChar    *n_extras[8];
  const char       *extra_ids[8];
  guint             n_extra_names;
  /* The funding sources' attributes, in the order of the table of fields. */
  const JxField    *sources[JX_MAX_SOURCES];
  const xmlChar    *n_sources[JX_MAX_SOURCES];
  guint             n_source_names;
  guint             decimals;  /* of every amount: the table's or its template's */
  gboolean          dict_busy;   /* the parser thread uses the dictionary */
  gboolean          skip_end;    /* the end of the empty element just started */

  /* What the parser thread of the first pass reads and writes for every
   * element, on cache lines of their own: interleaved with the builder's
   * fields, the two threads passed lines back and forth, and the pipeline
   * cost 40 % more CPU time than the same work on one thread. */
  _Alignas (64)
  const char       *data;
  gsize             len;
  /* For a big file read by jx_xml_load_path(): the memory holding it, whose
   * pages are given back as the parse leaves them behind. */
  Mapping          *mapping;
  gsize             released;
  gsize             counted;     /* lines are counted up to here */
  gsize             line_start;
  guint             line;
  JxXmlCheck       *check;       /* the schema walk; NULL: libxml2 validates */
  /* The first pass: the parser, its thread's blocks of events, and whether
   * the file is left to the reader's pass (anything invalid or unusual),
   * which either thread may decide. */
  xmlParserCtxtPtr  ctxt;
  gint              bail;        /* atomic */
  gboolean          started;     /* the parser thread has seen an element */
  gsize             block_size;
  GAsyncQueue      *filled;      /* of Block, for the builder */
  GAsyncQueue      *empty_blocks;
  struct _Block    *filling;     /* the parser thread's */
} Loader;

/* Names come from the parser's dictionary, so equal names are usually the
 * same pointer; the comparison stays right if one is not (a template's
 * names, interned while the parser thread owns the dictionary). */
static inline gboolean
name_is (const xmlChar *name,
         const xmlChar *interned)
{
  return name == interned ||
         (name[0] == interned[0] && strcmp ((const char *) name, (const char *) interned) == 0);
}

/* Steps *@i to the next attribute without a namespace of the element just
 * started. */
static gboolean
next_attribute (Loader         *self,
                guint          *i,
                const xmlChar **name,
                const char    **value)
{
  while (*i < self->n_cur_attrs)
    {
      const JxXmlAttr *a = &self->cur_attrs[(*i)++];

      if (a->ns == NULL)
        {
          *name = (const xmlChar *) a->name;
          *value = a->value;
          return TRUE;
        }
    }
  return FALSE;
}

/* The value of the attribute @name (no namespace) of the element just
 * started, or NULL. */
static const char *
get_attribute (Loader        *self,
               const xmlChar *name)
{
  const xmlChar *n;
  const char *v;

  for (guint i = 0; next_attribute (self, &i, &n, &v);)
    if (name_is (n, name))
      return v;
  return NULL;
}

/* @name from the parser's dictionary: names compare by pointer. */
static const xmlChar *
intern (Loader     *self,
        const char *name)
{
  /* The dictionary is the parser thread's while it runs. */
  if (self->dict_busy)
    return BAD_CAST name;
  if (self->ctxt != NULL)
    return xmlDictLookup (self->ctxt->dict, BAD_CAST name, -1);
  return xmlTextReaderConstString (self->reader, BAD_CAST name);
}

static void
fail (Loader     *self,
      JxXmlError  code,
      const char *rule,
      guint       line,
      guint       column,
      const char *target,
      const char *field,
      char       *sentence)   /* taken */
{
  if (self->failed)
    {
      g_free (sentence);
      return;
    }
  self->failed = TRUE;
  self->code = code;
  self->rule = g_strdup (rule);
  self->fail_line = line;
  self->fail_column = column;
  self->target = g_strdup (target);
  self->field = g_strdup (field);
  self->sentence = sentence;
}

static void
clear_validity (Loader *self)
{
  for (guint i = 0; i < self->n_validity; i++)
    g_clear_pointer (&self->validity_messages[i], g_free);
  self->n_validity = 0;
  self->validity_node = NULL;
  self->validity_line = 0;
  self->validity_code = 0;
}

/* libxml2's message, fit to quote: libxml2 quotes the input it stopped at,
 * cut at a byte count that can fall inside a character. */
static char *
strip_message (const char *message)
{
  char *s = g_utf8_make_valid (message ? message : "", -1);

  return g_strstrip (s);
}

static void
on_xml_error (void        *data,
              xmlErrorPtr  error)
{
  Loader *self = data;

  if (error->level == XML_ERR_NONE || error->level == XML_ERR_WARNING)
    return;

  if (error->domain == XML_FROM_RELAXNGV || error->domain == XML_FROM_VALID ||
      error->domain == XML_FROM_SCHEMASV)
    {
      char *message;

      if (self->newer)
        return;
      message = strip_message (error->message);
      for (guint i = 0; i < self->n_validity; i++)
        if (g_str_equal (self->validity_messages[i], message))
          {
            g_free (message);
            return;
          }
      if (self->n_validity == 0)
        {
          self->validity_node = error->node;
          self->validity_line = error->line > 0 ? error->line : 0;
          self->validity_code = error->code;
        }
      if (self->n_validity < MAX_VALIDITY_MESSAGES)
        self->validity_messages[self->n_validity++] = message;
      else
        g_free (message);
      return;
    }

  if (self->syntax_error)
    return;
  self->syntax_error = TRUE;
  self->syntax_code = error->code;
  self->syntax_line = error->line > 0 ? error->line : 0;
  self->syntax_column = error->int2 > 0 ? error->int2 : 0;
  self->syntax_message = strip_message (error->message);
  self->syntax_str1 = error->str1 ? g_utf8_make_valid (error->str1, -1) : NULL;
}

static GBytes *read_path (const char   *path,
                          struct stat  *st,
                          Mapping     **mapping,
                          JxProblem   **problem,
                          GError      **error);

/* Makes the data from @from on readable again if its pages were given
 * back: only error messages look that far back, so the file is read anew. */
static void
ensure_data (Loader *self,
             gsize   from)
{
  struct stat st;
  gsize len;

  if (from >= self->released || self->reread != NULL || self->path == NULL)
    return;
  self->reread = read_path (self->path, &st, NULL, NULL, NULL);
  if (self->reread == NULL)
    return;
  self->data = g_bytes_get_data (self->reread, &len);
  /* The file may have changed meanwhile; places are then approximate. */
  self->len = MIN (self->len, len);
  self->released = 0;
}

/* Gives back the pages of data that the parser and the scan are done with,
 * so that the file and the document built from it are never both held in
 * full. The reader reads its static input buffer strictly forwards and
 * copies what it parses, and the scan runs behind it. */
#define RELEASE_STEP (4 * 1024 * 1024)

static void
release_data (Loader *self)
{
  gsize page = 4096, upto;

  /* Should the schema walk or the builder find a problem, load() reads the
   * file anew for the second pass (see there). */
  if (self->mapping == NULL || self->reread != NULL ||
      self->counted < self->released + 2 * RELEASE_STEP)
    return;
  upto = (self->counted - RELEASE_STEP) / page * page;
  if (madvise ((char *) self->mapping->base + self->released, upto - self->released, MADV_DONTNEED) == 0)
    self->released = upto;
}

/* Counts the lines of the data up to @upto. */
static void
count_lines (Loader *self,
             gsize   upto)
{
  const char *p = self->data + self->counted;
  const char *end = self->data + upto;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      self->line++;
      p++;
      self->line_start = p - self->data;
    }
  self->counted = upto;
}

/* Offset just past the first @seq at or after @from, or the end. */
static gsize
skip_past (Loader     *self,
           gsize       from,
           const char *seq)
{
  gsize n = strlen (seq);

  while (from + n <= self->len)
    {
      const char *p = memchr (self->data + from, seq[0], self->len - from);

      if (p == NULL || (gsize) (p - self->data) + n > self->len)
        break;
      if (memcmp (p, seq, n) == 0)
        return p - self->data + n;
      from = p - self->data + 1;
    }
  return self->len;
}

static gboolean
is_name_end (char c)
{
  return is_xml_blank (c) || c == '>' || c == '/';
}

/* Moves the scan to the '<' of the next start tag, which must be the one of
 * @qname, and fills in the place of @frame. When the data does not line up
 * with what the parser reports (which should not happen), scanning stops
 * and places fall back to libxml2's own line numbers. */
static gboolean
scan_start_tag (Loader        *self,
                const xmlChar *qname,
                Frame         *frame)
{
  gsize pos = self->scan_pos;
  gsize n = strlen ((const char *) qname);

  while (self->scan_ok && pos < self->len)
    {
      const char *lt = memchr (self->data + pos, '<', self->len - pos);
      gsize at;

      if (lt == NULL)
        break;
      at = lt - self->data;
      if (at + 1 >= self->len)
        break;
      switch (lt[1])
        {
        case '/':
          pos = at + 2;
          continue;
        case '?':
          pos = skip_past (self, at + 2, "?>");
          continue;
        case '!':
          if (self->len - at >= 4 && memcmp (lt, "<!--", 4) == 0)
            pos = skip_past (self, at + 4, "-->");
          else if (self->len - at >= 9 && memcmp (lt, "<![CDATA[", 9) == 0)
            pos = skip_past (self, at + 9, "]]>");
          else
            pos = at + 2;
          continue;
        default:
          break;
        }
      if (self->len - at - 1 <= n || memcmp (lt + 1, qname, n) != 0 || !is_name_end (lt[1 + n]))
        break;
      count_lines (self, at);
      frame->offset = at;
      frame->line_start = self->line_start;
      frame->line = self->line;
      self->scan_pos = at + 1;
      return TRUE;
    }

  self->scan_ok = FALSE;
  return FALSE;
}

static void
locate_element (Loader *self,
                Frame  *frame)
{
  if (self->scan_ok &&
      scan_start_tag (self, xmlTextReaderConstName (self->reader), frame))
    return;

  /* libxml2 stops counting element lines at 65535; past that, the line the
   * parser has reached is a close guess. */
  frame->offset = G_MAXSIZE;
  frame->line = xmlGetLineNo (frame->xml_node) > 0 ? (guint) xmlGetLineNo (frame->xml_node) : 0;
  if (frame->line == 0 || frame->line >= 65535)
    frame->line = MAX (0, xmlTextReaderGetParserLineNumber (self->reader));
}

static guint
column_at (Loader *self,
           gsize   line_start,
           gsize   offset)
{
  /* The first pass reports nothing (the second does), and its data is the
   * parser thread's. */
  if (self->check != NULL)
    return 0;
  ensure_data (self, line_start);
  return g_utf8_strlen (self->data + line_start, offset - line_start) + 1;
}

static void
frame_place (Loader      *self,
             const Frame *frame,
             guint       *line,
             guint       *column)
{
  *line = frame->line;
  *column = frame->offset == G_MAXSIZE ? 0 : column_at (self, frame->line_start, frame->offset);
}

/* The place of the attribute @name in the start tag of @frame, or of the
 * tag itself. */
static void
attribute_place (Loader      *self,
                 const Frame *frame,
                 const char  *name,
                 guint       *line,
                 guint       *column)
{
  gsize n = strlen (name);
  gsize line_start = frame->line_start;
  guint l = frame->line;
  gsize p;

  frame_place (self, frame, line, column);
  if (frame->offset == G_MAXSIZE || self->check != NULL)
    return;
  ensure_data (self, frame->line_start);

#define ADVANCE() G_STMT_START {                  \
    if (self->data[p] == '\n')                    \
      {                                           \
        l++;                                      \
        line_start = p + 1;                       \
      }                                           \
    p++;                                          \
  } G_STMT_END

  p = frame->offset + 1;
  while (p < self->len && !is_name_end (self->data[p]))
    p++;
  while (p < self->len)
    {
      gsize name_at;
      char quote;

      while (p < self->len && is_xml_blank (self->data[p]))
        ADVANCE ();
      if (p >= self->len || self->data[p] == '>' || self->data[p] == '/')
        return;
      name_at = p;
      while (p < self->len && self->data[p] != '=' && !is_xml_blank (self->data[p]))
        p++;
      if (p - name_at == n && memcmp (self->data + name_at, name, n) == 0)
        {
          *line = l;
          *column = column_at (self, line_start, name_at);
          return;
        }
      while (p < self->len && self->data[p] != '"' && self->data[p] != '\'')
        ADVANCE ();
      if (p >= self->len)
        return;
      quote = self->data[p++];
      while (p < self->len && self->data[p] != quote)
        ADVANCE ();
      p++;
    }
#undef ADVANCE
}

static Frame *
top_frame (Loader *self)
{
  if (self->stack->len == 0)
    return NULL;
  return &g_array_index (self->stack, Frame, self->stack->len - 1);
}

static Frame *
find_frame (Loader     *self,
            xmlNodePtr  node)
{
  if (node == NULL)
    return NULL;
  for (guint i = self->stack->len; i > 0; i--)
    {
      Frame *frame = &g_array_index (self->stack, Frame, i - 1);

      if (frame->xml_node == node)
        return frame;
    }
  if (self->last_closed.xml_node == node)
    return &self->last_closed;
  return NULL;
}

static void
fail_at_attribute (Loader      *self,
                   const Frame *frame,
                   const char  *attribute,
                   JxXmlError   code,
                   const char  *rule,
                   char        *sentence)
{
  guint line, column;

  attribute_place (self, frame, attribute, &line, &column);
  fail (self, code, rule, line, column,
        frame->node ? jx_node_get_id (frame->node) : NULL, attribute, sentence);
}

/* The place of the text node just read: past the start tag the scan is at
 * and the end tags after it, the first thing that is not markup. */
static gboolean
locate_text (Loader *self,
             guint  *line,
             guint  *column)
{
  gsize p = self->counted, line_start;
  guint l;
  char quote = 0;

  if (!self->scan_ok || self->node_type != XML_READER_TYPE_TEXT)
    return FALSE;
  ensure_data (self, self->line_start);
  line_start = self->line_start;
  l = self->line;
  /* Past the last start tag, minding quoted values. */
  for (; p < self->len; p++)
    {
      char c = self->data[p];

      if (c == '\n')
        {
          l++;
          line_start = p + 1;
        }
      if (quote != 0)
        quote = c == quote ? 0 : quote;
      else if (c == '"' || c == '\'')
        quote = c;
      else if (c == '>')
        break;
    }
  /* Then past the end tags the reader went through since, with whatever
   * text they closed. */
  p++;
  for (guint ends = self->ends_since_start; ends > 0 && p < self->len; p++)
    {
      if (self->data[p] == '\n')
        {
          l++;
          line_start = p + 1;
        }
      else if (self->data[p] == '<' && p + 1 < self->len && self->data[p + 1] == '/')
        {
          while (p < self->len && self->data[p] != '>')
            p++;
          ends--;
        }
    }
  /* Then past blanks and comments: the text. */
  for (; p < self->len; p++)
    {
      char c = self->data[p];

      if (c == '\n')
        {
          l++;
          line_start = p + 1;
        }
      else if (c == '<')
        {
          while (p < self->len && self->data[p] != '>')
            if (self->data[p++] == '\n')
              {
                l++;
                line_start = p;
              }
        }
      else if (!is_xml_blank (c))
        {
          *line = l;
          *column = column_at (self, line_start, p);
          return TRUE;
        }
    }
  return FALSE;
}

/* Reports the schema errors of the node just read, if there are any. */
static void
flush_validity (Loader *self)
{
  g_autofree char *details = NULL;
  Frame *frame;
  guint line, column = 0;

  if (self->n_validity == 0)
    return;

  self->validity_messages[self->n_validity] = NULL;
  details = g_strjoinv ("; ", self->validity_messages);
  /* libxml2 leaves the name out here, which reads oddly. */
  if (strstr (details, "Expecting an element , got nothing") != NULL)
    {
      g_free (details);
      details = g_strdup (_("an element is missing before the end of this one"));
    }
  /* libxml2 names a node, not always the one in question (it may be one the
   * parser has already gone on to). The end of an element's content is
   * checked when the reader moves past it, so errors about missing content
   * concern the element closed before the node just read; other errors
   * concern the element just read. */
  if (self->validity_code == XML_RELAXNG_ERR_TEXTWRONG && locate_text (self, &line, &column))
    {
      fail (self, JX_XML_ERROR_INVALID, "schema", line, column, NULL, NULL,
            g_strdup (_("The file does not follow the Jixiao format: there is text where only elements "
                        "belong. Correct it in a text editor, or ask whoever made it for a valid file.")));
      clear_validity (self);
      return;
    }
  frame = find_frame (self, self->validity_node);
  if ((self->validity_code == XML_RELAXNG_ERR_NOELEM ||
       self->validity_code == XML_RELAXNG_ERR_CONTENTVALID ||
       self->validity_code == XML_RELAXNG_ERR_LACKDATA) && self->has_closed)
    frame = &self->closed;
  else if (frame == NULL)
    frame = &self->current;
  frame_place (self, frame, &line, &column);
  if (line == 0)
    line = self->validity_line;
  fail (self, JX_XML_ERROR_INVALID, "schema", line, column,
        frame && frame->node ? jx_node_get_id (frame->node) : NULL, NULL,
        g_strdup_printf (_("The file does not follow the Jixiao format (%s). "
                           "Correct it in a text editor, or ask whoever made it for a valid file."),
                         details));
  clear_validity (self);
}

/* The writer writes no text longer than JX_TEXT_MAX_CHARS (jx-limits.h), so
 * a longer one was not written by Jixiao; @attribute is NULL for the text of
 * the element of @frame. */
static gboolean
check_text_length (Loader      *self,
                   const Frame *frame,
                   const char  *attribute,
                   const char  *text)
{
  char *sentence;
  guint line, column;
  glong n_chars;

  if (!jx_text_is_too_long (text, &n_chars))
    return TRUE;
  sentence = g_strdup_printf (_("The file holds a text of %ld characters, more than the %d a table can have: "
                                "it is damaged or was not made by Jixiao. Shorten the text in a text editor."),
                              n_chars, JX_TEXT_MAX_CHARS);
  if (attribute != NULL)
    {
      fail_at_attribute (self, frame, attribute, JX_XML_ERROR_MALFORMED, "xml-syntax", sentence);
      return FALSE;
    }
  frame_place (self, frame, &line, &column);
  fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", line, column,
        frame->node ? jx_node_get_id (frame->node) : NULL, NULL, sentence);
  return FALSE;
}

/* Parses a whole number in @text (blanks around it allowed) into the range
 * [@min, @max]. */
static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           gint64     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return g_ascii_string_to_signed (copy, 10, min, max, out, NULL);
}

/* Checks the id @frame's node was given (none if the element had none) and
 * adds the node to @parent. */
static gboolean
attach (Loader     *self,
        Frame      *frame,
        const char *prefix,
        JxNode     *parent)
{
  const char *id = jx_node_get_id (frame->node);
  JxNode *existing;

  if (id == NULL)
    {
      g_autofree char *made = NULL;
      guint line, column;

      if (!self->newer)
        {
          frame_place (self, frame, &line, &column);
          fail (self, JX_XML_ERROR_INVALID, "schema", line, column, NULL, "id",
                g_strdup_printf (_("The element <%s> has no id; every funding unit, project, indicator "
                                   "and comment needs one. Add a unique id in a text editor."),
                                 (const char *) self->elem_name));
          return FALSE;
        }
      /* A newer format may do without ids; the document is read-only. */
      made = jx_document_make_id (self->document, prefix);
      jx_node_set_id (frame->node, made);
    }
  else if (!jx_id_is_valid (id))
    {
      g_autofree char *shown = quotable (id);

      /* The schema's NMTOKEN collapses blanks, so " i3" passes it; the
       * writer (rightly) would not write it back. */
      fail_at_attribute (self, frame, "id", JX_XML_ERROR_INVALID, "schema",
                         g_strdup_printf (_("The id “%s” cannot be used: an id is made of letters, digits "
                                            "and . - _ : only, without blanks, at most %u characters. "
                                            "Correct it in a text editor."),
                                          shown, (guint) JX_ID_MAX_BYTES));
      return FALSE;
    }
  else if ((existing = jx_document_lookup (self->document, id)) != NULL)
    {
      g_autofree char *shown = quotable (id);

      fail_at_attribute (self, frame, "id", JX_XML_ERROR_DUPLICATE_ID, "duplicate-id",
                         g_strdup_printf (_("The id “%s” is used twice (first on line %u); ids must be unique. "
                                            "Give one of them another id in a text editor."),
                                          shown, jx_node_get_line (existing)));
      return FALSE;
    }

  jx_node_set_line (frame->node, frame->line);
  jx_node_batch_append (&self->batches[prefix[0] == 'u' ? 0 : prefix[0] == 'p' ? 1 : prefix[0] == 'i' ? 2 : 3],
                        parent, frame->node);
  return TRUE;
}

/* The funding sources' attributes are those of @template. */
static void
loader_use_template (Loader     *self,
                     JxTemplate *template)
{
  self->n_source_names = jx_template_get_n_sources (template);
  self->decimals = jx_template_get_decimals (template);
  for (guint k = 0; k < self->n_source_names; k++)
    {
      self->sources[k] = jx_template_get_source (template, k);
      self->n_sources[k] = intern (self, self->sources[k]->xml_name);
    }
}

static void
start_table (Loader *self,
             Frame  *frame)
{
  const xmlChar *local = self->elem_name;
  const xmlChar *name;
  const char *v;
  g_autofree char *format = NULL;
  guint line, column;
  gint64 value;
  guint decimals = 0;

  frame_place (self, frame, &line, &column);
  if (!name_is (local, self->n_table))
    {
      g_autofree char *shown = quotable ((const char *) local);

      fail (self, JX_XML_ERROR_NOT_JIXIAO, "namespace", line, column, NULL, NULL,
            g_strdup_printf (_("This is not a Jixiao document: its root element is <%s>, not <table>. "
                               "Choose a .jixiao file."),
                             shown));
      return;
    }
  if (self->elem_ns == NULL)
    {
      fail (self, JX_XML_ERROR_NOT_JIXIAO, "namespace", line, column, NULL, NULL,
            g_strdup_printf (_("This is not a Jixiao document: its <table> element has no namespace, "
                               "where a Jixiao table has xmlns=\"%s\". Choose a .jixiao file."),
                             JX_XML_NAMESPACE));
      return;
    }
  if (strcmp (self->elem_ns, JX_XML_NAMESPACE) != 0)
    {
      g_autofree char *shown = quotable (self->elem_ns);

      fail (self, JX_XML_ERROR_NOT_JIXIAO, "namespace", line, column, NULL, NULL,
            g_strdup_printf (_("This is not a Jixiao document: its <table> element is in the namespace "
                               "“%s”, not “%s”. Choose a .jixiao file."),
                             shown, JX_XML_NAMESPACE));
      return;
    }
  self->namespace = self->elem_ns;
  frame->node = JX_NODE (self->document);

  /* The format first: it decides whether the schema applies. */
  format = g_strdup (get_attribute (self, self->n_format));
  if (format == NULL || !parse_int (format, 1, G_MAXUINT, &value))
    {
      g_autofree char *shown = format ? quotable (format) : NULL;

      clear_validity (self);
      if (format == NULL)
        fail (self, JX_XML_ERROR_INVALID, "format", line, column, NULL, "format",
              g_strdup (_("The table has no format version (a format attribute); the file is damaged "
                          "or was not written by Jixiao.")));
      else
        fail_at_attribute (self, frame, "format", JX_XML_ERROR_INVALID, "format",
                           g_strdup_printf (_("The format version “%s” of the table is not a whole number "
                                              "above zero; the file is damaged or was not written by Jixiao."),
                                            shown));
      return;
    }
  self->format = value;
  if (self->format > JX_FORMAT_NEWEST)
    {
      /* Read what is known; the schema of this build does not apply. */
      self->newer = TRUE;
      clear_validity (self);
      if (self->reader != NULL)
        xmlTextReaderRelaxNGSetSchema (self->reader, NULL);
    }
  jx_document_set_format (self->document, self->format);

  for (guint i = 0; next_attribute (self, &i, &name, &v);)
    {
      if (name_is (name, self->n_year))
        {
          if (parse_int (v, 0, 9999, &value))
            jx_document_set_year (self->document, (int) value);
          else if (!self->newer)
            {
              g_autofree char *shown = quotable (v);

              clear_validity (self);
              fail_at_attribute (self, frame, "year", JX_XML_ERROR_INVALID, "schema",
                                 g_strdup_printf (_("The year “%s” is not a year between 0 and 9999. "
                                                    "Correct it in a text editor."),
                                                  shown));
              break;
            }
        }
      else if (name_is (name, self->n_unit))
        jx_document_set_unit (self->document, v);
      else if (name_is (name, self->n_taxonomy))
        jx_document_set_taxonomy (self->document, v);
      else if (name_is (name, self->n_template))
        {
          g_autoptr(GError) error = NULL;
          JxTemplate *template = jx_template_get_builtin (v, &error);

          if (template == NULL)
            {
              clear_validity (self);
              fail_at_attribute (self, frame, "template", JX_XML_ERROR_INVALID, "template",
                                 g_strdup_printf (_("%s This table cannot be opened without it: "
                                                    "update Jixiao, or ask whoever sent the file "
                                                    "which version they use."),
                                                  error->message));
              break;
            }
          jx_document_set_template (self->document, template);
          loader_use_template (self, template);
        }
      else if (name_is (name, self->n_decimals))
        {
          if (g_str_equal (v, "2") || g_str_equal (v, "4"))
            decimals = (guint) (v[0] - '0');
          else if (!self->newer)
            {
              g_autofree char *shown = quotable (v);

              clear_validity (self);
              fail_at_attribute (self, frame, "decimals", JX_XML_ERROR_INVALID, "schema",
                                 g_strdup_printf (_("The table’s decimals “%s” are neither 2 nor 4. "
                                                    "Correct it in a text editor."),
                                                  shown));
              break;
            }
        }
    }
  /* After the template, whatever the order of the attributes. */
  if (decimals != 0)
    {
      jx_document_set_decimals (self->document, decimals);
      self->decimals = decimals;
    }
}

static void
start_unit (Loader *self,
            Frame  *frame,
            JxNode *parent)
{
  g_autoptr(JxFundingUnit) unit = jx_funding_unit_new (NULL);
  const xmlChar *name;
  const char *v;

  frame->node = JX_NODE (unit);
  for (guint i = 0; next_attribute (self, &i, &name, &v);)
    {
      if (name_is (name, self->n_id))
        jx_node_set_id (frame->node, v);
      else if (name_is (name, self->n_name) && check_text_length (self, frame, "name", v))
        jx_funding_unit_set_name (unit, v);
    }
  attach (self, frame, "u", parent);
}

typedef struct
{
  gboolean    present;
  JxMoney     value;
} Amount;

static void
start_project (Loader *self,
               Frame  *frame,
               JxNode *parent)
{
  g_autoptr(JxProject) project = jx_project_new (NULL);
  Amount amounts[JX_MAX_SOURCES] = { { 0, } };
  const xmlChar *name;
  const char *v;

  frame->node = JX_NODE (project);
  for (guint i = 0; next_attribute (self, &i, &name, &v);)
    {
      int which = -1;

      if (name_is (name, self->n_id))
        jx_node_set_id (frame->node, v);
      else if (name_is (name, self->n_confidential))
        jx_project_set_confidential (project, g_str_equal (v, "true") || g_str_equal (v, "1"));
      else
        {
          for (guint k = 0; k < self->n_source_names && which < 0; k++)
            if (name_is (name, self->n_sources[k]))
              which = (int) k;
          /* A source of another template: its amount would be lost. */
          if (which < 0 && !self->newer && jx_field_lookup_source ((const char *) name) != NULL)
            {
              JxTemplate *template = jx_document_get_template (self->document);
              g_autofree char *shown = quotable ((const char *) name);

              clear_validity (self);
              fail_at_attribute (self, frame, (const char *) name, JX_XML_ERROR_INVALID, "schema",
                                 g_strdup_printf (_("The project has an amount “%s”, which is not a funding "
                                                    "source of its table's template “%s”. Correct the "
                                                    "template attribute of the table in a text editor."),
                                                  shown, jx_template_get_id (template)));
              return;
            }
        }

      if (which >= 0)
        {
          if (!jx_money_from_decimal_at (v, strlen (v), self->decimals, &amounts[which].value))
            {
              g_autofree char *shown = quotable (v);
              gboolean digits_ok;
              const char *p = v;

              /* Well-formed but out of range, or not a number at all? */
              if (*p == '-')
                p++;
              digits_ok = g_ascii_isdigit (*p);
              while (g_ascii_isdigit (*p))
                p++;
              digits_ok = digits_ok && p[0] == '.' && strlen (p + 1) == self->decimals &&
                          strspn (p + 1, "0123456789") == self->decimals;
              clear_validity (self);
              fail_at_attribute (self, frame, self->sources[which]->id, JX_XML_ERROR_AMOUNT, "amount",
                                 digits_ok
                                 ? g_strdup_printf (_("The amount “%s” of %s is too large to hold. "
                                                      "Correct it in a text editor."),
                                                    shown, jx_field_get_label (self->sources[which]))
                                 : self->decimals == JX_MONEY_DEFAULT_DECIMALS
                                 ? g_strdup_printf (_("The amount “%s” of %s is not a number with two decimals "
                                                      "such as 1234.50. Correct it in a text editor."),
                                                    shown, jx_field_get_label (self->sources[which]))
                                 : g_strdup_printf (_("The amount “%s” of %s is not a number with the table’s "
                                                      "%u decimals such as 1234.5000. Correct it in a text editor."),
                                                    shown, jx_field_get_label (self->sources[which]),
                                                    self->decimals));
              return;
            }
          amounts[which].present = TRUE;
        }
    }

  /* The schema cannot say which sources a template has: every one of them
   * is written, so a missing one means a damaged file. */
  for (guint i = 0; i < self->n_source_names && !self->newer; i++)
    if (!amounts[i].present)
      {
        guint line, column;

        frame_place (self, frame, &line, &column);
        clear_validity (self);
        fail (self, JX_XML_ERROR_INVALID, "schema", line, column, jx_node_get_id (frame->node),
              self->sources[i]->id,
              g_strdup_printf (_("The project has no amount “%s” (%s), which its table's template "
                                 "“%s” has. Add it, such as %s=\"0.00\", in a text editor."),
                               self->sources[i]->xml_name, jx_field_get_label (self->sources[i]),
                               jx_template_get_id (jx_document_get_template (self->document)),
                               self->sources[i]->xml_name));
        return;
      }

  if (!attach (self, frame, "p", parent))
    return;

  for (guint i = 0; i < self->n_source_names; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!amounts[i].present)
        continue;
      if (!jx_project_check_source (project, i, amounts[i].value, &error))
        {
          g_autofree char *shown = jx_money_to_decimal_at (amounts[i].value, self->decimals);

          clear_validity (self);
          fail_at_attribute (self, frame, self->sources[i]->id, JX_XML_ERROR_AMOUNT, "amount",
                             g_strdup_printf (_("The amount “%s” of %s makes a total too large to hold. "
                                                "Correct it in a text editor."),
                                              shown, jx_field_get_label (self->sources[i])));
          return;
        }
      jx_project_set_source (project, i, amounts[i].value);
    }
}

static void
start_indicator (Loader *self,
                 Frame  *frame,
                 JxNode *parent)
{
  g_autoptr(JxIndicator) indicator = NULL;
  const xmlChar *name;
  const char *v;
  gboolean has_id = FALSE;
  char *extras[G_N_ELEMENTS (self->n_extras)] = { NULL, };   /* format 2 only */

  /* The codes go to the constructor, which saves two notifications on
   * the commonest element of all. */
  g_string_truncate (self->scratch[0], 0);
  g_string_truncate (self->scratch[1], 0);
  g_string_truncate (self->scratch[2], 0);
  for (guint i = 0; next_attribute (self, &i, &name, &v);)
    {
      if (name_is (name, self->n_id))
        {
          g_string_assign (self->scratch[0], v);
          has_id = TRUE;
        }
      else if (name_is (name, self->n_category))
        g_string_assign (self->scratch[1], v);
      else if (name_is (name, self->n_subcategory))
        g_string_assign (self->scratch[2], v);
      else
        for (guint k = 0; k < self->n_extra_names; k++)
          if (name_is (name, self->n_extras[k]))
            {
              g_free (extras[k]);
              extras[k] = g_strdup (v);
            }
    }

  indicator = jx_indicator_new (self->scratch[1]->str, self->scratch[2]->str, NULL);
  for (guint k = 0; k < self->n_extra_names; k++)
    if (extras[k] != NULL)
      {
        jx_indicator_set_field (indicator, self->extra_ids[k], extras[k]);
        g_free (extras[k]);
      }
  frame->node = JX_NODE (indicator);
  if (has_id)
    jx_node_set_id (frame->node, self->scratch[0]->str);
  attach (self, frame, "i", parent);
}

static void
start_annotation (Loader *self,
                  Frame  *frame,
                  JxNode *parent)
{
  g_autoptr(JxAnnotation) annotation = jx_annotation_new (NULL, NULL, NULL, NULL, NULL);
  const xmlChar *name;
  const char *v;

  frame->node = JX_NODE (annotation);
  for (guint i = 0; next_attribute (self, &i, &name, &v);)
    {
      if (name_is (name, self->n_id))
        jx_node_set_id (frame->node, v);
      else if (name_is (name, self->n_target))
        jx_annotation_set_target (annotation, v);
      else if (name_is (name, self->n_field))
        jx_annotation_set_field (annotation, v);
      else if (name_is (name, self->n_author) && check_text_length (self, frame, "author", v))
        jx_annotation_set_author (annotation, v);
      else if (name_is (name, self->n_time))
        jx_annotation_set_time (annotation, v);
      else if (name_is (name, self->n_resolved))
        jx_annotation_set_resolved (annotation, g_str_equal (v, "true") || g_str_equal (v, "1"));
    }
  attach (self, frame, "a", parent);
}

/* <previous year="2024" …> of the node of @frame: the year, then last
 * year's values held in attributes (jx-previous.h); the others are this
 * year's. */
static void
start_previous (Loader *self,
                Frame  *frame)
{
  const char *year_text = get_attribute (self, self->n_year);
  const xmlChar *name;
  const char *v;
  guint n_fields;
  const JxField * const *fields = jx_node_get_previous_fields (frame->node, &n_fields);
  gint64 year;

  if (year_text == NULL || !parse_int (year_text, 1, 9999, &year))
    {
      g_autofree char *shown = year_text ? quotable (year_text) : NULL;

      if (self->newer)
        return;
      clear_validity (self);
      if (shown == NULL)
        {
          guint line, column;

          frame_place (self, frame, &line, &column);
          fail (self, JX_XML_ERROR_INVALID, "schema", line, column, jx_node_get_id (frame->node), "year",
                g_strdup (_("Last year’s values (<previous>) do not say their year (a year attribute). "
                            "Add it in a text editor.")));
        }
      else
        fail_at_attribute (self, frame, "year", JX_XML_ERROR_INVALID, "schema",
                           g_strdup_printf (_("The year “%s” of last year’s values is not a year between 1 and "
                                              "9999. Correct it in a text editor."), shown));
      return;
    }
  /* What the element leaves out is the same as the node's own value, which
   * is read by now: <previous> is the node's last field. */
  jx_node_record_previous (frame->node, (int) year);

  for (guint i = 0; next_attribute (self, &i, &name, &v);)
    {
      for (guint f = 0; f < n_fields; f++)
        {
          const JxField *field = fields[f];
          JxMoney amount;

          if (field->xml_element || !jx_field_has_previous (field) || !g_str_equal (field->xml_name, (const char *) name))
            continue;
          if (field->kind == JX_FIELD_MONEY && !jx_money_from_decimal_at (v, strlen (v), self->decimals, &amount))
            {
              g_autofree char *shown = quotable (v);

              clear_validity (self);
              fail_at_attribute (self, frame, field->id, JX_XML_ERROR_AMOUNT, "amount",
                                 g_strdup_printf (_("Last year’s amount “%s” of %s is not a number with two "
                                                    "decimals such as 1234.50. Correct it in a text editor."),
                                                  shown, jx_field_get_label (field)));
              return;
            }
          if (field->kind == JX_FIELD_BOOLEAN)
            v = g_str_equal (v, "true") || g_str_equal (v, "1") ? "true" : "false";
          jx_node_set_previous (frame->node, field, v);
          break;
        }
    }
}

/* The field of last year's values held in an element called @name. */
static const JxField *
previous_element_field (JxNode        *node,
                        const xmlChar *name)
{
  guint n_fields;
  const JxField * const *fields = jx_node_get_previous_fields (node, &n_fields);

  for (guint f = 0; f < n_fields; f++)
    if (fields[f]->xml_element && jx_field_has_previous (fields[f]) &&
        g_str_equal (fields[f]->xml_name, (const char *) name))
      return fields[f];
  return NULL;
}

/* What an element called @name is, inside an element of @parent_kind. */
static Kind
classify (Loader        *self,
          Kind           parent_kind,
          const xmlChar *name,
          TextField     *field)
{
  switch (parent_kind)
    {
    case KIND_TABLE:
      if (name_is (name, self->n_funding_unit))
        return KIND_UNIT;
      if (name_is (name, self->n_previous))
        return KIND_PREVIOUS;
      if (name_is (name, self->n_department))
        return (*field = FIELD_DEPARTMENT, KIND_TEXT);
      if (name_is (name, self->n_title))
        return (*field = FIELD_TITLE, KIND_TEXT);
      if (name_is (name, self->n_annotations))
        return KIND_ANNOTATIONS;
      break;
    case KIND_UNIT:
      if (name_is (name, self->n_project))
        return KIND_PROJECT;
      if (name_is (name, self->n_previous))
        return KIND_PREVIOUS;
      break;
    case KIND_PROJECT:
      if (name_is (name, self->n_indicator))
        return KIND_INDICATOR;
      if (name_is (name, self->n_previous))
        return KIND_PREVIOUS;
      if (name_is (name, self->n_name))
        return (*field = FIELD_PROJECT_NAME, KIND_TEXT);
      if (name_is (name, self->n_goal))
        return (*field = FIELD_GOAL, KIND_TEXT);
      if (name_is (name, self->n_cycle_goal))
        return (*field = FIELD_CYCLE_GOAL, KIND_TEXT);
      break;
    case KIND_INDICATOR:
      if (name_is (name, self->n_previous))
        return KIND_PREVIOUS;
      if (name_is (name, self->n_name))
        return (*field = FIELD_INDICATOR_NAME, KIND_TEXT);
      if (name_is (name, self->n_cycle_value))
        return (*field = FIELD_CYCLE_VALUE, KIND_TEXT);
      if (name_is (name, self->n_annual_value))
        return (*field = FIELD_ANNUAL_VALUE, KIND_TEXT);
      if (name_is (name, self->n_explanation))
        return (*field = FIELD_EXPLANATION, KIND_TEXT);
      break;
    case KIND_ANNOTATIONS:
      if (name_is (name, self->n_annotation))
        return KIND_ANNOTATION;
      break;
    case KIND_ANNOTATION:
      if (name_is (name, self->n_text))
        return (*field = FIELD_ANNOTATION_TEXT, KIND_TEXT);
      if (name_is (name, self->n_annotation))
        return KIND_ANNOTATION;
      break;
    case KIND_SKIP:
    case KIND_TEXT:
    default:
      break;
    }
  return KIND_SKIP;
}

static void
set_text (Frame      *frame,
          const char *text)
{
  switch (frame->field)
    {
    case FIELD_DEPARTMENT:
      jx_document_set_department (JX_DOCUMENT (frame->node), text);
      break;
    case FIELD_TITLE:
      jx_document_set_title (JX_DOCUMENT (frame->node), text);
      break;
    case FIELD_PROJECT_NAME:
      jx_project_set_name (JX_PROJECT (frame->node), text);
      break;
    case FIELD_GOAL:
      jx_project_set_goal (JX_PROJECT (frame->node), text);
      break;
    case FIELD_CYCLE_GOAL:
      jx_project_set_cycle_goal (JX_PROJECT (frame->node), text);
      break;
    case FIELD_INDICATOR_NAME:
      jx_indicator_set_name (JX_INDICATOR (frame->node), text);
      break;
    case FIELD_CYCLE_VALUE:
      jx_indicator_set_cycle_value (JX_INDICATOR (frame->node), text);
      break;
    case FIELD_ANNUAL_VALUE:
      jx_indicator_set_annual_value (JX_INDICATOR (frame->node), text);
      break;
    case FIELD_EXPLANATION:
      jx_indicator_set_field (JX_INDICATOR (frame->node), "explanation", text);
      break;
    case FIELD_ANNOTATION_TEXT:
      jx_annotation_set_text (JX_ANNOTATION (frame->node), text);
      break;
    case FIELD_PREVIOUS:
      jx_node_set_previous (frame->node, frame->previous, text);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Whether the element just started is in the Jixiao namespace. */
static gboolean
in_namespace (Loader *self)
{
  if (self->elem_ns == NULL)
    return FALSE;
  if (self->elem_ns == self->namespace)
    return TRUE;
  return strcmp (self->elem_ns, JX_XML_NAMESPACE) == 0;
}

/* The element the driver has just described in self->elem_*, whose place
 * is in @start (its kind and node are filled in here). */
static void
on_start_element (Loader *self,
                  Frame  *start)
{
  Frame frame = *start;
  Frame *parent = top_frame (self);
  gboolean empty = self->elem_empty;

  self->ends_since_start = 0;

  if (parent == NULL)
    {
      if (self->seen_root)
        return;
      self->seen_root = TRUE;
      frame.kind = KIND_TABLE;
      start_table (self, &frame);
    }
  else if (parent->kind != KIND_SKIP && parent->kind != KIND_TEXT && in_namespace (self))
    {
      if (parent->kind == KIND_PREVIOUS)
        {
          frame.previous = previous_element_field (parent->node, self->elem_name);
          frame.kind = frame.previous != NULL ? KIND_TEXT : KIND_SKIP;
          frame.field = FIELD_PREVIOUS;
        }
      else
        frame.kind = classify (self, parent->kind, self->elem_name, &frame.field);
      switch (frame.kind)
        {
        case KIND_PREVIOUS:
          frame.node = parent->node;
          start_previous (self, &frame);
          break;
        case KIND_UNIT:
          start_unit (self, &frame, parent->node);
          break;
        case KIND_PROJECT:
          start_project (self, &frame, parent->node);
          break;
        case KIND_INDICATOR:
          start_indicator (self, &frame, parent->node);
          break;
        case KIND_ANNOTATIONS:
          frame.node = parent->node;
          break;
        case KIND_ANNOTATION:
          start_annotation (self, &frame, parent->node);
          break;
        case KIND_TEXT:
          frame.node = parent->node;
          if (!empty)
            {
              self->text_depth = self->stack->len;
              g_string_truncate (self->text, 0);
            }
          /* An empty element is an empty text, which every field starts as. */
          break;
        case KIND_SKIP:
        case KIND_TABLE:
        default:
          break;
        }
    }

  self->current = frame;
  if (empty)
    {
      self->last_closed = frame;
      self->closing = frame;
      self->has_closing = TRUE;
    }
  else
    g_array_append_val (self->stack, frame);
}

static void
on_end_element (Loader *self)
{
  Frame *frame = top_frame (self);

  self->ends_since_start++;
  if (frame == NULL)
    return;
  if (frame->kind == KIND_TEXT && self->text_depth == (int) self->stack->len - 1)
    {
      if (check_text_length (self, frame, NULL, self->text->str))
        set_text (frame, self->text->str);
      self->text_depth = -1;
    }
  self->last_closed = *frame;
  self->current = *frame;
  self->closing = *frame;
  self->has_closing = TRUE;
  g_array_set_size (self->stack, self->stack->len - 1);
}

/* The place of the first byte of @data that is not UTF-8, if there is one. */
static gboolean
find_invalid_utf8 (const char *data,
                   gsize       len,
                   guint      *line,
                   guint      *column)
{
  const char *end;
  const char *line_start = data;

  if (g_utf8_validate_len (data, len, &end))
    return FALSE;
  *line = 1;
  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = g_utf8_strlen (line_start, end - line_start) + 1;
  return TRUE;
}

/* Whether @line:@column is at (or past) the end of what the data holds. */
static gboolean
at_end_of_data (Loader *self,
                guint   line,
                guint   column)
{
  gsize end, line_start;
  guint last = 1;

  ensure_data (self, 0);
  end = self->len;

  while (end > 0 && is_xml_blank (self->data[end - 1]))
    end--;
  for (const char *p = self->data; (p = memchr (p, '\n', self->data + end - p)) != NULL; p++)
    last++;
  line_start = end;
  while (line_start > 0 && self->data[line_start - 1] != '\n')
    line_start--;
  return line > last ||
         (line == last && column > (guint) g_utf8_strlen (self->data + line_start, end - line_start));
}

static void
report_syntax_error (Loader *self)
{
  guint line = self->syntax_line, column = self->syntax_column;
  const char *detail = self->syntax_message ? self->syntax_message : "";
  char *sentence;

  switch (self->syntax_code)
    {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
      ensure_data (self, 0);
      if (find_invalid_utf8 (self->data, self->len, &line, &column))
        {
          sentence = g_strdup (_("The file is not valid UTF-8 text here, and Jixiao files always are: "
                                 "it is damaged or is not a Jixiao file."));
          break;
        }
      sentence = g_strdup_printf (_("The file holds a character that XML does not allow (%s): it is damaged "
                                    "or is not a Jixiao file. Correct it in a text editor, or restore a backup."),
                                  detail);
      break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_LOOP:
      sentence = g_strdup_printf (_("The file uses the entity “&%s;”, which Jixiao files never contain. "
                                    "Replace it with the character it stands for in a text editor."),
                                  self->syntax_str1 ? self->syntax_str1 : "");
      break;
    default:
      if (strstr (detail, "Excessive depth") != NULL)
        {
          sentence = g_strdup (_("The file nests elements hundreds of levels deep, which no Jixiao table does: "
                                 "it is damaged or is not a Jixiao file."));
          break;
        }
      if (strstr (detail, "Huge input lookup") != NULL || strstr (detail, "huge text") != NULL ||
          strstr (detail, "too long") != NULL || strstr (detail, "too big") != NULL)
        {
          sentence = g_strdup (_("The file holds a text or a name far longer than any table needs: "
                                 "it is damaged or is not a Jixiao file."));
          break;
        }
      /* A file cut short ends inside an element: libxml2 then complains
       * at the very end of the data. */
      if (self->seen_root && line > 0 &&
          (self->syntax_code == XML_ERR_TAG_NOT_FINISHED || at_end_of_data (self, line, column)))
        sentence = g_strdup (_("The file ends in the middle of the table: it was probably cut short "
                               "while being saved or copied. Restore a backup."));
      else
        sentence = g_strdup_printf (_("The file is not well-formed XML (%s). It may be damaged; restore a backup, "
                                      "or correct it in a text editor."),
                                    detail);
      break;
    }
  fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", line, column, NULL, NULL, sentence);
}

/* The declared encoding in the XML declaration at @decl ("<?xml …?>",
 * @len bytes), or NULL; *at is set to its offset from @decl. */
static char *
declared_encoding (const char *decl,
                   gsize       len,
                   gsize      *at)
{
  for (gsize i = 0; i + 8 < len; i++)
    {
      gsize p = i + 8;
      char quote;
      gsize start;

      if (memcmp (decl + i, "encoding", 8) != 0 || (i > 0 && !is_xml_blank (decl[i - 1])))
        continue;
      while (p < len && is_xml_blank (decl[p]))
        p++;
      if (p >= len || decl[p++] != '=')
        return NULL;
      while (p < len && is_xml_blank (decl[p]))
        p++;
      if (p >= len || (decl[p] != '"' && decl[p] != '\''))
        return NULL;
      quote = decl[p++];
      start = p;
      while (p < len && decl[p] != quote)
        p++;
      *at = i;
      return g_strndup (decl + start, p - start);
    }
  return NULL;
}

/* Looks at what comes before the root element without parsing it: a DOCTYPE
 * (which could declare entities) is refused before libxml2 sees any of it,
 * and so is a file that is empty, not XML at all, or not UTF-8. */
static gboolean
check_prolog (Loader *self)
{
  const guchar *d = (const guchar *) self->data;
  gsize len = self->len, p = 0, line_start = 0;
  guint line = 1;

  if (len == 0)
    {
      fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", 1, 1, NULL, NULL,
            g_strdup (_("The file is empty. It may have been cut short while being saved or copied; "
                        "restore a backup.")));
      return FALSE;
    }
  if ((len >= 2 && ((d[0] == 0xFE && d[1] == 0xFF) || (d[0] == 0xFF && d[1] == 0xFE))) ||
      d[0] == 0 || (len >= 2 && d[1] == 0))
    {
      fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", 1, 1, NULL, NULL,
            g_strdup (_("The file is not UTF-8 text (it looks like UTF-16 or binary data), and Jixiao files "
                        "always are: it is not a Jixiao file, or it was converted by another program.")));
      return FALSE;
    }
  if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
    p = 3;

  while (p < len)
    {
      gsize from = p;

      if (is_xml_blank (d[p]))
        p++;
      else if (len - p >= 2 && memcmp (d + p, "<?", 2) == 0)
        {
          g_autofree char *encoding = NULL;
          gsize at = 0;

          p = skip_past (self, p + 2, "?>");
          if (len - from >= 6 && memcmp (d + from, "<?xml", 5) == 0 && is_xml_blank (d[from + 5]) &&
              (encoding = declared_encoding (self->data + from, p - from, &at)) != NULL &&
              g_ascii_strcasecmp (encoding, "UTF-8") != 0 && g_ascii_strcasecmp (encoding, "UTF8") != 0)
            {
              g_autofree char *shown = quotable (encoding);
              guint column = g_utf8_strlen (self->data + line_start, from + at - line_start) + 1;

              fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", line, column, NULL, NULL,
                    g_strdup_printf (_("The file says it is in the encoding “%s”, and Jixiao files are always "
                                       "UTF-8. Convert it to UTF-8 (and say so in its first line), then open "
                                       "it again."),
                                     shown));
              return FALSE;
            }
        }
      else if (len - p >= 4 && memcmp (d + p, "<!--", 4) == 0)
        p = skip_past (self, p + 4, "-->");
      else if (len - p >= 9 && memcmp (d + p, "<!DOCTYPE", 9) == 0)
        {
          guint column = g_utf8_strlen (self->data + line_start, p - line_start) + 1;

          fail (self, JX_XML_ERROR_DOCTYPE, "doctype", line, column, NULL, NULL,
                g_strdup (_("The file has a DOCTYPE declaration, which the Jixiao format never has; "
                            "this file may be unsafe (a DOCTYPE can make a program read other files or "
                            "exhaust its memory), so it was not opened. If you trust it, remove the "
                            "declaration in a text editor.")));
          return FALSE;
        }
      else
        break;
      for (gsize i = from; i < p; i++)
        if (d[i] == '\n')
          {
            line++;
            line_start = i + 1;
          }
    }

  if (p >= len)
    {
      fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", line,
            g_utf8_strlen (self->data + line_start, len - line_start) + 1, NULL, NULL,
            g_strdup (_("The file is empty. It may have been cut short while being saved or copied; "
                        "restore a backup.")));
      return FALSE;
    }
  if (d[p] != '<')
    {
      fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", line,
            g_utf8_strlen (self->data + line_start, p - line_start) + 1, NULL, NULL,
            g_strdup (_("This is not a Jixiao document: it is not XML at all. Choose a .jixiao file.")));
      return FALSE;
    }
  return TRUE;
}

/* libxml2's reader hands its parser 512 bytes at a time and each time scans
 * the text not parsed yet for the last '<', so a single run of text without
 * markup costs quadratic time: half a second for 1 MB, half a minute for
 * 10 MB (where libxml2 gives up anyway). No table has a text anywhere near
 * that long, so such a file is refused before it is parsed. */
#define MAX_TEXT_RUN JX_XML_MAX_TEXT_RUN

static gboolean
check_text_runs (Loader *self)
{
  const gsize block = MAX_TEXT_RUN / 2;

  /* A run longer than MAX_TEXT_RUN covers a whole aligned block of half
   * that size, so only a block without any '<' needs a closer look; this
   * costs a handful of short memchr() calls for a normal file. */
  for (gsize start = 0; start < self->len; start += block)
    {
      gsize size = MIN (block, self->len - start);
      const char *lt, *from, *to;
      gsize at;

      if (size < block || memchr (self->data + start, '<', size) != NULL)
        continue;
      from = self->data + start;
      while (from > self->data && from[-1] != '<')
        from--;
      lt = memchr (self->data + start + size, '<', self->len - start - size);
      to = lt ? lt : self->data + self->len;
      if ((gsize) (to - from) <= MAX_TEXT_RUN)
        continue;

      at = from > self->data ? (gsize) (from - self->data) - 1 : 0;
      count_lines (self, at);
      fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", self->line,
            column_at (self, self->line_start, at), NULL, NULL,
            g_strdup (_("The file holds a text far longer than any table needs (more than a million "
                        "characters in one piece): it is damaged or is not a Jixiao file.")));
      return FALSE;
    }
  return TRUE;
}

static void
loader_intern_names (Loader *self)
{
#define INTERN(field, name) self->field = intern (self, name)
  INTERN (n_table, "table");
  INTERN (n_department, "department");
  INTERN (n_title, "title");
  INTERN (n_funding_unit, "funding-unit");
  INTERN (n_project, "project");
  INTERN (n_name, "name");
  INTERN (n_goal, "goal");
  INTERN (n_indicator, "indicator");
  INTERN (n_cycle_value, "cycle-value");
  INTERN (n_annual_value, "annual-value");
  INTERN (n_annotations, "annotations");
  INTERN (n_annotation, "annotation");
  INTERN (n_text, "text");
  INTERN (n_id, "id");
  INTERN (n_format, "format");
  INTERN (n_year, "year");
  INTERN (n_unit, "unit");
  INTERN (n_taxonomy, "taxonomy");
  INTERN (n_confidential, "confidential");
  INTERN (n_category, "category");
  INTERN (n_subcategory, "subcategory");
  INTERN (n_target, "target");
  INTERN (n_field, "field");
  INTERN (n_author, "author");
  INTERN (n_time, "time");
  INTERN (n_resolved, "resolved");
  INTERN (n_template, "template");
  INTERN (n_decimals, "decimals");
  INTERN (n_cycle_goal, "cycle-goal");
  INTERN (n_explanation, "explanation");
  INTERN (n_previous, "previous");
#undef INTERN
  for (const char * const *id = jx_indicator_extra_field_ids (); *id != NULL; id++)
    {
      const JxField *field = jx_field_lookup (JX_FIELD_OWNER_INDICATOR, *id);

      if (field->xml_element)
        continue;
      g_assert (self->n_extra_names < G_N_ELEMENTS (self->n_extras));
      self->extra_ids[self->n_extra_names] = field->id;
      self->n_extras[self->n_extra_names++] = intern (self, field->xml_name);
    }
  loader_use_template (self, jx_template_get_default ());
}

/* ------------------------------------------------------------------------
 * The first pass: libxml2's SAX2 parser, the schema walk and the builder
 *
 * A valid table, which is nearly every file opened, is read here in one
 * parse without building any libxml2 tree (the reader builds and frees a
 * node for every element and text, which costs as much as the parse). The
 * pass only ever succeeds on a file it reads exactly as the reader's pass
 * would: anything invalid, and anything unusual that the two could read
 * differently (a newer format, a comment, processing instruction or CDATA
 * section inside a text, any error or entity) leaves the file to the
 * reader's pass, with libxml2's validator, which reports the first problem
 * with its place. tests/test-schema.c loads every document of its corpus
 * both ways and holds the tables equal.
 * ------------------------------------------------------------------------ */

/* How much of the data the parser is handed at a time: its own buffer
 * holds a chunk, never the file. */
#define SAX_CHUNK (256 * 1024)

/* The parse and the builder run on two threads, as a pipeline: the parser
 * thread (libxml2, the schema walk, the places of elements) writes what it
 * reads as events into blocks that the loading thread (the builder, which
 * makes the model's objects) reads in turn. Blocks are recycled, and no
 * more than BLOCKS_AHEAD are ever filled ahead of the builder, so the
 * events of a whole file are never held. Names are the parser's dictionary
 * strings, which stay where they are; values and text are copied.
 *
 * The block size follows the file (a fuzzed file of a few kilobytes passes
 * through several blocks, as a city's table does). */
#define BLOCK_MIN (512)
#define BLOCK_MAX (64 * 1024)
#define BLOCKS_AHEAD 8

typedef enum
{
  EVENT_START,
  EVENT_END,
  EVENT_TEXT,
} EventType;

typedef struct
{
  guint32        type;
  guint32        size;       /* of the whole event, aligned */
} Event;

typedef struct
{
  Event          event;
  guint32        n_attrs;
  gboolean       empty;
  gsize          offset;     /* of its '<' */
  gsize          line_start;
  guint          line;
  const xmlChar *name;
  const char    *ns;
  JxXmlAttr      attrs[];    /* the values follow */
} StartEvent;

typedef struct
{
  Event          event;
  guint32        len;
  char           text[];
} TextEvent;

typedef struct _Block
{
  gsize          size;       /* of data[] */
  gsize          used;
  gboolean       last;       /* the parser is done */
  guint64        data[];     /* aligned for every event */
} Block;

#define EVENT_ALIGN(n) (((n) + 7) & ~(gsize) 7)

static Block *
block_new (gsize size)
{
  Block *block = g_malloc (sizeof (Block) + size);

  block->size = size;
  block->used = 0;
  block->last = FALSE;
  return block;
}

/* The parser thread's room for an event of @size bytes: the current block,
 * or the next one once it is full (which the builder then gets). */
static Event *
event_room (Loader *self,
            gsize   size)
{
  Block *block = self->filling;

  if (block != NULL && block->size - block->used < size)
    {
      g_async_queue_push (self->filled, block);
      block = self->filling = NULL;
    }
  if (block == NULL)
    {
      /* An event larger than a block has one of its own. */
      block = self->filling = size > self->block_size ? block_new (size)
                                                      : g_async_queue_pop (self->empty_blocks);
      block->used = 0;
      block->last = FALSE;
    }
  block->used += size;
  return (Event *) ((char *) block->data + block->used - size);
}

static void
sax_bail (Loader *self)
{
  g_atomic_int_set (&self->bail, TRUE);
  xmlStopParser (self->ctxt);
}

static gboolean
sax_stopped (Loader *self)
{
  if (!g_atomic_int_get (&self->bail))
    return FALSE;
  xmlStopParser (self->ctxt);
  return TRUE;
}

static void
sax_start (void           *data,
           const xmlChar  *name,
           const xmlChar  *prefix,
           const xmlChar  *uri,
           int             n_namespaces,
           const xmlChar **namespaces,
           int             n_attributes,
           int             n_defaulted,
           const xmlChar **attributes)
{
  Loader *self = data;
  xmlParserInputPtr input = self->ctxt->input;
  StartEvent *event;
  gsize end, at, size;
  char *values;

  if (sax_stopped (self))
    return;
  /* The parser stands on the "/>" or '>' that ends the tag, and its '<' is
   * the last one before: a tag holds no other. */
  end = input->consumed + (input->cur - input->base);
  if (end >= self->len || (self->data[end] != '>' && self->data[end] != '/') || end <= self->counted)
    {
      sax_bail (self);
      return;
    }
  for (at = end; at > self->counted && self->data[at] != '<'; at--)
    ;
  if (self->data[at] != '<' || (at == self->counted && self->started))
    {
      sax_bail (self);
      return;
    }
  self->started = TRUE;
  count_lines (self, at);

  /* The event first, its attributes' values copied into it: the walk
   * reads them there. */
  size = sizeof (StartEvent) + n_attributes * sizeof (JxXmlAttr);
  for (int i = 0; i < n_attributes; i++)
    size += attributes[5 * i + 4] - attributes[5 * i + 3] + 1;
  size = EVENT_ALIGN (size);
  event = (StartEvent *) event_room (self, size);
  event->event.type = EVENT_START;
  event->event.size = size;
  event->n_attrs = n_attributes;
  event->empty = self->data[end] == '/';
  event->offset = at;
  event->line_start = self->line_start;
  event->line = self->line;
  event->name = name;
  event->ns = (const char *) uri;
  values = (char *) &event->attrs[n_attributes];
  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      gsize len = a[4] - a[3];

      event->attrs[i].name = (const char *) a[0];
      event->attrs[i].ns = (const char *) a[2];
      event->attrs[i].value = values;
      memcpy (values, a[3], len);
      values[len] = '\0';
      values += len + 1;
    }
  jx_xml_check_start_element (self->check, (const char *) name, (const char *) uri,
                              event->attrs, event->n_attrs);
  if (!jx_xml_check_ok (self->check))
    {
      sax_bail (self);
      return;
    }
  release_data (self);
}

static void
sax_end (void          *data,
         const xmlChar *name,
         const xmlChar *prefix,
         const xmlChar *uri)
{
  Loader *self = data;
  Event *event;

  if (sax_stopped (self))
    return;
  jx_xml_check_end_element (self->check);
  if (!jx_xml_check_ok (self->check))
    {
      sax_bail (self);
      return;
    }
  event = event_room (self, sizeof (Event));
  event->type = EVENT_END;
  event->size = sizeof (Event);
}

static void
sax_text (void          *data,
          const xmlChar *text,
          int            len)
{
  Loader *self = data;
  TextEvent *event;
  gsize size;

  if (sax_stopped (self))
    return;
  jx_xml_check_text (self->check, (const char *) text, len);
  if (!jx_xml_check_ok (self->check))
    {
      sax_bail (self);
      return;
    }
  /* Blanks between elements are nobody's text. */
  if (!jx_xml_check_in_text (self->check))
    return;
  size = EVENT_ALIGN (sizeof (TextEvent) + len);
  event = (TextEvent *) event_room (self, size);
  event->event.type = EVENT_TEXT;
  event->event.size = size;
  event->len = len;
  memcpy (event->text, text, len);
}

/* A CDATA section: text, which the reader's pass reads alike except inside
 * a text field (where it keeps or drops blanks around it by rules of its
 * own). */
static void
sax_cdata (void          *data,
           const xmlChar *text,
           int            len)
{
  Loader *self = data;

  if (jx_xml_check_in_text (self->check))
    sax_bail (self);
  else
    sax_text (data, text, len);
}

static void
sax_comment (void          *data,
             const xmlChar *text)
{
  Loader *self = data;

  if (jx_xml_check_in_text (self->check))
    sax_bail (self);
}

static void
sax_pi (void          *data,
        const xmlChar *target,
        const xmlChar *text)
{
  sax_comment (data, NULL);
}

static void
sax_unusual (void          *data,
             const xmlChar *name,
             const xmlChar *external_id,
             const xmlChar *system_id)
{
  sax_bail (data);
}

static void
sax_reference (void          *data,
               const xmlChar *name)
{
  sax_bail (data);
}

static void
sax_error (void        *data,
           xmlErrorPtr  error)
{
  if (error->level != XML_ERR_NONE && error->level != XML_ERR_WARNING)
    sax_bail (data);
}

/* The parser thread. */
static gpointer
sax_parse (gpointer data)
{
  Loader *self = data;
  Block *last;

  /* libxml2's error handlers are the thread's own: nothing reaches
   * stderr from here either. */
  xmlSetStructuredErrorFunc (self, sax_error);
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);

  for (gsize pos = 0; pos < self->len && !g_atomic_int_get (&self->bail); pos += SAX_CHUNK)
    xmlParseChunk (self->ctxt, self->data + pos, (int) MIN (SAX_CHUNK, self->len - pos), 0);
  if (!g_atomic_int_get (&self->bail))
    xmlParseChunk (self->ctxt, NULL, 0, 1);
  if (!self->ctxt->wellFormed || !jx_xml_check_end (self->check))
    g_atomic_int_set (&self->bail, TRUE);

  /* The block being filled goes last, or an empty one says the end. */
  if ((last = self->filling) == NULL)
    {
      last = g_async_queue_pop (self->empty_blocks);
      last->used = 0;
    }
  self->filling = NULL;
  last->last = TRUE;
  g_async_queue_push (self->filled, last);
  return NULL;
}

/* The builder's side: the events of @block. */
static void
build_block (Loader *self,
             Block  *block)
{
  const char *p = (const char *) block->data;
  const char *end = p + block->used;

  while (p < end && !self->failed && !self->newer)
    {
      const Event *event = (const Event *) p;

      switch (event->type)
        {
        case EVENT_START:
          {
            const StartEvent *start = (const StartEvent *) event;
            Frame frame = { KIND_SKIP, 0, NULL, NULL, start->offset, start->line_start, start->line };

            self->elem_name = start->name;
            self->elem_ns = start->ns;
            self->elem_empty = start->empty;
            self->cur_attrs = start->attrs;
            self->n_cur_attrs = start->n_attrs;
            on_start_element (self, &frame);
            self->skip_end = start->empty;
          }
          break;
        case EVENT_END:
          /* An empty element was never opened in the builder's stack. */
          if (self->skip_end)
            self->skip_end = FALSE;
          else
            on_end_element (self);
          break;
        case EVENT_TEXT:
          if (self->text_depth >= 0)
            g_string_append_len (self->text, ((const TextEvent *) event)->text, ((const TextEvent *) event)->len);
          break;
        default:
          g_assert_not_reached ();
        }
      p += event->size;
    }
  if (self->failed || self->newer)
    g_atomic_int_set (&self->bail, TRUE);
}

static void
loader_run_sax (Loader     *self,
                const char *origin)
{
  xmlSAXHandler sax;
  GThread *thread;
  gboolean last = FALSE;

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = sax_start;
  sax.endElementNs = sax_end;
  sax.characters = sax_text;
  sax.ignorableWhitespace = sax_text;
  sax.cdataBlock = sax_cdata;
  sax.comment = sax_comment;
  sax.processingInstruction = sax_pi;
  sax.internalSubset = sax_unusual;
  sax.externalSubset = sax_unusual;
  sax.reference = sax_reference;
  sax.serror = sax_error;

  self->ctxt = xmlCreatePushParserCtxt (&sax, self, NULL, 0, origin);
  if (self->ctxt == NULL)
    {
      self->bail = TRUE;
      return;
    }
  xmlCtxtUseOptions (self->ctxt, JX_XML_SAX_OPTIONS);
  /* Every name the builder compares, from the dictionary before the parser
   * thread uses it (a template's names come later, and compare by text). */
  loader_intern_names (self);
  self->dict_busy = TRUE;

  self->block_size = CLAMP (self->len / 16, BLOCK_MIN, BLOCK_MAX);
  self->filled = g_async_queue_new ();
  self->empty_blocks = g_async_queue_new_full (g_free);
  for (guint i = 0; i < BLOCKS_AHEAD; i++)
    g_async_queue_push (self->empty_blocks, block_new (self->block_size));

  thread = g_thread_new ("jx-load", sax_parse, self);
  while (!last)
    {
      Block *block = g_async_queue_pop (self->filled);

      if (!g_atomic_int_get (&self->bail))
        build_block (self, block);
      last = block->last;
      if (block->size == self->block_size)
        g_async_queue_push (self->empty_blocks, block);
      else
        g_free (block);
    }
  g_thread_join (thread);
  self->dict_busy = FALSE;
  self->cur_attrs = NULL;
  self->n_cur_attrs = 0;
  if (!self->seen_root)
    self->bail = TRUE;
}

/* ------------------------------------------------------------------------
 * The second pass: libxml2's reader with its RelaxNG validator
 * ------------------------------------------------------------------------ */

/* Describes the element the reader is on in self->elem_*. */
static void
reader_describe_element (Loader *self)
{
  xmlTextReaderPtr r = self->reader;
  xmlNodePtr node = xmlTextReaderCurrentNode (r);

  self->elem_name = xmlTextReaderConstLocalName (r);
  self->elem_ns = node->ns != NULL ? (const char *) node->ns->href : NULL;
  self->elem_empty = xmlTextReaderIsEmptyElement (r) == 1;
  g_array_set_size (self->attrs, 0);
  g_string_truncate (self->attr_pool, 0);
  /* Offsets into the pool first: it may move as it grows. */
  while (xmlTextReaderMoveToNextAttribute (r) == 1)
    {
      const char *v = (const char *) xmlTextReaderConstValue (r);
      JxXmlAttr attr;

      if (v == NULL)
        continue;
      attr.name = (const char *) xmlTextReaderConstLocalName (r);
      attr.ns = (const char *) xmlTextReaderConstNamespaceUri (r);
      attr.value = GSIZE_TO_POINTER (self->attr_pool->len);
      g_string_append_len (self->attr_pool, v, strlen (v) + 1);
      g_array_append_val (self->attrs, attr);
    }
  xmlTextReaderMoveToElement (r);
  for (guint i = 0; i < self->attrs->len; i++)
    {
      JxXmlAttr *attr = &g_array_index (self->attrs, JxXmlAttr, i);

      attr->value = self->attr_pool->str + GPOINTER_TO_SIZE (attr->value);
    }
  self->cur_attrs = (const JxXmlAttr *) (void *) self->attrs->data;
  self->n_cur_attrs = self->attrs->len;
}

static void
loader_run_reader (Loader     *self,
                   const char *origin)
{
  xmlRelaxNGPtr schema;
  int ret;

  /* libxml2's validator, its schema parsed once for the program (2 M
   * instructions) and only when a file needs it. */
  if ((schema = get_schema ()) == NULL)
    {
      fail (self, JX_XML_ERROR_INVALID, "schema", 0, 0, NULL, NULL,
            g_strdup (_("The file cannot be checked because the format description built into Jixiao "
                        "is damaged. Reinstall Jixiao.")));
      return;
    }

  /* The data is not copied. The prolog check has refused anything but
   * UTF-8 already, so libxml2's own detection finds UTF-8. */
  self->reader = xmlReaderForMemory (self->data, (int) self->len, origin, NULL, LOAD_OPTIONS);
  if (self->reader == NULL)
    {
      fail (self, JX_XML_ERROR_IO, "io", 0, 0, NULL, NULL,
            g_strdup (_("The file could not be read: the system is short of memory.")));
      return;
    }
  /* The handler first: the schema's validation context copies it. */
  xmlTextReaderSetStructuredErrorHandler (self->reader, on_xml_error, self);
  if (xmlTextReaderRelaxNGSetSchema (self->reader, schema) != 0)
    g_critical ("libxml2 refused the file format schema");
  loader_intern_names (self);

  while ((ret = xmlTextReaderRead (self->reader)) == 1)
    {
      if (self->syntax_error)
        break;
      self->closed = self->closing;
      self->has_closed = self->has_closing;
      self->has_closing = FALSE;
      self->node_type = xmlTextReaderNodeType (self->reader);
      switch (self->node_type)
        {
        case XML_READER_TYPE_ELEMENT:
          {
            Frame frame = { KIND_SKIP, 0, NULL, NULL, G_MAXSIZE, 0, 0 };

            reader_describe_element (self);
            frame.xml_node = xmlTextReaderCurrentNode (self->reader);
            locate_element (self, &frame);
            on_start_element (self, &frame);
            release_data (self);
          }
          break;
        case XML_READER_TYPE_END_ELEMENT:
          on_end_element (self);
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          if (self->text_depth >= 0)
            g_string_append (self->text, (const char *) xmlTextReaderConstValue (self->reader));
          break;
        case XML_READER_TYPE_DOCUMENT_TYPE:
          fail (self, JX_XML_ERROR_DOCTYPE, "doctype", 0, 0, NULL, NULL,
                g_strdup (_("The file has a DOCTYPE declaration, which the Jixiao format never has; "
                            "this file may be unsafe (a DOCTYPE can make a program read other files or "
                            "exhaust its memory), so it was not opened. If you trust it, remove the "
                            "declaration in a text editor.")));
          break;
        default:
          break;
        }
      if (self->failed)
        return;
      flush_validity (self);
      if (self->failed)
        return;
    }

  if (self->syntax_error || ret < 0)
    {
      if (!self->syntax_error)
        {
          self->syntax_error = TRUE;
          self->syntax_line = MAX (0, xmlTextReaderGetParserLineNumber (self->reader));
          self->syntax_column = MAX (0, xmlTextReaderGetParserColumnNumber (self->reader));
        }
      report_syntax_error (self);
      return;
    }
  self->closed = self->closing;
  self->has_closed = self->has_closing;
  flush_validity (self);
  if (self->failed)
    return;
  if (!self->seen_root)
    {
      fail (self, JX_XML_ERROR_MALFORMED, "xml-syntax", 1, 1, NULL, NULL,
            g_strdup (_("The file is empty. It may have been cut short while being saved or copied; "
                        "restore a backup.")));
      return;
    }
  if (!self->newer && xmlTextReaderIsValid (self->reader) != 1)
    fail (self, JX_XML_ERROR_INVALID, "schema", 0, 0, NULL, NULL,
          g_strdup (_("The file does not follow the Jixiao format. Correct it in a text editor, "
                      "or ask whoever made it for a valid file.")));
}

/* The first pass when the walk checks (@self->check), else the second. */
static void
loader_run (Loader     *self,
            const char *origin)
{
  if (!check_prolog (self) || !check_text_runs (self))
    return;
  if (self->check != NULL)
    loader_run_sax (self, origin);
  else
    loader_run_reader (self, origin);
}

static void
loader_clear (Loader *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->batches); i++)
    jx_node_batch_clear (&self->batches[i]);
  g_clear_pointer (&self->check, jx_xml_check_free);
  g_clear_pointer (&self->reader, xmlFreeTextReader);
  g_clear_pointer (&self->ctxt, jx_xml_parser_free);
  g_clear_pointer (&self->filled, g_async_queue_unref);
  g_clear_pointer (&self->empty_blocks, g_async_queue_unref);
  g_clear_pointer (&self->attrs, g_array_unref);
  if (self->attr_pool != NULL)
    g_string_free (self->attr_pool, TRUE);
  g_clear_pointer (&self->reread, g_bytes_unref);
  g_clear_pointer (&self->stack, g_array_unref);
  if (self->text != NULL)
    g_string_free (self->text, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (self->scratch); i++)
    if (self->scratch[i] != NULL)
      g_string_free (self->scratch[i], TRUE);
  g_free (self->syntax_message);
  g_free (self->syntax_str1);
  clear_validity (self);
  g_free (self->rule);
  g_free (self->target);
  g_free (self->field);
  g_free (self->sentence);
}

static GBytes *read_path (const char   *path,
                          struct stat  *st,
                          Mapping     **mapping_out,
                          JxProblem   **problem,
                          GError      **error);

static JxDocument *
load (GBytes      *bytes,
      const char  *origin,
      Mapping     *mapping,
      const char  *path,
      JxXmlPass    pass,
      JxProblem  **problem,
      GError     **error)
{
  Loader self = { 0, };
  g_autoptr(JxDocument) document = NULL;
  xmlStructuredErrorFunc old_structured = xmlStructuredError;
  void *old_structured_context = xmlStructuredErrorContext;
  xmlGenericErrorFunc old_generic = xmlGenericError;
  void *old_generic_context = xmlGenericErrorContext;
  const JxXmlGrammar *grammar = jx_xml_check_get_grammar ();
  g_autoptr(GBytes) again = NULL;
  gboolean walk;

  if (g_bytes_get_size (bytes) > G_MAXINT)
    {
      report (error, problem, JX_XML_ERROR_IO, "io", 0, 0, NULL, NULL,
              _("The file is larger than 2 GB, far more than any table; it is not a Jixiao document."));
      return NULL;
    }

  walk = grammar != NULL && pass != JX_XML_PASS_SECOND;

again:
  document = jx_document_new ();
  memset (&self, 0, sizeof self);
  self.check = walk ? jx_xml_check_new (grammar) : NULL;
  self.document = document;
  self.mapping = mapping;
  self.path = path;
  self.data = g_bytes_get_data (bytes, &self.len);
  if (self.data == NULL)
    self.data = "";
  self.scan_ok = TRUE;
  self.line = 1;
  self.text_depth = -1;
  self.stack = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 8);
  self.text = g_string_sized_new (256);
  self.attrs = g_array_sized_new (FALSE, FALSE, sizeof (JxXmlAttr), 8);
  self.attr_pool = g_string_sized_new (256);
  for (guint i = 0; i < G_N_ELEMENTS (self.scratch); i++)
    self.scratch[i] = g_string_sized_new (32);

  /* Nothing libxml2 says reaches stderr, whatever path it takes. */
  xmlSetStructuredErrorFunc (&self, on_xml_error);
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  loader_run (&self, origin);
  xmlSetStructuredErrorFunc (old_structured_context, old_structured);
  xmlSetGenericErrorFunc (old_generic_context, old_generic);

  /* Anything wrong, found by the walk or the builder: read again with
   * libxml2's validator, so that the first problem in the file is the one
   * reported, with its place, as it always was. */
  if (walk && (self.failed || self.bail))
    {
      if (pass == JX_XML_PASS_FIRST)
        {
          loader_clear (&self);
          return NULL;
        }
      walk = FALSE;
      /* The pages of a big file are given back as the parse goes (and
       * ensure_data() may have read it anew already): read it once more. */
      if (self.mapping != NULL)
        {
          struct stat st;

          loader_clear (&self);
          g_clear_object (&document);
          mapping = NULL;
          if ((again = read_path (path, &st, &mapping, problem, error)) == NULL)
            return NULL;
          bytes = again;
          goto again;
        }
      loader_clear (&self);
      g_clear_object (&document);
      goto again;
    }

  if (self.failed)
    {
      report (error, problem, self.code, self.rule, self.fail_line, self.fail_column,
              self.target, self.field, self.sentence);
      loader_clear (&self);
      return NULL;
    }
  loader_clear (&self);

  jx_history_set_save_point (jx_document_get_history (document));
  if (jx_document_is_read_only (document) && problem != NULL)
    {
      g_autofree char *sentence =
        g_strdup_printf (_("This file was written by a newer Jixiao (format %u; this version writes format %u). "
                           "It is open read-only so that nothing in it is lost; update Jixiao to edit it."),
                         jx_document_get_format (document), JX_FORMAT_NEWEST);

      *problem = jx_problem_new (JX_SEVERITY_WARNING, "format", 1, 0, NULL, NULL, sentence);
    }
  return g_steal_pointer (&document);
}

JxDocument *
jx_xml_load_bytes (GBytes      *bytes,
                   const char  *origin,
                   JxProblem  **problem,
                   GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (problem == NULL || *problem == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (bytes, origin, NULL, NULL, JX_XML_PASS_BOTH, problem, error);
}

JxDocument *
jx_xml_load_bytes_pass (GBytes      *bytes,
                        const char  *origin,
                        JxXmlPass    pass,
                        JxProblem  **problem,
                        GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return load (bytes, origin, NULL, NULL, pass, problem, error);
}


static void
set_read_error (const char  *path,
                int          saved_errno,
                JxProblem  **problem,
                GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *reason = g_strdup_printf ("“%s”: %s", name, g_strerror (saved_errno));
  g_autofree char *sentence =
    g_strdup_printf (_("The file could not be read: %s. Check that it exists and that you may read it."),
                     reason);

  report (error, problem, JX_XML_ERROR_IO, "io", 0, 0, NULL, NULL, sentence);
}

static GBytes *
read_path (const char   *path,
           struct stat  *st,
           Mapping     **mapping_out,
           JxProblem   **problem,
           GError      **error)
{
  Mapping *mapping = NULL;
  char *buffer;
  gsize done = 0;
  int fd, saved_errno;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (path, errno, problem, error);
      return NULL;
    }
  if (fstat (fd, st) != 0 || !S_ISREG (st->st_mode) || (guint64) st->st_size > G_MAXINT)
    {
      saved_errno = errno;
      if (S_ISDIR (st->st_mode))
        saved_errno = EISDIR;
      else if (!S_ISREG (st->st_mode))
        saved_errno = EINVAL;
      else if ((guint64) st->st_size > G_MAXINT)
        saved_errno = EFBIG;
      close (fd);
      set_read_error (path, saved_errno, problem, error);
      return NULL;
    }

  if (st->st_size >= HUGE_READ_SIZE)
    {
      mapping = g_new (Mapping, 1);
      mapping->size = st->st_size;
      mapping->base = mmap (NULL, mapping->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (mapping->base == MAP_FAILED)
        g_clear_pointer (&mapping, g_free);
      else
        madvise (mapping->base, mapping->size, MADV_HUGEPAGE);
    }
  buffer = mapping ? mapping->base : g_malloc (st->st_size + 1);

  while (done < (gsize) st->st_size)
    {
      gssize n = read (fd, buffer + done, st->st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          close (fd);
          if (mapping)
            free_mapping (mapping);
          else
            g_free (buffer);
          set_read_error (path, saved_errno, problem, error);
          return NULL;
        }
      if (n == 0)
        break;
      done += n;
    }
  close (fd);

  if (mapping_out != NULL)
    *mapping_out = mapping;
  if (mapping)
    return g_bytes_new_with_free_func (buffer, done, free_mapping, mapping);
  return g_bytes_new_take (buffer, done);
}

JxDocument *
jx_xml_load_path (const char   *path,
                  struct stat  *st,
                  JxProblem   **problem,
                  GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  Mapping *mapping = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (st != NULL, NULL);
  g_return_val_if_fail (problem == NULL || *problem == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(bytes = read_path (path, st, &mapping, problem, error)))
    return NULL;
  return load (bytes, path, mapping, path, JX_XML_PASS_BOTH, problem, error);
}

JxDocument *
jx_xml_load_file (const char  *path,
                  JxProblem  **problem,
                  GError     **error)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);

  return jx_xml_load_path (path, &st, problem, error);
}
