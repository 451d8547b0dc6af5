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

/* Moving clubs in and out of a SQLite database: the rows of a table as
 * typed JSON, and back in one transaction (cercle-server-cli-move.c) */

static gboolean
sqlite_export_rows (CercleServerStorage  *storage,
                    const char           *table,
                    const char           *where,
                    const char           *club_id,
                    JsonArray            *rows,
                    GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  g_autofree char *sql = NULL;
  CercleDb *db;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  sql = club_id != NULL ? g_strdup_printf ("SELECT * FROM %s WHERE %s", table, where)
                        : g_strdup_printf ("SELECT * FROM %s", table);

  if (!(db = _cercle_server_sqlite_take_reader (self, error)))
    return FALSE;

  if (!(stmt = cercle_db_prepare (db, sql, error)) ||
      (club_id != NULL && !cercle_db_bind_text (db, stmt, 1, club_id, error)))
    {
      _cercle_server_sqlite_give_reader (self, db);
      return FALSE;
    }

  while ((rc = cercle_db_step (db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
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
      json_array_add_object_element (rows, row);
    }
  if (rc != SQLITE_DONE)
    ok = FALSE;

  sqlite3_reset (stmt);
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
import_table (CercleDb    *db,
              const char  *table,
              JsonArray   *rows,
              GError     **error)
{
  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);
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
        {
          g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                       /* Translators: a table of the server's database, a row's number in it */
                       _("Table “%s”, row %u: %s"), table, r + 1,
                       local_error != NULL ? local_error->message : "?");
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
sqlite_import_rows (CercleServerStorage  *storage,
                    const char * const   *names,
                    JsonObject           *tables,
                    const char           *epoch,
                    GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleDb *db = _cercle_server_sqlite_lock_writer (self);
  gboolean ok = cercle_db_begin (db, error);

  for (guint i = 0; ok && names[i] != NULL; i++)
    {
      if (json_object_has_member (tables, names[i]))
        ok = import_table (db, names[i], json_object_get_array_member (tables, names[i]), error);
    }

  if (ok && epoch != NULL)
    {
      sqlite3_stmt *stmt = cercle_db_prepare (db, "UPDATE meta SET value = $1 WHERE key = 'epoch'", error);

      ok = stmt != NULL && cercle_db_bind_text (db, stmt, 1, epoch, error) &&
           cercle_db_step_done (db, stmt, CERCLE_DB_WRITE, error);
    }

  ok = ok && cercle_db_commit (db, error);
  if (!ok)
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
