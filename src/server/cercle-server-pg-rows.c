/* cercle-server-pg-rows.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-pg"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

/* Records are filled without a notify per field, as the core's readers
 * fill them: nobody watches a record the storage is making */
#include "cercle-record-private.h"
#include "cercle-server-pg-private.h"

/* A club's rows in PostgreSQL: transactions, seq, the pages of a pull,
 * the first answers to mutations, consents.
 *
 * seq, and the order of commits: a write transaction locks its club's
 * row of club_seq first (as the SQLite storage's one writer does), and
 * takes each seq with UPDATE … RETURNING on that row. So two writes to
 * one club never overlap: the second waits for the first to commit, takes
 * the next seq, and commits after it. Commit order is seq order, and a
 * reader's snapshot holds every seq up to some number and none after it:
 * a pull never skips a seq that commits later, nor sees one twice.
 * Clubs do not wait for each other. */

#define MAX_COLUMNS 64

static const char *
table_name (CercleEntity entity)
{
  return cercle_entity_get_name (entity);
}

void
_cercle_server_pg_prepare_tables (CercleServerPg *self)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      CercleServerPgTable *table = &self->tables[entity];
      GType type = cercle_entity_get_record_type (entity);
      g_autoptr(GTypeClass) type_class = g_type_class_ref (type);
      CercleRecordClass *klass = CERCLE_RECORD_CLASS (type_class);
      g_autoptr(GString) placeholders = g_string_new ("$1, $2, $3, $4");
      g_autoptr(GString) updates = g_string_new ("rev = excluded.rev, updated_at = excluded.updated_at,"
                                                 " deleted = excluded.deleted");

      table->mapping = cercle_record_sql_new (type, NULL);
      cercle_record_class_get_fields (klass, &table->n_fields);
      g_assert (CERCLE_RECORD_SQL_FIRST_FIELD + table->n_fields + 1 <= MAX_COLUMNS);

      for (guint i = 0; i < table->n_fields; i++)
        {
          const char *column = cercle_record_class_get_column (klass, i);

          g_string_append_printf (placeholders, ", $%u", CERCLE_RECORD_SQL_FIRST_FIELD + 1 + i);
          g_string_append_printf (updates, ", %s = excluded.%s", column, column);
        }

      table->get = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = $1 AND id = $2",
                                    table->mapping->select_columns, table_name (entity));
      table->list_all = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = $1 ORDER BY rev",
                                         table->mapping->select_columns, table_name (entity));
      /* The page's count of rows of this table, from the index query, as
       * a LIMIT: it tells the planner that a few rows are read in rev
       * order, which the (club_id, rev) index gives without a sort. Without
       * it, a page that is a third of a table was planned as a scan of
       * the whole table and a sort, ten times slower. */
      table->pull = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = $1 AND rev > $2 AND rev <= $3"
                                     " ORDER BY rev LIMIT $4",
                                     table->mapping->select_columns, table_name (entity));
      /* The club goes last, after the record's columns */
      table->upsert = g_strdup_printf ("INSERT INTO %s (%s, club_id) VALUES (%s, $%u)"
                                       " ON CONFLICT (club_id, id) DO UPDATE SET %s",
                                       table_name (entity), table->mapping->select_columns,
                                       placeholders->str,
                                       CERCLE_RECORD_SQL_FIRST_FIELD + 1 + table->n_fields,
                                       updates->str);
    }
}

void
_cercle_server_pg_clear_tables (CercleServerPg *self)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      CercleServerPgTable *table = &self->tables[entity];

      g_clear_pointer (&table->mapping, cercle_record_sql_free);
      g_clear_pointer (&table->get, g_free);
      g_clear_pointer (&table->list_all, g_free);
      g_clear_pointer (&table->upsert, g_free);
      g_clear_pointer (&table->pull, g_free);
    }
}

/**
 * _cercle_server_pg_read_record:
 *
 * Returns: (transfer full): the record of @row of @result, selected with
 *   the mapping's columns
 */
