/* cercle-club-settings.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CLUB_SETTINGS (cercle_club_settings_get_type ())

G_DECLARE_FINAL_TYPE (CercleClubSettings, cercle_club_settings, CERCLE, CLUB_SETTINGS, AdwPreferencesWindow)

GtkWidget *cercle_club_settings_new      (CercleContext      *context);
void       cercle_club_settings_set_logo (CercleClubSettings *self,
                                          GFile              *file);

G_END_DECLS
