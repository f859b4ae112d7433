/* bench-save.c: how long saving a loaded document takes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-save FILE.jixiao OUTPUT.jixiao
 * Loads FILE (not timed), then prints on one line the seconds taken by
 * jx_xml_write() (the XML in memory) and by jx_storage_save() to OUTPUT
 * (the whole save: XML, temporary file, flush to disk, rename), as
 * "write S save S". tests/bench/all-vs-xmllint.sh sets them against
 * xmllint's parse of the same file.
 */
#include "config.h"

#include <locale.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "jx-document.h"
#include "jx-init.h"
#include "jx-storage.h"
#include "jx-xml.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JxDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 t0, t1, t2;

  setlocale (LC_ALL, "");
  jx_init ();
  if (argc != 3)
    {
      g_printerr ("usage: bench-save FILE.jixiao OUTPUT.jixiao\n");
      return 64;
    }
  document = jx_storage_load (argv[1], NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 2;
    }
  g_unlink (argv[2]);

  t0 = g_get_monotonic_time ();
  bytes = jx_xml_write (document, &error);
  t1 = g_get_monotonic_time ();
  if (bytes == NULL || !jx_storage_save (document, argv[2], JX_SAVE_COPY, &error))
    {
      g_printerr ("%s: %s\n", argv[2], error->message);
      return 3;
    }
  t2 = g_get_monotonic_time ();
  g_print ("write %.3f save %.3f\n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  return 0;
}
