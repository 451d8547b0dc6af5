/* cercle-server-cli.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cercle-server-messages.h"
#include "cercle-server.h"
#include "cercle-server-cli-private.h"
#include "cercle-server-privacy.h"
#include "cercle-server-sync.h"

/* The commands a club's volunteer admin runs: make the database, serve it,
 * add clubs and accounts, lock a lost phone out. Every failure is one
 * sentence on stderr and a non-zero exit status; passwords come from the
 * environment or the terminal, never from the command line, where any
 * user of the machine would read them. The commands about accounts and
 * sessions are in cercle-server-cli-accounts.c. */

#define MAX_DEMO_MEMBERS   200000
#define STOP_GRACE_SECONDS 10

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *group;
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

char                            *_cercle_server_cli_database;
static char                     *opt_password_cost;

static const GOptionEntry database_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, &_cercle_server_cli_database,
    N_("The server database: a file, or a postgresql:// URI"), N_("DB") },
  { NULL }
};

static const GOptionEntry cost_entries[] = {
  { "password-cost", 0, 0, G_OPTION_ARG_STRING, &opt_password_cost,
    N_("Cost of password hashes: interactive (default), moderate, sensitive, or minimum (tests only)"),
    N_("COST") },
  { NULL }
};

int
_cercle_server_cli_fail (const GError *error)
{
  g_printerr ("%s\n", error->message);
  return EXIT_FAILURE;
}

int
_cercle_server_cli_fail_message (const char *message)
{
  g_printerr ("%s\n", message);
  return EXIT_FAILURE;
}

gboolean
_cercle_server_cli_parse_options (int                  *argc,
                                  char               ***argv,
                                  const char           *parameter,
                                  const GOptionEntry   *entries,
                                  gboolean              with_cost,
                                  GError              **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, database_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_cost)
    g_option_context_add_main_entries (context, cost_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unexpected argument “%s”."), (*argv)[1]);
      return FALSE;
    }

  if (_cercle_server_cli_database == NULL || *_cercle_server_cli_database == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Say which database with --database."));
      return FALSE;
    }

  return TRUE;
}

gboolean
_cercle_server_cli_require (const char  *value,
                            const char  *option,
                            GError     **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("The option %s is needed."), option);
  return FALSE;
}

static gboolean
password_cost (CercleServerPasswordCost  *cost,
               GError                   **error)
{
  *cost = CERCLE_SERVER_PASSWORD_COST_INTERACTIVE;

  if (opt_password_cost != NULL && !cercle_server_password_cost_from_name (opt_password_cost, cost))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a password cost; use interactive, moderate, sensitive or minimum."),
                   opt_password_cost);
      return FALSE;
    }

  return TRUE;
}

/* One line from the terminal, not echoed */
static char *
read_hidden_line (int          fd,
                  const char  *prompt,
                  GError     **error)
{
  struct termios saved;
  struct termios quiet;
  GString *line = g_string_new (NULL);
  char c;

  if (tcgetattr (fd, &saved) != 0)
    {
      g_string_free (line, TRUE);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not read from the terminal."));
      return NULL;
    }

  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t)ECHO;
  tcsetattr (fd, TCSAFLUSH, &quiet);

  if (write (fd, prompt, strlen (prompt)) < 0)
    g_debug ("Could not write the prompt");

  while (read (fd, &c, 1) == 1 && c != '\n' && line->len < 4096)
    g_string_append_c (line, c);

  tcsetattr (fd, TCSAFLUSH, &saved);
  if (write (fd, "\n", 1) < 0)
    g_debug ("Could not end the prompt");

  return g_string_free (line, FALSE);
}

