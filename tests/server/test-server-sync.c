/* test-server-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server-sync.h"

/* The sync protocol against a real cercle-server on 127.0.0.1: sign-in,
 * push, pull, retries, conflicts, tombstones, pages, epochs and clubs
 * kept apart. The stream is tested in test-server-sync-stream.c, the
 * calendar feed and the waitlist in test-server-sync-club.c, sessions,
 * the RGPD and the server's transport in test-server-sync-sessions.c:
 * one program, started once. */

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

  cercle_test_make_event (world, EVENT_ID, "Petit-déjeuner d’affaires", "scheduled", 0, 1);

  /* Alice sees the event and herself */
  rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 100);
  event_row = cercle_test_find_row (rows, EVENT_ID);
  g_assert_nonnull (event_row);
  g_assert_cmpstr (cercle_test_field_string (event_row, "title"), ==, "Petit-déjeuner d’affaires");
  alice_row = cercle_test_find_row (rows, world->alice_member);
  g_assert_nonnull (alice_row);
  alice_rev = json_object_get_int_member (alice_row, "rev");
  g_assert_cmpstr (cercle_test_field_string (alice_row, "first_name"), ==, "Alice");

  /* Rows come in seq order, each once */
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (rows, i - 1), "rev"), <,
                     json_object_get_int_member (g_ptr_array_index (rows, i), "rev"));

  page = cercle_test_pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_object_get_boolean_member (page, "has_more"));
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));

  /* Alice changes her city */
  answer = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                             cercle_test_mutations (cercle_test_mutation (1, "member", world->alice_member, "update", alice_rev,
                                                                          "city", "null", "\"Villeurbanne\"", NULL),
                                                    NULL),
                             &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
  applied_rev = json_object_get_int_member (cercle_test_result (answer, 0), "rev");
  g_assert_cmpint (applied_rev, >, alice_rev);

  /* From the cursor, only that change comes, with its seq as rev */
  page2 = cercle_test_pull_page (world->server, world->bruno_token, world->club_a, cursor, 1000, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page2, "rows")), ==, 1);
  alice_row = json_array_get_object_element (json_object_get_array_member (page2, "rows"), 0);
  g_assert_cmpstr (json_object_get_string_member (alice_row, "id"), ==, world->alice_member);
  g_assert_cmpint (json_object_get_int_member (alice_row, "rev"), ==, applied_rev);
  g_assert_cmpstr (cercle_test_field_string (alice_row, "city"), ==, "Villeurbanne");
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

  page = cercle_test_pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
  g_assert_cmpint (json_object_get_int_member (page, "last_mutation_no"), ==, 0);

  first = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                            cercle_test_mutations (cercle_test_mutation (7, "member", world->alice_member, "update", 0,
                                                                         "bio", "null", "\"Fleuriste\"", NULL),
                                                   NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (first, 0), ==, "applied");

  /* The answer was lost: the client sends the same push again */
  again = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                            cercle_test_mutations (cercle_test_mutation (7, "member", world->alice_member, "update", 0,
                                                                         "bio", "null", "\"Fleuriste\"", NULL),
                                                   NULL),
                            NULL);
  g_assert_cmpstr (cercle_test_result_status (again, 0), ==, "duplicate");
  g_assert_cmpstr (json_object_get_string_member (cercle_test_result (again, 0), "first_status"), ==, "applied");
  g_assert_cmpint (json_object_get_int_member (cercle_test_result (again, 0), "rev"), ==,
                   json_object_get_int_member (cercle_test_result (first, 0), "rev"));

  /* The row changed once, and the pull tells the client where it is */
  later = cercle_test_pull_page (world->server, world->alice_token, world->club_a, cursor, 1000, &status);
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
                                   cercle_test_mutations (cercle_test_mutation (1, "member", world->alice_member, "update", 0,
                                                                                "city", "null", "\"Lyon\"", NULL),
                                                          NULL),
                                   NULL);
  g_assert_cmpstr (cercle_test_result_status (staff_answer, 0), ==, "applied");

  /* Alice's edit of the same field conflicts; her other field merges */
  alice_answer = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                                   cercle_test_mutations (cercle_test_mutation (1, "member", world->alice_member, "update", 0,
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
  g_assert_cmpstr (cercle_test_field_string (row, "city"), ==, "Lyon");
  g_assert_cmpstr (cercle_test_field_string (row, "company"), ==, "Fleurs SARL");

  /* Edits of different fields merge without a word */
  merged = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                             cercle_test_mutations (cercle_test_mutation (2, "member", world->alice_member, "update", 0,
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

  cercle_test_make_event (world, EVENT_ID, "Dîner de gala", "scheduled", 0, 1);

  answer = cercle_test_push (world->server, world->staff_token, world->club_a, CLIENT_B,
                             cercle_test_mutations (cercle_test_mutation (2, "event", EVENT_ID, "delete", 0, NULL), NULL),
                             NULL);
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");

  rows = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 100);
  row = cercle_test_find_row (rows, EVENT_ID);
  g_assert_nonnull (row);
  g_assert_true (json_object_get_boolean_member (row, "deleted"));
  g_assert_cmpuint (json_object_get_size (cercle_test_fields_of (row)), ==, 0);
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
      g_autofree char *member = cercle_test_quoted (world->alice_member);

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

      page = cercle_test_pull_page (world->server, world->bruno_token, world->club_a, cursor, 7, &status);
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
  cercle_test_make_event (world, EVENT_ID, "Visite d’entreprise", "scheduled", 0, 1);
  page = cercle_test_pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));

  /* The backup is restored: the client's cursor is ahead of the club */
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  cercle_test_server_restore (world->server, backup);
  cercle_test_server_start (world->server, NULL);

  gone = cercle_test_pull_page (world->server, world->alice_token, world->club_a, cursor, 1000, &status);
  g_assert_cmpuint (status, ==, 410);

  /* The admin marks the restore: every cursor of before is stale, even
   * one the restored club has caught up with */
  cercle_test_make_event (world, EVENT2_ID, "Déjeuner", "scheduled", 0, 2);
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  g_free (cercle_test_server_command_ok (world->server, "reset-epoch", NULL));
  cercle_test_server_start (world->server, NULL);

  fresh = cercle_test_pull_page (world->server, world->alice_token, world->club_a, cursor, 1000, &status);
  g_assert_cmpuint (status, ==, 410);
  g_clear_pointer (&fresh, json_object_unref);

  /* From scratch, it syncs */
  fresh = cercle_test_pull_page (world->server, world->alice_token, world->club_a, NULL, 1000, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (fresh);
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
  g_autofree char *carol = cercle_test_quoted (world->carol_member);
  g_autofree char *event = cercle_test_quoted (EVENT_ID);
  guint status;

  cercle_test_make_event (world, EVENT_ID, "Assemblée générale", "scheduled", 0, 1);

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
                             cercle_test_mutations (cercle_test_mutation (1, "member", world->carol_member, "update", 0,
                                                                          "city", "null", "\"Paris\"", NULL),
                                                    NULL),
                             &status);
  g_assert_cmpuint (status, ==, 404);

  /* Nor through Alpha: Beta's rows are no rows of Alpha */
  cross = cercle_test_push (world->server, world->staff_token, world->club_a, CLIENT_B,
                            cercle_test_mutations (cercle_test_mutation (2, "member", world->carol_member, "update", 0,
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
    g_autofree char *member = cercle_test_quoted (world->alice_member);

    same_id = cercle_test_push (world->server, world->alice_token, world->club_a, CLIENT_A,
                                cercle_test_mutations (cercle_test_mutation (1, "request", world->club_b, "insert", 0,
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
  g_test_add_func ("/cercle/server/sync/rgpd-messages", test_rgpd_messages);
  g_test_add_func ("/cercle/server/sync/sigterm-keeps-writes", test_sigterm_keeps_writes);
  g_test_add_func ("/cercle/server/sync/tls", test_tls);
  g_test_add_func ("/cercle/server/sync/plain-http-only-on-loopback", test_plain_http_only_on_loopback);

  return g_test_run ();
}

