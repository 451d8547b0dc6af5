/* bench-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <stdio.h>
#include <string.h>

#include "bench-common.h"
#include "cercle-sync-client.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* What a member feels of sync, on a real cercle-server on loopback:
 *
 *  sync.first_100k       the first sync of a 100,000-member club into an
 *                        empty club file (push, pull, the search index),
 *                        beside raw SQLite inserting the same rows, as
 *                        JSON, into one bare table in one transaction;
 *  sync.first_100k_cpu   the CPU time the client spent on it (all its
 *                        threads; the server is another process), beside
 *                        the CPU time of the raw SQLite inserts: on a
 *                        loaded machine the wall time says more about the
 *                        neighbours than about the code;
 *  sync.first_100k_peak  the peak memory of the process during it;
 *  sync.edit_to_visible  from an edit saved on one device to its value in
 *                        another device's copy, woken by the live stream,
 *                        beside the raw way: one push and one pull over
 *                        HTTP with no stream to wait for.
 *
 * Targets: ≤ 10 s and ≤ 150 MiB; ≤ 500 ms. */

#define N_MEMBERS 100000
#define N_EDITS   9

static gsize
peak_memory (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || !(line = strstr (status, "VmHWM:")))
    return 0;

  return (gsize)g_ascii_strtoull (line + 6, NULL, 10) * 1024;
}

/* User and system time of the whole process, in seconds */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static char *
make_server_database (const char *dir,
                      guint       n_members)
{
  g_autofree char *database = g_build_filename (dir, "server.db", NULL);
  g_autofree char *members = g_strdup_printf ("%u", n_members);
  g_autoptr(GSubprocess) demo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line;

  g_setenv ("CERCLE_DEMO_PASSWORD", cercle_test_password (), TRUE);
  demo = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, cercle_test_server_program (), "demo",
                           "--database", database, "--members", members, "--password-cost", "minimum", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (demo, NULL, NULL, &out, NULL, &error));
  g_assert_true (g_subprocess_get_successful (demo));

  line = strstr (out, "Staff account: ");
  g_assert_nonnull (line);
  return g_strndup (line + 15, strcspn (line + 15, "\n"));
}

static CercleSyncClient *
new_client (CercleTestServer   *server,
            const char         *email,
            const char         *path,
            CercleSyncAccount **account_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleSyncServer) sync_server = cercle_sync_server_new (server->base_url, NULL, &error);
  CercleSyncAccount *account;
  CercleSyncClub *club;
  CercleSyncClient *client;

  g_assert_no_error (error);
  account = cercle_sync_server_sign_in (sync_server, email, cercle_test_password (), "bench", NULL, &error);
  g_assert_no_error (error);
  club = g_ptr_array_index (account->clubs, 0);

  g_assert_true (cercle_store_create (path, NULL, NULL, NULL, &error));
  client = cercle_sync_client_new (sync_server, path, club->id, club->member_id, account->token);
  /* The page size the app pulls with (the client's default), not a bigger one */
  *account_out = account;

  return client;
}

