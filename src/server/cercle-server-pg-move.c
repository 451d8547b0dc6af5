/* cercle-server-pg-move.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-pg-private.h"

/* Moving clubs in and out of a PostgreSQL database: the rows of the
 * tables as typed JSON, read in one REPEATABLE READ snapshot, and back in
 * one transaction (cercle-server-cli-move.c); one row at a time both
 * ways, so that a big club moves in little memory */

/* The types of pg_type that are not text in JSON */
#define BOOLOID 16
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23

static JsonObject *
row_from_result (const PGresult *result,
                 int             r)
{
  JsonObject *row = json_object_new ();

  for (int i = 0; i < PQnfields (result); i++)
    {
      const char *name = PQfname (result, i);

      if (g_str_equal (name, "pk"))
        continue;

      if (PQgetisnull (result, r, i))
        json_object_set_null_member (row, name);
      else if (PQftype (result, i) == BOOLOID)
        json_object_set_boolean_member (row, name, _cercle_server_pg_boolean (result, r, i));
      else if (PQftype (result, i) == INT8OID || PQftype (result, i) == INT4OID ||
               PQftype (result, i) == INT2OID)
        json_object_set_int_member (row, name, _cercle_server_pg_int64 (result, r, i));
      else
        json_object_set_string_member (row, name, PQgetvalue (result, r, i));
    }

  return row;
}

/* One table, a row at a time (libpq's single-row mode): a table of a
 * hundred thousand members is never whole in memory */
static gboolean
export_table (CercleServerPgConn   *conn,
              const char           *table,
              const char           *where,
              const char           *club_id,
              CercleServerRowFunc   func,
              gpointer              user_data,
              GError              **error)
{
  g_autofree char *sql = NULL;
  const char *values[1] = { club_id };
  gboolean ok = TRUE;
  gboolean done = FALSE;
  PGresult *result;

  sql = club_id != NULL ? g_strdup_printf ("SELECT * FROM %s WHERE %s", table, where)
                        : g_strdup_printf ("SELECT * FROM %s", table);

  if (!PQsendQueryParams (conn->conn, sql, club_id != NULL ? 1 : 0, NULL, values, NULL, NULL, 0) ||
      !PQsetSingleRowMode (conn->conn))
    {
      _cercle_server_pg_set_error (error, conn, NULL);
      while ((result = PQgetResult (conn->conn)) != NULL)
        PQclear (result);
      return FALSE;
    }

  /* Every result is read, even after a failure: the connection is only
   * free again after the last */
  while ((result = PQgetResult (conn->conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (status == PGRES_SINGLE_TUPLE && ok && !done)
        {
          g_autoptr(JsonObject) row = row_from_result (result, 0);

          if (!func (table, row, user_data, error))
            {
              /* Stop the server sending the rest */
              PGcancel *cancel = PQgetCancel (conn->conn);
              char reason[256];

              ok = FALSE;
              if (cancel != NULL)
                {
                  PQcancel (cancel, reason, sizeof reason);
                  PQfreeCancel (cancel);
                }
            }
        }
      else if (status == PGRES_TUPLES_OK)
        done = TRUE;
      else if (status != PGRES_SINGLE_TUPLE && ok)
        {
          _cercle_server_pg_set_error (error, conn, result);
          ok = FALSE;
        }

      PQclear (result);
    }

  return ok && done;
}

static gboolean
pg_export_rows (CercleServerStorage  *storage,
                const char * const   *tables,
                const char * const   *wheres,
                const char           *club_id,
                CercleServerRowFunc   func,
                gpointer              user_data,
                GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  CercleServerPgConn *conn;
  gboolean ok;

  if (!(conn = _cercle_server_pg_take (self, error)))
    return FALSE;

  /* One snapshot for every table: what the server commits meanwhile is
   * not seen, so that the club's seq and its rows agree */
  ok = _cercle_server_pg_simple (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);
  for (guint i = 0; ok && tables[i] != NULL; i++)
    ok = export_table (conn, tables[i], wheres[i], club_id, func, user_data, error);

  if (PQtransactionStatus (conn->conn) != PQTRANS_IDLE)
    _cercle_server_pg_simple (conn, ok ? "COMMIT" : "ROLLBACK", NULL);
  _cercle_server_pg_give (self, conn);

  return ok;
}

/* @node as PostgreSQL's text input takes it: a SQLite boolean (0 or 1)
 * reads as a boolean too */
static char *
json_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }

    default:
      return g_strdup (json_node_get_string (node));
    }
}

static gboolean
import_row (CercleServerPgConn  *conn,
            const char          *table,
            JsonObject          *row,
            GError             **error)
{
  g_autoptr(GList) columns = json_object_get_members (row);
  g_autofree char *sql = _cercle_server_storage_insert_sql (table, row, columns);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  PGresult *result;

  for (GList *l = columns; l != NULL; l = l->next)
    g_ptr_array_add (values, json_to_text (json_object_get_member (row, l->data)));

  result = _cercle_server_pg_exec (conn, sql, (int)values->len, (const char * const *)values->pdata, &local_error);
  if (result == NULL)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  PQclear (result);

  return TRUE;
}

static gboolean
pg_import_rows (CercleServerStorage     *storage,
                CercleServerNextRowFunc  next,
                gpointer                 user_data,
                const char              *epoch,
                GError                 **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  g_autoptr(GError) local_error = NULL;
  CercleServerPgConn *conn;
  const char *table;
  JsonObject *row;
  gboolean ok;

  if (!(conn = _cercle_server_pg_take (self, error)))
    return FALSE;

  ok = _cercle_server_pg_simple (conn, "BEGIN", error);
  while (ok && next (user_data, &table, &row, &local_error))
    ok = import_row (conn, table, row, error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }

  if (ok && epoch != NULL)
    {
      PGresult *result = _cercle_server_pg_query (conn, "UPDATE meta SET value = $1 WHERE key = 'epoch'",
                                                  error, "s", epoch);

      ok = result != NULL;
      PQclear (result);
    }

  ok = ok && _cercle_server_pg_simple (conn, "COMMIT", error);
  if (!ok && PQtransactionStatus (conn->conn) != PQTRANS_IDLE)
    _cercle_server_pg_simple (conn, "ROLLBACK", NULL);
  _cercle_server_pg_give (self, conn);

  return ok;
}

void
_cercle_server_pg_init_move_iface (CercleServerStorageInterface *iface)
{
  iface->export_rows = pg_export_rows;
  iface->import_rows = pg_import_rows;
}
