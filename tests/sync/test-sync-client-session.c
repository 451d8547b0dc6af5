/* test-sync-client-session.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sync-client-device.h"

/* Addresses, certificates, tokens and joining: how a device reaches its
 * club and keeps the right to */

/* A self-signed certificate and its key, made with openssl for 127.0.0.1 */
static void
make_certificate (const char  *dir,
                  const char  *name,
                  char       **cert,
                  char       **key)
{
  g_autofree char *cert_name = g_strconcat (name, "-cert.pem", NULL);
  g_autofree char *key_name = g_strconcat (name, "-key.pem", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;

  *cert = g_build_filename (dir, cert_name, NULL);
  *key = g_build_filename (dir, key_name, NULL);
  {
    const char *argv[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                           "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                           "-keyout", *key, "-out", *cert, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The fingerprint as openssl computes it, "AB:CD:…" */
static char *
openssl_fingerprint (const char *cert)
{
  const char *argv[] = { "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *equals;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, NULL, &error));
  g_assert_no_error (error);
  equals = strchr (out, '=');
  g_assert_nonnull (equals);

  return g_strstrip (g_strdup (equals + 1));
}

/* A club's own certificate: refused, its fingerprint shown, until the
 * user confirms it; then pinned; another certificate is refused */
void
test_certificate_pin (void)
{
  g_autoptr(CercleTestServer) server = cercle_test_server_new ("sync-pin");
  g_autoptr(CercleSyncServer) club = NULL;
  g_autoptr(CercleSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *other_cert = NULL;
  g_autofree char *other_key = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *other_fingerprint = NULL;
  g_autofree char *presented = NULL;
  g_autofree char *port = NULL;

  make_certificate (server->dir, "club", &cert, &key);
  make_certificate (server->dir, "other", &other_cert, &other_key);
  fingerprint = openssl_fingerprint (cert);
  other_fingerprint = openssl_fingerprint (other_cert);
  g_assert_cmpstr (fingerprint, !=, other_fingerprint);

  g_free (cercle_test_server_command_ok (server, "init", "--club-name", "Club TLS",
                                         "--admin-email", "tls@exemple.fr", NULL));
  {
    const char * const args[] = { "--tls-cert", cert, "--tls-key", key, NULL };

    cercle_test_server_start (server, args);
  }
  g_assert_true (g_str_has_prefix (server->base_url, "https://"));
  port = g_strdup_printf ("%u", cercle_test_server_get_port (server));

  /* Not trusted: refused, saying its fingerprint */
  club = cercle_sync_server_new (server->base_url, NULL, &error);
  g_assert_no_error (error);
  account = cercle_sync_server_sign_in (club, "tls@exemple.fr", cercle_test_password (), "test", NULL, &error);
  g_assert_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNTRUSTED_CERTIFICATE);
  g_assert_null (account);
  presented = cercle_sync_server_dup_presented_fingerprint (club);
  g_assert_cmpstr (presented, ==, fingerprint);
  g_assert_nonnull (strstr (error->message, fingerprint));
  g_clear_error (&error);

  /* Confirmed: pinned, and trusted */
  cercle_sync_server_set_certificate_pin (club, presented);
  account = cercle_sync_server_sign_in (club, "tls@exemple.fr", cercle_test_password (), "test", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_nonnull (account->token);
  g_clear_pointer (&account, cercle_sync_account_free);

  /* Another certificate on the same address: refused */
  g_assert_cmpint (cercle_test_server_stop (server), ==, 0);
  {
    const char * const args[] = { "--tls-cert", other_cert, "--tls-key", other_key, "--port", port, NULL };

    cercle_test_server_start (server, args);
  }
  account = cercle_sync_server_sign_in (club, "tls@exemple.fr", cercle_test_password (), "test", NULL, &error);
  g_assert_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNTRUSTED_CERTIFICATE);
  g_assert_null (account);
  g_clear_pointer (&presented, g_free);
  presented = cercle_sync_server_dup_presented_fingerprint (club);
  g_assert_cmpstr (presented, ==, other_fingerprint);

  g_assert_cmpint (cercle_test_server_stop (server), ==, 0);
}

void
test_addresses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleSyncServer) server = NULL;

  server = cercle_sync_server_new ("http://club.exemple.fr", NULL, &error);
  g_assert_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_PLAIN_HTTP);
  g_assert_null (server);
  g_clear_error (&error);

  server = cercle_sync_server_new ("ftp://club.exemple.fr", NULL, &error);
  g_assert_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ADDRESS);
  g_clear_error (&error);

  server = cercle_sync_server_new ("club.exemple.fr/", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_sync_server_get_url (server), ==, "https://club.exemple.fr");
  g_clear_object (&server);

  server = cercle_sync_server_new ("http://127.0.0.1:8080", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&server);

  server = cercle_sync_server_new ("http://[::1]:8080", NULL, &error);
  g_assert_no_error (error);
}

void
test_revoked_token (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-revoked");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;

  device_sync (alice);
  device_set (alice, world->alice_member, "city", "Roanne");

  cercle_sync_client_set_token (alice->client, world->revoked_token);
  changes = cercle_sync_client_sync (alice->client, NULL, &error);
  g_assert_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNAUTHORIZED);
  g_assert_false (cercle_sync_error_is_transient (error));

  /* The edit waits for her to sign in again */
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 1);
  cercle_sync_client_set_token (alice->client, world->alice_token);
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
}

