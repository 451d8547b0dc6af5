/* cercle-test-server.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "cercle-test-pg.h"
#include "cercle-test-server.h"
#include "cercle-test-utils.h"

/* What the server's tests share: a real cercle-server process on
 * 127.0.0.1, its admin commands, and a few HTTP helpers on libsoup. The
 * server is found in $CERCLE_SERVER, which meson sets. */

#define DEFAULT_PASSWORD "mot-de-passe-de-test"

const char *
cercle_test_server_program (void)
{
  const char *program = g_getenv ("CERCLE_SERVER");

  g_assert_nonnull (program);

  return program;
}

/* The tests' password: $CERCLE_ADMIN_PASSWORD when set, as DESIGN.md says */
const char *
cercle_test_password (void)
{
  const char *password = g_getenv ("CERCLE_ADMIN_PASSWORD");

  return password != NULL && *password != '\0' ? password : DEFAULT_PASSWORD;
}

/* A server outlives no test: when the test dies (a failed assertion
 * aborts it), the kernel stops its server too */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  const char *demo = g_getenv ("CERCLE_DEMO_PASSWORD");

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);

  g_subprocess_launcher_setenv (launcher, "CERCLE_ADMIN_PASSWORD", cercle_test_password (), TRUE);
  g_subprocess_launcher_setenv (launcher, "CERCLE_PASSWORD", cercle_test_password (), TRUE);
  g_subprocess_launcher_setenv (launcher, "CERCLE_DEMO_PASSWORD",
                                demo != NULL && *demo != '\0' ? demo : cercle_test_password (), TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");

  return launcher;
}

CercleTestServer *
cercle_test_server_new (const char *name)
{
  CercleTestServer *self = g_new0 (CercleTestServer, 1);

  self->dir = cercle_test_make_dir (name);
  /* The same suites run on either storage: meson runs them twice */
  if (cercle_test_pg_wanted ())
    self->database = cercle_test_pg_new_database (name);
  else
    self->database = g_build_filename (self->dir, "server.db", NULL);
  self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);

  return self;
}

/**
 * cercle_test_server_new_on:
 *
 * Another server on the database of @other, in a folder of its own: one
 * more process of the same federation.
 */
CercleTestServer *
cercle_test_server_new_on (const char       *name,
                           CercleTestServer *other)
{
  return cercle_test_server_new_at (name, other->database);
}

/* A server on @database, a file or a postgresql:// URI */
CercleTestServer *
cercle_test_server_new_at (const char *name,
                           const char *database)
{
  CercleTestServer *self = g_new0 (CercleTestServer, 1);

  self->dir = cercle_test_make_dir (name);
  self->database = g_strdup (database);
  self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);

  return self;
}

/**
 * cercle_test_server_new_client:
 *
 * A client of the running @server with an HTTP session of its own, for
 * another thread: it neither starts nor stops the server.
 */
CercleTestServer *
cercle_test_server_new_client (CercleTestServer *server)
{
  CercleTestServer *self = g_new0 (CercleTestServer, 1);

  self->database = g_strdup (server->database);
  self->base_url = g_strdup (server->base_url);
  self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);

  return self;
}

void
cercle_test_server_free (CercleTestServer *self)
{
  if (self == NULL)
    return;

  if (self->pid != 0)
    cercle_test_server_stop (self);

  g_clear_object (&self->session);
  if (g_getenv ("CERCLE_TEST_KEEP") == NULL)
    cercle_test_remove_dir (self->dir);
  g_free (self->dir);
  g_free (self->database);
  g_free (self->base_url);
  g_free (self);
}

static GPtrArray *
collect_args (const char *first_arg,
              va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer)cercle_test_server_program ());
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);

  return argv;
}

