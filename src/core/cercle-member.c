/* cercle-member.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-member"

#include "config.h"

#include "cercle-member.h"

struct _CercleMember
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleMember, cercle_member, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_COMPANY,
  PROP_JOB_TITLE,
  PROP_SECTOR,
  PROP_CITY,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_WEBSITE,
  PROP_BIO,
  PROP_OFFERS,
  PROP_NEEDS,
  PROP_PHOTO_URI,
  PROP_STATUS,
  PROP_ROLE,
  PROP_SPONSOR_ID,
  PROP_JOINED_ON,
  PROP_DUES_PAID_UNTIL,
  PROP_PRIVATE_FIELDS,
  PROP_QR_CONSENT,
  PROP_SIRET,
  PROP_PHOTO,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_member_class_init (CercleMemberClass *klass)
{
  properties [PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_JOB_TITLE] =
    g_param_spec_string ("job-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SECTOR] =
    g_param_spec_string ("sector", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_BIO] =
    g_param_spec_string ("bio", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OFFERS] =
    g_param_spec_string ("offers", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NEEDS] =
    g_param_spec_string ("needs", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PHOTO_URI] =
    g_param_spec_string ("photo-uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CERCLE_TYPE_MEMBER_STATUS, CERCLE_MEMBER_STATUS_ACTIVE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, CERCLE_TYPE_MEMBER_ROLE, CERCLE_MEMBER_ROLE_MEMBER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SPONSOR_ID] =
    g_param_spec_string ("sponsor-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_JOINED_ON] =
    g_param_spec_string ("joined-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DUES_PAID_UNTIL] =
    g_param_spec_string ("dues-paid-until", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PRIVATE_FIELDS] =
    g_param_spec_string ("private-fields", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_QR_CONSENT] =
    g_param_spec_boolean ("qr-consent", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SIRET] =
    g_param_spec_string ("siret", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The picture itself, small, as a data: URI (see CERCLE_MEMBER_PHOTO_MAX_BYTES):
   * a club's copy must show faces offline, and a file path would mean
   * nothing on another member's computer */
  properties [PROP_PHOTO] =
    g_param_spec_string ("photo", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "member",
                                      properties, N_PROPS);
}

static void
cercle_member_init (CercleMember *self)
{
}

CercleMember *
cercle_member_new (void)
{
  return g_object_new (CERCLE_TYPE_MEMBER, NULL);
}

const char *
cercle_member_get_first_name (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_FIRST_NAME);
}

const char *
cercle_member_get_last_name (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_LAST_NAME);
}

const char *
cercle_member_get_company (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_COMPANY);
}

const char *
cercle_member_get_job_title (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_JOB_TITLE);
}

const char *
cercle_member_get_sector (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SECTOR);
}

const char *
cercle_member_get_city (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_CITY);
}

const char *
cercle_member_get_email (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_EMAIL);
}

const char *
cercle_member_get_phone (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PHONE);
}

const char *
cercle_member_get_website (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_WEBSITE);
}

const char *
cercle_member_get_bio (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_BIO);
}

const char *
cercle_member_get_offers (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_OFFERS);
}

const char *
cercle_member_get_needs (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_NEEDS);
}

const char *
cercle_member_get_photo_uri (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PHOTO_URI);
}

CercleMemberStatus
cercle_member_get_status (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), 0);

  return (CercleMemberStatus) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_STATUS);
}

CercleMemberRole
cercle_member_get_role (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), 0);

  return (CercleMemberRole) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_ROLE);
}

const char *
cercle_member_get_sponsor_id (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SPONSOR_ID);
}

const char *
cercle_member_get_joined_on (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_JOINED_ON);
}

const char *
cercle_member_get_dues_paid_until (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_DUES_PAID_UNTIL);
}

const char *
cercle_member_get_private_fields (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PRIVATE_FIELDS);
}

gboolean
cercle_member_get_qr_consent (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), FALSE);

  return cercle_record_peek_boolean (CERCLE_RECORD (self), PROP_QR_CONSENT);
}

const char *
cercle_member_get_siret (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_SIRET);
}

const char *
cercle_member_get_photo (CercleMember *self)
{
  g_return_val_if_fail (CERCLE_IS_MEMBER (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PHOTO);
}