/* A password from $@variable, or else asked twice on the terminal */
static char *
get_password (const char  *variable,
              GError     **error)
{
  const char *from_env = g_getenv (variable);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  int fd;

  if (from_env != NULL && *from_env != '\0')
    {
      if (!cercle_server_password_check_quality (from_env, error))
        return NULL;
      return g_strdup (from_env);
    }

  fd = open ("/dev/tty", O_RDWR | O_CLOEXEC);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Set the password in $%s, or run this command on a terminal."), variable);
      return NULL;
    }

  first = read_hidden_line (fd, _("Password: "), error);
  if (first != NULL)
    second = read_hidden_line (fd, _("Password again: "), error);
  close (fd);

  if (first == NULL || second == NULL)
    return NULL;

  if (!g_str_equal (first, second))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The two passwords differ."));
      return NULL;
    }

  if (!cercle_server_password_check_quality (first, error))
    return NULL;

  return g_steal_pointer (&first);
}

char *
_cercle_server_cli_hash_password_from (const char  *variable,
                                       GError     **error)
{
  g_autofree char *password = NULL;
  CercleServerPasswordCost cost;
  char *hash;

  if (!password_cost (&cost, error) || !(password = get_password (variable, error)))
    return NULL;

  hash = cercle_server_password_hash (password, cost, error);
  memset (password, 0, strlen (password));

  return hash;
}

static gboolean
is_email (const char *email)
{
  const char *at = email != NULL ? strchr (email, '@') : NULL;

  return at != NULL && at != email && at[1] != '\0' && strchr (at + 1, '@') == NULL &&
         strlen (email) <= CERCLE_SERVER_MAX_EMAIL && g_utf8_validate (email, -1, NULL);
}

gboolean
_cercle_server_cli_check_email (const char  *email,
                                GError     **error)
{
  if (is_email (email))
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not an e-mail address."), email);
  return FALSE;
}

/* Writes @records into the club in one transaction, each with its seq */
static gboolean
put_rows (CercleServerStorage  *storage,
          const char           *club_id,
          CercleRecord * const *records,
          guint                 n_records,
          GError              **error)
{
  g_autoptr(CercleServerTxn) txn = cercle_server_storage_begin (storage, club_id, TRUE, error);
  g_autofree char *now = cercle_now_iso8601 ();

  if (txn == NULL)
    return FALSE;

  for (guint i = 0; i < n_records; i++)
    if (!cercle_server_sync_put_new_row (txn, records[i], now, error))
      return FALSE;

  return cercle_server_txn_commit (g_steal_pointer (&txn), error);
}

static char *
create_club (CercleServerStorage  *storage,
             const char           *name,
             const char           *city,
             GError              **error)
{
  g_autofree char *club_id = g_uuid_string_random ();
  g_autoptr(CercleRecord) club = g_object_new (CERCLE_TYPE_CLUB,
                                               "id", club_id,
                                               "name", name,
                                               "city", city,
                                               NULL);

  if (!put_rows (storage, club_id, &club, 1, error))
    return NULL;

  return g_steal_pointer (&club_id);
}

/* Whether the club has row @id of @entity, not deleted; @error says
 * @missing when it has not */
gboolean
_cercle_server_cli_row_exists (CercleServerStorage  *storage,
                               const char           *club_id,
                               CercleEntity          entity,
                               const char           *id,
                               char                 *missing,
                               GError              **error)
{
  g_autofree char *message = missing;
  g_autoptr(CercleServerTxn) txn = cercle_server_storage_begin (storage, club_id, FALSE, error);
  g_autoptr(CercleRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;

  if (txn == NULL)
    return FALSE;

  record = cercle_server_txn_get_record (txn, entity, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (record == NULL || cercle_record_get_deleted (record))
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND, message);
      return FALSE;
    }

  return TRUE;
}

gboolean
_cercle_server_cli_club_exists (CercleServerStorage  *storage,
                                const char           *club_id,
                                GError              **error)
{
  return _cercle_server_cli_row_exists (storage, club_id, CERCLE_ENTITY_CLUB, club_id,
                                        g_strdup_printf (_("There is no club “%s” on this server."), club_id),
                                        error);
}

char *
_cercle_server_cli_new_account (CercleServerStorage  *storage,
                                const char           *email,
                                const char           *password_hash,
                                GError              **error)
{
  g_autoptr(CercleServerAccount) account = cercle_server_account_new ();

  account->id = g_uuid_string_random ();
  account->email = g_strdup (email);
  account->password_hash = g_strdup (password_hash);
  account->created_at = cercle_now_iso8601 ();

  if (!cercle_server_storage_add_account (storage, account, error))
    return NULL;

  return g_steal_pointer (&account->id);
}

