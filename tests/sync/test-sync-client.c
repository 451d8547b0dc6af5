/* test-sync-client.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cercle-sync-client.h"
#include "cercle-test-proxy.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* The sync client against a real cercle-server on 127.0.0.1: each member
 * has a club file of their own, as the app keeps it. */

typedef struct
{
  char             *path;
  CercleStore      *store;     /* the interface's connection */
  CercleSyncClient *client;
} Device;

static Device *
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

static Device *
device_new (CercleTestWorld *world,
            const char      *name,
            const char      *email,
            const char      *club_id)
{
  return device_new_at (world, world->server->base_url, name, email, club_id);
}

static void
device_free (Device *device)
{
  cercle_sync_client_close (device->client);
  g_assert_finalize_object (device->client);
  cercle_test_release_store (device->store);
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

static CercleMember *
device_member (Device     *device,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  CercleMember *member = cercle_store_get_record (device->store, CERCLE_TYPE_MEMBER, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (member);

  return member;
}

static void
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

static char *
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
static char *
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

static void
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

static void
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

static void
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
static void
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
static void
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
static void
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
static void
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

static void
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

static void
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

static guint
count_rows (GArray *rows)
{
  guint n;

  g_assert_nonnull (rows);
  n = rows->len;
  g_array_unref (rows);

  return n;
}

/* Club life through the server: an announcement reaches the club's
 * members and no one else, with a notification's worth of news once; a
 * mentoring its pair; a reply the need's author, who makes it a referral;
 * a reply under a need closed meanwhile comes back as a rejection */
static void
test_club_life (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-club-life");
  g_autoptr(Device) staff = device_new (world, "staff", CERCLE_TEST_STAFF_EMAIL, world->club_a);
  g_autoptr(Device) alice = device_new (world, "alice", CERCLE_TEST_ALICE_EMAIL, world->club_a);
  g_autoptr(Device) bruno = device_new (world, "bruno", CERCLE_TEST_BRUNO_EMAIL, world->club_a);
  g_autoptr(Device) carol = device_new (world, "carol", CERCLE_TEST_CAROL_EMAIL, world->club_b);
  g_autoptr(CercleAnnouncement) announcement = NULL;
  g_autoptr(CercleMentoring) mentoring = NULL;
  g_autoptr(CercleRequest) need = NULL;
  g_autoptr(CercleNeedReply) reply = NULL;
  g_autoptr(CercleNeedReply) late = NULL;
  g_autoptr(CercleReferral) referral = NULL;
  g_autoptr(GHashTable) unread = NULL;
  g_autoptr(GPtrArray) news = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *giver = NULL;

  device_sync (staff);
  device_sync (alice);
  device_sync (bruno);
  device_sync (carol);

  announcement = cercle_store_post_announcement (staff->store, "Assemblée générale",
                                                 "Le programme : https://alpha.exemple.fr/ag",
                                                 NULL, TRUE, &error);
  g_assert_no_error (error);
  mentoring = cercle_store_pair_mentor (staff->store, world->staff_member, world->alice_member,
                                        "2026-09-01", "2027-02-28", &error);
  g_assert_no_error (error);
  device_sync (staff);
  g_assert_cmpuint (cercle_store_count_outbox (staff->store, NULL), ==, 0);

  /* Alice gets both, and is told of the announcement once */
  device_sync (alice);
  unread = cercle_store_dup_unread_announcements (alice->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (unread, cercle_record_get_id (CERCLE_RECORD (announcement))));
  news = cercle_store_take_club_news (alice->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (news->len, ==, 1);
  g_clear_pointer (&news, g_ptr_array_unref);
  g_assert_cmpuint (count_rows (cercle_store_list_mentoring_rows (alice->store, NULL, &error)), ==, 1);

  /* Bruno gets the announcement, not Alice's mentoring; Carol, of
   * another club, nothing */
  device_sync (bruno);
  g_assert_cmpuint (count_rows (cercle_store_list_announcement_rows (bruno->store, &error)), ==, 1);
  g_assert_cmpuint (count_rows (cercle_store_list_mentoring_rows (bruno->store, NULL, &error)), ==, 0);
  device_sync (carol);
  g_assert_cmpuint (count_rows (cercle_store_list_announcement_rows (carol->store, &error)), ==, 0);

  /* Alice's need, Bruno's reply, Alice's referral of it */
  need = cercle_store_post_request (alice->store, "Un imprimeur", NULL, NULL, &error);
  g_assert_no_error (error);
  device_sync (alice);
  device_sync (bruno);
  reply = cercle_store_reply_to_need (bruno->store, cercle_record_get_id (CERCLE_RECORD (need)),
                                      "Mon cousin imprime à Villeurbanne", &error);
  g_assert_no_error (error);
  device_sync (bruno);
  g_assert_cmpuint (cercle_store_count_outbox (bruno->store, NULL), ==, 0);

  device_sync (alice);
  news = cercle_store_take_club_news (alice->store, &error);
  g_assert_cmpuint (news->len, ==, 1);
  g_assert_true (CERCLE_IS_NEED_REPLY (news->pdata[0]));
  referral = cercle_store_refer_from_reply (alice->store, cercle_record_get_id (CERCLE_RECORD (reply)), &error);
  g_assert_no_error (error);
  device_sync (alice);
  g_assert_cmpuint (cercle_store_count_outbox (alice->store, NULL), ==, 0);
  rejections = cercle_store_list_rejections (alice->store, &error);
  g_assert_cmpuint (rejections->len, ==, 0);
  g_clear_pointer (&rejections, g_ptr_array_unref);
  giver = server_value (world, cercle_record_get_id (CERCLE_RECORD (referral)), "giver_id");
  g_assert_cmpstr (giver, ==, world->bruno_member);

  /* Bruno replies offline while Alice closes her need: the server refuses
   * the reply, and Bruno's copy says so */
  late = cercle_store_reply_to_need (bruno->store, cercle_record_get_id (CERCLE_RECORD (need)),
                                     "Et un autre à Lyon", &error);
  g_assert_no_error (error);
  g_assert_true (cercle_store_close_request (alice->store, cercle_record_get_id (CERCLE_RECORD (need)), &error));
  device_sync (alice);
  device_sync (bruno);
  rejections = cercle_store_list_rejections (bruno->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rejections->len, ==, 1);
  g_assert_cmpuint (cercle_store_count_outbox (bruno->store, NULL), ==, 0);
}

/* An edit made while a page is on its way is not overwritten by it: the
 * outbox is applied again on top of every pulled row */
static void
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

static void
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

static void
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
static void
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
static void
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
