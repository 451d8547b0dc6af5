/* bench-server.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "bench-common.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* What a club's members feel of the server, on a real cercle-server over
 * loopback, each figure beside raw SQLite (or raw libsodium) doing the
 * same reads and writes in this run:
 *
 *   server.pull_100k            a first sync of a 100,000-member club, all
 *                               pages, beside the same rows read as JSON by
 *                               SQLite alone
 *   server.pull_peak_memory     the server's peak memory over that pull,
 *                               beside that of the SQLite reader
 *   server.push_throughput      8 clients pushing their edits at once,
 *   server.push_p99               mutations per second and the slowest 1%
 *                               of pushes, beside SQLite doing the same
 *                               writes, one transaction per push
 *   server.login_rate           sign-ins per second with argon2id at its
 *                               interactive cost, beside libsodium's own
 *                               verification on as many threads
 *
 * Usage: bench-server SERVER-DB [--baseline-pull DB CLUB]
 * The 100,000-member server database is made once, kept in the build
 * directory, and copied for the writes. */

#define N_MEMBERS       100000
#define PULL_LIMIT      5000
#define N_CLIENTS       8
#define PUSHES_EACH     150
#define BATCH           10
#define N_LOGIN_THREADS 4
#define LOGINS_EACH     5

static char *
staff_email_path (const char *database)
{
  return g_strconcat (database, ".staff", NULL);
}

static gboolean
ensure_server_database (const char  *database,
                        GError     **error)
{
  g_autofree char *staff_path = staff_email_path (database);
  g_autofree char *tmp = g_strconcat (database, ".part", NULL);
  g_autofree char *out = NULL;
  g_autofree char *members = g_strdup_printf ("%d", N_MEMBERS);
  g_autoptr(GSubprocess) demo = NULL;
  const char *line;

  if (g_file_test (database, G_FILE_TEST_EXISTS) && g_file_test (staff_path, G_FILE_TEST_EXISTS))
    return TRUE;

  g_printerr ("Making a %d-member server database (once)…\n", N_MEMBERS);
  g_unlink (tmp);
  g_setenv ("CERCLE_DEMO_PASSWORD", cercle_test_password (), TRUE);
  demo = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error, cercle_test_server_program (), "demo",
                           "--database", tmp, "--members", members, "--password-cost", "minimum", NULL);
  if (demo == NULL || !g_subprocess_communicate_utf8 (demo, NULL, NULL, &out, NULL, error) ||
      !g_subprocess_get_successful (demo))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cercle-server demo failed");
      return FALSE;
    }

  line = strstr (out, "Staff account: ");
  if (line == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The demo has no staff account");
      return FALSE;
    }

  {
    g_autofree char *email = g_strndup (line + 15, strcspn (line + 15, "\n"));

    if (!g_file_set_contents (staff_path, email, -1, error))
      return FALSE;
  }

  return g_rename (tmp, database) == 0;
}

static gsize
peak_memory (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int)pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL) || !(line = strstr (status, "VmHWM:")))
    return 0;

  return (gsize)g_ascii_strtoull (line + 6, NULL, 10) * 1024;
}

/* A page's "has_more" and "next_cursor" are its last members: read there,
 * without parsing megabytes of rows, as a client that streams would */
static gboolean
page_tail (GBytes  *page,
           char   **cursor,
           guint   *n_rows)
{
  gsize length;
  const char *data = g_bytes_get_data (page, &length);
  g_autofree char *text = g_strndup (data, length);
  const char *next = g_strrstr (text, "\"next_cursor\":\"");
  const char *more = g_strrstr (text, "\"has_more\":");

  g_assert_nonnull (next);
  g_assert_nonnull (more);

  *n_rows = 0;
  for (const char *p = text; (p = strstr (p, "{\"entity\":")) != NULL; p++)
    (*n_rows)++;

  next += strlen ("\"next_cursor\":\"");
  g_free (*cursor);
  *cursor = g_strndup (next, strcspn (next, "\""));

  return g_str_has_prefix (more + strlen ("\"has_more\":"), "true");
}

