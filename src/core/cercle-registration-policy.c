/* cercle-registration-policy.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-registration-policy"

#include "config.h"

#include "cercle-registration-policy.h"
#include "cercle-time.h"

/* Seats and the waitlist. An event's capacity counts every "yes", members
 * and guests alike; 0 means no limit (a video call). A "yes" that finds
 * the event full waits; when a seat frees, the waitlist moves up in the
 * order people asked, first come first served. Someone checked in at the
 * door has a seat whatever the count: they are in the room. The club's
 * server applies these rules to every registration it accepts, and
 * decides; the app applies them too, so that answers and check-ins made
 * offline already look as the server will make them.
 *
 * Regularity: a member was expected at an event they answered "yes" to
 * once its attendance was taken (anything but "unknown"); they attended
 * when they were present or late. Excused, absent and sent a substitute
 * are expected and not attended: the rate says how often the member was
 * in the room, and an excuse, however good, is not being there (staff
 * read the excuses on the attendance sheet). The calendar's regularity
 * page and the attendance rate on a profile both count through these two
 * functions (cercle_store_get_member_regularity()), so they never
 * disagree. */

gboolean
cercle_registration_policy_takes_seat (CercleRegistration *registration)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (registration), FALSE);

  return !cercle_record_get_deleted (CERCLE_RECORD (registration)) &&
         cercle_registration_get_response (registration) == CERCLE_RESPONSE_YES;
}

gboolean
cercle_registration_policy_is_full (int   capacity,
                                    guint seats_taken)
{
  return capacity > 0 && seats_taken >= (guint)capacity;
}

/**
 * cercle_registration_policy_admit:
 * @seats_taken: the "yes" answers the event has, not counting this one
 * @wanted: what the person answered
 *
 * Returns: what the answer becomes: a "yes" (or a request for the
 *   waitlist) is a seat while there is one, else a place on the waitlist
 */
CercleResponse
cercle_registration_policy_admit (int            capacity,
                                  guint          seats_taken,
                                  CercleResponse wanted)
{
  if (wanted != CERCLE_RESPONSE_YES && wanted != CERCLE_RESPONSE_WAITLIST)
    return wanted;

  return cercle_registration_policy_is_full (capacity, seats_taken)
           ? CERCLE_RESPONSE_WAITLIST : CERCLE_RESPONSE_YES;
}

/* Who asked first: by registration time, then by id so that two answers
 * in the same second still have one order on every device. */
int
cercle_registration_policy_compare_queue (CercleRegistration *a,
                                          CercleRegistration *b)
{
  int cmp = cercle_time_compare (cercle_registration_get_registered_at (a),
                                 cercle_registration_get_registered_at (b));

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (cercle_record_get_id (CERCLE_RECORD (a)),
                    cercle_record_get_id (CERCLE_RECORD (b)));
}

guint
cercle_registration_policy_count_seats (CercleRegistration * const *registrations,
                                        guint                       n_registrations)
{
  guint seats = 0;

  for (guint i = 0; i < n_registrations; i++)
    if (cercle_registration_policy_takes_seat (registrations[i]))
      seats++;

  return seats;
}

static int
compare_queue_cb (gconstpointer a,
                  gconstpointer b)
{
  return cercle_registration_policy_compare_queue (*(CercleRegistration **)a,
                                                   *(CercleRegistration **)b);
}

static GPtrArray *
sorted_waitlist (CercleRegistration * const *registrations,
                 guint                       n_registrations)
{
  GPtrArray *waitlist = g_ptr_array_new ();

  for (guint i = 0; i < n_registrations; i++)
    if (!cercle_record_get_deleted (CERCLE_RECORD (registrations[i])) &&
        cercle_registration_get_response (registrations[i]) == CERCLE_RESPONSE_WAITLIST)
      g_ptr_array_add (waitlist, registrations[i]);

  g_ptr_array_sort (waitlist, compare_queue_cb);

  return waitlist;
}

/**
 * cercle_registration_policy_promotions:
 * @registrations: (array length=n_registrations): every registration of
 *   one event
 *
 * Returns: (transfer container) (element-type CercleRegistration): the
 *   waitlisted registrations that move up to "yes", in queue order, given
 *   the seats free now
 */
GPtrArray *
cercle_registration_policy_promotions (int                         capacity,
                                       CercleRegistration * const *registrations,
                                       guint                       n_registrations)
{
  g_autoptr(GPtrArray) waitlist = sorted_waitlist (registrations, n_registrations);
  guint seats = cercle_registration_policy_count_seats (registrations, n_registrations);
  guint free_seats;

  if (capacity <= 0)
    free_seats = waitlist->len;
  else
    free_seats = seats >= (guint)capacity ? 0 : (guint)capacity - seats;

  if (waitlist->len > free_seats)
    g_ptr_array_set_size (waitlist, free_seats);

  return g_steal_pointer (&waitlist);
}

