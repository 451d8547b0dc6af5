/* cercle-message-crypto.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-message-crypto"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "cercle-json.h"
#include "cercle-message-crypto.h"

/* End-to-end encryption of private messages, with libsodium:
 *
 * - Each device has an X25519 key pair; its public half is published as a
 *   device_key row, its secret half stays on the device.
 * - A message's text is encrypted once with a random key (XChaCha20-
 *   Poly1305), bound to who sent it to whom, when and in which
 *   conversation (the additional data), so that the server cannot move a
 *   ciphertext to another message or another person.
 * - That key is then boxed (crypto_box: X25519, XSalsa20-Poly1305) for
 *   every device of the recipient and of the sender, from the sending
 *   device's secret key: opening the box proves which device sealed it.
 *   A device published later is not among them, and cannot read what was
 *   sent before it came.
 *
 * The server keeps only what these functions write: it holds no key that
 * opens anything. */

G_DEFINE_QUARK (cercle-message-crypto-error-quark, cercle_message_crypto_error)

G_DEFINE_BOXED_TYPE (CercleKeyPair, cercle_key_pair, cercle_key_pair_copy, cercle_key_pair_free)

#define CONTENT_KEY_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define CONTENT_NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES

G_STATIC_ASSERT (crypto_box_PUBLICKEYBYTES == 32);
G_STATIC_ASSERT (crypto_box_SECRETKEYBYTES == 32);

/**
 * cercle_message_crypto_init:
 *
 * Returns: whether libsodium could start (it needs a source of randomness)
 */
gboolean
cercle_message_crypto_init (void)
{
  return sodium_init () >= 0;
}

static guint8 *
decode_base64 (const char *text,
               gsize       expected,
               gsize      *length)
{
  gsize max = text != NULL ? strlen (text) : 0;
  g_autofree guint8 *bytes = g_malloc (max / 4 * 3 + 3);
  const char *end = NULL;
  gsize bin_len = 0;

  if (text == NULL ||
      sodium_base642bin (bytes, max / 4 * 3 + 3, text, max, NULL, &bin_len, &end,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text + max ||
      (expected != 0 && bin_len != expected))
    return NULL;

  *length = bin_len;
  return g_steal_pointer (&bytes);
}

static char *
encode_base64 (const guint8 *bytes,
               gsize         length)
{
  gsize size = sodium_base64_ENCODED_LEN (length, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  return sodium_bin2base64 (text, size, bytes, length, sodium_base64_VARIANT_ORIGINAL);
}

CercleKeyPair *
cercle_key_pair_generate (const char *device_id)
{
  CercleKeyPair *self;

  g_return_val_if_fail (device_id != NULL, NULL);
  g_return_val_if_fail (cercle_message_crypto_init (), NULL);

  self = g_new0 (CercleKeyPair, 1);
  self->device_id = g_strdup (device_id);
  crypto_box_keypair (self->public_key, self->secret_key);

  return self;
}

/**
 * cercle_key_pair_from_secret:
 * @secret_base64: what cercle_key_pair_dup_secret() returned
 *
 * Returns: (transfer full): the key pair, its public half computed again,
 *   or %NULL with @error set when @secret_base64 is not a key
 */
CercleKeyPair *
cercle_key_pair_from_secret (const char  *device_id,
                             const char  *secret_base64,
                             GError     **error)
{
  g_autofree guint8 *secret = NULL;
  CercleKeyPair *self;
  gsize length = 0;

  g_return_val_if_fail (device_id != NULL, NULL);

  if (!cercle_message_crypto_init () ||
      !(secret = decode_base64 (secret_base64, crypto_box_SECRETKEYBYTES, &length)))
    {
      g_set_error_literal (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED,
                           _("This device’s message key is damaged."));
      return NULL;
    }

  self = g_new0 (CercleKeyPair, 1);
  self->device_id = g_strdup (device_id);
  memcpy (self->secret_key, secret, sizeof self->secret_key);
  sodium_memzero (secret, length);
  crypto_scalarmult_base (self->public_key, self->secret_key);

  return self;
}

CercleKeyPair *
cercle_key_pair_copy (const CercleKeyPair *self)
{
  CercleKeyPair *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CercleKeyPair, 1);
  copy->device_id = g_strdup (self->device_id);
  memcpy (copy->public_key, self->public_key, sizeof copy->public_key);
  memcpy (copy->secret_key, self->secret_key, sizeof copy->secret_key);

  return copy;
}

void
cercle_key_pair_free (CercleKeyPair *self)
{
  if (self == NULL)
    return;

  sodium_memzero (self->secret_key, sizeof self->secret_key);
  g_free (self->device_id);
  g_free (self);
}

char *
cercle_key_pair_dup_public (const CercleKeyPair *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return encode_base64 (self->public_key, sizeof self->public_key);
}

/* For the Secret Service only */
char *
cercle_key_pair_dup_secret (const CercleKeyPair *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return encode_base64 (self->secret_key, sizeof self->secret_key);
}

/* What the ciphertext is bound to: the message's identity and envelope,
 * each field ended by a NUL so that no two envelopes read alike. The
 * expiry is not among them: the server may bring it closer. */
static GByteArray *
additional_data (CercleMessage *message)
{
  const char *parts[] = {
    "cercle-message-v1",
    cercle_record_get_id (CERCLE_RECORD (message)),
    cercle_message_get_conversation_id (message),
    cercle_message_get_sender_id (message),
    cercle_message_get_recipient_id (message),
    cercle_message_get_sender_device_id (message),
    cercle_message_get_sent_at (message),
  };
  GByteArray *data = g_byte_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      const char *part = parts[i] != NULL ? parts[i] : "";

      g_byte_array_append (data, (const guint8 *)part, strlen (part) + 1);
    }

  return data;
}

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED,
                       _("This message was altered or damaged, and cannot be read."));
  return FALSE;
}

