/* cercle-club-sync.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-club-sync.h"
#include "cercle-sync-client.h"
#include "cercle-sync-secret.h"

/* When an open club syncs, and what the indicator says about it: at
 * start, a little after the user's edits, when the server's stream says
 * the club changed, and on a timer in case the stream is down. Never more
 * than one sync at a time; one asked for meanwhile runs after it. */

struct _CercleClubSync
{
  GObject           parent_instance;

  CercleStore      *store;
  CercleSyncState  *state;
  CercleSyncClient *client;
  GCancellable     *cancellable;

  CercleSyncStatus  status;
  char             *message;
  guint             n_waiting;
  guint             n_conflicts;
  guint64           n_pulled;

  gboolean          syncing;
  gboolean          again;
  gboolean          signed_out;   /* the server ended the session */
  guint             debounce_id;
  guint             timer_id;

  /* Private messages: this device's keys, once the Secret Service gave
   * them, and the sweeper of the messages whose time is up */
  CercleKeyPair    *device_keys;
  guint             sweep_id;
};

G_DEFINE_FINAL_TYPE (CercleClubSync, cercle_club_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_MESSAGE,
  PROP_N_WAITING,
  PROP_N_CONFLICTS,
  PROP_N_PULLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Edits go out after the user paused this long */
#define DEBOUNCE_MS 1500
/* Polling, in case the live stream is down */
#define POLL_SECONDS 120
/* Vanishing messages go within this long of their time */
#define SWEEP_SECONDS 60

static void
set_status (CercleClubSync   *self,
            CercleSyncStatus  status,
            const char       *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  guint n_waiting = cercle_store_count_outbox (self->store, NULL);
  guint n_conflicts;

  conflicts = cercle_store_list_conflicts (self->store, NULL, &error);
  rejections = cercle_store_list_rejections (self->store, NULL);
  /* Both wait for the user to look at them */
  n_conflicts = (conflicts != NULL ? conflicts->len : 0) + (rejections != NULL ? rejections->len : 0);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }

  if (self->n_waiting != n_waiting)
    {
      self->n_waiting = n_waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
    }

  if (self->n_conflicts != n_conflicts)
    {
      self->n_conflicts = n_conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_synced_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CercleClubSync) self = user_data;
  g_autoptr(CercleChangeSet) changes = NULL;
  g_autoptr(GError) error = NULL;

  changes = cercle_sync_client_sync_finish (CERCLE_SYNC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->syncing = FALSE;

  if (changes != NULL)
    cercle_store_note_external_changes (self->store, changes);

  /* A sync that started before the session ended may still succeed */
  if (self->signed_out)
    set_status (self, CERCLE_SYNC_STATUS_SIGN_IN, _("Sign in to the club’s server again."));
  else if (changes != NULL)
    set_status (self, CERCLE_SYNC_STATUS_SYNCED, NULL);
  else if (cercle_sync_error_is_transient (error))
    set_status (self, CERCLE_SYNC_STATUS_OFFLINE, error->message);
  else if (g_error_matches (error, CERCLE_SYNC_ERROR, CERCLE_SYNC_ERROR_UNAUTHORIZED))
    set_status (self, CERCLE_SYNC_STATUS_SIGN_IN, error->message);
  else
    set_status (self, CERCLE_SYNC_STATUS_ERROR, error->message);

  if (self->again && self->status == CERCLE_SYNC_STATUS_SYNCED)
    cercle_club_sync_sync_now (self);
  self->again = FALSE;
}

static void
on_progress_cb (CercleSyncClient *client,
                guint64           n_rows,
                gpointer          user_data)
{
  CercleClubSync *self = user_data;

  self->n_pulled = n_rows;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PULLED]);
}

static void
on_notice_cb (CercleSyncClient *client,
              gint64            seq,
              gpointer          user_data)
{
  cercle_club_sync_sync_now (user_data);
}

static void
on_session_ended_cb (CercleSyncClient *client,
                     gpointer          user_data)
{
  CercleClubSync *self = user_data;

  /* At once, not at the next sync: the edits keep waiting */
  self->signed_out = TRUE;
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  set_status (self, CERCLE_SYNC_STATUS_SIGN_IN, _("Sign in to the club’s server again."));
}

