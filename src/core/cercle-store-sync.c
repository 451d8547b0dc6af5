/* cercle-store-sync.c
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
#include "cercle-store-private.h"

/* What sync reads and writes of the local copy: the outbox of local edits
 * waiting for the club's server, the history of replaced values, what the
 * copy knows of its server (in the meta table), and what the server
 * answered that the user must see: conflicts and refused edits. Pulled
 * pages and push answers are written by cercle-store-sync-apply.c. */

/* An outbox row back into a mutation, through the codec: the row came
 * from a file, which anyone may have edited, so it is checked like a
 * mutation from the network. */
static CercleMutation *
mutation_from_row (sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) changes = NULL;
  const char *changes_text = (const char *)sqlite3_column_text (stmt, 5);
  CercleMutation *mutation;

  json_object_set_int_member (object, "mutation_no", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (object, "entity", (const char *)sqlite3_column_text (stmt, 1));
  json_object_set_string_member (object, "row_id", (const char *)sqlite3_column_text (stmt, 2));
  json_object_set_string_member (object, "op", (const char *)sqlite3_column_text (stmt, 3));
  json_object_set_int_member (object, "base_rev", sqlite3_column_int64 (stmt, 4));

  changes = cercle_json_parse_object (changes_text != NULL ? changes_text : "{}", -1,
                                      CERCLE_JSON_MAX_DEPTH, error);
  if (changes == NULL)
    return NULL;
  json_object_set_object_member (object, "changes", json_object_ref (changes));

  mutation = cercle_mutation_from_json (object, error);
  if (mutation == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, 0));

      /* Translators: %s is the number of a change waiting for sync; the
       * reason follows */
      g_prefix_error (error, _("Change %s waiting for sync is damaged: "), number);
    }

  return mutation;
}

/**
 * cercle_store_dup_outbox_mutations:
 *
 * The local edits not yet accepted by the club's server, oldest first.
 *
 * Returns: (transfer container) (element-type CercleMutation): the
 *   mutations, or %NULL with @error set
 */
GPtrArray *
cercle_store_dup_outbox_mutations (CercleStore  *self,
                                   GError      **error)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_mutation_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT mutation_no, entity, row_id, op, base_rev, changes"
                                  " FROM outbox ORDER BY mutation_no",
                                  error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      CercleMutation *mutation = mutation_from_row (stmt, error);

      if (mutation == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      g_ptr_array_add (mutations, mutation);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&mutations);
}

/**
 * cercle_store_dup_outbox:
 *
 * The local edits not yet accepted by the club's server, oldest first, each
 * as the push of the sync protocol carries it.
 *
 * Returns: (transfer full): a #JsonArray of mutation objects
 */
JsonArray *
cercle_store_dup_outbox (CercleStore  *self,
                         GError      **error)
{
  g_autoptr(GPtrArray) mutations = cercle_store_dup_outbox_mutations (self, error);
  JsonArray *outbox;

  if (mutations == NULL)
    return NULL;

  outbox = json_array_sized_new (mutations->len);
  for (guint i = 0; i < mutations->len; i++)
    json_array_add_object_element (outbox, cercle_mutation_to_json (g_ptr_array_index (mutations, i)));

  return outbox;
}

/**
 * cercle_store_dup_history:
 *
 * Every value of @row_id that was replaced, oldest first. A row made on
 * this device starts with an entry whose "field" is
 * %CERCLE_HISTORY_CREATED and whose "new" holds the fields it was made
 * with, as an object of {"new": value} by column, as a push carries them.
 *
 * Returns: (transfer full): a #JsonArray of objects with "entity", "field",
 *   "old", "new", "changed_at" and "origin"
 */
JsonArray *
cercle_store_dup_history (CercleStore  *self,
                          const char   *row_id,
                          GError      **error)
{
  g_autoptr(JsonArray) history = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (row_id != NULL, NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT entity, field, old_value, new_value, changed_at, origin"
                                  " FROM history WHERE row_id = ?1 ORDER BY pk",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, row_id, error))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      JsonObject *entry = json_object_new ();
      const char *old_text = (const char *)sqlite3_column_text (stmt, 2);
      const char *new_text = (const char *)sqlite3_column_text (stmt, 3);
      JsonNode *old_node = old_text != NULL ? cercle_json_parse (old_text, -1, CERCLE_JSON_MAX_DEPTH, NULL) : NULL;
      JsonNode *new_node = new_text != NULL ? cercle_json_parse (new_text, -1, CERCLE_JSON_MAX_DEPTH, NULL) : NULL;

      json_object_set_string_member (entry, "entity", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (entry, "field", (const char *)sqlite3_column_text (stmt, 1));
      json_object_set_member (entry, "old", old_node ? old_node : json_node_new (JSON_NODE_NULL));
      json_object_set_member (entry, "new", new_node ? new_node : json_node_new (JSON_NODE_NULL));
      json_object_set_string_member (entry, "changed_at", (const char *)sqlite3_column_text (stmt, 4));
      json_object_set_string_member (entry, "origin", (const char *)sqlite3_column_text (stmt, 5));
      json_array_add_object_element (history, entry);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&history);
}

