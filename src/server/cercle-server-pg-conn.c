/* cercle-server-pg-conn.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-pg-private.h"

/* The pool of connections and the plumbing of statements: errors told as
 * sentences (and as "cannot be reached" when the database went away, so
 * that a request is retried once on a fresh connection), statements
 * prepared once per connection, typed parameters. */

/* How long a request waits for a free connection before it is told the
 * server is busy */
#define POOL_WAIT_SECONDS 30

/* The first line of what libpq says, without its trailing newline */
char *
_cercle_server_pg_first_line (const char *message)
{
  const char *text = message != NULL && *message != '\0' ? message : "?";

  return g_strstrip (g_strndup (text, strcspn (text, "\n")));
}

void
_cercle_server_pg_set_error (GError             **error,
                             CercleServerPgConn  *conn,
                             const PGresult      *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  if (PQstatus (conn->conn) == CONNECTION_BAD || state == NULL || g_str_has_prefix (state, "08") ||
      g_str_equal (state, "57P01") || g_str_equal (state, "57P02") || g_str_equal (state, "57P03"))
    {
      g_autofree char *line = _cercle_server_pg_first_line (primary != NULL ? primary : PQerrorMessage (conn->conn));

      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                   _("The database cannot be reached: %s"), line);
    }
  else if (g_str_equal (state, "23505"))
    g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_EXISTS,
                         _("This already exists."));
  else
    {
      g_autofree char *line = _cercle_server_pg_first_line (primary);

      g_debug ("PostgreSQL error %s: %s", state, line);
      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                   _("The database failed: %s"), line);
    }
}

static gboolean
result_ok (const PGresult *result)
{
  ExecStatusType status = PQresultStatus (result);

  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

gboolean
_cercle_server_pg_is_unique_violation (const GError *error)
{
  return g_error_matches (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_EXISTS);
}

/* Turns a unique violation into @message; passes any other error on */
gboolean
_cercle_server_pg_exists_error (GError     **error,
                                GError      *local_error,
                                const char  *message)
{
  if (_cercle_server_pg_is_unique_violation (local_error))
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_EXISTS, message);
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);

  return FALSE;
}

/**
 * _cercle_server_pg_exec:
 * @values: (array length=n_params): the parameters, as text; %NULL for SQL
 *   NULL
 *
 * Runs @sql, prepared once on this connection.
 *
 * Returns: (transfer full): its result, or %NULL with @error set
 */
PGresult *
_cercle_server_pg_exec (CercleServerPgConn  *conn,
                        const char          *sql,
                        int                  n_params,
                        const char * const  *values,
                        GError             **error)
{
  const char *name = g_hash_table_lookup (conn->prepared, sql);
  PGresult *result;

  if (name == NULL)
    {
      g_autofree char *new_name = g_strdup_printf ("cercle_%u", conn->n_prepared);

      result = PQprepare (conn->conn, new_name, sql, n_params, NULL);
      if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          _cercle_server_pg_set_error (error, conn, result);
          PQclear (result);
          return NULL;
        }
      PQclear (result);

      conn->n_prepared++;
      name = new_name;
      g_hash_table_insert (conn->prepared, g_strdup (sql), g_steal_pointer (&new_name));
    }

  result = PQexecPrepared (conn->conn, name, n_params, values, NULL, NULL, 0);
  if (result == NULL || !result_ok (result))
    {
      _cercle_server_pg_set_error (error, conn, result);
      PQclear (result);
      return NULL;
    }

  return result;
}

#define MAX_PARAMS 16

