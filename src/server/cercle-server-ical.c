/* cercle-server-ical.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-server-ical"

#include "config.h"

#include <libical/ical.h>

#include "cercle-server-ical.h"

/* A member's calendar feed: the club's events as iCalendar, written by
 * libical so that any calendar app reads it. Times are UTC, as stored;
 * the event's own zone is for showing it, which calendar apps do in
 * their user's zone anyway. */

static gboolean
ical_time (const char            *iso8601,
           struct icaltimetype   *time)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (iso8601 == NULL || *iso8601 == '\0')
    return FALSE;

  parsed = g_date_time_new_from_iso8601 (iso8601, utc);
  if (parsed == NULL)
    return FALSE;

  *time = icaltime_from_timet_with_zone ((time_t)g_date_time_to_unix (parsed), 0,
                                         icaltimezone_get_utc_timezone ());
  return TRUE;
}

static void
add_text (icalcomponent *component,
          icalproperty  *(*make) (const char *),
          const char    *text)
{
  if (text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL))
    icalcomponent_add_property (component, make (text));
}

static icalcomponent *
event_component (CercleEvent               *event,
                 const struct icaltimetype *stamp)
{
  CercleRecord *record = CERCLE_RECORD (event);
  g_autofree char *uid = g_strdup_printf ("%s@cercle", cercle_record_get_id (record));
  g_autoptr(GString) description = g_string_new (cercle_event_get_description (event));
  struct icaltimetype start;
  struct icaltimetype end;
  struct icaltimetype modified;
  icalcomponent *vevent;

  if (!ical_time (cercle_event_get_starts_at (event), &start))
    return NULL;

  vevent = icalcomponent_new_vevent ();
  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (*stamp));
  icalcomponent_add_property (vevent, icalproperty_new_dtstart (start));
  if (ical_time (cercle_event_get_ends_at (event), &end))
    icalcomponent_add_property (vevent, icalproperty_new_dtend (end));
  if (ical_time (cercle_record_get_updated_at (record), &modified))
    icalcomponent_add_property (vevent, icalproperty_new_lastmodified (modified));

  /* The rev only grows: calendar apps take a higher SEQUENCE as news */
  icalcomponent_add_property (vevent, icalproperty_new_sequence ((int)MIN (cercle_record_get_rev (record),
                                                                           G_MAXINT)));

  add_text (vevent, icalproperty_new_summary, cercle_event_get_title (event));
  add_text (vevent, icalproperty_new_location, cercle_event_get_place (event));
  add_text (vevent, icalproperty_new_url, cercle_event_get_video_url (event));

  if (cercle_event_get_video_url (event) != NULL && *cercle_event_get_video_url (event) != '\0')
    {
      if (description->len > 0)
        g_string_append (description, "\n\n");
      g_string_append (description, cercle_event_get_video_url (event));
    }
  add_text (vevent, icalproperty_new_description, description->str);

  icalcomponent_add_property (vevent,
                              icalproperty_new_status (cercle_event_get_status (event) == CERCLE_EVENT_STATUS_CANCELLED
                                                       ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));

  return vevent;
}

/**
 * cercle_server_ical_feed:
 * @club: (nullable): the club, for the calendar's name
 * @events: (element-type CercleEvent): the events the member may see
 * @now: the time of the feed, ISO 8601
 *
 * Returns: (transfer full): the feed, an iCalendar VCALENDAR
 */
char *
cercle_server_ical_feed (CercleClub *club,
                         GPtrArray  *events,
                         const char *now)
{
  icalcomponent *calendar = icalcomponent_new_vcalendar ();
  struct icaltimetype stamp;
  icalproperty *name;
  char *text;
  char *copy;

  if (!ical_time (now, &stamp))
    stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());

  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Cercle//cercle-server " PACKAGE_VERSION "//FR"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));

  if (club != NULL && cercle_club_get_name (club) != NULL && g_utf8_validate (cercle_club_get_name (club), -1, NULL))
    {
      name = icalproperty_new_x (cercle_club_get_name (club));
      icalproperty_set_x_name (name, "X-WR-CALNAME");
      icalcomponent_add_property (calendar, name);
    }

  for (guint i = 0; i < events->len; i++)
    {
      icalcomponent *vevent = event_component (g_ptr_array_index (events, i), &stamp);

      if (vevent != NULL)
        icalcomponent_add_component (calendar, vevent);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  copy = g_strdup (text);
  icalmemory_free_buffer (text);
  icalcomponent_free (calendar);

  return copy;
}
