/* cercle-club-notifier.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CLUB_NOTIFIER (cercle_club_notifier_get_type ())

G_DECLARE_FINAL_TYPE (CercleClubNotifier, cercle_club_notifier, CERCLE, CLUB_NOTIFIER, GObject)

CercleClubNotifier *cercle_club_notifier_new (CercleStore *store);

G_END_DECLS
