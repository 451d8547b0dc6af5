/* cercle-membership.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-member.h"
#include "cercle-visibility.h"

G_BEGIN_DECLS

#define CERCLE_MEMBERSHIP_N_STATUSES (CERCLE_MEMBER_STATUS_ALUMNI + 1)

gboolean cercle_membership_can_move    (const CercleViewer *viewer,
                                        CercleMemberStatus  from,
                                        CercleMemberStatus  to);
guint    cercle_membership_list_moves  (const CercleViewer *viewer,
                                        CercleMemberStatus  from,
                                        CercleMemberStatus  moves[CERCLE_MEMBERSHIP_N_STATUSES]);
void     cercle_membership_move        (CercleMember       *member,
                                        CercleMemberStatus  to,
                                        GDateTime          *now);
gboolean cercle_membership_needs_sponsor (CercleMemberStatus status);
gboolean cercle_membership_dues_overdue (CercleMember      *member,
                                         GDateTime         *now);

G_END_DECLS
