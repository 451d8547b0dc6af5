/* cercle-badge-document.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-badge-document"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cercle-badge-document.h"
#include "cercle-print-private.h"
#include "cercle-qr.h"

/* Name badges: a colour band by attendee kind with the club's logo and
 * name, the first name large, the last name, the company and the job, the
 * event at the foot, and the QR code of the member's card when they agreed
 * to it. Every text is fitted to its box (cercle_text_fit()), so nothing
 * spills over the badge or onto the code whatever its length or script. */

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

/* The QR codes of a document, encoded by helper threads ahead of the
 * drawing: encoding is most of the cost of a badge (libqrencode tries
 * eight masks on each code), and it needs nothing from the drawing, which
 * waits for a code only when the helpers are behind. */
#define N_QR_THREADS 1

typedef enum
{
  QR_PENDING,
  QR_WORKING,
  QR_DONE,
} QrState;

typedef struct
{
  GMutex            lock;
  GCond             cond;
  CercleRoster     *roster;
  guint             n;
  QrState          *state;
  cairo_surface_t **codes;
  GThread          *threads[N_QR_THREADS];
  gboolean          stop;
} QrCache;

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

static void cercle_badge_document_iface_init (CercleDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleBadgeDocument, cercle_badge_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CERCLE_TYPE_DOCUMENT,
                                                      cercle_badge_document_iface_init))

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

