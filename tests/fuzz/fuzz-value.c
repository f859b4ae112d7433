/* fuzz-value.c: indicator values (jx-value.h) are parsed and formatted
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "jx-value.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_string (data, size);
  g_autoptr(JxValue) value = NULL;
  g_autoptr(JxValue) again = NULL;
  g_autofree char *formatted = NULL;
  gint64 hundredths;

  fuzz_init ();
  /* Values come from documents, which only hold UTF-8 text. */
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  value = jx_value_parse (text);
  FUZZ_CHECK (value != NULL);
  FUZZ_CHECK (memchr (value->number, '\0', sizeof value->number) != NULL);
  FUZZ_CHECK (memchr (value->unit, '\0', sizeof value->unit) != NULL);
  FUZZ_CHECK (g_utf8_validate (value->number, -1, NULL));
  FUZZ_CHECK (g_utf8_validate (value->unit, -1, NULL));
  if (value->number[0] != '\0')
    FUZZ_CHECK (jx_value_compare_numbers (value->number, value->number) == 0);
  (void) jx_value_is_quantitative (value);
  (void) jx_value_get_hundredths (value, &hundredths);
  formatted = jx_value_format (value);
  FUZZ_CHECK (formatted != NULL && g_utf8_validate (formatted, -1, NULL));
  /* What is formatted parses again without trouble. */
  again = jx_value_parse (formatted);
  FUZZ_CHECK (again != NULL);
  return 0;
}
