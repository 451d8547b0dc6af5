/* cercle-sync-indicator.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-club-sync.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_SYNC_INDICATOR (cercle_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (CercleSyncIndicator, cercle_sync_indicator, CERCLE, SYNC_INDICATOR, AdwBin)

GtkWidget *cercle_sync_indicator_new (CercleClubSync *sync);

G_END_DECLS
