/* cercle-badge-draw.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-badge-document"

#include "config.h"

#include "cercle-badge-document-private.h"
#include "cercle-qr.h"

/* The drawing of one badge, part by part: the band with the club's logo
 * and name, the person's texts fitted to their shares of the body, the QR
 * code and the event at the foot; the same code measures a badge for the
 * tests, without a cairo context. */

/* GNOME palette: blue for members, orange for guests, purple for staff;
 * white text on each reads at a glance across a room. */
static const Colour band_colours[] = {
  [CERCLE_ATTENDEE_MEMBER] = { 0x1a / 255.0, 0x5f / 255.0, 0xb4 / 255.0 },
  [CERCLE_ATTENDEE_GUEST]  = { 0xc6 / 255.0, 0x46 / 255.0, 0x00 / 255.0 },
  [CERCLE_ATTENDEE_STAFF]  = { 0x61 / 255.0, 0x35 / 255.0, 0x83 / 255.0 },
};

static const Colour ink_dark = { 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0 };
static const Colour ink_medium = { 0x3d / 255.0, 0x38 / 255.0, 0x46 / 255.0 };
static const Colour ink_light = { 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0 };
static const Colour ink_faint = { 0x77 / 255.0, 0x76 / 255.0, 0x7b / 255.0 };

static void
set_colour (cairo_t      *cr,
            const Colour *colour)
{
  cairo_set_source_rgb (cr, colour->r, colour->g, colour->b);
}

