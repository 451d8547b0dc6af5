/* cercle-badge-layout.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-badge-document"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-badge-document-private.h"

/* Where things go: the geometry of a badge in each layout, where each
 * badge falls on its page and the marks to cut them apart, and the
 * layouts as the command line and the print dialog name them. */

void
_cercle_badge_compute_geometry (CercleBadgeLayout  layout,
                                Geometry          *g)
{
  memset (g, 0, sizeof *g);

  switch (layout)
    {
    case CERCLE_BADGE_LAYOUT_A6:
      g->width = A6_WIDTH;
      g->height = A6_HEIGHT;
      g->portrait = TRUE;
      /* office printers leave a few millimetres unprinted */
      g->margin = 7.0 * CERCLE_MM;
      break;

    case CERCLE_BADGE_LAYOUT_CARD:
      g->width = CARD_WIDTH;
      g->height = CARD_HEIGHT;
      g->margin = 3.0 * CERCLE_MM;
      break;

    case CERCLE_BADGE_LAYOUT_A4_8:
    default:
      g->width = A4_BADGE_W;
      g->height = A4_BADGE_H;
      /* a cut a little off the line must not touch the band */
      g->margin = 3.5 * CERCLE_MM;
      break;
    }

  if (g->portrait)
    {
      double qr_size = 36.0 * CERCLE_MM;
      double footer_h = 7.0 * CERCLE_MM;

      g->band = (cairo_rectangle_t) { g->margin, g->margin,
                                      g->width - 2 * g->margin, 20.0 * CERCLE_MM };
      g->band_radius = 3.0 * CERCLE_MM;
      g->footer = (cairo_rectangle_t) { g->margin, g->height - g->margin - footer_h,
                                        g->width - 2 * g->margin, footer_h };
      g->footer_qr = g->footer;
      g->qr = (cairo_rectangle_t) { (g->width - qr_size) / 2,
                                    g->footer.y - qr_size - 2.0 * CERCLE_MM,
                                    qr_size, qr_size };
      g->body.x = g->margin + 2.0 * CERCLE_MM;
      g->body.y = g->band.y + g->band.height + 7.0 * CERCLE_MM;
      g->body.width = g->width - 2 * g->body.x;
      g->body.height = g->footer.y - 4.0 * CERCLE_MM - g->body.y;
      g->body_qr = g->body;
      g->body_qr.height = g->qr.y - 5.0 * CERCLE_MM - g->body.y;
      g->gap = 2.0 * CERCLE_MM;
    }
  else
    {
      double footer_h = 3.6 * CERCLE_MM;
      double qr_size;

      g->band = (cairo_rectangle_t) { g->margin, g->margin,
                                      g->width - 2 * g->margin, 9.5 * CERCLE_MM };
      g->band_radius = 1.8 * CERCLE_MM;
      g->footer = (cairo_rectangle_t) { g->margin + 1.0 * CERCLE_MM,
                                        g->height - g->margin - footer_h,
                                        g->width - 2 * g->margin - 2.0 * CERCLE_MM, footer_h };
      g->body.x = g->margin + 1.0 * CERCLE_MM;
      g->body.y = g->band.y + g->band.height + 2.5 * CERCLE_MM;
      g->body.width = g->width - 2 * g->margin - 2.0 * CERCLE_MM;
      g->body.height = g->footer.y - 1.5 * CERCLE_MM - g->body.y;

      /* the code takes the right of the body, from band to foot */
      qr_size = MIN (27.0 * CERCLE_MM, g->height - g->margin - g->body.y + 1.0 * CERCLE_MM);
      g->qr = (cairo_rectangle_t) { g->width - g->margin - qr_size + 1.0 * CERCLE_MM,
                                    g->body.y + (g->height - g->margin - g->body.y - qr_size) / 2
                                    + 0.5 * CERCLE_MM,
                                    qr_size, qr_size };
      g->body_qr = g->body;
      g->body_qr.width = g->qr.x - 1.5 * CERCLE_MM - g->body.x;
      g->footer_qr = g->footer;
      g->footer_qr.width = g->body_qr.width;
      g->gap = 0.8 * CERCLE_MM;
    }

  /* first name, last name, company, job: the rest is gaps */
  g->share[TEXT_FIRST_NAME] = 0.38;
  g->share[TEXT_LAST_NAME] = 0.22;
  g->share[TEXT_COMPANY] = 0.19;
  g->share[TEXT_ROLE] = 0.15;
}

guint
_cercle_badge_per_page (CercleBadgeLayout layout)
{
  return layout == CERCLE_BADGE_LAYOUT_A4_8 ? A4_COLUMNS * A4_ROWS : 1;
}

