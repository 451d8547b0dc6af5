/* test-sync-client-answers.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sync-client-device.h"

/* The answers to a push: rejections, and answers lost on the way */

static void
staff_pushes (CercleTestWorld *world,
              JsonObject      *mutation)
{
  JsonArray *mutations = json_array_new ();   /* the push takes it */
  g_autoptr(JsonObject) answer = NULL;
  guint status = 0;

  json_array_add_object_element (mutations, mutation);
  answer = cercle_test_push (world->server, world->staff_token, world->club_a, CERCLE_TEST_CLIENT_ID,
                             mutations, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
}

static CercleResponse
device_response (Device     *device,
                 const char *registration_id)
{
  g_autoptr(CercleRecord) registration = cercle_store_get_record (device->store, CERCLE_TYPE_REGISTRATION,
                                                                  registration_id, NULL);

  g_assert_nonnull (registration);
  return cercle_registration_get_response (CERCLE_REGISTRATION (registration));
}

static void
device_answers (Device         *device,
                const char     *registration_id,
                CercleResponse  response)
{
  g_autoptr(CercleRecord) registration = cercle_store_get_record (device->store, CERCLE_TYPE_REGISTRATION,
                                                                  registration_id, NULL);
  g_autoptr(GError) error = NULL;

  g_object_set (registration, "response", response, NULL);
  g_assert_true (cercle_store_save (device->store, registration, &error));
  g_assert_no_error (error);
}

/* Two edits of a row, both refused: the copy goes back to the server's
 * row, not to the first refused value (the "old" of the second edit) */
void
test_rejected_twice (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-rejected");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(CercleRegistration) registration = cercle_registration_new ();
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = cercle_now_iso8601 ();
  const char *event_id = "e7e70000-0000-4000-8000-000000000001";
  const char *id = cercle_record_get_id (CERCLE_RECORD (registration));
  JsonObject *row;

  staff_pushes (world, cercle_test_mutation (2001, "event", event_id, "insert", 0,
                                             "title", NULL, "\"Petit déjeuner\"",
                                             "starts_at", NULL, "\"2027-03-04T07:30:00Z\"", NULL));
  device_sync (alice);

  g_object_set (registration, "event-id", event_id, "member-id", world->alice_member,
                "response", CERCLE_RESPONSE_YES, "registered-at", now, NULL);
  g_assert_true (cercle_store_save (alice->store, CERCLE_RECORD (registration), &error));
  g_assert_no_error (error);
  device_sync (alice);

  /* The event goes; Alice, not knowing, changes her mind twice */
  staff_pushes (world, cercle_test_mutation (2002, "event", event_id, "delete", 0, NULL));
  device_answers (alice, id, CERCLE_RESPONSE_NO);
  device_answers (alice, id, CERCLE_RESPONSE_MAYBE);
  device_sync (alice);

  rejections = cercle_store_list_rejections (alice->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 2);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);

  rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 500);
  row = cercle_test_find_row (rows, id);
  g_assert_nonnull (row);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row, "fields"), "response"),
                   ==, "yes");
  g_assert_cmpint (device_response (alice, id), ==, CERCLE_RESPONSE_YES);
}

/* A registration refused, then its later edit refused too, in one push:
 * the row the server never had does not come back to life in the copy
 * (the second refusal read the row from the file, where the first had
 * not yet put it away) */
void
test_refused_insert_and_edit (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-refused-insert");
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(CercleRegistration) registration = cercle_registration_new ();
  g_autoptr(CercleRecord) mine = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = cercle_now_iso8601 ();
  const char *event_id = "e7e70000-0000-4000-8000-000000000002";
  const char *id = cercle_record_get_id (CERCLE_RECORD (registration));

  staff_pushes (world, cercle_test_mutation (2101, "event", event_id, "insert", 0,
                                             "title", NULL, "\"Visite d’usine\"",
                                             "starts_at", NULL, "\"2027-04-08T12:00:00Z\"", NULL));
  device_sync (alice);

  /* The event goes; Alice, not knowing, registers and changes her mind */
  staff_pushes (world, cercle_test_mutation (2102, "event", event_id, "delete", 0, NULL));
  g_object_set (registration, "event-id", event_id, "member-id", world->alice_member,
                "response", CERCLE_RESPONSE_YES, "registered-at", now, NULL);
  g_assert_true (cercle_store_save (alice->store, CERCLE_RECORD (registration), &error));
  g_assert_no_error (error);
  device_answers (alice, id, CERCLE_RESPONSE_MAYBE);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 2);
  device_sync (alice);

  rejections = cercle_store_list_rejections (alice->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 2);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);

  rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 500);
  g_assert_null (cercle_test_find_row (rows, id));
  mine = cercle_store_get_record (alice->store, CERCLE_TYPE_REGISTRATION, id, NULL);
  g_assert_true (mine == NULL || cercle_record_get_deleted (mine));
}

