/* cercle-server-privacy.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-storage.h"
#include "cercle-server-sync.h"

G_BEGIN_DECLS

JsonObject *cercle_server_privacy_export       (CercleServerStorage      *storage,
                                                const char               *account_id,
                                                GError                  **error);
JsonObject *cercle_server_privacy_erase_member (CercleServerStorage      *storage,
                                                const CercleServerActor  *actor,
                                                const char               *member_id,
                                                GError                  **error);

G_END_DECLS