/**
 * cercle_message_seal:
 * @message: a message whose envelope (id, conversation, sender, recipient,
 *   sending device, time) is set
 * @devices: (array length=n_devices): every device of the recipient and
 *   of the sender that may read it
 *
 * Encrypts @text into @message's ciphertext and sealed keys.
 */
gboolean
cercle_message_seal (CercleMessage          *message,
                     const char             *text,
                     const CercleKeyPair    *sender,
                     CercleDeviceKey * const *devices,
                     guint                   n_devices,
                     GError                **error)
{
  guint8 key[CONTENT_KEY_BYTES];
  guint8 nonce[CONTENT_NONCE_BYTES];
  g_autoptr(GByteArray) ad = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) keys_node = NULL;
  g_autofree guint8 *sealed = NULL;
  g_autofree char *ciphertext_text = NULL;
  g_autofree char *keys_text = NULL;
  unsigned long long sealed_len = 0;
  gsize text_len;
  guint n_sealed = 0;

  g_return_val_if_fail (CERCLE_IS_MESSAGE (message), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (sender != NULL, FALSE);
  g_return_val_if_fail (devices != NULL || n_devices == 0, FALSE);

  if (!cercle_message_crypto_init ())
    return damaged (error);

  crypto_aead_xchacha20poly1305_ietf_keygen (key);
  randombytes_buf (nonce, sizeof nonce);

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_devices; i++)
    {
      g_autofree guint8 *public_key = NULL;
      g_autofree char *box_text = NULL;
      guint8 box[crypto_box_NONCEBYTES + crypto_box_MACBYTES + CONTENT_KEY_BYTES];
      gsize length = 0;

      /* A key that is not one is skipped, not trusted: that device gets
       * nothing rather than the whole message failing */
      public_key = decode_base64 (cercle_device_key_get_public_key (devices[i]),
                                  crypto_box_PUBLICKEYBYTES, &length);
      if (public_key == NULL || cercle_record_get_deleted (CERCLE_RECORD (devices[i])))
        continue;

      randombytes_buf (box, crypto_box_NONCEBYTES);
      if (crypto_box_easy (box + crypto_box_NONCEBYTES, key, sizeof key, box,
                           public_key, sender->secret_key) != 0)
        continue;

      box_text = encode_base64 (box, sizeof box);
      json_builder_set_member_name (builder, cercle_record_get_id (CERCLE_RECORD (devices[i])));
      json_builder_add_string_value (builder, box_text);
      n_sealed++;
    }
  json_builder_end_object (builder);

  if (n_sealed == 0)
    {
      sodium_memzero (key, sizeof key);
      g_set_error_literal (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_NO_DEVICE,
                           _("This member has no device that can receive private messages yet."));
      return FALSE;
    }

  text_len = strlen (text);
  sealed = g_malloc (sizeof nonce + text_len + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  memcpy (sealed, nonce, sizeof nonce);
  ad = additional_data (message);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed + sizeof nonce, &sealed_len,
                                              (const guint8 *)text, text_len,
                                              ad->data, ad->len, NULL, nonce, key);
  sodium_memzero (key, sizeof key);

  ciphertext_text = encode_base64 (sealed, sizeof nonce + sealed_len);
  keys_node = json_builder_get_root (builder);
  keys_text = cercle_json_to_string (keys_node);

  g_object_set (message,
                "ciphertext", ciphertext_text,
                "sealed-keys", keys_text,
                NULL);

  return TRUE;
}