static guint
count_answers (CercleTestProxy *proxy,
               Device          *device,
               gint64           mutation_no)
{
  g_autofree char *client_id = cercle_store_dup_client_id (device->store, NULL);
  CercleTestPush *push = cercle_test_proxy_find_push (proxy, client_id, mutation_no);

  return push != NULL ? push->answers->len : 0;
}

static gint64
last_mutation_no (Device *device)
{
  g_autoptr(GPtrArray) outbox = cercle_store_dup_outbox_mutations (device->store, NULL);

  g_assert_cmpuint (outbox->len, >, 0);
  return ((CercleMutation *)g_ptr_array_index (outbox, outbox->len - 1))->mutation_no;
}

/* A push whose answer is lost: the pull's "last_mutation_no" and rows
 * show what the server applied, which is not sent again; a change whose
 * effect does not show is, and its conflict still reaches the user */
void
test_lost_answer (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-lost-answer");
  CercleTestProxy *proxy = cercle_test_proxy_new (world->server->base_url, 1);
  g_autoptr(Device) alice = device_new_at (world, cercle_test_proxy_get_url (proxy), "alice",
                                           CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autofree char *city = NULL;
  gint64 applied_no;
  gint64 conflict_no;
  gint64 first_no;

  device_sync (alice);

  /* Applied, its answer lost: the sync goes on and sends it once */
  device_set (alice, world->alice_member, "city", "Villeurbanne");
  applied_no = last_mutation_no (alice);
  cercle_test_proxy_drop_push_answers (proxy, 1);
  changes = cercle_sync_client_sync (alice->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  g_assert_cmpuint (count_answers (proxy, alice, applied_no), ==, 1);
  city = server_value (world, world->alice_member, "city");
  g_assert_cmpstr (city, ==, "Villeurbanne");
  g_clear_pointer (&changes, cercle_change_set_unref);

  /* A conflict, its answer lost: sent again, answered as a duplicate,
   * and shown */
  device_set (alice, world->alice_member, "bio", "Fleuriste");
  conflict_no = last_mutation_no (alice);
  staff_sets (world, world->alice_member, "bio", "null", "\"Paysagiste\"");
  cercle_test_proxy_drop_push_answers (proxy, 1);
  changes = cercle_sync_client_sync (alice->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (changes);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  g_assert_cmpuint (count_answers (proxy, alice, conflict_no), ==, 2);
  conflicts = cercle_store_list_conflicts (alice->store, world->alice_member, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (((CercleSyncConflict *)g_ptr_array_index (conflicts, 0))->column, ==, "bio");
  g_clear_pointer (&changes, cercle_change_set_unref);

  /* Two edits of a field in one lost push: the first, whose value the
   * server no longer shows, is asked again, and not put back over the
   * second */
  device_set (alice, world->alice_member, "city", "Lyon");
  first_no = last_mutation_no (alice);
  device_set (alice, world->alice_member, "city", "Bron");
  cercle_test_proxy_drop_push_answers (proxy, 1);
  changes = cercle_sync_client_sync (alice->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  g_assert_cmpuint (count_answers (proxy, alice, first_no), ==, 2);
  g_assert_cmpuint (count_answers (proxy, alice, first_no + 1), ==, 1);
  g_clear_pointer (&city, g_free);
  city = device_get (alice, world->alice_member, "city");
  g_assert_cmpstr (city, ==, "Bron");

  g_clear_pointer (&alice, device_free);
  cercle_test_proxy_free (proxy);
}
