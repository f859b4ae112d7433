/* test-money.c: exact amounts: parsing, formatting and checked arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "jx-money.h"

/* What *out holds before a call that must leave it untouched. */
#define UNTOUCHED ((JxMoney) 4242)

typedef struct
{
  const char        *text;
  JxMoneyParseFlags  flags;
  JxMoney            expected;
} ParseOk;

typedef struct
{
  const char        *text;
  JxMoneyParseFlags  flags;
  JxMoneyError       code;
  guint              column;
} ParseBad;

#define NEG JX_MONEY_PARSE_ALLOW_NEGATIVE
#define EMPTY_OK JX_MONEY_PARSE_ALLOW_EMPTY

/* @text as it can be quoted in the TAP output, which must stay UTF-8:
 * bytes that are not UTF-8 written as \xFF. */
static char *
printable (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text, *end = text + strlen (text);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        g_string_append_printf (out, "\\x%02X", (guchar) *p++);
      else
        {
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          p = g_utf8_next_char (p);
        }
    }
  return g_string_free (out, FALSE);
}

static void
check_ok (const ParseOk *cases,
          gsize          n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      JxMoney value = UNTOUCHED;
      guint column = 99;
      gboolean ok;
      g_autofree char *shown = printable (cases[i].text);

      g_test_message ("parsing “%s”", shown);
      ok = jx_money_parse (cases[i].text, cases[i].flags, &value, &column, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (value, ==, cases[i].expected);
      g_assert_cmpuint (column, ==, 0);
    }
}

static void
check_bad (const ParseBad *cases,
           gsize           n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GError) error = NULL;
      JxMoney value = UNTOUCHED;
      guint column = 0;
      gboolean ok;
      g_autofree char *shown = printable (cases[i].text);

      g_test_message ("parsing “%s”", shown);
      ok = jx_money_parse (cases[i].text, cases[i].flags, &value, &column, &error);
      g_assert_false (ok);
      g_assert_error (error, JX_MONEY_ERROR, (int) cases[i].code);
      g_assert_cmpuint (column, ==, cases[i].column);
      g_assert_cmpint (value, ==, UNTOUCHED);

      /* The message says where, except when there is nothing to point at. */
      if (cases[i].code != JX_MONEY_ERROR_EMPTY)
        {
          g_autofree char *where = g_strdup_printf ("column %u", cases[i].column);

          g_assert_nonnull (strstr (error->message, where));
        }
    }
}

