/* test-server-multi.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-test-pg.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* Two cercle-server processes on one PostgreSQL database, as behind
 * nginx: any process serves any request, no edit is lost or doubled when
 * pushes through both interleave, a pull never skips a seq, and a
 * WebSocket client of one process hears a write made through the other. */

#define N_PUSHERS  4
#define N_BATCHES  10
#define BATCH_SIZE 5

typedef struct
{
  CercleTestServer *client;
  const char       *token;
  const char       *club_id;
  const char       *member_id;
  guint             index;
} Pusher;

typedef struct
{
  CercleTestServer *clients[2];
  const char       *token;
  const char       *club_id;
  gint             *pushers_done;
  GHashTable       *seen;
  guint             n_pulls;
} Puller;

static char *
request_id (guint pusher,
            guint n)
{
  return g_strdup_printf ("9%07u-0000-4000-8000-%012u", pusher, n);
}

static gpointer
push_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autofree char *client_id = g_strdup_printf ("c11e0000-0000-4000-8000-%012u", 100 + pusher->index);
  g_autofree char *member = g_strdup_printf ("\"%s\"", pusher->member_id);

  for (guint batch = 0; batch < N_BATCHES; batch++)
    {
      JsonArray *mutations = json_array_new ();
      g_autoptr(JsonObject) answer = NULL;
      guint status = 0;

      for (guint i = 0; i < BATCH_SIZE; i++)
        {
          guint n = batch * BATCH_SIZE + i;
          g_autofree char *id = request_id (pusher->index, n);
          g_autofree char *title = g_strdup_printf ("\"Besoin %u de %u\"", n, pusher->index);

          json_array_add_object_element (mutations,
                                         cercle_test_mutation (n + 1, "request", id, "insert", 0,
                                                               "member_id", NULL, member,
                                                               "title", NULL, title, NULL));
        }

      answer = cercle_test_push (pusher->client, pusher->token, pusher->club_id, client_id,
                                 mutations, &status);
      g_assert_cmpuint (status, ==, 200);
      for (guint i = 0; i < BATCH_SIZE; i++)
        g_assert_cmpstr (cercle_test_result_status (answer, i), ==, "applied");
    }

  return NULL;
}

/* Pulls, from one process then the other, while the pushes go on: each
 * row comes once, in rising seq, whichever process answers */
static gpointer
pull_thread (gpointer data)
{
  Puller *puller = data;
  g_autofree char *cursor = NULL;
  gint64 last_rev = 0;
  gboolean last_round = FALSE;

  for (;;)
    {
      gboolean has_more = TRUE;

      /* Once the pushers are done, one more full round sees the end */
      if (g_atomic_int_get (puller->pushers_done) == N_PUSHERS)
        last_round = TRUE;

      while (has_more)
        {
          CercleTestServer *client = puller->clients[puller->n_pulls++ % 2];
          g_autofree char *path = NULL;
          g_autoptr(CercleTestResponse) response = NULL;
          g_autoptr(JsonObject) page = NULL;
          JsonArray *rows;

          path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=7%s%s", puller->club_id,
                                  cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
          response = cercle_test_request (client, "GET", path, puller->token, NULL);
          g_assert_cmpuint (response->status, ==, 200);
          page = cercle_test_response_json (response);
          rows = json_object_get_array_member (page, "rows");

          for (guint i = 0; i < json_array_get_length (rows); i++)
            {
              JsonObject *row = json_array_get_object_element (rows, i);
              const char *id = json_object_get_string_member (row, "id");

              g_assert_cmpint (json_object_get_int_member (row, "rev"), >, last_rev);
              last_rev = json_object_get_int_member (row, "rev");
              /* Rows here are only ever made, never changed: seen twice
               * would mean a seq given twice */
              g_assert_true (g_hash_table_add (puller->seen, g_strdup (id)));
            }

          has_more = json_object_get_boolean_member (page, "has_more");
          g_free (cursor);
          cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
        }

      if (last_round)
        break;
      g_usleep (20 * 1000);
    }

  return NULL;
}