static char *
run_command (CercleTestServer *self,
             int              *exit_status,
             GPtrArray        *argv)
{
  const char *command;
  const char *sub;
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  command = argv->len > 1 ? argv->pdata[1] : "";
  sub = argv->len > 2 ? argv->pdata[2] : "";

  g_ptr_array_add (argv, (gpointer)"--database");
  g_ptr_array_add (argv, self->database);

  /* Hashes made for tests are cheap; only the commands that make one
   * take the option */
  if (g_str_equal (command, "init") || g_str_equal (command, "demo") ||
      (g_str_equal (command, "account") && (g_str_equal (sub, "add") || g_str_equal (sub, "reset-password"))))
    {
      g_ptr_array_add (argv, (gpointer)"--password-cost");
      g_ptr_array_add (argv, (gpointer)"minimum");
    }
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  *exit_status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (*exit_status != 0)
    g_test_message ("cercle-server %s: %s", (const char *)argv->pdata[1], err);

  return g_strconcat (out, err, NULL);
}

/**
 * cercle_test_server_spawn:
 *
 * Starts "cercle-server ARGS --database DB" (no password-making command)
 * and returns at once, its output thrown away.
 *
 * Returns: (transfer full): the running command
 */
GSubprocess *
cercle_test_server_spawn (CercleTestServer *self,
                          const char       *first_arg,
                          ...)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list args;

  va_start (args, first_arg);
  argv = collect_args (first_arg, args);
  va_end (args);

  g_ptr_array_add (argv, (gpointer)"--database");
  g_ptr_array_add (argv, self->database);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

/**
 * cercle_test_server_command:
 *
 * Runs "cercle-server ARGS --database DB --password-cost minimum".
 *
 * Returns: what it wrote, stdout then stderr
 */
char *
cercle_test_server_command (CercleTestServer *self,
                            int              *exit_status,
                            const char       *first_arg,
                            ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first_arg);
  argv = collect_args (first_arg, args);
  va_end (args);

  return run_command (self, exit_status, argv);
}

/* As cercle_test_server_command(), which must succeed; returns its first
 * line of output, stripped */
char *
cercle_test_server_command_ok (CercleTestServer *self,
                               const char       *first_arg,
                               ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;
  int status = -1;
  va_list args;

  va_start (args, first_arg);
  argv = collect_args (first_arg, args);
  va_end (args);

  output = run_command (self, &status, argv);
  g_assert_cmpint (status, ==, 0);

  lines = g_strsplit (output, "\n", 2);
  return g_strstrip (g_strdup (lines[0] != NULL ? lines[0] : ""));
}

/**
 * cercle_test_server_start:
 * @extra_args: (nullable): more options for "serve"
 *
 * Starts "cercle-server serve" on 127.0.0.1 and a free port, and waits
 * until it listens.
 */
void
cercle_test_server_start (CercleTestServer   *self,
                          const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = g_build_filename (self->dir, "server.log", NULL);
  g_autofree char *line = NULL;
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *url;

  g_assert_cmpint (self->pid, ==, 0);

  g_ptr_array_add (argv, (gpointer)cercle_test_server_program ());
  g_ptr_array_add (argv, (gpointer)"serve");
  g_ptr_array_add (argv, (gpointer)"--database");
  g_ptr_array_add (argv, self->database);
  g_ptr_array_add (argv, (gpointer)"--port");
  g_ptr_array_add (argv, (gpointer)"0");
  g_ptr_array_add (argv, (gpointer)"--password-cost");
  g_ptr_array_add (argv, (gpointer)"minimum");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)extra_args[i]);
  g_ptr_array_add (argv, NULL);

  /* The request log goes to a file, one per run of the server: a pipe
   * nobody reads would fill */
  g_unlink (log_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    {
      g_autofree char *log = NULL;

      g_file_get_contents (log_path, &log, NULL, NULL);
      g_error ("cercle-server did not start: %s", log);
    }

  url = strstr (line, "http");
  g_assert_nonnull (url);
  g_free (self->base_url);
  self->base_url = g_strdup (url);
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  self->pid = (GPid)g_ascii_strtoll (g_subprocess_get_identifier (process), NULL, 10);
  g_object_set_data_full (G_OBJECT (self->session), "cercle-process", g_steal_pointer (&process),
                          g_object_unref);
}

/**
 * cercle_test_server_stop:
 *
 * Stops the server with SIGTERM, as systemd does.
 *
 * Returns: its exit status
 */
int
cercle_test_server_stop (CercleTestServer *self)
{
  GSubprocess *process = g_object_get_data (G_OBJECT (self->session), "cercle-process");
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (process);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  self->pid = 0;
  g_object_set_data (G_OBJECT (self->session), "cercle-process", NULL);

  /* Connections to the old process are of no use to the next one */
  g_clear_object (&self->session);
  self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);

  return status;
}

