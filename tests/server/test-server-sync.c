/* test-server-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <signal.h>
#include <string.h>

#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* The sync protocol against a real cercle-server on 127.0.0.1: sign-in,
 * push, pull, retries, conflicts, tombstones, pages, epochs, the stream,
 * clubs kept apart, the calendar feed, the waitlist, the RGPD. */

#define EVENT_ID    "e0000000-0000-4000-8000-000000000001"
#define EVENT2_ID   "e0000000-0000-4000-8000-000000000002"
#define DRAFT_ID    "e0000000-0000-4000-8000-000000000003"
#define REG_ALICE   "a1000000-0000-4000-8000-000000000001"
#define REG_BRUNO   "b1000000-0000-4000-8000-000000000002"
#define REFERRAL_ID "f0000000-0000-4000-8000-000000000001"
#define CLIENT_A    "c0000000-0000-4000-8000-00000000000a"
#define CLIENT_B    "c0000000-0000-4000-8000-00000000000b"

static JsonArray *
mutations (JsonObject *first,
           ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (JsonObject *m = first; m != NULL; m = va_arg (args, JsonObject *))
    json_array_add_object_element (array, m);
  va_end (args);

  return array;
}

static char *
quoted (const char *text)
{
  return g_strdup_printf ("\"%s\"", text);
}

static JsonObject *
fields_of (JsonObject *row)
{
  return json_object_get_object_member (row, "fields");
}

static const char *
field_string (JsonObject *row,
              const char *column)
{
  JsonNode *node = json_object_get_member (fields_of (row), column);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

static JsonObject *
pull_page (CercleTestServer *server,
           const char       *token,
           const char       *club_id,
           const char       *cursor,
           guint             limit,
           guint            *status)
{
  g_autofree char *path = NULL;
  g_autoptr(CercleTestResponse) response = NULL;

  path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=%u&client_id=%s%s%s", club_id, limit, CLIENT_A,
                          cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
  response = cercle_test_request (server, "GET", path, token, NULL);
  *status = response->status;

  return response->status == 200 ? cercle_test_response_json (response) : NULL;
}

/* Staff makes an event of @capacity seats */
static void
make_event (CercleTestWorld *world,
            const char      *event_id,
            const char      *title,
            const char      *status,
            int              capacity,
            gint64           mutation_no)
{
  g_autofree char *title_json = quoted (title);
  g_autofree char *status_json = quoted (status);
  g_autofree char *capacity_json = g_strdup_printf ("%d", capacity);
  g_autoptr(JsonObject) answer = NULL;

  answer = cercle_test_push (world->server, world->staff_token, world->club_a, CLIENT_B,
                             mutations (cercle_test_mutation (mutation_no, "event", event_id, "insert", 0,
                                                              "title", NULL, title_json,
                                                              "starts_at", NULL, "\"2026-12-08T07:30:00Z\"",
                                                              "ends_at", NULL, "\"2026-12-08T09:00:00Z\"",
                                                              "place", NULL, "\"Brasserie Georges, Lyon\"",
                                                              "status", NULL, status_json,
                                                              "capacity", NULL, capacity_json,
                                                              NULL),
                                        NULL),
                             NULL);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
}

static void
test_login_push_pull (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-basic");
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) page2 = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *cursor = NULL;
  JsonObject *event_row;
  JsonObject *alice_row;
  gint64 alice_rev;
  gint64 applied_rev;
  guint status;

  make_event (world, EVENT_ID, "Petit-déjeuner d’affaires", "scheduled", 0, 1);

  /* Alice sees the event and herself */
  rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 100);
  event_row = cercle_test_find_row (rows, EVENT_ID);
  g_assert_nonnull (event_row);
  g_assert_cmpstr (field_string (event_row, "title"), ==, "Petit-déjeuner d’affaires");
  alice_row = cercle_test_find_row (rows, world->alice_member);
  g_assert_nonnull (alice_row);
  alice_rev = json_object_get_int_member (alice_row, "rev");
  g_assert_cmpstr (field_string (alice_row, "first_name"), ==, "Alice");

  /* Rows come in seq order, each once */
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (rows, i - 1), "rev"), <,
                     json_object_get_int_member (g_ptr_array_index (rows, i), "rev"));

  page = pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_object_get_boolean_member (page, "has_more"));
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));

  /* Alice changes her city */
  answer = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                             mutations (cercle_test_mutation (1, "member", world->alice_member, "update", alice_rev,
                                                              "city", "null", "\"Villeurbanne\"", NULL),
                                        NULL),
                             &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
  applied_rev = json_object_get_int_member (cercle_test_result (answer, 0), "rev");
  g_assert_cmpint (applied_rev, >, alice_rev);

  /* From the cursor, only that change comes, with its seq as rev */
  page2 = pull_page (world->server, world->bruno_token, world->club_a, cursor, 1000, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page2, "rows")), ==, 1);
  alice_row = json_array_get_object_element (json_object_get_array_member (page2, "rows"), 0);
  g_assert_cmpstr (json_object_get_string_member (alice_row, "id"), ==, world->alice_member);
  g_assert_cmpint (json_object_get_int_member (alice_row, "rev"), ==, applied_rev);
  g_assert_cmpstr (field_string (alice_row, "city"), ==, "Villeurbanne");
}

