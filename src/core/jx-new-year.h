/* jx-new-year.h: next year's table from this year's
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jx-types.h"

G_BEGIN_DECLS

#define JX_NEW_YEAR_ERROR (jx_new_year_error_quark ())

typedef enum
{
  JX_NEW_YEAR_ERROR_NO_YEAR,    /* the table has no year (0) */
  JX_NEW_YEAR_ERROR_LAST_YEAR,  /* the year is 9999 */
} JxNewYearError;

GQuark      jx_new_year_error_quark (void);

/* What the new year left behind: the comments of last year's review. */
typedef struct
{
  guint n_comments;   /* comments, replies not counted */
  guint n_replies;    /* their replies */
} JxNewYearInfo;

/*
 * Turns @document into next year's draft, in place and without undo steps
 * (for a document just loaded, as jixiao-cli does): the year + 1; in the
 * title, every "2024" standing alone (not part of a longer number) when
 * 2024 is the old year becomes "2025"; funding units, projects and
 * indicators stay with their ids and amounts, so the two years compare by
 * id, and each of them (and the document) carries the values it had as
 * last year's (jx-previous.h); every comment and reply goes, counted in
 * @info. Fails, changing
 * nothing, when the document has no year or its year is 9999.
 */
gboolean    jx_new_year_apply       (JxDocument     *document,
                                     JxNewYearInfo  *info,
                                     GError        **error);

/* The same on a copy of @document (which is left as it is), for the
 * editor: a new document with an empty history. Also fails with the errors
 * of jx_xml_write() (a read-only document of a newer format). */
JxDocument *jx_new_year_copy        (JxDocument     *document,
                                     JxNewYearInfo  *info,
                                     GError        **error);

/* @title with the year @old_year, where it stands alone, replaced by
 * @new_year. Transfer full. */
char       *jx_new_year_title       (const char     *title,
                                     int             old_year,
                                     int             new_year);

G_END_DECLS
