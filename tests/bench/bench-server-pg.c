/* bench-server-pg.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "bench-common.h"
#include "bench-server-common.h"
#include "cercle-test-pg.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* What a federation gets from PostgreSQL and more server processes: a
 * 100,000-member club moved (export, import) from SQLite to the tests'
 * private PostgreSQL, then
 *
 *   server_pg.push_throughput_Nproc   8 devices pushing edits of their own
 *                                     profiles, spread over N processes
 *                                     (1, 2, 4) on one database, mutations
 *                                     per second; beside raw libpq doing
 *                                     the same writes (seq taken, row
 *                                     updated, one transaction per push)
 *   server_pg.pull_100k_Nproc         N first syncs at once, one per
 *                                     process, the slowest one's seconds;
 *                                     beside raw libpq reading the rows
 *                                     as JSON once
 *   server_sqlite.*_1proc             the same on the SQLite file, one
 *                                     process, in the same run
 *   server_pg.import_100k_peak_memory the import's peak resident memory,
 *                                     reading the export a line at a time;
 *                                     beside json-glib holding the same
 *                                     rows whole, as the import once did
 *
 * Usage: bench-server-pg SERVER-DB (made once with cercle-server demo,
 * kept in the build directory). */

#define N_MEMBERS   100000
#define PULL_LIMIT  5000
#define N_CLIENTS   8
#define PUSHES_EACH 60
#define BATCH       10

static gboolean
ensure_database (const char  *database,
                 GError     **error)
{
  g_autofree char *tmp = g_strconcat (database, ".part", NULL);
  g_autofree char *members = g_strdup_printf ("%d", N_MEMBERS);
  g_autoptr(GSubprocess) demo = NULL;

  if (g_file_test (database, G_FILE_TEST_EXISTS))
    return TRUE;

  g_printerr ("Making a %d-member server database (once)…\n", N_MEMBERS);
  g_unlink (tmp);
  demo = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error, cercle_test_server_program (), "demo",
                           "--database", tmp, "--members", members, "--password-cost", "minimum", NULL);
  if (demo == NULL || !g_subprocess_wait_check (demo, NULL, error))
    return FALSE;

  return g_rename (tmp, database) == 0;
}