static gboolean
debounce_cb (gpointer user_data)
{
  CercleClubSync *self = user_data;

  self->debounce_id = 0;
  cercle_club_sync_sync_now (self);

  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer user_data)
{
  cercle_club_sync_sync_now (user_data);

  return G_SOURCE_CONTINUE;
}

static void
on_store_changed_cb (CercleStore     *store,
                     CercleChangeSet *changes,
                     gpointer         user_data)
{
  CercleClubSync *self = user_data;

  if (self->client == NULL)
    return;

  /* Shown at once: the count of changes waiting */
  if (!self->syncing)
    set_status (self, self->status, self->message);

  /* The user's edits wait in the outbox, and go once the user paused; a
   * sync's own writes leave it empty, and start nothing. (The change set's
   * "local user" is who the user is in the club, not who wrote.) */
  if (cercle_store_count_outbox (self->store, NULL) == 0)
    return;

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->debounce_id = g_timeout_add (DEBOUNCE_MS, debounce_cb, self);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CercleSyncState *state = task_data;
  GError *error = NULL;
  char *token;

  token = cercle_sync_secret_lookup (state->server_url, state->club_id, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

/* Messages vanish on this device by its own clock, synced or not */
static gboolean
sweep_cb (gpointer user_data)
{
  CercleClubSync *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *now = cercle_now_iso8601 ();

  if (!cercle_store_sweep_messages (self->store, now, NULL, &error))
    g_warning ("Could not delete the messages whose time is up: %s", error->message);

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  char *server_url;
  char *club_id;
  char *device_id;
} KeysRequest;

static void
keys_request_free (KeysRequest *request)
{
  g_free (request->server_url);
  g_free (request->club_id);
  g_free (request->device_id);
  g_free (request);
}

static void
keys_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KeysRequest *request = task_data;
  GError *error = NULL;
  CercleKeyPair *keys;

  keys = cercle_sync_secret_dup_device_keys (request->server_url, request->club_id, request->device_id,
                                             cancellable, &error);
  if (keys == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, keys, (GDestroyNotify)cercle_key_pair_free);
}

static void
on_keys_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CercleClubSync) self = user_data;
  g_autoptr(GError) error = NULL;
  CercleKeyPair *keys = g_task_propagate_pointer (G_TASK (result), &error);

  if (keys == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("No key for private messages on this device: %s", error->message);
      return;
    }

  g_clear_pointer (&self->device_keys, cercle_key_pair_free);
  self->device_keys = keys;
  if (self->client != NULL)
    {
      cercle_sync_client_set_device_keys (self->client, keys, g_get_host_name ());
      cercle_club_sync_sync_now (self);
    }
}

static void
load_device_keys (CercleClubSync *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  KeysRequest *request;
  char *device_id;

  if (!(device_id = cercle_store_dup_client_id (self->store, &error)))
    {
      g_warning ("No key for private messages on this device: %s", error->message);
      return;
    }

  request = g_new0 (KeysRequest, 1);
  request->server_url = g_strdup (self->state->server_url);
  request->club_id = g_strdup (self->state->club_id);
  request->device_id = device_id;

  task = g_task_new (NULL, self->cancellable, on_keys_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_device_keys);
  g_task_set_task_data (task, request, (GDestroyNotify)keys_request_free);
  g_task_run_in_thread (task, keys_thread);
}

static void
start_client (CercleClubSync *self,
              const char     *token)
{
  g_autoptr(CercleSyncServer) server = NULL;
  g_autoptr(GError) error = NULL;

  server = cercle_sync_server_new (self->state->server_url, self->state->certificate_pin, &error);
  if (server == NULL)
    {
      set_status (self, CERCLE_SYNC_STATUS_ERROR, error->message);
      return;
    }

  self->client = cercle_sync_client_new (server, cercle_store_get_path (self->store), self->state->club_id,
                                         NULL, token);
  g_signal_connect_object (self->client, "progress", G_CALLBACK (on_progress_cb), self, 0);
  g_signal_connect_object (self->client, "notice", G_CALLBACK (on_notice_cb), self, 0);
  g_signal_connect_object (self->client, "session-ended", G_CALLBACK (on_session_ended_cb), self, 0);
  cercle_sync_client_watch (self->client);

  self->timer_id = g_timeout_add_seconds (POLL_SECONDS, poll_cb, self);
  if (self->device_keys != NULL)
    cercle_sync_client_set_device_keys (self->client, self->device_keys, g_get_host_name ());
  else
    load_device_keys (self);
  cercle_club_sync_sync_now (self);
}