char *
_cercle_server_cli_default_first_name (const char *email)
{
  const char *at = strchr (email, '@');

  return g_strndup (email, at != NULL ? (gsize)(at - email) : strlen (email));
}

char *
_cercle_server_cli_add_member_row (CercleServerStorage  *storage,
                                   const char           *club_id,
                                   const char           *first_name,
                                   const char           *last_name,
                                   const char           *email,
                                   CercleMemberRole      role,
                                   GError              **error)
{
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CercleRecord) member = NULL;

  today = g_date_time_format (now, "%Y-%m-%d");
  member = g_object_new (CERCLE_TYPE_MEMBER,
                         "first-name", first_name,
                         "last-name", last_name,
                         "email", email,
                         "role", role,
                         "status", CERCLE_MEMBER_STATUS_ACTIVE,
                         "joined-on", today,
                         NULL);

  if (!put_rows (storage, club_id, &member, 1, error))
    return NULL;

  return g_strdup (cercle_record_get_id (member));
}

static int
cmd_init (int    argc,
          char **argv)
{
  g_autofree char *club_name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *club_id = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *account_id = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "club-name", 0, 0, G_OPTION_ARG_STRING, &club_name, N_("The first club’s name"), N_("NAME") },
    { "admin-email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The e-mail address the admin signs in with"),
      N_("EMAIL") },
    { "admin-first-name", 0, 0, G_OPTION_ARG_STRING, &first_name, N_("The admin’s first name"), N_("NAME") },
    { "admin-last-name", 0, 0, G_OPTION_ARG_STRING, &last_name, N_("The admin’s last name"), N_("NAME") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, TRUE, &error) ||
      !_cercle_server_cli_require (club_name, "--club-name", &error) ||
      !_cercle_server_cli_require (email, "--admin-email", &error) ||
      !_cercle_server_cli_check_email (email, &error))
    return _cercle_server_cli_fail (error);

  if (g_file_test (_cercle_server_cli_database, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (_cercle_server_cli_database);
      g_autofree char *message = g_strdup_printf (_("There is already a file at “%s”; init makes a new database."),
                                                  display);

      return _cercle_server_cli_fail_message (message);
    }

  /* The password first: a mistake there must leave no database behind */
  if (!(hash = _cercle_server_cli_hash_password_from ("CERCLE_ADMIN_PASSWORD", &error)))
    return _cercle_server_cli_fail (error);

  if (first_name == NULL)
    first_name = _cercle_server_cli_default_first_name (email);

  if (!(storage = cercle_server_storage_open (_cercle_server_cli_database, TRUE, &error)) ||
      !(club_id = create_club (storage, club_name, NULL, &error)) ||
      !(member_id = _cercle_server_cli_add_member_row (storage, club_id, first_name, last_name, email,
                                                       CERCLE_MEMBER_ROLE_STAFF, &error)) ||
      !(account_id = _cercle_server_cli_new_account (storage, email, hash, &error)) ||
      !cercle_server_storage_add_membership (storage, account_id, club_id, member_id, &error))
    return _cercle_server_cli_fail (error);

  /* Translators: the first %s is the club's name, the second its id */
  g_print (_("The club “%s” is ready: %s\n"), club_name, club_id);
  return EXIT_SUCCESS;
}

typedef struct
{
  GMainLoop    *loop;
  CercleServer *server;
  gint64        stop_deadline;
  guint         poll_id;
} ServeState;

static gboolean
wait_idle_cb (gpointer user_data)
{
  ServeState *state = user_data;

  if (!cercle_server_is_idle (state->server) && g_get_monotonic_time () < state->stop_deadline)
    return G_SOURCE_CONTINUE;

  state->poll_id = 0;
  cercle_server_disconnect (state->server);
  g_main_loop_quit (state->loop);

  return G_SOURCE_REMOVE;
}

