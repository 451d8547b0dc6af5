/* cercle-device-key.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_DEVICE_KEY (cercle_device_key_get_type ())

G_DECLARE_FINAL_TYPE (CercleDeviceKey, cercle_device_key, CERCLE, DEVICE_KEY, CercleRecord)

CercleDeviceKey *cercle_device_key_new (void);
const char *cercle_device_key_get_member_id (CercleDeviceKey *self);
const char *cercle_device_key_get_public_key (CercleDeviceKey *self);
const char *cercle_device_key_get_device_name (CercleDeviceKey *self);
const char *cercle_device_key_get_added_at (CercleDeviceKey *self);

G_END_DECLS
