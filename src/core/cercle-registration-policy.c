/* cercle-registration-policy.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-registration-policy"

#include "config.h"

#include "cercle-registration-policy.h"

/* Seats and the waitlist. An event's capacity counts every "yes", members
 * and guests alike; 0 means no limit (a video call). A "yes" that finds
 * the event full waits; when a seat frees, the waitlist moves up in the
 * order people asked, first come first served. The club's server applies
 * these rules to every registration it accepts, and decides; the app uses
 * them to say what will happen before it asks. */

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
  int cmp = g_strcmp0 (cercle_registration_get_registered_at (a),
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
