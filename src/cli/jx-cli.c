/* jx-cli.c: jixiao-cli, the core on the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "jx-init.h"

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  jx_init ();
  textdomain (GETTEXT_PACKAGE);

  if (argc == 2 && g_str_equal (argv[1], "--version"))
    {
      g_print ("jixiao-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  return 64;
}
