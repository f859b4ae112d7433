/* jx-text-private.h: reading table text: blanks, dashes and category codes,
 * shared by the importer (jx-import.c) and the row reader (jx-rows.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-types.h"

G_BEGIN_DECLS

/* Byte length of the blank at @p (ASCII white space, U+00A0, U+3000), 0 if
 * there is none before @end. */
gsize       jx_text_space_at     (const char *p,
                                  const char *end);
/* Field separators of real tables: ; ； : ： , ， */
gsize       jx_text_separator_at (const char *p,
                                  const char *end);
/* - － — – */
gsize       jx_text_dash_at      (const char *p,
                                  const char *end);
/* A column or field label as compared: blanks removed, a leading 其中：
 * and a trailing unit in brackets dropped ("其中：财政拨款（万元）" →
 * "财政拨款"). Free with g_free(). In jx-rows.c. */
char       *jx_text_normalize_label (const char *text);
const char *jx_text_skip_spaces  (const char *p,
                                  const char *end);

/* A category code as tables print it: “21-经济效益”. */
typedef struct
{
  const char *code_start, *code_end;
  const char *label_start, *label_end;
} JxCode;

/* “21-经济效益” at *@pp: the code (one to three digits), a dash, and the
 * printed name up to the next blank or separator (or the next code:
 * “1-产出指标11-数量指标”). *@pp moves past it. FALSE, nothing moved, when
 * there is no such code. */
gboolean    jx_text_read_code     (const char **pp,
                                   const char  *e,
                                   JxCode      *code);
/* Whether [s, e) is the name of @code in @taxonomy, without allocating. */
gboolean    jx_text_label_matches (JxTaxonomy  *taxonomy,
                                   const char  *code,
                                   const char  *s,
                                   const char  *e);

G_END_DECLS
