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

/* The number of the line of @text where @needle first is */
static guint
line_of (const char *text,
         const char *needle)
{
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';

  return line;
}

/* @contents with its line @line (from 1) replaced by @replacement, or
 * removed when it is %NULL */
static char *
with_line (const char *contents,
           guint       line,
           const char *replacement)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = i + 1 == line ? replacement : lines[i];

      if (l == NULL)
        continue;
      g_string_append (text, l);
      if (lines[i + 1] != NULL)
        g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
refused (CercleTestServer *server,
         const char       *path,
         const char       *contents,
         const char       *message)
{
  g_autofree char *output = NULL;
  int exit_status;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  output = cercle_test_server_command (server, &exit_status, "import", "--input", path, NULL);
  g_assert_cmpint (exit_status, !=, 0);
  if (strstr (output, message) == NULL)
    g_error ("“%s” not in “%s”", message, output);
}

/* A damaged file is refused with a message that names its line, and
 * nothing is imported: one transaction */
static void
test_bad_file (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("move-bad");
  g_autoptr(CercleTestServer) pg = NULL;
  g_autofree char *export_path = g_build_filename (world->server->dir, "alpha.jsonl", NULL);
  g_autofree char *bad_path = g_build_filename (world->server->dir, "bad.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *pg_uri = NULL;
  g_autofree char *output = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *bad = NULL;
  g_auto(GStrv) lines = NULL;
  guint line;
  guint n_lines;

  g_assert_cmpint (cercle_test_server_stop (world->server), ==, 0);
  g_free (cercle_test_server_command_ok (world->server, "export", "--output", export_path, NULL));
  g_assert_true (g_file_get_contents (export_path, &contents, NULL, NULL));
  pg_uri = cercle_test_pg_new_database ("move-bad");
  pg = cercle_test_server_new_at ("move-bad-pg", pg_uri);

  /* Another JSON file is told as such */
  refused (pg, bad_path, "{\"format\":\"vcard\",\"tables\":{}}",
           "This is not a cercle-server export: line 1: its “format”");

  /* A column that is not one: named with its line, and refused before
   * it reaches SQL */
  line = line_of (contents, "\"first_name\"");
  bad = g_strdup (contents);
  memcpy (strstr (bad, "\"first_name\""), "\"first-name\"", strlen ("\"first-name\""));
  expected = g_strdup_printf ("line %u: “first-name” is not a column", line);
  refused (pg, bad_path, bad, expected);
  g_clear_pointer (&bad, g_free);
  g_clear_pointer (&expected, g_free);

  /* A line that is not JSON */
  bad = with_line (contents, 3, "{\"table\":\"account\",\"row\":{");
  refused (pg, bad_path, bad, "line 3:");
  g_clear_pointer (&bad, g_free);

  /* A row the database refuses, after accounts and sessions were
   * written: those are not kept either */
  line = line_of (contents, "{\"table\":\"club_seq\"");
  {
    g_autoptr(JsonObject) object = NULL;
    g_autofree char *text = NULL;

    lines = g_strsplit (contents, "\n", -1);
    object = cercle_json_parse_object (lines[line - 1], -1, 8, NULL);
    g_assert_nonnull (object);
    json_object_set_string_member (json_object_get_object_member (object, "row"), "seq", "pas un nombre");
    text = cercle_json_object_to_string (object);
    bad = with_line (contents, line, text);
  }
  expected = g_strdup_printf ("Nothing was imported: line %u (table “club_seq”)", line);
  refused (pg, bad_path, bad, expected);
  g_clear_pointer (&bad, g_free);

  /* A file cut short, even between two lines, is refused whole */
  n_lines = g_strv_length (lines) - (g_str_has_suffix (contents, "\n") ? 1 : 0);
  bad = with_line (contents, n_lines, NULL);
  refused (pg, bad_path, bad, "it was cut short");
  g_clear_pointer (&bad, g_free);

  /* Nothing was written: the good file goes in whole */
  output = cercle_test_server_command_ok (pg, "import", "--input", export_path, NULL);
  g_assert_nonnull (strstr (output, "2 clubs"));
}

typedef struct
{
  GSubprocess *process;
  gboolean     done;
} Running;

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Running *running = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  running->done = TRUE;
}

