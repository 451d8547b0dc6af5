/* test-server-move.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cercle-test-pg.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* "cercle-server export" and "import": a club moves from SQLite to
 * PostgreSQL and back with every row, seq, answer and session, so that
 * its members stay signed in and their devices' cursors stay good. */

#define CLIENT_A "c11e0000-0000-4000-8000-00000000000a"

static JsonObject *
need (CercleTestWorld *world,
      gint64           mutation_no,
      const char      *id,
      const char      *title)
{
  g_autofree char *member = g_strdup_printf ("\"%s\"", world->alice_member);
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", title);

  return cercle_test_mutation (mutation_no, "request", id, "insert", 0, "member_id", NULL, member,
                               "title", NULL, quoted, NULL);
}

static JsonObject *
push_one (CercleTestServer *server,
          CercleTestWorld  *world,
          JsonObject       *mutation)
{
  JsonArray *mutations = json_array_new ();
  guint status = 0;
  JsonObject *answer;

  json_array_add_object_element (mutations, mutation);
  answer = cercle_test_push (server, world->alice_token, world->club_a, CLIENT_A, mutations, &status);
  g_assert_cmpuint (status, ==, 200);

  return answer;
}

/* Every row as text, in seq order: what a device sees */
static char *
rows_text (GPtrArray *rows)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *row = cercle_json_object_to_string (g_ptr_array_index (rows, i));

      g_string_append_printf (text, "%s\n", row);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonObject *
pull_from (CercleTestServer *server,
           const char       *token,
           const char       *club_id,
           const char       *cursor,
           guint            *status)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?cursor=%s", club_id, cursor);
  g_autoptr(CercleTestResponse) response = cercle_test_request (server, "GET", path, token, NULL);

  *status = response->status;
  return response->status == 200 ? cercle_test_response_json (response) : NULL;
}

static void
test_sqlite_to_postgresql_and_back (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("move");
  g_autoptr(CercleTestServer) pg = NULL;
  g_autoptr(CercleTestServer) back = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) returned = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *export_path = g_build_filename (world->server->dir, "alpha.json", NULL);
  g_autofree char *back_path = NULL;
  g_autofree char *whole_path = NULL;
  g_autofree char *pg_uri = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *moved_text = NULL;
  g_autofree char *returned_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *cursor = NULL;
  gint64 last_rev;
  guint status;
  int exit_status;

  g_assert_false (cercle_test_pg_wanted ());

  /* Alpha lives on SQLite; Alice's device has synced it and pushed */
  answer = push_one (world->server, world, need (world, 1, "90000000-0000-4000-8000-000000000001", "Un notaire"));
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
  before = cercle_test_pull_all (world->server, world->alice_token, world->club_a, 1000);
  last_rev = json_object_get_int_member (g_ptr_array_index (before, before->len - 1), "rev");
  page = pull_from (world->server, world->alice_token, world->club_a, "", &status);
  g_assert_cmpuint (status, ==, 200);
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
  g_clear_pointer (&page, json_object_unref);

  /* It moves to PostgreSQL */
  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  g_free (cercle_test_server_command_ok (world->server, "export", "--club", world->club_a,
                                         "--output", export_path, NULL));
  pg_uri = cercle_test_pg_new_database ("move");
  pg = cercle_test_server_new_at ("move-pg", pg_uri);
  output = cercle_test_server_command_ok (pg, "import", "--input", export_path, NULL);
  g_assert_nonnull (strstr (output, "1 club"));
  cercle_test_server_start (pg, NULL);

  /* Alice is still signed in, her cursor still good: nothing new */
  page = pull_from (pg, world->alice_token, world->club_a, cursor, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "rows")), ==, 0);

  /* Every row as it was, with its seq */
  moved = cercle_test_pull_all (pg, world->alice_token, world->club_a, 1000);
  before_text = rows_text (before);
  moved_text = rows_text (moved);
  g_assert_cmpstr (moved_text, ==, before_text);

  /* A retry of a mutation from before the move is known; the next edit
   * takes the next seq */
  again = push_one (pg, world, need (world, 1, "90000000-0000-4000-8000-000000000001", "Un notaire"));
  g_assert_cmpstr (cercle_test_result_status (again, 0), ==, "duplicate");
  g_clear_pointer (&answer, json_object_unref);
  answer = push_one (pg, world, need (world, 2, "90000000-0000-4000-8000-000000000002", "Un avocat"));
  g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
  g_clear_pointer (&moved, g_ptr_array_unref);
  moved = cercle_test_pull_all (pg, world->alice_token, world->club_a, 1000);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (moved, moved->len - 1), "rev"), ==, last_rev + 1);

  /* Importing it twice is refused, and changes nothing */
  g_assert_cmpint (cercle_test_server_stop (pg), ==, 0);
  g_clear_pointer (&output, g_free);
  output = cercle_test_server_command (pg, &exit_status, "import", "--input", export_path, NULL);
  g_assert_cmpint (exit_status, !=, 0);
  g_assert_nonnull (strstr (output, "already in this database"));

  /* And back to SQLite, the whole database this time */
  whole_path = g_build_filename (pg->dir, "whole.json", NULL);
  g_free (cercle_test_server_command_ok (pg, "export", "--output", whole_path, NULL));
  back_path = g_build_filename (pg->dir, "back.db", NULL);
  back = cercle_test_server_new_at ("move-back", back_path);
  g_free (cercle_test_server_command_ok (back, "import", "--input", whole_path, NULL));
  cercle_test_server_start (back, NULL);
  returned = cercle_test_pull_all (back, world->alice_token, world->club_a, 1000);
  returned_text = rows_text (returned);
  g_clear_pointer (&moved_text, g_free);
  moved_text = rows_text (moved);
  g_assert_cmpstr (returned_text, ==, moved_text);
  g_assert_cmpint (cercle_test_server_stop (back), ==, 0);
}

