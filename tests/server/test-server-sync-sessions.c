/* test-server-sync-sessions.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "test-server-sync.h"

/* Sessions and the server process: signing out and throttled sign-ins,
 * a member's erasure (RGPD), writes kept across SIGTERM, TLS, and plain
 * HTTP only on loopback. */

static CercleTestResponse *
login_with (CercleTestServer *server,
            const char       *email,
            const char       *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\",\"device_name\":\"x\"}",
                                           email, password);

  return cercle_test_request (server, "POST", "/api/v1/session", NULL, body);
}

void
test_logout_and_throttle (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-auth");
  g_autoptr(CercleTestResponse) logout = NULL;
  g_autoptr(CercleTestResponse) after = NULL;
  g_autoptr(CercleTestResponse) locked = NULL;
  g_autoptr(CercleTestResponse) right = NULL;
  g_autoptr(CercleTestResponse) disabled = NULL;
  g_autofree char *token = cercle_test_login (world->server, CERCLE_TEST_BRUNO_EMAIL, "Tablette");
  g_autofree char *log = NULL;

  logout = cercle_test_request (world->server, "DELETE", "/api/v1/session", token, NULL);
  g_assert_cmpuint (logout->status, ==, 204);
  after = cercle_test_request (world->server, "GET", "/api/v1/clubs", token, NULL);
  g_assert_cmpuint (after->status, ==, 401);

  /* Wrong passwords, then the account is locked for a while, even to the
   * right one */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CercleTestResponse) wrong = login_with (world->server, CERCLE_TEST_BRUNO_EMAIL, "pas-le-bon");

      g_assert_cmpuint (wrong->status, ==, 401);
    }
  locked = login_with (world->server, CERCLE_TEST_BRUNO_EMAIL, "pas-le-bon");
  g_assert_cmpuint (locked->status, ==, 429);
  g_assert_nonnull (soup_message_headers_get_one (locked->headers, "Retry-After"));
  right = login_with (world->server, CERCLE_TEST_BRUNO_EMAIL, cercle_test_password ());
  g_assert_cmpuint (right->status, ==, 429);

  /* A disabled account is told so, once its password is right */
  disabled = login_with (world->server, CERCLE_TEST_DORA_EMAIL, cercle_test_password ());
  g_assert_cmpuint (disabled->status, ==, 403);

  /* Nothing secret in the log */
  log = cercle_test_server_read_log (world->server);
  g_assert_null (strstr (log, token));
  g_assert_null (strstr (log, cercle_test_password ()));
  g_assert_null (strstr (log, "pas-le-bon"));
  g_assert_nonnull (strstr (log, "POST /api/v1/session 429"));
}

void
test_rgpd (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-rgpd");
  g_autoptr(JsonObject) consent = NULL;
  g_autoptr(JsonObject) referral = NULL;
  g_autoptr(CercleTestResponse) export = NULL;
  g_autoptr(CercleTestResponse) erase = NULL;
  g_autoptr(CercleTestResponse) forbidden = NULL;
  g_autoptr(CercleTestResponse) relogin = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *erase_path = NULL;
  g_autofree char *giver = cercle_test_quoted (world->alice_member);
  g_autofree char *receiver = cercle_test_quoted (world->bruno_member);
  JsonObject *club;
  JsonArray *consents;
  JsonObject *row;

  consent = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                              cercle_test_mutations (cercle_test_mutation (1, "member", world->alice_member, "update", 0,
                                                                           "qr_consent", "false", "true", NULL),
                                                     NULL),
                              NULL);
  g_assert_cmpstr (cercle_test_result_status (consent, 0), ==, "applied");
  referral = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                               cercle_test_mutations (cercle_test_mutation (2, "referral", REFERRAL_ID, "insert", 0,
                                                                            "giver_id", NULL, giver,
                                                                            "receiver_id", NULL, receiver,
                                                                            "prospect_name", NULL, "\"Hôtel des Célestins\"",
                                                                            "notes", NULL, "\"Alice connaît la gérante\"",
                                                                            "amount_cents", NULL, "0", NULL),
                                                      NULL),
                               NULL);
  g_assert_cmpstr (cercle_test_result_status (referral, 0), ==, "applied");

  /* Everything about Alice, in one document */
  export = cercle_test_request (world->server, "GET", "/api/v1/account/export", world->alice_token, NULL);
  g_assert_cmpuint (export->status, ==, 200);
  data = cercle_test_response_json (export);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (data, "account"), "email"), ==,
                   CERCLE_TEST_ALICE_EMAIL);
  g_assert_null (strstr (g_bytes_get_data (export->body, NULL), "argon2"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "sessions")), >=, 1);
  club = json_array_get_object_element (json_object_get_array_member (data, "clubs"), 0);
  g_assert_cmpstr (json_object_get_string_member (club, "club_id"), ==, world->club_a);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (club, "referrals")), ==, 1);
  consents = json_object_get_array_member (club, "consents");
  g_assert_cmpuint (json_array_get_length (consents), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (consents, 0), "kind"), ==,
                   "badge_qr_code");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (consents, 0), "granted"));
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (consents, 0), "at"));

  /* Only staff erase, and Alice's data goes everywhere */
  erase_path = g_strdup_printf ("/api/v1/clubs/%s/members/%s/erase", world->club_a, world->alice_member);
  forbidden = cercle_test_request (world->server, "POST", erase_path, world->bruno_token, NULL);
  g_assert_cmpuint (forbidden->status, ==, 403);
  erase = cercle_test_request (world->server, "POST", erase_path, world->staff_token, NULL);
  g_assert_cmpuint (erase->status, ==, 200);

  rows = cercle_test_pull_all (world->server, world->bruno_token, world->club_a, 100);
  row = cercle_test_find_row (rows, world->alice_member);
  g_assert_true (json_object_get_boolean_member (row, "deleted"));
  g_assert_cmpuint (json_object_get_size (cercle_test_fields_of (row)), ==, 0);

  /* The referral stays, for the club's figures, without Alice's notes */
  row = cercle_test_find_row (rows, REFERRAL_ID);
  g_assert_false (json_object_get_boolean_member (row, "deleted"));
  g_assert_cmpstr (cercle_test_field_string (row, "giver_id"), ==, world->alice_member);
  g_assert_null (cercle_test_field_string (row, "notes"));

  /* Her account had no other club: it is gone */
  relogin = login_with (world->server, CERCLE_TEST_ALICE_EMAIL, cercle_test_password ());
  g_assert_cmpuint (relogin->status, ==, 401);
}