/**
 * cercle_registration_policy_waitlist_place:
 *
 * Returns: @registration's place on the waitlist, from 1; 0 when it is
 *   not waiting
 */
guint
cercle_registration_policy_waitlist_place (CercleRegistration * const *registrations,
                                           guint                       n_registrations,
                                           CercleRegistration         *registration)
{
  g_autoptr(GPtrArray) waitlist = sorted_waitlist (registrations, n_registrations);
  const char *id = cercle_record_get_id (CERCLE_RECORD (registration));

  for (guint i = 0; i < waitlist->len; i++)
    if (g_str_equal (cercle_record_get_id (g_ptr_array_index (waitlist, i)), id))
      return i + 1;

  return 0;
}

/* Someone, the registrant or their substitute, is in the room */
gboolean
cercle_registration_policy_attendance_is_in (CercleAttendance attendance)
{
  return attendance == CERCLE_ATTENDANCE_PRESENT ||
         attendance == CERCLE_ATTENDANCE_LATE ||
         attendance == CERCLE_ATTENDANCE_SUBSTITUTE;
}

gboolean
cercle_registration_policy_is_checked_in (CercleRegistration *registration)
{
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (registration), FALSE);

  return cercle_registration_policy_attendance_is_in (cercle_registration_get_attendance (registration));
}

/**
 * cercle_registration_policy_decide:
 * @seats_taken: the seats of the event taken by others than @proposed
 * @current: (nullable): the registration as it is, %NULL for a new one
 * @proposed: the registration as someone wants it
 *
 * Returns: the answer @proposed gets: a seat kept stays, someone checked
 *   in has one, anyone else asking for one is admitted by
 *   cercle_registration_policy_admit()
 */
CercleResponse
cercle_registration_policy_decide (int                 capacity,
                                   guint               seats_taken,
                                   CercleRegistration *current,
                                   CercleRegistration *proposed)
{
  CercleResponse wanted;

  g_return_val_if_fail (!current || CERCLE_IS_REGISTRATION (current), CERCLE_RESPONSE_NO);
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (proposed), CERCLE_RESPONSE_NO);

  wanted = cercle_registration_get_response (proposed);

  if (wanted != CERCLE_RESPONSE_YES && wanted != CERCLE_RESPONSE_WAITLIST)
    return wanted;

  if (cercle_record_get_deleted (CERCLE_RECORD (proposed)))
    return wanted;

  if (current != NULL && cercle_registration_policy_takes_seat (current))
    return CERCLE_RESPONSE_YES;

  if (cercle_registration_policy_is_checked_in (proposed))
    return CERCLE_RESPONSE_YES;

  return cercle_registration_policy_admit (capacity, seats_taken, wanted);
}

/**
 * cercle_registration_policy_frees_seat:
 * @current: (nullable): the registration as it is
 *
 * Returns: whether going from @current to @proposed gives a seat back, so
 *   that the waitlist may move up
 */
gboolean
cercle_registration_policy_frees_seat (CercleRegistration *current,
                                       CercleRegistration *proposed)
{
  g_return_val_if_fail (!current || CERCLE_IS_REGISTRATION (current), FALSE);
  g_return_val_if_fail (CERCLE_IS_REGISTRATION (proposed), FALSE);

  return current != NULL &&
         cercle_registration_policy_takes_seat (current) &&
         !cercle_registration_policy_takes_seat (proposed);
}

gboolean
cercle_registration_policy_counts_as_expected (CercleResponse   response,
                                               CercleAttendance attendance)
{
  return response == CERCLE_RESPONSE_YES && attendance != CERCLE_ATTENDANCE_UNKNOWN;
}

gboolean
cercle_registration_policy_counts_as_attended (CercleResponse   response,
                                               CercleAttendance attendance)
{
  return response == CERCLE_RESPONSE_YES &&
         (attendance == CERCLE_ATTENDANCE_PRESENT || attendance == CERCLE_ATTENDANCE_LATE);
}

/**
 * cercle_registration_policy_attendance_rate:
 *
 * Returns: @attended out of @expected, from 0 to 1; -1 when the member was
 *   expected nowhere, which is no rate at all rather than a bad one
 */
double
cercle_registration_policy_attendance_rate (guint attended,
                                            guint expected)
{
  if (expected == 0)
    return -1;

  return (double)MIN (attended, expected) / expected;
}
