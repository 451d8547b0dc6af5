/* bench-server-clubs.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "bench-common.h"
#include "bench-server-common.h"
#include "cercle-test-pg.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* A federation's writes: N_CLUBS demo clubs on one PostgreSQL, N_CLUBS
 * devices posting requests ("I am looking for…") at once, through 1, 2
 * and 4 server processes:
 *
 *   server_pg.clubs10_inserts_Nproc   one device in each club: every club
 *                                     has its own seq, so the pushes do
 *                                     not wait for each other
 *   server_pg.club1_inserts_Nproc     the same devices' members all in one
 *                                     club: every push takes the same seq
 *                                     row, one after the other
 *
 * in mutations per second, each beside raw libpq doing the same inserts
 * from as many connections (the club's seq taken, the row inserted, one
 * transaction per push), spread over the clubs or in one, in the same
 * run. The server does more per mutation than the baseline (HTTP, JSON,
 * the checks, the answer kept for retries): the ratio is what that
 * costs. */

#define N_CLUBS     10
#define N_MEMBERS   200
#define PUSHES_EACH 40
#define BATCH       10

/* A request ("I am looking for…") in the pusher's name */
static JsonObject *
request_insert (BenchPusher *pusher,
                gint64       mutation_no)
{
  g_autofree char *member = g_strdup_printf ("\"%s\"", pusher->member_id);
  g_autofree char *id = g_uuid_string_random ();

  return cercle_test_mutation (mutation_no, "request", id, "insert", 0,
                               "member_id", NULL, member,
                               "title", NULL, "\"Un expert-comptable à Lyon\"",
                               NULL);
}

static PGconn *
connect_to (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* What the server's push does to the database for these inserts,
 * without HTTP, JSON, the checks or the answers */
typedef struct
{
  const char  *uri;
  BenchPusher *pusher;
  guint        n_written;
} RawPusher;

static gpointer
raw_push_thread (gpointer data)
{
  RawPusher *raw = data;
  BenchPusher *pusher = raw->pusher;
  PGconn *conn = connect_to (raw->uri);

  for (guint push = 0; push < PUSHES_EACH; push++)
    {
      PQclear (PQexec (conn, "BEGIN"));
      for (guint m = 0; m < BATCH; m++)
        {
          g_autofree char *id = g_uuid_string_random ();
          const char *values[3] = { pusher->club_id, id, pusher->member_id };
          PGresult *result;

          result = PQexecParams (conn,
                                 "WITH s AS (UPDATE club_seq SET seq = seq + 1 WHERE club_id = $1 RETURNING seq)"
                                 " INSERT INTO request (club_id, id, rev, member_id, title)"
                                 " SELECT $1, $2, seq, $3, 'Un expert-comptable à Lyon' FROM s",
                                 3, NULL, values, NULL, NULL, 0);
          g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
          PQclear (result);
          raw->n_written++;
        }
      PQclear (PQexec (conn, "COMMIT"));
    }

  PQfinish (conn);
  return NULL;
}

static double
measure_raw_push (const char  *uri,
                  BenchPusher *pushers)
{
  GThread *threads[N_CLUBS];
  RawPusher raws[N_CLUBS];
  guint n = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_CLUBS; i++)
    {
      raws[i] = (RawPusher) { uri, &pushers[i], 0 };
      threads[i] = g_thread_new ("raw-pusher", raw_push_thread, &raws[i]);
    }
  for (guint i = 0; i < N_CLUBS; i++)
    {
      g_thread_join (threads[i]);
      n += raws[i].n_written;
    }

  return n / ((double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  static const guint process_counts[] = { 1, 2, 4 };
  g_autoptr(CercleTestServer) admin = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *one_club = NULL;
  CercleTestServer *servers[4] = { NULL, };
  BenchPusher spread[N_CLUBS] = { { NULL, }, };
  BenchPusher together[N_CLUBS] = { { NULL, }, };
  double raw_spread;
  double raw_together;

  g_setenv ("CERCLE_DEMO_PASSWORD", cercle_test_password (), TRUE);

  /* N_CLUBS demo clubs, each with its own people (another seed) */
  uri = cercle_test_pg_new_database ("bench-clubs");
  admin = cercle_test_server_new_at ("bench-clubs", uri);
  for (guint c = 0; c < N_CLUBS; c++)
    {
      g_autofree char *members = g_strdup_printf ("%d", N_MEMBERS);
      g_autofree char *seed = g_strdup_printf ("%u", 1000 + c);
      g_autofree char *line = cercle_test_server_command_ok (admin, "demo", "--members", members, "--seed", seed,
                                                             NULL);

      /* "Demo club ID: N accounts" */
      if (one_club == NULL)
        one_club = g_strndup (line + strlen ("Demo club "), 36);
    }
  export_path = g_build_filename (admin->dir, "clubs.jsonl", NULL);
  g_free (cercle_test_server_command_ok (admin, "export", "--output", export_path, NULL));
  bench_pick_pushers (export_path, BENCH_PICK_SPREAD, NULL, spread, N_CLUBS);
  bench_pick_pushers (export_path, BENCH_PICK_ONE_CLUB, one_club, together, N_CLUBS);
  cercle_test_pg_exec (uri, "VACUUM ANALYZE");

  raw_spread = measure_raw_push (uri, spread);
  raw_together = measure_raw_push (uri, together);

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("bench-clubs-%u", i);

      servers[i] = cercle_test_server_new_at (name, uri);
    }

  for (guint c = 0; c < G_N_ELEMENTS (process_counts); c++)
    {
      guint n = process_counts[c];
      g_autofree char *spread_name = g_strdup_printf ("server_pg.clubs%u_inserts_%uproc", N_CLUBS, n);
      g_autofree char *together_name = g_strdup_printf ("server_pg.club1_inserts_%uproc", n);

      for (guint i = 0; i < n; i++)
        if (servers[i]->pid == 0)
          cercle_test_server_start (servers[i], NULL);

      bench_report (spread_name,
                    bench_measure_push (servers, n, spread, N_CLUBS, PUSHES_EACH, BATCH, request_insert),
                    "mutations/s", "libpq", raw_spread);
      bench_report (together_name,
                    bench_measure_push (servers, n, together, N_CLUBS, PUSHES_EACH, BATCH, request_insert),
                    "mutations/s", "libpq", raw_together);
    }

  for (guint i = 0; i < 4; i++)
    {
      if (servers[i]->pid != 0)
        g_assert_cmpint (cercle_test_server_stop (servers[i]), ==, 0);
      cercle_test_server_free (servers[i]);
    }
  for (guint i = 0; i < N_CLUBS; i++)
    {
      bench_pusher_clear (&spread[i]);
      bench_pusher_clear (&together[i]);
    }

  return 0;
}