/* A damaged file is refused with a message that says where, and nothing
 * is imported: one transaction */
static void
test_bad_file (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("move-bad");
  g_autoptr(CercleTestServer) pg = NULL;
  g_autofree char *export_path = g_build_filename (world->server->dir, "alpha.json", NULL);
  g_autofree char *bad_path = g_build_filename (world->server->dir, "bad.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *pg_uri = NULL;
  g_autofree char *output = NULL;
  char *bad;
  int exit_status;

  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  g_free (cercle_test_server_command_ok (world->server, "export", "--output", export_path, NULL));
  g_assert_true (g_file_get_contents (export_path, &contents, NULL, NULL));
  pg_uri = cercle_test_pg_new_database ("move-bad");
  pg = cercle_test_server_new_at ("move-bad-pg", pg_uri);

  /* Another JSON file is told as such */
  g_assert_true (g_file_set_contents (bad_path, "{\"format\":\"vcard\",\"tables\":{}}", -1, NULL));
  output = cercle_test_server_command (pg, &exit_status, "import", "--input", bad_path, NULL);
  g_assert_cmpint (exit_status, !=, 0);
  g_assert_nonnull (strstr (output, "This is not a cercle-server export: its “format”"));
  g_clear_pointer (&output, g_free);

  /* A column that is not one: named, and refused before any write */
  bad = g_strdup (contents);
  g_assert_nonnull (strstr (bad, "\"first_name\""));
  memcpy (strstr (bad, "\"first_name\""), "\"first-name\"", strlen ("\"first-name\""));
  g_assert_true (g_file_set_contents (bad_path, bad, -1, NULL));
  g_free (bad);
  output = cercle_test_server_command (pg, &exit_status, "import", "--input", bad_path, NULL);
  g_assert_cmpint (exit_status, !=, 0);
  g_assert_nonnull (strstr (output, "table “member”, row 1: “first-name” is not a column"));

  /* A row the database refuses, after accounts and sessions: those are
   * not kept either */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *tables;
    JsonObject *seq;

    g_assert_true (json_parser_load_from_data (parser, contents, -1, NULL));
    tables = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "tables");
    seq = json_array_get_object_element (json_object_get_array_member (tables, "club_seq"), 0);
    json_object_set_string_member (seq, "seq", "pas un nombre");
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, json_parser_get_root (parser));
      g_assert_true (json_generator_to_file (generator, bad_path, NULL));
    }
  }
  g_clear_pointer (&output, g_free);
  output = cercle_test_server_command (pg, &exit_status, "import", "--input", bad_path, NULL);
  g_assert_cmpint (exit_status, !=, 0);
  g_assert_nonnull (strstr (output, "Table “club_seq”, row 1"));

  /* Nothing was written: the good file goes in whole */
  g_clear_pointer (&output, g_free);
  output = cercle_test_server_command_ok (pg, "import", "--input", export_path, NULL);
  g_assert_nonnull (strstr (output, "2 clubs"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/server/move/sqlite-to-postgresql-and-back", test_sqlite_to_postgresql_and_back);
  g_test_add_func ("/cercle/server/move/bad-file", test_bad_file);

  return g_test_run ();
}
