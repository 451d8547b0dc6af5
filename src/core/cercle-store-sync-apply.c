/* cercle-store-sync-apply.c
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
#include "cercle-record-private.h"
#include "cercle-registration.h"
#include "cercle-store-private.h"

/* Writing what the club's server sends into the local copy: pulled pages
 * and the answers to a push. Both are untrusted input, checked through
 * the codec, and each is written in one transaction.
 *
 * The user may edit while a sync is under way (the interface writes on a
 * connection of its own). An edit is either committed before a page's
 * transaction starts, and then waits in the outbox, which the page reads
 * inside its transaction and applies again on top of every pulled row; or
 * committed after it, and then made over the pulled row. Either way
 * nothing the user typed is overwritten by a pulled row. */

/* What the server's rows become before they are written */
typedef struct
{
  CercleStore     *self;
  GHashTable      *pending;   /* the outbox: row id → mutations, oldest first */
  GPtrArray       *records;
  CercleChangeSet *changes;
  gboolean         resyncing;
} Batch;

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->pending, g_hash_table_unref);
  g_clear_pointer (&batch->records, g_ptr_array_unref);
  g_clear_pointer (&batch->changes, cercle_change_set_unref);
}

static gboolean
batch_init (Batch        *batch,
            CercleStore  *self,
            GError      **error)
{
  batch->self = self;
  batch->records = g_ptr_array_new_with_free_func (g_object_unref);
  batch->changes = cercle_change_set_new ();
  batch->pending = _cercle_store_load_pending (self, error);

  return batch->pending != NULL;
}

