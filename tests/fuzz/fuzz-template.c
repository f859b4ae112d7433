/* fuzz-template.c: templates (the kinds of table, JSON, jx-template.h) are
 * read; what is read is a template the rest of Jixiao can rely on
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "jx-template.h"

static void
check_field (const JxField *field)
{
  FUZZ_CHECK (field != NULL && field->id != NULL && field->id[0] != '\0');
  FUZZ_CHECK (jx_field_get_label (field) != NULL);
  FUZZ_CHECK (field->official == NULL || g_utf8_validate (field->official, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxTemplate) template = NULL;
  const char *id;
  guint n;

  fuzz_init ();
  template = jx_template_new_from_bytes (bytes, "fuzz.json", &error);
  if (template == NULL)
    {
      /* Refused with a message that names the file. */
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (strstr (error->message, "fuzz.json") != NULL);
      return 0;
    }

  /* An id a document can name (ASCII, no spaces), a unit and a precision
   * amounts can be read in. */
  id = jx_template_get_id (template);
  FUZZ_CHECK (id != NULL && id[0] != '\0');
  for (const char *p = id; *p != '\0'; p++)
    FUZZ_CHECK (g_ascii_isalnum (*p) || strchr ("-_.", *p) != NULL);
  FUZZ_CHECK (g_utf8_validate (jx_template_get_name (template), -1, NULL));
  FUZZ_CHECK (jx_template_get_label (template) != NULL);
  FUZZ_CHECK (jx_template_get_taxonomy (template) != NULL);
  FUZZ_CHECK (g_str_equal (jx_template_get_unit (template), "元") ||
              g_str_equal (jx_template_get_unit (template), "万元"));
  FUZZ_CHECK (jx_template_get_decimals (template) == 2 || jx_template_get_decimals (template) == 4);

  /* At least one funding source, each found again by its id. */
  n = jx_template_get_n_sources (template);
  FUZZ_CHECK (n >= 1 && n <= JX_MAX_SOURCES);
  for (guint k = 0; k < n; k++)
    {
      const JxField *source = jx_template_get_source (template, k);

      check_field (source);
      FUZZ_CHECK (source->kind == JX_FIELD_MONEY);
      FUZZ_CHECK (jx_template_find_source (template, source->id) == (int) k);
    }
  /* Goals and indicator fields, each found again by its id. */
  for (guint k = 0; k < jx_template_get_n_goals (template); k++)
    {
      const JxField *goal = jx_template_get_goal (template, k);

      check_field (goal);
      FUZZ_CHECK (jx_template_get_field (template, goal->id) == goal);
    }
  for (guint k = 0; k < jx_template_get_n_indicator_fields (template); k++)
    {
      const JxField *field = jx_template_get_indicator_field (template, k);

      check_field (field);
      FUZZ_CHECK (jx_template_get_field (template, field->id) == field);
    }
  /* A weights check only where there are weights to check. */
  FUZZ_CHECK (jx_template_get_weights_total (template) == 0 || jx_template_has_field (template, "weight"));
  return 0;
}
