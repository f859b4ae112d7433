/* jx-xml.h: reading and writing Jixiao documents (.jixiao XML)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jx-types.h"

G_BEGIN_DECLS

/* The namespace of every element of the format; attributes have none. */
#define JX_XML_NAMESPACE "urn:jixiao:targets:1"
/* The RelaxNG schema of the format, compiled into libjixiao (and installed
 * as $datadir/jixiao/jixiao.rng). */
#define JX_XML_SCHEMA_RESOURCE "/org/jixiao/Jixiao/core/jixiao.rng"

#define JX_XML_ERROR (jx_xml_error_quark ())

typedef enum
{
  JX_XML_ERROR_IO,              /* the file could not be read or written */
  JX_XML_ERROR_MALFORMED,       /* not well-formed XML, not UTF-8, empty */
  JX_XML_ERROR_DOCTYPE,         /* a DOCTYPE (the format has none) */
  JX_XML_ERROR_NOT_JIXIAO,      /* another root element or namespace */
  JX_XML_ERROR_INVALID,         /* does not match the schema */
  JX_XML_ERROR_AMOUNT,          /* an amount that is not "1234.50" or too big */
  JX_XML_ERROR_DUPLICATE_ID,    /* two nodes with the same id */
  JX_XML_ERROR_NEWER_FORMAT,    /* writing a document of a newer format */
  JX_XML_ERROR_CHANGED_ON_DISK, /* see jx-storage.h */
  JX_XML_ERROR_UNSAVABLE,       /* text that XML 1.0 cannot hold */
} JxXmlError;

GQuark      jx_xml_error_quark (void);

/*
 * Loading.
 *
 * On success: a new document with an empty history whose save point is the
 * loaded state. Every node keeps the id it has in the file and knows the line
 * of its start tag (jx_node_get_line()). A file of a newer format than this
 * build writes is read as far as it is understood and the document is
 * read-only (jx_document_is_read_only()); @problem is then set to a warning
 * (rule "format") saying so, and is NULL otherwise.
 *
 * On failure: NULL, @error set (domain JX_XML_ERROR) with a translated
 * message that starts with the place ("Line 12, column 5: …") when there is
 * one and says what to do, and @problem, if not NULL, set to the same finding
 * as a JxProblem of severity error with a rule id ("io", "xml-syntax",
 * "doctype", "namespace", "format", "schema", "amount", "duplicate-id"),
 * line, column (0 when unknown), the id of the node concerned if any, and
 * the sentence without the place.
 *
 * Safety: entities are never expanded, nothing is fetched, a DOCTYPE is
 * refused before the parser sees it, and the file is checked against the
 * RelaxNG schema while it is read (except in newer formats).
 *
 * @origin names the data in libxml2's own bookkeeping (a path or URI); it
 * may be NULL.
 */
JxDocument *jx_xml_load_bytes  (GBytes      *bytes,
                                const char  *origin,
                                JxProblem  **problem,
                                GError     **error);
JxDocument *jx_xml_load_file   (const char  *path,
                                JxProblem  **problem,
                                GError     **error);

/*
 * Writing: the document as the bytes of a .jixiao file (UTF-8, two-space
 * indentation, final newline). The output depends on nothing but the
 * document, so loading a saved file and writing it again gives the same
 * bytes. Fails with JX_XML_ERROR_NEWER_FORMAT for a read-only document of a
 * newer format, and with JX_XML_ERROR_UNSAVABLE (naming the node and field)
 * when a text holds a character XML 1.0 cannot (a control character other
 * than tab, line feed and carriage return, U+FFFE, U+FFFF, or bytes that are
 * not UTF-8) or a node has no usable id.
 */
GBytes     *jx_xml_write       (JxDocument  *document,
                                GError     **error);

/*
 * The same, a little at a time, for a writer that must not hold up the
 * thread it shares with a user interface (the editor's recovery drafts).
 * jx_xml_writer_step() writes projects until the monotonic time @deadline
 * (g_get_monotonic_time(); at least one project a step; -1: to the end)
 * and returns FALSE while there is more, TRUE once it has finished: then
 * either @bytes holds what jx_xml_write() would return or @error is set.
 * The document must not change between jx_xml_writer_new() and the last
 * step (the caller checks, e.g. with jx_history_get_serial(), and starts
 * again if it did); the writer holds a reference to it.
 */
typedef struct _JxXmlWriter JxXmlWriter;

JxXmlWriter *jx_xml_writer_new  (JxDocument   *document,
                                 GError      **error);
gboolean     jx_xml_writer_step (JxXmlWriter  *writer,
                                 gint64        deadline,
                                 GBytes      **bytes,
                                 GError      **error);
void         jx_xml_writer_free (JxXmlWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxXmlWriter, jx_xml_writer_free)

G_END_DECLS
