/* test-sync-client.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sync-client-device.h"

/* The sync client against a real cercle-server on 127.0.0.1: each member
 * has a club file of their own, as the app keeps it. This file holds the
 * data going both ways, conflicts, offline work and several clubs; the
 * answers to pushes, the session and the club's life are beside it. */

void
test_first_sync_and_edits (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-first");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(CercleMember) me = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  g_autofree char *job = NULL;
  g_autoptr(CercleSyncState) state = NULL;

  device_sync (alice);

  /* Everyone of the club arrived, and Alice is the copy's own member */
  me = cercle_store_dup_local_member (alice->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (me);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (me)), ==, world->alice_member);
  g_clear_object (&me);
  g_object_unref (device_member (alice, world->staff_member));
  g_object_unref (device_member (alice, world->bruno_member));
  state = cercle_store_dup_sync_state (alice->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state->cursor);
  g_assert_nonnull (state->last_synced_at);

  /* From the app to the server */
  device_set (alice, world->alice_member, "city", "Villeurbanne");
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 1);
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  city = server_value (world, world->alice_member, "city");
  g_assert_cmpstr (city, ==, "Villeurbanne");

  /* From the server to the app */
  staff_sets (world, world->alice_member, "job_title", "null", "\"Gérante\"");
  device_sync (alice);
  job = device_get (alice, world->alice_member, "job-title");
  g_assert_cmpstr (job, ==, "Gérante");

  /* A member Alice may not see any more arrives as a tombstone */
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
}

void
test_conflict (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-conflict");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  g_autofree char *server_city = NULL;
  g_autofree char *bio = NULL;
  CercleSyncConflict *conflict;

  device_sync (alice);

  /* Both change the city; Alice also writes her bio, which merges */
  device_set (alice, world->alice_member, "city", "Lyon");
  device_set (alice, world->alice_member, "bio", "Fleuriste depuis 2004");
  staff_sets (world, world->alice_member, "city", "null", "\"Grenoble\"");
  device_sync (alice);

  conflicts = cercle_store_list_conflicts (alice->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->row_id, ==, world->alice_member);
  g_assert_cmpstr (conflict->column, ==, "city");
  g_assert_cmpstr (g_value_get_string (&conflict->mine), ==, "Lyon");
  g_assert_cmpstr (g_value_get_string (&conflict->theirs), ==, "Grenoble");

  /* Until she chooses, the club's value shows; her bio went through */
  city = device_get (alice, world->alice_member, "city");
  g_assert_cmpstr (city, ==, "Grenoble");
  bio = server_value (world, world->alice_member, "bio");
  g_assert_cmpstr (bio, ==, "Fleuriste depuis 2004");

  /* She keeps hers: it is sent as a new edit */
  g_assert_true (cercle_store_resolve_conflict (alice->store, conflict, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = cercle_store_list_conflicts (alice->store, NULL, &error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  device_sync (alice);
  server_city = server_value (world, world->alice_member, "city");
  g_assert_cmpstr (server_city, ==, "Lyon");
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
}

void
test_offline (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-offline");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", cercle_test_server_get_port (world->server));
  const char * const same_port[] = { "--port", port, NULL };
  g_autofree char *city = NULL;
  g_autofree char *mine = NULL;

  device_sync (alice);

  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  device_set (alice, world->alice_member, "city", "Annecy");
  changes = cercle_sync_client_sync (alice->client, NULL, &error);
  g_assert_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_OFFLINE);
  g_assert_null (changes);
  g_assert_true (cercle_sync_error_is_transient (error));
  g_clear_error (&error);

  /* Saved locally, waiting */
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 1);
  mine = device_get (alice, world->alice_member, "city");
  g_assert_cmpstr (mine, ==, "Annecy");

  cercle_test_server_start (world->server, same_port);
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  city = server_value (world, world->alice_member, "city");
  g_assert_cmpstr (city, ==, "Annecy");
}