static void
test_idempotent_retry (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-retry");
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) later = NULL;
  g_autofree char *cursor = NULL;
  guint status;

  page = pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
  g_assert_cmpint (json_object_get_int_member (page, "last_mutation_no"), ==, 0);

  first = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                            mutations (cercle_test_mutation (7, "member", world->alice_member, "update", 0,
                                                             "bio", "null", "\"Fleuriste\"", NULL),
                                       NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (first, 0), ==, "applied");

  /* The answer was lost: the client sends the same push again */
  again = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                            mutations (cercle_test_mutation (7, "member", world->alice_member, "update", 0,
                                                             "bio", "null", "\"Fleuriste\"", NULL),
                                       NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (again, 0), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (cercle_test_result (again, 0), "first_status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (cercle_test_result (again, 0), "rev"), ==,
                   json_object_get_int_member (cercle_test_result (first, 0), "rev"));

  /* The row changed once, and the pull tells the client where it is */
  later = pull_page (world->server, world->alice_token, world->club_a, cursor, 1000, &status);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (later, "rows")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (later, "last_mutation_no"), ==, 7);
}

static void
test_conflict_and_merge (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-conflict");
  g_autoptr(JsonObject) staff_answer = NULL;
  g_autoptr(JsonObject) alice_answer = NULL;
  g_autoptr(JsonObject) merged = NULL;
  JsonObject *result;
  JsonObject *row;
  JsonArray *fields;

  /* Both start from a city of null; staff writes first */
  staff_answer = cercle_test_push (world->server, world->staff_token, world->club_a, CLIENT_B,
                                   mutations (cercle_test_mutation (1, "member", world->alice_member, "update", 0,
                                                                    "city", "null", "\"Lyon\"", NULL),
                                              NULL),
                                   NULL);
  g_assert_cmpstr (cercle_test_result_status (staff_answer, 0), ==, "applied");

  /* Alice's edit of the same field conflicts; her other field merges */
  alice_answer = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                                   mutations (cercle_test_mutation (1, "member", world->alice_member, "update", 0,
                                                                    "city", "null", "\"Grenoble\"",
                                                                    "company", "null", "\"Fleurs SARL\"", NULL),
                                              NULL),
                                   NULL);
  result = cercle_test_result (alice_answer, 0);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "conflict");
  fields = json_object_get_array_member (result, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "city");
  row = json_object_get_object_member (result, "row");
  g_assert_cmpstr (field_string (row, "city"), ==, "Lyon");
  g_assert_cmpstr (field_string (row, "company"), ==, "Fleurs SARL");

  /* Edits of different fields merge without a word */
  merged = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                             mutations (cercle_test_mutation (2, "member", world->alice_member, "update", 0,
                                                              "phone", "null", "\"+33 6 11 22 33 44\"", NULL),
                                        NULL),
                             NULL);
  g_assert_cmpstr (cercle_test_result_status (merged, 0), ==, "applied");
}

static void
test_tombstone (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-tombstone");
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *row;

  make_event (world, EVENT_ID, "Dîner de gala", "scheduled", 0, 1);

  answer = cercle_test_push (world->server, world->staff_token, world->club_a, CLIENT_B,
                             mutations (cercle_test_mutation (2, "event", EVENT_ID, "delete", 0, NULL), NULL),
                             NULL);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");

  rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 100);
  row = cercle_test_find_row (rows, EVENT_ID);
  g_assert_nonnull (row);
  g_assert_true (json_object_get_boolean_member (row, "deleted"));
  g_assert_cmpuint (json_object_get_size (fields_of (row)), ==, 0);
}

