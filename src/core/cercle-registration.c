/* cercle-registration.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-registration"

#include "config.h"

#include "cercle-registration.h"

struct _CercleRegistration
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleRegistration, cercle_registration, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_EVENT_ID,
  PROP_MEMBER_ID,
  PROP_GUEST_NAME,
  PROP_GUEST_COMPANY,
  PROP_GUEST_EMAIL,
  PROP_INVITED_BY_ID,
  PROP_RESPONSE,
  PROP_ATTENDANCE,
  PROP_CHECKED_IN_AT,
  PROP_SUBSTITUTE_NAME,
  PROP_REGISTERED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_registration_class_init (CercleRegistrationClass *klass)
{
  properties [PROP_EVENT_ID] =
    g_param_spec_string ("event-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_GUEST_NAME] =
    g_param_spec_string ("guest-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_GUEST_COMPANY] =
    g_param_spec_string ("guest-company", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_GUEST_EMAIL] =
    g_param_spec_string ("guest-email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_INVITED_BY_ID] =
    g_param_spec_string ("invited-by-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RESPONSE] =
    g_param_spec_enum ("response", NULL, NULL, CERCLE_TYPE_RESPONSE, CERCLE_RESPONSE_YES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ATTENDANCE] =
    g_param_spec_enum ("attendance", NULL, NULL, CERCLE_TYPE_ATTENDANCE, CERCLE_ATTENDANCE_UNKNOWN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHECKED_IN_AT] =
    g_param_spec_string ("checked-in-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SUBSTITUTE_NAME] =
    g_param_spec_string ("substitute-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REGISTERED_AT] =
    g_param_spec_string ("registered-at", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "registration",
                                      properties, N_PROPS);
}

static void
cercle_registration_init (CercleRegistration *self)
{
}

CercleRegistration *
cercle_registration_new (void)
{
  return g_object_new (CERCLE_TYPE_REGISTRATION, NULL);
}

const char *
cercle_registration_get_event_id (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_EVENT_ID);
}

const char *
cercle_registration_get_member_id (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MEMBER_ID);
}

const char *
cercle_registration_get_guest_name (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_GUEST_NAME);
}

const char *
cercle_registration_get_guest_company (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_GUEST_COMPANY);
}

const char *
cercle_registration_get_guest_email (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_GUEST_EMAIL);
}

const char *
cercle_registration_get_invited_by_id (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_INVITED_BY_ID);
}

CercleResponse
cercle_registration_get_response (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), 0);

  return (CercleResponse) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_RESPONSE);
}

CercleAttendance
cercle_registration_get_attendance (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), 0);

  return (CercleAttendance) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_ATTENDANCE);
}

const char *
cercle_registration_get_checked_in_at (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_CHECKED_IN_AT);
}

const char *
cercle_registration_get_substitute_name (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SUBSTITUTE_NAME);
}

const char *
cercle_registration_get_registered_at (CercleRegistration *self)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_REGISTERED_AT);
}
