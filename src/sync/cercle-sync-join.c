/* cercle-sync-join.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cercle-sync-client.h"
#include "cercle-sync-secret.h"

/* Joining a club: its local file is made whole, with the first sync,
 * before it appears under its name; the token goes to the Secret Service
 * only once the file is there. A failed or cancelled join leaves
 * nothing. */

typedef struct
{
  CercleSyncServer        *server;
  const CercleSyncAccount *account;
  const CercleSyncClub    *club;
  GMainContext            *progress_context;
  GCallback                progress_cb;
  gpointer                 progress_data;
} Join;

static gboolean
fill_from_server (CercleStore   *store,
                  gpointer       user_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Join *join = user_data;
  g_autoptr(CercleSyncClient) client = NULL;
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autofree char *pin = cercle_sync_server_dup_certificate_pin (join->server);

  if (!cercle_store_set_sync_origin (store, cercle_sync_server_get_url (join->server), join->club->id,
                                     join->account->email, pin, error))
    return FALSE;

  /* The file being made, on a connection of the client's own */
  client = cercle_sync_client_new (join->server, cercle_store_get_path (store), join->club->id,
                                   join->club->member_id, join->account->token);
  if (join->progress_cb != NULL)
    g_signal_connect (client, "progress", join->progress_cb, join->progress_data);

  changes = cercle_sync_client_sync_full (client, join->progress_context, cancellable, error);
  if (join->progress_cb != NULL)
    g_signal_handlers_disconnect_by_func (client, join->progress_cb, join->progress_data);
  cercle_sync_client_close (client);

  return changes != NULL;
}

/**
 * cercle_sync_join_club:
 * @path: where the club's file goes; nothing may be there
 * @progress_cb: (nullable): connected to the client's "progress" while
 *   the first sync runs, called on @progress_context
 *
 * Makes the club's local file from its server, then keeps the token.
 * Blocking, for a worker thread.
 */
gboolean
cercle_sync_join_club (CercleSyncServer         *server,
                       const CercleSyncAccount  *account,
                       const CercleSyncClub     *club,
                       const char               *path,
                       GMainContext             *progress_context,
                       GCallback                 progress_cb,
                       gpointer                  progress_data,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  Join join = { server, account, club, progress_context, progress_cb, progress_data };

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (server), FALSE);
  g_return_val_if_fail (account != NULL && account->token != NULL, FALSE);
  g_return_val_if_fail (club != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!cercle_store_create (path, fill_from_server, &join, cancellable, error))
    return FALSE;

  if (!cercle_sync_secret_store (cercle_sync_server_get_url (server), club->id, account->email,
                                 account->token, cancellable, error))
    {
      /* Without its token the club could not sync: not joined */
      g_unlink (path);
      return FALSE;
    }

  return TRUE;
}
