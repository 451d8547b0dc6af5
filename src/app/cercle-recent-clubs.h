/* cercle-recent-clubs.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CERCLE_RECENT_CLUBS_MAX 8

void        cercle_recent_clubs_add         (GSettings  *settings,
                                             const char *path,
                                             const char *club_name);
GPtrArray  *cercle_recent_clubs_dup_paths   (GSettings  *settings);
char       *cercle_recent_clubs_dup_name    (GSettings  *settings,
                                             const char *path);
GMenuModel *cercle_recent_clubs_menu_new    (GSettings  *settings);

G_END_DECLS