/* Raw SQLite writing the same rows, as they came, in one transaction */
static double
baseline_insert (const char *dir,
                 GPtrArray  *rows)
{
  g_autofree char *path = g_build_filename (dir, "baseline.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                    "CREATE TABLE row (id TEXT PRIMARY KEY, entity TEXT, rev INTEGER, fields TEXT)",
                NULL, NULL, NULL);

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO row VALUES (?1, ?2, ?3, ?4)", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *row = g_ptr_array_index (rows, i);
      g_autofree char *fields = cercle_json_object_to_string (json_object_get_object_member (row, "fields"));

      sqlite3_bind_text (stmt, 1, json_object_get_string_member (row, "id"), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, json_object_get_string_member (row, "entity"), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, json_object_get_int_member (row, "rev"));
      sqlite3_bind_text (stmt, 4, fields, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  return (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

typedef struct
{
  CercleSyncClient *client;
  CercleStore      *store;
  const char       *member_id;
  const char       *wanted;
  gint64            seen_at;
} Watcher;

static void
on_notice_cb (CercleSyncClient *client,
              gint64            seq,
              Watcher          *watcher)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleChangeSet) changes = cercle_sync_client_sync (client, NULL, &error);
  g_autoptr(CercleMember) member = NULL;

  if (g_getenv ("CERCLE_BENCH_DEBUG"))
    g_printerr ("notice %" G_GINT64_FORMAT " %s\n", seq, error ? error->message : "");

  if (changes == NULL)
    return;
  cercle_store_note_external_changes (watcher->store, changes);

  member = cercle_store_get_record (watcher->store, CERCLE_TYPE_MEMBER, watcher->member_id, NULL);
  if (member != NULL && g_strcmp0 (cercle_member_get_city (member), watcher->wanted) == 0 && watcher->seen_at == 0)
    watcher->seen_at = g_get_monotonic_time ();
}

static void
bench_edit_to_visible (CercleTestServer *server,
                       const char       *dir,
                       const char       *email)
{
  g_autofree char *path_a = g_build_filename (dir, "a.cercle", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.cercle", NULL);
  g_autoptr(CercleSyncAccount) account_a = NULL;
  g_autoptr(CercleSyncAccount) account_b = NULL;
  g_autoptr(CercleSyncClient) a = new_client (server, email, path_a, &account_a);
  g_autoptr(CercleSyncClient) b = new_client (server, email, path_b, &account_b);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CercleStore) store_a = NULL;
  g_autoptr(CercleStore) store_b = NULL;
  g_autoptr(CercleChangeSet) c1 = NULL;
  g_autoptr(CercleChangeSet) c2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleMember) me = NULL;
  Watcher watcher = { 0, };
  const char *club_id = ((CercleSyncClub *)g_ptr_array_index (account_a->clubs, 0))->id;

  c1 = cercle_sync_client_sync (a, NULL, &error);
  g_assert_no_error (error);
  c2 = cercle_sync_client_sync (b, NULL, &error);
  g_assert_no_error (error);
  store_a = cercle_store_open (path_a, &error);
  store_b = cercle_store_open (path_b, &error);
  me = cercle_store_dup_local_member (store_a, &error);
  g_assert_nonnull (me);

  watcher.client = b;
  watcher.store = store_b;
  watcher.member_id = cercle_record_get_id (CERCLE_RECORD (me));
  g_signal_connect (b, "notice", G_CALLBACK (on_notice_cb), &watcher);
  cercle_sync_client_watch (b);
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }

  for (guint i = 0; i < N_EDITS; i++)
    {
      g_autofree char *city = g_strdup_printf ("Ville %u", i);
      g_autoptr(CercleMember) member = cercle_store_get_record (store_a, CERCLE_TYPE_MEMBER, watcher.member_id, NULL);
      g_autoptr(CercleChangeSet) pushed = NULL;
      gint64 start, deadline;
      double ms;

      watcher.wanted = city;
      watcher.seen_at = 0;
      g_object_set (member, "city", city, NULL);

      start = g_get_monotonic_time ();
      g_assert_true (cercle_store_save (store_a, CERCLE_RECORD (member), NULL));
      pushed = cercle_sync_client_sync (a, NULL, &error);
      g_assert_no_error (error);

      deadline = start + 10 * G_USEC_PER_SEC;
      while (watcher.seen_at == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (watcher.seen_at, !=, 0);
      ms = (double)(watcher.seen_at - start) / 1000.0;
      g_array_append_val (samples, ms);

      /* The raw way: one push and one pull, no stream to wait for */
      {
        g_autofree char *raw_city = g_strdup_printf ("Brut %u", i);
        g_autofree char *new_json = g_strdup_printf ("\"%s\"", raw_city);
        JsonArray *mutations = json_array_new ();
        g_autoptr(JsonObject) answer = NULL;
        guint status = 0;
        gint64 raw_start = g_get_monotonic_time ();
        double raw_ms;

        json_array_add_object_element (mutations,
                                       cercle_test_mutation (1000 + i, "member", watcher.member_id, "update", 0,
                                                             "job_title", NULL, new_json, NULL));
        answer = cercle_test_push (server, account_a->token, club_id, CERCLE_TEST_CLIENT_ID, mutations, &status);
        g_assert_cmpuint (status, ==, 200);
        {
          g_autoptr(CercleSyncState) state = cercle_store_dup_sync_state (store_b, NULL);
          g_autofree char *cursor = g_uri_escape_string (state->cursor, NULL, FALSE);
          g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=50&cursor=%s", club_id, cursor);
          g_autoptr(CercleTestResponse) response = cercle_test_request (server, "GET", path, account_b->token, NULL);

          g_assert_cmpuint (response->status, ==, 200);
        }
        raw_ms = (double)(g_get_monotonic_time () - raw_start) / 1000.0;
        g_array_append_val (raw, raw_ms);
      }
    }

  cercle_sync_client_unwatch (b);
  bench_report ("sync.edit_to_visible", bench_median (samples), "ms", "push+pull over HTTP", bench_median (raw));
  cercle_sync_client_close (a);
  cercle_sync_client_close (b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = cercle_test_make_dir ("bench-sync");
  g_autofree char *path = g_build_filename (dir, "first.cercle", NULL);
  g_autoptr(CercleTestServer) server = cercle_test_server_new ("bench-sync");
  g_autoptr(CercleSyncAccount) account = NULL;
  g_autoptr(CercleSyncClient) client = NULL;
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *staff = NULL;
  const char *env_members = g_getenv ("CERCLE_BENCH_MEMBERS");
  guint n_members = env_members != NULL ? (guint)g_ascii_strtoull (env_members, NULL, 10) : N_MEMBERS;
  gsize before, peak;
  gint64 start;
  double seconds, baseline;
  double cpu, baseline_cpu;

  g_printerr ("Making a %u-member server database…\n", n_members);
  g_free (server->database);
  staff = make_server_database (server->dir, n_members);
  server->database = g_build_filename (server->dir, "server.db", NULL);
  cercle_test_server_start (server, NULL);

  client = new_client (server, staff, path, &account);
  before = peak_memory ();
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  changes = cercle_sync_client_sync (client, NULL, &error);
  g_assert_no_error (error);
  seconds = (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  cpu = cpu_seconds () - cpu;
  peak = peak_memory ();
  cercle_sync_client_close (client);

  rows = cercle_test_pull_all (server, account->token,
                               ((CercleSyncClub *)g_ptr_array_index (account->clubs, 0))->id, 5000);
  baseline_cpu = cpu_seconds ();
  baseline = baseline_insert (dir, rows);
  baseline_cpu = cpu_seconds () - baseline_cpu;

  g_printerr ("%u rows; peak memory %.1f MiB before the sync\n", rows->len, before / 1048576.0);
  bench_report ("sync.first_100k", seconds, "s", "sqlite3 insert of the same rows", baseline);
  bench_report ("sync.first_100k_cpu", cpu, "s", "sqlite3 insert of the same rows, CPU", baseline_cpu);
  bench_report ("sync.first_100k_peak", peak / 1048576.0, "MiB", NULL, 0);

  bench_edit_to_visible (server, dir, staff);

  cercle_test_remove_dir (dir);
  return 0;
}