static void
test_pagination (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-pages");
  g_autoptr(JsonArray) batch = json_array_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  gint64 last_rev = 0;
  gboolean has_more = TRUE;
  guint n_rows = 0;
  guint n_pages = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *id = g_strdup_printf ("90000000-0000-4000-8000-%012u", i);
      g_autofree char *title = g_strdup_printf ("\"Besoin %u\"", i);
      g_autofree char *member = quoted (world->alice_member);

      json_array_add_object_element (batch, cercle_test_mutation (i + 1, "request", id, "insert", 0,
                                                                  "member_id", NULL, member,
                                                                  "title", NULL, title, NULL));
    }
  answer = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                             json_array_ref (batch), NULL);
  for (guint i = 0; i < 25; i++)
    g_assert_cmpstr (cercle_test_result_status (answer, i), ==, "applied");

  while (has_more)
    {
      g_autoptr(JsonObject) page = NULL;
      JsonArray *rows;
      guint status;

      page = pull_page (world->server, world->bruno_token, world->club_a, cursor, 7, &status);
      g_assert_cmpuint (status, ==, 200);
      rows = json_object_get_array_member (page, "rows");
      g_assert_cmpuint (json_array_get_length (rows), <=, 7);
      n_pages++;

      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);

          g_assert_cmpint (json_object_get_int_member (row, "rev"), >, last_rev);
          last_rev = json_object_get_int_member (row, "rev");
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (row, "id"))));
          n_rows++;
        }

      has_more = json_object_get_boolean_member (page, "has_more");
      g_assert_true (!has_more || json_array_get_length (rows) == 7);
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
    }

  /* 2 clubs' worth of rows is not shown: Alpha has its club, 4 members
   * and 25 needs */
  g_assert_cmpuint (n_rows, ==, 1 + 4 + 25);
  g_assert_cmpuint (n_pages, ==, (n_rows + 6) / 7);
}

static void
test_epoch_gone (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-epoch");
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) gone = NULL;
  g_autoptr(JsonObject) fresh = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *cursor = NULL;
  guint status;

  /* A backup, taken with the server stopped */
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  backup = cercle_test_server_backup (world->server);
  cercle_test_server_start (world->server, NULL);

  /* The club moves on, and a client with it */
  make_event (world, EVENT_ID, "Visite d’entreprise", "scheduled", 0, 1);
  page = pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));

  /* The backup is restored: the client's cursor is ahead of the club */
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  cercle_test_server_restore (world->server, backup);
  cercle_test_server_start (world->server, NULL);

  gone = pull_page (world->server, world->alice_token, world->club_a, cursor, 1000, &status);
  g_assert_cmpuint (status, ==, 410);

  /* The admin marks the restore: every cursor of before is stale, even
   * one the restored club has caught up with */
  make_event (world, EVENT2_ID, "Déjeuner", "scheduled", 0, 2);
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  g_free (cercle_test_server_command_ok (world->server, "reset-epoch", NULL));
  cercle_test_server_start (world->server, NULL);

  fresh = pull_page (world->server, world->alice_token, world->club_a, cursor, 1000, &status);
  g_assert_cmpuint (status, ==, 410);
  g_clear_pointer (&fresh, json_object_unref);

  /* From scratch, it syncs */
  fresh = pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (fresh);
}

static void
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
  make_event (world, EVENT_ID, "Afterwork", "scheduled", 0, 1);
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

