/* cercle-sync-secret.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "cercle-sync-secret.h"

/* A club's session token lives in the Secret Service (inside Flatpak,
 * libsecret goes through the portal), never in a file: one item per club
 * of a server. These calls block (D-Bus, perhaps an unlock prompt): the
 * app makes them from a worker thread. */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.cercle.Cercle.ClubToken", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "club", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

gboolean
cercle_sync_secret_store (const char    *server_url,
                          const char    *club_id,
                          const char    *email,
                          const char    *token,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (server_url != NULL && club_id != NULL && email != NULL && token != NULL, FALSE);

  /* Translators: the name of a saved password in Passwords and Keys; %s is
   * an e-mail address */
  label = g_strdup_printf (_("Cercle club sign-in for %s"), email);

  return secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                     cancellable, error,
                                     "server", server_url, "club", club_id, "email", email, NULL);
}

/**
 * cercle_sync_secret_lookup:
 *
 * Returns: (transfer full) (nullable): the token, or %NULL when there is
 *   none (signed out) or with @error set
 */
char *
cercle_sync_secret_lookup (const char    *server_url,
                           const char    *club_id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *secret = NULL;

  g_return_val_if_fail (server_url != NULL && club_id != NULL, NULL);

  secret = secret_password_lookup_sync (token_schema (), cancellable, error,
                                        "server", server_url, "club", club_id, NULL);

  return g_steal_pointer (&secret);
}

gboolean
cercle_sync_secret_clear (const char    *server_url,
                          const char    *club_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (server_url != NULL && club_id != NULL, FALSE);

  secret_password_clear_sync (token_schema (), cancellable, &local_error,
                              "server", server_url, "club", club_id, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static const SecretSchema *
device_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.cercle.Cercle.DeviceKey", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "club", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "device", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/**
 * cercle_sync_secret_dup_device_keys:
 * @device_id: this device's id in the club (its club file's client id)
 *
 * The key pair this device reads its private messages with: the one kept
 * in the Secret Service, or a new one, kept there first. Its secret half
 * is never written anywhere else.
 *
 * Returns: (transfer full): the key pair, or %NULL with @error set
 */
CercleKeyPair *
cercle_sync_secret_dup_device_keys (const char    *server_url,
                                    const char    *club_id,
                                    const char    *device_id,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CercleKeyPair) keys = NULL;
  g_autofree char *label = NULL;
  char *secret;

  g_return_val_if_fail (server_url != NULL && club_id != NULL && device_id != NULL, NULL);

  secret = secret_password_lookup_sync (device_key_schema (), cancellable, &local_error,
                                        "server", server_url, "club", club_id, "device", device_id, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (secret != NULL)
    {
      keys = cercle_key_pair_from_secret (device_id, secret, error);
      secret_password_free (secret);
      return g_steal_pointer (&keys);
    }

  keys = cercle_key_pair_generate (device_id);
  secret = cercle_key_pair_dup_secret (keys);

  /* Translators: the name of a saved key in Passwords and Keys */
  label = g_strdup (_("Cercle private messages key for this device"));
  if (!secret_password_store_sync (device_key_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                                   cancellable, error,
                                   "server", server_url, "club", club_id, "device", device_id, NULL))
    {
      secret_password_wipe (secret);
      g_free (secret);
      return NULL;
    }

  secret_password_wipe (secret);
  g_free (secret);

  return g_steal_pointer (&keys);
}
