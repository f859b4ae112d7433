/* test-export.c: PDF, xlsx and csv as the programs people use read them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exports are written by jixiao-cli and read back with poppler-utils
 * (pdfinfo, pdftotext, pdffonts) and LibreOffice (soffice --headless), the
 * consumers the tables go to; their values are compared with the document
 * as libjixiao loads it. A missing consumer program fails the test: CI
 * installs them with build-aux/jx-dev.sh.
 */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>

#include "jx-document.h"
#include "jx-fields.h"
#include "jx-funding-unit.h"
#include "jx-limits.h"
#include "jx-indicator.h"
#include "jx-init.h"
#include "jx-money.h"
#include "jx-problem.h"
#include "jx-project.h"
#include "jx-report.h"
#include "jx-storage.h"
#include "jx-test-util.h"

/* A confidential project's goal and indicator, which no export may show. */
#define SECRET_GOAL      "机密目标内容XQZ不得公开"
#define SECRET_INDICATOR "机密指标名称XQZ"
#define NOTICE           "此为涉密项目，不公开绩效目标和指标"

#define run(r, ...) G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    jx_test_run ((r), NULL, argv_); \
  } G_STMT_END

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static JxDocument *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  JxDocument *doc = jx_storage_load (path, &problem, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* Exports @input to @dir/@name with jixiao-cli; returns the output path. */
static char *
export_to (const char *input,
           const char *dir,
           const char *name,
           const char *option)
{
  g_auto(JxTestRun) r = { 0 };
  char *out = g_build_filename (dir, name, NULL);

  if (option)
    run (&r, g_getenv ("JX_CLI"), "convert", option, input, out);
  else
    run (&r, g_getenv ("JX_CLI"), "convert", input, out);
  if (r.status != 0)
    g_error ("convert %s %s: exit %d: %s", input, out, r.status, r.err);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  return out;
}

/* The example with one text replaced (first occurrence), written to @dir. */
static char *
variant (const char *dir,
         const char *name,
         const char *from,
         const char *to)
{
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *text = read_text (example);
  g_autoptr(GString) s = g_string_new (text);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpuint (g_string_replace (s, from, to, 1), ==, 1);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  return path;
}

/* The example with its second project confidential, holding a secret goal
 * and indicator name. */
static char *
confidential_variant (const char *dir)
{
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *text = read_text (example);
  g_autoptr(GString) s = g_string_new (text);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "secret.jixiao", NULL);

  g_assert_cmpuint (g_string_replace (s, "<project id=\"p2\" fiscal=\"8475.00\" special=\"0.00\" other=\"0.00\">",
                                      "<project id=\"p2\" fiscal=\"8475.00\" special=\"0.00\" other=\"0.00\" confidential=\"true\">", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (s, "<goal>按标准安排给社区党组织用于保障党建工作需要的补助经费",
                                      "<goal>" SECRET_GOAL "按标准安排给社区党组织用于保障党建工作需要的补助经费", 1), ==, 1);
  /* The first indicator of p2 (p1 has 8, so i9). */
  g_assert_cmpuint (g_string_replace (s, "<indicator id=\"i9\" category=\"1\" subcategory=\"11\">\n        <name>足额发放率</name>",
                                      "<indicator id=\"i9\" category=\"1\" subcategory=\"11\">\n        <name>" SECRET_INDICATOR "</name>", 1), ==, 1);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
pdf_text (const char *pdf,
          int         page)
{
  g_auto(JxTestRun) r = { 0 };
  g_autofree char *p = g_strdup_printf ("%d", page);

  if (page > 0)
    run (&r, "pdftotext", "-f", p, "-l", p, pdf, "-");
  else
    run (&r, "pdftotext", pdf, "-");
  g_assert_cmpint (r.status, ==, 0);
  return g_steal_pointer (&r.out);
}

static char *
squeeze (const char *text)
{
  return jx_test_squeeze (text, TRUE);
}

/* The text of @pdf's @page (0: all), squeezed. */
static char *
pdf_flat (const char *pdf,
          int         page)
{
  g_autofree char *text = pdf_text (pdf, page);

  return squeeze (text);
}

static guint
pdf_pages (const char *pdf)
{
  g_auto(JxTestRun) r = { 0 };
  const char *pages;

  run (&r, "pdfinfo", pdf);
  g_assert_cmpint (r.status, ==, 0);
  /* A4 landscape, in points. */
  g_assert_nonnull (strstr (r.out, "Page size:       841.89 x 595.276 pts (A4)"));
  pages = strstr (r.out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* --- PDF ----------------------------------------------------------------- */

static void
test_pdf_official_layout (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *pdf = export_to (example, dir, "table.pdf", NULL);
  g_autoptr(JxDocument) doc = load (example);
  g_autofree char *all = pdf_text (pdf, 0);
  g_autofree char *flat = squeeze (all);
  g_autofree char *no_hyphens = jx_test_squeeze (all, FALSE);
  g_autofree char *total = jx_money_format (jx_document_get_total (doc));
  GListModel *units = jx_document_get_units (doc);
  guint n_pages = pdf_pages (pdf), n_found = 0;
  g_auto(JxTestRun) fonts = { 0 };

  /* 35 projects with their indicators do not fit on one page. */
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_nonnull (strstr (flat, "中国共产党广州市委员会组织部2024年项目支出绩效目标表"));
  g_assert_nonnull (strstr (flat, "部门名称：中国共产党广州市委员会组织部"));
  g_assert_nonnull (strstr (flat, "单位：万元"));
  /* 合计 as text, with thousands separators. */
  g_assert_cmpstr (total, ==, "56,539.99");
  g_assert_nonnull (strstr (flat, "合计"));
  g_assert_nonnull (strstr (flat, total));
  /* The numbered indicators as the published table prints them. */
  g_assert_nonnull (strstr (flat, "1、1-产出指标；11-数量指标；足额发放率；实施周期指标值：100%；年度指标值：100%。"));

  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          g_autofree char *name = jx_test_squeeze (jx_project_get_name (project), FALSE);

          if (strstr (no_hyphens, name) == NULL)
            g_error ("project “%s” is not in the PDF", name);
          n_found++;
        }
    }
  g_assert_cmpuint (n_found, ==, 35);

  /* The column header and the footer on every page. */
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (pdf, (int) page);
      g_autofree char *squeezed = squeeze (text);
      g_autofree char *footer = g_strdup_printf ("第%u页共%u页", page, n_pages);

      for (guint s = 0; s < jx_document_get_n_sources (doc); s++)
        g_assert_nonnull (strstr (squeezed, jx_document_get_source (doc, s)->official));
      g_assert_nonnull (strstr (squeezed, "项目名称(资金使用单位)"));
      g_assert_nonnull (strstr (squeezed, "绩效目标"));
      g_assert_nonnull (strstr (squeezed, "绩效指标"));
      g_assert_nonnull (strstr (squeezed, footer));
    }

  /* Every font is embedded. */
  run (&fonts, "pdffonts", pdf);
  g_assert_cmpint (fonts.status, ==, 0);
  g_assert_nonnull (strstr (fonts.out, "NotoSansCJK"));
  {
    g_auto(GStrv) lines = g_strsplit (fonts.out, "\n", -1);

    for (guint i = 2; lines[i]; i++)
      {
        g_auto(GStrv) cols = NULL;

        if (*lines[i] == '\0')
          continue;
        cols = g_strsplit_set (lines[i], " ", -1);
        /* name type… emb sub uni object ID: "emb" is the 4th field from the end. */
        {
          g_autoptr(GPtrArray) fields = g_ptr_array_new ();
          for (guint c = 0; cols[c]; c++)
            if (*cols[c])
              g_ptr_array_add (fields, cols[c]);
          g_assert_cmpuint (fields->len, >=, 6);
          if (!g_str_equal (g_ptr_array_index (fields, fields->len - 5), "yes"))
            g_error ("font not embedded: %s", lines[i]);
        }
      }
  }
}

static void
test_pdf_comments (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *plain = export_to (example, dir, "plain.pdf", NULL);
  g_autofree char *with = export_to (example, dir, "with.pdf", "--comments");
  g_autofree char *plain_text = pdf_text (plain, 0);
  g_autofree char *with_text = pdf_text (with, 0);
  g_autofree char *p = squeeze (plain_text);
  g_autofree char *w = squeeze (with_text);

  g_assert_null (strstr (p, "请说明社区党员活动经费的测算依据。"));
  g_assert_nonnull (strstr (w, "审核意见"));
  g_assert_nonnull (strstr (w, "请说明社区党员活动经费的测算依据。"));
  /* The reply under it, and the field it is about. */
  g_assert_nonnull (strstr (w, "按每个社区党组织标准测算，已附测算表。"));
  g_assert_nonnull (strstr (w, "财政局李审核"));
  g_assert_nonnull (strstr (w, "（财政拨款）"));
}

/* The longest goal a table can hold (JX_TEXT_MAX_CHARS characters, 150 KB)
 * wraps across pages (and does not hang); a character the CJK font lacks
 * still prints, from a fallback font. */
static void
test_pdf_long_goal_and_fallback (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autoptr(GString) goal = g_string_new ("<goal>");
  g_autofree char *input = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *last = NULL;
  g_autofree char *first = NULL;
  g_autofree char *name = NULL;
  guint n_pages, i = 0;

  while (g_utf8_strlen (goal->str, -1) < JX_TEXT_MAX_CHARS - 40)
    g_string_append_printf (goal, "第%u句：按标准安排给社区党组织用于保障党建工作需要的补助经费。", ++i);
  g_string_append (goal, "全文结束</goal>");
  input = variant (dir, "long.jixiao", "<goal></goal>", goal->str);
  {
    g_autofree char *text = read_text (input);
    g_autoptr(GString) s = g_string_new (text);

    /* Georgian: not in Noto Sans CJK. */
    g_string_replace (s, "<name>社区党员活动经费</name>", "<name>社区党员活动经费ქართული</name>", 1);
    g_file_set_contents (input, s->str, -1, NULL);
  }

  pdf = export_to (input, dir, "long.pdf", NULL);
  n_pages = pdf_pages (pdf);
  /* About 40 lines of 13 characters a page: about a hundred pages. */
  g_assert_cmpuint (n_pages, >, 60);
  first = pdf_text (pdf, 1);
  name = squeeze (first);
  g_assert_nonnull (strstr (name, "ქართული"));
  g_assert_nonnull (strstr (name, "第1句："));
  /* The goal's end and the rest of the table follow. */
  last = pdf_text (pdf, 0);
  {
    g_autofree char *flat = squeeze (last);
    g_autofree char *end = g_strdup_printf ("第%u句：", i);

    g_assert_nonnull (strstr (flat, end));
    g_assert_nonnull (strstr (flat, "全文结束"));
    g_assert_nonnull (strstr (flat, "工作经费"));
  }
}

/* The official table prints the same whatever the user's locale: the
 * glyphs Pango picks depend on the language it lays text out in (the
 * quotes of "两新" came out in another form under C than under zh_CN).
 * Each page as pdftoppm renders it is compared. */
static void
test_pdf_same_in_every_locale (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *c_pdf = g_build_filename (dir, "c.pdf", NULL);
  g_autofree char *zh_pdf = g_build_filename (dir, "zh.pdf", NULL);
  g_autofree char *c_png = g_build_filename (dir, "c", NULL);
  g_autofree char *zh_png = g_build_filename (dir, "zh", NULL);
  g_auto(JxTestRun) c = { 0 };
  g_auto(JxTestRun) zh = { 0 };
  guint n_pages;

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("zh_CN.UTF-8 locale missing (generate it with locale-gen): not compared");
      return;
    }
  setlocale (LC_ALL, "");
  {
    const char *argv[] = { g_getenv ("JX_CLI"), "convert", example, c_pdf, NULL };
    jx_test_run (&c, NULL, argv);
  }
  {
    const char *argv[] = { g_getenv ("JX_CLI"), "convert", example, zh_pdf, NULL };
    jx_test_run (&zh, "zh_CN.UTF-8", argv);
  }
  g_assert_cmpint (c.status, ==, 0);
  g_assert_cmpint (zh.status, ==, 0);
  n_pages = pdf_pages (c_pdf);
  g_assert_cmpuint (pdf_pages (zh_pdf), ==, n_pages);
  {
    g_auto(JxTestRun) r1 = { 0 };
    g_auto(JxTestRun) r2 = { 0 };

    run (&r1, "pdftoppm", "-r", "50", "-gray", c_pdf, c_png);
    run (&r2, "pdftoppm", "-r", "50", "-gray", zh_pdf, zh_png);
    g_assert_cmpint (r1.status, ==, 0);
    g_assert_cmpint (r2.status, ==, 0);
  }
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *a_name = g_strdup_printf ("%s-%0*u.pgm", c_png, n_pages >= 10 ? 2 : 1, page);
      g_autofree char *b_name = g_strdup_printf ("%s-%0*u.pgm", zh_png, n_pages >= 10 ? 2 : 1, page);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      gsize a_len, b_len;

      g_assert_true (g_file_get_contents (a_name, &a, &a_len, NULL));
      g_assert_true (g_file_get_contents (b_name, &b, &b_len, NULL));
      if (a_len != b_len || memcmp (a, b, a_len) != 0)
        g_error ("page %u of the PDF differs between the C and zh_CN locales", page);
    }
}

