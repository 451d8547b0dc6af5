/* cercle-test-pg.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cercle-test-pg.h"
#include "cercle-test-utils.h"

/* The tests' PostgreSQL is a cluster of their own, never the machine's:
 * nothing to configure, nothing left behind, and the same on a fresh
 * Debian 12 as on a developer's laptop. PostgreSQL refuses to run as
 * root, so a test run as root (CI, containers) runs it as "nobody", with
 * setpriv from util-linux. */

#define SUPERUSER "cercle_test"
/* The socket's name is .s.PGSQL.PORT in the cluster's own folder: no
 * other cluster shares it, whatever the port */
#define PORT      "5432"

static struct
{
  char        *dir;
  char        *socket_dir;
  GSubprocess *postmaster;
  guint        n_databases;
} cluster;

gboolean
cercle_test_pg_wanted (void)
{
  return g_strcmp0 (g_getenv ("CERCLE_TEST_STORAGE"), "postgresql") == 0;
}

/* Debian keeps the server's programs out of $PATH, one folder per major
 * version: the newest wins */
static char *
find_program (const char *name)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  const char *version;
  int best_major = 0;
  char *in_path;

  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (version = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/usr/lib/postgresql", version, "bin", name, NULL);
      int major = atoi (version);

      if (major > best_major && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        {
          best_major = major;
          g_free (best);
          best = g_steal_pointer (&path);
        }
    }
  if (best != NULL)
    return g_steal_pointer (&best);

  in_path = g_find_program_in_path (name);
  if (in_path == NULL)
    g_error ("PostgreSQL's %s is not installed: build-aux/dev deps installs it", name);

  return in_path;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGQUIT);
}

/* @argv, as an unprivileged user when we are root; a program that dies
 * with the test (setpriv keeps the death signal across its change of
 * user, which the kernel would otherwise clear) */
static GSubprocess *
spawn (const char * const  *argv,
       const char          *log_path)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  if (getuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");

      g_assert_nonnull (nobody);
      g_ptr_array_add (full, g_strdup ("setpriv"));
      g_ptr_array_add (full, g_strdup_printf ("--reuid=%u", (guint)nobody->pw_uid));
      g_ptr_array_add (full, g_strdup_printf ("--regid=%u", (guint)nobody->pw_gid));
      g_ptr_array_add (full, g_strdup ("--clear-groups"));
      g_ptr_array_add (full, g_strdup ("--pdeathsig=SIGQUIT"));
      g_ptr_array_add (full, g_strdup ("--"));
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, g_strdup (argv[i]));
  g_ptr_array_add (full, NULL);

  g_subprocess_launcher_set_cwd (launcher, cluster.dir);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PGDATA");
  g_subprocess_launcher_unsetenv (launcher, "PGHOST");
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)full->pdata, &error);
  g_assert_no_error (error);

  return process;
}

static void
fail_with_log (const char *what,
               const char *log_path)
{
  g_autofree char *log = NULL;

  g_file_get_contents (log_path, &log, NULL, NULL);
  g_error ("%s failed: %s", what, log != NULL ? log : "");
}

static char *
admin_conninfo (const char *dbname)
{
  return g_strdup_printf ("host=%s port=" PORT " user=" SUPERUSER " dbname=%s",
                          cluster.socket_dir, dbname);
}

static void
start_cluster (void)
{
  g_autofree char *initdb = find_program ("initdb");
  g_autofree char *postgres = find_program ("postgres");
  g_autofree char *data = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(GSubprocess) init = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  /* A short path: a Unix socket's name has room for about 100 bytes */
  cluster.dir = g_dir_make_tmp ("cercle-pg-XXXXXX", &error);
  g_assert_no_error (error);
  if (getuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");

      g_assert_nonnull (nobody);
      g_assert_cmpint (chown (cluster.dir, nobody->pw_uid, nobody->pw_gid), ==, 0);
    }
  cluster.socket_dir = g_strdup (cluster.dir);
  data = g_build_filename (cluster.dir, "data", NULL);
  log_path = g_build_filename (cluster.dir, "initdb.log", NULL);

  {
    const char * const argv[] = { initdb, "--pgdata", data, "--username", SUPERUSER,
                                  "--auth", "trust", "--encoding", "UTF8", "--locale", "C",
                                  "--no-sync", NULL };

    init = spawn (argv, log_path);
    g_subprocess_wait (init, NULL, &error);
    g_assert_no_error (error);
    if (!g_subprocess_get_successful (init))
      fail_with_log ("initdb", log_path);
  }

  g_free (log_path);
  log_path = g_build_filename (cluster.dir, "postgres.log", NULL);
  {
    /* Durability is not what the tests check: a crash loses a test's
     * database, which goes anyway */
    const char * const argv[] = { postgres, "-D", data, "-k", cluster.socket_dir, "-p", PORT,
                                  "-c", "listen_addresses=", "-c", "fsync=off",
                                  "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                                  "-c", "max_connections=300", "-c", "shared_buffers=32MB",
                                  NULL };

    cluster.postmaster = spawn (argv, log_path);
  }

  conninfo = admin_conninfo ("postgres");
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (PQping (conninfo) != PQPING_OK)
    {
      if (g_get_monotonic_time () > deadline)
        fail_with_log ("postgres", log_path);
      if (g_subprocess_get_identifier (cluster.postmaster) == NULL)
        fail_with_log ("postgres", log_path);
      g_usleep (50 * 1000);
    }

  atexit (cercle_test_pg_stop);
}

