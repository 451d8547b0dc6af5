/* cercle-referral-card.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_REFERRAL_CARD (cercle_referral_card_get_type ())

G_DECLARE_FINAL_TYPE (CercleReferralCard, cercle_referral_card, CERCLE, REFERRAL_CARD, GtkWidget)

GtkWidget      *cercle_referral_card_new          (void);
CercleReferral *cercle_referral_card_get_referral (CercleReferralCard  *self);
void            cercle_referral_card_set_referral (CercleReferralCard  *self,
                                                   CercleReferral      *referral,
                                                   const char          *giver_name,
                                                   const char          *receiver_name,
                                                   CercleReferralActor  actor,
                                                   const char          *today);
guint           cercle_referral_card_list_moves   (CercleReferralCard  *self,
                                                   CercleReferralStatus moves[CERCLE_REFERRAL_N_STATUSES]);

G_END_DECLS