static gboolean
on_stop_signal (gpointer user_data)
{
  ServeState *state = user_data;

  if (state->poll_id != 0)
    return G_SOURCE_CONTINUE;

  g_printerr ("%s\n", _("Stopping: finishing the requests under way."));
  cercle_server_stop (state->server);
  state->stop_deadline = g_get_monotonic_time () + STOP_GRACE_SECONDS * G_USEC_PER_SEC;
  state->poll_id = g_timeout_add (20, wait_idle_cb, state);

  return G_SOURCE_CONTINUE;
}

static int
cmd_serve (int    argc,
           char **argv)
{
  /* GOption does not free a default it replaces: none here */
  g_autofree char *address = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *public_url = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(CercleServerAuth) auth = NULL;
  g_autoptr(CercleServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  gboolean allow_plain = FALSE;
  gboolean trust_proxy = FALSE;
  int port = 8080;
  int max_hashes = 2;
  int max_body_kib = CERCLE_SERVER_DEFAULT_MAX_BODY / 1024;
  int request_timeout = CERCLE_SERVER_DEFAULT_REQUEST_TIMEOUT;
  int stream_recheck = CERCLE_SERVER_DEFAULT_STREAM_RECHECK;
  int max_connections = CERCLE_SERVER_DEFAULT_MAX_CONNECTIONS;
  CercleServerPasswordCost cost;
  CercleServerOptions options = { 0, };
  ServeState state = { 0, };
  guint term_id;
  guint int_id;
  guint sweep_id;
  GSList *uris;
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The IP address to listen on (default 127.0.0.1)"),
      N_("ADDRESS") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("The port to listen on (default 8080; 0 for any free one)"),
      N_("PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("The TLS certificate, in PEM"), N_("PEM") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The TLS private key, in PEM"), N_("PEM") },
    { "allow-plain-http", 0, 0, G_OPTION_ARG_NONE, &allow_plain,
      N_("Serve plain HTTP beyond this machine, behind a proxy that adds TLS"), NULL },
    { "trust-proxy", 0, 0, G_OPTION_ARG_NONE, &trust_proxy,
      N_("Take the client’s address from X-Forwarded-For (behind a proxy only)"), NULL },
    { "public-url", 0, 0, G_OPTION_ARG_STRING, &public_url,
      N_("The server’s address as members reach it, for calendar links"), N_("URL") },
    { "max-hashes", 0, 0, G_OPTION_ARG_INT, &max_hashes,
      N_("How many password checks may run at once (default 2)"), N_("N") },
    { "max-body", 0, 0, G_OPTION_ARG_INT, &max_body_kib,
      N_("The largest request body accepted, in KiB (default 4096)"), N_("KIB") },
    { "request-timeout", 0, 0, G_OPTION_ARG_INT, &request_timeout,
      N_("Seconds a request may take to arrive whole (default 30)"), N_("SECONDS") },
    { "stream-recheck", 0, 0, G_OPTION_ARG_INT, &stream_recheck,
      N_("Seconds between checks that open streams’ sessions are still valid (default 5)"), N_("SECONDS") },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections,
      N_("Requests under way and open streams beyond which requests are answered 503 (default 1000)"), N_("N") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, TRUE, &error) ||
      !password_cost (&cost, &error))
    return _cercle_server_cli_fail (error);

  if (port < 0 || port > 65535)
    return _cercle_server_cli_fail_message (_("The port must be between 0 and 65535."));
  if (max_hashes < 1 || max_hashes > 64)
    return _cercle_server_cli_fail_message (_("--max-hashes must be between 1 and 64."));
  if (max_body_kib < 1 || max_body_kib > 64 * 1024)
    return _cercle_server_cli_fail_message (_("--max-body must be between 1 and 65536 KiB."));
  if (request_timeout < 1 || request_timeout > 3600)
    return _cercle_server_cli_fail_message (_("--request-timeout must be between 1 and 3600 seconds."));
  if (stream_recheck < 1 || stream_recheck > 3600)
    return _cercle_server_cli_fail_message (_("--stream-recheck must be between 1 and 3600 seconds."));
  if (max_connections < 1 || max_connections > 1000000)
    return _cercle_server_cli_fail_message (_("--max-connections must be between 1 and 1000000."));
  if ((tls_cert == NULL) != (tls_key == NULL))
    return _cercle_server_cli_fail_message (_("Give both --tls-cert and --tls-key, or neither."));

  if (tls_cert != NULL &&
      !(certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error)))
    {
      g_autofree char *message = g_strdup_printf (_("Could not load the TLS certificate: %s"), error->message);

      return _cercle_server_cli_fail_message (message);
    }

  options.max_body = (gsize)max_body_kib * 1024;
  options.request_timeout = (guint)request_timeout;
  options.stream_recheck = (guint)stream_recheck;
  options.max_connections = (guint)max_connections;
  options.public_url = public_url;
  options.trust_proxy = trust_proxy;

  if (!(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !(auth = cercle_server_auth_new (storage, cost, (guint)max_hashes, &error)))
    return _cercle_server_cli_fail (error);

  server = cercle_server_new (storage, auth, &options);
  if (!cercle_server_listen (server, address != NULL ? address : "127.0.0.1", (guint)port, certificate,
                             allow_plain, &error))
    return _cercle_server_cli_fail (error);

  /* Before the line that says it listens: whoever reads it may stop the
   * server at once, and must stop it cleanly */
  loop = g_main_loop_new (NULL, FALSE);
  state.loop = loop;
  state.server = server;
  term_id = g_unix_signal_add (SIGTERM, on_stop_signal, &state);
  int_id = g_unix_signal_add (SIGINT, on_stop_signal, &state);
  sweep_id = cercle_server_messages_start_sweeper (storage);

  uris = cercle_server_get_uris (server);
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      g_autofree char *text = g_uri_to_string (l->data);

      /* Translators: %s is a URL; tests and scripts read this line */
      g_print (_("Listening on %s\n"), text);
    }
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  fflush (stdout);

  g_main_loop_run (loop);

  g_source_remove (term_id);
  g_source_remove (int_id);
  g_source_remove (sweep_id);
  g_clear_handle_id (&state.poll_id, g_source_remove);

  g_printerr ("%s\n", _("Stopped."));
  return EXIT_SUCCESS;
}

