/* cercle-message-crypto.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-device-key.h"
#include "cercle-message.h"

G_BEGIN_DECLS

#define CERCLE_MESSAGE_CRYPTO_ERROR (cercle_message_crypto_error_quark ())

typedef enum
{
  /* The message was sealed before this device's key was published */
  CERCLE_MESSAGE_CRYPTO_ERROR_NOT_FOR_THIS_DEVICE,
  /* Altered, cut, or not from the device it names */
  CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED,
  /* The recipient has no device to read it on */
  CERCLE_MESSAGE_CRYPTO_ERROR_NO_DEVICE,
} CercleMessageCryptoError;

/* A device's key pair: the secret half lives in memory only while the
 * club is open (and in the Secret Service); it is wiped when freed. */
typedef struct
{
  char   *device_id;
  guint8  public_key[32];
  guint8  secret_key[32];
} CercleKeyPair;

#define CERCLE_TYPE_KEY_PAIR (cercle_key_pair_get_type ())

GQuark         cercle_message_crypto_error_quark (void);
gboolean       cercle_message_crypto_init        (void);

GType          cercle_key_pair_get_type        (void) G_GNUC_CONST;
CercleKeyPair *cercle_key_pair_generate        (const char           *device_id);
CercleKeyPair *cercle_key_pair_from_secret     (const char           *device_id,
                                                const char           *secret_base64,
                                                GError              **error);
CercleKeyPair *cercle_key_pair_copy            (const CercleKeyPair  *self);
void           cercle_key_pair_free            (CercleKeyPair        *self);
char          *cercle_key_pair_dup_public      (const CercleKeyPair  *self);
char          *cercle_key_pair_dup_secret      (const CercleKeyPair  *self);

gboolean       cercle_message_seal             (CercleMessage        *message,
                                                const char           *text,
                                                const CercleKeyPair  *sender,
                                                CercleDeviceKey * const *devices,
                                                guint                 n_devices,
                                                GError              **error);
char          *cercle_message_open             (CercleMessage        *message,
                                                const CercleKeyPair  *device,
                                                CercleDeviceKey      *sender_device,
                                                GError              **error);
gboolean       cercle_message_is_sealed_for    (CercleMessage        *message,
                                                const char           *device_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleKeyPair, cercle_key_pair_free)

G_END_DECLS
