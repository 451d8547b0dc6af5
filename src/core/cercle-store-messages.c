/* cercle-store-messages.c
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
#include "cercle-store-private.h"

/* Private messages in one member's copy of the club.
 *
 * The synced rows (device_key, conversation, message) hold only what the
 * server holds: envelopes and ciphertext. What this device decrypted is
 * kept beside them in message_text, with its full-text index, which sync
 * never reads: it is the only place where the plaintext lives, on this
 * device, so that opening a conversation or searching never decrypts on
 * the main thread. A message that vanishes, or that the server withdraws,
 * goes from both, and from the history and outbox, in one transaction. */

/* Sealed keys per message: the recipient's devices and the sender's own */
#define MAX_DEVICES 64

void
cercle_conversation_summary_free (CercleConversationSummary *self)
{
  if (self == NULL)
    return;

  g_free (self->conversation_id);
  g_free (self->other_member_id);
  g_free (self->last_text);
  g_free (self->last_at);
  g_free (self);
}

void
cercle_message_text_free (CercleMessageText *self)
{
  if (self == NULL)
    return;

  g_free (self->message_id);
  g_free (self->conversation_id);
  g_free (self->sent_at);
  g_free (self->text);
  g_free (self);
}

static char *
now_with_milliseconds (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* Messages of one minute keep their order */
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
insert_text (CercleStore        *self,
             const char         *message_id,
             const char         *conversation_id,
             const char         *sent_at,
             gboolean            outgoing,
             CercleMessageState  state,
             const char         *text,
             GError            **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT OR REPLACE INTO message_text"
                                  " (message_id, conversation_id, sent_at, outgoing, state, body)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error)))
    return FALSE;

  return cercle_db_bind_text (self->db, stmt, 1, message_id, error) &&
         cercle_db_bind_text (self->db, stmt, 2, conversation_id, error) &&
         cercle_db_bind_text (self->db, stmt, 3, sent_at != NULL ? sent_at : "", error) &&
         cercle_db_bind_int64 (self->db, stmt, 4, outgoing, error) &&
         cercle_db_bind_int64 (self->db, stmt, 5, state, error) &&
         cercle_db_bind_text (self->db, stmt, 6, text, error) &&
         cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error);
}

