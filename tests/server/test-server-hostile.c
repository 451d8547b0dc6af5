/* test-server-hostile.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* What a hostile client sends, byte for byte on a socket: bodies too big
 * or cut short, JSON nested too deep or not UTF-8, numbers too large,
 * the wrong content type, requests dribbled out a byte at a time. The
 * server answers 4xx, never 500, applies nothing of a bad push, and stays
 * up for everyone else. */

typedef struct
{
  CercleTestWorld *world;
  guint            port;
  char            *push_path;
} Fixture;

static GSocketConnection *
connect_raw (Fixture *fixture)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16)fixture->port, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 20);

  return connection;
}

/* Everything the server says until it closes, or until @seconds pass */
static char *
read_answer (GSocketConnection *connection,
             guint              seconds,
             gboolean          *closed)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  GString *answer = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + (gint64)seconds * G_USEC_PER_SEC;

  *closed = FALSE;
  g_socket_set_blocking (socket, FALSE);

  while (g_get_monotonic_time () < deadline)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n;

      g_socket_condition_timed_wait (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, 100 * 1000, NULL, NULL);
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
      if (n > 0)
        {
          g_string_append_len (answer, buffer, n);
          /* A whole answer with a length: no need to wait for the close */
          if (strstr (answer->str, "\r\n\r\n") != NULL && strstr (answer->str, "Content-Length: ") != NULL)
            {
              const char *body = strstr (answer->str, "\r\n\r\n") + 4;
              guint64 length = g_ascii_strtoull (strstr (answer->str, "Content-Length: ") + 16, NULL, 10);

              if ((guint64)(answer->str + answer->len - body) >= length)
                break;
            }
        }
      else if (n == 0 || (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) &&
                          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT)))
        {
          *closed = TRUE;
          break;
        }
    }

  return g_string_free (answer, FALSE);
}

static void
send_bytes (GSocketConnection *connection,
            const char        *data,
            gsize              length)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, data, length, NULL, NULL, &error);
  /* The server may close first, having said all it had to */
  if (error != NULL)
    g_test_message ("write: %s", error->message);
}

static char *
exchange (Fixture    *fixture,
          const char *request,
          gsize       length,
          gboolean   *closed)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fixture);
  gboolean ignored;

  send_bytes (connection, request, length);
  return read_answer (connection, 20, closed != NULL ? closed : &ignored);
}

static guint
status_of_answer (const char *answer)
{
  if (!g_str_has_prefix (answer, "HTTP/1.1 ") && !g_str_has_prefix (answer, "HTTP/1.0 "))
    return 0;

  return (guint)g_ascii_strtoull (answer + 9, NULL, 10);
}

static char *
push_request (Fixture    *fixture,
              const char *content_type,
              const char *body,
              gsize       body_length,
              gsize      *length)
{
  g_autoptr(GString) request = g_string_new (NULL);

  g_string_append_printf (request,
                          "POST %s HTTP/1.1\r\n"
                          "Host: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %zu\r\n"
                          "Connection: close\r\n"
                          "\r\n",
                          fixture->push_path, fixture->world->alice_token, content_type, body_length);
  g_string_append_len (request, body, (gssize)body_length);
  *length = request->len;

  return g_string_free (g_steal_pointer (&request), FALSE);
}

/* Sends a push with @body and checks the status and, if given, a piece of
 * the reason */
static void
expect_push (Fixture    *fixture,
             const char *body,
             gsize       body_length,
             guint       expected,
             const char *fragment)
{
  gsize length;
  g_autofree char *request = push_request (fixture, "application/json", body, body_length, &length);
  g_autofree char *answer = exchange (fixture, request, length, NULL);
  guint status = status_of_answer (answer);

  if (status != expected || (fragment != NULL && strstr (answer, fragment) == NULL))
    g_error ("Expected %u with “%s”, got: %.400s", expected, fragment ? fragment : "", answer);
}

static void
expect_alive (Fixture *fixture)
{
  g_autoptr(CercleTestResponse) health = cercle_test_request (fixture->world->server, "GET", "/api/v1/health",
                                                              NULL, NULL);

  g_assert_cmpuint (health->status, ==, 200);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const args[] = { "--request-timeout", "2", "--max-body", "64", NULL };

  fixture->world = cercle_test_world_new ("hostile");

  /* Again, with tighter limits that the tests can reach quickly */
  g_assert_cmpint (cercle_test_server_stop (fixture->world->server), ==, 0);
  cercle_test_server_start (fixture->world->server, args);
  fixture->port = cercle_test_server_get_port (fixture->world->server);
  fixture->push_path = g_strdup_printf ("/api/v1/clubs/%s/sync/push", fixture->world->club_a);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *log = cercle_test_server_read_log (fixture->world->server);

  /* Never a 500, never a critical */
  g_assert_null (strstr (log, " 500 "));
  g_assert_null (strstr (log, "CRITICAL"));
  g_assert_cmpint (cercle_test_server_stop (fixture->world->server), ==, 0);

  cercle_test_world_free (fixture->world);
  g_free (fixture->push_path);
}

