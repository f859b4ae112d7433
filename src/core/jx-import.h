/* jx-import.h: published tables (text pulled out of a PDF) → documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"
#include "jx-problem.h"
#include "jx-validator.h"

G_BEGIN_DECLS

#define JX_IMPORT_ERROR (jx_import_error_quark ())

typedef enum
{
  JX_IMPORT_ERROR_IO,          /* the file could not be read */
  JX_IMPORT_ERROR_EMPTY,       /* nothing but blanks */
  JX_IMPORT_ERROR_BINARY,      /* NUL bytes or mostly control characters */
  JX_IMPORT_ERROR_ENCODING,    /* neither UTF-8 nor GB18030 text */
  JX_IMPORT_ERROR_NOT_A_TABLE, /* no header, 合计 or project row anywhere */
} JxImportError;

GQuark        jx_import_error_quark (void);

/*
 * Reads the published layout of a 项目支出绩效目标表 as text extracted from
 * a PDF (see docs/domain.md, "Reading OCR text"): the title, the
 * 部门名称 and 单位 lines, tab-separated rows (项目名称, 总计, one column per
 * funding source of jx-fields.h as the table prints it, 绩效目标, 绩效指标)
 * with repeated page headers, the
 * 合计 row, funding-unit rows and project rows with their numbered
 * indicator lists.
 *
 * @text holds @len bytes (it need not be NUL-terminated). It should be
 * UTF-8; GB18030 text is converted (with a warning). @origin names the
 * input in messages (a file name); it may be NULL.
 *
 * OCR damage is repaired where the text proves the repair, and every repair
 * is reported: names and goals wrapped with a space between two CJK
 * characters are rejoined, spaced amounts ("56, 539. 99") are read, a
 * misread amount is recovered from the 总计 and the columns that agree,
 * rows cut at a page break are joined. Text that cannot be placed is never
 * dropped: it is kept in the document as an open annotation (author
 * JX_IMPORT_AUTHOR) on the project or indicator it came with, or on the
 * whole table, quoting it.
 *
 * Returns: (transfer full): a new document (ids u1…, p1…, i1…, a1… in
 * order; every node's line is the line of the text it came from; taxonomy
 * guangdong-2020; unit from 单位, 万元 by default), or NULL with @error set
 * (domain JX_IMPORT_ERROR, a translated message that starts with the place
 * when there is one and says what to do).
 *
 * Findings go to @warnings (may be NULL), an array of JxProblem that frees
 * its elements: severity warning, a rule id from jx_import_get_rules(),
 * line (1-based line of @text), column when known (else 0), the id of the
 * node concerned and the field, sorted by line.
 *
 * Annotations are stamped with the current time, or with
 * $SOURCE_DATE_EPOCH when it is set (reproducible builds of examples).
 * Linear time in @len; never reads outside @text.
 */
JxDocument   *jx_import_text        (const char  *text,
                                     gsize        len,
                                     const char  *origin,
                                     GPtrArray   *warnings,
                                     GError     **error);

/* jx_import_text() on the contents of @path (origin: @path). */
JxDocument   *jx_import_file        (const char  *path,
                                     GPtrArray   *warnings,
                                     GError     **error);

/* The author of the annotations the importer adds. */
#define JX_IMPORT_AUTHOR "导入"

/* The rules the importer reports, in a stable order (all warnings). */
const JxRule *jx_import_get_rules   (guint       *n_rules);

G_END_DECLS
