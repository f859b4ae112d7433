/* jx-money.c: exact amounts: parsing, formatting and checked arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-money"

#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "jx-money.h"

/* Nothing in this file uses floating point: amounts are gint64 counts of
 * 10^-decimals of the unit (hundredths by default), magnitudes are handled
 * as guint64 so that G_MININT64 needs no negation. */

G_DEFINE_QUARK (jx-money-error-quark, jx_money_error)

/* The magnitude of the most negative amount, |G_MININT64|. */
#define MAGNITUDE_OF_MIN ((guint64) G_MAXINT64 + 1)

/* 10^@decimals, for 0 ≤ decimals ≤ JX_MONEY_MAX_DECIMALS. */
static guint64
scale_of (guint decimals)
{
  guint64 scale = 1;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  return scale;
}

static gboolean
decimals_ok (guint decimals)
{
  return decimals >= JX_MONEY_MIN_DECIMALS && decimals <= JX_MONEY_MAX_DECIMALS;
}

static guint64
magnitude (JxMoney value)
{
  /* -(value + 1) cannot overflow, and adding 1 back is done unsigned. */
  if (value < 0)
    return (guint64) (-(value + 1)) + 1;
  return (guint64) value;
}

/* Writes @value into @buf, with a ',' between groups of three digits of the
 * whole part if @grouped. Returns the length without the NUL. */
