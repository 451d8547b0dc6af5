/* cercle-event-roster.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-event-roster"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cercle-event-roster.h"
#include "cercle-format.h"
#include "cercle-vcard.h"

/* What the badges and the sign-in sheet of an event show, read from the
 * club store once, on the main thread, so that the drawing can run in
 * another. Only the public store API is used here. */

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

static char *
dup_when (CercleEvent *event)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autofree char *day = NULL;
  g_autofree char *start_time = NULL;
  g_autofree char *end_time = NULL;

  starts = cercle_parse_utc (cercle_event_get_starts_at (event), cercle_event_get_time_zone (event));
  if (starts == NULL)
    return g_strdup ("");
  ends = cercle_parse_utc (cercle_event_get_ends_at (event), cercle_event_get_time_zone (event));

  /* Translators: the day of an event on its badges and sign-in sheet, as
   * in "Friday 27 November 2026"; see the g_date_time_format()
   * documentation for the % codes */
  day = cercle_format_date_time (starts, _("%A %-d %B %Y"));
  start_time = cercle_format_date_time (starts, _("%H:%M"));

  if (ends == NULL || g_date_time_compare (ends, starts) <= 0)
    /* Translators: an event's day and start time, as in
     * "Tuesday 24 November, 07:30" */
    return g_strdup_printf (_("%s, %s"), day, start_time);

  end_time = cercle_format_date_time (ends, _("%H:%M"));

  if (g_date_time_get_year (ends) == g_date_time_get_year (starts) &&
      g_date_time_get_day_of_year (ends) == g_date_time_get_day_of_year (starts))
    /* Translators: an event's day and time range, as in
     * "Tuesday 24 November, 07:30 – 09:30" */
    return g_strdup_printf (_("%s, %s – %s"), day, start_time, end_time);
  else
    {
      g_autofree char *end_day = cercle_format_date_time (ends, _("%A %-d %B %Y"));

      /* Translators: an event over several days, as in
       * "Friday 27 November, 18:00 – Saturday 28 November, 12:00" */
      return g_strdup_printf (_("%s, %s – %s, %s"), day, start_time, end_day, end_time);
    }
}

static CerclePresence
presence_from_attendance (CercleAttendance attendance)
{
  switch (attendance)
    {
    case CERCLE_ATTENDANCE_PRESENT:
      return CERCLE_PRESENCE_PRESENT;
    case CERCLE_ATTENDANCE_ABSENT:
      return CERCLE_PRESENCE_ABSENT;
    case CERCLE_ATTENDANCE_LATE:
      return CERCLE_PRESENCE_LATE;
    case CERCLE_ATTENDANCE_EXCUSED:
      return CERCLE_PRESENCE_EXCUSED;
    case CERCLE_ATTENDANCE_SUBSTITUTE:
      return CERCLE_PRESENCE_SUBSTITUTE;
    case CERCLE_ATTENDANCE_UNKNOWN:
    default:
      return CERCLE_PRESENCE_UNKNOWN;
    }
}

/* A guest is registered under one name: the first word is taken for the
 * first name ("Marie-Claire Dubois de Vallois": "Marie-Claire" and
 * "Dubois de Vallois"), which is right for nearly every French name. */
static void
split_guest_name (const char  *name,
                  char       **first,
                  char       **last)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  char *space = strchr (clean, ' ');

  if (space == NULL)
    {
      *first = g_strdup ("");
      *last = g_steal_pointer (&clean);
      return;
    }

  *first = g_strndup (clean, space - clean);
  *last = g_strstrip (g_strdup (space + 1));
}