/* The sync state lives in the meta table, one key each */
#define META_CLIENT_ID       "sync_client_id"
#define META_SERVER_URL      "sync_server_url"
#define META_CLUB_ID         "sync_club_id"
#define META_ACCOUNT_EMAIL   "sync_account_email"
#define META_CERTIFICATE_PIN "sync_certificate_pin"
#define META_CURSOR          "sync_cursor"
#define META_LAST_SYNCED_AT  "sync_last_synced_at"
#define META_RESYNC          "sync_resync"

static gboolean
get_meta (CercleStore  *self,
          const char   *key,
          char        **value,
          GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  *value = _cercle_store_get_meta (self, key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * cercle_store_dup_client_id:
 *
 * The UUID that names this copy of the club to its server (the push's
 * "client_id"), made the first time it is asked for.
 *
 * Returns: (transfer full): the id, or %NULL with @error set
 */
char *
cercle_store_dup_client_id (CercleStore  *self,
                            GError      **error)
{
  g_autofree char *client_id = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!get_meta (self, META_CLIENT_ID, &client_id, error))
    return NULL;

  if (client_id == NULL || !g_uuid_string_is_valid (client_id))
    {
      g_free (client_id);
      client_id = g_uuid_string_random ();
      if (!_cercle_store_set_meta (self, META_CLIENT_ID, client_id, error))
        return NULL;
    }

  return g_steal_pointer (&client_id);
}

/**
 * cercle_store_dup_sync_state:
 *
 * Returns: (transfer full): what this copy knows of its club's server,
 *   with %NULL texts for a club that syncs with none; %NULL with @error set
 */
CercleSyncState *
cercle_store_dup_sync_state (CercleStore  *self,
                             GError      **error)
{
  g_autoptr(CercleSyncState) state = g_new0 (CercleSyncState, 1);
  g_autofree char *resync = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!get_meta (self, META_CLIENT_ID, &state->client_id, error) ||
      !get_meta (self, META_SERVER_URL, &state->server_url, error) ||
      !get_meta (self, META_CLUB_ID, &state->club_id, error) ||
      !get_meta (self, META_ACCOUNT_EMAIL, &state->account_email, error) ||
      !get_meta (self, META_CERTIFICATE_PIN, &state->certificate_pin, error) ||
      !get_meta (self, META_CURSOR, &state->cursor, error) ||
      !get_meta (self, META_LAST_SYNCED_AT, &state->last_synced_at, error) ||
      !get_meta (self, META_RESYNC, &resync, error))
    return NULL;

  state->resyncing = g_strcmp0 (resync, "1") == 0;

  return g_steal_pointer (&state);
}

/**
 * cercle_store_set_sync_origin:
 * @server_url: the server's address
 * @club_id: the club's UUID on it
 * @account_email: who signs in
 * @certificate_pin: (nullable): the SHA-256 of a certificate the user
 *   chose to trust
 *
 * Records which server and club this copy syncs with.
 */
gboolean
cercle_store_set_sync_origin (CercleStore  *self,
                              const char   *server_url,
                              const char   *club_id,
                              const char   *account_email,
                              const char   *certificate_pin,
                              GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (server_url != NULL, FALSE);
  g_return_val_if_fail (club_id != NULL && g_uuid_string_is_valid (club_id), FALSE);
  g_return_val_if_fail (account_email != NULL, FALSE);

  if (!cercle_db_begin (self->db, error))
    return FALSE;

  if (!_cercle_store_set_meta (self, META_SERVER_URL, server_url, error) ||
      !_cercle_store_set_meta (self, META_CLUB_ID, club_id, error) ||
      !_cercle_store_set_meta (self, META_ACCOUNT_EMAIL, account_email, error) ||
      !_cercle_store_set_meta (self, META_CERTIFICATE_PIN, certificate_pin, error))
    {
      cercle_db_rollback (self->db);
      return FALSE;
    }

  return cercle_db_commit (self->db, error);
}

/**
 * cercle_store_set_certificate_pin:
 * @certificate_pin: (nullable): the SHA-256 of the certificate the user
 *   chose to trust, or %NULL to trust only certificates the system trusts
 */
gboolean
cercle_store_set_certificate_pin (CercleStore  *self,
                                  const char   *certificate_pin,
                                  GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);

  return _cercle_store_set_meta (self, META_CERTIFICATE_PIN, certificate_pin, error);
}

