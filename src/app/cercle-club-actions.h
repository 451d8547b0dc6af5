/* cercle-club-actions.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-application.h"

G_BEGIN_DECLS

void        cercle_club_actions_add      (CercleApplication *application);
GMenuModel *cercle_club_menu_new         (GSettings         *settings);
char       *cercle_club_dup_clubs_folder (void);
gboolean    cercle_club_ensure_folder    (const char        *folder,
                                          GError           **error);

G_END_DECLS
