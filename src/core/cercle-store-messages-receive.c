/* cercle-store-messages-receive.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-store"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-permission.h"
#include "cercle-store-messages.h"
#include "cercle-store-messages-private.h"

/* What arrives by sync: decrypting it into this device's message_text,
 * and sweeping what vanished. */

static CercleMessageState
decrypt_one (CercleStore          *self,
             CercleMessage        *message,
             const CercleKeyPair  *keys,
             char                **text,
             GError              **error)
{
  g_autoptr(CercleDeviceKey) sender_device = NULL;
  g_autoptr(GError) local_error = NULL;

  sender_device = _cercle_store_find_record (self, CERCLE_TYPE_DEVICE_KEY,
                                             cercle_message_get_sender_device_id (message), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return CERCLE_MESSAGE_STATE_DAMAGED;
    }

  /* A device key that is not the sender's proves nothing of the sender */
  if (sender_device != NULL &&
      g_strcmp0 (cercle_device_key_get_member_id (sender_device), cercle_message_get_sender_id (message)) != 0)
    g_clear_object (&sender_device);

  *text = cercle_message_open (message, keys, sender_device, &local_error);
  if (*text != NULL)
    return CERCLE_MESSAGE_STATE_READABLE;

  if (g_error_matches (local_error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_NOT_FOR_THIS_DEVICE))
    return CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE;

  return CERCLE_MESSAGE_STATE_DAMAGED;
}

/**
 * cercle_store_decrypt_messages:
 * @keys: this device's key pair
 * @changes: (nullable): where to note the messages it decrypted
 * @n_decrypted: (out) (optional): how many it read
 *
 * Decrypts the messages that arrived since the last time into this
 * device's message_text, in one transaction. Slow at a first sync (a
 * key exchange per message): call it from a worker thread, on a store of
 * its own, as the sync client does after a pull.
 */
gboolean
cercle_store_decrypt_messages (CercleStore          *self,
                               const CercleKeyPair  *keys,
                               CercleChangeSet      *changes,
                               guint                *n_decrypted,
                               GError              **error)
{
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleChangeSet) local_changes = cercle_change_set_new ();
  guint n_items, n_read = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);

  if (n_decrypted != NULL)
    *n_decrypted = 0;

  if (!(viewer = cercle_store_dup_viewer (self, error)))
    return FALSE;

  pending = _cercle_store_list_where (self, CERCLE_TYPE_MESSAGE,
                                      "AND id NOT IN (SELECT message_id FROM message_text) ORDER BY pk",
                                      NULL, NULL, error);
  if (pending == NULL)
    return FALSE;

  n_items = g_list_model_get_n_items (pending);
  if (n_items == 0)
    return TRUE;

  if (!cercle_db_begin (self->db, error))
    return FALSE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CercleMessage) message = g_list_model_get_item (pending, i);
      g_autofree char *text = NULL;
      CercleMessageState state;
      GError *local_error = NULL;

      state = decrypt_one (self, message, keys, &text, &local_error);
      if (local_error != NULL ||
          !_cercle_store_insert_message_text (self, cercle_record_get_id (CERCLE_RECORD (message)),
                                              cercle_message_get_conversation_id (message),
                                              cercle_message_get_sent_at (message),
                                              cercle_viewer_is (viewer, cercle_message_get_sender_id (message)),
                                              state, text, &local_error))
        {
          cercle_db_rollback (self->db);
          g_propagate_error (error, local_error);
          return FALSE;
        }

      if (state == CERCLE_MESSAGE_STATE_READABLE)
        n_read++;
      cercle_change_set_add (local_changes, CERCLE_ENTITY_MESSAGE,
                             cercle_record_get_id (CERCLE_RECORD (message)));
    }

  if (!cercle_db_commit (self->db, error))
    return FALSE;

  if (changes != NULL)
    cercle_change_set_merge (changes, local_changes);
  _cercle_store_note_change (self, local_changes);

  if (n_decrypted != NULL)
    *n_decrypted = n_read;

  return TRUE;
}

/**
 * cercle_store_sweep_messages:
 * @now: the time to sweep at, as stored ("2026-11-23T14:00:00Z"): the
 *   app's clock, or a test's
 * @n_swept: (out) (optional): how many messages went
 *
 * Deletes from this device every message whose time is up: its text, its
 * ciphertext, its history and, if it was never sent, its place in the
 * outbox. The row stays as a tombstone; the server sweeps its own copy.
 */
gboolean
cercle_store_sweep_messages (CercleStore  *self,
                             const char   *now,
                             guint        *n_swept,
                             GError      **error)
{
  static const char * const statements[] = {
    "CREATE TEMP TABLE IF NOT EXISTS swept_message (id TEXT PRIMARY KEY) WITHOUT ROWID",
    "DELETE FROM temp.swept_message",
    "INSERT INTO temp.swept_message SELECT id FROM message"
    " WHERE deleted = 0 AND expires_at IS NOT NULL AND expires_at <= ?1",
    "DELETE FROM message_text WHERE message_id IN (SELECT id FROM temp.swept_message)",
    "DELETE FROM history WHERE entity = 'message' AND row_id IN (SELECT id FROM temp.swept_message)",
    "DELETE FROM outbox WHERE entity = 'message' AND row_id IN (SELECT id FROM temp.swept_message)",
    "UPDATE message SET deleted = 1, ciphertext = NULL, sealed_keys = NULL, updated_at = ?1"
    " WHERE id IN (SELECT id FROM temp.swept_message)",
  };
  g_autoptr(CercleChangeSet) changes = NULL;
  gint64 n = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (n_swept != NULL)
    *n_swept = 0;

  /* What vanishes is overwritten, not only unlinked from the b-tree */
  if (!cercle_db_exec (self->db, "PRAGMA secure_delete = ON", CERCLE_DB_WRITE, error) ||
      !cercle_db_begin (self->db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = cercle_db_prepare (self->db, statements[i], error);

      if (stmt == NULL ||
          (sqlite3_bind_parameter_count (stmt) > 0 && !cercle_db_bind_text (self->db, stmt, 1, now, error)) ||
          !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
        {
          cercle_db_rollback (self->db);
          return FALSE;
        }

      if (i == G_N_ELEMENTS (statements) - 1)
        n = sqlite3_changes (cercle_db_get_handle (self->db));
    }

  if (!cercle_db_commit (self->db, error))
    return FALSE;

  if (n > 0)
    {
      /* The write-ahead log still holds the pages as they were: fold it
       * into the file and empty it, as far as readers let it (best effort) */
      sqlite3_wal_checkpoint_v2 (cercle_db_get_handle (self->db), NULL,
                                 SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

      changes = cercle_change_set_new ();
      cercle_change_set_add_all (changes, CERCLE_ENTITY_MESSAGE);
      _cercle_store_note_change (self, changes);
    }

  if (n_swept != NULL)
    *n_swept = (guint)n;

  return TRUE;
}
