/* cercle-referral-status.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-status"

#include "config.h"

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
