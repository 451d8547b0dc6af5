/* cercle-server.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cercle-server-private.h"
#include "cercle-server-protocol.h"

/* The HTTP side: SoupServer, which is not hardened for the open internet,
 * with what it lacks around it.
 *
 * - Every request has a deadline from its first byte to its whole body,
 *   and every connection an idle timeout: a client that trickles bytes
 *   (slow loris) is cut off.
 * - An early handler sees the headers before any body is read: a body
 *   over the cap is refused with 413, one without a length with 411, and
 *   the connection closed; a request without a valid token is answered
 *   401 before its body means anything, and before the club it names is
 *   looked up.
 * - Everything that touches the storage or a password runs in a worker
 *   thread, on a copy of the request; the main loop only moves bytes.
 * - One log line per request, without tokens, passwords or feed secrets.
 *
 * The routes themselves are in cercle-server-routes.c, the WebSocket
 * stream in cercle-server-stream.c; reading a request's route, token and
 * address in cercle-server-request.c, setting its answer in
 * cercle-server-reply.c. */

G_DEFINE_FINAL_TYPE (CercleServer, cercle_server, G_TYPE_OBJECT)

#define REQUEST_DATA_KEY "cercle-server-request"

typedef struct
{
  CercleServer        *server;
  SoupServerMessage   *msg;
  gint64               started;
  guint                deadline_id;
  Route                route;
  char                *account_id;
  CercleServerSession *session;
  CercleServerActor   *actor;
  guint               *n_requests;
  gboolean             disconnected;
  gboolean             logged;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_clear_handle_id (&data->deadline_id, g_source_remove);
  _cercle_server_route_clear (&data->route);
  g_free (data->account_id);
  cercle_server_session_free (data->session);
  cercle_server_actor_free (data->actor);
  (*data->n_requests)--;
  g_rc_box_release (data->n_requests);
  g_free (data);
}

static RequestData *
request_data (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), REQUEST_DATA_KEY);
}

void
_cercle_server_work_free (CercleServerWork *work)
{
  g_clear_object (&work->server);
  _cercle_server_route_clear (&work->route);
  if (work->token != NULL)
    memset (work->token, 0, strlen (work->token));
  g_free (work->token);
  g_free (work->query);
  g_clear_pointer (&work->body, g_bytes_unref);
  g_free (work->address);
  g_free (work->base_url);
  cercle_server_session_free (work->session);
  cercle_server_actor_free (work->actor);
  _cercle_server_reply_clear (&work->reply);
  g_free (work);
}
void
_cercle_server_log_request (SoupServerMessage *msg,
                            guint              status)
{
  RequestData *data = request_data (msg);
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  const char *method = soup_server_message_get_method (msg);
  double ms;

  if (data == NULL || data->logged || method == NULL)
    return;

  data->logged = TRUE;
  path = _cercle_server_path_for_log (msg, &data->route);
  ms = (double)(g_get_monotonic_time () - data->started) / 1000.0;

  fprintf (stderr, "%s %s %s %u %.1fms account=%s\n",
           stamp, method, path, status, ms, data->account_id != NULL ? data->account_id : "-");
  fflush (stderr);
}
static CercleServerWork *
work_new (CercleServer      *self,
          SoupServerMessage *msg,
          RequestData       *data)
{
  CercleServerWork *work = g_new0 (CercleServerWork, 1);
  GUri *uri = soup_server_message_get_uri (msg);

  work->server = g_object_ref (self);
  work->route.kind = data->route.kind;
  work->route.club_id = g_strdup (data->route.club_id);
  work->route.arg = g_strdup (data->route.arg);
  work->token = _cercle_server_bearer_token (msg);
  work->query = g_strdup (g_uri_get_query (uri));
  work->address = _cercle_server_client_address (self, msg);
  work->base_url = _cercle_server_base_url (self, msg);

  return work;
}

/* The message is resumed only if its connection is still there */
static void
resume (SoupServerMessage *msg)
{
  RequestData *data = request_data (msg);

  if (data != NULL && !data->disconnected)
    soup_server_message_unpause (msg);
}