CercleRecord *
_cercle_server_pg_read_record (const CercleServerPgTable *table,
                               const PGresult            *result,
                               int                        row)
{
  CercleRecord *record = g_object_new (table->mapping->record_type,
                                       "id", PQgetvalue (result, row, 0),
                                       NULL);
  GParamSpec * const *fields = cercle_record_class_get_fields (CERCLE_RECORD_GET_CLASS (record), NULL);

  cercle_record_set_rev (record, _cercle_server_pg_int64 (result, row, 1));
  cercle_record_set_updated_at (record, PQgetisnull (result, row, 2) ? NULL : PQgetvalue (result, row, 2));
  cercle_record_set_deleted (record, _cercle_server_pg_boolean (result, row, 3));

  for (guint i = 0; i < table->n_fields; i++)
    {
      int column = (int)(i + CERCLE_RECORD_SQL_FIRST_FIELD);
      GType type = G_PARAM_SPEC_VALUE_TYPE (fields[i]);
      const char *text = PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, type);

      if (type == G_TYPE_STRING)
        g_value_set_string (&value, text);
      else if (type == G_TYPE_INT)
        g_value_set_int (&value, text != NULL ? (int)g_ascii_strtoll (text, NULL, 10) : 0);
      else if (type == G_TYPE_INT64)
        g_value_set_int64 (&value, text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0);
      else if (type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, text != NULL && text[0] == 't');
      else if (G_TYPE_IS_ENUM (type))
        {
          GEnumClass *enum_class = G_PARAM_SPEC_ENUM (fields[i])->enum_class;
          GEnumValue *enum_value = text != NULL ? g_enum_get_value_by_nick (enum_class, text) : NULL;

          /* A nick this version does not know reads as the default, as
           * with SQLite */
          g_value_set_enum (&value, enum_value != NULL ? enum_value->value
                                                       : G_PARAM_SPEC_ENUM (fields[i])->default_value);
        }
      else
        g_assert_not_reached ();

      _cercle_record_set_field_value (record, i, &value);
    }

  return record;
}

static CerclePgTxn *
pg_txn (CercleServerTxn *txn)
{
  return (CerclePgTxn *)txn;
}

static void
end_txn (CerclePgTxn *txn)
{
  _cercle_server_pg_give (txn->self, txn->conn);
  g_free (txn->parent.club_id);
  g_object_unref (txn->self);
  g_free (txn);
}

/* BEGIN, and for a write the club's lock, in one round trip */
static gboolean
start (CercleServerPgConn  *conn,
       const char          *club_id,
       gboolean             write,
       GError             **error)
{
  g_autofree char *sql = NULL;
  char *literal;

  if (!write)
    {
      /* One snapshot: a page of a pull never sees half of a push */
      return _cercle_server_pg_simple (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);
    }

  literal = PQescapeLiteral (conn->conn, club_id, strlen (club_id));
  if (literal == NULL)
    {
      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                   _("The database cannot be reached: %s"), PQerrorMessage (conn->conn));
      return FALSE;
    }

  /* The club's row, made if need be and locked until the end: writes to
   * one club take turns, and each reads what the one before committed */
  sql = g_strdup_printf ("BEGIN;"
                         "INSERT INTO club_seq (club_id, seq) VALUES (%s, 0)"
                         " ON CONFLICT (club_id) DO UPDATE SET seq = club_seq.seq",
                         literal);
  PQfreemem (literal);

  return _cercle_server_pg_simple (conn, sql, error);
}

static CercleServerTxn *
pg_begin (CercleServerStorage  *storage,
          const char           *club_id,
          gboolean              write,
          GError              **error)
{
  CercleServerPg *self = CERCLE_SERVER_PG (storage);
  CercleServerPgConn *conn = NULL;
  CerclePgTxn *txn;

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!(conn = _cercle_server_pg_take (self, error)))
        return NULL;

      if (start (conn, club_id, write, &local_error))
        break;

      /* A connection that sat idle while the database restarted fails
       * its first statement: a new one is worth one more try */
      if (attempt == 0 && _cercle_server_pg_worth_retrying (self, conn))
        {
          _cercle_server_pg_give (self, conn);
          continue;
        }

      _cercle_server_pg_simple (conn, "ROLLBACK", NULL);
      _cercle_server_pg_give (self, conn);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  txn = g_new0 (CerclePgTxn, 1);
  txn->parent.storage = storage;
  txn->parent.club_id = g_strdup (club_id);
  txn->parent.write = write;
  txn->self = g_object_ref (self);
  txn->conn = conn;

  return &txn->parent;
}

