/* jx-xml-private.h: file reading shared by jx-xml.c and jx-storage.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include "jx-types.h"

G_BEGIN_DECLS

/* Opens @path and reads all of it. On success, *st holds what fstat() said
 * of the very file read (for the changed-on-disk stamp). On failure, NULL
 * with a JX_XML_ERROR_IO error and, if @problem is not NULL, a problem
 * with rule "io". */
GBytes *jx_xml_read_file (const char   *path,
                          struct stat  *st,
                          JxProblem   **problem,
                          GError      **error);

G_END_DECLS
