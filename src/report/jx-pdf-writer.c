/* jx-pdf-writer.c: the report's pages written as PDF directly
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <zlib.h>
#include <pango/pangofc-font.h>

#include "jx-pdf-writer.h"

/* Deflate level of every stream: the fastest; the text of a table and a
 * font subset compress nearly as well as with the default level. */
#define DEFLATE_LEVEL 1

/* Objects with fixed numbers; the rest are numbered as they are needed. */
enum {
  OBJ_CATALOG = 1,
  OBJ_PAGES,
  OBJ_RESOURCES,
  OBJ_INFO,
  OBJ_FIRST_FREE
};

typedef enum {
  FACE_CFF_CID,      /* CID-keyed CFF (Noto CJK): CIDs from the CFF charset */
  FACE_CFF_NAMED,    /* name-keyed CFF: CID = glyph index, glyph indices kept */
  FACE_TRUETYPE,     /* glyf: CID = glyph index, glyph indices kept */
  FACE_UNSUPPORTED,  /* variable (fvar), CFF2, bitmap-only: see jx_pdf_writer_get_unsupported() */
} FaceKind;

/* A font face (file and index) the pages use: one PDF font. */
typedef struct {
  hb_face_t  *face;
  hb_font_t  *metrics;       /* at the face's units per em */
  FaceKind    kind;
  guint       number;        /* /F<number> */
  guint       object;        /* the Type0 font's object */
  guint       n_glyphs;
  int        *widths;        /* per glyph: its advance in 1/1000 em; G_MININT unused */
  GHashTable *texts;         /* glyph → the text it shows (UTF-8), for ToUnicode */
} Face;

/* A PangoFont as drawn: its face and size. */
typedef struct {
  Face     *face;
  double    size;
  gboolean  synthetic;       /* emboldened or slanted by FreeType when drawn */
} FontUse;

typedef struct {
  JxReportCanvas  parent;
  JxPdfWriter    *writer;
} PdfCanvas;

struct _JxPdfWriter
{
  PdfCanvas    canvas;
  FILE        *file;
  char        *path;
  guint64      offset;       /* bytes written */
  int          write_errno;  /* the first failed write's errno, or 0 */
  double       width;
  double       height;
  char        *title;        /* nullable */

  GArray      *objects;      /* guint64 offsets, indexed by object number */
  GArray      *pages;        /* guint page object numbers */
  GString     *content;      /* the current page's content stream */
  GString     *scratch;      /* for deflating and object text */

  GHashTable  *faces;        /* hb_face_t * → Face */
  GPtrArray   *face_list;    /* of Face, in order of first use */
  GHashTable  *fonts;        /* PangoFont * (a reference) → FontUse */

  /* Graphics state of the current page. */
  double       line_width;
  gboolean     unsupported;  /* a face was met that cannot be embedded */
  Face        *text_face;
  double       text_size;
};

/* --- output -------------------------------------------------------------- */

static void
out (JxPdfWriter *self,
     const void  *data,
     gsize        len)
{
  if (self->write_errno != 0 || len == 0)
    return;
  if (fwrite (data, 1, len, self->file) != len)
    self->write_errno = errno ? errno : EIO;
  self->offset += len;
}

static void
out_str (JxPdfWriter *self,
         const char  *text)
{
  out (self, text, strlen (text));
}

G_GNUC_PRINTF (2, 3)
static void
out_printf (JxPdfWriter *self,
            const char  *format,
            ...)
{
  va_list args;

  g_string_truncate (self->scratch, 0);
  va_start (args, format);
  g_string_append_vprintf (self->scratch, format, args);
  va_end (args);
  out (self, self->scratch->str, self->scratch->len);
}

static guint
new_object (JxPdfWriter *self)
{
  guint64 none = 0;

  g_array_append_val (self->objects, none);
  return self->objects->len - 1;
}

static void
begin_object (JxPdfWriter *self,
              guint        number)
{
  g_array_index (self->objects, guint64, number) = self->offset;
  out_printf (self, "%u 0 obj\n", number);
}

static void
end_object (JxPdfWriter *self)
{
  out_str (self, "endobj\n");
}

/* A stream object of @data, deflated unless @raw; @dict: more entries, or "". */
static void
write_stream_full (JxPdfWriter *self,
                   guint        number,
                   const char  *dict,
                   const void  *data,
                   gsize        len,
                   gboolean     raw)
{
  uLongf packed_len = compressBound ((uLong) len);
  g_autofree Bytef *packed = raw ? NULL : g_malloc (packed_len);

  if (!raw && compress2 (packed, &packed_len, data, (uLong) len, DEFLATE_LEVEL) != Z_OK)
    g_error ("deflate failed on %" G_GSIZE_FORMAT " bytes", len);
  begin_object (self, number);
  out_printf (self, "<< /Length %lu%s%s%s >>\nstream\n", raw ? (unsigned long) len : (unsigned long) packed_len,
              raw ? "" : " /Filter /FlateDecode", *dict ? " " : "", dict);
  if (raw)
    out (self, data, len);
  else
    out (self, packed, packed_len);
  out_str (self, "\nendstream\n");
  end_object (self);
}

