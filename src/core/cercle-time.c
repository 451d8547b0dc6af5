/* cercle-time.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-time"

#include "config.h"

#include <glib/gi18n.h>

#include "cercle-time.h"

/* Times of the club. Every time is stored in one form, UTC as
 * "YYYY-MM-DDTHH:MM:SSZ", whatever wrote it (a form, an iCalendar file, the
 * club's server); an event also keeps the IANA id of its time zone, so that
 * a breakfast at 07:30 in Paris stays at 07:30 across daylight saving.
 * Times are compared as instants, never as strings: "2026-11-24T07:30:00+01:00"
 * and "2026-11-24T06:30:00Z" are the same time. */

G_DEFINE_QUARK (cercle-time-error-quark, cercle_time_error)

/**
 * cercle_time_zone_new:
 * @identifier: (nullable): an IANA time zone id such as "Europe/Paris";
 *   %NULL or empty for the club's default
 *
 * Returns: (transfer full): the zone, or %NULL with @error set when the id
 *   is unknown to the system's time zone database
 */
GTimeZone *
cercle_time_zone_new (const char  *identifier,
                      GError     **error)
{
  GTimeZone *tz;

  if (identifier == NULL || *identifier == '\0')
    identifier = CERCLE_DEFAULT_TIME_ZONE;

  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    g_set_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_UNKNOWN_ZONE,
                 _("“%s” is not a known time zone."), identifier);

  return tz;
}

/**
 * cercle_time_parse:
 * @text: an ISO 8601 date and time; one without an offset is a wall-clock
 *   time in @time_zone
 * @time_zone: (nullable): an IANA id, %NULL for the club's default
 *
 * Returns: (transfer full): the time, or %NULL with @error set
 */
GDateTime *
cercle_time_parse (const char  *text,
                   const char  *time_zone,
                   GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  GDateTime *date_time;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID,
                           _("A date and time is missing."));
      return NULL;
    }

  if (!(tz = cercle_time_zone_new (time_zone, error)))
    return NULL;

  date_time = g_date_time_new_from_iso8601 (text, tz);
  if (date_time == NULL)
    g_set_error (error, CERCLE_TIME_ERROR, CERCLE_TIME_ERROR_INVALID,
                 _("“%s” is not a date and time."), text);

  return date_time;
}

/* The one stored form; seconds only, as every writer agrees on them */
char *
cercle_time_format_utc (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  utc = g_date_time_to_utc (date_time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * cercle_time_normalize:
 *
 * Returns: (transfer full): @text in the stored form, or %NULL with @error
 *   set when it is not a time
 */
char *
cercle_time_normalize (const char  *text,
                       const char  *time_zone,
                       GError     **error)
{
  g_autoptr(GDateTime) date_time = cercle_time_parse (text, time_zone, error);

  if (date_time == NULL)
    return NULL;

  return cercle_time_format_utc (date_time);
}

/**
 * cercle_time_to_unix:
 * @normalized: (nullable): a time in any ISO 8601 form with an offset
 *
 * Returns: seconds since 1970 UTC, or %G_MININT64 for no time or one that
 *   cannot be read
 */
gint64
cercle_time_to_unix (const char *normalized)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date_time = NULL;

  if (normalized == NULL || *normalized == '\0')
    return G_MININT64;

  date_time = g_date_time_new_from_iso8601 (normalized, utc);
  if (date_time == NULL)
    return G_MININT64;

  return g_date_time_to_unix (date_time);
}

/**
 * cercle_time_compare:
 *
 * Orders two stored times as instants; a missing or unreadable time comes
 * first.
 */
int
cercle_time_compare (const char *a,
                     const char *b)
{
  gint64 ua = cercle_time_to_unix (a);
  gint64 ub = cercle_time_to_unix (b);

  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * cercle_time_local:
 *
 * Returns: (transfer full) (nullable): that wall-clock time in @time_zone
 *   (the club's default when %NULL or unknown)
 */
GDateTime *
cercle_time_local (int         year,
                   int         month,
                   int         day,
                   int         hour,
                   int         minute,
                   const char *time_zone)
{
  g_autoptr(GTimeZone) tz = cercle_time_zone_new (time_zone, NULL);

  if (tz == NULL)
    tz = cercle_time_zone_new (NULL, NULL);

  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

/**
 * cercle_time_same_weekday_next_month:
 * @date_time: a time, in the zone its wall clock is read in
 *
 * A monthly meeting's next date: the same weekday of the next month, in
 * the same week of it (the second Thursday stays the second Thursday), at
 * the same wall-clock time; a fifth weekday that the next month lacks
 * becomes its last one.
 *
 * Returns: (transfer full): the next date, in @date_time's zone
 */
GDateTime *
cercle_time_same_weekday_next_month (GDateTime *date_time)
{
  int year, month, day, week, weekday;
  int first_weekday, first_day, days;
  GDateMonth next_month;
  GDateYear next_year;

  g_return_val_if_fail (date_time != NULL, NULL);

  g_date_time_get_ymd (date_time, &year, &month, &day);
  week = (day - 1) / 7;
  weekday = g_date_time_get_day_of_week (date_time);

  next_month = month == 12 ? G_DATE_JANUARY : (GDateMonth)(month + 1);
  next_year = month == 12 ? (GDateYear)(year + 1) : (GDateYear)year;
  days = g_date_get_days_in_month (next_month, next_year);

  {
    GDate first;

    g_date_clear (&first, 1);
    g_date_set_dmy (&first, 1, next_month, next_year);
    first_weekday = g_date_get_weekday (&first);
  }

  first_day = 1 + (weekday - first_weekday + 7) % 7;
  day = first_day + 7 * week;
  while (day > days)
    day -= 7;

  return g_date_time_new (g_date_time_get_timezone (date_time), next_year, next_month, day,
                          g_date_time_get_hour (date_time), g_date_time_get_minute (date_time),
                          g_date_time_get_second (date_time));
}