static void
test_interleaved_pushes (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("multi-push");
  g_autoptr(CercleTestServer) other = cercle_test_server_new_on ("multi-push-b", world->server);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pushed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) revs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) rows_a = NULL;
  g_autoptr(GPtrArray) rows_b = NULL;
  Pusher pushers[N_PUSHERS];
  GThread *push_threads[N_PUSHERS];
  gint pushers_done = 0;
  Puller puller = { { NULL, NULL }, world->bruno_token, world->club_a, &pushers_done, seen, 0 };
  GThread *pull;
  guint n_requests = 0;

  cercle_test_server_start (other, NULL);

  puller.clients[0] = cercle_test_server_new_client (world->server);
  puller.clients[1] = cercle_test_server_new_client (other);
  pull = g_thread_new ("puller", pull_thread, &puller);

  /* Alice and staff push through both processes at once, each from two
   * devices */
  for (guint i = 0; i < N_PUSHERS; i++)
    {
      pushers[i].client = cercle_test_server_new_client (i % 2 == 0 ? world->server : other);
      pushers[i].token = i < 2 ? world->alice_token : world->staff_token;
      pushers[i].member_id = i < 2 ? world->alice_member : world->staff_member;
      pushers[i].club_id = world->club_a;
      pushers[i].index = i;
      push_threads[i] = g_thread_new ("pusher", push_thread, &pushers[i]);
    }
  for (guint i = 0; i < N_PUSHERS; i++)
    {
      g_thread_join (push_threads[i]);
      g_atomic_int_inc (&pushers_done);
      cercle_test_server_free (pushers[i].client);
    }
  g_thread_join (pull);
  cercle_test_server_free (puller.clients[0]);
  cercle_test_server_free (puller.clients[1]);

  /* The puller saw every edit, once */
  for (guint i = 0; i < N_PUSHERS; i++)
    for (guint n = 0; n < N_BATCHES * BATCH_SIZE; n++)
      {
        char *id = request_id (i, n);

        g_assert_true (g_hash_table_contains (seen, id));
        g_hash_table_add (pushed, id);
      }

  /* Both processes tell the same club: every edit there, no seq twice */
  rows_a = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 1000);
  rows_b = cercle_test_pull_all (other, world->alice_token, world->club_a, 1000);
  g_assert_cmpuint (rows_a->len, ==, rows_b->len);
  for (guint i = 0; i < rows_a->len; i++)
    {
      JsonObject *a = g_ptr_array_index (rows_a, i);
      JsonObject *b = g_ptr_array_index (rows_b, i);
      gint64 *rev = g_new (gint64, 1);

      g_assert_cmpstr (json_object_get_string_member (a, "id"), ==, json_object_get_string_member (b, "id"));
      *rev = json_object_get_int_member (a, "rev");
      g_assert_true (g_hash_table_add (revs, rev));
      if (g_hash_table_contains (pushed, json_object_get_string_member (a, "id")))
        n_requests++;
    }
  g_assert_cmpuint (n_requests, ==, N_PUSHERS * N_BATCHES * BATCH_SIZE);

  g_assert_cmpint (cercle_test_server_stop (other), ==, 0);
}