/* The pixels of a binary PGM (pdftoppm -gray): width, height and data
 * (pointing into @pgm). */
static const guint8 *
pgm_pixels (const char *pgm,
            gsize       len,
            guint      *width,
            guint      *height)
{
  char *p = (char *) pgm;
  guint max;

  g_assert_true (len > 2 && pgm[0] == 'P' && pgm[1] == '5');
  *width = (guint) g_ascii_strtoull (p + 2, &p, 10);
  *height = (guint) g_ascii_strtoull (p, &p, 10);
  max = (guint) g_ascii_strtoull (p, &p, 10);
  g_assert_cmpuint (max, ==, 255);
  p++;                                   /* the one white space after maxval */
  g_assert_cmpuint ((gsize) (p - pgm) + (gsize) *width * *height, ==, len);
  return (const guint8 *) p;
}

/* The pages of @a and @b, rendered by pdftoppm at @dpi, the same but for
 * at most a few pixels a page (anti-aliasing of an edge): a glyph moved by
 * a point, a wrong glyph or a missing rule changes hundreds. */
static void
assert_same_pages (const char *dir,
                   const char *a,
                   const char *b,
                   int         dpi)
{
  g_autofree char *resolution = g_strdup_printf ("%d", dpi);
  /* Edges anti-aliased differently: a few pixels at 72 dpi. */
  guint tolerance = (guint) (60.0 * dpi * dpi / (72.0 * 72.0));
  g_autofree char *a_root = g_build_filename (dir, "a", NULL);
  g_autofree char *b_root = g_build_filename (dir, "b", NULL);
  g_auto(JxTestRun) ra = { 0 };
  g_auto(JxTestRun) rb = { 0 };
  guint n_pages = pdf_pages (a);

  g_assert_cmpuint (pdf_pages (b), ==, n_pages);
  run (&ra, "pdftoppm", "-r", resolution, "-gray", a, a_root);
  run (&rb, "pdftoppm", "-r", resolution, "-gray", b, b_root);
  g_assert_cmpint (ra.status, ==, 0);
  g_assert_cmpint (rb.status, ==, 0);
  for (guint page = 1; page <= n_pages; page++)
    {
      int digits = n_pages >= 100 ? 3 : n_pages >= 10 ? 2 : 1;
      g_autofree char *a_name = g_strdup_printf ("%s-%0*u.pgm", a_root, digits, page);
      g_autofree char *b_name = g_strdup_printf ("%s-%0*u.pgm", b_root, digits, page);
      g_autofree char *a_data = NULL;
      g_autofree char *b_data = NULL;
      gsize a_len, b_len;
      guint aw, ah, bw, bh, differ = 0, ink = 0;
      const guint8 *ap, *bp;

      g_assert_true (g_file_get_contents (a_name, &a_data, &a_len, NULL));
      g_assert_true (g_file_get_contents (b_name, &b_data, &b_len, NULL));
      ap = pgm_pixels (a_data, a_len, &aw, &ah);
      bp = pgm_pixels (b_data, b_len, &bw, &bh);
      g_assert_cmpuint (aw, ==, bw);
      g_assert_cmpuint (ah, ==, bh);
      for (gsize i = 0; i < (gsize) aw * ah; i++)
        {
          differ += ABS ((int) ap[i] - (int) bp[i]) > 96;
          ink += ap[i] < 128;
        }
      /* Not a blank page compared with a blank page. */
      g_assert_cmpuint (ink, >, 1000);
      if (differ > tolerance)
        g_error ("page %u: %u of %u pixels differ between %s and %s", page, differ, aw * ah, a, b);
    }
}