typedef struct
{
  CercleServerStorage *storage;
  CercleServerTxn     *txn;
  char                *club_id;
  char                *now;
  GPtrArray           *members;
} DemoSink;

static gboolean
demo_sink (CercleRecord * const  *records,
           guint                  n_records,
           gpointer               user_data,
           GError               **error)
{
  DemoSink *sink = user_data;

  for (guint i = 0; i < n_records; i++)
    {
      CercleRecord *record = records[i];

      /* The club comes first, and says which club the rest is */
      if (sink->txn == NULL)
        {
          if (cercle_record_get_entity (record) != CERCLE_ENTITY_CLUB)
            {
              g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                                   _("The demo club came without its club."));
              return FALSE;
            }

          sink->club_id = g_strdup (cercle_record_get_id (record));
          if (!_cercle_server_cli_club_exists (sink->storage, sink->club_id, NULL) &&
              !(sink->txn = cercle_server_storage_begin (sink->storage, sink->club_id, TRUE, error)))
            return FALSE;
          if (sink->txn == NULL)
            {
              g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_EXISTS,
                                   _("This demo club is already on the server; give another --seed."));
              return FALSE;
            }
        }

      if (!cercle_server_sync_put_new_row (sink->txn, record, sink->now, error))
        return FALSE;

      if (cercle_record_get_entity (record) == CERCLE_ENTITY_MEMBER &&
          cercle_member_get_email (CERCLE_MEMBER (record)) != NULL)
        g_ptr_array_add (sink->members, g_object_ref (record));
    }

  return TRUE;
}

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *hash = NULL;
  g_autofree char *staff_id = NULL;
  const char *staff_email = NULL;
  int n_members = CERCLE_DEMO_DEFAULT_MEMBERS;
  gint64 seed = CERCLE_DEMO_DEFAULT_SEED;
  guint n_accounts = 0;
  DemoSink sink = { 0, };
  const GOptionEntry entries[] = {
    { "members", 0, 0, G_OPTION_ARG_INT, &n_members, N_("How many members (default 120)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Another seed makes another club"), N_("SEED") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, TRUE, &error))
    return _cercle_server_cli_fail (error);

  if (n_members < 1 || n_members > MAX_DEMO_MEMBERS)
    {
      g_autofree char *limit = cercle_format_count (MAX_DEMO_MEMBERS);
      g_autofree char *message = g_strdup_printf (_("The number of demo members must be between 1 and %s."),
                                                  limit);

      return _cercle_server_cli_fail_message (message);
    }

  if (seed < 0 || seed > G_MAXUINT32)
    return _cercle_server_cli_fail_message (_("The seed must be between 0 and 4294967295."));

  /* Every demo account shares the password: one hash serves them all */
  if (g_getenv ("CERCLE_DEMO_PASSWORD") == NULL || *g_getenv ("CERCLE_DEMO_PASSWORD") == '\0')
    return _cercle_server_cli_fail_message (_("Set the demo accounts’ password in $CERCLE_DEMO_PASSWORD."));
  if (!(hash = _cercle_server_cli_hash_password_from ("CERCLE_DEMO_PASSWORD", &error)))
    return _cercle_server_cli_fail (error);

  if (!(storage = cercle_server_storage_open (_cercle_server_cli_database, TRUE, &error)))
    return _cercle_server_cli_fail (error);

  sink.storage = storage;
  sink.now = cercle_now_iso8601 ();
  sink.members = g_ptr_array_new_with_free_func (g_object_unref);

  if (!cercle_demo_generate ((guint)n_members, (guint32)seed, demo_sink, &sink, &staff_id, &error) ||
      !cercle_server_txn_commit (g_steal_pointer (&sink.txn), &error))
    {
      g_clear_pointer (&sink.txn, cercle_server_txn_rollback);
      g_free (sink.club_id);
      g_free (sink.now);
      g_ptr_array_unref (sink.members);
      return _cercle_server_cli_fail (error);
    }

  for (guint i = 0; i < sink.members->len; i++)
    {
      CercleMember *member = g_ptr_array_index (sink.members, i);
      const char *email = cercle_member_get_email (member);
      g_autofree char *account_id = NULL;
      g_autoptr(CercleServerAccount) existing = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!is_email (email) || !g_hash_table_add (emails, g_utf8_casefold (email, -1)))
        continue;

      existing = cercle_server_storage_find_account (storage, email, NULL, &local_error);
      if (existing != NULL)
        continue;
      g_clear_error (&local_error);

      if (!(account_id = _cercle_server_cli_new_account (storage, email, hash, &error)) ||
          !cercle_server_storage_add_membership (storage, account_id, sink.club_id,
                                                 cercle_record_get_id (CERCLE_RECORD (member)), &error))
        break;
      n_accounts++;

      if (g_strcmp0 (cercle_record_get_id (CERCLE_RECORD (member)), staff_id) == 0)
        staff_email = email;
    }

  if (error == NULL)
    {
      g_autofree char *count = cercle_format_count (n_accounts);

      /* Translators: the first %s is the club's id, the second a number */
      g_print (_("Demo club %s: %s accounts\n"), sink.club_id, count);
      if (staff_email != NULL)
        g_print (_("Staff account: %s\n"), staff_email);
    }

  g_free (sink.club_id);
  g_free (sink.now);
  g_ptr_array_unref (sink.members);

  return error != NULL ? _cercle_server_cli_fail (error) : EXIT_SUCCESS;
}

