/* cercle-device-key.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-device-key"

#include "config.h"

#include "cercle-device-key.h"

/* A device's public key for private messages (X25519, base64): every
 * member's app encrypts for each device of the people it writes to. The
 * secret half never leaves the device's Secret Service. The row's id is the
 * device's: its club database's client id. */

struct _CercleDeviceKey
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleDeviceKey, cercle_device_key, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_PUBLIC_KEY,
  PROP_DEVICE_NAME,
  PROP_ADDED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_device_key_class_init (CercleDeviceKeyClass *klass)
{
  properties [PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PUBLIC_KEY] =
    g_param_spec_string ("public-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DEVICE_NAME] =
    g_param_spec_string ("device-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ADDED_AT] =
    g_param_spec_string ("added-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "device_key",
                                      properties, N_PROPS);
}

static void
cercle_device_key_init (CercleDeviceKey *self)
{
}

CercleDeviceKey *
cercle_device_key_new (void)
{
  return g_object_new (CERCLE_TYPE_DEVICE_KEY, NULL);
}

const char *
cercle_device_key_get_member_id (CercleDeviceKey *self)
{
  g_return_val_if_fail (CERCLE_IS_DEVICE_KEY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_ID);
}

const char *
cercle_device_key_get_public_key (CercleDeviceKey *self)
{
  g_return_val_if_fail (CERCLE_IS_DEVICE_KEY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PUBLIC_KEY);
}

const char *
cercle_device_key_get_device_name (CercleDeviceKey *self)
{
  g_return_val_if_fail (CERCLE_IS_DEVICE_KEY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_DEVICE_NAME);
}

const char *
cercle_device_key_get_added_at (CercleDeviceKey *self)
{
  g_return_val_if_fail (CERCLE_IS_DEVICE_KEY (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_ADDED_AT);
}
