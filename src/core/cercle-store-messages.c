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
#include "cercle-store-messages-private.h"

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

gboolean
_cercle_store_insert_message_text (CercleStore        *self,
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

  return _cercle_store_insert_message_text (self, id, cercle_message_get_conversation_id (message),
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

const char *
_cercle_store_local_member_id (CercleStore          *self,
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

  if (!(member_id = _cercle_store_local_member_id (self, &viewer, error)))
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

  if (!(member_id = _cercle_store_local_member_id (self, &viewer, error)))
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
      !(member_id = _cercle_store_local_member_id (self, &viewer, error)))
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

  if (!_cercle_store_local_member_id (self, &viewer, error))
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
