/* cercle-server-stream.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-server-private.h"

/* The WebSocket stream of each club: it says the club's newest seq each
 * time it changes, so that apps pull at once. The storage tells of a
 * change from whatever thread committed it (or, with PostgreSQL, heard of
 * another process's commit); the news is passed to the main loop and
 * sent once for a burst of writes.
 *
 * A stream lives as long as the session it was opened with: a sign-out
 * through this process closes it at once; a revocation elsewhere (the
 * admin's command, another server process, a disabled account) is found
 * by checking the sessions of every open stream every few seconds, in
 * one query. */

#define STREAM_CLUB_KEY    "cercle-stream-club"
#define STREAM_SESSION_KEY "cercle-stream-session"

static void on_wrote_informational (SoupServerMessage *msg,
                                    gpointer           user_data);

/* After the token was checked: the handshake, answered when the 101 is
 * written, by taking the connection over */
void
_cercle_server_start_stream (CercleServer      *self,
                             SoupServerMessage *msg,
                             const char        *club_id,
                             const char        *session_id)
{
  g_autoptr(GError) error = NULL;

  if (!soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, &error))
    {
      _cercle_server_set_error_now (msg, 400, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                                    _("This address is a WebSocket stream."));
      return;
    }

  soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL);
  g_object_set_data_full (G_OBJECT (msg), STREAM_CLUB_KEY, g_strdup (club_id), g_free);
  g_object_set_data_full (G_OBJECT (msg), STREAM_SESSION_KEY, g_strdup (session_id), g_free);
  g_signal_connect_object (msg, "wrote-informational", G_CALLBACK (on_wrote_informational), self, 0);
}

static void
on_stream_closed (SoupWebsocketConnection *conn,
                  gpointer                 user_data)
{
  CercleServer *self = user_data;
  const char *club_id = g_object_get_data (G_OBJECT (conn), STREAM_CLUB_KEY);
  GPtrArray *conns = g_hash_table_lookup (self->streams, club_id);

  if (conns != NULL)
    {
      if (g_ptr_array_remove (conns, conn))
        self->n_streams--;
      if (conns->len == 0)
        g_hash_table_remove (self->streams, club_id);
    }
}

static void
on_stream_message (SoupWebsocketConnection *conn,
                   gint                     type,
                   GBytes                  *message,
                   gpointer                 user_data)
{
  /* The stream only speaks; anything a client says is ignored */
}

static void
on_wrote_informational (SoupServerMessage *msg,
                        gpointer           user_data)
{
  CercleServer *self = user_data;
  g_autofree char *club_id = g_strdup (g_object_get_data (G_OBJECT (msg), STREAM_CLUB_KEY));
  g_autofree char *session_id = g_strdup (g_object_get_data (G_OBJECT (msg), STREAM_SESSION_KEY));
  g_autoptr(GUri) uri = g_uri_ref (soup_server_message_get_uri (msg));
  g_autoptr(SoupWebsocketConnection) conn = NULL;
  g_autoptr(GIOStream) stream = NULL;
  GSocket *socket;
  GPtrArray *conns;

  _cercle_server_log_request (msg, 101);

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  /* A stream is idle by nature: the pings below tell a dead peer */
  socket = g_object_get_data (G_OBJECT (stream), "GSocket");
  if (socket != NULL)
    g_socket_set_timeout (socket, 0);

  conn = soup_websocket_connection_new (stream, uri, SOUP_WEBSOCKET_CONNECTION_SERVER, NULL, NULL, NULL);
  soup_websocket_connection_set_keepalive_interval (conn, 30);
  soup_websocket_connection_set_max_incoming_payload_size (conn, 1024);
  g_object_set_data_full (G_OBJECT (conn), STREAM_CLUB_KEY, g_strdup (club_id), g_free);
  g_object_set_data_full (G_OBJECT (conn), STREAM_SESSION_KEY, g_steal_pointer (&session_id), g_free);
  g_signal_connect_object (conn, "closed", G_CALLBACK (on_stream_closed), self, 0);
  g_signal_connect (conn, "message", G_CALLBACK (on_stream_message), NULL);

  conns = g_hash_table_lookup (self->streams, club_id);
  if (conns == NULL)
    {
      conns = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->streams, g_strdup (club_id), conns);
    }
  g_ptr_array_add (conns, g_steal_pointer (&conn));
  self->n_streams++;
}

/* From any thread: a club changed. Announced from the main loop, once
 * for a burst of writes. */
static gboolean
announce_cb (gpointer user_data)
{
  CercleServer *self = user_data;
  g_autoptr(GHashTable) pending = NULL;
  GHashTableIter iter;
  const char *club_id;
  gpointer seq_ptr;

  g_mutex_lock (&self->pending_lock);
  pending = g_steal_pointer (&self->pending_seqs);
  self->pending_seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_clear_pointer (&self->announce_source, g_source_unref);
  g_mutex_unlock (&self->pending_lock);

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, (gpointer *)&club_id, &seq_ptr))
    {
      GPtrArray *conns = g_hash_table_lookup (self->streams, club_id);
      g_autofree char *text = g_strdup_printf ("{\"seq\":%" G_GINT64_FORMAT "}", *(gint64 *)seq_ptr);

      for (guint i = 0; conns != NULL && i < conns->len; i++)
        {
          SoupWebsocketConnection *conn = g_ptr_array_index (conns, i);

          if (soup_websocket_connection_get_state (conn) == SOUP_WEBSOCKET_STATE_OPEN)
            soup_websocket_connection_send_text (conn, text);
        }
    }

  return G_SOURCE_REMOVE;
}

