/* cercle-sync-server.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-sync-server.h"

/* A club's server as the client talks to it: its address (plain HTTP only
 * on this machine), the certificate the user chose to trust, and one
 * libsoup session with timeouts. Requests are blocking and made from the
 * sync thread; sign-in runs them in a thread of its own. */

struct _CercleSyncServer
{
  GObject      parent_instance;

  GUri        *uri;
  char        *url;
  SoupSession *session;

  GMutex       lock;
  char        *certificate_pin;
  char        *presented_fingerprint;
};

G_DEFINE_FINAL_TYPE (CercleSyncServer, cercle_sync_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (cercle-sync-error-quark, cercle_sync_error)

G_DEFINE_BOXED_TYPE (CercleSyncClub, cercle_sync_club, cercle_sync_club_copy, cercle_sync_club_free)
G_DEFINE_BOXED_TYPE (CercleSyncAccount, cercle_sync_account, cercle_sync_account_copy, cercle_sync_account_free)

/* How long a request may take, connection included: a first pull page of
 * 5,000 rows on a slow line stays well within it */
#define REQUEST_TIMEOUT_SECONDS 30

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The SHA-256 of a certificate, as people compare it: "AB:CD:…" */
static char *
certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *pretty;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  pretty = g_string_new (NULL);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    {
      if (i > 0)
        g_string_append_c (pretty, ':');
      g_string_append_c (pretty, g_ascii_toupper (hex[i]));
      g_string_append_c (pretty, g_ascii_toupper (hex[i + 1]));
    }

  return g_string_free (pretty, FALSE);
}

/* Called only for a certificate the system does not trust */
static gboolean
on_accept_certificate_cb (SoupMessage          *message,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  CercleSyncServer *self = user_data;
  g_autofree char *fingerprint = certificate_fingerprint (certificate);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (fingerprint != NULL && self->certificate_pin != NULL &&
      g_ascii_strcasecmp (fingerprint, self->certificate_pin) == 0)
    return TRUE;

  g_free (self->presented_fingerprint);
  self->presented_fingerprint = g_steal_pointer (&fingerprint);

  return FALSE;
}

static void
cercle_sync_server_finalize (GObject *object)
{
  CercleSyncServer *self = CERCLE_SYNC_SERVER (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->certificate_pin, g_free);
  g_clear_pointer (&self->presented_fingerprint, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cercle_sync_server_parent_class)->finalize (object);
}

static void
cercle_sync_server_class_init (CercleSyncServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cercle_sync_server_finalize;
}

static void
cercle_sync_server_init (CercleSyncServer *self)
{
  g_mutex_init (&self->lock);
}

/**
 * cercle_sync_error_is_transient:
 *
 * Returns: whether trying again later may work without the user doing
 *   anything (the server is away, busy or failed)
 */
gboolean
cercle_sync_error_is_transient (const GError *error)
{
  return error != NULL && error->domain == CERCLE_SYNC_ERROR &&
         (error->code == CERCLE_SYNC_ERROR_OFFLINE ||
          error->code == CERCLE_SYNC_ERROR_UNAVAILABLE ||
          error->code == CERCLE_SYNC_ERROR_TOO_MANY_REQUESTS);
}

/**
 * cercle_sync_server_new:
 * @address: what the user typed: "https://club.exemple.fr", or a bare
 *   host name, taken as HTTPS
 * @certificate_pin: (nullable): the fingerprint of a certificate the user
 *   chose to trust
 *
 * Returns: (transfer full): the server, or %NULL with @error set when
 *   @address is not one Cercle may talk to
 */
CercleSyncServer *
cercle_sync_server_new (const char  *address,
                        const char  *certificate_pin,
                        GError     **error)
{
  g_autoptr(CercleSyncServer) self = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char *scheme;

  g_return_val_if_fail (address != NULL, NULL);

  trimmed = g_strstrip (g_strdup (address));
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ADDRESS,
                   _("“%s” is not the address of a club’s server."), address);
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_PLAIN_HTTP,
                   _("“%s” is not encrypted: use an https:// address."), address);
      return NULL;
    }

  self = g_object_new (CERCLE_TYPE_SYNC_SERVER, NULL);
  self->uri = g_steal_pointer (&uri);
  self->url = g_strdup (with_scheme);
  self->certificate_pin = g_strdup (certificate_pin);
  /* No proxy from the environment: a club's token goes to its server only */
  self->session = soup_session_new_with_options ("timeout", REQUEST_TIMEOUT_SECONDS,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Cercle/" PACKAGE_VERSION " ",
                                                 NULL);

  return g_steal_pointer (&self);
}

