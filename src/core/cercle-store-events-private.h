/* cercle-store-events-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-store-private.h"

G_BEGIN_DECLS

/* What the calendar's files share: events (cercle-store-events.c),
 * registrations (cercle-store-registrations.c) and attendance
 * (cercle-store-attendance.c). */

/* Marks @event_id's waitlist to move up, if it can, before the save_all()
 * under way commits */
void     _cercle_store_rebalance_later (CercleStore   *self,
                                        const char    *event_id);
/* Binds @time as the seconds the event table's starts_epoch and
 * ends_epoch hold, or @otherwise without a time */
gboolean _cercle_store_bind_time       (CercleStore   *self,
                                        sqlite3_stmt  *stmt,
                                        int            index,
                                        GDateTime     *time,
                                        gint64         otherwise,
                                        GError       **error);

G_END_DECLS
