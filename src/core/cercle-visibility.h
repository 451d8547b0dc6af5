/* cercle-visibility.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-club.h"
#include "cercle-event.h"
#include "cercle-member.h"
#include "cercle-mentoring.h"
#include "cercle-announcement.h"
#include "cercle-one-to-one.h"
#include "cercle-referral.h"
#include "cercle-registration.h"

G_BEGIN_DECLS

/* Who is looking: the local user of the app, or the account a server
 * answers. A viewer with no member id is nobody in the club. */
struct _CercleViewer
{
  char     *member_id;
  gboolean  is_staff;
};

#define CERCLE_TYPE_VIEWER (cercle_viewer_get_type ())

GType          cercle_viewer_get_type        (void) G_GNUC_CONST;
CercleViewer  *cercle_viewer_new             (const char          *member_id,
                                              gboolean             is_staff);
CercleViewer  *cercle_viewer_copy            (const CercleViewer  *self);
void           cercle_viewer_free            (CercleViewer        *self);
gboolean       cercle_viewer_is              (const CercleViewer  *self,
                                              const char          *member_id);

const char * const *cercle_visibility_private_capable_fields (void);
char         **cercle_visibility_parse_private_fields (const char  *private_fields);
char          *cercle_visibility_join_private_fields  (const char * const *columns);
gboolean       cercle_visibility_is_field_private (CercleMember       *member,
                                                   const char         *column);
gboolean       cercle_visibility_is_staff_only_field (const char      *column);
gboolean       cercle_visibility_can_see_member_field (const CercleViewer *viewer,
                                                       CercleMember       *member,
                                                       const char         *column);
void           cercle_visibility_redact_member (const CercleViewer *viewer,
                                                CercleMember       *member);
gboolean       cercle_visibility_can_see_drafts (const CercleViewer *viewer);
gboolean       cercle_visibility_can_see_event (const CercleViewer *viewer,
                                                CercleEvent        *event);
gboolean       cercle_visibility_can_see_regularity (const CercleViewer *viewer,
                                                     const char         *member_id);
gboolean       cercle_visibility_can_see_referral (const CercleViewer *viewer,
                                                   CercleReferral     *referral);
gboolean       cercle_visibility_can_see_one_to_one (const CercleViewer *viewer,
                                                     CercleOneToOne     *one_to_one);
gboolean       cercle_visibility_can_see_one_to_one_notes (const CercleViewer *viewer,
                                                           CercleOneToOne     *one_to_one);
void           cercle_visibility_redact_one_to_one (const CercleViewer *viewer,
                                                    CercleOneToOne     *one_to_one);
void           cercle_visibility_redact      (const CercleViewer  *viewer,
                                              CercleRecord        *record);
gboolean       cercle_visibility_can_see_member_business (const CercleViewer *viewer,
                                                          CercleClub         *club,
                                                          const char         *member_id);
gboolean       cercle_visibility_can_see_registration (const CercleViewer *viewer,
                                                       CercleRegistration *registration,
                                                       CercleEvent        *event);
void           cercle_visibility_redact_registration (const CercleViewer *viewer,
                                                      CercleRegistration *registration);

gboolean       cercle_visibility_can_see_mentoring (const CercleViewer *viewer,
                                                    CercleMentoring    *mentoring);
gboolean       cercle_visibility_can_see_announcement (const CercleViewer *viewer,
                                                       CercleAnnouncement *announcement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CercleViewer, cercle_viewer_free)

G_END_DECLS