const char *
cercle_sync_server_get_url (CercleSyncServer *self)
{
  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), NULL);

  return self->url;
}

SoupSession *
cercle_sync_server_get_session (CercleSyncServer *self)
{
  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), NULL);

  return self->session;
}

char *
cercle_sync_server_dup_certificate_pin (CercleSyncServer *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  return g_strdup (self->certificate_pin);
}

/**
 * cercle_sync_server_set_certificate_pin:
 * @pin: (nullable): a fingerprint the user confirmed, as given by
 *   cercle_sync_server_dup_presented_fingerprint()
 */
void
cercle_sync_server_set_certificate_pin (CercleSyncServer *self,
                                        const char       *pin)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (CERCLE_IS_SYNC_SERVER (self));

  locker = g_mutex_locker_new (&self->lock);
  g_free (self->certificate_pin);
  self->certificate_pin = g_strdup (pin);
}

/**
 * cercle_sync_server_dup_presented_fingerprint:
 *
 * Returns: (nullable): the fingerprint of the last certificate refused,
 *   for the user to compare with what the club's staff give
 */
char *
cercle_sync_server_dup_presented_fingerprint (CercleSyncServer *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  return g_strdup (self->presented_fingerprint);
}

/**
 * cercle_sync_server_new_message:
 * @path: starting with "/api/v1/"
 * @token: (nullable)
 *
 * Returns: (transfer full): a message to this server, checking its
 *   certificate against the pin
 */
SoupMessage *
cercle_sync_server_new_message (CercleSyncServer *self,
                                const char       *method,
                                const char       *path,
                                const char       *token)
{
  g_autofree char *url = NULL;
  SoupMessage *message;

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  url = g_strconcat (self->url, path, NULL);
  message = soup_message_new (method, url);
  g_assert (message != NULL);

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    }

  g_signal_connect_object (message, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), self, 0);

  return message;
}

static void
set_transport_error (CercleSyncServer  *self,
                     GError            *cause,
                     GError           **error)
{
  g_autofree char *presented = NULL;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  if (cause->domain == G_TLS_ERROR &&
      (presented = cercle_sync_server_dup_presented_fingerprint (self)) != NULL)
    {
      g_set_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNTRUSTED_CERTIFICATE,
                   _("The club’s server presents a certificate that this computer does not trust "
                     "(fingerprint %s)."),
                   presented);
      return;
    }

  g_set_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_OFFLINE,
               _("The club’s server cannot be reached: %s"), cause->message);
}

static void
set_status_error (guint        status,
                  JsonObject  *answer,
                  GError     **error)
{
  JsonObject *details = NULL;
  const char *message = NULL;
  CercleSyncError code;

  if (answer != NULL &&
      cercle_json_get_object (answer, "error", CERCLE_JSON_OPTIONAL, &details, NULL) && details != NULL)
    cercle_json_get_string (details, "message", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE, &message, NULL);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      code = CERCLE_SYNC_ERROR_UNAUTHORIZED;
      break;
    case SOUP_STATUS_FORBIDDEN:
      code = CERCLE_SYNC_ERROR_FORBIDDEN;
      break;
    case SOUP_STATUS_NOT_FOUND:
      code = CERCLE_SYNC_ERROR_NOT_FOUND;
      break;
    case SOUP_STATUS_GONE:
      code = CERCLE_SYNC_ERROR_GONE;
      break;
    case 429:
      code = CERCLE_SYNC_ERROR_TOO_MANY_REQUESTS;
      break;
    case SOUP_STATUS_REQUEST_TIMEOUT:
    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      code = CERCLE_SYNC_ERROR_UNAVAILABLE;
      break;
    default:
      code = status >= 500 ? CERCLE_SYNC_ERROR_UNAVAILABLE : CERCLE_SYNC_ERROR_FAILED;
      break;
    }

  if (message != NULL && *message != '\0')
    g_set_error_literal (error, CERCLE_SYNC_ERROR, code, message);
  else
    g_set_error (error, CERCLE_SYNC_ERROR, code,
                 _("The club’s server answered with error %u."), status);
}