static const char *
kind_label (CercleAttendeeKind kind)
{
  switch (kind)
    {
    case CERCLE_ATTENDEE_GUEST:
      return C_("badge", "Guest");
    case CERCLE_ATTENDEE_STAFF:
      return C_("badge", "Staff");
    case CERCLE_ATTENDEE_MEMBER:
    default:
      return C_("badge", "Member");
    }
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

static gpointer
qr_cache_thread (gpointer data)
{
  QrCache *cache = data;
  guint i = 0;

  for (;;)
    {
      const CercleAttendee *attendee;
      cairo_surface_t *code;

      g_mutex_lock (&cache->lock);
      while (i < cache->n && cache->state[i] != QR_PENDING)
        i++;
      if (i >= cache->n || cache->stop)
        {
          g_mutex_unlock (&cache->lock);
          break;
        }
      cache->state[i] = QR_WORKING;
      g_mutex_unlock (&cache->lock);

      attendee = cercle_roster_get_attendee (cache->roster, i);
      code = attendee->vcard != NULL ? cercle_qr_encode (attendee->vcard) : NULL;

      g_mutex_lock (&cache->lock);
      cache->codes[i] = code;
      cache->state[i] = QR_DONE;
      g_cond_broadcast (&cache->cond);
      g_mutex_unlock (&cache->lock);
    }

  return NULL;
}

static QrCache *
qr_cache_new (CercleRoster *roster)
{
  QrCache *cache = g_new0 (QrCache, 1);
  gboolean any = FALSE;

  g_mutex_init (&cache->lock);
  g_cond_init (&cache->cond);
  cache->roster = cercle_roster_ref (roster);
  cache->n = cercle_roster_get_n_attendees (roster);
  cache->state = g_new0 (QrState, cache->n);
  cache->codes = g_new0 (cairo_surface_t *, cache->n);

  for (guint i = 0; i < cache->n && !any; i++)
    any = cercle_roster_get_attendee (roster, i)->vcard != NULL;

  /* a lone badge is not worth a thread */
  for (guint t = 0; any && cache->n > 1 && t < MIN (N_QR_THREADS, g_get_num_processors ()); t++)
    cache->threads[t] = g_thread_new ("cercle-qr", qr_cache_thread, cache);

  return cache;
}

static void
qr_cache_free (QrCache *cache)
{
  g_mutex_lock (&cache->lock);
  cache->stop = TRUE;
  g_mutex_unlock (&cache->lock);
  for (guint t = 0; t < N_QR_THREADS; t++)
    g_clear_pointer (&cache->threads[t], g_thread_join);

  for (guint i = 0; i < cache->n; i++)
    g_clear_pointer (&cache->codes[i], cairo_surface_destroy);
  g_free (cache->codes);
  g_free (cache->state);
  cercle_roster_unref (cache->roster);
  g_mutex_clear (&cache->lock);
  g_cond_clear (&cache->cond);
  g_free (cache);
}

/* Returns: (transfer none) (nullable): the code of the @index-th attendee */
static cairo_surface_t *
qr_cache_get (QrCache *cache,
              guint    index)
{
  cairo_surface_t *code;

  g_mutex_lock (&cache->lock);

  /* without helpers, the drawing encodes */
  if (cache->state[index] == QR_PENDING && cache->threads[0] == NULL)
    {
      const CercleAttendee *attendee = cercle_roster_get_attendee (cache->roster, index);

      cache->state[index] = QR_WORKING;
      g_mutex_unlock (&cache->lock);
      code = attendee->vcard != NULL ? cercle_qr_encode (attendee->vcard) : NULL;
      g_mutex_lock (&cache->lock);
      cache->codes[index] = code;
      cache->state[index] = QR_DONE;
      g_cond_broadcast (&cache->cond);
    }

  while (cache->state[index] != QR_DONE)
    g_cond_wait (&cache->cond, &cache->lock);

  code = cache->codes[index];
  g_mutex_unlock (&cache->lock);

  return code;
}

static void
compute_geometry (CercleBadgeLayout  layout,
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

static void
ensure_styles (CercleBadgeDocument *self,
               cairo_t             *cr)
{
  Geometry *g = &self->geometry;
  PangoContext *context;
  PangoAlignment align;
  double unit;
  double label_width = 0;
  double logo_width = 0;
  const char *title;

  if (cercle_text_context_ensure (&self->text_context, cr))
    self->styles_ready = FALSE;
  if (self->qr_cache == NULL)
    self->qr_cache = qr_cache_new (self->roster);
  if (self->styles_ready)
    return;

  context = self->text_context.context;
  compute_geometry (self->layout, g);

  /* font sizes follow the size of the badge */
  unit = g->portrait ? 1.6 : g->height / A4_BADGE_H;
  align = g->portrait ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;

  cercle_text_style_init (&self->styles[TEXT_FIRST_NAME], context, BADGE_FONT " Heavy",
                          26 * unit, 10 * unit, 2, align);
  cercle_text_style_init (&self->styles[TEXT_LAST_NAME], context, BADGE_FONT " Bold",
                          14.5 * unit, 7 * unit, 2, align);
  cercle_text_style_init (&self->styles[TEXT_COMPANY], context, BADGE_FONT " Bold",
                          10 * unit, 5.5 * unit, 2, align);
  cercle_text_style_init (&self->styles[TEXT_ROLE], context, BADGE_FONT,
                          8.5 * unit, 5 * unit, 2, align);

  /* The band: kind at the right, logo and club at the left */
  for (guint kind = 0; kind < G_N_ELEMENTS (self->kind_labels); kind++)
    {
      g_autofree char *label = g_utf8_strup (kind_label (kind), -1);
      PangoAttrList *attrs = pango_attr_list_new ();
      double width;

      cercle_text_style_init (&self->kind_labels[kind], context, BADGE_FONT " Bold",
                              6.5 * unit, 4.5 * unit, 1, PANGO_ALIGN_RIGHT);
      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (0.6 * unit * PANGO_SCALE)));
      pango_layout_set_attributes (self->kind_labels[kind].layout, attrs);
      pango_attr_list_unref (attrs);
      cercle_text_fit (&self->kind_labels[kind], label, g->band.width / 3, g->band.height);
      cercle_text_get_size (&self->kind_labels[kind], &width, NULL);
      label_width = MAX (label_width, width);
    }
  /* right-aligned in their box: place them by hand */
  for (guint kind = 0; kind < G_N_ELEMENTS (self->kind_labels); kind++)
    pango_layout_set_width (self->kind_labels[kind].layout, -1);

  if (cercle_roster_get_club_logo (self->roster) != NULL)
    logo_width = g->band.height * 0.7 * 1.6 + 2.0 * CERCLE_MM;

  self->club_x = g->band.x + 2.5 * CERCLE_MM * unit + logo_width;
  /* a tall band takes a long club name on two lines */
  cercle_text_style_init (&self->styles[TEXT_CLUB], context, BADGE_FONT " Bold",
                          9.5 * unit, 5.5 * unit, g->portrait ? 2 : 1, PANGO_ALIGN_LEFT);
  cercle_text_fit (&self->styles[TEXT_CLUB], cercle_roster_get_club_name (self->roster),
                   g->band.x + g->band.width - 2.5 * CERCLE_MM * unit - label_width
                   - 3.0 * CERCLE_MM - self->club_x,
                   g->band.height * 0.8);

  /* The foot: the event, the same on every badge */
  title = cercle_roster_get_event_title (self->roster);
  cercle_text_style_init (&self->styles[TEXT_FOOTER], context, BADGE_FONT,
                          6.5 * unit, 4.5 * unit, 1, align);
  cercle_text_fit (&self->styles[TEXT_FOOTER], title, g->footer.width, g->footer.height);
  cercle_text_style_init (&self->footer_qr, context, BADGE_FONT,
                          6.5 * unit, 4.5 * unit, 1, align);
  cercle_text_fit (&self->footer_qr, title, g->footer_qr.width, g->footer_qr.height);

  self->styles_ready = TRUE;
}

