/* cercle-message-policy.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-conversation.h"
#include "cercle-device-key.h"
#include "cercle-message.h"
#include "cercle-visibility.h"

G_BEGIN_DECLS

/* The longest message, in bytes of UTF-8 */
#define CERCLE_MESSAGE_MAX_LENGTH 10000

gboolean  cercle_message_policy_handles          (CercleEntity         entity);
gboolean  cercle_message_policy_can_see          (const CercleViewer  *viewer,
                                                  CercleRecord        *record);
gboolean  cercle_message_policy_check            (const CercleViewer  *viewer,
                                                  CercleRecord        *current,
                                                  CercleRecord        *proposed,
                                                  GError             **error);
gboolean  cercle_message_policy_can_edit_field   (const CercleViewer  *viewer,
                                                  CercleRecord        *record,
                                                  const char          *column);
gboolean  cercle_message_policy_can_write_to     (const CercleViewer  *viewer,
                                                  const char          *member_id);
gboolean  cercle_message_policy_can_withdraw     (const CercleViewer  *viewer,
                                                  const char          *sender_id);
char     *cercle_message_policy_conversation_id  (const char          *member_id,
                                                  const char          *other_id);
char     *cercle_message_policy_other_member     (CercleConversation  *conversation,
                                                  const char          *member_id);
gint64    cercle_message_policy_vanish_seconds   (CercleVanish         vanish);
char     *cercle_message_policy_expires_at       (CercleVanish         vanish,
                                                  const char          *sent_at);
gboolean  cercle_message_policy_check_text       (const char          *text,
                                                  GError             **error);

G_END_DECLS
