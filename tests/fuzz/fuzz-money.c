/* fuzz-money.c: amounts are parsed; what parses formats and parses back to
 * the same amount, in both forms
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "jx-money.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *decimal = NULL;
  g_autoptr(GError) error = NULL;
  JxMoneyParseFlags flags;
  JxMoney value = 0, back = 0;
  guint column = 0;
  char buf[JX_MONEY_BUF_SIZE];

  fuzz_init ();
  if (size == 0)
    return 0;
  /* The first byte chooses the flags; the rest is the text. */
  flags = data[0] & (JX_MONEY_PARSE_ALLOW_NEGATIVE | JX_MONEY_PARSE_ALLOW_EMPTY);
  text = fuzz_string (data + 1, size - 1);

  /* The file form is read exactly as written. */
  if (jx_money_from_decimal (text, strlen (text), &value))
    {
      gsize len = jx_money_to_decimal_buf (value, buf);

      FUZZ_CHECK (jx_money_from_decimal (buf, len, &back) && back == value);
    }

  if (!jx_money_parse (text, flags, &value, &column, &error))
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      /* The column is a place in the text, or just past its end. */
      if (g_utf8_validate (text, -1, NULL))
        FUZZ_CHECK (column <= (guint) g_utf8_strlen (text, -1) + 1);
      return 0;
    }
  FUZZ_CHECK (column == 0);
  formatted = jx_money_format (value);
  FUZZ_CHECK (jx_money_parse (formatted, JX_MONEY_PARSE_ALLOW_NEGATIVE, &back, NULL, NULL));
  FUZZ_CHECK (back == value);
  decimal = jx_money_to_decimal (value);
  FUZZ_CHECK (jx_money_from_decimal (decimal, strlen (decimal), &back));
  FUZZ_CHECK (back == value);
  return 0;
}