void
_cercle_server_on_club_changed (CercleServerStorage *storage,
                                const char          *club_id,
                                gint64               seq,
                                gpointer             user_data)
{
  CercleServer *self = user_data;
  gint64 *pending;

  g_mutex_lock (&self->pending_lock);

  pending = g_hash_table_lookup (self->pending_seqs, club_id);
  if (pending == NULL)
    {
      pending = g_new (gint64, 1);
      *pending = seq;
      g_hash_table_insert (self->pending_seqs, g_strdup (club_id), pending);
    }
  else
    *pending = MAX (*pending, seq);

  if (self->announce_source == NULL)
    {
      self->announce_source = g_idle_source_new ();
      g_source_set_callback (self->announce_source, announce_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->announce_source, "[cercle-server] announce");
      g_source_attach (self->announce_source, self->context);
    }

  g_mutex_unlock (&self->pending_lock);
}

void
_cercle_server_close_streams (CercleServer *self)
{
  GHashTableIter iter;
  GPtrArray *conns;

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&conns))
    for (guint i = 0; i < conns->len; i++)
      if (soup_websocket_connection_get_state (g_ptr_array_index (conns, i)) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (g_ptr_array_index (conns, i), SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
}

static void
end_stream (SoupWebsocketConnection *conn)
{
  if (soup_websocket_connection_get_state (conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (conn, CERCLE_SERVER_STREAM_CLOSE_SESSION_ENDED, "session_ended");
}

/* Closes the streams whose session is in @ended */
static void
end_streams (CercleServer *self,
             GHashTable   *ended)
{
  g_autoptr(GPtrArray) ending = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  GPtrArray *conns;

  /* Collected first: a close may remove its connection from the table */
  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&conns))
    for (guint i = 0; i < conns->len; i++)
      {
        SoupWebsocketConnection *conn = g_ptr_array_index (conns, i);
        const char *id = g_object_get_data (G_OBJECT (conn), STREAM_SESSION_KEY);

        if (id != NULL && g_hash_table_contains (ended, id))
          g_ptr_array_add (ending, g_object_ref (conn));
      }

  for (guint i = 0; i < ending->len; i++)
    end_stream (g_ptr_array_index (ending, i));
}

void
_cercle_server_end_session_streams (CercleServer *self,
                                    const char   *session_id)
{
  g_autoptr(GHashTable) ended = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_add (ended, (gpointer)session_id);
  end_streams (self, ended);
}

static void
recheck_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CercleServer *self = source_object;
  GError *error = NULL;
  GHashTable *live;

  live = cercle_server_storage_live_sessions (self->storage, (const char * const *)task_data, &error);
  if (live != NULL)
    g_task_return_pointer (task, live, (GDestroyNotify)g_hash_table_unref);
  else
    g_task_return_error (task, error);
}

static void
recheck_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CercleServer *self = CERCLE_SERVER (source);
  g_autoptr(GHashTable) live = NULL;
  g_autoptr(GError) error = NULL;

  self->in_flight--;
  self->rechecking = FALSE;

  /* A storage that fails for a moment ends no stream: the next check
   * will tell */
  live = g_task_propagate_pointer (G_TASK (result), &error);
  if (live == NULL)
    {
      g_message ("Could not check the sessions of open streams: %s", error->message);
      return;
    }

  /* Only the sessions asked about can end: a stream opened while the
   * check ran had its session checked when it opened */
  if (!self->stopping)
    {
      const char * const *asked = g_task_get_task_data (G_TASK (result));
      g_autoptr(GHashTable) ended = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; asked[i] != NULL; i++)
        if (!g_hash_table_contains (live, asked[i]))
          g_hash_table_add (ended, (gpointer)asked[i]);

      if (g_hash_table_size (ended) > 0)
        end_streams (self, ended);
    }
}

static gboolean
recheck_cb (gpointer user_data)
{
  CercleServer *self = user_data;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree gpointer *keys = NULL;
  GHashTableIter iter;
  GPtrArray *conns;

  if (self->rechecking || self->stopping || g_hash_table_size (self->streams) == 0)
    return G_SOURCE_CONTINUE;

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&conns))
    for (guint i = 0; i < conns->len; i++)
      {
        const char *id = g_object_get_data (G_OBJECT (g_ptr_array_index (conns, i)), STREAM_SESSION_KEY);

        if (id != NULL)
          g_hash_table_add (ids, (gpointer)id);
      }

  /* A stop waits for the check too: its thread uses the storage */
  self->rechecking = TRUE;
  self->in_flight++;
  task = g_task_new (self, NULL, recheck_done_cb, NULL);
  g_task_set_source_tag (task, recheck_cb);
  keys = g_hash_table_get_keys_as_array (ids, NULL);
  g_task_set_task_data (task, g_strdupv ((char **)keys), (GDestroyNotify)g_strfreev);
  g_task_run_in_thread (task, recheck_thread);

  return G_SOURCE_CONTINUE;
}

void
_cercle_server_start_recheck (CercleServer *self)
{
  GSource *source = g_timeout_source_new_seconds (self->options.stream_recheck);

  g_source_set_callback (source, recheck_cb, self, NULL);
  g_source_set_static_name (source, "[cercle-server] stream sessions");
  self->recheck_id = g_source_attach (source, self->context);
  g_source_unref (source);
}
