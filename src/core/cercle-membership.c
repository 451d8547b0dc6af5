/* cercle-membership.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-membership"

#include "config.h"

#include <string.h>

#include "cercle-membership.h"

/* A membership's life, which staff run. Clubs recruit by cooptation: a
 * candidate comes in with a sponsor, staff approve them (they are a
 * member from that day) or not, and a member who leaves becomes alumni,
 * who may come back. Views ask these rules which moves to offer. */

/**
 * cercle_membership_can_move:
 *
 * Returns: whether @viewer may move a membership from @from to @to
 */
gboolean
cercle_membership_can_move (const CercleViewer *viewer,
                            CercleMemberStatus  from,
                            CercleMemberStatus  to)
{
  g_return_val_if_fail (viewer != NULL, FALSE);

  if (!viewer->is_staff || from == to)
    return FALSE;

  switch (from)
    {
    case CERCLE_MEMBER_STATUS_CANDIDATE:
      /* Approved; a candidate who is not is simply not kept */
      return to == CERCLE_MEMBER_STATUS_ACTIVE;

    case CERCLE_MEMBER_STATUS_ACTIVE:
      return to == CERCLE_MEMBER_STATUS_ALUMNI;

    case CERCLE_MEMBER_STATUS_ALUMNI:
      return to == CERCLE_MEMBER_STATUS_ACTIVE;

    default:
      return FALSE;
    }
}

/**
 * cercle_membership_list_moves:
 * @moves: (out caller-allocates): filled with the statuses @viewer may
 *   move a membership in @from to
 *
 * Returns: how many
 */
guint
cercle_membership_list_moves (const CercleViewer *viewer,
                              CercleMemberStatus  from,
                              CercleMemberStatus  moves[CERCLE_MEMBERSHIP_N_STATUSES])
{
  guint n = 0;

  g_return_val_if_fail (viewer != NULL, 0);

  for (CercleMemberStatus to = 0; to < CERCLE_MEMBERSHIP_N_STATUSES; to++)
    if (cercle_membership_can_move (viewer, from, to))
      moves[n++] = to;

  return n;
}

/**
 * cercle_membership_move:
 * @now: the day it happens
 *
 * Moves @member to @to: a candidate approved, or alumni coming back,
 * is a member from @now on, unless the club already knew since when.
 */
void
cercle_membership_move (CercleMember       *member,
                        CercleMemberStatus  to,
                        GDateTime          *now)
{
  g_return_if_fail (CERCLE_IS_MEMBER (member));
  g_return_if_fail (now != NULL);

  if (to == CERCLE_MEMBER_STATUS_ACTIVE && cercle_member_get_joined_on (member) == NULL)
    {
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      g_object_set (member, "joined-on", today, NULL);
    }

  g_object_set (member, "status", to, NULL);
}

/**
 * cercle_membership_needs_sponsor:
 *
 * Returns: whether a member of @status must have a sponsor: candidates do
 */
gboolean
cercle_membership_needs_sponsor (CercleMemberStatus status)
{
  return status == CERCLE_MEMBER_STATUS_CANDIDATE;
}

/**
 * cercle_membership_dues_overdue:
 *
 * Returns: whether an active member's dues ran out before @now (or were
 *   never paid); alumni and candidates owe nothing
 */
gboolean
cercle_membership_dues_overdue (CercleMember *member,
                                GDateTime    *now)
{
  g_autofree char *today = NULL;
  const char *paid_until;

  g_return_val_if_fail (CERCLE_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (cercle_member_get_status (member) != CERCLE_MEMBER_STATUS_ACTIVE ||
      cercle_member_get_role (member) == CERCLE_MEMBER_ROLE_STAFF)
    return FALSE;

  paid_until = cercle_member_get_dues_paid_until (member);
  if (paid_until == NULL || *paid_until == '\0')
    return TRUE;

  today = g_date_time_format (now, "%Y-%m-%d");

  /* Both are days written YYYY-MM-DD: they compare as text */
  return strncmp (paid_until, today, 10) < 0;
}
