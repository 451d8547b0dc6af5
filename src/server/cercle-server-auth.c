/* cercle-server-auth.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "cercle-server-auth.h"

/* Passwords, tokens and sign-in.
 *
 * - Passwords are hashed with argon2id (libsodium). A hash takes tens of
 *   milliseconds and 64 MiB on purpose: it runs in a pool of its own, a few
 *   at a time, never on the main loop, and a queue too long is refused.
 * - A session's token is 256 random bits; only its SHA-256 is stored, so a
 *   copy of the database signs nobody in.
 * - Failed sign-ins are counted per account and per address in the
 *   storage, so that throttling holds whichever process answers. An
 *   unknown e-mail costs a hash too, so timing says nothing. */

struct _CercleServerAuth
{
  GObject                   parent_instance;

  CercleServerStorage      *storage;
  CercleServerPasswordCost  cost;
  GThreadPool              *pool;
  guint                     max_queue;

  /* Verified against when the e-mail is unknown */
  char                     *dummy_hash;
};

G_DEFINE_FINAL_TYPE (CercleServerAuth, cercle_server_auth, G_TYPE_OBJECT)

typedef struct
{
  CercleServerLogin   *login;
  char                *address;
  char                *token;
  GPtrArray           *memberships;
  gint64               retry_after;
} LoginData;

static void
login_data_free (LoginData *data)
{
  cercle_server_login_free (data->login);
  g_free (data->address);
  if (data->token != NULL)
    sodium_memzero (data->token, strlen (data->token));
  g_free (data->token);
  g_clear_pointer (&data->memberships, g_ptr_array_unref);
  g_free (data);
}

gboolean
cercle_server_password_cost_from_name (const char               *name,
                                       CercleServerPasswordCost *cost)
{
  static const struct { const char *name; CercleServerPasswordCost cost; } names[] = {
    { "minimum",     CERCLE_SERVER_PASSWORD_COST_MINIMUM },
    { "interactive", CERCLE_SERVER_PASSWORD_COST_INTERACTIVE },
    { "moderate",    CERCLE_SERVER_PASSWORD_COST_MODERATE },
    { "sensitive",   CERCLE_SERVER_PASSWORD_COST_SENSITIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i].name) == 0)
      {
        *cost = names[i].cost;
        return TRUE;
      }

  return FALSE;
}

static gboolean
ensure_sodium (GError **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }

  if (!ok)
    g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FAILED,
                         _("The cryptography library could not start."));

  return ok;
}

/**
 * cercle_server_password_hash:
 *
 * Blocks for as long as @cost says: call it from a worker thread.
 *
 * Returns: (transfer full): the argon2id hash of @password, with its salt
 *   and parameters, or %NULL with @error set
 */
