/* cercle-badge-document.h
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
  CERCLE_BADGE_LAYOUT_A4_8, /* eight 90 × 55 mm badges on A4, with cut marks */
  CERCLE_BADGE_LAYOUT_A6,   /* one portrait badge per A6 page */
  CERCLE_BADGE_LAYOUT_CARD, /* one 86 × 54 mm card per page, for badge printers */
} CercleBadgeLayout;

#define CERCLE_BADGE_LAYOUT_LAST CERCLE_BADGE_LAYOUT_CARD

/* Where the parts of one badge fall on its page, in points: what the tests
 * hold against the badge's edges. */
typedef struct
{
  cairo_rectangle_t badge;
  /* width 0 when the badge has no QR code */
  cairo_rectangle_t qr;
  /* the ink of every text on the badge */
  cairo_rectangle_t text[8];
  guint             n_text;
  /* characters no font could draw */
  int               unknown_glyphs;
} CercleBadgeMeasure;

#define CERCLE_TYPE_BADGE_DOCUMENT (cercle_badge_document_get_type ())

G_DECLARE_FINAL_TYPE (CercleBadgeDocument, cercle_badge_document, CERCLE, BADGE_DOCUMENT, GObject)

CercleBadgeDocument *cercle_badge_document_new          (CercleRoster        *roster,
                                                         CercleBadgeLayout    layout);
CercleRoster        *cercle_badge_document_get_roster   (CercleBadgeDocument *self);
CercleBadgeLayout    cercle_badge_document_get_layout   (CercleBadgeDocument *self);
void                 cercle_badge_document_set_layout   (CercleBadgeDocument *self,
                                                         CercleBadgeLayout    layout);
void                 cercle_badge_document_measure      (CercleBadgeDocument *self,
                                                         guint                index,
                                                         CercleBadgeMeasure  *measure);

gboolean             cercle_badge_layout_from_string    (const char          *name,
                                                         CercleBadgeLayout   *layout);
const char          *cercle_badge_layout_to_string      (CercleBadgeLayout    layout);
const char          *cercle_badge_layout_get_label      (CercleBadgeLayout    layout);
guint                cercle_badge_layout_get_n_pages    (CercleBadgeLayout    layout,
                                                         guint                n_badges);
void                 cercle_badge_layout_get_page_size  (CercleBadgeLayout    layout,
                                                         double              *width,
                                                         double              *height);

G_END_DECLS
