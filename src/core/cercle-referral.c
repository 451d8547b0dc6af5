/* cercle-referral.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral"

#include "config.h"

#include "cercle-referral.h"

struct _CercleReferral
{
  CercleRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CercleReferral, cercle_referral, CERCLE_TYPE_RECORD)

enum {
  PROP_0,
  PROP_GIVER_ID,
  PROP_RECEIVER_ID,
  PROP_PROSPECT_NAME,
  PROP_PROSPECT_COMPANY,
  PROP_PROSPECT_CONTACT,
  PROP_NEED,
  PROP_TEMPERATURE,
  PROP_STATUS,
  PROP_AMOUNT_CENTS,
  PROP_GIVEN_ON,
  PROP_CLOSED_ON,
  PROP_NOTES,
  PROP_PROSPECT_CONSENT,
  PROP_REQUEST_ID,
  PROP_MOVED_ON,
  PROP_REPLY_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
cercle_referral_class_init (CercleReferralClass *klass)
{
  properties [PROP_GIVER_ID] =
    g_param_spec_string ("giver-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RECEIVER_ID] =
    g_param_spec_string ("receiver-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PROSPECT_NAME] =
    g_param_spec_string ("prospect-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PROSPECT_COMPANY] =
    g_param_spec_string ("prospect-company", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PROSPECT_CONTACT] =
    g_param_spec_string ("prospect-contact", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NEED] =
    g_param_spec_string ("need", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TEMPERATURE] =
    g_param_spec_int ("temperature", NULL, NULL, 1, 5, 3,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CERCLE_TYPE_REFERRAL_STATUS, CERCLE_REFERRAL_STATUS_PROPOSED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_AMOUNT_CENTS] =
    g_param_spec_int64 ("amount-cents", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_GIVEN_ON] =
    g_param_spec_string ("given-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CLOSED_ON] =
    g_param_spec_string ("closed-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The prospect agreed to have their contact details passed on: the
   * RGPD asks for it, and the club's server records when it was given */
  properties [PROP_PROSPECT_CONSENT] =
    g_param_spec_boolean ("prospect-consent", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The need of the needs board this referral answers, if any */
  properties [PROP_REQUEST_ID] =
    g_param_spec_string ("request-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The day its status last moved: a referral that sits still goes stale */
  properties [PROP_MOVED_ON] =
    g_param_spec_string ("moved-on", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The reply to a need it came from: the need's author turned the
   * reply into a referral, in the replier's name (see cercle-permission.c) */
  properties [PROP_REPLY_ID] =
    g_param_spec_string ("reply-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  cercle_record_class_install_fields (CERCLE_RECORD_CLASS (klass), "referral",
                                      properties, N_PROPS);
}

static void
cercle_referral_init (CercleReferral *self)
{
}

CercleReferral *
cercle_referral_new (void)
{
  return g_object_new (CERCLE_TYPE_REFERRAL, NULL);
}

const char *
cercle_referral_get_giver_id (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_GIVER_ID);
}

const char *
cercle_referral_get_receiver_id (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_RECEIVER_ID);
}

const char *
cercle_referral_get_prospect_name (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PROSPECT_NAME);
}

const char *
cercle_referral_get_prospect_company (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PROSPECT_COMPANY);
}

const char *
cercle_referral_get_prospect_contact (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_PROSPECT_CONTACT);
}

const char *
cercle_referral_get_need (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_NEED);
}

int
cercle_referral_get_temperature (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), 0);

  return cercle_record_peek_int (CERCLE_RECORD (self), PROP_TEMPERATURE);
}

CercleReferralStatus
cercle_referral_get_status (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), 0);

  return (CercleReferralStatus) cercle_record_peek_enum (CERCLE_RECORD (self), PROP_STATUS);
}

gint64
cercle_referral_get_amount_cents (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), 0);

  return cercle_record_peek_int64 (CERCLE_RECORD (self), PROP_AMOUNT_CENTS);
}

const char *
cercle_referral_get_given_on (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_GIVEN_ON);
}

const char *
cercle_referral_get_closed_on (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_CLOSED_ON);
}

const char *
cercle_referral_get_notes (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_NOTES);
}

gboolean
cercle_referral_get_prospect_consent (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), FALSE);

  return cercle_record_peek_boolean (CERCLE_RECORD (self), PROP_PROSPECT_CONSENT);
}

const char *
cercle_referral_get_request_id (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_REQUEST_ID);
}

const char *
cercle_referral_get_moved_on (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_MOVED_ON);
}

const char *
cercle_referral_get_reply_id (CercleReferral *self)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (self), NULL);

  return cercle_record_peek_string (CERCLE_RECORD (self), PROP_REPLY_ID);
}