/**
 * cercle_test_server_kill:
 *
 * Kills the server with SIGKILL, as a crash or a power cut would: no
 * request it was answering gets its answer.
 */
void
cercle_test_server_kill (CercleTestServer *self)
{
  GSubprocess *process = g_object_get_data (G_OBJECT (self->session), "cercle-process");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (process);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  self->pid = 0;
  g_object_set_data (G_OBJECT (self->session), "cercle-process", NULL);
  g_clear_object (&self->session);
  self->session = soup_session_new_with_options ("timeout", 30, "proxy-resolver", NULL, NULL);
}

/**
 * cercle_test_server_backup:
 *
 * Copies the stopped server's database, as an administrator's backup.
 *
 * Returns: (transfer full): where the copy is, for
 *   cercle_test_server_restore()
 */
char *
cercle_test_server_backup (CercleTestServer *self)
{
  g_autofree char *contents = NULL;
  g_autofree char *backup = NULL;
  gsize length;

  g_assert_cmpint (self->pid, ==, 0);

  if (cercle_test_pg_wanted ())
    {
      backup = cercle_test_pg_new_database ("backup");
      cercle_test_pg_copy_database (self->database, backup);
      return g_steal_pointer (&backup);
    }

  backup = g_build_filename (self->dir, "backup.db", NULL);
  g_assert_true (g_file_get_contents (self->database, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (backup, contents, (gssize)length, NULL));
  return g_steal_pointer (&backup);
}

/* Puts @backup back in place of the stopped server's database */
void
cercle_test_server_restore (CercleTestServer *self,
                            const char       *backup)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  gsize length;

  g_assert_cmpint (self->pid, ==, 0);

  if (cercle_test_pg_wanted ())
    {
      cercle_test_pg_copy_database (backup, self->database);
      return;
    }

  wal = g_strconcat (self->database, "-wal", NULL);
  shm = g_strconcat (self->database, "-shm", NULL);
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (self->database, contents, (gssize)length, NULL));
  g_unlink (wal);
  g_unlink (shm);
}

char *
cercle_test_server_read_log (CercleTestServer *self)
{
  g_autofree char *log_path = g_build_filename (self->dir, "server.log", NULL);
  char *log = NULL;

  g_file_get_contents (log_path, &log, NULL, NULL);
  return log != NULL ? log : g_strdup ("");
}

guint
cercle_test_server_get_port (CercleTestServer *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);

  return (guint)g_uri_get_port (uri);
}

/**
 * cercle_test_request:
 * @token: (nullable): a bearer token
 * @json_body: (nullable): a body, sent as application/json
 */
CercleTestResponse *
cercle_test_request (CercleTestServer *self,
                     const char       *method,
                     const char       *path,
                     const char       *token,
                     const char       *json_body)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  CercleTestResponse *response = g_new0 (CercleTestResponse, 1);

  g_assert_nonnull (msg);

  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }

  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  response->body = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  return response;
}

void
cercle_test_response_free (CercleTestResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

JsonObject *
cercle_test_response_json (CercleTestResponse *response)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);
  JsonObject *object = cercle_json_parse_object (data != NULL ? data : "", (gssize)length, 64, &error);

  if (object == NULL)
    g_error ("Not a JSON object (%s): %.*s", error->message, (int)MIN (length, 400), data);

  return object;
}

/* Signs in with the tests' password; returns the token */
char *
cercle_test_login (CercleTestServer *self,
                   const char       *email,
                   const char       *device)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *text = NULL;
  g_autoptr(CercleTestResponse) response = NULL;
  g_autoptr(JsonObject) answer = NULL;

  json_object_set_string_member (body, "email", email);
  json_object_set_string_member (body, "password", cercle_test_password ());
  json_object_set_string_member (body, "device_name", device);
  text = cercle_json_object_to_string (body);

  response = cercle_test_request (self, "POST", "/api/v1/session", NULL, text);
  g_assert_cmpuint (response->status, ==, 201);
  answer = cercle_test_response_json (response);

  return g_strdup (json_object_get_string_member (answer, "token"));
}

