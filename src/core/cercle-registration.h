/* cercle-registration.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REGISTRATION (cercle_registration_get_type ())

G_DECLARE_FINAL_TYPE (CercleRegistration, cercle_registration, CERCLE, REGISTRATION, CercleRecord)

CercleRegistration *cercle_registration_new (void);
const char *cercle_registration_get_event_id (CercleRegistration *self);
const char *cercle_registration_get_member_id (CercleRegistration *self);
const char *cercle_registration_get_guest_name (CercleRegistration *self);
const char *cercle_registration_get_guest_company (CercleRegistration *self);
const char *cercle_registration_get_guest_email (CercleRegistration *self);
const char *cercle_registration_get_invited_by_id (CercleRegistration *self);
CercleResponse cercle_registration_get_response (CercleRegistration *self);
CercleAttendance cercle_registration_get_attendance (CercleRegistration *self);
const char *cercle_registration_get_checked_in_at (CercleRegistration *self);
const char *cercle_registration_get_substitute_name (CercleRegistration *self);
const char *cercle_registration_get_registered_at (CercleRegistration *self);

G_END_DECLS
