/* cercle-test-device.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "cercle-sync-client.h"
#include "cercle-sync-secret.h"

/* A member's device without a window, for the end-to-end UI tests and the
 * screenshots: the other side of a conversation with the app.
 *
 *   cercle-test-device join URL EMAIL PASSWORD FILE
 *       joins the account's first club into FILE as the app does (its
 *       token in the Secret Service), for the app to open
 *   cercle-test-device sign-in URL EMAIL PASSWORD FILE
 *       the same, for this program: the token stays in FILE.token
 *   cercle-test-device sync FILE
 *       publishes this device's key and syncs
 *   cercle-test-device send FILE MEMBER_ID TEXT
 *   cercle-test-device read FILE       prints every message it can read
 *
 * Its message key lives in the Secret Service, as the app's does. */

static int
fail (GError *error)
{
  g_printerr ("cercle-test-device: %s\n", error->message);
  return EXIT_FAILURE;
}

static gboolean
join (const char  *url,
      const char  *email,
      const char  *password,
      const char  *path,
      gboolean     for_the_app,
      GError     **error)
{
  g_autoptr(CercleSyncServer) server = NULL;
  g_autoptr(CercleSyncAccount) account = NULL;
  g_autofree char *token_path = g_strconcat (path, ".token", NULL);
  const CercleSyncClub *club;

  if (!(server = cercle_sync_server_new (url, NULL, error)) ||
      !(account = cercle_sync_server_sign_in (server, email, password, "test device", NULL, error)))
    return FALSE;

  if (account->clubs->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the account has no club");
      return FALSE;
    }
  club = g_ptr_array_index (account->clubs, 0);

  if (!cercle_sync_join_club (server, account, club, path, NULL, NULL, NULL, NULL, error))
    return FALSE;

  if (for_the_app)
    return TRUE;

  /* Another member's token must not be the one the app finds */
  return cercle_sync_secret_clear (url, club->id, NULL, error) &&
         g_file_set_contents (token_path, account->token, -1, error);
}

static CercleSyncClient *
open_client (const char     *path,
             CercleStore   **store,
             CercleKeyPair **keys,
             GError        **error)
{
  g_autoptr(CercleSyncState) state = NULL;
  g_autoptr(CercleSyncServer) server = NULL;
  g_autoptr(CercleMember) me = NULL;
  g_autofree char *token_path = g_strconcat (path, ".token", NULL);
  g_autofree char *token = NULL;
  g_autofree char *device_id = NULL;
  CercleSyncClient *client;

  if (!(*store = cercle_store_open (path, error)) ||
      !(state = cercle_store_dup_sync_state (*store, error)) ||
      !g_file_get_contents (token_path, &token, NULL, error) ||
      !(server = cercle_sync_server_new (state->server_url, NULL, error)) ||
      !(device_id = cercle_store_dup_client_id (*store, error)) ||
      !(*keys = cercle_sync_secret_dup_device_keys (state->server_url, state->club_id, device_id, NULL, error)))
    return NULL;

  me = cercle_store_dup_local_member (*store, NULL);
  client = cercle_sync_client_new (server, path, state->club_id,
                                   me != NULL ? cercle_record_get_id (CERCLE_RECORD (me)) : NULL, token);
  cercle_sync_client_set_device_keys (client, *keys, "test device");

  return client;
}

static gboolean
sync_once (CercleSyncClient  *client,
           GError           **error)
{
  g_autoptr(CercleChangeSet) changes = cercle_sync_client_sync (client, NULL, error);

  return changes != NULL;
}

static void
print_messages (CercleStore *store)
{
  g_autoptr(GPtrArray) conversations = cercle_store_list_conversations (store, NULL);

  for (guint i = 0; conversations != NULL && i < conversations->len; i++)
    {
      CercleConversationSummary *summary = g_ptr_array_index (conversations, i);
      g_autoptr(GPtrArray) rows = cercle_store_read_messages (store, summary->conversation_id, 0, 10000, NULL);

      for (guint j = 0; rows != NULL && j < rows->len; j++)
        {
          CercleMessageText *row = g_ptr_array_index (rows, j);

          if (row->state == CERCLE_MESSAGE_STATE_READABLE)
            g_print ("%s\t%s\t%s\n", summary->other_member_id, row->outgoing ? "out" : "in", row->text);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleKeyPair) keys = NULL;
  g_autoptr(CercleSyncClient) client = NULL;
  const char *command = argc > 1 ? argv[1] : "";

  if ((g_str_equal (command, "join") || g_str_equal (command, "sign-in")) && argc == 6)
    return join (argv[2], argv[3], argv[4], argv[5], g_str_equal (command, "join"), &error)
           ? EXIT_SUCCESS : fail (error);

  if (argc < 3 || !(client = open_client (argv[2], &store, &keys, &error)))
    {
      if (error != NULL)
        return fail (error);
      g_printerr ("usage: cercle-test-device join|sign-in|sync|send|read …\n");
      return EXIT_FAILURE;
    }

  if (!sync_once (client, &error))
    return fail (error);

  if (g_str_equal (command, "send") && argc == 5)
    {
      g_autoptr(CercleMessage) message = cercle_store_send_message (store, keys, argv[3], argv[4], &error);

      if (message == NULL || !sync_once (client, &error))
        return fail (error);
    }
  else if (g_str_equal (command, "read"))
    print_messages (store);

  cercle_sync_client_close (client);

  return EXIT_SUCCESS;
}
