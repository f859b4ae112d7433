/* jx-limits.h: the limits every way into a document shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place for the sizes Jixiao accepts, so that what one part lets in
 * another never refuses: the editor (jx-edit.h), the importer, the JSON
 * reader, the XML writer and the XML loader all check against these. In
 * particular nothing the writer writes is refused by the loader: the longest
 * text, escaped at its worst, fits well inside the loader's limit on one run
 * of text (JX_XML_MAX_TEXT_RUN), and an id the writer accepts is one the
 * loader accepts.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Characters (not bytes) in one text: a name, goal, value, title,
 * department, comment or author. The longest goal of a published table is
 * under 2,000 characters. */
#define JX_TEXT_MAX_CHARS 50000

/* Bytes in one id (a name token: letters, digits, . - _ :). Jixiao makes
 * ids like "p12". */
#define JX_ID_MAX_BYTES 256

/* The loader refuses a run of more than this many bytes without markup
 * (libxml2's reader takes quadratic time on such runs; see jx-xml.c). */
#define JX_XML_MAX_TEXT_RUN (1024 * 1024)

/* What the writer can make of one character at worst: "&quot;" (6 bytes).
 * A start tag can carry a few texts as attributes (an annotation's author
 * and target), so the longest text must fit several times over. */
#define JX_XML_MAX_BYTES_PER_CHAR 6
G_STATIC_ASSERT (JX_TEXT_MAX_CHARS * JX_XML_MAX_BYTES_PER_CHAR * 3 < JX_XML_MAX_TEXT_RUN);

/* Arrays and objects nested in a JSON input (a document or a taxonomy).
 * json-glib parses recursively without a limit, so deeper input is refused
 * before it sees it; a document nests 7 levels. */
#define JX_JSON_MAX_DEPTH 64

/* Whether @text (UTF-8) has more than JX_TEXT_MAX_CHARS characters;
 * *n_chars is set to its length in characters when it does. */
gboolean    jx_text_is_too_long     (const char  *text,
                                     glong       *n_chars);

/* The message for a text that is too long: "The %s has N characters; …",
 * @what naming it ("performance goal"). Free with g_free(). */
char       *jx_text_too_long_message (const char *what,
                                      glong       n_chars);

/* The first character of @text that XML 1.0 cannot hold (a control
 * character other than tab, line feed and carriage return, U+FFFE, U+FFFF):
 * its code point, G_MAXUINT32 for bytes that are not UTF-8, 0 when there is
 * none. The writer refuses such a text; every way in replaces or refuses it. */
guint32     jx_text_find_unsavable  (const char  *text);

/* Whether @id can be an id in a file: a non-empty XML name token of at most
 * JX_ID_MAX_BYTES bytes. */
gboolean    jx_id_is_valid          (const char  *id);

/* Parses @len bytes of JSON (a document or a taxonomy) with json-glib,
 * after refusing, without parsing, input nested deeper than
 * JX_JSON_MAX_DEPTH and "\\u" escapes of half a character (a lone
 * surrogate, which json-glib turns into bytes that are not UTF-8). Returns the
 * root (transfer full), or NULL with @error (JSON_PARSER_ERROR) set to a
 * translated sentence without the place, and *line, *column to the place
 * (1-based; 0 when unknown). */
JsonNode   *jx_json_parse_limited   (const char  *data,
                                     gsize        len,
                                     guint       *line,
                                     guint       *column,
                                     GError     **error);

G_END_DECLS
