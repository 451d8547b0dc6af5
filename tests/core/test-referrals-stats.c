/* test-referrals-stats.c
 *
 * Copyright 2026 The Cercle developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-referrals.h"

/* The club's worth: statistics of a season on the hand-built club */

static CercleMemberSeason *
activity_of (CercleReferralStats *stats,
             const char          *member_id)
{
  for (guint i = 0; i < stats->members->len; i++)
    {
      CercleMemberSeason *activity = g_ptr_array_index (stats->members, i);

      if (g_str_equal (activity->member_id, member_id))
        return activity;
    }

  g_assert_not_reached ();
}

static CercleReferralStats *
compute_stats (CercleStore *store,
               int          season)
{
  g_autoptr(GError) error = NULL;
  CercleReferralStats *stats = cercle_store_compute_referral_stats (store, season, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);

  return stats;
}

void
test_stats (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(CercleReferralStats) stats = compute_stats (fixture->store, 2026);
  g_autoptr(CercleReferralStats) staff_stats = NULL;
  g_autoptr(CercleReferralStats) last_season = NULL;
  CercleMemberSeason *alice, *bruno, *clara;

  /* Club-wide: counts and totals */
  g_assert_cmpint (stats->season, ==, 2026);
  g_assert_cmpuint (stats->n_given, ==, 6);
  g_assert_cmpuint (stats->n_won, ==, 3);
  g_assert_cmpuint (stats->n_closed, ==, 5);
  g_assert_cmpint (stats->total_cents, ==, 1600000);
  g_assert_cmpint (stats->month_cents[0], ==, 50000);      /* September */
  g_assert_cmpint (stats->month_cents[1], ==, 1250000);    /* October */
  g_assert_cmpint (stats->month_cents[2], ==, 300000);     /* November */
  g_assert_cmpint (stats->month_cents[3], ==, 0);
  g_assert_cmpuint (stats->month_won[1], ==, 1);
  g_assert_cmpuint (stats->n_one_to_ones, ==, 2);

  /* Conversion by temperature, over what closed */
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 1), ==, 0.0);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 2), ==, -1.0);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 3), ==, 0.5);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 4), ==, 1.0);
  g_assert_cmpfloat (cercle_referral_stats_conversion (stats, 5), ==, 1.0);

  /* Member by member, in name order (Durand, Lefèvre, Martin, Roux) */
  g_assert_cmpuint (stats->members->len, ==, 4);
  g_assert_cmpstr (((CercleMemberSeason *)stats->members->pdata[0])->name, ==, "Bruno Durand");
  g_assert_cmpstr (((CercleMemberSeason *)stats->members->pdata[3])->name, ==, "Hélène Roux");
  alice = activity_of (stats, ALICE);
  bruno = activity_of (stats, BRUNO);
  clara = activity_of (stats, CLARA);
  g_assert_cmpuint (alice->given, ==, 2);
  g_assert_cmpuint (alice->received, ==, 2);
  g_assert_cmpuint (bruno->given, ==, 2);
  g_assert_cmpuint (bruno->received, ==, 3);
  g_assert_cmpuint (clara->given, ==, 2);
  g_assert_cmpuint (clara->received, ==, 1);
  g_assert_cmpuint (bruno->won, ==, 1);
  g_assert_cmpuint (alice->one_to_ones, ==, 1);
  g_assert_cmpuint (bruno->one_to_ones, ==, 2);
  g_assert_cmpuint (clara->one_to_ones, ==, 1);

  /* Alice sees her own business closed, not the others': the club does
   * not rank it */
  g_assert_cmpint (alice->business_cents, ==, 300000);
  g_assert_cmpint (bruno->business_cents, ==, -1);
  g_assert_cmpint (clara->business_cents, ==, -1);

  be (fixture->store, STAFF);
  staff_stats = compute_stats (fixture->store, 2026);
  g_assert_cmpint (activity_of (staff_stats, BRUNO)->business_cents, ==, 1250000);
  g_assert_cmpint (activity_of (staff_stats, CLARA)->business_cents, ==, 50000);

  /* Last season: R7 was given then, and the old one-to-one */
  last_season = compute_stats (fixture->store, 2025);
  g_assert_cmpuint (last_season->n_given, ==, 1);
  g_assert_cmpuint (last_season->n_won, ==, 0);
  g_assert_cmpuint (last_season->n_one_to_ones, ==, 1);
}

/* When the club ranks business, everyone sees it member by member */
void
test_stats_ranking (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(CercleClub) club = NULL;
  g_autoptr(CercleReferralStats) stats = NULL;
  g_autoptr(GError) error = NULL;

  club = cercle_store_dup_club (fixture->store, &error);
  g_assert_no_error (error);
  g_object_set (club, "rank-business", TRUE, NULL);
  g_assert_true (cercle_store_save_all (fixture->store, (CercleRecord **)&club, 1,
                                        CERCLE_SAVE_FROM_SERVER, &error));
  g_assert_no_error (error);

  stats = compute_stats (fixture->store, 2026);
  g_assert_cmpint (activity_of (stats, BRUNO)->business_cents, ==, 1250000);
}

void
test_stats_csv (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CercleReferralStats) stats = compute_stats (fixture->store, 2026);
  g_autoptr(CercleReferralStats) copy = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  /* A name someone typed to be run by a spreadsheet is written as text */
  cercle_referral_stats_add_member (stats, "x", "=HYPERLINK(\"http://x\")")->business_cents = -1;
  copy = cercle_referral_stats_copy (stats);
  csv = cercle_referral_stats_to_csv (copy);
  lines = g_strsplit (csv, "\r\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], "\xef\xbb\xbfMember;Referrals given;"));
  g_assert_cmpstr (lines[1], ==, "Bruno Durand;2;3;1;;2");
  g_assert_cmpstr (lines[3], ==, "Alice Martin;2;2;1;3000.00;1");
  g_assert_cmpstr (lines[5], ==, "\"'=HYPERLINK(\"\"http://x\"\")\";0;0;0;;0");
  g_assert_cmpstr (lines[6], ==, "");
  /* Nothing of any prospect, of course */
  g_assert_null (strstr (csv, "Petit"));
}