static void
authorized_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  CercleServerWork *work = g_task_get_task_data (G_TASK (result));
  RequestData *data = request_data (msg);

  work->server->in_flight--;

  if (data == NULL || data->disconnected)
    return;

  if (work->reply.status != 0)
    {
      /* Answered now: the body, if any, is read and dropped */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      _cercle_server_set_response (msg, &work->reply);
    }
  else
    {
      data->session = g_steal_pointer (&work->session);
      data->actor = g_steal_pointer (&work->actor);
    }

  if (data->session != NULL)
    data->account_id = g_strdup (data->session->account_id);

  resume (msg);
}

static void
authorize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  _cercle_server_authorize (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
on_deadline_passed (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  RequestData *data = request_data (msg);

  if (data == NULL)
    return;

  /* Not a word more from this client: the connection goes */
  data->deadline_id = 0;
  _cercle_server_reply_and_close (msg, 408, "request_timeout", _("The request took too long to arrive."));
}

static gboolean
deadline_cb (gpointer user_data)
{
  on_deadline_passed (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_disconnected (SoupServerMessage *msg,
                 gpointer           user_data)
{
  RequestData *data = request_data (msg);

  if (data != NULL)
    data->disconnected = TRUE;
}

static void
on_request_started (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  CercleServer *self = user_data;
  RequestData *data = g_new0 (RequestData, 1);
  GSocket *socket = soup_server_message_get_socket (msg);

  data->server = self;
  data->msg = msg;
  data->started = g_get_monotonic_time ();
  data->n_requests = g_rc_box_acquire (self->n_requests);
  (*data->n_requests)++;
  data->deadline_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, self->options.request_timeout,
                                                  deadline_cb, msg, NULL);
  g_object_set_data_full (G_OBJECT (msg), REQUEST_DATA_KEY, data, (GDestroyNotify)request_data_free);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_disconnected), NULL);

  /* An idle connection goes after a while; requests have their deadline */
  if (socket != NULL)
    g_socket_set_timeout (socket, self->options.idle_timeout);
}

static void
on_request_finished (SoupServer        *soup,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  RequestData *data = request_data (msg);

  if (data != NULL)
    g_clear_handle_id (&data->deadline_id, g_source_remove);

  _cercle_server_log_request (msg, soup_server_message_get_status (msg));
}

static void
on_request_aborted (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  RequestData *data = request_data (msg);

  if (data != NULL)
    g_clear_handle_id (&data->deadline_id, g_source_remove);

  /* The client went away mid-request. libsoup marks that 500, which we
   * never answer: it is logged as nginx does, 499. A connection that went
   * before it said anything is not a request at all. */
  if (soup_server_message_get_method (msg) != NULL)
    {
      guint status = soup_server_message_get_status (msg);

      _cercle_server_log_request (msg, status == 0 || status == SOUP_STATUS_INTERNAL_SERVER_ERROR ? 499 : status);
    }
}

/* Headers are in, no body yet: refuse what must not be read, and check
 * the token before the body is read. */