static void
test_two_clubs (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-clubs");
  g_autoptr(GPtrArray) rows_b = NULL;
  g_autoptr(GPtrArray) rows_a = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) cross = NULL;
  g_autoptr(CercleTestResponse) response = NULL;
  g_autofree char *path = NULL;
  g_autofree char *carol = quoted (world->carol_member);
  g_autofree char *event = quoted (EVENT_ID);
  guint status;

  make_event (world, EVENT_ID, "Assemblée générale", "scheduled", 0, 1);

  /* Beta's staff pulls Beta: its own rows only, numbered from 1 */
  rows_b = cercle_test_pull_all (world->server, world->staffb_token, world->club_b, 100);
  g_assert_cmpuint (rows_b->len, ==, 3);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (rows_b, 0), "rev"), ==, 1);
  g_assert_null (cercle_test_find_row (rows_b, EVENT_ID));
  g_assert_null (cercle_test_find_row (rows_b, world->alice_member));

  rows_a = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 100);
  g_assert_null (cercle_test_find_row (rows_a, world->carol_member));

  /* Alpha's staff cannot reach Beta: it is as if it did not exist */
  path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull", world->club_b);
  response = cercle_test_request (world->server, "GET", path, world->staff_token, NULL);
  g_assert_cmpuint (response->status, ==, 404);

  answer = cercle_test_push (world->server, world->staff_token, world->club_b, CLIENT_B,
                             mutations (cercle_test_mutation (1, "member", world->carol_member, "update", 0,
                                                              "city", "null", "\"Paris\"", NULL),
                                        NULL),
                             &status);
  g_assert_cmpuint (status, ==, 404);

  /* Nor through Alpha: Beta's rows are no rows of Alpha */
  cross = cercle_test_push (world->server, world->staff_token, world->club_a, CLIENT_B,
                            mutations (cercle_test_mutation (2, "member", world->carol_member, "update", 0,
                                                             "city", "null", "\"Paris\"", NULL),
                                       cercle_test_mutation (3, "registration", REG_ALICE, "insert", 0,
                                                             "event_id", NULL, event,
                                                             "member_id", NULL, carol, NULL),
                                       NULL),
                            &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (cercle_test_result_status (cross, 0), ==, "rejected");
  g_assert_cmpstr (cercle_test_result_status (cross, 1), ==, "rejected");

  /* An id made up to match a row of Beta makes a new row in Alpha */
  {
    g_autoptr(JsonObject) same_id = NULL;
    g_autoptr(GPtrArray) after_b = NULL;
    g_autofree char *member = quoted (world->alice_member);

    same_id = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                                mutations (cercle_test_mutation (1, "request", world->club_b, "insert", 0,
                                                                 "member_id", NULL, member,
                                                                 "title", NULL, "\"Cherche expert-comptable\"",
                                                                 NULL),
                                           NULL),
                                NULL);
    g_assert_cmpstr (cercle_test_result_status (same_id, 0), ==, "applied");
    after_b = cercle_test_pull_all (world->server, world->staffb_token, world->club_b, 100);
    g_assert_cmpuint (after_b->len, ==, 3);
  }
}

static void
test_calendar_feed (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-ics");
  g_autoptr(CercleTestResponse) created = NULL;
  g_autoptr(CercleTestResponse) feed = NULL;
  g_autoptr(CercleTestResponse) wrong = NULL;
  g_autoptr(CercleTestResponse) gone = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *feed_path = NULL;
  g_autofree char *wrong_path = NULL;
  icalcomponent *calendar;
  icalcomponent *event;
  guint n_events = 0;
  gsize length;
  const char *url;
  const char *content_type;

  make_event (world, EVENT_ID, "Petit-déjeuner « Export »", "scheduled", 0, 1);
  make_event (world, EVENT2_ID, "Dîner annulé", "cancelled", 0, 2);
  make_event (world, DRAFT_ID, "Projet de séminaire", "draft", 0, 3);

  path = g_strdup_printf ("/api/v1/clubs/%s/calendar", world->club_a);
  created = cercle_test_request (world->server, "POST", path, world->alice_token, NULL);
  g_assert_cmpuint (created->status, ==, 201);
  answer = cercle_test_response_json (created);
  url = json_object_get_string_member (answer, "url");
  g_assert_true (g_str_has_prefix (url, world->server->base_url));
  feed_path = g_strdup (url + strlen (world->server->base_url));

  /* Any calendar app fetches it, with no token */
  feed = cercle_test_request (world->server, "GET", feed_path, NULL, NULL);
  g_assert_cmpuint (feed->status, ==, 200);
  content_type = soup_message_headers_get_content_type (feed->headers, NULL);
  g_assert_cmpstr (content_type, ==, "text/calendar");

  text = g_strndup (g_bytes_get_data (feed->body, &length), g_bytes_get_size (feed->body));
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *summary = icalcomponent_get_summary (event);
      struct icaltimetype start = icalcomponent_get_dtstart (event);

      n_events++;
      g_assert_cmpstr (summary, !=, "Projet de séminaire");
      if (g_str_equal (summary, "Petit-déjeuner « Export »"))
        {
          g_assert_cmpint (start.year, ==, 2026);
          g_assert_cmpint (start.month, ==, 12);
          g_assert_cmpint (start.hour, ==, 7);
          g_assert_true (icaltime_is_utc (start));
          g_assert_cmpstr (icalcomponent_get_location (event), ==, "Brasserie Georges, Lyon");
          g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CONFIRMED);
        }
      else
        {
          g_assert_cmpstr (summary, ==, "Dîner annulé");
          g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_CANCELLED);
        }
    }
  g_assert_cmpuint (n_events, ==, 2);
  icalcomponent_free (calendar);

  /* A wrong secret, or another club's, finds nothing */
  wrong_path = g_strdup_printf ("/api/v1/clubs/%s/calendar/%s.ics", world->club_a,
                                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  wrong = cercle_test_request (world->server, "GET", wrong_path, NULL, NULL);
  g_assert_cmpuint (wrong->status, ==, 404);

  /* Once the member leaves the club, the feed goes with them */
  g_free (cercle_test_server_command_ok (world->server, "account", "disable",
                                         "--email", CERCLE_TEST_ALICE_EMAIL, NULL));
  gone = cercle_test_request (world->server, "GET", feed_path, NULL, NULL);
  g_assert_cmpuint (gone->status, ==, 404);
}

