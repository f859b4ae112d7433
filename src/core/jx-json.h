/* jx-json.h: a document as JSON, and the totals report of jixiao-cli
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_JSON_ERROR (jx_json_error_quark ())

typedef enum
{
  JX_JSON_ERROR_INVALID,      /* not the shape of a document: a wrong type or value */
  JX_JSON_ERROR_AMOUNT,       /* an amount that is not an exact decimal string */
  JX_JSON_ERROR_OVERFLOW,     /* an amount that would take a total out of range */
  JX_JSON_ERROR_DUPLICATE_ID, /* an id used twice */
} JxJsonError;

GQuark      jx_json_error_quark      (void);

/*
 * The JSON form mirrors the file format, member for member:
 *
 *   {"format":1,"year":2024,"unit":"万元","taxonomy":"guangdong-2020",
 *    "department":…,"title":…,"total":"56539.99",
 *    "units":[{"id":"u1","name":…,"total":…,
 *      "projects":[{"id":"p1","name":…,SOURCES,"total":"10464.80","goal":…,
 *        "confidential":false,
 *        "indicators":[{"id":"i1","category":"1","subcategory":"11","name":…,
 *          "cycle_value":…,"annual_value":…}]}]}],
 *    "annotations":[{"id":"a1","target":"p1","field":"goal","author":…,
 *      "time":…,"text":…,"resolved":false,"replies":[…]}]}
 *
 * where SOURCES is one member per funding source, named by its json_member
 * in jx-fields.h and in its order: "<member>":"10464.80".
 *
 * Amounts are always exact decimal strings ("-1234.50"), never JSON numbers.
 * The totals are derived and written for consumers only; reading ignores
 * them. Replies have the members of an annotation without "target" and
 * "field" (written only when not empty).
 */

/* The whole document. Transfer full. */
JsonNode   *jx_json_from_document    (JxDocument  *doc);

/* A new document from @root (as made by jx_json_from_document), with its
 * ids kept and the save point set, or NULL with a JX_JSON_ERROR whose
 * message names the JSON path of the problem ("units[0].projects[3].goal").
 * Unknown members are ignored; missing or null members take their defaults
 * (nodes without an id get a new one). A "format" newer than this build's
 * makes the document read-only. */
JxDocument *jx_json_to_document      (JsonNode    *root,
                                      GError     **error);

/* @node as text: with @pretty, indented by two spaces, else compact.
 * Members in the order they were built; no trailing newline. Free with
 * g_free(). */
char       *jx_json_to_string        (JsonNode    *node,
                                      gboolean     pretty);

/* What `jixiao-cli totals --json` prints:
 *   {"total":"56539.99","units":[{"name":…,"total":…,"projects":[{"id":…,
 *    "name":…,SOURCES,"total":…,"indicators":N}]}]}
 * Transfer full. */
JsonNode   *jx_json_totals           (JxDocument  *doc);

G_END_DECLS
