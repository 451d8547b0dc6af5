/* test-club-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cercle-club-sync.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* An open club's sync, as the indicator sees it, against a real
 * cercle-server on 127.0.0.1. It keeps its device key in the Secret
 * Service: run with run-with-keyring.sh. */

static gboolean
has_status (gpointer data)
{
  gpointer *pair = data;

  return cercle_club_sync_get_status (pair[0]) == GPOINTER_TO_UINT (pair[1]);
}

static gboolean
wait_for_status (CercleClubSync   *sync,
                 CercleSyncStatus  status,
                 guint             seconds)
{
  gpointer pair[2] = { sync, GUINT_TO_POINTER (status) };

  if (cercle_test_wait_for (has_status, pair, seconds))
    return TRUE;

  /* Which state it stayed in says why, when the suite fails on CI */
  g_test_message ("waited %u s for status %d: still %d (%s)", seconds, status,
                  cercle_club_sync_get_status (sync),
                  cercle_club_sync_get_message (sync) != NULL ? cercle_club_sync_get_message (sync) : "no message");
  return FALSE;
}

typedef struct
{
  CercleStore *store;
  const char  *member_id;
  const char  *city;
} Arrival;

static gboolean
arrived (gpointer data)
{
  Arrival *arrival = data;
  g_autoptr(CercleMember) member = cercle_store_get_record (arrival->store, CERCLE_TYPE_MEMBER,
                                                            arrival->member_id, NULL);

  return member != NULL && g_strcmp0 (cercle_member_get_city (member), arrival->city) == 0;
}

static void
set_city (CercleStore *store,
          const char  *member_id,
          const char  *city)
{
  g_autoptr(CercleMember) member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, member_id, NULL);
  g_autoptr(GError) error = NULL;

  g_object_set (member, "city", city, NULL);
  g_assert_true (cercle_store_save (store, CERCLE_RECORD (member), &error));
  g_assert_no_error (error);
}

/* Signing out on another device of the same session, or the admin
 * revoking it, closes the club's stream: the indicator says "sign in
 * again" at once, not at the next sync, and the edits wait */
static void
test_session_ended (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("club-sync-session");
  g_autofree char *path = g_build_filename (world->server->dir, "alice.cercle", NULL);
  g_autofree char *token = cercle_test_login (world->server, CERCLE_TEST_ALICE_EMAIL, "alice-laptop");
  g_autofree char *again = NULL;
  g_autoptr(CercleTestResponse) response = NULL;
  g_autoptr(CercleStore) store = NULL;
  g_autoptr(CercleClubSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  Arrival arrival = { NULL, world->bruno_member, NULL };
  gint64 started;

  if (g_getenv ("CERCLE_TEST_KEYRING") == NULL)
    {
      g_test_skip ("needs tests/sync/run-with-keyring.sh");
      return;
    }

  g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = cercle_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_sync_origin (store, world->server->base_url, world->club_a,
                                               CERCLE_TEST_ALICE_EMAIL, NULL, &error));
  g_assert_no_error (error);

  sync = cercle_club_sync_new (store);
  cercle_club_sync_set_token (sync, token);
  /* 20 s was passed once on a fresh clone while the whole suite ran */
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCED, 60));

  /* As joining leaves it: the copy knows who the user is */
  g_assert_true (cercle_store_set_local_member (store, world->alice_member, &error));
  g_assert_no_error (error);

  /* The stream is open once a change by someone else arrives by itself */
  arrival.store = store;
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *old_city = i == 0 ? g_strdup ("null") : g_strdup_printf ("\"Mâcon %u\"", i - 1);
      g_autofree char *new_city = g_strdup_printf ("\"Mâcon %u\"", i);
      JsonArray *mutations = json_array_new ();   /* the push takes it */
      g_autoptr(JsonObject) answer = NULL;
      guint status = 0;

      json_array_add_object_element (mutations,
                                     cercle_test_mutation (3000 + i, "member", world->bruno_member, "update", 0,
                                                           "city", old_city, new_city, NULL));
      answer = cercle_test_push (world->server, world->staff_token, world->club_a, CERCLE_TEST_CLIENT_ID,
                                 mutations, &status);
      g_assert_cmpuint (status, ==, 200);

      g_free ((char *)arrival.city);
      arrival.city = g_strdup_printf ("Mâcon %u", i);
      if (cercle_test_wait_for (arrived, &arrival, 2))
        break;
    }
  g_assert_true (arrived (&arrival));
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCED, 10));

  /* Signed out elsewhere with the same session */
  started = g_get_monotonic_time ();
  response = cercle_test_request (world->server, "DELETE", "/api/v1/session", token, NULL);
  g_assert_cmpuint (response->status, ==, 204);
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SIGN_IN, 5));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  /* An edit meanwhile waits, and the indicator keeps asking to sign in */
  set_city (store, world->alice_member, "Roanne");
  g_assert_false (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCING, 3));
  g_assert_cmpuint (cercle_club_sync_get_status (sync), ==, CERCLE_SYNC_STATUS_SIGN_IN);
  g_assert_cmpuint (cercle_club_sync_get_n_waiting (sync), ==, 1);

  /* Signed in again: the edit goes */
  again = cercle_test_login (world->server, CERCLE_TEST_ALICE_EMAIL, "alice-laptop");
  cercle_club_sync_set_token (sync, again);
  g_assert_true (wait_for_status (sync, CERCLE_SYNC_STATUS_SYNCED, 20));
  g_assert_cmpuint (cercle_store_count_outbox (store, NULL), ==, 0);

  cercle_club_sync_stop (sync);
  g_free ((char *)arrival.city);
  g_assert_finalize_object (g_steal_pointer (&sync));
  cercle_test_release_store (g_steal_pointer (&store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/club-sync/session-ended", test_session_ended);

  return g_test_run ();
}