static void
on_token_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CercleClubSync) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (token == NULL)
    {
      set_status (self, CERCLE_SYNC_STATUS_SIGN_IN,
                  error != NULL ? error->message : _("Sign in to the club’s server again."));
      return;
    }

  start_client (self, token);
}

static void
cercle_club_sync_dispose (GObject *object)
{
  CercleClubSync *self = CERCLE_CLUB_SYNC (object);

  cercle_club_sync_stop (self);
  g_clear_object (&self->client);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cercle_club_sync_parent_class)->dispose (object);
}

static void
cercle_club_sync_finalize (GObject *object)
{
  CercleClubSync *self = CERCLE_CLUB_SYNC (object);

  g_clear_pointer (&self->state, cercle_sync_state_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->device_keys, cercle_key_pair_free);

  G_OBJECT_CLASS (cercle_club_sync_parent_class)->finalize (object);
}

static void
cercle_club_sync_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CercleClubSync *self = CERCLE_CLUB_SYNC (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_N_WAITING:
      g_value_set_uint (value, self->n_waiting);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    case PROP_N_PULLED:
      g_value_set_uint64 (value, self->n_pulled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cercle_club_sync_class_init (CercleClubSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cercle_club_sync_dispose;
  object_class->finalize = cercle_club_sync_finalize;
  object_class->get_property = cercle_club_sync_get_property;

  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, CERCLE_SYNC_STATUS_SIGN_IN, CERCLE_SYNC_STATUS_LOCAL,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WAITING] =
    g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PULLED] =
    g_param_spec_uint64 ("n-pulled", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cercle_club_sync_init (CercleClubSync *self)
{
}

/**
 * cercle_club_sync_new:
 *
 * Returns: (transfer full): the sync of the club in @store; a club that
 *   syncs with no server stays %CERCLE_SYNC_STATUS_LOCAL
 */
CercleClubSync *
cercle_club_sync_new (CercleStore *store)
{
  CercleClubSync *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);

  self = g_object_new (CERCLE_TYPE_CLUB_SYNC, NULL);
  self->store = g_object_ref (store);
  self->state = cercle_store_dup_sync_state (store, &error);
  if (self->state == NULL)
    g_warning ("The sync state of %s cannot be read: %s", cercle_store_get_path (store), error->message);

  g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);

  return self;
}

/**
 * cercle_club_sync_dup_title:
 *
 * Returns: (transfer full): where the sync stands, in a few words: the
 *   indicator's title, the club switcher's subtitle
 */
char *
cercle_club_sync_dup_title (CercleClubSync *sync)
{
  guint n_waiting;
  guint64 n_pulled;

  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (sync), NULL);

  n_waiting = cercle_club_sync_get_n_waiting (sync);
  n_pulled = cercle_club_sync_get_n_pulled (sync);

  switch (cercle_club_sync_get_status (sync))
    {
    case CERCLE_SYNC_STATUS_SYNCED:
      if (n_waiting > 0)
        /* Translators: edits made since the last sync, sent in a moment */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced — %u change to send",
                                             "Synced — %u changes to send", n_waiting),
                                n_waiting);
      return g_strdup (_("Synced"));

    case CERCLE_SYNC_STATUS_SYNCING:
      if (n_pulled > 0)
        {
          /* Grouped as the user's locale does ("32 000") */
          g_autofree char *number = cercle_format_count ((guint)MIN (n_pulled, G_MAXUINT));

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Syncing… %s entry received",
                                               "Syncing… %s entries received", (gulong)MIN (n_pulled, G_MAXULONG)),
                                  number);
        }
      return g_strdup (_("Syncing…"));

    case CERCLE_SYNC_STATUS_OFFLINE:
      if (n_waiting == 0)
        return g_strdup (_("Offline"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline — %u change waiting",
                                           "Offline — %u changes waiting", n_waiting),
                              n_waiting);

    case CERCLE_SYNC_STATUS_ERROR:
      return g_strdup (_("Sync failed"));

    case CERCLE_SYNC_STATUS_SIGN_IN:
      return g_strdup (_("Sign in again to sync"));

    case CERCLE_SYNC_STATUS_LOCAL:
    default:
      return g_strdup (_("Not synced with a server"));
    }
}

