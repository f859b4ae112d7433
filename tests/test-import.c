/* test-import.c: published tables (OCR text) into documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <glib.h>

#include "jx-import.h"
#include "jx-init.h"

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  jx_init ();
  return g_test_run ();
}
