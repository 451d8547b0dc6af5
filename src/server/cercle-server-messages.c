/* cercle-server-messages.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-messages"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-messages.h"
#include "cercle-server-sync.h"

/* What the server decides of private messages, which it cannot read:
 *
 * - A message is between the two members of its conversation, sealed by
 *   a device its sender published.
 * - In a conversation whose messages vanish, the server's clock bounds
 *   when: a message cannot outlive the setting by a client's say.
 * - The sweeper deletes, on every club, the messages whose time is up: a
 *   tombstone without its ciphertext takes their place, with the club's
 *   next seq, so that every device deletes its copy at its next pull. */

static gboolean
same_pair (const char *a,
           const char *b,
           const char *x,
           const char *y)
{
  return (g_strcmp0 (a, x) == 0 && g_strcmp0 (b, y) == 0) ||
         (g_strcmp0 (a, y) == 0 && g_strcmp0 (b, x) == 0);
}

/**
 * cercle_server_messages_check:
 * @message: a message being written (not a deletion)
 * @server_decided: (inout): set when the server changed @message
 * @reason: (out): why it is refused, for the client
 *
 * Returns: %FALSE with @error set when the storage failed
 */
gboolean
cercle_server_messages_check (CercleServerTxn  *txn,
                              CercleMessage    *message,
                              const char       *now,
                              gboolean         *server_decided,
                              char            **reason,
                              GError          **error)
{
  g_autoptr(CercleRecord) conversation = NULL;
  g_autoptr(CercleRecord) device = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *latest = NULL;
  const char *expires_at;
  CercleVanish vanish;

  conversation = cercle_server_txn_get_record (txn, CERCLE_ENTITY_CONVERSATION,
                                               cercle_message_get_conversation_id (message), &local_error);
  if (conversation == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *reason = g_strdup_printf (_("“%s” names nothing in this club."), "conversation_id");
      return TRUE;
    }

  if (!same_pair (cercle_message_get_sender_id (message), cercle_message_get_recipient_id (message),
                  cercle_conversation_get_member_a_id (CERCLE_CONVERSATION (conversation)),
                  cercle_conversation_get_member_b_id (CERCLE_CONVERSATION (conversation))))
    {
      *reason = g_strdup (_("A message goes between the two members of its conversation."));
      return TRUE;
    }

  device = cercle_server_txn_get_record (txn, CERCLE_ENTITY_DEVICE_KEY,
                                         cercle_message_get_sender_device_id (message), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (device == NULL ||
      g_strcmp0 (cercle_device_key_get_member_id (CERCLE_DEVICE_KEY (device)),
                 cercle_message_get_sender_id (message)) != 0)
    {
      *reason = g_strdup (_("A message is sealed by one of its sender’s devices."));
      return TRUE;
    }

  vanish = cercle_conversation_get_vanish_after (CERCLE_CONVERSATION (conversation));
  latest = cercle_message_policy_expires_at (vanish, now);
  expires_at = cercle_message_get_expires_at (message);
  if (latest != NULL && (expires_at == NULL || cercle_time_compare (expires_at, latest) > 0))
    {
      g_object_set (message, "expires-at", latest, NULL);
      *server_decided = TRUE;
    }

  return TRUE;
}

static gboolean
sweep_club (CercleServerStorage  *storage,
            const char           *club_id,
            const char           *now,
            guint                *n_swept,
            GError              **error)
{
  g_autoptr(CercleServerTxn) txn = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  guint n = 0;

  if (!(txn = cercle_server_storage_begin (storage, club_id, TRUE, error)) ||
      !(messages = cercle_server_txn_list_records (txn, CERCLE_ENTITY_MESSAGE, NULL, NULL, error)))
    return FALSE;

  for (guint i = 0; i < messages->len; i++)
    {
      CercleRecord *record = g_ptr_array_index (messages, i);
      const char *expires_at = cercle_message_get_expires_at (CERCLE_MESSAGE (record));

      if (cercle_record_get_deleted (record) || expires_at == NULL ||
          cercle_time_compare (expires_at, now) > 0)
        continue;

      cercle_record_set_deleted (record, TRUE);
      g_object_set (record, "ciphertext", NULL, "sealed-keys", NULL, NULL);
      if (!cercle_server_sync_put_new_row (txn, record, now, error))
        return FALSE;
      n++;
    }

  if (n == 0)
    {
      cercle_server_txn_rollback (g_steal_pointer (&txn));
      return TRUE;
    }

  if (!cercle_server_txn_commit (g_steal_pointer (&txn), error))
    return FALSE;

  *n_swept += n;
  return TRUE;
}

/**
 * cercle_server_messages_sweep:
 * @now: the time to sweep at, as stored: the server's clock, or a test's
 * @n_swept: (out) (optional): how many messages went
 *
 * Deletes the messages of every club whose time is up, each club in a
 * transaction of its own.
 */
gboolean
cercle_server_messages_sweep (CercleServerStorage  *storage,
                              const char           *now,
                              guint                *n_swept,
                              GError              **error)
{
  g_autoptr(GPtrArray) clubs = NULL;
  guint n = 0;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!(clubs = cercle_server_storage_list_clubs (storage, error)))
    return FALSE;

  for (guint i = 0; i < clubs->len; i++)
    if (!sweep_club (storage, cercle_record_get_id (g_ptr_array_index (clubs, i)), now, &n, error))
      return FALSE;

  if (n_swept != NULL)
    *n_swept = n;

  return TRUE;
}

static void
sweep_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = cercle_now_iso8601 ();
  guint n = 0;

  if (!cercle_server_messages_sweep (source_object, now, &n, &error))
    g_printerr (_("Could not delete the messages whose time is up: %s\n"), error->message);

  g_task_return_boolean (task, TRUE);
}

static void
sweep_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gboolean *running = user_data;

  *running = FALSE;
}

static gboolean
sweep_cb (gpointer user_data)
{
  static gboolean running;
  g_autoptr(GTask) task = NULL;

  /* A slow sweep is not started twice */
  if (running)
    return G_SOURCE_CONTINUE;

  running = TRUE;
  task = g_task_new (user_data, NULL, sweep_done_cb, &running);
  g_task_set_source_tag (task, sweep_cb);
  g_task_run_in_thread (task, sweep_thread);

  return G_SOURCE_CONTINUE;
}

/**
 * cercle_server_messages_start_sweeper:
 *
 * Sweeps now, then every %CERCLE_SERVER_SWEEP_SECONDS, in a worker thread,
 * by the server's clock.
 *
 * Returns: the timer's source id
 */
guint
cercle_server_messages_start_sweeper (CercleServerStorage *storage)
{
  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), 0);

  sweep_cb (storage);

  return g_timeout_add_seconds_full (G_PRIORITY_LOW, CERCLE_SERVER_SWEEP_SECONDS, sweep_cb,
                                     g_object_ref (storage), g_object_unref);
}