static gsize
write_amount (JxMoney   value,
              guint     decimals,
              gboolean  grouped,
              char     *buf)
{
  char tmp[JX_MONEY_BUF_SIZE];
  char *t = tmp + sizeof tmp;
  guint64 scale = scale_of (decimals);
  guint64 mag = magnitude (value);
  guint64 whole = mag / scale;
  guint64 fraction = mag % scale;
  guint n_digits = 0;
  gsize len;

  /* Written backwards from the end of tmp. */
  *--t = '\0';
  for (guint i = 0; i < decimals; i++)
    {
      *--t = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
  *--t = '.';
  do
    {
      if (grouped && n_digits > 0 && n_digits % 3 == 0)
        *--t = ',';
      *--t = (char) ('0' + whole % 10);
      whole /= 10;
      n_digits++;
    }
  while (whole > 0);
  if (value < 0)
    *--t = '-';

  len = (gsize) (tmp + sizeof tmp - t) - 1;
  g_assert (len < JX_MONEY_BUF_SIZE);
  memcpy (buf, t, len + 1);

  return len;
}

/**
 * jx_money_to_decimal_buf:
 * @value: an amount
 * @buf: (out caller-allocates): at least %JX_MONEY_BUF_SIZE bytes
 *
 * Writes the exact file form of @value ("-1234.50") into @buf.
 *
 * Returns: the number of bytes written, the trailing NUL not counted
 */
gsize
jx_money_to_decimal_buf (JxMoney  value,
                         char     buf[JX_MONEY_BUF_SIZE])
{
  return jx_money_to_decimal_buf_at (value, JX_MONEY_DEFAULT_DECIMALS, buf);
}

/**
 * jx_money_to_decimal_buf_at:
 * @value: an amount in units of 10^-@decimals
 * @decimals: the precision of @value (2 or 4)
 * @buf: (out caller-allocates): at least %JX_MONEY_BUF_SIZE bytes
 *
 * Returns: the number of bytes written, the trailing NUL not counted
 */
gsize
jx_money_to_decimal_buf_at (JxMoney  value,
                            guint    decimals,
                            char     buf[JX_MONEY_BUF_SIZE])
{
  g_return_val_if_fail (buf != NULL, 0);
  g_return_val_if_fail (decimals_ok (decimals), 0);

  return write_amount (value, decimals, FALSE, buf);
}

/**
 * jx_money_to_decimal:
 * @value: an amount
 *
 * Returns: (transfer full): the exact file form of @value, "-1234.50"
 */
char *
jx_money_to_decimal (JxMoney value)
{
  return jx_money_to_decimal_at (value, JX_MONEY_DEFAULT_DECIMALS);
}

/**
 * jx_money_to_decimal_at:
 * @value: an amount in units of 10^-@decimals
 * @decimals: the precision of @value (2 or 4)
 *
 * Returns: (transfer full): the exact file form of @value with @decimals
 *   decimals, "-6923.3552"
 */
char *
jx_money_to_decimal_at (JxMoney value,
                        guint   decimals)
{
  char buf[JX_MONEY_BUF_SIZE];

  g_return_val_if_fail (decimals_ok (decimals), NULL);
  write_amount (value, decimals, FALSE, buf);

  return g_strdup (buf);
}

/**
 * jx_money_format:
 * @value: an amount
 *
 * Returns: (transfer full): @value for people, "-1,234.50"
 */
char *
jx_money_format (JxMoney value)
{
  return jx_money_format_at (value, JX_MONEY_DEFAULT_DECIMALS);
}

/**
 * jx_money_format_at:
 * @value: an amount in units of 10^-@decimals
 * @decimals: the precision of @value (2 or 4)
 *
 * Returns: (transfer full): @value for people with all its @decimals
 *   decimals, "6,923.3552"
 */
char *
jx_money_format_at (JxMoney value,
                    guint   decimals)
{
  char buf[JX_MONEY_BUF_SIZE];

  g_return_val_if_fail (decimals_ok (decimals), NULL);
  write_amount (value, decimals, TRUE, buf);

  return g_strdup (buf);
}

/**
 * jx_money_from_decimal:
 * @text: the file form of an amount, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @out: (out) (optional): the amount
 *
 * Parses exactly what jx_money_to_decimal() writes. It runs for every amount
 * of a file, so it neither allocates nor decodes UTF-8.
 *
 * Returns: %TRUE if the @len bytes of @text are one amount in range
 */
gboolean
jx_money_from_decimal (const char *text,
                       gsize       len,
                       JxMoney    *out)
{
  return jx_money_from_decimal_at (text, len, JX_MONEY_DEFAULT_DECIMALS, out);
}

/**
 * jx_money_from_decimal_at:
 * @text: the file form of an amount, not necessarily NUL-terminated
 * @len: the length of @text in bytes
 * @decimals: how many decimals the form has (2 or 4)
 * @out: (out) (optional): the amount, in units of 10^-@decimals
 *
 * Parses exactly what jx_money_to_decimal_at() writes with @decimals.
 *
 * Returns: %TRUE if the @len bytes of @text are one amount in range
 */
gboolean
jx_money_from_decimal_at (const char *text,
                          gsize       len,
                          guint       decimals,
                          JxMoney    *out)
{
  const char *p = text;
  const char *end = text + len;
  gboolean negative = FALSE;
  guint64 scale;
  guint64 limit;
  guint64 whole = 0;
  guint64 mag;
  guint64 fraction = 0;
  guint64 max_whole;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (decimals_ok (decimals), FALSE);
  scale = scale_of (decimals);

  /* The shortest form is "0." and the decimals. */
  if (len < decimals + 2)
    return FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  limit = negative ? MAGNITUDE_OF_MIN : (guint64) G_MAXINT64;

  max_whole = limit / scale;
  /* The whole part ends decimals + 1 bytes before the end, at the point. */
  if ((gsize) (end - p) < decimals + 2 || end[-(gssize) decimals - 1] != '.')
    return FALSE;

  for (; p < end - decimals - 1; p++)
    {
      guint d;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      d = (guint) (*p - '0');
      if (whole > (max_whole - d) / 10)
        return FALSE;
      whole = whole * 10 + d;
    }

  for (p = end - decimals; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      fraction = fraction * 10 + (guint) (*p - '0');
    }

  /* whole <= limit / scale, so whole * scale cannot overflow. */
  mag = whole * scale;
  if (mag > limit - fraction)
    return FALSE;
  mag += fraction;

  if (out != NULL)
    {
      if (!negative)
        *out = (JxMoney) mag;
      else if (mag == MAGNITUDE_OF_MIN)
        *out = G_MININT64;
      else
        *out = -(JxMoney) mag;
    }

  return TRUE;
}

/**
 * jx_money_rescale:
 * @value: an amount in units of 10^-@from
 * @from: its precision
 * @to: the precision wanted
 * @out: (out): the same amount in units of 10^-@to
 *
 * Returns: %FALSE, with @out untouched, if the amount does not fit at @to
 *   or has more decimals than @to keeps (it is never rounded)
 */
gboolean
jx_money_rescale (JxMoney  value,
                  guint    from,
                  guint    to,
                  JxMoney *out)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (decimals_ok (from) && decimals_ok (to), FALSE);

  if (to >= from)
    {
      gint64 factor = (gint64) scale_of (to - from);

      if (value > G_MAXINT64 / factor || value < G_MININT64 / factor)
        return FALSE;
      *out = value * factor;
    }
  else
    {
      gint64 divisor = (gint64) scale_of (from - to);

      if (value % divisor != 0)
        return FALSE;
      *out = value / divisor;
    }
  return TRUE;
}