static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  CercleServer *self = user_data;
  RequestData *data = request_data (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GTask) task = NULL;
  CercleServerWork *work;
  goffset length;

  if (data == NULL)
    return;

  data->started = g_get_monotonic_time ();
  _cercle_server_parse_route (soup_server_message_get_method (msg), path, &data->route);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    {
      _cercle_server_reply_and_close (msg, 411, "length_required",
                                      _("A request body needs a Content-Length."));
      return;
    }

  length = soup_message_headers_get_content_length (headers);
  if (length < 0 || (gsize)length > _cercle_server_route_max_body (self, data->route.kind))
    {
      _cercle_server_reply_and_close (msg, 413, "payload_too_large", _("The request body is too large."));
      return;
    }

  /* Whatever is answered here, the body is not kept */
  if (self->stopping)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      _cercle_server_set_error_now (msg, 503, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_BUSY,
                                    _("The server is stopping; try again in a moment."));
      return;
    }

  /* Beyond the cap, a request costs no thread and no connection to the
   * database: it is told when to come back */
  if (*self->n_requests + self->n_streams > self->options.max_connections)
    {
      SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
      g_autofree char *seconds = g_strdup_printf ("%u", CERCLE_SERVER_BUSY_RETRY_AFTER);

      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (response_headers, "Connection", "close");
      _cercle_server_set_error_now (msg, 503, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_BUSY,
                                    _("The server is busy; try again in a moment."));
      soup_message_headers_replace (response_headers, "Retry-After", seconds);
      return;
    }

  if (data->route.kind == ROUTE_NONE)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      if (data->route.error_status == 405)
        _cercle_server_set_error_now (msg, 405, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                                      _("This method is not allowed here."));
      else
        _cercle_server_set_error_now (msg, 404, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND,
                                      _("There is nothing here."));
      return;
    }

  if ((data->route.kind == ROUTE_PUSH || data->route.kind == ROUTE_LOGIN) &&
      !_cercle_server_has_json_content (msg))
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _cercle_server_set_error_now (msg, 415, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                                    _("The request body must be application/json."));
      return;
    }

  if (!_cercle_server_route_needs_token (data->route.kind))
    return;

  work = work_new (self, msg, data);
  if (!cercle_server_token_is_well_formed (work->token))
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _cercle_server_set_error_now (msg, 401, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_UNAUTHORIZED,
                                    _("Sign in first."));
      _cercle_server_work_free (work);
      return;
    }

  /* A stop waits for this too: the thread uses the storage */
  self->in_flight++;
  soup_server_message_pause (msg);
  task = g_task_new (NULL, NULL, authorized_cb, g_object_ref (msg));
  g_task_set_task_data (task, work, (GDestroyNotify)_cercle_server_work_free);
  g_task_run_in_thread (task, authorize_thread);
}

static void
work_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  CercleServerWork *work = g_task_get_task_data (G_TASK (result));
  RequestData *data = request_data (msg);

  work->server->in_flight--;

  /* A stream opened with the session goes at once with it */
  if (work->route.kind == ROUTE_LOGOUT && work->reply.status == 204)
    _cercle_server_end_session_streams (work->server, work->session->id);

  if (data == NULL || data->disconnected)
    return;

  _cercle_server_set_response (msg, &work->reply);
  resume (msg);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  _cercle_server_run_route (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
run_in_thread (CercleServer      *self,
               SoupServerMessage *msg,
               CercleServerWork  *work)
{
  g_autoptr(GTask) task = NULL;

  self->in_flight++;
  soup_server_message_pause (msg);
  task = g_task_new (NULL, NULL, work_done_cb, g_object_ref (msg));
  g_task_set_task_data (task, work, (GDestroyNotify)_cercle_server_work_free);
  g_task_run_in_thread (task, work_thread);
}

typedef struct
{
  CercleServer      *server;
  SoupServerMessage *msg;
} LoginClosure;

static void
login_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoginClosure *closure = user_data;
  g_autoptr(CercleServer) self = closure->server;
  g_autoptr(SoupServerMessage) msg = closure->msg;
  g_autoptr(CercleServerSession) session = NULL;
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  CercleServerReply reply = { 0, };
  RequestData *data = request_data (msg);
  gint64 retry_after = 0;

  g_free (closure);
  self->in_flight--;

  session = cercle_server_auth_login_finish (CERCLE_SERVER_AUTH (source), result, &token,
                                             &memberships, &retry_after, &error);

  if (data == NULL || data->disconnected)
    return;

  if (session != NULL)
    {
      g_autoptr(JsonObject) body = json_object_new ();
      JsonObject *account = json_object_new ();

      json_object_set_string_member (body, "token", token);
      json_object_set_string_member (account, "id", session->account_id);
      json_object_set_string_member (account, "email", session->email);
      json_object_set_object_member (body, "account", account);
      json_object_set_string_member (body, "session_id", session->id);
      json_object_set_array_member (body, "clubs", _cercle_server_clubs_json (memberships));
      data->account_id = g_strdup (session->account_id);
      _cercle_server_reply_json (&reply, 201, body);
      memset (token, 0, strlen (token));
    }
  else
    {
      _cercle_server_reply_error (&reply, error);
      reply.retry_after = retry_after;
    }

  _cercle_server_set_response (msg, &reply);
  _cercle_server_reply_clear (&reply);
  resume (msg);
}

