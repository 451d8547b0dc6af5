/* cercle-store-messages-private.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-store-private.h"
#include "cercle-store-messages.h"

G_BEGIN_DECLS

/* What the messages' files share: writing (cercle-store-messages.c),
 * receiving (cercle-store-messages-receive.c) and reading
 * (cercle-store-messages-read.c). */

/* Saves what this device knows of a message's text beside its synced row */
gboolean    _cercle_store_insert_message_text (CercleStore         *self,
                                               const char          *message_id,
                                               const char          *conversation_id,
                                               const char          *sent_at,
                                               gboolean             outgoing,
                                               CercleMessageState   state,
                                               const char          *text,
                                               GError             **error);
/* The local member's id, owned by *@viewer, or %NULL with @error set when
 * this copy's account is not a member of the club */
const char *_cercle_store_local_member_id     (CercleStore         *self,
                                               CercleViewer       **viewer,
                                               GError             **error);

G_END_DECLS
