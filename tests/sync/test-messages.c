/* test-messages.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cercle-server-messages.h"
#include "cercle-sync-client.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* Private messages end to end: each member's devices with a club file and
 * a key pair of their own, syncing through a real cercle-server on
 * 127.0.0.1, whose database must never hold what they write. */

#define ELISE_EMAIL "elise@alpha.exemple.fr"

#define FIRST_TEXT  "Rendez-vous jeudi chez Hélène pour le devis Zanzibar"
#define SECRET_WORD "Zanzibar"
#define REPLY_TEXT  "Parfait, j’apporte les plans Quetzalcoatl"
#define LATER_TEXT  "Pour ton nouveau téléphone : Ornithorynque"
#define VANISH_TEXT "Ce message s’efface : Kookaburra"

typedef struct
{
  char             *path;
  CercleStore      *store;
  CercleSyncClient *client;
  CercleKeyPair    *keys;
} Device;

static Device *
device_new (CercleTestWorld *world,
            const char      *name,
            const char      *email)
{
  Device *device = g_new0 (Device, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleSyncServer) server = NULL;
  g_autoptr(CercleSyncAccount) account = NULL;
  g_autofree char *file = g_strconcat (name, ".cercle", NULL);
  g_autofree char *client_id = NULL;
  const CercleSyncClub *club = NULL;

  server = cercle_sync_server_new (world->server->base_url, NULL, &error);
  g_assert_no_error (error);
  account = cercle_sync_server_sign_in (server, email, cercle_test_password (), name, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < account->clubs->len; i++)
    if (g_str_equal (((CercleSyncClub *)g_ptr_array_index (account->clubs, i))->id, world->club_a))
      club = g_ptr_array_index (account->clubs, i);
  g_assert_nonnull (club);

  device->path = g_build_filename (world->server->dir, file, NULL);
  g_assert_true (cercle_store_create (device->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  device->store = cercle_store_open (device->path, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_sync_origin (device->store, world->server->base_url, club->id, email,
                                               NULL, &error));
  g_assert_no_error (error);

  /* The device's id is its club file's, as the app makes it */
  client_id = cercle_store_dup_client_id (device->store, &error);
  g_assert_no_error (error);
  device->keys = cercle_key_pair_generate (client_id);
  device->client = cercle_sync_client_new (server, device->path, club->id, club->member_id, account->token);
  cercle_sync_client_set_device_keys (device->client, device->keys, name);

  return device;
}

static void
device_free (Device *device)
{
  cercle_sync_client_close (device->client);
  g_assert_finalize_object (device->client);
  cercle_test_release_store (device->store);
  cercle_key_pair_free (device->keys);
  g_free (device->path);
  g_free (device);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Device, device_free)

static void
device_sync (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleChangeSet) changes = cercle_sync_client_sync (device->client, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  cercle_store_note_external_changes (device->store, changes);
}

static void
device_send (Device     *device,
             const char *to,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleMessage) message = cercle_store_send_message (device->store, device->keys, to, text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
}

static char *
conversation_id (CercleTestWorld *world)
{
  return cercle_message_policy_conversation_id (world->alice_member, world->bruno_member);
}

/* Every message of the conversation on @device, oldest first */
static GPtrArray *
device_messages (Device          *device,
                 CercleTestWorld *world)
{
  g_autofree char *id = conversation_id (world);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = cercle_store_read_messages (device->store, id, 0, 1000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);

  return rows;
}

static gboolean
device_has_text (Device          *device,
                 CercleTestWorld *world,
                 const char      *text)
{
  g_autoptr(GPtrArray) rows = device_messages (device, world);

  for (guint i = 0; i < rows->len; i++)
    {
      CercleMessageText *row = g_ptr_array_index (rows, i);

      if (row->state == CERCLE_MESSAGE_STATE_READABLE && g_strcmp0 (row->text, text) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return g_strstr_len (contents, (gssize)length, needle) != NULL;
}

/* The server's whole database, as `cercle-server export` writes it (SQLite
 * or PostgreSQL alike), and for SQLite the files themselves */
static void
assert_server_holds_no (CercleTestWorld *world,
                        const char      *needle)
{
  g_autofree char *export = g_build_filename (world->server->dir, "export.json", NULL);
  g_autofree char *wal = g_strconcat (world->server->database, "-wal", NULL);

  g_free (cercle_test_server_command_ok (world->server, "export", "--output", export, NULL));
  g_assert_true (g_file_test (export, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (export, needle));
  /* The export does hold the messages, as ciphertext */
  g_assert_true (file_contains (export, "\"sealed_keys\""));
  g_unlink (export);

  if (!g_str_has_prefix (world->server->database, "postgres"))
    {
      g_assert_false (file_contains (world->server->database, needle));
      g_assert_false (file_contains (wal, needle));
    }
}

/* What @token pulls of the club's messages: nothing but tombstones */
static void
assert_pulls_no_message (CercleTestWorld *world,
                         const char      *token)
{
  g_autoptr(GPtrArray) rows = cercle_test_pull_all (world->server, token, world->club_a, 500);
  guint n_device_keys = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);
      const char *entity = json_object_get_string_member (row, "entity");
      JsonObject *fields = json_object_get_object_member (row, "fields");

      if (g_str_equal (entity, "device_key"))
        n_device_keys++;

      if (!g_str_equal (entity, "message") && !g_str_equal (entity, "conversation"))
        continue;

      g_assert_true (json_object_get_boolean_member (row, "deleted"));
      g_assert_cmpuint (json_object_get_size (fields), ==, 0);
    }

  /* Public keys are for everyone */
  g_assert_cmpuint (n_device_keys, >, 0);
}

static void
test_round_trip (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("messages-round-trip");
  g_autoptr(Device) alice = NULL;
  g_autoptr(Device) bruno = NULL;
  g_autoptr(Device) staff = NULL;
  g_autoptr(Device) bruno_later = NULL;
  g_autoptr(GPtrArray) conversations = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elise_token = NULL;
  g_autofree char *id = conversation_id (world);
  CercleConversationSummary *summary;
  CercleMessageText *row;

  g_free (cercle_test_server_command_ok (world->server, "account", "add", "--email", ELISE_EMAIL,
                                         "--club", world->club_a, "--first-name", "Élise", NULL));
  elise_token = cercle_test_login (world->server, ELISE_EMAIL, "elise");

  alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL);
  bruno = device_new (world, "bruno", CERCLE_TEST_BRUNO_EMAIL);
  staff = device_new (world, "staff", CERCLE_TEST_STAFF_EMAIL);

  /* Each first sync publishes the device's key; Alice then learns Bruno's */
  device_sync (alice);
  device_sync (bruno);
  device_sync (staff);

  /* Offline: the message waits in the outbox, encrypted */
  device_sync (alice);
  device_send (alice, world->bruno_member, FIRST_TEXT);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 2);
  g_assert_true (device_has_text (alice, world, FIRST_TEXT));
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);

  /* Bruno reads it, unread until he opens it, and finds it by a word */
  device_sync (bruno);
  g_assert_true (device_has_text (bruno, world, FIRST_TEXT));
  conversations = cercle_store_list_conversations (bruno->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conversations->len, ==, 1);
  summary = g_ptr_array_index (conversations, 0);
  g_assert_cmpstr (summary->conversation_id, ==, id);
  g_assert_cmpstr (summary->other_member_id, ==, world->alice_member);
  g_assert_cmpstr (summary->last_text, ==, FIRST_TEXT);
  g_assert_cmpuint (summary->n_unread, ==, 1);
  g_assert_cmpuint (cercle_store_count_unread_messages (bruno->store, NULL), ==, 1);
  g_assert_true (cercle_store_mark_conversation_read (bruno->store, id, &error));
  g_assert_cmpuint (cercle_store_count_unread_messages (bruno->store, NULL), ==, 0);
  found = cercle_store_search_messages (bruno->store, "helene DEVIS", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* And answers */
  device_send (bruno, world->alice_member, REPLY_TEXT);
  device_sync (bruno);
  device_sync (alice);
  g_assert_true (device_has_text (alice, world, REPLY_TEXT));
  rows = device_messages (alice, world);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 0);
  g_assert_true (row->outgoing);
  row = g_ptr_array_index (rows, 1);
  g_assert_false (row->outgoing);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The server has only ciphertext */
  assert_server_holds_no (world, SECRET_WORD);
  assert_server_holds_no (world, "Quetzalcoatl");
  assert_server_holds_no (world, "Hélène");

  /* Staff and a third member get no envelope, and can read nothing */
  assert_pulls_no_message (world, world->staff_token);
  assert_pulls_no_message (world, elise_token);
  device_sync (staff);
  found = cercle_store_search_messages (staff->store, SECRET_WORD, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_assert_cmpuint (cercle_store_count_conversation_messages (staff->store, id, NULL), ==, 0);

  /* A device added later reads what comes after it, not what came before */
  bruno_later = device_new (world, "bruno-phone", CERCLE_TEST_BRUNO_EMAIL);
  device_sync (bruno_later);
  rows = device_messages (bruno_later, world);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      g_assert_cmpint (row->state, ==, CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE);
      g_assert_null (row->text);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);
  found = cercle_store_search_messages (bruno_later->store, SECRET_WORD, 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  device_sync (alice);
  device_send (alice, world->bruno_member, LATER_TEXT);
  device_sync (alice);
  device_sync (bruno_later);
  device_sync (bruno);
  g_assert_true (device_has_text (bruno_later, world, LATER_TEXT));
  g_assert_true (device_has_text (bruno, world, LATER_TEXT));
  g_assert_false (device_has_text (bruno_later, world, FIRST_TEXT));
  assert_server_holds_no (world, "Ornithorynque");
}

static char *
time_from_now (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble)seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static void
test_vanishing (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("messages-vanish");
  g_autoptr(Device) alice = NULL;
  g_autoptr(Device) bruno = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleConversation) conversation = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = conversation_id (world);
  g_autofree char *in_an_hour = time_from_now (3600);
  g_autofree char *in_two_days = time_from_now (2 * 24 * 3600);
  guint n_swept = 99;

  alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL);
  bruno = device_new (world, "bruno", CERCLE_TEST_BRUNO_EMAIL);
  device_sync (alice);
  device_sync (bruno);
  device_sync (alice);

  /* Said before the setting: it stays */
  device_send (alice, world->bruno_member, FIRST_TEXT);

  /* The setting syncs to the other member */
  g_assert_true (cercle_store_set_conversation_vanish (alice->store, world->bruno_member,
                                                       CERCLE_VANISH_DAY, &error));
  g_assert_no_error (error);
  device_send (alice, world->bruno_member, VANISH_TEXT);
  device_sync (alice);
  device_sync (bruno);
  conversation = cercle_store_dup_conversation_with (bruno->store, world->alice_member, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cercle_conversation_get_vanish_after (conversation), ==, CERCLE_VANISH_DAY);
  g_assert_true (device_has_text (bruno, world, VANISH_TEXT));
  g_assert_true (device_has_text (bruno, world, FIRST_TEXT));

  /* An hour later, nothing has gone */
  g_assert_true (cercle_store_sweep_messages (alice->store, in_an_hour, &n_swept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_swept, ==, 0);

  /* Two days later (a simulated clock): gone from Alice's device, its
   * text, ciphertext, history and search with it */
  g_assert_true (cercle_store_sweep_messages (alice->store, in_two_days, &n_swept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_swept, ==, 1);
  g_assert_false (device_has_text (alice, world, VANISH_TEXT));
  g_assert_true (device_has_text (alice, world, FIRST_TEXT));
  rows = cercle_store_search_messages (alice->store, "Kookaburra", 10, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_false (file_contains (alice->path, "Kookaburra"));

  /* The server's sweeper, at the same simulated time, on its database */
  storage = cercle_server_storage_open (world->server->database, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_server_messages_sweep (storage, in_an_hour, &n_swept, &error));
  g_assert_cmpuint (n_swept, ==, 0);
  g_assert_true (cercle_server_messages_sweep (storage, in_two_days, &n_swept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_swept, ==, 1);
  g_clear_object (&storage);

  /* Bruno's device deletes it at its next pull, without a sweep of its own */
  device_sync (bruno);
  g_assert_false (device_has_text (bruno, world, VANISH_TEXT));
  g_assert_true (device_has_text (bruno, world, FIRST_TEXT));
  rows = device_messages (bruno, world);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = cercle_store_search_messages (bruno->store, "Kookaburra", 10, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Alice's device agrees with the server, with nothing left to send */
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  rows = device_messages (alice, world);
  g_assert_cmpuint (rows->len, ==, 1);
  (void)id;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/messages/round-trip", test_round_trip);
  g_test_add_func ("/cercle/messages/vanishing", test_vanishing);

  return g_test_run ();
}