/* @input's official table written by the PDF writer into @dir/ours.pdf and
 * by cairo's PDF surface into @dir/cairo.pdf (one layout code for both). */
static void
write_both (const char  *input,
            const char  *dir,
            char       **ours_pdf,
            char       **cairo_pdf)
{
  g_autoptr(JxDocument) doc = load (input);
  g_autoptr(JxReportLayout) ours = jx_report_layout_new (doc, NULL, JX_REPORT_A4_LONG, JX_REPORT_A4_SHORT);
  g_autoptr(JxReportLayout) theirs = jx_report_layout_new (doc, NULL, JX_REPORT_A4_LONG, JX_REPORT_A4_SHORT);
  g_autoptr(GError) error = NULL;

  *ours_pdf = g_build_filename (dir, "ours.pdf", NULL);
  *cairo_pdf = g_build_filename (dir, "cairo.pdf", NULL);
  g_assert_true (jx_report_layout_write_pdf (ours, *ours_pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (jx_report_layout_write_cairo_pdf (theirs, *cairo_pdf, &error));
  g_assert_no_error (error);
}

/* The example with a Georgian project name: no font of Noto CJK has it,
 * DejaVu Sans (a TrueType font) does. */
static char *
georgian_variant (const char *dir)
{
  return variant (dir, "georgian.jixiao", "<name>社区党员活动经费</name>",
                  "<name>社区党员活动经费ქართული</name>");
}

/* The exports' PDF writer draws the pages as cairo's PDF surface (the
 * back end of Print) draws the same layout: the example, and a table
 * with a name in a fallback font (Georgian: DejaVu Sans, a TrueType
 * font, where Noto CJK is CFF). The file is well formed. */
static void
test_pdf_writer_draws_as_cairo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *georgian = georgian_variant (dir);
  const char *inputs[] = { example, georgian };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *sub = g_build_filename (dir, i ? "georgian" : "example", NULL);
      g_autofree char *ours_pdf = NULL;
      g_autofree char *cairo_pdf = NULL;
      g_auto(JxTestRun) check = { 0 };
      g_auto(JxTestRun) info = { 0 };

      g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
      write_both (inputs[i], sub, &ours_pdf, &cairo_pdf);
      assert_same_pages (sub, ours_pdf, cairo_pdf, 72);

      /* Its structure as qpdf and poppler check it: no warning. */
      run (&check, "qpdf", "--check", ours_pdf);
      if (check.status != 0 || strstr (check.out, "No syntax or stream encoding errors found") == NULL ||
          *check.err != '\0')
        g_error ("qpdf --check %s: exit %d: %s%s", ours_pdf, check.status, check.out, check.err);
      run (&info, "pdfinfo", ours_pdf);
      g_assert_cmpint (info.status, ==, 0);
      g_assert_cmpstr (info.err, ==, "");
      g_assert_nonnull (strstr (info.out, "Producer:        Jixiao"));
      g_assert_nonnull (strstr (info.out, "CreationDate:"));
      /* A viewer shows the table's title, not the file's name; the same
       * from cairo's writer. */
      g_assert_nonnull (strstr (info.out, "Title:           中国共产党广州市委员会组织部2024年项目支出绩效目标表(含转移支付项目)\n"));
      {
        g_auto(JxTestRun) cairo_info = { 0 };

        run (&cairo_info, "pdfinfo", cairo_pdf);
        g_assert_nonnull (strstr (cairo_info.out, "Title:           中国共产党广州市委员会组织部2024年项目支出绩效目标表(含转移支付项目)\n"));
      }
    }
}

