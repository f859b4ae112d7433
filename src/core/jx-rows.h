/* jx-rows.h: rows to and from spreadsheets (TSV, pipe tables), and
 * Jixiao's own clipboard format
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"
#include "jx-problem.h"

G_BEGIN_DECLS

/*
 * Two halves, neither of them GTK:
 *
 *  - a reader (jx_rows_read()) that splits table text into rows of named
 *    cells: TSV as Excel, WPS and LibreOffice copy it (tabs, CRLF, quoted
 *    cells holding tabs, line breaks and doubled quotes), pipe tables
 *    (“| a | b |”, “|---|” rules skipped) and columns separated by runs of
 *    spaces. It finds the header row by its column names, maps columns by
 *    name whatever their order, and carries blank (merged) cells down from
 *    the row above. Every cell knows the line and column it came from. The
 *    importer of row-per-indicator tables reads with it too.
 *
 *  - a builder (jx_rows_build()) that makes the projects and indicators of
 *    those rows, checked as the importer checks them: codes against the
 *    document's taxonomy (a code that does not fit is kept and reported),
 *    amounts with the strict parser of typed amounts (jx_money_parse()),
 *    总计 against the sum of the sources (the sources win).
 *
 * Copying goes the other way: jx_rows_copy_tsv() writes the 指标明细 shape,
 * jx_rows_copy_nodes() Jixiao's own lossless format, and jx_rows_paste()
 * inserts what either gives as one undo step.
 */

#define JX_ROWS_ERROR (jx_rows_error_quark ())

typedef enum
{
  JX_ROWS_ERROR_EMPTY,      /* nothing but blanks */
  JX_ROWS_ERROR_ENCODING,   /* not UTF-8 */
  JX_ROWS_ERROR_NO_HEADER,  /* no row names the columns */
  JX_ROWS_ERROR_NO_ROWS,    /* a header, but no project or indicator under it */
  JX_ROWS_ERROR_NODES,      /* Jixiao's own format, but damaged */
  JX_ROWS_ERROR_TARGET,     /* indicators pasted where no project is */
  JX_ROWS_ERROR_TOO_LARGE,  /* the amounts would take a total out of range */
} JxRowsError;

GQuark jx_rows_error_quark (void);

/* The clipboard type of Jixiao's own format: a .jixiao document holding the
 * copied units, projects or indicators (see jx_rows_copy_nodes()). */
#define JX_ROWS_MIME_TYPE "application/x-jixiao-nodes"

typedef enum
{
  JX_ROWS_LAYOUT_TSV,
  JX_ROWS_LAYOUT_PIPE,
  JX_ROWS_LAYOUT_SPACES,
} JxRowsLayout;

typedef enum
{
  JX_ROWS_COLUMN_NONE,          /* a header this reader does not know (序号…) */
  JX_ROWS_COLUMN_UNIT,          /* 资金使用单位, 单位名称 */
  JX_ROWS_COLUMN_PROJECT,       /* 项目名称 */
  JX_ROWS_COLUMN_TOTAL,         /* 总计, 预算数, 资金总额 */
  JX_ROWS_COLUMN_SOURCE,        /* a funding source, by its official label */
  JX_ROWS_COLUMN_GOAL,          /* 绩效目标, 年度目标 */
  JX_ROWS_COLUMN_CATEGORY,      /* 一级指标 */
  JX_ROWS_COLUMN_SUBCATEGORY,   /* 二级指标 */
  JX_ROWS_COLUMN_INDICATOR,     /* 三级指标 */
  JX_ROWS_COLUMN_CYCLE_VALUE,   /* 实施周期指标值, 中长期指标值 */
  JX_ROWS_COLUMN_ANNUAL_VALUE,  /* 年度指标值 */
  /* Held where the template has the field (else recognised, reported and
   * never read as money): */
  JX_ROWS_COLUMN_COMPARATOR,    /* 指标性质, 计算符号 */
  JX_ROWS_COLUMN_NUMBER,        /* 指标值 */
  JX_ROWS_COLUMN_MEASURE,       /* 度量单位, 计量单位 */
  JX_ROWS_COLUMN_WEIGHT,        /* 权重, 分值 */
  JX_ROWS_COLUMN_DIRECTION,     /* 指标方向, 指标方向性 */
  JX_ROWS_COLUMN_EXPLANATION,   /* 指标解释, 评分标准 */
  JX_ROWS_COLUMN_LONG_TERM,     /* 中长期目标, 实施期目标, 总体目标: the cycle goal */
  JX_ROWS_COLUMN_YEAR,          /* 年度, 年份: never money */
  JX_ROWS_N_COLUMN_KINDS
} JxRowsColumnKind;

