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

G_DEFINE_QUARK (cercle-format-error-quark, cercle_format_error)

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

/* The title of a column of the referral board, which holds referrals in
 * that status: "Proposed" above them, "Proposées" in French */
const char *
cercle_referral_status_to_plural (CercleReferralStatus status)
{
  switch (status)
    {
    case CERCLE_REFERRAL_STATUS_PROPOSED:
      return C_("referrals in status", "Proposed");
    case CERCLE_REFERRAL_STATUS_ACCEPTED:
      return C_("referrals in status", "Accepted");
    case CERCLE_REFERRAL_STATUS_CONTACTED:
      return C_("referrals in status", "Contacted");
    case CERCLE_REFERRAL_STATUS_QUOTED:
      return C_("referrals in status", "Quoted");
    case CERCLE_REFERRAL_STATUS_WON:
      return C_("referrals in status", "Won");
    case CERCLE_REFERRAL_STATUS_LOST:
      return C_("referrals in status", "Lost");
    case CERCLE_REFERRAL_STATUS_DECLINED:
      return C_("referrals in status", "Declined");
    default:
      return "";
    }
}

/* A referral's temperature as five dots and a word: "●●●○○ Warm" */
char *
cercle_format_temperature (int temperature)
{
  g_autoptr(GString) dots = g_string_new (NULL);

  temperature = CLAMP (temperature, 1, 5);
  for (int i = 1; i <= 5; i++)
    g_string_append (dots, i <= temperature ? "●" : "○");

  /* Translators: how well the giver prepared the contact, shown as
   * five dots and a word: "●●●○○ Warm" */
  return g_strdup_printf (_("%s %s"), dots->str, cercle_temperature_to_string (temperature));
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

/**
 * cercle_parse_day:
 * @ymd: (nullable): a calendar day as stored, "YYYY-MM-DD"
 * @date: (out caller-allocates): the day
 *
 * Returns: whether @ymd is a valid day
 */
gboolean
cercle_parse_day (const char *ymd,
                  GDate      *date)
{
  int year, month, day;
  char tail;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);

  if (ymd == NULL || sscanf (ymd, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
    return FALSE;

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);

  return TRUE;
}

/**
 * cercle_days_between:
 *
 * Returns: how many days from @from_ymd to @to_ymd (negative when @to_ymd
 *   comes first); -1 when either cannot be read
 */
int
cercle_days_between (const char *from_ymd,
                     const char *to_ymd)
{
  GDate from, to;

  if (!cercle_parse_day (from_ymd, &from) || !cercle_parse_day (to_ymd, &to))
    return -1;

  return g_date_days_between (&from, &to);
}

/**
 * cercle_today:
 *
 * Returns: (transfer full): the user's day, as stored: "YYYY-MM-DD"
 */
char *
cercle_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Spaces a person or a locale may put in a number: the space, the no-break
 * space (French grouping), the narrow no-break space (French since 2019)
 * and the apostrophe (Swiss grouping) */
static gboolean
is_group_space (gunichar c)
{
  return c == ' ' || c == 0x00a0 || c == 0x202f || c == '\'' || c == 0x2019;
}

static gboolean
invalid_amount (const char  *text,
                GError     **error)
{
  g_set_error (error, CERCLE_FORMAT_ERROR, CERCLE_FORMAT_ERROR_INVALID,
               _("“%s” is not an amount in euros, such as 12 500,00."), text);
  return FALSE;
}

/**
 * cercle_parse_money:
 * @text: what the user typed, such as "12 500,50 €", "12,500.50" or "1500"
 * @cents: (out): the amount in cents
 *
 * Reads an amount of euros as people write it, in French or in English:
 * a comma or a point followed by one or two digits ends the euros; a
 * point, comma or space followed by three digits groups them. An amount
 * never has three decimals, so "1,500" and "1.500" are both 1 500 €.
 *
 * Returns: whether @text is an amount; %FALSE with @error set to a
 *   sentence for the user otherwise
 */
gboolean
cercle_parse_money (const char  *text,
                    gint64      *cents,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GString) euros = g_string_new (NULL);
  g_autoptr(GString) fraction = g_string_new (NULL);
  const char *end;
  const char *p;
  gunichar decimal = 0;
  guint digits_in_group = 0;
  gboolean grouped = FALSE;
  gint64 value;

  g_return_val_if_fail (cents != NULL, FALSE);

  *cents = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return invalid_amount ("", error);

  /* The euro sign, or "EUR", may come before or after, with spaces */
  trimmed = g_strdup (text);
  for (gboolean again = TRUE; again; )
    {
      char *start = trimmed;
      gsize len;

      again = FALSE;
      while (*start != '\0' && (g_unichar_isspace (g_utf8_get_char (start)) ||
                                is_group_space (g_utf8_get_char (start))))
        start = g_utf8_next_char (start);
      memmove (trimmed, start, strlen (start) + 1);

      len = strlen (trimmed);
      while (len > 0)
        {
          const char *last = g_utf8_find_prev_char (trimmed, trimmed + len);
          gunichar c = g_utf8_get_char (last);

          if (!g_unichar_isspace (c) && !is_group_space (c))
            break;
          len = last - trimmed;
        }
      trimmed[len] = '\0';

      if (g_str_has_prefix (trimmed, "€"))
        memmove (trimmed, trimmed + strlen ("€"), strlen (trimmed) - strlen ("€") + 1), again = TRUE;
      else if (g_ascii_strncasecmp (trimmed, "EUR", 3) == 0)
        memmove (trimmed, trimmed + 3, strlen (trimmed) - 3 + 1), again = TRUE;
      if (g_str_has_suffix (trimmed, "€"))
        trimmed[strlen (trimmed) - strlen ("€")] = '\0', again = TRUE;
      else if (strlen (trimmed) >= 3 && g_ascii_strcasecmp (trimmed + strlen (trimmed) - 3, "EUR") == 0)
        trimmed[strlen (trimmed) - 3] = '\0', again = TRUE;
    }

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CERCLE_FORMAT_ERROR, CERCLE_FORMAT_ERROR_INVALID,
                           _("Enter an amount in euros."));
      return FALSE;
    }

  if (*trimmed == '-' || g_str_has_prefix (trimmed, "−"))
    {
      g_set_error_literal (error, CERCLE_FORMAT_ERROR, CERCLE_FORMAT_ERROR_INVALID,
                           _("An amount of business cannot be negative."));
      return FALSE;
    }

  /* The decimal mark, if any: the last comma or point, followed by one or
   * two digits and nothing else */
  end = trimmed + strlen (trimmed);
  for (p = end; p > trimmed; p--)
    {
      if (p[-1] == ',' || p[-1] == '.')
        {
          gsize after = end - p;

          if ((after == 1 || after == 2) && g_ascii_isdigit (p[0]) &&
              (after == 1 || g_ascii_isdigit (p[1])))
            {
              decimal = (gunichar)p[-1];
              g_string_append_len (fraction, p, after);
              end = p - 1;
            }
          break;
        }
      if (!g_ascii_isdigit (p[-1]))
        break;
    }

  /* The euros: digits, grouped by threes after any separator */
  for (p = trimmed; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c))
        {
          g_string_append_c (euros, (char)c);
          digits_in_group++;
          continue;
        }

      if (c == ',' || c == '.' || is_group_space (c))
        {
          /* A group needs digits before it, and three after the one before */
          if (euros->len == 0 || (grouped && digits_in_group != 3) || c == decimal)
            return invalid_amount (text, error);
          grouped = TRUE;
          digits_in_group = 0;
          continue;
        }

      return invalid_amount (text, error);
    }

  if (euros->len == 0 || (grouped && digits_in_group != 3))
    return invalid_amount (text, error);

  /* Up to a hundred billion euros: far beyond any club, far from overflow */
  while (euros->len > 1 && euros->str[0] == '0')
    g_string_erase (euros, 0, 1);
  if (euros->len > 12)
    {
      g_set_error_literal (error, CERCLE_FORMAT_ERROR, CERCLE_FORMAT_ERROR_INVALID,
                           _("This amount is too large."));
      return FALSE;
    }

  if (fraction->len == 1)
    g_string_append_c (fraction, '0');
  else if (fraction->len == 0)
    g_string_append (fraction, "00");

  value = g_ascii_strtoll (euros->str, NULL, 10) * 100 + g_ascii_strtoll (fraction->str, NULL, 10);
  *cents = value;

  return TRUE;
}