static gboolean
add_registration (CercleRoster        *roster,
                  CercleStore         *store,
                  CercleRegistration  *registration)
{
  const char *member_id = cercle_registration_get_member_id (registration);
  CercleAttendee *attendee;

  if (has_text (member_id))
    {
      g_autoptr(CercleMember) member = NULL;
      const char *role;

      member = cercle_store_get_record (store, CERCLE_TYPE_MEMBER, member_id, NULL);
      if (member == NULL || cercle_record_get_deleted (CERCLE_RECORD (member)))
        return FALSE;

      role = cercle_member_get_job_title (member);
      if (!has_text (role))
        role = cercle_member_get_sector (member);

      attendee = cercle_roster_add (roster,
                                    cercle_member_get_first_name (member),
                                    cercle_member_get_last_name (member),
                                    cercle_member_get_company (member),
                                    role,
                                    cercle_member_get_role (member) == CERCLE_MEMBER_ROLE_STAFF
                                      ? CERCLE_ATTENDEE_STAFF : CERCLE_ATTENDEE_MEMBER);

      /* the member's card goes on the badge only if they said so */
      if (cercle_member_get_qr_consent (member))
        {
          g_autofree char *vcard = cercle_vcard_from_member (member);

          cercle_attendee_set_vcard (attendee, vcard);
        }
    }
  else
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      split_guest_name (cercle_registration_get_guest_name (registration), &first, &last);
      if (*first == '\0' && *last == '\0')
        return FALSE;

      attendee = cercle_roster_add (roster, first, last,
                                    cercle_registration_get_guest_company (registration),
                                    NULL, CERCLE_ATTENDEE_GUEST);
    }

  attendee->presence = presence_from_attendance (cercle_registration_get_attendance (registration));

  return TRUE;
}

/**
 * cercle_event_roster_new:
 *
 * Gathers who comes to the event @event_id: the members and guests whose
 * answer is yes, sorted by last name (see cercle_roster_sort()), with the
 * card of each member who agreed to a QR code, the club and the event.
 *
 * Returns: (transfer full): the roster, or %NULL with @error set when there
 *   is no such event
 */
CercleRoster *
cercle_event_roster_new (CercleStore  *store,
                         const char   *event_id,
                         GError      **error)
{
  g_autoptr(CercleRoster) roster = NULL;
  g_autoptr(CercleEvent) event = NULL;
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(GListModel) registrations = NULL;
  cairo_surface_t *logo = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *when = NULL;
  const char *place;
  guint n;

  g_return_val_if_fail (CERCLE_IS_STORE (store), NULL);
  g_return_val_if_fail (event_id != NULL, NULL);

  event = cercle_store_get_record (store, CERCLE_TYPE_EVENT, event_id, &local_error);
  if (event == NULL || cercle_record_get_deleted (CERCLE_RECORD (event)))
    {
      if (local_error != NULL &&
          !g_error_matches (local_error, CERCLE_DB_ERROR, CERCLE_DB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_set_error (error, CERCLE_PRINT_ERROR, CERCLE_PRINT_ERROR_NOT_FOUND,
                   _("There is no event “%s” in this club."), event_id);
      return NULL;
    }

  registrations = cercle_store_list_registrations (store, event_id, error);
  if (registrations == NULL)
    return NULL;

  roster = cercle_roster_new ();

  club = cercle_store_dup_club (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (club != NULL)
    logo = cercle_logo_from_data_uri (cercle_club_get_logo (club), CERCLE_CLUB_LOGO_MAX_BYTES);
  cercle_roster_set_club (roster, club ? cercle_club_get_name (club) : "", logo);
  g_clear_pointer (&logo, cairo_surface_destroy);

  place = cercle_event_get_place (event);
  if (!has_text (place) && (cercle_event_get_kind (event) == CERCLE_EVENT_KIND_VIDEO ||
                            has_text (cercle_event_get_video_url (event))))
    /* Translators: where a video call takes place */
    place = _("Online");

  when = dup_when (event);
  cercle_roster_set_event (roster, cercle_event_get_title (event), when, place);

  n = g_list_model_get_n_items (registrations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CercleRegistration) registration = g_list_model_get_item (registrations, i);

      if (cercle_registration_get_response (registration) != CERCLE_RESPONSE_YES)
        continue;

      add_registration (roster, store, registration);
    }

  cercle_roster_sort (roster);

  return g_steal_pointer (&roster);
}
