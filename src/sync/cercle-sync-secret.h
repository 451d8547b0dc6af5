/* cercle-sync-secret.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cercle-message-crypto.h"

G_BEGIN_DECLS

gboolean  cercle_sync_secret_store   (const char    *server_url,
                                      const char    *club_id,
                                      const char    *email,
                                      const char    *token,
                                      GCancellable  *cancellable,
                                      GError       **error);
char     *cercle_sync_secret_lookup  (const char    *server_url,
                                      const char    *club_id,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean  cercle_sync_secret_clear   (const char    *server_url,
                                      const char    *club_id,
                                      GCancellable  *cancellable,
                                      GError       **error);

CercleKeyPair *cercle_sync_secret_dup_device_keys (const char    *server_url,
                                                  const char    *club_id,
                                                  const char    *device_id,
                                                  GCancellable  *cancellable,
                                                  GError       **error);

G_END_DECLS