/* Binds "s" text (nullable), "i" a gint64, "b" a gboolean */
static int
collect_params (const char  *types,
                va_list      args,
                const char  *values[MAX_PARAMS],
                char         numbers[MAX_PARAMS][24])
{
  int n = 0;

  for (; types[n] != '\0'; n++)
    {
      g_assert (n < MAX_PARAMS);

      switch (types[n])
        {
        case 's':
          values[n] = va_arg (args, const char *);
          break;

        case 'i':
          g_snprintf (numbers[n], sizeof numbers[n], "%" G_GINT64_FORMAT, va_arg (args, gint64));
          values[n] = numbers[n];
          break;

        case 'b':
          values[n] = va_arg (args, gboolean) ? "true" : "false";
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return n;
}

/* As _cercle_server_pg_exec(), with parameters as collect_params() says */
PGresult *
_cercle_server_pg_query (CercleServerPgConn  *conn,
                         const char          *sql,
                         GError             **error,
                         const char          *types,
                         ...)
{
  const char *values[MAX_PARAMS] = { NULL, };
  char numbers[MAX_PARAMS][24];
  va_list args;
  int n;

  va_start (args, types);
  n = collect_params (types, args, values, numbers);
  va_end (args);

  return _cercle_server_pg_exec (conn, sql, n, values, error);
}

/* Statements without parameters (BEGIN, a migration), unprepared */
gboolean
_cercle_server_pg_simple (CercleServerPgConn  *conn,
                          const char          *sql,
                          GError             **error)
{
  PGresult *result = PQexec (conn->conn, sql);
  gboolean ok = result != NULL && result_ok (result);

  if (!ok)
    _cercle_server_pg_set_error (error, conn, result);
  PQclear (result);

  return ok;
}

char *
_cercle_server_pg_dup_value (const PGresult *result,
                             int             row,
                             int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;

  return g_strdup (PQgetvalue (result, row, column));
}

gint64
_cercle_server_pg_int64 (const PGresult *result,
                         int             row,
                         int             column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

gboolean
_cercle_server_pg_boolean (const PGresult *result,
                           int             row,
                           int             column)
{
  return PQgetvalue (result, row, column)[0] == 't';
}

static void
ignore_notice (void       *arg,
               const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

void
_cercle_server_pg_conn_free (CercleServerPgConn *conn)
{
  if (conn == NULL)
    return;

  g_clear_pointer (&conn->conn, PQfinish);
  g_clear_pointer (&conn->prepared, g_hash_table_unref);
  g_free (conn);
}

/* A new connection, outside the pool (the listener's), or for it */
CercleServerPgConn *
_cercle_server_pg_connect (CercleServerPg  *self,
                           GError         **error)
{
  /* The URI comes last, so that what it says wins over these defaults;
   * but the text it carries must be UTF-8, whatever it says */
  const char * const keywords[] = { "connect_timeout", "fallback_application_name", "options", "dbname",
                                    "client_encoding", NULL };
  /* No parallel workers by default: a sync server runs many small
   * queries at once, and a worker costs a process's start for each */
  const char * const values[] = { "10", APPLICATION_NAME, "-c max_parallel_workers_per_gather=0",
                                  self->conninfo, "UTF8", NULL };
  CercleServerPgConn *conn = g_new0 (CercleServerPgConn, 1);

  conn->conn = PQconnectdbParams (keywords, values, 1);
  conn->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (conn->conn == NULL || PQstatus (conn->conn) != CONNECTION_OK)
    {
      g_autofree char *line = _cercle_server_pg_first_line (conn->conn != NULL ? PQerrorMessage (conn->conn) : NULL);

      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                   _("The database cannot be reached: %s"), line);
      _cercle_server_pg_conn_free (conn);
      return NULL;
    }

  PQsetNoticeProcessor (conn->conn, ignore_notice, NULL);

  return conn;
}

/* Closes the idle connections: after one failed, the database was
 * probably restarted, and the others are as dead */
static void
flush_idle (CercleServerPg *self)
{
  g_autoptr(GPtrArray) idle = NULL;

  g_mutex_lock (&self->pool_lock);
  idle = g_steal_pointer (&self->idle);
  self->idle = g_ptr_array_new ();
  self->n_open -= idle->len;
  g_cond_broadcast (&self->pool_cond);
  g_mutex_unlock (&self->pool_lock);

  g_ptr_array_foreach (idle, (GFunc)_cercle_server_pg_conn_free, NULL);
}

/**
 * _cercle_server_pg_take:
 *
 * A connection of the pool, for one thread, until it is given back; waits
 * for one when all are in use.
 */
CercleServerPgConn *
_cercle_server_pg_take (CercleServerPg  *self,
                        GError         **error)
{
  gint64 deadline = g_get_monotonic_time () + POOL_WAIT_SECONDS * G_USEC_PER_SEC;
  CercleServerPgConn *conn;

  g_mutex_lock (&self->pool_lock);
  for (;;)
    {
      if (self->idle->len > 0)
        {
          conn = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
          conn->reused = TRUE;
          g_mutex_unlock (&self->pool_lock);
          return conn;
        }

      if (self->n_open < self->pool_size)
        break;

      if (!g_cond_wait_until (&self->pool_cond, &self->pool_lock, deadline))
        {
          g_mutex_unlock (&self->pool_lock);
          g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_BUSY,
                               _("The server is busy; try again later."));
          return NULL;
        }
    }

  /* Connecting takes a while: not under the lock */
  self->n_open++;
  g_mutex_unlock (&self->pool_lock);

  conn = _cercle_server_pg_connect (self, error);

  if (conn == NULL)
    {
      g_mutex_lock (&self->pool_lock);
      self->n_open--;
      g_cond_signal (&self->pool_cond);
      g_mutex_unlock (&self->pool_lock);
    }

  return conn;
}

void
_cercle_server_pg_give (CercleServerPg     *self,
                        CercleServerPgConn *conn)
{
  /* A connection that broke, or is still in a transaction (a commit that
   * failed half-way), is of no more use */
  gboolean keep = PQstatus (conn->conn) == CONNECTION_OK &&
                  PQtransactionStatus (conn->conn) == PQTRANS_IDLE;

  g_mutex_lock (&self->pool_lock);
  if (keep)
    g_ptr_array_add (self->idle, conn);
  else
    self->n_open--;
  g_cond_signal (&self->pool_cond);
  g_mutex_unlock (&self->pool_lock);

  if (!keep)
    _cercle_server_pg_conn_free (conn);
}

/* Whether a statement that failed on @conn is worth trying once more on
 * a new connection: it failed because an old connection was dead */
gboolean
_cercle_server_pg_worth_retrying (CercleServerPg     *self,
                                  CercleServerPgConn *conn)
{
  if (!conn->reused || PQstatus (conn->conn) != CONNECTION_BAD)
    return FALSE;

  flush_idle (self);
  return TRUE;
}

static PGresult *
run_alone (CercleServerPg      *self,
           const char          *sql,
           int                  n_params,
           const char * const  *values,
           GError             **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      CercleServerPgConn *conn = _cercle_server_pg_take (self, error);
      PGresult *result;
      gboolean retry;

      if (conn == NULL)
        return NULL;

      result = _cercle_server_pg_exec (conn, sql, n_params, values, &local_error);
      retry = result == NULL && attempt == 0 && _cercle_server_pg_worth_retrying (self, conn);
      _cercle_server_pg_give (self, conn);

      if (!retry)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return result;
        }
    }
}

