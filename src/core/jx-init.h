/* jx-init.h: one-time set-up of libjixiao (gettext, libxml2)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void jx_init (void);

/* The ids of the data files of @dir in the core GResource
 * ("/org/jixiao/Jixiao/core/templates/"): each "<id>.json", sorted. For the
 * built-in taxonomies and templates. Transfer full. */
char **jx_core_list_json_ids (const char *dir);

/* A kind of data file compiled into libjixiao (the taxonomies, the
 * templates): "<dir><id>.json" in the core GResource, each read on first use
 * and kept for the life of the program. One static instance per kind; its
 * owner fills in the public members, which give the kind's reader and its
 * own error messages. Safe to use from any thread. */
typedef struct _JxCoreBuiltin JxCoreBuiltin;
struct _JxCoreBuiltin
{
  const char *dir;
  gpointer    (*new_from_bytes) (GBytes *json, const char *origin, GError **error);
  const char *(*get_id) (gpointer object);
  /* @known: the built-in ids, comma-separated */
  void        (*set_not_found) (GError **error, const char *id, const char *known);
  void        (*set_id_mismatch) (GError **error, const char *origin, const char *declared);
  /*< private >*/
  GMutex      lock;
  GHashTable *cache;  /* id → object, owned; never freed */
  char      **ids;
};

/* The ids of @kind, sorted, NULL-terminated. Transfer none. */
const char * const *jx_core_builtin_list (JxCoreBuiltin *kind);
/* The object called @id, or NULL with @kind's not-found error. Transfer none. */
gpointer            jx_core_builtin_get  (JxCoreBuiltin *kind,
                                          const char    *id,
                                          GError       **error);
/* The whole file at @path, with its name for messages in @display
 * (transfer full). NULL with a G_FILE_ERROR when it cannot be read. */
GBytes             *jx_core_read_file    (const char    *path,
                                          char         **display,
                                          GError       **error);

G_END_DECLS
