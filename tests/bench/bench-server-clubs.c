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

typedef struct
{
  CercleTestServer *client;
  char             *email;
  char             *member_id;
  char             *club_id;
  char             *client_id;
  char             *token;
  const char       *uri;
  gint64            mutation_no;
  guint             n_applied;
} Pusher;

static void
pusher_clear (Pusher *pusher)
{
  g_clear_pointer (&pusher->client, cercle_test_server_free);
  g_free (pusher->email);
  g_free (pusher->member_id);
  g_free (pusher->club_id);
  g_free (pusher->client_id);
  g_free (pusher->token);
}

/* Plain members with an account, read from an export of the database:
 * with @spread, the first of each club; else N_CLUBS of @one_club */
static void
pick_pushers (const char *export_path,
              gboolean    spread,
              const char *one_club,
              Pusher     *pushers)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) plain_members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) clubs_taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) memberships = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  guint n = 0;

  g_assert_true (g_file_get_contents (export_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonObject) line = cercle_json_parse_object (lines[i], -1, 8, NULL);
      const char *table = json_object_get_string_member_with_default (line, "table", "");
      JsonObject *row = json_object_has_member (line, "row") ? json_object_get_object_member (line, "row") : NULL;

      if (g_str_equal (table, "member") && g_strcmp0 (json_object_get_string_member (row, "role"), "member") == 0)
        g_hash_table_add (plain_members, g_strdup (json_object_get_string_member (row, "id")));
      else if (g_str_equal (table, "account"))
        g_hash_table_insert (emails, g_strdup (json_object_get_string_member (row, "id")),
                             g_strdup (json_object_get_string_member (row, "email")));
      else if (g_str_equal (table, "membership"))
        g_ptr_array_add (memberships, json_object_ref (row));
    }

  for (guint i = 0; i < memberships->len && n < N_CLUBS; i++)
    {
      JsonObject *membership = g_ptr_array_index (memberships, i);
      const char *member_id = json_object_get_string_member (membership, "member_id");
      const char *club_id = json_object_get_string_member (membership, "club_id");

      if (!g_hash_table_contains (plain_members, member_id) ||
          (spread && g_hash_table_contains (clubs_taken, club_id)) ||
          (!spread && g_strcmp0 (club_id, one_club) != 0))
        continue;

      g_hash_table_add (clubs_taken, g_strdup (club_id));
      pushers[n].email = g_strdup (g_hash_table_lookup (emails, json_object_get_string_member (membership,
                                                                                                "account_id")));
      pushers[n].member_id = g_strdup (member_id);
      pushers[n].club_id = g_strdup (club_id);
      n++;
    }
  g_assert_cmpuint (n, ==, N_CLUBS);
}

static gpointer
push_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autofree char *member = g_strdup_printf ("\"%s\"", pusher->member_id);

  for (guint push = 0; push < PUSHES_EACH; push++)
    {
      JsonArray *mutations = json_array_new ();
      g_autoptr(JsonObject) answer = NULL;
      guint status = 0;

      for (guint m = 0; m < BATCH; m++)
        {
          g_autofree char *id = g_uuid_string_random ();

          json_array_add_object_element (mutations,
                                         cercle_test_mutation (++pusher->mutation_no, "request", id, "insert", 0,
                                                               "member_id", NULL, member,
                                                               "title", NULL, "\"Un expert-comptable à Lyon\"",
                                                               NULL));
        }

      answer = cercle_test_push (pusher->client, pusher->token, pusher->club_id, pusher->client_id,
                                 mutations, &status);
      g_assert_cmpuint (status, ==, 200);
      for (guint m = 0; m < BATCH; m++)
        if (g_strcmp0 (cercle_test_result_status (answer, m), "applied") == 0)
          pusher->n_applied++;
    }

  return NULL;
}

/* Mutations per second of the N_CLUBS devices of @pushers spread over
 * the first @n_servers of @servers */
static double
measure_push (CercleTestServer **servers,
              guint              n_servers,
              Pusher            *pushers)
{
  GThread *threads[N_CLUBS];
  guint n_applied = 0;
  gint64 start;

  for (guint i = 0; i < N_CLUBS; i++)
    {
      g_clear_pointer (&pushers[i].client, cercle_test_server_free);
      pushers[i].client = cercle_test_server_new_client (servers[i % n_servers]);
      g_free (pushers[i].client_id);
      pushers[i].client_id = g_uuid_string_random ();
      pushers[i].mutation_no = 0;
      pushers[i].n_applied = 0;
      if (pushers[i].token == NULL)
        pushers[i].token = cercle_test_login (pushers[i].client, pushers[i].email, "bench");
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_CLUBS; i++)
    threads[i] = g_thread_new ("pusher", push_thread, &pushers[i]);
  for (guint i = 0; i < N_CLUBS; i++)
    {
      g_thread_join (threads[i]);
      n_applied += pushers[i].n_applied;
    }
  g_assert_cmpuint (n_applied, ==, N_CLUBS * PUSHES_EACH * BATCH);

  return n_applied / ((double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
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
static gpointer
raw_push_thread (gpointer data)
{
  Pusher *pusher = data;
  PGconn *conn = connect_to (pusher->uri);

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
          pusher->n_applied++;
        }
      PQclear (PQexec (conn, "COMMIT"));
    }

  PQfinish (conn);
  return NULL;
}

static double
measure_raw_push (const char *uri,
                  Pusher     *pushers)
{
  GThread *threads[N_CLUBS];
  guint n = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_CLUBS; i++)
    {
      pushers[i].uri = uri;
      pushers[i].n_applied = 0;
      threads[i] = g_thread_new ("raw-pusher", raw_push_thread, &pushers[i]);
    }
  for (guint i = 0; i < N_CLUBS; i++)
    {
      g_thread_join (threads[i]);
      n += pushers[i].n_applied;
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
  Pusher spread[N_CLUBS] = { { NULL, }, };
  Pusher together[N_CLUBS] = { { NULL, }, };
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
  pick_pushers (export_path, TRUE, NULL, spread);
  pick_pushers (export_path, FALSE, one_club, together);
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

      bench_report (spread_name, measure_push (servers, n, spread), "mutations/s", "libpq", raw_spread);
      bench_report (together_name, measure_push (servers, n, together), "mutations/s", "libpq", raw_together);
    }

  for (guint i = 0; i < 4; i++)
    {
      if (servers[i]->pid != 0)
        g_assert_cmpint (cercle_test_server_stop (servers[i]), ==, 0);
      cercle_test_server_free (servers[i]);
    }
  for (guint i = 0; i < N_CLUBS; i++)
    {
      pusher_clear (&spread[i]);
      pusher_clear (&together[i]);
    }

  return 0;
}