static gboolean
mark_seen (CercleStore  *self,
           const char   *id,
           GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db, "INSERT OR IGNORE INTO sync_resync_seen (id) VALUES (?1)",
                                  error)))
    return FALSE;

  return cercle_db_bind_text (self->db, stmt, 1, id, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

/* A member is registered once per event. A local registration that the
 * server does not have yet (its insert waits in the outbox, and will be
 * refused) gives way to the server's, which the unique index would
 * otherwise refuse. */
static gboolean
free_registration_place (Batch               *batch,
                         CercleRegistration  *registration,
                         GError             **error)
{
  CercleStore *self = batch->self;
  const char *member_id = cercle_registration_get_member_id (registration);
  sqlite3_stmt *stmt;
  int rc;

  if (member_id == NULL || cercle_record_get_deleted (CERCLE_RECORD (registration)))
    return TRUE;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "UPDATE registration SET deleted = 1"
                                  " WHERE event_id = ?1 AND member_id = ?2 AND id <> ?3 AND deleted = 0"
                                  " RETURNING id",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, cercle_registration_get_event_id (registration), error) ||
      !cercle_db_bind_text (self->db, stmt, 2, member_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 3, cercle_record_get_id (CERCLE_RECORD (registration)), error))
    return FALSE;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_WRITE, error)) == SQLITE_ROW)
    cercle_change_set_add (batch->changes, CERCLE_ENTITY_REGISTRATION,
                           (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

/* Gives @record the user's edits that wait in the outbox */
static void
apply_pending (Batch        *batch,
               CercleRecord *record)
{
  GPtrArray *mutations = g_hash_table_lookup (batch->pending, cercle_record_get_id (record));

  for (guint i = 0; mutations != NULL && i < mutations->len; i++)
    cercle_mutation_apply (g_ptr_array_index (mutations, i), record);
}

/* Takes @mutation out of what is applied again on pulled rows: the
 * server answered it */
static void
forget_pending (Batch                *batch,
                const CercleMutation *mutation)
{
  GPtrArray *mutations = g_hash_table_lookup (batch->pending, mutation->row_id);

  for (guint i = 0; mutations != NULL && i < mutations->len; i++)
    {
      if (((CercleMutation *)g_ptr_array_index (mutations, i))->mutation_no == mutation->mutation_no)
        {
          g_ptr_array_remove_index (mutations, i);
          return;
        }
    }
}

/* Adds the server's version of a row to the batch, with the user's
 * waiting edits on top of it */
static gboolean
stage_server_row (Batch         *batch,
                  CercleRecord  *record,
                  GError       **error)
{
  CercleStore *self = batch->self;
  const char *id = cercle_record_get_id (record);
  g_autoptr(CercleRecord) existing = NULL;
  g_autoptr(GError) local_error = NULL;

  if (batch->resyncing && !mark_seen (self, id, error))
    return FALSE;

  /* A first sync writes into an empty club: there is nothing to look up */
  if (!self->bulk_load)
    {
      existing = _cercle_store_find_record (self, G_OBJECT_TYPE (record), id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* An answer to a push may be newer than what a page brings */
      if (existing != NULL && cercle_record_get_rev (existing) > cercle_record_get_rev (record))
        return TRUE;
    }

  if (cercle_record_get_deleted (record))
    {
      /* A tombstone carries no fields (the row may be one the user may no
       * longer see): the copy keeps its row, marked deleted, so that what
       * points at it still points at something */
      if (existing == NULL)
        {
          /* Only a member can be kept without its fields; other rows
           * the copy never had are simply not there */
          if (cercle_record_get_entity (record) != CERCLE_ENTITY_MEMBER)
            return TRUE;
          g_ptr_array_add (batch->records, g_object_ref (record));
        }
      else
        {
          if (cercle_record_get_deleted (existing) &&
              cercle_record_get_rev (existing) == cercle_record_get_rev (record))
            return TRUE;

          cercle_record_set_deleted (existing, TRUE);
          cercle_record_set_rev (existing, cercle_record_get_rev (record));
          cercle_record_set_updated_at (existing, cercle_record_get_updated_at (record));
          g_ptr_array_add (batch->records, g_steal_pointer (&existing));
        }

      cercle_change_set_add (batch->changes, cercle_record_get_entity (record), id);
      return TRUE;
    }

  apply_pending (batch, record);

  if (CERCLE_IS_REGISTRATION (record) &&
      !free_registration_place (batch, CERCLE_REGISTRATION (record), error))
    return FALSE;

  cercle_change_set_add (batch->changes, cercle_record_get_entity (record), id);
  g_ptr_array_add (batch->records, g_object_ref (record));

  return TRUE;
}

static gboolean
batch_write (Batch   *batch,
             GError **error)
{
  return cercle_store_save_all (batch->self, (CercleRecord * const *)batch->records->pdata,
                                batch->records->len, CERCLE_SAVE_FROM_SERVER, error);
}

static const char *
table_of (CercleEntity entity)
{
  return cercle_entity_get_name (entity);
}

/* A pull from scratch reached the end: what it did not bring is gone from
 * the server, unless the user's edits of it still wait to be sent */
static gboolean
finish_resync (Batch   *batch,
               GError **error)
{
  CercleStore *self = batch->self;

  g_ptr_array_set_size (batch->records, 0);

  for (CercleEntity entity = 0; entity < CERCLE_N_ENTITIES; entity++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE deleted = 0"
                                              " AND id NOT IN (SELECT id FROM sync_resync_seen)"
                                              " AND id NOT IN (SELECT row_id FROM outbox)",
                                              table_of (entity));
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;
      int rc;

      if (!(stmt = cercle_db_prepare (self->db, sql, error)))
        return FALSE;

      while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return FALSE;

      for (guint i = 0; i < ids->len; i++)
        {
          CercleRecord *record = _cercle_store_find_record (self, cercle_entity_get_record_type (entity),
                                                            g_ptr_array_index (ids, i), error);

          if (record == NULL)
            return FALSE;

          cercle_record_set_deleted (record, TRUE);
          cercle_change_set_add (batch->changes, entity, g_ptr_array_index (ids, i));
          g_ptr_array_add (batch->records, record);
        }
    }

  return batch_write (batch, error) &&
         cercle_db_exec (self->db, "DELETE FROM sync_resync_seen", CERCLE_DB_WRITE, error) &&
         _cercle_store_set_meta (self, "sync_resync", NULL, error);
}

/* Pulled rows may point at rows of a later page (a registration before its
 * event's latest version) or at rows this member may not see: the server
 * checks references, the copy mirrors it. Switched back once written. */
static gboolean
references_unchecked (CercleStore  *self,
                      gboolean      unchecked,
                      GError      **error)
{
  return cercle_db_exec (self->db,
                         unchecked ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON",
                         CERCLE_DB_WRITE, error);
}

static gboolean
bad_answer (GError     **error,
            const char  *what,
            guint        index)
{
  g_autoptr(GError) cause = NULL;
  g_autofree char *number = NULL;

  if (error == NULL)
    return FALSE;

  cause = g_steal_pointer (error);
  number = g_strdup_printf ("%u", index + 1);

  /* Translators: the first %s is "row" or "result" as translated below,
   * the second its number; the reason follows */
  g_set_error (error, CERCLE_JSON_ERROR,
               cause != NULL && cause->domain == CERCLE_JSON_ERROR ? cause->code : CERCLE_JSON_ERROR_INVALID,
               _("The club’s server sent a damaged answer (%s %s): %s"),
               what, number, cause != NULL ? cause->message : "");
  return FALSE;
}

static gboolean
remove_from_outbox (CercleStore  *self,
                    gint64        mutation_no,
                    gboolean     *removed,
                    GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db, "DELETE FROM outbox WHERE mutation_no = ?1", error)) ||
      !cercle_db_bind_int64 (self->db, stmt, 1, mutation_no, error) ||
      !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
    return FALSE;

  *removed = sqlite3_changes (cercle_db_get_handle (self->db)) > 0;

  return TRUE;
}