#define DK_ALICE  "dd000000-0000-4000-8000-0000000000a1"
#define DK_BRUNO  "dd000000-0000-4000-8000-0000000000b1"
#define DK_STAFF  "dd000000-0000-4000-8000-0000000000c1"
#define MSG_ALICE "5e000000-0000-4000-8000-0000000000a1"
#define MSG_BRUNO "5e000000-0000-4000-8000-0000000000b1"
#define MSG_STAFF "5e000000-0000-4000-8000-0000000000c1"
#define PUBLIC_KEY "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\""

static void
push_applied (CercleTestWorld *world,
              const char      *token,
              JsonObject      *mutation)
{
  g_autoptr(JsonObject) answer = cercle_test_push (world->server, token, world->club_a, CERCLE_TEST_CLIENT_ID,
                                                   cercle_test_mutations (mutation, NULL), NULL);

  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
}

/* A conversation between two members, as the first of them writes it */
static char *
start_conversation (CercleTestWorld *world,
                    const char      *token,
                    gint64           mutation_no,
                    const char      *one,
                    const char      *other)
{
  g_autofree char *a = cercle_test_quoted (g_strcmp0 (one, other) < 0 ? one : other);
  g_autofree char *b = cercle_test_quoted (g_strcmp0 (one, other) < 0 ? other : one);
  char *id = cercle_message_policy_conversation_id (one, other);

  push_applied (world, token, cercle_test_mutation (mutation_no, "conversation", id, "insert", 0,
                                                    "member_a_id", NULL, a, "member_b_id", NULL, b, NULL));

  return id;
}

/* A message whose ciphertext and boxes are strings the test can look for
 * in the server's tables: the server cannot tell them from real ones */
static void
send_message (CercleTestWorld *world,
              const char      *token,
              gint64           mutation_no,
              const char      *id,
              const char      *conversation,
              const char      *sender,
              const char      *recipient,
              const char      *device,
              const char      *other_device,
              const char      *ciphertext)
{
  g_autofree char *qconversation = cercle_test_quoted (conversation);
  g_autofree char *qsender = cercle_test_quoted (sender);
  g_autofree char *qrecipient = cercle_test_quoted (recipient);
  g_autofree char *qdevice = cercle_test_quoted (device);
  g_autofree char *qciphertext = cercle_test_quoted (ciphertext);
  g_autofree char *keys = g_strdup_printf ("\"{\\\"%s\\\":\\\"box-%s-mine\\\",\\\"%s\\\":\\\"box-%s-theirs\\\"}\"",
                                           device, ciphertext, other_device, ciphertext);

  push_applied (world, token, cercle_test_mutation (mutation_no, "message", id, "insert", 0,
                                                    "conversation_id", NULL, qconversation,
                                                    "sender_id", NULL, qsender,
                                                    "recipient_id", NULL, qrecipient,
                                                    "sender_device_id", NULL, qdevice,
                                                    "sent_at", NULL, "\"2026-11-23T10:00:00.000Z\"",
                                                    "ciphertext", NULL, qciphertext,
                                                    "sealed_keys", NULL, keys, NULL));
}