/**
 * cercle_store_restart_sync:
 *
 * Forgets where the last pull stopped, for a server whose database was
 * restored or replaced (it answers 410): the next pull starts from
 * scratch, and once it reaches the end, the rows it did not bring are
 * gone, except those with edits still waiting in the outbox.
 */
gboolean
cercle_store_restart_sync (CercleStore  *self,
                           GError      **error)
{
  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);

  if (!cercle_db_begin (self->db, error))
    return FALSE;

  if (!_cercle_store_set_meta (self, META_CURSOR, NULL, error) ||
      !_cercle_store_set_meta (self, META_RESYNC, "1", error) ||
      !cercle_db_exec (self->db, "DELETE FROM sync_resync_seen", CERCLE_DB_WRITE, error))
    {
      cercle_db_rollback (self->db);
      return FALSE;
    }

  return cercle_db_commit (self->db, error);
}

/**
 * cercle_store_count_outbox:
 *
 * Returns: how many local edits wait for the club's server; 0 with @error
 *   set when it cannot be read
 */
guint
cercle_store_count_outbox (CercleStore  *self,
                           GError      **error)
{
  gint64 count = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);

  if (!cercle_db_query_int64 (self->db, "SELECT count(*) FROM outbox", &count, error))
    return 0;

  return (guint)count;
}

/* Reads a value of field @field of @entity written by
 * cercle_codec_value_to_json(); a damaged one reads as unset */
static void
value_from_text (CercleEntity  entity,
                 guint         field,
                 const char   *text,
                 GValue       *value)
{
  g_autoptr(GTypeClass) type_class = g_type_class_ref (cercle_entity_get_record_type (entity));
  CercleRecordClass *klass = CERCLE_RECORD_CLASS (type_class);
  g_autoptr(JsonNode) node = NULL;
  GParamSpec *pspec;

  g_assert (field < klass->n_fields);
  pspec = klass->fields[field];

  g_value_init (value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_param_value_set_default (pspec, value);

  if (text == NULL)
    return;

  node = cercle_json_parse (text, -1, CERCLE_JSON_MAX_DEPTH, NULL);
  if (node == NULL ||
      !cercle_codec_value_from_json (pspec, klass->columns[field], node, value, NULL))
    g_param_value_set_default (pspec, value);
}

/**
 * cercle_store_list_conflicts:
 * @row_id: (nullable): only those of this row
 *
 * Returns: (transfer container) (element-type CercleSyncConflict): the
 *   values the server kept over the user's, oldest first; %NULL with
 *   @error set
 */
GPtrArray *
cercle_store_list_conflicts (CercleStore  *self,
                             const char   *row_id,
                             GError      **error)
{
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_sync_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT pk, entity, row_id, field, mine, theirs, row_deleted, created_at"
                                  " FROM sync_conflict WHERE ?1 IS NULL OR row_id = ?1 ORDER BY pk",
                                  error)) ||
      (row_id != NULL && !cercle_db_bind_text (self->db, stmt, 1, row_id, error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      g_autoptr(CercleSyncConflict) conflict = g_new0 (CercleSyncConflict, 1);
      g_autoptr(GTypeClass) type_class = NULL;
      CercleEntity entity;
      int field;

      /* Rows of a newer version of Cercle, or damaged, are left out */
      if (!cercle_entity_from_name ((const char *)sqlite3_column_text (stmt, 1), &entity))
        continue;
      type_class = g_type_class_ref (cercle_entity_get_record_type (entity));
      field = cercle_record_class_find_field (CERCLE_RECORD_CLASS (type_class),
                                              (const char *)sqlite3_column_text (stmt, 3));
      if (field < 0)
        continue;

      conflict->id = sqlite3_column_int64 (stmt, 0);
      conflict->entity = entity;
      conflict->row_id = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      conflict->field = (guint)field;
      conflict->column = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      conflict->row_deleted = sqlite3_column_int (stmt, 6) != 0;
      conflict->created_at = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
      value_from_text (entity, (guint)field, (const char *)sqlite3_column_text (stmt, 4), &conflict->mine);
      if (!conflict->row_deleted)
        value_from_text (entity, (guint)field, (const char *)sqlite3_column_text (stmt, 5), &conflict->theirs);

      g_ptr_array_add (conflicts, g_steal_pointer (&conflict));
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&conflicts);
}

