/* jx-annotation.h: a reviewer's comment on a project, an indicator or a field
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-node.h"

G_BEGIN_DECLS

#define JX_TYPE_ANNOTATION (jx_annotation_get_type ())
G_DECLARE_FINAL_TYPE (JxAnnotation, jx_annotation, JX, ANNOTATION, JxNode)

/*
 * Properties: target (id of the annotated node; empty on replies), field
 * (optional id of the annotated field in jx-fields.h, such as "goal"), author,
 * time (ISO 8601 text, kept as written so saves are byte-identical), text,
 * resolved. Children: replies (JxAnnotation).
 */
JxAnnotation *jx_annotation_new           (const char   *target,
                                           const char   *field,
                                           const char   *author,
                                           const char   *time,
                                           const char   *text);
const char   *jx_annotation_get_target    (JxAnnotation *self);
void          jx_annotation_set_target    (JxAnnotation *self,
                                           const char   *target);
const char   *jx_annotation_get_field     (JxAnnotation *self);
void          jx_annotation_set_field     (JxAnnotation *self,
                                           const char   *field);
const char   *jx_annotation_get_author    (JxAnnotation *self);
void          jx_annotation_set_author    (JxAnnotation *self,
                                           const char   *author);
const char   *jx_annotation_get_time      (JxAnnotation *self);
void          jx_annotation_set_time      (JxAnnotation *self,
                                           const char   *time);
const char   *jx_annotation_get_text      (JxAnnotation *self);
void          jx_annotation_set_text      (JxAnnotation *self,
                                           const char   *text);
gboolean      jx_annotation_get_resolved  (JxAnnotation *self);
void          jx_annotation_set_resolved  (JxAnnotation *self,
                                           gboolean      resolved);
/* List of JxAnnotation. Transfer none. */
GListModel   *jx_annotation_get_replies   (JxAnnotation *self);

/* The current time as written in annotations: "2026-11-25T14:03:00+08:00". */
char         *jx_annotation_now           (void);

G_END_DECLS