char *
cercle_server_password_hash (const char               *password,
                             CercleServerPasswordCost  cost,
                             GError                  **error)
{
  char hash[crypto_pwhash_STRBYTES];
  unsigned long long opslimit;
  size_t memlimit;

  g_return_val_if_fail (password != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  switch (cost)
    {
    case CERCLE_SERVER_PASSWORD_COST_MINIMUM:
      opslimit = crypto_pwhash_OPSLIMIT_MIN;
      memlimit = crypto_pwhash_MEMLIMIT_MIN;
      break;
    case CERCLE_SERVER_PASSWORD_COST_MODERATE:
      opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    case CERCLE_SERVER_PASSWORD_COST_SENSITIVE:
      opslimit = crypto_pwhash_OPSLIMIT_SENSITIVE;
      memlimit = crypto_pwhash_MEMLIMIT_SENSITIVE;
      break;
    case CERCLE_SERVER_PASSWORD_COST_INTERACTIVE:
    default:
      opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    }

  if (crypto_pwhash_str_alg (hash, password, strlen (password), opslimit, memlimit,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_BUSY,
                           _("There is not enough memory to protect the password."));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
cercle_server_password_verify (const char *hash,
                               const char *password)
{
  g_return_val_if_fail (hash != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!ensure_sodium (NULL))
    return FALSE;

  /* libsodium reads the hash up to its nul: refuse one of another size */
  if (strlen (hash) >= crypto_pwhash_STRBYTES)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

/* What a new password must be, beyond what the admin may judge */
gboolean
cercle_server_password_check_quality (const char  *password,
                                      GError     **error)
{
  if (password == NULL || g_utf8_strlen (password, -1) < CERCLE_SERVER_MIN_PASSWORD_LENGTH)
    {
      g_set_error (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A password has at least %d character.",
                                "A password has at least %d characters.",
                                CERCLE_SERVER_MIN_PASSWORD_LENGTH),
                   CERCLE_SERVER_MIN_PASSWORD_LENGTH);
      return FALSE;
    }

  if (strlen (password) > CERCLE_SERVER_MAX_PASSWORD || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_INVALID,
                           _("This password is too long, or not valid text."));
      return FALSE;
    }

  return TRUE;
}

/**
 * cercle_server_token_new:
 *
 * Returns: (transfer full): 256 random bits in base64url, without padding
 */
char *
cercle_server_token_new (void)
{
  guchar bytes[32];
  char *token;

  if (!ensure_sodium (NULL))
    g_error ("libsodium could not start: no token can be made safely");

  randombytes_buf (bytes, sizeof bytes);
  token = g_base64_encode (bytes, sizeof bytes);
  sodium_memzero (bytes, sizeof bytes);

  g_strdelimit (token, "+", '-');
  g_strdelimit (token, "/", '_');
  token[CERCLE_SERVER_TOKEN_LENGTH] = '\0';

  return token;
}

gboolean
cercle_server_token_is_well_formed (const char *token)
{
  if (token == NULL || strnlen (token, CERCLE_SERVER_TOKEN_LENGTH + 1) != CERCLE_SERVER_TOKEN_LENGTH)
    return FALSE;

  for (guint i = 0; i < CERCLE_SERVER_TOKEN_LENGTH; i++)
    if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
      return FALSE;

  return TRUE;
}

/* A token is random enough that a fast hash keeps it safe */
char *
cercle_server_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static gboolean
throttled (CercleServerAuth  *self,
           const char        *key,
           gint64             limit,
           gint64             now,
           gint64            *retry_after,
           GError           **error)
{
  gint64 count = 0;
  gint64 newest = 0;

  if (!cercle_server_storage_count_failures (self->storage, key, now - CERCLE_SERVER_THROTTLE_WINDOW,
                                             &count, &newest, error))
    return TRUE;

  if (count < limit)
    return FALSE;

  *retry_after = MAX (1, newest + CERCLE_SERVER_THROTTLE_WINDOW - now);
  g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_TOO_MANY,
                       _("Too many failed sign-ins; try again later."));
  return TRUE;
}

static gboolean
wrong_credentials (GError **error)
{
  g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_UNAUTHORIZED,
                       _("The e-mail address or the password is wrong."));
  return FALSE;
}