static void
publish_device (CercleTestWorld *world,
                const char      *token,
                gint64           mutation_no,
                const char      *id,
                const char      *member)
{
  g_autofree char *qmember = cercle_test_quoted (member);
  g_autofree char *name = g_strdup_printf ("\"Portable %s\"", id);

  push_applied (world, token, cercle_test_mutation (mutation_no, "device_key", id, "insert", 0,
                                                    "member_id", NULL, qmember, "public_key", NULL, PUBLIC_KEY,
                                                    "device_name", NULL, name, NULL));
}

static JsonObject *
find_object (JsonArray  *array,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }

  return NULL;
}

/* Private messages in the RGPD: a member's export has what the server
 * holds of them, which it cannot read; their erasure takes their devices,
 * their conversations and every message in them, on the server and, by
 * tombstones, on the other member's devices, and nothing of the others' */
void
test_rgpd_messages (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-rgpd-messages");
  g_autoptr(CercleTestResponse) export = NULL;
  g_autoptr(CercleTestResponse) erase = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *with_bruno = NULL;
  g_autofree char *bruno_staff = NULL;
  g_autofree char *erase_path = NULL;
  g_autofree char *dump_path = NULL;
  g_autofree char *dump = NULL;
  JsonObject *club;
  JsonObject *message;
  JsonArray *messages;
  const char *sealed;
  const char *body;

  publish_device (world, world->alice_token, 1, DK_ALICE, world->alice_member);
  publish_device (world, world->bruno_token, 1, DK_BRUNO, world->bruno_member);
  publish_device (world, world->staff_token, 1, DK_STAFF, world->staff_member);
  with_bruno = start_conversation (world, world->alice_token, 2, world->alice_member, world->bruno_member);
  send_message (world, world->alice_token, 3, MSG_ALICE, with_bruno, world->alice_member, world->bruno_member,
                DK_ALICE, DK_BRUNO, "chiffre-alice");
  send_message (world, world->bruno_token, 2, MSG_BRUNO, with_bruno, world->bruno_member, world->alice_member,
                DK_BRUNO, DK_ALICE, "chiffre-bruno");
  bruno_staff = start_conversation (world, world->staff_token, 2, world->staff_member, world->bruno_member);
  send_message (world, world->staff_token, 3, MSG_STAFF, bruno_staff, world->staff_member, world->bruno_member,
                DK_STAFF, DK_BRUNO, "chiffre-bureau");

  /* Alice's export: her device, her conversation, both its messages with
   * their ciphertext and only the box sealed for her own device */
  export = cercle_test_request (world->server, "GET", "/api/v1/account/export", world->alice_token, NULL);
  g_assert_cmpuint (export->status, ==, 200);
  data = cercle_test_response_json (export);
  club = json_array_get_object_element (json_object_get_array_member (data, "clubs"), 0);
  g_assert_true (json_object_has_member (club, "device_keys"));
  g_assert_true (json_object_has_member (club, "conversations"));
  g_assert_true (json_object_has_member (club, "messages"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (club, "device_keys")), ==, 1);
  g_assert_nonnull (find_object (json_object_get_array_member (club, "device_keys"), DK_ALICE));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (club, "conversations")), ==, 1);
  g_assert_nonnull (find_object (json_object_get_array_member (club, "conversations"), with_bruno));
  messages = json_object_get_array_member (club, "messages");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  g_assert_null (find_object (messages, MSG_STAFF));
  message = find_object (messages, MSG_BRUNO);
  g_assert_nonnull (message);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (message, "fields"), "ciphertext"),
                   ==, "chiffre-bruno");
  sealed = json_object_get_string_member (json_object_get_object_member (message, "fields"), "sealed_keys");
  g_assert_nonnull (strstr (sealed, DK_ALICE));
  g_assert_null (strstr (sealed, DK_BRUNO));
  body = g_bytes_get_data (export->body, NULL);
  /* The boxes for Alice's device are hers; those for Bruno's are not */
  g_assert_nonnull (strstr (body, "box-chiffre-alice-mine"));
  g_assert_nonnull (strstr (body, "box-chiffre-bruno-theirs"));
  g_assert_null (strstr (body, "box-chiffre-alice-theirs"));
  g_assert_null (strstr (body, "box-chiffre-bruno-mine"));
  g_assert_null (strstr (body, "chiffre-bureau"));

  erase_path = g_strdup_printf ("/api/v1/clubs/%s/members/%s/erase", world->club_a, world->alice_member);
  erase = cercle_test_request (world->server, "POST", erase_path, world->staff_token, NULL);
  g_assert_cmpuint (erase->status, ==, 200);

  /* Bruno's devices delete the conversation and both its messages; his
   * conversation with staff stays, and so do the keys of the living */
  rows = cercle_test_pull_all (world->server, world->bruno_token, world->club_a, 100);
  g_assert_true (json_object_get_boolean_member (cercle_test_find_row (rows, with_bruno), "deleted"));
  g_assert_true (json_object_get_boolean_member (cercle_test_find_row (rows, MSG_ALICE), "deleted"));
  g_assert_true (json_object_get_boolean_member (cercle_test_find_row (rows, MSG_BRUNO), "deleted"));
  g_assert_true (json_object_get_boolean_member (cercle_test_find_row (rows, DK_ALICE), "deleted"));
  g_assert_false (json_object_get_boolean_member (cercle_test_find_row (rows, bruno_staff), "deleted"));
  g_assert_false (json_object_get_boolean_member (cercle_test_find_row (rows, MSG_STAFF), "deleted"));
  g_assert_false (json_object_get_boolean_member (cercle_test_find_row (rows, DK_BRUNO), "deleted"));

  /* And the server's tables no longer hold them */
  dump_path = g_build_filename (world->server->dir, "after-erase.jsonl", NULL);
  g_free (cercle_test_server_command_ok (world->server, "export", "--club", world->club_a,
                                         "--output", dump_path, NULL));
  g_assert_true (g_file_get_contents (dump_path, &dump, NULL, NULL));
  g_assert_null (strstr (dump, "chiffre-alice"));
  g_assert_null (strstr (dump, "chiffre-bruno"));
  g_assert_null (strstr (dump, "box-chiffre-alice"));
  g_assert_null (strstr (dump, "Portable " DK_ALICE));
  g_assert_nonnull (strstr (dump, "Portable " DK_BRUNO));
  g_assert_nonnull (strstr (dump, "chiffre-bureau"));
}