/* Forgets everything this device knows of @message_id but its tombstone */
static gboolean
forget_message (CercleStore  *self,
                const char   *message_id,
                GError      **error)
{
  static const char * const statements[] = {
    "DELETE FROM message_text WHERE message_id = ?1",
    "DELETE FROM history WHERE row_id = ?1 AND entity = 'message'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = cercle_db_prepare (self->db, statements[i], error);

      if (stmt == NULL ||
          !cercle_db_bind_text (self->db, stmt, 1, message_id, error) ||
          !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
message_before_write (CercleStore   *self,
                      CercleRecord  *record,
                      gboolean       exists,
                      GError       **error)
{
  CercleMessage *message = CERCLE_MESSAGE (record);
  const char *id = cercle_record_get_id (record);
  const char *text;

  /* Withdrawn or vanished: its envelope goes too, not only its text */
  if (cercle_record_get_deleted (record))
    {
      if (cercle_message_get_ciphertext (message) != NULL || cercle_message_get_sealed_keys (message) != NULL)
        g_object_set (message, "ciphertext", NULL, "sealed-keys", NULL, NULL);
      return !exists || forget_message (self, id, error);
    }

  text = self->message_texts != NULL ? g_hash_table_lookup (self->message_texts, id) : NULL;
  if (text == NULL)
    return TRUE;

  return insert_text (self, id, cercle_message_get_conversation_id (message),
                      cercle_message_get_sent_at (message), TRUE,
                      CERCLE_MESSAGE_STATE_READABLE, text, error);
}

const CercleTableHooks *
_cercle_store_message_hooks (void)
{
  static const CercleTableHooks hooks = {
    .before_write = message_before_write,
  };

  return &hooks;
}

static const char *
local_member_id (CercleStore          *self,
                 CercleViewer        **viewer,
                 GError              **error)
{
  *viewer = cercle_store_dup_viewer (self, error);
  if (*viewer == NULL)
    return NULL;

  if ((*viewer)->member_id == NULL)
    {
      g_set_error_literal (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN,
                           _("Only members of the club can change it."));
      return NULL;
    }

  return (*viewer)->member_id;
}

/**
 * cercle_store_publish_device_key:
 * @keys: this device's key pair; its device id is the row's id
 *
 * Publishes this device's public key for the local member, once, so that
 * the members who write to them encrypt for it too.
 */
gboolean
cercle_store_publish_device_key (CercleStore          *self,
                                 const CercleKeyPair  *keys,
                                 const char           *device_name,
                                 GError              **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleDeviceKey) row = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *now = NULL;
  const char *member_id;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (keys != NULL, FALSE);

  if (!(member_id = local_member_id (self, &viewer, error)))
    return FALSE;

  public_key = cercle_key_pair_dup_public (keys);
  row = _cercle_store_find_record (self, CERCLE_TYPE_DEVICE_KEY, keys->device_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (row != NULL && !cercle_record_get_deleted (CERCLE_RECORD (row)) &&
      g_strcmp0 (cercle_device_key_get_public_key (row), public_key) == 0)
    return TRUE;

  now = cercle_now_iso8601 ();
  g_clear_object (&row);
  row = g_object_new (CERCLE_TYPE_DEVICE_KEY,
                      "id", keys->device_id,
                      "member-id", member_id,
                      "public-key", public_key,
                      "device-name", device_name,
                      "added-at", now,
                      NULL);

  return cercle_store_save (self, CERCLE_RECORD (row), error);
}

/**
 * cercle_store_has_device_key:
 *
 * Returns: whether @member_id has published a device that can receive
 *   private messages
 */
gboolean
cercle_store_has_device_key (CercleStore  *self,
                             const char   *member_id,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT 1 FROM device_key WHERE member_id = ?1 AND deleted = 0 LIMIT 1",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, member_id, error))
    return FALSE;

  rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static CercleConversation *
find_or_make_conversation (CercleStore   *self,
                           const char    *member_id,
                           const char    *other_member_id,
                           gboolean      *is_new,
                           GError       **error)
{
  g_autofree char *id = cercle_message_policy_conversation_id (member_id, other_member_id);
  g_autoptr(GError) local_error = NULL;
  CercleConversation *conversation;
  gboolean first = g_strcmp0 (member_id, other_member_id) < 0;

  conversation = _cercle_store_find_record (self, CERCLE_TYPE_CONVERSATION, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  *is_new = conversation == NULL;
  if (conversation != NULL)
    return conversation;

  return g_object_new (CERCLE_TYPE_CONVERSATION,
                       "id", id,
                       "member-a-id", first ? member_id : other_member_id,
                       "member-b-id", first ? other_member_id : member_id,
                       NULL);
}

/**
 * cercle_store_dup_conversation_with:
 *
 * Returns: (transfer full): the local member's conversation with
 *   @other_member_id, as it is or, when they never wrote to each other,
 *   as it will be (not saved until a message is sent)
 */
CercleConversation *
cercle_store_dup_conversation_with (CercleStore  *self,
                                    const char   *other_member_id,
                                    GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  const char *member_id;
  gboolean is_new;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (other_member_id != NULL, NULL);

  if (!(member_id = local_member_id (self, &viewer, error)))
    return NULL;

  if (!cercle_message_policy_can_write_to (viewer, other_member_id))
    {
      g_set_error_literal (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN,
                           _("A message goes to another member."));
      return NULL;
    }

  return find_or_make_conversation (self, member_id, other_member_id, &is_new, error);
}

/* The live device keys of @member_id and @other_id */
static GPtrArray *
list_devices (CercleStore  *self,
              const char   *member_id,
              const char   *other_id,
              GError      **error)
{
  g_autoptr(GListModel) keys = NULL;
  GPtrArray *devices;

  keys = _cercle_store_list_where (self, CERCLE_TYPE_DEVICE_KEY,
                                   "AND member_id IN (?1, ?2) ORDER BY pk LIMIT " G_STRINGIFY (MAX_DEVICES),
                                   member_id, other_id, error);
  if (keys == NULL)
    return NULL;

  devices = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    g_ptr_array_add (devices, g_list_model_get_item (keys, i));

  return devices;
}

/**
 * cercle_store_send_message:
 * @keys: this device's key pair, published
 * @text: what the local member writes
 *
 * Encrypts @text for every device of @other_member_id and of the local
 * member, and saves it for sync with its conversation (made with the first
 * message), in one transaction. Works offline: the outbox sends it later.
 *
 * Returns: (transfer full): the message as saved, or %NULL with @error
 *   set to a sentence for the user
 */
CercleMessage *
cercle_store_send_message (CercleStore          *self,
                           const CercleKeyPair  *keys,
                           const char           *other_member_id,
                           const char           *text,
                           GError              **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleConversation) conversation = NULL;
  g_autoptr(CercleMessage) message = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *sent_at = NULL;
  g_autofree char *expires_at = NULL;
  CercleRecord *records[2];
  const char *member_id;
  gboolean recipient_has_device = FALSE;
  gboolean is_new = FALSE;
  gboolean saved;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (keys != NULL, NULL);
  g_return_val_if_fail (other_member_id != NULL, NULL);

  if (!cercle_message_policy_check_text (text, error) ||
      !(member_id = local_member_id (self, &viewer, error)))
    return NULL;

  if (!cercle_message_policy_can_write_to (viewer, other_member_id))
    {
      g_set_error_literal (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN,
                           _("A message goes to another member."));
      return NULL;
    }

  if (!(conversation = find_or_make_conversation (self, member_id, other_member_id, &is_new, error)) ||
      !(devices = list_devices (self, member_id, other_member_id, error)))
    return NULL;

  for (guint i = 0; i < devices->len; i++)
    if (g_strcmp0 (cercle_device_key_get_member_id (g_ptr_array_index (devices, i)), other_member_id) == 0)
      recipient_has_device = TRUE;
  if (!recipient_has_device)
    {
      g_set_error_literal (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_NO_DEVICE,
                           _("This member has no device that can receive private messages yet."));
      return NULL;
    }

  message_id = g_uuid_string_random ();
  sent_at = now_with_milliseconds ();
  expires_at = cercle_message_policy_expires_at (cercle_conversation_get_vanish_after (conversation), sent_at);
  message = g_object_new (CERCLE_TYPE_MESSAGE,
                          "id", message_id,
                          "conversation-id", cercle_record_get_id (CERCLE_RECORD (conversation)),
                          "sender-id", member_id,
                          "recipient-id", other_member_id,
                          "sender-device-id", keys->device_id,
                          "sent-at", sent_at,
                          "expires-at", expires_at,
                          NULL);

  if (!cercle_message_seal (message, text, keys, (CercleDeviceKey * const *)devices->pdata,
                            devices->len, error))
    return NULL;

  if (self->message_texts == NULL)
    self->message_texts = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (self->message_texts, (gpointer)message_id, (gpointer)text);

  records[0] = CERCLE_RECORD (conversation);
  records[1] = CERCLE_RECORD (message);
  if (is_new)
    saved = cercle_store_save_all (self, records, 2, CERCLE_SAVE_LOCAL_EDIT, &local_error);
  else
    saved = cercle_store_save_all (self, records + 1, 1, CERCLE_SAVE_LOCAL_EDIT, &local_error);

  g_hash_table_remove (self->message_texts, message_id);

  if (!saved)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&message);
}

/**
 * cercle_store_withdraw_message:
 *
 * Withdraws one of the local member's messages: it goes from this device
 * at once (its text, its ciphertext, its history) and, once the outbox
 * reaches the server, from the server and from every device of both
 * members, as a vanished message does.
 */
gboolean
cercle_store_withdraw_message (CercleStore  *self,
                               const char   *message_id,
                               GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(CercleMessage) message = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  if (!local_member_id (self, &viewer, error))
    return FALSE;

  message = _cercle_store_find_record (self, CERCLE_TYPE_MESSAGE, message_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (message == NULL || cercle_record_get_deleted (CERCLE_RECORD (message)))
    {
      g_set_error_literal (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN,
                           _("This message was already withdrawn or has vanished."));
      return FALSE;
    }
  if (!cercle_message_policy_can_withdraw (viewer, cercle_message_get_sender_id (message)))
    {
      g_set_error_literal (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN,
                           _("Only its sender can withdraw a message."));
      return FALSE;
    }

  return cercle_store_delete (self, CERCLE_RECORD (message), error);
}

/**
 * cercle_store_set_conversation_vanish:
 *
 * Sets how long the messages of the local member's conversation with
 * @other_member_id live, from the next one sent; the setting syncs to the
 * other member's devices.
 */
gboolean
cercle_store_set_conversation_vanish (CercleStore   *self,
                                      const char    *other_member_id,
                                      CercleVanish   vanish,
                                      GError       **error)
{
  g_autoptr(CercleConversation) conversation = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);

  conversation = cercle_store_dup_conversation_with (self, other_member_id, error);
  if (conversation == NULL)
    return FALSE;

  /* A conversation not saved yet is saved with its setting */
  if (cercle_conversation_get_vanish_after (conversation) == vanish &&
      cercle_record_get_updated_at (CERCLE_RECORD (conversation)) != NULL)
    return TRUE;

  g_object_set (conversation, "vanish-after", vanish, NULL);

  return cercle_store_save (self, CERCLE_RECORD (conversation), error);
}

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
          !insert_text (self, cercle_record_get_id (CERCLE_RECORD (message)),
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

/**
 * cercle_store_list_conversations:
 *
 * Returns: (transfer full) (element-type CercleConversationSummary): the
 *   local member's conversations, the most recent first, with their last
 *   message and how many are unread
 */
GPtrArray *
cercle_store_list_conversations (CercleStore  *self,
                                 GError      **error)
{
  g_autoptr(CercleViewer) viewer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GEnumClass) vanish_class = NULL;
  sqlite3_stmt *stmt;
  const char *member_id;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);

  if (!(member_id = local_member_id (self, &viewer, error)))
    return NULL;

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT c.id,"
                                  "  CASE WHEN c.member_a_id = ?1 THEN c.member_b_id ELSE c.member_a_id END,"
                                  "  c.vanish_after, last.body, last.sent_at, last.outgoing,"
                                  "  (SELECT count(*) FROM message_text t WHERE t.conversation_id = c.id"
                                  "     AND t.outgoing = 0 AND t.state <> ?2 AND t.sent_at > coalesce ("
                                  "       (SELECT read_until FROM conversation_read r WHERE r.conversation_id = c.id), ''))"
                                  " FROM conversation c"
                                  " LEFT JOIN message_text last ON last.pk = ("
                                  "   SELECT pk FROM message_text t WHERE t.conversation_id = c.id"
                                  "   ORDER BY t.sent_at DESC, t.pk DESC LIMIT 1)"
                                  " WHERE c.deleted = 0 AND ?1 IN (c.member_a_id, c.member_b_id)"
                                  " ORDER BY coalesce (last.sent_at, c.updated_at) DESC",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, member_id, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 2, CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE, error))
    return NULL;

  vanish_class = g_type_class_ref (CERCLE_TYPE_VANISH);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_conversation_summary_free);
  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    {
      CercleConversationSummary *row = g_new0 (CercleConversationSummary, 1);
      GEnumValue *vanish = g_enum_get_value_by_nick (vanish_class, (const char *)sqlite3_column_text (stmt, 2));

      row->conversation_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      row->other_member_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      row->vanish_after = vanish != NULL ? vanish->value : CERCLE_VANISH_NEVER;
      row->last_text = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      row->last_at = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      row->last_outgoing = sqlite3_column_int (stmt, 5);
      row->n_unread = (guint)sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_count_unread_messages:
 *
 * Returns: how many messages the local member has not read yet, in all
 *   their conversations: those this device cannot read (sealed before it
 *   was added) are not waiting for them
 */
guint
cercle_store_count_unread_messages (CercleStore  *self,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT count(*) FROM message_text t WHERE t.outgoing = 0 AND t.state <> ?1"
                                  " AND t.sent_at > coalesce ((SELECT read_until FROM conversation_read r"
                                  "   WHERE r.conversation_id = t.conversation_id), '')",
                                  error)) ||
      !cercle_db_bind_int64 (self->db, stmt, 1, CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE, error))
    return 0;

  if (cercle_db_step (self->db, stmt, CERCLE_DB_READ, error) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * cercle_store_mark_conversation_read:
 *
 * Marks every message of @conversation_id that arrived so far as read, on
 * this device.
 */
gboolean
cercle_store_mark_conversation_read (CercleStore  *self,
                                     const char   *conversation_id,
                                     GError      **error)
{
  g_autoptr(CercleChangeSet) changes = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (conversation_id != NULL, FALSE);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "INSERT OR REPLACE INTO conversation_read (conversation_id, read_until)"
                                  " SELECT ?1, max (sent_at) FROM message_text WHERE conversation_id = ?1"
                                  " HAVING max (sent_at) IS NOT NULL",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_step_done (self->db, stmt, CERCLE_DB_WRITE, error))
    return FALSE;

  if (sqlite3_changes (cercle_db_get_handle (self->db)) > 0)
    {
      changes = cercle_change_set_new ();
      cercle_change_set_add (changes, CERCLE_ENTITY_CONVERSATION, conversation_id);
      _cercle_store_note_change (self, changes);
    }

  return TRUE;
}

