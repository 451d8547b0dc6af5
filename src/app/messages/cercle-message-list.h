/* cercle-message-list.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MESSAGE_ITEM (cercle_message_item_get_type ())

G_DECLARE_FINAL_TYPE (CercleMessageItem, cercle_message_item, CERCLE, MESSAGE_ITEM, GObject)

const char        *cercle_message_item_get_id       (CercleMessageItem *self);
const char        *cercle_message_item_get_text     (CercleMessageItem *self);
const char        *cercle_message_item_get_sent_at  (CercleMessageItem *self);
gboolean           cercle_message_item_get_outgoing (CercleMessageItem *self);
CercleMessageState cercle_message_item_get_state    (CercleMessageItem *self);

#define CERCLE_TYPE_MESSAGE_LIST (cercle_message_list_get_type ())

G_DECLARE_FINAL_TYPE (CercleMessageList, cercle_message_list, CERCLE, MESSAGE_LIST, GObject)

/* How many of the latest messages a conversation opens with: about a
 * screen; the rest comes as the view scrolls up */
#define CERCLE_MESSAGE_LIST_FIRST 12

CercleMessageList *cercle_message_list_new              (CercleStore       *store,
                                                         const char        *conversation_id);
const char        *cercle_message_list_get_conversation_id (CercleMessageList *self);
void               cercle_message_list_refresh          (CercleMessageList *self);
void               cercle_message_list_apply_changes    (CercleMessageList *self,
                                                         CercleChangeSet   *changes);
gboolean           cercle_message_list_has_earlier      (CercleMessageList *self);
gboolean           cercle_message_list_load_earlier     (CercleMessageList *self,
                                                         guint              n);

G_END_DECLS
