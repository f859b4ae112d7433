/* jx-annotation.h: a reviewer's comment on a project, an indicator or a field
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-fields.h"
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

/* Where an annotation points to in @document, for views that must say
 * when a later edit took its place away (the comment itself is never
 * dropped). *@node receives the annotated item (NULL: the whole table or a
 * removed item), *@field the annotated field (NULL: the whole item, or a
 * field the item no longer has). Either out argument may be NULL. */
typedef enum {
  JX_ANNOTATION_PLACE_FOUND,          /* the item (and field, if any) exist */
  JX_ANNOTATION_PLACE_DOCUMENT,       /* on the whole table */
  JX_ANNOTATION_PLACE_REMOVED_ITEM,   /* its item is gone */
  JX_ANNOTATION_PLACE_REMOVED_FIELD,  /* its item is there, its field is not */
} JxAnnotationPlace;

JxAnnotationPlace jx_annotation_locate    (JxAnnotation   *self,
                                           JxDocument     *document,
                                           JxNode        **node,
                                           const JxField **field);

/* The current time as written in annotations: "2026-11-25T14:03:00+08:00". */
char         *jx_annotation_now           (void);

G_END_DECLS
