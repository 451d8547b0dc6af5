/* cercle-sync-client.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-sync-client.h"
#include "cercle-sync-fetch.h"

/* One club's sync: push the outbox, then pull until the end, on a
 * connection to the club file of its own, from a worker thread. The
 * interface keeps writing on its own connection meanwhile; the store's
 * sync functions keep its edits on top of what is pulled. What was
 * written reaches the interface's store as one change set, which the
 * caller hands to cercle_store_note_external_changes().
 *
 * The club's WebSocket stream (cercle_sync_client_watch()) only says that
 * something changed: it emits "notice", and the owner syncs. */

struct _CercleSyncClient
{
  GObject           parent_instance;

  CercleSyncServer *server;
  char             *store_path;
  char             *club_id;
  char             *member_id;
  guint             page_size;

  /* Only the worker thread touches the store; one sync at a time */
  GMutex            sync_lock;
  GMainContext     *worker_context;
  CercleStore      *store;

  GMutex            token_lock;
  char             *token;

  /* This device's key pair for private messages (under token_lock):
   * the worker publishes its public half and decrypts what a pull
   * brought, off the main thread */
  CercleKeyPair    *device_keys;
  char             *device_name;

  /* The live stream, on the main context */
  SoupWebsocketConnection *stream;
  GCancellable     *stream_cancellable;
  guint             stream_retry_id;
  gboolean          watching;
  gboolean          stream_lost;   /* it dropped, or could not connect */
};

G_DEFINE_FINAL_TYPE (CercleSyncClient, cercle_sync_client, G_TYPE_OBJECT)

enum {
  PROGRESS,
  NOTICE,
  SESSION_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define DEFAULT_PAGE_SIZE 2000
#define PUSH_BATCH 500
#define STREAM_RETRY_SECONDS 15
/* docs/api.md: the stream's session was signed out, revoked or its
 * account disabled; the same token would only get 401 */
#define STREAM_CLOSE_SESSION_ENDED 4401

static char *
dup_token (CercleSyncClient *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->token_lock);

  return g_strdup (self->token);
}

typedef struct
{
  CercleSyncClient *self;
  guint64           n_rows;
} Progress;

static gboolean
emit_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  g_signal_emit (progress->self, signals[PROGRESS], 0, progress->n_rows);

  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static void
report_progress (CercleSyncClient *self,
                 GMainContext     *context,
                 guint64           n_rows)
{
  Progress *progress;

  if (context == NULL)
    return;

  progress = g_new0 (Progress, 1);
  progress->self = g_object_ref (self);
  progress->n_rows = n_rows;
  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, emit_progress_cb, progress,
                              (GDestroyNotify)progress_free);
}

static gboolean
bad_answer (GError     **error,
            GError      *cause)
{
  g_set_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ANSWER,
               _("The club’s server sent a damaged answer: %s"), cause->message);
  return FALSE;
}

