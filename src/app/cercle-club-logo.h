/* cercle-club-logo.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The largest side of a stored logo, in pixels: sharp on a printed badge
 * (a 35 mm band at 300 dpi is about 400 pixels) */
#define CERCLE_CLUB_LOGO_SIZE 512

GdkPaintable *cercle_club_logo_to_paintable (const char          *data_uri);
void          cercle_club_logo_load_async   (GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char         *cercle_club_logo_load_finish  (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
