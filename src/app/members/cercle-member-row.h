/* cercle-member-row.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_MEMBER_ROW (cercle_member_row_get_type ())

G_DECLARE_FINAL_TYPE (CercleMemberRow, cercle_member_row, CERCLE, MEMBER_ROW, GtkWidget)

CercleMember *cercle_member_row_get_member (CercleMemberRow *self);
void          cercle_member_row_set_member (CercleMemberRow *self,
                                            CercleMember    *member);
void          cercle_member_row_set_terms  (CercleMemberRow   *self,
                                            CercleSearchTerms *terms);
void          cercle_member_row_show       (CercleMemberRow   *self,
                                            CercleMember      *member,
                                            CercleSearchTerms *terms);

G_END_DECLS
