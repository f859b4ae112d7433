/* jx-money.h: exact amounts: parsing, formatting and checked arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_MONEY_ERROR (jx_money_error_quark ())

typedef enum
{
  JX_MONEY_ERROR_EMPTY,     /* nothing but blanks */
  JX_MONEY_ERROR_INVALID,   /* a character or a separator that does not belong */
  JX_MONEY_ERROR_PRECISION, /* more than two decimals */
  JX_MONEY_ERROR_OVERFLOW,  /* outside G_MININT64..G_MAXINT64 hundredths */
  JX_MONEY_ERROR_NEGATIVE,  /* a minus sign without JX_MONEY_PARSE_ALLOW_NEGATIVE */
} JxMoneyError;

GQuark jx_money_error_quark (void);

typedef enum
{
  JX_MONEY_PARSE_DEFAULT        = 0,
  JX_MONEY_PARSE_ALLOW_NEGATIVE = 1 << 0,
  JX_MONEY_PARSE_ALLOW_EMPTY    = 1 << 1,
} JxMoneyParseFlags;

/*
 * Precision. A JxMoney counts units of 10^-decimals of the document's amount
 * unit (元 or 万元), where decimals is the document's precision
 * (jx_document_get_decimals(): 2, or 4 for a 万元 table kept to the 元, as
 * its template or its file says). The functions without a suffix work at
 * two decimals (hundredths), the precision of every format-1 file; the _at
 * variants take the precision. Sums and comparisons need no scale (all
 * amounts of one document share it); only reading, writing and showing an
 * amount do, so every caller that has a document passes its decimals.
 * Decided over alternatives: always storing ten-thousandths would change
 * every format-1 figure's integer and overflow sooner; a double is never
 * exact. Amounts are never rounded: going to fewer decimals
 * (jx_money_rescale()) fails unless the dropped decimals are zeros.
 */
#define JX_MONEY_DEFAULT_DECIMALS 2
#define JX_MONEY_MIN_DECIMALS     1
#define JX_MONEY_MAX_DECIMALS     4

/* Enough for any JxMoney in either form, with the trailing NUL:
 * "-92,233,720,368,547,758.08" is 26 characters. */
#define JX_MONEY_BUF_SIZE 32

/* Strict parser for what a person types into an entry.
 *
 * Accepted, in this order:
 *  - blanks around the amount (ASCII whitespace, U+3000 ideographic space and
 *    the other Unicode spaces), which are ignored;
 *  - an optional sign: '+' or '＋' always, '-' or '－' only with
 *    JX_MONEY_PARSE_ALLOW_NEGATIVE (otherwise JX_MONEY_ERROR_NEGATIVE, pointing
 *    at the sign, even for "-0");
 *  - the whole part: at least one digit, ASCII 0-9 or full-width ０-９, which may
 *    be mixed; leading zeros are fine. Thousands separators ',' or '，' are
 *    optional, but if used they must group the whole part in threes ("1,234",
 *    "12,345,678"); a misplaced one ("12,34", "1234,567", "1,,234", "1,234,")
 *    is JX_MONEY_ERROR_INVALID at the column of the separator in question;
 *  - optionally a decimal point '.' or '．' followed by one or two digits
 *    (up to the precision with jx_money_parse_at()).
 *    A third decimal is JX_MONEY_ERROR_PRECISION at its column, even a zero:
 *    "1.230" is refused like "1.234".
 *
 * Deliberately refused (JX_MONEY_ERROR_INVALID):
 *  - ".5": a digit is needed before the point (the message suggests "0.5");
 *  - "5.": a point needs digits after it (the message suggests "5.00"); a
 *    dangling point is more often a typo than a meaningful amount;
 *  - spaces inside the number ("56, 539. 99"), exponents ("1e5"), hex ("0x10"),
 *    currency signs, letters: the column of the first such character.
 *
 * Empty or blank text is JX_MONEY_ERROR_EMPTY (column 1), or 0 with
 * JX_MONEY_PARSE_ALLOW_EMPTY. Anything beyond the JxMoney range is
 * JX_MONEY_ERROR_OVERFLOW at the digit that overflows; it never wraps.
 *
 * Columns are 1-based and count characters (not bytes) of @text as given,
 * leading blanks included. On success *out is set (if @out is not NULL) and
 * *error_column is set to 0; on error *out is untouched and *error_column
 * (if not NULL) and @error say where and why, in a translated message.
 */
gboolean jx_money_parse         (const char         *text,
                                 JxMoneyParseFlags   flags,
                                 JxMoney            *out,
                                 guint              *error_column,
                                 GError            **error);

/* The exact file and JSON form: "-1234.50", "0.00". No separators, always '.'
 * and two decimals, never locale-dependent. Free with g_free(). */
char    *jx_money_to_decimal     (JxMoney             value);

/* The same into @buf without allocating; returns the length written
 * (the NUL not counted). */
gsize    jx_money_to_decimal_buf (JxMoney             value,
                                  char                buf[JX_MONEY_BUF_SIZE]);

/* Strict parser of the file form: an optional '-', one or more ASCII digits,
 * '.', exactly two ASCII digits, and nothing else in the @len bytes of @text
 * (which need not be NUL-terminated). Redundant leading zeros and "-0.00" are
 * tolerated. Returns FALSE, with *out untouched, on anything else or on
 * overflow. Does not allocate. */
gboolean jx_money_from_decimal   (const char         *text,
                                  gsize               len,
                                  JxMoney            *out);

/* For people: thousands separators and two decimals, "56,539.99",
 * "-1,000.00", "0.00". Locale-independent. Free with g_free(). */
char    *jx_money_format         (JxMoney             value);

/* The same at @decimals (JX_MONEY_MIN_DECIMALS..JX_MONEY_MAX_DECIMALS):
 * at most @decimals decimals are typed, @value / *out count units of
 * 10^-@decimals, the file and display forms always show @decimals decimals
 * ("6923.3552", "6,923.3552"). */
gboolean jx_money_parse_at        (const char         *text,
                                   guint               decimals,
                                   JxMoneyParseFlags   flags,
                                   JxMoney            *out,
                                   guint              *error_column,
                                   GError            **error);
char    *jx_money_to_decimal_at   (JxMoney             value,
                                   guint               decimals);
gsize    jx_money_to_decimal_buf_at (JxMoney           value,
                                     guint             decimals,
                                     char              buf[JX_MONEY_BUF_SIZE]);
gboolean jx_money_from_decimal_at (const char         *text,
                                   gsize               len,
                                   guint               decimals,
                                   JxMoney            *out);
char    *jx_money_format_at       (JxMoney             value,
                                   guint               decimals);

/* @value (units of 10^-@from) in units of 10^-@to. FALSE, with *out
 * untouched, when it would overflow or lose a non-zero decimal: never
 * rounds. */
gboolean jx_money_rescale         (JxMoney             value,
                                   guint               from,
                                   guint               to,
                                   JxMoney            *out);
/* How many of @value's @decimals decimals are needed to write it exactly
 * (0 for 12.0000, 2 for 12.3400, 4 for 6923.3552). */
guint    jx_money_count_decimals  (JxMoney             value,
                                   guint               decimals);

/* Checked arithmetic: on overflow they return FALSE and leave *out untouched. */
gboolean jx_money_add            (JxMoney             a,
                                  JxMoney             b,
                                  JxMoney            *out);
gboolean jx_money_sub            (JxMoney             a,
                                  JxMoney             b,
                                  JxMoney            *out);

G_END_DECLS
