/* cercle-server-messages.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-server-storage.h"

G_BEGIN_DECLS

/* How often a serving process sweeps the messages whose time is up */
#define CERCLE_SERVER_SWEEP_SECONDS 60

gboolean cercle_server_messages_check (CercleServerTxn      *txn,
                                       CercleMessage        *message,
                                       const char           *now,
                                       gboolean             *server_decided,
                                       char                **reason,
                                       GError              **error);
gboolean cercle_server_messages_sweep (CercleServerStorage  *storage,
                                       const char           *now,
                                       guint                *n_swept,
                                       GError              **error);
guint    cercle_server_messages_start_sweeper (CercleServerStorage *storage);

G_END_DECLS
