/* cercle-server-sync.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-protocol.h"
#include "cercle-server-storage.h"

G_BEGIN_DECLS

/* Who makes a request in a club: the account, and the member it is there */
typedef struct
{
  char         *account_id;
  char         *club_id;
  CercleViewer *viewer;
} CercleServerActor;

CercleServerActor *cercle_server_actor_new   (const char              *account_id,
                                              const char              *club_id,
                                              const char              *member_id,
                                              gboolean                 is_staff);
void               cercle_server_actor_free  (CercleServerActor       *self);

JsonObject *cercle_server_sync_push          (CercleServerStorage     *storage,
                                              const CercleServerActor *actor,
                                              CercleServerPush        *push,
                                              GError                 **error);
GBytes     *cercle_server_sync_pull          (CercleServerStorage     *storage,
                                              const CercleServerActor *actor,
                                              CercleServerPullParams  *params,
                                              GError                 **error);

JsonObject *cercle_server_sync_row_for_viewer (const CercleViewer     *viewer,
                                               CercleRecord           *record,
                                               CercleEvent            *event);
gboolean    cercle_server_sync_put_new_row   (CercleServerTxn         *txn,
                                              CercleRecord            *record,
                                              const char              *now,
                                              GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleServerActor, cercle_server_actor_free)

G_END_DECLS