/**
 * jx_money_count_decimals:
 * @value: an amount in units of 10^-@decimals
 * @decimals: its precision
 *
 * Returns: how many of its @decimals decimals are needed to write @value
 *   exactly: 0 for 12.0000, 2 for 12.3400, 4 for 6923.3552
 */
guint
jx_money_count_decimals (JxMoney value,
                         guint   decimals)
{
  guint64 mag = magnitude (value);
  guint n = decimals;

  while (n > 0 && mag % 10 == 0)
    {
      mag /= 10;
      n--;
    }
  return n;
}

/**
 * jx_money_add:
 * @a: an amount
 * @b: an amount
 * @out: (out): @a + @b
 *
 * Returns: %FALSE, with @out untouched, if the sum does not fit
 */
gboolean
jx_money_add (JxMoney  a,
              JxMoney  b,
              JxMoney *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if ((b > 0 && a > G_MAXINT64 - b) ||
      (b < 0 && a < G_MININT64 - b))
    return FALSE;

  *out = a + b;
  return TRUE;
}

/**
 * jx_money_sub:
 * @a: an amount
 * @b: an amount
 * @out: (out): @a - @b
 *
 * Returns: %FALSE, with @out untouched, if the difference does not fit
 */
gboolean
jx_money_sub (JxMoney  a,
              JxMoney  b,
              JxMoney *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if ((b < 0 && a > G_MAXINT64 + b) ||
      (b > 0 && a < G_MININT64 + b))
    return FALSE;

  *out = a - b;
  return TRUE;
}

/* The parser for people. */

typedef enum
{
  CHAR_DIGIT,
  CHAR_POINT,
  CHAR_SEPARATOR,
  CHAR_PLUS,
  CHAR_MINUS,
  CHAR_BLANK,
  CHAR_OTHER,
} CharKind;

static gboolean
is_blank (gunichar c)
{
  /* g_unichar_isspace() covers ASCII blanks but \v, U+3000 and the other
   * Unicode spaces. */
  return c == '\v' || g_unichar_isspace (c);
}

static CharKind
classify (gunichar  c,
          guint    *digit)
{
  if (c >= '0' && c <= '9')
    {
      *digit = c - '0';
      return CHAR_DIGIT;
    }
  if (c >= 0xFF10 && c <= 0xFF19) /* ０-９ */
    {
      *digit = c - 0xFF10;
      return CHAR_DIGIT;
    }

  switch (c)
    {
    case '.':
    case 0xFF0E: /* ． */
      return CHAR_POINT;
    case ',':
    case 0xFF0C: /* ， */
      return CHAR_SEPARATOR;
    case '+':
    case 0xFF0B: /* ＋ */
      return CHAR_PLUS;
    case '-':
    case 0xFF0D: /* － */
      return CHAR_MINUS;
    default:
      return is_blank (c) ? CHAR_BLANK : CHAR_OTHER;
    }
}