static void
test_oversized_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fixture);
  g_autofree char *head = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *login = NULL;
  g_autofree char *login_answer = NULL;
  gboolean closed = FALSE;
  gint64 started = g_get_monotonic_time ();

  /* A gigabyte announced: refused on the headers, the body never read */
  head = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                          "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{\"client_id\":",
                          fixture->push_path, fixture->world->alice_token);
  send_bytes (connection, head, strlen (head));
  answer = read_answer (connection, 10, &closed);
  g_assert_cmpuint (status_of_answer (answer), ==, 413);
  g_assert_nonnull (strstr (answer, "payload_too_large"));
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

  /* Sign-ins have a small cap of their own */
  login = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                           "Content-Length: 1048576\r\n\r\n");
  login_answer = exchange (fixture, login, strlen (login), NULL);
  g_assert_cmpuint (status_of_answer (login_answer), ==, 413);

  expect_alive (fixture);
}

static void
test_chunked_body (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *request = NULL;
  g_autofree char *answer = NULL;

  request = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                             "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\n{\"a\":\r\n", fixture->push_path, fixture->world->alice_token);
  answer = exchange (fixture, request, strlen (request), NULL);
  g_assert_cmpuint (status_of_answer (answer), ==, 411);

  expect_alive (fixture);
}

static void
test_truncated_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (fixture);
  g_autofree char *head = NULL;
  g_autofree char *answer = NULL;
  gboolean closed = FALSE;

  /* A body cut short, then the client goes */
  head = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                          "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"client_id\":\"c",
                          fixture->push_path, fixture->world->alice_token);
  send_bytes (connection, head, strlen (head));
  g_socket_shutdown (g_socket_connection_get_socket (connection), FALSE, TRUE, NULL);
  answer = read_answer (connection, 10, &closed);
  g_assert_true (closed);
  g_assert_true (*answer == '\0' || status_of_answer (answer) / 100 == 4);

  expect_alive (fixture);
}

static void
test_malformed_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *deep = NULL;
  g_autofree char *not_json = g_strdup ("{\"client_id\": \"c11e0000-");
  const char with_nul[] = "{\"client_id\":\"c11e0000-0000-4000-8000-000000000001\",\0\"mutations\":[]}";
  const char not_utf8[] = "{\"client_id\":\"\xc3\x28\",\"mutations\":[]}";

  deep = g_strnfill (50000, '[');
  expect_push (fixture, deep, strlen (deep), 400, "nested");
  expect_push (fixture, not_json, strlen (not_json), 400, "bad_request");
  expect_push (fixture, with_nul, sizeof with_nul - 1, 400, "bad_request");
  expect_push (fixture, not_utf8, sizeof not_utf8 - 1, 400, "UTF-8");
  expect_push (fixture, "", 0, 400, "bad_request");
  expect_push (fixture, "null", 4, 400, "bad_request");
  expect_push (fixture, "[1,2,3]", 7, 400, "object");

  expect_alive (fixture);
}

static void
test_wrong_values (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *huge = NULL;
  g_autofree char *wrong_type = NULL;
  g_autofree char *unknown_entity = NULL;
  g_autofree char *unknown_field = NULL;
  g_autofree char *float_no = NULL;
  const char *alice = fixture->world->alice_member;

#define PUSH_OF(mutation) \
  g_strdup_printf ("{\"client_id\":\"" CERCLE_TEST_CLIENT_ID "\",\"mutations\":[" mutation "]}", alice)

  huge = PUSH_OF ("{\"mutation_no\":1e400,\"entity\":\"member\",\"row_id\":\"%s\",\"op\":\"delete\"}");
  float_no = PUSH_OF ("{\"mutation_no\":99999999999999999999999,\"entity\":\"member\",\"row_id\":\"%s\",\"op\":\"delete\"}");
  wrong_type = PUSH_OF ("{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"%s\",\"op\":\"update\","
                        "\"changes\":{\"qr_consent\":{\"old\":false,\"new\":\"yes\"}}}");
  unknown_entity = PUSH_OF ("{\"mutation_no\":1,\"entity\":\"yacht\",\"row_id\":\"%s\",\"op\":\"insert\"}");
  unknown_field = PUSH_OF ("{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"%s\",\"op\":\"update\","
                           "\"changes\":{\"password\":{\"new\":\"x\"}}}");

#undef PUSH_OF

  expect_push (fixture, huge, strlen (huge), 400, "mutation_no");
  expect_push (fixture, float_no, strlen (float_no), 400, "mutation_no");
  expect_push (fixture, wrong_type, strlen (wrong_type), 400, "qr_consent");
  expect_push (fixture, unknown_entity, strlen (unknown_entity), 400, "yacht");
  expect_push (fixture, unknown_field, strlen (unknown_field), 400, "password");

  expect_alive (fixture);
}

