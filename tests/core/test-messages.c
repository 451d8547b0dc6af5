/* test-messages.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cercle-core.h"

/* The sealing of private messages on its own: what opens, and what does
 * not (another device, a message moved or altered, a forged sender). */

#define ALICE "a1000000-0000-4000-8000-000000000001"
#define BRUNO "b2000000-0000-4000-8000-000000000002"

static CercleDeviceKey *
device_of (const CercleKeyPair *keys,
           const char          *member_id)
{
  g_autofree char *public_key = cercle_key_pair_dup_public (keys);

  return g_object_new (CERCLE_TYPE_DEVICE_KEY, "id", keys->device_id, "member-id", member_id,
                       "public-key", public_key, NULL);
}

static CercleMessage *
envelope (const char *device_id)
{
  g_autofree char *conversation = cercle_message_policy_conversation_id (ALICE, BRUNO);

  return g_object_new (CERCLE_TYPE_MESSAGE, "id", "5e000000-0000-4000-8000-000000000001",
                       "conversation-id", conversation, "sender-id", ALICE, "recipient-id", BRUNO,
                       "sender-device-id", device_id, "sent-at", "2026-11-23T10:00:00.000Z", NULL);
}

static void
test_seal_and_open (void)
{
  g_autoptr(CercleKeyPair) alice = cercle_key_pair_generate ("d0000000-0000-4000-8000-00000000000a");
  g_autoptr(CercleKeyPair) bruno = cercle_key_pair_generate ("d0000000-0000-4000-8000-00000000000b");
  g_autoptr(CercleKeyPair) later = cercle_key_pair_generate ("d0000000-0000-4000-8000-00000000000c");
  g_autoptr(CercleKeyPair) again = NULL;
  g_autoptr(CercleDeviceKey) alice_device = device_of (alice, ALICE);
  g_autoptr(CercleDeviceKey) bruno_device = device_of (bruno, BRUNO);
  g_autoptr(CercleDeviceKey) forged = device_of (later, ALICE);
  g_autoptr(CercleMessage) message = envelope (alice->device_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *text = NULL;
  CercleDeviceKey *devices[2] = { alice_device, bruno_device };
  const char *ciphertext;

  g_assert_true (cercle_message_seal (message, "Rendez-vous jeudi, Hélène", alice, devices, 2, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (cercle_message_get_ciphertext (message), "Hélène"));
  g_assert_true (cercle_message_is_sealed_for (message, bruno->device_id));
  g_assert_false (cercle_message_is_sealed_for (message, later->device_id));

  /* Both devices read it, the sender's own too */
  text = cercle_message_open (message, bruno, alice_device, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Rendez-vous jeudi, Hélène");
  g_clear_pointer (&text, g_free);
  text = cercle_message_open (message, alice, alice_device, &error);
  g_assert_cmpstr (text, ==, "Rendez-vous jeudi, Hélène");
  g_clear_pointer (&text, g_free);

  /* A key pair comes back whole from its secret half */
  secret = cercle_key_pair_dup_secret (bruno);
  again = cercle_key_pair_from_secret (bruno->device_id, secret, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (again->public_key, 32, bruno->public_key, 32);
  text = cercle_message_open (message, again, alice_device, &error);
  g_assert_cmpstr (text, ==, "Rendez-vous jeudi, Hélène");
  g_clear_pointer (&text, g_free);
  g_assert_null (cercle_key_pair_from_secret (bruno->device_id, "pas une clé", &error));
  g_assert_error (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED);
  g_clear_error (&error);

  /* A device added later has no key for it */
  g_assert_null (cercle_message_open (message, later, alice_device, &error));
  g_assert_error (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_NOT_FOR_THIS_DEVICE);
  g_clear_error (&error);

  /* A device that did not seal it proves nothing */
  g_assert_null (cercle_message_open (message, bruno, forged, &error));
  g_assert_error (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED);
  g_clear_error (&error);

  /* Moved to another recipient, or to another time: it no longer opens */
  g_object_set (message, "sent-at", "2026-11-24T10:00:00.000Z", NULL);
  g_assert_null (cercle_message_open (message, bruno, alice_device, &error));
  g_assert_error (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED);
  g_clear_error (&error);
  g_object_set (message, "sent-at", "2026-11-23T10:00:00.000Z", NULL);

  /* Altered ciphertext */
  ciphertext = cercle_message_get_ciphertext (message);
  {
    g_autofree char *altered = g_strdup (ciphertext);

    altered[40] = altered[40] == 'A' ? 'B' : 'A';
    g_object_set (message, "ciphertext", altered, NULL);
  }
  g_assert_null (cercle_message_open (message, bruno, alice_device, &error));
  g_assert_error (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED);
  g_clear_error (&error);

  /* Damaged keys */
  g_object_set (message, "sealed-keys", "{\"x\":", NULL);
  g_assert_null (cercle_message_open (message, bruno, alice_device, &error));
  g_assert_error (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_DAMAGED);
  g_clear_error (&error);

  /* No device to seal for */
  g_assert_false (cercle_message_seal (message, "x", alice, NULL, 0, &error));
  g_assert_error (error, CERCLE_MESSAGE_CRYPTO_ERROR, CERCLE_MESSAGE_CRYPTO_ERROR_NO_DEVICE);
}

static void
test_policy (void)
{
  g_autofree char *one = cercle_message_policy_conversation_id (ALICE, BRUNO);
  g_autofree char *other = cercle_message_policy_conversation_id (BRUNO, ALICE);
  g_autofree char *expires = cercle_message_policy_expires_at (CERCLE_VANISH_WEEK, "2026-11-23T10:00:00.500Z");
  g_autoptr(GError) error = NULL;

  /* Both members reach the same conversation */
  g_assert_cmpstr (one, ==, other);
  g_assert_true (g_uuid_string_is_valid (one));

  g_assert_cmpstr (expires, ==, "2026-11-30T10:00:00Z");
  g_assert_null (cercle_message_policy_expires_at (CERCLE_VANISH_NEVER, "2026-11-23T10:00:00Z"));

  g_assert_false (cercle_message_policy_check_text ("   \n", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (cercle_message_policy_check_text ("Bonjour", NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cercle/messages/seal-and-open", test_seal_and_open);
  g_test_add_func ("/cercle/messages/policy", test_policy);

  return g_test_run ();
}
