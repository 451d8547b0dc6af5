/* cercle-store-records.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-codec.h"
#include "cercle-entity.h"
#include "cercle-permission.h"
#include "cercle-store-private.h"

/* Records read and written generically, whatever their table: the SQL of
 * each entity (cercle-record-sql.c), rows read by id or row number, and
 * the writing of cercle_store_save_all(), with the history of each
 * replaced value and, for a local edit, the outbox entry that sync
 * pushes. What a table adds to it comes through its hooks
 * (CercleTableHooks, in its area file). */

static const CercleTableHooks no_hooks = { NULL, };

static const CercleTableHooks *
hooks_for (CercleEntity entity)
{
  if (entity == CERCLE_ENTITY_MEMBER)
    return _cercle_store_member_hooks ();
  if (entity == CERCLE_ENTITY_EVENT)
    return _cercle_store_event_hooks ();
  if (entity == CERCLE_ENTITY_REGISTRATION)
    return _cercle_store_registration_hooks ();
  if (entity == CERCLE_ENTITY_MESSAGE)
    return _cercle_store_message_hooks ();

  return &no_hooks;
}

/* Made on first use, once, whichever thread asks first: workers read
 * records with it on the store's reader connection (the referral board),
 * so a worker may be the first to need an entity's SQL while the main
 * thread writes. A plain "if NULL, make it" would race there: both make
 * one and one leaks, or a thread reads a pointer to a half-made one. */
CercleRecordSql *
_cercle_store_get_sql (CercleStore  *self,
                       CercleEntity  entity)
{
  g_assert (entity < CERCLE_N_ENTITIES);

  if (g_once_init_enter (&self->sql[entity]))
    {
      CercleRecordSql *sql = cercle_record_sql_new (cercle_entity_get_record_type (entity),
                                                    hooks_for (entity)->extra_columns);

      g_once_init_leave (&self->sql[entity], sql);
    }

  return self->sql[entity];
}

static CercleRecordSql *
sql_for_type (CercleStore *self,
              GType        record_type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (record_type);

  return _cercle_store_get_sql (self, CERCLE_RECORD_CLASS (klass)->entity);
}

/* Returns NULL without an error for a missing row when @missing_ok */
static gpointer
load_one (CercleStore    *self,
          GType           record_type,
          const char     *sql,
          sqlite3_stmt  **slot,
          const char     *id,
          gint64          row_number,
          gboolean        missing_ok,
          GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean bound;
  int rc;

  if (!(stmt = cercle_db_prepare_slot (self->db, sql, slot, error)))
    return NULL;

  if (id != NULL)
    bound = cercle_db_bind_text (self->db, stmt, 1, id, error);
  else
    bound = cercle_db_bind_int64 (self->db, stmt, 1, row_number, error);
  if (!bound)
    return NULL;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  if (rc == SQLITE_ROW)
    {
      CercleRecord *record = cercle_record_sql_read (sql_for_type (self, record_type), stmt);

      sqlite3_reset (stmt);
      return record;
    }

  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE && !missing_ok)
    g_set_error_literal (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND,
                         _("This entry no longer exists in the club database"));
  return NULL;
}

gpointer
_cercle_store_load_by_row_number (CercleStore  *self,
                                  GType         record_type,
                                  gint64        row_number,
                                  GError      **error)
{
  CercleRecordSql *sql = sql_for_type (self, record_type);

  return load_one (self, record_type, sql->select_by_row_number, &sql->select_by_row_number_stmt,
                   NULL, row_number, FALSE, error);
}

/* The row @id as it is, a tombstone included; %NULL without an error
 * when there is none */
gpointer
_cercle_store_find_record (CercleStore  *self,
                           GType         record_type,
                           const char   *id,
                           GError      **error)
{
  CercleRecordSql *sql = sql_for_type (self, record_type);

  return load_one (self, record_type, sql->select_by_id, &sql->select_by_id_stmt,
                   id, 0, TRUE, error);
}

/**
 * _cercle_store_list_where:
 * @where_and_order: SQL after "WHERE deleted = 0", with ?1 and ?2 for
 *   @arg1 and @arg2
 *
 * Returns: (transfer full): a #GListStore of the matching records
 */