/* One statement that writes, in a transaction of its own; @n_changed
 * says how many rows it changed */
gboolean
_cercle_server_pg_write_one (CercleServerPg  *self,
                             const char      *sql,
                             guint           *n_changed,
                             GError         **error,
                             const char      *types,
                             ...)
{
  const char *values[MAX_PARAMS] = { NULL, };
  char numbers[MAX_PARAMS][24];
  PGresult *result;
  va_list args;
  int n;

  va_start (args, types);
  n = collect_params (types, args, values, numbers);
  va_end (args);

  result = run_alone (self, sql, n, values, error);
  if (result == NULL)
    return FALSE;

  if (n_changed != NULL)
    *n_changed = (guint)g_ascii_strtoull (PQcmdTuples (result), NULL, 10);
  PQclear (result);

  return TRUE;
}

/* One statement that reads; its result */
PGresult *
_cercle_server_pg_read_one (CercleServerPg  *self,
                            const char      *sql,
                            GError         **error,
                            const char      *types,
                            ...)
{
  const char *values[MAX_PARAMS] = { NULL, };
  char numbers[MAX_PARAMS][24];
  va_list args;
  int n;

  va_start (args, types);
  n = collect_params (types, args, values, numbers);
  va_end (args);

  return run_alone (self, sql, n, values, error);
}