/**
 * cercle_test_mutation:
 * @first_field: a field name, then its old value and its new value as JSON
 *   texts (the old one %NULL for none), and so on, ending with %NULL
 *
 * Returns: (transfer full): a mutation as a push carries it
 */
JsonObject *
cercle_test_mutation (gint64      mutation_no,
                      const char *entity,
                      const char *row_id,
                      const char *op,
                      gint64      base_rev,
                      const char *first_field,
                      ...)
{
  JsonObject *mutation = json_object_new ();
  JsonObject *changes = json_object_new ();
  va_list args;

  json_object_set_int_member (mutation, "mutation_no", mutation_no);
  json_object_set_string_member (mutation, "entity", entity);
  json_object_set_string_member (mutation, "row_id", row_id);
  json_object_set_string_member (mutation, "op", op);
  json_object_set_int_member (mutation, "base_rev", base_rev);

  va_start (args, first_field);
  for (const char *field = first_field; field != NULL; field = va_arg (args, const char *))
    {
      const char *old_text = va_arg (args, const char *);
      const char *new_text = va_arg (args, const char *);
      JsonObject *pair = json_object_new ();

      if (old_text != NULL)
        json_object_set_member (pair, "old", json_from_string (old_text, NULL));
      json_object_set_member (pair, "new", json_from_string (new_text, NULL));
      json_object_set_object_member (changes, field, pair);
    }
  va_end (args);

  json_object_set_object_member (mutation, "changes", changes);

  return mutation;
}

/**
 * cercle_test_push:
 * @mutations: (transfer full): the mutations
 * @status: (out) (optional): the HTTP status
 *
 * Returns: (transfer full) (nullable): the answer when it is 200
 */
JsonObject *
cercle_test_push (CercleTestServer *self,
                  const char       *token,
                  const char       *club_id,
                  const char       *client_id,
                  JsonArray        *mutations,
                  guint            *status)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *text = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/push", club_id);
  g_autoptr(CercleTestResponse) response = NULL;

  json_object_set_string_member (body, "client_id", client_id);
  json_object_set_array_member (body, "mutations", mutations);
  text = cercle_json_object_to_string (body);

  response = cercle_test_request (self, "POST", path, token, text);
  if (status != NULL)
    *status = response->status;

  if (response->status != 200)
    return NULL;

  return cercle_test_response_json (response);
}

/**
 * cercle_test_pull_all:
 *
 * Pulls every page from the start.
 *
 * Returns: (transfer container) (element-type JsonObject): every row
 */
GPtrArray *
cercle_test_pull_all (CercleTestServer *self,
                      const char       *token,
                      const char       *club_id,
                      guint             limit)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  g_autofree char *cursor = NULL;
  gboolean has_more = TRUE;

  while (has_more)
    {
      g_autofree char *path = NULL;
      g_autoptr(CercleTestResponse) response = NULL;
      g_autoptr(JsonObject) page = NULL;
      JsonArray *page_rows;

      path = g_strdup_printf ("/api/v1/clubs/%s/sync/pull?limit=%u%s%s", club_id, limit,
                              cursor != NULL ? "&cursor=" : "", cursor != NULL ? cursor : "");
      response = cercle_test_request (self, "GET", path, token, NULL);
      g_assert_cmpuint (response->status, ==, 200);
      page = cercle_test_response_json (response);

      page_rows = json_object_get_array_member (page, "rows");
      g_assert_cmpuint (json_array_get_length (page_rows), <=, limit);
      for (guint i = 0; i < json_array_get_length (page_rows); i++)
        g_ptr_array_add (rows, json_object_ref (json_array_get_object_element (page_rows, i)));

      has_more = json_object_get_boolean_member (page, "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));
    }

  return g_steal_pointer (&rows);
}

/* The last version of row @id among @rows */
JsonObject *
cercle_test_find_row (GPtrArray  *rows,
                      const char *id)
{
  for (guint i = rows->len; i > 0; i--)
    {
      JsonObject *row = g_ptr_array_index (rows, i - 1);

      if (g_str_equal (json_object_get_string_member (row, "id"), id))
        return row;
    }

  return NULL;
}