/* The whole request is in */
static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  CercleServer *self = user_data;
  RequestData *data = request_data (msg);
  CercleServerWork *work;

  if (data == NULL)
    return;

  g_clear_handle_id (&data->deadline_id, g_source_remove);

  switch (data->route.kind)
    {
    case ROUTE_HEALTH:
      {
        g_autoptr(JsonObject) body = json_object_new ();
        CercleServerReply reply = { 0, };

        json_object_set_string_member (body, "status", "ok");
        json_object_set_string_member (body, "version", PACKAGE_VERSION);
        _cercle_server_reply_json (&reply, 200, body);
        _cercle_server_set_response (msg, &reply);
        _cercle_server_reply_clear (&reply);
        return;
      }

    case ROUTE_LOGIN:
      {
        SoupMessageBody *body = soup_server_message_get_request_body (msg);
        g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
        g_autoptr(GError) error = NULL;
        g_autofree char *address = _cercle_server_client_address (self, msg);
        CercleServerLogin *login;
        LoginClosure *closure;
        gsize length;
        const char *text = g_bytes_get_data (bytes, &length);

        login = cercle_server_login_decode (text, length, &error);
        if (login == NULL)
          {
            CercleServerReply reply = { 0, };

            _cercle_server_reply_error (&reply, error);
            _cercle_server_set_response (msg, &reply);
            _cercle_server_reply_clear (&reply);
            return;
          }

        closure = g_new0 (LoginClosure, 1);
        closure->server = g_object_ref (self);
        closure->msg = g_object_ref (msg);

        self->in_flight++;
        soup_server_message_pause (msg);
        cercle_server_auth_login_async (self->auth, login, address, NULL, login_done_cb, closure);
        return;
      }

    case ROUTE_STREAM:
      _cercle_server_start_stream (self, msg, data->route.club_id, data->session->id);
      return;

    case ROUTE_NONE:
      return;

    case ROUTE_LOGOUT:
    case ROUTE_CLUBS:
    case ROUTE_PUSH:
    case ROUTE_PULL:
    case ROUTE_CALENDAR_NEW:
    case ROUTE_CALENDAR_FEED:
    case ROUTE_EXPORT:
    case ROUTE_ERASE:
    default:
      break;
    }

  work = work_new (self, msg, data);
  work->session = g_steal_pointer (&data->session);
  work->actor = g_steal_pointer (&data->actor);
  if (work->session != NULL && data->account_id == NULL)
    data->account_id = g_strdup (work->session->account_id);
  work->body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  run_in_thread (self, msg, work);
}

static void
cercle_server_dispose (GObject *object)
{
  CercleServer *self = (CercleServer *)object;

  g_clear_signal_handler (&self->club_changed_id, self->storage);
  g_clear_handle_id (&self->recheck_id, g_source_remove);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->streams, g_hash_table_unref);

  g_mutex_lock (&self->pending_lock);
  if (self->announce_source != NULL)
    {
      g_source_destroy (self->announce_source);
      g_clear_pointer (&self->announce_source, g_source_unref);
    }
  g_mutex_unlock (&self->pending_lock);

  G_OBJECT_CLASS (cercle_server_parent_class)->dispose (object);
}

static void
cercle_server_finalize (GObject *object)
{
  CercleServer *self = (CercleServer *)object;

  g_clear_object (&self->auth);
  g_clear_object (&self->storage);
  g_clear_pointer (&self->pending_seqs, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->n_requests, g_rc_box_release);
  g_free (self->options.public_url);
  g_mutex_clear (&self->pending_lock);

  G_OBJECT_CLASS (cercle_server_parent_class)->finalize (object);
}

static void
cercle_server_class_init (CercleServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_server_dispose;
  object_class->finalize = cercle_server_finalize;
}

static void
cercle_server_init (CercleServer *self)
{
  g_mutex_init (&self->pending_lock);
  self->streams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  self->pending_seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->context = g_main_context_ref_thread_default ();
  self->n_requests = g_rc_box_new0 (guint);
}