/* A name with characters Noto CJK lacks prints in a fallback font, which
 * is embedded and subset like the CJK one, and reads back as it was typed. */
static void
test_pdf_fallback_font_text (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *input = georgian_variant (dir);
  g_autofree char *pdf = export_to (input, dir, "georgian.pdf", NULL);
  g_autofree char *flat = pdf_flat (pdf, 1);
  g_auto(JxTestRun) fonts = { 0 };
  g_auto(GStrv) lines = NULL;
  gboolean fallback = FALSE;

  g_assert_nonnull (strstr (flat, "社区党员活动经费ქართული"));
  run (&fonts, "pdffonts", pdf);
  g_assert_cmpint (fonts.status, ==, 0);
  lines = g_strsplit (fonts.out, "\n", -1);
  for (guint i = 2; lines[i]; i++)
    {
      /* "ABCDEF+DejaVuSans  CID TrueType  Identity-H  yes yes yes  9  0" */
      if (strstr (lines[i], "DejaVu") == NULL)
        continue;
      g_assert_true (g_regex_match_simple ("^[A-Z]{6}\\+DejaVuSans\\S* +CID TrueType +Identity-H +yes yes yes ",
                                           lines[i], 0, 0));
      fallback = TRUE;
    }
  if (!fallback)
    g_error ("no fallback font in the PDF: %s", fonts.out);
}

/* Characters no installed font has (plane 16's private use) show
 * as the boxes with their codes Pango draws, as printing shows them: the
 * export's pages are those of cairo's PDF surface. */
static void
test_pdf_missing_character_box (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *input = variant (dir, "missing.jixiao", "<name>社区党员活动经费</name>",
                                    "<name>社区党员活动经费\xF4\x8F\xBF\xBD\xF4\x8F\xBF\xBC结束</name>");
  g_autofree char *ours_pdf = NULL;
  g_autofree char *cairo_pdf = NULL;
  g_autofree char *flat = NULL;

  write_both (input, dir, &ours_pdf, &cairo_pdf);
  /* The boxes are small: at 144 dpi they are hundreds of pixels. */
  assert_same_pages (dir, ours_pdf, cairo_pdf, 144);
  /* The rest of the name reads on both sides of the box. */
  flat = pdf_flat (ours_pdf, 1);
  g_assert_nonnull (strstr (flat, "社区党员活动经费"));
  g_assert_nonnull (strstr (flat, "结束"));
}

/* A bold text in a font without a bold face (𝒜: only DejaVu Math TeX
 * Gyre has it, in Regular) is emboldened as fontconfig asks, as Print
 * draws it: the export's pages are those of cairo's PDF surface. */
static void
test_pdf_synthetic_bold (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *input = variant (dir, "bold.jixiao", "<title>中国共产党", "<title>𝒜𝒞𝒟𝒢中国共产党");
  g_autofree char *ours_pdf = NULL;
  g_autofree char *cairo_pdf = NULL;

  write_both (input, dir, &ours_pdf, &cairo_pdf);
  assert_same_pages (dir, ours_pdf, cairo_pdf, 144);
}

/* A font the PDF writer cannot embed (a variable font: Fedora's Noto CJK
 * is one; JX_PDF_WRITER_REFUSE_FONTS makes every font one) still prints:
 * the pages go through cairo's PDF surface, with all their text. */
