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

G_END_DECLS
