/* jx-export.h: a document written as PDF, xlsx or csv
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-report.h"

G_BEGIN_DECLS

#define JX_EXPORT_ERROR (jx_export_error_quark ())

typedef enum {
  JX_EXPORT_ERROR_FORMAT,     /* no exporter for this file name */
  JX_EXPORT_ERROR_WRITE,      /* the file could not be written */
  JX_EXPORT_ERROR_TOO_LONG,   /* a text longer than a spreadsheet cell holds */
} JxExportError;

typedef enum {
  JX_EXPORT_PDF,
  JX_EXPORT_XLSX,
  JX_EXPORT_CSV,
} JxExportFormat;

GQuark   jx_export_error_quark      (void);

/* The format of @path by its extension (.pdf, .xlsx, .csv; any case).
 * FALSE for anything else. */
gboolean jx_export_format_for_path  (const char        *path,
                                     JxExportFormat    *format);

/*
 * Each writes @document to @path through a temporary file in the same
 * folder, renamed over @path only when complete: a failure or a
 * cancellation leaves nothing behind and an existing @path as it was.
 * They replace an existing @path; callers decide whether they may.
 * @progress (nullable) is called from the calling thread.
 *
 * They read @document all along: run them in the thread that owns it, or
 * on a copy (jx_xml_write() → jx_xml_load_bytes() in the worker).
 *
 * pdf: the official table on A4 landscape pages (jx-report.h).
 * xlsx: sheet 绩效目标表 (the official table, with SUM formulas) and sheet
 *       指标明细 (one row per indicator).
 * csv: the 指标明细 shape, UTF-8 with a BOM, RFC 4180, amounts "10464.80".
 */
gboolean jx_export_pdf              (JxDocument            *document,
                                     const char            *path,
                                     const JxReportOptions *options,
                                     JxProgressFunc         progress,
                                     gpointer               user_data,
                                     GCancellable          *cancellable,
                                     GError               **error);
gboolean jx_export_xlsx             (JxDocument            *document,
                                     const char            *path,
                                     const JxReportOptions *options,
                                     JxProgressFunc         progress,
                                     gpointer               user_data,
                                     GCancellable          *cancellable,
                                     GError               **error);
gboolean jx_export_csv              (JxDocument            *document,
                                     const char            *path,
                                     const JxReportOptions *options,
                                     JxProgressFunc         progress,
                                     gpointer               user_data,
                                     GCancellable          *cancellable,
                                     GError               **error);
/* By the extension of @path. */
gboolean jx_export                  (JxDocument            *document,
                                     const char            *path,
                                     const JxReportOptions *options,
                                     JxProgressFunc         progress,
                                     gpointer               user_data,
                                     GCancellable          *cancellable,
                                     GError               **error);

/* The column headers of the 指标明细 shape (xlsx sheet, csv, clipboard):
 * 资金使用单位, 项目名称, 总计, one per funding source, 绩效目标, 一级指标,
 * 二级指标, 三级指标, 实施周期指标值, 年度指标值. Free with g_strfreev(). */
char   **jx_export_detail_header    (JxDocument            *document);

G_END_DECLS