static void
test_pdf_unsupported_font_falls_back (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autoptr(JxDocument) doc = load (example);
  g_autoptr(JxReportLayout) layout = jx_report_layout_new (doc, NULL, JX_REPORT_A4_LONG, JX_REPORT_A4_SHORT);
  g_autofree char *pdf = g_build_filename (dir, "fallback.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *flat = NULL;
  g_auto(JxTestRun) info = { 0 };
  gboolean ok;

  g_setenv ("JX_PDF_WRITER_REFUSE_FONTS", "1", TRUE);
  ok = jx_report_layout_write_pdf (layout, pdf, NULL, NULL, NULL, &error);
  g_unsetenv ("JX_PDF_WRITER_REFUSE_FONTS");
  g_assert_no_error (error);
  g_assert_true (ok);
  flat = pdf_flat (pdf, 0);
  g_assert_nonnull (strstr (flat, "中国共产党广州市委员会组织部2024年项目支出绩效目标表"));
  g_assert_nonnull (strstr (flat, "1、1-产出指标；11-数量指标；足额发放率；实施周期指标值：100%；年度指标值：100%。"));
  g_assert_cmpuint (pdf_pages (pdf), >, 1);
  run (&info, "pdfinfo", pdf);
  g_assert_nonnull (strstr (info.out, "Producer:        cairo"));
}

/* --- csv ----------------------------------------------------------------- */

static void
test_csv_shape (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *input = variant (dir, "quotes.jixiao", "<name>社区党员活动经费</name>",
                                    "<name>社区党员活动经费,含\"引号\"</name>");
  g_autofree char *csv = export_to (input, dir, "detail.csv", NULL);
  g_autofree char *text = read_text (csv);
  g_autoptr(JxDocument) doc = load (input);
  g_autoptr(GString) header = g_string_new ("\xEF\xBB\xBF资金使用单位,项目名称,总计");

  for (guint s = 0; s < jx_document_get_n_sources (doc); s++)
    g_string_append_printf (header, ",%s", jx_document_get_source (doc, s)->official);
  g_string_append (header, ",绩效目标,一级指标,二级指标,三级指标,实施周期指标值,年度指标值\r\n");

  /* UTF-8 with a BOM, the header from the field table, CRLF records. */
  g_assert_true (g_str_has_prefix (text, header->str));
  /* RFC 4180: a field with a comma or quote is quoted, quotes doubled;
   * amounts are plain decimals. */
  g_assert_nonnull (strstr (text, "\r\n中国共产党广州市委员会组织部,\"社区党员活动经费,含\"\"引号\"\"\",10464.80,10464.80,0.00,0.00,"));
  g_assert_null (strstr (text, "10,464.80"));
  g_assert_null (strstr (text + 3, "\xEF\xBB\xBF"));
}

/* --- last year's values -------------------------------------------------- */

/* convert --last-year: next year's table (new-year) with its 财政拨款 of
 * p1 raised: the csv gains 上年总计 and 上年年度指标值, the PDF a 上年总计
 * column and "（上年：…）" after annual values; without the option neither. */
static void
test_last_year_columns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *next = g_build_filename (dir, "next.jixiao", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *plain_csv = NULL;
  g_autofree char *plain_text = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *pdf_flat = NULL;
  g_autofree char *plain_pdf = NULL;
  g_autofree char *plain_flat = NULL;
  g_autofree char *refused = g_build_filename (dir, "copy.jixiao", NULL);
  g_auto(JxTestRun) r = { 0 };
  g_auto(JxTestRun) bad = { 0 };
  const char *p1, *previous;
  gsize at;

  run (&r, g_getenv ("JX_CLI"), "new-year", example, "-o", next);
  g_assert_cmpint (r.status, ==, 0);
  /* This year 11,000.00; last year's 10,464.80 kept in <previous>. */
  text = read_text (next);
  s = g_string_new (text);
  p1 = strstr (s->str, "<project id=\"p1\" fiscal=\"10464.80\"");
  g_assert_nonnull (p1);
  at = p1 - s->str;
  g_string_overwrite (s, at + strlen ("<project id=\"p1\" fiscal=\""), "11000.00");
  previous = strstr (s->str + at, "<previous year=\"2024\"/>");
  g_assert_nonnull (previous);
  g_string_insert (s, previous - s->str + strlen ("<previous year=\"2024\""), " fiscal=\"10464.80\"");
  g_assert_true (g_file_set_contents (next, s->str, -1, NULL));

  csv = export_to (next, dir, "last.csv", "--last-year");
  csv_text = read_text (csv);
  g_assert_nonnull (strstr (csv_text, ",实施周期指标值,年度指标值,上年总计,上年年度指标值\r\n"));
  g_assert_nonnull (strstr (csv_text, ",社区党员活动经费,11000.00,11000.00,"));
  g_assert_nonnull (strstr (csv_text, ",10464.80,100%\r\n"));
  plain_csv = export_to (next, dir, "plain.csv", NULL);
  plain_text = read_text (plain_csv);
  g_assert_null (strstr (plain_text, "上年"));
  g_assert_null (strstr (plain_text, "10464.80"));

  pdf = export_to (next, dir, "last.pdf", "--last-year");
  {
    g_autofree char *t = pdf_text (pdf, 1);
    pdf_flat = squeeze (t);
  }
  g_assert_nonnull (strstr (pdf_flat, "上年总计"));
  g_assert_nonnull (strstr (pdf_flat, "10,464.80"));
  g_assert_nonnull (strstr (pdf_flat, "（上年：100%）"));
  plain_pdf = export_to (next, dir, "plain.pdf", NULL);
  {
    g_autofree char *t = pdf_text (plain_pdf, 1);
    plain_flat = squeeze (t);
  }
  g_assert_null (strstr (plain_flat, "上年"));

  /* Only exports have last year's columns. */
  run (&bad, g_getenv ("JX_CLI"), "convert", "--last-year", next, refused);
  g_assert_cmpint (bad.status, ==, 64);
  g_assert_nonnull (strstr (bad.err, "--last-year"));
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
}

/* --- xlsx row heights --------------------------------------------------- */

/* The XML of @member in the zip archive @xlsx (python3's zipfile reads it:
 * python3 is among the packages CI installs). */
static char *
xlsx_member (const char *xlsx,
             const char *member)
{
  g_auto(JxTestRun) r = { 0 };

  run (&r, "python3", "-c",
       "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
       xlsx, member);
  g_assert_cmpint (r.status, ==, 0);
  return g_steal_pointer (&r.out);
}

/* The height in points set on the sheet row that holds the cell text
 * @text (0 when the row has none: a spreadsheet shows it one line high). */
static double
row_height_of (const char *sheet_xml,
               const char *text)
{
  g_autofree char *needle = g_strdup_printf ("<t>%s</t>", text);
  const char *cell = strstr (sheet_xml, needle);
  const char *row = NULL, *end, *ht;

  if (cell == NULL)
    g_error ("no cell “%s” in the sheet", text);
  for (const char *p = sheet_xml; (p = strstr (p, "<row ")) && p < cell; p++)
    row = p;
  g_assert_nonnull (row);
  end = strchr (row, '>');
  ht = strstr (row, " ht=\"");
  if (ht == NULL || ht > end)
    return 0;
  return g_ascii_strtod (ht + strlen (" ht=\""), NULL);
}

/* Spreadsheets do not grow a row that a program wrote: each project row of
 * 绩效目标表 carries a height that shows every line of its longest cell
 * (LibreOffice printed one line of each goal without it). */
static void
test_xlsx_row_heights (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autoptr(GString) goal = g_string_new ("<goal>");
  g_autofree char *input = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *sheet_xml = NULL;
  guint n_chars, lines;
  double long_row, short_row;

  /* 社区党员活动经费 (p1) gets a goal of about 30 lines in its column, which is
   * 40 units wide: 20 Chinese characters a line. */
  while ((n_chars = (guint) g_utf8_strlen (goal->str + strlen ("<goal>"), -1)) < 600)
    g_string_append (goal, "按标准安排给社区党组织用于保障党建工作需要的补助经费。");
  g_string_append (goal, "</goal>");
  input = variant (dir, "long-goal.jixiao", "<goal></goal>", goal->str);
  xlsx = export_to (input, dir, "rows.xlsx", NULL);
  sheet_xml = xlsx_member (xlsx, "xl/worksheets/sheet1.xml");

  lines = (n_chars + 19) / 20;
  long_row = row_height_of (sheet_xml, "社区党员活动经费");
  /* At least a 10-point font's line (12 pt) per line, within Excel's
   * largest row height (409 pt). */
  if (long_row < MIN (lines * 12.0, 409))
    g_error ("the row of a goal of %u lines is %g pt high: its text is cut off", lines, long_row);
  g_assert_cmpfloat (long_row, <=, 409);

  /* A project with a shorter text gets a row of its own height, not the
   * largest one, and still more than one line. */
  short_row = row_height_of (sheet_xml, "社区办公经费补助");
  g_assert_cmpfloat (short_row, >, 2 * 12.0);
  g_assert_cmpfloat (short_row, <, long_row);
}

/* A 万元 table kept to the 元: the csv, the PDF and the xlsx show its four
 * decimals, never rounded to two. */
static void
test_four_decimals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *input = g_test_build_filename (G_TEST_DIST, "fixtures", "central-4-decimals.jixiao", NULL);
  g_autofree char *csv = export_to (input, dir, "detail.csv", NULL);
  g_autofree char *pdf = export_to (input, dir, "table.pdf", NULL);
  g_autofree char *xlsx = export_to (input, dir, "table.xlsx", NULL);
  g_autofree char *text = read_text (csv);
  g_autofree char *flat = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *sheet = NULL;

  g_assert_nonnull (strstr (text, ",农村公路养护补助,6923.4000,6923.3552,0.0448,"));
  g_assert_nonnull (strstr (text, ",普通国省道安全设施,120.0001,120.0001,0.0000,"));
  g_assert_null (strstr (text, "6923.36"));

  flat = pdf_flat (pdf, 0);
  g_assert_nonnull (strstr (flat, "6,923.3552"));
  g_assert_nonnull (strstr (flat, "7,043.4001"));   /* 合计 */

  /* The workbook's amounts are numbers shown with four decimals. */
  styles = xlsx_member (xlsx, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "#,##0.0000"));
  g_assert_null (strstr (styles, "\"#,##0.00\""));
  sheet = xlsx_member (xlsx, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "<v>6923.3552</v>"));
  g_assert_nonnull (strstr (sheet, "<v>7043.4001</v>"));
}

