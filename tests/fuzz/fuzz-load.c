/* fuzz-load.c: a .jixiao file is loaded; what loads saves, loads back with
 * the same totals, and saves to the same bytes again; the reader's pass
 * alone reads it as the two passes did
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "jx-document.h"
#include "jx-problem.h"
#include "jx-xml.h"
#include "jx-xml-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxProblem) problem = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(JxDocument) second = NULL;
  g_autoptr(GBytes) second_saved = NULL;

  fuzz_init ();
  doc = jx_xml_load_bytes (bytes, "fuzz", &problem, &error);
  if (doc == NULL)
    {
      /* Refused: with a message and a problem saying the same. */
      FUZZ_CHECK (error != NULL && error->message[0] != '\0');
      FUZZ_CHECK (problem != NULL && problem->rule != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  saved = jx_xml_write (doc, &error);
  if (saved == NULL)
    {
      /* Only a newer format, which opens read-only, may not be written. */
      FUZZ_CHECK (jx_document_is_read_only (doc));
      FUZZ_CHECK (g_error_matches (error, JX_XML_ERROR, JX_XML_ERROR_NEWER_FORMAT));
      return 0;
    }
  /* Whichever pass read it (the first, SAX, when it could), the second
   * alone reads the same table. */
  second = jx_xml_load_bytes_pass (bytes, "fuzz", JX_XML_PASS_SECOND, NULL, NULL);
  FUZZ_CHECK (second != NULL);
  second_saved = jx_xml_write (second, NULL);
  FUZZ_CHECK (second_saved != NULL && g_bytes_equal (saved, second_saved));

  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  if (back == NULL)
    fprintf (stderr, "what was saved does not load: %s\n", error->message);
  FUZZ_CHECK (back != NULL);
  FUZZ_CHECK (jx_document_get_total (back) == jx_document_get_total (doc));
  FUZZ_CHECK (jx_document_get_n_projects (back) == jx_document_get_n_projects (doc));
  saved_again = jx_xml_write (back, &error);
  FUZZ_CHECK (saved_again != NULL);
  FUZZ_CHECK (g_bytes_equal (saved, saved_again));
  return 0;
}