typedef struct
{
  JxRowsColumnKind  kind;
  guint             source;   /* JX_ROWS_COLUMN_SOURCE: index of the document's source */
  const char       *header;   /* as written, blanks removed ("" without a header row) */
} JxRowsColumn;

typedef struct
{
  const char *text;      /* trimmed; never NULL, "" when empty */
  guint       line;      /* 1-based place in the text, of the cell it was */
  guint       column;    /* carried from when @carried (0 for an empty cell) */
  gboolean    carried;   /* blank (merged) here, taken from the row above */
} JxRowsCell;

typedef struct
{
  guint       record;    /* 1-based number of the row in the text, as a
                          * spreadsheet numbers the copied range */
  guint       line;      /* 1-based line where the row starts */
  JxRowsCell *cells;     /* one per column of the table */
} JxRowsRow;

typedef struct
{
  JxRowsLayout  layout;
  guint         header_record;   /* 0: no header row, the 指标明细 order was assumed */
  guint         n_columns;
  JxRowsColumn *columns;
  GPtrArray    *rows;            /* JxRowsRow: the data rows under the header, blank ones left out */
  const char   *amount_unit;     /* "元" or "万元" when a line above the table or an
                                  * amount column's header says so, else NULL */
  guint         amount_unit_line;
  /* private */
  GStringChunk *strings;
} JxRowsTable;

/*
 * Reads @len bytes of @text (UTF-8; a BOM is skipped). Column names are
 * matched after removing blanks, a leading 其中： and a trailing unit in
 * brackets (“总计（万元）”); funding-source columns are found by the
 * official labels of @document's sources (jx_document_get_source()), goal
 * and indicator-field columns by its template's labels first (plain's
 * 指标值 is its value, Sichuan's a number), then by their usual names.
 * Without a header row, rows of exactly the 指标明细 width are read in its
 * order (with a warning). In pipe tables taken from web pages, a row whose
 * merged cells were dropped (it is shorter than the header) is aligned to
 * the right.
 *
 * The unit of amounts is taken from a line above the header (“金额单位:元”)
 * or an amount column's header (“预算数（万元）”); jx_rows_build() reports
 * one that is not the document's ("rows-unit").
 *
 * Findings go to @problems (JxProblem, warnings: rules "rows-not-held",
 * "rows-unknown-column", "rows-no-header", "rows-skipped"). Returns NULL
 * with @error (JX_ROWS_ERROR_EMPTY or _NO_HEADER, a translated message
 * saying what was seen) when there is no table.
 */
JxRowsTable *jx_rows_read          (const char        *text,
                                    gsize              len,
                                    JxDocument        *document,
                                    GPtrArray         *problems,
                                    GError           **error);
void         jx_rows_table_free    (JxRowsTable       *table);
/* The column of @kind (the first one, for a source: of source @source), or -1. */
int          jx_rows_table_find    (const JxRowsTable *table,
                                    JxRowsColumnKind   kind,
                                    guint              source);
/* The most decimals an amount (总计 or source) of @table is written with:
 * 4 in a 万元 table kept to the 元 ("6923.3552"), 0 when none has any. */
guint        jx_rows_table_amount_decimals (const JxRowsTable *table);
/* The cell of @kind in @row, or NULL when the table has no such column. */
const JxRowsCell *jx_rows_row_get  (const JxRowsTable *table,
                                    const JxRowsRow   *row,
                                    JxRowsColumnKind   kind,
                                    guint              source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxRowsTable, jx_rows_table_free)

typedef enum
{
  JX_ROWS_CONTENT_PROJECTS,     /* projects (with their indicators), in units */
  JX_ROWS_CONTENT_INDICATORS,   /* indicators only, held by one unnamed project */
} JxRowsContent;