/**
 * cercle_sync_server_request:
 * @token: (nullable)
 * @body: (nullable): JSON
 * @status: (out) (optional): the HTTP status
 *
 * Sends one request and waits for its answer: for worker threads.
 *
 * Returns: (transfer full) (nullable): the answer's JSON object (an empty
 *   one for 204); %NULL with @error set for anything but a 2xx
 */
JsonObject *
cercle_sync_server_request (CercleSyncServer  *self,
                            const char        *method,
                            const char        *path,
                            const char        *token,
                            const char        *body,
                            guint             *status,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint code;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), NULL);

  message = cercle_sync_server_new_message (self, method, path, token);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  answer = soup_session_send_and_read (self->session, message, cancellable, &local_error);
  if (answer == NULL)
    {
      set_transport_error (self, local_error, error);
      return NULL;
    }

  code = soup_message_get_status (message);
  if (status != NULL)
    *status = code;

  data = g_bytes_get_data (answer, &size);
  if (size > 0)
    object = cercle_json_parse_object (data, size, CERCLE_JSON_MAX_DEPTH, &local_error);

  if (!SOUP_STATUS_IS_SUCCESSFUL (code))
    {
      set_status_error (code, object, error);
      return NULL;
    }

  if (size == 0)
    return json_object_new ();

  if (object == NULL)
    {
      g_set_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ANSWER,
                   _("The club’s server sent a damaged answer: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&object);
}

CercleSyncClub *
cercle_sync_club_copy (const CercleSyncClub *self)
{
  CercleSyncClub *copy = g_new0 (CercleSyncClub, 1);

  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->role = g_strdup (self->role);
  copy->member_id = g_strdup (self->member_id);

  return copy;
}

void
cercle_sync_club_free (CercleSyncClub *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->name);
  g_free (self->role);
  g_free (self->member_id);
  g_free (self);
}

CercleSyncAccount *
cercle_sync_account_copy (const CercleSyncAccount *self)
{
  CercleSyncAccount *copy = g_new0 (CercleSyncAccount, 1);

  copy->token = g_strdup (self->token);
  copy->account_id = g_strdup (self->account_id);
  copy->email = g_strdup (self->email);
  copy->clubs = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_sync_club_free);
  for (guint i = 0; self->clubs != NULL && i < self->clubs->len; i++)
    g_ptr_array_add (copy->clubs, cercle_sync_club_copy (g_ptr_array_index (self->clubs, i)));

  return copy;
}

void
cercle_sync_account_free (CercleSyncAccount *self)
{
  if (self == NULL)
    return;

  g_free (self->token);
  g_free (self->account_id);
  g_free (self->email);
  g_clear_pointer (&self->clubs, g_ptr_array_unref);
  g_free (self);
}

static gboolean
read_clubs (JsonObject  *answer,
            GPtrArray   *clubs,
            GError     **error)
{
  JsonArray *array = NULL;

  if (!cercle_json_get_array (answer, "clubs", CERCLE_JSON_REQUIRED, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CercleSyncClub) club = g_new0 (CercleSyncClub, 1);
      JsonObject *object;
      const char *id = NULL, *name = NULL, *role = NULL, *member_id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_WRONG_TYPE,
                               _("A club must be an object."));
          return FALSE;
        }
      object = json_node_get_object (node);

      if (!cercle_json_get_string (object, "id", CERCLE_JSON_REQUIRED, &id, error) ||
          !cercle_json_get_string (object, "name", CERCLE_JSON_REQUIRED, &name, error) ||
          !cercle_json_get_string (object, "role", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE, &role, error) ||
          !cercle_json_get_string (object, "member_id", CERCLE_JSON_OPTIONAL | CERCLE_JSON_NULLABLE,
                                   &member_id, error))
        return FALSE;

      if (!g_uuid_string_is_valid (id) || (member_id != NULL && !g_uuid_string_is_valid (member_id)))
        {
          g_set_error_literal (error, CERCLE_JSON_ERROR, CERCLE_JSON_ERROR_INVALID,
                               _("A club’s id is not a UUID."));
          return FALSE;
        }

      club->id = g_strdup (id);
      club->name = g_strdup (name);
      club->role = g_strdup (role);
      club->member_id = g_strdup (member_id);
      g_ptr_array_add (clubs, g_steal_pointer (&club));
    }

  return TRUE;
}