static void
pg_rollback (CercleServerTxn *base)
{
  CerclePgTxn *txn = pg_txn (base);

  if (!_cercle_server_pg_simple (txn->conn, "ROLLBACK", NULL))
    g_debug ("Could not roll back");

  end_txn (txn);
}

static gboolean
pg_commit (CercleServerTxn  *base,
           GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  g_autoptr(CercleServerStorage) storage = g_object_ref (base->storage);
  g_autofree char *club_id = g_strdup (base->club_id);
  g_autofree char *sql = NULL;
  gint64 last_seq = base->last_seq;
  PGresult *result;
  gboolean ok;
  gboolean newer = FALSE;

  g_return_val_if_fail (txn->savepoints == 0, FALSE);

  if (last_seq > 0)
    {
      /* Told to every process, and only if the transaction commits */
      g_autofree char *payload = g_strdup_printf ("%s %" G_GINT64_FORMAT, club_id, last_seq);
      char *literal = PQescapeLiteral (txn->conn->conn, payload, strlen (payload));

      if (literal == NULL)
        {
          g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                       _("The database cannot be reached: %s"), PQerrorMessage (txn->conn->conn));
          pg_rollback (base);
          return FALSE;
        }
      sql = g_strdup_printf ("NOTIFY " CERCLE_SERVER_PG_CHANNEL ", %s; COMMIT", literal);
      PQfreemem (literal);
    }

  /* The result of the last statement; a transaction that failed earlier
   * answers COMMIT with "ROLLBACK" */
  result = PQexec (txn->conn->conn, sql != NULL ? sql : "COMMIT");
  ok = result != NULL && PQresultStatus (result) == PGRES_COMMAND_OK &&
       g_str_equal (PQcmdStatus (result), "COMMIT");
  if (!ok)
    {
      if (result != NULL && PQresultStatus (result) == PGRES_COMMAND_OK)
        g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                             _("The database failed: the transaction was rolled back."));
      else
        {
          g_autofree char *line = g_strdup (PQerrorMessage (txn->conn->conn));

          g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                       _("The database failed: %s"), g_strstrip (line));
        }
      PQclear (result);
      pg_rollback (base);
      return FALSE;
    }
  PQclear (result);

  end_txn (txn);

  if (last_seq > 0)
    {
      _cercle_server_pg_note_seq (CERCLE_SERVER_PG (storage), club_id, last_seq, &newer);
      if (newer)
        cercle_server_storage_emit_club_changed (storage, club_id, last_seq);
    }

  return TRUE;
}

static gboolean
pg_savepoint (CercleServerTxn  *base,
              GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  g_autofree char *sql = g_strdup_printf ("SAVEPOINT s%u", txn->savepoints + 1);

  g_return_val_if_fail (base->write, FALSE);

  if (!_cercle_server_pg_simple (txn->conn, sql, error))
    return FALSE;

  txn->savepoints++;
  return TRUE;
}

static gboolean
pg_release (CercleServerTxn  *base,
            GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  g_autofree char *sql = NULL;

  g_return_val_if_fail (txn->savepoints > 0, FALSE);

  sql = g_strdup_printf ("RELEASE SAVEPOINT s%u", txn->savepoints);
  txn->savepoints--;

  return _cercle_server_pg_simple (txn->conn, sql, error);
}

static void
pg_rollback_to (CercleServerTxn *base)
{
  CerclePgTxn *txn = pg_txn (base);
  g_autofree char *sql = NULL;

  g_return_if_fail (txn->savepoints > 0);

  /* Back to the savepoint, which then ends, as SQLite's nested ones do */
  sql = g_strdup_printf ("ROLLBACK TO SAVEPOINT s%u; RELEASE SAVEPOINT s%u", txn->savepoints, txn->savepoints);
  txn->savepoints--;

  if (!_cercle_server_pg_simple (txn->conn, sql, NULL))
    g_debug ("Could not roll back to a savepoint");
}

static CercleRecord *
pg_get_record (CercleServerTxn  *base,
               CercleEntity      entity,
               const char       *id,
               GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  const CercleServerPgTable *table = &txn->self->tables[entity];
  CercleRecord *record = NULL;
  PGresult *result;

  if (!(result = _cercle_server_pg_query (txn->conn, table->get, error, "ss", base->club_id, id)))
    return NULL;

  if (PQntuples (result) > 0)
    record = _cercle_server_pg_read_record (table, result, 0);
  PQclear (result);

  return record;
}