static void
stream_across (gboolean cut_listeners)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("multi-stream");
  g_autoptr(CercleTestServer) other = cercle_test_server_new_on ("multi-stream-b", world->server);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonObject) notice = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *url = NULL;
  g_autofree char *header = g_strconcat ("Bearer ", world->alice_token, NULL);
  g_autofree char *member = g_strdup_printf ("\"%s\"", world->staff_member);
  CercleTestStream state = { NULL, NULL, g_ptr_array_new_with_free_func (g_free) };
  gint64 pushed_at;
  guint status;

  cercle_test_server_start (other, NULL);

  /* Alice listens to the second process… */
  url = g_strdup_printf ("ws%s/api/v1/clubs/%s/sync/stream", other->base_url + strlen ("http"),
                         world->club_a);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        cercle_test_stream_connected_cb, &state);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_done, &state, 10));
  g_assert_no_error (state.error);
  g_signal_connect (state.conn, "message", G_CALLBACK (cercle_test_stream_message_cb), &state);

  /* The database restarted, say: the connections the processes listen
   * on are cut. They hear again, by polling and listening anew. */
  if (cut_listeners)
    {
      /* Both processes listen, each on a connection of its own, once
       * their listening threads have started */
      const char *count = "SELECT count (*) FROM pg_stat_activity"
                          " WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid ()"
                          " AND datname = current_database ()";
      guint tries = 0;

      while (cercle_test_pg_query_int64 (world->server->database, count) < 2 && tries++ < 200)
        g_usleep (50 * 1000);
      g_assert_cmpint (cercle_test_pg_query_int64 (world->server->database, count), ==, 2);
      cercle_test_pg_exec (world->server->database,
                           "SELECT pg_terminate_backend (pid) FROM pg_stat_activity"
                           " WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid ()"
                           " AND datname = current_database ()");
    }

  /* … and staff writes through the first */
  pushed_at = g_get_monotonic_time ();
  {
    JsonArray *mutations = json_array_new ();

    json_array_add_object_element (mutations,
                                   cercle_test_mutation (1, "request", "91000000-0000-4000-8000-000000000001",
                                                         "insert", 0, "member_id", NULL, member,
                                                         "title", NULL, "\"Un expert-comptable\"", NULL));
    answer = cercle_test_push (world->server, world->staff_token, world->club_a, CERCLE_TEST_CLIENT_ID,
                               mutations, &status);
  }
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");

  /* Heard at once through LISTEN/NOTIFY: polling, while notifications
   * come, is every 30 seconds; without them, every 2 */
  g_assert_true (cercle_test_wait_for (cercle_test_stream_has_message, &state, cut_listeners ? 10 : 5));
  g_test_message ("heard across processes after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - pushed_at) / 1000);

  notice = cercle_json_parse_object (g_ptr_array_index (state.messages, 0), -1, 8, NULL);
  g_assert_nonnull (notice);
  {
    g_autoptr(GPtrArray) rows = cercle_test_pull_all (other, world->alice_token, world->club_a, 100);
    JsonObject *row = cercle_test_find_row (rows, "91000000-0000-4000-8000-000000000001");

    g_assert_nonnull (row);
    g_assert_cmpint (json_object_get_int_member (row, "rev"), ==, json_object_get_int_member (notice, "seq"));
  }

  soup_websocket_connection_close (state.conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&state.conn);
  g_ptr_array_unref (state.messages);
  g_assert_cmpint (cercle_test_server_stop (other), ==, 0);
}

static void
test_stream_across (void)
{
  stream_across (FALSE);
}

static void
test_stream_after_cut (void)
{
  stream_across (TRUE);
}

/* A session made on one process signs in on the other; signing out on
 * one signs out on both */
static void
test_sessions_shared (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("multi-session");
  g_autoptr(CercleTestServer) other = cercle_test_server_new_on ("multi-session-b", world->server);
  g_autoptr(CercleTestResponse) before = NULL;
  g_autoptr(CercleTestResponse) logout = NULL;
  g_autoptr(CercleTestResponse) after = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull", world->club_a);

  cercle_test_server_start (other, NULL);

  token = cercle_test_login (world->server, CERCLE_TEST_BRUNO_EMAIL, "Téléphone de Bruno");
  before = cercle_test_request (other, "GET", path, token, NULL);
  g_assert_cmpuint (before->status, ==, 200);

  logout = cercle_test_request (other, "DELETE", "/api/v1/session", token, NULL);
  g_assert_cmpuint (logout->status, <, 300);
  after = cercle_test_request (world->server, "GET", path, token, NULL);
  g_assert_cmpuint (after->status, ==, 401);

  g_assert_cmpint (cercle_test_server_stop (other), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* Two processes share a database only on PostgreSQL */
  g_assert_true (cercle_test_pg_wanted ());

  g_test_add_func ("/cercle/server/multi/interleaved-pushes", test_interleaved_pushes);
  g_test_add_func ("/cercle/server/multi/stream-across", test_stream_across);
  g_test_add_func ("/cercle/server/multi/stream-after-cut", test_stream_after_cut);
  g_test_add_func ("/cercle/server/multi/sessions-shared", test_sessions_shared);

  return g_test_run ();
}
