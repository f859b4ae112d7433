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

const char * const *
jx_core_builtin_list (JxCoreBuiltin *kind)
{
  if (g_once_init_enter (&kind->ids))
    g_once_init_leave (&kind->ids, jx_core_list_json_ids (kind->dir));
  return (const char * const *) kind->ids;
}

gpointer
jx_core_builtin_get (JxCoreBuiltin  *kind,
                     const char     *id,
                     GError        **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *path = NULL;
  g_autofree char *origin = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gpointer object;

  if (!g_strv_contains (jx_core_builtin_list (kind), id))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) jx_core_builtin_list (kind));

      kind->set_not_found (error, id, known);
      return NULL;
    }

  locker = g_mutex_locker_new (&kind->lock);
  if (kind->cache == NULL)
    kind->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if ((object = g_hash_table_lookup (kind->cache, id)) != NULL)
    return object;

  path = g_strconcat (kind->dir, id, ".json", NULL);
  origin = g_strconcat ("resource://", path, NULL);
  if (!(bytes = g_resource_lookup_data (jx_core_get_resource (), path,
                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error)) ||
      !(object = kind->new_from_bytes (bytes, origin, error)))
    return NULL;
  if (strcmp (kind->get_id (object), id) != 0)
    {
      kind->set_id_mismatch (error, origin, kind->get_id (object));
      g_object_unref (object);
      return NULL;
    }
  g_hash_table_insert (kind->cache, g_strdup (id), object);
  return object;
}

GBytes *
jx_core_read_file (const char  *path,
                   char       **display,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  *display = g_filename_display_name (path);
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}