static GPtrArray *
pg_list_records (CercleServerTxn  *base,
                 CercleEntity      entity,
                 const char       *column,
                 const char       *value,
                 GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  const CercleServerPgTable *table = &txn->self->tables[entity];
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  PGresult *result;

  if (column != NULL)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (cercle_entity_get_record_type (entity));
      g_autofree char *query = NULL;

      /* The column goes into the SQL: it must be one of the entity's */
      g_return_val_if_fail (cercle_record_class_find_field (CERCLE_RECORD_CLASS (klass), column) >= 0, NULL);

      query = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = $1 AND %s = $2 ORDER BY rev",
                               table->mapping->select_columns, table_name (entity), column);
      result = _cercle_server_pg_query (txn->conn, query, error, "ss", base->club_id, value);
    }
  else
    result = _cercle_server_pg_query (txn->conn, table->list_all, error, "s", base->club_id);

  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (records, _cercle_server_pg_read_record (table, result, i));
  PQclear (result);

  return g_steal_pointer (&records);
}

static gboolean
pg_put_record (CercleServerTxn  *base,
               CercleRecord     *record,
               GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  CercleEntity entity = cercle_record_get_entity (record);
  const CercleServerPgTable *table = &txn->self->tables[entity];
  GParamSpec * const *fields = cercle_record_class_get_fields (CERCLE_RECORD_GET_CLASS (record), NULL);
  const char *values[MAX_COLUMNS] = { NULL, };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  PGresult *result;
  int n = 0;

  g_return_val_if_fail (base->write, FALSE);

  values[n++] = cercle_record_get_id (record);
  g_ptr_array_add (texts, g_strdup_printf ("%" G_GINT64_FORMAT, cercle_record_get_rev (record)));
  values[n++] = g_ptr_array_index (texts, texts->len - 1);
  values[n++] = cercle_record_get_updated_at (record);
  values[n++] = cercle_record_get_deleted (record) ? "true" : "false";

  for (guint i = 0; i < table->n_fields; i++)
    {
      const GValue *value = cercle_record_peek_value (record, i + 1);
      GType type = G_VALUE_TYPE (value);

      if (type == G_TYPE_STRING)
        values[n++] = g_value_get_string (value);
      else if (type == G_TYPE_INT)
        {
          g_ptr_array_add (texts, g_strdup_printf ("%d", g_value_get_int (value)));
          values[n++] = g_ptr_array_index (texts, texts->len - 1);
        }
      else if (type == G_TYPE_INT64)
        {
          g_ptr_array_add (texts, g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value)));
          values[n++] = g_ptr_array_index (texts, texts->len - 1);
        }
      else if (type == G_TYPE_BOOLEAN)
        values[n++] = g_value_get_boolean (value) ? "true" : "false";
      else if (G_TYPE_IS_ENUM (type))
        {
          GEnumValue *enum_value = g_enum_get_value (G_PARAM_SPEC_ENUM (fields[i])->enum_class,
                                                     g_value_get_enum (value));

          values[n++] = enum_value != NULL ? enum_value->value_nick : NULL;
        }
      else
        g_assert_not_reached ();
    }

  values[n++] = base->club_id;

  if (!(result = _cercle_server_pg_exec (txn->conn, table->upsert, n, values, error)))
    return FALSE;
  PQclear (result);

  return TRUE;
}

static gint64
pg_next_seq (CercleServerTxn  *base,
             GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  PGresult *result;
  gint64 seq = 0;

  g_return_val_if_fail (base->write, 0);

  /* The row is locked since begin(): the seq is this transaction's */
  result = _cercle_server_pg_query (txn->conn,
                                    "UPDATE club_seq SET seq = seq + 1 WHERE club_id = $1 RETURNING seq",
                                    error, "s", base->club_id);
  if (result == NULL)
    return 0;
  if (PQntuples (result) == 1)
    seq = _cercle_server_pg_int64 (result, 0, 0);
  PQclear (result);

  if (seq > 0)
    base->last_seq = seq;

  return seq;
}