/* The columns come from the template: the csv of a Sichuan table has its
 * 指标性质 … 指标方向性, a central one its two goals and 中长期 values, and the
 * PDF prints both goals and each value under the template's label. */
static void
test_template_columns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *sichuan = g_test_build_filename (G_TEST_DIST, "fixtures", "sichuan.jixiao", NULL);
  g_autofree char *central = g_test_build_filename (G_TEST_DIST, "fixtures", "central-4-decimals.jixiao", NULL);
  g_autofree char *s_csv = export_to (sichuan, dir, "s.csv", NULL);
  g_autofree char *c_csv = export_to (central, dir, "c.csv", NULL);
  g_autofree char *c_pdf = export_to (central, dir, "c.pdf", NULL);
  g_autofree char *s_text = read_text (s_csv);
  g_autofree char *c_text = read_text (c_csv);
  g_autofree char *flat = pdf_flat (c_pdf, 0);

  g_assert_true (g_str_has_prefix (s_text, "\xEF\xBB\xBF资金使用单位,项目名称,总计,财政拨款,单位资金,上年结转,其他资金,"
                                           "年度目标,一级指标,二级指标,三级指标,指标性质,指标值,度量单位,权重,指标方向性\r\n"));
  g_assert_nonnull (strstr (s_text, ",维护社会稳定,≥,95,%,10,正向指标\r\n"));
  g_assert_true (g_str_has_prefix (c_text, "\xEF\xBB\xBF资金使用单位,项目名称,总计,财政拨款,其他资金,中长期目标,年度目标,"
                                           "一级指标,二级指标,三级指标,中长期指标值,年度指标值\r\n"));
  g_assert_nonnull (strstr (c_text, ",三年内农村公路优良路率达到85%,完成农村公路养护任务,1-产出指标,11-数量指标,养护里程,"
                                    "≥3000公里,≥1000公里\r\n"));
  /* Cells wrap beside each other: their starts are whole. */
  g_assert_nonnull (strstr (flat, "中长期目标：三年内"));
  g_assert_nonnull (strstr (flat, "年度目标：完成"));
  g_assert_nonnull (strstr (flat, "中长期指标值：≥3000公里；年度指标"));
}

/* --- bad output paths ---------------------------------------------------- */

static gboolean
dir_is_empty_but (const char *dir,
                  const char *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)))
    if (!g_str_equal (name, keep))
      return FALSE;
  return TRUE;
}

static void
test_unwritable_and_existing (void)
{
  static const char *exts[] = { "pdf", "xlsx", "csv" };
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *blocker = g_build_filename (dir, "not-a-folder", NULL);

  /* A "folder" that is a file: no one can write in it, not even root. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("out.%s", exts[i]);
      g_autofree char *bad = g_build_filename (blocker, name, NULL);
      g_autofree char *missing = g_build_filename (dir, "no-such-folder", name, NULL);
      g_autofree char *existing = g_build_filename (dir, name, NULL);
      g_autofree char *before = NULL;
      g_auto(JxTestRun) r1 = { 0 };
      g_auto(JxTestRun) r2 = { 0 };
      g_auto(JxTestRun) r3 = { 0 };
      g_auto(JxTestRun) r4 = { 0 };

      run (&r1, g_getenv ("JX_CLI"), "convert", example, bad);
      g_assert_cmpint (r1.status, ==, 3);
      g_assert_nonnull (strstr (r1.err, bad));
      run (&r2, g_getenv ("JX_CLI"), "convert", example, missing);
      g_assert_cmpint (r2.status, ==, 3);
      g_assert_nonnull (strstr (r2.err, "nothing was written"));
      g_assert_true (dir_is_empty_but (dir, "not-a-folder"));

      /* An existing file stays as it was without --force. */
      g_assert_true (g_file_set_contents (existing, "keep me", -1, NULL));
      run (&r3, g_getenv ("JX_CLI"), "convert", example, existing);
      g_assert_cmpint (r3.status, ==, 3);
      g_assert_nonnull (strstr (r3.err, "--force"));
      before = read_text (existing);
      g_assert_cmpstr (before, ==, "keep me");
      run (&r4, g_getenv ("JX_CLI"), "convert", "--force", example, existing);
      g_assert_cmpint (r4.status, ==, 0);
      {
        g_autofree char *after = read_text (existing);

        g_assert_cmpstr (after, !=, "keep me");
      }
      g_unlink (existing);
      /* No temporary file left beside it. */
      g_assert_true (dir_is_empty_but (dir, "not-a-folder"));
    }
}

