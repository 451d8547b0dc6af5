/* cercle-club.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CLUB (cercle_club_get_type ())

/* The most a club's logo field may weigh, as text */
#define CERCLE_CLUB_LOGO_MAX_BYTES (192 * 1024)

G_DECLARE_FINAL_TYPE (CercleClub, cercle_club, CERCLE, CLUB, CercleRecord)

CercleClub *cercle_club_new (void);
const char *cercle_club_get_name (CercleClub *self);
const char *cercle_club_get_city (CercleClub *self);
const char *cercle_club_get_website (CercleClub *self);
const char *cercle_club_get_description (CercleClub *self);
const char *cercle_club_get_time_zone (CercleClub *self);
gboolean cercle_club_get_rank_business (CercleClub *self);
const char *cercle_club_get_logo (CercleClub *self);

G_END_DECLS
