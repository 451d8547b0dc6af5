/* cercle-event-roster.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-core.h"
#include "cercle-print.h"

G_BEGIN_DECLS

CercleRoster *cercle_event_roster_new (CercleStore  *store,
                                       const char   *event_id,
                                       GError      **error);

G_END_DECLS