/* Whether the server's @record shows all that @mutation did */
static gboolean
effect_shows (const CercleMutation *mutation,
              CercleRecord         *record)
{
  if (cercle_record_get_entity (record) != mutation->entity)
    return FALSE;

  if (mutation->op == CERCLE_MUTATION_DELETE)
    return cercle_record_get_deleted (record);

  if (cercle_record_get_deleted (record))
    return FALSE;

  for (guint i = 0; i < cercle_mutation_get_n_changes (mutation); i++)
    {
      const CercleFieldChange *change = cercle_mutation_get_change (mutation, i);
      g_autoptr(JsonNode) theirs = cercle_codec_value_to_json (cercle_record_peek_value (record,
                                                                                        change->field + 1));
      g_autoptr(JsonNode) mine = cercle_codec_value_to_json (&change->new_value);

      if (!json_node_equal (theirs, mine))
        return FALSE;
    }

  return TRUE;
}

/* A push whose answer was lost may have been applied: the server says up
 * to which mutation it answered this device (the pull's
 * "last_mutation_no"), and the page brings the rows as they are now,
 * after those answers. A mutation it answered is in the row already, or
 * was overridden there (a conflict, a refusal, a later edit): it is not
 * applied again on top of the row. If its effect shows, it leaves the
 * outbox without being sent again; if not, it stays, and its push gets
 * the first answer again, so that the user still sees a conflict or a
 * refusal. */
static gboolean
settle_answered (Batch      *batch,
                 GPtrArray  *records,
                 gint64      answered_up_to,
                 guint      *n_settled,
                 GError    **error)
{
  *n_settled = 0;

  if (answered_up_to <= 0)
    return TRUE;

  for (guint r = 0; r < records->len; r++)
    {
      CercleRecord *record = g_ptr_array_index (records, r);
      GPtrArray *mutations = g_hash_table_lookup (batch->pending, cercle_record_get_id (record));
      guint i = 0;

      while (mutations != NULL && i < mutations->len)
        {
          CercleMutation *mutation = g_ptr_array_index (mutations, i);
          gboolean removed = FALSE;

          if (mutation->mutation_no > answered_up_to)
            {
              i++;
              continue;
            }

          if (effect_shows (mutation, record))
            {
              if (!remove_from_outbox (batch->self, mutation->mutation_no, &removed, error))
                return FALSE;
              *n_settled += removed;
            }

          g_ptr_array_remove_index (mutations, i);
        }
    }

  return TRUE;
}

/**
 * cercle_store_decode_pull_rows:
 * @rows: a page's "rows"
 *
 * Checks and decodes a pulled page's rows, touching no store: a worker
 * may decode the next page while this one is written. A row that does not
 * decode refuses the whole page, with an error naming it.
 *
 * Returns: (transfer full) (element-type CercleRecord): the records, in
 *   the page's order; %NULL with @error set
 */
GPtrArray *
cercle_store_decode_pull_rows (JsonArray  *rows,
                               GError    **error)
{
  g_autoptr(GPtrArray) records = NULL;
  guint n_rows;

  g_return_val_if_fail (rows != NULL, NULL);

  n_rows = json_array_get_length (rows);
  records = g_ptr_array_new_full (n_rows, g_object_unref);

  for (guint i = 0; i < n_rows; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      CercleRecord *record;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_WRONG_TYPE,
                               _("A row must be an object."));
          bad_answer (error, _("row"), i);
          return NULL;
        }

      record = cercle_codec_record_from_json (json_node_get_object (node),
                                              CERCLE_CODEC_IGNORE_UNKNOWN_FIELDS, error);
      if (record == NULL)
        {
          bad_answer (error, _("row"), i);
          return NULL;
        }

      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

