/* cercle-referral.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-record.h"
#include "cercle-enums.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRAL (cercle_referral_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferral, cercle_referral, CERCLE, REFERRAL, CercleRecord)

CercleReferral *cercle_referral_new (void);
const char *cercle_referral_get_giver_id (CercleReferral *self);
const char *cercle_referral_get_receiver_id (CercleReferral *self);
const char *cercle_referral_get_prospect_name (CercleReferral *self);
const char *cercle_referral_get_prospect_company (CercleReferral *self);
const char *cercle_referral_get_prospect_contact (CercleReferral *self);
const char *cercle_referral_get_need (CercleReferral *self);
int cercle_referral_get_temperature (CercleReferral *self);
CercleReferralStatus cercle_referral_get_status (CercleReferral *self);
gint64 cercle_referral_get_amount_cents (CercleReferral *self);
const char *cercle_referral_get_given_on (CercleReferral *self);
const char *cercle_referral_get_closed_on (CercleReferral *self);
const char *cercle_referral_get_notes (CercleReferral *self);
gboolean cercle_referral_get_prospect_consent (CercleReferral *self);
const char *cercle_referral_get_request_id (CercleReferral *self);
const char *cercle_referral_get_reply_id (CercleReferral *self);
const char *cercle_referral_get_moved_on (CercleReferral *self);

G_END_DECLS
