/* jx-validator.h: what a finance-bureau reviewer would send back
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-document.h"
#include "jx-problem.h"

G_BEGIN_DECLS

/*
 * A rule has a stable id (scripts and the README rely on it), a severity,
 * and a one-line description of what it checks and why, translated. The
 * problems it finds carry the id, the node and field concerned and the line
 * of the file.
 */
typedef struct
{
  const char *id;
  JxSeverity  severity;
  const char *what;   /* untranslated msgid: translate it before showing it */
  const char *why;    /* untranslated msgid */
  gboolean    confidential_exempt;  /* not applied to 涉密 projects (docs/domain.md) */
} JxRule;

/* All rules, validator rules and loader rules alike, in a stable order. */
const JxRule *jx_validator_get_rules     (guint      *n_rules);
const JxRule *jx_validator_lookup_rule   (const char *id);

/* Every problem in @document, in document order. Transfer full: an array
 * of JxProblem that frees its elements. */
GPtrArray    *jx_validate_document       (JxDocument *document);
/* The same problems handed to @func one at a time, in document order, on
 * the calling thread, as they are found: @func takes each (free it with
 * jx_problem_free()). Only a few hundred projects' problems are held at a
 * time, so printing them needs no memory for all of them. */
typedef void (*JxProblemFunc) (JxProblem *problem,
                               gpointer   user_data);
void          jx_validate_document_foreach (JxDocument    *document,
                                            JxProblemFunc  func,
                                            gpointer       user_data);
/* The problems of one project and its indicators only (for live checking
 * while a person types), appended to @problems. */
void          jx_validate_project        (JxDocument *document,
                                          JxProject  *project,
                                          GPtrArray  *problems);
guint         jx_problems_count          (GPtrArray  *problems,
                                          JxSeverity  severity);

/*
 * The whole of a document checked a slice at a time, for a thread with a
 * user interface (the editor checks a city's table so between frames): the
 * same problems in the same order as jx_validate_document().
 * jx_validation_step() checks projects until the monotonic time @deadline
 * (g_get_monotonic_time(); at least one project a step; -1: to the end),
 * appends their problems to @problems, and returns TRUE once the whole
 * document is checked. @document must not change between
 * jx_validation_new() and the last step: the caller checks (e.g. with
 * jx_history_get_serial()) and starts again if it did. The validation holds
 * a reference to @document.
 */
typedef struct _JxValidation JxValidation;

JxValidation *jx_validation_new          (JxDocument   *document);
gboolean      jx_validation_step         (JxValidation *self,
                                          gint64        deadline,
                                          GPtrArray    *problems);
void          jx_validation_free         (JxValidation *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JxValidation, jx_validation_free)

G_END_DECLS
