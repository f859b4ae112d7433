/* jx-types.h: forward declarations and shared enums of libjixiao
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _JxDocument    JxDocument;
typedef struct _JxFundingUnit JxFundingUnit;
typedef struct _JxProject     JxProject;
typedef struct _JxIndicator   JxIndicator;
typedef struct _JxAnnotation  JxAnnotation;
typedef struct _JxHistory     JxHistory;
typedef struct _JxTaxonomy    JxTaxonomy;
typedef struct _JxProblem     JxProblem;

/* Amounts are exact: a count of hundredths of the document unit (0.01 万元). */
typedef gint64 JxMoney;

/* Reports progress from 0.0 to 1.0. Called in the thread doing the work. */
typedef void (*JxProgressFunc) (double   fraction,
                                gpointer user_data);

G_END_DECLS