/*
 * The projects and indicators of @table's rows, in a new document (a
 * fragment: not @document, which gives the taxonomy, unit and funding
 * sources). A new project starts where a row names a project other than
 * the one above; rows without a project name but with indicator cells add
 * indicators to it. Rows without any project column give indicators
 * (*@content says which). A row that is a 合计/小计 or holds neither project
 * nor indicator is reported and left out.
 *
 * Codes “1-产出指标”, “1” and “产出指标” are resolved with the taxonomy; a
 * code or name that does not fit is kept as written and reported
 * ("rows-code"). Amounts are read by jx_money_parse(); one that is not an
 * amount is reported at its line and column and left at 0 ("rows-amount").
 * A 总计 that differs from the sum of the sources is reported and the
 * sources are kept ("rows-total"); a 总计 without source columns goes to
 * the first source, reported ("rows-total-only"). The confidential sentence
 * (JX_PROJECT_CONFIDENTIAL_TEXT) as a goal makes the project confidential.
 * Columns the document does not hold are never read as money.
 *
 * NULL with JX_ROWS_ERROR_NO_ROWS when no row gives a project or indicator.
 */
JxDocument  *jx_rows_build         (const JxRowsTable *table,
                                    JxDocument        *document,
                                    JxRowsContent     *content,
                                    GPtrArray         *problems,
                                    GError           **error);

/* jx_rows_read() then jx_rows_build(). */
JxDocument  *jx_rows_parse         (const char        *text,
                                    gsize              len,
                                    JxDocument        *document,
                                    JxRowsContent     *content,
                                    GPtrArray         *problems,
                                    GError           **error);

/*
 * Copying @nodes of @document (units, projects or indicators; the document
 * itself means every unit), each with its subtree.
 *
 * jx_rows_copy_tsv(): the 指标明细 shape — 资金使用单位, 项目名称, 总计, one
 * column per funding source, 绩效目标, 一级指标, 二级指标, 三级指标, 实施周期
 * 指标值, 年度指标值 (the official labels of jx-fields.h) — one row per
 * indicator, a project without indicators one row, amounts as plain
 * decimals ("10464.80"), codes as “1-产出指标”, cells quoted as Excel quotes
 * them, CRLF line ends. A confidential project gives one row with its name
 * and amounts and JX_PROJECT_CONFIDENTIAL_TEXT in place of goal and
 * indicators.
 *
 * jx_rows_copy_nodes(): Jixiao's own format (JX_ROWS_MIME_TYPE), a .jixiao
 * document whose title says what it holds ("jixiao-nodes:projects" or
 * "jixiao-nodes:indicators"), lossless; jx_rows_read_nodes() reads it back
 * (a whole .jixiao document reads as its projects; rows of a newer format,
 * which may hold what this version cannot keep, are JX_ROWS_ERROR_NODES).
 */
char        *jx_rows_copy_tsv      (JxDocument        *document,
                                    JxNode * const    *nodes,
                                    guint              n_nodes);
GBytes      *jx_rows_copy_nodes    (JxDocument        *document,
                                    JxNode * const    *nodes,
                                    guint              n_nodes,
                                    GError           **error);
JxDocument  *jx_rows_read_nodes    (GBytes            *bytes,
                                    JxRowsContent     *content,
                                    GError           **error);

/*
 * Inserts copies (new ids) of @fragment's projects or indicators into
 * @document at @at, as ONE undo step ("Paste Rows"):
 *  - onto the document: each unit's projects into the unit of that name
 *    (a new unit when there is none; unnamed ones into the first unit);
 *  - onto a unit: its projects at the end of it;
 *  - onto a project or indicator: projects after that project; indicators
 *    (or one project named like the target, or unnamed) into that project,
 *    after the indicator.
 * Projects of a table in another unit have their amounts converted
 * (万元 → 元 × 10000, 元 → 万元 ÷ 10000), never pasted as written.
 * Returns the first node inserted (transfer none) and the counts, or NULL
 * with JX_ROWS_ERROR_TARGET (indicators with no project to take them; an
 * amount of a source the document lacks, or of a unit other than 元 and
 * 万元), _TOO_LARGE (the 合计 would leave the range of JxMoney; an amount
 * in 元 that is no whole number of 0.01 万元) or _NO_ROWS (nothing to
 * insert); nothing is changed then.
 */
JxNode      *jx_rows_paste         (JxDocument        *document,
                                    JxNode            *at,
                                    JxDocument        *fragment,
                                    JxRowsContent      content,
                                    guint             *n_projects,
                                    guint             *n_indicators,
                                    GError           **error);

/* "Added 2 projects and 7 indicators." followed by the problems, each
 * on its own line (at most @max_problems, then how many more). */
char        *jx_rows_describe      (guint              n_projects,
                                    guint              n_indicators,
                                    GPtrArray         *problems,
                                    guint              max_problems);

G_END_DECLS