static int
cmd_club_add (int    argc,
              char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *city = NULL;
  g_autofree char *club_id = NULL;
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The club’s name"), N_("NAME") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The club’s city"), N_("CITY") },
    { NULL }
  };

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, entries, FALSE, &error) ||
      !_cercle_server_cli_require (name, "--name", &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !(club_id = create_club (storage, name, city, &error)))
    return _cercle_server_cli_fail (error);

  g_print ("%s\n", club_id);
  return EXIT_SUCCESS;
}

static int
cmd_club_list (int    argc,
               char **argv)
{
  g_autoptr(CercleServerStorage) storage = NULL;
  g_autoptr(GPtrArray) clubs = NULL;
  g_autoptr(GError) error = NULL;

  if (!_cercle_server_cli_parse_options (&argc, &argv, NULL, NULL, FALSE, &error) ||
      !(storage = cercle_server_storage_open (_cercle_server_cli_database, FALSE, &error)) ||
      !(clubs = cercle_server_storage_list_clubs (storage, &error)))
    return _cercle_server_cli_fail (error);

  for (guint i = 0; i < clubs->len; i++)
    {
      CercleClub *club = g_ptr_array_index (clubs, i);

      g_print ("%s\t%s\n", cercle_record_get_id (CERCLE_RECORD (club)), cercle_club_get_name (club));
    }

  return EXIT_SUCCESS;
}

