/* cercle-logo.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The largest side of a logo Cercle reads, in pixels */
#define CERCLE_LOGO_MAX_SIDE 2048

cairo_surface_t *cercle_logo_from_data_uri (const char *data_uri,
                                            gsize       max_bytes);

G_END_DECLS