static double
timed_pull (CercleTestServer *server,
            const char       *token,
            const char       *club_id,
            guint            *n_rows)
{
  g_autofree char *cursor = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean has_more = TRUE;

  *n_rows = 0;
  while (has_more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=%d%s%s", club_id, PULL_LIMIT,
                                               cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
      g_autoptr(CercleTestResponse) response = cercle_test_request (server, "GET", path, token, NULL);
      guint n;

      g_assert_cmpuint (response->status, ==, 200);
      has_more = page_tail (response->body, &cursor, &n);
      *n_rows += n;
    }

  return (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* The raw tool's way to the same rows: SQLite writing each as JSON */
static int
baseline_pull (const char *database,
               const char *club_id)
{
  static const char * const tables[] = {
    "club", "member", "event", "registration", "referral", "one_to_one", "request",
  };
  g_autoptr(GString) page = g_string_new (NULL);
  sqlite3 *db = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n_rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autofree char *info = g_strdup_printf ("PRAGMA table_info (%s)", tables[t]);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *)sqlite3_column_text (stmt, 1);

          if (g_str_equal (name, "club_id") || g_str_equal (name, "id") || g_str_equal (name, "rev") ||
              g_str_equal (name, "updated_at") || g_str_equal (name, "deleted"))
            continue;
          g_string_append_printf (columns, "%s'%s', %s", columns->len > 0 ? ", " : "", name, name);
        }
      sqlite3_finalize (stmt);

      sql = g_strdup_printf ("SELECT json_object ('entity', '%s', 'id', id, 'rev', rev, 'updated_at', updated_at,"
                             " 'deleted', json (CASE deleted WHEN 0 THEN 'false' ELSE 'true' END),"
                             " 'fields', json_object (%s))"
                             " FROM %s WHERE club_id = ?1 ORDER BY rev",
                             tables[t], columns->str, tables[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          /* Pages of the same size as the server's, kept as long */
          if (n_rows % PULL_LIMIT == 0)
            g_string_truncate (page, 0);
          g_string_append_len (page, (const char *)sqlite3_column_text (stmt, 0), sqlite3_column_bytes (stmt, 0));
          g_string_append_c (page, ',');
          n_rows++;
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);

  g_print ("%u %.6f %" G_GSIZE_FORMAT "\n", n_rows, (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC,
           peak_memory (getpid ()));
  return 0;
}

static void
bench_pull (const char *program_path,
            const char *database)
{
  g_autoptr(CercleTestServer) server = cercle_test_server_new ("bench-pull");
  g_autofree char *staff_path = staff_email_path (database);
  g_autofree char *staff_email = NULL;
  g_autofree char *token = NULL;
  g_autofree char *club_id = NULL;
  g_autofree char *baseline_out = NULL;
  g_autoptr(GSubprocess) baseline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CercleTestResponse) clubs = NULL;
  g_autoptr(JsonObject) clubs_json = NULL;
  g_auto(GStrv) fields = NULL;
  guint n_rows = 0;
  double seconds;
  gsize server_memory;

  g_assert_true (g_file_get_contents (staff_path, &staff_email, NULL, NULL));

  /* The server reads the kept database; the pull writes nothing */
  g_free (server->database);
  server->database = g_strdup (database);
  cercle_test_server_start (server, NULL);

  token = cercle_test_login (server, staff_email, "bench");
  clubs = cercle_test_request (server, "GET", "/api/v1/clubs", token, NULL);
  clubs_json = cercle_test_response_json (clubs);
  club_id = g_strdup (json_object_get_string_member (
                        json_array_get_object_element (json_object_get_array_member (clubs_json, "clubs"), 0),
                        "id"));

  seconds = timed_pull (server, token, club_id, &n_rows);
  server_memory = peak_memory (server->pid);
  g_assert_cmpuint (n_rows, >, N_MEMBERS);
  g_assert_cmpint (cercle_test_server_stop (server), ==, 0);
  g_free (server->database);
  server->database = g_build_filename (server->dir, "unused.db", NULL);

  baseline = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program_path, database,
                               "--baseline-pull", database, club_id, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (baseline, NULL, NULL, &baseline_out, NULL, &error));
  fields = g_strsplit (g_strstrip (baseline_out), " ", 3);
  g_assert_cmpuint (g_ascii_strtoull (fields[0], NULL, 10), ==, n_rows);

  bench_report ("server.pull_100k", seconds, "s", "sqlite3", g_ascii_strtod (fields[1], NULL));
  bench_report ("server.pull_peak_memory", (double)server_memory / (1024 * 1024), "MiB", "sqlite3",
                (double)g_ascii_strtoull (fields[2], NULL, 10) / (1024 * 1024));
}

