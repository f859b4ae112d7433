/* fuzz-json.c: JSON documents are read (as jixiao-cli reads them); what is
 * read saves and loads back with the same totals
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "jx-document.h"
#include "jx-json.h"
#include "jx-limits.h"
#include "jx-xml.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JxDocument) doc = NULL;
  g_autoptr(JxDocument) back = NULL;
  g_autoptr(GBytes) saved = NULL;
  guint line, column;

  fuzz_init ();
  root = jx_json_parse_limited ((const char *) data, size, &line, &column, &error);
  if (root == NULL)
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  doc = jx_json_to_document (root, &error);
  if (doc == NULL)
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  /* What the reader accepts can be saved, unless it is of a newer format. */
  saved = jx_xml_write (doc, &error);
  if (saved == NULL)
    {
      if (!jx_document_is_read_only (doc))
        fprintf (stderr, "what the JSON reader accepted cannot be saved: %s\n", error->message);
      FUZZ_CHECK (jx_document_is_read_only (doc));
      return 0;
    }
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  if (back == NULL)
    fprintf (stderr, "what was saved does not load: %s\n", error->message);
  FUZZ_CHECK (back != NULL);
  FUZZ_CHECK (jx_document_get_total (back) == jx_document_get_total (doc));
  return 0;
}
