/* test-referrals-format.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "test-referrals.h"

/* Seasons and amounts, as the board shows and reads them */

void
test_season (void)
{
  char first[11], after[11];
  g_autofree char *name = cercle_format_season (2026);

  g_assert_cmpint (cercle_season_of_day ("2026-09-01"), ==, 2026);
  g_assert_cmpint (cercle_season_of_day ("2027-08-31"), ==, 2026);
  g_assert_cmpint (cercle_season_of_day ("2026-08-31"), ==, 2025);
  g_assert_cmpint (cercle_season_of_day ("nonsense"), ==, 0);
  g_assert_cmpint (cercle_season_month_index ("2026-09-14"), ==, 0);
  g_assert_cmpint (cercle_season_month_index ("2027-01-02"), ==, 4);
  g_assert_cmpint (cercle_season_month_index ("2027-08-02"), ==, 11);
  cercle_season_bounds (2026, first, after);
  g_assert_cmpstr (first, ==, "2026-09-01");
  g_assert_cmpstr (after, ==, "2027-09-01");
  g_assert_cmpstr (name, ==, "2026–2027");
}

void
test_parse_money (void)
{
  static const struct {
    const char *text;
    gint64      cents;
  } good[] = {
    { "12500", 1250000 },
    { "12 500,00", 1250000 },
    { "12\u00a0500,00\u00a0€", 1250000 },
    { "12\u202f500 €", 1250000 },
    { "€12,500.50", 1250050 },
    { "12.500,5", 1250050 },
    { "1,500", 150000 },
    { "1.500", 150000 },
    { "12,5", 1250 },
    { "0,99", 99 },
    { "  300 EUR ", 30000 },
    { "1'250.00", 125000 },
    { "007", 700 },
  };
  static const char * const bad[] = {
    "", "  ", "€", "douze", "-12", "−12", "12,345,67", "1,2,3", "12 50", "12.", ",50",
    "1e5", "12,500.5.0", "100000000000000", "12 500,00 $", "0x10",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      if (!cercle_parse_money (good[i].text, &cents, &error))
        g_error ("“%s” not read: %s", good[i].text, error->message);
      if (cents != good[i].cents)
        g_error ("“%s” read as %" G_GINT64_FORMAT " cents", good[i].text, cents);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      if (cercle_parse_money (bad[i], &cents, &error))
        g_error ("“%s” read as %" G_GINT64_FORMAT " cents", bad[i], cents);
      g_assert_error (error, CERCLE_FORMAT_ERROR, CERCLE_FORMAT_ERROR_INVALID);
      g_assert_cmpint (cents, ==, 0);
    }
}

/* In French, amounts are "12 500,00 €" and read back as they are written */
void
test_money_french (void)
{
  const char *saved = setlocale (LC_ALL, NULL);
  g_autofree char *previous = g_strdup (saved);
  g_autofree char *text = NULL;
  gint64 cents = 0;

  if (setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("the fr_FR.UTF-8 locale is missing (build-aux/dev makes it)");
      return;
    }

  text = cercle_format_money (1250000);
  g_assert_true (g_str_equal (text, "12\u202f500,00\u00a0€") || g_str_equal (text, "12\u00a0500,00\u00a0€"));
  g_assert_true (cercle_parse_money (text, &cents, NULL));
  g_assert_cmpint (cents, ==, 1250000);

  setlocale (LC_ALL, previous);
}
