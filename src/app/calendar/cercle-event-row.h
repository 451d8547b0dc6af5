/* cercle-event-row.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_EVENT_ROW (cercle_event_row_get_type ())

G_DECLARE_FINAL_TYPE (CercleEventRow, cercle_event_row, CERCLE, EVENT_ROW, AdwActionRow)

GtkWidget   *cercle_event_row_new       (CercleEvent    *event,
                                         guint           n_registered);
CercleEvent *cercle_event_row_get_event (CercleEventRow *self);

G_END_DECLS
