/* jx-xml-check-private.h: the file format schema, checked while streaming
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/parser.h>

G_BEGIN_DECLS

/* data/jixiao.rng compiled into tables the loader walks beside its SAX
 * parse (the first pass), so that a valid file is parsed once, without
 * libxml2's RelaxNG validator (which needs a reader: a second parse). The tables are built from the schema itself
 * at run time: whatever the schema says, this checks, or (for a pattern the
 * compiler does not know) jx_xml_check_get_grammar() returns NULL and the
 * loader falls back to libxml2's validator.
 *
 * The verdict only ever decides whether the file is valid: on "invalid" the
 * loader reads the file again with libxml2's validator attached, which
 * reports the first problem exactly as before. tests/test-schema.c holds
 * both verdicts equal on every fixture and thousands of mutated documents.
 * The walk takes events (jx_xml_check_start_element() and the rest), so
 * jx_xml_check_data() and the loader's parser thread drive the same code. */

typedef struct _JxXmlGrammar JxXmlGrammar;
typedef struct _JxXmlCheck   JxXmlCheck;

/* The grammar of the built-in schema; NULL if it cannot be compiled. */
const JxXmlGrammar *jx_xml_check_get_grammar (void);

/* An attribute as both the walk and the loader see it: names from the
 * parser's dictionary, @ns NULL for none, @value decoded and NUL-ended. */
typedef struct
{
  const char *name;
  const char *ns;
  const char *value;
} JxXmlAttr;

/* How a document is parsed for the walk: SAX2 callbacks, no tree. With
 * XML_PARSE_NOENT libxml2 hands attribute values decoded (without it, "&amp;"
 * arrives as "&#38;"); a file cannot declare entities, as a DOCTYPE is
 * refused (by the loader before parsing, by the walk when seen). */
#define JX_XML_SAX_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOENT)

JxXmlCheck *jx_xml_check_new   (const JxXmlGrammar *grammar);
void        jx_xml_check_free  (JxXmlCheck         *self);
/* The walk, fed the document's events in order: an empty element is a
 * start and an end, text may come in pieces. */
void        jx_xml_check_start_element (JxXmlCheck      *self,
                                        const char      *name,
                                        const char      *ns,
                                        const JxXmlAttr *attrs,
                                        guint            n_attrs);
void        jx_xml_check_end_element   (JxXmlCheck      *self);
void        jx_xml_check_text          (JxXmlCheck      *self,
                                        const char      *text,
                                        gsize            len);
/* Whether the innermost element open is one of text (whose text counts). */
gboolean    jx_xml_check_in_text       (JxXmlCheck      *self);
/* Something the walk leaves to libxml2's validator (a DOCTYPE). */
void        jx_xml_check_fail          (JxXmlCheck      *self);
/* TRUE while nothing invalid has been seen. */
gboolean    jx_xml_check_ok    (JxXmlCheck         *self);
/* After the last node: TRUE if the document is valid. */
gboolean    jx_xml_check_end   (JxXmlCheck         *self);

/* Frees a SAX parser and the document it may have made for a DOCTYPE's
 * declarations. */
void        jx_xml_parser_free    (xmlParserCtxtPtr ctxt);

/* The whole check on @data alone (for the tests): TRUE if valid. */
gboolean    jx_xml_check_data  (const char         *data,
                                gsize               len);

G_END_DECLS