/**
 * cercle_store_apply_pull_records:
 * @records: (element-type CercleRecord): a page's rows, as
 *   cercle_store_decode_pull_rows() made them
 * @next_cursor: the page's "next_cursor"
 * @has_more: whether more pages follow
 * @last_mutation_no: the page's "last_mutation_no": the server answered
 *   this device's mutations up to it (0 for none, or unknown)
 * @n_settled: (out) (optional): how many mutations left the outbox, the
 *   page showing what they did
 * @changes: (out) (optional) (transfer full): the rows written
 *
 * Writes a pulled page and its cursor in one transaction, so that a page
 * is either stored with its cursor or not at all. Mutations the server
 * answered whose effect the page shows leave the outbox: their answer was
 * lost. The records are the store's to change (the user's waiting edits
 * are applied on them).
 */
gboolean
cercle_store_apply_pull_records (CercleStore       *self,
                                 GPtrArray         *records,
                                 const char        *next_cursor,
                                 gboolean           has_more,
                                 gint64             last_mutation_no,
                                 guint             *n_settled,
                                 CercleChangeSet  **changes,
                                 GError           **error)
{
  g_autofree char *resync = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) local_error = NULL;
  Batch batch = { NULL, };
  guint settled = 0;
  gboolean ok;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (next_cursor != NULL, FALSE);

  if (!references_unchecked (self, TRUE, error))
    return FALSE;

  if (!cercle_db_begin (self->db, error))
    {
      references_unchecked (self, FALSE, NULL);
      return FALSE;
    }

  ok = batch_init (&batch, self, &local_error);
  if (ok)
    {
      resync = _cercle_store_get_meta (self, "sync_resync", &local_error);
      batch.resyncing = g_strcmp0 (resync, "1") == 0;
      ok = local_error == NULL;
    }

  ok = ok && settle_answered (&batch, records, last_mutation_no, &settled, &local_error);

  for (guint i = 0; ok && i < records->len; i++)
    ok = stage_server_row (&batch, g_ptr_array_index (records, i), &local_error);

  ok = ok && batch_write (&batch, &local_error);

  if (ok && !has_more)
    {
      now = cercle_now_iso8601 ();
      ok = (!batch.resyncing || finish_resync (&batch, &local_error)) &&
           _cercle_store_set_meta (self, "sync_last_synced_at", now, &local_error);
    }

  ok = ok && _cercle_store_set_meta (self, "sync_cursor", next_cursor, &local_error);

  if (ok)
    ok = cercle_db_commit (self->db, &local_error);
  else
    cercle_db_rollback (self->db);

  references_unchecked (self, FALSE, ok ? &local_error : NULL);

  if (!ok || local_error != NULL)
    {
      batch_clear (&batch);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_settled != NULL)
    *n_settled = settled;
  if (changes != NULL)
    *changes = g_steal_pointer (&batch.changes);
  batch_clear (&batch);

  return TRUE;
}


/**
 * cercle_store_apply_pull_page:
 * @rows: the page's "rows"
 *
 * Decodes a pulled page (cercle_store_decode_pull_rows()) and writes it
 * (cercle_store_apply_pull_records()): a row that does not decode refuses
 * the whole page, with an error naming it, and changes nothing.
 */
gboolean
cercle_store_apply_pull_page (CercleStore       *self,
                              JsonArray         *rows,
                              const char        *next_cursor,
                              gboolean           has_more,
                              gint64             last_mutation_no,
                              guint             *n_settled,
                              CercleChangeSet  **changes,
                              GError           **error)
{
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (next_cursor != NULL, FALSE);

  records = cercle_store_decode_pull_rows (rows, error);
  if (records == NULL)
    return FALSE;

  return cercle_store_apply_pull_records (self, records, next_cursor, has_more, last_mutation_no,
                                          n_settled, changes, error);
}

/* One answer of a push, checked */
typedef struct
{
  const char *status;      /* the first answer's, for a duplicate */
  gint64      rev;
  JsonObject *row;
  JsonArray  *fields;
  const char *reason;
} PushResult;