static void
run_sql (const char *conninfo,
         const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot reach the tests' PostgreSQL: %s", PQerrorMessage (conn));

  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));

  PQclear (result);
  PQfinish (conn);
}

/**
 * cercle_test_pg_new_database:
 * @name: what the test calls it (any text)
 *
 * Starts the program's cluster if need be, and makes an empty database in
 * it.
 *
 * Returns: (transfer full): its postgresql:// URI, as cercle-server takes it
 */
char *
cercle_test_pg_new_database (const char *name)
{
  g_autoptr(GString) dbname = g_string_new ("t");
  g_autofree char *conninfo = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *host = NULL;

  if (cluster.postmaster == NULL)
    start_cluster ();

  for (const char *p = name; *p != '\0' && dbname->len < 40; p++)
    g_string_append_c (dbname, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '_');
  g_string_append_printf (dbname, "_%u", ++cluster.n_databases);

  conninfo = admin_conninfo ("postgres");
  sql = g_strdup_printf ("CREATE DATABASE \"%s\"", dbname->str);
  run_sql (conninfo, sql);

  host = g_uri_escape_string (cluster.socket_dir, NULL, FALSE);
  return g_strdup_printf ("postgresql://" SUPERUSER "@/%s?host=%s&port=" PORT, dbname->str, host);
}

static char *
dbname_of (const char *uri)
{
  PQconninfoOption *options;
  g_autofree char *plain = NULL;
  const char *query = strchr (uri, '?');
  char *dbname = NULL;

  /* Our own parameters (pool_size) would not parse */
  plain = g_strndup (uri, query != NULL ? (gsize)(query - uri) : strlen (uri));
  options = PQconninfoParse (plain, NULL);
  if (options == NULL)
    g_error ("not a PostgreSQL address: %s", uri);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (g_str_equal (option->keyword, "dbname") && option->val != NULL)
      dbname = g_strdup (option->val);
  PQconninfoFree (options);

  g_assert_nonnull (dbname);
  return dbname;
}

/**
 * cercle_test_pg_copy_database:
 *
 * Replaces the database of @to_uri with a copy of @from_uri's, as a
 * restore from a backup does; nothing may be connected to either.
 */
void
cercle_test_pg_copy_database (const char *from_uri,
                              const char *to_uri)
{
  g_autofree char *from = dbname_of (from_uri);
  g_autofree char *to = dbname_of (to_uri);
  g_autofree char *conninfo = admin_conninfo ("postgres");
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", to);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE \"%s\" TEMPLATE \"%s\"", to, from);

  g_assert_nonnull (cluster.postmaster);
  run_sql (conninfo, drop);
  run_sql (conninfo, create);
}

/* Runs @sql in the database of @uri, as its administrator would */
void
cercle_test_pg_exec (const char *uri,
                     const char *sql)
{
  g_autofree char *dbname = dbname_of (uri);
  g_autofree char *conninfo = admin_conninfo (dbname);

  g_assert_nonnull (cluster.postmaster);
  run_sql (conninfo, sql);
}

/* The number the first row of @sql says, in the database of @uri */
gint64
cercle_test_pg_query_int64 (const char *uri,
                            const char *sql)
{
  g_autofree char *dbname = dbname_of (uri);
  g_autofree char *conninfo = admin_conninfo (dbname);
  PGconn *conn;
  PGresult *result;
  gint64 value;

  g_assert_nonnull (cluster.postmaster);
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot reach the tests' PostgreSQL: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) < 1)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);

  return value;
}

/**
 * cercle_test_pg_stop:
 *
 * Stops the program's cluster and removes it; called at exit.
 */
void
cercle_test_pg_stop (void)
{
  if (cluster.postmaster == NULL)
    return;

  /* An immediate shutdown: nothing in it is worth a checkpoint */
  g_subprocess_send_signal (cluster.postmaster, SIGQUIT);
  g_subprocess_wait (cluster.postmaster, NULL, NULL);
  g_clear_object (&cluster.postmaster);

  if (g_getenv ("CERCLE_TEST_KEEP") == NULL)
    cercle_test_remove_dir (cluster.dir);
  g_clear_pointer (&cluster.dir, g_free);
  g_clear_pointer (&cluster.socket_dir, g_free);
}