/* The member @token signs in as in @club_id, from GET /clubs */
char *
cercle_test_member_id (CercleTestServer *self,
                       const char       *token,
                       const char       *club_id)
{
  g_autoptr(CercleTestResponse) response = cercle_test_request (self, "GET", "/api/v1/clubs", token, NULL);
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *clubs;

  g_assert_cmpuint (response->status, ==, 200);
  answer = cercle_test_response_json (response);
  clubs = json_object_get_array_member (answer, "clubs");

  for (guint i = 0; i < json_array_get_length (clubs); i++)
    {
      JsonObject *club = json_array_get_object_element (clubs, i);

      if (g_str_equal (json_object_get_string_member (club, "id"), club_id))
        return g_strdup (json_object_get_string_member (club, "member_id"));
    }

  g_error ("Not in club %s", club_id);
}

/**
 * cercle_test_world_new:
 *
 * Makes the test federation with the server's own commands, starts the
 * server and signs everyone in.
 */
CercleTestWorld *
cercle_test_world_new (const char *name)
{
  CercleTestWorld *world = g_new0 (CercleTestWorld, 1);
  CercleTestServer *server = cercle_test_server_new (name);
  g_autofree char *line = NULL;
  g_autofree char *out = NULL;
  g_autoptr(CercleTestResponse) logout = NULL;

  world->server = server;

  line = cercle_test_server_command_ok (server, "init", "--club-name", "Club Alpha",
                                        "--admin-email", CERCLE_TEST_STAFF_EMAIL,
                                        "--admin-first-name", "Sophie", "--admin-last-name", "Staff", NULL);
  g_assert_nonnull (strrchr (line, ' '));
  world->club_a = g_strdup (strrchr (line, ' ') + 1);
  g_assert_true (g_uuid_string_is_valid (world->club_a));

  world->club_b = cercle_test_server_command_ok (server, "club", "add", "--name", "Club Beta", NULL);
  g_assert_true (g_uuid_string_is_valid (world->club_b));

  g_free (cercle_test_server_command_ok (server, "account", "add", "--email", CERCLE_TEST_ALICE_EMAIL,
                                         "--club", world->club_a, "--first-name", "Alice",
                                         "--last-name", "Martin", NULL));
  g_free (cercle_test_server_command_ok (server, "account", "add", "--email", CERCLE_TEST_BRUNO_EMAIL,
                                         "--club", world->club_a, "--first-name", "Bruno",
                                         "--last-name", "Durand", NULL));
  g_free (cercle_test_server_command_ok (server, "account", "add", "--email", CERCLE_TEST_DORA_EMAIL,
                                         "--club", world->club_a, "--first-name", "Dora", NULL));
  g_free (cercle_test_server_command_ok (server, "account", "add", "--email", CERCLE_TEST_STAFFB_EMAIL,
                                         "--club", world->club_b, "--first-name", "Bernard",
                                         "--role", "staff", NULL));
  g_free (cercle_test_server_command_ok (server, "account", "add", "--email", CERCLE_TEST_CAROL_EMAIL,
                                         "--club", world->club_b, "--first-name", "Carol", NULL));

  cercle_test_server_start (server, NULL);

  world->staff_token = cercle_test_login (server, CERCLE_TEST_STAFF_EMAIL, "Bureau");
  world->alice_token = cercle_test_login (server, CERCLE_TEST_ALICE_EMAIL, "Ordinateur d’Alice");
  world->bruno_token = cercle_test_login (server, CERCLE_TEST_BRUNO_EMAIL, "Téléphone de Bruno");
  world->staffb_token = cercle_test_login (server, CERCLE_TEST_STAFFB_EMAIL, "Bureau Beta");
  world->carol_token = cercle_test_login (server, CERCLE_TEST_CAROL_EMAIL, "Carol");
  world->disabled_token = cercle_test_login (server, CERCLE_TEST_DORA_EMAIL, "Dora");
  world->revoked_token = cercle_test_login (server, CERCLE_TEST_ALICE_EMAIL, "Téléphone perdu");

  world->staff_member = cercle_test_member_id (server, world->staff_token, world->club_a);
  world->alice_member = cercle_test_member_id (server, world->alice_token, world->club_a);
  world->bruno_member = cercle_test_member_id (server, world->bruno_token, world->club_a);
  world->staffb_member = cercle_test_member_id (server, world->staffb_token, world->club_b);
  world->carol_member = cercle_test_member_id (server, world->carol_token, world->club_b);

  /* Dora's account is disabled while she has a token; Alice's lost phone
   * signed out */
  out = cercle_test_server_command_ok (server, "account", "disable", "--email", CERCLE_TEST_DORA_EMAIL, NULL);
  logout = cercle_test_request (server, "DELETE", "/api/v1/session", world->revoked_token, NULL);
  g_assert_cmpuint (logout->status, ==, 204);

  return world;
}