static void
on_notice_cb (CercleSyncClient *client,
              gint64            seq,
              gpointer          user_data)
{
  *(guint *)user_data += 1;
}

static void
on_session_ended_cb (CercleSyncClient *client,
                     gpointer          user_data)
{
  *(guint *)user_data += 1;
}

static gboolean
counted (gpointer data)
{
  return *(guint *)data > 0;
}

/* Signing out closes the live stream with 4401: the client learns at
 * once that it must sign in again, and does not knock with the dead
 * token; the edits that wait stay, and go with the next session */
void
test_session_ended (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-session-ended");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(CercleSyncAccount) again = NULL;
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = cercle_test_login (world->server, CERCLE_TEST_ALICE_EMAIL, "alice-phone");
  CercleSyncServer *server = cercle_sync_client_get_server (alice->client);
  guint n_notices = 0;
  guint n_ended = 0;
  gint64 started;

  cercle_sync_client_set_token (alice->client, token);
  device_sync (alice);
  g_signal_connect (alice->client, "notice", G_CALLBACK (on_notice_cb), &n_notices);
  g_signal_connect (alice->client, "session-ended", G_CALLBACK (on_session_ended_cb), &n_ended);
  cercle_sync_client_watch (alice->client);

  /* The stream is open once it tells of a change */
  for (guint i = 0; i < 20 && n_notices == 0; i++)
    {
      g_autofree char *old_city = i == 0 ? g_strdup ("null") : g_strdup_printf ("\"Mâcon %u\"", i - 1);
      g_autofree char *new_city = g_strdup_printf ("\"Mâcon %u\"", i);

      staff_sets (world, world->bruno_member, "city", old_city, new_city);
      cercle_test_wait_for (counted, &n_notices, 1);
    }
  g_assert_cmpuint (n_notices, >, 0);

  device_set (alice, world->alice_member, "city", "Roanne");
  started = g_get_monotonic_time ();
  g_assert_true (cercle_sync_server_sign_out (server, token, NULL, &error));
  g_assert_no_error (error);

  /* Well before the 15 s after which a dropped stream is tried again */
  g_assert_true (cercle_test_wait_for (counted, &n_ended, 5));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_ended, ==, 1);

  changes = cercle_sync_client_sync (alice->client, NULL, &error);
  g_assert_null (changes);
  g_assert_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 1);

  /* Signed in again: the stream comes back and the edit goes */
  again = cercle_sync_server_sign_in (server, CERCLE_TEST_ALICE_EMAIL, cercle_test_password (), "alice",
                                      NULL, &error);
  g_assert_no_error (error);
  n_notices = 0;
  cercle_sync_client_set_token (alice->client, again->token);
  g_assert_true (cercle_test_wait_for (counted, &n_notices, 10));
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  g_assert_cmpuint (n_ended, ==, 1);

  /* A stream asked for with a token already revoked ends the same way,
   * rather than being asked for again and again */
  n_ended = 0;
  started = g_get_monotonic_time ();
  cercle_sync_client_set_token (alice->client, world->revoked_token);
  g_assert_true (cercle_test_wait_for (counted, &n_ended, 5));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  g_signal_handlers_disconnect_by_data (alice->client, &n_notices);
  g_signal_handlers_disconnect_by_data (alice->client, &n_ended);
}

/* Joining makes the club's file whole with its first sync, or nothing.
 * The token goes to the Secret Service: without one on the session bus
 * the join fails and leaves no file. */
void
test_join (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-join");
  g_autoptr(CercleSyncServer) server = cercle_sync_server_new (world->server->base_url, NULL, NULL);
  g_autoptr(CercleSyncAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (world->server->dir, "joined.cercle", NULL);
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleMember) me = NULL;
  gint64 start;
  gboolean ok;

  /* A Secret Service the session starts on demand would prompt for a
   * keyring: run-with-keyring.sh gives this test an unlocked one */
  if (g_getenv ("CERCLE_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs tests/sync/run-with-keyring.sh");
      return;
    }

  account = cercle_sync_server_sign_in (server, CERCLE_TEST_ALICE_EMAIL, cercle_test_password (), "test",
                                        NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  ok = cercle_sync_join_club (server, account, g_ptr_array_index (account->clubs, 0), path, NULL, NULL, NULL,
                              NULL, &error);
  g_test_message ("join took %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_no_error (error);
  g_assert_true (ok);

  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  me = cercle_store_dup_local_member (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (me)), ==, world->alice_member);
  cercle_test_release_store (g_steal_pointer (&store));
}
