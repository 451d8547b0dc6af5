/* cercle-badge-document.c
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
#include "cercle-qr.h"

/* Name badges: a colour band by attendee kind with the club's logo and
 * name, the first name large, the last name, the company and the job, the
 * event at the foot, and the QR code of the member's card when they agreed
 * to it. Every text is fitted to its box (cercle_text_fit()), so nothing
 * spills over the badge or onto the code whatever its length or script.
 *
 * This file keeps the document: its texts' styles, the QR codes encoded
 * ahead of the drawing, and its pages. Where a badge and its parts fall
 * is in cercle-badge-layout.c, how a badge is drawn in
 * cercle-badge-draw.c. */

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

struct _QrCache
{
  GMutex            lock;
  GCond             cond;
  CercleRoster     *roster;
  guint             n;
  QrState          *state;
  cairo_surface_t **codes;
  GThread          *threads[N_QR_THREADS];
  gboolean          stop;
};

static void cercle_badge_document_iface_init (CercleDocumentInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CercleBadgeDocument, cercle_badge_document, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CERCLE_TYPE_DOCUMENT,
                                                      cercle_badge_document_iface_init))

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
cairo_surface_t *
_cercle_badge_qr_cache_get (QrCache *cache,
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
  _cercle_badge_compute_geometry (self->layout, g);

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
  guint per_page = _cercle_badge_per_page (self->layout);
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
    _cercle_badge_draw_cut_marks (cr);
  else
    _cercle_badge_draw_outline (self, cr);

  for (guint i = first; i < MIN (first + per_page, n_attendees); i++)
    {
      double x, y;

      _cercle_badge_slot_origin (self->layout, i - first, &x, &y);
      _cercle_badge_draw (self, cr, i, x, y, NULL);
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

  per_page = _cercle_badge_per_page (self->layout);
  _cercle_badge_slot_origin (self->layout, index % per_page, &x, &y);
  _cercle_badge_draw (self, NULL, index, x, y, measure);
}

/**
 * cercle_badge_layout_from_string:
 * @name: "a4-8", "a6" or "card", as on the command line
 */
