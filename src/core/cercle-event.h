/* cercle-event.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_EVENT (cercle_event_get_type ())

G_DECLARE_FINAL_TYPE (CercleEvent, cercle_event, CERCLE, EVENT, CercleRecord)

CercleEvent *cercle_event_new (void);
const char *cercle_event_get_title (CercleEvent *self);
CercleEventKind cercle_event_get_kind (CercleEvent *self);
const char *cercle_event_get_starts_at (CercleEvent *self);
const char *cercle_event_get_ends_at (CercleEvent *self);
const char *cercle_event_get_time_zone (CercleEvent *self);
const char *cercle_event_get_place (CercleEvent *self);
const char *cercle_event_get_video_url (CercleEvent *self);
int cercle_event_get_capacity (CercleEvent *self);
const char *cercle_event_get_description (CercleEvent *self);
CercleEventStatus cercle_event_get_status (CercleEvent *self);
const char *cercle_event_get_organizer_id (CercleEvent *self);

gboolean cercle_event_normalize (CercleEvent  *self,
                                 GError      **error);

G_END_DECLS