static const Command commands[] = {
  { "init", NULL, cmd_init, N_("Make a new server database, with a first club and its admin") },
  { "serve", NULL, cmd_serve, N_("Serve the clubs of a database") },
  { "demo", NULL, cmd_demo, N_("Add a demo club whose accounts use $CERCLE_DEMO_PASSWORD") },
  { "club", "add", cmd_club_add, N_("Add a club to the server") },
  { "club", "list", cmd_club_list, N_("List the server’s clubs") },
  { "account", "add", _cercle_server_cmd_account_add, N_("Give a person an account in a club") },
  { "account", "disable", _cercle_server_cmd_account_disable, N_("Stop an account from signing in") },
  { "account", "enable", _cercle_server_cmd_account_enable, N_("Let a disabled account sign in again") },
  { "account", "reset-password", _cercle_server_cmd_account_reset_password,
    N_("Set a new password and sign every device out") },
  { "account", "list", _cercle_server_cmd_account_list, N_("List the accounts and their clubs") },
  { "session", "list", _cercle_server_cmd_session_list, N_("List the signed-in devices") },
  { "session", "revoke", _cercle_server_cmd_session_revoke,
    N_("Sign a device, or every device of an account, out") },
  { "member", "erase", _cercle_server_cmd_member_erase,
    N_("Erase a member’s personal data from a club (RGPD)") },
  { "reset-epoch", NULL, _cercle_server_cmd_reset_epoch,
    N_("After restoring a backup: make every device sync again") },
  { "export", NULL, _cercle_server_cmd_export,
    N_("Write a club, or every club, to a file, with its accounts and sessions") },
  { "import", NULL, _cercle_server_cmd_import,
    N_("Add the clubs of an export to a database (SQLite or PostgreSQL)") },
};

static void
print_usage (void)
{
  g_printerr ("%s\n", _("Usage: cercle-server COMMAND [OPTIONS]"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = g_strjoin (" ", commands[i].group, commands[i].name, NULL);

      g_printerr ("  %-24s %s\n", name, _(commands[i].summary));
    }
  g_printerr ("%s\n", _("Passwords come from $CERCLE_ADMIN_PASSWORD (init), $CERCLE_DEMO_PASSWORD (demo), "
                        "$CERCLE_PASSWORD (account add, reset-password), or the terminal."));
}

int
cercle_server_cli_run (int    argc,
                       char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage ();
      return argc < 2 ? EXIT_FAILURE : EXIT_SUCCESS;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("cercle-server %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[1], commands[i].group))
        continue;

      if (commands[i].name == NULL)
        return commands[i].func (argc - 1, argv + 1);

      if (argc >= 3 && g_str_equal (argv[2], commands[i].name))
        {
          /* "account add" parses as one command named "account add" */
          return commands[i].func (argc - 2, argv + 2);
        }
    }

  {
    g_autofree char *message = g_strdup_printf (_("“%s” is not a command of cercle-server."), argv[1]);

    g_printerr ("%s\n", message);
    print_usage ();
  }

  return EXIT_FAILURE;
}
