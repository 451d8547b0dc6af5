/* cercle-server-sqlite-rows.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-sqlite-private.h"

/* A club's rows in SQLite: transactions, seq, the pages of a pull, the
 * first answers to mutations, consents. A row's rev is the seq of its last
 * change, so a pull is "rev > cursor" on each table, merged in seq order. */

static const char *
table_name (CercleEntity entity)
{
  return cercle_entity_get_name (entity);
}

void
_cercle_server_sqlite_prepare_tables (CercleServerSqlite *self)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      CercleServerTableSql *table = &self->tables[entity];
      GType type = cercle_entity_get_record_type (entity);
      g_autoptr(GTypeClass) type_class = g_type_class_ref (type);
      CercleRecordClass *klass = CERCLE_RECORD_CLASS (type_class);
      g_autoptr(GString) placeholders = g_string_new ("?1, ?2, ?3, ?4");
      g_autoptr(GString) updates = g_string_new ("rev = excluded.rev, updated_at = excluded.updated_at,"
                                                 " deleted = excluded.deleted");
      guint n_fields;

      table->mapping = cercle_record_sql_new (type, NULL);
      cercle_record_class_get_fields (klass, &n_fields);

      for (guint i = 0; i < n_fields; i++)
        {
          const char *column = cercle_record_class_get_column (klass, i);

          g_string_append_printf (placeholders, ", ?%u", CERCLE_RECORD_SQL_FIRST_FIELD + 1 + i);
          g_string_append_printf (updates, ", %s = excluded.%s", column, column);
        }

      table->get = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = ?1 AND id = ?2",
                                    table->mapping->select_columns, table_name (entity));
      table->list_all = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = ?1 ORDER BY rev",
                                         table->mapping->select_columns, table_name (entity));
      table->pull = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = ?1 AND rev > ?2"
                                     " ORDER BY rev LIMIT ?3",
                                     table->mapping->select_columns, table_name (entity));
      /* The club goes last, after the parameters the mapping binds */
      table->upsert = g_strdup_printf ("INSERT INTO %s (%s, club_id) VALUES (%s, ?%u)"
                                       " ON CONFLICT (club_id, id) DO UPDATE SET %s",
                                       table_name (entity), table->mapping->select_columns,
                                       placeholders->str,
                                       CERCLE_RECORD_SQL_FIRST_FIELD + 1 + n_fields,
                                       updates->str);
    }
}

void
_cercle_server_sqlite_clear_tables (CercleServerSqlite *self)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      CercleServerTableSql *table = &self->tables[entity];

      g_clear_pointer (&table->mapping, cercle_record_sql_free);
      g_clear_pointer (&table->get, g_free);
      g_clear_pointer (&table->list_all, g_free);
      g_clear_pointer (&table->upsert, g_free);
      g_clear_pointer (&table->pull, g_free);
    }
}

static CercleSqliteTxn *
sqlite_txn (CercleServerTxn *txn)
{
  return (CercleSqliteTxn *)txn;
}

static void
txn_free (CercleSqliteTxn *txn)
{
  g_free (txn->parent.club_id);
  g_object_unref (txn->self);
  g_free (txn);
}

static CercleServerTxn *
sqlite_begin (CercleServerStorage  *storage,
              const char           *club_id,
              gboolean              write,
              GError              **error)
{
  CercleServerSqlite *self = CERCLE_SERVER_SQLITE (storage);
  CercleSqliteTxn *txn;
  CercleDb *db;

  if (write)
    {
      g_mutex_lock (&self->writer_lock);
      db = self->writer;
      if (!cercle_db_begin (db, error))
        {
          g_mutex_unlock (&self->writer_lock);
          return NULL;
        }
    }
  else
    {
      /* A read transaction is one snapshot: a page of a pull never sees
       * half of a push */
      if (!(db = _cercle_server_sqlite_take_reader (self, error)))
        return NULL;
      if (!cercle_db_exec (db, "BEGIN", CERCLE_DB_READ, error))
        {
          _cercle_server_sqlite_give_reader (self, db);
          return NULL;
        }
    }

  txn = g_new0 (CercleSqliteTxn, 1);
  txn->parent.storage = storage;
  txn->parent.club_id = g_strdup (club_id);
  txn->parent.write = write;
  txn->self = g_object_ref (self);
  txn->db = db;

  return &txn->parent;
}

static void
end_txn (CercleSqliteTxn *txn)
{
  if (txn->parent.write)
    g_mutex_unlock (&txn->self->writer_lock);
  else
    _cercle_server_sqlite_give_reader (txn->self, txn->db);

  txn_free (txn);
}

