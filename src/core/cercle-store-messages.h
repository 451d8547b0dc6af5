/* cercle-store-messages.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-message-crypto.h"
#include "cercle-message-policy.h"
#include "cercle-store.h"

G_BEGIN_DECLS

/* What this device could make of a message */
typedef enum
{
  CERCLE_MESSAGE_STATE_READABLE = 0,
  /* Sealed before this device's key was published */
  CERCLE_MESSAGE_STATE_NOT_FOR_THIS_DEVICE = 1,
  /* Altered, or not from the device it names */
  CERCLE_MESSAGE_STATE_DAMAGED = 2,
} CercleMessageState;

typedef struct
{
  char         *conversation_id;
  char         *other_member_id;
  CercleVanish  vanish_after;
  char         *last_text;      /* nullable: nothing readable yet */
  char         *last_at;        /* nullable: no message yet */
  gboolean      last_outgoing;
  guint         n_unread;
} CercleConversationSummary;

typedef struct
{
  char               *message_id;
  char               *conversation_id;
  char               *sent_at;
  gboolean            outgoing;
  CercleMessageState  state;
  char               *text;     /* nullable unless readable */
  /* With sent_at, where the message stands in its conversation on this
   * device (what cercle_store_read_messages_before() starts from) */
  gint64              position;
} CercleMessageText;

void      cercle_conversation_summary_free      (CercleConversationSummary *self);
void      cercle_message_text_free              (CercleMessageText         *self);

gboolean  cercle_store_publish_device_key       (CercleStore          *self,
                                                 const CercleKeyPair  *keys,
                                                 const char           *device_name,
                                                 GError              **error);
gboolean  cercle_store_has_device_key           (CercleStore          *self,
                                                 const char           *member_id,
                                                 GError              **error);
CercleConversation *
          cercle_store_dup_conversation_with    (CercleStore          *self,
                                                 const char           *other_member_id,
                                                 GError              **error);
CercleMessage *
          cercle_store_send_message             (CercleStore          *self,
                                                 const CercleKeyPair  *keys,
                                                 const char           *other_member_id,
                                                 const char           *text,
                                                 GError              **error);
gboolean  cercle_store_withdraw_message         (CercleStore          *self,
                                                 const char           *message_id,
                                                 GError              **error);
gboolean  cercle_store_set_conversation_vanish  (CercleStore          *self,
                                                 const char           *other_member_id,
                                                 CercleVanish          vanish,
                                                 GError              **error);
gboolean  cercle_store_decrypt_messages         (CercleStore          *self,
                                                 const CercleKeyPair  *keys,
                                                 CercleChangeSet      *changes,
                                                 guint                *n_decrypted,
                                                 GError              **error);
gboolean  cercle_store_sweep_messages           (CercleStore          *self,
                                                 const char           *now,
                                                 guint                *n_swept,
                                                 GError              **error);
GPtrArray *cercle_store_list_conversations      (CercleStore          *self,
                                                 GError              **error);
guint     cercle_store_count_unread_messages    (CercleStore          *self,
                                                 GError              **error);
gboolean  cercle_store_mark_conversation_read   (CercleStore          *self,
                                                 const char           *conversation_id,
                                                 GError              **error);
guint     cercle_store_count_conversation_messages (CercleStore       *self,
                                                 const char           *conversation_id,
                                                 GError              **error);
GPtrArray *cercle_store_read_messages           (CercleStore          *self,
                                                 const char           *conversation_id,
                                                 guint                 offset,
                                                 guint                 limit,
                                                 GError              **error);
GPtrArray *cercle_store_read_messages_before    (CercleStore          *self,
                                                 const char           *conversation_id,
                                                 const CercleMessageText *before,
                                                 guint                 limit,
                                                 GError              **error);
GPtrArray *cercle_store_read_messages_since     (CercleStore          *self,
                                                 const char           *conversation_id,
                                                 const CercleMessageText *since,
                                                 GError              **error);
GPtrArray *cercle_store_read_messages_by_id     (CercleStore          *self,
                                                 const char * const   *ids,
                                                 GError              **error);
guint     cercle_store_count_unreadable_messages (CercleStore         *self,
                                                 const char           *conversation_id,
                                                 GError              **error);
GPtrArray *cercle_store_search_messages         (CercleStore          *self,
                                                 const char           *query,
                                                 guint                 limit,
                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleConversationSummary, cercle_conversation_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleMessageText, cercle_message_text_free)

G_END_DECLS
