/* fuzz-import.c: published-table text is imported; what is imported saves
 * and loads back with the same totals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "jx-document.h"
#include "jx-import.h"
#include "jx-xml.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jx_problem_free);
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GBytes) saved = NULL;

  fuzz_init ();
  /* The importer is documented never to read outside the text. */
  doc = jx_import_text ((const char *) data, size, "fuzz", warnings, &error);
  if (doc == NULL)
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  for (guint i = 0; i < warnings->len; i++)
    FUZZ_CHECK (g_utf8_validate (((JxProblem *) g_ptr_array_index (warnings, i))->message, -1, NULL));

  /* An import never makes a document that cannot be saved. */
  saved = jx_xml_write (doc, &error);
  if (saved == NULL)
    fprintf (stderr, "the import cannot be saved: %s\n", error->message);
  FUZZ_CHECK (saved != NULL);
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  if (back == NULL)
    fprintf (stderr, "the saved import does not load: %s\n", error->message);
  FUZZ_CHECK (back != NULL);
  FUZZ_CHECK (jx_document_get_total (back) == jx_document_get_total (doc));
  FUZZ_CHECK (jx_document_get_n_projects (back) == jx_document_get_n_projects (doc));
  return 0;
}