static void
sqlite_rollback (CercleServerTxn *base)
{
  CercleSqliteTxn *txn = sqlite_txn (base);

  if (base->write)
    {
      while (txn->savepoints > 0)
        {
          cercle_db_rollback (txn->db);
          txn->savepoints--;
        }
      cercle_db_rollback (txn->db);
    }
  else if (!cercle_db_exec (txn->db, "ROLLBACK", CERCLE_DB_READ, NULL))
    g_debug ("Could not end a read transaction");

  end_txn (txn);
}

static gboolean
sqlite_commit (CercleServerTxn  *base,
               GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  g_autoptr(CercleServerStorage) storage = g_object_ref (base->storage);
  g_autofree char *club_id = g_strdup (base->club_id);
  gint64 last_seq = base->last_seq;

  g_return_val_if_fail (txn->savepoints == 0, FALSE);

  if (!base->write)
    {
      gboolean ok = cercle_db_exec (txn->db, "COMMIT", CERCLE_DB_READ, error);

      end_txn (txn);
      return ok;
    }

  /* cercle_db_commit() rolls back when it fails */
  if (!cercle_db_commit (txn->db, error))
    {
      end_txn (txn);
      return FALSE;
    }

  end_txn (txn);

  if (last_seq > 0)
    cercle_server_storage_emit_club_changed (storage, club_id, last_seq);

  return TRUE;
}

static gboolean
sqlite_savepoint (CercleServerTxn  *base,
                  GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);

  g_return_val_if_fail (base->write, FALSE);

  if (!cercle_db_begin (txn->db, error))
    return FALSE;

  txn->savepoints++;
  return TRUE;
}

static gboolean
sqlite_release (CercleServerTxn  *base,
                GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);

  g_return_val_if_fail (txn->savepoints > 0, FALSE);

  txn->savepoints--;
  return cercle_db_commit (txn->db, error);
}

static void
sqlite_rollback_to (CercleServerTxn *base)
{
  CercleSqliteTxn *txn = sqlite_txn (base);

  g_return_if_fail (txn->savepoints > 0);

  txn->savepoints--;
  cercle_db_rollback (txn->db);
}

static sqlite3_stmt *
prepare_club (CercleSqliteTxn  *txn,
              const char       *sql,
              GError          **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (txn->db, sql, error)) ||
      !cercle_db_bind_text (txn->db, stmt, 1, txn->parent.club_id, error))
    return NULL;

  return stmt;
}

static CercleRecord *
sqlite_get_record (CercleServerTxn  *base,
                   CercleEntity      entity,
                   const char       *id,
                   GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  const CercleServerTableSql *table = &txn->self->tables[entity];
  CercleRecord *record = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_club (txn, table->get, error)) ||
      !cercle_db_bind_text (txn->db, stmt, 2, id, error))
    return NULL;

  rc = cercle_db_step (txn->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    record = cercle_record_sql_read (table->mapping, stmt);
  sqlite3_reset (stmt);

  return record;
}