static gint64
pg_get_seq (CercleServerTxn  *base,
            GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  PGresult *result;
  gint64 seq = 0;

  result = _cercle_server_pg_query (txn->conn, "SELECT seq FROM club_seq WHERE club_id = $1",
                                    error, "s", base->club_id);
  if (result == NULL)
    return -1;
  if (PQntuples (result) == 1)
    seq = _cercle_server_pg_int64 (result, 0, 0);
  PQclear (result);

  return seq;
}

/* Which table each of the next rows is in, and their seqs: one small
 * query over the tables' (club, rev) indexes, so that each table then
 * gives exactly its rows of the page */
static char *
pull_index_sql (void)
{
  GString *sql = g_string_new ("SELECT e, rev FROM (");

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    g_string_append_printf (sql, "%s(SELECT %u AS e, rev FROM %s WHERE club_id = $1 AND rev > $2"
                                 " ORDER BY rev LIMIT $3)",
                            entity > 0 ? " UNION ALL " : "", (guint)entity, table_name (entity));
  g_string_append (sql, ") AS page ORDER BY rev LIMIT $3");

  return g_string_free (sql, FALSE);
}

/* Up to @limit rows after @after_seq, in seq order, and whether there are
 * more. A row's rev is the seq of its last change, so revs are unique in
 * a club and the page ends exactly at the @limit-th. */
static gboolean
pg_pull (CercleServerTxn  *base,
         gint64            after_seq,
         guint             limit,
         GPtrArray        *rows,
         gboolean         *has_more,
         GError          **error)
{
  static char *index_sql;
  CerclePgTxn *txn = pg_txn (base);
  PGresult *tables[CERCLE_N_ENTITIES] = { NULL, };
  int next[CERCLE_N_ENTITIES] = { 0, };
  gint64 counts[CERCLE_N_ENTITIES] = { 0, };
  PGresult *index;
  gboolean ok = FALSE;
  int n_page;
  gint64 last;

  *has_more = FALSE;

  if (g_once_init_enter (&index_sql))
    g_once_init_leave (&index_sql, pull_index_sql ());

  if (!(index = _cercle_server_pg_query (txn->conn, index_sql, error, "sii",
                                         base->club_id, after_seq, (gint64)limit + 1)))
    return FALSE;

  n_page = MIN (PQntuples (index), (int)limit);
  *has_more = PQntuples (index) > (int)limit;
  if (n_page == 0)
    {
      PQclear (index);
      return TRUE;
    }
  last = _cercle_server_pg_int64 (index, n_page - 1, 1);

  for (int i = 0; i < n_page; i++)
    {
      guint entity = (guint)_cercle_server_pg_int64 (index, i, 0);

      g_assert (entity < CERCLE_N_ENTITIES);
      counts[entity]++;
    }

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    if (counts[entity] > 0 &&
        !(tables[entity] = _cercle_server_pg_query (txn->conn, txn->self->tables[entity].pull, error, "siii",
                                                    base->club_id, after_seq, last, counts[entity])))
      goto out;

  /* The index says which table each row of the page comes from, in order */
  for (int i = 0; i < n_page; i++)
    {
      guint entity = (guint)_cercle_server_pg_int64 (index, i, 0);
      PGresult *table = tables[entity];

      if (next[entity] >= PQntuples (table))
        {
          /* Impossible in one snapshot */
          g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                               _("The database failed: a page changed while it was read."));
          goto out;
        }

      g_ptr_array_add (rows, _cercle_server_pg_read_record (&txn->self->tables[entity], table, next[entity]++));
    }

  ok = TRUE;

out:
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    PQclear (tables[entity]);
  PQclear (index);

  return ok;
}

static char *
pg_find_answer (CercleServerTxn  *base,
                const char       *account_id,
                const char       *client_id,
                gint64            mutation_no,
                GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  PGresult *result;
  char *answer = NULL;

  result = _cercle_server_pg_query (txn->conn,
                                    "SELECT answer FROM answer WHERE club_id = $1 AND account_id = $2"
                                    " AND client_id = $3 AND mutation_no = $4",
                                    error, "sssi", base->club_id, account_id, client_id, mutation_no);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) > 0)
    answer = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);

  return answer;
}

static gboolean
exec_ok (PGresult *result)
{
  PQclear (result);
  return result != NULL;
}