static void
write_stream (JxPdfWriter *self,
              guint        number,
              const char  *dict,
              const void  *data,
              gsize        len)
{
  write_stream_full (self, number, dict, data, len, FALSE);
}

/* @value with at most three decimals, without trailing zeros: numbers in
 * content streams are written often, printf's %g is slow. */
static void
append_number (GString *s,
               double   value)
{
  gint64 v = (gint64) llround (value * 1000);
  gint64 whole, frac;
  char buf[32];
  int n = 0;

  if (v < 0)
    {
      g_string_append_c (s, '-');
      v = -v;
    }
  whole = v / 1000;
  frac = v % 1000;
  /* The whole part, digits reversed into buf. */
  do
    buf[n++] = (char) ('0' + whole % 10);
  while ((whole /= 10) > 0 && n < 20);
  while (n > 0)
    g_string_append_c (s, buf[--n]);
  if (frac != 0)
    {
      g_string_append_c (s, '.');
      g_string_append_c (s, (char) ('0' + frac / 100));
      if (frac % 100 != 0)
        {
          g_string_append_c (s, (char) ('0' + frac / 10 % 10));
          if (frac % 10 != 0)
            g_string_append_c (s, (char) ('0' + frac % 10));
        }
    }
}

static void
append_numbers (GString      *s,
                const double *values,
                guint         n,
                const char   *op)
{
  for (guint i = 0; i < n; i++)
    {
      append_number (s, values[i]);
      g_string_append_c (s, ' ');
    }
  g_string_append (s, op);
  g_string_append_c (s, '\n');
}

static void
append_hex4 (GString *s,
             guint    value)
{
  static const char digits[] = "0123456789ABCDEF";

  g_string_append_c (s, digits[(value >> 12) & 15]);
  g_string_append_c (s, digits[(value >> 8) & 15]);
  g_string_append_c (s, digits[(value >> 4) & 15]);
  g_string_append_c (s, digits[value & 15]);
}

/* --- faces --------------------------------------------------------------- */

static guint
read_u16 (const guint8 *p)
{
  return (guint) p[0] << 8 | p[1];
}

static int
read_s16 (const guint8 *p)
{
  return (gint16) read_u16 (p);
}

/* Whether the CFF table @data is CID-keyed: its Top DICT has the ROS
 * operator (12 30). The DICT is walked operand by operand, since operand
 * bytes may hold 12 and 30 too. */
static gboolean
cff_is_cid (const guint8 *data,
            gsize         len)
{
  gsize pos, count, off_size, first, last;
  const guint8 *dict, *end;

  if (len < 4)
    return FALSE;
  pos = data[2];                          /* header size */
  /* Skip the Name INDEX. */
  if (pos + 3 > len)
    return FALSE;
  count = read_u16 (data + pos);
  if (count > 0)
    {
      off_size = data[pos + 2];
      if (off_size < 1 || off_size > 4 || pos + 3 + (count + 1) * off_size > len)
        return FALSE;
      last = 0;
      for (gsize b = 0; b < off_size; b++)
        last = last << 8 | data[pos + 3 + count * off_size + b];
      pos = pos + 3 + (count + 1) * off_size + last - 1;
    }
  else
    pos += 2;
  /* The Top DICT INDEX: its first DICT. */
  if (pos + 3 > len || read_u16 (data + pos) == 0)
    return FALSE;
  count = read_u16 (data + pos);
  off_size = data[pos + 2];
  if (off_size < 1 || off_size > 4 || pos + 3 + (count + 1) * off_size > len)
    return FALSE;
  first = last = 0;
  for (gsize b = 0; b < off_size; b++)
    {
      first = first << 8 | data[pos + 3 + b];
      last = last << 8 | data[pos + 3 + off_size + b];
    }
  pos = pos + 3 + (count + 1) * off_size - 1;
  if (first < 1 || last < first || pos + last > len)
    return FALSE;
  dict = data + pos + first;
  end = data + pos + last;
  while (dict < end)
    {
      guint8 b0 = *dict;

      if (b0 == 12)
        {
          if (dict + 1 < end && dict[1] == 30)
            return TRUE;
          dict += 2;
        }
      else if (b0 <= 21)
        dict += 1;                      /* an operator */
      else if (b0 == 28)
        dict += 3;
      else if (b0 == 29)
        dict += 5;
      else if (b0 == 30)
        {
          /* A real: nibbles up to one that is 0xf. */
          for (dict++; dict < end; dict++)
            if ((*dict & 0x0f) == 0x0f || (*dict & 0xf0) == 0xf0)
              {
                dict++;
                break;
              }
        }
      else if (b0 >= 32 && b0 <= 246)
        dict += 1;
      else if (b0 >= 247 && b0 <= 254)
        dict += 2;
      else
        dict += 1;
    }
  return FALSE;
}

