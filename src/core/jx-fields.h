/* jx-fields.h: the one table of fields: funding sources and the fields of
 * documents, funding units, projects and indicators
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-types.h"

G_BEGIN_DECLS

/*
 * Every layer that names a field — the XML writer and loader, JSON, the
 * validator, the importer, the exporters, the forms, the comments — takes
 * its names and labels from here instead of spelling them out. A field's
 * id is also the GObject property that holds it and the name an annotation
 * uses for it ("fiscal"), so a comment on a field and the form's entry find
 * each other through the id.
 *
 * The funding sources of a project are the fields of kind JX_FIELD_MONEY of
 * the project, in table order; a project keeps them in an array indexed by
 * that order (jx_project_get_source()). Ask the document for them
 * (jx_document_get_n_sources() / jx_document_get_source()): once documents
 * name a template, the list is the template's. Nothing outside this file
 * names fiscal / special / other.
 */

typedef enum {
  JX_FIELD_OWNER_DOCUMENT,
  JX_FIELD_OWNER_UNIT,
  JX_FIELD_OWNER_PROJECT,
  JX_FIELD_OWNER_INDICATOR,
  JX_FIELD_OWNER_ANNOTATION,  /* a comment's fields, and the id every node has */
} JxFieldOwner;

/* The most funding sources a table can have: room in a project's array. */
#define JX_MAX_SOURCES 8

typedef enum {
  JX_FIELD_TEXT,        /* one line */
  JX_FIELD_LONG_TEXT,   /* paragraphs (a goal) */
  JX_FIELD_INT,         /* the year */
  JX_FIELD_BOOLEAN,     /* 涉密 */
  JX_FIELD_CODE,        /* a category or sub-category code of the taxonomy */
  JX_FIELD_MONEY,       /* a funding source: JxMoney at the document's precision */
  JX_FIELD_TOTAL,       /* derived money (总计), never stored or typed */
} JxFieldKind;

typedef struct _JxField JxField;

struct _JxField
{
  const char   *id;           /* stable id and property name: "fiscal" */
  JxFieldOwner  owner;
  JxFieldKind   kind;
  const char   *xml_name;     /* attribute or element in the file; NULL: not stored */
  gboolean      xml_element;  /* TRUE: a child element <goal>…</goal>, else an attribute */
  const char   *json_member;  /* member in .json; NULL: not stored */
  const char   *official;     /* as the official table prints it: "财政拨款" (never translated);
                               * NULL for a comment's fields, which it does not print */
  const char   *label;        /* msgid, context "field": "fiscal appropriation" */
  const char   *undo_label;   /* msgid: "Change Fiscal Funding"; NULL for derived fields */
  const char   *short_label;  /* msgid (no context) of a narrow column header: "Fiscal"; NULL: the label */
};

/* All fields of @owner, in table order; *@n_fields receives their count. */
const JxField *jx_fields_of          (JxFieldOwner  owner,
                                      guint        *n_fields);
/* The field of @owner with @id, or NULL. */
const JxField *jx_field_lookup       (JxFieldOwner  owner,
                                      const char   *id);
/* The first field with @id of any owner, or NULL. */
const JxField *jx_field_find         (const char   *id);

/* The translated label ("财政拨款" in zh_CN, "fiscal appropriation" in
 * English) and undo label. */
const char    *jx_field_get_label       (const JxField *field);
const char    *jx_field_get_undo_label  (const JxField *field);
/* The translated header of a narrow column ("Fiscal"; 财政拨款 in zh_CN). */
const char    *jx_field_get_short_label (const JxField *field);
/* The label of the field with @id, or @id itself for a name this table
 * does not know (an annotation's field from a newer version). */
const char    *jx_field_label_for_id    (const char    *id);

/* The funding sources of @document's projects, in order. Transfer none.
 * @document may be NULL (a document being built): the built-in sources. */
guint          jx_document_get_n_sources (JxDocument *document);
const JxField *jx_document_get_source    (JxDocument *document,
                                          guint       index);
/* The index of the source with @id, or -1. */
int            jx_document_find_source   (JxDocument *document,
                                          const char *id);

/* A project's amount of source @index (0 ≤ index < n_sources). */
JxMoney        jx_project_get_source     (JxProject  *project,
                                          guint       index);
/* Raw set: no undo step; the difference goes to the project's, its unit's
 * and the document's totals. Editors use jx_edit_set_money() with the
 * source's id. An amount that would overflow a total is refused with a
 * critical: check it first with jx_project_check_source(). */
void           jx_project_set_source     (JxProject  *project,
                                          guint       index,
                                          JxMoney     amount);
/* Whether setting source @index of @project to @amount keeps every total
 * (project, unit, document) in range. FALSE with a JX_MONEY_ERROR_OVERFLOW
 * error if not. */
gboolean       jx_project_check_source   (JxProject  *project,
                                          guint       index,
                                          JxMoney     amount,
                                          GError    **error);

G_END_DECLS