static void
clear_styles (CercleBadgeDocument *self)
{
  for (guint i = 0; i < N_TEXTS; i++)
    cercle_text_style_clear (&self->styles[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->kind_labels); i++)
    cercle_text_style_clear (&self->kind_labels[i]);
  cercle_text_style_clear (&self->footer_qr);
  self->styles_ready = FALSE;
}

static guint
badges_per_page (CercleBadgeLayout layout)
{
  return layout == CERCLE_BADGE_LAYOUT_A4_8 ? A4_COLUMNS * A4_ROWS : 1;
}

/* Top left corner of the @slot-th badge of a page */
static void
slot_origin (CercleBadgeLayout  layout,
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
static void
draw_badge (CercleBadgeDocument  *self,
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
    code = qr_cache_get (self->qr_cache, index);
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

static void
draw_cut_marks (cairo_t *cr)
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

/* A hairline around a lone badge shows where the card ends in a preview
 * and on a printer without cards; on cards it falls in the bleed. */
static void
draw_outline (CercleBadgeDocument *self,
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

static guint
cercle_badge_document_get_n_pages (CercleDocument *document)
{
  CercleBadgeDocument *self = CERCLE_BADGE_DOCUMENT (document);

  return cercle_badge_layout_get_n_pages (self->layout,
                                          cercle_roster_get_n_attendees (self->roster));
}

static void
cercle_badge_document_get_page_size (CercleDocument *document,
                                     double         *width,
                                     double         *height)
{
  CercleBadgeDocument *self = CERCLE_BADGE_DOCUMENT (document);

  cercle_badge_layout_get_page_size (self->layout, width, height);
}

static void
cercle_badge_document_draw_page (CercleDocument *document,
                                 cairo_t        *cr,
                                 guint           page)
{
  CercleBadgeDocument *self = CERCLE_BADGE_DOCUMENT (document);
  guint per_page = badges_per_page (self->layout);
  guint n_attendees = cercle_roster_get_n_attendees (self->roster);
  guint first = page * per_page;
  double width, height;

  ensure_styles (self, cr);

  /* a print context hands over a page that may hold anything */
  cercle_badge_layout_get_page_size (self->layout, &width, &height);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  if (self->layout == CERCLE_BADGE_LAYOUT_A4_8)
    draw_cut_marks (cr);
  else
    draw_outline (self, cr);

  for (guint i = first; i < MIN (first + per_page, n_attendees); i++)
    {
      double x, y;

      slot_origin (self->layout, i - first, &x, &y);
      draw_badge (self, cr, i, x, y, NULL);
    }
}

static void
cercle_badge_document_iface_init (CercleDocumentInterface *iface)
{
  iface->get_n_pages = cercle_badge_document_get_n_pages;
  iface->get_page_size = cercle_badge_document_get_page_size;
  iface->draw_page = cercle_badge_document_draw_page;
}

static void
cercle_badge_document_finalize (GObject *object)
{
  CercleBadgeDocument *self = (CercleBadgeDocument *) object;

  clear_styles (self);
  cercle_text_context_clear (&self->text_context);
  g_clear_pointer (&self->qr_cache, qr_cache_free);
  g_clear_pointer (&self->roster, cercle_roster_unref);

  G_OBJECT_CLASS (cercle_badge_document_parent_class)->finalize (object);
}

static void
cercle_badge_document_class_init (CercleBadgeDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_badge_document_finalize;
}

static void
cercle_badge_document_init (CercleBadgeDocument *self)
{
}

/**
 * cercle_badge_document_new:
 * @roster: who gets a badge, in order; read-only from now on
 */
CercleBadgeDocument *
cercle_badge_document_new (CercleRoster      *roster,
                           CercleBadgeLayout  layout)
{
  CercleBadgeDocument *self;

  g_return_val_if_fail (roster != NULL, NULL);
  g_return_val_if_fail (layout <= CERCLE_BADGE_LAYOUT_LAST, NULL);

  self = g_object_new (CERCLE_TYPE_BADGE_DOCUMENT, NULL);
  self->roster = cercle_roster_ref (roster);
  self->layout = layout;

  return self;
}

CercleRoster *
cercle_badge_document_get_roster (CercleBadgeDocument *self)
{
  g_return_val_if_fail (CERCLE_IS_BADGE_DOCUMENT (self), NULL);

  return self->roster;
}

CercleBadgeLayout
cercle_badge_document_get_layout (CercleBadgeDocument *self)
{
  g_return_val_if_fail (CERCLE_IS_BADGE_DOCUMENT (self), CERCLE_BADGE_LAYOUT_A4_8);

  return self->layout;
}

void
cercle_badge_document_set_layout (CercleBadgeDocument *self,
                                  CercleBadgeLayout    layout)
{
  g_return_if_fail (CERCLE_IS_BADGE_DOCUMENT (self));
  g_return_if_fail (layout <= CERCLE_BADGE_LAYOUT_LAST);

  if (self->layout == layout)
    return;

  self->layout = layout;
  self->styles_ready = FALSE;
}

/**
 * cercle_badge_document_measure:
 * @index: an attendee of the roster
 * @measure: (out caller-allocates): where each part of the badge falls on
 *   its page, laid out exactly as cercle_document_draw_page() draws it
 */
void
cercle_badge_document_measure (CercleBadgeDocument *self,
                               guint                index,
                               CercleBadgeMeasure  *measure)
{
  guint per_page;
  double x, y;

  g_return_if_fail (CERCLE_IS_BADGE_DOCUMENT (self));
  g_return_if_fail (index < cercle_roster_get_n_attendees (self->roster));
  g_return_if_fail (measure != NULL);

  memset (measure, 0, sizeof *measure);
  ensure_styles (self, NULL);

  per_page = badges_per_page (self->layout);
  slot_origin (self->layout, index % per_page, &x, &y);
  draw_badge (self, NULL, index, x, y, measure);
}

/**
 * cercle_badge_layout_from_string:
 * @name: "a4-8", "a6" or "card", as on the command line
 */
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
  guint per_page = badges_per_page (layout);

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
