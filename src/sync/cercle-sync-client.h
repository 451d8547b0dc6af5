/* cercle-sync-client.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-sync-server.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_SYNC_CLIENT (cercle_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (CercleSyncClient, cercle_sync_client, CERCLE, SYNC_CLIENT, GObject)

CercleSyncClient *cercle_sync_client_new          (CercleSyncServer     *server,
                                                   const char           *store_path,
                                                   const char           *club_id,
                                                   const char           *member_id,
                                                   const char           *token);
CercleSyncServer *cercle_sync_client_get_server   (CercleSyncClient     *self);
const char       *cercle_sync_client_get_club_id  (CercleSyncClient     *self);
void              cercle_sync_client_set_token    (CercleSyncClient     *self,
                                                   const char           *token);
void              cercle_sync_client_set_device_keys (CercleSyncClient  *self,
                                                   const CercleKeyPair  *keys,
                                                   const char           *device_name);
void              cercle_sync_client_set_page_size (CercleSyncClient    *self,
                                                   guint                 page_size);

/* Blocking, for a worker thread; one sync at a time per client */
CercleChangeSet  *cercle_sync_client_sync         (CercleSyncClient     *self,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
CercleChangeSet  *cercle_sync_client_sync_full    (CercleSyncClient     *self,
                                                   GMainContext         *progress_context,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

void              cercle_sync_client_sync_async   (CercleSyncClient     *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CercleChangeSet  *cercle_sync_client_sync_finish  (CercleSyncClient     *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void              cercle_sync_client_watch        (CercleSyncClient     *self);
void              cercle_sync_client_unwatch      (CercleSyncClient     *self);
void              cercle_sync_client_close        (CercleSyncClient     *self);

gboolean          cercle_sync_join_club           (CercleSyncServer     *server,
                                                   const CercleSyncAccount *account,
                                                   const CercleSyncClub *club,
                                                   const char           *path,
                                                   GMainContext         *progress_context,
                                                   GCallback             progress_cb,
                                                   gpointer              progress_data,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

G_END_DECLS
