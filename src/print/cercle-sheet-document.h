/* cercle-sheet-document.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-document.h"
#include "cercle-roster.h"

G_BEGIN_DECLS

typedef enum
{
  CERCLE_SHEET_SIGN_IN,    /* before the event: a signature box per registrant */
  CERCLE_SHEET_ATTENDANCE, /* after it: who came, who did not, who sent word */
} CercleSheetKind;

/* Blank rows left at least for people who come without registering */
#define CERCLE_SHEET_MIN_WALK_INS 5

#define CERCLE_TYPE_SHEET_DOCUMENT (cercle_sheet_document_get_type ())

G_DECLARE_FINAL_TYPE (CercleSheetDocument, cercle_sheet_document, CERCLE, SHEET_DOCUMENT, GObject)

CercleSheetDocument *cercle_sheet_document_new               (CercleRoster        *roster,
                                                              CercleSheetKind      kind);
CercleSheetKind      cercle_sheet_document_get_kind          (CercleSheetDocument *self);
guint                cercle_sheet_document_get_rows_per_page (CercleSheetDocument *self);
guint                cercle_sheet_document_get_n_blank_rows  (CercleSheetDocument *self);

G_END_DECLS