static const char *
response_of (GPtrArray  *rows,
             const char *id)
{
  JsonObject *row = cercle_test_find_row (rows, id);

  g_assert_nonnull (row);
  return field_string (row, "response");
}

static void
test_waitlist (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-waitlist");
  g_autoptr(JsonObject) alice = NULL;
  g_autoptr(JsonObject) bruno = NULL;
  g_autoptr(JsonObject) cancel = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *alice_id = NULL;
  g_autofree char *bruno_id = NULL;
  JsonObject *row;

  alice_id = quoted (world->alice_member);
  bruno_id = quoted (world->bruno_member);
  make_event (world, EVENT_ID, "Visite de l’usine", "scheduled", 1, 1);

  alice = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                            mutations (cercle_test_mutation (1, "registration", REG_ALICE, "insert", 0,
                                                             "event_id", NULL, "\"" EVENT_ID "\"",
                                                             "member_id", NULL, alice_id,
                                                             "registered_at", NULL, "\"2001-01-01T00:00:00Z\"",
                                                             NULL),
                                       NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (alice, 0), ==, "applied");

  /* The server's clock orders the queue, not the client's */
  row = json_object_get_object_member (cercle_test_result (alice, 0), "row");
  g_assert_nonnull (row);
  g_assert_cmpstr (field_string (row, "registered_at"), !=, "2001-01-01T00:00:00Z");

  /* The one seat is taken: Bruno's "yes" becomes a place on the waitlist */
  bruno = cercle_test_push (world->server, world->bruno_token, world->club_a, CLIENT_B,
                            mutations (cercle_test_mutation (1, "registration", REG_BRUNO, "insert", 0,
                                                             "event_id", NULL, "\"" EVENT_ID "\"",
                                                             "member_id", NULL, bruno_id,
                                                             "response", NULL, "\"yes\"", NULL),
                                       NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (bruno, 0), ==, "applied");
  row = json_object_get_object_member (cercle_test_result (bruno, 0), "row");
  g_assert_cmpstr (field_string (row, "response"), ==, "waitlist");

  before = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 100);
  g_assert_cmpstr (response_of (before, REG_ALICE), ==, "yes");
  g_assert_cmpstr (response_of (before, REG_BRUNO), ==, "waitlist");

  /* A member registers once per event */
  again = cercle_test_push (world->server, world->bruno_token, world->club_a, CLIENT_B,
                            mutations (cercle_test_mutation (2, "registration", "a1000000-0000-4000-8000-0000000000ff",
                                                             "insert", 0,
                                                             "event_id", NULL, "\"" EVENT_ID "\"",
                                                             "member_id", NULL, bruno_id, NULL),
                                       NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (again, 0), ==, "rejected");

  /* Alice cancels: Bruno moves up */
  cancel = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                             mutations (cercle_test_mutation (2, "registration", REG_ALICE, "update", 0,
                                                              "response", "\"yes\"", "\"no\"", NULL),
                                        NULL),
                             NULL);
  g_assert_cmpstr (cercle_test_result_status (cancel, 0), ==, "applied");

  after = cercle_test_pull_all (world->server, world->staff_token, world->club_a, 100);
  g_assert_cmpstr (response_of (after, REG_ALICE), ==, "no");
  g_assert_cmpstr (response_of (after, REG_BRUNO), ==, "yes");
}

