/* cercle-message.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-message"

#include "config.h"

#include "cercle-message.h"

/* A private message as the server keeps and forwards it: who wrote to
 * whom, when, and its text encrypted for the devices of both
 * (cercle-message-crypto.c). Nothing here is readable without a device's
 * secret key. */

struct _CercleMessage
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleMessage, cercle_message, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CONVERSATION_ID,
  PROP_SENDER_ID,
  PROP_RECIPIENT_ID,
  PROP_SENDER_DEVICE_ID,
  PROP_SENT_AT,
  PROP_EXPIRES_AT,
  PROP_CIPHERTEXT,
  PROP_SEALED_KEYS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_message_class_init (CercleMessageClass *klass)
{
  properties [PROP_CONVERSATION_ID] =
    g_param_spec_string ("conversation-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SENDER_ID] =
    g_param_spec_string ("sender-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RECIPIENT_ID] =
    g_param_spec_string ("recipient-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SENDER_DEVICE_ID] =
    g_param_spec_string ("sender-device-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SENT_AT] =
    g_param_spec_string ("sent-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_EXPIRES_AT] =
    g_param_spec_string ("expires-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CIPHERTEXT] =
    g_param_spec_string ("ciphertext", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SEALED_KEYS] =
    g_param_spec_string ("sealed-keys", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "message",
                                      properties, N_PROPS);
}

static void
cercle_message_init (CercleMessage *self)
{
}

CercleMessage *
cercle_message_new (void)
{
  return g_object_new (CERCLE_TYPE_MESSAGE, NULL);
}

const char *
cercle_message_get_conversation_id (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_CONVERSATION_ID);
}

const char *
cercle_message_get_sender_id (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SENDER_ID);
}

const char *
cercle_message_get_recipient_id (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_RECIPIENT_ID);
}

const char *
cercle_message_get_sender_device_id (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SENDER_DEVICE_ID);
}

const char *
cercle_message_get_sent_at (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SENT_AT);
}

const char *
cercle_message_get_expires_at (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_EXPIRES_AT);
}

const char *
cercle_message_get_ciphertext (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_CIPHERTEXT);
}

const char *
cercle_message_get_sealed_keys (CercleMessage *self)
{
  g_return_val_if_fail (CERCLE_IS_MESSAGE (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SEALED_KEYS);
}
