/* cercle-referral-status.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-status"

#include "config.h"

#include "cercle-format.h"
#include "cercle-referral-status.h"

/* The life of a referral, and who may move it:
 *
 *   proposed ──► accepted ──► contacted ──► quoted ──► won
 *      │            │             │            │
 *      ▼            └─────────────┴────────────┴─────► lost
 *   declined
 *
 * The receiver does the business, so the receiver moves it: only they
 * accept or decline what they were given. Staff keep the board true and may
 * make every later move for them, but never accept or decline in their
 * name. The giver watches; a closed referral stays closed. */

typedef struct
{
  CercleReferralStatus from;
  CercleReferralStatus to;
  CercleReferralActor  who;
} Move;

#define RECEIVER CERCLE_REFERRAL_ACTOR_RECEIVER
#define RECEIVER_OR_STAFF (CERCLE_REFERRAL_ACTOR_RECEIVER | CERCLE_REFERRAL_ACTOR_STAFF)

static const Move moves[] = {
  { CERCLE_REFERRAL_STATUS_PROPOSED,  CERCLE_REFERRAL_STATUS_ACCEPTED,  RECEIVER },
  { CERCLE_REFERRAL_STATUS_PROPOSED,  CERCLE_REFERRAL_STATUS_DECLINED,  RECEIVER },
  { CERCLE_REFERRAL_STATUS_ACCEPTED,  CERCLE_REFERRAL_STATUS_CONTACTED, RECEIVER_OR_STAFF },
  { CERCLE_REFERRAL_STATUS_ACCEPTED,  CERCLE_REFERRAL_STATUS_LOST,      RECEIVER_OR_STAFF },
  { CERCLE_REFERRAL_STATUS_CONTACTED, CERCLE_REFERRAL_STATUS_QUOTED,    RECEIVER_OR_STAFF },
  { CERCLE_REFERRAL_STATUS_CONTACTED, CERCLE_REFERRAL_STATUS_WON,       RECEIVER_OR_STAFF },
  { CERCLE_REFERRAL_STATUS_CONTACTED, CERCLE_REFERRAL_STATUS_LOST,      RECEIVER_OR_STAFF },
  { CERCLE_REFERRAL_STATUS_QUOTED,    CERCLE_REFERRAL_STATUS_WON,       RECEIVER_OR_STAFF },
  { CERCLE_REFERRAL_STATUS_QUOTED,    CERCLE_REFERRAL_STATUS_LOST,      RECEIVER_OR_STAFF },
};

/* Still being worked on: on the board, with a temperature */
gboolean
cercle_referral_status_is_open (CercleReferralStatus status)
{
  switch (status)
    {
    case CERCLE_REFERRAL_STATUS_PROPOSED:
    case CERCLE_REFERRAL_STATUS_ACCEPTED:
    case CERCLE_REFERRAL_STATUS_CONTACTED:
    case CERCLE_REFERRAL_STATUS_QUOTED:
      return TRUE;

    case CERCLE_REFERRAL_STATUS_WON:
    case CERCLE_REFERRAL_STATUS_LOST:
    case CERCLE_REFERRAL_STATUS_DECLINED:
    default:
      return FALSE;
    }
}

/* Over: shown with its outcome, amount and date */
gboolean
cercle_referral_status_is_closed (CercleReferralStatus status)
{
  switch (status)
    {
    case CERCLE_REFERRAL_STATUS_WON:
    case CERCLE_REFERRAL_STATUS_LOST:
    case CERCLE_REFERRAL_STATUS_DECLINED:
      return TRUE;

    case CERCLE_REFERRAL_STATUS_PROPOSED:
    case CERCLE_REFERRAL_STATUS_ACCEPTED:
    case CERCLE_REFERRAL_STATUS_CONTACTED:
    case CERCLE_REFERRAL_STATUS_QUOTED:
    default:
      return FALSE;
    }
}

/* Moving there records the business closed, in cents */
gboolean
cercle_referral_status_needs_amount (CercleReferralStatus status)
{
  return status == CERCLE_REFERRAL_STATUS_WON;
}

