/* cercle-member-details.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-context.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MEMBER_DETAILS (cercle_member_details_get_type ())

G_DECLARE_FINAL_TYPE (CercleMemberDetails, cercle_member_details, CERCLE, MEMBER_DETAILS, GtkWidget)

CercleContext *cercle_member_details_get_context (CercleMemberDetails *self);
void           cercle_member_details_set_context (CercleMemberDetails *self,
                                                  CercleContext       *context);
CercleMember  *cercle_member_details_get_member  (CercleMemberDetails *self);
void           cercle_member_details_set_member  (CercleMemberDetails *self,
                                                  CercleMember        *member);

G_END_DECLS
