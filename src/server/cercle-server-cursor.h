/* cercle-server-cursor.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-types.h"

G_BEGIN_DECLS

/* A cursor is at most this long; anything longer is not one of ours */
#define CERCLE_SERVER_CURSOR_MAX_LENGTH 128

char     *cercle_server_cursor_encode (const char  *epoch,
                                       gint64       seq);
gboolean  cercle_server_cursor_decode (const char  *cursor,
                                       const char  *epoch,
                                       gint64      *seq,
                                       GError     **error);

G_END_DECLS
