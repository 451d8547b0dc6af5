/* cercle-announcement.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_ANNOUNCEMENT (cercle_announcement_get_type ())

G_DECLARE_FINAL_TYPE (CercleAnnouncement, cercle_announcement, CERCLE, ANNOUNCEMENT, CercleRecord)

CercleAnnouncement *cercle_announcement_new (void);
const char *cercle_announcement_get_author_id (CercleAnnouncement *self);
const char *cercle_announcement_get_title (CercleAnnouncement *self);
const char *cercle_announcement_get_body (CercleAnnouncement *self);
const char *cercle_announcement_get_event_id (CercleAnnouncement *self);
gboolean cercle_announcement_get_pinned (CercleAnnouncement *self);
const char *cercle_announcement_get_posted_at (CercleAnnouncement *self);

G_END_DECLS
