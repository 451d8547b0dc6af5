/* cercle-registration-policy.h
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cercle-event.h"
#include "cercle-registration.h"

G_BEGIN_DECLS

gboolean        cercle_registration_policy_takes_seat     (CercleRegistration         *registration);
gboolean        cercle_registration_policy_is_full        (int                         capacity,
                                                           guint                       seats_taken);
CercleResponse  cercle_registration_policy_admit          (int                         capacity,
                                                           guint                       seats_taken,
                                                           CercleResponse              wanted);
int             cercle_registration_policy_compare_queue  (CercleRegistration         *a,
                                                           CercleRegistration         *b);
guint           cercle_registration_policy_count_seats    (CercleRegistration * const *registrations,
                                                           guint                       n_registrations);
GPtrArray      *cercle_registration_policy_promotions     (int                         capacity,
                                                           CercleRegistration * const *registrations,
                                                           guint                       n_registrations);
guint           cercle_registration_policy_waitlist_place (CercleRegistration * const *registrations,
                                                           guint                       n_registrations,
                                                           CercleRegistration         *registration);
gboolean        cercle_registration_policy_attendance_is_in (CercleAttendance           attendance);
gboolean        cercle_registration_policy_is_checked_in  (CercleRegistration         *registration);
CercleResponse  cercle_registration_policy_decide         (int                         capacity,
                                                           guint                       seats_taken,
                                                           CercleRegistration         *current,
                                                           CercleRegistration         *proposed);
gboolean        cercle_registration_policy_frees_seat     (CercleRegistration         *current,
                                                           CercleRegistration         *proposed);
gboolean        cercle_registration_policy_counts_as_expected (CercleResponse          response,
                                                           CercleAttendance            attendance);
gboolean        cercle_registration_policy_counts_as_attended (CercleResponse          response,
                                                           CercleAttendance            attendance);
double          cercle_registration_policy_attendance_rate (guint                      attended,
                                                           guint                       expected);

G_END_DECLS
