/* cercle-qr.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

cairo_surface_t *cercle_qr_encode (const char      *text);
void             cercle_qr_paint  (cairo_t         *cr,
                                   cairo_surface_t *code,
                                   double           x,
                                   double           y,
                                   double           size);
gboolean         cercle_qr_draw   (cairo_t         *cr,
                                   const char      *text,
                                   double           x,
                                   double           y,
                                   double           size);

G_END_DECLS
