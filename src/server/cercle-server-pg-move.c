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

/* Moving clubs in and out of a PostgreSQL database: the rows of a table
 * as typed JSON, and back in one transaction (cercle-server-cli-move.c) */

/* The types of pg_type that are not text in JSON */
#define BOOLOID 16
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23

static gboolean
pg_export_rows (CercleServerStorage  *storage,
                const char           *table,
                const char           *where,
                const char           *club_id,
                JsonArray            *rows,
                GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  g_autofree char *sql = NULL;
  CercleServerPgConn *conn;
  PGresult *result;
  const char *values[1] = { club_id };

  sql = club_id != NULL ? g_strdup_printf ("SELECT * FROM %s WHERE %s", table, where)
                        : g_strdup_printf ("SELECT * FROM %s", table);

  if (!(conn = _cercle_server_pg_take (self, error)))
    return FALSE;
  result = _cercle_server_pg_exec (conn, sql, club_id != NULL ? 1 : 0, values, error);
  _cercle_server_pg_give (self, conn);
  if (result == NULL)
    return FALSE;

  for (int r = 0; r < PQntuples (result); r++)
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
      json_array_add_object_element (rows, row);
    }

  PQclear (result);
  return TRUE;
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
import_table (CercleServerPgConn  *conn,
              const char          *table,
              JsonArray           *rows,
              GError             **error)
{
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);
      g_autoptr(GList) columns = json_object_get_members (row);
      g_autofree char *sql = _cercle_server_storage_insert_sql (table, row, columns);
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) local_error = NULL;
      PGresult *result;

      for (GList *l = columns; l != NULL; l = l->next)
        g_ptr_array_add (values, json_to_text (json_object_get_member (row, l->data)));

      result = _cercle_server_pg_exec (conn, sql, (int)values->len, (const char * const *)values->pdata,
                                       &local_error);
      if (result == NULL)
        {
          g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                       _("Table “%s”, row %u: %s"), table, r + 1, local_error->message);
          return FALSE;
        }
      PQclear (result);
    }

  return TRUE;
}

static gboolean
pg_import_rows (CercleServerStorage  *storage,
                const char * const   *names,
                JsonObject           *tables,
                const char           *epoch,
                GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  CercleServerPgConn *conn;
  gboolean ok;

  if (!(conn = _cercle_server_pg_take (self, error)))
    return FALSE;

  ok = _cercle_server_pg_simple (conn, "BEGIN", error);
  for (guint i = 0; ok && names[i] != NULL; i++)
    {
      if (json_object_has_member (tables, names[i]))
        ok = import_table (conn, names[i], json_object_get_array_member (tables, names[i]), error);
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