GListModel *
_cercle_store_list_where (CercleStore  *self,
                          GType         record_type,
                          const char   *where_and_order,
                          const char   *arg1,
                          const char   *arg2,
                          GError      **error)
{
  const CercleRecordSql *sql = sql_for_type (self, record_type);
  g_autoptr(GTypeClass) klass = g_type_class_ref (record_type);
  g_autoptr(GListStore) store = g_list_store_new (record_type);
  g_autofree char *query = NULL;
  sqlite3_stmt *stmt;
  int rc;

  query = g_strdup_printf ("SELECT %s FROM %s WHERE deleted = 0 %s",
                           sql->select_columns,
                           CERCLE_RECORD_CLASS (klass)->table_name,
                           where_and_order);

  if (!(stmt = cercle_db_prepare (self->db, query, error)))
    return NULL;

  if ((arg1 != NULL && !cercle_db_bind_text (self->db, stmt, 1, arg1, error)) ||
      (arg2 != NULL && !cercle_db_bind_text (self->db, stmt, 2, arg2, error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      g_autoptr(CercleRecord) record = cercle_record_sql_read (sql, stmt);

      g_list_store_append (store, record);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&store));
}

static gboolean
add_history_text (CercleStore   *self,
                  CercleRecord  *record,
                  const char    *field,
                  const char    *old_text,
                  const char    *new_text,
                  const char    *changed_at,
                  const char    *origin,
                  GError       **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT INTO history (entity, row_id, field, old_value,"
                                  " new_value, changed_at, origin)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  error)))
    return FALSE;

  return cercle_db_bind_text (self->db, stmt, 1, cercle_record_get_table_name (record), error) &&
         cercle_db_bind_text (self->db, stmt, 2, cercle_record_get_id (record), error) &&
         cercle_db_bind_text (self->db, stmt, 3, field, error) &&
         cercle_db_bind_text (self->db, stmt, 4, old_text, error) &&
         cercle_db_bind_text (self->db, stmt, 5, new_text, error) &&
         cercle_db_bind_text (self->db, stmt, 6, changed_at, error) &&
         cercle_db_bind_text (self->db, stmt, 7, origin, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

static gboolean
add_history (CercleStore   *self,
             CercleRecord  *record,
             const char    *field,
             const GValue  *old_value,
             const GValue  *new_value,
             const char    *changed_at,
             const char    *origin,
             GError       **error)
{
  g_autoptr(JsonNode) old_node = cercle_codec_value_to_json (old_value);
  g_autoptr(JsonNode) new_node = cercle_codec_value_to_json (new_value);
  g_autofree char *old_text = cercle_json_to_string (old_node);
  g_autofree char *new_text = cercle_json_to_string (new_node);

  return add_history_text (self, record, field, old_text, new_text, changed_at, origin, error);
}

/* Queues a local edit for the club's server, in the protocol's own words:
 * the codec writes the "changes" the push will carry. */
static gboolean
add_outbox (CercleStore           *self,
            const CercleMutation  *mutation,
            const char            *created_at,
            GError               **error)
{
  g_autoptr(GEnumClass) ops = g_type_class_ref (CERCLE_TYPE_MUTATION_OP);
  g_autoptr(JsonObject) changes = cercle_mutation_changes_to_json (mutation);
  g_autofree char *changes_text = cercle_json_object_to_string (changes);
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT INTO outbox (entity, row_id, op, base_rev, changes, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error)))
    return FALSE;

  return cercle_db_bind_text (self->db, stmt, 1, cercle_entity_get_name (mutation->entity), error) &&
         cercle_db_bind_text (self->db, stmt, 2, mutation->row_id, error) &&
         cercle_db_bind_text (self->db, stmt, 3, g_enum_get_value (ops, mutation->op)->value_nick, error) &&
         cercle_db_bind_int64 (self->db, stmt, 4, mutation->base_rev, error) &&
         cercle_db_bind_text (self->db, stmt, 5, changes_text, error) &&
         cercle_db_bind_text (self->db, stmt, 6, created_at, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

/* Writes the row, inserting or replacing it; with @insert_only, only
 * inserting, and FALSE without an error when the row exists already. */
static gboolean
write_row (CercleStore             *self,
           const CercleTableHooks  *hooks,
           CercleRecord            *record,
           gboolean                 insert_only,
           gboolean                *exists,
           GError                 **error)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);
  CercleRecordSql *sql = _cercle_store_get_sql (self, klass->entity);
  sqlite3_stmt *stmt;
  int rc;

  if (insert_only)
    stmt = cercle_db_prepare_slot (self->db, sql->insert, &sql->insert_stmt, error);
  else
    stmt = cercle_db_prepare_slot (self->db, sql->upsert, &sql->upsert_stmt, error);
  if (stmt == NULL)
    return FALSE;

  if (!cercle_record_sql_bind (sql, self->db, stmt, record, error))
    return FALSE;

  if (hooks->bind_extra != NULL &&
      !hooks->bind_extra (self, stmt, (int)klass->n_fields + CERCLE_RECORD_SQL_FIRST_FIELD + 1,
                          record, error))
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (insert_only && (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY))
    {
      /* The constraint is checked before anything is written */
      *exists = TRUE;
      return FALSE;
    }

  if (rc != SQLITE_DONE)
    return cercle_db_set_error (error, cercle_db_get_handle (self->db), rc, CERCLE_DB_WRITE);

  return TRUE;
}

/* Writes one record inside the caller's transaction: the row itself, one
 * history entry per replaced value and, for a local edit, one outbox entry
 * carrying every changed field with its old and new value. */
static gboolean
save_one (CercleStore         *self,
          CercleRecord        *record,
          CercleSaveFlags      flags,
          const CercleViewer  *viewer,
          const char          *now,
          GError             **error)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (record);
  const CercleTableHooks *hooks = hooks_for (klass->entity);
  CercleRecordSql *sql = _cercle_store_get_sql (self, klass->entity);
  gboolean from_server = (flags & CERCLE_SAVE_FROM_SERVER) != 0;
  gboolean derived = (flags & CERCLE_SAVE_DERIVED) != 0;
  g_autoptr(CercleRecord) old = NULL;
  g_autoptr(CercleMutation) mutation = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *origin = from_server ? "server" : derived ? "policy" : "local";
  gboolean deleted_changed;
  gboolean exists = FALSE;

  /* A bulk load of the server's rows (a club being made, a first sync)
   * writes rows that are almost always new: try that first, and look for
   * the row as it was only when it turns out to be there. */
  if (self->bulk_load && from_server)
    {
      if (hooks->prepare != NULL && !hooks->prepare (self, record, NULL, flags, error))
        return FALSE;

      if (cercle_record_get_updated_at (record) == NULL)
        cercle_record_set_updated_at (record, now);

      if (write_row (self, hooks, record, TRUE, &exists, error))
        {
          cercle_change_set_add (self->batch_changes, klass->entity, cercle_record_get_id (record));
          return TRUE;
        }

      if (!exists)
        return FALSE;
    }

  old = load_one (self, G_OBJECT_TYPE (record), sql->select_by_id,
                  &sql->select_by_id_stmt,
                  cercle_record_get_id (record), 0, TRUE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  deleted_changed = old != NULL &&
                    cercle_record_get_deleted (old) != cercle_record_get_deleted (record);

  /* What the club's server would refuse, the app does not write either */
  if (viewer != NULL && !derived && !cercle_permission_check (viewer, old, record, error))
    return FALSE;

  /* Times in their stored form, the rules of the table applied: what is
   * compared below and queued for sync is what will be written */
  if (hooks->prepare != NULL && !hooks->prepare (self, record, old, flags, error))
    return FALSE;

  if (!from_server && !derived)
    {
      CercleMutationOp op;

      if (old == NULL)
        op = CERCLE_MUTATION_INSERT;
      else if (deleted_changed && cercle_record_get_deleted (record))
        op = CERCLE_MUTATION_DELETE;
      else
        op = CERCLE_MUTATION_UPDATE;

      mutation = cercle_mutation_new (klass->entity, cercle_record_get_id (record), op,
                                      old != NULL ? cercle_record_get_rev (old) : 0);
    }

  for (guint i = 0; i < klass->n_fields; i++)
    {
      GParamSpec *pspec = klass->fields[i];
      const GValue *new_value = cercle_record_peek_value (record, i + 1);
      const GValue *old_value = NULL;
      g_auto(GValue) default_value = G_VALUE_INIT;

      if (old != NULL)
        {
          old_value = cercle_record_peek_value (old, i + 1);
          if (g_param_values_cmp (pspec, old_value, new_value) == 0)
            continue;
        }
      else if (mutation != NULL)
        {
          /* A new row carries every field that is not its default */
          g_value_init (&default_value, G_PARAM_SPEC_VALUE_TYPE (pspec));
          g_param_value_set_default (pspec, &default_value);
          if (g_param_values_cmp (pspec, &default_value, new_value) == 0)
            continue;
        }

      if (mutation != NULL)
        cercle_mutation_add_change (mutation, i, old_value, new_value);

      if (old != NULL &&
          !add_history (self, record, klass->columns[i], old_value, new_value,
                        now, origin, error))
        return FALSE;
    }

  if (mutation != NULL)
    {
      /* Saving an unchanged record is not an edit: nothing to sync */
      if (old != NULL && cercle_mutation_get_n_changes (mutation) == 0 && !deleted_changed)
        return TRUE;

      if (old != NULL)
        cercle_record_set_rev (record, cercle_record_get_rev (old));
      cercle_record_set_updated_at (record, now);

      if (!add_outbox (self, mutation, now, error))
        return FALSE;

      /* A row made here starts its history: one entry, with the fields it
       * was made with (a candidate's profile shows when they were added,
       * and with which sponsor) */
      if (old == NULL)
        {
          g_autoptr(JsonObject) changes = cercle_mutation_changes_to_json (mutation);
          g_autofree char *changes_text = cercle_json_object_to_string (changes);

          if (!add_history_text (self, record, CERCLE_HISTORY_CREATED, NULL, changes_text,
                                 now, origin, error))
            return FALSE;
        }
    }
  else if (derived || cercle_record_get_updated_at (record) == NULL)
    cercle_record_set_updated_at (record, now);

  if (hooks->before_write != NULL &&
      !hooks->before_write (self, record, old != NULL, error))
    return FALSE;

  if (!write_row (self, hooks, record, FALSE, &exists, error))
    return FALSE;

  cercle_change_set_add (self->batch_changes, klass->entity, cercle_record_get_id (record));

  return TRUE;
}

/* Writes @record inside the save_all() under way, as the rules make it
 * follow from what the user did; see %CERCLE_SAVE_DERIVED. */
gboolean
_cercle_store_save_derived (CercleStore   *self,
                            CercleRecord  *record,
                            GError       **error)
{
  g_autofree char *now = cercle_now_iso8601 ();

  g_assert (self->batch_changes != NULL);

  return save_one (self, record, CERCLE_SAVE_DERIVED, NULL, now, error);
}

static void
abort_batch (CercleStore *self)
{
  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    if (hooks_for (entity)->abort_batch != NULL)
      hooks_for (entity)->abort_batch (self);

  g_clear_pointer (&self->batch_changes, cercle_change_set_unref);
}

/**
 * cercle_store_get_record:
 * @record_type: a #CercleRecord subtype
 *
 * Returns: (transfer full) (type CercleRecord): the record with that id,
 *   including a deleted one, or %NULL with @error set
 */
gpointer
cercle_store_get_record (CercleStore  *self,
                         GType         record_type,
                         const char   *id,
                         GError      **error)
{
  CercleRecordSql *sql;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (record_type, CERCLE_TYPE_RECORD), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  sql = sql_for_type (self, record_type);

  return load_one (self, record_type, sql->select_by_id, &sql->select_by_id_stmt,
                   id, 0, FALSE, error);
}

gboolean
cercle_store_save (CercleStore   *self,
                   CercleRecord  *record,
                   GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);

  return cercle_store_save_all (self, &record, 1, CERCLE_SAVE_LOCAL_EDIT, error);
}

/**
 * cercle_store_save_all:
 * @records: (array length=n_records): records to insert or update
 *
 * Writes @records in one transaction: either all of them are saved, or,
 * with @error set, none is.
 */
gboolean
cercle_store_save_all (CercleStore          *self,
                       CercleRecord * const *records,
                       guint                 n_records,
                       CercleSaveFlags       flags,
                       GError              **error)
{
  g_autofree char *now = NULL;
  g_autoptr(CercleViewer) viewer = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (self->batch_changes == NULL, FALSE);

  if (n_records == 0)
    return TRUE;

  /* Checked before the transaction opens: returning from inside it would
   * leave it open, and every later write would be lost with it. */
  for (guint i = 0; i < n_records; i++)
    g_return_val_if_fail (CERCLE_IS_RECORD (records[i]), FALSE);

  now = cercle_now_iso8601 ();

  /* Local edits are checked against the rules of the club for who the
   * user is in it; a copy that does not know yet (a club being made)
   * has nobody to check */
  if (!(flags & CERCLE_SAVE_FROM_SERVER))
    {
      viewer = cercle_store_dup_viewer (self, error);
      if (viewer == NULL)
        return FALSE;
      if (viewer->member_id == NULL)
        g_clear_pointer (&viewer, cercle_viewer_free);
    }

  if (!cercle_db_begin (self->db, error))
    return FALSE;

  self->batch_changes = cercle_change_set_new ();

  for (guint i = 0; i < n_records; i++)
    {
      if (!save_one (self, records[i], flags, viewer, now, error))
        {
          abort_batch (self);
          cercle_db_rollback (self->db);
          return FALSE;
        }
    }

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      const CercleTableHooks *hooks = hooks_for (entity);

      if (hooks->end_batch != NULL && !hooks->end_batch (self, error))
        {
          abort_batch (self);
          cercle_db_rollback (self->db);
          return FALSE;
        }
    }

  if (!cercle_db_commit (self->db, error))
    {
      abort_batch (self);
      return FALSE;
    }

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    if (cercle_change_set_touches (self->batch_changes, entity) && hooks_for (entity)->committed != NULL)
      hooks_for (entity)->committed (self);

  _cercle_store_note_change (self, self->batch_changes);
  g_clear_pointer (&self->batch_changes, cercle_change_set_unref);

  return TRUE;
}

/**
 * cercle_store_delete:
 *
 * Marks @record deleted. The row stays as a tombstone so that the deletion
 * reaches the club's server and every other device.
 */
gboolean
cercle_store_delete (CercleStore   *self,
                     CercleRecord  *record,
                     GError       **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);

  cercle_record_set_deleted (record, TRUE);

  if (!cercle_store_save (self, record, error))
    {
      cercle_record_set_deleted (record, FALSE);
      return FALSE;
    }

  return TRUE;
}