static gboolean
face_has_table (hb_face_t *face,
                hb_tag_t   tag)
{
  hb_blob_t *blob = hb_face_reference_table (face, tag);
  gboolean has = hb_blob_get_length (blob) > 0;

  hb_blob_destroy (blob);
  return has;
}

static void
face_free (Face *face)
{
  hb_font_destroy (face->metrics);
  hb_face_destroy (face->face);
  g_free (face->widths);
  g_hash_table_unref (face->texts);
  g_free (face);
}

static Face *
face_for (JxPdfWriter *self,
          hb_face_t   *hb_face)
{
  Face *face = g_hash_table_lookup (self->faces, hb_face);

  if (face != NULL)
    return face;

  face = g_new0 (Face, 1);
  face->face = hb_face_reference (hb_face);
  face->metrics = hb_font_create (hb_face);
  face->n_glyphs = hb_face_get_glyph_count (hb_face);
  face->widths = g_new (int, MAX (face->n_glyphs, 1));
  for (guint i = 0; i < face->n_glyphs; i++)
    face->widths[i] = G_MININT;
  face->texts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  /* A variable font's instances share its face, and its outlines and
   * advances depend on the instance: neither can be embedded as it is. */
  if (face_has_table (hb_face, HB_TAG ('f', 'v', 'a', 'r')) || g_getenv ("JX_PDF_WRITER_REFUSE_FONTS") != NULL)
    face->kind = FACE_UNSUPPORTED;
  else if (face_has_table (hb_face, HB_TAG ('C', 'F', 'F', ' ')))
    {
      hb_blob_t *cff = hb_face_reference_table (hb_face, HB_TAG ('C', 'F', 'F', ' '));
      unsigned int len = 0;
      const char *data = hb_blob_get_data (cff, &len);

      face->kind = cff_is_cid ((const guint8 *) data, len) ? FACE_CFF_CID : FACE_CFF_NAMED;
      hb_blob_destroy (cff);
    }
  else if (face_has_table (hb_face, HB_TAG ('g', 'l', 'y', 'f')))
    face->kind = FACE_TRUETYPE;
  else
    face->kind = FACE_UNSUPPORTED;
  if (face->kind == FACE_UNSUPPORTED)
    self->unsupported = TRUE;
  face->number = self->face_list->len + 1;
  face->object = new_object (self);
  g_hash_table_insert (self->faces, hb_face, face);
  g_ptr_array_add (self->face_list, face);
  return face;
}