typedef struct
{
  char *email;
  char *password;
  char *device_name;
} SignIn;

static void
sign_in_free (SignIn *data)
{
  g_free (data->email);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data->device_name);
  g_free (data);
}

/**
 * cercle_sync_server_sign_in:
 *
 * Signs in and lists the account's clubs. Blocking.
 *
 * Returns: (transfer full): the account, or %NULL with @error set
 */
CercleSyncAccount *
cercle_sync_server_sign_in (CercleSyncServer  *self,
                            const char        *email,
                            const char        *password,
                            const char        *device_name,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(CercleSyncAccount) account = g_new0 (CercleSyncAccount, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *body = NULL;
  JsonObject *who = NULL;
  const char *token = NULL, *account_id = NULL, *account_email = NULL;

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), NULL);
  g_return_val_if_fail (email != NULL && password != NULL, NULL);

  json_object_set_string_member (request, "email", email);
  json_object_set_string_member (request, "password", password);
  if (device_name != NULL)
    json_object_set_string_member (request, "device_name", device_name);
  body = cercle_json_object_to_string (request);

  answer = cercle_sync_server_request (self, "POST", "/api/v1/session", NULL, body, NULL,
                                       cancellable, error);
  explicit_bzero (body, strlen (body));
  if (answer == NULL)
    return NULL;

  account->clubs = g_ptr_array_new_with_free_func ((GDestroyNotify)cercle_sync_club_free);
  if (!cercle_json_get_string (answer, "token", CERCLE_JSON_REQUIRED, &token, &local_error) ||
      !cercle_json_get_object (answer, "account", CERCLE_JSON_REQUIRED, &who, &local_error) ||
      !cercle_json_get_string (who, "id", CERCLE_JSON_OPTIONAL, &account_id, &local_error) ||
      !cercle_json_get_string (who, "email", CERCLE_JSON_OPTIONAL, &account_email, &local_error) ||
      !read_clubs (answer, account->clubs, &local_error))
    {
      g_set_error (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_BAD_ANSWER,
                   _("The club’s server sent a damaged answer: %s"), local_error->message);
      return NULL;
    }

  account->token = g_strdup (token);
  account->account_id = g_strdup (account_id);
  account->email = g_strdup (account_email != NULL ? account_email : email);

  return g_steal_pointer (&account);
}

static void
sign_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SignIn *data = task_data;
  GError *error = NULL;
  CercleSyncAccount *account;

  account = cercle_sync_server_sign_in (source_object, data->email, data->password, data->device_name,
                                        cancellable, &error);
  if (account == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, (GDestroyNotify)cercle_sync_account_free);
}

void
cercle_sync_server_sign_in_async (CercleSyncServer    *self,
                                  const char          *email,
                                  const char          *password,
                                  const char          *device_name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *data;

  g_return_if_fail (CERCLE_IS_SYNC_SERVER (self));
  g_return_if_fail (email != NULL && password != NULL);

  data = g_new0 (SignIn, 1);
  data->email = g_strdup (email);
  data->password = g_strdup (password);
  data->device_name = g_strdup (device_name);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_sync_server_sign_in_async);
  g_task_set_task_data (task, data, (GDestroyNotify)sign_in_free);
  g_task_run_in_thread (task, sign_in_thread);
}

CercleSyncAccount *
cercle_sync_server_sign_in_finish (CercleSyncServer  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cercle_sync_server_sign_out:
 *
 * Revokes @token on the server. Blocking.
 */
gboolean
cercle_sync_server_sign_out (CercleSyncServer  *self,
                             const char        *token,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autoptr(JsonObject) answer = NULL;

  g_return_val_if_fail (CERCLE_IS_SYNC_SERVER (self), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  answer = cercle_sync_server_request (self, "DELETE", "/api/v1/session", token, NULL, NULL,
                                       cancellable, error);
  return answer != NULL;
}