static void
rounded_rectangle (cairo_t                 *cr,
                   const cairo_rectangle_t *r,
                   double                   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
record_text (CercleBadgeMeasure *measure,
             CercleTextStyle    *style,
             double              x,
             double              y)
{
  if (measure == NULL || measure->n_text >= G_N_ELEMENTS (measure->text))
    return;

  cercle_text_get_ink_rect (style, x, y, &measure->text[measure->n_text++]);
  measure->unknown_glyphs += pango_layout_get_unknown_glyphs_count (style->layout);
}

static void
draw_logo (cairo_t                 *cr,
           cairo_surface_t         *logo,
           const cairo_rectangle_t *box)
{
  double width, height, scale;
  cairo_rectangle_t extents;

  /* an image surface knows its size; a recording surface may too */
  if (cairo_surface_get_type (logo) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      width = cairo_image_surface_get_width (logo);
      height = cairo_image_surface_get_height (logo);
    }
  else if (cairo_surface_get_type (logo) == CAIRO_SURFACE_TYPE_RECORDING &&
           cairo_recording_surface_get_extents (logo, &extents))
    {
      width = extents.width;
      height = extents.height;
    }
  else
    return;

  if (width <= 0 || height <= 0)
    return;

  scale = MIN (box->width / width, box->height / height);

  cairo_save (cr);
  cairo_translate (cr,
                   box->x + (box->width - width * scale) / 2,
                   box->y + (box->height - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, logo, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Draws (with @cr) or measures (with @measure) one badge whose top left
 * corner is at @ox, @oy. */
void
_cercle_badge_draw (CercleBadgeDocument  *self,
                    cairo_t              *cr,
                    guint                 index,
                    double                ox,
                    double                oy,
                    CercleBadgeMeasure   *measure)
{
  const Geometry *g = &self->geometry;
  const CercleAttendee *attendee = cercle_roster_get_attendee (self->roster, index);
  const Colour *band = &band_colours[CLAMP (attendee->kind, 0, 2)];
  const char *texts[4];
  const Colour *colours[4] = { &ink_dark, &ink_medium, band, &ink_light };
  g_autofree char *last_upper = NULL;
  cairo_rectangle_t body;
  cairo_rectangle_t footer;
  CercleTextStyle *label = &self->kind_labels[CLAMP (attendee->kind, 0, 2)];
  CercleTextStyle *footer_style;
  cairo_surface_t *code = NULL;
  gboolean has_qr;
  double heights[4];
  double total = 0;
  double y;
  double label_width, label_height, club_height;
  guint n_blocks = 0;

  /* a code that cannot be made leaves the room to the text */
  if (attendee->vcard != NULL)
    code = _cercle_badge_qr_cache_get (self->qr_cache, index);
  has_qr = code != NULL;

  if (has_qr && cr != NULL)
    {
      set_colour (cr, &ink_dark);
      cercle_qr_paint (cr, code, ox + g->qr.x, oy + g->qr.y, g->qr.width);
    }

  body = has_qr ? g->body_qr : g->body;
  footer = has_qr ? g->footer_qr : g->footer;
  footer_style = has_qr ? &self->footer_qr : &self->styles[TEXT_FOOTER];

  if (measure != NULL)
    {
      measure->badge = (cairo_rectangle_t) { ox, oy, g->width, g->height };
      if (has_qr)
        measure->qr = (cairo_rectangle_t) { ox + g->qr.x, oy + g->qr.y, g->qr.width, g->qr.height };
    }

  /* The band */
  if (cr != NULL)
    {
      cairo_rectangle_t r = { ox + g->band.x, oy + g->band.y, g->band.width, g->band.height };

      rounded_rectangle (cr, &r, g->band_radius);
      set_colour (cr, band);
      cairo_fill (cr);

      if (cercle_roster_get_club_logo (self->roster) != NULL)
        {
          cairo_rectangle_t logo_box = {
            ox + g->band.x + 2.5 * CERCLE_MM * (g->portrait ? 1.6 : 1.0),
            oy + g->band.y + g->band.height * 0.15,
            g->band.height * 0.7 * 1.6, g->band.height * 0.7
          };
          /* A logo is drawn for white paper: on a white chip, so that its
           * colours never vanish into the band's */
          cairo_rectangle_t chip = {
            logo_box.x - 0.5 * CERCLE_MM, logo_box.y - g->band.height * 0.05,
            logo_box.width + 1.0 * CERCLE_MM, logo_box.height + g->band.height * 0.1
          };

          rounded_rectangle (cr, &chip, g->band_radius * 0.6);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill (cr);
          logo_box.x += 0.5 * CERCLE_MM;
          logo_box.width -= 1.0 * CERCLE_MM;
          draw_logo (cr, cercle_roster_get_club_logo (self->roster), &logo_box);
        }
    }

  cercle_text_get_size (&self->styles[TEXT_CLUB], NULL, &club_height);
  cercle_text_get_size (label, &label_width, &label_height);

  if (cr != NULL)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cercle_text_show (&self->styles[TEXT_CLUB], cr,
                        ox + self->club_x, oy + g->band.y + (g->band.height - club_height) / 2);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cercle_text_show (label, cr,
                        ox + g->band.x + g->band.width - 2.5 * CERCLE_MM * (g->portrait ? 1.6 : 1.0)
                        - label_width,
                        oy + g->band.y + (g->band.height - label_height) / 2);
    }
  record_text (measure, &self->styles[TEXT_CLUB],
               ox + self->club_x, oy + g->band.y + (g->band.height - club_height) / 2);

  /* The person: each text fitted to its share of the body, then the lot
   * centred in it */
  last_upper = g_utf8_strup (attendee->last_name, -1);
  texts[TEXT_FIRST_NAME] = attendee->first_name;
  texts[TEXT_LAST_NAME] = last_upper;
  texts[TEXT_COMPANY] = attendee->company;
  texts[TEXT_ROLE] = attendee->role;

  for (guint i = 0; i < 4; i++)
    {
      heights[i] = 0;
      if (texts[i] == NULL || *texts[i] == '\0')
        continue;

      cercle_text_fit (&self->styles[i], texts[i], body.width, body.height * g->share[i]);
      cercle_text_get_size (&self->styles[i], NULL, &heights[i]);
      total += heights[i];
      n_blocks++;
    }

  /* a little more air between the name and the company */
  if (n_blocks > 1)
    total += (n_blocks - 1) * g->gap + (heights[TEXT_COMPANY] > 0 ? g->gap : 0);

  y = oy + body.y + MAX (0, (body.height - total) / 2);

  for (guint i = 0; i < 4; i++)
    {
      if (heights[i] == 0)
        continue;

      if (i == TEXT_COMPANY && y > oy + body.y)
        y += g->gap;

      if (cr != NULL)
        {
          set_colour (cr, colours[i]);
          cercle_text_show (&self->styles[i], cr, ox + body.x, y);
        }
      record_text (measure, &self->styles[i], ox + body.x, y);

      y += heights[i] + g->gap;
    }

  /* The event, at the foot */
  if (cr != NULL)
    {
      set_colour (cr, &ink_faint);
      cercle_text_show (footer_style, cr, ox + footer.x, oy + footer.y);
    }
  record_text (measure, footer_style, ox + footer.x, oy + footer.y);
}

/* A hairline around a lone badge shows where the card ends in a preview
 * and on a printer without cards; on cards it falls in the bleed. */
void
_cercle_badge_draw_outline (CercleBadgeDocument *self,
                            cairo_t             *cr)
{
  const Geometry *g = &self->geometry;
  cairo_rectangle_t r = { 0.25, 0.25, g->width - 0.5, g->height - 0.5 };

  cairo_save (cr);
  rounded_rectangle (cr, &r, g->portrait ? 0.5 : 3.0 * CERCLE_MM);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}