/* A bad mutation after a good one: the push is refused whole */
static void
test_nothing_half_applied (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *row;
  JsonNode *city;

  body = g_strdup_printf ("{\"client_id\":\"" CERCLE_TEST_CLIENT_ID "\",\"mutations\":["
                          "{\"mutation_no\":1,\"entity\":\"member\",\"row_id\":\"%s\",\"op\":\"update\","
                          "\"changes\":{\"city\":{\"old\":null,\"new\":\"Lyon\"}}},"
                          "{\"mutation_no\":2,\"entity\":\"member\",\"row_id\":\"%s\",\"op\":\"update\","
                          "\"changes\":{\"city\":{\"new\":[]}}}]}",
                          fixture->world->alice_member, fixture->world->alice_member);
  expect_push (fixture, body, strlen (body), 400, "Mutation 2");

  rows = cercle_test_pull_all (fixture->world->server, fixture->world->alice_token, fixture->world->club_a, 100);
  row = cercle_test_find_row (rows, fixture->world->alice_member);
  city = json_object_get_member (json_object_get_object_member (row, "fields"), "city");
  g_assert_true (JSON_NODE_HOLDS_NULL (city));
}

static void
test_wrong_content_type (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *body = "{\"client_id\":\"" CERCLE_TEST_CLIENT_ID "\",\"mutations\":[]}";
  gsize length;
  g_autofree char *request = push_request (fixture, "text/plain", body, strlen (body), &length);
  g_autofree char *answer = exchange (fixture, request, length, NULL);
  g_autofree char *form = push_request (fixture, "application/x-www-form-urlencoded", body, strlen (body), &length);
  g_autofree char *form_answer = exchange (fixture, form, length, NULL);

  g_assert_cmpuint (status_of_answer (answer), ==, 415);
  g_assert_cmpuint (status_of_answer (form_answer), ==, 415);
  expect_alive (fixture);
}