/* What ends a link written in running text: the sentence's punctuation
 * and closing quotes are not part of it */
static gboolean
is_trailing_punctuation (gunichar c)
{
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == ')' || c == ']' || c == '\'' || c == 0x00BB /* » */ || c == 0x2019 || c == 0x201D;
}

/**
 * cercle_format_linkify:
 * @text: (nullable): plain text, as a member or the staff typed it
 *
 * Makes Pango markup of @text where web (http, https) and mail (mailto)
 * addresses are links; everything else is escaped, so no markup of the
 * author's gets through, and no other kind of link (javascript:, file:…)
 * is ever made.
 *
 * Returns: (transfer full): Pango markup
 */
char *
cercle_format_linkify (const char *text)
{
  static GRegex *regex;
  static gsize regex_ready;
  g_autoptr(GMatchInfo) match = NULL;
  GString *out;
  const char *done;

  if (text == NULL)
    return g_strdup ("");

  if (g_once_init_enter (&regex_ready))
    {
      regex = g_regex_new ("\\b(?:https?://|mailto:)[^\\s<>\"«»]+",
                           G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex_ready, 1);
    }

  out = g_string_new (NULL);
  done = text;

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      const char *link_end;
      g_autofree char *link = NULL;
      g_autofree char *escaped_link = NULL;
      g_autofree char *escaped_before = NULL;
      const char *shown;

      g_match_info_fetch_pos (match, 0, &start, &end);
      link_end = text + end;
      while (link_end > text + start &&
             is_trailing_punctuation (g_utf8_get_char (g_utf8_prev_char (link_end))))
        link_end = g_utf8_prev_char (link_end);

      link = g_strndup (text + start, link_end - (text + start));
      escaped_before = g_markup_escape_text (done, (text + start) - done);
      g_string_append (out, escaped_before);

      escaped_link = g_markup_escape_text (link, -1);
      shown = g_ascii_strncasecmp (escaped_link, "mailto:", 7) == 0 ? escaped_link + 7 : escaped_link;
      if (*shown != '\0' && strlen (link) > (g_ascii_strncasecmp (link, "mailto:", 7) == 0 ? 7u : 8u))
        g_string_append_printf (out, "<a href=\"%s\">%s</a>", escaped_link, shown);
      else
        g_string_append (out, escaped_link);

      done = link_end;
      g_match_info_next (match, NULL);
    }

  {
    g_autofree char *rest = g_markup_escape_text (done, -1);

    g_string_append (out, rest);
  }

  return g_string_free (out, FALSE);
}
