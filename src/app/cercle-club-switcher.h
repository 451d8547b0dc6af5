/* cercle-club-switcher.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_CLUB_SWITCHER (cercle_club_switcher_get_type ())

G_DECLARE_FINAL_TYPE (CercleClubSwitcher, cercle_club_switcher, CERCLE, CLUB_SWITCHER, AdwBin)

GtkWidget *cercle_club_switcher_new (const char *path);

G_END_DECLS