static void
test_parse_ascii_digits (void)
{
  static const ParseOk cases[] = {
    { "0", 0, 0 },
    { "5", 0, 500 },
    { "100", 0, 10000 },
    { "10464.8", 0, 1046480 },
    { "10464.80", 0, 1046480 },
    { "56539.99", 0, 5653999 },
    { "0.05", 0, 5 },
    { "0.5", 0, 50 },
    { "0.0", 0, 0 },
    { "12.34", 0, 1234 },
    { "007", 0, 700 },
    { "+5", 0, 500 },
    { "+0.01", 0, 1 },
  };

  check_ok (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_full_width_digits (void)
{
  static const ParseOk cases[] = {
    { "０", 0, 0 },
    { "１２３４．５６", 0, 123456 },
    { "１２，３４５．６", 0, 1234560 },
    { "１０４６４．８", 0, 1046480 },
    { "1２.3４", 0, 1234 },         /* mixed widths */
    { "１,２３４．5", 0, 123450 },
    { "＋５", 0, 500 },
    { "－５．５", NEG, -550 },
  };

  check_ok (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_trims_blanks (void)
{
  static const ParseOk cases[] = {
    { "  12.5 ", 0, 1250 },
    { "\t12\n", 0, 1200 },
    { "\r\n 1,234.00 \v\f", 0, 123400 },
    { "\u300012.50\u3000", 0, 1250 },          /* ideographic space */
    { " \u3000 １，２３４ \u3000", 0, 123400 },
    { "\u00a0 7 \u00a0", 0, 700 },             /* no-break space, as pasted */
  };

  check_ok (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_thousands_separators (void)
{
  static const ParseOk cases[] = {
    { "1,234.5", 0, 123450 },
    { "10,464.80", 0, 1046480 },
    { "56,539.99", 0, 5653999 },
    { "1,000", 0, 100000 },
    { "999,999", 0, 99999900 },
    { "12,345,678.90", 0, 1234567890 },
    { "１，２３４", 0, 123400 },
    { "1，234,567", 0, 123456700 },           /* mixed widths */
    { "-1,234,567.89", NEG, -123456789 },
  };

  check_ok (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_rejects_misplaced_separators_with_column (void)
{
  static const ParseBad cases[] = {
    { "12,34", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "12,34.5", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "1234,567", 0, JX_MONEY_ERROR_INVALID, 5 },
    { "1,23,456", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "1,2345", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "1,234,5678", 0, JX_MONEY_ERROR_INVALID, 6 },
    { "1,,234", 0, JX_MONEY_ERROR_INVALID, 3 },
    { ",123", 0, JX_MONEY_ERROR_INVALID, 1 },
    { "-,123", NEG, JX_MONEY_ERROR_INVALID, 2 },
    { "1,234,", 0, JX_MONEY_ERROR_INVALID, 6 },
    { "1,234,.5", 0, JX_MONEY_ERROR_INVALID, 6 },
    { "1.23,4", 0, JX_MONEY_ERROR_INVALID, 5 },
    { "1.2,34", 0, JX_MONEY_ERROR_INVALID, 4 },
    { "  12,34", 0, JX_MONEY_ERROR_INVALID, 5 },   /* leading blanks count */
    { "１２，３４", 0, JX_MONEY_ERROR_INVALID, 3 },
  };

  check_bad (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_decimals (void)
{
  static const ParseOk good[] = {
    { "1", 0, 100 },
    { "1.2", 0, 120 },
    { "1.23", 0, 123 },
    { "1.03", 0, 103 },
    { "１．２", 0, 120 },
  };
  static const ParseBad bad[] = {
    { "1.234", 0, JX_MONEY_ERROR_PRECISION, 5 },
    { "1.230", 0, JX_MONEY_ERROR_PRECISION, 5 },
    { "0.001", 0, JX_MONEY_ERROR_PRECISION, 5 },
    { "1,234.5678", 0, JX_MONEY_ERROR_PRECISION, 9 },
    { "１．２３４", 0, JX_MONEY_ERROR_PRECISION, 5 },
    { "-1.234", NEG, JX_MONEY_ERROR_PRECISION, 6 },
  };

  check_ok (good, G_N_ELEMENTS (good));
  check_bad (bad, G_N_ELEMENTS (bad));
}

static void
test_parse_rejects_dangling_point (void)
{
  static const ParseBad cases[] = {
    { "5.", 0, JX_MONEY_ERROR_INVALID, 2 },
    { " 5. ", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "５．", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "1,234.", 0, JX_MONEY_ERROR_INVALID, 6 },
    { ".5", 0, JX_MONEY_ERROR_INVALID, 1 },
    { "．５", 0, JX_MONEY_ERROR_INVALID, 1 },
    { "-.5", NEG, JX_MONEY_ERROR_INVALID, 2 },
    { ".", 0, JX_MONEY_ERROR_INVALID, 1 },
  };

  check_bad (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_negative_needs_flag (void)
{
  static const ParseBad refused[] = {
    { "-5", 0, JX_MONEY_ERROR_NEGATIVE, 1 },
    { "－５", 0, JX_MONEY_ERROR_NEGATIVE, 1 },
    { " -1", 0, JX_MONEY_ERROR_NEGATIVE, 2 },
    { "-0", 0, JX_MONEY_ERROR_NEGATIVE, 1 },
    { "-92233720368547758.08", 0, JX_MONEY_ERROR_NEGATIVE, 1 },
    { "-", NEG, JX_MONEY_ERROR_INVALID, 2 },
    { "--5", NEG, JX_MONEY_ERROR_INVALID, 2 },
    { "+-5", NEG, JX_MONEY_ERROR_INVALID, 2 },
    { "- 5", NEG, JX_MONEY_ERROR_INVALID, 2 },
    { "5-", NEG, JX_MONEY_ERROR_INVALID, 2 },
  };
  static const ParseOk allowed[] = {
    { "-5", NEG, -500 },
    { "－1,234.56", NEG, -123456 },
    { "-0.05", NEG, -5 },
    { "-0", NEG, 0 },
    { "+5", NEG, 500 },
    { "5", NEG, 500 },
    { "-1", NEG | EMPTY_OK, -100 },
  };

  check_bad (refused, G_N_ELEMENTS (refused));
  check_ok (allowed, G_N_ELEMENTS (allowed));
}

static void
test_parse_empty (void)
{
  static const ParseBad refused[] = {
    { "", 0, JX_MONEY_ERROR_EMPTY, 1 },
    { "   ", 0, JX_MONEY_ERROR_EMPTY, 1 },
    { "\u3000", 0, JX_MONEY_ERROR_EMPTY, 1 },
    { " \t\n", NEG, JX_MONEY_ERROR_EMPTY, 1 },
    { "+", EMPTY_OK, JX_MONEY_ERROR_INVALID, 2 },
  };
  static const ParseOk allowed[] = {
    { "", EMPTY_OK, 0 },
    { "  \u3000 ", EMPTY_OK, 0 },
    { "", EMPTY_OK | NEG, 0 },
  };

  check_bad (refused, G_N_ELEMENTS (refused));
  check_ok (allowed, G_N_ELEMENTS (allowed));
}

static void
test_parse_rejects_garbage_with_column (void)
{
  static const ParseBad cases[] = {
    { "25. 7€", 0, JX_MONEY_ERROR_INVALID, 4 },
    { "abc", 0, JX_MONEY_ERROR_INVALID, 1 },
    { "1e5", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "0x10", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "１２ａ", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "56, 539. 99", 0, JX_MONEY_ERROR_INVALID, 4 },
    { "56,539. 99", 0, JX_MONEY_ERROR_INVALID, 8 },
    { "12 34", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "12\u300034", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "1\t2", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "1.2.3", 0, JX_MONEY_ERROR_INVALID, 4 },
    { "1..5", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "12€", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "¥12", 0, JX_MONEY_ERROR_INVALID, 1 },
    { "5 万元", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "5万元", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "1.5a", 0, JX_MONEY_ERROR_INVALID, 4 },
    { "1,234 .5", 0, JX_MONEY_ERROR_INVALID, 6 },
    { "+", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "++5", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "1\x01", 0, JX_MONEY_ERROR_INVALID, 2 },
    { "NaN", 0, JX_MONEY_ERROR_INVALID, 1 },
    { "inf", 0, JX_MONEY_ERROR_INVALID, 1 },
  };

  check_bad (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_messages_say_what_and_where (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (jx_money_parse ("25. 7€", 0, NULL, NULL, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Unexpected space at column 4: remove the spaces inside the amount");
  g_clear_error (&error);

  g_assert_false (jx_money_parse ("25.7€", 0, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Unexpected character “€” at column 5: an amount has only digits, "
                   "one decimal point and up to two decimals");
  g_clear_error (&error);

  /* A control character is shown by its code point, not printed raw. */
  g_assert_false (jx_money_parse ("1\x01", 0, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“U+0001”"));
  g_clear_error (&error);

  g_assert_false (jx_money_parse ("92233720368547759", 0, NULL, NULL, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_OVERFLOW);
  g_assert_nonnull (strstr (error->message, "-92,233,720,368,547,758.08"));
  g_assert_nonnull (strstr (error->message, "92,233,720,368,547,758.07"));
  g_clear_error (&error);

  g_assert_false (jx_money_parse ("5.", 0, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“5.00”"));
  g_clear_error (&error);

  g_assert_false (jx_money_parse (".5", 0, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "“0.5”"));
  g_clear_error (&error);
}

static void
test_parse_rejects_invalid_utf8 (void)
{
  static const ParseBad cases[] = {
    { "12\xff", 0, JX_MONEY_ERROR_INVALID, 3 },
    { "１\xe3\x80", 0, JX_MONEY_ERROR_INVALID, 2 },
  };

  check_bad (cases, G_N_ELEMENTS (cases));
}

static void
test_parse_overflow_at_the_limits (void)
{
  static const ParseOk good[] = {
    { "92233720368547758.07", 0, G_MAXINT64 },
    { "92233720368547758.06", 0, G_MAXINT64 - 1 },
    { "92233720368547758", 0, G_GINT64_CONSTANT (9223372036854775800) },
    { "92,233,720,368,547,758.07", 0, G_MAXINT64 },
    { "-92233720368547758.08", NEG, G_MININT64 },
    { "-92233720368547758.07", NEG, G_MININT64 + 1 },
    { "0000000000000000000000000001.00", 0, 100 },
  };
  static const ParseBad bad[] = {
    { "92233720368547758.08", 0, JX_MONEY_ERROR_OVERFLOW, 20 },
    { "92233720368547758.1", 0, JX_MONEY_ERROR_OVERFLOW, 19 },
    { "92233720368547759", 0, JX_MONEY_ERROR_OVERFLOW, 17 },
    { "92,233,720,368,547,758.08", 0, JX_MONEY_ERROR_OVERFLOW, 25 },
    { "-92233720368547758.09", NEG, JX_MONEY_ERROR_OVERFLOW, 21 },
    { "-92233720368547759", NEG, JX_MONEY_ERROR_OVERFLOW, 18 },
    { "99999999999999999999999", 0, JX_MONEY_ERROR_OVERFLOW, 17 },
    { "18446744073709551616", 0, JX_MONEY_ERROR_OVERFLOW, 18 }, /* 2^64 */
  };

  check_ok (good, G_N_ELEMENTS (good));
  check_bad (bad, G_N_ELEMENTS (bad));
}

static void
test_parse_out_and_column_are_optional (void)
{
  g_assert_true (jx_money_parse ("1.00", 0, NULL, NULL, NULL));
  g_assert_false (jx_money_parse ("1.000", 0, NULL, NULL, NULL));
  g_assert_false (jx_money_parse ("", 0, NULL, NULL, NULL));
  g_assert_true (jx_money_parse ("", EMPTY_OK, NULL, NULL, NULL));
}

static const JxMoney spread[] = {
  0, 1, -1, 5, -5, 99, 100, -100, 101, 999, 1000, 123450, -123450,
  1046480, 5653999, G_GINT64_CONSTANT (100000000000),
  G_MAXINT64, G_MAXINT64 - 1, G_MININT64, G_MININT64 + 1,
};

static void
test_decimal_writes_the_file_form (void)
{
  static const struct { JxMoney value; const char *text; } cases[] = {
    { 0, "0.00" },
    { 1, "0.01" },
    { -1, "-0.01" },
    { 5, "0.05" },
    { 100, "1.00" },
    { -123450, "-1234.50" },
    { 5653999, "56539.99" },
    { G_MAXINT64, "92233720368547758.07" },
    { G_MININT64, "-92233720368547758.08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jx_money_to_decimal (cases[i].value);
      char buf[JX_MONEY_BUF_SIZE];
      gsize len;

      g_assert_cmpstr (text, ==, cases[i].text);

      len = jx_money_to_decimal_buf (cases[i].value, buf);
      g_assert_cmpstr (buf, ==, cases[i].text);
      g_assert_cmpuint (len, ==, strlen (cases[i].text));
    }
}

static void
test_decimal_round_trips (void)
{
  guint64 x = 0x9E3779B97F4A7C15u;

  for (gsize i = 0; i < G_N_ELEMENTS (spread); i++)
    {
      g_autofree char *text = jx_money_to_decimal (spread[i]);
      JxMoney back = UNTOUCHED;

      g_assert_true (jx_money_from_decimal (text, strlen (text), &back));
      g_assert_cmpint (back, ==, spread[i]);
    }

  /* And a deterministic scatter over the whole range and every length. */
  for (guint i = 0; i < 10000; i++)
    {
      JxMoney value;
      char buf[JX_MONEY_BUF_SIZE];
      JxMoney back = UNTOUCHED;
      gsize len;

      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      value = (JxMoney) (x >> (i % 64));
      if (i % 2 && value != G_MININT64)
        value = -value;

      len = jx_money_to_decimal_buf (value, buf);
      g_assert_true (jx_money_from_decimal (buf, len, &back));
      g_assert_cmpint (back, ==, value);
    }
}

static void
test_decimal_rejects_other_shapes (void)
{
  static const char *const bad[] = {
    "", "0", "12", "12.3", "12.345", ".00", "-.00", "-", "-1", "--1.00",
    "+1.00", " 1.00", "1.00 ", "1,000.00", "1.0a", "a.00", "1.a0",
    "1,00", "１.00", "1e5.00", "0x1.00", "1.-1",
    "92233720368547758.08", "-92233720368547758.09",
    "100000000000000000.00", "18446744073709551616.00",
  };
  static const struct { const char *text; JxMoney value; } good[] = {
    { "0.00", 0 },
    { "-0.00", 0 },
    { "007.50", 750 },
    { "-92233720368547758.08", G_MININT64 },
  };
  JxMoney value = UNTOUCHED;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *shown = printable (bad[i]);

      g_test_message ("from_decimal “%s”", shown);
      g_assert_false (jx_money_from_decimal (bad[i], strlen (bad[i]), &value));
      g_assert_cmpint (value, ==, UNTOUCHED);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      value = UNTOUCHED;
      g_assert_true (jx_money_from_decimal (good[i].text, strlen (good[i].text), &value));
      g_assert_cmpint (value, ==, good[i].value);
    }

  /* Only @len bytes are read: the text need not be NUL-terminated. */
  {
    const char unterminated[] = { '1', '2', '.', '3', '4', '5', '6' };

    g_assert_true (jx_money_from_decimal (unterminated, 5, &value));
    g_assert_cmpint (value, ==, 1234);
    g_assert_false (jx_money_from_decimal (unterminated, 6, &value));
    g_assert_cmpint (value, ==, 1234);
    g_assert_false (jx_money_from_decimal (NULL, 0, NULL));
  }
}

static void
test_format_groups_thousands (void)
{
  static const struct { JxMoney value; const char *text; } cases[] = {
    { 5653999, "56,539.99" },
    { 99900, "999.00" },
    { 100000, "1,000.00" },
    { -100000, "-1,000.00" },
    { -123456789, "-1,234,567.89" },
    { 99999999, "999,999.99" },
    { 5, "0.05" },
    { -5, "-0.05" },
    { 0, "0.00" },
    { 1046480, "10,464.80" },
    { G_MAXINT64, "92,233,720,368,547,758.07" },
    { G_MININT64, "-92,233,720,368,547,758.08" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jx_money_format (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_parses_back (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (spread); i++)
    {
      g_autofree char *text = jx_money_format (spread[i]);
      g_autoptr(GError) error = NULL;
      JxMoney back = UNTOUCHED;

      g_assert_true (jx_money_parse (text, NEG, &back, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, spread[i]);
    }
}

static void
test_arithmetic_refuses_overflow (void)
{
  JxMoney out = UNTOUCHED;

  g_assert_true (jx_money_add (1, 2, &out));
  g_assert_cmpint (out, ==, 3);
  g_assert_true (jx_money_add (G_MAXINT64 - 1, 1, &out));
  g_assert_cmpint (out, ==, G_MAXINT64);
  g_assert_true (jx_money_add (G_MAXINT64, G_MININT64, &out));
  g_assert_cmpint (out, ==, -1);
  g_assert_true (jx_money_add (G_MININT64 + 1, -1, &out));
  g_assert_cmpint (out, ==, G_MININT64);

  out = UNTOUCHED;
  g_assert_false (jx_money_add (G_MAXINT64, 1, &out));
  g_assert_false (jx_money_add (1, G_MAXINT64, &out));
  g_assert_false (jx_money_add (G_MININT64, -1, &out));
  g_assert_false (jx_money_add (G_MININT64, G_MININT64, &out));
  g_assert_false (jx_money_add (G_MAXINT64, G_MAXINT64, &out));
  g_assert_cmpint (out, ==, UNTOUCHED);

  g_assert_true (jx_money_sub (5, 7, &out));
  g_assert_cmpint (out, ==, -2);
  g_assert_true (jx_money_sub (-1, G_MININT64, &out));
  g_assert_cmpint (out, ==, G_MAXINT64);
  g_assert_true (jx_money_sub (0, G_MAXINT64, &out));
  g_assert_cmpint (out, ==, -G_MAXINT64);
  g_assert_true (jx_money_sub (-1, G_MAXINT64, &out));
  g_assert_cmpint (out, ==, G_MININT64);

  out = UNTOUCHED;
  g_assert_false (jx_money_sub (G_MININT64, 1, &out));
  g_assert_false (jx_money_sub (G_MAXINT64, -1, &out));
  g_assert_false (jx_money_sub (0, G_MININT64, &out));
  g_assert_false (jx_money_sub (G_MAXINT64, G_MININT64, &out));
  g_assert_false (jx_money_sub (-2, G_MAXINT64, &out));
  g_assert_cmpint (out, ==, UNTOUCHED);
}

static void
test_locale_comma_decimal_gives_same_results (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *decimal = NULL;
  g_autofree char *formatted = NULL;
  g_autoptr(GError) error = NULL;
  JxMoney value = UNTOUCHED;
  guint column = 0;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("locale de_DE.UTF-8 is not installed; generate it with locale-gen to run this test");
      return;
    }
  /* Make sure the locale really is comma-decimal, or the test proves nothing. */
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");

  g_assert_true (jx_money_parse ("10,464.80", 0, &value, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 1046480);
  g_assert_true (jx_money_parse ("10464.8", 0, &value, NULL, &error));
  g_assert_cmpint (value, ==, 1046480);
  g_assert_true (jx_money_parse ("-1,234,567.89", NEG, &value, NULL, &error));
  g_assert_cmpint (value, ==, -123456789);

  /* A German-style amount is still refused, at the same place. */
  g_assert_false (jx_money_parse ("1.234,56", 0, &value, &column, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_PRECISION);
  g_assert_cmpuint (column, ==, 5);
  g_clear_error (&error);
  g_assert_false (jx_money_parse ("12,34", 0, &value, &column, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_INVALID);
  g_assert_cmpuint (column, ==, 3);
  g_clear_error (&error);

  formatted = jx_money_format (-123456789);
  g_assert_cmpstr (formatted, ==, "-1,234,567.89");
  decimal = jx_money_to_decimal (-123456789);
  g_assert_cmpstr (decimal, ==, "-1234567.89");
  g_assert_true (jx_money_from_decimal ("1234.50", 7, &value));
  g_assert_cmpint (value, ==, 123450);
  g_assert_false (jx_money_from_decimal ("1234,50", 7, &value));

  for (gsize i = 0; i < G_N_ELEMENTS (spread); i++)
    {
      g_autofree char *text = jx_money_to_decimal (spread[i]);
      g_autofree char *grouped = jx_money_format (spread[i]);
      JxMoney back = UNTOUCHED;

      g_assert_null (strchr (text, ','));
      g_assert_true (jx_money_from_decimal (text, strlen (text), &back));
      g_assert_cmpint (back, ==, spread[i]);
      g_assert_true (jx_money_parse (grouped, NEG, &back, NULL, NULL));
      g_assert_cmpint (back, ==, spread[i]);
    }

  setlocale (LC_ALL, saved);
}

/* A 万元 table kept to the 元: amounts in ten-thousandths of 万元, exact. */
static void
test_four_decimals_parse (void)
{
  g_autoptr(GError) error = NULL;
  JxMoney value = UNTOUCHED;
  guint column = 99;

  g_assert_true (jx_money_parse_at ("6923.3552", 4, 0, &value, &column, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 69233552);
  g_assert_cmpuint (column, ==, 0);
  /* Fewer decimals are scaled, never read as ten-thousandths. */
  g_assert_true (jx_money_parse_at ("6,923.35", 4, 0, &value, NULL, NULL));
  g_assert_cmpint (value, ==, 69233500);
  g_assert_true (jx_money_parse_at ("１２", 4, 0, &value, NULL, NULL));
  g_assert_cmpint (value, ==, 120000);
  g_assert_true (jx_money_parse_at ("-0.0001", 4, NEG, &value, NULL, NULL));
  g_assert_cmpint (value, ==, -1);
  /* A fifth decimal is refused where it is, with the precision named. */
  value = UNTOUCHED;
  g_assert_false (jx_money_parse_at ("1.23456", 4, 0, &value, &column, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_PRECISION);
  g_assert_cmpuint (column, ==, 7);
  g_assert_nonnull (strstr (error->message, "4"));
  g_assert_cmpint (value, ==, UNTOUCHED);
  g_clear_error (&error);
  /* The same text at two decimals is refused at its third decimal. */
  g_assert_false (jx_money_parse_at ("6923.3552", 2, 0, &value, &column, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_PRECISION);
  g_assert_cmpuint (column, ==, 8);
  g_clear_error (&error);
  /* The range is G_MAXINT64 ten-thousandths. */
  g_assert_true (jx_money_parse_at ("922337203685477.5807", 4, 0, &value, NULL, NULL));
  g_assert_cmpint (value, ==, G_MAXINT64);
  g_assert_false (jx_money_parse_at ("922337203685477.5808", 4, 0, &value, NULL, &error));
  g_assert_error (error, JX_MONEY_ERROR, JX_MONEY_ERROR_OVERFLOW);
  g_clear_error (&error);
  g_assert_true (jx_money_parse_at ("-922,337,203,685,477.5808", 4, NEG, &value, NULL, NULL));
  g_assert_cmpint (value, ==, G_MININT64);
}

static void
test_four_decimals_file_and_display_forms (void)
{
  const JxMoney values[] = { 0, 1, -1, 69233552, 1234500, G_MAXINT64, G_MININT64 };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = jx_money_to_decimal_at (values[i], 4);
      g_autofree char *shown = jx_money_format_at (values[i], 4);
      char buf[JX_MONEY_BUF_SIZE];
      JxMoney back = UNTOUCHED;

      g_assert_cmpuint (jx_money_to_decimal_buf_at (values[i], 4, buf), ==, strlen (text));
      g_assert_cmpstr (buf, ==, text);
      /* Always four decimals: the 元 are never dropped. */
      g_assert_cmpuint (strlen (strchr (text, '.') + 1), ==, 4);
      g_assert_true (jx_money_from_decimal_at (text, strlen (text), 4, &back));
      g_assert_cmpint (back, ==, values[i]);
      g_assert_true (jx_money_parse_at (shown, 4, NEG, &back, NULL, NULL));
      g_assert_cmpint (back, ==, values[i]);
    }
  {
    g_autofree char *a = jx_money_to_decimal_at (69233552, 4);
    g_autofree char *b = jx_money_format_at (69233552, 4);
    g_autofree char *c = jx_money_format_at (G_MININT64, 4);

    g_assert_cmpstr (a, ==, "6923.3552");
    g_assert_cmpstr (b, ==, "6,923.3552");
    g_assert_cmpstr (c, ==, "-922,337,203,685,477.5808");
  }
  /* The file form has exactly the document's decimals. */
  g_assert_false (jx_money_from_decimal_at ("6923.35", 7, 4, NULL));
  g_assert_false (jx_money_from_decimal_at ("6923.35520", 10, 4, NULL));
  g_assert_false (jx_money_from_decimal_at (".3552", 5, 4, NULL));
  g_assert_false (jx_money_from_decimal_at ("922337203685477.5808", 20, 4, NULL));
  g_assert_false (jx_money_from_decimal ("6923.3552", 9, NULL));
}

static void
test_rescale_never_rounds (void)
{
  JxMoney out = UNTOUCHED;

  g_assert_true (jx_money_rescale (692335, 2, 4, &out));
  g_assert_cmpint (out, ==, 69233500);
  g_assert_true (jx_money_rescale (69233500, 4, 2, &out));
  g_assert_cmpint (out, ==, 692335);
  out = UNTOUCHED;
  g_assert_false (jx_money_rescale (69233552, 4, 2, &out));
  g_assert_cmpint (out, ==, UNTOUCHED);
  g_assert_false (jx_money_rescale (G_MAXINT64 / 10, 2, 4, &out));
  g_assert_cmpint (out, ==, UNTOUCHED);
  g_assert_cmpuint (jx_money_count_decimals (69233552, 4), ==, 4);
  g_assert_cmpuint (jx_money_count_decimals (69233500, 4), ==, 2);
  g_assert_cmpuint (jx_money_count_decimals (120000, 4), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/ascii-digits", test_parse_ascii_digits);
  g_test_add_func ("/money/four-decimals/parse", test_four_decimals_parse);
  g_test_add_func ("/money/four-decimals/file-and-display-forms", test_four_decimals_file_and_display_forms);
  g_test_add_func ("/money/four-decimals/rescale-never-rounds", test_rescale_never_rounds);
  g_test_add_func ("/money/parse/full-width-digits", test_parse_full_width_digits);
  g_test_add_func ("/money/parse/trims-blanks", test_parse_trims_blanks);
  g_test_add_func ("/money/parse/thousands-separators", test_parse_thousands_separators);
  g_test_add_func ("/money/parse/rejects-misplaced-separators-with-column",
                   test_parse_rejects_misplaced_separators_with_column);
  g_test_add_func ("/money/parse/decimals-at-most-two", test_parse_decimals);
  g_test_add_func ("/money/parse/rejects-dangling-point", test_parse_rejects_dangling_point);
  g_test_add_func ("/money/parse/negative-needs-flag", test_parse_negative_needs_flag);
  g_test_add_func ("/money/parse/empty", test_parse_empty);
  g_test_add_func ("/money/parse/rejects-garbage-with-column",
                   test_parse_rejects_garbage_with_column);
  g_test_add_func ("/money/parse/messages-say-what-and-where",
                   test_parse_messages_say_what_and_where);
  g_test_add_func ("/money/parse/rejects-invalid-utf8", test_parse_rejects_invalid_utf8);
  g_test_add_func ("/money/parse/overflow-at-the-limits", test_parse_overflow_at_the_limits);
  g_test_add_func ("/money/parse/out-and-column-are-optional",
                   test_parse_out_and_column_are_optional);
  g_test_add_func ("/money/decimal/writes-the-file-form", test_decimal_writes_the_file_form);
  g_test_add_func ("/money/decimal/round-trips", test_decimal_round_trips);
  g_test_add_func ("/money/decimal/rejects-other-shapes", test_decimal_rejects_other_shapes);
  g_test_add_func ("/money/format/groups-thousands", test_format_groups_thousands);
  g_test_add_func ("/money/format/parses-back", test_format_parses_back);
  g_test_add_func ("/money/arithmetic/refuses-overflow", test_arithmetic_refuses_overflow);
  g_test_add_func ("/money/locale/comma-decimal-gives-same-results",
                   test_locale_comma_decimal_gives_same_results);

  return g_test_run ();
}