static gboolean
read_result (JsonObject            *object,
             const CercleMutation  *mutation,
             PushResult            *result,
             GError               **error)
{
  gint64 mutation_no = 0;
  const char *status = NULL;

  if (!cercle_json_get_int (object, "mutation_no", CERCLE_JSON_REQUIRED, 1, G_MAXINT64,
                            &mutation_no, error) ||
      !cercle_json_get_string (object, "status", CERCLE_JSON_REQUIRED, &status, error) ||
      !cercle_json_get_int (object, "rev", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE, 0, G_MAXINT64,
                            &result->rev, error) ||
      !cercle_json_get_object (object, "row", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE,
                               &result->row, error) ||
      !cercle_json_get_array (object, "fields", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE,
                              &result->fields, error) ||
      !cercle_json_get_string (object, "reason", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE,
                               &result->reason, error))
    return FALSE;

  if (mutation_no != mutation->mutation_no)
    {
      g_autofree char *answered = g_strdup_printf ("%" G_GINT64_FORMAT, mutation_no);
      g_autofree char *sent = g_strdup_printf ("%" G_GINT64_FORMAT, mutation->mutation_no);

      /* Translators: both are numbers of changes sent to the server */
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                   _("It answers change %s instead of change %s."), answered, sent);
      return FALSE;
    }

  if (g_str_equal (status, "duplicate"))
    {
      status = NULL;
      if (!cercle_json_get_string (object, "first_status", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE,
                                   &status, error))
        return FALSE;
      if (status == NULL)
        status = "applied";
    }

  if (!g_str_equal (status, "applied") && !g_str_equal (status, "conflict") &&
      !g_str_equal (status, "rejected"))
    {
      g_set_error (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                   _("“%s” is not an answer to a change."), status);
      return FALSE;
    }

  result->status = status;

  return TRUE;
}