/* In the pool: the whole sign-in, which may wait for a hash */
static void
login_thread (gpointer task_data,
              gpointer pool_data)
{
  g_autoptr(GTask) task = task_data;
  CercleServerAuth *self = pool_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(CercleServerAccount) account = NULL;
  g_autoptr(CercleServerSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_utf8_casefold (data->login->email, -1);
  g_autofree char *account_key = g_strconcat ("account:", email, NULL);
  g_autofree char *address_key = g_strconcat ("address:", data->address, NULL);
  g_autofree char *token_hash = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean verified;

  if (throttled (self, account_key, CERCLE_SERVER_THROTTLE_PER_ACCOUNT, now, &data->retry_after, &error) ||
      throttled (self, address_key, CERCLE_SERVER_THROTTLE_PER_ADDRESS, now, &data->retry_after, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  account = cercle_server_storage_find_account (self->storage, data->login->email, NULL, &error);
  if (account == NULL && !g_error_matches (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  verified = cercle_server_password_verify (account != NULL ? account->password_hash : self->dummy_hash,
                                            data->login->password);

  if (!verified || account == NULL)
    {
      if (!cercle_server_storage_add_failure (self->storage, account_key, now, &error) ||
          !cercle_server_storage_add_failure (self->storage, address_key, now, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      wrong_credentials (&error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (account->disabled)
    {
      g_task_return_new_error (task, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_FORBIDDEN,
                               "%s", _("This account is disabled; ask the club’s staff."));
      return;
    }

  if (!cercle_server_storage_clear_failures (self->storage, account_key, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->token = cercle_server_token_new ();
  token_hash = cercle_server_token_hash (data->token);

  session = cercle_server_session_new ();
  session->id = g_uuid_string_random ();
  session->account_id = g_strdup (account->id);
  session->email = g_strdup (account->email);
  session->device_name = g_strdup (data->login->device_name);
  session->created_at = cercle_now_iso8601 ();
  session->last_used_at = g_strdup (session->created_at);

  if (!cercle_server_storage_add_session (self->storage, session, token_hash, &error) ||
      !(data->memberships = cercle_server_storage_list_memberships (self->storage, account->id, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&session), (GDestroyNotify)cercle_server_session_free);
}

/**
 * cercle_server_auth_login_async:
 * @login: (transfer full): what the client sent
 * @address: the client's address, for throttling
 *
 * Signs in, in the hashing pool. A queue already full is refused at once
 * with %CERCLE_SERVER_ERROR_BUSY.
 */
void
cercle_server_auth_login_async (CercleServerAuth    *self,
                                CercleServerLogin   *login,
                                const char          *address,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoginData *data;

  g_return_if_fail (CERCLE_IS_SERVER_AUTH (self));
  g_return_if_fail (login != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cercle_server_auth_login_async);

  data = g_new0 (LoginData, 1);
  data->login = login;
  data->address = g_strdup (address != NULL ? address : "unknown");
  g_task_set_task_data (task, data, (GDestroyNotify)login_data_free);

  if (g_thread_pool_unprocessed (self->pool) >= self->max_queue)
    {
      g_task_return_new_error (task, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_BUSY,
                               "%s", _("The server is busy; try again in a moment."));
      return;
    }

  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

/**
 * cercle_server_auth_login_finish:
 * @token: (out): the new session's token, given to the client only
 * @memberships: (out) (element-type CercleServerMembership): the
 *   account's clubs
 * @retry_after: (out): when throttled, the seconds to wait
 *
 * Returns: (transfer full): the new session, or %NULL with @error set
 */
CercleServerSession *
cercle_server_auth_login_finish (CercleServerAuth  *self,
                                 GAsyncResult      *result,
                                 char             **token,
                                 GPtrArray        **memberships,
                                 gint64            *retry_after,
                                 GError           **error)
{
  LoginData *data;
  CercleServerSession *session;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  *retry_after = data->retry_after;

  session = g_task_propagate_pointer (G_TASK (result), error);
  if (session != NULL)
    {
      *token = g_steal_pointer (&data->token);
      *memberships = g_steal_pointer (&data->memberships);
    }

  return session;
}

/**
 * cercle_server_auth_authenticate:
 * @token: (nullable): the bearer token of a request
 *
 * Blocks on the storage: call it from a worker thread.
 *
 * Returns: (transfer full): the token's session, if it is valid, not
 *   revoked, and its account enabled; %NULL with
 *   %CERCLE_SERVER_ERROR_UNAUTHORIZED otherwise
 */
CercleServerSession *
cercle_server_auth_authenticate (CercleServerAuth  *self,
                                 const char        *token,
                                 GError           **error)
{
  g_autoptr(CercleServerSession) session = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (CERCLE_IS_SERVER_AUTH (self), NULL);

  if (!cercle_server_token_is_well_formed (token))
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_UNAUTHORIZED,
                           _("Sign in first."));
      return NULL;
    }

  token_hash = cercle_server_token_hash (token);
  session = cercle_server_storage_find_session (self->storage, token_hash, error);
  if (session == NULL)
    return NULL;

  if (session->revoked || session->account_disabled)
    {
      g_set_error_literal (error, CERCLE_SERVER_ERROR, CERCLE_SERVER_ERROR_UNAUTHORIZED,
                           _("This session is not valid; sign in again."));
      return NULL;
    }

  /* Last use, to the hour: enough to tell a lost device, and one write an
   * hour rather than one per request */
  now = cercle_now_iso8601 ();
  if (session->last_used_at == NULL || strncmp (session->last_used_at, now, 13) != 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!cercle_server_storage_touch_session (self->storage, session->id, now, &local_error))
        g_debug ("Could not note the use of a session: %s", local_error->message);
    }

  return g_steal_pointer (&session);
}

static void
cercle_server_auth_finalize (GObject *object)
{
  CercleServerAuth *self = (CercleServerAuth *)object;

  /* Waits for the sign-ins under way */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->storage);
  g_free (self->dummy_hash);

  G_OBJECT_CLASS (cercle_server_auth_parent_class)->finalize (object);
}

static void
cercle_server_auth_class_init (CercleServerAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cercle_server_auth_finalize;
}

static void
cercle_server_auth_init (CercleServerAuth *self)
{
}

/**
 * cercle_server_auth_new:
 * @cost: the cost of the hash compared with when an e-mail is unknown,
 *   which should be the cost of the accounts' own hashes
 * @max_hashes: how many hashes may run at once
 *
 * Returns: (transfer full): the sign-in service, or %NULL with @error set
 */
CercleServerAuth *
cercle_server_auth_new (CercleServerStorage       *storage,
                        CercleServerPasswordCost   cost,
                        guint                      max_hashes,
                        GError                   **error)
{
  g_autoptr(CercleServerAuth) self = NULL;
  g_autofree char *dummy = NULL;

  g_return_val_if_fail (CERCLE_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (max_hashes > 0, NULL);

  self = g_object_new (CERCLE_TYPE_SERVER_AUTH, NULL);
  self->storage = g_object_ref (storage);
  self->cost = cost;
  self->max_queue = max_hashes * 32;

  dummy = cercle_server_token_new ();
  self->dummy_hash = cercle_server_password_hash (dummy, cost, error);
  if (self->dummy_hash == NULL)
    return NULL;

  self->pool = g_thread_pool_new (login_thread, self, (int)max_hashes, FALSE, error);
  if (self->pool == NULL)
    return NULL;

  return g_steal_pointer (&self);
}
