/* main.c: jixiao, the editor
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jixiao"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "jx-application.h"
#include "jx-init.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JxApplication) app = NULL;

  setlocale (LC_ALL, "");
  jx_init ();
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Jixiao"));

  app = jx_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
