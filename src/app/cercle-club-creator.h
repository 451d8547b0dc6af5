/* cercle-club-creator.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CERCLE_TYPE_CLUB_CREATOR (cercle_club_creator_get_type ())

G_DECLARE_FINAL_TYPE (CercleClubCreator, cercle_club_creator, CERCLE, CLUB_CREATOR, AdwWindow)

CercleClubCreator *cercle_club_creator_new           (const char        *directory);
const char        *cercle_club_creator_get_directory (CercleClubCreator *self);

G_END_DECLS
