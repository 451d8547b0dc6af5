/* cercle-member.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MEMBER (cercle_member_get_type ())

G_DECLARE_FINAL_TYPE (CercleMember, cercle_member, CERCLE, MEMBER, CercleRecord)

/* The most a member's photo may weigh, as the data: URI stored */
#define CERCLE_MEMBER_PHOTO_MAX_BYTES (64 * 1024)

CercleMember *cercle_member_new (void);
const char *cercle_member_get_first_name (CercleMember *self);
const char *cercle_member_get_last_name (CercleMember *self);
const char *cercle_member_get_company (CercleMember *self);
const char *cercle_member_get_job_title (CercleMember *self);
const char *cercle_member_get_sector (CercleMember *self);
const char *cercle_member_get_city (CercleMember *self);
const char *cercle_member_get_email (CercleMember *self);
const char *cercle_member_get_phone (CercleMember *self);
const char *cercle_member_get_website (CercleMember *self);
const char *cercle_member_get_bio (CercleMember *self);
const char *cercle_member_get_offers (CercleMember *self);
const char *cercle_member_get_needs (CercleMember *self);
const char *cercle_member_get_photo_uri (CercleMember *self);
CercleMemberStatus cercle_member_get_status (CercleMember *self);
CercleMemberRole cercle_member_get_role (CercleMember *self);
const char *cercle_member_get_sponsor_id (CercleMember *self);
const char *cercle_member_get_joined_on (CercleMember *self);
const char *cercle_member_get_dues_paid_until (CercleMember *self);
const char *cercle_member_get_private_fields (CercleMember *self);
gboolean cercle_member_get_qr_consent (CercleMember *self);
const char *cercle_member_get_siret (CercleMember *self);
const char *cercle_member_get_photo (CercleMember *self);

G_END_DECLS