CercleSyncStatus
cercle_club_sync_get_status (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), CERCLE_SYNC_STATUS_LOCAL);

  return self->status;
}

const char *
cercle_club_sync_get_message (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), NULL);

  return self->message;
}

guint
cercle_club_sync_get_n_waiting (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), 0);

  return self->n_waiting;
}

guint
cercle_club_sync_get_n_conflicts (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), 0);

  return self->n_conflicts;
}

guint64
cercle_club_sync_get_n_pulled (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), 0);

  return self->n_pulled;
}

const char *
cercle_club_sync_get_server_url (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), NULL);

  return self->state != NULL ? self->state->server_url : NULL;
}

const char *
cercle_club_sync_get_email (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), NULL);

  return self->state != NULL ? self->state->account_email : NULL;
}

/**
 * cercle_club_sync_start:
 *
 * Finds the club's token in the Secret Service (in a thread: it may ask
 * to unlock the keyring), then syncs and listens.
 */
void
cercle_club_sync_start (CercleClubSync *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CERCLE_IS_CLUB_SYNC (self));

  if (self->state == NULL || !cercle_sync_state_has_server (self->state) || self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_status (self, CERCLE_SYNC_STATUS_SYNCING, NULL);

  sweep_cb (self);
  self->sweep_id = g_timeout_add_seconds (SWEEP_SECONDS, sweep_cb, self);

  task = g_task_new (NULL, self->cancellable, on_token_cb, g_object_ref (self));
  g_task_set_source_tag (task, cercle_club_sync_start);
  g_task_set_task_data (task, cercle_sync_state_copy (self->state), (GDestroyNotify)cercle_sync_state_free);
  g_task_run_in_thread (task, lookup_thread);
}

void
cercle_club_sync_sync_now (CercleClubSync *self)
{
  g_return_if_fail (CERCLE_IS_CLUB_SYNC (self));

  if (self->client == NULL || self->signed_out)
    return;

  if (self->syncing)
    {
      self->again = TRUE;
      return;
    }

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  self->syncing = TRUE;
  self->n_pulled = 0;
  set_status (self, CERCLE_SYNC_STATUS_SYNCING, NULL);
  cercle_sync_client_sync_async (self->client, self->cancellable, on_synced_cb, g_object_ref (self));
}

/**
 * cercle_club_sync_set_token:
 *
 * After signing in again: the edits that waited go out with the new token.
 */
void
cercle_club_sync_set_token (CercleClubSync *self,
                            const char     *token)
{
  g_return_if_fail (CERCLE_IS_CLUB_SYNC (self));
  g_return_if_fail (token != NULL);

  if (self->client == NULL)
    {
      if (self->cancellable == NULL)
        self->cancellable = g_cancellable_new ();
      start_client (self, token);
      return;
    }

  self->signed_out = FALSE;
  cercle_sync_client_set_token (self->client, token);
  cercle_club_sync_sync_now (self);
}

/**
 * cercle_club_sync_stop:
 *
 * Stops syncing and lets go of the club file, before it is closed or
 * deleted.
 */
/**
 * cercle_club_sync_get_device_keys:
 *
 * Returns: (transfer none) (nullable): this device's key pair for private
 *   messages, once the Secret Service gave it
 */
const CercleKeyPair *
cercle_club_sync_get_device_keys (CercleClubSync *self)
{
  g_return_val_if_fail (CERCLE_IS_CLUB_SYNC (self), NULL);

  return self->device_keys;
}

void
cercle_club_sync_stop (CercleClubSync *self)
{
  g_return_if_fail (CERCLE_IS_CLUB_SYNC (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  self->syncing = FALSE;

  if (self->client != NULL)
    cercle_sync_client_close (self->client);
}
