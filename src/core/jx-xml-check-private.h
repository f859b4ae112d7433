/* jx-xml-check-private.h: the file format schema, checked while streaming
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

/* data/jixiao.rng compiled into tables the loader walks beside its own
 * reader, so that a valid file is parsed once instead of once more by
 * libxml2's RelaxNG validator. The tables are built from the schema itself
 * at run time: whatever the schema says, this checks, or (for a pattern the
 * compiler does not know) jx_xml_check_get_grammar() returns NULL and the
 * loader falls back to libxml2's validator.
 *
 * The verdict only ever decides whether the file is valid: on "invalid" the
 * loader reads the file again with libxml2's validator attached, which
 * reports the first problem exactly as before. tests/test-schema.c holds
 * both verdicts equal on every fixture and thousands of mutated documents. */

typedef struct _JxXmlGrammar JxXmlGrammar;
typedef struct _JxXmlCheck   JxXmlCheck;

/* The grammar of the built-in schema; NULL if it cannot be compiled. */
const JxXmlGrammar *jx_xml_check_get_grammar (void);

JxXmlCheck *jx_xml_check_new   (const JxXmlGrammar *grammar);
void        jx_xml_check_free  (JxXmlCheck         *self);
/* Feeds the node @reader is on (call after every successful
 * xmlTextReaderRead()); leaves the reader on that node. */
void        jx_xml_check_node  (JxXmlCheck         *self,
                                xmlTextReaderPtr    reader);
/* TRUE while nothing invalid has been seen. */
gboolean    jx_xml_check_ok    (JxXmlCheck         *self);
/* After the last node: TRUE if the document is valid. */
gboolean    jx_xml_check_end   (JxXmlCheck         *self);

/* The whole check on @data alone (for the tests): TRUE if valid. */
gboolean    jx_xml_check_data  (const char         *data,
                                gsize               len);

G_END_DECLS