/* --- read back by LibreOffice -------------------------------------------- */

/* LibreOffice's csv export of a sheet: rows of fields (RFC 4180). */
static GPtrArray *
parse_csv (const char *path)
{
  g_autofree char *text = read_text (path);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p)
    {
      if (*p == '"')
        {
          for (p++; *p; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, '"'), p++;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          continue;
        }
      if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (*p == '\n' || *p == '\r')
        {
          if (*p == '\r' && p[1] == '\n')
            p++;
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
      p++;
    }
  if (field->len || row->len)
    {
      g_ptr_array_add (row, g_string_free (field, FALSE));
      g_ptr_array_add (rows, row);
    }
  else
    {
      g_string_free (field, TRUE);
      g_ptr_array_unref (row);
    }
  return rows;
}

static const char *
cell (GPtrArray *rows,
      guint      r,
      guint      c)
{
  GPtrArray *row = g_ptr_array_index (rows, r);

  return c < row->len ? g_ptr_array_index (row, c) : "";
}

/* A number as LibreOffice wrote it ("10464.8") equals @amount exactly. */
static void
assert_amount (const char *text,
               JxMoney     amount,
               const char *where)
{
  const char *dot = strchr (text, '.');
  g_autofree char *exact = NULL;
  JxMoney value;

  /* "10464.8" → "10464.80"; "2" → "2.00": then the file form, exactly. */
  if (dot == NULL)
    exact = g_strconcat (text, ".00", NULL);
  else if (strlen (dot) == 2)
    exact = g_strconcat (text, "0", NULL);
  else
    exact = g_strdup (text);
  if (!jx_money_from_decimal (exact, strlen (exact), &value) || value != amount)
    {
      g_autofree char *want = jx_money_to_decimal (amount);
      g_error ("%s: LibreOffice reads “%s”, the document holds %s", where, text, want);
    }
}

static char *
code_cell (const char *code)
{
  return g_strdup (code);
}

/* The 指标明细 rows (sheet or csv) against the document, in order. */
static void
check_detail (GPtrArray  *rows,
              JxDocument *doc,
              const char *what)
{
  guint n_sources = jx_document_get_n_sources (doc), r = 1, n_indicator_rows = 0;
  GListModel *units = jx_document_get_units (doc);

  g_assert_cmpstr (cell (rows, 0, 0), ==, "资金使用单位");
  g_assert_cmpstr (cell (rows, 0, 1), ==, "项目名称");
  g_assert_cmpstr (cell (rows, 0, 3 + n_sources + 2), ==, "二级指标");
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);
          GListModel *indicators = jx_project_get_indicators (project);
          guint n = jx_project_get_confidential (project) ? 0 : g_list_model_get_n_items (indicators);

          for (guint i = 0; i < MAX (n, 1); i++, r++)
            {
              g_autofree char *where = g_strdup_printf ("%s row %u (%s)", what, r + 1, jx_project_get_name (project));
              guint t = 3 + n_sources;

              g_assert_cmpuint (r, <, rows->len);
              g_assert_cmpstr (cell (rows, r, 0), ==, jx_funding_unit_get_name (unit));
              g_assert_cmpstr (cell (rows, r, 1), ==, jx_project_get_name (project));
              assert_amount (cell (rows, r, 2), jx_project_get_total (project), where);
              for (guint s = 0; s < n_sources; s++)
                assert_amount (cell (rows, r, 3 + s), jx_project_get_source (project, s), where);
              if (jx_project_get_confidential (project))
                {
                  g_assert_cmpstr (cell (rows, r, t), ==, NOTICE);
                  for (guint k = 1; k < 6; k++)
                    g_assert_cmpstr (cell (rows, r, t + k), ==, "");
                  continue;
                }
              g_assert_cmpstr (cell (rows, r, t), ==, jx_project_get_goal (project));
              if (n == 0)
                {
                  g_assert_cmpstr (cell (rows, r, t + 3), ==, "");
                  continue;
                }
              {
                g_autoptr(JxIndicator) ind = g_list_model_get_item (indicators, i);
                g_autofree char *cat = code_cell (jx_indicator_get_category (ind));
                g_autofree char *sub = code_cell (jx_indicator_get_subcategory (ind));

                /* "1-产出指标": the code, then the scheme's name. */
                g_assert_true (g_str_has_prefix (cell (rows, r, t + 1), cat));
                g_assert_true (g_str_has_prefix (cell (rows, r, t + 2), sub));
                g_assert_cmpstr (cell (rows, r, t + 3), ==, jx_indicator_get_name (ind));
                g_assert_cmpstr (cell (rows, r, t + 4), ==, jx_indicator_get_cycle_value (ind));
                g_assert_cmpstr (cell (rows, r, t + 5), ==, jx_indicator_get_annual_value (ind));
                n_indicator_rows++;
              }
            }
        }
    }
  /* Nothing after the last project. */
  g_assert_cmpuint (r, ==, rows->len);
  if (jx_document_get_n_indicators (doc) > 0)
    g_assert_cmpuint (n_indicator_rows, >, 0);
}

/* The 绩效目标表 sheet: title, 合计 as a number, units and projects. */
static void
check_table (GPtrArray  *rows,
             JxDocument *doc,
             const char *what)
{
  guint n_sources = jx_document_get_n_sources (doc), r = 3, n_projects = 0;
  GListModel *units = jx_document_get_units (doc);
  g_autofree JxMoney *sums = g_new0 (JxMoney, n_sources);

  g_assert_true (g_str_has_prefix (cell (rows, 0, 0), jx_document_get_title (doc)));
  g_assert_cmpstr (cell (rows, 2, 0), ==, "项目名称(资金使用单位)");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "合计");
  assert_amount (cell (rows, 3, 1), jx_document_get_total (doc), "合计");
  for (guint u = 0; u < g_list_model_get_n_items (units); u++)
    {
      g_autoptr(JxFundingUnit) unit = g_list_model_get_item (units, u);
      GListModel *projects = jx_funding_unit_get_projects (unit);

      r++;
      g_assert_cmpstr (cell (rows, r, 0), ==, jx_funding_unit_get_name (unit));
      assert_amount (cell (rows, r, 1), jx_funding_unit_get_total (unit), what);
      for (guint p = 0; p < g_list_model_get_n_items (projects); p++)
        {
          g_autoptr(JxProject) project = g_list_model_get_item (projects, p);

          r++;
          g_assert_cmpstr (cell (rows, r, 0), ==, jx_project_get_name (project));
          assert_amount (cell (rows, r, 1), jx_project_get_total (project), what);
          for (guint s = 0; s < n_sources; s++)
            {
              assert_amount (cell (rows, r, 2 + s), jx_project_get_source (project, s), what);
              sums[s] += jx_project_get_source (project, s);
            }
          if (jx_project_get_confidential (project))
            {
              g_assert_cmpstr (cell (rows, r, 2 + n_sources), ==, NOTICE);
              g_assert_cmpstr (cell (rows, r, 3 + n_sources), ==, "");
            }
          else
            g_assert_cmpstr (cell (rows, r, 2 + n_sources), ==, jx_project_get_goal (project));
          n_projects++;
        }
    }
  for (guint s = 0; s < n_sources; s++)
    assert_amount (cell (rows, 3, 2 + s), sums[s], "合计");
  g_assert_cmpuint (n_projects, ==, jx_document_get_n_projects (doc));
}

