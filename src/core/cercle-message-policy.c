/* cercle-message-policy.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-message-policy"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "cercle-message-policy.h"
#include "cercle-permission.h"
#include "cercle-time.h"

/* Who sees and writes private messages. Unlike the rest of the club, the
 * staff have no say here: a conversation is its two members' alone.
 *
 * - A device key is published by its member for themselves; everyone in
 *   the club may read public keys, which is what they are for.
 * - A conversation is seen and changed (how long its messages live) only
 *   by its two members; its id follows from them.
 * - A message is seen only by its sender and its recipient, written only
 *   in the sender's own name, never changed; its sender may withdraw it.
 *
 * The server applies these to every push and every pull (so staff pull
 * tombstones, not envelopes); the app asks them before writing. */

static gboolean
forbidden (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, CERCLE_PERMISSION_ERROR, CERCLE_PERMISSION_ERROR_FORBIDDEN, message);
  return FALSE;
}

gboolean
cercle_message_policy_handles (CercleEntity entity)
{
  return entity == CERCLE_ENTITY_DEVICE_KEY ||
         entity == CERCLE_ENTITY_CONVERSATION ||
         entity == CERCLE_ENTITY_MESSAGE;
}

static gboolean
in_conversation (const CercleViewer *viewer,
                 CercleConversation *conversation)
{
  return cercle_viewer_is (viewer, cercle_conversation_get_member_a_id (conversation)) ||
         cercle_viewer_is (viewer, cercle_conversation_get_member_b_id (conversation));
}

static gboolean
in_message (const CercleViewer *viewer,
            CercleMessage      *message)
{
  return cercle_viewer_is (viewer, cercle_message_get_sender_id (message)) ||
         cercle_viewer_is (viewer, cercle_message_get_recipient_id (message));
}

/**
 * cercle_message_policy_can_see:
 * @record: a device key, a conversation or a message
 *
 * Returns: whether @viewer may have @record at all
 */
gboolean
cercle_message_policy_can_see (const CercleViewer *viewer,
                               CercleRecord       *record)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);

  switch (cercle_record_get_entity (record))
    {
    case CERCLE_ENTITY_DEVICE_KEY:
      return viewer->member_id != NULL || viewer->is_staff;

    case CERCLE_ENTITY_CONVERSATION:
      return in_conversation (viewer, CERCLE_CONVERSATION (record));

    case CERCLE_ENTITY_MESSAGE:
      return in_message (viewer, CERCLE_MESSAGE (record));

    default:
      return FALSE;
    }
}

/**
 * cercle_message_policy_can_write_to:
 *
 * Returns: whether @viewer may start a conversation with @member_id
 */
gboolean
cercle_message_policy_can_write_to (const CercleViewer *viewer,
                                    const char         *member_id)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->member_id != NULL && member_id != NULL && !cercle_viewer_is (viewer, member_id);
}

/**
 * cercle_message_policy_can_withdraw:
 * @sender_id: who sent the message
 *
 * Returns: whether @viewer may withdraw a message of @sender_id, that is,
 *   delete it for both members, on every device and on the server: only
 *   its sender may
 */
gboolean
cercle_message_policy_can_withdraw (const CercleViewer *viewer,
                                    const char         *sender_id)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  return viewer->member_id != NULL && sender_id != NULL && cercle_viewer_is (viewer, sender_id);
}

static gboolean
is_public_key (const char *text)
{
  guint8 key[crypto_box_PUBLICKEYBYTES + 3];
  const char *end = NULL;
  gsize length = 0;

  return text != NULL &&
         sodium_base642bin (key, sizeof key, text, strlen (text), NULL, &length, &end,
                            sodium_base64_VARIANT_ORIGINAL) == 0 &&
         *end == '\0' &&
         length == crypto_box_PUBLICKEYBYTES;
}