/* One member's device, pushing edits of its own profile */
typedef struct
{
  const char *base_url;
  char       *club_id;
  char       *email;
  char       *member_id;
  char       *client_id;
  GArray     *latencies;
  guint       n_applied;
  GMutex     *lock;
  GCond      *cond;
  gboolean   *go;
} Pusher;

static guint
post_json (SoupSession  *session,
           const char   *url,
           const char   *token,
           const char   *body,
           GBytes      **answer)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GError) error = NULL;
  GBytes *received;

  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  received = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  if (answer != NULL)
    *answer = received;
  else
    g_bytes_unref (received);

  return soup_message_get_status (msg);
}

static char *
login_in_thread (SoupSession *session,
                 const char  *base_url,
                 const char  *email)
{
  g_autofree char *url = g_strconcat (base_url, "/api/v1/session", NULL);
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\",\"device_name\":\"bench\"}",
                                           email, cercle_test_password ());
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (post_json (session, url, NULL, body, &answer), ==, 201);
  object = cercle_json_parse_object (g_bytes_get_data (answer, NULL), (gssize)g_bytes_get_size (answer), 8, NULL);

  return g_strdup (json_object_get_string_member (object, "token"));
}

static void
wait_for_go (GMutex   *lock,
             GCond    *cond,
             gboolean *go)
{
  g_mutex_lock (lock);
  while (!*go)
    g_cond_wait (cond, lock);
  g_mutex_unlock (lock);
}

static gpointer
push_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autofree char *token = login_in_thread (session, pusher->base_url, pusher->email);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/clubs/%s/sync/push", pusher->base_url, pusher->club_id);
  g_autofree char *previous = g_strdup ("null");
  gint64 mutation_no = 0;

  wait_for_go (pusher->lock, pusher->cond, pusher->go);

  for (guint push = 0; push < PUSHES_EACH; push++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GBytes) answer = NULL;
      gint64 start;

      g_string_append_printf (body, "{\"client_id\":\"%s\",\"mutations\":[", pusher->client_id);
      for (guint m = 0; m < BATCH; m++)
        {
          g_autofree char *photo = g_strdup_printf ("\"https://photos.exemple.fr/%u.jpg\"", push * BATCH + m);

          /* Each edit starts from the last: the merge applies it */
          g_string_append_printf (body, "%s{\"mutation_no\":%" G_GINT64_FORMAT ",\"entity\":\"member\","
                                  "\"row_id\":\"%s\",\"op\":\"update\","
                                  "\"changes\":{\"photo_uri\":{\"old\":%s,\"new\":%s}}}",
                                  m > 0 ? "," : "", ++mutation_no, pusher->member_id, previous, photo);
          g_free (previous);
          previous = g_steal_pointer (&photo);
        }
      g_string_append (body, "]}");

      start = g_get_monotonic_time ();
      g_assert_cmpuint (post_json (session, url, token, body->str, &answer), ==, 200);
      {
        double ms = (double)(g_get_monotonic_time () - start) / 1000.0;

        g_array_append_val (pusher->latencies, ms);
      }

      for (const char *p = g_bytes_get_data (answer, NULL); (p = strstr (p, "\"applied\"")) != NULL; p++)
        pusher->n_applied++;
    }

  return NULL;
}