static GPtrArray *
sheet (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("LibreOffice wrote no %s", path);
  return parse_csv (path);
}

static void
assert_no_secret (const char *path)
{
  g_autofree char *text = read_text (path);

  g_assert_null (strstr (text, "机密"));
  g_assert_null (strstr (text, "XQZ"));
}

/* One LibreOffice run reads both sheets of two workbooks and a csv. */
static void
test_libreoffice_reads_exports (void)
{
  g_autofree char *dir = g_dir_make_tmp ("jx-export-XXXXXX", NULL);
  g_autofree char *outdir = g_build_filename (dir, "lo", NULL);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
  g_autofree char *example = jx_test_example_path ();
  g_autofree char *secret = confidential_variant (dir);
  g_autofree char *xlsx = export_to (example, dir, "table.xlsx", NULL);
  g_autofree char *secret_xlsx = export_to (secret, dir, "secret.xlsx", NULL);
  g_autofree char *csv = export_to (example, dir, "detail.csv", NULL);
  g_autofree char *secret_csv = export_to (secret, dir, "secretdetail.csv", NULL);
  g_autofree char *secret_pdf = export_to (secret, dir, "secret.pdf", NULL);
  g_autoptr(JxDocument) doc = load (example);
  g_autoptr(JxDocument) secret_doc = load (secret);
  g_auto(JxTestRun) lo = { 0 };
  g_auto(JxTestRun) lo_csv = { 0 };

  /* Every sheet to its own csv, UTF-8, values not as shown (raw numbers). */
  run (&lo, "soffice", profile, "--headless", "--norestore",
       "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
       "--outdir", outdir, xlsx, secret_xlsx);
  if (lo.status != 0)
    g_error ("soffice failed (%d): %s %s", lo.status, lo.out, lo.err);
  /* Our csv, read by LibreOffice's csv import (the BOM says UTF-8). */
  {
    g_autofree char *csvdir = g_build_filename (outdir, "csv", NULL);

    run (&lo_csv, "soffice", profile, "--headless", "--norestore",
         "--infilter=CSV:44,34,76,1", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false",
         "--outdir", csvdir, csv, secret_csv);
    if (lo_csv.status != 0)
      g_error ("soffice failed (%d): %s %s", lo_csv.status, lo_csv.out, lo_csv.err);
  }

  {
    g_autoptr(GPtrArray) table = sheet (outdir, "table-绩效目标表.csv");
    g_autoptr(GPtrArray) detail = sheet (outdir, "table-指标明细.csv");
    g_autoptr(GPtrArray) secret_table = sheet (outdir, "secret-绩效目标表.csv");
    g_autoptr(GPtrArray) secret_detail = sheet (outdir, "secret-指标明细.csv");
    g_autofree char *csvdir = g_build_filename (outdir, "csv", NULL);
    g_autoptr(GPtrArray) detail_csv = sheet (csvdir, "detail.csv");
    g_autoptr(GPtrArray) secret_detail_csv = sheet (csvdir, "secretdetail.csv");
    g_autofree char *p1 = g_build_filename (outdir, "secret-绩效目标表.csv", NULL);
    g_autofree char *p2 = g_build_filename (outdir, "secret-指标明细.csv", NULL);
    g_autofree char *pdf_flat = pdf_text (secret_pdf, 0);

    check_table (table, doc, "绩效目标表");
    check_detail (detail, doc, "指标明细");
    check_detail (detail_csv, doc, "csv");
    check_table (secret_table, secret_doc, "绩效目标表 (涉密)");
    check_detail (secret_detail, secret_doc, "指标明细 (涉密)");
    check_detail (secret_detail_csv, secret_doc, "csv (涉密)");

    /* The confidential goal and indicator are in no export. */
    assert_no_secret (p1);
    assert_no_secret (p2);
    assert_no_secret (secret_csv);
    g_assert_null (strstr (pdf_flat, "机密"));
    g_assert_null (strstr (pdf_flat, "XQZ"));
    {
      g_autofree char *flat = squeeze (pdf_flat);
      g_assert_nonnull (strstr (flat, NOTICE));
    }
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  jx_init ();

  g_test_add_func ("/export/pdf/official-layout", test_pdf_official_layout);
  g_test_add_func ("/export/pdf/comments-appendix", test_pdf_comments);
  g_test_add_func ("/export/pdf/long-goal-and-fallback-font", test_pdf_long_goal_and_fallback);
  g_test_add_func ("/export/pdf/same-in-every-locale", test_pdf_same_in_every_locale);
  g_test_add_func ("/export/pdf/writer-draws-as-cairo", test_pdf_writer_draws_as_cairo);
  g_test_add_func ("/export/pdf/fallback-font-text", test_pdf_fallback_font_text);
  g_test_add_func ("/export/pdf/unsupported-font-falls-back", test_pdf_unsupported_font_falls_back);
  g_test_add_func ("/export/pdf/missing-character-box", test_pdf_missing_character_box);
  g_test_add_func ("/export/pdf/synthetic-bold", test_pdf_synthetic_bold);
  g_test_add_func ("/export/csv/shape", test_csv_shape);
  g_test_add_func ("/export/last-year/columns", test_last_year_columns);
  g_test_add_func ("/export/xlsx/row-heights", test_xlsx_row_heights);
  g_test_add_func ("/export/four-decimals", test_four_decimals);
  g_test_add_func ("/export/template-columns", test_template_columns);
  g_test_add_func ("/export/cli/unwritable-or-existing-output", test_unwritable_and_existing);
  g_test_add_func ("/export/libreoffice/reads-every-value", test_libreoffice_reads_exports);
  return g_test_run ();
}
