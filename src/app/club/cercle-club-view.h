/* cercle-club-view.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CLUB_VIEW (cercle_club_view_get_type ())

G_DECLARE_FINAL_TYPE (CercleClubView, cercle_club_view, CERCLE, CLUB_VIEW, GtkWidget)

void        cercle_club_view_set_context      (CercleClubView *self,
                                               CercleContext  *context);
GListModel *cercle_club_view_get_announcements (CercleClubView *self);
guint       cercle_club_view_get_n_unread     (CercleClubView *self);

G_END_DECLS