static gboolean fail (GError            **error,
                      guint              *error_column,
                      JxMoneyError        code,
                      guint               column,
                      const char         *format,
                      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (GError       **error,
      guint         *error_column,
      JxMoneyError   code,
      guint          column,
      const char    *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  g_assert (column > 0);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (error_column != NULL)
    *error_column = column;
  g_set_error_literal (error, JX_MONEY_ERROR, code, message);

  return FALSE;
}

/* Reports the character @c at @column, which does not belong where it is. */
static gboolean
fail_unexpected (GError   **error,
                 guint     *error_column,
                 gunichar   c,
                 guint      column,
                 guint      decimals)
{
  char shown[16];

  if (is_blank (c))
    return fail (error, error_column, JX_MONEY_ERROR_INVALID, column,
                 _("Unexpected space at column %u: remove the spaces inside the amount"),
                 column);

  if (g_unichar_isprint (c))
    shown[g_unichar_to_utf8 (c, shown)] = '\0';
  else
    g_snprintf (shown, sizeof shown, "U+%04X", c);

  if (decimals != JX_MONEY_DEFAULT_DECIMALS)
    return fail (error, error_column, JX_MONEY_ERROR_INVALID, column,
                 /* Translators: %s is the character, e.g. “€”, the first %u its column,
                  * the second how many decimals the table keeps (4) */
                 _("Unexpected character “%s” at column %u: an amount has only digits, one decimal point and up to %u decimals"),
                 shown, column, decimals);
  return fail (error, error_column, JX_MONEY_ERROR_INVALID, column,
               /* Translators: %s is the character, e.g. “€”, and %u its column */
               _("Unexpected character “%s” at column %u: an amount has only digits, one decimal point and up to two decimals"),
               shown, column);
}

static gboolean
fail_overflow (GError **error,
               guint   *error_column,
               guint    column)
{
  g_autofree char *min = jx_money_format (G_MININT64);
  g_autofree char *max = jx_money_format (G_MAXINT64);

  return fail (error, error_column, JX_MONEY_ERROR_OVERFLOW, column,
               /* Translators: the two %s are the smallest and the largest amount */
               _("Amount out of range at column %u: amounts must lie between %s and %s"),
               column, min, max);
}

static gboolean
fail_separator (GError **error,
                guint   *error_column,
                guint    column)
{
  return fail (error, error_column, JX_MONEY_ERROR_INVALID, column,
               _("Misplaced thousands separator at column %u: separators must group the whole part in threes, as in “1,234,567.89”, or be left out"),
               column);
}

/* A position in the text: the character at @p is in column @column. */
typedef struct
{
  const char *p;
  guint       column;
} Cursor;

static inline gunichar
cursor_get (const Cursor *cur)
{
  return g_utf8_get_char (cur->p);
}

static inline void
cursor_next (Cursor *cur)
{
  cur->p = g_utf8_next_char (cur->p);
  cur->column++;
}

/**
 * jx_money_parse:
 * @text: what a person typed, UTF-8
 * @flags: what to accept beyond a plain non-negative amount
 * @out: (out) (optional): the amount
 * @error_column: (out) (optional): on error, the 1-based column, in
 *   characters, of the offending character; 0 on success
 * @error: a #GError in the %JX_MONEY_ERROR domain
 *
 * Parses an amount as typed by a person; see jx-money.h for exactly what is
 * accepted and what is refused.
 *
 * Returns: %TRUE on success
 */
gboolean
jx_money_parse (const char         *text,
                JxMoneyParseFlags   flags,
                JxMoney            *out,
                guint              *error_column,
                GError            **error)
{
  return jx_money_parse_at (text, JX_MONEY_DEFAULT_DECIMALS, flags, out, error_column, error);
}

/**
 * jx_money_parse_at:
 * @text: what a person typed, UTF-8
 * @decimals: the precision of the amount (2 or 4): at most this many
 *   decimals are accepted, and *@out is in units of 10^-@decimals
 * @flags: what to accept beyond a plain non-negative amount
 * @out: (out) (optional): the amount
 * @error_column: (out) (optional): as for jx_money_parse()
 * @error: a #GError in the %JX_MONEY_ERROR domain
 *
 * jx_money_parse() at the precision of a document.
 *
 * Returns: %TRUE on success
 */
gboolean
jx_money_parse_at (const char         *text,
                   guint               decimals,
                   JxMoneyParseFlags   flags,
                   JxMoney            *out,
                   guint              *error_column,
                   GError            **error)
{
  const char *invalid = NULL;
  const char *end;
  Cursor cur = { text, 1 };
  guint digit = 0;
  CharKind kind;
  gboolean negative = FALSE;
  guint64 limit;
  guint64 whole = 0;
  guint64 mag;
  guint n_whole_digits = 0;
  guint group_len = 0;     /* digits since the start or the last separator */
  guint separator_column = 0;
  guint64 scale;
  guint64 max_whole;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (decimals_ok (decimals), FALSE);
  g_return_val_if_fail ((flags & ~(JX_MONEY_PARSE_ALLOW_NEGATIVE |
                                   JX_MONEY_PARSE_ALLOW_EMPTY)) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  scale = scale_of (decimals);

  if (!g_utf8_validate (text, -1, &invalid))
    {
      guint column = (guint) g_utf8_strlen (text, invalid - text) + 1;

      return fail (error, error_column, JX_MONEY_ERROR_INVALID, column,
                   _("Invalid text at column %u: the amount is not valid UTF-8"),
                   column);
    }

  /* Skip leading blanks, and find where the trailing ones start. */
  while (*cur.p != '\0' && is_blank (cursor_get (&cur)))
    cursor_next (&cur);
  end = cur.p;
  for (const char *p = cur.p; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_blank (g_utf8_get_char (p)))
      end = g_utf8_next_char (p);

  if (cur.p == end)
    {
      if (!(flags & JX_MONEY_PARSE_ALLOW_EMPTY))
        return fail (error, error_column, JX_MONEY_ERROR_EMPTY, 1,
                     "%s", _("The amount is empty: enter a number such as “1,234.50”"));
      if (out != NULL)
        *out = 0;
      if (error_column != NULL)
        *error_column = 0;
      return TRUE;
    }

  /* The sign. */
  kind = classify (cursor_get (&cur), &digit);
  if (kind == CHAR_MINUS)
    {
      if (!(flags & JX_MONEY_PARSE_ALLOW_NEGATIVE))
        return fail (error, error_column, JX_MONEY_ERROR_NEGATIVE, cur.column,
                     _("Negative amount at column %u: this amount cannot be below zero; remove the minus sign"),
                     cur.column);
      negative = TRUE;
      cursor_next (&cur);
    }
  else if (kind == CHAR_PLUS)
    {
      cursor_next (&cur);
    }
  limit = negative ? MAGNITUDE_OF_MIN : (guint64) G_MAXINT64;
  max_whole = limit / scale;

  /* The whole part, with optional separators. */
  for (; cur.p < end; cursor_next (&cur))
    {
      kind = classify (cursor_get (&cur), &digit);

      if (kind == CHAR_DIGIT)
        {
          /* A fourth digit after a separator. */
          if (separator_column != 0 && group_len == 3)
            return fail_separator (error, error_column, separator_column);
          /* whole stays <= limit / scale, so that whole * scale fits. */
          if (whole > (max_whole - digit) / 10)
            return fail_overflow (error, error_column, cur.column);
          whole = whole * 10 + digit;
          n_whole_digits++;
          group_len++;
        }
      else if (kind == CHAR_SEPARATOR)
        {
          /* Leading or doubled: this separator is the culprit. */
          if (group_len == 0)
            return fail_separator (error, error_column, cur.column);
          /* The first group has one to three digits: "1234,567". */
          if (separator_column == 0 && group_len > 3)
            return fail_separator (error, error_column, cur.column);
          /* A later group is short: "1,23,456" blames the one before it. */
          if (separator_column != 0 && group_len < 3)
            return fail_separator (error, error_column, separator_column);
          separator_column = cur.column;
          group_len = 0;
        }
      else
        break;
    }

  /* The whole part ends at the point or at the end; anything else there is
   * the real culprit, even after a separator ("56, 539" blames the space). */
  if (cur.p < end && kind != CHAR_POINT)
    return fail_unexpected (error, error_column, cursor_get (&cur), cur.column, decimals);

  if (n_whole_digits == 0)
    {
      if (cur.p == end)
        return fail (error, error_column, JX_MONEY_ERROR_INVALID, cur.column,
                     _("Missing digits at column %u: an amount needs at least one digit after the sign"),
                     cur.column);
      return fail (error, error_column, JX_MONEY_ERROR_INVALID, cur.column,
                   _("Decimal point at column %u needs a digit before it: write “0.5” rather than “.5”"),
                   cur.column);
    }

  /* The last group after a separator is short: "12,34", "1,234,". */
  if (separator_column != 0 && group_len != 3)
    return fail_separator (error, error_column, separator_column);

  mag = whole * scale;

  /* The decimals. */
  if (cur.p < end)
    {
      guint point_column = cur.column;
      guint n_decimals = 0;

      cursor_next (&cur);
      if (cur.p == end)
        return fail (error, error_column, JX_MONEY_ERROR_INVALID, point_column,
                     _("Decimal point at column %u has no digits after it: add the decimals, as in “5.00”, or remove the point"),
                     point_column);

      for (; cur.p < end; cursor_next (&cur))
        {
          guint64 add;

          kind = classify (cursor_get (&cur), &digit);
          if (kind != CHAR_DIGIT)
            break;
          if (n_decimals == decimals && decimals == JX_MONEY_DEFAULT_DECIMALS)
            return fail (error, error_column, JX_MONEY_ERROR_PRECISION, cur.column,
                         _("Too many decimals at column %u: an amount has at most two decimals"),
                         cur.column);
          if (n_decimals == decimals)
            return fail (error, error_column, JX_MONEY_ERROR_PRECISION, cur.column,
                         /* Translators: the second %u is 4 (a table in 万元 kept to the 元) */
                         _("Too many decimals at column %u: an amount of this table has at most %u decimals"),
                         cur.column, decimals);
          add = digit * scale_of (decimals - 1 - n_decimals);
          if (mag > limit - add)
            return fail_overflow (error, error_column, cur.column);
          mag += add;
          n_decimals++;
        }

      if (cur.p < end)
        {
          if (kind == CHAR_POINT)
            return fail (error, error_column, JX_MONEY_ERROR_INVALID, cur.column,
                         _("Second decimal point at column %u: an amount has only one decimal point"),
                         cur.column);
          if (kind == CHAR_SEPARATOR)
            return fail (error, error_column, JX_MONEY_ERROR_INVALID, cur.column,
                         _("Thousands separator at column %u is among the decimals: separators belong only before the decimal point"),
                         cur.column);
        }
    }

  if (cur.p < end)
    return fail_unexpected (error, error_column, cursor_get (&cur), cur.column, decimals);

  if (out != NULL)
    {
      if (!negative)
        *out = (JxMoney) mag;
      else if (mag == MAGNITUDE_OF_MIN)
        *out = G_MININT64;
      else
        *out = -(JxMoney) mag;
    }
  if (error_column != NULL)
    *error_column = 0;

  return TRUE;
}