static PGconn *
connect_to (const char *uri)
{
  g_autofree char *plain = g_strndup (uri, strcspn (uri, "?"));
  const char *query = strchr (uri, '?');
  g_autofree char *conninfo = g_strconcat (plain, query != NULL ? query : "", NULL);
  PGconn *conn = PQconnectdb (conninfo);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* Runs @argv and waits for it; its peak resident memory, in MiB */
static double
run_for_peak_memory (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status;

  g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                 &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  return usage.ru_maxrss / 1024.0;
}

/* The baseline of the import's memory: the whole file in json-glib, as
 * the import held it before it read a line at a time */
static int
parse_whole (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) file_in = g_file_read (file, NULL, NULL);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (G_INPUT_STREAM (file_in));
  g_autoptr(JsonArray) rows = json_array_new ();
  char *text;

  while ((text = g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
      json_array_add_element (rows, json_node_copy (json_parser_get_root (parser)));
      g_free (text);
    }

  return json_array_get_length (rows) > 0 ? 0 : 1;
}

/* An edit of the pusher's own profile, from what the last one left:
 * the merge applies it */
static JsonObject *
photo_update (BenchPusher *pusher,
              gint64       mutation_no)
{
  g_autofree char *photo = g_strdup_printf ("\"https://photos.exemple.fr/%s/%" G_GINT64_FORMAT ".jpg\"",
                                            pusher->client_id, mutation_no - 1);
  JsonObject *mutation;

  mutation = cercle_test_mutation (mutation_no, "member", pusher->member_id, "update", 0,
                                   "photo_uri", pusher->previous, photo, NULL);
  g_free (pusher->previous);
  pusher->previous = g_steal_pointer (&photo);

  return mutation;
}

typedef struct
{
  const char  *uri;
  BenchPusher *pusher;
  guint        n_written;
} RawPusher;

/* What the server's push does to the database, without HTTP, JSON or
 * the merge: take seq, write the row, one transaction per push */
static gpointer
raw_push_thread (gpointer data)
{
  RawPusher *raw = data;
  PGconn *conn = connect_to (raw->uri);

  for (guint push = 0; push < PUSHES_EACH; push++)
    {
      PQclear (PQexec (conn, "BEGIN"));
      for (guint m = 0; m < BATCH; m++)
        {
          g_autofree char *photo = g_strdup_printf ("https://photos.exemple.fr/raw/%u.jpg", push * BATCH + m);
          const char *values[3] = { raw->pusher->club_id, raw->pusher->member_id, photo };
          PGresult *result;

          result = PQexecParams (conn,
                                 "WITH s AS (UPDATE club_seq SET seq = seq + 1 WHERE club_id = $1 RETURNING seq)"
                                 " UPDATE member SET photo_uri = $3, rev = (SELECT seq FROM s)"
                                 " WHERE club_id = $1 AND id = $2",
                                 3, NULL, values, NULL, NULL, 0);
          g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
          PQclear (result);
          raw->n_written++;
        }
      PQclear (PQexec (conn, "COMMIT"));
    }

  /* The server's pushes start from a member without a photo */
  {
    const char *values[2] = { raw->pusher->club_id, raw->pusher->member_id };

    PQclear (PQexecParams (conn, "UPDATE member SET photo_uri = NULL WHERE club_id = $1 AND id = $2",
                           2, NULL, values, NULL, NULL, 0));
  }
  PQfinish (conn);
  return NULL;
}

static double
measure_raw_push (const char  *uri,
                  BenchPusher *pushers)
{
  RawPusher raws[N_CLIENTS];
  GThread *threads[N_CLIENTS];
  guint n = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      raws[i] = (RawPusher) { uri, &pushers[i], 0 };
      threads[i] = g_thread_new ("raw-pusher", raw_push_thread, &raws[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_thread_join (threads[i]);
      n += raws[i].n_written;
    }

  return n / ((double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

typedef struct
{
  CercleTestServer *client;
  const char       *token;
  const char       *club_id;
  guint             n_rows;
  double            seconds;
} Puller;

static gpointer
pull_thread (gpointer data)
{
  Puller *puller = data;
  g_autofree char *cursor = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean has_more = TRUE;

  while (has_more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=%d%s%s", puller->club_id,
                                               PULL_LIMIT, cursor != NULL ? "&cursor=" : "",
                                               cursor != NULL ? cursor : "");
      g_autoptr(CercleTestResponse) response = cercle_test_request (puller->client, "GET", path, puller->token, NULL);
      g_autoptr(JsonObject) page = NULL;

      g_assert_cmpuint (response->status, ==, 200);
      page = cercle_test_response_json (response);
      puller->n_rows += json_array_get_length (json_object_get_array_member (page, "rows"));
      has_more = json_object_get_boolean_member (page, "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
    }

  puller->seconds = (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  return NULL;
}

/* N first syncs at once, one per process: the slowest one's seconds */
static double
measure_pull (CercleTestServer **servers,
              guint              n_servers,
              const char        *token,
              const char        *club_id)
{
  Puller pullers[4];
  GThread *threads[4];
  double slowest = 0;

  for (guint i = 0; i < n_servers; i++)
    {
      pullers[i] = (Puller) { cercle_test_server_new_client (servers[i]), token, club_id, 0, 0 };
      threads[i] = g_thread_new ("puller", pull_thread, &pullers[i]);
    }
  for (guint i = 0; i < n_servers; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (pullers[i].n_rows, >, N_MEMBERS);
      slowest = MAX (slowest, pullers[i].seconds);
      cercle_test_server_free (pullers[i].client);
    }

  return slowest;
}

/* libpq's way to the same rows: PostgreSQL writing each as JSON, in
 * pages of the same size */
static double
measure_raw_pull (const char *uri,
                  const char *club_id)
{
  static const char * const tables[] = {
    "club", "member", "event", "registration", "referral", "one_to_one", "request",
  };
  PGconn *conn = connect_to (uri);
  gint64 start = g_get_monotonic_time ();
  guint n_rows = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT json_build_object ('entity', '%s', 'id', id, 'rev', rev,"
                                              " 'updated_at', updated_at, 'deleted', deleted,"
                                              " 'fields', to_jsonb (t) - 'club_id' - 'id' - 'rev' - 'updated_at'"
                                              " - 'deleted')::text FROM %s t WHERE club_id = $1 ORDER BY rev",
                                              tables[t], tables[t]);
      const char *values[1] = { club_id };
      PGresult *result = PQexecParams (conn, sql, 1, NULL, values, NULL, NULL, 0);
      g_autoptr(GString) page = g_string_new (NULL);

      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      for (int r = 0; r < PQntuples (result); r++)
        {
          if (n_rows++ % PULL_LIMIT == 0)
            g_string_truncate (page, 0);
          g_string_append_len (page, PQgetvalue (result, r, 0), PQgetlength (result, r, 0));
          g_string_append_c (page, ',');
        }
      PQclear (result);
    }
  PQfinish (conn);
  g_assert_cmpuint (n_rows, >, N_MEMBERS);

  return (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static char *
first_club (CercleTestServer *server,
            const char       *token)
{
  g_autoptr(CercleTestResponse) clubs = cercle_test_request (server, "GET", "/api/v1/clubs", token, NULL);
  g_autoptr(JsonObject) json = cercle_test_response_json (clubs);
  JsonArray *array = json_object_get_array_member (json, "clubs");

  return g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "id"));
}

/* One storage's figures, with 1 process (SQLite) or 1, 2 and 4 */
static void
bench_storage (const char        *label,
               const char        *database,
               gboolean           several,
               const BenchPusher *members,
               double             raw_push,
               double             raw_pull)
{
  static const guint process_counts[] = { 1, 2, 4 };
  CercleTestServer *servers[4] = { NULL, };
  BenchPusher pushers[N_CLIENTS] = { { NULL, }, };
  g_autofree char *club_id = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("bench-%s-%u", label, i);

      servers[i] = cercle_test_server_new_at (name, database);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      pushers[i].previous = g_strdup ("null");
      pushers[i].email = g_strdup (members[i].email);
      pushers[i].member_id = g_strdup (members[i].member_id);
      pushers[i].club_id = g_strdup (members[i].club_id);
    }

  for (guint c = 0; c < (several ? G_N_ELEMENTS (process_counts) : 1); c++)
    {
      guint n = process_counts[c];
      g_autofree char *push_name = g_strdup_printf ("%s.push_throughput_%uproc", label, n);
      g_autofree char *pull_name = g_strdup_printf ("%s.pull_100k_%uproc", label, n);
      double rate;
      double seconds;

      for (guint i = 0; i < n; i++)
        if (servers[i]->pid == 0)
          cercle_test_server_start (servers[i], NULL);

      rate = bench_measure_push (servers, n, pushers, N_CLIENTS, PUSHES_EACH, BATCH, photo_update);
      if (club_id == NULL)
        club_id = first_club (servers[0], pushers[0].token);
      seconds = measure_pull (servers, n, pushers[0].token, club_id);

      bench_report (push_name, rate, "mutations/s", "libpq", raw_push);
      bench_report (pull_name, seconds, "s", "libpq", raw_pull);
    }

  for (guint i = 0; i < 4; i++)
    {
      if (servers[i]->pid != 0)
        g_assert_cmpint (cercle_test_server_stop (servers[i]), ==, 0);
      cercle_test_server_free (servers[i]);
    }
  for (guint i = 0; i < N_CLIENTS; i++)
    bench_pusher_clear (&pushers[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CercleTestServer) source = NULL;
  g_autoptr(CercleTestServer) pg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *sqlite_copy = NULL;
  g_autofree char *uri = NULL;
  BenchPusher pushers[N_CLIENTS] = { { NULL, }, };
  double raw_push;
  double raw_pull;

  if (argc == 3 && g_str_equal (argv[1], "--parse-whole"))
    return parse_whole (argv[2]);

  if (argc != 2)
    {
      g_printerr ("Usage: %s SERVER-DB\n", argv[0]);
      return 2;
    }
  g_setenv ("CERCLE_DEMO_PASSWORD", cercle_test_password (), TRUE);
  if (!ensure_database (argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The kept database is copied: the pushes write */
  source = cercle_test_server_new ("bench-pg-source");
  sqlite_copy = g_build_filename (source->dir, "club.db", NULL);
  {
    g_autoptr(GFile) from = g_file_new_for_path (argv[1]);
    g_autoptr(GFile) to = g_file_new_for_path (sqlite_copy);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
  }
  g_free (source->database);
  source->database = g_strdup (sqlite_copy);

  /* The club moves to PostgreSQL as an operator would move it */
  export_path = g_build_filename (source->dir, "club.jsonl", NULL);
  g_free (cercle_test_server_command_ok (source, "export", "--output", export_path, NULL));
  uri = cercle_test_pg_new_database ("bench");
  pg = cercle_test_server_new_at ("bench-pg", uri);
  {
    const char *import_argv[] = { cercle_test_server_program (), "import", "--database", uri,
                                  "--input", export_path, NULL };
    const char *whole_argv[] = { argv[0], "--parse-whole", export_path, NULL };
    double import_mib = run_for_peak_memory (import_argv);
    double whole_mib = run_for_peak_memory (whole_argv);

    bench_report ("server_pg.import_100k_peak_memory", import_mib, "MiB", "json-glib-whole", whole_mib);
  }
  bench_pick_pushers (export_path, BENCH_PICK_ANY, NULL, pushers, N_CLIENTS);
  g_unlink (export_path);
  cercle_test_pg_exec (uri, "VACUUM ANALYZE");

  /* The raw baselines, on the same database */
  raw_push = measure_raw_push (uri, pushers);
  raw_pull = measure_raw_pull (uri, pushers[0].club_id);

  bench_storage ("server_sqlite", sqlite_copy, FALSE, pushers, raw_push, raw_pull);
  bench_storage ("server_pg", uri, TRUE, pushers, raw_push, raw_pull);

  for (guint i = 0; i < N_CLIENTS; i++)
    bench_pusher_clear (&pushers[i]);

  return 0;
}
