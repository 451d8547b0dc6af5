/* sync-client-device.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sync-client-device.h"

/* A member's device for the sync client's tests: a club file of its own,
 * as the app keeps it, and the client that syncs it */

Device *
device_new_at (CercleTestWorld *world,
               const char      *url,
               const char      *name,
               const char      *email,
               const char      *club_id)
{
  Device *device = g_new0 (Device, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleSyncServer) server = NULL;
  g_autoptr(CercleSyncAccount) account = NULL;
  g_autofree char *file = g_strconcat (name, ".cercle", NULL);
  const CercleSyncClub *club = NULL;

  server = cercle_sync_server_new (url, NULL, &error);
  g_assert_no_error (error);

  account = cercle_sync_server_sign_in (server, email, cercle_test_password (), name, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account->token);
  for (guint i = 0; i < account->clubs->len; i++)
    if (g_str_equal (((CercleSyncClub *)g_ptr_array_index (account->clubs, i))->id, club_id))
      club = g_ptr_array_index (account->clubs, i);
  g_assert_nonnull (club);

  device->path = g_build_filename (world->server->dir, file, NULL);
  g_assert_true (cercle_store_create (device->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  device->client = cercle_sync_client_new (server, device->path, club->id, club->member_id, account->token);
  device->store = cercle_store_open (device->path, &error);
  g_assert_no_error (error);
  g_assert_true (cercle_store_set_sync_origin (device->store, world->server->base_url, club->id, email,
                                               NULL, &error));
  g_assert_no_error (error);

  return device;
}

Device *
device_new (CercleTestWorld *world,
            const char      *name,
            const char      *email,
            const char      *club_id)
{
  return device_new_at (world, world->server->base_url, name, email, club_id);
}

void
device_free (Device *device)
{
  cercle_sync_client_close (device->client);
  g_assert_finalize_object (device->client);
  cercle_test_release_store (device->store);
  g_free (device->path);
  g_free (device);
}

void
device_sync (Device *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleChangeSet) changes = cercle_sync_client_sync (device->client, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  cercle_store_note_external_changes (device->store, changes);
}

CercleMember *
device_member (Device     *device,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  CercleMember *member = cercle_store_get_record (device->store, CERCLE_TYPE_MEMBER, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (member);

  return member;
}

void
device_set (Device     *device,
            const char *member_id,
            const char *property,
            const char *value)
{
  g_autoptr(CercleMember) member = device_member (device, member_id);
  g_autoptr(GError) error = NULL;

  g_object_set (member, property, value, NULL);
  g_assert_true (cercle_store_save (device->store, CERCLE_RECORD (member), &error));
  g_assert_no_error (error);
}

char *
device_get (Device     *device,
            const char *member_id,
            const char *property)
{
  g_autoptr(CercleMember) member = device_member (device, member_id);
  char *value = NULL;

  g_object_get (member, property, &value, NULL);

  return value;
}

/* A field of a row as the server has it, seen by staff */
char *
server_value (CercleTestWorld *world,
              const char      *row_id,
              const char      *field)
{
  g_autoptr(GPtrArray) rows = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 500);
  JsonObject *row = cercle_test_find_row (rows, row_id);
  JsonObject *fields;

  g_assert_nonnull (row);
  fields = json_object_get_object_member (row, "fields");
  if (json_object_get_null_member (fields, field))
    return NULL;

  return g_strdup (json_object_get_string_member (fields, field));
}

void
staff_sets (CercleTestWorld *world,
            const char      *row_id,
            const char      *field,
            const char      *old_json,
            const char      *new_json)
{
  static gint64 mutation_no = 1000;
  JsonArray *mutations = json_array_new ();   /* the push takes it */
  g_autoptr(JsonObject) answer = NULL;
  guint status = 0;

  json_array_add_object_element (mutations,
                                 cercle_test_mutation (++mutation_no, "member", row_id, "update", 0,
                                                       field, old_json, new_json, NULL));
  answer = cercle_test_push (world->server, world->staff_token, world->club_a, CERCLE_TEST_CLIENT_ID,
                             mutations, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
}
