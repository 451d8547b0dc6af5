/* cercle-message.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MESSAGE (cercle_message_get_type ())

G_DECLARE_FINAL_TYPE (CercleMessage, cercle_message, CERCLE, MESSAGE, CercleRecord)

CercleMessage *cercle_message_new (void);
const char *cercle_message_get_conversation_id (CercleMessage *self);
const char *cercle_message_get_sender_id (CercleMessage *self);
const char *cercle_message_get_recipient_id (CercleMessage *self);
const char *cercle_message_get_sender_device_id (CercleMessage *self);
const char *cercle_message_get_sent_at (CercleMessage *self);
const char *cercle_message_get_expires_at (CercleMessage *self);
const char *cercle_message_get_ciphertext (CercleMessage *self);
const char *cercle_message_get_sealed_keys (CercleMessage *self);

G_END_DECLS