static FontUse *
font_use (JxPdfWriter *self,
          PangoFont   *font)
{
  FontUse *use = g_hash_table_lookup (self->fonts, font);

  if (use == NULL)
    {
      PangoFontDescription *desc = pango_font_describe_with_absolute_size (font);
      hb_font_t *hb_font = pango_font_get_hb_font (font);

      use = g_new0 (FontUse, 1);
      use->face = face_for (self, hb_font_get_face (hb_font));
      /* Device units, which are points here (a resolution of 72). */
      use->size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
      pango_font_description_free (desc);
      /* A bold face the font lacks (fontconfig's "embolden") or a slant
       * made by a matrix: cairo has FreeType change the outlines. */
      if (PANGO_IS_FC_FONT (font))
        {
          FcPattern *pattern = pango_fc_font_get_pattern (PANGO_FC_FONT (font));
          FcBool embolden = FcFalse;
          FcMatrix *matrix = NULL;

          use->synthetic = (FcPatternGetBool (pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch && embolden) ||
                           (FcPatternGetMatrix (pattern, FC_MATRIX, 0, &matrix) == FcResultMatch &&
                            (matrix->xx != 1 || matrix->xy != 0 || matrix->yx != 0 || matrix->yy != 1));
        }
      g_hash_table_insert (self->fonts, g_object_ref (font), use);
    }
  return use;
}

/* @glyph's advance in 1/1000 em (its /W entry). The first time, records
 * its use and the text of the cluster it starts (for ToUnicode): glyph
 * @i of @glyphs, which shapes @item of @text. */
static int
use_glyph (Face                   *face,
           guint                   glyph,
           const PangoGlyphString *glyphs,
           int                     i,
           const PangoItem        *item,
           const char             *text)
{
  if (face->widths[glyph] == G_MININT)
    {
      hb_position_t advance = hb_font_get_glyph_h_advance (face->metrics, glyph);

      face->widths[glyph] = (int) lround (advance * 1000.0 / MAX (hb_face_get_upem (face->face), 1));
      if (glyphs->glyphs[i].attr.is_cluster_start)
        {
          int start = glyphs->log_clusters[i];
          int end = item->length;

          /* The cluster ends where the next one (in logical order) starts. */
          for (int j = 0; j < glyphs->num_glyphs; j++)
            if (glyphs->log_clusters[j] > start && glyphs->log_clusters[j] < end)
              end = glyphs->log_clusters[j];
          if (end > start)
            g_hash_table_insert (face->texts, GUINT_TO_POINTER (glyph),
                                 g_strndup (text + item->offset + start, (gsize) (end - start)));
        }
    }
  return face->widths[glyph];
}

/* --- the canvas ---------------------------------------------------------- */

static JxPdfWriter *
writer_of (JxReportCanvas *canvas)
{
  return ((PdfCanvas *) canvas)->writer;
}

static void
pdf_set_color (JxReportCanvas *canvas,
               double          red,
               double          green,
               double          blue)
{
  JxPdfWriter *self = writer_of (canvas);
  const double rgb[] = { red, green, blue };

  append_numbers (self->content, rgb, 3, "rg");
  append_numbers (self->content, rgb, 3, "RG");
}

static void
pdf_fill_rect (JxReportCanvas *canvas,
               double          x,
               double          y,
               double          width,
               double          height)
{
  const double rect[] = { x, y, width, height };

  append_numbers (writer_of (canvas)->content, rect, 4, "re f");
}

static void
pdf_stroke_rect (JxReportCanvas *canvas,
                 double          x,
                 double          y,
                 double          width,
                 double          height,
                 double          line_width)
{
  JxPdfWriter *self = writer_of (canvas);
  const double rect[] = { x, y, width, height };

  if (line_width != self->line_width)
    {
      append_numbers (self->content, &line_width, 1, "w");
      self->line_width = line_width;
    }
  append_numbers (self->content, rect, 4, "re S");
}

/* The state of a TJ array being written. */
typedef struct {
  GString *s;
  gboolean in_array;
  gboolean in_string;
} Show;

static void
show_close (Show *show)
{
  if (show->in_string)
    g_string_append_c (show->s, '>');
  if (show->in_array)
    g_string_append (show->s, "]TJ\n");
  show->in_string = show->in_array = FALSE;
}

/* Opens the TJ array if need be, and a hex string in it or not. */
static void
show_open (Show     *show,
           gboolean  string)
{
  if (!show->in_array)
    {
      g_string_append_c (show->s, '[');
      show->in_array = TRUE;
    }
  if (show->in_string != string)
    g_string_append_c (show->s, string ? '<' : '>');
  show->in_string = string;
}

static void
show_adjust (Show *show,
             int   thousandths)
{
  show_open (show, FALSE);
  g_string_append_printf (show->s, "%d", thousandths);
}

static void
show_glyph (Show  *show,
            guint  cid)
{
  show_open (show, TRUE);
  append_hex4 (show->s, cid);
}

/* Glyphs at the positions Pango gave them: each run's glyphs in one TJ
 * array whose adjustments put every glyph where its geometry says (the
 * error of a rounded adjustment is not carried to the next glyph); a
 * glyph raised or lowered starts a new text matrix. */
static void
pdf_show_line (JxReportCanvas  *canvas,
               PangoLayoutLine *line,
               double           x,
               double           baseline)
{
  JxPdfWriter *self = writer_of (canvas);
  const char *text = pango_layout_get_text (line->layout);
  Show show = { self->content, FALSE, FALSE };
  double run_x = x;
  gboolean begun = FALSE;

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoGlyphString *glyphs = run->glyphs;
      const PangoItem *item = run->item;
      FontUse *use = font_use (self, item->analysis.font);
      Face *face = use->face;
      double size = use->size;
      double cursor = run_x;
      double y = baseline - (double) run->y_offset / PANGO_SCALE;
      /* Where the PDF's text position is, and on which baseline. */
      double pen = 0, pen_y = 0;
      gboolean placed = FALSE;

      /* Synthetic bold or slant: drawn as cairo draws it. */
      if (use->synthetic)
        self->unsupported = TRUE;

      for (int i = 0; i < glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *info = &glyphs->glyphs[i];
          PangoGlyph glyph = info->glyph;
          double gx = cursor + (double) info->geometry.x_offset / PANGO_SCALE;
          double gy = y + (double) info->geometry.y_offset / PANGO_SCALE;
          int width;

          cursor += (double) info->geometry.width / PANGO_SCALE;
          /* A character no font has: Pango's renderer draws a box with
           * its code in it, which only the cairo back end can draw. */
          if (glyph != PANGO_GLYPH_EMPTY && (glyph & PANGO_GLYPH_UNKNOWN_FLAG))
            self->unsupported = TRUE;
          if (glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG) ||
              face->kind == FACE_UNSUPPORTED || glyph >= face->n_glyphs)
            continue;

          width = use_glyph (face, glyph, glyphs, i, item, text);

          if (!begun)
            {
              g_string_append (self->content, "BT\n");
              begun = TRUE;
            }
          if (self->text_face != face || self->text_size != size)
            {
              show_close (&show);
              g_string_append_printf (self->content, "/F%u ", face->number);
              append_numbers (self->content, &size, 1, "Tf");
              self->text_face = face;
              self->text_size = size;
            }
          if (!placed || gy != pen_y || fabs (pen - gx) * 1000 / size > 30000)
            {
              const double tm[] = { 1, 0, 0, -1, gx, gy };

              show_close (&show);
              append_numbers (self->content, tm, 6, "Tm");
              pen = gx;
              pen_y = gy;
              placed = TRUE;
            }
          else
            {
              int adjust = (int) lround ((pen - gx) * 1000 / size);

              if (adjust != 0)
                {
                  show_adjust (&show, adjust);
                  pen -= adjust * size / 1000;
                }
            }
          show_glyph (&show, glyph);
          pen += width * size / 1000;
        }
      show_close (&show);
      run_x = cursor;
    }
  if (begun)
    g_string_append (self->content, "ET\n");
}