void
test_sigterm_keeps_writes (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-sigterm");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_requests = 0;

  cercle_test_make_event (world, EVENT_ID, "Conférence", "scheduled", 0, 1);

  /* Stopped as systemd stops it: clean, and the accepted write is there */
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  cercle_test_server_start (world->server, NULL);
  g_free (world->staff_token);
  world->staff_token = cercle_test_login (world->server, CERCLE_TEST_STAFF_EMAIL, "Bureau");
  rows = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 100);
  g_assert_nonnull (cercle_test_find_row (rows, EVENT_ID));

  /* One log line per request; the last one's may be written just after
   * its answer arrived */
  for (guint tries = 0; tries < 100 && n_requests < 2; tries++)
    {
      g_clear_pointer (&log, g_free);
      g_clear_pointer (&lines, g_strfreev);
      if (tries > 0)
        g_usleep (50 * 1000);
      log = cercle_test_server_read_log (world->server);
      lines = g_strsplit (log, "\n", -1);
      n_requests = 0;
      for (guint i = 0; lines[i] != NULL; i++)
        if (strstr (lines[i], " /api/v1/") != NULL)
          n_requests++;
    }
  g_assert_cmpuint (n_requests, ==, 2);
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

void
test_tls (void)
{
  g_autoptr(CercleTestServer) server = cercle_test_server_new ("sync-tls");
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "test-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "test-key.pem", NULL);
  const char * const args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) plain = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *plain_url = NULL;

  g_free (cercle_test_server_command_ok (server, "init", "--club-name", "Club TLS",
                                         "--admin-email", "tls@exemple.fr", NULL));
  cercle_test_server_start (server, args);
  g_assert_true (g_str_has_prefix (server->base_url, "https://"));

  /* The club's own certificate: the client pins it, here it trusts it */
  url = g_strconcat (server->base_url, "/api/v1/health", NULL);
  msg = soup_message_new ("GET", url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  body = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  /* The same port does not speak plain HTTP */
  plain_url = g_strconcat ("http://", server->base_url + strlen ("https://"), "/api/v1/health", NULL);
  plain = soup_message_new ("GET", plain_url);
  refused = soup_session_send_and_read (server->session, plain, NULL, &error);
  g_assert_true (error != NULL || soup_message_get_status (plain) != 200);

  g_assert_cmpint (cercle_test_server_stop (server), ==, 0);
}

void
test_plain_http_only_on_loopback (void)
{
  g_autoptr(CercleTestServer) server = cercle_test_server_new ("sync-plain");
  g_autofree char *out = NULL;
  int status = 0;

  g_free (cercle_test_server_command_ok (server, "init", "--club-name", "Club",
                                         "--admin-email", "plain@exemple.fr", NULL));

  out = cercle_test_server_command (server, &status, "serve", "--address", "0.0.0.0", "--port", "0", NULL);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (out, "--allow-plain-http"));
}