static void
test_bad_requests (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *long_header = NULL;
  g_autofree char *bad_query = NULL;
  g_autofree char *bad_cursor = NULL;
  const struct
  {
    const char *request;
    guint       expected_class;
  } cases[] = {
    { "NONSENSE\r\n\r\n", 4 },
    { "GET /api/v1/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 4 },
    { "GET /api/v1/clubs/not-a-uuid/sync/pull HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 4 },
    /* libsoup's own parser answers 505, which is what HTTP says to */
    { "GET /api/v1/health HTTP/9.9\r\nHost: x\r\n\r\n", 5 },
    { "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\nConnection: close\r\n\r\n{}", 4 },
    { "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: -5\r\nConnection: close\r\n\r\n", 4 },
  };
  GString *header = g_string_new ("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: ");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean closed = FALSE;
      g_autofree char *answer = exchange (fixture, cases[i].request, strlen (cases[i].request), &closed);
      guint status = status_of_answer (answer);

      if ((status / 100 != cases[i].expected_class && !(status == 0 && closed)) ||
          (status / 100 == 5 && status != 505))
        g_error ("%s → %.200s", cases[i].request, answer);
    }

  /* A header longer than any sane one */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (header, 'x');
  g_string_append (header, "\r\n\r\n");
  long_header = g_string_free (header, FALSE);
  {
    gboolean closed = FALSE;
    g_autofree char *answer = exchange (fixture, long_header, strlen (long_header), &closed);

    g_assert_true (closed || status_of_answer (answer) / 100 == 4);
  }

  bad_query = g_strdup_printf ("GET /api/v1/clubs/%s/sync/pull?limit=%%FF%%FE HTTP/1.1\r\nHost: x\r\n"
                               "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                               fixture->world->club_a, fixture->world->alice_token);
  {
    g_autofree char *answer = exchange (fixture, bad_query, strlen (bad_query), NULL);

    g_assert_cmpuint (status_of_answer (answer), ==, 400);
  }

  bad_cursor = g_strdup_printf ("GET /api/v1/clubs/%s/sync/pull?cursor=Zm9vOmJhcg HTTP/1.1\r\nHost: x\r\n"
                                "Authorization: Bearer %s\r\nConnection: close\r\n\r\n",
                                fixture->world->club_a, fixture->world->alice_token);
  {
    g_autofree char *answer = exchange (fixture, bad_cursor, strlen (bad_cursor), NULL);

    g_assert_cmpuint (status_of_answer (answer), ==, 400);
    g_assert_nonnull (strstr (answer, "cursor"));
  }

  expect_alive (fixture);
}

/* One byte at a time, slower than the deadline: cut off, while everyone
 * else is served */
static void
test_slow_loris (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n\r\n";
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocketConnection) slow = connect_raw (fixture);
  gint64 started = g_get_monotonic_time ();
  gboolean cut_off = FALSE;

  /* Connections that say nothing at all */
  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (idle, connect_raw (fixture));

  for (gsize i = 0; i < strlen (request) && !cut_off; i++)
    {
      g_autoptr(GError) error = NULL;
      GSocket *socket = g_socket_connection_get_socket (slow);

      if (g_socket_send (socket, request + i, 1, NULL, &error) < 0)
        cut_off = TRUE;
      else
        {
          char byte;
          gssize n;

          /* Everyone else is still served meanwhile */
          if (i % 4 == 0)
            expect_alive (fixture);

          g_usleep (G_USEC_PER_SEC / 5);
          g_socket_set_blocking (socket, FALSE);
          n = g_socket_receive (socket, &byte, 1, NULL, NULL);
          g_socket_set_blocking (socket, TRUE);
          if (n == 0 || (n > 0 && byte == 'H'))
            cut_off = TRUE;
        }
    }

  g_assert_true (cut_off);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  expect_alive (fixture);

  /* The silent ones were cut off too, by the same deadline */
  for (guint i = 0; i < idle->len; i++)
    {
      gboolean closed = FALSE;
      g_autofree char *answer = read_answer (g_ptr_array_index (idle, i), 5, &closed);

      g_assert_true (closed || status_of_answer (answer) == 408);
    }
}

static gboolean
health_is_ok (gpointer data)
{
  g_autoptr(CercleTestResponse) health = cercle_test_request (data, "GET", "/api/v1/health", NULL, NULL);

  return health->status == 200;
}

/* Beyond --max-connections requests under way and open streams, a request
 * is told to come back later, and served again once there is room */
static void
test_connection_cap (Fixture       *fixture,
                     gconstpointer  data)
{
  CercleTestWorld *world = fixture->world;
  const char * const args[] = { "--max-connections", "3", NULL };
  g_autoptr(CercleTestResponse) busy = NULL;
  g_autoptr(JsonObject) body = NULL;
  CercleTestStream streams[3];

  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  cercle_test_server_start (world->server, args);

  cercle_test_stream_open (world->server, world->alice_token, world->club_a, &streams[0]);
  cercle_test_stream_open (world->server, world->bruno_token, world->club_a, &streams[1]);
  cercle_test_stream_open (world->server, world->staff_token, world->club_a, &streams[2]);

  busy = cercle_test_request (world->server, "GET", "/api/v1/health", NULL, NULL);
  g_assert_cmpuint (busy->status, ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (busy->headers, "Retry-After"), ==, "5");
  body = cercle_test_response_json (busy);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "error"), "code"), ==,
                   "unavailable");

  /* A stream goes: there is room again */
  cercle_test_stream_clear (&streams[2]);
  g_assert_true (cercle_test_wait_for (health_is_ok, world->server, 10));

  cercle_test_stream_clear (&streams[0]);
  cercle_test_stream_clear (&streams[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cercle/server/hostile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("oversized-body", test_oversized_body);
  ADD ("chunked-body", test_chunked_body);
  ADD ("truncated-body", test_truncated_body);
  ADD ("malformed-json", test_malformed_json);
  ADD ("wrong-values", test_wrong_values);
  ADD ("nothing-half-applied", test_nothing_half_applied);
  ADD ("wrong-content-type", test_wrong_content_type);
  ADD ("bad-requests", test_bad_requests);
  ADD ("slow-loris", test_slow_loris);
  ADD ("connection-cap", test_connection_cap);

#undef ADD

  return g_test_run ();
}
