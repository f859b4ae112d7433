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

G_END_DECLS