/**
 * cercle_store_count_conversation_messages:
 *
 * Returns: how many messages @conversation_id has on this device
 */
guint
cercle_store_count_conversation_messages (CercleStore  *self,
                                          const char   *conversation_id,
                                          GError      **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (conversation_id != NULL, 0);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT count(*) FROM message_text WHERE conversation_id = ?1",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error))
    return 0;

  if (cercle_db_step (self->db, stmt, CERCLE_DB_READ, error) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

static CercleMessageText *
read_text_row (sqlite3_stmt *stmt)
{
  CercleMessageText *row = g_new0 (CercleMessageText, 1);

  row->message_id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  row->conversation_id = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  row->sent_at = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  row->outgoing = sqlite3_column_int (stmt, 3);
  row->state = CLAMP (sqlite3_column_int (stmt, 4), CERCLE_MESSAGE_STATE_READABLE, CERCLE_MESSAGE_STATE_DAMAGED);
  row->text = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  row->position = sqlite3_column_int64 (stmt, 6);

  return row;
}

static GPtrArray *
read_text_rows (CercleStore   *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_message_text_free);
  int rc;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_text_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_read_messages:
 * @offset: the position of the first, from the oldest
 *
 * Returns: (transfer full) (element-type CercleMessageText): up to @limit
 *   messages of @conversation_id from @offset, oldest first
 */
GPtrArray *
cercle_store_read_messages (CercleStore  *self,
                            const char   *conversation_id,
                            guint         offset,
                            guint         limit,
                            GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                  " FROM message_text WHERE conversation_id = ?1"
                                  " ORDER BY sent_at, pk LIMIT ?2 OFFSET ?3",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 2, limit, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, offset, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_message_text_free);
  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_READ, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_text_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

/**
 * cercle_store_read_messages_before:
 * @before: (nullable): a message read before, or %NULL for the latest
 *
 * Reads the @limit messages of @conversation_id that come just before
 * @before, through the conversation's index: the cost is that of the
 * rows read, however long the conversation (an OFFSET would walk every
 * message after them).
 *
 * Returns: (transfer full) (element-type CercleMessageText): the
 *   messages, oldest first
 */
GPtrArray *
cercle_store_read_messages_before (CercleStore             *self,
                                   const char              *conversation_id,
                                   const CercleMessageText *before,
                                   guint                    limit,
                                   GError                 **error)
{
  GPtrArray *rows;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  /* Two statements, so that each is a range of the index */
  if (!(stmt = cercle_db_prepare (self->db,
                                  before != NULL
                                    ? "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND (sent_at, pk) < (?2, ?3)"
                                      " ORDER BY sent_at DESC, pk DESC LIMIT ?4"
                                    : "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND ?2 IS NULL AND ?3 = 0"
                                      " ORDER BY sent_at DESC, pk DESC LIMIT ?4",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 2, before != NULL ? before->sent_at : NULL, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, before != NULL ? before->position : 0, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 4, limit, error))
    return NULL;

  if (!(rows = read_text_rows (self, stmt, error)))
    return NULL;

  /* Read newest first, to stop after @limit; handed oldest first */
  for (guint i = 0; i < rows->len / 2; i++)
    {
      gpointer swap = rows->pdata[i];

      rows->pdata[i] = rows->pdata[rows->len - 1 - i];
      rows->pdata[rows->len - 1 - i] = swap;
    }

  return rows;
}

/**
 * cercle_store_read_messages_since:
 * @since: (nullable): a message read before, or %NULL for all of them
 *
 * Reads the messages of @conversation_id from @since (included, if it is
 * still there) to the latest: what a thread that shows them from @since
 * compares with what it holds, to show the messages that arrived, or
 * that went, in place.
 *
 * Returns: (transfer full) (element-type CercleMessageText): the
 *   messages, oldest first
 */
GPtrArray *
cercle_store_read_messages_since (CercleStore             *self,
                                  const char              *conversation_id,
                                  const CercleMessageText *since,
                                  GError                 **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (conversation_id != NULL, NULL);

  if (!(stmt = cercle_db_prepare (self->db,
                                  since != NULL
                                    ? "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND (sent_at, pk) >= (?2, ?3)"
                                      " ORDER BY sent_at, pk"
                                    : "SELECT message_id, conversation_id, sent_at, outgoing, state, body, pk"
                                      " FROM message_text WHERE conversation_id = ?1 AND ?2 IS NULL AND ?3 = 0"
                                      " ORDER BY sent_at, pk",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_bind_text (self->db, stmt, 2, since != NULL ? since->sent_at : NULL, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 3, since != NULL ? since->position : 0, error))
    return NULL;

  return read_text_rows (self, stmt, error);
}

/**
 * cercle_store_count_unreadable_messages:
 *
 * Returns: how many messages of @conversation_id were sealed before this
 *   device's key was published, and so cannot be read on it
 */
guint
cercle_store_count_unreadable_messages (CercleStore  *self,
                                        const char   *conversation_id,
                                        GError      **error)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CERCLE_IS_STORE (self), 0);
  g_return_val_if_fail (conversation_id != NULL, 0);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT count(*) FROM message_text WHERE conversation_id = ?1 AND state = ?2",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, conversation_id, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 2, CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE, error))
    return 0;

  if (cercle_db_step (self->db, stmt, CERCLE_DB_READ, error) == SQLITE_ROW)
    count = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* Each word of @query as a prefix, quoted: nothing the user types is
 * read as FTS5 syntax */
static char *
build_match (const char *query)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_printf (match, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  return match->len > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

/**
 * cercle_store_search_messages:
 * @query: words, as typed ("hélène devis" finds "Helene" and "devis")
 *
 * Searches the messages this device decrypted (only the local member's
 * own: sent or received).
 *
 * Returns: (transfer full) (element-type CercleMessageText): up to @limit
 *   matching messages, the most recent first
 */
GPtrArray *
cercle_store_search_messages (CercleStore  *self,
                              const char   *query,
                              guint         limit,
                              GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CERCLE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_message_text_free);
  if (!g_utf8_validate (query, -1, NULL) || !(match = build_match (query)))
    return g_steal_pointer (&rows);

  if (!(stmt = cercle_db_prepare (self->db,
                                  "SELECT t.message_id, t.conversation_id, t.sent_at, t.outgoing, t.state, t.body, t.pk"
                                  " FROM message_fts f JOIN message_text t ON t.pk = f.rowid"
                                  " WHERE message_fts MATCH ?1 ORDER BY t.sent_at DESC LIMIT ?2",
                                  error)) ||
      !cercle_db_bind_text (self->db, stmt, 1, match, error) ||
      !cercle_db_bind_int64 (self->db, stmt, 2, limit, error))
    return NULL;

  while ((rc = cercle_db_step (self->db, stmt, CERCLE_DB_SEARCH, error)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_text_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}
