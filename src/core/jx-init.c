/* jx-init.c: one-time set-up of libjixiao (gettext, libxml2)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-init"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "jx-init.h"

/**
 * jx_init:
 *
 * Binds the translation domain and initialises libxml2. Programs call it
 * once at start, after setlocale(); it is safe to call more than once.
 */
void
jx_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      /* JX_LOCALEDIR lets tests and uninstalled runs use the catalogues
       * built in the build tree. */
      const char *localedir = g_getenv ("JX_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      xmlInitParser ();
      g_once_init_leave (&once, 1);
    }
}
