/* cercle-conversation.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-conversation"

#include "config.h"

#include "cercle-conversation.h"

/* Two members' private conversation: who they are (member a sorts before
 * member b) and how long its messages live. Its id follows from the two
 * members (cercle_conversation_id_for()), so that both can start it
 * offline and still meet in one. */

struct _CercleConversation
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleConversation, cercle_conversation, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MEMBER_A_ID,
  PROP_MEMBER_B_ID,
  PROP_VANISH_AFTER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_conversation_class_init (CercleConversationClass *klass)
{
  properties [PROP_MEMBER_A_ID] =
    g_param_spec_string ("member-a-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEMBER_B_ID] =
    g_param_spec_string ("member-b-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_VANISH_AFTER] =
    g_param_spec_enum ("vanish-after", NULL, NULL, CERCLE_TYPE_VANISH, CERCLE_VANISH_NEVER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "conversation",
                                      properties, N_PROPS);
}

static void
cercle_conversation_init (CercleConversation *self)
{
}

CercleConversation *
cercle_conversation_new (void)
{
  return g_object_new (CERCLE_TYPE_CONVERSATION, NULL);
}

const char *
cercle_conversation_get_member_a_id (CercleConversation *self)
{
  g_return_val_if_fail (CERCLE_IS_CONVERSATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_A_ID);
}

const char *
cercle_conversation_get_member_b_id (CercleConversation *self)
{
  g_return_val_if_fail (CERCLE_IS_CONVERSATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_B_ID);
}

CercleVanish
cercle_conversation_get_vanish_after (CercleConversation *self)
{
  g_return_val_if_fail (CERCLE_IS_CONVERSATION (self), CERCLE_VANISH_NEVER);

  return cercle_record_peek_enum (CERCLE_RECORD (self), PROP_VANISH_AFTER);
}