/* Raw SQLite doing the writes of the same pushes, one transaction each */
static void
baseline_push (const char *database,
               Pusher     *pushers,
               double     *mutations_per_second,
               double     *p99_ms)
{
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;
  sqlite3_stmt *select_row, *update_row, *next_seq, *save_answer;
  gint64 start;
  guint n = 0;

  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT photo_uri, rev FROM member WHERE club_id = ?1 AND id = ?2",
                                       -1, &select_row, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE member SET photo_uri = ?3, rev = ?4, updated_at = ?5"
                                           " WHERE club_id = ?1 AND id = ?2", -1, &update_row, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE club_seq SET seq = seq + 1 WHERE club_id = ?1 RETURNING seq",
                                       -1, &next_seq, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO answer (club_id, account_id, client_id, mutation_no, answer)"
                                           " VALUES (?1, 'baseline', ?2, ?3, ?4)", -1, &save_answer, NULL),
                   ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  for (guint push = 0; push < PUSHES_EACH; push++)
    for (guint c = 0; c < N_CLIENTS; c++)
      {
        gint64 push_start = g_get_monotonic_time ();

        g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
        for (guint m = 0; m < BATCH; m++)
          {
            g_autofree char *photo = g_strdup_printf ("https://photos.exemple.fr/%u.jpg", push * BATCH + m);
            gint64 seq;

            sqlite3_bind_text (select_row, 1, pushers[c].club_id, -1, SQLITE_STATIC);
            sqlite3_bind_text (select_row, 2, pushers[c].member_id, -1, SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (select_row), ==, SQLITE_ROW);
            sqlite3_reset (select_row);

            sqlite3_bind_text (next_seq, 1, pushers[c].club_id, -1, SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (next_seq), ==, SQLITE_ROW);
            seq = sqlite3_column_int64 (next_seq, 0);
            sqlite3_step (next_seq);
            sqlite3_reset (next_seq);

            sqlite3_bind_text (update_row, 1, pushers[c].club_id, -1, SQLITE_STATIC);
            sqlite3_bind_text (update_row, 2, pushers[c].member_id, -1, SQLITE_STATIC);
            sqlite3_bind_text (update_row, 3, photo, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (update_row, 4, seq);
            sqlite3_bind_text (update_row, 5, "2026-11-23T10:00:00Z", -1, SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (update_row), ==, SQLITE_DONE);
            sqlite3_reset (update_row);

            sqlite3_bind_text (save_answer, 1, pushers[c].club_id, -1, SQLITE_STATIC);
            sqlite3_bind_text (save_answer, 2, pushers[c].client_id, -1, SQLITE_STATIC);
            sqlite3_bind_int64 (save_answer, 3, ++n);
            sqlite3_bind_text (save_answer, 4, "{\"mutation_no\":1,\"status\":\"applied\",\"rev\":1}", -1,
                               SQLITE_STATIC);
            g_assert_cmpint (sqlite3_step (save_answer), ==, SQLITE_DONE);
            sqlite3_reset (save_answer);
          }
        g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
        {
          double ms = (double)(g_get_monotonic_time () - push_start) / 1000.0;

          g_array_append_val (latencies, ms);
        }
      }

  *mutations_per_second = n / ((double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  *p99_ms = bench_percentile (latencies, 99);

  sqlite3_finalize (select_row);
  sqlite3_finalize (update_row);
  sqlite3_finalize (next_seq);
  sqlite3_finalize (save_answer);
  sqlite3_close (db);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Eight members with accounts, and their rows */
static Pusher *
pick_pushers (const char *database)
{
  Pusher *pushers = g_new0 (Pusher, N_CLIENTS);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT a.email, ms.member_id, ms.club_id FROM account a"
                                       " JOIN membership ms ON ms.account_id = a.id"
                                       " JOIN member m ON m.club_id = ms.club_id AND m.id = ms.member_id"
                                       " WHERE m.role = 'member' AND m.deleted = 0 ORDER BY a.email LIMIT ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, N_CLIENTS);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      pushers[n].email = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      pushers[n].member_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      pushers[n].club_id = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      pushers[n].client_id = g_uuid_string_random ();
      pushers[n].latencies = g_array_new (FALSE, FALSE, sizeof (double));
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, ==, N_CLIENTS);

  return pushers;
}

static void
bench_push (const char *database)
{
  g_autoptr(CercleTestServer) server = cercle_test_server_new ("bench-push");
  g_autofree char *baseline_db = g_build_filename (server->dir, "baseline.db", NULL);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  Pusher *pushers;
  GThread *threads[N_CLIENTS];
  GMutex lock;
  GCond cond;
  gboolean go = FALSE;
  guint n_applied = 0;
  double seconds;
  double baseline_rate;
  double baseline_p99;
  gint64 start;

  copy_file (database, server->database);
  copy_file (database, baseline_db);
  pushers = pick_pushers (database);

  g_mutex_init (&lock);
  g_cond_init (&cond);
  cercle_test_server_start (server, NULL);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      pushers[i].base_url = server->base_url;
      pushers[i].lock = &lock;
      pushers[i].cond = &cond;
      pushers[i].go = &go;
      threads[i] = g_thread_new ("pusher", push_thread, &pushers[i]);
    }

  /* Every client signed in; then all push at once */
  g_usleep (G_USEC_PER_SEC);
  g_mutex_lock (&lock);
  go = TRUE;
  start = g_get_monotonic_time ();
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);

  for (guint i = 0; i < N_CLIENTS; i++)
    g_thread_join (threads[i]);
  seconds = (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_array_append_vals (latencies, pushers[i].latencies->data, pushers[i].latencies->len);
      n_applied += pushers[i].n_applied;
    }
  g_assert_cmpuint (n_applied, ==, N_CLIENTS * PUSHES_EACH * BATCH);
  g_assert_cmpint (cercle_test_server_stop (server), ==, 0);

  baseline_push (baseline_db, pushers, &baseline_rate, &baseline_p99);

  bench_report ("server.push_throughput", n_applied / seconds, "mutations/s", "sqlite3", baseline_rate);
  bench_report ("server.push_median", bench_median (latencies), "ms", NULL, 0);
  bench_report ("server.push_p99", bench_percentile (latencies, 99), "ms", "sqlite3", baseline_p99);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_free (pushers[i].club_id);
      g_free (pushers[i].email);
      g_free (pushers[i].member_id);
      g_free (pushers[i].client_id);
      g_array_unref (pushers[i].latencies);
    }
  g_free (pushers);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