/* An export of a running server is one snapshot: however the server
 * writes meanwhile, no row in the file is newer than its club's seq (a
 * club imported from it would give a seq twice), and the file imports */
static void
test_export_while_writing (void)
{
  g_autoptr(CercleTestWorld) world = cercle_test_world_new ("move-live");
  g_autofree char *path = g_build_filename (world->server->dir, "live.jsonl", NULL);
  gint64 mutation_no = 1;
  guint n_during = 0;

  /* Enough rows that an export takes a while: the writes below land
   * between its first table and its last */
  g_free (cercle_test_server_command_ok (world->server, "demo", "--members", "3000", NULL));

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GHashTable) seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      Running running = { NULL, FALSE };
      guint n_rows = 0;

      process = cercle_test_server_spawn (world->server, "export", "--output", path, NULL);
      running.process = process;
      g_subprocess_wait_async (process, NULL, exited_cb, &running);

      while (!running.done)
        {
          g_autofree char *id = g_strdup_printf ("90000000-0000-4000-8000-%012" G_GINT64_MODIFIER "d", mutation_no);
          g_autoptr(JsonObject) answer = push_one (world->server, world,
                                                   need (world, mutation_no++, id, "Un expert-comptable"));

          g_assert_cmpstr (cercle_test_result_status (answer, 0), ==, "applied");
          n_during += !running.done;
          g_main_context_iteration (NULL, FALSE);
        }
      g_assert_true (g_subprocess_get_successful (process));

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", -1);

      /* The seqs come before the rows */
      for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          g_autoptr(JsonObject) object = cercle_json_parse_object (lines[i], -1, 8, NULL);
          JsonObject *row;

          g_assert_nonnull (object);
          if (!json_object_has_member (object, "table"))
            continue;
          row = json_object_get_object_member (object, "row");

          if (g_str_equal (json_object_get_string_member (object, "table"), "club_seq"))
            {
              gint64 *seq = g_new (gint64, 1);

              *seq = json_object_get_int_member (row, "seq");
              g_hash_table_insert (seqs, g_strdup (json_object_get_string_member (row, "club_id")), seq);
            }
          else if (json_object_has_member (row, "rev"))
            {
              gint64 *seq = g_hash_table_lookup (seqs, json_object_get_string_member (row, "club_id"));

              g_assert_nonnull (seq);
              if (json_object_get_int_member (row, "rev") > *seq)
                g_error ("Export %u, line %u: rev %" G_GINT64_FORMAT " beyond its club's seq %" G_GINT64_FORMAT,
                         round, i + 1, json_object_get_int_member (row, "rev"), *seq);
              n_rows++;
            }
        }
      g_assert_cmpuint (n_rows, >, 3000);
    }

  /* The writes did happen while the exports ran */
  g_assert_cmpuint (n_during, >, 0);

  /* And the last file imports, into a database of its own */
  {
    g_autofree char *other_path = g_build_filename (world->server->dir, "other.db", NULL);
    g_autoptr(CercleTestServer) other = cercle_test_server_new_at ("move-live-other", other_path);
    g_autofree char *output = cercle_test_server_command_ok (other, "import", "--input", path, NULL);

    g_assert_nonnull (strstr (output, "3 clubs"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/server/move/sqlite-to-postgresql-and-back", test_sqlite_to_postgresql_and_back);
  g_test_add_func ("/cercle/server/move/bad-file", test_bad_file);
  g_test_add_func ("/cercle/server/move/export-while-writing", test_export_while_writing);

  return g_test_run ();
}
