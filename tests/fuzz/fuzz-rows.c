/* fuzz-rows.c: rows pasted from a spreadsheet (TSV, jx-rows.h) are read;
 * what is read saves and loads back with the same totals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "jx-document.h"
#include "jx-rows.h"
#include "jx-xml.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(JxDocument) target = NULL;
  g_autoptr(JxDocument) rows = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GBytes) saved = NULL;
  JxRowsContent content;

  fuzz_init ();
  /* The document pasted into gives the taxonomy, unit and sources. */
  target = jx_document_new ();
  rows = jx_rows_parse ((const char *) data, size, target, &content, problems, &error);
  if (rows == NULL)
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  for (guint i = 0; i < problems->len; i++)
    FUZZ_CHECK (g_utf8_validate (((JxProblem *) g_ptr_array_index (problems, i))->message, -1, NULL));

  /* What was read can be saved, and reads back the same. */
  saved = jx_xml_write (rows, &error);
  if (saved == NULL)
    fprintf (stderr, "the rows read cannot be saved: %s\n", error->message);
  FUZZ_CHECK (saved != NULL);
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  if (back == NULL)
    fprintf (stderr, "the saved rows do not load: %s\n", error->message);
  FUZZ_CHECK (back != NULL);
  FUZZ_CHECK (jx_document_get_total (back) == jx_document_get_total (rows));
  return 0;
}
