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

gboolean cercle_qr_append_path (cairo_t    *cr,
                                const char *text,
                                double      x,
                                double      y,
                                double      size);

G_END_DECLS
