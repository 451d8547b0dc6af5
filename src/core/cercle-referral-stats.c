/* cercle-referral-stats.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cercle-referral-stats"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cercle-format.h"
#include "cercle-referral-stats.h"

/* The figures of the statistics page, as the store computes them for a
 * viewer: counts and totals only, so that what the page shows, or exports,
 * cannot name another member's prospect. */

G_DEFINE_BOXED_TYPE (CercleReferralStats, cercle_referral_stats,
                     cercle_referral_stats_copy, cercle_referral_stats_free)

static void
member_activity_free (CercleMemberSeason *activity)
{
  g_free (activity->member_id);
  g_free (activity->name);
  g_free (activity);
}

CercleReferralStats *
cercle_referral_stats_new (int season)
{
  CercleReferralStats *self = g_new0 (CercleReferralStats, 1);

  self->season = season;
  self->members = g_ptr_array_new_with_free_func ((GDestroyNotify)member_activity_free);

  return self;
}

CercleReferralStats *
cercle_referral_stats_copy (const CercleReferralStats *self)
{
  CercleReferralStats *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->members = g_ptr_array_new_full (self->members->len, (GDestroyNotify)member_activity_free);

  for (guint i = 0; i < self->members->len; i++)
    {
      const CercleMemberSeason *activity = g_ptr_array_index (self->members, i);
      CercleMemberSeason *activity_copy = g_memdup2 (activity, sizeof *activity);

      activity_copy->member_id = g_strdup (activity->member_id);
      activity_copy->name = g_strdup (activity->name);
      g_ptr_array_add (copy->members, activity_copy);
    }

  return copy;
}

void
cercle_referral_stats_free (CercleReferralStats *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->members);
  g_free (self);
}

/**
 * cercle_referral_stats_add_member:
 *
 * Returns: (transfer none): a new row of the table, all zero
 */
CercleMemberSeason *
cercle_referral_stats_add_member (CercleReferralStats *self,
                                  const char          *member_id,
                                  const char          *name)
{
  CercleMemberSeason *activity;

  g_return_val_if_fail (self != NULL, NULL);

  activity = g_new0 (CercleMemberSeason, 1);
  activity->member_id = g_strdup (member_id);
  activity->name = g_strdup (name);
  g_ptr_array_add (self->members, activity);

  return activity;
}

/**
 * cercle_referral_stats_conversion:
 * @temperature: 1 to 5
 *
 * Returns: the share of the season's closed referrals of @temperature that
 *   were won, from 0 to 1; -1 when none closed
 */
double
cercle_referral_stats_conversion (const CercleReferralStats *self,
                                  int                        temperature)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (temperature >= 1 && temperature <= CERCLE_TEMPERATURE_MAX, -1);

  if (self->temperature_closed[temperature - 1] == 0)
    return -1;

  return (double)self->temperature_won[temperature - 1] / self->temperature_closed[temperature - 1];
}

/* A spreadsheet runs a cell that starts like a formula: a member's name is
 * typed by that member, so it is written as text */
static void
append_cell (GString    *csv,
             const char *text)
{
  gboolean formula;

  if (text == NULL)
    text = "";

  formula = text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;

  if (!formula && strpbrk (text, ";\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_count (GString *csv,
              guint    count)
{
  g_string_append_printf (csv, "%u", count);
}

/* Cents as a plain number a spreadsheet reads in the user's locale:
 * "12500,50" in French, "12500.50" in English */
static void
append_amount (GString *csv,
               gint64   cents)
{
  const char *decimal_point = localeconv ()->decimal_point;

  if (cents < 0)
    return;

  g_string_append_printf (csv, "%" G_GINT64_FORMAT "%s%02d",
                          cents / 100,
                          decimal_point != NULL && *decimal_point != '\0' ? decimal_point : ".",
                          (int)(cents % 100));
}

/**
 * cercle_referral_stats_to_csv:
 *
 * Writes the table of members as CSV for a spreadsheet: semicolons
 * between cells (what French spreadsheets expect, and English ones read),
 * UTF-8 with a byte order mark so that accents survive Excel, CRLF line
 * ends. Amounts the viewer may not see stay empty.
 *
 * Returns: (transfer full): the CSV text
 */
char *
cercle_referral_stats_to_csv (const CercleReferralStats *self)
{
  g_autoptr(GString) csv = g_string_new ("\xef\xbb\xbf");

  g_return_val_if_fail (self != NULL, NULL);

  /* Translators: column headings of the statistics exported as CSV */
  append_cell (csv, _("Member"));
  g_string_append_c (csv, ';');
  append_cell (csv, _("Referrals given"));
  g_string_append_c (csv, ';');
  append_cell (csv, _("Referrals received"));
  g_string_append_c (csv, ';');
  append_cell (csv, _("Referrals won"));
  g_string_append_c (csv, ';');
  append_cell (csv, _("Business closed (€)"));
  g_string_append_c (csv, ';');
  append_cell (csv, _("One-to-ones"));
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < self->members->len; i++)
    {
      const CercleMemberSeason *activity = g_ptr_array_index (self->members, i);

      append_cell (csv, activity->name);
      g_string_append_c (csv, ';');
      append_count (csv, activity->given);
      g_string_append_c (csv, ';');
      append_count (csv, activity->received);
      g_string_append_c (csv, ';');
      append_count (csv, activity->won);
      g_string_append_c (csv, ';');
      append_amount (csv, activity->business_cents);
      g_string_append_c (csv, ';');
      append_count (csv, activity->one_to_ones);
      g_string_append (csv, "\r\n");
    }

  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/**
 * cercle_season_of_day:
 * @ymd: a day, "YYYY-MM-DD"
 *
 * Returns: the first year of the season @ymd falls in (2026 for every day
 *   from 1 September 2026 to 31 August 2027); 0 when @ymd is no day
 */
int
cercle_season_of_day (const char *ymd)
{
  GDate date;

  if (!cercle_parse_day (ymd, &date))
    return 0;

  return g_date_get_month (&date) >= G_DATE_SEPTEMBER ? g_date_get_year (&date)
                                                      : g_date_get_year (&date) - 1;
}

/**
 * cercle_season_bounds:
 * @first_day: (out caller-allocates): the season's first day
 * @day_after: (out caller-allocates): the day after its last
 *
 * Both as stored, "YYYY-MM-DD", so that a day is in the season when
 * first_day <= day < day_after, compared as text.
 */
void
cercle_season_bounds (int  season,
                      char first_day[11],
                      char day_after[11])
{
  season = CLAMP (season, 1, 9998);

  g_snprintf (first_day, 11, "%04d-09-01", season);
  g_snprintf (day_after, 11, "%04d-09-01", season + 1);
}

/**
 * cercle_season_month_index:
 *
 * Returns: where @ymd's month comes in its season: 0 for September to 11
 *   for August; -1 when @ymd is no day
 */
int
cercle_season_month_index (const char *ymd)
{
  GDate date;

  if (!cercle_parse_day (ymd, &date))
    return -1;

  return ((int)g_date_get_month (&date) - G_DATE_SEPTEMBER + 12) % 12;
}

/**
 * cercle_format_season:
 *
 * Returns: (transfer full): the season's name, such as "2026–2027"
 */
char *
cercle_format_season (int season)
{
  /* Translators: a club's season, from September of one year to the
   * summer of the next, as in "2026–2027" */
  return g_strdup_printf (_("%d–%d"), season, season + 1);
}
