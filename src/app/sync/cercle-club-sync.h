/* cercle-club-sync.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-core.h"

G_BEGIN_DECLS

/* Where a club's sync stands, for the indicator */
typedef enum
{
  CERCLE_SYNC_STATUS_LOCAL,     /* a club with no server */
  CERCLE_SYNC_STATUS_SYNCED,
  CERCLE_SYNC_STATUS_SYNCING,
  CERCLE_SYNC_STATUS_OFFLINE,   /* changes wait for the server */
  CERCLE_SYNC_STATUS_ERROR,     /* with a message and a way to retry */
  CERCLE_SYNC_STATUS_SIGN_IN,   /* the token was revoked or expired */
} CercleSyncStatus;

#define CERCLE_TYPE_CLUB_SYNC (cercle_club_sync_get_type ())

G_DECLARE_FINAL_TYPE (CercleClubSync, cercle_club_sync, CERCLE, CLUB_SYNC, GObject)

CercleClubSync   *cercle_club_sync_new            (CercleStore     *store);
CercleSyncStatus  cercle_club_sync_get_status     (CercleClubSync  *self);
const char       *cercle_club_sync_get_message    (CercleClubSync  *self);
char             *cercle_club_sync_dup_title      (CercleClubSync  *self);
guint             cercle_club_sync_get_n_waiting  (CercleClubSync  *self);
guint             cercle_club_sync_get_n_conflicts (CercleClubSync *self);
guint64           cercle_club_sync_get_n_pulled   (CercleClubSync  *self);
const char       *cercle_club_sync_get_server_url (CercleClubSync  *self);
const char       *cercle_club_sync_get_email      (CercleClubSync  *self);
void              cercle_club_sync_start          (CercleClubSync  *self);
void              cercle_club_sync_sync_now       (CercleClubSync  *self);
void              cercle_club_sync_set_token      (CercleClubSync  *self,
                                                   const char      *token);
void              cercle_club_sync_stop           (CercleClubSync  *self);
const CercleKeyPair *cercle_club_sync_get_device_keys (CercleClubSync *self);

G_END_DECLS
