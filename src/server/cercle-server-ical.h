/* cercle-server-ical.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-types.h"

G_BEGIN_DECLS

char *cercle_server_ical_feed (CercleClub  *club,
                               GPtrArray   *events,
                               const char  *now);

G_END_DECLS
