/* cercle-conversation.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_CONVERSATION (cercle_conversation_get_type ())

G_DECLARE_FINAL_TYPE (CercleConversation, cercle_conversation, CERCLE, CONVERSATION, CercleRecord)

CercleConversation *cercle_conversation_new (void);
const char *cercle_conversation_get_member_a_id (CercleConversation *self);
const char *cercle_conversation_get_member_b_id (CercleConversation *self);
CercleVanish cercle_conversation_get_vanish_after (CercleConversation *self);

G_END_DECLS