static gboolean
pg_save_answer (CercleServerTxn  *base,
                const char       *account_id,
                const char       *client_id,
                gint64            mutation_no,
                const char       *answer,
                GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);

  return exec_ok (_cercle_server_pg_query (txn->conn,
                                           "INSERT INTO answer (club_id, account_id, client_id, mutation_no, answer)"
                                           " VALUES ($1, $2, $3, $4, $5)",
                                           error, "sssis", base->club_id, account_id, client_id,
                                           mutation_no, answer));
}

static gboolean
pg_last_mutation_no (CercleServerTxn  *base,
                     const char       *account_id,
                     const char       *client_id,
                     gint64           *mutation_no,
                     GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  PGresult *result;

  result = _cercle_server_pg_query (txn->conn,
                                    "SELECT coalesce (max (mutation_no), 0) FROM answer"
                                    " WHERE club_id = $1 AND account_id = $2 AND client_id = $3",
                                    error, "sss", base->club_id, account_id, client_id);
  if (result == NULL)
    return FALSE;
  *mutation_no = _cercle_server_pg_int64 (result, 0, 0);
  PQclear (result);

  return TRUE;
}

static gboolean
pg_forget_answers (CercleServerTxn  *base,
                   const char       *account_id,
                   GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);

  return exec_ok (_cercle_server_pg_query (txn->conn, "DELETE FROM answer WHERE club_id = $1 AND account_id = $2",
                                           error, "ss", base->club_id, account_id));
}

static gboolean
pg_prune_answers (CercleServerTxn  *base,
                  const char       *account_id,
                  const char       *client_id,
                  gint64            mutation_no,
                  GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);

  return exec_ok (_cercle_server_pg_query (txn->conn,
                                           "DELETE FROM answer WHERE club_id = $1 AND account_id = $2"
                                           " AND client_id = $3 AND mutation_no < $4",
                                           error, "sssi", base->club_id, account_id, client_id, mutation_no));
}

static gboolean
pg_add_consent (CercleServerTxn            *base,
                const CercleServerConsent  *consent,
                GError                    **error)
{
  CerclePgTxn *txn = pg_txn (base);

  return exec_ok (_cercle_server_pg_query (txn->conn,
                                           "INSERT INTO consent (club_id, entity, row_id, kind, granted, at)"
                                           " VALUES ($1, $2, $3, $4, $5, $6)",
                                           error, "ssssbs", base->club_id, consent->entity, consent->row_id,
                                           consent->kind, consent->granted, consent->at));
}

static GPtrArray *
pg_list_consents (CercleServerTxn  *base,
                  const char       *row_id,
                  GError          **error)
{
  CerclePgTxn *txn = pg_txn (base);
  g_autoptr(GPtrArray) consents = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_consent_free);
  PGresult *result;

  result = _cercle_server_pg_query (txn->conn,
                                    "SELECT entity, row_id, kind, granted, at FROM consent"
                                    " WHERE club_id = $1 AND row_id = $2 ORDER BY pk",
                                    error, "ss", base->club_id, row_id);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      CercleServerConsent *consent = cercle_server_consent_new ();

      consent->entity = _cercle_server_pg_dup_value (result, i, 0);
      consent->row_id = _cercle_server_pg_dup_value (result, i, 1);
      consent->kind = _cercle_server_pg_dup_value (result, i, 2);
      consent->granted = _cercle_server_pg_boolean (result, i, 3);
      consent->at = _cercle_server_pg_dup_value (result, i, 4);
      g_ptr_array_add (consents, consent);
    }
  PQclear (result);

  return g_steal_pointer (&consents);
}

void
_cercle_server_pg_init_txn_iface (CercleServerStorageInterface *iface)
{
  iface->begin = pg_begin;
  iface->commit = pg_commit;
  iface->rollback = pg_rollback;
  iface->savepoint = pg_savepoint;
  iface->release = pg_release;
  iface->rollback_to = pg_rollback_to;
  iface->get_record = pg_get_record;
  iface->list_records = pg_list_records;
  iface->put_record = pg_put_record;
  iface->next_seq = pg_next_seq;
  iface->get_seq = pg_get_seq;
  iface->pull = pg_pull;
  iface->find_answer = pg_find_answer;
  iface->save_answer = pg_save_answer;
  iface->last_mutation_no = pg_last_mutation_no;
  iface->forget_answers = pg_forget_answers;
  iface->prune_answers = pg_prune_answers;
  iface->add_consent = pg_add_consent;
  iface->list_consents = pg_list_consents;
}
