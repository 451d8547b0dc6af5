/* cercle-referral-status.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-referral.h"
#include "cercle-visibility.h"

G_BEGIN_DECLS

/* How a viewer stands to a referral; a staff member may also be its
 * giver or receiver. */
typedef enum
{
  CERCLE_REFERRAL_ACTOR_NONE     = 0,
  CERCLE_REFERRAL_ACTOR_GIVER    = 1 << 0,
  CERCLE_REFERRAL_ACTOR_RECEIVER = 1 << 1,
  CERCLE_REFERRAL_ACTOR_STAFF    = 1 << 2,
} CercleReferralActor;

#define CERCLE_REFERRAL_N_STATUSES (CERCLE_REFERRAL_STATUS_DECLINED + 1)

/* An open referral whose status has not moved for this many days */
#define CERCLE_REFERRAL_STALE_DAYS 30

gboolean            cercle_referral_status_is_open     (CercleReferralStatus  status);
gboolean            cercle_referral_status_is_closed   (CercleReferralStatus  status);
gboolean            cercle_referral_status_needs_amount (CercleReferralStatus status);
CercleReferralActor cercle_referral_actor_for          (const CercleViewer   *viewer,
                                                        CercleReferral       *referral);
gboolean            cercle_referral_status_can_move    (CercleReferralStatus  from,
                                                        CercleReferralStatus  to,
                                                        CercleReferralActor   actor);
guint               cercle_referral_status_list_moves  (CercleReferralStatus  from,
                                                        CercleReferralActor   actor,
                                                        CercleReferralStatus  moves[CERCLE_REFERRAL_N_STATUSES]);
int                 cercle_referral_get_days_still     (CercleReferral       *referral,
                                                        const char           *today);
gboolean            cercle_referral_is_stale           (CercleReferral       *referral,
                                                        const char           *today);
void                cercle_referral_apply_move         (CercleReferral       *referral,
                                                        CercleReferralStatus  to,
                                                        gint64                amount_cents,
                                                        const char           *today);

G_END_DECLS
