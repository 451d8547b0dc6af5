/* cercle-format.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-format"

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cercle-format.h"

/* Money is integer cents of euros. It is written with the user's monetary
 * conventions (LC_MONETARY): digit grouping, decimal mark and where the
 * currency sign goes, so that French users read "12 500,00 €" and English
 * users "€12,500.00". The currency stays the euro whatever the locale. */
char *
cercle_format_money (gint64 cents)
{
  const struct lconv *lc = localeconv ();
  const char *decimal_point = lc->mon_decimal_point;
  const char *thousands_sep = lc->mon_thousands_sep;
  const char *grouping = lc->mon_grouping;
  g_autofree char *digits = NULL;
  g_autoptr(GString) number = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean negative = cents < 0;
  guint64 magnitude = negative ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  gboolean cs_precedes;
  gboolean sep_by_space;
  gsize len;
  gsize i;
  int group_index = 0;
  int group_size;
  int in_group = 0;

  if (decimal_point == NULL || *decimal_point == '\0')
    {
      /* The C locale defines no monetary conventions: use the English ones. */
      decimal_point = ".";
      thousands_sep = ",";
      grouping = "\003";
    }
  if (thousands_sep == NULL)
    thousands_sep = "";
  if (grouping == NULL)
    grouping = "";

  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  len = strlen (digits);

  /* Group the integer digits from the right, following mon_grouping: each
   * byte is a group size, the last one repeats, CHAR_MAX stops grouping. */
  group_size = (grouping[0] > 0 && grouping[0] != CHAR_MAX && *thousands_sep != '\0')
               ? grouping[0] : 0;
  for (i = len; i > 0; i--)
    {
      if (group_size > 0 && in_group == group_size)
        {
          g_string_prepend (number, thousands_sep);
          in_group = 0;
          if (grouping[group_index + 1] != '\0')
            {
              group_index++;
              if (grouping[group_index] == CHAR_MAX)
                group_size = 0;
              else if (grouping[group_index] > 0)
                group_size = grouping[group_index];
            }
        }
      g_string_prepend_c (number, digits[i - 1]);
      in_group++;
    }

  g_string_append (number, decimal_point);
  g_string_append_printf (number, "%02u", (guint) (magnitude % 100));

  cs_precedes = negative ? lc->n_cs_precedes : lc->p_cs_precedes;
  sep_by_space = negative ? lc->n_sep_by_space : lc->p_sep_by_space;
  if (cs_precedes == CHAR_MAX)
    cs_precedes = TRUE;
  if (sep_by_space == CHAR_MAX)
    sep_by_space = FALSE;

  if (negative)
    g_string_append (out, "−");
  if (cs_precedes)
    {
      g_string_append (out, "€");
      if (sep_by_space)
        g_string_append (out, "\u00a0");
      g_string_append (out, number->str);
    }
  else
    {
      g_string_append (out, number->str);
      if (sep_by_space)
        g_string_append (out, "\u00a0");
      g_string_append (out, "€");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
collapse_spaces (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' && (out->len == 0 || out->str[out->len - 1] == ' '))
        continue;
      g_string_append_c (out, *p);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A count with the locale's digit grouping: "25,000", "25 000" */
char *
cercle_format_count (guint count)
{
  return g_strdup_printf ("%'u", count);
}

char *
cercle_format_date_time (GDateTime  *date_time,
                         const char *format)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  text = g_date_time_format (date_time, format);
  if (text == NULL)
    return g_strdup ("");

  /* %e pads single-digit days with a space, which a translation may use */
  return collapse_spaces (text);
}

/* A calendar day stored as "YYYY-MM-DD", written out for the locale. */
char *
cercle_format_day (const char *ymd)
{
  g_autoptr(GDateTime) date_time = NULL;
  int year, month, day;

  if (ymd == NULL || *ymd == '\0')
    return NULL;

  if (sscanf (ymd, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup (ymd);

  date_time = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (date_time == NULL)
    return g_strdup (ymd);

  /* Translators: a calendar date such as "24 November 2026", see the
   * g_date_time_format() documentation for the % codes. */
  return cercle_format_date_time (date_time, _("%-d %B %Y"));
}

char *
cercle_format_capitalize (const char *text)
{
  g_autofree char *first = NULL;
  const char *rest;

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  rest = g_utf8_next_char (text);
  first = g_utf8_strup (text, rest - text);
  return g_strconcat (first, rest, NULL);
}

char *
cercle_format_full_name (const char *first_name,
                         const char *last_name)
{
  if (first_name == NULL || *first_name == '\0')
    return g_strdup (last_name ? last_name : "");
  if (last_name == NULL || *last_name == '\0')
    return g_strdup (first_name);

  /* Translators: a person's full name: %1$s is the first name, %2$s the
   * last name. */
  return g_strdup_printf (_("%1$s %2$s"), first_name, last_name);
}

/* Parses a UTC ISO 8601 time and moves it to @time_zone (an IANA id such as
 * "Europe/Paris"); falls back to the local zone when the id is unknown. */
GDateTime *
cercle_parse_utc (const char *iso8601,
                  const char *time_zone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return NULL;

  if (time_zone != NULL && *time_zone != '\0')
    tz = g_time_zone_new_identifier (time_zone);
  if (tz == NULL)
    tz = g_time_zone_new_local ();

  return g_date_time_to_timezone (utc, tz);
}

const char *
cercle_event_kind_to_string (CercleEventKind kind)
{
  switch (kind)
    {
    case CERCLE_EVENT_KIND_MEETING:
      return C_("event kind", "Meeting");
    case CERCLE_EVENT_KIND_BREAKFAST:
      return C_("event kind", "Breakfast");
    case CERCLE_EVENT_KIND_LUNCH:
      return C_("event kind", "Lunch");
    case CERCLE_EVENT_KIND_DINNER:
      return C_("event kind", "Dinner");
    case CERCLE_EVENT_KIND_VISIT:
      return C_("event kind", "Company visit");
    case CERCLE_EVENT_KIND_VIDEO:
      return C_("event kind", "Video call");
    case CERCLE_EVENT_KIND_CONFERENCE:
      return C_("event kind", "Conference");
    case CERCLE_EVENT_KIND_OTHER:
    default:
      return C_("event kind", "Event");
    }
}

const char *
cercle_event_status_to_string (CercleEventStatus status)
{
  switch (status)
    {
    case CERCLE_EVENT_STATUS_CANCELLED:
      return C_("event status", "Cancelled");
    case CERCLE_EVENT_STATUS_DRAFT:
      return C_("event status", "Draft");
    case CERCLE_EVENT_STATUS_SCHEDULED:
    default:
      return C_("event status", "Scheduled");
    }
}

const char *
cercle_member_status_to_string (CercleMemberStatus status)
{
  switch (status)
    {
    case CERCLE_MEMBER_STATUS_CANDIDATE:
      return C_("member status", "Candidate");
    case CERCLE_MEMBER_STATUS_ALUMNI:
      return C_("member status", "Alumni");
    case CERCLE_MEMBER_STATUS_ACTIVE:
    default:
      return C_("member status", "Active member");
    }
}

const char *
cercle_referral_status_to_string (CercleReferralStatus status)
{
  switch (status)
    {
    case CERCLE_REFERRAL_STATUS_PROPOSED:
      return C_("referral status", "Proposed");
    case CERCLE_REFERRAL_STATUS_ACCEPTED:
      return C_("referral status", "Accepted");
    case CERCLE_REFERRAL_STATUS_CONTACTED:
      return C_("referral status", "Contacted");
    case CERCLE_REFERRAL_STATUS_QUOTED:
      return C_("referral status", "Quoted");
    case CERCLE_REFERRAL_STATUS_WON:
      return C_("referral status", "Won");
    case CERCLE_REFERRAL_STATUS_LOST:
      return C_("referral status", "Lost");
    case CERCLE_REFERRAL_STATUS_DECLINED:
      return C_("referral status", "Declined");
    default:
      return "";
    }
}

const char *
cercle_temperature_to_string (int temperature)
{
  if (temperature >= 4)
    return C_("referral temperature", "Hot");
  if (temperature == 3)
    return C_("referral temperature", "Warm");
  return C_("referral temperature", "Cold");
}
