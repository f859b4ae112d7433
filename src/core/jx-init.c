/* jx-init.c: one-time set-up of libjixiao (gettext, libxml2)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jx-init"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "jx-core-resources.h"
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

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
jx_core_list_json_ids (const char *dir)
{
  g_auto(GStrv) children = g_resource_enumerate_children (jx_core_get_resource (), dir,
                                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".json"))
      g_ptr_array_add (found, g_strndup (children[i], strlen (children[i]) - strlen (".json")));
  g_ptr_array_sort (found, compare_strings);
  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_free (found, FALSE);
}
