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

G_END_DECLS