static const JxReportCanvasOps pdf_ops = {
  pdf_set_color,
  pdf_fill_rect,
  pdf_stroke_rect,
  pdf_show_line,
};

/* --- the document -------------------------------------------------------- */

static void
font_use_free (gpointer data)
{
  g_free (data);
}

JxPdfWriter *
jx_pdf_writer_new (const char  *path,
                   double       width_pt,
                   double       height_pt,
                   GError     **error)
{
  JxPdfWriter *self;
  FILE *file;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_fopen (path, "wb");
  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* TRANSLATORS: %s: the reason, from the system */
                   _("could not write the PDF: %s"), g_strerror (saved));
      return NULL;
    }
  self = g_new0 (JxPdfWriter, 1);
  self->canvas.parent.ops = &pdf_ops;
  self->canvas.writer = self;
  self->file = file;
  self->path = g_strdup (path);
  self->width = width_pt;
  self->height = height_pt;
  self->objects = g_array_new (FALSE, TRUE, sizeof (guint64));
  g_array_set_size (self->objects, OBJ_FIRST_FREE);
  self->pages = g_array_new (FALSE, FALSE, sizeof (guint));
  self->content = g_string_sized_new (64 * 1024);
  self->scratch = g_string_sized_new (1024);
  self->faces = g_hash_table_new (NULL, NULL);
  self->face_list = g_ptr_array_new_with_free_func ((GDestroyNotify) face_free);
  self->fonts = g_hash_table_new_full (NULL, NULL, g_object_unref, font_use_free);
  /* A binary comment after the header: the file is binary. */
  out_str (self, "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n");
  return self;
}

JxReportCanvas *
jx_pdf_writer_get_canvas (JxPdfWriter *self)
{
  return &self->canvas.parent;
}

gboolean
jx_pdf_writer_get_unsupported (JxPdfWriter *self)
{
  return self->unsupported;
}

void
jx_pdf_writer_begin_page (JxPdfWriter *self)
{
  const double flip[] = { 1, 0, 0, -1, 0, self->height };

  g_string_truncate (self->content, 0);
  /* y downwards from the top, as the layout draws. */
  append_numbers (self->content, flip, 6, "cm");
  self->line_width = 1;   /* PDF's initial line width */
  self->text_face = NULL;
  self->text_size = 0;
}

void
jx_pdf_writer_end_page (JxPdfWriter *self)
{
  guint page = new_object (self);
  guint content = new_object (self);

  write_stream (self, content, "", self->content->str, self->content->len);
  begin_object (self, page);
  out_str (self, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ");
  g_string_truncate (self->scratch, 0);
  append_number (self->scratch, self->width);
  g_string_append_c (self->scratch, ' ');
  append_number (self->scratch, self->height);
  out (self, self->scratch->str, self->scratch->len);
  out_printf (self, "] /Resources %u 0 R /Contents %u 0 R >>\n", OBJ_RESOURCES, content);
  end_object (self);
  g_array_append_val (self->pages, page);
}

/* The six capital letters before a subset font's name, from its glyphs. */
static void
subset_tag (const Face *face,
            const char *name,
            char        tag[7])
{
  guint32 hash = g_str_hash (name) ^ face->number;

  for (guint i = 0; i < face->n_glyphs; i++)
    if (face->widths[i] != G_MININT)
      hash = hash * 31 + i;
  for (int i = 0; i < 6; i++)
    {
      tag[i] = (char) ('A' + hash % 26);
      hash /= 26;
      hash ^= (guint32) (i * 0x9E3779B9u);
    }
  tag[6] = '\0';
}

/* The face's PostScript name, made a PDF name (no delimiters, spaces). */
static char *
face_name (const Face *face)
{
  char name[128];
  unsigned int size = sizeof name;
  GString *s = g_string_new (NULL);

  if (hb_ot_name_get_utf8 (face->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name) == 0)
    g_strlcpy (name, "Font", sizeof name);
  for (const char *p = name; *p; p++)
    if (*p > ' ' && *p < 127 && !strchr ("()<>[]{}/%#", *p))
      g_string_append_c (s, *p);
  if (s->len == 0)
    g_string_append (s, "Font");
  return g_string_free (s, FALSE);
}

static void
append_utf16_hex (GString    *s,
                  const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x10000)
        {
          c -= 0x10000;
          append_hex4 (s, 0xD800 + (c >> 10));
          append_hex4 (s, 0xDC00 + (c & 0x3FF));
        }
      else
        append_hex4 (s, c);
    }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The ToUnicode CMap of @face's glyphs (@cids: the glyphs used, sorted). */