static gboolean
raise_rev (CercleStore           *self,
           const CercleMutation  *mutation,
           gint64                 rev,
           GError               **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET rev = ?2 WHERE id = ?1 AND rev < ?2",
                                          table_of (mutation->entity));
  sqlite3_stmt *stmt;

  if (rev <= 0)
    return TRUE;

  if (!(stmt = cercle_db_prepare (self->db, sql, error)))
    return FALSE;

  return cercle_db_bind_text (self->db, stmt, 1, mutation->row_id, error) &&
         cercle_db_bind_int64 (self->db, stmt, 2, rev, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

static char *
value_to_text (const GValue *value)
{
  g_autoptr(JsonNode) node = cercle_codec_value_to_json (value);

  return cercle_json_to_string (node);
}

static gboolean
fields_include (JsonArray  *fields,
                const char *column)
{
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), column) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Keeps what the user typed beside what the server kept, field by field */
static gboolean
record_conflict (Batch                 *batch,
                 const CercleMutation  *mutation,
                 const PushResult      *result,
                 CercleRecord          *server_row,
                 const char            *now,
                 GError               **error)
{
  CercleStore *self = batch->self;
  g_autoptr(GTypeClass) type_class = g_type_class_ref (cercle_entity_get_record_type (mutation->entity));
  CercleRecordClass *klass = CERCLE_RECORD_CLASS (type_class);
  g_autoptr(CercleRecord) local = NULL;
  gboolean row_deleted = server_row != NULL && cercle_record_get_deleted (server_row);
  gboolean some_named = result->fields != NULL && json_array_get_length (result->fields) > 0;
  sqlite3_stmt *stmt;

  /* Without the server's row (a retried conflict on a row this member may
   * no longer see), its value is the one the copy has */
  if (server_row == NULL)
    {
      local = _cercle_store_find_record (self, cercle_entity_get_record_type (mutation->entity),
                                         mutation->row_id, error);
      if (local == NULL && error != NULL && *error != NULL)
        return FALSE;
      row_deleted = local == NULL || cercle_record_get_deleted (local);
    }

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT OR REPLACE INTO sync_conflict"
                                  " (entity, row_id, field, mine, theirs, row_deleted, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  error)))
    return FALSE;

  for (guint i = 0; i < cercle_mutation_get_n_changes (mutation); i++)
    {
      const CercleFieldChange *change = cercle_mutation_get_change (mutation, i);
      const char *column = klass->columns[change->field];
      g_autofree char *mine = NULL;
      g_autofree char *theirs = NULL;
      CercleRecord *source = server_row != NULL ? server_row : local;

      if (!row_deleted && some_named && !fields_include (result->fields, column))
        continue;

      mine = value_to_text (&change->new_value);
      if (!row_deleted && source != NULL)
        theirs = value_to_text (cercle_record_peek_value (source, change->field + 1));

      if (!cercle_db_bind_text (self->db, stmt, 1, table_of (mutation->entity), error) ||
          !cercle_db_bind_text (self->db, stmt, 2, mutation->row_id, error) ||
          !cercle_db_bind_text (self->db, stmt, 3, column, error) ||
          !cercle_db_bind_text (self->db, stmt, 4, mine, error) ||
          !cercle_db_bind_text (self->db, stmt, 5, theirs, error) ||
          !cercle_db_bind_int64 (self->db, stmt, 6, row_deleted, error) ||
          !cercle_db_bind_text (self->db, stmt, 7, now, error) ||
          !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
        return FALSE;
    }

  cercle_change_set_add (batch->changes, mutation->entity, mutation->row_id);

  return TRUE;
}

/* The row as this batch leaves it so far: an earlier answer of the same
 * push may have staged it (a refused insert put away), which the file
 * does not show until the batch is written. @staged says which. */
static CercleRecord *
batch_find_record (Batch                 *batch,
                   const CercleMutation  *mutation,
                   gboolean              *staged,
                   GError               **error)
{
  for (guint i = batch->records->len; i > 0; i--)
    {
      CercleRecord *record = g_ptr_array_index (batch->records, i - 1);

      if (cercle_record_get_entity (record) == mutation->entity &&
          g_str_equal (cercle_record_get_id (record), mutation->row_id))
        {
          *staged = TRUE;
          return g_object_ref (record);
        }
    }

  *staged = FALSE;
  return _cercle_store_find_record (batch->self, cercle_entity_get_record_type (mutation->entity),
                                    mutation->row_id, error);
}

/* Keeps a refused edit for the user to read, and puts back what the row
 * was before it: the server's row when the answer carries it, since the
 * "old" values of an edit made on top of an earlier refused one are that
 * refused edit's */
static gboolean
record_rejection (Batch                 *batch,
                  const CercleMutation  *mutation,
                  const PushResult      *result,
                  CercleRecord          *server_row,
                  const char            *now,
                  GError               **error)
{
  CercleStore *self = batch->self;
  g_autoptr(GEnumClass) ops = g_type_class_ref (CERCLE_TYPE_MUTATION_OP);
  g_autoptr(JsonObject) changes = cercle_mutation_changes_to_json (mutation);
  g_autofree char *changes_text = cercle_json_object_to_string (changes);
  g_autoptr(CercleRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean staged = FALSE;
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT INTO sync_rejection"
                                  " (entity, row_id, op, base_rev, changes, reason, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, table_of (mutation->entity), error) ||
      !cercle_db_bind_text (self->db, stmt, 2, mutation->row_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 3, g_enum_get_value (ops, mutation->op)->value_nick, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 4, mutation->base_rev, error) ||
      !cercle_db_bind_text (self->db, stmt, 5, changes_text, error) ||
      !cercle_db_bind_text (self->db, stmt, 6,
                            result->reason != NULL ? result->reason : _("The club’s server refused this change."),
                            error) ||
      !cercle_db_bind_text (self->db, stmt, 7, now, error) ||
      !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
    return FALSE;

  record = batch_find_record (batch, mutation, &staged, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  cercle_change_set_add (batch->changes, mutation->entity, mutation->row_id);

  if (server_row != NULL)
    return stage_server_row (batch, server_row, error);

  if (record == NULL)
    return TRUE;

  switch (mutation->op)
    {
    case CERCLE_MUTATION_INSERT:
      cercle_record_set_deleted (record, TRUE);
      break;

    case CERCLE_MUTATION_DELETE:
      cercle_record_set_deleted (record, FALSE);
      break;

    case CERCLE_MUTATION_UPDATE:
    default:
      for (guint i = 0; i < cercle_mutation_get_n_changes (mutation); i++)
        {
          const CercleFieldChange *change = cercle_mutation_get_change (mutation, i);

          if (change->has_old)
            _cercle_record_set_field_value (record, change->field, &change->old_value);
        }
      break;
    }

  /* Later edits of the row still wait: they stay on top */
  apply_pending (batch, record);
  if (!staged)
    g_ptr_array_add (batch->records, g_steal_pointer (&record));

  return TRUE;
}

static CercleRecord *
decode_answer_row (JsonObject *row)
{
  g_autoptr(GError) error = NULL;
  CercleRecord *record;

  if (row == NULL)
    return NULL;

  /* A row that does not decode is left for the pull to bring: refusing
   * the whole answer would send the same changes again and again */
  record = cercle_codec_record_from_json (row, CERCLE_CODEC_IGNORE_UNKNOWN_FIELDS, &error);
  if (record == NULL)
    g_debug ("A row of a push answer was left out: %s", error->message);

  return record;
}

static gboolean
acknowledge_one (Batch                 *batch,
                 const CercleMutation  *mutation,
                 const PushResult      *result,
                 const char            *now,
                 GError               **error)
{
  g_autoptr(CercleRecord) server_row = NULL;
  gboolean removed = FALSE;

  if (!remove_from_outbox (batch->self, mutation->mutation_no, &removed, error))
    return FALSE;

  /* Answered before, by an earlier push whose answer did arrive */
  if (!removed)
    return TRUE;

  forget_pending (batch, mutation);

  server_row = decode_answer_row (result->row);
  if (server_row != NULL &&
      (cercle_record_get_entity (server_row) != mutation->entity ||
       g_strcmp0 (cercle_record_get_id (server_row), mutation->row_id) != 0))
    g_clear_object (&server_row);

  if (g_str_equal (result->status, "applied"))
    {
      if (server_row == NULL)
        return raise_rev (batch->self, mutation, result->rev, error);
    }
  else if (g_str_equal (result->status, "conflict"))
    {
      if (!record_conflict (batch, mutation, result, server_row, now, error))
        return FALSE;
    }
  else
    return record_rejection (batch, mutation, result, server_row, now, error);

  return server_row == NULL || stage_server_row (batch, server_row, error);
}

/**
 * cercle_store_acknowledge_push:
 * @mutations: (element-type CercleMutation): the mutations pushed, in order
 * @results: the answer's "results", one per mutation, in the same order
 * @n_acknowledged: (out) (optional): how many left the outbox
 * @changes: (out) (optional) (transfer full): the rows written
 *
 * Writes what the server answered, in one transaction: an applied change
 * leaves the outbox and its row takes the new revision; a conflict keeps
 * the user's value in the conflicts for the user to choose, and the
 * server's row is written; a refused change is kept with its reason and
 * the row gets back what it was before it. Edits still waiting stay on
 * top of the rows written. Results that do not answer the mutation at
 * their place refuse the whole answer, which changes nothing.
 */
gboolean
cercle_store_acknowledge_push (CercleStore      *self,
                               GPtrArray        *mutations,
                               JsonArray        *results,
                               guint            *n_acknowledged,
                               CercleChangeSet **changes,
                               GError          **error)
{
  g_autofree PushResult *read = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GError) local_error = NULL;
  Batch batch = { NULL, };
  guint n;
  gboolean ok;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (mutations != NULL, FALSE);
  g_return_val_if_fail (results != NULL, FALSE);

  n = MIN (mutations->len, json_array_get_length (results));
  read = g_new0 (PushResult, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (results, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_WRONG_TYPE,
                               _("A result must be an object."));
          return bad_answer (error, _("result"), i);
        }

      if (!read_result (json_node_get_object (node), g_ptr_array_index (mutations, i), &read[i], error))
        return bad_answer (error, _("result"), i);
    }

  now = cercle_now_iso8601 ();

  if (!references_unchecked (self, TRUE, error))
    return FALSE;

  if (!cercle_db_begin (self->db, error))
    {
      references_unchecked (self, FALSE, NULL);
      return FALSE;
    }

  ok = batch_init (&batch, self, &local_error);

  for (guint i = 0; ok && i < n; i++)
    ok = acknowledge_one (&batch, g_ptr_array_index (mutations, i), &read[i], now, &local_error);

  ok = ok && batch_write (&batch, &local_error);

  if (ok)
    ok = cercle_db_commit (self->db, &local_error);
  else
    cercle_db_rollback (self->db);

  references_unchecked (self, FALSE, ok ? &local_error : NULL);

  if (!ok || local_error != NULL)
    {
      batch_clear (&batch);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_acknowledged != NULL)
    *n_acknowledged = n;
  if (changes != NULL)
    *changes = g_steal_pointer (&batch.changes);
  batch_clear (&batch);

  return TRUE;
}