/* Top left corner of the @slot-th badge of a page */
void
_cercle_badge_slot_origin (CercleBadgeLayout  layout,
                           guint              slot,
                           double            *x,
                           double            *y)
{
  if (layout == CERCLE_BADGE_LAYOUT_A4_8)
    {
      double x0 = (A4_WIDTH - A4_COLUMNS * A4_BADGE_W) / 2;
      double y0 = (A4_HEIGHT - A4_ROWS * A4_BADGE_H) / 2;

      *x = x0 + (slot % A4_COLUMNS) * A4_BADGE_W;
      *y = y0 + (slot / A4_COLUMNS) * A4_BADGE_H;
    }
  else
    {
      *x = 0;
      *y = 0;
    }
}

void
_cercle_badge_draw_cut_marks (cairo_t *cr)
{
  double x0 = (A4_WIDTH - A4_COLUMNS * A4_BADGE_W) / 2;
  double y0 = (A4_HEIGHT - A4_ROWS * A4_BADGE_H) / 2;
  double x1 = x0 + A4_COLUMNS * A4_BADGE_W;
  double y1 = y0 + A4_ROWS * A4_BADGE_H;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.4);
  cairo_new_path (cr);

  for (guint col = 0; col <= A4_COLUMNS; col++)
    {
      double x = x0 + col * A4_BADGE_W;

      cairo_move_to (cr, x, y0 - CUT_MARK_GAP);
      cairo_rel_line_to (cr, 0, -CUT_MARK_LENGTH);
      cairo_move_to (cr, x, y1 + CUT_MARK_GAP);
      cairo_rel_line_to (cr, 0, CUT_MARK_LENGTH);
    }

  for (guint row = 0; row <= A4_ROWS; row++)
    {
      double y = y0 + row * A4_BADGE_H;

      cairo_move_to (cr, x0 - CUT_MARK_GAP, y);
      cairo_rel_line_to (cr, -CUT_MARK_LENGTH, 0);
      cairo_move_to (cr, x1 + CUT_MARK_GAP, y);
      cairo_rel_line_to (cr, CUT_MARK_LENGTH, 0);
    }

  cairo_stroke (cr);
  cairo_restore (cr);
}

gboolean
cercle_badge_layout_from_string (const char        *name,
                                 CercleBadgeLayout *layout)
{
  g_return_val_if_fail (layout != NULL, FALSE);

  for (CercleBadgeLayout l = 0; l <= CERCLE_BADGE_LAYOUT_LAST; l++)
    {
      if (g_strcmp0 (name, cercle_badge_layout_to_string (l)) == 0)
        {
          *layout = l;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
cercle_badge_layout_to_string (CercleBadgeLayout layout)
{
  switch (layout)
    {
    case CERCLE_BADGE_LAYOUT_A6:
      return "a6";
    case CERCLE_BADGE_LAYOUT_CARD:
      return "card";
    case CERCLE_BADGE_LAYOUT_A4_8:
    default:
      return "a4-8";
    }
}

/* What a person picks the layout by */
const char *
cercle_badge_layout_get_label (CercleBadgeLayout layout)
{
  switch (layout)
    {
    case CERCLE_BADGE_LAYOUT_A6:
      return _("A6, one badge per page");
    case CERCLE_BADGE_LAYOUT_CARD:
      return _("Card 86 × 54 mm, for badge printers");
    case CERCLE_BADGE_LAYOUT_A4_8:
    default:
      return _("A4, 8 badges of 90 × 55 mm to cut");
    }
}

guint
cercle_badge_layout_get_n_pages (CercleBadgeLayout layout,
                                 guint             n_badges)
{
  guint per_page = _cercle_badge_per_page (layout);

  return (n_badges + per_page - 1) / per_page;
}

/**
 * cercle_badge_layout_get_page_size:
 * @width: (out): in points, portrait
 * @height: (out): in points
 */
void
cercle_badge_layout_get_page_size (CercleBadgeLayout  layout,
                                   double            *width,
                                   double            *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  switch (layout)
    {
    case CERCLE_BADGE_LAYOUT_A6:
      *width = A6_WIDTH;
      *height = A6_HEIGHT;
      break;
    case CERCLE_BADGE_LAYOUT_CARD:
      *width = CARD_WIDTH;
      *height = CARD_HEIGHT;
      break;
    case CERCLE_BADGE_LAYOUT_A4_8:
    default:
      *width = A4_WIDTH;
      *height = A4_HEIGHT;
      break;
    }
}
