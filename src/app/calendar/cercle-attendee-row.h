/* cercle-attendee-row.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cercle-core.h"

G_BEGIN_DECLS

#define CERCLE_TYPE_ATTENDEE_ROW (cercle_attendee_row_get_type ())

G_DECLARE_FINAL_TYPE (CercleAttendeeRow, cercle_attendee_row, CERCLE, ATTENDEE_ROW, GtkWidget)

GtkWidget          *cercle_attendee_row_new              (CercleStore        *store);
void                cercle_attendee_row_set_registration (CercleAttendeeRow  *self,
                                                          CercleRegistration *registration);
CercleRegistration *cercle_attendee_row_get_registration (CercleAttendeeRow  *self);
void                cercle_attendee_row_set_editable     (CercleAttendeeRow  *self,
                                                          gboolean            editable,
                                                          gboolean            check_in);
char               *cercle_registration_dup_name         (CercleStore        *store,
                                                          CercleRegistration *registration,
                                                          char              **company);

G_END_DECLS
