/* jx-text.c: reading table text: blanks, dashes and category codes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-text"

#include "config.h"

#include <string.h>

#include "jx-taxonomy.h"
#include "jx-text-private.h"

/* Byte length of the blank at @p (ASCII white space, U+00A0, U+3000), 0 if
 * there is none. */
gsize
jx_text_space_at (const char *p,
                  const char *end)
{
  if (p >= end)
    return 0;
  if (*p == ' ' || *p == '\t' || *p == '\v' || *p == '\f' || *p == '\r' || *p == '\n')
    return 1;
  if (end - p >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
    return 2;
  if (end - p >= 3 && (guchar) p[0] == 0xE3 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0x80)
    return 3;
  return 0;
}

/* Field separators of real tables: ; ； : ： , ， */
gsize
jx_text_separator_at (const char *p,
                      const char *end)
{
  if (p >= end)
    return 0;
  if (*p == ';' || *p == ':' || *p == ',')
    return 1;
  if (end - p >= 3 && (guchar) p[0] == 0xEF && (guchar) p[1] == 0xBC &&
      ((guchar) p[2] == 0x9B || (guchar) p[2] == 0x9A || (guchar) p[2] == 0x8C))
    return 3;
  return 0;
}

/* - － — – */
gsize
jx_text_dash_at (const char *p,
                 const char *end)
{
  if (p >= end)
    return 0;
  if (*p == '-')
    return 1;
  if (end - p >= 3 &&
      (((guchar) p[0] == 0xEF && (guchar) p[1] == 0xBC && (guchar) p[2] == 0x8D) ||
       ((guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 &&
        ((guchar) p[2] == 0x94 || (guchar) p[2] == 0x93))))
    return 3;
  return 0;
}

const char *
jx_text_skip_spaces (const char *p,
                     const char *end)
{
  gsize n;

  while ((n = jx_text_space_at (p, end)) > 0)
    p += n;
  return p;
}

/* “21-经济效益”: the code, and the printed name up to the next blank or
 * separator. */
gboolean
jx_text_read_code (const char **pp,
                   const char  *e,
                   JxCode      *code)
{
  const char *p = *pp, *q;
  gsize n;

  q = p;
  while (q < e && g_ascii_isdigit (*q))
    q++;
  if (q == p || q - p > 3)
    return FALSE;
  code->code_start = p;
  code->code_end = q;
  q = jx_text_skip_spaces (q, e);
  if ((n = jx_text_dash_at (q, e)) == 0)
    return FALSE;
  q = jx_text_skip_spaces (q + n, e);
  code->label_start = q;
  while (q < e && jx_text_space_at (q, e) == 0 && jx_text_separator_at (q, e) == 0)
    {
      /* “1-产出指标11-数量指标”: a code starts the next field. */
      if (q > code->label_start && g_ascii_isdigit (*q) && !g_ascii_isdigit (q[-1]))
        {
          const char *d = q;
          while (d < e && g_ascii_isdigit (*d))
            d++;
          if (jx_text_dash_at (jx_text_skip_spaces (d, e), e) > 0)
            break;
        }
      q = g_utf8_next_char (q);
    }
  code->label_end = q;
  *pp = q;
  return TRUE;
}

/* Whether [s, e) is the name of @code, without allocating. */
gboolean
jx_text_label_matches (JxTaxonomy *taxonomy,
                       const char *code,
                       const char *s,
                       const char *e)
{
  char buf[128];

  if ((gsize) (e - s) >= sizeof buf)
    {
      g_autofree char *label = g_strndup (s, e - s);
      return jx_taxonomy_name_matches (taxonomy, code, label);
    }
  memcpy (buf, s, e - s);
  buf[e - s] = '\0';
  return jx_taxonomy_name_matches (taxonomy, code, buf);
}