typedef struct
{
  const char *base_url;
  const char *email;
  GArray     *latencies;
  GMutex     *lock;
  GCond      *cond;
  gboolean   *go;
} Signer;

static gpointer
login_thread (gpointer data)
{
  Signer *signer = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);

  wait_for_go (signer->lock, signer->cond, signer->go);

  for (guint i = 0; i < LOGINS_EACH; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *token = login_in_thread (session, signer->base_url, signer->email);

      {
        double ms = (double)(g_get_monotonic_time () - start) / 1000.0;

        g_array_append_val (signer->latencies, ms);
      }
    }

  return NULL;
}

typedef struct
{
  const char *hash;
  guint       n;
} Verifier;

static gpointer
verify_thread (gpointer data)
{
  Verifier *verifier = data;
  const char *password = cercle_test_password ();

  for (guint i = 0; i < verifier->n; i++)
    g_assert_cmpint (crypto_pwhash_str_verify (verifier->hash, password, strlen (password)), ==, 0);

  return NULL;
}

static void
bench_login (const char *database)
{
  g_autoptr(CercleTestServer) server = cercle_test_server_new ("bench-login");
  const char * const args[] = { "--password-cost", "interactive", "--max-hashes", "2", NULL };
  Signer signers[N_LOGIN_THREADS];
  GThread *threads[N_LOGIN_THREADS];
  char *emails[N_LOGIN_THREADS];
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *club_id = NULL;
  g_autofree char *hash = NULL;
  Verifier verifiers[2];
  GThread *verify[2];
  GMutex lock;
  GCond cond;
  gboolean go = FALSE;
  gint64 start;
  double seconds;
  double baseline_seconds;

  /* A small club whose accounts have hashes of the real cost */
  g_free (cercle_test_server_command_ok (server, "init", "--club-name", "Club Bench",
                                         "--admin-email", "admin@bench.exemple.fr", NULL));
  club_id = cercle_test_server_command_ok (server, "club", "add", "--name", "Club des hashes", NULL);
  for (guint i = 0; i < N_LOGIN_THREADS; i++)
    {
      g_autoptr(GSubprocess) add = NULL;
      g_autoptr(GError) error = NULL;

      emails[i] = g_strdup_printf ("membre%u@bench.exemple.fr", i);
      g_setenv ("CERCLE_PASSWORD", cercle_test_password (), TRUE);
      add = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cercle_test_server_program (),
                              "account", "add", "--database", server->database, "--email", emails[i],
                              "--club", club_id, "--password-cost", "interactive", NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait_check (add, NULL, &error));
    }

  g_mutex_init (&lock);
  g_cond_init (&cond);
  cercle_test_server_start (server, args);

  for (guint i = 0; i < N_LOGIN_THREADS; i++)
    {
      signers[i] = (Signer) { server->base_url, emails[i], g_array_new (FALSE, FALSE, sizeof (double)),
                              &lock, &cond, &go };
      threads[i] = g_thread_new ("signer", login_thread, &signers[i]);
    }

  g_mutex_lock (&lock);
  go = TRUE;
  start = g_get_monotonic_time ();
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  for (guint i = 0; i < N_LOGIN_THREADS; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (latencies, signers[i].latencies->data, signers[i].latencies->len);
      g_array_unref (signers[i].latencies);
      g_free (emails[i]);
    }
  seconds = (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_assert_cmpint (cercle_test_server_stop (server), ==, 0);

  /* libsodium alone, verifying as many passwords on as many threads */
  g_assert_cmpint (sodium_init (), >=, 0);
  hash = g_malloc (crypto_pwhash_STRBYTES);
  g_assert_cmpint (crypto_pwhash_str (hash, cercle_test_password (), strlen (cercle_test_password ()),
                                      crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 2; i++)
    {
      verifiers[i] = (Verifier) { hash, N_LOGIN_THREADS * LOGINS_EACH / 2 };
      verify[i] = g_thread_new ("verify", verify_thread, &verifiers[i]);
    }
  for (guint i = 0; i < 2; i++)
    g_thread_join (verify[i]);
  baseline_seconds = (double)(g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  bench_report ("server.login_rate", N_LOGIN_THREADS * LOGINS_EACH / seconds, "logins/s", "libsodium",
                N_LOGIN_THREADS * LOGINS_EACH / baseline_seconds);
  bench_report ("server.login_p99", bench_percentile (latencies, 99), "ms", NULL, 0);

  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  if (argc == 5 && g_str_equal (argv[2], "--baseline-pull"))
    return baseline_pull (argv[3], argv[4]);

  if (argc != 2)
    {
      g_printerr ("Usage: %s SERVER-DB\n", argv[0]);
      return 1;
    }

  if (g_getenv ("CERCLE_SERVER") == NULL)
    {
      g_printerr ("bench-server needs $CERCLE_SERVER\n");
      return BENCH_SKIP;
    }

  if (!ensure_server_database (argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  bench_pull (argv[0], argv[1]);
  bench_push (argv[1]);
  bench_login (argv[1]);

  return 0;
}
