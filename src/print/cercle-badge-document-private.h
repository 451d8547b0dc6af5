/* cercle-badge-document-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-badge-document.h"
#include "cercle-print-private.h"

G_BEGIN_DECLS

/* What the badge document's files share: the document itself
 * (cercle-badge-document.c), where things go (cercle-badge-layout.c) and
 * how a badge is drawn (cercle-badge-draw.c). */

#define BADGE_FONT "Cantarell"

/* A4: 2 columns × 4 rows of 90 × 55 mm, side by side so that one cut
 * separates two badges */
#define A4_WIDTH      (210.0 * CERCLE_MM)
#define A4_HEIGHT     (297.0 * CERCLE_MM)
#define A4_COLUMNS    2
#define A4_ROWS       4
#define A4_BADGE_W    (90.0 * CERCLE_MM)
#define A4_BADGE_H    (55.0 * CERCLE_MM)
#define A6_WIDTH      (105.0 * CERCLE_MM)
#define A6_HEIGHT     (148.0 * CERCLE_MM)
#define CARD_WIDTH    (86.0 * CERCLE_MM)
#define CARD_HEIGHT   (54.0 * CERCLE_MM)

#define CUT_MARK_GAP    (2.0 * CERCLE_MM)
#define CUT_MARK_LENGTH (6.0 * CERCLE_MM)

enum {
  TEXT_FIRST_NAME,
  TEXT_LAST_NAME,
  TEXT_COMPANY,
  TEXT_ROLE,
  TEXT_CLUB,
  TEXT_KIND,
  TEXT_FOOTER,
  N_TEXTS
};

/* Where things go on a badge, relative to its top left corner */
typedef struct
{
  double   width;
  double   height;
  gboolean portrait;
  double   margin;
  cairo_rectangle_t band;
  double   band_radius;
  /* text column with and without a QR code beside it */
  cairo_rectangle_t body;
  cairo_rectangle_t body_qr;
  cairo_rectangle_t qr;
  cairo_rectangle_t footer;
  cairo_rectangle_t footer_qr;
  /* how much of the body each text may take */
  double   share[4];
  double   gap;
} Geometry;

typedef struct
{
  double r, g, b;
} Colour;

typedef struct _QrCache QrCache;

struct _CercleBadgeDocument
{
  GObject            parent_instance;

  CercleRoster      *roster;
  CercleBadgeLayout  layout;

  Geometry           geometry;
  CercleTextContext  text_context;
  gboolean           styles_ready;
  CercleTextStyle    styles[N_TEXTS];
  /* texts that are the same on every badge, laid out once */
  CercleTextStyle    kind_labels[3];
  CercleTextStyle    footer_qr;
  double             club_x;
  QrCache           *qr_cache;
};

void             _cercle_badge_compute_geometry (CercleBadgeLayout     layout,
                                                 Geometry             *g);
guint            _cercle_badge_per_page         (CercleBadgeLayout     layout);
void             _cercle_badge_slot_origin      (CercleBadgeLayout     layout,
                                                 guint                 slot,
                                                 double               *x,
                                                 double               *y);
void             _cercle_badge_draw_cut_marks   (cairo_t              *cr);

void             _cercle_badge_draw             (CercleBadgeDocument  *self,
                                                 cairo_t              *cr,
                                                 guint                 index,
                                                 double                ox,
                                                 double                oy,
                                                 CercleBadgeMeasure   *measure);
void             _cercle_badge_draw_outline     (CercleBadgeDocument  *self,
                                                 cairo_t              *cr);

cairo_surface_t *_cercle_badge_qr_cache_get     (QrCache              *cache,
                                                 guint                 index);

G_END_DECLS