CercleServer *
cercle_server_new (CercleServerStorage       *storage,
                   CercleServerAuth          *auth,
                   const CercleServerOptions *options)
{
  CercleServer *self;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (CERCLE_IS_SERVER_AUTH (auth), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (CERCLE_TYPE_SERVER, NULL);
  self->storage = g_object_ref (storage);
  self->auth = g_object_ref (auth);
  self->options = *options;
  self->options.public_url = g_strdup (options->public_url);
  if (self->options.max_body == 0)
    self->options.max_body = CERCLE_SERVER_DEFAULT_MAX_BODY;
  if (self->options.request_timeout == 0)
    self->options.request_timeout = CERCLE_SERVER_DEFAULT_REQUEST_TIMEOUT;
  if (self->options.idle_timeout == 0)
    self->options.idle_timeout = CERCLE_SERVER_DEFAULT_IDLE_TIMEOUT;
  if (self->options.stream_recheck == 0)
    self->options.stream_recheck = CERCLE_SERVER_DEFAULT_STREAM_RECHECK;
  if (self->options.max_connections == 0)
    self->options.max_connections = CERCLE_SERVER_DEFAULT_MAX_CONNECTIONS;

  self->club_changed_id = g_signal_connect (storage, "club-changed",
                                            G_CALLBACK (_cercle_server_on_club_changed), self);
  /* Other processes' writes wake this one's streams too */
  cercle_server_storage_listen (storage);
  _cercle_server_start_recheck (self);

  return self;
}

/**
 * cercle_server_listen:
 * @address: an IP address to listen on
 * @port: a port, or 0 for any free one
 * @certificate: (nullable): the TLS certificate, for HTTPS
 * @allow_plain_http: whether plain HTTP may listen beyond loopback (behind
 *   a proxy on a private network)
 */
gboolean
cercle_server_listen (CercleServer     *self,
                      const char       *address,
                      guint             port,
                      GTlsCertificate  *certificate,
                      gboolean          allow_plain_http,
                      GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions listen_options = 0;

  g_return_val_if_fail (CERCLE_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                   _("“%s” is not an IP address."), address);
      return FALSE;
    }

  if (certificate == NULL && !allow_plain_http && !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                   _("Plain HTTP is only served on this machine (127.0.0.1 or ::1); give --tls-cert "
                     "and --tls-key, or --allow-plain-http behind a proxy that adds TLS."));
      return FALSE;
    }

  if (self->soup == NULL)
    {
      self->soup = soup_server_new ("server-header", "cercle-server", NULL);
      if (certificate != NULL)
        g_object_set (self->soup, "tls-certificate", certificate, NULL);

      g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started), self);
      g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_finished), self);
      g_signal_connect (self->soup, "request-aborted", G_CALLBACK (on_request_aborted), self);
      soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
      soup_server_add_handler (self->soup, NULL, handler, self, NULL);
    }

  if (certificate != NULL)
    listen_options |= SOUP_SERVER_LISTEN_HTTPS;

  socket_address = g_inet_socket_address_new (inet, (guint16)port);

  return soup_server_listen (self->soup, socket_address, listen_options, error);
}

/**
 * cercle_server_get_uris:
 *
 * Returns: (transfer full) (element-type GUri): where the server listens
 */
GSList *
cercle_server_get_uris (CercleServer *self)
{
  g_return_val_if_fail (CERCLE_IS_SERVER (self), NULL);

  return self->soup != NULL ? soup_server_get_uris (self->soup) : NULL;
}

/**
 * cercle_server_stop:
 *
 * Answers every new request 503 from now on and closes the streams; the
 * requests under way finish. Wait for cercle_server_is_idle(), then call
 * cercle_server_disconnect().
 */
void
cercle_server_stop (CercleServer *self)
{
  g_return_if_fail (CERCLE_IS_SERVER (self));

  self->stopping = TRUE;
  _cercle_server_close_streams (self);
}

gboolean
cercle_server_is_idle (CercleServer *self)
{
  g_return_val_if_fail (CERCLE_IS_SERVER (self), TRUE);

  return self->in_flight == 0;
}

void
cercle_server_disconnect (CercleServer *self)
{
  g_return_if_fail (CERCLE_IS_SERVER (self));

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
