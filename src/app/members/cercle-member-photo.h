/* cercle-member-photo.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The largest side of a stored photo, in pixels */
#define CERCLE_MEMBER_PHOTO_SIZE 256

GdkPaintable *cercle_member_photo_to_paintable (const char          *data_uri);
void          cercle_member_photo_load_async   (GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char         *cercle_member_photo_load_finish  (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
