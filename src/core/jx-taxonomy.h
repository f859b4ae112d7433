/* jx-taxonomy.h: an indicator category scheme (一级/二级指标) read from JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_TAXONOMY_DEFAULT_ID "guangdong-2020"

#define JX_TAXONOMY_ERROR (jx_taxonomy_error_quark ())

typedef enum
{
  JX_TAXONOMY_ERROR_NOT_FOUND,
  JX_TAXONOMY_ERROR_INVALID,
} JxTaxonomyError;

#define JX_TYPE_TAXONOMY (jx_taxonomy_get_type ())

G_DECLARE_FINAL_TYPE (JxTaxonomy, jx_taxonomy, JX, TAXONOMY, GObject)

GQuark              jx_taxonomy_error_quark               (void);

JxTaxonomy         *jx_taxonomy_new_from_bytes            (GBytes      *json,
                                                           const char  *origin,
                                                           GError     **error);
JxTaxonomy         *jx_taxonomy_new_from_file             (const char  *path,
                                                           GError     **error);
JxTaxonomy         *jx_taxonomy_get_builtin               (const char  *id,
                                                           GError     **error);
const char * const *jx_taxonomy_list_builtin              (void);

const char         *jx_taxonomy_get_id                    (JxTaxonomy  *self);
const char         *jx_taxonomy_get_name                  (JxTaxonomy  *self);
const char         *jx_taxonomy_get_english_name          (JxTaxonomy  *self);

const char * const *jx_taxonomy_get_categories            (JxTaxonomy  *self);
const char * const *jx_taxonomy_get_subcategories         (JxTaxonomy  *self,
                                                           const char  *category);
gboolean            jx_taxonomy_has_category              (JxTaxonomy  *self,
                                                           const char  *code);
gboolean            jx_taxonomy_has_subcategory           (JxTaxonomy  *self,
                                                           const char  *code);
gboolean            jx_taxonomy_is_valid_pair             (JxTaxonomy  *self,
                                                           const char  *category,
                                                           const char  *subcategory);
const char         *jx_taxonomy_get_parent                (JxTaxonomy  *self,
                                                           const char  *subcategory);

const char         *jx_taxonomy_get_name_for_code         (JxTaxonomy  *self,
                                                           const char  *code,
                                                           gboolean     with_suffix);
const char         *jx_taxonomy_get_english_name_for_code (JxTaxonomy  *self,
                                                           const char  *code);
gboolean            jx_taxonomy_name_matches              (JxTaxonomy  *self,
                                                           const char  *code,
                                                           const char  *name);
char               *jx_taxonomy_format_label              (JxTaxonomy  *self,
                                                           const char  *code);
/* jx_taxonomy_format_label() for a code @self (nullable) knows; the code as
 * it is otherwise ("" for NULL): the category cells of tables and exports. */
char               *jx_taxonomy_format_code               (JxTaxonomy  *self,
                                                           const char  *code);

G_END_DECLS