static gboolean
push (CercleSyncClient  *self,
      const char        *client_id,
      const char        *token,
      CercleChangeSet   *all_changes,
      GCancellable      *cancellable,
      GError           **error)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/push", self->club_id);

  for (;;)
    {
      g_autoptr(GPtrArray) outbox = cercle_store_dup_outbox_mutations (self->store, error);
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(JsonObject) request = json_object_new ();
      g_autoptr(JsonObject) answer = NULL;
      g_autoptr(CercleChangeSet) changes = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *body = NULL;
      JsonArray *mutations = json_array_new ();
      JsonArray *results = NULL;
      guint n_acknowledged = 0;

      json_object_set_string_member (request, "client_id", client_id);
      json_object_set_array_member (request, "mutations", mutations);

      if (outbox == NULL)
        return FALSE;
      if (outbox->len == 0)
        return TRUE;

      for (guint i = 0; i < outbox->len && i < PUSH_BATCH; i++)
        {
          g_ptr_array_add (batch, g_ptr_array_index (outbox, i));
          json_array_add_object_element (mutations, cercle_mutation_to_json (g_ptr_array_index (outbox, i)));
        }

      body = cercle_json_object_to_string (request);
      answer = cercle_sync_server_request (self->server, "POST", path, token, body, NULL, cancellable, error);
      if (answer == NULL)
        return FALSE;

      if (!cercle_json_get_array (answer, "results", CERCLE_JSON_REQUIRED, &results, &local_error))
        return bad_answer (error, local_error);

      if (!cercle_store_acknowledge_push (self->store, batch, results, &n_acknowledged, &changes, &local_error))
        {
          if (local_error->domain == CERCLE_JSON_ERROR)
            return bad_answer (error, local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (changes != NULL)
        cercle_change_set_merge (all_changes, changes);

      /* An answer that answers nothing would send the same again forever */
      if (n_acknowledged == 0)
        {
          g_set_error_literal (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ANSWER,
                               _("The club’s server did not answer the changes sent."));
          return FALSE;
        }
    }
}

/* Writes one fetched page */
static gboolean
apply_page (CercleSyncClient  *self,
            CercleSyncPage    *page,
            CercleChangeSet   *all_changes,
            GError           **error)
{
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!cercle_store_apply_pull_records (self->store, page->records, page->next_cursor, page->has_more,
                                        page->last_mutation_no, NULL, &changes, &local_error))
    {
      if (local_error->domain == CERCLE_JSON_ERROR)
        return bad_answer (error, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (changes != NULL)
    cercle_change_set_merge (all_changes, changes);

  return TRUE;
}

/* Pulls until the end; on a long pull, the next page is fetched while
 * this one is written (cercle-sync-fetch.c) */
static gboolean
pull (CercleSyncClient  *self,
      const char        *client_id,
      const char        *token,
      CercleChangeSet   *all_changes,
      GMainContext      *progress_context,
      GCancellable      *cancellable,
      GError           **error)
{
  gboolean restarted = FALSE;
  gboolean bulk = FALSE;
  guint64 n_rows = 0;
  gboolean ok = TRUE;

  for (;;)
    {
      g_autoptr(CercleSyncState) state = cercle_store_dup_sync_state (self->store, error);
      g_autoptr(GError) local_error = NULL;
      CercleSyncFetch *fetch = NULL;
      CercleSyncPage *page;

      if (state == NULL)
        {
          ok = FALSE;
          break;
        }

      /* A first sync fills an empty copy: the search index is built once
       * at the end, not row by row */
      if (!bulk && state->cursor == NULL && !state->resyncing &&
          cercle_store_count_outbox (self->store, NULL) == 0)
        {
          cercle_store_begin_bulk_load (self->store);
          bulk = TRUE;
        }

      /* The first page here; the others, if any, one ahead in a thread */
      page = cercle_sync_fetch_page (self->server, self->club_id, client_id, token, self->page_size,
                                     state->cursor, cancellable);
      for (;;)
        {
          if (page->error != NULL)
            {
              local_error = g_steal_pointer (&page->error);
              break;
            }

          if (page->has_more && fetch == NULL)
            fetch = cercle_sync_fetch_start (self->server, self->club_id, client_id, token, self->page_size,
                                             page->next_cursor, cancellable);

          if (!apply_page (self, page, all_changes, &local_error))
            break;

          n_rows += page->records->len;
          report_progress (self, progress_context, n_rows);

          if (!page->has_more)
            break;

          g_clear_pointer (&page, cercle_sync_page_free);
          page = cercle_sync_fetch_next (fetch);
        }
      g_clear_pointer (&page, cercle_sync_page_free);
      g_clear_pointer (&fetch, cercle_sync_fetch_stop);

      if (local_error == NULL)
        break;

      /* The server's database was replaced: from scratch, once, keeping
       * the edits that wait */
      if (g_error_matches (local_error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_GONE) && !restarted)
        {
          restarted = TRUE;
          if (!cercle_store_restart_sync (self->store, error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }

      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
      break;
    }

  if (bulk)
    ok = cercle_store_end_bulk_load (self->store, ok ? error : NULL) && ok;

  return ok;
}

static gboolean
adopt_member (CercleSyncClient  *self,
              GError           **error)
{
  g_autoptr(CercleMember) member = NULL;
  g_autoptr(GError) local_error = NULL;

  if (self->member_id == NULL)
    return TRUE;

  member = cercle_store_dup_local_member (self->store, &local_error);
  if (member != NULL || local_error != NULL)
    return TRUE;

  return cercle_store_set_local_member (self->store, self->member_id, error);
}

/* Publishes this device's key once the copy knows its member (a first
 * sync), and decrypts the messages the pull brought */
static gboolean
sync_messages (CercleSyncClient  *self,
               const char        *client_id,
               const char        *token,
               CercleChangeSet   *changes,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(CercleKeyPair) keys = NULL;
  g_autofree char *device_name = NULL;
  guint n_outbox;

  g_mutex_lock (&self->token_lock);
  keys = self->device_keys != NULL ? cercle_key_pair_copy (self->device_keys) : NULL;
  device_name = g_strdup (self->device_name);
  g_mutex_unlock (&self->token_lock);

  if (keys == NULL)
    return TRUE;

  n_outbox = cercle_store_count_outbox (self->store, NULL);
  if (!cercle_store_publish_device_key (self->store, keys, device_name, error))
    return FALSE;
  if (cercle_store_count_outbox (self->store, NULL) > n_outbox &&
      !push (self, client_id, token, changes, cancellable, error))
    return FALSE;

  return cercle_store_decrypt_messages (self->store, keys, changes, NULL, error);
}

static CercleChangeSet *
sync_with_progress (CercleSyncClient  *self,
                    GMainContext      *progress_context,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->sync_lock);
  g_autoptr(CercleChangeSet) changes = cercle_change_set_new ();
  g_autofree char *token = dup_token (self);
  g_autofree char *client_id = NULL;
  g_autoptr(GError) push_error = NULL;
  gboolean ok;

  if (token == NULL)
    {
      g_set_error_literal (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNAUTHORIZED,
                           _("Sign in to the club’s server again."));
      return NULL;
    }

  g_main_context_push_thread_default (self->worker_context);

  if (self->store == NULL)
    self->store = cercle_store_open (self->store_path, error);

  ok = self->store != NULL &&
       (client_id = cercle_store_dup_client_id (self->store, error)) != NULL;

  if (ok && !push (self, client_id, token, changes, cancellable, &push_error))
    {
      /* No answer: the server may have applied the changes all the same.
       * The pull says up to which one it answered and brings their effect,
       * so those leave the outbox without being sent again; what is left
       * is sent once more */
      if (g_error_matches (push_error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_OFFLINE))
        ok = pull (self, client_id, token, changes, progress_context, cancellable, error) &&
             push (self, client_id, token, changes, cancellable, error);
      else
        {
          g_propagate_error (error, g_steal_pointer (&push_error));
          ok = FALSE;
        }
    }

  ok = ok &&
       pull (self, client_id, token, changes, progress_context, cancellable, error) &&
       adopt_member (self, error) &&
       sync_messages (self, client_id, token, changes, cancellable, error);

  /* Nothing listens to the worker's own store */
  while (g_main_context_iteration (self->worker_context, FALSE))
    ;
  g_main_context_pop_thread_default (self->worker_context);

  if (!ok)
    return NULL;

  return g_steal_pointer (&changes);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CercleChangeSet *changes;

  changes = sync_with_progress (source_object, task_data, cancellable, &error);
  if (changes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, changes, (GDestroyNotify)cercle_change_set_unref);
}

static void
on_stream_message_cb (SoupWebsocketConnection *connection,
                      int                      type,
                      GBytes                  *message,
                      gpointer                 user_data)
{
  CercleSyncClient *self = user_data;
  g_autoptr(JsonObject) object = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (message, &size);
  gint64 seq = 0;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;

  object = cercle_json_parse_object (data, size, 4, NULL);
  if (object == NULL ||
      !cercle_json_get_int (object, "seq", CERCLE_JSON_REQUIRED, 0, G_MAXINT64, &seq, NULL))
    return;

  g_signal_emit (self, signals[NOTICE], 0, seq);
}

static void connect_stream (CercleSyncClient *self);

static gboolean
stream_retry_cb (gpointer user_data)
{
  CercleSyncClient *self = user_data;

  self->stream_retry_id = 0;
  connect_stream (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_stream_retry (CercleSyncClient *self)
{
  self->stream_lost = TRUE;
  if (self->watching && self->stream_retry_id == 0)
    self->stream_retry_id = g_timeout_add_seconds (STREAM_RETRY_SECONDS, stream_retry_cb, self);
}

/* Retrying would knock with a dead token every few seconds; the edits
 * that wait stay in the outbox until the user signs in again */
static void
end_session (CercleSyncClient *self)
{
  g_mutex_lock (&self->token_lock);
  g_clear_pointer (&self->token, g_free);
  g_mutex_unlock (&self->token_lock);
  self->stream_lost = TRUE;

  g_signal_emit (self, signals[SESSION_ENDED], 0);
}

static void
on_stream_closed_cb (SoupWebsocketConnection *connection,
                     gpointer                 user_data)
{
  CercleSyncClient *self = user_data;
  gushort code = soup_websocket_connection_get_close_code (connection);

  g_signal_handlers_disconnect_by_data (connection, self);
  g_clear_object (&self->stream);

  if (code == STREAM_CLOSE_SESSION_ENDED)
    end_session (self);
  else
    schedule_stream_retry (self);
}

typedef struct
{
  CercleSyncClient *self;
  SoupMessage      *message;
} StreamConnect;

static void
stream_connect_free (StreamConnect *connect)
{
  g_object_unref (connect->self);
  g_object_unref (connect->message);
  g_free (connect);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StreamConnect, stream_connect_free)

static void
on_stream_connected_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(StreamConnect) connect = user_data;
  CercleSyncClient *self = connect->self;
  SoupMessage *message = connect->message;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection;

  connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (connection == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The session ended while the stream was down */
      if (soup_message_get_status (message) == SOUP_STATUS_UNAUTHORIZED)
        end_session (self);
      else
        {
          g_debug ("No live stream from the club’s server: %s", error->message);
          schedule_stream_retry (self);
        }
      return;
    }

  if (!self->watching)
    {
      soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (connection);
      return;
    }

  self->stream = connection;
  g_signal_connect (connection, "message", G_CALLBACK (on_stream_message_cb), self);
  g_signal_connect (connection, "closed", G_CALLBACK (on_stream_closed_cb), self);

  /* The server is back (restarted, or the network): what changed while
   * the stream was down, and the edits that waited, need a sync now, not
   * at the next poll */
  if (self->stream_lost)
    {
      self->stream_lost = FALSE;
      g_signal_emit (self, signals[NOTICE], 0, (gint64)0);
    }
}

static void
connect_stream (CercleSyncClient *self)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/clubs/%s/sync/stream", self->club_id);
  g_autofree char *token = dup_token (self);
  StreamConnect *connect;

  if (!self->watching || self->stream != NULL || token == NULL)
    return;

  g_clear_object (&self->stream_cancellable);
  self->stream_cancellable = g_cancellable_new ();
  connect = g_new0 (StreamConnect, 1);
  connect->self = g_object_ref (self);
  connect->message = cercle_sync_server_new_message (self->server, "GET", path, token);
  soup_session_websocket_connect_async (cercle_sync_server_get_session (self->server), connect->message,
                                        NULL, NULL, G_PRIORITY_DEFAULT, self->stream_cancellable,
                                        on_stream_connected_cb, connect);
}

static void
cercle_sync_client_dispose (GObject *object)
{
  CercleSyncClient *self = CERCLE_SYNC_CLIENT (object);

  cercle_sync_client_unwatch (self);

  G_OBJECT_CLASS (cercle_sync_client_parent_class)->dispose (object);
}

static void
cercle_sync_client_finalize (GObject *object)
{
  CercleSyncClient *self = CERCLE_SYNC_CLIENT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->server);
  g_clear_pointer (&self->worker_context, g_main_context_unref);
  g_clear_pointer (&self->store_path, g_free);
  g_clear_pointer (&self->club_id, g_free);
  g_clear_pointer (&self->member_id, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->device_keys, cercle_key_pair_free);
  g_clear_pointer (&self->device_name, g_free);
  g_mutex_clear (&self->sync_lock);
  g_mutex_clear (&self->token_lock);

  G_OBJECT_CLASS (cercle_sync_client_parent_class)->finalize (object);
}

static void
cercle_sync_client_class_init (CercleSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_sync_client_dispose;
  object_class->finalize = cercle_sync_client_finalize;

  /**
   * CercleSyncClient::progress:
   * @n_rows: rows pulled so far by the sync under way
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  /**
   * CercleSyncClient::notice:
   * @seq: the club's newest change on the server
   *
   * The club changed on the server: time to sync.
   */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * CercleSyncClient::session-ended:
   *
   * The server closed the live stream because the session ended (signed
   * out, revoked, the account disabled). The client forgot its token:
   * syncs fail with %CERCLE_SYNC_ERROR_UNAUTHORIZED until
   * cercle_sync_client_set_token() gives it a new one.
   */
  signals[SESSION_ENDED] = g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cercle_sync_client_init (CercleSyncClient *self)
{
  g_mutex_init (&self->sync_lock);
  g_mutex_init (&self->token_lock);
  self->worker_context = g_main_context_new ();
  self->page_size = DEFAULT_PAGE_SIZE;
}

/**
 * cercle_sync_client_new:
 * @store_path: the club's local file
 * @member_id: (nullable): the account's member in the club, made the
 *   copy's own member after the first sync
 * @token: (nullable): the session's token, from the Secret Service
 */
CercleSyncClient *
cercle_sync_client_new (CercleSyncServer *server,
                        const char       *store_path,
                        const char       *club_id,
                        const char       *member_id,
                        const char       *token)
{
  CercleSyncClient *self;

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (server), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);
  g_return_val_if_fail (club_id != NULL && g_uuid_string_is_valid (club_id), NULL);

  self = g_object_new (CERCLE_TYPE_SYNC_CLIENT, NULL);
  self->server = g_object_ref (server);
  self->store_path = g_strdup (store_path);
  self->club_id = g_strdup (club_id);
  self->member_id = g_strdup (member_id);
  self->token = g_strdup (token);

  return self;
}

CercleSyncServer *
cercle_sync_client_get_server (CercleSyncClient *self)
{
  g_return_val_if_fail (CERCLE_IS_SYNC_CLIENT (self), NULL);

  return self->server;
}

const char *
cercle_sync_client_get_club_id (CercleSyncClient *self)
{
  g_return_val_if_fail (CERCLE_IS_SYNC_CLIENT (self), NULL);

  return self->club_id;
}

/**
 * cercle_sync_client_set_token:
 * @token: (nullable): a new session's token, after signing in again
 */
void
cercle_sync_client_set_token (CercleSyncClient *self,
                              const char       *token)
{
  g_return_if_fail (CERCLE_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->token_lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->token_lock);

  if (self->watching)
    {
      cercle_sync_client_unwatch (self);
      cercle_sync_client_watch (self);
    }
}

/**
 * cercle_sync_client_set_page_size:
 * @page_size: rows per pulled page (the server caps it)
 */
/**
 * cercle_sync_client_set_device_keys:
 * @keys: (nullable): this device's key pair for private messages
 * @device_name: (nullable): what the member calls this device
 *
 * From the next sync on, the client publishes the public half of @keys
 * for the club's member and decrypts the messages it pulls.
 */
void
cercle_sync_client_set_device_keys (CercleSyncClient    *self,
                                    const CercleKeyPair *keys,
                                    const char          *device_name)
{
  g_return_if_fail (CERCLE_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->token_lock);
  g_clear_pointer (&self->device_keys, cercle_key_pair_free);
  g_clear_pointer (&self->device_name, g_free);
  self->device_keys = keys != NULL ? cercle_key_pair_copy (keys) : NULL;
  self->device_name = g_strdup (device_name);
  g_mutex_unlock (&self->token_lock);
}

void
cercle_sync_client_set_page_size (CercleSyncClient *self,
                                  guint             page_size)
{
  g_return_if_fail (CERCLE_IS_SYNC_CLIENT (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
}

/**
 * cercle_sync_client_sync:
 *
 * Pushes the outbox, then pulls until the end. Blocking. A pulled page is
 * stored with its cursor: a sync stopped half-way (cancelled, offline,
 * killed) goes on from the last page stored.
 *
 * Returns: (transfer full): the rows written, or %NULL with @error set
 */
CercleChangeSet *
cercle_sync_client_sync (CercleSyncClient  *self,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_return_val_if_fail (CERCLE_IS_SYNC_CLIENT (self), NULL);

  return sync_with_progress (self, NULL, cancellable, error);
}

/**
 * cercle_sync_client_sync_full:
 * @progress_context: (nullable): where "progress" is emitted
 *
 * As cercle_sync_client_sync(), telling how far the pull got.
 */
CercleChangeSet *
cercle_sync_client_sync_full (CercleSyncClient  *self,
                              GMainContext      *progress_context,
                              GCancellable      *cancellable,
                              GError           **error)
{
  g_return_val_if_fail (CERCLE_IS_SYNC_CLIENT (self), NULL);

  return sync_with_progress (self, progress_context, cancellable, error);
}

/**
 * cercle_sync_client_sync_async:
 *
 * Syncs in a worker thread, emitting "progress" on the calling thread's
 * main context.
 */
void
cercle_sync_client_sync_async (CercleSyncClient    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CERCLE_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_sync_client_sync_async);
  g_task_set_task_data (task, g_main_context_ref_thread_default (), (GDestroyNotify)g_main_context_unref);
  g_task_run_in_thread (task, sync_thread);
}

/**
 * cercle_sync_client_sync_finish:
 *
 * Returns: (transfer full): the rows written, for
 *   cercle_store_note_external_changes(); %NULL with @error set
 */
CercleChangeSet *
cercle_sync_client_sync_finish (CercleSyncClient  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cercle_sync_client_watch:
 *
 * Listens to the club's live stream, emitting "notice" when the club
 * changes; reconnects after a while when the stream drops. Polling stays
 * the owner's fallback.
 */
void
cercle_sync_client_watch (CercleSyncClient *self)
{
  g_return_if_fail (CERCLE_IS_SYNC_CLIENT (self));

  self->watching = TRUE;
  connect_stream (self);
}

void
cercle_sync_client_unwatch (CercleSyncClient *self)
{
  g_return_if_fail (CERCLE_IS_SYNC_CLIENT (self));

  self->watching = FALSE;
  g_clear_handle_id (&self->stream_retry_id, g_source_remove);
  g_cancellable_cancel (self->stream_cancellable);
  g_clear_object (&self->stream_cancellable);

  if (self->stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->stream, self);
      if (soup_websocket_connection_get_state (self->stream) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->stream, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->stream);
    }
}

/**
 * cercle_sync_client_close:
 *
 * Lets go of the club file (before it is deleted), waiting for a sync
 * under way to end.
 */
void
cercle_sync_client_close (CercleSyncClient *self)
{
  g_return_if_fail (CERCLE_IS_SYNC_CLIENT (self));

  cercle_sync_client_unwatch (self);

  g_mutex_lock (&self->sync_lock);
  g_clear_object (&self->store);
  g_mutex_unlock (&self->sync_lock);
}