/* The box sealed for @device_id, or NULL */
static char *
dup_sealed_key (CercleMessage *message,
                const char    *device_id,
                GError       **error)
{
  g_autoptr(JsonObject) keys = NULL;
  const char *sealed_keys = cercle_message_get_sealed_keys (message);
  const char *box = NULL;

  if (sealed_keys == NULL ||
      !(keys = cercle_json_parse_object (sealed_keys, -1, 2, NULL)))
    {
      damaged (error);
      return NULL;
    }

  if (!json_object_has_member (keys, device_id))
    return NULL;

  if (!cercle_json_get_string (keys, device_id, CERCLE_JSON_REQUIRED, &box, NULL))
    {
      damaged (error);
      return NULL;
    }

  return g_strdup (box);
}

/**
 * cercle_message_is_sealed_for:
 *
 * Returns: whether @message carries a key for @device_id
 */
gboolean
cercle_message_is_sealed_for (CercleMessage *message,
                              const char    *device_id)
{
  g_autofree char *box = NULL;

  g_return_val_if_fail (CERCLE_IS_MESSAGE (message), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);

  box = dup_sealed_key (message, device_id, NULL);

  return box != NULL;
}

/**
 * cercle_message_open:
 * @device: this device's key pair
 * @sender_device: the published key of the device that sealed @message,
 *   which the caller checked is its sender's
 *
 * Returns: (transfer full): the message's text, or %NULL with @error set:
 *   %CERCLE_MESSAGE_CRYPTO_ERROR_NOT_FOR_THIS_DEVICE when it was sealed
 *   before this device came, %CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED when
 *   anything of it does not check out
 */
char *
cercle_message_open (CercleMessage        *message,
                     const CercleKeyPair  *device,
                     CercleDeviceKey      *sender_device,
                     GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) ad = NULL;
  g_autofree char *box_text = NULL;
  g_autofree guint8 *box = NULL;
  g_autofree guint8 *sender_key = NULL;
  g_autofree guint8 *sealed = NULL;
  g_autofree char *text = NULL;
  guint8 key[CONTENT_KEY_BYTES];
  unsigned long long text_len = 0;
  gsize box_len = 0;
  gsize sealed_len = 0;
  gsize key_len = 0;
  int rc;

  g_return_val_if_fail (CERCLE_IS_MESSAGE (message), NULL);
  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (!sender_device || CERCLE_IS_DEVICE_KEY (sender_device), NULL);

  box_text = dup_sealed_key (message, device->device_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (box_text == NULL)
    {
      g_set_error_literal (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_NOT_FOR_THIS_DEVICE,
                           _("Messages sent before this device was added cannot be read here."));
      return NULL;
    }

  if (!cercle_message_crypto_init () ||
      sender_device == NULL ||
      g_strcmp0 (cercle_record_get_id (CERCLE_RECORD (sender_device)),
                 cercle_message_get_sender_device_id (message)) != 0 ||
      !(sender_key = decode_base64 (cercle_device_key_get_public_key (sender_device),
                                    crypto_box_PUBLICKEYBYTES, &key_len)) ||
      !(box = decode_base64 (box_text, crypto_box_NONCEBYTES + crypto_box_MACBYTES + CONTENT_KEY_BYTES,
                             &box_len)) ||
      crypto_box_open_easy (key, box + crypto_box_NONCEBYTES, box_len - crypto_box_NONCEBYTES, box,
                            sender_key, device->secret_key) != 0)
    {
      damaged (error);
      return NULL;
    }

  sealed = decode_base64 (cercle_message_get_ciphertext (message), 0, &sealed_len);
  if (sealed == NULL || sealed_len < CONTENT_NONCE_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
    {
      sodium_memzero (key, sizeof key);
      damaged (error);
      return NULL;
    }

  ad = additional_data (message);
  text = g_malloc (sealed_len - CONTENT_NONCE_BYTES + 1);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt ((guint8 *)text, &text_len, NULL,
                                                   sealed + CONTENT_NONCE_BYTES,
                                                   sealed_len - CONTENT_NONCE_BYTES,
                                                   ad->data, ad->len, sealed, key);
  sodium_memzero (key, sizeof key);
  if (rc != 0)
    {
      damaged (error);
      return NULL;
    }
  text[text_len] = '\0';

  if (!g_utf8_validate (text, text_len, NULL) || strlen (text) != text_len)
    {
      damaged (error);
      return NULL;
    }

  return g_steal_pointer (&text);
}
