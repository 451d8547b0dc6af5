/* test-server-sync-stream.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server-sync.h"

/* The stream: a WebSocket that tells a club's devices of its new rows,
 * and closes with the session it was opened in. */

void
test_stream (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-stream");
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) anonymous = NULL;
  g_autoptr(JsonObject) notice = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *url = NULL;
  g_autofree char *header = g_strconcat ("Bearer ", world->alice_token, NULL);
  CercleTestStream state = { NULL, NULL, g_ptr_array_new_with_free_func (g_free) };
  CercleTestStream refused = { NULL, NULL, g_ptr_array_new_with_free_func (g_free) };

  url = g_strdup_printf ("%s/api/v1/clubs/%s/sync/stream", world->server->base_url, world->club_a);
  g_strlcpy (url, "ws", 3);
  memmove (url + 2, url + 4, strlen (url + 4) + 1);

  /* Without a token, no stream */
  anonymous = soup_message_new ("GET", url);
  soup_session_websocket_connect_async (session, anonymous, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        cercle_test_stream_connected_cb, &refused);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_done, &refused, 10));
  g_assert_null (refused.conn);
  g_assert_cmpuint (soup_message_get_status (anonymous), ==, 401);
  g_clear_error (&refused.error);

  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        cercle_test_stream_connected_cb, &state);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_done, &state, 10));
  g_assert_no_error (state.error);
  g_signal_connect (state.conn, "message", G_CALLBACK (cercle_test_stream_message_cb), &state);

  /* A change, by someone else: the stream says the club's newest seq */
  cercle_test_make_event (world, EVENT_ID, "Afterwork", "scheduled", 0, 1);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_has_message, &state, 10));

  notice = cercle_json_parse_object (g_ptr_array_index (state.messages, 0), -1, 8, NULL);
  g_assert_nonnull (notice);
  g_assert_cmpint (json_object_get_int_member (notice, "seq"), >, 0);

  {
    g_autoptr(GPtrArray) rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 100);
    JsonObject *row = cercle_test_find_row (rows, EVENT_ID);

    g_assert_cmpint (json_object_get_int_member (row, "rev"), ==, json_object_get_int_member (notice, "seq"));
  }

  soup_websocket_connection_close (state.conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&state.conn);
  g_ptr_array_unref (state.messages);
  g_ptr_array_unref (refused.messages);
}

/* A stream lives as long as its session: closed at once by a sign-out
 * through the same server, within the recheck period when the session is
 * revoked by the admin's command or its account disabled (another
 * process); the streams of other sessions stay open and keep hearing */
void
test_stream_session_ended (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-stream-ended");
  g_autoptr(CercleTestResponse) logout = NULL;
  g_autoptr(CercleTestResponse) login = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *laptop = NULL;
  g_autofree char *tablet = NULL;
  g_autofree char *tablet_session = NULL;
  g_autofree char *body = NULL;
  const char *slow_recheck[] = { "--stream-recheck", "3600", NULL };
  const char *quick_recheck[] = { "--stream-recheck", "1", NULL };
  CercleTestStream signed_out, revoked, disabled, bruno;

  /* A sign-out, with no periodic check to count on */
  cercle_test_server_stop (world->server);
  cercle_test_server_start (world->server, slow_recheck);
  laptop = cercle_test_login (world->server, CERCLE_TEST_ALICE_EMAIL, "Ordinateur portable");
  cercle_test_stream_open (world->server, laptop, world->club_a, &signed_out);
  cercle_test_stream_open (world->server, world->bruno_token, world->club_a, &bruno);

  logout = cercle_test_request (world->server, "DELETE", "/api/v1/session", laptop, NULL);
  g_assert_cmpuint (logout->status, ==, 204);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_closed, &signed_out, 5));
  g_assert_cmpint (soup_websocket_connection_get_close_code (signed_out.conn), ==, 4401);
  g_assert_cmpstr (soup_websocket_connection_get_close_data (signed_out.conn), ==, "session_ended");

  cercle_test_make_event (world, EVENT_ID, "Afterwork", "scheduled", 0, 1);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_has_message, &bruno, 10));
  g_assert_cmpint (soup_websocket_connection_get_state (bruno.conn), ==, SOUP_WEBSOCKET_STATE_OPEN);
  g_assert_cmpuint (signed_out.messages->len, ==, 0);
  cercle_test_stream_clear (&signed_out);
  cercle_test_stream_clear (&bruno);

  /* The admin's commands run in processes of their own */
  cercle_test_server_stop (world->server);
  cercle_test_server_start (world->server, quick_recheck);
  body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\",\"device_name\":\"Tablette\"}",
                          CERCLE_TEST_ALICE_EMAIL, cercle_test_password ());
  login = cercle_test_request (world->server, "POST", "/api/v1/session", NULL, body);
  g_assert_cmpuint (login->status, ==, 201);
  answer = cercle_test_response_json (login);
  tablet = g_strdup (json_object_get_string_member (answer, "token"));
  tablet_session = g_strdup (json_object_get_string_member (answer, "session_id"));

  cercle_test_stream_open (world->server, tablet, world->club_a, &revoked);
  cercle_test_stream_open (world->server, world->carol_token, world->club_b, &disabled);
  cercle_test_stream_open (world->server, world->bruno_token, world->club_a, &bruno);

  g_free (cercle_test_server_command_ok (world->server, "session", "revoke", "--session", tablet_session, NULL));
  g_free (cercle_test_server_command_ok (world->server, "account", "disable", "--email", CERCLE_TEST_CAROL_EMAIL,
                                         NULL));
  g_assert_true (cercle_test_wait_for (cercle_test_stream_closed, &revoked, 10));
  g_assert_true (cercle_test_wait_for (cercle_test_stream_closed, &disabled, 10));
  g_assert_cmpint (soup_websocket_connection_get_close_code (revoked.conn), ==, 4401);
  g_assert_cmpint (soup_websocket_connection_get_close_code (disabled.conn), ==, 4401);

  /* Periods later, the valid session's stream is still open, and hears */
  g_assert_false (cercle_test_wait_for (cercle_test_stream_closed, &bruno, 3));
  g_assert_cmpint (soup_websocket_connection_get_state (bruno.conn), ==, SOUP_WEBSOCKET_STATE_OPEN);
  cercle_test_make_event (world, EVENT2_ID, "Visite d’entreprise", "scheduled", 0, 2);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_has_message, &bruno, 10));
  g_assert_cmpuint (revoked.messages->len, ==, 0);
  g_assert_cmpuint (disabled.messages->len, ==, 0);

  cercle_test_stream_clear (&revoked);
  cercle_test_stream_clear (&disabled);
  cercle_test_stream_clear (&bruno);
}