CercleReferralActor
cercle_referral_actor_for (const CercleViewer *viewer,
                           CercleReferral     *referral)
{
  CercleReferralActor actor = CERCLE_REFERRAL_ACTOR_NONE;

  g_return_val_if_fail (viewer != NULL, CERCLE_REFERRAL_ACTOR_NONE);
  g_return_val_if_fail (CERCLE_IS_REFERRAL (referral), CERCLE_REFERRAL_ACTOR_NONE);

  if (cercle_viewer_is (viewer, cercle_referral_get_giver_id (referral)))
    actor |= CERCLE_REFERRAL_ACTOR_GIVER;
  if (cercle_viewer_is (viewer, cercle_referral_get_receiver_id (referral)))
    actor |= CERCLE_REFERRAL_ACTOR_RECEIVER;
  if (viewer->is_staff)
    actor |= CERCLE_REFERRAL_ACTOR_STAFF;

  return actor;
}

/**
 * cercle_referral_status_can_move:
 *
 * Returns: whether @actor may move a referral from @from to @to; staying
 *   in the same status is not a move
 */
gboolean
cercle_referral_status_can_move (CercleReferralStatus from,
                                 CercleReferralStatus to,
                                 CercleReferralActor  actor)
{
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (moves[i].from == from && moves[i].to == to)
      return (moves[i].who & actor) != 0;

  return FALSE;
}

/**
 * cercle_referral_status_list_moves:
 * @moves_out: (out caller-allocates) (array fixed-size=7): the statuses
 *   @actor may move a referral to from @from, in board order
 *
 * Returns: how many there are
 */
guint
cercle_referral_status_list_moves (CercleReferralStatus from,
                                   CercleReferralActor  actor,
                                   CercleReferralStatus moves_out[CERCLE_REFERRAL_N_STATUSES])
{
  guint n = 0;

  for (guint to = 0; to < CERCLE_REFERRAL_N_STATUSES; to++)
    if (cercle_referral_status_can_move (from, to, actor))
      moves_out[n++] = to;

  return n;
}

/**
 * cercle_referral_get_days_still:
 * @today: the day it is, as "YYYY-MM-DD"
 *
 * Returns: for how many days the status of @referral has not moved (since
 *   it was given, when it never moved); -1 when its dates cannot be read
 */
int
cercle_referral_get_days_still (CercleReferral *referral,
                                const char     *today)
{
  const char *since;

  g_return_val_if_fail (CERCLE_IS_REFERRAL (referral), -1);
  g_return_val_if_fail (today != NULL, -1);

  since = cercle_referral_get_moved_on (referral);
  if (since == NULL || *since == '\0')
    since = cercle_referral_get_given_on (referral);

  return cercle_days_between (since, today);
}

/**
 * cercle_referral_is_stale:
 *
 * Returns: whether @referral is still open and has not moved for
 *   %CERCLE_REFERRAL_STALE_DAYS days or more: someone should follow it up
 */
gboolean
cercle_referral_is_stale (CercleReferral *referral,
                          const char     *today)
{
  g_return_val_if_fail (CERCLE_IS_REFERRAL (referral), FALSE);

  return cercle_referral_status_is_open (cercle_referral_get_status (referral)) &&
         cercle_referral_get_days_still (referral, today) >= CERCLE_REFERRAL_STALE_DAYS;
}

/**
 * cercle_referral_apply_move:
 * @amount_cents: the business closed, for a move to a status that
 *   cercle_referral_status_needs_amount(); ignored otherwise
 * @today: the day of the move, as "YYYY-MM-DD"
 *
 * Writes into @referral (a copy about to be saved) what moving it to @to
 * records: the status, the day it moved, the day it closed and the amount
 * of business, if any. Whether the move is allowed is
 * cercle_permission_check()'s to say.
 */
void
cercle_referral_apply_move (CercleReferral       *referral,
                            CercleReferralStatus  to,
                            gint64                amount_cents,
                            const char           *today)
{
  g_return_if_fail (CERCLE_IS_REFERRAL (referral));
  g_return_if_fail (to < CERCLE_REFERRAL_N_STATUSES);
  g_return_if_fail (today != NULL);

  g_object_set (referral,
                "status", to,
                "moved-on", today,
                "closed-on", cercle_referral_status_is_closed (to) ? today : NULL,
                "amount-cents", cercle_referral_status_needs_amount (to) ? MAX (amount_cents, 0) : (gint64)0,
                NULL);
}