static gboolean
delete_by_pk (CercleStore  *self,
              const char   *sql,
              gint64        pk,
              GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db, sql, error)))
    return FALSE;

  return cercle_db_bind_int64 (self->db, stmt, 1, pk, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

/**
 * cercle_store_resolve_conflict:
 * @keep_mine: %TRUE to put the user's value back (a new local edit, sent
 *   at the next sync), %FALSE to keep the server's
 *
 * Ends a conflict with the user's choice. The server's value is the one
 * in the club until then; a conflict on a row deleted on the server can
 * only be dismissed.
 */
gboolean
cercle_store_resolve_conflict (CercleStore               *self,
                               const CercleSyncConflict  *conflict,
                               gboolean                   keep_mine,
                               GError                   **error)
{
  g_autoptr(CercleRecord) record = NULL;
  g_autoptr(CercleChangeSet) changes = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (conflict != NULL, FALSE);
  g_return_val_if_fail (!keep_mine || !conflict->row_deleted, FALSE);

  if (!cercle_db_begin (self->db, error))
    return FALSE;

  if (keep_mine)
    {
      record = _cercle_store_find_record (self, cercle_entity_get_record_type (conflict->entity),
                                          conflict->row_id, error);
      if (record == NULL && error != NULL && *error == NULL)
        g_set_error_literal (error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND,
                             _("This entry no longer exists in the club database"));
      if (record == NULL)
        {
          cercle_db_rollback (self->db);
          return FALSE;
        }

      _cercle_record_set_field_value (record, conflict->field, &conflict->mine);

      /* A local edit like any other: checked, queued, sent */
      if (!cercle_store_save (self, record, error))
        {
          cercle_db_rollback (self->db);
          return FALSE;
        }
    }

  if (!delete_by_pk (self, "DELETE FROM sync_conflict WHERE pk = ?1", conflict->id, error))
    {
      cercle_db_rollback (self->db);
      return FALSE;
    }

  if (!cercle_db_commit (self->db, error))
    return FALSE;

  changes = cercle_change_set_new ();
  cercle_change_set_add (changes, conflict->entity, conflict->row_id);
  _cercle_store_note_change (self, changes);

  return TRUE;
}

/**
 * cercle_store_list_rejections:
 *
 * Returns: (transfer container) (element-type CercleSyncRejection): the
 *   edits the server refused, oldest first; %NULL with @error set
 */
GPtrArray *
cercle_store_list_rejections (CercleStore  *self,
                              GError      **error)
{
  g_autoptr(GPtrArray) rejections = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_sync_rejection_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  /* The columns of an outbox row, for mutation_from_row() */
  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT pk, entity, row_id, op, base_rev, changes, reason, created_at"
                                  " FROM sync_rejection ORDER BY pk",
                                  error)))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      g_autoptr(CercleSyncRejection) rejection = g_new0 (CercleSyncRejection, 1);

      rejection->mutation = mutation_from_row (stmt, NULL);
      if (rejection->mutation == NULL)
        continue;

      rejection->id = sqlite3_column_int64 (stmt, 0);
      rejection->reason = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
      rejection->created_at = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
      g_ptr_array_add (rejections, g_steal_pointer (&rejection));
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rejections);
}

/**
 * cercle_store_dismiss_rejection:
 *
 * Forgets a refused edit once the user has read why.
 */
gboolean
cercle_store_dismiss_rejection (CercleStore                *self,
                                const CercleSyncRejection  *rejection,
                                GError                    **error)
{
  g_autoptr(CercleChangeSet) changes = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (rejection != NULL, FALSE);

  if (!delete_by_pk (self, "DELETE FROM sync_rejection WHERE pk = ?1", rejection->id, error))
    return FALSE;

  changes = cercle_change_set_new ();
  cercle_change_set_add (changes, rejection->mutation->entity, rejection->mutation->row_id);
  _cercle_store_note_change (self, changes);

  return TRUE;
}

/**
 * cercle_store_note_external_changes:
 * @changes: rows another connection wrote to the same file
 *
 * Tells this store's views and its search of rows written to its file by
 * another connection (the sync client writes from a thread of its own):
 * they hear of them as of the store's own writes, once, from the main loop.
 */
void
cercle_store_note_external_changes (CercleStore     *self,
                                    CercleChangeSet *changes)
{
  g_return_if_fail (CERCLE_IS_STORE (self));
  g_return_if_fail (changes != NULL);

  cercle_search_members_written (self->search, changes);

  _cercle_store_note_change (self, changes);
}

/**
 * _cercle_store_load_pending:
 *
 * Returns: (transfer full): the outbox by row: row id → #GPtrArray of
 *   #CercleMutation, oldest first
 */
GHashTable *
_cercle_store_load_pending (CercleStore  *self,
                            GError      **error)
{
  g_autoptr(GPtrArray) mutations = cercle_store_dup_outbox_mutations (self, error);
  GHashTable *pending;

  if (mutations == NULL)
    return NULL;

  pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; i < mutations->len; i++)
    {
      CercleMutation *mutation = g_ptr_array_index (mutations, i);
      GPtrArray *row = g_hash_table_lookup (pending, mutation->row_id);

      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_mutation_free);
          g_hash_table_insert (pending, g_strdup (mutation->row_id), row);
        }

      g_ptr_array_add (row, cercle_mutation_copy (mutation));
    }

  return pending;
}