static GPtrArray *
sqlite_list_records (CercleServerTxn  *base,
                     CercleEntity      entity,
                     const char       *column,
                     const char       *value,
                     GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  const CercleServerTableSql *table = &txn->self->tables[entity];
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (column != NULL)
    {
      g_autoptr(GTypeClass) klass = g_type_class_ref (cercle_entity_get_record_type (entity));

      /* The column goes into the SQL: it must be one of the entity's */
      g_return_val_if_fail (cercle_record_class_find_field (CERCLE_RECORD_CLASS (klass), column) >= 0, NULL);

      query = g_strdup_printf ("SELECT %s FROM %s WHERE club_id = ?1 AND %s = ?2 ORDER BY rev",
                               table->mapping->select_columns, table_name (entity), column);
    }

  if (!(stmt = prepare_club (txn, query != NULL ? query : table->list_all, error)))
    return NULL;
  if (column != NULL && !cercle_db_bind_text (txn->db, stmt, 2, value, error))
    return NULL;

  while ((rc = cercle_db_step (txn->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_ptr_array_add (records, cercle_record_sql_read (table->mapping, stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&records);
}

static gboolean
sqlite_put_record (CercleServerTxn  *base,
                   CercleRecord     *record,
                   GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  CercleEntity entity = cercle_record_get_entity (record);
  const CercleServerTableSql *table = &txn->self->tables[entity];
  sqlite3_stmt *stmt;
  guint n_fields;

  g_return_val_if_fail (base->write, FALSE);

  cercle_record_class_get_fields (CERCLE_RECORD_GET_CLASS (record), &n_fields);

  if (!(stmt = cercle_db_prepare (txn->db, table->upsert, error)) ||
      !cercle_record_sql_bind (table->mapping, txn->db, stmt, record, error) ||
      !cercle_db_bind_text (txn->db, stmt, (int)(CERCLE_RECORD_SQL_FIRST_FIELD + 1 + n_fields),
                            base->club_id, error))
    return FALSE;

  return cercle_db_step_done (txn->db, stmt, CERCLE_DB_WRITE, error);
}

static gint64
sqlite_next_seq (CercleServerTxn  *base,
                 GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;
  gint64 seq = 0;
  int rc;

  g_return_val_if_fail (base->write, 0);

  if (!(stmt = prepare_club (txn,
                             "INSERT INTO club_seq (club_id, seq) VALUES (?1, 1)"
                             " ON CONFLICT (club_id) DO UPDATE SET seq = seq + 1"
                             " RETURNING seq",
                             error)))
    return 0;

  rc = cercle_db_step (txn->db, stmt, CERCLE_DB_WRITE, error);
  if (rc == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  /* RETURNING writes when the statement runs to its end */
  if (rc == SQLITE_ROW && cercle_db_step (txn->db, stmt, CERCLE_DB_WRITE, error) != SQLITE_DONE)
    seq = 0;
  sqlite3_reset (stmt);

  if (seq > 0)
    base->last_seq = seq;

  return seq;
}

static gint64
sqlite_get_seq (CercleServerTxn  *base,
                GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;
  gint64 seq = -1;
  int rc;

  if (!(stmt = prepare_club (txn, "SELECT seq FROM club_seq WHERE club_id = ?1", error)))
    return -1;

  rc = cercle_db_step (txn->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    seq = 0;
  sqlite3_reset (stmt);

  return seq;
}

/* Each table's rows after the cursor, in seq order, merged into one list:
 * at most @limit rows, and has_more when any table had one more. */
static gboolean
sqlite_pull (CercleServerTxn  *base,
             gint64            after_seq,
             guint             limit,
             GPtrArray        *rows,
             gboolean         *has_more,
             GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmts[CERCLE_N_ENTITIES] = { NULL, };
  gboolean live[CERCLE_N_ENTITIES] = { FALSE, };
  gboolean ok = FALSE;

  *has_more = FALSE;

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      int rc;

      if (!(stmts[entity] = prepare_club (txn, txn->self->tables[entity].pull, error)) ||
          !cercle_db_bind_int64 (txn->db, stmts[entity], 2, after_seq, error) ||
          !cercle_db_bind_int64 (txn->db, stmts[entity], 3, (gint64)limit + 1, error))
        goto out;

      rc = cercle_db_step (txn->db, stmts[entity], CERCLE_DB_READ, error);
      if (rc == 0)
        goto out;
      live[entity] = rc == SQLITE_ROW;
    }

  for (;;)
    {
      int best = -1;
      gint64 best_rev = G_MAXINT64;
      int rc;

      for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
        if (live[entity] && sqlite3_column_int64 (stmts[entity], 1) < best_rev)
          {
            best = (int)entity;
            best_rev = sqlite3_column_int64 (stmts[entity], 1);
          }

      if (best < 0)
        break;

      if (rows->len >= limit)
        {
          *has_more = TRUE;
          break;
        }

      g_ptr_array_add (rows, cercle_record_sql_read (txn->self->tables[best].mapping, stmts[best]));

      rc = cercle_db_step (txn->db, stmts[best], CERCLE_DB_READ, error);
      if (rc == 0)
        goto out;
      live[best] = rc == SQLITE_ROW;
    }

  ok = TRUE;

out:
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    if (stmts[entity] != NULL)
      sqlite3_reset (stmts[entity]);

  return ok;
}

static sqlite3_stmt *
prepare_answer (CercleSqliteTxn  *txn,
                const char       *sql,
                const char       *account_id,
                const char       *client_id,
                GError          **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = prepare_club (txn, sql, error)) ||
      !cercle_db_bind_text (txn->db, stmt, 2, account_id, error) ||
      (client_id != NULL && !cercle_db_bind_text (txn->db, stmt, 3, client_id, error)))
    return NULL;

  return stmt;
}

static char *
sqlite_find_answer (CercleServerTxn  *base,
                    const char       *account_id,
                    const char       *client_id,
                    gint64            mutation_no,
                    GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;
  char *answer = NULL;

  if (!(stmt = prepare_answer (txn,
                               "SELECT answer FROM answer WHERE club_id = ?1 AND account_id = ?2"
                               " AND client_id = ?3 AND mutation_no = ?4",
                               account_id, client_id, error)) ||
      !cercle_db_bind_int64 (txn->db, stmt, 4, mutation_no, error))
    return NULL;

  if (cercle_db_step (txn->db, stmt, CERCLE_DB_READ, error) == SQLITE_ROW)
    answer = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return answer;
}

static gboolean
sqlite_save_answer (CercleServerTxn  *base,
                    const char       *account_id,
                    const char       *client_id,
                    gint64            mutation_no,
                    const char       *answer,
                    GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;

  if (!(stmt = prepare_answer (txn,
                               "INSERT INTO answer (club_id, account_id, client_id, mutation_no, answer)"
                               " VALUES (?1, ?2, ?3, ?4, ?5)",
                               account_id, client_id, error)) ||
      !cercle_db_bind_int64 (txn->db, stmt, 4, mutation_no, error) ||
      !cercle_db_bind_text (txn->db, stmt, 5, answer, error))
    return FALSE;

  return cercle_db_step_done (txn->db, stmt, CERCLE_DB_WRITE, error);
}

static gboolean
sqlite_last_mutation_no (CercleServerTxn  *base,
                         const char       *account_id,
                         const char       *client_id,
                         gint64           *mutation_no,
                         GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_answer (txn,
                               "SELECT coalesce (max (mutation_no), 0) FROM answer"
                               " WHERE club_id = ?1 AND account_id = ?2 AND client_id = ?3",
                               account_id, client_id, error)))
    return FALSE;

  rc = cercle_db_step (txn->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    *mutation_no = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
sqlite_forget_answers (CercleServerTxn  *base,
                       const char       *account_id,
                       GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;

  if (!(stmt = prepare_answer (txn, "DELETE FROM answer WHERE club_id = ?1 AND account_id = ?2",
                               account_id, NULL, error)))
    return FALSE;

  return cercle_db_step_done (txn->db, stmt, CERCLE_DB_WRITE, error);
}

static gboolean
sqlite_prune_answers (CercleServerTxn  *base,
                      const char       *account_id,
                      const char       *client_id,
                      gint64            mutation_no,
                      GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;

  if (!(stmt = prepare_answer (txn,
                               "DELETE FROM answer WHERE club_id = ?1 AND account_id = ?2"
                               " AND client_id = ?3 AND mutation_no < ?4",
                               account_id, client_id, error)) ||
      !cercle_db_bind_int64 (txn->db, stmt, 4, mutation_no, error))
    return FALSE;

  return cercle_db_step_done (txn->db, stmt, CERCLE_DB_WRITE, error);
}

static gboolean
sqlite_add_consent (CercleServerTxn            *base,
                    const CercleServerConsent  *consent,
                    GError                    **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  sqlite3_stmt *stmt;

  if (!(stmt = prepare_club (txn,
                             "INSERT INTO consent (club_id, entity, row_id, kind, granted, at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                             error)) ||
      !cercle_db_bind_text (txn->db, stmt, 2, consent->entity, error) ||
      !cercle_db_bind_text (txn->db, stmt, 3, consent->row_id, error) ||
      !cercle_db_bind_text (txn->db, stmt, 4, consent->kind, error) ||
      !cercle_db_bind_int64 (txn->db, stmt, 5, consent->granted, error) ||
      !cercle_db_bind_text (txn->db, stmt, 6, consent->at, error))
    return FALSE;

  return cercle_db_step_done (txn->db, stmt, CERCLE_DB_WRITE, error);
}

static GPtrArray *
sqlite_list_consents (CercleServerTxn  *base,
                      const char       *row_id,
                      GError          **error)
{
  CercleSqliteTxn *txn = sqlite_txn (base);
  g_autoptr(GPtrArray) consents = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_server_consent_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare_club (txn,
                             "SELECT entity, row_id, kind, granted, at FROM consent"
                             " WHERE club_id = ?1 AND row_id = ?2 ORDER BY pk",
                             error)) ||
      !cercle_db_bind_text (txn->db, stmt, 2, row_id, error))
    return NULL;

  while ((rc = cercle_db_step (txn->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      CercleServerConsent *consent = cercle_server_consent_new ();

      consent->entity = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      consent->row_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      consent->kind = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      consent->granted = sqlite3_column_int (stmt, 3) != 0;
      consent->at = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      g_ptr_array_add (consents, consent);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&consents);
}

void
_cercle_server_sqlite_init_txn_iface (CercleServerStorageInterface *iface)
{
  iface->begin = sqlite_begin;
  iface->commit = sqlite_commit;
  iface->rollback = sqlite_rollback;
  iface->savepoint = sqlite_savepoint;
  iface->release = sqlite_release;
  iface->rollback_to = sqlite_rollback_to;
  iface->get_record = sqlite_get_record;
  iface->list_records = sqlite_list_records;
  iface->put_record = sqlite_put_record;
  iface->next_seq = sqlite_next_seq;
  iface->get_seq = sqlite_get_seq;
  iface->pull = sqlite_pull;
  iface->find_answer = sqlite_find_answer;
  iface->save_answer = sqlite_save_answer;
  iface->last_mutation_no = sqlite_last_mutation_no;
  iface->forget_answers = sqlite_forget_answers;
  iface->prune_answers = sqlite_prune_answers;
  iface->add_consent = sqlite_add_consent;
  iface->list_consents = sqlite_list_consents;
}