static void
write_to_unicode (JxPdfWriter *self,
                  Face        *face,
                  GArray      *glyphs,
                  guint        object)
{
  g_autoptr(GString) s = g_string_new ("/CIDInit /ProcSet findresource begin\n"
                                       "12 dict begin\nbegincmap\n"
                                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                                       "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                                       "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < glyphs->len; i++)
    {
      guint glyph = g_array_index (glyphs, guint, i);
      const char *text = g_hash_table_lookup (face->texts, GUINT_TO_POINTER (glyph));

      if (text != NULL && *text != '\0')
        g_array_append_val (mapped, glyph);
    }
  for (guint i = 0; i < mapped->len; i += 100)
    {
      guint n = MIN (100, mapped->len - i);

      g_string_append_printf (s, "%u beginbfchar\n", n);
      for (guint j = i; j < i + n; j++)
        {
          guint glyph = g_array_index (mapped, guint, j);

          g_string_append_c (s, '<');
          append_hex4 (s, glyph);
          g_string_append (s, "> <");
          append_utf16_hex (s, g_hash_table_lookup (face->texts, GUINT_TO_POINTER (glyph)));
          g_string_append (s, ">\n");
        }
      g_string_append (s, "endbfchar\n");
    }
  g_string_append (s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  write_stream (self, object, "", s->str, s->len);
}

/* The tables of a face as the subsetter is given them: the cmap hidden.
 * Given the cmap, HarfBuzz (6.0) walks all of it (90,000 entries in Noto
 * CJK) to find the characters of the glyphs asked for, which nothing here
 * needs: the PDF maps glyphs to text with its own ToUnicode CMap. */
static hb_blob_t *
reference_table_but_cmap (hb_face_t *face,
                          hb_tag_t   tag,
                          void      *user_data)
{
  if (tag == HB_TAG ('c', 'm', 'a', 'p'))
    return hb_blob_get_empty ();
  return hb_face_reference_table (user_data, tag);
}

/* @face subset to @glyphs: the CFF table of a CFF face, the whole font of
 * a TrueType one. NULL if HarfBuzz cannot subset it. */
static hb_blob_t *
subset_face (Face   *face,
             GArray *glyphs)
{
  static const hb_tag_t keep_cff[] = {
    HB_TAG ('C', 'F', 'F', ' '), HB_TAG ('h', 'e', 'a', 'd'), HB_TAG ('h', 'h', 'e', 'a'),
    HB_TAG ('h', 'm', 't', 'x'), HB_TAG ('m', 'a', 'x', 'p'),
  };
  static const hb_tag_t keep_truetype[] = {
    HB_TAG ('g', 'l', 'y', 'f'), HB_TAG ('l', 'o', 'c', 'a'), HB_TAG ('h', 'e', 'a', 'd'),
    HB_TAG ('h', 'h', 'e', 'a'), HB_TAG ('h', 'm', 't', 'x'), HB_TAG ('m', 'a', 'x', 'p'),
    HB_TAG ('c', 'v', 't', ' '), HB_TAG ('f', 'p', 'g', 'm'), HB_TAG ('p', 'r', 'e', 'p'),
  };
  const hb_tag_t *keep = face->kind == FACE_TRUETYPE ? keep_truetype : keep_cff;
  guint n_keep = face->kind == FACE_TRUETYPE ? G_N_ELEMENTS (keep_truetype) : G_N_ELEMENTS (keep_cff);
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  hb_set_t *set, *drop;
  hb_tag_t tags[64];
  unsigned int offset = 0, n_tags;
  hb_face_t *source, *subset;
  hb_blob_t *blob;

  if (input == NULL)
    return NULL;
  set = hb_subset_input_glyph_set (input);
  for (guint i = 0; i < glyphs->len; i++)
    hb_set_add (set, g_array_index (glyphs, guint, i));
  /* Only the tables the PDF needs: the others cost time to subset (and
   * GSUB would add the glyphs its substitutions reach). */
  drop = hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  do
    {
      n_tags = G_N_ELEMENTS (tags);
      n_tags = hb_face_get_table_tags (face->face, offset, &n_tags, tags) ? n_tags : 0;
      for (unsigned int t = 0; t < n_tags; t++)
        {
          gboolean kept = FALSE;

          for (guint k = 0; k < n_keep; k++)
            kept |= tags[t] == keep[k];
          if (!kept)
            hb_set_add (drop, tags[t]);
        }
      offset += n_tags;
    }
  while (n_tags == G_N_ELEMENTS (tags));
  /* CID = glyph index: a TrueType or name-keyed CFF subset keeps the
   * original glyph indices (a CID-keyed CFF keeps each glyph's CID in its
   * charset). A CID-keyed CFF is desubroutinized: faster than working out
   * which subroutines the glyphs call (a third of the subsetting time for
   * Noto CJK), and its subsets come out smaller. */
  hb_subset_input_set_flags (input, face->kind == FACE_CFF_CID ? HB_SUBSET_FLAGS_DESUBROUTINIZE
                                                               : HB_SUBSET_FLAGS_RETAIN_GIDS);
  source = hb_face_create_for_tables (reference_table_but_cmap, hb_face_reference (face->face),
                                      (hb_destroy_func_t) hb_face_destroy);
  hb_face_set_index (source, hb_face_get_index (face->face));
  subset = hb_subset_or_fail (source, input);
  hb_face_destroy (source);
  hb_subset_input_destroy (input);
  if (subset == NULL)
    return NULL;
  if (face->kind == FACE_TRUETYPE)
    blob = hb_face_reference_blob (subset);
  else
    blob = hb_face_reference_table (subset, HB_TAG ('C', 'F', 'F', ' '));
  hb_face_destroy (subset);
  if (hb_blob_get_length (blob) == 0)
    {
      hb_blob_destroy (blob);
      return NULL;
    }
  return blob;
}

static void
write_font (JxPdfWriter *self,
            Face        *face)
{
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *name = face_name (face);
  guint upem = MAX (hb_face_get_upem (face->face), 1);
  guint descriptor = new_object (self), cid_font = new_object (self);
  guint file = new_object (self), to_unicode = new_object (self);
  hb_blob_t *head, *data;
  const guint8 *h;
  unsigned int head_len = 0, data_len = 0;
  const char *bytes;
  int bbox[4] = { 0, 0, 1000, 1000 };
  hb_position_t ascent = 0, descent = 0, cap_height = 0;
  char tag[7];
  GString *s = self->scratch;

  for (guint i = 0; i < face->n_glyphs; i++)
    if (face->widths[i] != G_MININT)
      g_array_append_val (glyphs, i);
  g_array_sort (glyphs, compare_uint);
  subset_tag (face, name, tag);

  /* The font program. */
  data = subset_face (face, glyphs);
  if (data == NULL)
    {
      /* HarfBuzz refused: the whole font, as the viewer needs it. */
      data = face->kind == FACE_TRUETYPE ? hb_face_reference_blob (face->face)
                                         : hb_face_reference_table (face->face, HB_TAG ('C', 'F', 'F', ' '));
    }
  bytes = hb_blob_get_data (data, &data_len);
  /* CFF is compact already: deflate takes a tenth off Noto CJK's subsets,
   * and a fifth of the writer's time. TrueType outlines shrink by half. */
  if (face->kind == FACE_TRUETYPE)
    write_stream (self, file, "", bytes, data_len);
  else
    write_stream_full (self, file, "/Subtype /CIDFontType0C", bytes, data_len, TRUE);
  hb_blob_destroy (data);

  /* Metrics, in 1/1000 em. */
  head = hb_face_reference_table (face->face, HB_TAG ('h', 'e', 'a', 'd'));
  h = (const guint8 *) hb_blob_get_data (head, &head_len);
  if (head_len >= 44)
    for (int i = 0; i < 4; i++)
      bbox[i] = (int) lround (read_s16 (h + 36 + 2 * i) * 1000.0 / upem);
  hb_blob_destroy (head);
  hb_ot_metrics_get_position_with_fallback (face->metrics, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &ascent);
  hb_ot_metrics_get_position_with_fallback (face->metrics, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &descent);
  hb_ot_metrics_get_position_with_fallback (face->metrics, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap_height);

  begin_object (self, descriptor);
  out_printf (self, "<< /Type /FontDescriptor /FontName /%s+%s /Flags 4 /FontBBox [%d %d %d %d] "
              "/ItalicAngle 0 /Ascent %ld /Descent %ld /CapHeight %ld /StemV 80 /%s %u 0 R >>\n",
              tag, name, bbox[0], bbox[1], bbox[2], bbox[3],
              lround (ascent * 1000.0 / upem), lround (descent * 1000.0 / upem),
              lround (cap_height * 1000.0 / upem),
              face->kind == FACE_TRUETYPE ? "FontFile2" : "FontFile3", file);
  end_object (self);

  /* The descendant CID font with its glyphs' widths. */
  g_string_truncate (s, 0);
  g_string_append_printf (s, "%u 0 obj\n<< /Type /Font /Subtype /%s /BaseFont /%s+%s "
                          "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                          "/FontDescriptor %u 0 R%s /W [",
                          cid_font, face->kind == FACE_TRUETYPE ? "CIDFontType2" : "CIDFontType0",
                          tag, name, descriptor,
                          face->kind == FACE_TRUETYPE ? " /CIDToGIDMap /Identity" : "");
  for (guint i = 0; i < glyphs->len; i++)
    {
      guint glyph = g_array_index (glyphs, guint, i);

      if (i == 0 || g_array_index (glyphs, guint, i - 1) != glyph - 1)
        g_string_append_printf (s, "%s%u [", i ? "] " : "", glyph);
      else
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "%d", face->widths[glyph]);
    }
  g_string_append (s, glyphs->len ? "]] >>\nendobj\n" : "] >>\nendobj\n");
  g_array_index (self->objects, guint64, cid_font) = self->offset;
  out (self, s->str, s->len);

  write_to_unicode (self, face, glyphs, to_unicode);

  begin_object (self, face->object);
  out_printf (self, "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H "
              "/DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>\n", tag, name, cid_font, to_unicode);
  end_object (self);
}

void
jx_pdf_writer_set_title (JxPdfWriter *self,
                         const char  *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

/* @text as a PDF text string: UTF-16BE with its byte order mark, in hex. */
static void
append_text_string (GString    *s,
                    const char *text)
{
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);

  g_string_append (s, "<FEFF");
  for (guint i = 0; utf16 != NULL && utf16[i] != 0; i++)
    g_string_append_printf (s, "%04X", utf16[i]);
  g_string_append_c (s, '>');
}

/* The date of now as a PDF string: (D:YYYYMMDDHHmmSSZ). */
static void
append_date (GString *s)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "D:%Y%m%d%H%M%SZ");

  g_string_append_printf (s, "(%s)", date);
}

