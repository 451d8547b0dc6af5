/* cercle-permission.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-visibility.h"
#include "cercle-need-reply.h"
#include "cercle-referral.h"
#include "cercle-request.h"

G_BEGIN_DECLS

#define CERCLE_PERMISSION_ERROR (cercle_permission_error_quark ())

typedef enum
{
  CERCLE_PERMISSION_ERROR_FORBIDDEN,
} CerclePermissionError;

GQuark   cercle_permission_error_quark    (void);

gboolean cercle_permission_can_create     (const CercleViewer  *viewer,
                                           CercleEntity         entity);
gboolean cercle_permission_can_edit_field (const CercleViewer  *viewer,
                                           CercleRecord        *record,
                                           const char          *column);
gboolean cercle_permission_check          (const CercleViewer  *viewer,
                                           CercleRecord        *current,
                                           CercleRecord        *proposed,
                                           GError             **error);
gboolean cercle_permission_can_organize_events (const CercleViewer *viewer);
gboolean cercle_permission_can_take_attendance (const CercleViewer *viewer);
gboolean cercle_permission_can_register_others (const CercleViewer *viewer);
gboolean cercle_permission_can_register_for    (const CercleViewer *viewer,
                                                const char         *member_id);

gboolean cercle_permission_check_reply_referral (CercleReferral   *referral,
                                                 CercleNeedReply  *reply,
                                                 CercleRequest    *need,
                                                 GError          **error);
gboolean cercle_permission_can_reply_to_need   (const CercleViewer *viewer,
                                                CercleRequest      *need);
gboolean cercle_permission_can_turn_reply_into_referral (const CercleViewer *viewer,
                                                         CercleNeedReply    *reply,
                                                         CercleRequest      *need);
gboolean cercle_permission_can_post_announcements (const CercleViewer *viewer);
gboolean cercle_permission_can_pair_mentors     (const CercleViewer *viewer);

G_END_DECLS
