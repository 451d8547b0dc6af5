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

G_DECLARE_FINAL_TYPE (CercleEventRow, cercle_event_row, CERCLE, EVENT_ROW, GtkWidget)

GtkWidget   *cercle_event_row_new        (CercleStore    *store);
CercleEvent *cercle_event_row_get_event  (CercleEventRow *self);
void         cercle_event_row_set_event  (CercleEventRow *self,
                                          CercleEvent    *event);
void         cercle_event_row_update     (CercleEventRow *self);

char        *cercle_event_dup_when       (CercleEvent    *event);

G_END_DECLS