void
cercle_test_world_free (CercleTestWorld *world)
{
  if (world == NULL)
    return;

  cercle_test_server_free (world->server);
  g_free (world->club_a);
  g_free (world->club_b);
  g_free (world->staff_member);
  g_free (world->alice_member);
  g_free (world->bruno_member);
  g_free (world->staffb_member);
  g_free (world->carol_member);
  g_free (world->staff_token);
  g_free (world->alice_token);
  g_free (world->bruno_token);
  g_free (world->staffb_token);
  g_free (world->carol_token);
  g_free (world->disabled_token);
  g_free (world->revoked_token);
  g_free (world);
}

JsonObject *
cercle_test_result (JsonObject *answer,
                    guint       index)
{
  JsonArray *results;

  g_assert_nonnull (answer);
  results = json_object_get_array_member (answer, "results");
  g_assert_cmpuint (index, <, json_array_get_length (results));

  return json_array_get_object_element (results, index);
}

const char *
cercle_test_result_status (JsonObject *answer,
                           guint       index)
{
  return json_object_get_string_member (cercle_test_result (answer, index), "status");
}

void
cercle_test_stream_connected_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  CercleTestStream *state = user_data;

  state->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &state->error);
}

void
cercle_test_stream_message_cb (SoupWebsocketConnection *conn,
                               int                      type,
                               GBytes                  *message,
                               gpointer                 user_data)
{
  CercleTestStream *state = user_data;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  g_ptr_array_add (state->messages, g_strndup (data, length));
}

/* For cercle_test_wait_for(): connected, or refused */
gboolean
cercle_test_stream_done (gpointer data)
{
  CercleTestStream *state = data;

  return state->conn != NULL || state->error != NULL;
}

gboolean
cercle_test_stream_has_message (gpointer data)
{
  return ((CercleTestStream *)data)->messages->len > 0;
}

/* For cercle_test_wait_for(): the server closed the stream */
gboolean
cercle_test_stream_closed (gpointer data)
{
  CercleTestStream *state = data;

  return soup_websocket_connection_get_state (state->conn) == SOUP_WEBSOCKET_STATE_CLOSED;
}

/**
 * cercle_test_stream_open:
 * @state: (out caller-allocates): the stream, open, hearing its messages
 *
 * Opens @club_id's WebSocket stream with @token, and waits until it is
 * open; fails the test if it is refused.
 */
void
cercle_test_stream_open (CercleTestServer *server,
                         const char       *token,
                         const char       *club_id,
                         CercleTestStream *state)
{
  g_autofree char *url = NULL;
  g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = NULL;

  memset (state, 0, sizeof *state);
  state->messages = g_ptr_array_new_with_free_func (g_free);

  /* http://… becomes ws://… */
  url = g_strdup_printf ("ws%s/api/v1/clubs/%s/sync/stream", server->base_url + strlen ("http"), club_id);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  soup_session_websocket_connect_async (server->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        cercle_test_stream_connected_cb, state);
  g_assert_true (cercle_test_wait_for (cercle_test_stream_done, state, 10));
  g_assert_no_error (state->error);
  g_signal_connect (state->conn, "message", G_CALLBACK (cercle_test_stream_message_cb), state);
}

void
cercle_test_stream_clear (CercleTestStream *state)
{
  if (state->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (state->conn, state);
      if (soup_websocket_connection_get_state (state->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (state->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
  g_clear_object (&state->conn);
  g_clear_error (&state->error);
  g_clear_pointer (&state->messages, g_ptr_array_unref);
}
