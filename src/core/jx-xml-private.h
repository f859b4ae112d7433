/* jx-xml-private.h: file reading shared by jx-xml.c and jx-storage.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include "jx-types.h"

G_BEGIN_DECLS

/* jx_xml_load_file(), which also says in *st what fstat() said of the
 * very file read (for the changed-on-disk stamp). A big file is read into
 * memory of its own whose pages go back to the system as the parse moves
 * on, so that it and the document are never both held in full. */
JxDocument *jx_xml_load_path (const char   *path,
                              struct stat  *st,
                              JxProblem   **problem,
                              GError      **error);

/* A file is read in one parse by the first pass (SAX, the schema walk),
 * or, when that pass leaves it (anything invalid or unusual), by the second
 * (the reader, libxml2's validator), which reports the first problem. */
typedef enum
{
  JX_XML_PASS_BOTH,    /* what jx_xml_load_bytes() does */
  JX_XML_PASS_FIRST,   /* NULL where the first pass leaves the file */
  JX_XML_PASS_SECOND,
} JxXmlPass;

/* For the tests: jx_xml_load_bytes() by @pass. */
JxDocument *jx_xml_load_bytes_pass (GBytes      *bytes,
                                    const char  *origin,
                                    JxXmlPass    pass,
                                    JxProblem  **problem,
                                    GError     **error);

G_END_DECLS