gboolean
jx_pdf_writer_finish (JxPdfWriter  *self,
                      GError      **error)
{
  guint64 xref;
  int status;

  g_return_val_if_fail (self != NULL && self->file != NULL, FALSE);

  for (guint i = 0; i < self->face_list->len; i++)
    {
      Face *face = g_ptr_array_index (self->face_list, i);

      if (face->kind == FACE_UNSUPPORTED)
        {
          /* Referenced by no content; an empty dictionary keeps the
           * resources valid. */
          begin_object (self, face->object);
          out_str (self, "<< >>\n");
          end_object (self);
        }
      else
        write_font (self, face);
    }

  begin_object (self, OBJ_RESOURCES);
  out_str (self, "<< /ProcSet [/PDF /Text] /Font <<");
  for (guint i = 0; i < self->face_list->len; i++)
    {
      Face *face = g_ptr_array_index (self->face_list, i);

      if (face->kind != FACE_UNSUPPORTED)
        out_printf (self, " /F%u %u 0 R", face->number, face->object);
    }
  out_str (self, " >> >>\n");
  end_object (self);

  begin_object (self, OBJ_PAGES);
  out_printf (self, "<< /Type /Pages /Count %u /Kids [", self->pages->len);
  for (guint i = 0; i < self->pages->len; i++)
    out_printf (self, "%s%u 0 R", i ? " " : "", g_array_index (self->pages, guint, i));
  out_str (self, "] >>\n");
  end_object (self);

  begin_object (self, OBJ_CATALOG);
  out_printf (self, "<< /Type /Catalog /Pages %u 0 R >>\n", OBJ_PAGES);
  end_object (self);

  begin_object (self, OBJ_INFO);
  {
    g_autoptr(GString) info = g_string_new ("<< /Producer (Jixiao " PACKAGE_VERSION ") /CreationDate ");

    append_date (info);
    if (self->title != NULL && *self->title != '\0')
      {
        g_string_append (info, " /Title ");
        append_text_string (info, self->title);
      }
    g_string_append (info, " >>\n");
    out (self, info->str, info->len);
  }
  end_object (self);

  xref = self->offset;
  out_printf (self, "xref\n0 %u\n0000000000 65535 f \n", self->objects->len);
  for (guint i = 1; i < self->objects->len; i++)
    out_printf (self, "%010" G_GUINT64_FORMAT " 00000 n \n", g_array_index (self->objects, guint64, i));
  out_printf (self, "trailer\n<< /Size %u /Root %u 0 R /Info %u 0 R >>\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n",
              self->objects->len, OBJ_CATALOG, OBJ_INFO, xref);

  if (fflush (self->file) != 0 && self->write_errno == 0)
    self->write_errno = errno ? errno : EIO;
  status = fclose (self->file);
  self->file = NULL;
  if (status != 0 && self->write_errno == 0)
    self->write_errno = errno ? errno : EIO;
  if (self->write_errno != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (self->write_errno),
                   _("could not write the PDF: %s"), g_strerror (self->write_errno));
      return FALSE;
    }
  return TRUE;
}

void
jx_pdf_writer_free (JxPdfWriter *self)
{
  if (self == NULL)
    return;
  if (self->file)
    fclose (self->file);
  g_free (self->path);
  g_free (self->title);
  g_array_unref (self->objects);
  g_array_unref (self->pages);
  g_string_free (self->content, TRUE);
  g_string_free (self->scratch, TRUE);
  g_hash_table_unref (self->fonts);
  g_hash_table_unref (self->faces);
  g_ptr_array_unref (self->face_list);
  g_free (self);
}