static gboolean
only_changes (CercleRecord *current,
              CercleRecord *proposed,
              const char   *allowed)
{
  CercleRecordClass *klass = CERCLE_RECORD_GET_CLASS (proposed);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (g_param_values_cmp (klass->fields[i],
                              cercle_record_peek_value (current, i + 1),
                              cercle_record_peek_value (proposed, i + 1)) == 0)
        continue;

      if (allowed == NULL || !g_str_equal (klass->columns[i], allowed))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_device_key (const CercleViewer  *viewer,
                  CercleDeviceKey     *current,
                  CercleDeviceKey     *proposed,
                  GError             **error)
{
  CercleDeviceKey *row = current != NULL ? current : proposed;

  if (!cercle_viewer_is (viewer, cercle_device_key_get_member_id (row)))
    return forbidden (error, _("You can only publish keys for your own devices."));

  if (current == NULL)
    {
      if (!is_public_key (cercle_device_key_get_public_key (proposed)))
        return forbidden (error, _("This is not a device’s public key."));
      return TRUE;
    }

  if (!only_changes (CERCLE_RECORD (current), CERCLE_RECORD (proposed), "device_name"))
    return forbidden (error, _("A device’s key cannot be changed; publish a new one."));

  return TRUE;
}

static gboolean
check_conversation (const CercleViewer  *viewer,
                    CercleConversation  *current,
                    CercleConversation  *proposed,
                    GError             **error)
{
  const char *a = cercle_conversation_get_member_a_id (proposed);
  const char *b = cercle_conversation_get_member_b_id (proposed);
  g_autofree char *expected_id = NULL;

  if (!in_conversation (viewer, current != NULL ? current : proposed))
    return forbidden (error, _("Only the two members of a conversation can change it."));

  if (current != NULL)
    {
      if (cercle_record_get_deleted (CERCLE_RECORD (proposed)) !=
          cercle_record_get_deleted (CERCLE_RECORD (current)))
        return forbidden (error, _("A conversation cannot be deleted; its messages can vanish."));
      if (!only_changes (CERCLE_RECORD (current), CERCLE_RECORD (proposed), "vanish_after"))
        return forbidden (error, _("Only how long messages live can be changed in a conversation."));
      return TRUE;
    }

  if (a == NULL || b == NULL || strcmp (a, b) >= 0)
    return forbidden (error, _("A conversation is between two different members."));

  expected_id = cercle_message_policy_conversation_id (a, b);
  if (!g_str_equal (expected_id, cercle_record_get_id (CERCLE_RECORD (proposed))))
    return forbidden (error, _("A conversation is between two different members."));

  return TRUE;
}

static gboolean
check_message (const CercleViewer  *viewer,
               CercleMessage       *current,
               CercleMessage       *proposed,
               GError             **error)
{
  if (current != NULL)
    {
      if (!cercle_message_policy_can_withdraw (viewer, cercle_message_get_sender_id (current)))
        return forbidden (error, _("Only its sender can withdraw a message."));
      if (!cercle_record_get_deleted (CERCLE_RECORD (proposed)) ||
          cercle_record_get_deleted (CERCLE_RECORD (current)))
        return forbidden (error, _("A message cannot be changed once sent."));
      return TRUE;
    }

  if (cercle_record_get_deleted (CERCLE_RECORD (proposed)))
    return TRUE;

  if (!cercle_viewer_is (viewer, cercle_message_get_sender_id (proposed)))
    return forbidden (error, _("You can only send messages in your own name."));

  if (cercle_message_get_recipient_id (proposed) == NULL ||
      cercle_viewer_is (viewer, cercle_message_get_recipient_id (proposed)))
    return forbidden (error, _("A message goes to another member."));

  if (cercle_message_get_sender_device_id (proposed) == NULL ||
      cercle_message_get_ciphertext (proposed) == NULL ||
      cercle_message_get_sealed_keys (proposed) == NULL ||
      cercle_message_get_sent_at (proposed) == NULL)
    return forbidden (error, _("A private message must be encrypted before it is sent."));

  return TRUE;
}

/**
 * cercle_message_policy_check:
 *
 * As cercle_permission_check(), for the entities of private messages:
 * whether @viewer may make that change, staff or not.
 */
gboolean
cercle_message_policy_check (const CercleViewer  *viewer,
                             CercleRecord        *current,
                             CercleRecord        *proposed,
                             GError             **error)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (proposed), FALSE);

  if (viewer->member_id == NULL)
    return forbidden (error, _("Only members of the club can change it."));

  switch (cercle_record_get_entity (proposed))
    {
    case CERCLE_ENTITY_DEVICE_KEY:
      return check_device_key (viewer, current ? CERCLE_DEVICE_KEY (current) : NULL,
                               CERCLE_DEVICE_KEY (proposed), error);

    case CERCLE_ENTITY_CONVERSATION:
      return check_conversation (viewer, current ? CERCLE_CONVERSATION (current) : NULL,
                                 CERCLE_CONVERSATION (proposed), error);

    case CERCLE_ENTITY_MESSAGE:
      return check_message (viewer, current ? CERCLE_MESSAGE (current) : NULL,
                            CERCLE_MESSAGE (proposed), error);

    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * cercle_message_policy_can_edit_field:
 *
 * Returns: whether @viewer may change @column of @record
 */
gboolean
cercle_message_policy_can_edit_field (const CercleViewer *viewer,
                                      CercleRecord       *record,
                                      const char         *column)
{
  g_return_val_if_fail (viewer != NULL, FALSE);
  g_return_val_if_fail (CERCLE_IS_RECORD (record), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  switch (cercle_record_get_entity (record))
    {
    case CERCLE_ENTITY_DEVICE_KEY:
      return g_str_equal (column, "device_name") &&
             cercle_viewer_is (viewer, cercle_device_key_get_member_id (CERCLE_DEVICE_KEY (record)));

    case CERCLE_ENTITY_CONVERSATION:
      return g_str_equal (column, "vanish_after") &&
             in_conversation (viewer, CERCLE_CONVERSATION (record));

    case CERCLE_ENTITY_MESSAGE:
    default:
      return FALSE;
    }
}

/**
 * cercle_message_policy_conversation_id:
 *
 * Returns: (transfer full): the id of the conversation between the two
 *   members, whichever is given first: a UUID made from their ids, so
 *   that both may start it, even offline, and meet in one
 */
char *
cercle_message_policy_conversation_id (const char *member_id,
                                       const char *other_id)
{
  static const char context[] = "cercle-conversation-v1";
  g_autofree char *joined = NULL;
  guint8 hash[16];

  g_return_val_if_fail (member_id != NULL && other_id != NULL, NULL);

  if (strcmp (member_id, other_id) < 0)
    joined = g_strconcat (context, ":", member_id, ":", other_id, NULL);
  else
    joined = g_strconcat (context, ":", other_id, ":", member_id, NULL);

  crypto_generichash (hash, sizeof hash, (const guint8 *)joined, strlen (joined), NULL, 0);

  /* A version 8 (custom) UUID, RFC 9562 */
  hash[6] = (hash[6] & 0x0f) | 0x80;
  hash[8] = (hash[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7],
                          hash[8], hash[9], hash[10], hash[11], hash[12], hash[13], hash[14],
                          hash[15]);
}

/**
 * cercle_message_policy_other_member:
 *
 * Returns: (transfer full) (nullable): who @member_id talks to in
 *   @conversation
 */
char *
cercle_message_policy_other_member (CercleConversation *conversation,
                                    const char         *member_id)
{
  const char *a, *b;

  g_return_val_if_fail (CERCLE_IS_CONVERSATION (conversation), NULL);

  a = cercle_conversation_get_member_a_id (conversation);
  b = cercle_conversation_get_member_b_id (conversation);

  if (g_strcmp0 (a, member_id) == 0)
    return g_strdup (b);
  if (g_strcmp0 (b, member_id) == 0)
    return g_strdup (a);

  return NULL;
}

gint64
cercle_message_policy_vanish_seconds (CercleVanish vanish)
{
  switch (vanish)
    {
    case CERCLE_VANISH_DAY:   return 24 * 3600;
    case CERCLE_VANISH_WEEK:  return 7 * 24 * 3600;
    case CERCLE_VANISH_MONTH: return 30 * 24 * 3600;
    case CERCLE_VANISH_NEVER:
    default:
      return 0;
    }
}

/**
 * cercle_message_policy_expires_at:
 * @sent_at: when the message was sent, as stored
 *
 * Returns: (transfer full) (nullable): when a message sent at @sent_at in
 *   a conversation set to @vanish is deleted everywhere; %NULL for never
 */
char *
cercle_message_policy_expires_at (CercleVanish  vanish,
                                  const char   *sent_at)
{
  gint64 seconds = cercle_message_policy_vanish_seconds (vanish);
  g_autoptr(GDateTime) sent = NULL;
  g_autoptr(GDateTime) expires = NULL;

  if (seconds == 0 || sent_at == NULL)
    return NULL;

  sent = g_date_time_new_from_iso8601 (sent_at, NULL);
  if (sent == NULL)
    return NULL;

  expires = g_date_time_add_seconds (sent, (gdouble)seconds);

  return g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * cercle_message_policy_check_text:
 *
 * Returns: whether @text can be sent as a message; %FALSE with @error set
 *   to a sentence for the user otherwise
 */
gboolean
cercle_message_policy_check_text (const char  *text,
                                  GError     **error)
{
  g_autofree char *stripped = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return forbidden (error, _("This message is not valid text."));

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return forbidden (error, _("Write something before sending."));

  if (strlen (text) > CERCLE_MESSAGE_MAX_LENGTH)
    return forbidden (error, _("This message is too long: split it in several."));

  return TRUE;
}