void
test_two_clubs (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-two-clubs");
  g_autoptr(Device) alpha = device_new (world, "alpha", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(Device) beta = device_new (world, "beta", CERCLE_TEST_CAROL_EMAIL, world->club_b);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleMember) stranger = NULL;
  g_autoptr(CercleMember) carol = NULL;
  g_autofree char *client_a = NULL;
  g_autofree char *client_b = NULL;

  device_sync (alpha);
  device_sync (beta);

  /* Each club file holds its club only, with an identity of its own */
  carol = cercle_store_dup_local_member (beta->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cercle_record_get_id (CERCLE_RECORD (carol)), ==, world->carol_member);
  stranger = cercle_store_get_record (beta->store, CERCLE_TYPE_MEMBER, world->alice_member, &error);
  g_assert_null (stranger);
  g_clear_error (&error);
  stranger = cercle_store_get_record (alpha->store, CERCLE_TYPE_MEMBER, world->carol_member, &error);
  g_assert_null (stranger);
  g_clear_error (&error);

  client_a = cercle_store_dup_client_id (alpha->store, &error);
  client_b = cercle_store_dup_client_id (beta->store, &error);
  g_assert_cmpstr (client_a, !=, client_b);

  device_set (beta, world->carol_member, "city", "Nantes");
  device_sync (beta);
  device_sync (alpha);
  g_assert_cmpuint (cercle_store_count_outbox (beta->store, NULL), ==, 0);
}

/* An edit made while a page is on its way is not overwritten by it: the
 * outbox is applied again on top of every pulled row */
void
test_edit_during_pull (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-during");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *city = NULL;
  g_autofree char *job = NULL;
  g_autofree char *server_city = NULL;
  JsonObject *row;

  device_sync (alice);

  /* The server has news for Alice's row (staff wrote her job title) ... */
  staff_sets (world, world->alice_member, "job_title", "null", "\"Gérante\"");
  rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 500);
  row = cercle_test_find_row (rows, world->alice_member);
  g_assert_nonnull (row);
  json_array_add_object_element (page, json_object_ref (row));

  /* ... and she types her city while that page is on its way */
  device_set (alice, world->alice_member, "city", "Vienne");
  g_assert_true (cercle_store_apply_pull_page (alice->store, page, "cursor-from-test", FALSE, 0, NULL, NULL,
                                               &error));
  g_assert_no_error (error);

  city = device_get (alice, world->alice_member, "city");
  job = device_get (alice, world->alice_member, "job-title");
  g_assert_cmpstr (city, ==, "Vienne");
  g_assert_cmpstr (job, ==, "Gérante");
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 1);

  /* The test's cursor is not one the server made: a real sync from the
   * start again sends her edit */
  g_assert_true (cercle_store_restart_sync (alice->store, &error));
  device_sync (alice);
  server_city = server_value (world, world->alice_member, "city");
  g_assert_cmpstr (server_city, ==, "Vienne");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/sync/addresses", test_addresses);
  g_test_add_func ("/cercle/sync/first-sync-and-edits", test_first_sync_and_edits);
  g_test_add_func ("/cercle/sync/conflict", test_conflict);
  g_test_add_func ("/cercle/sync/offline", test_offline);
  g_test_add_func ("/cercle/sync/rejected-twice", test_rejected_twice);
  g_test_add_func ("/cercle/sync/refused-insert-and-edit", test_refused_insert_and_edit);
  g_test_add_func ("/cercle/sync/lost-answer", test_lost_answer);
  g_test_add_func ("/cercle/sync/certificate-pin", test_certificate_pin);
  g_test_add_func ("/cercle/sync/two-clubs", test_two_clubs);
  g_test_add_func ("/cercle/sync/edit-during-pull", test_edit_during_pull);
  g_test_add_func ("/cercle/sync/revoked-token", test_revoked_token);
  g_test_add_func ("/cercle/sync/session-ended", test_session_ended);
  g_test_add_func ("/cercle/sync/join", test_join);
  g_test_add_func ("/cercle/sync/club-life", test_club_life);

  return g_test_run ();
}
