/* fuzz-nodes.c: rows copied in Jixiao's own clipboard format
 * (JX_ROWS_MIME_TYPE, jx_rows_read_nodes()) are read and pasted; any program
 * can put bytes on the clipboard under that type
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "jx-document.h"
#include "jx-edit.h"
#include "jx-history.h"
#include "jx-project.h"
#include "jx-rows.h"
#include "jx-xml.h"

/* @doc saved and loaded again has the same totals and counts. */
static void
check_round_trip (JxDocument *doc,
                  const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(JxDocument) back = NULL;

  saved = jx_xml_write (doc, &error);
  if (saved == NULL)
    fprintf (stderr, "%s cannot be saved: %s\n", what, error->message);
  FUZZ_CHECK (saved != NULL);
  back = jx_xml_load_bytes (saved, "saved", NULL, &error);
  if (back == NULL)
    fprintf (stderr, "%s, saved, does not load: %s\n", what, error->message);
  FUZZ_CHECK (back != NULL);
  FUZZ_CHECK (jx_document_get_total (back) == jx_document_get_total (doc));
  FUZZ_CHECK (jx_document_get_n_projects (back) == jx_document_get_n_projects (doc));
  FUZZ_CHECK (jx_document_get_n_indicators (back) == jx_document_get_n_indicators (doc));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JxDocument) fragment = NULL;
  g_autoptr(JxDocument) target = NULL;
  JxRowsContent content = JX_ROWS_CONTENT_PROJECTS;
  JxFundingUnit *unit;
  JxProject *project;
  JxHistory *history;
  JxNode *first;
  JxMoney before;
  guint n_projects = 0, n_indicators = 0, n_before;

  fuzz_init ();
  fragment = jx_rows_read_nodes (bytes, &content, &error);
  if (fragment == NULL)
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  FUZZ_CHECK (content == JX_ROWS_CONTENT_PROJECTS || content == JX_ROWS_CONTENT_INDICATORS);
  check_round_trip (fragment, "the rows read");

  /* Pasted onto a project of a table that has one (in 万元): either refused
   * with a message and nothing changed, or one undo step that saves, loads
   * back and is undone to the table as it was. */
  target = jx_document_new ();
  unit = jx_edit_add_unit (target, 0, "单位");
  project = jx_edit_add_project (target, unit, 0, "项目");
  FUZZ_CHECK (jx_edit_set_money (target, project, "fiscal", 12345, NULL));
  history = jx_document_get_history (target);
  before = jx_document_get_total (target);
  n_before = jx_document_get_n_indicators (target) + jx_document_get_n_projects (target);

  first = jx_rows_paste (target, JX_NODE (project), fragment, content, &n_projects, &n_indicators, &error);
  if (first == NULL)
    {
      FUZZ_CHECK (error != NULL && g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (jx_document_get_total (target) == before);
      FUZZ_CHECK (jx_document_get_n_indicators (target) + jx_document_get_n_projects (target) == n_before);
      return 0;
    }
  FUZZ_CHECK (n_projects + n_indicators > 0);
  FUZZ_CHECK (jx_document_get_n_projects (target) == 1 + n_projects);
  /* Pasted projects bring their amounts, in the table's unit: 1.23 万元
   * pasted into a table in 元 is 12,300.00 元, never 1.23 元. */
  if (n_projects > 0)
    {
      JxMoney added = jx_document_get_total (fragment);

      if (!g_str_equal (jx_document_get_unit (fragment), jx_document_get_unit (target)))
        added = g_str_equal (jx_document_get_unit (target), "元") ? added * 10000 : added / 10000;
      FUZZ_CHECK (jx_document_get_total (target) == before + added);
    }
  else
    FUZZ_CHECK (jx_document_get_total (target) == before);
  check_round_trip (target, "the table pasted into");
  FUZZ_CHECK (jx_history_undo (history));
  FUZZ_CHECK (jx_document_get_total (target) == before);
  FUZZ_CHECK (jx_document_get_n_indicators (target) + jx_document_get_n_projects (target) == n_before);
  return 0;
}
