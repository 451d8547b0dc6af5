/* cercle-server-sqlite-move.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-sqlite-private.h"

/* Moving clubs in and out of a SQLite database: the rows of the tables
 * as typed JSON, read in one snapshot, and back in one transaction
 * (cercle-server-cli-move.c); one row at a time both ways, so that a big
 * club moves in little memory */

static JsonObject *
row_from_statement (sqlite3_stmt *stmt)
{
  JsonObject *row = json_object_new ();

  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      if (g_str_equal (name, "pk"))
        continue;

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
          break;

        case SQLITE_FLOAT:
          json_object_set_double_member (row, name, sqlite3_column_double (stmt, i));
          break;

        case SQLITE_NULL:
          json_object_set_null_member (row, name);
          break;

        default:
          json_object_set_string_member (row, name, (const char *)sqlite3_column_text (stmt, i));
          break;
        }
    }

  return row;
}

static gboolean
export_table (CercleDb             *db,
              const char           *table,
              const char           *where,
              const char           *club_id,
              CercleServerRowFunc   func,
              gpointer              user_data,
              GError              **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  sql = club_id != NULL ? g_strdup_printf ("SELECT * FROM %s WHERE %s", table, where)
                        : g_strdup_printf ("SELECT * FROM %s", table);

  if (!(stmt = cercle_db_prepare (db, sql, error)) ||
      (club_id != NULL && !cercle_db_bind_text (db, stmt, 1, club_id, error)))
    return FALSE;

  while (ok && (rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      g_autoptr(JsonObject) row = row_from_statement (stmt);

      ok = func (table, row, user_data, error);
    }
  ok = ok && rc == SQLITE_DONE;

  sqlite3_reset (stmt);
  return ok;
}

static gboolean
sqlite_export_rows (CercleServerStorage  *storage,
                    const char * const   *tables,
                    const char * const   *wheres,
                    const char           *club_id,
                    CercleServerRowFunc   func,
                    gpointer              user_data,
                    GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db;
  gboolean ok;

  if (!(db = _cercle_server_sqlite_take_reader (self, error)))
    return FALSE;

  /* One read transaction: in WAL mode, every table is read as it was at
   * its first read, whatever the server commits meanwhile */
  ok = cercle_db_exec (db, "BEGIN DEFERRED", CERCLE_DB_READ, error);
  for (guint i = 0; ok && tables[i] != NULL; i++)
    ok = export_table (db, tables[i], wheres[i], club_id, func, user_data, error);
  cercle_db_exec (db, ok ? "COMMIT" : "ROLLBACK", CERCLE_DB_READ, NULL);

  _cercle_server_sqlite_give_reader (self, db);

  return ok;
}

static gboolean
bind_json (CercleDb      *db,
           sqlite3_stmt  *stmt,
           int            index,
           JsonNode      *node,
           GError       **error)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return cercle_db_bind_int64 (db, stmt, index, json_node_get_boolean (node) ? 1 : 0, error);

    case G_TYPE_INT64:
      return cercle_db_bind_int64 (db, stmt, index, json_node_get_int (node), error);

    case G_TYPE_DOUBLE:
      return sqlite3_bind_double (stmt, index, json_node_get_double (node)) == SQLITE_OK;

    default:
      return cercle_db_bind_text (db, stmt, index, json_node_get_string (node), error);
    }
}

static gboolean
import_row (CercleDb    *db,
            const char  *table,
            JsonObject  *row,
            GError     **error)
{
  g_autoptr(GList) columns = json_object_get_members (row);
  g_autofree char *sql = _cercle_server_storage_insert_sql (table, row, columns);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  int index = 1;
  gboolean ok;

  ok = (stmt = cercle_db_prepare (db, sql, &local_error)) != NULL;
  for (GList *l = columns; ok && l != NULL; l = l->next)
    ok = bind_json (db, stmt, index++, json_object_get_member (row, l->data), &local_error);
  ok = ok && cercle_db_step_done (db, stmt, CERCLE_DB_WRITE, &local_error);

  if (!ok)
    g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                         local_error != NULL ? local_error->message : "?");

  return ok;
}

static gboolean
sqlite_import_rows (CercleServerStorage     *storage,
                    CercleServerNextRowFunc  next,
                    gpointer                 user_data,
                    const char              *epoch,
                    GError                 **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_lock_writer (self);
  gboolean began = cercle_db_begin (db, error);
  gboolean ok = began;
  g_autoptr(GError) local_error = NULL;
  const char *table;
  JsonObject *row;

  while (ok && next (user_data, &table, &row, &local_error))
    ok = import_row (db, table, row, error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }

  if (ok && epoch != NULL)
    {
      sqlite3_stmt *stmt = cercle_db_prepare (db, "UPDATE meta SET value = $1 WHERE key = 'epoch'", error);

      ok = stmt != NULL && cercle_db_bind_text (db, stmt, 1, epoch, error) &&
           cercle_db_step_done (db, stmt, CERCLE_DB_WRITE, error);
    }

  /* A failed commit rolls back by itself */
  if (ok)
    ok = cercle_db_commit (db, error);
  else if (began)
    cercle_db_rollback (db);
  _cercle_server_sqlite_unlock_writer (self);

  return ok;
}

void
_cercle_server_sqlite_init_move_iface (CercleServerStorageInterface *iface)
{
  iface->export_rows = sqlite_export_rows;
  iface->import_rows = sqlite_import_rows;
}
