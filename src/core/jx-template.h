/* jx-template.h: what a table of one kind holds (sources, goals, indicator
 * fields, unit, precision, checks), read from JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jx-fields.h"

G_BEGIN_DECLS

/* The template of format-1 files and of documents that name none. */
#define JX_TEMPLATE_DEFAULT_ID "guangdong-2020"

#define JX_TEMPLATE_ERROR (jx_template_error_quark ())

typedef enum
{
  JX_TEMPLATE_ERROR_NOT_FOUND,
  JX_TEMPLATE_ERROR_INVALID,
} JxTemplateError;

#define JX_TYPE_TEMPLATE (jx_template_get_type ())

G_DECLARE_FINAL_TYPE (JxTemplate, jx_template, JX, TEMPLATE, GObject)

GQuark              jx_template_error_quark        (void);

JxTemplate         *jx_template_new_from_bytes     (GBytes      *json,
                                                    const char  *origin,
                                                    GError     **error);
JxTemplate         *jx_template_new_from_file      (const char  *path,
                                                    GError     **error);
/* A template compiled into libjixiao (data/templates/<id>.json), read once
 * and kept. Transfer none. */
JxTemplate         *jx_template_get_builtin         (const char  *id,
                                                    GError     **error);
/* guangdong-2020, which every build has. Transfer none. */
JxTemplate         *jx_template_get_default        (void);
/* The ids of the built-in templates, sorted. */
const char * const *jx_template_list_builtin       (void);

const char         *jx_template_get_id             (JxTemplate  *self);
/* The name as the tables print it: "部门预算项目绩效目标申报表（四川）". */
const char         *jx_template_get_name           (JxTemplate  *self);
/* The translated name, for menus and dialogs. */
const char         *jx_template_get_label          (JxTemplate  *self);
/* The id of its category scheme (jx-taxonomy.h). */
const char         *jx_template_get_taxonomy       (JxTemplate  *self);
/* The amount unit: "元" or "万元". */
const char         *jx_template_get_unit           (JxTemplate  *self);
/* How many decimals amounts carry: 2, or 4 for 万元 tables kept to the 元. */
guint               jx_template_get_decimals       (JxTemplate  *self);

/* Its funding sources, in the order the table prints them. Each is a row of
 * the table of fields (jx-fields.h), with the template's official label.
 * Transfer none. */
guint               jx_template_get_n_sources      (JxTemplate  *self);
const JxField      *jx_template_get_source         (JxTemplate  *self,
                                                    guint        index);
int                 jx_template_find_source        (JxTemplate  *self,
                                                    const char  *id);

/* Its goal fields (project fields: "cycle-goal", "goal") and indicator
 * fields ("cycle-value", "annual-value", "comparator", "number",
 * "measure-unit", "weight", "direction", "explanation"), in order, each
 * with the template's official label. Transfer none. */
guint               jx_template_get_n_goals        (JxTemplate  *self);
const JxField      *jx_template_get_goal           (JxTemplate  *self,
                                                    guint        index);
guint               jx_template_get_n_indicator_fields (JxTemplate *self);
const JxField      *jx_template_get_indicator_field    (JxTemplate *self,
                                                        guint       index);
/* The template's copy of the project or indicator field @id, or NULL when
 * the template does not have it. */
const JxField      *jx_template_get_field          (JxTemplate  *self,
                                                    const char  *id);
gboolean            jx_template_has_field          (JxTemplate  *self,
                                                    const char  *id);

/* The total the weights of a project's indicators must reach (100), or 0
 * when the template has no weights check. */
guint               jx_template_get_weights_total  (JxTemplate  *self);

G_END_DECLS