/* A stream lives as long as its session: closed at once by a sign-out
 * through the same server, within the recheck period when the session is
 * revoked by the admin's command or its account disabled (another
 * process); the streams of other sessions stay open and keep hearing */
static void
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

  make_event (world, EVENT_ID, "Afterwork", "scheduled", 0, 1);
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
  make_event (world, EVENT2_ID, "Visite d’entreprise", "scheduled", 0, 2);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_has_message, &bruno, 10));
  g_assert_cmpuint (revoked.messages->len, ==, 0);
  g_assert_cmpuint (disabled.messages->len, ==, 0);

  cercle_test_stream_clear (&revoked);
  cercle_test_stream_clear (&disabled);
  cercle_test_stream_clear (&bruno);
}

static CercleTestResponse *
login_with (CercleTestServer *server,
            const char       *email,
            const char       *password)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\",\"device_name\":\"x\"}",
                                           email, password);

  return cercle_test_request (server, "POST", "/api/v1/session", NULL, body);
}

static void
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

static void
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
  g_autofree char *giver = quoted (world->alice_member);
  g_autofree char *receiver = quoted (world->bruno_member);
  JsonObject *club;
  JsonArray *consents;
  JsonObject *row;

  consent = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                              mutations (cercle_test_mutation (1, "member", world->alice_member, "update", 0,
                                                               "qr_consent", "false", "true", NULL),
                                         NULL),
                              NULL);
  g_assert_cmpstr (cercle_test_result_status (consent, 0), ==, "applied");
  referral = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                               mutations (cercle_test_mutation (2, "referral", REFERRAL_ID, "insert", 0,
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
  g_assert_cmpuint (json_object_get_size (fields_of (row)), ==, 0);

  /* The referral stays, for the club's figures, without Alice's notes */
  row = cercle_test_find_row (rows, REFERRAL_ID);
  g_assert_false (json_object_get_boolean_member (row, "deleted"));
  g_assert_cmpstr (field_string (row, "giver_id"), ==, world->alice_member);
  g_assert_null (field_string (row, "notes"));

  /* Her account had no other club: it is gone */
  relogin = login_with (world->server, CERCLE_TEST_ALICE_EMAIL, cercle_test_password ());
  g_assert_cmpuint (relogin->status, ==, 401);
}

static void
test_sigterm_keeps_writes (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("sync-sigterm");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_requests = 0;

  make_event (world, EVENT_ID, "Conférence", "scheduled", 0, 1);

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

static void
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

static void
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/server/sync/login-push-pull", test_login_push_pull);
  g_test_add_func ("/cercle/server/sync/idempotent-retry", test_idempotent_retry);
  g_test_add_func ("/cercle/server/sync/conflict-and-merge", test_conflict_and_merge);
  g_test_add_func ("/cercle/server/sync/tombstone", test_tombstone);
  g_test_add_func ("/cercle/server/sync/pagination", test_pagination);
  g_test_add_func ("/cercle/server/sync/epoch-gone", test_epoch_gone);
  g_test_add_func ("/cercle/server/sync/stream", test_stream);
  g_test_add_func ("/cercle/server/sync/stream-session-ended", test_stream_session_ended);
  g_test_add_func ("/cercle/server/sync/two-clubs", test_two_clubs);
  g_test_add_func ("/cercle/server/sync/calendar-feed", test_calendar_feed);
  g_test_add_func ("/cercle/server/sync/waitlist", test_waitlist);
  g_test_add_func ("/cercle/server/sync/logout-and-throttle", test_logout_and_throttle);
  g_test_add_func ("/cercle/server/sync/rgpd", test_rgpd);
  g_test_add_func ("/cercle/server/sync/sigterm-keeps-writes", test_sigterm_keeps_writes);
  g_test_add_func ("/cercle/server/sync/tls", test_tls);
  g_test_add_func ("/cercle/server/sync/plain-http-only-on-loopback", test_plain_http_only_on_loopback);

  return g_test_run ();
}
